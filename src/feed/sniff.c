/* What a body is, from its first bytes: a feed, a Markdown digest, an HTML
 * page, an OPML list, other XML, or binary data; the charset a document
 * declares inside itself; feed media types; the as= names. */
#include <config.h>

#include "feed/internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xalloc.h"

int feed_as_from_name(const char *name)
{
	if (strcmp(name, "items") == 0)
		return FEED_AS_ITEMS;
	if (strcmp(name, "digests") == 0)
		return FEED_AS_DIGESTS;
	return -1;
}

bool feed_content_type_is_feed(const char *content_type)
{
	if (!content_type)
		return false;
	static const char *const types[] = {
		"application/rss+xml", "application/atom+xml", "application/rdf+xml",
		"application/feed+xml",
	};
	while (*content_type == ' ')
		content_type++;
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strncasecmp(content_type, types[i], strlen(types[i])) == 0)
			return true;
	return false;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool starts_nocase(const char *p, const char *end, const char *prefix)
{
	size_t n = strlen(prefix);
	return (size_t)(end - p) >= n && strncasecmp(p, prefix, n) == 0;
}

/* Past the end of the construct at P that ends with CLOSE, or END. */
static const char *skip_past(const char *p, const char *end, const char *close)
{
	size_t n = strlen(close);
	for (; p + n <= end; p++)
		if (memcmp(p, close, n) == 0)
			return p + n;
	return end;
}

static bool is_binary(const unsigned char *b, size_t len)
{
	static const struct {
		const char *magic;
		size_t len;
	} magics[] = {
		{ "\x89PNG", 4 }, { "GIF8", 4 }, { "%PDF", 4 }, { "PK\x03\x04", 4 },
		{ "\x1f\x8b", 2 }, { "\xff\xd8\xff", 3 }, { "\x7f" "ELF", 4 }, { "RIFF", 4 },
		{ "BZh", 3 }, { "\xfd" "7zXZ", 5 }, { "SQLite format 3", 15 },
	};
	for (size_t i = 0; i < sizeof magics / sizeof magics[0]; i++)
		if (len >= magics[i].len && memcmp(b, magics[i].magic, magics[i].len) == 0)
			return true;
	/* UTF-16 and UTF-32 start with a byte-order mark; other text has few
	 * control bytes (a stray NUL in a digest is not binary). */
	if (len >= 2 && ((b[0] == 0xff && b[1] == 0xfe) || (b[0] == 0xfe && b[1] == 0xff)))
		return false;
	size_t n = len < 1024 ? len : 1024, controls = 0;
	for (size_t i = 0; i < n; i++)
		if (b[i] < 0x20 && b[i] != '\t' && b[i] != '\n' && b[i] != '\r' && b[i] != '\f' &&
		    b[i] != 0x1b)
			controls++;
	return n > 0 && controls * 10 > n;
}

enum feed_body feed_sniff(const char *bytes, size_t len)
{
	if (is_binary((const unsigned char *)bytes, len))
		return FEED_BODY_BINARY;
	const char *p = bytes, *end = bytes + (len < 65536 ? len : 65536);
	if (end - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	bool xml = false;
	for (;;) {
		while (p < end && is_space(*p))
			p++;
		if (p >= end || *p != '<')
			return FEED_BODY_MARKDOWN;
		if (starts_nocase(p, end, "<?xml")) {
			xml = true;
			p = skip_past(p, end, "?>");
		} else if (starts_nocase(p, end, "<?")) {
			p = skip_past(p, end, "?>");
		} else if (starts_nocase(p, end, "<!--")) {
			p = skip_past(p + 4, end, "-->");
		} else if (starts_nocase(p, end, "<!doctype")) {
			const char *q = p + 9;
			while (q < end && is_space(*q))
				q++;
			if (starts_nocase(q, end, "html"))
				return FEED_BODY_HTML;
			p = xml_skip_doctype(p, end, NULL);
		} else {
			break;
		}
	}
	const char *name = p + 1, *q = name;
	while (q < end && !is_space(*q) && *q != '>' && *q != '/')
		q++;
	const char *colon = memchr(name, ':', (size_t)(q - name));
	const char *local = colon ? colon + 1 : name;
	size_t n = (size_t)(q - local);
	static const struct {
		const char *name;
		enum feed_body body;
	} roots[] = {
		{ "rss", FEED_BODY_FEED }, { "RDF", FEED_BODY_FEED }, { "feed", FEED_BODY_FEED },
		{ "opml", FEED_BODY_OPML }, { "html", FEED_BODY_HTML }, { "head", FEED_BODY_HTML },
		{ "body", FEED_BODY_HTML },
	};
	for (size_t i = 0; i < sizeof roots / sizeof roots[0]; i++)
		if (strlen(roots[i].name) == n && strncasecmp(local, roots[i].name, n) == 0)
			return roots[i].body;
	return xml ? FEED_BODY_XML : FEED_BODY_MARKDOWN;
}

/* The value of NAME="..." or NAME='...' (or NAME=value) in [P, END). */
static char *attribute_value(const char *p, const char *end, const char *name)
{
	size_t n = strlen(name);
	for (; p + n < end; p++) {
		if (strncasecmp(p, name, n) != 0)
			continue;
		const char *v = p + n;
		while (v < end && is_space(*v))
			v++;
		if (v >= end || *v != '=')
			continue;
		v++;
		while (v < end && is_space(*v))
			v++;
		char quote = v < end && (*v == '"' || *v == '\'') ? *v++ : 0;
		const char *s = v;
		while (v < end && (quote ? *v != quote : !is_space(*v) && *v != '>' && *v != ';' &&
		                                         *v != '"' && *v != '\'' && *v != '/'))
			v++;
		if (v == s || v - s > 40)
			return NULL;
		char *out = xstrndup(s, (size_t)(v - s));
		for (char *c = out; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
		return out;
	}
	return NULL;
}

char *feed_declared_charset(const char *bytes, size_t len)
{
	const char *p = bytes, *end = bytes + (len < 4096 ? len : 4096);
	if (end - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (p < end && is_space(*p))
		p++;
	if (starts_nocase(p, end, "<?xml")) {
		const char *close = skip_past(p, end, "?>");
		return attribute_value(p, close, "encoding");
	}
	/* <meta charset="x"> or <meta http-equiv=... content="text/html; charset=x"> */
	for (const char *m = p; m + 5 < end; m++) {
		if (!starts_nocase(m, end, "<meta"))
			continue;
		const char *gt = skip_past(m, end, ">");
		char *cs = attribute_value(m, gt, "charset");
		if (cs)
			return cs;
		m = gt - 1;
	}
	return NULL;
}

bool feed_is_readable(const char *bytes, size_t len)
{
	enum feed_body body = feed_sniff(bytes, len);
	return body == FEED_BODY_MARKDOWN || body == FEED_BODY_FEED || body == FEED_BODY_HTML;
}
