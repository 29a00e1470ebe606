#!/bin/sh
# SIGKILL `radar refresh` at random moments, 20 times, while a loopback server
# drip-feeds digests: the cache passes PRAGMA integrity_check every time, each
# digest is stored whole or not at all, and stars set before are all kept.
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

seed=$(date +%s)
diag "random seed $seed"
for round in $(seq 1 20); do
	# 0.05 .. 1.2 s: from before the first transfer to the middle of imports.
	delay=$("$PYTHON3" -c 'import random, sys; random.seed(int(sys.argv[1]) * 100 + int(sys.argv[2])); print("%.2f" % random.uniform(0.05, 1.2))' "$seed" "$round")
	"$RADAR" --db "$DB" --config "$TEST_TMP/many.conf" refresh >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	check=$(sql 'PRAGMA integrity_check')
	starred=$(sql "SELECT group_concat(key) FROM (SELECT key FROM items WHERE starred = 1 ORDER BY key)")
	# Whole digests: every stored digest holds all 20 items of its source.
	partial=$(sql "SELECT count(*) FROM digests WHERE item_count <> 20")
	if [ "$check" = ok ] && [ "$starred" = "$STARRED" ] && [ "$partial" = 0 ]; then
		pass "kill $round after ${delay}s: cache intact, stars kept, digests whole"
	else
		not_ok "kill $round after ${delay}s" "integrity_check: $check" "starred: $starred" \
			"digests not whole: $partial"
	fi
done
is "$(sql "SELECT count(*) FROM digests")" "$(sql "SELECT count(DISTINCT location) FROM digests")" \
	"no digest stored twice"

# After all that, a refresh without interruption completes.
run "$RADAR" --db "$DB" --config "$TEST_TMP/many.conf" refresh
is "$RUN_STATUS" 0 "a refresh after the kills completes"
[ "$RUN_STATUS" = 0 ] || diag "refresh said: $RUN_STDERR"
is "$(sql 'SELECT count(*) FROM digests')" 27 "every digest is stored"
is "$(sql 'PRAGMA integrity_check')" ok "integrity_check ok at the end"

done_testing
