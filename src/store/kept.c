/* The rows the writer keeps for an item a changed digest lists again: the
 * one definition of which link and tag rows a parsed item gives (used by
 * writer.c's inserts), and whether the rows a digest already holds for an
 * item are exactly those, so the writer can leave them (and every count
 * they are in) alone.  A comparison that cannot tell says "not the same":
 * the rows are then written again, which is always right. */
#include <config.h>

#include <stdbool.h>
#include <string.h>

#include <sqlite3.h>

#include "store/internal.h"
#include "digest.h"

const char *link_stored_key(const struct digest_link *link)
{
	if (!link->key)
		return "";
	if (strncmp(link->key, "url:", 4) == 0 && strcmp(link->key + 4, link->url) == 0)
		return NULL;    /* LINK_KEY: every plain web link has it */
	return link->key;
}

static bool link_is_stored(const struct digest_link *link)
{
	return link->url && *link->url;
}

bool tag_is_stored(const struct digest_tag *tag)
{
	return tag->name && *tag->name &&
	       !(tag->origin && strncmp(tag->origin, "frontmatter", 11) == 0);
}

static const char *tag_origin(const struct digest_tag *tag, const char *default_origin)
{
	return tag->origin && *tag->origin ? tag->origin : default_origin;
}

bool tag_row_of(const struct digest_tag *tags, size_t i, const char *default_origin,
                const char **origin)
{
	if (!tag_is_stored(&tags[i]))
		return false;
	*origin = tag_origin(&tags[i], default_origin);
	for (size_t j = 0; j < i; j++)
		if (tags[j].name && strcmp(tags[j].name, tags[i].name) == 0 &&
		    strcmp(tag_origin(&tags[j], default_origin), *origin) == 0)
			return false;
	return true;
}

const char *digest_tag_origin(const struct digest_tag *tag)
{
	return tag_origin(tag, "frontmatter");
}

/* Whether the text of column COLUMN of STMT is EXPECTED (NULL: the column
 * is NULL). */
static bool column_is(sqlite3_stmt *stmt, int column, const char *expected)
{
	if (sqlite3_column_type(stmt, column) == SQLITE_NULL)
		return expected == NULL;
	const char *text = (const char *)sqlite3_column_text(stmt, column);
	return expected && text && strcmp(text, expected) == 0;
}

int kept_links_same(struct store *store, int64_t digest_id, int64_t item_id,
                    const struct digest_item *it, bool *same, char **error)
{
	sqlite3_stmt *stmt = db_prepare(store,
		"SELECT url, text, kind, key FROM links WHERE item_id = ?1 AND digest_id = ?2 ORDER BY id");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, item_id);
	sqlite3_bind_int64(stmt, 2, digest_id);
	size_t i = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		while (i < it->link_count && !link_is_stored(&it->links[i]))
			i++;
		const struct digest_link *link = i < it->link_count ? &it->links[i++] : NULL;
		if (!link || !column_is(stmt, 0, link->url) ||
		    !column_is(stmt, 1, link->text ? link->text : "") ||
		    !column_is(stmt, 2, kind_to_text(link->kind)) ||
		    !column_is(stmt, 3, link_stored_key(link))) {
			*same = false;
			db_finish(stmt);
			return 0;
		}
	}
	while (i < it->link_count && !link_is_stored(&it->links[i]))
		i++;
	*same = i == it->link_count;
	return db_step_error(store, stmt, rc, error);
}

int kept_tags_same(struct store *store, int64_t digest_id, int64_t item_id,
                   const struct digest_tag *tags, size_t count, const char *default_origin,
                   bool *same, char **error)
{
	sqlite3_stmt *stmt = db_prepare(store,
		"SELECT n.name, t.origin FROM tag_rows t JOIN tag_names n ON n.id = t.tag_id"
		" WHERE t.item_id = ?1 AND t.digest_id = ?2 ORDER BY t.rowid");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, item_id);
	sqlite3_bind_int64(stmt, 2, digest_id);
	size_t i = 0;
	const char *origin = NULL;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		while (i < count && !tag_row_of(tags, i, default_origin, &origin))
			i++;
		if (i == count || !column_is(stmt, 0, tags[i].name) || !column_is(stmt, 1, origin)) {
			*same = false;
			db_finish(stmt);
			return 0;
		}
		i++;
	}
	while (i < count && !tag_row_of(tags, i, default_origin, &origin))
		i++;
	*same = i == count;
	return db_step_error(store, stmt, rc, error);
}

int kept_digest_tags_same(struct store *store, int64_t digest_id, const struct digest *d,
                          bool *same, char **error)
{
	/* the new pairs, each once, as insert_digest_tags writes them */
	size_t distinct = 0;
	for (size_t i = 0; i < d->tag_count; i++) {
		if (!d->tags[i].name || !*d->tags[i].name)
			continue;
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = d->tags[j].name && strcmp(d->tags[j].name, d->tags[i].name) == 0 &&
			       strcmp(digest_tag_origin(&d->tags[j]), digest_tag_origin(&d->tags[i])) == 0;
		distinct += !seen;
	}
	sqlite3_stmt *stmt = db_prepare(store,
		"SELECT DISTINCT tag, origin FROM digest_tags WHERE digest_id = ?1");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, digest_id);
	*same = true;
	size_t old_count = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		old_count++;
		bool found = false;
		for (size_t i = 0; i < d->tag_count && !found; i++)
			found = d->tags[i].name && *d->tags[i].name && column_is(stmt, 0, d->tags[i].name) &&
			        column_is(stmt, 1, digest_tag_origin(&d->tags[i]));
		if (!found)
			*same = false;
	}
	*same = *same && old_count == distinct;
	return db_step_error(store, stmt, rc, error);
}
