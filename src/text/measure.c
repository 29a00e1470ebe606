/* text/measure.c: the width of clean text, and cutting it to a number of columns
 * (truncate, fit and pad). */
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

/* ---------------------------------------------------------------- measure */

static int width_of(const char *clean)
{
	const char *s = clean;
	const char *end = s + strlen(s);
	int width = 0;
	while (s < end) {
		if (is_plain_ascii((unsigned char)*s)) {
			width++;
			s++;
			continue;
		}
		ucs4_t c;
		s += next_codepoint(s, end, &c);
		if (c != '\n')
			width += codepoint_width(c);
	}
	return width;
}

int text_width(const char *clean)
{
	if (!clean)
		return 0;
	struct locale_guard guard = measure_in_utf8();
	int width = width_of(clean);
	restore_locale(guard);
	return width;
}

/* Columns S[0..LEN) takes as display text. */
int measure(const char *s, size_t len)
{
	const char *end = s + len;
	int width = 0;
	while (s < end) {
		if (is_plain_ascii((unsigned char)*s)) {
			width++;
			s++;
			continue;
		}
		ucs4_t c;
		s += next_codepoint(s, end, &c);
		width += display_width(c);
	}
	return width;
}

/* Append S[0..LEN) as display text; returns the columns appended. */
int append_display(struct strbuf *sb, const char *s, size_t len)
{
	const char *end = s + len;
	int width = 0;
	while (s < end) {
		const char *run = s;
		while (run < end && is_plain_ascii((unsigned char)*run))
			run++;
		if (run > s) {
			strbuf_append(sb, s, (size_t)(run - s));
			width += (int)(run - s);
			s = run;
			continue;
		}
		ucs4_t c;
		size_t n = next_codepoint(s, end, &c);
		ucs4_t shown = display_codepoint(c);
		if (shown == c && c != 0xFFFD)  /* U+FFFD may stand for bad bytes */
			strbuf_append(sb, s, n);
		else if (shown)
			put_codepoint(sb, shown);
		if (shown)
			width += codepoint_width(shown);
		s += n;
	}
	return width;
}

/* End of the grapheme cluster starting at S. */
const char *next_grapheme(const char *s, const char *end)
{
	if ((unsigned char)s[0] < 0x80 && (s + 1 == end || (unsigned char)s[1] < 0x80))
		return s + 1;
	const uint8_t *next = u8_grapheme_next((const uint8_t *)s, (const uint8_t *)end);
	return next && (const char *)next > s ? (const char *)next : s + 1;
}

/* Append CLEAN cut to COLS columns to OUT; returns the columns appended. */
static int truncate_into(struct strbuf *out, const char *clean, int cols)
{
	const char *s = clean ? clean : "";
	const char *end = s + strlen(s);
	const char *cut = s;            /* where the text ends if it needs the ellipsis */
	int used = 0;
	bool overflow = false;

	if (cols <= 0)
		return 0;
	for (const char *g = s; g < end;) {
		const char *next = next_grapheme(g, end);
		int gw = measure(g, (size_t)(next - g));
		if (used + gw > cols) {
			overflow = true;
			break;
		}
		used += gw;
		if (used <= cols - 1)
			cut = next;
		g = next;
	}
	if (!overflow)
		return append_display(out, s, (size_t)(end - s));

	size_t start = out->len;
	used = append_display(out, s, (size_t)(cut - s));
	while (out->len > start && out->data[out->len - 1] == ' ') {
		out->data[--out->len] = '\0';
		used--;
	}
	strbuf_puts(out, ELLIPSIS);
	return used + 1;
}

char *text_truncate(const char *clean, int cols, int *width)
{
	struct locale_guard guard = measure_in_utf8();
	struct strbuf out;
	strbuf_init(&out);
	int used = truncate_into(&out, clean, cols);
	if (width)
		*width = used;
	restore_locale(guard);
	return strbuf_detach(&out);
}

char *text_fit(const char *clean, int cols)
{
	struct locale_guard guard = measure_in_utf8();
	struct strbuf out;
	strbuf_init(&out);
	int used = truncate_into(&out, clean, cols);
	if (used < cols) {
		size_t pad = (size_t)(cols - used);
		out.data = xgrow(out.data, &out.capacity, out.len + pad + 1, 1);
		memset(out.data + out.len, ' ', pad);
		out.len += pad;
		out.data[out.len] = '\0';
	}
	restore_locale(guard);
	return strbuf_detach(&out);
}
