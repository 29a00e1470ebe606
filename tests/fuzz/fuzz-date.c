/* Fuzz target: dates (date.h).  Checked: date_parse and date_find write a
 * NUL-terminated ISO date that date_parse accepts again unchanged, whose
 * day count is valid, and never more than DATE_ISO_MAX bytes. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_setup();
	return 0;
}

static void check_iso(const char *iso)
{
	size_t len = strnlen(iso, DATE_ISO_MAX);
	if (len == DATE_ISO_MAX)
		fuzz_fail("a date not NUL-terminated", iso, DATE_ISO_MAX);
	if (len < 10 || iso[4] != '-' || iso[7] != '-')
		fuzz_fail("a date not in ISO form", iso, len);
	char again[DATE_ISO_MAX];
	if (!date_parse(iso, again) || strcmp(again, iso) != 0)
		fuzz_fail("an ISO date date_parse does not give back unchanged", iso, len);
	if (date_days(iso) < 0 && strncmp(iso, "1970", 4) >= 0)
		fuzz_fail("date_days refuses a date radar wrote", iso, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	char out[DATE_ISO_MAX];
	memset(out, 'x', sizeof out);
	if (date_parse(text, out))
		check_iso(out);
	memset(out, 'x', sizeof out);
	if (date_find(text, out))
		check_iso(out);
	date_days(text);
	free(text);
	return 0;
}
