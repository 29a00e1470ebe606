/* Keys to actions: focus between panes, opening items and links, motion. */
#include <config.h>

#include <curses.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clipboard.h"
#include "open.h"
#include "i18n.h"
#include "strbuf.h"
#include "text.h"
#include "ui/draw.h"
#include "ui/internal.h"
#include "xalloc.h"

static const char *item_url(struct ui *ui, long n)
{
	struct item_row *row = list_current(&ui->list);
	if (!row)
		return NULL;
	if (n == 0)
		return row->url;
	/* Link numbers come from the rendered article: render it if needed. */
	if (ui->article.width <= 0)
		article_layout(&ui->article, ui->wide ? COLS / 2 : COLS, LINES - 2);
	char *error = NULL;
	if (article_load(&ui->article, ui->store, row->id, false, &error) != 0) {
		ui_store_failed(ui, error);
		return NULL;
	}
	return article_link(&ui->article, (int)n);
}

static void copy_url(struct ui *ui, long n)
{
	const char *url = item_url(ui, n);
	if (!url) {
		ui_message(ui, n ? _("There is no link %ld.") : _("This item has no link."), n);
		return;
	}
	/* curses keeps its output buffered; the sequence goes out on its own. */
	refresh();
	struct clipboard_report report;
	char *error = NULL;
	if (clipboard_copy(url, STDOUT_FILENO, &report, &error) != 0) {
		ui_error(ui, "%s", error);
		free(error);
		return;
	}
	char *message = clipboard_message(&report, url);
	ui_message(ui, "%s", message);
	free(message);
}

/* What the user calls a program: its file name without the folder. */
static const char *program_name(const char *program)
{
	const char *slash = strrchr(program, '/');
	return slash ? slash + 1 : program;
}

/* A terminal browser gets the terminal: curses steps aside, the browser
 * runs in the foreground, and the screen is drawn again from scratch. */
static void run_in_terminal(struct ui *ui, const struct open_plan *plan, const char *url)
{
	def_prog_mode();
	endwin();
	char *error = NULL;
	int rc = open_run(plan, &error);
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
	if (rc != 0) {
		ui_error(ui, "%s: %s", error, url);
		free(error);
	} else {
		ui_message(ui, _("Back from %s: %s"), program_name(plan->argv[0]), url);
	}
}

static void open_link(struct ui *ui, long n)
{
	const char *url = item_url(ui, n);
	if (!url) {
		ui_message(ui, n ? _("There is no link %ld.") : _("This item has no link."), n);
		return;
	}
	char *error = NULL;
	struct open_plan plan;
	switch (open_plan_url(url, &plan, &error)) {
	case OPEN_READY:
		if (plan.in_terminal) {
			run_in_terminal(ui, &plan, url);
		} else if (open_start(&plan, url, &error) == 0) {
			ui_message(ui, _("Started %s: %s"), program_name(plan.argv[0]), url);
		} else {
			ui_error(ui, "%s: %s", error, url);
			free(error);
		}
		open_plan_clear(&plan);
		break;
	case OPEN_NO_DISPLAY:
		ui_message(ui, _("No display and no browser set: press y to copy %s"), url);
		break;
	case OPEN_FAILED:
		ui_error(ui, "%s", error);
		free(error);
		break;
	}
}

/* At most this many links at once from a selection: a slip of G in the
 * visual mode must not start hundreds of browsers. */
#define OPEN_SELECTION_MAX 50

/* o with a visual selection: each selected item's own link, handed to the
 * browser one after another (a terminal browser gets the terminal for
 * each in turn).  The message says how many were handed over, not that
 * they opened: a browser that fails later is reported when it is reaped. */
static void open_selection(struct ui *ui)
{
	struct item_row *rows;
	size_t n;
	if (ui_bulk_targets(ui, 0, &rows, &n) != 0)
		return;
	size_t with_link = 0;
	for (size_t i = 0; i < n; i++)
		with_link += rows[i].url && *rows[i].url;
	if (with_link == 0) {
		ui_message(ui, ngettext("The selected item has no link.",
		                        "None of the %zu selected items has a link.", n), n);
		item_rows_free(rows, n);
		return;
	}
	if (with_link > OPEN_SELECTION_MAX) {
		ui_error(ui, _("Too many links at once (%zu; o opens at most %d)."), with_link,
		         OPEN_SELECTION_MAX);
		item_rows_free(rows, n);
		return;
	}
	size_t handed = 0;
	char *program = NULL, *failure = NULL;
	bool no_display = false, terminal = false;
	for (size_t i = 0; i < n && !no_display && !failure; i++) {
		const char *url = rows[i].url;
		if (!url || !*url)
			continue;
		struct open_plan plan;
		char *error = NULL;
		enum open_result planned = open_plan_url(url, &plan, &error);
		if (planned == OPEN_NO_DISPLAY) {
			no_display = true;
			break;
		}
		if (planned == OPEN_FAILED) {
			failure = error;
			break;
		}
		if (plan.in_terminal && !terminal) {
			def_prog_mode();
			endwin();
			terminal = true;
		}
		int rc = plan.in_terminal ? open_run(&plan, &error) : open_hand_over(&plan, url, &error);
		if (rc == 0) {
			handed++;
		} else {
			/* The rest would fail alike (a program not found). */
			failure = xasprintf("%s: %s", error, url);
			free(error);
		}
		if (!program)
			program = xstrdup(program_name(plan.argv[0]));
		open_plan_clear(&plan);
	}
	if (terminal) {
		reset_prog_mode();
		clearok(curscr, TRUE);
		refresh();
	}
	struct strbuf text;
	strbuf_init(&text);
	if (handed)
		strbuf_printf(&text, ngettext("Handed %zu link to %s.", "Handed %zu links to %s.", handed),
		              handed, program);
	if (n > with_link && !no_display && !failure) {
		if (text.len)
			strbuf_putc(&text, ' ');
		strbuf_printf(&text, ngettext("%zu selected item has no link.",
		                              "%zu selected items have no link.", n - with_link),
		              n - with_link);
	}
	if (no_display)
		ui_message(ui, "%s", _("No display and no browser set: press y on an item to copy its link."));
	else if (failure)
		ui_error(ui, "%s%s%s", text.len ? text.data : "", text.len ? " " : "", failure);
	else
		ui_message(ui, "%s", text.data);
	strbuf_clear(&text);
	free(program);
	free(failure);
	item_rows_free(rows, n);
}

static void open_item(struct ui *ui)
{
	struct item_row *row = ui_need_item(ui);
	if (!row)
		return;
	if (open_marks_read && !row->read && !ui->read_only)
		ui_set_read(ui, row, true, false);
	char *error = NULL;
	if (article_load(&ui->article, ui->store, row->id, false, &error) != 0) {
		ui_store_failed(ui, error);
		return;
	}
	article_scroll_to(&ui->article, 0);
	if (!ui->wide)
		ui->article_open = true;
	ui->focus = FOCUS_ARTICLE;
}

static void go_back(struct ui *ui)
{
	switch (ui->focus) {
	case FOCUS_ARTICLE:
		ui->article_open = false;
		ui->focus = FOCUS_LIST;
		break;
	case FOCUS_TAGS:
		ui->tags_overlay = false;
		ui->focus = FOCUS_LIST;
		break;
	case FOCUS_LIST:
		/* A filtered view goes back to the one before it first. */
		if (!ui_pop_view(ui))
			ui->quit = true;
		break;
	}
}

static void show_tags(struct ui *ui)
{
	if (!ui->wide)
		ui->tags_overlay = true;
	ui->article_open = false;
	ui->focus = FOCUS_TAGS;
	if (!ui->tags.loaded)
		ui->tags_dirty = true;
}

static void move_list(struct ui *ui, int64_t position)
{
	char *error = NULL;
	if (list_move_to(&ui->list, position, &error) != 0)
		ui_store_failed(ui, error);
}

/* The next (FORWARD) or previous unread item of the view, however far:
 * the view's order with only unread items, paged from the cursor's row. */
static void move_unread(struct ui *ui, bool forward)
{
	struct item_row *here = list_current(&ui->list);
	if (!here)
		return;
	struct item_filter unread = ui->list.filter;
	unread.unread_only = true;
	struct item_row *rows = NULL;
	size_t count = 0;
	int64_t position = -1;
	char *error = NULL;
	if (store_list_items_from(ui->store, &unread, here, forward, 1, &rows, &count, &error) != 0 ||
	    (count == 1 &&
	     store_item_position(ui->store, &ui->list.filter, rows[0].id, &position, &error) != 0)) {
		item_rows_free(rows, count);
		ui_store_failed(ui, error);
		return;
	}
	item_rows_free(rows, count);
	if (position < 0)
		ui_message(ui, "%s", forward ? _("No unread item below") : _("No unread item above"));
	else
		move_list(ui, position);
}

/* The pane the motion keys go to: a full-screen page, else the focused pane. */
static struct pane focused_pane(struct ui *ui)
{
	if (ui->help)
		return (struct pane){ &text_view_ops, &ui->help_view };
	if (ui->messages_view)
		return (struct pane){ &text_view_ops, &ui->messages };
	if (ui->sources_view)
		return (struct pane){ &text_view_ops, &ui->sources };
	switch (ui->focus) {
	case FOCUS_TAGS: return (struct pane){ &tags_pane_ops, &ui->tags };
	case FOCUS_ARTICLE: return (struct pane){ &article_pane_ops, &ui->article };
	default: return (struct pane){ &list_pane_ops, &ui->list };
	}
}

static void motion(struct ui *ui, enum action action, long count)
{
	struct pane pane = focused_pane(ui);
	char *error = NULL;
	if (pane_motion(&pane, action, count, &error) != 0)
		ui_store_failed(ui, error);
}

/* Keys on the sources page: motions scroll it, q closes it; R, :, Q, ?
 * and Ctrl-L go on as everywhere (returns false for those). */
static bool sources_view_action(struct ui *ui, enum action action, long count)
{
	if (pane_is_motion(action)) {
		motion(ui, action, count);
		return true;
	}
	switch (action) {
	case ACTION_BACK:
		if (ui->messages_view) {
			ui_close_messages(ui);
			return true;
		}
		ui->sources_view = false;
		ui_close_sources(ui);
		return true;
	case ACTION_REFRESH: case ACTION_COMMAND: case ACTION_QUIT: case ACTION_REDRAW: case ACTION_HELP:
		return false;
	default:
		return true;        /* inert here, as on the help screen */
	}
}

static void pane_step(struct ui *ui, int direction)
{
	if (ui->help)
		return;
	if (direction < 0) {
		if (ui->focus == FOCUS_ARTICLE) {
			ui->article_open = false;
			ui->focus = FOCUS_LIST;
		} else if (ui->focus == FOCUS_LIST) {
			show_tags(ui);
		}
	} else {
		if (ui->focus == FOCUS_TAGS) {
			ui->tags_overlay = false;
			ui->focus = FOCUS_LIST;
		} else if (ui->focus == FOCUS_LIST) {
			open_item(ui);
		}
	}
}

static void do_action(struct ui *ui, enum action action, long count)
{
	if (action != ACTION_REFRESH && action != ACTION_REDRAW && action != ACTION_HELP)
		ui->follow_newest = false;      /* the user took over */
	if (ui->help) {
		switch (action) {
		case ACTION_BACK:
		case ACTION_HELP:
			ui_close_help(ui);
			return;
		case ACTION_QUIT:
			ui->quit = true;
			return;
		default:
			motion(ui, action, count);
			return;
		}
	}
	if ((ui->sources_view || ui->messages_view) && sources_view_action(ui, action, count))
		return;
	if (!ui->store && action != ACTION_QUIT && action != ACTION_BACK && action != ACTION_HELP
	    && action != ACTION_REDRAW && action != ACTION_COMMAND && action != ACTION_REFRESH)
		return;
	if (pane_is_motion(action)) {
		motion(ui, action, count);
		return;
	}
	switch (action) {
	case ACTION_DOWN: case ACTION_UP: case ACTION_TOP: case ACTION_BOTTOM:
	case ACTION_HALF_DOWN: case ACTION_HALF_UP: case ACTION_PAGE_DOWN: case ACTION_PAGE_UP:
		break;
	case ACTION_PANE_LEFT:
		pane_step(ui, -1);
		break;
	case ACTION_PANE_RIGHT:
		pane_step(ui, 1);
		break;
	case ACTION_PANE_NEXT:
		if (ui->focus == FOCUS_TAGS) {
			ui->tags_overlay = false;
			ui->focus = FOCUS_LIST;
		} else if (ui->focus == FOCUS_LIST && (ui->wide || ui->article.item_id >= 0)) {
			if (!ui->wide)
				ui->article_open = true;
			ui->focus = FOCUS_ARTICLE;
		} else if (ui->focus == FOCUS_ARTICLE) {
			ui->article_open = false;
			if (ui->wide)
				ui->focus = FOCUS_TAGS;
			else
				ui->focus = FOCUS_LIST;
		}
		break;
	case ACTION_NEXT_ITEM:
	case ACTION_PREV_ITEM: {
		/* Step through items while reading: the article follows. */
		long n = count > 0 ? count : 1;
		move_list(ui, ui->list.cursor + (action == ACTION_NEXT_ITEM ? n : -n));
		if (ui->focus == FOCUS_ARTICLE)
			open_item(ui);
		break;
	}
	case ACTION_NEXT_UNREAD:
	case ACTION_PREV_UNREAD:
		move_unread(ui, action == ACTION_NEXT_UNREAD);
		if (ui->focus == FOCUS_ARTICLE)
			open_item(ui);
		break;
	case ACTION_OPEN:
		if (ui->focus == FOCUS_TAGS) {
			const struct tag_entry *entry = tags_current(&ui->tags);
			if (entry) {
				ui_apply_tag_entry(ui, entry);
				ui->tags_overlay = false;
				ui->focus = FOCUS_LIST;
			}
		} else {
			open_item(ui);
		}
		break;
	case ACTION_BACK:
		if (ui->list.selecting)
			ui_visual_leave(ui);
		else
			go_back(ui);
		break;
	case ACTION_QUIT:
		ui->quit = true;
		break;
	case ACTION_TAGS:
		if (ui->focus == FOCUS_TAGS) {
			ui->tags_overlay = false;
			ui->focus = FOCUS_LIST;
		} else {
			show_tags(ui);
		}
		break;
	case ACTION_SEARCH:
		prompt_start(&ui->prompt, '/', NULL);
		break;
	case ACTION_COMMAND:
		prompt_start(&ui->prompt, ':', NULL);
		break;
	case ACTION_SEARCH_NEXT:
	case ACTION_SEARCH_PREV:
		if (ui->view_query) {
			long n = count > 0 ? count : 1;
			int64_t target = ui->list.cursor + (action == ACTION_SEARCH_NEXT ? n : -n);
			char *error = NULL;
			if (list_reach(&ui->list, target, &error) != 0)
				ui_store_failed(ui, error);
			if (target >= ui->list.total || target < 0)
				ui_message(ui, "%s", action == ACTION_SEARCH_NEXT ? _("Last match.") : _("First match."));
			move_list(ui, target);
			if (ui->focus == FOCUS_TAGS)
				ui->focus = FOCUS_LIST;
		} else if (ui->last_search) {
			char *query = xstrdup(ui->last_search);
			ui_run_search(ui, query, true);
			free(query);
		} else {
			ui_message(ui, "%s", _("No search yet: press / to search."));
		}
		break;
	case ACTION_STAR:
		ui_bulk_star(ui, count);
		break;
	case ACTION_TOGGLE_READ:
		ui_bulk_read(ui, count);
		break;
	case ACTION_MARK_ALL_READ:
		ui_mark_all_read(ui);
		break;
	case ACTION_MARK_READ_TO_HERE:
		ui_mark_read_to_here(ui);
		break;
	case ACTION_TAG:
	case ACTION_UNTAG:
		ui_tag_prompt(ui, action == ACTION_TAG ? '+' : '-', count);
		break;
	case ACTION_VISUAL:
		ui_visual_toggle(ui);
		break;
	case ACTION_UNDO:
		ui_undo(ui);
		break;
	case ACTION_OPEN_LINK:
		if (ui->list.selecting)
			open_selection(ui);
		else
			open_link(ui, count);
		break;
	case ACTION_COPY_URL:
		copy_url(ui, count);
		break;
	case ACTION_CYCLE_SORT:
		ui_cycle_sort(ui);
		break;
	case ACTION_TOGGLE_BOILERPLATE:
		ui_toggle_boilerplate(ui);
		break;
	case ACTION_REFRESH:
		ui_start_refresh(ui, true);
		break;
	case ACTION_REDRAW:
		clearok(curscr, TRUE);
		break;
	case ACTION_HELP:
		ui_open_help(ui);
		break;
	case ACTION_NONE:
	case ACTION_COUNT:
		break;
	}
}

void ui_handle_key(struct ui *ui, int key)
{
	if (ui->prompt.active) {
		enum prompt_result r = prompt_feed(&ui->prompt, key);
		if (r == PROMPT_DONE) {
			char *line = prompt_text(&ui->prompt);
			free(ui->message);
			ui->message = NULL;
			if (ui->prompt.leader == '/')
				ui_run_search(ui, line, true);
			else if (ui->prompt.leader == '+' || ui->prompt.leader == '-')
				ui_tag_prompt_done(ui, ui->prompt.leader, line);
			else
				ui_run_command(ui, line);
			free(line);
		} else if (r == PROMPT_COMPLETE && ui->prompt.leader == ':') {
			ui_complete_command(ui);
		}
		return;
	}
	/* A new key press clears the last message, as in vim. */
	if (key_reader_idle(&ui->reader)) {
		free(ui->message);
		ui->message = NULL;
	}
	enum action action;
	long count;
	enum key_context context = ui->focus == FOCUS_TAGS ? KEY_CONTEXT_TAGS
	                         : ui->focus == FOCUS_ARTICLE ? KEY_CONTEXT_ARTICLE : KEY_CONTEXT_LIST;
	if (key_reader_feed_in(&ui->reader, &ui->keymap, context, key, &action, &count) == KEY_ACTION)
		do_action(ui, action, count);
}
