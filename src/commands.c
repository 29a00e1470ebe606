/* The sub-commands behind `radar parse|import|ls|show|digests|star|...`.
 * Everything printed that came from a digest, a file name or the cache goes
 * through text.h first, so nothing untrusted reaches the terminal raw. */
#include <config.h>

#include "commands.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "charset.h"
#include "configfile.h"
#include "options.h"
#include "date.h"
#include "digest.h"
#include "fetch.h"
#include "feedlist.h"
#include "hyperlink.h"
#include "ingest.h"
#include "i18n.h"
#include "json.h"
#include "links.h"
#include "refresh.h"
#include "item-article.h"
#include "render.h"
#include "sources.h"
#include "store.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

/* Rows fetched per query: lists are read page by page, never whole. */
#define PAGE_ROWS 200
#define MAX_WIDTH 10000

/* ---------------------------------------------------------------- messages */

static char *clean_or_null(const char *s)
{
	return s ? text_clean(s, strlen(s)) : NULL;
}

/* Clean text on one line: newlines and tabs become spaces. */
static char *clean_line(const char *s)
{
	char *clean = text_clean(s, strlen(s));
	for (char *p = clean; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	return clean;
}

static void verror(const char *format, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, format, copy);
	va_end(copy);
	if (n < 0)
		n = 0;
	char *message = xmalloc((size_t)n + 1);
	vsnprintf(message, (size_t)n + 1, format, ap);
	char *clean = clean_line(message);
	fflush(stdout);     /* keep the order of output and errors when both go to one place */
	fprintf(stderr, "radar: %s\n", clean);
	free(clean);
	free(message);
}

void command_error(const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	verror(format, ap);
	va_end(ap);
}

int command_usage_error(const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	verror(format, ap);
	va_end(ap);
	fprintf(stderr, "%s\n", _("Try 'radar --help'."));
	return 2;
}

/* After getopt_long returned ':' or '?'. */
int command_option_error(int c, char **argv)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "?";
	if (c == ':')
		return command_usage_error(_("option '%s' needs a value"), arg);
	if (optopt > 0 && optopt < 128)
		return command_usage_error(_("unknown option '-%c'"), optopt);
	/* getopt_long sets optopt to a known long option's value when it was
	 * given a value it does not take ("--json=1"). */
	if (optopt >= 256) {
		const char *equals = strchr(arg, '=');
		int name_len = equals ? (int)(equals - arg) : (int)strlen(arg);
		return command_usage_error(_("option '%.*s' takes no value"), name_len, arg);
	}
	return command_usage_error(_("unknown option '%s'"), arg);
}

/* ---------------------------------------------------------------- helpers */

/* A whole decimal number in [MIN, MAX]; no sign tricks, no trailing junk. */
static bool parse_number(const char *s, long long min, long long max, long long *out)
{
	if (!s || !*s || !(*s == '-' || (*s >= '0' && *s <= '9')))
		return false;
	char *end;
	errno = 0;
	long long value = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || value < min || value > max)
		return false;
	*out = value;
	return true;
}

static int columns_from_environment(void)
{
	long long columns;
	if (parse_number(getenv("COLUMNS"), 1, MAX_WIDTH, &columns))
		return (int)columns;
	return 0;
}

int command_terminal_width(void)
{
	if (!isatty(STDOUT_FILENO))
		return 0;
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	int columns = columns_from_environment();
	return columns > 0 ? columns : 80;
}

static void write_out(const struct strbuf *sb)
{
	fwrite(sb->data, 1, sb->len, stdout);
}

static int need_store(const struct command_context *ctx)
{
	if (ctx->store)
		return 0;
	command_error(_("no cache is open"));
	return 1;
}

static void json_clean_member(struct strbuf *sb, bool *first, const char *name, const char *value)
{
	char *clean = clean_or_null(value);
	json_member_string(sb, first, name, clean);
	free(clean);
}

static void json_clean_array(struct strbuf *sb, bool *first, const char *name,
                             const char *const *values, size_t count)
{
	char **clean = xcalloc(count ? count : 1, sizeof *clean);
	for (size_t i = 0; i < count; i++)
		clean[i] = clean_or_null(values[i]);
	json_member_string_array(sb, first, name, clean, count);
	for (size_t i = 0; i < count; i++)
		free(clean[i]);
	free(clean);
}

/* ---------------------------------------------------------------- reading files */

/* Read a whole file (PATH "-" is stdin) the way a refresh reads a local
 * source.  Returns 0, or -1 with *ERROR set (caller frees). */
static int read_digest_file(const char *path, char **data, size_t *len, char **error)
{
	struct fetch_options options;
	fetch_options_init(&options);
	struct fetch_result result;
	fetch_read_file(path, options.max_bytes, &result);
	if (result.status != FETCH_OK) {
		*error = result.error;
		result.error = NULL;
		fetch_result_clear(&result);
		return -1;
	}
	*data = result.body;
	*len = result.len;
	result.body = NULL;
	fetch_result_clear(&result);
	return 0;
}

/* ---------------------------------------------------------------- parse */

static void print_digest_item(struct strbuf *sb, const struct digest_item *item, const char *file)
{
	bool first = true;
	strbuf_putc(sb, '{');
	json_clean_member(sb, &first, "key", item->key);
	json_member_string(sb, &first, "kind", kind_name(item->kind));
	json_clean_member(sb, &first, "title", item->title);
	json_clean_member(sb, &first, "url", item->url);

	const char **urls = xcalloc(item->link_count ? item->link_count : 1, sizeof *urls);
	for (size_t i = 0; i < item->link_count; i++)
		urls[i] = item->links[i].url;
	json_clean_array(sb, &first, "links", urls, item->link_count);
	free(urls);

	const char **tags = xcalloc(item->tag_count ? item->tag_count : 1, sizeof *tags);
	for (size_t i = 0; i < item->tag_count; i++)
		tags[i] = item->tags[i].name;
	json_clean_array(sb, &first, "tags", tags, item->tag_count);
	free(tags);

	json_clean_member(sb, &first, "section", item->section ? item->section : "");
	json_clean_member(sb, &first, "date", item->date);
	json_clean_member(sb, &first, "summary", item->summary);
	json_clean_member(sb, &first, "authors", item->authors);
	json_clean_member(sb, &first, "file", file);
	strbuf_puts(sb, "}\n");
}

/* A feed's items, then the items of its entries read as digests. */
static int parse_feed(struct strbuf *sb, const char *path, const char *text, size_t len)
{
	struct feed_result feed;
	char *error = NULL;
	if (feed_parse(text, len, path, FEED_AS_AUTO, &feed, &error) != 0) {
		command_error("%s: %s", path, error);
		free(error);
		return 1;
	}
	if (feed.items.warning)
		command_error(_("%s: warning: %s"), path, feed.items.warning);
	for (size_t d = 0; d <= feed.digest_count; d++) {
		const struct digest *digest = d == 0 ? &feed.items : &feed.digests[d - 1].digest;
		for (size_t k = 0; k < digest->item_count; k++) {
			strbuf_reset(sb);
			print_digest_item(sb, &digest->items[k], path);
			write_out(sb);
		}
	}
	feed_result_free(&feed);
	return 0;
}

int command_parse(const struct command_context *ctx, int argc, char **argv)
{
	(void)ctx;
	static const struct option options[] = { { "explain", no_argument, NULL, 'x' }, { NULL, 0, NULL, 0 } };
	optind = 0;
	int c;
	bool explain = false;
	while ((c = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		if (c == 'x')
			explain = true;
		else
			return command_option_error(c, argv);
	}
	if (optind >= argc)
		return command_usage_error(_("'parse' needs at least one FILE"));

	int status = 0;
	struct strbuf sb;
	strbuf_init(&sb);
	for (int i = optind; i < argc; i++) {
		const char *path = argv[i];
		char *data = NULL, *error = NULL;
		size_t len = 0;
		if (read_digest_file(path, &data, &len, &error) != 0) {
			command_error("%s: %s", path, error);
			free(error);
			status = 1;
			continue;
		}
		/* Decoded as import and refresh decode it, so parse shows their items. */
		size_t text_len = 0;
		enum feed_body body;
		struct ingest_origin origin = { .location = path };
		char *text = ingest_decode(&origin, data, len, &text_len, &body, &error);
		free(data);
		if (text && body == FEED_BODY_FEED) {
			status |= parse_feed(&sb, path, text, text_len);
			free(text);
			continue;
		}
		if (!text) {
			command_error("%s: %s", path, error);
			free(error);
			status = 1;
			continue;
		}
		struct digest digest;
		char *why = NULL;
		if (digest_parse_explained(text, text_len, path, &digest, &error, explain ? &why : NULL) != 0) {
			command_error("%s: %s", path, error ? error : _("cannot parse"));
			free(error);
			free(text);
			status = 1;
			continue;
		}
		free(text);
		if (digest.warning)
			command_error(_("%s: warning: %s"), path, digest.warning);
		if (why) {
			/* "FILE:LINE: why", each line cleaned: digest text reaches the terminal. */
			strbuf_reset(&sb);
			for (char *line = why, *next; line && *line; line = next) {
				next = strchr(line, '\n');
				if (next)
					*next++ = '\0';
				char *clean = text_clean(line, strlen(line));
				strbuf_printf(&sb, "%s:%s\n", path, clean);
				free(clean);
			}
			write_out(&sb);
			free(why);
		}
		for (size_t k = 0; k < digest.item_count && !explain; k++) {
			strbuf_reset(&sb);
			print_digest_item(&sb, &digest.items[k], path);
			write_out(&sb);
		}
		digest_free(&digest);
	}
	strbuf_free(&sb);
	return status;
}

/* ---------------------------------------------------------------- import */

struct import_totals {
	int digests;
	int unchanged;
	int items_new;
	int items_updated;
	int errors;
	struct strbuf empty;        /* the digests that held no item, ", "-separated */
	int empty_count;
};

/* "imported 11 digests (2 unchanged): 312 new items, 4 updated, 0 errors";
 * D is the part before the colon, freed here. */
static void print_import_summary(char *d, int items_new, int items_updated, int errors)
{
	char *n = xasprintf(ngettext("%d new item", "%d new items", (unsigned long)items_new),
	                    items_new);
	/* TRANSLATORS: items that were in the cache before and that a digest
	 * now mentions for the first time or says something new about. */
	char *u = xasprintf(ngettext("%d updated", "%d updated", (unsigned long)items_updated),
	                    items_updated);
	char *e = xasprintf(ngettext("%d error", "%d errors", (unsigned long)errors), errors);
	/* TRANSLATORS: "imported 11 digests (2 unchanged): 312 new items, 4 updated, 0 errors" */
	printf(_("%s: %s, %s, %s\n"), d, n, u, e);
	free(d);
	free(n);
	free(u);
	free(e);
}

/* PATH as typed names the file in messages; its real path is its key. */
static void import_one(struct store *store, int64_t source_id, const char *path,
                       const char *config_path, struct import_totals *totals)
{
	char *real = realpath(path, NULL);
	if (!real) {
		command_error("%s: %s", path, strerror(errno));
		totals->errors++;
		return;
	}
	char *data = NULL, *error = NULL;
	size_t len = 0;
	struct ingest_result result;
	if (read_digest_file(real, &data, &len, &error) != 0) {
		command_error("%s: %s", path, error);
		goto failed;
	}
	if (feed_sniff(data, len) == FEED_BODY_OPML) {
		struct feedlist_report report;
		if (feedlist_import(data, len, config_path, &report, &error) != 0) {
			command_error("%s: %s", path, error);
			goto failed;
		}
		/* TRANSLATORS: after `radar import FILE.opml`; the last %s is a file. */
		printf(ngettext("added %zu feed as a source to %s (%zu already configured, %zu skipped)\n",
		                "added %zu feeds as sources to %s (%zu already configured, %zu skipped)\n",
		                (unsigned long)report.added),
		       report.added, report.file, report.known, report.skipped);
		free(report.file);
		free(data);
		free(real);
		return;
	}
	struct ingest_origin origin = { .location = real, .name = path };
	if (ingest_digest(store, source_id, &origin, data, len, &result, &error) != 0) {
		command_error("%s: %s", path, error);
		goto failed;
	}
	if (result.warning)
		command_error(_("%s: warning: %s"), path, result.warning);
	totals->digests++;
	if (result.unchanged)
		totals->unchanged++;
	totals->items_new += result.items_new;
	totals->items_updated += result.items_updated;
	if (result.items == 0) {
		if (totals->empty_count++ > 0)
			strbuf_puts(&totals->empty, ", ");
		strbuf_puts(&totals->empty, path);
	}
	ingest_result_clear(&result);
	free(data);
	free(real);
	return;
failed:
	free(error);
	free(data);
	free(real);
	totals->errors++;
}

/* Every digest below the directory REAL, found as a refresh of a directory
 * source finds them. */
static void import_directory(struct store *store, int64_t source_id, const char *typed,
                             const char *real, struct import_totals *totals)
{
	struct source source = { .location = (char *)real, .type = SOURCE_DIRECTORY };
	struct source_target *targets = NULL;
	size_t count = 0;
	char *error = NULL;
	if (source_targets(&source, time(NULL), &targets, &count, &error) != 0) {
		command_error("%s", error);
		free(error);
		totals->errors++;
		return;
	}
	size_t real_len = strlen(real);
	for (size_t k = 0; k < count; k++) {
		/* Messages name the file as the user would: below DIR as typed. */
		const char *location = targets[k].location;
		char *name = strncmp(location, real, real_len) == 0 && location[real_len] == '/'
			? xasprintf("%s%s%s", typed, typed[strlen(typed) - 1] == '/' ? "" : "/",
			            location + real_len + 1)
			: xstrdup(location);
		import_one(store, source_id, name, NULL, totals);
		free(name);
	}
	source_targets_free(targets, count);
}

static char *source_name_for_directory(const char *real_dir)
{
	const char *slash = strrchr(real_dir, '/');
	const char *base = slash ? slash + 1 : real_dir;
	return xstrdup(*base ? base : "/");
}

int command_import(const struct command_context *ctx, int argc, char **argv)
{
	static const struct option options[] = { { NULL, 0, NULL, 0 } };
	optind = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":", options, NULL)) != -1)
		return command_option_error(c, argv);
	if (optind >= argc)
		return command_usage_error(_("'import' needs at least one FILE or DIR"));
	if (need_store(ctx))
		return 1;

	struct import_totals totals = { 0 };
	strbuf_init(&totals.empty);
	int64_t local_source = -1;
	char *error = NULL;
	if (store_import_run_begin(ctx->store, &error) != 0) {
		command_error("%s", error);
		free(error);
		strbuf_free(&totals.empty);
		return 1;
	}
	/* Bulk: digests share transactions (store.h); each one is still whole
	 * or absent. */
	store_batch_begin(ctx->store, NULL);
	for (int i = optind; i < argc; i++) {
		const char *arg = argv[i];
		struct stat st;
		if (stat(arg, &st) != 0) {
			command_error("%s: %s", arg, strerror(errno));
			totals.errors++;
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			char *real = realpath(arg, NULL);
			if (!real) {
				command_error("%s: %s", arg, strerror(errno));
				totals.errors++;
				continue;
			}
			char *name = source_name_for_directory(real);
			int64_t source_id;
			if (store_source_ensure(ctx->store, name, real, &source_id, &error) != 0) {
				command_error("%s: %s", arg, error ? error : "?");
				free(error);
				error = NULL;
				totals.errors++;
			} else {
				import_directory(ctx->store, source_id, arg, real, &totals);
			}
			free(name);
			free(real);
			continue;
		}
		if (local_source < 0 &&
		    store_source_ensure(ctx->store, "local", NULL, &local_source, &error) != 0) {
			command_error("%s", error ? error : "?");
			free(error);
			error = NULL;
			totals.errors++;
			local_source = -1;
			continue;
		}
		import_one(ctx->store, local_source, arg, ctx->config_path, &totals);
	}

	if (store_batch_end(ctx->store, &error) != 0) {
		command_error("%s", error ? error : "?");
		free(error);
		error = NULL;
		totals.errors++;
	}
	if (totals.digests > totals.unchanged)
		store_optimize(ctx->store);

	print_import_summary(xasprintf(ngettext("imported %d digest (%d unchanged)",
	                                        "imported %d digests (%d unchanged)",
	                                        (unsigned long)totals.digests),
	                               totals.digests, totals.unchanged),
	                     totals.items_new, totals.items_updated, totals.errors);
	if (totals.empty_count > 0)
		/* TRANSLATORS: followed by the files' names; `radar digests`
		 * marks them too. */
		printf(ngettext("%d digest held no item: %s\n", "%d digests held no item: %s\n",
		                (unsigned long)totals.empty_count),
		       totals.empty_count, totals.empty.data);
	strbuf_free(&totals.empty);
	return totals.errors ? 1 : 0;
}

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

/* The YYYY-MM-DD part of an ISO date, or blanks. */
static void day_of(const char *iso, char out[11])
{
	if (iso && strlen(iso) >= 10 && iso[4] == '-' && iso[7] == '-') {
		memcpy(out, iso, 10);
		out[10] = '\0';
	} else {
		memcpy(out, "          ", 11);
	}
}

struct ls_layout {
	bool json;
	int id_width;
	int columns;        /* 0: do not truncate */
};

static void print_item_row(struct strbuf *sb, const struct item_row *row, const struct ls_layout *layout)
{
	if (layout->json) {
		bool first = true;
		strbuf_putc(sb, '{');
		json_member_int(sb, &first, "id", row->id);
		json_clean_member(sb, &first, "key", row->key);
		json_member_string(sb, &first, "kind", kind_name(row->kind));
		json_clean_member(sb, &first, "title", row->title);
		json_clean_member(sb, &first, "url", row->url);
		json_clean_member(sb, &first, "date", row->date);
		json_member_bool(sb, &first, "read", row->read);
		json_member_bool(sb, &first, "starred", row->starred);
		json_member_int(sb, &first, "mentions", row->mentions);
		json_clean_member(sb, &first, "source", row->source);
		json_clean_member(sb, &first, "first_seen", row->first_seen);
		strbuf_puts(sb, "}\n");
		return;
	}
	char day[11];
	day_of(row->date, day);
	char mentions[16] = "";
	if (row->mentions > 1)
		snprintf(mentions, sizeof mentions, "x%d", row->mentions);
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

/* The config's display settings (ambiguous-wide) apply to printed text as
 * they do to the reader; its problems are reported and the rest is used.
 * -1 when the file --config names cannot be read at all: the user asked for
 * that file, so going on without it would hide the mistake. */
static int apply_display_settings(const struct command_context *ctx)
{
	struct config config;
	config_load(ctx->config_path, &config);
	for (size_t i = 0; i < config.error_count; i++)
		command_error("%s", config.errors[i]);
	bool unreadable = config.unreadable;
	config_free(&config);
	text_set_ambiguous_wide(option_bool(OPTION_AMBIGUOUS_WIDE));
	return unreadable ? -1 : 0;
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
			strbuf_free(&kinds);
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
			return command_usage_error(_("--sort: '%s' is not newest, mentions or title"), arg);
		filter->sort = (enum item_sort)sort_from_name(arg);
		return 0;
	default:
		return 1;
	}
}

int command_ls(const struct command_context *ctx, int argc, char **argv)
{
	enum { OPT_LIMIT = FILTER_OPT_END, OPT_OFFSET, OPT_JSON };
	static const struct option options[] = {
		COMMAND_FILTER_OPTIONS,
		{ "limit", required_argument, NULL, OPT_LIMIT },
		{ "offset", required_argument, NULL, OPT_OFFSET },
		{ "json", no_argument, NULL, OPT_JSON },
		{ NULL, 0, NULL, 0 },
	};
	struct item_filter filter;
	item_filter_init(&filter);
	char since[DATE_ISO_MAX];
	long long limit = -1, offset = 0;
	struct ls_layout layout = { 0 };
	optind = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		int filtered = command_filter_option(c, optarg, &filter, since);
		if (filtered == 2)
			return 2;
		if (filtered == 0)
			continue;
		switch (c) {
		case OPT_LIMIT:
			if (!parse_number(optarg, 1, INT64_MAX, &limit))
				return command_usage_error(_("--limit: '%s' is not a positive whole number"), optarg);
			break;
		case OPT_OFFSET:
			if (!parse_number(optarg, 0, INT64_MAX, &offset))
				return command_usage_error(_("--offset: '%s' is not a whole number >= 0"), optarg);
			break;
		case OPT_JSON:
			layout.json = true;
			break;
		default:
			return command_option_error(c, argv);
		}
	}
	if (optind < argc)
		return command_usage_error(_("'ls' takes no arguments ('%s'); use --search to search"),
		                           argv[optind]);
	if (need_store(ctx))
		return 1;
	if (apply_display_settings(ctx) < 0)
		return 1;

	layout.columns = command_terminal_width();
	struct item_row *rows = NULL;
	size_t count = 0;
	char *error = NULL;
	int want = limit > 0 && limit < PAGE_ROWS ? (int)limit : PAGE_ROWS;
	if (store_list_items(ctx->store, &filter, offset, want, &rows, &count, &error) != 0)
		goto failed;
	if (!layout.json) {
		/* Ids are right-aligned to the widest one likely to show. */
		struct item_filter all;
		item_filter_init(&all);
		int64_t total = 0;
		if (store_count_items(ctx->store, &all, &total, &error) != 0)
			goto failed;
		layout.id_width = digits(total);
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
		write_out(&sb);
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
			strbuf_free(&sb);
			goto failed;
		}
	}
	strbuf_free(&sb);
	item_rows_free(rows, count);
	return 0;
failed:
	item_rows_free(rows, count);
	command_error("%s", error ? error : _("cannot read the cache"));
	free(error);
	return 1;
}

/* ---------------------------------------------------------------- show */

static int default_width(void)
{
	int width = command_terminal_width();
	if (width <= 0)
		width = columns_from_environment();
	return width > 0 ? width : 80;
}

static int show_item(struct store *store, int64_t id, int width)
{
	struct item_detail detail;
	char *error = NULL;
	int rc = store_get_item(store, id, &detail, &error);
	if (rc == 1) {
		command_error(_("no item %lld"), (long long)id);
		return 1;
	}
	if (rc != 0) {
		command_error("%s", error ? error : _("cannot read the cache"));
		free(error);
		return 1;
	}
	struct render_output out;
	render_output_init(&out);
	out.whole_links = true;
	render_item(&detail, width, &out);
	char *text = hyperlink_text(&out, hyperlinks_enabled(stdout));
	fputs(text, stdout);
	free(text);
	render_output_free(&out);
	item_detail_free(&detail);
	return 0;
}

static int show_digest(struct store *store, int64_t id, int width)
{
	char *markdown = NULL, *error = NULL;
	size_t markdown_len = 0;
	int rc = store_get_digest_markdown(store, id, &markdown, &markdown_len, &error);
	if (rc == 1) {
		command_error(_("no digest %lld"), (long long)id);
		return 1;
	}
	if (rc != 0) {
		command_error("%s", error ? error : _("cannot read the cache"));
		free(error);
		return 1;
	}
	if (feed_sniff(markdown, markdown_len) == FEED_BODY_FEED) {
		/* A feed is kept as its XML; show what it says. */
		char *shown = feed_markdown(markdown, markdown_len, "", &error);
		if (shown) {
			free(markdown);
			markdown = shown;
			markdown_len = strlen(shown);
		}
		free(error);
	}
	struct render_output out;
	render_output_init(&out);
	out.whole_links = true;
	render_markdown(markdown, markdown_len, width, &out);
	if (out.link_count > 0)
		render_links(width, &out);
	char *text = hyperlink_text(&out, hyperlinks_enabled(stdout));
	fputs(text, stdout);
	free(text);
	render_output_free(&out);
	free(markdown);
	return 0;
}

static bool parse_id(const char *s, int64_t *id)
{
	long long value;
	if (!parse_number(s, 1, INT64_MAX, &value))
		return false;
	*id = value;
	return true;
}

int command_show(const struct command_context *ctx, int argc, char **argv)
{
	enum { OPT_WIDTH = 256, OPT_DIGEST };
	static const struct option options[] = {
		{ "width", required_argument, NULL, OPT_WIDTH },
		{ "digest", no_argument, NULL, OPT_DIGEST },
		{ NULL, 0, NULL, 0 },
	};
	long long width = 0;
	bool digest = false;
	optind = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (c) {
		case OPT_WIDTH:
			if (!parse_number(optarg, 1, MAX_WIDTH, &width))
				return command_usage_error(_("--width: '%s' is not a number from 1 to %d"),
				                           optarg, MAX_WIDTH);
			break;
		case OPT_DIGEST:
			digest = true;
			break;
		default:
			return command_option_error(c, argv);
		}
	}
	if (optind >= argc)
		return command_usage_error(digest ? _("'show --digest' needs a digest ID")
		                                  : _("'show' needs an item ID"));
	if (argc - optind > 1)
		return command_usage_error(_("'show' takes one ID ('%s' is one too many)"), argv[optind + 1]);
	int64_t id;
	if (!parse_id(argv[optind], &id))
		return command_usage_error(_("'%s' is not an ID (a positive whole number)"), argv[optind]);
	if (need_store(ctx))
		return 1;
	if (apply_display_settings(ctx) < 0)
		return 1;
	if (width == 0)
		width = default_width();
	return digest ? show_digest(ctx->store, id, (int)width) : show_item(ctx->store, id, (int)width);
}

/* ---------------------------------------------------------------- digests */

static void print_digest_row(struct strbuf *sb, const struct digest_row *row, bool json, int columns)
{
	if (json) {
		bool first = true;
		strbuf_putc(sb, '{');
		json_member_int(sb, &first, "id", row->id);
		json_clean_member(sb, &first, "date", row->date);
		json_member_int(sb, &first, "items", row->item_count);
		json_clean_member(sb, &first, "source", row->source);
		json_clean_member(sb, &first, "title", row->title);
		json_clean_member(sb, &first, "location", row->location);
		json_clean_member(sb, &first, "description", row->description);
		strbuf_puts(sb, "}\n");
		return;
	}
	char day[11];
	day_of(row->date, day);
	size_t start = sb->len;
	strbuf_printf(sb, "%4" PRId64 " %s %5d  ", row->id, day, row->item_count);
	char *source = clean_or_null(row->source ? row->source : "");
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
	char *title = clean_or_null(row->title ? row->title : "");
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
	if (need_store(ctx))
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
			strbuf_free(&sb);
			return 1;
		}
		strbuf_reset(&sb);
		for (size_t i = 0; i < count; i++)
			print_digest_row(&sb, &rows[i], json, columns);
		write_out(&sb);
		digest_rows_free(rows, count);
		if (count < PAGE_ROWS || ferror(stdout))
			break;
		offset += (int64_t)count;
	}
	strbuf_free(&sb);
	return 0;
}

/* ---------------------------------------------------------------- reindex */

/* Extract every stored digest again from its raw Markdown.  Digests whose
 * content hash (bytes + engine version) is current are left alone, so this
 * is cheap after a run and does real work after an engine upgrade. */
int command_reindex(const struct command_context *ctx, int argc, char **argv)
{
	static const struct option options[] = { { NULL, 0, NULL, 0 } };
	optind = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":", options, NULL)) != -1)
		return command_option_error(c, argv);
	if (optind < argc)
		return command_usage_error(_("'reindex' takes no arguments ('%s')"), argv[optind]);
	if (need_store(ctx))
		return 1;
	/* Collect the rows first: re-importing may reorder the digest list. */
	struct digest_row *all = NULL;
	size_t total = 0;
	for (int64_t offset = 0;; ) {
		struct digest_row *rows = NULL;
		size_t count = 0;
		char *error = NULL;
		if (store_list_digests(ctx->store, offset, PAGE_ROWS, &rows, &count, &error) != 0) {
			command_error("%s", error ? error : _("cannot read the cache"));
			free(error);
			digest_rows_free(all, total);
			return 1;
		}
		all = xrealloc(all, (total + count + 1) * sizeof *all);
		memcpy(all + total, rows, count * sizeof *rows);
		total += count;
		free(rows);
		if (count < PAGE_ROWS)
			break;
		offset += (int64_t)count;
	}
	int changed = 0, unchanged = 0, failed = 0, items_new = 0, items_updated = 0;
	char *run_error = NULL;
	if (store_import_run_begin(ctx->store, &run_error) != 0) {
		command_error("%s", run_error);
		free(run_error);
		digest_rows_free(all, total);
		return 1;
	}
	store_batch_begin(ctx->store, NULL);
	for (size_t i = 0; i < total; i++) {
		char *markdown = NULL, *error = NULL;
		size_t len = 0;
		int64_t source_id;
		if (store_get_digest_markdown(ctx->store, all[i].id, &markdown, &len, &error) != 0) {
			command_error("%s: %s", all[i].location, error ? error : _("cannot read the digest"));
			free(error);
			failed++;
			continue;
		}
		/* The stored text is decoded already (decoding UTF-8 keeps it as it
		 * is); older caches hold imports' raw bytes, which this decodes. */
		struct ingest_origin origin = { .location = all[i].location };
		struct ingest_result result;
		if (store_source_ensure(ctx->store, all[i].source, NULL, &source_id, &error) != 0 ||
		    ingest_digest(ctx->store, source_id, &origin, markdown, len, &result, &error) != 0) {
			command_error("%s: %s", all[i].location, error ? error : _("cannot store the digest"));
			free(error);
			failed++;
		} else {
			if (result.unchanged) {
				unchanged++;
			} else {
				changed++;
				items_new += result.items_new;
				items_updated += result.items_updated;
			}
			ingest_result_clear(&result);
		}
		free(markdown);
	}
	digest_rows_free(all, total);
	char *batch_error = NULL;
	if (store_batch_end(ctx->store, &batch_error) != 0) {
		command_error("%s", batch_error ? batch_error : "?");
		free(batch_error);
		failed++;
	}
	if (changed)
		store_optimize(ctx->store);
	/* TRANSLATORS: the start of `radar reindex`'s summary,
	 * "re-extracted 11 digests (2 already current): 0 new items, 4 updated, 0 errors". */
	print_import_summary(xasprintf(ngettext("re-extracted %d digest (%d already current)",
	                                        "re-extracted %d digests (%d already current)",
	                                        (unsigned long)changed), changed, unchanged),
	                     items_new, items_updated, failed);
	return failed ? 1 : 0;
}

/* ---------------------------------------------------------------- marks */

int command_mark(const struct command_context *ctx, int argc, char **argv)
{
	const char *mark = argv[0];
	bool star = strcmp(mark, "star") == 0, unstar = strcmp(mark, "unstar") == 0;
	bool read = strcmp(mark, "read") == 0, unread = strcmp(mark, "unread") == 0;
	if (!star && !unstar && !read && !unread)
		return command_usage_error(_("unknown command '%s'"), mark);
	static const struct option options[] = { { NULL, 0, NULL, 0 } };
	optind = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":", options, NULL)) != -1)
		return command_option_error(c, argv);
	if (optind >= argc)
		return command_usage_error(_("'%s' needs at least one item ID"), mark);
	int64_t *ids = xcalloc((size_t)(argc - optind), sizeof *ids);
	for (int i = optind; i < argc; i++) {
		if (!parse_id(argv[i], &ids[i - optind])) {
			free(ids);
			return command_usage_error(_("'%s' is not an ID (a positive whole number)"), argv[i]);
		}
	}
	if (need_store(ctx)) {
		free(ids);
		return 1;
	}
	int failures = 0;
	for (int i = 0; i < argc - optind; i++) {
		struct item_detail detail;
		char *error = NULL;
		int rc = store_get_item(ctx->store, ids[i], &detail, &error);
		if (rc == 0) {
			item_detail_free(&detail);
			if (star || unstar)
				rc = store_set_starred(ctx->store, ids[i], star, &error);
			else
				rc = store_set_read(ctx->store, ids[i], read, &error);
		}
		if (rc == 1) {
			command_error(_("no item %lld"), (long long)ids[i]);
			failures++;
		} else if (rc != 0) {
			command_error("%" PRId64 ": %s", ids[i], error ? error : "?");
			failures++;
		}
		free(error);
	}
	free(ids);
	return failures ? 1 : 0;
}

/* ---------------------------------------------------------------- refresh, sources */

/* Read the config; its problems are reported and the rest is used.  -1
 * (CONFIG freed) when the file --config names cannot be read at all. */
static int load_config(const struct command_context *ctx, struct config *config)
{
	config_load(ctx->config_path, config);
	for (size_t i = 0; i < config->error_count; i++)
		command_error("%s", config->errors[i]);
	if (config->unreadable) {
		config_free(config);
		return -1;
	}
	return 0;
}

struct refresh_progress {
	bool tty;
	int shown;          /* columns of the progress line on stderr */
};

static void clear_progress(struct refresh_progress *progress)
{
	if (progress->shown > 0) {
		fprintf(stderr, "\r%*s\r", progress->shown, "");
		progress->shown = 0;
	}
}

static void on_refresh_event(const struct refresh_event *event, void *data)
{
	struct refresh_progress *progress = data;
	if (event->kind == REFRESH_EVENT_ERROR) {
		clear_progress(progress);
		command_error("%s: %s: %s", event->source ? event->source : "?",
		              event->location ? event->location : "?", event->message ? event->message : "?");
		return;
	}
	if (!progress->tty || event->kind != REFRESH_EVENT_PROGRESS || event->total <= 0)
		return;
	enum { BAR = 30 };
	int filled = (int)((long)BAR * event->done / event->total);
	char bar[BAR + 1];
	for (int i = 0; i < BAR; i++)
		bar[i] = i < filled ? '#' : '-';
	bar[BAR] = '\0';
	char *line = xasprintf(_("refreshing %d/%d"), event->done, event->total);
	char *clean = text_clean(line, strlen(line));
	int n = fprintf(stderr, "\r%s [%s]", clean, bar);
	fflush(stderr);
	if (n > progress->shown)
		progress->shown = n;
	free(clean);
	free(line);
}

int command_refresh(const struct command_context *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "wait", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 },
	};
	int wait = 30;
	optind = 0;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		if (c == 'w') {
			char *end;
			errno = 0;
			long v = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || v < 0 || v > 86400)
				return command_usage_error(_("--wait needs a number of seconds from 0 to 86400"));
			wait = (int)v;
		} else if (c == ':') {
			return command_usage_error(_("option '%s' needs a value"), argv[optind - 1]);
		} else {
			return command_usage_error(_("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return command_usage_error(_("'refresh' takes no arguments"));

	struct config config;
	if (load_config(ctx, &config) < 0)
		return 1;
	if (config.sources.count == 0) {
		command_error(_("no sources to refresh; add lines such as 'source NAME URL' to %s"),
		              config.path ? config.path : "~/.config/radar/config");
		config_free(&config);
		return 1;
	}
	struct refresh_options refresh;
	refresh_options_init(&refresh, ctx->db_path, &config.sources);
	refresh.lock_wait = wait;
	struct refresh_progress progress = { .tty = isatty(STDERR_FILENO) == 1 };
	struct refresh_totals totals;
	char *error = NULL;
	int rc = refresh_run(&refresh, on_refresh_event, &progress, NULL, &totals, &error);
	clear_progress(&progress);
	config_free(&config);
	if (rc != 0) {
		command_error("%s", error ? error : _("the refresh failed"));
		free(error);
		return 1;
	}
	char *summary = refresh_summary(&totals);
	printf("%s\n", summary);
	free(summary);
	return totals.sources > 0 && totals.sources_failed == totals.sources ? 1 : 0;
}

int command_sources(const struct command_context *ctx, int argc, char **argv)
{
	static const struct option options[] = { { "opml", no_argument, NULL, 'o' }, { NULL, 0, NULL, 0 } };
	optind = 0;
	opterr = 0;
	bool opml = false;
	int c;
	while ((c = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		if (c != 'o')
			return command_usage_error(_("unknown option '%s'"), argv[optind - 1]);
		opml = true;
	}
	if (optind < argc)
		return command_usage_error(_("'sources' takes no arguments"));
	if (opml) {
		struct config config;
		if (load_config(ctx, &config) < 0)
			return 1;
		feedlist_export(&config, stdout);
		config_free(&config);
		return 0;
	}
	if (need_store(ctx))
		return 1;
	struct config config;
	if (load_config(ctx, &config) < 0)
		return 1;
	struct source_row *rows = NULL;
	size_t count = 0;
	char *error = NULL;
	if (store_list_sources(ctx->store, &rows, &count, &error) != 0) {
		command_error("%s", error ? error : "?");
		free(error);
		config_free(&config);
		return 1;
	}
	/* Configured sources first, in config order, then the cache's others
	 * (imported directories, sources since removed from the config). */
	bool *listed = xcalloc(count ? count : 1, sizeof *listed);
	for (size_t i = 0; i <= config.sources.count + count; i++) {
		const struct source *source = NULL;
		const struct source_row *row = NULL;
		if (i < config.sources.count) {
			source = &config.sources.sources[i];
			for (size_t k = 0; k < count; k++)
				if (strcmp(rows[k].name, source->name) == 0) {
					row = &rows[k];
					listed[k] = true;
				}
		} else if (i > config.sources.count) {
			size_t k = i - config.sources.count - 1;
			if (listed[k])
				continue;
			row = &rows[k];
		} else {
			continue;
		}
		const char *name = source ? source->name : row->name;
		const char *location = source ? source->location : row->location;
		char *clean_name = clean_line(name);
		char *clean_location = clean_line(location ? location : "-");
		printf("%s\t%s\n", clean_name, clean_location);
		if (row) {
			char *summary = source_row_summary(row, source != NULL);
			printf("%s\n", summary);
			free(summary);
			if (row->last_error) {
				char *clean_error = clean_line(row->last_error);
				printf(_("  last error: %s\n"), clean_error);
				free(clean_error);
			}
		} else {
			printf("%s\n", _("  not refreshed yet"));
		}
		if (!source)
			printf("%s\n", _("  not in the config file"));
		free(clean_name);
		free(clean_location);
	}
	free(listed);
	source_rows_free(rows, count);
	config_free(&config);
	return 0;
}
