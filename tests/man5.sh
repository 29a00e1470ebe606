#!/bin/sh
# man/radar.5 is generated from the tables (tools/gen-radar5): the committed
# page must be the generator's output (`make radar.5` rewrites it), render
# without warnings, and agree with `radar --help` and the keymap files.
. "${top_srcdir:-.}/tests/lib.sh"

page=$top_srcdir/man/radar.5
gen=$top_builddir/tools/gen-radar5
[ -f "$page" ] || bail_out "no man page: $page"
[ -x "$gen" ] || bail_out "no generator: $gen (make tools/gen-radar5)"

"$gen" >"$TEST_TMP/radar.5"
is "$?" 0 "the generator runs"
if cmp -s "$TEST_TMP/radar.5" "$page"; then
	pass "man/radar.5 is up to date with the tables"
else
	not_ok "man/radar.5 is up to date with the tables (run 'make radar.5')"
	diff "$page" "$TEST_TMP/radar.5" | head -20 | sed 's/^/# /'
fi

# Some options, actions and colour areas of the tables are in the page, as
# headings (.B NAME or .BR NAME).
for word in mark-read-on-open refresh-on-start ambiguous-wide half-page-down copy-url \
	status-error code-block; do
	roff=$(printf '%s' "$word" | sed 's/-/\\-/g')
	if grep -Eq "^\.BR? $(printf '%s' "$roff" | sed 's/\\/\\\\/g')( |\$)" "$page"; then
		pass "the page has $word"
	else
		not_ok "the page has $word"
	fi
done

# radar --help names the config file as the page does.
run "$RADAR" --help
like "$RUN_STDOUT" '--config PATH' "--help has --config"
like "$RUN_STDOUT" 'XDG_CONFIG_HOME/radar/config' "--help names the default config file"
grep -q 'XDG_CONFIG_HOME/radar/config' "$page"
is "$?" 0 "the page names the same file"

# Every keymap and theme file is described in the page.
for f in "$top_srcdir"/keymaps/*.keys "$top_srcdir"/themes/*.theme; do
	name=$(basename "$f"); name=${name%.*}
	grep -q "^\.B $(printf '%s' "$name" | sed 's/-/\\\\-/g')\$" "$page"
	is "$?" 0 "the page lists $(basename "$f")"
done

if ! command -v man >/dev/null 2>&1 || ! command -v groff >/dev/null 2>&1; then
	skip "man or groff not found" 3
else
	MANWIDTH=80 man --warnings -E UTF-8 -l "$page" >"$TEST_TMP/out.txt" 2>"$TEST_TMP/warnings.txt"
	is "$?" 0 "man renders radar.5"
	is "$(cat "$TEST_TMP/warnings.txt")" "" "without warnings"
	like "$(cat "$TEST_TMP/out.txt")" 'COLOUR AREAS' "the rendered page has its sections"
fi
done_testing
