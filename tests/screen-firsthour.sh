#!/bin/sh
# The reader in a new user's first hour (tmux; issue 16): a first start into
# an empty cache leaves the cursor on the newest item after the first
# refresh; a config with problems says how many and :messages shows each in
# full; :tag with an unknown tag says so (with did-you-mean); the digest
# with no item is listed on :sources; Ctrl-C quits cleanly, printing the
# config's problems as the command line does.
. "${top_srcdir:-.}/tests/lib.sh"
need_python3
LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC TERM=xterm-256color
export LANG LC_ALL TZ TERM

: "${TMUX_BIN:=$(command -v tmux 2>/dev/null)}"
if [ -z "$TMUX_BIN" ] || ! [ -x "$TMUX_BIN" ]; then
	echo "1..0 # SKIP tmux not found"
	exit 0
fi
. "$top_srcdir/tests/tmux.sh"
tmux_setup radar-firsthour
SERVER_PID=
trap 'tm kill-server >/dev/null 2>&1; [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$TEST_TMP"' EXIT

FILES=$TEST_TMP/files
mkdir -p "$FILES"
cp "$top_srcdir/tests/fixtures/firsthour/old.md" "$top_srcdir/tests/fixtures/firsthour/new.md" "$FILES/"
printf '# Index\n\nNothing but words.\n' >"$FILES/README.md"
PORT_FILE=$TEST_TMP/port
# The new digest arrives over about 10 x 0.3 s, after the old one landed.
RADAR_TUI_FILES=$FILES "$PYTHON3" "$top_srcdir/tests/fixtures/refresh-tui/server.py" \
	--port-file "$PORT_FILE" --log "$TEST_TMP/requests.log" --lifetime 300 --drip 0.3 \
	2>"$TEST_TMP/server.err" &
SERVER_PID=$!
i=0
while [ ! -s "$PORT_FILE" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$PORT_FILE" ] || bail_out "the test server did not start"
BASE=http://127.0.0.1:$(cat "$PORT_FILE")

# Three sources, one of them wrong, and a long line that is wrong too.
long=$(printf 'x%.0s' $(seq 1 150))
cat >"$TEST_TMP/config" <<CONF
source old $BASE/tui/old.md
source new $BASE/tui-slow/new.md
source index $BASE/tui/README.md
source typo $BASE/tui/old.md dayz=3
set no-such-option-$long 1
CONF
DB=$TEST_TMP/radar.db
EXITED=$TEST_TMP/exited

tmux_new_server
tm new-session -d -x 80 -y 24 -s radar \
	"env -u LINES -u COLUMNS TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC \
	HOME='$HOME' XDG_DATA_HOME='$XDG_DATA_HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' NO_COLOR= \
	PATH='$PATH' '$RADAR' --db '$DB' --config '$TEST_TMP/config' 2>'$TEST_TMP/stderr'; \
	echo \$? >'$EXITED'; sleep 30"

# wait_until WHAT REGEX [SECONDS]: until WHAT's output matches (default 10 s).
wait_until() {
	_n=0
	_limit=$(( ${3:-10} * 20 ))
	while [ $_n -lt $_limit ]; do
		if "$1" | grep -Eq -- "$2"; then return 0; fi
		sleep 0.05
		_n=$((_n + 1))
	done
	return 1
}
status() { status_line 24; }
message() { capture | sed -n 24p; }

# ---------------------------------------------------------------- the first start
ok "the config's problems are counted on the message line, with where to read them" \
	wait_until message '^2 problems in the config \(:messages\): ' 5
ok "the old digest lands first" wait_until capture 'Older project one' 10
ok "then the newer one, drip-fed" wait_until capture 'Newer paper 12' 15
ok "the first refresh ends" wait_until status ' All  [0-9]+/15 ' 15
sleep 0.3
like "$(status)" ' All  1/15 ' "after the first refresh the cursor is on the newest item, not where the first digest put it"
row=$(cursor_row)
like "$(capture | sed -n "${row:-0}p")" 'Newer paper' "... a row of the newer digest is the one highlighted"

# ---------------------------------------------------------------- :messages
literal ':messages'
keys Enter
screen=$(capture)
like "$screen" '^ *Messages' ":messages opens a page of its own"
like "$screen" '^2 problems in the config:$' "... counting the problems"
like "$screen" "^  .*config:4: .*dayz" "... the wrong source line, with file:line"
like "$screen" "^  .*config:5: unknown option 'no-such-option-" "... and the long one"
joined=$(capture | sed -n '/config:5:/,/^[^ ]/p' | sed 's/^  //' | tr -d '\n')
like "$joined" "no-such-option-$long'" "... in full, wrapped over lines rather than cut"
keys q
like "$(status)" ' All  1/15 ' "q closes it, back to the list"

# ---------------------------------------------------------------- :tag
literal ':tag agent'
keys Enter
like "$(message)" "no tag 'agent' \\(did you mean 'agents'\\?\\)" ":tag with an unknown tag says so, with did-you-mean"
like "$(status)" ' All  1/15 ' "... and stays in the view"
literal ':tag zzzzzzzz'
keys Enter
like "$(message)" "no tag 'zzzzzzzz' \\(t shows the tags\\)" "... or where to find the tags"
literal ':tag agents'
keys Enter
like "$(status)" '#agents  1/12 ' "a known tag opens its view"

# ---------------------------------------------------------------- :sources
literal ':sources'
keys Enter
like "$(capture)" "Digests with no item.*
  index  $BASE/tui/README.md" ":sources lists the digest that gave no item"
keys q

# ---------------------------------------------------------------- Ctrl-C
tm send-keys -t radar C-c
i=0
while [ ! -s "$EXITED" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
is "$(cat "$EXITED" 2>/dev/null)" 0 "Ctrl-C quits, with status 0"
like "$(cat "$TEST_TMP/stderr")" "^radar: .*config:4: " "... printing the config's problems after the screen is restored"
like "$(cat "$TEST_TMP/stderr")" "^radar: .*config:5: unknown option 'no-such-option-$long'" "... each in full"

done_testing
