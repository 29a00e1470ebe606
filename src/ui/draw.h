/* The reader's drawing leaf: the curses attributes of each colour area and
 * fitted text.  It includes nothing of the reader, so every pane can use it
 * without knowing the rest (no global reader state, no include cycle). */
#ifndef RADAR_UI_DRAW_H
#define RADAR_UI_DRAW_H

#include <stdbool.h>

#include "colors.h"

struct theme;

/* Turn THEME into curses attributes; themes/mono.theme instead when colours
 * are off (NO_COLOR, or a terminal without them).  After newterm(). */
void ui_draw_init(const struct theme *theme);
/* The curses attributes (colour pair included) of AREA. */
int ui_area_attr(enum color_area area);
/* Draw clean text at (Y, X) fitted to exactly WIDTH columns (text_fit). */
void ui_draw_text(int y, int x, int width, const char *clean, int attr);

#endif
