/* A search's index rows held in memory for one query: the sorted rowids a
 * MATCH gives (rowset_collect) and the SQL function radar_rowset_has(set,
 * id) a list's walk asks of each mention (query.c, for a prefix search).
 * Why not SQL's own "m.id IN (SELECT rowid ...)": SQLite copies the
 * subquery's rows into a temporary b-tree first, and at 10^6 items a
 * one-character query's 570k rows took ~60 ms to insert there, twice what
 * reading them from FTS5 costs; FTS5 gives them in rowid order, so an
 * array and a binary search do.  Asking FTS5 per mention instead (rowid =
 * m.id, query.c's probe plan) is cheap for exact words but not for a
 * prefix, which FTS5 answers by merging every term's whole list each time
 * (4-5 s for a page). */
#include <config.h>

#include <stdlib.h>

#include <sqlite3.h>

#include "store/internal.h"
#include "xalloc.h"

/* sqlite3_bind_pointer's type name: only a value bound with it is a set. */
#define ROWSET_POINTER "radar_rowset"

struct rowset {
	int64_t *ids;           /* ascending */
	size_t count, capacity;
};

static int compare_ids(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

int rowset_collect(struct store *store, const char *match, struct rowset **out, char **error)
{
	*out = NULL;
	sqlite3_stmt *stmt = db_prepare(store, "SELECT rowid FROM items_fts WHERE items_fts MATCH ?1"
	                                " ORDER BY rowid");
	if (!stmt)
		return db_fail(store, error);
	db_bind_text(stmt, 1, match);
	struct rowset *set = xmalloc(sizeof *set);
	*set = (struct rowset){ .ids = NULL };
	bool sorted = true;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(stmt, 0);
		if (set->count && id <= set->ids[set->count - 1])
			sorted = false;
		set->ids = xgrow(set->ids, &set->capacity, set->count + 1, sizeof *set->ids);
		set->ids[set->count++] = id;
	}
	if (rc != SQLITE_DONE) {
		char *message = db_message(store);
		db_finish(stmt);
		rowset_free(set);
		return db_error(error, message);
	}
	db_finish(stmt);
	/* ORDER BY rowid is FTS5's own order; sorted anyway should a
	 * version not honour it, as the search below needs. */
	if (!sorted && set->count)
		qsort(set->ids, set->count, sizeof *set->ids, compare_ids);
	*out = set;
	return 0;
}

size_t rowset_count(const struct rowset *set)
{
	return set->count;
}

void rowset_free(struct rowset *set)
{
	if (!set)
		return;
	free(set->ids);
	free(set);
}

void rowset_bind(sqlite3_stmt *stmt, int index, struct rowset *set)
{
	sqlite3_bind_pointer(stmt, index, set, ROWSET_POINTER, NULL);
}

/* radar_rowset_has(set, id): 1 when ID is in SET, 0 if not; NULL without a set. */
static void rowset_has_function(sqlite3_context *context, int argc, sqlite3_value **argv)
{
	(void)argc;
	const struct rowset *set = sqlite3_value_pointer(argv[0], ROWSET_POINTER);
	if (!set || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
		sqlite3_result_null(context);
		return;
	}
	int64_t id = sqlite3_value_int64(argv[1]);
	size_t low = 0, high = set->count;
	while (low < high) {
		size_t mid = low + (high - low) / 2;
		if (set->ids[mid] < id)
			low = mid + 1;
		else
			high = mid;
	}
	sqlite3_result_int(context, low < set->count && set->ids[low] == id);
}

int rowset_register_function(struct store *store)
{
	return sqlite3_create_function(store->db, "radar_rowset_has", 2, SQLITE_UTF8, NULL,
	                               rowset_has_function, NULL, NULL) == SQLITE_OK ? 0 : -1;
}
