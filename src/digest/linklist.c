/* The links found in a piece of the document: explicit links, arXiv ids
 * and backticked owner/repo names in text, wiki links. */
#include <config.h>

#include "digest.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "date.h"
#include "digest/internal.h"
#include "frontmatter.h"
#include "i18n.h"
#include "links.h"
#include "markdown.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

static struct found_link *link_list_append(struct link_list *list, const char *url,
                                           const char *text, bool derived)
{
	list->links = xgrow(list->links, &list->capacity, list->count + 1, sizeof *list->links);
	struct found_link *f = &list->links[list->count++];
	memset(f, 0, sizeof *f);
	f->url = xstrdup(url);
	f->text = xstrdup(text ? text : "");
	f->derived = derived;
	return f;
}

void link_list_add(struct link_list *list, const char *url, const char *text, bool derived)
{
	link_list_append(list, url, text, derived);
}

/* Append URL, classified as ID (OWN when OWNED, taken). */
static void link_list_add_identified(struct link_list *list, const char *url, const char *text,
                                     const struct link_identity *id, struct link_identity *own,
                                     bool owned)
{
	struct found_link *f = link_list_append(list, url, text, false);
	f->classified = 1;
	f->owned = owned;
	if (owned)
		f->own = *own;
	else
		f->id = id;
}

void link_list_add_copy(struct link_list *list, const struct found_link *from)
{
	struct found_link *f = link_list_append(list, from->url, from->text, from->derived);
	f->classified = from->classified;
	f->owned = from->owned;
	f->id = from->id;
	if (from->owned) {
		f->own.kind = from->own.kind;
		f->own.key = xstrdup(from->own.key);
		f->own.canonical_url = xstrdup(from->own.canonical_url);
	}
}

const struct link_identity *found_link_identity(struct found_link *f)
{
	if (!f->classified) {
		f->id = link_identify(f->url, &f->own, &f->owned);
		f->classified = f->id ? 1 : -1;
	}
	if (f->classified < 0)
		return NULL;
	return f->owned ? &f->own : f->id;
}

void link_list_clear(struct link_list *list)
{
	for (size_t i = 0; i < list->count; i++) {
		free(list->links[i].url);
		free(list->links[i].text);
		if (list->links[i].owned)
			link_identity_clear(&list->links[i].own);
	}
	free(list->links);
	memset(list, 0, sizeof *list);
}

static void add_arxiv_link(const char *id, void *data)
{
	char *url = xasprintf("https://arxiv.org/abs/%s", id);
	char *text = xasprintf("arXiv:%s", id);
	link_list_add(data, url, text, true);
	free(url);
	free(text);
}

static void add_repo_link(const char *owner_repo, void *data)
{
	char *url = xasprintf("https://github.com/%s", owner_repo);
	link_list_add(data, url, owner_repo, true);
	free(url);
}

/* Every content link under ROOT, in document order.  Images are skipped
 * (a badge is not a link of the item); links to anchors and relative paths
 * are skipped by link_classify. */
void collect_links(cmark_node *root, struct link_list *out)
{
	cmark_iter *iter = cmark_iter_new(root);
	cmark_event_type event;
	int inside_link = 0;
	while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		cmark_node_type type = cmark_node_get_type(node);
		if (type == CMARK_NODE_LINK) {
			if (event == CMARK_EVENT_ENTER) {
				inside_link++;
				const char *url = cmark_node_get_url(node);
				if (url && is_self_url(url)) {
					self_site_note(node);
				} else if (url) {
					struct link_identity own;
					bool owned;
					const struct link_identity *id = link_identify(url, &own, &owned);
					if (id) {
						char *text = node_text(node);
						collapse_spaces(text);
						link_list_add_identified(out, url, text, id, &own, owned);
						free(text);
					}
				}
			} else {
				inside_link--;
			}
			continue;
		}
		if (event != CMARK_EVENT_ENTER)
			continue;
		if (type == CMARK_NODE_TEXT && !inside_link) {
			link_find_arxiv_ids(cmark_node_get_literal(node), add_arxiv_link, out);
		} else if (type == CMARK_NODE_CODE && !inside_link) {
			link_find_repo_names(cmark_node_get_literal(node), add_repo_link, out);
		}
	}
	cmark_iter_free(iter);
}

size_t count_explicit(const struct link_list *list)
{
	size_t n = 0;
	for (size_t i = 0; i < list->count; i++)
		n += !list->links[i].derived;
	return n;
}

/* The host of URL as a slice: "https://www.x.example/a" -> "www.x.example". */
static bool url_host(const char *url, const char **host, size_t *len)
{
	const char *p = strstr(url, "://");
	if (!p)
		return false;
	p += 3;
	size_t n = strcspn(p, "/?#:");
	*host = p;
	*len = n;
	return n > 0;
}

/* Whether LABEL ("Twitter", "GitHub") names HOST ("twitter.com"). */
static bool label_names_host(const char *label, const char *host, size_t host_len)
{
	char word[32];
	size_t n = 0;
	for (const char *c = label ? label : ""; *c; c++) {
		if (isalnum((unsigned char)*c) && n + 1 < sizeof word)
			word[n++] = (char)tolower((unsigned char)*c);
		else if (!isspace((unsigned char)*c))
			return false;
	}
	word[n] = '\0';
	if (n < 3)
		return false;
	for (size_t i = 0; i + n <= host_len; i++)
		if (strncasecmp(host + i, word, n) == 0)
			return true;
	return false;
}

/* A site's or person's page rather than a post: a home page, the digest's
 * own site, a profile ("mastodon.social/@me", "[GitHub](github.com/me)"),
 * a site's archive or feed. */
bool is_site_url(const char *url, const char *label)
{
	if (is_home_page(url) || is_self_url(url))
		return true;
	const char *host;
	size_t host_len;
	if (!url_host(url, &host, &host_len))
		return false;
	const char *p = host + host_len;
	p += strcspn(p, "/?#");
	if (*p != '/')
		return false;
	p++;
	size_t n = strcspn(p, "/?#");
	if (p[n] == '/' && p[n + 1] != '\0' && p[n + 1] != '?' && p[n + 1] != '#')
		return false;
	for (size_t i = 0; i < n; i++)
		if (isdigit((unsigned char)p[i]) || p[i] == '.')
			return false;
	char *segment = xstrndup(p, n);
	bool site = p[0] == '@' || is_site_page(segment) || label_names_host(label, host, host_len);
	free(segment);
	return site;
}

/* "[[Target]]" or "[[Target|Alias]]" Obsidian links: the first target. */
char *find_wikilink(const char *text)
{
	const char *open = strstr(text, "[[");
	while (open) {
		const char *close = strstr(open + 2, "]]");
		if (!close)
			return NULL;
		const char *newline = memchr(open, '\n', (size_t)(close - open));
		if (!newline && close > open + 2) {
			const char *end = close;
			const char *bar = memchr(open + 2, '|', (size_t)(close - open - 2));
			if (bar)
				end = bar;
			char *target = xstrndup(open + 2, (size_t)(end - open - 2));
			trim_spaces(target);
			if (*target)
				return target;
			free(target);
		}
		open = strstr(open + 2, "[[");
	}
	return NULL;
}

static bool host_matches(const char *host, size_t len, const char *name)
{
	size_t nl = strlen(name);
	if (len < nl || strncasecmp(host + len - nl, name, nl) != 0)
		return false;
	return len == nl || host[len - nl - 1] == '.';
}

/* A chat server's channel or invitation (Discord, Telegram, Slack): where
 * people talked, shared by every topic of the recap, never an identity. */
bool is_chat_url(const char *url)
{
	const char *host;
	size_t len;
	if (!url_host(url, &host, &len))
		return false;
	static const char *const hosts[] = {
		"discord.com", "discordapp.com", "discord.gg", "t.me", "telegram.me", "slack.com",
		"chat.whatsapp.com", "zulipchat.com", "gitter.im", "matrix.to", NULL
	};
	for (const char *const *h = hosts; *h; h++)
		if (host_matches(host, len, *h))
			return true;
	return false;
}

/* A page that signs the reader up: a subscribe, sign-up, invitation or
 * join page, or a chat invitation. */
bool is_promo_url(const char *url)
{
	const char *host;
	size_t len;
	if (!url_host(url, &host, &len))
		return false;
	if (host_matches(host, len, "discord.gg") || host_matches(host, len, "chat.whatsapp.com") ||
	    host_matches(host, len, "join.slack.com"))
		return true;
	const char *path = host + len;
	static const char *const pages[] = {
		"/subscribe", "/signup", "/sign-up", "/invite", "/join", "/newsletter", "/register", NULL
	};
	for (const char *const *p = pages; *p; p++) {
		const char *hit = strstr(path, *p);
		size_t pl = strlen(*p);
		if (hit && (hit[pl] == '\0' || hit[pl] == '/' || hit[pl] == '?' || hit[pl] == '#' ||
		            hit[pl] == '-' || hit[pl] == '_'))
			return true;
	}
	return false;
}

/* A promotion: words asking to subscribe, join or listen (or naming a
 * sponsor) together with a link to a sign-up, invitation or podcast page. */
bool is_promo(const char *text, const struct link_list *links)
{
	if (!has_promo_words(text))
		return false;
	for (size_t i = 0; i < links->count; i++) {
		if (links->links[i].derived)
			continue;
		if (is_promo_url(links->links[i].url))
			return true;
		const struct found_link *f = &links->links[i];
		if (f->classified > 0) {
			if ((f->owned ? &f->own : f->id)->kind == KIND_PODCAST)
				return true;
			continue;
		}
		struct link_identity id;
		if (f->classified == 0 && link_classify_memo(f->url, &id)) {
			bool podcast = id.kind == KIND_PODCAST;
			link_identity_clear(&id);
			if (podcast)
				return true;
		}
	}
	return false;
}
