/* The text module: sanitising, normalising, widths, line breaking,
 * truncation.  Widths are whatever libc wcwidth() says in C.UTF-8 (glibc
 * 2.36 here); the cases are the ones listed in issue 3 plus our own. */
#include <config.h>

#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include <unistr.h>

#include "strbuf.h"
#include "tap.h"
#include "text.h"

/* ---------------------------------------------------------------- helpers */

static int clean_width(const char *raw)
{
	char *clean = text_clean(raw, strlen(raw));
	int width = text_width(clean);
	free(clean);
	return width;
}

static char *clean_of(const char *raw)
{
	return text_clean(raw, strlen(raw));
}

/* RAW is a string literal: its length is its size, so it may hold NULs. */
#define CHECK_CLEAN(raw, expected, what) check_clean((raw), sizeof(raw) - 1, (expected), (what))

static void check_clean(const char *raw, size_t len, const char *expected, const char *what)
{
	char *clean = text_clean(raw, len);
	is_str(clean, expected, "clean: %s", what);
	free(clean);
}

/* The lines of a wrap joined with '/'. */
static char *joined(const struct text_lines *lines)
{
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; i < lines->count; i++) {
		char *line = text_line_string(&lines->lines[i]);
		if (i > 0)
			strbuf_putc(&sb, '/');
		strbuf_puts(&sb, line);
		free(line);
	}
	return strbuf_detach(&sb);
}

static char *wrap_joined(const char *clean, int width)
{
	struct text_lines lines;
	text_lines_init(&lines);
	text_wrap(clean, width, 0, &lines);
	char *result = joined(&lines);
	text_lines_clear(&lines);
	return result;
}

/* CLEAN with '|' at every break opportunity text_wrap would use. */
static char *marked_breaks(const char *clean)
{
	size_t len = strlen(clean);
	char *can_break = malloc(len + 1);
	struct strbuf sb;
	text_break_opportunities(clean, len, can_break);
	strbuf_init(&sb);
	for (size_t i = 0; i < len; i++) {
		if (can_break[i])
			strbuf_putc(&sb, '|');
		strbuf_putc(&sb, clean[i]);
	}
	free(can_break);
	return strbuf_detach(&sb);
}

static char *without_bars(const char *marked)
{
	struct strbuf sb;
	strbuf_init(&sb);
	for (const char *p = marked; *p; p++)
		if (*p != '|')
			strbuf_putc(&sb, *p);
	return strbuf_detach(&sb);
}

static bool starts_with_any(const char *s, const char *const *marks)
{
	for (size_t i = 0; marks[i]; i++)
		if (strncmp(s, marks[i], strlen(marks[i])) == 0)
			return true;
	return false;
}

static bool ends_with_any(const char *s, const char *const *marks)
{
	size_t len = strlen(s);
	for (size_t i = 0; marks[i]; i++) {
		size_t n = strlen(marks[i]);
		if (len >= n && strcmp(s + len - n, marks[i]) == 0)
			return true;
	}
	return false;
}

static const char *const closing[] = {
	"，", "。", "、", "！", "？", "）", "」", "』", "》", "…", "：", "；", "”", "’",
	"〕", "】", "・", "ー", "ょ", "っ", NULL
};
static const char *const opening[] = { "（", "「", "『", "《", "“", "‘", "【", "〔", NULL };

/* Display text must never carry anything a terminal would act on. */
static bool terminal_safe(const char *s, bool allow_newline_tab)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t len = strlen(s);
	if (u8_check(p, len) != NULL)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (p[i] < 0x20 && !(allow_newline_tab && (p[i] == '\n' || p[i] == '\t')))
			return false;
		if (p[i] == 0x7F)
			return false;
		if (p[i] == 0xC2 && i + 1 < len && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F)
			return false;   /* C1 */
		if (p[i] == 0xE2 && i + 2 < len && p[i + 1] == 0x80 &&
		    ((p[i + 2] >= 0xAA && p[i + 2] <= 0xAE) || p[i + 2] == 0x8E || p[i + 2] == 0x8F))
			return false;   /* U+202A-202E, U+200E, U+200F */
		if (p[i] == 0xE2 && i + 2 < len && p[i + 1] == 0x81 && p[i + 2] >= 0xA6 &&
		    p[i + 2] <= 0xA9)
			return false;   /* U+2066-2069 */
		if (p[i] == 0xD8 && i + 1 < len && p[i + 1] == 0x9C)
			return false;   /* U+061C */
		if (p[i] == 0xEF && i + 2 < len && p[i + 1] == 0xBB && p[i + 2] == 0xBF)
			return false;   /* BOM */
	}
	return true;
}

/* Wrap CLEAN at WIDTH and check every line: no wider than WIDTH, measured
 * both by the line's own width and by wcwidth() of its text; kinsoku; safe
 * bytes; and the text, minus dropped spaces, is all there. */
static bool wrap_is_sound(const char *clean, int width, const char *what)
{
	struct text_lines lines;
	bool sound = true;
	struct strbuf all, want;

	text_lines_init(&lines);
	text_wrap(clean, width, 0, &lines);
	strbuf_init(&all);
	strbuf_init(&want);
	for (size_t i = 0; i < lines.count; i++) {
		char *line = text_line_string(&lines.lines[i]);
		int measured = text_width(line);
		if (lines.lines[i].width > width || measured != lines.lines[i].width) {
			tap_diag("%s: line '%s' has width %d (says %d) > %d", what, line, measured,
			         lines.lines[i].width, width);
			sound = false;
		}
		if (starts_with_any(line, closing) || ends_with_any(line, opening)) {
			tap_diag("%s: line '%s' breaks kinsoku", what, line);
			sound = false;
		}
		if (!terminal_safe(line, false)) {
			tap_diag("%s: line '%s' has unsafe bytes", what, line);
			sound = false;
		}
		for (const char *p = line; *p; p++)
			if (*p != ' ')
				strbuf_putc(&all, *p);
		free(line);
	}
	char *display = text_truncate(clean, 1 << 30, NULL);
	for (const char *p = display; *p; p++)
		if (*p != ' ')
			strbuf_putc(&want, *p);
	free(display);
	/* (At width 1 a wide character shows as the ellipsis instead.) */
	if (width > 1 && strcmp(all.data, want.data) != 0) {
		tap_diag("%s: text changed: '%s' vs '%s'", what, all.data, want.data);
		sound = false;
	}
	strbuf_clear(&all);
	strbuf_clear(&want);
	text_lines_clear(&lines);
	return sound;
}

/* Every line boundary of a wrap at WIDTH is at one of the '|' of MARKED
 * (the line after it may have dropped spaces before the boundary). */
static bool wrap_uses_only(const char *marked, int width)
{
	char *clean = without_bars(marked);
	size_t len = strlen(clean);
	char *allowed = calloc(len + 1, 1);
	size_t at = 0;
	for (const char *p = marked; *p; p++) {
		if (*p == '|')
			allowed[at] = 1;
		else
			at++;
	}
	struct text_lines lines;
	text_lines_init(&lines);
	text_wrap(clean, width, 0, &lines);
	bool good = true;
	size_t offset = 0;
	for (size_t i = 0; i < lines.count && good; i++) {
		char *line = text_line_string(&lines.lines[i]);
		size_t n = strlen(line);
		if (i > 0 && !allowed[offset]) {
			tap_diag("width %d: line '%s' starts at byte %zu, not a break", width, line, offset);
			good = false;
		}
		/* The line is the text from OFFSET on, minus break hints. */
		for (size_t j = 0; j < n && good; offset++) {
			if (strncmp(clean + offset, "\xe2\x80\x8b", 3) == 0) {
				offset += 2;
				continue;
			}
			if (clean[offset] != line[j++]) {
				tap_diag("width %d: line '%s' is not the text at %zu", width, line, offset);
				good = false;
			}
		}
		while (clean[offset] == ' ' || strncmp(clean + offset, "\xe2\x80\x8b", 3) == 0)
			offset += clean[offset] == ' ' ? 1 : 3;
		free(line);
	}
	if (offset != len)
		good = false;
	text_lines_clear(&lines);
	free(allowed);
	free(clean);
	return good;
}

/* Widest piece between two break opportunities of MARKED. */
static int widest_piece(const char *marked)
{
	int widest = 0;
	char *copy = strdup(marked);
	for (char *piece = strtok(copy, "|"); piece; piece = strtok(NULL, "|")) {
		size_t n = strlen(piece);
		while (n > 0 && piece[n - 1] == ' ')
			piece[--n] = '\0';
		if (text_width(piece) > widest)
			widest = text_width(piece);
	}
	free(copy);
	return widest;
}

/* ---------------------------------------------------------------- tests */

static void test_widths(void)
{
	is_int(clean_width("中文"), 4, "中文 = 4");
	is_int(clean_width("，"), 2, "， = 2");
	is_int(clean_width("。"), 2, "。 = 2");
	is_int(clean_width("、"), 2, "、 = 2");
	is_int(clean_width("「」《》"), 8, "「」《》 = 8");
	is_int(clean_width("\xe3\x80\x80"), 2, "U+3000 = 2");
	is_int(clean_width("🔥📰🌟"), 6, "🔥📰🌟 = 6");
	is_int(clean_width("\xe2\x9a\x99\xef\xb8\x8f"), 1, "⚙️ (2699 FE0F) = 1");
	is_int(clean_width("\xe2\x9d\xa4\xef\xb8\x8f"), 1, "❤️ = 1");
	is_int(clean_width("⚡"), 2, "⚡ = 2");
	is_int(clean_width("✅"), 2, "✅ = 2");
	is_int(clean_width("👨\xe2\x80\x8d👩\xe2\x80\x8d👧"), 6, "👨‍👩‍👧 = 6");
	is_int(clean_width("👋\xf0\x9f\x8f\xbd"), 2, "👋🏽 = 2");
	is_int(clean_width("🇨🇳"), 4, "🇨🇳 = 4");
	is_int(clean_width("1\xef\xb8\x8f\xe2\x83\xa3"), 1, "1️⃣ (0031 FE0F 20E3) = 1");
	is_int(clean_width("\xf0\x9f\xab\xa8"), 2, "🫨 (U+1FAE8) = 2");
	is_int(clean_width("①"), 1, "① = 1");
	is_int(clean_width("―"), 1, "― = 1");
	is_int(clean_width("·"), 1, "· = 1");
	is_int(clean_width("…"), 1, "… = 1");
	is_int(clean_width("—"), 1, "— = 1");
	is_int(clean_width("“”"), 2, "“” = 2");
	is_int(clean_width("ｱ"), 1, "ｱ = 1");
	is_int(clean_width("Ａ"), 2, "Ａ = 2");
	is_int(clean_width("가"), 2, "가 = 2");
	is_int(clean_width("e\xcc\x81"), 1, "e + U+0301 = 1");
	is_int(clean_width("\xf0\xa0\x80\x80"), 2, "U+20000 = 2");
	is_int(clean_width("a\xe2\x80\x8b" "b"), 2, "a U+200B b = 2");
	is_int(clean_width("a\xc2\xad" "b"), 2, "a U+00AD b = 2");
	is_int(clean_width("a\xe2\x80\xae" "b"), 2, "a U+202E b = 2");
	is_int(clean_width("\xe4\xb8"), 1, "cut UTF-8 E4 B8 = 1");
	is_int(clean_width("\x1b[2J"), 3, "ESC [ 2 J: the ESC is gone, '[2J' stays");
	is_int(clean_width("\xc2\x9b" "31m"), 3, "U+009B 3 1 m: C1 gone");
	is_int(clean_width("e\xcc\x81\xcc\x82"), 1, "two combining marks on one base = 1");
	is_int(clean_width("한"), 2, "precomposed Hangul = 2");
	is_int(clean_width("\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab"), 2, "Hangul jamo L V T = 2");
	is_int(clean_width("a\tb"), 3, "a tab counts 1");
	is_int(clean_width("a\nb"), 2, "a newline counts 0");
	is_int(text_width(""), 0, "empty string = 0");
	is_int(text_width(NULL), 0, "NULL = 0");

	/* wcwidth facts the rules above rely on. */
	is_int(wcwidth(0x2699), 1, "libc: wcwidth(U+2699) = 1");
	is_int(wcwidth(0x1FAE8), -1, "libc: wcwidth(U+1FAE8) = -1 (unknown)");
	is_int(text_codepoint_width(0x1FAE8), 2, "unknown emoji counts as its 〓, 2");
	is_int(text_codepoint_width(0x0378), 1, "unknown Greek code point counts as '?', 1");
	is_int(text_codepoint_width(0x1B), 0, "ESC counts 0");
	is_int(text_codepoint_width(0x202E), 0, "RLO counts 0");
	is_int(text_codepoint_width(0x00AD), 0, "soft hyphen counts 0 (it is a break hint)");
	is_int(text_codepoint_width(0x110000), 1, "beyond Unicode counts as U+FFFD, 1");
}

static void test_ambiguous(void)
{
	ok(!text_ambiguous_wide(), "ambiguous characters are narrow by default");
	text_set_ambiguous_wide(true);
	ok(text_ambiguous_wide(), "setting ambiguous wide sticks");
	is_int(clean_width("①"), 2, "① = 2 with ambiguous wide");
	is_int(clean_width("…"), 2, "… = 2 with ambiguous wide");
	is_int(clean_width("“”"), 4, "“” = 4 with ambiguous wide");
	is_int(clean_width("\xe4\xb8"), 2, "U+FFFD = 2 with ambiguous wide");
	is_int(clean_width("中a"), 3, "wide and ASCII unchanged with ambiguous wide");
	is_int(clean_width("é"), 2, "é (ambiguous) = 2 with ambiguous wide");
	is_int(clean_width("ő"), 1, "ő (neutral) stays 1 with ambiguous wide");
	is_int(text_width(text_ellipsis()), 1, "the ellipsis stays 1 with ambiguous wide");
	char *cut = text_fit("abcdef", 4);
	is_int(text_width(cut), 4, "text_fit is exact with ambiguous wide");
	free(cut);
	text_set_ambiguous_wide(false);
	is_int(clean_width("①"), 1, "① = 1 again");

	ok(text_is_ambiguous(0x2026), "U+2026 … is ambiguous");
	ok(text_is_ambiguous(0x201C), "U+201C “ is ambiguous");
	ok(!text_is_ambiguous(0x4E2D), "中 is not ambiguous");
	ok(!text_is_ambiguous('a'), "a is not ambiguous");
	ucs4_t mark;
	const char *ellipsis = text_ellipsis();
	int n = u8_mbtouc(&mark, (const uint8_t *)ellipsis, strlen(ellipsis));
	is_int(n, (int)strlen(ellipsis), "the ellipsis is one code point");
	ok(!text_is_ambiguous(mark), "the ellipsis (U+%04X) is not ambiguous", (unsigned)mark);
	is_int(wcwidth((wchar_t)mark), 1, "the ellipsis is narrow in wcwidth()");
	ok(mark != 0x2026, "the ellipsis is not U+2026");
}

static void test_normalize(void)
{
	char *s;
	s = clean_of("🇨🇳 news");
	is_str(s, "[CN] news", "a flag pair shows as [CN]");
	free(s);
	s = clean_of("🇨🇳🇺🇸");
	is_str(s, "[CN][US]", "two flags in a row pair up correctly");
	free(s);
	s = clean_of("\xf0\x9f\x87\xa8 x");
	is_str(s, "[C] x", "a lone regional indicator shows as [C]");
	free(s);
	s = clean_of("👨\xe2\x80\x8d👩\xe2\x80\x8d👧");
	is_str(s, "👨👩👧", "ZWJ dropped: the parts side by side");
	free(s);
	s = clean_of("👋\xf0\x9f\x8f\xbd!");
	is_str(s, "👋!", "skin tone after a wide base dropped");
	free(s);
	s = clean_of("\xf0\x9f\x8f\xbd");
	is_str(s, "\xf0\x9f\x8f\xbd", "a skin tone on its own stays");
	free(s);
	s = clean_of("\xe2\x9a\x99\xef\xb8\x8f\xe2\x9a\x99\xef\xb8\x8e");
	is_str(s, "\xe2\x9a\x99\xe2\x9a\x99", "FE0F and FE0E dropped");
	free(s);
	s = clean_of("\xf0\x9f\xab\xa8 x");
	is_str(s, "〓 x", "an emoji libc does not know becomes 〓");
	free(s);
	s = clean_of("\xcd\xb8");
	is_str(s, "?", "an unassigned narrow code point becomes ?");
	free(s);
	s = clean_of("\xcc\x81" "abc");
	is_str(s, "abc", "a combining mark with no base is dropped");
	free(s);
	s = clean_of("x\n\xcc\x81y");
	is_str(s, "x\ny", "a combining mark at the start of a line is dropped");
	free(s);
	s = clean_of("\xf0\x9f\x8f\xb4\xf3\xa0\x81\xa7\xf3\xa0\x81\xa2\xf3\xa0\x81\xbf");
	is_str(s, "\xf0\x9f\x8f\xb4", "tag characters dropped from a subdivision flag");
	free(s);
	s = text_normalize("a\x1b[1mb\xe2\x80\xae");
	is_str(s, "a[1mb", "text_normalize drops controls even when not sanitised first");
	free(s);
	s = text_normalize(NULL);
	is_str(s, "", "text_normalize(NULL) is empty");
	free(s);
}

static void test_sanitize(void)
{
	CHECK_CLEAN("\x1b[2Jhello", "[2Jhello", "ESC [ 2 J is inert");
	CHECK_CLEAN("\x1b]52;c;aGVsbG8=\x07tail", "]52;c;aGVsbG8=tail", "OSC 52 clipboard write is inert");
	CHECK_CLEAN("\x1b]8;;http://e.test/\x1b\\link\x1b]8;;\x1b\\",
	            "]8;;http://e.test/\\link]8;;\\", "OSC 8 link is inert");
	CHECK_CLEAN("\xc2\x9b" "31mred", "31mred", "C1 CSI (U+009B) dropped");
	CHECK_CLEAN("\x9b" "31m", "\xef\xbf\xbd" "31m", "raw byte 0x9B is U+FFFD");
	CHECK_CLEAN("ab\xe2\x80\xae" "cd", "abcd", "RLO dropped");
	CHECK_CLEAN("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad\xe2\x80\xae"
	            "\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c", "", "every bidi control dropped");
	CHECK_CLEAN("\xef\xbb\xbfhi", "hi", "BOM dropped");
	CHECK_CLEAN("a\r\nb\rc", "a\nbc", "CRLF becomes LF, lone CR dropped");
	CHECK_CLEAN("a\0b", "ab", "NUL inside the bytes dropped");
	CHECK_CLEAN("a\x7f\x01\x08\x0b\x0c" "b\tc", "ab\tc", "DEL and C0 dropped, tab kept");
	CHECK_CLEAN("a\xc2\x80\xc2\x85\xc2\x9f" "b", "ab", "C1 U+0080, U+0085, U+009F dropped");
	CHECK_CLEAN("a\xc2\xad" "b", "a\xe2\x80\x8b" "b", "soft hyphen becomes a break hint");
	CHECK_CLEAN("a\xc2\xad\xe2\x80\x8b" "b", "a\xe2\x80\x8b" "b", "adjacent hints collapse");
	/* Found by fuzzing: a zero-width character with nothing to combine
	 * with goes, and the hints on either side of it are then adjacent. */
	CHECK_CLEAN("\xc2\xad\xe2\x80\x8c\xc2\xado\xc2\xad", "\xe2\x80\x8bo\xe2\x80\x8b",
	            "hints around a dropped zero-width character collapse");
	CHECK_CLEAN("a\xe2\x80\xa8" "b", "a\nb", "U+2028 becomes a newline");

	/* Invalid UTF-8: one U+FFFD per maximal ill-formed subsequence. */
	CHECK_CLEAN("\xe4\xb8", "\xef\xbf\xbd", "cut sequence at the end");
	CHECK_CLEAN("\xe4\xb8x", "\xef\xbf\xbdx", "cut sequence before ASCII");
	CHECK_CLEAN("\xf0\x9f\x94", "\xef\xbf\xbd", "cut 4-byte sequence");
	CHECK_CLEAN("\xc0\x80", "\xef\xbf\xbd\xef\xbf\xbd", "overlong NUL C0 80");
	CHECK_CLEAN("\xc1\xbf", "\xef\xbf\xbd\xef\xbf\xbd", "overlong C1 BF");
	CHECK_CLEAN("\xe0\x80\xaf", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", "overlong E0 80 AF");
	CHECK_CLEAN("\xf0\x80\x80\xaf", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd",
	            "overlong F0 80 80 AF");
	CHECK_CLEAN("\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", "surrogate D800");
	CHECK_CLEAN("\xed\xbf\xbf", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", "surrogate DFFF");
	CHECK_CLEAN("\xf4\x90\x80\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd",
	            "U+110000 (beyond U+10FFFF)");
	CHECK_CLEAN("\xf5\x80", "\xef\xbf\xbd\xef\xbf\xbd", "F5 lead byte");
	CHECK_CLEAN("\xff\xfe", "\xef\xbf\xbd\xef\xbf\xbd", "FF FE bytes");
	CHECK_CLEAN("\x80x", "\xef\xbf\xbdx", "lone continuation byte");
	CHECK_CLEAN("\xf4\x8f\xbf\xbf", "?", "U+10FFFF is valid but unknown: ?");
	CHECK_CLEAN("\xe4\xb8\xad", "中", "valid 3-byte sequence");
	check_clean(NULL, 5, "", "NULL bytes give an empty string");
}

/* Text a hostile digest might hold, all in one string. */
static const char hostile[] =
	"Title \x1b[2J\x1b[H\x1b]52;c;cm0gLXJmIH4=\x07 \x1b]8;;http://evil.test/\x1b\\click\x1b]8;;\x1b\\ "
	"\xc2\x9b" "31m\x9b" "1m \xe2\x80\xae" "evil\xe2\x80\xac \xe2\x81\xa6x\xe2\x81\xa9 \x07\x7f\x08 "
	"\xef\xbb\xbf\xe4\xb8\xad\xe6\x96\x87\xc0\x80\xed\xa0\x80\xf4\x90\x80\x80\xe4\xb8 end\r\n"
	"second \x1bP1$r\x1b\\ line \x1b" "c\x1b[?1049h\xc2\x90\xc2\x9d" "0;x\xc2\x9c";

static void test_hostile_bytes(void)
{
	size_t len = sizeof hostile - 1;
	char *clean = text_clean(hostile, len);
	ok(terminal_safe(clean, true), "clean text has no control, C1, bidi or BOM bytes");
	ok(strchr(clean, 0x1b) == NULL, "no ESC survives");

	char *fit = text_fit(clean, 60);
	ok(terminal_safe(fit, false), "text_fit output is terminal-safe");
	is_int(text_width(fit), 60, "text_fit output is exactly 60 columns");
	free(fit);

	/* text_fit and text_wrap are safe even on text that skipped text_clean. */
	char *raw = malloc(len + 1);
	memcpy(raw, hostile, len);
	raw[len] = '\0';
	for (size_t i = 0; i < len; i++)
		if (raw[i] == '\0')
			raw[i] = ' ';
	fit = text_fit(raw, 200);
	ok(terminal_safe(fit, false), "text_fit output of uncleaned text is still safe");
	is_int(text_width(fit), 200, "... and exactly 200 columns");
	free(fit);
	for (int width = 1; width <= 30; width += 7)
		ok(wrap_is_sound(clean, width, "hostile"), "hostile text wraps soundly at %d", width);

	struct text_lines lines;
	text_lines_init(&lines);
	text_wrap(raw, 17, 0, &lines);
	bool safe = true;
	for (size_t i = 0; i < lines.count; i++) {
		char *line = text_line_string(&lines.lines[i]);
		safe = safe && terminal_safe(line, false) && text_width(line) <= 17;
		free(line);
	}
	ok(safe, "text_wrap of uncleaned text gives safe lines no wider than 17");
	text_lines_clear(&lines);
	free(raw);
	free(clean);
}

/* Deterministic garbage: every line stays safe and within the width. */
static void test_random_bytes(void)
{
	uint32_t seed = 12345;
	bool safe = true, narrow = true;
	static const char *const pieces[] = {
		"中", "文", "，", "。", "「", "」", " ", "\n", "\t", "a", "b", "1", ".", "/",
		"\x1b", "\xc2\x9b", "\xe2\x80\xae", "\xe2\x80\x8b", "\xc2\xad", "🔥", "🇨", "🇳",
		"\xef\xb8\x8f", "\xe2\x80\x8d", "\xcc\x81", "\xe4\xb8", "\xff", "가", "“", "”",
		"https://x.test/", "…", "\xf0\x9f\x8f\xbd", "①",
	};
	for (int round = 0; round < 200; round++) {
		struct strbuf raw;
		strbuf_init(&raw);
		int count = 1 + (int)(seed % 60);
		for (int i = 0; i < count; i++) {
			seed = seed * 1103515245u + 12345u;
			if (seed % 7 == 0) {
				strbuf_putc(&raw, (char)(seed >> 16));
			} else {
				const char *piece = pieces[(seed >> 8) % (sizeof pieces / sizeof pieces[0])];
				strbuf_puts(&raw, piece);
			}
		}
		char *clean = text_clean(raw.data, raw.len);
		safe = safe && terminal_safe(clean, true);
		int width = 1 + (int)(seed % 23);
		struct text_lines lines;
		text_lines_init(&lines);
		text_wrap(clean, width, 0, &lines);
		for (size_t i = 0; i < lines.count; i++) {
			char *line = text_line_string(&lines.lines[i]);
			safe = safe && terminal_safe(line, false);
			narrow = narrow && text_width(line) <= width && lines.lines[i].width == text_width(line);
			free(line);
		}
		text_lines_clear(&lines);
		char *fit = text_fit(clean, width);
		narrow = narrow && text_width(fit) == width;
		safe = safe && terminal_safe(fit, false);
		free(fit);
		free(clean);
		strbuf_clear(&raw);
	}
	ok(safe, "200 random byte strings: cleaned, wrapped and fitted text is always safe");
	ok(narrow, "200 random byte strings: no line wider than its width, fits exact");
}

/* Break cases from issue 3: '|' marks where a line may start. */
static const char *const break_cases[] = {
	"中|文，|测|试。|下|一|句",
	"他|说：|「你|好」|世|界",
	"《人|工|智|能》|报|告|（草|案）|发|布",
	"AI|新|闻：|OpenAI|发|布|GPT-4o|模|型",
	"🔥|热|点|📰|新|闻",
	"等|等……|然|后|——|结|束",
	"“引|号”|测|试",
	"价|格|$100，|增|长|50%。",
	"v1.2.3|版|本",
	"中|文 |English |中|文",
	"ちょっ|と|待っ|て。",
	"한국어 |텍스트",
	/* our own */
	"他|说|“你|好”，|然|后|走|了",
	"see |https://example.com/a/b?c=d&e=f |now",
	"访|问 |https://example.com/path，|然|后",
	"visit |www.example.org/x. |Then",
	"Node.js |and |example.com |e.g. |this",
	"한국어API |텍스트, |좋아요",
	"a\xe2\x80\x8b|b",
	"한국\xe2\x80\x8b|어",
	"中 ・|文",
	"[CN]|中|国",
	"state-|of-|the-|art",
	"他|说 |“hello” |然|后",
	"it’s |fine",
};

static void test_breaks(void)
{
	for (size_t i = 0; i < sizeof break_cases / sizeof break_cases[0]; i++) {
		const char *want = break_cases[i];
		char *clean = without_bars(want);
		char *got = marked_breaks(clean);
		is_str(got, want, "breaks of %s", clean);
		free(got);

		int widest = widest_piece(want);
		int total = text_width(clean);
		bool good = true;
		for (int width = widest; width <= total + 1; width++)
			good = good && wrap_uses_only(want, width) && wrap_is_sound(clean, width, clean);
		ok(good, "wrapping %s at widths %d..%d breaks only at | and keeps kinsoku", clean,
		   widest, total + 1);
		free(clean);
	}

	/* Every piece on its own line at the widest piece's width. */
	char *s = wrap_joined("中文，测试。下一句", 4);
	is_str(s, "中/文，/测/试。/下一/句", "kinsoku wrap at 4");
	free(s);
	s = wrap_joined("他说：「你好」世界", 4);
	is_str(s, "他/说：/「你/好」/世界", "brackets stay with their text at 4");
	free(s);
	s = wrap_joined("“引号”测试", 4);
	is_str(s, "“引/号”/测试", "Chinese quotes open and close");
	free(s);
	s = wrap_joined("한국어 텍스트", 6);
	is_str(s, "한국어/텍스트", "Korean breaks at the space only");
	free(s);
	s = wrap_joined("한국어 텍스트", 4);
	is_str(s, "한국/어/텍스/트", "a Korean word wider than the line is hard-broken");
	free(s);
	s = wrap_joined("中文 English 中文", 8);
	is_str(s, "中文/English/中文", "spaces at a break are dropped");
	free(s);
	s = wrap_joined("价格$100，增长50%。", 6);
	is_str(s, "价格/$100，/增长/50%。", "$100 and 50%% stay whole");
	free(s);
	s = wrap_joined("v1.2.3版本", 6);
	is_str(s, "v1.2.3/版本", "v1.2.3 stays whole");
	free(s);
	s = wrap_joined("a\xe2\x80\x8b" "b", 1);
	is_str(s, "a/b", "a break hint allows a break and is not shown");
	free(s);
	s = wrap_joined("a\xe2\x80\x8b" "b", 5);
	is_str(s, "ab", "a break hint is not shown when unused");
	free(s);
}

static void test_wrap_layout(void)
{
	struct text_lines lines;
	char *s;

	text_lines_init(&lines);
	text_wrap("abcdefghi中", 10, 0, &lines);
	is_int((int)lines.count, 2, "abcdefghi中 at 10: two lines");
	if (lines.count == 2) {
		is_int(lines.lines[0].width, 9, "first line 9 wide: column 10 blank");
		s = text_line_string(&lines.lines[1]);
		is_str(s, "中", "中 on the next line");
		free(s);
	}
	text_lines_clear(&lines);

	/* A wide character at the edge inside a hard break. */
	s = wrap_joined("가나다라마바사", 5);
	is_str(s, "가나/다라/마바/사", "hard break leaves the fifth column blank");
	free(s);
	s = wrap_joined("가나다라，", 4);
	is_str(s, "가나/다/라，", "hard break does not start a line with ，");
	free(s);
	s = wrap_joined("가나。」", 6);
	is_str(s, "가/나。」", "hard break moves two graphemes to keep 。」 off a line start");
	free(s);
	s = wrap_joined("https://mp.weixin.qq.com/s/abc", 20);
	is_str(s, "https://mp.weixin.q/q.com/s/abc", "a hard-broken URL line does not start with '.'");
	free(s);
		s = wrap_joined("abcd(efgh", 5);
	is_str(s, "abcd/(efgh", "hard break does not end a line with (");
	free(s);
	s = wrap_joined("가，，，，", 4);
	is_str(s, "가，/，，/，", "closing marks that cannot all move: cut anyway, within the width");
	free(s);
	s = wrap_joined("中文", 1);
	char expected[64];
	snprintf(expected, sizeof expected, "%s/%s", text_ellipsis(), text_ellipsis());
	is_str(s, expected, "a wide character on a one-column line shows as the ellipsis");
	free(s);

	const char *url = "https://example.com/a/very/long/path/to/some/file.html?x=1&y=2";
	s = wrap_joined(url, 20);
	is_str(s, "https://example.com//a/very/long/path/to//some/file.html?x=1&y/=2",
	       "a URL wider than the line is cut only where it must be");
	free(s);
	ok(wrap_is_sound(url, 20, "url"), "the hard-broken URL loses nothing");

	s = wrap_joined("aaa bbb ccc", 3);
	is_str(s, "aaa/bbb/ccc", "words at exactly the width");
	free(s);
	s = wrap_joined("aaa bbb ccc", 7);
	is_str(s, "aaa bbb/ccc", "greedy fill");
	free(s);
	s = wrap_joined("  foo bar baz", 7);
	is_str(s, "  foo/bar baz", "indentation kept on the first line only");
	free(s);
	s = wrap_joined("a\nb", 5);
	is_str(s, "a/b", "newline forces a break");
	free(s);
	s = wrap_joined("a\n\nb\n", 5);
	is_str(s, "a//b/", "empty paragraphs give empty lines");
	free(s);
	s = wrap_joined("a\tb", 5);
	is_str(s, "a b", "a tab is shown as a space");
	free(s);
	s = wrap_joined("word   ", 4);
	is_str(s, "word", "trailing spaces dropped");
	free(s);
	s = wrap_joined("   ", 4);
	is_str(s, "", "a line of only spaces is empty");
	free(s);
	s = wrap_joined("supercalifragilistic", 0);
	ok(strchr(s, '/') != NULL, "width 0 is treated as 1, not a hang");
	free(s);

	text_lines_init(&lines);
	text_wrap("", 10, 3, &lines);
	is_int((int)lines.count, 1, "empty text gives one line");
	is_int((int)lines.lines[0].span_count, 0, "an empty line has no spans");
	text_wrap("x\n", 10, 3, &lines);
	is_int((int)lines.count, 3, "text_wrap appends to OUT");
	text_lines_clear(&lines);
	is_int((int)lines.count, 0, "text_lines_clear empties");
}

static void test_styled_spans(void)
{
	struct text_span spans[] = {
		{ "ab ", 1 }, { "cd ef gh", 2 }, { "", 3 }, { " ij", 4 },
	};
	struct text_lines lines;
	text_lines_init(&lines);
	text_wrap_spans(spans, 4, 5, &lines);
	is_int((int)lines.count, 3, "styled spans: three lines");
	if (lines.count == 3) {
		struct text_line *first = &lines.lines[0], *second = &lines.lines[1];
		is_int((int)first->span_count, 2, "first line has two styles");
		if (first->span_count == 2) {
			is_str(first->spans[0].text, "ab ", "style 1 keeps its inner space");
			is_int(first->spans[0].style, 1, "style 1");
			is_str(first->spans[1].text, "cd", "style 2 starts");
			is_int(first->spans[1].style, 2, "style 2");
		}
		is_int(first->width, 5, "first line width");
		is_int((int)second->span_count, 1, "style 2 spans the break: one span on line 2");
		if (second->span_count == 1) {
			is_str(second->spans[0].text, "ef gh", "second line text");
			is_int(second->spans[0].style, 2, "second line keeps style 2");
		}
		struct text_line *third = &lines.lines[2];
		ok(third->span_count == 1 && strcmp(third->spans[0].text, "ij") == 0 &&
		   third->spans[0].style == 4, "third line: 'ij' in style 4, its space dropped");
	}
	text_lines_clear(&lines);

	/* A word split across two styles stays whole and keeps both styles. */
	struct text_span word[] = { { "aaa bo", 1 }, { "ld ccc", 2 } };
	text_lines_init(&lines);
	text_wrap_spans(word, 2, 5, &lines);
	char *s = joined(&lines);
	is_str(s, "aaa/bold/ccc", "a word made of two spans is not broken at the span edge");
	free(s);
	if (lines.count == 3) {
		is_int((int)lines.lines[1].span_count, 2, "the word keeps both styles");
		if (lines.lines[1].span_count == 2) {
			is_str(lines.lines[1].spans[0].text, "bo", "first half");
			is_int(lines.lines[1].spans[0].style, 1, "first style");
			is_str(lines.lines[1].spans[1].text, "ld", "second half");
			is_int(lines.lines[1].spans[1].style, 2, "second style");
		}
	}
	text_lines_clear(&lines);

	/* A long styled URL hard-broken across lines keeps its style. */
	struct text_span link[] = { { "see ", 0 }, { "https://example.com/abcdefghij", 7 } };
	text_lines_init(&lines);
	text_wrap_spans(link, 2, 12, &lines);
	bool styled = lines.count >= 3;
	for (size_t i = 1; i < lines.count; i++)
		styled = styled && lines.lines[i].span_count == 1 && lines.lines[i].spans[0].style == 7;
	ok(styled, "every line of a hard-broken link has the link style");
	s = joined(&lines);
	is_str(s, "see/https://exam/ple.com/abcd/efghij", "the link is broken only where it must");
	free(s);
	text_lines_clear(&lines);

	/* text_lines_add copies and measures. */
	struct text_span parts[] = { { "中文", 1 }, { "ab", 2 } };
	text_lines_init(&lines);
	text_lines_add(&lines, parts, 2);
	text_lines_add(&lines, NULL, 0);
	is_int((int)lines.count, 2, "text_lines_add adds lines");
	is_int(lines.lines[0].width, 6, "text_lines_add measures");
	ok(lines.lines[0].spans[0].text != parts[0].text, "text_lines_add copies");
	s = text_line_string(&lines.lines[0]);
	is_str(s, "中文ab", "text_line_string joins spans");
	free(s);
	s = text_line_string(&lines.lines[1]);
	is_str(s, "", "text_line_string of an empty line");
	free(s);
	text_lines_clear(&lines);
}

static void test_truncate(void)
{
	const char *text = "中文ab🔥c";       /* 2+2+1+1+2+1 = 9 */
	char *s;
	int width;
	bool all_good = true;

	is_int(text_width(text), 9, "truncation sample is 9 wide");
	for (int cols = 0; cols <= 12; cols++) {
		s = text_truncate(text, cols, &width);
		bool good = width <= cols && text_width(s) == width && terminal_safe(s, false);
		if (cols >= 9) {
			good = good && strcmp(s, text) == 0 && width == 9;
		} else if (cols > 0) {
			size_t n = strlen(s), e = strlen(text_ellipsis());
			good = good && n >= e && strcmp(s + n - e, text_ellipsis()) == 0 &&
			       strncmp(s, text, n - e) == 0 && width >= cols - 1;
		} else {
			good = good && *s == '\0' && width == 0;
		}
		free(s);
		s = text_fit(text, cols);
		good = good && text_width(s) == cols;
		free(s);
		if (!good)
			tap_diag("truncation at %d columns is wrong", cols);
		all_good = all_good && good;
	}
	ok(all_good, "truncate and fit at 0..12 columns: within width, a prefix + ellipsis, exact fit");

	s = text_truncate(text, 4, &width);
	char want[64];
	snprintf(want, sizeof want, "中%s", text_ellipsis());
	is_str(s, want, "中文 does not fit in 4 with the ellipsis: 中 + ellipsis");
	is_int(width, 3, "... 3 columns");
	free(s);
	s = text_fit(text, 4);
	snprintf(want, sizeof want, "中%s ", text_ellipsis());
	is_str(s, want, "text_fit pads the blank a wide character leaves");
	free(s);
	s = text_truncate("abcdef", 1, &width);
	is_str(s, text_ellipsis(), "one column: only the ellipsis");
	free(s);
	s = text_truncate("abc", 3, &width);
	is_str(s, "abc", "exact fit: no ellipsis");
	free(s);
	s = text_truncate("hello world", 7, &width);
	snprintf(want, sizeof want, "hello%s", text_ellipsis());
	is_str(s, want, "the space before the ellipsis is dropped");
	is_int(width, 6, "... and not counted");
	free(s);
	s = text_truncate("e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 2, &width);
	snprintf(want, sizeof want, "e\xcc\x81%s", text_ellipsis());
	is_str(s, want, "a combining mark stays with its base");
	free(s);
	s = text_fit("a\nb\tc\xe2\x80\x8b" "d", 7);
	is_str(s, "a b cd ", "newline and tab become spaces, hints vanish");
	free(s);
	s = text_fit(NULL, 3);
	is_str(s, "   ", "text_fit(NULL) is blank");
	free(s);
	s = text_truncate("abc", -4, &width);
	is_str(s, "", "negative width gives an empty string");
	is_int(width, 0, "... of width 0");
	free(s);
}

/* The module measures in UTF-8 even when the program's locale is not. */
static void test_c_locale(void)
{
	char *saved = strdup(setlocale(LC_ALL, NULL));
	setlocale(LC_ALL, "C");
	is_int(text_width("中文"), 4, "C locale: 中文 still 4 columns");
	is_int(text_codepoint_width(0x4E2D), 2, "C locale: text_codepoint_width(中) = 2");
	char *s = clean_of("中🔥");
	is_str(s, "中🔥", "C locale: text_clean keeps CJK and emoji");
	free(s);
	s = wrap_joined("中文，测试。", 4);
	is_str(s, "中/文，/测/试。", "C locale: wrapping still works");
	free(s);
	s = text_fit("中文", 3);
	char want[32];
	snprintf(want, sizeof want, "中%s", text_ellipsis());
	is_str(s, want, "C locale: text_fit still cuts at the right column");
	free(s);
	ok(wcwidth(0x4E2D) < 0, "C locale: the caller's locale is left as it was");
	setlocale(LC_ALL, saved);
	free(saved);
	is_int(wcwidth(0x4E2D), 2, "UTF-8 locale restored");
}

/* Big input: correctness only (how long it takes is tools/bench.sh's
 * business, not a test's). */
static void test_big_input(void)
{
	struct strbuf big;
	strbuf_init(&big);
	for (int i = 0; i < 20000; i++)
		strbuf_puts(&big, "人工智能（AI）新闻：OpenAI 发布 GPT-4o 模型，see https://example.com/x. ");
	size_t len = big.len;

	struct text_lines lines;
	text_lines_init(&lines);
	text_wrap(big.data, 80, 0, &lines);
	ok(lines.count > 10000, "wrapped %zu bytes into %zu lines", len, lines.count);
	bool narrow = true;
	for (size_t i = 0; i < lines.count; i++)
		if (lines.lines[i].width > 80)
			narrow = false;
	ok(narrow, "every line of the big paragraph fits 80 columns");
	text_lines_clear(&lines);

	char *cut = text_fit(big.data, 40);
	is_int(text_width(cut), 40, "a fit of a %zu-byte string is 40 columns", len);
	free(cut);

	char *clean = text_clean(big.data, big.len);
	is_str(clean, big.data, "cleaning clean text changes nothing");
	free(clean);
	strbuf_clear(&big);
}

static void test_utf8_steps(void)
{
	unsigned int cp;
	char out[4];

	is_int((int)text_utf8_next("a", 1, &cp), 1, "next: ASCII takes 1 byte");
	is_int((int)cp, 'a', "next: ASCII value");
	is_int((int)text_utf8_next("\xe4\xb8\xad", 3, &cp), 3, "next: 中 takes 3 bytes");
	is_int((int)cp, 0x4e2d, "next: 中 value");
	is_int((int)text_utf8_next("\xf0\x9f\x98\x80", 4, &cp), 4, "next: emoji takes 4 bytes");
	is_int((int)cp, 0x1f600, "next: emoji value");
	text_utf8_next("\xe4\xb8", 2, &cp);
	is_int((int)cp, 0xfffd, "next: a truncated sequence is U+FFFD");
	ok(text_utf8_next("\xff", 1, &cp) == 1 && cp == 0xfffd, "next: a stray byte is U+FFFD, 1 byte");
	is_int((int)text_utf8_next("", 0, &cp), 0, "next: nothing to read");

	is_int((int)text_utf8_prev("ab\xe4\xb8\xad", 5, &cp), 3, "prev: 中 at the end takes 3 bytes");
	is_int((int)cp, 0x4e2d, "prev: 中 value");
	ok(text_utf8_prev("a\x80", 2, &cp) == 1 && cp == 0xfffd, "prev: a stray continuation byte");
	is_int((int)text_utf8_prev("", 0, &cp), 0, "prev: empty");

	is_int((int)text_utf8_put(0x4e2d, out), 3, "put: 中 is 3 bytes");
	ok(memcmp(out, "\xe4\xb8\xad", 3) == 0, "put: 中 bytes");
	is_int((int)text_utf8_put(0xd800, out), 3, "put: a surrogate becomes U+FFFD");
	ok(memcmp(out, "\xef\xbf\xbd", 3) == 0, "put: U+FFFD bytes");

	ok(text_is_cjk(0x4e2d) && text_is_cjk(0x3042) && text_is_cjk(0xff0c), "Han, kana, full-width are CJK");
	ok(!text_is_cjk(0xac00) && !text_is_cjk(0xd55c), "Hangul is not (Korean uses spaces)");
	ok(!text_is_cjk('a') && !text_is_cjk(0x1f600), "Latin and emoji are not");
}

int main(void)
{
	setlocale(LC_ALL, "");
	if (MB_CUR_MAX == 1 && !setlocale(LC_ALL, "C.UTF-8")) {
		tap_skip("no UTF-8 locale", "text tests need C.UTF-8");
		return tap_done();
	}
	if (MB_CUR_MAX == 1)
		setlocale(LC_ALL, "C.UTF-8");

	test_widths();
	test_ambiguous();
	test_normalize();
	test_sanitize();
	test_hostile_bytes();
	test_random_bytes();
	test_breaks();
	test_wrap_layout();
	test_styled_spans();
	test_truncate();
	test_c_locale();
	test_big_input();
	test_utf8_steps();
	return tap_done();
}
