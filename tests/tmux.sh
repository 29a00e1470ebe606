# Driving radar in a private tmux server, for the screen tests; sourced after
# tests/lib.sh.  Each tmux_new_server gets its own socket, so a server still
# shutting down never races the next one; the last is killed at exit.

# tmux_setup NAME: name the sockets and clean up at exit.
tmux_setup() {
	TMUX_NAME=$1
	SERVERS=0
	SOCKET=$TMUX_NAME-$$-0
	trap 'tm kill-server >/dev/null 2>&1; rm -rf "$TEST_TMP"' EXIT
	trap 'tm kill-server >/dev/null 2>&1; rm -rf "$TEST_TMP"; exit 130' INT
	trap 'tm kill-server >/dev/null 2>&1; rm -rf "$TEST_TMP"; exit 143' TERM
}

tmux_new_server() {
	tm kill-server >/dev/null 2>&1
	SERVERS=$((SERVERS + 1))
	SOCKET=$TMUX_NAME-$$-$SERVERS
}

tm() { "$TMUX_BIN" -L "$SOCKET" -f /dev/null "$@"; }

# The screen as text; tmux drops trailing blanks, so lines compare exactly
# however ncurses chose to paint the blank cells.
capture() { tm capture-pane -p -t radar 2>/dev/null; }

# Wait (at most 5 s) until the screen differs from the one before the last
# keys (or 1 s went by without a change), then until two captures 50 ms
# apart are equal: no fixed sleeps, so a loaded machine only runs slower.
settle() {
	_tries=0
	_previous=
	while [ $_tries -lt 100 ]; do
		_now=$(capture)
		if [ -n "$_now" ] && [ "$_now" = "$_previous" ]; then
			if [ "$_now" != "$LAST_SCREEN" ] || [ $_tries -ge 20 ]; then
				LAST_SCREEN=$_now
				return 0
			fi
		fi
		_previous=$_now
		_tries=$((_tries + 1))
		sleep 0.05
	done
	LAST_SCREEN=$_now
	diag "the screen did not settle in 5 s"
}

keys() { tm send-keys -t radar "$@"; settle; }
literal() { tm send-keys -t radar -l "$1"; settle; }
