/* The schema, one migration per PRAGMA user_version (each in its own
 * transaction), and opening and closing the cache. */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store.h"
#include "store/internal.h"
#include "cancel.h"
#include "i18n.h"
#include "os.h"
#include "strbuf.h"
#include "xalloc.h"

/* ------------------------------------------------------------------ schema */

/* Version 2: the full-text index becomes contentless with radar's own
 * tokenizer (tokenizer.c), one row per mention; excerpts become byte
 * ranges into the stored digest (fulltext.c); front-matter tags are kept
 * once per digest (digest_tags).  Items and their marks are not touched. */
static int migrate_fulltext(struct store *store, char **error)
{
	if (db_exec(store,
	            "ALTER TABLE mentions ADD COLUMN excerpt_start INTEGER;"
	            "ALTER TABLE mentions ADD COLUMN excerpt_len INTEGER;"
	            /* A digest's own tags (front matter), once per digest
	             * instead of once per item it mentions. */
	            "CREATE TABLE digest_tags ("
	            "  digest_id INTEGER NOT NULL REFERENCES digests(id) ON DELETE CASCADE,"
	            "  tag TEXT NOT NULL,"
	            "  origin TEXT NOT NULL,"
	            "  UNIQUE (digest_id, tag, origin)"
	            ");"
	            "CREATE INDEX digest_tags_tag ON digest_tags(tag);"
	            "INSERT OR IGNORE INTO digest_tags (digest_id, tag, origin)"
	            " SELECT digest_id, tag, origin FROM tags"
	            " WHERE origin GLOB 'frontmatter*' AND digest_id IS NOT NULL ORDER BY rowid;"
	            "DELETE FROM tags WHERE origin GLOB 'frontmatter*' AND digest_id IS NOT NULL;"
	            /* tags are deleted through (item_id, digest_id), the
	             * unique index's prefix */
	            "DROP INDEX tags_digest;"
	            "DROP TABLE items_fts;"
	            "CREATE VIRTUAL TABLE items_fts USING fts5(text, content = '',"
	            " tokenize = 'radar');", error) < 0)
		return -1;
	sqlite3_stmt *digests = NULL;
	if (sqlite3_prepare_v2(store->db, "SELECT id, raw FROM digests ORDER BY id", -1, &digests,
	                       NULL) != SQLITE_OK)
		return db_fail(store, error);
	int rc, result = 0;
	while (result == 0 && (rc = sqlite3_step(digests)) == SQLITE_ROW) {
		int64_t digest_id = sqlite3_column_int64(digests, 0);
		const char *raw = sqlite3_column_blob(digests, 1);
		size_t raw_len = (size_t)sqlite3_column_bytes(digests, 1), hint = 0;
		size_t budget = excerpt_budget(raw_len);
		sqlite3_stmt *mentions = db_prepare(store,
			"SELECT id, markdown FROM mentions WHERE digest_id = ?1 ORDER BY position, id");
		if (!mentions)
			return db_fail(store, error);
		sqlite3_bind_int64(mentions, 1, digest_id);
		while (result == 0 && sqlite3_step(mentions) == SQLITE_ROW) {
			const char *md = (const char *)sqlite3_column_text(mentions, 1);
			size_t len = (size_t)sqlite3_column_bytes(mentions, 1);
			int64_t start;
			if (!md || !excerpt_locate(raw, raw_len, md, len, &hint, &budget, &start))
				continue;
			sqlite3_stmt *update = db_prepare(store,
				"UPDATE mentions SET markdown = '', excerpt_start = ?2, excerpt_len = ?3"
				" WHERE id = ?1");
			if (!update) {
				result = db_fail(store, error);
				break;
			}
			sqlite3_bind_int64(update, 1, sqlite3_column_int64(mentions, 0));
			sqlite3_bind_int64(update, 2, start);
			sqlite3_bind_int64(update, 3, (int64_t)len);
			result = db_run(store, update, error);
		}
		db_finish(mentions);
		if (result == 0)
			result = fts_index_digest(store, digest_id, error);
	}
	sqlite3_finalize(digests);
	return result;
}

/* Version 3: every digest's raw text compressed (raw.c).  The text, its
 * content hash, excerpt ranges and index rows are unchanged. */
static int migrate_pack_raw(struct store *store, char **error)
{
	sqlite3_stmt *digests = NULL;
	if (sqlite3_prepare_v2(store->db, "SELECT id, raw FROM digests WHERE typeof(raw) = 'text'"
	                       " ORDER BY id", -1, &digests, NULL) != SQLITE_OK)
		return db_fail(store, error);
	int rc, result = 0;
	while (result == 0 && (rc = sqlite3_step(digests)) == SQLITE_ROW) {
		size_t packed_len = 0;
		void *packed = raw_pack((const char *)sqlite3_column_blob(digests, 1),
		                        (size_t)sqlite3_column_bytes(digests, 1), &packed_len);
		sqlite3_stmt *update = packed ? db_prepare(store, "UPDATE digests SET raw = ?2 WHERE id = ?1")
		                              : NULL;
		if (!update) {
			free(packed);
			result = packed ? db_fail(store, error)
			                : db_error(error, xstrdup(_("cannot compress the digest")));
			break;
		}
		sqlite3_bind_int64(update, 1, sqlite3_column_int64(digests, 0));
		sqlite3_bind_blob64(update, 2, packed, packed_len, free);
		result = db_run(store, update, error);
	}
	if (result == 0 && rc != SQLITE_DONE)
		result = db_fail(store, error);
	sqlite3_finalize(digests);
	return result;
}

/* Version 8: the tag pane's counts kept in tag_counts by triggers, so
 * store_list_tags reads a few rows instead of grouping every tag of every
 * item (1.9 s at 10^5 items).  An item has tag T when a tags row says so
 * (its own, or the user's) or a digest mentioning it has T in digest_tags
 * (TAG_COUNTS_HAS).  Each trigger asks, on the cache as it is at that
 * moment, whether the row it sees is the first (insert) or the last
 * (delete) to give its item the tag, so the order rows change in (a
 * digest's contents replaced, a cascade) does not matter.  An item deleted
 * takes its tags off first (BEFORE DELETE); the cascade that follows finds
 * the item gone and counts nothing again.  CROSS JOIN keeps mentions
 * first: a trigger is planned when the writer's statement is prepared, on
 * a new cache without statistics, where SQLite chose to scan digest_tags
 * by tag (every digest of a source) for each row (+20% import time). */
#define TAG_COUNTS_HAS(item, tag) \
	"(EXISTS (SELECT 1 FROM tags WHERE item_id = " item " AND tag = " tag ")" \
	" OR EXISTS (SELECT 1 FROM mentions hm CROSS JOIN digest_tags hd ON hd.digest_id = hm.digest_id" \
	" WHERE hm.item_id = " item " AND hd.tag = " tag "))"
/* Every tag an item has. */
#define TAG_COUNTS_OF(item) \
	"(SELECT tag FROM tags WHERE item_id = " item \
	" UNION SELECT od.tag FROM mentions om CROSS JOIN digest_tags od ON od.digest_id = om.digest_id" \
	" WHERE om.item_id = " item ")"

static const char tag_counts_schema[] =
	"CREATE TABLE tag_counts ("
	"  tag TEXT PRIMARY KEY,"
	"  items INTEGER NOT NULL,"     /* items that have it */
	"  unread INTEGER NOT NULL,"    /* of them unread */
	"  user INTEGER NOT NULL"       /* rows of origin 'user' */
	") WITHOUT ROWID;"
	/* A tags row: the item's first source of the tag? */
	"CREATE TRIGGER tag_counts_tags_insert AFTER INSERT ON tags BEGIN"
	" INSERT INTO tag_counts (tag, items, unread, user)"
	"  SELECT NEW.tag, c.n, c.n AND i.read = 0, NEW.origin = 'user'"
	"  FROM (SELECT NOT (EXISTS (SELECT 1 FROM tags WHERE item_id = NEW.item_id AND tag = NEW.tag"
	"    AND rowid <> NEW.rowid)"
	"   OR EXISTS (SELECT 1 FROM mentions hm CROSS JOIN digest_tags hd ON hd.digest_id = hm.digest_id"
	"    WHERE hm.item_id = NEW.item_id AND hd.tag = NEW.tag)) AS n) c, items i"
	"  WHERE i.id = NEW.item_id AND (c.n OR NEW.origin = 'user')"
	"  ON CONFLICT (tag) DO UPDATE SET items = items + excluded.items,"
	"   unread = unread + excluded.unread, user = user + excluded.user;"
	" END;"
	"CREATE TRIGGER tag_counts_tags_delete AFTER DELETE ON tags"
	" WHEN EXISTS (SELECT 1 FROM items WHERE id = OLD.item_id) BEGIN"
	" UPDATE tag_counts SET items = items - c.n, unread = unread - (c.n AND c.read = 0),"
	"  user = user - (OLD.origin = 'user')"
	"  FROM (SELECT NOT " TAG_COUNTS_HAS("OLD.item_id", "OLD.tag") " AS n, read"
	"   FROM items WHERE id = OLD.item_id) c"
	"  WHERE tag = OLD.tag;"
	" END;"
	/* A mention: the digest's own tags reach the item. */
	"CREATE TRIGGER tag_counts_mentions_insert AFTER INSERT ON mentions BEGIN"
	" INSERT INTO tag_counts (tag, items, unread, user)"
	"  SELECT DISTINCT dt.tag, 1, i.read = 0, 0 FROM digest_tags dt, items i"
	"  WHERE dt.digest_id = NEW.digest_id AND i.id = NEW.item_id"
	"   AND NOT EXISTS (SELECT 1 FROM tags WHERE item_id = NEW.item_id AND tag = dt.tag)"
	"   AND NOT EXISTS (SELECT 1 FROM mentions hm CROSS JOIN digest_tags hd ON hd.digest_id = hm.digest_id"
	"    WHERE hm.item_id = NEW.item_id AND hm.id <> NEW.id AND hd.tag = dt.tag)"
	"  ON CONFLICT (tag) DO UPDATE SET items = items + 1, unread = unread + excluded.unread;"
	" END;"
	"CREATE TRIGGER tag_counts_mentions_delete AFTER DELETE ON mentions"
	" WHEN EXISTS (SELECT 1 FROM items WHERE id = OLD.item_id) BEGIN"
	" UPDATE tag_counts SET items = items - 1,"
	"  unread = unread - (SELECT read = 0 FROM items WHERE id = OLD.item_id)"
	"  WHERE tag IN (SELECT dt.tag FROM digest_tags dt WHERE dt.digest_id = OLD.digest_id"
	"   AND NOT " TAG_COUNTS_HAS("OLD.item_id", "dt.tag") ");"
	" END;"
	/* A digest's own tag: every item it mentions. */
	"CREATE TRIGGER tag_counts_digest_tags_insert AFTER INSERT ON digest_tags BEGIN"
	" INSERT INTO tag_counts (tag, items, unread, user)"
	"  SELECT NEW.tag, count(*), coalesce(sum(i.read = 0), 0), 0 FROM mentions m, items i"
	"  WHERE m.digest_id = NEW.digest_id AND i.id = m.item_id"
	"   AND NOT EXISTS (SELECT 1 FROM tags WHERE item_id = m.item_id AND tag = NEW.tag)"
	"   AND NOT EXISTS (SELECT 1 FROM mentions hm CROSS JOIN digest_tags hd ON hd.digest_id = hm.digest_id"
	"    WHERE hm.item_id = m.item_id AND hd.tag = NEW.tag AND hd.rowid <> NEW.rowid)"
	"  ON CONFLICT (tag) DO UPDATE SET items = items + excluded.items,"
	"   unread = unread + excluded.unread;"
	" END;"
	"CREATE TRIGGER tag_counts_digest_tags_delete AFTER DELETE ON digest_tags BEGIN"
	" UPDATE tag_counts SET items = items - c.n, unread = unread - c.u"
	"  FROM (SELECT count(*) AS n, coalesce(sum(i.read = 0), 0) AS u FROM mentions m, items i"
	"   WHERE m.digest_id = OLD.digest_id AND i.id = m.item_id"
	"    AND NOT " TAG_COUNTS_HAS("m.item_id", "OLD.tag") ") c"
	"  WHERE tag = OLD.tag AND c.n > 0;"
	" END;"
	/* A read mark: the unread count of each of the item's tags. */
	"CREATE TRIGGER tag_counts_read AFTER UPDATE OF read ON items"
	" WHEN (OLD.read = 0) <> (NEW.read = 0) BEGIN"
	" UPDATE tag_counts SET unread = unread + (NEW.read = 0) - (OLD.read = 0)"
	"  WHERE tag IN " TAG_COUNTS_OF("NEW.id") ";"
	" END;"
	"CREATE TRIGGER tag_counts_item_delete BEFORE DELETE ON items BEGIN"
	" UPDATE tag_counts SET items = items - 1, unread = unread - (OLD.read = 0)"
	"  WHERE tag IN " TAG_COUNTS_OF("OLD.id") ";"
	" UPDATE tag_counts SET user = user - 1"
	"  WHERE tag IN (SELECT tag FROM tags WHERE item_id = OLD.id AND origin = 'user');"
	" END;";

/* The counts recounted from the tags themselves (the query store_list_tags
 * ran before schema 8). */
#define TAG_COUNTS_FILL \
	"INSERT INTO tag_counts (tag, items, unread, user)" \
	" SELECT t.tag, count(DISTINCT t.item_id)," \
	"  count(DISTINCT CASE WHEN i.read = 0 THEN t.item_id END), sum(t.mine)" \
	" FROM (SELECT tag, item_id, origin = 'user' AS mine FROM tags UNION ALL" \
	"  SELECT dt.tag, m.item_id, 0 FROM digest_tags dt JOIN mentions m ON m.digest_id = dt.digest_id) t" \
	" JOIN items i ON i.id = t.item_id GROUP BY t.tag;"

static int migrate_tag_counts(struct store *store, char **error)
{
	if (db_exec(store, tag_counts_schema, error) < 0)
		return -1;
	return db_exec(store, TAG_COUNTS_FILL, error);
}

/* Version 9: tags without the unique index (item_id, digest_id, tag,
 * origin), which held a second copy of every row (186 of the 479 bytes per
 * item that tags took at 10^4 items).  tags_item (item_id, digest_id) is
 * what deleting a digest's tags, the tag-count triggers and the full-text
 * rows look tags up by; the writer keeps a row from being written twice
 * itself (insert_tags).  tags_tag folds case as the tag filter does
 * (query.c's TAGGED_ITEMS, COLLATE NOCASE), so tag:X searches the index
 * instead of scanning all of it.  A unique constraint cannot be dropped: the
 * table is rebuilt, its rowids (the order an item's tags were given in,
 * reads.c) kept, and the triggers on it re-created from their own stored
 * text, whatever they say.  legacy_alter_table for the rename: the
 * triggers on other tables name tags, which does not exist for a moment,
 * and must keep naming it. */
static int migrate_tags_slim(struct store *store, char **error)
{
	sqlite3_stmt *stmt = db_prepare(store,
		"SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'tags'"
		" AND sql IS NOT NULL ORDER BY rowid");
	if (!stmt)
		return db_fail(store, error);
	struct strbuf triggers;
	strbuf_init(&triggers);
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		strbuf_puts(&triggers, (const char *)sqlite3_column_text(stmt, 0));
		strbuf_puts(&triggers, ";\n");
	}
	if (db_step_error(store, stmt, rc, error) < 0) {
		strbuf_clear(&triggers);
		return -1;
	}
	int result = db_exec(store,
		"CREATE TABLE tags_v9 ("
		"  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
		"  tag TEXT NOT NULL,"
		"  origin TEXT NOT NULL,"
		"  digest_id INTEGER REFERENCES digests(id) ON DELETE CASCADE"
		");"
		"INSERT INTO tags_v9 (rowid, item_id, tag, origin, digest_id)"
		" SELECT rowid, item_id, tag, origin, digest_id FROM tags ORDER BY rowid;"
		"DROP TABLE tags;"
		"PRAGMA legacy_alter_table = ON;"
		"ALTER TABLE tags_v9 RENAME TO tags;"
		"PRAGMA legacy_alter_table = OFF;"
		"CREATE INDEX tags_item ON tags(item_id, digest_id);"
		"CREATE INDEX tags_tag ON tags(tag COLLATE NOCASE, item_id);"
		"CREATE UNIQUE INDEX tags_user ON tags(item_id, tag) WHERE origin = 'user';", error);
	if (result == 0 && triggers.len)
		result = db_exec(store, triggers.data, error);
	strbuf_clear(&triggers);
	if (result < 0)
		db_exec(store, "PRAGMA legacy_alter_table = OFF", NULL);
	return result;
}

/* Version 9, second part: an item's summary as a byte range into the raw
 * text of a digest that mentions it, where it occurs there verbatim
 * (SUMMARY_COLUMN, internal.h; 285 of the 548 bytes per item of items at
 * 10^4 were summaries, nearly all of them also in a digest).  Each
 * digest's text is unpacked once; a summary is looked for from its
 * mention's excerpt on, where the writer finds it too. */
static int migrate_summary_ranges(struct store *store, char **error)
{
	if (db_exec(store,
	            "ALTER TABLE items ADD COLUMN summary_digest INTEGER;"
	            "ALTER TABLE items ADD COLUMN summary_start INTEGER;"
	            "ALTER TABLE items ADD COLUMN summary_len INTEGER;", error) < 0)
		return -1;
	sqlite3_stmt *digests = NULL;
	if (sqlite3_prepare_v2(store->db, "SELECT id, raw FROM digests ORDER BY id", -1, &digests,
	                       NULL) != SQLITE_OK)
		return db_fail(store, error);
	int rc, result = 0;
	while (result == 0 && (rc = sqlite3_step(digests)) == SQLITE_ROW) {
		int64_t digest_id = sqlite3_column_int64(digests, 0);
		size_t raw_len = 0;
		const char *raw = raw_column(store, digests, 1, &raw_len);
		if (!raw)
			continue;       /* damaged: its items keep their text */
		size_t budget = excerpt_budget(raw_len);
		sqlite3_stmt *items = db_prepare(store,
			"SELECT i.id, i.summary, coalesce(m.excerpt_start, 0) FROM mentions m"
			" JOIN items i ON i.id = m.item_id WHERE m.digest_id = ?1"
			" AND i.summary_digest IS NULL AND length(CAST(i.summary AS BLOB)) >= ?2"
			" ORDER BY m.position, m.id");
		if (!items) {
			result = db_fail(store, error);
			break;
		}
		sqlite3_bind_int64(items, 1, digest_id);
		sqlite3_bind_int(items, 2, SUMMARY_MIN_RANGE);
		while (result == 0 && (rc = sqlite3_step(items)) == SQLITE_ROW) {
			const char *summary = (const char *)sqlite3_column_blob(items, 1);
			size_t len = (size_t)sqlite3_column_bytes(items, 1), hint;
			int64_t from = sqlite3_column_int64(items, 2), start;
			hint = from >= 0 ? (size_t)from : 0;
			if (!excerpt_locate(raw, raw_len, summary, len, &hint, &budget, &start))
				continue;
			sqlite3_stmt *update = db_prepare(store,
				"UPDATE items SET summary = '', summary_digest = ?2, summary_start = ?3,"
				" summary_len = ?4 WHERE id = ?1");
			if (!update) {
				result = db_fail(store, error);
				break;
			}
			sqlite3_bind_int64(update, 1, sqlite3_column_int64(items, 0));
			sqlite3_bind_int64(update, 2, digest_id);
			sqlite3_bind_int64(update, 3, start);
			sqlite3_bind_int64(update, 4, (int64_t)len);
			result = db_run(store, update, error);
		}
		if (result == 0 && rc != SQLITE_DONE)
			result = db_step_error(store, items, rc, error);
		else
			db_finish(items);
	}
	if (result == 0 && rc != SQLITE_DONE)
		result = db_fail(store, error);
	sqlite3_finalize(digests);
	return result;
}

/* Version 9: a smaller cache (tags, summaries; see each part). */
static int migrate_compact(struct store *store, char **error)
{
	if (migrate_tags_slim(store, error) < 0)
		return -1;
	return migrate_summary_ranges(store, error);
}

/* Version 10: the list's counts per source, per kind and in all kept in
 * item_counts (keys and counts: internal.h), so the tag pane's sources,
 * kinds and unread/starred totals read a few rows instead of counting every
 * item (store_list_sources 250-430 ms at 10^5 items).  As for tag_counts,
 * each trigger asks on the cache as it is whether the row it sees is the
 * first or last to bring its item under a key: a mention is the item's
 * first (last) of its digest's source, an item's change of read, starred,
 * boilerplate or kinds takes its old counts off every key it is under and
 * adds its new ones, and an item deleted takes itself off first (BEFORE
 * DELETE) so the cascade to its mentions finds it gone.  An item inserted
 * counts under '' and its kinds (its mentions come after); its insert
 * trigger, newer than pending_marks_apply, runs before it (SQLite runs an
 * event's triggers newest first), so marks that trigger applies are an
 * update of an item already counted (tests/item-counts.sh). */
#define ITEM_KEYS(item, kinds) \
	"(SELECT '' AS key UNION ALL SELECT 'k' || value FROM " ITEM_KINDS_EACH(kinds) \
	" UNION ALL SELECT DISTINCT 's' || kd.source_id FROM mentions km CROSS JOIN digests kd" \
	"  ON kd.id = km.digest_id WHERE km.item_id = " item " AND kd.source_id IS NOT NULL)"
/* SET clause: the counts of item I taken off. */
#define ITEM_COUNTS_SUBTRACT(i) \
	" SET items = item_counts.items - 1, unread = item_counts.unread - (" i ".read = 0)," \
	" shown = item_counts.shown - " ITEM_SHOWN(i) "," \
	" shown_unread = item_counts.shown_unread - (" i ".read = 0 AND " ITEM_SHOWN(i) ")," \
	" starred = item_counts.starred - (" i ".starred = 1)"
/* Whether item ITEM has a mention other than mention EXCEPT from a digest
 * of source SOURCE. */
#define ITEM_FROM_SOURCE(item, except, source) \
	"EXISTS (SELECT 1 FROM mentions sm CROSS JOIN digests sd ON sd.id = sm.digest_id" \
	" WHERE sm.item_id = " item " AND sm.id IS NOT " except " AND sd.source_id = " source ")"

static const char item_counts_schema[] =
	"CREATE TABLE item_counts ("
	"  key TEXT PRIMARY KEY,"       /* '', 'k' || kind, 's' || source id */
	"  items INTEGER NOT NULL,"
	"  unread INTEGER NOT NULL,"
	"  shown INTEGER NOT NULL,"     /* not boilerplate, or starred */
	"  shown_unread INTEGER NOT NULL,"
	"  starred INTEGER NOT NULL"
	") WITHOUT ROWID;"
	"CREATE TRIGGER item_counts_insert AFTER INSERT ON items BEGIN"
	" INSERT INTO item_counts (key, items, unread, shown, shown_unread, starred)"
	"  SELECT key, " ITEM_COUNTS_OF("NEW", "1") " FROM " ITEM_KEYS("NEW.id", "NEW.kinds")
	"  WHERE true" ITEM_COUNTS_UPSERT ";"
	" END;"
	"CREATE TRIGGER item_counts_update AFTER UPDATE OF read, starred, boilerplate, kinds ON items"
	" WHEN (OLD.read = 0) <> (NEW.read = 0) OR (OLD.starred = 1) <> (NEW.starred = 1)"
	"  OR (OLD.boilerplate = 0) <> (NEW.boilerplate = 0) OR OLD.kinds IS NOT NEW.kinds BEGIN"
	" UPDATE item_counts" ITEM_COUNTS_SUBTRACT("OLD")
	"  WHERE key IN " ITEM_KEYS("OLD.id", "OLD.kinds") ";"
	" INSERT INTO item_counts (key, items, unread, shown, shown_unread, starred)"
	"  SELECT key, " ITEM_COUNTS_OF("NEW", "1") " FROM " ITEM_KEYS("NEW.id", "NEW.kinds")
	"  WHERE true" ITEM_COUNTS_UPSERT ";"
	" END;"
	"CREATE TRIGGER item_counts_delete BEFORE DELETE ON items BEGIN"
	" UPDATE item_counts" ITEM_COUNTS_SUBTRACT("OLD")
	"  WHERE key IN " ITEM_KEYS("OLD.id", "OLD.kinds") ";"
	" END;"
	/* A mention: its item's first of the digest's source? */
	"CREATE TRIGGER item_counts_mentions_insert AFTER INSERT ON mentions"
	" WHEN NOT " ITEM_FROM_SOURCE("NEW.item_id", "NEW.id",
	                               "(SELECT source_id FROM digests WHERE id = NEW.digest_id)") " BEGIN"
	" INSERT INTO item_counts (key, items, unread, shown, shown_unread, starred)"
	"  SELECT 's' || d.source_id, " ITEM_COUNTS_OF("i", "1") " FROM digests d, items i"
	"  WHERE d.id = NEW.digest_id AND d.source_id IS NOT NULL AND i.id = NEW.item_id"
	ITEM_COUNTS_UPSERT ";"
	" END;"
	"CREATE TRIGGER item_counts_mentions_delete AFTER DELETE ON mentions"
	" WHEN EXISTS (SELECT 1 FROM items WHERE id = OLD.item_id)"
	"  AND NOT " ITEM_FROM_SOURCE("OLD.item_id", "NULL",
	                               "(SELECT source_id FROM digests WHERE id = OLD.digest_id)") " BEGIN"
	" UPDATE item_counts" ITEM_COUNTS_SUBTRACT("i")
	"  FROM (SELECT read, boilerplate, starred FROM items WHERE id = OLD.item_id) i"
	"  WHERE key = (SELECT 's' || source_id FROM digests WHERE id = OLD.digest_id);"
	" END;"
	/* A digest moved to another source: its items leave the old one unless
	 * another of its digests mentions them, and join the new one. */
	"CREATE TRIGGER item_counts_digest_source AFTER UPDATE OF source_id ON digests"
	" WHEN OLD.source_id IS NOT NEW.source_id BEGIN"
	" UPDATE item_counts SET items = items - c.n, unread = unread - c.u, shown = shown - c.s,"
	"  shown_unread = shown_unread - c.su, starred = starred - c.st"
	"  FROM (SELECT count(*) AS n, coalesce(sum(i.read = 0), 0) AS u,"
	"   coalesce(sum(" ITEM_SHOWN("i") "), 0) AS s,"
	"   coalesce(sum(i.read = 0 AND " ITEM_SHOWN("i") "), 0) AS su,"
	"   coalesce(sum(i.starred = 1), 0) AS st"
	"   FROM items i WHERE i.id IN (SELECT item_id FROM mentions WHERE digest_id = NEW.id)"
	"   AND NOT EXISTS (SELECT 1 FROM mentions om CROSS JOIN digests od ON od.id = om.digest_id"
	"    WHERE om.item_id = i.id AND od.id <> NEW.id AND od.source_id = OLD.source_id)) c"
	"  WHERE key = 's' || OLD.source_id;"
	" INSERT INTO item_counts (key, items, unread, shown, shown_unread, starred)"
	"  SELECT 's' || NEW.source_id, " ITEM_COUNTS_OF("i", "1") " FROM items i"
	"  WHERE NEW.source_id IS NOT NULL"
	"   AND i.id IN (SELECT item_id FROM mentions WHERE digest_id = NEW.id)"
	"   AND NOT EXISTS (SELECT 1 FROM mentions om CROSS JOIN digests od ON od.id = om.digest_id"
	"    WHERE om.item_id = i.id AND od.id <> NEW.id AND od.source_id = NEW.source_id)"
	ITEM_COUNTS_UPSERT ";"
	" END;";

/* The counts recounted from the items themselves. */
#define ITEM_COUNTS_FILL \
	"INSERT INTO item_counts (key, items, unread, shown, shown_unread, starred)" \
	" SELECT x.key, count(*), sum(i.read = 0), sum(" ITEM_SHOWN("i") ")," \
	"  sum(i.read = 0 AND " ITEM_SHOWN("i") "), sum(i.starred = 1)" \
	" FROM (SELECT id, '' AS key FROM items" \
	"  UNION ALL SELECT i.id, 'k' || k.value FROM items i, " ITEM_KINDS_EACH("i.kinds") " k" \
	"  UNION ALL SELECT DISTINCT m.item_id, 's' || d.source_id FROM mentions m" \
	"   JOIN digests d ON d.id = m.digest_id WHERE d.source_id IS NOT NULL) x" \
	" JOIN items i ON i.id = x.id GROUP BY x.key;"

/* items.last_mentioned (schema 14) recomputed: its digests' newest
 * sort_date, written only where it differs. */
#define LAST_MENTIONED_OF_ITEMS \
	"(SELECT max((SELECT d.sort_date FROM digests d WHERE d.id = m.digest_id))" \
	" FROM mentions m WHERE m.item_id = items.id)"
#define LAST_MENTIONED_FILL \
	"UPDATE items SET last_mentioned = " LAST_MENTIONED_OF_ITEMS \
	" WHERE last_mentioned IS NOT " LAST_MENTIONED_OF_ITEMS ";"

static int migrate_item_counts(struct store *store, char **error)
{
	if (db_exec(store, item_counts_schema, error) < 0)
		return -1;
	return db_exec(store, ITEM_COUNTS_FILL, error);
}

int store_recount_tags(struct store *store, char **error)
{
	if (store->read_only)
		return db_refuse_read_only(store, error);
	if (db_exec(store, "BEGIN IMMEDIATE", error) < 0)
		return -1;
	if (db_exec(store, "DELETE FROM tag_counts;" TAG_COUNTS_FILL
	                    "DELETE FROM item_counts;" ITEM_COUNTS_FILL LAST_MENTIONED_FILL "COMMIT",
	                    error) < 0) {
		db_rollback(store);
		return -1;
	}
	return 0;
}

/* One entry per schema version: migrations[N-1] takes a cache from
 * user_version N-1 to N, with SQL or a function.  Append only; never edit a
 * released migration. */
static const struct migration {
	const char *sql;
	int (*run)(struct store *store, char **error);
} migrations[] = {
	/* 1 */
	{ "CREATE TABLE sources ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  location TEXT,"
	"  options TEXT,"
	"  etag TEXT,"
	"  last_modified TEXT,"
	"  last_ok TEXT,"
	"  last_error TEXT,"
	"  created TEXT NOT NULL"
	");"
	"CREATE TABLE digests ("
	"  id INTEGER PRIMARY KEY,"
	"  source_id INTEGER REFERENCES sources(id) ON DELETE CASCADE,"
	"  location TEXT NOT NULL UNIQUE,"
	"  title TEXT NOT NULL DEFAULT '',"
	"  date TEXT,"
	"  description TEXT,"
	"  frontmatter_json TEXT,"
	"  warning TEXT,"
	"  raw TEXT NOT NULL,"
	"  content_hash TEXT NOT NULL,"
	"  item_count INTEGER NOT NULL DEFAULT 0,"
	"  fetched_at TEXT NOT NULL,"
	/* coalesce(date, fetched_at): what the digest list is ordered by */
	"  sort_date TEXT NOT NULL,"
	/* HTTP validators of LOCATION, for conditional GET */
	"  etag TEXT,"
	"  last_modified TEXT"
	");"
	"CREATE INDEX digests_newest ON digests(sort_date DESC, id DESC);"
	"CREATE INDEX digests_source ON digests(source_id);"
	"CREATE TABLE items ("
	"  id INTEGER PRIMARY KEY,"
	"  key TEXT NOT NULL UNIQUE,"
	"  kind TEXT NOT NULL,"
	/* ',own,linked,...,': the kinds a kind filter matches, kept so that
	 * filtering needs no subquery per row */
	"  kinds TEXT NOT NULL,"
	"  title TEXT NOT NULL DEFAULT '',"
	"  summary TEXT,"
	"  url TEXT,"
	"  date TEXT,"
	"  authors TEXT,"
	"  read INTEGER NOT NULL DEFAULT 0,"
	"  starred INTEGER NOT NULL DEFAULT 0,"
	"  read_at TEXT,"
	"  starred_at TEXT,"
	"  first_seen TEXT NOT NULL,"
	"  first_source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,"
	"  mention_count INTEGER NOT NULL DEFAULT 0,"
	"  sort_date TEXT NOT NULL"
	");"
	"CREATE INDEX items_newest ON items(sort_date DESC, id DESC);"
	"CREATE INDEX items_mentions ON items(mention_count DESC, sort_date DESC, id DESC);"
	"CREATE INDEX items_title ON items(title COLLATE NOCASE, id);"
	"CREATE INDEX items_unread ON items(sort_date DESC, id DESC) WHERE read = 0;"
	"CREATE INDEX items_starred ON items(sort_date DESC, id DESC) WHERE starred = 1;"
	"CREATE INDEX items_kinds ON items(kinds, read);"
	"CREATE INDEX items_first_source ON items(first_source_id);"
	"CREATE TABLE mentions ("
	"  id INTEGER PRIMARY KEY,"
	"  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
	"  digest_id INTEGER NOT NULL REFERENCES digests(id) ON DELETE CASCADE,"
	"  section TEXT NOT NULL DEFAULT '',"
	"  position INTEGER NOT NULL,"
	"  title TEXT,"
	"  markdown TEXT NOT NULL DEFAULT '',"
	"  UNIQUE (item_id, digest_id)"
	");"
	"CREATE INDEX mentions_digest ON mentions(digest_id, item_id);"
	"CREATE TABLE links ("
	"  id INTEGER PRIMARY KEY,"
	"  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
	"  digest_id INTEGER NOT NULL REFERENCES digests(id) ON DELETE CASCADE,"
	"  url TEXT NOT NULL,"
	"  text TEXT,"
	"  kind TEXT NOT NULL,"
	"  key TEXT"
	");"
	"CREATE INDEX links_item ON links(item_id, kind);"
	"CREATE INDEX links_digest ON links(digest_id);"
	"CREATE INDEX links_key ON links(key);"
	"CREATE TABLE tags ("
	"  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
	"  tag TEXT NOT NULL,"
	"  origin TEXT NOT NULL,"
	"  digest_id INTEGER REFERENCES digests(id) ON DELETE CASCADE,"
	"  UNIQUE (item_id, digest_id, tag, origin)"
	");"
	"CREATE INDEX tags_tag ON tags(tag, item_id);"
	"CREATE INDEX tags_digest ON tags(digest_id);"
	/* Marks of items removed because no digest mentions them any more, so
	 * that an item coming back (a digest re-published) is still read. */
	"CREATE TABLE removed_marks ("
	"  key TEXT PRIMARY KEY,"
	"  read INTEGER NOT NULL,"
	"  starred INTEGER NOT NULL DEFAULT 0,"
	"  read_at TEXT,"
	"  removed_at TEXT NOT NULL"
	") WITHOUT ROWID;"
	/* rowid = items.id; text = summary, authors, excerpts and tags.
	 * Kept in sync by store_import_digest (write_item_text). */
	"CREATE VIRTUAL TABLE items_fts USING fts5(title, text, tokenize = 'trigram');", NULL },
	/* 2 */
	{ NULL, migrate_fulltext },
	/* 3 */
	{ NULL, migrate_pack_raw },
	/* 4: links.key as LINK_KEY (internal.h) reads it: the commonest key,
	 * 'url:' || url, is not stored; links_key had no query using it. */
	{ "DROP INDEX links_key;"
	  "UPDATE links SET key = '' WHERE key IS NULL;"
	  "UPDATE links SET key = NULL WHERE key = 'url:' || url;", NULL },
	/* 5: the reader's own tags (origin 'user', no digest: a re-import or
	 * reindex deletes tags by digest, so it never reaches them), once per
	 * item and tag; and small reader state kept in the cache (the times the
	 * reader was opened, for the New view: usertags.c, state.c). */
	{ "CREATE UNIQUE INDEX tags_user ON tags(item_id, tag) WHERE origin = 'user';"
	  "CREATE TABLE state ("
	  "  key TEXT PRIMARY KEY,"
	  "  value TEXT NOT NULL"
	  ") WITHOUT ROWID;", NULL },
	/* 6: marks imported (`radar marks import`) for items the cache does not
	 * hold yet; the trigger applies them when an import creates the item
	 * (marks-io.c).  tags: a JSON array of user tags. */
	{ "CREATE TABLE pending_marks ("
	"  key TEXT PRIMARY KEY,"
	"  read INTEGER NOT NULL DEFAULT 0,"
	"  starred INTEGER NOT NULL DEFAULT 0,"
	"  read_at TEXT,"
	"  starred_at TEXT,"
	"  tags TEXT NOT NULL DEFAULT '[]',"
	"  title TEXT,"
	"  url TEXT,"
	"  added_at TEXT NOT NULL"
	") WITHOUT ROWID;"
	"CREATE TRIGGER pending_marks_apply AFTER INSERT ON items"
	" WHEN EXISTS (SELECT 1 FROM pending_marks WHERE key = NEW.key)"
	" BEGIN"
	"  UPDATE items SET read = 1, read_at = (SELECT read_at FROM pending_marks WHERE key = NEW.key)"
	"   WHERE id = NEW.id AND (SELECT read FROM pending_marks WHERE key = NEW.key) = 1;"
	"  UPDATE items SET starred = 1,"
	"   starred_at = (SELECT starred_at FROM pending_marks WHERE key = NEW.key)"
	"   WHERE id = NEW.id AND (SELECT starred FROM pending_marks WHERE key = NEW.key) = 1;"
	"  INSERT OR IGNORE INTO tags (item_id, tag, origin)"
	"   SELECT NEW.id, j.value, 'user' FROM pending_marks p, json_each(p.tags) j"
	"   WHERE p.key = NEW.key;"
	"  DELETE FROM pending_marks WHERE key = NEW.key;"
	" END;", NULL },
	/* 7: boilerplate by recurrence (boilerplate.c): each item's block
	 * fingerprinted per digest of its source; items.boilerplate counts the
	 * digests repeating it once that reaches BOILERPLATE_DIGESTS.  Filled
	 * as digests are imported (the engine version changed with it, so
	 * the next import or `radar reindex` re-reads every digest). */
	{ "CREATE TABLE fingerprints ("
	"  source_id INTEGER NOT NULL,"
	"  fingerprint INTEGER NOT NULL,"
	"  digest_id INTEGER NOT NULL REFERENCES digests(id) ON DELETE CASCADE,"
	"  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
	"  PRIMARY KEY (source_id, fingerprint, digest_id, item_id)"
	") WITHOUT ROWID;"
	"CREATE INDEX fingerprints_digest ON fingerprints(digest_id);"
	"CREATE INDEX fingerprints_item ON fingerprints(item_id);"
	"ALTER TABLE items ADD COLUMN boilerplate INTEGER NOT NULL DEFAULT 0;", NULL },
	/* 8 */
	{ NULL, migrate_tag_counts },
	/* 9 */
	{ NULL, migrate_compact },
	/* 10 */
	{ NULL, migrate_item_counts },
	/* 11: a smaller cache (issue 15).  Tags by number (tagnames.c), and
	 * no index no statement needs (64 bytes per item at 10^5):
	 * items_kinds (a kind filter is instr(kinds, ?), which no index
	 * serves, and the kinds' counts are item_counts' since schema 10),
	 * items_first_source and links_digest (they backed only the foreign
	 * keys' cascades from sources and digests, rows radar never deletes;
	 * the writer reaches a digest's links through its mentions and
	 * links_item, as it does its tags). */
	{ "DROP INDEX items_kinds;"
	  "DROP INDEX items_first_source;"
	  "DROP INDEX links_digest;", migrate_tag_names },
	/* 12: when a digest's location last answered (200 or 304), so a dated
	 * source's settled days are re-requested at most once a day
	 * (refresh.c), and what a source's last refresh checked and left as
	 * fresh, for `radar sources` */
	{ "ALTER TABLE digests ADD COLUMN checked_at TEXT;"
	  "ALTER TABLE sources ADD COLUMN last_checked INTEGER;"
	  "ALTER TABLE sources ADD COLUMN last_fresh INTEGER;", NULL },
	/* 13: the New entry's count (unread items first seen since the previous
	 * session) read from the items it counts, not from every item: 300-360
	 * ms at 10^6 items, the whole table, for what is usually a few hundred.
	 * Partial, so it holds only unread items; covering (boilerplate,
	 * starred, and read: SQLite 3.40 does not take the partial index's
	 * WHERE as a column it holds), so the count never reads the table. */
	{ "CREATE INDEX items_new ON items(first_seen, boilerplate, starred, read) WHERE read = 0;", NULL },
	/* 14: the Hot entry's count (items mentioned in the last N days) read
	 * from an index range: its items found through the window's digests
	 * and their mentions, each looked up in items, took 42 ms at 10^6
	 * items (35k of them hot), 1.6 ms this way.  last_mentioned is the
	 * newest sort_date of the item's digests, kept by the writer
	 * (settle_items) wherever it recounts mention_count.  Covering for
	 * the count (read, boilerplate, starred) and not partial, so a Hot
	 * list of read items finds its rows by it too. */
	{ "ALTER TABLE items ADD COLUMN last_mentioned TEXT;" LAST_MENTIONED_FILL
	  "CREATE INDEX items_hot ON items(last_mentioned, read, boilerplate, starred);", NULL },
	/* 15: the Today entry's count (unread items dated today) read from
	 * items_unread alone: it held only the order, so each of the day's
	 * items was looked up in the table for boilerplate and starred, 13 ms
	 * on a fresh connection at 10^6 items (5k of them today), most of the
	 * tag pane's first counts.  Covering as items_new is (read too).
	 * Each new index analyzed (a sample, analysis_limit): with statistics
	 * for items_newest and none for it, the planner took items_newest and
	 * the table, and PRAGMA optimize (3.40) does not fill a missing row. */
	{ "DROP INDEX items_unread;"
	  "CREATE INDEX items_unread ON items(sort_date DESC, id DESC, boilerplate, starred, read)"
	  " WHERE read = 0;"
	  "ANALYZE items_unread; ANALYZE items_new; ANALYZE items_hot;", NULL },
	/* 16: a digest's dates without its text.  sort_date sits after raw in
	 * the row, so reading it from the table walks raw's overflow chain:
	 * a feed's (150 KB packed for 500 entries) for each of its entries,
	 * twice (settle_items, retitle_item), half the writer's time when a
	 * feed's window moves.  The writer names this index (INDEXED BY): the
	 * planner prefers the primary key for a rowid lookup. */
	{ "CREATE INDEX digests_dates ON digests(id, sort_date, date);", NULL },
};

#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof migrations[0]))

/* mkdir -p of the directory holding PATH, with the cache's own messages. */
static int make_parent_dirs(const char *path, char **error)
{
	char *dir = NULL;
	if (os_make_parent_dirs(path, &dir) == 0)
		return 0;
	char *message;
	if (errno == ENOTDIR)
		message = xasprintf(_("cannot open cache %s: %s is not a directory"), path, dir ? dir : path);
	else
		message = xasprintf(_("cannot open cache %s: cannot create %s: %s"), path, dir ? dir : path,
		                    strerror(errno));
	free(dir);
	return db_error(error, message);
}

static int read_user_version(struct store *store, int *version)
{
	sqlite3_stmt *stmt = db_prepare(store, "PRAGMA user_version");
	if (!stmt)
		return -1;
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*version = sqlite3_column_int(stmt, 0);
	db_finish(stmt);
	return rc == SQLITE_ROW ? 0 : -1;
}

static int open_fail(struct store *store, const char *path, char **error)
{
	int code = sqlite3_errcode(store->db) & 0xff;
	if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
		return db_error(error, db_damaged_message(path, sqlite3_errmsg(store->db)));
	char *message = xasprintf(_("cannot open cache %s: %s"), path, sqlite3_errmsg(store->db));
	return db_error(error, message);
}

static int migrate(struct store *store, int from, char **error)
{
	for (int version = from + 1; version <= SCHEMA_VERSION; version++) {
		if (db_exec(store, "BEGIN IMMEDIATE", error) < 0)
			return -1;
		/* Another process may have migrated while we waited for the lock. */
		int current = 0;
		if (read_user_version(store, &current) < 0)
			goto failed;
		if (current < version) {
			char bump[64];
			snprintf(bump, sizeof bump, "PRAGMA user_version = %d", version);
			const struct migration *m = &migrations[version - 1];
			if (m->run) {
				char *why = NULL;
				if (m->run(store, &why) < 0) {
					char *message = xasprintf(_("cannot open cache %s: upgrading to schema %d failed: %s"),
					                          store->path, version, why);
					free(why);
					db_rollback(store);
					return db_error(error, message);
				}
			}
			if ((m->sql && sqlite3_exec(store->db, m->sql, NULL, NULL, NULL) != SQLITE_OK) ||
			    sqlite3_exec(store->db, bump, NULL, NULL, NULL) != SQLITE_OK)
				goto failed;
		}
		if (sqlite3_exec(store->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
			goto failed;
		continue;
failed:;
		char *message = xasprintf(_("cannot open cache %s: upgrading to schema %d failed: %s"),
		                          store->path, version, sqlite3_errmsg(store->db));
		db_rollback(store);
		return db_error(error, message);
	}
	return 0;
}

static int has_foreign_tables(struct store *store, bool *foreign)
{
	sqlite3_stmt *stmt = db_prepare(store, "SELECT count(*) FROM sqlite_master");
	if (!stmt)
		return -1;
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*foreign = sqlite3_column_int64(stmt, 0) > 0;
	db_finish(stmt);
	return rc == SQLITE_ROW ? 0 : -1;
}

static int progress_cancel(void *unused)
{
	(void)unused;
	return cancel_requested();
}

/* Whether the directory holding PATH may be written (where -wal and -shm go). */
static bool parent_writable(const char *path)
{
	char *dir = os_parent_dir(path);
	bool writable = access(dir, W_OK) == 0;
	free(dir);
	return writable;
}

/* A read-only cache in a directory radar may not write: WAL mode needs a
 * -shm file it cannot create, so the file is opened as immutable (nothing
 * else can be writing it either: nobody may).  Only when no -wal is there,
 * whose content immutable would ignore. */
static char *immutable_uri(const char *path)
{
	char *wal = xasprintf("%s-wal", path);
	struct stat st;
	bool has_wal = stat(wal, &st) == 0;
	free(wal);
	if (has_wal || parent_writable(path))
		return NULL;
	struct strbuf uri;
	strbuf_init(&uri);
	strbuf_puts(&uri, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#' || *p < 0x21 || *p >= 0x7f)
			strbuf_printf(&uri, "%%%02X", *p);
		else
			strbuf_putc(&uri, (char)*p);
	}
	strbuf_puts(&uri, "?immutable=1");
	return strbuf_detach(&uri);
}

static int open_connection(struct store *store, const char *path, enum store_mode mode, char **error)
{
	int flags = mode == STORE_READ_ONLY ? SQLITE_OPEN_READONLY
	                                    : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	char *uri = NULL;
	if (mode == STORE_READ_ONLY) {
		struct stat st;
		if (stat(path, &st) != 0)
			return db_error(error, xasprintf(_("cannot open cache %s: %s"), path, strerror(errno)));
		uri = immutable_uri(path);
		if (uri)
			flags |= SQLITE_OPEN_URI;
	} else if (make_parent_dirs(path, error) < 0) {
		return -1;
	} else if (access(path, F_OK) == 0 && (access(path, W_OK) != 0 || !parent_writable(path))) {
		/* Say why before SQLite says "unable to open database file". */
		return db_error(error, xasprintf(_("cannot write to cache %s: %s (writing needs the file "
		                                   "and its directory writable; ls, show and digests "
		                                   "still read it)"), path, strerror(EACCES)));
	}
	int rc = sqlite3_open_v2(uri ? uri : path, &store->db, flags, NULL);
	free(uri);
	if (rc != SQLITE_OK)
		return open_fail(store, path, error);
	/* SQLite quietly falls back to read-only for a file it may not write. */
	if (mode == STORE_READ_WRITE && sqlite3_db_readonly(store->db, "main") == 1)
		return db_error(error, xasprintf(_("cannot open cache %s for writing: %s"), path, strerror(EACCES)));
	sqlite3_extended_result_codes(store->db, 0);
	/* A second process waits for the writer instead of failing at once. */
	sqlite3_busy_timeout(store->db, 5000);
	/* A statement of a thread asked to stop (cancel.h: the refresh thread
	 * when the reader quits) is interrupted; its transaction rolls back. */
	sqlite3_progress_handler(store->db, 2000, progress_cancel, NULL);

	/* The first real read: this is where a file that is not SQLite fails. */
	int version = 0;
	if (read_user_version(store, &version) < 0)
		return open_fail(store, path, error);
	if (version < 0)
		return db_error(error, xasprintf(_("cache %s has an impossible schema version %d: it was not written by radar"),
		                             path, version));
	if (version > SCHEMA_VERSION)
		return db_error(error, xasprintf(_("cache %s was written by a newer radar (schema %d, this radar knows %d)"),
		                             path, version, SCHEMA_VERSION));

	/* The schema read whole (cheap): a damaged first page or schema is
	 * reported here as damage, before any other message could hide it. */
	bool foreign = false;
	if (has_foreign_tables(store, &foreign) < 0)
		return open_fail(store, path, error);

	if (db_exec(store, "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;"
	             "PRAGMA cache_size = -16384;", NULL) < 0)
		return open_fail(store, path, error);

	if (raw_register_function(store) < 0)
		return open_fail(store, path, error);
	if (hot_create(store) < 0)
		return open_fail(store, path, error);
	if (rowset_register_function(store) < 0)
		return open_fail(store, path, error);
	/* itemcount.c's notes, made here, outside every transaction, so no
	 * rollback can take the table away. */
	if (db_exec(store, "CREATE TEMP TABLE IF NOT EXISTS count_flips ("
	            "  id INTEGER PRIMARY KEY, shown INTEGER NOT NULL)", NULL) < 0)
		return open_fail(store, path, error);

	/* Fail clearly here rather than at the first search or import. */
	if (fts_register_tokenizer(store->db) < 0)
		return db_error(error, xasprintf(_("cannot open cache %s: this SQLite (%s) lacks FTS5: %s"),
		                             path, sqlite3_libversion(), sqlite3_errmsg(store->db)));

	if (version == 0) {
		if (foreign)
			return db_error(error, xasprintf(_("cannot open cache %s: it is an SQLite database, but not a radar cache"),
			                             path));
	}

	if (mode == STORE_READ_ONLY) {
		if (version < SCHEMA_VERSION)
			return db_error(error, version == 0
			            ? xasprintf(_("cannot open cache %s: it is empty (nothing was imported yet)"), path)
			            : xasprintf(_("cannot open cache %s: it needs upgrading (schema %d to %d); open it once read-write"),
			                        path, version, SCHEMA_VERSION));
		return 0;
	}

	/* analysis_limit bounds every ANALYZE, including the one PRAGMA
	 * optimize may run on close, to a quick sample. */
	if (db_exec(store, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
	             "PRAGMA analysis_limit = 1000;"
	             /* fewer checkpoints (each one syncs) during imports */
	             "PRAGMA wal_autocheckpoint = " STORE_AUTOCHECKPOINT ";", NULL) < 0)
		return open_fail(store, path, error);
	return migrate(store, version, error);
}

int store_open(const char *path, enum store_mode mode, struct store **out, char **error)
{
	*out = NULL;
	if (!path || !*path)
		return db_error(error, xstrdup(_("cannot open cache: no file name given")));
	struct store *store = xcalloc(1, sizeof *store);
	store->path = xstrdup(path);
	store->read_only = mode == STORE_READ_ONLY;
	if (open_connection(store, path, mode, error) < 0) {
		store->read_only = true;        /* skip PRAGMA optimize on close */
		store_close(store);
		return -1;
	}
	*out = store;
	return 0;
}

void store_close(struct store *store)
{
	if (!store)
		return;
	for (int i = 0; i < STMT_CACHE_SIZE; i++) {
		if (store->cache[i].sql) {
			sqlite3_finalize(store->cache[i].stmt);
			free(store->cache[i].sql);
		}
	}
	if (store->db) {
		/* What SQLite recommends before closing: cheap, and it analyzes
		 * only the tables whose statistics are missing or stale. */
		if (!store->read_only) {
			sqlite3_exec(store->db, "PRAGMA optimize", NULL, NULL, NULL);
			/* Everything into the main file and the WAL emptied, so a
			 * copy of radar.db alone (a backup, a move) holds every mark,
			 * even when a read-only connection closes last and cannot
			 * remove the -wal file.  Without waiting: a reader still open
			 * elsewhere only leaves this checkpoint partial. */
			sqlite3_busy_timeout(store->db, 0);
			sqlite3_exec(store->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
		}
		sqlite3_close_v2(store->db);
	}
	free(store->unindexed);
	raw_cache_clear(&store->raw_cache);
	raw_cache_clear(&store->sql_raw_cache);
	free(store->path);
	free(store);
}

/* Whether the cache has statistics at all. */
static bool analyzed(struct store *store)
{
	sqlite3_stmt *stmt = NULL;
	if (sqlite3_prepare_v2(store->db, "SELECT 1 FROM sqlite_stat1 LIMIT 1", -1, &stmt, NULL)
	    != SQLITE_OK) {
		sqlite3_finalize(stmt);
		return false;
	}
	bool any = sqlite3_step(stmt) == SQLITE_ROW;
	sqlite3_finalize(stmt);
	return any;
}

void store_optimize(struct store *store)
{
	if (!store || store->read_only)
		return;
	/* A whole ANALYZE when the last bulk work wrote a quarter of the
	 * index or more (a first import, a cold refresh: the cache changed
	 * shape) or the cache has no statistics yet; analysis_limit (set at
	 * open) keeps it a quick sample on a million items, the planner only
	 * needs the rough shape of each index.  Otherwise PRAGMA optimize
	 * alone, which analyzes only what has grown stale: a refresh bringing
	 * a few digests spent 70-110 ms of its 260 at 10^5 items in ANALYZE. */
	if (store->batch_reshaped || !analyzed(store))
		sqlite3_exec(store->db, "ANALYZE", NULL, NULL, NULL);
	sqlite3_exec(store->db, "PRAGMA optimize", NULL, NULL, NULL);
}

