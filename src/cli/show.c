/* `radar show ID`: an item (or with --digest a digest) rendered as the article pane renders it,
 * --highlight QUERY's words in reverse video on a terminal. */
#include <config.h>

#include "commands.h"
#include "cli/internal.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hyperlink.h"
#include "i18n.h"
#include "ingest.h"
#include "item-article.h"
#include "query.h"
#include "strbuf.h"
#include "xalloc.h"

/* ---------------------------------------------------------------- show */

static int default_width(void)
{
	int width = command_terminal_width();
	if (width <= 0)
		width = cli_columns_from_environment();
	return width > 0 ? width : 80;
}

/* The highlighted words and whether to draw them (--color). */
struct highlight {
	char **words;
	size_t count;
};

#define HIGHLIGHT_ON "\033[7m"
#define HIGHLIGHT_OFF "\033[27m"

/* Each match of the words wrapped in reverse video, found as the article
 * pane finds them (query_line_matches: across spans and across the lines
 * a wrapped phrase is split over), the codes put around each span's part
 * of it.  URLs are left alone: hyperlink_text knows a link by its span's
 * text.  All lines are matched before any span changes. */
static void highlight_spans(struct render_output *out, const struct highlight *h)
{
	if (!h || !h->count)
		return;
	size_t lines = out->lines.count;
	struct query_range **ranges = xcalloc(lines ? lines : 1, sizeof *ranges);
	size_t *counts = xcalloc(lines ? lines : 1, sizeof *counts);
	for (size_t l = 0; l < lines; l++)
		counts[l] = query_line_matches(&out->lines, l, h->words, h->count, &ranges[l]);
	for (size_t l = 0; l < lines; l++) {
		struct text_line *line = &out->lines.lines[l];
		size_t offset = 0, r = 0;
		for (size_t s = 0; s < line->span_count && counts[l]; s++) {
			char *text = line->spans[s].text;
			size_t len = strlen(text), at = 0;
			bool url = strncmp(text, "http://", 7) == 0 || strncmp(text, "https://", 8) == 0;
			struct strbuf sb;
			strbuf_init(&sb);
			strbuf_puts(&sb, "");
			while (!url && r < counts[l] && ranges[l][r].start < offset + len) {
				struct query_range m = ranges[l][r];
				size_t from = m.start > offset ? m.start - offset : 0;
				size_t to = m.end - offset < len ? m.end - offset : len;
				strbuf_printf(&sb, "%.*s" HIGHLIGHT_ON "%.*s" HIGHLIGHT_OFF, (int)(from - at),
				              text + at, (int)(to - from), text + from);
				at = to;
				if (m.end > offset + len)
					break;  /* it goes on in the next span */
				r++;
			}
			if (at > 0) {
				strbuf_puts(&sb, text + at);
				free(text);
				line->spans[s].text = strbuf_detach(&sb);
			} else {
				strbuf_clear(&sb);
			}
			offset += len;
			while (r < counts[l] && ranges[l][r].end <= offset)
				r++;
		}
		free(ranges[l]);
	}
	free(ranges);
	free(counts);
}

static int show_item(struct store *store, int64_t id, int width, const struct highlight *h)
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
	highlight_spans(&out, h);
	char *text = hyperlink_text(&out, hyperlinks_enabled(stdout));
	fputs(text, stdout);
	free(text);
	int recurs = 0;
	if (store_item_recurrence(store, id, &recurs, &error) == 0 && recurs > 0)
		printf(ngettext("\nBoilerplate: recurs in %d digest of this source (hidden from lists; ls --all shows it)\n",
		                "\nBoilerplate: recurs in %d digests of this source (hidden from lists; ls --all shows it)\n",
		                (unsigned long)recurs), recurs);
	free(error);
	render_output_clear(&out);
	item_detail_clear(&detail);
	return 0;
}

static int show_digest(struct store *store, int64_t id, int width, const struct highlight *h)
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
	highlight_spans(&out, h);
	char *text = hyperlink_text(&out, hyperlinks_enabled(stdout));
	fputs(text, stdout);
	free(text);
	render_output_clear(&out);
	free(markdown);
	return 0;
}


int command_show(const struct command_context *ctx, int argc, char **argv)
{
	enum { OPT_WIDTH = 256, OPT_DIGEST, OPT_HIGHLIGHT, OPT_COLOR };
	static const struct option options[] = {
		{ "width", required_argument, NULL, OPT_WIDTH },
		{ "digest", no_argument, NULL, OPT_DIGEST },
		{ "highlight", required_argument, NULL, OPT_HIGHLIGHT },
		{ "color", required_argument, NULL, OPT_COLOR },
		{ NULL, 0, NULL, 0 },
	};
	long long width = 0;
	bool digest = false;
	const char *highlight = NULL, *color = "auto";
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
		case OPT_HIGHLIGHT:
			highlight = optarg;
			break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") != 0 && strcmp(optarg, "always") != 0
			    && strcmp(optarg, "never") != 0)
				return command_usage_error(_("--color: '%s' is not auto, always or never"), optarg);
			color = optarg;
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
	/* The query's words (its text terms), checked like any query. */
	struct highlight h = { NULL, 0 };
	if (highlight) {
		struct query query;
		char *error = NULL;
		if (query_parse(highlight, &query, &error) != 0) {
			command_usage_error("--highlight: %s", error);
			free(error);
			return 2;
		}
		const char *term = getenv("TERM");
		bool on = strcmp(color, "always") == 0
		          || (strcmp(color, "auto") == 0 && isatty(STDOUT_FILENO)
		              && !(term && strcmp(term, "dumb") == 0));
		if (on) {
			struct item_filter filter;
			item_filter_init(&filter);
			filter.terms = query.terms;
			filter.term_count = query.count;
			h.words = query_words(&filter, &h.count);
		}
		query_clear(&query);
	}
	int status = 1;
	if (!cli_need_store(ctx) && cli_apply_display_settings(ctx) >= 0) {
		if (width == 0)
			width = default_width();
		status = digest ? show_digest(ctx->store, id, (int)width, &h)
		                : show_item(ctx->store, id, (int)width, &h);
	}
	query_words_free(h.words, h.count);
	return status;
}
