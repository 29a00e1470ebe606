/* Fuzz target: a digest's bytes through the digest engine (digest.h), then
 * every item through the renderer both ways radar shows it (its Markdown
 * excerpt, and the whole item article of `radar show`).  Checked: every
 * string of the result is valid UTF-8 without controls (clean text), and
 * every rendered line is display text no wider than asked. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "fuzz.h"
#include "item-article.h"
#include "render.h"
#include "store.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_setup();
	return 0;
}

static void check_clean(const char *s)
{
	if (s)
		fuzz_check_display(s, strlen(s), 1);
}

/* Clean text may hold '\t' and U+200B; neither is a control a terminal
 * acts on, so check it with tabs read as spaces. */
static void check_clean_text(const char *s)
{
	if (!s)
		return;
	size_t len = strlen(s);
	char *copy = strdup(s);
	for (size_t i = 0; i < len; i++)
		if (copy[i] == '\t')
			copy[i] = ' ';
	check_clean(copy);
	free(copy);
}

static void render_checked(const struct digest *d, const struct digest_item *item, int width)
{
	struct render_output out;
	render_output_init(&out);
	if (item->markdown)
		render_markdown(item->markdown, strlen(item->markdown), width, &out);
	render_links(width, &out);
	fuzz_check_lines(&out.lines, width);
	render_output_clear(&out);

	struct item_detail detail;
	memset(&detail, 0, sizeof detail);
	detail.row.key = item->key;
	detail.row.kind = item->kind;
	detail.row.title = item->title;
	detail.row.url = item->url;
	detail.row.date = item->date;
	detail.row.first_seen = "2026-01-01T00:00:00Z";
	detail.row.source = "fuzz";
	detail.row.mentions = 1;
	detail.summary = item->summary;
	detail.authors = item->authors;
	char **tags = calloc(item->tag_count + 1, sizeof *tags);
	for (size_t i = 0; i < item->tag_count; i++)
		tags[i] = item->tags[i].name;
	detail.tags = tags;
	detail.tag_count = item->tag_count;
	struct item_link *links = calloc(item->link_count + 1, sizeof *links);
	for (size_t i = 0; i < item->link_count; i++) {
		links[i].url = item->links[i].url;
		links[i].text = item->links[i].text;
		links[i].kind = item->links[i].kind;
		links[i].key = item->links[i].key;
	}
	detail.links = links;
	detail.link_count = item->link_count;
	struct item_mention mention = {
		.digest_id = 1,
		.digest_title = d->title,
		.digest_location = "fuzz.md",
		.digest_date = d->date,
		.source = "fuzz",
		.section = item->section,
		.markdown = item->markdown,
	};
	detail.mentions = &mention;
	detail.mention_count = 1;
	render_output_init(&out);
	render_item(&detail, width, &out);
	fuzz_check_lines(&out.lines, width);
	render_output_clear(&out);
	free(tags);
	free(links);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct digest d;
	char *error = NULL, *why = NULL;
	/* Explained: `radar parse --explain` prints the notes, which quote
	 * titles, keys and text, to a terminal. */
	if (digest_parse_explained((const char *)data, size, "fuzz-2026-03-01.md", &d, &error, &why) != 0) {
		if (!error || !*error)
			fuzz_fail("digest_parse failed without a message", NULL, 0);
		check_clean(error);
		free(error);
		return 0;
	}
	check_clean_text(why);
	free(why);
	check_clean_text(d.title);
	check_clean_text(d.description);
	check_clean_text(d.warning);
	for (size_t i = 0; i < d.tag_count; i++)
		check_clean_text(d.tags[i].name);
	/* The width varies with the input so narrow panes are tried too. */
	int width = 8 + (int)(size % 73);
	/* The first items only: each render reparses the item's excerpt, and
	 * radar renders one item at a time. */
	for (size_t i = 0; i < d.item_count && i < 16; i++) {
		const struct digest_item *item = &d.items[i];
		if (!item->key || !*item->key)
			fuzz_fail("an item without an identity key", item->title, item->title ? strlen(item->title) : 0);
		check_clean_text(item->title);
		check_clean_text(item->summary);
		check_clean_text(item->section);
		check_clean_text(item->authors);
		for (size_t t = 0; t < item->tag_count; t++)
			check_clean_text(item->tags[t].name);
		render_checked(&d, item, width);
	}
	digest_clear(&d);
	return 0;
}
