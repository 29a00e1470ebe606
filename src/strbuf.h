/* Growable, always NUL-terminated byte strings. */
#ifndef RADAR_STRBUF_H
#define RADAR_STRBUF_H

#include <stddef.h>

struct strbuf {
	char *data;     /* never NULL after strbuf_init */
	size_t len;
	size_t capacity;
};

void strbuf_init(struct strbuf *sb);
void strbuf_clear(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
void strbuf_append(struct strbuf *sb, const char *bytes, size_t len);
void strbuf_puts(struct strbuf *sb, const char *s);
void strbuf_putc(struct strbuf *sb, char c);
void strbuf_printf(struct strbuf *sb, const char *format, ...) __attribute__((format(printf, 2, 3)));
/* Drop trailing ASCII white space. */
void strbuf_rtrim(struct strbuf *sb);
/* Hand the buffer over to the caller and leave SB empty. */
char *strbuf_detach(struct strbuf *sb);

#endif
