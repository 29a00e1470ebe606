/* Fuzz target: the config reader (configfile.h) on any text, as if it were
 * a file in a directory that does not exist (relative includes fail; an
 * absolute one reads at most a bounded number of regular files).
 * Checked: it returns, every problem is a valid UTF-8 one-line message. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "configfile.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_setup();
	setenv("HOME", "/nonexistent-radar-fuzz", 1);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	struct config c;
	int rc = config_load_string(text, "/nonexistent-radar-fuzz/config", &c);
	if (rc == 0 && c.error_count)
		fuzz_fail("config_load_string returned 0 with errors", NULL, 0);
	if (rc != 0 && !c.error_count)
		fuzz_fail("config_load_string failed without an error", NULL, 0);
	/* Messages quote the file's words and are printed: clean text. */
	for (size_t i = 0; i < c.error_count; i++) {
		char *m = c.errors[i];
		for (char *p = m; *p; p++)
			if (*p == '\t')
				*p = ' ';
		fuzz_check_display(m, strlen(m), 0);
	}
	config_clear(&c);
	free(text);
	return 0;
}
