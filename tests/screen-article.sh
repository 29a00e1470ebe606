#!/bin/sh
# Opening an item (tmux, see tests/tmux.sh): Enter shows the article, J and K
# step through items from the article and from the list, q goes back, and an
# opened item is marked read.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"
screen_setup radar-article "${1:-}"

start 80 24 "$DB"
keys Enter
screen 80x24-article "Enter opens the article, which takes the screen at 80 columns"
keys J
like "$(capture | head -n 1)" 'lantern/ｆｕｌｌ－ｗｉｄｔｈ「标点」测试' "J in the article opens the next item"
like "$(status_line 24)" ' All  2/9 ' "... and moves the list cursor with it"
keys K
like "$(capture | head -n 1)" '本地跑 70B 模型' "K goes back to the previous one"
keys q
run "$RADAR" --db "$DB" ls --unread
unlike "$RUN_STDOUT" 'lantern' "an item opened with J is marked read"
keys g g k j
keys J
like "$(status_line 24)" ' All  3/9 ' "in the list, J moves without opening"
is "$(cursor_row)" 3 "... the highlight is on the third row"
keys k r
keys g g
screen 80x24-after-open "q goes back; the opened item is read (no N flag)"
tm send-keys -t radar q

done_testing
