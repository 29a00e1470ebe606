/* Item shape: a link bullet (a list item whose first paragraph holds a
 * link); nested bullets are its details. */
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

/* A marker before a bullet's link ("NEW", "HOT", "[UPDATE]", "🆕"): not a
 * name, so the link after it is the title. */
static bool is_badge(const char *text)
{
	char *t = xstrdup(text);
	trim_decoration(t);
	size_t len = strlen(t);
	while (len && strchr(":!：", t[len - 1]))
		t[--len] = '\0';
	bool badge = len == 0;
	if (!badge && len > 2 && t[0] == '[' && t[len - 1] == ']' && len <= 14)
		memmove(t, t + 1, len -= 2), t[len] = '\0';
	if (!badge && len >= 2 && len <= 10) {
		badge = true;
		for (const char *c = t; *c && badge; c++)
			badge = isupper((unsigned char)*c) || *c == ' ';
	}
	free(t);
	return badge;
}

/* "Hot: ", "Paper: ", "速報：" before a bullet's link: one short word and
 * a colon label the link, which is the name.  Returns the word (callers
 * free) or NULL. */
static char *colon_badge(const char *text)
{
	char *t = xstrdup(text);
	trim_spaces(t);
	size_t len = strlen(t);
	bool colon = false;
	if (len && t[len - 1] == ':')
		t[--len] = '\0', colon = true;
	else if (len >= 3 && strcmp(t + len - 3, "：") == 0)
		t[len -= 3] = '\0', colon = true;
	bool word = colon && len >= 2 && len <= 12;
	for (const char *c = t; word && *c; c++)
		word = !isspace((unsigned char)*c) && !isdigit((unsigned char)*c) && !strchr("[]()*_`", *c);
	if (!word) {
		free(t);
		return NULL;
	}
	return t;
}

/* Whether C is followed by a link, spaces aside. */
static bool link_follows(cmark_node *c)
{
	for (c = cmark_node_next(c); c; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		if (t == CMARK_NODE_LINK)
			return true;
		if (t != CMARK_NODE_TEXT)
			return false;
		for (const char *l = cmark_node_get_literal(c); *l; l++)
			if (!isspace((unsigned char)*l))
				return false;
	}
	return false;
}

/* The title of a link bullet: a leading **bold** (not a category marker
 * like **[产品]**, which becomes a tag), the leading link's text when that
 * is a name, else the bullet's own sentence without its credit links.
 * *SENTENCE is set when the title is the sentence. */
static char *bullet_title(cmark_node *paragraph, struct item_builder *b, const struct link_list *links,
                          bool *sentence)
{
	char *title = NULL;
	cmark_node *c = cmark_node_first_child(paragraph);
	*sentence = false;
	for (; c && !title; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		if (t == CMARK_NODE_TEXT) {
			char *lit = xstrdup(cmark_node_get_literal(c));
			trim_decoration(lit);
			bool blank = *lit == '\0';
			free(lit);
			if (blank || (is_badge(cmark_node_get_literal(c)) && link_follows(c)))
				continue;
			char *badge = link_follows(c) ? colon_badge(cmark_node_get_literal(c)) : NULL;
			if (badge) {
				builder_add_tag(b, badge, "category");
				free(badge);
				continue;
			}
			break;
		}
		if (t == CMARK_NODE_STRONG) {
			char *text = node_text(c);
			trim_spaces(text);
			if (is_badge(text) && link_follows(c)) {
				free(text);
				continue;
			}
			size_t len = strlen(text);
			if (len > 2 && text[0] == '[' && text[len - 1] == ']' && !strchr(text + 1, '[')) {
				text[len - 1] = '\0';
				builder_add_tag(b, text + 1, "category");
				free(text);
				continue;
			}
			strip_colon(text);
			if (is_link_label(text)) {
				free(text);
				break;
			}
			title = text;
			break;
		}
		if (t == CMARK_NODE_LINK) {
			char *text = node_text(c);
			if (!is_link_label(text))
				title = text;
			else
				free(text);
			break;
		}
		break;
	}
	if (!title && c) {
		char *said = text_without_labels(c);
		if (*said) {
			title = sentence_title(said);
			*sentence = true;
		}
		free(said);
	}
	if (!title && links->count && !links->links[0].derived && !is_link_label(links->links[0].text))
		title = xstrdup(links->links[0].text);
	return title;
}

/* What follows the title in a bullet: "— text", ": text". */
char *bullet_summary(const char *text, const char *title)
{
	const char *rest = text;
	if (title && *title) {
		const char *found = strstr(text, title);
		if (found)
			rest = found + strlen(title);
	}
	for (;;) {
		while (*rest == ' ' || *rest == '*')
			rest++;
		/* "(Activity: 459): summary": a short parenthetical note before the
		 * colon is metadata, not the summary. */
		const char *close = *rest == '(' ? strchr(rest, ')') : NULL;
		if (close && close - rest < 40) {
			const char *after = close + 1;
			while (*after == ' ')
				after++;
			if (*after == ':' || starts_with(after, "：")) {
				rest = after;
				continue;
			}
		}
		if (*rest == ':' || *rest == '-' || *rest == '|' || *rest == ')')
			rest++;
		else if (starts_with(rest, "—") || starts_with(rest, "：") || starts_with(rest, "–"))
			rest += 3;
		else
			break;
	}
	return xstrdup(rest);
}

static bool first_paragraph_has_link(cmark_node *list_item, cmark_node **paragraph)
{
	cmark_node *first = cmark_node_first_child(list_item);
	if (!first || cmark_node_get_type(first) != CMARK_NODE_PARAGRAPH)
		return false;
	*paragraph = first;
	struct link_list links = { 0 };
	collect_links(first, &links);
	bool has = count_explicit(&links) > 0;
	link_list_clear(&links);
	if (!has) {
		char *text = node_text(first);
		char *wiki = find_wikilink(text);
		has = wiki && starts_with(text, "[[");
		free(wiki);
		free(text);
	}
	return has;
}

/* Navigation pages never become items on their own. */
static bool is_navigation_url(const char *url)
{
	static const char *const pages[] = {
		"https://github.com/trending", "https://github.com/explore", "https://github.com/topics",
	};
	for (size_t i = 0; i < sizeof pages / sizeof *pages; i++)
		if (starts_with(url, pages[i]))
			return true;
	return false;
}

/* Whether LIST_ITEM's nested bullets are all cross-references ("See also:
 * [x](…)"): then it is the item, they are its links. */
static bool has_only_references(cmark_node *list_item)
{
	size_t n = 0;
	for (cmark_node *c = cmark_node_first_child(list_item); c; c = cmark_node_next(c)) {
		if (cmark_node_get_type(c) != CMARK_NODE_LIST)
			continue;
		for (cmark_node *li = cmark_node_first_child(c); li; li = cmark_node_next(li), n++) {
			cmark_node *first = cmark_node_first_child(li);
			if (!first || cmark_node_get_type(first) != CMARK_NODE_PARAGRAPH)
				return false;
			char *text = node_text(first);
			bool see = is_see_also(text);
			free(text);
			if (!see)
				return false;
		}
	}
	return n > 0;
}

/* "- See also: [x](…), [y](…)" on its own: a cross-reference label and
 * nothing but links after it points at other things, it names none. */
static bool is_reference_bullet(cmark_node *paragraph)
{
	cmark_node *c = cmark_node_first_child(paragraph);
	if (!c || cmark_node_get_type(c) != CMARK_NODE_TEXT)
		return false;
	char *label = xstrdup(cmark_node_get_literal(c));
	trim_spaces(label);
	size_t len = strlen(label);
	bool labelled = len && is_see_also(label) &&
	                (label[len - 1] == ':' || (len >= 3 && strcmp(label + len - 3, "：") == 0));
	free(label);
	if (!labelled)
		return false;
	bool links = false;
	for (c = cmark_node_next(c); c; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		if (t == CMARK_NODE_LINK) {
			links = true;
			continue;
		}
		if (t != CMARK_NODE_TEXT)
			return false;
		char *between = xstrdup(cmark_node_get_literal(c));
		trim_spaces(between);
		bool joiner = strlen(between) <= 5;
		free(between);
		if (!joiner)
			return false;
	}
	return links;
}

static void build_bullet_item(struct engine *e, const struct document *doc, int heading,
                              const char *pseudo_section, cmark_node *list_item,
                              cmark_node *paragraph, bool references_only)
{
	struct link_list first_links = { 0 }, links = { 0 }, field_main = { 0 };
	collect_links(paragraph, &first_links);
	if (first_links.count && count_explicit(&first_links) == first_links.count &&
	    first_links.count == 1 && is_navigation_url(first_links.links[0].url)) {
		link_list_clear(&first_links);
		return;
	}
	char *said = node_text(paragraph);
	bool reference = is_reference_bullet(paragraph);
	bool not_item = reference || is_promo(said, &first_links) || is_nav_label(said);
	free(said);
	if (not_item) {
		char *t = node_text(paragraph);
		explain_skip(e, cmark_node_get_start_line(list_item),
		             reference ? N_("a cross-reference to other things (see also)")
		             : is_nav_label(t) ? N_("navigation") : N_("a promotion"), t);
		free(t);
		link_list_clear(&first_links);
		return;
	}
	struct item_builder *b = new_item(e, (size_t)cmark_node_get_start_line(list_item));
	b->rule = references_only ? N_("a bullet with cross-references") : N_("link bullet");
	b->references_only = references_only;
	collect_links(list_item, &links);
	char *wikilink = NULL;
	char *text = node_text(paragraph);
	wikilink = find_wikilink(text);
	bool sentence;
	char *title = bullet_title(paragraph, b, &first_links, &sentence);
	b->title_from = sentence ? N_("its own sentence") : N_("its bold lead or leading link");
	if (!title && wikilink) {
		title = xstrdup(wikilink);
		b->title_from = N_("its wiki link");
	}
	/* A long sentence is no title: its first clauses are, the rest is
	 * the summary. */
	char *rest = NULL;
	if (sentence && title) {
		char *head = clause_title(title, &rest);
		free(title);
		title = head;
		if (rest)
			b->title_from = N_("its own sentence, cut at a clause");
	}
	b->item.title = clean_copy(title ? title : "");
	/* What the title leaves, without the credit links ("[来源-x](…)"). */
	free(text);
	text = text_without_labels(cmark_node_first_child(paragraph));
	char *spaced = title ? xstrdup(title) : NULL;
	if (spaced) {
		collapse_spaces(spaced);
		trim_spaces(spaced);
	}
	char *summary = rest ? rest : bullet_summary(text, spaced);
	free(spaced);
	set_summary(b, summary);
	free(summary);
	free(title);
	free(text);
	if (paragraph_is_fields(paragraph))
		apply_fields(b, paragraph, &field_main);
	/* Nested bullets and quotes are details of this item; their fields
	 * and hashtags still describe it. */
	for (cmark_node *c = cmark_node_next(paragraph); c; c = cmark_node_next(c)) {
		if (cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH) {
			char *t = node_text(c);
			if (paragraph_is_fields(c))
				apply_fields(b, c, &field_main);
			else
				apply_hashtags(b, t);
			free(t);
		}
	}
	b->item.section = section_path(doc, heading, pseudo_section);
	if (pseudo_section && *pseudo_section)
		builder_add_tag(b, pseudo_section, "section");
	else
		add_section_tag(doc, b, heading);
	set_excerpt(e, b, cmark_node_get_start_line(list_item), cmark_node_get_end_line(list_item));
	/* First-paragraph links come first: the bullet is about them. */
	finish_item(e, b, &first_links, &field_main, &links, wikilink);
	free(wikilink);
	link_list_clear(&first_links);
	link_list_clear(&links);
	link_list_clear(&field_main);
}

/* A bullet that is one link and nothing else, to a site or a profile. */
static bool is_site_bullet(cmark_node *li)
{
	cmark_node *paragraph = cmark_node_first_child(li);
	if (!paragraph || cmark_node_next(paragraph) ||
	    cmark_node_get_type(paragraph) != CMARK_NODE_PARAGRAPH)
		return false;
	cmark_node *link = cmark_node_first_child(paragraph);
	while (link && cmark_node_get_type(link) == CMARK_NODE_STRONG)
		link = cmark_node_first_child(link);
	if (!link || cmark_node_get_type(link) != CMARK_NODE_LINK || cmark_node_next(link) ||
	    cmark_node_next(cmark_node_first_child(paragraph)))
		return false;
	const char *url = cmark_node_get_url(link);
	char *label = node_text(link);
	bool site = url && is_site_url(url, label);
	free(label);
	return site;
}

/* A footer: a list of two or more bare links to sites and profiles ("Home",
 * "Twitter", "GitHub") after which the document lists nothing more. */
static bool is_footer_list(const struct document *doc, cmark_node *list)
{
	size_t n = 0;
	for (cmark_node *li = cmark_node_first_child(list); li; li = cmark_node_next(li), n++)
		if (!is_site_bullet(li))
			return false;
	if (n < 2)
		return false;
	size_t b = 0;
	while (b < doc->block_count && doc->blocks[b] != list)
		b++;
	if (b == doc->block_count)
		return false;
	for (b++; b < doc->block_count; b++)
		if (cmark_node_get_type(doc->blocks[b]) == CMARK_NODE_LIST || is_table(doc->blocks[b]))
			return false;
	return true;
}

void scan_list(struct engine *e, const struct document *doc, int heading,
                      const char *pseudo_section, cmark_node *list, int depth)
{
	if (depth > MAX_LIST_DEPTH)
		return;
	if (depth == 0 && is_footer_list(doc, list)) {
		char *t = node_text(list);
		explain_skip(e, cmark_node_get_start_line(list), N_("a footer of site and profile links"), t);
		free(t);
		return;
	}
	/* A list of fields ("Summary:", "Source:") describes the entry above;
	 * the links in its nested bullets are details, not items. */
	bool fields = false;
	for (cmark_node *li = cmark_node_first_child(list); li && !fields; li = cmark_node_next(li))
		fields = bullet_is_field(cmark_node_first_child(li));
	for (cmark_node *li = cmark_node_first_child(list); li; li = cmark_node_next(li)) {
		cmark_node *paragraph = NULL;
		if (bullet_is_field(cmark_node_first_child(li))) {
			/* a field of what is above, not an item */
			char *t = node_text(li);
			explain_skip(e, cmark_node_get_start_line(li), N_("a field of the item above"), t);
			free(t);
			continue;
		}
		if (first_paragraph_has_link(li, &paragraph)) {
			build_bullet_item(e, doc, heading, pseudo_section, li, paragraph, false);
			continue;
		}
		/* "- A story told in prose" with "  - See also: [x](…)" below: the
		 * story is the item, not the reference. */
		if (paragraph && !fields && has_only_references(li)) {
			build_bullet_item(e, doc, heading, pseudo_section, li, paragraph, true);
			continue;
		}
		if (depth == 0) {
			char *t = node_text(li);
			explain_skip(e, cmark_node_get_start_line(li),
			             fields ? N_("details of the entry above")
			             : has_self_link(paragraph) ? N_("a link back to the digest's own site")
			             : N_("a bullet without a link"), t);
			free(t);
		}
		/* A label bullet ("- **Papers**") may hold link bullets. */
		char *label = NULL;
		if (paragraph) {
			label = node_text(paragraph);
			collapse_spaces(label);
			trim_spaces(label);
			strip_colon(label);
			if (strlen(label) > 60)
				label[0] = '\0';
		}
		for (cmark_node *c = cmark_node_first_child(li); c && !fields; c = cmark_node_next(c))
			if (cmark_node_get_type(c) == CMARK_NODE_LIST)
				scan_list(e, doc, heading, label && *label ? label : pseudo_section, c,
				          depth + 1);
		free(label);
	}
}

/* Which column of a table holds what, from its header. */
