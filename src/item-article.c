/* The item article: which parts of an item are shown, in which order, and
 * which are left out because they repeat another (a summary that is the
 * excerpt's first sentence, a second digest's identical excerpt). */
#include <config.h>

#include "item-article.h"

#include <cmark-gfm.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "markdown.h"
#include "strbuf.h"
#include "xalloc.h"

/* ASCII, like everything radar draws itself (see src/render/internal.h). */
#define SEPARATOR " | "

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static void append_part(struct strbuf *sb, const char *part)
{
	if (!part || !*part)
		return;
	if (sb->len > 0)
		strbuf_puts(sb, SEPARATOR);
	strbuf_puts(sb, part);
}
/* Text without any white space, for "does A say the same as B". */
static char *squeeze(const char *s)
{
	struct strbuf sb;

	strbuf_init(&sb);
	for (; s && *s; s++)
		if (!is_space(*s))
			strbuf_putc(&sb, *s);
	return strbuf_detach(&sb);
}

/* Whether SUMMARY only repeats what MARKDOWN says (often the digest's
 * summary is the first sentence of the excerpt). */
static bool summary_repeats(const char *summary, const char *markdown)
{
	char *needle = squeeze(summary), *hay, *plain;
	cmark_node *doc;
	size_t n = strlen(needle);
	bool repeats;

	/* a summary cut short ends with an ellipsis the excerpt lacks */
	if (n >= 3 && strcmp(needle + n - 3, "...") == 0)
		needle[n -= 3] = '\0';
	else if (n >= 3 && strcmp(needle + n - 3, "\xe2\x80\xa6") == 0)
		needle[n -= 3] = '\0';
	if (n == 0) {
		free(needle);
		return true;
	}
	if (!markdown) {
		free(needle);
		return false;
	}
	doc = markdown_parse(markdown, strlen(markdown), NULL);
	if (!doc) {
		free(needle);
		return false;
	}
	plain = cmark_render_plaintext(doc, CMARK_OPT_DEFAULT, 0);
	hay = squeeze(plain);
	repeats = strstr(hay, needle) != NULL;
	free(plain);
	free(hay);
	free(needle);
	cmark_node_free(doc);
	return repeats;
}

static bool same_markdown(const char *a, const char *b)
{
	char *x = squeeze(a), *y = squeeze(b);
	bool same = strcmp(x, y) == 0;
	free(x);
	free(y);
	return same;
}

/* "#tag1 #tag2 +mine", packed whole into lines: the digests' tags with #,
 * the user's own with + (marked as theirs). */
static void item_tags(struct renderer *r, const struct item_detail *item)
{
	size_t total = item->tag_count + item->user_tag_count;
	char **words = xcalloc(total + 1, sizeof *words);

	for (size_t i = 0; i < total; i++) {
		bool user = i >= item->tag_count;
		const char *tag = user ? item->user_tags[i - item->tag_count] : item->tags[i];
		struct strbuf raw;

		if (!tag || !*tag)
			continue;
		strbuf_init(&raw);
		strbuf_putc(&raw, user ? '+' : '#');
		/* a tag stays one word: "#large_language_models" */
		for (const char *p = tag; *p; p++)
			strbuf_putc(&raw, is_space(*p) ? '_' : *p);
		words[i] = strbuf_detach(&raw);
	}
	render_words(r, words, total, RENDER_TAG);
	for (size_t i = 0; i < total; i++)
		free(words[i]);
	free(words);
}

/* "2026-02-18T13:00:00+08:00" shown as its day: the time adds little and
 * its zone would need explaining. */
static char *short_date(const char *date)
{
	if (!date)
		return NULL;
	if (strlen(date) > 10 && (date[10] == 'T' || date[10] == ' ') && date[4] == '-' &&
	    date[7] == '-')
		return xstrndup(date, 10);
	return xstrdup(date);
}

static void item_header(struct renderer *r, const struct item_detail *item)
{
	const struct item_row *row = &item->row;
	struct strbuf meta;
	int seen = row->mentions > (int)item->mention_count ? row->mentions : (int)item->mention_count;

	render_text(r, row->title && *row->title ? row->title : _("(untitled)"), RENDER_TITLE);

	strbuf_init(&meta);
	if ((int)row->kind >= 0 && row->kind < KIND_COUNT)
		append_part(&meta, _(kind_name(row->kind)));
	char *date = short_date(row->date);
	append_part(&meta, date);
	free(date);
	append_part(&meta, row->source);
	if (seen > 1) {
		char *text = xasprintf(ngettext("seen in %d digest", "seen in %d digests",
		                                (unsigned long)seen), seen);
		append_part(&meta, text);
		free(text);
	}
	append_part(&meta, item->authors);
	render_text(r, meta.data, RENDER_META);

	strbuf_clear(&meta);
	item_tags(r, item);
	render_gap(r);
}

static void item_links(struct renderer *r, const struct item_detail *item)
{
	render_link_add(r, item->row.url, item->row.title);
	for (size_t i = 0; i < item->link_count; i++)
		if (item->links[i].url)
			render_link_add(r, item->links[i].url, item->links[i].text);
	render_links_section(r);
}

static void item_mentions(struct renderer *r, const struct item_detail *item)
{
	if (item->mention_count == 0)
		return;
	render_heading(r, _("Mentioned in"));
	for (size_t i = 0; i < item->mention_count; i++) {
		const struct item_mention *m = &item->mentions[i];
		struct strbuf sb;

		strbuf_init(&sb);
		append_part(&sb, m->digest_title && *m->digest_title ? m->digest_title
		                                                      : m->digest_location);
		char *date = short_date(m->digest_date);
		append_part(&sb, date);
		free(date);
		append_part(&sb, m->section);
		render_indent_begin(r, "- ", RENDER_LIST_MARKER);
		render_text(r, sb.data, RENDER_TEXT);
		render_indent_end(r);
		strbuf_clear(&sb);
	}
}

void render_item(const struct item_detail *item, int width, struct render_output *out)
{
	struct renderer *r;
	const char *first = item->mention_count > 0 ? item->mentions[0].markdown : NULL;

	r = render_begin(out, width);
	item_header(r, item);

	if (item->summary && !summary_repeats(item->summary, first) &&
	    !(item->row.title && same_markdown(item->summary, item->row.title))) {
		render_part(r, item->summary);
		render_gap(r);
	}
	if (first) {
		render_part(r, first);
		render_gap(r);
	}
	for (size_t i = 1; i < item->mention_count; i++) {
		const struct item_mention *m = &item->mentions[i];
		bool repeated = !m->markdown || !*m->markdown;
		for (size_t k = 0; k < i && !repeated; k++)
			if (item->mentions[k].markdown && same_markdown(item->mentions[k].markdown, m->markdown))
				repeated = true;
		if (repeated)
			continue;
		struct strbuf where;
		char *label;
		strbuf_init(&where);
		append_part(&where, m->digest_title && *m->digest_title ? m->digest_title
		                                                        : m->digest_location);
		char *date = short_date(m->digest_date);
		append_part(&where, date);
		free(date);
		label = xasprintf(_("From %s:"), where.data);
		render_text(r, label, RENDER_META);
		free(label);
		strbuf_clear(&where);
		render_part(r, m->markdown);
		render_gap(r);
	}
	item_links(r, item);
	item_mentions(r, item);
	render_end(r);
}
