#!/bin/sh
# A long list (tmux, see tests/tmux.sh): more rows than the list keeps in
# memory, so the window slides by keyset and jumps by offset; the item under
# the cursor must be the one at that place.  The reader counts only the
# first screens itself; the whole count comes from its counting thread, and
# the status line and a search's message show it.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"
screen_setup radar-long "${1:-}"

LONG=$TEST_TMP/long
mkdir -p "$LONG"
awk 'BEGIN {
	printf("# Long 2026-01-01\n\n## Papers\n\n")
	for (i = 1; i <= 1500; i++)
		printf("- [Long item %04d](https://arxiv.org/abs/2601.%05d): text.\n", i, i)
}' >"$LONG/long.md"
LDB=$TEST_TMP/long.db
run "$RADAR" --db "$LDB" import "$LONG"
is "$RUN_STATUS" 0 "a 1500-item digest imports"
# title_at POSITION (1-based) in the default order, from the command line
title_at() { "$RADAR" --db "$LDB" ls --offset "$(($1 - 1))" --limit 1 | sed 's/.*\(Long item [0-9]*\).*/\1/'; }
# article_title: the first line of the article opened with Enter
article_title() { keys Enter; capture | sed -n '1s/^ *\(Long item [0-9]*\).*/\1/p'; keys q; }
start 80 24 "$LDB"
for step in "700 j:701" "G:1500" "300 k:1200" "g g:1" "C-f C-f C-f:67" "C-d:78" "1000 j:1078" "C-u:1067" "C-b:1045" "1 2 3 4 G:1234"; do
	set -- $(echo "${step%%:*}")
	keys "$@"
	want=${step##*:}
	like "$(status_line 24)" " All  $want/1500 " "${step%%:*} puts the cursor on $want"
	is "$(article_title)" "$(title_at "$want")" "... and the item there is the one the cache has at $want"
done
keys g g
literal "/Long item"
keys Enter
like "$(capture)" '1500 matches' "a search matching every item says how many, once they are counted"
like "$(status_line 24)" ' 1/1500 ' "... and so does the status line"
tm send-keys -t radar q

done_testing
