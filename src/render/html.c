/* Raw HTML as the text a browser would show: entities decoded, tags
 * dropped (<a href> kept as a link, <b>/<i>/<code> as styles, block tags
 * as line breaks), script and style contents hidden. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "render.h"
#include "render/internal.h"
#include "strbuf.h"
#include "xalloc.h"


struct entity {
	const char *name;
	unsigned int codepoint;
};

static const struct entity ENTITIES[] = {
	{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''},
	{"nbsp", 0xa0}, {"ensp", 0x2002}, {"emsp", 0x2003}, {"thinsp", 0x2009},
	{"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026}, {"lsquo", 0x2018},
	{"rsquo", 0x2019}, {"ldquo", 0x201c}, {"rdquo", 0x201d}, {"laquo", 0xab},
	{"raquo", 0xbb}, {"middot", 0xb7}, {"bull", 0x2022}, {"copy", 0xa9}, {"reg", 0xae},
	{"trade", 0x2122}, {"times", 0xd7}, {"divide", 0xf7}, {"deg", 0xb0}, {"plusmn", 0xb1},
	{"larr", 0x2190}, {"rarr", 0x2192}, {"uarr", 0x2191}, {"darr", 0x2193},
	{"euro", 0x20ac}, {"pound", 0xa3}, {"yen", 0xa5}, {"cent", 0xa2}, {"sect", 0xa7},
	{"para", 0xb6}, {"shy", 0xad}, {"zwsp", 0x200b}, {"check", 0x2713},
};

/* Decode the entity at S ("&...;") into OUT; returns the bytes it took,
 * 0 when S is no entity (a lone '&'). */
static size_t entity_decode(const char *s, size_t len, char *out, size_t *out_len)
{
	size_t end = 1;
	unsigned int cp = 0;

	while (end < len && end < 40 && s[end] != ';' && s[end] != '&' && s[end] != '<' &&
	       !is_space(s[end]))
		end++;
	if (end >= len || s[end] != ';' || end < 2)
		return 0;
	if (s[1] == '#') {
		bool hex = end > 2 && (s[2] == 'x' || s[2] == 'X');
		size_t i = hex ? 3 : 2;
		if (i >= end)
			return 0;
		for (; i < end; i++) {
			char c = s[i];
			int digit;
			if (c >= '0' && c <= '9')
				digit = c - '0';
			else if (hex && c >= 'a' && c <= 'f')
				digit = c - 'a' + 10;
			else if (hex && c >= 'A' && c <= 'F')
				digit = c - 'A' + 10;
			else
				return 0;
			cp = cp * (hex ? 16 : 10) + (unsigned int)digit;
			if (cp > 0x10ffff)
				cp = 0x110000;
		}
	} else {
		size_t i;
		for (i = 0; i < sizeof ENTITIES / sizeof ENTITIES[0]; i++)
			if (strlen(ENTITIES[i].name) == end - 1 &&
			    memcmp(ENTITIES[i].name, s + 1, end - 1) == 0)
				break;
		if (i == sizeof ENTITIES / sizeof ENTITIES[0])
			return 0;
		cp = ENTITIES[i].codepoint;
	}
	*out_len = text_utf8_put(cp, out);
	return end + 1;
}

/* Append S with entities decoded to SB (attribute values). */
static void decode_entities(struct strbuf *sb, const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		char buf[4];
		size_t n, used = s[i] == '&' ? entity_decode(s + i, len - i, buf, &n) : 0;
		if (used) {
			strbuf_append(sb, buf, n);
			i += used;
		} else {
			strbuf_putc(sb, s[i++]);
		}
	}
}

/* The value of attribute NAME in ATTRS (the inside of a tag after its name). */
static bool html_attribute(const char *attrs, size_t len, const char *name, struct strbuf *value)
{
	size_t name_len = strlen(name), i = 0;

	while (i < len) {
		size_t start, end;
		while (i < len && (is_space(attrs[i]) || attrs[i] == '/'))
			i++;
		start = i;
		while (i < len && !is_space(attrs[i]) && attrs[i] != '=' && attrs[i] != '>' &&
		       attrs[i] != '/')
			i++;
		end = i;
		if (end == start) {
			i++;
			continue;
		}
		while (i < len && is_space(attrs[i]))
			i++;
		size_t vstart = i, vend = i;
		if (i < len && attrs[i] == '=') {
			i++;
			while (i < len && is_space(attrs[i]))
				i++;
			if (i < len && (attrs[i] == '"' || attrs[i] == '\'')) {
				char q = attrs[i++];
				vstart = i;
				while (i < len && attrs[i] != q)
					i++;
				vend = i;
				if (i < len)
					i++;
			} else {
				vstart = i;
				while (i < len && !is_space(attrs[i]) && attrs[i] != '>')
					i++;
				vend = i;
			}
		}
		if (end - start == name_len && strncasecmp(attrs + start, name, name_len) == 0) {
			strbuf_reset(value);
			decode_entities(value, attrs + vstart, vend - vstart);
			return true;
		}
	}
	return false;
}

static bool name_in(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(name, *list) == 0)
			return true;
	return false;
}

static const char *const HTML_BLOCK_TAGS[] = {
	"p", "div", "summary", "details", "ul", "ol", "tr", "table", "thead", "tbody",
	"h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr", "section", "article",
	"header", "footer", "nav", "aside", "main", "dl", "dt", "dd", "figure", "figcaption",
	"center", "caption", "address", "fieldset", "form", "li", NULL,
};

static const char *const HTML_HIDDEN_TAGS[] = {"script", "style", "template", "head", "title",
                                               "noembed", "iframe", NULL};

/* In an HTML block, a line break unless the text already ends a line. */
static void html_break(struct renderer *r)
{
	runs_rtrim(&r->inl);
	if (!runs_empty(&r->inl) && runs_last_byte(&r->inl) != '\n')
		runs_append(&r->inl, "\n", 1, r->base_style);
}

static void html_tag(struct renderer *r, const char *name, bool closing, const char *attrs,
                     size_t attrs_len, bool block)
{
	struct strbuf value;
	int *counter = NULL;

	if (!closing && name_in(name, HTML_HIDDEN_TAGS)) {
		snprintf(r->html_skip, sizeof r->html_skip, "%s", name);
		return;
	}
	if (strcmp(name, "br") == 0) {
		if (block)
			html_break(r);
		else
			put_hard_break(r);
		return;
	}
	strbuf_init(&value);
	if (strcmp(name, "img") == 0) {
		r->image_depth++;
		if (html_attribute(attrs, attrs_len, "alt", &value))
			strbuf_append(&r->alt, value.data, value.len);
		image_close(r);
	} else if (strcmp(name, "a") == 0) {
		if (!closing && html_attribute(attrs, attrs_len, "href", &value))
			link_open(r, value.data, true);
		else if (closing && r->link_depth > 0 && r->links[r->link_depth - 1].html)
			link_close(r);
	} else if (strcmp(name, "b") == 0 || strcmp(name, "strong") == 0) {
		counter = &r->strong;
	} else if (strcmp(name, "i") == 0 || strcmp(name, "em") == 0) {
		counter = &r->emph;
	} else if (strcmp(name, "s") == 0 || strcmp(name, "del") == 0 || strcmp(name, "strike") == 0) {
		counter = &r->strike;
	} else if (strcmp(name, "code") == 0 || strcmp(name, "tt") == 0 || strcmp(name, "kbd") == 0 ||
	           strcmp(name, "samp") == 0) {
		counter = &r->code;
	} else if (block && name_in(name, HTML_BLOCK_TAGS)) {
		html_break(r);
		if (!closing && strcmp(name, "li") == 0)
			put_text(r, "- ", 2, r->base_style);
	} else if (block && (strcmp(name, "td") == 0 || strcmp(name, "th") == 0)) {
		if (!runs_empty(&r->inl) && runs_last_byte(&r->inl) != '\n' &&
		    runs_last_byte(&r->inl) != ' ')
			put_text(r, " ", 1, r->base_style);
	}
	if (counter) {
		if (!closing)
			(*counter)++;
		else if (*counter > 0)
			(*counter)--;
	}
	strbuf_clear(&value);
}

static const char *find_ci(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = 0; i + n <= len; i++)
		if (strncasecmp(s + i, needle, n) == 0)
			return s + i;
	return NULL;
}

static const char *find_bytes(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(s + i, needle, n) == 0)
			return s + i;
	return NULL;
}

/* Parse the markup at S (S[0] == '<') and act on it; returns bytes used. */
static size_t html_markup(struct renderer *r, const char *s, size_t len, bool block)
{
	char name[16];
	size_t k, n = 0, j;
	bool closing;
	char quote = 0;

	if (len >= 4 && memcmp(s, "<!--", 4) == 0) {
		const char *end = find_bytes(s + 4, len - 4, "-->");
		return end ? (size_t)(end - s) + 3 : len;
	}
	if (len >= 9 && memcmp(s, "<![CDATA[", 9) == 0) {
		const char *end = find_bytes(s + 9, len - 9, "]]>");
		return end ? (size_t)(end - s) + 3 : len;
	}
	if (len >= 2 && (s[1] == '!' || s[1] == '?')) {
		const char *end = memchr(s, '>', len);
		return end ? (size_t)(end - s) + 1 : len;
	}
	closing = len >= 2 && s[1] == '/';
	k = closing ? 2 : 1;
	if (k >= len || !((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z'))) {
		if (!r->html_skip[0])
			put_text(r, "<", 1, inline_style(r, false));
		return 1;
	}
	while (k < len && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') ||
	                   (s[k] >= '0' && s[k] <= '9') || s[k] == '-')) {
		if (n + 1 < sizeof name)
			name[n++] = (char)(s[k] | 0x20);
		k++;
	}
	name[n] = '\0';
	for (j = k; j < len; j++) {
		if (quote) {
			if (s[j] == quote)
				quote = 0;
		} else if (s[j] == '"' || s[j] == '\'') {
			quote = s[j];
		} else if (s[j] == '>') {
			break;
		}
	}
	if (r->html_skip[0]) {
		if (closing && strcmp(name, r->html_skip) == 0)
			r->html_skip[0] = '\0';
	} else {
		html_tag(r, name, closing, s + k, j - k, block);
	}
	return j < len ? j + 1 : len;
}

/* Raw HTML shown as what a browser would show as text: tags dropped,
 * entities decoded, script and style contents hidden.  BLOCK: an HTML
 * block, whose white space collapses and whose block tags break lines. */
void html_feed(struct renderer *r, const char *s, size_t len, bool block)
{
	size_t i = 0;

	while (i < len) {
		if (r->html_skip[0]) {
			char end_tag[20];
			const char *end;
			snprintf(end_tag, sizeof end_tag, "</%s", r->html_skip);
			end = find_ci(s + i, len - i, end_tag);
			if (!end)
				return;
			i = (size_t)(end - s);
		}
		if (s[i] == '<') {
			i += html_markup(r, s + i, len - i, block);
		} else if (s[i] == '&') {
			char buf[4];
			size_t n, used = entity_decode(s + i, len - i, buf, &n);
			if (used) {
				put_text(r, buf, n, inline_style(r, false));
				i += used;
			} else {
				put_text(r, "&", 1, inline_style(r, false));
				i++;
			}
		} else {
			size_t j = i;
			while (j < len && s[j] != '<' && s[j] != '&')
				j++;
			for (size_t p = i; p < j;) {
				if (is_space(s[p])) {
					char last = runs_last_byte(&r->inl);
					while (p < j && is_space(s[p]))
						p++;
					if (!runs_empty(&r->inl) && last != ' ' && last != '\n')
						put_text(r, " ", 1, inline_style(r, false));
				} else {
					size_t q = p;
					while (q < j && !is_space(s[q]))
						q++;
					put_text(r, s + p, q - p, inline_style(r, false));
					p = q;
				}
			}
			i = j;
		}
	}
}

