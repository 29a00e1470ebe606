/* OPML lists of feeds (newsboat, newsraft, Feedly, Inoreader exports):
 * reading the outlines (a feed is an outline with an http(s) xmlUrl; the
 * outlines it is nested in are its tags; radar:-namespaced attributes
 * are its source options), source names for them, and one feed written
 * back as an outline. */
#include <config.h>

#include "feed/internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>

#include "i18n.h"
#include "text.h"
#include "xalloc.h"

#define MAX_NESTING 16

struct walk {
	struct opml_list *list;
	char *path[MAX_NESTING];
	size_t depth;
	size_t outlines;
};

static char *outline_title(const xmlNode *n)
{
	char *t = xml_attr(n, "text");
	if (!t)
		t = xml_attr(n, "title");
	if (!t)
		return NULL;
	char *clean = text_clean(t, strlen(t));
	free(t);
	for (char *p = clean; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	return clean;
}

/* An outline's title as a tag: no commas (they separate tags=). */
static char *as_tag(const char *title)
{
	char *tag = xstrdup(title);
	for (char *p = tag; *p; p++)
		if (*p == ',' || *p == '"' || *p == '\\')
			*p = ' ';
	return tag;
}

/* A value that cannot break out of a `source` line nor smuggle another
 * option into it: the options' own parsers judge it further. */
static bool safe_value(const char *v)
{
	if (!*v || strlen(v) > 64)
		return false;
	for (const char *p = v; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("._:-", *p))
			return false;
	return true;
}

static void read_options(const xmlNode *n, struct opml_feed *f)
{
	static const char *const keys[] = OPML_RADAR_OPTIONS;
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		xmlChar *v = xmlGetNsProp((xmlNode *)n, (const xmlChar *)keys[i],
		                          (const xmlChar *)OPML_RADAR_NS);
		if (!v)
			continue;
		if (safe_value((const char *)v)) {
			f->options = xrealloc(f->options, (f->option_count + 1) * sizeof *f->options);
			f->options[f->option_count++] = xasprintf("%s=%s", keys[i], (const char *)v);
		} else {
			f->options_unsafe++;
		}
		xmlFree(v);
	}
}

static void walk_outlines(struct walk *w, const xmlNode *parent)
{
	for (const xmlNode *n = parent->children; n; n = n->next) {
		if (!xml_is(n, "outline"))
			continue;
		if (++w->outlines > FEED_MAX_OUTLINES)
			return;
		char *url = xml_attr(n, "xmlUrl");
		if (!url)
			url = xml_attr(n, "xmlurl");
		char *title = outline_title(n);
		if (url && (strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0) &&
		    !strpbrk(url, " \t\n\r\"")) {
			struct opml_list *l = w->list;
			l->feeds = xrealloc(l->feeds, (l->count + 1) * sizeof *l->feeds);
			struct opml_feed *f = &l->feeds[l->count++];
			memset(f, 0, sizeof *f);
			f->url = url;
			f->title = title;
			title = NULL;
			url = NULL;
			for (size_t i = 0; i < w->depth; i++) {
				if (!w->path[i])
					continue;
				f->tags = xrealloc(f->tags, (f->tag_count + 1) * sizeof *f->tags);
				f->tags[f->tag_count++] = xstrdup(w->path[i]);
			}
			read_options(n, f);
		} else if (url) {
			w->list->skipped++;
		} else if (n->children) {
			/* Folders deeper than MAX_NESTING give no more tags, but
			 * their feeds are read (libxml2's depth limit, 256 without
			 * XML_PARSE_HUGE, bounds the recursion). */
			bool tagged = w->depth < MAX_NESTING;
			if (tagged)
				w->path[w->depth++] = title ? as_tag(title) : NULL;
			walk_outlines(w, n);
			if (tagged)
				free(w->path[--w->depth]);
		}
		free(url);
		free(title);
	}
}

int opml_parse(const char *bytes, size_t len, struct opml_list *out, char **error)
{
	memset(out, 0, sizeof *out);
	*error = NULL;
	xmlDocPtr doc = xml_read(bytes, len, error);
	if (!doc)
		return -1;
	xmlNode *root = xmlDocGetRootElement(doc);
	xmlNode *body = xml_is(root, "opml") ? xml_child(root, "body", NULL) : NULL;
	if (!body) {
		*error = xstrdup(_("not an OPML file (no <opml><body>)"));
		xmlFreeDoc(doc);
		return -1;
	}
	struct walk w = { .list = out };
	walk_outlines(&w, body);
	xmlFreeDoc(doc);
	if (w.outlines > FEED_MAX_OUTLINES) {
		*error = xasprintf(_("more than %d outlines"), FEED_MAX_OUTLINES);
		opml_list_clear(out);
		return -1;
	}
	return 0;
}

void opml_list_clear(struct opml_list *list)
{
	for (size_t i = 0; i < list->count; i++) {
		struct opml_feed *f = &list->feeds[i];
		free(f->url);
		free(f->title);
		for (size_t k = 0; k < f->tag_count; k++)
			free(f->tags[k]);
		free(f->tags);
		for (size_t k = 0; k < f->option_count; k++)
			free(f->options[k]);
		free(f->options);
	}
	free(list->feeds);
	memset(list, 0, sizeof *list);
}

static bool taken_name(const char *name, char *const *taken, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(taken[i], name) == 0)
			return true;
	return false;
}

char *opml_source_name(const struct opml_feed *feed, char *const *taken, size_t taken_count)
{
	struct strbuf sb;
	strbuf_init(&sb);
	/* Letters and digits of the title (any script), '-' for the rest. */
	const char *from = feed->title;
	for (int pass = 0; pass < 2 && sb.len == 0; pass++) {
		if (pass == 1) {
			from = strstr(feed->url, "://");
			from = from ? from + 3 : feed->url;
		}
		for (const char *p = from; p && *p && sb.len < 40; p++) {
			if (pass == 1 && *p == '/')
				break;
			unsigned char c = (unsigned char)*p;
			if (isalnum(c) || c >= 0x80)
				strbuf_putc(&sb, (char)(isupper(c) ? tolower(c) : c));
			else if (sb.len && sb.data[sb.len - 1] != '-')
				strbuf_putc(&sb, '-');
		}
		/* A cut in the middle of a UTF-8 character is no name. */
		while (sb.len && ((unsigned char)sb.data[sb.len - 1] & 0xC0) == 0xC0)
			sb.data[--sb.len] = '\0';
		while (sb.len && sb.data[sb.len - 1] == '-')
			sb.data[--sb.len] = '\0';
	}
	if (sb.len == 0)
		strbuf_puts(&sb, "feed");
	char *base = strbuf_detach(&sb);
	char *name = xstrdup(base);
	for (int n = 2; taken_name(name, taken, taken_count); n++) {
		free(name);
		name = xasprintf("%s-%d", base, n);
	}
	free(base);
	return name;
}

static void xml_escape(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': strbuf_puts(sb, "&amp;"); break;
		case '<': strbuf_puts(sb, "&lt;"); break;
		case '>': strbuf_puts(sb, "&gt;"); break;
		case '"': strbuf_puts(sb, "&quot;"); break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\t')
				strbuf_putc(sb, *s);
		}
	}
}

char *opml_outline(const char *name, const char *url, const char *const *radar)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, "    <outline type=\"rss\" text=\"");
	xml_escape(&sb, name);
	strbuf_puts(&sb, "\" title=\"");
	xml_escape(&sb, name);
	strbuf_puts(&sb, "\" xmlUrl=\"");
	xml_escape(&sb, url);
	strbuf_putc(&sb, '"');
	for (const char *const *a = radar; a && a[0] && a[1]; a += 2) {
		strbuf_puts(&sb, " radar:");
		strbuf_puts(&sb, a[0]);
		strbuf_puts(&sb, "=\"");
		xml_escape(&sb, a[1]);
		strbuf_putc(&sb, '"');
	}
	strbuf_puts(&sb, "/>\n");
	return strbuf_detach(&sb);
}

char *opml_group(const char *title)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, "    <outline text=\"");
	xml_escape(&sb, title);
	strbuf_puts(&sb, "\" title=\"");
	xml_escape(&sb, title);
	strbuf_puts(&sb, "\">\n");
	return strbuf_detach(&sb);
}

char *opml_comment(const char *text)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, "    <!-- ");
	/* "--" may not occur in a comment, nor may it end in "-". */
	for (const char *p = text; *p; p++) {
		if ((unsigned char)*p < 0x20 && *p != '\t')
			continue;
		strbuf_putc(&sb, *p);
		if (*p == '-' && (p[1] == '-' || p[1] == '\0'))
			strbuf_putc(&sb, ' ');
	}
	strbuf_puts(&sb, " -->\n");
	return strbuf_detach(&sb);
}
