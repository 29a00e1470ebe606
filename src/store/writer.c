/* The writer: the only code that imports digests into the cache (a digest
 * row, its items merged with what other digests said, mentions, links,
 * tags, full-text rows, and the counts each digest changes).  Each digest
 * is one transaction, or a savepoint of a batch (batch.c), so one writer
 * at a time; the sources' fetch records are fetchlog.c's. */
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

/* ------------------------------------------------------------------ writing */

/* 64-bit FNV-1a: a change detector, not a security boundary (a collision
 * only means one digest update is missed until its next change).  The
 * digest engine's version is part of it, so a better extractor re-extracts
 * digests whose bytes did not change (`radar reindex`, or the next import). */
static void content_hash(const char *bytes, size_t len, char out[17])
{
	uint64_t hash = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < len; i++) {
		hash ^= (unsigned char)bytes[i];
		hash *= 0x100000001b3ULL;
	}
	hash ^= (uint64_t)DIGEST_ENGINE_VERSION;
	hash *= 0x100000001b3ULL;
	snprintf(out, 17, "%016llx", (unsigned long long)hash);
}

/* The items one import touches: id -> flags, open addressing. */
enum {
	TOUCHED_OLD = 1,        /* the previous version of the digest mentioned it */
	TOUCHED_NEW = 2,        /* this version mentions it */
	TOUCHED_CREATED = 4,    /* created by this import */
	/* the previous version mentioned it and this one lists it again
	 * (find_listed_again) */
	TOUCHED_LISTED = 8,
	/* listed again once, with the links and tags it has from the digest,
	 * in a digest of the same source and own tags: its rows, and so every
	 * count it is in, stay as they are */
	TOUCHED_KEPT = 16,
};

struct id_set {
	int64_t *ids;
	unsigned char *flags;
	uint64_t *excerpts;     /* hash of the old version's mention (TOUCHED_OLD) */
	size_t capacity;        /* power of two */
	size_t count;
};

static void id_set_init(struct id_set *set)
{
	set->capacity = 64;
	set->count = 0;
	set->ids = xcalloc(set->capacity, sizeof *set->ids);
	set->flags = xcalloc(set->capacity, 1);
	set->excerpts = xcalloc(set->capacity, sizeof *set->excerpts);
}

static void id_set_free(struct id_set *set)
{
	free(set->ids);
	free(set->flags);
	free(set->excerpts);
}

static size_t id_slot(const struct id_set *set, int64_t id)
{
	uint64_t h = (uint64_t)id * 0x9e3779b97f4a7c15ULL;
	size_t i = (size_t)(h >> 17) & (set->capacity - 1);
	while (set->ids[i] != 0 && set->ids[i] != id)
		i = (i + 1) & (set->capacity - 1);
	return i;
}

/* Adds FLAGS to ID; returns the flags it had before (0 when new). */
static unsigned id_set_add(struct id_set *set, int64_t id, unsigned flags)
{
	if ((set->count + 1) * 2 > set->capacity) {
		struct id_set bigger = {
			.capacity = set->capacity * 2,
			.count = set->count,
		};
		bigger.ids = xcalloc(bigger.capacity, sizeof *bigger.ids);
		bigger.flags = xcalloc(bigger.capacity, 1);
		bigger.excerpts = xcalloc(bigger.capacity, sizeof *bigger.excerpts);
		for (size_t i = 0; i < set->capacity; i++) {
			if (set->ids[i] == 0)
				continue;
			size_t j = id_slot(&bigger, set->ids[i]);
			bigger.ids[j] = set->ids[i];
			bigger.flags[j] = set->flags[i];
			bigger.excerpts[j] = set->excerpts[i];
		}
		id_set_free(set);
		*set = bigger;
	}
	size_t i = id_slot(set, id);
	unsigned before = set->flags[i];
	if (set->ids[i] == 0) {
		set->ids[i] = id;
		set->count++;
	}
	set->flags[i] = (unsigned char)(before | flags);
	return before;
}

struct import {
	struct store *store;
	int64_t source_id;
	int64_t digest_id;
	const struct digest *digest;
	const char *raw;        /* the digest's text */
	size_t raw_len;
	const struct store_prepared *prepared;  /* made from RAW and DIGEST */
	int64_t *item_ids;      /* per item of DIGEST, as stored (0: skipped) */
	bool *created_read;     /* per item: created by this import with a read mark */
	size_t excerpt_hint;    /* where the previous excerpt ended in RAW */
	size_t excerpt_budget;  /* RAW's bytes still to be searched (excerpt_locate) */
	/* RAW's offset minus the parsed body's, learnt from the last excerpt
	 * found by search: the body is RAW after its front matter, so the
	 * parser's offsets locate the next excerpts without searching. */
	bool body_shift_known;
	int64_t body_shift;
	char now[32];
	struct id_set touched;
	struct store_import_result *result;
	bool window;            /* STORE_IMPORT_WINDOW */
	/* The previous version's text (window mode, from remember_old_items):
	 * the excerpts of entries that dropped out are copied out of it. */
	char *old_raw;
	size_t old_raw_len;
	/* store->counting: the tags of the items the previous version
	 * mentioned, before anything changed (tagcount.c). */
	struct tag_sets before;
	/* The digest's index rows as they were (batch_remember_digest). */
	struct fts_rows fts_old;
	bool fts_remembered;
	/* The previous version's edition (boilerplate_edition) and source. */
	char *old_edition;
	int64_t old_source;
};

static int find_digest(struct store *store, const char *location, int64_t *id, char hash[17],
                       char **error)
{
	sqlite3_stmt *stmt = db_prepare(store, "SELECT id, content_hash FROM digests WHERE location = ?1");
	if (!stmt)
		return db_fail(store, error);
	db_bind_text(stmt, 1, location);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(stmt, 0);
		const unsigned char *text = sqlite3_column_text(stmt, 1);
		snprintf(hash, 17, "%s", text ? (const char *)text : "");
	} else if (rc == SQLITE_DONE) {
		*id = 0;
		hash[0] = '\0';
	} else {
		char *message = db_message(store);
		db_finish(stmt);
		return db_error(error, message);
	}
	db_finish(stmt);
	return 0;
}

static int64_t count_digest_mentions(struct store *store, int64_t digest_id)
{
	int64_t count = 0;
	sqlite3_stmt *stmt = db_prepare(store, "SELECT count(*) FROM mentions WHERE digest_id = ?1");
	if (!stmt)
		return 0;
	sqlite3_bind_int64(stmt, 1, digest_id);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		count = sqlite3_column_int64(stmt, 0);
	db_finish(stmt);
	return count;
}

/* What a mention says (section, title, excerpt), hashed: an item whose
 * mention in a changed digest says the same is not "updated". */
#define MENTION_COLUMNS "section, coalesce(title, ''), markdown, excerpt_start, excerpt_len"

static uint64_t hash_bytes(uint64_t hash, const unsigned char *bytes, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		hash ^= bytes[i];
		hash *= 0x100000001b3ULL;
	}
	hash ^= 0xff;           /* a separator no UTF-8 text holds */
	return hash * 0x100000001b3ULL;
}

/* The excerpt is a byte range into RAW (the digest's text of that
 * version) unless it was stored as a copy. */
static uint64_t mention_hash(sqlite3_stmt *stmt, int first_column, const char *raw,
                             size_t raw_len)
{
	uint64_t hash = 0xcbf29ce484222325ULL;
	for (int c = first_column; c < first_column + 2; c++)
		hash = hash_bytes(hash, sqlite3_column_text(stmt, c),
		                  (size_t)sqlite3_column_bytes(stmt, c));
	int excerpt = first_column + 2;
	if (sqlite3_column_type(stmt, excerpt + 1) != SQLITE_NULL) {
		int64_t start = sqlite3_column_int64(stmt, excerpt + 1);
		int64_t len = sqlite3_column_int64(stmt, excerpt + 2);
		if (start >= 0 && len >= 0 && (uint64_t)(start + len) <= raw_len)
			return hash_bytes(hash, (const unsigned char *)raw + start, (size_t)len);
		return hash_bytes(hash, NULL, 0);
	}
	return hash_bytes(hash, sqlite3_column_text(stmt, excerpt),
	                  (size_t)sqlite3_column_bytes(stmt, excerpt));
}

static int remember_old_items(struct import *im, char **error)
{
	/* The previous version's text, which its excerpt ranges point into. */
	sqlite3_stmt *stmt = db_prepare(im->store,
		"SELECT raw, coalesce(source_id, 0) FROM digests WHERE id = ?1");
	if (!stmt)
		return db_fail(im->store, error);
	sqlite3_bind_int64(stmt, 1, im->digest_id);
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW)
		return db_step_error(im->store, stmt, rc, error);
	im->old_source = sqlite3_column_int64(stmt, 1);
	size_t old_len = 0;
	const char *stored = raw_column(im->store, stmt, 0, &old_len);
	char *old_raw = xmalloc(old_len + 1);
	if (stored && old_len)
		memcpy(old_raw, stored, old_len);
	else
		old_len = 0;    /* damaged: every old mention counts as changed */
	db_finish(stmt);

	stmt = db_prepare(im->store,
		"SELECT item_id, " MENTION_COLUMNS " FROM mentions WHERE digest_id = ?1");
	if (!stmt) {
		free(old_raw);
		return db_fail(im->store, error);
	}
	sqlite3_bind_int64(stmt, 1, im->digest_id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(stmt, 0);
		id_set_add(&im->touched, id, TOUCHED_OLD);
		im->touched.excerpts[id_slot(&im->touched, id)] = mention_hash(stmt, 1, old_raw, old_len);
	}
	im->old_edition = boilerplate_edition(im->store, im->digest_id);
	if (im->window) {
		im->old_raw = old_raw;
		im->old_raw_len = old_len;
	} else {
		free(old_raw);
	}
	if (rc != SQLITE_DONE) {
		char *message = db_message(im->store);
		db_finish(stmt);
		return db_error(error, message);
	}
	db_finish(stmt);
	return 0;
}

static int write_digest_row(struct import *im, const char *location, const char *hash,
                            char **error)
{
	struct store *store = im->store;
	const struct digest *d = im->digest;
	sqlite3_stmt *stmt;
	if (im->digest_id) {
		stmt = db_prepare(store,
			"UPDATE digests SET source_id = ?2, title = ?3, date = ?4, description = ?5,"
			" frontmatter_json = ?6, warning = ?7, raw = ?8, content_hash = ?9,"
			" fetched_at = ?10, sort_date = coalesce(?4, ?10) WHERE id = ?1");
		if (!stmt)
			return db_fail(store, error);
		sqlite3_bind_int64(stmt, 1, im->digest_id);
	} else {
		stmt = db_prepare(store,
			"INSERT INTO digests (source_id, title, date, description, frontmatter_json,"
			" warning, raw, content_hash, fetched_at, sort_date, location)"
			" VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, coalesce(?4, ?10), ?11)");
		if (!stmt)
			return db_fail(store, error);
		db_bind_text(stmt, 11, location);
	}
	if (im->source_id > 0)
		sqlite3_bind_int64(stmt, 2, im->source_id);
	else
		sqlite3_bind_null(stmt, 2);
	db_bind_text(stmt, 3, d->title ? d->title : "");
	db_bind_optional(stmt, 4, d->date);
	db_bind_optional(stmt, 5, d->description);
	db_bind_optional(stmt, 6, d->frontmatter_json);
	db_bind_optional(stmt, 7, d->warning);
	sqlite3_bind_blob64(stmt, 8, im->prepared->packed, im->prepared->packed_len, SQLITE_STATIC);
	db_bind_text(stmt, 9, hash);
	db_bind_text(stmt, 10, im->now);
	if (db_run(store, stmt, error) < 0)
		return -1;
	if (!im->digest_id)
		im->digest_id = sqlite3_last_insert_rowid(store->db);
	return 0;
}

static int64_t *touched_ids(const struct id_set *set, unsigned mask, unsigned want, size_t *count);

/* A changed digest's links and tags go before its new version goes in,
 * but for those of the items it lists again as they were (TOUCHED_KEPT),
 * and, in a feed, those of the entries that dropped out of its window
 * (window.c).  Its mentions stay: each item listed again has its mention
 * rewritten in place (insert_mention), so its id, and with it the
 * full-text row of a mention whose text is the same, stays;
 * forget_dropped_mentions then deletes those of the items a re-published
 * digest no longer lists. */
static int delete_digest_contents(struct import *im, char **error)
{
	static const char *const deletes[] = {
		/* through tags_item (item_id, digest_id) and links_item
		 * (item_id, kind) from the items the digest mentioned, so
		 * neither table needs an index of its own on digest_id (schema
		 * 11): every link and tag row of a digest is an item's it
		 * mentions; those of items listed again as they were stay
		 * (find_listed_again) */
		"DELETE FROM tag_rows WHERE digest_id = ?1 AND item_id IN"
		" (SELECT value FROM json_each(?2))",
		"DELETE FROM links WHERE digest_id = ?1 AND item_id IN"
		" (SELECT value FROM json_each(?2))",
		"DELETE FROM digest_tags WHERE digest_id = ?1",
	};
	size_t n;
	int64_t *ids = im->window
		? touched_ids(&im->touched, TOUCHED_LISTED | TOUCHED_KEPT, TOUCHED_LISTED, &n)
		: touched_ids(&im->touched, TOUCHED_OLD | TOUCHED_KEPT, TOUCHED_OLD, &n);
	struct strbuf json;
	strbuf_init(&json);
	db_ids_json(&json, ids, n);
	free(ids);
	int rc = 0;
	for (size_t i = 0; i < sizeof deletes / sizeof deletes[0] && rc == 0; i++) {
		sqlite3_stmt *stmt = db_prepare(im->store, deletes[i]);
		if (!stmt) {
			rc = db_fail(im->store, error);
			break;
		}
		sqlite3_bind_int64(stmt, 1, im->digest_id);
		if (i < 2)
			sqlite3_bind_text(stmt, 2, json.data, (int)json.len, SQLITE_STATIC);
		rc = db_run(im->store, stmt, error);
	}
	strbuf_clear(&json);
	return rc;
}

/* The title of an item seen in several digests is that of its richest,
 * most recent mention: one with an excerpt that says something beats a
 * passing reference, then the newest digest wins.  Run after each mention,
 * so a changed digest re-imported renames its items. */
static int retitle_item(struct import *im, int64_t item_id, char **error)
{
	/* written only when the title changes (see upsert_item) */
	sqlite3_stmt *stmt = db_prepare(im->store,
		"UPDATE items SET title = t.title FROM (SELECT m.title FROM mentions m"
		"  JOIN digests d INDEXED BY digests_dates ON d.id = m.digest_id"
		"  WHERE m.item_id = ?1 AND coalesce(m.title, '') <> ''"
		"  ORDER BY coalesce(m.excerpt_len, length(CAST(m.markdown AS BLOB))) >= 60 DESC, coalesce(d.date, d.sort_date) DESC, d.id DESC"
		"  LIMIT 1) t WHERE items.id = ?1 AND items.title IS NOT t.title");
	if (!stmt)
		return db_fail(im->store, error);
	sqlite3_bind_int64(stmt, 1, item_id);
	return db_run(im->store, stmt, error);
}

/* Where the parser's offset places IT's excerpt of LEN bytes in RAW: known
 * once an excerpt was found by search (body_shift), and inside RAW. */
static bool excerpt_place(const struct import *im, const struct digest_item *it, size_t len,
                          int64_t *at)
{
	if (!im->raw || !it->markdown_is_slice || !im->body_shift_known)
		return false;
	*at = (int64_t)it->markdown_offset + im->body_shift;
	return *at >= 0 && (uint64_t)*at <= im->raw_len && len <= im->raw_len - (size_t)*at;
}

/* Where IT's summary occurs verbatim in the digest's text, to be stored as
 * a range (SUMMARY_COLUMN, internal.h): looked for in the item's own
 * excerpt when the parser's offset places it (the search then costs the
 * item's length, not the digest's), else from where the previous excerpt
 * ended, where this item's begins (the excerpt hint is not moved). */
static bool summary_range(struct import *im, const struct digest_item *it, int64_t *start,
                          size_t *len)
{
	if (!it->summary || !im->raw)
		return false;
	*len = strlen(it->summary);
	if (*len < SUMMARY_MIN_RANGE)
		return false;
	int64_t at;
	size_t span = it->markdown ? strlen(it->markdown) : 0;
	if (span && excerpt_place(im, it, span, &at)) {
		const char *found = memmem(im->raw + at, span, it->summary, *len);
		if (found) {
			*start = found - im->raw;
			return true;
		}
	}
	size_t hint = im->excerpt_hint;
	return excerpt_locate(im->raw, im->raw_len, it->summary, *len, &hint, &im->excerpt_budget,
	                      start);
}

/* Before a changed digest's text is replaced: the summaries that are ranges
 * into it become text (every such item is one the digest mentions). */
static int keep_summaries(struct import *im, char **error)
{
	sqlite3_stmt *stmt = db_prepare(im->store,
		"UPDATE items SET summary = (SELECT CAST(substr(radar_raw(d.raw), items.summary_start + 1,"
		"   items.summary_len) AS TEXT) FROM digests d WHERE d.id = ?1),"
		" summary_digest = NULL, summary_start = NULL, summary_len = NULL"
		" WHERE id IN (SELECT item_id FROM mentions WHERE digest_id = ?1) AND summary_digest = ?1");
	if (!stmt)
		return db_fail(im->store, error);
	sqlite3_bind_int64(stmt, 1, im->digest_id);
	return db_run(im->store, stmt, error);
}

/* Whether a mention's summary replaces the item's: it has one, and the item
 * none yet or the mention is at least as recent. */
#define TAKES_SUMMARY "(?3 IS NOT NULL AND (summary IS NULL OR coalesce(?5, '') >= coalesce(date, '')))"

/* The id of the item KEY names, 0 if none. */
static int item_by_key(struct import *im, const char *key, int64_t *item_id, char **error)
{
	sqlite3_stmt *stmt = db_prepare(im->store, "SELECT id FROM items WHERE key = ?1");
	if (!stmt)
		return db_fail(im->store, error);
	db_bind_text(stmt, 1, key);
	int rc = sqlite3_step(stmt);
	*item_id = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_step_error(im->store, stmt, rc, error);
	db_finish(stmt);
	return 0;
}

/* Find the item for KEY or create it; *CREATED tells which. */
static int upsert_item(struct import *im, const struct digest_item *it, int64_t *item_id,
                       bool *created, char **error)
{
	struct store *store = im->store;
	sqlite3_stmt *stmt;
	int rc;
	/* find_listed_again may have looked the key up already */
	*item_id = im->item_ids[it - im->digest->items];
	if (!*item_id && item_by_key(im, it->key, item_id, error) < 0)
		return -1;

	if (*item_id) {
		/* Seen before: a mention at least as recent that says something
		 * (it has a summary) gives the summary and URL; a passing reference
		 * only fills gaps.  The date is the most recent one; the title is
		 * chosen by retitle_item once the mention is in. */
		*created = false;
		/* The row is written only when a value changes: an item a
		 * re-published digest or a moved feed lists again as it was
		 * (most of them) costs a read, not a row and its indexes. */
#define MERGED_COLUMNS "(title, summary, summary_digest, summary_start, summary_len, url, date," \
	" authors, sort_date)"
#define MERGED_VALUES "(CASE WHEN title = '' THEN coalesce(?2, '') ELSE title END," \
	" CASE WHEN " TAKES_SUMMARY " THEN CASE WHEN ?13 IS NULL THEN ?3 ELSE '' END ELSE summary END," \
	" CASE WHEN " TAKES_SUMMARY " THEN ?15 ELSE summary_digest END," \
	" CASE WHEN " TAKES_SUMMARY " THEN ?13 ELSE summary_start END," \
	" CASE WHEN " TAKES_SUMMARY " THEN ?14 ELSE summary_len END," \
	" CASE WHEN ?4 IS NULL THEN url WHEN url IS NULL THEN ?4" \
	"  WHEN ?3 IS NOT NULL AND coalesce(?5, '') >= coalesce(date, '') THEN ?4 ELSE url END," \
	" CASE WHEN ?5 IS NULL THEN date WHEN date IS NULL OR ?5 > date THEN ?5 ELSE date END," \
	" coalesce(authors, ?6)," \
	" CASE WHEN ?5 IS NULL THEN coalesce(date, first_seen)" \
	"  WHEN date IS NULL OR ?5 > date THEN ?5 ELSE date END)"
		stmt = db_prepare(store,
			"UPDATE items SET " MERGED_COLUMNS " = " MERGED_VALUES
			" WHERE id = ?1 AND " MERGED_COLUMNS " IS NOT " MERGED_VALUES);
#undef MERGED_COLUMNS
#undef MERGED_VALUES
		if (!stmt)
			return db_fail(store, error);
		sqlite3_bind_int64(stmt, 1, *item_id);
	} else {
		*created = true;
		/* A key that comes back after its item was removed gets its
		 * read mark back. */
		bool restored = false, was_read = false;
		char *read_at = NULL;
		stmt = db_prepare(store, "SELECT read, read_at FROM removed_marks WHERE key = ?1");
		if (!stmt)
			return db_fail(store, error);
		db_bind_text(stmt, 1, it->key);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW) {
			restored = true;
			was_read = sqlite3_column_int(stmt, 0) != 0;
			read_at = db_column_text(stmt, 1);
		} else if (rc != SQLITE_DONE) {
			return db_step_error(store, stmt, rc, error);
		}
		db_finish(stmt);
		if (restored) {
			stmt = db_prepare(store, "DELETE FROM removed_marks WHERE key = ?1");
			if (!stmt) {
				free(read_at);
				return db_fail(store, error);
			}
			db_bind_text(stmt, 1, it->key);
			if (db_run(store, stmt, error) < 0) {
				free(read_at);
				return -1;
			}
		}
		stmt = db_prepare(store,
			"INSERT INTO items (key, kind, kinds, title, summary, url, date, authors,"
			" read, read_at, first_seen, first_source_id, sort_date,"
			" summary_digest, summary_start, summary_len)"
			" VALUES (?7, ?8, ',' || ?8 || ',', coalesce(?2, ''),"
			"  CASE WHEN ?13 IS NULL THEN ?3 ELSE '' END, ?4, ?5, ?6,"
			"  ?11, ?12, ?9, ?10, coalesce(?5, ?9), ?15, ?13, ?14)");
		if (!stmt) {
			free(read_at);
			return db_fail(store, error);
		}
		db_bind_text(stmt, 7, it->key);
		db_bind_text(stmt, 8, kind_to_text(it->kind));
		db_bind_text(stmt, 9, im->now);
		if (im->source_id > 0)
			sqlite3_bind_int64(stmt, 10, im->source_id);
		sqlite3_bind_int(stmt, 11, was_read);
		im->created_read[it - im->digest->items] = was_read;
		if (read_at)
			sqlite3_bind_text(stmt, 12, read_at, -1, free);
	}
	db_bind_optional(stmt, 2, it->title);
	db_bind_optional(stmt, 3, it->summary);
	db_bind_optional(stmt, 4, it->url);
	db_bind_optional(stmt, 5, it->date);
	db_bind_optional(stmt, 6, it->authors);
	int64_t summary_start;
	size_t summary_len;
	if (summary_range(im, it, &summary_start, &summary_len)) {
		sqlite3_bind_int64(stmt, 13, summary_start);
		sqlite3_bind_int64(stmt, 14, (int64_t)summary_len);
		sqlite3_bind_int64(stmt, 15, im->digest_id);
	}
	if (db_run(store, stmt, error) < 0)
		return -1;
	if (*created)
		*item_id = sqlite3_last_insert_rowid(store->db);
	return 0;
}

/* The same key twice in one digest: one mention, first position, both
 * excerpts, joined into a copy (rare: the range cannot hold two). */
static int merge_mention(struct import *im, int64_t item_id, const char *markdown, char **error)
{
	if (!*markdown)
		return 0;
	struct store *store = im->store;
	sqlite3_stmt *stmt = db_prepare(store,
		"SELECT excerpt_start, excerpt_len, markdown FROM mentions"
		" WHERE item_id = ?1 AND digest_id = ?2");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, item_id);
	sqlite3_bind_int64(stmt, 2, im->digest_id);
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW)
		return db_step_error(store, stmt, rc, error);
	struct strbuf joined;
	strbuf_init(&joined);
	if (sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
		int64_t start = sqlite3_column_int64(stmt, 0), len = sqlite3_column_int64(stmt, 1);
		if (start >= 0 && len >= 0 && (uint64_t)(start + len) <= im->raw_len)
			strbuf_append(&joined, im->raw + start, (size_t)len);
	} else {
		strbuf_append(&joined, (const char *)sqlite3_column_text(stmt, 2),
		              (size_t)sqlite3_column_bytes(stmt, 2));
	}
	db_finish(stmt);
	if (joined.len)
		strbuf_puts(&joined, "\n\n");
	strbuf_puts(&joined, markdown);
	stmt = db_prepare(store,
		"UPDATE mentions SET markdown = ?3, excerpt_start = NULL, excerpt_len = NULL"
		" WHERE item_id = ?1 AND digest_id = ?2");
	if (!stmt) {
		strbuf_clear(&joined);
		return db_fail(store, error);
	}
	sqlite3_bind_int64(stmt, 1, item_id);
	sqlite3_bind_int64(stmt, 2, im->digest_id);
	sqlite3_bind_text(stmt, 3, joined.data, (int)joined.len, SQLITE_TRANSIENT);
	strbuf_clear(&joined);
	return db_run(store, stmt, error);
}

/* The excerpt where the parser's offset says it is in RAW, checked byte
 * for byte (a sanitised body can differ from RAW: then excerpt_locate
 * searches, as for every excerpt before this). */
static bool excerpt_at(struct import *im, const struct digest_item *it, const char *markdown,
                       size_t len, int64_t *start)
{
	int64_t at;
	if (len == 0 || !excerpt_place(im, it, len, &at) || memcmp(im->raw + at, markdown, len) != 0)
		return false;
	*start = at;
	im->excerpt_hint = (size_t)at + len;
	return true;
}

/* A mention; its excerpt is a byte range into the stored digest when it
 * occurs there verbatim, a copy otherwise. */
static int insert_mention(struct import *im, int64_t item_id, const struct digest_item *it,
                          int position, bool again, bool listed_again, char **error)
{
	const char *markdown = it->markdown ? it->markdown : "";
	if (again)
		return merge_mention(im, item_id, markdown, error);
	size_t len = strlen(markdown);
	int64_t start = 0;
	bool ranged = excerpt_at(im, it, markdown, len, &start);
	if (!ranged) {
		ranged = excerpt_locate(im->raw, im->raw_len, markdown, len, &im->excerpt_hint,
		                        &im->excerpt_budget, &start);
		if (ranged && it->markdown_is_slice) {
			im->body_shift = start - (int64_t)it->markdown_offset;
			im->body_shift_known = true;
		}
	}
	sqlite3_stmt *stmt = db_prepare(im->store, listed_again
		? "UPDATE mentions SET section = ?3, position = ?4, title = ?5, markdown = ?6,"
		  " excerpt_start = ?7, excerpt_len = ?8 WHERE item_id = ?1 AND digest_id = ?2"
		: "INSERT INTO mentions (item_id, digest_id, section, position, title, markdown,"
		  " excerpt_start, excerpt_len) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	if (!stmt)
		return db_fail(im->store, error);
	sqlite3_bind_int64(stmt, 1, item_id);
	sqlite3_bind_int64(stmt, 2, im->digest_id);
	db_bind_text(stmt, 3, it->section ? it->section : "");
	sqlite3_bind_int(stmt, 4, position);
	db_bind_optional(stmt, 5, it->title);
	if (ranged) {
		sqlite3_bind_text(stmt, 6, "", 0, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 7, start);
		sqlite3_bind_int64(stmt, 8, (int64_t)len);
	} else {
		sqlite3_bind_text(stmt, 6, markdown, (int)len, SQLITE_STATIC);
	}
	return db_run(im->store, stmt, error);
}

static int insert_links(struct import *im, int64_t item_id, const struct digest_item *it,
                        char **error)
{
	for (size_t i = 0; i < it->link_count; i++) {
		const struct digest_link *link = &it->links[i];
		if (!link->url || !*link->url)
			continue;
		sqlite3_stmt *stmt = db_prepare(im->store,
			"INSERT INTO links (item_id, digest_id, url, text, kind, key)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
		if (!stmt)
			return db_fail(im->store, error);
		sqlite3_bind_int64(stmt, 1, item_id);
		sqlite3_bind_int64(stmt, 2, im->digest_id);
		db_bind_text(stmt, 3, link->url);
		db_bind_text(stmt, 4, link->text ? link->text : "");
		db_bind_text(stmt, 5, kind_to_text(link->kind));
		const char *key = link_stored_key(link);
		if (key)
			db_bind_text(stmt, 6, key);
		if (db_run(im->store, stmt, error) < 0)
			return -1;
	}
	return 0;
}

static int insert_tags(struct import *im, int64_t item_id, const struct digest_tag *tags,
                       size_t count, const char *default_origin, bool again, char **error)
{
	for (size_t i = 0; i < count; i++) {
		/* Once per item, digest, tag and origin, kept here: a unique
		 * index would be a second copy of the table.  The item's own list
		 * is checked in memory (tag_row_of); only a key met again in this
		 * digest (its tags are written twice) asks the cache, through
		 * tags_item (a NOT EXISTS on every row made the import half as
		 * slow again). */
		const char *origin;
		if (!tag_row_of(tags, i, default_origin, &origin))
			continue;
		/* Every statement here writes one row: a statement that may
		 * write several (INSERT ... SELECT) keeps a statement journal,
		 * and closing one inside the digest's savepoint walks the whole
		 * savepoint journal, per tag (a fifth of the 10^5 import). */
		int64_t tag_id;
		if (tag_name_id(im->store, tags[i].name, &tag_id, error) < 0)
			return -1;
		if (again) {
			sqlite3_stmt *known = db_prepare(im->store,
				"SELECT EXISTS (SELECT 1 FROM tag_rows WHERE item_id = ?1 AND digest_id = ?2"
				" AND tag_id = ?3 AND origin = ?4)");
			if (!known)
				return db_fail(im->store, error);
			sqlite3_bind_int64(known, 1, item_id);
			sqlite3_bind_int64(known, 2, im->digest_id);
			sqlite3_bind_int64(known, 3, tag_id);
			db_bind_text(known, 4, origin);
			int rc = sqlite3_step(known);
			if (rc != SQLITE_ROW)
				return db_step_error(im->store, known, rc, error);
			bool exists = sqlite3_column_int(known, 0) != 0;
			db_finish(known);
			if (exists)
				continue;
		}
		sqlite3_stmt *stmt = db_prepare(im->store,
			"INSERT INTO tag_rows (item_id, tag_id, origin, digest_id) VALUES (?1, ?2, ?3, ?4)");
		if (!stmt)
			return db_fail(im->store, error);
		sqlite3_bind_int64(stmt, 1, item_id);
		sqlite3_bind_int64(stmt, 2, tag_id);
		db_bind_text(stmt, 3, origin);
		sqlite3_bind_int64(stmt, 4, im->digest_id);
		if (db_run(im->store, stmt, error) < 0)
			return -1;
	}
	return 0;
}

/* The digest's own tags, once (reads.c and query.c give them to every item
 * the digest mentions). */
static int insert_digest_tags(struct import *im, char **error)
{
	const struct digest *d = im->digest;
	for (size_t i = 0; i < d->tag_count; i++) {
		if (!d->tags[i].name || !*d->tags[i].name)
			continue;
		sqlite3_stmt *stmt = db_prepare(im->store,
			"INSERT OR IGNORE INTO digest_tags (digest_id, tag, origin) VALUES (?1, ?2, ?3)");
		if (!stmt)
			return db_fail(im->store, error);
		sqlite3_bind_int64(stmt, 1, im->digest_id);
		db_bind_text(stmt, 2, d->tags[i].name);
		db_bind_text(stmt, 3, digest_tag_origin(&d->tags[i]));
		if (db_run(im->store, stmt, error) < 0)
			return -1;
	}
	return 0;
}

/* A changed digest or a feed whose window moved, before anything changes:
 * the items the previous version mentioned that this one lists again get
 * TOUCHED_LISTED, and those listed again once whose links and tags from it
 * are the ones it gives now TOUCHED_KEPT (only while it is still its
 * source's with the same own tags, which every item's counts depend on).
 * The ids found go into item_ids for upsert_item. */
static int find_listed_again(struct import *im, char **error)
{
	bool comparable = im->old_source == (im->source_id > 0 ? im->source_id : 0);
	if (comparable &&
	    kept_digest_tags_same(im->store, im->digest_id, im->digest, &comparable, error) < 0)
		return -1;
	const struct digest *d = im->digest;
	for (size_t i = 0; i < d->item_count; i++) {
		const struct digest_item *it = &d->items[i];
		int64_t id = 0;
		if (!it->key || !*it->key)
			continue;
		if (item_by_key(im, it->key, &id, error) < 0)
			return -1;
		im->item_ids[i] = id;
		size_t slot = id_slot(&im->touched, id);
		if (!id || im->touched.ids[slot] != id || !(im->touched.flags[slot] & TOUCHED_OLD))
			continue;
		unsigned char *flags = &im->touched.flags[slot];
		if (*flags & TOUCHED_LISTED) {
			*flags &= (unsigned char)~TOUCHED_KEPT;     /* listed twice: the second adds rows */
			continue;
		}
		*flags |= TOUCHED_LISTED;
		bool links = false, tags = false;
		if (comparable &&
		    (kept_links_same(im->store, im->digest_id, id, it, &links, error) < 0 ||
		     (links && kept_tags_same(im->store, im->digest_id, id, it->tags, it->tag_count,
		                              "field", &tags, error) < 0)))
			return -1;
		if (links && tags)
			*flags |= TOUCHED_KEPT;
	}
	return 0;
}

static int import_items(struct import *im, char **error)
{
	const struct digest *d = im->digest;
	for (size_t i = 0; i < d->item_count; i++) {
		const struct digest_item *it = &d->items[i];
		if (!it->key || !*it->key)
			continue;
		int64_t item_id = 0;
		bool created = false;
		if (upsert_item(im, it, &item_id, &created, error) < 0)
			return -1;
		im->item_ids[i] = item_id;
		unsigned before = id_set_add(&im->touched, item_id,
		                             TOUCHED_NEW | (created ? TOUCHED_CREATED : 0));
		/* An item this digest created has this one mention, whose title
		 * it was given: nothing to choose from. */
		bool only_mention = created && !(before & TOUCHED_NEW);
		/* An item the previous version listed too: its mention is
		 * rewritten in place; its links and tags went unless they are
		 * kept (delete_digest_contents). */
		bool listed_again = (before & TOUCHED_OLD) && !(before & TOUCHED_NEW);
		bool rows_kept = listed_again && (before & TOUCHED_KEPT);
		if (insert_mention(im, item_id, it, (int)i, (before & TOUCHED_NEW) != 0, listed_again,
		                   error) < 0 ||
		    (!only_mention && retitle_item(im, item_id, error) < 0) ||
		    (!rows_kept && insert_links(im, item_id, it, error) < 0) ||
		    (!rows_kept && insert_tags(im, item_id, it->tags, it->tag_count, "field",
		                               (before & TOUCHED_NEW) != 0, error) < 0))
			return -1;
	}
	return insert_digest_tags(im, error);
}

/* Remove an item nothing mentions any more, remembering its read mark. */
static int remove_item(struct import *im, int64_t item_id, char **error)
{
	struct store *store = im->store;
	sqlite3_stmt *stmt = db_prepare(store,
		"INSERT OR REPLACE INTO removed_marks (key, read, starred, read_at, removed_at)"
		" SELECT key, read, starred, read_at, ?2 FROM items WHERE id = ?1 AND read = 1");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, item_id);
	db_bind_text(stmt, 2, im->now);
	if (db_run(store, stmt, error) < 0)
		return -1;
	stmt = db_prepare(store, "DELETE FROM items WHERE id = ?1");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, item_id);
	return db_run(store, stmt, error);
}

static int compare_ids(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* The touched items whose flags, masked by MASK, equal WANT. */
static int64_t *touched_ids(const struct id_set *set, unsigned mask, unsigned want, size_t *count)
{
	int64_t *ids = xcalloc(set->count + 1, sizeof *ids);
	*count = 0;
	for (size_t i = 0; i < set->capacity; i++)
		if (set->ids[i] != 0 && (set->flags[i] & mask) == want)
			ids[(*count)++] = set->ids[i];
	return ids;
}

/* A re-published digest: the mentions of the items it no longer lists
 * (a feed's stay: window.c). */
static int forget_dropped_mentions(struct import *im, char **error)
{
	size_t n;
	int64_t *ids = touched_ids(&im->touched, TOUCHED_OLD | TOUCHED_NEW, TOUCHED_OLD, &n);
	int rc = 0;
	if (n > 0) {
		struct strbuf json;
		strbuf_init(&json);
		db_ids_json(&json, ids, n);
		sqlite3_stmt *stmt = db_prepare(im->store,
			"DELETE FROM mentions WHERE digest_id = ?1"
			" AND item_id IN (SELECT value FROM json_each(?2))");
		if (!stmt) {
			rc = db_fail(im->store, error);
		} else {
			sqlite3_bind_int64(stmt, 1, im->digest_id);
			sqlite3_bind_text(stmt, 2, json.data, (int)json.len, SQLITE_STATIC);
			rc = db_run(im->store, stmt, error);
		}
		strbuf_clear(&json);
	}
	free(ids);
	return rc;
}

/* Recount every touched item's mentions, kinds and latest mention date
 * (its digests' newest sort_date), in one statement over
 * the ids in ascending order (pages of the items table are visited in
 * order); remove those nothing mentions any more (unless starred or tagged
 * by the user), remembering their read marks. */
static int settle_items(struct import *im, char **error)
{
	struct store *store = im->store;
	size_t n = 0;
	int64_t *ids = touched_ids(&im->touched, 0, 0, &n);
	qsort(ids, n, sizeof *ids, compare_ids);
	struct strbuf json;
	strbuf_init(&json);
	db_ids_json(&json, ids, n);
	sqlite3_stmt *stmt = db_prepare(store,
		"UPDATE items SET"
		" mention_count = (SELECT count(*) FROM mentions WHERE item_id = items.id),"
		/* the Hot entry's count (query.c) reads this, not the mentions;
		 * a correlated lookup, never a join (itemcount.c says why), in
		 * digests_dates, never the row (schema 16 says why) */
		" last_mentioned = (SELECT max((SELECT d.sort_date FROM digests d INDEXED BY digests_dates"
		"   WHERE d.id = m.digest_id))"
		"   FROM mentions m WHERE m.item_id = items.id),"
		" kinds = ',' || kind || ',' || coalesce((SELECT group_concat(k, ',') || ','"
		"   FROM (SELECT DISTINCT kind AS k FROM links WHERE item_id = items.id"
		"   AND kind <> items.kind)), '')"
		" WHERE id IN (SELECT value FROM json_each(?1)) RETURNING id, mention_count,"
		/* The user's own tags keep an item as a star does. */
		" starred OR EXISTS (SELECT 1 FROM tags WHERE item_id = items.id AND origin = 'user')");
	if (!stmt) {
		strbuf_clear(&json);
		free(ids);
		return db_fail(store, error);
	}
	sqlite3_bind_text(stmt, 1, json.data, (int)json.len, SQLITE_STATIC);
	/* RETURNING rows are all computed by the first step: the update is
	 * done when the first row comes.  The ids array is reused for the
	 * items to remove. */
	size_t removed = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		if (sqlite3_column_int64(stmt, 1) == 0 && sqlite3_column_int(stmt, 2) == 0)
			ids[removed++] = sqlite3_column_int64(stmt, 0);
	if (rc != SQLITE_DONE) {
		db_step_error(store, stmt, rc, error);
		strbuf_clear(&json);
		free(ids);
		return -1;
	}
	db_finish(stmt);
	strbuf_clear(&json);
	qsort(ids, removed, sizeof *ids, compare_ids);
	int result = 0;
	for (size_t i = 0; i < removed && result == 0; i++)
		result = remove_item(im, ids[i], error);
	free(ids);
	return result;
}

/* Whether the mention this version of the digest gives ITEM_ID says what
 * the previous version's said. */
static int mention_same(struct import *im, int64_t item_id, uint64_t old_hash, bool *same,
                        char **error)
{
	sqlite3_stmt *stmt = db_prepare(im->store,
		"SELECT " MENTION_COLUMNS " FROM mentions WHERE item_id = ?1 AND digest_id = ?2");
	if (!stmt)
		return db_fail(im->store, error);
	sqlite3_bind_int64(stmt, 1, item_id);
	sqlite3_bind_int64(stmt, 2, im->digest_id);
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW)
		return db_step_error(im->store, stmt, rc, error);
	*same = mention_hash(stmt, 0, im->raw, im->raw_len) == old_hash;
	db_finish(stmt);
	return 0;
}

/* Each item this digest mentions is counted once, as one thing: NEW when
 * this import created it, UPDATED when it existed before the run and this
 * digest now says something new about it (a first mention here, or a
 * changed excerpt); an item the same run created earlier is neither (one
 * `radar import` of two files sharing a paper: one new item). */
static int count_items(struct import *im, char **error)
{
	const struct id_set *set = &im->touched;
	for (size_t i = 0; i < set->capacity; i++) {
		int64_t id = set->ids[i];
		unsigned flags = set->flags[i];
		if (id == 0 || !(flags & TOUCHED_NEW))
			continue;
		if (flags & TOUCHED_CREATED) {
			im->result->items_new++;
			continue;
		}
		if (im->store->run_floor > 0 && id >= im->store->run_floor)
			continue;
		bool same = false;
		if ((flags & TOUCHED_OLD) && mention_same(im, id, set->excerpts[i], &same, error) < 0)
			return -1;
		if (!same)
			im->result->items_updated++;
	}
	return 0;
}

/* item_counts_add over COUNT ids. */
static int counts_add(struct import *im, const int64_t *ids, size_t count, int64_t exclude_digest,
                      int sign, char **error)
{
	if (count == 0)
		return 0;
	struct strbuf json;
	strbuf_init(&json);
	db_ids_json(&json, ids, count);
	int rc = item_counts_add(im->store, json.data, exclude_digest, sign, error);
	strbuf_clear(&json);
	return rc;
}

/* store->counting, before the previous version's contents go: the tags of
 * the items it mentioned, and their item_counts taken off. */
static int count_before(struct import *im, char **error)
{
	if (!im->store->counting)
		return 0;
	size_t n;
	int64_t *ids = touched_ids(&im->touched, TOUCHED_OLD | TOUCHED_KEPT, TOUCHED_OLD, &n);
	int rc = tag_sets_read(im->store, ids, n, 0, &im->before, error);
	if (rc == 0)
		rc = counts_add(im, ids, n, 0, -1, error);
	free(ids);
	return rc;
}

/* store->counting, once the digest's items are in and before boilerplate.c
 * and settle_items change them: the item_counts of the items it mentions
 * that other digests alone mentioned before (all their marks, kinds and
 * boilerplate are still as they were) taken off, as they were without it. */
static int count_middle(struct import *im, char **error)
{
	if (!im->store->counting)
		return 0;
	size_t n;
	int64_t *ids = touched_ids(&im->touched, TOUCHED_OLD | TOUCHED_NEW | TOUCHED_CREATED, TOUCHED_NEW, &n);
	int rc = counts_add(im, ids, n, im->digest_id, -1, error);
	free(ids);
	if (rc == 0)
		rc = db_exec(im->store, "DELETE FROM temp.count_flips", error);
	return rc;
}

static void pair_add(struct tag_sets *sets, int64_t item, const char *tag, bool unread)
{
	sets->pairs = xgrow(sets->pairs, &sets->capacity, sets->count + 1, sizeof *sets->pairs);
	sets->pairs[sets->count++] = (struct tag_pair){ .item = item, .tag = xstrdup(tag),
	                                                .unread = unread };
}

/* What the items this digest created have, known without asking the cache:
 * the tags rows insert_tags wrote for them and the digest's own tags (no
 * other digest mentions them; no user tags, which only pending marks, not
 * counted here, could give them). */
static void created_pairs(const struct import *im, struct tag_sets *out)
{
	const struct digest *d = im->digest;
	for (size_t i = 0; i < d->item_count; i++) {
		int64_t id = im->item_ids[i];
		if (!id || !(im->touched.flags[id_slot(&im->touched, id)] & TOUCHED_CREATED))
			continue;
		bool unread = !im->created_read[i];
		const struct digest_item *it = &d->items[i];
		for (size_t k = 0; k < it->tag_count; k++)
			if (tag_is_stored(&it->tags[k]))
				pair_add(out, id, it->tags[k].name, unread);
		for (size_t k = 0; k < d->tag_count; k++)
			if (d->tags[k].name && *d->tags[k].name)
				pair_add(out, id, d->tags[k].name, unread);
	}
}

/* store->counting, once the items are settled: what every touched item has
 * now against what it had, tag_counts moved by the difference.  An item
 * the previous version did not mention had before what it has now from
 * other digests; an item this digest created had nothing. */
static int count_after(struct import *im, char **error)
{
	if (!im->store->counting)
		return 0;
	struct tag_sets after = { 0 };
	created_pairs(im, &after);
	size_t n;
	int64_t *ids = touched_ids(&im->touched, TOUCHED_CREATED | TOUCHED_KEPT, 0, &n);
	int rc = tag_sets_read(im->store, ids, n, 0, &after, error);
	free(ids);
	if (rc == 0) {
		ids = touched_ids(&im->touched, TOUCHED_OLD | TOUCHED_NEW | TOUCHED_CREATED, TOUCHED_NEW, &n);
		rc = tag_sets_read(im->store, ids, n, im->digest_id, &im->before, error);
		free(ids);
	}
	if (rc == 0)
		rc = tag_counts_apply(im->store, &im->before, &after, im->digest, error);
	tag_sets_clear(&after);
	if (rc == 0) {
		/* item_counts: every touched item added as it is now (a removed
		 * one is not there to add; count_before and count_middle took
		 * off what each had), then the other items boilerplate.c
		 * changed. */
		ids = touched_ids(&im->touched, TOUCHED_KEPT, 0, &n);
		struct strbuf json;
		strbuf_init(&json);
		db_ids_json(&json, ids, n);
		free(ids);
		rc = item_counts_add(im->store, json.data, 0, 1, error);
		if (rc == 0)
			rc = item_counts_apply_flips(im->store, json.data, error);
		strbuf_clear(&json);
	}
	return rc;
}

int store_import_run_begin(struct store *store, char **error)
{
	sqlite3_stmt *stmt = db_prepare(store, "SELECT coalesce(max(id), 0) + 1 FROM items");
	if (!stmt)
		return db_fail(store, error);
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW)
		return db_step_error(store, stmt, rc, error);
	store->run_floor = sqlite3_column_int64(stmt, 0);
	db_finish(stmt);
	return 0;
}

/* Window mode: the mentions this version gives, not those kept from
 * entries that dropped out. */
static int count_listed(const struct id_set *set)
{
	int count = 0;
	for (size_t i = 0; i < set->capacity; i++)
		if (set->ids[i] != 0 && (set->flags[i] & TOUCHED_NEW))
			count++;
	return count;
}

static int finish_digest_row(struct import *im, char **error)
{
	sqlite3_stmt *stmt = db_prepare(im->store,
		"UPDATE digests SET item_count ="
		" (SELECT count(*) FROM mentions WHERE digest_id = ?1) WHERE id = ?1");
	if (!stmt)
		return db_fail(im->store, error);
	sqlite3_bind_int64(stmt, 1, im->digest_id);
	if (db_run(im->store, stmt, error) < 0)
		return -1;
	im->result->mentions = im->window ? count_listed(&im->touched)
	                                  : (int)count_digest_mentions(im->store, im->digest_id);
	return 0;
}

static int import_prepared(struct store *store, int64_t source_id, const char *location,
                           const char *raw, size_t raw_len, const struct digest *digest,
                           const struct store_prepared *prepared, enum store_import_mode mode,
                           struct store_import_result *result, char **error);

int store_import_digest(struct store *store, int64_t source_id, const char *location,
                        const char *raw, size_t raw_len, const struct digest *digest,
                        struct store_import_result *result, char **error)
{
	return store_import_digest_prepared(store, source_id, location, raw, raw_len, digest, NULL,
	                                    STORE_IMPORT_REPLACE, result, error);
}

/* Everything of a digest's import that needs no cache: compressing the
 * text, its content hash, the items' boilerplate fingerprints.  On ingest's
 * workers, beside the parse, so the one writer only runs SQL. */
int store_prepare(const char *raw, size_t raw_len, const struct digest *digest,
                  struct store_prepared *out)
{
	memset(out, 0, sizeof *out);
	out->packed = raw_pack(raw, raw ? raw_len : 0, &out->packed_len);
	if (!out->packed)
		return -1;
	content_hash(raw ? raw : "", raw ? raw_len : 0, out->hash);
	out->item_count = digest->item_count;
	out->fingerprints = xcalloc(digest->item_count + 1, sizeof *out->fingerprints);
	boilerplate_fingerprints(digest, out->fingerprints);
	return 0;
}

void store_prepared_clear(struct store_prepared *prepared)
{
	free(prepared->packed);
	free(prepared->fingerprints);
	memset(prepared, 0, sizeof *prepared);
}

int store_import_digest_prepared(struct store *store, int64_t source_id, const char *location,
                                 const char *raw, size_t raw_len, const struct digest *digest,
                                 const struct store_prepared *prepared,
                                 enum store_import_mode mode, struct store_import_result *result,
                                 char **error)
{
	struct store_import_result ignored;
	if (!result)
		result = &ignored;
	memset(result, 0, sizeof *result);
	if (db_refuse_read_only(store, error) < 0)
		return -1;
	if (!location || !*location || !digest)
		return db_error(error, xstrdup(_("a digest needs a location and content")));

	struct store_prepared made;
	if (!prepared) {
		if (store_prepare(raw, raw_len, digest, &made) < 0)
			return db_error(error, xstrdup(_("cannot compress the digest")));
		prepared = &made;
	}
	int rc = import_prepared(store, source_id, location, raw, raw_len, digest, prepared, mode,
	                         result, error);
	if (prepared == &made)
		store_prepared_clear(&made);
	return rc;
}

static int import_prepared(struct store *store, int64_t source_id, const char *location,
                           const char *raw, size_t raw_len, const struct digest *digest,
                           const struct store_prepared *prepared, enum store_import_mode mode,
                           struct store_import_result *result, char **error)
{
	char old_hash[17];
	const char *hash = prepared->hash;
	struct import im = {
		.store = store,
		.source_id = source_id,
		.digest = digest,
		.raw = raw ? raw : "",
		.raw_len = raw ? raw_len : 0,
		.prepared = prepared,
		.result = result,
		.window = mode == STORE_IMPORT_WINDOW,
	};
	im.excerpt_budget = excerpt_budget(im.raw_len);
	db_now_iso(im.now);

	/* One transaction (or savepoint, in a batch): a process killed
	 * halfway leaves the previous version of everything. */
	if (batch_digest_begin(store, digest->item_count, error) < 0)
		return -1;
	if (find_digest(store, location, &im.digest_id, old_hash, error) < 0)
		goto failed;
	if (im.digest_id && strcmp(hash, old_hash) == 0) {
		result->unchanged = true;
		result->digest_id = im.digest_id;
		result->mentions = (int)count_digest_mentions(store, im.digest_id);
		batch_digest_abandon(store);        /* nothing was written */
		return 0;
	}

	id_set_init(&im.touched);
	fts_rows_init(&im.fts_old);
	im.item_ids = xcalloc(digest->item_count + 1, sizeof *im.item_ids);
	im.created_read = xcalloc(digest->item_count + 1, sizeof *im.created_read);
	/* The old index rows go while the old text they were made of is
	 * still there; the new ones are written at the end, a digest at a
	 * time in ascending rowid order (FTS5 flushes its pending data
	 * whenever a rowid goes down). */
	if ((im.digest_id && (remember_old_items(&im, error) < 0 ||
	                      find_listed_again(&im, error) < 0 ||
	                      count_before(&im, error) < 0 ||
	                      batch_remember_digest(store, im.digest_id, &im.fts_old,
	                                            &im.fts_remembered, error) < 0 ||
	                      keep_summaries(&im, error) < 0)) ||
	    write_digest_row(&im, location, hash, error) < 0 ||
	    delete_digest_contents(&im, error) < 0 ||
	    (im.window && window_copy_out_excerpts(store, im.digest_id, im.old_raw, im.old_raw_len,
	                                           error) < 0) ||
	    import_items(&im, error) < 0 ||
	    (!im.window && forget_dropped_mentions(&im, error) < 0) ||
	    count_middle(&im, error) < 0 ||
	    boilerplate_record(store, source_id > 0 ? source_id : 0, im.digest_id, im.old_edition,
	                       prepared->fingerprints, im.item_ids, digest->item_count, error) < 0 ||
	    count_items(&im, error) < 0 ||
	    settle_items(&im, error) < 0 ||
	    count_after(&im, error) < 0 ||
	    (im.fts_remembered ? fts_reindex_digest(store, im.digest_id, &im.fts_old, error)
	                       : batch_index_digest(store, im.digest_id, error)) < 0 ||
	    finish_digest_row(&im, error) < 0) {
		id_set_free(&im.touched);
		free(im.item_ids);
	free(im.created_read);
		free(im.old_raw);
		tag_sets_clear(&im.before);
		fts_rows_clear(&im.fts_old);
		free(im.old_edition);
		goto failed;
	}
	id_set_free(&im.touched);
	free(im.item_ids);
	free(im.created_read);
	free(im.old_raw);
	tag_sets_clear(&im.before);
	fts_rows_clear(&im.fts_old);
	free(im.old_edition);
	if (batch_digest_commit(store, error) < 0)
		goto failed;
	result->digest_id = im.digest_id;
	return 0;

failed:
	batch_digest_abandon(store);
	{
		struct store_import_result empty = { 0 };
		*result = empty;
	}
	return -1;
}

/* A mark is what the reader did by hand: make it durable at once (a full
 * sync of the WAL), not just safe from a crash of radar itself. */
int store_digest_unchanged(struct store *store, const char *location, const char *raw,
                           size_t raw_len, bool *unchanged, char **error)
{
	*unchanged = false;
	char hash[17], old_hash[17];
	int64_t id;
	content_hash(raw ? raw : "", raw ? raw_len : 0, hash);
	if (find_digest(store, location, &id, old_hash, error) < 0)
		return -1;
	*unchanged = id && strcmp(hash, old_hash) == 0;
	return 0;
}
