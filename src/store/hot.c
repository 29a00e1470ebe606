/* The Hot ranking: how many sources mentioned an item in the last N days,
 * recent mentions weighing more.  A source here is a series of digests:
 * the digests of one source (config line, imported directory, "local")
 * whose locations differ only in digits and a #fragment -- the dailies
 * 2026-03-01.md and 2026-03-02.md of one folder or dated URL, issue-41
 * and issue-42, a feed's entries.  Counting digests instead let one daily
 * that repeats an item for five days outrank three publications that
 * each mentioned it once, which is not what "hot" means.
 *
 * Each series mentioning the item in the window adds N + (N - D), D the
 * days since its latest mention there (0 = today; a later date counts as
 * today): with N = 7 a source adds 8 to 14.  So one source never
 * outranks two (2N < 2(N + 1)), and among items with as many sources the
 * more recent ones lead.  The list is ordered by score, then newest, then
 * id, and shows the number of series.
 *
 * The scores live in a TEMP table of the connection (temp.hot), computed
 * from the window's digests only (digests_newest, mentions_digest) and
 * kept until the window, the day or the cache changes, so the sort's
 * ORDER BY and keyset conditions (sorts.h) read fixed values: paging stays
 * exact between pages of one computation. */
#include <config.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "store.h"
#include "store/internal.h"

/* hot_series(source_id, location): the series key of a digest (see the
 * top): the source's id, then the location up to any '#', digits left
 * out.  A SQL function so that the window's GROUP BY stays in SQLite;
 * it runs once per mention of the window's digests, never over the
 * whole cache. */
static void series_function(sqlite3_context *context, int argc, sqlite3_value **argv)
{
	(void)argc;
	const unsigned char *location = sqlite3_value_text(argv[1]);
	size_t len = location ? strcspn((const char *)location, "#") : 0;
	char *key = sqlite3_malloc64(len + 24);
	if (!key) {
		sqlite3_result_error_nomem(context);
		return;
	}
	int at = snprintf(key, 24, "%lld ", (long long)sqlite3_value_int64(argv[0]));
	for (size_t i = 0; i < len; i++)
		if (location[i] < '0' || location[i] > '9')
			key[at++] = (char)location[i];
	sqlite3_result_text(context, key, at, sqlite3_free);
}

int hot_create(struct store *store)
{
	if (sqlite3_create_function(store->db, "hot_series", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	                            series_function, NULL, NULL) != SQLITE_OK)
		return -1;
	return sqlite3_exec(store->db,
		"CREATE TEMP TABLE IF NOT EXISTS hot ("
		"  item_id INTEGER PRIMARY KEY,"
		"  n INTEGER NOT NULL,"
		"  score INTEGER NOT NULL)", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static int64_t data_version(struct store *store)
{
	sqlite3_stmt *stmt = db_prepare(store, "PRAGMA data_version");
	int64_t v = -1;
	if (stmt && sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int64(stmt, 0);
	db_finish(stmt);
	return v;
}

static void local_day(time_t t, char out[11])
{
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int hot_window(struct store *store, const struct item_filter *filter, char today[11],
               char first_day[11], char **error)
{
	int days = filter->hot_days > 0 ? filter->hot_days : HOT_DAYS_DEFAULT;
	if (filter->hot_today && strlen(filter->hot_today) >= 10) {
		memcpy(today, filter->hot_today, 10);
		today[10] = '\0';
	} else {
		local_day(time(NULL), today);
	}
	/* The first day of the window, by the calendar (SQLite's date()). */
	sqlite3_stmt *stmt = db_prepare(store, "SELECT date(?1, printf('-%d days', ?2 - 1))");
	if (!stmt)
		return db_fail(store, error);
	db_bind_text(stmt, 1, today);
	sqlite3_bind_int(stmt, 2, days);
	int rc = sqlite3_step(stmt);
	const unsigned char *first = rc == SQLITE_ROW ? sqlite3_column_text(stmt, 0) : NULL;
	snprintf(first_day, 11, "%s", first ? (const char *)first : today);
	db_finish(stmt);
	return 0;
}

int hot_prepare(struct store *store, const struct item_filter *filter, char **error)
{
	if (filter->sort != SORT_HOT)
		return 0;
	int days = filter->hot_days > 0 ? filter->hot_days : HOT_DAYS_DEFAULT;
	char today[11], cutoff[11];
	if (hot_window(store, filter, today, cutoff, error) < 0)
		return -1;

	int64_t version = data_version(store);
	int64_t changes = sqlite3_total_changes64(store->db);
	if (store->hot_valid && store->hot_days == days && strcmp(store->hot_today, today) == 0
	    && store->hot_data_version == version && store->hot_changes == changes)
		return 0;
	if (db_exec(store, "DELETE FROM temp.hot", error) < 0)
		return -1;
	sqlite3_stmt *stmt = db_prepare(store,
		"INSERT INTO temp.hot (item_id, n, score)"
		" SELECT item_id, count(*), sum(2 * ?1 - age) FROM"
		" (SELECT m.item_id, hot_series(d.source_id, d.location) AS series,"
		"   min(max(0, coalesce(CAST(julianday(?2)"
		"     - julianday(substr(d.sort_date, 1, 10)) AS INTEGER), ?1 - 1))) AS age"
		"  FROM digests d JOIN mentions m ON m.digest_id = d.id"
		"  WHERE d.sort_date >= ?3 GROUP BY m.item_id, series)"
		" GROUP BY item_id");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int(stmt, 1, days);
	db_bind_text(stmt, 2, today);
	db_bind_text(stmt, 3, cutoff);
	if (db_run(store, stmt, error) < 0)
		return -1;
	store->hot_valid = true;
	store->hot_days = days;
	memcpy(store->hot_today, today, sizeof store->hot_today);
	store->hot_data_version = version;
	store->hot_changes = sqlite3_total_changes64(store->db);
	return 0;
}
