/* The one cmark-gfm set-up: the options and extensions every Markdown
 * parse in radar uses, so the digest engine (which extracts items) and the
 * renderer (which draws them) see the same tree for the same text.
 *
 * A parse is bounded in work: cmark-gfm allocates through radar's
 * allocator, which counts what one parse holds and stops it past
 * MARKDOWN_MAX_ALLOC bytes (a GFM table of N columns over N rows makes N²
 * cells, short lines cost ~200 bytes of tree per input byte), or as soon
 * as the thread's cancel flag is set (cancel.h).  A stopped parse frees
 * everything it had allocated. */
#ifndef RADAR_MARKDOWN_H
#define RADAR_MARKDOWN_H

#include <stddef.h>

#include <cmark-gfm.h>

/* Peak bytes of tree one parse may allocate. */
#define MARKDOWN_MAX_ALLOC ((size_t)256 * 1024 * 1024)

enum markdown_status {
	MARKDOWN_OK,
	MARKDOWN_TOO_COMPLEX,   /* over the work budget */
	MARKDOWN_CANCELLED,     /* the thread's cancel flag was set */
};

/* Parse LEN bytes of Markdown (GFM: tables, autolinks, strikethrough, task
 * lists, footnotes).  Returns the document node (free it with
 * cmark_node_free()), or NULL when the parse was stopped; *STATUS (may be
 * NULL) says why. */
cmark_node *markdown_parse(const char *text, size_t len, enum markdown_status *status);

/* Set the work budget of later parses on this thread (tests); 0 restores
 * MARKDOWN_MAX_ALLOC. */
void markdown_set_budget(size_t bytes);

#endif
