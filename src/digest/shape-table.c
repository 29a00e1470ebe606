/* Item shape: a table row with links; column roles from the header. */
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

struct table_columns {
	int title, authors, summary, link;
};

static void read_table_header(cmark_node *header, struct table_columns *cols)
{
	cols->title = cols->authors = cols->summary = cols->link = -1;
	int index = 0;
	for (cmark_node *cell = cmark_node_first_child(header); cell;
	     cell = cmark_node_next(cell), index++) {
		char *text = node_text(cell);
		char *norm = normalize_heading(text);
		free(text);
		if (word_find(norm, WORD_COLUMN_TITLE) && cols->title < 0)
			cols->title = index;
		if (word_find(norm, WORD_COLUMN_AUTHORS) && cols->authors < 0)
			cols->authors = index;
		if (word_find(norm, WORD_COLUMN_SUMMARY) && cols->summary < 0)
			cols->summary = index;
		if (word_find(norm, WORD_COLUMN_LINK) && cols->link < 0)
			cols->link = index;
		free(norm);
	}
}

cmark_node *table_cell(cmark_node *row, int index)
{
	if (index < 0)
		return NULL;
	cmark_node *cell = cmark_node_first_child(row);
	for (int i = 0; cell && i < index; i++)
		cell = cmark_node_next(cell);
	return cell;
}

void scan_table(struct engine *e, const struct document *doc, int heading, cmark_node *table)
{
	struct table_columns cols = { -1, -1, -1, -1 };
	for (cmark_node *row = cmark_node_first_child(table); row; row = cmark_node_next(row)) {
		if (is_table_header(row)) {
			read_table_header(row, &cols);
			continue;
		}
		struct link_list links = { 0 };
		collect_links(row, &links);
		char *wikilink = NULL;
		if (count_explicit(&links) == 0) {
			/* A row of notes ("[[page|alias]]") is an item when the table
			 * names its title column and the title says something. */
			cmark_node *named = table_cell(row, cols.title);
			char *row_text = node_text(row);
			wikilink = named ? find_wikilink(row_text) : NULL;
			free(row_text);
			bool placeholder = false;
			char *t = named ? node_text(named) : NULL;
			if (t) {
				trim_spaces(t);
				size_t tl = strlen(t);
				/* "AI", "research", "本文...": a placeholder, not a title. */
				bool one_word = !strchr(t, ' ');
				for (const char *q = t; *q && one_word; q++)
					one_word = (unsigned char)*q < 0x80;
				if (tl < 6 || one_word ||
				    (tl >= 3 && (!strcmp(t + tl - 3, "...") || !strcmp(t + tl - 3, "…")))) {
					placeholder = wikilink != NULL;
					free(wikilink);
					wikilink = NULL;
				}
			}
			free(t);
			if (!wikilink) {
				char *said = node_text(row);
				/* --explain says which: a note row's placeholder title is
				 * not the missing link a user would go looking for */
				explain_skip(e, cmark_node_get_start_line(row),
				             placeholder ? N_("a template's or a test's entry") : N_("a table row without a link"),
				             said);
				free(said);
				link_list_clear(&links);
				continue;
			}
		}
		if (!wikilink) {
			char *row_text = node_text(row);
			wikilink = find_wikilink(row_text);
			free(row_text);
		}
		struct item_builder *b = new_item(e, (size_t)cmark_node_get_start_line(row));
		b->rule = N_("table row");
		b->title_from = cols.title >= 0 ? N_("the title column") : N_("the first cell with a link");
		/* Title: the title column, else the cell holding the first link. */
		cmark_node *title_cell = table_cell(row, cols.title);
		if (!title_cell) {
			for (cmark_node *cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell)) {
				struct link_list cell_links = { 0 };
				collect_links(cell, &cell_links);
				bool has = count_explicit(&cell_links) > 0;
				link_list_clear(&cell_links);
				if (has) {
					title_cell = cell;
					break;
				}
			}
		}
		char *title = title_cell ? node_text(title_cell) : xstrdup("");
		if (is_link_label(title)) {
			free(title);
			title = xstrdup("");
		}
		b->item.title = clean_copy(title);
		free(title);
		cmark_node *authors = table_cell(row, cols.authors);
		if (authors) {
			char *text = node_text(authors);
			b->item.authors = clean_copy(text);
			free(text);
		}
		cmark_node *summary = table_cell(row, cols.summary);
		if (summary) {
			char *text = node_text(summary);
			set_summary(b, text);
			free(text);
		} else {
			char *text = node_text(row);
			set_summary(b, text);
			free(text);
		}
		/* The title cell's links first: the row is about them. */
		struct link_list title_links = { 0 };
		cmark_node *link_cell = table_cell(row, cols.link);
		if (link_cell)
			collect_links(link_cell, &title_links);
		if (title_cell)
			collect_links(title_cell, &title_links);
		b->item.section = section_path(doc, heading, NULL);
		add_section_tag(doc, b, heading);
		/* A row's excerpt is the header and the row, so it still reads as a table. */
		cmark_node *header = cmark_node_first_child(table);
		struct strbuf md;
		strbuf_init(&md);
		if (header && is_table_header(header)) {
			char *head = excerpt(e, cmark_node_get_start_line(header),
			                     cmark_node_get_start_line(header) + 1);
			strbuf_puts(&md, head);
			strbuf_putc(&md, '\n');
			free(head);
		}
		char *line = excerpt(e, cmark_node_get_start_line(row), cmark_node_get_start_line(row));
		strbuf_puts(&md, line);
		free(line);
		b->item.markdown = strbuf_detach(&md);
		finish_item(e, b, &title_links, NULL, &links, wikilink);
		free(wikilink);
		link_list_clear(&title_links);
		link_list_clear(&links);
	}
}
