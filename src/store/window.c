/* A feed's window: a feed lists only its latest entries, so an entry that
 * is not in the new version of the feed has dropped out of the window, not
 * been withdrawn.  Its mention (with its links and tags from the feed)
 * stays, its excerpt copied out of the text the new version replaces; an
 * entry still listed is the writer's like any item a changed digest lists
 * again (writer.c, delete_digest_contents).  A Markdown digest is
 * authoritative instead: the items a re-published one no longer lists lose
 * their mentions. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store.h"
#include "store/internal.h"
#include "xalloc.h"

/* Excerpt ranges point into the digest's stored text, which the new
 * version replaces: every ranged excerpt of the digest becomes a copy cut
 * from OLD_RAW, the text they were ranges of.  Run before the new
 * version's mentions go in (their ranges are into the new text); the
 * mentions of entries still listed are then rewritten anyway. */
int window_copy_out_excerpts(struct store *store, int64_t digest_id, const char *old_raw,
                             size_t old_len, char **error)
{
	sqlite3_stmt *stmt = db_prepare(store,
		"SELECT id, excerpt_start, excerpt_len FROM mentions"
		" WHERE digest_id = ?1 AND excerpt_start IS NOT NULL");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, digest_id);
	size_t count = 0, capacity = 0;
	struct range { int64_t id, start, len; } *ranges = NULL;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		ranges = xgrow(ranges, &capacity, count + 1, sizeof *ranges);
		ranges[count].id = sqlite3_column_int64(stmt, 0);
		ranges[count].start = sqlite3_column_int64(stmt, 1);
		ranges[count].len = sqlite3_column_int64(stmt, 2);
		count++;
	}
	if (rc != SQLITE_DONE) {
		free(ranges);
		return db_step_error(store, stmt, rc, error);
	}
	db_finish(stmt);
	int result = 0;
	for (size_t i = 0; i < count && result == 0; i++) {
		stmt = db_prepare(store,
			"UPDATE mentions SET markdown = ?2, excerpt_start = NULL, excerpt_len = NULL"
			" WHERE id = ?1");
		if (!stmt) {
			result = db_fail(store, error);
			break;
		}
		sqlite3_bind_int64(stmt, 1, ranges[i].id);
		const struct range *r = &ranges[i];
		/* A range past the old text (a damaged value) keeps no excerpt
		 * rather than bytes of the wrong place. */
		if (r->start >= 0 && r->len >= 0 && (uint64_t)(r->start + r->len) <= old_len)
			sqlite3_bind_text(stmt, 2, old_raw + r->start, (int)r->len, SQLITE_STATIC);
		else
			sqlite3_bind_text(stmt, 2, "", 0, SQLITE_STATIC);
		result = db_run(store, stmt, error);
	}
	free(ranges);
	return result;
}
