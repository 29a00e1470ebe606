/* The one way bytes become stored items: decode (charset.c) → what the
 * body is (feed.h: a Markdown digest, a feed, an HTML page) → digest_parse
 * or feed_parse → the source's tags → store_import_digest.  Refresh, `radar import`,
 * `radar reindex` and the demo all come through here, so a digest reads
 * the same whichever way it arrived. */
#ifndef RADAR_INGEST_H
#define RADAR_INGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "feed.h"
#include "store.h"

/* Where the bytes came from. */
struct ingest_origin {
	const char *location;       /* the digest's key in the cache (URL or absolute path) */
	const char *name;           /* how messages name it (a path as typed); NULL: LOCATION */
	const char *charset;        /* the source's charset= override, or NULL */
	const char *content_type;   /* the HTTP Content-Type, or NULL */
	char *const *tags;          /* the source's tags=, put on every item */
	size_t tag_count;
	enum feed_as as;            /* the source's as=: how feed entries are read */
	/* Compare with the stored copy first and skip parsing when it is the
	 * same (a refresh); otherwise the digest is always parsed, so its
	 * warning is reported again. */
	bool skip_unchanged;
};

struct ingest_result {
	bool unchanged;             /* the cache already held these bytes */
	int items_new;
	int items_updated;
	int items;                  /* items the digest holds (unless skipped unchanged) */
	char *warning;              /* digest_parse's warning, or NULL (caller frees) */
};

/* Ingest LEN bytes into SOURCE_ID's digest at ORIGIN->location.  Returns 0
 * with *RESULT set, or -1 with *ERROR set (translated, caller frees; never
 * NULL after a failure).  RESULT is cleared first. */
int ingest_digest(struct store *store, int64_t source_id, const struct ingest_origin *origin,
                  const char *bytes, size_t len, struct ingest_result *result, char **error);
void ingest_result_clear(struct ingest_result *result);

/* The first steps of ingest_digest, for `radar parse`: LEN bytes decoded to
 * UTF-8 (*TEXT_LEN bytes, caller frees) and what they are (*BODY: Markdown,
 * a feed, or an HTML page already turned into Markdown).  NULL with *ERROR
 * set for a body that is none of these. */
char *ingest_decode(const struct ingest_origin *origin, const char *bytes, size_t len,
                    size_t *text_len, enum feed_body *body, char **error);

/* Parsing on worker threads while the caller's thread stores.  Documents
 * are stored, and their outcomes reported, in the order they were pushed,
 * each exactly as ingest_digest would store it, so the cache ends the same
 * whatever the number of workers.  The store stays the caller's: only its
 * thread writes. */
#define INGEST_MAX_WORKERS 16

struct ingest_queue;

/* One document's outcome, on the caller's thread: RC and *RESULT as
 * ingest_digest gives them, ERROR its message when RC is -1 (freed after
 * the call).  USER is what was pushed with it. */
typedef void ingest_done_fn(void *context, void *user, int rc, const struct ingest_result *result,
                            const char *error);

/* The parse threads a bulk import uses: $RADAR_INGEST_WORKERS when set (0:
 * parse on the caller's thread), else the number of cores, at most
 * INGEST_MAX_WORKERS. */
size_t ingest_default_workers(void);
/* WORKERS parse threads (0: every document is parsed and stored in
 * ingest_queue_push itself).  Workers watch the calling thread's cancel
 * flag (cancel.h). */
struct ingest_queue *ingest_queue_new(struct store *store, size_t workers, ingest_done_fn *done,
                                      void *context);
/* Queues LEN BYTES (taken over; freed by the queue) from ORIGIN (copied)
 * for SOURCE_ID; may first store the oldest documents, calling DONE, when
 * the queue is full. */
void ingest_queue_push(struct ingest_queue *q, int64_t source_id, const struct ingest_origin *origin,
                       char *bytes, size_t len, void *user);
/* Stores everything pushed so far. */
void ingest_queue_drain(struct ingest_queue *q);
/* Drains, stops the workers, frees Q. */
void ingest_queue_free(struct ingest_queue *q);

#endif
