/* A titled page of text lines that scrolls: the help screen and :sources.
 * Lines are clean (text_clean) when added. */
#ifndef RADAR_UI_TEXTVIEW_H
#define RADAR_UI_TEXTVIEW_H

#include <stddef.h>

#include "ui/pane.h"

struct text_view {
	char **lines;
	size_t count, capacity;
	int scroll;             /* first line shown */
	int rows;               /* lines shown, as last drawn */
};

extern const struct pane_ops text_view_ops;

void text_view_clear(struct text_view *view);
/* Add LINE (cut at its first newline, cleaned); takes and frees it. */
void text_view_add(struct text_view *view, char *line);
/* Title on row 0, then HEIGHT - 1 lines, across the screen. */
void text_view_draw(struct text_view *view, const char *title, int height);

#endif
