/* RSS 2.0, RSS 1.0/RDF and Atom 1.0 documents → entries (title, link, id,
 * date, authors, categories, summary and content HTML), and the two date
 * spellings feeds use (RFC 822 for RSS, ISO 8601 for Atom and dc:date). */
#include <config.h>

#include "feed/internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "i18n.h"
#include "xalloc.h"

#define NS_ATOM "http://www.w3.org/2005/Atom"
#define NS_RSS1 "http://purl.org/rss/1.0/"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

/* ---------------------------------------------------------------- dates */

static int month_number(const char *s)
{
	static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	for (int i = 0; i < 12; i++)
		if (strncasecmp(s, months + i * 3, 3) == 0)
			return i + 1;
	return 0;
}

/* "Mon, 15 Jan 2024 10:00:00 GMT", "15 Jan 24 10:00 +0100", "... EST". */
static bool rfc822(const char *s, char out[DATE_ISO_MAX])
{
	while (isspace((unsigned char)*s))
		s++;
	if (isalpha((unsigned char)*s)) {     /* the day name */
		while (isalpha((unsigned char)*s))
			s++;
		if (*s == ',')
			s++;
	}
	int day, year, hour = 0, minute = 0, second = 0, n = 0;
	char month[4] = "";
	if (sscanf(s, " %d %3s %d %n", &day, month, &year, &n) < 3 || n == 0)
		return false;
	int mon = month_number(month);
	if (!mon || day < 1 || day > 31)
		return false;
	if (year < 100)
		year += year < 50 ? 2000 : 1900;
	s += n;
	int m = 0;
	if (sscanf(s, "%d:%d%n", &hour, &minute, &m) < 2) {
		snprintf(out, DATE_ISO_MAX, "%04d-%02d-%02d", year, mon, day);
		return true;
	}
	s += m;
	if (*s == ':' && sscanf(s + 1, "%d%n", &second, &m) == 1)
		s += 1 + m;
	while (*s == ' ')
		s++;
	int offset = 0;     /* minutes east of UTC */
	static const struct {
		const char *name;
		int hours;
	} zones[] = {
		{ "GMT", 0 }, { "UT", 0 }, { "UTC", 0 }, { "Z", 0 }, { "EST", -5 }, { "EDT", -4 },
		{ "CST", -6 }, { "CDT", -5 }, { "MST", -7 }, { "MDT", -6 }, { "PST", -8 }, { "PDT", -7 },
	};
	if ((*s == '+' || *s == '-') && isdigit((unsigned char)s[1])) {
		int v = atoi(s + 1);
		offset = (v / 100) * 60 + v % 100;
		if (*s == '-')
			offset = -offset;
	} else {
		for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++)
			if (strncasecmp(s, zones[i].name, strlen(zones[i].name)) == 0 &&
			    !isalpha((unsigned char)s[strlen(zones[i].name)])) {
				offset = zones[i].hours * 60;
				break;
			}
	}
	if (hour > 23 || minute > 59 || second > 60 || offset < -24 * 60 || offset > 24 * 60)
		return false;
	if (year < 1000 || year > 9999)
		return false;
	int a = offset < 0 ? -offset : offset;
	char iso[96];
	snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", year, mon, day, hour,
	         minute, second, offset < 0 ? '-' : '+', a / 60, a % 60);
	size_t iso_len = strlen(iso);
	if (iso_len >= DATE_ISO_MAX)
		return false;
	memcpy(out, iso, iso_len + 1);
	return true;
}

bool entry_date(const char *s, char out[DATE_ISO_MAX])
{
	if (!s)
		return false;
	return rfc822(s, out) || date_parse(s, out);
}

/* ---------------------------------------------------------------- helpers */

/* A child in no namespace or RSS 1.0's (RSS 2.0 and RDF elements). */
static xmlNode *rss_child(const xmlNode *node, const char *name)
{
	for (xmlNode *c = node->children; c; c = c->next)
		if (xml_is_ns(c, name, NULL) || xml_is_ns(c, name, NS_RSS1))
			return c;
	return NULL;
}

static void set_date(char **slot, const xmlNode *node)
{
	char *text = xml_text(node);
	char iso[DATE_ISO_MAX];
	if (!*slot && text && entry_date(text, iso))
		*slot = xstrdup(iso);
	free(text);
}

static void set_feed_date(struct feed_doc *out, const xmlNode *node, const char *element)
{
	if (out->date)
		return;
	set_date(&out->date, node);
	if (out->date)
		out->date_element = element;
}

static void add_category(struct entry *e, char *name)
{
	if (!name)
		return;
	for (size_t i = 0; i < e->category_count; i++)
		if (strcasecmp(e->categories[i], name) == 0) {
			free(name);
			return;
		}
	if (e->category_count >= 32) {
		free(name);
		return;
	}
	e->categories = xrealloc(e->categories, (e->category_count + 1) * sizeof *e->categories);
	e->categories[e->category_count++] = name;
}

static void add_author(struct strbuf *sb, char *name)
{
	if (!name)
		return;
	/* RSS's "mail@example.com (Name)". */
	char *open = strchr(name, '(');
	char *close = open ? strrchr(open, ')') : NULL;
	const char *shown = name;
	if (open && close && strchr(name, '@') && strchr(name, '@') < open) {
		*close = '\0';
		shown = open + 1;
	}
	if (sb->len)
		strbuf_puts(sb, ", ");
	strbuf_puts(sb, shown);
	free(name);
}

static char *flat_title(const xmlNode *node)
{
	char *raw = xml_text(node);
	if (!raw)
		return NULL;
	char *flat = html_plain_text(raw, strlen(raw));
	free(raw);
	return flat;
}

static char *absolute(char *url, const char *base)
{
	if (!url)
		return NULL;
	char *resolved = html_resolve(url, base);
	free(url);
	return resolved;
}

static struct entry *new_entry(struct feed_doc *doc)
{
	if (doc->entry_count >= FEED_MAX_ENTRIES)
		return NULL;
	doc->entries = xrealloc(doc->entries, (doc->entry_count + 1) * sizeof *doc->entries);
	struct entry *e = &doc->entries[doc->entry_count++];
	memset(e, 0, sizeof *e);
	return e;
}

/* ---------------------------------------------------------------- RSS */

static void rss_item(struct feed_doc *doc, const xmlNode *item, const char *base)
{
	struct entry *e = new_entry(doc);
	if (!e)
		return;
	struct strbuf authors;
	strbuf_init(&authors);
	e->title = flat_title(rss_child(item, "title"));
	e->link = absolute(xml_text(rss_child(item, "link")), base);
	e->comments = absolute(xml_text(rss_child(item, "comments")), base);
	e->id = xml_text(rss_child(item, "guid"));
	if (!e->id)
		e->id = xml_attr(item, "about");
	if (!e->link && e->id) {
		const xmlNode *guid = rss_child(item, "guid");
		char *perma = guid ? xml_attr(guid, "isPermaLink") : NULL;
		if (!perma || strcmp(perma, "false") != 0)
			e->link = html_resolve(e->id, NULL);
		free(perma);
	}
	e->summary_html = xml_text(rss_child(item, "description"));
	for (const xmlNode *c = item->children; c; c = c->next) {
		if (xml_is_ns(c, "encoded", NS_CONTENT) && !e->content_html)
			e->content_html = xml_text(c);
		else if (xml_is_ns(c, "creator", NS_DC) || xml_is_ns(c, "author", NULL))
			add_author(&authors, xml_text(c));
		else if (xml_is_ns(c, "category", NULL) || xml_is_ns(c, "subject", NS_DC))
			add_category(e, flat_title(c));
		else if (xml_is_ns(c, "pubDate", NULL) || xml_is_ns(c, "date", NS_DC))
			set_date(&e->date, c);
	}
	e->authors = authors.len ? strbuf_detach(&authors) : NULL;
	strbuf_clear(&authors);
}

static int read_rss(xmlNode *root, const char *location, struct feed_doc *out)
{
	xmlNode *channel = rss_child(root, "channel");
	if (channel) {
		out->title = flat_title(rss_child(channel, "title"));
		out->link = absolute(xml_text(rss_child(channel, "link")), location);
		set_feed_date(out, rss_child(channel, "pubDate"), "<pubDate>");
		set_feed_date(out, rss_child(channel, "lastBuildDate"), "<lastBuildDate>");
		set_feed_date(out, xml_child(channel, "date", NS_DC), "<dc:date>");
	}
	const char *base = out->link ? out->link : location;
	/* RSS 2.0 items are in the channel, RSS 1.0's beside it. */
	for (int pass = 0; pass < 2; pass++) {
		const xmlNode *parent = pass == 0 ? channel : root;
		if (!parent)
			continue;
		for (const xmlNode *c = parent->children; c; c = c->next)
			if (xml_is_ns(c, "item", NULL) || xml_is_ns(c, "item", NS_RSS1))
				rss_item(out, c, base);
	}
	return 0;
}

/* ---------------------------------------------------------------- Atom */

static char *atom_link(const xmlNode *node, const char *base)
{
	char *fallback = NULL;
	for (const xmlNode *c = node->children; c; c = c->next) {
		if (!xml_is_ns(c, "link", NS_ATOM))
			continue;
		char *rel = xml_attr(c, "rel");
		char *href = xml_attr(c, "href");
		bool alternate = !rel || strcmp(rel, "alternate") == 0;
		free(rel);
		if (href && alternate) {
			free(fallback);
			return absolute(href, base);
		}
		if (!fallback)
			fallback = href;
		else
			free(href);
	}
	return absolute(fallback, base);
}

static void atom_entry(struct feed_doc *doc, const xmlNode *node, const char *base)
{
	struct entry *e = new_entry(doc);
	if (!e)
		return;
	struct strbuf authors;
	strbuf_init(&authors);
	e->title = flat_title(xml_child(node, "title", NS_ATOM));
	e->link = atom_link(node, base);
	e->id = xml_text(xml_child(node, "id", NS_ATOM));
	if (!e->link && e->id)
		e->link = html_resolve(e->id, NULL);
	set_date(&e->date, xml_child(node, "published", NS_ATOM));
	set_date(&e->date, xml_child(node, "updated", NS_ATOM));
	e->summary_html = xml_text(xml_child(node, "summary", NS_ATOM));
	const xmlNode *content = xml_child(node, "content", NS_ATOM);
	if (content) {
		char *src = xml_attr(content, "src");
		if (!src)
			e->content_html = xml_text(content);
		free(src);
	}
	for (const xmlNode *c = node->children; c; c = c->next) {
		if (xml_is_ns(c, "author", NS_ATOM))
			add_author(&authors, xml_text(xml_child(c, "name", NS_ATOM)));
		else if (xml_is_ns(c, "category", NS_ATOM)) {
			char *label = xml_attr(c, "label");
			add_category(e, label ? label : xml_attr(c, "term"));
		}
	}
	e->authors = authors.len ? strbuf_detach(&authors) : NULL;
	strbuf_clear(&authors);
}

static int read_atom(xmlNode *root, const char *location, struct feed_doc *out)
{
	out->title = flat_title(xml_child(root, "title", NS_ATOM));
	out->link = atom_link(root, location);
	set_feed_date(out, xml_child(root, "updated", NS_ATOM), "<updated>");
	const char *base = out->link ? out->link : location;
	for (const xmlNode *c = root->children; c; c = c->next)
		if (xml_is_ns(c, "entry", NS_ATOM))
			atom_entry(out, c, base);
	return 0;
}

/* ---------------------------------------------------------------- entry point */

int entries_read(xmlNode *root, const char *location, struct feed_doc *out, char **error)
{
	memset(out, 0, sizeof *out);
	if (xml_is_ns(root, "rss", NULL))
		return read_rss(root, location, out);
	if (xml_is_ns(root, "RDF", NS_RDF))
		return read_rss(root, location, out);
	if (xml_is_ns(root, "feed", NS_ATOM))
		return read_atom(root, location, out);
	*error = xasprintf(_("an XML document whose root <%s> is no RSS or Atom feed"),
	                   root && root->name ? (const char *)root->name : "?");
	return -1;
}

void feed_doc_clear(struct feed_doc *doc)
{
	for (size_t i = 0; i < doc->entry_count; i++) {
		struct entry *e = &doc->entries[i];
		free(e->id);
		free(e->title);
		free(e->link);
		free(e->comments);
		free(e->date);
		free(e->authors);
		free(e->summary_html);
		free(e->content_html);
		for (size_t k = 0; k < e->category_count; k++)
			free(e->categories[k]);
		free(e->categories);
	}
	free(doc->entries);
	free(doc->title);
	free(doc->link);
	free(doc->date);
	memset(doc, 0, sizeof *doc);
}
