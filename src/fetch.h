/* Fetching documents: http(s) through libcurl's multi interface, many at
 * once, and local files by plain reads, both under the same limits.
 *
 * Transfers run in parallel under a global and a per-host cap, with connect
 * and total timeouts, at most 5 redirects and only to http/https,
 * compressed transfer encodings, a size cap, TLS verification always on,
 * and conditional GET: the caller passes the ETag / Last-Modified it
 * remembered and an unchanged document comes back as FETCH_NOT_MODIFIED
 * with no body.  Not thread-safe per call; any number of threads may each
 * run their own fetch_run. */
#ifndef RADAR_FETCH_H
#define RADAR_FETCH_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

struct fetch_options {
	long connect_timeout;   /* seconds */
	long timeout;           /* seconds for a whole transfer */
	size_t max_bytes;       /* largest document accepted */
	long max_connections;   /* at once, all hosts */
	long max_per_host;
	/* Called, when not NULL, with DONE's data each time fetch_run is about
	 * to wait for the network: no answer is ready, so the caller can finish
	 * what it holds open (the refresh commits its batch). */
	void (*idle)(void *data);
};

/* The defaults (15 s connect, 60 s total, DIGEST_MAX_BYTES, 8 connections,
 * 2 per host), then the environment: RADAR_FETCH_TIMEOUT (seconds, sets
 * both timeouts when lower) and RADAR_FETCH_MAX_BYTES. */
void fetch_options_init(struct fetch_options *options);

struct fetch_request {
	const char *location;       /* http(s) URL, or an absolute path */
	const char *etag;           /* remembered validators, may be NULL */
	const char *last_modified;
	void *data;                 /* the caller's */
};

enum fetch_status {
	FETCH_OK,                   /* BODY holds the document */
	FETCH_NOT_MODIFIED,         /* 304: the remembered copy is current */
	FETCH_NOT_FOUND,            /* 404 / 410, or no such file */
	FETCH_FAILED,               /* ERROR says why */
};

struct fetch_result {
	enum fetch_status status;
	long http_status;           /* 0 for files and transport errors */
	char *body;                 /* NUL-terminated, LEN bytes; FETCH_OK only */
	size_t len;
	char *content_type;         /* may be NULL */
	char *etag;                 /* new validators, may be NULL */
	char *last_modified;
	char *error;                /* one line, translated; FETCH_FAILED and FETCH_NOT_FOUND */
};

/* Called once per request as it finishes, on the thread running
 * fetch_run, in completion order.  The callback owns RESULT's strings only
 * if it takes them (set the pointers to NULL); the rest is freed after. */
typedef void fetch_done_fn(const struct fetch_request *request, struct fetch_result *result,
                           void *data);

/* Fetch COUNT requests, calling DONE for each.  CANCEL, when not NULL, is
 * polled a few times a second: once it is set, unfinished transfers end as
 * FETCH_FAILED without waiting for the network.  Returns 0, or -1 with
 * *ERROR set when libcurl could not be set up at all. */
int fetch_run(const struct fetch_options *options, const struct fetch_request *requests,
              size_t count, fetch_done_fn *done, void *data, const atomic_bool *cancel,
              char **error);

/* Read the local file PATH ("-" is standard input) of at most MAX_BYTES
 * into RESULT, as fetch_run does for a path: FETCH_OK, FETCH_NOT_FOUND
 * (no such file) or FETCH_FAILED, with ERROR set for the last two. */
void fetch_read_file(const char *path, size_t max_bytes, struct fetch_result *result);
void fetch_result_clear(struct fetch_result *result);

/* Whether LOCATION is fetched over the network (http:// or https://). */
bool fetch_is_remote(const char *location);

#endif
