#!/bin/sh
# The help screen (tmux, see tests/tmux.sh): ? shows it, G scrolls it, other
# keys do nothing there, q closes it.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"
screen_setup radar-help "${1:-}"

start 80 24 "$DB"
keys '?'
screen 80x24-help "? shows the help generated from the action table"
keys G
like "$(capture | sed -n 22p)" ':search QUERY' "G scrolls the help to its last line"
keys s q
like "$(status_line 24)" ' All  1/9 ' "other keys do nothing on the help screen; q closes it"
run "$RADAR" --db "$DB" ls --starred
is "$RUN_STDOUT" "" "... s on the help screen starred nothing"
tm send-keys -t radar q

done_testing
