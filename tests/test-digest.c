/* Unit tests of the digest engine on small fixtures written for radar,
 * one per digest shape described in FORMATS.md. */
#include <config.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "strbuf.h"
#include "tap.h"
#include "xalloc.h"

static struct digest parsed;

static size_t parse(const char *markdown, const char *name)
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

static const struct digest_item *find_key(const char *key)
{
	for (size_t i = 0; i < parsed.item_count; i++)
		if (strcmp(parsed.items[i].key, key) == 0)
			return &parsed.items[i];
	return NULL;
}

static bool has_tag(const struct digest_item *it, const char *tag)
{
	for (size_t i = 0; it && i < it->tag_count; i++)
		if (strcmp(it->tags[i].name, tag) == 0)
			return true;
	return false;
}

static bool has_link(const struct digest_item *it, const char *key)
{
	for (size_t i = 0; it && i < it->link_count; i++)
		if (strcmp(it->links[i].key, key) == 0)
			return true;
	return false;
}

static const char numbered_items[] =
	"# 每日情报 | 2026-11-02\n\n"
	"## 📊 今日情报\n\n"
	"### 1. [示例实验室] Tiny-MoE：小而快的混合专家模型\n"
	"**来源**: 示例周刊 | **时间**: 2026-11-02 08:30\n"
	"**价值**: 🌟🌟🌟 **标签**: [开源] [大模型]\n"
	"**链接**: https://mp.weixin.qq.com/s/AbCdEf123\n\n"
	"> 🎯 **一句话摘要**：一个只有 1B 参数的混合专家模型。\n\n"
	"#### 🔹 核心技术\n- **路由**：每个词元两个专家。\n\n"
	"#### 🔗 相关资源\n- **GitHub 项目**: https://github.com/example-lab/tiny-moe\n"
	"- **论文**: [arXiv:2611.00001](https://arxiv.org/abs/2611.00001)\n\n"
	"### 2. [另一家] 第二条：语音模型\n"
	"**来源**: 示例日报 | **时间**: 2026-11-02 10:00\n"
	"**标签**: [语音]\n"
	"**链接**: https://example.com/news/voice?utm_source=feed\n\n"
	"#### 🔹 核心技术\n- 流式解码。\n\n"
	"#### 🔗 相关资源\n- https://github.com/example-lab/voice\n";

static void test_numbered_items(void)
{
	is_int((long)parse(numbered_items, "intel.md"), 2, "numbered headings: two items, sub-sections are not items");
	is_str(item(0)->title, "[示例实验室] Tiny-MoE：小而快的混合专家模型", "numbered heading: numbering stripped");
	is_str(item(0)->key, "url:https://mp.weixin.qq.com/s/AbCdEf123", "**链接** field is the main link");
	ok(item(0)->kind == KIND_ARTICLE, "kind comes from the main link");
	ok(has_tag(item(0), "开源") && has_tag(item(0), "大模型"), "tags from **标签**: [开源] [大模型]");
	is_str(item(0)->date, "2026-11-02T08:30:00", "date from **时间**");
	ok(has_link(item(0), "github:example-lab/tiny-moe") && has_link(item(0), "arxiv:2611.00001"),
	   "links under the template sub-section belong to the item");
	is_str(item(0)->summary, "一个只有 1B 参数的混合专家模型。", "summary from the 🎯 quote, label dropped");
	is_str(item(1)->url, "https://example.com/news/voice", "tracking parameters dropped from the URL");
	ok(has_link(item(1), "github:example-lab/voice"), "bare URL in a bullet is a link");
	ok(item(0)->markdown && strstr(item(0)->markdown, "#### 🔹 核心技术") != NULL,
	   "the excerpt keeps the item's sub-sections");
	is_str(parsed.date, "2026-11-02", "digest date from the title");
}

static const char category_bullets[] =
	"# AI 日报 — 2026-11-03\n\n"
	"> 涵盖 4 条 AI 新闻\n\n"
	"## 🔥 今日焦点\n\n"
	"### 1. **一号焦点：推理加速**\n\n"
	"一段介绍。 [来源-twitter](https://x.com/someone/status/1855555555555555555)\n\n"
	"## 📰 重点报道\n\n"
	"### 多模态\n\n"
	"- **图像模型 A** — 说明文字 [来源-reddit](https://www.reddit.com/r/LocalLLaMA/comments/abc123/slug/)\n\n"
	"### 开源\n\n"
	"- **[产品]** [Some Tool](https://github.com/Example-Org/Some-Tool.git) - 一个工具\n"
	"- **视频讲解** — 讲座 [来源-youtube](https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10)\n";

static void test_category_bullets(void)
{
	is_int((long)parse(category_bullets, NULL), 4, "focus heading + three bullets");
	is_str(item(0)->title, "一号焦点：推理加速", "bold numbered heading title");
	ok(item(0)->kind == KIND_TWEET, "x.com status link makes a tweet");
	is_str(item(0)->key, "x:1855555555555555555", "tweet key is the status id");
	is_str(item(1)->title, "图像模型 A", "bullet title from the leading bold text");
	ok(item(1)->kind == KIND_DISCUSSION && strcmp(item(1)->key, "reddit:abc123") == 0, "reddit thread is a discussion");
	ok(has_tag(item(1), "多模态"), "category heading is a tag of its bullets");
	is_str(item(1)->summary, "说明文字", "bullet summary follows the dash, without the credit");
	is_str(item(2)->title, "Some Tool", "bold [category] marker is not the title");
	ok(has_tag(item(2), "产品"), "bold [category] marker is a tag");
	is_str(item(2)->key, "github:example-org/some-tool", "repository key lowercased, .git dropped");
	ok(item(3)->kind == KIND_VIDEO && strcmp(item(3)->key, "youtube:dQw4w9WgXcQ") == 0, "youtube link is a video");
	is_str(parsed.description, "涵盖 4 条 AI 新闻", "the banner quote describes the digest");
}

static const char weekly[] =
	"# Weekly reading\n\n"
	"## 目录\n\n"
	"- [Weekly reading](#weekly-reading)\n"
	"  - [Tools](#tools)\n\n"
	"## Interesting\n\n"
	"### Tools\n\n"
	"#### A fast grep\n\n"
	"[fastgrep](https://github.com/example/fastgrep)\n\n"
	"It searches quickly.\n\n"
	"#### Notes on memory\n\n"
	"[[Memory is a skill]]\n\n"
	"A note kept in the vault.\n\n"
	"### Papers\n\n"
	"#### Small models\n\n"
	"[Small models win](https://arxiv.org/pdf/2611.00002v3)\n\n"
	"### Topic with a link only at a shallower level\n\n"
	"[Shallow](https://example.org/shallow)\n";

static void test_weekly_levels(void)
{
	is_int((long)parse(weekly, NULL), 3, "#### items only; TOC and shallower sections yield nothing");
	is_str(item(0)->title, "A fast grep", "heading is the title");
	is_str(item(0)->summary, "It searches quickly.", "the link line is not the summary");
	ok(has_tag(item(0), "Tools"), "the parent heading is a tag");
	is_str(item(0)->section, "Interesting › Tools", "section path");
	ok(item(1)->kind == KIND_NOTE && item(1)->url == NULL, "wiki link item is a note without URL");
	is_str(item(1)->key, "note:memory is a skill", "note key from the wiki link target");
	is_str(item(2)->key, "arxiv:2611.00002", "pdf link with version is the paper");
}

static const char table_rows[] =
	"---\n"
	"title: \"Scan 2026-11-04\"\n"
	"date: 2026-11-04T13:00:00+08:00\n"
	"tags: [\"LLM\", \"Agent\"]\n"
	"---\n\n"
	"## 🛠️ 项目\n\n"
	"### 🌟 热门\n\n"
	"| 项目 | 作者 | stars | 描述 |\n"
	"|------|------|-------|------|\n"
	"| [alpha](https://github.com/o/alpha) | @o | 1k | 第一个 |\n"
	"| [beta](https://gist.github.com/o/0123456789abcdef) | @o | - | 第二个 |\n"
	"| plain | @p | - | 没有链接 |\n\n"
	"## 📝 论文\n\n"
	"### 📄 Gamma: a paper (arXiv:2611.00003)\n\n"
	"Prose about it.\n\n"
	"## 📚 延伸阅读\n\n"
	"- [alpha GitHub](https://github.com/o/alpha)\n"
	"- [Gamma](https://huggingface.co/papers/2611.00003)\n";

static void test_tables_and_front_matter(void)
{
	is_int((long)parse(table_rows, "scan.md"), 3, "two linked rows and one paper; reference list merges");
	is_str(parsed.title, "Scan 2026-11-04", "title from front matter");
	is_str(parsed.date, "2026-11-04T13:00:00+08:00", "date from front matter");
	const struct digest_item *alpha = find_key("github:o/alpha");
	ok(alpha && strcmp(alpha->title, "alpha") == 0, "table row title from the 项目 column");
	ok(alpha && alpha->summary && strcmp(alpha->summary, "第一个") == 0, "table row summary from 描述");
	ok(alpha && has_tag(alpha, "LLM") && has_tag(alpha, "Agent"), "front-matter tags on every item");
	ok(alpha && alpha->date && strcmp(alpha->date, "2026-11-04T13:00:00+08:00") == 0,
	   "items take the digest date");
	ok(find_key("gist:0123456789abcdef") != NULL, "a gist row is a project");
	const struct digest_item *gamma = find_key("arxiv:2611.00003");
	ok(gamma && strcmp(gamma->title, "Gamma: a paper") == 0, "arXiv id in heading text makes a paper");
	ok(gamma && gamma->kind == KIND_PAPER, "its kind is paper");
}

static const char slots[] =
	"---\ndate: 2026-11-05 00:00:00 +0800\n---\n\n"
	"Intro without links.\n\n"
	"## 00:00-01:00\n"
	"推理框架这条线，今天看到 `lumen-ai/fastinfer` 发布新版本。[博客](https://example.com/blog/fastinfer)\n\n"
	"## 01:00-02:00\n"
	"安全方面，一篇论文 arXiv:2611.00004 值得读。\n";

static void test_time_slots(void)
{
	is_int((long)parse(slots, NULL), 2, "one item per time slot");
	is_str(item(0)->title, "00:00-01:00 推理框架这条线", "slot title carries its lead subject");
	ok(has_link(item(0), "github:lumen-ai/fastinfer"), "backticked owner/repo is a link of the slot");
	is_str(item(0)->key, "url:https://example.com/blog/fastinfer", "explicit link beats derived ones as main link");
	is_str(item(1)->key, "arxiv:2611.00004", "arXiv id in prose is the slot's paper");
	is_str(item(1)->date, "2026-11-05T00:00:00+08:00", "date with +0800 offset normalised");
}

static const char nested[] =
	"# Recap\n\n"
	"**Open models**\n\n"
	"- **Model X ships**: [launch](https://x.com/a/status/1)\n"
	"    - A commenter noted [a thing](https://example.com/c).\n"
	"- **Model Y**: [thread](https://x.com/b/status/2) and [repo](https://github.com/b/y)\n"
	"- **[A thread](https://www.reddit.com/r/ml/comments/zz9/t/)** (Activity: 12): Useful talk.\n\n"
	"**Top tweets**\n\n"
	"- **Again X**: [launch again](https://x.com/a/status/1)\n";

static void test_nested_and_duplicates(void)
{
	is_int((long)parse(nested, NULL), 3, "nested bullets are details; a repeated tweet merges");
	is_str(item(0)->title, "Model X ships", "bold lead is the title");
	ok(has_link(item(0), "url:https://example.com/c"), "nested bullet links belong to the parent");
	ok(has_tag(item(0), "Open models"), "bold-only paragraph is a section for the bullets below");
	ok(has_link(item(1), "github:b/y"), "all links of the bullet are kept");
	is_str(item(2)->summary, "Useful talk.", "a (Activity: N) note before the colon is not the summary");
}

static const char commentary[] =
	"# Scan\n\n"
	"## Papers\n\n"
	"### 1. Small models reflect\n\n"
	"This work (arXiv:2611.00005) compares models.\n\n"
	"### 2. Another one\n\n"
	"[Paper](https://arxiv.org/abs/2611.00006)\n\n"
	"## Highlights\n\n"
	"### Most impactful\n\n"
	"**Small models reflect** (arXiv:2611.00005) matters most.\n\n"
	"### Links\n\n"
	"- [Blog](https://example.com/a-post)\n";

static void test_commentary(void)
{
	is_int((long)parse(commentary, NULL), 3, "commentary citing a paper in prose is not an item");
	is_str(item(0)->key, "arxiv:2611.00005", "a numbered heading presenting a paper by id is the paper");
	is_str(item(1)->key, "arxiv:2611.00006", "numbered heading with a link");
	is_str(item(2)->key, "url:https://example.com/a-post", "link bullet");
}

static const char tweets[] =
	"# Tweets\n\n"
	"Mira Chen @mira_ml [2026-11-06](https://x.com/mira_ml/status/1860000000000000001)\n\n"
	"> Self-verification helps 7B models more than 1B ones.\n\n"
	"## 02:00-04:00 🏛️ **Policy news**\n\n"
	"A new rule. [source](https://example.com/rule)\n";

static void test_tweet_excerpts(void)
{
	is_int((long)parse(tweets, NULL), 2, "a tweet line with its quote is a tweet item");
	is_str(item(0)->key, "x:1860000000000000001", "keyed by status id");
	is_str(item(0)->title, "Self-verification helps 7B models more than 1B ones.", "title is the tweet text");
	is_str(item(0)->authors, "Mira Chen @mira_ml", "author from the line before the date");
	is_str(item(0)->date, "2026-11-06", "date from the link text");
	is_str(item(1)->title, "02:00-04:00 \xf0\x9f\x8f\x9b Policy news", "a titled slot keeps its own title (FE0F normalised away)");
}

static const char hf_table_and_original[] =
	"# Daily papers\n\n"
	"| Title | Authors | Summary |\n"
	"|---|---|---|\n"
	"| [Tiny Vision](https://huggingface.co/papers/2611.00007) | A. Li, B. Wang | Small and fast. |\n"
	"| [Same paper as PDF](https://arxiv.org/pdf/2611.00007v2) | A. Li | Again. |\n\n"
	"## 1. 中文标题：小模型的视觉能力\n\n"
	"**原文标题**: Small Models See Too\n"
	"**原文链接**: [link](https://example.org/small-models-see)\n\n"
	"正文第一段。\n";

static void test_hf_table_and_original_link(void)
{
	is_int((long)parse(hf_table_and_original, NULL), 2, "HF table rows of one paper merge; numbered heading");
	is_str(item(0)->key, "arxiv:2611.00007", "huggingface.co/papers and arxiv.org/pdf v2 are one paper");
	is_str(item(0)->title, "Tiny Vision", "title from the Title column");
	is_str(item(0)->authors, "A. Li, B. Wang", "authors from the Authors column");
	is_str(item(0)->summary, "Small and fast.", "summary from the Summary column");
	is_str(item(1)->title, "中文标题：小模型的视觉能力", "numbered Chinese heading is the title");
	is_str(item(1)->url, "https://example.org/small-models-see", "**原文链接** is the main link");
	is_str(item(1)->summary, "正文第一段。", "first prose paragraph is the summary");
}

static const char paragraph_entries[] =
	"# News\n\n"
	"## Headlines\n\n"
	"**Lab ships a model**\n"
	"Some text about it. [Read](https://example.com/a)\n\n"
	"**Another lab answers**\n\n"
	"More text. [Read](https://example.com/b)\n\n"
	"## Papers\n\n"
	"**Small models** — a paper [arXiv](https://arxiv.org/abs/2611.00009) and notes.\n\n"
	"**Big models**: another [paper](https://arxiv.org/abs/2611.00010).\n";

static void test_paragraph_entries(void)
{
	is_int((long)parse(paragraph_entries, NULL), 4, "bold-led paragraphs with links are items, not their section");
	is_str(item(0)->title, "Lab ships a model", "title from the bold line");
	is_str(item(0)->summary, "Some text about it. Read", "summary from the text after it");
	is_str(item(1)->key, "url:https://example.com/b", "a bold line followed by a paragraph with the link");
	ok(has_tag(item(1), "Headlines"), "the section heading is a tag");
	is_str(item(2)->title, "Small models", "bold title before a dash");
	is_str(item(3)->key, "arxiv:2611.00010", "bold title with a colon");
}

/* issue 9: Korean separates words with spaces, so a line break inside a
 * Hangul link text is a word break (as in `radar show`); between two Han
 * characters it is not. */
static void test_line_breaks_in_titles(void)
{
	is_int((long)parse("- [\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4\n\xeb\xa7\x81\xed\x81\xac](https://example.com/a)\n"
	                   "- [\xe4\xb8\xad\xe6\x96\x87\n\xe9\x93\xbe\xe6\x8e\xa5](https://example.com/b)\n", NULL), 2,
	       "two link bullets");
	is_str(item(0)->title, "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4 \xeb\xa7\x81\xed\x81\xac",
	       "a Hangul link text broken over two lines keeps its space");
	is_str(item(1)->title, "\xe4\xb8\xad\xe6\x96\x87\xe9\x93\xbe\xe6\x8e\xa5",
	       "a Han link text broken over two lines is joined");
}

static void test_bad_input(void)
{
	is_int((long)parse("", NULL), 0, "empty document: no items");
	is_int((long)parse("# Only a heading\n", NULL), 0, "heading-only document: no items");
	is_int((long)parse("---\ntitle: x\n", NULL), 0, "unterminated front matter: body only, no crash");
	is_int((long)parse("---\ntitle: [unclosed\n---\n- [a](https://example.com/a)\n", NULL), 1,
	       "broken YAML front matter: a warning, items still found");
	ok(parsed.warning != NULL, "broken YAML is reported as a warning");
	const char evil[] = "### 1. Title \x1b[2J\xe2\x80\xae evil \xc2\x9b" "31m\n"
	                    "[x](https://example.com/\x1b]52;c;AAAA\x07)\n";
	parse(evil, NULL);
	ok(parsed.item_count == 1 && !strchr(item(0)->title, '\x1b') && !strstr(item(0)->title, "\xe2\x80\xae") &&
	   !strstr(item(0)->title, "\xc2\x9b"), "escape sequences and bidi overrides never reach titles");
	char garbage[4096];
	unsigned int seed = 42;
	for (size_t i = 0; i < sizeof garbage; i++) {
		seed = seed * 1103515245u + 12345u;
		garbage[i] = (char)(seed >> 16);
	}
	char *error = NULL;
	struct digest d;
	ok(digest_parse(garbage, sizeof garbage, NULL, &d, &error) == 0, "binary garbage parses without crashing");
	digest_clear(&d);
	struct strbuf deep;
	strbuf_init(&deep);
	for (int i = 0; i < 10000; i++) {
		for (int j = 0; j < i % 40; j++)
			strbuf_puts(&deep, "  ");
		strbuf_puts(&deep, "- [x](https://example.com/x)\n");
	}
	ok(digest_parse(deep.data, deep.len, NULL, &d, &error) == 0, "10,000 nested list lines: no crash");
	digest_clear(&d);
	strbuf_reset(&deep);
	for (int i = 0; i < 10000; i++)
		strbuf_puts(&deep, "> ");
	strbuf_puts(&deep, "deep [x](https://example.com/x)\n");
	ok(digest_parse(deep.data, deep.len, NULL, &d, &error) == 0, "10,000 nested quotes: no crash");
	digest_clear(&d);
	strbuf_clear(&deep);
	ok(digest_parse("x", DIGEST_MAX_BYTES + 1, NULL, &d, &error) == -1 && error != NULL,
	   "over the size limit: a clear error");
	free(error);
}

/* Every bullet links the same page: one item, whose excerpt holds the first
 * mentions and then stops growing (merging once copied it per mention). */
static void test_same_link_everywhere(void)
{
	struct strbuf md;
	strbuf_init(&md);
	strbuf_puts(&md, "# Same link\n\n");
	for (int i = 0; i < 3000; i++)
		strbuf_printf(&md, "- [same](https://example.com/same) mention %04d says a good deal "
		              "more than forty bytes about the page\n", i);
	is_int((long)parse(md.data, NULL), 1, "3,000 bullets linking one page are one item");
	const char *excerpt = item(0)->markdown ? item(0)->markdown : "";
	ok(strstr(excerpt, "mention 0000") && strstr(excerpt, "mention 0001"),
	   "its excerpt starts with the first mentions");
	ok(strlen(excerpt) >= 200 * 1024 && strlen(excerpt) <= 256 * 1024 + 256,
	   "the merged excerpt is capped near 256 KB (%zu bytes)", strlen(excerpt));
	strbuf_clear(&md);
}

/* The offsets the parser gives each excerpt (store/writer.c finds the
 * excerpt in the stored digest by them instead of searching): every slice
 * excerpt sits at its offset, one shift (the front matter) from the raw
 * text; a merged or table-built excerpt says it is no slice. */
static void check_offsets(const char *raw, const char *what)
{
	size_t slices = 0, placed = 0;
	long shift = 0;
	bool shift_known = false;
	for (size_t i = 0; i < parsed.item_count; i++) {
		const struct digest_item *it = &parsed.items[i];
		if (!it->markdown_is_slice || !it->markdown || !*it->markdown)
			continue;
		slices++;
		if (!shift_known) {
			const char *found = strstr(raw, it->markdown);
			if (!found)
				continue;
			shift = (long)(found - raw) - (long)it->markdown_offset;
			shift_known = true;
		}
		long at = (long)it->markdown_offset + shift;
		size_t len = strlen(it->markdown);
		if (at >= 0 && (size_t)at + len <= strlen(raw) && memcmp(raw + at, it->markdown, len) == 0)
			placed++;
	}
	ok(slices > 0 && placed == slices, "%s: %zu of %zu slice excerpts at their offsets", what,
	   placed, slices);
}

static void test_excerpt_offsets(void)
{
	parse(numbered_items, NULL);
	check_offsets(numbered_items, "headings");
	parse(slots, "slots.md");
	check_offsets(slots, "time slots after front matter");
	parse(table_rows, "scan.md");
	const struct digest_item *alpha = find_key("github:o/alpha");
	ok(alpha && !alpha->markdown_is_slice, "a table row's excerpt (header + row) is no slice");
	struct strbuf md;
	strbuf_init(&md);
	strbuf_puts(&md, "# Same link\n\n");
	for (int i = 0; i < 3; i++)
		strbuf_printf(&md, "- [same](https://example.com/same) mention %d of the same page, "
		              "long enough to be substantial on its own\n", i);
	is_int((long)parse(md.data, NULL), 1, "three bullets linking one page are one item");
	ok(!item(0)->markdown_is_slice, "its merged excerpt is no slice");
	strbuf_clear(&md);
}

int main(void)
{
	if (!setlocale(LC_ALL, ""))
		setlocale(LC_ALL, "C.UTF-8");
	test_numbered_items();
	test_category_bullets();
	test_weekly_levels();
	test_tables_and_front_matter();
	test_time_slots();
	test_nested_and_duplicates();
	test_commentary();
	test_tweet_excerpts();
	test_hf_table_and_original_link();
	test_paragraph_entries();
	test_line_breaks_in_titles();
	test_bad_input();
	test_same_link_everywhere();
	test_excerpt_offsets();
	digest_clear(&parsed);
	return tap_done();
}
