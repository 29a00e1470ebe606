/* text/clean.c: untrusted bytes -> clean text: sanitising (invalid UTF-8, controls, bidi
 * overrides) and emoji/space normalisation. */
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

/* ---------------------------------------------------------------- clean */

/* Decode one code point of raw bytes.  An ill-formed sequence yields one
 * U+FFFD per maximal subpart (the Unicode recommendation), so "E4 B8" is one
 * replacement and an overlong "C0 80" is two. */
static size_t decode_raw(const unsigned char *s, size_t n, ucs4_t *c)
{
	unsigned char b0 = s[0];
	size_t need;
	unsigned char low = 0x80, high = 0xBF;

	*c = 0xFFFD;
	if (b0 < 0x80) {
		*c = b0;
		return 1;
	}
	if (b0 < 0xC2)
		return 1;
	if (b0 < 0xE0) {
		need = 1;
	} else if (b0 < 0xF0) {
		need = 2;
		if (b0 == 0xE0)
			low = 0xA0;     /* overlong */
		else if (b0 == 0xED)
			high = 0x9F;    /* surrogates */
	} else if (b0 < 0xF5) {
		need = 3;
		if (b0 == 0xF0)
			low = 0x90;     /* overlong */
		else if (b0 == 0xF4)
			high = 0x8F;    /* beyond U+10FFFF */
	} else {
		return 1;
	}

	ucs4_t value = b0 & (0x3F >> need);
	for (size_t i = 1; i <= need; i++) {
		if (i >= n || s[i] < low || s[i] > high)
			return i;
		value = (value << 6) | (s[i] & 0x3F);
		low = 0x80;
		high = 0xBF;
	}
	*c = value;
	return need + 1;
}

char *text_sanitize(const char *bytes, size_t len)
{
	const unsigned char *s = (const unsigned char *)(bytes ? bytes : "");
	struct strbuf out;
	bool after_hint = false;

	if (!bytes)
		len = 0;
	strbuf_init(&out);
	for (size_t i = 0; i < len;) {
		if (is_plain_ascii(s[i])) {
			size_t run = i + 1;
			while (run < len && is_plain_ascii(s[run]))
				run++;
			strbuf_append(&out, (const char *)s + i, run - i);
			i = run;
			after_hint = false;
			continue;
		}
		ucs4_t c;
		i += decode_raw(s + i, len - i, &c);
		if (c == 0x2028 || c == 0x2029)
			c = '\n';       /* line and paragraph separators end a line */
		if (is_dropped(c))
			continue;
		if (c == 0x00AD || c == BREAK_HINT) {
			if (!after_hint)
				put_codepoint(&out, BREAK_HINT);
			after_hint = true;
			continue;
		}
		put_codepoint(&out, c);
		after_hint = false;
	}
	return strbuf_detach(&out);
}

static char *normalize(const char *sanitized)
{
	const char *s = sanitized ? sanitized : "";
	const char *end = s + strlen(s);
	struct strbuf out;
	ucs4_t pending_flag = 0;        /* a regional indicator waiting for its pair */
	int base_width = 0;             /* wcwidth() of the last character drawn */
	bool after_hint = false;

	strbuf_init(&out);
	while (s < end) {
		if (is_plain_ascii((unsigned char)*s) && !pending_flag) {
			strbuf_putc(&out, *s++);
			base_width = 1;
			after_hint = false;
			continue;
		}
		ucs4_t c;
		s += next_codepoint(s, end, &c);

		if (pending_flag) {
			if (is_regional_indicator(c)) {
				strbuf_printf(&out, "[%c%c]", (char)('A' + (pending_flag - 0x1F1E6)),
				              (char)('A' + (c - 0x1F1E6)));
				pending_flag = 0;
				base_width = 1;
				after_hint = false;
				continue;
			}
			strbuf_printf(&out, "[%c]", (char)('A' + (pending_flag - 0x1F1E6)));
			pending_flag = 0;
			base_width = 1;
			after_hint = false;
		}
		/* Presentation selectors, joiners and tag characters: terminals
		 * disagree on what they do to widths, so they go. */
		if (c == 0xFE0E || c == 0xFE0F || c == 0x200D || (c >= 0xE0000 && c <= 0xE007F))
			continue;
		if (is_dropped(c) || c == 0x2028 || c == 0x2029)
			continue;
		if (is_regional_indicator(c)) {
			pending_flag = c;
			continue;
		}
		if (c >= 0x1F3FB && c <= 0x1F3FF && base_width == 2)
			continue;       /* skin tone: the base alone keeps its width */
		if (c == 0x00AD || c == BREAK_HINT) {
			if (!after_hint)
				put_codepoint(&out, BREAK_HINT);
			after_hint = true;
			continue;
		}
		bool hint_before = after_hint;
		after_hint = false;
		if (c == '\n' || c == '\t') {
			strbuf_putc(&out, (char)c);
			base_width = 0;
			continue;
		}
		if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			c = 0xFFFD;
		int w = wcwidth((wchar_t)c);
		if (w < 0) {
			c = display_codepoint(c);
			w = c == GETA_MARK ? 2 : 1;
		} else if (w == 0) {
			/* A combining mark with nothing to combine with would draw
			 * onto whatever the terminal shows before it. */
			if (base_width == 0) {
				/* Dropped: two break hints around it are one, as
				 * they are once it is gone (cleaning is idempotent). */
				after_hint = hint_before;
				continue;
			}
			put_codepoint(&out, c);
			continue;
		}
		put_codepoint(&out, c);
		base_width = w;
	}
	if (pending_flag)
		strbuf_printf(&out, "[%c]", (char)('A' + (pending_flag - 0x1F1E6)));
	return strbuf_detach(&out);
}

char *text_normalize(const char *sanitized)
{
	struct locale_guard guard = measure_in_utf8();
	char *clean = normalize(sanitized);
	restore_locale(guard);
	return clean;
}

char *text_clean(const char *bytes, size_t len)
{
	char *sanitized = text_sanitize(bytes, len);
	char *clean = text_normalize(sanitized);
	free(sanitized);
	return clean;
}
