/* Small state of the reader kept in the cache (the state table): when the
 * reader was opened, so the New view can show what arrived since the time
 * before. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store.h"
#include "store/internal.h"
#include "xalloc.h"

int store_reader_opened(struct store *store, char **previous, char **now_out, char **error)
{
	*previous = NULL;
	*now_out = NULL;
	char now[32];
	db_now_iso(now);
	sqlite3_stmt *stmt = db_prepare(store, "SELECT value FROM state WHERE key = 'reader-opened'");
	if (!stmt)
		return db_fail(store, error);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*previous = db_column_text(stmt, 0);
	if (db_step_error(store, stmt, rc == SQLITE_ROW ? SQLITE_DONE : rc, error) < 0)
		return -1;
	*now_out = xstrdup(now);
	if (store->read_only)
		return 0;       /* a read-only reader shows New but cannot move it on */
	stmt = db_prepare(store,
		"INSERT INTO state (key, value) VALUES ('reader-opened', ?1)"
		" ON CONFLICT (key) DO UPDATE SET value = excluded.value");
	if (!stmt)
		return db_fail(store, error);
	db_bind_text(stmt, 1, now);
	return db_run(store, stmt, error);
}
