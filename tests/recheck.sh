#!/bin/sh
# The re-check policy of dated sources (refresh.h) against a loopback server
# that logs every request (tests/httpserver.py's /recheck/ days): a second
# refresh requests today, yesterday, a missing day and a failed day but not
# the older days it stored and heard from less than a day ago; a day later
# those are requested once again; --all requests everything.  Time is
# pinned with RADAR_NOW (2026-03-10 12:00 UTC) and TZ, so no clock matters.
. "${top_srcdir:-.}/tests/lib.sh"
need_python3
export TZ=UTC LC_ALL=C.UTF-8 LANG=C.UTF-8

SERVER_LOG=$TEST_TMP/requests.log
FLAKY=$TEST_TMP/flaky
start_http_server "$top_srcdir/tests/httpserver.py" --log "$SERVER_LOG" --lifetime 300 \
	--flaky "$FLAKY"
DB=$TEST_TMP/radar.db
export RADAR_FETCH_TIMEOUT=5
T=1773144000            # 2026-03-10T12:00:00Z
DAY=86400

cat > "$TEST_TMP/recheck.conf" <<CONF
source daily $BASE/recheck/%Y-%m-%d.md days=5
source nothing $BASE/recheck-none/%Y-%m-%d.md days=3
CONF

# refresh NOW [ARGS...]: one refresh at NOW; the server's log starts empty
refresh() {
	now=$1; shift
	: >"$SERVER_LOG"
	run env RADAR_NOW="$now" "$RADAR" --db "$DB" --config "$TEST_TMP/recheck.conf" refresh "$@"
}
# asked: the days the last refresh requested of the daily source, sorted
asked() {
	sed -n 's|.*"path": "/recheck/\([0-9-]*\)\.md".*|\1|p' "$SERVER_LOG" | sort | tr '\n' ' '
}
sources_line() { # the daily source's summary line of `radar sources`
	RADAR_NOW=$T "$RADAR" --db "$DB" --config "$TEST_TMP/recheck.conf" sources |
		awk '/^daily\t/ { getline; print; exit }'
}

# ---------------------------------------------------------------- first refresh
refresh $T
is "$RUN_STATUS" 0 "the first refresh exits 0: $RUN_STDERR"
is "$(asked)" "2026-03-06 2026-03-07 2026-03-08 2026-03-09 2026-03-10 " \
	"the first refresh requests every day of the window"
like "$RUN_STDOUT" '^refreshed 2 sources: 12 new items, 0 errors \(0 documents unchanged\)$' \
	"... and finds nothing fresh"

# ---------------------------------------------------------------- warm
refresh $T
is "$RUN_STATUS" 0 "the second refresh exits 0: $RUN_STDERR"
is "$(asked)" "2026-03-06 2026-03-09 2026-03-10 " \
	"a second refresh requests today, yesterday and the missing day, not the older stored days"
like "$RUN_STDOUT" '\(2 documents unchanged, 2 fresh days not re-checked\)$' \
	"the summary counts the fresh days"
like "$(sources_line)" 'last refresh: 3 requested, 2 days fresh \(re-checked once a day\)' \
	"radar sources says what the last refresh requested and left fresh"
nothing=$("$RADAR" --db "$DB" --config "$TEST_TMP/recheck.conf" sources | awk '/^nothing\t/ { getline; getline; print; exit }')
like "$nothing" 'no digest found for any day in the last 3 days — check the URL pattern' \
	"a dated source with no day in its window is still warned about"

# ---------------------------------------------------------------- a failed day
printf '2026-03-08\n' >"$FLAKY"
refresh $T --all
is "$RUN_STATUS" 1 "--all while a stored day fails exits 1"
is "$(asked)" "2026-03-06 2026-03-07 2026-03-08 2026-03-09 2026-03-10 " \
	"--all requests every day, the fresh ones too"
unlike "$RUN_STDOUT" 'fresh days\? not' "... and leaves none fresh"
rm -f "$FLAKY"
refresh $T
is "$RUN_STATUS" 0 "the next refresh exits 0: $RUN_STDERR"
is "$(asked)" "2026-03-06 2026-03-08 2026-03-09 2026-03-10 " \
	"a day whose last request failed is requested again; the fresh one is not"
refresh $T
is "$(asked)" "2026-03-06 2026-03-09 2026-03-10 " "once it answered, it is fresh again"

# ---------------------------------------------------------------- later
# 13 hours later (2026-03-11 01:00): 2026-03-09 has settled and answered
# (as yesterday) less than a day ago, so it is fresh; today is new.
refresh $((T + 13 * 3600))
is "$RUN_STATUS" 0 "a refresh 13 hours later exits 0: $RUN_STDERR"
is "$(asked)" "2026-03-10 2026-03-11 " \
	"13 hours later: today and yesterday only (the day that just settled answered 13 hours ago)"
like "$RUN_STDOUT" '^refreshed 2 sources: 3 new items, ' "... the new day's items stored"

# A day later (2026-03-11 13:00) the settled days are re-checked once.
refresh $((T + DAY + 3600))
is "$RUN_STATUS" 0 "a refresh a day later exits 0: $RUN_STDERR"
is "$(asked)" "2026-03-07 2026-03-08 2026-03-09 2026-03-10 2026-03-11 " \
	"a day later the settled days are re-checked"
refresh $((T + DAY + 3600))
is "$(asked)" "2026-03-10 2026-03-11 " "... and then left alone again for a day"

# A check time in the future (a clock set back) proves nothing.
refresh $((T + DAY - 7200))
is "$(asked)" "2026-03-07 2026-03-08 2026-03-09 2026-03-10 2026-03-11 " \
	"days answered 'after now' are requested (a clock set back)"

refresh $((T + DAY + 7200)) --all
is "$(asked)" "2026-03-07 2026-03-08 2026-03-09 2026-03-10 2026-03-11 " "--all: every day again"
is "$("$PYTHON3" -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("PRAGMA integrity_check").fetchone()[0])' "$DB")" ok "the cache is intact"

done_testing
