#!/bin/sh
# Sizes (tmux, see tests/tmux.sh): resizing 80x24 to 160x48 and back, and a
# reader started at 160x48 with three panes (tags, list, article): the
# article follows the cursor, h and Tab move the focus.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"
screen_setup radar-resize "${1:-}"
# The saved screens show the first item read (as after opening it).
"$RADAR" --db "$DB" read 5 >/dev/null

start 80 24 "$DB"
resize 160 48
screen 160x48-resized "resizing to 160x48 redraws with three panes"
resize 80 24
screen 80x24-resized-back "and back to 80x24"
tm send-keys -t radar q

start 160 48 "$DB"
screen 160x48-first "160x48 first screen: tags, list and article side by side"
keys j
like "$(capture | head -n 1)" 'x lantern/ｆｕｌｌ－ｗｉｄｔｈ「标点」测试' "in three panes the article follows the list cursor"
keys h j j Enter
like "$(status_line 48)" ' Starred  0/0 ' "h goes to the tags; Enter there opens a view"
keys Tab
literal ":all"
keys Enter
keys Tab Tab
like "$(status_line 48)" ' All  1/9 ' "Tab moves between panes"
tm send-keys -t radar q

done_testing
