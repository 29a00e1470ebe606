/* `radar ls [QUERY…]`: the item list, paged from the cache; the filter options and
 * the query words ls shares with export. */
#include <config.h>

#include "commands.h"
#include "cli/internal.h"

#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "hyperlink.h"
#include "i18n.h"
#include "json.h"
#include "query.h"
#include "options.h"
#include "store.h"
#include "xalloc.h"

/* ---------------------------------------------------------------- ls */

/* The kind names themselves (as --kind takes them), padded to the longest. */
static int kind_column_width(void)
{
	int width = 0;
	for (int k = 0; k < KIND_COUNT; k++) {
		int w = (int)strlen(kind_name((enum item_kind)k));
		if (w > width)
			width = w;
	}
	return width;
}

static int digits(long long n)
{
	int d = 1;
	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}


struct ls_layout {
	bool json;
	bool hot;           /* --sort hot: the count shown is the window's (store/hot.c) */
	int id_width;
	int columns;        /* 0: do not truncate */
};

static void print_item_row(struct strbuf *sb, const struct item_row *row, const struct ls_layout *layout)
{
	if (layout->json) {
		bool first = true;
		strbuf_putc(sb, '{');
		json_member_int(sb, &first, "id", row->id);
		cli_json_clean_member(sb, &first, "key", row->key);
		json_member_string(sb, &first, "kind", kind_name(row->kind));
		cli_json_clean_member(sb, &first, "title", row->title);
		cli_json_clean_member(sb, &first, "url", row->url);
		cli_json_clean_member(sb, &first, "date", row->date);
		json_member_bool(sb, &first, "read", row->read);
		json_member_bool(sb, &first, "starred", row->starred);
		json_member_int(sb, &first, "mentions", row->mentions);
		cli_json_clean_member(sb, &first, "source", row->source);
		cli_json_clean_member(sb, &first, "first_seen", row->first_seen);
		if (layout->hot)
			json_member_int(sb, &first, "hot", row->hot);
		strbuf_puts(sb, "}\n");
		return;
	}
	char day[11];
	cli_day_of(row->date, day);
	char mentions[16] = "";
	int seen = layout->hot ? row->hot : row->mentions;
	if (seen > (layout->hot ? 0 : 1))
		snprintf(mentions, sizeof mentions, "x%d", seen);
	size_t start = sb->len;
	strbuf_printf(sb, "%*" PRId64 " %s %-*s %c %-3s ", layout->id_width, row->id, day,
	              kind_column_width(), kind_name(row->kind), row->starred ? '*' : ' ', mentions);
	int used = (int)(sb->len - start);
	int room = layout->columns > 0 ? layout->columns - used : INT_MAX / 2;
	if (room < 8)
		room = 8;
	char *title = text_clean(row->title ? row->title : "", row->title ? strlen(row->title) : 0);
	int width = 0;
	char *fitted = text_truncate(title, room, &width);
	strbuf_puts(sb, fitted);
	strbuf_rtrim(sb);
	strbuf_putc(sb, '\n');
	free(fitted);
	free(title);
}


int command_filter_option(int c, const char *arg, struct item_filter *filter, char *since)
{
	switch (c) {
	case FILTER_OPT_KIND:
		filter->kind = kind_from_name(arg);
		if (filter->kind < 0) {
			struct strbuf kinds;
			strbuf_init(&kinds);
			for (int k = 0; k < KIND_COUNT; k++)
				strbuf_printf(&kinds, "%s%s", k ? ", " : "", kind_name((enum item_kind)k));
			command_usage_error(_("unknown kind '%s' (kinds: %s)"), arg, kinds.data);
			strbuf_clear(&kinds);
			return 2;
		}
		return 0;
	case FILTER_OPT_TAG:
		if (!*arg)
			return command_usage_error(_("--tag needs a tag name"));
		filter->tag = arg;
		return 0;
	case FILTER_OPT_SOURCE:
		if (!*arg)
			return command_usage_error(_("--source needs a source name"));
		filter->source = arg;
		return 0;
	case FILTER_OPT_UNREAD:
		filter->unread_only = true;
		return 0;
	case FILTER_OPT_STARRED:
		filter->starred_only = true;
		return 0;
	case FILTER_OPT_ALL:
		filter->with_boilerplate = true;
		return 0;
	case FILTER_OPT_SEARCH:
		if (!*arg)
			return command_usage_error(_("--search needs a query"));
		filter->search = arg;
		return 0;
	case FILTER_OPT_SINCE:
		if (!date_parse(arg, since))
			return command_usage_error(_("--since: '%s' is not a date (use YYYY-MM-DD)"), arg);
		filter->since = since;
		return 0;
	case FILTER_OPT_SORT:
		if (sort_from_name(arg) < 0)
			return command_usage_error(_("--sort: '%s' is not newest, mentions, title or hot"), arg);
		filter->sort = (enum item_sort)sort_from_name(arg);
		return 0;
	default:
		return 1;
	}
}

/* Whether ARG, after PREVIOUS, is a negated query term (-word, -tag:X)
 * rather than an option: one dash, and not a short option of SHORT nor
 * the value a long option before it waits for. */
static bool is_negated_term(const char *arg, const char *previous, const struct option *options,
                            const char *short_options)
{
	if (arg[0] != '-' || !arg[1] || arg[1] == '-')
		return false;
	if (strchr(short_options, arg[1]))
		return false;
	if (previous && previous[0] == '-' && previous[1] == '-' && !strchr(previous, '=')) {
		for (const struct option *o = options; o->name; o++)
			if (o->has_arg == required_argument && strcmp(previous + 2, o->name) == 0)
				return false;
	}
	if (previous && strlen(previous) == 2 && previous[0] == '-' && strchr(short_options, previous[1]))
		return false;
	return true;
}

char **command_query_argv(int argc, char **argv, const struct option *options,
                          const char *short_options, int *out_argc)
{
	char **out = xcalloc((size_t)argc + 2, sizeof *out);
	int n = 0, moved = 0;
	bool after_dashes = false;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			after_dashes = true;
		if (i > 0 && !after_dashes && is_negated_term(argv[i], argv[i - 1], options, short_options))
			continue;
		out[n++] = argv[i];
	}
	if (!after_dashes)
		out[n++] = "--";
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (is_negated_term(argv[i], argv[i - 1], options, short_options)) {
			out[n++] = argv[i];
			moved++;
		}
	}
	if (!moved && !after_dashes)
		n--;        /* no "--" needed */
	out[n] = NULL;
	*out_argc = n;
	return out;
}

int command_filter_query(int argc, char **argv, struct item_filter *filter, struct query *query)
{
	query->terms = NULL;
	query->count = 0;
	/* --search QUERY is the query language too, parsed with the words
	 * (the reader's / and :search read it the same way: kind:paper in it
	 * is the field, not the word). */
	const char *search = filter->search;
	filter->search = NULL;
	if (argc <= 0 && !search)
		return 0;
	char *words = argc > 0 ? query_join_words(argc, argv) : xstrdup("");
	char *text = search ? xasprintf("%s %s", search, words) : xstrdup(words);
	free(words);
	char *error = NULL;
	int rc = query_parse(text, query, &error);
	free(text);
	if (rc < 0) {
		command_usage_error("%s", error);
		free(error);
		return 2;
	}
	filter->terms = query->terms;
	filter->term_count = query->count;
	return 0;
}

static int command_ls_filtered(const struct command_context *ctx, const struct item_filter *filter_in,
                               long long limit, long long offset, struct ls_layout *layout_in);

enum { OPT_LIMIT = FILTER_OPT_END, OPT_OFFSET, OPT_JSON };
static const struct option ls_options[] = {
	COMMAND_FILTER_OPTIONS,
	{ "limit", required_argument, NULL, OPT_LIMIT },
	{ "offset", required_argument, NULL, OPT_OFFSET },
	{ "json", no_argument, NULL, OPT_JSON },
	{ NULL, 0, NULL, 0 },
};

static int ls_args(const struct command_context *ctx, int argc, char **argv)
{
	struct item_filter filter;
	item_filter_init(&filter);
	char since[DATE_ISO_MAX];
	long long limit = -1, offset = 0;
	struct ls_layout layout = { 0 };
	optind = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":", ls_options, NULL)) != -1) {
		int filtered = command_filter_option(c, optarg, &filter, since);
		if (filtered == 2)
			return 2;
		if (filtered == 0)
			continue;
		switch (c) {
		case OPT_LIMIT:
			if (!cli_parse_number(optarg, 1, INT64_MAX, &limit))
				return command_usage_error(_("--limit: '%s' is not a positive whole number"), optarg);
			break;
		case OPT_OFFSET:
			if (!cli_parse_number(optarg, 0, INT64_MAX, &offset))
				return command_usage_error(_("--offset: '%s' is not a whole number >= 0"), optarg);
			break;
		case OPT_JSON:
			layout.json = true;
			break;
		default:
			return command_option_error(c, argv);
		}
	}
	struct query query;
	if (command_filter_query(argc - optind, argv + optind, &filter, &query) != 0)
		return 2;
	int status = command_ls_filtered(ctx, &filter, limit, offset, &layout);
	query_clear(&query);
	return status;
}

int command_ls(const struct command_context *ctx, int argc, char **argv)
{
	char **args = command_query_argv(argc, argv, ls_options, "", &argc);
	int status = ls_args(ctx, argc, args);
	free(args);
	return status;
}

static int command_ls_filtered(const struct command_context *ctx, const struct item_filter *filter_in,
                               long long limit, long long offset, struct ls_layout *layout_in)
{
	struct item_filter filter = *filter_in;
	struct ls_layout layout = *layout_in;
	if (cli_need_store(ctx))
		return 1;
	if (cli_apply_display_settings(ctx) < 0)
		return 1;
	filter.hot_days = (int)option_int(OPTION_HOT_DAYS);
	layout.hot = filter.sort == SORT_HOT;

	layout.columns = command_terminal_width();
	struct item_row *rows = NULL;
	size_t count = 0;
	char *error = NULL;
	int want = limit > 0 && limit < PAGE_ROWS ? (int)limit : PAGE_ROWS;
	if (store_list_items(ctx->store, &filter, offset, want, &rows, &count, &error) != 0)
		goto failed;
	if (!layout.json) {
		/* Ids are right-aligned to the widest one that can show (the
		 * largest: counting the items would read the whole table). */
		int64_t last = 0;
		if (store_max_item_id(ctx->store, &last, &error) != 0)
			goto failed;
		layout.id_width = digits(last);
		for (size_t i = 0; i < count; i++)
			if (digits(rows[i].id) > layout.id_width)
				layout.id_width = digits(rows[i].id);
		if (layout.id_width < 3)
			layout.id_width = 3;
	}

	struct strbuf sb;
	strbuf_init(&sb);
	long long printed = 0;
	for (;;) {
		strbuf_reset(&sb);
		for (size_t i = 0; i < count && (limit < 0 || printed < limit); i++, printed++)
			print_item_row(&sb, &rows[i], &layout);
		cli_write_out(&sb);
		if (ferror(stdout) || count < (size_t)want || (limit >= 0 && printed >= limit))
			break;
		long long left = limit >= 0 ? limit - printed : PAGE_ROWS;
		want = left < PAGE_ROWS ? (int)left : PAGE_ROWS;
		/* Keyset paging: each page starts after the last row shown, so a
		 * long list costs the same per page however far down it goes. */
		struct item_row *next = NULL;
		size_t next_count = 0;
		int rc = store_list_items_from(ctx->store, &filter, &rows[count - 1], true, want,
		                               &next, &next_count, &error);
		item_rows_free(rows, count);
		rows = next;
		count = next_count;
		if (rc != 0) {
			strbuf_clear(&sb);
			goto failed;
		}
	}
	strbuf_clear(&sb);
	item_rows_free(rows, count);
	return 0;
failed:
	item_rows_free(rows, count);
	command_error("%s", error ? error : _("cannot read the cache"));
	free(error);
	return 1;
}
