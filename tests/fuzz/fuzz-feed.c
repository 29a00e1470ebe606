/* Fuzz target: bytes as radar reads a feed, a web page or an OPML list
 * (feed.h).  What the bytes are is sniffed as ingest does; a feed goes
 * through feed_parse (as chosen per entry, and as=items or as=digests), a page
 * through the HTML → Markdown conversion and the digest engine, an OPML
 * list through opml_parse and the outline writer.  Every item's excerpt and
 * every converted page is rendered.  Checked: errors have a message, every
 * string is clean text, every rendered line is display text no wider than
 * asked, and XML the parser refuses never crashes it (entities, depth). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "feed.h"
#include "fuzz.h"
#include "render.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	return 0;
}

/* Clean text may hold '\t'; check it with tabs read as spaces. */
static void check_clean(const char *s)
{
	if (!s)
		return;
	char *copy = strdup(s);
	for (char *p = copy; *p; p++)
		if (*p == '\t')
			*p = ' ';
	fuzz_check_display(copy, strlen(copy), 1);
	free(copy);
}

static void render_checked(const char *markdown, int width)
{
	if (!markdown)
		return;
	struct render_output out;
	render_output_init(&out);
	render_markdown(markdown, strlen(markdown), width, &out);
	fuzz_check_lines(&out.lines, width);
	render_output_clear(&out);
}

static void check_digest(const struct digest *d, int width)
{
	check_clean(d->title);
	check_clean(d->warning);
	for (size_t i = 0; i < d->item_count; i++) {
		const struct digest_item *item = &d->items[i];
		if (!item->key || !*item->key)
			fuzz_fail("an item without an identity key", item->title,
			          item->title ? strlen(item->title) : 0);
		check_clean(item->title);
		check_clean(item->summary);
		check_clean(item->authors);
		check_clean(item->date);
		for (size_t t = 0; t < item->tag_count; t++)
			check_clean(item->tags[t].name);
		if (i < 8)
			render_checked(item->markdown, width);
	}
}

static void fuzz_feed(const char *text, size_t size, enum feed_as as, int width)
{
	struct feed_result feed;
	char *error = NULL, *why = NULL;
	if (feed_parse_explained(text, size, "https://fuzz.example/feed.xml", as, &feed, &error,
	                         &why) != 0) {
		if (!error || !*error)
			fuzz_fail("feed_parse failed without a message", NULL, 0);
		check_clean(error);
		free(error);
		return;
	}
	check_clean(why);
	free(why);
	check_digest(&feed.items, width);
	for (size_t i = 0; i < feed.digest_count; i++) {
		if (!feed.digests[i].location || !feed.digests[i].markdown)
			fuzz_fail("an entry digest without a location or text", NULL, 0);
		check_digest(&feed.digests[i].digest, width);
	}
	feed_result_clear(&feed);
	if (as != FEED_AS_AUTO)
		return;
	char *md = feed_markdown(text, size, "https://fuzz.example/feed.xml", &error);
	if (md) {
		render_checked(md, width);
		free(md);
	} else {
		free(error);
	}
}

static void fuzz_page(const char *text, size_t size, int width)
{
	char *error = NULL;
	char *md = feed_html_to_markdown(text, size, "https://fuzz.example/dir/page.html", &error);
	if (!md) {
		if (!error || !*error)
			fuzz_fail("feed_html_to_markdown failed without a message", NULL, 0);
		free(error);
		return;
	}
	render_checked(md, width);
	struct digest d;
	if (digest_parse(md, strlen(md), "https://fuzz.example/dir/page.html", &d, &error) == 0) {
		check_digest(&d, width);
		digest_clear(&d);
	} else {
		free(error);
	}
	free(md);
}

static void fuzz_opml(const char *text, size_t size)
{
	struct opml_list list;
	char *error = NULL;
	if (opml_parse(text, size, &list, &error) != 0) {
		if (!error || !*error)
			fuzz_fail("opml_parse failed without a message", NULL, 0);
		free(error);
		return;
	}
	char **names = calloc(list.count + 1, sizeof *names);
	for (size_t i = 0; i < list.count && i < 64; i++) {
		const struct opml_feed *f = &list.feeds[i];
		if (!f->url)
			fuzz_fail("an OPML feed without a URL", NULL, 0);
		names[i] = opml_source_name(f, names, i);
		if (!names[i] || !*names[i])
			fuzz_fail("an OPML feed without a name", f->url, strlen(f->url));
		for (const char *p = names[i]; *p; p++)
			if (*p == ' ' || *p == '"' || (unsigned char)*p < 0x20)
				fuzz_fail("a source name a config line cannot hold", names[i], strlen(names[i]));
		for (size_t k = 0; k < f->option_count; k++)
			for (const char *p = f->options[k]; *p; p++)
				if (*p == ' ' || *p == '"' || *p == '\\' || (unsigned char)*p < 0x20)
					fuzz_fail("a radar: option a config line cannot hold", f->options[k],
					          strlen(f->options[k]));
		char *line = opml_outline(names[i], f->url, NULL);
		for (const char *p = line; *p; p++)
			if ((unsigned char)*p < 0x20 && *p != '\n')
				fuzz_fail("a control character in an OPML outline", line, strlen(line));
		free(line);
	}
	for (size_t i = 0; i < list.count && i < 64; i++)
		free(names[i]);
	free(names);
	opml_list_clear(&list);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	int width = 8 + (int)(size % 73);
	switch (feed_sniff(text, size)) {
	case FEED_BODY_FEED:
		/* Each entry read as chosen from its content, then all of them
		 * as items or all as digests (as=), by the input's length. */
		fuzz_feed(text, size, FEED_AS_AUTO, width);
		fuzz_feed(text, size, size % 2 ? FEED_AS_ITEMS : FEED_AS_DIGESTS, width);
		break;
	case FEED_BODY_HTML:
		fuzz_page(text, size, width);
		break;
	case FEED_BODY_OPML:
		fuzz_opml(text, size);
		break;
	default:
		/* Any other XML still goes through the feed parser's refusals. */
		fuzz_feed(text, size, FEED_AS_AUTO, width);
		break;
	}
	return 0;
}
