/* Blocks: paragraphs and headings, code blocks, HTML blocks, thematic
 * breaks, lists and their items, block quotes (GitHub alerts), footnote
 * definitions. */
#include <config.h>

#include <cmark-gfm-core-extensions.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "render.h"
#include "render/internal.h"
#include "i18n.h"
#include "strbuf.h"
#include "xalloc.h"


void emit_heading_spans(struct renderer *r, struct text_span *spans, size_t count, int level)
{
	int widest = emit_wrapped(r, spans, count);

	if (widest > 0 && level <= 2) {
		runs_reset(&r->inl);
		runs_repeat(&r->inl, level == 1 ? '=' : '-', widest, RENDER_HEADING);
		emit_runs(r, &r->inl);
		runs_reset(&r->inl);
	}
}

void paragraph_end(struct renderer *r, cmark_node *node, int level)
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
void code_block(struct renderer *r, cmark_node *node)
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
			unsigned int cp;
			size_t n = text_utf8_next(q, (size_t)(stop - q), &cp);
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
	strbuf_clear(&line);
	free(clean);
	block_done(r, node);
}

void html_block(struct renderer *r, cmark_node *node)
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

void thematic_break(struct renderer *r, cmark_node *node)
{
	runs_reset(&r->inl);
	runs_repeat(&r->inl, '-', content_width(r), RENDER_RULE);
	emit_runs(r, &r->inl);
	runs_reset(&r->inl);
	block_done(r, node);
}

int digits(long n)
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

void list_enter(struct renderer *r, cmark_node *node)
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

void list_exit(struct renderer *r, cmark_node *node)
{
	if (r->depth > 0 && r->ctx[r->depth - 1].kind == CTX_LIST) {
		if (!r->ctx[r->depth - 1].ordered && r->bullet_depth > 0)
			r->bullet_depth--;
		ctx_pop(r);
	}
	block_done(r, node);
}

void item_push(struct renderer *r, const char *marker, int style)
{
	struct ctx *c = ctx_push(r, CTX_ITEM);

	snprintf(c->marker, sizeof c->marker, "%s", marker);
	c->marker_width = (int)strlen(c->marker);
	c->marker_style = style;
	c->start_line = r->content_lines;
}

void item_enter(struct renderer *r, cmark_node *node)
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

void item_exit(struct renderer *r, bool loose)
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
		strbuf_clear(&text);
		return NULL;
	}
	strbuf_rtrim(&text);
	for (size_t i = 0; i < sizeof ALERTS / sizeof ALERTS[0]; i++)
		if (strcasecmp(text.data, ALERTS[i].marker) == 0)
			label = ALERTS[i].label;
	strbuf_clear(&text);
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

void quote_enter(struct renderer *r, cmark_node *node)
{
	const char *label = take_alert(node);

	ctx_push(r, CTX_QUOTE);
	r->quote_depth++;
	if (label) {
		struct text_span span = {(char *)_(label), RENDER_STRONG};
		emit_wrapped(r, &span, 1);
	}
}

void quote_exit(struct renderer *r, cmark_node *node)
{
	if (r->depth > 0 && r->ctx[r->depth - 1].kind == CTX_QUOTE) {
		ctx_pop(r);
		r->quote_depth--;
	}
	block_done(r, node);
}

void footnote_enter(struct renderer *r)
{
	char marker[40];

	snprintf(marker, sizeof marker, "[^%ld] ", ++r->footnote_defs);
	item_push(r, marker, RENDER_LINK_NUMBER);
}

