/* The digest's own site: where the digest itself is published (its URL, a
 * front-matter url/permalink, or a link in the document ending in the
 * digest's own file name) and which links point back there.  A link to the
 * digest's page, its site's home, archive, tag or feed pages, or another
 * issue of the same series is navigation, never an item or an item's link.
 *
 * The site is per parse but links are collected in many places that have
 * no engine at hand (collect_links, fields), so it is held per thread for
 * the duration of one digest_parse. */
#include <config.h>

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm.h>

#include "digest/internal.h"
#include "strbuf.h"
#include "xalloc.h"

struct self_site {
	char *host;         /* lower case, without "www."; NULL while unknown */
	char *root;         /* "" or "/owner/repo" on a code host */
	char *path;         /* the digest's own page, normalised; NULL if unknown */
	char *stem;         /* the digest's file name without extension, or NULL */
	struct self_note *notes;
	size_t note_count, note_capacity;
};

static _Thread_local struct self_site *current;

/* Hosts where a site is a repository: its root is /owner/repo. */
static bool is_code_host(const char *host)
{
	return strcmp(host, "github.com") == 0 || strcmp(host, "gitlab.com") == 0 ||
	       strcmp(host, "codeberg.org") == 0;
}

struct url_parts {
	char *host;
	char *path;         /* without query, fragment, trailing "/", index file or extension */
};

static void url_parts_clear(struct url_parts *u)
{
	free(u->host);
	free(u->path);
}

static bool is_ext(const char *s, size_t len, const char *ext)
{
	size_t n = strlen(ext);
	return len > n && strncasecmp(s + len - n, ext, n) == 0;
}

/* PATH normalised in place: "/a/b/index.html" -> "/a/b", "/a/b.md" -> "/a/b". */
static void normalize_path(char *path)
{
	size_t len = strlen(path);
	for (;;) {
		while (len > 0 && path[len - 1] == '/')
			path[--len] = '\0';
		const char *slash = strrchr(path, '/');
		const char *last = slash ? slash + 1 : path;
		size_t last_len = strlen(last);
		if (last_len && (strncasecmp(last, "index.", 6) == 0 || strcasecmp(last, "README.md") == 0)) {
			len = (size_t)(last - path);
			path[len] = '\0';
			continue;
		}
		static const char *const exts[] = { ".html", ".htm", ".md", ".markdown", ".txt", NULL };
		for (const char *const *x = exts; *x; x++) {
			if (is_ext(last, last_len, *x)) {
				len -= strlen(*x);
				path[len] = '\0';
				break;
			}
		}
		break;
	}
}

static bool split_url(const char *url, struct url_parts *out)
{
	memset(out, 0, sizeof *out);
	const char *p = strstr(url, "://");
	if (!p || (strncasecmp(url, "http", 4) != 0))
		return false;
	p += 3;
	size_t host_len = strcspn(p, "/?#");
	const char *colon = memchr(p, ':', host_len);
	size_t name_len = colon ? (size_t)(colon - p) : host_len;
	if (!name_len)
		return false;
	out->host = xstrndup(p, name_len);
	for (char *c = out->host; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	if (strncmp(out->host, "www.", 4) == 0)
		memmove(out->host, out->host + 4, strlen(out->host + 4) + 1);
	p += host_len;
	out->path = xstrndup(p, strcspn(p, "?#"));
	normalize_path(out->path);
	/* A raw file of a repository is that repository's page. */
	if (strcmp(out->host, "raw.githubusercontent.com") == 0) {
		const char *s = out->path;
		int slashes = 0;
		const char *third = NULL;
		for (const char *c = s; *c; c++)
			if (*c == '/' && ++slashes == 3)
				third = c;
		if (third) {
			char *path = xasprintf("%.*s/blob%s", (int)(third - s), s, third);
			free(out->path);
			out->path = path;
			free(out->host);
			out->host = xstrdup("github.com");
		}
	}
	return true;
}

/* The last segment of a normalised PATH. */
static const char *last_segment(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* A file name worth matching: dated, or long enough to be unique. */
static bool distinctive(const char *stem)
{
	size_t len = strlen(stem);
	bool digit = false;
	for (const char *c = stem; *c; c++)
		digit |= isdigit((unsigned char)*c) != 0;
	return (digit && len >= 8) || len >= 16;
}

static void set_site(struct self_site *s, const struct url_parts *u)
{
	free(s->host);
	free(s->root);
	s->host = xstrdup(u->host);
	s->root = xstrdup("");
	if (is_code_host(u->host)) {
		const char *c = u->path;
		int slashes = 0;
		while (*c && !(*c == '/' && ++slashes == 3))
			c++;
		free(s->root);
		s->root = xstrndup(u->path, (size_t)(c - u->path));
	}
	free(s->path);
	s->path = xstrdup(u->path);
}

void self_site_begin(const char *name, const char *frontmatter_url)
{
	struct self_site *s = xcalloc(1, sizeof *s);
	current = s;
	struct url_parts u;
	const char *located = NULL;
	if (name && split_url(name, &u)) {
		set_site(s, &u);
		url_parts_clear(&u);
		located = name;
	}
	if (frontmatter_url && !located) {
		if (split_url(frontmatter_url, &u)) {
			set_site(s, &u);
			url_parts_clear(&u);
		} else if (frontmatter_url[0] == '/') {
			s->path = xstrdup(frontmatter_url);
			char *q = s->path + strcspn(s->path, "?#");
			*q = '\0';
			normalize_path(s->path);
		}
	}
	if (name) {
		char *path = xstrndup(name, strcspn(name, "?#"));
		normalize_path(path);
		const char *last = last_segment(path);
		if (distinctive(last))
			s->stem = xstrdup(last);
		free(path);
	}
}

/* Whether PATH differs from OWN only in its digits: another issue. */
static bool same_shape(const char *path, const char *own)
{
	bool digits = false;
	while (*path && *own) {
		if (isdigit((unsigned char)*path) && isdigit((unsigned char)*own)) {
			while (isdigit((unsigned char)*path))
				path++;
			while (isdigit((unsigned char)*own))
				own++;
			digits = true;
			continue;
		}
		if (*path != *own)
			return false;
		path++, own++;
	}
	return digits && !*path && !*own;
}

/* A site's own pages: lists of its posts, its feeds, about and search. */
bool is_site_page(const char *rest)
{
	static const char *const pages[] = {
		"tags", "tag", "categories", "category", "archive", "archives", "page", "feed",
		"rss", "atom", "about", "search", "series", "topics", "authors", "author", "posts",
		"index.xml", "feed.xml", "rss.xml", "atom.xml", "sitemap.xml", NULL
	};
	if (*rest == '/')
		rest++;
	size_t n = strcspn(rest, "/");
	for (const char *const *p = pages; *p; p++)
		if (strlen(*p) == n && strncasecmp(rest, *p, n) == 0)
			return true;
	return false;
}

static bool matches(const struct self_site *s, const struct url_parts *u)
{
	if (s->stem && strcasecmp(last_segment(u->path), s->stem) == 0)
		return true;
	if (!s->host || strcmp(u->host, s->host) != 0)
		return false;
	size_t root = strlen(s->root);
	if (root && strncasecmp(u->path, s->root, root) != 0)
		return false;
	const char *rest = u->path + root;
	if (!*rest)
		return true;        /* the site's home */
	if (s->path && (strcmp(u->path, s->path) == 0 || same_shape(u->path, s->path)))
		return true;
	return is_site_page(rest);
}

void self_site_learn(cmark_node *root)
{
	struct self_site *s = current;
	if (!s || s->host || !s->stem)
		return;
	cmark_iter *iter = cmark_iter_new(root);
	cmark_event_type event;
	while (!s->host && (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		if (event != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_LINK)
			continue;
		struct url_parts u;
		const char *url = cmark_node_get_url(node);
		if (!url || !split_url(url, &u))
			continue;
		if (strcasecmp(last_segment(u.path), s->stem) == 0)
			set_site(s, &u);
		url_parts_clear(&u);
	}
	cmark_iter_free(iter);
}

bool is_self_url(const char *url)
{
	struct self_site *s = current;
	if (!s || (!s->host && !s->stem))
		return false;
	struct url_parts u;
	if (!split_url(url, &u))
		return false;
	bool self = matches(s, &u);
	url_parts_clear(&u);
	return self;
}

bool has_self_link(cmark_node *root)
{
	if (!current || !root)
		return false;
	bool found = false;
	cmark_iter *iter = cmark_iter_new(root);
	cmark_event_type event;
	while (!found && (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		const char *url;
		if (event == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_LINK &&
		    (url = cmark_node_get_url(node)) != NULL)
			found = is_self_url(url);
	}
	cmark_iter_free(iter);
	return found;
}

void self_site_note(cmark_node *link)
{
	struct self_site *s = current;
	if (!s)
		return;
	cmark_node *block = link;
	while (block && (cmark_node_get_start_line(block) <= 0 ||
	                 (cmark_node_get_type(block) & CMARK_NODE_TYPE_MASK) != CMARK_NODE_TYPE_BLOCK))
		block = cmark_node_parent(block);
	if (!block)
		return;
	int line = cmark_node_get_start_line(block);
	for (size_t i = 0; i < s->note_count; i++)
		if (s->notes[i].line == line)
			return;
	s->notes = xgrow(s->notes, &s->note_capacity, s->note_count + 1, sizeof *s->notes);
	s->notes[s->note_count].line = line;
	s->notes[s->note_count].text = node_text(link);
	s->note_count++;
}

const struct self_note *self_site_notes(size_t *count)
{
	*count = current ? current->note_count : 0;
	return current ? current->notes : NULL;
}

void self_site_end(void)
{
	struct self_site *s = current;
	if (!s)
		return;
	for (size_t i = 0; i < s->note_count; i++)
		free(s->notes[i].text);
	free(s->notes);
	free(s->host);
	free(s->root);
	free(s->path);
	free(s->stem);
	free(s);
	current = NULL;
}
