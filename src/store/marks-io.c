/* Marks by identity key, for `radar marks export|import`: the marks a
 * person made (stars, read marks, user tags) as JSON Lines that outlive the
 * cache, and the pending marks of items the cache does not hold yet.  A
 * pending mark is applied by the pending_marks_apply trigger (schema.c)
 * when an import or refresh creates its item, so the writer needs no part
 * in it.  JSON is read and written with SQLite's own JSON functions. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store.h"
#include "store/internal.h"
#include "i18n.h"
#include "text.h"
#include "xalloc.h"

/* Tags from outside are capped like the digest engine's own. */
#define MARK_TAG_MAX 200
#define MARK_KEY_MAX 4096

/* Every object in key order: the cache's marked items, then pending marks,
 * then read marks kept for items no digest mentions any more. */
static const char export_sql[] =
	"SELECT line FROM ("
	" SELECT i.key AS key, json_object('key', i.key, 'kind', i.kind, 'title', i.title,"
	"  'url', i.url, 'starred', json(iif(i.starred, 'true', 'false')), 'starred_at', i.starred_at,"
	"  'read', json(iif(i.read, 'true', 'false')), 'read_at', i.read_at,"
	"  'tags', (SELECT json_group_array(tag) FROM (SELECT DISTINCT tag FROM tags"
	"           WHERE item_id = i.id AND origin = 'user' ORDER BY tag))) AS line"
	" FROM items i WHERE i.starred = 1 OR i.read = 1"
	"  OR EXISTS (SELECT 1 FROM tags t WHERE t.item_id = i.id AND t.origin = 'user')"
	" UNION ALL"
	" SELECT p.key, json_object('key', p.key, 'title', p.title, 'url', p.url,"
	"  'starred', json(iif(p.starred, 'true', 'false')), 'starred_at', p.starred_at,"
	"  'read', json(iif(p.read, 'true', 'false')), 'read_at', p.read_at,"
	"  'tags', json(p.tags), 'pending', json('true'))"
	" FROM pending_marks p"
	" UNION ALL"
	" SELECT r.key, json_object('key', r.key, 'starred', json('false'), 'read', json('true'),"
	"  'read_at', r.read_at, 'tags', json('[]'), 'pending', json('true'))"
	" FROM removed_marks r WHERE r.read = 1"
	"  AND NOT EXISTS (SELECT 1 FROM items WHERE key = r.key)"
	"  AND NOT EXISTS (SELECT 1 FROM pending_marks WHERE key = r.key)"
	") ORDER BY key";

int store_export_marks(struct store *store, int (*emit)(const char *json, void *data), void *data,
                       char **error)
{
	sqlite3_stmt *stmt = NULL;
	if (sqlite3_prepare_v2(store->db, export_sql, -1, &stmt, NULL) != SQLITE_OK)
		return db_fail(store, error);
	int rc, result = 0;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(stmt, 0);
		if (line && emit(line, data) < 0) {
			result = -1;
			break;
		}
	}
	if (result == 0 && rc != SQLITE_DONE)
		result = db_fail(store, error);
	else if (result < 0 && error)
		*error = NULL;     /* EMIT reported its own failure */
	sqlite3_finalize(stmt);
	return result;
}

int store_marks_import_begin(struct store *store, char **error)
{
	if (db_refuse_read_only(store, error) < 0)
		return -1;
	/* Marks are never lost to a power cut (as in marks.c). */
	sqlite3_exec(store->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
	return db_exec(store, "BEGIN IMMEDIATE", error);
}

int store_marks_import_end(struct store *store, bool commit, char **error)
{
	int result = 0;
	if (commit)
		result = db_exec(store, "COMMIT", error);
	if (!commit || result < 0)
		db_rollback(store);
	sqlite3_exec(store->db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
	return result;
}

struct mark_in {
	char *key, *title, *url, *read_at, *starred_at;
	bool read, starred;
	char **tags;
	size_t tag_count;
};

/* A column as clean text (text.h), or NULL. */
static char *column_clean(sqlite3_stmt *stmt, int column)
{
	const char *text = (const char *)sqlite3_column_text(stmt, column);
	return text ? text_clean(text, (size_t)sqlite3_column_bytes(stmt, column)) : NULL;
}

static void mark_in_clear(struct mark_in *m)
{
	free(m->key);
	free(m->title);
	free(m->url);
	free(m->read_at);
	free(m->starred_at);
	for (size_t i = 0; i < m->tag_count; i++)
		free(m->tags[i]);
	free(m->tags);
	memset(m, 0, sizeof *m);
}

static int bad_line(char **error, char *message)
{
	*error = message;
	return 2;
}

static bool is_bool_type(const char *type)
{
	return !type || strcmp(type, "true") == 0 || strcmp(type, "false") == 0;
}

/* A date kept as given when it looks like one, else NOW. */
static char *mark_time(const char *given, const char *now)
{
	if (given && strlen(given) >= 10 && strlen(given) <= 40 && given[4] == '-')
		return xstrdup(given);
	return xstrdup(now);
}

/* JSON's members checked and read; 2 with *ERROR when it is no mark. */
static int read_mark(struct store *store, const char *json, size_t len, struct mark_in *m,
                     char **error)
{
	sqlite3_stmt *stmt = db_prepare(store,
		"SELECT json_valid(?1), iif(json_valid(?1), json_type(?1), NULL),"
		" iif(json_valid(?1) AND json_type(?1) = 'object', json_type(?1, '$.key'), NULL),"
		" iif(json_valid(?1) AND json_type(?1) = 'object', json_extract(?1, '$.key'), NULL),"
		" iif(json_valid(?1) AND json_type(?1) = 'object', json_type(?1, '$.starred'), NULL),"
		" iif(json_valid(?1) AND json_type(?1) = 'object', json_type(?1, '$.read'), NULL),"
		" iif(json_valid(?1) AND json_type(?1) = 'object', json_type(?1, '$.tags'), NULL),"
		" iif(json_valid(?1) AND json_type(?1) = 'object', json_extract(?1, '$.title'), NULL),"
		" iif(json_valid(?1) AND json_type(?1) = 'object', json_extract(?1, '$.url'), NULL),"
		" iif(json_valid(?1) AND json_type(?1) = 'object', json_extract(?1, '$.read_at'), NULL),"
		" iif(json_valid(?1) AND json_type(?1) = 'object', json_extract(?1, '$.starred_at'), NULL)");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_text(stmt, 1, json, (int)len, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW)
		return db_step_error(store, stmt, rc, error);
	int result = 0;
	const char *key_type = (const char *)sqlite3_column_text(stmt, 2);
	const char *starred = (const char *)sqlite3_column_text(stmt, 4);
	const char *read = (const char *)sqlite3_column_text(stmt, 5);
	const char *tags = (const char *)sqlite3_column_text(stmt, 6);
	if (!sqlite3_column_int(stmt, 0)) {
		result = bad_line(error, xstrdup(_("not JSON")));
	} else if (strcmp((const char *)sqlite3_column_text(stmt, 1), "object") != 0) {
		result = bad_line(error, xstrdup(_("not a JSON object")));
	} else if (!key_type || strcmp(key_type, "text") != 0 || sqlite3_column_bytes(stmt, 3) == 0) {
		result = bad_line(error, xstrdup(_("no \"key\" (the item's identity key, as 'radar marks export' writes it)")));
	} else if (sqlite3_column_bytes(stmt, 3) > MARK_KEY_MAX) {
		result = bad_line(error, xstrdup(_("the \"key\" is too long")));
	} else if (!is_bool_type(starred) || !is_bool_type(read)) {
		result = bad_line(error, xstrdup(_("\"starred\" and \"read\" must be true or false")));
	} else if (tags && strcmp(tags, "array") != 0) {
		result = bad_line(error, xstrdup(_("\"tags\" must be an array of strings")));
	} else {
		m->key = db_column_text(stmt, 3);
		for (const char *p = m->key; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f) {
				result = bad_line(error, xstrdup(_("the \"key\" holds control characters")));
				break;
			}
		m->starred = starred && strcmp(starred, "true") == 0;
		m->read = read && strcmp(read, "true") == 0;
		m->title = column_clean(stmt, 7);
		m->url = column_clean(stmt, 8);
		m->read_at = db_column_text(stmt, 9);
		m->starred_at = db_column_text(stmt, 10);
	}
	db_finish(stmt);
	return result;
}

/* The "tags" array: clean strings, at most MARK_TAG_MAX bytes each. */
static int read_tags(struct store *store, const char *json, size_t len, struct mark_in *m,
                     char **error)
{
	sqlite3_stmt *stmt = db_prepare(store, "SELECT type, value FROM json_each(?1, '$.tags')");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_text(stmt, 1, json, (int)len, SQLITE_STATIC);
	int rc, result = 0;
	size_t capacity = 0;
	while (result == 0 && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (strcmp((const char *)sqlite3_column_text(stmt, 0), "text") != 0) {
			result = bad_line(error, xstrdup(_("\"tags\" must be an array of strings")));
			break;
		}
		char *tag = column_clean(stmt, 1);
		if (!tag || !*tag || strlen(tag) > MARK_TAG_MAX) {
			free(tag);
			continue;
		}
		if (m->tag_count == capacity) {
			capacity = capacity ? capacity * 2 : 8;
			m->tags = xrealloc(m->tags, capacity * sizeof *m->tags);
		}
		m->tags[m->tag_count++] = tag;
	}
	if (result == 0 && rc != SQLITE_DONE)
		result = db_step_error(store, stmt, rc, error);
	db_finish(stmt);
	return result;
}

static int run_bound(struct store *store, const char *sql, const struct mark_in *m,
                     int64_t item_id, const char *text, const char *now, char **error)
{
	sqlite3_stmt *stmt = db_prepare(store, sql);
	if (!stmt)
		return db_fail(store, error);
	db_bind_text(stmt, 1, m->key);
	sqlite3_bind_int64(stmt, 2, item_id);
	db_bind_optional(stmt, 3, text);
	db_bind_text(stmt, 4, now);
	sqlite3_bind_int(stmt, 5, m->read);
	sqlite3_bind_int(stmt, 6, m->starred);
	db_bind_optional(stmt, 7, m->title);
	db_bind_optional(stmt, 8, m->url);
	char *read_at = mark_time(m->read_at, now), *starred_at = mark_time(m->starred_at, now);
	sqlite3_bind_text(stmt, 9, read_at, -1, free);
	sqlite3_bind_text(stmt, 10, starred_at, -1, free);
	return db_run(store, stmt, error);
}

static int apply_to_item(struct store *store, const struct mark_in *m, int64_t id, const char *now,
                         char **error)
{
	if (m->read && run_bound(store,
		"UPDATE items SET read = 1, read_at = ?9 WHERE id = ?2 AND read = 0",
		m, id, NULL, now, error) < 0)
		return -1;
	if (m->starred && run_bound(store,
		"UPDATE items SET starred = 1, starred_at = ?10 WHERE id = ?2 AND starred = 0",
		m, id, NULL, now, error) < 0)
		return -1;
	for (size_t i = 0; i < m->tag_count; i++)
		if (run_bound(store,
			"INSERT INTO tags (item_id, tag, origin) SELECT ?2, ?3, 'user' WHERE NOT EXISTS"
			" (SELECT 1 FROM tags WHERE item_id = ?2 AND tag = ?3 AND origin = 'user')",
			m, id, m->tags[i], now, error) < 0)
			return -1;
	return 0;
}

static int keep_pending(struct store *store, const struct mark_in *m, const char *now, char **error)
{
	if (run_bound(store,
		"INSERT INTO pending_marks (key, read, starred, read_at, starred_at, title, url, added_at)"
		" VALUES (?1, ?5, ?6, iif(?5, ?9, NULL), iif(?6, ?10, NULL), ?7, ?8, ?4)"
		" ON CONFLICT (key) DO UPDATE SET"
		"  read = max(read, excluded.read), read_at = coalesce(read_at, excluded.read_at),"
		"  starred = max(starred, excluded.starred),"
		"  starred_at = coalesce(starred_at, excluded.starred_at),"
		"  title = coalesce(excluded.title, title), url = coalesce(excluded.url, url)",
		m, 0, NULL, now, error) < 0)
		return -1;
	for (size_t i = 0; i < m->tag_count; i++)
		if (run_bound(store,
			"UPDATE pending_marks SET tags = json_insert(tags, '$[#]', ?3) WHERE key = ?1"
			" AND NOT EXISTS (SELECT 1 FROM json_each(pending_marks.tags) WHERE value = ?3)",
			m, 0, m->tags[i], now, error) < 0)
			return -1;
	return 0;
}

int store_import_mark(struct store *store, const char *json, size_t len, char **error)
{
	struct mark_in m;
	memset(&m, 0, sizeof m);
	int result = read_mark(store, json, len, &m, error);
	if (result == 0)
		result = read_tags(store, json, len, &m, error);
	if (result != 0) {
		mark_in_clear(&m);
		return result;
	}
	char now[32];
	db_now_iso(now);
	int64_t id = 0;
	sqlite3_stmt *stmt = db_prepare(store, "SELECT id FROM items WHERE key = ?1");
	if (!stmt) {
		mark_in_clear(&m);
		return db_fail(store, error);
	}
	db_bind_text(stmt, 1, m.key);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(stmt, 0);
	else if (rc != SQLITE_DONE)
		result = db_step_error(store, stmt, rc, error);
	db_finish(stmt);
	if (result == 0) {
		if (id > 0)
			result = apply_to_item(store, &m, id, now, error);
		else
			result = keep_pending(store, &m, now, error) < 0 ? -1 : 1;
	}
	mark_in_clear(&m);
	return result;
}
