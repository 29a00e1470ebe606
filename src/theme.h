/* Themes: how each colour area (colors.h) looks.  The theme files of
 * themes/ are compiled in (tools/embed.sh); `theme NAME` loads one and
 * `color AREA FG BG [ATTR...]` changes one area, in the same syntax.
 *
 * Colours are 0-255 (the xterm palette: 0-7 the basic colours, 8-15 their
 * bright forms) or -1 for the terminal's own (use_default_colors()).
 * Attributes are the curses A_* bits. */
#ifndef RADAR_THEME_H
#define RADAR_THEME_H

#include <stdbool.h>

#include "colors.h"
#include "embedded.h"

struct color_spec {
	short fg, bg;
	int attrs;
};

struct theme {
	struct color_spec areas[AREA_COUNT];
	bool light;             /* made for a light background (themes/light.theme) */
};

/* The theme files compiled in (themes/NAME.theme), NULL-terminated. */
extern const struct embedded_file theme_files[];

const char *color_area_name(enum color_area area);
const char *color_area_help(enum color_area area);     /* untranslated */
/* -1 when NAME is no area. */
int color_area_from_name(const char *name);

/* themes/default.theme. */
void theme_init_default(struct theme *theme);
/* Replace THEME with the compiled-in theme NAME.  -1 with *ERROR when there
 * is no such theme. */
int theme_load_builtin(struct theme *theme, const char *name, char **error);
/* One `color AREA FG BG [ATTR...]` line as words (WORDS[0] is "color").
 * -1 with *ERROR (translated) when the line is not valid. */
int theme_color_words(struct theme *theme, int count, char **words, char **error);

/* COLOR (0-255, or -1) as the nearest colour a terminal with COLORS colours
 * has: the 256-colour cube and grey ramp fold onto the 16 or 8 basic ones. */
short color_fit(short color, int colors);
/* A foreground/background pair fitted to COLORS colours: each the nearest,
 * unless that loses the contrast the pair had (up to 4.5:1); then the
 * nearest pair that keeps it.  A default (-1) background stays default.
 * LIGHT: the terminal's own colours are dark on light. */
void color_fit_pair(short fg, short bg, int colors, bool light, short *out_fg, short *out_bg);
/* The RGB COLOR shows as in xterm's palette; -1 is the terminal's own
 * foreground (FOREGROUND) or background, light on dark unless LIGHT. */
void color_rgb(short color, bool foreground, bool light, int rgb[3]);
/* WCAG contrast ratio of two colours, 1 to 21. */
double color_contrast(const int a[3], const int b[3]);

#endif
