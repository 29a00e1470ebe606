/* Merging: the same key twice in one digest is one item. */
#include <config.h>

#include "digest.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* The merged excerpt stops growing here: a digest that links one URL from
 * every bullet would otherwise make one item holding the whole digest (which
 * the cache keeps anyway), and merging used to copy it once per mention. */
#define MERGED_EXCERPT_MAX (256 * 1024)

static void append_excerpt(struct item_builder *into, const char *markdown)
{
	into->item.markdown_is_slice = false;   /* two excerpts are no one slice */
	if (!into->item.markdown) {
		into->item.markdown = xstrdup(markdown);
		into->markdown_len = into->markdown_capacity = strlen(markdown);
		return;
	}
	if (into->markdown_capacity == 0)
		into->markdown_len = into->markdown_capacity = strlen(into->item.markdown);
	if (into->markdown_len >= MERGED_EXCERPT_MAX)
		return;
	size_t add = strlen(markdown);
	size_t needed = into->markdown_len + 2 + add + 1;
	if (needed > into->markdown_capacity + 1) {
		size_t capacity = into->markdown_capacity * 2 + 1;
		if (capacity < needed)
			capacity = needed;
		into->item.markdown = xrealloc(into->item.markdown, capacity);
		into->markdown_capacity = capacity - 1;
	}
	memcpy(into->item.markdown + into->markdown_len, "\n\n", 2);
	memcpy(into->item.markdown + into->markdown_len + 2, markdown, add + 1);
	into->markdown_len += 2 + add;
}

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
	if (from->item.markdown && substantial)
		append_excerpt(into, from->item.markdown);
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

/* An item that stands on its own: a heading, or one with a real summary
 * (a reference-list line that repeats a link is neither). */
static bool substantial(const struct item_builder *b)
{
	return b->from_heading || (b->item.summary && strlen(b->item.summary) > 40);
}

static int compare_keys(const void *a, const void *b)
{
	const struct item_builder *const *ia = a, *const *ib = b;
	int c = strcmp((*ia)->item.key, (*ib)->item.key);
	return c ? c : compare_positions(*ia, *ib);
}

static char *title_key(const char *title)
{
	char *lower = xstrdup(title ? title : "");
	for (char *p = lower; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	char *key = xasprintf("note:%s", lower);
	free(lower);
	return key;
}

/* A URL that several different items share (a placeholder, a site's home
 * page, a search page) is not an identity: those items are keyed by their
 * titles.  Different means substantial items with different titles; the
 * same story listed twice keeps its one key. */
static void unshare_keys(struct engine *e)
{
	struct item_builder **sorted = xmalloc(e->item_count * sizeof *sorted);
	for (size_t i = 0; i < e->item_count; i++)
		sorted[i] = &e->items[i];
	qsort(sorted, e->item_count, sizeof *sorted, compare_keys);
	for (size_t i = 0; i < e->item_count;) {
		size_t j = i + 1;
		while (j < e->item_count && strcmp(sorted[i]->item.key, sorted[j]->item.key) == 0)
			j++;
		bool shared = false;
		const char *first_title = NULL;
		for (size_t k = i; k < j && !shared; k++) {
			if (!substantial(sorted[k]))
				continue;
			if (!first_title)
				first_title = sorted[k]->item.title;
			else if (strcasecmp(first_title, sorted[k]->item.title) != 0)
				shared = true;
		}
		for (size_t k = i; shared && k < j; k++) {
			if (!substantial(sorted[k]))
				continue;
			free(sorted[k]->item.key);
			sorted[k]->item.key = title_key(sorted[k]->item.title);
			sorted[k]->shared_url = true;
		}
		i = j;
	}
	free(sorted);
}

/* A template's or a test's leftover ("[Site] write the title here", "test
 * post") is no news either.
 *
 * A wrap-up ("that's all for today: X and Y were the highlights"): a block
 * whose links are all the main links of two or more items above it says
 * nothing new; merged, it would give its links to the first of them. */
static void drop_non_items(struct engine *e)
{
	struct strset mains;
	strset_init(&mains);
	size_t kept = 0;
	for (size_t i = 0; i < e->item_count; i++) {
		struct item_builder *b = &e->items[i];
		size_t repeated = 0;
		bool recap = b->item.link_count >= 2;
		for (size_t l = 0; recap && l < b->item.link_count; l++) {
			/* a footer's profile links below it do not make it news */
			if (strset_contains(&mains, b->item.links[l].key))
				repeated++;
			else
				recap = is_site_url(b->item.links[l].url, b->item.links[l].text);
		}
		recap = recap && repeated >= 2;
		bool placeholder = is_placeholder_item(b->item.title, b->item.summary);
		if (recap || placeholder) {
			explain_skip(e, (int)b->position,
			             recap ? N_("a recap of the items above") : N_("a template's or a test's entry"),
			             b->item.title);
			free_item(&b->item);
			builder_clear(b);
			continue;
		}
		if (b->item.link_count && !b->shared_url)
			strset_add(&mains, b->item.links[0].key);
		if (kept != i)
			e->items[kept] = *b;
		kept++;
	}
	strset_clear(&mains);
	e->item_count = kept;
}

/* Two notes (no link to tell them apart) with the same title in one
 * digest — a weekly listing one article under two days — are one item:
 * the later takes the earlier's key, and the key pass merges them. */
static void share_note_keys(struct engine *e)
{
	for (size_t i = 0; i < e->item_count; i++) {
		struct item_builder *b = &e->items[i];
		if (b->item.kind != KIND_NOTE || b->item.link_count || !b->item.title || !*b->item.title)
			continue;
		for (size_t j = 0; j < i; j++) {
			struct item_builder *first = &e->items[j];
			if (first->item.kind != KIND_NOTE || first->item.link_count || !first->item.title ||
			    strcasecmp(first->item.title, b->item.title) != 0 ||
			    strcmp(first->item.key, b->item.key) == 0)
				continue;
			free(b->item.key);
			b->item.key = xstrdup(first->item.key);
			break;
		}
	}
}

void merge_duplicates(struct engine *e)
{
	if (e->item_count == 0)
		return;
	unshare_keys(e);
	qsort(e->items, e->item_count, sizeof *e->items, compare_positions);
	drop_non_items(e);
	if (e->item_count == 0)
		return;
	share_note_keys(e);
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
			explain_merged(e, (int)b->position, (int)e->items[table[s].index].position, b->item.key);
			merge_into(&e->items[table[s].index], b);
			free_item(&b->item);
			builder_clear(b);
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
