#!/bin/sh
# The user's own tags in the reader (tmux, see tests/tmux.sh): + opens a
# prompt where Tab completes over the cache's tag names and cycles; Enter
# tags the item (the article shows +TAG, the tag pane marks it with +);
# "-TAG" in that prompt and T remove one; a count tags that many items;
# u undoes a tagging.  Each checked with radar ls --tag.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"
LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC TERM=xterm
export LANG LC_ALL TZ TERM
screen_setup radar-usertags "${1:-}"
"$RADAR" --db "$DB" tag 9 reading-list >/dev/null
"$RADAR" --db "$DB" tag 8 read-later >/dev/null
tagged() { "$RADAR" --db "$DB" ls --tag "$1" | wc -l | tr -d ' '; }

start 80 24 "$DB"
keys +
like "$(capture | tail -n 1)" '^\+' "+ opens the tag prompt"
literal "rea"
keys Tab
like "$(capture | tail -n 1)" '^\+read-later' "Tab completes the first tag name with that start"
keys Tab
like "$(capture | tail -n 1)" '^\+reading-list' "Tab again cycles to the next"
screen 80x24-tag-prompt "the tag prompt with a completion"
keys Enter
is "$(tagged reading-list)" 2 "Enter tags the item"
keys Enter
like "$(capture)" '\+reading-list' "the article shows the user's tag with +"
keys q

keys u
is "$(tagged reading-list)" 1 "u undoes the tagging"

keys 2 +
literal "mine"
keys Enter
is "$(tagged mine)" 2 "a count tags that many items"
keys +
tm send-keys -t radar -l -- "-mine"
settle
keys Enter
is "$(tagged mine)" 1 "-TAG in the prompt removes it"
keys j T
keys Tab
like "$(capture | tail -n 1)" '^-mine' "T completes over the item's own tags"
keys Enter
is "$(tagged mine)" 0 "T removes it"

keys t
like "$(capture)" '\+ reading-list' "the tag pane marks the user's tags with +"
done_testing
