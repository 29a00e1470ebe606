/* links/url.c: a URL split into its parts, the site predicates over those parts, and the
 * canonical form of a URL (tracking parameters dropped). */
#include <config.h>

#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include "hashset.h"
#include "strbuf.h"
#include "xalloc.h"

/* ------------------------------------------------------------ helpers */


int hex_value(int c)
{
	if (is_digit(c))
		return c - '0';
	c = ascii_tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

bool all_digits(const char *s, size_t len)
{
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!is_digit((unsigned char)s[i]))
			return false;
	return true;
}

bool all_of(const char *s, size_t len, bool (*pred)(int))
{
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!pred((unsigned char)s[i]))
			return false;
	return true;
}

bool in_list(const char *s, size_t len, const char *const *list)
{
	for (; *list; list++)
		if (ascii_eq_n(s, len, *list))
			return true;
	return false;
}

bool has_prefix_ci(const char *s, size_t len, const char *prefix)
{
	size_t plen = strlen(prefix);
	return len >= plen && ascii_eq_n(s, plen, prefix);
}

bool has_suffix_ci(const char *s, size_t len, const char *suffix)
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
char *make_key(const char *ns, const char *id, size_t len, bool lower)
{
	char *key = xasprintf("%s:%.*s", ns, (int)len, id);
	if (lower)
		for (char *p = key + strlen(ns) + 1; *p; p++)
			*p = (char)ascii_tolower((unsigned char)*p);
	return key;
}

/* ------------------------------------------------------------ URL parsing */

void url_free(struct url *u)
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

bool url_parse(const char *url, struct url *u)
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
	u->host_len = strlen(u->host);
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

bool host_is(const struct url *u, const char *name)
{
	return strcmp(u->match, name) == 0;
}

/* NAME itself or any subdomain of it. */
bool host_within(const struct url *u, const char *name)
{
	size_t hlen = u->host_len, nlen = strlen(name);
	if (hlen == nlen)
		return strcmp(u->host, name) == 0;
	return hlen > nlen && u->host[hlen - nlen - 1] == '.' && strcmp(u->host + hlen - nlen, name) == 0;
}

bool host_in(const struct url *u, const char *const *names)
{
	for (; *names; names++)
		if (host_is(u, *names))
			return true;
	return false;
}

bool seg_is(const struct url *u, size_t i, const char *name)
{
	return i < u->nseg && ascii_eq_n(u->seg[i].s, u->seg[i].len, name);
}

/* The value of the first query parameter NAME (case-sensitive). */
bool query_param(const struct url *u, const char *name, struct span *value)
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

const char *const twitter_hosts[] = {
	"x.com", "twitter.com", "mobile.twitter.com", "mobile.x.com", "m.twitter.com",
	"fxtwitter.com", "vxtwitter.com", "fixupx.com", "fixvx.com", "twittpr.com", NULL
};

const char *const youtube_hosts[] = {
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

char *url_canonical(const struct url *u)
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
