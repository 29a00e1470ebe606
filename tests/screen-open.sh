#!/bin/sh
# Leaving radar for the URL (tmux, see tests/tmux.sh): o starts $BROWSER with
# the URL as one argument, y copies it with OSC 52, and with no display and
# no $BROWSER o offers the copy instead.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"
screen_setup radar-open "${1:-}"

start 80 24 "$DB"
literal "/Quoting"
keys Enter
keys o
if wait_file "$BROWSER_LOG"; then
	is "$(wc -l <"$BROWSER_LOG" | tr -d ' ')" 1 "o starts \$BROWSER with the URL as one argument"
	is "$(cat "$BROWSER_LOG")" "https://example.org/a%20b?q=%22x%22;y=1&z='w'" "the argument is the URL, quotes and ; intact"
else
	not_ok "o starts \$BROWSER" "no argv recorded"
	skip "no argv" 1
fi

tm pipe-pane -t radar -o "cat >>'$TEST_TMP/copy.out'"
sleep 0.2
keys y
sleep 0.2
tm pipe-pane -t radar
url="https://example.org/a%20b?q=%22x%22;y=1&z='w'"
b64=$(printf '%s' "$url" | base64 | tr -d '\n')
if grep -qF "]52;c;$b64" "$TEST_TMP/copy.out" 2>/dev/null; then
	pass "y writes the URL to the terminal as OSC 52"
else
	not_ok "y writes the URL to the terminal as OSC 52" "$(od -c "$TEST_TMP/copy.out" 2>/dev/null | head -5)"
fi
like "$(capture | tail -n 1)" 'Copied' "y says what it copied"
tm send-keys -t radar q

# With no display and no $BROWSER (over SSH), o says so and offers copy.
BROWSER_STUB= start 80 24 "$DB"
keys o
like "$(capture | tail -n 1)" 'No display and no \$BROWSER: press y to copy https://' "o without a display offers copy"
tm send-keys -t radar q

done_testing
