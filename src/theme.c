/* Themes: colour and attribute names, theme files, and fitting colours to
 * the terminal. */
#include <config.h>

#include "theme.h"

#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdnoreturn.h>
#include <string.h>

#include "configline.h"
#include "i18n.h"
#include "strbuf.h"
#include "xalloc.h"

struct area_info {
	const char *name;
	const char *help;
};

static const struct area_info area_table[AREA_COUNT] = {
#define AREA_INFO(id, name, help) [AREA_##id] = { name, help },
	COLOR_AREAS(AREA_INFO)
#undef AREA_INFO
};

const char *color_area_name(enum color_area area)
{
	return (unsigned)area < AREA_COUNT ? area_table[area].name : "";
}

const char *color_area_help(enum color_area area)
{
	return (unsigned)area < AREA_COUNT ? area_table[area].help : "";
}

int color_area_from_name(const char *name)
{
	for (int i = 0; i < AREA_COUNT; i++)
		if (strcmp(area_table[i].name, name) == 0)
			return i;
	return -1;
}

static const char *const basic_colors[8] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

/* A colour name as theme files write it; -2 when it is none. */
static int parse_color(const char *name)
{
	if (strcmp(name, "default") == 0)
		return -1;
	const char *basic = name;
	int bright = 0;
	if (strncmp(name, "bright-", 7) == 0) {
		basic = name + 7;
		bright = 8;
	}
	for (int i = 0; i < 8; i++)
		if (strcmp(basic, basic_colors[i]) == 0)
			return i + bright;
	const char *digits = strncmp(name, "color", 5) == 0 ? name + 5 : name;
	if (!*digits || strlen(digits) > 3)
		return -2;
	int n = 0;
	for (const char *p = digits; *p; p++) {
		if (*p < '0' || *p > '9')
			return -2;
		n = n * 10 + (*p - '0');
	}
	return n <= 255 ? n : -2;
}

static const struct {
	const char *name;
	int attr;
} attributes[] = {
	{ "normal", A_NORMAL },
	{ "bold", A_BOLD },
	{ "dim", A_DIM },
	{ "underline", A_UNDERLINE },
	{ "reverse", A_REVERSE },
	{ "italic", A_ITALIC },
	{ "blink", A_BLINK },
	{ "standout", A_STANDOUT },
};

int theme_color_words(struct theme *theme, int count, char **words, char **error)
{
	*error = NULL;
	if (count < 4) {
		*error = xstrdup(_("usage: color AREA FOREGROUND BACKGROUND [ATTRIBUTE...]"));
		return -1;
	}
	int area = color_area_from_name(words[1]);
	if (area < 0) {
		*error = xasprintf(_("unknown colour area '%s'"), words[1]);
		return -1;
	}
	int fg = parse_color(words[2]), bg = parse_color(words[3]);
	if (fg < -1 || bg < -1) {
		*error = xasprintf(_("'%s' is not a colour (default, red, bright-red, color0...color255)"),
		                   fg < -1 ? words[2] : words[3]);
		return -1;
	}
	int attrs = A_NORMAL;
	for (int i = 4; i < count; i++) {
		size_t a = 0;
		while (a < sizeof attributes / sizeof attributes[0] && strcmp(attributes[a].name, words[i]) != 0)
			a++;
		if (a == sizeof attributes / sizeof attributes[0]) {
			*error = xasprintf(_("'%s' is not an attribute (bold, dim, underline, reverse, italic, "
			                     "blink, normal)"), words[i]);
			return -1;
		}
		attrs |= attributes[a].attr;
	}
	theme->areas[area] = (struct color_spec){ .fg = (short)fg, .bg = (short)bg, .attrs = attrs };
	return 0;
}

/* The compiled-in themes are read like the user's file (configline.c). */
static int apply_builtin_line(void *target, int count, char **words, char **error)
{
	return theme_color_words(target, count, words, error);
}

int theme_load_builtin(struct theme *theme, const char *name, char **error)
{
	*error = NULL;
	const struct embedded_file *file = embedded_find(theme_files, name, ".theme");
	if (!file) {
		char *names = embedded_names(theme_files, ".theme");
		*error = xasprintf(_("unknown theme '%s' (%s)"), name, names);
		free(names);
		return -1;
	}
	/* An area a theme does not name keeps the terminal's look.  (Cleared
	 * first: themes are compared with memcmp, padding included.) */
	memset(theme, 0, sizeof *theme);
	for (int i = 0; i < AREA_COUNT; i++)
		theme->areas[i] = (struct color_spec){ -1, -1, A_NORMAL };
	theme->light = strcmp(name, "light") == 0;
	config_read_builtin(file->name, file->data, file->size, "color", apply_builtin_line, theme);
	return 0;
}

void theme_init_default(struct theme *theme)
{
	char *error = NULL;
	if (theme_load_builtin(theme, "default", &error) != 0)
		abort();
}

/* xterm's default palette for the 16 basic colours. */
static const int basic_rgb[16][3] = {
	{ 0, 0, 0 }, { 205, 0, 0 }, { 0, 205, 0 }, { 205, 205, 0 },
	{ 0, 0, 238 }, { 205, 0, 205 }, { 0, 205, 205 }, { 229, 229, 229 },
	{ 127, 127, 127 }, { 255, 0, 0 }, { 0, 255, 0 }, { 255, 255, 0 },
	{ 92, 92, 255 }, { 255, 0, 255 }, { 0, 255, 255 }, { 255, 255, 255 },
};

void color_rgb(short color, bool foreground, bool light, int rgb[3])
{
	if (color < 0) {
		/* The terminal's own colours: light text on dark, or the reverse. */
		int level = foreground ? (light ? 0 : 229) : (light ? 255 : 0);
		rgb[0] = rgb[1] = rgb[2] = level;
		return;
	}
	if (color < 16) {
		memcpy(rgb, basic_rgb[color], sizeof basic_rgb[color]);
		return;
	}
	if (color >= 232) {
		int level = 8 + (color - 232) * 10;
		rgb[0] = rgb[1] = rgb[2] = level;
		return;
	}
	static const int steps[6] = { 0, 95, 135, 175, 215, 255 };
	int c = color - 16;
	rgb[0] = steps[c / 36];
	rgb[1] = steps[(c / 6) % 6];
	rgb[2] = steps[c % 6];
}

static double channel(int value)
{
	double c = value / 255.0;
	return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double luminance(const int rgb[3])
{
	return 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);
}

double color_contrast(const int a[3], const int b[3])
{
	double la = luminance(a), lb = luminance(b);
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

static long distance(const int a[3], const int b[3])
{
	long d = 0;
	for (int k = 0; k < 3; k++)
		d += (long)(a[k] - b[k]) * (a[k] - b[k]);
	return d;
}

short color_fit(short color, int colors)
{
	if (color < 0 || color < colors)
		return color;
	if (color < 16)                 /* bright on an 8-colour terminal */
		return (short)(color - 8);
	/* The nearest of the 16 basic colours, as xterm draws them. */
	int rgb[3];
	color_rgb(color, true, false, rgb);
	int limit = colors >= 16 ? 16 : 8;
	int best = 0;
	long best_distance = -1;
	for (int i = 0; i < limit; i++) {
		long d = distance(rgb, basic_rgb[i]);
		if (best_distance < 0 || d < best_distance) {
			best_distance = d;
			best = i;
		}
	}
	return (short)best;
}

/* The contrast a fitted pair must keep: the theme's own, up to what text
 * needs (WCAG's 4.5:1). */
#define CONTRAST_ENOUGH 4.5

void color_fit_pair(short fg, short bg, int colors, bool light, short *out_fg, short *out_bg)
{
	*out_fg = color_fit(fg, colors);
	*out_bg = color_fit(bg, colors);
	if (*out_fg == fg && *out_bg == bg)
		return;                 /* nothing changed: the theme's choice stands */
	int want_fg[3], want_bg[3], got_fg[3], got_bg[3];
	color_rgb(fg, true, light, want_fg);
	color_rgb(bg, false, light, want_bg);
	color_rgb(*out_fg, true, light, got_fg);
	color_rgb(*out_bg, false, light, got_bg);
	double target = color_contrast(want_fg, want_bg);
	if (target > CONTRAST_ENOUGH)
		target = CONTRAST_ENOUGH;
	if (color_contrast(got_fg, got_bg) >= target)
		return;
	/* The nearest pair that reads: white on cyan (1.6:1) is what plain
	 * nearest colours made of a light grey on a dark teal. A background the
	 * theme left to the terminal stays the terminal's. */
	int limit = colors >= 16 ? 16 : 8;
	long best_cost = -1;
	double best_contrast = -1;
	short best_fg = *out_fg, best_bg = *out_bg, brightest_fg = *out_fg, brightest_bg = *out_bg;
	for (int f = fg < 0 ? -1 : 0; f < limit; f++) {
		for (int b = bg < 0 ? -1 : 0; b < (bg < 0 ? 0 : limit); b++) {
			int cf[3], cb[3];
			color_rgb((short)f, true, light, cf);
			color_rgb((short)b, false, light, cb);
			double contrast = color_contrast(cf, cb);
			long cost = distance(want_fg, cf) + distance(want_bg, cb);
			if (contrast >= target && (best_cost < 0 || cost < best_cost)) {
				best_cost = cost;
				best_fg = (short)f;
				best_bg = (short)b;
			}
			if (contrast > best_contrast) {
				best_contrast = contrast;
				brightest_fg = (short)f;
				brightest_bg = (short)b;
			}
		}
	}
	*out_fg = best_cost >= 0 ? best_fg : brightest_fg;
	*out_bg = best_cost >= 0 ? best_bg : brightest_bg;
}
