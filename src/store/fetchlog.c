/* The sources' rows and their fetch records: a source made or found by
 * name, HTTP validators and the time each location last answered (the
 * refresh's re-check policy), and what a source's last refresh found,
 * failed on and left as fresh.  Written by the refresh thread, the one
 * writer, between digests. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store.h"
#include "store/internal.h"
#include "i18n.h"
#include "xalloc.h"

int store_source_ensure(struct store *store, const char *name, const char *location,
                        int64_t *source_id, char **error)
{
	if (db_refuse_read_only(store, error) < 0)
		return -1;
	if (!name || !*name)
		return db_error(error, xstrdup(_("a source needs a name")));
	char now[32];
	db_now_iso(now);
	sqlite3_stmt *stmt = db_prepare(store,
		"INSERT INTO sources (name, location, created) VALUES (?1, ?2, ?3) "
		"ON CONFLICT (name) DO UPDATE SET location = coalesce(excluded.location, location) "
		"WHERE excluded.location IS NOT NULL AND excluded.location IS NOT location");
	if (!stmt)
		return db_fail(store, error);
	db_bind_text(stmt, 1, name);
	db_bind_text(stmt, 2, location);
	db_bind_text(stmt, 3, now);
	if (db_run(store, stmt, error) < 0)
		return -1;
	stmt = db_prepare(store, "SELECT id FROM sources WHERE name = ?1");
	if (!stmt)
		return db_fail(store, error);
	db_bind_text(stmt, 1, name);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		char *message = db_message(store);
		db_finish(stmt);
		return db_error(error, message);
	}
	*source_id = sqlite3_column_int64(stmt, 0);
	db_finish(stmt);
	return 0;
}

int store_get_validators(struct store *store, const char *location, char **etag,
                         char **last_modified, char **checked_at, char **error)
{
	*etag = NULL;
	*last_modified = NULL;
	if (checked_at)
		*checked_at = NULL;
	sqlite3_stmt *stmt = db_prepare(store,
		"SELECT etag, last_modified, checked_at FROM digests WHERE location = ?1");
	if (!stmt)
		return db_fail(store, error);
	db_bind_text(stmt, 1, location);
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW)
		return db_step_error(store, stmt, rc, error) < 0 ? -1 : 1;
	*etag = db_column_text(stmt, 0);
	*last_modified = db_column_text(stmt, 1);
	if (checked_at)
		*checked_at = db_column_text(stmt, 2);
	db_finish(stmt);
	return 0;
}

int store_set_validators(struct store *store, const char *location, const char *etag,
                         const char *last_modified, char **error)
{
	if (db_refuse_read_only(store, error) < 0)
		return -1;
	sqlite3_stmt *stmt = db_prepare(store,
		"UPDATE digests SET etag = ?2, last_modified = ?3 WHERE location = ?1");
	if (!stmt)
		return db_fail(store, error);
	db_bind_text(stmt, 1, location);
	db_bind_optional(stmt, 2, etag);
	db_bind_optional(stmt, 3, last_modified);
	if (db_run(store, stmt, error) < 0)
		return -1;
	return sqlite3_changes(store->db) > 0 ? 0 : 1;
}

int store_record_checks(struct store *store, const struct store_check *checks, size_t count,
                        const char *checked_at, char **error)
{
	if (db_refuse_read_only(store, error) < 0)
		return -1;
	if (count == 0)
		return 0;
	/* One transaction, not one per location: a warm refresh records
	 * hundreds of 304s. */
	if (db_exec(store, "BEGIN IMMEDIATE", error) < 0)
		return -1;
	sqlite3_stmt *stmt = db_prepare(store, "UPDATE digests SET checked_at = ?2 WHERE location = ?1");
	if (!stmt) {
		db_fail(store, error);
		db_rollback(store);
		return -1;
	}
	int rc = SQLITE_DONE;
	for (size_t i = 0; i < count && rc == SQLITE_DONE; i++) {
		sqlite3_reset(stmt);
		db_bind_text(stmt, 1, checks[i].location);
		db_bind_optional(stmt, 2, checks[i].answered ? checked_at : NULL);
		rc = sqlite3_step(stmt);
	}
	if (rc != SQLITE_DONE) {
		db_step_error(store, stmt, rc, error);
		db_rollback(store);
		return -1;
	}
	db_finish(stmt);
	if (db_exec(store, "COMMIT", error) < 0) {
		db_rollback(store);
		return -1;
	}
	return 0;
}

int store_source_record_fetch(struct store *store, int64_t source_id, const char *fetch_error,
                              int checked, int fresh, char **error)
{
	if (db_refuse_read_only(store, error) < 0)
		return -1;
	char now[32];
	db_now_iso(now);
	sqlite3_stmt *stmt = db_prepare(store, fetch_error
		? "UPDATE sources SET last_error = ?2, last_checked = ?4, last_fresh = ?5 WHERE id = ?1"
		: "UPDATE sources SET last_ok = ?3, last_error = NULL, last_checked = ?4, last_fresh = ?5"
		  " WHERE id = ?1");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, source_id);
	if (fetch_error)
		db_bind_text(stmt, 2, fetch_error);
	else
		db_bind_text(stmt, 3, now);
	sqlite3_bind_int(stmt, 4, checked);
	sqlite3_bind_int(stmt, 5, fresh);
	return db_run(store, stmt, error);
}
