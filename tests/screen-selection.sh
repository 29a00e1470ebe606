#!/bin/sh
# The visual selection's other actions (tmux, see tests/tmux.sh; issue 12):
# with a selection, :export writes exactly the selected items (byte for
# byte what `radar export` writes for a query naming the same items) and
# leaves the visual mode, :export without one writes the whole view, and o
# hands each selected item's own link to the browser as one argument (no
# shell: quotes, %, ; and & arrive as written), saying how many it handed
# over; with no browser and no display it says so.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"
LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC TERM=xterm-256color
export LANG LC_ALL TZ TERM
screen_setup radar-selection "${1:-}"

# A browser that appends its argument to a log (several run at once).
OPEN_LOG=$TEST_TMP/opened.log
cat >"$TEST_TMP/opener" <<STUB
#!/bin/sh
printf '%s\n' "\$1" >>"$OPEN_LOG"
STUB
chmod +x "$TEST_TMP/opener"
BROWSER_STUB=$TEST_TMP/opener

# wait_lines FILE N: at most 5 s for FILE to have N lines.
wait_lines() {
	_n=0
	while [ "$(cat "$1" 2>/dev/null | wc -l)" -lt "$2" ] && [ $_n -lt 100 ]; do
		sleep 0.05
		_n=$((_n + 1))
	done
	[ "$(cat "$1" 2>/dev/null | wc -l)" -ge "$2" ]
}

start 80 24 "$DB"
# The first three rows: the discussion and the two projects of 2026-03-02.
keys v j j
literal ":export json $TEST_TMP/selected.json"
keys Enter
like "$(capture | tail -n 1)" "exported the 3 selected items to $TEST_TMP/selected.json" \
	":export with a selection says it wrote the selected items"
run "$RADAR" --db "$DB" export --format json -o "$TEST_TMP/expected.json" since:2026-03-02 -kind:paper
is "$RUN_STATUS" 0 "radar export of the same three items"
ok "$(cmp -s "$TEST_TMP/selected.json" "$TEST_TMP/expected.json" && echo 0 || echo 1)" \
	"... is byte for byte what :export wrote for the selection"
like "$(grep -c '"id":' "$TEST_TMP/selected.json")" '^3$' "three items in the file"
unlike "$(capture)" '^[0-9-]{10}>' ":export leaves the visual mode"

# Rows 4 and 5, the papers of 2026-03-02, as Markdown.
keys j v j
literal ":export markdown $TEST_TMP/papers.md"
keys Enter
like "$(capture | tail -n 1)" "exported the 2 selected items" "a selection from the cursor down, as Markdown"
"$RADAR" --db "$DB" export --format markdown -o "$TEST_TMP/expected.md" kind:paper since:2026-03-02
ok "$(cmp -s "$TEST_TMP/papers.md" "$TEST_TMP/expected.md" && echo 0 || echo 1)" \
	"... the same reading list radar export writes for those two"

literal ":export csv $TEST_TMP/all.csv"
keys Enter
like "$(capture | tail -n 1)" "exported 9 items to $TEST_TMP/all.csv" ":export without a selection writes the whole view"
is "$(($(wc -l <"$TEST_TMP/all.csv")))" 10 "... a header and nine rows"

# The last three rows: two articles (one URL with quotes, %, ; and &) and a paper.
keys G k k v j j o
ok "o with a selection hands each item's link to the browser" wait_lines "$OPEN_LOG" 3
sleep 0.2
is "$(sort "$OPEN_LOG")" "https://arxiv.org/abs/2603.00003
https://example.org/a%20b?q=%22x%22;y=1&z='w'
https://x.com/example_dev/status/2059310027465800001" \
	"... each its own link, one argument, as written"
like "$(capture | tail -n 1)" 'Handed 3 links to opener\.' "... and says it handed three over (not that they opened)"
unlike "$(capture)" '^[0-9-]{10}>' "o leaves the visual mode"

: >"$OPEN_LOG"
keys o
ok "o without a selection opens the cursor's item" wait_lines "$OPEN_LOG" 1
sleep 0.2
is "$(cat "$OPEN_LOG")" "https://arxiv.org/abs/2603.00003" "... only its link"
_shell=$(tm display -p -t radar '#{pane_pid}')
tm send-keys -t radar q
_n=0
while pgrep -P "$_shell" -x radar >/dev/null && [ $_n -lt 100 ]; do sleep 0.05; _n=$((_n + 1)); done
unlike "$(cat "$TEST_TMP/stderr")" 'radar: |Sanitizer|runtime error' "no error (nor sanitizer report) printed at exit"

# No browser set and no display: nothing is started, and o says what to do.
BROWSER_STUB=
start 80 24 "$DB"
keys v j o
like "$(capture | tail -n 1)" 'No display and no browser set: press y' \
	"o on a selection without a browser or a display offers y"
unlike "$(capture)" '^[0-9-]{10}>' "... and leaves the visual mode"

# A selection of 51 links is refused whole: a slip of G must not start a
# browser per row.  Fifty are handed over.
{
	printf '# Many links 2026-03-05\n\n'
	i=1
	while [ $i -le 51 ]; do
		printf -- '- [Project number %d of many](https://example.com/many/%d): a line of its own\n' $i $i
		i=$((i + 1))
	done
} >"$TEST_TMP/many.md"
run "$RADAR" --db "$TEST_TMP/many.db" import "$TEST_TMP/many.md"
is "$RUN_STATUS" 0 "a digest of 51 linked items"
: >"$OPEN_LOG"
BROWSER_STUB=$TEST_TMP/opener
start 80 24 "$TEST_TMP/many.db"
keys v G o
like "$(capture | tail -n 1)" 'Too many links at once \(51; o opens at most 50\)\.' \
	"o on 51 selected links refuses, naming the cap"
sleep 0.3
is "$(cat "$OPEN_LOG" | wc -l | tr -d ' ')" 0 "... and starts no browser"
unlike "$(capture)" '^[0-9-]{10}>' "... and leaves the visual mode"
keys g g v
keys 4 9 j o
ok "o on 50 selected links hands them all over" wait_lines "$OPEN_LOG" 50
like "$(capture | tail -n 1)" 'Handed 50 links to opener\.' "... and says so"
done_testing
