/* A copy of the cache through SQLite's online backup API: one read
 * transaction over the whole file, so the copy is one consistent snapshot
 * even while the reader stars items or a refresh writes (WAL: neither waits
 * for the other). */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store.h"
#include "store/internal.h"
#include "i18n.h"
#include "xalloc.h"

/* The destination's error as one line.  A write stopped by `ulimit -f`
 * (EFBIG: SQLite reports it as a full disk) is named for what it is. */
static int backup_fail(sqlite3 *dest, const char *path, char **error)
{
	int sys = dest ? sqlite3_system_errno(dest) : 0;
	if (sys == EFBIG || db_file_limit_reached(path))
		return db_error(error, xasprintf(_("file size limit exceeded writing %s"), path));
	const char *what = dest ? sqlite3_errmsg(dest) : strerror(ENOMEM);
	if (sys != 0 && sys != ENOSPC)
		return db_error(error, xasprintf(_("cannot write the backup %s: %s (%s)"), path, what,
		                                 strerror(sys)));
	return db_error(error, xasprintf(_("cannot write the backup %s: %s"), path, what));
}

int store_backup(struct store *store, const char *path, char **error)
{
	sqlite3 *dest = NULL;
	if (sqlite3_open_v2(path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		int result = backup_fail(dest, path, error);
		sqlite3_close(dest);
		return result;
	}
	sqlite3_extended_result_codes(dest, 0);
	sqlite3_backup *backup = sqlite3_backup_init(dest, "main", store->db, "main");
	if (!backup) {
		int result = backup_fail(dest, path, error);
		sqlite3_close(dest);
		return result;
	}
	/* -1: every page in one step, inside one read transaction of the
	 * source, so no write of another connection lands half in the copy. */
	int rc;
	while ((rc = sqlite3_backup_step(backup, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED)
		sqlite3_sleep(50);
	sqlite3_backup_finish(backup);
	if (rc != SQLITE_DONE) {
		int result = backup_fail(dest, path, error);
		sqlite3_close(dest);
		return result;
	}
	/* The copy is a file on its own: no -wal beside it when it is moved. */
	if (sqlite3_exec(dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK) {
		int result = backup_fail(dest, path, error);
		sqlite3_close(dest);
		return result;
	}
	if (sqlite3_close(dest) != SQLITE_OK)
		return db_error(error, xasprintf(_("cannot write the backup %s: %s"), path,
		                                 strerror(errno)));
	return 0;
}
