/* Source lines and the documents they stand for. */
#include <config.h>

#include "sources.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "charset.h"
#include "feed.h"
#include "i18n.h"
#include "store.h"
#include "xalloc.h"

#define MAX_NAME_BYTES 64
#define MAX_DIRECTORY_DEPTH 64
#define MAX_TAGS 32
/* A dated location expands to at most this many bytes per day. */
#define MAX_EXPANDED 4096

bool source_is_digest_name(const char *name)
{
	const char *dot = strrchr(name, '.');
	static const char *const suffixes[] = { ".md", ".markdown", ".rss", ".xml", ".atom", ".html", ".htm" };
	if (!dot || dot == name)
		return false;
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++)
		if (strcasecmp(dot, suffixes[i]) == 0)
			return true;
	return false;
}

static bool is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* "%" + two hex digits, the first a digit or upper case: URL encoding
 * (%20, %E4%BD...), not a strftime conversion. */
static bool is_percent_encoding(const char *p)
{
	return p[0] == '%' && is_hex(p[1]) && is_hex(p[2]) &&
	       ((p[1] >= '0' && p[1] <= '9') || (p[1] >= 'A' && p[1] <= 'F'));
}

static bool has_date_pattern(const char *s)
{
	for (const char *p = s; *p; p++) {
		if (*p != '%')
			continue;
		if (p[1] == '%') {
			p++;
			continue;
		}
		if (is_percent_encoding(p)) {
			p += 2;
			continue;
		}
		return true;
	}
	return false;
}

/* The pattern with URL encodings doubled so strftime copies them. */
static char *strftime_pattern(const char *s)
{
	size_t len = strlen(s);
	char *out = xmalloc(len * 2 + 1), *o = out;
	for (const char *p = s; *p; p++) {
		if (*p == '%' && p[1] == '%') {
			*o++ = *p++;
			*o++ = *p;
		} else if (is_percent_encoding(p)) {
			*o++ = '%';
			*o++ = '%';
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return out;
}

static bool has_prefix_nocase(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return c - 'A' + 10;
}

/* file:///abs/path or file://localhost/abs/path → /abs/path, percent-
 * decoded unless the location is dated (strftime needs the escapes). */
static char *file_url_path(const char *url, bool dated, char **error)
{
	const char *p = url + strlen("file://");
	if (has_prefix_nocase(p, "localhost/"))
		p += strlen("localhost");
	if (*p != '/') {
		*error = xasprintf(_("'%s': a file URL needs an absolute path (file:///...)"), url);
		return NULL;
	}
	char *path = xmalloc(strlen(p) + 1), *o = path;
	for (; *p; p++) {
		if (!dated && p[0] == '%' && is_hex(p[1]) && is_hex(p[2])) {
			char c = (char)(hex_value(p[1]) * 16 + hex_value(p[2]));
			if (c == '\0') {
				free(path);
				*error = xasprintf(_("'%s': the path holds a NUL byte"), url);
				return NULL;
			}
			*o++ = c;
			p += 2;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return path;
}

static int parse_location(const char *location, struct source *out, char **error)
{
	if (!*location) {
		*error = xstrdup(_("the location is empty"));
		return -1;
	}
	for (const char *p = location; *p; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			*error = xstrdup(_("the location holds control characters"));
			return -1;
		}
	}
	bool dated = has_date_pattern(location);
	if (has_prefix_nocase(location, "http://") || has_prefix_nocase(location, "https://")) {
		out->remote = true;
		out->location = xstrdup(location);
		out->type = dated ? SOURCE_DATED : SOURCE_URL;
		return 0;
	}
	char *path = NULL;
	if (has_prefix_nocase(location, "file://")) {
		path = file_url_path(location, dated, error);
		if (!path)
			return -1;
	} else if (strstr(location, "://")) {
		*error = xasprintf(_("'%s': only http, https and file URLs can be fetched"), location);
		return -1;
	} else if (location[0] == '~' && (location[1] == '/' || location[1] == '\0')) {
		const char *home = getenv("HOME");
		if (!home || home[0] != '/') {
			*error = xasprintf(_("'%s': $HOME is not set"), location);
			return -1;
		}
		path = xasprintf("%s%s", home, location + 1);
	} else if (location[0] == '/') {
		path = xstrdup(location);
	} else {
		*error = xasprintf(_("'%s': a location is a URL or an absolute path"), location);
		return -1;
	}
	out->remote = false;
	out->location = path;
	struct stat st;
	if (dated)
		out->type = SOURCE_DATED;
	else if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		out->type = SOURCE_DIRECTORY;
	else
		out->type = SOURCE_FILE;
	return 0;
}

static int parse_number(const char *s, long min, long max, long *value)
{
	if (!*s || *s == '-' || *s == '+')
		return -1;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s)
		return -1;
	*value = v;
	if (*end)
		return (int)(unsigned char)*end;  /* the unit, for the caller */
	return v < min || v > max ? -1 : 0;
}

static int parse_interval(const char *s, int *seconds)
{
	long v;
	int unit = parse_number(s, 1, INT_MAX, &v);
	if (unit < 0 || v < 1)
		return -1;
	long scale = 60;        /* minutes by default */
	if (unit) {
		const char *u = strchr(s, unit);
		if (u[1])
			return -1;
		switch (unit) {
		case 's': scale = 1; break;
		case 'm': scale = 60; break;
		case 'h': scale = 3600; break;
		case 'd': scale = 86400; break;
		default: return -1;
		}
	}
	if (v > 366L * 86400 / scale)
		return -1;
	*seconds = (int)(v * scale);
	return 0;
}

static int parse_tags(const char *s, struct source *out, char **error)
{
	const char *p = s;
	while (*p) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		while (n > 0 && (*p == ' ' || *p == '\t')) {
			p++;
			n--;
		}
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (n > 0) {
			if (out->tag_count >= MAX_TAGS) {
				*error = xasprintf(_("at most %d tags per source"), MAX_TAGS);
				return -1;
			}
			out->tags = xrealloc(out->tags, (out->tag_count + 1) * sizeof *out->tags);
			out->tags[out->tag_count++] = xstrndup(p, n);
		}
		if (!comma)
			break;
		p = comma + 1;
	}
	if (out->tag_count == 0) {
		*error = xstrdup(_("tags= needs at least one tag"));
		return -1;
	}
	return 0;
}

static int parse_option(const char *arg, struct source *out, char **error)
{
	const char *eq = strchr(arg, '=');
	if (!eq) {
		*error = xasprintf(_("unexpected '%s' (options are days=, tags=, every=, charset= and as=)"), arg);
		return -1;
	}
	size_t key_len = (size_t)(eq - arg);
	const char *value = eq + 1;
	if (key_len == 4 && strncmp(arg, "days", 4) == 0) {
		long v;
		if (parse_number(value, 1, SOURCE_MAX_DAYS, &v) != 0) {
			*error = xasprintf(_("days=%s: expected a number of days from 1 to %d"), value,
			                   SOURCE_MAX_DAYS);
			return -1;
		}
		out->days = (int)v;
		return 0;
	}
	if (key_len == 4 && strncmp(arg, "tags", 4) == 0)
		return parse_tags(value, out, error);
	if (key_len == 5 && strncmp(arg, "every", 5) == 0) {
		if (parse_interval(value, &out->every) != 0) {
			*error = xasprintf(_("every=%s: expected an interval such as 90s, 30m, 6h or 1d"), value);
			return -1;
		}
		return 0;
	}
	if (key_len == 7 && strncmp(arg, "charset", 7) == 0) {
		if (!charset_supported(value)) {
			*error = xasprintf(_("charset=%s: unknown character set"), value);
			return -1;
		}
		free(out->charset);
		out->charset = xstrdup(value);
		return 0;
	}
	if (key_len == 2 && strncmp(arg, "as", 2) == 0) {
		int as = feed_as_from_name(value);
		if (as < 0) {
			*error = xasprintf(_("as=%s: expected as=items or as=digests"), value);
			return -1;
		}
		out->as = as;
		return 0;
	}
	*error = xasprintf(_("unknown option '%.*s' (options are days=, tags=, every=, charset= and as=)"),
	                   (int)key_len, arg);
	return -1;
}

static int check_name(const char *name, char **error)
{
	size_t len = strlen(name);
	if (len == 0 || len > MAX_NAME_BYTES) {
		*error = xasprintf(_("a source name has 1 to %d bytes"), MAX_NAME_BYTES);
		return -1;
	}
	for (const char *p = name; *p; p++) {
		if ((unsigned char)*p <= 0x20 || *p == 0x7f) {
			*error = xasprintf(_("'%s': a source name has no spaces or control characters"), name);
			return -1;
		}
	}
	return 0;
}

int source_parse(int argc, char **argv, struct source *out, char **error)
{
	memset(out, 0, sizeof *out);
	*error = NULL;
	if (argc < 3) {
		*error = xstrdup(_("usage: source NAME LOCATION [days=N] [tags=a,b] [every=30m] [charset=NAME] [as=items|digests]"));
		return -1;
	}
	out->days = SOURCE_DEFAULT_DAYS;
	if (check_name(argv[1], error) < 0 || parse_location(argv[2], out, error) < 0)
		goto failed;
	out->name = xstrdup(argv[1]);
	for (int i = 3; i < argc; i++)
		if (parse_option(argv[i], out, error) < 0)
			goto failed;
	return 0;
failed:
	source_clear(out);
	return -1;
}

void source_clear(struct source *source)
{
	if (!source)
		return;
	free(source->name);
	free(source->location);
	for (size_t i = 0; i < source->tag_count; i++)
		free(source->tags[i]);
	free(source->tags);
	free(source->charset);
	memset(source, 0, sizeof *source);
}

const struct source *source_list_find(const struct source_list *list, const char *name)
{
	for (size_t i = 0; i < list->count; i++)
		if (strcmp(list->sources[i].name, name) == 0)
			return &list->sources[i];
	return NULL;
}

int source_list_add(struct source_list *list, struct source *source, char **error)
{
	if (source_list_find(list, source->name)) {
		*error = xasprintf(_("source '%s' is defined twice"), source->name);
		source_clear(source);
		return -1;
	}
	list->sources = xrealloc(list->sources, (list->count + 1) * sizeof *list->sources);
	list->sources[list->count++] = *source;
	memset(source, 0, sizeof *source);
	return 0;
}

void source_list_clear(struct source_list *list)
{
	for (size_t i = 0; i < list->count; i++)
		source_clear(&list->sources[i]);
	free(list->sources);
	list->sources = NULL;
	list->count = 0;
}

/* ---------------------------------------------------------------- targets */

struct target_list {
	struct source_target *items;
	size_t count;
	size_t capacity;
};

static void add_target(struct target_list *list, char *location, bool optional, int age)
{
	for (size_t i = 0; i < list->count; i++) {
		if (strcmp(list->items[i].location, location) == 0) {
			free(location);     /* a weekly pattern names one document many days */
			return;
		}
	}
	list->items = xgrow(list->items, &list->capacity, list->count + 1, sizeof *list->items);
	list->items[list->count].location = location;
	list->items[list->count].optional = optional;
	list->items[list->count].member = false;
	list->items[list->count].age = age;
	list->count++;
}

static int compare_targets(const void *a, const void *b)
{
	return strcmp(((const struct source_target *)a)->location,
	              ((const struct source_target *)b)->location);
}

/* Hidden entries are skipped and symlinked directories not followed (they
 * could loop). */
static int collect_directory(const char *dir, int depth, struct target_list *out, char **error)
{
	if (depth > MAX_DIRECTORY_DEPTH)
		return 0;
	DIR *d = opendir(dir);
	if (!d) {
		*error = xasprintf("%s: %s", dir, strerror(errno));
		return -1;
	}
	struct dirent *entry;
	while ((entry = readdir(d)) != NULL) {
		if (entry->d_name[0] == '.')
			continue;
		char *path = xasprintf("%s/%s", dir, entry->d_name);
		struct stat st;
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			char *ignored = NULL;
			/* A subdirectory that cannot be read loses only itself. */
			collect_directory(path, depth + 1, out, &ignored);
			free(ignored);
			free(path);
		} else if (source_is_digest_name(entry->d_name) && stat(path, &st) == 0 &&
		           S_ISREG(st.st_mode)) {
			add_target(out, path, false, -1);
			out->items[out->count - 1].member = true;
		} else {
			free(path);
		}
	}
	closedir(d);
	return 0;
}

int source_targets(const struct source *source, time_t now, struct source_target **targets,
                   size_t *count, char **error)
{
	struct target_list list = { 0 };
	*error = NULL;
	struct stat st;
	switch (source->type) {
	case SOURCE_URL:
		add_target(&list, xstrdup(source->location), false, -1);
		break;
	case SOURCE_FILE:
	case SOURCE_DIRECTORY:
		/* Decided again now: the directory may have appeared since. */
		if (stat(source->location, &st) == 0 && S_ISDIR(st.st_mode)) {
			if (collect_directory(source->location, 0, &list, error) < 0) {
				source_targets_free(list.items, list.count);
				return -1;
			}
			qsort(list.items, list.count, sizeof *list.items, compare_targets);
		} else {
			add_target(&list, xstrdup(source->location), false, -1);
		}
		break;
	case SOURCE_DATED: {
		char *pattern = strftime_pattern(source->location);
		int days = source->days > 0 ? source->days : SOURCE_DEFAULT_DAYS;
		for (int day = 0; day < days; day++) {
			time_t t = now - (time_t)day * 86400;
			struct tm tm;
			if (!localtime_r(&t, &tm))
				continue;
			char buf[MAX_EXPANDED];
			/* The pattern is the user's own, checked only for length. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
			size_t n = strftime(buf, sizeof buf, pattern, &tm);
#pragma GCC diagnostic pop
			if (n == 0 || n >= sizeof buf - 1)
				continue;
			add_target(&list, xstrdup(buf), true, day);
		}
		free(pattern);
		break;
	}
	}
	*targets = list.items;
	*count = list.count;
	return 0;
}

void source_targets_free(struct source_target *targets, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(targets[i].location);
	free(targets);
}

char *source_row_summary(const struct source_row *row, bool configured)
{
	char *items = xasprintf(ngettext("%lld item (%lld unread)", "%lld items (%lld unread)",
	                                 (unsigned long)row->items),
	                        (long long)row->items, (long long)row->unread);
	char *in = xasprintf(ngettext("in %lld digest", "in %lld digests", (unsigned long)row->digests),
	                     (long long)row->digests);
	if (row->last_fresh > 0) {
		/* TRANSLATORS: the documents (days) the last refresh requested of
		 * a dated source, in "in 20 digests; last refresh: 2 requested, 18
		 * days fresh (re-checked once a day)". */
		char *checked = xasprintf(ngettext("%lld requested", "%lld requested",
		                                   (unsigned long)row->last_checked),
		                          (long long)(row->last_checked > 0 ? row->last_checked : 0));
		/* TRANSLATORS: "in 20 digests; last refresh: 2 requested, 18 days
		 * fresh (re-checked once a day)": stored days not requested
		 * because they answered less than a day ago. */
		char *longer = xasprintf(ngettext("%s; last refresh: %s, %lld day fresh (re-checked once a day)",
		                                  "%s; last refresh: %s, %lld days fresh (re-checked once a day)",
		                                  (unsigned long)row->last_fresh),
		                         in, checked, (long long)row->last_fresh);
		free(checked);
		free(in);
		in = longer;
	}
	char *line;
	if (row->last_ok)
		/* TRANSLATORS: "  last success: 2026-03-01T10:00:00Z; 12 items (3 unread) in 2 digests" */
		line = xasprintf(_("  last success: %s; %s %s"), row->last_ok, items, in);
	else if (configured)
		line = xasprintf(_("  never fetched successfully; %s %s"), items, in);
	else
		/* TRANSLATORS: a source made by `radar import`, never fetched. */
		line = xasprintf(_("  from 'radar import'; %s %s"), items, in);
	free(items);
	free(in);
	return line;
}
