/* HTML → the Markdown structure the digest engine reads: headings, lists,
 * links, tables, quotes, code, emphasis.  A page gives its main content
 * (<main>, else <article>, else <body>), never navigation, banners,
 * footers, asides, forms, scripts or styles.  Also the plain text of an
 * entry's HTML and the links it lists (for the item-or-digest choice). */
#include <config.h>

#include "feed/internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "links.h"
#include "text.h"
#include "xalloc.h"

static bool named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name &&
	       strcasecmp((const char *)n->name, name) == 0;
}

static bool named_any(const xmlNode *n, const char *const *names)
{
	for (; *names; names++)
		if (named(n, *names))
			return true;
	return false;
}

static int heading_level(const xmlNode *n)
{
	if (n->type != XML_ELEMENT_NODE || !n->name || (n->name[0] | 0x20) != 'h' ||
	    n->name[1] < '1' || n->name[1] > '6' || n->name[2])
		return 0;
	return n->name[1] - '0';
}

static bool attr_is(const xmlNode *n, const char *name, const char *value)
{
	xmlChar *v = xmlGetNoNsProp((xmlNode *)n, (const xmlChar *)name);
	bool is = v && (!value || strcasecmp((const char *)v, value) == 0);
	xmlFree(v);
	return is;
}

/* Never content: what the page marks as chrome, code that runs, forms. */
static bool skipped(const xmlNode *n, bool page_level)
{
	static const char *const always[] = {
		"script", "style", "noscript", "template", "form", "button", "select", "input",
		"textarea", "svg", "iframe", "object", "embed", "canvas", "head", "title", "link",
		"meta", NULL,
	};
	static const char *const chrome[] = { "nav", "footer", "aside", "header", "menu", NULL };
	if (n->type != XML_ELEMENT_NODE)
		return false;
	if (named_any(n, always) || attr_is(n, "hidden", NULL) || attr_is(n, "aria-hidden", "true"))
		return true;
	if (attr_is(n, "role", "navigation") || attr_is(n, "role", "banner") ||
	    attr_is(n, "role", "contentinfo") || attr_is(n, "role", "complementary"))
		return true;
	return page_level && named_any(n, chrome);
}

static const char *const block_names[] = {
	"p", "div", "section", "article", "main", "ul", "ol", "li", "blockquote", "pre", "table",
	"hr", "dl", "dt", "dd", "figure", "figcaption", "details", "summary", "center", "header",
	"footer", "nav", "aside", "address", "h1", "h2", "h3", "h4", "h5", "h6", "body", "html",
	"tr", "td", "th", "thead", "tbody", "tfoot", "caption", "hgroup", "picture", NULL,
};

static bool is_block(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE && named_any(n, block_names);
}

char *html_resolve(const char *url, const char *base)
{
	while (*url == ' ' || *url == '\t' || *url == '\n' || *url == '\r')
		url++;
	if (strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0)
		return xstrdup(url);
	if (!base || !*url || url[0] == '#' || strncasecmp(base, "http", 4) != 0)
		return NULL;
	const char *scheme_end = strstr(base, "://");
	if (!scheme_end)
		return NULL;
	if (url[0] == '/' && url[1] == '/')
		return xasprintf("%.*s:%s", (int)(scheme_end - base), base, url);
	const char *host_end = strchr(scheme_end + 3, '/');
	size_t host_len = host_end ? (size_t)(host_end - base) : strlen(base);
	if (url[0] == '/')
		return xasprintf("%.*s%s", (int)host_len, base, url);
	if (strchr(url, ':'))   /* mailto:, javascript:, ... */
		return NULL;
	const char *stop = base + strcspn(base, "?#");
	const char *slash = stop;
	while (slash > base + host_len && slash[-1] != '/')
		slash--;
	if (slash <= base + host_len)
		return xasprintf("%.*s/%s", (int)host_len, base, url);
	return xasprintf("%.*s%s", (int)(slash - base), base, url);
}

/* ---------------------------------------------------------------- inline */

struct conv {
	const char *base;
	bool page;              /* a whole page: chrome elements are skipped */
	bool in_table;          /* cells: no line breaks, '|' escaped */
};

static void put_text(struct strbuf *sb, const char *s, bool escape, bool in_table)
{
	for (; *s; s++) {
		char c = *s;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
			if (sb->len > 0 && sb->data[sb->len - 1] != ' ' && sb->data[sb->len - 1] != '\n')
				strbuf_putc(sb, ' ');
			continue;
		}
		if (escape && (strchr("\\`*_[]<>", c) || (in_table && c == '|')))
			strbuf_putc(sb, '\\');
		strbuf_putc(sb, c);
	}
}

static void inline_children(struct conv *cv, const xmlNode *n, struct strbuf *sb, int depth);

static void wrap_inline(struct conv *cv, const xmlNode *n, struct strbuf *sb, int depth,
                        const char *mark)
{
	struct strbuf inner;
	strbuf_init(&inner);
	inline_children(cv, n, &inner, depth);
	strbuf_rtrim(&inner);
	const char *s = inner.data;
	while (*s == ' ')
		s++;
	if (*s) {
		if (sb->len && sb->data[sb->len - 1] != ' ' && inner.data[0] == ' ')
			strbuf_putc(sb, ' ');
		strbuf_puts(sb, mark);
		strbuf_puts(sb, s);
		strbuf_puts(sb, mark);
	}
	strbuf_clear(&inner);
}

static void inline_node(struct conv *cv, const xmlNode *n, struct strbuf *sb, int depth)
{
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content)
			put_text(sb, (const char *)n->content, true, cv->in_table);
		return;
	}
	if (n->type != XML_ELEMENT_NODE || skipped(n, cv->page) || sb->len > FEED_MAX_TEXT)
		return;
	if (depth > FEED_MAX_DEPTH)
		return;
	if (named(n, "br")) {
		strbuf_puts(sb, cv->in_table ? " " : "\\\n");
	} else if (named(n, "a")) {
		xmlChar *href = xmlGetNoNsProp((xmlNode *)n, (const xmlChar *)"href");
		char *url = href ? html_resolve((const char *)href, cv->base) : NULL;
		xmlFree(href);
		struct strbuf inner;
		strbuf_init(&inner);
		inline_children(cv, n, &inner, depth + 1);
		strbuf_rtrim(&inner);
		const char *s = inner.data;
		while (*s == ' ')
			s++;
		if (url && !strpbrk(url, " <>()")) {
			strbuf_printf(sb, "[%s](%s)", *s ? s : url, url);
		} else {
			strbuf_puts(sb, s);
		}
		free(url);
		strbuf_clear(&inner);
	} else if (named(n, "strong") || named(n, "b")) {
		wrap_inline(cv, n, sb, depth + 1, "**");
	} else if (named(n, "em") || named(n, "i")) {
		wrap_inline(cv, n, sb, depth + 1, "*");
	} else if (named(n, "del") || named(n, "s") || named(n, "strike")) {
		wrap_inline(cv, n, sb, depth + 1, "~~");
	} else if (named(n, "code") || named(n, "kbd") || named(n, "samp") || named(n, "tt")) {
		xmlChar *t = xmlNodeGetContent(n);
		const char *s = t ? (const char *)t : "";
		const char *fence = strchr(s, '`') ? "`` " : "`";
		const char *close = strchr(s, '`') ? " ``" : "`";
		strbuf_puts(sb, fence);
		put_text(sb, s, false, cv->in_table);
		strbuf_puts(sb, close);
		xmlFree(t);
	} else if (named(n, "img")) {
		xmlChar *alt = xmlGetNoNsProp((xmlNode *)n, (const xmlChar *)"alt");
		if (alt && *alt)
			put_text(sb, (const char *)alt, true, cv->in_table);
		xmlFree(alt);
	} else {
		inline_children(cv, n, sb, depth + 1);
	}
}

static void inline_children(struct conv *cv, const xmlNode *n, struct strbuf *sb, int depth)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		inline_node(cv, c, sb, depth);
}

/* ---------------------------------------------------------------- blocks */

static void blocks(struct conv *cv, const xmlNode *n, struct strbuf *out, int depth);

static void end_block(struct strbuf *out)
{
	strbuf_rtrim(out);
	if (out->len)
		strbuf_puts(out, "\n\n");
}

/* A paragraph of inline text: trimmed, never empty. */
static void put_paragraph(struct strbuf *out, struct strbuf *para)
{
	strbuf_rtrim(para);
	const char *s = para->data;
	while (*s == ' ' || *s == '\n')
		s++;
	if (*s) {
		/* A line starting like a block marker would be read as one. */
		size_t digits = strspn(s, "0123456789");
		if (*s == '#' || *s == '>' || *s == '+' || *s == '=' ||
		    ((*s == '-' || *s == '*') && (s[1] == ' ' || s[1] == '-'))) {
			strbuf_putc(out, '\\');
		} else if (digits > 0 && digits < 10 && (s[digits] == '.' || s[digits] == ')') &&
		           (s[digits + 1] == ' ' || !s[digits + 1])) {
			/* "2024. A year" is a paragraph, not an ordered list. */
			strbuf_append(out, s, digits);
			strbuf_putc(out, '\\');
			s += digits;
		}
		strbuf_puts(out, s);
		end_block(out);
	}
	strbuf_reset(para);
}

/* Every line of TEXT with FIRST before the first and REST before the others. */
static void prefixed(struct strbuf *out, const char *text, const char *first, const char *rest)
{
	const char *p = text;
	bool at_first = true;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		const char *prefix = at_first ? first : rest;
		if (n == 0) {
			size_t k = strlen(prefix);
			while (k > 0 && prefix[k - 1] == ' ')
				k--;
			strbuf_append(out, prefix, k);
		} else {
			strbuf_puts(out, prefix);
			strbuf_append(out, p, n);
		}
		strbuf_putc(out, '\n');
		at_first = false;
		p += n + (nl ? 1 : 0);
	}
}

static void list_block(struct conv *cv, const xmlNode *n, struct strbuf *out, int depth)
{
	bool ordered = named(n, "ol");
	int number = 1;
	for (const xmlNode *li = n->children; li; li = li->next) {
		if (li->type != XML_ELEMENT_NODE || skipped(li, cv->page))
			continue;
		struct strbuf inner;
		strbuf_init(&inner);
		/* A stray <p> or <div> straight in the list is an item too. */
		blocks(cv, li, &inner, depth + 1);
		strbuf_rtrim(&inner);
		if (inner.len) {
			char marker[16];
			snprintf(marker, sizeof marker, ordered ? "%d. " : "- ", number++);
			char indent[16];
			memset(indent, ' ', strlen(marker));
			indent[strlen(marker)] = '\0';
			prefixed(out, inner.data, marker, indent);
		}
		strbuf_clear(&inner);
	}
	end_block(out);
}

static void cells_of(struct conv *cv, const xmlNode *tr, char ***cells, size_t *count, int depth)
{
	for (const xmlNode *c = tr->children; c; c = c->next) {
		if (!named(c, "td") && !named(c, "th"))
			continue;
		struct strbuf sb;
		strbuf_init(&sb);
		bool was = cv->in_table;
		cv->in_table = true;
		inline_children(cv, c, &sb, depth + 1);
		cv->in_table = was;
		strbuf_rtrim(&sb);
		const char *s = sb.data;
		while (*s == ' ')
			s++;
		*cells = xrealloc(*cells, (*count + 1) * sizeof **cells);
		(*cells)[(*count)++] = xstrdup(s);
		strbuf_clear(&sb);
	}
}

static void collect_rows(const xmlNode *n, const xmlNode ***rows, size_t *count, int depth)
{
	for (const xmlNode *c = n->children; c && depth < 4; c = c->next) {
		if (named(c, "tr")) {
			*rows = xrealloc(*rows, (*count + 1) * sizeof **rows);
			(*rows)[(*count)++] = c;
		} else if (named(c, "thead") || named(c, "tbody") || named(c, "tfoot")) {
			collect_rows(c, rows, count, depth + 1);
		}
	}
}

static void table_block(struct conv *cv, const xmlNode *n, struct strbuf *out, int depth)
{
	const xmlNode **rows = NULL;
	size_t row_count = 0;
	collect_rows(n, &rows, &row_count, 0);
	size_t columns = 0;
	char ***cells = xcalloc(row_count ? row_count : 1, sizeof *cells);
	size_t *counts = xcalloc(row_count ? row_count : 1, sizeof *counts);
	for (size_t r = 0; r < row_count; r++) {
		cells_of(cv, rows[r], &cells[r], &counts[r], depth);
		if (counts[r] > columns)
			columns = counts[r];
	}
	if (columns > 0) {
		for (size_t r = 0; r < row_count; r++) {
			if (counts[r] == 0)
				continue;
			strbuf_putc(out, '|');
			for (size_t k = 0; k < columns; k++)
				strbuf_printf(out, " %s |", k < counts[r] ? cells[r][k] : "");
			strbuf_putc(out, '\n');
			if (r == 0) {
				strbuf_putc(out, '|');
				for (size_t k = 0; k < columns; k++)
					strbuf_puts(out, " --- |");
				strbuf_putc(out, '\n');
			}
		}
		end_block(out);
	}
	for (size_t r = 0; r < row_count; r++) {
		for (size_t k = 0; k < counts[r]; k++)
			free(cells[r][k]);
		free(cells[r]);
	}
	free(cells);
	free(counts);
	free(rows);
}

static void pre_block(const xmlNode *n, struct strbuf *out)
{
	xmlChar *t = xmlNodeGetContent(n);
	const char *s = t ? (const char *)t : "";
	const char *fence = strstr(s, "```") ? "~~~~" : "```";
	strbuf_puts(out, fence);
	strbuf_putc(out, '\n');
	size_t len = strlen(s);
	if (len > FEED_MAX_TEXT)
		len = FEED_MAX_TEXT;
	strbuf_append(out, s, len);
	strbuf_rtrim(out);
	strbuf_putc(out, '\n');
	strbuf_puts(out, fence);
	end_block(out);
	xmlFree(t);
}

static void block_node(struct conv *cv, const xmlNode *n, struct strbuf *out, int depth)
{
	int level = heading_level(n);
	if (level) {
		struct strbuf sb;
		strbuf_init(&sb);
		bool was = cv->in_table;
		cv->in_table = true;    /* one line */
		inline_children(cv, n, &sb, depth + 1);
		cv->in_table = was;
		strbuf_rtrim(&sb);
		const char *s = sb.data;
		while (*s == ' ')
			s++;
		if (*s) {
			strbuf_printf(out, "%.*s %s", level, "######", s);
			end_block(out);
		}
		strbuf_clear(&sb);
	} else if (named(n, "ul") || named(n, "ol") || named(n, "menu")) {
		list_block(cv, n, out, depth);
	} else if (named(n, "blockquote")) {
		struct strbuf inner;
		strbuf_init(&inner);
		blocks(cv, n, &inner, depth + 1);
		strbuf_rtrim(&inner);
		if (inner.len) {
			prefixed(out, inner.data, "> ", "> ");
			end_block(out);
		}
		strbuf_clear(&inner);
	} else if (named(n, "pre")) {
		pre_block(n, out);
	} else if (named(n, "table")) {
		table_block(cv, n, out, depth);
	} else if (named(n, "hr")) {
		strbuf_puts(out, "---");
		end_block(out);
	} else if (named(n, "dt") || named(n, "summary")) {
		struct strbuf sb;
		strbuf_init(&sb);
		inline_children(cv, n, &sb, depth + 1);
		strbuf_rtrim(&sb);
		const char *s = sb.data;
		while (*s == ' ')
			s++;
		if (*s) {
			strbuf_printf(out, "**%s**", s);
			end_block(out);
		}
		strbuf_clear(&sb);
	} else {
		blocks(cv, n, out, depth + 1);
	}
}

static void blocks(struct conv *cv, const xmlNode *n, struct strbuf *out, int depth)
{
	if (!n)
		return;
	struct strbuf para;
	strbuf_init(&para);
	if (depth > FEED_MAX_DEPTH) {
		/* Deeper than any real page: its text as one paragraph. */
		xmlChar *t = xmlNodeGetContent(n);
		if (t)
			put_text(&para, (const char *)t, true, false);
		xmlFree(t);
		put_paragraph(out, &para);
		strbuf_clear(&para);
		return;
	}
	for (const xmlNode *c = n->children; c && out->len < FEED_MAX_TEXT * 16; c = c->next) {
		if (skipped(c, cv->page))
			continue;
		if (is_block(c)) {
			put_paragraph(out, &para);
			block_node(cv, c, out, depth);
		} else {
			inline_node(cv, c, &para, depth);
		}
	}
	put_paragraph(out, &para);
	strbuf_clear(&para);
}

static const xmlNode *find_element(const xmlNode *n, const char *name, int depth)
{
	for (const xmlNode *c = n; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (named(c, name))
			return c;
		if (depth < FEED_MAX_DEPTH && !skipped(c, true)) {
			const xmlNode *found = find_element(c->children, name, depth + 1);
			if (found)
				return found;
		}
	}
	return NULL;
}

static char *convert(const char *html, size_t len, const char *base, bool page)
{
	xmlDocPtr doc = xml_read_html(html, len);
	struct strbuf out;
	strbuf_init(&out);
	if (doc) {
		const xmlNode *root = xmlDocGetRootElement(doc);
		const xmlNode *main = NULL;
		if (page && root) {
			main = find_element(root, "main", 0);
			if (!main)
				main = find_element(root, "article", 0);
			if (!main)
				main = find_element(root, "body", 0);
		}
		struct conv cv = { .base = base, .page = page };
		if (main) {
			/* The page's <title> when the content has no heading of its own. */
			blocks(&cv, main, &out, 0);
		} else if (root) {
			const xmlNode *body = find_element(root, "body", 0);
			blocks(&cv, body ? body : root, &out, 0);
		}
		xmlFreeDoc(doc);
	}
	strbuf_rtrim(&out);
	strbuf_putc(&out, '\n');
	char *text = text_sanitize(out.data, out.len);
	strbuf_clear(&out);
	return text;
}

char *html_markdown(const char *html, size_t len, const char *base)
{
	return convert(html, len, base, false);
}

char *feed_html_to_markdown(const char *html, size_t len, const char *base, char **error)
{
	(void)error;
	return convert(html, len, base, true);
}

/* ---------------------------------------------------------------- plain text */

static void plain(const xmlNode *n, struct strbuf *sb, int depth)
{
	for (const xmlNode *c = n; c && sb->len < FEED_MAX_TEXT; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				put_text(sb, (const char *)c->content, false, false);
		} else if (c->type == XML_ELEMENT_NODE && !skipped(c, false) && depth < FEED_MAX_DEPTH) {
			bool block = is_block(c) || named(c, "br");
			if (block && sb->len && sb->data[sb->len - 1] != ' ')
				strbuf_putc(sb, ' ');
			plain(c->children, sb, depth + 1);
			if (block && sb->len && sb->data[sb->len - 1] != ' ')
				strbuf_putc(sb, ' ');
		}
	}
}

char *html_plain_text(const char *html, size_t len)
{
	/* Plain text without markup is its own text (libxml2 would still
	 * decode entities, which a text-only summary does not have). */
	struct strbuf sb;
	strbuf_init(&sb);
	if (!memchr(html, '<', len) && !memchr(html, '&', len)) {
		put_text(&sb, html, false, false);
	} else {
		xmlDocPtr doc = xml_read_html(html, len);
		if (doc) {
			plain(xmlDocGetRootElement(doc), &sb, 0);
			xmlFreeDoc(doc);
		}
	}
	strbuf_rtrim(&sb);
	const char *s = sb.data;
	while (*s == ' ')
		s++;
	char *text = *s ? text_clean(s, strlen(s)) : NULL;
	strbuf_clear(&sb);
	return text;
}

/* ---------------------------------------------------------------- link census */

struct census {
	const char *base;
	char **keys;
	size_t count;
	bool structured;
};

static void census_walk(struct census *cs, const xmlNode *n, bool listed, int depth)
{
	for (const xmlNode *c = n; c && cs->count < 1000; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || depth > FEED_MAX_DEPTH || skipped(c, false))
			continue;
		bool here = listed;
		if (named(c, "li") || named(c, "td") || heading_level(c) > 1) {
			cs->structured = true;
			here = true;
		}
		if (here && named(c, "a")) {
			xmlChar *href = xmlGetNoNsProp((xmlNode *)c, (const xmlChar *)"href");
			char *url = href ? html_resolve((const char *)href, cs->base) : NULL;
			xmlFree(href);
			struct link_identity id;
			if (url && link_classify(url, &id)) {
				bool seen = false;
				for (size_t i = 0; i < cs->count && !seen; i++)
					seen = strcmp(cs->keys[i], id.key) == 0;
				if (!seen) {
					cs->keys = xrealloc(cs->keys, (cs->count + 1) * sizeof *cs->keys);
					cs->keys[cs->count++] = xstrdup(id.key);
				}
				link_identity_clear(&id);
			}
			free(url);
		}
		census_walk(cs, c->children, here, depth + 1);
	}
}

size_t html_link_keys(const char *html, size_t len, const char *base, bool *structured)
{
	struct census cs = { .base = base };
	xmlDocPtr doc = xml_read_html(html, len);
	if (doc) {
		census_walk(&cs, xmlDocGetRootElement(doc), false, 0);
		xmlFreeDoc(doc);
	}
	for (size_t i = 0; i < cs.count; i++)
		free(cs.keys[i]);
	free(cs.keys);
	*structured = cs.structured;
	return cs.count;
}
