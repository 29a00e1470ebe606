/* The help screen: every action with its keys (actions.h and the keymap),
 * every `:` command (UI_COMMANDS) and the list's kind letters (ITEM_KINDS). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "links.h"
#include "ui/commands.h"
#include "ui/internal.h"
#include "ui/list.h"
#include "xalloc.h"

static void add_commands(struct text_view *view)
{
	text_view_add(view, xstrdup(""));
	text_view_add(view, xstrdup(_("Commands (type : first):")));
#define COMMAND_LINE(name, argument, help, handler) \
	if (help) { \
		char *usage = xasprintf(*(argument) ? ":%s %s" : ":%s%s", name, argument); \
		text_view_add_key(view, xasprintf("  %-28s %s", usage, _(help)), 2 + strlen(usage)); \
		free(usage); \
	}
	UI_COMMANDS(COMMAND_LINE)
#undef COMMAND_LINE
}

static void add_kinds(struct text_view *view)
{
	text_view_add(view, xstrdup(""));
	text_view_add(view, xasprintf(_("In the list: %s unread, %s starred; the kind letters:"),
	                              LIST_UNREAD_MARK, LIST_STAR_MARK));
	for (int k = 0; k < KIND_COUNT; k++)
		text_view_add_key(view, xasprintf("  %c  %s", list_kind_letter((enum item_kind)k),
		                                  kind_name((enum item_kind)k)), 3);
}

void ui_open_help(struct ui *ui)
{
	struct text_view *view = &ui->help_view;
	text_view_clear(view);
	view->scroll = 0;
	for (int a = 1; a < ACTION_COUNT; a++) {
		char *keys = keymap_keys_for(&ui->keymap, (enum action)a);
		text_view_add_key(view, xasprintf("%-24s %s", keys, _(action_help((enum action)a))), strlen(keys));
		free(keys);
	}
	static const char *const notes[] = {
		N_("A count before a key repeats or aims it: 5j, 3o opens link 3, 10G."),
		N_("The same in the article: 12o opens link 12, 2y copies link 2."),
	};
	text_view_add(view, xstrdup(""));
	for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++)
		text_view_add(view, xstrdup(_(notes[i])));
	add_kinds(view);
	add_commands(view);
	ui->help = true;
}

void ui_close_help(struct ui *ui)
{
	ui->help = false;
	text_view_clear(&ui->help_view);
}

void ui_draw_help(struct ui *ui, int height)
{
	char *title = xasprintf(_("radar %s - keys (q to close)"), VERSION);
	text_view_draw(&ui->help_view, title, height);
	free(title);
}
