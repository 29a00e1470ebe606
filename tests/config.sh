#!/bin/sh
# The config file in the reader (tmux): a rebound key and a changed colour
# take effect; a config with errors reports FILE:LINE: messages and radar
# still starts with the rest.  Plus the same errors on the command line.
. "${top_srcdir:-.}/tests/lib.sh"

: "${TMUX_BIN:=$(command -v tmux 2>/dev/null)}"
if [ -z "$TMUX_BIN" ] || ! [ -x "$TMUX_BIN" ]; then
	echo "1..0 # SKIP tmux not found"
	exit 0
fi

. "$top_srcdir/tests/tmux.sh"
tmux_setup radar-config

DB=$TEST_TMP/radar.db
run "$RADAR" --db "$DB" import "$top_srcdir/tests/fixtures/tui"
is "$RUN_STATUS" 0 "the fixture digests import" || bail_out "$RUN_STDERR"

# start CONFIG [ENV...]: radar at 80x24 with --config CONFIG.
start() {
	_config=$1; shift
	tmux_new_server
	tm new-session -d -x 80 -y 24 -s radar \
		"env -u LINES -u COLUMNS TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC \
		HOME='$TEST_TMP' XDG_CONFIG_HOME='$TEST_TMP/xdg' NO_COLOR= $* PATH='$PATH' \
		sh -c \"cd '$TEST_TMP' && '$RADAR' --db '$DB' --config '$_config'\" 2>'$TEST_TMP/stderr'; sleep 30"
	wait_for 'help'
	LAST_SCREEN=$(capture)
}

capture_colours() { tm capture-pane -p -e -t radar 2>/dev/null; }

# wait_for TEXT: at most 5 s for TEXT on the screen.
wait_for() {
	_n=0
	while [ $_n -lt 100 ]; do
		case $(capture) in *"$1"*) sleep 0.1; return 0 ;; esac
		sleep 0.05
		_n=$((_n + 1))
	done
	diag "'$1' did not show up"
	return 1
}

status_line() { capture | sed -n 23p; }

# ---------------------------------------------------------------- rebinding and colours
cat >"$TEST_TMP/good.conf" <<'CONF'
# x shows the help, j does nothing, J moves down; the status line is red on
# colour 22 and bold.
bind x help
bind j none
bind J down
color status red color22 bold
CONF
start good.conf
like "$(status_line)" '1/9' "the reader starts on item 1 with the config"
keys j
like "$(status_line)" '1/9' "j is unbound: the cursor stays"
keys J
like "$(status_line)" '2/9' "J (bound to down) moves the cursor"
like "$(capture_colours)" '38;5;1m|31m' "the status line's foreground is red"
like "$(capture_colours)" '48;5;22m' "the status line's background is colour 22"
keys x
like "$(capture | sed -n 1p)" 'keys \(q to close\)' "x (bound to help) opens the help screen"
like "$(capture)" 'J +move down' "the help screen shows the new key"
keys q
keys Q
unlike "$(cat "$TEST_TMP/stderr")" 'good.conf' "a good config reports nothing"

# ---------------------------------------------------------------- the same without colours
start good.conf NO_COLOR=1
unlike "$(capture_colours)" '48;5;22m' "NO_COLOR: no colour 22"
keys J
like "$(status_line)" '2/9' "NO_COLOR keeps the key bindings"
keys Q

# ---------------------------------------------------------------- errors
cat >"$TEST_TMP/bad.conf" <<'CONF'
set srot title
bind x hlep
color status red default
theme nope
CONF
start bad.conf
like "$(status_line)" '1/9' "radar starts with a bad config"
like "$(capture | sed -n 24p)" "^3 problems in the config \\(:messages\\): bad.conf:1: unknown option 'srot'" \
	"how many problems, where to read them, and the first with file:line are on the message line"
keys x
keys j
like "$(status_line)" '2/9' "the default keys still work"
keys Q
_n=0
while [ ! -s "$TEST_TMP/stderr" ] && [ $_n -lt 100 ]; do sleep 0.05; _n=$((_n + 1)); done
like "$(cat "$TEST_TMP/stderr")" "^radar: bad.conf:1: unknown option 'srot' \\(did you mean 'sort'\\?\\)\$" \
	"every problem is printed in full after the screen is restored: the first,"
like "$(cat "$TEST_TMP/stderr")" "^radar: bad.conf:2: unknown action 'hlep'" "... the second"
like "$(cat "$TEST_TMP/stderr")" "^radar: bad.conf:4: unknown theme 'nope'" "... and the last"

# ---------------------------------------------------------------- the command line
run "$RADAR" --db "$DB" --config "$TEST_TMP/bad.conf" refresh
like "$RUN_STDERR" "bad.conf:2: unknown action 'hlep' \\(did you mean 'help'\\?\\)" \
	"radar refresh reports a misspelt action with file:line"
like "$RUN_STDERR" "bad.conf:4: unknown theme 'nope'" "and an unknown theme"
done_testing
