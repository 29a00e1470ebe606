#include <config.h>

#include "store.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#include <sqlite3.h>

#include "i18n.h"
#include "strbuf.h"
#include "xalloc.h"

/* ------------------------------------------------------------------ schema */

/* One entry per schema version: migrations[N-1] takes a cache from
 * user_version N-1 to N.  Append only; never edit a released migration. */
static const char *const migrations[] = {
	/* 1 */
	"CREATE TABLE sources ("
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
	"CREATE VIRTUAL TABLE items_fts USING fts5(title, text, tokenize = 'trigram');",
};

#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof migrations[0]))

/* ------------------------------------------------------------------ kinds */

static const char *const kind_names[] = {
#define KIND_NAME(id, name, plural, letter) name,
	ITEM_KINDS(KIND_NAME)
#undef KIND_NAME
};

/* Kinds are stored by name so that reordering enum item_kind never
 * reinterprets an existing cache. */
static const char *kind_to_text(enum item_kind kind)
{
	if ((int)kind < 0 || kind >= KIND_COUNT)
		return kind_names[KIND_NOTE];
	return kind_names[kind];
}

static enum item_kind kind_from_text(const char *text)
{
	if (text)
		for (int k = 0; k < KIND_COUNT; k++)
			if (strcmp(kind_names[k], text) == 0)
				return (enum item_kind)k;
	return KIND_NOTE;
}

/* ------------------------------------------------------------------ connection */

/* Prepared statements are cached by SQL text; the list queries are built
 * from a handful of fixed fragments, so a small cache covers them. */
#define STMT_CACHE_SIZE 48

struct cached_stmt {
	char *sql;
	sqlite3_stmt *stmt;
	uint64_t last_use;
};

struct store {
	sqlite3 *db;
	char *path;
	bool read_only;
	struct cached_stmt cache[STMT_CACHE_SIZE];
	uint64_t use_clock;
};

static int fail(char **error, char *message)
{
	if (error)
		*error = message;
	else
		free(message);
	return -1;
}

/* The message for the connection's last error; read it before anything
 * else (a ROLLBACK) replaces it. */
static char *db_message(struct store *store)
{
	int code = sqlite3_errcode(store->db) & 0xff;
	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return xasprintf(_("cache %s is busy: another radar process is writing to it"),
		                 store->path);
	if (code == SQLITE_READONLY)
		return xasprintf(_("cache %s is read-only"), store->path);
	return xasprintf(_("cache %s: %s"), store->path, sqlite3_errmsg(store->db));
}

static int db_fail(struct store *store, char **error)
{
	return fail(error, db_message(store));
}

static int refuse_read_only(struct store *store, char **error)
{
	if (!store->read_only)
		return 0;
	return fail(error, xasprintf(_("cache %s is open read-only"), store->path));
}

/* A statement ready to bind: reset, bindings cleared.  Callers reset it
 * (finish()) when done so it holds no read transaction open. */
static sqlite3_stmt *prepare(struct store *store, const char *sql)
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

static void finish(sqlite3_stmt *stmt)
{
	if (stmt)
		sqlite3_reset(stmt);
}

static void bind_text(sqlite3_stmt *stmt, int index, const char *text)
{
	if (text)
		sqlite3_bind_text(stmt, index, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(stmt, index);
}

/* Empty strings from the engine mean "none" for optional fields. */
static void bind_optional(sqlite3_stmt *stmt, int index, const char *text)
{
	bind_text(stmt, index, text && *text ? text : NULL);
}

static char *column_text(sqlite3_stmt *stmt, int column)
{
	const unsigned char *text = sqlite3_column_text(stmt, column);
	return text ? xstrdup((const char *)text) : NULL;
}

static char *column_text_or_empty(sqlite3_stmt *stmt, int column)
{
	const unsigned char *text = sqlite3_column_text(stmt, column);
	return xstrdup(text ? (const char *)text : "");
}

/* Run a statement that returns no rows (or whose rows are not needed). */
static int run(struct store *store, sqlite3_stmt *stmt, char **error)
{
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE) {
		char *message = db_message(store);
		finish(stmt);
		return fail(error, message);
	}
	finish(stmt);
	return 0;
}

static int step_error(struct store *store, sqlite3_stmt *stmt, int rc, char **error)
{
	if (rc == SQLITE_DONE) {
		finish(stmt);
		return 0;
	}
	char *message = db_message(store);
	finish(stmt);
	return fail(error, message);
}

static int exec_sql(struct store *store, const char *sql, char **error)
{
	char *message = NULL;
	if (sqlite3_exec(store->db, sql, NULL, NULL, &message) != SQLITE_OK) {
		char *out = db_message(store);
		sqlite3_free(message);
		return fail(error, out);
	}
	return 0;
}

static void now_iso(char out[32])
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void rollback(struct store *store)
{
	if (!sqlite3_get_autocommit(store->db))
		sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
}

/* mkdir -p of the directory holding PATH. */
static int make_parent_dirs(const char *path, char **error)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (!slash || slash == dir) {
		free(dir);
		return 0;
	}
	*slash = '\0';
	for (char *p = dir + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char saved = *p;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			int saved_errno = errno;
			char *message = xasprintf(_("cannot open cache %s: cannot create %s: %s"),
			                          path, dir, strerror(saved_errno));
			free(dir);
			return fail(error, message);
		}
		*p = saved;
		if (saved == '\0')
			break;
	}
	struct stat st;
	int ok = stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
	if (!ok) {
		char *message = xasprintf(_("cannot open cache %s: %s is not a directory"), path, dir);
		free(dir);
		return fail(error, message);
	}
	free(dir);
	return 0;
}

static int read_user_version(struct store *store, int *version)
{
	sqlite3_stmt *stmt = prepare(store, "PRAGMA user_version");
	if (!stmt)
		return -1;
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*version = sqlite3_column_int(stmt, 0);
	finish(stmt);
	return rc == SQLITE_ROW ? 0 : -1;
}

static int open_fail(struct store *store, const char *path, char **error)
{
	char *message = xasprintf(_("cannot open cache %s: %s"), path, sqlite3_errmsg(store->db));
	return fail(error, message);
}

static int migrate(struct store *store, int from, char **error)
{
	for (int version = from + 1; version <= SCHEMA_VERSION; version++) {
		if (exec_sql(store, "BEGIN IMMEDIATE", error) < 0)
			return -1;
		/* Another process may have migrated while we waited for the lock. */
		int current = 0;
		if (read_user_version(store, &current) < 0)
			goto failed;
		if (current < version) {
			char bump[64];
			snprintf(bump, sizeof bump, "PRAGMA user_version = %d", version);
			if (sqlite3_exec(store->db, migrations[version - 1], NULL, NULL, NULL) != SQLITE_OK ||
			    sqlite3_exec(store->db, bump, NULL, NULL, NULL) != SQLITE_OK)
				goto failed;
		}
		if (sqlite3_exec(store->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
			goto failed;
		continue;
failed:;
		char *message = xasprintf(_("cannot open cache %s: upgrading to schema %d failed: %s"),
		                          store->path, version, sqlite3_errmsg(store->db));
		rollback(store);
		return fail(error, message);
	}
	return 0;
}

static int has_foreign_tables(struct store *store, bool *foreign)
{
	sqlite3_stmt *stmt = prepare(store, "SELECT count(*) FROM sqlite_master");
	if (!stmt)
		return -1;
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*foreign = sqlite3_column_int64(stmt, 0) > 0;
	finish(stmt);
	return rc == SQLITE_ROW ? 0 : -1;
}

static int open_connection(struct store *store, const char *path, enum store_mode mode, char **error)
{
	int flags = mode == STORE_READ_ONLY ? SQLITE_OPEN_READONLY
	                                    : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	if (mode == STORE_READ_ONLY) {
		struct stat st;
		if (stat(path, &st) != 0)
			return fail(error, xasprintf(_("cannot open cache %s: %s"), path, strerror(errno)));
	} else if (make_parent_dirs(path, error) < 0) {
		return -1;
	}
	if (sqlite3_open_v2(path, &store->db, flags, NULL) != SQLITE_OK)
		return open_fail(store, path, error);
	/* SQLite quietly falls back to read-only for a file it may not write. */
	if (mode == STORE_READ_WRITE && sqlite3_db_readonly(store->db, "main") == 1)
		return fail(error, xasprintf(_("cannot open cache %s for writing: %s"), path, strerror(EACCES)));
	sqlite3_extended_result_codes(store->db, 0);
	/* A second process waits for the writer instead of failing at once. */
	sqlite3_busy_timeout(store->db, 5000);

	/* The first real read: this is where a file that is not SQLite fails. */
	int version = 0;
	if (read_user_version(store, &version) < 0)
		return open_fail(store, path, error);
	if (version > SCHEMA_VERSION)
		return fail(error, xasprintf(_("cache %s was written by a newer radar (schema %d, this radar knows %d)"),
		                             path, version, SCHEMA_VERSION));

	if (exec_sql(store, "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;"
	             "PRAGMA cache_size = -16384;", NULL) < 0)
		return open_fail(store, path, error);

	/* Fail clearly here rather than at the first search or import. */
	if (sqlite3_exec(store->db, "CREATE VIRTUAL TABLE temp.radar_fts_probe USING fts5(x, tokenize = 'trigram');"
	                 "DROP TABLE temp.radar_fts_probe;", NULL, NULL, NULL) != SQLITE_OK)
		return fail(error, xasprintf(_("cannot open cache %s: this SQLite (%s) lacks FTS5 with the trigram tokenizer: %s"),
		                             path, sqlite3_libversion(), sqlite3_errmsg(store->db)));

	if (version == 0) {
		bool foreign = false;
		if (has_foreign_tables(store, &foreign) < 0)
			return open_fail(store, path, error);
		if (foreign)
			return fail(error, xasprintf(_("cannot open cache %s: it is an SQLite database, but not a radar cache"),
			                             path));
	}

	if (mode == STORE_READ_ONLY) {
		if (version < SCHEMA_VERSION)
			return fail(error, version == 0
			            ? xasprintf(_("cannot open cache %s: it is empty (nothing was imported yet)"), path)
			            : xasprintf(_("cannot open cache %s: it needs upgrading (schema %d to %d); open it once read-write"),
			                        path, version, SCHEMA_VERSION));
		return 0;
	}

	/* analysis_limit bounds every ANALYZE, including the one PRAGMA
	 * optimize may run on close, to a quick sample. */
	if (exec_sql(store, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
	             "PRAGMA analysis_limit = 1000;"
	             /* fewer checkpoints (each one syncs) during imports */
	             "PRAGMA wal_autocheckpoint = 4000;", NULL) < 0)
		return open_fail(store, path, error);
	return migrate(store, version, error);
}

int store_open(const char *path, enum store_mode mode, struct store **out, char **error)
{
	*out = NULL;
	if (!path || !*path)
		return fail(error, xstrdup(_("cannot open cache: no file name given")));
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
		if (!store->read_only)
			sqlite3_exec(store->db, "PRAGMA optimize", NULL, NULL, NULL);
		sqlite3_close_v2(store->db);
	}
	free(store->path);
	free(store);
}

void store_optimize(struct store *store)
{
	if (!store || store->read_only)
		return;
	/* analysis_limit (set at open) keeps ANALYZE a quick sample on a
	 * million items; the planner only needs the rough shape of each index. */
	sqlite3_exec(store->db, "ANALYZE; PRAGMA optimize;", NULL, NULL, NULL);
}

/* ------------------------------------------------------------------ writing */

int store_source_ensure(struct store *store, const char *name, const char *location,
                        int64_t *source_id, char **error)
{
	if (refuse_read_only(store, error) < 0)
		return -1;
	if (!name || !*name)
		return fail(error, xstrdup(_("a source needs a name")));
	char now[32];
	now_iso(now);
	sqlite3_stmt *stmt = prepare(store,
		"INSERT INTO sources (name, location, created) VALUES (?1, ?2, ?3) "
		"ON CONFLICT (name) DO UPDATE SET location = coalesce(excluded.location, location) "
		"WHERE excluded.location IS NOT NULL AND excluded.location IS NOT location");
	if (!stmt)
		return db_fail(store, error);
	bind_text(stmt, 1, name);
	bind_text(stmt, 2, location);
	bind_text(stmt, 3, now);
	if (run(store, stmt, error) < 0)
		return -1;
	stmt = prepare(store, "SELECT id FROM sources WHERE name = ?1");
	if (!stmt)
		return db_fail(store, error);
	bind_text(stmt, 1, name);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		char *message = db_message(store);
		finish(stmt);
		return fail(error, message);
	}
	*source_id = sqlite3_column_int64(stmt, 0);
	finish(stmt);
	return 0;
}

/* 64-bit FNV-1a: a change detector, not a security boundary (a collision
 * only means one digest update is missed until its next change).  The
 * digest engine's version is part of it, so a better extractor re-extracts
 * digests whose bytes did not change (`radar reindex`, or the next import). */
static void content_hash(const char *bytes, size_t len, char out[17])
{
	uint64_t hash = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < len; i++) {
		hash ^= (unsigned char)bytes[i];
		hash *= 0x100000001b3ULL;
	}
	hash ^= (uint64_t)DIGEST_ENGINE_VERSION;
	hash *= 0x100000001b3ULL;
	snprintf(out, 17, "%016llx", (unsigned long long)hash);
}

/* The items one import touches: id -> flags, open addressing. */
enum {
	TOUCHED_OLD = 1,        /* the previous version of the digest mentioned it */
	TOUCHED_NEW = 2,        /* this version mentions it */
	TOUCHED_CREATED = 4,    /* created by this import */
};

struct id_set {
	int64_t *ids;
	unsigned char *flags;
	size_t capacity;        /* power of two */
	size_t count;
};

static void id_set_init(struct id_set *set)
{
	set->capacity = 64;
	set->count = 0;
	set->ids = xcalloc(set->capacity, sizeof *set->ids);
	set->flags = xcalloc(set->capacity, 1);
}

static void id_set_free(struct id_set *set)
{
	free(set->ids);
	free(set->flags);
}

static size_t id_slot(const struct id_set *set, int64_t id)
{
	uint64_t h = (uint64_t)id * 0x9e3779b97f4a7c15ULL;
	size_t i = (size_t)(h >> 17) & (set->capacity - 1);
	while (set->ids[i] != 0 && set->ids[i] != id)
		i = (i + 1) & (set->capacity - 1);
	return i;
}

/* Adds FLAGS to ID; returns the flags it had before (0 when new). */
static unsigned id_set_add(struct id_set *set, int64_t id, unsigned flags)
{
	if ((set->count + 1) * 2 > set->capacity) {
		struct id_set bigger = {
			.capacity = set->capacity * 2,
			.count = set->count,
		};
		bigger.ids = xcalloc(bigger.capacity, sizeof *bigger.ids);
		bigger.flags = xcalloc(bigger.capacity, 1);
		for (size_t i = 0; i < set->capacity; i++) {
			if (set->ids[i] == 0)
				continue;
			size_t j = id_slot(&bigger, set->ids[i]);
			bigger.ids[j] = set->ids[i];
			bigger.flags[j] = set->flags[i];
		}
		id_set_free(set);
		*set = bigger;
	}
	size_t i = id_slot(set, id);
	unsigned before = set->flags[i];
	if (set->ids[i] == 0) {
		set->ids[i] = id;
		set->count++;
	}
	set->flags[i] = (unsigned char)(before | flags);
	return before;
}

struct import {
	struct store *store;
	int64_t source_id;
	int64_t digest_id;
	const struct digest *digest;
	char now[32];
	struct id_set touched;
	struct store_import_result *result;
};

static int find_digest(struct store *store, const char *location, int64_t *id, char hash[17],
                       char **error)
{
	sqlite3_stmt *stmt = prepare(store, "SELECT id, content_hash FROM digests WHERE location = ?1");
	if (!stmt)
		return db_fail(store, error);
	bind_text(stmt, 1, location);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(stmt, 0);
		const unsigned char *text = sqlite3_column_text(stmt, 1);
		snprintf(hash, 17, "%s", text ? (const char *)text : "");
	} else if (rc == SQLITE_DONE) {
		*id = 0;
		hash[0] = '\0';
	} else {
		char *message = db_message(store);
		finish(stmt);
		return fail(error, message);
	}
	finish(stmt);
	return 0;
}

static int64_t count_digest_mentions(struct store *store, int64_t digest_id)
{
	int64_t count = 0;
	sqlite3_stmt *stmt = prepare(store, "SELECT count(*) FROM mentions WHERE digest_id = ?1");
	if (!stmt)
		return 0;
	sqlite3_bind_int64(stmt, 1, digest_id);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		count = sqlite3_column_int64(stmt, 0);
	finish(stmt);
	return count;
}

static int remember_old_items(struct import *im, char **error)
{
	sqlite3_stmt *stmt = prepare(im->store, "SELECT item_id FROM mentions WHERE digest_id = ?1");
	if (!stmt)
		return db_fail(im->store, error);
	sqlite3_bind_int64(stmt, 1, im->digest_id);
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		id_set_add(&im->touched, sqlite3_column_int64(stmt, 0), TOUCHED_OLD);
	if (rc != SQLITE_DONE) {
		char *message = db_message(im->store);
		finish(stmt);
		return fail(error, message);
	}
	finish(stmt);
	return 0;
}

static int write_digest_row(struct import *im, const char *location, const char *raw,
                            size_t raw_len, const char *hash, char **error)
{
	struct store *store = im->store;
	const struct digest *d = im->digest;
	sqlite3_stmt *stmt;
	if (im->digest_id) {
		stmt = prepare(store,
			"UPDATE digests SET source_id = ?2, title = ?3, date = ?4, description = ?5,"
			" frontmatter_json = ?6, warning = ?7, raw = ?8, content_hash = ?9,"
			" fetched_at = ?10, sort_date = coalesce(?4, ?10) WHERE id = ?1");
		if (!stmt)
			return db_fail(store, error);
		sqlite3_bind_int64(stmt, 1, im->digest_id);
	} else {
		stmt = prepare(store,
			"INSERT INTO digests (source_id, title, date, description, frontmatter_json,"
			" warning, raw, content_hash, fetched_at, sort_date, location)"
			" VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, coalesce(?4, ?10), ?11)");
		if (!stmt)
			return db_fail(store, error);
		bind_text(stmt, 11, location);
	}
	if (im->source_id > 0)
		sqlite3_bind_int64(stmt, 2, im->source_id);
	else
		sqlite3_bind_null(stmt, 2);
	bind_text(stmt, 3, d->title ? d->title : "");
	bind_optional(stmt, 4, d->date);
	bind_optional(stmt, 5, d->description);
	bind_optional(stmt, 6, d->frontmatter_json);
	bind_optional(stmt, 7, d->warning);
	sqlite3_bind_text64(stmt, 8, raw ? raw : "", raw ? raw_len : 0, SQLITE_TRANSIENT, SQLITE_UTF8);
	bind_text(stmt, 9, hash);
	bind_text(stmt, 10, im->now);
	if (run(store, stmt, error) < 0)
		return -1;
	if (!im->digest_id)
		im->digest_id = sqlite3_last_insert_rowid(store->db);
	return 0;
}

static int delete_digest_contents(struct import *im, char **error)
{
	static const char *const deletes[] = {
		"DELETE FROM mentions WHERE digest_id = ?1",
		"DELETE FROM links WHERE digest_id = ?1",
		"DELETE FROM tags WHERE digest_id = ?1",
	};
	for (size_t i = 0; i < sizeof deletes / sizeof deletes[0]; i++) {
		sqlite3_stmt *stmt = prepare(im->store, deletes[i]);
		if (!stmt)
			return db_fail(im->store, error);
		sqlite3_bind_int64(stmt, 1, im->digest_id);
		if (run(im->store, stmt, error) < 0)
			return -1;
	}
	return 0;
}

/* Find the item for KEY or create it; *CREATED tells which. */
static int upsert_item(struct import *im, const struct digest_item *it, int64_t *item_id,
                       bool *created, char **error)
{
	struct store *store = im->store;
	sqlite3_stmt *stmt = prepare(store, "SELECT id FROM items WHERE key = ?1");
	if (!stmt)
		return db_fail(store, error);
	bind_text(stmt, 1, it->key);
	int rc = sqlite3_step(stmt);
	*item_id = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		char *message = db_message(store);
		finish(stmt);
		return fail(error, message);
	}
	finish(stmt);

	if (*item_id) {
		/* Another digest saw it first: keep what it said, fill gaps. */
		*created = false;
		stmt = prepare(store,
			"UPDATE items SET"
			" title = CASE WHEN title = '' THEN coalesce(?2, '') ELSE title END,"
			" summary = coalesce(summary, ?3),"
			" url = coalesce(url, ?4),"
			" date = coalesce(date, ?5),"
			" authors = coalesce(authors, ?6),"
			" sort_date = coalesce(date, ?5, first_seen)"
			" WHERE id = ?1");
		if (!stmt)
			return db_fail(store, error);
		sqlite3_bind_int64(stmt, 1, *item_id);
	} else {
		*created = true;
		/* A key that comes back after its item was removed gets its
		 * read mark back. */
		bool restored = false, was_read = false;
		char *read_at = NULL;
		stmt = prepare(store, "SELECT read, read_at FROM removed_marks WHERE key = ?1");
		if (!stmt)
			return db_fail(store, error);
		bind_text(stmt, 1, it->key);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW) {
			restored = true;
			was_read = sqlite3_column_int(stmt, 0) != 0;
			read_at = column_text(stmt, 1);
		} else if (rc != SQLITE_DONE) {
			return step_error(store, stmt, rc, error);
		}
		finish(stmt);
		if (restored) {
			stmt = prepare(store, "DELETE FROM removed_marks WHERE key = ?1");
			if (!stmt) {
				free(read_at);
				return db_fail(store, error);
			}
			bind_text(stmt, 1, it->key);
			if (run(store, stmt, error) < 0) {
				free(read_at);
				return -1;
			}
		}
		stmt = prepare(store,
			"INSERT INTO items (key, kind, kinds, title, summary, url, date, authors,"
			" read, read_at, first_seen, first_source_id, sort_date)"
			" VALUES (?7, ?8, ',' || ?8 || ',', coalesce(?2, ''), ?3, ?4, ?5, ?6,"
			"  ?11, ?12, ?9, ?10, coalesce(?5, ?9))");
		if (!stmt) {
			free(read_at);
			return db_fail(store, error);
		}
		bind_text(stmt, 7, it->key);
		bind_text(stmt, 8, kind_to_text(it->kind));
		bind_text(stmt, 9, im->now);
		if (im->source_id > 0)
			sqlite3_bind_int64(stmt, 10, im->source_id);
		sqlite3_bind_int(stmt, 11, was_read);
		if (read_at)
			sqlite3_bind_text(stmt, 12, read_at, -1, free);
	}
	bind_optional(stmt, 2, it->title);
	bind_optional(stmt, 3, it->summary);
	bind_optional(stmt, 4, it->url);
	bind_optional(stmt, 5, it->date);
	bind_optional(stmt, 6, it->authors);
	if (run(store, stmt, error) < 0)
		return -1;
	if (*created)
		*item_id = sqlite3_last_insert_rowid(store->db);
	return 0;
}

static int insert_mention(struct import *im, int64_t item_id, const struct digest_item *it,
                          int position, char **error)
{
	/* The same key twice in one digest: one mention, first position,
	 * both excerpts. */
	sqlite3_stmt *stmt = prepare(im->store,
		"INSERT INTO mentions (item_id, digest_id, section, position, title, markdown)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
		" ON CONFLICT (item_id, digest_id) DO UPDATE SET markdown ="
		"  CASE WHEN excluded.markdown = '' THEN markdown"
		"       WHEN markdown = '' THEN excluded.markdown"
		"       ELSE markdown || char(10, 10) || excluded.markdown END");
	if (!stmt)
		return db_fail(im->store, error);
	sqlite3_bind_int64(stmt, 1, item_id);
	sqlite3_bind_int64(stmt, 2, im->digest_id);
	bind_text(stmt, 3, it->section ? it->section : "");
	sqlite3_bind_int(stmt, 4, position);
	bind_optional(stmt, 5, it->title);
	bind_text(stmt, 6, it->markdown ? it->markdown : "");
	return run(im->store, stmt, error);
}

static int insert_links(struct import *im, int64_t item_id, const struct digest_item *it,
                        char **error)
{
	for (size_t i = 0; i < it->link_count; i++) {
		const struct digest_link *link = &it->links[i];
		if (!link->url || !*link->url)
			continue;
		sqlite3_stmt *stmt = prepare(im->store,
			"INSERT INTO links (item_id, digest_id, url, text, kind, key)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
		if (!stmt)
			return db_fail(im->store, error);
		sqlite3_bind_int64(stmt, 1, item_id);
		sqlite3_bind_int64(stmt, 2, im->digest_id);
		bind_text(stmt, 3, link->url);
		bind_text(stmt, 4, link->text ? link->text : "");
		bind_text(stmt, 5, kind_to_text(link->kind));
		bind_optional(stmt, 6, link->key);
		if (run(im->store, stmt, error) < 0)
			return -1;
	}
	return 0;
}

static int insert_tags(struct import *im, int64_t item_id, const struct digest_tag *tags,
                       size_t count, const char *default_origin, char **error)
{
	for (size_t i = 0; i < count; i++) {
		if (!tags[i].name || !*tags[i].name)
			continue;
		sqlite3_stmt *stmt = prepare(im->store,
			"INSERT OR IGNORE INTO tags (item_id, tag, origin, digest_id) VALUES (?1, ?2, ?3, ?4)");
		if (!stmt)
			return db_fail(im->store, error);
		sqlite3_bind_int64(stmt, 1, item_id);
		bind_text(stmt, 2, tags[i].name);
		bind_text(stmt, 3, tags[i].origin && *tags[i].origin ? tags[i].origin : default_origin);
		sqlite3_bind_int64(stmt, 4, im->digest_id);
		if (run(im->store, stmt, error) < 0)
			return -1;
	}
	return 0;
}

static int import_items(struct import *im, char **error)
{
	const struct digest *d = im->digest;
	for (size_t i = 0; i < d->item_count; i++) {
		const struct digest_item *it = &d->items[i];
		if (!it->key || !*it->key)
			continue;
		int64_t item_id;
		bool created;
		if (upsert_item(im, it, &item_id, &created, error) < 0)
			return -1;
		unsigned before = id_set_add(&im->touched, item_id,
		                             TOUCHED_NEW | (created ? TOUCHED_CREATED : 0));
		if (!(before & TOUCHED_NEW)) {
			if (created)
				im->result->items_new++;
			else
				im->result->items_updated++;
		}
		if (insert_mention(im, item_id, it, (int)i, error) < 0 ||
		    insert_links(im, item_id, it, error) < 0 ||
		    insert_tags(im, item_id, it->tags, it->tag_count, "field", error) < 0 ||
		    insert_tags(im, item_id, d->tags, d->tag_count, "frontmatter", error) < 0)
			return -1;
	}
	return 0;
}

/* What an item's full-text row needs once the item rows are settled. */
enum text_action {
	TEXT_KEEP,
	TEXT_INSERT,            /* a new item */
	TEXT_REPLACE,
	TEXT_DELETE,            /* the item was removed */
};

/* Write an item's full-text row from what the cache now holds. */
static int write_item_text(struct store *store, int64_t item_id, enum text_action action,
                           char **error)
{
	sqlite3_stmt *stmt;
	if (action == TEXT_KEEP)
		return 0;
	if (action == TEXT_REPLACE || action == TEXT_DELETE) {
		stmt = prepare(store, "DELETE FROM items_fts WHERE rowid = ?1");
		if (!stmt)
			return db_fail(store, error);
		sqlite3_bind_int64(stmt, 1, item_id);
		if (run(store, stmt, error) < 0)
			return -1;
		if (action == TEXT_DELETE)
			return 0;
	}
	stmt = prepare(store,
		"SELECT title,"
		"  coalesce(summary, '') || char(10) || coalesce(authors, '') || char(10) ||"
		"  coalesce((SELECT group_concat(markdown, char(10)) FROM mentions WHERE item_id = ?1), '')"
		"  || char(10) || coalesce((SELECT group_concat(DISTINCT tag) FROM tags WHERE item_id = ?1), '')"
		" FROM items WHERE id = ?1");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, item_id);
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW)
		return step_error(store, stmt, rc, error);
	char *title = column_text_or_empty(stmt, 0);
	char *text = column_text_or_empty(stmt, 1);
	finish(stmt);
	stmt = prepare(store, "INSERT INTO items_fts (rowid, title, text) VALUES (?1, ?2, ?3)");
	if (!stmt) {
		free(title);
		free(text);
		return db_fail(store, error);
	}
	sqlite3_bind_int64(stmt, 1, item_id);
	sqlite3_bind_text(stmt, 2, title, -1, free);
	sqlite3_bind_text(stmt, 3, text, -1, free);
	return run(store, stmt, error);
}

/* Recount an item's mentions and kinds; remove it when nothing mentions it
 * any more (unless starred), remembering its read mark.  *ACTION says what
 * its full-text row needs. */
static int settle_item(struct import *im, int64_t item_id, bool created,
                       enum text_action *action, char **error)
{
	struct store *store = im->store;
	*action = TEXT_KEEP;
	sqlite3_stmt *stmt = prepare(store,
		"UPDATE items SET"
		" mention_count = (SELECT count(*) FROM mentions WHERE item_id = ?1),"
		" kinds = ',' || kind || ',' || coalesce((SELECT group_concat(k, ',') || ','"
		"   FROM (SELECT DISTINCT kind AS k FROM links WHERE item_id = ?1 AND kind <> items.kind)), '')"
		" WHERE id = ?1");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, item_id);
	if (run(store, stmt, error) < 0)
		return -1;
	stmt = prepare(store, "SELECT mention_count, starred FROM items WHERE id = ?1");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, item_id);
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW)
		return step_error(store, stmt, rc, error);
	int64_t mentions = sqlite3_column_int64(stmt, 0);
	bool starred = sqlite3_column_int(stmt, 1) != 0;
	finish(stmt);

	if (mentions > 0 || starred) {
		*action = created ? TEXT_INSERT : TEXT_REPLACE;
		return 0;
	}

	stmt = prepare(store,
		"INSERT OR REPLACE INTO removed_marks (key, read, starred, read_at, removed_at)"
		" SELECT key, read, starred, read_at, ?2 FROM items WHERE id = ?1 AND read = 1");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, item_id);
	bind_text(stmt, 2, im->now);
	if (run(store, stmt, error) < 0)
		return -1;
	stmt = prepare(store, "DELETE FROM items WHERE id = ?1");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, item_id);
	if (run(store, stmt, error) < 0)
		return -1;
	*action = created ? TEXT_KEEP : TEXT_DELETE;
	return 0;
}

struct touched_item {
	int64_t id;
	unsigned flags;
	enum text_action action;
};

static int compare_touched(const void *a, const void *b)
{
	int64_t x = ((const struct touched_item *)a)->id, y = ((const struct touched_item *)b)->id;
	return (x > y) - (x < y);
}

/* Settle every touched item, then write their full-text rows together, in
 * ascending rowid order.  FTS5 flushes its pending index data to disk
 * whenever a rowid goes below the previous one and (before SQLite 3.44) at
 * every statement savepoint, which other multi-row writes open; one flush
 * per item made imports several times slower. */
static int settle_items(struct import *im, char **error)
{
	struct touched_item *order = xcalloc(im->touched.count + 1, sizeof *order);
	size_t n = 0;
	for (size_t i = 0; i < im->touched.capacity; i++) {
		if (im->touched.ids[i] == 0)
			continue;
		order[n].id = im->touched.ids[i];
		order[n].flags = im->touched.flags[i];
		n++;
	}
	qsort(order, n, sizeof *order, compare_touched);
	int result = 0;
	for (size_t i = 0; i < n && result == 0; i++)
		result = settle_item(im, order[i].id, order[i].flags & TOUCHED_CREATED,
		                     &order[i].action, error);
	for (size_t i = 0; i < n && result == 0; i++)
		result = write_item_text(im->store, order[i].id, order[i].action, error);
	free(order);
	return result;
}

static int finish_digest_row(struct import *im, char **error)
{
	sqlite3_stmt *stmt = prepare(im->store,
		"UPDATE digests SET item_count ="
		" (SELECT count(*) FROM mentions WHERE digest_id = ?1) WHERE id = ?1");
	if (!stmt)
		return db_fail(im->store, error);
	sqlite3_bind_int64(stmt, 1, im->digest_id);
	if (run(im->store, stmt, error) < 0)
		return -1;
	im->result->mentions = (int)count_digest_mentions(im->store, im->digest_id);
	return 0;
}

int store_import_digest(struct store *store, int64_t source_id, const char *location,
                        const char *raw, size_t raw_len, const struct digest *digest,
                        struct store_import_result *result, char **error)
{
	struct store_import_result ignored;
	if (!result)
		result = &ignored;
	memset(result, 0, sizeof *result);
	if (refuse_read_only(store, error) < 0)
		return -1;
	if (!location || !*location || !digest)
		return fail(error, xstrdup(_("a digest needs a location and content")));

	char hash[17], old_hash[17];
	content_hash(raw ? raw : "", raw ? raw_len : 0, hash);

	struct import im = {
		.store = store,
		.source_id = source_id,
		.digest = digest,
		.result = result,
	};
	now_iso(im.now);

	/* One transaction: a process killed halfway leaves the previous
	 * version of everything. */
	if (exec_sql(store, "BEGIN IMMEDIATE", error) < 0)
		return -1;
	if (find_digest(store, location, &im.digest_id, old_hash, error) < 0)
		goto failed;
	if (im.digest_id && strcmp(hash, old_hash) == 0) {
		result->unchanged = true;
		result->digest_id = im.digest_id;
		result->mentions = (int)count_digest_mentions(store, im.digest_id);
		rollback(store);        /* nothing was written */
		return 0;
	}

	id_set_init(&im.touched);
	if ((im.digest_id && remember_old_items(&im, error) < 0) ||
	    write_digest_row(&im, location, raw, raw_len, hash, error) < 0 ||
	    delete_digest_contents(&im, error) < 0 ||
	    import_items(&im, error) < 0 ||
	    settle_items(&im, error) < 0 ||
	    finish_digest_row(&im, error) < 0) {
		id_set_free(&im.touched);
		goto failed;
	}
	id_set_free(&im.touched);
	if (exec_sql(store, "COMMIT", error) < 0)
		goto failed;
	result->digest_id = im.digest_id;
	return 0;

failed:
	rollback(store);
	{
		struct store_import_result empty = { 0 };
		*result = empty;
	}
	return -1;
}

/* A mark is what the reader did by hand: make it durable at once (a full
 * sync of the WAL), not just safe from a crash of radar itself. */
static int set_mark(struct store *store, const char *sql, int64_t item_id, bool on, char **error)
{
	if (refuse_read_only(store, error) < 0)
		return -1;
	char now[32];
	now_iso(now);
	sqlite3_stmt *stmt = prepare(store, sql);
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, item_id);
	sqlite3_bind_int(stmt, 2, on ? 1 : 0);
	bind_text(stmt, 3, now);
	sqlite3_exec(store->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
	int rc = run(store, stmt, error);
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

int store_set_read_many(struct store *store, const int64_t *item_ids, size_t count, bool read,
                        char **error)
{
	if (refuse_read_only(store, error) < 0)
		return -1;
	if (count == 0)
		return 0;
	char now[32];
	now_iso(now);
	sqlite3_exec(store->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
	int result = exec_sql(store, "BEGIN IMMEDIATE", error);
	for (size_t i = 0; i < count && result == 0; i++) {
		sqlite3_stmt *stmt = prepare(store,
			"UPDATE items SET read = ?2, read_at = CASE WHEN ?2 THEN ?3 END"
			" WHERE id = ?1 AND read <> ?2");
		if (!stmt) {
			result = db_fail(store, error);
			break;
		}
		sqlite3_bind_int64(stmt, 1, item_ids[i]);
		sqlite3_bind_int(stmt, 2, read ? 1 : 0);
		bind_text(stmt, 3, now);
		result = run(store, stmt, error);
	}
	if (result == 0)
		result = exec_sql(store, "COMMIT", error);
	if (result < 0)
		rollback(store);
	sqlite3_exec(store->db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
	return result;
}

int store_digest_unchanged(struct store *store, const char *location, const char *raw,
                           size_t raw_len, bool *unchanged, char **error)
{
	*unchanged = false;
	char hash[17], old_hash[17];
	int64_t id;
	content_hash(raw ? raw : "", raw ? raw_len : 0, hash);
	if (find_digest(store, location, &id, old_hash, error) < 0)
		return -1;
	*unchanged = id && strcmp(hash, old_hash) == 0;
	return 0;
}

int store_get_validators(struct store *store, const char *location, char **etag,
                         char **last_modified, char **error)
{
	*etag = NULL;
	*last_modified = NULL;
	sqlite3_stmt *stmt = prepare(store, "SELECT etag, last_modified FROM digests WHERE location = ?1");
	if (!stmt)
		return db_fail(store, error);
	bind_text(stmt, 1, location);
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW)
		return step_error(store, stmt, rc, error) < 0 ? -1 : 1;
	*etag = column_text(stmt, 0);
	*last_modified = column_text(stmt, 1);
	finish(stmt);
	return 0;
}

int store_set_validators(struct store *store, const char *location, const char *etag,
                         const char *last_modified, char **error)
{
	if (refuse_read_only(store, error) < 0)
		return -1;
	sqlite3_stmt *stmt = prepare(store,
		"UPDATE digests SET etag = ?2, last_modified = ?3 WHERE location = ?1");
	if (!stmt)
		return db_fail(store, error);
	bind_text(stmt, 1, location);
	bind_optional(stmt, 2, etag);
	bind_optional(stmt, 3, last_modified);
	if (run(store, stmt, error) < 0)
		return -1;
	return sqlite3_changes(store->db) > 0 ? 0 : 1;
}

int store_source_record_fetch(struct store *store, int64_t source_id, const char *fetch_error,
                              char **error)
{
	if (refuse_read_only(store, error) < 0)
		return -1;
	char now[32];
	now_iso(now);
	sqlite3_stmt *stmt = prepare(store, fetch_error
		? "UPDATE sources SET last_error = ?2 WHERE id = ?1"
		: "UPDATE sources SET last_ok = ?3, last_error = NULL WHERE id = ?1");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, source_id);
	if (fetch_error)
		bind_text(stmt, 2, fetch_error);
	else
		bind_text(stmt, 3, now);
	return run(store, stmt, error);
}

/* ------------------------------------------------------------------ reading */

void item_filter_init(struct item_filter *filter)
{
	memset(filter, 0, sizeof *filter);
	filter->kind = -1;
	filter->sort = SORT_NEWEST;
}

/* Values for the "?" of a query built from fixed fragments, in order.
 * User text only ever travels here, never into the SQL text. */
struct sql_args {
	struct sql_arg {
		bool is_text;
		int64_t number;
		char *text;
	} *items;
	size_t count, capacity;
};

static void arg_text(struct sql_args *args, char *owned_text)
{
	args->items = xgrow(args->items, &args->capacity, args->count + 1, sizeof *args->items);
	args->items[args->count++] = (struct sql_arg){ .is_text = true, .text = owned_text };
}

static void arg_int(struct sql_args *args, int64_t number)
{
	args->items = xgrow(args->items, &args->capacity, args->count + 1, sizeof *args->items);
	args->items[args->count++] = (struct sql_arg){ .number = number };
}

static void args_free(struct sql_args *args)
{
	for (size_t i = 0; i < args->count; i++)
		free(args->items[i].text);
	free(args->items);
}

static void bind_args(sqlite3_stmt *stmt, const struct sql_args *args)
{
	for (size_t i = 0; i < args->count; i++) {
		if (args->items[i].is_text)
			bind_text(stmt, (int)i + 1, args->items[i].text);
		else
			sqlite3_bind_int64(stmt, (int)i + 1, args->items[i].number);
	}
}

static void add_condition(struct strbuf *where, const char *condition)
{
	strbuf_puts(where, where->len ? " AND " : " WHERE ");
	strbuf_puts(where, condition);
}

static bool is_space_at(const char *s, size_t *width)
{
	unsigned char c = (unsigned char)*s;
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
		*width = 1;
		return true;
	}
	/* U+3000 IDEOGRAPHIC SPACE, common between words of a Chinese query */
	if (c == 0xe3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80) {
		*width = 3;
		return true;
	}
	return false;
}

static size_t utf8_chars(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

/* The search condition.  Each whitespace-separated word is a literal
 * substring that must occur: words of 3+ characters go to the trigram index
 * as quoted FTS5 strings (so quotes, parentheses, AND/OR/NOT, '*', '-' mean
 * nothing), shorter ones (two Chinese characters are a word) are matched
 * with LIKE, which the trigram index cannot answer. */
static void search_condition(const char *query, struct strbuf *where, struct sql_args *args)
{
	struct strbuf match, like;
	strbuf_init(&match);
	strbuf_init(&like);
	struct sql_args like_args = { 0 };
	const char *p = query;
	for (;;) {
		size_t width;
		while (*p && is_space_at(p, &width))
			p += width;
		if (!*p)
			break;
		const char *start = p;
		while (*p && !is_space_at(p, &width))
			p++;
		size_t len = (size_t)(p - start);
		if (utf8_chars(start, len) >= 3) {
			if (match.len)
				strbuf_putc(&match, ' ');
			strbuf_putc(&match, '"');
			for (size_t i = 0; i < len; i++) {
				if (start[i] == '"')
					strbuf_putc(&match, '"');
				strbuf_putc(&match, start[i]);
			}
			strbuf_putc(&match, '"');
		} else {
			struct strbuf pattern;
			strbuf_init(&pattern);
			strbuf_putc(&pattern, '%');
			for (size_t i = 0; i < len; i++) {
				if (start[i] == '%' || start[i] == '_' || start[i] == '\\')
					strbuf_putc(&pattern, '\\');
				strbuf_putc(&pattern, start[i]);
			}
			strbuf_putc(&pattern, '%');
			if (like.len)
				strbuf_puts(&like, " AND ");
			strbuf_puts(&like, "(title LIKE ? ESCAPE '\\' OR text LIKE ? ESCAPE '\\')");
			arg_text(&like_args, xstrdup(pattern.data));
			arg_text(&like_args, strbuf_detach(&pattern));
			strbuf_free(&pattern);
		}
	}
	if (match.len || like.len) {
		struct strbuf condition;
		strbuf_init(&condition);
		strbuf_puts(&condition, "i.id IN (SELECT rowid FROM items_fts WHERE ");
		if (match.len) {
			strbuf_puts(&condition, "items_fts MATCH ?");
			arg_text(args, strbuf_detach(&match));
			if (like.len)
				strbuf_puts(&condition, " AND ");
		}
		strbuf_puts(&condition, like.data);
		strbuf_putc(&condition, ')');
		for (size_t i = 0; i < like_args.count; i++) {
			arg_text(args, like_args.items[i].text);
			like_args.items[i].text = NULL;
		}
		add_condition(where, condition.data);
		strbuf_free(&condition);
	}
	args_free(&like_args);
	strbuf_free(&match);
	strbuf_free(&like);
}

static int filter_sql(struct store *store, const struct item_filter *filter,
                      struct strbuf *where, struct sql_args *args, char **error)
{
	if (filter->kind >= KIND_COUNT || filter->kind < -1)
		return fail(error, xasprintf(_("cache %s: unknown item kind %d"), store->path, filter->kind));
	if (filter->kind >= 0) {
		/* Its own kind, or the kind of anything it links: an article
		 * that links a paper is found among papers too. */
		add_condition(where, "instr(i.kinds, ?) > 0");
		arg_text(args, xasprintf(",%s,", kind_names[filter->kind]));
	}
	if (filter->tag) {
		add_condition(where, "i.id IN (SELECT item_id FROM tags WHERE tag = ?)");
		arg_text(args, xstrdup(filter->tag));
	}
	if (filter->source) {
		add_condition(where, "i.id IN (SELECT m.item_id FROM mentions m"
		              " JOIN digests d ON d.id = m.digest_id"
		              " WHERE d.source_id = (SELECT id FROM sources WHERE name = ?))");
		arg_text(args, xstrdup(filter->source));
	}
	if (filter->search)
		search_condition(filter->search, where, args);
	if (filter->since && *filter->since) {
		add_condition(where, "i.sort_date >= ?");
		arg_text(args, xstrdup(filter->since));
	}
	/* Literal constants, so the partial indexes apply. */
	if (filter->unread_only)
		add_condition(where, "i.read = 0");
	if (filter->starred_only)
		add_condition(where, "i.starred = 1");
	return 0;
}

struct sort_sql {
	const char *order;          /* list order */
	const char *reverse;        /* the opposite */
	const char *after;          /* rows after the anchor in list order */
	const char *before;
};

static const struct sort_sql sorts[] = {
	[SORT_NEWEST] = {
		"i.sort_date DESC, i.id DESC",
		"i.sort_date ASC, i.id ASC",
		"(i.sort_date, i.id) < (?, ?)",
		"(i.sort_date, i.id) > (?, ?)",
	},
	[SORT_MENTIONS] = {
		"i.mention_count DESC, i.sort_date DESC, i.id DESC",
		"i.mention_count ASC, i.sort_date ASC, i.id ASC",
		"(i.mention_count, i.sort_date, i.id) < (?, ?, ?)",
		"(i.mention_count, i.sort_date, i.id) > (?, ?, ?)",
	},
	/* The COLLATE on the right-hand value is what lets the NOCASE index
	 * serve the row-value comparison. */
	[SORT_TITLE] = {
		"i.title COLLATE NOCASE ASC, i.id ASC",
		"i.title COLLATE NOCASE DESC, i.id DESC",
		"(i.title, i.id) > (? COLLATE NOCASE, ?)",
		"(i.title, i.id) < (? COLLATE NOCASE, ?)",
	},
};

static const struct sort_sql *sort_of(const struct item_filter *filter)
{
	unsigned sort = (unsigned)filter->sort;
	return sort < sizeof sorts / sizeof sorts[0] ? &sorts[sort] : &sorts[SORT_NEWEST];
}

/* Where an item sits in each sort order. */
struct sort_key {
	char *sort_date;
	int64_t mentions;
	char *title;
	int64_t id;
};

static void sort_key_free(struct sort_key *key)
{
	free(key->sort_date);
	free(key->title);
}

static void anchor_args(const struct item_filter *filter, const struct sort_key *key,
                        struct sql_args *args)
{
	switch (filter->sort) {
	case SORT_MENTIONS:
		arg_int(args, key->mentions);
		arg_text(args, xstrdup(key->sort_date));
		break;
	case SORT_TITLE:
		arg_text(args, xstrdup(key->title));
		break;
	case SORT_NEWEST:
	default:
		arg_text(args, xstrdup(key->sort_date));
		break;
	}
	arg_int(args, key->id);
}

/* The current sort key of item ID; FOUND false when it is gone. */
static int load_sort_key(struct store *store, int64_t id, struct sort_key *key, bool *found,
                         char **error)
{
	sqlite3_stmt *stmt = prepare(store,
		"SELECT sort_date, mention_count, title FROM items WHERE id = ?1");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, id);
	int rc = sqlite3_step(stmt);
	*found = rc == SQLITE_ROW;
	if (*found) {
		key->sort_date = column_text_or_empty(stmt, 0);
		key->mentions = sqlite3_column_int64(stmt, 1);
		key->title = column_text_or_empty(stmt, 2);
		key->id = id;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		char *message = db_message(store);
		finish(stmt);
		return fail(error, message);
	}
	finish(stmt);
	return 0;
}

/* The source name is a scalar subquery, not a LEFT JOIN: with a join the
 * planner (given ANALYZE statistics) chose to sort the whole table instead
 * of walking the index that already has the list order. */
#define ROW_COLUMNS \
	"i.id, i.key, i.kind, i.title, i.url, i.date, i.first_seen," \
	" (SELECT name FROM sources WHERE id = i.first_source_id)," \
	" i.read, i.starred, i.mention_count"
#define ROW_FROM " FROM items i"

static void read_row(sqlite3_stmt *stmt, struct item_row *row)
{
	row->id = sqlite3_column_int64(stmt, 0);
	row->key = column_text_or_empty(stmt, 1);
	row->kind = kind_from_text((const char *)sqlite3_column_text(stmt, 2));
	row->title = column_text_or_empty(stmt, 3);
	row->url = column_text(stmt, 4);
	row->date = column_text(stmt, 5);
	row->first_seen = column_text_or_empty(stmt, 6);
	row->source = column_text(stmt, 7);
	row->read = sqlite3_column_int(stmt, 8) != 0;
	row->starred = sqlite3_column_int(stmt, 9) != 0;
	row->mentions = sqlite3_column_int(stmt, 10);
}

static void item_row_clear(struct item_row *row)
{
	free(row->key);
	free(row->title);
	free(row->url);
	free(row->date);
	free(row->first_seen);
	free(row->source);
}

void item_rows_free(struct item_row *rows, size_t count)
{
	if (!rows)
		return;
	for (size_t i = 0; i < count; i++)
		item_row_clear(&rows[i]);
	free(rows);
}

/* Run a built row query and collect up to LIMIT rows. */
static int collect_rows(struct store *store, const char *sql, const struct sql_args *args,
                        int limit, struct item_row **rows, size_t *row_count, char **error)
{
	sqlite3_stmt *stmt = prepare(store, sql);
	if (!stmt)
		return db_fail(store, error);
	bind_args(stmt, args);
	size_t capacity = 0, count = 0;
	struct item_row *out = NULL;
	int rc;
	while (count < (size_t)limit && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		out = xgrow(out, &capacity, count + 1, sizeof *out);
		read_row(stmt, &out[count++]);
	}
	if (count < (size_t)limit && rc != SQLITE_DONE) {
		char *message = db_message(store);
		finish(stmt);
		item_rows_free(out, count);
		return fail(error, message);
	}
	finish(stmt);
	*rows = out;
	*row_count = count;
	return 0;
}

int store_count_items(struct store *store, const struct item_filter *filter,
                      int64_t *count, char **error)
{
	struct strbuf sql;
	struct sql_args args = { 0 };
	strbuf_init(&sql);
	strbuf_puts(&sql, "SELECT count(*) FROM items i");
	struct strbuf where;
	strbuf_init(&where);
	int result = -1;
	if (filter_sql(store, filter, &where, &args, error) < 0)
		goto out;
	strbuf_puts(&sql, where.data);
	sqlite3_stmt *stmt = prepare(store, sql.data);
	if (!stmt) {
		db_fail(store, error);
		goto out;
	}
	bind_args(stmt, &args);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		char *message = db_message(store);
		finish(stmt);
		fail(error, message);
		goto out;
	}
	*count = sqlite3_column_int64(stmt, 0);
	finish(stmt);
	result = 0;
out:
	strbuf_free(&where);
	strbuf_free(&sql);
	args_free(&args);
	return result;
}

int store_list_items(struct store *store, const struct item_filter *filter,
                     int64_t offset, int limit, struct item_row **rows, size_t *row_count,
                     char **error)
{
	*rows = NULL;
	*row_count = 0;
	if (limit <= 0)
		return 0;
	if (offset < 0)
		offset = 0;
	struct strbuf sql, where;
	struct sql_args args = { 0 };
	strbuf_init(&sql);
	strbuf_init(&where);
	int result = -1;
	if (filter_sql(store, filter, &where, &args, error) < 0)
		goto out;
	strbuf_printf(&sql, "SELECT " ROW_COLUMNS ROW_FROM "%s ORDER BY %s LIMIT ? OFFSET ?",
	              where.data, sort_of(filter)->order);
	arg_int(&args, limit);
	arg_int(&args, offset);
	result = collect_rows(store, sql.data, &args, limit, rows, row_count, error);
out:
	strbuf_free(&where);
	strbuf_free(&sql);
	args_free(&args);
	return result;
}

/* Keyset paging in tiers.  A row-value comparison such as
 * (sort_date, id) < (?, ?) lets SQLite seek on sort_date only, so every page
 * inside a long run of equal dates (one big digest) rescans the run.  Each
 * tier below is a plain equality-prefix + one inequality, which the index
 * serves with a single seek: first the rows that share the anchor's leading
 * key, then the rows past it. */
struct sort_tiers {
	int key_count;                  /* values in the sort key, id last */
	const char *after[3];           /* tier conditions, longest prefix first */
	const char *before[3];
};

static const struct sort_tiers tiers[] = {
	[SORT_NEWEST] = { 2,
		{ "i.sort_date = ? AND i.id < ?", "i.sort_date < ?" },
		{ "i.sort_date = ? AND i.id > ?", "i.sort_date > ?" } },
	[SORT_MENTIONS] = { 3,
		{ "i.mention_count = ? AND i.sort_date = ? AND i.id < ?",
		  "i.mention_count = ? AND i.sort_date < ?", "i.mention_count < ?" },
		{ "i.mention_count = ? AND i.sort_date = ? AND i.id > ?",
		  "i.mention_count = ? AND i.sort_date > ?", "i.mention_count > ?" } },
	[SORT_TITLE] = { 2,
		{ "i.title = ? COLLATE NOCASE AND i.id > ?", "i.title > ? COLLATE NOCASE" },
		{ "i.title = ? COLLATE NOCASE AND i.id < ?", "i.title < ? COLLATE NOCASE" } },
};

/* The first COUNT values of the anchor's sort key, in sort order. */
static void key_prefix_args(const struct item_filter *filter, const struct sort_key *key,
                            int count, struct sql_args *args)
{
	struct sql_args all = { 0 };
	anchor_args(filter, key, &all);
	for (int i = 0; i < count && (size_t)i < all.count; i++) {
		if (all.items[i].is_text)
			arg_text(args, all.items[i].text);
		else
			arg_int(args, all.items[i].number);
		all.items[i].text = NULL;
	}
	args_free(&all);
}

int store_list_items_from(struct store *store, const struct item_filter *filter,
                          const struct item_row *anchor, bool forward, int limit,
                          struct item_row **rows, size_t *row_count, char **error)
{
	*rows = NULL;
	*row_count = 0;
	if (limit <= 0)
		return 0;
	const struct sort_sql *sort = sort_of(filter);
	unsigned sort_index = (unsigned)filter->sort < sizeof tiers / sizeof tiers[0]
	                      ? (unsigned)filter->sort : SORT_NEWEST;
	const struct sort_tiers *tier = &tiers[sort_index];
	struct sort_key key = { 0 };
	int result = -1;
	int tier_count = 1;
	if (anchor) {
		/* Page from where the anchor is now; if it was removed, from
		 * where it was. */
		bool found;
		if (load_sort_key(store, anchor->id, &key, &found, error) < 0)
			goto out;
		if (!found) {
			key.sort_date = xstrdup(anchor->date ? anchor->date
			                        : anchor->first_seen ? anchor->first_seen : "");
			key.mentions = anchor->mentions;
			key.title = xstrdup(anchor->title ? anchor->title : "");
			key.id = anchor->id;
		}
		tier_count = tier->key_count;
	}
	for (int t = 0; t < tier_count && (int)*row_count < limit; t++) {
		struct strbuf sql, where;
		struct sql_args args = { 0 };
		strbuf_init(&sql);
		strbuf_init(&where);
		int status = filter_sql(store, filter, &where, &args, error);
		if (status >= 0) {
			if (anchor) {
				add_condition(&where, forward ? tier->after[t] : tier->before[t]);
				key_prefix_args(filter, &key, tier->key_count - t, &args);
			}
			strbuf_printf(&sql, "SELECT " ROW_COLUMNS ROW_FROM "%s ORDER BY %s LIMIT ?",
			              where.data, forward ? sort->order : sort->reverse);
			arg_int(&args, limit - (int)*row_count);
			struct item_row *page = NULL;
			size_t page_count = 0;
			status = collect_rows(store, sql.data, &args, limit - (int)*row_count, &page,
			                      &page_count, error);
			if (status >= 0 && page_count) {
				*rows = xrealloc(*rows, (*row_count + page_count) * sizeof **rows);
				memcpy(*rows + *row_count, page, page_count * sizeof *page);
				*row_count += page_count;
			}
			free(page);
		}
		strbuf_free(&where);
		strbuf_free(&sql);
		args_free(&args);
		if (status < 0) {
			item_rows_free(*rows, *row_count);
			*rows = NULL;
			*row_count = 0;
			goto out;
		}
	}
	if (!forward) {
		for (size_t i = 0, j = *row_count; i + 1 < j; i++, j--) {
			struct item_row tmp = (*rows)[i];
			(*rows)[i] = (*rows)[j - 1];
			(*rows)[j - 1] = tmp;
		}
	}
	result = 0;
out:
	sort_key_free(&key);
	return result;
}

int store_item_position(struct store *store, const struct item_filter *filter,
                        int64_t item_id, int64_t *position, char **error)
{
	*position = -1;
	struct strbuf sql, where;
	struct sql_args args = { 0 };
	struct sort_key key = { 0 };
	strbuf_init(&sql);
	strbuf_init(&where);
	int result = -1;
	if (filter_sql(store, filter, &where, &args, error) < 0)
		goto out;

	/* Is it in the list at all? */
	strbuf_printf(&sql, "SELECT 1 FROM items i%s%s i.id = ?", where.data,
	              where.len ? " AND" : " WHERE");
	arg_int(&args, item_id);
	sqlite3_stmt *stmt = prepare(store, sql.data);
	if (!stmt) {
		db_fail(store, error);
		goto out;
	}
	bind_args(stmt, &args);
	int rc = sqlite3_step(stmt);
	finish(stmt);
	if (rc == SQLITE_DONE) {
		result = 0;
		goto out;
	}
	if (rc != SQLITE_ROW) {
		db_fail(store, error);
		goto out;
	}
	bool found;
	if (load_sort_key(store, item_id, &key, &found, error) < 0)
		goto out;
	if (!found) {
		result = 0;
		goto out;
	}

	/* Count what comes before it. */
	args.count--;
	add_condition(&where, sort_of(filter)->before);
	anchor_args(filter, &key, &args);
	strbuf_reset(&sql);
	strbuf_printf(&sql, "SELECT count(*) FROM items i%s", where.data);
	stmt = prepare(store, sql.data);
	if (!stmt) {
		db_fail(store, error);
		goto out;
	}
	bind_args(stmt, &args);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		char *message = db_message(store);
		finish(stmt);
		fail(error, message);
		goto out;
	}
	*position = sqlite3_column_int64(stmt, 0);
	finish(stmt);
	result = 0;
out:
	sort_key_free(&key);
	strbuf_free(&where);
	strbuf_free(&sql);
	args_free(&args);
	return result;
}

/* ------------------------------------------------------------------ details */

static int load_tags(struct store *store, struct item_detail *out, char **error)
{
	sqlite3_stmt *stmt = prepare(store,
		"SELECT tag FROM tags WHERE item_id = ?1 GROUP BY tag ORDER BY min(rowid)");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, out->row.id);
	size_t capacity = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		out->tags = xgrow(out->tags, &capacity, out->tag_count + 1, sizeof *out->tags);
		out->tags[out->tag_count++] = column_text_or_empty(stmt, 0);
	}
	return step_error(store, stmt, rc, error);
}

static int load_links(struct store *store, struct item_detail *out, char **error)
{
	/* One entry per URL (several digests link the same thing), the main
	 * link first, then in the order the digests gave them. */
	sqlite3_stmt *stmt = prepare(store,
		"SELECT l.url, l.text, l.kind, l.key, min(l.id) AS first"
		" FROM links l WHERE l.item_id = ?1 GROUP BY l.url"
		" ORDER BY l.url IS NOT (SELECT url FROM items WHERE id = ?1), first");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, out->row.id);
	size_t capacity = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		out->links = xgrow(out->links, &capacity, out->link_count + 1, sizeof *out->links);
		struct item_link *link = &out->links[out->link_count++];
		link->url = column_text_or_empty(stmt, 0);
		link->text = column_text_or_empty(stmt, 1);
		link->kind = kind_from_text((const char *)sqlite3_column_text(stmt, 2));
		link->key = column_text(stmt, 3);
	}
	return step_error(store, stmt, rc, error);
}

static int load_mentions(struct store *store, struct item_detail *out, char **error)
{
	sqlite3_stmt *stmt = prepare(store,
		"SELECT m.digest_id, d.title, d.location, d.date, s.name, m.section, m.markdown"
		" FROM mentions m JOIN digests d ON d.id = m.digest_id"
		" LEFT JOIN sources s ON s.id = d.source_id"
		" WHERE m.item_id = ?1 ORDER BY d.sort_date, d.id");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, out->row.id);
	size_t capacity = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		out->mentions = xgrow(out->mentions, &capacity, out->mention_count + 1,
		                      sizeof *out->mentions);
		struct item_mention *m = &out->mentions[out->mention_count++];
		m->digest_id = sqlite3_column_int64(stmt, 0);
		m->digest_title = column_text_or_empty(stmt, 1);
		m->digest_location = column_text_or_empty(stmt, 2);
		m->digest_date = column_text(stmt, 3);
		m->source = column_text_or_empty(stmt, 4);
		m->section = column_text_or_empty(stmt, 5);
		m->markdown = column_text_or_empty(stmt, 6);
	}
	return step_error(store, stmt, rc, error);
}

int store_get_item(struct store *store, int64_t item_id, struct item_detail *out, char **error)
{
	memset(out, 0, sizeof *out);
	/* One read transaction, so the parts agree with each other even while
	 * another connection imports. */
	bool own_transaction = sqlite3_get_autocommit(store->db) &&
	                       sqlite3_exec(store->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
	int result = 0;
	sqlite3_stmt *stmt = prepare(store,
		"SELECT " ROW_COLUMNS ", i.summary, i.authors" ROW_FROM " WHERE i.id = ?1");
	if (!stmt) {
		result = db_fail(store, error);
		goto out;
	}
	sqlite3_bind_int64(stmt, 1, item_id);
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		result = step_error(store, stmt, rc, error) < 0 ? -1 : 1;
		goto out;
	}
	read_row(stmt, &out->row);
	out->summary = column_text(stmt, 11);
	out->authors = column_text(stmt, 12);
	finish(stmt);
	if (load_tags(store, out, error) < 0 || load_links(store, out, error) < 0 ||
	    load_mentions(store, out, error) < 0)
		result = -1;
out:
	if (own_transaction)
		sqlite3_exec(store->db, "COMMIT", NULL, NULL, NULL);
	if (result < 0)
		item_detail_free(out);
	return result;
}

void item_detail_free(struct item_detail *detail)
{
	if (!detail)
		return;
	item_row_clear(&detail->row);
	free(detail->summary);
	free(detail->authors);
	for (size_t i = 0; i < detail->tag_count; i++)
		free(detail->tags[i]);
	free(detail->tags);
	for (size_t i = 0; i < detail->link_count; i++) {
		free(detail->links[i].url);
		free(detail->links[i].text);
		free(detail->links[i].key);
	}
	free(detail->links);
	for (size_t i = 0; i < detail->mention_count; i++) {
		struct item_mention *m = &detail->mentions[i];
		free(m->digest_title);
		free(m->digest_location);
		free(m->digest_date);
		free(m->source);
		free(m->section);
		free(m->markdown);
	}
	free(detail->mentions);
	memset(detail, 0, sizeof *detail);
}

/* ------------------------------------------------------------------ digests */

int store_list_digests(struct store *store, int64_t offset, int limit,
                       struct digest_row **rows, size_t *row_count, char **error)
{
	*rows = NULL;
	*row_count = 0;
	if (limit <= 0)
		return 0;
	sqlite3_stmt *stmt = prepare(store,
		"SELECT d.id, s.name, d.location, d.title, d.date, d.description, d.item_count"
		" FROM digests d LEFT JOIN sources s ON s.id = d.source_id"
		" ORDER BY d.sort_date DESC, d.id DESC LIMIT ?1 OFFSET ?2");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int(stmt, 1, limit);
	sqlite3_bind_int64(stmt, 2, offset < 0 ? 0 : offset);
	size_t capacity = 0, count = 0;
	struct digest_row *out = NULL;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		out = xgrow(out, &capacity, count + 1, sizeof *out);
		struct digest_row *row = &out[count++];
		row->id = sqlite3_column_int64(stmt, 0);
		row->source = column_text_or_empty(stmt, 1);
		row->location = column_text_or_empty(stmt, 2);
		row->title = column_text_or_empty(stmt, 3);
		row->date = column_text(stmt, 4);
		row->description = column_text(stmt, 5);
		row->item_count = sqlite3_column_int(stmt, 6);
	}
	if (step_error(store, stmt, rc, error) < 0) {
		digest_rows_free(out, count);
		return -1;
	}
	*rows = out;
	*row_count = count;
	return 0;
}

int store_get_digest_markdown(struct store *store, int64_t digest_id, char **markdown,
                              size_t *len, char **error)
{
	*markdown = NULL;
	*len = 0;
	sqlite3_stmt *stmt = prepare(store, "SELECT raw FROM digests WHERE id = ?1");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, digest_id);
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW)
		return step_error(store, stmt, rc, error) < 0 ? -1 : 1;
	const char *raw = (const char *)sqlite3_column_text(stmt, 0);
	*len = raw ? (size_t)sqlite3_column_bytes(stmt, 0) : 0;
	*markdown = xmalloc(*len + 1);
	if (*len)
		memcpy(*markdown, raw, *len);
	(*markdown)[*len] = '\0';
	finish(stmt);
	return 0;
}

void digest_rows_free(struct digest_row *rows, size_t count)
{
	if (!rows)
		return;
	for (size_t i = 0; i < count; i++) {
		free(rows[i].source);
		free(rows[i].location);
		free(rows[i].title);
		free(rows[i].date);
		free(rows[i].description);
	}
	free(rows);
}

/* ------------------------------------------------------------------ panes */

int store_list_sources(struct store *store, struct source_row **rows, size_t *row_count,
                       char **error)
{
	*rows = NULL;
	*row_count = 0;
	sqlite3_stmt *stmt = prepare(store,
		"SELECT s.id, s.name, s.location, s.last_ok, s.last_error,"
		" (SELECT count(*) FROM digests d WHERE d.source_id = s.id),"
		" (SELECT count(DISTINCT m.item_id) FROM digests d JOIN mentions m ON m.digest_id = d.id"
		"   WHERE d.source_id = s.id),"
		" (SELECT count(DISTINCT m.item_id) FROM digests d JOIN mentions m ON m.digest_id = d.id"
		"   JOIN items i ON i.id = m.item_id WHERE d.source_id = s.id AND i.read = 0)"
		" FROM sources s ORDER BY s.name");
	if (!stmt)
		return db_fail(store, error);
	size_t capacity = 0, count = 0;
	struct source_row *out = NULL;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		out = xgrow(out, &capacity, count + 1, sizeof *out);
		struct source_row *row = &out[count++];
		row->id = sqlite3_column_int64(stmt, 0);
		row->name = column_text_or_empty(stmt, 1);
		row->location = column_text(stmt, 2);
		row->last_ok = column_text(stmt, 3);
		row->last_error = column_text(stmt, 4);
		row->digests = sqlite3_column_int64(stmt, 5);
		row->items = sqlite3_column_int64(stmt, 6);
		row->unread = sqlite3_column_int64(stmt, 7);
	}
	if (step_error(store, stmt, rc, error) < 0) {
		source_rows_free(out, count);
		return -1;
	}
	*rows = out;
	*row_count = count;
	return 0;
}

void source_rows_free(struct source_row *rows, size_t count)
{
	if (!rows)
		return;
	for (size_t i = 0; i < count; i++) {
		free(rows[i].name);
		free(rows[i].location);
		free(rows[i].last_ok);
		free(rows[i].last_error);
	}
	free(rows);
}

int store_list_tags(struct store *store, int64_t offset, int limit, struct tag_row **rows,
                    size_t *row_count, char **error)
{
	*rows = NULL;
	*row_count = 0;
	if (limit <= 0)
		return 0;
	sqlite3_stmt *stmt = prepare(store,
		"SELECT t.tag, count(DISTINCT t.item_id),"
		" count(DISTINCT CASE WHEN i.read = 0 THEN t.item_id END)"
		" FROM tags t JOIN items i ON i.id = t.item_id"
		" GROUP BY t.tag ORDER BY 2 DESC, t.tag LIMIT ?1 OFFSET ?2");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int(stmt, 1, limit);
	sqlite3_bind_int64(stmt, 2, offset < 0 ? 0 : offset);
	size_t capacity = 0, count = 0;
	struct tag_row *out = NULL;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		out = xgrow(out, &capacity, count + 1, sizeof *out);
		out[count].tag = column_text_or_empty(stmt, 0);
		out[count].items = sqlite3_column_int64(stmt, 1);
		out[count].unread = sqlite3_column_int64(stmt, 2);
		count++;
	}
	if (step_error(store, stmt, rc, error) < 0) {
		tag_rows_free(out, count);
		return -1;
	}
	*rows = out;
	*row_count = count;
	return 0;
}

void tag_rows_free(struct tag_row *rows, size_t count)
{
	if (!rows)
		return;
	for (size_t i = 0; i < count; i++)
		free(rows[i].tag);
	free(rows);
}

int store_count_kinds(struct store *store, int64_t items[KIND_COUNT], int64_t unread[KIND_COUNT],
                      char **error)
{
	for (int k = 0; k < KIND_COUNT; k++)
		items[k] = unread[k] = 0;
	/* A few distinct kind sets: group on the (kinds, read) index, then
	 * spread each group over its kinds here. */
	sqlite3_stmt *stmt = prepare(store,
		"SELECT kinds, read, count(*) FROM items GROUP BY kinds, read");
	if (!stmt)
		return db_fail(store, error);
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *kinds = (const char *)sqlite3_column_text(stmt, 0);
		bool is_unread = sqlite3_column_int(stmt, 1) == 0;
		int64_t n = sqlite3_column_int64(stmt, 2);
		for (int k = 0; kinds && k < KIND_COUNT; k++) {
			size_t len = strlen(kind_names[k]);
			for (const char *p = strstr(kinds, kind_names[k]); p; p = strstr(p + 1, kind_names[k])) {
				if (p > kinds && p[-1] == ',' && p[len] == ',') {
					items[k] += n;
					if (is_unread)
						unread[k] += n;
					break;
				}
			}
		}
	}
	return step_error(store, stmt, rc, error);
}
