#include <config.h>

#include "tap.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int test_number;
static int failures;
static bool planned;

void tap_plan(int count)
{
	printf("1..%d\n", count);
	planned = true;
}

static void report(bool passed, const char *format, va_list ap)
{
	test_number++;
	if (!passed)
		failures++;
	printf("%s %d - ", passed ? "ok" : "not ok", test_number);
	vprintf(format, ap);
	putchar('\n');
	fflush(stdout);
}

bool tap_ok(bool condition, const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	report(condition, format, ap);
	va_end(ap);
	return condition;
}

bool tap_is_int(int64_t got, int64_t expected, const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	report(got == expected, format, ap);
	va_end(ap);
	if (got != expected)
		printf("#   got: %" PRId64 "\n#   expected: %" PRId64 "\n", got, expected);
	return got == expected;
}

bool tap_is_str(const char *got, const char *expected, const char *format, ...)
{
	bool same = (got == NULL && expected == NULL) ||
	            (got != NULL && expected != NULL && strcmp(got, expected) == 0);
	va_list ap;
	va_start(ap, format);
	report(same, format, ap);
	va_end(ap);
	if (!same)
		printf("#   got:      '%s'\n#   expected: '%s'\n", got ? got : "(null)",
		       expected ? expected : "(null)");
	return same;
}

void tap_skip(const char *reason, const char *format, ...)
{
	va_list ap;
	test_number++;
	printf("ok %d - ", test_number);
	va_start(ap, format);
	vprintf(format, ap);
	va_end(ap);
	printf(" # SKIP %s\n", reason);
}

void tap_diag(const char *format, ...)
{
	va_list ap;
	printf("# ");
	va_start(ap, format);
	vprintf(format, ap);
	va_end(ap);
	putchar('\n');
}

int tap_done(void)
{
	if (!planned)
		printf("1..%d\n", test_number);
	fflush(stdout);
	return failures ? 1 : 0;
}
