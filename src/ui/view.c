/* The current view: its filter and label, and re-reading it from the cache. */
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

void ui_set_view_label(struct ui *ui, const char *label)
{
	free(ui->view_label);
	ui->view_label = text_clean(label, strlen(label));
}

void ui_sync_article(struct ui *ui);

void ui_reload_list(struct ui *ui)
{
	if (!ui->store)
		return;
	char *error = NULL;
	if (list_reload(&ui->list, &error) != 0)
		ui_store_failed(ui, error);
}

void ui_apply_filter(struct ui *ui, const struct item_filter *filter, const char *label)
{
	list_set_filter(&ui->list, filter);
	ui_set_view_label(ui, label);
	ui_reload_list(ui);
	article_clear(&ui->article);
	ui->article_open = ui->article_open && ui->wide;
}

void ui_apply_tag_entry(struct ui *ui, const struct tag_entry *entry)
{
	struct item_filter filter;
	tags_entry_filter(entry, ui->list.filter.sort, &filter);
	char *label = tags_entry_label(entry);
	ui_apply_filter(ui, &filter, label);
	free(label);
}

void ui_reload_everything(struct ui *ui)
{
	char *error = NULL;
	int64_t all = 0;
	struct item_filter any;
	item_filter_init(&any);
	if (ui->store && store_count_items(ui->store, &any, &all, &error) != 0) {
		ui_store_failed(ui, error);
		return;
	}
	ui->empty = all == 0;
	ui_reload_list(ui);
	ui->tags_dirty = true;
	struct item_row *row = list_current(&ui->list);
	if (row) {
		if (article_load(&ui->article, ui->store, row->id, true, &error) != 0)
			ui_store_failed(ui, error);
	}
}

void ui_sync_article(struct ui *ui)
{
	struct item_row *row = list_current(&ui->list);
	if (!row) {
		if (ui->article.item_id >= 0)
			article_clear(&ui->article);
		return;
	}
	char *error = NULL;
	if (article_load(&ui->article, ui->store, row->id, false, &error) != 0)
		ui_store_failed(ui, error);
}
