/* The :sources page: every source with its last success, error and items. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui/internal.h"
#include "xalloc.h"

/* The configured sources in config order, then the cache's others (as
 * `radar sources` lists them), each with its last success, error and items. */
void ui_load_sources(struct ui *ui)
{
	text_view_clear(&ui->sources);
	struct source_row *rows = NULL;
	size_t count = 0;
	char *error = NULL;
	if (ui->store && store_list_sources(ui->store, &rows, &count, &error) != 0) {
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
			text_view_add(&ui->sources,
			                 xasprintf(_("  last success: %s; %lld items (%lld unread) in %lld digests\n"),
			                           row->last_ok ? row->last_ok : _("never"), (long long)row->items,
			                           (long long)row->unread, (long long)row->digests));
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
