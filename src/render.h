/* Markdown as styled, wrapped lines: the one renderer behind `radar show`
 * and the TUI's article pane (src/render/; the item article built on it is
 * article.h).  All text goes through text.h. */
#ifndef RADAR_RENDER_H
#define RADAR_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "text.h"

/* Styles a rendered span can carry; the TUI maps each to a colour area. */
#define RENDER_STYLES(X) \
	X(TEXT, "text") \
	X(TITLE, "title") \
	X(HEADING, "heading") \
	X(STRONG, "strong") \
	X(EMPHASIS, "emphasis") \
	X(STRIKE, "strike") \
	X(CODE, "code") \
	X(CODE_BLOCK, "code-block") \
	X(LINK, "link") \
	X(LINK_NUMBER, "link-number") \
	X(QUOTE, "quote") \
	X(LIST_MARKER, "list-marker") \
	X(RULE, "rule") \
	X(TABLE_BORDER, "table-border") \
	X(TABLE_HEADER, "table-header") \
	X(META, "meta") \
	X(TAG, "tag")

enum render_style {
#define RENDER_STYLE_ENUM(id, name) RENDER_##id,
	RENDER_STYLES(RENDER_STYLE_ENUM)
#undef RENDER_STYLE_ENUM
	RENDER_STYLE_COUNT
};

struct render_link {
	char *url;
	char *text;
};

struct strindex;

struct render_output {
	struct text_lines lines;    /* span styles are enum render_style */
	struct render_link *links;  /* links[0] is [1]; one number per distinct URL */
	size_t link_count;
	size_t link_capacity;
	/* The Links section puts each URL on one line however wide (radar
	 * show: the terminal wraps it, so copying it with the mouse keeps it
	 * whole); false breaks it under its number (the reader's pane). */
	bool whole_links;
	struct strindex *link_index; /* links by URL once there are many (hashset.h) */
};

void render_output_init(struct render_output *out);
void render_output_clear(struct render_output *out);

/* Render GFM Markdown (tables, strikethrough, autolinks, task lists) wrapped
 * to WIDTH columns, appending to OUT: headings, paragraphs, nested lists,
 * block quotes, code blocks (not re-wrapped: long lines are cut with the
 * ellipsis), tables with CJK-aware column widths (cells wrap when the table
 * is too wide), thematic breaks.  Links show as text followed by [N], the
 * number continuing OUT's list.  Raw HTML never shows as markup: tags are
 * dropped, their text kept (<summary> text as a line).  YAML front matter
 * at the top (frontmatter_locate) is not shown. */
void render_markdown(const char *markdown, size_t len, int width, struct render_output *out);

/* Append to OUT a "Links" heading and every link in OUT's list as "[N] url",
 * the URL wrapped under its number (a URL wider than WIDTH is broken, unless
 * OUT->whole_links): what
 * render_item ends with, for a rendering of render_markdown. */
void render_links(int width, struct render_output *out);

/* A document composed of parts (the item article): render_begin, then any
 * of the calls below in reading order, then render_end.  Link numbers and
 * the blank lines between parts are shared by all the parts. */
struct renderer;
struct renderer *render_begin(struct render_output *out, int width);
void render_end(struct renderer *r);
/* Untrusted plain text in one style, wrapped. */
void render_text(struct renderer *r, const char *raw, enum render_style style);
/* Words (cleaned here) packed into lines, a break only between two words
 * (unless one alone is wider than the line). */
void render_words(struct renderer *r, char *const *words, size_t count, enum render_style style);
/* Markdown, without the front matter handling of render_markdown. */
void render_part(struct renderer *r, const char *markdown);
/* A level-2 heading ("Links"), blank lines around it. */
void render_heading(struct renderer *r, const char *label);
/* A blank line before whatever comes next. */
void render_gap(struct renderer *r);
/* What follows until render_indent_end is indented under MARKER, which
 * shows on its first line. */
void render_indent_begin(struct renderer *r, const char *marker, enum render_style style);
void render_indent_end(struct renderer *r);
/* Give URL (with TEXT, for the list) a number without showing a mark. */
void render_link_add(struct renderer *r, const char *url, const char *text);
/* A "Links" heading and the links the parts referred to, "[N] url". */
void render_links_section(struct renderer *r);

/* Lines as plain text, one '\n' after each, styles dropped (caller frees). */
char *render_plain_text(const struct render_output *out);

#endif
