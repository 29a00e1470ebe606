/* `radar parse FILE…`: a digest or feed read and its items printed (text or JSON), nothing stored. */
#include <config.h>

#include "commands.h"
#include "cli/internal.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "ingest.h"
#include "json.h"
#include "store.h"
#include "text.h"
#include "xalloc.h"

/* ---------------------------------------------------------------- parse */

static void print_digest_item(struct strbuf *sb, const struct digest_item *item, const char *file)
{
	bool first = true;
	strbuf_putc(sb, '{');
	cli_json_clean_member(sb, &first, "key", item->key);
	json_member_string(sb, &first, "kind", kind_name(item->kind));
	cli_json_clean_member(sb, &first, "title", item->title);
	cli_json_clean_member(sb, &first, "url", item->url);

	const char **urls = xcalloc(item->link_count ? item->link_count : 1, sizeof *urls);
	for (size_t i = 0; i < item->link_count; i++)
		urls[i] = item->links[i].url;
	cli_json_clean_array(sb, &first, "links", urls, item->link_count);
	free(urls);

	const char **tags = xcalloc(item->tag_count ? item->tag_count : 1, sizeof *tags);
	for (size_t i = 0; i < item->tag_count; i++)
		tags[i] = item->tags[i].name;
	cli_json_clean_array(sb, &first, "tags", tags, item->tag_count);
	free(tags);

	cli_json_clean_member(sb, &first, "section", item->section ? item->section : "");
	cli_json_clean_member(sb, &first, "date", item->date);
	cli_json_clean_member(sb, &first, "summary", item->summary);
	cli_json_clean_member(sb, &first, "authors", item->authors);
	cli_json_clean_member(sb, &first, "file", file);
	strbuf_puts(sb, "}\n");
}

/* A feed's items, then the items of its entries read as digests. */
static int parse_feed(struct strbuf *sb, const char *path, const char *text, size_t len,
                      bool explain)
{
	struct feed_result feed;
	char *error = NULL, *why = NULL;
	if (feed_parse_explained(text, len, path, FEED_AS_AUTO, &feed, &error,
	                         explain ? &why : NULL) != 0) {
		command_error("%s: %s", path, error);
		free(error);
		return 1;
	}
	if (feed.items.warning)
		command_error(_("%s: warning: %s"), path, feed.items.warning);
	if (why) {
		strbuf_reset(sb);
		for (char *line = why, *next; *line; line = next) {
			next = strchr(line, '\n');
			if (next)
				*next++ = '\0';
			strbuf_printf(sb, "%s: %s\n", path, line);
			if (!next)
				break;
		}
		cli_write_out(sb);
		free(why);
		feed_result_clear(&feed);
		return 0;
	}
	for (size_t d = 0; d <= feed.digest_count; d++) {
		const struct digest *digest = d == 0 ? &feed.items : &feed.digests[d - 1].digest;
		for (size_t k = 0; k < digest->item_count; k++) {
			strbuf_reset(sb);
			print_digest_item(sb, &digest->items[k], path);
			cli_write_out(sb);
		}
	}
	feed_result_clear(&feed);
	return 0;
}

/* What the cache knows: an item whose text the source repeats in enough
 * digests is boilerplate there (store/boilerplate.c).  Quiet when there
 * is no cache or it cannot be read: parse stores nothing and needs none. */
static void explain_recurrence(const struct command_context *ctx, struct strbuf *sb, const char *path,
                               const struct digest *digest)
{
	struct store *store = NULL;
	char *error = NULL;
	if (!ctx->db_path || access(ctx->db_path, R_OK) != 0 || digest->item_count == 0 ||
	    store_open(ctx->db_path, STORE_READ_ONLY, &store, &error) != 0) {
		free(error);
		return;
	}
	char *real = realpath(path, NULL);
	int *counts = xcalloc(digest->item_count, sizeof *counts);
	if (store_digest_recurrence(store, real ? real : path, digest, counts, &error) == 0) {
		strbuf_reset(sb);
		for (size_t i = 0; i < digest->item_count; i++) {
			if (counts[i] < STORE_BOILERPLATE_DIGESTS)
				continue;
			char *title = text_clean(digest->items[i].title, strlen(digest->items[i].title));
			strbuf_printf(sb, "%s: ", path);
			strbuf_printf(sb, ngettext("item %zu \"%s\" recurs in %d digest of this source: boilerplate, left out of lists\n",
			                           "item %zu \"%s\" recurs in %d digests of this source: boilerplate, left out of lists\n",
			                           (unsigned long)counts[i]), i + 1, title, counts[i]);
			free(title);
		}
		cli_write_out(sb);
	}
	free(error);
	free(counts);
	free(real);
	store_close(store);
}

int command_parse(const struct command_context *ctx, int argc, char **argv)
{
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
		if (cli_read_digest_file(path, &data, &len, &error) != 0) {
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
			status |= parse_feed(&sb, path, text, text_len, explain);
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
			cli_write_out(&sb);
			free(why);
			explain_recurrence(ctx, &sb, path, &digest);
		}
		for (size_t k = 0; k < digest.item_count && !explain; k++) {
			strbuf_reset(&sb);
			print_digest_item(&sb, &digest.items[k], path);
			cli_write_out(&sb);
		}
		digest_clear(&digest);
	}
	strbuf_clear(&sb);
	return status;
}
