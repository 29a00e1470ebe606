/* The drawing leaf: colour areas as curses attributes, and fitted text. */
#include <config.h>

#include <curses.h>
#include <stdlib.h>

#include "text.h"
#include "theme.h"
#include "ui/draw.h"

/* Set once by ui_draw_init, on the UI thread: the only state here. */
static int area_attr[AREA_COUNT];

int ui_area_attr(enum color_area area)
{
	if ((unsigned)area >= AREA_COUNT)
		return A_NORMAL;
	return area_attr[area];
}

void ui_draw_text(int y, int x, int width, const char *clean, int attr)
{
	if (width <= 0)
		return;
	char *fitted = text_fit(clean ? clean : "", width);
	attrset(attr);
	mvaddstr(y, x, fitted);
	attrset(A_NORMAL);
	free(fitted);
}

/* Colours the terminal lacks are fitted to the nearest it has; italics only
 * where the terminal has them (sitm). */
void ui_draw_init(const struct theme *theme)
{
	const char *no_color = getenv("NO_COLOR");
	bool colors_on = has_colors() && !(no_color && *no_color);
	struct theme mono;
	if (!colors_on) {
		char *error = NULL;
		if (theme_load_builtin(&mono, "mono", &error) != 0)
			abort();    /* compiled in and checked by test-theme */
		theme = &mono;
	}
	if (colors_on) {
		start_color();
		if (use_default_colors() != OK)
			assume_default_colors(COLOR_WHITE, COLOR_BLACK);
	}
	char italic_cap[] = "sitm";
	const char *italic = tigetstr(italic_cap);
	bool has_italic = italic && italic != (char *)-1 && *italic;
	for (int i = 0; i < AREA_COUNT; i++) {
		const struct color_spec *spec = &theme->areas[i];
		int attrs = spec->attrs;
		if ((attrs & A_ITALIC) && !has_italic)
			attrs = (attrs & ~A_ITALIC) | A_UNDERLINE;
		area_attr[i] = attrs;
		if (colors_on && i + 1 < COLOR_PAIRS) {
			short fg, bg;
			color_fit_pair(spec->fg, spec->bg, COLORS, theme->light, &fg, &bg);
			init_pair((short)(i + 1), fg, bg);
			area_attr[i] |= (int)COLOR_PAIR(i + 1);
		}
	}
}
