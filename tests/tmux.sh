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

# ---------------------------------------------------------------- screen tests
# What the tests/screen-*.sh scripts share.  Each one starts its own radar on
# its own cache, so a mis-step in one feature never shifts another's screens.
#
#   screen_setup NAME [--regenerate]
#                   skip without tmux or base64, start the tmux bookkeeping,
#                   import tests/fixtures/tui into $DB (one test), and write
#                   a stub browser that records its argv in $BROWSER_LOG
#   start W H DB    radar in a new session with a pinned environment
#                   (START_TERM replaces TERM; START_ENV adds VAR=value words)
#   resize W H      resize and wait for the redraw
#   screen NAME DESC   the whole screen must match tests/screens/NAME.txt
#   status_line H   line H-1 of the screen (the status line)
#   capture_colours the screen with its SGR sequences (capture-pane -e)
#   cursor_row      the number of the first line drawn in reverse video
#   wait_file FILE  at most 5 s for FILE to exist
screen_setup() {
	REGENERATE=
	[ "${2:-}" = "--regenerate" ] && REGENERATE=1
	: "${TMUX_BIN:=$(command -v tmux 2>/dev/null)}"
	if [ -z "$TMUX_BIN" ] || ! [ -x "$TMUX_BIN" ]; then
		echo "1..0 # SKIP tmux not found"
		exit 0
	fi
	command -v base64 >/dev/null 2>&1 || { echo "1..0 # SKIP base64 not found"; exit 0; }
	SCREENS=$top_srcdir/tests/screens
	tmux_setup "$1"
	DB=$TEST_TMP/radar.db
	run "$RADAR" --db "$DB" import "$top_srcdir/tests/fixtures/tui"
	is "$RUN_STATUS" 0 "the fixture digests import" || bail_out "$RUN_STDERR"
	BROWSER_LOG=$TEST_TMP/browser.log
	cat >"$TEST_TMP/browser" <<STUB
#!/bin/sh
for arg in "\$@"; do printf '%s\n' "\$arg"; done >"$BROWSER_LOG.tmp"
mv "$BROWSER_LOG.tmp" "$BROWSER_LOG"
STUB
	chmod +x "$TEST_TMP/browser"
}

start() {
	tmux_new_server
	tm new-session -d -x "$1" -y "$2" -s radar \
		"env -u LINES -u COLUMNS TERM=${START_TERM:-xterm-256color} LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC \
		HOME='$HOME' XDG_DATA_HOME='$XDG_DATA_HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' \
		BROWSER='${BROWSER_STUB-$TEST_TMP/browser}' DISPLAY= WAYLAND_DISPLAY= NO_COLOR= PATH='$PATH' \
		${START_ENV-} '$RADAR' --db '$3' 2>'$TEST_TMP/stderr'; sleep 30"
	LAST_SCREEN=
	settle
}

# tmux sends SIGWINCH after a delay of its own, so wait (at most 5 s) for
# radar's status line to end at the new right edge first.
resize() {
	tm resize-window -t radar -x "$1" -y "$2"
	_n=0
	while [ $_n -lt 100 ]; do
		_status=$(capture | sed -n "$(($2 - 1))p")
		case $_status in
		*'?:help') [ "$(printf '%s' "$_status" | wc -m)" -eq "$1" ] && break ;;
		esac
		sleep 0.05
		_n=$((_n + 1))
	done
	settle
}

screen() {
	capture >"$TEST_TMP/$1.txt"
	if [ -n "$REGENERATE" ]; then
		mkdir -p "$SCREENS"
		cp "$TEST_TMP/$1.txt" "$SCREENS/$1.txt"
		pass "$2 (regenerated $1.txt)"
		return
	fi
	if cmp -s "$TEST_TMP/$1.txt" "$SCREENS/$1.txt"; then
		pass "$2"
	else
		not_ok "$2" "screen $1 differs (< expected, > got):"
		diff "$SCREENS/$1.txt" "$TEST_TMP/$1.txt" | sed 's/^/# /'
	fi
}

status_line() { capture | sed -n "$(($1 - 1))p"; }

capture_colours() { tm capture-pane -p -e -t radar 2>/dev/null; }

# The first screen line drawn in reverse video (SGR 7): the cursor's row.
cursor_row() {
	capture_colours | awk '/^\033\[([0-9]+;)*7m/ { print NR; exit }'
}

wait_file() {
	_n=0
	while [ ! -s "$1" ] && [ $_n -lt 100 ]; do sleep 0.05; _n=$((_n + 1)); done
	[ -s "$1" ]
}
