/* A digest's YAML front matter: where it starts and ends, and the title, date, tags,
 * entities and url read from it with libyaml (a bad document is an error, not a crash). */

#include <config.h>

#include "frontmatter.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "hashset.h"
#include "i18n.h"
#include "json.h"
#include "strbuf.h"
#include "xalloc.h"

/* Front matter is a handful of keys; anything past these limits is an
 * attack or an accident, and is refused rather than walked. */
#define MAX_DEPTH 64
#define MAX_NODES 50000

/* ------------------------------------------------------------ locating */

/* Length of the line at DOC+POS without its line ending; *NEXT gets the
 * start of the following line (LEN when there is none). */
static size_t line_at(const char *doc, size_t len, size_t pos, size_t *next)
{
	const char *nl = memchr(doc + pos, '\n', len - pos);
	size_t end = nl ? (size_t)(nl - doc) : len;
	*next = nl ? end + 1 : len;
	if (end > pos && doc[end - 1] == '\r')
		end--;
	return end - pos;
}

/* Whether the line is exactly MARK, trailing blanks allowed. */
static bool is_marker_line(const char *line, size_t n, const char *mark)
{
	if (n < 3 || memcmp(line, mark, 3) != 0)
		return false;
	for (size_t i = 3; i < n; i++)
		if (line[i] != ' ' && line[i] != '\t')
			return false;
	return true;
}

bool frontmatter_locate(const char *doc, size_t len,
                        size_t *yaml_start, size_t *yaml_len, size_t *body_start)
{
	if (!doc)
		return false;
	size_t pos = 0, next;
	if (len >= 3 && memcmp(doc, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	size_t n = line_at(doc, len, pos, &next);
	/* A stray word above the block ("text", a code fence's language left
	 * behind by a converter) does not hide it. */
	if (!is_marker_line(doc + pos, n, "---") && n > 0 && n <= 16 && next < len &&
	    !memchr(doc + pos, ' ', n) && doc[pos] != '#') {
		size_t after;
		size_t m = line_at(doc, len, next, &after);
		if (is_marker_line(doc + next, m, "---")) {
			pos = next;
			n = m;
			next = after;
		}
	}
	if (!is_marker_line(doc + pos, n, "---") || next == len)
		return false;
	size_t start = next;
	for (pos = start; pos < len; pos = next) {
		n = line_at(doc, len, pos, &next);
		if (is_marker_line(doc + pos, n, "---") || is_marker_line(doc + pos, n, "...")) {
			*yaml_start = start;
			*yaml_len = pos - start;
			*body_start = next;
			return true;
		}
	}
	return false;
}

/* ------------------------------------------------------------ a small tree */

enum node_type { NODE_SCALAR, NODE_NULL, NODE_SEQUENCE, NODE_MAPPING };

struct node {
	enum node_type type;
	char *value;            /* scalars */
	struct node **children; /* sequences: items; mappings: key, value, key, value... */
	size_t count, capacity;
};

static void node_free(struct node *node)
{
	if (!node)
		return;
	for (size_t i = 0; i < node->count; i++)
		node_free(node->children[i]);
	free(node->children);
	free(node->value);
	free(node);
}

static void node_add(struct node *parent, struct node *child)
{
	parent->children = xgrow(parent->children, &parent->capacity, parent->count + 1,
	                         sizeof *parent->children);
	parent->children[parent->count++] = child;
}

/* A plain "~", "null" or empty scalar is YAML's null; quoted it is text. */
static bool is_plain_null(const yaml_event_t *event)
{
	if (event->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	const char *v = (const char *)event->data.scalar.value;
	size_t n = event->data.scalar.length;
	return n == 0 || (n == 1 && v[0] == '~') ||
	       (n == 4 && (memcmp(v, "null", 4) == 0 || memcmp(v, "Null", 4) == 0 || memcmp(v, "NULL", 4) == 0));
}

/* LINE is 0-based; an error at the end of the text is on its last line. */
static char *set_error(const char *problem, size_t line, size_t last_line)
{
	if (line > last_line)
		line = last_line;
	return xasprintf(_("front matter line %zu: %s"), line + 1, problem);
}

/* Build the tree of the first document. Aliases are not expanded (a
 * reference to an anchor reads as null), which defuses "billion laughs". */
static struct node *build_tree(yaml_parser_t *parser, size_t last_line, char **error)
{
	struct node *stack[MAX_DEPTH + 1];
	size_t depth = 0, nodes = 0;
	struct node *root = NULL;
	bool done = false;

	while (!done) {
		yaml_event_t event;
		if (!yaml_parser_parse(parser, &event)) {
			/* "found unexpected end of stream while scanning a quoted scalar" */
			char *problem = parser->context
				? xasprintf("%s %s", parser->problem ? parser->problem : "", parser->context)
				: xstrdup(parser->problem ? parser->problem : _("invalid YAML"));
			*error = set_error(problem, parser->problem_mark.line, last_line);
			free(problem);
			goto fail;
		}
		struct node *node = NULL;
		size_t line = event.start_mark.line;
		switch (event.type) {
		case YAML_SCALAR_EVENT:
			node = xcalloc(1, sizeof *node);
			if (is_plain_null(&event)) {
				node->type = NODE_NULL;
			} else {
				node->type = NODE_SCALAR;
				node->value = xstrndup((const char *)event.data.scalar.value, event.data.scalar.length);
			}
			break;
		case YAML_ALIAS_EVENT:
			node = xcalloc(1, sizeof *node);
			node->type = NODE_NULL;
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			node = xcalloc(1, sizeof *node);
			node->type = event.type == YAML_SEQUENCE_START_EVENT ? NODE_SEQUENCE : NODE_MAPPING;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (depth > 0)
				depth--;
			break;
		case YAML_DOCUMENT_END_EVENT:
		case YAML_STREAM_END_EVENT:
			done = true; /* front matter is one document; ignore any after it */
			break;
		default:
			break;
		}
		yaml_event_delete(&event);
		if (!node)
			continue;
		if (++nodes > MAX_NODES) {
			node_free(node);
			*error = set_error(_("too many values"), line, last_line);
			goto fail;
		}
		if (depth == 0) {
			if (root) { /* cannot happen within one document; be safe */
				node_free(node);
				continue;
			}
			root = node;
		} else {
			node_add(stack[depth - 1], node);
		}
		if (node->type == NODE_SEQUENCE || node->type == NODE_MAPPING) {
			if (depth == MAX_DEPTH) {
				*error = set_error(_("nested too deeply"), line, last_line);
				goto fail;
			}
			stack[depth++] = node;
		}
	}
	if (!root) {
		/* an empty document is an empty mapping */
		root = xcalloc(1, sizeof *root);
		root->type = NODE_MAPPING;
	}
	return root;
fail:
	node_free(root);
	return NULL;
}

/* ------------------------------------------------------------ JSON */

static void node_json(struct strbuf *sb, const struct node *node)
{
	switch (node->type) {
	case NODE_NULL:
		strbuf_puts(sb, "null");
		break;
	case NODE_SCALAR:
		json_string(sb, node->value);
		break;
	case NODE_SEQUENCE:
		strbuf_putc(sb, '[');
		for (size_t i = 0; i < node->count; i++) {
			if (i)
				strbuf_putc(sb, ',');
			node_json(sb, node->children[i]);
		}
		strbuf_putc(sb, ']');
		break;
	case NODE_MAPPING: {
		bool first = true;
		struct strset keys;     /* a mapping may have many keys */
		strset_init(&keys);
		strbuf_putc(sb, '{');
		for (size_t i = 0; i + 1 < node->count; i += 2) {
			const struct node *key = node->children[i];
			/* JSON keys are strings: a list or map as a key has no
			 * faithful form, and a repeated key keeps its first value. */
			if (key->type == NODE_SEQUENCE || key->type == NODE_MAPPING)
				continue;
			const char *name = key->type == NODE_SCALAR ? key->value : "";
			if (!strset_add(&keys, name))
				continue;
			json_key(sb, &first, name);
			node_json(sb, node->children[i + 1]);
		}
		strset_clear(&keys);
		strbuf_putc(sb, '}');
		break;
	}
	}
}

/* ------------------------------------------------------------ fields */

static bool key_is(const struct node *key, const char *name)
{
	return key->type == NODE_SCALAR && strcasecmp(key->value, name) == 0;
}

/* The first value of key NAME in MAP, or NULL. */
static const struct node *lookup(const struct node *map, const char *name)
{
	for (size_t i = 0; i + 1 < map->count; i += 2)
		if (key_is(map->children[i], name))
			return map->children[i + 1];
	return NULL;
}

/* A scalar field, trying NAMES in order. */
static char *scalar_field(const struct node *map, const char *const *names)
{
	for (; *names; names++) {
		const struct node *value = lookup(map, *names);
		if (value && value->type == NODE_SCALAR)
			return xstrdup(value->value);
	}
	return NULL;
}

static bool ascii_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

struct tag_capacity {
	size_t tags, origins;
	struct strset seen;     /* the tags so far, ASCII lower-cased */
};

static void add_tag(struct frontmatter *fm, struct tag_capacity *capacity, const char *text, size_t len,
                    const char *origin)
{
	while (len > 0 && ascii_space(*text))
		text++, len--;
	while (len > 0 && ascii_space(text[len - 1]))
		len--;
	if (len > 0 && *text == '#') /* "#llm" as a tag is "llm" */
		text++, len--;
	if (len == 0 || memchr(text, '\0', len))
		return;
	char *folded = xstrndup(text, len);
	for (char *p = folded; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	bool added = strset_add(&capacity->seen, folded);
	free(folded);
	if (!added)
		return;
	fm->tags = xgrow(fm->tags, &capacity->tags, fm->tag_count + 1, sizeof *fm->tags);
	fm->tag_origins = xgrow(fm->tag_origins, &capacity->origins, fm->tag_count + 1,
	                        sizeof *fm->tag_origins);
	fm->tags[fm->tag_count] = xstrndup(text, len);
	fm->tag_origins[fm->tag_count] = xstrdup(origin);
	fm->tag_count++;
}

/* "a, b，c、d": commas, full-width commas and the ideographic enumeration comma. */
static void add_split_tags(struct frontmatter *fm, struct tag_capacity *capacity, const char *s, const char *origin)
{
	static const char *const separators[] = { ",", "\xef\xbc\x8c", "\xe3\x80\x81", NULL };
	while (*s) {
		/* One pass to the nearest separator (a strstr per separator
		 * would rescan the rest of a long value for each tag). */
		const char *cut = NULL;
		size_t cut_len = 0;
		for (const char *p = s; *p && !cut; p++)
			for (const char *const *sep = separators; *sep && !cut; sep++)
				if (strncmp(p, *sep, strlen(*sep)) == 0) {
					cut = p;
					cut_len = strlen(*sep);
				}
		size_t len = cut ? (size_t)(cut - s) : strlen(s);
		add_tag(fm, capacity, s, len, origin);
		if (!cut)
			break;
		s = cut + cut_len;
	}
}

static void gather_tags(struct frontmatter *fm, const struct node *map)
{
	static const char *const tag_keys[] = {
		"tags", "categories", "keywords", "companies", "models", "topics", "people", NULL
	};
	struct tag_capacity capacity = { 0, 0, { NULL, 0, 0 } };
	/* document order: walk the mapping, not the key list */
	for (size_t i = 0; i + 1 < map->count; i += 2) {
		const char *origin = NULL;
		for (const char *const *k = tag_keys; *k; k++)
			if (key_is(map->children[i], *k))
				origin = *k;
		if (!origin)
			continue;
		const struct node *value = map->children[i + 1];
		if (value->type == NODE_SCALAR) {
			add_split_tags(fm, &capacity, value->value, origin);
		} else if (value->type == NODE_SEQUENCE) {
			for (size_t j = 0; j < value->count; j++) {
				const struct node *item = value->children[j];
				if (item->type == NODE_SCALAR)
					add_tag(fm, &capacity, item->value, strlen(item->value), origin);
				else if (item->type == NODE_SEQUENCE) /* [[a, b], c]: flatten once */
					for (size_t k = 0; k < item->count; k++)
						if (item->children[k]->type == NODE_SCALAR)
							add_tag(fm, &capacity, item->children[k]->value,
							        strlen(item->children[k]->value), origin);
			}
		}
	}
	strset_clear(&capacity.seen);
}

/* ------------------------------------------------------------ parsing */

int frontmatter_parse(const char *yaml, size_t len, struct frontmatter *out, char **error)
{
	memset(out, 0, sizeof *out);
	char *message = NULL;
	if (!yaml) {
		yaml = "";
		len = 0;
	}

	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		message = xstrdup(_("front matter: out of memory"));
		goto fail;
	}
	size_t last_line = 0;
	for (size_t i = 0; i + 1 < len; i++)
		last_line += yaml[i] == '\n';
	yaml_parser_set_input_string(&parser, (const unsigned char *)yaml, len);
	struct node *root = build_tree(&parser, last_line, &message);
	yaml_parser_delete(&parser);
	if (!root)
		goto fail;
	if (root->type != NODE_MAPPING) {
		node_free(root);
		message = set_error(_("not a mapping of keys to values"), 0, last_line);
		goto fail;
	}

	static const char *const title_keys[] = { "title", NULL };
	static const char *const date_keys[] = { "date", "published", "pubDate", "created", NULL };
	static const char *const description_keys[] = { "description", "summary", "excerpt", NULL };
	/* Where the digest itself is published: its links there are navigation. */
	static const char *const url_keys[] = { "url", "permalink", "canonical_url", "canonical",
	                                        "canonicalURL", "link", NULL };
	out->url = scalar_field(root, url_keys);
	out->title = scalar_field(root, title_keys);
	out->date = scalar_field(root, date_keys);
	out->description = scalar_field(root, description_keys);
	gather_tags(out, root);
	struct strbuf sb;
	strbuf_init(&sb);
	node_json(&sb, root);
	out->json = strbuf_detach(&sb);
	node_free(root);
	if (error)
		*error = NULL;
	return 0;

fail:
	if (error)
		*error = message;
	else
		free(message);
	return -1;
}

void frontmatter_clear(struct frontmatter *fm)
{
	if (!fm)
		return;
	free(fm->title);
	free(fm->date);
	free(fm->description);
	free(fm->url);
	for (size_t i = 0; i < fm->tag_count; i++) {
		free(fm->tags[i]);
		free(fm->tag_origins[i]);
	}
	free(fm->tags);
	free(fm->tag_origins);
	free(fm->json);
	memset(fm, 0, sizeof *fm);
}
