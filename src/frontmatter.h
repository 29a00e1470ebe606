/* YAML front matter at the top of a Markdown digest, read with libyaml. */
#ifndef RADAR_FRONTMATTER_H
#define RADAR_FRONTMATTER_H

#include <stdbool.h>
#include <stddef.h>

struct frontmatter {
	char *title;        /* scalars, folded/literal styles resolved; NULL if absent */
	char *date;         /* as written; normalise with date_parse */
	char *description;
	char *url;          /* url/permalink/canonical: the digest's own page (may be a path) */
	/* Tags gathered from the list-valued keys tags, categories, keywords,
	 * companies, models, topics and people (a scalar is split on commas),
	 * in document order, duplicates removed. */
	char **tags;
	char **tag_origins; /* parallel to tags: the key each came from ("tags", "models", ...) */
	size_t tag_count;
	char *json;         /* the whole mapping as a JSON object, for storage */
};

/* Locate front matter: DOC must start with a "---" line (after an optional
 * UTF-8 BOM); it ends at the next "---" or "..." line. Returns true and sets
 * YAML_START/YAML_LEN to the YAML text and BODY_START to the first byte after
 * the closing line. Returns false when there is no front matter, or when the
 * opening line is never closed (then the document has no front matter and is
 * all body). */
bool frontmatter_locate(const char *doc, size_t len,
                        size_t *yaml_start, size_t *yaml_len, size_t *body_start);

/* Parse YAML text. Returns 0, or -1 with *ERROR set to a one-line message
 * (caller frees) such as "front matter line 3: mapping values are not allowed".
 * On error OUT is zeroed and safe to free. */
int frontmatter_parse(const char *yaml, size_t len, struct frontmatter *out, char **error);
void frontmatter_clear(struct frontmatter *fm);

#endif
