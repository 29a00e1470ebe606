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
#include <strings.h>

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

/* Tags and links are deduplicated through hash sets of their indexes, so
 * an item with thousands of links costs linear time, not quadratic. */
static uint64_t hash_text(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

typedef const char *(*index_name)(const struct item_builder *b, size_t index);

static const char *tag_name(const struct item_builder *b, size_t index)
{
	return b->item.tags[index].name;
}

static const char *link_key(const struct item_builder *b, size_t index)
{
	return b->item.links[index].key;
}

static bool index_set_find(const struct index_set *set, const char *name, index_name name_at,
                           const struct item_builder *b)
{
	if (!set->capacity)
		return false;
	for (size_t s = hash_text(name) & (set->capacity - 1); set->slots[s];
	     s = (s + 1) & (set->capacity - 1))
		if (strcmp(name_at(b, set->slots[s] - 1), name) == 0)
			return true;
	return false;
}

static void index_set_put(struct index_set *set, size_t index, const char *name)
{
	size_t s = hash_text(name) & (set->capacity - 1);
	while (set->slots[s])
		s = (s + 1) & (set->capacity - 1);
	set->slots[s] = index + 1;
}

/* Add INDEX (whose name is new); grows at half load. */
static void index_set_add(struct index_set *set, size_t index, index_name name_at,
                          const struct item_builder *b)
{
	if ((set->count + 1) * 2 > set->capacity) {
		size_t old_capacity = set->capacity;
		size_t *old = set->slots;
		set->capacity = old_capacity ? old_capacity * 2 : 16;
		set->slots = xcalloc(set->capacity, sizeof *set->slots);
		for (size_t i = 0; i < old_capacity; i++)
			if (old[i])
				index_set_put(set, old[i] - 1, name_at(b, old[i] - 1));
		free(old);
	}
	index_set_put(set, index, name_at(b, index));
	set->count++;
}

void builder_clear(struct item_builder *b)
{
	free(b->tag_set.slots);
	free(b->link_set.slots);
	memset(&b->tag_set, 0, sizeof b->tag_set);
	memset(&b->link_set, 0, sizeof b->link_set);
	free(b->fallback_summary);
	b->fallback_summary = NULL;
}

void builder_add_tag(struct item_builder *b, const char *name, const char *origin)
{
	char *clean = clean_copy(name);
	trim_decoration(clean);
	if (!*clean || strlen(clean) > 80) {
		free(clean);
		return;
	}
	if (index_set_find(&b->tag_set, clean, tag_name, b)) {
		free(clean);
		return;
	}
	b->item.tags = xgrow(b->item.tags, &b->tag_capacity, b->item.tag_count + 1,
	                     sizeof *b->item.tags);
	b->item.tags[b->item.tag_count].name = clean;
	b->item.tags[b->item.tag_count].origin = xstrdup(origin);
	b->item.tag_count++;
	index_set_add(&b->tag_set, b->item.tag_count - 1, tag_name, b);
}

/* Add the link identified as ID (deduplicated by its key); returns whether
 * it was new.  ID stays the caller's. */
static bool builder_add_identity(struct item_builder *b, const struct link_identity *id,
                                 const char *text)
{
	if (index_set_find(&b->link_set, id->key, link_key, b))
		return false;
	b->item.links = xgrow(b->item.links, &b->link_capacity, b->item.link_count + 1,
	                      sizeof *b->item.links);
	struct digest_link *link = &b->item.links[b->item.link_count++];
	link->url = xstrdup(id->canonical_url);
	link->key = xstrdup(id->key);
	link->kind = id->kind;
	link->text = clean_copy(text ? text : "");
	index_set_add(&b->link_set, b->item.link_count - 1, link_key, b);
	return true;
}

/* Add a link (deduplicated by identity key); returns whether it was new. */
bool builder_add_link(struct item_builder *b, const char *url, const char *text)
{
	struct link_identity id;
	if (!link_classify_memo(url, &id))
		return false;
	bool added = builder_add_identity(b, &id, text);
	link_identity_clear(&id);
	return added;
}

bool builder_add_found_link(struct item_builder *b, struct found_link *f)
{
	const struct link_identity *id = found_link_identity(f);
	return id && builder_add_identity(b, id, f->text);
}

/* The set holds indexes: rebuild it after the links moved. */
void builder_reindex_links(struct item_builder *b)
{
	free(b->link_set.slots);
	memset(&b->link_set, 0, sizeof b->link_set);
	for (size_t i = 0; i < b->item.link_count; i++)
		index_set_add(&b->link_set, i, link_key, b);
}

/* Move the link at INDEX to the front: it is the main link. */
static void builder_promote_link(struct item_builder *b, size_t index)
{
	if (index == 0 || index >= b->item.link_count)
		return;
	struct digest_link main = b->item.links[index];
	memmove(b->item.links + 1, b->item.links, index * sizeof *b->item.links);
	b->item.links[0] = main;
	builder_reindex_links(b);
}

void builder_promote_key(struct item_builder *b, const char *key)
{
	for (size_t i = 0; i < b->item.link_count; i++)
		if (strcmp(b->item.links[i].key, key) == 0) {
			builder_promote_link(b, i);
			return;
		}
}

/* The body lines' byte range; false when it is empty. */
static bool excerpt_range(const struct engine *e, int start_line, int end_line, size_t *from,
                          size_t *to)
{
	if (start_line < 1)
		start_line = 1;
	if ((size_t)end_line > e->line_count)
		end_line = (int)e->line_count;
	if (end_line < start_line)
		return false;
	*from = e->line_offsets[start_line - 1];
	*to = (size_t)end_line < e->line_count ? e->line_offsets[end_line] : e->body_len;
	return true;
}

void set_excerpt(const struct engine *e, struct item_builder *b, int start_line, int end_line)
{
	free(b->item.markdown);
	b->item.markdown = excerpt(e, start_line, end_line);
	size_t from, to;
	b->item.markdown_is_slice = excerpt_range(e, start_line, end_line, &from, &to);
	b->item.markdown_offset = b->item.markdown_is_slice ? from : 0;
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

/* Whether S has a letter or digit: "|-", ">-" and "—" say nothing. */
static bool has_words(const char *s)
{
	for (; *s; s++)
		if (isalnum((unsigned char)*s) || ((unsigned char)*s >= 0xc0 && (unsigned char)*s != 0xe2))
			return true;
	return false;
}

/* "https://site.example/" or "http://www.site.example": a site, not a page. */
bool is_home_page(const char *url)
{
	const char *p = strstr(url, "://");
	if (!p)
		return false;
	p = strchr(p + 3, '/');
	return !p || (p[1] == '\0' || p[1] == '?' || p[1] == '#');
}

void set_summary(struct item_builder *b, const char *text)
{
	if (b->item.summary || !text)
		return;
	char *clean = clean_copy(text);
	if (strlen(clean) < 2 || !has_words(clean)) {
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
	field_list_clear(&fields);
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
				link_list_add_copy(field_main, &f->links.links[k]);
			break;
		case FIELD_SUMMARY:
			/* The item's own summary field beats the first line of prose. */
			if (b->summary_from_prose && strlen(f->value) >= 2) {
				free(b->item.summary);
				b->item.summary = NULL;
				b->summary_from_prose = false;
			}
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
		case FIELD_SOURCE: {
			/* Posted on a forum ("来源: Hacker News"): a discussion, whatever it links. */
			char *norm = normalize_heading(f->value);
			if (word_find(norm, WORD_FORUM))
				b->forum = true;
			free(norm);
			break;
		}
		case FIELD_TITLE:
			break;
		}
	}
	field_list_clear(&fields);
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

/* The bullets of an item's list: field bullets give fields (a label link
 * gives the main link), else the first prose bullet is a summary. */
static void read_field_bullets(struct item_builder *b, cmark_node *list, struct link_list *field_main)
{
	for (cmark_node *li = cmark_node_first_child(list); li; li = cmark_node_next(li)) {
		cmark_node *first = cmark_node_first_child(li);
		if (!first || cmark_node_get_type(first) != CMARK_NODE_PARAGRAPH)
			continue;
		if (paragraph_is_fields(first)) {
			apply_fields(b, first, field_main);
			continue;
		}
		if (bullet_is_field(first)) {
			{
				struct link_list links = { 0 };
				collect_links(first, &links);
				for (size_t i = 0; i < links.count; i++)
					if (!links.links[i].derived)
						link_list_add_copy(field_main, &links.links[i]);
				link_list_clear(&links);
			}
			continue;
		}
		if (!b->item.summary) {
			struct link_list links = { 0 };
			collect_links(first, &links);
			char *text = node_text(first);
			trim_decoration(text);
			if (!links.count && strlen(text) > 12)
				set_summary(b, skip_label(text));
			free(text);
			link_list_clear(&links);
		}
	}
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
				if (!b->item.summary) {
					/* the item's words, not its credit links */
					char *said = text_without_labels(cmark_node_first_child(node));
					set_summary(b, *said ? said : text);
					free(said);
					b->summary_from_prose = b->item.summary != NULL;
				}
				seen_prose = true;
			}
			free(text);
		} else if (type == CMARK_NODE_LIST) {
			read_field_bullets(b, node, field_main);
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

/* Whether TEXT names WHAT (ASCII case ignored): "GLM-5.2" in "glm-5.2 ships". */
static bool mentions(const char *text, const char *what)
{
	size_t n = strlen(what);
	if (!text || !n)
		return false;
	for (const char *p = text; *p; p++)
		if (strncasecmp(p, what, n) == 0)
			return true;
	return false;
}

/* Whether the link text TEXT is the first thing of TITLE (ASCII case
 * ignored), ending where a word ends: the item's name is its link's. */
static bool text_leads(const char *title, const char *text)
{
	while (*text == ' ')
		text++;
	size_t n = strlen(text);
	while (n && text[n - 1] == ' ')
		n--;
	if (!title || !n)
		return false;
	while (*title == ' ')
		title++;
	return strncasecmp(title, text, n) == 0 && !isalnum((unsigned char)title[n]);
}

/* Finish an item: pick the main link, kind, key, URL and date. */
void finish_item(struct engine *e, struct item_builder *b, struct link_list *heading_links,
                        struct link_list *field_main, struct link_list *links, const char *wikilink)
{
	/* Main link: the heading's own link, then a link field, then the first
	 * explicit link, then links derived from text. */
	struct link_list *ordered[] = { heading_links, field_main, links };
	static const char *const sources[] = {
		N_("URL from its own line's link"), N_("URL from a link field"), N_("URL from the first link in its text"),
	};
	for (size_t pass = 0; pass < 2; pass++) {
		for (size_t l = 0; l < sizeof ordered / sizeof *ordered; l++) {
			if (!ordered[l])
				continue;
			for (size_t i = 0; i < ordered[l]->count; i++) {
				struct found_link *f = &ordered[l]->links[i];
				if (f->derived != (pass == 1))
					continue;
				if (builder_add_found_link(b, f) && b->item.link_count == 1) {
					b->url_from = pass ? N_("URL from an id in its text") : sources[l];
					/* a link field says where the item is */
					b->name_link = !pass && ordered[l] == field_main;
				}
			}
		}
	}
	/* The links were added in priority order, so links[0] is the main one;
	 * but a heading with an arXiv id in its text names its paper. */
	const struct link_identity *heading_id =
		heading_links && heading_links->count ? found_link_identity(&heading_links->links[0]) : NULL;
	for (size_t i = 0; heading_id && i < b->item.link_count; i++)
		if (strcmp(heading_id->key, b->item.links[i].key) == 0) {
			builder_promote_link(b, i);
			/* an id its heading cites names the paper; an explicit
			 * link is its name when its text leads the title (below) */
			if (heading_links->links[0].derived)
				b->name_link = true;
		}
	/* A chat channel is where an item was discussed, not what it is: a
	 * link of another kind comes first, else the item is keyed by title. */
	bool chat_only = b->item.link_count > 0 && is_chat_url(b->item.links[0].url);
	for (size_t i = 1; chat_only && i < b->item.link_count; i++) {
		if (!is_chat_url(b->item.links[i].url)) {
			builder_promote_link(b, i);
			chat_only = false;
		}
	}
	if (chat_only) {
		b->url_from = N_("URL of a chat channel, no identity: keyed by title");
		b->item.kind = KIND_DISCUSSION;
		b->item.url = xstrdup(b->item.links[0].url);
		char *lower = xstrdup(b->item.title ? b->item.title : "");
		for (char *p = lower; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		b->item.key = xasprintf("note:%s", lower);
		free(lower);
	}
	/* A note that credits a site's home page is still that note. */
	bool home_only = wikilink && b->item.link_count > 0 && is_home_page(b->item.links[0].url);
	if (chat_only) {
		/* keyed above */
	} else if (b->item.link_count > 0 && !home_only && !b->references_only) {
		b->item.kind = b->forum ? KIND_DISCUSSION : b->item.links[0].kind;
		b->item.key = xstrdup(b->item.links[0].key);
		b->item.url = xstrdup(b->item.links[0].url);
	} else {
		b->url_from = wikilink ? N_("no URL: a wiki link's note")
		              : b->references_only ? N_("only cross-references: a note keyed by title")
		              : N_("no link: a note keyed by title");
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
		b->title_from = N_("the text of its link");
		b->item.title = clean_copy(fallback ? fallback : (b->item.url ? b->item.url : ""));
	}
	if (b->item.link_count && text_leads(b->item.title, b->item.links[0].text))
		b->name_link = true;
	/* A file's name is no title; the item's own summary names it better
	 * (after keying: identities do not move). */
	if (is_file_slug(b->item.title) && b->item.summary && *b->item.summary) {
		free(b->item.title);
		b->item.title = sentence_title(b->item.summary);
		b->title_from = N_("its summary's first sentence (the title was a file name)");
	}
	cut_text(b->item.title, TITLE_MAX_BYTES);
	for (size_t i = 0; i < e->digest->tag_count; i++)
		builder_add_tag(b, e->digest->tags[i].name, e->digest->tags[i].origin);
	for (size_t i = 0; i < e->digest->entity_count; i++) {
		const struct digest_tag *t = &e->digest->entities[i];
		if (mentions(b->item.title, t->name) || mentions(b->item.markdown, t->name))
			builder_add_tag(b, t->name, t->origin);
	}
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
