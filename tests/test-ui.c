/* The reader's parts that work without a terminal: the list pane's window
 * over a real cache (it must always show the row the cache has at the
 * cursor), the prompt's editing, and the tag pane's counts shown in two
 * steps. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "digest.h"
#include "keys.h"
#include "store.h"
#include "strbuf.h"
#include "tap.h"
#include "ui/list.h"
#include "ui/prompt.h"
#include "ui/tags.h"
#include "xalloc.h"

#define ITEMS 2000

static void feed(struct prompt *p, const int *keys, size_t n)
{
	for (size_t i = 0; i < n; i++)
		prompt_feed(p, keys[i]);
}

static void prompt_is(struct prompt *p, const char *expected, const char *what)
{
	char *text = prompt_text(p);
	is_str(text, expected, "%s", what);
	free(text);
}

static void test_prompt(void)
{
	struct prompt p;
	prompt_init(&p);
	prompt_start(&p, '/', NULL);
	feed(&p, (int[]){ 'a', 0x4E2D, 'b' }, 3);
	prompt_is(&p, "a中b", "typing ASCII and CJK");
	feed(&p, (int[]){ KEY_FUNCTION_BIT | 0404 /* KEY_LEFT */ }, 1);
	is_int((int64_t)p.cursor, 2, "Left moves one character");
	feed(&p, (int[]){ KEY_FUNCTION_BIT | 0407 /* KEY_BACKSPACE */ }, 1);
	prompt_is(&p, "ab", "Backspace deletes the whole wide character");
	feed(&p, (int[]){ 0x202E, 0x9B, 0x85, 0x200F, '\t' }, 5);
	prompt_is(&p, "ab", "bidi overrides and control characters are not inserted");
	feed(&p, (int[]){ 5 /* Ctrl-e */, ' ', 'c', 'd' }, 4);
	prompt_is(&p, "ab cd", "Ctrl-e then typing appends");
	feed(&p, (int[]){ 23 /* Ctrl-w */ }, 1);
	prompt_is(&p, "ab ", "Ctrl-w deletes the word before the cursor");
	feed(&p, (int[]){ 1 /* Ctrl-a */, 'x' }, 2);
	prompt_is(&p, "xab ", "Ctrl-a then typing inserts at the start");
	is_int(prompt_feed(&p, '\n'), PROMPT_DONE, "Enter finishes");
	ok(!p.active, "and closes the prompt");
	prompt_start(&p, ':', "tag 模型");
	prompt_is(&p, "tag 模型", "an initial text");
	feed(&p, (int[]){ 21 /* Ctrl-u */ }, 1);
	prompt_is(&p, "", "Ctrl-u deletes to the start");
	feed(&p, (int[]){ KEY_FUNCTION_BIT | 0403 /* KEY_UP */ }, 1);
	prompt_is(&p, "xab ", "Up recalls the last line");
	is_int(prompt_feed(&p, 27), PROMPT_CANCELLED, "Esc cancels");
	prompt_start(&p, '/', NULL);
	is_int(prompt_feed(&p, KEY_FUNCTION_BIT | 0407), PROMPT_CANCELLED, "Backspace on an empty line cancels");
	prompt_clear(&p);
}

/* A cache of ITEMS items, dated so that many share a date (the order then
 * depends on the tie-breakers, which the window must follow too). */
static struct store *make_cache(const char *path)
{
	struct store *store = NULL;
	char *error = NULL;
	if (store_open(path, STORE_READ_WRITE, &store, &error) != 0) {
		tap_diag("store_open: %s", error);
		exit(1);
	}
	struct strbuf md;
	strbuf_init(&md);
	strbuf_puts(&md, "# Window test 2026-01-31\n\n## Papers\n\n");
	for (int i = 1; i <= ITEMS; i++)
		strbuf_printf(&md, "- [Item %04d 窗口](https://arxiv.org/abs/2601.%05d): text %d, dated 2026-01-%02d.\n",
		              i, i, i, 1 + i % 28);
	struct digest digest;
	if (digest_parse(md.data, md.len, "window.md", &digest, &error) != 0) {
		tap_diag("digest_parse: %s", error);
		exit(1);
	}
	int64_t source = 0;
	struct store_import_result result;
	if (store_source_ensure(store, "test", NULL, &source, &error) != 0
	    || store_import_digest(store, source, "window.md", md.data, md.len, &digest, &result, &error) != 0) {
		tap_diag("import: %s", error);
		exit(1);
	}
	digest_clear(&digest);
	strbuf_clear(&md);
	return store;
}

/* Import COUNT items dated after every item of make_cache(). */
static void import_newer(struct store *store, int count)
{
	struct strbuf md;
	strbuf_init(&md);
	strbuf_puts(&md, "# Newer 2026-02-15\n\n## Papers\n\n");
	for (int i = 1; i <= count; i++)
		strbuf_printf(&md, "- [Newer %d](https://arxiv.org/abs/2602.%05d): dated 2026-02-%02d.\n", i, i,
		              10 + i);
	struct digest digest;
	char *error = NULL;
	int64_t source = 0;
	struct store_import_result result;
	if (digest_parse(md.data, md.len, "newer.md", &digest, &error) != 0
	    || store_source_ensure(store, "test", NULL, &source, &error) != 0
	    || store_import_digest(store, source, "newer.md", md.data, md.len, &digest, &result, &error) != 0) {
		tap_diag("import newer: %s", error);
		exit(1);
	}
	digest_clear(&digest);
	strbuf_clear(&md);
}

/* Whether the row at the cursor is the one the cache has at that offset. */
static bool cursor_matches(struct list_pane *list, struct store *store)
{
	struct item_row *rows = NULL;
	size_t n = 0;
	char *error = NULL;
	if (store_list_items(store, &list->filter, list->cursor, 1, &rows, &n, &error) != 0 || n != 1) {
		free(error);
		return false;
	}
	struct item_row *current = list_current(list);
	bool same = current && current->id == rows[0].id;
	/* every visible row is in the window */
	for (int64_t p = list->top; p < list->top + list->height && p < list->total; p++)
		same = same && list_row_at(list, p) != NULL;
	item_rows_free(rows, n);
	return same;
}

static void test_list_window(void)
{
	char dir[] = "/tmp/radar-test-ui-XXXXXX";
	if (!mkdtemp(dir)) {
		tap_skip("no temporary directory", "list window");
		return;
	}
	char *path = xasprintf("%s/cache.db", dir);
	struct store *store = make_cache(path);
	struct list_pane list;
	list_init(&list, store);
	char *error = NULL;
	is_int(list_reload(&list, &error), 0, "the list loads");
	ok(!list.total_known && list.total > 2 && list.total < ITEMS,
	   "a load counts only as far as the first screens (%lld of %d)", (long long)list.total, ITEMS);
	ok(!list_count_arrived(&list, list.generation - 1, 5) && !list.total_known,
	   "a count made for an earlier list is not taken");
	ok(list_count_arrived(&list, list.generation, ITEMS) && list.total_known && list.total == ITEMS,
	   "the counting thread's count is");
	is_int(list_reload(&list, &error), 0, "a reload");
	is_int(list_count_all(&list, &error), 0, "counting it all");
	ok(list.total_known && list.total == ITEMS, "counts every item (%lld)", (long long)list.total);
	is_int(list_reload(&list, &error), 0, "the list loads again, counted as far as it shows");
	is_int(list_set_height(&list, 20, &error), 0, "a height of 20 rows");
	ok(list.row_count < ITEMS, "only a window of rows is held (%zu)", list.row_count);
	ok(cursor_matches(&list, store), "the first row");

	srand(7);
	int mismatches = 0;
	size_t most = 0;
	for (int step = 0; step < 400; step++) {
		int kind = rand() % 6;
		int rc;
		if (kind == 0)
			rc = list_move_to(&list, list.cursor + 1, &error);
		else if (kind == 1)
			rc = list_move_to(&list, list.cursor - 1 - rand() % 3, &error);
		else if (kind == 2)
			rc = list_scroll(&list, (rand() % 2 ? 1 : -1) * 20, &error);
		else if (kind == 3)
			rc = list_move_to(&list, rand() % ITEMS, &error);
		else if (kind == 4)
			rc = list_move_to(&list, list.cursor + 30 + rand() % 600, &error);
		else
			rc = list_move_to(&list, list.cursor - 30 - rand() % 600, &error);
		if (rc != 0 || !cursor_matches(&list, store))
			mismatches++;
		if (list.row_count > most)
			most = list.row_count;
	}
	is_int(mismatches, 0, "400 random moves, scrolls and jumps: the cursor row is always the cache's");
	ok(most <= 512 + 2 * 20, "the window never holds more than its cap (at most %zu rows)", most);
	list_move_to(&list, ITEMS - 1, &error);
	ok(cursor_matches(&list, store) && list.top == ITEMS - 20, "the last row, with a full screen above");
	list_move_to(&list, ITEMS + 50, &error);
	is_int(list.cursor, ITEMS - 1, "moving past the end stops at the last row");
	list_move_to(&list, -5, &error);
	is_int(list.cursor, 0, "moving before the start stops at the first row");

	/* A reload keeps the cursor on its item even when it moved in the list. */
	list_move_to(&list, 777, &error);
	int64_t id = list_current(&list)->id;
	struct item_filter filter = list.filter;
	filter.sort = SORT_TITLE;
	list_set_filter(&list, &filter);
	is_int(list_reload(&list, &error), 0, "reload in another order");
	ok(cursor_matches(&list, store), "the window follows the new order");
	list_move_to(&list, 1234, &error);
	id = list_current(&list)->id;
	store_set_starred(store, id, true, &error);
	is_int(list_reload(&list, &error), 0, "reload after a change");
	ok(list_current(&list) && list_current(&list)->id == id && list_current(&list)->starred,
	   "the cursor stays on its item, which shows the new mark");

	/* New items land above the cursor's item (newer): the reload must follow
	 * the item down, not stay at its old position. */
	filter.sort = SORT_NEWEST;
	list_set_filter(&list, &filter);
	is_int(list_reload(&list, &error), 0, "reload newest first");
	list_move_to(&list, 1234, &error);
	id = list_current(&list)->id;
	import_newer(store, 5);
	is_int(list_reload(&list, &error), 0, "reload after five newer items landed");
	ok(list_current(&list) && list_current(&list)->id == id, "the cursor stays on its item");
	is_int(list.cursor, 1234 + 5, "... which moved down by the five new items");
	ok(cursor_matches(&list, store), "... and the window matches the cache");

	filter.search = "窗口";
	filter.sort = SORT_NEWEST;
	list_set_filter(&list, &filter);
	is_int(list_reload(&list, &error), 0, "a search view");
	ok(!list.total_known && list.total >= 2 * 20, "its first count covers two screens (%lld)",
	   (long long)list.total);
	is_int(list_count_all(&list, &error), 0, "counting it all");
	is_int(list.total, ITEMS, "a two-character Chinese search matches every item");
	list_move_to(&list, ITEMS / 2, &error);
	ok(cursor_matches(&list, store), "the search view pages too");

	list_clear(&list);
	store_close(store);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		tap_diag("could not remove %s", dir);
	free(cmd);
	free(path);
}

/* One letter per kind in the list, and none that reads as a row's mark. */
static void test_kind_letters(void)
{
	int doubled = 0;
	for (int a = 0; a < KIND_COUNT; a++) {
		char letter = list_kind_letter((enum item_kind)a);
		if (letter == LIST_UNREAD_MARK[0] || letter == LIST_STAR_MARK[0] || letter == ' ') {
			tap_diag("kind %s has the letter %c, a row mark", kind_name((enum item_kind)a), letter);
			doubled++;
		}
		for (int b = a + 1; b < KIND_COUNT; b++)
			if (letter == list_kind_letter((enum item_kind)b)) {
				tap_diag("kinds %s and %s share the letter %c", kind_name((enum item_kind)a),
				         kind_name((enum item_kind)b), letter);
				doubled++;
			}
	}
	is_int(doubled, 0, "no list letter means two things (kinds, unread, star)");
}

static int64_t entry_count(const struct tags_pane *tags, enum tag_entry_type type, const char *name)
{
	for (size_t i = 0; i < tags->count; i++)
		if (tags->entries[i].type == type && (!name || strcmp(tags->entries[i].name, name) == 0))
			return tags->entries[i].unread;
	return -100;
}

/* Counts as the tag thread makes them: UNREAD kept by the cache; NEW and
 * the one saved view's VIEW counted last (TAGS_COUNT_PENDING until then). */
static void counts_of(struct tags_counts *c, int64_t unread, int64_t new_unread, int64_t view)
{
	memset(c, 0, sizeof *c);
	c->unread = unread;
	c->new_unread = new_unread;
	c->view_count = 1;
	c->views = xcalloc(1, sizeof *c->views);
	c->views[0].name = xstrdup("papers");
	c->views[0].query = xstrdup("kind:paper");
	c->views[0].unread = view;
}

/* The pane shows the counts the cache keeps as soon as they come; New and
 * a saved view, counted from the items, show what they showed before until
 * theirs come (nothing, the first time), never a blank or a zero meanwhile. */
static void test_tags_in_two_steps(void)
{
	struct tags_pane tags;
	tags_init(&tags);
	struct tags_counts c;
	counts_of(&c, 40, TAGS_COUNT_PENDING, TAGS_COUNT_PENDING);
	tags_apply(&tags, &c);
	tags_counts_clear(&c);
	is_int(entry_count(&tags, TAG_ENTRY_UNREAD, NULL), 40, "the first quick counts show Unread");
	is_int(entry_count(&tags, TAG_ENTRY_NEW, NULL), -1, "... and New not yet (drawn without a number)");
	is_int(entry_count(&tags, TAG_ENTRY_VIEW, "papers"), -1, "... nor the saved view, listed already");

	counts_of(&c, 40, 5, 7);
	tags_apply(&tags, &c);
	tags_counts_clear(&c);
	is_int(entry_count(&tags, TAG_ENTRY_NEW, NULL), 5, "all counts: New");
	is_int(entry_count(&tags, TAG_ENTRY_VIEW, "papers"), 7, "all counts: the saved view");

	counts_of(&c, 38, TAGS_COUNT_PENDING, TAGS_COUNT_PENDING);
	tags_apply(&tags, &c);
	tags_counts_clear(&c);
	is_int(entry_count(&tags, TAG_ENTRY_UNREAD, NULL), 38, "a recount's quick counts replace Unread");
	is_int(entry_count(&tags, TAG_ENTRY_NEW, NULL), 5, "... and keep New as it was");
	is_int(entry_count(&tags, TAG_ENTRY_VIEW, "papers"), 7, "... and the saved view as it was");

	struct tags_rest rest = { .new_unread = 3, .view_count = 1 };
	rest.views = xcalloc(1, sizeof *rest.views);
	rest.views[0].unread = 1000;
	rest.views[0].unread_at_least = true;
	counts_of(&c, 38, TAGS_COUNT_PENDING, TAGS_COUNT_PENDING);
	tags_rest_merge(&c, &rest);
	tags_apply(&tags, &c);
	tags_counts_clear(&c);
	tags_rest_clear(&rest);
	is_int(entry_count(&tags, TAG_ENTRY_NEW, NULL), 3, "the rest merged in: New");
	is_int(entry_count(&tags, TAG_ENTRY_VIEW, "papers"), 1000, "the rest merged in: the view's count");
	bool at_least = false;
	for (size_t i = 0; i < tags.count; i++)
		if (tags.entries[i].type == TAG_ENTRY_VIEW)
			at_least = tags.entries[i].unread_at_least;
	ok(at_least, "... drawn as a lower bound (1000+)");
	tags_clear(&tags);
}

int main(void)
{
	test_tags_in_two_steps();
	test_kind_letters();
	test_prompt();
	test_list_window();
	return tap_done();
}
