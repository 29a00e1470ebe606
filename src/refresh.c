/* One refresh run: expand the sources, leave out the dated days that are
 * fresh (the re-check policy, refresh.h), fetch the rest in parallel,
 * decode, parse and store each as it arrives. */
#include <config.h>

#include "refresh.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "cancel.h"
#include "i18n.h"
#include "ingest.h"
#include "os.h"
#include "store.h"
#include "xalloc.h"

void refresh_options_init(struct refresh_options *options, const char *db_path,
                          const struct source_list *sources)
{
	memset(options, 0, sizeof *options);
	options->db_path = db_path;
	options->sources = sources;
	fetch_options_init(&options->fetch);
	options->lock_wait = 0;
}

/* ---------------------------------------------------------------- lock */

int refresh_lock(const char *db_path, int wait, int *fd, char **error)
{
	*fd = -1;
	char *path = xasprintf("%s.lock", db_path);
	os_make_parent_dirs(path, NULL);     /* open says what went wrong */
	int lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOCTTY, 0600);
	if (lock_fd < 0) {
		*error = xasprintf("%s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	free(path);
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		if (flock(lock_fd, LOCK_EX | LOCK_NB) == 0) {
			*fd = lock_fd;
			return 0;
		}
		if (errno != EWOULDBLOCK && errno != EINTR) {
			*error = xasprintf(_("cannot lock the cache: %s"), strerror(errno));
			close(lock_fd);
			return -1;
		}
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - start.tv_sec >= wait)
			break;
		poll(NULL, 0, 100);
	}
	close(lock_fd);
	*error = xstrdup(_("another radar is refreshing"));
	return 1;
}

void refresh_unlock(int fd)
{
	if (fd >= 0)
		close(fd);      /* closing releases the flock */
}

/* ---------------------------------------------------------------- run */

/* A dated day this many days before today or older (today is 0) has
 * settled: its digest is written, and what still changes (a typo fixed) can
 * wait a day.  Yesterday's is often still being finished. */
#define RECHECK_SETTLED_AGE 2
/* How long an answer (200 or 304) keeps a settled day fresh. */
#define RECHECK_INTERVAL (24 * 60 * 60)
/* A refresh's batch stays open at most this long (the reader's marks wait
 * for its commit). */
#define REFRESH_BATCH_MS 250
#define REFRESH_IDLE_MS 100

/* The clock, or RADAR_NOW (seconds since the epoch) so that tests can
 * pin "today" and step a day ahead. */
static time_t refresh_now(void)
{
	const char *env = getenv("RADAR_NOW");
	if (env && *env) {
		char *end;
		errno = 0;
		long long v = strtoll(env, &end, 10);
		if (errno == 0 && *end == '\0' && v > 0)
			return (time_t)v;
	}
	return time(NULL);
}

static void iso_utc(time_t t, char out[32])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

struct source_state {
	int64_t id;
	int ok;                     /* documents fetched, current, fresh or missing */
	int missing;                /* dated days that do not exist (part of OK) */
	int checked;                /* documents requested (or read) */
	int fresh;                  /* stored days not requested (part of OK) */
	int errors;
	char *first_error;
};

struct document {
	size_t source;              /* index into the source list */
	bool optional;
	bool member;                /* a directory's file: one radar cannot read is skipped */
	bool remote;
	int answered;               /* 1 answered (200, 304), -1 failed or gone, 0 not yet */
	char *location;
	char *etag;
	char *last_modified;
};

struct run {
	const struct refresh_options *options;
	struct store *store;
	struct source_state *states;
	struct document *documents;
	size_t document_count;
	time_t now;
	char now_iso[32];
	char fresh_after[32];       /* a settled day answered after this is fresh */
	int done;
	struct ingest_queue *queue;
	struct refresh_totals totals;
	/* totals.imported as far as committed: what events report, so a
	 * reader reloading at an event finds the digests it counts. */
	int visible_imported;
	int64_t flushed_ms;         /* when on_idle last stored the queue */
	refresh_callback *callback;
	void *data;
};

static void emit(struct run *run, enum refresh_event_kind kind, const char *source,
                 const char *location, const char *message)
{
	if (!run->callback)
		return;
	struct refresh_event event = {
		.kind = kind, .done = run->done, .total = (int)run->document_count,
		.source = (char *)source, .location = (char *)location, .message = (char *)message,
		.totals = run->totals,
	};
	event.totals.imported = run->visible_imported;
	run->callback(&event, run->data);
}

static void document_failed(struct run *run, const struct document *doc, const char *message)
{
	struct source_state *state = &run->states[doc->source];
	state->errors++;
	if (!state->first_error)
		state->first_error = xasprintf("%s: %s", doc->location, message);
	run->totals.errors++;
	emit(run, REFRESH_EVENT_ERROR, run->options->sources->sources[doc->source].name,
	     doc->location, message);
}

/* A document fetched, on its way to the cache through the ingest queue
 * (parsed on its workers, stored in order on this thread): what on_stored
 * needs to finish it. */
struct pending {
	struct document *doc;
	char *etag, *last_modified;         /* the answer's validators */
};

/* A document stored (or not) by the queue: the totals, the validators that
 * let the next refresh ask "changed since?", and the day's answer. */
static void on_stored(void *context, void *user, int rc, const struct ingest_result *ingested,
                      const char *message)
{
	struct run *run = context;
	struct pending *pending = user;
	struct document *doc = pending->doc;
	const struct source *source = &run->options->sources->sources[doc->source];
	struct source_state *state = &run->states[doc->source];
	char *error = NULL;
	if (rc != 0) {
		document_failed(run, doc, message ? message : _("cannot store the digest"));
	} else {
		if (ingested->unchanged) {
			run->totals.unchanged++;
		} else {
			if (ingested->items == 0)
				emit(run, REFRESH_EVENT_EMPTY, source->name, doc->location, NULL);
			run->totals.imported++;
			run->totals.items_new += ingested->items_new;
			run->totals.items_updated += ingested->items_updated;
		}
		if ((pending->etag || pending->last_modified) &&
		    store_set_validators(run->store, doc->location, pending->etag,
		                         pending->last_modified, &error) < 0) {
			document_failed(run, doc, error ? error : _("cannot store the digest"));
		} else {
			state->ok++;
			doc->answered = 1;
		}
	}
	free(error);
	free(pending->etag);
	free(pending->last_modified);
	free(pending);
	if (!store_batch_is_open(run->store))
		run->visible_imported = run->totals.imported;
	run->done++;
	emit(run, REFRESH_EVENT_PROGRESS, source->name, doc->location, NULL);
}

/* Whether the document is finished now (skipped as no digest); otherwise
 * it is queued, its body taken, and on_stored finishes it. */
static bool queue_document(struct run *run, struct document *doc, struct fetch_result *result)
{
	const struct source *source = &run->options->sources->sources[doc->source];
	struct source_state *state = &run->states[doc->source];
	if (doc->member && !feed_is_readable(result->body, result->len)) {
		emit(run, REFRESH_EVENT_NOTE, source->name, doc->location,
		     _("skipped: neither a digest, a feed nor a web page"));
		state->ok++;
		return true;
	}
	struct ingest_origin origin = {
		.location = doc->location, .charset = source->charset,
		.content_type = result->content_type, .tags = source->tags,
		.tag_count = source->tag_count, .as = (enum feed_as)source->as,
		.skip_unchanged = true,
	};
	struct pending *pending = xcalloc(1, sizeof *pending);
	pending->doc = doc;
	pending->etag = result->etag;
	pending->last_modified = result->last_modified;
	result->etag = result->last_modified = NULL;
	char *body = result->body;
	result->body = NULL;
	ingest_queue_push(run->queue, state->id, &origin, body, result->len, pending);
	return false;
}

static void on_fetched(const struct fetch_request *request, struct fetch_result *result, void *data)
{
	struct run *run = data;
	struct document *doc = request->data;
	struct source_state *state = &run->states[doc->source];
	/* Anything but an answer stored makes the day due again next time. */
	doc->answered = -1;
	switch (result->status) {
	case FETCH_OK:
		if (!queue_document(run, doc, result))
			return;             /* on_stored finishes it */
		doc->answered = 1;
		break;
	case FETCH_NOT_MODIFIED:
		run->totals.not_modified++;
		state->ok++;
		doc->answered = 1;
		break;
	case FETCH_NOT_FOUND:
		if (doc->optional) {
			run->totals.missing++;
			state->ok++;
			state->missing++;
			break;
		}
		document_failed(run, doc, result->error ? result->error : _("not found"));
		break;
	case FETCH_FAILED:
		document_failed(run, doc, result->error ? result->error : _("failed"));
		break;
	}
	run->done++;
	emit(run, REFRESH_EVENT_PROGRESS, run->options->sources->sources[doc->source].name,
	     doc->location, NULL);
}

static int64_t monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* fetch_run waits for the network: the documents queued are stored (their
 * parsing finished first), at most every REFRESH_IDLE_MS, since with
 * parsing on the workers the fetch loop finds a moment with nothing
 * finished after almost every document.  The batch is committed then, so
 * the reader sees the digests and can write its marks, once its first
 * uncommitted digest has waited REFRESH_BATCH_MS: a commit at every idle
 * moment (every 100 ms) made a cold refresh of 10^5 items 27 s instead of
 * 23 (each commit writes the index pages it dirtied to the WAL again, and
 * flushes FTS5's pending terms into one more segment to merge).  A batch so
 * stays open at most that plus one wait of fetch_run's poll (100 ms) while
 * the network is slow, the same bound it has while digests keep coming. */
static void on_idle(void *data)
{
	struct run *run = data;
	int64_t now = monotonic_ms();
	if (now - run->flushed_ms < REFRESH_IDLE_MS)
		return;
	run->flushed_ms = now;
	char *error = NULL;
	ingest_queue_drain(run->queue);
	if (store_batch_age_ms(run->store) < REFRESH_BATCH_MS)
		return;
	bool was_open = store_batch_is_open(run->store);
	if (store_batch_flush(run->store, &error) < 0) {
		emit(run, REFRESH_EVENT_ERROR, NULL, run->options->db_path, error);
		run->totals.errors++;
	} else if (was_open && run->visible_imported != run->totals.imported) {
		run->visible_imported = run->totals.imported;
		emit(run, REFRESH_EVENT_PROGRESS, NULL, NULL, NULL);
	}
	free(error);
}

/* Whether a day of a dated source AGE days old need not be requested:
 * settled, and answered since FRESH_AFTER (and not "after now": a clock set
 * back proves nothing). */
static bool is_fresh(const struct run *run, int age, const char *checked_at)
{
	return !run->options->recheck_all && age >= RECHECK_SETTLED_AGE && checked_at &&
	       strcmp(checked_at, run->fresh_after) > 0 && strcmp(checked_at, run->now_iso) <= 0;
}

/* Every source's documents, with the validators remembered for them; the
 * fresh days left out (counted). */
static int plan_documents(struct run *run)
{
	const struct source_list *sources = run->options->sources;
	time_t now = run->now;
	size_t capacity = 0;
	for (size_t i = 0; i < sources->count; i++) {
		const struct source *source = &sources->sources[i];
		char *error = NULL;
		if (store_source_ensure(run->store, source->name, source->location, &run->states[i].id,
		                        &error) != 0) {
			run->states[i].id = -1;
			struct document pseudo = { .source = i, .location = source->location };
			document_failed(run, &pseudo, error ? error : "?");
			free(error);
			continue;
		}
		struct source_target *targets = NULL;
		size_t count = 0;
		if (source_targets(source, now, &targets, &count, &error) != 0) {
			struct document pseudo = { .source = i, .location = source->location };
			document_failed(run, &pseudo, error ? error : "?");
			free(error);
			continue;
		}
		for (size_t k = 0; k < count; k++) {
			run->documents = xgrow(run->documents, &capacity, run->document_count + 1,
			                       sizeof *run->documents);
			struct document *doc = &run->documents[run->document_count++];
			memset(doc, 0, sizeof *doc);
			doc->source = i;
			doc->optional = targets[k].optional;
			doc->member = targets[k].member;
			doc->location = targets[k].location;
			doc->remote = fetch_is_remote(doc->location);
			targets[k].location = NULL;
			char *checked_at = NULL;
			if (doc->remote &&
			    store_get_validators(run->store, doc->location, &doc->etag, &doc->last_modified,
			                         &checked_at, &error) < 0) {
				free(error);    /* only costs a full download */
				error = NULL;
			}
			bool fresh = is_fresh(run, targets[k].age, checked_at);
			free(checked_at);
			if (fresh) {
				run->states[i].fresh++;
				run->states[i].ok++;
				run->totals.fresh++;
				free(doc->location);
				free(doc->etag);
				free(doc->last_modified);
				run->document_count--;
				continue;
			}
			run->states[i].checked++;
		}
		source_targets_free(targets, count);
	}
	return 0;
}

static void record_outcomes(struct run *run)
{
	const struct source_list *sources = run->options->sources;
	/* When each day answered, for the next run's plan.  A killed run
	 * records none, a cancelled one what answered before it stopped (the
	 * rest failed): what is not recorded is requested again. */
	struct store_check *checks = xcalloc(run->document_count ? run->document_count : 1,
	                                     sizeof *checks);
	size_t check_count = 0;
	for (size_t i = 0; i < run->document_count; i++) {
		const struct document *doc = &run->documents[i];
		if (doc->remote && doc->answered != 0)
			checks[check_count++] = (struct store_check){ doc->location, doc->answered > 0 };
	}
	char *check_error = NULL;
	if (store_record_checks(run->store, checks, check_count, run->now_iso, &check_error) != 0)
		free(check_error);      /* only costs requests next time */
	free(checks);
	for (size_t i = 0; i < sources->count; i++) {
		struct source_state *state = &run->states[i];
		if (state->errors > 0 && state->ok == 0)
			run->totals.sources_failed++;
		if (state->id < 0)
			continue;
		char *message = NULL;
		/* A dated source none of whose days exists is most likely a
		 * mistyped URL pattern: a warning in `sources` and `:sources`
		 * (kept as its last error), never a "last success". */
		const struct source *source = &sources->sources[i];
		if (source->type == SOURCE_DATED && state->errors == 0 && state->missing > 0 &&
		    state->ok == state->missing)
			message = xasprintf(ngettext("no digest found for any day in the last %d day — check the URL pattern",
			                             "no digest found for any day in the last %d days — check the URL pattern",
			                             (unsigned long)source->days), source->days);
		else if (state->errors > 1)
			message = xasprintf(ngettext("%s (and %d more error)", "%s (and %d more errors)",
			                             (unsigned long)(state->errors - 1)),
			                    state->first_error, state->errors - 1);
		char *error = NULL;
		if (store_source_record_fetch(run->store, state->id,
		                              message ? message : state->first_error, state->checked,
		                              state->fresh, &error) != 0)
			free(error);
		free(message);
	}
}

char *refresh_summary(const struct refresh_totals *t)
{
	int unchanged = t->not_modified + t->unchanged;
	char *sources = xasprintf(ngettext("%d source", "%d sources", (unsigned long)t->sources),
	                          t->sources);
	char *items = xasprintf(ngettext("%d new item", "%d new items", (unsigned long)t->items_new),
	                        t->items_new);
	char *errors = xasprintf(ngettext("%d error", "%d errors", (unsigned long)t->errors),
	                         t->errors);
	/* TRANSLATORS: the documents (digest files and URLs) a refresh found
	 * unchanged, within "refreshed 3 sources: 12 new items, 1 error (4
	 * documents unchanged)". */
	char *same = xasprintf(ngettext("%d document unchanged", "%d documents unchanged",
	                                (unsigned long)unchanged), unchanged);
	if (t->fresh > 0) {
		/* TRANSLATORS: dated days stored and checked less than a day ago, so
		 * not requested, within "refreshed 3 sources: 12 new items, 1 error
		 * (4 documents unchanged, 18 fresh days not re-checked)". */
		char *fresh = xasprintf(ngettext("%d fresh day not re-checked", "%d fresh days not re-checked",
		                                 (unsigned long)t->fresh), t->fresh);
		/* TRANSLATORS: joins "4 documents unchanged" and "18 fresh days
		 * not re-checked" inside the summary's parentheses. */
		char *both = xasprintf(_("%s, %s"), same, fresh);
		free(fresh);
		free(same);
		same = both;
	}
	/* TRANSLATORS: "refreshed 3 sources: 12 new items, 1 error (4 documents unchanged)" */
	char *summary = xasprintf(_("refreshed %s: %s, %s (%s)"), sources, items, errors, same);
	free(sources);
	free(items);
	free(errors);
	free(same);
	return summary;
}

int refresh_run(const struct refresh_options *options, refresh_callback *callback, void *data,
                const atomic_bool *cancel, struct refresh_totals *totals, char **error)
{
	*error = NULL;
	memset(totals, 0, sizeof *totals);
	int lock_fd;
	int rc = refresh_lock(options->db_path, options->lock_wait, &lock_fd, error);
	if (rc != 0)
		return rc;
	/* Parsing and importing look at CANCEL too, not only fetching: a
	 * reader that quits mid-import does not wait for the import. */
	cancel_watch(cancel);
	struct run run = {
		.options = options, .callback = callback, .data = data,
		.now = refresh_now(),
	};
	iso_utc(run.now, run.now_iso);
	iso_utc(run.now - RECHECK_INTERVAL, run.fresh_after);
	if (store_open(options->db_path, STORE_READ_WRITE, &run.store, error) != 0 ||
	    store_import_run_begin(run.store, error) != 0) {
		if (run.store)
			store_close(run.store);
		refresh_unlock(lock_fd);
		cancel_watch(NULL);
		return -1;
	}
	size_t source_count = options->sources->count;
	run.totals.sources = (int)source_count;
	run.states = xcalloc(source_count ? source_count : 1, sizeof *run.states);
	plan_documents(&run);
	/* Digests in batches, committed whenever no answer is ready (on_idle)
	 * and at least every REFRESH_BATCH_MS: one commit per digest rewrote
	 * the same index pages 4,000 times in a cold refresh of 10^5 items.
	 * The reader's own writes (marks) wait for a commit, so at most that
	 * long. */
	store_batch_begin(run.store, NULL);
	store_batch_interval(run.store, REFRESH_BATCH_MS);

	struct fetch_request *requests = xcalloc(run.document_count ? run.document_count : 1,
	                                         sizeof *requests);
	for (size_t i = 0; i < run.document_count; i++) {
		requests[i].location = run.documents[i].location;
		requests[i].etag = run.documents[i].etag;
		requests[i].last_modified = run.documents[i].last_modified;
		requests[i].data = &run.documents[i];
	}
	emit(&run, REFRESH_EVENT_PROGRESS, NULL, NULL, NULL);
	struct fetch_options fetch = options->fetch;
	fetch.idle = on_idle;
	run.queue = ingest_queue_new(run.store, ingest_default_workers(), on_stored, &run);
	rc = fetch_run(&fetch, requests, run.document_count, on_fetched, &run, cancel, error);
	ingest_queue_free(run.queue);
	run.queue = NULL;
	free(requests);
	char *batch_error = NULL;
	if (store_batch_end(run.store, &batch_error) < 0) {
		emit(&run, REFRESH_EVENT_ERROR, NULL, options->db_path, batch_error);
		run.totals.errors++;
	}
	run.visible_imported = run.totals.imported;
	free(batch_error);
	record_outcomes(&run);
	if (run.totals.imported > 0)
		store_optimize(run.store);
	store_close(run.store);
	refresh_unlock(lock_fd);
	cancel_watch(NULL);

	for (size_t i = 0; i < run.document_count; i++) {
		free(run.documents[i].location);
		free(run.documents[i].etag);
		free(run.documents[i].last_modified);
	}
	free(run.documents);
	for (size_t i = 0; i < source_count; i++)
		free(run.states[i].first_error);
	free(run.states);
	*totals = run.totals;
	return rc < 0 ? -1 : 0;
}

/* ---------------------------------------------------------------- background */

struct refresh {
	struct refresh_options options;
	struct source_list sources;     /* a copy the thread owns */
	char *db_path;
	pthread_t thread;
	atomic_bool cancel;
	atomic_bool finished;
	int pipe_read;
	int pipe_write;
	pthread_mutex_t lock;
	struct refresh_event *queue;
	size_t queued;
	size_t capacity;
};

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void enqueue(const struct refresh_event *event, void *data)
{
	struct refresh *r = data;
	pthread_mutex_lock(&r->lock);
	r->queue = xgrow(r->queue, &r->capacity, r->queued + 1, sizeof *r->queue);
	struct refresh_event *copy = &r->queue[r->queued++];
	*copy = *event;
	copy->source = dup_or_null(event->source);
	copy->location = dup_or_null(event->location);
	copy->message = dup_or_null(event->message);
	pthread_mutex_unlock(&r->lock);
	/* One byte wakes the reader; a full pipe already will. */
	char byte = 1;
	ssize_t ignored = write(r->pipe_write, &byte, 1);
	(void)ignored;
}

static void *refresh_thread(void *data)
{
	struct refresh *r = data;
	struct refresh_totals totals;
	char *error = NULL;
	int rc = refresh_run(&r->options, enqueue, r, &r->cancel, &totals, &error);
	struct refresh_event event = {
		.kind = REFRESH_EVENT_FINISHED, .message = error, .totals = totals,
		.outcome = rc == 0 ? REFRESH_OK : rc == 1 ? REFRESH_LOCKED : REFRESH_FAILED,
		.done = totals.documents, .total = totals.documents,
	};
	atomic_store(&r->finished, true);
	enqueue(&event, r);
	free(error);
	return NULL;
}

static void copy_source(struct source *to, const struct source *from)
{
	*to = *from;
	to->name = xstrdup(from->name);
	to->location = xstrdup(from->location);
	to->charset = dup_or_null(from->charset);
	to->tags = from->tag_count ? xcalloc(from->tag_count, sizeof *to->tags) : NULL;
	for (size_t i = 0; i < from->tag_count; i++)
		to->tags[i] = xstrdup(from->tags[i]);
}

struct refresh *refresh_start(const struct refresh_options *options, char **error)
{
	*error = NULL;
	struct refresh *r = xcalloc(1, sizeof *r);
	int fds[2];
	if (os_pipe(fds) != 0) {
		*error = xasprintf(_("cannot start a refresh: %s"), strerror(errno));
		free(r);
		return NULL;
	}
	r->pipe_read = fds[0];
	r->pipe_write = fds[1];
	r->options = *options;
	r->db_path = xstrdup(options->db_path);
	r->options.db_path = r->db_path;
	r->sources.count = options->sources->count;
	r->sources.sources = xcalloc(r->sources.count ? r->sources.count : 1, sizeof *r->sources.sources);
	for (size_t i = 0; i < r->sources.count; i++)
		copy_source(&r->sources.sources[i], &options->sources->sources[i]);
	r->options.sources = &r->sources;
	atomic_init(&r->cancel, false);
	atomic_init(&r->finished, false);
	pthread_mutex_init(&r->lock, NULL);
	int rc = pthread_create(&r->thread, NULL, refresh_thread, r);
	if (rc != 0) {
		*error = xasprintf(_("cannot start a refresh: %s"), strerror(rc));
		os_pipe_close(fds);
		pthread_mutex_destroy(&r->lock);
		source_list_clear(&r->sources);
		free(r->db_path);
		free(r);
		return NULL;
	}
	return r;
}

int refresh_fd(const struct refresh *refresh)
{
	return refresh->pipe_read;
}

size_t refresh_poll_events(struct refresh *r, struct refresh_event **events)
{
	os_drain(r->pipe_read);
	pthread_mutex_lock(&r->lock);
	*events = r->queue;
	size_t count = r->queued;
	r->queue = NULL;
	r->queued = 0;
	r->capacity = 0;
	pthread_mutex_unlock(&r->lock);
	return count;
}

void refresh_events_free(struct refresh_event *events, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		free(events[i].source);
		free(events[i].location);
		free(events[i].message);
	}
	free(events);
}

bool refresh_finished(struct refresh *refresh)
{
	return atomic_load(&refresh->finished);
}

void refresh_stop(struct refresh *r)
{
	if (!r)
		return;
	atomic_store(&r->cancel, true);
	pthread_join(r->thread, NULL);
	struct refresh_event *events;
	size_t count = refresh_poll_events(r, &events);
	refresh_events_free(events, count);
	close(r->pipe_read);
	close(r->pipe_write);
	pthread_mutex_destroy(&r->lock);
	source_list_clear(&r->sources);
	free(r->db_path);
	free(r);
}
