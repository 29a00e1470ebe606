/* Acting on many items at once: the visual selection (v), counts before s
 * and r ("3s" stars three), the user's tags (the + and T prompts, with
 * completion over the cache's tag names), marking read from the top of
 * the view down to the cursor.  Each action is one undo step (UNDO_BULK),
 * which puts back exactly the items it changed.  The selection's rows are
 * also what `o` (actions.c) and :export (command.c) take when it is on. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "ui/internal.h"
#include "xalloc.h"

/* A selection or count past this many rows is refused, not half done. */
#define BULK_MAX 100000

void ui_visual_toggle(struct ui *ui)
{
	if (ui->list.selecting) {
		ui_visual_leave(ui);
		return;
	}
	if (ui->list.total == 0) {
		ui_message(ui, "%s", _("No item here."));
		return;
	}
	ui->list.selecting = true;
	ui->list.select_anchor = ui->list.cursor;
	ui->focus = FOCUS_LIST;
	ui->article_open = false;
	ui_message(ui, "%s", _("-- VISUAL -- (move, then s, r, +, T, o or :export; Esc leaves)"));
}

void ui_visual_leave(struct ui *ui)
{
	ui->list.selecting = false;
}

int ui_bulk_targets(struct ui *ui, long count, struct item_row **rows, size_t *n)
{
	*rows = NULL;
	*n = 0;
	if (ui->list.total == 0) {
		ui_message(ui, "%s", _("No item here."));
		return -1;
	}
	int64_t first = ui->list.cursor, last = ui->list.cursor + (count > 1 ? count - 1 : 0);
	if (ui->list.selecting)
		list_selection(&ui->list, &first, &last);
	ui_visual_leave(ui);
	char *reach_error = NULL;
	if (list_reach(&ui->list, last, &reach_error) != 0) {
		ui_store_failed(ui, reach_error);
		return -1;
	}
	if (last >= ui->list.total)
		last = ui->list.total - 1;
	if (last - first + 1 > BULK_MAX) {
		ui_error(ui, _("Too many items at once (more than %d)."), BULK_MAX);
		return -1;
	}
	char *error = NULL;
	if (store_list_items(ui->store, &ui->list.filter, first, (int)(last - first + 1), rows, n,
	                     &error) != 0) {
		ui_store_failed(ui, error);
		return -1;
	}
	return *n ? 0 : -1;
}

/* The ids of ROWS whose CHANGED is set, moved into a new change. */
static struct bulk_change changed_ids(enum bulk_op op, bool value, const char *tag,
                                      const int64_t *ids, const bool *changed, size_t n)
{
	struct bulk_change c = { .op = op, .value = value, .tag = tag ? xstrdup(tag) : NULL };
	c.ids = xcalloc(n ? n : 1, sizeof *c.ids);
	for (size_t i = 0; i < n; i++)
		if (changed[i])
			c.ids[c.count++] = ids[i];
	return c;
}

void ui_bulk_changes_free(struct bulk_change *changes, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		free(changes[i].tag);
		free(changes[i].ids);
	}
	free(changes);
}

static int apply(struct ui *ui, enum bulk_op op, bool value, const char *tag, const int64_t *ids,
                 size_t n, bool *changed, char **error)
{
	switch (op) {
	case BULK_STAR:
		return store_set_starred_many(ui->store, ids, n, value, changed, error);
	case BULK_READ:
		return store_set_read_many(ui->store, ids, n, value, changed, error);
	case BULK_TAG:
		return store_user_tag_many(ui->store, ids, n, tag, value, changed, error);
	}
	return 0;
}

int ui_bulk_undo(struct ui *ui, const struct undo_entry *entry, char **error)
{
	for (size_t i = entry->change_count; i-- > 0;) {
		const struct bulk_change *c = &entry->changes[i];
		if (c->count && apply(ui, c->op, !c->value, c->tag, c->ids, c->count, NULL, error) != 0)
			return -1;
		for (size_t k = 0; k < c->count; k++)
			if (c->ids[k] == ui->article.item_id)
				return article_load(&ui->article, ui->store, c->ids[k], true, error);
	}
	return 0;
}

/* Star or read-mark ROWS: all of them when one is not, else none. */
static void mark_rows(struct ui *ui, enum bulk_op op, struct item_row *rows, size_t n)
{
	bool value = false;
	for (size_t i = 0; i < n; i++)
		if (op == BULK_STAR ? !rows[i].starred : !rows[i].read)
			value = true;
	int64_t *ids = xcalloc(n, sizeof *ids);
	bool *changed = xcalloc(n, sizeof *changed);
	for (size_t i = 0; i < n; i++)
		ids[i] = rows[i].id;
	char *error = NULL;
	if (apply(ui, op, value, NULL, ids, n, changed, &error) != 0) {
		ui_store_failed(ui, error);
	} else {
		struct bulk_change c = changed_ids(op, value, NULL, ids, changed, n);
		size_t done = c.count;
		struct bulk_change *changes = xcalloc(1, sizeof *changes);
		changes[0] = c;
		ui_push_undo(ui, (struct undo_entry){ .type = UNDO_BULK, .changes = changes, .change_count = 1 });
		ui->tags_dirty = true;
		ui_reload_list(ui);
		if (op == BULK_STAR)
			ui_message(ui, value ? ngettext("Starred %zu item (u to undo).", "Starred %zu items (u to undo).", done)
			                     : ngettext("Removed %zu star (u to undo).", "Removed %zu stars (u to undo).", done),
			           done);
		else
			ui_message(ui, value ? ngettext("Marked %zu item read (u to undo).", "Marked %zu items read (u to undo).", done)
			                     : ngettext("Marked %zu item unread (u to undo).", "Marked %zu items unread (u to undo).", done),
			           done);
	}
	free(changed);
	free(ids);
}

static void bulk(struct ui *ui, enum bulk_op op, long count)
{
	if (!ui->list.selecting && count <= 1) {
		if (op == BULK_STAR)
			ui_toggle_star(ui);
		else
			ui_toggle_read(ui);
		return;
	}
	if (!ui_writable(ui)) {
		ui_visual_leave(ui);
		return;
	}
	struct item_row *rows;
	size_t n;
	if (ui_bulk_targets(ui, count, &rows, &n) != 0)
		return;
	mark_rows(ui, op, rows, n);
	item_rows_free(rows, n);
}

void ui_bulk_star(struct ui *ui, long count)
{
	bulk(ui, BULK_STAR, count);
}

void ui_bulk_read(struct ui *ui, long count)
{
	bulk(ui, BULK_READ, count);
}

void ui_mark_read_to_here(struct ui *ui)
{
	if (!ui_writable(ui))
		return;
	if (ui->list.total == 0) {
		ui_message(ui, "%s", _("No item here."));
		return;
	}
	if (ui->list.cursor + 1 > BULK_MAX) {
		ui_error(ui, _("Too many items at once (more than %d)."), BULK_MAX);
		return;
	}
	ui_visual_leave(ui);
	struct item_row *rows = NULL;
	size_t n = 0;
	char *error = NULL;
	if (store_list_items(ui->store, &ui->list.filter, 0, (int)ui->list.cursor + 1, &rows, &n,
	                     &error) != 0) {
		ui_store_failed(ui, error);
		return;
	}
	/* Only unread rows: the message counts what changed. */
	for (size_t i = 0; i < n; i++)
		rows[i].read = false;
	int64_t *ids = xcalloc(n ? n : 1, sizeof *ids);
	bool *changed = xcalloc(n ? n : 1, sizeof *changed);
	for (size_t i = 0; i < n; i++)
		ids[i] = rows[i].id;
	item_rows_free(rows, n);
	if (apply(ui, BULK_READ, true, NULL, ids, n, changed, &error) != 0) {
		ui_store_failed(ui, error);
	} else {
		struct bulk_change *changes = xcalloc(1, sizeof *changes);
		changes[0] = changed_ids(BULK_READ, true, NULL, ids, changed, n);
		size_t done = changes[0].count;
		ui_push_undo(ui, (struct undo_entry){ .type = UNDO_BULK, .changes = changes, .change_count = 1 });
		ui->tags_dirty = true;
		ui_reload_list(ui);
		ui_message(ui, ngettext("Marked %zu item read (u to undo).", "Marked %zu items read (u to undo).",
		                        done), done);
	}
	free(changed);
	free(ids);
}

/* ---------------------------------------------------------------- tags */

void ui_tag_prompt(struct ui *ui, char leader, long count)
{
	if (!ui_writable(ui)) {
		ui_visual_leave(ui);
		return;
	}
	struct item_row *rows;
	size_t n;
	if (ui_bulk_targets(ui, count, &rows, &n) != 0)
		return;
	free(ui->prompt_ids);
	ui->prompt_ids = xcalloc(n, sizeof *ui->prompt_ids);
	ui->prompt_id_count = n;
	for (size_t i = 0; i < n; i++)
		ui->prompt_ids[i] = rows[i].id;
	item_rows_free(rows, n);
	prompt_start(&ui->prompt, leader, NULL);
	/* Removing from one item completes its own tags; else every name. */
	char **names = NULL;
	size_t count_names = 0;
	char *error = NULL;
	int rc = leader == '-' && n == 1
	         ? store_item_user_tags(ui->store, ui->prompt_ids[0], &names, &count_names, &error)
	         : store_tag_names(ui->store, &names, &count_names, &error);
	if (rc != 0)
		ui_store_failed(ui, error);
	else
		prompt_set_completions(&ui->prompt, names, count_names);
	const char *what = leader == '-' ? _("Remove your tags (Tab completes):")
	                                 : _("Add your tags, -TAG removes (Tab completes):");
	if (n == 1)
		ui_message(ui, "%s", what);
	else
		ui_message(ui, ngettext("%s (%zu item)", "%s (%zu items)", n), what, n);
}

/* The words of LINE, each a tag ("-tag" removes it when adding). */
void ui_tag_prompt_done(struct ui *ui, char leader, const char *line)
{
	int64_t *ids = ui->prompt_ids;
	size_t n = ui->prompt_id_count;
	ui->prompt_ids = NULL;
	ui->prompt_id_count = 0;
	if (!ids || !n) {
		free(ids);
		return;
	}
	struct bulk_change *changes = NULL;
	size_t change_count = 0, added = 0, removed = 0;
	bool *changed = xcalloc(n, sizeof *changed);
	char *copy = xstrdup(line);
	char *error = NULL;
	int rc = 0;
	for (char *save = NULL, *word = strtok_r(copy, " \t", &save); word && rc == 0;
	     word = strtok_r(NULL, " \t", &save)) {
		bool add = leader == '+';
		if (add && word[0] == '-') {
			add = false;
			word++;
		}
		if (!*word)
			continue;
		rc = store_user_tag_many(ui->store, ids, n, word, add, changed, &error);
		if (rc != 0)
			break;
		changes = xrealloc(changes, (change_count + 1) * sizeof *changes);
		changes[change_count] = changed_ids(BULK_TAG, add, word, ids, changed, n);
		if (add)
			added += changes[change_count].count;
		else
			removed += changes[change_count].count;
		change_count++;
	}
	free(copy);
	free(changed);
	/* The article shows the tags: draw it again when it is one of them. */
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (ids[i] == ui->article.item_id) {
			char *why = NULL;
			if (article_load(&ui->article, ui->store, ids[i], true, &why) != 0)
				ui_store_failed(ui, why);
			break;
		}
	}
	free(ids);
	if (change_count)
		ui_push_undo(ui, (struct undo_entry){ .type = UNDO_BULK, .changes = changes,
		                                      .change_count = change_count });
	if (rc != 0) {
		ui_store_failed(ui, error);
		return;
	}
	if (!change_count)
		return;
	ui->tags_dirty = true;
	ui_reload_list(ui);
	char *a = xasprintf(ngettext("%zu tag added", "%zu tags added", added), added);
	char *r = xasprintf(ngettext("%zu removed", "%zu removed", removed), removed);
	ui_message(ui, _("%s, %s (u to undo)."), a, r);
	free(a);
	free(r);
}
