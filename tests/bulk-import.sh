#!/bin/sh
# `radar import` stores in batches with the schema's triggers off, keeping
# the tag pane's counts itself (store/tagcount.c), its items settled a
# digest at a time and the boilerplate fingerprints made on the workers;
# `radar refresh` of the same directories stores each digest in a
# transaction of its own with every trigger on.  The two must leave the
# same cache: every table (times aside; tag_counts with its empty rows
# too) and the full-text index's rows compared after the first import,
# after digests changed (items dropped, read ones remembered) and after the
# old versions came back (items made again, their read marks restored).
. "${top_srcdir:-.}/tests/lib.sh"
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC TERM=dumb
need_python3
srcdir=${top_srcdir:-.}

corpus=$TEST_TMP/g
"$PYTHON3" "$srcdir/tools/gen-corpus.py" "$corpus" --sources 3 --items 60 --per-digest 12 \
	>/dev/null || bail_out "cannot generate the corpus"
# A source whose digests repeat a promo, a new link each day (digits aside,
# the URL query aside, one fingerprint): the third day makes the first two days' items
# boilerplate, items that digest does not touch (item_counts' flips).
mkdir -p "$corpus/promo"
for day in 1 2 3; do
	cat >"$corpus/promo/2026-06-0$day.md" <<EOF
---
title: Promo $day
date: 2026-06-0$day
---
# Promo $day

- [News of day $day](https://example.com/news/day$day): what happened on day $day.
- [Join our community](https://example.com/join?day=$day): talks every week, join us.
EOF
done
: >"$TEST_TMP/conf"
for s in s000 s001 s002 promo; do
	echo "source $s $corpus/$s" >>"$TEST_TMP/conf"
done

bulk() { "$RADAR" --db "$TEST_TMP/bulk.db" "$@"; }
each() { "$RADAR" --db "$TEST_TMP/each.db" --config "$TEST_TMP/conf" "$@"; }
store_all() {
	run bulk import "$corpus/s000" "$corpus/s001" "$corpus/s002" "$corpus/promo"
	is "$RUN_STATUS" 0 "$1: import: $RUN_STDERR"
	run each refresh
	is "$RUN_STATUS" 0 "$1: refresh: $RUN_STDERR"
}

# Prints every table of cache $1 but the clock's columns, rows sorted,
# and the full-text index's rows (their token counts).
dump() {
	"$PYTHON3" - "$1" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
# (and a refresh's fetch record, which an import has none of)
clock = {"first_seen", "fetched_at", "created", "removed_at", "added_at", "last_ok", "sort_date",
         "read_at", "checked_at", "last_checked", "last_fresh"}
for (t,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                      " AND name NOT LIKE 'items_fts%' AND name NOT LIKE 'sqlite_%' ORDER BY name"):
    cols = [r[1] for r in c.execute("PRAGMA table_info(%s)" % t) if r[1] not in clock]
    rows = sorted(repr(r) for r in c.execute("SELECT %s FROM %s" % (", ".join(cols), t)))
    print("##", t, len(rows))
    print("\n".join(rows))
print("## items_fts_docsize")
for r in c.execute("SELECT id, hex(sz) FROM items_fts_docsize ORDER BY id"):
    print(r)
EOF
}
same() {
	like "$("$PYTHON3" "$srcdir/tests/item_counts.py" "$TEST_TMP/bulk.db")" "^same [1-9]" \
		"$1: the import's item_counts equal a recount"
	like "$("$PYTHON3" "$srcdir/tests/item_counts.py" "$TEST_TMP/each.db")" "^same [1-9]" \
		"$1: the refresh's item_counts equal a recount"
	dump "$TEST_TMP/bulk.db" >"$TEST_TMP/bulk.txt"
	dump "$TEST_TMP/each.db" >"$TEST_TMP/each.txt"
	ok "$(cmp -s "$TEST_TMP/bulk.txt" "$TEST_TMP/each.txt"; echo $?)" "$1: the same cache"
	diff "$TEST_TMP/bulk.txt" "$TEST_TMP/each.txt" | head -20 | sed 's/^/# /'
	is "$(bulk ls --all --json --limit 100000 | sed 's/"first_seen":"[^"]*"//')" \
		"$(each ls --all --json --limit 100000 | sed 's/"first_seen":"[^"]*"//')" "$1: the same list"
}

store_all "first"
same "after the first import"
like "$(grep -c . "$TEST_TMP/bulk.txt")" "^[0-9]{3,}" "the caches hold the corpus"
like "$(grep -A1 '^## tag_counts' "$TEST_TMP/bulk.txt" | tail -1)" "^\(" "tag_counts has rows"
is "$("$PYTHON3" -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("SELECT count(*) FROM items WHERE boilerplate > 0 AND key LIKE ?", ("%join%",)).fetchone()[0])' \
	"$TEST_TMP/bulk.db")" 3 "the promo of three days is boilerplate"

# Read marks on items of s000's first digest, then that digest replaced by
# another one: its items go (read ones remembered), others come.
first=$(ls "$corpus/s000" | head -1)
ids=$(bulk ls --source s000 --json --limit 100000 | sed 's/.*"id":\([0-9]*\).*/\1/')
bulk read $ids >/dev/null
each read $ids >/dev/null
cp "$corpus/s000/$first" "$TEST_TMP/first.md"
cp "$corpus/s001/$(ls "$corpus/s001" | tail -1)" "$corpus/s000/$first"
store_all "changed"
same "after a digest changed"
like "$(grep -A1 '^## removed_marks' "$TEST_TMP/bulk.txt" | tail -1)" "^\(" "read items it dropped are remembered"

cp "$TEST_TMP/first.md" "$corpus/s000/$first"
store_all "restored"
same "after the old version came back"

done_testing
