/* The engine's words: field labels (and the field each names), table of
 * contents titles, table column names and sentence stops, in one table.
 * A new word is a row; a new use is a value of enum word_use (internal.h)
 * and its rows.  Field labels and column names are matched after
 * normalisation (lowercase, no spaces or punctuation: "tableofcontents"),
 * sentence stops as written. */
#include <config.h>

#include <string.h>

#include "digest/internal.h"

/* X(use, field, text) */
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
	X(WORD_SENTENCE_STOP, FIELD_NONE, ": ") X(WORD_SENTENCE_STOP, FIELD_NONE, "; ")

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
