#include <config.h>

#include <iconv.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "charset.h"
#include "tap.h"

/* Encode UTF-8 TEXT to ENCODING with iconv, so legacy-encoded fixtures are
 * made at test time rather than stored as opaque bytes. */
static char *encode(const char *text, const char *encoding, size_t *len)
{
	iconv_t cd = iconv_open(encoding, "UTF-8");
	if (cd == (iconv_t)-1)
		return NULL;
	size_t in_left = strlen(text), out_size = in_left * 4 + 16, out_left = out_size;
	char *out = malloc(out_size), *o = out, *in = (char *)text;
	size_t rc = iconv(cd, &in, &in_left, &o, &out_left);
	iconv_close(cd);
	if (rc == (size_t)-1) {
		free(out);
		return NULL;
	}
	*len = out_size - out_left;
	return out;
}

static void is_decoded(const char *bytes, size_t len, const char *override, const char *declared,
                       const char *expected, const char *expected_used, const char *what)
{
	size_t out_len = 0;
	char used[CHARSET_NAME_MAX] = "";
	char *out = charset_decode(bytes, len, override, declared, &out_len, used);
	is_str(out, expected, "%s: text", what);
	is_str(used, expected_used, "%s: decoded as %s", what, expected_used);
	is_int((int64_t)out_len, (int64_t)strlen(expected), "%s: length", what);
	free(out);
}

static void test_resolve(void)
{
	char name[CHARSET_NAME_MAX];
	static const char *const pairs[][2] = {
		{ "gb2312", "GB18030" }, { "GBK", "GB18030" }, { "x-gbk", "GB18030" },
		{ "Shift_JIS", "CP932" }, { "euc-kr", "CP949" }, { "big5", "BIG5-HKSCS" },
		{ "utf8", "UTF-8" }, { " UTF-8 ", "UTF-8" }, { "iso-8859-1", "WINDOWS-1252" },
		{ "koi8-r", "KOI8-R" },
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		bool got = charset_resolve(pairs[i][0], name);
		is_str(got ? name : NULL, pairs[i][1], "label '%s' decodes as %s", pairs[i][0], pairs[i][1]);
	}
	ok(!charset_resolve("no-such-charset", name) && name[0] == '\0', "unknown label refused");
	ok(!charset_resolve("UTF-8//IGNORE", name), "iconv suffixes refused");
	ok(!charset_resolve("", name), "empty label refused");
	ok(!charset_resolve(NULL, name), "NULL label refused");
	ok(charset_supported("gbk") && !charset_supported("klingon"), "charset_supported");
}

static void test_content_type(void)
{
	char *c = charset_from_content_type("text/markdown; charset=GBK");
	is_str(c, "gbk", "charset parameter, lower-cased");
	free(c);
	c = charset_from_content_type("text/plain;charset=\"utf-8\"; format=flowed");
	is_str(c, "utf-8", "quoted charset parameter");
	free(c);
	c = charset_from_content_type("text/plain; format=flowed ;  Charset = big5");
	is_str(c, "big5", "charset after another parameter, spaces around '='");
	free(c);
	c = charset_from_content_type("text/plain");
	ok(c == NULL, "no parameter: NULL");
	free(c);
	ok(charset_from_content_type(NULL) == NULL, "no header: NULL");
	c = charset_from_content_type("text/plain; charset=");
	ok(c == NULL, "empty charset: NULL");
	free(c);
}

static void test_decode(void)
{
	const char *zh = "# 每日论文\n- [大模型推理](https://example.org/a) 摘要：长上下文\n";
	size_t gb_len = 0;
	char *gb = encode(zh, "GB18030", &gb_len);
	ok(gb != NULL, "GB18030 fixture encoded with iconv");
	if (!gb)
		return;
	is_decoded(gb, gb_len, NULL, "gbk", zh, "GB18030", "GB18030 declared gbk");
	is_decoded(gb, gb_len, NULL, "gb2312", zh, "GB18030", "GB18030 declared gb2312");
	is_decoded(gb, gb_len, NULL, NULL, zh, "GB18030", "GB18030 with no charset");
	is_decoded(gb, gb_len, "gbk", "iso-8859-1", zh, "GB18030", "override wins over the server");
	is_decoded(zh, strlen(zh), NULL, "utf-8", zh, "UTF-8", "UTF-8 declared");
	is_decoded(zh, strlen(zh), NULL, NULL, zh, "UTF-8", "UTF-8 undeclared");
	is_decoded(zh, strlen(zh), NULL, "klingon", zh, "UTF-8", "unknown declared charset ignored");
	free(gb);

	/* The BOM beats the server's label; the override beats the BOM. */
	char bom[64];
	snprintf(bom, sizeof bom, "\xEF\xBB\xBF%s", "héllo");
	is_decoded(bom, strlen(bom), NULL, "gbk", "héllo", "UTF-8", "UTF-8 BOM beats a declared gbk");
	size_t le_len = 0;
	char *le = encode("\xEF\xBB\xBFsalut ça", "UTF-16LE", &le_len);
	ok(le && le_len > 2 && (unsigned char)le[0] == 0xFF, "UTF-16LE fixture with BOM");
	if (le)
		is_decoded(le, le_len, NULL, NULL, "salut ça", "UTF-16LE", "UTF-16LE BOM");
	free(le);

	/* Invalid bytes become U+FFFD. */
	is_decoded("ab\xC3(cd", 6, NULL, "utf-8", "ab\xEF\xBF\xBD(cd", "UTF-8",
	           "invalid UTF-8 declared utf-8 is repaired");
	is_decoded("\xC0\xAF", 2, NULL, "utf-8", "\xEF\xBF\xBD\xEF\xBF\xBD", "UTF-8",
	           "overlong form is not decoded");
	is_decoded("\xED\xA0\x80x", 4, NULL, "utf-8", "\xEF\xBF\xBDx", "UTF-8",
	           "an encoded surrogate becomes one U+FFFD");
	/* Latin-1 text that is neither UTF-8 nor GB18030 ("é " is not a GB18030
	 * pair): repaired as UTF-8. */
	is_decoded("caf\xE9 au lait", 12, NULL, NULL, "caf\xEF\xBF\xBD au lait", "UTF-8",
	           "undeclared Latin-1 is repaired as UTF-8");
	is_decoded("caf\xE9", 4, NULL, "iso-8859-1", "café", "WINDOWS-1252", "declared Latin-1");
	/* Broken GB18030 declared as gbk: the broken bytes alone are replaced. */
	is_decoded("\xC4\xE3\xFF\xBA\xC3", 5, NULL, "gbk", "你\xEF\xBF\xBD好", "GB18030",
	           "invalid byte in declared GB18030");
	is_decoded("\xC4\xE3\xBA", 3, NULL, "gbk", "你\xEF\xBF\xBD", "GB18030",
	           "truncated GB18030 character at the end");
	is_decoded("", 0, NULL, NULL, "", "UTF-8", "empty input");
	is_decoded(NULL, 5, NULL, NULL, "", "UTF-8", "NULL input");

	size_t sj_len = 0;
	char *sj = encode("日本語のテキスト①", "CP932", &sj_len);
	if (sj)
		is_decoded(sj, sj_len, NULL, "shift_jis", "日本語のテキスト①", "CP932",
		           "shift_jis decoded as CP932 (NEC extension ①)");
	else
		tap_skip("iconv has no CP932", "shift_jis");
	free(sj);
	size_t b5_len = 0;
	char *b5 = encode("繁體中文", "BIG5-HKSCS", &b5_len);
	if (b5)
		is_decoded(b5, b5_len, NULL, "big5", "繁體中文", "BIG5-HKSCS", "big5 decoded as BIG5-HKSCS");
	else
		tap_skip("iconv has no BIG5-HKSCS", "big5");
	free(b5);
}

/* glibc's UCS-4/UTF-32 decoders hand code points past U+10FFFF through as
 * 5- and 6-byte "UTF-8"; a server declaring ucs-4 must not get that into
 * the cache. */
static void test_ucs4_output_checked(void)
{
	static const char *const labels[] = { "ucs-4", "ucs-4be", "ucs4", "iso-10646-ucs-4", "utf-32be" };
	static const char body[] = "\x00\x00\x00\x41\x7f\xff\xff\xff\x00\x11\x00\x00\x00\x00\xd8\x00"
	                           "\x00\x00\x00\x42";
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
		size_t len = 0;
		char used[CHARSET_NAME_MAX] = "";
		char *text = charset_decode(body, sizeof body - 1, NULL, labels[i], &len, used);
		if (!charset_supported(labels[i])) {
			tap_skip("iconv lacks it", "charset=%s: output is valid UTF-8", labels[i]);
		} else {
			ok(u8_check((const uint8_t *)text, len) == NULL && text[0] == 'A' && text[len - 1] == 'B',
			   "charset=%s: out-of-range code points become U+FFFD, the output is valid UTF-8 (%s)",
			   labels[i], used);
		}
		free(text);
	}
}

int main(void)
{
	test_ucs4_output_checked();
	test_resolve();
	test_content_type();
	test_decode();
	return tap_done();
}
