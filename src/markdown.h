/* The one cmark-gfm set-up: the options and extensions every Markdown
 * parse in radar uses, so the digest engine (which extracts items) and the
 * renderer (which draws them) see the same tree for the same text. */
#ifndef RADAR_MARKDOWN_H
#define RADAR_MARKDOWN_H

#include <stddef.h>

#include <cmark-gfm.h>

/* Parse LEN bytes of Markdown (GFM: tables, autolinks, strikethrough, task
 * lists, footnotes).  Returns the document node; free it with
 * cmark_node_free().  Never NULL. */
cmark_node *markdown_parse(const char *text, size_t len);

#endif
