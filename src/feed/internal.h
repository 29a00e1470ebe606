/* Private to src/feed/ (public interface: src/feed.h).
 *
 *   sniff.c    what a body is (feed, Markdown, HTML, OPML, binary), declared
 *              charsets, feed media types, the as= names
 *   xml.c      LEAF over libxml2: the safe parser options and caps, the
 *              entity-declaration refusal, node helpers (names, namespaces,
 *              text of a node, attributes)
 *   html.c     HTML (a page or an entry's content) → Markdown: headings,
 *              lists, links, tables, quotes, code; main content only
 *   entries.c  RSS 2.0, RSS 1.0/RDF and Atom 1.0 → struct entry, dates
 *   items.c    an entry as an item (links.c identity keys, like a digest's
 *              items) and the choice item vs digest
 *   parse.c    feed_parse: a document's entries into items and digests
 *   opml.c     OPML lists of feeds: reading, names, writing outlines
 */
#ifndef RADAR_FEED_INTERNAL_H
#define RADAR_FEED_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "feed.h"
#include "strbuf.h"

/* Caps: a feed has at most this many entries (the rest are dropped), an
 * entry's text is cut at FEED_MAX_TEXT bytes, the HTML walk stops
 * descending at FEED_MAX_DEPTH. */
#define FEED_MAX_ENTRIES 5000
#define FEED_MAX_TEXT ((size_t)1024 * 1024)
#define FEED_MAX_DEPTH 48
#define FEED_MAX_OUTLINES 20000

/* ---- xml.c */
/* Parse TEXT (UTF-8) as XML, or NULL with *ERROR set (the parser's first
 * error, with its line).  Refuses documents that declare entities. */
xmlDocPtr xml_read(const char *text, size_t len, char **error);
/* Past the DOCTYPE declaration at P ("<!DOCTYPE", any case) and its
 * internal subset, its quoted literals skipped whole (a '>' or '<' inside
 * SYSTEM "..." ends nothing), or END; *ENTITIES (may be NULL) says whether
 * the subset declares an entity. */
const char *xml_skip_doctype(const char *p, const char *end, bool *entities);
/* Parse TEXT (UTF-8) as HTML; never fails on malformed markup. */
xmlDocPtr xml_read_html(const char *text, size_t len);
/* The element's local name is NAME (any namespace). */
bool xml_is(const xmlNode *node, const char *name);
/* ... and its namespace URI starts with NS_PREFIX (NULL: no namespace). */
bool xml_is_ns(const xmlNode *node, const char *name, const char *ns_prefix);
/* The first child element named NAME (in NS_PREFIX, or any when NULL). */
xmlNode *xml_child(const xmlNode *node, const char *name, const char *ns_prefix);
/* Text content, capped at FEED_MAX_TEXT, trimmed; NULL when empty. */
char *xml_text(const xmlNode *node);
/* An attribute's value (no namespace), NULL when absent or empty. */
char *xml_attr(const xmlNode *node, const char *name);

/* ---- html.c */
/* The Markdown of an HTML fragment or page (see feed_html_to_markdown). */
char *html_markdown(const char *html, size_t len, const char *base);
/* The plain text of an HTML fragment, white space collapsed, clean. */
char *html_plain_text(const char *html, size_t len);
/* Distinct identity keys of the fragment's links in list items, headings
 * and table cells, and whether it has headings or lists at all. */
size_t html_link_keys(const char *html, size_t len, const char *base, bool *structured);
/* URL resolved against BASE (absolute http(s) kept, //host, /path, rel). */
char *html_resolve(const char *url, const char *base);

/* ---- entries.c */
struct entry {
	char *id;               /* guid / atom id / rdf:about, may be NULL */
	char *title;            /* plain text (an HTML title is flattened) */
	char *link;             /* absolute */
	char *comments;         /* RSS <comments>: a discussion page */
	char *date;             /* ISO 8601 or NULL */
	char *authors;
	char *summary_html;     /* description / summary */
	char *content_html;     /* content:encoded / atom content */
	char **categories;
	size_t category_count;
};

struct feed_doc {
	char *title;
	char *link;
	char *date;
	const char *date_element;   /* where DATE came from: "<lastBuildDate>", ... */
	struct entry *entries;
	size_t entry_count;
};

/* The entries of an RSS 2.0, RSS 1.0/RDF or Atom root; -1 with *ERROR when
 * ROOT is none of them. */
int entries_read(xmlNode *root, const char *location, struct feed_doc *out, char **error);
void feed_doc_clear(struct feed_doc *doc);
/* RFC 822 (RSS) or ISO 8601 (Atom, dc:date) → ISO 8601; false if neither. */
bool entry_date(const char *s, char out[32]);

/* ---- items.c */
/* Whether ENTRY reads as a digest (a newsletter issue) rather than an item. */
bool entry_is_digest(const struct entry *entry);
/* Append ENTRY as an item of DIGEST (title, link → kind and key, summary,
 * date, authors, categories as tags). */
void entry_add_item(struct digest *digest, const struct entry *entry);

#endif
