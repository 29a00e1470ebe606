/* Batches: a bulk import's digests in few, big transactions (store_batch_begin
 * / _end), each digest in a savepoint of its own that it alone undoes,
 * its full-text rows written at the batch's commit, and the main schema's
 * triggers off while the writer keeps the counts itself (tagcount.c).
 * Outside a batch every digest is one transaction.  The writer (writer.c)
 * opens, commits and abandons each digest through batch_digest_*. */
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

#include <sqlite3.h>

#include "store.h"
#include "store/internal.h"
#include "cancel.h"
#include "xalloc.h"

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Main-schema triggers on or off for this connection (a changed setting
 * expires its prepared statements, which SQLite prepares again). */
static void set_triggers(struct store *store, bool on)
{
	int now = 0;
	sqlite3_db_config(store->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, on ? 1 : 0, &now);
}

#define BATCH_AUTOCHECKPOINT "16000" /* pages: 64 MB */
#define BATCH_FTS_HASHSIZE (16 << 20)
#define BATCH_FTS_AUTOMERGE 16
/* FTS5's defaults, which the cache keeps between batches. */
#define FTS_HASHSIZE (1 << 20)
#define FTS_AUTOMERGE 4
/* Pages of merge work per transaction while tidying the index. */
#define TIDY_PAGES 500

/* An FTS5 setting or command (rank is its argument).  Failing changes
 * only how fast the index is written or read, never what it holds. */
static int fts_command(struct store *store, const char *command, int argument)
{
	sqlite3_stmt *stmt = db_prepare(store,
		"INSERT INTO items_fts (items_fts, rank) VALUES (?1, ?2)");
	if (!stmt)
		return -1;
	sqlite3_bind_text(stmt, 1, command, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 2, argument);
	int rc = sqlite3_step(stmt);
	db_finish(stmt);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* FTS5 flushes its pending terms to a new segment every hashsize bytes
 * (or at a commit) and merges a level once it holds automerge segments:
 * in bulk work, bigger flushes and lazier merges, and one tidy merge at
 * the end.  10^5 import: 15.8 s before, 12.9 s after. */
void store_index_bulk_begin(struct store *store)
{
	if (store->read_only)
		return;
	store->batch_index_rows = 0;
	store->batch_reshaped = false;
	fts_command(store, "hashsize", BATCH_FTS_HASHSIZE);
	fts_command(store, "automerge", BATCH_FTS_AUTOMERGE);
}

/* After bulk work: the segments its lazy merges left, merged.  When the
 * batch wrote a quarter of the index or more (a first import, a cold
 * refresh) the whole index is merged into one segment, the fastest to
 * search (10^5, 2-character query: 2.6 ms with FTS5's own merging, 0.6
 * after), at a cost of at most four times the batch's own index writes;
 * otherwise only the levels over FTS_AUTOMERGE segments are, as FTS5
 * would have.  In transactions of TIDY_PAGES pages, so the WAL can be
 * checkpointed between them and a quit (cancel.h) waits for one only. */
void store_index_bulk_end(struct store *store)
{
	if (store->read_only)
		return;
	fts_command(store, "hashsize", FTS_HASHSIZE);
	fts_command(store, "automerge", FTS_AUTOMERGE);
	if (store->batch_index_rows == 0)
		return;
	/* The items, kept in item_counts, stand for the index's rows (one a
	 * mention): count(*) of mentions read a whole index, 60 ms at 10^6. */
	sqlite3_stmt *stmt = db_prepare(store, "SELECT items FROM item_counts WHERE key = ''");
	if (!stmt)
		return;
	int64_t rows = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	db_finish(stmt);
	store->batch_reshaped = store->batch_index_rows * 4 >= rows;
	int pages = store->batch_reshaped ? -TIDY_PAGES : TIDY_PAGES;
	while (!cancel_requested()) {
		int before = sqlite3_total_changes(store->db);
		if (db_exec(store, "BEGIN IMMEDIATE", NULL) < 0)
			return;
		if (fts_command(store, "merge", pages) < 0) {
			db_rollback(store);
			return;
		}
		/* FTS5's documented test: fewer than two rows changed, no work left */
		bool done = sqlite3_total_changes(store->db) - before < 2;
		if (db_exec(store, "COMMIT", NULL) < 0) {
			db_rollback(store);
			return;
		}
		if (done)
			return;
	}
}

int store_batch_begin(struct store *store, char **error)
{
	if (db_refuse_read_only(store, error) < 0)
		return -1;
	store->batch = true;
	store->batch_ms = STORE_BATCH_MS;
	/* A bulk import checkpoints every 64 MB of WAL instead of every 16 MB
	 * (schema.c): the index pages it dirties over and over are copied
	 * into the database a quarter as often (10^5 import, two runs: 7-12%
	 * less wall time, 1-2 s less system time).  The WAL is truncated when
	 * the connection closes. */
	sqlite3_exec(store->db, "PRAGMA wal_autocheckpoint = " BATCH_AUTOCHECKPOINT, NULL,
	             NULL, NULL);
	store_index_bulk_begin(store);
	return 0;
}

/* Writes the index rows the batch's digests wait for, then commits. */
static int batch_commit(struct store *store, char **error)
{
	int result = 0;
	for (size_t i = 0; i < store->unindexed_count && result == 0; i++)
		result = fts_index_digest(store, store->unindexed[i], error);
	store->unindexed_count = 0;
	store->batch_open = false;
	if (result == 0)
		result = db_exec(store, "COMMIT", error);
	if (result < 0)
		db_rollback(store);
	return result;
}

int store_batch_end(struct store *store, char **error)
{
	int result = store->batch_open ? batch_commit(store, error) : 0;
	store->batch = false;
	store_index_bulk_end(store);
	if (store->counting) {
		set_triggers(store, true);
		store->counting = false;
	}
	sqlite3_exec(store->db, "PRAGMA wal_autocheckpoint = " STORE_AUTOCHECKPOINT, NULL,
	             NULL, NULL);
	free(store->unindexed);
	store->unindexed = NULL;
	store->unindexed_count = store->unindexed_capacity = 0;
	return result;
}

static bool is_unindexed(const struct store *store, int64_t digest_id)
{
	for (size_t i = 0; i < store->unindexed_count; i++)
		if (store->unindexed[i] == digest_id)
			return true;
	return false;
}

/* A digest's index rows: now, or at the batch's commit (the list only
 * grows while a digest is imported, so abandoning it truncates the list
 * back; a digest imported twice in a batch is indexed once, as it is at
 * the commit). */
int batch_index_digest(struct store *store, int64_t digest_id, char **error)
{
	if (!store->batch || store->solo)
		return fts_index_digest(store, digest_id, error);
	if (is_unindexed(store, digest_id))
		return 0;
	store->unindexed = xgrow(store->unindexed, &store->unindexed_capacity,
	                         store->unindexed_count + 1, sizeof *store->unindexed);
	store->unindexed[store->unindexed_count++] = digest_id;
	return 0;
}

int batch_remember_digest(struct store *store, int64_t digest_id, struct fts_rows *rows,
                          bool *remembered, char **error)
{
	*remembered = !is_unindexed(store, digest_id);
	return *remembered ? fts_remember_digest(store, digest_id, rows, error) : 0;
}

/* A digest of more than this many items is imported in a transaction of
 * its own even in a batch.  In a savepoint, SQLite's statement journal
 * keeps every page the digest has changed so far, and each statement's end
 * walks that in-memory journal (temp_store = MEMORY) to truncate its own
 * records off it: quadratic in the digest's size, a fifth of the CPU of
 * importing 500-item feeds.  Outside a savepoint the journal holds one
 * statement's pages. */
#define SOLO_ITEMS 100

/* A transaction of the batch.  The writer keeps tag_counts itself in it
 * (tagcount.c) unless marks wait in pending_marks: their trigger applies
 * them when the import creates the item, so that transaction keeps every
 * trigger.  No one else can add pending marks while it holds the lock. */
static int batch_transaction(struct store *store, char **error)
{
	if (db_exec(store, "BEGIN IMMEDIATE", error) < 0)
		return -1;
	sqlite3_stmt *stmt = db_prepare(store, "SELECT EXISTS (SELECT 1 FROM pending_marks)");
	if (!stmt)
		return db_fail(store, error);
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW)
		return db_step_error(store, stmt, rc, error);
	bool counting = sqlite3_column_int(stmt, 0) == 0;
	db_finish(stmt);
	if (counting != store->counting) {
		set_triggers(store, !counting);
		store->counting = counting;
	}
	return 0;
}

int batch_digest_begin(struct store *store, size_t item_count, char **error)
{
	if (!store->batch)
		return db_exec(store, "BEGIN IMMEDIATE", error);
	if (item_count > SOLO_ITEMS) {
		if (store->batch_open && batch_commit(store, error) < 0)
			return -1;
		if (batch_transaction(store, error) < 0) {
			db_rollback(store);
			return -1;
		}
		store->solo = true;
		return 0;
	}
	if (!store->batch_open) {
		if (batch_transaction(store, error) < 0) {
			db_rollback(store);
			return -1;
		}
		store->batch_open = true;
		store->batch_started_ms = now_ms();
	}
	store->unindexed_mark = store->unindexed_count;
	return db_exec(store, "SAVEPOINT digest", error);
}

int batch_digest_commit(struct store *store, char **error)
{
	if (!store->batch)
		return db_exec(store, "COMMIT", error);
	if (store->solo) {
		if (db_exec(store, "COMMIT", error) < 0)
			return -1;              /* digest_abandon rolls it back */
		store->solo = false;
		return 0;
	}
	if (db_exec(store, "RELEASE digest", error) < 0)
		return -1;
	if (now_ms() - store->batch_started_ms < store->batch_ms)
		return 0;
	return batch_commit(store, error);
}

int store_batch_flush(struct store *store, char **error)
{
	if (!store->batch || !store->batch_open)
		return 0;
	return batch_commit(store, error);
}

bool store_batch_is_open(const struct store *store)
{
	return store->batch && (store->batch_open || store->solo);
}

int64_t store_batch_age_ms(const struct store *store)
{
	if (!store->batch || !store->batch_open)
		return -1;
	return now_ms() - store->batch_started_ms;
}

void store_batch_interval(struct store *store, int ms)
{
	store->batch_ms = ms;
}

/* Undoes this digest only, never the digests before it in the batch. */
void batch_digest_abandon(struct store *store)
{
	if (!store->batch || store->solo) {
		store->solo = false;
		db_rollback(store);
		return;
	}
	if (!store->batch_open)
		return;
	store->unindexed_count = store->unindexed_mark;
	if (sqlite3_exec(store->db, "ROLLBACK TO digest; RELEASE digest", NULL, NULL, NULL) != SQLITE_OK) {
		db_rollback(store);
		store->batch_open = false;
		store->unindexed_count = 0;
	}
}
