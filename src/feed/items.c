/* An entry as an item, keyed like a digest's items (links.c), so the paper
 * of an arXiv feed and the same paper in a Markdown digest are one item;
 * and the choice an entry is read by: an item, or a digest (a newsletter
 * issue whose HTML lists many things). */
#include <config.h>

#include "feed/internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "links.h"
#include "text.h"
#include "xalloc.h"

/* An entry listing at least this many distinct things in lists, headings
 * or tables is a digest.  HN and Reddit entries link two or three, a
 * release's notes link one repository many times. */
#define DIGEST_MIN_LINKS 5
#define SUMMARY_MAX 480
#define EXCERPT_MAX ((size_t)32 * 1024)

static const char *entry_html(const struct entry *e)
{
	return e->content_html ? e->content_html : e->summary_html;
}

bool entry_is_digest(const struct entry *e)
{
	const char *html = entry_html(e);
	if (!html)
		return false;
	bool structured = false;
	size_t keys = html_link_keys(html, strlen(html), e->link, &structured);
	return structured && keys >= DIGEST_MIN_LINKS;
}

/* At most SUMMARY_MAX bytes, cut after a sentence when one ends late
 * enough, else at a space, else at a character boundary. */
static char *short_summary(char *text)
{
	size_t len = strlen(text);
	if (len <= SUMMARY_MAX)
		return text;
	size_t cut = 0;
	for (size_t i = SUMMARY_MAX / 3; i < SUMMARY_MAX; i++) {
		if ((text[i] == '.' || text[i] == '!' || text[i] == '?') && text[i + 1] == ' ')
			cut = i + 1;
		else if (strncmp(text + i, "\xe3\x80\x82", 3) == 0 && i + 3 <= SUMMARY_MAX)
			cut = i + 3;
	}
	if (!cut) {
		for (size_t i = SUMMARY_MAX; i > SUMMARY_MAX / 2 && !cut; i--)
			if (text[i] == ' ')
				cut = i;
	}
	if (!cut) {
		cut = SUMMARY_MAX;
		while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
			cut--;
	}
	text[cut] = '\0';
	return text;
}

static void add_link(struct digest_item *item, const char *url, const char *text)
{
	struct link_identity id;
	if (!url || !link_classify(url, &id))
		return;
	for (size_t i = 0; i < item->link_count; i++)
		if (strcmp(item->links[i].key, id.key) == 0) {
			link_identity_clear(&id);
			return;
		}
	item->links = xrealloc(item->links, (item->link_count + 1) * sizeof *item->links);
	struct digest_link *l = &item->links[item->link_count++];
	l->url = id.canonical_url;
	l->key = id.key;
	l->kind = id.kind;
	l->text = xstrdup(text ? text : "");
}

/* A release's own identity, "github:owner/repo@TAG", from its page
 * github.com/OWNER/REPO/releases/tag/TAG; NULL for any other URL.  Only a
 * release feed's entries get it: each entry there is one release, and the
 * project's key would fold them all into one item.  links.c keeps a
 * release link in a digest as the project ("X 2.0 is out" is news of X),
 * and the release item links the project, so the two stay related. */
static char *release_key(const char *url, const char *project_key)
{
	static const char marker[] = "/releases/tag/";
	if (!url || strncmp(project_key, "github:", 7) != 0)
		return NULL;
	const char *p = strstr(url, marker);
	if (!p)
		return NULL;
	p += sizeof marker - 1;
	size_t n = strcspn(p, "/?#");
	if (n == 0 || n > 200)
		return NULL;
	return xasprintf("%s@%.*s", project_key, (int)n, p);
}

static char *clean(const char *s)
{
	return s ? text_clean(s, strlen(s)) : NULL;
}

static char *excerpt(const struct entry *e, const char *title, const char *url)
{
	struct strbuf sb;
	strbuf_init(&sb);
	if (url)
		strbuf_printf(&sb, "[%s](%s)\n\n", title, url);
	else
		strbuf_printf(&sb, "%s\n\n", title);
	const char *html = entry_html(e);
	if (html) {
		char *md = html_markdown(html, strlen(html), e->link);
		size_t n = strlen(md);
		if (n > EXCERPT_MAX) {
			n = EXCERPT_MAX;
			while (n > 0 && md[n] != '\n')
				n--;
		}
		strbuf_append(&sb, md, n);
		free(md);
	}
	strbuf_rtrim(&sb);
	strbuf_putc(&sb, '\n');
	char *out = text_sanitize(sb.data, sb.len);
	strbuf_clear(&sb);
	return out;
}

void entry_add_item(struct digest *digest, const struct entry *e)
{
	char *summary = NULL;
	const char *html = e->summary_html ? e->summary_html : e->content_html;
	if (html)
		summary = html_plain_text(html, strlen(html));
	char *title = clean(e->title);
	if (!title && summary) {
		title = xstrdup(summary);
		short_summary(title);
	}
	if (!title && e->link)
		title = clean(e->link);
	if (!title) {
		free(summary);
		return;
	}
	digest->items = xrealloc(digest->items, (digest->item_count + 1) * sizeof *digest->items);
	struct digest_item *item = &digest->items[digest->item_count++];
	memset(item, 0, sizeof *item);
	item->title = title;
	add_link(item, e->link, "");
	add_link(item, e->comments, "comments");
	if (item->link_count > 0) {
		item->kind = item->links[0].kind;
		item->url = xstrdup(item->links[0].url);
		item->key = release_key(item->url, item->links[0].key);
		if (!item->key)
			item->key = xstrdup(item->links[0].key);
		else if (!strcasestr(item->title, strchr(item->links[0].key, '/') + 1)) {
			/* "v0.3.0" alone says nothing in a list of everything. */
			char *titled = xasprintf("%s %s", strchr(item->links[0].key, '/') + 1, item->title);
			free(item->title);
			item->title = title = titled;
		}
	} else {
		/* No link: a note, keyed as the digest engine keys notes. */
		item->kind = KIND_NOTE;
		char *lower = xstrdup(title);
		for (char *p = lower; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		item->key = xasprintf("note:%s", lower);
		free(lower);
	}
	if (summary && strcmp(summary, title) != 0)
		item->summary = short_summary(summary);
	else
		free(summary);
	item->section = xstrdup("");
	item->date = e->date ? xstrdup(e->date) : NULL;
	item->authors = clean(e->authors);
	item->markdown = excerpt(e, title, item->url);
	for (size_t i = 0; i < e->category_count; i++) {
		char *tag = clean(e->categories[i]);
		if (!tag || !*tag) {
			free(tag);
			continue;
		}
		item->tags = xrealloc(item->tags, (item->tag_count + 1) * sizeof *item->tags);
		item->tags[item->tag_count].name = tag;
		item->tags[item->tag_count].origin = xstrdup("category");
		item->tag_count++;
	}
}
