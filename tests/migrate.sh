#!/bin/sh
# A cache written by schema 1 (trigram full text, excerpts copied into
# mentions) is upgraded in place through every later schema (2: radar's
# tokenizer, a contentless index, excerpts as byte ranges into the stored
# digest; 3: the digests' text compressed; 8: the tag pane's counts kept
# in tag_counts; 9: tags without their unique index, summaries as byte
# ranges into a digest's text; 10: the counts per source, per kind and in
# all kept in item_counts; 11: no index that no statement needs, tags by
# number; 12: the time each digest's location last answered, a source's
# last checked and fresh counts) with every star and read mark kept and
# every item reading as it did.
# tests/fixtures/migrate/cache-v1.sql is the demo digests imported by the
# schema-1 radar, items 15 and 12 starred, 15, 14 and 3 read; ls.json and
# show.txt are what that radar printed for it.
# cache-v8.sql is a schema-8 cache (the demo digests and two feeds of
# tests/fixtures/feeds: excerpts copied, not ranges) with stars, read marks
# and user tags (one of them also a tag the digest gives), made by the
# schema-8 radar; v8-*.txt/json/jsonl are what that radar printed for it.
. "${top_srcdir:-.}/tests/lib.sh"
need_python3
export LC_ALL=C.UTF-8 LANG=C.UTF-8 TZ=UTC TERM=dumb
fixtures=${top_srcdir:-.}/tests/fixtures/migrate
db=$TEST_TMP/cache.db

sql() { "$PYTHON3" -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print("\n".join("|".join(str(v) for v in row) for row in c.execute(sys.argv[2])))' "$db" "$1"; }

"$PYTHON3" -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript(open(sys.argv[2], encoding="utf-8").read())
c.execute("PRAGMA journal_mode = WAL")' "$db" "$fixtures/cache-v1.sql"
is "$(sql 'PRAGMA user_version')" 1 "the fixture is a schema-1 cache"
links_before=$(sql "SELECT id, coalesce(key, '(none)') FROM links ORDER BY id")

# Opening it read-write upgrades it (starring an item already starred
# changes nothing else).
run "$RADAR" --db "$db" star 15
is "$RUN_STATUS" 0 "a read-write open upgrades it: $RUN_STDERR"
is "$(sql 'PRAGMA user_version')" 16 "it is schema 16 (the latest) now"
like "$(sql "EXPLAIN QUERY PLAN SELECT count(*) FROM items i WHERE i.first_seen > '2026-01-01' AND i.read = 0 AND (i.boilerplate = 0 OR i.starred = 1)")" \
	"COVERING INDEX items_new" "schema 13: the New entry's count reads only items_new"
like "$(sql "EXPLAIN QUERY PLAN SELECT count(*) FROM items i WHERE i.last_mentioned >= '2026-01-01' AND i.read = 0 AND (i.boilerplate = 0 OR i.starred = 1)")" \
	"COVERING INDEX items_hot" "schema 14: the Hot entry's count reads only items_hot"
like "$(sql "EXPLAIN QUERY PLAN SELECT count(*) FROM items i WHERE i.sort_date >= '2026-01-01' AND i.read = 0 AND (i.boilerplate = 0 OR i.starred = 1)")" \
	"COVERING INDEX items_unread" "schema 15: the Today entry's count reads only items_unread"
isnt "$(sql "SELECT count(*) FROM items WHERE last_mentioned IS NOT NULL")" 0 \
	"schema 14: the items' latest mentions are filled in (item_counts.py checks each)"
is "$(sql "SELECT count(*) FROM digests WHERE checked_at IS NULL")" "$(sql 'SELECT count(*) FROM digests')" \
	"schema 12: no digest has a check time yet (the next refresh requests every day)"
like "$("$PYTHON3" "${top_srcdir:-.}/tests/item_counts.py" "$db")" "^same [1-9]" \
	"schema 10 counted every source and kind (item_counts)"
is "$(sql 'SELECT group_concat(id) FROM (SELECT id FROM items WHERE starred ORDER BY id)')" 12,15 "the stars are kept"
is "$(sql "SELECT tag, items, unread, user > 0 FROM tag_counts WHERE items > 0 ORDER BY tag")" \
	"$(sql "SELECT t.tag, count(DISTINCT t.item_id), count(DISTINCT CASE WHEN i.read = 0 THEN t.item_id END),
	  max(t.mine) FROM (SELECT tag, item_id, origin = 'user' AS mine FROM tags UNION ALL
	  SELECT dt.tag, m.item_id, 0 FROM digest_tags dt JOIN mentions m ON m.digest_id = dt.digest_id) t
	  JOIN items i ON i.id = t.item_id GROUP BY t.tag ORDER BY t.tag")" \
	"schema 8 counted every tag (the tag pane's tag_counts)"
isnt "$(sql "SELECT count(*) FROM tag_counts WHERE items > 0")" 0 "... and there are tags"
is "$(sql 'SELECT group_concat(id) FROM (SELECT id FROM items WHERE read ORDER BY id)')" 3,14,15 "the read marks are kept"
run "$RADAR" --db "$db" ls --json --limit 100
is "$RUN_STDOUT" "$(cat "$fixtures/ls.json")" "ls --json prints what schema 1 printed"
for id in 15 12 3 1 30; do "$RADAR" --db "$db" show $id --width 80; done >"$TEST_TMP/show.txt" 2>&1
ok "every item's article reads as it did (excerpts from their byte ranges)" \
	cmp -s "$TEST_TMP/show.txt" "$fixtures/show.txt" || diff "$fixtures/show.txt" "$TEST_TMP/show.txt" | head -20
is "$(sql "SELECT count(*) FROM mentions WHERE excerpt_len IS NULL AND markdown <> ''")" 2 \
	"all but the two merged excerpts became ranges"
is "$(sql 'SELECT count(*) = (SELECT count(*) FROM mentions) FROM items_fts_docsize')" 1 \
	"one full-text row per mention"
is "$(sql "SELECT count(*) FROM sqlite_master WHERE name = 'items_fts_content'")" 0 \
	"the index holds no copy of the text"

# Schema 4 stores no 'url:' key that the URL gives (as store/internal.h's
# LINK_KEY reads it back).
is "$(sql "SELECT id, CASE WHEN key IS NULL THEN 'url:' || url WHEN key = '' THEN '(none)' ELSE key END FROM links ORDER BY id")" \
	"$links_before" "every link's key reads as before"
isnt "$(sql "SELECT count(*) FROM links WHERE key IS NULL")" 0 "the common keys are not stored"
is "$(sql "SELECT count(*) FROM sqlite_master WHERE name = 'links_key'")" 0 "the unused links_key index is gone"
is "$(sql "SELECT count(*) FROM digests WHERE typeof(raw) <> 'blob'")" 0 \
	"every digest's text is stored compressed"
run "$RADAR" --db "$db" digests
is "$RUN_STATUS" 0 "digests lists them"
run "$RADAR" --db "$db" reindex
is "$RUN_STATUS" 0 "reindex reads every compressed text back: $RUN_STDERR"
like "$RUN_STDOUT" "re-extracted [0-9]+ digests .*0 errors" "... without an error"
is "$(sql 'SELECT group_concat(id) FROM (SELECT id FROM items WHERE read ORDER BY id)')" 3,14,15 \
	"the read marks are kept after reindex"

# Search works through the new index, for every query length.
for q in 评测 智能体 反思 long Lumen; do
	run "$RADAR" --db "$db" ls --search "$q"
	isnt "$RUN_STDOUT" "" "search '$q' finds items"
done
run "$RADAR" --db "$db" ls --search 测
like "$RUN_STDOUT" "AgentBench-Lite" "a 1-character Chinese query finds the item"
run "$RADAR" --db "$db" ls --search 'zzzqqq'
is "$RUN_STDOUT" "" "a word nowhere finds nothing"

# A second open leaves it alone.
run "$RADAR" --db "$db" unstar 12
is "$(sql 'SELECT group_concat(id) FROM (SELECT id FROM items WHERE starred ORDER BY id)')" 15 "marks still work"

# ---- schema 8 to 9, compared with what the schema-8 radar printed
rm -f "$db" "$db-wal" "$db-shm"
"$PYTHON3" -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript(open(sys.argv[2], encoding="utf-8").read())
c.execute("PRAGMA journal_mode = WAL")' "$db" "$fixtures/cache-v8.sql"
is "$(sql 'PRAGMA user_version')" 8 "the second fixture is a schema-8 cache"
tags_before=$(sql "SELECT rowid, item_id, tag, origin, coalesce(digest_id, '-') FROM tags ORDER BY rowid")
counts_before=$(sql "SELECT tag, items, unread, user FROM tag_counts ORDER BY tag")
run "$RADAR" --db "$db" star 15
is "$RUN_STATUS" 0 "a read-write open upgrades it: $RUN_STDERR"
is "$(sql 'PRAGMA user_version')" 16 "it is schema 16 now"
like "$("$PYTHON3" "${top_srcdir:-.}/tests/item_counts.py" "$db")" "^same [1-9]" \
	"the upgrade counted every source and kind, the marks with them"
sources_after=$("$RADAR" --db "$db" sources)
is "$(sql "SELECT rowid, item_id, tag, origin, coalesce(digest_id, '-') FROM tags ORDER BY rowid")" \
	"$tags_before" "every tag row is kept, rowid (the order given) and all"
is "$(sql "SELECT tag, items, unread, user FROM tag_counts ORDER BY tag")" "$counts_before" \
	"the tag pane's counts are untouched"
is "$(sql "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_schema
	WHERE tbl_name IN ('tags', 'tag_rows') ORDER BY name)")" \
	"tag_counts_tags_delete tag_counts_tags_insert tag_rows tags tags_delete tags_insert tags_item tags_tag tags_user" \
	"tags is a view of tag_rows (schema 11) with no unique index of every column; its indexes and triggers are there"
is "$(sql "SELECT count(*) FROM tag_names")" "$(sql "SELECT count(DISTINCT tag) FROM tags")" \
	"each tag's text is stored once, in tag_names"
isnt "$(sql "SELECT count(*) FROM items WHERE summary_digest IS NOT NULL AND summary = ''")" 0 \
	"summaries found in a digest's text became ranges into it"
is "$(sql "SELECT count(*) FROM items i JOIN digests d ON d.id = i.summary_digest
	WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.item_id = i.id AND m.digest_id = d.id)")" 0 \
	"... each into a digest that mentions the item"
is "$(sql 'PRAGMA integrity_check')" ok "the upgraded file is sound"
is "$(sql 'PRAGMA foreign_key_check')" "" "... and so are its references"
v8search() {
	for q in 评测 测 智能体 反思 long Lumen '"tiny agent"' HN tag:今日焦点 tag:eval tag:llm tag:LLM \
		-tag:推理 '测 tag:agent' is:starred is:unread; do
		echo "# $q"
		"$RADAR" --db "$db" ls --limit 100 $q 2>&1 | awk '{ print $1 }' | tr '\n' ' '
		echo
	done
}
v8check() { # WHEN: everything reads as the schema-8 radar printed it
	v8search >"$TEST_TMP/v8-search.txt"
	ok "$1: every search and tag filter finds the same items" \
		cmp -s "$TEST_TMP/v8-search.txt" "$fixtures/v8-search.txt" ||
		diff "$fixtures/v8-search.txt" "$TEST_TMP/v8-search.txt" | head -20
	run "$RADAR" --db "$db" ls --json --limit 100
	is "$RUN_STDOUT" "$(cat "$fixtures/v8-ls.json")" "$1: ls --json prints the same"
	for id in 15 2 33 31 32 37 12; do "$RADAR" --db "$db" show $id --width 80; done >"$TEST_TMP/show.txt" 2>&1
	ok "$1: the articles read the same (tags in the order given, the user's)" \
		cmp -s "$TEST_TMP/show.txt" "$fixtures/v8-show.txt" ||
		diff "$fixtures/v8-show.txt" "$TEST_TMP/show.txt" | head -20
	run "$RADAR" --db "$db" export --format json
	is "$RUN_STDOUT" "$(cat "$fixtures/v8-export.json")" "$1: export writes the same"
	run "$RADAR" --db "$db" marks export
	is "$RUN_STDOUT" "$(cat "$fixtures/v8-marks.jsonl")" "$1: every star, read mark and user tag is kept"
}
v8check "after the upgrade"
is "$(sql "SELECT count(*) FROM sqlite_schema
	WHERE name IN ('items_kinds', 'items_first_source', 'links_digest')")" 0 \
	"schema 11 dropped the indexes nothing reads through"
run "$RADAR" --db "$db" reindex
is "$RUN_STATUS" 0 "reindex after the upgrade: $RUN_STDERR"
v8check "after reindex"
is "$(sql "SELECT tag, items, unread, user FROM tag_counts ORDER BY tag")" "$counts_before" \
	"reindex counts the tags as before"
is "$("$RADAR" --db "$db" sources)" "$sources_after" "reindex counts the sources as the upgrade did"
like "$("$PYTHON3" "${top_srcdir:-.}/tests/item_counts.py" "$db")" "^same [1-9]" "... and so does item_counts"
# The triggers on tags came back: a user tag added and removed is counted.
run "$RADAR" --db "$db" tag 12 今日焦点
is "$(sql "SELECT items, unread, user FROM tag_counts WHERE tag = '今日焦点'")" "3|3|2" \
	"a user tag given after the upgrade is counted"
run "$RADAR" --db "$db" untag 12 今日焦点
is "$(sql "SELECT tag, items, unread, user FROM tag_counts ORDER BY tag")" "$counts_before" \
	"... and taken off again"
done_testing
