/* `radar show ID`: an item (or with --digest a digest) rendered as the article pane renders it. */
#include <config.h>

#include "commands.h"
#include "cli/internal.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "hyperlink.h"
#include "i18n.h"
#include "ingest.h"
#include "item-article.h"

/* ---------------------------------------------------------------- show */

static int default_width(void)
{
	int width = command_terminal_width();
	if (width <= 0)
		width = cli_columns_from_environment();
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
			if (!cli_parse_number(optarg, 1, MAX_WIDTH, &width))
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
	if (!cli_parse_id(argv[optind], &id))
		return command_usage_error(_("'%s' is not an ID (a positive whole number)"), argv[optind]);
	if (cli_need_store(ctx))
		return 1;
	if (cli_apply_display_settings(ctx) < 0)
		return 1;
	if (width == 0)
		width = default_width();
	return digest ? show_digest(ctx->store, id, (int)width) : show_item(ctx->store, id, (int)width);
}
