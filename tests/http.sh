#!/bin/sh
# radar refresh against a loopback HTTP server (tests/httpserver.py):
# conditional GET, failures of every kind, encodings, file and directory
# sources, and the cache intact after each failure.
. "${top_srcdir:-.}/tests/lib.sh"
need_python3

SERVER_LOG=$TEST_TMP/requests.log
start_http_server "$top_srcdir/tests/httpserver.py" --log "$SERVER_LOG" --lifetime 400 --hang 8
DB=$TEST_TMP/radar.db
FIXTURES=$top_srcdir/tests/fixtures/refresh
export RADAR_FETCH_TIMEOUT=2 RADAR_FETCH_MAX_BYTES=100000

sql() { # QUERY -> rows, one per line, columns joined by |
	"$PYTHON3" -c 'import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
for row in con.execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))' "$DB" "$1"
}
requests() { # PATH -> the logged requests for PATH, as JSON lines
	grep "\"path\": \"$1\"" "$SERVER_LOG" || true
}
cache_intact() { # DESC
	is "$(sql 'PRAGMA integrity_check')" ok "$1: integrity_check ok"
	is "$(sql 'SELECT count(*) FROM items')" "$ITEMS_BEFORE" "$1: the earlier items are all there"
	is "$(sql "SELECT group_concat(key) FROM items WHERE starred = 1")" "$STARRED" "$1: stars kept"
}

# ---------------------------------------------------------------- good sources
cat > "$TEST_TMP/good.conf" <<CONF
source web $BASE/digest.md tags=from-web
source gz $BASE/gzip.md
source gbk $BASE/gbk.md
source nocs $BASE/nocharset.md
source ovr $BASE/override.md charset=gbk
source daily $BASE/daily/%Y-%m-%d.md days=3
source file file://$FIXTURES/local.md
source dir $FIXTURES/dir
CONF
run "$RADAR" --db "$DB" --config "$TEST_TMP/good.conf" refresh
is "$RUN_STATUS" 0 "refresh of good sources exits 0"
is "$RUN_STDERR" "" "... with nothing on stderr (a missing dated day is no error)"
like "$RUN_STDOUT" '^refreshed 8 sources: 19 new items, 0 errors' "... and one summary line"

titles=$("$RADAR" --db "$DB" ls --json | "$PYTHON3" -c 'import json, sys
print("\n".join(sorted(json.loads(l)["title"] for l in sys.stdin)))')
like "$titles" '^Project web 1$' "an http digest's items"
like "$titles" '^Project gzip 3$' "a gzip-encoded digest"
like "$titles" '^大模型推理框架 gbk$' "a GB18030 digest declared charset=gbk"
like "$titles" '^多模态评测工具 nocs$' "a GB18030 digest with no charset"
like "$titles" '^大模型推理框架 ovr$' "charset=gbk in the source beats the server's iso-8859-1"
like "$titles" '^Project daily 2$' "a dated URL: today's digest"
like "$titles" '^Local project two$' "a file:// source"
like "$titles" '^Directory project B$' "a directory source, subdirectories included"
unlike "$titles" '�' "no replacement characters anywhere"
is "$(sql "SELECT count(*) FROM tags WHERE tag = 'from-web'")" 3 "tags= from the source on its items"
like "$(requests /digest.md)" 'radar/[0-9.]+ \(\+https://' "the User-Agent names radar and its version"
is "$(requests '/daily/[^"]*' | wc -l | tr -d ' ')" 3 "the dated source asked for 3 days"

# ---------------------------------------------------------------- 304
fetched=$(sql "SELECT fetched_at, content_hash FROM digests WHERE location = '$BASE/digest.md'")
sleep 1
"$RADAR" --db "$DB" star "$(sql "SELECT id FROM items WHERE key = 'github:radar-test/web-1'")" >/dev/null
STARRED=$(sql "SELECT group_concat(key) FROM items WHERE starred = 1")
is "$STARRED" "github:radar-test/web-1" "an item is starred"
ITEMS_BEFORE=$(sql 'SELECT count(*) FROM items')
run "$RADAR" --db "$DB" --config "$TEST_TMP/good.conf" refresh
is "$RUN_STATUS" 0 "a second refresh exits 0"
like "$RUN_STDOUT" ': 0 new items, 0 errors \(9 documents unchanged\)' "... everything unchanged"
second=$(requests /digest.md | sed -n 2p)
like "$second" '"if_none_match": "\\"v1\\""' "the second request sent If-None-Match"
like "$second" '"if_modified_since": "Mon, 01 Jan 2024 00:00:00 GMT"' "... and If-Modified-Since"
is "$(sql "SELECT fetched_at, content_hash FROM digests WHERE location = '$BASE/digest.md'")" \
	"$fetched" "a 304 re-parses and re-stores nothing"
cache_intact "after a second refresh"

# ---------------------------------------------------------------- failures
fail_one() { # NAME PATH EXPECTED-STDERR-REGEX DESC
	printf 'source %s %s\n' "$1" "$2" > "$TEST_TMP/fail.conf"
	run "$RADAR" --db "$DB" --config "$TEST_TMP/fail.conf" refresh
	is "$RUN_STATUS" 1 "$4: exit 1 (every source failed)"
	like "$RUN_STDERR" "$3" "$4: a clear error"
	crashed "$RUN_STATUS" && not_ok "$4: crashed"
	cache_intact "$4"
}
fail_one missing "$BASE/missing.md" 'missing: .*not found \(HTTP 404\)' "404"
fail_one broken "$BASE/error.md" 'broken: .*HTTP 500' "500"
start=$(date +%s)
fail_one hang "$BASE/hang.md" 'hang: .*timed out after 2 seconds' "a server that hangs"
elapsed=$(( $(date +%s) - start ))
# A liveness check, not a benchmark: the 2-second timeout fired (the message
# above says so) rather than the transfer hanging until the server's end.
ok "$([ $elapsed -le 60 ] && echo 0 || echo 1)" "... given up, not hung (${elapsed}s)"
fail_one loop "$BASE/loop" 'loop: .*too many redirects' "a redirect loop"
fail_one tofile "$BASE/tofile" 'tofile: .*not http or https' "a redirect to file://"
fail_one toftp "$BASE/toftp" 'toftp: .*not http or https' "a redirect to ftp://"
fail_one truncated "$BASE/truncated.md" 'truncated: .*closed before the whole document' "a truncated body"
fail_one big "$BASE/big.md" 'big: .*larger than the limit of 100000 bytes' "a body over the size cap"
fail_one nofile "file://$TEST_TMP/nothing.md" 'nofile: .*No such file' "a missing file"
is "$(requests /loop | wc -l | tr -d ' ')" 6 "a redirect loop stops after 5 redirects"

printf 'source dailyonly %s/daily/1999-%%m-%%d.md days=2\nsource web %s/digest.md\n' "$BASE" "$BASE" \
	> "$TEST_TMP/dated.conf"
run "$RADAR" --db "$DB" --config "$TEST_TMP/dated.conf" refresh
is "$RUN_STATUS" 0 "dated days that do not exist are not errors"
like "$RUN_STDOUT" ', 0 errors' "... none counted"
# ... but a dated source none of whose days exists is a mistyped pattern:
# a warning in `sources`, not a "last success".
run "$RADAR" --db "$DB" --config "$TEST_TMP/dated.conf" sources
dailyonly=$(printf '%s\n' "$RUN_STDOUT" | sed -n '/^dailyonly/,/^web/p')
like "$dailyonly" 'last error: no digest found for any day in the last 2 days — check the URL pattern' \
	"a dated source with no day found in its window is a warning in sources"
unlike "$dailyonly" 'last success' "... and is not reported as a last success"
run "$RADAR" --db "$DB" --config "$TEST_TMP/good.conf" sources
daily=$(printf '%s\n' "$RUN_STDOUT" | sed -n '/^daily	/,/^[a-z]/p')
like "$daily" 'last success' "a dated source whose today exists has a last success"
unlike "$daily" 'no digest found' "... and no warning"

# One failing source of two: the run still stores the good one, but exits 1
# and names the failing one with the counts (cron must hear of it).
printf 'source web %s/digest.md\nsource gone %s/missing.md\n' "$BASE" "$BASE" >"$TEST_TMP/half.conf"
run "$RADAR" --db "$DB" --config "$TEST_TMP/half.conf" refresh
is "$RUN_STATUS" 1 "refresh exits 1 when any source failed, not only all of them"
like "$RUN_STDERR" 'radar: 1 of 2 sources had errors: gone$' "... naming the failed source, with the counts"
like "$RUN_STDOUT" '^refreshed 2 sources: .*1 error' "... after the summary line"

run "$RADAR" --db "$DB" --config "$TEST_TMP/good.conf" sources
like "$RUN_STDOUT" 'broken' "sources lists a source no longer configured"
like "$RUN_STDOUT" 'last error: .*HTTP 500' "... with its last error"
like "$RUN_STDOUT" 'web	http' "... and the configured ones"

# ---------------------------------------------------------------- config errors and the lock
printf 'source ok %s/digest.md\nsauce x y\n' "$BASE" > "$TEST_TMP/typo.conf"
run "$RADAR" --db "$DB" --config "$TEST_TMP/typo.conf" refresh
is "$RUN_STATUS" 0 "a config with an error still refreshes the rest"
like "$RUN_STDERR" "typo.conf:2: unknown command 'sauce'" "... reporting file:line"

"$PYTHON3" -c 'import fcntl, sys, time
f = open(sys.argv[1], "a"); fcntl.flock(f, fcntl.LOCK_EX); open(sys.argv[2], "w").close(); time.sleep(5)' \
	"$DB.lock" "$TEST_TMP/locked" &
LOCKER=$!
i=0
while [ ! -e "$TEST_TMP/locked" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
run "$RADAR" --db "$DB" --config "$TEST_TMP/good.conf" refresh --wait 1
is "$RUN_STATUS" 1 "a second refresh while one runs exits 1"
like "$RUN_STDERR" 'another radar is refreshing' "... saying another radar is refreshing"
kill $LOCKER 2>/dev/null
wait $LOCKER 2>/dev/null
cache_intact "at the end"

done_testing
