/* text/internal.h: what the files of src/text/ share; the public interface is src/text.h.
 *
 *   width.c    code point classes and widths, the UTF-8 locale guard, UTF-8 stepping
 *   clean.c    sanitising and normalising untrusted bytes
 *   measure.c  width of clean text, truncate/fit/pad
 *   breaks.c   line-break opportunities (libunistring, URLs, droppable spaces)
 *   wrap.c     wrapping styled spans to a width; text_lines
 */
#ifndef RADAR_TEXT_INTERNAL_H
#define RADAR_TEXT_INTERNAL_H

#include <locale.h>
#include <stdbool.h>
#include <stddef.h>

#include <unitypes.h>

#include "strbuf.h"
#include "text.h"

#define BREAK_HINT 0x200B

#define ELLIPSIS "\xe2\x8b\xaf"

#define GETA_MARK 0x3013        /* 〓: stands in for a wide character libc does not know */

struct locale_guard {
	locale_t previous;
	bool switched;
};

static inline bool is_plain_ascii(unsigned char byte)
{
	return byte >= 0x20 && byte < 0x7F;
}

static inline bool is_regional_indicator(ucs4_t c)
{
	return c >= 0x1F1E6 && c <= 0x1F1FF;
}

static inline bool is_hangul(ucs4_t c)
{
	return (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F) ||
	       (c >= 0xA960 && c <= 0xA97F) || (c >= 0xAC00 && c <= 0xD7FF);
}

static inline bool is_ascii_alnum(ucs4_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline bool is_ascii_alpha(ucs4_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

size_t space_at(const char *s, const char *end);
size_t space_before(const char *start, const char *s);
void find_breaks(const char *s, size_t len, char *breaks);
int measure(const char *s, size_t len);
int append_display(struct strbuf *sb, const char *s, size_t len);
const char *next_grapheme(const char *s, const char *end);
struct locale_guard measure_in_utf8(void);
void restore_locale(struct locale_guard guard);
bool is_dropped(ucs4_t c);
int codepoint_width(ucs4_t c);
ucs4_t display_codepoint(ucs4_t c);
int display_width(ucs4_t c);
size_t next_codepoint(const char *s, const char *end, ucs4_t *c);
void put_codepoint(struct strbuf *sb, ucs4_t c);
bool is_opening(ucs4_t c);
bool is_closing(ucs4_t c);

#endif
