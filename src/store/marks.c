/* Marks: read and starred, one item or many (bulk ones in one transaction) (the reader's undo re-applies
 * the previous state through the same calls). */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#include <sqlite3.h>

#include "store.h"
#include "store/internal.h"
#include "i18n.h"
#include "strbuf.h"
#include "xalloc.h"

static int set_mark(struct store *store, const char *sql, int64_t item_id, bool on, char **error)
{
	if (db_refuse_read_only(store, error) < 0)
		return -1;
	char now[32];
	db_now_iso(now);
	sqlite3_stmt *stmt = db_prepare(store, sql);
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, item_id);
	sqlite3_bind_int(stmt, 2, on ? 1 : 0);
	db_bind_text(stmt, 3, now);
	sqlite3_exec(store->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
	int rc = db_run(store, stmt, error);
	sqlite3_exec(store->db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
	return rc;
}

int store_set_read(struct store *store, int64_t item_id, bool read, char **error)
{
	return set_mark(store,
		"UPDATE items SET read = ?2, read_at = CASE WHEN ?2 THEN ?3 END"
		" WHERE id = ?1 AND read <> ?2", item_id, read, error);
}

int store_set_starred(struct store *store, int64_t item_id, bool starred, char **error)
{
	return set_mark(store,
		"UPDATE items SET starred = ?2, starred_at = CASE WHEN ?2 THEN ?3 END"
		" WHERE id = ?1 AND starred <> ?2", item_id, starred, error);
}


/* One durable transaction for all of them (db_run_for_items). */
static int set_many(struct store *store, const char *sql, const int64_t *item_ids, size_t count,
                    bool on, bool *changed, char **error);

int store_set_read_many(struct store *store, const int64_t *item_ids, size_t count, bool read,
                        bool *changed, char **error)
{
	return set_many(store, "UPDATE items SET read = ?2, read_at = CASE WHEN ?2 THEN ?3 END"
	                " WHERE id = ?1 AND read <> ?2", item_ids, count, read, changed, error);
}

int store_set_starred_many(struct store *store, const int64_t *item_ids, size_t count,
                           bool starred, bool *changed, char **error)
{
	return set_many(store, "UPDATE items SET starred = ?2, starred_at = CASE WHEN ?2 THEN ?3 END"
	                " WHERE id = ?1 AND starred <> ?2", item_ids, count, starred, changed, error);
}

static int set_many(struct store *store, const char *sql, const int64_t *item_ids, size_t count,
                    bool on, bool *changed, char **error)
{
	if (db_refuse_read_only(store, error) < 0)
		return -1;
	char now[32];
	db_now_iso(now);
	return db_run_for_items(store, sql, item_ids, count, on ? 1 : 0, now, changed, error);
}

int db_run_for_items(struct store *store, const char *sql, const int64_t *item_ids, size_t count,
                     int number, const char *text, bool *changed, char **error)
{
	if (count == 0)
		return 0;
	sqlite3_exec(store->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
	int result = db_exec(store, "BEGIN IMMEDIATE", error);
	for (size_t i = 0; i < count && result == 0; i++) {
		sqlite3_stmt *stmt = db_prepare(store, sql);
		if (!stmt) {
			result = db_fail(store, error);
			break;
		}
		sqlite3_bind_int64(stmt, 1, item_ids[i]);
		sqlite3_bind_int(stmt, 2, number);
		db_bind_text(stmt, 3, text);
		result = db_run(store, stmt, error);
		if (result == 0 && changed)
			changed[i] = sqlite3_changes(store->db) > 0;
	}
	if (result == 0)
		result = db_exec(store, "COMMIT", error);
	if (result < 0)
		db_rollback(store);
	sqlite3_exec(store->db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
	return result;
}

