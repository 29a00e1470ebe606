/* feed_parse: a feed document's entries, each read as an item or as a
 * digest of its own (its HTML as Markdown, with the entry's title and date
 * as front matter, through the digest engine like any digest). */
#include <config.h>

#include "feed/internal.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "i18n.h"
#include "text.h"
#include "xalloc.h"

static void yaml_string(struct strbuf *sb, const char *key, const char *value)
{
	strbuf_printf(sb, "%s: \"", key);
	for (const char *p = value; *p; p++) {
		if (*p == '"' || *p == '\\')
			strbuf_putc(sb, '\\');
		strbuf_putc(sb, (*p == '\n' || *p == '\t' || *p == '\r') ? ' ' : *p);
	}
	strbuf_puts(sb, "\"\n");
}

/* The entry as a Markdown digest: front matter, then its HTML. */
static char *entry_markdown(const struct entry *e)
{
	const char *html = e->content_html ? e->content_html : e->summary_html;
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, "---\n");
	if (e->title)
		yaml_string(&sb, "title", e->title);
	if (e->date)
		yaml_string(&sb, "date", e->date);
	if (e->link)
		yaml_string(&sb, "link", e->link);
	strbuf_puts(&sb, "---\n\n");
	if (html) {
		char *md = html_markdown(html, strlen(html), e->link);
		strbuf_puts(&sb, md);
		free(md);
	}
	return strbuf_detach(&sb);
}

static bool add_digest(struct feed_result *out, const struct entry *e, const char *location,
                       size_t index, bool forced)
{
	char *markdown = entry_markdown(e);
	struct digest digest;
	char *error = NULL;
	if (digest_parse(markdown, strlen(markdown), location, &digest, &error) != 0) {
		free(error);
		free(markdown);
		return false;
	}
	if (digest.item_count == 0 && !forced) {
		digest_clear(&digest);
		free(markdown);
		return false;
	}
	out->digests = xrealloc(out->digests, (out->digest_count + 1) * sizeof *out->digests);
	struct feed_digest *d = &out->digests[out->digest_count++];
	const char *id = e->id ? e->id : e->link;
	d->location = id ? xasprintf("%s#%s", location, id) : xasprintf("%s#%zu", location, index + 1);
	d->markdown = markdown;
	d->digest = digest;
	return true;
}

static bool key_seen(const struct digest *d, const char *key)
{
	for (size_t i = 0; i + 1 < d->item_count; i++)
		if (strcmp(d->items[i].key, key) == 0)
			return true;
	return false;
}

static void drop_last(struct digest *d)
{
	/* digest_clear frees a whole digest; move the last item into one. */
	struct digest one;
	memset(&one, 0, sizeof one);
	one.items = xmalloc(sizeof *one.items);
	one.items[0] = d->items[--d->item_count];
	one.item_count = 1;
	digest_clear(&one);
}

/* "entry N: what it became; where its date came from". */
static void explain_entry(struct strbuf *sb, size_t index, const struct entry *e,
                          const char *became, const char *date_from)
{
	/* BECAME may be an item's key, made of the entry's link as it was
	 * written: it goes to a terminal. */
	char *clean = text_clean(became, strlen(became));
	strbuf_printf(sb, _("entry %zu: %s"), index + 1, clean);
	free(clean);
	strbuf_puts(sb, "; ");
	strbuf_puts(sb, date_from);
	if (e->title) {
		char *title = text_clean(e->title, strlen(e->title));
		strbuf_printf(sb, " (%s)", title);
		free(title);
	}
	strbuf_putc(sb, '\n');
}

int feed_parse(const char *text, size_t len, const char *location, enum feed_as as,
               struct feed_result *out, char **error)
{
	return feed_parse_explained(text, len, location, as, out, error, NULL);
}

int feed_parse_explained(const char *text, size_t len, const char *location, enum feed_as as,
                         struct feed_result *out, char **error, char **explain)
{
	memset(out, 0, sizeof *out);
	*error = NULL;
	xmlDocPtr doc = xml_read(text, len, error);
	if (!doc)
		return -1;
	struct feed_doc fd;
	if (entries_read(xmlDocGetRootElement(doc), location, &fd, error) != 0) {
		xmlFreeDoc(doc);
		return -1;
	}
	xmlFreeDoc(doc);
	out->items.title = fd.title ? text_clean(fd.title, strlen(fd.title)) : xstrdup(location);
	out->items.date = fd.date ? xstrdup(fd.date) : NULL;
	struct strbuf why;
	strbuf_init(&why);
	for (size_t i = 0; i < fd.entry_count; i++) {
		struct entry *e = &fd.entries[i];
		/* An undated entry is as old as the feed says it is; a feed
		 * without a date either leaves it undated, and the cache then
		 * dates it by the fetch that first saw it. */
		char *date_from;
		if (e->date)
			date_from = xstrdup(_("date: the entry's"));
		else if (fd.date) {
			e->date = xstrdup(fd.date);
			date_from = xasprintf(_("date: the feed's %s"), fd.date_element);
		} else
			date_from = xstrdup(_("no date: the day radar first fetches it"));
		bool digest = as == FEED_AS_DIGESTS || (as == FEED_AS_AUTO && entry_is_digest(e));
		if (digest && add_digest(out, e, location, i, as == FEED_AS_DIGESTS)) {
			if (explain)
				explain_entry(&why, i, e, _("a digest of its own"), date_from);
			free(date_from);
			continue;
		}
		size_t before = out->items.item_count;
		entry_add_item(&out->items, e);
		const char *became = _("no item (no title, summary or link)");
		if (out->items.item_count > before) {
			const char *key = out->items.items[out->items.item_count - 1].key;
			if (key_seen(&out->items, key)) {
				became = _("the item of an earlier entry");
				drop_last(&out->items);
			} else
				became = key;
		}
		if (explain) {
			char *item = xasprintf(_("item %s"), became);
			explain_entry(&why, i, e, out->items.item_count > before ? item : became, date_from);
			free(item);
		}
		free(date_from);
	}
	if (fd.entry_count == 0)
		out->items.warning = xstrdup(_("the feed has no entries"));
	else if (fd.entry_count >= FEED_MAX_ENTRIES)
		out->items.warning = xasprintf(_("only the first %d entries were read"), FEED_MAX_ENTRIES);
	feed_doc_clear(&fd);
	if (explain)
		*explain = strbuf_detach(&why);
	strbuf_clear(&why);
	return 0;
}

/* Text for a Markdown link's label: brackets escaped. */
static void put_label(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		if (*s == '[' || *s == ']' || *s == '\\')
			strbuf_putc(sb, '\\');
		strbuf_putc(sb, *s);
	}
}

char *feed_markdown(const char *text, size_t len, const char *location, char **error)
{
	struct feed_result feed;
	if (feed_parse(text, len, location, FEED_AS_AUTO, &feed, error) != 0)
		return NULL;
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, "# ");
	put_label(&sb, feed.items.title ? feed.items.title : location);
	strbuf_puts(&sb, "\n\n");
	for (size_t i = 0; i < feed.items.item_count; i++) {
		const struct digest_item *item = &feed.items.items[i];
		strbuf_puts(&sb, "## ");
		if (item->url) {
			strbuf_putc(&sb, '[');
			put_label(&sb, item->title);
			strbuf_printf(&sb, "](%s)", item->url);
		} else {
			put_label(&sb, item->title);
		}
		strbuf_puts(&sb, "\n\n");
		if (item->authors || item->date)
			strbuf_printf(&sb, "%s%s%s\n\n", item->authors ? item->authors : "",
			              item->authors && item->date ? " · " : "", item->date ? item->date : "");
		if (item->summary)
			strbuf_printf(&sb, "%s\n\n", item->summary);
	}
	for (size_t i = 0; i < feed.digest_count; i++) {
		strbuf_puts(&sb, "## ");
		put_label(&sb, feed.digests[i].digest.title ? feed.digests[i].digest.title : "?");
		strbuf_puts(&sb, "\n\n");
	}
	feed_result_clear(&feed);
	char *out = text_sanitize(sb.data, sb.len);
	strbuf_clear(&sb);
	return out;
}

void feed_result_clear(struct feed_result *result)
{
	digest_clear(&result->items);
	for (size_t i = 0; i < result->digest_count; i++) {
		free(result->digests[i].location);
		free(result->digests[i].markdown);
		digest_clear(&result->digests[i].digest);
	}
	free(result->digests);
	memset(result, 0, sizeof *result);
}
