/* The section tree: headings, tables of contents, template sub-headings
 * (核心技术, 相关资源 repeating under every item), paragraph entries, and
 * which headings are items. */
#include <config.h>

#include "digest.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "date.h"
#include "digest/internal.h"
#include "frontmatter.h"
#include "i18n.h"
#include "links.h"
#include "markdown.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

bool parse_number_prefix(const char *s, size_t *skip)
{
	const char *p = s;
	while (*p == ' ')
		p++;
	if (*p == '[') {
		const char *q = p + 1;
		while (isdigit((unsigned char)*q))
			q++;
		if (q > p + 1 && q - p <= 4 && *q == ']') {
			q++;
			while (*q == ' ')
				q++;
			*skip = (size_t)(q - s);
			return true;
		}
		return false;
	}
	const char *q = p;
	while (isdigit((unsigned char)*q))
		q++;
	if (q == p || q - p > 3)
		return false;
	if (*q == '.' || *q == ')') {
		q++;
	} else if (starts_with(q, "、") || starts_with(q, "）") || starts_with(q, "．")) {
		q += 3;
	} else {
		return false;
	}
	if (*q && *q != ' ' && (unsigned char)*q < 0x80)
		return false;   /* "3.5 Flash" is not a numbered heading */
	while (*q == ' ')
		q++;
	*skip = (size_t)(q - s);
	return true;
}

bool parse_timeslot(const char *s, size_t *skip)
{
	const char *p = s;
	int digits = 0;
	while (isdigit((unsigned char)p[digits]))
		digits++;
	if (digits < 1 || digits > 2 || p[digits] != ':' || !isdigit((unsigned char)p[digits + 1]) ||
	    !isdigit((unsigned char)p[digits + 2]))
		return false;
	p += digits + 3;
	while (*p == ' ')
		p++;
	if (*p == '-' || *p == '~')
		p++;
	else if (starts_with(p, "–") || starts_with(p, "—") || starts_with(p, "～") ||
	         starts_with(p, "至") || starts_with(p, "到"))
		p += 3;
	else
		return false;
	while (*p == ' ')
		p++;
	digits = 0;
	while (isdigit((unsigned char)p[digits]))
		digits++;
	if (digits < 1 || digits > 2 || p[digits] != ':' || !isdigit((unsigned char)p[digits + 1]) ||
	    !isdigit((unsigned char)p[digits + 2]))
		return false;   /* "9:00-10:0" ends inside its minutes: skipping two read past it */
	p += digits + 3;
	*skip = (size_t)(p - s);
	return true;
}

static bool is_toc_title(const char *norm)
{
	return word_find(norm, WORD_TOC_TITLE) != NULL;
}

static int compare_heading_norms(const void *a, const void *b)
{
	const struct heading *const *ha = a, *const *hb = b;
	int c = (*ha)->level - (*hb)->level;
	return c ? c : strcmp((*ha)->norm, (*hb)->norm);
}

/* Sub-headings whose text repeats at the same level under different
 * parents are an item's template (核心技术, 实验数据, 相关资源 ...). */
static void mark_templates(struct document *doc)
{
	if (doc->heading_count < 2)
		return;
	struct heading **sorted = xmalloc(doc->heading_count * sizeof *sorted);
	for (size_t i = 0; i < doc->heading_count; i++)
		sorted[i] = &doc->headings[i];
	qsort(sorted, doc->heading_count, sizeof *sorted, compare_heading_norms);
	for (size_t i = 0; i < doc->heading_count;) {
		size_t j = i + 1;
		while (j < doc->heading_count && compare_heading_norms(&sorted[i], &sorted[j]) == 0)
			j++;
		if (j - i >= 2 && sorted[i]->parent >= 0 && *sorted[i]->norm) {
			int first_parent = sorted[i]->parent;
			bool different_parents = false;
			for (size_t k = i + 1; k < j; k++)
				if (sorted[k]->parent != first_parent)
					different_parents = true;
			if (different_parents)
				for (size_t k = i; k < j; k++)
					sorted[k]->is_template = true;
		}
		i = j;
	}
	free(sorted);
}


static bool has_explicit_link(cmark_node *node)
{
	struct link_list links = { 0 };
	collect_links(node, &links);
	bool has = count_explicit(&links) > 0;
	link_list_clear(&links);
	return has;
}

/* A paragraph led by a bold title that carries a link:
 * "**OpenAI ships X** — text [link](url)". */
static bool is_titled_paragraph(cmark_node *node)
{
	if (cmark_node_get_type(node) != CMARK_NODE_PARAGRAPH)
		return false;
	cmark_node *first = cmark_node_first_child(node);
	if (!first || cmark_node_get_type(first) != CMARK_NODE_STRONG || !cmark_node_next(first))
		return false;
	char *title = node_text(first);
	trim_spaces(title);
	bool ok = strlen(title) >= 4 && field_kind_of(title) == FIELD_NONE &&
	          !(title[0] == '[' && title[strlen(title) - 1] == ']');
	free(title);
	return ok && has_explicit_link(node);
}

/* Paragraph entries: a titled paragraph, or a bold-only line followed by
 * paragraphs with links.  Returns the block after the entry, or 0. */
static size_t paragraph_entry(const struct document *doc, size_t b, size_t end)
{
	cmark_node *node = doc->blocks[b];
	if (is_titled_paragraph(node))
		return b + 1;
	char *title = cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH ? pseudo_heading(node) : NULL;
	if (!title)
		return 0;
	free(title);
	size_t e = b + 1;
	bool linked = false;
	while (e < end && e < b + 7 && cmark_node_get_type(doc->blocks[e]) == CMARK_NODE_PARAGRAPH &&
	       !is_titled_paragraph(doc->blocks[e])) {
		char *next_title = pseudo_heading(doc->blocks[e]);
		free(next_title);
		if (next_title)
			break;
		linked = linked || has_explicit_link(doc->blocks[e]);
		e++;
	}
	return linked ? e : 0;
}

/* Mark the paragraph entries of the blocks [FROM, TO) when there are at
 * least two: one bold-led paragraph alone is just prose. */
static size_t mark_entries(struct document *doc, size_t from, size_t to)
{
	size_t count = 0;
	for (size_t b = from; b < to;) {
		size_t e = paragraph_entry(doc, b, to);
		if (e) {
			doc->entry_end[b] = e;
			count++;
			b = e;
		} else {
			b++;
		}
	}
	if (count < 2)
		for (size_t b = from; b < to; b++)
			doc->entry_end[b] = 0;
	return count;
}

/* Whether block B lies inside a paragraph entry that starts at or after FROM. */
static bool in_entry(const struct document *doc, size_t from, size_t b)
{
	for (size_t start = b; start + 7 > b && start >= from; start--) {
		if (doc->entry_end[start] > b)
			return true;
		if (start == 0)
			break;
	}
	return false;
}

/* The explicit links in the field bullets of LIST. */
static size_t field_bullet_links(cmark_node *list)
{
	size_t n = 0;
	for (cmark_node *li = cmark_node_first_child(list); li; li = cmark_node_next(li)) {
		cmark_node *first = cmark_node_first_child(li);
		if (!bullet_is_field(first))
			continue;
		struct link_list links = { 0 };
		collect_links(first, &links);
		n += count_explicit(&links);
		link_list_clear(&links);
	}
	return n;
}

/* Links in paragraphs and quotes versus links in lists, tables and
 * paragraph entries. */
static void count_own_links(const struct document *doc, struct heading *h)
{
	size_t prose = 0, listed = 0;
	bool wiki = false;
	for (size_t b = h->block + 1; b < h->own_end; b++) {
		cmark_node *node = doc->blocks[b];
		struct link_list links = { 0 };
		collect_links(node, &links);
		size_t n = count_explicit(&links);
		cmark_node_type type = cmark_node_get_type(node);
		size_t fields = type == CMARK_NODE_LIST ? field_bullet_links(node) : 0;
		if (type == CMARK_NODE_LIST || is_table(node) || in_entry(doc, h->block + 1, b)) {
			/* Field bullets ("- **原文链接**: URL") describe the heading. */
			listed += n - fields;
			prose += fields;
		} else {
			prose += n;
		}
		/* An arXiv id or a repo name mentioned in prose makes a numbered
		 * section an item, but not any other: commentary cites papers it
		 * does not present. */
		if (!n && links.count)
			h->own_derived = true;
		link_list_clear(&links);
		if (!wiki && type == CMARK_NODE_PARAGRAPH) {
			char *text = node_text(node);
			char *target = find_wikilink(text);
			wiki = target != NULL;
			free(target);
			free(text);
		}
	}
	h->own_links = prose > 0 || listed > 0 || wiki;
	h->container = listed > 0 && listed > prose;
	if (wiki && prose == 0 && listed == 0)
		h->container = false;
}

void build_sections(struct document *doc)
{
	doc->block_heading = xmalloc((doc->block_count + 1) * sizeof *doc->block_heading);
	int stack[8];
	int depth = 0;
	for (size_t b = 0; b < doc->block_count; b++) {
		cmark_node *node = doc->blocks[b];
		if (cmark_node_get_type(node) == CMARK_NODE_HEADING) {
			int level = cmark_node_get_heading_level(node);
			doc->headings = xrealloc(doc->headings,
			                         (doc->heading_count + 1) * sizeof *doc->headings);
			struct heading *h = &doc->headings[doc->heading_count];
			memset(h, 0, sizeof *h);
			h->block = b;
			h->level = level;
			char *raw = heading_text(node);
			h->text = clean_copy(raw);
			free(raw);
			h->norm = normalize_heading(h->text);
			while (depth > 0 && doc->headings[stack[depth - 1]].level >= level)
				depth--;
			h->parent = depth > 0 ? stack[depth - 1] : -1;
			if (depth < 8)
				stack[depth++] = (int)doc->heading_count;
			doc->heading_count++;
		}
		doc->block_heading[b] = depth > 0 ? stack[depth - 1] : -1;
	}
	/* Section ends: the next heading of the same or a higher level. */
	for (size_t i = 0; i < doc->heading_count; i++) {
		struct heading *h = &doc->headings[i];
		h->end = doc->block_count;
		h->own_end = doc->block_count;
		for (size_t j = i + 1; j < doc->heading_count; j++) {
			if (h->own_end == doc->block_count)
				h->own_end = doc->headings[j].block;
			if (doc->headings[j].level <= h->level) {
				h->end = doc->headings[j].block;
				break;
			}
		}
	}
}

bool inside_toc(const struct document *doc, int heading)
{
	for (int h = heading; h >= 0; h = doc->headings[h].parent)
		if (doc->headings[h].toc)
			return true;
	return false;
}

void classify_headings(struct document *doc)
{
	mark_templates(doc);
	doc->entry_end = xcalloc(doc->block_count + 1, sizeof *doc->entry_end);
	/* Paragraph entries, per stretch of blocks between two headings. */
	for (size_t b = 0; b < doc->block_count;) {
		size_t e = b;
		while (e < doc->block_count && cmark_node_get_type(doc->blocks[e]) != CMARK_NODE_HEADING)
			e++;
		if (e > b)
			mark_entries(doc, b, e);
		b = e + 1;
	}
	for (size_t i = 0; i < doc->heading_count; i++) {
		struct heading *h = &doc->headings[i];
		/* Promotions and sponsor slots are skipped like a table of contents. */
		h->toc = is_toc_title(h->norm) || word_find(h->norm, WORD_PROMO) != NULL;
		size_t skip;
		h->numbered = parse_number_prefix(h->text, &skip);
		h->timeslot = parse_timeslot(h->text, &skip);
		struct link_list links = { 0 };
		collect_links(doc->blocks[h->block], &links);
		/* A chat channel's link names where people talked: a section. */
		for (size_t k = 0; k < links.count; k++)
			if (!is_chat_url(links.links[k].url))
				h->has_link = true;
		link_list_clear(&links);
		count_own_links(doc, h);
		if (h->parent >= 0 && !h->is_template)
			doc->headings[h->parent].has_real_children = true;
	}
	/* Numbered and linked headings and time slots are items unless their
	 * content is a list of links (then the bullets are the items). */
	int item_level = 0;
	for (size_t i = 0; i < doc->heading_count; i++) {
		struct heading *h = &doc->headings[i];
		if (h->level < 2 || h->toc || h->is_template || inside_toc(doc, (int)i))
			continue;
		if (h->has_link ||
		    ((h->numbered || h->timeslot) && (h->own_links || h->own_derived) && !h->container) ||
		    (h->timeslot && !h->container)) {
			h->is_item = true;
			continue;
		}
		if (!h->has_real_children && h->own_links && !h->container && h->level > item_level)
			item_level = h->level;
	}
	/* When nearly every leaf heading at that level has links, the level is
	 * a list of items and the few without links are items too (notes);
	 * otherwise link-less headings there are commentary. */
	size_t leaves = 0, linked = 0;
	for (size_t i = 0; i < doc->heading_count; i++) {
		struct heading *h = &doc->headings[i];
		if (h->level != item_level || h->toc || h->is_template || h->has_real_children ||
		    inside_toc(doc, (int)i))
			continue;
		leaves++;
		linked += h->own_links && !h->container;
	}
	bool list_level = leaves >= 4 && linked * 10 >= leaves * 9;
	for (size_t i = 0; i < doc->heading_count; i++) {
		struct heading *h = &doc->headings[i];
		if (h->is_item || h->level != item_level || h->toc || h->is_template ||
		    inside_toc(doc, (int)i) || h->has_real_children || h->container)
			continue;
		if (h->own_links || list_level)
			h->is_item = true;
	}
	/* An item heading owns its whole section: nothing inside is an item. */
	for (size_t i = 0; i < doc->heading_count; i++) {
		if (!doc->headings[i].is_item)
			continue;
		for (size_t j = i + 1; j < doc->heading_count; j++) {
			if (doc->headings[j].block >= doc->headings[i].end)
				break;
			doc->headings[j].is_item = false;
		}
	}
}
