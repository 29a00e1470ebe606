/* libxml2 behind safe defaults: the parser options (no network, no DTD
 * loading, no entity substitution), the refusal of documents that declare
 * entities (a "billion laughs" feed), the first error as one line, and the
 * node helpers the rest of src/feed/ reads trees with. */
#include <config.h>

#include "feed/internal.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include "i18n.h"
#include "text.h"
#include "xalloc.h"

/* No XML_PARSE_NOENT (entities stay references), no XML_PARSE_DTDLOAD,
 * no XML_PARSE_HUGE (libxml2 keeps its depth and length limits). */
#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | \
                     XML_PARSE_NOCDATA | XML_PARSE_NOBLANKS)
#define HTML_OPTIONS (HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
                      HTML_PARSE_RECOVER | HTML_PARSE_NOBLANKS)

/* Quiet libxml2's own reporting: errors are read from the context. */
static void no_errors(void *data, const char *message, ...)
{
	(void)data;
	(void)message;
}

static void quiet(void)
{
	xmlSetGenericErrorFunc(NULL, no_errors);
}

/* The parser's first error (the handler is libxml2's, per thread). */
struct first_error {
	bool seen;
	xmlError error;
};

static void keep_first(void *data, xmlErrorPtr error)
{
	struct first_error *first = data;
	if (first->seen || !error || error->level < XML_ERR_ERROR)
		return;
	memset(&first->error, 0, sizeof first->error);
	if (xmlCopyError(error, &first->error) == 0)
		first->seen = true;
}

/* The end of the quoted literal opening at P (its closing quote), or END. */
static const char *skip_literal(const char *p, const char *end)
{
	char quote = *p;
	for (p++; p < end && *p != quote; p++)
		;
	return p < end ? p : end;
}

/* Past the comment or processing instruction at P (one of "<!--" or
 * "<?"), or NULL when P starts neither. */
static const char *skip_aside(const char *p, const char *end)
{
	size_t left = (size_t)(end - p);
	const char *close = NULL;
	if (left >= 4 && memcmp(p, "<!--", 4) == 0)
		close = "-->";
	else if (left >= 2 && p[1] == '?')
		close = "?>";
	if (!close)
		return NULL;
	size_t k = strlen(close);
	const char *q = p + 2;
	while (q + k <= end && memcmp(q, close, k) != 0)
		q++;
	return q + k <= end ? q + k : end;
}

const char *xml_skip_doctype(const char *p, const char *end, bool *entities)
{
	static const char entity[] = "<!ENTITY";
	size_t n = sizeof entity - 1;
	bool subset = false;
	if (entities)
		*entities = false;
	for (p += 9; p < end; p++) {
		if (*p == '"' || *p == '\'') {
			p = skip_literal(p, end);
		} else if (subset) {
			if (*p == ']') {
				subset = false;
			} else if (*p == '<') {
				const char *after = skip_aside(p, end);
				if (after)
					p = after - 1;
				else if (entities && (size_t)(end - p) >= n && memcmp(p, entity, n) == 0)
					*entities = true;
			}
		} else if (*p == '[') {
			subset = true;
		} else if (*p == '>') {
			return p + 1;
		}
	}
	return end;
}

/* Feeds never need entities of their own; refusing the declaration is
 * simpler and safer than bounding what it expands to.  This scan saves
 * the parse; xml_read also refuses a document whose parsed DTD holds an
 * entity, whatever the scan missed. */
static bool declares_entities(const char *text, size_t len)
{
	static const char needle[] = "<!ENTITY";
	size_t n = sizeof needle - 1;
	const char *end = text + len;
	for (const char *p = text; p < end; p++) {
		if (*p != '<')
			continue;
		const char *after = skip_aside(p, end);
		if (after) {
			p = after - 1;
			continue;
		}
		size_t left = (size_t)(end - p);
		if (left >= n && memcmp(p, needle, n) == 0)
			return true;
		if (left >= 9 && memcmp(p, "<!DOCTYPE", 9) == 0) {
			bool entities;
			p = xml_skip_doctype(p, end, &entities) - 1;
			if (entities)
				return true;
			continue;
		}
		/* Entities can only be declared before the root element. */
		if (left < 2 || p[1] != '!')
			return false;
	}
	return false;
}

/* Whether the parsed document's DTD (internal subset, or an external one
 * had it been loaded) declares an entity. */
static bool has_entities(const xmlDoc *doc)
{
	const xmlDtd *dtds[] = { doc->intSubset, doc->extSubset };
	for (size_t i = 0; i < sizeof dtds / sizeof dtds[0]; i++)
		if (dtds[i] && (dtds[i]->entities || dtds[i]->pentities))
			return true;
	return false;
}

xmlDocPtr xml_read(const char *text, size_t len, char **error)
{
	quiet();
	if (len > (size_t)INT32_MAX) {
		*error = xstrdup(_("the document is too big"));
		return NULL;
	}
	if (declares_entities(text, len)) {
		*error = xstrdup(_("the document declares XML entities (refused: they can expand without bound)"));
		return NULL;
	}
	struct first_error first = { .seen = false };
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		*error = xstrdup(_("cannot set up the XML parser"));
		return NULL;
	}
	/* The text is UTF-8 already (charset.c): "UTF-8" overrides whatever
	 * the declaration says. */
	xmlSetStructuredErrorFunc(&first, keep_first);
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, text, (int)len, NULL, "UTF-8", XML_OPTIONS);
	if (!doc || !ctxt->wellFormed) {
		/* The first error: later ones are libxml2 recovering from it
		 * (an unclosed tag reported again at the end of the file). */
		const xmlError *e = first.seen ? &first.error : xmlCtxtGetLastError(ctxt);
		/* libxml2 quotes the document's own bytes (a tag name) in its
		 * message, and the message reaches the terminal: clean it as text. */
		char *message = e && e->message ? text_clean(e->message, strlen(e->message))
		                                : xstrdup("?");
		size_t n = strlen(message);
		while (n > 0 && (message[n - 1] == '\n' || message[n - 1] == ' '))
			message[--n] = '\0';
		*error = xasprintf(_("not well-formed XML (line %d:%d: %s)"), e ? e->line : 0,
		                   e ? e->int2 : 0, message);
		free(message);
		if (doc)
			xmlFreeDoc(doc);
		doc = NULL;
	} else if (has_entities(doc)) {
		*error = xstrdup(_("the document declares XML entities (refused: they can expand without bound)"));
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlResetError(&first.error);
	xmlFreeParserCtxt(ctxt);
	return doc;
}

xmlDocPtr xml_read_html(const char *text, size_t len)
{
	quiet();
	if (len > (size_t)INT32_MAX)
		len = (size_t)INT32_MAX;
	return htmlReadMemory(text, (int)len, NULL, "UTF-8", HTML_OPTIONS);
}

bool xml_is(const xmlNode *node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE && node->name &&
	       strcmp((const char *)node->name, name) == 0;
}

bool xml_is_ns(const xmlNode *node, const char *name, const char *ns_prefix)
{
	if (!xml_is(node, name))
		return false;
	if (!ns_prefix)
		return !node->ns || !node->ns->href || !node->ns->href[0];
	return node->ns && node->ns->href &&
	       strncmp((const char *)node->ns->href, ns_prefix, strlen(ns_prefix)) == 0;
}

xmlNode *xml_child(const xmlNode *node, const char *name, const char *ns_prefix)
{
	if (!node)
		return NULL;
	for (xmlNode *c = node->children; c; c = c->next)
		if (ns_prefix ? xml_is_ns(c, name, ns_prefix) : xml_is(c, name))
			return c;
	return NULL;
}

static void text_of(const xmlNode *node, struct strbuf *sb, int depth)
{
	for (const xmlNode *c = node->children; c && sb->len < FEED_MAX_TEXT; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				strbuf_puts(sb, (const char *)c->content);
		} else if (c->type == XML_ELEMENT_NODE && depth < FEED_MAX_DEPTH) {
			/* An Atom xhtml <div> or markup left unescaped: keep it as
			 * markup, so the HTML reader sees what the author wrote. */
			xmlBufferPtr buf = xmlBufferCreate();
			if (buf) {
				xmlNodeDump(buf, c->doc, (xmlNode *)c, 0, 0);
				strbuf_append(sb, (const char *)xmlBufferContent(buf),
				              (size_t)xmlBufferLength(buf));
				xmlBufferFree(buf);
			}
		}
	}
	(void)depth;
}

static char *trimmed(struct strbuf *sb)
{
	if (sb->len > FEED_MAX_TEXT) {
		size_t n = FEED_MAX_TEXT;
		while (n > 0 && ((unsigned char)sb->data[n] & 0xC0) == 0x80)
			n--;
		sb->data[n] = '\0';
		sb->len = n;
	}
	strbuf_rtrim(sb);
	size_t start = 0;
	while (start < sb->len && (sb->data[start] == ' ' || sb->data[start] == '\n' ||
	                           sb->data[start] == '\t' || sb->data[start] == '\r'))
		start++;
	if (start == sb->len) {
		strbuf_clear(sb);
		return NULL;
	}
	char *out = xstrdup(sb->data + start);
	strbuf_clear(sb);
	return out;
}

char *xml_text(const xmlNode *node)
{
	if (!node)
		return NULL;
	struct strbuf sb;
	strbuf_init(&sb);
	text_of(node, &sb, 0);
	return trimmed(&sb);
}

char *xml_attr(const xmlNode *node, const char *name)
{
	if (!node)
		return NULL;
	xmlChar *v = xmlGetNoNsProp((xmlNode *)node, (const xmlChar *)name);
	if (!v)
		return NULL;
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, (const char *)v);
	xmlFree(v);
	return trimmed(&sb);
}
