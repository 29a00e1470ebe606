/* Merging: the same key twice in one digest is one item. */
#include <config.h>

#include "digest.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "date.h"
#include "digest/internal.h"
#include "frontmatter.h"
#include "i18n.h"
#include "links.h"
#include "markdown.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

static void merge_into(struct item_builder *into, struct item_builder *from)
{
	for (size_t i = 0; i < from->item.link_count; i++)
		builder_add_link(into, from->item.links[i].url, from->item.links[i].text);
	/* A reference-list line ("延伸阅读") only repeats a link: its section is
	 * not a topic of the item. */
	bool substantial = from->item.summary && strlen(from->item.summary) > 40;
	for (size_t i = 0; i < from->item.tag_count; i++)
		if (substantial || strcmp(from->item.tags[i].origin, "section") != 0)
			builder_add_tag(into, from->item.tags[i].name, from->item.tags[i].origin);
	if (!into->item.summary && from->item.summary)
		into->item.summary = xstrdup(from->item.summary);
	if (!into->item.authors && from->item.authors)
		into->item.authors = xstrdup(from->item.authors);
	/* A reference-list line that only repeats the link adds nothing to read. */
	if (from->item.markdown && substantial) {
		char *joined = xasprintf("%s\n\n%s", into->item.markdown ? into->item.markdown : "",
		                         from->item.markdown);
		free(into->item.markdown);
		into->item.markdown = joined;
	}
}

static int compare_positions(const void *a, const void *b)
{
	const struct item_builder *ia = a, *ib = b;
	return ia->position < ib->position ? -1 : ia->position > ib->position;
}

struct key_slot {
	const char *key;
	size_t index;
};

static uint64_t hash_key(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

void merge_duplicates(struct engine *e)
{
	if (e->item_count == 0)
		return;
	qsort(e->items, e->item_count, sizeof *e->items, compare_positions);
	size_t slots = 16;
	while (slots < e->item_count * 2)
		slots *= 2;
	struct key_slot *table = xcalloc(slots, sizeof *table);
	size_t kept = 0;
	for (size_t i = 0; i < e->item_count; i++) {
		struct item_builder *b = &e->items[i];
		size_t s = hash_key(b->item.key) & (slots - 1);
		while (table[s].key && strcmp(table[s].key, b->item.key) != 0)
			s = (s + 1) & (slots - 1);
		/* Two headings of the document are two items even when they point
		 * to the same thing; the cache merges them by key. */
		if (table[s].key && !(b->from_heading && e->items[table[s].index].from_heading)) {
			merge_into(&e->items[table[s].index], b);
			builder_drop_indexes(b);
			free_item(&b->item);
			continue;
		}
		if (kept != i)
			e->items[kept] = *b;
		table[s].key = e->items[kept].item.key;
		table[s].index = kept;
		kept++;
	}
	free(table);
	e->item_count = kept;
}
