#include <config.h>

#include "text.h"

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
#define ELLIPSIS "\xe2\x8b\xaf"
#define BREAK_HINT 0x200B
#define GETA_MARK 0x3013        /* 〓: stands in for a wide character libc does not know */

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

struct locale_guard {
	locale_t previous;
	bool switched;
};

static struct locale_guard measure_in_utf8(void)
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

static void restore_locale(struct locale_guard guard)
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
static bool is_dropped(ucs4_t c)
{
	if (c < 0x20)
		return c != '\t' && c != '\n';
	if (c >= 0x7F && c <= 0x9F)
		return true;
	return is_bidi_control(c) || c == 0xFEFF;
}

static bool is_regional_indicator(ucs4_t c)
{
	return c >= 0x1F1E6 && c <= 0x1F1FF;
}

static bool is_hangul(ucs4_t c)
{
	return (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F) ||
	       (c >= 0xA960 && c <= 0xA97F) || (c >= 0xAC00 && c <= 0xD7FF);
}

static bool is_closing(ucs4_t c)
{
	return c >= 0x2019 && in_ranges(c, closing_marks, COUNT(closing_marks));
}

static bool is_opening(ucs4_t c)
{
	return in_ranges(c, opening_marks, COUNT(opening_marks));
}

static bool is_ascii_alnum(ucs4_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_ascii_alpha(ucs4_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int codepoint_width(ucs4_t c)
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
static ucs4_t display_codepoint(ucs4_t c)
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

static int display_width(ucs4_t c)
{
	if (c >= 0x20 && c < 0x7F)
		return 1;
	ucs4_t shown = display_codepoint(c);
	return shown ? codepoint_width(shown) : 0;
}

/* Decode one code point of S (before END); invalid bytes read as U+FFFD. */
static size_t next_codepoint(const char *s, const char *end, ucs4_t *c)
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

static void put_codepoint(struct strbuf *sb, ucs4_t c)
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

static bool is_plain_ascii(unsigned char byte)
{
	return byte >= 0x20 && byte < 0x7F;
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
			if (base_width == 0)
				continue;
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

/* ---------------------------------------------------------------- measure */

static int width_of(const char *clean)
{
	const char *s = clean;
	const char *end = s + strlen(s);
	int width = 0;
	while (s < end) {
		if (is_plain_ascii((unsigned char)*s)) {
			width++;
			s++;
			continue;
		}
		ucs4_t c;
		s += next_codepoint(s, end, &c);
		if (c != '\n')
			width += codepoint_width(c);
	}
	return width;
}

int text_width(const char *clean)
{
	if (!clean)
		return 0;
	struct locale_guard guard = measure_in_utf8();
	int width = width_of(clean);
	restore_locale(guard);
	return width;
}

/* Columns S[0..LEN) takes as display text. */
static int measure(const char *s, size_t len)
{
	const char *end = s + len;
	int width = 0;
	while (s < end) {
		if (is_plain_ascii((unsigned char)*s)) {
			width++;
			s++;
			continue;
		}
		ucs4_t c;
		s += next_codepoint(s, end, &c);
		width += display_width(c);
	}
	return width;
}

/* Append S[0..LEN) as display text; returns the columns appended. */
static int append_display(struct strbuf *sb, const char *s, size_t len)
{
	const char *end = s + len;
	int width = 0;
	while (s < end) {
		const char *run = s;
		while (run < end && is_plain_ascii((unsigned char)*run))
			run++;
		if (run > s) {
			strbuf_append(sb, s, (size_t)(run - s));
			width += (int)(run - s);
			s = run;
			continue;
		}
		ucs4_t c;
		size_t n = next_codepoint(s, end, &c);
		ucs4_t shown = display_codepoint(c);
		if (shown == c && c != 0xFFFD)  /* U+FFFD may stand for bad bytes */
			strbuf_append(sb, s, n);
		else if (shown)
			put_codepoint(sb, shown);
		if (shown)
			width += codepoint_width(shown);
		s += n;
	}
	return width;
}

/* End of the grapheme cluster starting at S. */
static const char *next_grapheme(const char *s, const char *end)
{
	if ((unsigned char)s[0] < 0x80 && (s + 1 == end || (unsigned char)s[1] < 0x80))
		return s + 1;
	const uint8_t *next = u8_grapheme_next((const uint8_t *)s, (const uint8_t *)end);
	return next && (const char *)next > s ? (const char *)next : s + 1;
}

/* Append CLEAN cut to COLS columns to OUT; returns the columns appended. */
static int truncate_into(struct strbuf *out, const char *clean, int cols)
{
	const char *s = clean ? clean : "";
	const char *end = s + strlen(s);
	const char *cut = s;            /* where the text ends if it needs the ellipsis */
	int used = 0;
	bool overflow = false;

	if (cols <= 0)
		return 0;
	for (const char *g = s; g < end;) {
		const char *next = next_grapheme(g, end);
		int gw = measure(g, (size_t)(next - g));
		if (used + gw > cols) {
			overflow = true;
			break;
		}
		used += gw;
		if (used <= cols - 1)
			cut = next;
		g = next;
	}
	if (!overflow)
		return append_display(out, s, (size_t)(end - s));

	size_t start = out->len;
	used = append_display(out, s, (size_t)(cut - s));
	while (out->len > start && out->data[out->len - 1] == ' ') {
		out->data[--out->len] = '\0';
		used--;
	}
	strbuf_puts(out, ELLIPSIS);
	return used + 1;
}

char *text_truncate(const char *clean, int cols, int *width)
{
	struct locale_guard guard = measure_in_utf8();
	struct strbuf out;
	strbuf_init(&out);
	int used = truncate_into(&out, clean, cols);
	if (width)
		*width = used;
	restore_locale(guard);
	return strbuf_detach(&out);
}

char *text_fit(const char *clean, int cols)
{
	struct locale_guard guard = measure_in_utf8();
	struct strbuf out;
	strbuf_init(&out);
	int used = truncate_into(&out, clean, cols);
	if (used < cols) {
		size_t pad = (size_t)(cols - used);
		out.data = xgrow(out.data, &out.capacity, out.len + pad + 1, 1);
		memset(out.data + out.len, ' ', pad);
		out.len += pad;
		out.data[out.len] = '\0';
	}
	restore_locale(guard);
	return strbuf_detach(&out);
}

/* ---------------------------------------------------------------- breaks */

/* Bytes of the space a line may drop at S ('\t', ' ', U+3000, or a break
 * hint), or 0. */
static size_t space_at(const char *s, const char *end)
{
	if (*s == ' ' || *s == '\t')
		return 1;
	if (end - s >= 3 && (unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 &&
	    (unsigned char)s[2] == 0x80)
		return 3;
	if (end - s >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
	    (unsigned char)s[2] == 0x8B)
		return 3;
	return 0;
}

static size_t space_before(const char *start, const char *s)
{
	if (s > start && (s[-1] == ' ' || s[-1] == '\t'))
		return 1;
	if (s - start >= 3 && space_at(s - 3, s) == 3)
		return 3;
	return 0;
}

static bool is_url_char(ucs4_t c)
{
	if (c < 0x80)
		return c > 0x20 && c < 0x7F && !strchr("<>\"`{}|\\^", (int)c);
	return codepoint_width(c) == 1 && uc_is_alnum(c) && !is_closing(c) &&
	       !is_opening(c);
}

/* End of the URL whose body (after "scheme://" or at "www.") starts at S. */
static const char *url_end(const char *start, const char *s, const char *end)
{
	bool has_paren = false;
	while (s < end) {
		ucs4_t c;
		size_t n = next_codepoint(s, end, &c);
		if (!is_url_char(c))
			break;
		if (c == '(')
			has_paren = true;
		s += n;
	}
	/* Trailing punctuation belongs to the sentence, not the URL. */
	while (s > start && (strchr(".,;:!?'", s[-1]) || (s[-1] == ')' && !has_paren)))
		s--;
	return s;
}

/* URLs stay whole: no break strictly inside one. */
static void keep_urls_whole(const char *s, size_t len, char *breaks)
{
	const char *end = s + len;
	const char *searched = s;       /* no URL starts before this */
	for (const char *p = s; p < end; p++) {
		const char *start = NULL, *body = NULL;
		if (*p == ':' && end - p > 3 && p[1] == '/' && p[2] == '/') {
			const char *scheme = p;
			while (scheme > searched && p - scheme < 32 &&
			       (is_ascii_alnum((unsigned char)scheme[-1]) || strchr("+-.", scheme[-1])))
				scheme--;
			while (scheme < p && !is_ascii_alpha((unsigned char)*scheme))
				scheme++;
			if (scheme < p) {
				start = scheme;
				body = p + 3;
			}
		} else if ((*p == 'w' || *p == 'W') && end - p > 4 && strncasecmp(p, "www.", 4) == 0 &&
		           (p == searched || !(is_ascii_alnum((unsigned char)p[-1]) ||
		                               strchr("./@-", p[-1])))) {
			start = p;
			body = p + 4;
		}
		if (!start)
			continue;
		const char *stop = url_end(body, body, end);
		for (const char *q = start + 1; q < stop; q++)
			breaks[q - s] = UC_BREAK_PROHIBITED;
		searched = p = stop > p ? stop : p;
		if (p >= end)
			break;
	}
}

static bool is_narrow_alnum(ucs4_t c)
{
	if (c < 0x80)
		return is_ascii_alnum(c);
	return uc_is_alnum(c) && codepoint_width(c) == 1;
}

/* libunistring's break opportunities for one paragraph (no '\n'), then the
 * corrections radar needs on top of them. */
static void find_breaks(const char *s, size_t len, char *breaks)
{
	const char *end = s + len;
	ucs4_t before_prev = 0, prev = 0;
	ucs4_t prev_visible = 0;        /* last code point, break hints skipped */

	if (len == 0)
		return;
	u8_possible_linebreaks((const uint8_t *)s, len, "UTF-8", breaks);
	for (size_t i = 0; i < len; i++)
		if (breaks[i] != UC_BREAK_POSSIBLE && breaks[i] != UC_BREAK_HYPHENATION)
			breaks[i] = UC_BREAK_PROHIBITED;
		else
			breaks[i] = UC_BREAK_POSSIBLE;

	for (const char *p = s; p < end;) {
		ucs4_t c;
		size_t n = next_codepoint(p, end, &c);
		char *here = &breaks[p - s];
		if (p > s) {
			/* "example.com", "Node.js", "e.g." are words (UAX #14 LB29;
			 * libunistring breaks after the full stop). */
			if (prev == '.' && is_ascii_alnum(before_prev) && is_ascii_alpha(c))
				*here = UC_BREAK_PROHIBITED;
			/* Korean breaks at spaces, not between syllables. */
			if ((is_hangul(prev) && (is_hangul(c) || is_narrow_alnum(c))) ||
			    (is_hangul(c) && is_narrow_alnum(prev)))
				*here = UC_BREAK_PROHIBITED;
			/* Chinese “ ” ‘ ’ open and close like brackets: libunistring
			 * treats them as ambiguous quotes that glue to both sides. */
			if ((c == 0x201C || c == 0x2018) && codepoint_width(prev) == 2 &&
			    !is_opening(prev))
				*here = UC_BREAK_POSSIBLE;
			if ((prev == 0x201D || prev == 0x2019) && codepoint_width(c) == 2 &&
			    !is_closing(c))
				*here = UC_BREAK_POSSIBLE;
			/* Kinsoku, whatever came before (even a space or a hint). */
			if (is_closing(c) || is_opening(prev_visible))
				*here = UC_BREAK_PROHIBITED;
		}
		before_prev = prev;
		prev = c;
		if (c != BREAK_HINT)
			prev_visible = c;
		p += n;
	}
	breaks[0] = UC_BREAK_PROHIBITED;
	keep_urls_whole(s, len, breaks);
}

void text_break_opportunities(const char *clean, size_t len, char *can_break)
{
	struct locale_guard guard = measure_in_utf8();
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && clean[i] != '\n')
			continue;
		find_breaks(clean + start, i - start, can_break + start);
		for (size_t j = start; j < i; j++)
			can_break[j] = can_break[j] == UC_BREAK_POSSIBLE;
		if (i < len)
			can_break[i] = 0;       /* the '\n' itself */
		if (start > 0 && start < len)
			can_break[start] = 1;   /* after a '\n' */
		start = i + 1;
	}
	restore_locale(guard);
}

/* ---------------------------------------------------------------- wrap */

struct style_run {
	size_t start;   /* byte offset in the line */
	int style;
};

struct wrapper {
	const char *text;               /* every span's text, concatenated */
	const size_t *span_ends;
	const int *styles;
	size_t span_at;                 /* span of the next byte emitted */
	int width;
	struct strbuf line;             /* display text of the line being built */
	int line_width;
	bool indent_only;               /* the line holds only a paragraph's indentation */
	struct style_run *runs;
	size_t run_count, run_capacity;
	struct text_lines *out;
};

static struct text_line *new_line(struct text_lines *lines)
{
	lines->lines = xgrow(lines->lines, &lines->capacity, lines->count + 1, sizeof *lines->lines);
	struct text_line *line = &lines->lines[lines->count++];
	line->spans = NULL;
	line->span_count = 0;
	line->width = 0;
	return line;
}

static void add_run(struct wrapper *w, size_t start, int style)
{
	if (w->run_count > 0 && w->runs[w->run_count - 1].style == style)
		return;
	w->runs = xgrow(w->runs, &w->run_capacity, w->run_count + 1, sizeof *w->runs);
	w->runs[w->run_count].start = start;
	w->runs[w->run_count].style = style;
	w->run_count++;
}

static int style_at(struct wrapper *w, size_t offset)
{
	while (w->span_ends[w->span_at] <= offset)
		w->span_at++;
	return w->styles[w->span_at];
}

/* Append TEXT[A..B) to the line. */
static void emit(struct wrapper *w, size_t a, size_t b)
{
	while (a < b) {
		int style = style_at(w, a);
		size_t stop = w->span_ends[w->span_at] < b ? w->span_ends[w->span_at] : b;
		size_t before = w->line.len;
		w->line_width += append_display(&w->line, w->text + a, stop - a);
		if (w->line.len > before)
			add_run(w, before, style);
		a = stop;
	}
	w->indent_only = false;
}

static void emit_literal(struct wrapper *w, const char *s, int width, int style)
{
	add_run(w, w->line.len, style);
	strbuf_puts(&w->line, s);
	w->line_width += width;
	w->indent_only = false;
}

static void clear_line(struct wrapper *w)
{
	strbuf_reset(&w->line);
	w->run_count = 0;
	w->line_width = 0;
	w->indent_only = false;
}

static void finish_line(struct wrapper *w)
{
	struct text_line *line = new_line(w->out);
	if (w->run_count > 0) {
		line->spans = xmalloc(w->run_count * sizeof *line->spans);
		for (size_t i = 0; i < w->run_count; i++) {
			size_t start = w->runs[i].start;
			size_t stop = i + 1 < w->run_count ? w->runs[i + 1].start : w->line.len;
			line->spans[i].text = xstrndup(w->line.data + start, stop - start);
			line->spans[i].style = w->runs[i].style;
		}
		line->span_count = w->run_count;
	}
	line->width = w->line_width;
	clear_line(w);
}

/* Start a fresh line for a piece that does not fit on the current one. */
static void make_room(struct wrapper *w)
{
	if (w->indent_only)
		clear_line(w);
	else if (w->line.len > 0)
		finish_line(w);
}

static ucs4_t codepoint_at(const char *s, const char *end)
{
	ucs4_t c;
	next_codepoint(s, end, &c);
	return c;
}

/* Where to cut SEGMENT..G (G does not fit) so that the next line does not
 * start with closing punctuation (ASCII too: a URL line starting with
 * ".com/" reads as broken) nor this one end with an opening bracket:
 * G itself, or an earlier grapheme boundary if moving those graphemes to
 * the next line keeps them (and G, GW columns) within the width.  Sets
 * *MOVED to the columns moved. */
static size_t kinsoku_cut(const struct wrapper *w, size_t segment, size_t g, const char *end,
                          int gw, int *moved)
{
	const uint8_t *base = (const uint8_t *)w->text;
	size_t cut = g;
	int moved_width = 0;

	*moved = 0;
	while (cut > segment) {
		const uint8_t *before = u8_grapheme_prev(base + cut, base + segment);
		if (!before)
			break;
		size_t prev = (size_t)(before - base);
		ucs4_t first = codepoint_at(w->text + cut, end);
		bool ascii_closing = first < 0x80 && first && strchr(",.:;!?)]}", (int)first);
		if (!is_closing(first) && !ascii_closing &&
		    !is_opening(codepoint_at(w->text + prev, end)))
			break;
		if (prev == segment)
			return g;       /* nothing would be left on this line */
		moved_width += measure(w->text + prev, cut - prev);
		if (moved_width + gw > w->width)
			return g;
		cut = prev;
	}
	*moved = moved_width;
	return cut;
}

/* Lay out TEXT[A..B), a piece with no break opportunity that is wider than
 * the line, cutting it between grapheme clusters. */
static void hard_break(struct wrapper *w, size_t a, size_t b)
{
	const char *end = w->text + b;
	size_t segment = a;             /* start of what is not emitted yet */
	int segment_width = 0;

	for (size_t g = a; g < b;) {
		size_t next = (size_t)(next_grapheme(w->text + g, end) - w->text);
		int gw = measure(w->text + g, next - g);

		if (gw > w->width) {
			/* Only a wide character on a one-column line: it cannot be
			 * drawn, so the ellipsis says something is there. */
			emit(w, segment, g);
			if (w->line.len > 0)
				finish_line(w);
			emit_literal(w, ELLIPSIS, 1, style_at(w, g));
			segment = next;
			segment_width = 0;
			g = next;
			continue;
		}
		if (w->line_width + segment_width + gw > w->width) {
			int moved;
			size_t cut = kinsoku_cut(w, segment, g, end, gw, &moved);
			emit(w, segment, cut);
			finish_line(w);
			segment = cut;
			segment_width = moved;
		}
		segment_width += gw;
		g = next;
	}
	emit(w, segment, b);
}

static void wrap_paragraph(struct wrapper *w, size_t ps, size_t pe, char *breaks)
{
	const char *s = w->text;
	size_t pos = ps;

	find_breaks(s + ps, pe - ps, breaks);

	/* Leading white space is indentation and stays (within reason). */
	size_t indent_end = ps;
	while (indent_end < pe && space_at(s + indent_end, s + pe))
		indent_end += space_at(s + indent_end, s + pe);
	if (indent_end < pe) {
		size_t p = ps;
		while (p < indent_end) {
			size_t n = space_at(s + p, s + pe);
			if (w->line_width + measure(s + p, n) >= w->width)
				break;
			emit(w, p, p + n);
			p += n;
		}
		w->indent_only = w->line.len > 0;
		pos = indent_end;
	} else {
		pos = pe;
	}

	size_t pending = pos, pending_end = pos;        /* spaces before the next piece */
	int pending_width = 0;
	while (pos < pe) {
		size_t end = pos + 1;
		while (end < pe && breaks[end - ps] != UC_BREAK_POSSIBLE)
			end++;
		size_t body_end = end;
		while (body_end > pos && space_before(s + pos, s + body_end))
			body_end -= space_before(s + pos, s + body_end);
		int body_width = measure(s + pos, body_end - pos);

		if (body_end == pos) {
			if (pending_end != pos) {
				pending = pos;
				pending_width = 0;
			}
			pending_end = end;
			pending_width += measure(s + pos, end - pos);
			pos = end;
			continue;
		}
		if (w->line_width + pending_width + body_width <= w->width) {
			if (!w->indent_only)
				emit(w, pending, pending_end);
			emit(w, pos, body_end);
		} else {
			make_room(w);
			if (body_width <= w->width)
				emit(w, pos, body_end);
			else
				hard_break(w, pos, body_end);
		}
		pending = body_end;
		pending_end = end;
		pending_width = measure(s + body_end, end - body_end);
		pos = end;
	}
	if (w->indent_only)
		clear_line(w);
	finish_line(w);
}

void text_wrap_spans(const struct text_span *spans, size_t span_count, int width,
                     struct text_lines *out)
{
	struct locale_guard guard = measure_in_utf8();
	struct strbuf all;
	size_t *span_ends = xmalloc((span_count + 1) * sizeof *span_ends);
	int *styles = xmalloc((span_count + 1) * sizeof *styles);

	strbuf_init(&all);
	for (size_t i = 0; i < span_count; i++) {
		if (spans[i].text)
			strbuf_puts(&all, spans[i].text);
		span_ends[i] = all.len;
		styles[i] = spans[i].style;
	}
	/* A sentinel span so that looking up the style never runs off the end. */
	span_ends[span_count] = SIZE_MAX;
	styles[span_count] = span_count > 0 ? spans[span_count - 1].style : 0;

	struct wrapper w = {
		.text = all.data,
		.span_ends = span_ends,
		.styles = styles,
		.width = width < 1 ? 1 : width,
		.out = out,
	};
	strbuf_init(&w.line);

	size_t breaks_capacity = 0;
	char *breaks = NULL;
	size_t start = 0;
	for (size_t i = 0; i <= all.len; i++) {
		if (i < all.len && all.data[i] != '\n')
			continue;
		breaks = xgrow(breaks, &breaks_capacity, i - start + 1, 1);
		wrap_paragraph(&w, start, i, breaks);
		start = i + 1;
	}

	free(breaks);
	free(w.runs);
	strbuf_clear(&w.line);
	strbuf_clear(&all);
	free(span_ends);
	free(styles);
	restore_locale(guard);
}

void text_wrap(const char *clean, int width, int style, struct text_lines *out)
{
	struct text_span span = { .text = (char *)(clean ? clean : ""), .style = style };
	text_wrap_spans(&span, 1, width, out);
}

/* ---------------------------------------------------------------- lines */

void text_lines_init(struct text_lines *lines)
{
	lines->lines = NULL;
	lines->count = 0;
	lines->capacity = 0;
}

void text_lines_clear(struct text_lines *lines)
{
	for (size_t i = 0; i < lines->count; i++) {
		for (size_t j = 0; j < lines->lines[i].span_count; j++)
			free(lines->lines[i].spans[j].text);
		free(lines->lines[i].spans);
	}
	free(lines->lines);
	text_lines_init(lines);
}

void text_lines_add(struct text_lines *lines, const struct text_span *spans, size_t span_count)
{
	struct text_line *line = new_line(lines);
	if (span_count == 0)
		return;
	line->spans = xmalloc(span_count * sizeof *line->spans);
	for (size_t i = 0; i < span_count; i++) {
		line->spans[i].text = xstrdup(spans[i].text ? spans[i].text : "");
		line->spans[i].style = spans[i].style;
		line->width += text_width(line->spans[i].text);
	}
	line->span_count = span_count;
}

char *text_line_string(const struct text_line *line)
{
	struct strbuf out;
	strbuf_init(&out);
	for (size_t i = 0; i < line->span_count; i++)
		strbuf_puts(&out, line->spans[i].text);
	return strbuf_detach(&out);
}
