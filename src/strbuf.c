/* The growable byte buffer every module builds strings in; it aborts through xalloc
 * on exhaustion, so callers never check appends. */

#include <config.h>

#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <stdlib.h>

#include "xalloc.h"

void strbuf_init(struct strbuf *sb)
{
	sb->capacity = 64;
	sb->data = xmalloc(sb->capacity);
	sb->data[0] = '\0';
	sb->len = 0;
}

void strbuf_clear(struct strbuf *sb)
{
	free(sb->data);
	sb->data = NULL;
	sb->len = sb->capacity = 0;
}

void strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	sb->data[0] = '\0';
}

static void reserve(struct strbuf *sb, size_t extra)
{
	sb->data = xgrow(sb->data, &sb->capacity, sb->len + extra + 1, 1);
}

void strbuf_append(struct strbuf *sb, const char *bytes, size_t len)
{
	if (len == 0)
		return;     /* BYTES may be NULL then; memcpy must not see it */
	reserve(sb, len);
	memcpy(sb->data + sb->len, bytes, len);
	sb->len += len;
	sb->data[sb->len] = '\0';
}

void strbuf_puts(struct strbuf *sb, const char *s)
{
	strbuf_append(sb, s, strlen(s));
}

void strbuf_putc(struct strbuf *sb, char c)
{
	strbuf_append(sb, &c, 1);
}

void strbuf_printf(struct strbuf *sb, const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	int n = vsnprintf(NULL, 0, format, ap);
	va_end(ap);
	if (n <= 0)
		return;
	reserve(sb, (size_t)n);
	va_start(ap, format);
	vsnprintf(sb->data + sb->len, (size_t)n + 1, format, ap);
	va_end(ap);
	sb->len += (size_t)n;
}

void strbuf_rtrim(struct strbuf *sb)
{
	while (sb->len > 0 && sb->data[sb->len - 1] != '\0' &&
	       strchr(" \t\r\n\f\v", sb->data[sb->len - 1]))
		sb->len--;
	sb->data[sb->len] = '\0';
}

char *strbuf_detach(struct strbuf *sb)
{
	char *data = sb->data;
	sb->data = NULL;
	sb->len = sb->capacity = 0;
	return data;
}
