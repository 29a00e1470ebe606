#!/bin/sh
# The tag pane's counts (schema 8: tag_counts, kept by the cache's
# triggers, read by store_list_tags) equal a recount from the tags
# themselves after every kind of change: imports of digests with
# front-matter tags (digest_tags) and section tags, items repeated across
# digests; an unchanged re-import; a changed digest that
# drops tags, a front-matter tag and an item (deleted, its tags with it);
# read and unread marks; the user's tags added and removed; marks import
# with pending tags applied by a later import; reindex; an item deleted
# with its tags and mentions still there; and reindex mends
# counts another program broke.
. "${top_srcdir:-.}/tests/lib.sh"
need_python3
LC_ALL=C.UTF-8 LANG=C.UTF-8 TZ=UTC TERM=dumb
export LC_ALL LANG TZ TERM

db=$TEST_TMP/counts.db
R() { "$RADAR" --db "$db" "$@"; }

# Prints "same N" when tag_counts equals the recount (N tags), else what
# differs.  The recount is the query store_list_tags ran before schema 8.
recount() {
	"$PYTHON3" - "$db" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
kept = sorted(c.execute("SELECT tag, items, unread, user > 0 FROM tag_counts WHERE items > 0"))
want = sorted(c.execute("""SELECT t.tag, count(DISTINCT t.item_id),
 count(DISTINCT CASE WHEN i.read = 0 THEN t.item_id END), max(t.mine)
 FROM (SELECT tag, item_id, origin = 'user' AS mine FROM tags UNION ALL
  SELECT dt.tag, m.item_id, 0 FROM digest_tags dt JOIN mentions m ON m.digest_id = dt.digest_id) t
 JOIN items i ON i.id = t.item_id GROUP BY t.tag"""))
bad = c.execute("SELECT count(*) FROM tag_counts WHERE items < 0 OR unread < 0 OR user < 0"
                " OR unread > items").fetchone()[0]
if kept == want and not bad:
    print("same", len(want))
else:
    print("differ: kept", [r for r in kept if r not in want], "recounted", [r for r in want if r not in kept],
          bad, "impossible rows")
EOF
}
# item_counts (schema 10: per source, per kind, in all) against a recount
# in Python (tests/item_counts.py).
same() {
	like "$(recount)" "^same [1-9]" "$1"
	like "$("$PYTHON3" "${top_srcdir:-.}/tests/item_counts.py" "$db")" "^same [1-9]" "$1: item_counts"
}
sql() { "$PYTHON3" -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print("\n".join("|".join(str(v) for v in row) for row in c.execute(sys.argv[2])))' "$db" "$1"; }
id() { R ls --all --json | grep "\"$1\"" | sed 's/.*"id":\([0-9]*\).*/\1/'; }

mkdir -p "$TEST_TMP/d"
cat >"$TEST_TMP/d/one.md" <<'EOF'
---
title: One
date: 2026-06-01
tags: [AI, 周报]
---
# One

## 模型

- [Acme model card](https://github.com/acme/model): Acme ships a model.
- [Paper on memory](https://arxiv.org/abs/2606.00001): long memory.
- [Tiny tool](https://github.com/tiny/tool): a tool.

## 工具

- [Second paper](https://arxiv.org/abs/2606.00002): Acme again.
EOF
cat >"$TEST_TMP/d/two.md" <<'EOF'
---
title: Two
date: 2026-06-02
tags: [AI, 日报]
---
# Two

## 模型

- [Paper on memory](https://arxiv.org/abs/2606.00001): memory again.
- [Tiny tool](https://github.com/tiny/tool): the tool, once more.

## 新

- [Third paper](https://arxiv.org/abs/2606.00003): new.
EOF
run R import "$TEST_TMP/d"
is "$RUN_STATUS" 0 "the digests import: $RUN_STDERR"
is "$(sql 'PRAGMA user_version')" 16 "the cache is schema 16 (the latest)"
same "after an import: the counts equal a recount"
is "$(sql "SELECT items FROM tag_counts WHERE tag = 'AI'")" 5 \
	"a front-matter tag of two digests counts each item once"
is "$(sql "SELECT items FROM tag_counts WHERE tag = '模型'")" 3 \
	"a section tag an item has in two digests counts it once"

run R import "$TEST_TMP/d"
same "after an unchanged re-import"

memory=$(id arxiv:2606.00001)
tool=$(id github:tiny/tool)
R read "$memory" "$tool" >/dev/null
same "after read marks"
is "$(sql "SELECT unread FROM tag_counts WHERE tag = 'AI'")" 3 "read items leave the unread count"
R unread "$tool" >/dev/null
R read "$memory" >/dev/null
same "after an unread mark and a read mark of an item already read"
R star "$tool" "$memory" >/dev/null
R unstar "$memory" >/dev/null
same "after star marks"
is "$(sql "SELECT starred FROM item_counts WHERE key = ''")" 1 "a starred item counts"

R tag "$tool" to-read AI >/dev/null
R tag "$memory" to-read >/dev/null
same "after the user's tags (one the item has from its digests)"
is "$(sql "SELECT items, user FROM tag_counts WHERE tag = 'to-read'")" "2|2" "a user tag counts its items"
R untag "$memory" to-read >/dev/null
R untag "$tool" AI >/dev/null
same "after the user's tags are removed"
is "$(sql "SELECT items FROM tag_counts WHERE tag = 'AI'")" 5 \
	"removing the user's AI leaves the item AI from its digests"

# A changed digest: a front-matter tag and a section gone, the third paper
# too (the item is deleted: no digest mentions it).
cat >"$TEST_TMP/d/two.md" <<'EOF'
---
title: Two
date: 2026-06-02
tags: [日报]
---
# Two

## 模型

- [Paper on memory](https://arxiv.org/abs/2606.00001): memory again, revised.

## 其他

- [Tiny tool](https://github.com/tiny/tool): the tool, once more.
EOF
run R import "$TEST_TMP/d"
is "$RUN_STATUS" 0 "the changed digest imports: $RUN_STDERR"
is "$(id arxiv:2606.00003)" "" "the item no digest mentions is gone"
same "after a changed digest drops tags and an item"
is "$(sql "SELECT coalesce(sum(items), 0) FROM tag_counts WHERE tag = '新'")" 0 \
	"the deleted item's section tag counts nothing"
is "$(sql "SELECT items FROM tag_counts WHERE tag = 'AI'")" 4 "two's dropped front-matter tag leaves one's items"
is "$(sql "SELECT items FROM tag_counts WHERE tag = '模型'")" 3 "the tool keeps 模型 from one"

# Marks import: a user tag for an item not in the cache yet, applied by the
# pending_marks trigger when a later import creates it.
printf '%s\n' '{"key":"arxiv:2606.00009","read":true,"starred":false,"tags":["later"]}' >"$TEST_TMP/marks.jsonl"
run R marks import "$TEST_TMP/marks.jsonl"
is "$RUN_STATUS" 0 "marks import: $RUN_STDERR"
cat >"$TEST_TMP/d/three.md" <<'EOF'
---
title: Three
date: 2026-06-03
tags: [AI]
---
# Three

- [Ninth paper](https://arxiv.org/abs/2606.00009): at last.
EOF
R import "$TEST_TMP/d" >/dev/null
is "$(sql "SELECT items, unread, user FROM tag_counts WHERE tag = 'later'")" "1|0|1" \
	"a pending user tag is counted, read as its pending mark says"
same "after an import applies pending marks"

# A feed (its categories are tags) and a day later its moved window: the
# entries that dropped out keep their mentions and tags, the new ones come.
"$PYTHON3" "${top_srcdir:-.}/tools/gen-corpus.py" "$TEST_TMP/gen" --sources 2 --items 40 \
	--per-digest 10 >/dev/null || bail_out "cannot generate the corpus"
mkdir -p "$TEST_TMP/f"
cp "$TEST_TMP/gen/feeds/s000.xml" "$TEST_TMP/f/feed.xml"
run R import "$TEST_TMP/f/feed.xml" "$TEST_TMP/gen/s001"
is "$RUN_STATUS" 0 "a feed and digests import: $RUN_STDERR"
same "after a feed"
cp "$TEST_TMP/gen/feeds-moved/s000.xml" "$TEST_TMP/f/feed.xml"
R read "$(id arxiv:2606.00001)" >/dev/null
run R import "$TEST_TMP/f/feed.xml"
is "$RUN_STATUS" 0 "the feed's moved window imports: $RUN_STDERR"
same "after the feed's window moved"

# A digest that moves to another source (imported alone, as "local", then
# changed and refreshed from its directory's source): its items leave
# local unless local's other digest mentions them, and join the new one.
mkdir -p "$TEST_TMP/moved"
cat >"$TEST_TMP/moved/a.md" <<'EOF'
---
title: Moved
date: 2026-06-04
---
# Moved

- [Paper on memory](https://arxiv.org/abs/2606.00001): memory, moved.
- [Moved tool](https://github.com/moved/tool): only here.
EOF
cat >"$TEST_TMP/b.md" <<'EOF'
---
title: Local
date: 2026-06-05
---
# Local

- [Moved tool](https://github.com/moved/tool): also here.
EOF
R import "$TEST_TMP/moved/a.md" "$TEST_TMP/b.md" >/dev/null
same "after digests of the local source"
sed -i 's/memory, moved/memory, moved again/' "$TEST_TMP/moved/a.md"
echo "source moved $TEST_TMP/moved" >"$TEST_TMP/moved.conf"
run "$RADAR" --db "$db" --config "$TEST_TMP/moved.conf" refresh
is "$RUN_STATUS" 0 "the moved digest refreshes: $RUN_STDERR"
is "$(sql "SELECT s.name FROM digests d JOIN sources s ON s.id = d.source_id WHERE d.location LIKE '%moved/a.md'")" \
	moved "the digest belongs to its new source"
same "after a digest moved to another source"

R reindex >/dev/null
same "after reindex"

# An item deleted with its tags still in place (radar removes an item only
# once nothing mentions it; another program may not): the cascade's rows
# find it gone, its own trigger took its tags off first.
"$PYTHON3" -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("PRAGMA foreign_keys = ON")
c.execute("DELETE FROM items WHERE key = ?", ("github:tiny/tool",))
c.commit()' "$db"
is "$(id github:tiny/tool)" "" "the item is deleted"
same "after an item is deleted with its tags and mentions"

# Counts another program broke are mended by reindex.
"$PYTHON3" -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript("UPDATE tag_counts SET items = items + 5, unread = 0; DELETE FROM tag_counts WHERE tag = \"AI\"")' "$db"
"$PYTHON3" -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript("UPDATE item_counts SET unread = unread + 1 WHERE key LIKE \"s%\"")' "$db"
like "$(recount)" "^differ" "the broken counts differ from a recount"
like "$("$PYTHON3" "${top_srcdir:-.}/tests/item_counts.py" "$db")" "^differ" "broken item_counts differ"
R reindex >/dev/null
same "reindex recounts them"
done_testing
