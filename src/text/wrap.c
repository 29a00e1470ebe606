/* text/wrap.c: styled spans wrapped to a width (kinsoku, hard breaks of long words) and
 * the text_lines that hold the result. */
#include <config.h>

#include "internal.h"

#include <langinfo.h>
#include <locale.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <unistr.h>

#include "strbuf.h"
#include "xalloc.h"

/* ---------------------------------------------------------------- wrap */

struct style_run {
	size_t start;   /* byte offset in the line */
	int style;
};

struct wrapper {
	const char *text;               /* every span's text, concatenated */
	const size_t *span_ends;
	const int *styles;
	size_t span_at;                 /* span of the next byte emitted */
	int width;
	struct strbuf line;             /* display text of the line being built */
	int line_width;
	bool indent_only;               /* the line holds only a paragraph's indentation */
	enum text_joint joint;          /* of the line being built to the one before */
	struct style_run *runs;
	size_t run_count, run_capacity;
	struct text_lines *out;
};

static struct text_line *new_line(struct text_lines *lines)
{
	lines->lines = xgrow(lines->lines, &lines->capacity, lines->count + 1, sizeof *lines->lines);
	struct text_line *line = &lines->lines[lines->count++];
	line->spans = NULL;
	line->span_count = 0;
	line->width = 0;
	line->joint = TEXT_JOINT_NONE;
	line->lead = 0;
	return line;
}

static void add_run(struct wrapper *w, size_t start, int style)
{
	if (w->run_count > 0 && w->runs[w->run_count - 1].style == style)
		return;
	w->runs = xgrow(w->runs, &w->run_capacity, w->run_count + 1, sizeof *w->runs);
	w->runs[w->run_count].start = start;
	w->runs[w->run_count].style = style;
	w->run_count++;
}

static int style_at(struct wrapper *w, size_t offset)
{
	while (w->span_ends[w->span_at] <= offset)
		w->span_at++;
	return w->styles[w->span_at];
}

/* Append TEXT[A..B) to the line. */
static void emit(struct wrapper *w, size_t a, size_t b)
{
	while (a < b) {
		int style = style_at(w, a);
		size_t stop = w->span_ends[w->span_at] < b ? w->span_ends[w->span_at] : b;
		size_t before = w->line.len;
		w->line_width += append_display(&w->line, w->text + a, stop - a);
		if (w->line.len > before)
			add_run(w, before, style);
		a = stop;
	}
	w->indent_only = false;
}

static void emit_literal(struct wrapper *w, const char *s, int width, int style)
{
	add_run(w, w->line.len, style);
	strbuf_puts(&w->line, s);
	w->line_width += width;
	w->indent_only = false;
}

static void clear_line(struct wrapper *w)
{
	strbuf_reset(&w->line);
	w->run_count = 0;
	w->line_width = 0;
	w->indent_only = false;
}

static void finish_line(struct wrapper *w)
{
	struct text_line *line = new_line(w->out);
	if (w->run_count > 0) {
		line->spans = xmalloc(w->run_count * sizeof *line->spans);
		for (size_t i = 0; i < w->run_count; i++) {
			size_t start = w->runs[i].start;
			size_t stop = i + 1 < w->run_count ? w->runs[i + 1].start : w->line.len;
			line->spans[i].text = xstrndup(w->line.data + start, stop - start);
			line->spans[i].style = w->runs[i].style;
		}
		line->span_count = w->run_count;
	}
	line->width = w->line_width;
	line->joint = w->joint;
	/* A line after this one in the paragraph continues it; where the
	 * wrap dropped a space, wrap_paragraph says so. */
	w->joint = TEXT_JOINT_DIRECT;
	clear_line(w);
}

/* Start a fresh line for a piece that does not fit on the current one. */
static void make_room(struct wrapper *w)
{
	if (w->indent_only)
		clear_line(w);
	else if (w->line.len > 0)
		finish_line(w);
}

static ucs4_t codepoint_at(const char *s, const char *end)
{
	ucs4_t c;
	next_codepoint(s, end, &c);
	return c;
}

/* Where to cut SEGMENT..G (G does not fit) so that the next line does not
 * start with closing punctuation (ASCII too: a URL line starting with
 * ".com/" reads as broken) nor this one end with an opening bracket:
 * G itself, or an earlier grapheme boundary if moving those graphemes to
 * the next line keeps them (and G, GW columns) within the width.  Sets
 * *MOVED to the columns moved. */
static size_t kinsoku_cut(const struct wrapper *w, size_t segment, size_t g, const char *end,
                          int gw, int *moved)
{
	const uint8_t *base = (const uint8_t *)w->text;
	size_t cut = g;
	int moved_width = 0;

	*moved = 0;
	while (cut > segment) {
		const uint8_t *before = u8_grapheme_prev(base + cut, base + segment);
		if (!before)
			break;
		size_t prev = (size_t)(before - base);
		ucs4_t first = codepoint_at(w->text + cut, end);
		bool ascii_closing = first < 0x80 && first && strchr(",.:;!?)]}", (int)first);
		if (!is_closing(first) && !ascii_closing &&
		    !is_opening(codepoint_at(w->text + prev, end)))
			break;
		if (prev == segment)
			return g;       /* nothing would be left on this line */
		moved_width += measure(w->text + prev, cut - prev);
		if (moved_width + gw > w->width)
			return g;
		cut = prev;
	}
	*moved = moved_width;
	return cut;
}

/* Lay out TEXT[A..B), a piece with no break opportunity that is wider than
 * the line, cutting it between grapheme clusters. */
static void hard_break(struct wrapper *w, size_t a, size_t b)
{
	const char *end = w->text + b;
	size_t segment = a;             /* start of what is not emitted yet */
	int segment_width = 0;

	for (size_t g = a; g < b;) {
		size_t next = (size_t)(next_grapheme(w->text + g, end) - w->text);
		int gw = measure(w->text + g, next - g);

		if (gw > w->width) {
			/* Only a wide character on a one-column line: it cannot be
			 * drawn, so the ellipsis says something is there. */
			emit(w, segment, g);
			if (w->line.len > 0)
				finish_line(w);
			emit_literal(w, ELLIPSIS, 1, style_at(w, g));
			segment = next;
			segment_width = 0;
			g = next;
			continue;
		}
		if (w->line_width + segment_width + gw > w->width) {
			int moved;
			size_t cut = kinsoku_cut(w, segment, g, end, gw, &moved);
			emit(w, segment, cut);
			finish_line(w);
			segment = cut;
			segment_width = moved;
		}
		segment_width += gw;
		g = next;
	}
	emit(w, segment, b);
}

static void wrap_paragraph(struct wrapper *w, size_t ps, size_t pe, char *breaks)
{
	const char *s = w->text;
	size_t pos = ps;

	find_breaks(s + ps, pe - ps, breaks);
	w->joint = TEXT_JOINT_NONE;

	/* Leading white space is indentation and stays (within reason). */
	size_t indent_end = ps;
	while (indent_end < pe && space_at(s + indent_end, s + pe))
		indent_end += space_at(s + indent_end, s + pe);
	if (indent_end < pe) {
		size_t p = ps;
		while (p < indent_end) {
			size_t n = space_at(s + p, s + pe);
			if (w->line_width + measure(s + p, n) >= w->width)
				break;
			emit(w, p, p + n);
			p += n;
		}
		w->indent_only = w->line.len > 0;
		pos = indent_end;
	} else {
		pos = pe;
	}

	size_t pending = pos, pending_end = pos;        /* spaces before the next piece */
	int pending_width = 0;
	while (pos < pe) {
		size_t end = pos + 1;
		while (end < pe && breaks[end - ps] != UC_BREAK_POSSIBLE)
			end++;
		size_t body_end = end;
		while (body_end > pos && space_before(s + pos, s + body_end))
			body_end -= space_before(s + pos, s + body_end);
		int body_width = measure(s + pos, body_end - pos);

		if (body_end == pos) {
			if (pending_end != pos) {
				pending = pos;
				pending_width = 0;
			}
			pending_end = end;
			pending_width += measure(s + pos, end - pos);
			pos = end;
			continue;
		}
		if (w->line_width + pending_width + body_width <= w->width) {
			if (!w->indent_only)
				emit(w, pending, pending_end);
			emit(w, pos, body_end);
		} else {
			bool breaks_line = !w->indent_only && w->line.len > 0;
			make_room(w);
			if (breaks_line && pending_end > pending)
				w->joint = TEXT_JOINT_SPACE;
			if (body_width <= w->width)
				emit(w, pos, body_end);
			else
				hard_break(w, pos, body_end);
		}
		pending = body_end;
		pending_end = end;
		pending_width = measure(s + body_end, end - body_end);
		pos = end;
	}
	if (w->indent_only)
		clear_line(w);
	finish_line(w);
}

void text_wrap_spans(const struct text_span *spans, size_t span_count, int width,
                     struct text_lines *out)
{
	struct locale_guard guard = measure_in_utf8();
	struct strbuf all;
	size_t *span_ends = xmalloc((span_count + 1) * sizeof *span_ends);
	int *styles = xmalloc((span_count + 1) * sizeof *styles);

	strbuf_init(&all);
	for (size_t i = 0; i < span_count; i++) {
		if (spans[i].text)
			strbuf_puts(&all, spans[i].text);
		span_ends[i] = all.len;
		styles[i] = spans[i].style;
	}
	/* A sentinel span so that looking up the style never runs off the end. */
	span_ends[span_count] = SIZE_MAX;
	styles[span_count] = span_count > 0 ? spans[span_count - 1].style : 0;

	struct wrapper w = {
		.text = all.data,
		.span_ends = span_ends,
		.styles = styles,
		.width = width < 1 ? 1 : width,
		.out = out,
	};
	strbuf_init(&w.line);

	size_t breaks_capacity = 0;
	char *breaks = NULL;
	size_t start = 0;
	for (size_t i = 0; i <= all.len; i++) {
		if (i < all.len && all.data[i] != '\n')
			continue;
		breaks = xgrow(breaks, &breaks_capacity, i - start + 1, 1);
		wrap_paragraph(&w, start, i, breaks);
		start = i + 1;
	}

	free(breaks);
	free(w.runs);
	strbuf_clear(&w.line);
	strbuf_clear(&all);
	free(span_ends);
	free(styles);
	restore_locale(guard);
}

void text_wrap(const char *clean, int width, int style, struct text_lines *out)
{
	struct text_span span = { .text = (char *)(clean ? clean : ""), .style = style };
	text_wrap_spans(&span, 1, width, out);
}

/* ---------------------------------------------------------------- lines */

void text_lines_init(struct text_lines *lines)
{
	lines->lines = NULL;
	lines->count = 0;
	lines->capacity = 0;
}

void text_lines_clear(struct text_lines *lines)
{
	for (size_t i = 0; i < lines->count; i++) {
		for (size_t j = 0; j < lines->lines[i].span_count; j++)
			free(lines->lines[i].spans[j].text);
		free(lines->lines[i].spans);
	}
	free(lines->lines);
	text_lines_init(lines);
}

void text_lines_add(struct text_lines *lines, const struct text_span *spans, size_t span_count)
{
	struct text_line *line = new_line(lines);
	if (span_count == 0)
		return;
	line->spans = xmalloc(span_count * sizeof *line->spans);
	for (size_t i = 0; i < span_count; i++) {
		line->spans[i].text = xstrdup(spans[i].text ? spans[i].text : "");
		line->spans[i].style = spans[i].style;
		line->width += text_width(line->spans[i].text);
	}
	line->span_count = span_count;
}

char *text_line_string(const struct text_line *line)
{
	struct strbuf out;
	strbuf_init(&out);
	for (size_t i = 0; i < line->span_count; i++)
		strbuf_puts(&out, line->spans[i].text);
	return strbuf_detach(&out);
}
