/* Tags by number (schema 11): each tag's text once in tag_names, the rows
 * in tag_rows naming it by id, and the view tags that reads them as the
 * table of schema 1-10 did (rowid, item_id, tag, origin, digest_id), so
 * every query reading tags (the filters, the article, the counts, export,
 * the full-text rows) is unchanged.  Writers write tag_rows: the import
 * (writer.c, window.c) and the user's tags (usertags.c, through
 * tag_name_ensure); the view's INSTEAD OF triggers take the rest (marks
 * import, pending_marks_apply, another SQLite client).
 *
 * Why: at 10^5 items a tag's text (9.5 bytes: three CJK characters) was
 * stored in every row and again in tags_tag, ~5 rows an item over about
 * 60 distinct tags; tags, with its indexes, took 392 bytes per item. */
#include <config.h>

#include <sqlite3.h>

#include "store/internal.h"

/* The text of tag_rows' tag_id X, for the triggers. */
#define TAG_NAME(x) "(SELECT name FROM tag_names WHERE id = " x ")"

/* The tag pane's counts (schema 8's triggers on tags, schema.c) kept from
 * tag_rows: the same questions, the tag's text looked up by id. */
static const char tag_rows_triggers[] =
	"CREATE TRIGGER tag_counts_tags_insert AFTER INSERT ON tag_rows BEGIN"
	" INSERT INTO tag_counts (tag, items, unread, user)"
	"  SELECT " TAG_NAME("NEW.tag_id") ", c.n, c.n AND i.read = 0, NEW.origin = 'user'"
	"  FROM (SELECT NOT (EXISTS (SELECT 1 FROM tag_rows WHERE item_id = NEW.item_id"
	"    AND tag_id = NEW.tag_id AND rowid <> NEW.rowid)"
	"   OR EXISTS (SELECT 1 FROM mentions hm CROSS JOIN digest_tags hd ON hd.digest_id = hm.digest_id"
	"    WHERE hm.item_id = NEW.item_id AND hd.tag = " TAG_NAME("NEW.tag_id") ")) AS n) c, items i"
	"  WHERE i.id = NEW.item_id AND (c.n OR NEW.origin = 'user')"
	"  ON CONFLICT (tag) DO UPDATE SET items = items + excluded.items,"
	"   unread = unread + excluded.unread, user = user + excluded.user;"
	" END;"
	"CREATE TRIGGER tag_counts_tags_delete AFTER DELETE ON tag_rows"
	" WHEN EXISTS (SELECT 1 FROM items WHERE id = OLD.item_id) BEGIN"
	" UPDATE tag_counts SET items = items - c.n, unread = unread - (c.n AND c.read = 0),"
	"  user = user - (OLD.origin = 'user')"
	"  FROM (SELECT NOT (EXISTS (SELECT 1 FROM tag_rows WHERE item_id = OLD.item_id"
	"    AND tag_id = OLD.tag_id)"
	"   OR EXISTS (SELECT 1 FROM mentions hm CROSS JOIN digest_tags hd ON hd.digest_id = hm.digest_id"
	"    WHERE hm.item_id = OLD.item_id AND hd.tag = " TAG_NAME("OLD.tag_id") ")) AS n, read"
	"   FROM items WHERE id = OLD.item_id) c"
	"  WHERE tag = " TAG_NAME("OLD.tag_id") ";"
	" END;"
	/* Writes to the view: a row, its name first; a delete by rowid.  The
	 * statement's own conflict clause (INSERT OR IGNORE) reaches the
	 * insert into tag_rows, so tags_user still makes it a no-op. */
	"CREATE TRIGGER tags_insert INSTEAD OF INSERT ON tags BEGIN"
	" INSERT INTO tag_names (name) VALUES (NEW.tag) ON CONFLICT DO NOTHING;"
	" INSERT INTO tag_rows (item_id, tag_id, origin, digest_id)"
	"  SELECT NEW.item_id, id, NEW.origin, NEW.digest_id FROM tag_names WHERE name = NEW.tag;"
	" END;"
	"CREATE TRIGGER tags_delete INSTEAD OF DELETE ON tags BEGIN"
	" DELETE FROM tag_rows WHERE rowid = OLD.rowid;"
	" END;";

/* Version 11, second part.  The rows keep their rowids (the order an
 * item's tags were given in, reads.c); names are numbered in the order
 * first met.  The triggers on tags go with it (dropped first, so the
 * table's removal counts nothing) and come back on tag_rows; triggers on
 * other tables name tags in their bodies and read the view. */
int migrate_tag_names(struct store *store, char **error)
{
	if (db_exec(store,
		"DROP TRIGGER IF EXISTS tag_counts_tags_insert;"
		"DROP TRIGGER IF EXISTS tag_counts_tags_delete;"
		"CREATE TABLE tag_names ("
		"  id INTEGER PRIMARY KEY,"
		"  name TEXT NOT NULL UNIQUE"
		");"
		/* tag: compares case-folded (query.c) */
		"CREATE INDEX tag_names_folded ON tag_names(name COLLATE NOCASE);"
		"INSERT INTO tag_names (name) SELECT tag FROM tags GROUP BY tag ORDER BY min(rowid);"
		"CREATE TABLE tag_rows ("
		"  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
		"  tag_id INTEGER NOT NULL REFERENCES tag_names(id),"
		"  origin TEXT NOT NULL,"
		"  digest_id INTEGER REFERENCES digests(id) ON DELETE CASCADE"
		");"
		"INSERT INTO tag_rows (rowid, item_id, tag_id, origin, digest_id)"
		" SELECT t.rowid, t.item_id, n.id, t.origin, t.digest_id FROM tags t"
		" JOIN tag_names n ON n.name = t.tag ORDER BY t.rowid;"
		"DROP TABLE tags;"
		"CREATE INDEX tags_item ON tag_rows(item_id, digest_id);"
		"CREATE INDEX tags_tag ON tag_rows(tag_id, item_id);"
		"CREATE UNIQUE INDEX tags_user ON tag_rows(item_id, tag_id) WHERE origin = 'user';"
		"CREATE VIEW tags (rowid, item_id, tag, origin, digest_id) AS"
		" SELECT r.rowid, r.item_id, n.name, r.origin, r.digest_id"
		" FROM tag_rows r JOIN tag_names n ON n.id = r.tag_id;", error) < 0)
		return -1;
	return db_exec(store, tag_rows_triggers, error);
}

int tag_name_ensure(struct store *store, const char *name, char **error)
{
	sqlite3_stmt *stmt = db_prepare(store,
		"INSERT INTO tag_names (name) VALUES (?1) ON CONFLICT DO NOTHING");
	if (!stmt)
		return db_fail(store, error);
	db_bind_text(stmt, 1, name);
	return db_run(store, stmt, error);
}

int tag_name_id(struct store *store, const char *name, int64_t *id, char **error)
{
	sqlite3_stmt *stmt = db_prepare(store, "SELECT id FROM tag_names WHERE name = ?1");
	if (!stmt)
		return db_fail(store, error);
	db_bind_text(stmt, 1, name);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(stmt, 0);
		db_finish(stmt);
		return 0;
	}
	if (db_step_error(store, stmt, rc, error) < 0)
		return -1;
	stmt = db_prepare(store, "INSERT INTO tag_names (name) VALUES (?1)");
	if (!stmt)
		return db_fail(store, error);
	db_bind_text(stmt, 1, name);
	if (db_run(store, stmt, error) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(store->db);
	return 0;
}
