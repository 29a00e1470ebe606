/* digest_parse and digest_clear: the passes over a document, front matter,
 * the digest's title and date, and the walk that hands each block to an
 * item shape. */
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

static void scan_blocks(struct engine *e, struct document *doc)
{
	char *pseudo = NULL;
	int pseudo_heading_index = -2;
	for (size_t b = 0; b < doc->block_count; b++) {
		cmark_node *node = doc->blocks[b];
		int heading = doc->block_heading[b];
		if (cmark_node_get_type(node) == CMARK_NODE_HEADING) {
			/* A heading block is the innermost heading of its own section. */
			int index = doc->block_heading[b];
			if (index >= 0 && doc->headings[index].block == b && doc->headings[index].is_item) {
				build_heading_item(e, doc, index);
				b = doc->headings[index].end - 1;
			} else if (index >= 0 && doc->headings[index].block == b) {
				const struct heading *h = &doc->headings[index];
				explain_skip(e, cmark_node_get_start_line(node),
				             h->toc ? N_("a table of contents, promotion or sponsor section")
				             : h->level < 2 ? N_("the digest's title")
				             : h->container ? N_("a heading that groups the items below it")
				             : N_("a section heading without a link of its own"), h->text);
			}
			free(pseudo);
			pseudo = NULL;
			continue;
		}
		if (heading >= 0 && inside_toc(doc, heading)) {
			if (cmark_node_get_type(node) == CMARK_NODE_LIST || is_table(node))
				explain_skip(e, cmark_node_get_start_line(node),
				             N_("inside a table of contents or promotion"), "");
			continue;
		}
		if (pseudo_heading_index != heading) {
			free(pseudo);
			pseudo = NULL;
			pseudo_heading_index = heading;
		}
		cmark_node_type type = cmark_node_get_type(node);
		if (doc->entry_end[b]) {
			build_entry_item(e, doc, b, doc->entry_end[b], pseudo);
			b = doc->entry_end[b] - 1;
		} else if (type == CMARK_NODE_PARAGRAPH) {
			char *p = pseudo_heading(node);
			if (p) {
				free(pseudo);
				pseudo = p;
			} else if (tweet_excerpt(e, doc, b, pseudo)) {
				b++;    /* the quote belongs to the tweet */
			}
		} else if (type == CMARK_NODE_LIST) {
			scan_list(e, doc, heading, pseudo, node, 0);
		} else if (is_table(node)) {
			scan_table(e, doc, heading, node);
		}
	}
	free(pseudo);
}

/* ------------------------------------------------------------------ */
/* The digest as a whole */

static void add_digest_tag(struct digest_tag **tags, size_t *count, size_t *capacity,
                           struct strset *seen, const char *name, const char *origin)
{
	char *clean = clean_copy(name);
	if (!*clean || !strset_add(seen, clean)) {
		free(clean);
		return;
	}
	*tags = xgrow(*tags, capacity, *count + 1, sizeof **tags);
	(*tags)[*count].name = clean;
	(*tags)[*count].origin = xstrdup(origin);
	(*count)++;
}

/* Whether a front-matter list describes every item (tags, categories,
 * keywords) rather than naming the digest's subjects (companies, people). */
static bool describes_every_item(const char *key)
{
	return strcmp(key, "tags") == 0 || strcmp(key, "categories") == 0 ||
	       strcmp(key, "keywords") == 0;
}

static void read_front_matter(struct digest *out, const char *doc, size_t len, size_t *body_start,
                              char **url)
{
	size_t yaml_start, yaml_len;
	*body_start = 0;
	if (!frontmatter_locate(doc, len, &yaml_start, &yaml_len, body_start))
		return;
	struct frontmatter fm;
	char *error = NULL;
	if (frontmatter_parse(doc + yaml_start, yaml_len, &fm, &error) != 0) {
		out->warning = error;
		return;
	}
	if (fm.title)
		out->title = clean_copy(fm.title);
	if (fm.description)
		out->description = clean_copy(fm.description);
	*url = fm.url ? xstrdup(fm.url) : NULL;
	if (fm.date) {
		char iso[DATE_ISO_MAX];
		if (date_parse(fm.date, iso))
			out->date = xstrdup(iso);
	}
	size_t capacity = 0, entity_capacity = 0;
	struct strset seen, seen_entities;
	strset_init(&seen);
	strset_init(&seen_entities);
	for (size_t i = 0; i < fm.tag_count; i++) {
		char *origin = xasprintf("frontmatter:%s", fm.tag_origins[i]);
		if (describes_every_item(fm.tag_origins[i]))
			add_digest_tag(&out->tags, &out->tag_count, &capacity, &seen, fm.tags[i], origin);
		else
			add_digest_tag(&out->entities, &out->entity_count, &entity_capacity,
			               &seen_entities, fm.tags[i], origin);
		free(origin);
	}
	strset_clear(&seen);
	strset_clear(&seen_entities);
	if (fm.json)
		out->frontmatter_json = xstrdup(fm.json);
	frontmatter_clear(&fm);
}

static char *file_title_fallback(const char *name)
{
	if (!name)
		return NULL;
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	char *title = xstrdup(base);
	char *dot = strrchr(title, '.');
	if (dot && dot != title)
		*dot = '\0';
	return title;
}

int digest_parse(const char *bytes, size_t len, const char *name, struct digest *out, char **error)
{
	return digest_parse_explained(bytes, len, name, out, error, NULL);
}

int digest_parse_explained(const char *bytes, size_t len, const char *name, struct digest *out,
                           char **error, char **explain)
{
	memset(out, 0, sizeof *out);
	*error = NULL;
	if (explain)
		*explain = NULL;
	if (len > DIGEST_MAX_BYTES) {
		*error = xasprintf(_("too large (%zu MB, limit %zu MB)"), len >> 20,
		                   DIGEST_MAX_BYTES >> 20);
		return -1;
	}
	char *text = text_sanitize(bytes, len);
	size_t text_len = strlen(text);
	size_t body_start;
	char *own_url = NULL;
	read_front_matter(out, text, text_len, &body_start, &own_url);
	self_site_begin(name, own_url);
	link_memo_begin();
	free(own_url);

	struct engine e = { 0 };
	if (explain)
		explain_begin(&e);
	for (size_t i = 0; i < body_start; i++)
		e.line_base += text[i] == '\n';
	char *body = tables_joined(text + body_start, text_len - body_start);
	e.body = body;
	e.body_len = strlen(body);
	e.digest = out;
	size_t line_capacity = 0;
	e.line_offsets = xgrow(NULL, &line_capacity, 1, sizeof *e.line_offsets);
	e.line_offsets[e.line_count++] = 0;
	for (size_t i = 0; i < e.body_len; i++) {
		if (e.body[i] == '\n' && i + 1 < e.body_len) {
			e.line_offsets = xgrow(e.line_offsets, &line_capacity, e.line_count + 1,
			                       sizeof *e.line_offsets);
			e.line_offsets[e.line_count++] = i + 1;
		}
	}

	enum markdown_status parsed;
	cmark_node *root = markdown_parse(e.body, e.body_len, &parsed);
	if (!root) {
		self_site_end();
		link_memo_end();
		free(e.line_offsets);
		free(body);
		free(text);
		if (explain)
			free(explain_finish(&e));
		digest_clear(out);
		*error = parsed == MARKDOWN_CANCELLED
		         ? xstrdup(_("cancelled"))
		         : xasprintf(_("too complex to read (its Markdown would take more than %zu MB)"),
		                     MARKDOWN_MAX_ALLOC >> 20);
		return -1;
	}
	self_site_learn(root);
	struct document doc = { 0 };
	size_t block_capacity = 0;
	for (cmark_node *node = cmark_node_first_child(root); node; node = cmark_node_next(node)) {
		doc.blocks = xgrow(doc.blocks, &block_capacity, doc.block_count + 1, sizeof *doc.blocks);
		doc.blocks[doc.block_count++] = node;
	}
	build_sections(&doc);

	/* Title: front matter, then the first level-1 heading, then the file name. */
	for (size_t i = 0; i < doc.heading_count && !out->title; i++)
		if (doc.headings[i].level == 1)
			out->title = xstrdup(doc.headings[i].text);
	if (!out->title) {
		char *fallback = file_title_fallback(name);
		out->title = clean_copy(fallback ? fallback : "");
		free(fallback);
	}
	/* A title is a line, whatever the front matter says (it is printed
	 * with every "Mentioned in"). */
	cut_text(out->title, TITLE_MAX_BYTES);
	/* So is the description, like a summary: a 10 MB one is no description. */
	if (out->description)
		cut_text(out->description, SUMMARY_MAX_BYTES);
	if (!out->date) {
		char iso[DATE_ISO_MAX];
		if (date_find(out->title, iso) || (name && date_find(name, iso)))
			out->date = xstrdup(iso);
	}
	if (!out->description) {
		/* A "> 涵盖 45 条" banner or an intro paragraph describes the digest. */
		for (size_t i = 0; i < doc.block_count && i < 6; i++) {
			cmark_node_type t = cmark_node_get_type(doc.blocks[i]);
			if (t == CMARK_NODE_HEADING)
				continue;
			if (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_BLOCK_QUOTE) {
				char *desc = node_text(doc.blocks[i]);
				char *clean = clean_copy(desc);
				free(desc);
				if (strlen(clean) > 8 && !strstr(clean, "](")) {
					cut_text(clean, SUMMARY_MAX_BYTES);
					out->description = clean;
					break;
				}
				free(clean);
			}
			if (t == CMARK_NODE_LIST || t == CMARK_NODE_THEMATIC_BREAK)
				break;
		}
	}

	classify_headings(&doc);
	scan_blocks(&e, &doc);
	assign_credits(&e, &doc);
	merge_duplicates(&e);
	if (explain)
		*explain = explain_finish(&e);
	self_site_end();
	link_memo_end();

	out->items = xcalloc(e.item_count ? e.item_count : 1, sizeof *out->items);
	for (size_t i = 0; i < e.item_count; i++) {
		out->items[i] = e.items[i].item;
		builder_clear(&e.items[i]);
		if (!out->items[i].section)
			out->items[i].section = xstrdup("");
	}
	out->item_count = e.item_count;

	free(e.items);
	free(e.line_offsets);
	for (size_t i = 0; i < doc.heading_count; i++) {
		free(doc.headings[i].text);
		free(doc.headings[i].norm);
	}
	free(doc.headings);
	free(doc.blocks);
	free(doc.block_heading);
	free(doc.entry_end);
	cmark_node_free(root);
	free(body);
	free(text);
	return 0;
}

void digest_clear(struct digest *digest)
{
	if (!digest)
		return;
	free(digest->title);
	free(digest->date);
	free(digest->description);
	free(digest->frontmatter_json);
	free(digest->warning);
	for (size_t i = 0; i < digest->tag_count; i++) {
		free(digest->tags[i].name);
		free(digest->tags[i].origin);
	}
	free(digest->tags);
	for (size_t i = 0; i < digest->entity_count; i++) {
		free(digest->entities[i].name);
		free(digest->entities[i].origin);
	}
	free(digest->entities);
	for (size_t i = 0; i < digest->item_count; i++)
		free_item(&digest->items[i]);
	free(digest->items);
	memset(digest, 0, sizeof *digest);
}
