/* The one way bytes become stored items: decode (charset.c) → digest_parse
 * → the source's tags → store_import_digest.  Refresh, `radar import`,
 * `radar reindex` and the demo all come through here, so a digest reads
 * the same whichever way it arrived. */
#ifndef RADAR_INGEST_H
#define RADAR_INGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"

/* Where the bytes came from. */
struct ingest_origin {
	const char *location;       /* the digest's key in the cache (URL or absolute path) */
	const char *name;           /* how messages name it (a path as typed); NULL: LOCATION */
	const char *charset;        /* the source's charset= override, or NULL */
	const char *content_type;   /* the HTTP Content-Type, or NULL */
	char *const *tags;          /* the source's tags=, put on every item */
	size_t tag_count;
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

#endif
