#!/bin/sh
# `radar import` parses on worker threads and stores on one: the cache it
# leaves is the same with 0 (the writer parses), 1 and 4 workers, and so are
# its messages (counts, warnings and errors in file order).  Compared:
# import's output, `ls --json` (without first_seen, the clock), `show` of a
# sample of items, `digests`.
. "${top_srcdir:-.}/tests/lib.sh"
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC TERM=xterm-256color
need_python3
srcdir=${top_srcdir:-.}

corpus=$TEST_TMP/corpus
mkdir -p "$corpus"
"$PYTHON3" "$srcdir/tools/gen-corpus.py" "$corpus" --sources 3 --items 60 --per-digest 12 \
	>/dev/null || bail_out "cannot generate the corpus"
rm -f "$corpus/config"
# Other bodies the same path reads: feeds, an HTML page, a broken file.
others=$TEST_TMP/others
mkdir -p "$others"
for f in arxiv.rss releases.atom page.html malformed.rss newsletter.rss; do
	cp "$srcdir/tests/fixtures/feeds/$f" "$others/" || bail_out "no fixture $f"
done
printf '\211PNG\r\n\032\n\000\000\000\rIHDR' >"$others/binary.md"

import_with() { # WORKERS: imports the corpus into w$WORKERS.db, keeps what it shows
	db=$TEST_TMP/w$1.db
	RADAR_INGEST_WORKERS=$1 "$RADAR" --db "$db" import "$others/arxiv.rss" "$corpus" \
		"$others/releases.atom" "$others/binary.md" "$others/page.html" "$others/malformed.rss" \
		"$others/newsletter.rss" >"$TEST_TMP/w$1.out" 2>&1
	echo "status $?" >>"$TEST_TMP/w$1.out"
	"$RADAR" --db "$db" ls --json --limit 100000 | sed 's/"first_seen":"[^"]*"//' >"$TEST_TMP/w$1.json"
	"$RADAR" --db "$db" digests >"$TEST_TMP/w$1.digests" 2>&1
	: >"$TEST_TMP/w$1.show"
	for id in 1 7 50 99 140 181; do
		"$RADAR" --db "$db" show "$id" >>"$TEST_TMP/w$1.show" 2>&1
	done
}

for w in 0 1 4; do
	import_with $w
done

like "$(cat "$TEST_TMP/w0.out")" "imported [0-9]+ digests" "the import with no worker thread ran"
items=$(wc -l <"$TEST_TMP/w0.json" | tr -d ' ')
ok "$([ "$items" -gt 150 ]; echo $?)" "it stored the corpus ($items items)"
like "$(cat "$TEST_TMP/w0.out")" "binary.md: binary data" "the broken file is reported"
for w in 1 4; do
	is "$(cat "$TEST_TMP/w$w.out")" "$(cat "$TEST_TMP/w0.out")" "$w workers: the same messages, in the same order"
	ok "$(cmp -s "$TEST_TMP/w$w.json" "$TEST_TMP/w0.json"; echo $?)" "$w workers: ls --json is byte-identical"
	ok "$(cmp -s "$TEST_TMP/w$w.show" "$TEST_TMP/w0.show"; echo $?)" "$w workers: show is byte-identical"
	ok "$(cmp -s "$TEST_TMP/w$w.digests" "$TEST_TMP/w0.digests"; echo $?)" "$w workers: digests is byte-identical"
done

done_testing
