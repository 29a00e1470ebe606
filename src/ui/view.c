/* The current view: its filter, label and search, the view stack, and
 * re-reading it from the cache. */
#include <config.h>

#include <curses.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "query.h"
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

/* The article highlights the words of the list's query. */
static void highlight_query(struct ui *ui)
{
	size_t count;
	char **words = query_words(&ui->list.filter, &count);
	article_set_highlight(&ui->article, words, count);
}

static void saved_view_clear(struct saved_view *v)
{
	item_filter_clear(&v->filter);
	free(v->label);
	free(v->query);
}

/* The Hot view is sorted by hot whatever the reader's sort was: entering
 * it keeps that sort, and the first view without Hot that follows it (q,
 * Esc, another view, :search) gets it back, unless that view came with a
 * sort of its own.  A sort chosen inside Hot is the user's and stays. */
static void follow_hot_sort(struct ui *ui, struct item_filter *next)
{
	bool in_hot = ui->list.filter.hot_only;
	if (next->hot_only && !in_hot) {
		ui->hot_sort_saved = true;
		ui->sort_before_hot = ui->list.filter.sort;
	} else if (!next->hot_only && in_hot && ui->hot_sort_saved) {
		if (next->sort == SORT_HOT)
			next->sort = ui->sort_before_hot;
		ui->hot_sort_saved = false;
	}
}

/* Remember the current view before another replaces it; the oldest is
 * dropped when the stack is full. */
static void push_view(struct ui *ui)
{
	if (!ui->view_stack)
		ui->view_stack = xcalloc(VIEW_STACK_MAX, sizeof *ui->view_stack);
	if (ui->view_depth == VIEW_STACK_MAX) {
		saved_view_clear(&ui->view_stack[0]);
		memmove(ui->view_stack, ui->view_stack + 1, (VIEW_STACK_MAX - 1) * sizeof *ui->view_stack);
		ui->view_depth--;
	}
	struct saved_view *v = &ui->view_stack[ui->view_depth++];
	item_filter_copy(&v->filter, &ui->list.filter);
	v->label = xstrdup(ui->view_label ? ui->view_label : "");
	v->query = ui->view_query ? xstrdup(ui->view_query) : NULL;
	v->within = ui->view_within;
	struct item_row *row = list_current(&ui->list);
	v->item_id = row ? row->id : -1;
}

bool ui_pop_view(struct ui *ui)
{
	if (ui->view_depth == 0)
		return false;
	struct saved_view *v = &ui->view_stack[--ui->view_depth];
	v->filter.sort = ui->list.filter.sort;  /* the sort is the reader's, not the view's */
	follow_hot_sort(ui, &v->filter);
	list_set_filter(&ui->list, &v->filter);
	highlight_query(ui);
	ui_set_view_label(ui, v->label);
	free(ui->view_query);
	ui->view_query = v->query;
	v->query = NULL;
	ui->view_within = v->within;
	ui_reload_list(ui);
	int64_t position = -1;
	char *error = NULL;
	if (v->item_id >= 0 && ui->store &&
	    store_item_position(ui->store, &ui->list.filter, v->item_id, &position, &error) != 0)
		ui_store_failed(ui, error);
	else if (position > 0 && list_move_to(&ui->list, position, &error) != 0)
		ui_store_failed(ui, error);
	article_reset(&ui->article);
	saved_view_clear(v);
	return true;
}

void ui_free_views(struct ui *ui)
{
	for (size_t i = 0; i < ui->view_depth; i++)
		saved_view_clear(&ui->view_stack[i]);
	free(ui->view_stack);
	ui->view_stack = NULL;
	ui->view_depth = 0;
	free(ui->view_query);
	ui->view_query = NULL;
}

static void apply(struct ui *ui, const struct item_filter *in, const char *label,
                  const char *query, bool within)
{
	struct item_filter next = *in;  /* shallow: list_set_filter copies it */
	const struct item_filter *filter = &next;
	/* A search from a search replaces it, and the same view again is no
	 * new step: neither is one more q away from the start. */
	bool refine = query && ui->view_query;
	char *clean = text_clean(label, strlen(label));
	bool same = ui->view_label && strcmp(clean, ui->view_label) == 0;
	free(clean);
	if (!refine && !same)
		push_view(ui);
	follow_hot_sort(ui, &next);
	list_set_filter(&ui->list, filter);
	highlight_query(ui);
	ui_set_view_label(ui, label);
	free(ui->view_query);
	ui->view_query = query ? xstrdup(query) : NULL;
	ui->view_within = query && within;
	ui_reload_list(ui);
	article_reset(&ui->article);
	ui->article_open = ui->article_open && ui->wide;
}

void ui_apply_filter(struct ui *ui, const struct item_filter *filter, const char *label)
{
	apply(ui, filter, label, NULL, false);
}

void ui_apply_search(struct ui *ui, const struct item_filter *filter, const char *label,
                     const char *query, bool within)
{
	apply(ui, filter, label, query, within);
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
	int64_t all = 0;        /* whether the cache has an item: one is enough */
	struct item_filter any;
	item_filter_init(&any);
	if (ui->store && store_count_items_upto(ui->store, &any, 1, &all, &error) != 0) {
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
			article_reset(&ui->article);
		return;
	}
	char *error = NULL;
	if (article_load(&ui->article, ui->store, row->id, false, &error) != 0)
		ui_store_failed(ui, error);
}
