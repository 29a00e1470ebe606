/* Where digests come from: the `source` lines of the config file, and the
 * documents each source stands for right now.
 *
 *     source NAME LOCATION [days=N] [tags=a,b] [every=30m] [charset=gbk]
 *                          [as=items|digests]
 *
 * LOCATION is an http(s) or file:// URL of one digest, a local directory of
 * digests (every *.md below it), a local file, or a URL (or path) holding
 * strftime patterns such as %Y-%m-%d, tried for each of the last DAYS days
 * (a day without a digest is normal, not an error).  In a dated location
 * "%" followed by a digit and a hex digit is URL percent-encoding and is
 * kept as it is. */
#ifndef RADAR_SOURCES_H
#define RADAR_SOURCES_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

enum source_type {
	SOURCE_URL,             /* one http(s) digest */
	SOURCE_FILE,            /* one local file (a path or a file:// URL) */
	SOURCE_DIRECTORY,       /* every digest file below a local directory */
	SOURCE_DATED,           /* a URL or path with strftime patterns */
};

#define SOURCE_DEFAULT_DAYS 7
#define SOURCE_MAX_DAYS 366

struct source {
	char *name;
	char *location;         /* as written, with a file:// URL or ~ resolved to a path */
	enum source_type type;
	bool remote;            /* http(s): fetched with curl, else read from disk */
	int days;
	char **tags;
	size_t tag_count;
	int every;              /* refresh interval in seconds, 0 when not given */
	char *charset;          /* override label, or NULL */
	int as;                 /* enum feed_as (feed.h): how feed entries are read */
};

struct source_list {
	struct source *sources;
	size_t count;
};

/* Parse one source line already split into words (ARGV[0] is "source").
 * Returns 0, or -1 with *ERROR set to a translated message (caller frees)
 * that the config reader prefixes with file:line. */
int source_parse(int argc, char **argv, struct source *out, char **error);
void source_clear(struct source *source);
/* Add SOURCE (moved in: the list owns it) unless a source of that name
 * is there already; returns -1 with *ERROR then. */
int source_list_add(struct source_list *list, struct source *source, char **error);
void source_list_clear(struct source_list *list);
const struct source *source_list_find(const struct source_list *list, const char *name);

/* One document to fetch for a source. */
struct source_target {
	char *location;         /* URL, or an absolute path for local documents */
	bool optional;          /* a dated document: "not found" is no error */
	bool member;            /* found in a directory: a body that is no digest,
	                         * feed or page is skipped, not an error */
	int age;                /* a dated document: the days before NOW it was
	                         * expanded for (0 today, the youngest day for a
	                         * pattern naming one document many days); -1
	                         * for the rest */
};

/* The documents SOURCE stands for at time NOW (local time): one for a URL
 * or file, one per distinct day for a dated location, every digest file
 * for a directory (sorted by path).  Returns 0, or -1 with *ERROR set (a
 * directory that cannot be read). */
int source_targets(const struct source *source, time_t now, struct source_target **targets,
                   size_t *count, char **error);
void source_targets_free(struct source_target *targets, size_t count);

/* Whether a directory's file NAME may hold a digest or a feed: *.md,
 * *.markdown, *.rss, *.xml, *.atom, *.html, *.htm.  What it holds is found
 * from its bytes, as for a file named on its own; one that turns out to be
 * none of these is skipped with a note (source_target.member). */
bool source_is_digest_name(const char *name);

/* How `radar sources` and the reader's :sources page describe a source's
 * record in the cache: "  last success: …; 12 items (3 unread) in 2
 * digests", with plurals; CONFIGURED tells a source of the config file from
 * one that only `radar import` made.  No newline; caller frees. */
struct source_row;
char *source_row_summary(const struct source_row *row, bool configured);

#endif
