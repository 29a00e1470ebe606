/* libcurl multi transfers and local reads, under one set of limits. */
#include <config.h>

#include "fetch.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "digest.h"
#include "i18n.h"
#include "strbuf.h"
#include "xalloc.h"

#define RADAR_HOMEPAGE "https://github.com/radar-reader/radar"
#define USER_AGENT "radar/" VERSION " (+" RADAR_HOMEPAGE ")"
#define MAX_REDIRECTS 5
#define MAX_HEADER_VALUE 1024
/* How often a running fetch looks at its cancel flag (milliseconds). */
#define POLL_MS 100

bool fetch_is_remote(const char *location)
{
	return strncasecmp(location, "http://", 7) == 0 || strncasecmp(location, "https://", 8) == 0;
}

static long env_long(const char *name, long min, long max, long fallback)
{
	const char *s = getenv(name);
	if (!s || !*s)
		return fallback;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return fallback;
	return v;
}

void fetch_options_init(struct fetch_options *options)
{
	options->connect_timeout = 15;
	options->timeout = 60;
	options->max_bytes = DIGEST_MAX_BYTES;
	options->max_connections = 8;
	options->max_per_host = 2;
	options->idle = NULL;
	long timeout = env_long("RADAR_FETCH_TIMEOUT", 1, 3600, 0);
	if (timeout > 0) {
		options->timeout = timeout;
		if (options->connect_timeout > timeout)
			options->connect_timeout = timeout;
	}
	long max_bytes = env_long("RADAR_FETCH_MAX_BYTES", 1, (long)DIGEST_MAX_BYTES, 0);
	if (max_bytes > 0)
		options->max_bytes = (size_t)max_bytes;
}

static void result_free(struct fetch_result *result)
{
	free(result->body);
	free(result->content_type);
	free(result->etag);
	free(result->last_modified);
	free(result->error);
	memset(result, 0, sizeof *result);
}

static char *too_big_message(size_t max_bytes)
{
	return xasprintf(_("larger than the limit of %zu bytes"), max_bytes);
}

/* ---------------------------------------------------------------- files */

/* The cap as the user thinks of it, in MB, unless it is set below one. */
static char *file_too_big_message(uintmax_t size, size_t max_bytes)
{
	if (max_bytes < (1u << 20))
		return too_big_message(max_bytes);
	uintmax_t mb = (size + (1u << 20) - 1) >> 20;
	return xasprintf(_("too large (%llu MB, limit %llu MB)"), (unsigned long long)mb,
	                 (unsigned long long)(max_bytes >> 20));
}

void fetch_read_file(const char *path, size_t max_bytes, struct fetch_result *result)
{
	memset(result, 0, sizeof *result);
	bool is_stdin = strcmp(path, "-") == 0;
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		result->status = errno == ENOENT ? FETCH_NOT_FOUND : FETCH_FAILED;
		result->error = xstrdup(strerror(errno));
		return;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !(S_ISREG(st.st_mode) || is_stdin)) {
		result->status = FETCH_FAILED;
		result->error = xstrdup(S_ISDIR(st.st_mode) ? strerror(EISDIR) : _("not a regular file"));
		if (!is_stdin)
			close(fd);
		return;
	}
	if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max_bytes) {
		result->status = FETCH_FAILED;
		result->error = file_too_big_message((uintmax_t)st.st_size, max_bytes);
		if (!is_stdin)
			close(fd);
		return;
	}
	struct strbuf body;
	strbuf_init(&body);
	char chunk[65536];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			result->status = FETCH_FAILED;
			result->error = xstrdup(strerror(errno));
			break;
		}
		if (n == 0)
			break;
		/* The file may grow while it is read; a pipe has no size to check. */
		if (body.len + (size_t)n > max_bytes) {
			result->status = FETCH_FAILED;
			result->error = file_too_big_message(body.len + (size_t)n, max_bytes);
			break;
		}
		strbuf_append(&body, chunk, (size_t)n);
	}
	if (!is_stdin)
		close(fd);
	if (result->error) {
		strbuf_clear(&body);
		return;
	}
	result->status = FETCH_OK;
	result->len = body.len;
	result->body = strbuf_detach(&body);
	if (!result->body)
		result->body = xstrdup("");
}

void fetch_result_clear(struct fetch_result *result)
{
	result_free(result);
}

/* ---------------------------------------------------------------- http */

struct transfer {
	CURL *easy;
	size_t index;               /* into the requests */
	struct curl_slist *headers;
	struct strbuf body;
	size_t max_bytes;
	bool too_big;
	char *etag;
	char *last_modified;
	char *content_type;
	char errbuf[CURL_ERROR_SIZE];
};

static size_t on_body(char *data, size_t size, size_t count, void *user)
{
	struct transfer *t = user;
	size_t n = size * count;
	if (t->body.len + n > t->max_bytes) {
		t->too_big = true;
		return 0;               /* aborts the transfer: CURLE_WRITE_ERROR */
	}
	strbuf_append(&t->body, data, n);
	return n;
}

/* A header value without surrounding blanks or control characters, so it
 * can be stored and sent back safely. */
static char *header_value(const char *p, size_t n)
{
	while (n > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	while (n > 0 && ((unsigned char)p[n - 1] <= ' ' || p[n - 1] == 0x7f))
		n--;
	if (n == 0 || n > MAX_HEADER_VALUE)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f)
			return NULL;
	return xstrndup(p, n);
}

static bool header_is(const char *line, size_t n, const char *name, const char **value,
                      size_t *value_len)
{
	size_t name_len = strlen(name);
	if (n <= name_len || line[name_len] != ':' || strncasecmp(line, name, name_len) != 0)
		return false;
	*value = line + name_len + 1;
	*value_len = n - name_len - 1;
	return true;
}

static void replace(char **slot, char *value)
{
	free(*slot);
	*slot = value;
}

static size_t on_header(char *line, size_t size, size_t count, void *user)
{
	struct transfer *t = user;
	size_t n = size * count;
	const char *value;
	size_t value_len;
	/* Every response of a redirect chain starts with its status line; only
	 * the last response's headers describe the document. */
	if (n >= 5 && strncmp(line, "HTTP/", 5) == 0) {
		replace(&t->etag, NULL);
		replace(&t->last_modified, NULL);
		replace(&t->content_type, NULL);
	} else if (header_is(line, n, "ETag", &value, &value_len)) {
		replace(&t->etag, header_value(value, value_len));
	} else if (header_is(line, n, "Last-Modified", &value, &value_len)) {
		replace(&t->last_modified, header_value(value, value_len));
	} else if (header_is(line, n, "Content-Type", &value, &value_len)) {
		replace(&t->content_type, header_value(value, value_len));
	}
	return n;
}

static void transfer_free(struct transfer *t)
{
	if (!t)
		return;
	if (t->easy)
		curl_easy_cleanup(t->easy);
	curl_slist_free_all(t->headers);
	strbuf_clear(&t->body);
	free(t->etag);
	free(t->last_modified);
	free(t->content_type);
	free(t);
}

static struct transfer *transfer_new(const struct fetch_options *options,
                                     const struct fetch_request *request, size_t index)
{
	struct transfer *t = xcalloc(1, sizeof *t);
	t->index = index;
	t->max_bytes = options->max_bytes;
	strbuf_init(&t->body);
	t->easy = curl_easy_init();
	if (!t->easy) {
		transfer_free(t);
		return NULL;
	}
	CURL *e = t->easy;
	t->headers = curl_slist_append(t->headers,
		"Accept: text/markdown, text/x-markdown;q=0.9, text/plain;q=0.8, */*;q=0.1");
	if (request->etag) {
		char *h = xasprintf("If-None-Match: %s", request->etag);
		t->headers = curl_slist_append(t->headers, h);
		free(h);
	}
	if (request->last_modified) {
		char *h = xasprintf("If-Modified-Since: %s", request->last_modified);
		t->headers = curl_slist_append(t->headers, h);
		free(h);
	}
	curl_easy_setopt(e, CURLOPT_URL, request->location);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(e, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, (long)MAX_REDIRECTS);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, options->connect_timeout);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, options->timeout);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)options->max_bytes);
	curl_easy_setopt(e, CURLOPT_USERAGENT, USER_AGENT);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);
	curl_easy_setopt(e, CURLOPT_PRIVATE, t);
	/* Threads: no SIGALRM-based DNS timeouts. */
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	/* Verification stays on (the defaults, said out loud). */
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
	return t;
}

static char *transport_error(const struct fetch_options *options, struct transfer *t, CURLcode code)
{
	switch (code) {
	case CURLE_FILESIZE_EXCEEDED:
		return too_big_message(options->max_bytes);
	case CURLE_WRITE_ERROR:
		if (t->too_big)
			return too_big_message(options->max_bytes);
		break;
	case CURLE_TOO_MANY_REDIRECTS:
		return xasprintf(_("too many redirects (more than %d)"), MAX_REDIRECTS);
	case CURLE_UNSUPPORTED_PROTOCOL: {
		long redirects = 0;
		curl_easy_getinfo(t->easy, CURLINFO_REDIRECT_COUNT, &redirects);
		return xstrdup(redirects > 0
			? _("redirected to a URL that is not http or https; refused")
			: _("only http and https URLs can be fetched"));
	}
	case CURLE_OPERATION_TIMEDOUT:
		return xasprintf(_("timed out after %ld seconds"), options->timeout);
	case CURLE_PARTIAL_FILE:
		return xstrdup(_("the connection closed before the whole document arrived"));
	default:
		break;
	}
	if (t->errbuf[0]) {
		size_t n = strlen(t->errbuf);
		while (n > 0 && t->errbuf[n - 1] == '\n')
			t->errbuf[--n] = '\0';
		return xstrdup(t->errbuf);
	}
	return xstrdup(curl_easy_strerror(code));
}

static void finish_transfer(const struct fetch_options *options, struct transfer *t, CURLcode code,
                            struct fetch_result *result)
{
	memset(result, 0, sizeof *result);
	if (code != CURLE_OK) {
		result->status = FETCH_FAILED;
		result->error = transport_error(options, t, code);
		return;
	}
	long status = 0;
	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
	result->http_status = status;
	result->etag = t->etag;
	result->last_modified = t->last_modified;
	result->content_type = t->content_type;
	t->etag = t->last_modified = t->content_type = NULL;
	if (status >= 200 && status < 300) {
		result->status = FETCH_OK;
		result->len = t->body.len;
		result->body = strbuf_detach(&t->body);
	} else if (status == 304) {
		result->status = FETCH_NOT_MODIFIED;
	} else if (status == 404 || status == 410) {
		result->status = FETCH_NOT_FOUND;
		result->error = xasprintf(_("not found (HTTP %ld)"), status);
	} else {
		result->status = FETCH_FAILED;
		result->error = xasprintf(_("the server answered HTTP %ld"), status);
	}
}

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_code;

static void init_curl(void)
{
	curl_init_code = curl_global_init(CURL_GLOBAL_DEFAULT);
}

static bool cancelled(const atomic_bool *cancel)
{
	return cancel && atomic_load(cancel);
}

static void fail_request(const struct fetch_request *request, const char *message,
                         fetch_done_fn *done, void *data)
{
	struct fetch_result result = { .status = FETCH_FAILED, .error = xstrdup(message) };
	done(request, &result, data);
	result_free(&result);
}

int fetch_run(const struct fetch_options *options, const struct fetch_request *requests,
              size_t count, fetch_done_fn *done, void *data, const atomic_bool *cancel,
              char **error)
{
	*error = NULL;
	size_t remote = 0;
	for (size_t i = 0; i < count; i++) {
		if (fetch_is_remote(requests[i].location)) {
			remote++;
			continue;
		}
		if (cancelled(cancel)) {
			fail_request(&requests[i], _("cancelled"), done, data);
			continue;
		}
		struct fetch_result result = { 0 };
		if (requests[i].location[0] != '/') {
			result.status = FETCH_FAILED;
			result.error = xstrdup(_("only http and https URLs and absolute paths can be fetched"));
		} else {
			fetch_read_file(requests[i].location, options->max_bytes, &result);
		}
		done(&requests[i], &result, data);
		result_free(&result);
	}
	if (remote == 0)
		return 0;
	if (options->idle)
		options->idle(data);

	pthread_once(&curl_once, init_curl);
	if (curl_init_code != CURLE_OK) {
		*error = xasprintf(_("cannot start libcurl: %s"), curl_easy_strerror(curl_init_code));
		return -1;
	}
	CURLM *multi = curl_multi_init();
	if (!multi) {
		*error = xstrdup(_("cannot start libcurl"));
		return -1;
	}
	curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, options->max_connections);
	curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, options->max_per_host);

	/* Transfers are added a few at a time, so a queued one does not use up
	 * its timeout waiting for a connection. */
	size_t next = 0, active = 0;
	struct transfer **running_transfers = xcalloc(count, sizeof *running_transfers);
	long window = options->max_connections > 0 ? options->max_connections : 8;
	for (;;) {
		while (active < (size_t)window && next < count) {
			size_t i = next++;
			if (!fetch_is_remote(requests[i].location))
				continue;
			if (cancelled(cancel)) {
				fail_request(&requests[i], _("cancelled"), done, data);
				continue;
			}
			struct transfer *t = transfer_new(options, &requests[i], i);
			if (!t || curl_multi_add_handle(multi, t->easy) != CURLM_OK) {
				transfer_free(t);
				fail_request(&requests[i], _("cannot start the transfer"), done, data);
				continue;
			}
			running_transfers[i] = t;
			active++;
		}
		if (active == 0 && next >= count)
			break;
		int running = 0;
		curl_multi_perform(multi, &running);
		CURLMsg *msg;
		int left;
		bool finished = false;
		while ((msg = curl_multi_info_read(multi, &left)) != NULL) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			finished = true;
			struct transfer *t = NULL;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&t);
			CURLcode code = msg->data.result;
			curl_multi_remove_handle(multi, msg->easy_handle);
			running_transfers[t->index] = NULL;
			active--;
			struct fetch_result result;
			finish_transfer(options, t, code, &result);
			done(&requests[t->index], &result, data);
			result_free(&result);
			transfer_free(t);
		}
		if (cancelled(cancel) && active > 0) {
			/* Abandon what is still running. */
			for (size_t k = 0; k < count; k++) {
				struct transfer *t = running_transfers[k];
				if (!t)
					continue;
				running_transfers[k] = NULL;
				curl_multi_remove_handle(multi, t->easy);
				fail_request(&requests[k], _("cancelled"), done, data);
				transfer_free(t);
			}
			active = 0;
			continue;
		}
		if (active > 0) {
			/* Nothing finished in this round: the wait starts here. */
			if (options->idle && !finished)
				options->idle(data);
			curl_multi_poll(multi, NULL, 0, POLL_MS, NULL);
		}
	}
	curl_multi_cleanup(multi);
	free(running_transfers);
	return 0;
}
