/* The list's counts per source, per kind and in all (item_counts, schema
 * 10) kept by the writer itself during a bulk import, a digest at a time,
 * as tagcount.c keeps tag_counts.
 *
 * Why: inside a batch the main schema's triggers are off (writer.c says
 * why), so the writer takes off the contributions of the items a digest
 * touches before it changes them and adds them again once they are
 * settled.  An item's contribution is one row for '' (every item), one
 * for each of its kinds and one for each source mentioning it
 * (ITEM_SHOWN and the keys: internal.h), so one statement over a JSON
 * array of ids recounts what a digest changed.  The one change a digest
 * makes to items it does not touch is boilerplate.c's recount of a
 * fingerprint's items (a promo reaching its threshold): their shown state
 * is noted before (temp.count_flips, made at open) and the difference
 * added after. */
#include <config.h>

#include <sqlite3.h>

#include "store/internal.h"

/* (item, key) of the items in IDS, sources without digest ?2's mentions;
 * each pair once (kinds are distinct in items.kinds).  Every table is
 * reached by its key from IDS, through IN and correlated subqueries
 * rather than joins: a cache analyzed (store_optimize) lets SQLite 3.40
 * put a Bloom filter on a join's inner table, built by reading all of it,
 * which made each of these statements 23 ms instead of 0.7 at 10^5 items
 * (a digest of 25), 256 instead of 2.6 for a feed of 500: the work of a
 * changed digest grew with the cache. */
#define KEYED_IDS(ids) \
	"keyed(id, key) AS (" \
	" SELECT id, '' FROM " ids \
	" UNION ALL SELECT i.id, 'k' || k.value FROM items i CROSS JOIN " ITEM_KINDS_EACH("i.kinds") " k" \
	"  WHERE i.id IN (SELECT id FROM " ids ")" \
	" UNION ALL SELECT DISTINCT item_id, 's' || source_id FROM (SELECT m.item_id," \
	"  (SELECT d.source_id FROM digests d WHERE d.id = m.digest_id) AS source_id FROM mentions m" \
	"  WHERE m.item_id IN (SELECT id FROM " ids ") AND m.digest_id IS NOT ?2)" \
	"  WHERE source_id IS NOT NULL)"

int item_counts_add(struct store *store, const char *ids_json, int64_t exclude_digest, int sign,
                    char **error)
{
	sqlite3_stmt *stmt = db_prepare(store,
		"WITH ids(id) AS (SELECT value FROM json_each(?1)), " KEYED_IDS("ids")
		" INSERT INTO item_counts (key, items, unread, shown, shown_unread, starred)"
		" SELECT x.key, sum(?3), sum(?3 * (i.read = 0)), sum(?3 * " ITEM_SHOWN("i") "),"
		"  sum(?3 * (i.read = 0 AND " ITEM_SHOWN("i") ")), sum(?3 * (i.starred = 1))"
		" FROM keyed x JOIN items i ON i.id = x.id WHERE true GROUP BY x.key"
		ITEM_COUNTS_UPSERT);
	if (!stmt)
		return db_fail(store, error);
	db_bind_text(stmt, 1, ids_json);
	if (exclude_digest)
		sqlite3_bind_int64(stmt, 2, exclude_digest);
	else
		sqlite3_bind_null(stmt, 2);
	sqlite3_bind_int(stmt, 3, sign);
	return db_run(store, stmt, error);
}

int item_counts_note_flips(struct store *store, int64_t source_id, int64_t fingerprint,
                           char **error)
{
	sqlite3_stmt *stmt = db_prepare(store,
		"INSERT OR IGNORE INTO temp.count_flips (id, shown)"
		" SELECT id, " ITEM_SHOWN("items") " FROM items WHERE id IN"
		" (SELECT item_id FROM fingerprints WHERE source_id = ?1 AND fingerprint = ?2)");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, source_id);
	sqlite3_bind_int64(stmt, 2, fingerprint);
	return db_run(store, stmt, error);
}

int item_counts_apply_flips(struct store *store, const char *ids_json, char **error)
{
	/* Only the shown state of such an item changed: its rows' shown and
	 * shown_unread move by one. */
	sqlite3_stmt *stmt = db_prepare(store,
		/* items reached from count_flips by a subquery, not joined: a
		 * temporary table has no statistics, so SQLite takes it for a big
		 * one and reads all of items into a Bloom filter (KEYED_IDS);
		 * an item gone since (NULL) is left out as the join left it */
		"WITH flips(id, s) AS (SELECT id, s FROM (SELECT f.id AS id,"
		"  (SELECT " ITEM_SHOWN("i") " FROM items i WHERE i.id = f.id) - f.shown AS s"
		"  FROM temp.count_flips f WHERE f.id NOT IN (SELECT value FROM json_each(?1)))"
		"  WHERE s <> 0), "
		KEYED_IDS("flips")
		" INSERT INTO item_counts (key, items, unread, shown, shown_unread, starred)"
		" SELECT x.key, 0, 0, sum(f.s), sum(f.s * (i.read = 0)), 0"
		" FROM keyed x JOIN flips f ON f.id = x.id JOIN items i ON i.id = x.id"
		" WHERE true GROUP BY x.key" ITEM_COUNTS_UPSERT);
	if (!stmt)
		return db_fail(store, error);
	db_bind_text(stmt, 1, ids_json);
	sqlite3_bind_null(stmt, 2);
	if (db_run(store, stmt, error) < 0)
		return -1;
	return db_exec(store, "DELETE FROM temp.count_flips", error);
}
