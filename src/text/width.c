/* text/width.c: code points and their display width: the ambiguous/wide/kinsoku tables,
 * wcwidth() measured in a UTF-8 locale, UTF-8 stepping and encoding. */
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

/* U+22EF MIDLINE HORIZONTAL ELLIPSIS: one column in wcwidth() and East Asian
 * Width "N", so it stays one column on terminals that draw ambiguous
 * characters wide.  U+2026 "…" is ambiguous and would not. */

struct cp_range {
	ucs4_t first, last;
};

/* East Asian Width "A" (ambiguous) ranges, Unicode 14.0 (the version glibc
 * 2.36's wcwidth() follows).  This is a classification, not a width table:
 * widths always come from wcwidth(); the table only says which of its
 * one-column answers a terminal set to "ambiguous = wide" draws as two. */
static const struct cp_range ambiguous_ranges[] = {
	{0x00A1, 0x00A1}, {0x00A4, 0x00A4}, {0x00A7, 0x00A8}, {0x00AA, 0x00AA},
	{0x00AD, 0x00AE}, {0x00B0, 0x00B4}, {0x00B6, 0x00BA}, {0x00BC, 0x00BF},
	{0x00C6, 0x00C6}, {0x00D0, 0x00D0}, {0x00D7, 0x00D8}, {0x00DE, 0x00E1},
	{0x00E6, 0x00E6}, {0x00E8, 0x00EA}, {0x00EC, 0x00ED}, {0x00F0, 0x00F0},
	{0x00F2, 0x00F3}, {0x00F7, 0x00FA}, {0x00FC, 0x00FC}, {0x00FE, 0x00FE},
	{0x0101, 0x0101}, {0x0111, 0x0111}, {0x0113, 0x0113}, {0x011B, 0x011B},
	{0x0126, 0x0127}, {0x012B, 0x012B}, {0x0131, 0x0133}, {0x0138, 0x0138},
	{0x013F, 0x0142}, {0x0144, 0x0144}, {0x0148, 0x014B}, {0x014D, 0x014D},
	{0x0152, 0x0153}, {0x0166, 0x0167}, {0x016B, 0x016B}, {0x01CE, 0x01CE},
	{0x01D0, 0x01D0}, {0x01D2, 0x01D2}, {0x01D4, 0x01D4}, {0x01D6, 0x01D6},
	{0x01D8, 0x01D8}, {0x01DA, 0x01DA}, {0x01DC, 0x01DC}, {0x0251, 0x0251},
	{0x0261, 0x0261}, {0x02C4, 0x02C4}, {0x02C7, 0x02C7}, {0x02C9, 0x02CB},
	{0x02CD, 0x02CD}, {0x02D0, 0x02D0}, {0x02D8, 0x02DB}, {0x02DD, 0x02DD},
	{0x02DF, 0x02DF}, {0x0391, 0x03A9}, {0x03B1, 0x03C1}, {0x03C3, 0x03C9},
	{0x0401, 0x0401}, {0x0410, 0x044F}, {0x0451, 0x0451}, {0x2010, 0x2010},
	{0x2013, 0x2016}, {0x2018, 0x2019}, {0x201C, 0x201D}, {0x2020, 0x2022},
	{0x2024, 0x2027}, {0x2030, 0x2030}, {0x2032, 0x2033}, {0x2035, 0x2035},
	{0x203B, 0x203B}, {0x203E, 0x203E}, {0x2074, 0x2074}, {0x207F, 0x207F},
	{0x2081, 0x2084}, {0x20AC, 0x20AC}, {0x2103, 0x2103}, {0x2105, 0x2105},
	{0x2109, 0x2109}, {0x2113, 0x2113}, {0x2116, 0x2116}, {0x2121, 0x2122},
	{0x2126, 0x2126}, {0x212B, 0x212B}, {0x2153, 0x2154}, {0x215B, 0x215E},
	{0x2160, 0x216B}, {0x2170, 0x2179}, {0x2189, 0x2189}, {0x2190, 0x2199},
	{0x21B8, 0x21B9}, {0x21D2, 0x21D2}, {0x21D4, 0x21D4}, {0x21E7, 0x21E7},
	{0x2200, 0x2200}, {0x2202, 0x2203}, {0x2207, 0x2208}, {0x220B, 0x220B},
	{0x220F, 0x220F}, {0x2211, 0x2211}, {0x2215, 0x2215}, {0x221A, 0x221A},
	{0x221D, 0x2220}, {0x2223, 0x2223}, {0x2225, 0x2225}, {0x2227, 0x222C},
	{0x222E, 0x222E}, {0x2234, 0x2237}, {0x223C, 0x223D}, {0x2248, 0x2248},
	{0x224C, 0x224C}, {0x2252, 0x2252}, {0x2260, 0x2261}, {0x2264, 0x2267},
	{0x226A, 0x226B}, {0x226E, 0x226F}, {0x2282, 0x2283}, {0x2286, 0x2287},
	{0x2295, 0x2295}, {0x2299, 0x2299}, {0x22A5, 0x22A5}, {0x22BF, 0x22BF},
	{0x2312, 0x2312}, {0x2460, 0x24E9}, {0x24EB, 0x254B}, {0x2550, 0x2573},
	{0x2580, 0x258F}, {0x2592, 0x2595}, {0x25A0, 0x25A1}, {0x25A3, 0x25A9},
	{0x25B2, 0x25B3}, {0x25B6, 0x25B7}, {0x25BC, 0x25BD}, {0x25C0, 0x25C1},
	{0x25C6, 0x25C8}, {0x25CB, 0x25CB}, {0x25CE, 0x25D1}, {0x25E2, 0x25E5},
	{0x25EF, 0x25EF}, {0x2605, 0x2606}, {0x2609, 0x2609}, {0x260E, 0x260F},
	{0x261C, 0x261C}, {0x261E, 0x261E}, {0x2640, 0x2640}, {0x2642, 0x2642},
	{0x2660, 0x2661}, {0x2663, 0x2665}, {0x2667, 0x266A}, {0x266C, 0x266D},
	{0x266F, 0x266F}, {0x269E, 0x269F}, {0x26BF, 0x26BF}, {0x26C6, 0x26CD},
	{0x26CF, 0x26D3}, {0x26D5, 0x26E1}, {0x26E3, 0x26E3}, {0x26E8, 0x26E9},
	{0x26EB, 0x26F1}, {0x26F4, 0x26F4}, {0x26F6, 0x26F9}, {0x26FB, 0x26FC},
	{0x26FE, 0x26FF}, {0x273D, 0x273D}, {0x2776, 0x277F}, {0x2B56, 0x2B59},
	{0x3248, 0x324F}, {0xE000, 0xF8FF}, {0xFFFD, 0xFFFD}, {0x1F100, 0x1F10A},
	{0x1F110, 0x1F12D}, {0x1F130, 0x1F169}, {0x1F170, 0x1F18D},
	{0x1F18F, 0x1F190}, {0x1F19B, 0x1F1AC}, {0xF0000, 0x10FFFD},
};

/* Where a character libc does not know (newer than its Unicode) would be
 * wide: the blocks EastAsianWidth.txt gives a default of W, plus the emoji
 * blocks, where every new character so far has been wide. */
static const struct cp_range default_wide_ranges[] = {
	{0x1100, 0x115F}, {0x2E80, 0x303E}, {0x3041, 0x33FF}, {0x3400, 0x4DBF},
	{0x4E00, 0x9FFF}, {0xA000, 0xA4CF}, {0xA960, 0xA97F}, {0xAC00, 0xD7A3},
	{0xF900, 0xFAFF}, {0xFE10, 0xFE19}, {0xFE30, 0xFE6F}, {0xFF00, 0xFF60},
	{0xFFE0, 0xFFE6}, {0x16FE0, 0x16FFF}, {0x17000, 0x18CFF}, {0x1AFF0, 0x1B2FF},
	{0x1F000, 0x1FAFF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

/* Kinsoku: characters no line may start with ... */
static const struct cp_range closing_marks[] = {
	{0x2019, 0x2019}, {0x201D, 0x201D}, {0x2025, 0x2026}, {0x203C, 0x203C},
	{0x2047, 0x2049}, {0x3001, 0x3002}, {0x3005, 0x3005}, {0x3009, 0x3009},
	{0x300B, 0x300B}, {0x300D, 0x300D}, {0x300F, 0x300F}, {0x3011, 0x3011},
	{0x3015, 0x3015}, {0x3017, 0x3017}, {0x3019, 0x3019}, {0x301B, 0x301B},
	{0x301E, 0x301F}, {0x303B, 0x303B}, {0x3041, 0x3041}, {0x3043, 0x3043},
	{0x3045, 0x3045}, {0x3047, 0x3047}, {0x3049, 0x3049}, {0x3063, 0x3063},
	{0x3083, 0x3083}, {0x3085, 0x3085}, {0x3087, 0x3087}, {0x308E, 0x308E},
	{0x3095, 0x3096}, {0x309B, 0x309E}, {0x30A0, 0x30A1}, {0x30A3, 0x30A3},
	{0x30A5, 0x30A5}, {0x30A7, 0x30A7}, {0x30A9, 0x30A9}, {0x30C3, 0x30C3},
	{0x30E3, 0x30E3}, {0x30E5, 0x30E5}, {0x30E7, 0x30E7}, {0x30EE, 0x30EE},
	{0x30F5, 0x30F6}, {0x30FB, 0x30FE}, {0x31F0, 0x31FF}, {0xFE10, 0xFE16},
	{0xFE19, 0xFE19}, {0xFE50, 0xFE52}, {0xFE54, 0xFE57}, {0xFE5A, 0xFE5A},
	{0xFE5C, 0xFE5C}, {0xFE5E, 0xFE5E}, {0xFF01, 0xFF01}, {0xFF09, 0xFF09},
	{0xFF0C, 0xFF0C}, {0xFF0E, 0xFF0E}, {0xFF1A, 0xFF1B}, {0xFF1F, 0xFF1F},
	{0xFF3D, 0xFF3D}, {0xFF5D, 0xFF5D}, {0xFF60, 0xFF61}, {0xFF63, 0xFF65},
	{0xFF67, 0xFF70}, {0xFF9E, 0xFF9F},
};

/* ... and characters none may end with. */
static const struct cp_range opening_marks[] = {
	{'(', '('}, {'[', '['}, {'{', '{'}, {0x2018, 0x2018}, {0x201C, 0x201C},
	{0x3008, 0x3008}, {0x300A, 0x300A}, {0x300C, 0x300C}, {0x300E, 0x300E},
	{0x3010, 0x3010}, {0x3014, 0x3014}, {0x3016, 0x3016}, {0x3018, 0x3018},
	{0x301A, 0x301A}, {0x301D, 0x301D}, {0xFE59, 0xFE59}, {0xFE5B, 0xFE5B},
	{0xFE5D, 0xFE5D}, {0xFF08, 0xFF08}, {0xFF3B, 0xFF3B}, {0xFF5B, 0xFF5B},
	{0xFF5F, 0xFF5F}, {0xFF62, 0xFF62},
};

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static bool in_ranges(ucs4_t c, const struct cp_range *ranges, size_t count)
{
	size_t low = 0, high = count;
	if (count == 0 || c < ranges[0].first || c > ranges[count - 1].last)
		return false;
	while (low < high) {
		size_t mid = low + (high - low) / 2;
		if (c < ranges[mid].first)
			high = mid;
		else if (c > ranges[mid].last)
			low = mid + 1;
		else
			return true;
	}
	return false;
}

static bool ambiguous_wide;

/* wcwidth() answers for the calling thread's locale, and in a non-UTF-8 one
 * (a program that has not called setlocale yet, a test) it knows no
 * character beyond ASCII.  radar's text is UTF-8 whatever the locale, so the
 * public entry points measure in C.UTF-8 when the locale is not UTF-8. */
static locale_t utf8_locale;
static pthread_once_t utf8_locale_once = PTHREAD_ONCE_INIT;

static void open_utf8_locale(void)
{
	utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

struct locale_guard measure_in_utf8(void)
{
	struct locale_guard guard = { .switched = false };
	if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		return guard;
	pthread_once(&utf8_locale_once, open_utf8_locale);
	if (utf8_locale) {
		guard.previous = uselocale(utf8_locale);
		guard.switched = true;
	}
	return guard;
}

void restore_locale(struct locale_guard guard)
{
	if (guard.switched)
		uselocale(guard.previous);
}

void text_set_ambiguous_wide(bool wide)
{
	ambiguous_wide = wide;
}

bool text_ambiguous_wide(void)
{
	return ambiguous_wide;
}

bool text_is_ambiguous(unsigned int codepoint)
{
	return in_ranges(codepoint, ambiguous_ranges, COUNT(ambiguous_ranges));
}

const char *text_ellipsis(void)
{
	return ELLIPSIS;
}

static bool is_bidi_control(ucs4_t c)
{
	return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
	       c == 0x200E || c == 0x200F || c == 0x061C;
}

/* What text_sanitize drops (besides ESC sequences' ESC, which is a C0). */
bool is_dropped(ucs4_t c)
{
	if (c < 0x20)
		return c != '\t' && c != '\n';
	if (c >= 0x7F && c <= 0x9F)
		return true;
	return is_bidi_control(c) || c == 0xFEFF;
}

bool is_closing(ucs4_t c)
{
	return c >= 0x2019 && in_ranges(c, closing_marks, COUNT(closing_marks));
}

bool is_opening(ucs4_t c)
{
	return in_ranges(c, opening_marks, COUNT(opening_marks));
}

int codepoint_width(ucs4_t c)
{
	if (c >= 0x20 && c < 0x7F)
		return 1;
	if (c == '\t')
		return 1;
	if (is_dropped(c) || c == BREAK_HINT || c == 0x00AD)
		return 0;
	if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 1;       /* shown as U+FFFD */
	int w = wcwidth((wchar_t)c);
	if (w < 0)
		return in_ranges(c, default_wide_ranges, COUNT(default_wide_ranges)) ? 2 : 1;
	if (w == 1 && ambiguous_wide && c >= 0xA1 && text_is_ambiguous(c))
		return 2;
	return w;
}

int text_codepoint_width(unsigned int codepoint)
{
	struct locale_guard guard = measure_in_utf8();
	int width = codepoint_width(codepoint);
	restore_locale(guard);
	return width;
}

/* The code point drawn for C of clean text, or 0 when nothing is drawn.
 * Clean text only needs the first cases; the rest keep display text safe
 * even when a caller hands over text that never went through text_clean. */
ucs4_t display_codepoint(ucs4_t c)
{
	if (c >= 0x20 && c < 0x7F)
		return c;
	if (c == '\t' || c == '\n')
		return ' ';
	if (is_dropped(c) || c == BREAK_HINT || c == 0x00AD)
		return 0;
	if (wcwidth((wchar_t)c) < 0)
		return in_ranges(c, default_wide_ranges, COUNT(default_wide_ranges)) ? GETA_MARK : '?';
	return c;
}

int display_width(ucs4_t c)
{
	if (c >= 0x20 && c < 0x7F)
		return 1;
	ucs4_t shown = display_codepoint(c);
	return shown ? codepoint_width(shown) : 0;
}

/* Decode one code point of S (before END); invalid bytes read as U+FFFD. */
size_t next_codepoint(const char *s, const char *end, ucs4_t *c)
{
	unsigned char byte = (unsigned char)*s;
	if (byte < 0x80) {
		*c = byte;
		return 1;
	}
	int n = u8_mbtouc(c, (const uint8_t *)s, (size_t)(end - s));
	return n > 0 ? (size_t)n : 1;
}

size_t text_utf8_next(const char *s, size_t len, unsigned int *cp)
{
	ucs4_t c;
	if (len == 0) {
		*cp = 0;
		return 0;
	}
	size_t n = next_codepoint(s, s + len, &c);
	*cp = c;
	return n;
}

size_t text_utf8_prev(const char *s, size_t len, unsigned int *cp)
{
	size_t start = len;
	if (len == 0) {
		*cp = 0;
		return 0;
	}
	while (start > 0 && len - start < 4) {
		start--;
		if (((unsigned char)s[start] & 0xc0) != 0x80)
			break;
	}
	size_t n = text_utf8_next(s + start, len - start, cp);
	if (start + n != len) {
		/* A stray continuation byte at the end: it is its own U+FFFD. */
		*cp = 0xfffd;
		return 1;
	}
	return n;
}

size_t text_utf8_put(unsigned int cp, char *out)
{
	if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	int n = u8_uctomb((uint8_t *)out, (ucs4_t)cp, 4);
	return n > 0 ? (size_t)n : 0;
}

bool text_is_cjk(unsigned int c)
{
	return (c >= 0x2e80 && c <= 0x2fdf) || (c >= 0x3000 && c <= 0x312f) ||
	       (c >= 0x3190 && c <= 0x31ff) || (c >= 0x3400 && c <= 0x4dbf) ||
	       (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) ||
	       (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xffef) ||
	       (c >= 0x20000 && c <= 0x3ffff);
}

void put_codepoint(struct strbuf *sb, ucs4_t c)
{
	char bytes[4];
	if (c < 0x80) {
		strbuf_putc(sb, (char)c);
		return;
	}
	int n = u8_uctomb((uint8_t *)bytes, c, sizeof bytes);
	if (n > 0)
		strbuf_append(sb, bytes, (size_t)n);
}
