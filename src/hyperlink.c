/* OSC 8 hyperlinks: when to emit them, and the rendered text with them. */
#include <config.h>

#include "hyperlink.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "options.h"
#include "strbuf.h"

bool hyperlinks_enabled(FILE *stream)
{
	const char *value = option_string(OPTION_HYPERLINKS);
	if (strcmp(value, "yes") == 0)
		return true;
	if (strcmp(value, "no") == 0)
		return false;
	const char *term = getenv("TERM");
	return isatty(fileno(stream)) == 1 && term && *term && strcmp(term, "dumb") != 0;
}

/* The URL as the escape carries it: printable ASCII as is, every other
 * byte (controls, ESC, DEL, non-ASCII) as %XX. */
static void put_uri(struct strbuf *sb, const char *url)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
		if (*p > 0x20 && *p < 0x7f) {
			strbuf_putc(sb, (char)*p);
		} else {
			strbuf_putc(sb, '%');
			strbuf_putc(sb, hex[*p >> 4]);
			strbuf_putc(sb, hex[*p & 15]);
		}
	}
}

static bool is_link_url(const struct render_output *out, const char *text)
{
	for (size_t i = 0; i < out->link_count; i++)
		if (out->links[i].url && strcmp(out->links[i].url, text) == 0)
			return true;
	return false;
}

char *hyperlink_text(const struct render_output *out, bool hyperlinks)
{
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; i < out->lines.count; i++) {
		const struct text_line *line = &out->lines.lines[i];
		for (size_t k = 0; k < line->span_count; k++) {
			const struct text_span *span = &line->spans[k];
			if (hyperlinks && span->style == RENDER_LINK && is_link_url(out, span->text)) {
				strbuf_puts(&sb, "\033]8;;");
				put_uri(&sb, span->text);
				strbuf_puts(&sb, "\033\\");
				strbuf_puts(&sb, span->text);
				strbuf_puts(&sb, "\033]8;;\033\\");
			} else {
				strbuf_puts(&sb, span->text);
			}
		}
		strbuf_putc(&sb, '\n');
	}
	return strbuf_detach(&sb);
}
