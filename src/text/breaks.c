/* text/breaks.c: where a line may break: libunistring line breaking, URLs kept whole,
 * spaces a line may drop. */
#include <config.h>

#include "internal.h"

#include <langinfo.h>
#include <locale.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <unistr.h>

#include "strbuf.h"
#include "xalloc.h"

/* ---------------------------------------------------------------- breaks */

/* Bytes of the space a line may drop at S ('\t', ' ', U+3000, or a break
 * hint), or 0. */
size_t space_at(const char *s, const char *end)
{
	if (*s == ' ' || *s == '\t')
		return 1;
	if (end - s >= 3 && (unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 &&
	    (unsigned char)s[2] == 0x80)
		return 3;
	if (end - s >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
	    (unsigned char)s[2] == 0x8B)
		return 3;
	return 0;
}

size_t space_before(const char *start, const char *s)
{
	if (s > start && (s[-1] == ' ' || s[-1] == '\t'))
		return 1;
	if (s - start >= 3 && space_at(s - 3, s) == 3)
		return 3;
	return 0;
}

static bool is_url_char(ucs4_t c)
{
	if (c < 0x80)
		return c > 0x20 && c < 0x7F && !strchr("<>\"`{}|\\^", (int)c);
	return codepoint_width(c) == 1 && uc_is_alnum(c) && !is_closing(c) &&
	       !is_opening(c);
}

/* End of the URL whose body (after "scheme://" or at "www.") starts at S. */
static const char *url_end(const char *start, const char *s, const char *end)
{
	bool has_paren = false;
	while (s < end) {
		ucs4_t c;
		size_t n = next_codepoint(s, end, &c);
		if (!is_url_char(c))
			break;
		if (c == '(')
			has_paren = true;
		s += n;
	}
	/* Trailing punctuation belongs to the sentence, not the URL. */
	while (s > start && (strchr(".,;:!?'", s[-1]) || (s[-1] == ')' && !has_paren)))
		s--;
	return s;
}

/* URLs stay whole: no break strictly inside one. */
static void keep_urls_whole(const char *s, size_t len, char *breaks)
{
	const char *end = s + len;
	const char *searched = s;       /* no URL starts before this */
	for (const char *p = s; p < end; p++) {
		const char *start = NULL, *body = NULL;
		if (*p == ':' && end - p > 3 && p[1] == '/' && p[2] == '/') {
			const char *scheme = p;
			while (scheme > searched && p - scheme < 32 &&
			       (is_ascii_alnum((unsigned char)scheme[-1]) || strchr("+-.", scheme[-1])))
				scheme--;
			while (scheme < p && !is_ascii_alpha((unsigned char)*scheme))
				scheme++;
			if (scheme < p) {
				start = scheme;
				body = p + 3;
			}
		} else if ((*p == 'w' || *p == 'W') && end - p > 4 && strncasecmp(p, "www.", 4) == 0 &&
		           (p == searched || !(is_ascii_alnum((unsigned char)p[-1]) ||
		                               strchr("./@-", p[-1])))) {
			start = p;
			body = p + 4;
		}
		if (!start)
			continue;
		const char *stop = url_end(body, body, end);
		for (const char *q = start + 1; q < stop; q++)
			breaks[q - s] = UC_BREAK_PROHIBITED;
		searched = p = stop > p ? stop : p;
		if (p >= end)
			break;
	}
}

static bool is_narrow_alnum(ucs4_t c)
{
	if (c < 0x80)
		return is_ascii_alnum(c);
	return uc_is_alnum(c) && codepoint_width(c) == 1;
}

/* libunistring's break opportunities for one paragraph (no '\n'), then the
 * corrections radar needs on top of them. */
void find_breaks(const char *s, size_t len, char *breaks)
{
	const char *end = s + len;
	ucs4_t before_prev = 0, prev = 0;
	ucs4_t prev_visible = 0;        /* last code point, break hints skipped */

	if (len == 0)
		return;
	u8_possible_linebreaks((const uint8_t *)s, len, "UTF-8", breaks);
	for (size_t i = 0; i < len; i++)
		if (breaks[i] != UC_BREAK_POSSIBLE && breaks[i] != UC_BREAK_HYPHENATION)
			breaks[i] = UC_BREAK_PROHIBITED;
		else
			breaks[i] = UC_BREAK_POSSIBLE;

	for (const char *p = s; p < end;) {
		ucs4_t c;
		size_t n = next_codepoint(p, end, &c);
		char *here = &breaks[p - s];
		if (p > s) {
			/* "example.com", "Node.js", "e.g." are words (UAX #14 LB29;
			 * libunistring breaks after the full stop). */
			if (prev == '.' && is_ascii_alnum(before_prev) && is_ascii_alpha(c))
				*here = UC_BREAK_PROHIBITED;
			/* Korean breaks at spaces, not between syllables. */
			if ((is_hangul(prev) && (is_hangul(c) || is_narrow_alnum(c))) ||
			    (is_hangul(c) && is_narrow_alnum(prev)))
				*here = UC_BREAK_PROHIBITED;
			/* Chinese “ ” ‘ ’ open and close like brackets: libunistring
			 * treats them as ambiguous quotes that glue to both sides. */
			if ((c == 0x201C || c == 0x2018) && codepoint_width(prev) == 2 &&
			    !is_opening(prev))
				*here = UC_BREAK_POSSIBLE;
			if ((prev == 0x201D || prev == 0x2019) && codepoint_width(c) == 2 &&
			    !is_closing(c))
				*here = UC_BREAK_POSSIBLE;
			/* Kinsoku, whatever came before (even a space or a hint). */
			if (is_closing(c) || is_opening(prev_visible))
				*here = UC_BREAK_PROHIBITED;
		}
		before_prev = prev;
		prev = c;
		if (c != BREAK_HINT)
			prev_visible = c;
		p += n;
	}
	breaks[0] = UC_BREAK_PROHIBITED;
	keep_urls_whole(s, len, breaks);
}

void text_break_opportunities(const char *clean, size_t len, char *can_break)
{
	struct locale_guard guard = measure_in_utf8();
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && clean[i] != '\n')
			continue;
		find_breaks(clean + start, i - start, can_break + start);
		for (size_t j = start; j < i; j++)
			can_break[j] = can_break[j] == UC_BREAK_POSSIBLE;
		if (i < len)
			can_break[i] = 0;       /* the '\n' itself */
		if (start > 0 && start < len)
			can_break[start] = 1;   /* after a '\n' */
		start = i + 1;
	}
	restore_locale(guard);
}
