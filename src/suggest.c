/* "Did you mean": edit distance over code points and keeping the nearest
 * of the names offered. */
#include <config.h>

#include "suggest.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define MAX_POINTS 32

/* Code points of TEXT into OUT (ASCII letters lower-cased); -1 when there
 * are more than MAX_POINTS.  Invalid bytes count as one point each. */
static int points(const char *text, uint32_t out[MAX_POINTS])
{
	const unsigned char *p = (const unsigned char *)text;
	int n = 0;
	while (*p) {
		if (n == MAX_POINTS)
			return -1;
		uint32_t c = *p++;
		int more = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
		for (; more > 0 && (*p & 0xc0) == 0x80; more--)
			c = (c << 6) | (*p++ & 0x3f);
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		out[n++] = c;
	}
	return n;
}

size_t suggest_distance(const char *a, const char *b)
{
	uint32_t pa[MAX_POINTS], pb[MAX_POINTS];
	int la = points(a, pa), lb = points(b, pb);
	if (la < 0 || lb < 0)
		return 99;
	size_t row[MAX_POINTS + 1];
	for (int j = 0; j <= lb; j++)
		row[j] = (size_t)j;
	for (int i = 1; i <= la; i++) {
		size_t diagonal = row[0];
		row[0] = (size_t)i;
		for (int j = 1; j <= lb; j++) {
			size_t above = row[j];
			size_t best = diagonal + (pa[i - 1] == pb[j - 1] ? 0 : 1);
			if (above + 1 < best)
				best = above + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diagonal = above;
		}
	}
	return row[lb];
}

void suggestion_init(struct suggestion *s, const char *word)
{
	s->word = word;
	s->best = NULL;
	s->distance = 3;        /* a likely typo is at most two edits away */
}

void suggestion_offer(struct suggestion *s, const char *name)
{
	size_t d = suggest_distance(s->word, name);
	if (d < s->distance && strcmp(s->word, name) != 0) {
		free(s->best);
		s->best = xstrdup(name);
		s->distance = d;
	}
}

void suggestion_clear(struct suggestion *s)
{
	free(s->best);
	s->best = NULL;
}
