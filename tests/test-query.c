/* The query language (query.c) and its SQL (store/query.c): every field,
 * negation, phrases, prefixes, CJK, full-width marks, bad queries, and
 * the highlight helpers.  The cache is built by hand, without the digest
 * engine. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "query.h"
#include "store.h"
#include "strbuf.h"
#include "tap.h"
#include "text.h"
#include "xalloc.h"

/* ------------------------------------------------------------------ fixture */

struct fixture_item {
	const char *key;
	enum item_kind kind;
	const char *title;
	const char *text;
	const char *date;
	const char *tags[3];
};

static const struct fixture_item alpha_items[] = {
	{ "arxiv:2603.00001", KIND_PAPER, "Agents that plan",
	  "Agents that plan with tools. Claude Code is used.", "2026-03-01", { "Agent" } },
	{ "github:x/y", KIND_PROJECT, "Tool repo",
	  "A code repo for Claude users; code written by Claude.", "2026-03-05", { "Agent", "Tools" } },
};
static const struct fixture_item beta_items[] = {
	{ "note:survey", KIND_ARTICLE, "大模型推理综述", "关于大模型推理的综述", "2026-03-10",
	  { "Claude Code" } },
	{ "x:4", KIND_TWEET, "Planning tweet", "agentic planning is hot", "2026-03-10", { NULL } },
};

static void import_digest(struct store *s, const char *source, const char *location,
                          const struct fixture_item *items, size_t n)
{
	struct digest d;
	memset(&d, 0, sizeof d);
	d.title = xstrdup(location);
	d.date = xstrdup(items[0].date);
	d.description = xstrdup("");
	d.items = xcalloc(n, sizeof *d.items);
	d.item_count = n;
	struct strbuf raw;
	strbuf_init(&raw);
	for (size_t i = 0; i < n; i++) {
		struct digest_item *it = &d.items[i];
		it->key = xstrdup(items[i].key);
		it->kind = items[i].kind;
		it->title = xstrdup(items[i].title);
		it->section = xstrdup("");
		it->date = xstrdup(items[i].date);
		it->markdown = xstrdup(items[i].text);
		strbuf_printf(&raw, "%s\n\n", items[i].text);
		for (size_t t = 0; t < 3 && items[i].tags[t]; t++) {
			it->tags = xrealloc(it->tags, (t + 1) * sizeof *it->tags);
			it->tags[t].name = xstrdup(items[i].tags[t]);
			it->tags[t].origin = xstrdup("field");
			it->tag_count = t + 1;
		}
	}
	char *error = NULL;
	int64_t source_id;
	struct store_import_result result;
	if (store_source_ensure(s, source, location, &source_id, &error) < 0
	    || store_import_digest(s, source_id, location, raw.data, raw.len, &d, &result, &error) < 0) {
		tap_diag("import: %s", error);
		free(error);
	}
	strbuf_clear(&raw);
	for (size_t i = 0; i < n; i++) {
		struct digest_item *it = &d.items[i];
		free(it->key);
		free(it->title);
		free(it->section);
		free(it->date);
		free(it->markdown);
		for (size_t t = 0; t < it->tag_count; t++) {
			free(it->tags[t].name);
			free(it->tags[t].origin);
		}
		free(it->tags);
	}
	free(d.items);
	free(d.title);
	free(d.date);
	free(d.description);
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The keys FILTER selects, sorted by key and comma-separated. */
static char *keys_of(struct store *s, const struct item_filter *filter)
{
	struct item_row *rows = NULL;
	size_t n = 0;
	char *error = NULL;
	if (store_list_items(s, filter, 0, 100, &rows, &n, &error) < 0) {
		char *out = xasprintf("error: %s", error);
		free(error);
		return out;
	}
	char **keys = xcalloc(n + 1, sizeof *keys);
	for (size_t i = 0; i < n; i++)
		keys[i] = rows[i].key;
	qsort(keys, n, sizeof *keys, compare_strings);
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; i < n; i++)
		strbuf_printf(&sb, "%s%s", i ? "," : "", keys[i]);
	free(keys);
	int64_t counted = -1;
	if (store_count_items(s, filter, &counted, &error) < 0 || counted != (int64_t)n) {
		strbuf_printf(&sb, " (count %lld)", (long long)counted);
		free(error);
	}
	item_rows_free(rows, n);
	return strbuf_detach(&sb);
}

static char *run(struct store *s, const char *text)
{
	struct query q;
	char *error = NULL;
	if (query_parse(text, &q, &error) < 0) {
		char *out = xasprintf("error: %s", error);
		free(error);
		return out;
	}
	struct item_filter filter;
	item_filter_init(&filter);
	filter.terms = q.terms;
	filter.term_count = q.count;
	char *out = keys_of(s, &filter);
	query_clear(&q);
	return out;
}

static void check(struct store *s, const char *text, const char *expected)
{
	char *got = run(s, text);
	is_str(got, expected, "%s", text);
	free(got);
}

/* The error for TEXT, or "" when it parses. */
static char *error_of(const char *text)
{
	struct query q;
	char *error = NULL;
	if (query_parse(text, &q, &error) == 0) {
		query_clear(&q);
		return xstrdup("");
	}
	ok(q.count == 0 && q.terms == NULL, "a failed parse leaves no terms: %s", text);
	return error;
}

static void check_error(const char *text, const char *expected_part)
{
	char *error = error_of(text);
	ok(*error && strstr(error, expected_part) != NULL, "%s: error names it (%s)", text, error);
	free(error);
}

/* ------------------------------------------------------------------ tests */

static void test_fields(struct store *s)
{
	check(s, "", "arxiv:2603.00001,github:x/y,note:survey,x:4");
	check(s, "kind:paper", "arxiv:2603.00001");
	check(s, "KIND\xef\xbc\x9apapers", "arxiv:2603.00001");
	check(s, "Kind:Paper", "arxiv:2603.00001");
	check(s, "-kind:paper", "github:x/y,note:survey,x:4");
	check(s, "kind:paper kind:tweet", "");
	check(s, "tag:Agent", "arxiv:2603.00001,github:x/y");
	check(s, "tag:Agent tag:Tools", "github:x/y");
	check(s, "tag:\"Claude Code\"", "note:survey");
	check(s, "tag:\xe2\x80\x9c" "Claude Code\xe2\x80\x9d", "note:survey");
	check(s, "-tag:Agent", "note:survey,x:4");
	check(s, "is:unread", "github:x/y,note:survey,x:4");
	check(s, "is:read", "arxiv:2603.00001");
	check(s, "-is:unread", "arxiv:2603.00001");
	check(s, "is:starred", "github:x/y");
	check(s, "-is:starred", "arxiv:2603.00001,note:survey,x:4");
	check(s, "source:alpha", "arxiv:2603.00001,github:x/y");
	check(s, "-source:alpha", "note:survey,x:4");
	check(s, "source:nobody", "");
	check(s, "since:2026-03-05", "github:x/y,note:survey,x:4");
	check(s, "since:2026/3/5", "github:x/y,note:survey,x:4");
	check(s, "before:2026-03-05", "arxiv:2603.00001");
	check(s, "-since:2026-03-05", "arxiv:2603.00001");
	check(s, "since:2026-03-02 before:2026-03-10", "github:x/y");
	check(s, "since:7d", "");
	check(s, "kind:project tag:Agent is:starred code", "github:x/y");
}

static void test_relative_dates(void)
{
	struct query q;
	char *error = NULL;
	ok(query_parse("since:7d before:2w since:today", &q, &error) == 0, "relative dates parse");
	time_t now = time(NULL);
	char week[16], two[16], today[16];
	time_t t = now - 7 * 86400;
	strftime(week, sizeof week, "%Y-%m-%d", localtime(&t));
	t = now - 14 * 86400;
	strftime(two, sizeof two, "%Y-%m-%d", localtime(&t));
	strftime(today, sizeof today, "%Y-%m-%d", localtime(&now));
	if (q.count == 3) {
		is_str(q.terms[0].text, week, "since:7d is seven days ago");
		ok(q.terms[0].field == FILTER_SINCE, "since: is FILTER_SINCE");
		is_str(q.terms[1].text, two, "before:2w is fourteen days ago");
		ok(q.terms[1].field == FILTER_BEFORE, "before: is FILTER_BEFORE");
		is_str(q.terms[2].text, today, "since:today");
	} else {
		ok(false, "three terms (%zu)", q.count);
	}
	query_clear(&q);
}

static void test_text(struct store *s)
{
	/* A word is a prefix: agent finds Agents and agentic. */
	check(s, "agent", "arxiv:2603.00001,github:x/y,x:4");     /* the tag Agent too */
	check(s, "agent*", "arxiv:2603.00001,github:x/y,x:4");
	check(s, "AGENT", "arxiv:2603.00001,github:x/y,x:4");
	check(s, "plan", "arxiv:2603.00001,x:4");
	/* A quoted word is exact. */
	check(s, "\"plan\"", "arxiv:2603.00001");
	check(s, "\"agents\"", "arxiv:2603.00001");
	check(s, "\"agentic\"", "x:4");
	/* A phrase is its words next to each other (the tag is indexed too). */
	check(s, "\"Claude Code\"", "arxiv:2603.00001,note:survey");
	check(s, "\xe2\x80\x9c" "Claude Code\xe2\x80\x9d", "arxiv:2603.00001,note:survey");
	check(s, "Claude Code", "arxiv:2603.00001,github:x/y,note:survey");
	check(s, "claude -repo", "arxiv:2603.00001,note:survey");
	check(s, "-\"Claude Code\"", "github:x/y,x:4");
	check(s, "-claude", "x:4");
	check(s, "planning -kind:tweet", "");
	check(s, "plan -kind:tweet", "arxiv:2603.00001");
	/* Chinese: 1-, 2- and 3-character words, the ideographic space. */
	check(s, "模型", "note:survey");
	check(s, "大模型", "note:survey");
	check(s, "综", "note:survey");
	check(s, "推理\xe3\x80\x80综述", "note:survey");
	check(s, "-模型", "arxiv:2603.00001,github:x/y,x:4");
	check(s, "\"大模型推理\"", "note:survey");
	check(s, "\"推理大模型\"", "");
	/* A URL is a word, not a field. */
	char *error = error_of("https://example.com/x");
	is_str(error, "", "https://… is a word");
	free(error);
}

static void test_bad(void)
{
	check_error("knd:paper", "unknown field 'knd:' in 'knd:paper'");
	check_error("knd:paper", "did you mean kind:?");
	check_error("agent TAGS:x", "did you mean tag:?");
	check_error("zzzzzz:abc", "unknown field 'zzzzzz:'");
	check_error("zzzzzz:abc", "fields: kind: tag:");
	check_error("since:soon", "since: wants 7d or YYYY-MM-DD");
	check_error("since:soon", "'soon'");
	check_error("before:7x", "before: wants 7d or YYYY-MM-DD");
	check_error("kind:papr", "did you mean kind:paper?");
	check_error("kind:zzzzzzz", "kinds: ");
	check_error("is:new", "is: wants unread, read or starred, not 'new'");
	check_error("tag:", "'tag:' needs a value");
	check_error("tag:\"\"", "needs a value");
	check_error("agent - x", "'-' needs a term");
	char *error = error_of("\"zzzzzz:abc\"");
	is_str(error, "", "a quoted field-like term is text");
	free(error);
}

static void test_combined(struct store *s)
{
	/* The old options and a query are one filter. */
	struct query q;
	char *error = NULL;
	ok(query_parse("agent", &q, &error) == 0, "parse agent");
	struct item_filter filter;
	item_filter_init(&filter);
	filter.kind = KIND_PAPER;
	filter.terms = q.terms;
	filter.term_count = q.count;
	char *got = keys_of(s, &filter);
	is_str(got, "arxiv:2603.00001", "--kind paper AND agent");
	free(got);
	filter.kind = -1;
	filter.search = "planning";
	got = keys_of(s, &filter);
	is_str(got, "x:4", "--search planning AND agent: one MATCH");
	free(got);

	/* An owned copy, with more terms added, selects the same as built. */
	struct item_filter copy;
	item_filter_copy(&copy, &filter);
	struct query more;
	ok(query_parse("-kind:paper", &more, &error) == 0, "parse -kind:paper");
	item_filter_add_terms(&copy, more.terms, more.count);
	query_clear(&more);
	query_clear(&q);    /* the copy owns its own */
	got = keys_of(s, &copy);
	is_str(got, "x:4", "an owned copy with a term added");
	free(got);
	is_int((int64_t)copy.term_count, 2, "the copy has both terms");
	item_filter_clear(&copy);
	is_int((int64_t)copy.term_count, 0, "cleared");

	/* Keyset paging with terms: one row at a time gives the whole list. */
	ok(query_parse("-tag:Tools", &q, &error) == 0, "parse -tag:Tools");
	item_filter_init(&filter);
	filter.terms = q.terms;
	filter.term_count = q.count;
	struct item_row *rows = NULL, *page = NULL;
	size_t n = 0, total = 0;
	if (store_list_items(s, &filter, 0, 1, &rows, &n, &error) == 0 && n == 1) {
		total = 1;
		while (store_list_items_from(s, &filter, &rows[0], true, 1, &page, &n, &error) == 0 && n) {
			item_rows_free(rows, 1);
			rows = page;
			total++;
		}
		item_rows_free(rows, 1);
	}
	is_int((int64_t)total, 3, "keyset paging with a query");
	query_clear(&q);
}

static void test_words(void)
{
	struct query q;
	char *error = NULL;
	ok(query_parse("agent* \"Claude Code\" -foo tag:x 模型 kind:paper", &q, &error) == 0, "parse");
	struct item_filter filter;
	item_filter_init(&filter);
	filter.terms = q.terms;
	filter.term_count = q.count;
	filter.search = "\"old phrase\" more*";
	size_t n;
	char **words = query_words(&filter, &n);
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; i < n; i++)
		strbuf_printf(&sb, "%s|", words[i]);
	is_str(sb.data, "agent|Claude Code|模型|old phrase|more|", "the words to highlight");
	strbuf_clear(&sb);

	size_t start = 0, end = 0;
	const char *text = "The Agents plan; reagent, claude code and 关于大模型";
	ok(query_find_match(text, strlen(text), 0, words, n, &start, &end), "a match");
	is_int((int64_t)start, 4, "Agents at 4");
	is_int((int64_t)end, 9, "agent is 5 bytes");
	ok(query_find_match(text, strlen(text), end, words, n, &start, &end), "the next match");
	is_int((int64_t)start, 26, "not inside reagent: claude code at 26");
	is_int((int64_t)end, 37, "the phrase whole");
	ok(query_find_match(text, strlen(text), end, words, n, &start, &end), "the CJK match");
	is_int((int64_t)start, (int64_t)(strstr(text, "模型") - text), "模型");
	ok(!query_find_match(text, strlen(text), end, words, n, &start, &end), "no more");
	query_words_free(words, n);
	query_clear(&q);
}

/* The highlight ranges of each line of LINES as "line:start-end ...". */
static char *line_ranges(const struct text_lines *lines, char *const *words, size_t count)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, "");
	for (size_t l = 0; l < lines->count; l++) {
		struct query_range *r;
		size_t n = query_line_matches(lines, l, words, count, &r);
		for (size_t i = 0; i < n; i++)
			strbuf_printf(&sb, "%zu:%zu-%zu ", l, r[i].start, r[i].end);
		free(r);
	}
	return strbuf_detach(&sb);
}

/* A phrase the wrap split is found on both lines: joined with the space
 * the wrap dropped, or directly where it broke between two characters;
 * not across a '\n'; a renderer's prefix (lead) is skipped and never
 * marked. */
static void test_line_matches(void)
{
	char *words[] = { "Claude Code", "大语言模型" };
	struct text_lines lines;
	text_lines_init(&lines);
	text_wrap("lets Claude Code call", 12, 0, &lines);    /* "lets Claude" | "Code call" */
	is_int((int64_t)lines.count, 2, "two lines");
	is_int(lines.lines[1].joint, TEXT_JOINT_SPACE, "the second continues after a dropped space");
	char *got = line_ranges(&lines, words, 2);
	is_str(got, "0:5-11 1:0-4 ", "Claude on the first line, Code on the second");
	free(got);
	text_lines_clear(&lines);

	text_wrap("让大语言模型调用", 6, 0, &lines);            /* 3 characters a line */
	is_int(lines.lines[1].joint, TEXT_JOINT_DIRECT, "CJK continues directly");
	got = line_ranges(&lines, words, 2);
	is_str(got, "0:3-9 1:0-9 ", "大语 | 言模型");
	free(got);
	text_lines_clear(&lines);

	text_wrap("lets Claude\nCode call", 40, 0, &lines);
	is_int(lines.lines[1].joint, TEXT_JOINT_NONE, "after a newline: a new paragraph");
	got = line_ranges(&lines, words, 2);
	is_str(got, "", "no phrase across a newline");
	free(got);
	text_lines_clear(&lines);

	/* A renderer's prefix ("> " of a quote) on both lines. */
	struct text_span first[] = { { "> ", 0 }, { "lets Claude", 0 } };
	struct text_span second[] = { { "> ", 0 }, { "Code call", 0 } };
	text_lines_add(&lines, first, 2);
	text_lines_add(&lines, second, 2);
	lines.lines[0].lead = lines.lines[1].lead = 2;
	lines.lines[1].joint = TEXT_JOINT_SPACE;
	got = line_ranges(&lines, words, 2);
	is_str(got, "0:7-13 1:2-6 ", "the prefix left out of the text and of the ranges");
	free(got);
	text_lines_clear(&lines);
}

/* tag: folds ASCII case over an item's own tags and its digests': the
 * front matter says Agent, the user typed agent and AGENT. */
static void test_tag_case(struct store *s)
{
	struct item_filter all;
	item_filter_init(&all);
	struct item_row *rows = NULL;
	size_t n = 0;
	char *error = NULL;
	bool changed;
	if (store_list_items(s, &all, 0, 10, &rows, &n, &error) == 0) {
		for (size_t i = 0; i < n; i++) {
			const char *tag = strcmp(rows[i].key, "x:4") == 0 ? "agent"
			                : strcmp(rows[i].key, "note:survey") == 0 ? "AGENT" : NULL;
			if (tag && (store_user_tag_many(s, &rows[i].id, 1, tag, true, &changed, &error) < 0
			            || store_user_tag_many(s, &rows[i].id, 1, "模型", true, &changed, &error) < 0))
				tap_diag("tag: %s", error);
		}
		item_rows_free(rows, n);
	}
	const char *everything = "arxiv:2603.00001,github:x/y,note:survey,x:4";
	check(s, "tag:Agent", everything);
	check(s, "tag:agent", everything);
	check(s, "tag:AGENT", everything);
	check(s, "tag:aGeNt kind:tweet", "x:4");
	check(s, "-tag:agent", "");
	check(s, "tag:tools", "github:x/y");
	check(s, "tag:\"claude code\"", "note:survey");
	check(s, "tag:模型", "note:survey,x:4");
	check(s, "tag:模", "");
	/* The tag pane's filter (filter.tag) is the same SQL. */
	struct item_filter pane;
	item_filter_init(&pane);
	pane.tag = "AGENT";
	char *got = keys_of(s, &pane);
	is_str(got, everything, "filter.tag AGENT");
	free(got);
}

int main(void)
{
	char dir[] = "/tmp/radar-test-query-XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	char *path = xasprintf("%s/radar.db", dir);
	struct store *s = NULL;
	char *error = NULL;
	if (store_open(path, STORE_READ_WRITE, &s, &error) < 0) {
		fprintf(stderr, "%s\n", error);
		return 1;
	}
	import_digest(s, "alpha", "alpha.md", alpha_items, 2);
	import_digest(s, "beta", "beta.md", beta_items, 2);
	struct item_filter all;
	item_filter_init(&all);
	struct item_row *rows = NULL;
	size_t n = 0;
	if (store_list_items(s, &all, 0, 10, &rows, &n, &error) == 0) {
		for (size_t i = 0; i < n; i++) {
			if (strcmp(rows[i].key, "arxiv:2603.00001") == 0)
				store_set_read(s, rows[i].id, true, &error);
			if (strcmp(rows[i].key, "github:x/y") == 0)
				store_set_starred(s, rows[i].id, true, &error);
		}
		item_rows_free(rows, n);
	}

	test_fields(s);
	test_relative_dates();
	test_text(s);
	test_bad();
	test_combined(s);
	test_words();
	test_line_matches();
	test_tag_case(s);

	store_close(s);
	char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path),
	     *lock = xasprintf("%s.lock", path);
	unlink(path);
	unlink(wal);
	unlink(shm);
	unlink(lock);
	rmdir(dir);
	free(wal);
	free(shm);
	free(lock);
	free(path);
	return tap_done();
}
