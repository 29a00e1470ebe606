#!/bin/sh
# A read-only cache (chmod a-w on the file and its directory): ls, show,
# digests and marks export read it as before (opened read-only, immutable
# since no -shm can be created), nothing is created beside it, and the
# writing commands say why they cannot write.
LC_ALL=C.UTF-8 LANG=C.UTF-8 TZ=UTC TERM=dumb
export LC_ALL LANG TZ TERM
. "${top_srcdir:-.}/tests/lib.sh"

dir=$TEST_TMP/cache
db=$dir/radar.db
run "$RADAR" --db "$db" import "$top_srcdir/demo"
is "$RUN_STATUS" 0 "the demo digests are imported"
run "$RADAR" --db "$db" star 3
for command in ls "ls --starred" "ls --search agent" "show 3" digests "marks export"; do
	# shellcheck disable=SC2086
	"$RADAR" --db "$db" $command >"$TEST_TMP/before.$(echo "$command" | tr -c 'a-z' _)" 2>&1
done

# root may write anything: the commands run as nobody then.
as_user() { "$@"; }
if [ "$(id -u)" = 0 ]; then
	if ! command -v setpriv >/dev/null 2>&1 || ! id nobody >/dev/null 2>&1; then
		skip "running as root without setpriv/nobody" 1
		done_testing
	fi
	as_user() { setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups "$@"; }
	chmod -R a+rX "$TEST_TMP"
	chmod a+w "$TEST_TMP"
	# the radar binary must be reachable by nobody
	as_user test -x "$RADAR" || { skip "$RADAR not reachable as nobody" 1; done_testing; }
fi
chmod a-w "$db" "$dir"

for command in ls "ls --starred" "ls --search agent" "show 3" digests "marks export"; do
	name=$(echo "$command" | tr -c 'a-z' _)
	# shellcheck disable=SC2086
	run as_user "$RADAR" --db "$db" $command
	is "$RUN_STATUS" 0 "read-only cache: $command exits 0"
	is "$(cat "$RUN_OUT" "$RUN_ERR")" "$(cat "$TEST_TMP/before.$name")" "read-only cache: $command prints what it printed before"
done
is "$(ls "$dir")" "radar.db" "nothing is created beside a read-only cache (no -wal, -shm)"

for command in "star 3" "import $top_srcdir/demo" "read 1" "marks import $TEST_TMP/before.marks_export_"; do
	# shellcheck disable=SC2086
	run as_user "$RADAR" --db "$db" $command
	is "$RUN_STATUS" 1 "read-only cache: ${command%% *} exits 1"
	like "$RUN_STDERR" "^radar: cannot write to cache .*radar.db: Permission denied \(writing needs the file and its directory writable; ls, show and digests still read it\)$" \
		"read-only cache: ${command%% *} says why it cannot write"
done
chmod u+w "$dir" "$db"
done_testing
