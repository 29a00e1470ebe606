/* The connection's plumbing shared by every part of the cache: error
 * messages, the prepared-statement cache, binding and reading columns,
 * transactions, and the kinds stored by name. */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#include <sqlite3.h>

#include "store.h"
#include "store/internal.h"
#include "i18n.h"
#include "strbuf.h"
#include "xalloc.h"

/* ------------------------------------------------------------------ kinds */

const char *const kind_names[KIND_COUNT] = {
#define KIND_NAME(id, name, plural, letter) name,
	ITEM_KINDS(KIND_NAME)
#undef KIND_NAME
};

const char *kind_to_text(enum item_kind kind)
{
	if ((int)kind < 0 || kind >= KIND_COUNT)
		return kind_names[KIND_NOTE];
	return kind_names[kind];
}

enum item_kind kind_from_text(const char *text)
{
	if (text)
		for (int k = 0; k < KIND_COUNT; k++)
			if (strcmp(kind_names[k], text) == 0)
				return (enum item_kind)k;
	return KIND_NOTE;
}


int db_error(char **error, char *message)
{
	if (error)
		*error = message;
	else
		free(message);
	return -1;
}

/* SQLite does not keep the errno of a failed write (EFBIG with SIGXFSZ
 * ignored), so a write error is put down to `ulimit -f` when the file or
 * its -wal has grown to within a page or so of that limit. */
bool db_file_limit_reached(const char *path)
{
	struct rlimit limit;
	if (getrlimit(RLIMIT_FSIZE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
		return false;
	const char *suffixes[] = { "", "-wal", "-journal" };
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		char *file = xasprintf("%s%s", path, suffixes[i]);
		struct stat st;
		bool near = stat(file, &st) == 0 && (uintmax_t)st.st_size + 70000 >= (uintmax_t)limit.rlim_cur;
		free(file);
		if (near)
			return true;
	}
	return false;
}

char *db_damaged_message(const char *path, const char *why)
{
	return xasprintf(_("cache %s is damaged (%s): restore a copy made by 'radar backup', or move it "
	                   "aside, import the digests again and restore the marks with 'radar marks import'"),
	                 path, why);
}

/* The message for the connection's last error; read it before anything
 * else (a ROLLBACK) replaces it. */
char *db_message(struct store *store)
{
	int code = sqlite3_errcode(store->db) & 0xff;
	if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
		return db_damaged_message(store->path, sqlite3_errmsg(store->db));
	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return xasprintf(_("cache %s is busy: another radar process is writing to it"),
		                 store->path);
	if (code == SQLITE_READONLY)
		return xasprintf(_("cache %s is read-only"), store->path);
	/* SQLite calls a write stopped by `ulimit -f` a full disk or an I/O
	 * error (when it was the -wal that grew). */
	if ((code == SQLITE_FULL || code == SQLITE_IOERR) &&
	    (sqlite3_system_errno(store->db) == EFBIG || db_file_limit_reached(store->path)))
		return xasprintf(_("file size limit exceeded writing %s"), store->path);
	return xasprintf(_("cache %s: %s"), store->path, sqlite3_errmsg(store->db));
}

int db_fail(struct store *store, char **error)
{
	return db_error(error, db_message(store));
}

int db_refuse_read_only(struct store *store, char **error)
{
	if (!store->read_only)
		return 0;
	return db_error(error, xasprintf(_("cache %s is open read-only"), store->path));
}

/* A statement ready to bind: reset, bindings cleared.  Callers reset it
 * (db_finish()) when done so it holds no read transaction open. */
void store_library_init(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

sqlite3_stmt *db_prepare(struct store *store, const char *sql)
{
	struct cached_stmt *slot = NULL;
	store->use_clock++;
	for (int i = 0; i < STMT_CACHE_SIZE; i++) {
		struct cached_stmt *c = &store->cache[i];
		if (c->sql && strcmp(c->sql, sql) == 0) {
			c->last_use = store->use_clock;
			sqlite3_reset(c->stmt);
			sqlite3_clear_bindings(c->stmt);
			return c->stmt;
		}
		if (!slot || (slot->sql && (!c->sql || c->last_use < slot->last_use)))
			slot = c;
	}
	sqlite3_stmt *stmt = NULL;
	if (sqlite3_prepare_v3(store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
		return NULL;
	if (slot->sql) {
		sqlite3_finalize(slot->stmt);
		free(slot->sql);
	}
	slot->sql = xstrdup(sql);
	slot->stmt = stmt;
	slot->last_use = store->use_clock;
	return stmt;
}

void db_finish(sqlite3_stmt *stmt)
{
	if (stmt)
		sqlite3_reset(stmt);
}

void db_bind_text(sqlite3_stmt *stmt, int index, const char *text)
{
	if (text)
		sqlite3_bind_text(stmt, index, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(stmt, index);
}

/* Empty strings from the engine mean "none" for optional fields. */
void db_bind_optional(sqlite3_stmt *stmt, int index, const char *text)
{
	db_bind_text(stmt, index, text && *text ? text : NULL);
}

char *db_column_text(sqlite3_stmt *stmt, int column)
{
	const unsigned char *text = sqlite3_column_text(stmt, column);
	return text ? xstrdup((const char *)text) : NULL;
}

char *db_column_text_or_empty(sqlite3_stmt *stmt, int column)
{
	const unsigned char *text = sqlite3_column_text(stmt, column);
	return xstrdup(text ? (const char *)text : "");
}

/* Run a statement that returns no rows (or whose rows are not needed). */
int db_run(struct store *store, sqlite3_stmt *stmt, char **error)
{
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE) {
		char *message = db_message(store);
		db_finish(stmt);
		return db_error(error, message);
	}
	db_finish(stmt);
	return 0;
}

int db_step_error(struct store *store, sqlite3_stmt *stmt, int rc, char **error)
{
	if (rc == SQLITE_DONE) {
		db_finish(stmt);
		return 0;
	}
	char *message = db_message(store);
	db_finish(stmt);
	return db_error(error, message);
}

int db_exec(struct store *store, const char *sql, char **error)
{
	char *message = NULL;
	if (sqlite3_exec(store->db, sql, NULL, NULL, &message) != SQLITE_OK) {
		char *out = db_message(store);
		sqlite3_free(message);
		return db_error(error, out);
	}
	return 0;
}

void db_ids_json(struct strbuf *out, const int64_t *ids, size_t count)
{
	strbuf_putc(out, '[');
	for (size_t i = 0; i < count; i++)
		strbuf_printf(out, "%s%lld", i ? "," : "", (long long)ids[i]);
	strbuf_putc(out, ']');
}

void db_now_iso(char out[32])
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void db_rollback(struct store *store)
{
	if (!sqlite3_get_autocommit(store->db))
		sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
}

/* mkdir -p of the directory holding PATH. */
