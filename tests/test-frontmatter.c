#include <config.h>

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "frontmatter.h"
#include "strbuf.h"
#include "tap.h"

/* ------------------------------------------------------------ locate */

/* "yaml|body" for a document, or "none". */
static char *locate(const char *doc, size_t len)
{
	size_t ys = 99, yl = 99, bs = 99;
	if (!frontmatter_locate(doc, len, &ys, &yl, &bs))
		return strdup("none");
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_append(&sb, doc + ys, yl);
	strbuf_putc(&sb, '|');
	strbuf_append(&sb, doc + bs, len - bs);
	return strbuf_detach(&sb);
}

static void is_located(const char *doc, const char *expected, const char *what)
{
	char *got = locate(doc, strlen(doc));
	is_str(got, expected, "locate: %s", what);
	free(got);
}

static void test_locate(void)
{
	is_located("---\ntitle: x\n---\nbody\n", "title: x\n|body\n", "plain");
	is_located("\xEF\xBB\xBF---\ntitle: x\n---\nbody", "title: x\n|body", "after a BOM");
	is_located("---\r\ntitle: x\r\n---\r\nbody\r\n", "title: x\r\n|body\r\n", "CRLF lines");
	is_located("---\ntitle: x\n...\nbody", "title: x\n|body", "closed by ...");
	is_located("---  \ntitle: x\n---\t\nbody", "title: x\n|body", "markers with trailing blanks");
	is_located("---\ntitle: x\n---", "title: x\n|", "closing line at the end without newline");
	is_located("---\n---\nbody", "|body", "empty front matter");
	is_located("---\ntitle: x\n----\nmore\n---\nbody", "title: x\n----\nmore\n|body", "---- is not a marker");
	is_located("---\ntitle: x\nno end here\n", "none", "unterminated: all body");
	is_located("# Heading\n---\na: b\n---\n", "none", "no front matter at the top");
	is_located("\n---\na: b\n---\n", "none", "blank line before the opening marker");
	is_located("----\na: b\n---\n", "none", "---- opening is a rule, not front matter");
	is_located("--- title\na: b\n---\n", "none", "text after the opening marker");
	is_located("---", "none", "only a marker");
	is_located("---\n", "none", "only a marker line");
	is_located("", "none", "empty document");
	size_t ys, yl, bs;
	ok(!frontmatter_locate(NULL, 0, &ys, &yl, &bs), "locate: NULL document");
	/* length is respected: the closing marker lies beyond LEN */
	const char *doc = "---\na: b\n---\n";
	ok(!frontmatter_locate(doc, 9, &ys, &yl, &bs), "locate: stops at LEN");
}

/* ------------------------------------------------------------ parse */

struct parsed {
	int rc;
	struct frontmatter fm;
	char *error;
	char *tags; /* "tag@origin tag@origin" */
};

static void parse(const char *yaml, size_t len, struct parsed *p)
{
	p->error = NULL;
	p->rc = frontmatter_parse(yaml, len, &p->fm, &p->error);
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; i < p->fm.tag_count; i++) {
		if (i)
			strbuf_putc(&sb, ' ');
		strbuf_printf(&sb, "%s@%s", p->fm.tags[i], p->fm.tag_origins[i]);
	}
	p->tags = strbuf_detach(&sb);
}

static void parsed_free(struct parsed *p)
{
	frontmatter_clear(&p->fm);
	free(p->error);
	free(p->tags);
}

static void parse_str(const char *yaml, struct parsed *p)
{
	parse(yaml, strlen(yaml), p);
}

static void test_hugo_shape(void)
{
	struct parsed p;
	parse_str("title: \"Model Notes - 2026-01-05\"\n"
	          "date: 2026-01-05T08:30:00+08:00\n"
	          "tags: [\"LLM\", \"Agents\", \"Inference\"]\n"
	          "categories: [\"扫描\"]\n"
	          "draft: false\n", &p);
	is_int(p.rc, 0, "hugo: parses");
	is_str(p.fm.title, "Model Notes - 2026-01-05", "hugo: double-quoted title");
	is_str(p.fm.date, "2026-01-05T08:30:00+08:00", "hugo: unquoted date as written");
	char iso[DATE_ISO_MAX];
	ok(date_parse(p.fm.date, iso) && strcmp(iso, "2026-01-05T08:30:00+08:00") == 0, "hugo: date normalises");
	is_str(p.tags, "LLM@tags Agents@tags Inference@tags 扫描@categories", "hugo: tags and origins");
	is_str(p.fm.json,
	       "{\"title\":\"Model Notes - 2026-01-05\",\"date\":\"2026-01-05T08:30:00+08:00\","
	       "\"tags\":[\"LLM\",\"Agents\",\"Inference\"],\"categories\":[\"扫描\"],\"draft\":\"false\"}",
	       "hugo: json");
	ok(p.fm.description == NULL, "hugo: no description");
	parsed_free(&p);
}

static void test_newsletter_shape(void)
{
	struct parsed p;
	parse_str("id: AbCd\n"
	          "title: >-\n"
	          "  A long headline that a pipeline\n"
	          "  folded over two lines\n"
	          "date: '2026-01-07T04:05:06.123456Z'\n"
	          "description: >-\n"
	          "  **Lab A** ships a model.\n"
	          "\n"
	          "  A second paragraph.\n"
	          "companies:\n"
	          "  - lab-a\n"
	          "  - lab-b\n"
	          "models:\n"
	          "- model-x-7b\n"
	          "- model-x-70b\n"
	          "topics:\n"
	          "  - long-context\n"
	          "people:\n"
	          "  - someone_1\n"
	          "  - Lab-A\n", &p);
	is_int(p.rc, 0, "newsletter: parses");
	is_str(p.fm.title, "A long headline that a pipeline folded over two lines", "newsletter: folded >- title");
	is_str(p.fm.date, "2026-01-07T04:05:06.123456Z", "newsletter: quoted date as written");
	char iso[DATE_ISO_MAX];
	ok(date_parse(p.fm.date, iso) && strcmp(iso, "2026-01-07T04:05:06+00:00") == 0, "newsletter: date normalises");
	is_str(p.fm.description, "**Lab A** ships a model.\nA second paragraph.", "newsletter: folded description keeps paragraph break");
	is_str(p.tags,
	       "lab-a@companies lab-b@companies model-x-7b@models model-x-70b@models "
	       "long-context@topics someone_1@people",
	       "newsletter: tags from every list, duplicates (Lab-A) removed");
	ok(p.fm.json && strstr(p.fm.json, "\"id\":\"AbCd\"") && strstr(p.fm.json, "\"people\":[\"someone_1\",\"Lab-A\"]"),
	   "newsletter: json keeps every key");
	parsed_free(&p);
}

static void test_scalars(void)
{
	struct parsed p;
	parse_str("title: |\n  line one\n  line two\ndescription: plain text here\n", &p);
	is_str(p.fm.title, "line one\nline two\n", "literal | keeps newlines");
	is_str(p.fm.description, "plain text here", "plain description");
	parsed_free(&p);

	parse_str("title: 'it''s \"quoted\"'\n", &p);
	is_str(p.fm.title, "it's \"quoted\"", "single-quoted with escapes");
	is_str(p.fm.json, "{\"title\":\"it's \\\"quoted\\\"\"}", "json escapes quotes");
	parsed_free(&p);

	parse_str("title: \"tab\\there\\nnew \\\\ slash \\u00e9\"\n", &p);
	is_str(p.fm.title, "tab\there\nnew \\ slash \xc3\xa9", "double-quoted escapes resolved");
	is_str(p.fm.json, "{\"title\":\"tab\\there\\nnew \\\\ slash \xc3\xa9\"}", "json of escaped text");
	parsed_free(&p);

	parse_str("date: 2026-03-16 00:00:00 +0800\n", &p);
	is_str(p.fm.date, "2026-03-16 00:00:00 +0800", "date with a space offset as written");
	parsed_free(&p);

	parse_str("date: \"2026-02-19\"\ntitle: ~\ndescription: null\nextra:\nquoted: 'null'\n", &p);
	is_str(p.fm.date, "2026-02-19", "quoted date");
	ok(p.fm.title == NULL && p.fm.description == NULL, "null title and description are absent");
	is_str(p.fm.json, "{\"date\":\"2026-02-19\",\"title\":null,\"description\":null,\"extra\":null,\"quoted\":\"null\"}",
	       "json nulls, quoted null stays text");
	parsed_free(&p);

	parse_str("summary: used when there is no description\npublished: 2026-01-01\n", &p);
	is_str(p.fm.description, "used when there is no description", "summary stands in for description");
	is_str(p.fm.date, "2026-01-01", "published stands in for date");
	parsed_free(&p);

	parse_str("title: [not, a, scalar]\n", &p);
	ok(p.rc == 0 && p.fm.title == NULL, "a list title is no title");
	parsed_free(&p);

	parse_str("count: 42\nratio: 0.5\nok: yes\n", &p);
	is_str(p.fm.json, "{\"count\":\"42\",\"ratio\":\"0.5\",\"ok\":\"yes\"}", "numbers and booleans as strings");
	parsed_free(&p);
}

static void test_tags(void)
{
	struct parsed p;
	parse_str("tags: ai, llm ,  agents,\nkeywords: 模型，推理、LLM\n", &p);
	is_str(p.tags, "ai@tags llm@tags agents@tags 模型@keywords 推理@keywords",
	       "comma-separated scalars, CJK commas, duplicates across keys removed");
	parsed_free(&p);

	parse_str("tags:\n  - \"#open-source\"\n  - '#llm'\n  - ''\n  - [nested, inner]\n  - {map: skipped}\n", &p);
	is_str(p.tags, "open-source@tags llm@tags nested@tags inner@tags", "hash stripped, empties and maps skipped, nested list flattened");
	parsed_free(&p);

	parse_str("Tags: [A]\nCATEGORIES: B\nother: [c]\n", &p);
	is_str(p.tags, "A@tags B@categories", "tag keys in any case; other keys are not tags");
	parsed_free(&p);

	parse_str("models: []\ntopics: ~\n", &p);
	is_int((long)p.fm.tag_count, 0, "empty tag lists");
	ok(p.fm.tags == NULL || p.fm.tag_count == 0, "no tag array needed");
	parsed_free(&p);
}

static void test_json_nesting(void)
{
	struct parsed p;
	parse_str("a:\n  b: [1, {c: d}]\n  e:\n    - f: g\n      h: [i]\n", &p);
	is_str(p.fm.json, "{\"a\":{\"b\":[\"1\",{\"c\":\"d\"}],\"e\":[{\"f\":\"g\",\"h\":[\"i\"]}]}}", "nested maps and lists");
	parsed_free(&p);

	parse_str("k: 1\nk: 2\n? [x, y]\n: complex\n", &p);
	is_str(p.fm.json, "{\"k\":\"1\"}", "repeated key keeps the first; complex keys skipped");
	parsed_free(&p);

	parse_str("", &p);
	ok(p.rc == 0 && strcmp(p.fm.json, "{}") == 0 && !p.fm.title && p.fm.tag_count == 0, "empty YAML is an empty mapping");
	parsed_free(&p);

	parse_str("# only a comment\n\n", &p);
	ok(p.rc == 0 && strcmp(p.fm.json, "{}") == 0, "comment-only YAML is an empty mapping");
	parsed_free(&p);

	parse_str("a: 1\n---\nb: 2\n", &p);
	ok(p.rc == 0 && strcmp(p.fm.json, "{\"a\":\"1\"}") == 0, "only the first document counts");
	parsed_free(&p);
}

static bool starts_with(const char *s, const char *prefix)
{
	return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

static void expect_error(const char *yaml, size_t len, const char *prefix, const char *what)
{
	struct parsed p;
	parse(yaml, len, &p);
	bool zeroed = !p.fm.title && !p.fm.date && !p.fm.description && !p.fm.tags &&
	              !p.fm.tag_origins && p.fm.tag_count == 0 && !p.fm.json;
	ok(p.rc == -1 && zeroed && starts_with(p.error, prefix) && !strchr(p.error, '\n'),
	   "error: %s (%s)", what, p.error ? p.error : "no message");
	parsed_free(&p);
}

static void test_errors(void)
{
	expect_error("title: a: b\n", 12, "front matter line 1: mapping values are not allowed", "mapping value in a plain scalar");
	expect_error("title: ok\ndate: \"unclosed\n", 26, "front matter line 2: found unexpected end of stream while scanning a quoted scalar", "unclosed quote");
	expect_error("title: ok\n\tdate: x\n", 19, "front matter line 2:", "tab indentation");
	expect_error("tags: [a, b\n", 12, "front matter line ", "unclosed flow list");
	expect_error("just a sentence\n", 16, "front matter line 1: not a mapping", "top-level scalar");
	expect_error("- a\n- b\n", 8, "front matter line 1: not a mapping", "top-level list");
	expect_error("title: \xff\xfe bad\n", 13, "front matter line ", "invalid UTF-8");
	expect_error("title: a\0b\n", 11, "front matter line ", "NUL byte");

	/* 10,000 levels of nesting: refused, not recursed into */
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, "a: ");
	for (int i = 0; i < 10000; i++)
		strbuf_putc(&sb, '[');
	for (int i = 0; i < 10000; i++)
		strbuf_putc(&sb, ']');
	strbuf_putc(&sb, '\n');
	expect_error(sb.data, sb.len, "front matter line 1: nested too deeply", "10,000-deep flow nesting");
	strbuf_reset(&sb);
	for (int i = 0; i < 200; i++) {
		for (int j = 0; j < i; j++)
			strbuf_putc(&sb, ' ');
		strbuf_puts(&sb, "k:\n");
	}
	expect_error(sb.data, sb.len, "front matter line ", "200-deep block nesting");

	/* too many values */
	strbuf_reset(&sb);
	strbuf_puts(&sb, "tags: [");
	for (int i = 0; i < 60000; i++)
		strbuf_puts(&sb, "x,");
	strbuf_puts(&sb, "x]\n");
	expect_error(sb.data, sb.len, "front matter line 1: too many values", "60,000 values");
	strbuf_clear(&sb);

	struct frontmatter fm;
	ok(frontmatter_parse("- a\n", 4, &fm, NULL) == -1, "error without an error pointer");
	frontmatter_clear(&fm);
	frontmatter_clear(NULL);
	ok(frontmatter_parse(NULL, 0, &fm, NULL) == 0 && strcmp(fm.json, "{}") == 0, "NULL YAML is empty");
	frontmatter_clear(&fm);
}

static void test_aliases(void)
{
	/* billion laughs: aliases are never expanded */
	const char *bomb =
		"a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
		"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
		"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
		"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
		"e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
		"f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
		"g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
		"h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
		"i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
		"tags: *i\n";
	struct parsed p;
	parse_str(bomb, &p);
	ok(p.rc == 0 && p.fm.json && strlen(p.fm.json) < 2000, "billion laughs stays small (%zu bytes of JSON)",
	   p.fm.json ? strlen(p.fm.json) : 0);
	is_int((long)p.fm.tag_count, 0, "an alias as tags gives no tags");
	parsed_free(&p);

	parse_str("a: *undefined\n", &p);
	ok(p.rc == 0 && strcmp(p.fm.json, "{\"a\":null}") == 0, "an alias to an undefined anchor is null too");
	parsed_free(&p);

	parse_str("base: &t Shared title\ntitle: *t\n", &p);
	ok(p.rc == 0 && p.fm.title == NULL && strstr(p.fm.json, "\"title\":null"), "an aliased value reads as null");
	parsed_free(&p);
}

/* Mutations of a valid front matter: every result is 0 or a clean error. */
static void test_garbage(void)
{
	const char *base =
		"title: >-\n  Folded title\ndate: '2026-01-01'\ntags: [a, \"b\", c]\n"
		"models:\n  - m1\n  - m2\nnested: {x: [1, 2, {y: z}]}\nlit: |\n  text\n";
	size_t len = strlen(base);
	static const char junk[] = { '\0', '\n', '\t', ' ', ':', '-', '[', ']', '{', '}', '&', '*',
	                             '!', '|', '>', '\'', '"', '#', '%', '@', '`', ',', '?', '\xff' };
	unsigned seed = 99;
	int clean = 0, rounds = 3000;
	char *buf = malloc(len + 1);
	for (int round = 0; round < rounds; round++) {
		memcpy(buf, base, len + 1);
		for (int k = 0; k < 4; k++) {
			seed = seed * 1103515245u + 12345u;
			size_t at = (seed >> 8) % len;
			buf[at] = junk[(seed >> 20) % sizeof junk];
		}
		struct parsed p;
		parse(buf, len, &p);
		if ((p.rc == 0 && p.fm.json && !p.error) ||
		    (p.rc == -1 && starts_with(p.error, "front matter line ") && !p.fm.json))
			clean++;
		parsed_free(&p);
	}
	free(buf);
	is_int(clean, rounds, "3000 mutated front matters parse or fail cleanly");
}

/* The real digests, when they are around: front matter parses, dates
 * normalise, tag lists are read. */
static void test_shared(void)
{
	const char *shared = getenv("SHARED_DIR");
	char path[4096];
	snprintf(path, sizeof path, "%s/digests", shared ? shared : "");
	DIR *dir = shared ? opendir(path) : NULL;
	if (!dir) {
		tap_skip("no $SHARED_DIR/digests", "real digests' front matter");
		return;
	}
	int files = 0, with_fm = 0, parsed_ok = 0, dated = 0, tagged = 0;
	struct dirent *entry;
	while ((entry = readdir(dir))) {
		size_t n = strlen(entry->d_name);
		if (n < 4 || strcmp(entry->d_name + n - 3, ".md") != 0)
			continue;
		char file[8192];
		snprintf(file, sizeof file, "%s/%s", path, entry->d_name);
		FILE *f = fopen(file, "rb");
		if (!f)
			continue;
		struct strbuf sb;
		strbuf_init(&sb);
		char chunk[8192];
		size_t got;
		while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
			strbuf_append(&sb, chunk, got);
		fclose(f);
		files++;
		size_t ys, yl, bs;
		if (frontmatter_locate(sb.data, sb.len, &ys, &yl, &bs)) {
			with_fm++;
			struct parsed p;
			parse(sb.data + ys, yl, &p);
			char iso[DATE_ISO_MAX];
			if (p.rc == 0)
				parsed_ok++;
			else
				tap_diag("%s: %s", entry->d_name, p.error);
			if (p.fm.date && date_parse(p.fm.date, iso))
				dated++;
			if (p.fm.tag_count > 0)
				tagged++;
			parsed_free(&p);
		}
		strbuf_clear(&sb);
	}
	closedir(dir);
	ok(files >= 11, "shared: read %d digests", files);
	ok(with_fm >= 5, "shared: %d have front matter", with_fm);
	is_int(parsed_ok, with_fm, "shared: every front matter parses");
	is_int(dated, with_fm, "shared: every front-matter date normalises");
	is_int(tagged, with_fm, "shared: every front matter has tags");
}

int main(void)
{
	test_locate();
	test_hugo_shape();
	test_newsletter_shape();
	test_scalars();
	test_tags();
	test_json_nesting();
	test_errors();
	test_aliases();
	test_garbage();
	test_shared();
	return tap_done();
}
