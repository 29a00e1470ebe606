/* The refresh pipeline: sources → documents → fetch → decode → digest_parse
 * → store_import_digest, one transaction per digest.
 *
 * A refresh is the cache's only writer: it opens its own store connection
 * and holds an exclusive lock on "<cache>.lock" (flock) for its whole run,
 * so two radar processes never refresh at once; readers are never blocked
 * (WAL).  An unchanged document costs one 304, or for files one hash
 * comparison, and is never parsed.
 *
 * Re-check policy for the days of a dated http(s) source: a day's digest
 * stops changing soon after its day, so a day older than yesterday that is
 * stored and answered (200 or 304) less than a day ago is "fresh" and not
 * requested at all; it is re-checked at most once a day.  Today and
 * yesterday are requested on every refresh, and so is a day that is not
 * stored (missing so far: it may still be published) or whose last request
 * failed.  refresh_options.recheck_all (`radar refresh --all`) requests
 * every day.  Local files are always read (no round trip to save).  "Now"
 * is the clock, or RADAR_NOW (seconds since the epoch) for tests. */
#ifndef RADAR_REFRESH_H
#define RADAR_REFRESH_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "fetch.h"
#include "sources.h"

struct refresh_totals {
	int sources;
	int sources_failed;         /* had errors and nothing fetched */
	int documents;              /* documents tried */
	int imported;               /* new or changed documents stored */
	int not_modified;           /* answered 304 */
	int unchanged;              /* fetched, same bytes as stored: not parsed */
	int missing;                /* dated documents that do not exist (normal) */
	int fresh;                  /* stored days not requested: answered less than a day ago */
	int items_new;
	int items_updated;
	int errors;
};

enum refresh_event_kind {
	REFRESH_EVENT_PROGRESS,     /* a document finished: DONE of TOTAL */
	REFRESH_EVENT_ERROR,        /* SOURCE / LOCATION failed: MESSAGE */
	REFRESH_EVENT_NOTE,         /* SOURCE / LOCATION: MESSAGE, no failure (a file skipped) */
	REFRESH_EVENT_EMPTY,        /* SOURCE / LOCATION was stored but yielded no item */
	REFRESH_EVENT_FINISHED,     /* TOTALS are final; OUTCOME says whether it ran */
};

/* How a run ended, for the FINISHED event: LOCKED is no failure (another
 * radar is doing the work), so callers must not have to read MESSAGE. */
enum refresh_outcome {
	REFRESH_OK,                 /* the run happened; TOTALS say how it went */
	REFRESH_FAILED,             /* it could not run: MESSAGE says why */
	REFRESH_LOCKED,             /* another radar holds the lock: MESSAGE says so */
};

struct refresh_event {
	enum refresh_event_kind kind;
	enum refresh_outcome outcome;   /* FINISHED only */
	int done;
	int total;
	char *source;               /* may be NULL */
	char *location;             /* may be NULL */
	char *message;              /* one line, translated, untrusted text: clean it */
	struct refresh_totals totals;   /* so far */
};

typedef void refresh_callback(const struct refresh_event *event, void *data);

struct refresh_options {
	const char *db_path;
	const struct source_list *sources;
	struct fetch_options fetch;
	int lock_wait;              /* seconds to wait for another refresh */
	bool recheck_all;           /* request fresh days too (see the policy above) */
};
/* Defaults: fetch_options_init, lock_wait 0, recheck_all false. */
void refresh_options_init(struct refresh_options *options, const char *db_path,
                          const struct source_list *sources);

/* Refresh every source once, on the calling thread, calling CALLBACK (may be
 * NULL) as documents finish.  CANCEL may be NULL.  Returns 0 when the run
 * happened (TOTALS say how it went), 1 when another radar holds the lock
 * for longer than LOCK_WAIT (*ERROR says so), -1 on other errors (*ERROR). */
/* The one-line summary of a finished run (caller frees), without a newline:
 * "refreshed 3 sources: 12 new items, 1 error (4 documents unchanged)". */
char *refresh_summary(const struct refresh_totals *totals);

int refresh_run(const struct refresh_options *options, refresh_callback *callback, void *data,
                const atomic_bool *cancel, struct refresh_totals *totals, char **error);

/* ---- in the background, for the interactive reader ----
 *
 *     struct refresh *r = refresh_start(&options, &error);
 *     poll() refresh_fd(r) together with the keyboard; when it is readable:
 *     n = refresh_poll_events(r, &events);  ... handle ...;  refresh_events_free(events, n);
 *     after a REFRESH_EVENT_FINISHED event (or to cancel): refresh_stop(r);
 *
 * OPTIONS (and the source list it points to) are copied by refresh_start. */
struct refresh;

struct refresh *refresh_start(const struct refresh_options *options, char **error);
/* Readable while events are waiting. */
int refresh_fd(const struct refresh *refresh);
/* Takes the waiting events (caller frees them); 0 when there are none. */
size_t refresh_poll_events(struct refresh *refresh, struct refresh_event **events);
void refresh_events_free(struct refresh_event *events, size_t count);
/* Whether the background run has ended (its FINISHED event is queued). */
bool refresh_finished(struct refresh *refresh);
/* Cancel the run if it is still going, wait for its thread, free. */
void refresh_stop(struct refresh *refresh);

/* Take the refresh lock of DB_PATH, waiting up to WAIT seconds.  Returns
 * 0 with *FD set, 1 when another radar holds it (*ERROR "another radar is
 * refreshing"), -1 on errors (*ERROR).  refresh_run does this itself. */
int refresh_lock(const char *db_path, int wait, int *fd, char **error);
void refresh_unlock(int fd);

#endif
