/* The full-text index and the excerpts it is built from.
 *
 * items_fts is a CONTENTLESS FTS5 table (tokenizer.c): it holds the index,
 * never a second copy of the text.  One row per mention (rowid =
 * mentions.id): the mention's title, its section path, its Markdown
 * excerpt, the item's tags from that digest and the digest's front-matter
 * tags; the excerpt which is itself a byte range into the digest's stored raw text
 * whenever the excerpt occurs there verbatim (nearly always; a copy in
 * mentions.markdown otherwise).  A contentless row is deleted by giving
 * FTS5 the same text again, so the text of a row is composed in exactly one
 * place (mention_text) from what the cache keeps, and rows are written and
 * deleted a digest at a time, with the digest's raw text read once. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store/internal.h"
#include "i18n.h"
#include "strbuf.h"
#include "xalloc.h"

size_t excerpt_budget(size_t raw_len)
{
	return EXCERPT_SCAN_FACTOR * raw_len + EXCERPT_SCAN_SLACK;
}

/* Search RAW[FROM, FROM+span) for EXCERPT, the span cut to what *BUDGET
 * still allows, and take from *BUDGET the bytes looked at. */
static const char *search_within(const char *raw, size_t from, size_t to, const char *excerpt,
                                 size_t excerpt_len, size_t *budget)
{
	size_t span = to - from;
	if (span > *budget)
		span = *budget;
	if (span < excerpt_len)
		return NULL;
	const char *found = memmem(raw + from, span, excerpt, excerpt_len);
	size_t looked = found ? (size_t)(found - (raw + from)) + excerpt_len : span;
	*budget -= looked <= *budget ? looked : *budget;
	return found;
}

bool excerpt_locate(const char *raw, size_t raw_len, const char *excerpt, size_t excerpt_len,
                    size_t *hint, size_t *budget, int64_t *start)
{
	if (!raw || excerpt_len == 0 || excerpt_len > raw_len || *budget == 0)
		return false;
	/* Items come in document order: look after the previous one first. */
	size_t from = *hint <= raw_len ? *hint : 0;
	const char *found = search_within(raw, from, raw_len, excerpt, excerpt_len, budget);
	if (!found && from > 0)
		found = search_within(raw, 0, raw_len, excerpt, excerpt_len, budget);
	if (!found)
		return false;
	*start = found - raw;
	*hint = (size_t)*start + excerpt_len;
	return true;
}

/* The text of one mention's row: the one definition inserts and deletes
 * share. */
static void mention_text(struct strbuf *out, sqlite3_stmt *row, const char *raw, size_t raw_len,
                         const char *digest_tags)
{
	const char *title = (const char *)sqlite3_column_text(row, 1);
	const char *section = (const char *)sqlite3_column_text(row, 2);
	strbuf_reset(out);
	strbuf_puts(out, title ? title : "");
	strbuf_putc(out, '\n');
	strbuf_puts(out, section ? section : "");
	strbuf_putc(out, '\n');
	if (sqlite3_column_type(row, 3) != SQLITE_NULL) {
		int64_t start = sqlite3_column_int64(row, 3), len = sqlite3_column_int64(row, 4);
		if (start >= 0 && len >= 0 && (uint64_t)(start + len) <= raw_len)
			strbuf_append(out, raw + start, (size_t)len);
	} else {
		const char *md = (const char *)sqlite3_column_text(row, 5);
		strbuf_append(out, md ? md : "", (size_t)sqlite3_column_bytes(row, 5));
	}
	strbuf_putc(out, '\n');
	const char *tags = (const char *)sqlite3_column_text(row, 6);
	strbuf_puts(out, tags ? tags : "");
	strbuf_putc(out, '\n');
	strbuf_puts(out, digest_tags);
}

/* The digest's own tags (front matter), which every one of its mentions
 * is found by. */
static int digest_tags(struct store *store, int64_t digest_id, struct strbuf *out, char **error)
{
	sqlite3_stmt *stmt = db_prepare(store,
		"SELECT tag FROM digest_tags WHERE digest_id = ?1 GROUP BY tag ORDER BY min(rowid)");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, digest_id);
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		strbuf_puts(out, (const char *)sqlite3_column_text(stmt, 0));
		strbuf_putc(out, ' ');
	}
	return db_step_error(store, stmt, rc, error);
}

/* The rows of every mention of DIGEST_ID as they are now, against the raw
 * text the digest row holds now, in ascending rowid order, into ROWS. */
static int digest_rows(struct store *store, int64_t digest_id, struct fts_rows *rows,
                       char **error)
{
	sqlite3_stmt *stmt = db_prepare(store, "SELECT raw FROM digests WHERE id = ?1");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, digest_id);
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW)
		return db_step_error(store, stmt, rc, error);
	size_t raw_len = 0;
	const char *stored = raw_column(store, stmt, 0, &raw_len);
	if (!stored) {
		db_finish(stmt);
		return db_error(error, xasprintf(_("cache %s: the stored text of digest %lld is damaged"),
		                                 store->path, (long long)digest_id));
	}
	/* A copy: the cache entry is another's once the rows are read. */
	char *raw = xmalloc(raw_len + 1);
	memcpy(raw, stored, raw_len + 1);
	db_finish(stmt);

	struct strbuf tags;
	strbuf_init(&tags);
	strbuf_puts(&tags, "");
	if (digest_tags(store, digest_id, &tags, error) < 0) {
		strbuf_clear(&tags);
		free(raw);
		return -1;
	}
	sqlite3_stmt *mentions = db_prepare(store,
		"SELECT m.id, m.title, m.section, m.excerpt_start, m.excerpt_len, m.markdown,"
		/* in the order of the unique index the tags had until schema
		 * 9, so the rows indexed then are deleted with the same text */
		" (SELECT group_concat(tag, ' ') FROM (SELECT tag FROM tags t"
		"   WHERE t.item_id = m.item_id AND t.digest_id = m.digest_id ORDER BY tag, origin))"
		" FROM mentions m WHERE m.digest_id = ?1 ORDER BY m.id");
	if (!mentions) {
		strbuf_clear(&tags);
		free(raw);
		return db_fail(store, error);
	}
	sqlite3_bind_int64(mentions, 1, digest_id);
	struct strbuf text;
	strbuf_init(&text);
	while ((rc = sqlite3_step(mentions)) == SQLITE_ROW) {
		mention_text(&text, mentions, raw, raw_len, tags.data);
		rows->rows = xgrow(rows->rows, &rows->capacity, rows->count + 1, sizeof *rows->rows);
		strbuf_append(&rows->text, text.data, text.len);
		rows->rows[rows->count++] = (struct fts_row){ .id = sqlite3_column_int64(mentions, 0),
		                                              .end = rows->text.len };
	}
	int result = db_step_error(store, mentions, rc, error);
	strbuf_clear(&text);
	strbuf_clear(&tags);
	free(raw);
	return result;
}

void fts_rows_init(struct fts_rows *rows)
{
	memset(rows, 0, sizeof *rows);
	strbuf_init(&rows->text);
}

void fts_rows_clear(struct fts_rows *rows)
{
	free(rows->rows);
	strbuf_clear(&rows->text);
	memset(rows, 0, sizeof *rows);
}

static const char *row_text(const struct fts_rows *rows, size_t i, size_t *len)
{
	size_t from = i ? rows->rows[i - 1].end : 0;
	*len = rows->rows[i].end - from;
	return rows->text.data + from;
}

static int write_row(struct store *store, bool delete, int64_t rowid, const char *text,
                     size_t len, char **error)
{
	sqlite3_stmt *write = db_prepare(store, delete
		? "INSERT INTO items_fts (items_fts, rowid, text) VALUES ('delete', ?1, ?2)"
		: "INSERT INTO items_fts (rowid, text) VALUES (?1, ?2)");
	if (!write)
		return db_fail(store, error);
	sqlite3_bind_int64(write, 1, rowid);
	sqlite3_bind_text(write, 2, text, (int)len, SQLITE_STATIC);
	if (db_run(store, write, error) < 0)
		return -1;
	if (!delete)
		store->batch_index_rows++;
	return 0;
}

/* From the rows OLD (as indexed) to NEW: a row whose text is the same is
 * left alone, another deleted with its old text and inserted with its new,
 * in ascending rowid order and the delete first, which FTS5 takes without
 * flushing its pending terms (it flushes when a rowid goes down). */
static int write_rows(struct store *store, const struct fts_rows *old,
                      const struct fts_rows *new, char **error)
{
	size_t i = 0, j = 0;
	while (i < old->count || j < new->count) {
		int64_t old_id = i < old->count ? old->rows[i].id : INT64_MAX;
		int64_t new_id = j < new->count ? new->rows[j].id : INT64_MAX;
		size_t old_len = 0, new_len = 0;
		const char *old_text = old_id <= new_id ? row_text(old, i, &old_len) : NULL;
		const char *new_text = new_id <= old_id ? row_text(new, j, &new_len) : NULL;
		bool same = old_text && new_text && old_len == new_len &&
		            memcmp(old_text, new_text, old_len) == 0;
		if (!same && old_text && write_row(store, true, old_id, old_text, old_len, error) < 0)
			return -1;
		if (!same && new_text && write_row(store, false, new_id, new_text, new_len, error) < 0)
			return -1;
		if (old_text)
			i++;
		if (new_text)
			j++;
	}
	return 0;
}

int fts_index_digest(struct store *store, int64_t digest_id, char **error)
{
	struct fts_rows none, rows;
	fts_rows_init(&none);
	fts_rows_init(&rows);
	int rc = digest_rows(store, digest_id, &rows, error);
	if (rc == 0)
		rc = write_rows(store, &none, &rows, error);
	fts_rows_clear(&rows);
	fts_rows_clear(&none);
	return rc;
}

int fts_remember_digest(struct store *store, int64_t digest_id, struct fts_rows *rows,
                        char **error)
{
	return digest_rows(store, digest_id, rows, error);
}

int fts_reindex_digest(struct store *store, int64_t digest_id, const struct fts_rows *old,
                       char **error)
{
	struct fts_rows rows;
	fts_rows_init(&rows);
	int rc = digest_rows(store, digest_id, &rows, error);
	if (rc == 0)
		rc = write_rows(store, old, &rows, error);
	fts_rows_clear(&rows);
	return rc;
}
