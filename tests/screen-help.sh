#!/bin/sh
# The help screen (tmux, see tests/tmux.sh): ? shows it, with its position
# and the keys in the help-key colour, G scrolls it, the kind letters are
# explained, other keys do nothing there, q closes it; :sources shows its
# position too.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"
screen_setup radar-help "${1:-}"

start 80 24 "$DB"
keys '?'
screen 80x24-help "? shows the help generated from the action table"
like "$(capture | head -n 1)" '^radar .* [0-9]+ lines, [0-9]+%$' "the title says how long the help is and where we are"
unlike "$(capture | head -n 1)" ' 100%$' "... not all of it shown at 80x24"
# default.theme's help-key is color179, bold.
like "$(capture_colours | sed -n 2p)" '38;5;179m' "keys are drawn in the help-key colour"
keys G
like "$(capture | sed -n 22p)" ':search QUERY' "G scrolls the help to its last line"
like "$(capture | head -n 1)" ' 100%$' "... and the title says 100%"
keys g g
keys C-d C-d C-d
like "$(capture)" 'the kind letters' "the help explains the kind letters"
like "$(capture)" '  P  paper' "... P is a paper"
keys s q
like "$(status_line 24)" ' All  1/9 ' "other keys do nothing on the help screen; q closes it"
run "$RADAR" --db "$DB" ls --starred
is "$RUN_STDOUT" "" "... s on the help screen starred nothing"
literal ":sources"
keys Enter
like "$(capture | head -n 1)" '^Sources .* [0-9]+ lines?, 100%$' ":sources shows its position too"
keys q
tm send-keys -t radar q

done_testing
