/* Pane geometry (three panes when wide, taking turns when narrow) and
 * drawing the whole screen. */
#include <config.h>

#include <curses.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "strbuf.h"
#include "text.h"
#include "ui/draw.h"
#include "ui/internal.h"
#include "xalloc.h"

static struct layout compute_layout(const struct ui *ui)
{
	struct layout l = { .height = LINES - 2 };
	if (l.height < 1)
		l.height = 1;
	if (ui->wide) {
		l.tags = l.list = l.article = true;
		l.tags_x = 0;
		l.tags_width = TAGS_WIDTH;
		/* A blank column after each border keeps the list off the line. */
		l.list_x = TAGS_WIDTH + 2;
		int rest = COLS - l.list_x - 1;
		l.list_width = rest * 45 / 100;
		l.article_x = l.list_x + l.list_width + 1;
		l.article_width = COLS - l.article_x;
		return l;
	}
	if (ui->article_open) {
		l.article = true;
		l.article_width = COLS;
		return l;
	}
	l.list = true;
	l.list_width = COLS;
	if (ui->tags_overlay) {
		l.tags = true;
		l.tags_width = COLS / 2 < TAGS_WIDTH + 6 ? COLS / 2 : TAGS_WIDTH + 6;
		l.list_x = l.tags_width + 2;
		l.list_width = COLS - l.list_x;
	}
	return l;
}

/* Apply sizes to the panes (fetching rows the taller list needs). */
struct layout ui_relayout(struct ui *ui)
{
	ui->wide = COLS >= WIDE_COLUMNS;
	if (ui->wide)
		ui->tags_overlay = false;
	/* Three panes to one while reading: the article keeps the screen. */
	if (!ui->wide && ui->focus == FOCUS_ARTICLE && !ui->article_open && ui->article.item_id >= 0)
		ui->article_open = true;
	if (!ui->wide && ui->focus == FOCUS_ARTICLE && !ui->article_open)
		ui->focus = FOCUS_LIST;
	if (!ui->wide && ui->focus == FOCUS_TAGS && !ui->tags_overlay)
		ui->focus = FOCUS_LIST;
	struct layout l = compute_layout(ui);
	char *error = NULL;
	if (ui->store && list_set_height(&ui->list, l.height, &error) != 0)
		ui_store_failed(ui, error);
	tags_layout(&ui->tags, l.height);
	if (l.article)
		article_layout(&ui->article, l.article_width, l.height);
	return l;
}

static void draw_empty(struct ui *ui, const struct layout *l, int x, int width)
{
	const char *lines[6];
	int n = 0;
	size_t sources = ui->config.sources.count;
	char *fetch = NULL, *keys = NULL;
	if (ui->empty && sources > 0) {
		/* Sources are configured: what fills the cache is fetching them
		 * (newsboat's R), which refresh-on-start does by itself. */
		lines[n++] = _("The cache is empty.");
		lines[n++] = "";
		if (ui->refresh) {
			fetch = xasprintf(ngettext("Fetching %zu source...", "Fetching %zu sources...",
			                           (unsigned long)sources), sources);
			lines[n++] = fetch;
		} else {
			keys = keymap_keys_for(&ui->keymap, ACTION_REFRESH);
			/* TRANSLATORS: %s is a key ("R"), %zu the number of sources. */
			fetch = xasprintf(ngettext("Press %s to fetch the %zu configured source",
			                           "Press %s to fetch the %zu configured sources",
			                           (unsigned long)sources),
			                  keys && *keys ? keys : ":refresh", sources);
			lines[n++] = fetch;
			lines[n++] = _("or run:   radar refresh");
		}
	} else if (ui->empty) {
		lines[n++] = _("The cache is empty.");
		lines[n++] = "";
		lines[n++] = _("Add digests with:   radar import DIR|FILE...");
		lines[n++] = _("or try the demo:    radar --demo");
	} else {
		lines[n++] = _("Nothing in this view.");
		lines[n++] = "";
		lines[n++] = _("Press h or t for the views, :all for everything.");
	}
	int top = (l->height - n) / 2;
	if (top < 0)
		top = 0;
	for (int i = 0; i < l->height; i++)
		ui_draw_text(i, x, width, "", ui_area_attr(AREA_DEFAULT));
	for (int i = 0; i < n && top + i < l->height; i++) {
		int w = text_width(lines[i]);
		int pad = (width - w) / 2 > 0 ? (width - w) / 2 : 0;
		ui_draw_text(top + i, x + pad, width - pad, lines[i], ui_area_attr(AREA_DEFAULT));
	}
	free(fetch);
	free(keys);
}

void ui_draw(struct ui *ui)
{
	erase();
	if (LINES < 4 || COLS < 20) {
		ui_draw_text(0, 0, COLS, _("terminal too small"), A_BOLD);
		return;
	}
	struct layout l = ui_relayout(ui);
	if (ui->help) {
		ui_draw_help(ui, l.height);
		ui_draw_status(ui, &l);
		return;
	}
	if (ui->messages_view) {
		ui_draw_messages(ui, l.height);
		ui_draw_status(ui, &l);
		return;
	}
	if (ui->sources_view) {
		text_view_draw(&ui->sources, _("Sources"), l.height);
		ui_draw_status(ui, &l);
		return;
	}
	if (l.article && ui->store) {
		ui_sync_article(ui);
		article_layout(&ui->article, l.article_width, l.height);
	}
	/* The lines beside the focused pane are marked: the article has no
	 * cursor row to show it. */
	int border = ui_area_attr(AREA_BORDER), focus_border = ui_area_attr(AREA_BORDER_FOCUS);
	if (l.tags) {
		tags_draw(&ui->tags, 0, l.tags_x, l.tags_width, ui->focus == FOCUS_TAGS);
		attrset(l.list && ui->focus != FOCUS_ARTICLE ? focus_border : border);
		mvvline(0, l.tags_x + l.tags_width, ACS_VLINE, l.height);
		attrset(A_NORMAL);
	}
	if (l.list) {
		if (ui->list.total == 0 || !ui->store)
			draw_empty(ui, &l, l.list_x, l.list_width);
		else
			list_draw(&ui->list, 0, l.list_x, l.list_width, ui->focus == FOCUS_LIST);
	}
	if (l.article) {
		if (l.list) {
			attrset(ui->focus != FOCUS_TAGS ? focus_border : border);
			mvvline(0, l.article_x - 1, ACS_VLINE, l.height);
			attrset(A_NORMAL);
		}
		article_draw(&ui->article, 0, l.article_x);
	}
	ui_draw_status(ui, &l);
}
