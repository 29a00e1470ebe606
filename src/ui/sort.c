/* The list's sort order in the reader: changing it in place, cycling, `:sort`
 * (the sorts themselves are the ITEM_SORTS table of sorts.h); and, changed
 * the same way, whether the list shows boilerplate (B, :boilerplate). */
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

/* The list under FILTER, the cursor on the same item in its new place (at
 * the same screen row) when it is still listed. */
static void refilter_in_place(struct ui *ui, const struct item_filter *filter)
{
	struct item_row *row = list_current(&ui->list);
	int64_t id = row ? row->id : -1;
	int64_t screen_row = ui->list.cursor - ui->list.top;
	list_set_filter(&ui->list, filter);
	char *error = NULL;
	int64_t position = -1;
	if (id >= 0 && store_item_position(ui->store, &ui->list.filter, id, &position, &error) != 0)
		ui_store_failed(ui, error);
	if (position >= 0) {
		ui->list.cursor = position;
		ui->list.top = position - screen_row;
	}
	ui_reload_list(ui);
}

void set_sort(struct ui *ui, enum item_sort sort)
{
	struct item_filter filter = ui->list.filter;
	filter.sort = sort;
	ui->hot_sort_saved = false;     /* chosen now: leaving Hot keeps it */
	filter.hot_days = (int)option_int(OPTION_HOT_DAYS);
	refilter_in_place(ui, &filter);
	ui_message(ui, _("Sorted by %s"), sort_label(sort));
}

/* Boilerplate in the lists or not: the view stays, on the same item when
 * it is still there; the counts follow. */
void ui_toggle_boilerplate(struct ui *ui)
{
	ui->list.show_boilerplate = !ui->list.show_boilerplate;
	struct item_filter filter = ui->list.filter;
	refilter_in_place(ui, &filter);
	ui->tags_dirty = true;
	ui_message(ui, "%s", ui->list.show_boilerplate
	           ? _("Boilerplate shown: promos a source repeats in every digest are listed")
	           : _("Boilerplate hidden"));
}

void ui_cycle_sort(struct ui *ui)
{
	set_sort(ui, (enum item_sort)((ui->list.filter.sort + 1) % SORT_COUNT));
}

void ui_sort_command(struct ui *ui, const char *argument)
{
	int sort = sort_from_name(argument);
	if (sort >= 0)
		set_sort(ui, (enum item_sort)sort);
	else
		ui_error(ui, "%s", _(":sort takes newest, mentions, title or hot"));
}
