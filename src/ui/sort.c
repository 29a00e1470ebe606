/* The list's sort order: its names, changing it in place, cycling, `:sort`. */
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

const char *sort_name(enum item_sort sort)
{
	switch (sort) {
	case SORT_MENTIONS:
		return _("most mentioned");
	case SORT_TITLE:
		return _("title");
	default:
		return _("newest");
	}
}

void set_sort(struct ui *ui, enum item_sort sort)
{
	struct item_filter filter = ui->list.filter;
	filter.sort = sort;
	/* Stay on the same item in its new place. */
	struct item_row *row = list_current(&ui->list);
	int64_t id = row ? row->id : -1;
	int64_t screen_row = ui->list.cursor - ui->list.top;
	list_set_filter(&ui->list, &filter);
	char *error = NULL;
	int64_t position = -1;
	if (id >= 0 && store_item_position(ui->store, &ui->list.filter, id, &position, &error) != 0) {
		ui_store_failed(ui, error);
		error = NULL;
	}
	if (position >= 0) {
		ui->list.cursor = position;
		ui->list.top = position - screen_row;
	}
	ui_reload_list(ui);
	ui_message(ui, _("Sorted by %s"), sort_name(sort));
}

void ui_cycle_sort(struct ui *ui)
{
	set_sort(ui, (enum item_sort)((ui->list.filter.sort + 1) % 3));
}

void ui_sort_command(struct ui *ui, const char *argument)
{
	if (!strcmp(argument, "newest"))
		set_sort(ui, SORT_NEWEST);
	else if (!strcmp(argument, "mentions"))
		set_sort(ui, SORT_MENTIONS);
	else if (!strcmp(argument, "title"))
		set_sort(ui, SORT_TITLE);
	else
		ui_error(ui, "%s", _(":sort takes newest, mentions or title"));
}
