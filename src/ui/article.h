/* The article pane: one item rendered by render_item(), scrollable, with
 * its links numbered so `3o` or `3` opens link 3. */
#ifndef RADAR_UI_ARTICLE_PANE_H
#define RADAR_UI_ARTICLE_PANE_H

#include <stdbool.h>
#include <stdint.h>

#include "render.h"
#include "store.h"
#include "ui/pane.h"

struct article_pane {
	int64_t item_id;            /* -1: nothing loaded */
	struct item_detail detail;
	struct render_output out;   /* rendered at WIDTH */
	int width;
	int height;
	int scroll;                 /* first line shown */
	char **highlight;           /* the view's query words (query.h), drawn in search-match */
	size_t highlight_count;
};

void article_init(struct article_pane *article);
void article_clear(struct article_pane *article);
/* Nothing shown (an empty view). */
void article_reset(struct article_pane *article);
/* Load item ID (a no-op when it is already loaded, unless FORCE).  Returns
 * 0, or -1 with *ERROR set; an item gone from the cache clears the pane. */
int article_load(struct article_pane *article, struct store *store, int64_t item_id, bool force,
                 char **error);
/* Lay out for WIDTH x HEIGHT (renders again when the width changed). */
void article_layout(struct article_pane *article, int width, int height);
void article_scroll(struct article_pane *article, int delta);
void article_scroll_to(struct article_pane *article, int line);
/* The URL of link N (1-based, as numbered in the text; 0 is the item's
 * main link), or NULL. */
const char *article_link(const struct article_pane *article, int n);
void article_draw(const struct article_pane *article, int y, int x);
/* Highlight WORDS (COUNT of them; the pane takes them, query_words_free). */
void article_set_highlight(struct article_pane *article, char **words, size_t count);

/* Its hooks for the motion routine (ui/pane.h). */
extern const struct pane_ops article_pane_ops;

#endif
