/* `radar digests`: the stored digests, newest first. */
#include <config.h>

#include "commands.h"
#include "cli/internal.h"

#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>

#include "hyperlink.h"
#include "i18n.h"
#include "json.h"
#include "store.h"

/* ---------------------------------------------------------------- digests */

static void print_digest_row(struct strbuf *sb, const struct digest_row *row, bool json, int columns)
{
	if (json) {
		bool first = true;
		strbuf_putc(sb, '{');
		json_member_int(sb, &first, "id", row->id);
		cli_json_clean_member(sb, &first, "date", row->date);
		json_member_int(sb, &first, "items", row->item_count);
		cli_json_clean_member(sb, &first, "source", row->source);
		cli_json_clean_member(sb, &first, "title", row->title);
		cli_json_clean_member(sb, &first, "location", row->location);
		cli_json_clean_member(sb, &first, "description", row->description);
		strbuf_puts(sb, "}\n");
		return;
	}
	char day[11];
	cli_day_of(row->date, day);
	size_t start = sb->len;
	strbuf_printf(sb, "%4" PRId64 " %s %5d  ", row->id, day, row->item_count);
	char *source = cli_clean_or_null(row->source ? row->source : "");
	char *fitted_source = text_fit(source, 12);
	strbuf_puts(sb, fitted_source);
	strbuf_putc(sb, ' ');
	free(fitted_source);
	free(source);
	/* A digest that gave no item is one radar could not read (or an
	 * index such as a folder's README.md): say so where it is seen. */
	if (row->item_count == 0) {
		/* TRANSLATORS: marks a digest in `radar digests` that gave no item. */
		strbuf_puts(sb, _("[no items]"));
		strbuf_putc(sb, ' ');
	}
	int used = text_width(sb->data + start);
	int room = columns > 0 ? columns - used : INT_MAX / 2;
	if (room < 8)
		room = 8;
	char *title = cli_clean_or_null(row->title ? row->title : "");
	int width = 0;
	char *fitted = text_truncate(title, room, &width);
	strbuf_puts(sb, fitted);
	strbuf_rtrim(sb);
	strbuf_putc(sb, '\n');
	free(fitted);
	free(title);
}

int command_digests(const struct command_context *ctx, int argc, char **argv)
{
	enum { OPT_JSON = 256 };
	static const struct option options[] = {
		{ "json", no_argument, NULL, OPT_JSON },
		{ NULL, 0, NULL, 0 },
	};
	bool json = false;
	optind = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		if (c != OPT_JSON)
			return command_option_error(c, argv);
		json = true;
	}
	if (optind < argc)
		return command_usage_error(_("'digests' takes no arguments ('%s')"), argv[optind]);
	if (cli_need_store(ctx))
		return 1;
	int columns = command_terminal_width();
	struct strbuf sb;
	strbuf_init(&sb);
	int64_t offset = 0;
	for (;;) {
		struct digest_row *rows = NULL;
		size_t count = 0;
		char *error = NULL;
		if (store_list_digests(ctx->store, offset, PAGE_ROWS, &rows, &count, &error) != 0) {
			command_error("%s", error ? error : _("cannot read the cache"));
			free(error);
			strbuf_clear(&sb);
			return 1;
		}
		strbuf_reset(&sb);
		for (size_t i = 0; i < count; i++)
			print_digest_row(&sb, &rows[i], json, columns);
		cli_write_out(&sb);
		digest_rows_free(rows, count);
		if (count < PAGE_ROWS || ferror(stdout))
			break;
		offset += (int64_t)count;
	}
	strbuf_clear(&sb);
	return 0;
}
