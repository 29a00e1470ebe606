/* The walk over the cmark tree that dispatches each node to its block or
 * inline handler, the public Markdown API of render.h, and the composer
 * (render_begin ... render_end) that documents such as the item article
 * are built with. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "render/internal.h"
#include "frontmatter.h"
#include "hashset.h"
#include "i18n.h"
#include "markdown.h"
#include "strbuf.h"
#include "xalloc.h"

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
	doc = markdown_parse(markdown, len, NULL);
	if (!doc) {
		/* Too complex to parse (markdown.h): shown as plain text. */
		char *raw = xstrndup(markdown, len);
		render_text(r, raw, RENDER_TEXT);
		free(raw);
		return;
	}
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

void render_output_clear(struct render_output *out)
{
	text_lines_clear(&out->lines);
	for (size_t i = 0; i < out->link_count; i++) {
		free(out->links[i].url);
		free(out->links[i].text);
	}
	free(out->links);
	if (out->link_index) {
		strindex_clear(out->link_index);
		free(out->link_index);
	}
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
	renderer_clear(&r);
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


/* ------------------------------------------------------------ the composer */

struct renderer *render_begin(struct render_output *out, int width)
{
	struct renderer *r = xmalloc(sizeof *r);

	renderer_init(r, out, width);
	return r;
}

void render_end(struct renderer *r)
{
	if (!r)
		return;
	renderer_clear(r);
	free(r);
}

void render_text(struct renderer *r, const char *raw, enum render_style style)
{
	struct text_span *spans;
	size_t count;

	if (!raw)
		return;
	inline_begin(r, (int)style, true);
	put_text(r, raw, strlen(raw), (int)style);
	count = inline_take(r, &spans);
	emit_wrapped(r, spans, count);
	spans_free(spans, count);
}

void render_words(struct renderer *r, char *const *words, size_t count, enum render_style style)
{
	struct runs line = {0};
	int avail = content_width(r), used = 0;

	for (size_t i = 0; i < count; i++) {
		char *word;
		int width;

		if (!words[i] || !*words[i])
			continue;
		word = text_clean(words[i], strlen(words[i]));
		width = text_width(word);
		if (used > 0 && used + 1 + width > avail) {
			emit_runs(r, &line);
			runs_reset(&line);
			used = 0;
		}
		if (width > avail) {
			struct text_span span = {word, (int)style};
			emit_wrapped(r, &span, 1);
		} else {
			if (used > 0)
				runs_puts(&line, " ", (int)style);
			runs_puts(&line, word, (int)style);
			used += (used > 0) + width;
		}
		free(word);
	}
	if (used > 0)
		emit_runs(r, &line);
	runs_clear(&line);
}

void render_part(struct renderer *r, const char *markdown)
{
	if (markdown)
		render_markdown_into(r, markdown, strlen(markdown));
}

void render_gap(struct renderer *r)
{
	r->pending_blank = true;
	r->blank_depth = r->depth;
}

void render_heading(struct renderer *r, const char *label)
{
	struct text_span span = {(char *)label, RENDER_HEADING};

	render_gap(r);
	emit_heading_spans(r, &span, 1, 2);
	render_gap(r);
}

void render_indent_begin(struct renderer *r, const char *marker, enum render_style style)
{
	item_push(r, marker, (int)style);
}

void render_indent_end(struct renderer *r)
{
	ctx_pop(r);
}

void render_link_add(struct renderer *r, const char *url, const char *text)
{
	link_register(r, url, text);
}

void render_links_section(struct renderer *r)
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
	render_heading(r, _("Links"));
	for (size_t i = 0; i < r->out->link_count && i < r->used_capacity; i++) {
		char marker[40];
		struct text_span span = {r->out->links[i].url, RENDER_LINK};
		if (!r->used[i])
			continue;
		snprintf(marker, sizeof marker, "[%zu]%*s", i + 1, number_width - digits((long)i + 1) - 2,
		         "");
		item_push(r, marker, RENDER_LINK_NUMBER);
		if (r->out->whole_links)
			emit_line(r, &span, 1);
		else
			emit_wrapped(r, &span, 1);
		ctx_pop(r);
	}
	render_gap(r);
}

void render_links(int width, struct render_output *out)
{
	struct renderer r;

	renderer_init(&r, out, width);
	r.emitted_any = out->lines.count > 0;
	for (size_t i = 0; i < out->link_count; i++)
		mark_used(&r, i);
	render_links_section(&r);
	renderer_clear(&r);
}
