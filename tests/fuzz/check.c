/* Invariant checks shared by the fuzz targets (fuzz.h): display text is
 * valid UTF-8 without control, C1, bidi or escape characters, and a line
 * is never wider than asked, measured with libc wcwidth() independently of
 * src/text/'s own width tables. */
#include <config.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "fuzz.h"

void fuzz_fail(const char *what, const char *text, size_t len)
{
	fprintf(stderr, "fuzz: broken invariant: %s\n", what);
	if (text) {
		fputs("fuzz: text: \"", stderr);
		for (size_t i = 0; i < len && i < 400; i++) {
			unsigned char c = (unsigned char)text[i];
			if (c < 0x20 || c == 0x7f || c == '"' || c == '\\')
				fprintf(stderr, "\\x%02x", c);
			else
				fputc(c, stderr);
		}
		fputs(len > 400 ? "\"...\n" : "\"\n", stderr);
	}
	abort();
}

void fuzz_setup(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "en_US.UTF-8");
	setenv("TZ", "UTC", 1);
}

/* Strict UTF-8 decoding (no overlongs, surrogates or values past U+10FFFF);
 * returns the length, 0 for an ill-formed sequence. */
static size_t decode(const unsigned char *s, size_t len, unsigned int *cp)
{
	unsigned char c = s[0];
	size_t n;
	unsigned int min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xc2 && c <= 0xdf) {
		n = 2, min = 0x80, *cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3, min = 0x800, *cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4, min = 0x10000, *cp = c & 0x07;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (s[i] & 0x3f);
	}
	if (*cp < min || *cp > 0x10ffff || (*cp >= 0xd800 && *cp <= 0xdfff))
		return 0;
	return n;
}

static int forbidden(unsigned int cp, int newlines)
{
	if (cp == '\n')
		return !newlines;
	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f))
		return 1;
	if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e ||
	    cp == 0x200f || cp == 0x061c || cp == 0xfeff)
		return 1;
	return 0;
}

void fuzz_check_display(const char *s, size_t len, int newlines)
{
	size_t i = 0;
	while (i < len) {
		unsigned int cp;
		size_t n = decode((const unsigned char *)s + i, len - i, &cp);
		if (n == 0)
			fuzz_fail("invalid UTF-8 in output", s, len);
		if (forbidden(cp, newlines))
			fuzz_fail("control, C1, bidi or BOM character in output", s, len);
		if (cp != '\n' && wcwidth((wchar_t)cp) < 0)
			fuzz_fail("a character wcwidth() calls unprintable in output", s, len);
		i += n;
	}
}

int fuzz_wcwidth(const char *s, size_t len)
{
	int width = 0;
	size_t i = 0;
	while (i < len) {
		unsigned int cp;
		size_t n = decode((const unsigned char *)s + i, len - i, &cp);
		if (n == 0)
			return -1;
		int w = wcwidth((wchar_t)cp);
		width += w > 0 ? w : 0;
		i += n;
	}
	return width;
}

void fuzz_check_lines(const struct text_lines *lines, int width)
{
	for (size_t i = 0; i < lines->count; i++) {
		const struct text_line *line = &lines->lines[i];
		int total = 0;
		for (size_t j = 0; j < line->span_count; j++) {
			const char *t = line->spans[j].text;
			fuzz_check_display(t, strlen(t), 0);
			total += fuzz_wcwidth(t, strlen(t));
		}
		if (total > width || line->width > width) {
			char *text = text_line_string(line);
			char what[96];
			snprintf(what, sizeof what, "a line of %d columns (it says %d) for a width of %d",
			         total, line->width, width);
			fuzz_fail(what, text, strlen(text));
		}
	}
}
