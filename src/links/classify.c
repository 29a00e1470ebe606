/* links/classify.c: a URL -> kind + identity key: arXiv papers, GitHub/GitLab/Hugging Face
 * projects, tweets, discussions, videos, podcasts, images and badges. */
#include <config.h>

#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include "hashset.h"
#include "strbuf.h"
#include "xalloc.h"

/* ------------------------------------------------------------ arXiv ids */

/* Match an arXiv id at S: modern "YYMM.NNNNN" / "YYMM.NNNN" or old-style
 * "archive[.XX]/YYMMNNN", each with an optional "vN". Returns the length
 * of the id without its version (0 when there is none) and sets *TOTAL to
 * the length with it. The byte after the id must not continue a number. */
size_t match_arxiv_id(const char *s, size_t len, size_t *total)
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
