/* links/internal.h: what the files of src/links/ share; the public interface is src/links.h.
 *
 *   kinds.c     item kind names (ITEM_KINDS) and lookup by name
 *   url.c       URL parsing, site predicates, canonical URLs
 *   classify.c  URL -> kind + identity key (papers, projects, tweets, videos, ...)
 *   find.c      arXiv ids and owner/repo names in plain text
 */
#ifndef RADAR_LINKS_INTERNAL_H
#define RADAR_LINKS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "links.h"

#define MAX_SEGMENTS 8

struct span {
	const char *s;
	size_t len;
};

struct url {
	bool https;
	char *host;        /* lowercased, no trailing dot, IPv6 in brackets */
	size_t host_len;   /* strlen(host): host_within runs ~40 times a URL */
	const char *match; /* host without "www." for matching known sites */
	long port;         /* -1 when absent or the scheme's default */
	struct span path;  /* "" or starting with '/' */
	struct span query; /* without '?' */
	struct span fragment;
	bool has_query;
	struct span seg[MAX_SEGMENTS];
	size_t nseg;       /* segments found (at most MAX_SEGMENTS) */
};

static inline int ascii_tolower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static inline bool is_digit(int c) { return c >= '0' && c <= '9'; }

static inline bool is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

static inline bool is_alnum(int c) { return is_digit(c) || is_alpha(c); }

static inline bool github_owner_char(int c) { return is_alnum(c) || c == '-'; }

static inline bool github_repo_char(int c) { return is_alnum(c) || c == '-' || c == '_' || c == '.'; }

size_t match_arxiv_id(const char *s, size_t len, size_t *total);
bool ascii_eq_n(const char *a, size_t alen, const char *b);
int hex_value(int c);
bool all_digits(const char *s, size_t len);
bool all_of(const char *s, size_t len, bool (*pred)(int));
bool in_list(const char *s, size_t len, const char *const *list);
bool has_prefix_ci(const char *s, size_t len, const char *prefix);
bool has_suffix_ci(const char *s, size_t len, const char *suffix);
char *make_key(const char *ns, const char *id, size_t len, bool lower);
void url_free(struct url *u);
bool url_parse(const char *url, struct url *u);
bool host_is(const struct url *u, const char *name);
bool host_within(const struct url *u, const char *name);
bool host_in(const struct url *u, const char *const *names);
bool seg_is(const struct url *u, size_t i, const char *name);
bool query_param(const struct url *u, const char *name, struct span *value);
extern const char *const twitter_hosts[];
extern const char *const youtube_hosts[];
char *url_canonical(const struct url *u);

#endif
