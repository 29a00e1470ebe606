/* Every command the reader knows, as one X-macro table: the key bindings,
 * the help screen (`?`) and (later) the keymap file and the docs all come
 * from it.
 *
 * X(ID, NAME, KEYS, HELP):
 *   ID    the enum suffix (ACTION_ID)
 *   NAME  the action's name, as a keymap file would write it
 *   KEYS  default keys, space-separated, in keys.h notation: "j", "<Down>",
 *         "gg" (a sequence), "<C-d>", "<M-x>", "<F1>", "<Tab>", "<Enter>"
 *   HELP  one line for the help screen, N_() so it can be translated
 *
 * A count typed before a key ("5j") is passed to the action; actions that
 * take no count ignore it.  In the article pane 1-9 open link N directly
 * (that is ACTION_OPEN_LINK with the digit as count). */
#ifndef RADAR_ACTIONS_H
#define RADAR_ACTIONS_H

#include "i18n.h"

#define ACTIONS(X) \
	X(DOWN, "down", "j <Down>", N_("move down (a count moves that many)")) \
	X(UP, "up", "k <Up>", N_("move up")) \
	X(TOP, "top", "gg <Home>", N_("go to the first line (a count: that line)")) \
	X(BOTTOM, "bottom", "G <End>", N_("go to the last line (a count: that line)")) \
	X(HALF_DOWN, "half-page-down", "<C-d>", N_("half a page down")) \
	X(HALF_UP, "half-page-up", "<C-u>", N_("half a page up")) \
	X(PAGE_DOWN, "page-down", "<C-f> <PageDown> <Space>", N_("a page down")) \
	X(PAGE_UP, "page-up", "<C-b> <PageUp>", N_("a page up")) \
	X(PANE_LEFT, "pane-left", "h <Left>", N_("to the pane on the left")) \
	X(PANE_RIGHT, "pane-right", "l <Right>", N_("to the pane on the right")) \
	X(PANE_NEXT, "pane-next", "<Tab>", N_("to the next pane")) \
	X(OPEN, "open", "<Enter>", N_("open the item or view under the cursor")) \
	X(BACK, "back", "q", N_("go back; quit from the list")) \
	X(QUIT, "quit", "Q", N_("quit at once")) \
	X(TAGS, "tags", "t", N_("show or hide the views and tags")) \
	X(SEARCH, "search", "/", N_("full-text search")) \
	X(SEARCH_NEXT, "search-next", "n", N_("next search match")) \
	X(SEARCH_PREV, "search-previous", "N", N_("previous search match")) \
	X(STAR, "star", "s", N_("star or unstar the item")) \
	X(TOGGLE_READ, "toggle-read", "r", N_("mark the item read or unread")) \
	X(MARK_ALL_READ, "mark-all-read", "A", N_("mark every item in the view read")) \
	X(UNDO, "undo", "u", N_("undo the last star, read or mark-all")) \
	X(OPEN_LINK, "open-link", "o", N_("open the main link in the browser (a count: link N)")) \
	X(COPY_URL, "copy-url", "y", N_("copy the item's URL (a count: link N)")) \
	X(CYCLE_SORT, "cycle-sort", "S", N_("sort by newest, most mentioned, title")) \
	X(REFRESH, "refresh", "R", N_("re-read the cache")) \
	X(COMMAND, "command", ":", N_("command line (:tag, :kind, :source, :sort, :search, :q)")) \
	X(REDRAW, "redraw", "<C-l>", N_("redraw the screen")) \
	X(HELP, "help", "? <F1>", N_("this help"))

enum action {
	ACTION_NONE,
#define ACTION_ENUM(id, name, keys, help) ACTION_##id,
	ACTIONS(ACTION_ENUM)
#undef ACTION_ENUM
	ACTION_COUNT
};

#endif
