#include <config.h>

#include "render.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "frontmatter.h"
#include "i18n.h"
#include "links.h"
#include "markdown.h"
#include "strbuf.h"
#include "xalloc.h"

/* Everything radar itself draws here (borders, bullets, rules, separators)
 * is ASCII: East Asian ambiguous characters such as U+2500 or U+2022 take two
 * columns in some terminals and would break the layout. */
#define SEPARATOR " | "

static const char SPACES[] = "                                                                ";
#define SPACES_LEN (sizeof SPACES - 1)

/* ------------------------------------------------------------ UTF-8 */

static size_t utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t need;
	uint32_t c;

	if (len == 0) {
		*cp = 0;
		return 0;
	}
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if ((u[0] & 0xe0) == 0xc0) {
		need = 2;
		c = u[0] & 0x1f;
	} else if ((u[0] & 0xf0) == 0xe0) {
		need = 3;
		c = u[0] & 0x0f;
	} else if ((u[0] & 0xf8) == 0xf0) {
		need = 4;
		c = u[0] & 0x07;
	} else {
		*cp = 0xfffd;
		return 1;
	}
	if (need > len) {
		*cp = 0xfffd;
		return 1;
	}
	for (size_t i = 1; i < need; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return 1;
		}
		c = (c << 6) | (u[i] & 0x3f);
	}
	*cp = c;
	return need;
}

static uint32_t utf8_last(const char *s, size_t len)
{
	size_t start = len;
	uint32_t cp;

	while (start > 0 && len - start < 4) {
		start--;
		if (((unsigned char)s[start] & 0xc0) != 0x80)
			break;
	}
	utf8_decode(s + start, len - start, &cp);
	return cp;
}

static size_t utf8_encode(uint32_t cp, char *out)
{
	if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Chinese and Japanese are written without spaces, so a line break in their
 * source is not a word break.  Hangul is left out: Korean uses spaces. */
static bool is_cjk(uint32_t c)
{
	return (c >= 0x2e80 && c <= 0x2fdf) || (c >= 0x3000 && c <= 0x312f) ||
	       (c >= 0x3190 && c <= 0x31ff) || (c >= 0x3400 && c <= 0x4dbf) ||
	       (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) ||
	       (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xffef) ||
	       (c >= 0x20000 && c <= 0x3ffff);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* ------------------------------------------------------------ runs of styled text */

struct run {
	struct strbuf text;
	int style;
};

struct runs {
	struct run *items;
	size_t count;
	size_t capacity;
};

static void runs_append(struct runs *rs, const char *s, size_t len, int style)
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

static void runs_puts(struct runs *rs, const char *s, int style)
{
	runs_append(rs, s, strlen(s), style);
}

static void runs_repeat(struct runs *rs, char c, int count, int style)
{
	char chunk[64];

	memset(chunk, c, sizeof chunk);
	while (count > 0) {
		int n = count < (int)sizeof chunk ? count : (int)sizeof chunk;
		runs_append(rs, chunk, (size_t)n, style);
		count -= n;
	}
}

static void runs_reset(struct runs *rs)
{
	for (size_t i = 0; i < rs->count; i++)
		strbuf_free(&rs->items[i].text);
	rs->count = 0;
}

static void runs_free(struct runs *rs)
{
	runs_reset(rs);
	free(rs->items);
	rs->items = NULL;
	rs->capacity = 0;
}

/* Drop trailing spaces, and runs left empty. */
static void runs_rtrim(struct runs *rs)
{
	while (rs->count > 0) {
		struct strbuf *sb = &rs->items[rs->count - 1].text;
		while (sb->len > 0 && sb->data[sb->len - 1] == ' ')
			sb->data[--sb->len] = '\0';
		if (sb->len > 0)
			break;
		strbuf_free(sb);
		rs->count--;
	}
}

static bool runs_empty(const struct runs *rs)
{
	return rs->count == 0;
}

static char runs_last_byte(const struct runs *rs)
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

static void spans_free(struct text_span *spans, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(spans[i].text);
	free(spans);
}

/* ------------------------------------------------------------ renderer state */

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

static void renderer_init(struct renderer *r, struct render_output *out, int width)
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

static void link_frames_clear(struct renderer *r)
{
	while (r->link_depth > 0) {
		struct link_frame *f = &r->links[--r->link_depth];
		free(f->url);
		strbuf_free(&f->text);
	}
}

static void table_clear(struct table *t)
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

static void footnotes_clear(struct renderer *r)
{
	for (size_t i = 0; i < r->footnote_count; i++)
		free(r->footnotes[i]);
	free(r->footnotes);
	r->footnotes = NULL;
	r->footnote_count = r->footnote_capacity = 0;
	r->footnote_defs = 0;
}

static void renderer_free(struct renderer *r)
{
	free(r->ctx);
	runs_free(&r->line);
	runs_free(&r->inl);
	strbuf_free(&r->alt);
	link_frames_clear(r);
	free(r->links);
	table_clear(&r->table);
	footnotes_clear(r);
	free(r->used);
}

/* ------------------------------------------------------------ contexts and prefixes */

static struct ctx *ctx_push(struct renderer *r, enum ctx_kind kind)
{
	struct ctx *c;

	r->ctx = xgrow(r->ctx, &r->ctx_capacity, r->depth + 1, sizeof *r->ctx);
	c = &r->ctx[r->depth++];
	memset(c, 0, sizeof *c);
	c->kind = kind;
	return c;
}

static void ctx_pop(struct renderer *r)
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

static int content_width(const struct renderer *r)
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
static void emit_line(struct renderer *r, const struct text_span *spans, size_t count)
{
	struct text_span *all;

	flush_blank(r);
	runs_reset(&r->line);
	build_prefix(r, r->depth, false, &r->line);
	for (size_t i = 0; i < count; i++)
		runs_puts(&r->line, spans[i].text, spans[i].style);
	if (count == 0)
		runs_rtrim(&r->line);
	all = runs_spans(&r->line);
	text_lines_add(&r->out->lines, all, r->line.count);
	free(all);
	r->content_lines++;
	r->emitted_any = true;
}

static void emit_runs(struct renderer *r, const struct runs *rs)
{
	struct text_span *spans = runs_spans(rs);
	emit_line(r, spans, rs->count);
	free(spans);
}

/* Wrap clean SPANS to the room left by the prefix and draw them; returns
 * the widest line's width. */
static int emit_wrapped(struct renderer *r, const struct text_span *spans, size_t count)
{
	struct text_lines lines;
	int widest = 0;

	if (count == 0)
		return 0;
	text_lines_init(&lines);
	text_wrap_spans(spans, count, content_width(r), &lines);
	for (size_t i = 0; i < lines.count; i++) {
		emit_line(r, lines.lines[i].spans, lines.lines[i].span_count);
		if (lines.lines[i].width > widest)
			widest = lines.lines[i].width;
	}
	text_lines_free(&lines);
	return widest;
}

/* After a block: a blank line before whatever comes next, except between
 * the blocks of a tight list item. */
static void block_done(struct renderer *r, cmark_node *node)
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

/* ------------------------------------------------------------ links */

static bool has_prefix_ci(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* Only links that lead somewhere outside the document get a number;
 * anchors, relative paths and javascript: are shown as plain text. */
static bool is_numbered_url(const char *url)
{
	if (!url)
		return false;
	while (*url == ' ' || *url == '\t' || *url == '\n')
		url++;
	return has_prefix_ci(url, "http://") || has_prefix_ci(url, "https://") ||
	       has_prefix_ci(url, "ftp://") || has_prefix_ci(url, "mailto:");
}

/* A URL safe to print and to hand to a browser: clean, without white space
 * or break hints.  NULL when nothing is left. */
static char *clean_url(const char *raw)
{
	char *clean = text_clean(raw, strlen(raw));
	size_t j = 0;

	for (size_t i = 0; clean[i]; i++) {
		if (is_space(clean[i]))
			continue;
		if ((unsigned char)clean[i] == 0xe2 && (unsigned char)clean[i + 1] == 0x80 &&
		    (unsigned char)clean[i + 2] == 0x8b) {
			i += 2;
			continue;
		}
		clean[j++] = clean[i];
	}
	clean[j] = '\0';
	if (j == 0) {
		free(clean);
		return NULL;
	}
	return clean;
}

static char *clean_line(const char *raw, size_t len)
{
	char *clean = text_clean(raw, len);
	for (char *p = clean; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	return clean;
}

static void mark_used(struct renderer *r, size_t index)
{
	if (index >= r->used_capacity) {
		size_t old = r->used_capacity;
		r->used = xgrow(r->used, &r->used_capacity, index + 1, sizeof *r->used);
		memset(r->used + old, 0, (r->used_capacity - old) * sizeof *r->used);
	}
	r->used[index] = true;
}

/* The number of URL in OUT's list, adding it when new; 0 when it gets none. */
static size_t link_register(struct renderer *r, const char *raw_url, const char *raw_text)
{
	struct render_output *out = r->out;
	char *url, *canonical = NULL;
	size_t i;

	if (!is_numbered_url(raw_url))
		return 0;
	url = clean_url(raw_url);
	if (!url)
		return 0;
	if (has_prefix_ci(url, "http://") || has_prefix_ci(url, "https://"))
		canonical = link_canonical_url(url);
	if (canonical) {
		char *again = clean_url(canonical);
		free(canonical);
		canonical = again;
	}
	if (canonical) {
		free(url);
		url = canonical;
	}
	for (i = 0; i < out->link_count; i++)
		if (strcmp(out->links[i].url, url) == 0)
			break;
	if (i == out->link_count) {
		out->links = xgrow(out->links, &out->link_capacity, out->link_count + 1,
		                   sizeof *out->links);
		out->links[i].url = url;
		out->links[i].text = NULL;
		out->link_count++;
		url = NULL;
	}
	free(url);
	if (!out->links[i].text && raw_text) {
		char *text = clean_line(raw_text, strlen(raw_text));
		if (*text)
			out->links[i].text = text;
		else
			free(text);
	}
	mark_used(r, i);
	return i + 1;
}

/* ------------------------------------------------------------ inline text */

static void inline_begin(struct renderer *r, int base_style, bool locked)
{
	runs_reset(&r->inl);
	r->collecting = true;
	r->base_style = base_style;
	r->style_locked = locked;
	r->pending_soft = false;
	r->html_gap = false;
	r->emph = r->strong = r->strike = r->code = r->numbered_links = 0;
	r->image_depth = 0;
	strbuf_reset(&r->alt);
	link_frames_clear(r);
	r->html_skip[0] = '\0';
}

static int inline_style(const struct renderer *r, bool code)
{
	if (r->style_locked)
		return r->base_style;
	if (r->numbered_links > 0)
		return RENDER_LINK;
	if (code || r->code > 0)
		return RENDER_CODE;
	if (r->strike > 0)
		return RENDER_STRIKE;
	if (r->strong > 0)
		return RENDER_STRONG;
	if (r->emph > 0)
		return RENDER_EMPHASIS;
	return r->base_style;
}

/* Append raw bytes to the collected text (and to the open link's text),
 * with line-breaking white space as plain spaces: breaks are decided by
 * Markdown, not by what an entity or a tab happened to produce. */
static void put_text(struct renderer *r, const char *s, size_t len, int style)
{
	struct strbuf *link_text = NULL;
	size_t start = 0;

	if (r->image_depth > 0) {
		for (size_t i = 0; i < len; i++)
			strbuf_putc(&r->alt, is_space(s[i]) ? ' ' : s[i]);
		return;
	}
	if (r->link_depth > 0)
		link_text = &r->links[r->link_depth - 1].text;
	if (r->pending_soft) {
		uint32_t next;
		r->pending_soft = false;
		utf8_decode(s, len, &next);
		if (!runs_empty(&r->inl)) {
			const struct strbuf *last = &r->inl.items[r->inl.count - 1].text;
			uint32_t prev = utf8_last(last->data, last->len);
			if (!(is_cjk(prev) && is_cjk(next))) {
				runs_append(&r->inl, " ", 1, style);
				if (link_text)
					strbuf_putc(link_text, ' ');
			}
		}
	}
	for (size_t i = 0; i <= len; i++) {
		if (i < len && !(is_space(s[i]) && s[i] != ' '))
			continue;
		runs_append(&r->inl, s + start, i - start, style);
		if (link_text)
			strbuf_append(link_text, s + start, i - start);
		if (i < len) {
			runs_append(&r->inl, " ", 1, style);
			if (link_text)
				strbuf_putc(link_text, ' ');
		}
		start = i + 1;
	}
}

static void put_hard_break(struct renderer *r)
{
	r->pending_soft = false;
	if (r->image_depth > 0) {
		strbuf_putc(&r->alt, ' ');
		return;
	}
	runs_rtrim(&r->inl);
	runs_append(&r->inl, "\n", 1, inline_style(r, false));
}

static void put_text_node(struct renderer *r, const char *literal, bool code)
{
	bool gap = r->html_gap;

	r->html_gap = false;
	if (!literal || r->html_skip[0])
		return;
	/* "a <span>x</span> b" without the tags is "a x b", not "a  b" */
	if (gap && !code && runs_last_byte(&r->inl) == ' ')
		while (*literal == ' ')
			literal++;
	put_text(r, literal, strlen(literal), inline_style(r, code));
}

/* The collected text as clean spans, trimmed (caller frees with spans_free). */
static size_t inline_take(struct renderer *r, struct text_span **out)
{
	struct text_span *spans;
	size_t count = 0;

	r->collecting = false;
	while (r->inl.count > 0) {
		struct strbuf *first = &r->inl.items[0].text;
		size_t skip = 0;
		while (skip < first->len && is_space(first->data[skip]))
			skip++;
		if (skip < first->len) {
			memmove(first->data, first->data + skip, first->len - skip + 1);
			first->len -= skip;
			break;
		}
		strbuf_free(first);
		memmove(r->inl.items, r->inl.items + 1, (r->inl.count - 1) * sizeof *r->inl.items);
		r->inl.count--;
	}
	while (r->inl.count > 0) {
		struct strbuf *last = &r->inl.items[r->inl.count - 1].text;
		while (last->len > 0 && is_space(last->data[last->len - 1]))
			last->data[--last->len] = '\0';
		if (last->len > 0)
			break;
		strbuf_free(last);
		r->inl.count--;
	}
	spans = xmalloc((r->inl.count ? r->inl.count : 1) * sizeof *spans);
	for (size_t i = 0; i < r->inl.count; i++) {
		char *clean = text_clean(r->inl.items[i].text.data, r->inl.items[i].text.len);
		if (!*clean) {
			free(clean);
			continue;
		}
		spans[count].text = clean;
		spans[count].style = r->inl.items[i].style;
		count++;
	}
	runs_reset(&r->inl);
	link_frames_clear(r);
	r->html_skip[0] = '\0';
	*out = spans;
	return count;
}

static void link_open(struct renderer *r, const char *url, bool html)
{
	struct link_frame *f;

	r->links = xgrow(r->links, &r->link_capacity, r->link_depth + 1, sizeof *r->links);
	f = &r->links[r->link_depth++];
	f->url = xstrdup(url ? url : "");
	f->numbered = is_numbered_url(f->url);
	f->html = html;
	strbuf_init(&f->text);
	if (f->numbered)
		r->numbered_links++;
}

static void link_close(struct renderer *r)
{
	struct link_frame f;
	size_t number;

	if (r->link_depth == 0)
		return;
	f = r->links[--r->link_depth];
	if (f.numbered) {
		if (f.text.len == 0) {
			/* [](url): the address is all there is to show */
			r->link_depth++;
			put_text(r, f.url, strlen(f.url), RENDER_LINK);
			r->link_depth--;
		}
		r->numbered_links--;
		number = link_register(r, f.url, f.text.data);
		if (number > 0) {
			char mark[32];
			snprintf(mark, sizeof mark, "[%zu]", number);
			put_text(r, mark, strlen(mark), RENDER_LINK_NUMBER);
		}
	}
	free(f.url);
	strbuf_free(&f.text);
}

static void image_close(struct renderer *r)
{
	char *label;
	size_t len = r->alt.len;

	if (r->image_depth == 0 || --r->image_depth > 0)
		return;
	while (len > 0 && is_space(r->alt.data[len - 1]))
		len--;
	r->alt.data[len] = '\0';
	size_t skip = 0;
	while (skip < len && is_space(r->alt.data[skip]))
		skip++;
	if (skip < len)
		label = xasprintf(_("[image: %s]"), r->alt.data + skip);
	else
		label = xstrdup(_("[image]"));
	strbuf_reset(&r->alt);
	put_text(r, label, strlen(label), inline_style(r, false));
	free(label);
}

static void footnote_reference(struct renderer *r, const char *label)
{
	char mark[32];
	size_t i;

	if (!label)
		label = "";
	for (i = 0; i < r->footnote_count; i++)
		if (strcasecmp(r->footnotes[i], label) == 0)
			break;
	if (i == r->footnote_count) {
		r->footnotes = xgrow(r->footnotes, &r->footnote_capacity, i + 1, sizeof *r->footnotes);
		r->footnotes[r->footnote_count++] = xstrdup(label);
	}
	snprintf(mark, sizeof mark, "[^%zu]", i + 1);
	put_text(r, mark, strlen(mark), RENDER_LINK_NUMBER);
}

/* ------------------------------------------------------------ HTML as text */

struct entity {
	const char *name;
	uint32_t codepoint;
};

static const struct entity ENTITIES[] = {
	{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''},
	{"nbsp", 0xa0}, {"ensp", 0x2002}, {"emsp", 0x2003}, {"thinsp", 0x2009},
	{"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026}, {"lsquo", 0x2018},
	{"rsquo", 0x2019}, {"ldquo", 0x201c}, {"rdquo", 0x201d}, {"laquo", 0xab},
	{"raquo", 0xbb}, {"middot", 0xb7}, {"bull", 0x2022}, {"copy", 0xa9}, {"reg", 0xae},
	{"trade", 0x2122}, {"times", 0xd7}, {"divide", 0xf7}, {"deg", 0xb0}, {"plusmn", 0xb1},
	{"larr", 0x2190}, {"rarr", 0x2192}, {"uarr", 0x2191}, {"darr", 0x2193},
	{"euro", 0x20ac}, {"pound", 0xa3}, {"yen", 0xa5}, {"cent", 0xa2}, {"sect", 0xa7},
	{"para", 0xb6}, {"shy", 0xad}, {"zwsp", 0x200b}, {"check", 0x2713},
};

/* Decode the entity at S ("&...;") into OUT; returns the bytes it took,
 * 0 when S is no entity (a lone '&'). */
static size_t entity_decode(const char *s, size_t len, char *out, size_t *out_len)
{
	size_t end = 1;
	uint32_t cp = 0;

	while (end < len && end < 40 && s[end] != ';' && s[end] != '&' && s[end] != '<' &&
	       !is_space(s[end]))
		end++;
	if (end >= len || s[end] != ';' || end < 2)
		return 0;
	if (s[1] == '#') {
		bool hex = end > 2 && (s[2] == 'x' || s[2] == 'X');
		size_t i = hex ? 3 : 2;
		if (i >= end)
			return 0;
		for (; i < end; i++) {
			char c = s[i];
			int digit;
			if (c >= '0' && c <= '9')
				digit = c - '0';
			else if (hex && c >= 'a' && c <= 'f')
				digit = c - 'a' + 10;
			else if (hex && c >= 'A' && c <= 'F')
				digit = c - 'A' + 10;
			else
				return 0;
			cp = cp * (hex ? 16 : 10) + (uint32_t)digit;
			if (cp > 0x10ffff)
				cp = 0x110000;
		}
	} else {
		size_t i;
		for (i = 0; i < sizeof ENTITIES / sizeof ENTITIES[0]; i++)
			if (strlen(ENTITIES[i].name) == end - 1 &&
			    memcmp(ENTITIES[i].name, s + 1, end - 1) == 0)
				break;
		if (i == sizeof ENTITIES / sizeof ENTITIES[0])
			return 0;
		cp = ENTITIES[i].codepoint;
	}
	*out_len = utf8_encode(cp, out);
	return end + 1;
}

/* Append S with entities decoded to SB (attribute values). */
static void decode_entities(struct strbuf *sb, const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		char buf[4];
		size_t n, used = s[i] == '&' ? entity_decode(s + i, len - i, buf, &n) : 0;
		if (used) {
			strbuf_append(sb, buf, n);
			i += used;
		} else {
			strbuf_putc(sb, s[i++]);
		}
	}
}

/* The value of attribute NAME in ATTRS (the inside of a tag after its name). */
static bool html_attribute(const char *attrs, size_t len, const char *name, struct strbuf *value)
{
	size_t name_len = strlen(name), i = 0;

	while (i < len) {
		size_t start, end;
		while (i < len && (is_space(attrs[i]) || attrs[i] == '/'))
			i++;
		start = i;
		while (i < len && !is_space(attrs[i]) && attrs[i] != '=' && attrs[i] != '>' &&
		       attrs[i] != '/')
			i++;
		end = i;
		if (end == start) {
			i++;
			continue;
		}
		while (i < len && is_space(attrs[i]))
			i++;
		size_t vstart = i, vend = i;
		if (i < len && attrs[i] == '=') {
			i++;
			while (i < len && is_space(attrs[i]))
				i++;
			if (i < len && (attrs[i] == '"' || attrs[i] == '\'')) {
				char q = attrs[i++];
				vstart = i;
				while (i < len && attrs[i] != q)
					i++;
				vend = i;
				if (i < len)
					i++;
			} else {
				vstart = i;
				while (i < len && !is_space(attrs[i]) && attrs[i] != '>')
					i++;
				vend = i;
			}
		}
		if (end - start == name_len && strncasecmp(attrs + start, name, name_len) == 0) {
			strbuf_reset(value);
			decode_entities(value, attrs + vstart, vend - vstart);
			return true;
		}
	}
	return false;
}

static bool name_in(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(name, *list) == 0)
			return true;
	return false;
}

static const char *const HTML_BLOCK_TAGS[] = {
	"p", "div", "summary", "details", "ul", "ol", "tr", "table", "thead", "tbody",
	"h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr", "section", "article",
	"header", "footer", "nav", "aside", "main", "dl", "dt", "dd", "figure", "figcaption",
	"center", "caption", "address", "fieldset", "form", "li", NULL,
};

static const char *const HTML_HIDDEN_TAGS[] = {"script", "style", "template", "head", "title",
                                               "noembed", "iframe", NULL};

/* In an HTML block, a line break unless the text already ends a line. */
static void html_break(struct renderer *r)
{
	runs_rtrim(&r->inl);
	if (!runs_empty(&r->inl) && runs_last_byte(&r->inl) != '\n')
		runs_append(&r->inl, "\n", 1, r->base_style);
}

static void html_tag(struct renderer *r, const char *name, bool closing, const char *attrs,
                     size_t attrs_len, bool block)
{
	struct strbuf value;
	int *counter = NULL;

	if (!closing && name_in(name, HTML_HIDDEN_TAGS)) {
		snprintf(r->html_skip, sizeof r->html_skip, "%s", name);
		return;
	}
	if (strcmp(name, "br") == 0) {
		if (block)
			html_break(r);
		else
			put_hard_break(r);
		return;
	}
	strbuf_init(&value);
	if (strcmp(name, "img") == 0) {
		r->image_depth++;
		if (html_attribute(attrs, attrs_len, "alt", &value))
			strbuf_append(&r->alt, value.data, value.len);
		image_close(r);
	} else if (strcmp(name, "a") == 0) {
		if (!closing && html_attribute(attrs, attrs_len, "href", &value))
			link_open(r, value.data, true);
		else if (closing && r->link_depth > 0 && r->links[r->link_depth - 1].html)
			link_close(r);
	} else if (strcmp(name, "b") == 0 || strcmp(name, "strong") == 0) {
		counter = &r->strong;
	} else if (strcmp(name, "i") == 0 || strcmp(name, "em") == 0) {
		counter = &r->emph;
	} else if (strcmp(name, "s") == 0 || strcmp(name, "del") == 0 || strcmp(name, "strike") == 0) {
		counter = &r->strike;
	} else if (strcmp(name, "code") == 0 || strcmp(name, "tt") == 0 || strcmp(name, "kbd") == 0 ||
	           strcmp(name, "samp") == 0) {
		counter = &r->code;
	} else if (block && name_in(name, HTML_BLOCK_TAGS)) {
		html_break(r);
		if (!closing && strcmp(name, "li") == 0)
			put_text(r, "- ", 2, r->base_style);
	} else if (block && (strcmp(name, "td") == 0 || strcmp(name, "th") == 0)) {
		if (!runs_empty(&r->inl) && runs_last_byte(&r->inl) != '\n' &&
		    runs_last_byte(&r->inl) != ' ')
			put_text(r, " ", 1, r->base_style);
	}
	if (counter) {
		if (!closing)
			(*counter)++;
		else if (*counter > 0)
			(*counter)--;
	}
	strbuf_free(&value);
}

static const char *find_ci(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = 0; i + n <= len; i++)
		if (strncasecmp(s + i, needle, n) == 0)
			return s + i;
	return NULL;
}

static const char *find_bytes(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(s + i, needle, n) == 0)
			return s + i;
	return NULL;
}

/* Parse the markup at S (S[0] == '<') and act on it; returns bytes used. */
static size_t html_markup(struct renderer *r, const char *s, size_t len, bool block)
{
	char name[16];
	size_t k, n = 0, j;
	bool closing;
	char quote = 0;

	if (len >= 4 && memcmp(s, "<!--", 4) == 0) {
		const char *end = find_bytes(s + 4, len - 4, "-->");
		return end ? (size_t)(end - s) + 3 : len;
	}
	if (len >= 9 && memcmp(s, "<![CDATA[", 9) == 0) {
		const char *end = find_bytes(s + 9, len - 9, "]]>");
		return end ? (size_t)(end - s) + 3 : len;
	}
	if (len >= 2 && (s[1] == '!' || s[1] == '?')) {
		const char *end = memchr(s, '>', len);
		return end ? (size_t)(end - s) + 1 : len;
	}
	closing = len >= 2 && s[1] == '/';
	k = closing ? 2 : 1;
	if (k >= len || !((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z'))) {
		if (!r->html_skip[0])
			put_text(r, "<", 1, inline_style(r, false));
		return 1;
	}
	while (k < len && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') ||
	                   (s[k] >= '0' && s[k] <= '9') || s[k] == '-')) {
		if (n + 1 < sizeof name)
			name[n++] = (char)(s[k] | 0x20);
		k++;
	}
	name[n] = '\0';
	for (j = k; j < len; j++) {
		if (quote) {
			if (s[j] == quote)
				quote = 0;
		} else if (s[j] == '"' || s[j] == '\'') {
			quote = s[j];
		} else if (s[j] == '>') {
			break;
		}
	}
	if (r->html_skip[0]) {
		if (closing && strcmp(name, r->html_skip) == 0)
			r->html_skip[0] = '\0';
	} else {
		html_tag(r, name, closing, s + k, j - k, block);
	}
	return j < len ? j + 1 : len;
}

/* Raw HTML shown as what a browser would show as text: tags dropped,
 * entities decoded, script and style contents hidden.  BLOCK: an HTML
 * block, whose white space collapses and whose block tags break lines. */
static void html_feed(struct renderer *r, const char *s, size_t len, bool block)
{
	size_t i = 0;

	while (i < len) {
		if (r->html_skip[0]) {
			char end_tag[20];
			const char *end;
			snprintf(end_tag, sizeof end_tag, "</%s", r->html_skip);
			end = find_ci(s + i, len - i, end_tag);
			if (!end)
				return;
			i = (size_t)(end - s);
		}
		if (s[i] == '<') {
			i += html_markup(r, s + i, len - i, block);
		} else if (s[i] == '&') {
			char buf[4];
			size_t n, used = entity_decode(s + i, len - i, buf, &n);
			if (used) {
				put_text(r, buf, n, inline_style(r, false));
				i += used;
			} else {
				put_text(r, "&", 1, inline_style(r, false));
				i++;
			}
		} else {
			size_t j = i;
			while (j < len && s[j] != '<' && s[j] != '&')
				j++;
			for (size_t p = i; p < j;) {
				if (is_space(s[p])) {
					char last = runs_last_byte(&r->inl);
					while (p < j && is_space(s[p]))
						p++;
					if (!runs_empty(&r->inl) && last != ' ' && last != '\n')
						put_text(r, " ", 1, inline_style(r, false));
				} else {
					size_t q = p;
					while (q < j && !is_space(s[q]))
						q++;
					put_text(r, s + p, q - p, inline_style(r, false));
					p = q;
				}
			}
			i = j;
		}
	}
}

/* ------------------------------------------------------------ blocks */

static void emit_heading_spans(struct renderer *r, struct text_span *spans, size_t count, int level)
{
	int widest = emit_wrapped(r, spans, count);

	if (widest > 0 && level <= 2) {
		runs_reset(&r->inl);
		runs_repeat(&r->inl, level == 1 ? '=' : '-', widest, RENDER_HEADING);
		emit_runs(r, &r->inl);
		runs_reset(&r->inl);
	}
}

static void paragraph_end(struct renderer *r, cmark_node *node, int level)
{
	struct text_span *spans;
	size_t count = inline_take(r, &spans);

	if (level > 0)
		emit_heading_spans(r, spans, count, level);
	else
		emit_wrapped(r, spans, count);
	spans_free(spans, count);
	if (count > 0 || level == 0)
		block_done(r, node);
}

/* Code keeps its lines: tabs expanded, long lines cut with an ellipsis. */
static void code_block(struct renderer *r, cmark_node *node)
{
	const char *literal = cmark_node_get_literal(node);
	char *clean;
	int avail = content_width(r);
	int indent = avail >= 20 ? 4 : avail >= 8 ? 2 : 0;
	int room = avail - indent;
	struct strbuf line;
	const char *p, *end;

	if (!literal)
		return;
	clean = text_clean(literal, strlen(literal));
	strbuf_init(&line);
	p = clean;
	end = clean + strlen(clean);
	if (end > p && end[-1] == '\n')
		end--;
	while (p <= end && *clean) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl : end;
		struct text_span spans[2];
		char *shown;
		int col = 0, shown_width;

		strbuf_reset(&line);
		for (const char *q = p; q < stop;) {
			uint32_t cp;
			size_t n = utf8_decode(q, (size_t)(stop - q), &cp);
			if (cp == '\t') {
				int to = 4 - col % 4;
				strbuf_append(&line, SPACES, (size_t)to);
				col += to;
			} else {
				strbuf_append(&line, q, n);
				col += text_codepoint_width(cp);
			}
			q += n;
		}
		shown = text_truncate(line.data, room, &shown_width);
		spans[0].text = (char *)(SPACES + SPACES_LEN - (size_t)indent);
		spans[0].style = RENDER_TEXT;
		spans[1].text = shown;
		spans[1].style = RENDER_CODE_BLOCK;
		emit_line(r, *shown ? spans : NULL, *shown ? 2 : 0);
		free(shown);
		if (!nl)
			break;
		p = nl + 1;
	}
	strbuf_free(&line);
	free(clean);
	block_done(r, node);
}

static void html_block(struct renderer *r, cmark_node *node)
{
	const char *literal = cmark_node_get_literal(node);
	struct text_span *spans;
	size_t count;

	if (!literal)
		return;
	inline_begin(r, r->quote_depth > 0 ? RENDER_QUOTE : RENDER_TEXT, false);
	html_feed(r, literal, strlen(literal), true);
	while (r->link_depth > 0)
		link_close(r);
	count = inline_take(r, &spans);
	emit_wrapped(r, spans, count);
	spans_free(spans, count);
	if (count > 0)
		block_done(r, node);
}

static void thematic_break(struct renderer *r, cmark_node *node)
{
	runs_reset(&r->inl);
	runs_repeat(&r->inl, '-', content_width(r), RENDER_RULE);
	emit_runs(r, &r->inl);
	runs_reset(&r->inl);
	block_done(r, node);
}

static int digits(long n)
{
	int d = 1;
	if (n < 0)
		n = -n;
	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

static void list_enter(struct renderer *r, cmark_node *node)
{
	struct ctx *c = ctx_push(r, CTX_LIST);
	long items = 0;

	for (cmark_node *child = cmark_node_first_child(node); child; child = cmark_node_next(child))
		items++;
	c->tight = cmark_node_get_list_tight(node);
	c->ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
	c->delim = cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM ? ')' : '.';
	c->next_number = cmark_node_get_list_start(node);
	c->number_width = digits(c->next_number + (items > 0 ? items - 1 : 0));
	c->bullet_level = r->bullet_depth;
	if (!c->ordered)
		r->bullet_depth++;
}

static void list_exit(struct renderer *r, cmark_node *node)
{
	if (r->depth > 0 && r->ctx[r->depth - 1].kind == CTX_LIST) {
		if (!r->ctx[r->depth - 1].ordered && r->bullet_depth > 0)
			r->bullet_depth--;
		ctx_pop(r);
	}
	block_done(r, node);
}

static void item_push(struct renderer *r, const char *marker, int style)
{
	struct ctx *c = ctx_push(r, CTX_ITEM);

	snprintf(c->marker, sizeof c->marker, "%s", marker);
	c->marker_width = (int)strlen(c->marker);
	c->marker_style = style;
	c->start_line = r->content_lines;
}

static void item_enter(struct renderer *r, cmark_node *node)
{
	char marker[40];
	const struct ctx *list = r->depth > 0 && r->ctx[r->depth - 1].kind == CTX_LIST
	                         ? &r->ctx[r->depth - 1] : NULL;
	const char *type = cmark_node_get_type_string(node);
	size_t n;

	if (list && list->ordered) {
		snprintf(marker, sizeof marker, "%*ld%c ", list->number_width, list->next_number,
		         list->delim);
		r->ctx[r->depth - 1].next_number++;
	} else {
		snprintf(marker, sizeof marker, "%c ", list && list->bullet_level % 2 ? '*' : '-');
	}
	if (type && strcmp(type, "tasklist") == 0) {
		n = strlen(marker);
		snprintf(marker + n, sizeof marker - n, "%s",
		         cmark_gfm_extensions_get_tasklist_item_checked(node) ? "[x] " : "[ ] ");
	}
	item_push(r, marker, RENDER_LIST_MARKER);
}

static void item_exit(struct renderer *r, bool loose)
{
	if (r->depth > 0 && r->ctx[r->depth - 1].kind == CTX_ITEM) {
		/* an empty item still shows its marker */
		if (r->ctx[r->depth - 1].start_line == r->content_lines)
			emit_line(r, NULL, 0);
		ctx_pop(r);
	}
	if (loose) {
		r->pending_blank = true;
		r->blank_depth = r->depth;
	}
}

struct alert {
	const char *marker;
	const char *label;
};

static const struct alert ALERTS[] = {
	{"[!NOTE]", N_("Note:")},
	{"[!TIP]", N_("Tip:")},
	{"[!IMPORTANT]", N_("Important:")},
	{"[!WARNING]", N_("Warning:")},
	{"[!CAUTION]", N_("Caution:")},
};

/* A GitHub alert ("> [!NOTE]" alone on the quote's first line): its label,
 * with the marker removed from the tree; NULL for an ordinary quote. */
static const char *take_alert(cmark_node *quote)
{
	cmark_node *para = cmark_node_first_child(quote), *node, *stop;
	struct strbuf text;
	const char *label = NULL;

	if (!para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return NULL;
	strbuf_init(&text);
	for (node = cmark_node_first_child(para);
	     node && cmark_node_get_type(node) == CMARK_NODE_TEXT && text.len < 32;
	     node = cmark_node_next(node))
		strbuf_puts(&text, cmark_node_get_literal(node));
	stop = node;
	if (stop && cmark_node_get_type(stop) != CMARK_NODE_SOFTBREAK &&
	    cmark_node_get_type(stop) != CMARK_NODE_LINEBREAK) {
		strbuf_free(&text);
		return NULL;
	}
	strbuf_rtrim(&text);
	for (size_t i = 0; i < sizeof ALERTS / sizeof ALERTS[0]; i++)
		if (strcasecmp(text.data, ALERTS[i].marker) == 0)
			label = ALERTS[i].label;
	strbuf_free(&text);
	if (!label)
		return NULL;
	if (stop)
		stop = cmark_node_next(stop);
	while ((node = cmark_node_first_child(para)) != stop) {
		cmark_node_unlink(node);
		cmark_node_free(node);
	}
	return label;
}

static void quote_enter(struct renderer *r, cmark_node *node)
{
	const char *label = take_alert(node);

	ctx_push(r, CTX_QUOTE);
	r->quote_depth++;
	if (label) {
		struct text_span span = {(char *)_(label), RENDER_STRONG};
		emit_wrapped(r, &span, 1);
	}
}

static void quote_exit(struct renderer *r, cmark_node *node)
{
	if (r->depth > 0 && r->ctx[r->depth - 1].kind == CTX_QUOTE) {
		ctx_pop(r);
		r->quote_depth--;
	}
	block_done(r, node);
}

static void footnote_enter(struct renderer *r)
{
	char marker[40];

	snprintf(marker, sizeof marker, "[^%ld] ", ++r->footnote_defs);
	item_push(r, marker, RENDER_LINK_NUMBER);
}

/* ------------------------------------------------------------ tables */

static void table_enter(struct renderer *r, cmark_node *node)
{
	struct table *t = &r->table;
	uint8_t *align;

	table_clear(t);
	r->in_table = true;
	t->columns = cmark_gfm_extensions_get_table_columns(node);
	t->align = xcalloc(t->columns + 1, 1);
	align = cmark_gfm_extensions_get_table_alignments(node);
	for (size_t i = 0; align && i < t->columns; i++)
		t->align[i] = (char)align[i];
}

static void table_row_enter(struct renderer *r, cmark_node *node)
{
	struct table *t = &r->table;
	struct table_row *row;

	t->rows = xgrow(t->rows, &t->capacity, t->count + 1, sizeof *t->rows);
	row = &t->rows[t->count++];
	memset(row, 0, sizeof *row);
	row->header = node && cmark_gfm_extensions_get_table_row_is_header(node);
}

static void table_cell_exit(struct renderer *r)
{
	struct table *t = &r->table;
	struct table_row *row;
	struct cell *cell;

	if (t->count == 0)
		table_row_enter(r, NULL);
	row = &t->rows[t->count - 1];
	row->cells = xgrow(row->cells, &row->capacity, row->count + 1, sizeof *row->cells);
	cell = &row->cells[row->count++];
	cell->count = inline_take(r, &cell->spans);
}

/* Widest line of a cell (lines end at '\n'). */
static int cell_width(const struct cell *cell)
{
	int widest = 0, current = 0;

	for (size_t i = 0; i < cell->count; i++) {
		const char *p = cell->spans[i].text;
		for (;;) {
			const char *nl = strchr(p, '\n');
			if (!nl) {
				current += text_width(p);
				break;
			}
			char *piece = xstrndup(p, (size_t)(nl - p));
			current += text_width(piece);
			free(piece);
			if (current > widest)
				widest = current;
			current = 0;
			p = nl + 1;
		}
	}
	return current > widest ? current : widest;
}

static const struct cell *row_cell(const struct table_row *row, size_t c)
{
	return c < row->count ? &row->cells[c] : NULL;
}

/* Too many columns for the width: each row as "header: value" lines. */
static void table_records(struct renderer *r, size_t columns)
{
	const struct table *t = &r->table;
	const struct table_row *header = NULL;
	bool first = true;

	for (size_t i = 0; i < t->count; i++) {
		const struct table_row *row = &t->rows[i];
		if (row->header) {
			header = row;
			continue;
		}
		if (!first) {
			r->pending_blank = true;
			r->blank_depth = r->depth;
		}
		first = false;
		for (size_t c = 0; c < columns; c++) {
			const struct cell *h = header ? row_cell(header, c) : NULL;
			const struct cell *v = row_cell(row, c);
			size_t n = 0, cap = (h ? h->count : 0) + (v ? v->count : 0) + 1;
			struct text_span *spans = xmalloc(cap * sizeof *spans);
			struct text_span sep = {(char *)": ", RENDER_TEXT};

			for (size_t k = 0; h && k < h->count; k++) {
				spans[n].text = h->spans[k].text;
				spans[n++].style = RENDER_TABLE_HEADER;
			}
			if (n > 0)
				spans[n++] = sep;
			for (size_t k = 0; v && k < v->count; k++)
				spans[n++] = v->spans[k];
			emit_wrapped(r, spans, n);
			free(spans);
		}
	}
}

static void table_separator(struct renderer *r, const int *widths, size_t columns)
{
	runs_reset(&r->inl);
	runs_puts(&r->inl, "|", RENDER_TABLE_BORDER);
	for (size_t c = 0; c < columns; c++) {
		runs_repeat(&r->inl, '-', widths[c] + 2, RENDER_TABLE_BORDER);
		runs_puts(&r->inl, "|", RENDER_TABLE_BORDER);
	}
	emit_runs(r, &r->inl);
	runs_reset(&r->inl);
}

static void table_row_emit(struct renderer *r, const struct table_row *row, const int *widths,
                           size_t columns)
{
	struct text_lines *cells = xcalloc(columns, sizeof *cells);
	size_t height = 1;

	for (size_t c = 0; c < columns; c++) {
		const struct cell *cell = row_cell(row, c);
		text_lines_init(&cells[c]);
		if (cell && cell->count > 0)
			text_wrap_spans(cell->spans, cell->count, widths[c], &cells[c]);
		if (cells[c].count > height)
			height = cells[c].count;
	}
	for (size_t i = 0; i < height; i++) {
		runs_reset(&r->inl);
		runs_puts(&r->inl, "|", RENDER_TABLE_BORDER);
		for (size_t c = 0; c < columns; c++) {
			const struct text_line *line = i < cells[c].count ? &cells[c].lines[i] : NULL;
			int pad = widths[c] - (line ? line->width : 0), left = 0;
			char align = c < r->table.columns ? r->table.align[c] : 0;
			if (pad < 0)
				pad = 0;
			if (align == 'r')
				left = pad;
			else if (align == 'c')
				left = pad / 2;
			runs_repeat(&r->inl, ' ', 1 + left, RENDER_TEXT);
			for (size_t k = 0; line && k < line->span_count; k++)
				runs_puts(&r->inl, line->spans[k].text, line->spans[k].style);
			runs_repeat(&r->inl, ' ', pad - left + 1, RENDER_TEXT);
			runs_puts(&r->inl, "|", RENDER_TABLE_BORDER);
		}
		emit_runs(r, &r->inl);
		runs_reset(&r->inl);
	}
	for (size_t c = 0; c < columns; c++)
		text_lines_free(&cells[c]);
	free(cells);
}

/* Column widths: natural when the table fits, else the widest columns are
 * narrowed to a common cap (water-filling) and their cells wrap.  A column
 * keeps at least MIN_COLUMN columns (or its natural width): a character and
 * the closing punctuation that must stay with it ("字，") always fit. */
#define MIN_COLUMN 4

static bool table_widths(const int *natural, size_t columns, int budget, int *widths)
{
	long sum = 0, floor_sum = 0, left = budget;
	int lo = MIN_COLUMN, hi = MIN_COLUMN;

	for (size_t c = 0; c < columns; c++) {
		int n = natural[c] < 1 ? 1 : natural[c];
		sum += n;
		floor_sum += n < MIN_COLUMN ? n : MIN_COLUMN;
		if (n > hi)
			hi = n;
	}
	if (floor_sum > budget)
		return false;
	if (sum <= budget) {
		for (size_t c = 0; c < columns; c++)
			widths[c] = natural[c] < 1 ? 1 : natural[c];
		return true;
	}
	while (lo < hi) {
		int mid = lo + (hi - lo + 1) / 2;
		long s = 0;
		for (size_t c = 0; c < columns; c++) {
			int n = natural[c] < 1 ? 1 : natural[c];
			s += n < mid ? n : mid;
		}
		if (s <= budget)
			lo = mid;
		else
			hi = mid - 1;
	}
	for (size_t c = 0; c < columns; c++) {
		int n = natural[c] < 1 ? 1 : natural[c];
		widths[c] = n < lo ? n : lo;
		left -= widths[c];
	}
	for (size_t c = 0; c < columns && left > 0; c++) {
		if (natural[c] > widths[c]) {
			widths[c]++;
			left--;
		}
	}
	return true;
}

static void table_exit(struct renderer *r, cmark_node *node)
{
	struct table *t = &r->table;
	size_t columns = t->columns;
	int *natural, *widths;
	long budget;

	r->in_table = false;
	for (size_t i = 0; i < t->count; i++)
		if (t->rows[i].count > columns)
			columns = t->rows[i].count;
	if (columns == 0 || t->count == 0) {
		table_clear(t);
		return;
	}
	natural = xcalloc(columns, sizeof *natural);
	widths = xcalloc(columns, sizeof *widths);
	for (size_t i = 0; i < t->count; i++)
		for (size_t c = 0; c < t->rows[i].count; c++) {
			int w = cell_width(&t->rows[i].cells[c]);
			if (w > natural[c])
				natural[c] = w;
		}
	budget = (long)content_width(r) - (3 * (long)columns + 1);
	if (budget > 0 && table_widths(natural, columns, (int)budget, widths)) {
		for (size_t i = 0; i < t->count; i++) {
			table_row_emit(r, &t->rows[i], widths, columns);
			if (t->rows[i].header && (i + 1 == t->count || !t->rows[i + 1].header))
				table_separator(r, widths, columns);
		}
	} else {
		table_records(r, columns);
	}
	free(natural);
	free(widths);
	table_clear(t);
	block_done(r, node);
}

/* ------------------------------------------------------------ the walk */

static void render_node(struct renderer *r, cmark_node *node, bool entering)
{
	cmark_node_type type = cmark_node_get_type(node);
	const char *name;

	switch (type) {
	case CMARK_NODE_DOCUMENT:
		return;
	case CMARK_NODE_BLOCK_QUOTE:
		if (entering)
			quote_enter(r, node);
		else
			quote_exit(r, node);
		return;
	case CMARK_NODE_LIST:
		if (entering)
			list_enter(r, node);
		else
			list_exit(r, node);
		return;
	case CMARK_NODE_ITEM:
		if (entering) {
			item_enter(r, node);
		} else {
			cmark_node *list = cmark_node_parent(node);
			item_exit(r, list && !cmark_node_get_list_tight(list));
		}
		return;
	case CMARK_NODE_FOOTNOTE_DEFINITION:
		if (entering)
			footnote_enter(r);
		else
			item_exit(r, true);
		return;
	case CMARK_NODE_CODE_BLOCK:
		code_block(r, node);
		return;
	case CMARK_NODE_HTML_BLOCK:
		html_block(r, node);
		return;
	case CMARK_NODE_THEMATIC_BREAK:
		thematic_break(r, node);
		return;
	case CMARK_NODE_PARAGRAPH:
		if (r->in_table)
			return;
		if (entering)
			inline_begin(r, r->quote_depth > 0 ? RENDER_QUOTE : RENDER_TEXT, false);
		else
			paragraph_end(r, node, 0);
		return;
	case CMARK_NODE_HEADING:
		if (entering)
			inline_begin(r, RENDER_HEADING, true);
		else
			paragraph_end(r, node, cmark_node_get_heading_level(node));
		return;
	default:
		break;
	}

	name = cmark_node_get_type_string(node);
	if (name && strcmp(name, "table") == 0) {
		if (entering)
			table_enter(r, node);
		else
			table_exit(r, node);
		return;
	}
	if (name && (strcmp(name, "table_row") == 0 || strcmp(name, "table_header") == 0)) {
		if (entering)
			table_row_enter(r, node);
		return;
	}
	if (name && strcmp(name, "table_cell") == 0) {
		bool header = r->table.count > 0 && r->table.rows[r->table.count - 1].header;
		if (entering)
			inline_begin(r, header ? RENDER_TABLE_HEADER : RENDER_TEXT, header);
		else
			table_cell_exit(r);
		return;
	}

	if (!r->collecting)
		return;
	switch (type) {
	case CMARK_NODE_TEXT:
		put_text_node(r, cmark_node_get_literal(node), false);
		break;
	case CMARK_NODE_CODE:
		put_text_node(r, cmark_node_get_literal(node), true);
		break;
	case CMARK_NODE_SOFTBREAK:
		r->pending_soft = true;
		break;
	case CMARK_NODE_LINEBREAK:
		put_hard_break(r);
		break;
	case CMARK_NODE_HTML_INLINE: {
		const char *literal = cmark_node_get_literal(node);
		if (literal)
			html_feed(r, literal, strlen(literal), false);
		r->html_gap = true;
		break;
	}
	case CMARK_NODE_EMPH:
		r->emph += entering ? 1 : -1;
		break;
	case CMARK_NODE_STRONG:
		r->strong += entering ? 1 : -1;
		break;
	case CMARK_NODE_LINK:
		if (entering)
			link_open(r, cmark_node_get_url(node), false);
		else
			link_close(r);
		break;
	case CMARK_NODE_IMAGE:
		if (entering) {
			if (r->image_depth++ == 0)
				strbuf_reset(&r->alt);
		} else {
			image_close(r);
		}
		break;
	case CMARK_NODE_FOOTNOTE_REFERENCE:
		if (entering && !r->html_skip[0])
			footnote_reference(r, cmark_node_get_literal(node));
		break;
	default:
		if (name && strcmp(name, "strikethrough") == 0)
			r->strike += entering ? 1 : -1;
		break;
	}
	if (r->emph < 0)
		r->emph = 0;
	if (r->strong < 0)
		r->strong = 0;
	if (r->strike < 0)
		r->strike = 0;
}

static void render_markdown_into(struct renderer *r, const char *markdown, size_t len)
{
	cmark_node *doc;
	cmark_iter *iter;
	cmark_event_type event;
	size_t base_depth = r->depth;

	if (!markdown || len == 0)
		return;
	doc = markdown_parse(markdown, len);
	if (!doc)
		return;
	iter = cmark_iter_new(doc);
	while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE)
		render_node(r, cmark_iter_get_node(iter), event == CMARK_EVENT_ENTER);
	cmark_iter_free(iter);
	cmark_node_free(doc);
	while (r->depth > base_depth)
		ctx_pop(r);
	r->quote_depth = 0;
	r->bullet_depth = 0;
	r->collecting = false;
	r->in_table = false;
	table_clear(&r->table);
	footnotes_clear(r);
}

/* ------------------------------------------------------------ public */

void render_output_init(struct render_output *out)
{
	memset(out, 0, sizeof *out);
	text_lines_init(&out->lines);
}

void render_output_free(struct render_output *out)
{
	text_lines_free(&out->lines);
	for (size_t i = 0; i < out->link_count; i++) {
		free(out->links[i].url);
		free(out->links[i].text);
	}
	free(out->links);
	memset(out, 0, sizeof *out);
}

void render_markdown(const char *markdown, size_t len, int width, struct render_output *out)
{
	struct renderer r;
	size_t yaml_start, yaml_len, body = 0;

	/* a whole digest's YAML header is data, not text to read */
	if (markdown && frontmatter_locate(markdown, len, &yaml_start, &yaml_len, &body)) {
		markdown += body;
		len -= body;
	}
	renderer_init(&r, out, width);
	render_markdown_into(&r, markdown, len);
	renderer_free(&r);
}

char *render_plain_text(const struct render_output *out)
{
	struct strbuf sb;

	strbuf_init(&sb);
	for (size_t i = 0; i < out->lines.count; i++) {
		const struct text_line *line = &out->lines.lines[i];
		for (size_t k = 0; k < line->span_count; k++)
			strbuf_puts(&sb, line->spans[k].text);
		strbuf_putc(&sb, '\n');
	}
	return strbuf_detach(&sb);
}

/* ------------------------------------------------------------ items */

/* One block of untrusted plain text in one style, wrapped. */
static void item_text(struct renderer *r, const char *raw, int style)
{
	struct text_span *spans;
	size_t count;

	if (!raw)
		return;
	inline_begin(r, style, true);
	put_text(r, raw, strlen(raw), style);
	count = inline_take(r, &spans);
	emit_wrapped(r, spans, count);
	spans_free(spans, count);
}

static void item_heading(struct renderer *r, const char *label)
{
	struct text_span span = {(char *)label, RENDER_HEADING};

	r->pending_blank = true;
	r->blank_depth = r->depth;
	emit_heading_spans(r, &span, 1, 2);
	r->pending_blank = true;
	r->blank_depth = r->depth;
}

static void separate(struct renderer *r)
{
	r->pending_blank = true;
	r->blank_depth = r->depth;
}

static void append_part(struct strbuf *sb, const char *part)
{
	if (!part || !*part)
		return;
	if (sb->len > 0)
		strbuf_puts(sb, SEPARATOR);
	strbuf_puts(sb, part);
}

/* Text without any white space, for "does A say the same as B". */
static char *squeeze(const char *s)
{
	struct strbuf sb;

	strbuf_init(&sb);
	for (; s && *s; s++)
		if (!is_space(*s))
			strbuf_putc(&sb, *s);
	return strbuf_detach(&sb);
}

/* Whether SUMMARY only repeats what MARKDOWN says (often the digest's
 * summary is the first sentence of the excerpt). */
static bool summary_repeats(const char *summary, const char *markdown)
{
	char *needle = squeeze(summary), *hay, *plain;
	cmark_node *doc;
	size_t n = strlen(needle);
	bool repeats;

	/* a summary cut short ends with an ellipsis the excerpt lacks */
	if (n >= 3 && strcmp(needle + n - 3, "...") == 0)
		needle[n -= 3] = '\0';
	else if (n >= 3 && strcmp(needle + n - 3, "\xe2\x80\xa6") == 0)
		needle[n -= 3] = '\0';
	if (n == 0) {
		free(needle);
		return true;
	}
	if (!markdown) {
		free(needle);
		return false;
	}
	doc = markdown_parse(markdown, strlen(markdown));
	plain = cmark_render_plaintext(doc, CMARK_OPT_DEFAULT, 0);
	hay = squeeze(plain);
	repeats = strstr(hay, needle) != NULL;
	free(plain);
	free(hay);
	free(needle);
	cmark_node_free(doc);
	return repeats;
}

static bool same_markdown(const char *a, const char *b)
{
	char *x = squeeze(a), *y = squeeze(b);
	bool same = strcmp(x, y) == 0;
	free(x);
	free(y);
	return same;
}

/* "#tag1 #tag2", packed whole into lines: a line breaks between tags, never
 * inside one (unless a tag alone is wider than the line). */
static void item_tags(struct renderer *r, const struct item_detail *item)
{
	struct runs line = {0};
	int avail = content_width(r), used = 0;

	for (size_t i = 0; i < item->tag_count; i++) {
		struct strbuf raw;
		char *tag;
		int width;

		if (!item->tags[i] || !*item->tags[i])
			continue;
		strbuf_init(&raw);
		strbuf_putc(&raw, '#');
		/* a tag stays one word: "#large_language_models" */
		for (const char *p = item->tags[i]; *p; p++)
			strbuf_putc(&raw, is_space(*p) ? '_' : *p);
		tag = text_clean(raw.data, raw.len);
		strbuf_free(&raw);
		width = text_width(tag);
		if (used > 0 && used + 1 + width > avail) {
			emit_runs(r, &line);
			runs_reset(&line);
			used = 0;
		}
		if (width > avail) {
			struct text_span span = {tag, RENDER_TAG};
			emit_wrapped(r, &span, 1);
		} else {
			if (used > 0)
				runs_puts(&line, " ", RENDER_TAG);
			runs_puts(&line, tag, RENDER_TAG);
			used += (used > 0) + width;
		}
		free(tag);
	}
	if (used > 0)
		emit_runs(r, &line);
	runs_free(&line);
}

/* "2026-02-18T13:00:00+08:00" shown as its day: the time adds little and
 * its zone would need explaining. */
static char *short_date(const char *date)
{
	if (!date)
		return NULL;
	if (strlen(date) > 10 && (date[10] == 'T' || date[10] == ' ') && date[4] == '-' &&
	    date[7] == '-')
		return xstrndup(date, 10);
	return xstrdup(date);
}

static void item_header(struct renderer *r, const struct item_detail *item)
{
	const struct item_row *row = &item->row;
	struct strbuf meta;
	int seen = row->mentions > (int)item->mention_count ? row->mentions : (int)item->mention_count;

	item_text(r, row->title && *row->title ? row->title : _("(untitled)"), RENDER_TITLE);

	strbuf_init(&meta);
	if ((int)row->kind >= 0 && row->kind < KIND_COUNT)
		append_part(&meta, _(kind_name(row->kind)));
	char *date = short_date(row->date);
	append_part(&meta, date);
	free(date);
	append_part(&meta, row->source);
	if (seen > 1) {
		char *text = xasprintf(ngettext("seen in %d digest", "seen in %d digests",
		                                (unsigned long)seen), seen);
		append_part(&meta, text);
		free(text);
	}
	append_part(&meta, item->authors);
	item_text(r, meta.data, RENDER_META);

	strbuf_free(&meta);
	item_tags(r, item);
	separate(r);
}

/* A "Links" heading and the links this rendering referred to, numbered as
 * in the text, each URL wrapped under its number. */
static void links_section(struct renderer *r)
{
	size_t shown = 0, last = 0;
	int number_width;

	for (size_t i = 0; i < r->used_capacity && i < r->out->link_count; i++)
		if (r->used[i]) {
			shown++;
			last = i + 1;
		}
	if (shown == 0)
		return;
	number_width = digits((long)last) + 3;
	item_heading(r, _("Links"));
	for (size_t i = 0; i < r->out->link_count && i < r->used_capacity; i++) {
		char marker[40];
		struct text_span span = {r->out->links[i].url, RENDER_LINK};
		if (!r->used[i])
			continue;
		snprintf(marker, sizeof marker, "[%zu]%*s", i + 1, number_width - digits((long)i + 1) - 2,
		         "");
		item_push(r, marker, RENDER_LINK_NUMBER);
		emit_wrapped(r, &span, 1);
		ctx_pop(r);
	}
	separate(r);
}

static void item_links(struct renderer *r, const struct item_detail *item)
{
	link_register(r, item->row.url, item->row.title);
	for (size_t i = 0; i < item->link_count; i++)
		if (item->links[i].url)
			link_register(r, item->links[i].url, item->links[i].text);
	links_section(r);
}

static void item_mentions(struct renderer *r, const struct item_detail *item)
{
	if (item->mention_count == 0)
		return;
	item_heading(r, _("Mentioned in"));
	for (size_t i = 0; i < item->mention_count; i++) {
		const struct item_mention *m = &item->mentions[i];
		struct strbuf sb;

		strbuf_init(&sb);
		append_part(&sb, m->digest_title && *m->digest_title ? m->digest_title
		                                                      : m->digest_location);
		char *date = short_date(m->digest_date);
		append_part(&sb, date);
		free(date);
		append_part(&sb, m->section);
		item_push(r, "- ", RENDER_LIST_MARKER);
		item_text(r, sb.data, RENDER_TEXT);
		ctx_pop(r);
		strbuf_free(&sb);
	}
}

void render_item(const struct item_detail *item, int width, struct render_output *out)
{
	struct renderer r;
	const char *first = item->mention_count > 0 ? item->mentions[0].markdown : NULL;

	renderer_init(&r, out, width);
	item_header(&r, item);

	if (item->summary && !summary_repeats(item->summary, first) &&
	    !(item->row.title && same_markdown(item->summary, item->row.title))) {
		render_markdown_into(&r, item->summary, strlen(item->summary));
		separate(&r);
	}
	if (first) {
		render_markdown_into(&r, first, strlen(first));
		separate(&r);
	}
	for (size_t i = 1; i < item->mention_count; i++) {
		const struct item_mention *m = &item->mentions[i];
		bool repeated = !m->markdown || !*m->markdown;
		for (size_t k = 0; k < i && !repeated; k++)
			if (item->mentions[k].markdown && same_markdown(item->mentions[k].markdown, m->markdown))
				repeated = true;
		if (repeated)
			continue;
		struct strbuf where;
		char *label;
		strbuf_init(&where);
		append_part(&where, m->digest_title && *m->digest_title ? m->digest_title
		                                                        : m->digest_location);
		char *date = short_date(m->digest_date);
		append_part(&where, date);
		free(date);
		label = xasprintf(_("From %s:"), where.data);
		item_text(&r, label, RENDER_META);
		free(label);
		strbuf_free(&where);
		render_markdown_into(&r, m->markdown, strlen(m->markdown));
		separate(&r);
	}
	item_links(&r, item);
	item_mentions(&r, item);
	renderer_free(&r);
}

void render_links(int width, struct render_output *out)
{
	struct renderer r;

	renderer_init(&r, out, width);
	r.emitted_any = out->lines.count > 0;
	for (size_t i = 0; i < out->link_count; i++)
		mark_used(&r, i);
	links_section(&r);
	renderer_free(&r);
}
