/* Allocation that cannot return NULL: radar prints one line and exits on exhaustion
 * rather than carry a NULL check to every caller. */

#include <config.h>

#include "xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static void out_of_memory(void)
{
	fputs(_("radar: out of memory\n"), stderr);
	abort();
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xgrow(void *ptr, size_t *capacity, size_t needed, size_t size)
{
	if (needed <= *capacity)
		return ptr;
	size_t cap = *capacity ? *capacity : 8;
	while (cap < needed) {
		if (cap > ((size_t)-1) / 2 / size)
			out_of_memory();
		cap *= 2;
	}
	*capacity = cap;
	return xrealloc(ptr, cap * size);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	int n = vsnprintf(NULL, 0, format, ap);
	va_end(ap);
	if (n < 0)
		out_of_memory();
	char *p = xmalloc((size_t)n + 1);
	va_start(ap, format);
	vsnprintf(p, (size_t)n + 1, format, ap);
	va_end(ap);
	return p;
}
