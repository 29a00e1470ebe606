/* The digest engine: one Markdown document in, its items out.
 *
 * Items are found from the document's structure (headings, link bullets,
 * table rows, time slots, tweet excerpts) and its links, never with rules
 * for one site.  Every string in the result is clean text (text.h) except
 * MARKDOWN fields, which are sanitised Markdown excerpts for rendering. */
#ifndef RADAR_DIGEST_H
#define RADAR_DIGEST_H

#include <stdbool.h>
#include <stddef.h>

#include "links.h"

struct digest_tag {
	char *name;
	/* Where it came from: "field" (a **标签**-style line), "keyword"
	 * (**Keywords:**, #hashtags), "frontmatter:KEY", "section" (a heading
	 * the item sits under), "category" (a **[开源]** marker). */
	char *origin;
};

struct digest_link {
	char *url;              /* canonical URL */
	char *text;             /* link text, may be "" */
	enum item_kind kind;
	char *key;              /* identity key of what it points to */
};

struct digest_item {
	char *key;              /* identity key; same thing, same key, any digest */
	enum item_kind kind;
	char *title;
	char *url;              /* main link; NULL for a note without one */
	char *summary;          /* a sentence or two, plain text; may be NULL */
	char *section;          /* heading path inside the digest, "A › B"; may be "" */
	char *date;             /* ISO 8601 or NULL */
	char *authors;          /* may be NULL */
	char *markdown;         /* the item's own Markdown excerpt */
	/* When MARKDOWN is one verbatim slice of the parsed body: where it
	 * starts there, so the cache can find it in the digest's raw text
	 * without searching (store/writer.c checks the bytes before trusting
	 * it).  A table row or a merged excerpt is no slice. */
	bool markdown_is_slice;
	size_t markdown_offset;
	struct digest_tag *tags;
	size_t tag_count;
	struct digest_link *links;  /* every link of the item, main link first */
	size_t link_count;
};

struct digest {
	char *title;
	char *date;             /* ISO 8601 or NULL */
	char *description;
	char *frontmatter_json; /* NULL when there is none */
	char *warning;          /* a problem that did not stop extraction, or NULL */
	struct digest_tag *tags;   /* digest-wide tags (front matter tags/categories/keywords) */
	size_t tag_count;
	/* Front-matter entity lists (companies, models, topics, people): the
	 * digest's subjects, each a tag only of the items that mention it. */
	struct digest_tag *entities;
	size_t entity_count;
	struct digest_item *items;
	size_t item_count;
};

/* Parse a digest.  NAME is where it came from (file name or URL: a date and
 * title fallback, and the digest's own site, whose pages linked from the
 * digest are navigation rather than items), may be NULL.  Any bytes are accepted:
 * invalid UTF-8 is repaired.  Returns 0 with OUT filled (possibly with no
 * items), or -1 with *ERROR set to a one-line message (OUT zeroed). */
int digest_parse(const char *bytes, size_t len, const char *name, struct digest *out, char **error);
/* As digest_parse; when EXPLAIN is not NULL, *EXPLAIN is set to text (free
 * it) saying, one line per item and per skipped block in document order,
 * "LINE: why": the rule that made an item, where its title and URL came
 * from, or why a block is not an item. */
int digest_parse_explained(const char *bytes, size_t len, const char *name, struct digest *out,
                           char **error, char **explain);
void digest_clear(struct digest *digest);

/* Bump when extraction changes what a digest yields: the cache then
 * re-extracts stored digests (their content hash includes this). */
#define DIGEST_ENGINE_VERSION 5

/* Upper bound on the size of a digest radar will parse (bytes). */
#define DIGEST_MAX_BYTES ((size_t)64 * 1024 * 1024)

#endif
