/* Inline text: collecting a paragraph's (heading's, cell's) text with its
 * styles, soft breaks (none between two CJK characters), links and their
 * numbers in the output's list, images as "[image: alt]", footnote marks. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "render.h"
#include "render/internal.h"
#include "hashset.h"
#include "i18n.h"
#include "links.h"
#include "strbuf.h"
#include "xalloc.h"

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

void mark_used(struct renderer *r, size_t index)
{
	if (index >= r->used_capacity) {
		size_t old = r->used_capacity;
		r->used = xgrow(r->used, &r->used_capacity, index + 1, sizeof *r->used);
		memset(r->used + old, 0, (r->used_capacity - old) * sizeof *r->used);
	}
	r->used[index] = true;
}

static const char *link_url_at(const void *array, size_t i)
{
	return ((const struct render_link *)array)[i].url;
}

/* The number of URL in OUT's list (0-based), or link_count: a linear scan
 * while the list is short, a hash index (hashset.h) once it is long. */
static size_t find_link(struct render_output *out, const char *url)
{
	if (out->link_count > 16) {
		if (!out->link_index)
			out->link_index = xcalloc(1, sizeof *out->link_index);
		long at = strindex_find(out->link_index, out->links, out->link_count, link_url_at, url);
		return at < 0 ? out->link_count : (size_t)at;
	}
	size_t i;
	for (i = 0; i < out->link_count; i++)
		if (strcmp(out->links[i].url, url) == 0)
			break;
	return i;
}


/* The number of URL in OUT's list, adding it when new; 0 when it gets none. */
size_t link_register(struct renderer *r, const char *raw_url, const char *raw_text)
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
	i = find_link(out, url);
	if (i == out->link_count) {
		struct render_link *before = out->links;
		out->links = xgrow(out->links, &out->link_capacity, out->link_count + 1,
		                   sizeof *out->links);
		out->links[i].url = url;
		out->links[i].text = NULL;
		out->link_count++;
		url = NULL;
		if (out->link_index)
			strindex_appended(out->link_index, before, out->links, out->link_count, link_url_at);
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

void inline_begin(struct renderer *r, int base_style, bool locked)
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

int inline_style(const struct renderer *r, bool code)
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
void put_text(struct renderer *r, const char *s, size_t len, int style)
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
		unsigned int next, prev;
		r->pending_soft = false;
		text_utf8_next(s, len, &next);
		if (!runs_empty(&r->inl)) {
			const struct strbuf *last = &r->inl.items[r->inl.count - 1].text;
			text_utf8_prev(last->data, last->len, &prev);
			if (!(text_is_cjk(prev) && text_is_cjk(next))) {
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

void put_hard_break(struct renderer *r)
{
	r->pending_soft = false;
	if (r->image_depth > 0) {
		strbuf_putc(&r->alt, ' ');
		return;
	}
	runs_rtrim(&r->inl);
	runs_append(&r->inl, "\n", 1, inline_style(r, false));
}

void put_text_node(struct renderer *r, const char *literal, bool code)
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
size_t inline_take(struct renderer *r, struct text_span **out)
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
		strbuf_clear(first);
		memmove(r->inl.items, r->inl.items + 1, (r->inl.count - 1) * sizeof *r->inl.items);
		r->inl.count--;
	}
	while (r->inl.count > 0) {
		struct strbuf *last = &r->inl.items[r->inl.count - 1].text;
		while (last->len > 0 && is_space(last->data[last->len - 1]))
			last->data[--last->len] = '\0';
		if (last->len > 0)
			break;
		strbuf_clear(last);
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

void link_open(struct renderer *r, const char *url, bool html)
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

void link_close(struct renderer *r)
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
			/* put_text grew the frame's own text: F's copy is stale. */
			f = r->links[r->link_depth];
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
	strbuf_clear(&f.text);
}

void image_close(struct renderer *r)
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

void footnote_reference(struct renderer *r, const char *label)
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

