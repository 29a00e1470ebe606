#!/bin/sh
# A refresh stores digests in batches (refresh.c), but never keeps one open
# while it waits for the network: with one source still downloading, what
# the others brought is already committed, visible to another connection,
# and the cache's write lock is free for the reader's marks.
. "${top_srcdir:-.}/tests/lib.sh"
need_python3

start_http_server "$top_srcdir/tests/httpserver.py" --log "$TEST_TMP/requests.log" \
	--lifetime 120 --hang 6
DB=$TEST_TMP/radar.db
export RADAR_FETCH_TIMEOUT=5

cat > "$TEST_TMP/radar.conf" <<CONF
source web $BASE/digest.md
source gbk $BASE/gbk.md
source drip $BASE/slow/one.md
source hang $BASE/hang.md
CONF

"$RADAR" --db "$DB" --config "$TEST_TMP/radar.conf" refresh >"$TEST_TMP/out" 2>"$TEST_TMP/err" &
pid=$!

# While hang.md is still pending (6 s; the client gives up after 5): the
# other three sources' items, read by another connection, then a write.
seen=$("$PYTHON3" - "$DB" "$pid" <<'PY'
import os, sqlite3, sys, time
db, pid = sys.argv[1], int(sys.argv[2])
def running():
    try:
        os.kill(pid, 0)
        return True
    except OSError:
        return False
start = time.monotonic()
items = 0
while time.monotonic() - start < 4.5 and running():
    try:
        con = sqlite3.connect(db, timeout=0.2)
        items = con.execute("SELECT count(DISTINCT source_id) FROM digests"
                            " WHERE item_count > 0").fetchone()[0]
        con.close()
    except sqlite3.Error:
        items = 0
    if items >= 3:
        break
    time.sleep(0.05)
if items < 3 or not running():
    print("stored %d sources, refresh %s" % (items, "running" if running() else "ended"))
    sys.exit(0)
con = sqlite3.connect(db, timeout=0.3, isolation_level=None)
try:
    con.execute("BEGIN IMMEDIATE")
    con.execute("ROLLBACK")
    print("write ok, refresh %s" % ("running" if running() else "ended"))
except sqlite3.OperationalError as e:
    print("write refused: %s" % e)
PY
)
wait $pid
status=$?
is "$seen" "write ok, refresh running" \
	"with one source still downloading, three are committed and the write lock is free"
is "$status" 1 "the refresh ends with the hanging source's error"
like "$(cat "$TEST_TMP/err")" 'hang: .*timed out' "... which it reports"
is "$("$PYTHON3" -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])' "$DB")" ok \
	"the cache is intact"
done_testing
