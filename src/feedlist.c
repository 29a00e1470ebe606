/* OPML import into the config (feeds.conf, included by the config) and
 * export of the configured sources as OPML. */
#include <config.h>

#include "feedlist.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "i18n.h"
#include "os.h"
#include "sources.h"
#include "strbuf.h"
#include "xalloc.h"

#define FEEDS_FILE "feeds.conf"

static char *sibling(const char *path, const char *name)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(name);
	return xasprintf("%.*s/%s", (int)(slash - path), path, name);
}

/* Whether the file at PATH has a line "include feeds.conf". */
static bool includes_feeds(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	char line[4096];
	bool found = false;
	while (!found && fgets(line, sizeof line, f)) {
		char *p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, "include", 7) != 0 || (p[7] != ' ' && p[7] != '\t'))
			continue;
		p += 8;
		while (*p == ' ' || *p == '\t' || *p == '"')
			p++;
		found = strncmp(p, FEEDS_FILE, strlen(FEEDS_FILE)) == 0;
	}
	fclose(f);
	return found;
}

static int append(const char *path, const char *text, char **error)
{
	char *failed = NULL;
	if (os_make_parent_dirs(path, &failed) != 0) {
		*error = xasprintf("%s: %s", failed ? failed : path, strerror(errno));
		free(failed);
		return -1;
	}
	FILE *f = fopen(path, "a");
	if (!f || fputs(text, f) == EOF || fclose(f) != 0) {
		*error = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Whether OPTION ("every=2h") is one source_parse accepts. */
static bool option_valid(const char *option)
{
	char *argv[] = { "source", "x", "https://x.example/", (char *)option };
	struct source parsed;
	char *why = NULL;
	if (source_parse(4, argv, &parsed, &why) != 0) {
		free(why);
		return false;
	}
	source_clear(&parsed);
	return true;
}

/* The source line for FEED, checked with the config's own parser.  A
 * radar: option the parser refuses is left out (counted in *DROPPED):
 * the feed itself is still worth adding. */
static char *source_line(const struct opml_feed *feed, const char *name, size_t *dropped,
                         char **error)
{
	struct strbuf tags;
	strbuf_init(&tags);
	for (size_t i = 0; i < feed->tag_count; i++) {
		if (i)
			strbuf_putc(&tags, ',');
		strbuf_puts(&tags, feed->tags[i]);
	}
	char *option = tags.len ? xasprintf("tags=%s", tags.data) : NULL;
	struct strbuf options;
	strbuf_init(&options);
	*dropped = feed->options_unsafe;
	for (size_t i = 0; i < feed->option_count; i++) {
		if (!option_valid(feed->options[i])) {
			(*dropped)++;
			continue;
		}
		strbuf_putc(&options, ' ');
		strbuf_puts(&options, feed->options[i]);
	}
	char *argv[] = { "source", (char *)name, feed->url, option };
	struct source parsed;
	char *line = NULL;
	if (source_parse(option ? 4 : 3, argv, &parsed, error) == 0) {
		line = option ? xasprintf("source %s %s tags=\"%s\"%s\n", name, feed->url, tags.data,
		                          options.len ? options.data : "")
		              : xasprintf("source %s %s%s\n", name, feed->url, options.len ? options.data : "");
		source_clear(&parsed);
	}
	free(option);
	strbuf_clear(&tags);
	strbuf_clear(&options);
	return line;
}

int feedlist_import(const char *data, size_t len, const char *config_path,
                    struct feedlist_report *report, char **error)
{
	memset(report, 0, sizeof *report);
	*error = NULL;
	struct opml_list list;
	if (opml_parse(data, len, &list, error) != 0)
		return -1;
	char *path = config_path ? xstrdup(config_path) : config_default_path();
	if (!path) {
		opml_list_clear(&list);
		*error = xstrdup(_("no config file to add the feeds to ($HOME is not set)"));
		return -1;
	}
	struct config config;
	config_load(path, &config);
	char **names = xcalloc(config.sources.count + list.count + 1, sizeof *names);
	size_t name_count = 0;
	for (size_t i = 0; i < config.sources.count; i++)
		names[name_count++] = xstrdup(config.sources.sources[i].name);
	struct strbuf out;
	strbuf_init(&out);
	int rc = 0;
	for (size_t i = 0; i < list.count && rc == 0; i++) {
		const struct opml_feed *feed = &list.feeds[i];
		bool known = false;
		for (size_t k = 0; k < config.sources.count && !known; k++)
			known = strcmp(config.sources.sources[k].location, feed->url) == 0;
		for (size_t k = 0; k < i && !known; k++)
			known = strcmp(list.feeds[k].url, feed->url) == 0;
		if (known) {
			report->known++;
			continue;
		}
		char *name = opml_source_name(feed, names, name_count);
		char *why = NULL;
		size_t dropped = 0;
		char *line = source_line(feed, name, &dropped, &why);
		if (!line) {
			report->skipped++;
			free(why);
			free(name);
			continue;
		}
		names[name_count++] = name;
		report->options_dropped += dropped;
		strbuf_puts(&out, line);
		free(line);
		report->added++;
	}
	report->skipped += list.skipped;
	char *feeds = sibling(path, FEEDS_FILE);
	if (report->added > 0) {
		char *text = xasprintf(_("# Added by 'radar import' from an OPML file; edit freely.\n%s"),
		                       out.data);
		rc = append(feeds, text, error);
		free(text);
		if (rc == 0 && !includes_feeds(path))
			rc = append(path, _("\n# The feeds 'radar import FILE.opml' added.\ninclude feeds.conf\n"),
			            error);
	}
	report->file = feeds;
	if (rc != 0) {
		free(report->file);
		report->file = NULL;
	}
	for (size_t i = 0; i < name_count; i++)
		free(names[i]);
	free(names);
	strbuf_clear(&out);
	config_clear(&config);
	opml_list_clear(&list);
	free(path);
	return rc;
}

/* SECONDS in the largest unit every= takes that says it exactly. */
static const char *format_interval(int seconds, char *buf, size_t size)
{
	if (seconds % 86400 == 0)
		snprintf(buf, size, "%dd", seconds / 86400);
	else if (seconds % 3600 == 0)
		snprintf(buf, size, "%dh", seconds / 3600);
	else if (seconds % 60 == 0)
		snprintf(buf, size, "%dm", seconds / 60);
	else
		snprintf(buf, size, "%ds", seconds);
	return buf;
}

static void indent(FILE *out, size_t depth)
{
	for (size_t i = 0; i < depth; i++)
		fputs("  ", out);
}

/* Tags are written as nested group outlines, the way OPML readers keep
 * folders and the way feedlist_import reads them back as tags=: the
 * source's tags in order, groups shared by sources next to each other.
 * A source that is no feed URL (a directory, a file, a dated URL pattern)
 * means nothing to another reader: it is kept as a comment, so the export
 * still lists everything configured.  The options OPML has no attribute
 * for (every=, as=, charset=, days= when not the default) are written as
 * radar:-namespaced attributes, which other readers ignore and
 * feedlist_import reads back. */
void feedlist_export(const struct config *config, FILE *out)
{
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\" xmlns:radar=\"" OPML_RADAR_NS "\">\n"
	      "  <head><title>radar sources</title></head>\n  <body>\n", out);
	char *const *open = NULL;       /* the tags of the groups open now */
	size_t open_count = 0;
	for (size_t i = 0; i < config->sources.count; i++) {
		const struct source *s = &config->sources.sources[i];
		if (!s->remote || s->type != SOURCE_URL) {
			char *text = xasprintf("radar source %s %s (%s)", s->name, s->location,
			                       _("not a feed URL other readers can fetch"));
			char *line = opml_comment(text);
			indent(out, open_count);
			fputs(line, out);
			free(line);
			free(text);
			continue;
		}
		size_t common = 0;
		while (common < open_count && common < s->tag_count &&
		       strcmp(open[common], s->tags[common]) == 0)
			common++;
		for (; open_count > common; open_count--) {
			indent(out, open_count - 1);
			fputs("    </outline>\n", out);
		}
		for (; open_count < s->tag_count; open_count++) {
			char *line = opml_group(s->tags[open_count]);
			indent(out, open_count);
			fputs(line, out);
			free(line);
		}
		open = s->tags;
		char every[32], days[16];
		const char *radar[9];
		size_t n = 0;
		if (s->every > 0) {
			radar[n++] = "every";
			radar[n++] = format_interval(s->every, every, sizeof every);
		}
		if (s->as == FEED_AS_ITEMS || s->as == FEED_AS_DIGESTS) {
			radar[n++] = "as";
			radar[n++] = s->as == FEED_AS_ITEMS ? "items" : "digests";
		}
		if (s->charset) {
			radar[n++] = "charset";
			radar[n++] = s->charset;
		}
		if (s->days != SOURCE_DEFAULT_DAYS) {
			snprintf(days, sizeof days, "%d", s->days);
			radar[n++] = "days";
			radar[n++] = days;
		}
		radar[n] = NULL;
		char *line = opml_outline(s->name, s->location, radar);
		indent(out, open_count);
		fputs(line, out);
		free(line);
	}
	for (; open_count > 0; open_count--) {
		indent(out, open_count - 1);
		fputs("    </outline>\n", out);
	}
	fputs("  </body>\n</opml>\n", out);
}
