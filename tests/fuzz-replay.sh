#!/bin/sh
# Every fuzz target (tests/fuzz/) replayed, without libFuzzer, over its
# checked-in seed corpus and the crashers kept as regression inputs: the
# build's own compiler, so this runs wherever make check does (and under
# ASan+UBSan in tools/check-sanitizers).
. "${top_srcdir:-.}/tests/lib.sh"

for target in digest text frontmatter config charset date links store feed; do
	replay=$top_builddir/tests/fuzz/replay-$target
	dirs=
	for dir in "$top_srcdir/tests/fuzz/corpus/$target" "$top_srcdir/tests/fuzz/regressions/$target"; do
		[ -d "$dir" ] && dirs="$dirs $dir"
	done
	# shellcheck disable=SC2086 # a list of directories
	run "$replay" $dirs
	inputs=$(printf '%s\n' "$RUN_STDOUT" | sed -n 's/^replay: \([0-9]*\) inputs$/\1/p')
	is "$RUN_STATUS" 0 "fuzz target $target: every corpus and regression input passes (${inputs:-0} inputs)" ||
		diag "$(printf '%s\n' "$RUN_STDERR" | tail -n 30)"
	[ "${inputs:-0}" -gt 0 ]
	ok $? "fuzz target $target: its corpus is not empty"
done
done_testing
