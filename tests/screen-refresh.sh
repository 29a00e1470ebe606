#!/bin/sh
# The reader's background refresh, on a real terminal (tmux) against a
# loopback HTTP server (tests/httpserver.py, through
# tests/fixtures/refresh-tui/server.py): progress in the status line, items
# landing while the keyboard stays answered, the cursor kept on its item when
# newer items land above it, a failing source counted and shown in :sources,
# R while a refresh runs, a lock held by another radar, and q during a refresh.
. "${top_srcdir:-.}/tests/lib.sh"
need_python3

: "${TMUX_BIN:=$(command -v tmux 2>/dev/null)}"
if [ -z "$TMUX_BIN" ] || ! [ -x "$TMUX_BIN" ]; then
	echo "1..0 # SKIP tmux not found"
	exit 0
fi

FIXTURES=$top_srcdir/tests/fixtures/refresh-tui
FILES=$TEST_TMP/files
mkdir -p "$FILES"
cp "$FIXTURES/news-1.md" "$FILES/news.md"
cp "$FIXTURES/slow.md" "$FILES/slow.md"

SOCKET=radar-refresh-$$
tm() { "$TMUX_BIN" -L "$SOCKET" -f /dev/null "$@"; }
SERVER_PID=
LOCKER=
cleanup() {
	tm kill-server >/dev/null 2>&1
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
	[ -n "$LOCKER" ] && kill "$LOCKER" 2>/dev/null
	rm -rf "$TEST_TMP"
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM

# The slow source takes about 10 x 0.6 s to arrive.
PORT_FILE=$TEST_TMP/port
RADAR_TUI_FILES=$FILES "$PYTHON3" "$FIXTURES/server.py" --port-file "$PORT_FILE" \
	--log "$TEST_TMP/requests.log" --lifetime 300 --drip 0.6 2>"$TEST_TMP/server.err" &
SERVER_PID=$!
i=0
while [ ! -s "$PORT_FILE" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$PORT_FILE" ] || bail_out "the test server did not start"
BASE=http://127.0.0.1:$(cat "$PORT_FILE")

CONFIG=$TEST_TMP/config
cat >"$CONFIG" <<CONF
source news $BASE/tui/news.md
source slow $BASE/tui-slow/slow.md
source broken $BASE/error.md
CONF
DB=$TEST_TMP/radar.db
EXITED=$TEST_TMP/exited
WIDTH=160
HEIGHT=48

# The cache does not exist yet: the first refresh creates it.
tm new-session -d -x $WIDTH -y $HEIGHT -s radar \
	"env -u LINES -u COLUMNS TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC \
	HOME='$HOME' XDG_DATA_HOME='$XDG_DATA_HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' \
	RADAR_BENCH=1 NO_COLOR= PATH='$PATH' \
	'$RADAR' --db '$DB' --config '$CONFIG' 2>'$TEST_TMP/stderr'; echo \$? >'$EXITED'; sleep 30"

capture() { tm capture-pane -p -t radar 2>/dev/null; }
status_line() { capture | sed -n "$((HEIGHT - 1))p"; }
message_line() { capture | sed -n "${HEIGHT}p"; }
# At 160 columns: tags 1-24, the list 27-85, the article from 87.
list_column() { capture | cut -c27-85; }
# The article pane's first line: the title of the item under the cursor.
article_title() { capture | sed -n 1p | cut -c87- | sed 's/^ *//; s/ *$//'; }
now_ms() { date +%s%3N; }

# wait_for WHAT REGEX [SECONDS]: until WHAT's output matches (default 10 s).
wait_for() {
	_n=0
	_limit=$(( ${3:-10} * 20 ))
	while [ $_n -lt $_limit ]; do
		if "$1" | grep -Eq -- "$2"; then return 0; fi
		sleep 0.05
		_n=$((_n + 1))
	done
	return 1
}
keys() { tm send-keys -t radar "$@"; }
literal() { tm send-keys -t radar -l "$1"; }

# ---------------------------------------------------------------- the first refresh
ok "the status line shows the refresh's progress" wait_for status_line 'refreshing [0-9]+/3' 5
ok "items from the fast source appear while the slow one downloads" wait_for capture 'Old news one' 5
like "$(status_line)" 'refreshing [0-9]+/3' "... the refresh is still running then"

before=$(status_line)
t0=$(now_ms)
keys j
wait_for status_line ' All  2/3 ' 3
answered=$(( $(now_ms) - t0 ))
like "$(status_line)" ' All  2/3 .*refreshing' "j is answered while the slow source is still downloading"
ok "$([ $answered -lt 1000 ] && echo 0 || echo 1)" "... within a second (${answered} ms)"
keys k
wait_for status_line ' All  1/3 ' 3
like "$(status_line)" ' All  1/3 .*refreshing' "k too"

# wait_idle: at most 15 s for the refresh to end (its progress leaves the status line).
wait_idle() {
	_n=0
	while status_line | grep -q 'refreshing [0-9]' && [ $_n -lt 300 ]; do sleep 0.05; _n=$((_n + 1)); done
	! status_line | grep -q 'refreshing [0-9]'
}

keys R
ok "R while a refresh runs says so" wait_for message_line 'already running' 3
ok "the slow source's items land" wait_for capture 'Slow paper [0-9]+' 15
ok "the refresh ends" wait_idle
unlike "$(status_line)" 'refreshing' "... and its progress leaves the status line"
like "$(status_line)" ' All  1/53 .*1 source failed' "the failing source (HTTP 500) is counted in the status line"
like "$(message_line)" 'refreshed 3 sources: 53 new items, 1 error' "a summary says what the refresh did"

# ---------------------------------------------------------------- :sources
literal ":sources"
keys Enter
ok ":sources opens the sources view" wait_for capture '^ *Sources' 3
screen=$(capture)
like "$screen" 'broken  http://127\.0\.0\.1:[0-9]+/error\.md' ":sources lists the failing source"
like "$screen" 'last error: .*HTTP 500' "... with its last error"
like "$screen" 'news  http://.*
  last success: [0-9T:-]+Z; 3 items \(3 unread\) in 1 digest$' "... and a good one with its last success and items"
keys q
ok "q closes the sources view" wait_for status_line ' All  1/53 ' 3

# ---------------------------------------------------------------- newer items land above the cursor
keys j
wait_for status_line ' All  2/53 ' 3
title=$(article_title)
row=$(list_column | grep -n -- "$title" | cut -d: -f1)
like "$title" '^Old news' "an item is selected: '$title' on row $row"
cp "$FIXTURES/news-2.md" "$FILES/news.md"
keys R
ok "R starts a refresh" wait_for status_line 'refreshing' 3
ok "the two newer items land" wait_for status_line ' All  4/55 ' 15
is "$(article_title)" "$title" "the cursor stays on the same item"
is "$(list_column | grep -n -- "$title" | cut -d: -f1)" "$row" "... on the same screen row"
wait_idle
keys g g
ok "the new items are above it" wait_for capture 'Fresh news (alpha|beta)' 3

# ---------------------------------------------------------------- a lock held by another radar
"$PYTHON3" -c 'import fcntl, sys, time
f = open(sys.argv[1], "a"); fcntl.flock(f, fcntl.LOCK_EX); open(sys.argv[2], "w").close(); time.sleep(20)' \
	"$DB.lock" "$TEST_TMP/locked" &
LOCKER=$!
i=0
while [ ! -e "$TEST_TMP/locked" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
keys R
ok "a refresh held off by another radar's lock says so in the status line" \
	wait_for status_line 'another radar is refreshing' 3
# The other radar still holds the lock: j must be answered now, not when
# the lock is released (20 s later).
t0=$(now_ms)
keys j
ok "... and the keyboard is not blocked: j moves the cursor while the lock is held" \
	wait_for status_line ' All  2/55 .*another radar is refreshing' 3
answered=$(( $(now_ms) - t0 ))
ok "... the other radar still held the lock then" kill -0 "$LOCKER"
ok "$([ $answered -lt 1000 ] && echo 0 || echo 1)" "... within a second (${answered} ms)"
kill $LOCKER 2>/dev/null
wait $LOCKER 2>/dev/null
LOCKER=

# ---------------------------------------------------------------- q during a refresh
keys R
ok "another refresh starts once the lock is free" wait_for status_line 'refreshing' 3
sleep 0.5
like "$(status_line)" 'refreshing' "... and is still downloading the slow source"
t0=$(now_ms)
keys j
ok "j moves the cursor before that refresh finishes" wait_for status_line ' All  3/55 .*refreshing [0-9]' 3
answered=$(( $(now_ms) - t0 ))
ok "$([ $answered -lt 1000 ] && echo 0 || echo 1)" "... within a second (${answered} ms)"
t0=$(now_ms)
keys q
i=0
while [ ! -e "$EXITED" ] && [ $i -lt 100 ]; do sleep 0.02; i=$((i + 1)); done
elapsed=$(( $(now_ms) - t0 ))
ok "$([ -e "$EXITED" ] && [ $elapsed -lt 1500 ] && echo 0 || echo 1)" "q quits promptly during a refresh (${elapsed} ms)"
is "$(cat "$EXITED" 2>/dev/null)" 0 "... with status 0"
bench=$(grep 'radar-bench:' "$TEST_TMP/stderr")
diag "${bench:-no timings}"
unlike "$(cat "$TEST_TMP/stderr")" 'radar: |Sanitizer|runtime error' "no error (nor sanitizer report) printed at exit"
is "$("$PYTHON3" -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])' "$DB")" \
	ok "the cache is intact after quitting mid-refresh"

done_testing
