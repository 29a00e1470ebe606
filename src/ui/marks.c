/* Star, read, mark-all-read, and their undo (bulk actions' too: bulk.c). */
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

static void undo_entry_clear(struct undo_entry *e)
{
	free(e->ids);
	ui_bulk_changes_free(e->changes, e->change_count);
	e->ids = NULL;
	e->changes = NULL;
}

void ui_push_undo(struct ui *ui, struct undo_entry entry)
{
	if (ui->undo_count == UNDO_DEPTH) {
		undo_entry_clear(&ui->undo[0]);
		memmove(ui->undo, ui->undo + 1, (UNDO_DEPTH - 1) * sizeof *ui->undo);
		ui->undo_count--;
	}
	ui->undo[ui->undo_count++] = entry;
}

struct item_row *ui_need_item(struct ui *ui)
{
	struct item_row *row = list_current(&ui->list);
	if (!row)
		ui_message(ui, "%s", _("No item here."));
	return row;
}

bool ui_writable(struct ui *ui)
{
	if (ui->read_only)
		ui_error(ui, "%s", _("The cache is read-only: marks cannot be saved."));
	return !ui->read_only;
}

void ui_set_read(struct ui *ui, struct item_row *row, bool read, bool undoable)
{
	if (row->read == read)
		return;
	char *error = NULL;
	if (store_set_read(ui->store, row->id, read, &error) != 0) {
		ui_store_failed(ui, error);
		return;
	}
	if (undoable)
		ui_push_undo(ui, (struct undo_entry){ .type = UNDO_READ, .id = row->id, .old_value = row->read });
	row->read = read;
	ui->tags_dirty = true;
}

void ui_toggle_star(struct ui *ui)
{
	struct item_row *row = ui_need_item(ui);
	if (!row || !ui_writable(ui))
		return;
	char *error = NULL;
	if (store_set_starred(ui->store, row->id, !row->starred, &error) != 0) {
		ui_store_failed(ui, error);
		return;
	}
	ui_push_undo(ui, (struct undo_entry){ .type = UNDO_STAR, .id = row->id, .old_value = row->starred });
	row->starred = !row->starred;
	ui->tags_dirty = true;
	ui_message(ui, "%s", row->starred ? _("Starred.") : _("Star removed."));
}

void ui_toggle_read(struct ui *ui)
{
	struct item_row *row = ui_need_item(ui);
	if (!row || !ui_writable(ui))
		return;
	ui_set_read(ui, row, !row->read, true);
	ui_message(ui, "%s", row->read ? _("Marked read.") : _("Marked unread."));
}

void ui_mark_all_read(struct ui *ui)
{
	if (!ui->store || !ui_writable(ui))
		return;
	struct item_filter filter = ui->list.filter;
	filter.unread_only = true;
	int64_t *ids = NULL;
	size_t count = 0, capacity = 0;
	/* Page through the view by keyset; the previous page holds the anchor. */
	struct item_row *previous = NULL;
	size_t previous_count = 0;
	char *error = NULL;
	for (;;) {
		struct item_row *rows = NULL;
		size_t n = 0;
		if (store_list_items_from(ui->store, &filter,
		                          previous ? &previous[previous_count - 1] : NULL, true, 1000,
		                          &rows, &n, &error) != 0) {
			ui_store_failed(ui, error);
			item_rows_free(previous, previous_count);
			free(ids);
			return;
		}
		item_rows_free(previous, previous_count);
		previous = rows;
		previous_count = n;
		if (n == 0)
			break;
		ids = xgrow(ids, &capacity, count + n, sizeof *ids);
		for (size_t i = 0; i < n; i++)
			ids[count++] = rows[i].id;
		if (n < 1000)
			break;
	}
	item_rows_free(previous, previous_count);
	if (count == 0) {
		free(ids);
		ui_message(ui, "%s", _("Nothing unread in this view."));
		return;
	}
	if (store_set_read_many(ui->store, ids, count, true, NULL, &error) != 0) {
		ui_store_failed(ui, error);
		free(ids);
		return;
	}
	ui_push_undo(ui, (struct undo_entry){ .type = UNDO_MARK_ALL, .ids = ids, .id_count = count });
	ui_reload_list(ui);
	ui->tags_dirty = true;
	ui_message(ui, ngettext("Marked %zu item read (u to undo).", "Marked %zu items read (u to undo).",
	                     count), count);
}

void ui_undo(struct ui *ui)
{
	if (ui->undo_count == 0) {
		ui_message(ui, "%s", _("Nothing to undo."));
		return;
	}
	if (!ui_writable(ui))
		return;
	struct undo_entry *e = &ui->undo[ui->undo_count - 1];
	char *error = NULL;
	int rc = 0;
	const char *what = "";
	switch (e->type) {
	case UNDO_STAR:
		rc = store_set_starred(ui->store, e->id, e->old_value, &error);
		what = e->old_value ? _("star restored") : _("star removed");
		break;
	case UNDO_READ:
		rc = store_set_read(ui->store, e->id, e->old_value, &error);
		what = e->old_value ? _("marked read again") : _("marked unread again");
		break;
	case UNDO_MARK_ALL:
		rc = store_set_read_many(ui->store, e->ids, e->id_count, false, NULL, &error);
		what = _("marked unread again");
		break;
	case UNDO_BULK:
		rc = ui_bulk_undo(ui, e, &error);
		what = _("the marks and tags put back");
		break;
	}
	if (rc != 0) {
		ui_store_failed(ui, error);
		return;
	}
	/* Go back to the item the action was about, when it is in the view. */
	int64_t position = -1;
	if (e->type != UNDO_MARK_ALL && e->type != UNDO_BULK
	    && store_item_position(ui->store, &ui->list.filter, e->id, &position, &error) != 0) {
		free(error);
		position = -1;
	}
	undo_entry_clear(e);
	ui->undo_count--;
	ui_reload_list(ui);
	if (position >= 0) {
		if (list_move_to(&ui->list, position, &error) != 0)
			ui_store_failed(ui, error);
	}
	ui->tags_dirty = true;
	ui_message(ui, _("Undone: %s."), what);
}

void ui_undo_clear(struct ui *ui)
{
	for (int i = 0; i < ui->undo_count; i++)
		undo_entry_clear(&ui->undo[i]);
	ui->undo_count = 0;
	free(ui->prompt_ids);
	ui->prompt_ids = NULL;
	ui->prompt_id_count = 0;
}
