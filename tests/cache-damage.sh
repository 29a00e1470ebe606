#!/bin/sh
# A damaged cache (a flipped page, a truncated file, not a database at all)
# gives one clear message naming the file, 'radar backup' and 'radar marks
# import', exit status 1, never a crash: on the command line and in the
# reader.
LC_ALL=C.UTF-8 LANG=C.UTF-8 TZ=UTC TERM=dumb
export LC_ALL LANG TZ TERM
. "${top_srcdir:-.}/tests/lib.sh"
need_python3

good=$TEST_TMP/good.db
run "$RADAR" --db "$good" import "$top_srcdir/demo"
is "$RUN_STATUS" 0 "the demo digests are imported"
run "$RADAR" --db "$good" star 3

damaged='is damaged \(.*\): restore a copy made by .radar backup., or move it aside, import the digests again and restore the marks with .radar marks import.'

# flip.db: the first page of the items table overwritten (SQLite opens the
# file; reading items fails).  truncated.db: cut at 20 KB.  random.db: not
# a database.  header.db: its first bytes overwritten.
"$PYTHON3" - "$good" "$TEST_TMP" <<'PY'
import os, shutil, sqlite3, sys
good, tmp = sys.argv[1], sys.argv[2]
c = sqlite3.connect(good)
root = c.execute("SELECT rootpage FROM sqlite_master WHERE name = 'items'").fetchone()[0]
size = c.execute("PRAGMA page_size").fetchone()[0]
c.close()
flip = os.path.join(tmp, "flip.db")
shutil.copy(good, flip)
with open(flip, "r+b") as f:
    f.seek((root - 1) * size)
    page = bytearray(f.read(size))
    f.seek((root - 1) * size)
    f.write(bytes(b ^ 0xA5 for b in page[:64]) + bytes(page[64:]))
truncated = os.path.join(tmp, "truncated.db")
shutil.copy(good, truncated)
os.truncate(truncated, 20000)
with open(os.path.join(tmp, "random.db"), "wb") as f:
    f.write(bytes((i * 7919 + 13) % 251 for i in range(16384)))
header = os.path.join(tmp, "header.db")
shutil.copy(good, header)
with open(header, "r+b") as f:
    f.write(b"NOT A DATABASE!!")
PY

for file in flip truncated random header; do
	db=$TEST_TMP/$file.db
	for command in ls "show 3" "star 3" "marks export" "ls --search agent"; do
		# shellcheck disable=SC2086 # the command and its arguments
		run "$RADAR" --db "$db" $command
		if crashed "$RUN_STATUS"; then
			not_ok "$file: $command does not crash" "status $RUN_STATUS: $RUN_STDERR"
			continue
		fi
		is "$RUN_STATUS" 1 "$file: $command exits 1"
		like "$RUN_STDERR" "^radar: ([0-9]+: )?cache .*$file.db $damaged\$" "$file: $command says the cache is damaged and what to do"
		is "$(printf '%s\n' "$RUN_STDERR" | wc -l | tr -d ' ')" 1 "$file: $command says it in one line"
	done
done
run "$RADAR" --db "$TEST_TMP/truncated.db"
is "$RUN_STATUS" 1 "without a command (not a terminal) a truncated cache exits 1"
like "$RUN_STDERR" "$damaged" "and says it is damaged"

# The reader.
: "${TMUX_BIN:=$(command -v tmux 2>/dev/null)}"
if [ -z "$TMUX_BIN" ] || ! [ -x "$TMUX_BIN" ]; then
	skip "tmux not found" 5
	done_testing
fi
. "$top_srcdir/tests/tmux.sh"
tmux_setup cache-damage
reader() { # DB: run the reader in tmux; its exit status lands in $TEST_TMP/status
	rm -f "$TEST_TMP/status"
	tmux_new_server
	tm new-session -d -x 100 -y 20 -s radar \
		"env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC HOME='$HOME' \
		XDG_DATA_HOME='$XDG_DATA_HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' PATH='$PATH' \
		'$RADAR' --db '$1' 2>'$TEST_TMP/stderr'; echo \$? >'$TEST_TMP/status'; sleep 30"
	settle
}
reader "$TEST_TMP/truncated.db"
wait_file "$TEST_TMP/status"
is "$(cat "$TEST_TMP/status" 2>/dev/null)" 1 "the reader on a truncated cache exits 1"
like "$(cat "$TEST_TMP/stderr")" "$damaged" "and says it is damaged, naming radar backup and radar marks import"
reader "$TEST_TMP/flip.db"
like "$(capture)" "cache .*flip.db is damaged" "the reader on a cache with a flipped page says so on its status line (no crash)"
keys q
wait_file "$TEST_TMP/status"
is "$(cat "$TEST_TMP/status" 2>/dev/null)" 1 "quitting after damage found while reading exits 1"
like "$(cat "$TEST_TMP/stderr")" "flip.db is damaged" "and the damage is printed after the screen closes"
done_testing
