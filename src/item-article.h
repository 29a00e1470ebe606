/* The article for one item, as the reader's article pane and `radar show`
 * print it: composed with the Markdown renderer (render.h) from what the
 * cache knows of the item (store.h). */
#ifndef RADAR_ITEM_ARTICLE_H
#define RADAR_ITEM_ARTICLE_H

#include "render.h"
#include "store.h"

/* Title, metadata (kind, date, source, "seen in N digests", authors), tags,
 * summary, the Markdown of its first mention (others when they differ),
 * then "Links" numbered, then "Mentioned in" (each digest with its
 * section), wrapped to WIDTH and appended to OUT. */
void render_item(const struct item_detail *item, int width, struct render_output *out);

#endif
