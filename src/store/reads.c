/* Reads: an item's detail (tags, links, mentions), the digests, the
 * sources and tags lists, the per-kind counts. */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#include <sqlite3.h>

#include "store.h"
#include "store/internal.h"
#include "i18n.h"
#include "strbuf.h"
#include "xalloc.h"

/* ------------------------------------------------------------------ details */

static int load_tags(struct store *store, struct item_detail *out, char **error)
{
	sqlite3_stmt *stmt = db_prepare(store,
		/* its own tags in the order given, then its digests' */
		"SELECT tag FROM (SELECT tag, 0 AS own, rowid AS n FROM tags WHERE item_id = ?1"
		"  AND origin <> 'user' UNION ALL SELECT dt.tag, 1, dt.rowid FROM mentions m"
		"  JOIN digest_tags dt ON dt.digest_id = m.digest_id WHERE m.item_id = ?1)"
		" GROUP BY tag ORDER BY min(own), min(n)");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, out->row.id);
	size_t capacity = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		out->tags = xgrow(out->tags, &capacity, out->tag_count + 1, sizeof *out->tags);
		out->tags[out->tag_count++] = db_column_text_or_empty(stmt, 0);
	}
	if (db_step_error(store, stmt, rc, error) < 0)
		return -1;
	return store_item_user_tags(store, out->row.id, &out->user_tags, &out->user_tag_count, error);
}

static int load_links(struct store *store, struct item_detail *out, char **error)
{
	/* One entry per URL (several digests link the same thing), the main
	 * link first, then in the order the digests gave them. */
	sqlite3_stmt *stmt = db_prepare(store,
		"SELECT l.url, l.text, l.kind, " LINK_KEY ", min(l.id) AS first"
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
		link->url = db_column_text_or_empty(stmt, 0);
		link->text = db_column_text_or_empty(stmt, 1);
		link->kind = kind_from_text((const char *)sqlite3_column_text(stmt, 2));
		link->key = db_column_text(stmt, 3);
	}
	return db_step_error(store, stmt, rc, error);
}

static int load_mentions(struct store *store, struct item_detail *out, char **error)
{
	sqlite3_stmt *stmt = db_prepare(store,
		/* An excerpt is a byte range into the digest's raw text (a
		 * BLOB's substr counts bytes) or, rarely, a copy. */
		"SELECT m.digest_id, d.title, d.location, d.date, s.name, m.section,"
		" CASE WHEN m.excerpt_len IS NULL THEN m.markdown"
		"  ELSE CAST(substr(radar_raw(d.raw), m.excerpt_start + 1, m.excerpt_len) AS TEXT) END"
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
		m->digest_title = db_column_text_or_empty(stmt, 1);
		m->digest_location = db_column_text_or_empty(stmt, 2);
		m->digest_date = db_column_text(stmt, 3);
		m->source = db_column_text_or_empty(stmt, 4);
		m->section = db_column_text_or_empty(stmt, 5);
		m->markdown = db_column_text_or_empty(stmt, 6);
	}
	return db_step_error(store, stmt, rc, error);
}

int store_get_item(struct store *store, int64_t item_id, struct item_detail *out, char **error)
{
	memset(out, 0, sizeof *out);
	/* One read transaction, so the parts agree with each other even while
	 * another connection imports. */
	bool own_transaction = sqlite3_get_autocommit(store->db) &&
	                       sqlite3_exec(store->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
	int result = 0;
	sqlite3_stmt *stmt = db_prepare(store,
		"SELECT " ROW_COLUMNS ", " SUMMARY_COLUMN ", i.authors" ROW_FROM " WHERE i.id = ?1");
	if (!stmt) {
		result = db_fail(store, error);
		goto out;
	}
	sqlite3_bind_int64(stmt, 1, item_id);
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		result = db_step_error(store, stmt, rc, error) < 0 ? -1 : 1;
		goto out;
	}
	item_row_read(stmt, &out->row);
	out->summary = db_column_text(stmt, ROW_COLUMN_COUNT);
	out->authors = db_column_text(stmt, ROW_COLUMN_COUNT + 1);
	db_finish(stmt);
	if (load_tags(store, out, error) < 0 || load_links(store, out, error) < 0 ||
	    load_mentions(store, out, error) < 0)
		result = -1;
out:
	if (own_transaction)
		sqlite3_exec(store->db, "COMMIT", NULL, NULL, NULL);
	if (result < 0)
		item_detail_clear(out);
	return result;
}

void item_detail_clear(struct item_detail *detail)
{
	if (!detail)
		return;
	item_row_clear(&detail->row);
	free(detail->summary);
	free(detail->authors);
	for (size_t i = 0; i < detail->tag_count; i++)
		free(detail->tags[i]);
	free(detail->tags);
	store_names_free(detail->user_tags, detail->user_tag_count);
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
	sqlite3_stmt *stmt = db_prepare(store,
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
		row->source = db_column_text_or_empty(stmt, 1);
		row->location = db_column_text_or_empty(stmt, 2);
		row->title = db_column_text_or_empty(stmt, 3);
		row->date = db_column_text(stmt, 4);
		row->description = db_column_text(stmt, 5);
		row->item_count = sqlite3_column_int(stmt, 6);
	}
	if (db_step_error(store, stmt, rc, error) < 0) {
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
	sqlite3_stmt *stmt = db_prepare(store, "SELECT raw FROM digests WHERE id = ?1");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, digest_id);
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW)
		return db_step_error(store, stmt, rc, error) < 0 ? -1 : 1;
	/* Read back with its length: a digest may hold NUL bytes. */
	const char *raw = raw_column(store, stmt, 0, len);
	if (!raw) {
		db_finish(stmt);
		return db_error(error, xasprintf(_("cache %s: the stored text of digest %lld is damaged"),
		                                 store->path, (long long)digest_id));
	}
	*markdown = xmalloc(*len + 1);
	if (*len)
		memcpy(*markdown, raw, *len);
	(*markdown)[*len] = '\0';
	db_finish(stmt);
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

int store_list_sources(struct store *store, bool with_boilerplate, struct source_row **rows,
                       size_t *row_count, char **error)
{
	*rows = NULL;
	*row_count = 0;
	/* Kept in item_counts (schema 10, schema.c); without boilerplate the
	 * count is query.c's condition's (shown), so a source's count is
	 * what its list shows. */
	sqlite3_stmt *stmt = db_prepare(store,
		"SELECT s.id, s.name, s.location, s.last_ok, s.last_error,"
		" (SELECT count(*) FROM digests d WHERE d.source_id = s.id),"
		" coalesce(CASE WHEN ?1 THEN c.items ELSE c.shown END, 0),"
		" coalesce(CASE WHEN ?1 THEN c.unread ELSE c.shown_unread END, 0),"
		" coalesce(s.last_checked, -1), coalesce(s.last_fresh, 0)"
		" FROM sources s LEFT JOIN item_counts c ON c.key = 's' || s.id ORDER BY s.name");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int(stmt, 1, with_boilerplate);
	size_t capacity = 0, count = 0;
	struct source_row *out = NULL;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		out = xgrow(out, &capacity, count + 1, sizeof *out);
		struct source_row *row = &out[count++];
		row->id = sqlite3_column_int64(stmt, 0);
		row->name = db_column_text_or_empty(stmt, 1);
		row->location = db_column_text(stmt, 2);
		row->last_ok = db_column_text(stmt, 3);
		row->last_error = db_column_text(stmt, 4);
		row->digests = sqlite3_column_int64(stmt, 5);
		row->items = sqlite3_column_int64(stmt, 6);
		row->unread = sqlite3_column_int64(stmt, 7);
		row->last_checked = sqlite3_column_int64(stmt, 8);
		row->last_fresh = sqlite3_column_int64(stmt, 9);
	}
	if (db_step_error(store, stmt, rc, error) < 0) {
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
	/* Kept by the triggers of schema 8 (schema.c), in the order shown. */
	sqlite3_stmt *stmt = db_prepare(store,
		"SELECT tag, items, unread, user > 0 FROM tag_counts WHERE items > 0"
		" ORDER BY items DESC, tag LIMIT ?1 OFFSET ?2");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int(stmt, 1, limit);
	sqlite3_bind_int64(stmt, 2, offset < 0 ? 0 : offset);
	size_t capacity = 0, count = 0;
	struct tag_row *out = NULL;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		out = xgrow(out, &capacity, count + 1, sizeof *out);
		out[count].tag = db_column_text_or_empty(stmt, 0);
		out[count].items = sqlite3_column_int64(stmt, 1);
		out[count].unread = sqlite3_column_int64(stmt, 2);
		out[count].user = sqlite3_column_int(stmt, 3) != 0;
		count++;
	}
	if (db_step_error(store, stmt, rc, error) < 0) {
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

int store_count_kinds(struct store *store, bool with_boilerplate, int64_t items[KIND_COUNT],
                      int64_t unread[KIND_COUNT], char **error)
{
	for (int k = 0; k < KIND_COUNT; k++)
		items[k] = unread[k] = 0;
	/* Kept in item_counts (schema 10): a row per kind name; without
	 * boilerplate the condition is query.c's, so a kind's count is what
	 * its list shows. */
	sqlite3_stmt *stmt = db_prepare(store,
		"SELECT substr(key, 2), CASE WHEN ?1 THEN items ELSE shown END,"
		" CASE WHEN ?1 THEN unread ELSE shown_unread END"
		" FROM item_counts WHERE key > 'k' AND key < 'l'");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int(stmt, 1, with_boilerplate);
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(stmt, 0);
		for (int k = 0; name && k < KIND_COUNT; k++)
			if (strcmp(name, kind_names[k]) == 0) {
				items[k] = sqlite3_column_int64(stmt, 1);
				unread[k] = sqlite3_column_int64(stmt, 2);
			}
	}
	return db_step_error(store, stmt, rc, error);
}

