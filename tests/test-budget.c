/* Work budgets and cancellation: a Markdown parse is stopped past its
 * budget (the N×N GFM table, where cmark-gfm fills every missing cell) or
 * when the thread's cancel flag is set, frees what it had, and the next
 * parse is unaffected; the digest engine turns that into a "too complex"
 * or "cancelled" error; the renderer shows such text plain. */
#include <config.h>

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cancel.h"
#include "digest.h"
#include "links.h"
#include "markdown.h"
#include "render.h"
#include "store.h"
#include "strbuf.h"
#include "tap.h"

/* A table whose header declares N columns, over N one-cell rows. */
static char *square_table(int n)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, "# Table\n\n|");
	for (int i = 0; i < n; i++)
		strbuf_puts(&sb, "a|");
	strbuf_puts(&sb, "\n|");
	for (int i = 0; i < n; i++)
		strbuf_puts(&sb, "-|");
	strbuf_puts(&sb, "\n");
	for (int i = 0; i < n; i++)
		strbuf_puts(&sb, "|x\n");
	return strbuf_detach(&sb);
}

static void test_table_budget(void)
{
	char *table = square_table(400);    /* 160,000 cells */
	enum markdown_status status = MARKDOWN_OK;
	markdown_set_budget(4 * 1024 * 1024);
	cmark_node *doc = markdown_parse(table, strlen(table), &status);
	ok(doc == NULL && status == MARKDOWN_TOO_COMPLEX,
	   "a 400x400 table is stopped by a 4 MB budget (status %d)", (int)status);
	struct digest d;
	char *error = NULL;
	int rc = digest_parse(table, strlen(table), "t.md", &d, &error);
	ok(rc == -1 && error && strstr(error, "too complex"), "digest_parse: a clear 'too complex' error (%s)",
	   error ? error : "none");
	ok(d.item_count == 0 && d.title == NULL, "digest_parse: the digest is zeroed on that error");
	free(error);

	/* The budget is per parse: a small document still parses, and the
	 * same table under the default budget too. */
	doc = markdown_parse("# ok\n\ntext\n", 12, &status);
	ok(doc != NULL && status == MARKDOWN_OK, "after a stopped parse, the next one works");
	cmark_node_free(doc);
	markdown_set_budget(0);
	doc = markdown_parse(table, strlen(table), &status);
	ok(doc != NULL && status == MARKDOWN_OK, "the 400x400 table parses under the default budget");
	cmark_node_free(doc);
	free(table);

	/* What cannot be parsed is shown as text, not dropped. */
	markdown_set_budget(64 * 1024);
	table = square_table(200);
	struct render_output out;
	render_output_init(&out);
	render_markdown(table, strlen(table), 60, &out);
	char *plain = render_plain_text(&out);
	ok(out.lines.count > 0 && strstr(plain, "|a|a|"), "render: a too complex text is shown as plain text");
	free(plain);
	render_output_clear(&out);
	markdown_set_budget(0);
	free(table);
}

static void test_cancel(void)
{
	atomic_bool flag;
	atomic_init(&flag, true);
	cancel_watch(&flag);
	ok(cancel_requested(), "a watched flag that is set is a cancel request");
	struct strbuf sb;
	strbuf_init(&sb);
	for (int i = 0; i < 20000; i++)
		strbuf_printf(&sb, "- [item %d](https://example.com/%d) *some* **text**\n", i, i);
	enum markdown_status status = MARKDOWN_OK;
	cmark_node *doc = markdown_parse(sb.data, sb.len, &status);
	ok(doc == NULL && status == MARKDOWN_CANCELLED, "a parse stops when the thread's flag is set");
	struct digest d;
	char *error = NULL;
	int rc = digest_parse(sb.data, sb.len, "c.md", &d, &error);
	ok(rc == -1 && error && strcmp(error, "cancelled") == 0, "digest_parse reports 'cancelled' (%s)",
	   error ? error : "none");
	free(error);
	atomic_store(&flag, false);
	rc = digest_parse(sb.data, sb.len, "c.md", &d, &error);
	ok(rc == 0 && d.item_count == 20000, "with the flag clear the same digest parses (%zu items)",
	   d.item_count);
	digest_clear(&d);
	cancel_watch(NULL);
	atomic_store(&flag, true);
	ok(!cancel_requested(), "a thread that watches no flag is never cancelled");
	strbuf_clear(&sb);
}

/* The import itself is interrupted (SQLite's progress handler) and rolls
 * back: a refresh thread asked to stop does not finish a long import. */
static void test_cancel_import(void)
{
	char dir[] = "/tmp/radar-budget-XXXXXX";
	if (!mkdtemp(dir)) {
		tap_skip("no temporary directory", "import cancelled");
		return;
	}
	char path[256];
	snprintf(path, sizeof path, "%s/radar.db", dir);
	struct store *s = NULL;
	char *error = NULL;
	ok(store_open(path, STORE_READ_WRITE, &s, &error) == 0, "cache opens");
	int64_t source = 0;
	store_source_ensure(s, "local", NULL, &source, &error);
	struct strbuf sb;
	strbuf_init(&sb);
	for (int i = 0; i < 3000; i++)
		strbuf_printf(&sb, "- [Paper %d](https://arxiv.org/abs/2601.%05d) about things\n", i, i);
	struct digest d;
	ok(digest_parse(sb.data, sb.len, "d.md", &d, &error) == 0 && d.item_count == 3000, "3000 items parse");
	atomic_bool flag;
	atomic_init(&flag, true);
	cancel_watch(&flag);
	struct store_import_result result;
	int rc = store_import_digest(s, source, "/d.md", sb.data, sb.len, &d, &result, &error);
	ok(rc < 0, "an import on a thread asked to stop fails (%s)", error ? error : "no error");
	free(error);
	error = NULL;
	cancel_watch(NULL);
	int64_t count = -1;
	struct item_filter f;
	item_filter_init(&f);
	rc = store_count_items(s, &f, &count, &error);
	ok(rc == 0 && count == 0, "and leaves nothing behind (%lld items)", (long long)count);
	rc = store_import_digest(s, source, "/d.md", sb.data, sb.len, &d, &result, &error);
	ok(rc == 0 && result.items_new == 3000, "the same import completes when not cancelled");
	digest_clear(&d);
	strbuf_clear(&sb);
	store_close(s);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		tap_diag("could not remove %s", dir);
}

static void count_id(const char *id, void *data)
{
	(void)id;
	++*(size_t *)data;
}

/* De-duplication through the hash sets (hashset.h) gives what the linear
 * scans gave: each link, tag and id once, in first-seen order.  (That it is
 * fast is tools/bench-budget.sh's business, not a test's.) */
static void test_dedup(void)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, "# D\n\n- [first](https://example.com/p/0)");
	for (int i = 0; i < 3000; i++)
		strbuf_printf(&sb, " [l%d](https://example.com/p/%d)", i, i % 1000);
	strbuf_puts(&sb, "\n\n  **Tags**: ");
	for (int i = 0; i < 3000; i++)
		strbuf_printf(&sb, "%stag%d", i ? ", " : "", i % 700);
	strbuf_puts(&sb, "\n");
	struct digest d;
	char *error = NULL;
	int rc = digest_parse(sb.data, sb.len, "d.md", &d, &error);
	ok(rc == 0 && d.item_count == 1, "one bullet, one item");
	if (rc == 0 && d.item_count == 1) {
		const struct digest_item *item = &d.items[0];
		is_int((int64_t)item->link_count, 1000, "3000 links to 1000 pages: 1000 links");
		bool ordered = item->link_count == 1000;
		for (size_t i = 0; ordered && i < item->link_count; i++) {
			char want[64];
			snprintf(want, sizeof want, "https://example.com/p/%zu", i);
			ordered = strcmp(item->links[i].url, want) == 0;
		}
		ok(ordered, "links in first-seen order, the main one first");
		size_t hashtags = 0;
		for (size_t i = 0; i < item->tag_count; i++)
			hashtags += strncmp(item->tags[i].name, "tag", 3) == 0;
		is_int((int64_t)hashtags, 700, "3000 tags naming 700: 700 tags");
		/* Rendering numbers each distinct URL once. */
		struct render_output out;
		render_output_init(&out);
		render_markdown(item->markdown, strlen(item->markdown), 80, &out);
		is_int((int64_t)out.link_count, 1000, "render: one number per distinct URL");
		render_output_clear(&out);
		digest_clear(&d);
	}
	strbuf_reset(&sb);
	for (int i = 0; i < 5000; i++)
		strbuf_printf(&sb, "arXiv:2601.%05d ", i % 2500);
	size_t calls = 0;
	size_t found = link_find_arxiv_ids(sb.data, count_id, &calls);
	ok(found == 2500 && calls == 2500, "5000 arXiv ids naming 2500 papers: each reported once (%zu)", found);

	strbuf_reset(&sb);
	strbuf_puts(&sb, "---\ntags: [");
	for (int i = 0; i < 2000; i++)
		strbuf_printf(&sb, "%sT%d", i ? ", " : "", i % 400);
	strbuf_puts(&sb, ", t5]\ntitle: ");
	for (int i = 0; i < 2000; i++)
		strbuf_puts(&sb, "long title ");
	strbuf_puts(&sb, "\n---\n# D\n\n- [x](https://example.com/x)\n");
	rc = digest_parse(sb.data, sb.len, "d.md", &d, &error);
	ok(rc == 0 && d.tag_count == 400, "front matter: 2000 tags naming 400 (case aside) give 400 (%zu)",
	   rc == 0 ? d.tag_count : 0);
	ok(rc == 0 && d.title && strlen(d.title) <= 400, "front matter: a 22 KB title is cut to a line (%zu bytes)",
	   rc == 0 && d.title ? strlen(d.title) : 0);
	if (rc == 0)
		digest_clear(&d);
	strbuf_clear(&sb);
}

int main(void)
{
	test_dedup();
	test_table_budget();
	test_cancel();
	test_cancel_import();
	return tap_done();
}
