/* The :sources page: every source with its last success, error and items. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "sources.h"
#include "ui/internal.h"
#include "xalloc.h"

/* Digests that gave no item (one radar cannot read, or a folder's
 * README.md index), so that a user notices them. */
static void add_empty_digests(struct ui *ui)
{
	enum { PAGE = 500 };
	bool heading = false;
	for (int64_t offset = 0; ui->store; offset += PAGE) {
		struct digest_row *rows = NULL;
		size_t count = 0;
		char *error = NULL;
		if (store_list_digests(ui->store, offset, PAGE, &rows, &count, &error) != 0) {
			ui_store_failed(ui, error);
			return;
		}
		for (size_t i = 0; i < count; i++) {
			if (rows[i].item_count != 0)
				continue;
			if (!heading) {
				text_view_add(&ui->sources, xstrdup(""));
				text_view_add(&ui->sources,
				              xstrdup(_("Digests with no item (see 'radar digests'):")));
				heading = true;
			}
			text_view_add(&ui->sources, xasprintf("  %s  %s", rows[i].source ? rows[i].source : "-",
			                                      rows[i].location));
		}
		digest_rows_free(rows, count);
		if (count < PAGE)
			return;
	}
}

/* The configured sources in config order, then the cache's others (as
 * `radar sources` lists them), each with its last success, error and items. */
void ui_load_sources(struct ui *ui)
{
	text_view_clear(&ui->sources);
	struct source_row *rows = NULL;
	size_t count = 0;
	char *error = NULL;
	/* An inventory, as `radar sources` and `radar digests` are: every item
	 * a source gave, boilerplate too (the tag pane's source rows, which
	 * open lists, count what those lists show instead). */
	if (ui->store && store_list_sources(ui->store, true, &rows, &count, &error) != 0) {
		ui_store_failed(ui, error);
		rows = NULL;
		count = 0;
	}
	const struct source_list *configured = &ui->config.sources;
	bool *listed = xcalloc(count ? count : 1, sizeof *listed);
	for (size_t i = 0; i < configured->count + count; i++) {
		const struct source *source = NULL;
		const struct source_row *row = NULL;
		if (i < configured->count) {
			source = &configured->sources[i];
			for (size_t k = 0; k < count; k++)
				if (strcmp(rows[k].name, source->name) == 0) {
					row = &rows[k];
					listed[k] = true;
				}
		} else {
			size_t k = i - configured->count;
			if (listed[k])
				continue;
			row = &rows[k];
		}
		const char *location = source ? source->location : row->location;
		text_view_add(&ui->sources, xasprintf("%s  %s", source ? source->name : row->name,
		                                          location ? location : "-"));
		if (row) {
			text_view_add(&ui->sources, source_row_summary(row, source != NULL));
			if (row->last_error)
				text_view_add(&ui->sources, xasprintf(_("  last error: %s\n"), row->last_error));
		} else {
			text_view_add(&ui->sources, xstrdup(_("  not refreshed yet")));
		}
		if (!source)
			text_view_add(&ui->sources, xstrdup(_("  not in the config file")));
	}
	free(listed);
	source_rows_free(rows, count);
	if (ui->sources.count == 0)
		text_view_add(&ui->sources, xstrdup(_("  not refreshed yet")));
	add_empty_digests(ui);
}


void ui_open_sources(struct ui *ui)
{
	ui_load_sources(ui);
	ui->sources_view = true;
	ui->sources.scroll = 0;
}

void ui_close_sources(struct ui *ui)
{
	text_view_clear(&ui->sources);
}
