#!/bin/sh
# Leaving radar for the URL (tmux, see tests/tmux.sh): o starts $BROWSER with
# the URL as one argument; a GUI opener's failure is reported and it is
# reaped; a terminal browser gets the screen and gives it back; y copies to
# tmux's buffer and sends OSC 52, saying which; digits in the article are
# counts (12o is link 12); with no display and no browser o offers the copy.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"
screen_setup radar-open "${1:-}"

url="https://example.org/a%20b?q=%22x%22;y=1&z='w'"
start 80 24 "$DB"
literal "/Quoting"
keys Enter
keys o
if wait_file "$BROWSER_LOG"; then
	is "$(wc -l <"$BROWSER_LOG" | tr -d ' ')" 1 "o starts \$BROWSER with the URL as one argument"
	is "$(cat "$BROWSER_LOG")" "$url" "the argument is the URL, quotes and ; intact"
else
	not_ok "o starts \$BROWSER" "no argv recorded"
	skip "no argv" 1
fi

tm pipe-pane -t radar -o "cat >>'$TEST_TMP/copy.out'"
sleep 0.2
tm delete-buffer >/dev/null 2>&1
keys y
sleep 0.2
tm pipe-pane -t radar
b64=$(printf '%s' "$url" | base64 | tr -d '\n')
if grep -qF "]52;c;$b64" "$TEST_TMP/copy.out" 2>/dev/null; then
	pass "y writes the URL to the terminal as plain OSC 52"
else
	not_ok "y writes the URL to the terminal as plain OSC 52" "$(od -c "$TEST_TMP/copy.out" 2>/dev/null | head -5)"
fi
if grep -qF "Ptmux;" "$TEST_TMP/copy.out" 2>/dev/null; then
	not_ok "no tmux DCS passthrough (off by default in tmux 3.3)"
else
	pass "no tmux DCS passthrough (off by default in tmux 3.3)"
fi
is "$(tm show-buffer 2>/dev/null)" "$url" "y inside tmux puts the URL in tmux's buffer (load-buffer)"
like "$(capture | tail -n 1)" "Copied to tmux's buffer" "y says it went to tmux's buffer"
unlike "$(capture | tail -n 1)" 'Copied \(OSC 52\)' "and claims no OSC 52 copy it cannot know of"
tm send-keys -t radar q

# Outside tmux (TMUX unset, no display): OSC 52 is all, and the message says "sent".
START_ENV="TMUX=" start 80 24 "$DB"
keys y
like "$(capture | tail -n 1)" 'Sent to the terminal via OSC 52: https://' "outside tmux y says it sent OSC 52"
tm send-keys -t radar q

# A GUI opener that fails at once (xdg-open with a dead display exits 4).
cat >"$TEST_TMP/xdg-open" <<'STUB'
#!/bin/sh
exit 4
STUB
chmod +x "$TEST_TMP/xdg-open"
BROWSER_STUB=$TEST_TMP/xdg-open start 80 24 "$DB"
keys o
like "$(capture | tail -n 1)" 'xdg-open exited with status 4: https://' "an opener's non-zero exit is reported"
unlike "$(capture | tail -n 1)" 'Opened' "never 'Opened'"
defunct=$(ps -e -o stat=,comm= | grep -c '^Z.*xdg-open' || true)
is "$defunct" 0 "no xdg-open is left a zombie"
tm send-keys -t radar q

# A GUI browser that keeps running, then fails: reported when it ends.
cat >"$TEST_TMP/slow-open" <<'STUB'
#!/bin/sh
sleep 0.6
exit 3
STUB
chmod +x "$TEST_TMP/slow-open"
BROWSER_STUB=$TEST_TMP/slow-open start 80 24 "$DB"
keys o
like "$(capture | tail -n 1)" 'Started .*slow-open: https://' "a browser still running: radar says it started it"
_n=0
until capture | tail -n 1 | grep -q 'exited with status 3' || [ $_n -ge 100 ]; do sleep 0.05; _n=$((_n + 1)); done
like "$(capture | tail -n 1)" 'slow-open exited with status 3: https://' "its failure shows without a key press"
is "$(ps -e -o stat=,comm= | grep -c '^Z.*slow-open' || true)" 0 "and it is reaped"
tm send-keys -t radar q

# A terminal browser (named w3m): radar steps aside, it runs in the foreground
# with the terminal, and radar's screen comes back.
mkdir -p "$TEST_TMP/tb"
cat >"$TEST_TMP/tb/w3m" <<STUB
#!/bin/sh
printf 'STUB W3M %s\n' "\$1"
[ -t 0 ] && [ -t 1 ] && echo 'ON THE TERMINAL'
read answer
printf '%s\n' "\$1" >>"$TEST_TMP/w3m.log"
exit "\${answer:-0}"
STUB
chmod +x "$TEST_TMP/tb/w3m"
BROWSER_STUB=$TEST_TMP/tb/w3m start 80 24 "$DB"
before=$(capture | head -n 23)
keys o
like "$(capture)" "STUB W3M https://" "a terminal browser gets the screen"
like "$(capture)" "ON THE TERMINAL" "with the terminal as its stdin and stdout"
literal "0"
keys Enter
is "$(capture | head -n 23)" "$before" "radar's screen comes back whole when it exits"
like "$(capture | tail -n 1)" 'Back from .*w3m' "and radar says it is back"
keys o
literal "5"
keys Enter
like "$(capture | tail -n 1)" 'w3m exited with status 5' "a terminal browser's non-zero exit is reported"
tm send-keys -t radar q

# Digits are counts in the article: 12o is link 12, 2y copies link 2.
cat >"$TEST_TMP/links.md" <<'MD'
# Links digest 2026-03-03

## Papers

- [Three links](https://example.org/main): see [two](https://example.org/two) and [three](https://example.org/three).
MD
run "$RADAR" --db "$TEST_TMP/links.db" import "$TEST_TMP/links.md"
cat >"$TEST_TMP/count-browser" <<STUB
#!/bin/sh
printf '%s\n' "\$1" >>"$TEST_TMP/count.log"
STUB
chmod +x "$TEST_TMP/count-browser"
BROWSER_STUB=$TEST_TMP/count-browser start 80 24 "$TEST_TMP/links.db"
keys Enter
literal "11o"
sleep 0.3
is "$(cat "$TEST_TMP/count.log" 2>/dev/null | wc -l | tr -d ' ')" 0 "11o in the article starts no browser (there is no link 11)"
like "$(capture | tail -n 1)" 'There is no link 11' "and says so"
literal "3o"
wait_file "$TEST_TMP/count.log"
sleep 0.2
is "$(cat "$TEST_TMP/count.log" 2>/dev/null)" "https://example.org/three" "3o in the article opens link 3, once"
tm delete-buffer >/dev/null 2>&1
literal "2y"
is "$(tm show-buffer 2>/dev/null)" "https://example.org/two" "2y in the article copies link 2"
tm send-keys -t radar q

# With no display and no browser (over SSH), o says so and offers copy; a
# DISPLAY naming no X server is no display.
BROWSER_STUB= START_ENV="DISPLAY=:97" start 80 24 "$DB"
keys o
like "$(capture | tail -n 1)" 'No display and no browser set: press y to copy https://' "o without a display offers copy"
tm send-keys -t radar q

done_testing
