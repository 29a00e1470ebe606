/* String helpers and reading the AST: trimming, the plain text of a
 * subtree (soft breaks between two CJK characters vanish), table predicates. */
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

bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The code point at S, a NUL-terminated string (at most 4 bytes read);
 * *LENGTH is set to the bytes it takes, 0 at the terminator. */
unsigned int utf8_at(const char *s, size_t *length)
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
void trim_decoration(char *s)
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

void trim_spaces(char *s)
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

/* Drop a label's trailing colons and spaces, then one full-width colon:
 * "Papers: " and "论文：" both become the label itself. */
void strip_colon(char *s)
{
	size_t len = strlen(s);
	while (len > 0 && (s[len - 1] == ':' || isspace((unsigned char)s[len - 1])))
		s[--len] = '\0';
	if (len >= 3 && strcmp(s + len - 3, "：") == 0)
		s[len - 3] = '\0';
}

/* Collapse runs of white space (including newlines) into one space. */
void collapse_spaces(char *s)
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
void cut_text(char *s, size_t max)
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

char *clean_copy(const char *s)
{
	char *clean = text_clean(s, strlen(s));
	collapse_spaces(clean);
	trim_spaces(clean);
	return clean;
}

/* Lowercase ASCII letters, drop spaces, punctuation and decoration:
 * the form in which repeated sub-headings and TOC titles are compared. */
char *normalize_heading(const char *s)
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

bool is_table(cmark_node *node)
{
	return strcmp(type_name(node), "table") == 0;
}

bool is_table_header(cmark_node *node)
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

char *node_text(cmark_node *node)
{
	struct strbuf sb;
	strbuf_init(&sb);
	plain_text(node, &sb);
	return strbuf_detach(&sb);
}

/* The plain text of inline nodes FROM and its next siblings without label
 * links ("[消息来源](…)", "[Read more](…)") and images: what the item says,
 * not where it was found. */
char *text_without_labels(cmark_node *from)
{
	struct strbuf sb;
	strbuf_init(&sb);
	for (cmark_node *c = from; c; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
			strbuf_putc(&sb, ' ');
			continue;
		}
		char *text = node_text(c);
		bool label = (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) && is_link_label(text);
		if (t == CMARK_NODE_IMAGE)
			label = true;   /* alt text is not what the item says */
		if (!label)
			strbuf_puts(&sb, text);
		free(text);
	}
	char *s = strbuf_detach(&sb);
	collapse_spaces(s);
	trim_spaces(s);
	/* A credit leaves its separator behind: "text —", "text (", "text |". */
	size_t len = strlen(s);
	for (;;) {
		if (len && strchr("-|([:/,", s[len - 1]))
			len--;
		else if (len >= 3 && (memcmp(s + len - 3, "—", 3) == 0 || memcmp(s + len - 3, "（", 3) == 0 ||
		                      memcmp(s + len - 3, "：", 3) == 0 || memcmp(s + len - 3, "–", 3) == 0))
			len -= 3;
		else if (len && s[len - 1] == ' ')
			len--;
		else
			break;
		s[len] = '\0';
	}
	return s;
}

/* A title from a sentence: the first sentence when the text is long, kept
 * whole (with its full stop) when it is one sentence of sensible length. */
char *sentence_title(const char *text)
{
	char *s = xstrdup(text);
	collapse_spaces(s);
	if (strlen(s) > 160) {
		static const char *const stops[] = { "。", "！", "？", ". ", "! ", "? " };
		size_t cut = 0;
		for (size_t i = 0; i < sizeof stops / sizeof *stops; i++) {
			char *p = strstr(s, stops[i]);
			size_t at = p ? (size_t)(p - s) + strlen(stops[i]) : 0;
			if (p && at >= 12 && (!cut || at < cut))
				cut = at;
		}
		if (cut && cut <= 240)
			s[cut] = '\0';
		cut_text(s, 160);
	}
	trim_spaces(s);
	return s;
}

/* Whether C opens or closes a bracket or quote a clause cannot end inside. */
static int bracket_step(unsigned int c)
{
	switch (c) {
	case '(': case '[': case 0xff08: case 0x300a: case 0x300c: case 0x300e: case 0x3010: case 0x201c:
		return 1;
	case ')': case ']': case 0xff09: case 0x300b: case 0x300d: case 0x300f: case 0x3011: case 0x201d:
		return -1;
	default:
		return 0;
	}
}

/* The clause marks a title may end at, by strength: a sentence's end
 * (。！？ and, before a space, . ! ?: kept at the title's end) 3, a
 * semicolon 2, a comma or colon 1 (full-width or, before a space, ASCII);
 * 0 for anything else. */
static int clause_mark(const char *p, unsigned int c, size_t n, bool *keep)
{
	*keep = c == 0x3002 || c == 0xff01 || c == 0xff1f;
	if (*keep)
		return 3;
	if (c == 0xff1b)
		return 2;
	if (c == 0xff0c || c == 0xff1a)
		return 1;
	if (c && c < 0x80 && strchr(",.;:!?", (int)c) && (p[n] == ' ' || p[n] == '\0')) {
		*keep = c == '.' || c == '!' || c == '?';
		return *keep ? 3 : c == ';' ? 2 : 1;
	}
	return 0;
}

char *clause_title(const char *sentence, char **rest)
{
	*rest = NULL;
	int total = text_width(sentence);
	if (total <= TITLE_SENTENCE_COLUMNS)
		return xstrdup(sentence);
	size_t cut = 0, resume = 0;
	int width = 0, depth = 0, strength = 0;
	for (const char *p = sentence; *p;) {
		size_t n;
		unsigned int c = utf8_at(p, &n);
		if (n == 0)
			break;
		int w = text_codepoint_width(c);
		width += w > 0 ? w : 0;
		if (width > TITLE_SENTENCE_COLUMNS)
			break;
		int step = bracket_step(c);
		depth = depth + step < 0 ? 0 : depth + step;
		bool keep;
		/* the strongest mark, the last of equals; the rest must be a
		 * clause to read too, not "且免费开源。" */
		int mark = depth == 0 && width >= TITLE_CLAUSE_MIN_COLUMNS &&
		           total - width >= TITLE_REST_MIN_COLUMNS ? clause_mark(p, c, n, &keep) : 0;
		if (mark && mark >= strength) {
			strength = mark;
			cut = (size_t)(p - sentence) + (keep ? n : 0);
			resume = (size_t)(p - sentence) + n;
		}
		p += n;
	}
	if (!cut || !sentence[resume])
		return xstrdup(sentence);
	char *title = xstrndup(sentence, cut);
	trim_spaces(title);
	*rest = xstrdup(sentence + resume);
	trim_spaces(*rest);
	if (!**rest) {
		free(*rest);
		*rest = NULL;
	}
	return title;
}

/* A heading's text without its navigation: "cs.CL [[Back]](#toc)" is
 * "cs.CL".  Links to anchors and links whose words are navigation go. */
char *heading_text(cmark_node *heading)
{
	bool dropped = false;
	struct strbuf sb;
	strbuf_init(&sb);
	for (cmark_node *c = cmark_node_first_child(heading); c; c = cmark_node_next(c)) {
		char *text = node_text(c);
		bool nav = false;
		if (cmark_node_get_type(c) == CMARK_NODE_LINK) {
			const char *url = cmark_node_get_url(c);
			nav = (url && url[0] == '#') || is_nav_label(text);
		}
		if (!nav)
			strbuf_puts(&sb, text);
		dropped = dropped || nav;
		free(text);
	}
	char *s = strbuf_detach(&sb);
	trim_spaces(s);
	/* The separators around a dropped "[Back](#toc)" or "| [Next](…)". */
	size_t len = strlen(s);
	while (dropped && len && strchr("[]|", s[len - 1])) {
		s[--len] = '\0';
		while (len && s[len - 1] == ' ')
			s[--len] = '\0';
	}
	if (!*s) {
		free(s);
		return node_text(heading);
	}
	return s;
}
