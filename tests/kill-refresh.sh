#!/bin/sh
# SIGKILL `radar refresh` at random moments, 20 times, while a loopback server
# drip-feeds digests and big local digests are imported: the cache passes
# PRAGMA integrity_check every time, each digest is stored whole or not at
# all, and stars set before are all kept.  Half the kills wait until the
# refresh holds the cache's write lock (a digest is being stored), and at
# least some of those must land then, so a kill mid-import is really tried.
. "${top_srcdir:-.}/tests/lib.sh"
need_python3

SERVER_LOG=$TEST_TMP/requests.log
start_http_server "$top_srcdir/tests/httpserver.py" --log "$SERVER_LOG" --lifetime 400 --drip 0.04
DB=$TEST_TMP/radar.db

sql() {
	"$PYTHON3" -c 'import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
for row in con.execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))' "$DB" "$1"
}

# A first, complete refresh of a few sources; star some of their items.
: > "$TEST_TMP/first.conf"
for n in 1 2 3; do
	echo "source first$n $BASE/slow/first$n.md" >> "$TEST_TMP/first.conf"
done
run "$RADAR" --db "$DB" --config "$TEST_TMP/first.conf" refresh
is "$RUN_STATUS" 0 "a first refresh completes"
"$RADAR" --db "$DB" star $(sql "SELECT id FROM items ORDER BY id LIMIT 5") >/dev/null
STARRED=$(sql "SELECT group_concat(key) FROM (SELECT key FROM items WHERE starred = 1 ORDER BY key)")
is "$(sql 'SELECT count(*) FROM items WHERE starred = 1')" 5 "five items starred"

# Many drip-fed sources, so a kill lands during transfers and imports.
cp "$TEST_TMP/first.conf" "$TEST_TMP/many.conf"
for n in $(seq 1 24); do
	echo "source slow$n $BASE/slow/s$n.md" >> "$TEST_TMP/many.conf"
done

# Big local digests: storing one takes long enough for a kill to land in it.
# Rewritten before every round (big_digests ROUND), so each round stores
# them again instead of finding them unchanged.
mkdir -p "$TEST_TMP/big"
big_digests() {
	"$PYTHON3" -c 'import sys
d, r = sys.argv[1], sys.argv[2]
for n in (1, 2, 3, 4):
    with open("%s/big%d.md" % (d, n), "w") as f:
        f.write("# Big digest %d 2026-03-0%d\n\n## Papers\n\n" % (n, n))
        for i in range(2000):
            f.write("- [Big paper %d of digest %d](https://example.org/big%d/%d): item %d, round %s.\n" % (i, n, n, i, i, r))' \
		"$TEST_TMP/big" "$1"
}
big_digests 0
for n in 1 2 3 4; do
	echo "source big$n $TEST_TMP/big/big$n.md" >> "$TEST_TMP/many.conf"
done

# kill_refresh PID SECONDS MODE: SIGKILL PID after SECONDS ("time"), or
# ("import") as soon as it holds the write lock after SECONDS; prints
# "import" when the kill landed while the lock was held, "time" when not,
# "finished" when the refresh had ended.
kill_refresh() {
	"$PYTHON3" - "$DB" "$1" "$2" "$3" <<'EOF2'
import os, signal, sqlite3, sys, time
db, pid, delay, mode = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
def writing():
    try:
        con = sqlite3.connect(db, timeout=0, isolation_level=None)
        try:
            con.execute("BEGIN IMMEDIATE")
            con.execute("ROLLBACK")
            return False
        finally:
            con.close()
    except sqlite3.OperationalError:
        return True
start = time.monotonic()
time.sleep(delay)
if mode == "import":
    while time.monotonic() - start < delay + 5 and not writing():
        time.sleep(0.002)
held = writing()
try:
    os.kill(pid, signal.SIGKILL)
except ProcessLookupError:
    print("finished")
    sys.exit(0)
print("import" if held else "time")
EOF2
}

seed=$(date +%s)
diag "random seed $seed"
mid_import=0
for round in $(seq 1 20); do
	# 0.05 .. 1.2 s: from before the first transfer to the middle of imports.
	delay=$("$PYTHON3" -c 'import random, sys; random.seed(int(sys.argv[1]) * 100 + int(sys.argv[2])); print("%.2f" % random.uniform(0.05, 1.2))' "$seed" "$round")
	mode=time
	[ $((round % 2)) = 0 ] && mode=import
	big_digests "$round"
	"$RADAR" --db "$DB" --config "$TEST_TMP/many.conf" refresh >/dev/null 2>&1 &
	pid=$!
	landed=$(kill_refresh $pid "$delay" $mode 2>/dev/null)
	wait $pid 2>/dev/null
	[ "$landed" = import ] && mid_import=$((mid_import + 1))
	# One query (python starts are slow on a loaded machine): integrity,
	# the starred keys, and digests not whole (every stored digest holds all
	# the items of its source: 20, or 2000 for a big one).
	IFS='|' read -r check starred partial <<EOF2
$(sql "SELECT (SELECT integrity_check FROM pragma_integrity_check),
	(SELECT group_concat(key) FROM (SELECT key FROM items WHERE starred = 1 ORDER BY key)),
	(SELECT count(*) FROM digests WHERE item_count <> CASE WHEN location LIKE '%/big/%' THEN 2000 ELSE 20 END)")
EOF2
	if [ "$check" = ok ] && [ "$starred" = "$STARRED" ] && [ "$partial" = 0 ]; then
		pass "kill $round after ${delay}s ($landed): cache intact, stars kept, digests whole"
	else
		not_ok "kill $round after ${delay}s" "integrity_check: $check" "starred: $starred" \
			"digests not whole: $partial"
	fi
done
ok "some kills landed while a digest was being stored ($mid_import of 20)" test "$mid_import" -ge 3
is "$(sql "SELECT count(*) FROM digests")" "$(sql "SELECT count(DISTINCT location) FROM digests")" \
	"no digest stored twice"

# After all that, a refresh without interruption completes.
run "$RADAR" --db "$DB" --config "$TEST_TMP/many.conf" refresh
is "$RUN_STATUS" 0 "a refresh after the kills completes"
[ "$RUN_STATUS" = 0 ] || diag "refresh said: $RUN_STDERR"
is "$(sql 'SELECT count(*) FROM digests')" 31 "every digest is stored"
is "$(sql 'PRAGMA integrity_check')" ok "integrity_check ok at the end"

done_testing
