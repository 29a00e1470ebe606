/* A titled page of text lines that scrolls: the help screen and :sources.
 * Lines are clean (text_clean) when added. */
#ifndef RADAR_UI_TEXTVIEW_H
#define RADAR_UI_TEXTVIEW_H

#include <stddef.h>

#include "ui/pane.h"

struct text_view {
	char **lines;
	size_t *key_bytes;      /* per line: its first bytes are a key (help-key colour) */
	size_t count, capacity;
	int scroll;             /* first line shown */
	int rows;               /* lines shown, as last drawn */
};

extern const struct pane_ops text_view_ops;

void text_view_clear(struct text_view *view);
/* Add LINE (cut at its first newline, cleaned); takes and frees it. */
void text_view_add(struct text_view *view, char *line);
/* The same, its first KEY_BYTES bytes shown in the help-key colour. */
void text_view_add_key(struct text_view *view, char *line, size_t key_bytes);
/* Title on row 0 with the position at its right ("37 lines, 59%"), then
 * HEIGHT - 1 lines, across the screen. */
void text_view_draw(struct text_view *view, const char *title, int height);

#endif
