/* The digest engine: Markdown in, items out.
 *
 * A digest is parsed with cmark-gfm, then segmented in passes over the
 * top-level blocks of the document:
 *
 *  1. Headings become a section tree.  Tables of contents are skipped;
 *     sub-headings that repeat under several parents (核心技术, 相关资源, ...)
 *     are templates: they belong to the item above them.
 *  2. Heading items: numbered headings ("### 3. Title", "### [3] Title"),
 *     time slots ("## 00:00-01:00") and headings that carry a link, when
 *     their own content is not just a list or table of links; plus leaf
 *     headings with links at the deepest such level of the document
 *     (weekly lists: ## part > ### category > #### item).
 *  3. Outside heading items, link bullets (a list item whose first
 *     paragraph holds a link) and table rows with links are items; nested
 *     bullets under them are their details.
 *
 * Each item's main link decides its kind and identity key (links.h), so the
 * same paper or repository from several places is one item. */
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
#include "frontmatter.h"
#include "i18n.h"
#include "links.h"
#include "markdown.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

/* Nested lists deeper than this are details, never searched for items. */
#define MAX_LIST_DEPTH 8
/* Summaries are a sentence or two, not the whole excerpt. */
#define SUMMARY_MAX_BYTES 600
#define TITLE_MAX_BYTES 400

/* ------------------------------------------------------------------ */
/* Small string helpers */

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The code point at S, a NUL-terminated string (at most 4 bytes read);
 * *LENGTH is set to the bytes it takes, 0 at the terminator. */
static unsigned int utf8_at(const char *s, size_t *length)
{
	unsigned int c = 0;
	size_t avail = strnlen(s, 4);
	*length = avail ? text_utf8_next(s, avail, &c) : 0;
	return c;
}

/* Symbols and pictographs that decorate headings ("🔥 ", "📄 ", "⚙️ "). */
static bool is_decoration(unsigned int c)
{
	return (c >= 0x1f000 && c <= 0x1faff) || (c >= 0x2190 && c <= 0x21ff) ||
	       (c >= 0x2300 && c <= 0x23ff) || (c >= 0x2460 && c <= 0x24ff) ||
	       (c >= 0x25a0 && c <= 0x27bf) || (c >= 0x2b00 && c <= 0x2bff) ||
	       c == 0xfe0f || c == 0xfe0e || c == 0x200d || c == 0x20e3 || c == 0x3013 ||
	       (c >= 0xe0020 && c <= 0xe007f);
}

/* Remove leading and trailing white space and decoration in place. */
static void trim_decoration(char *s)
{
	char *start = s;
	for (;;) {
		size_t n;
		unsigned int c = utf8_at(start, &n);
		if (*start && (isspace((unsigned char)*start) || is_decoration(c) || c == 0x3000))
			start += n;
		else
			break;
	}
	if (start != s)
		memmove(s, start, strlen(start) + 1);
	size_t len = strlen(s);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		s[--len] = '\0';
}

static void trim_spaces(char *s)
{
	char *start = s;
	while (*start && isspace((unsigned char)*start))
		start++;
	if (start != s)
		memmove(s, start, strlen(start) + 1);
	size_t len = strlen(s);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		s[--len] = '\0';
}

/* Collapse runs of white space (including newlines) into one space. */
static void collapse_spaces(char *s)
{
	char *out = s;
	bool space = false;
	for (char *p = s; *p; p++) {
		if (isspace((unsigned char)*p)) {
			space = true;
			continue;
		}
		if (space && out != s)
			*out++ = ' ';
		space = false;
		*out++ = *p;
	}
	*out = '\0';
}

/* Cut S in place to at most MAX bytes at a character boundary, preferring
 * the end of a sentence; a cut elsewhere ends with "…".  S must have room:
 * it only ever shrinks, and "…" (3 bytes) replaces at least 3 bytes. */
static void cut_text(char *s, size_t max)
{
	size_t len = strlen(s);
	if (len <= max || max < 8)
		return;
	/* A sentence end in the second half of the allowed length. */
	for (size_t i = max; i > max / 2; i--) {
		if ((s[i - 1] == '.' && s[i] == ' ') ||
		    (i >= 3 && (memcmp(s + i - 3, "。", 3) == 0 || memcmp(s + i - 3, "！", 3) == 0 ||
		                memcmp(s + i - 3, "？", 3) == 0))) {
			s[i] = '\0';
			return;
		}
	}
	size_t cut = max - 3;
	while (cut > 0 && ((unsigned char)s[cut] & 0xc0) == 0x80)
		cut--;
	memcpy(s + cut, "…", sizeof "…");
}

static char *clean_copy(const char *s)
{
	char *clean = text_clean(s, strlen(s));
	collapse_spaces(clean);
	trim_spaces(clean);
	return clean;
}

/* Lowercase ASCII letters, drop spaces, punctuation and decoration:
 * the form in which repeated sub-headings and TOC titles are compared. */
static char *normalize_heading(const char *s)
{
	struct strbuf sb;
	strbuf_init(&sb);
	for (const char *p = s; *p;) {
		size_t n;
		unsigned int c = utf8_at(p, &n);
		if (c < 0x80) {
			if (isalnum((int)c))
				strbuf_putc(&sb, (char)tolower((int)c));
		} else if (!is_decoration(c) && c != 0x3000 && !(c >= 0xff00 && c <= 0xff0f) &&
		           !(c >= 0x3000 && c <= 0x303f)) {
			strbuf_append(&sb, p, n);
		}
		p += n;
	}
	return strbuf_detach(&sb);
}

/* ------------------------------------------------------------------ */
/* Reading the AST */

static const char *type_name(cmark_node *node)
{
	return cmark_node_get_type_string(node);
}

static bool is_table_row(cmark_node *node)
{
	const char *t = type_name(node);
	return strcmp(t, "table_row") == 0 || strcmp(t, "table_header") == 0;
}

static bool is_table(cmark_node *node)
{
	return strcmp(type_name(node), "table") == 0;
}

static bool is_table_header(cmark_node *node)
{
	return strcmp(type_name(node), "table_header") == 0 ||
	       (strcmp(type_name(node), "table_row") == 0 &&
	        cmark_gfm_extensions_get_table_row_is_header(node));
}

/* Plain text of a subtree.  Soft breaks become spaces except between two
 * CJK characters; block boundaries become newlines; images keep alt text. */
static void plain_text(cmark_node *root, struct strbuf *sb)
{
	cmark_iter *iter = cmark_iter_new(root);
	cmark_event_type event;
	while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		cmark_node_type type = cmark_node_get_type(node);
		if (event == CMARK_EVENT_ENTER) {
			switch (type) {
			case CMARK_NODE_TEXT:
			case CMARK_NODE_CODE:
				strbuf_puts(sb, cmark_node_get_literal(node));
				break;
			case CMARK_NODE_SOFTBREAK: {
				bool cjk_before = false;
				if (sb->len >= 3) {
					unsigned int c;
					text_utf8_prev(sb->data, sb->len, &c);
					cjk_before = text_is_cjk(c);
				}
				cmark_node *next = cmark_node_next(node);
				bool cjk_after = false;
				if (next && cmark_node_get_type(next) == CMARK_NODE_TEXT) {
					size_t n;
					const char *lit = cmark_node_get_literal(next);
					cjk_after = lit && text_is_cjk(utf8_at(lit, &n));
				}
				if (!(cjk_before && cjk_after))
					strbuf_putc(sb, ' ');
				break;
			}
			case CMARK_NODE_LINEBREAK:
				strbuf_putc(sb, '\n');
				break;
			case CMARK_NODE_CODE_BLOCK:
				strbuf_puts(sb, cmark_node_get_literal(node));
				break;
			default:
				break;
			}
		} else if (event == CMARK_EVENT_EXIT) {
			if ((type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING ||
			     type == CMARK_NODE_ITEM) && node != root)
				strbuf_putc(sb, '\n');
			else if (is_table_row(node) && node != root)
				strbuf_putc(sb, '\n');
			else if (strcmp(type_name(node), "table_cell") == 0 && node != root)
				strbuf_puts(sb, " | ");
		}
	}
	cmark_iter_free(iter);
}

static char *node_text(cmark_node *node)
{
	struct strbuf sb;
	strbuf_init(&sb);
	plain_text(node, &sb);
	return strbuf_detach(&sb);
}

/* ------------------------------------------------------------------ */
/* Links found in a piece of the document */

struct found_link {
	char *url;          /* as written (explicit) or constructed (derived) */
	char *text;
	bool derived;       /* from text: an arXiv id or a backticked owner/repo */
};

struct link_list {
	struct found_link *links;
	size_t count, capacity;
};

static void link_list_add(struct link_list *list, const char *url, const char *text, bool derived)
{
	list->links = xgrow(list->links, &list->capacity, list->count + 1, sizeof *list->links);
	list->links[list->count].url = xstrdup(url);
	list->links[list->count].text = xstrdup(text ? text : "");
	list->links[list->count].derived = derived;
	list->count++;
}

static void link_list_free(struct link_list *list)
{
	for (size_t i = 0; i < list->count; i++) {
		free(list->links[i].url);
		free(list->links[i].text);
	}
	free(list->links);
	memset(list, 0, sizeof *list);
}

static void add_arxiv_link(const char *id, void *data)
{
	char *url = xasprintf("https://arxiv.org/abs/%s", id);
	char *text = xasprintf("arXiv:%s", id);
	link_list_add(data, url, text, true);
	free(url);
	free(text);
}

static void add_repo_link(const char *owner_repo, void *data)
{
	char *url = xasprintf("https://github.com/%s", owner_repo);
	link_list_add(data, url, owner_repo, true);
	free(url);
}

static bool is_content_url(const char *url)
{
	struct link_identity id;
	if (!link_classify(url, &id))
		return false;
	link_identity_free(&id);
	return true;
}

/* Every content link under ROOT, in document order.  Images are skipped
 * (a badge is not a link of the item); links to anchors and relative paths
 * are skipped by link_classify. */
static void collect_links(cmark_node *root, struct link_list *out)
{
	cmark_iter *iter = cmark_iter_new(root);
	cmark_event_type event;
	int inside_link = 0;
	while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		cmark_node_type type = cmark_node_get_type(node);
		if (type == CMARK_NODE_LINK) {
			if (event == CMARK_EVENT_ENTER) {
				inside_link++;
				const char *url = cmark_node_get_url(node);
				if (url && is_content_url(url)) {
					char *text = node_text(node);
					collapse_spaces(text);
					link_list_add(out, url, text, false);
					free(text);
				}
			} else {
				inside_link--;
			}
			continue;
		}
		if (event != CMARK_EVENT_ENTER)
			continue;
		if (type == CMARK_NODE_TEXT && !inside_link) {
			link_find_arxiv_ids(cmark_node_get_literal(node), add_arxiv_link, out);
		} else if (type == CMARK_NODE_CODE && !inside_link) {
			link_find_repo_names(cmark_node_get_literal(node), add_repo_link, out);
		}
	}
	cmark_iter_free(iter);
}

static size_t count_explicit(const struct link_list *list)
{
	size_t n = 0;
	for (size_t i = 0; i < list->count; i++)
		n += !list->links[i].derived;
	return n;
}

/* "[[Target]]" or "[[Target|Alias]]" Obsidian links: the first target. */
static char *find_wikilink(const char *text)
{
	const char *open = strstr(text, "[[");
	while (open) {
		const char *close = strstr(open + 2, "]]");
		if (!close)
			return NULL;
		const char *newline = memchr(open, '\n', (size_t)(close - open));
		if (!newline && close > open + 2) {
			const char *end = close;
			const char *bar = memchr(open + 2, '|', (size_t)(close - open - 2));
			if (bar)
				end = bar;
			char *target = xstrndup(open + 2, (size_t)(end - open - 2));
			trim_spaces(target);
			if (*target)
				return target;
			free(target);
		}
		open = strstr(open + 2, "[[");
	}
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Items under construction */

struct item_builder {
	struct digest_item item;
	size_t tag_capacity;
	size_t link_capacity;
	size_t position;        /* first source line, for document order */
	bool from_heading;      /* a heading item: the document's own unit */
	char *fallback_summary; /* the first unnamed field ("**问题：** ..."), if nothing better */
};

struct engine {
	const char *body;       /* sanitised Markdown body */
	size_t body_len;
	size_t *line_offsets;   /* byte offset of each line start (1-based lines) */
	size_t line_count;
	const struct digest *digest;
	struct item_builder *items;
	size_t item_count, item_capacity;
};

static void builder_add_tag(struct item_builder *b, const char *name, const char *origin)
{
	char *clean = clean_copy(name);
	trim_decoration(clean);
	if (!*clean || strlen(clean) > 80) {
		free(clean);
		return;
	}
	for (size_t i = 0; i < b->item.tag_count; i++) {
		if (strcmp(b->item.tags[i].name, clean) == 0) {
			free(clean);
			return;
		}
	}
	b->item.tags = xgrow(b->item.tags, &b->tag_capacity, b->item.tag_count + 1,
	                     sizeof *b->item.tags);
	b->item.tags[b->item.tag_count].name = clean;
	b->item.tags[b->item.tag_count].origin = xstrdup(origin);
	b->item.tag_count++;
}

/* Add a link (deduplicated by identity key); returns whether it was new. */
static bool builder_add_link(struct item_builder *b, const char *url, const char *text)
{
	struct link_identity id;
	if (!link_classify(url, &id))
		return false;
	for (size_t i = 0; i < b->item.link_count; i++) {
		if (strcmp(b->item.links[i].key, id.key) == 0) {
			link_identity_free(&id);
			return false;
		}
	}
	b->item.links = xgrow(b->item.links, &b->link_capacity, b->item.link_count + 1,
	                      sizeof *b->item.links);
	struct digest_link *link = &b->item.links[b->item.link_count++];
	link->url = id.canonical_url;
	link->key = id.key;
	link->kind = id.kind;
	link->text = clean_copy(text ? text : "");
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
}

static char *excerpt(const struct engine *e, int start_line, int end_line)
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
/* Fields: "**来源**: 量子位 | **时间**: 2026-02-14 09:15", "**Keywords:** a, b" */

enum field_kind {
	FIELD_NONE,
	FIELD_DATE,
	FIELD_TAGS,
	FIELD_KEYWORDS,
	FIELD_LINK,
	FIELD_SUMMARY,
	FIELD_AUTHORS,
	FIELD_TITLE,
	FIELD_CATEGORY,
};

static const struct {
	const char *label;
	enum field_kind kind;
} field_labels[] = {
	{ "时间", FIELD_DATE }, { "日期", FIELD_DATE }, { "发布时间", FIELD_DATE },
	{ "date", FIELD_DATE }, { "time", FIELD_DATE }, { "published", FIELD_DATE },
	{ "标签", FIELD_TAGS }, { "tags", FIELD_TAGS }, { "tag", FIELD_TAGS },
	{ "关键词", FIELD_KEYWORDS }, { "keywords", FIELD_KEYWORDS }, { "关键字", FIELD_KEYWORDS },
	{ "链接", FIELD_LINK }, { "原文链接", FIELD_LINK }, { "link", FIELD_LINK },
	{ "url", FIELD_LINK }, { "原文", FIELD_LINK }, { "地址", FIELD_LINK },
	{ "tl;dr", FIELD_SUMMARY }, { "tldr", FIELD_SUMMARY }, { "一句话摘要", FIELD_SUMMARY },
	{ "一句话介绍", FIELD_SUMMARY }, { "摘要", FIELD_SUMMARY }, { "summary", FIELD_SUMMARY },
	{ "一句话总结", FIELD_SUMMARY }, { "简介", FIELD_SUMMARY },
	{ "作者", FIELD_AUTHORS }, { "authors", FIELD_AUTHORS }, { "author", FIELD_AUTHORS },
	{ "原文标题", FIELD_TITLE }, { "标题", FIELD_TITLE },
	{ "main category", FIELD_CATEGORY }, { "分类", FIELD_CATEGORY }, { "category", FIELD_CATEGORY },
	{ "领域", FIELD_CATEGORY },
};

static enum field_kind field_kind_of(const char *label)
{
	char *norm = xstrdup(label);
	trim_decoration(norm);
	size_t len = strlen(norm);
	while (len > 0 && (norm[len - 1] == ':' || isspace((unsigned char)norm[len - 1])))
		norm[--len] = '\0';
	if (len >= 3 && strcmp(norm + len - 3, "：") == 0)
		norm[len - 3] = '\0';
	for (char *p = norm; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	enum field_kind kind = FIELD_NONE;
	for (size_t i = 0; i < sizeof field_labels / sizeof *field_labels; i++) {
		if (strcmp(norm, field_labels[i].label) == 0) {
			kind = field_labels[i].kind;
			break;
		}
	}
	free(norm);
	return kind;
}

struct field {
	enum field_kind kind;
	char *value;            /* plain text of the value */
	struct link_list links; /* links inside the value */
};

struct field_list {
	struct field *fields;
	size_t count, capacity;
};

static void field_list_free(struct field_list *list)
{
	for (size_t i = 0; i < list->count; i++) {
		free(list->fields[i].value);
		link_list_free(&list->fields[i].links);
	}
	free(list->fields);
	memset(list, 0, sizeof *list);
}

static bool text_starts_with_colon(const char *s)
{
	while (*s == ' ')
		s++;
	return *s == ':' || starts_with(s, "：");
}

static const char *skip_colon(const char *s)
{
	while (*s == ' ')
		s++;
	if (*s == ':')
		s++;
	else if (starts_with(s, "："))
		s += strlen("：");
	while (*s == ' ')
		s++;
	return s;
}

/* Read the fields of one paragraph: a field starts at a strong node whose
 * text ends with a colon or is followed by one, and runs until the next
 * field label, a line break or " | ". */
static void read_fields(cmark_node *paragraph, struct field_list *out)
{
	struct field *current = NULL;
	struct strbuf value;
	strbuf_init(&value);
	for (cmark_node *child = cmark_node_first_child(paragraph); child;
	     child = cmark_node_next(child)) {
		cmark_node_type type = cmark_node_get_type(child);
		if (type == CMARK_NODE_STRONG) {
			char *label = node_text(child);
			cmark_node *next = cmark_node_next(child);
			const char *next_text = next && cmark_node_get_type(next) == CMARK_NODE_TEXT
			                        ? cmark_node_get_literal(next) : "";
			size_t len = strlen(label);
			bool colon_inside = (len > 0 && label[len - 1] == ':') ||
			                    (len >= 3 && strcmp(label + len - 3, "：") == 0);
			enum field_kind kind = FIELD_NONE;
			if (colon_inside || text_starts_with_colon(next_text))
				kind = field_kind_of(label);
			free(label);
			if (colon_inside || text_starts_with_colon(next_text)) {
				if (current) {
					current->value = strbuf_detach(&value);
					strbuf_init(&value);
				}
				out->fields = xgrow(out->fields, &out->capacity, out->count + 1,
				                    sizeof *out->fields);
				current = &out->fields[out->count++];
				memset(current, 0, sizeof *current);
				current->kind = kind;
				if (!colon_inside && next) {
					/* The colon is in the following text node: skip it. */
					strbuf_puts(&value, skip_colon(next_text));
					child = next;
				}
				continue;
			}
		}
		if (!current)
			continue;
		if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
			current->value = strbuf_detach(&value);
			strbuf_init(&value);
			current = NULL;
			continue;
		}
		if (type == CMARK_NODE_LINK) {
			const char *url = cmark_node_get_url(child);
			char *text = node_text(child);
			if (url && is_content_url(url))
				link_list_add(&current->links, url, text, false);
			strbuf_puts(&value, text);
			free(text);
			continue;
		}
		char *text = node_text(child);
		strbuf_puts(&value, text);
		free(text);
	}
	if (current)
		current->value = strbuf_detach(&value);
	else
		strbuf_free(&value);
	for (size_t i = 0; i < out->count; i++) {
		if (!out->fields[i].value)
			out->fields[i].value = xstrdup("");
		/* Cut at " | ", which separates fields written on one line. */
		char *bar = strstr(out->fields[i].value, " | ");
		if (bar)
			*bar = '\0';
		trim_spaces(out->fields[i].value);
	}
}

/* "[开源] [大模型]" → 开源, 大模型; "a, b；c、d" → a, b, c, d. */
static void add_tag_list(struct item_builder *b, const char *value, const char *origin)
{
	if (strchr(value, '[')) {
		const char *p = value;
		while ((p = strchr(p, '['))) {
			const char *end = strchr(p + 1, ']');
			if (!end)
				break;
			char *tag = xstrndup(p + 1, (size_t)(end - p - 1));
			builder_add_tag(b, tag, origin);
			free(tag);
			p = end + 1;
		}
		return;
	}
	char *copy = xstrdup(value);
	char *start = copy;
	for (char *p = copy;; ) {
		size_t n;
		unsigned int c = utf8_at(p, &n);
		bool separator = c == 0 || c == ',' || c == ';' || c == 0xff0c || c == 0x3001 ||
		                 c == 0xff1b || c == '|' || c == '#';
		if (!*p)
			n = 0;
		if (separator) {
			char saved = *p;
			*p = '\0';
			char *tag = xstrdup(start);
			trim_spaces(tag);
			if (*tag)
				builder_add_tag(b, tag, origin);
			free(tag);
			if (!saved)
				break;
			*p = saved;
			p += n;
			start = p;
		} else {
			p += n;
		}
	}
	free(copy);
}

/* ------------------------------------------------------------------ */
/* Block bookkeeping */

struct heading {
	size_t block;           /* index of the heading block */
	int level;
	char *text;             /* clean text of the heading */
	char *norm;
	size_t own_end;         /* first block after its own content */
	size_t end;             /* first block after its section */
	int parent;             /* heading index or -1 */
	bool toc;
	bool is_template;
	bool numbered;
	bool timeslot;
	bool has_link;          /* the heading itself carries a link or an arXiv id */
	bool has_real_children; /* non-template sub-headings */
	bool container;         /* own content is mostly a list/table of links */
	bool own_links;         /* own content has links (or wiki links) */
	bool own_derived;       /* own content cites an arXiv id or a repo in text */
	bool is_item;
};

struct document {
	cmark_node **blocks;
	size_t block_count;
	struct heading *headings;
	size_t heading_count;
	int *block_heading;     /* innermost heading whose section holds each block, or -1 */
	size_t *entry_end;      /* a paragraph entry starting at a block ends here, else 0 */
};

static bool parse_number_prefix(const char *s, size_t *skip)
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

static bool parse_timeslot(const char *s, size_t *skip)
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
	if (digits < 1 || digits > 2 || p[digits] != ':' || !isdigit((unsigned char)p[digits + 1]))
		return false;
	p += digits + 3;
	*skip = (size_t)(p - s);
	return true;
}

static bool is_toc_title(const char *norm)
{
	static const char *const titles[] = {
		"目录", "目錄", "tableofcontents", "contents", "toc", "索引", "本期目录", "inthisissue",
	};
	for (size_t i = 0; i < sizeof titles / sizeof *titles; i++)
		if (strcmp(norm, titles[i]) == 0)
			return true;
	return false;
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

static char *pseudo_heading(cmark_node *paragraph);
static enum field_kind field_kind_of(const char *label);

static bool has_explicit_link(cmark_node *node)
{
	struct link_list links = { 0 };
	collect_links(node, &links);
	bool has = count_explicit(&links) > 0;
	link_list_free(&links);
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
		if (type == CMARK_NODE_LIST || is_table(node) || in_entry(doc, h->block + 1, b))
			listed += n;
		else
			prose += n;
		/* An arXiv id or a repo name mentioned in prose makes a numbered
		 * section an item, but not any other: commentary cites papers it
		 * does not present. */
		if (!n && links.count)
			h->own_derived = true;
		link_list_free(&links);
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

static void build_sections(struct document *doc)
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
			char *raw = node_text(node);
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

static bool inside_toc(const struct document *doc, int heading)
{
	for (int h = heading; h >= 0; h = doc->headings[h].parent)
		if (doc->headings[h].toc)
			return true;
	return false;
}

static void classify_headings(struct document *doc)
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
		h->toc = is_toc_title(h->norm);
		size_t skip;
		h->numbered = parse_number_prefix(h->text, &skip);
		h->timeslot = parse_timeslot(h->text, &skip);
		struct link_list links = { 0 };
		collect_links(doc->blocks[h->block], &links);
		h->has_link = links.count > 0;
		link_list_free(&links);
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

/* ------------------------------------------------------------------ */
/* Building items */

static struct item_builder *new_item(struct engine *e, size_t position)
{
	e->items = xgrow(e->items, &e->item_capacity, e->item_count + 1, sizeof *e->items);
	struct item_builder *b = &e->items[e->item_count++];
	memset(b, 0, sizeof *b);
	b->position = position;
	return b;
}

static void free_item(struct digest_item *item)
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

static void set_summary(struct item_builder *b, const char *text)
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
static char *section_path(const struct document *doc, int heading, const char *extra)
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
static char *title_from_heading(const char *text)
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
static char *lead_subject(const char *paragraph)
{
	char *s = xstrdup(paragraph);
	collapse_spaces(s);
	static const char *const stops[] = { "，", "。", "：", "；", "！", "？", ", ", ". ", ": ", "; " };
	size_t cut = strlen(s);
	for (size_t i = 0; i < sizeof stops / sizeof *stops; i++) {
		char *p = strstr(s, stops[i]);
		if (p && (size_t)(p - s) < cut && p > s)
			cut = (size_t)(p - s);
	}
	s[cut] = '\0';
	if (strlen(s) > 90)
		cut_text(s, 90);
	trim_spaces(s);
	return s;
}

static bool paragraph_is_fields(cmark_node *paragraph)
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
static void apply_fields(struct item_builder *b, cmark_node *paragraph, struct link_list *field_main)
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
static bool apply_hashtags(struct item_builder *b, const char *text)
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
static void read_item_blocks(struct document *doc, struct item_builder *b,
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
static void finish_item(struct engine *e, struct item_builder *b, struct link_list *heading_links,
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

static void add_section_tag(const struct document *doc, struct item_builder *b, int heading)
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

static void build_heading_item(struct engine *e, struct document *doc, int index)
{
	struct heading *h = &doc->headings[index];
	cmark_node *node = doc->blocks[h->block];
	struct item_builder *b = new_item(e, (size_t)cmark_node_get_start_line(node));
	b->from_heading = true;
	struct link_list heading_links = { 0 }, field_main = { 0 }, links = { 0 };
	char *wikilink = NULL;
	collect_links(node, &heading_links);

	read_item_blocks(doc, b, h->block + 1, h->end, &links, &field_main, &wikilink);
	if (!heading_links.count && wikilink == NULL) {
		char *text = node_text(node);
		wikilink = find_wikilink(text);
		free(text);
	}

	char *title = title_from_heading(h->text);
	size_t slot_length = 0;
	if (h->timeslot && parse_timeslot(title, &slot_length) && title[slot_length] == '\0') {
		/* "00:00-01:00" alone says nothing: add the slot's lead subject. */
		for (size_t i = h->block + 1; i < h->end; i++) {
			if (cmark_node_get_type(doc->blocks[i]) != CMARK_NODE_PARAGRAPH)
				continue;
			char *text = node_text(doc->blocks[i]);
			char *lead = lead_subject(text);
			if (*lead) {
				char *joined = xasprintf("%s %s", title, lead);
				free(title);
				title = joined;
			}
			free(lead);
			free(text);
			break;
		}
	}
	b->item.title = clean_copy(title);
	free(title);
	b->item.section = section_path(doc, h->parent, NULL);
	add_section_tag(doc, b, h->parent);
	int end_line = h->end < doc->block_count
	               ? cmark_node_get_start_line(doc->blocks[h->end]) - 1
	               : (int)e->line_count;
	b->item.markdown = excerpt(e, cmark_node_get_start_line(node), end_line);
	finish_item(e, b, &heading_links, &field_main, &links, wikilink);
	free(wikilink);
	link_list_free(&heading_links);
	link_list_free(&field_main);
	link_list_free(&links);
}

/* The title of a link bullet: a leading **bold** (not a category marker
 * like **[产品]**, which becomes a tag), else the first link's text. */
static char *bullet_title(cmark_node *paragraph, struct item_builder *b, const struct link_list *links)
{
	char *title = NULL;
	for (cmark_node *c = cmark_node_first_child(paragraph); c && !title; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		if (t == CMARK_NODE_TEXT) {
			char *lit = xstrdup(cmark_node_get_literal(c));
			trim_spaces(lit);
			bool blank = *lit == '\0';
			free(lit);
			if (blank)
				continue;
			break;
		}
		if (t == CMARK_NODE_STRONG) {
			char *text = node_text(c);
			trim_spaces(text);
			size_t len = strlen(text);
			if (len > 2 && text[0] == '[' && text[len - 1] == ']' && !strchr(text + 1, '[')) {
				text[len - 1] = '\0';
				builder_add_tag(b, text + 1, "category");
				free(text);
				continue;
			}
			while (len > 0 && (text[len - 1] == ':' || text[len - 1] == ' '))
				text[--len] = '\0';
			if (len >= 3 && strcmp(text + len - 3, "：") == 0)
				text[len - 3] = '\0';
			title = text;
			break;
		}
		if (t == CMARK_NODE_LINK) {
			title = node_text(c);
			break;
		}
		break;
	}
	if (!title && links->count && !links->links[0].derived)
		title = xstrdup(links->links[0].text);
	return title;
}

/* What follows the title in a bullet: "— text", ": text". */
static char *bullet_summary(const char *text, const char *title)
{
	const char *rest = text;
	if (title && *title) {
		const char *found = strstr(text, title);
		if (found)
			rest = found + strlen(title);
	}
	for (;;) {
		while (*rest == ' ' || *rest == '*')
			rest++;
		/* "(Activity: 459): summary": a short parenthetical note before the
		 * colon is metadata, not the summary. */
		const char *close = *rest == '(' ? strchr(rest, ')') : NULL;
		if (close && close - rest < 40) {
			const char *after = close + 1;
			while (*after == ' ')
				after++;
			if (*after == ':' || starts_with(after, "：")) {
				rest = after;
				continue;
			}
		}
		if (*rest == ':' || *rest == '-' || *rest == '|' || *rest == ')')
			rest++;
		else if (starts_with(rest, "—") || starts_with(rest, "：") || starts_with(rest, "–"))
			rest += 3;
		else
			break;
	}
	return xstrdup(rest);
}

static bool first_paragraph_has_link(cmark_node *list_item, cmark_node **paragraph)
{
	cmark_node *first = cmark_node_first_child(list_item);
	if (!first || cmark_node_get_type(first) != CMARK_NODE_PARAGRAPH)
		return false;
	*paragraph = first;
	struct link_list links = { 0 };
	collect_links(first, &links);
	bool has = count_explicit(&links) > 0;
	link_list_free(&links);
	if (!has) {
		char *text = node_text(first);
		char *wiki = find_wikilink(text);
		has = wiki && starts_with(text, "[[");
		free(wiki);
		free(text);
	}
	return has;
}

/* Navigation pages never become items on their own. */
static bool is_navigation_url(const char *url)
{
	static const char *const pages[] = {
		"https://github.com/trending", "https://github.com/explore", "https://github.com/topics",
	};
	for (size_t i = 0; i < sizeof pages / sizeof *pages; i++)
		if (starts_with(url, pages[i]))
			return true;
	return false;
}

static void build_bullet_item(struct engine *e, const struct document *doc, int heading,
                              const char *pseudo_section, cmark_node *list_item,
                              cmark_node *paragraph)
{
	struct link_list first_links = { 0 }, links = { 0 }, field_main = { 0 };
	collect_links(paragraph, &first_links);
	if (first_links.count && count_explicit(&first_links) == first_links.count &&
	    first_links.count == 1 && is_navigation_url(first_links.links[0].url)) {
		link_list_free(&first_links);
		return;
	}
	struct item_builder *b = new_item(e, (size_t)cmark_node_get_start_line(list_item));
	collect_links(list_item, &links);
	char *wikilink = NULL;
	char *text = node_text(paragraph);
	wikilink = find_wikilink(text);
	char *title = bullet_title(paragraph, b, &first_links);
	if (!title && wikilink)
		title = xstrdup(wikilink);
	b->item.title = clean_copy(title ? title : "");
	char *summary = bullet_summary(text, title);
	set_summary(b, summary);
	free(summary);
	free(title);
	free(text);
	if (paragraph_is_fields(paragraph))
		apply_fields(b, paragraph, &field_main);
	/* Nested bullets and quotes are details of this item; their fields
	 * and hashtags still describe it. */
	for (cmark_node *c = cmark_node_next(paragraph); c; c = cmark_node_next(c)) {
		if (cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH) {
			char *t = node_text(c);
			if (paragraph_is_fields(c))
				apply_fields(b, c, &field_main);
			else
				apply_hashtags(b, t);
			free(t);
		}
	}
	b->item.section = section_path(doc, heading, pseudo_section);
	if (pseudo_section && *pseudo_section)
		builder_add_tag(b, pseudo_section, "section");
	else
		add_section_tag(doc, b, heading);
	b->item.markdown = excerpt(e, cmark_node_get_start_line(list_item),
	                           cmark_node_get_end_line(list_item));
	/* First-paragraph links come first: the bullet is about them. */
	finish_item(e, b, &first_links, &field_main, &links, wikilink);
	free(wikilink);
	link_list_free(&first_links);
	link_list_free(&links);
	link_list_free(&field_main);
}

static void scan_list(struct engine *e, const struct document *doc, int heading,
                      const char *pseudo_section, cmark_node *list, int depth)
{
	if (depth > MAX_LIST_DEPTH)
		return;
	for (cmark_node *li = cmark_node_first_child(list); li; li = cmark_node_next(li)) {
		cmark_node *paragraph = NULL;
		if (first_paragraph_has_link(li, &paragraph)) {
			build_bullet_item(e, doc, heading, pseudo_section, li, paragraph);
			continue;
		}
		/* A label bullet ("- **Papers**") may hold link bullets. */
		char *label = NULL;
		if (paragraph) {
			label = node_text(paragraph);
			collapse_spaces(label);
			trim_spaces(label);
			size_t len = strlen(label);
			while (len > 0 && (label[len - 1] == ':' || label[len - 1] == ' '))
				label[--len] = '\0';
			if (len > 60)
				label[0] = '\0';
		}
		for (cmark_node *c = cmark_node_first_child(li); c; c = cmark_node_next(c))
			if (cmark_node_get_type(c) == CMARK_NODE_LIST)
				scan_list(e, doc, heading, label && *label ? label : pseudo_section, c,
				          depth + 1);
		free(label);
	}
}

/* Which column of a table holds what, from its header. */
struct table_columns {
	int title, authors, summary;
};

static void read_table_header(cmark_node *header, struct table_columns *cols)
{
	cols->title = cols->authors = cols->summary = -1;
	int index = 0;
	for (cmark_node *cell = cmark_node_first_child(header); cell;
	     cell = cmark_node_next(cell), index++) {
		char *text = node_text(cell);
		char *norm = normalize_heading(text);
		free(text);
		static const char *const titles[] = { "title", "标题", "名称", "项目", "name", "project",
		                                      "paper", "论文", "repo", "repository", "模型", "model" };
		static const char *const authors[] = { "authors", "author", "作者", "机构" };
		static const char *const summaries[] = { "summary", "description", "描述", "说明", "简介",
		                                         "摘要", "亮点", "tldr", "notes", "备注" };
		for (size_t i = 0; i < sizeof titles / sizeof *titles; i++)
			if (strcmp(norm, titles[i]) == 0 && cols->title < 0)
				cols->title = index;
		for (size_t i = 0; i < sizeof authors / sizeof *authors; i++)
			if (strcmp(norm, authors[i]) == 0 && cols->authors < 0)
				cols->authors = index;
		for (size_t i = 0; i < sizeof summaries / sizeof *summaries; i++)
			if (strcmp(norm, summaries[i]) == 0 && cols->summary < 0)
				cols->summary = index;
		free(norm);
	}
}

static cmark_node *table_cell(cmark_node *row, int index)
{
	if (index < 0)
		return NULL;
	cmark_node *cell = cmark_node_first_child(row);
	for (int i = 0; cell && i < index; i++)
		cell = cmark_node_next(cell);
	return cell;
}

static void scan_table(struct engine *e, const struct document *doc, int heading, cmark_node *table)
{
	struct table_columns cols = { -1, -1, -1 };
	for (cmark_node *row = cmark_node_first_child(table); row; row = cmark_node_next(row)) {
		if (is_table_header(row)) {
			read_table_header(row, &cols);
			continue;
		}
		struct link_list links = { 0 };
		collect_links(row, &links);
		if (count_explicit(&links) == 0) {
			link_list_free(&links);
			continue;
		}
		struct item_builder *b = new_item(e, (size_t)cmark_node_get_start_line(row));
		/* Title: the title column, else the cell holding the first link. */
		cmark_node *title_cell = table_cell(row, cols.title);
		if (!title_cell) {
			for (cmark_node *cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell)) {
				struct link_list cell_links = { 0 };
				collect_links(cell, &cell_links);
				bool has = count_explicit(&cell_links) > 0;
				link_list_free(&cell_links);
				if (has) {
					title_cell = cell;
					break;
				}
			}
		}
		char *title = title_cell ? node_text(title_cell) : xstrdup("");
		b->item.title = clean_copy(title);
		free(title);
		cmark_node *authors = table_cell(row, cols.authors);
		if (authors) {
			char *text = node_text(authors);
			b->item.authors = clean_copy(text);
			free(text);
		}
		cmark_node *summary = table_cell(row, cols.summary);
		if (summary) {
			char *text = node_text(summary);
			set_summary(b, text);
			free(text);
		} else {
			char *text = node_text(row);
			set_summary(b, text);
			free(text);
		}
		/* The title cell's links first: the row is about them. */
		struct link_list title_links = { 0 };
		if (title_cell)
			collect_links(title_cell, &title_links);
		b->item.section = section_path(doc, heading, NULL);
		add_section_tag(doc, b, heading);
		/* A row's excerpt is the header and the row, so it still reads as a table. */
		cmark_node *header = cmark_node_first_child(table);
		struct strbuf md;
		strbuf_init(&md);
		if (header && is_table_header(header)) {
			char *head = excerpt(e, cmark_node_get_start_line(header),
			                     cmark_node_get_start_line(header) + 1);
			strbuf_puts(&md, head);
			strbuf_putc(&md, '\n');
			free(head);
		}
		char *line = excerpt(e, cmark_node_get_start_line(row), cmark_node_get_start_line(row));
		strbuf_puts(&md, line);
		free(line);
		b->item.markdown = strbuf_detach(&md);
		finish_item(e, b, &title_links, NULL, &links, NULL);
		link_list_free(&title_links);
		link_list_free(&links);
	}
}

/* A paragraph that is only strong text acts as a heading for what follows
 * ("**Open Models and Benchmarks**" above a list of bullets). */
static char *pseudo_heading(cmark_node *paragraph)
{
	cmark_node *first = cmark_node_first_child(paragraph);
	if (!first || cmark_node_get_type(first) != CMARK_NODE_STRONG || cmark_node_next(first))
		return NULL;
	char *text = node_text(first);
	collapse_spaces(text);
	trim_spaces(text);
	size_t len = strlen(text);
	while (len > 0 && (text[len - 1] == ':' || text[len - 1] == ' '))
		text[--len] = '\0';
	if (len >= 3 && strcmp(text + len - 3, "：") == 0)
		text[len - 3] = '\0';
	if (!*text || strlen(text) > 120) {
		free(text);
		return NULL;
	}
	return text;
}

/* A paragraph entry [FROM, TO): "**Title** — text [link](url)", or a bold
 * line followed by paragraphs with links. */
static void build_entry_item(struct engine *e, const struct document *doc, size_t from, size_t to,
                             const char *pseudo_section)
{
	cmark_node *first = doc->blocks[from];
	int heading = doc->block_heading[from];
	struct item_builder *b = new_item(e, (size_t)cmark_node_get_start_line(first));
	char *title = node_text(cmark_node_first_child(first));
	collapse_spaces(title);
	trim_spaces(title);
	size_t len = strlen(title);
	while (len > 0 && (title[len - 1] == ':' || title[len - 1] == ' '))
		title[--len] = '\0';
	if (len >= 3 && strcmp(title + len - 3, "：") == 0)
		title[len - 3] = '\0';
	b->item.title = clean_copy(title);
	struct link_list links = { 0 };
	struct strbuf body;
	strbuf_init(&body);
	for (size_t i = from; i < to; i++) {
		collect_links(doc->blocks[i], &links);
		char *text = node_text(doc->blocks[i]);
		if (i == from) {
			char *rest = bullet_summary(text, title);
			strbuf_puts(&body, rest);
			free(rest);
		} else {
			strbuf_putc(&body, ' ');
			strbuf_puts(&body, text);
		}
		free(text);
	}
	trim_spaces(body.data);
	set_summary(b, body.data);
	strbuf_free(&body);
	free(title);
	b->item.section = section_path(doc, heading, pseudo_section);
	if (pseudo_section && *pseudo_section)
		builder_add_tag(b, pseudo_section, "section");
	else
		add_section_tag(doc, b, heading);
	b->item.markdown = excerpt(e, cmark_node_get_start_line(first),
	                           cmark_node_get_end_line(doc->blocks[to - 1]));
	finish_item(e, b, NULL, NULL, &links, NULL);
	link_list_free(&links);
}

/* "Name @handle [2026-02-17](https://x.com/handle/status/ID)" followed by a
 * quote holding the tweet: the pair is a tweet item. */
static bool tweet_excerpt(struct engine *e, const struct document *doc, size_t index,
                          const char *pseudo_section)
{
	if (index + 1 >= doc->block_count ||
	    cmark_node_get_type(doc->blocks[index + 1]) != CMARK_NODE_BLOCK_QUOTE)
		return false;
	cmark_node *line = doc->blocks[index];
	struct link_list links = { 0 };
	collect_links(line, &links);
	struct link_identity id;
	bool tweet = links.count == 1 && !links.links[0].derived &&
	             link_classify(links.links[0].url, &id);
	if (tweet) {
		tweet = id.kind == KIND_TWEET;
		link_identity_free(&id);
	}
	char *text = node_text(line);
	if (!tweet || strlen(text) > 300) {
		free(text);
		link_list_free(&links);
		return false;
	}
	cmark_node *quote = doc->blocks[index + 1];
	int heading = doc->block_heading[index];
	struct item_builder *b = new_item(e, (size_t)cmark_node_get_start_line(line));
	/* The author line, without the date link's text. */
	char *author = xstrdup(text);
	char *date_text = strstr(author, links.links[0].text);
	if (date_text && *links.links[0].text)
		*date_text = '\0';
	b->item.authors = clean_copy(author);
	free(author);
	char iso[DATE_ISO_MAX];
	if (date_parse(links.links[0].text, iso))
		b->item.date = xstrdup(iso);
	char *tweet_text = node_text(quote);
	char *title = clean_copy(tweet_text);
	cut_text(title, 160);
	b->item.title = title;
	set_summary(b, tweet_text);
	free(tweet_text);
	struct link_list quote_links = { 0 };
	collect_links(quote, &quote_links);
	b->item.section = section_path(doc, heading, pseudo_section);
	if (pseudo_section && *pseudo_section)
		builder_add_tag(b, pseudo_section, "section");
	else
		add_section_tag(doc, b, heading);
	b->item.markdown = excerpt(e, cmark_node_get_start_line(line), cmark_node_get_end_line(quote));
	finish_item(e, b, &links, NULL, &quote_links, NULL);
	link_list_free(&quote_links);
	link_list_free(&links);
	free(text);
	return true;
}

static void scan_blocks(struct engine *e, struct document *doc)
{
	char *pseudo = NULL;
	int pseudo_heading_index = -2;
	for (size_t b = 0; b < doc->block_count; b++) {
		cmark_node *node = doc->blocks[b];
		int heading = doc->block_heading[b];
		if (cmark_node_get_type(node) == CMARK_NODE_HEADING) {
			/* A heading block is the innermost heading of its own section. */
			int index = doc->block_heading[b];
			if (index >= 0 && doc->headings[index].block == b && doc->headings[index].is_item) {
				build_heading_item(e, doc, index);
				b = doc->headings[index].end - 1;
			}
			free(pseudo);
			pseudo = NULL;
			continue;
		}
		if (heading >= 0 && inside_toc(doc, heading))
			continue;
		if (pseudo_heading_index != heading) {
			free(pseudo);
			pseudo = NULL;
			pseudo_heading_index = heading;
		}
		cmark_node_type type = cmark_node_get_type(node);
		if (doc->entry_end[b]) {
			build_entry_item(e, doc, b, doc->entry_end[b], pseudo);
			b = doc->entry_end[b] - 1;
		} else if (type == CMARK_NODE_PARAGRAPH) {
			char *p = pseudo_heading(node);
			if (p) {
				free(pseudo);
				pseudo = p;
			} else if (tweet_excerpt(e, doc, b, pseudo)) {
				b++;    /* the quote belongs to the tweet */
			}
		} else if (type == CMARK_NODE_LIST) {
			scan_list(e, doc, heading, pseudo, node, 0);
		} else if (is_table(node)) {
			scan_table(e, doc, heading, node);
		}
	}
	free(pseudo);
}

/* ------------------------------------------------------------------ */
/* Merging: the same key twice in one digest is one item. */

static void merge_into(struct item_builder *into, struct item_builder *from)
{
	for (size_t i = 0; i < from->item.link_count; i++)
		builder_add_link(into, from->item.links[i].url, from->item.links[i].text);
	/* A reference-list line ("延伸阅读") only repeats a link: its section is
	 * not a topic of the item. */
	bool substantial = from->item.summary && strlen(from->item.summary) > 40;
	for (size_t i = 0; i < from->item.tag_count; i++)
		if (substantial || strcmp(from->item.tags[i].origin, "section") != 0)
			builder_add_tag(into, from->item.tags[i].name, from->item.tags[i].origin);
	if (!into->item.summary && from->item.summary)
		into->item.summary = xstrdup(from->item.summary);
	if (!into->item.authors && from->item.authors)
		into->item.authors = xstrdup(from->item.authors);
	/* A reference-list line that only repeats the link adds nothing to read. */
	if (from->item.markdown && substantial) {
		char *joined = xasprintf("%s\n\n%s", into->item.markdown ? into->item.markdown : "",
		                         from->item.markdown);
		free(into->item.markdown);
		into->item.markdown = joined;
	}
}

static int compare_positions(const void *a, const void *b)
{
	const struct item_builder *ia = a, *ib = b;
	return ia->position < ib->position ? -1 : ia->position > ib->position;
}

struct key_slot {
	const char *key;
	size_t index;
};

static uint64_t hash_key(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static void merge_duplicates(struct engine *e)
{
	if (e->item_count == 0)
		return;
	qsort(e->items, e->item_count, sizeof *e->items, compare_positions);
	size_t slots = 16;
	while (slots < e->item_count * 2)
		slots *= 2;
	struct key_slot *table = xcalloc(slots, sizeof *table);
	size_t kept = 0;
	for (size_t i = 0; i < e->item_count; i++) {
		struct item_builder *b = &e->items[i];
		size_t s = hash_key(b->item.key) & (slots - 1);
		while (table[s].key && strcmp(table[s].key, b->item.key) != 0)
			s = (s + 1) & (slots - 1);
		/* Two headings of the document are two items even when they point
		 * to the same thing; the cache merges them by key. */
		if (table[s].key && !(b->from_heading && e->items[table[s].index].from_heading)) {
			merge_into(&e->items[table[s].index], b);
			free_item(&b->item);
			continue;
		}
		if (kept != i)
			e->items[kept] = *b;
		table[s].key = e->items[kept].item.key;
		table[s].index = kept;
		kept++;
	}
	free(table);
	e->item_count = kept;
}

/* ------------------------------------------------------------------ */
/* The digest as a whole */

static void add_digest_tag(struct digest *d, size_t *capacity, const char *name, const char *origin)
{
	char *clean = clean_copy(name);
	if (!*clean) {
		free(clean);
		return;
	}
	for (size_t i = 0; i < d->tag_count; i++) {
		if (strcmp(d->tags[i].name, clean) == 0) {
			free(clean);
			return;
		}
	}
	d->tags = xgrow(d->tags, capacity, d->tag_count + 1, sizeof *d->tags);
	d->tags[d->tag_count].name = clean;
	d->tags[d->tag_count].origin = xstrdup(origin);
	d->tag_count++;
}

static void read_front_matter(struct digest *out, const char *doc, size_t len, size_t *body_start)
{
	size_t yaml_start, yaml_len;
	*body_start = 0;
	if (!frontmatter_locate(doc, len, &yaml_start, &yaml_len, body_start))
		return;
	struct frontmatter fm;
	char *error = NULL;
	if (frontmatter_parse(doc + yaml_start, yaml_len, &fm, &error) != 0) {
		out->warning = error;
		return;
	}
	if (fm.title)
		out->title = clean_copy(fm.title);
	if (fm.description)
		out->description = clean_copy(fm.description);
	if (fm.date) {
		char iso[DATE_ISO_MAX];
		if (date_parse(fm.date, iso))
			out->date = xstrdup(iso);
	}
	size_t capacity = 0;
	for (size_t i = 0; i < fm.tag_count; i++) {
		char *origin = xasprintf("frontmatter:%s", fm.tag_origins[i]);
		add_digest_tag(out, &capacity, fm.tags[i], origin);
		free(origin);
	}
	if (fm.json)
		out->frontmatter_json = xstrdup(fm.json);
	frontmatter_free(&fm);
}

static char *file_title_fallback(const char *name)
{
	if (!name)
		return NULL;
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	char *title = xstrdup(base);
	char *dot = strrchr(title, '.');
	if (dot && dot != title)
		*dot = '\0';
	return title;
}

int digest_parse(const char *bytes, size_t len, const char *name, struct digest *out, char **error)
{
	memset(out, 0, sizeof *out);
	*error = NULL;
	if (len > DIGEST_MAX_BYTES) {
		*error = xasprintf(_("too large (%zu MB, limit %zu MB)"), len >> 20,
		                   DIGEST_MAX_BYTES >> 20);
		return -1;
	}
	char *text = text_sanitize(bytes, len);
	size_t text_len = strlen(text);
	size_t body_start;
	read_front_matter(out, text, text_len, &body_start);

	struct engine e = { 0 };
	e.body = text + body_start;
	e.body_len = text_len - body_start;
	e.digest = out;
	size_t line_capacity = 0;
	e.line_offsets = xgrow(NULL, &line_capacity, 1, sizeof *e.line_offsets);
	e.line_offsets[e.line_count++] = 0;
	for (size_t i = 0; i < e.body_len; i++) {
		if (e.body[i] == '\n' && i + 1 < e.body_len) {
			e.line_offsets = xgrow(e.line_offsets, &line_capacity, e.line_count + 1,
			                       sizeof *e.line_offsets);
			e.line_offsets[e.line_count++] = i + 1;
		}
	}

	cmark_node *root = markdown_parse(e.body, e.body_len);
	struct document doc = { 0 };
	size_t block_capacity = 0;
	for (cmark_node *node = cmark_node_first_child(root); node; node = cmark_node_next(node)) {
		doc.blocks = xgrow(doc.blocks, &block_capacity, doc.block_count + 1, sizeof *doc.blocks);
		doc.blocks[doc.block_count++] = node;
	}
	build_sections(&doc);

	/* Title: front matter, then the first level-1 heading, then the file name. */
	for (size_t i = 0; i < doc.heading_count && !out->title; i++)
		if (doc.headings[i].level == 1)
			out->title = xstrdup(doc.headings[i].text);
	if (!out->title) {
		char *fallback = file_title_fallback(name);
		out->title = clean_copy(fallback ? fallback : "");
		free(fallback);
	}
	if (!out->date) {
		char iso[DATE_ISO_MAX];
		if (date_find(out->title, iso) || (name && date_find(name, iso)))
			out->date = xstrdup(iso);
	}
	if (!out->description) {
		/* A "> 涵盖 45 条" banner or an intro paragraph describes the digest. */
		for (size_t i = 0; i < doc.block_count && i < 6; i++) {
			cmark_node_type t = cmark_node_get_type(doc.blocks[i]);
			if (t == CMARK_NODE_HEADING)
				continue;
			if (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_BLOCK_QUOTE) {
				char *desc = node_text(doc.blocks[i]);
				char *clean = clean_copy(desc);
				free(desc);
				if (strlen(clean) > 8 && !strstr(clean, "](")) {
					cut_text(clean, SUMMARY_MAX_BYTES);
					out->description = clean;
					break;
				}
				free(clean);
			}
			if (t == CMARK_NODE_LIST || t == CMARK_NODE_THEMATIC_BREAK)
				break;
		}
	}

	classify_headings(&doc);
	scan_blocks(&e, &doc);
	merge_duplicates(&e);

	out->items = xcalloc(e.item_count ? e.item_count : 1, sizeof *out->items);
	for (size_t i = 0; i < e.item_count; i++) {
		out->items[i] = e.items[i].item;
		if (!out->items[i].section)
			out->items[i].section = xstrdup("");
	}
	out->item_count = e.item_count;

	free(e.items);
	free(e.line_offsets);
	for (size_t i = 0; i < doc.heading_count; i++) {
		free(doc.headings[i].text);
		free(doc.headings[i].norm);
	}
	free(doc.headings);
	free(doc.blocks);
	free(doc.block_heading);
	free(doc.entry_end);
	cmark_node_free(root);
	free(text);
	return 0;
}

void digest_free(struct digest *digest)
{
	if (!digest)
		return;
	free(digest->title);
	free(digest->date);
	free(digest->description);
	free(digest->frontmatter_json);
	free(digest->warning);
	for (size_t i = 0; i < digest->tag_count; i++) {
		free(digest->tags[i].name);
		free(digest->tags[i].origin);
	}
	free(digest->tags);
	for (size_t i = 0; i < digest->item_count; i++)
		free_item(&digest->items[i]);
	free(digest->items);
	memset(digest, 0, sizeof *digest);
}
