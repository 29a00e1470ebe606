#!/bin/sh
# The cache as a file: a command that only reads (ls, show, digests,
# sources) on a cache that does not exist is an error naming the path and
# creates nothing; a writing command (import) creates it.
. "${top_srcdir:-.}/tests/lib.sh"

missing=$TEST_TMP/typo/radar.db
for command in ls "show 1" digests sources; do
	# shellcheck disable=SC2086 # the command and its argument
	run "$RADAR" --db "$missing" $command
	is "$RUN_STATUS" 1 "$command on a missing cache exits 1"
	like "$RUN_STDERR" "no cache at .*typo/radar.db; run radar import or radar refresh" \
		"$command on a missing cache says so, naming the path"
	[ ! -e "$TEST_TMP/typo" ]
	ok $? "$command on a missing cache creates neither the file nor its directory"
done
printf '# D\n\n- [x](https://example.com/x)\n' >"$TEST_TMP/d.md"
run "$RADAR" --db "$missing" import "$TEST_TMP/d.md"
is "$RUN_STATUS" 0 "import creates the cache"
run "$RADAR" --db "$missing" ls
is "$RUN_STATUS" 0 "ls reads it then"
done_testing
