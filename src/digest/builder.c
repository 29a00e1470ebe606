/* The item builder: an item under construction (its tags, links,
 * summary, excerpt) and the steps every item shape shares to fill and
 * finish one. */
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

/* Up to this many, a linear scan is as fast as a hash index. */
#define INDEX_FROM 16

static const char *tag_name_at(const void *array, size_t i)
{
	return ((const struct digest_tag *)array)[i].name;
}

static const char *link_key_at(const void *array, size_t i)
{
	return ((const struct digest_link *)array)[i].key;
}

static long find_tag(struct item_builder *b, const char *name)
{
	if (b->item.tag_count > INDEX_FROM)
		return strindex_find(&b->tag_index, b->item.tags, b->item.tag_count, tag_name_at, name);
	for (size_t i = 0; i < b->item.tag_count; i++)
		if (strcmp(b->item.tags[i].name, name) == 0)
			return (long)i;
	return -1;
}

static long find_link(struct item_builder *b, const char *key)
{
	if (b->item.link_count > INDEX_FROM)
		return strindex_find(&b->link_index, b->item.links, b->item.link_count, link_key_at, key);
	for (size_t i = 0; i < b->item.link_count; i++)
		if (strcmp(b->item.links[i].key, key) == 0)
			return (long)i;
	return -1;
}

void builder_drop_indexes(struct item_builder *b)
{
	strindex_clear(&b->link_index);
	strindex_clear(&b->tag_index);
}

void builder_add_tag(struct item_builder *b, const char *name, const char *origin)
{
	char *clean = clean_copy(name);
	trim_decoration(clean);
	if (!*clean || strlen(clean) > 80) {
		free(clean);
		return;
	}
	if (find_tag(b, clean) >= 0) {
		free(clean);
		return;
	}
	struct digest_tag *before = b->item.tags;
	b->item.tags = xgrow(b->item.tags, &b->tag_capacity, b->item.tag_count + 1,
	                     sizeof *b->item.tags);
	b->item.tags[b->item.tag_count].name = clean;
	b->item.tags[b->item.tag_count].origin = xstrdup(origin);
	b->item.tag_count++;
	if (b->item.tag_count > INDEX_FROM)
		strindex_appended(&b->tag_index, before, b->item.tags, b->item.tag_count, tag_name_at);
}

/* Add a link (deduplicated by identity key); returns whether it was new. */
bool builder_add_link(struct item_builder *b, const char *url, const char *text)
{
	struct link_identity id;
	if (!link_classify(url, &id))
		return false;
	if (find_link(b, id.key) >= 0) {
		link_identity_free(&id);
		return false;
	}
	struct digest_link *before = b->item.links;
	b->item.links = xgrow(b->item.links, &b->link_capacity, b->item.link_count + 1,
	                      sizeof *b->item.links);
	struct digest_link *link = &b->item.links[b->item.link_count++];
	link->url = id.canonical_url;
	link->key = id.key;
	link->kind = id.kind;
	link->text = clean_copy(text ? text : "");
	if (b->item.link_count > INDEX_FROM)
		strindex_appended(&b->link_index, before, b->item.links, b->item.link_count, link_key_at);
	return true;
}

/* Move the link with KEY to the front: it is the main link. */
static void builder_promote_link(struct item_builder *b, size_t index)
{
	if (index == 0 || index >= b->item.link_count)
		return;
	struct digest_link main = b->item.links[index];
	memmove(b->item.links + 1, b->item.links, index * sizeof *b->item.links);
	b->item.links[0] = main;
	strindex_forget(&b->link_index);
}

char *excerpt(const struct engine *e, int start_line, int end_line)
{
	if (start_line < 1)
		start_line = 1;
	if ((size_t)end_line > e->line_count)
		end_line = (int)e->line_count;
	if (end_line < start_line)
		return xstrdup("");
	size_t from = e->line_offsets[start_line - 1];
	size_t to = (size_t)end_line < e->line_count ? e->line_offsets[end_line] : e->body_len;
	char *s = xstrndup(e->body + from, to - from);
	size_t len = strlen(s);
	while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == ' '))
		s[--len] = '\0';
	return s;
}

/* ------------------------------------------------------------------ */
/* Building items */

struct item_builder *new_item(struct engine *e, size_t position)
{
	e->items = xgrow(e->items, &e->item_capacity, e->item_count + 1, sizeof *e->items);
	struct item_builder *b = &e->items[e->item_count++];
	memset(b, 0, sizeof *b);
	b->position = position;
	return b;
}

void free_item(struct digest_item *item)
{
	free(item->key);
	free(item->title);
	free(item->url);
	free(item->summary);
	free(item->section);
	free(item->date);
	free(item->authors);
	free(item->markdown);
	for (size_t i = 0; i < item->tag_count; i++) {
		free(item->tags[i].name);
		free(item->tags[i].origin);
	}
	free(item->tags);
	for (size_t i = 0; i < item->link_count; i++) {
		free(item->links[i].url);
		free(item->links[i].text);
		free(item->links[i].key);
	}
	free(item->links);
	memset(item, 0, sizeof *item);
}

void set_summary(struct item_builder *b, const char *text)
{
	if (b->item.summary || !text)
		return;
	char *clean = clean_copy(text);
	if (strlen(clean) < 2) {
		free(clean);
		return;
	}
	cut_text(clean, SUMMARY_MAX_BYTES);
	b->item.summary = clean;
}

/* The section path of the blocks under HEADING: "A › B". */
char *section_path(const struct document *doc, int heading, const char *extra)
{
	int chain[64];
	int n = 0;
	for (int h = heading; h >= 0 && n < 64; h = doc->headings[h].parent)
		chain[n++] = h;
	struct strbuf sb;
	strbuf_init(&sb);
	for (int i = n - 1; i >= 0; i--) {
		const struct heading *h = &doc->headings[chain[i]];
		if (h->level == 1 && n > 1)
			continue;   /* the document title is not a section */
		char *text = xstrdup(h->text);
		trim_decoration(text);
		if (sb.len)
			strbuf_puts(&sb, " › ");
		strbuf_puts(&sb, text);
		free(text);
	}
	if (extra && *extra) {
		if (sb.len)
			strbuf_puts(&sb, " › ");
		strbuf_puts(&sb, extra);
	}
	return strbuf_detach(&sb);
}

/* Strip numbering, decoration and a trailing "(arXiv:ID)" from a title. */
char *title_from_heading(const char *text)
{
	char *title = xstrdup(text);
	trim_decoration(title);
	size_t skip;
	if (parse_number_prefix(title, &skip))
		memmove(title, title + skip, strlen(title + skip) + 1);
	trim_decoration(title);
	char *paren = strstr(title, "(arXiv");
	if (!paren)
		paren = strstr(title, "（arXiv");
	if (!paren)
		paren = strstr(title, "(arxiv");
	if (paren && paren > title) {
		*paren = '\0';
		trim_spaces(title);
	}
	return title;
}

/* The lead subject of a prose slot: its first clause, kept short. */
char *lead_subject(const char *paragraph)
{
	char *s = xstrdup(paragraph);
	collapse_spaces(s);
	size_t cut = strlen(s);
	for (size_t i = 0; i < digest_word_count; i++) {
		if (digest_words[i].use != WORD_SENTENCE_STOP)
			continue;
		char *p = strstr(s, digest_words[i].text);
		if (p && (size_t)(p - s) < cut && p > s)
			cut = (size_t)(p - s);
	}
	s[cut] = '\0';
	if (strlen(s) > 90)
		cut_text(s, 90);
	trim_spaces(s);
	return s;
}

bool paragraph_is_fields(cmark_node *paragraph)
{
	cmark_node *first = cmark_node_first_child(paragraph);
	if (!first || cmark_node_get_type(first) != CMARK_NODE_STRONG)
		return false;
	struct field_list fields = { 0 };
	read_fields(paragraph, &fields);
	bool any = fields.count > 0;
	field_list_free(&fields);
	return any;
}

/* A paragraph that is only emphasis: an author line under a paper title. */
static bool paragraph_is_emphasis_only(cmark_node *paragraph)
{
	cmark_node *first = cmark_node_first_child(paragraph);
	return first && cmark_node_get_type(first) == CMARK_NODE_EMPH && !cmark_node_next(first);
}

/* A paragraph that is only a link (or a wiki link): a title line. */
static bool paragraph_is_link_line(cmark_node *paragraph)
{
	char *text = node_text(paragraph);
	trim_spaces(text);
	bool wiki = starts_with(text, "[[") && strstr(text, "]]") &&
	            strlen(strstr(text, "]]")) <= 3;
	free(text);
	if (wiki)
		return true;
	for (cmark_node *c = cmark_node_first_child(paragraph); c; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		if (t == CMARK_NODE_LINK || t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
			continue;
		if (t == CMARK_NODE_STRONG && cmark_node_first_child(c) &&
		    cmark_node_get_type(cmark_node_first_child(c)) == CMARK_NODE_LINK)
			continue;
		if (t == CMARK_NODE_TEXT) {
			char *lit = xstrdup(cmark_node_get_literal(c));
			trim_spaces(lit);
			bool empty = *lit == '\0' || strcmp(lit, "-") == 0 || strcmp(lit, "|") == 0;
			free(lit);
			if (empty)
				continue;
		}
		return false;
	}
	return true;
}

/* Apply the fields of a paragraph to an item. */
void apply_fields(struct item_builder *b, cmark_node *paragraph, struct link_list *field_main)
{
	struct field_list fields = { 0 };
	read_fields(paragraph, &fields);
	for (size_t i = 0; i < fields.count; i++) {
		struct field *f = &fields.fields[i];
		switch (f->kind) {
		case FIELD_DATE: {
			char iso[DATE_ISO_MAX];
			if (!b->item.date && (date_parse(f->value, iso) || date_find(f->value, iso)))
				b->item.date = xstrdup(iso);
			break;
		}
		case FIELD_TAGS:
			add_tag_list(b, f->value, "field");
			break;
		case FIELD_KEYWORDS:
			add_tag_list(b, f->value, "keyword");
			break;
		case FIELD_CATEGORY:
			add_tag_list(b, f->value, "category");
			break;
		case FIELD_LINK:
			for (size_t k = 0; k < f->links.count; k++)
				link_list_add(field_main, f->links.links[k].url, f->links.links[k].text, false);
			break;
		case FIELD_SUMMARY:
			set_summary(b, f->value);
			break;
		case FIELD_AUTHORS:
			if (!b->item.authors && *f->value)
				b->item.authors = clean_copy(f->value);
			break;
		case FIELD_NONE:
			if (!b->fallback_summary && strlen(f->value) > 12 && !f->links.count)
				b->fallback_summary = xstrdup(f->value);
			break;
		case FIELD_TITLE:
			break;
		}
	}
	field_list_free(&fields);
}

/* "#tag #another" lines. */
bool apply_hashtags(struct item_builder *b, const char *text)
{
	const char *p = text;
	while (*p == ' ')
		p++;
	if (*p != '#' || p[1] == ' ' || p[1] == '#' || !p[1])
		return false;
	char *copy = xstrdup(p);
	char *save = NULL;
	bool all = true;
	for (char *tok = strtok_r(copy, " \n", &save); tok; tok = strtok_r(NULL, " \n", &save))
		if (tok[0] != '#' || !tok[1])
			all = false;
	free(copy);
	if (!all)
		return false;
	copy = xstrdup(p);
	for (char *tok = strtok_r(copy, " \n", &save); tok; tok = strtok_r(NULL, " \n", &save))
		builder_add_tag(b, tok + 1, "keyword");
	free(copy);
	return true;
}

/* Strip a leading "🎯 **一句话摘要**：" label from quote text. */
static const char *skip_label(const char *text)
{
	const char *colon = strstr(text, "：");
	size_t skip = 3;
	const char *ascii = strchr(text, ':');
	if (!colon || (ascii && ascii < colon)) {
		colon = ascii;
		skip = 1;
	}
	if (colon && colon - text < 40 && !strstr(text, "://"))
		return colon + skip;
	return text;
}

/* Read the blocks [FROM, TO) of an item: fields, tags, links, summary. */
void read_item_blocks(struct document *doc, struct item_builder *b,
                             size_t from, size_t to, struct link_list *links,
                             struct link_list *field_main, char **wikilink)
{
	bool seen_prose = false;
	for (size_t i = from; i < to; i++) {
		cmark_node *node = doc->blocks[i];
		cmark_node_type type = cmark_node_get_type(node);
		collect_links(node, links);
		if (type == CMARK_NODE_PARAGRAPH) {
			char *text = node_text(node);
			if (!*wikilink)
				*wikilink = find_wikilink(text);
			if (paragraph_is_fields(node)) {
				apply_fields(b, node, field_main);
			} else if (!seen_prose && paragraph_is_emphasis_only(node) && !b->item.authors &&
			           i == from) {
				b->item.authors = clean_copy(text);
			} else if (apply_hashtags(b, text)) {
				/* tags only */
			} else if (!paragraph_is_link_line(node) && !seen_prose) {
				set_summary(b, text);
				seen_prose = true;
			}
			free(text);
		} else if (type == CMARK_NODE_BLOCK_QUOTE && !b->item.summary) {
			cmark_node *first = cmark_node_first_child(node);
			if (first && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH) {
				char *text = node_text(first);
				trim_spaces(text);
				if (!starts_with(text, "[!"))
					set_summary(b, skip_label(text));
				free(text);
			}
		}
	}
}

/* Finish an item: pick the main link, kind, key, URL and date. */
void finish_item(struct engine *e, struct item_builder *b, struct link_list *heading_links,
                        struct link_list *field_main, struct link_list *links, const char *wikilink)
{
	/* Main link: the heading's own link, then a link field, then the first
	 * explicit link, then links derived from text. */
	struct link_list *ordered[] = { heading_links, field_main, links };
	for (size_t pass = 0; pass < 2; pass++) {
		for (size_t l = 0; l < sizeof ordered / sizeof *ordered; l++) {
			if (!ordered[l])
				continue;
			for (size_t i = 0; i < ordered[l]->count; i++) {
				const struct found_link *f = &ordered[l]->links[i];
				if (f->derived != (pass == 1))
					continue;
				builder_add_link(b, f->url, f->text);
			}
		}
	}
	/* The links were added in priority order, so links[0] is the main one;
	 * but a heading with an arXiv id in its text names its paper. */
	if (heading_links && heading_links->count) {
		for (size_t i = 0; i < b->item.link_count; i++) {
			struct link_identity id;
			if (link_classify(heading_links->links[0].url, &id)) {
				if (strcmp(id.key, b->item.links[i].key) == 0)
					builder_promote_link(b, i);
				link_identity_free(&id);
			}
		}
	}
	if (b->item.link_count > 0) {
		b->item.kind = b->item.links[0].kind;
		b->item.key = xstrdup(b->item.links[0].key);
		b->item.url = xstrdup(b->item.links[0].url);
	} else {
		b->item.kind = KIND_NOTE;
		char *target = wikilink ? clean_copy(wikilink) : xstrdup(b->item.title ? b->item.title : "");
		for (char *p = target; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		b->item.key = xasprintf("note:%s", target);
		free(target);
	}
	if (!b->item.summary && b->fallback_summary)
		set_summary(b, b->fallback_summary);
	free(b->fallback_summary);
	b->fallback_summary = NULL;
	if (!b->item.date && e->digest->date)
		b->item.date = xstrdup(e->digest->date);
	if (!b->item.title || !*b->item.title) {
		free(b->item.title);
		const char *fallback = b->item.link_count && *b->item.links[0].text
		                       ? b->item.links[0].text : wikilink;
		b->item.title = clean_copy(fallback ? fallback : (b->item.url ? b->item.url : ""));
	}
	cut_text(b->item.title, TITLE_MAX_BYTES);
	for (size_t i = 0; i < e->digest->tag_count; i++)
		builder_add_tag(b, e->digest->tags[i].name, e->digest->tags[i].origin);
}

void add_section_tag(const struct document *doc, struct item_builder *b, int heading)
{
	if (heading < 0)
		return;
	const struct heading *h = &doc->headings[heading];
	if (h->level < 2 || h->toc)
		return;
	char *title = title_from_heading(h->text);
	builder_add_tag(b, title, "section");
	free(title);
}
