/* Exporting items (`radar export`, the reader's `:export`): a Markdown
 * reading list grouped by kind or by the user's tags, BibTeX (@misc for arXiv papers with
 * eprint/archivePrefix, @online otherwise), JSON with every stored field,
 * or CSV.  The output depends only on the cache and the filter, so the same
 * export twice is byte-identical. */
#ifndef RADAR_EXPORT_H
#define RADAR_EXPORT_H

#include <stdio.h>

#include "store.h"

struct command_context;

#define EXPORT_FORMATS(X) \
	X(MARKDOWN, "markdown") \
	X(BIBTEX, "bibtex") \
	X(JSON, "json") \
	X(CSV, "csv")

enum export_format {
#define EXPORT_ENUM(id, name) EXPORT_##id,
	EXPORT_FORMATS(EXPORT_ENUM)
#undef EXPORT_ENUM
	EXPORT_FORMAT_COUNT
};

/* -1 when NAME is no format. */
int export_format_from_name(const char *name);

/* Write every item FILTER selects, in its sort order, to OUT.  *COUNT (may
 * be NULL) gets how many.  0, or -1 with *ERROR set (caller frees). */
int export_items(struct store *store, const struct item_filter *filter, enum export_format format,
                 FILE *out, long *count, char **error);

/* Write the items ROWS name (COUNT of them, in that order: the reader's
 * visual selection), as export_items does. */
int export_rows(struct store *store, const struct item_row *rows, size_t count,
                enum export_format format, FILE *out, long *exported, char **error);

/* The Markdown reading list's sections: by kind, or by the user's own
 * tags (an item under each of its tags, those without one last). */
enum export_group { EXPORT_GROUP_KIND, EXPORT_GROUP_TAG };
int export_items_grouped(struct store *store, const struct item_filter *filter,
                         enum export_format format, enum export_group group, FILE *out,
                         long *count, char **error);

/* radar export [FILTERS] --format FORMAT [-o FILE] */
int command_export(const struct command_context *ctx, int argc, char **argv);

#endif
