/* Item shapes: paragraph entries (a bold-led paragraph with links) and
 * tweet excerpts. */
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

/* A paragraph that is only strong text acts as a heading for what follows
 * ("**Open Models and Benchmarks**" above a list of bullets). */
char *pseudo_heading(cmark_node *paragraph)
{
	cmark_node *first = cmark_node_first_child(paragraph);
	if (!first || cmark_node_get_type(first) != CMARK_NODE_STRONG || cmark_node_next(first))
		return NULL;
	char *text = node_text(first);
	collapse_spaces(text);
	trim_spaces(text);
	strip_colon(text);
	if (!*text || strlen(text) > 120) {
		free(text);
		return NULL;
	}
	return text;
}

/* A paragraph entry [FROM, TO): "**Title** — text [link](url)", or a bold
 * line followed by paragraphs with links. */
void build_entry_item(struct engine *e, const struct document *doc, size_t from, size_t to,
                             const char *pseudo_section)
{
	cmark_node *first = doc->blocks[from];
	int heading = doc->block_heading[from];
	{
		struct link_list all = { 0 };
		struct strbuf said;
		strbuf_init(&said);
		for (size_t i = from; i < to; i++) {
			collect_links(doc->blocks[i], &all);
			char *t = node_text(doc->blocks[i]);
			strbuf_puts(&said, t);
			free(t);
		}
		bool promo = is_promo(said.data ? said.data : "", &all);
		strbuf_clear(&said);
		link_list_clear(&all);
		if (promo) {
			char *t = node_text(first);
			explain_skip(e, cmark_node_get_start_line(first), N_("a promotion"), t);
			free(t);
			return;
		}
	}
	struct item_builder *b = new_item(e, (size_t)cmark_node_get_start_line(first));
	b->rule = N_("paragraph entry");
	b->title_from = N_("its bold lead");
	char *title = node_text(cmark_node_first_child(first));
	collapse_spaces(title);
	trim_spaces(title);
	strip_colon(title);
	b->item.title = clean_copy(title);
	struct link_list links = { 0 };
	struct strbuf body;
	strbuf_init(&body);
	for (size_t i = from; i < to; i++) {
		collect_links(doc->blocks[i], &links);
		char *text = node_text(doc->blocks[i]);
		if (i == from) {
			char *rest = bullet_summary(text, title);
			strbuf_puts(&body, rest);
			free(rest);
		} else {
			strbuf_putc(&body, ' ');
			strbuf_puts(&body, text);
		}
		free(text);
	}
	trim_spaces(body.data);
	set_summary(b, body.data);
	strbuf_clear(&body);
	free(title);
	b->item.section = section_path(doc, heading, pseudo_section);
	if (pseudo_section && *pseudo_section)
		builder_add_tag(b, pseudo_section, "section");
	else
		add_section_tag(doc, b, heading);
	set_excerpt(e, b, cmark_node_get_start_line(first), cmark_node_get_end_line(doc->blocks[to - 1]));
	finish_item(e, b, NULL, NULL, &links, NULL);
	link_list_clear(&links);
}

/* "Name @handle [2026-02-17](https://x.com/handle/status/ID)" followed by a
 * quote holding the tweet: the pair is a tweet item. */
bool tweet_excerpt(struct engine *e, const struct document *doc, size_t index,
                          const char *pseudo_section)
{
	if (index + 1 >= doc->block_count ||
	    cmark_node_get_type(doc->blocks[index + 1]) != CMARK_NODE_BLOCK_QUOTE)
		return false;
	cmark_node *line = doc->blocks[index];
	struct link_list links = { 0 };
	collect_links(line, &links);
	const struct link_identity *id =
		links.count == 1 && !links.links[0].derived ? found_link_identity(&links.links[0]) : NULL;
	bool tweet = id && id->kind == KIND_TWEET;
	char *text = node_text(line);
	if (!tweet || strlen(text) > 300) {
		free(text);
		link_list_clear(&links);
		return false;
	}
	cmark_node *quote = doc->blocks[index + 1];
	int heading = doc->block_heading[index];
	struct item_builder *b = new_item(e, (size_t)cmark_node_get_start_line(line));
	b->rule = N_("tweet excerpt");
	b->title_from = N_("the quoted tweet");
	/* The author line, without the date link's text. */
	char *author = xstrdup(text);
	char *date_text = strstr(author, links.links[0].text);
	if (date_text && *links.links[0].text)
		*date_text = '\0';
	b->item.authors = clean_copy(author);
	free(author);
	char iso[DATE_ISO_MAX];
	if (date_parse(links.links[0].text, iso))
		b->item.date = xstrdup(iso);
	char *tweet_text = node_text(quote);
	/* The tweet is its title when it is short; a long one is named by its
	 * first clauses (the summary keeps it whole). */
	char *whole = clean_copy(tweet_text);
	char *first = sentence_title(whole);
	char *rest = NULL;
	char *title = clause_title(first, &rest);
	if (rest)
		b->title_from = N_("the quoted tweet, cut at a clause");
	free(rest);
	free(first);
	free(whole);
	cut_text(title, 160);
	b->item.title = title;
	set_summary(b, tweet_text);
	free(tweet_text);
	struct link_list quote_links = { 0 };
	collect_links(quote, &quote_links);
	b->item.section = section_path(doc, heading, pseudo_section);
	if (pseudo_section && *pseudo_section)
		builder_add_tag(b, pseudo_section, "section");
	else
		add_section_tag(doc, b, heading);
	set_excerpt(e, b, cmark_node_get_start_line(line), cmark_node_get_end_line(quote));
	finish_item(e, b, &links, NULL, &quote_links, NULL);
	link_list_clear(&quote_links);
	link_list_clear(&links);
	free(text);
	return true;
}
