/* Fields: "**来源**: 量子位 | **时间**: 2026-02-14 09:15", "**Keywords:** a, b"
 * -- a paragraph of bold labels and their values, and tag lists. */
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

enum field_kind field_kind_of(const char *label)
{
	char *norm = xstrdup(label);
	trim_decoration(norm);
	strip_colon(norm);
	for (char *p = norm; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	const struct word *w = word_find(norm, WORD_FIELD);
	enum field_kind kind = w ? w->field : FIELD_NONE;
	free(norm);
	return kind;
}

void field_list_clear(struct field_list *list)
{
	for (size_t i = 0; i < list->count; i++) {
		free(list->fields[i].value);
		link_list_clear(&list->fields[i].links);
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
void read_fields(cmark_node *paragraph, struct field_list *out)
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
			struct link_identity own;
			bool owned = false;
			if (url && !is_self_url(url) && link_identify(url, &own, &owned))
				link_list_add(&current->links, url, text, false);
			if (owned)
				link_identity_clear(&own);
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
		strbuf_clear(&value);
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
void add_tag_list(struct item_builder *b, const char *value, const char *origin)
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

/* A bullet that is a field of the item above it rather than an item: a
 * known label ("- **原文链接**: URL", "- **Source:** …") or a lead of at
 * most a short label followed only by label links ("- 🔗 [阅读原文](…)"). */
bool bullet_is_field(cmark_node *paragraph)
{
	if (!paragraph || cmark_node_get_type(paragraph) != CMARK_NODE_PARAGRAPH)
		return false;
	cmark_node *first = cmark_node_first_child(paragraph);
	while (first && cmark_node_get_type(first) == CMARK_NODE_TEXT) {
		char *lit = xstrdup(cmark_node_get_literal(first));
		trim_decoration(lit);
		bool blank = !*lit;
		free(lit);
		if (!blank)
			break;
		first = cmark_node_next(first);
	}
	if (first && cmark_node_get_type(first) == CMARK_NODE_STRONG) {
		char *label = node_text(first);
		cmark_node *next = cmark_node_next(first);
		const char *after = next && cmark_node_get_type(next) == CMARK_NODE_TEXT
		                    ? cmark_node_get_literal(next) : "";
		size_t len = strlen(label);
		bool colon = (len && label[len - 1] == ':') || (len >= 3 && !strcmp(label + len - 3, "："))
		             || text_starts_with_colon(after);
		bool known = field_kind_of(label) != FIELD_NONE || is_link_label(label);
		free(label);
		if (colon && known)
			return true;
	}
	/* Only label links, after at most a short lead ("原文:", "🔗"). */
	size_t labels = 0, lead = 0;
	for (cmark_node *c = cmark_node_first_child(paragraph); c; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		char *text = node_text(c);
		if (t == CMARK_NODE_LINK) {
			if (!is_link_label(text)) {
				free(text);
				return false;
			}
			labels++;
		} else if (t != CMARK_NODE_SOFTBREAK && t != CMARK_NODE_LINEBREAK) {
			trim_decoration(text);
			lead += strlen(text);
		}
		free(text);
	}
	return labels > 0 && lead <= 12;
}
