/* Item shape: a heading item (numbered, time slot, linked or leaf heading)
 * and the blocks of its section. */
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

void build_heading_item(struct engine *e, struct document *doc, int index)
{
	struct heading *h = &doc->headings[index];
	cmark_node *node = doc->blocks[h->block];
	struct item_builder *b = new_item(e, (size_t)cmark_node_get_start_line(node));
	b->from_heading = true;
	b->rule = h->numbered ? N_("numbered heading") : h->timeslot ? N_("time slot heading")
	          : h->has_link ? N_("heading with a link") : N_("heading at the item level");
	b->title_from = N_("the heading");
	struct link_list heading_links = { 0 }, field_main = { 0 }, links = { 0 };
	char *wikilink = NULL;
	collect_links(node, &heading_links);

	read_item_blocks(doc, b, h->block + 1, h->end, &links, &field_main, &wikilink);
	if (!heading_links.count && wikilink == NULL) {
		char *text = node_text(node);
		wikilink = find_wikilink(text);
		free(text);
	}

	char *title = title_from_heading(h->text);
	size_t slot_length = 0;
	if (h->timeslot && parse_timeslot(title, &slot_length) && title[slot_length] == '\0') {
		/* "00:00-01:00" alone says nothing: add the slot's lead subject. */
		for (size_t i = h->block + 1; i < h->end; i++) {
			if (cmark_node_get_type(doc->blocks[i]) != CMARK_NODE_PARAGRAPH)
				continue;
			char *text = node_text(doc->blocks[i]);
			char *lead = lead_subject(text);
			if (*lead) {
				char *joined = xasprintf("%s %s", title, lead);
				free(title);
				title = joined;
			}
			free(lead);
			free(text);
			break;
		}
	}
	b->item.title = clean_copy(title);
	free(title);
	b->item.section = section_path(doc, h->parent, NULL);
	add_section_tag(doc, b, h->parent);
	int end_line = h->end < doc->block_count
	               ? cmark_node_get_start_line(doc->blocks[h->end]) - 1
	               : (int)e->line_count;
	set_excerpt(e, b, cmark_node_get_start_line(node), end_line);
	finish_item(e, b, &heading_links, &field_main, &links, wikilink);
	free(wikilink);
	link_list_clear(&heading_links);
	link_list_clear(&field_main);
	link_list_clear(&links);
}
