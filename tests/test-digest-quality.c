/* Unit tests of what the digest engine takes for an item, its title and
 * its summary on shapes that break naive extraction (issue 10): credit
 * links, field bullets, loose tables, navigation, promotions, shared
 * URLs.  Every fixture is written for radar. */
#include <config.h>

#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "tap.h"
#include "xalloc.h"

static struct digest parsed;

static size_t parse(const char *markdown)
{
	digest_clear(&parsed);
	char *error = NULL;
	if (digest_parse(markdown, strlen(markdown), "fixture.md", &parsed, &error) != 0) {
		tap_diag("parse failed: %s", error ? error : "?");
		free(error);
		return (size_t)-1;
	}
	return parsed.item_count;
}

static size_t parse_named(const char *markdown, const char *name)
{
	digest_clear(&parsed);
	char *error = NULL;
	if (digest_parse(markdown, strlen(markdown), name, &parsed, &error) != 0) {
		tap_diag("parse failed: %s", error ? error : "?");
		free(error);
		return (size_t)-1;
	}
	return parsed.item_count;
}

static const struct digest_item *item(size_t i)
{
	static struct digest_item empty = { .title = "", .key = "", .section = "" };
	return i < parsed.item_count ? &parsed.items[i] : &empty;
}

static const char *str(const char *s)
{
	return s ? s : "(null)";
}

/* Prose bullets whose only link is a closing credit. */
static void test_credit_links(void)
{
	static const char md[] =
		"# 快讯\n\n"
		"## 1. 模型发布\n\n"
		"- 某实验室开源了一个七十亿参数的推理模型，并公布训练配方。 [消息来源](https://x.com/lab/status/111)\n"
		"- 另一家公司宣布降价一半。第二句补充了细节。 [Source](https://example.org/news/cut)\n"
		"- [Read more](https://example.org/post/3) about a new benchmark\n";
	is_int((long)parse(md), 3, "credit bullets: three items");
	is_str(item(0)->title, "某实验室开源了一个七十亿参数的推理模型，并公布训练配方。",
	       "credit bullets: the sentence is the title, not the credit");
	is_str(str(item(0)->url), "https://x.com/lab/status/111", "credit bullets: the credit gives the main URL");
	ok(item(0)->kind == KIND_TWEET, "credit bullets: its kind comes from the credit");
	ok(!item(0)->summary || !strstr(item(0)->summary, "消息来源"),
	   "credit bullets: the label is not the summary (%s)", str(item(0)->summary));
	is_str(item(1)->title, "另一家公司宣布降价一半。第二句补充了细节。",
	       "credit bullets: an English label is not a title either");
	is_str(item(2)->title, "about a new benchmark", "credit bullets: a leading label link is no name");
}

/* Numbered headings whose bullets are fields, not items. */
static void test_field_bullets(void)
{
	static const char md[] =
		"# Daily\n\n"
		"### 1. 一个新的开源检索框架\n"
		"Original: A new open retrieval framework\n\n"
		"- **来源**: Some Blog\n"
		"- **评分**: 7.5/10\n"
		"- **原文链接**: https://blog.example.net/retrieval\n"
		"- **内容摘要**: 作者介绍了一个检索框架的设计和它在长文档上的表现。\n\n"
		"### 2. 论坛上的讨论帖\n\n"
		"- **来源**: Hacker News\n"
		"- **原文链接**: https://github.com/someone/tool/issues/9\n\n"
		"### 3. 社区动态\n\n"
		"- 🔗 [阅读原文](https://example.com/community/7)\n"
		"- 📝 社区发布了本周的模型评测汇总与排行榜变化。\n";
	is_int((long)parse(md), 3, "field bullets: one item per heading, none per field");
	is_str(item(0)->title, "一个新的开源检索框架", "field bullets: the heading is the title");
	is_str(str(item(0)->url), "https://blog.example.net/retrieval", "field bullets: the link field is the main URL");
	is_str(str(item(0)->summary), "作者介绍了一个检索框架的设计和它在长文档上的表现。",
	       "field bullets: the summary field, not the score");
	ok(item(1)->kind == KIND_DISCUSSION, "field bullets: a forum source makes a discussion");
	is_str(item(2)->title, "社区动态", "label bullets: the heading, not 阅读原文, is the title");
	is_str(str(item(2)->summary), "社区发布了本周的模型评测汇总与排行榜变化。",
	       "label bullets: the summary bullet is the summary");
}

/* Tables as people write them: blank lines between rows, the URL in a
 * source column, wiki links with an alias, placeholder cells. */
static void test_loose_tables(void)
{
	static const char loose[] =
		"# Trending\n\n"
		"| Repository | Stars | Description |\n"
		"|---|--:|---|\n\n"
		"| [alpha/one](https://github.com/alpha/one) | 10 | First tool, see https://arxiv.org/pdf/2501.00001 |\n\n"
		"| [beta/two](https://github.com/beta/two) | 20 | Second tool |\n\n"
		"| [gamma/three](https://github.com/gamma/three) | 30 | Third tool |\n\n"
		"Some closing words.\n";
	is_int((long)parse(loose), 3, "loose table: every row after a blank line is an item");
	is_str(item(1)->title, "beta/two", "loose table: titled by the repository cell");
	is_str(str(item(0)->url), "https://github.com/alpha/one",
	       "loose table: the repository, not the paper in the description, is the main URL");

	static const char cited[] =
		"# ニュース\n\n"
		"| タイトル | 記事 | 引用元 | 要約 |\n"
		"| --- | --- | --- | --- |\n"
		"| 新しい翻訳モデルが公開 | [記事ページへ↗](pages/a.md) | [news.example.jp](https://news.example.jp/a/1) | 要約の文章です。 |\n"
		"| 二つ目の記事の見出し | [記事ページへ↗](pages/b.md) | [news.example.jp](https://news.example.jp/b/2) | |-|\n";
	is_int((long)parse(cited), 2, "cited table: two rows");
	is_str(item(0)->title, "新しい翻訳モデルが公開", "cited table: title from the title column");
	is_str(str(item(0)->url), "https://news.example.jp/a/1", "cited table: main URL from the source column");
	is_str(str(item(0)->summary), "要約の文章です。", "cited table: summary from the summary column");
	ok(!item(1)->summary, "cited table: a cell of punctuation is no summary (%s)", str(item(1)->summary));

	static const char wiki[] =
		"# Weekly\n\n"
		"## Days\n\n"
		"| Day | Page |\n| --- | --- |\n"
		"| 2025-01-02 | [[days/2025-01-02|2025-01-02]] |\n\n"
		"## Articles\n\n"
		"| Date | Title | Page | Site |\n| --- | --- | --- | --- |\n"
		"| 2025-01-02 | A lab opens an office in a new city | [[notes/office|open ›]] | site.example |\n"
		"| 2025-01-02 | research | [[notes/research|open ›]] | site.example |\n"
		"| 2025-01-02 | A second real article title | [[notes/second|open ›]] | [www.site.example](http://www.site.example) |\n";
	is_int((long)parse(wiki), 2, "wiki table: article rows are notes; day pages and placeholders are not");
	is_str(item(0)->key, "note:notes/office", "wiki table: the alias stays inside its cell");
	is_str(item(1)->key, "note:notes/second", "wiki table: a site's home page is not the identity");
	digest_clear(&parsed);
	char *error = NULL, *why = NULL;
	int parsed_ok = digest_parse_explained(wiki, strlen(wiki), "weekly.md", &parsed, &error, &why);
	ok(parsed_ok == 0 && why && strstr(why, "\n14: not an item: a template's or a test's entry: ") &&
	   strstr(why, "\n7: not an item: a table row without a link: "),
	   "wiki table: --explain tells a placeholder title from a row without a link (%s)", str(why));
	free(why);
}

/* A forum round-up: a ranked list, then every post again with fields. */
static void test_forum_roundup(void)
{
	static const char md[] =
		"md\n---\ntitle: \"Forum\"\ndate: \"2025-03-04\"\n---\n\n"
		"# Ranking\n"
		"1.  [A picture of a new model card](https://i.redd.it/abc123.png) (Score: 90)\n"
		"    * People guess at the release date.\n"
		"2.  [Which runtime for small GPUs?](https://www.reddit.com/r/sub/comments/x1y2z3/which/) (Score: 12)\n"
		"    * A question about runtimes.\n\n"
		"# Details\n"
		"**[A picture of a new model card (Score: 90)](https://i.redd.it/abc123.png)**\n"
		"*  **Summary:** The picture shows a model card.\n"
		"*  **Points of View:**\n"
		"    *   One reader links [a benchmark page](https://bench.example.org/run) as proof.\n\n"
		"**[Which runtime for small GPUs? (Score: 12)](https://www.reddit.com/r/sub/comments/x1y2z3/which/)**\n"
		"*  **Summary:** Readers compare two runtimes.\n";
	is_int((long)parse(md), 2, "forum round-up: each post once, no point of view is an item");
	is_str(item(0)->title, "A picture of a new model card", "forum round-up: a post whose link is a picture");
	ok(item(0)->kind == KIND_DISCUSSION, "forum round-up: a Reddit picture is a discussion");
	is_str(str(parsed.date), "2025-03-04", "forum round-up: front matter below a stray word");
}

static bool has_tag(const struct digest_item *it, const char *tag)
{
	for (size_t i = 0; i < it->tag_count; i++)
		if (strcmp(it->tags[i].name, tag) == 0)
			return true;
	return false;
}

/* Front-matter entity lists name the digest's subjects, not every item's. */
static void test_entity_lists(void)
{
	static const char md[] =
		"---\ntags: [daily]\ncompanies: [Acme Labs, Globex]\nmodels: [zeta-2]\n---\n\n"
		"# Daily\n\n"
		"- [Acme Labs ships zeta-2](https://acme.example.com/zeta-2): a new model.\n"
		"- [An unrelated paper on sorting](https://arxiv.org/abs/2501.01234): about sorting.\n";
	is_int((long)parse(md), 2, "entity lists: two items");
	ok(has_tag(item(0), "Acme Labs") && has_tag(item(0), "zeta-2"), "entity lists: tags of the item naming them");
	ok(!has_tag(item(0), "Globex"), "entity lists: not of an item that does not name them");
	ok(!has_tag(item(1), "Acme Labs") && !has_tag(item(1), "zeta-2"), "entity lists: the other item has none");
	ok(has_tag(item(1), "daily"), "entity lists: the tags list still tags every item");
	is_int((long)parsed.entity_count, 3, "entity lists: the digest keeps its subjects");
}

/* One placeholder URL behind several stories is no identity. */
static void test_placeholder_url(void)
{
	static const char md[] =
		"# News\n\n"
		"### 1. A chip maker reports record revenue\n\n"
		"- **Link**: https://search.example.com/news?q=ai\n\n"
		"### 2. A robotics start-up raises a new round\n\n"
		"- **Link**: https://search.example.com/news?q=ai\n\n"
		"### 3. A university opens an AI institute\n\n"
		"- **Link**: https://uni.example.edu/news/institute\n\n"
		"## Overview\n\n"
		"- [A university opens an AI institute](https://uni.example.edu/news/institute)\n";
	is_int((long)parse(md), 3, "placeholder URL: three stories (the overview line merges)");
	ok(strcmp(item(0)->key, item(1)->key) != 0, "placeholder URL: two stories, two keys (%s)", item(0)->key);
	is_str(item(0)->key, "note:a chip maker reports record revenue", "placeholder URL: keyed by title");
	is_str(str(item(0)->url), "https://search.example.com/news?q=ai", "placeholder URL: the URL is kept");
	is_str(item(2)->key, "url:https://uni.example.edu/news/institute", "placeholder URL: a URL of its own stays the key");
}

/* Navigation, promotions and chat recaps are not items. */
static void test_not_items(void)
{
	static const char nav[] =
		"# Papers\n\n"
		"## cs.LG [[Back]](#toc)\n\n"
		"### 1. [A paper on sparse attention](https://arxiv.org/abs/2501.00002)\n\n"
		"Abstract text of the paper.\n\n"
		"## More\n\n"
		"- [Next page »](https://digest.example.org/2025-01-02/part-2)\n"
		"- [返回当日日报目录](https://digest.example.org/2025-01-02/)\n"
		"- [Back to top](https://digest.example.org/2025-01-02/part-1)\n";
	is_int((long)parse(nav), 1, "navigation: pagination and back links are not items");
	is_str(item(0)->section, "cs.LG", "navigation: [[Back]](#toc) is not part of the section");
	ok(!has_tag(item(0), "cs.LG [[Back]]") && has_tag(item(0), "cs.LG"), "navigation: nor of the tag");

	/* The same promotion in three digests of a source. */
	static const char *const days[] = { "一", "二", "三" };
	for (int d = 0; d < 3; d++) {
		char *md = xasprintf(
			"# Daily %s\n\n"
			"- [Story %s about a model release](https://news.example.com/story-%d): what happened.\n"
			"- 🎧 Listen to this issue on [our podcast](https://podcasts.apple.com/us/podcast/daily/id42)\n"
			"- Subscribe to the newsletter: [sign up](https://daily.example.com/subscribe)\n\n"
			"**扫码加入社群** [加入](https://discord.gg/abcdef) 每天和读者交流\n\n"
			"**Another story worth reading** — a lab shows results [link](https://lab.example.org/r%d)\n\n"
			"## Sponsor\n\n"
			"- [Try the hosted GPUs of a sponsor](https://gpu.example.net/offer)\n",
			days[d], days[d], d, d);
		is_int((long)parse(md), 2, "promotion, digest %d: only the two stories are items", d + 1);
		for (size_t i = 0; i < parsed.item_count; i++)
			ok(strstr(item(i)->title, "Story") || strstr(item(i)->title, "Another"),
			   "promotion, digest %d: item %zu is a story (%s)", d + 1, i, item(i)->title);
		free(md);
	}

	static const char chat[] =
		"# Community recap\n\n"
		"## Discord recap\n\n"
		"### [Model Hub server](https://discord.com/channels/111/222)\n\n"
		"- **Quantised weights**: members compare 4-bit builds of a new model [thread](https://discord.com/channels/111/222/333)\n"
		"- **A new fine-tuning library**: see [the repo](https://github.com/someone/tuner)\n\n"
		"### [Agents server](https://discord.com/channels/444/555)\n\n"
		"- **Tool-calling failures**: people trade prompts that work [thread](https://discord.com/channels/444/555/666)\n";
	is_int((long)parse(chat), 3, "chat recap: the topic bullets are the items, not the servers");
	is_str(item(0)->title, "Quantised weights", "chat recap: a topic is titled by its bold lead");
	ok(strncmp(item(0)->key, "note:", 5) == 0, "chat recap: a channel URL is no identity (%s)", item(0)->key);
	ok(strcmp(item(0)->key, item(2)->key) != 0, "chat recap: two topics, two keys");
	is_str(item(1)->key, "github:someone/tuner", "chat recap: a real link is the identity");
	is_str(item(0)->section, "Discord recap › Model Hub server", "chat recap: the server is the section");
}

/* parse --explain: the rule behind each item and each skipped block. */
static void test_explain(void)
{
	static const char md[] =
		"---\ntitle: t\n---\n"
		"# Daily\n\n"
		"## 1. [A numbered story](https://news.example.com/a)\n\n"
		"Text.\n\n"
		"## Links\n\n"
		"- Subscribe to the newsletter: [sign up](https://daily.example.com/subscribe)\n"
		"- [A bullet story](https://news.example.com/b): text.\n"
		"- [A bullet story](https://news.example.com/b)\n";
	digest_clear(&parsed);
	char *error = NULL, *why = NULL;
	ok(digest_parse_explained(md, strlen(md), "x.md", &parsed, &error, &why) == 0 && why,
	   "explain: parses and explains");
	why = why ? why : xstrdup("");
	ok(strstr(why, "6: item 1 (numbered heading): \"A numbered story\"; title from the heading") != NULL,
	   "explain: the heading item, its rule and its line in the file");
	ok(strstr(why, "12: not an item: a promotion: Subscribe") != NULL, "explain: the promotion skipped");
	ok(strstr(why, "13: item 2 (link bullet)") && strstr(why, "URL from its own line's link"),
	   "explain: the bullet and where its URL came from");
	ok(strstr(why, "4: not an item: the digest's title") != NULL, "explain: the title heading");
	ok(strstr(why, "14: merged into the item of line 13: the same key") != NULL,
	   "explain: a repeated bullet is merged, both lines counted in the file");
	free(why);
}

static bool any_url_on(const char *site)
{
	for (size_t i = 0; i < parsed.item_count; i++) {
		if (parsed.items[i].url && strstr(parsed.items[i].url, site))
			return true;
		for (size_t l = 0; l < parsed.items[i].link_count; l++)
			if (strstr(parsed.items[i].links[l].url, site))
				return true;
	}
	return false;
}

/* Links back to the digest's own page, its site's home, archive and tag
 * pages and its other issues are navigation, wherever the site is known
 * from: the digest's URL, its front matter, or a link ending in its own
 * file name.  Another post of the same site stays an item. */
static void test_self_links(void)
{
	static const char body[] =
		"# Weekly notes 2026-03-02\n\n"
		"Read this issue [on the web](https://notes.example.org/2026/03/02/weekly-notes/).\n\n"
		"- [A paper on agents](https://arxiv.org/abs/2603.00001): it studies agents.\n"
		"- [A small repo](https://github.com/owner/small-repo): a tool for things.\n"
		"- [Permalink to this issue](https://notes.example.org/2026/03/02/weekly-notes/)\n"
		"- [Last week's notes](https://notes.example.org/2026/02/23/weekly-notes/)\n"
		"- [Everything tagged agents](https://notes.example.org/tags/agents/)\n"
		"- [Home](https://www.notes.example.org/)\n"
		"- [An older essay on agents](https://notes.example.org/essays/on-agents/): still worth it.\n";
	is_int((long)parse_named(body, "https://notes.example.org/2026/03/02/weekly-notes/index.md"), 3,
	       "self links (the digest's URL): the paper, the repo and the essay");
	is_str(item(2)->title, "An older essay on agents", "self links: another post of the site stays an item");
	ok(!any_url_on("notes.example.org/2026") && !any_url_on("notes.example.org/tags") &&
	   !any_url_on("www.notes.example.org"), "self links: no item or link points back at the digest's site");

	char *fm = xasprintf("---\ntitle: Weekly notes\nurl: https://notes.example.org/2026/03/02/weekly-notes/\n---\n%s",
	                     body);
	is_int((long)parse_named(fm, "notes.md"), 3, "self links (front-matter url): the same three items");
	free(fm);

	static const char learned[] =
		"# Daily 2026-03-02\n\n"
		"[View online](https://daily.example.net/issues/2026-03-02-daily/)\n\n"
		"- [A paper on agents](https://arxiv.org/abs/2603.00001): it studies agents.\n"
		"- [Yesterday](https://daily.example.net/issues/2026-03-01-daily/)\n"
		"- [All issues](https://daily.example.net/archive/)\n";
	is_int((long)parse_named(learned, "/srv/digests/2026-03-02-daily.md"), 1,
	       "self links (a link ending in the file's name): the site is found, its pages dropped");
	is_int((long)parse_named(learned, NULL), 3, "self links: with no name nothing is known of the site");

	digest_clear(&parsed);
	char *error = NULL, *why = NULL;
	ok(digest_parse_explained(body, strlen(body), "https://notes.example.org/2026/03/02/weekly-notes/",
	                          &parsed, &error, &why) == 0 && why &&
	   strstr(why, "7: not an item: a link back to the digest's own site: Permalink to this issue"),
	   "self links: --explain says why the permalink is not an item");
	free(why);
}

/* A closing list of profile and home links, and a wrap-up slot that only
 * names items above, are not items. */
static void test_footer_and_recap(void)
{
	static const char md[] =
		"---\ntitle: t\n---\n"
		"# Daily AI 2026-03-02\n\n"
		"- [A paper on agents](https://arxiv.org/abs/2603.00001): it studies agents.\n"
		"- [A small repo](https://github.com/owner/small-repo): a tool for things.\n\n"
		"## 23:00-24:00 Wrap-up\n\n"
		"That's all: the [agents paper](https://arxiv.org/abs/2603.00001) and "
		"[the repo](https://github.com/owner/small-repo) were the highlights.\n\n"
		"## Follow me\n\n"
		"- [Twitter](https://twitter.com/someone)\n"
		"- [GitHub](https://github.com/someone)\n"
		"- [Mastodon](https://mastodon.social/@someone)\n"
		"- [Blog](https://someone.example.net/)\n";
	digest_clear(&parsed);
	char *error = NULL, *why = NULL;
	ok(digest_parse_explained(md, strlen(md), "daily.md", &parsed, &error, &why) == 0,
	   "footer and recap: parses");
	why = why ? why : xstrdup("");
	is_int((long)parsed.item_count, 2, "footer and recap: only the paper and the repo");
	is_int((long)item(0)->link_count, 1, "footer and recap: the wrap-up gives its links to no item");
	ok(strstr(why, "9: not an item: a recap of the items above") != NULL, "footer and recap: --explain names the recap");
	ok(strstr(why, "15: not an item: a footer of site and profile links") != NULL,
	   "footer and recap: --explain names the footer");
	free(why);
	static const char products[] =
		"# Daily\n\n"
		"- [Sora](https://openai.example/sora)\n"
		"- [Claude](https://anthropic.example/claude)\n";
	is_int((long)parse(products), 2, "footer: bare links to pages not named by their site stay items");
}

/* Rows a template or a test left behind are not items; real rows that
 * merely mention tests are. */
static void test_placeholders(void)
{
	static const char md[] =
		"# 週間記事一覧\n\n"
		"| 日付 | タイトル | 記事 | 要約 |\n"
		"|---|---|---|---|\n"
		"| 2026-01-05 | [サイト名] ここにタイトルを書く | [[notes/a.md\\|記事ページへ]] | テンプレートです。 |\n"
		"| 2026-01-05 | 新しい推論モデルが公開された | [[notes/b.md\\|記事ページへ]] | ある研究所が推論モデルを公開した。 |\n"
		"| 2026-01-04 | テスト記事 | [[notes/c.md\\|記事ページへ]] | これはテスト用の要約です。 |\n"
		"| 2026-01-04 | @someone: テスト投稿 | [[notes/d.md\\|記事ページへ]] | |\n"
		"| 2026-01-03 | Test post | [[notes/e.md\\|記事ページへ]] | |\n"
		"| 2026-01-03 | Test-time training for small language models | [[notes/f.md\\|記事ページへ]] | |\n"
		"| 2026-01-02 | 渗透测试的自治代理 | [[notes/g.md\\|记事]] | 一个用于渗透测试的代理。 |\n";
	digest_clear(&parsed);
	char *error = NULL, *why = NULL;
	ok(digest_parse_explained(md, strlen(md), "weekly.md", &parsed, &error, &why) == 0,
	   "placeholders: parses");
	why = why ? why : xstrdup("");
	is_int((long)parsed.item_count, 3, "placeholders: three real rows of seven");
	is_str(item(0)->title, "新しい推論モデルが公開された", "placeholders: a real row stays");
	is_str(item(1)->title, "Test-time training for small language models",
	       "placeholders: a long title starting with Test is a real one");
	is_str(item(2)->title, "渗透测试的自治代理", "placeholders: a title that mentions testing is a real one");
	ok(strstr(why, "5: not an item: a template's or a test's entry: [サイト名]") != NULL,
	   "placeholders: --explain names the template row");
	free(why);
}

/* "- NEW [Title](url): text": the badge is no name; a "top 3" above the
 * full list is the same items; a "see also" sub-bullet under a prose
 * bullet is a reference, not the item's title and key. */
static void test_badges_top3_see_also(void)
{
	static const char md[] =
		"# Daily 2026-03-02\n\n"
		"## Top 3\n\n"
		"1. [Agents that plan](https://arxiv.org/abs/2603.00011)\n"
		"2. [A faster tokenizer](https://github.com/owner/fast-tok)\n"
		"3. [Lab ships a model](https://news.example.com/2026/03/lab-model)\n\n"
		"## All stories\n\n"
		"- NEW [Agents that plan](https://arxiv.org/abs/2603.00011): a planner for agents that beats baselines.\n"
		"- \xf0\x9f\x86\x95 [A faster tokenizer](https://github.com/owner/fast-tok): ten times faster, in Rust.\n"
		"- **NEW** [Lab ships a model](https://news.example.com/2026/03/lab-model): weights and a report.\n"
		"- IBM and a university release a chart reader that beats larger models.\n"
		"  - See also: [an earlier chart reader](https://arxiv.org/abs/2601.00022)\n"
		"- [Distillation at scale](https://arxiv.org/abs/2603.00033): a study of distillation.\n"
		"  - see also [the code](https://github.com/owner/distill)\n"
		"- NEW [A story of its own](https://news.example.com/2026/03/solo): told once.\n"
		"- **HOT** [Another story](https://news.example.com/2026/03/other) - told once too.\n";
	is_int((long)parse(md), 7, "top 3 + full list: each story once, and the prose bullet");
	is_str(item(0)->title, "Agents that plan", "badges: NEW before the link is not the title");
	is_str(str(item(0)->summary), "a planner for agents that beats baselines.",
	       "top 3 + full list: the fuller listing gives the summary");
	is_str(item(1)->title, "A faster tokenizer", "badges: an emoji badge is not the title");
	is_str(item(2)->title, "Lab ships a model", "badges: a bold NEW is not the title");
	is_str(str(item(2)->summary), "weights and a report.", "badges: the summary is the text after the link");
	is_str(item(3)->title, "IBM and a university release a chart reader that beats larger models.",
	       "see also: the prose bullet keeps its own title");
	ok(strncmp(item(3)->key, "note:", 5) == 0 && !item(3)->url,
	   "see also: the reference is not its key or main URL (%s)", item(3)->key);
	ok(item(3)->link_count == 1 && strstr(item(3)->links[0].url, "2601.00022"),
	   "see also: the reference is still a link of the item");
	is_str(item(4)->key, "arxiv:2603.00033", "see also: under a link bullet it stays a detail");
	is_int((long)item(4)->link_count, 2, "see also: ... and a link of that item");
	is_str(item(5)->title, "A story of its own", "badges: NEW before a link listed once");
	is_str(str(item(5)->summary), "told once.", "badges: its summary");
	is_str(item(6)->title, "Another story", "badges: a bold HOT before a link listed once");
}

/* A closing credit ("[来源-x](…)", "[Source](…)") gives the URL, never
 * words of the summary, in a bullet or under a heading. */
static void test_credit_not_in_summary(void)
{
	static const char md[] =
		"# 日报\n\n"
		"### 1. **一个新模型发布**\n\n"
		"某实验室发布了一个新的推理模型，在数学基准上领先。 [来源-twitter](https://x.com/lab/status/222)\n\n"
		"### 工具\n\n"
		"- **一个更快的分词器** \xe2\x80\x94 比常用的快十倍，用 Rust 写成。 [来源-github](https://github.com/owner/fast-tok)\n";
	is_int((long)parse(md), 2, "credits in summaries: two items");
	is_str(str(item(0)->summary), "某实验室发布了一个新的推理模型，在数学基准上领先。",
	       "credits in summaries: not under a heading");
	is_str(str(item(1)->summary), "比常用的快十倍，用 Rust 写成。", "credits in summaries: not in a bullet");
	is_str(str(item(1)->url), "https://github.com/owner/fast-tok", "credits in summaries: the credit is the URL");
}

/* A file's name is no title: the row's summary names it.  A model name
 * with dashes is a name.  "Hot: [x](…)" is titled by the link; a
 * top-level "See also: [x](…)" names nothing and is not an item. */
static void test_slugs_colon_badges_references(void)
{
	static const char table[] =
		"# Weekly\n\n"
		"| 日付 | タイトル | 引用元 | 要約 |\n"
		"|---|---|---|---|\n"
		"| 2026-01-05 | [blog.example.org] 2026-01-owl-tracing-at-scale.html | [blog](https://blog.example.org/2026/01/owl-tracing-at-scale.html) | Owl Labs explains how it traces agents at scale. It took two years. |\n"
		"| 2026-01-05 | [x.com] someone-status-1988910528274608592 | [x](https://x.com/someone/status/1988910528274608592) | 新しいモデルが公開されたという投稿。 |\n"
		"| 2026-01-06 | gpt-5-mini-preview | [news](https://news.example.com/gpt-5-mini) | A smaller model, in preview. |\n";
	is_int((long)parse(table), 3, "slugs: three rows");
	is_str(item(0)->title, "Owl Labs explains how it traces agents at scale. It took two years.",
	       "slugs: a site and a file name give way to the summary");
	is_str(item(1)->title, "新しいモデルが公開されたという投稿。", "slugs: so does a status id");
	is_str(item(2)->title, "gpt-5-mini-preview", "slugs: a dashed model name stays the title");
	static const char bullets[] =
		"# Daily 2026-03-04\n\n"
		"## Stories\n\n"
		"- Hot: [Agents that plan](https://arxiv.org/abs/2603.00011) - a planner for agents.\n"
		"- 速報：[A faster tokenizer](https://github.com/owner/fast-tok): ten times faster.\n"
		"- OpenAI says [a new model](https://news.example.com/2026/03/model) is coming.\n"
		"- See also: [an older survey](https://arxiv.org/abs/2501.00044), [another](https://arxiv.org/abs/2501.00055)\n"
		"- Related work on planners shows [a benchmark](https://arxiv.org/abs/2501.00066) matters.\n"
		"- Related: [Planner v2](https://github.com/owner/planner) is out, with a search that halves the cost.\n";
	digest_clear(&parsed);
	char *error = NULL, *why = NULL;
	ok(digest_parse_explained(bullets, strlen(bullets), "daily.md", &parsed, &error, &why) == 0,
	   "colon badges: parses");
	why = why ? why : xstrdup("");
	is_int((long)parsed.item_count, 5, "see also: a top-level reference bullet is not an item");
	is_str(item(0)->title, "Agents that plan", "colon badges: Hot: is not part of the title");
	is_str(str(item(0)->summary), "a planner for agents.", "colon badges: the summary follows the link");
	is_str(item(1)->title, "A faster tokenizer", "colon badges: a CJK label with a full-width colon");
	is_str(item(2)->title, "OpenAI says a new model is coming.", "colon badges: a sentence is not a badge");
	is_str(item(3)->title, "Related work on planners shows a benchmark matters.",
	       "see also: a sentence that starts with Related is an item");
	is_str(item(4)->key, "github:owner/planner", "see also: a label, a link and news about it is an item");
	ok(strstr(why, "8: not an item: a cross-reference to other things (see also)") != NULL,
	   "see also: --explain names it");
	free(why);
}

static bool has_link(const struct digest_item *it, const char *url)
{
	for (size_t i = 0; i < it->link_count; i++)
		if (strcmp(it->links[i].url, url) == 0)
			return true;
	return false;
}

/* Closing credit quotes, printed one item late: each names the item whose
 * words it repeats, which is not always the one above it.  A credit that
 * names no item stays with the item above it. */
static void test_closing_credits(void)
{
	static const char md[] =
		"# Morning brief\n\n"
		"## 1. A lab releases a small reasoning model with open weights\n\n"
		"- The seven-billion-parameter model was trained on synthetic proofs.\n"
		"- Its weights and the training recipe are public.\n\n"
		"> **Lab Blog** (https://lab.example.com/posts/small-reasoner): The small reasoner, open weights, trained on synthetic proofs.\n"
		"> **Chip Weekly** (https://chips.example.net/2026/foundry-delay): The foundry delays its next process node; yields are below plan.\n\n"
		"## 2. Foundry delays its next process node\n\n"
		"- The foundry says yields of the new node are below plan.\n"
		"- Customers expect shipments two quarters later.\n\n"
		"> **Robotics Daily** (https://robots.example.org/warehouse-arm): A warehouse arm learns to pick soft packages from demonstrations.\n\n"
		"## 3. Warehouse robots learn from demonstrations\n\n"
		"- A robot arm picks soft packages after watching people.\n"
		"- The team reports fewer dropped parcels.\n\n"
		"> **Robotics Daily** (https://robots.example.org/warehouse-arm): Warehouse arm, soft packages, demonstrations.\n\n"
		"## 4. Notes from the week\n\n"
		"- A short editorial about the week in review.\n\n"
		"> **Weekly Notes** (https://notes.example.com/2026/week-12): a look back\n";
	digest_clear(&parsed);
	char *error = NULL, *why = NULL;
	ok(digest_parse_explained(md, strlen(md), "brief.md", &parsed, &error, &why) == 0,
	   "closing credits: parses");
	why = why ? why : xstrdup("");
	is_int((long)parsed.item_count, 4, "closing credits: four items");
	is_str(str(item(0)->url), "https://lab.example.com/posts/small-reasoner",
	       "closing credits: the credit matching the item above is its URL");
	ok(!has_link(item(0), "https://chips.example.net/2026/foundry-delay"),
	   "closing credits: a credit naming the next item leaves the item above");
	is_str(str(item(1)->url), "https://chips.example.net/2026/foundry-delay",
	       "closing credits: the next item gets the credit printed above it");
	is_str(item(1)->key, "url:https://chips.example.net/2026/foundry-delay",
	       "closing credits: and is keyed by it");
	ok(!has_link(item(1), "https://robots.example.org/warehouse-arm"),
	   "closing credits: item 2 loses the credit of item 3");
	is_str(item(2)->key, "url:https://robots.example.org/warehouse-arm",
	       "closing credits: one credit printed under two items is no shared URL");
	is_str(str(item(3)->url), "https://notes.example.com/2026/week-12",
	       "closing credits: a credit that names no item stays with the item above");
	ok(strstr(why, "\n9: not an item: a credit naming another item, given to it: Chip Weekly") != NULL,
	   "closing credits: --explain says where a credit went (%s)", why);
	free(why);
}

/* Credit edge cases.  A credit's URL may hold parentheses (an encyclopedia
 * page "Foo_(bar)"): they are part of it when balanced, as in a Markdown
 * link.  A credit naming an item that has a link of its own: the link is
 * the item's main one when it is the item's name (the whole heading, or
 * its first thing), and the credit is one more link of the item; a link
 * in the middle of the heading's sentence is a reference, not its name,
 * and the credit, where the story comes from, becomes the main URL. */
static void test_credit_edge_cases(void)
{
	static const char md[] =
		"# Evening brief\n\n"
		"## 1. Owl tracer ships span filters and a web viewer\n\n"
		"- Version 0.2 adds span filters and a web viewer for agent runs.\n\n"
		"> **Encyclopedia** (https://wiki.example.org/wiki/Transformer_(machine_learning)): Transformer (machine learning), attention layers, encoder and decoder.\n\n"
		"## 2. The transformer architecture explained for newcomers\n\n"
		"- Attention layers, the encoder and the decoder, step by step.\n\n"
		"> **Owl Blog** (https://owl.example.com/posts/tracer-0.2): Owl tracer ships span filters and a web viewer.\n\n"
		"## 3. [Heron release notes for version 3](https://github.com/heron/heron)\n\n"
		"- The heron maintainers list what changed in version 3.\n\n"
		"> **[Chip News](https://chips.example.net/foundry_(node)/delay)**: The foundry delays its next node; yields below plan.\n\n"
		"## 4. A foundry delays its next node, says [the filing](https://filings.example.gov/42)\n\n"
		"- Yields of the new node are below plan, the company says.\n\n"
		"> **Heron Weekly** (https://weekly.example.net/heron-3): Heron release notes for version 3, what the maintainers changed.\n";
	is_int((long)parse(md), 4, "credit edge cases: four items");
	is_str(str(item(1)->url), "https://wiki.example.org/wiki/Transformer_(machine_learning)",
	       "credit edge cases: a URL with balanced parentheses is one credit, given to the item it names");
	ok(!has_link(item(0), "https://wiki.example.org/wiki/Transformer_(machine_learning)"),
	   "credit edge cases: ... and it leaves the item it was printed under");
	is_str(str(item(0)->url), "https://owl.example.com/posts/tracer-0.2",
	       "credit edge cases: which gets the credit printed under the next item");
	is_str(str(item(2)->url), "https://github.com/heron/heron",
	       "credit edge cases: an item's name link stays its main URL");
	ok(has_link(item(2), "https://weekly.example.net/heron-3"),
	   "credit edge cases: the credit naming it, printed under the next item, is one more link");
	ok(!has_link(item(2), "https://chips.example.net/foundry_(node)/delay") &&
	   !has_link(item(3), "https://weekly.example.net/heron-3"), "credit edge cases: misplaced credits leave");
	is_str(item(2)->key, "github:heron/heron", "credit edge cases: and the name link keys it");
	is_str(str(item(3)->url), "https://chips.example.net/foundry_(node)/delay",
	       "credit edge cases: a link mid-sentence is no name: the credit is the main URL");
	ok(has_link(item(3), "https://filings.example.gov/42"), "credit edge cases: the reference stays a link");
	is_str(item(3)->title, "A foundry delays its next node, says the filing",
	       "credit edge cases: the heading is still the title");
}

/* A quote that opens with a credit and goes on in prose is the item's own
 * text, and so is a credit printed above every item: neither moves a URL
 * (and, under the sanitizers, neither leaks the credits read so far). */
static void test_credit_quotes_that_are_text(void)
{
	static const char md[] =
		"# Morning brief\n\n"
		"> **Front Page** (https://front.example.com/today): what is inside\n\n"
		"## 1. A lab releases a small reasoning model\n\n"
		"- The model was trained on synthetic proofs. [Read](https://lab.example.com/small)\n\n"
		"> **Chip Weekly** (https://chips.example.net/2026/foundry-delay): the foundry delays.\n"
		"> The editors add that yields are below plan, and say more than a credit would.\n\n"
		"## 2. Foundry delays its next process node\n\n"
		"- The foundry says yields are below plan. [Read](https://foundry.example.org/node)\n";
	is_int((long)parse(md), 2, "credit quotes that are text: two items");
	is_str(str(item(0)->url), "https://lab.example.com/small",
	       "credit quotes that are text: a credit quote above every item moves nothing");
	is_str(str(item(1)->url), "https://foundry.example.org/node",
	       "credit quotes that are text: a quote going on in prose gives no credit");
}

/* A headline digest whose every bullet is one tweet's sentence with a
 * trailing credit: a long sentence is cut at its last clause mark within
 * 64 columns (never inside brackets, never leaving a fragment), the rest
 * is the summary; a sentence that fits stays the title whole. */
static void test_sentence_titles(void)
{
	static const char md[] =
		"# 08月01日 快讯\n\n"
		"## 1. 模型与工具\n\n"
		"- 某开源社区发布了一个新的多语言语音识别模型，支持九十多种语言的实时转写，并在多个公开基准上刷新了纪录。 [消息来源](https://x.com/voicelab/status/1001)\n"
		"- 一家芯片公司推出面向边缘设备的推理加速卡，功耗只有十瓦。 [消息来源](https://x.com/chipco/status/1002)\n"
		"- 研究者展示了一个可以在笔记本电脑上运行的小模型（参数量仅为十亿，却能完成复杂推理），引发热议。 [消息来源](https://x.com/res/status/1003)\n"
		"- 一个团队把长文档问答系统的端到端延迟降低到了原来的十分之一，代码已开源。 [消息来源](https://x.com/team/status/1005)\n"
		"- A startup released an open agent framework for web browsing; it ships with memory and a planner built in. [Source](https://x.com/startup/status/1004)\n"
		"- A lab released a new speech model today. It is fast, small and runs offline on phones and laptops. [Source](https://x.com/lab/status/1006)\n";
	is_int((long)parse(md), 6, "sentence titles: six tweets");
	is_str(item(0)->title, "某开源社区发布了一个新的多语言语音识别模型",
	       "sentence titles: a long sentence is cut at its last clause mark within the width");
	is_str(str(item(0)->summary), "支持九十多种语言的实时转写，并在多个公开基准上刷新了纪录。",
	       "sentence titles: the rest is the summary");
	is_str(item(1)->title, "一家芯片公司推出面向边缘设备的推理加速卡，功耗只有十瓦。",
	       "sentence titles: a sentence that fits stays whole");
	ok(!item(1)->summary && strstr(item(1)->markdown, "功耗只有十瓦"),
	   "sentence titles: the whole sentence titled, no summary repeats it; the excerpt keeps the text");
	is_str(item(2)->title, "研究者展示了一个可以在笔记本电脑上运行的小模型（参数量仅为十亿，却能完成复杂推理），引发热议。",
	       "sentence titles: never cut inside brackets");
	is_str(item(3)->title, "一个团队把长文档问答系统的端到端延迟降低到了原来的十分之一，代码已开源。",
	       "sentence titles: no cut that leaves a fragment for the summary");
	is_str(item(4)->title, "A startup released an open agent framework for web browsing",
	       "sentence titles: ASCII clause marks too");
	is_str(str(item(4)->summary), "it ships with memory and a planner built in.",
	       "sentence titles: the English rest is the summary");
	is_str(str(item(4)->url), "https://x.com/startup/status/1004", "sentence titles: the credit is still the URL");
	is_str(item(5)->title, "A lab released a new speech model today.",
	       "sentence titles: a sentence's end before a later comma");
	is_str(str(item(5)->summary), "It is fast, small and runs offline on phones and laptops.",
	       "sentence titles: the next sentence is the summary");

	static const char tweets[] =
		"# 推文精选\n\n"
		"Some Lab @somelab [2026-08-01](https://x.com/somelab/status/2001)\n\n"
		"> 我们今天开源了新一代的多模态模型，它可以同时理解图像、音频和长文本，并且在十几个基准上超过了更大的模型。\n\n"
		"Other Lab @otherlab [2026-08-01](https://x.com/otherlab/status/2002)\n\n"
		"> 新版本的推理服务已经上线。\n\n"
		"## 模型\n\n"
		"- [A model card](https://example.com/card): details.\n";
	is_int((long)parse(tweets), 3, "tweet excerpts: two tweets and a bullet");
	is_str(item(0)->title, "我们今天开源了新一代的多模态模型",
	       "tweet excerpts: a long tweet is named by its first clauses");
	ok(item(0)->summary && strstr(item(0)->summary, "超过了更大的模型"),
	   "tweet excerpts: the summary keeps the whole tweet (%s)", str(item(0)->summary));
	is_str(item(1)->title, "新版本的推理服务已经上线。", "tweet excerpts: a short tweet is its title");
}

/* A weekly table that lists one article under two days (two notes, no
 * link) is one item; same-titled rows with links of their own are not. */
static void test_same_note_twice(void)
{
	static const char md[] =
		"# 週間記事一覧\n\n"
		"| 日付 | タイトル | 記事 | 要約 |\n"
		"|---|---|---|---|\n"
		"| 2026-01-05 | 新しい推論モデルが公開された | [[notes/2026-01-05-model.md\\|記事ページへ]] | ある研究所が推論モデルを公開した。 |\n"
		"| 2026-01-06 | 新しい推論モデルが公開された | [[notes/2026-01-06-model.md\\|記事ページへ]] | ある研究所が推論モデルを公開した。 |\n"
		"| 2026-01-06 | 別の話題 | [[notes/2026-01-06-other.md\\|記事ページへ]] | 別の話。 |\n\n"
		"## Links\n\n"
		"- [Weekly roundup](https://a.example.com/roundup): one site's roundup.\n"
		"- [Weekly roundup](https://b.example.com/roundup): another site's.\n";
	is_int((long)parse(md), 4, "same note twice: one item for the article listed on two days");
	is_str(item(0)->title, "新しい推論モデルが公開された", "same note twice: its title");
	is_str(item(1)->title, "別の話題", "same note twice: another note stays");
	is_str(item(3)->key, "url:https://b.example.com/roundup",
	       "same note twice: same-titled link items with their own URLs stay apart");
}

int main(void)
{
	if (!setlocale(LC_ALL, ""))
		setlocale(LC_ALL, "C.UTF-8");
	test_credit_links();
	test_field_bullets();
	test_loose_tables();
	test_forum_roundup();
	test_placeholder_url();
	test_entity_lists();
	test_not_items();
	test_explain();
	test_self_links();
	test_footer_and_recap();
	test_placeholders();
	test_badges_top3_see_also();
	test_credit_not_in_summary();
	test_slugs_colon_badges_references();
	test_same_note_twice();
	test_closing_credits();
	test_credit_quotes_that_are_text();
	test_credit_edge_cases();
	test_sentence_titles();
	digest_clear(&parsed);
	return tap_done();
}
