/* The colour areas of the reader: every place the screen uses a colour has
 * a name here, so `color AREA ...`, the theme files and radar(5) come from
 * this one table.  The looks are in the themes/ files (compiled in, see
 * theme.h); themes/mono.theme is what NO_COLOR and terminals without colours
 * get, so every area must stay readable by its attributes alone.
 *
 * X(ID, NAME, HELP)
 *
 * The article areas are named like render.h's RENDER_STYLES, so an item's
 * styled lines map one to one. */
#ifndef RADAR_COLORS_H
#define RADAR_COLORS_H

#include "i18n.h"

#define COLOR_AREAS(X) \
	X(DEFAULT, "default", N_("everything without an area of its own")) \
	X(STATUS, "status", N_("the status line")) \
	X(STATUS_ERROR, "status-error", N_("an error in the status line")) \
	X(TITLE_BAR, "title-bar", N_("the line naming the pane at the top")) \
	X(BORDER, "border", N_("lines between panes")) \
	X(BORDER_FOCUS, "border-focus", N_("the lines beside the pane that has the focus (three panes)")) \
	X(CURSOR, "cursor", N_("the row under the cursor, in the focused pane")) \
	X(CURSOR_INACTIVE, "cursor-inactive", N_("the row under the cursor, in another pane")) \
	X(UNREAD, "unread", N_("an unread item in the list")) \
	X(READ, "read", N_("a read item in the list")) \
	X(STAR, "star", N_("the star mark")) \
	X(DATE, "date", N_("dates in the list")) \
	X(KIND, "kind", N_("kind marks in the list")) \
	X(MENTIONS, "mentions", N_("\"seen in N digests\" in the list")) \
	X(SOURCE, "source", N_("source names in the list")) \
	X(TAGS_HEADING, "tags-heading", N_("group headings in the tag pane")) \
	X(TAGS_COUNT, "tags-count", N_("unread counts in the tag pane")) \
	X(PROMPT, "prompt", N_("the search and command line")) \
	X(HELP_KEY, "help-key", N_("keys on the help screen")) \
	X(TEXT, "text", N_("article text")) \
	X(ARTICLE_TITLE, "title", N_("article title")) \
	X(HEADING, "heading", N_("article headings")) \
	X(STRONG, "strong", N_("strong text")) \
	X(EMPHASIS, "emphasis", N_("emphasised text")) \
	X(STRIKE, "strike", N_("struck-out text")) \
	X(CODE, "code", N_("inline code")) \
	X(CODE_BLOCK, "code-block", N_("code blocks")) \
	X(LINK, "link", N_("link text")) \
	X(LINK_NUMBER, "link-number", N_("link numbers [N]")) \
	X(QUOTE, "quote", N_("block quotes")) \
	X(LIST_MARKER, "list-marker", N_("list bullets and numbers")) \
	X(RULE, "rule", N_("thematic breaks")) \
	X(TABLE_BORDER, "table-border", N_("table borders")) \
	X(TABLE_HEADER, "table-header", N_("table header cells")) \
	X(META, "meta", N_("article metadata")) \
	X(TAG, "tag", N_("tags")) \
	X(SEARCH_MATCH, "search-match", N_("the words of the view's query in the article"))

enum color_area {
#define COLOR_AREA_ENUM(id, name, help) AREA_##id,
	COLOR_AREAS(COLOR_AREA_ENUM)
#undef COLOR_AREA_ENUM
	AREA_COUNT
};

#endif
