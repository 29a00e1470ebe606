#!/bin/sh
# Sizes (tmux, see tests/tmux.sh): resizing 80x24 to 160x48 and back, and a
# reader started at 160x48 with three panes (tags, list, article): the
# article follows the cursor, h and Tab move the focus, and the lines beside
# the focused pane are marked; narrowing while reading keeps the article.
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

# The borders' colours on an empty row, left to right: default.theme's
# border is color60, border-focus color179.
borders() {
	capture_colours | sed -n 30p | grep -o '38;5;\(60\|179\)m' | sed 's/38;5;\([0-9]*\)m/\1/' | tr '\n' ' '
}
is "$(borders)" "179 179 " "focus in the list: both lines beside it are marked"
keys Tab
is "$(borders)" "60 179 " "focus in the article: only the line beside it"
keys Tab
is "$(borders)" "179 60 " "focus in the tags: only the line beside them"
tm send-keys -t radar q

# Reading an article in three panes when the window narrows: it stays open.
start 160 48 "$DB"
keys Enter
resize 80 24
like "$(capture | head -n 1)" '^ 本地跑 70B 模型：双卡还是统一内存？' "narrowing to one pane while reading keeps the article"
like "$(status_line 24)" ' [0-9]+%  ' "... and the status line shows the reading position"
keys q
like "$(capture | head -n 1)" '^2026-03-02 D' "q then goes back to the list"
tm send-keys -t radar q

done_testing
