#include <config.h>

#include "links.h"

#include <stdlib.h>
#include <string.h>

#include "hashset.h"
#include "strbuf.h"
#include "xalloc.h"

/* ------------------------------------------------------------ kinds */

static const char *const kind_names[] = {
#define KIND_NAME(id, name, plural, letter) name,
	ITEM_KINDS(KIND_NAME)
#undef KIND_NAME
};

static const char *const kind_plurals[] = {
#define KIND_PLURAL(id, name, plural, letter) plural,
	ITEM_KINDS(KIND_PLURAL)
#undef KIND_PLURAL
};

const char *kind_name(enum item_kind kind)
{
	if ((unsigned)kind >= KIND_COUNT)
		return "?";
	return kind_names[kind];
}

const char *kind_plural(enum item_kind kind)
{
	if ((unsigned)kind >= KIND_COUNT)
		return "?";
	return kind_plurals[kind];
}

static int ascii_tolower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static bool ascii_eq_n(const char *a, size_t alen, const char *b)
{
	size_t blen = strlen(b);
	if (alen != blen)
		return false;
	for (size_t i = 0; i < alen; i++)
		if (ascii_tolower((unsigned char)a[i]) != ascii_tolower((unsigned char)b[i]))
			return false;
	return true;
}

int kind_from_name(const char *name)
{
	if (!name)
		return -1;
	size_t len = strlen(name);
	for (int k = 0; k < KIND_COUNT; k++)
		if (ascii_eq_n(name, len, kind_names[k]) || ascii_eq_n(name, len, kind_plurals[k]))
			return k;
	return -1;
}

/* ------------------------------------------------------------ helpers */

static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_alnum(int c) { return is_digit(c) || is_alpha(c); }

static int hex_value(int c)
{
	if (is_digit(c))
		return c - '0';
	c = ascii_tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static bool all_digits(const char *s, size_t len)
{
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!is_digit((unsigned char)s[i]))
			return false;
	return true;
}

static bool all_of(const char *s, size_t len, bool (*pred)(int))
{
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!pred((unsigned char)s[i]))
			return false;
	return true;
}

static bool in_list(const char *s, size_t len, const char *const *list)
{
	for (; *list; list++)
		if (ascii_eq_n(s, len, *list))
			return true;
	return false;
}

static bool has_prefix_ci(const char *s, size_t len, const char *prefix)
{
	size_t plen = strlen(prefix);
	return len >= plen && ascii_eq_n(s, plen, prefix);
}

static bool has_suffix_ci(const char *s, size_t len, const char *suffix)
{
	size_t slen = strlen(suffix);
	return len >= slen && ascii_eq_n(s + len - slen, slen, suffix);
}

static char *lower_dup(const char *s, size_t len)
{
	char *out = xstrndup(s, len);
	for (char *p = out; *p; p++)
		*p = (char)ascii_tolower((unsigned char)*p);
	return out;
}

/* "<ns>:<id>", the id lowercased when LOWER. */
static char *make_key(const char *ns, const char *id, size_t len, bool lower)
{
	char *key = xasprintf("%s:%.*s", ns, (int)len, id);
	if (lower)
		for (char *p = key + strlen(ns) + 1; *p; p++)
			*p = (char)ascii_tolower((unsigned char)*p);
	return key;
}

/* ------------------------------------------------------------ URL parsing */

struct span {
	const char *s;
	size_t len;
};

#define MAX_SEGMENTS 8

struct url {
	bool https;
	char *host;        /* lowercased, no trailing dot, IPv6 in brackets */
	const char *match; /* host without "www." for matching known sites */
	long port;         /* -1 when absent or the scheme's default */
	struct span path;  /* "" or starting with '/' */
	struct span query; /* without '?' */
	struct span fragment;
	bool has_query;
	struct span seg[MAX_SEGMENTS];
	size_t nseg;       /* segments found (at most MAX_SEGMENTS) */
};

static void url_free(struct url *u)
{
	free(u->host);
	u->host = NULL;
}

/* Bytes that never appear in a URL we accept: white space and controls
 * (also how a pasted sentence shows itself), and characters only broken
 * HTML leaves behind. */
static bool bad_url_byte(unsigned char c)
{
	return c <= 0x20 || c == 0x7f || c == '"' || c == '<' || c == '>' || c == '`' || c == '\\';
}

static bool ipv6_byte_ok(unsigned char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
}

static bool host_byte_ok(unsigned char c)
{
	return is_alnum(c) || c == '-' || c == '.' || c == '_' || c >= 0x80;
}

static void split_segments(struct url *u)
{
	const char *p = u->path.s, *end = u->path.s + u->path.len;
	u->nseg = 0;
	if (p == end)
		return;
	p++; /* the leading '/' */
	while (p <= end && u->nseg < MAX_SEGMENTS) {
		const char *slash = memchr(p, '/', (size_t)(end - p));
		const char *stop = slash ? slash : end;
		if (stop == p && !slash)
			break; /* a trailing slash adds no segment */
		u->seg[u->nseg].s = p;
		u->seg[u->nseg].len = (size_t)(stop - p);
		u->nseg++;
		if (!slash)
			break;
		p = slash + 1;
	}
}

static bool url_parse(const char *url, struct url *u)
{
	memset(u, 0, sizeof *u);
	if (!url)
		return false;
	size_t len = strlen(url);
	for (size_t i = 0; i < len; i++)
		if (bad_url_byte((unsigned char)url[i]))
			return false;

	size_t pos;
	if (has_prefix_ci(url, len, "https://")) {
		u->https = true;
		pos = 8;
	} else if (has_prefix_ci(url, len, "http://")) {
		pos = 7;
	} else {
		return false;
	}

	size_t auth_end = pos;
	while (auth_end < len && url[auth_end] != '/' && url[auth_end] != '?' && url[auth_end] != '#')
		auth_end++;
	/* Credentials are not part of what a link points to. */
	size_t host_start = pos;
	for (size_t i = pos; i < auth_end; i++)
		if (url[i] == '@')
			host_start = i + 1;

	size_t host_end = auth_end;
	u->port = -1;
	if (host_start < auth_end && url[host_start] == '[') {
		const char *close = memchr(url + host_start, ']', auth_end - host_start);
		if (!close)
			return false;
		host_end = (size_t)(close - url) + 1;
		for (size_t i = host_start + 1; i < host_end - 1; i++)
			if (!ipv6_byte_ok((unsigned char)url[i]))
				return false;
	} else {
		const char *colon = memchr(url + host_start, ':', auth_end - host_start);
		if (colon)
			host_end = (size_t)(colon - url);
		for (size_t i = host_start; i < host_end; i++)
			if (!host_byte_ok((unsigned char)url[i]))
				return false;
	}
	if (host_end < auth_end) {
		if (url[host_end] != ':')
			return false;
		const char *digits = url + host_end + 1;
		size_t ndigits = auth_end - host_end - 1;
		if (ndigits > 0) {
			if (!all_digits(digits, ndigits) || ndigits > 5)
				return false;
			long port = strtol(digits, NULL, 10);
			if (port > 65535)
				return false;
			if (!(port == 443 && u->https) && !(port == 80 && !u->https))
				u->port = port;
		}
	}
	size_t hlen = host_end - host_start;
	while (hlen > 0 && url[host_start + hlen - 1] == '.')
		hlen--;
	if (hlen == 0)
		return false;
	bool has_alnum = false;
	for (size_t i = 0; i < hlen; i++)
		if (is_alnum((unsigned char)url[host_start + i]) || (unsigned char)url[host_start + i] >= 0x80)
			has_alnum = true;
	if (!has_alnum)
		return false;
	u->host = lower_dup(url + host_start, hlen);
	u->match = u->host;
	if (strncmp(u->match, "www.", 4) == 0 && u->match[4])
		u->match += 4;

	const char *rest = url + auth_end, *end = url + len;
	const char *hash = memchr(rest, '#', (size_t)(end - rest));
	if (hash) {
		u->fragment.s = hash + 1;
		u->fragment.len = (size_t)(end - hash - 1);
		end = hash;
	}
	const char *question = memchr(rest, '?', (size_t)(end - rest));
	if (question) {
		u->has_query = true;
		u->query.s = question + 1;
		u->query.len = (size_t)(end - question - 1);
		end = question;
	}
	u->path.s = rest;
	u->path.len = (size_t)(end - rest);
	split_segments(u);
	return true;
}

/* ------------------------------------------------------------ site predicates */

static bool host_is(const struct url *u, const char *name)
{
	return strcmp(u->match, name) == 0;
}

/* NAME itself or any subdomain of it. */
static bool host_within(const struct url *u, const char *name)
{
	size_t hlen = strlen(u->host), nlen = strlen(name);
	if (hlen == nlen)
		return strcmp(u->host, name) == 0;
	return hlen > nlen && u->host[hlen - nlen - 1] == '.' && strcmp(u->host + hlen - nlen, name) == 0;
}

static bool host_in(const struct url *u, const char *const *names)
{
	for (; *names; names++)
		if (host_is(u, *names))
			return true;
	return false;
}

static bool seg_is(const struct url *u, size_t i, const char *name)
{
	return i < u->nseg && ascii_eq_n(u->seg[i].s, u->seg[i].len, name);
}

/* The value of the first query parameter NAME (case-sensitive). */
static bool query_param(const struct url *u, const char *name, struct span *value)
{
	size_t nlen = strlen(name);
	/* No query: both NULL (NULL + 0 is undefined behaviour). */
	const char *p = u->query.s, *end = p ? p + u->query.len : NULL;
	while (p && p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *stop = amp ? amp : end;
		const char *eq = memchr(p, '=', (size_t)(stop - p));
		size_t klen = (size_t)((eq ? eq : stop) - p);
		if (klen == nlen && memcmp(p, name, nlen) == 0) {
			value->s = eq ? eq + 1 : stop;
			value->len = (size_t)(stop - value->s);
			return true;
		}
		p = amp ? amp + 1 : NULL;
	}
	return false;
}

static const char *const twitter_hosts[] = {
	"x.com", "twitter.com", "mobile.twitter.com", "mobile.x.com", "m.twitter.com",
	"fxtwitter.com", "vxtwitter.com", "fixupx.com", "fixvx.com", "twittpr.com", NULL
};

static const char *const youtube_hosts[] = {
	"youtube.com", "m.youtube.com", "music.youtube.com", "youtube-nocookie.com", "youtu.be", NULL
};

/* ------------------------------------------------------------ canonical form */

/* Parameters that say how someone arrived, not what the page is. */
static const char *const tracking_params[] = {
	"fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "wbraid", "gbraid", "twclid",
	"mc_cid", "mc_eid", "spm", "scm", "spm_id_from", "from_spmid", "vd_source", "unique_k",
	"ref", "ref_src", "ref_url", "igshid", "igsh", "from", "share_source", "share_medium",
	"share_plat", "share_session_id", "share_from", "share_tag", "sharer_shareid",
	"sharer_sharetime", "_hsenc", "_hsmi", "__hstc", "__hssc", "__hsfp", "hsctatracking",
	"mkt_tok", "_ga", "_gl", "oly_enc_id", "oly_anon_id", "vero_id", "vero_conv",
	"rb_clickid", "s_cid", "sc_channel", "wt.mc_id", "xtor", "__twitter_impression",
	"trk", "trkcampaign", "cmpid", "ocid", "ncid", "sr_share", "isappinstalled", NULL
};

static bool is_tracking_param(const struct url *u, const char *name, size_t len)
{
	if (has_prefix_ci(name, len, "utm_"))
		return true;
	if (in_list(name, len, tracking_params))
		return true;
	if (host_in(u, twitter_hosts) && (ascii_eq_n(name, len, "s") || ascii_eq_n(name, len, "t")))
		return true;
	if (host_in(u, youtube_hosts) &&
	    (ascii_eq_n(name, len, "si") || ascii_eq_n(name, len, "feature") || ascii_eq_n(name, len, "pp")))
		return true;
	if (host_is(u, "open.spotify.com") && (ascii_eq_n(name, len, "si") || ascii_eq_n(name, len, "nd")))
		return true;
	return false;
}

static void append_filtered_query(struct strbuf *sb, const struct url *u)
{
	/* No query: both NULL (NULL + 0 is undefined behaviour). */
	const char *p = u->query.s, *end = p ? p + u->query.len : NULL;
	bool first = true;
	while (p && p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *stop = amp ? amp : end;
		const char *eq = memchr(p, '=', (size_t)(stop - p));
		size_t klen = (size_t)((eq ? eq : stop) - p);
		if (stop > p && !is_tracking_param(u, p, klen)) {
			strbuf_putc(sb, first ? '?' : '&');
			strbuf_append(sb, p, (size_t)(stop - p));
			first = false;
		}
		p = amp ? amp + 1 : NULL;
	}
}

/* WeChat articles: "/s/<id>" names the article by its path; the old
 * "/s?__biz=..&mid=..&idx=..&sn=.." form by exactly those four parameters
 * (the rest, like chksm and scene, change with every share). */
static bool append_weixin_query(struct strbuf *sb, const struct url *u)
{
	if (!host_is(u, "mp.weixin.qq.com"))
		return false;
	if (seg_is(u, 0, "s") && u->nseg >= 2)
		return true;
	struct span v;
	if (!query_param(u, "__biz", &v))
		return false;
	static const char *const keep[] = { "__biz", "mid", "idx", "sn" };
	bool first = true;
	for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
		if (!query_param(u, keep[i], &v))
			continue;
		strbuf_printf(sb, "%c%s=", first ? '?' : '&', keep[i]);
		strbuf_append(sb, v.s, v.len);
		first = false;
	}
	return true;
}

static char *url_canonical(const struct url *u)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, u->https ? "https://" : "http://");
	strbuf_puts(&sb, u->host);
	if (u->port >= 0)
		strbuf_printf(&sb, ":%ld", u->port);
	if (!(u->path.len == 1 && u->path.s[0] == '/'))
		strbuf_append(&sb, u->path.s, u->path.len);
	if (!append_weixin_query(&sb, u))
		append_filtered_query(&sb, u);
	/* A fragment is dropped, except a single-page app's route ("#/post/7",
	 * "#!/post/7"), which is what tells its pages apart. */
	if (u->fragment.len > 1 &&
	    (u->fragment.s[0] == '/' || (u->fragment.s[0] == '!' && u->fragment.s[1] == '/'))) {
		strbuf_putc(&sb, '#');
		strbuf_append(&sb, u->fragment.s, u->fragment.len);
	}
	return strbuf_detach(&sb);
}

char *link_canonical_url(const char *url)
{
	struct url u;
	if (!url_parse(url, &u)) {
		url_free(&u);
		return NULL;
	}
	char *out = url_canonical(&u);
	url_free(&u);
	return out;
}

/* ------------------------------------------------------------ arXiv ids */

/* Match an arXiv id at S: modern "YYMM.NNNNN" / "YYMM.NNNN" or old-style
 * "archive[.XX]/YYMMNNN", each with an optional "vN". Returns the length
 * of the id without its version (0 when there is none) and sets *TOTAL to
 * the length with it. The byte after the id must not continue a number. */
static size_t match_arxiv_id(const char *s, size_t len, size_t *total)
{
	size_t i = 0, id_len;
	if (len >= 9 && all_digits(s, 4) && s[4] == '.') {
		int month = (s[2] - '0') * 10 + (s[3] - '0');
		if (month < 1 || month > 12)
			return 0;
		i = 5;
		while (i < len && i < 11 && is_digit((unsigned char)s[i]))
			i++;
		if (i - 5 < 4 || i - 5 > 5 || (i < len && is_digit((unsigned char)s[i])))
			return 0;
	} else {
		/* old style: hep-th/9901001, math.GT/0309136 */
		while (i < len && ((s[i] >= 'a' && s[i] <= 'z') || s[i] == '-'))
			i++;
		if (i < 2 || s[0] == '-')
			return 0;
		if (i + 3 < len && s[i] == '.' && is_alpha((unsigned char)s[i + 1]) &&
		    is_alpha((unsigned char)s[i + 2]) && s[i + 3] == '/')
			i += 3;
		if (i >= len || s[i] != '/')
			return 0;
		i++;
		if (len - i < 7 || !all_digits(s + i, 7) || (len - i > 7 && is_digit((unsigned char)s[i + 7])))
			return 0;
		int month = (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
		if (month < 1 || month > 12)
			return 0;
		i += 7;
	}
	id_len = i;
	if (i + 1 < len && s[i] == 'v' && is_digit((unsigned char)s[i + 1])) {
		i++;
		while (i < len && is_digit((unsigned char)s[i]))
			i++;
	}
	if (i < len && is_alnum((unsigned char)s[i]))
		return 0;
	*total = i;
	return id_len;
}

/* The id filling the rest of a path ("2602.14849v2", "2602.14849.pdf",
 * "hep-th/9901001v1/"). */
static size_t arxiv_id_in_path(const char *s, size_t len)
{
	while (len > 0 && s[len - 1] == '/')
		len--;
	if (has_suffix_ci(s, len, ".pdf"))
		len -= 4;
	size_t total;
	size_t id = match_arxiv_id(s, len, &total);
	return id && total == len ? id : 0;
}

/* Everything in the path from segment I on. */
static struct span path_rest(const struct url *u, size_t i)
{
	struct span r = { "", 0 };
	if (i < u->nseg) {
		r.s = u->seg[i].s;
		r.len = (size_t)(u->path.s + u->path.len - r.s);
	}
	return r;
}

static char *classify_paper(const struct url *u)
{
	static const char *const arxiv_hosts[] = {
		"arxiv.org", "export.arxiv.org", "ar5iv.org", "ar5iv.labs.arxiv.org", "alphaxiv.org", NULL
	};
	if (host_in(u, arxiv_hosts) &&
	    (seg_is(u, 0, "abs") || seg_is(u, 0, "pdf") || seg_is(u, 0, "html") || seg_is(u, 0, "overview"))) {
		struct span r = path_rest(u, 1);
		size_t id = arxiv_id_in_path(r.s, r.len);
		if (id)
			return make_key("arxiv", r.s, id, false);
	}
	if ((host_is(u, "huggingface.co") || host_is(u, "hf.co")) && seg_is(u, 0, "papers") && u->nseg >= 2) {
		struct span r = path_rest(u, 1);
		size_t id = arxiv_id_in_path(r.s, r.len);
		if (id)
			return make_key("arxiv", r.s, id, false);
	}
	struct span v;
	if (host_is(u, "openreview.net") && (seg_is(u, 0, "forum") || seg_is(u, 0, "pdf")) &&
	    u->nseg == 1 && query_param(u, "id", &v) && v.len > 0)
		return make_key("openreview", v.s, v.len, false);
	if (host_is(u, "aclanthology.org") || (host_is(u, "aclweb.org") && seg_is(u, 0, "anthology"))) {
		struct span id = u->seg[host_is(u, "aclweb.org") ? 1 : 0];
		if (u->nseg < (host_is(u, "aclweb.org") ? 2u : 1u))
			return NULL;
		if (has_suffix_ci(id.s, id.len, ".pdf"))
			id.len -= 4;
		/* 2024.acl-long.1 or P19-1001 */
		const char *dot2 = id.len > 5 ? memchr(id.s + 5, '.', id.len - 5) : NULL;
		bool modern = id.len > 7 && all_digits(id.s, 4) && id.s[4] == '.' && dot2 &&
			all_digits(dot2 + 1, (size_t)(id.s + id.len - dot2 - 1));
		bool old = id.len == 8 && is_alpha((unsigned char)id.s[0]) && all_digits(id.s + 1, 2) &&
			id.s[3] == '-' && all_digits(id.s + 4, 4);
		if (modern || old)
			return make_key("acl", id.s, id.len, false);
	}
	if ((host_is(u, "doi.org") || host_is(u, "dx.doi.org")) && u->nseg >= 1 &&
	    has_prefix_ci(u->seg[0].s, u->seg[0].len, "10.")) {
		struct span r = path_rest(u, 0);
		/* "%2F" is how some sites write the slash; decode printable escapes. */
		struct strbuf sb;
		strbuf_init(&sb);
		for (size_t i = 0; i < r.len; i++) {
			if (r.s[i] == '%' && i + 2 < r.len) {
				int hi = hex_value((unsigned char)r.s[i + 1]), lo = hex_value((unsigned char)r.s[i + 2]);
				int c = hi * 16 + lo;
				if (hi >= 0 && lo >= 0 && c > 0x20 && c < 0x7f) {
					strbuf_putc(&sb, (char)c);
					i += 2;
					continue;
				}
			}
			strbuf_putc(&sb, r.s[i]);
		}
		while (sb.len > 0 && sb.data[sb.len - 1] == '/')
			sb.data[--sb.len] = '\0';
		const char *slash = strchr(sb.data, '/');
		char *key = slash && slash[1] ? make_key("doi", sb.data, sb.len, true) : NULL;
		strbuf_clear(&sb);
		return key;
	}
	return NULL;
}

/* ------------------------------------------------------------ projects */

static bool github_owner_char(int c) { return is_alnum(c) || c == '-'; }
static bool github_repo_char(int c) { return is_alnum(c) || c == '-' || c == '_' || c == '.'; }

/* A repository name as a link writes it, with ".git" and the dots a
 * linkifier swept up from the end of a sentence removed. */
static bool trim_repo_name(struct span *repo)
{
	if (has_suffix_ci(repo->s, repo->len, ".git"))
		repo->len -= 4;
	while (repo->len > 0 && repo->s[repo->len - 1] == '.')
		repo->len--;
	return all_of(repo->s, repo->len, github_repo_char) && repo->len <= 100;
}

static char *owner_repo_key(const char *ns, struct span owner, struct span repo)
{
	char *key = xasprintf("%s:%.*s/%.*s", ns, (int)owner.len, owner.s, (int)repo.len, repo.s);
	for (char *p = key; *p; p++)
		*p = (char)ascii_tolower((unsigned char)*p);
	return key;
}

/* First path segments that are GitHub's own pages, not users. */
static const char *const github_reserved[] = {
	"features", "topics", "orgs", "organizations", "settings", "marketplace", "sponsors",
	"login", "logout", "join", "signup", "session", "sessions", "about", "pricing",
	"collections", "trending", "search", "apps", "explore", "notifications", "issues",
	"pulls", "new", "enterprise", "enterprises", "security", "site", "contact",
	"customer-stories", "readme", "team", "events", "advisories", "codespaces", "copilot",
	"dashboard", "stars", "watching", "account", "blog", "showcases", "nonprofit",
	"education", "solutions", "resources", "premium-support", "users", "mobile", "home",
	"password_reset", "git-guides", "redeem", "user-attachments", "github-copilot",
	"discussions", "sitemap", "models", "partners", "customer", "why-github", "open-source",
	"mcp", "privacy", "terms", NULL
};

static char *classify_github(const struct url *u)
{
	if (u->nseg < 2 || in_list(u->seg[0].s, u->seg[0].len, github_reserved))
		return NULL;
	struct span owner = u->seg[0], repo = u->seg[1];
	if (owner.len > 39 || !all_of(owner.s, owner.len, github_owner_char) || !trim_repo_name(&repo))
		return NULL;
	if (repo.len == 0) /* also "." and "..", emptied by the trim */
		return NULL;
	return owner_repo_key("github", owner, repo);
}

static bool is_hex_digit(int c) { return hex_value(c) >= 0; }

static char *classify_gist(const struct url *u)
{
	/* gist.github.com/user/ID or, for old anonymous gists, gist.github.com/ID */
	struct span id;
	if (u->nseg >= 2)
		id = u->seg[1];
	else if (u->nseg == 1 && u->seg[0].len >= 20 && all_of(u->seg[0].s, u->seg[0].len, is_hex_digit))
		id = u->seg[0];
	else
		return NULL;
	if (has_suffix_ci(id.s, id.len, ".git"))
		id.len -= 4;
	if (!all_of(id.s, id.len, is_alnum))
		return NULL;
	return make_key("gist", id.s, id.len, true);
}

static const char *const gitlab_reserved[] = {
	"explore", "users", "help", "dashboard", "-", "search", "projects", "groups", "admin",
	"api", "sign_in", "snippets", "topics", NULL
};

static char *classify_gitlab(const struct url *u)
{
	if (u->nseg < 2 || in_list(u->seg[0].s, u->seg[0].len, gitlab_reserved) || seg_is(u, 1, "-"))
		return NULL;
	/* Subgroups make the project path longer than two segments; GitLab ends
	 * it with "/-/" before its own routes. Without that marker, take two. */
	size_t last = 1;
	for (size_t i = 2; i < u->nseg; i++) {
		if (u->seg[i].len == 1 && u->seg[i].s[0] == '-') {
			last = i - 1;
			break;
		}
	}
	struct span owner = { u->seg[0].s, (size_t)(u->seg[last - 1].s + u->seg[last - 1].len - u->seg[0].s) };
	struct span repo = u->seg[last];
	for (size_t i = 0; i < last; i++)
		if (!all_of(u->seg[i].s, u->seg[i].len, github_repo_char))
			return NULL;
	if (!trim_repo_name(&repo) || repo.len == 0)
		return NULL;
	return owner_repo_key("gitlab", owner, repo);
}

/* Hugging Face pages that are not owner/model. */
static const char *const hf_reserved[] = {
	"papers", "blog", "docs", "collections", "models", "organizations", "settings", "login",
	"join", "pricing", "learn", "tasks", "posts", "chat", "new", "enterprise", "api",
	"changelog", "terms-of-service", "privacy", "welcome", "spaces", "datasets", "search",
	"notifications", "new-space", "new-dataset", "inference-endpoints", "support", "storage",
	"hub", "course", NULL
};

static char *classify_huggingface(const struct url *u, enum item_kind *kind)
{
	const char *ns = "hf";
	size_t first = 0;
	if (seg_is(u, 0, "datasets")) {
		ns = "hf-dataset";
		first = 1;
	} else if (seg_is(u, 0, "spaces")) {
		ns = "hf-space";
		first = 1;
	} else if (u->nseg >= 1 && in_list(u->seg[0].s, u->seg[0].len, hf_reserved)) {
		return NULL;
	}
	if (u->nseg < first + 2)
		return NULL;
	struct span owner = u->seg[first], repo = u->seg[first + 1];
	if (!all_of(owner.s, owner.len, github_repo_char) || !trim_repo_name(&repo) || repo.len == 0)
		return NULL;
	*kind = KIND_PROJECT;
	return owner_repo_key(ns, owner, repo);
}

/* ------------------------------------------------------------ tweets, discussions, videos */

static char *classify_tweet(const struct url *u)
{
	if (!host_in(u, twitter_hosts))
		return NULL;
	/* /USER/status/ID[/photo/1], /i/web/status/ID, /i/status/ID */
	for (size_t i = 1; i + 1 < u->nseg && i <= 2; i++) {
		if ((seg_is(u, i, "status") || seg_is(u, i, "statuses")) &&
		    all_digits(u->seg[i + 1].s, u->seg[i + 1].len) && u->seg[i + 1].len <= 20 &&
		    (i == 1 || seg_is(u, 0, "i")))
			return make_key("x", u->seg[i + 1].s, u->seg[i + 1].len, false);
	}
	return NULL;
}

static char *url_key(const struct url *u)
{
	char *canonical = url_canonical(u);
	char *key = xasprintf("url:%s", canonical);
	free(canonical);
	return key;
}

static bool reddit_id_ok(struct span id)
{
	return id.len > 0 && id.len <= 16 && all_of(id.s, id.len, is_alnum);
}

static char *classify_discussion(const struct url *u)
{
	static const char *const reddit_hosts[] = {
		"reddit.com", "old.reddit.com", "np.reddit.com", "new.reddit.com", "m.reddit.com",
		"sh.reddit.com", NULL
	};
	if (host_in(u, reddit_hosts)) {
		/* /r/SUB/comments/ID/..., /user/NAME/comments/ID, /comments/ID, /gallery/ID */
		for (size_t i = 0; i + 1 < u->nseg && i <= 2; i += 2) {
			if ((seg_is(u, i, "comments") || (i == 0 && seg_is(u, i, "gallery"))) &&
			    reddit_id_ok(u->seg[i + 1]) &&
			    (i == 0 || seg_is(u, 0, "r") || seg_is(u, 0, "user") || seg_is(u, 0, "u")))
				return make_key("reddit", u->seg[i + 1].s, u->seg[i + 1].len, true);
		}
		return NULL;
	}
	if (host_is(u, "redd.it") && u->nseg == 1 && reddit_id_ok(u->seg[0]))
		return make_key("reddit", u->seg[0].s, u->seg[0].len, true);
	/* A post's video on Reddit's own host: the post is what is listed. */
	if (host_is(u, "v.redd.it") && u->nseg >= 1)
		return url_key(u);
	struct span v;
	if (host_is(u, "news.ycombinator.com") && seg_is(u, 0, "item") && query_param(u, "id", &v) &&
	    all_digits(v.s, v.len) && v.len <= 12)
		return make_key("hn", v.s, v.len, false);
	if (host_is(u, "lobste.rs") && seg_is(u, 0, "s") && u->nseg >= 2 &&
	    all_of(u->seg[1].s, u->seg[1].len, is_alnum))
		return make_key("lobsters", u->seg[1].s, u->seg[1].len, false);
	return NULL;
}

static bool youtube_id_char(int c) { return is_alnum(c) || c == '-' || c == '_'; }

static char *youtube_key(struct span id)
{
	if (id.len != 11 || !all_of(id.s, id.len, youtube_id_char))
		return NULL;
	return make_key("youtube", id.s, id.len, false);
}

/* NULL with *KIND untouched when U is no video; a video host's other pages
 * (v.redd.it, b23.tv short links) are videos keyed by URL. */
static char *classify_video(const struct url *u, enum item_kind *kind)
{
	struct span v;
	char *key = NULL;
	if (host_is(u, "youtu.be") && u->nseg >= 1) {
		key = youtube_key(u->seg[0]);
	} else if (host_in(u, youtube_hosts)) {
		if (seg_is(u, 0, "watch") && query_param(u, "v", &v))
			key = youtube_key(v);
		else if ((seg_is(u, 0, "shorts") || seg_is(u, 0, "embed") || seg_is(u, 0, "live") ||
		          seg_is(u, 0, "v")) && u->nseg >= 2)
			key = youtube_key(u->seg[1]);
	} else if ((host_is(u, "bilibili.com") || host_is(u, "m.bilibili.com")) &&
	           seg_is(u, 0, "video") && u->nseg >= 2) {
		struct span id = u->seg[1];
		if (((has_prefix_ci(id.s, id.len, "BV") && id.len >= 10) ||
		     (has_prefix_ci(id.s, id.len, "av") && all_digits(id.s + 2, id.len - 2))) &&
		    all_of(id.s, id.len, is_alnum) && id.len <= 16)
			key = make_key("bilibili", id.s, id.len, false);
	} else if (host_is(u, "vimeo.com") && u->nseg >= 1 && all_digits(u->seg[0].s, u->seg[0].len)) {
		key = make_key("vimeo", u->seg[0].s, u->seg[0].len, false);
	} else if (host_is(u, "player.vimeo.com") && seg_is(u, 0, "video") && u->nseg >= 2 &&
	           all_digits(u->seg[1].s, u->seg[1].len)) {
		key = make_key("vimeo", u->seg[1].s, u->seg[1].len, false);
	} else if (host_is(u, "b23.tv") && u->nseg >= 1) {
		*kind = KIND_VIDEO;
		return NULL;
	}
	if (key)
		*kind = KIND_VIDEO;
	return key;
}

static bool is_podcast(const struct url *u)
{
	static const char *const podcast_sites[] = {
		"podwise.ai", "xiaoyuzhoufm.com", "podcasts.apple.com", "overcast.fm", "pod.link",
		"pca.st", "pocketcasts.com", "castbox.fm", "podcasts.google.com", "podbean.com",
		"anchor.fm", "podcasters.spotify.com", "simplecast.com", "transistor.fm",
		"buzzsprout.com", "player.fm", "listennotes.com", "castro.fm", "podcastaddict.com",
		"ximalaya.com", "lizhi.fm", "podchaser.com", "podcasts.feedpress.com", "libsyn.com",
		"megaphone.fm", "rss.com", "captivate.fm", "redcircle.com", "spreaker.com", "acast.com",
		NULL
	};
	for (const char *const *p = podcast_sites; *p; p++)
		if (host_within(u, *p))
			return true;
	if (host_is(u, "open.spotify.com")) {
		size_t i = u->nseg > 0 && has_prefix_ci(u->seg[0].s, u->seg[0].len, "intl-") ? 1 : 0;
		return seg_is(u, i, "episode") || seg_is(u, i, "show");
	}
	return false;
}

/* ------------------------------------------------------------ classification */

static bool is_image_host(const struct url *u)
{
	static const char *const hosts[] = {
		"img.shields.io", "badge.fury.io", "badgen.net", "camo.githubusercontent.com",
		"user-images.githubusercontent.com", "private-user-images.githubusercontent.com",
		"avatars.githubusercontent.com", "pbs.twimg.com", "i.imgur.com", "i.redd.it",
		"preview.redd.it", "i.ytimg.com", "img.youtube.com", "mmbiz.qpic.cn", NULL
	};
	return host_in(u, hosts);
}

static bool is_image_path(const struct url *u)
{
	static const char *const exts[] = {
		".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".bmp", ".ico", NULL
	};
	for (const char *const *e = exts; *e; e++)
		if (has_suffix_ci(u->path.s, u->path.len, *e))
			return true;
	return false;
}

bool link_classify(const char *url, struct link_identity *out)
{
	struct url u;
	if (!url_parse(url, &u) || is_image_host(&u) || is_image_path(&u)) {
		url_free(&u);
		return false;
	}
	enum item_kind kind = KIND_ARTICLE;
	char *key = NULL;
	if ((key = classify_paper(&u)))
		kind = KIND_PAPER;
	else if (host_is(&u, "github.com") && (key = classify_github(&u)))
		kind = KIND_PROJECT;
	else if (host_is(&u, "gist.github.com") && (key = classify_gist(&u)))
		kind = KIND_PROJECT;
	else if (host_is(&u, "gitlab.com") && (key = classify_gitlab(&u)))
		kind = KIND_PROJECT;
	else if ((host_is(&u, "huggingface.co") || host_is(&u, "hf.co")) &&
	         (key = classify_huggingface(&u, &kind)))
		;
	else if ((key = classify_tweet(&u)))
		kind = KIND_TWEET;
	else if ((key = classify_discussion(&u)))
		kind = KIND_DISCUSSION;
	else if ((key = classify_video(&u, &kind)))
		;
	else if (is_podcast(&u))
		kind = KIND_PODCAST;

	out->canonical_url = url_canonical(&u);
	out->key = key ? key : xasprintf("url:%s", out->canonical_url);
	out->kind = kind;
	url_free(&u);
	return true;
}

/* Badges, avatars and tracking pixels: decoration even as a link target. */
static bool is_badge_host(const struct url *u)
{
	static const char *const hosts[] = {
		"img.shields.io", "badge.fury.io", "badgen.net", "camo.githubusercontent.com",
		"avatars.githubusercontent.com", NULL
	};
	return host_in(u, hosts);
}

bool link_classify_target(const char *url, struct link_identity *out)
{
	if (link_classify(url, out))
		return true;
	struct url u;
	if (!url_parse(url, &u) || is_badge_host(&u) || (!is_image_host(&u) && !is_image_path(&u))) {
		url_free(&u);
		return false;
	}
	/* Reddit's image host holds a post's picture: the post is the item. */
	out->kind = host_within(&u, "redd.it") ? KIND_DISCUSSION : KIND_ARTICLE;
	out->canonical_url = url_canonical(&u);
	out->key = xasprintf("url:%s", out->canonical_url);
	url_free(&u);
	return true;
}

void link_identity_clear(struct link_identity *id)
{
	if (!id)
		return;
	free(id->key);
	free(id->canonical_url);
	id->key = NULL;
	id->canonical_url = NULL;
}

/* ------------------------------------------------------------ ids in text */

/* Report NAME (freed here) once per call, a hash set remembering what was
 * reported (a paragraph may hold 20,000 ids); returns whether it was new. */
static bool report_once(struct strset *seen, char *name,
                        void (*found)(const char *, void *), void *data)
{
	bool added = strset_add(seen, name);
	if (added && found)
		found(name, data);
	free(name);
	return added;
}

/* Separators between "arXiv" and its id: blanks, ':' and the full-width
 * colon and no-break space of CJK text. */
static size_t skip_arxiv_separators(const char *s)
{
	size_t i = 0;
	for (;;) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == ':')
			i++;
		else if ((unsigned char)s[i] == 0xEF && (unsigned char)s[i + 1] == 0xBC &&
		         (unsigned char)s[i + 2] == 0x9A)
			i += 3;
		else if ((unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
			i += 2;
		else
			return i;
	}
}

size_t link_find_arxiv_ids(const char *text, void (*found)(const char *id, void *data), void *data)
{
	if (!text)
		return 0;
	struct strset seen;
	strset_init(&seen);
	size_t count = 0;
	for (const char *p = text; (p = strpbrk(p, "aA")); p++) {
		/* ascii_eq_n stops at the first difference, so never reads past the NUL */
		if (!has_prefix_ci(p, 5, "arxiv"))
			continue;
		if (p > text && (is_alnum((unsigned char)p[-1]) || p[-1] == '/' || p[-1] == '.'))
			continue;
		const char *q = p + 5;
		size_t sep = skip_arxiv_separators(q);
		/* "arXiv ID: 2602.14849" */
		if (sep > 0 && ascii_tolower((unsigned char)q[sep]) == 'i' &&
		    ascii_tolower((unsigned char)q[sep + 1]) == 'd' && !is_alnum((unsigned char)q[sep + 2])) {
			size_t more = skip_arxiv_separators(q + sep + 2);
			if (more > 0)
				sep += 2 + more;
		}
		if (sep == 0)
			continue;
		q += sep;
		size_t total, id = match_arxiv_id(q, strnlen(q, 64), &total);
		if (!id)
			continue;
		if (report_once(&seen, xstrndup(q, id), found, data))
			count++;
		p = q + total - 1;
	}
	strset_clear(&seen);
	return count;
}

/* Words that pair with a slash in prose and never name a repository:
 * "and/or", "input/output", "km/h", "tok/s", "read/write". */
static const char *const slash_words[] = {
	"and", "or", "nor", "not", "but", "input", "output", "inputs", "outputs", "read", "write",
	"true", "false", "yes", "no", "on", "off", "in", "out", "up", "down", "client", "server",
	"pros", "cons", "he", "him", "his", "she", "her", "hers", "they", "them", "their", "it",
	"its", "we", "us", "you", "with", "without", "either", "both", "open", "close", "start",
	"stop", "before", "after", "buy", "sell", "win", "lose", "day", "days", "week", "weeks",
	"month", "months", "year", "years", "yr", "mo", "hour", "hours", "hr", "hrs", "min",
	"mins", "minute", "sec", "secs", "second", "ms", "us", "ns", "km", "mi", "mph", "kg",
	"lb", "cm", "mm", "ft", "gb", "mb", "kb", "tb", "gib", "mib", "gbps", "mbps", "kbps",
	"tok", "toks", "token", "tokens", "req", "reqs", "request", "requests", "query", "queries",
	"op", "ops", "flop", "flops", "step", "steps", "iter", "iters", "epoch", "epochs",
	"sample", "samples", "image", "images", "img", "frame", "frames", "fps", "user", "users",
	"seat", "gpu", "gpus", "cpu", "cpus", "node", "nodes", "core", "cores", "watt", "watts",
	"kw", "kwh", "hz", "khz", "mhz", "ghz", "usd", "eur", "page", "pages", "word", "words",
	"char", "chars", "line", "lines", "call", "calls", "run", "runs", "job", "jobs", "task",
	"tasks", "person", "head", "month", "quarter", "mtok", "dollar", "dollars", "cent",
	"cents", "this", "that", "these", "those", "here", "there", "who", "what", "which",
	"when", "where", "why", "how", "good", "bad", "old", "new", "left", "right", "top",
	"bottom", "front", "back", "black", "white", "male", "female", "small", "large", "big",
	"fast", "slow", "high", "low", "more", "less", "plus", "minus", "via", "per", "vs",
	"pass", "fail", "allow", "deny", "accept", "reject", "enable", "disable", "get", "set",
	"push", "pull", "send", "receive", "load", "store", "save", "encode", "decode", NULL
};

/* Directory names that make "dir/name" a path, not a repository. */
static const char *const directory_words[] = {
	"src", "lib", "libs", "include", "inc", "bin", "sbin", "test", "tests", "spec", "specs",
	"doc", "docs", "example", "examples", "sample", "samples", "script", "scripts", "tool",
	"tools", "util", "utils", "config", "configs", "conf", "etc", "app", "apps", "asset",
	"assets", "static", "public", "dist", "build", "out", "output", "outputs", "data",
	"dataset", "datasets", "model", "models", "checkpoint", "checkpoints", "ckpt", "log",
	"logs", "runs", "notebooks", "cmd", "pkg", "internal", "vendor", "node_modules",
	"packages", "modules", "components", "pages", "views", "templates", "web", "www", "home",
	"usr", "var", "tmp", "opt", "dev", "proc", "sys", "mnt", "media", "root", "api", "core",
	"common", "shared", "res", "resources", "images", "img", "fonts", "styles", "css", "js",
	"migrations", "benchmarks", "bench", "experiments", "demo", "demos", "third_party",
	"deps", "external", "plugins", "extensions", "crates", "target", "cache", "kernels",
	"csrc", "train", "training", "eval", "evals", "prompts", "workflows", "refs", "heads",
	"origin", "upstream", "main", "master", "tree", "blob", "raw", "local", "remote", NULL
};

/* File extensions no repository name ends with. Language suffixes
 * (llama.cpp, llm.c, three.js, Flux.jl) are left to the other rules. */
static const char *const file_extensions[] = {
	"md", "markdown", "txt", "rst", "adoc", "json", "jsonl", "yaml", "yml", "toml", "ini",
	"cfg", "conf", "lock", "log", "csv", "tsv", "xml", "html", "htm", "pdf", "png", "jpg",
	"jpeg", "gif", "svg", "webp", "ipynb", "h", "hpp", "hh", "o", "a", "so", "dll", "exe",
	"env", "sum", "mod", "gguf", "safetensors", "pt", "pth", "bin", "onnx", "ckpt", "sql",
	"bak", "tmp", "diff", "patch", "zip", "gz", "tgz", "tar", "bz2", "xz", "whl", "parquet",
	"npy", "npz", "pkl", "mp4", "mp3", "wav", "py", "sh", "bash", "zsh", "ps1", "bat",
	"cmake", "mk", "makefile", "dockerfile", "tex", "bib", "css", "scss", "ts", "tsx", "jsx",
	NULL
};

/* Common file stems: "foo/main.c", "bar/train.py", "x/index.js". */
static const char *const file_stems[] = {
	"main", "index", "app", "utils", "util", "setup", "config", "train", "test", "tests",
	"run", "init", "__init__", "server", "client", "model", "models", "helpers", "cli",
	"build", "lib", "mod", "core", "common", "types", "constants", "settings", "readme",
	"license", "changelog", "makefile", "dockerfile", "package", "requirements", "eval",
	"inference", "demo", "example", "tokenizer", "data", "dataset", "engine", NULL
};

static bool is_upper_or_digit(int c) { return (c >= 'A' && c <= 'Z') || is_digit(c); }

static bool is_version_word(struct span w)
{
	return w.len >= 2 && (w.s[0] == 'v' || w.s[0] == 'V') && all_digits(w.s + 1, w.len - 1);
}

/* Whether "owner/repo" reads as a repository name. */
static bool plausible_repo(struct span owner, struct span repo, bool github_prefixed)
{
	if (owner.len == 0 || owner.len > 39 || repo.len == 0 || repo.len > 100)
		return false;
	if (!all_of(owner.s, owner.len, github_owner_char) || !all_of(repo.s, repo.len, github_repo_char))
		return false;
	if (owner.s[0] == '-' || owner.s[owner.len - 1] == '-' || repo.s[0] == '.')
		return false;
	if (github_prefixed)
		return true;
	/* w/o, r/LocalLLaMA, u/name, 1/2, 24/7, 2024/05, v1/v2 */
	if (owner.len == 1 || repo.len == 1 || all_digits(owner.s, owner.len) ||
	    all_digits(repo.s, repo.len) || is_version_word(owner) || is_version_word(repo))
		return false;
	/* TCP/IP, CI/CD, AI/ML, I/O */
	if (all_of(owner.s, owner.len, is_upper_or_digit) && all_of(repo.s, repo.len, is_upper_or_digit))
		return false;
	if (in_list(owner.s, owner.len, slash_words) || in_list(repo.s, repo.len, slash_words))
		return false;
	if (in_list(owner.s, owner.len, directory_words))
		return false;
	const char *dot = NULL;
	for (size_t i = 0; i < repo.len; i++)
		if (repo.s[i] == '.')
			dot = repo.s + i;
	if (dot) {
		size_t ext_len = (size_t)(repo.s + repo.len - dot - 1);
		size_t stem_len = (size_t)(dot - repo.s);
		if (in_list(dot + 1, ext_len, file_extensions))
			return false;
		/* a language suffix on a common file name is a file: main.c, index.js */
		const char *first_dot = memchr(repo.s, '.', repo.len);
		if (ext_len <= 5 && all_of(dot + 1, ext_len, is_alpha) &&
		    in_list(repo.s, (size_t)(first_dot - repo.s), file_stems))
			return false;
		(void)stem_len;
	}
	return true;
}

static bool repo_token_char(int c)
{
	return is_alnum(c) || c == '-' || c == '_' || c == '.' || c == '/';
}

static bool is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The owner/repo a unit of text names, or NULL. A unit is a whole text or
 * a code span: optional blanks, an optional "github.com/" (or a full
 * https://github.com/ URL), "owner/repo", an optional ".git", "@ref",
 * "#123" or a trailing '/', optional blanks. */
static char *repo_name_in_unit(const char *s, size_t len)
{
	while (len > 0 && is_blank((unsigned char)s[0]))
		s++, len--;
	while (len > 0 && is_blank((unsigned char)s[len - 1]))
		len--;
	bool github_prefixed = false;
	if (has_prefix_ci(s, len, "https://"))
		s += 8, len -= 8;
	else if (has_prefix_ci(s, len, "http://"))
		s += 7, len -= 7;
	if (has_prefix_ci(s, len, "www."))
		s += 4, len -= 4;
	if (has_prefix_ci(s, len, "github.com/")) {
		github_prefixed = true;
		s += 11, len -= 11;
	} else if (s != NULL && len > 0 && memchr(s, ':', len)) {
		return NULL; /* any other URL, or a docker image:tag */
	}
	size_t n = 0;
	while (n < len && repo_token_char((unsigned char)s[n]))
		n++;
	/* what may follow the name: a ref, an issue number, a trailing slash */
	if (n < len && s[n] != '@' && s[n] != '#')
		return NULL;
	if (github_prefixed) {
		/* github.com/owner/repo/tree/main names owner/repo */
		const char *first = memchr(s, '/', n);
		const char *second = first ? memchr(first + 1, '/', (size_t)(s + n - first - 1)) : NULL;
		if (second)
			n = (size_t)(second - s);
	}
	while (n > 0 && (s[n - 1] == '.' || s[n - 1] == '/'))
		n--;
	const char *slash = memchr(s, '/', n);
	if (!slash || memchr(slash + 1, '/', (size_t)(s + n - slash - 1)))
		return NULL;
	struct span owner = { s, (size_t)(slash - s) };
	struct span repo = { slash + 1, (size_t)(s + n - slash - 1) };
	if (has_suffix_ci(repo.s, repo.len, ".git"))
		repo.len -= 4;
	if (!plausible_repo(owner, repo, github_prefixed))
		return NULL;
	char *name = xasprintf("%.*s/%.*s", (int)owner.len, owner.s, (int)repo.len, repo.s);
	for (char *c = name; *c; c++)
		*c = (char)ascii_tolower((unsigned char)*c);
	return name;
}

/* In running prose "robotics/e-commerce" and "karpathy/nanochat" look
 * alike, so prose alone never counts: only a text that is nothing but the
 * name (a code span's content), `backticked` names and github.com/owner/repo
 * written out without a scheme. */
size_t link_find_repo_names(const char *text, void (*found)(const char *owner_repo, void *data), void *data)
{
	if (!text)
		return 0;
	struct strset seen;
	strset_init(&seen);
	size_t count = 0;
	char *name = repo_name_in_unit(text, strlen(text));
	if (name) {
		count += report_once(&seen, name, found, data);
		strset_clear(&seen);
		return count;
	}
	const char *p = text;
	while (*p) {
		if (*p == '`') {
			const char *open = p;
			while (*open == '`')
				open++;
			size_t ticks = (size_t)(open - p);
			/* the closing run has the same number of backticks */
			const char *close = open;
			for (;;) {
				close = strchr(close, '`');
				if (!close)
					break;
				const char *run = close;
				while (*run == '`')
					run++;
				if ((size_t)(run - close) == ticks)
					break;
				close = run;
			}
			if (!close) {
				p = open;
				continue;
			}
			name = repo_name_in_unit(open, (size_t)(close - open));
			if (name)
				count += report_once(&seen, name, found, data);
			p = close + ticks;
			continue;
		}
		if ((p == text || !(repo_token_char((unsigned char)p[-1]) || p[-1] == ':')) &&
		    has_prefix_ci(p, 11, "github.com/")) {
			const char *end = p + 11;
			while (*end && repo_token_char((unsigned char)*end))
				end++;
			name = repo_name_in_unit(p, (size_t)(end - p));
			if (name)
				count += report_once(&seen, name, found, data);
			p = end;
			continue;
		}
		p++;
	}
	strset_clear(&seen);
	return count;
}
