/* Decoding fetched bytes to UTF-8 with iconv, replacing what cannot be
 * decoded with U+FFFD instead of failing. */
#include <config.h>

#include "charset.h"

#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistr.h>

#include "strbuf.h"
#include "xalloc.h"

static const char replacement[] = "\xEF\xBF\xBD";   /* U+FFFD */

/* Servers label legacy encodings by their old names but send the bytes of
 * the vendor extensions (as browsers assume, WHATWG Encoding). */
static const struct {
	const char *label;
	const char *decoder;
} supersets[] = {
	{ "utf-8", "UTF-8" }, { "utf8", "UTF-8" }, { "unicode-1-1-utf-8", "UTF-8" },
	{ "gb2312", "GB18030" }, { "gbk", "GB18030" }, { "x-gbk", "GB18030" },
	{ "cp936", "GB18030" }, { "csgb2312", "GB18030" }, { "chinese", "GB18030" },
	{ "gb_2312-80", "GB18030" }, { "euc-cn", "GB18030" }, { "gb18030", "GB18030" },
	{ "shift_jis", "CP932" }, { "shift-jis", "CP932" }, { "sjis", "CP932" },
	{ "x-sjis", "CP932" }, { "ms_kanji", "CP932" }, { "windows-31j", "CP932" },
	{ "csshiftjis", "CP932" },
	{ "euc-kr", "CP949" }, { "ks_c_5601-1987", "CP949" }, { "windows-949", "CP949" },
	{ "cseuckr", "CP949" }, { "korean", "CP949" },
	{ "big5", "BIG5-HKSCS" }, { "big5-hkscs", "BIG5-HKSCS" }, { "x-x-big5", "BIG5-HKSCS" },
	{ "cn-big5", "BIG5-HKSCS" }, { "csbig5", "BIG5-HKSCS" },
	{ "iso-8859-1", "WINDOWS-1252" }, { "latin1", "WINDOWS-1252" },
	{ "us-ascii", "WINDOWS-1252" }, { "ascii", "WINDOWS-1252" },
};

static bool iconv_can_decode(const char *name)
{
	iconv_t cd = iconv_open("UTF-8", name);
	if (cd == (iconv_t)-1)
		return false;
	iconv_close(cd);
	return true;
}

bool charset_resolve(const char *label, char name[CHARSET_NAME_MAX])
{
	name[0] = '\0';
	if (!label)
		return false;
	while (*label == ' ' || *label == '\t')
		label++;
	size_t len = strlen(label);
	while (len > 0 && (label[len - 1] == ' ' || label[len - 1] == '\t'))
		len--;
	if (len == 0 || len >= CHARSET_NAME_MAX)
		return false;
	char lower[CHARSET_NAME_MAX];
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)label[i];
		/* A label is a token: anything else could smuggle iconv suffixes
		 * such as "//IGNORE" or odd bytes into iconv_open. */
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_' || c == '.' || c == ':'))
			return false;
		lower[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	lower[len] = '\0';
	for (size_t i = 0; i < sizeof supersets / sizeof supersets[0]; i++) {
		if (strcmp(lower, supersets[i].label) == 0) {
			strcpy(name, supersets[i].decoder);
			return true;
		}
	}
	for (size_t i = 0; i <= len; i++)
		name[i] = (char)(lower[i] >= 'a' && lower[i] <= 'z' ? lower[i] - 32 : lower[i]);
	if (!iconv_can_decode(name)) {
		name[0] = '\0';
		return false;
	}
	return true;
}

bool charset_supported(const char *label)
{
	char name[CHARSET_NAME_MAX];
	return charset_resolve(label, name);
}

char *charset_from_content_type(const char *content_type)
{
	if (!content_type)
		return NULL;
	const char *p = content_type;
	while ((p = strchr(p, ';')) != NULL) {
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, "charset", 7) != 0)
			continue;
		const char *q = p + 7;
		while (*q == ' ' || *q == '\t')
			q++;
		if (*q != '=')
			continue;
		q++;
		while (*q == ' ' || *q == '\t')
			q++;
		bool quoted = *q == '"';
		if (quoted)
			q++;
		size_t n = 0;
		while (q[n] && (quoted ? q[n] != '"' : (q[n] != ';' && q[n] != ' ' && q[n] != '\t' &&
		                                       q[n] != '\r' && q[n] != '\n')))
			n++;
		if (n == 0)
			return NULL;
		char *value = xstrndup(q, n);
		for (char *c = value; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c + 32);
		return value;
	}
	return NULL;
}

/* UTF-8 with every invalid sequence (overlong forms and surrogates
 * included) replaced by U+FFFD; u8_mbtouc consumes a broken character's
 * continuation bytes with it, so one broken character is one U+FFFD. */
static void repair_utf8(const char *bytes, size_t len, struct strbuf *out)
{
	const uint8_t *s = (const uint8_t *)bytes;
	size_t i = 0;
	while (i < len) {
		ucs4_t uc;
		int n = u8_mbtouc(&uc, s + i, len - i);
		if (n <= 0)
			n = 1;
		if (uc == 0xFFFD)
			strbuf_append(out, replacement, 3);
		else
			strbuf_append(out, bytes + i, (size_t)n);
		i += (size_t)n;
	}
}

/* The size of one code unit: what to skip past a byte iconv rejects. */
static size_t code_unit(const char *name)
{
	/* The names as iconv takes them, with or without the dash ("UCS4"). */
	char bare[CHARSET_NAME_MAX];
	size_t n = 0;
	for (const char *p = name; *p && n + 1 < sizeof bare; p++)
		if (*p != '-' && *p != '_')
			bare[n++] = *p;
	bare[n] = '\0';
	if (strncmp(bare, "UTF16", 5) == 0 || strncmp(bare, "UCS2", 4) == 0 ||
	    strncmp(bare, "UNICODE", 7) == 0)
		return 2;
	if (strncmp(bare, "UTF32", 5) == 0 || strncmp(bare, "UCS4", 4) == 0 ||
	    strncmp(bare, "ISO10646UCS4", 12) == 0 || strcmp(bare, "WCHART") == 0)
		return 4;
	return 1;
}

/* Decode with iconv from NAME.  Returns how many replacements were needed,
 * or -1 when iconv cannot open NAME (OUT untouched). */
static long decode_iconv_raw(const char *name, const char *bytes, size_t len, struct strbuf *out)
{
	iconv_t cd = iconv_open("UTF-8", name);
	if (cd == (iconv_t)-1)
		return -1;
	long replaced = 0;
	char chunk[4096];
	char *in = (char *)bytes;
	size_t in_left = len;
	while (in_left > 0) {
		char *o = chunk;
		size_t o_left = sizeof chunk;
		size_t rc = iconv(cd, &in, &in_left, &o, &o_left);
		strbuf_append(out, chunk, sizeof chunk - o_left);
		if (rc != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		/* EILSEQ: an invalid sequence; EINVAL: incomplete at the end. */
		strbuf_append(out, replacement, 3);
		replaced++;
		if (errno == EINVAL) {
			in_left = 0;
			break;
		}
		size_t skip = code_unit(name);
		if (skip > in_left)
			skip = in_left;
		in += skip;
		in_left -= skip;
		iconv(cd, NULL, NULL, NULL, NULL);  /* back to the initial shift state */
	}
	char *o = chunk;
	size_t o_left = sizeof chunk;
	iconv(cd, NULL, NULL, &o, &o_left);    /* flush a stateful encoding */
	strbuf_append(out, chunk, sizeof chunk - o_left);
	iconv_close(cd);
	return replaced;
}

/* iconv's output is not always UTF-8: glibc's UCS-4 and UTF-32 decoders
 * pass code points past U+10FFFF (and surrogates) through as 5- and
 * 6-byte sequences.  So the output is checked, and repaired when it is
 * not valid, before anyone stores it as text. */
static long decode_iconv(const char *name, const char *bytes, size_t len, struct strbuf *out)
{
	struct strbuf raw;
	strbuf_init(&raw);
	long replaced = decode_iconv_raw(name, bytes, len, &raw);
	if (replaced >= 0) {
		if (u8_check((const uint8_t *)raw.data, raw.len) == NULL) {
			strbuf_append(out, raw.data, raw.len);
		} else {
			repair_utf8(raw.data, raw.len, out);
			replaced++;
		}
	}
	strbuf_clear(&raw);
	return replaced;
}

/* Whether the bytes hold anything beyond ASCII at all. */
static bool has_high_bytes(const char *bytes, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)bytes[i] >= 0x80)
			return true;
	return false;
}

static void set_used(char used[CHARSET_NAME_MAX], const char *name)
{
	if (used)
		snprintf(used, CHARSET_NAME_MAX, "%s", name);
}

static char *finish(struct strbuf *out, size_t *out_len)
{
	*out_len = out->len;
	return strbuf_detach(out);
}

/* Decode with NAME, which may still fail to open (iconv can differ between
 * the check and now only in theory, but a fallback costs nothing). */
static bool decode_named(const char *name, const char *bytes, size_t len, struct strbuf *out)
{
	if (strcmp(name, "UTF-8") == 0) {
		repair_utf8(bytes, len, out);
		return true;
	}
	return decode_iconv(name, bytes, len, out) >= 0;
}

char *charset_decode(const char *bytes, size_t len, const char *override, const char *declared,
                     size_t *out_len, char used[CHARSET_NAME_MAX])
{
	struct strbuf out;
	strbuf_init(&out);
	if (!bytes)
		len = 0;
	char name[CHARSET_NAME_MAX];

	if (override && charset_resolve(override, name) && decode_named(name, bytes, len, &out)) {
		set_used(used, name);
		return finish(&out, out_len);
	}

	static const struct {
		const char *bom;
		size_t len;
		const char *name;
	} boms[] = {
		/* UTF-32LE before UTF-16LE: its mark starts with UTF-16LE's. */
		{ "\xFF\xFE\x00\x00", 4, "UTF-32LE" }, { "\x00\x00\xFE\xFF", 4, "UTF-32BE" },
		{ "\xEF\xBB\xBF", 3, "UTF-8" }, { "\xFF\xFE", 2, "UTF-16LE" },
		{ "\xFE\xFF", 2, "UTF-16BE" },
	};
	for (size_t i = 0; i < sizeof boms / sizeof boms[0]; i++) {
		if (len >= boms[i].len && memcmp(bytes, boms[i].bom, boms[i].len) == 0 &&
		    decode_named(boms[i].name, bytes + boms[i].len, len - boms[i].len, &out)) {
			set_used(used, boms[i].name);
			return finish(&out, out_len);
		}
	}

	if (declared && charset_resolve(declared, name) && decode_named(name, bytes, len, &out)) {
		set_used(used, name);
		return finish(&out, out_len);
	}

	if (!has_high_bytes(bytes, len) || u8_check((const uint8_t *)bytes, len) == NULL) {
		strbuf_append(&out, bytes, len);
		set_used(used, "UTF-8");
		return finish(&out, out_len);
	}
	/* Not UTF-8 and nothing declared: Chinese digests are the common case,
	 * and GB18030's structure rejects most other text. */
	if (decode_iconv("GB18030", bytes, len, &out) == 0) {
		set_used(used, "GB18030");
		return finish(&out, out_len);
	}
	strbuf_reset(&out);
	repair_utf8(bytes, len, &out);
	set_used(used, "UTF-8");
	return finish(&out, out_len);
}
