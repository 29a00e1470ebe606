/* The scrolling text page behind the help screen and :sources. */
#include <config.h>

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "ui/draw.h"
#include "ui/textview.h"
#include "xalloc.h"

void text_view_clear(struct text_view *view)
{
	for (size_t i = 0; i < view->count; i++)
		free(view->lines[i]);
	free(view->lines);
	free(view->key_bytes);
	view->lines = NULL;
	view->key_bytes = NULL;
	view->count = view->capacity = 0;
}

void text_view_add_key(struct text_view *view, char *line, size_t key_bytes)
{
	size_t old_capacity = view->capacity;
	view->lines = xgrow(view->lines, &view->capacity, view->count + 1, sizeof *view->lines);
	if (view->capacity != old_capacity || !view->key_bytes)
		view->key_bytes = xrealloc(view->key_bytes, view->capacity * sizeof *view->key_bytes);
	line[strcspn(line, "\n")] = '\0';
	/* Names, locations and errors come from outside. */
	char *clean = text_clean(line, strlen(line));
	/* The key part is cut where the clean line still has it whole. */
	view->key_bytes[view->count] = key_bytes <= strlen(line) && strncmp(clean, line, key_bytes) == 0
	                               ? key_bytes : 0;
	view->lines[view->count++] = clean;
	free(line);
}

void text_view_add(struct text_view *view, char *line)
{
	text_view_add_key(view, line, 0);
}

void text_view_draw(struct text_view *view, const char *title, int height)
{
	view->rows = height - 1 > 1 ? height - 1 : 1;
	int max = (int)view->count - (height - 1);
	if (view->scroll > max)
		view->scroll = max;
	if (view->scroll < 0)
		view->scroll = 0;
	/* Where we are, as less and vim say it: there may be more below. */
	size_t shown = (size_t)view->scroll + (size_t)view->rows;
	int percent = view->count == 0 || shown >= view->count ? 100 : (int)(shown * 100 / view->count);
	char *position = xasprintf(ngettext("%zu line, %d%% ", "%zu lines, %d%% ", view->count), view->count,
	                           percent);
	int position_width = text_width(position);
	int title_attr = ui_area_attr(AREA_TITLE_BAR);
	ui_draw_text(0, 0, COLS - position_width, title, title_attr);
	ui_draw_text(0, COLS - position_width, position_width, position, title_attr);
	free(position);
	int text_attr = ui_area_attr(AREA_DEFAULT);
	int key_attr = ui_area_attr(AREA_HELP_KEY);
	for (int i = 0; i < height - 1; i++) {
		size_t index = (size_t)view->scroll + (size_t)i;
		const char *line = index < view->count ? view->lines[index] : "";
		ui_draw_text(i + 1, 0, COLS, line, text_attr);
		size_t key = index < view->count ? view->key_bytes[index] : 0;
		if (key > 0) {
			char *part = xstrndup(line, key);
			int width = text_width(part);
			ui_draw_text(i + 1, 0, width < COLS ? width : COLS, part, key_attr);
			free(part);
		}
	}
}

/* Scrolling past either end is clamped when drawn. */
static int view_step(void *pane, long delta, char **error)
{
	(void)error;
	struct text_view *view = pane;
	view->scroll += (int)delta;
	return 0;
}

static int view_go(void *pane, long index, char **error)
{
	(void)error;
	struct text_view *view = pane;
	view->scroll = index < 0 ? (int)view->count : (int)index;
	return 0;
}

static void view_page(const void *pane, int *half, int *full)
{
	const struct text_view *view = pane;
	int rows = view->rows > 1 ? view->rows : 1;
	*half = rows / 2;
	*full = rows;
}

const struct pane_ops text_view_ops = {
	.name = "text",
	.step = view_step,
	.scroll = view_step,
	.go = view_go,
	.page = view_page,
};
