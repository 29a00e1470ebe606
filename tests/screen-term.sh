#!/bin/sh
# Terminals (tmux, see tests/tmux.sh): TERM=dumb, an unset TERM and an
# unknown TERM are refused with a message and a hint instead of a broken
# screen; on an 8-colour terminal (TERM=xterm) the status line is not the
# unreadable white on cyan that nearest colours gave.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"
screen_setup radar-term "${1:-}"

# refused ENV_WORDS: radar run with them; its status and stderr.
refused() {
	tmux_new_server
	rm -f "$TEST_TMP/status" "$TEST_TMP/err"
	tm new-session -d -x 80 -y 24 -s radar \
		"env $1 LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC HOME='$HOME' XDG_DATA_HOME='$XDG_DATA_HOME' \
		XDG_CONFIG_HOME='$XDG_CONFIG_HOME' '$RADAR' --db '$DB' 2>'$TEST_TMP/err'; \
		echo \$? >'$TEST_TMP/status'; sleep 30"
	wait_file "$TEST_TMP/status"
	STATUS=$(cat "$TEST_TMP/status" 2>/dev/null)
	ERR=$(cat "$TEST_TMP/err" 2>/dev/null)
}

refused "TERM=dumb"
is "$STATUS" 1 "TERM=dumb: radar exits 1"
like "$ERR" 'TERM=dumb cannot show the reader.*try TERM=xterm-256color' "TERM=dumb: says why, with a hint"
unlike "$(capture)" 'All' "TERM=dumb: no reader drawn onto one line"

refused "-u TERM"
is "$STATUS" 1 "TERM unset: radar exits 1"
like "$ERR" 'TERM is not set.*try TERM=xterm-256color' "TERM unset: says so, with a hint"

refused "TERM=no-such-terminal-xyz"
is "$STATUS" 1 "an unknown TERM: radar exits 1"
like "$ERR" "no terminfo entry for TERM=no-such-terminal-xyz; install it .*ncurses-term.*TERM=xterm-256color" \
	"an unknown TERM: names it and says what to install"

# 8 colours: the status line's colours (tmux's SGR) read well.
START_TERM=xterm start 80 24 "$DB"
status=$(capture_colours | sed -n 23p)
case $status in
*'[37m'*'[46m'* | *'[37;46m'* | *'[46m'*'[37m'*) not_ok "TERM=xterm: the status line is not white on cyan" "$(printf '%s' "$status" | od -c | head -3)" ;;
*) pass "TERM=xterm: the status line is not white on cyan" ;;
esac
like "$status" '(\[37m.*\[44m|\[44m.*\[37m|\[37;44m)' "TERM=xterm: it is white on blue"
like "$(capture | sed -n 23p)" 'All  1/9' "and the reader works"
tm send-keys -t radar q

done_testing
