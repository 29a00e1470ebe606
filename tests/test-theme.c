/* The compiled-in themes are readable on every terminal: the contrast of
 * each colour area's foreground on its background (reverse swaps them), as
 * the reader fits them to 8, 16 and 256 colours (xterm's palette; the
 * terminal's own colours taken as light grey on black, black on white for
 * the light theme).  Bars (status, title, cursor, prompt) need 4.5:1, other
 * text 3:1.  Also: the fitting itself. */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "theme.h"

static bool is_bar(enum color_area area)
{
	return area == AREA_STATUS || area == AREA_STATUS_ERROR || area == AREA_TITLE_BAR
	    || area == AREA_CURSOR || area == AREA_CURSOR_INACTIVE || area == AREA_PROMPT;
}

static double area_contrast(const struct theme *theme, enum color_area area, int colors,
                            short *fg, short *bg)
{
	const struct color_spec *spec = &theme->areas[area];
	color_fit_pair(spec->fg, spec->bg, colors, theme->light, fg, bg);
	int f[3], b[3];
	color_rgb(*fg, true, theme->light, f);
	color_rgb(*bg, false, theme->light, b);
	return color_contrast(f, b);
}

static void test_theme(const char *name)
{
	static const int depths[] = { 8, 16, 256 };
	struct theme theme;
	char *error = NULL;
	if (theme_load_builtin(&theme, name, &error) != 0) {
		ok(0, "theme %s loads: %s", name, error);
		free(error);
		return;
	}
	for (size_t d = 0; d < sizeof depths / sizeof depths[0]; d++) {
		int failures = 0;
		double worst = 100;
		const char *worst_area = "";
		for (int a = 0; a < AREA_COUNT; a++) {
			short fg, bg;
			double c = area_contrast(&theme, (enum color_area)a, depths[d], &fg, &bg);
			double need = is_bar((enum color_area)a) ? 4.5 : 3.0;
			if (c < worst) {
				worst = c;
				worst_area = color_area_name((enum color_area)a);
			}
			if (c < need) {
				failures++;
				tap_diag("%s at %d colours: %s is %d on %d, %.2f:1 (needs %.1f)", name, depths[d],
				         color_area_name((enum color_area)a), fg, bg, c, need);
			}
		}
		ok(failures == 0, "theme %s at %d colours: every area readable (lowest %.2f:1, %s)", name,
		   depths[d], worst, worst_area);
	}
}

static void test_fit(void)
{
	short fg, bg;
	/* The default theme's status line, light grey on dark teal. */
	color_fit_pair(252, 24, 8, false, &fg, &bg);
	ok(!(fg == COLOR_WHITE && bg == COLOR_CYAN), "8 colours: the status line is not white on cyan (%d on %d)",
	   fg, bg);
	int f[3], b[3];
	color_rgb(fg, true, false, f);
	color_rgb(bg, false, false, b);
	ok(color_contrast(f, b) >= 4.5, "... and reads at %.2f:1", color_contrast(f, b));
	color_fit_pair(252, 24, 256, false, &fg, &bg);
	ok(fg == 252 && bg == 24, "256 colours: the theme's own colours");
	color_fit_pair(COLOR_BLUE, -1, 8, false, &fg, &bg);
	ok(fg == COLOR_BLUE && bg == -1, "a basic colour the terminal has is kept as the theme says");
	color_fit_pair(8, -1, 8, false, &fg, &bg);
	ok(fg != COLOR_BLACK && bg == -1, "bright-black on 8 colours is not black on the dark background");
	int white[3] = { 255, 255, 255 }, black[3] = { 0, 0, 0 };
	ok(color_contrast(white, black) > 20.9 && color_contrast(black, black) < 1.01, "contrast runs 1 to 21");
}

int main(void)
{
	test_fit();
	for (size_t i = 0; theme_files[i].name; i++) {
		char name[64];
		snprintf(name, sizeof name, "%s", theme_files[i].name);
		char *dot = strrchr(name, '.');
		if (dot)
			*dot = '\0';
		if (strcmp(name, "mono") == 0)
			continue;       /* attributes only: the terminal's own colours */
		test_theme(name);
	}
	return tap_done();
}
