#!/bin/sh
# The list on a real terminal (tmux, see tests/tmux.sh): the first screen at
# 80x24, the motions (checked on the status line and on the reverse-video
# cursor row), and an empty cache.  Screens compare exactly with
# tests/screens/*.txt; --regenerate rewrites them (review them by eye).
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"
screen_setup radar-list "${1:-}"

start 80 24 "$DB"
screen 80x24-first "80x24 first screen: CJK, emoji and full-width titles aligned"
like "$(status_line 24)" ' All  1/9  ' "the status line shows the view and position"
is "$(cursor_row)" 1 "the cursor (reverse video) is on the first row"

keys j j j
like "$(status_line 24)" ' All  4/9  ' "j moves down"
is "$(cursor_row)" 4 "... and the highlight moves to the fourth row"
keys k
like "$(status_line 24)" ' All  3/9  ' "k moves up"
is "$(cursor_row)" 3 "... and the highlight with it"
keys G
like "$(status_line 24)" ' All  9/9  ' "G goes to the last item"
is "$(cursor_row)" 9 "... highlighted on the ninth row"
keys g g
like "$(status_line 24)" ' All  1/9  ' "gg goes to the first item"
is "$(cursor_row)" 1 "... highlighted on the first row"
keys 5 j
like "$(status_line 24)" ' All  6/9  ' "5j moves five down"
is "$(cursor_row)" 6 "... highlighted on the sixth row"
tm send-keys -t radar q

start 80 24 "$TEST_TMP/none.db"
screen 80x24-empty "an empty cache says how to add digests"
tm send-keys -t radar q

# With sources configured (and not fetched at start), the empty cache says
# how to fetch them instead.
mkdir -p "$XDG_CONFIG_HOME/radar"
printf 'set refresh-on-start no\nsource a http://127.0.0.1:1/a.md\nsource b http://127.0.0.1:1/b.md\n' \
	>"$XDG_CONFIG_HOME/radar/config"
start 80 24 "$TEST_TMP/none2.db"
like "$(capture)" 'Press R to fetch the 2 configured sources' "an empty cache with sources says to press R"
like "$(capture)" 'or run: +radar refresh' "... or to run radar refresh"
unlike "$(capture)" 'radar import' "... not to import files"
tm send-keys -t radar q
rm -f "$XDG_CONFIG_HOME/radar/config"

done_testing
