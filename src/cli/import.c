/* `radar import PATH…` (files, directories, stdin) and `radar reindex` (every stored digest read again by the current engine), with their one-line summaries. */
#include <config.h>

#include "commands.h"
#include "cli/internal.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "feedlist.h"
#include "i18n.h"
#include "ingest.h"
#include "strbuf.h"
#include "xalloc.h"

/* ---------------------------------------------------------------- import */

struct import_totals {
	int digests;
	int unchanged;
	int items_new;
	int items_updated;
	int errors;
	struct strbuf empty;        /* the digests that held no item, ", "-separated */
	int empty_count;
	struct ingest_queue *queue; /* parses on worker threads, stores in order */
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

/* PATH as typed names the file in messages; its real path is its key.
 * MEMBER: found in a directory, where a file that is no digest, feed or
 * page is skipped with a note rather than counted as an error. */
static void import_one(struct store *store, int64_t source_id, const char *path,
                       const char *config_path, bool member, struct import_totals *totals)
{
	char *real = realpath(path, NULL);
	if (!real) {
		ingest_queue_drain(totals->queue);      /* messages in file order */
		command_error("%s: %s", path, strerror(errno));
		totals->errors++;
		return;
	}
	char *data = NULL, *error = NULL;
	size_t len = 0;
	if (cli_read_digest_file(real, &data, &len, &error) != 0) {
		ingest_queue_drain(totals->queue);
		command_error("%s: %s", path, error);
		goto failed;
	}
	if (member && !feed_is_readable(data, len)) {
		command_error(_("%s: skipped: neither a digest, a feed nor a web page"), path);
		free(data);
		free(real);
		return;
	}
	if (feed_sniff(data, len) == FEED_BODY_OPML) {
		/* Its message after those of the files before it. */
		ingest_queue_drain(totals->queue);
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
		if (report.options_dropped)
			/* TRANSLATORS: radar:every= and the like on an OPML outline. */
			command_error(ngettext("%s: %zu radar: option left out (not a valid value)",
			                       "%s: %zu radar: options left out (not valid values)",
			                       (unsigned long)report.options_dropped),
			              path, report.options_dropped);
		free(report.file);
		free(data);
		free(real);
		return;
	}
	struct ingest_origin origin = { .location = real, .name = path };
	ingest_queue_push(totals->queue, source_id, &origin, data, len, xstrdup(path));
	free(real);
	return;
failed:
	free(error);
	free(data);
	free(real);
	totals->errors++;
}

/* A document's outcome, in the order they were queued; USER is its name. */
static void import_done(void *context, void *user, int rc, const struct ingest_result *result,
                        const char *error)
{
	struct import_totals *totals = context;
	char *path = user;
	if (rc != 0) {
		command_error("%s: %s", path, error);
		totals->errors++;
		free(path);
		return;
	}
	if (result->warning)
		command_error(_("%s: warning: %s"), path, result->warning);
	totals->digests++;
	if (result->unchanged)
		totals->unchanged++;
	totals->items_new += result->items_new;
	totals->items_updated += result->items_updated;
	if (result->items == 0) {
		if (totals->empty_count++ > 0)
			strbuf_puts(&totals->empty, ", ");
		strbuf_puts(&totals->empty, path);
	}
	free(path);
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
		import_one(store, source_id, name, NULL, targets[k].member, totals);
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
	if (cli_need_store(ctx))
		return 1;

	struct import_totals totals = { 0 };
	strbuf_init(&totals.empty);
	int64_t local_source = -1;
	char *error = NULL;
	if (store_import_run_begin(ctx->store, &error) != 0) {
		command_error("%s", error);
		free(error);
		strbuf_clear(&totals.empty);
		return 1;
	}
	/* Bulk: digests share transactions (store.h); each one is still whole
	 * or absent. */
	store_batch_begin(ctx->store, NULL);
	totals.queue = ingest_queue_new(ctx->store, ingest_default_workers(), import_done, &totals);
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
		import_one(ctx->store, local_source, arg, ctx->config_path, false, &totals);
	}
	ingest_queue_free(totals.queue);

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
	strbuf_clear(&totals.empty);
	return totals.errors ? 1 : 0;
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
	if (cli_need_store(ctx))
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
	/* The tag pane's counts (tags, sources, kinds, totals) recounted from
	 * the tags and items: whatever the cache's triggers may have missed (a
	 * cache another program wrote) is mended. */
	char *recount_error = NULL;
	if (store_recount_tags(ctx->store, &recount_error) != 0) {
		command_error("%s", recount_error ? recount_error : "?");
		free(recount_error);
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
