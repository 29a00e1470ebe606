/* `radar refresh` (every configured source fetched once, with a progress line on a terminal) and `radar sources` (their state). */
#include <config.h>

#include "commands.h"
#include "cli/internal.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "feedlist.h"
#include "i18n.h"
#include "refresh.h"
#include "store.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

/* ---------------------------------------------------------------- refresh, sources */

/* Read the config; its problems are reported and the rest is used.  -1
 * (CONFIG freed) when the file --config names cannot be read at all. */
static int load_config(const struct command_context *ctx, struct config *config)
{
	config_load(ctx->config_path, config);
	for (size_t i = 0; i < config->error_count; i++)
		command_error("%s", config->errors[i]);
	if (config->unreadable) {
		config_clear(config);
		return -1;
	}
	return 0;
}

struct refresh_progress {
	bool tty;
	int shown;          /* columns of the progress line on stderr */
	struct strbuf empty;    /* the documents that yielded no item, ", "-separated */
	int empty_count;
	/* the sources that had an error, once each, for the closing line */
	char **failed;
	size_t failed_count;
};

static void note_failed_source(struct refresh_progress *progress, const char *source)
{
	if (!source)
		source = "?";
	for (size_t i = 0; i < progress->failed_count; i++)
		if (strcmp(progress->failed[i], source) == 0)
			return;
	progress->failed = xrealloc(progress->failed, (progress->failed_count + 1) * sizeof *progress->failed);
	progress->failed[progress->failed_count++] = xstrdup(source);
}

static void free_failed_sources(struct refresh_progress *progress)
{
	for (size_t i = 0; i < progress->failed_count; i++)
		free(progress->failed[i]);
	free(progress->failed);
	progress->failed = NULL;
	progress->failed_count = 0;
}

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
	if (event->kind == REFRESH_EVENT_EMPTY) {
		if (progress->empty_count++ > 0)
			strbuf_puts(&progress->empty, ", ");
		strbuf_puts(&progress->empty, event->location ? event->location : "?");
		return;
	}
	if (event->kind == REFRESH_EVENT_ERROR || event->kind == REFRESH_EVENT_NOTE) {
		clear_progress(progress);
		/* A note (a file of a directory skipped) is said, not a failure. */
		if (event->kind == REFRESH_EVENT_ERROR)
			note_failed_source(progress, event->source);
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
		{ "all", no_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	int wait = 30;
	bool all = false;
	optind = 0;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		if (c == 'a') {
			all = true;
		} else if (c == 'w') {
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
		config_clear(&config);
		return 1;
	}
	struct refresh_options refresh;
	refresh_options_init(&refresh, ctx->db_path, &config.sources);
	refresh.lock_wait = wait;
	refresh.recheck_all = all;
	struct refresh_progress progress = { .tty = isatty(STDERR_FILENO) == 1 };
	strbuf_init(&progress.empty);
	struct refresh_totals totals;
	char *error = NULL;
	int rc = refresh_run(&refresh, on_refresh_event, &progress, NULL, &totals, &error);
	clear_progress(&progress);
	config_clear(&config);
	if (rc != 0) {
		command_error("%s", error ? error : _("the refresh failed"));
		free(error);
		strbuf_clear(&progress.empty);
		free_failed_sources(&progress);
		return 1;
	}
	char *summary = refresh_summary(&totals);
	printf("%s\n", summary);
	free(summary);
	if (progress.empty_count > 0) {
		/* As `radar import` says it: a digest radar cannot read. */
		char *names = text_clean(progress.empty.data, progress.empty.len);
		printf(ngettext("%d digest held no item: %s\n", "%d digests held no item: %s\n",
		                (unsigned long)progress.empty_count),
		       progress.empty_count, names);
		free(names);
	}
	strbuf_clear(&progress.empty);
	/* Honest for cron: any source with an error fails the run, named once
	 * more at the end (its errors came above, one per document). */
	int status = 0;
	if (progress.failed_count > 0 || totals.errors > 0) {
		struct strbuf names;
		strbuf_init(&names);
		for (size_t i = 0; i < progress.failed_count; i++) {
			if (i > 0)
				strbuf_puts(&names, ", ");
			strbuf_puts(&names, progress.failed[i]);
		}
		int failed = progress.failed_count > 0 ? (int)progress.failed_count : totals.sources_failed;
		command_error(ngettext("%d of %d sources had errors: %s", "%d of %d sources had errors: %s",
		                       (unsigned long)totals.sources),
		              failed, totals.sources, names.len ? names.data : "?");
		strbuf_clear(&names);
		status = 1;
	}
	free_failed_sources(&progress);
	return status;
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
		config_clear(&config);
		return 0;
	}
	if (cli_need_store(ctx))
		return 1;
	struct config config;
	if (load_config(ctx, &config) < 0)
		return 1;
	struct source_row *rows = NULL;
	size_t count = 0;
	char *error = NULL;
	/* Every item a source gave, boilerplate too: this is the cache's
	 * inventory, as `radar digests` counts a digest's items. */
	if (store_list_sources(ctx->store, true, &rows, &count, &error) != 0) {
		command_error("%s", error ? error : "?");
		free(error);
		config_clear(&config);
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
		char *clean_name = cli_clean_line(name);
		char *clean_location = cli_clean_line(location ? location : "-");
		printf("%s\t%s\n", clean_name, clean_location);
		if (row) {
			char *summary = source_row_summary(row, source != NULL);
			printf("%s\n", summary);
			free(summary);
			if (row->last_error) {
				char *clean_error = cli_clean_line(row->last_error);
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
	config_clear(&config);
	return 0;
}
