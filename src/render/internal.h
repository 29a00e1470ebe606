/* The Markdown renderer's private header.  Nothing outside src/render/
 * includes it; the public API is render.h.
 *
 * Files:
 *   lines.c   runs of styled text, the renderer's state, open containers and
 *             the prefixes they draw, blank lines, output lines
 *   inline.c  a paragraph's inline text: styles, soft breaks, links and their
 *             numbers, images, footnote marks
 *   html.c    raw HTML as text: entities, tags, hidden elements
 *   blocks.c  paragraphs, headings, code, HTML blocks, rules, lists, items,
 *             quotes and alerts, footnote definitions
 *   table.c   GFM tables: column widths, wrapped cells, records
 *   walk.c    the walk over the cmark tree, render_markdown and friends, the
 *             composer (render_begin ... render_end) and the Links section
 *
 * The renderer never sees the cache's types: the item article (article.c)
 * is composed through render.h. */
#ifndef RADAR_RENDER_INTERNAL_H
#define RADAR_RENDER_INTERNAL_H

#include <cmark-gfm.h>
#include <stdbool.h>
#include <stddef.h>

#include "render.h"
#include "strbuf.h"
#include "text.h"

/* Everything radar itself draws here (borders, bullets, rules, separators)
 * is ASCII: East Asian ambiguous characters such as U+2500 or U+2022 take two
 * columns in some terminals and would break the layout. */
extern const char render_spaces[];  /* SPACES_LEN spaces */
#define SPACES render_spaces
#define SPACES_LEN 64

static inline bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

struct run {
	struct strbuf text;
	int style;
};

struct runs {
	struct run *items;
	size_t count;
	size_t capacity;
};


enum ctx_kind {
	CTX_LIST,
	CTX_ITEM,
	CTX_QUOTE,
};

/* One open container block.  The stack lives on the heap and the AST is
 * walked with cmark_iter, so nesting depth costs memory, never C stack. */
struct ctx {
	enum ctx_kind kind;
	/* CTX_LIST */
	bool tight;
	bool ordered;
	char delim;
	long next_number;
	int number_width;
	int bullet_level;
	/* CTX_ITEM: the marker shows on the item's first line, spaces after */
	char marker[40];
	int marker_width;
	int marker_style;
	size_t start_line;
};

struct link_frame {
	char *url;
	bool numbered;
	bool html;              /* opened by <a href>, closed by </a> */
	struct strbuf text;
};

struct cell {
	struct text_span *spans;        /* clean text */
	size_t count;
};

struct table_row {
	struct cell *cells;
	size_t count;
	size_t capacity;
	bool header;
};

struct table {
	struct table_row *rows;
	size_t count;
	size_t capacity;
	size_t columns;
	char *align;            /* 'l', 'c', 'r' or 0 per column */
};

struct renderer {
	struct render_output *out;
	int width;
	int prefix_cap;         /* the widest prefix (quotes, indents) drawn */

	struct ctx *ctx;
	size_t depth;
	size_t ctx_capacity;
	int quote_depth;
	int bullet_depth;

	size_t content_lines;   /* lines drawn with content, to know if an item has begun */
	bool emitted_any;
	bool pending_blank;
	size_t blank_depth;     /* contexts shared by the blocks around the blank */
	struct runs line;       /* scratch for one output line */

	/* inline text being collected for a paragraph, heading or cell */
	struct runs inl;
	bool collecting;
	int base_style;
	bool style_locked;      /* headings and table headers keep their style */
	bool pending_soft;
	int emph, strong, strike, code, numbered_links;
	int image_depth;
	struct strbuf alt;
	struct link_frame *links;
	size_t link_depth;
	size_t link_capacity;
	char html_skip[16];     /* inside <script> or <style>: its name */
	bool html_gap;          /* an inline tag was just dropped */

	struct table table;
	bool in_table;

	char **footnotes;       /* reference labels, [^N] is footnotes[N-1] */
	size_t footnote_count;
	size_t footnote_capacity;
	long footnote_defs;

	bool *used;             /* which of OUT's links this rendering refers to */
	size_t used_capacity;
};


/* lines.c */
void runs_append(struct runs *rs, const char *s, size_t len, int style);
void runs_puts(struct runs *rs, const char *s, int style);
void runs_repeat(struct runs *rs, char c, int count, int style);
void runs_reset(struct runs *rs);
void runs_clear(struct runs *rs);
void runs_rtrim(struct runs *rs);
bool runs_empty(const struct runs *rs);
char runs_last_byte(const struct runs *rs);
void spans_free(struct text_span *spans, size_t count);
void renderer_init(struct renderer *r, struct render_output *out, int width);
void link_frames_clear(struct renderer *r);
void table_clear(struct table *t);
void footnotes_clear(struct renderer *r);
void renderer_clear(struct renderer *r);
struct ctx *ctx_push(struct renderer *r, enum ctx_kind kind);
void ctx_pop(struct renderer *r);
int content_width(const struct renderer *r);
void emit_line(struct renderer *r, const struct text_span *spans, size_t count);
void emit_runs(struct renderer *r, const struct runs *rs);
int emit_wrapped(struct renderer *r, const struct text_span *spans, size_t count);
void block_done(struct renderer *r, cmark_node *node);

/* inline.c */
void mark_used(struct renderer *r, size_t index);
size_t link_register(struct renderer *r, const char *raw_url, const char *raw_text);
void inline_begin(struct renderer *r, int base_style, bool locked);
int inline_style(const struct renderer *r, bool code);
void put_text(struct renderer *r, const char *s, size_t len, int style);
void put_hard_break(struct renderer *r);
void put_text_node(struct renderer *r, const char *literal, bool code);
size_t inline_take(struct renderer *r, struct text_span **out);
void link_open(struct renderer *r, const char *url, bool html);
void link_close(struct renderer *r);
void image_close(struct renderer *r);
void footnote_reference(struct renderer *r, const char *label);

/* html.c */
void html_feed(struct renderer *r, const char *s, size_t len, bool block);

/* blocks.c */
void emit_heading_spans(struct renderer *r, struct text_span *spans, size_t count, int level);
void paragraph_end(struct renderer *r, cmark_node *node, int level);
void code_block(struct renderer *r, cmark_node *node);
void html_block(struct renderer *r, cmark_node *node);
void thematic_break(struct renderer *r, cmark_node *node);
int digits(long n);
void list_enter(struct renderer *r, cmark_node *node);
void list_exit(struct renderer *r, cmark_node *node);
void item_push(struct renderer *r, const char *marker, int style);
void item_enter(struct renderer *r, cmark_node *node);
void item_exit(struct renderer *r, bool loose);
void quote_enter(struct renderer *r, cmark_node *node);
void quote_exit(struct renderer *r, cmark_node *node);
void footnote_enter(struct renderer *r);

/* table.c */
void table_enter(struct renderer *r, cmark_node *node);
void table_row_enter(struct renderer *r, cmark_node *node);
void table_cell_exit(struct renderer *r);
void table_exit(struct renderer *r, cmark_node *node);


#endif
