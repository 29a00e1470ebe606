/* The Hot ranking: how many digests mentioned an item in the last N days,
 * recent mentions weighing more.  Each mention by a digest dated D days
 * before today (0 = today; a later date counts as today) within the
 * window of N days adds N - D to the item's score: with N = 7, a mention
 * today weighs 7, one six days ago 1.  The list is ordered by score, then
 * newest, then id, and shows the number of those digests.
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

int hot_create(struct store *store)
{
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

int hot_prepare(struct store *store, const struct item_filter *filter, char **error)
{
	if (filter->sort != SORT_HOT && !filter->hot_only)
		return 0;
	int days = filter->hot_days > 0 ? filter->hot_days : HOT_DAYS_DEFAULT;
	char today[11], cutoff[11];
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
	snprintf(cutoff, sizeof cutoff, "%s", first ? (const char *)first : today);
	db_finish(stmt);

	int64_t version = data_version(store);
	int64_t changes = sqlite3_total_changes64(store->db);
	if (store->hot_valid && store->hot_days == days && strcmp(store->hot_today, today) == 0
	    && store->hot_data_version == version && store->hot_changes == changes)
		return 0;
	if (db_exec(store, "DELETE FROM temp.hot", error) < 0)
		return -1;
	stmt = db_prepare(store,
		"INSERT INTO temp.hot (item_id, n, score)"
		" SELECT m.item_id, count(*), sum(?1 - max(0, coalesce(CAST(julianday(?2)"
		"   - julianday(substr(d.sort_date, 1, 10)) AS INTEGER), ?1 - 1)))"
		" FROM digests d JOIN mentions m ON m.digest_id = d.id"
		" WHERE d.sort_date >= ?3 GROUP BY m.item_id");
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
