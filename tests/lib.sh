# Helpers for radar's shell tests (POSIX sh).  Source it first:
#
#     . "${top_srcdir:-.}/tests/lib.sh"
#
# TAP:
#   plan N                    print the plan up front (or let done_testing print it)
#   ok DESC CMD [ARG...]      run CMD; passes when it exits 0
#   ok STATUS DESC            passes when STATUS (a number, e.g. $?) is 0
#   pass DESC / not_ok DESC [DIAGNOSTIC...]
#                             record a result decided by the caller
#   is GOT EXPECTED DESC      string equality, with both shown on failure
#   isnt GOT UNEXPECTED DESC  string inequality
#   like GOT REGEX DESC       GOT matches the extended regular expression
#   unlike GOT REGEX DESC     GOT does not match it
#   skip REASON [COUNT]       COUNT (default 1) skipped tests
#   diag MESSAGE...           a "# " comment (goes to stdout, the TAP stream)
#   bail_out REASON           stop the whole test ("Bail out!")
#   done_testing              print the plan if none was given, exit 0 only
#                             when every test passed and the count matches
# Running radar:
#   RADAR                     the binary (set by Makefile.am's AM_TESTS_ENVIRONMENT;
#                             defaults to $top_builddir/src/radar)
#   run CMD [ARG...]          run CMD with stdout and stderr captured:
#                             $RUN_STATUS, files $RUN_OUT and $RUN_ERR, and the
#                             strings $RUN_STDOUT and $RUN_STDERR
#   crashed STATUS            true when STATUS means a signal (>= 128) or the
#                             last $RUN_ERR holds a sanitizer report
#   shared_digests_or_skip    skip the whole test when $SHARED_DIR/digests is absent
#   need_python3              skip the whole test when python3 is missing
# Every test gets its own temporary directory $TEST_TMP, removed at exit, with
# HOME and XDG_{DATA,CONFIG,CACHE}_HOME inside it, so no test touches the
# real cache; RADAR_DB is unset.

TAP_COUNT=0
TAP_FAILED=0
TAP_PLANNED=

plan() {
	TAP_PLANNED=$1
	echo "1..$1"
}

_tap_result() { # STATUS DESC
	TAP_COUNT=$((TAP_COUNT + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $TAP_COUNT - $2"
		return 0
	fi
	TAP_FAILED=$((TAP_FAILED + 1))
	echo "not ok $TAP_COUNT - $2"
	return 1
}

_is_number() {
	case $1 in
	'' | *[!0-9]*) return 1 ;;
	*) return 0 ;;
	esac
}

ok() {
	if [ $# -eq 2 ] && _is_number "$1"; then
		_tap_result "$1" "$2"
		return
	fi
	if [ $# -lt 2 ]; then
		bail_out "ok needs a description and a command (got: $*)"
	fi
	_ok_desc=$1
	shift
	if "$@"; then
		_tap_result 0 "$_ok_desc"
	else
		_tap_result 1 "$_ok_desc"
		diag "command failed: $*"
		return 1
	fi
}

pass() {
	_tap_result 0 "$1"
}

not_ok() {
	_tap_result 1 "$1"
	shift
	for _line in "$@"; do
		diag "$_line"
	done
	return 1
}

is() {
	if [ "$1" = "$2" ]; then
		_tap_result 0 "$3"
	else
		_tap_result 1 "$3"
		diag "     got: '$1'"
		diag "expected: '$2'"
		return 1
	fi
}

isnt() {
	if [ "$1" != "$2" ]; then
		_tap_result 0 "$3"
	else
		_tap_result 1 "$3"
		diag "got the unexpected: '$1'"
		return 1
	fi
}

like() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		_tap_result 0 "$3"
	else
		_tap_result 1 "$3"
		diag "     got: '$1'"
		diag "expected to match: $2"
		return 1
	fi
}

unlike() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		_tap_result 1 "$3"
		diag "     got: '$1'"
		diag "expected not to match: $2"
		return 1
	fi
	_tap_result 0 "$3"
}

skip() {
	_skip_n=${2:-1}
	while [ "$_skip_n" -gt 0 ]; do
		TAP_COUNT=$((TAP_COUNT + 1))
		echo "ok $TAP_COUNT # SKIP $1"
		_skip_n=$((_skip_n - 1))
	done
}

diag() {
	printf '%s\n' "$*" | sed 's/^/# /'
}

bail_out() {
	echo "Bail out! $*"
	exit 1
}

done_testing() {
	if [ -z "$TAP_PLANNED" ]; then
		echo "1..$TAP_COUNT"
	elif [ "$TAP_PLANNED" -ne "$TAP_COUNT" ]; then
		diag "planned $TAP_PLANNED tests but ran $TAP_COUNT"
		exit 1
	fi
	if [ "$TAP_FAILED" -gt 0 ]; then
		diag "$TAP_FAILED of $TAP_COUNT tests failed"
		exit 1
	fi
	exit 0
}

# ---------------------------------------------------------------- environment

TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/radar-test.XXXXXX") || bail_out "mktemp -d failed"
trap 'rm -rf "$TEST_TMP"' EXIT
trap 'rm -rf "$TEST_TMP"; exit 130' INT
trap 'rm -rf "$TEST_TMP"; exit 143' TERM

HOME=$TEST_TMP/home
XDG_DATA_HOME=$HOME/.local/share
XDG_CONFIG_HOME=$HOME/.config
XDG_CACHE_HOME=$HOME/.cache
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
export HOME XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME
unset RADAR_DB

: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${RADAR:=$top_builddir/src/radar}"
: "${PYTHON3:=python3}"
: "${SHARED_DIR:=$top_srcdir/../shared}"
export top_srcdir top_builddir RADAR PYTHON3 SHARED_DIR
[ -x "$RADAR" ] || bail_out "radar binary not found: $RADAR"

# Sanitizer builds: report every error, and never leave a leak check to
# decide a test that is about something else.
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=0}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
export ASAN_OPTIONS UBSAN_OPTIONS

RUN_OUT=$TEST_TMP/run.out
RUN_ERR=$TEST_TMP/run.err
RUN_STATUS=0
RUN_STDOUT=
RUN_STDERR=

run() {
	RUN_STATUS=0
	"$@" >"$RUN_OUT" 2>"$RUN_ERR" || RUN_STATUS=$?
	RUN_STDOUT=$(cat "$RUN_OUT")
	RUN_STDERR=$(cat "$RUN_ERR")
	return 0
}

crashed() {
	[ "$1" -ge 128 ] && return 0
	grep -Eq 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:' \
		"$RUN_ERR" 2>/dev/null
}

shared_digests_or_skip() {
	if [ ! -d "$SHARED_DIR/digests" ]; then
		echo "1..0 # SKIP ../shared absent"
		exit 0
	fi
}

need_python3() {
	if ! "$PYTHON3" -c 'import json, sqlite3' 2>/dev/null; then
		echo "1..0 # SKIP python3 (with json and sqlite3) is needed"
		exit 0
	fi
}

# start_http_server SCRIPT [ARGS...]: a python3 test server on 127.0.0.1 that
# writes its port to $PORT_FILE (SCRIPT takes --port-file); sets SERVER_PID
# and BASE, stops the server at exit, bails out when it does not start.
start_http_server() {
	PORT_FILE=$TEST_TMP/port
	"$PYTHON3" "$@" --port-file "$PORT_FILE" 2>"$TEST_TMP/server.err" &
	SERVER_PID=$!
	trap 'kill $SERVER_PID 2>/dev/null; rm -rf "$TEST_TMP"' EXIT
	trap 'kill $SERVER_PID 2>/dev/null; rm -rf "$TEST_TMP"; exit 130' INT
	trap 'kill $SERVER_PID 2>/dev/null; rm -rf "$TEST_TMP"; exit 143' TERM
	_i=0
	while [ ! -s "$PORT_FILE" ] && [ $_i -lt 100 ]; do sleep 0.1; _i=$((_i + 1)); done
	[ -s "$PORT_FILE" ] || bail_out "the test server did not start: $(cat "$TEST_TMP/server.err")"
	BASE=http://127.0.0.1:$(cat "$PORT_FILE")
}
