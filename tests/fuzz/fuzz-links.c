/* Fuzz target: links (links.h) on any text taken as a URL and as prose.
 * Checked: a classified URL has a "namespace:id" key and a canonical URL
 * that classifies again to the same key and is its own canonical form;
 * arXiv ids and repository names found in text are reported once each. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "links.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_setup();
	return 0;
}

struct seen {
	char **names;
	size_t count;
};

static void found(const char *name, void *data)
{
	struct seen *s = data;
	for (size_t i = 0; i < s->count; i++)
		if (strcmp(s->names[i], name) == 0)
			fuzz_fail("a name reported twice", name, strlen(name));
	s->names = realloc(s->names, (s->count + 1) * sizeof *s->names);
	s->names[s->count++] = strdup(name);
}

static void seen_clear(struct seen *s)
{
	for (size_t i = 0; i < s->count; i++)
		free(s->names[i]);
	free(s->names);
	s->names = NULL;
	s->count = 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';

	struct link_identity id;
	if (link_classify(text, &id)) {
		if (!id.key || !strchr(id.key, ':') || !id.canonical_url)
			fuzz_fail("a classified URL without a key or canonical URL", text, size);
		if (id.kind < 0 || id.kind >= KIND_COUNT)
			fuzz_fail("a kind out of range", text, size);
		struct link_identity again;
		if (!link_classify(id.canonical_url, &again))
			fuzz_fail("a canonical URL that does not classify", id.canonical_url,
			          strlen(id.canonical_url));
		if (strcmp(again.key, id.key) != 0)
			fuzz_fail("a canonical URL with another key", id.canonical_url, strlen(id.canonical_url));
		link_identity_clear(&again);
		link_identity_clear(&id);
	}
	char *canonical = link_canonical_url(text);
	if (canonical) {
		char *twice = link_canonical_url(canonical);
		if (!twice || strcmp(twice, canonical) != 0)
			fuzz_fail("link_canonical_url is not idempotent", canonical, strlen(canonical));
		free(twice);
		free(canonical);
	}
	struct seen s = { NULL, 0 };
	size_t n = link_find_arxiv_ids(text, found, &s);
	if (n != s.count)
		fuzz_fail("link_find_arxiv_ids miscounts", text, size);
	seen_clear(&s);
	n = link_find_repo_names(text, found, &s);
	if (n != s.count)
		fuzz_fail("link_find_repo_names miscounts", text, size);
	seen_clear(&s);
	free(text);
	return 0;
}
