/* The scrolling text page behind the help screen and :sources. */
#include <config.h>

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui/draw.h"
#include "ui/textview.h"
#include "xalloc.h"

void text_view_clear(struct text_view *view)
{
	for (size_t i = 0; i < view->count; i++)
		free(view->lines[i]);
	free(view->lines);
	view->lines = NULL;
	view->count = view->capacity = 0;
}

void text_view_add(struct text_view *view, char *line)
{
	view->lines = xgrow(view->lines, &view->capacity, view->count + 1, sizeof *view->lines);
	line[strcspn(line, "\n")] = '\0';
	/* Names, locations and errors come from outside. */
	view->lines[view->count++] = text_clean(line, strlen(line));
	free(line);
}

void text_view_draw(struct text_view *view, const char *title, int height)
{
	view->rows = height - 1 > 1 ? height - 1 : 1;
	int max = (int)view->count - (height - 1);
	if (view->scroll > max)
		view->scroll = max;
	if (view->scroll < 0)
		view->scroll = 0;
	ui_draw_text(0, 0, COLS, title, ui_area_attr(AREA_TITLE_BAR));
	for (int i = 0; i < height - 1; i++) {
		size_t index = (size_t)view->scroll + (size_t)i;
		const char *line = index < view->count ? view->lines[index] : "";
		ui_draw_text(i + 1, 0, COLS, line, ui_area_attr(AREA_DEFAULT));
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
