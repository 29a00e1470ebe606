/* Fuzz target: decoding fetched bytes to UTF-8 (charset.h).  The first byte
 * picks the charset the server declares and the source's override (from
 * labels that iconv knows, some of them odd: ucs-4, utf-7, utf-32); the rest
 * is the body.  Checked: the result is valid UTF-8 of the length it says,
 * whatever the label, since it is stored in the cache as text. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "fuzz.h"

static const char *const labels[] = {
	NULL, "utf-8", "gbk", "gb2312", "gb18030", "big5", "shift_jis", "euc-jp", "euc-kr",
	"iso-8859-1", "windows-1252", "koi8-r", "utf-16", "utf-16le", "utf-16be", "ucs-4",
	"ucs-4le", "utf-32", "utf-32be", "ucs-2", "utf-7", "iso-2022-jp", "hz-gb-2312", "bogus",
};
#define LABELS (sizeof labels / sizeof labels[0])

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_setup();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *declared = labels[data[0] % LABELS];
	const char *override = (data[0] & 0x80) ? labels[(data[0] >> 2) % LABELS] : NULL;
	size_t out_len = 0;
	char used[CHARSET_NAME_MAX];
	char *text = charset_decode((const char *)data + 1, size - 1, override, declared, &out_len, used);
	if (!text)
		fuzz_fail("charset_decode returned NULL", NULL, 0);
	if (strlen(text) > out_len)
		fuzz_fail("charset_decode's length is short of its string", text, out_len);
	if (fuzz_wcwidth(text, out_len) < 0)
		fuzz_fail("charset_decode gave invalid UTF-8", text, out_len);
	free(text);
	return 0;
}
