#!/bin/sh
# Every libFuzzer target (tests/fuzz/, `make fuzz`) run for a short while
# (RADAR_FUZZ_SECONDS, 8 s by default; 0 skips), so that a regression a few
# mutations away from the corpus fails make check.  Skipped when clang
# cannot link a libFuzzer program (tools/install-deps installs clang).
. "${top_srcdir:-.}/tests/lib.sh"

seconds=${RADAR_FUZZ_SECONDS:-8}
cc=${FUZZ_CC:-clang}
if [ "$seconds" = 0 ]; then
	echo "1..0 # SKIP RADAR_FUZZ_SECONDS=0"
	exit 0
fi
if ! command -v "$cc" >/dev/null 2>&1; then
	echo "1..0 # SKIP $cc not found"
	exit 0
fi
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }\n' >"$TEST_TMP/probe.c"
if ! "$cc" -fsanitize=fuzzer,address,undefined -o "$TEST_TMP/probe" "$TEST_TMP/probe.c" >/dev/null 2>&1; then
	echo "1..0 # SKIP $cc cannot link libFuzzer programs (Debian: libclang-rt-dev)"
	exit 0
fi

# Each make in its own environment: the test's MAKEFLAGS (jobserver) do not
# apply to this nested one.
run env -u MAKEFLAGS -u MFLAGS ${MAKE:-make} -s -C "$top_builddir" fuzz-binaries
is "$RUN_STATUS" 0 "the libFuzzer targets build" || bail_out "$(printf '%s\n' "$RUN_STDERR" | tail -n 20)"

for target in digest text frontmatter config charset date links store feed; do
	# A generous per-input timeout: CI machines are shared and this build
	# is sanitized; `make fuzz` holds inputs to 1 s.
	run sh "$top_srcdir/tools/fuzz" --seconds "$seconds" --timeout 20 --build "$top_builddir/fuzz-build" \
		--src "$top_srcdir" "$target"
	is "$RUN_STATUS" 0 "libFuzzer $target for ${seconds}s: no crash, leak, timeout or broken invariant" ||
		diag "$RUN_STDERR"
	diag "$RUN_STDOUT"
done
done_testing
