/* The colour areas of the reader: every place the screen uses a colour has
 * a name here, with its default look, so the theme files (issue 6) and the
 * docs come from this one table.
 *
 * X(ID, NAME, FG, BG, ATTRS, HELP): FG and BG are curses colour numbers
 * (COLOR_RED...) or -1 for the terminal's default (use_default_colors());
 * ATTRS are curses attributes (A_BOLD...).  With NO_COLOR set, or on a
 * terminal without colours, only ATTRS are used, so every area must stay
 * readable by its attributes alone (the cursor row is A_REVERSE).
 *
 * The article areas are named like render.h's RENDER_STYLES, so an item's
 * styled lines map one to one. */
#ifndef RADAR_COLORS_H
#define RADAR_COLORS_H

#include <curses.h>

#include "i18n.h"

#define COLOR_AREAS(X) \
	X(DEFAULT, "default", -1, -1, A_NORMAL, N_("everything without an area of its own")) \
	X(STATUS, "status", COLOR_WHITE, COLOR_BLUE, A_NORMAL, N_("the status line")) \
	X(STATUS_ERROR, "status-error", COLOR_WHITE, COLOR_RED, A_BOLD, N_("an error in the status line")) \
	X(TITLE_BAR, "title-bar", COLOR_BLACK, COLOR_CYAN, A_NORMAL, N_("the line naming the pane at the top")) \
	X(BORDER, "border", COLOR_BLUE, -1, A_NORMAL, N_("lines between panes")) \
	X(CURSOR, "cursor", -1, -1, A_REVERSE | A_BOLD, N_("the row under the cursor, in the focused pane")) \
	X(CURSOR_INACTIVE, "cursor-inactive", -1, -1, A_REVERSE, N_("the row under the cursor, in another pane")) \
	X(UNREAD, "unread", -1, -1, A_BOLD, N_("an unread item in the list")) \
	X(READ, "read", -1, -1, A_NORMAL, N_("a read item in the list")) \
	X(STAR, "star", COLOR_YELLOW, -1, A_BOLD, N_("the star mark")) \
	X(DATE, "date", COLOR_CYAN, -1, A_NORMAL, N_("dates in the list")) \
	X(KIND, "kind", COLOR_MAGENTA, -1, A_NORMAL, N_("kind marks in the list")) \
	X(MENTIONS, "mentions", COLOR_GREEN, -1, A_NORMAL, N_("\"seen in N digests\" in the list")) \
	X(SOURCE, "source", COLOR_BLUE, -1, A_NORMAL, N_("source names in the list")) \
	X(TAGS_HEADING, "tags-heading", COLOR_YELLOW, -1, A_BOLD, N_("group headings in the tag pane")) \
	X(TAGS_COUNT, "tags-count", COLOR_CYAN, -1, A_NORMAL, N_("unread counts in the tag pane")) \
	X(PROMPT, "prompt", -1, -1, A_NORMAL, N_("the search and command line")) \
	X(HELP_KEY, "help-key", COLOR_YELLOW, -1, A_BOLD, N_("keys on the help screen")) \
	X(TEXT, "text", -1, -1, A_NORMAL, N_("article text")) \
	X(ARTICLE_TITLE, "title", -1, -1, A_BOLD, N_("article title")) \
	X(HEADING, "heading", COLOR_YELLOW, -1, A_BOLD, N_("article headings")) \
	X(STRONG, "strong", -1, -1, A_BOLD, N_("strong text")) \
	X(EMPHASIS, "emphasis", -1, -1, A_UNDERLINE, N_("emphasised text")) \
	X(STRIKE, "strike", -1, -1, A_DIM, N_("struck-out text")) \
	X(CODE, "code", COLOR_GREEN, -1, A_NORMAL, N_("inline code")) \
	X(CODE_BLOCK, "code-block", COLOR_GREEN, -1, A_NORMAL, N_("code blocks")) \
	X(LINK, "link", COLOR_BLUE, -1, A_UNDERLINE, N_("link text")) \
	X(LINK_NUMBER, "link-number", COLOR_CYAN, -1, A_BOLD, N_("link numbers [N]")) \
	X(QUOTE, "quote", COLOR_CYAN, -1, A_NORMAL, N_("block quotes")) \
	X(LIST_MARKER, "list-marker", COLOR_YELLOW, -1, A_NORMAL, N_("list bullets and numbers")) \
	X(RULE, "rule", COLOR_BLUE, -1, A_NORMAL, N_("thematic breaks")) \
	X(TABLE_BORDER, "table-border", COLOR_BLUE, -1, A_NORMAL, N_("table borders")) \
	X(TABLE_HEADER, "table-header", -1, -1, A_BOLD, N_("table header cells")) \
	X(META, "meta", COLOR_CYAN, -1, A_NORMAL, N_("article metadata")) \
	X(TAG, "tag", COLOR_MAGENTA, -1, A_NORMAL, N_("tags"))

enum color_area {
#define COLOR_AREA_ENUM(id, name, fg, bg, attrs, help) AREA_##id,
	COLOR_AREAS(COLOR_AREA_ENUM)
#undef COLOR_AREA_ENUM
	AREA_COUNT
};

#endif
