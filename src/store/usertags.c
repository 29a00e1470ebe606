/* The reader's own tags on items: rows of the tags table with origin
 * 'user' and no digest, so the tag filter, the tag pane and the tag counts
 * find them as they find the digests' tags, and an import (which deletes
 * tags by digest) never touches them.  Written like the marks: durable
 * when the call returns, in their own transactions.  Also the list of
 * every tag name, for the reader's completion. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store.h"
#include "store/internal.h"
#include "i18n.h"
#include "xalloc.h"

static int read_names(struct store *store, sqlite3_stmt *stmt, char ***names, size_t *count,
                      char **error)
{
	size_t capacity = 0, n = 0;
	char **out = NULL;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		out = xgrow(out, &capacity, n + 1, sizeof *out);
		out[n++] = db_column_text_or_empty(stmt, 0);
	}
	if (db_step_error(store, stmt, rc, error) < 0) {
		store_names_free(out, n);
		return -1;
	}
	*names = out;
	*count = n;
	return 0;
}

int store_item_user_tags(struct store *store, int64_t item_id, char ***tags, size_t *count,
                         char **error)
{
	*tags = NULL;
	*count = 0;
	sqlite3_stmt *stmt = db_prepare(store,
		"SELECT tag FROM tags WHERE item_id = ?1 AND origin = 'user' ORDER BY tag");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, item_id);
	return read_names(store, stmt, tags, count, error);
}

int store_tag_names(struct store *store, char ***names, size_t *count, char **error)
{
	*names = NULL;
	*count = 0;
	sqlite3_stmt *stmt = db_prepare(store,
		"SELECT tag FROM tags UNION SELECT tag FROM digest_tags ORDER BY 1");
	if (!stmt)
		return db_fail(store, error);
	return read_names(store, stmt, names, count, error);
}

void store_names_free(char **names, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(names[i]);
	free(names);
}

int store_user_tag_many(struct store *store, const int64_t *item_ids, size_t count,
                        const char *tag, bool add, bool *changed, char **error)
{
	if (db_refuse_read_only(store, error) < 0)
		return -1;
	if (!tag || !*tag)
		return db_error(error, xstrdup(_("a tag cannot be empty")));
	if (count == 0)
		return 0;
	/* The tag's name first (schema 11, tagnames.c), in a statement of its
	 * own: a name no row uses yet is harmless.  The rows go to tag_rows,
	 * not the view, so that sqlite3_changes() says which items changed. */
	if (add && tag_name_ensure(store, tag, error) < 0)
		return -1;
	/* The item must exist: the foreign key says so, but an unknown id is
	 * the caller's mistake to report, not a constraint error.  ?2 is
	 * unused here (SQLite allows a gap in numbered parameters); ?3 is the tag. */
	return db_run_for_items(store, add
		? "INSERT OR IGNORE INTO tag_rows (item_id, tag_id, origin, digest_id)"
		  " SELECT i.id, n.id, 'user', NULL FROM items i, tag_names n WHERE i.id = ?1 AND n.name = ?3"
		: "DELETE FROM tag_rows WHERE item_id = ?1 AND origin = 'user'"
		  " AND tag_id = (SELECT id FROM tag_names WHERE name = ?3)",
		item_ids, count, 0, tag, changed, error);
}
