/* Fuzz target: YAML front matter (frontmatter.h): locating it in a
 * document and parsing it with libyaml.  Checked: the located YAML lies
 * inside the document, a parse gives valid UTF-8 fields and JSON (or an
 * error message), and tags parallel their origins. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "frontmatter.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_setup();
	return 0;
}

static void check_utf8(const char *s)
{
	if (!s)
		return;
	/* Front-matter values are raw YAML scalars (cleaned later, by the
	 * digest engine), so only their encoding is promised. */
	if (fuzz_wcwidth(s, strlen(s)) < 0)
		fuzz_fail("invalid UTF-8 from the front matter parser", s, strlen(s));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *doc = (const char *)data;
	size_t start, len, body;
	const char *yaml = doc;
	size_t yaml_len = size;
	if (frontmatter_locate(doc, size, &start, &len, &body)) {
		if (start > size || len > size - start || body > size || body < start + len)
			fuzz_fail("frontmatter_locate points outside the document", NULL, 0);
		yaml = doc + start;
		yaml_len = len;
	}
	struct frontmatter fm;
	char *error = NULL;
	if (frontmatter_parse(yaml, yaml_len, &fm, &error) != 0) {
		if (!error)
			fuzz_fail("frontmatter_parse failed without a message", NULL, 0);
		check_utf8(error);
		free(error);
		frontmatter_clear(&fm);
		return 0;
	}
	check_utf8(fm.title);
	check_utf8(fm.date);
	check_utf8(fm.description);
	check_utf8(fm.json);
	for (size_t i = 0; i < fm.tag_count; i++) {
		if (!fm.tags[i] || !fm.tag_origins[i])
			fuzz_fail("a tag without a name or origin", NULL, 0);
		check_utf8(fm.tags[i]);
	}
	frontmatter_clear(&fm);
	return 0;
}
