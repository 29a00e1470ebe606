/* The cache: one SQLite file (WAL) holding sources, digests, items, their
 * mentions, links and tags, and the reader's read/starred marks.
 *
 * Schema versions are PRAGMA user_version, one migration per version, each
 * in a transaction; a newer schema than this radar knows is refused.
 * Lists are paged: nothing here loads the whole cache. */
#ifndef RADAR_STORE_H
#define RADAR_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "digest.h"
#include "links.h"
#include "sorts.h"

/* One struct store is one SQLite connection, to be used by one thread at a
 * time.  Threads that need the cache each open their own (the UI thread
 * reads, the refresh thread writes); WAL lets them work side by side, and a
 * writer that finds another writer busy waits up to 5 seconds.  Errors are
 * one line, translated, and name the cache file. */
struct store;

enum store_mode {
	STORE_READ_WRITE,   /* creates the file and its directory if needed */
	STORE_READ_ONLY,
};

/* Returns 0, or -1 with *ERROR set to a one-line message (caller frees). */
int store_open(const char *path, enum store_mode mode, struct store **out, char **error);
void store_close(struct store *store);
/* ANALYZE / PRAGMA optimize after bulk work, so query plans stay fast. */
void store_optimize(struct store *store);
/* SQLite's process-wide settings, before any cache is opened (main's first
 * step): no memory statistics, which radar never reads and which take a
 * global mutex on every SQLite allocation. */
void store_library_init(void);

/* Copy the cache to PATH (a new file, replaced if it exists) with SQLite's
 * online backup API: one consistent snapshot, taken while other
 * connections go on reading and writing.  The copy has no -wal file. */
int store_backup(struct store *store, const char *path, char **error);

/* ---- marks by identity key (`radar marks`, store/marks-io.c) ---- */

/* Each mark as one JSON object (no newline) to EMIT, by key: items with a
 * star, a read mark or a user tag, then marks pending for items not in the
 * cache.  EMIT returns 0, or -1 to stop (then -1 with *ERROR NULL). */
int store_export_marks(struct store *store, int (*emit)(const char *json, void *data), void *data,
                       char **error);
/* Importing: store_import_mark between _begin and _end (one transaction).
 * One JSON object {"key", "starred", "read", "tags", ...}: 0 applied to
 * its item, 1 kept pending until an import creates the item, 2 not a mark
 * (*ERROR says why; nothing changed), -1 a cache error. */
int store_marks_import_begin(struct store *store, char **error);
int store_import_mark(struct store *store, const char *json, size_t len, char **error);
int store_marks_import_end(struct store *store, bool commit, char **error);

/* ---- writing (one writer) ---- */

/* Find or create a source by NAME; LOCATION may change between calls
 * (NULL keeps the one stored). */
int store_source_ensure(struct store *store, const char *name, const char *location,
                        int64_t *source_id, char **error);

/* Each item the digest mentions counts once, in at most one of NEW and
 * UPDATED. */
struct store_import_result {
	bool unchanged;         /* same content as last time: nothing was written */
	int64_t digest_id;
	int items_new;          /* items this import created */
	int items_updated;      /* items that existed before the run, first mentioned
	                         * here or with a changed excerpt */
	int mentions;           /* mentions this version of the digest gives
	                         * (STORE_IMPORT_WINDOW: not those kept) */
};

/* Starts a run of imports (one `radar import`, one refresh): from now on an
 * item created by one of its digests and mentioned by a later one is not
 * counted again as updated.  Lasts until the next call or store_close. */
int store_import_run_begin(struct store *store, char **error);

/* Store one digest, in one transaction: the digest row (LOCATION identifies
 * it; RAW is kept so the digest stays readable whole and can be extracted
 * again), its items (merged by key with what other digests said), mentions,
 * links and tags.  Re-importing unchanged content writes nothing; changed
 * content replaces this digest's mentions.  Read and starred marks are never
 * changed; an item no longer mentioned anywhere is removed unless starred,
 * and the read marks of removed items are remembered by key. */
int store_import_digest(struct store *store, int64_t source_id, const char *location,
                        const char *raw, size_t raw_len, const struct digest *digest,
                        struct store_import_result *result, char **error);
/* What a changed document does to what its previous version said. */
enum store_import_mode {
	/* A digest: the new version is all it says (a re-published digest is
	 * authoritative), so its previous mentions are replaced whole. */
	STORE_IMPORT_REPLACE,
	/* A feed, which lists only its latest N entries: an entry that dropped
	 * out of the new version keeps its mention, links and tags (and the
	 * item its fields); entries still listed are updated, new ones added. */
	STORE_IMPORT_WINDOW,
};
/* What the writer needs of a digest that takes no cache: made by
 * store_prepare on any thread (ingest's workers, beside parsing), so the
 * writer, the one thread that stores, only runs SQL. */
struct store_prepared {
	void *packed;               /* the text as digests.raw keeps it (raw.c) */
	size_t packed_len;
	char hash[17];              /* the content hash unchanged digests are known by */
	int64_t *fingerprints;      /* per item of the digest (boilerplate.c), 0: none */
	size_t item_count;
};
/* OUT made from RAW and the DIGEST parsed from it; -1 when zlib fails.
 * Pure: safe on any thread.  DIGEST must not change before it is stored. */
int store_prepare(const char *raw, size_t raw_len, const struct digest *digest,
                  struct store_prepared *out);
void store_prepared_clear(struct store_prepared *prepared);
/* The same, with MODE, and PREPARED made by store_prepare from RAW and
 * DIGEST, or NULL to make it here. */
int store_import_digest_prepared(struct store *store, int64_t source_id, const char *location,
                                 const char *raw, size_t raw_len, const struct digest *digest,
                                 const struct store_prepared *prepared,
                                 enum store_import_mode mode, struct store_import_result *result,
                                 char **error);

/* Bulk import (radar import, reindex, and a refresh, which commits with
 * store_batch_flush whenever it would wait for the network, so no batch
 * stays open, holding the write lock, while a slow source downloads): between store_batch_begin and
 * store_batch_end, store_import_digest keeps one transaction open across
 * digests and commits it every STORE_BATCH_MS (and at the end), each digest
 * in a savepoint of its own (one of many items in a transaction of its own,
 * the batch before it committed first).  A digest is still whole or absent after a
 * kill or a power cut; what can be lost is the batch not yet committed
 * (its digests are imported again the next time).  Other writes on the same
 * connection (validators, fetch records) join the open transaction. */
#define STORE_BATCH_MS 1000
int store_batch_begin(struct store *store, char **error);
int store_batch_end(struct store *store, char **error);
/* The open batch committed now (a refresh: when nothing else is ready). */
int store_batch_flush(struct store *store, char **error);
/* Whether a batch holds digests not yet committed. */
bool store_batch_is_open(const struct store *store);
/* How long the open batch has held its first uncommitted digest, in ms;
 * -1 when none is open. */
int64_t store_batch_age_ms(const struct store *store);
/* A batch's transaction stays open at most MS (from store_batch_begin:
 * STORE_BATCH_MS). */
void store_batch_interval(struct store *store, int ms);
/* Bulk writing of the full-text index: FTS5 merges lazily from _begin and
 * the index is merged tidy at _end (store_batch_begin/_end do both).  Only
 * speed depends on them; the index is whole either way. */
void store_index_bulk_begin(struct store *store);
void store_index_bulk_end(struct store *store);

/* Whether LOCATION already holds exactly RAW, so a caller can skip parsing
 * it (store_import_digest would report it unchanged). */
int store_digest_unchanged(struct store *store, const char *location, const char *raw,
                           size_t raw_len, bool *unchanged, char **error);

/* Marks are durable when these return (the WAL is synced). */
int store_set_read(struct store *store, int64_t item_id, bool read, char **error);
int store_set_starred(struct store *store, int64_t item_id, bool starred, char **error);
/* Many read marks or stars in one transaction (a whole view marked read, a
 * selection, an undo); CHANGED (COUNT entries, may be NULL) says which items
 * really changed (for an exact undo). */
int store_set_read_many(struct store *store, const int64_t *item_ids, size_t count, bool read,
                        bool *changed, char **error);
int store_set_starred_many(struct store *store, const int64_t *item_ids, size_t count,
                           bool starred, bool *changed, char **error);

/* The user's own tags (usertags.c): stored with origin "user" in the tags
 * table, so `tag:`/--tag filters, the tag pane and the counts see them;
 * never touched by an import or reindex; an item carrying one is kept
 * when no digest mentions it any more (as a starred one is).  Durable when
 * these return.  Adding a tag an item has, or removing one it has not,
 * changes nothing (CHANGED[i] false); an unknown id is skipped likewise. */
int store_user_tag_many(struct store *store, const int64_t *item_ids, size_t count,
                        const char *tag, bool add, bool *changed, char **error);
/* Item ID's own tags, by name (caller frees with store_names_free). */
int store_item_user_tags(struct store *store, int64_t item_id, char ***tags, size_t *count,
                         char **error);
/* Every tag name in the cache (the digests' and the user's), by name. */
int store_tag_names(struct store *store, char ***names, size_t *count, char **error);
void store_names_free(char **names, size_t count);

/* HTTP validators for conditional GET, kept per digest location (a URL),
 * and when the location last answered (200 or 304; ISO 8601 UTC, schema
 * 13), which a refresh's re-check policy reads (refresh.h).  Both return 1
 * when no digest has that location (nothing set/found); *ETAG,
 * *LAST_MODIFIED and *CHECKED_AT may come back NULL (caller frees);
 * CHECKED_AT may be NULL when not wanted. */
int store_get_validators(struct store *store, const char *location, char **etag,
                         char **last_modified, char **checked_at, char **error);
int store_set_validators(struct store *store, const char *location, const char *etag,
                         const char *last_modified, char **error);
/* What one refresh learnt of a location: it ANSWERED (200 or 304), or it
 * failed or is gone, so it is tried again the next time. */
struct store_check {
	const char *location;
	bool answered;
};
/* Record COUNT checks in one transaction: the answered locations get
 * CHECKED_AT (ISO 8601 UTC), the others lose theirs; a location no digest
 * has is left alone. */
int store_record_checks(struct store *store, const struct store_check *checks, size_t count,
                        const char *checked_at, char **error);
/* The outcome of fetching a source: FETCH_ERROR NULL for success (sets
 * last_ok to now and clears last_error), else the one-line failure; and
 * how many of its documents the refresh requested (CHECKED) and left
 * alone as fresh (FRESH, refresh.h), shown by `radar sources`. */
int store_source_record_fetch(struct store *store, int64_t source_id, const char *fetch_error,
                              int checked, int fresh, char **error);

/* The reader opens (state.c): *PREVIOUS gets the time it was opened
 * before (NULL the first time), *NOW this time (both ISO UTC, caller
 * frees); a read-write connection records NOW for the next time. */
int store_reader_opened(struct store *store, char **previous, char **now, char **error);

/* ---- reading ---- */

/* enum item_sort: sorts.h */

/* One term of a compiled query (query.h), ANDed with the rest of the
 * filter; NEGATED turns it into its opposite (-tag:X, -word, -is:read). */
enum filter_field {
	FILTER_TEXT,            /* TEXT: a word (a prefix: agent finds agents), or PHRASE: exact */
	FILTER_KIND,            /* KIND: own or linked kind, as item_filter.kind */
	FILTER_TAG,             /* TEXT: the tag, as item_filter.tag */
	FILTER_SOURCE,          /* TEXT: the source name */
	FILTER_SINCE,           /* TEXT: ISO date, dated on or after it */
	FILTER_BEFORE,          /* TEXT: ISO date, dated before it */
	FILTER_READ,            /* read (negated: unread) */
	FILTER_STARRED,         /* starred (negated: not starred) */
};
struct filter_term {
	enum filter_field field;
	bool negated;
	bool phrase;            /* FILTER_TEXT: quoted, matched as written */
	int kind;               /* FILTER_KIND */
	const char *text;
};

struct item_filter {
	int kind;               /* enum item_kind (its own or a linked kind), or -1 for any */
	const char *tag;        /* NULL for any */
	const char *source;     /* source name (mentioned by its digests), NULL for any */
	const char *search;     /* full-text query (CJK works, 1-2 characters too), NULL for none */
	const char *since;      /* ISO date: dated on or after, NULL for any */
	bool unread_only;
	bool starred_only;
	const struct filter_term *terms;    /* a query's terms (query.h), all must hold */
	size_t term_count;
	/* Hot (store/hot.c): only items mentioned in the last HOT_DAYS days
	 * (0: HOT_DAYS_DEFAULT), counted back from HOT_TODAY (an ISO date;
	 * NULL: today, local time).  Also the window of SORT_HOT. */
	bool hot_only;
	int hot_days;
	const char *hot_today;
	/* The New view: only items first seen after this ISO time (UTC, as
	 * item_row.first_seen), NULL for any. */
	const char *new_since;
	/* Only items whose id is above this (0: any).  Ids only grow, so the
	 * largest id before a refresh (store_max_item_id) marks what it
	 * brought: the reader's notifications (ui/notify.c).  first_seen has
	 * one-second steps, too coarse to tell two quick refreshes apart. */
	int64_t after_id;
	/* Also list boilerplate (a block its source repeats digest after
	 * digest: store/boilerplate.c), which lists leave out unless there is
	 * a query or this is set (`ls --all`). */
	bool with_boilerplate;
	enum item_sort sort;
};
#define HOT_DAYS_DEFAULT 7
/* Any kind, no filter, newest first. */
void item_filter_init(struct item_filter *filter);
/* OUT becomes a copy of IN that owns its strings and terms (IN may point
 * into OUT's old ones; OUT's old contents are NOT released); release it
 * with item_filter_clear, and only such a copy. */
void item_filter_copy(struct item_filter *out, const struct item_filter *in);
/* Append COUNT terms to an owned filter (item_filter_copy), copying them. */
void item_filter_add_terms(struct item_filter *owned, const struct filter_term *terms,
                           size_t count);
void item_filter_clear(struct item_filter *owned);

struct item_row {
	int64_t id;
	char *key;
	enum item_kind kind;
	char *title;
	char *url;              /* may be NULL */
	char *date;             /* ISO 8601 or NULL */
	char *first_seen;       /* ISO 8601 UTC */
	char *source;           /* name of the source that first had it */
	bool read;
	bool starred;
	int mentions;           /* how many digests mention it */
	int hot;                /* SORT_HOT or hot_only lists: sources (series of
	                         * digests, store/hot.c) of the window that mention
	                         * it (else not meaningful) */
};

/* The count of FILTER's items; every item's or a kind's, unread, starred or
 * all (no other condition) is read from item_counts, kept as items change. */
int store_count_items(struct store *store, const struct item_filter *filter,
                      int64_t *count, char **error);
/* The same count, stopping at CAP: *COUNT < CAP is the exact count.  Walks
 * no further than CAP matches (the list's plan, store_list_items'), so a
 * reader shows a huge view's first screen before the whole of it is
 * counted. */
int store_count_items_upto(struct store *store, const struct item_filter *filter, int64_t cap,
                           int64_t *count, char **error);
/* The largest item id in the cache (0 when it has none): item_filter.after_id. */
int store_max_item_id(struct store *store, int64_t *id, char **error);
/* Rows OFFSET .. OFFSET+LIMIT-1 of the filtered, sorted list. */
int store_list_items(struct store *store, const struct item_filter *filter,
                     int64_t offset, int limit, struct item_row **rows, size_t *row_count,
                     char **error);
/* Keyset paging for long lists: up to LIMIT rows after (FORWARD) or before
 * (!FORWARD) the row ANCHOR in the list order; ANCHOR NULL means from the
 * start (FORWARD) or from the end (!FORWARD).  Rows come in list order. */
int store_list_items_from(struct store *store, const struct item_filter *filter,
                          const struct item_row *anchor, bool forward, int limit,
                          struct item_row **rows, size_t *row_count, char **error);
/* Position of item ID in the filtered list, or -1 when it is not in it. */
int store_item_position(struct store *store, const struct item_filter *filter,
                        int64_t item_id, int64_t *position, char **error);
void item_rows_free(struct item_row *rows, size_t count);

struct item_link {
	char *url;
	char *text;
	enum item_kind kind;
	char *key;
};

struct item_mention {
	int64_t digest_id;
	char *digest_title;
	char *digest_location;
	char *digest_date;      /* may be NULL */
	char *source;
	char *section;
	char *markdown;         /* the item's excerpt in that digest */
};

struct item_detail {
	struct item_row row;
	char *summary;          /* may be NULL */
	char *authors;          /* may be NULL */
	char **tags;            /* the digests' tags */
	size_t tag_count;
	char **user_tags;       /* the user's own (origin "user"), by name */
	size_t user_tag_count;
	struct item_link *links;
	size_t link_count;
	struct item_mention *mentions;  /* oldest digest first */
	size_t mention_count;
};

/* *DIGESTS: how many digests of its source repeat item ITEM_ID's text when
 * it is boilerplate (store/boilerplate.c), else 0. */
int store_item_recurrence(struct store *store, int64_t item_id, int *digests, char **error);
/* COUNTS[i] (DIGEST->item_count of them): how many digests of the source
 * of the cached digest at LOCATION (of any source, when there is none)
 * repeat item i's text, this one included; 0 when none does.  Boilerplate
 * from STORE_BOILERPLATE_DIGESTS on. */
#define STORE_BOILERPLATE_DIGESTS 3
struct digest;
int store_digest_recurrence(struct store *store, const char *location, const struct digest *digest,
                            int *counts, char **error);
/* Returns 0, 1 when there is no such item (no error set), -1 on error. */
int store_get_item(struct store *store, int64_t item_id, struct item_detail *out, char **error);
void item_detail_clear(struct item_detail *detail);

struct digest_row {
	int64_t id;
	char *source;
	char *location;
	char *title;
	char *date;             /* may be NULL */
	char *description;      /* may be NULL */
	int item_count;
};
/* Newest first, paged like store_list_items. */
int store_list_digests(struct store *store, int64_t offset, int limit,
                       struct digest_row **rows, size_t *row_count, char **error);
/* The raw Markdown of a digest (caller frees), NUL-terminated, of *LEN bytes
 * (it may hold NUL bytes itself); 1 when there is no such digest. */
int store_get_digest_markdown(struct store *store, int64_t digest_id, char **markdown,
                              size_t *len, char **error);
void digest_rows_free(struct digest_row *rows, size_t count);

struct source_row {
	int64_t id;
	char *name;
	char *location;         /* may be NULL */
	char *last_ok;          /* ISO 8601 UTC, NULL if never */
	char *last_error;       /* NULL after a success */
	int64_t last_checked;   /* documents the last refresh requested, -1 if unknown */
	int64_t last_fresh;     /* stored days it left alone as fresh (refresh.h) */
	int64_t digests;
	int64_t items;          /* items its digests mention */
	int64_t unread;
};
/* Every source, by name.  Its items and unread counts (kept in
 * item_counts: a few rows read, not counted) leave out the boilerplate the
 * user has not starred unless WITH_BOILERPLATE, as a source's list does
 * (item_filter.with_boilerplate) and as store_count_kinds counts kinds. */
int store_list_sources(struct store *store, bool with_boilerplate, struct source_row **rows,
                       size_t *row_count, char **error);
void source_rows_free(struct source_row *rows, size_t count);

struct tag_row {
	char *tag;
	int64_t items;
	int64_t unread;
	bool user;              /* the user gave it to some item */
};
/* Tags by how many items carry them (most first), then by name. */
int store_list_tags(struct store *store, int64_t offset, int limit, struct tag_row **rows,
                    size_t *row_count, char **error);
void tag_rows_free(struct tag_row *rows, size_t count);
/* The counts store_list_tags reads, and those store_list_sources,
 * store_count_kinds and store_count_items read from item_counts and
 * items.last_mentioned, recounted from the tags, items and mentions
 * themselves (`radar reindex` ends with it; the cache's triggers and the
 * writer keep them otherwise). */
int store_recount_tags(struct store *store, char **error);

/* Items and unread items per kind filter (as item_filter.kind counts them:
 * own kind or a linked kind), in one pass.  Boilerplate the user has not
 * starred is not counted unless WITH_BOILERPLATE, as a kind's list leaves
 * it out (item_filter.with_boilerplate). */
int store_count_kinds(struct store *store, bool with_boilerplate, int64_t items[KIND_COUNT],
                      int64_t unread[KIND_COUNT], char **error);

#endif
