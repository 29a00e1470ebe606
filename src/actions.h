/* Every command the reader knows, as one X-macro table: the help screen
 * (`?`), `bind` and radar(5) all come from it.  The default keys are in
 * keymaps/vi.keys (one source; test-keys checks every action is bound there).
 *
 * X(ID, NAME, HELP):
 *   ID    the enum suffix (ACTION_ID)
 *   NAME  the action's name, as a keymap file writes it
 *   HELP  one line for the help screen, N_() so it can be translated
 *
 * A count typed before a key ("5j") is passed to the action; actions that
 * take no count ignore it.  Digits are a count in every pane, the article
 * too: link N is "No" (open) or "Ny" (copy) there as in the list. */
#ifndef RADAR_ACTIONS_H
#define RADAR_ACTIONS_H

#include "i18n.h"

#define ACTIONS(X) \
	X(DOWN, "down", N_("move down (a count moves that many)")) \
	X(UP, "up", N_("move up")) \
	X(TOP, "top", N_("go to the first line (a count: that line)")) \
	X(BOTTOM, "bottom", N_("go to the last line (a count: that line)")) \
	X(HALF_DOWN, "half-page-down", N_("half a page down")) \
	X(HALF_UP, "half-page-up", N_("half a page up")) \
	X(PAGE_DOWN, "page-down", N_("a page down")) \
	X(PAGE_UP, "page-up", N_("a page up")) \
	X(PANE_LEFT, "pane-left", N_("to the pane on the left")) \
	X(PANE_RIGHT, "pane-right", N_("to the pane on the right")) \
	X(PANE_NEXT, "pane-next", N_("to the next pane")) \
	X(OPEN, "open", N_("open the item or view under the cursor")) \
	X(NEXT_ITEM, "next-item", N_("the next item (opened, when reading one)")) \
	X(PREV_ITEM, "previous-item", N_("the previous item (opened, when reading one)")) \
	X(NEXT_UNREAD, "next-unread", N_("the next unread item of the view (opened, when reading one)")) \
	X(PREV_UNREAD, "previous-unread", N_("the previous unread item of the view")) \
	X(BACK, "back", N_("go back; quit from the list")) \
	X(QUIT, "quit", N_("quit at once")) \
	X(TAGS, "tags", N_("show or hide the views and tags")) \
	X(SEARCH, "search", N_("full-text search")) \
	X(SEARCH_NEXT, "search-next", N_("next search match")) \
	X(SEARCH_PREV, "search-previous", N_("previous search match")) \
	X(STAR, "star", N_("star or unstar the item (a count or the selection: that many)")) \
	X(TOGGLE_READ, "toggle-read", N_("mark the item read or unread (a count or the selection: that many)")) \
	X(MARK_ALL_READ, "mark-all-read", N_("mark every item in the view read")) \
	X(MARK_READ_TO_HERE, "mark-read-to-here", N_("mark the items from the top of the view down to this one read")) \
	X(TAG, "tag", N_("add your own tags to the item, a count or the selection (-TAG removes; Tab completes)")) \
	X(UNTAG, "untag", N_("remove your own tags from the item, a count or the selection")) \
	X(VISUAL, "visual", N_("start or end a visual selection: move, then star, read, tag, open or export it; Esc leaves")) \
	X(UNDO, "undo", N_("undo the last star, read, tag or bulk action")) \
	X(OPEN_LINK, "open-link", N_("open the main link in the browser (a count: link N; the selection: each item's own link)")) \
	X(COPY_URL, "copy-url", N_("copy the item's URL (a count: link N)")) \
	X(CYCLE_SORT, "cycle-sort", N_("sort by newest, most mentioned, title, hot")) \
	X(TOGGLE_BOILERPLATE, "toggle-boilerplate", N_("show or hide boilerplate: promos a source repeats in every digest (also :boilerplate)")) \
	X(REFRESH, "refresh", N_("fetch the sources now (and re-read the cache)")) \
	X(COMMAND, "command", N_("command line (:tag, :kind, :source, :sort, :search, :q)")) \
	X(REDRAW, "redraw", N_("redraw the screen")) \
	X(HELP, "help", N_("this help"))

enum action {
	ACTION_NONE,
#define ACTION_ENUM(id, name, help) ACTION_##id,
	ACTIONS(ACTION_ENUM)
#undef ACTION_ENUM
	ACTION_COUNT
};

#endif
