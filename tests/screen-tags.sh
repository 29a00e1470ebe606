#!/bin/sh
# The views and tags overlay (tmux, see tests/tmux.sh): t shows it, Enter
# opens a view.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"
screen_setup radar-tags "${1:-}"
# The saved screen shows the first item read (as after opening it).
"$RADAR" --db "$DB" read 5 >/dev/null

start 80 24 "$DB"
keys t
screen 80x24-tags "t shows the views and tags as an overlay"
keys j j j Enter
like "$(status_line 24)" 'Today|Starred|Unread' "Enter in the tags opens a view"
tm send-keys -t radar q

done_testing
