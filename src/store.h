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

/* ---- writing (one writer) ---- */

/* Find or create a source by NAME; LOCATION may change between calls. */
int store_source_ensure(struct store *store, const char *name, const char *location,
                        int64_t *source_id, char **error);

struct store_import_result {
	bool unchanged;         /* same content as last time: nothing was written */
	int64_t digest_id;
	int items_new;          /* items that did not exist before */
	int items_updated;
	int mentions;           /* mentions this digest now has */
};

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

int store_set_read(struct store *store, int64_t item_id, bool read, char **error);
int store_set_starred(struct store *store, int64_t item_id, bool starred, char **error);

/* ---- reading ---- */

enum item_sort {
	SORT_NEWEST,            /* date (or first seen) descending, then id */
	SORT_MENTIONS,          /* mention count descending, then newest */
	SORT_TITLE,             /* title ascending (case-insensitive), then id */
};

struct item_filter {
	int kind;               /* enum item_kind, or -1 for any */
	const char *tag;        /* NULL for any */
	const char *source;     /* source name, NULL for any */
	const char *search;     /* full-text query (CJK works, 1-2 characters too), NULL for none */
	const char *since;      /* ISO date: dated on or after, NULL for any */
	bool unread_only;
	bool starred_only;
	enum item_sort sort;
};
/* Any kind, no filter, newest first. */
void item_filter_init(struct item_filter *filter);

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
};

int store_count_items(struct store *store, const struct item_filter *filter,
                      int64_t *count, char **error);
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
	char **tags;
	size_t tag_count;
	struct item_link *links;
	size_t link_count;
	struct item_mention *mentions;  /* oldest digest first */
	size_t mention_count;
};

/* Returns 0, 1 when there is no such item (no error set), -1 on error. */
int store_get_item(struct store *store, int64_t item_id, struct item_detail *out, char **error);
void item_detail_free(struct item_detail *detail);

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
/* The raw Markdown of a digest (caller frees); 1 when there is no such digest. */
int store_get_digest_markdown(struct store *store, int64_t digest_id, char **markdown,
                              char **error);
void digest_rows_free(struct digest_row *rows, size_t count);

#endif
