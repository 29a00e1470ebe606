#include <config.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "item-article.h"
#include "render.h"
#include "strbuf.h"
#include "tap.h"
#include "text.h"
#include "xalloc.h"

static const int WIDTHS[] = {20, 40, 80};
#define WIDTH_COUNT (sizeof WIDTHS / sizeof WIDTHS[0])

/* ------------------------------------------------------------ invariants */

static size_t utf8_next(const unsigned char *s, unsigned int *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0 && s[1]) {
		*cp = ((s[0] & 0x1fu) << 6) | (s[1] & 0x3fu);
		return 2;
	}
	if ((s[0] & 0xf0) == 0xe0 && s[1] && s[2]) {
		*cp = ((s[0] & 0x0fu) << 12) | ((s[1] & 0x3fu) << 6) | (s[2] & 0x3fu);
		return 3;
	}
	if ((s[0] & 0xf8) == 0xf0 && s[1] && s[2] && s[3]) {
		*cp = ((s[0] & 0x07u) << 18) | ((s[1] & 0x3fu) << 12) | ((s[2] & 0x3fu) << 6) |
		      (s[3] & 0x3fu);
		return 4;
	}
	*cp = 0xfffd;
	return 1;
}

static bool forbidden_codepoint(unsigned int cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x200e || cp == 0x200f || cp == 0x061c || cp == 0xfeff;
}

static bool closing_punctuation(unsigned int cp)
{
	static const unsigned int closing[] = {
		0xff0c /* ， */, 0x3002 /* 。 */, 0x3001 /* 、 */, 0xff01 /* ！ */, 0xff1f /* ？ */,
		0xff09 /* ） */, 0x300d /* 」 */, 0x300f /* 』 */, 0x300b /* 》 */,
	};
	for (size_t i = 0; i < sizeof closing / sizeof closing[0]; i++)
		if (cp == closing[i])
			return true;
	return false;
}

/* Skip what renderers put before content: indentation, quote marks, table
 * borders, list markers, task boxes. */
static const char *after_prefix(const char *s)
{
	for (;;) {
		const char *start = s;
		while (*s == ' ' || *s == '>' || *s == '|')
			s++;
		if ((s[0] == '-' || s[0] == '*') && s[1] == ' ')
			s += 2;
		const char *d = s;
		while (*d >= '0' && *d <= '9')
			d++;
		if (d > s && (*d == '.' || *d == ')') && d[1] == ' ')
			s = d + 2;
		if (s[0] == '[' && (s[1] == 'x' || s[1] == ' ') && s[2] == ']' && s[3] == ' ')
			s += 4;
		if (s == start)
			return s;
	}
}

static int failures_in(const struct render_output *out, int width, bool kinsoku, char **first_bad)
{
	int failures = 0;

	*first_bad = NULL;
	for (size_t i = 0; i < out->lines.count; i++) {
		const struct text_line *line = &out->lines.lines[i];
		char *text = text_line_string(line);
		const char *why = NULL;
		unsigned int cp;
		int measured = text_width(text);

		if (measured > width || line->width > width)
			why = "too wide";
		if (measured != line->width)
			why = "width field disagrees with text_width";
		for (const unsigned char *p = (const unsigned char *)text; *p && !why;) {
			p += utf8_next(p, &cp);
			if (forbidden_codepoint(cp))
				why = "control, bidi or BOM character";
		}
		for (size_t k = 0; k < line->span_count && !why; k++)
			if (line->spans[k].style < 0 || line->spans[k].style >= RENDER_STYLE_COUNT)
				why = "unknown style";
		const char *content = after_prefix(text);
		/* below 8 columns a line after a prefix may hold one wide character
		 * only, and then "字。" cannot stay together: width still holds */
		if (!why && *content && kinsoku && width >= 8) {
			utf8_next((const unsigned char *)content, &cp);
			if (closing_punctuation(cp))
				why = "starts with closing punctuation";
		}
		if (why) {
			if (!*first_bad)
				*first_bad = xasprintf("line %zu (%s, %d columns): \"%s\"", i, why,
				                       measured, text);
			failures++;
		}
		free(text);
	}
	return failures;
}

static bool check_invariants(const struct render_output *out, int width, const char *what)
{
	char *bad;
	int failures = failures_in(out, width, true, &bad);
	bool passed = ok(failures == 0, "%s at width %d: widths, characters, line starts", what, width);

	if (!passed)
		tap_diag("%d bad lines; first: %s", failures, bad);
	free(bad);
	return passed;
}

/* Render MARKDOWN at WIDTH, check the invariants, return the plain text. */
static char *render(const char *markdown, int width, const char *what)
{
	struct render_output out;
	char *plain;

	render_output_init(&out);
	render_markdown(markdown, strlen(markdown), width, &out);
	check_invariants(&out, width, what);
	plain = render_plain_text(&out);
	render_output_clear(&out);
	return plain;
}

static void render_all_widths(const char *markdown, const char *what)
{
	for (size_t i = 0; i < WIDTH_COUNT; i++)
		free(render(markdown, WIDTHS[i], what));
}

static bool contains(const char *haystack, const char *needle)
{
	return strstr(haystack, needle) != NULL;
}

/* The style of the span holding NEEDLE, or -1. */
static int style_of(const struct render_output *out, const char *needle)
{
	for (size_t i = 0; i < out->lines.count; i++)
		for (size_t k = 0; k < out->lines.lines[i].span_count; k++)
			if (strstr(out->lines.lines[i].spans[k].text, needle))
				return out->lines.lines[i].spans[k].style;
	return -1;
}

static char *line_text(const struct render_output *out, size_t i)
{
	return i < out->lines.count ? text_line_string(&out->lines.lines[i]) : xstrdup("(none)");
}

/* ------------------------------------------------------------ constructs */

static void test_headings(void)
{
	const char *md = "# 标题 Title\n\nBody text.\n\n## Second 第二\n\n### Third\n\nMore.";
	struct render_output out;
	char *plain;

	render_all_widths(md, "headings");
	render_output_init(&out);
	render_markdown(md, strlen(md), 80, &out);
	plain = render_plain_text(&out);
	is_str(plain,
	       "标题 Title\n==========\n\nBody text.\n\nSecond 第二\n-----------\n\nThird\n\nMore.\n",
	       "headings: underlines as wide as the text, blank lines around");
	is_int(style_of(&out, "标题"), RENDER_HEADING, "heading text has the heading style");
	is_int(style_of(&out, "Third"), RENDER_HEADING, "level 3 heading styled too");
	free(plain);
	render_output_clear(&out);
}

static void test_paragraphs(void)
{
	char *plain;

	plain = render("中文第一行\n第二行，继续。\n\nEnglish line\nnext line", 80, "soft breaks");
	is_str(plain, "中文第一行第二行，继续。\n\nEnglish line next line\n",
	       "a soft break between CJK joins, between words becomes a space");
	free(plain);

	plain = render("first\\\nsecond  \nthird", 80, "hard breaks");
	is_str(plain, "first\nsecond\nthird\n", "hard breaks break");
	free(plain);

	plain = render("one two three four five six seven eight nine ten", 20, "wrap");
	is_str(plain, "one two three four\nfive six seven eight\nnine ten\n", "paragraph wrapped at 20");
	free(plain);

	render_all_widths("我们发布了新的开源模型，它在多个基准测试上都取得了领先的成绩。"
	                  "你觉得怎么样？（当然，这只是初步结果）「欢迎试用」，《技术报告》已经公开！"
	                  "研究人员表示：这是一个重要的里程碑、也是新的开始。",
	                  "kinsoku paragraph");
	render_all_widths("Mixed 中英文 text with v1.2.3 版本, $100 和 50% 增长, see "
	                  "https://example.com/a/very/long/path/that/will/not/fit/in/twenty/columns",
	                  "mixed paragraph");
}

static void test_lists(void)
{
	char *plain;
	struct strbuf md;

	plain = render("- one\n- two\n  - nested\n    1. first\n    2. second\n- three", 80, "nested list");
	is_str(plain, "- one\n- two\n  * nested\n    1. first\n    2. second\n- three\n",
	       "nested lists indent 2 per level, bullets alternate - and *");
	free(plain);

	plain = render("- a list item that is long enough to wrap twice at this width", 20,
	               "hanging indent");
	is_str(plain, "- a list item that\n  is long enough to\n  wrap twice at this\n  width\n",
	       "wrapped item lines hang under the text");
	free(plain);

	strbuf_init(&md);
	for (int i = 1; i <= 10; i++)
		strbuf_printf(&md, "%d. item %d\n", i, i);
	plain = render(md.data, 40, "ordered list");
	ok(contains(plain, " 1. item 1\n") && contains(plain, " 9. item 9\n") &&
	   contains(plain, "10. item 10\n"), "ordered numbers right-aligned");
	free(plain);
	strbuf_clear(&md);

	plain = render("3) three\n4) four", 40, "paren list");
	is_str(plain, "3) three\n4) four\n", "start number and ) delimiter kept");
	free(plain);

	plain = render("- [x] done\n- [ ] todo item that wraps at twenty", 20, "task list");
	is_str(plain, "- [x] done\n- [ ] todo item that\n      wraps at\n      twenty\n",
	       "task items show [x] / [ ] and hang under the text");
	free(plain);

	plain = render("- loose one\n\n- loose two\n\nafter", 40, "loose list");
	is_str(plain, "- loose one\n\n- loose two\n\nafter\n", "loose list keeps blank lines");
	free(plain);

	plain = render("-\n- x", 40, "empty item");
	is_str(plain, "-\n- x\n", "an empty item still shows its marker");
	free(plain);

	render_all_widths("- 第一项：这是一个比较长的中文列表项，需要在窄的宽度下换行。\n"
	                  "  1. 子项目，继续说明。\n  2. 另一个子项目！\n"
	                  "- Second item with `inline code` and **bold** text.\n",
	                  "CJK list");
}

static void test_quotes(void)
{
	char *plain;
	struct render_output out;
	const char *md = "> quoted text that is long enough to wrap at twenty";

	plain = render(md, 20, "quote");
	is_str(plain, "> quoted text that\n> is long enough to\n> wrap at twenty\n",
	       "every wrapped line of a quote has the > prefix");
	free(plain);

	plain = render("> outer\n>\n>> inner\n\nafter", 40, "nested quote");
	is_str(plain, "> outer\n>\n> > inner\n\nafter\n", "nested quotes show > > ");
	free(plain);

	plain = render("> [!NOTE]\n> Be careful here.\n\n> [!warning]\n> 小心。", 40, "alerts");
	is_str(plain, "> Note:\n> Be careful here.\n\n> Warning:\n> 小心。\n",
	       "GitHub alerts get a label instead of the marker");
	free(plain);

	plain = render("> - item in quote\n>   continued here", 20, "list in quote");
	is_str(plain, "> - item in quote\n>   continued here\n", "a list inside a quote");
	free(plain);

	render_output_init(&out);
	render_markdown(md, strlen(md), 40, &out);
	is_int(out.lines.lines[0].spans[0].style, RENDER_QUOTE, "quote prefix has the quote style");
	render_output_clear(&out);

	render_all_widths("> 引用：这是一段很长的中文引用文字，用来测试在不同宽度下的换行效果。\n>\n"
	                  "> > 嵌套引用，也需要正确地换行！\n", "CJK quote");
}

static void test_code(void)
{
	char *plain;
	struct render_output out;
	const char *md = "```c\nint main(void)\n{\n\treturn 0;\n}\n```\n";

	plain = render(md, 80, "code block");
	is_str(plain, "    int main(void)\n    {\n        return 0;\n    }\n",
	       "code block indented, tabs expanded, not wrapped");
	free(plain);

	plain = render("```\nthis line is far too long to fit in twenty columns\n```", 20, "long code");
	ok(!contains(plain, "columns") && contains(plain, "    this line"),
	   "a long code line is cut, not wrapped");
	ok(strchr(plain, '\n') == plain + strlen(plain) - 1, "the long code line stays one line");
	free(plain);

	render_all_widths("```\n中文代码注释：这是一行很长的中文代码注释，超过了宽度。\n```\n"
	                  "\n    indented code block with a long line that goes on and on and on\n",
	                  "CJK code");

	render_output_init(&out);
	render_markdown("Use `make check` now.", strlen("Use `make check` now."), 80, &out);
	is_int(style_of(&out, "make check"), RENDER_CODE, "inline code has the code style");
	render_output_clear(&out);

	render_output_init(&out);
	render_markdown(md, strlen(md), 80, &out);
	is_int(style_of(&out, "main"), RENDER_CODE_BLOCK, "code block has the code-block style");
	render_output_clear(&out);
}

static void test_links(void)
{
	struct render_output out;
	char *plain;
	const char *md =
		"See [the paper](https://arxiv.org/abs/2401.00001), [again](https://arxiv.org/abs/2401.00001) "
		"and [the code](https://github.com/example/repo). Jump to [intro](#intro) or "
		"[docs](docs/README.md); <https://example.com/auto> and https://example.org/bare too. "
		"![a small cat](cat.png) [bad](javascript:alert(1)).";

	render_output_init(&out);
	render_markdown(md, strlen(md), 80, &out);
	check_invariants(&out, 80, "links");
	plain = render_plain_text(&out);
	/* one long paragraph: look at it unwrapped */
	for (char *p = plain; *p; p++)
		if (*p == '\n')
			*p = ' ';
	ok(contains(plain, "the paper[1]") && contains(plain, "again[1]"), "same URL, same number");
	ok(contains(plain, "the code[2]"), "new URL, next number");
	ok(contains(plain, "intro or") && !contains(plain, "intro["), "anchor link is plain text");
	ok(contains(plain, "docs;") && !contains(plain, "docs["), "relative link is plain text");
	ok(contains(plain, "https://example.com/auto[3]"), "autolink shows its URL and a number");
	ok(contains(plain, "https://example.org/bare[4]"), "bare URL shows its URL and a number");
	ok(contains(plain, "[image: a small cat]"), "image shown as its alt text");
	ok(contains(plain, "bad.") && !contains(plain, "bad["), "javascript: link gets no number");
	is_int((int64_t)out.link_count, 4, "four distinct links");
	if (out.link_count >= 2) {
		is_str(out.links[0].url, "https://arxiv.org/abs/2401.00001", "links[0] is [1]");
		is_str(out.links[0].text, "the paper", "link text kept");
		is_str(out.links[1].url, "https://github.com/example/repo", "links[1] is [2]");
	}
	is_int(style_of(&out, "the paper"), RENDER_LINK, "link text has the link style");
	is_int(style_of(&out, "[1]"), RENDER_LINK_NUMBER, "link number has its own style");
	free(plain);

	/* numbering continues in the same output; tracking parameters do not
	 * make a new link */
	const char *more = "[more](https://github.com/example/repo?utm_source=feed) [new](https://example.net/)";
	render_markdown(more, strlen(more), 80, &out);
	plain = render_plain_text(&out);
	ok(contains(plain, "more[2]"), "canonical URL reuses the number across calls");
	ok(contains(plain, "new[5]"), "numbering continues in OUT");
	free(plain);
	render_output_clear(&out);

	render_output_init(&out);
	const char *two = "[a](https://example.com/a/rather/long/path/to/a/page) [b](https://b.example/)";
	render_markdown(two, strlen(two), 20, &out);
	render_links(20, &out);
	check_invariants(&out, 20, "render_links");
	plain = render_plain_text(&out);
	ok(contains(plain, "a[1] b[2]\n\nLinks\n-----\n\n[1] https://"), "render_links adds a Links list");
	ok(contains(plain, "\n    ") && contains(plain, "[2] https://b."),
	   "a long URL wraps under its number");
	free(plain);
	render_output_clear(&out);

	render_all_widths("长链接：[一个非常长的中文链接文字，用于测试换行](https://example.com/path/to/"
	                  "a/page/that/has/a/really/long/address/which/cannot/fit)。后面的文字。",
	                  "CJK link");
}

static void test_tables(void)
{
	char *plain;
	struct render_output out;

	plain = render("| a | b | c |\n|:-|-:|:-:|\n| 1 | 22 | x |\n| long | 3 | yy |", 80, "table");
	is_str(plain,
	       "| a    |  b | c  |\n"
	       "|------|----|----|\n"
	       "| 1    | 22 | x  |\n"
	       "| long |  3 | yy |\n",
	       "table: natural widths, left/right/center alignment");
	free(plain);

	const char *cjk =
		"| 模型 | 说明 | 分数 |\n|---|---|--:|\n"
		"| 通义千问 | 阿里巴巴发布的大语言模型，支持中文和英文，在多个评测中表现优秀。 | 85.5 |\n"
		"| DeepSeek-V3 | 深度求索的混合专家模型，训练成本很低，开源权重。 | 88 |\n";
	for (size_t w = 0; w < WIDTH_COUNT; w++) {
		render_output_init(&out);
		render_markdown(cjk, strlen(cjk), WIDTHS[w], &out);
		check_invariants(&out, WIDTHS[w], "CJK table");
		if (WIDTHS[w] == 40) {
			bool framed = out.lines.count > 0, same = true;
			int first = out.lines.count ? out.lines.lines[0].width : 0;
			for (size_t i = 0; i < out.lines.count; i++) {
				char *t = text_line_string(&out.lines.lines[i]);
				size_t n = strlen(t);
				if (n == 0 || t[0] != '|' || t[n - 1] != '|')
					framed = false;
				if (out.lines.lines[i].width != first)
					same = false;
				free(t);
			}
			ok(framed, "every CJK table line is framed by |");
			ok(same, "every CJK table line has the same width");
			ok(out.lines.count > 4, "cells wrapped at width 40 (%zu lines)", out.lines.count);
			plain = render_plain_text(&out);
			ok(contains(plain, "模型") && contains(plain, "85.5") && contains(plain, "开源"),
			   "table text kept");
			free(plain);
		}
		render_output_clear(&out);
	}

	const char *emoji = "| 状态 | Item |\n|---|---|\n| ✅ 完成 | 🔥 热点新闻 |\n"
	                    "| ⚙️ | 🇨🇳 flag and 👨‍👩‍👧 family |\n";
	for (size_t w = 0; w < WIDTH_COUNT; w++) {
		render_output_init(&out);
		render_markdown(emoji, strlen(emoji), WIDTHS[w], &out);
		check_invariants(&out, WIDTHS[w], "emoji table");
		bool same = true;
		for (size_t i = 0; i < out.lines.count; i++)
			if (out.lines.lines[i].width != out.lines.lines[0].width)
				same = false;
		ok(same, "emoji table lines line up at width %d", WIDTHS[w]);
		render_output_clear(&out);
	}

	plain = render("| a | b | c | d | e | f |\n|---|---|---|---|---|---|\n"
	               "| one | two | three | four | five | six |", 20, "wide table");
	ok(contains(plain, "a: one") && contains(plain, "f: six"),
	   "a table too wide for any layout becomes header: value lines");
	free(plain);

	render_output_init(&out);
	const char *cell_md = "| **h** |\n|---|\n| [l](https://example.com/t) |";
	render_markdown(cell_md, strlen(cell_md), 40, &out);
	plain = render_plain_text(&out);
	ok(contains(plain, "l[1]") && out.link_count == 1, "links in cells are numbered");
	is_int(style_of(&out, "h"), RENDER_TABLE_HEADER, "header cells have the header style");
	free(plain);
	render_output_clear(&out);

	render_all_widths("| x |\n|---|\n| 第一行<br>第二行 |", "table with <br>");
}

static void test_html(void)
{
	char *plain;

	plain = render("<details>\n<summary>点击展开 Details</summary>\n\n内容在这里。\n\n</details>",
	               40, "details");
	is_str(plain, "点击展开 Details\n\n内容在这里。\n", "<summary> text becomes a line");
	free(plain);

	plain = render("<div id=toc></div>\n\nText", 40, "toc div");
	is_str(plain, "Text\n", "an empty div leaves nothing");
	free(plain);

	plain = render("<script>alert(1)</script>\n\nSafe <script>alert(2)</script>text. "
	               "<style>p{color:red}</style>", 40, "script");
	ok(!contains(plain, "alert") && !contains(plain, "color") && contains(plain, "Safe"),
	   "script and style contents dropped");
	ok(!contains(plain, "<"), "no markup shown");
	ok(contains(plain, "Safe text."), "text around an inline script kept");
	free(plain);

	plain = render("before <span class=\"x\">middle</span> after <kbd>Ctrl</kbd>", 80, "inline tags");
	is_str(plain, "before middle after Ctrl\n", "inline tags dropped, text kept");
	free(plain);

	plain = render("<p>A &amp; B &lt;tag&gt; &quot;q&quot; &#20013;&#x6587;&nbsp;end</p>", 80,
	               "entities");
	is_str(plain, "A & B <tag> \"q\" 中文\xc2\xa0" "end\n", "HTML entities decoded");
	free(plain);

	plain = render("<p>line one<br>line two</p>\n\ninline<br/>break <b>bold</b> <!-- hidden -->",
	               80, "br");
	is_str(plain, "line one\nline two\n\ninline\nbreak bold\n", "<br> breaks, tags dropped");
	free(plain);

	plain = render("<p>See <a href=\"https://example.com/h?a=1&amp;b=2\">this page</a>.</p>"
	               "\n\n<img src=x.png alt=\"图片说明\">", 80, "html link");
	ok(contains(plain, "this page[1]"), "HTML <a href> is a numbered link");
	ok(contains(plain, "[image: 图片说明]"), "HTML <img alt> shown as its alt");
	free(plain);

	plain = render("<ul>\n<li>one</li>\n<li>two</li>\n</ul>", 40, "html list");
	is_str(plain, "- one\n- two\n", "HTML list items on their own lines");
	free(plain);

	render_all_widths("<table><tr><td>单元格一</td><td>单元格二，很长很长很长很长很长很长很长的内容"
	                  "</td></tr></table>\n", "html table");
}

static void test_rules_and_styles(void)
{
	struct render_output out;
	char *plain;
	const char *md = "a\n\n---\n\nb ~~gone~~ *soft* **loud** [^n]\n\n[^n]: The note.";

	for (size_t w = 0; w < WIDTH_COUNT; w++) {
		render_output_init(&out);
		render_markdown(md, strlen(md), WIDTHS[w], &out);
		check_invariants(&out, WIDTHS[w], "rule and styles");
		char *rule = line_text(&out, 2);
		ok(strspn(rule, "-") == (size_t)WIDTHS[w] && rule[WIDTHS[w]] == '\0',
		   "thematic break is a row of - as wide as %d", WIDTHS[w]);
		free(rule);
		if (w == 2) {
			is_int(style_of(&out, "---"), RENDER_RULE, "rule style");
			is_int(style_of(&out, "gone"), RENDER_STRIKE, "strikethrough style");
			is_int(style_of(&out, "soft"), RENDER_EMPHASIS, "emphasis style");
			is_int(style_of(&out, "loud"), RENDER_STRONG, "strong style");
			plain = render_plain_text(&out);
			ok(contains(plain, "loud [^1]") && contains(plain, "[^1] The note."),
			   "footnote reference and definition numbered alike");
			free(plain);
		}
		render_output_clear(&out);
	}
}

static void test_escapes(void)
{
	const char *md =
		"Clear \x1b[2J screen \x1b]52;c;ZXZpbA==\x07 clip \x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\ "
		"csi \xc2\x9b" "31m red \xe2\x80\xae" "RLO text \xe2\x81\xa6isolate\n\n"
		"`code \x1b[31m red`\n\n"
		"[text \x1b[5m blink](https://example.com/\x1b[2Jpath)\n\n"
		"```\nline \x1b[1m bold \x07 bell \xc2\x85 nel\n```\n\n"
		"# head \x1b[7m\n\n| a\x1b[1m | b |\n|---|---|\n| \xe2\x80\xaex | y |\n"
		"\n<p>html \x1b[2J &#27;[2J &#x9b;31m &#x202e;x</p>\n";
	struct render_output out;
	bool clean = true;

	for (size_t w = 0; w < WIDTH_COUNT; w++)
		free(render(md, WIDTHS[w], "escape sequences"));
	render_output_init(&out);
	render_markdown(md, strlen(md), 80, &out);
	for (size_t i = 0; i < out.link_count; i++) {
		for (const unsigned char *p = (const unsigned char *)out.links[i].url; *p; p++)
			if (*p < 0x20 || *p == 0x7f)
				clean = false;
		for (const unsigned char *p = (const unsigned char *)(out.links[i].text ? out.links[i].text : ""); *p; p++)
			if (*p < 0x20 || *p == 0x7f)
				clean = false;
	}
	ok(out.link_count >= 1 && clean, "link URLs and texts carry no control characters");
	render_output_clear(&out);
}

static void test_deep_nesting(void)
{
	struct strbuf md;
	struct render_output out;
	char *plain;
	clock_t start;

	strbuf_init(&md);
	for (int i = 0; i < 50; i++) {
		for (int k = 0; k < i; k++)
			strbuf_puts(&md, "  ");
		strbuf_printf(&md, "- level %d 第%d层\n", i, i);
	}
	for (size_t w = 0; w < WIDTH_COUNT; w++) {
		plain = render(md.data, WIDTHS[w], "50 nested lists");
		ok(contains(plain, "level 49"), "deepest item shown at width %d", WIDTHS[w]);
		free(plain);
	}

	static const char *const units[] = {"- ", "> ", "1. ", "* > "};
	for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
		strbuf_reset(&md);
		for (int i = 0; i < 10000; i++)
			strbuf_puts(&md, units[u]);
		strbuf_puts(&md, "deep text 深处\n");
		for (size_t w = 0; w < WIDTH_COUNT; w++) {
			start = clock();
			render_output_init(&out);
			render_markdown(md.data, md.len, WIDTHS[w], &out);
			double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
			check_invariants(&out, WIDTHS[w], "10,000 nested levels");
			plain = render_plain_text(&out);
			ok(contains(plain, "deep text"), "10,000 \"%s\" levels: text shown at width %d",
			   units[u], WIDTHS[w]);
			ok(seconds < 5, "10,000 \"%s\" levels rendered in %.2fs", units[u], seconds);
			free(plain);
			render_output_clear(&out);
		}
	}

	/* 10,000 levels on separate lines, each list item holding a paragraph */
	strbuf_reset(&md);
	for (int i = 0; i < 10000; i++)
		strbuf_puts(&md, ">");
	strbuf_puts(&md, " a\n");
	for (int i = 0; i < 10000; i++)
		strbuf_puts(&md, ">");
	strbuf_puts(&md, " b\n\n");
	for (int i = 0; i < 3000; i++)
		strbuf_puts(&md, "*a ");
	strbuf_puts(&md, "x\n");
	start = clock();
	plain = render(md.data, 40, "deep quotes and emphasis");
	ok((double)(clock() - start) / CLOCKS_PER_SEC < 5, "deep quotes and emphasis render fast");
	free(plain);
	strbuf_clear(&md);
}

static void test_big_paragraph(void)
{
	struct strbuf md;
	struct render_output out;
	clock_t start;
	char *plain;

	strbuf_init(&md);
	while (md.len < 5 * 1024 * 1024)
		strbuf_puts(&md, "lorem ipsum 中文字符，测试。dolor sit amet ");
	start = clock();
	render_output_init(&out);
	render_markdown(md.data, md.len, 80, &out);
	double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
	check_invariants(&out, 80, "5 MB paragraph");
	ok(out.lines.count > 50000, "5 MB paragraph wrapped into %zu lines", out.lines.count);
	ok(seconds < 30, "5 MB paragraph rendered in %.2fs", seconds);
	plain = render_plain_text(&out);
	ok(strlen(plain) > 4 * 1024 * 1024, "5 MB paragraph text kept");
	free(plain);
	render_output_clear(&out);
	strbuf_clear(&md);
}

static void test_plain_text(void)
{
	struct render_output out;
	char *plain;
	size_t newlines = 0;

	render_output_init(&out);
	render_markdown("# T\n\npara\n\n- a\n- b", strlen("# T\n\npara\n\n- a\n- b"), 40, &out);
	plain = render_plain_text(&out);
	for (const char *p = plain; *p; p++)
		newlines += *p == '\n';
	is_int((int64_t)newlines, (int64_t)out.lines.count, "one newline per line");
	is_str(plain, "T\n=\n\npara\n\n- a\n- b\n", "plain text joins lines");
	free(plain);
	render_output_clear(&out);

	plain = render("---\ntitle: \"日报\"\ntags: [a, b]\n---\n# Heading\n\nBody.", 40, "front matter");
	is_str(plain, "Heading\n=======\n\nBody.\n", "front matter not shown");
	free(plain);

	render_output_init(&out);
	render_markdown("", 0, 40, &out);
	render_markdown(NULL, 0, 40, &out);
	is_int((int64_t)out.lines.count, 0, "empty input, no lines");
	render_output_clear(&out);
}

/* ------------------------------------------------------------ items */

static void test_item(void)
{
	struct item_detail item;
	struct item_link links[2];
	struct item_mention mentions[3];
	char *tags[] = {"agents", "大模型", "long context"};
	struct render_output out;
	char *plain;

	memset(&item, 0, sizeof item);
	item.row.id = 7;
	item.row.kind = KIND_PAPER;
	item.row.title = "ReAct 2: 推理与行动的统一框架 \x1b[31mfor language agents";
	item.row.url = "https://arxiv.org/abs/2501.01234";
	item.row.date = "2025-03-01T08:30:00+08:00";
	item.row.source = "ai-daily";
	item.row.mentions = 3;
	item.summary = "一种新的智能体框架，把推理和行动交替进行。";
	item.authors = "Li Wei, Jane Doe";
	item.tags = tags;
	item.tag_count = 3;
	links[0] = (struct item_link){"https://arxiv.org/abs/2501.01234", "arXiv", KIND_PAPER,
	                              "arxiv:2501.01234"};
	links[1] = (struct item_link){"https://github.com/example/react2", "code", KIND_PROJECT,
	                              "github:example/react2"};
	item.links = links;
	item.link_count = 2;
	mentions[0] = (struct item_mention){1, "AI 日报 2025-03-01", "daily.md", "2025-03-01",
	                                    "ai-daily", "论文 > 智能体",
	                                    "**[ReAct 2](https://arxiv.org/abs/2501.01234)**：作者提出"
	                                    "一种新的框架，在 [HotpotQA](https://hotpotqa.github.io/) "
	                                    "上提升明显。"};
	mentions[1] = (struct item_mention){2, "Weekly Reading W10", "weekly.md", "2025-03-07",
	                                    "weekly", "Papers",
	                                    "**[ReAct 2](https://arxiv.org/abs/2501.01234)**：作者提出"
	                                    "一种新的框架，在 [HotpotQA](https://hotpotqa.github.io/) "
	                                    "上提升明显。"};
	mentions[2] = (struct item_mention){3, "Research Scan", "scan.md", NULL, "scan",
	                                    "Agents",
	                                    "A unified agent framework; see the [project page]"
	                                    "(https://example.org/react2) and the "
	                                    "[code](https://github.com/example/react2)."};
	item.mentions = mentions;
	item.mention_count = 3;

	for (size_t w = 0; w < WIDTH_COUNT; w++) {
		render_output_init(&out);
		render_item(&item, WIDTHS[w], &out);
		check_invariants(&out, WIDTHS[w], "render_item");
		plain = render_plain_text(&out);
		ok(contains(plain, "#大模型") && contains(plain, "#long_context") &&
		   !contains(plain, "#\n"), "tags kept whole at width %d", WIDTHS[w]);
		free(plain);
		render_output_clear(&out);
	}

	for (int width = 1; width <= 12; width++) {
		render_output_init(&out);
		render_item(&item, width, &out);
		check_invariants(&out, width, "render_item, narrow");
		render_output_clear(&out);
	}

	render_output_init(&out);
	render_item(&item, 80, &out);
	plain = render_plain_text(&out);
	tap_diag("render_item at 80:\n%s", plain);
	is_int(style_of(&out, "ReAct 2: "), RENDER_TITLE, "title first, in the title style");
	ok(contains(plain, "paper | 2025-03-01 | ai-daily | seen in 3 digests | Li Wei, Jane Doe"),
	   "metadata line");
	is_int(style_of(&out, "seen in 3"), RENDER_META, "metadata in the meta style");
	ok(contains(plain, "#agents #大模型 #long_context"), "tag line");
	is_int(style_of(&out, "#agents"), RENDER_TAG, "tags in the tag style");
	ok(contains(plain, "一种新的智能体框架"), "summary shown when the excerpt does not say it");
	ok(contains(plain, "ReAct 2[1]") && contains(plain, "HotpotQA[2]"), "excerpt links numbered");
	ok(!contains(plain, "Weekly Reading W10 | 2025-03-07:") &&
	   !contains(plain, "From Weekly Reading"), "an identical excerpt is not repeated");
	ok(contains(plain, "From Research Scan:") && contains(plain, "project page[3]") &&
	   contains(plain, "code[4]"), "a different excerpt shown under its digest");
	ok(contains(plain, "\nLinks\n-----\n"), "Links heading");
	ok(contains(plain, "[1] https://arxiv.org/abs/2501.01234\n") &&
	   contains(plain, "[2] https://hotpotqa.github.io") &&
	   contains(plain, "[3] https://example.org/react2\n") &&
	   contains(plain, "[4] https://github.com/example/react2\n"),
	   "links listed with the numbers used in the text");
	is_int((int64_t)out.link_count, 4, "main URL and item links deduplicated with the text's");
	ok(contains(plain, "Mentioned in") && contains(plain, "- AI 日报 2025-03-01 | 2025-03-01 | 论文 > 智能体") &&
	   contains(plain, "- Weekly Reading W10 | 2025-03-07 | Papers") &&
	   contains(plain, "- Research Scan | Agents"), "mentions listed with date and section");
	ok(!contains(plain, "\x1b"), "escape in the title dropped");
	free(plain);
	render_output_clear(&out);

	/* a summary that is only the excerpt's beginning is not shown twice */
	item.summary = "ReAct 2：作者提出一种新的框架...";
	item.row.mentions = 1;
	item.mention_count = 1;
	render_output_init(&out);
	render_item(&item, 40, &out);
	plain = render_plain_text(&out);
	ok(!contains(plain, "框架..."), "summary repeating the excerpt is left out");
	ok(!contains(plain, "seen in"), "\"seen in\" only when more than one digest");
	ok(contains(plain, "[3] https://github.com/example/react2"), "item links without a mark listed");
	free(plain);
	render_output_clear(&out);

	/* an item with almost nothing */
	memset(&item, 0, sizeof item);
	item.row.kind = KIND_NOTE;
	item.row.title = "";
	render_output_init(&out);
	render_item(&item, 20, &out);
	check_invariants(&out, 20, "bare item");
	ok(out.lines.count >= 1, "a bare item still renders");
	render_output_clear(&out);
}

/* Markdown-ish garbage from a fixed seed: no crash, nothing too wide, no
 * control characters (code lines keep their text, so no kinsoku check). */
static void test_garbage(void)
{
	static const char *const atoms[] = {
		"- ", "* ", "1. ", "> ", "\n", "\n\n", "|", "|---|", "```", "`", "*", "**", "_",
		"~~", "[", "]", "(", ")", "<", ">", "</", "div", "script", "a href=\"http://x.y/\"",
		"&amp;", "&#", "x;", "http://e.com/", "中文", "，", "。", "🔥", "\x1b[2J",
		"\xe2\x80\xae", "\xff", "  ", "\t", "#", "## ", "[^1]", "[!NOTE]", "<br>", "<!--",
		"-->", "    ", "![", "alt", "<summary>", "<table><tr><td>", "1)", " ", "word ",
	};
	unsigned long seed = 12345;
	int bad_renders = 0;
	char *first = NULL;

	for (int round = 0; round < 2000; round++) {
		struct strbuf md;
		struct render_output out;
		char *bad;
		int width, pieces;

		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		pieces = (int)(seed >> 33) % 120;
		width = 1 + (int)((seed >> 20) % 90);
		strbuf_init(&md);
		for (int k = 0; k < pieces; k++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			strbuf_puts(&md, atoms[(seed >> 33) % (sizeof atoms / sizeof atoms[0])]);
		}
		render_output_init(&out);
		render_markdown(md.data, md.len, width, &out);
		if (failures_in(&out, width, false, &bad) > 0) {
			bad_renders++;
			if (!first)
				first = xasprintf("width %d: %s", width, bad);
		}
		free(bad);
		render_output_clear(&out);
		strbuf_clear(&md);
	}
	if (!ok(bad_renders == 0, "2000 garbage documents render within their width, clean"))
		tap_diag("%d bad; first: %s", bad_renders, first);
	free(first);
}

/* Everything at once, in Chinese and English, at every width. */
static void test_mixed_document(void)
{
	const char *md =
		"# AI 日报：2025 年 3 月 1 日\n\n"
		"> [!TIP]\n> 今天的重点是**智能体**和*长上下文*。\n\n"
		"## 论文\n\n"
		"1. **[长上下文检索](https://arxiv.org/abs/2503.00001)**：提出了一种新方法，"
		"把检索和生成结合起来。\n"
		"   - 作者：张三、李四\n   - 标签：`RAG`、`长上下文`\n"
		"2. **[Agentic Coding](https://github.com/example/agent)** — a framework for agents "
		"that write code, with ~~old~~ new results.\n\n"
		"| 名称 | 类型 | Stars |\n|---|:-:|--:|\n| agent | 项目 | 12,345 |\n"
		"| 长上下文检索 | 论文 | - |\n\n"
		"```python\nprint(\"你好，世界\")  # 一个很长很长很长很长很长很长很长的注释\n```\n\n"
		"***\n\n<details><summary>更多</summary>\n\n更多内容……\n\n</details>\n";

	render_all_widths(md, "mixed document");
	/* very narrow panes: nothing may overflow, even at one column */
	for (int width = 1; width <= 12; width++)
		free(render(md, width, "mixed document, narrow"));
}

int main(void)
{
	/* widths come from wcwidth(), which needs a UTF-8 locale */
	if (!setlocale(LC_ALL, "") || !strstr(setlocale(LC_CTYPE, NULL), "UTF-8"))
		setlocale(LC_CTYPE, "C.UTF-8");
	test_headings();
	test_paragraphs();
	test_lists();
	test_quotes();
	test_code();
	test_links();
	test_tables();
	test_html();
	test_rules_and_styles();
	test_escapes();
	test_plain_text();
	test_item();
	test_mixed_document();
	test_garbage();
	test_deep_nesting();
	test_big_paragraph();
	return tap_done();
}
