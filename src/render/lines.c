/* The renderer's output side: runs of styled text, the renderer's state,
 * the stack of open containers (lists, items, quotes) and the prefix each
 * draws, blank lines between blocks, and wrapped lines into the output. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "render/internal.h"
#include "strbuf.h"
#include "xalloc.h"

const char render_spaces[SPACES_LEN + 1] = "                                                                ";

void runs_append(struct runs *rs, const char *s, size_t len, int style)
{
	struct run *run;

	if (len == 0)
		return;
	if (rs->count > 0 && rs->items[rs->count - 1].style == style) {
		strbuf_append(&rs->items[rs->count - 1].text, s, len);
		return;
	}
	rs->items = xgrow(rs->items, &rs->capacity, rs->count + 1, sizeof *rs->items);
	run = &rs->items[rs->count++];
	strbuf_init(&run->text);
	run->style = style;
	strbuf_append(&run->text, s, len);
}

void runs_puts(struct runs *rs, const char *s, int style)
{
	runs_append(rs, s, strlen(s), style);
}

void runs_repeat(struct runs *rs, char c, int count, int style)
{
	char chunk[64];

	memset(chunk, c, sizeof chunk);
	while (count > 0) {
		int n = count < (int)sizeof chunk ? count : (int)sizeof chunk;
		runs_append(rs, chunk, (size_t)n, style);
		count -= n;
	}
}

void runs_reset(struct runs *rs)
{
	for (size_t i = 0; i < rs->count; i++)
		strbuf_clear(&rs->items[i].text);
	rs->count = 0;
}

void runs_clear(struct runs *rs)
{
	runs_reset(rs);
	free(rs->items);
	rs->items = NULL;
	rs->capacity = 0;
}

/* Drop trailing spaces, and runs left empty. */
void runs_rtrim(struct runs *rs)
{
	while (rs->count > 0) {
		struct strbuf *sb = &rs->items[rs->count - 1].text;
		while (sb->len > 0 && sb->data[sb->len - 1] == ' ')
			sb->data[--sb->len] = '\0';
		if (sb->len > 0)
			break;
		strbuf_clear(sb);
		rs->count--;
	}
}

bool runs_empty(const struct runs *rs)
{
	return rs->count == 0;
}

char runs_last_byte(const struct runs *rs)
{
	if (rs->count == 0)
		return '\0';
	const struct strbuf *sb = &rs->items[rs->count - 1].text;
	return sb->len ? sb->data[sb->len - 1] : '\0';
}

/* A view of RS as spans (valid while RS is unchanged); free the array only. */
static struct text_span *runs_spans(const struct runs *rs)
{
	struct text_span *spans = xmalloc((rs->count ? rs->count : 1) * sizeof *spans);

	for (size_t i = 0; i < rs->count; i++) {
		spans[i].text = rs->items[i].text.data;
		spans[i].style = rs->items[i].style;
	}
	return spans;
}

void spans_free(struct text_span *spans, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(spans[i].text);
	free(spans);
}

void renderer_init(struct renderer *r, struct render_output *out, int width)
{
	memset(r, 0, sizeof *r);
	r->out = out;
	r->width = width < 1 ? 1 : width;
	/* Prefixes never take more than half the line, and leave two columns
	 * so a wide character fits after them. */
	r->prefix_cap = r->width / 2;
	if (r->prefix_cap > r->width - 2)
		r->prefix_cap = r->width - 2;
	if (r->prefix_cap < 0)
		r->prefix_cap = 0;
	strbuf_init(&r->alt);
	r->base_style = RENDER_TEXT;
}

void link_frames_clear(struct renderer *r)
{
	while (r->link_depth > 0) {
		struct link_frame *f = &r->links[--r->link_depth];
		free(f->url);
		strbuf_clear(&f->text);
	}
}

void table_clear(struct table *t)
{
	for (size_t i = 0; i < t->count; i++) {
		for (size_t j = 0; j < t->rows[i].count; j++)
			spans_free(t->rows[i].cells[j].spans, t->rows[i].cells[j].count);
		free(t->rows[i].cells);
	}
	free(t->rows);
	free(t->align);
	memset(t, 0, sizeof *t);
}

void footnotes_clear(struct renderer *r)
{
	for (size_t i = 0; i < r->footnote_count; i++)
		free(r->footnotes[i]);
	free(r->footnotes);
	r->footnotes = NULL;
	r->footnote_count = r->footnote_capacity = 0;
	r->footnote_defs = 0;
}

void renderer_clear(struct renderer *r)
{
	free(r->ctx);
	runs_clear(&r->line);
	runs_clear(&r->inl);
	strbuf_clear(&r->alt);
	link_frames_clear(r);
	free(r->links);
	table_clear(&r->table);
	footnotes_clear(r);
	free(r->used);
}

/* ------------------------------------------------------------ contexts and prefixes */

struct ctx *ctx_push(struct renderer *r, enum ctx_kind kind)
{
	struct ctx *c;

	r->ctx = xgrow(r->ctx, &r->ctx_capacity, r->depth + 1, sizeof *r->ctx);
	c = &r->ctx[r->depth++];
	memset(c, 0, sizeof *c);
	c->kind = kind;
	return c;
}

void ctx_pop(struct renderer *r)
{
	if (r->depth == 0)
		return;
	r->depth--;
	if (r->pending_blank && r->blank_depth > r->depth)
		r->blank_depth = r->depth;
}

/* What context C draws at the start of a line: its text, style and width. */
static int ctx_segment(const struct renderer *r, const struct ctx *c, bool blank,
                       const char **text, int *style)
{
	switch (c->kind) {
	case CTX_QUOTE:
		*text = "> ";
		*style = RENDER_QUOTE;
		return 2;
	case CTX_ITEM:
		if (!blank && c->start_line == r->content_lines) {
			*text = c->marker;
			*style = c->marker_style;
		} else {
			*text = SPACES + SPACES_LEN - (size_t)c->marker_width;
			*style = RENDER_TEXT;
		}
		return c->marker_width;
	case CTX_LIST:
		break;
	}
	*text = "";
	*style = RENDER_TEXT;
	return 0;
}

/* The prefix of contexts [0, LIMIT) into OUT (when not NULL); returns its
 * width.  Past prefix_cap, the middle levels are left out and only the
 * innermost one is drawn, so deep nesting still leaves room for text and
 * costs O(cap) per line, not O(depth). */
static int build_prefix(const struct renderer *r, size_t limit, bool blank, struct runs *out)
{
	size_t last = limit;
	const char *text;
	int style, last_width, acc = 0;

	while (last > 0 && r->ctx[last - 1].kind == CTX_LIST)
		last--;
	if (last == 0)
		return 0;
	last--;
	last_width = ctx_segment(r, &r->ctx[last], blank, &text, &style);
	for (size_t i = 0; i < last; i++) {
		int w;
		if (r->ctx[i].kind == CTX_LIST)
			continue;
		w = ctx_segment(r, &r->ctx[i], blank, &text, &style);
		if (acc + w + last_width > r->prefix_cap)
			break;
		if (out)
			runs_puts(out, text, style);
		acc += w;
	}
	if (acc + last_width <= r->prefix_cap) {
		ctx_segment(r, &r->ctx[last], blank, &text, &style);
		if (out)
			runs_puts(out, text, style);
		acc += last_width;
	}
	return acc;
}

int content_width(const struct renderer *r)
{
	int avail = r->width - build_prefix(r, r->depth, false, NULL);
	return avail < 1 ? 1 : avail;
}

static void flush_blank(struct renderer *r)
{
	struct text_span *spans;
	size_t limit;

	if (!r->pending_blank)
		return;
	r->pending_blank = false;
	if (!r->emitted_any)
		return;
	limit = r->blank_depth < r->depth ? r->blank_depth : r->depth;
	runs_reset(&r->line);
	build_prefix(r, limit, true, &r->line);
	runs_rtrim(&r->line);
	spans = runs_spans(&r->line);
	text_lines_add(&r->out->lines, spans, r->line.count);
	free(spans);
}

/* One output line: the prefix of the open contexts, then SPANS (display
 * text the caller made fit in content_width()). */
void emit_line(struct renderer *r, const struct text_span *spans, size_t count)
{
	struct text_span *all;

	flush_blank(r);
	runs_reset(&r->line);
	build_prefix(r, r->depth, false, &r->line);
	size_t lead = 0;        /* the prefix is no part of the text a search reads */
	for (size_t i = 0; i < r->line.count; i++)
		lead += r->line.items[i].text.len;
	for (size_t i = 0; i < count; i++)
		runs_puts(&r->line, spans[i].text, spans[i].style);
	if (count == 0)
		runs_rtrim(&r->line);
	all = runs_spans(&r->line);
	text_lines_add(&r->out->lines, all, r->line.count);
	r->out->lines.lines[r->out->lines.count - 1].lead = lead;
	free(all);
	r->content_lines++;
	r->emitted_any = true;
}

void emit_runs(struct renderer *r, const struct runs *rs)
{
	struct text_span *spans = runs_spans(rs);
	emit_line(r, spans, rs->count);
	free(spans);
}

/* Wrap clean SPANS to the room left by the prefix and draw them; returns
 * the widest line's width. */
int emit_wrapped(struct renderer *r, const struct text_span *spans, size_t count)
{
	struct text_lines lines;
	int widest = 0;

	if (count == 0)
		return 0;
	text_lines_init(&lines);
	text_wrap_spans(spans, count, content_width(r), &lines);
	for (size_t i = 0; i < lines.count; i++) {
		emit_line(r, lines.lines[i].spans, lines.lines[i].span_count);
		r->out->lines.lines[r->out->lines.count - 1].joint = lines.lines[i].joint;
		if (lines.lines[i].width > widest)
			widest = lines.lines[i].width;
	}
	text_lines_clear(&lines);
	return widest;
}

/* After a block: a blank line before whatever comes next, except between
 * the blocks of a tight list item. */
void block_done(struct renderer *r, cmark_node *node)
{
	cmark_node *parent = node ? cmark_node_parent(node) : NULL;

	if (parent && cmark_node_get_type(parent) == CMARK_NODE_ITEM) {
		cmark_node *list = cmark_node_parent(parent);
		if (list && cmark_node_get_list_tight(list))
			return;
	}
	r->pending_blank = true;
	r->blank_depth = r->depth;
}

