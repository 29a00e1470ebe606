/* The engine's words: field labels (and the field each names), table of
 * contents titles, table column names and sentence stops, in one table.
 * A new word is a row; a new use is a value of enum word_use (internal.h)
 * and its rows.  Field labels and column names are matched after
 * normalisation (lowercase, no spaces or punctuation: "tableofcontents"),
 * sentence stops as written. */
#include <config.h>

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <stdlib.h>
#include <strings.h>

#include "digest/internal.h"
#include "xalloc.h"

/* X(use, field, text).  Link labels ("原文链接", "Read more", "🔗 원문 기사
 * 보러가기") are matched in label_norm's form: letters and digits only. */
#define DIGEST_WORDS(X) \
	X(WORD_FIELD, FIELD_DATE, "时间") X(WORD_FIELD, FIELD_DATE, "日期") \
	X(WORD_FIELD, FIELD_DATE, "发布时间") X(WORD_FIELD, FIELD_DATE, "date") \
	X(WORD_FIELD, FIELD_DATE, "time") X(WORD_FIELD, FIELD_DATE, "published") \
	X(WORD_FIELD, FIELD_TAGS, "标签") X(WORD_FIELD, FIELD_TAGS, "tags") \
	X(WORD_FIELD, FIELD_TAGS, "tag") \
	X(WORD_FIELD, FIELD_KEYWORDS, "关键词") X(WORD_FIELD, FIELD_KEYWORDS, "keywords") \
	X(WORD_FIELD, FIELD_KEYWORDS, "关键字") \
	X(WORD_FIELD, FIELD_LINK, "链接") X(WORD_FIELD, FIELD_LINK, "原文链接") \
	X(WORD_FIELD, FIELD_LINK, "link") X(WORD_FIELD, FIELD_LINK, "url") \
	X(WORD_FIELD, FIELD_LINK, "原文") X(WORD_FIELD, FIELD_LINK, "地址") \
	X(WORD_FIELD, FIELD_SUMMARY, "tl;dr") X(WORD_FIELD, FIELD_SUMMARY, "tldr") \
	X(WORD_FIELD, FIELD_SUMMARY, "一句话摘要") X(WORD_FIELD, FIELD_SUMMARY, "一句话介绍") \
	X(WORD_FIELD, FIELD_SUMMARY, "摘要") X(WORD_FIELD, FIELD_SUMMARY, "summary") \
	X(WORD_FIELD, FIELD_SUMMARY, "一句话总结") X(WORD_FIELD, FIELD_SUMMARY, "简介") \
	X(WORD_FIELD, FIELD_AUTHORS, "作者") X(WORD_FIELD, FIELD_AUTHORS, "authors") \
	X(WORD_FIELD, FIELD_AUTHORS, "author") \
	X(WORD_FIELD, FIELD_TITLE, "原文标题") X(WORD_FIELD, FIELD_TITLE, "标题") \
	X(WORD_FIELD, FIELD_CATEGORY, "main category") X(WORD_FIELD, FIELD_CATEGORY, "分类") \
	X(WORD_FIELD, FIELD_CATEGORY, "category") X(WORD_FIELD, FIELD_CATEGORY, "领域") \
	X(WORD_FIELD, FIELD_SUMMARY, "内容摘要") X(WORD_FIELD, FIELD_SUMMARY, "要約") \
	X(WORD_FIELD, FIELD_SUMMARY, "요약") X(WORD_FIELD, FIELD_SUMMARY, "概要") \
	X(WORD_FIELD, FIELD_LINK, "원문") X(WORD_FIELD, FIELD_LINK, "링크") \
	X(WORD_FIELD, FIELD_LINK, "リンク") X(WORD_FIELD, FIELD_LINK, "元記事") \
	X(WORD_FIELD, FIELD_SOURCE, "来源") X(WORD_FIELD, FIELD_SOURCE, "source") \
	X(WORD_FIELD, FIELD_SOURCE, "出处") X(WORD_FIELD, FIELD_SOURCE, "출처") \
	X(WORD_FIELD, FIELD_SOURCE, "引用元") X(WORD_FIELD, FIELD_SOURCE, "出典") \
	X(WORD_FIELD, FIELD_SOURCE, "via") X(WORD_FIELD, FIELD_SOURCE, "消息来源") \
	\
	X(WORD_TOC_TITLE, FIELD_NONE, "目录") X(WORD_TOC_TITLE, FIELD_NONE, "目錄") \
	X(WORD_TOC_TITLE, FIELD_NONE, "tableofcontents") X(WORD_TOC_TITLE, FIELD_NONE, "contents") \
	X(WORD_TOC_TITLE, FIELD_NONE, "toc") X(WORD_TOC_TITLE, FIELD_NONE, "索引") \
	X(WORD_TOC_TITLE, FIELD_NONE, "本期目录") X(WORD_TOC_TITLE, FIELD_NONE, "inthisissue") \
	\
	X(WORD_COLUMN_TITLE, FIELD_NONE, "title") X(WORD_COLUMN_TITLE, FIELD_NONE, "标题") \
	X(WORD_COLUMN_TITLE, FIELD_NONE, "名称") X(WORD_COLUMN_TITLE, FIELD_NONE, "项目") \
	X(WORD_COLUMN_TITLE, FIELD_NONE, "name") X(WORD_COLUMN_TITLE, FIELD_NONE, "project") \
	X(WORD_COLUMN_TITLE, FIELD_NONE, "paper") X(WORD_COLUMN_TITLE, FIELD_NONE, "论文") \
	X(WORD_COLUMN_TITLE, FIELD_NONE, "repo") X(WORD_COLUMN_TITLE, FIELD_NONE, "repository") \
	X(WORD_COLUMN_TITLE, FIELD_NONE, "模型") X(WORD_COLUMN_TITLE, FIELD_NONE, "model") \
	X(WORD_COLUMN_TITLE, FIELD_NONE, "タイトル") X(WORD_COLUMN_TITLE, FIELD_NONE, "제목") \
	X(WORD_COLUMN_TITLE, FIELD_NONE, "見出し") X(WORD_COLUMN_TITLE, FIELD_NONE, "記事タイトル") \
	X(WORD_COLUMN_SUMMARY, FIELD_NONE, "要約") X(WORD_COLUMN_SUMMARY, FIELD_NONE, "요약") \
	X(WORD_COLUMN_SUMMARY, FIELD_NONE, "概要") X(WORD_COLUMN_SUMMARY, FIELD_NONE, "설명") \
	X(WORD_COLUMN_LINK, FIELD_NONE, "引用元") X(WORD_COLUMN_LINK, FIELD_NONE, "出典") \
	X(WORD_COLUMN_LINK, FIELD_NONE, "source") X(WORD_COLUMN_LINK, FIELD_NONE, "来源") \
	X(WORD_COLUMN_LINK, FIELD_NONE, "链接") X(WORD_COLUMN_LINK, FIELD_NONE, "link") \
	X(WORD_COLUMN_LINK, FIELD_NONE, "url") X(WORD_COLUMN_LINK, FIELD_NONE, "출처") \
	X(WORD_COLUMN_LINK, FIELD_NONE, "원문") X(WORD_COLUMN_LINK, FIELD_NONE, "原文") \
	X(WORD_COLUMN_AUTHORS, FIELD_NONE, "authors") X(WORD_COLUMN_AUTHORS, FIELD_NONE, "author") \
	X(WORD_COLUMN_AUTHORS, FIELD_NONE, "作者") X(WORD_COLUMN_AUTHORS, FIELD_NONE, "机构") \
	X(WORD_COLUMN_SUMMARY, FIELD_NONE, "summary") X(WORD_COLUMN_SUMMARY, FIELD_NONE, "description") \
	X(WORD_COLUMN_SUMMARY, FIELD_NONE, "描述") X(WORD_COLUMN_SUMMARY, FIELD_NONE, "说明") \
	X(WORD_COLUMN_SUMMARY, FIELD_NONE, "简介") X(WORD_COLUMN_SUMMARY, FIELD_NONE, "摘要") \
	X(WORD_COLUMN_SUMMARY, FIELD_NONE, "亮点") X(WORD_COLUMN_SUMMARY, FIELD_NONE, "tldr") \
	X(WORD_COLUMN_SUMMARY, FIELD_NONE, "notes") X(WORD_COLUMN_SUMMARY, FIELD_NONE, "备注") \
	\
	X(WORD_SENTENCE_STOP, FIELD_NONE, "，") X(WORD_SENTENCE_STOP, FIELD_NONE, "。") \
	X(WORD_SENTENCE_STOP, FIELD_NONE, "：") X(WORD_SENTENCE_STOP, FIELD_NONE, "；") \
	X(WORD_SENTENCE_STOP, FIELD_NONE, "！") X(WORD_SENTENCE_STOP, FIELD_NONE, "？") \
	X(WORD_SENTENCE_STOP, FIELD_NONE, ", ") X(WORD_SENTENCE_STOP, FIELD_NONE, ". ") \
	X(WORD_SENTENCE_STOP, FIELD_NONE, ": ") X(WORD_SENTENCE_STOP, FIELD_NONE, "; ") \
	\
	X(WORD_LINK_LABEL, FIELD_NONE, "来源") X(WORD_LINK_LABEL, FIELD_NONE, "消息来源") \
	X(WORD_LINK_LABEL, FIELD_NONE, "原文") X(WORD_LINK_LABEL, FIELD_NONE, "原文链接") \
	X(WORD_LINK_LABEL, FIELD_NONE, "链接") X(WORD_LINK_LABEL, FIELD_NONE, "阅读原文") \
	X(WORD_LINK_LABEL, FIELD_NONE, "查看原文") X(WORD_LINK_LABEL, FIELD_NONE, "原文地址") \
	X(WORD_LINK_LABEL, FIELD_NONE, "详情") X(WORD_LINK_LABEL, FIELD_NONE, "查看详情") \
	X(WORD_LINK_LABEL, FIELD_NONE, "出处") X(WORD_LINK_LABEL, FIELD_NONE, "來源") \
	X(WORD_LINK_LABEL, FIELD_NONE, "原文連結") X(WORD_LINK_LABEL, FIELD_NONE, "連結") \
	X(WORD_LINK_LABEL, FIELD_NONE, "link") X(WORD_LINK_LABEL, FIELD_NONE, "links") \
	X(WORD_LINK_LABEL, FIELD_NONE, "source") X(WORD_LINK_LABEL, FIELD_NONE, "sources") \
	X(WORD_LINK_LABEL, FIELD_NONE, "readmore") X(WORD_LINK_LABEL, FIELD_NONE, "more") \
	X(WORD_LINK_LABEL, FIELD_NONE, "here") X(WORD_LINK_LABEL, FIELD_NONE, "via") \
	X(WORD_LINK_LABEL, FIELD_NONE, "original") X(WORD_LINK_LABEL, FIELD_NONE, "fullarticle") \
	X(WORD_LINK_LABEL, FIELD_NONE, "readthearticle") X(WORD_LINK_LABEL, FIELD_NONE, "article") \
	X(WORD_LINK_LABEL, FIELD_NONE, "details") X(WORD_LINK_LABEL, FIELD_NONE, "url") \
	X(WORD_LINK_LABEL, FIELD_NONE, "出典") X(WORD_LINK_LABEL, FIELD_NONE, "引用元") \
	X(WORD_LINK_LABEL, FIELD_NONE, "記事") X(WORD_LINK_LABEL, FIELD_NONE, "記事ページへ") \
	X(WORD_LINK_LABEL, FIELD_NONE, "元記事") X(WORD_LINK_LABEL, FIELD_NONE, "ソース") \
	X(WORD_LINK_LABEL, FIELD_NONE, "続きを読む") X(WORD_LINK_LABEL, FIELD_NONE, "詳細") \
	X(WORD_LINK_LABEL, FIELD_NONE, "リンク") X(WORD_LINK_LABEL, FIELD_NONE, "原文リンク") \
	X(WORD_LINK_LABEL, FIELD_NONE, "출처") X(WORD_LINK_LABEL, FIELD_NONE, "원문") \
	X(WORD_LINK_LABEL, FIELD_NONE, "원문보기") X(WORD_LINK_LABEL, FIELD_NONE, "원문기사") \
	X(WORD_LINK_LABEL, FIELD_NONE, "원문기사보러가기") X(WORD_LINK_LABEL, FIELD_NONE, "기사보기") \
	X(WORD_LINK_LABEL, FIELD_NONE, "기사원문") X(WORD_LINK_LABEL, FIELD_NONE, "링크") \
	X(WORD_LINK_LABEL, FIELD_NONE, "quelle") X(WORD_LINK_LABEL, FIELD_NONE, "fuente") \
	X(WORD_LINK_LABEL, FIELD_NONE, "lien") \
	\
	X(WORD_FORUM, FIELD_NONE, "hackernews") X(WORD_FORUM, FIELD_NONE, "reddit") \
	X(WORD_FORUM, FIELD_NONE, "lobsters") X(WORD_FORUM, FIELD_NONE, "v2ex") \
	X(WORD_FORUM, FIELD_NONE, "hn") \
	\
	X(WORD_NAV, FIELD_NONE, "back") X(WORD_NAV, FIELD_NONE, "backtotop") \
	X(WORD_NAV, FIELD_NONE, "top") X(WORD_NAV, FIELD_NONE, "totop") \
	X(WORD_NAV, FIELD_NONE, "next") X(WORD_NAV, FIELD_NONE, "previous") \
	X(WORD_NAV, FIELD_NONE, "prev") X(WORD_NAV, FIELD_NONE, "nextpage") \
	X(WORD_NAV, FIELD_NONE, "previouspage") X(WORD_NAV, FIELD_NONE, "olderposts") \
	X(WORD_NAV, FIELD_NONE, "newerposts") X(WORD_NAV, FIELD_NONE, "home") \
	X(WORD_NAV, FIELD_NONE, "返回") X(WORD_NAV, FIELD_NONE, "返回顶部") \
	X(WORD_NAV, FIELD_NONE, "回到顶部") X(WORD_NAV, FIELD_NONE, "返回目录") \
	X(WORD_NAV, FIELD_NONE, "上一页") X(WORD_NAV, FIELD_NONE, "下一页") \
	X(WORD_NAV, FIELD_NONE, "上一篇") X(WORD_NAV, FIELD_NONE, "下一篇") \
	X(WORD_NAV, FIELD_NONE, "首页") X(WORD_NAV, FIELD_NONE, "目录") \
	X(WORD_NAV, FIELD_NONE, "前へ") X(WORD_NAV, FIELD_NONE, "次へ") \
	X(WORD_NAV, FIELD_NONE, "戻る") X(WORD_NAV, FIELD_NONE, "目次へ") \
	X(WORD_NAV, FIELD_NONE, "トップへ") X(WORD_NAV, FIELD_NONE, "目次") \
	X(WORD_NAV, FIELD_NONE, "이전") X(WORD_NAV, FIELD_NONE, "다음") \
	X(WORD_NAV, FIELD_NONE, "목록") X(WORD_NAV, FIELD_NONE, "맨위로") \
	\
	X(WORD_PROMO, FIELD_NONE, "subscribe") X(WORD_PROMO, FIELD_NONE, "subscribenow") \
	X(WORD_PROMO, FIELD_NONE, "sponsor") X(WORD_PROMO, FIELD_NONE, "sponsors") \
	X(WORD_PROMO, FIELD_NONE, "sponsored") X(WORD_PROMO, FIELD_NONE, "advertisement") \
	X(WORD_PROMO, FIELD_NONE, "ad") X(WORD_PROMO, FIELD_NONE, "ads") \
	X(WORD_PROMO, FIELD_NONE, "newsletter") X(WORD_PROMO, FIELD_NONE, "joinus") \
	X(WORD_PROMO, FIELD_NONE, "订阅") X(WORD_PROMO, FIELD_NONE, "广告") \
	X(WORD_PROMO, FIELD_NONE, "赞助") X(WORD_PROMO, FIELD_NONE, "推广") \
	X(WORD_PROMO, FIELD_NONE, "关注我们") X(WORD_PROMO, FIELD_NONE, "加入我们") \
	X(WORD_PROMO, FIELD_NONE, "加入社群") X(WORD_PROMO, FIELD_NONE, "扫码") \
	X(WORD_PROMO, FIELD_NONE, "購読") X(WORD_PROMO, FIELD_NONE, "広告") \
	X(WORD_PROMO, FIELD_NONE, "구독") X(WORD_PROMO, FIELD_NONE, "광고") \
	X(WORD_PROMO, FIELD_NONE, "invite") X(WORD_PROMO, FIELD_NONE, "邀请") \
	X(WORD_PROMO, FIELD_NONE, "listen") X(WORD_PROMO, FIELD_NONE, "收听") \
	\
	X(WORD_PLACEHOLDER, FIELD_NONE, "ここにタイトル") X(WORD_PLACEHOLDER, FIELD_NONE, "タイトルを書く") \
	X(WORD_PLACEHOLDER, FIELD_NONE, "タイトルを入力") X(WORD_PLACEHOLDER, FIELD_NONE, "title here") \
	X(WORD_PLACEHOLDER, FIELD_NONE, "lorem ipsum") X(WORD_PLACEHOLDER, FIELD_NONE, "在此输入标题") \
	X(WORD_PLACEHOLDER, FIELD_NONE, "标题写在这里") X(WORD_PLACEHOLDER, FIELD_NONE, "这里写标题") \
	X(WORD_PLACEHOLDER, FIELD_NONE, "제목을 입력") X(WORD_PLACEHOLDER, FIELD_NONE, "제목을 쓰") \
	\
	X(WORD_TEST, FIELD_NONE, "test") X(WORD_TEST, FIELD_NONE, "dummy") \
	X(WORD_TEST, FIELD_NONE, "テスト") X(WORD_TEST, FIELD_NONE, "ダミー") \
	X(WORD_TEST, FIELD_NONE, "测试") X(WORD_TEST, FIELD_NONE, "測試") \
	X(WORD_TEST, FIELD_NONE, "테스트") \
	X(WORD_TEST_SUMMARY, FIELD_NONE, "テスト用") X(WORD_TEST_SUMMARY, FIELD_NONE, "for testing") \
	X(WORD_TEST_SUMMARY, FIELD_NONE, "test summary") X(WORD_TEST_SUMMARY, FIELD_NONE, "测试用") \
	X(WORD_TEST_SUMMARY, FIELD_NONE, "測試用") X(WORD_TEST_SUMMARY, FIELD_NONE, "테스트용") \
	X(WORD_TEST_SUMMARY, FIELD_NONE, "dummy text") \
	\
	X(WORD_SEE_ALSO, FIELD_NONE, "see also") X(WORD_SEE_ALSO, FIELD_NONE, "also see") \
	X(WORD_SEE_ALSO, FIELD_NONE, "related") X(WORD_SEE_ALSO, FIELD_NONE, "cf.") \
	X(WORD_SEE_ALSO, FIELD_NONE, "previously") X(WORD_SEE_ALSO, FIELD_NONE, "参见") \
	X(WORD_SEE_ALSO, FIELD_NONE, "另见") X(WORD_SEE_ALSO, FIELD_NONE, "相关") \
	X(WORD_SEE_ALSO, FIELD_NONE, "延伸阅读") X(WORD_SEE_ALSO, FIELD_NONE, "関連") \
	X(WORD_SEE_ALSO, FIELD_NONE, "参考") X(WORD_SEE_ALSO, FIELD_NONE, "참고") \
	X(WORD_SEE_ALSO, FIELD_NONE, "관련")

#define WORD_ROW(use, field, text) { use, field, text },
const struct word digest_words[] = { DIGEST_WORDS(WORD_ROW) };
#undef WORD_ROW
const size_t digest_word_count = sizeof digest_words / sizeof *digest_words;

const struct word *word_find(const char *text, enum word_use use)
{
	for (size_t i = 0; i < digest_word_count; i++)
		if (digest_words[i].use == use && strcmp(digest_words[i].text, text) == 0)
			return &digest_words[i];
	return NULL;
}

/* Letters and digits only, ASCII lowercased: decoration, spaces and
 * punctuation (ASCII, general, CJK, full-width) are dropped. */
static char *label_norm(const char *s)
{
	char *out = xmalloc(strlen(s) + 1);
	size_t n = 0;
	for (const char *p = s; *p;) {
		size_t len;
		unsigned int c = utf8_at(p, &len);
		if (!len)
			break;
		bool keep = c < 0x80 ? isalnum((int)c) != 0
		            : !(c >= 0x2000 && c <= 0x206f) && !(c >= 0x2190 && c <= 0x21ff) &&
		              !(c >= 0x2300 && c <= 0x23ff) && !(c >= 0x25a0 && c <= 0x27bf) &&
		              !(c >= 0x2b00 && c <= 0x2bff) && !(c >= 0x3000 && c <= 0x303f) &&
		              !(c >= 0xfe00 && c <= 0xfe6f) && !(c >= 0xff00 && c <= 0xff0f) &&
		              !(c >= 0xff1a && c <= 0xff20) && !(c >= 0x1f000 && c <= 0x1faff) &&
		              c != 0xff5e && c != 0x00b7 && c != 0x00bb && c != 0x00ab;
		if (keep) {
			for (size_t i = 0; i < len; i++)
				out[n++] = c < 0x80 ? (char)tolower((int)c) : p[i];
		}
		p += len;
	}
	out[n] = '\0';
	return out;
}

/* "example.com", "www.site.co.jp/path": a bare domain names a site, not an item. */
static bool is_bare_domain(const char *s)
{
	size_t dots = 0, len = strlen(s);
	if (len < 4 || len > 80)
		return false;
	for (const char *p = s; *p; p++) {
		if (*p == '.')
			dots++;
		else if (*p == '/' && dots)
			break;
		else if (!isalnum((unsigned char)*p) && *p != '-')
			return false;
	}
	const char *last = strrchr(s, '.');
	return dots > 0 && last && isalpha((unsigned char)last[1]) && isalpha((unsigned char)last[2]);
}

/* A file's name standing in for a title: "[x.com] user-status-1988…",
 * "[blog.example.org] 2024-03-some-post.html".  One token of path
 * characters with two or more separators, and a sign that it is a name
 * on disk, not a model or project name ("gpt-4o-mini"): a bracketed site
 * before it, a file extension, or a long run of digits. */
bool is_file_slug(const char *text)
{
	const char *s = text;
	while (*s == ' ')
		s++;
	bool site = false;
	if (*s == '[') {
		const char *close = strchr(s, ']');
		if (!close || close[1] != ' ')
			return false;
		site = true;
		s = close + 1;
		while (*s == ' ')
			s++;
	}
	size_t len = strlen(s);
	while (len && s[len - 1] == ' ')
		len--;
	if (len < 8)
		return false;
	int separators = 0, digit_run = 0, longest_run = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '-' || c == '_')
			separators++;
		else if (!isalnum(c) && c != '.' && c != '/')
			return false;
		digit_run = isdigit(c) ? digit_run + 1 : 0;
		if (digit_run > longest_run)
			longest_run = digit_run;
	}
	const char *dot = memrchr(s, '.', len);
	bool extension = dot && (size_t)(s + len - dot) >= 3 && (size_t)(s + len - dot) <= 5 &&
	                 isalpha((unsigned char)dot[1]);
	return separators >= 2 && (site || extension || longest_run >= 10);
}

bool is_link_label(const char *text)
{
	/* Circled digits and other symbols are words here; emoji are not. */
	char *whole = label_norm(text);
	bool empty = !*whole;
	free(whole);
	if (empty)
		return true;
	char *s = xstrdup(text);
	trim_decoration(s);
	size_t len = strlen(s);
	while (len && strchr("[]()<>:|-*_!?. ", s[len - 1]))
		s[--len] = '\0';
	while (*s && strchr("[(<:|-*_ ", *s))
		memmove(s, s + 1, strlen(s));
	bool generic = starts_with(s, "http://") || starts_with(s, "https://") || is_bare_domain(s);
	char *norm = label_norm(s);
	if (!generic)
		generic = *norm && word_find(norm, WORD_LINK_LABEL) != NULL;
	/* "来源-reddit", "Source: The Verge": a label, a separator, a short name. */
	bool short_label = strlen(s) <= 40;
	for (size_t i = 0; !generic && short_label && i < digest_word_count; i++) {
		const struct word *w = &digest_words[i];
		if (w->use != WORD_LINK_LABEL)
			continue;
		size_t wl = strlen(w->text);
		if (strncasecmp(s, w->text, wl) != 0)
			continue;
		const char *rest = s + wl;
		generic = *rest == '-' || *rest == ':' || *rest == '|' || *rest == '@' ||
		          starts_with(rest, "：") || starts_with(rest, " -") || starts_with(rest, " |") ||
		          starts_with(rest, " @") || starts_with(rest, "（") || starts_with(rest, " (");
	}
	free(norm);
	free(s);
	return generic;
}

/* Whether TEXT is a navigation link's words: "Back", "[[Back]]", "返回当日目录",
 * "Next »".  A nav word followed by at most a few more characters counts
 * ("返回当日日报目录"), since such labels name where they go. */
bool is_nav_label(const char *text)
{
	char *norm = label_norm(text);
	bool nav = false;
	size_t len = strlen(norm);
	for (size_t i = 0; !nav && *norm && i < digest_word_count; i++) {
		const struct word *w = &digest_words[i];
		size_t wl = strlen(w->text);
		if (w->use != WORD_NAV || wl > len)
			continue;
		nav = strcmp(norm, w->text) == 0 ||
		      ((unsigned char)w->text[0] >= 0x80 && strncmp(norm, w->text, wl) == 0 && len <= 30) ||
		      (starts_with(norm, "backto") && len <= 20);
	}
	free(norm);
	return nav;
}

/* Whether TEXT asks the reader to subscribe, join, listen or sponsors the
 * digest: any WORD_PROMO word among its words ("Subscribe to our
 * newsletter", "扫码加入社群", "This issue is sponsored by"). */
static bool has_words_of(const char *text, enum word_use use)
{
	char *copy = xstrdup(text);
	for (char *p = copy; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	bool promo = false;
	for (size_t i = 0; !promo && i < digest_word_count; i++) {
		const struct word *w = &digest_words[i];
		if (w->use != use)
			continue;
		const char *hit = strstr(copy, w->text);
		if (!hit)
			continue;
		/* ASCII words stand alone: "ad" is not in "made". */
		size_t wl = strlen(w->text);
		promo = (unsigned char)w->text[0] >= 0x80 ||
		        ((hit == copy || !isalpha((unsigned char)hit[-1])) && !isalpha((unsigned char)hit[wl]));
		while (!promo && (hit = strstr(hit + 1, w->text)))
			promo = (!isalpha((unsigned char)hit[-1])) && !isalpha((unsigned char)hit[wl]);
	}
	free(copy);
	return promo;
}

bool has_promo_words(const char *text)
{
	return has_words_of(text, WORD_PROMO);
}

/* Whether TITLE starts with a test word ("テスト記事", "@me: test tweet"); an
 * English one must be short ("Test post", not "Test-time scaling for LLMs"). */
static bool titled_test(const char *title)
{
	const char *t = title;
	if (*t == '@' && strchr(t, ':'))
		t = strchr(t, ':') + 1;
	while (*t == ' ')
		t++;
	for (size_t i = 0; i < digest_word_count; i++) {
		const struct word *w = &digest_words[i];
		size_t wl = strlen(w->text);
		if (w->use != WORD_TEST || strncasecmp(t, w->text, wl) != 0)
			continue;
		if ((unsigned char)w->text[0] >= 0x80)
			return true;
		if (isalpha((unsigned char)t[wl]))
			continue;
		int words = 1;
		for (const char *c = t; *c; c++)
			words += *c == ' ' && c[1] && c[1] != ' ';
		return words <= 3;
	}
	return false;
}

/* Whether an item is a template's or a test's leftover: its title says
 * "write the title here", or it calls itself a test ("テスト記事", "Test
 * post") with no summary or one that says it is a test. */
bool is_placeholder_item(const char *title, const char *summary)
{
	if (!title)
		return false;
	if (has_words_of(title, WORD_PLACEHOLDER))
		return true;
	return titled_test(title) && (!summary || has_words_of(summary, WORD_TEST_SUMMARY));
}

/* Whether TEXT opens with a cross-reference label ("See also:", "相关：",
 * "Related [x](…)"): what follows points elsewhere, it is not a name. */
bool is_see_also(const char *text)
{
	char *t = xstrdup(text);
	trim_decoration(t);
	for (char *p = t; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	bool see = false;
	for (size_t i = 0; !see && i < digest_word_count; i++) {
		const struct word *w = &digest_words[i];
		size_t wl = strlen(w->text);
		if (w->use != WORD_SEE_ALSO || strncmp(t, w->text, wl) != 0)
			continue;
		const char *rest = t + wl;
		while (*rest == '*' || *rest == '_')
			rest++;
		see = *rest == ':' || *rest == ' ' || *rest == '\0' || starts_with(rest, "：");
	}
	free(t);
	return see;
}
