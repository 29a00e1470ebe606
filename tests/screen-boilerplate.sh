#!/bin/sh
# Boilerplate in the reader (tmux, see tests/tmux.sh): a source's recurring
# promo is neither listed nor counted in the tag pane's kinds or sources; B
# shows it (list and counts) and hides it again, :boilerplate too, and the
# cursor stays on its item.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"
screen_setup radar-boilerplate "${1:-}"

# Three weekly digests of one source repeating two promos word for word.
src=$TEST_TMP/heron-weekly
mkdir -p "$src"
for n in 1 2 3; do
	cat >"$src/heron-2026-04-0$n.md" <<DIGEST
# Heron Weekly, April $n

## News

1. [Heron tracer release $n](https://heron.example.com/blog/tracer-$n): what changed in week $n of the tracer.

## Elsewhere

- [The Heron Hour podcast, every Friday](https://heronhour.example.net/episodes): the people behind the papers talk shop for forty minutes.
- [Join the heron meetup in April $n](https://meet.example.org/heron?ref=w$n): seats for the spring meetup, talks and office hours.
DIGEST
done
run "$RADAR" --db "$DB" import "$src"
is "$RUN_STATUS" 0 "three digests of one source import"
before=$("$RADAR" --db "$DB" ls | wc -l)
all=$("$RADAR" --db "$DB" ls --all | wc -l)
is "$((all - before))" 2 "two promos are boilerplate: ls leaves them out, ls --all lists them"
articles=$("$RADAR" --db "$DB" ls --kind article | wc -l)
heron=$("$RADAR" --db "$DB" ls --source heron-weekly | wc -l)
heron_all=$("$RADAR" --db "$DB" ls --all --source heron-weekly | wc -l)
is "$((heron_all - heron))" 2 "the source's list leaves the two promos out"

start 160 48 "$DB"
unlike "$(capture)" 'Heron Hour' "the podcast plug is not listed"
like "$(capture)" "articles +$articles( |\$)" "the tag pane counts the articles the list shows ($articles)"
like "$(status_line 48)" " All  1/$before " "the status line counts the listed items"
like "$(capture)" "heron-weekly +$heron( |\$)" "the tag pane's source counts the items its list shows ($heron)"

keys B
like "$(capture)" 'The Heron Hour podcast' "B lists the podcast plug"
like "$(capture)" 'Join the heron meetup' "... and the meetup invitation"
like "$(status_line 48)" " All  1/$all " "the view counts them"
like "$(capture | tail -n 1)" 'Boilerplate shown' "the status line says so"
like "$(capture)" "articles +$((articles + 2))( |\$)" "the tag pane's kinds count them"
like "$(capture)" "heron-weekly +$heron_all( |\$)" "... and so does its source ($heron_all)"

literal ":kind article"
keys Enter
like "$(status_line 48)" " articles  1/$((articles + 2)) " ":kind article lists them while shown"

literal ":boilerplate"
keys Enter
like "$(capture | tail -n 1)" 'Boilerplate hidden' ":boilerplate hides them again"
like "$(status_line 48)" " articles  1/$articles " "the kind's list is back to its count"
like "$(capture)" "articles +$articles( |\$)" "... and so is the tag pane's"
like "$(capture)" "heron-weekly +$heron( |\$)" "... and the source's"
unlike "$(capture)" 'Heron Hour' "the podcast plug is gone"

keys q
keys B
literal "/Heron Hour"
keys Enter
like "$(capture)" 'The Heron Hour podcast' "a search finds it"
keys B
like "$(capture)" 'The Heron Hour podcast' "a search lists it hidden or not (a query asks for it)"

tm send-keys -t radar Q
done_testing
