#include <config.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "links.h"
#include "strbuf.h"
#include "tap.h"

/* A test description on one TAP line: control bytes shown as '?'. */
static const char *printable(const char *s)
{
	static char buf[96];
	size_t i = 0;
	for (; s && s[i] && i + 1 < sizeof buf; i++)
		buf[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i];
	buf[i] = '\0';
	return s ? buf : "(null)";
}

/* URL -> "kind key" ("none" when link_classify refuses it). */
static char *classify(const char *url)
{
	struct link_identity id;
	if (!link_classify(url, &id))
		return strdup("none");
	size_t len = strlen(kind_name(id.kind)) + strlen(id.key) + 2;
	char *out = malloc(len);
	snprintf(out, len, "%s %s", kind_name(id.kind), id.key);
	link_identity_clear(&id);
	return out;
}

static void is_link(const char *url, const char *expected)
{
	char *got = classify(url);
	is_str(got, expected, "classify %.60s", printable(url));
	free(got);
}

static void is_canonical(const char *url, const char *expected)
{
	char *got = link_canonical_url(url);
	is_str(got, expected, "canonical %.60s", printable(url));
	free(got);
}

static void collect(const char *s, void *data)
{
	struct strbuf *sb = data;
	if (sb->len)
		strbuf_putc(sb, ' ');
	strbuf_puts(sb, s);
}

static void is_arxiv_ids(const char *text, const char *expected)
{
	struct strbuf sb;
	strbuf_init(&sb);
	size_t n = link_find_arxiv_ids(text, collect, &sb);
	size_t words = 0;
	for (const char *p = sb.data; *p; p++)
		words += *p == ' ';
	words += sb.len > 0;
	ok(n == words, "arxiv count matches callbacks for %.40s", printable(text));
	is_str(sb.data, expected, "arxiv ids in %.60s", printable(text));
	strbuf_clear(&sb);
}

static void is_repos(const char *text, const char *expected)
{
	struct strbuf sb;
	strbuf_init(&sb);
	link_find_repo_names(text, collect, &sb);
	is_str(sb.data, expected, "repo names in %.60s", printable(text));
	strbuf_clear(&sb);
}

static void test_kinds(void)
{
	is_str(kind_name(KIND_PAPER), "paper", "kind_name paper");
	is_str(kind_name(KIND_NOTE), "note", "kind_name note");
	is_str(kind_plural(KIND_TWEET), "tweets", "kind_plural tweets");
	is_int(kind_from_name("papers"), KIND_PAPER, "kind_from_name plural");
	is_int(kind_from_name("Podcast"), KIND_PODCAST, "kind_from_name any case");
	is_int(kind_from_name("paperz"), -1, "kind_from_name unknown");
	is_int(kind_from_name(""), -1, "kind_from_name empty");
	is_int(kind_from_name(NULL), -1, "kind_from_name NULL");
}

static void test_papers(void)
{
	is_link("https://arxiv.org/abs/2602.15776", "paper arxiv:2602.15776");
	is_link("https://arxiv.org/abs/2602.15776v3", "paper arxiv:2602.15776");
	is_link("https://arxiv.org/pdf/2602.15776v2", "paper arxiv:2602.15776");
	is_link("https://arxiv.org/pdf/2602.15776.pdf", "paper arxiv:2602.15776");
	is_link("https://arxiv.org/html/2602.15776v1", "paper arxiv:2602.15776");
	is_link("http://www.arxiv.org/abs/2602.15776/", "paper arxiv:2602.15776");
	is_link("https://arxiv.org/abs/2602.15776?context=cs.CL", "paper arxiv:2602.15776");
	is_link("https://arxiv.org/abs/1501.0001", "paper arxiv:1501.0001");
	is_link("https://arxiv.org/abs/hep-th/9901001", "paper arxiv:hep-th/9901001");
	is_link("https://arxiv.org/pdf/math.GT/0309136v2", "paper arxiv:math.GT/0309136");
	is_link("https://huggingface.co/papers/2602.16855", "paper arxiv:2602.16855");
	is_link("https://www.alphaxiv.org/abs/2602.16855v2", "paper arxiv:2602.16855");
	is_link("https://arxiv.org/abs/2613.15776", "article url:https://arxiv.org/abs/2613.15776");
	is_link("https://arxiv.org/list/cs.CL/recent", "article url:https://arxiv.org/list/cs.CL/recent");
	is_link("https://openreview.net/forum?id=AbC123xyz", "paper openreview:AbC123xyz");
	is_link("https://openreview.net/pdf?id=AbC123xyz", "paper openreview:AbC123xyz");
	is_link("https://aclanthology.org/2024.acl-long.1/", "paper acl:2024.acl-long.1");
	is_link("https://aclanthology.org/2024.acl-long.1.pdf", "paper acl:2024.acl-long.1");
	is_link("https://aclanthology.org/P19-1001", "paper acl:P19-1001");
	is_link("https://doi.org/10.1145/3580305.ABC", "paper doi:10.1145/3580305.abc");
	is_link("https://dx.doi.org/10.1000%2FXYZ", "paper doi:10.1000/xyz");
}

static void test_projects(void)
{
	is_link("https://github.com/Karpathy/NanoChat", "project github:karpathy/nanochat");
	is_link("https://github.com/karpathy/nanochat.git", "project github:karpathy/nanochat");
	is_link("https://github.com/go-gitea/gitea/pull/20311", "project github:go-gitea/gitea");
	is_link("https://github.com/ggml-org/llama.cpp/tree/master/tools", "project github:ggml-org/llama.cpp");
	is_link("https://github.com/someone/Some-Repo.", "project github:someone/some-repo");
	is_link("https://github.com/karpathy", "article url:https://github.com/karpathy");
	is_link("https://github.com/karpathy/", "article url:https://github.com/karpathy/");
	is_link("https://github.com/trending", "article url:https://github.com/trending");
	is_link("https://github.com/features/copilot", "article url:https://github.com/features/copilot");
	is_link("https://github.com/topics/llm", "article url:https://github.com/topics/llm");
	is_link("https://github.com/orgs/acme/repositories", "article url:https://github.com/orgs/acme/repositories");
	is_link("https://github.com/advisories/GHSA-aaaa-bbbb", "article url:https://github.com/advisories/GHSA-aaaa-bbbb");
	is_link("https://gist.github.com/someone/8627fe009c40f5", "project gist:8627fe009c40f5");
	is_link("https://gist.github.com/someone", "article url:https://gist.github.com/someone");
	is_link("https://gitlab.com/Group/Repo", "project gitlab:group/repo");
	is_link("https://gitlab.com/group/sub/repo/-/issues/4", "project gitlab:group/sub/repo");
	is_link("https://gitlab.com/group/-/settings", "article url:https://gitlab.com/group/-/settings");
	is_link("https://huggingface.co/Qwen/QwQ-32B/blob/main/config.json", "project hf:qwen/qwq-32b");
	is_link("https://huggingface.co/datasets/SomeOrg/Bench", "project hf-dataset:someorg/bench");
	is_link("https://huggingface.co/spaces/org/demo-app", "project hf-space:org/demo-app");
	is_link("https://huggingface.co/blog/some-post", "article url:https://huggingface.co/blog/some-post");
	is_link("https://huggingface.co/mlx-community", "article url:https://huggingface.co/mlx-community");
	is_link("https://huggingface.co/collections/org/some-coll", "article url:https://huggingface.co/collections/org/some-coll");
}

static void test_social(void)
{
	is_link("https://x.com/someone/status/2024898716365455459", "tweet x:2024898716365455459");
	is_link("https://twitter.com/someone/status/2024898716365455459?s=20&t=abc", "tweet x:2024898716365455459");
	is_link("https://mobile.twitter.com/someone/status/123456789", "tweet x:123456789");
	is_link("https://fxtwitter.com/someone/status/123456789", "tweet x:123456789");
	is_link("https://vxtwitter.com/someone/status/123456789/photo/1", "tweet x:123456789");
	is_link("https://x.com/i/web/status/123456789", "tweet x:123456789");
	is_link("https://x.com/someone", "article url:https://x.com/someone");
	is_link("https://x.com/someone/status/notanumber", "article url:https://x.com/someone/status/notanumber");
	is_canonical("https://x.com/someone/status/1?s=46&t=XyZ&lang=en", "https://x.com/someone/status/1?lang=en");
	is_link("https://www.reddit.com/r/LocalLLaMA/comments/1R9QA7L/some_title/", "discussion reddit:1r9qa7l");
	is_link("https://old.reddit.com/r/sub/comments/abc12/", "discussion reddit:abc12");
	is_link("https://np.reddit.com/r/sub/comments/abc12/t/def34/", "discussion reddit:abc12");
	is_link("https://redd.it/abc12", "discussion reddit:abc12");
	is_link("https://www.reddit.com/r/LocalLLaMA/", "article url:https://www.reddit.com/r/LocalLLaMA/");
	is_link("https://news.ycombinator.com/item?id=4242", "discussion hn:4242");
	is_link("https://news.ycombinator.com/news", "article url:https://news.ycombinator.com/news");
	is_link("https://lobste.rs/s/abc123/some_story", "discussion lobsters:abc123");
}

static void test_media(void)
{
	is_link("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42", "video youtube:dQw4w9WgXcQ");
	is_link("https://youtu.be/dQw4w9WgXcQ?si=trackme", "video youtube:dQw4w9WgXcQ");
	is_canonical("https://youtu.be/dQw4w9WgXcQ?si=trackme", "https://youtu.be/dQw4w9WgXcQ");
	is_link("https://m.youtube.com/shorts/dQw4w9WgXcQ", "video youtube:dQw4w9WgXcQ");
	is_link("https://www.youtube.com/embed/dQw4w9WgXcQ", "video youtube:dQw4w9WgXcQ");
	is_link("https://www.youtube.com/@channel", "article url:https://www.youtube.com/@channel");
	is_link("https://www.bilibili.com/video/BV1xx411c7mD/?spm_id_from=333&vd_source=ab",
	        "video bilibili:BV1xx411c7mD");
	is_canonical("https://www.bilibili.com/video/BV1xx411c7mD/?spm_id_from=333&vd_source=ab",
	             "https://www.bilibili.com/video/BV1xx411c7mD/");
	is_link("https://vimeo.com/76979871", "video vimeo:76979871");
	is_link("https://v.redd.it/akb9g6", "discussion url:https://v.redd.it/akb9g6");
	is_link("https://podwise.ai/dashboard/episodes/123", "podcast url:https://podwise.ai/dashboard/episodes/123");
	is_link("https://www.xiaoyuzhoufm.com/episode/abc", "podcast url:https://www.xiaoyuzhoufm.com/episode/abc");
	is_link("https://podcasts.apple.com/us/podcast/x/id1?i=2", "podcast url:https://podcasts.apple.com/us/podcast/x/id1?i=2");
	is_link("https://open.spotify.com/episode/abc?si=xyz", "podcast url:https://open.spotify.com/episode/abc");
	is_link("https://open.spotify.com/track/abc", "article url:https://open.spotify.com/track/abc");
	is_link("https://feeds.podbean.com/show/123", "podcast url:https://feeds.podbean.com/show/123");
}

static void test_articles_and_canonical(void)
{
	is_link("https://example.com/post?utm_source=x&utm_medium=y&id=7#section",
	        "article url:https://example.com/post?id=7");
	is_canonical("HTTPS://WWW.Example.COM:443/Path/?fbclid=1&gclid=2&ref=hn", "https://www.example.com/Path/");
	is_canonical("http://example.com:80/", "http://example.com");
	is_canonical("https://example.com/", "https://example.com");
	is_canonical("https://example.com", "https://example.com");
	is_canonical("https://example.com:8443/a", "https://example.com:8443/a");
	is_canonical("https://example.com/a/?", "https://example.com/a/");
	is_canonical("https://example.com/a?&&x=1&&", "https://example.com/a?x=1");
	is_canonical("https://user:pw@example.com/a", "https://example.com/a");
	is_canonical("https://example.com./a", "https://example.com/a");
	is_canonical("https://example.com/a?mc_cid=1&mc_eid=2&spm=3&igshid=4&from=timeline&share_source=5&_hsenc=6&ref_src=7",
	             "https://example.com/a");
	is_canonical("https://app.example.com/#/post/7", "https://app.example.com#/post/7");
	is_canonical("https://example.com/%E4%B8%AD%E6%96%87", "https://example.com/%E4%B8%AD%E6%96%87");
	is_canonical("https://例子.测试/路径", "https://例子.测试/路径");
	is_canonical("https://[2001:db8::1]:8080/x", "https://[2001:db8::1]:8080/x");
	is_canonical("https://mp.weixin.qq.com/s/u5tGRx1PMO-abc_9?scene=1&chksm=zz", "https://mp.weixin.qq.com/s/u5tGRx1PMO-abc_9");
	is_canonical("https://mp.weixin.qq.com/s?sn=S&scene=21&__biz=B&idx=1&chksm=C&mid=M#rd",
	             "https://mp.weixin.qq.com/s?__biz=B&mid=M&idx=1&sn=S");
	is_link("https://mp.weixin.qq.com/s/abcDEF", "article url:https://mp.weixin.qq.com/s/abcDEF");
	is_canonical("ftp://example.com/x", NULL);
	is_canonical("not a url", NULL);
}

static void test_rejected(void)
{
	static const char *const rejected[] = {
		"", "/relative/path", "relative.html", "#anchor", "mailto:someone@example.com",
		"javascript:alert(1)", "JAVASCRIPT:alert(1)", "ftp://example.com/file", "//example.com/x",
		"https://example.com/logo.PNG", "https://example.com/a.jpg?w=100", "https://example.com/b.jpeg",
		"https://example.com/c.gif", "https://example.com/d.svg", "https://example.com/e.webp",
		"https://img.shields.io/badge/x-y-green", "https://badge.fury.io/py/x",
		"https://camo.githubusercontent.com/abc", "https://user-images.githubusercontent.com/1/2",
		"https://pbs.twimg.com/media/abc?format=jpg", "https://i.imgur.com/abc",
		"https://i.redd.it/kxh47zuxa99h1", "https://example.com/a b", "https://example.com/a\tb",
		"https://example.com/\x01", "https://exa mple.com/", "https://", "https:///path",
		"https://:80/", "https://example.com:99999/", "https://example.com:8o/", "http:/example.com",
		"https://exa<mple.com/", "https://[::1/", "https://.../",
	};
	for (size_t i = 0; i < sizeof rejected / sizeof rejected[0]; i++)
		is_link(rejected[i], "none");
	struct link_identity id;
	ok(!link_classify(NULL, &id), "NULL URL is refused");
	ok(link_classify_target("https://i.redd.it/kxh47zuxa99h1.png", &id) && id.kind == KIND_DISCUSSION &&
	   strcmp(id.key, "url:https://i.redd.it/kxh47zuxa99h1.png") == 0,
	   "a link to a Reddit picture is the post's link");
	link_identity_clear(&id);
	ok(link_classify_target("https://example.com/chart.png", &id) && id.kind == KIND_ARTICLE,
	   "a link to a picture is a link");
	link_identity_clear(&id);
	ok(!link_classify_target("https://img.shields.io/badge/x-y-green", &id), "a badge is no link target");
}

static void test_garbage(void)
{
	/* A 100 KB URL: still one article, no crash. */
	size_t n = 100 * 1024;
	char *big = malloc(n + 1);
	memcpy(big, "https://example.com/", 20);
	memset(big + 20, 'a', n - 20);
	big[n] = '\0';
	struct link_identity id;
	bool classified = link_classify(big, &id);
	ok(classified && id.kind == KIND_ARTICLE && strlen(id.canonical_url) == n,
	   "100 KB URL is an article with its whole path");
	if (classified)
		link_identity_clear(&id);
	/* A 100 KB query of tracking parameters all goes away. */
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, "https://example.com/p?");
	while (sb.len < n)
		strbuf_puts(&sb, "utm_x=1&");
	char *canon = link_canonical_url(sb.data);
	is_str(canon, "https://example.com/p", "100 KB of tracking parameters removed");
	free(canon);
	strbuf_clear(&sb);

	/* Every byte value after the scheme: never a crash, and never accepted
	 * with a control character in it. */
	int accepted_controls = 0;
	for (int c = 1; c < 256; c++) {
		char url[64];
		snprintf(url, sizeof url, "https://example.com/%c%c?x=%c#%c", c, c, c, c);
		if (link_classify(url, &id)) {
			if (c < 0x20 || c == 0x7f)
				accepted_controls++;
			link_identity_clear(&id);
		}
	}
	is_int(accepted_controls, 0, "no URL with a control character is accepted");
	free(big);
	/* Pseudo-random junk built from URL-ish pieces. */
	static const char *const pieces[] = {
		"https://", "http://", "github.com", "/", "?", "#", "&", "=", "x.com", "status", "123",
		"arxiv.org", "abs", "2602.15776", "v2", "%", "%2F", ".", ":", "@", "[", "]", "www.",
		"reddit.com", "comments", "youtu.be", "watch?v=", "doi.org", "10.", "\xe4\xb8\xad", "",
	};
	unsigned seed = 12345;
	int survived = 0;
	for (int round = 0; round < 3000; round++) {
		char buf[256] = "";
		size_t len = 0;
		int parts = 1 + (int)(seed % 12);
		for (int k = 0; k < parts; k++) {
			seed = seed * 1103515245u + 12345u;
			const char *piece = pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])];
			size_t plen = strlen(piece);
			if (len + plen >= sizeof buf)
				break;
			memcpy(buf + len, piece, plen);
			len += plen;
			buf[len] = '\0';
		}
		if (link_classify(buf, &id)) {
			if (!id.key || !id.canonical_url || strchr(id.key, ':') == NULL)
				continue;
			link_identity_clear(&id);
		}
		free(link_canonical_url(buf));
		survived++;
	}
	is_int(survived, 3000, "3000 junk URLs classified without a broken result");
}

static void test_arxiv_text(void)
{
	is_arxiv_ids("see arXiv:2602.14849 for details", "2602.14849");
	is_arxiv_ids("(arXiv 2602.14849v2)", "2602.14849");
	is_arxiv_ids("arXiv: 2602.14849, arxiv:2501.00001v1", "2602.14849 2501.00001");
	is_arxiv_ids("论文（arXiv：2602.15776）", "2602.15776");
	is_arxiv_ids("arXiv ID: 2602.15816", "2602.15816");
	is_arxiv_ids("arXiv:hep-th/9901001v3", "hep-th/9901001");
	is_arxiv_ids("arXiv:2602.14849 and again arXiv:2602.14849v2", "2602.14849");
	is_arxiv_ids("https://arxiv.org/abs/2602.14849", "");
	is_arxiv_ids("arxiv.org/abs/2602.14849", "");
	is_arxiv_ids("version 2602.14849 without a prefix", "");
	is_arxiv_ids("arXiv:2602.148490 too long", "");
	is_arxiv_ids("arXiv:2613.14849 no month 13", "");
	is_arxiv_ids("myarXiv:2602.14849", "");
	is_arxiv_ids("arXiv", "");
	is_arxiv_ids("", "");
	is_int((int)link_find_arxiv_ids(NULL, collect, NULL), 0, "NULL text has no arXiv ids");
}

static void test_repo_names(void)
{
	/* a whole text: a code span's content */
	is_repos("karpathy/nanochat", "karpathy/nanochat");
	is_repos("  Karpathy/NanoChat\n", "karpathy/nanochat");
	is_repos("ggerganov/llama.cpp", "ggerganov/llama.cpp");
	is_repos("karpathy/llm.c", "karpathy/llm.c");
	is_repos("mrdoob/three.js", "mrdoob/three.js");
	is_repos("actions/checkout@v4", "actions/checkout");
	is_repos("vercel/next.js#123", "vercel/next.js");
	is_repos("some-org/repo.git", "some-org/repo");
	is_repos("github.com/agno-agi/agno", "agno-agi/agno");
	is_repos("https://github.com/Agno-Agi/agno/tree/main", "agno-agi/agno");
	/* in running text: backticks and github.com/ only */
	is_repos("pushed `Karpathy/NanoChat` and `karpathy/autoresearch`.", "karpathy/nanochat karpathy/autoresearch");
	is_repos("他推了`karpathy/nanochat`项目", "karpathy/nanochat");
	is_repos("code at github.com/xz-liu/some-repo, see it", "xz-liu/some-repo");
	is_repos("``owner/repo`` and `` `tricky` ``", "owner/repo");
	is_repos("robotics/e-commerce and karpathy/nanochat in prose", "");
	is_repos("`unclosed karpathy/nanochat", "");
	is_repos("see https://github.com/a-b/c-d in a link", "");
	is_repos("`karpathy/nanochat` then `karpathy/nanochat` again", "karpathy/nanochat");
	/* not repositories */
	is_repos("/usr/bin", "");
	is_repos("src/main.c", "");
	is_repos("runs/runcpu.sh", "");
	is_repos("foo/README.md", "");
	is_repos("someone/train.py", "");
	is_repos("a/b/c", "");
	is_repos("owner/", "");
	is_repos("/repo", "");
	is_repos("2024/05", "");
	is_repos("1/2", "");
	is_repos("24/7", "");
	is_repos("and/or", "");
	is_repos("input/output", "");
	is_repos("w/o", "");
	is_repos("TCP/IP", "");
	is_repos("CI/CD", "");
	is_repos("km/h", "");
	is_repos("tok/s", "");
	is_repos("tokens/sec", "");
	is_repos("r/LocalLLaMA", "");
	is_repos("~/bin", "");
	is_repos("@scope/pkg", "");
	is_repos("ollama/ollama:latest", "");
	is_repos("example.com/about", "");
	is_repos("v1/v2", "");
	is_repos("pip install owner/repo", "");
	is_int((int)link_find_repo_names(NULL, collect, NULL), 0, "NULL text has no repo names");
}

int main(void)
{
	test_kinds();
	test_papers();
	test_projects();
	test_social();
	test_media();
	test_articles_and_canonical();
	test_rejected();
	test_garbage();
	test_arxiv_text();
	test_repo_names();
	return tap_done();
}
