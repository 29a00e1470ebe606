/* Fuzz target: the text module (text.h) on raw bytes.  The first byte
 * picks a width (1..64) and whether ambiguous characters are wide; the rest
 * is the raw text.  Checked: text_clean gives valid UTF-8 without controls
 * (tabs and newlines aside), cleaning is idempotent, text_fit/text_truncate
 * give display text of exactly/at most the width asked, and text_wrap /
 * text_wrap_spans give lines that are display text no wider than asked,
 * every one measured with libc wcwidth(). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "text.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_setup();
	return 0;
}

static void check_clean(const char *clean)
{
	size_t len = strlen(clean);
	char *copy = strdup(clean);
	for (size_t i = 0; i < len; i++)
		if (copy[i] == '\t')
			copy[i] = ' ';
	fuzz_check_display(copy, len, 1);
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int width = 1 + (data[0] & 0x3f);
	bool wide = (data[0] & 0x40) != 0;
	const char *raw = (const char *)data + 1;
	size_t len = size - 1;
	text_set_ambiguous_wide(wide);

	char *clean = text_clean(raw, len);
	check_clean(clean);
	char *again = text_clean(clean, strlen(clean));
	if (strcmp(again, clean) != 0)
		fuzz_fail("text_clean is not idempotent", clean, strlen(clean));
	free(again);

	/* Widths are compared with wcwidth only when ambiguous characters are
	 * narrow: that is what libc says, and what radar assumes by default. */
	int used = -1;
	char *cut = text_truncate(clean, width, &used);
	fuzz_check_display(cut, strlen(cut), 0);
	if (used > width || (!wide && fuzz_wcwidth(cut, strlen(cut)) > width))
		fuzz_fail("text_truncate is wider than asked", cut, strlen(cut));
	free(cut);

	char *fit = text_fit(clean, width);
	fuzz_check_display(fit, strlen(fit), 0);
	if (!wide && fuzz_wcwidth(fit, strlen(fit)) != width)
		fuzz_fail("text_fit is not exactly as wide as asked", fit, strlen(fit));
	free(fit);

	struct text_lines lines;
	text_lines_init(&lines);
	text_wrap(clean, width, 0, &lines);
	if (!wide)
		fuzz_check_lines(&lines, width);
	text_lines_clear(&lines);

	/* The same text as three styled spans, split at byte boundaries the
	 * input chooses (pieces of clean text, cut on a code point). */
	size_t clen = strlen(clean);
	size_t a = clen ? (size_t)data[0] * 7 % (clen + 1) : 0;
	size_t b = clen ? (size_t)data[0] * 13 % (clen + 1) : 0;
	if (a > b) {
		size_t t = a;
		a = b;
		b = t;
	}
	while (a > 0 && a < clen && ((unsigned char)clean[a] & 0xc0) == 0x80)
		a--;
	while (b > a && b < clen && ((unsigned char)clean[b] & 0xc0) == 0x80)
		b--;
	char *p0 = strndup(clean, a), *p1 = strndup(clean + a, b - a), *p2 = strdup(clean + b);
	struct text_span spans[3] = { { p0, 0 }, { p1, 1 }, { p2, 2 } };
	text_lines_init(&lines);
	text_wrap_spans(spans, 3, width, &lines);
	if (!wide)
		fuzz_check_lines(&lines, width);
	text_lines_clear(&lines);
	free(p0);
	free(p1);
	free(p2);

	int w = text_width(clean);
	if (w < 0)
		fuzz_fail("text_width is negative", clean, clen);
	free(clean);
	text_set_ambiguous_wide(false);
	return 0;
}
