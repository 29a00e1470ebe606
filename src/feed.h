/* Feeds and web pages as sources: what a body is (a feed, a Markdown
 * digest, an HTML page, an OPML list, or none of these), RSS 2.0, RSS
 * 1.0/RDF and Atom 1.0 entries as items or as digests, HTML turned into the
 * Markdown structure the digest engine reads, and OPML lists of feeds.
 *
 * Parsing is libxml2's with the network off (XML_PARSE_NONET), no DTD
 * loading, no entity substitution and documents declaring entities refused;
 * bodies, entries, depth and text are capped.  The files are in src/feed/,
 * mapped in src/feed/internal.h. */
#ifndef RADAR_FEED_H
#define RADAR_FEED_H

#include <stdbool.h>
#include <stddef.h>

#include "digest.h"

/* What a body is, found from its bytes (never the URL or file name). */
enum feed_body {
	FEED_BODY_MARKDOWN,     /* text: a digest as radar always read them */
	FEED_BODY_FEED,         /* RSS 2.0, RSS 1.0/RDF or Atom 1.0 */
	FEED_BODY_HTML,         /* a web page */
	FEED_BODY_OPML,         /* a list of feeds */
	FEED_BODY_XML,          /* some other XML document */
	FEED_BODY_BINARY,       /* an image, an archive, ... */
};

/* How a source's feed entries are read: chosen per entry from its content,
 * or forced by `source NAME URL as=items|digests`. */
enum feed_as {
	FEED_AS_AUTO,
	FEED_AS_ITEMS,
	FEED_AS_DIGESTS,
};

/* "items", "digests"; feed_as_from_name returns -1 for anything else. */
int feed_as_from_name(const char *name);

/* The kind of LEN bytes (raw or decoded: only ASCII is looked at). */
enum feed_body feed_sniff(const char *bytes, size_t len);

/* Whether LEN bytes are what radar reads as a document (a Markdown digest,
 * a feed, a web page), not an OPML list, other XML or binary data: a
 * directory's file that is not is skipped. */
bool feed_is_readable(const char *bytes, size_t len);

/* The charset an XML document's declaration (<?xml ... encoding="X"?>) or
 * an HTML page's <meta charset> names, lower case, or NULL (caller frees). */
char *feed_declared_charset(const char *bytes, size_t len);

/* Whether CONTENT_TYPE is a feed's media type (application/rss+xml, ...). */
bool feed_content_type_is_feed(const char *content_type);

/* One digest a feed yields besides its items: an entry read as a digest. */
struct feed_digest {
	char *location;         /* FEED_LOCATION#ENTRY_ID */
	char *markdown;         /* the entry's HTML as Markdown: what is stored */
	struct digest digest;
};

struct feed_result {
	struct digest items;    /* the entries read as items; title and date are the feed's */
	struct feed_digest *digests;
	size_t digest_count;
};

/* Parse the UTF-8 feed TEXT fetched from LOCATION.  Returns 0 with OUT
 * filled, or -1 with *ERROR set (translated, caller frees): malformed or
 * truncated XML, entity declarations, no RSS/Atom root, too big. */
int feed_parse(const char *text, size_t len, const char *location, enum feed_as as,
               struct feed_result *out, char **error);
/* As feed_parse; when EXPLAIN is not NULL, *EXPLAIN is set to text (free
 * it), one line per entry: what it became (an item and its key, a digest,
 * nothing) and where its date came from (the entry, the feed's own date,
 * or none: the cache then dates it by the fetch that first saw it). */
int feed_parse_explained(const char *text, size_t len, const char *location, enum feed_as as,
                         struct feed_result *out, char **error, char **explain);
void feed_result_clear(struct feed_result *result);

/* A stored feed (its raw XML) as Markdown to show whole: the feed's title,
 * each item's title, byline and summary, each entry-digest's title.
 * NULL with *ERROR set when TEXT is no feed. */
char *feed_markdown(const char *text, size_t len, const char *location, char **error);

/* An HTML page (UTF-8) as Markdown for the digest engine: its main content
 * (<main>, <article>, else <body> without <nav>, <header>, <footer>,
 * <aside>, scripts and styles), headings, lists, links, tables, quotes and
 * code.  Relative links are resolved against BASE (may be NULL).  Returns
 * the Markdown (caller frees) or NULL with *ERROR set. */
char *feed_html_to_markdown(const char *html, size_t len, const char *base, char **error);

/* One feed of an OPML file. */
struct opml_feed {
	char *url;              /* xmlUrl */
	char *title;            /* text or title, may be NULL */
	char **tags;            /* the titles of the outlines it is nested in */
	size_t tag_count;
	/* radar's own source options from radar:every=, radar:as=,
	 * radar:charset=, radar:days= (OPML_RADAR_NS), each "key=value", in
	 * that order; only values made of letters, digits and "._:-". */
	char **options;
	size_t option_count;
	size_t options_unsafe;  /* radar: attributes dropped for their characters */
};

struct opml_list {
	struct opml_feed *feeds;
	size_t count;
	size_t skipped;         /* outlines without an http(s) xmlUrl */
};

/* Read an OPML file (newsboat, newsraft, Feedly, Inoreader exports).
 * Returns 0, or -1 with *ERROR set. */
int opml_parse(const char *bytes, size_t len, struct opml_list *out, char **error);
void opml_list_clear(struct opml_list *list);

/* A source name for FEED, unique among the LIST's first INDEX names and
 * TAKEN (names already configured, may be NULL): the title's letters,
 * digits and '-', else the host; "-2", "-3"... on a clash.  Caller frees. */
char *opml_source_name(const struct opml_feed *feed, char *const *taken, size_t taken_count);

/* The namespace of radar's attributes on an outline (declared on <opml>
 * as xmlns:radar): source options other readers have no attribute for. */
#define OPML_RADAR_NS "https://github.com/radar-reader/radar/ns/opml"
/* The radar: attributes opml_parse reads, in the order it keeps them. */
#define OPML_RADAR_OPTIONS { "every", "as", "charset", "days" }

/* One feed written as an OPML outline line, its attributes escaped.
 * RADAR (may be NULL) holds name, value pairs ended by NULL, written as
 * radar:NAME="VALUE". */
char *opml_outline(const char *name, const char *url, const char *const *radar);
/* The opening line of a group outline titled TITLE (closed by the caller
 * with "</outline>"): how OPML readers nest feeds in folders, and what
 * opml_parse reads back as tags. */
char *opml_group(const char *title);
/* TEXT as an XML comment line (control characters dropped, "--" split). */
char *opml_comment(const char *text);

#endif
