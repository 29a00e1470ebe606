/* Every `:` command of the reader, as one X-macro table: the parser
 * (ui/command.c), the help screen's list (ui/help.c) and the COMMANDS
 * section of radar(5) (tools/gen-radar5.c) all come from it.
 *
 * X(NAME, ARGUMENT, HELP, HANDLER):
 *   NAME      what follows the `:`
 *   ARGUMENT  how its argument is written ("" when it takes none)
 *   HELP      one line, N_() so it can be translated; NULL for an alias,
 *             which the help and the man page leave out
 *   HANDLER   void HANDLER(struct ui *, const char *name, const char *arg),
 *             defined in ui/command.c
 *
 * The help lists them in this order; the last line of the help is the last
 * command shown (tests/screen-help.sh looks for :search there).
 *
 * A new command is one line here and its handler in ui/command.c. */
#ifndef RADAR_UI_COMMANDS_H
#define RADAR_UI_COMMANDS_H

#include "i18n.h"

#define UI_COMMANDS(X) \
	X("tag", "NAME", N_("the items with tag NAME"), command_tag) \
	X("source", "NAME", N_("the items from source NAME"), command_source) \
	X("kind", "KIND", N_("the items of one kind (paper, project, ...)"), command_kind) \
	X("all", "", N_("every item"), command_all) \
	X("unread", "", N_("the unread items"), command_unread) \
	X("starred", "", N_("the starred items"), command_starred) \
	X("today", "", N_("the items dated today"), command_today) \
	X("view", "NAME", N_("a saved view ('view NAME QUERY' in the config)"), command_view) \
	X("new", "", N_("the items first seen since the reader was opened before"), command_new) \
	X("hot", "", N_("the items most sources mentioned in the last hot-days days, by hot until you leave"), command_hot) \
	X("sort", "newest|mentions|title|hot", N_("sort the list"), command_sort) \
	X("boilerplate", "", N_("show or hide the promos a source repeats in every digest (as B)"), command_boilerplate) \
	X("refresh", "", N_("fetch the sources now"), command_refresh) \
	X("sources", "", N_("each source's last success, error and items"), command_sources) \
	X("messages", "", N_("every problem in the config and every error shown, in full"), command_messages) \
	X("export", "FORMAT FILE", N_("write the view's items (the visual selection's, when there is one) to FILE as markdown, bibtex, json or csv"), command_export_view) \
	X("help", "", N_("the keys and commands (as ?)"), command_help) \
	X("q", "", N_("quit (also :quit, :qa)"), command_quit) \
	X("quit", "", NULL, command_quit) \
	X("qa", "", NULL, command_quit) \
	X("search", "QUERY", N_("search every item (the query language; / searches the view)"), command_search)

#endif
