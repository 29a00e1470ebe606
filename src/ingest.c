/* The ingest path shared by refresh, import, reindex and the demo: decoding,
 * what the body is, parsing, source tags and the store write for one
 * document (a feed: its items, and its entries read as digests); the
 * queue that parses documents on worker threads while the caller's thread
 * stores them in the order they were given. */
#include <config.h>

#include "ingest.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <pthread.h>
#include <unistd.h>

#include "cancel.h"
#include "charset.h"
#include "digest.h"
#include "feed.h"
#include "i18n.h"
#include "xalloc.h"

static void add_source_tags(struct digest *digest, char *const *tags, size_t tag_count)
{
	if (tag_count == 0)
		return;
	for (size_t i = 0; i < digest->item_count; i++) {
		struct digest_item *item = &digest->items[i];
		item->tags = xrealloc(item->tags, (item->tag_count + tag_count) * sizeof *item->tags);
		for (size_t k = 0; k < tag_count; k++) {
			item->tags[item->tag_count].name = xstrdup(tags[k]);
			item->tags[item->tag_count].origin = xstrdup("source");
			item->tag_count++;
		}
	}
}

/* PREPARED: what store_prepare made of TEXT on the parse stage, or NULL
 * (the writer makes it). */
static int store_one(struct store *store, int64_t source_id, const char *location,
                     const char *text, size_t len, const struct digest *digest,
                     const struct store_prepared *prepared, enum store_import_mode mode,
                     struct ingest_result *result, char **error)
{
	struct store_import_result imported;
	memset(&imported, 0, sizeof imported);
	if (store_import_digest_prepared(store, source_id, location, text, len, digest, prepared,
	                                 mode, &imported, error) != 0) {
		if (!*error)
			*error = xstrdup(_("cannot store the digest"));
		return -1;
	}
	result->items_new += imported.items_new;
	result->items_updated += imported.items_updated;
	result->items += imported.mentions;
	return 0;
}

/* Bodies that are no digest, or an HTML page turned into one (TEXT is
 * replaced by its Markdown).  Returns -1 with *ERROR for the rest. */
static int check_body(enum feed_body body, const struct ingest_origin *origin, char **text,
                      size_t *text_len, char **error)
{
	switch (body) {
	case FEED_BODY_MARKDOWN:
	case FEED_BODY_FEED:
		return 0;
	case FEED_BODY_HTML:
		if (feed_content_type_is_feed(origin->content_type)) {
			*error = xasprintf(_("served as a feed (%s) but the body is an HTML page"),
			                   origin->content_type);
			return -1;
		}
		char *markdown = feed_html_to_markdown(*text, *text_len, origin->location, error);
		if (!markdown)
			return -1;
		free(*text);
		*text = markdown;
		*text_len = strlen(markdown);
		return 0;
	case FEED_BODY_OPML:
		*error = xstrdup(_("an OPML list of feeds, not a digest: add its feeds with 'radar import FILE.opml'"));
		return -1;
	case FEED_BODY_XML:
		*error = xstrdup(_("an XML document that is no RSS or Atom feed"));
		return -1;
	case FEED_BODY_BINARY:
		*error = xstrdup(_("binary data, not a digest, a feed or a web page"));
		return -1;
	}
	return 0;
}

char *ingest_decode(const struct ingest_origin *origin, const char *bytes, size_t len,
                    size_t *text_len, enum feed_body *body, char **error)
{
	*error = NULL;
	/* The raw bytes tell binary data and the charset an XML declaration or
	 * <meta> names; the decoded text (a UTF-16 feed too) what it is. */
	*body = feed_sniff(bytes, len);
	char *declared = charset_from_content_type(origin->content_type);
	if (!declared && *body != FEED_BODY_MARKDOWN && *body != FEED_BODY_BINARY) {
		declared = feed_declared_charset(bytes, len);
		/* A document claiming UTF-8 is checked like an undeclared one:
		 * GB18030 bytes under a copied "UTF-8" header are common. */
		char resolved[CHARSET_NAME_MAX];
		if (declared && charset_resolve(declared, resolved) && strcmp(resolved, "UTF-8") == 0) {
			free(declared);
			declared = NULL;
		}
	}
	char *text = charset_decode(bytes, len, origin->charset, declared, text_len, NULL);
	free(declared);
	if (*body != FEED_BODY_BINARY)
		*body = feed_sniff(text, *text_len);
	if (check_body(*body, origin, &text, text_len, error) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

void ingest_result_clear(struct ingest_result *result)
{
	free(result->warning);
	memset(result, 0, sizeof *result);
}

/* A document between its parse and its store: what the parse stage
 * (any thread) hands the store stage (the store's thread). */
struct parsed {
	char *text;                 /* decoded UTF-8 (what is stored) */
	size_t text_len;
	enum feed_body body;
	bool is_feed;
	struct feed_result feed;    /* is_feed */
	struct digest digest;       /* !is_feed, when parsed */
	bool digest_parsed;
	struct store_prepared prepared; /* what the writer needs beyond SQL: the digest's, */
	bool prepared_made;             /* or the feed's (its items) */
	/* is_feed: one per entry read as a digest (feed.digests); packed is
	 * NULL where none could be made (the writer makes it then) */
	struct store_prepared *entries_prepared;
	char *error;                /* the parse failed: nothing is stored */
};

static void parsed_clear(struct parsed *p)
{
	free(p->text);
	if (p->is_feed) {
		for (size_t i = 0; p->entries_prepared && i < p->feed.digest_count; i++)
			store_prepared_clear(&p->entries_prepared[i]);
		free(p->entries_prepared);
		feed_result_clear(&p->feed);
	}
	if (p->digest_parsed)
		digest_clear(&p->digest);
	if (p->prepared_made)
		store_prepared_clear(&p->prepared);
	free(p->error);
	memset(p, 0, sizeof *p);
}

/* Everything after decoding that needs no cache: the digest (or feed)
 * parsed and given the source's tags.  P->error set on failure. */
static void parse_text(const struct ingest_origin *origin, struct parsed *p)
{
	const char *name = origin->name ? origin->name : origin->location;
	if (p->body == FEED_BODY_FEED) {
		if (feed_parse(p->text, p->text_len, origin->location, origin->as, &p->feed, &p->error) != 0)
			return;
		p->is_feed = true;
		for (size_t i = 0; i < p->feed.digest_count; i++)
			add_source_tags(&p->feed.digests[i].digest, origin->tags, origin->tag_count);
		add_source_tags(&p->feed.items, origin->tags, origin->tag_count);
		/* As a digest's, below: what the writer would otherwise do itself
		 * for every entry and the feed, even to find one unchanged. */
		p->entries_prepared = xcalloc(p->feed.digest_count + 1, sizeof *p->entries_prepared);
		for (size_t i = 0; i < p->feed.digest_count; i++) {
			struct feed_digest *d = &p->feed.digests[i];
			store_prepare(d->markdown, strlen(d->markdown), &d->digest, &p->entries_prepared[i]);
		}
		p->prepared_made = store_prepare(p->text, p->text_len, &p->feed.items,
		                                 &p->prepared) == 0;
		return;
	}
	if (digest_parse(p->text, p->text_len, name, &p->digest, &p->error) != 0) {
		if (!p->error)
			p->error = xstrdup(_("cannot parse"));
		return;
	}
	p->digest_parsed = true;
	if (p->body == FEED_BODY_HTML && p->digest.item_count == 0) {
		p->error = xstrdup(_("a web page without links radar reads as items (an error page?)"));
		return;
	}
	add_source_tags(&p->digest, origin->tags, origin->tag_count);
	/* Compressed, hashed and fingerprinted here, on a worker when there
	 * are workers, not by the writer. */
	p->prepared_made = store_prepare(p->text, p->text_len, &p->digest, &p->prepared) == 0;
}

/* The entries read as digests go in first and the feed itself last: a
 * refresh killed half-way finds the feed changed and does it all again.
 * Each entry read as a digest is a document of its own, replaced whole
 * when it changes; the feed's items are a window of its latest entries,
 * so those that dropped out of it keep their mentions. */
static int store_feed(struct store *store, int64_t source_id, const struct ingest_origin *origin,
                      struct parsed *p, struct ingest_result *result, char **error)
{
	struct feed_result *feed = &p->feed;
	int rc = 0;
	for (size_t i = 0; i < feed->digest_count && rc == 0; i++) {
		struct feed_digest *d = &feed->digests[i];
		const struct store_prepared *made = &p->entries_prepared[i];
		rc = store_one(store, source_id, d->location, d->markdown, strlen(d->markdown),
		               &d->digest, made->packed ? made : NULL, STORE_IMPORT_REPLACE, result,
		               error);
	}
	if (rc == 0)
		rc = store_one(store, source_id, origin->location, p->text, p->text_len, &feed->items,
		               p->prepared_made ? &p->prepared : NULL, STORE_IMPORT_WINDOW, result,
		               error);
	if (rc == 0 && feed->items.warning)
		result->warning = xstrdup(feed->items.warning);
	if (rc != 0)
		ingest_result_clear(result);
	return rc;
}

static int store_parsed(struct store *store, int64_t source_id, const struct ingest_origin *origin,
                        struct parsed *p, struct ingest_result *result, char **error)
{
	if (p->error) {
		*error = p->error;
		p->error = NULL;
		return -1;
	}
	if (p->is_feed)
		return store_feed(store, source_id, origin, p, result, error);
	if (p->digest.warning)
		result->warning = xstrdup(p->digest.warning);
	struct store_import_result imported;
	memset(&imported, 0, sizeof imported);
	if (store_import_digest_prepared(store, source_id, origin->location, p->text, p->text_len,
	                                 &p->digest, p->prepared_made ? &p->prepared : NULL,
	                                 STORE_IMPORT_REPLACE, &imported, error) != 0) {
		if (!*error)
			*error = xstrdup(_("cannot store the digest"));
		ingest_result_clear(result);
		return -1;
	}
	result->unchanged = imported.unchanged;
	result->items_new = imported.items_new;
	result->items_updated = imported.items_updated;
	result->items = imported.mentions;
	return 0;
}

static int check_unchanged(struct store *store, const struct ingest_origin *origin,
                           const struct parsed *p, struct ingest_result *result, char **error)
{
	bool unchanged = false;
	if (origin->skip_unchanged &&
	    store_digest_unchanged(store, origin->location, p->text, p->text_len, &unchanged, error) != 0)
		return -1;
	result->unchanged = unchanged;
	return 0;
}

int ingest_digest(struct store *store, int64_t source_id, const struct ingest_origin *origin,
                  const char *bytes, size_t len, struct ingest_result *result, char **error)
{
	memset(result, 0, sizeof *result);
	*error = NULL;
	struct parsed p;
	memset(&p, 0, sizeof p);
	p.text = ingest_decode(origin, bytes, len, &p.text_len, &p.body, error);
	if (!p.text)
		return -1;
	/* Unchanged bytes are not even parsed. */
	int rc = check_unchanged(store, origin, &p, result, error);
	if (rc == 0 && !result->unchanged) {
		parse_text(origin, &p);
		rc = store_parsed(store, source_id, origin, &p, result, error);
	}
	parsed_clear(&p);
	return rc;
}

/* ------------------------------------------------------------ the queue */

/* A document given to the queue: its origin copied, its bytes owned. */
struct job {
	int64_t source_id;
	struct ingest_origin origin;
	char *location, *name, *charset, *content_type;
	char **tags;
	char *bytes;
	size_t len;
	void *user;
	bool taken;                 /* a worker is parsing it (or has) */
	bool parsed;
	struct parsed p;
};

struct ingest_queue {
	struct store *store;
	ingest_done_fn *done;
	void *context;
	const atomic_bool *cancel;  /* the creating thread's flag, watched by the workers */
	pthread_t *threads;
	size_t thread_count;
	pthread_mutex_t lock;
	pthread_cond_t work;        /* a job to take, or stopping */
	pthread_cond_t finished;    /* a job was parsed */
	struct job **ring;          /* jobs in the order given */
	size_t capacity, head, count;
	size_t next;                /* ring offset from head of the next job to take */
	bool stopping;
};

static char *dup_optional(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void job_free(struct job *job)
{
	free(job->location);
	free(job->name);
	free(job->charset);
	free(job->content_type);
	for (size_t i = 0; i < job->origin.tag_count; i++)
		free(job->tags[i]);
	free(job->tags);
	free(job->bytes);
	parsed_clear(&job->p);
	free(job);
}

static void job_parse(struct job *job)
{
	job->p.text = ingest_decode(&job->origin, job->bytes, job->len, &job->p.text_len,
	                            &job->p.body, &job->p.error);
	free(job->bytes);           /* the decoded text is what stays */
	job->bytes = NULL;
	if (job->p.text)
		parse_text(&job->origin, &job->p);
}

static void *worker_main(void *arg)
{
	struct ingest_queue *q = arg;
	cancel_watch(q->cancel);
	pthread_mutex_lock(&q->lock);
	for (;;) {
		while (!q->stopping && q->next >= q->count)
			pthread_cond_wait(&q->work, &q->lock);
		if (q->next >= q->count)
			break;
		struct job *job = q->ring[(q->head + q->next) % q->capacity];
		q->next++;
		job->taken = true;
		pthread_mutex_unlock(&q->lock);
		job_parse(job);
		pthread_mutex_lock(&q->lock);
		job->parsed = true;
		pthread_cond_broadcast(&q->finished);
	}
	pthread_mutex_unlock(&q->lock);
	return NULL;
}

size_t ingest_default_workers(void)
{
	const char *env = getenv("RADAR_INGEST_WORKERS");
	if (env && *env) {
		char *end;
		unsigned long n = strtoul(env, &end, 10);
		if (*end == '\0')
			return n > INGEST_MAX_WORKERS ? INGEST_MAX_WORKERS : (size_t)n;
	}
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	if (cores < 1)
		cores = 1;
	return cores > INGEST_MAX_WORKERS ? INGEST_MAX_WORKERS : (size_t)cores;
}

struct ingest_queue *ingest_queue_new(struct store *store, size_t workers, ingest_done_fn *done,
                                      void *context)
{
	struct ingest_queue *q = xcalloc(1, sizeof *q);
	q->store = store;
	q->done = done;
	q->context = context;
	q->cancel = cancel_watched();
	if (workers > INGEST_MAX_WORKERS)
		workers = INGEST_MAX_WORKERS;
	/* Enough parsed documents waiting that the writer never starves, few
	 * enough that memory stays flat. */
	q->capacity = workers ? 4 * workers : 1;
	q->ring = xcalloc(q->capacity, sizeof *q->ring);
	pthread_mutex_init(&q->lock, NULL);
	pthread_cond_init(&q->work, NULL);
	pthread_cond_init(&q->finished, NULL);
	if (workers == 0)
		return q;
	/* Global set-up of the parsers the workers share, done once here
	 * before any thread runs them. */
	xmlInitParser();
	struct digest warm;
	char *warm_error = NULL;
	if (digest_parse("", 0, "", &warm, &warm_error) == 0)
		digest_clear(&warm);
	free(warm_error);
	q->threads = xcalloc(workers, sizeof *q->threads);
	for (size_t i = 0; i < workers; i++) {
		if (pthread_create(&q->threads[q->thread_count], NULL, worker_main, q) != 0)
			break;          /* fewer workers; none: the writer parses */
		q->thread_count++;
	}
	return q;
}

/* Stores the oldest job (parsing it first unless a worker does) and hands
 * its outcome to the callback.  Called with the lock held; returns with it
 * held. */
static void store_head(struct ingest_queue *q)
{
	struct job *job = q->ring[q->head];
	if (q->thread_count == 0 || (!job->taken && q->next == 0)) {
		/* No worker has it: parse it here rather than wait. */
		if (q->next == 0)
			q->next = 1;
		job->taken = true;
		pthread_mutex_unlock(&q->lock);
		job_parse(job);
		pthread_mutex_lock(&q->lock);
		job->parsed = true;
	}
	while (!job->parsed)
		pthread_cond_wait(&q->finished, &q->lock);
	q->ring[q->head] = NULL;
	q->head = (q->head + 1) % q->capacity;
	q->count--;
	q->next--;
	pthread_mutex_unlock(&q->lock);

	struct ingest_result result;
	memset(&result, 0, sizeof result);
	char *error = NULL;
	int rc = job->p.error ? store_parsed(q->store, job->source_id, &job->origin, &job->p, &result,
	                                     &error)
	                      : check_unchanged(q->store, &job->origin, &job->p, &result, &error);
	if (rc == 0 && !job->p.error && !result.unchanged)
		rc = store_parsed(q->store, job->source_id, &job->origin, &job->p, &result, &error);
	if (q->done)
		q->done(q->context, job->user, rc, &result, error);
	ingest_result_clear(&result);
	free(error);
	job_free(job);
	pthread_mutex_lock(&q->lock);
}

void ingest_queue_push(struct ingest_queue *q, int64_t source_id, const struct ingest_origin *origin,
                       char *bytes, size_t len, void *user)
{
	struct job *job = xcalloc(1, sizeof *job);
	job->source_id = source_id;
	job->origin = *origin;
	job->origin.location = job->location = dup_optional(origin->location);
	job->origin.name = job->name = dup_optional(origin->name);
	job->origin.charset = job->charset = dup_optional(origin->charset);
	job->origin.content_type = job->content_type = dup_optional(origin->content_type);
	job->tags = xcalloc(origin->tag_count + 1, sizeof *job->tags);
	for (size_t i = 0; i < origin->tag_count; i++)
		job->tags[i] = xstrdup(origin->tags[i]);
	job->origin.tags = job->tags;
	job->bytes = bytes;
	job->len = len;
	job->user = user;

	pthread_mutex_lock(&q->lock);
	while (q->count == q->capacity)
		store_head(q);
	q->ring[(q->head + q->count) % q->capacity] = job;
	q->count++;
	pthread_cond_signal(&q->work);
	/* Without workers a job is parsed and stored as soon as it comes. */
	if (q->thread_count == 0)
		store_head(q);
	pthread_mutex_unlock(&q->lock);
}

void ingest_queue_drain(struct ingest_queue *q)
{
	pthread_mutex_lock(&q->lock);
	while (q->count > 0)
		store_head(q);
	pthread_mutex_unlock(&q->lock);
}

void ingest_queue_free(struct ingest_queue *q)
{
	if (!q)
		return;
	ingest_queue_drain(q);
	pthread_mutex_lock(&q->lock);
	q->stopping = true;
	pthread_cond_broadcast(&q->work);
	pthread_mutex_unlock(&q->lock);
	for (size_t i = 0; i < q->thread_count; i++)
		pthread_join(q->threads[i], NULL);
	free(q->threads);
	free(q->ring);
	pthread_mutex_destroy(&q->lock);
	pthread_cond_destroy(&q->work);
	pthread_cond_destroy(&q->finished);
	free(q);
}
