#!/bin/sh
# The Hot and New views in the reader (tmux, see tests/tmux.sh).  Hot: only
# items mentioned in the last hot-days days, by score, with that count;
# `set hot-days` limits it; leaving Hot (q, Esc, another view) gives back
# the sort from before it.  New: after a second start, only the items
# first seen since the first one; rows that arrive during a session are
# marked +.  Digests are dated relative to today; screens are checked by
# their lines, not saved whole (the dates change every day).
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"
LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC TERM=xterm
export LANG LC_ALL TZ TERM
date -d yesterday +%F >/dev/null 2>&1 || { echo "1..0 # SKIP no GNU date"; exit 0; }
screen_setup radar-hotnew "${1:-}"
db=$TEST_TMP/hot.db
mkdir -p "$TEST_TMP/d" "$TEST_TMP/later"
digest() { # DIR NAME DAYS-AGO NAME...
	_dir=$1 _name=$2 _day=$(date -d "$3 days ago" +%F)
	shift 3
	{
		printf -- '---\ndate: %s\n---\n# %s\n\n' "$_day" "$_name"
		for _u in "$@"; do printf -- '- [%s tool](https://github.com/o/%s): about %s.\n' "$_u" "$_u" "$_u"; done
	} >"$_dir/$_name.md"
}
digest "$TEST_TMP/d" today 0 alpha beta
digest "$TEST_TMP/d" yesterday 1 beta gamma
digest "$TEST_TMP/d" old 10 delta
digest "$TEST_TMP/d" days4 4 theta
"$RADAR" --db "$db" import "$TEST_TMP/d" >/dev/null
mkdir -p "$XDG_CONFIG_HOME/radar"
printf 'set refresh-on-start no\nset hot-days 2\nset sort title\n' >"$XDG_CONFIG_HOME/radar/config"

start 80 24 "$db"
literal ":hot"
keys Enter
list=$(capture | head -n 4)
like "$(printf '%s\n' "$list" | sed -n 1p)" 'x2 .*beta tool' "Hot: beta first, with its two sources of the window"
like "$(printf '%s\n' "$list" | sed -n 3p)" 'gamma tool' "... then alpha and gamma"
unlike "$(capture)" 'delta|theta' "items mentioned only 4 or 10 days ago are not hot with hot-days 2"
like "$(status_line 24)" ' Hot .*\[hot\]' "the status line names the view and its sort"
# Leaving Hot gives back the sort the user had (title, from the config):
# q, Esc, another view, and after a / search inside Hot two q's.
keys q
like "$(status_line 24)" ' All .*\[title\]' "q out of Hot: All, sorted by title again"
literal ":hot"
keys Enter
keys Escape
like "$(status_line 24)" ' All .*\[title\]' "Esc out of Hot: the title sort again"
literal ":hot"
keys Enter
literal ":new"
keys Enter
like "$(status_line 24)" ' New .*\[title\]' "another view after Hot (:new) is sorted by title"
keys q
literal ":hot"
keys Enter
literal "/tool"
keys Enter
like "$(status_line 24)" '\[hot\]' "a / search inside Hot keeps the hot sort"
keys q
like "$(status_line 24)" ' Hot .*\[hot\]' "q: back in Hot, still by hot"
keys q
like "$(status_line 24)" ' All .*\[title\]' "q again: All, by title"
literal ":hot"
keys Enter
literal ":sort newest"
keys Enter
keys q
like "$(status_line 24)" ' All .*\[newest\]' "a sort chosen inside Hot is the user's: leaving keeps it"
literal ":hot"
keys Enter
literal ":sort title"
keys Enter
literal ":sort hot"
keys Enter
keys q
like "$(status_line 24)" ' All .*\[hot\]' "... even when it is hot again"
tm send-keys -t radar Q
sleep 0.3

# A second start: New holds what arrived since the first.
sleep 1.1
digest "$TEST_TMP/later" fresh 0 epsilon zeta
"$RADAR" --db "$db" import "$TEST_TMP/later" >/dev/null
start 80 24 "$db"
literal ":new"
keys Enter
list=$(capture | head -n 5)
like "$list" 'zeta tool' "New after a second start: the items imported since the first"
like "$list" 'epsilon tool' "... both of them"
unlike "$list" 'alpha|beta|gamma|delta|theta' "... and nothing seen before"
unlike "$list" '^[0-9-]{10} R\+' "items there at the start are not marked as arrived this session"

# During the session: an import from outside, then R re-reads the cache.
# (First seen times are whole seconds: let one pass after the start.)
sleep 1.1
digest "$TEST_TMP/later" fresher 0 eta
"$RADAR" --db "$db" import "$TEST_TMP/later" >/dev/null
literal ":all"
keys Enter
keys R
like "$(capture)" '^[0-9-]{10} R\+.*eta tool' "a row that arrived during the session is marked +"
unlike "$(capture)" '^[0-9-]{10} R\+.*zeta tool' "... and only such rows"
done_testing
