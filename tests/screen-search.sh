#!/bin/sh
# Search in the list (tmux, see tests/tmux.sh): a CJK search, n and N,
# editing the prompt over wide characters, an English search.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"
screen_setup radar-search "${1:-}"
# The saved screens show the first item read (as after opening it).
"$RADAR" --db "$DB" read 5 >/dev/null

start 80 24 "$DB"
literal "/模型"
keys Enter
screen 80x24-search-cjk "a two-character Chinese search lists its matches"
keys n
like "$(status_line 24)" 'search: 模型 *2/2' "n goes to the next match"
keys N
like "$(status_line 24)" 'search: 模型 *1/2' "N goes back"
# Editing: a wide character is one step for Backspace and the arrows.
literal "/型x"
keys BSpace Left
literal "模"
keys Enter
like "$(status_line 24)" 'search: 模型 *1/2' "prompt editing: Backspace and Left over CJK, insert before"
literal "/agents"
keys Enter
screen 80x24-search-en "an English search"
tm send-keys -t radar q

done_testing
