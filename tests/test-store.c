/* The SQLite cache: schema, import/merge semantics, marks, filters, paging,
 * search.  Digests are built by hand here so these tests do not depend on
 * the digest engine. */
#include <config.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store.h"
#include "store/internal.h"
#include "strbuf.h"
#include "tap.h"
#include "xalloc.h"

/* ------------------------------------------------------------------ builder */

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void new_digest(struct digest *d, const char *title, const char *date)
{
	memset(d, 0, sizeof *d);
	d->title = xstrdup(title);
	d->date = dup_or_null(date);
	d->description = xstrdup("");
}

static void add_tag(struct digest_tag **tags, size_t *count, const char *name, const char *origin)
{
	*tags = xrealloc(*tags, (*count + 1) * sizeof **tags);
	(*tags)[*count].name = xstrdup(name);
	(*tags)[*count].origin = xstrdup(origin);
	(*count)++;
}

/* Returns the item's index; the pointer moves as items are added. */
static size_t add_item(struct digest *d, const char *key, enum item_kind kind, const char *title,
                       const char *url, const char *markdown)
{
	/* Capacity doubles at each power of two: a 40,000-item digest grown one
	 * realloc at a time took minutes under ASan, whose realloc always copies. */
	size_t n = d->item_count;
	if ((n & (n - 1)) == 0)
		d->items = xrealloc(d->items, (n ? 2 * n : 1) * sizeof *d->items);
	struct digest_item *it = &d->items[d->item_count];
	memset(it, 0, sizeof *it);
	it->key = xstrdup(key);
	it->kind = kind;
	it->title = xstrdup(title);
	it->url = dup_or_null(url);
	it->section = xstrdup("");
	it->markdown = xstrdup(markdown ? markdown : title);
	if (url) {
		it->links = xcalloc(1, sizeof *it->links);
		it->links[0].url = xstrdup(url);
		it->links[0].text = xstrdup(title);
		it->links[0].kind = kind;
		it->links[0].key = xstrdup(key);
		it->link_count = 1;
	}
	return d->item_count++;
}

static void add_link(struct digest_item *it, const char *url, enum item_kind kind, const char *key)
{
	it->links = xrealloc(it->links, (it->link_count + 1) * sizeof *it->links);
	struct digest_link *l = &it->links[it->link_count++];
	l->url = xstrdup(url);
	l->text = xstrdup("");
	l->kind = kind;
	l->key = xstrdup(key);
}

static void set_field(char **field, const char *value)
{
	free(*field);
	*field = dup_or_null(value);
}

static void free_tags(struct digest_tag *tags, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		free(tags[i].name);
		free(tags[i].origin);
	}
	free(tags);
}

static void free_digest(struct digest *d)
{
	for (size_t i = 0; i < d->item_count; i++) {
		struct digest_item *it = &d->items[i];
		free(it->key);
		free(it->title);
		free(it->url);
		free(it->summary);
		free(it->section);
		free(it->date);
		free(it->authors);
		free(it->markdown);
		free_tags(it->tags, it->tag_count);
		for (size_t j = 0; j < it->link_count; j++) {
			free(it->links[j].url);
			free(it->links[j].text);
			free(it->links[j].key);
		}
		free(it->links);
	}
	free(d->items);
	free_tags(d->tags, d->tag_count);
	free(d->title);
	free(d->date);
	free(d->description);
	free(d->frontmatter_json);
	free(d->warning);
	memset(d, 0, sizeof *d);
}

/* ------------------------------------------------------------------ helpers */

static const char *msg(const char *error)
{
	return error ? error : "(no message)";
}

static char tmpdir[256];

static char *tmp_path(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

static int import(struct store *s, int64_t source, const char *location, const char *raw,
                  const struct digest *d, struct store_import_result *r)
{
	char *error = NULL;
	int rc = store_import_digest(s, source, location, raw, strlen(raw), d, r, &error);
	if (rc < 0) {
		tap_diag("import %s: %s", location, error);
		free(error);
	}
	return rc;
}

static int64_t id_of(struct store *s, const char *key)
{
	struct item_filter f;
	item_filter_init(&f);
	struct item_row *rows;
	size_t n;
	char *error = NULL;
	int64_t id = 0;
	if (store_list_items(s, &f, 0, 10000, &rows, &n, &error) < 0) {
		free(error);
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].key, key) == 0)
			id = rows[i].id;
	item_rows_free(rows, n);
	return id;
}

/* As id_of, boilerplate too. */
static int64_t id_of_all(struct store *s, const char *key)
{
	struct item_filter f;
	item_filter_init(&f);
	f.with_boilerplate = true;
	struct item_row *rows;
	size_t n;
	char *error = NULL;
	int64_t id = 0;
	if (store_list_items(s, &f, 0, 10000, &rows, &n, &error) < 0) {
		free(error);
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].key, key) == 0)
			id = rows[i].id;
	item_rows_free(rows, n);
	return id;
}

static int64_t count(struct store *s, const struct item_filter *f)
{
	int64_t n = -1;
	char *error = NULL;
	if (store_count_items(s, f, &n, &error) < 0) {
		tap_diag("count: %s", msg(error));
		free(error);
	}
	return n;
}

/* The keys of the filtered list, comma-separated, e.g. "a,b,c". */
static char *keys(struct store *s, const struct item_filter *f)
{
	struct item_row *rows;
	size_t n;
	char *error = NULL;
	if (store_list_items(s, f, 0, 1000, &rows, &n, &error) < 0) {
		char *out = xasprintf("error: %s", msg(error));
		free(error);
		return out;
	}
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; i < n; i++)
		strbuf_printf(&sb, "%s%s", i ? "," : "", rows[i].key);
	item_rows_free(rows, n);
	return strbuf_detach(&sb);
}

static void is_keys(struct store *s, const struct item_filter *f, const char *expected,
                    const char *what)
{
	char *got = keys(s, f);
	is_str(got, expected, "%s", what);
	free(got);
}

static char *search_keys(struct store *s, const char *query)
{
	struct item_filter f;
	item_filter_init(&f);
	f.search = query;
	f.sort = SORT_TITLE;
	return keys(s, &f);
}

static int64_t sql_int(const char *path, const char *sql)
{
	sqlite3 *db;
	int64_t value = -1;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
		sqlite3_stmt *stmt;
		if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK) {
			if (sqlite3_step(stmt) == SQLITE_ROW)
				value = sqlite3_column_int64(stmt, 0);
			sqlite3_finalize(stmt);
		}
	}
	sqlite3_close(db);
	return value;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static bool contains(const char *haystack, const char *needle)
{
	return haystack && strstr(haystack, needle);
}

/* ------------------------------------------------------------------ open */

static void test_open(void)
{
	char *path = tmp_path("nested/dir/radar.db");
	struct store *s = NULL;
	char *error = NULL;
	ok(store_open(path, STORE_READ_WRITE, &s, &error) == 0, "open creates the cache and its directories");
	free(error);
	error = NULL;
	store_close(s);
	struct stat st;
	ok(stat(path, &st) == 0, "the file exists");
	ok(sql_int(path, "PRAGMA user_version") >= 1, "user_version is set");
	is_int(sql_int(path, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), 1,
	       "journal mode is WAL");
	ok(store_open(path, STORE_READ_WRITE, &s, &error) == 0, "reopen works");
	store_close(s);
	ok(store_open(path, STORE_READ_ONLY, &s, &error) == 0, "read-only open of a cache works");
	store_close(s);

	/* A newer schema is refused, with both numbers in the message. */
	char *newer = tmp_path("newer.db");
	sqlite3 *db;
	sqlite3_open(newer, &db);
	sqlite3_exec(db, "CREATE TABLE x(y); PRAGMA user_version = 999;", NULL, NULL, NULL);
	sqlite3_close(db);
	s = NULL;
	ok(store_open(newer, STORE_READ_WRITE, &s, &error) < 0 && !s, "a newer schema is refused");
	ok(contains(error, "newer radar") && contains(error, "999"), "with a clear message: %s", msg(error));
	free(error);
	error = NULL;
	is_int(sql_int(newer, "PRAGMA user_version"), 999, "and the file is left alone");

	/* A negative schema version (no radar writes one) is refused, not used
	 * as an index into the migrations. */
	char *negative = tmp_path("negative.db");
	sqlite3_open(negative, &db);
	sqlite3_exec(db, "CREATE TABLE x(y); PRAGMA user_version = -1;", NULL, NULL, NULL);
	sqlite3_close(db);
	s = NULL;
	ok(store_open(negative, STORE_READ_WRITE, &s, &error) < 0 && !s, "a negative schema version is refused");
	ok(contains(error, "impossible schema version -1"), "with a clear message: %s", msg(error));
	free(error);
	error = NULL;
	is_int(sql_int(negative, "PRAGMA user_version"), -1, "and the file is left alone");
	free(negative);

	/* Not SQLite at all. */
	char *garbage = tmp_path("garbage.db");
	FILE *fp = fopen(garbage, "w");
	for (int i = 0; i < 300; i++)
		fputs("this is not a database, just some text\n", fp);
	fclose(fp);
	ok(store_open(garbage, STORE_READ_WRITE, &s, &error) < 0, "a file that is not SQLite is refused");
	ok(contains(error, "is damaged") && contains(error, garbage) && contains(error, "radar marks import") &&
	   !strchr(error, '\n'),
	   "one line naming the file and what to do: %s", msg(error));
	free(error);
	error = NULL;

	/* Somebody else's database. */
	char *other = tmp_path("other.db");
	sqlite3_open(other, &db);
	sqlite3_exec(db, "CREATE TABLE sources(a, b);", NULL, NULL, NULL);
	sqlite3_close(db);
	ok(store_open(other, STORE_READ_WRITE, &s, &error) < 0 && contains(error, "not a radar cache"),
	   "an unrelated SQLite database is refused: %s", msg(error));
	free(error);
	error = NULL;

	char *missing = tmp_path("missing.db");
	ok(store_open(missing, STORE_READ_ONLY, &s, &error) < 0 && contains(error, "cannot open cache"),
	   "read-only open of a missing file fails: %s", msg(error));
	free(error);
	error = NULL;
	ok(stat(missing, &st) != 0, "and does not create it");

	char *blocked = tmp_path("garbage.db/radar.db");
	ok(store_open(blocked, STORE_READ_WRITE, &s, &error) < 0 && contains(error, "cannot open cache"),
	   "a parent that is a file is a clear error: %s", msg(error));
	free(error);
	free(blocked);
	free(missing);
	free(other);
	free(garbage);
	free(newer);
	free(path);
}

/* ------------------------------------------------------------------ import */

static void build_daily_v1(struct digest *d)
{
	new_digest(d, "Daily A", "2026-02-10");
	add_tag(&d->tags, &d->tag_count, "daily", "frontmatter:tags");
	size_t i = add_item(d, "arxiv:2602.00001", KIND_PAPER, "Scaling trigram search",
	                    "https://arxiv.org/abs/2602.00001", "Paper excerpt v1 about 大模型推理");
	set_field(&d->items[i].summary, "A paper on search.");
	set_field(&d->items[i].authors, "Ada Lovelace, Alan Turing");
	set_field(&d->items[i].date, "2026-02-09");
	add_tag(&d->items[i].tags, &d->items[i].tag_count, "search", "field");
	add_tag(&d->items[i].tags, &d->items[i].tag_count, "search", "keyword");
	add_link(&d->items[i], "https://github.com/ada/trigram", KIND_PROJECT, "github:ada/trigram");
	i = add_item(d, "github:ada/engine", KIND_PROJECT, "engine: a fast engine",
	             "https://github.com/ada/engine", "Project excerpt");
	add_tag(&d->items[i].tags, &d->items[i].tag_count, "开源", "category");
	i = add_item(d, "url:https://blog.example/post", KIND_ARTICLE, "Why caches matter",
	             "https://blog.example/post", "Article excerpt mentioning 模型");
	add_link(&d->items[i], "https://arxiv.org/abs/2602.00002", KIND_PAPER, "arxiv:2602.00002");
}

static void test_import(void)
{
	char *path = tmp_path("import.db");
	struct store *s;
	char *error = NULL;
	if (store_open(path, STORE_READ_WRITE, &s, &error) < 0) {
		tap_diag("%s", error);
		exit(1);
	}
	int64_t src_a, src_b, again;
	ok(store_source_ensure(s, "alpha", "https://a.example/daily.md", &src_a, &error) == 0, "source created");
	ok(store_source_ensure(s, "beta", "/srv/beta", &src_b, &error) == 0 && src_b != src_a, "second source");
	ok(store_source_ensure(s, "alpha", "https://a.example/new.md", &again, &error) == 0 && again == src_a,
	   "same name, same source");
	is_int(sql_int(path, "SELECT count(*) FROM sources WHERE location = 'https://a.example/new.md'"), 1,
	       "its location was updated");

	struct digest d;
	struct store_import_result r;
	build_daily_v1(&d);
	ok(import(s, src_a, "a/2026-02-10.md", "raw v1", &d, &r) == 0, "import a digest");
	ok(!r.unchanged && r.items_new == 3 && r.items_updated == 0 && r.mentions == 3 && r.digest_id > 0,
	   "3 new items, 3 mentions (new %d updated %d mentions %d)", r.items_new, r.items_updated, r.mentions);
	struct item_filter all;
	item_filter_init(&all);
	is_int(count(s, &all), 3, "count is 3");

	/* Unchanged: nothing is written (the file's data_version would move). */
	sqlite3 *spy;
	sqlite3_open(path, &spy);
	sqlite3_stmt *dv;
	sqlite3_prepare_v2(spy, "PRAGMA data_version", -1, &dv, NULL);
	sqlite3_step(dv);
	int64_t version_before = sqlite3_column_int64(dv, 0);
	sqlite3_reset(dv);
	int64_t digest_id = r.digest_id;
	ok(import(s, src_a, "a/2026-02-10.md", "raw v1", &d, &r) == 0 && r.unchanged,
	   "re-import of the same content is unchanged");
	is_int(r.digest_id, digest_id, "and names the same digest");
	is_int(r.mentions, 3, "and reports its mentions");
	sqlite3_step(dv);
	is_int(sqlite3_column_int64(dv, 0), version_before, "nothing was written");
	sqlite3_reset(dv);
	free_digest(&d);

	/* Marks: star the paper, read the article and the project. */
	int64_t paper = id_of(s, "arxiv:2602.00001");
	int64_t article = id_of(s, "url:https://blog.example/post");
	int64_t project = id_of(s, "github:ada/engine");
	ok(paper && article && project, "items found by key");
	ok(store_set_starred(s, paper, true, &error) == 0, "star");
	ok(store_set_read(s, article, true, &error) == 0, "read");
	ok(store_set_read(s, project, true, &error) == 0, "read");
	is_int(sql_int(path, "SELECT count(*) FROM items WHERE starred_at IS NOT NULL AND read = 0"), 1,
	       "marks are written at once (seen from another connection)");

	/* Changed digest: the article is gone, a new note appears, the paper's
	 * excerpt changes. */
	new_digest(&d, "Daily A (fixed)", "2026-02-10");
	size_t i = add_item(&d, "arxiv:2602.00001", KIND_PAPER, "Scaling trigram search (v2 title)",
	                    "https://arxiv.org/abs/2602.00001", "Paper excerpt v2");
	set_field(&d.items[i].date, "2026-01-01");
	add_item(&d, "github:ada/engine", KIND_PROJECT, "", "https://github.com/ada/engine", "Project excerpt v2");
	add_item(&d, "note:a/2026-02-10#3", KIND_NOTE, "A short note", NULL, "Just a note");
	ok(import(s, src_a, "a/2026-02-10.md", "raw v2", &d, &r) == 0 && !r.unchanged, "import the changed digest");
	ok(r.items_new == 1 && r.items_updated == 2 && r.mentions == 3 && r.digest_id == digest_id,
	   "1 new, 2 updated, same digest row (new %d updated %d)", r.items_new, r.items_updated);
	sqlite3_step(dv);
	ok(sqlite3_column_int64(dv, 0) != version_before, "this time something was written");
	sqlite3_finalize(dv);
	sqlite3_close(spy);
	free_digest(&d);

	struct item_detail det;
	ok(store_get_item(s, paper, &det, &error) == 0, "get the paper");
	ok(det.row.starred && !det.row.read, "star kept across a change");
	is_str(det.row.title, "Scaling trigram search (v2 title)", "a changed digest re-imported renames its item");
	is_str(det.row.date, "2026-02-09", "the first date is kept");
	ok(det.mention_count == 1 && strcmp(det.mentions[0].markdown, "Paper excerpt v2") == 0,
	   "the mention was replaced");
	is_int((int64_t)det.tag_count, 0, "the old version's tags are gone");
	item_detail_clear(&det);
	/* schema 11: no links_digest index; the writer finds a digest's old
	 * links through its mentions (an article shows a URL once, so only
	 * the rows tell) */
	is_int(sql_int(path, "SELECT count(*) FROM links WHERE digest_id = (SELECT id FROM digests"
	                     " WHERE location = 'a/2026-02-10.md')"), 2,
	       "the old version's links are gone, the new ones there once");
	ok(store_get_item(s, project, &det, &error) == 0 && det.row.read, "read mark kept across a change");
	is_str(det.row.title, "engine: a fast engine", "an empty title does not replace one");
	item_detail_clear(&det);
	is_int(store_get_item(s, article, &det, &error), 1, "the orphaned article was removed");
	is_int(sql_int(path, "SELECT read FROM removed_marks WHERE key = 'url:https://blog.example/post'"), 1,
	       "its read mark is remembered");
	/* items_fts is contentless and needs radar's tokenizer; its docsize
	 * table has one row per index row (a mention) and needs nothing. */
	is_int(sql_int(path, "SELECT count(*) FROM items_fts_docsize WHERE id NOT IN (SELECT id FROM mentions)"), 0,
	       "its full-text rows went with its mentions");
	is_int(count(s, &all), 3, "3 items");

	/* The article comes back (the digest reverts): its read mark too. */
	build_daily_v1(&d);
	ok(import(s, src_a, "a/2026-02-10.md", "raw v1 again", &d, &r) == 0 && r.items_new == 1,
	   "the reverted digest brings back the article (new %d)", r.items_new);
	free_digest(&d);
	article = id_of(s, "url:https://blog.example/post");
	ok(store_get_item(s, article, &det, &error) == 0 && det.row.read, "returning item is still read");
	item_detail_clear(&det);
	is_int(sql_int(path, "SELECT count(*) FROM removed_marks"), 0, "the remembered mark was used up");
	is_int(id_of(s, "note:a/2026-02-10#3"), 0, "the note is gone (it was never read)");
	is_int(sql_int(path, "SELECT count(*) FROM removed_marks"), 0, "and an unread item leaves no mark");

	/* Another source mentions the same paper (twice: the excerpts merge)
	 * and the same project: one item each, two mentions. */
	new_digest(&d, "Weekly B", "2026-02-01");
	add_tag(&d.tags, &d.tag_count, "weekly", "frontmatter:tags");
	i = add_item(&d, "arxiv:2602.00001", KIND_PAPER, "Trigram search, scaled",
	             "https://arxiv.org/abs/2602.00001v2", "B says: first");
	set_field(&d.items[i].section, "Papers");
	add_tag(&d.items[i].tags, &d.items[i].tag_count, "检索", "field");
	add_tag(&d.items[i].tags, &d.items[i].tag_count, "检索", "field"); /* twice in one list */
	i = add_item(&d, "github:ada/engine", KIND_PROJECT, "engine", "https://github.com/ada/engine",
	             "B project");
	i = add_item(&d, "arxiv:2602.00001", KIND_PAPER, "Trigram search, scaled",
	             "https://arxiv.org/abs/2602.00001", "B says: second");
	set_field(&d.items[i].section, "Again");
	/* the same tag again, and one of its own */
	add_tag(&d.items[i].tags, &d.items[i].tag_count, "检索", "field");
	add_tag(&d.items[i].tags, &d.items[i].tag_count, "scaling", "field");
	i = add_item(&d, "x:123", KIND_TWEET, "A tweet about 模型 training", "https://x.com/u/status/123",
	             "tweet text");
	ok(import(s, src_b, "b/week-5.md", "weekly raw", &d, &r) == 0, "import a second source's digest");
	ok(r.items_new == 1 && r.items_updated == 2 && r.mentions == 3,
	   "a key twice in one digest is one mention (new %d updated %d mentions %d)",
	   r.items_new, r.items_updated, r.mentions);
	free_digest(&d);
	is_int(count(s, &all), 4, "4 items in all");
	/* tags has no unique index (schema 9): the writer keeps each row once */
	is_int(sql_int(path, "SELECT count(*) FROM tags t JOIN items i ON i.id = t.item_id"
	                     " WHERE i.key = 'arxiv:2602.00001' AND t.origin = 'field'"
	                     " AND t.digest_id = (SELECT id FROM digests WHERE location = 'b/week-5.md')"),
	       2, "a key twice in one digest: each of its tags once");

	ok(store_get_item(s, paper, &det, &error) == 0, "get the paper again");
	is_int(det.row.mentions, 2, "mentioned by 2 digests");
	is_int((int64_t)det.mention_count, 2, "2 mentions listed");
	if (det.mention_count == 2) {
		is_str(det.mentions[0].digest_title, "Weekly B", "oldest digest first");
		is_str(det.mentions[0].markdown, "B says: first\n\nB says: second", "both excerpts of the repeated key");
		is_str(det.mentions[0].section, "Papers", "the first position's section");
		is_str(det.mentions[0].source, "beta", "mention source");
		is_str(det.mentions[1].digest_location, "a/2026-02-10.md", "then the daily");
	}
	is_str(det.row.source, "alpha", "source is the one that first had it");
	is_str(det.row.url, "https://arxiv.org/abs/2602.00001", "main URL from the first digest");
	is_str(det.summary, "A paper on search.", "summary");
	is_str(det.authors, "Ada Lovelace, Alan Turing", "authors");
	{
		struct strbuf sb;
		strbuf_init(&sb);
		for (size_t t = 0; t < det.tag_count; t++)
			strbuf_printf(&sb, "%s%s", t ? "," : "", det.tags[t]);
		is_str(sb.data, "search,检索,scaling,daily,weekly", "tags, distinct, in the order first seen");
		strbuf_reset(&sb);
		for (size_t l = 0; l < det.link_count; l++)
			strbuf_printf(&sb, "%s%s", l ? " " : "", det.links[l].url);
		is_str(sb.data, "https://arxiv.org/abs/2602.00001 https://github.com/ada/trigram "
		       "https://arxiv.org/abs/2602.00001v2", "links: distinct URLs, main link first");
		strbuf_clear(&sb);
		ok(det.link_count >= 2 && det.links[1].kind == KIND_PROJECT &&
		   strcmp(det.links[1].key, "github:ada/trigram") == 0, "link kind and key");
	}
	item_detail_clear(&det);
	ok(store_get_item(s, project, &det, &error) == 0 && det.row.read && det.row.mentions == 2,
	   "the project: still read, 2 mentions");
	item_detail_clear(&det);
	is_int(store_get_item(s, 999999, &det, &error), 1, "no such item: 1");

	/* The starred paper and the read project lose the daily's mention:
	 * the star keeps the paper even with no mention left at all. */
	new_digest(&d, "Daily A", "2026-02-10");
	add_item(&d, "hn:1", KIND_DISCUSSION, "Ask HN: 检索", "https://news.ycombinator.com/item?id=1", "hn");
	ok(import(s, src_a, "a/2026-02-10.md", "raw v3", &d, &r) == 0, "daily drops its items");
	free_digest(&d);
	new_digest(&d, "Weekly B", "2026-02-01");
	add_item(&d, "x:123", KIND_TWEET, "A tweet about 模型 training", "https://x.com/u/status/123", "tweet text");
	ok(import(s, src_b, "b/week-5.md", "weekly raw v2", &d, &r) == 0, "weekly drops them too");
	free_digest(&d);
	ok(store_get_item(s, paper, &det, &error) == 0 && det.row.starred && det.row.mentions == 0,
	   "a starred item with no mentions stays");
	item_detail_clear(&det);
	is_int(store_get_item(s, project, &det, &error), 1, "the unstarred one went");
	is_int(sql_int(path, "SELECT read FROM removed_marks WHERE key = 'github:ada/engine'"), 1,
	       "remembering it was read");
	is_int(sql_int(path, "PRAGMA foreign_key_check"), -1, "no dangling references");
	is_int(sql_int(path, "SELECT count(*) FROM items_fts_docsize"), sql_int(path, "SELECT count(*) FROM mentions"),
	       "one full-text row per mention");

	/* Digests. */
	struct digest_row *drows;
	size_t dn;
	ok(store_list_digests(s, 0, 10, &drows, &dn, &error) == 0 && dn == 2, "two digests");
	if (dn == 2) {
		is_str(drows[0].title, "Daily A", "newest digest first");
		is_str(drows[0].source, "alpha", "with its source");
		is_int(drows[0].item_count, 1, "and its item count");
		is_str(drows[1].date, "2026-02-01", "date");
		char *md = NULL;
		size_t md_len = 0;
		ok(store_get_digest_markdown(s, drows[1].id, &md, &md_len, &error) == 0, "raw markdown");
		is_int((long)md_len, (long)strlen("weekly raw v2"), "with its length");
		is_str(md, "weekly raw v2", "is the last imported content");
		free(md);
	}
	digest_rows_free(drows, dn);
	ok(store_list_digests(s, 1, 10, &drows, &dn, &error) == 0 && dn == 1, "digests page with offset");
	digest_rows_free(drows, dn);
	char *md = NULL;
	size_t md_len = 0;
	is_int(store_get_digest_markdown(s, 424242, &md, &md_len, &error), 1, "no such digest: 1");

	store_close(s);

	/* Read-only: reading works, writing is refused with a message. */
	ok(store_open(path, STORE_READ_ONLY, &s, &error) == 0, "open read-only");
	is_int(count(s, &all), 3, "read-only can count");
	error = NULL;
	ok(store_set_starred(s, paper, false, &error) < 0 && contains(error, "read-only"),
	   "read-only refuses to star: %s", msg(error));
	free(error);
	error = NULL;
	new_digest(&d, "x", NULL);
	ok(store_import_digest(s, src_a, "z.md", "z", 1, &d, &r, &error) < 0 && contains(error, "read-only"),
	   "read-only refuses to import: %s", msg(error));
	free(error);
	error = NULL;
	ok(store_source_ensure(s, "gamma", NULL, &again, &error) < 0 && error, "read-only refuses a new source");
	free(error);
	free_digest(&d);
	store_close(s);
	ok(store_open(path, STORE_READ_WRITE, &s, &error) == 0, "reopen read-write");
	ok(store_get_item(s, paper, &det, &error) == 0 && det.row.starred, "the star survived it all");
	item_detail_clear(&det);
	store_close(s);
	free(path);
}

/* ------------------------------------------------------------------ filters */

static void test_filters(void)
{
	char *path = tmp_path("filters.db");
	struct store *s;
	char *error = NULL;
	if (store_open(path, STORE_READ_WRITE, &s, &error) < 0)
		exit(1);
	int64_t src_a, src_b;
	store_source_ensure(s, "alpha", NULL, &src_a, &error);
	store_source_ensure(s, "beta", NULL, &src_b, &error);
	struct digest d;
	struct store_import_result r;

	new_digest(&d, "A", "2020-03-01");
	add_tag(&d.tags, &d.tag_count, "ai", "frontmatter:tags");
	size_t i = add_item(&d, "p1", KIND_PAPER, "Beta paper", "https://arxiv.org/abs/1", "大模型推理加速 paper one");
	set_field(&d.items[i].date, "2020-03-01");
	add_tag(&d.items[i].tags, &d.items[i].tag_count, "LLM", "field");
	i = add_item(&d, "g1", KIND_PROJECT, "alpha project", "https://github.com/a/b", "A project: 50% faster_now");
	set_field(&d.items[i].date, "2020-02-20");
	i = add_item(&d, "a1", KIND_ARTICLE, "Gamma article", "https://blog.example/a", "(quoted) \"text\" AND more");
	set_field(&d.items[i].date, "2020-02-25");
	add_link(&d.items[i], "https://arxiv.org/abs/9", KIND_PAPER, "arxiv:9");
	import(s, src_a, "A.md", "A", &d, &r);
	free_digest(&d);
	int64_t after_a = -1;
	ok(store_max_item_id(s, &after_a, &error) == 0 && after_a > 0, "the largest item id after A");

	new_digest(&d, "B", "2020-03-02");
	i = add_item(&d, "p1", KIND_PAPER, "Beta paper", "https://arxiv.org/abs/1", "paper again");
	i = add_item(&d, "t1", KIND_TWEET, "delta tweet", "https://x.com/u/status/1", "关于模型的推文 OR NOT *star* -minus");
	set_field(&d.items[i].date, "2020-03-02");
	add_tag(&d.items[i].tags, &d.items[i].tag_count, "LLM", "keyword");
	i = add_item(&d, "n1", KIND_NOTE, "epsilon note", NULL, "nothing linked");
	import(s, src_b, "B.md", "B", &d, &r);
	free_digest(&d);
	/* n1 has no date: its sort date is when it was first seen (today),
	 * so it is the newest. */

	struct item_filter f;
	item_filter_init(&f);
	is_keys(s, &f, "n1,t1,p1,a1,g1", "newest first (undated sorts by first seen)");
	/* What B brought (the reader's notifications): not p1, which A had. */
	f.after_id = after_a;
	is_keys(s, &f, "n1,t1", "after_id: only the items B added");
	is_int(count(s, &f), 2, "... counted alike");
	int64_t after_b = -1;
	ok(store_max_item_id(s, &after_b, &error) == 0 && after_b == after_a + 2,
	   "the largest id grew by B's two new items");
	f.after_id = after_b;
	is_int(count(s, &f), 0, "after_id of the newest: none");
	item_filter_init(&f);
	f.sort = SORT_MENTIONS;
	is_keys(s, &f, "p1,n1,t1,a1,g1", "most mentioned first, then newest");
	f.sort = SORT_TITLE;
	is_keys(s, &f, "g1,p1,t1,n1,a1", "by title, case-insensitive");

	item_filter_init(&f);
	f.kind = KIND_PAPER;
	is_keys(s, &f, "p1,a1", "kind paper: the paper and the article linking a paper");
	is_int(count(s, &f), 2, "counted alike");
	f.kind = KIND_ARTICLE;
	is_keys(s, &f, "a1", "kind article");
	f.kind = KIND_PODCAST;
	is_keys(s, &f, "", "kind with no items");
	f.kind = 99;
	error = NULL;
	int64_t n;
	ok(store_count_items(s, &f, &n, &error) < 0 && error, "an unknown kind is an error");
	free(error);
	error = NULL;

	item_filter_init(&f);
	f.tag = "LLM";
	is_keys(s, &f, "t1,p1", "tag from item fields");
	f.tag = "ai";
	is_keys(s, &f, "p1,a1,g1", "tag from the digest's front matter");
	f.tag = "nope";
	is_keys(s, &f, "", "unknown tag");

	item_filter_init(&f);
	f.source = "beta";
	is_keys(s, &f, "n1,t1,p1", "source: everything its digests mention");
	f.source = "alpha";
	is_keys(s, &f, "p1,a1,g1", "other source");
	f.source = "nobody";
	is_keys(s, &f, "", "unknown source");

	item_filter_init(&f);
	f.since = "2020-02-25";
	is_keys(s, &f, "n1,t1,p1,a1", "since (inclusive)");

	int64_t p1 = id_of(s, "p1"), t1 = id_of(s, "t1"), g1 = id_of(s, "g1");
	store_set_read(s, p1, true, &error);
	store_set_read(s, g1, true, &error);
	store_set_starred(s, t1, true, &error);
	store_set_starred(s, g1, true, &error);
	item_filter_init(&f);
	f.unread_only = true;
	is_keys(s, &f, "n1,t1,a1", "unread");
	is_int(count(s, &f), 3, "unread count");
	f.unread_only = false;
	f.starred_only = true;
	is_keys(s, &f, "t1,g1", "starred");
	f.unread_only = true;
	is_keys(s, &f, "t1", "starred and unread");
	store_set_read(s, g1, false, &error);
	is_keys(s, &f, "t1,g1", "unread again");

	item_filter_init(&f);
	f.kind = KIND_PAPER;
	f.tag = "ai";
	f.source = "alpha";
	f.since = "2020-02-21";
	f.unread_only = true;
	f.sort = SORT_TITLE;
	is_keys(s, &f, "a1", "every filter combined");
	f.search = "gamma";
	is_keys(s, &f, "a1", "plus a search");
	f.search = "beta";
	is_keys(s, &f, "", "plus a search that excludes it");

	/* Search. */
	char *got;
	got = search_keys(s, "模型");
	is_str(got, "p1,t1", "2-character Chinese query");
	free(got);
	got = search_keys(s, "大模型");
	is_str(got, "p1", "3-character Chinese query");
	free(got);
	got = search_keys(s, "BETA");
	is_str(got, "p1", "case-insensitive, title");
	free(got);
	got = search_keys(s, "paper again");
	is_str(got, "p1", "words are all required, in any mention");
	free(got);
	got = search_keys(s, "paper delta");
	is_str(got, "", "all words required");
	free(got);
	got = search_keys(s, "   ");
	is_str(got, "g1,p1,t1,n1,a1", "a blank query filters nothing");
	free(got);
	got = search_keys(s, "LLM");
	is_str(got, "p1,t1", "tags are searched");
	free(got);
	static const char *const syntax[] = {
		"\"", "\"text\"", "(quoted)", "AND", "OR NOT", "*star*", "-minus", "a\"b\"c",
		"NEAR(a b)", "title:", "^x", "{a b}", ")", "'", "\\", "\"unbalanced",
	};
	for (size_t k = 0; k < sizeof syntax / sizeof syntax[0]; k++) {
		struct item_filter sf;
		item_filter_init(&sf);
		sf.search = syntax[k];
		int64_t c = 0;
		error = NULL;
		ok(store_count_items(s, &sf, &c, &error) == 0, "query %s is no syntax error%s%s",
		   syntax[k], error ? ": " : "", error ? error : "");
		free(error);
	}
	got = search_keys(s, "(quoted)");
	is_str(got, "a1", "parentheses are literal");
	free(got);
	got = search_keys(s, "\"text\" AND");
	is_str(got, "a1", "quotes and AND are literal");
	free(got);
	got = search_keys(s, "OR NOT *star* -minus");
	is_str(got, "t1", "OR, NOT, * and - are literal");
	free(got);
	/* The index holds words and CJK n-grams, not punctuation (tokenizer.c). */
	got = search_keys(s, "%");
	is_str(got, "", "a query of punctuation alone finds nothing, not everything");
	free(got);
	got = search_keys(s, "_now");
	is_str(got, "g1", "_ is no wildcard");
	free(got);
	got = search_keys(s, "50%");
	is_str(got, "g1", "3 characters with a LIKE wildcard");
	free(got);
	got = search_keys(s, "模型 paper");
	is_str(got, "p1", "short and long words together");
	free(got);
	got = search_keys(s, "关于\xe3\x80\x80推文");
	is_str(got, "t1", "ideographic space separates words");
	free(got);
	/* The tokenizer (src/store/tokenizer.c): CJK bigrams with run-end
	 * unigrams, case-folded words, word prefixes. */
	got = search_keys(s, "速");
	is_str(got, "p1", "1 Chinese character at the end of a run (推理加速)");
	free(got);
	got = search_keys(s, "推");
	is_str(got, "p1,t1", "1 Chinese character inside runs");
	free(got);
	got = search_keys(s, "理加");
	is_str(got, "p1", "2 characters inside a run are one bigram");
	free(got);
	got = search_keys(s, "推理加速");
	is_str(got, "p1", "4 characters: a phrase of bigrams");
	free(got);
	got = search_keys(s, "推加");
	is_str(got, "", "2 characters that are not adjacent do not match");
	free(got);
	got = search_keys(s, "模型推文");
	is_str(got, "", "a phrase across other characters does not match");
	free(got);
	got = search_keys(s, "ＰＡＰＥＲ");
	is_str(got, "p1", "fullwidth letters fold to ASCII");
	free(got);
	got = search_keys(s, "pap");
	is_str(got, "p1", "a word is a prefix");
	free(got);
	got = search_keys(s, "\"paper again\"");
	is_str(got, "p1", "a quoted phrase");
	free(got);
	got = search_keys(s, "\"again paper\"");
	is_str(got, "", "a quoted phrase keeps its order");
	free(got);

	/* What the panes show: kinds, tags and sources with unread counts. */
	int64_t kind_items[KIND_COUNT], kind_unread[KIND_COUNT];
	ok(store_count_kinds(s, true, kind_items, kind_unread, &error) == 0, "count kinds");
	ok(kind_items[KIND_PAPER] == 2 && kind_unread[KIND_PAPER] == 1, "papers: 2, 1 unread (%lld, %lld)",
	   (long long)kind_items[KIND_PAPER], (long long)kind_unread[KIND_PAPER]);
	ok(kind_items[KIND_PROJECT] == 1 && kind_unread[KIND_PROJECT] == 1 && kind_items[KIND_TWEET] == 1 &&
	   kind_items[KIND_ARTICLE] == 1 && kind_items[KIND_NOTE] == 1 && kind_items[KIND_DISCUSSION] == 0,
	   "the other kinds");
	struct tag_row *tags;
	size_t tn;
	ok(store_list_tags(s, 0, 10, &tags, &tn, &error) == 0 && tn == 2, "two tags");
	if (tn == 2) {
		ok(strcmp(tags[0].tag, "ai") == 0 && tags[0].items == 3 && tags[0].unread == 2,
		   "most used first, with unread count");
		ok(strcmp(tags[1].tag, "LLM") == 0 && tags[1].items == 2 && tags[1].unread == 1, "then LLM");
	}
	tag_rows_free(tags, tn);
	ok(store_list_tags(s, 1, 10, &tags, &tn, &error) == 0 && tn == 1, "tags page with offset");
	tag_rows_free(tags, tn);
	struct source_row *sources;
	size_t sn;
	ok(store_list_sources(s, true, &sources, &sn, &error) == 0 && sn == 2, "two sources");
	if (sn == 2) {
		ok(strcmp(sources[0].name, "alpha") == 0 && sources[0].digests == 1 && sources[0].items == 3 &&
		   sources[0].unread == 2 && !sources[0].last_ok && !sources[0].last_error,
		   "a source with its counts");
	}
	source_rows_free(sources, sn);
	ok(store_source_record_fetch(s, src_a, "HTTP 500", 1, 0, &error) == 0, "record a failed fetch");
	ok(store_list_sources(s, true, &sources, &sn, &error) == 0 && sn == 2 && sources[0].last_error &&
	   strcmp(sources[0].last_error, "HTTP 500") == 0 && !sources[0].last_ok, "its error is listed");
	source_rows_free(sources, sn);
	ok(store_source_record_fetch(s, src_a, NULL, 1, 0, &error) == 0, "record a good fetch");
	ok(store_list_sources(s, true, &sources, &sn, &error) == 0 && sn == 2 && !sources[0].last_error &&
	   sources[0].last_ok, "the error is cleared, last_ok set");
	source_rows_free(sources, sn);

	/* Conditional GET validators, by location. */
	char *etag, *modified;
	ok(store_get_validators(s, "A.md", &etag, &modified, NULL, &error) == 0 && !etag && !modified,
	   "no validators yet");
	ok(store_set_validators(s, "A.md", "\"abc\"", "Mon, 02 Mar 2026 10:00:00 GMT", &error) == 0,
	   "set validators");
	ok(store_get_validators(s, "A.md", &etag, &modified, NULL, &error) == 0 && etag && modified &&
	   strcmp(etag, "\"abc\"") == 0 && strcmp(modified, "Mon, 02 Mar 2026 10:00:00 GMT") == 0,
	   "read them back");
	free(etag);
	free(modified);
	is_int(store_set_validators(s, "nowhere.md", "x", NULL, &error), 1, "unknown location: 1");
	is_int(store_get_validators(s, "nowhere.md", &etag, &modified, NULL, &error), 1, "unknown location: 1");
	/* When a location last answered (schema 12): set, read back, cleared. */
	char *checked = NULL;
	ok(store_get_validators(s, "A.md", &etag, &modified, &checked, &error) == 0 && !checked,
	   "no check time before a refresh recorded one");
	free(etag);
	free(modified);
	struct store_check checks[] = { { "A.md", true }, { "nowhere.md", true } };
	is_int(store_record_checks(s, checks, 2, "2026-03-02T10:00:00Z", &error), 0,
	       "record check times (one location unknown: left alone)");
	ok(store_get_validators(s, "A.md", &etag, &modified, &checked, &error) == 0 && checked &&
	   strcmp(checked, "2026-03-02T10:00:00Z") == 0, "read it back with the validators");
	free(etag);
	free(modified);
	free(checked);
	checks[0].answered = false;
	is_int(store_record_checks(s, checks, 1, "2026-03-03T10:00:00Z", &error), 0,
	       "record a failure");
	ok(store_get_validators(s, "A.md", &etag, &modified, &checked, &error) == 0 && !checked,
	   "a failure clears the check time, so the location is tried again");
	free(etag);
	free(modified);
	ok(store_source_record_fetch(s, src_a, NULL, 2, 18, &error) == 0 &&
	   store_list_sources(s, true, &sources, &sn, &error) == 0 && sn == 2 &&
	   sources[0].last_checked == 2 && sources[0].last_fresh == 18 && sources[1].last_checked == -1,
	   "a source's checked and fresh counts, unknown before its first refresh");
	source_rows_free(sources, sn);
	bool same = false;
	ok(store_digest_unchanged(s, "A.md", "A", 1, &same, &error) == 0 && same, "same content is unchanged");
	ok(store_digest_unchanged(s, "A.md", "A!", 2, &same, &error) == 0 && !same, "other content is not");
	ok(store_digest_unchanged(s, "new.md", "A", 1, &same, &error) == 0 && !same, "a new location is not");

	/* Many read marks at once, and undone. */
	int64_t n1 = id_of(s, "n1"), a1 = id_of(s, "a1");
	int64_t view[] = { n1, t1, a1 };
	item_filter_init(&f);
	f.unread_only = true;
	ok(store_set_read_many(s, view, 3, true, NULL, &error) == 0, "mark a view read");
	is_keys(s, &f, "g1", "only g1 is unread");
	ok(store_set_read_many(s, view, 3, false, NULL, &error) == 0, "undo");
	is_keys(s, &f, "n1,t1,a1,g1", "unread again");

	/* Position. */
	item_filter_init(&f);
	int64_t pos = -2;
	ok(store_item_position(s, &f, t1, &pos, &error) == 0 && pos == 1, "position of t1 is 1 (%lld)", (long long)pos);
	f.kind = KIND_PAPER;
	ok(store_item_position(s, &f, t1, &pos, &error) == 0 && pos == -1, "not in the list: -1");
	f.kind = -1;
	f.sort = SORT_TITLE;
	ok(store_item_position(s, &f, g1, &pos, &error) == 0 && pos == 0, "first by title");
	store_close(s);
	free(path);
}

/* ------------------------------------------------------------------ paging */

static const char *const words[] = {
	"alpha", "Beta", "gamma", "Delta", "模型", "epsilon", "Zeta", "大模型", "eta", "theta",
};

/* N items over several digests: dates with many ties, some undated,
 * titles with ties, mention counts 1-3. */
static void fill(struct store *s, int64_t source, int items, int per_digest)
{
	char key[64], title[128], date[16], loc[64], raw[64], url[128];
	for (int base = 0; base < items; base += per_digest) {
		struct digest d;
		new_digest(&d, "bulk", "2026-01-01");
		for (int k = base; k < base + per_digest && k < items; k++) {
			snprintf(key, sizeof key, "url:https://example.com/%d", k);
			snprintf(title, sizeof title, "%s %d", words[k % 10], k % 37);
			snprintf(url, sizeof url, "https://example.com/%d", k);
			size_t i = add_item(&d, key, (enum item_kind)(k % KIND_COUNT), title, url,
			                    "An excerpt of moderate length, as digests have, about models and code.");
			if (k % 11) {
				snprintf(date, sizeof date, "2025-%02d-%02d", 1 + k % 12, 1 + k % 28);
				set_field(&d.items[i].date, date);
			}
			if (k % 5 == 0)
				add_tag(&d.items[i].tags, &d.items[i].tag_count, "five", "field");
		}
		/* Repeat some items of the previous batch: mention counts > 1. */
		for (int k = base - per_digest; k >= 0 && k < base; k += 7) {
			snprintf(key, sizeof key, "url:https://example.com/%d", k);
			add_item(&d, key, KIND_ARTICLE, "", NULL, "again");
		}
		snprintf(loc, sizeof loc, "bulk/%d.md", base);
		snprintf(raw, sizeof raw, "bulk %d", base);
		struct store_import_result r;
		import(s, source, loc, raw, &d, &r);
		free_digest(&d);
	}
}

static bool same_rows(const struct item_row *a, size_t an, const struct item_row *b, size_t bn)
{
	if (an != bn)
		return false;
	for (size_t i = 0; i < an; i++)
		if (a[i].id != b[i].id)
			return false;
	return true;
}

static void walk(struct store *s, const struct item_filter *f, const char *what)
{
	char *error = NULL;
	int64_t total = count(s, f);
	struct item_row *all;
	size_t n;
	if (store_list_items(s, f, 0, (int)total + 10, &all, &n, &error) < 0) {
		ok(false, "%s: list: %s", what, error);
		free(error);
		return;
	}
	is_int((int64_t)n, total, "%s: the whole list has count() rows", what);

	/* Offset pages agree with the whole list. */
	bool offset_ok = true;
	for (int64_t off = 0; off < total; off += 97) {
		struct item_row *page;
		size_t pn;
		store_list_items(s, f, off, 97, &page, &pn, &error);
		size_t want = (size_t)(total - off < 97 ? total - off : 97);
		if (!same_rows(page, pn, all + off, want))
			offset_ok = false;
		item_rows_free(page, pn);
	}
	ok(offset_ok, "%s: offset pages", what);

	/* Keyset forward from the start, then backward from the end. */
	bool forward_ok = true;
	size_t at = 0;
	struct item_row anchor = { 0 };
	bool have_anchor = false;
	for (;;) {
		struct item_row *page;
		size_t pn;
		if (store_list_items_from(s, f, have_anchor ? &anchor : NULL, true, 61, &page, &pn, &error) < 0) {
			tap_diag("%s", error);
			free(error);
			forward_ok = false;
			break;
		}
		if (pn == 0)
			break;
		if (at + pn > n || !same_rows(page, pn, all + at, pn))
			forward_ok = false;
		at += pn;
		anchor = all[at - 1];
		have_anchor = true;
		item_rows_free(page, pn);
		if (!forward_ok)
			break;
	}
	ok(forward_ok && at == n, "%s: keyset forward walk (%zu of %zu)", what, at, n);

	bool backward_ok = true;
	size_t left = n;
	have_anchor = false;
	for (;;) {
		struct item_row *page;
		size_t pn;
		if (store_list_items_from(s, f, have_anchor ? &anchor : NULL, false, 53, &page, &pn, &error) < 0) {
			free(error);
			backward_ok = false;
			break;
		}
		if (pn == 0)
			break;
		if (pn > left || !same_rows(page, pn, all + left - pn, pn))
			backward_ok = false;
		left -= pn;
		anchor = all[left];
		have_anchor = true;
		item_rows_free(page, pn);
		if (!backward_ok)
			break;
	}
	ok(backward_ok && left == 0, "%s: keyset backward walk", what);

	bool position_ok = true;
	for (size_t k = 0; k < n; k += n / 13 + 1) {
		int64_t pos;
		if (store_item_position(s, f, all[k].id, &pos, &error) < 0 || pos != (int64_t)k)
			position_ok = false;
	}
	ok(position_ok, "%s: item positions match the list", what);
	item_rows_free(all, n);
}

static void test_paging(void)
{
	char *path = tmp_path("paging.db");
	struct store *s;
	char *error = NULL;
	if (store_open(path, STORE_READ_WRITE, &s, &error) < 0)
		exit(1);
	int64_t src;
	store_source_ensure(s, "bulk", NULL, &src, &error);
	fill(s, src, 1000, 100);
	store_optimize(s);
	struct item_filter f;
	item_filter_init(&f);
	is_int(count(s, &f), 1000, "1000 items");

	walk(s, &f, "newest");
	f.sort = SORT_MENTIONS;
	walk(s, &f, "most mentioned");
	f.sort = SORT_TITLE;
	walk(s, &f, "title");
	item_filter_init(&f);
	f.kind = KIND_PAPER;
	f.sort = SORT_MENTIONS;
	walk(s, &f, "papers by mentions");
	item_filter_init(&f);
	f.search = "模型";
	f.sort = SORT_TITLE;
	walk(s, &f, "2-char search by title");

	/* The anchor may vanish between pages (removed as an orphan): paging
	 * continues from where it was. */
	item_filter_init(&f);
	struct item_row *page;
	size_t pn;
	store_list_items(s, &f, 10, 1, &page, &pn, &error);
	struct item_row *next_expected, *next;
	size_t en, nn;
	store_list_items(s, &f, 11, 5, &next_expected, &en, &error);
	sqlite3 *db;
	sqlite3_open(path, &db);
	char *sql = sqlite3_mprintf("DELETE FROM items WHERE id = %lld", (long long)page[0].id);
	sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_free(sql);
	sqlite3_close(db);
	ok(store_list_items_from(s, &f, &page[0], true, 5, &next, &nn, &error) == 0 &&
	   same_rows(next, nn, next_expected, en), "paging from a removed anchor");
	item_rows_free(page, pn);
	item_rows_free(next, nn);
	item_rows_free(next_expected, en);
	store_close(s);
	free(path);
}

/* ------------------------------------------------------------------ crash */

/* The tag pane's counts leave out boilerplate the user has not starred, as
 * its lists do, unless boilerplate is shown: kinds and sources alike. */
static void test_boilerplate_counts(void)
{
	char *path = tmp_path("boilerplate.db");
	struct store *s;
	char *error = NULL;
	if (store_open(path, STORE_READ_WRITE, &s, &error) < 0) {
		tap_diag("%s", error);
		exit(1);
	}
	int64_t src;
	ok(store_source_ensure(s, "heron", "/srv/heron", &src, &error) == 0, "a source");
	/* Three digests of one source on three days: one news item each, and
	 * one podcast plug pasted into all three. */
	static const char plug[] = "- [The Heron Hour podcast](https://pod.example.net/heron): "
	                           "forty minutes of shop talk every Friday.";
	for (int n = 1; n <= 3; n++) {
		struct digest d;
		char *date = xasprintf("2026-04-0%d", n);
		char *key = xasprintf("url:https://heron.example.com/news-%d", n);
		char *url = xasprintf("https://heron.example.com/news-%d", n);
		char *news = xasprintf("- [Heron tracer %d](%s): what changed in release %d of the tracer.",
		                       n, url, n);
		char *raw = xasprintf("%s\n%s\n", news, plug);
		char *location = xasprintf("heron/%s.md", date);
		new_digest(&d, "Heron daily", date);
		add_item(&d, key, KIND_ARTICLE, "Heron tracer", url, news);
		add_item(&d, "url:https://pod.example.net/heron", KIND_PODCAST, "The Heron Hour podcast",
		         "https://pod.example.net/heron", plug);
		struct store_import_result r;
		ok(import(s, src, location, raw, &d, &r) == 0, "digest %d imported", n);
		free_digest(&d);
		free(date);
		free(key);
		free(url);
		free(news);
		free(raw);
		free(location);
	}
	int64_t kind_items[KIND_COUNT], kind_unread[KIND_COUNT];
	struct source_row *sources = NULL;
	size_t sn = 0;
	ok(store_count_kinds(s, false, kind_items, kind_unread, &error) == 0 && kind_items[KIND_PODCAST] == 0 &&
	   kind_items[KIND_ARTICLE] == 3, "kinds without boilerplate: no podcast, 3 articles");
	/* Listed first: the counts in the message are read after the call. */
	int listed = store_list_sources(s, false, &sources, &sn, &error);
	ok(listed == 0 && sn == 1 && sources[0].items == 3 && sources[0].unread == 3,
	   "the source without boilerplate: 3 items, 3 unread (%lld, %lld)",
	   sn ? (long long)sources[0].items : -1LL, sn ? (long long)sources[0].unread : -1LL);
	source_rows_free(sources, sn);
	ok(store_count_kinds(s, true, kind_items, kind_unread, &error) == 0 && kind_items[KIND_PODCAST] == 1,
	   "kinds with boilerplate: the podcast plug");
	ok(store_list_sources(s, true, &sources, &sn, &error) == 0 && sn == 1 && sources[0].items == 4 &&
	   sources[0].unread == 4, "the source with boilerplate: 4 items, 4 unread");
	source_rows_free(sources, sn);
	/* A starred promo is the user's: counted, shown or not. */
	int64_t plug_id = id_of_all(s, "url:https://pod.example.net/heron");
	ok(plug_id > 0 && store_set_starred(s, plug_id, true, &error) == 0, "star the plug");
	ok(store_list_sources(s, false, &sources, &sn, &error) == 0 && sn == 1 && sources[0].items == 4,
	   "a starred plug is counted even hidden");
	source_rows_free(sources, sn);
	ok(store_set_read(s, plug_id, true, &error) == 0 && store_set_starred(s, plug_id, false, &error) == 0,
	   "read and unstar it");
	ok(store_list_sources(s, true, &sources, &sn, &error) == 0 && sn == 1 && sources[0].items == 4 &&
	   sources[0].unread == 3, "shown: 4 items, 3 unread");
	source_rows_free(sources, sn);
	free(error);
	store_close(s);
	free(path);
}

static void test_kill_mid_import(void)
{
	char *path = tmp_path("kill.db");
	struct store *s;
	char *error = NULL;
	if (store_open(path, STORE_READ_WRITE, &s, &error) < 0)
		exit(1);
	int64_t src;
	store_source_ensure(s, "src", NULL, &src, &error);
	fill(s, src, 200, 200);
	int64_t first = id_of(s, "url:https://example.com/3");
	store_set_starred(s, first, true, &error);
	store_close(s);

	/* The child says when it starts importing; the parent kills it a
	 * moment later, in the middle of the transaction. */
	int ready[2];
	if (pipe(ready) != 0)
		exit(1);
	fflush(stdout);
	pid_t child = fork();
	if (child == 0) {
		close(ready[0]);
		if (store_open(path, STORE_READ_WRITE, &s, &error) < 0)
			_exit(1);
		struct digest d;
		new_digest(&d, "huge", NULL);
		char key[64];
		for (int k = 0; k < 40000; k++) {
			snprintf(key, sizeof key, "url:https://big.example/%d", k);
			add_item(&d, key, KIND_ARTICLE, "big", key + 4, "excerpt excerpt excerpt");
		}
		/* Replaces the first digest: its items would become orphans. */
		struct store_import_result r;
		if (write(ready[1], "x", 1) != 1)
			_exit(1);
		store_import_digest(s, src, "bulk/0.md", "new", 3, &d, &r, &error);
		_exit(0);
	}
	close(ready[1]);
	char byte;
	bool started = read(ready[0], &byte, 1) == 1;
	close(ready[0]);
	usleep(250 * 1000);
	kill(child, SIGKILL);
	int status;
	waitpid(child, &status, 0);
	ok(started, "the child started importing");
	ok(WIFSIGNALED(status), "the importer was killed mid-way");

	ok(store_open(path, STORE_READ_WRITE, &s, &error) == 0, "the cache opens after SIGKILL");
	is_int(sql_int(path, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1,
	       "integrity_check is ok");
	struct item_filter f;
	item_filter_init(&f);
	int64_t n = count(s, &f);
	ok(n == 200, "all or nothing: still the previous 200 items (%lld)", (long long)n);
	struct item_detail det;
	ok(store_get_item(s, first, &det, &error) == 0 && det.row.starred, "the star is still there");
	item_detail_clear(&det);
	store_close(s);
	free(path);
}

/* ------------------------------------------------------------------ two processes */

static void test_second_writer_waits(void)
{
	char *path = tmp_path("busy.db");
	struct store *s;
	char *error = NULL;
	if (store_open(path, STORE_READ_WRITE, &s, &error) < 0)
		exit(1);
	int64_t src;
	store_source_ensure(s, "src", NULL, &src, &error);
	fill(s, src, 50, 50);

	/* Another process holds the write lock for a moment. */
	int ready[2];
	if (pipe(ready) != 0)
		exit(1);
	fflush(stdout);
	pid_t child = fork();
	if (child == 0) {
		close(ready[0]);
		sqlite3 *db;
		if (sqlite3_open(path, &db) != SQLITE_OK ||
		    sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
			_exit(1);
		if (write(ready[1], "x", 1) != 1)
			_exit(1);
		usleep(400 * 1000);
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
		sqlite3_close(db);
		_exit(0);
	}
	close(ready[1]);
	char byte;
	ok(read(ready[0], &byte, 1) == 1, "another process holds the write lock");
	close(ready[0]);

	struct store *reader;
	double t0 = now_ms();
	ok(store_open(path, STORE_READ_ONLY, &reader, &error) == 0, "a reader opens meanwhile");
	struct item_filter f;
	item_filter_init(&f);
	is_int(count(reader, &f), 50, "and reads");
	ok(now_ms() - t0 < 300, "without waiting for the writer");
	store_close(reader);

	struct digest d;
	new_digest(&d, "late", NULL);
	add_item(&d, "x:1", KIND_TWEET, "late tweet", "https://x.com/u/status/1", NULL);
	struct store_import_result r;
	double t1 = now_ms();
	ok(import(s, src, "late.md", "late", &d, &r) == 0, "a second writer waits for the lock, then imports");
	double waited = now_ms() - t1;
	ok(waited > 200, "it did wait (%.0f ms)", waited);
	free_digest(&d);
	int status;
	waitpid(child, &status, 0);
	is_int(count(s, &f), 51, "and its item is there");
	store_close(s);
	free(path);
}

/* A digest of many items in a batch (a 500-item feed) is imported in a
 * transaction of its own (writer.c: SOLO_ITEMS): the batch before it is
 * committed first, its index rows are written with it, and the batch goes
 * on after it. */
static size_t big_digest(struct digest *d, const char *word, int items)
{
	char key[64], title[64];
	new_digest(d, "big", "2026-01-02");
	for (int k = 0; k < items; k++) {
		snprintf(key, sizeof key, "url:https://example.com/big/%d", k);
		snprintf(title, sizeof title, "%s %d", word, k);
		add_item(d, key, KIND_ARTICLE, title, key + 4, "An excerpt of the big digest.");
	}
	return d->item_count;
}

static int64_t search_count(struct store *s, const char *query)
{
	struct item_filter f;
	item_filter_init(&f);
	f.search = query;
	return count(s, &f);
}

static void test_batch_big_digest(void)
{
	char *path = tmp_path("batch.db");
	struct store *s;
	char *error = NULL;
	if (store_open(path, STORE_READ_WRITE, &s, &error) < 0)
		exit(1);
	int64_t src;
	store_source_ensure(s, "src", NULL, &src, &error);
	ok(store_batch_begin(s, &error) == 0, "a batch begins");

	struct digest d;
	struct store_import_result r;
	new_digest(&d, "small", "2026-01-01");
	add_item(&d, "url:https://example.com/a", KIND_ARTICLE, "alphaword one", "https://example.com/a",
	         "A small digest's item.");
	ok(import(s, src, "small.md", "small", &d, &r) == 0, "a small digest joins the batch");
	free_digest(&d);

	big_digest(&d, "bigword", 150);
	ok(import(s, src, "big.md", "big v1", &d, &r) == 0, "a 150-item digest imports in the batch");
	free_digest(&d);
	is_int(sql_int(path, "SELECT count(*) FROM items"), 151,
	       "another connection sees it and the small digest before it: both are committed");

	big_digest(&d, "newword", 150);
	ok(import(s, src, "big.md", "big v2", &d, &r) == 0, "a changed version of it imports");
	free_digest(&d);
	new_digest(&d, "after", "2026-01-03");
	add_item(&d, "url:https://example.com/c", KIND_ARTICLE, "gammaword three", "https://example.com/c",
	         "After the big one.");
	ok(import(s, src, "after.md", "after", &d, &r) == 0, "a small digest after it joins a new batch");
	free_digest(&d);
	ok(store_batch_end(s, &error) == 0, "the batch ends: %s", msg(error));

	is_int(search_count(s, "newword"), 150, "the big digest's new items are indexed");
	is_int(search_count(s, "bigword"), 0, "its old index rows are gone");
	is_int(search_count(s, "alphaword"), 1, "the digest before it is indexed");
	is_int(search_count(s, "gammaword"), 1, "the digest after it is indexed");
	is_int(sql_int(path, "SELECT count(*) FROM items_fts_docsize"), 152,
	       "one index row per mention");
	store_close(s);
	free(path);
}

/* ------------------------------------------------------------- index tidy */

/* FTS5's varint (SQLite's: 7 bits a byte, high bit set on all but the last). */
static size_t fts_varint(const unsigned char *p, size_t len, size_t at, int64_t *value)
{
	*value = 0;
	while (at < len) {
		unsigned char b = p[at++];
		*value = (*value << 7) | (b & 0x7f);
		if (!(b & 0x80))
			break;
	}
	return at;
}

/* How many segments the index has: the structure record (items_fts_data
 * row 10) is a 4-byte cookie, an optional "structure v2" marker, then the
 * number of levels and of segments.  -1 when it cannot be read. */
static int64_t fts_segments(const char *path)
{
	sqlite3 *db;
	int64_t segments = -1;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
		sqlite3_stmt *stmt;
		if (sqlite3_prepare_v2(db, "SELECT block FROM items_fts_data WHERE id = 10", -1, &stmt,
		                       NULL) == SQLITE_OK) {
			if (sqlite3_step(stmt) == SQLITE_ROW) {
				const unsigned char *p = sqlite3_column_blob(stmt, 0);
				size_t len = (size_t)sqlite3_column_bytes(stmt, 0), at = 4;
				int64_t levels;
				if (len >= 8 && memcmp(p + 4, "\xff\x00\x00\x01", 4) == 0)
					at = 8;
				at = fts_varint(p, len, at, &levels);
				fts_varint(p, len, at, &segments);
			}
			sqlite3_finalize(stmt);
		}
	}
	sqlite3_close(db);
	return segments;
}

static void import_words(struct store *s, int64_t src, int n, const char *word)
{
	struct digest d;
	struct store_import_result r;
	char location[64], key[96], title[96];
	snprintf(location, sizeof location, "%s.md", word);
	new_digest(&d, word, "2026-01-01");
	for (int i = 0; i < n; i++) {
		snprintf(key, sizeof key, "url:https://example.com/%s/%d", word, i);
		snprintf(title, sizeof title, "%s item %d", word, i);
		add_item(&d, key, KIND_ARTICLE, title, key + 4, "Some text about it.");
	}
	import(s, src, location, word, &d, &r);
	free_digest(&d);
}

/* Bulk work writes the index with FTS5's lazy settings and merges it at
 * its end (batch.c): into one segment after a batch that wrote a large
 * share of it, only as FTS5 would after a small one; the defaults come
 * back either way. */
static void test_index_tidy(void)
{
	char *path = tmp_path("tidy.db");
	struct store *s;
	char *error = NULL;
	if (store_open(path, STORE_READ_WRITE, &s, &error) < 0)
		exit(1);
	int64_t src;
	store_source_ensure(s, "src", NULL, &src, &error);
	/* one digest a transaction: a segment each, FTS5 merging every 4 */
	static const char *animals[] = { "ant", "bee", "cat", "dog", "elk", "fox", "gnu", "hen",
	                               "ibis", "jay", "koi", "lark", "mole", "newt" };
	for (size_t i = 0; i < sizeof animals / sizeof *animals; i++)
		import_words(s, src, 2, animals[i]);
	int64_t before = fts_segments(path);
	ok(before > 1, "digests imported one by one leave several segments (%lld)", (long long)before);

	ok(store_batch_begin(s, &error) == 0, "a small batch begins");
	import_words(s, src, 1, "owl");
	ok(store_batch_end(s, &error) == 0, "it ends");
	is_int(sql_int(path, "SELECT v FROM items_fts_config WHERE k = 'automerge'"), 4,
	       "FTS5 merges every 4 segments again");
	is_int(sql_int(path, "SELECT v FROM items_fts_config WHERE k = 'hashsize'"), 1 << 20,
	       "and flushes every megabyte again");
	/* FTS5 merges automatically only after enough pages, so the 14 small
	 * segments were all still there; the tidy merges any level of 4 */
	int64_t after = fts_segments(path);
	ok(after >= 1 && after < 4, "after a small batch no level holds 4 segments (%lld)",
	   (long long)after);

	ok(store_batch_begin(s, &error) == 0, "a big batch begins");
	import_words(s, src, 10, "pig");
	import_words(s, src, 10, "ram");
	ok(store_batch_end(s, &error) == 0, "it ends");
	is_int(fts_segments(path), 1, "a batch of 20 rows in 49 merges the index into one segment");
	is_int(search_count(s, "ant"), 2, "the first digest is still found");
	is_int(search_count(s, "ram"), 10, "the last one is found");
	is_int(sql_int(path, "SELECT v FROM items_fts_config WHERE k = 'automerge'"), 4,
	       "the defaults are back");
	store_close(s);
	free(path);
}

/* ---------------------------------------------------------- writer plans */

struct traced {
	char **sql;
	size_t count, capacity;
};

static int trace_statement(unsigned type, void *data, void *stmt, void *x)
{
	(void)type;
	(void)x;
	struct traced *t = data;
	const char *sql = sqlite3_sql(stmt);
	if (!sql || strncmp(sql, "--", 2) == 0)
		return 0;       /* a trigger's body, reported as a comment */
	for (size_t i = 0; i < t->count; i++)
		if (strcmp(t->sql[i], sql) == 0)
			return 0;
	t->sql = xgrow(t->sql, &t->capacity, t->count + 1, sizeof *t->sql);
	t->sql[t->count++] = xstrdup(sql);
	return 0;
}

/* A digest of N items, the I-th keyed by SEED + I, with tags and a second
 * link, its text WORD. */
static void tagged_digest(struct digest *d, const char *title, int seed, int n, const char *word)
{
	char key[96], text[128];
	new_digest(d, title, "2026-02-01");
	add_tag(&d->tags, &d->tag_count, "frontword", "frontmatter");
	for (int i = 0; i < n; i++) {
		snprintf(key, sizeof key, "url:https://example.com/p/%d", seed + i);
		snprintf(text, sizeof text, "%s item %d, about %s.", word, seed + i, word);
		size_t k = add_item(d, key, KIND_ARTICLE, text, key + 4, text);
		struct digest_item *it = &d->items[k];
		add_tag(&it->tags, &it->tag_count, i % 2 ? "odd" : "even", "field");
		add_tag(&it->tags, &it->tag_count, word, "keyword");
		snprintf(key, sizeof key, "arxiv:2601.%05d", seed + i);
		add_link(it, "https://arxiv.org/abs/2601.00001", KIND_PAPER, key);
	}
}

/* On an analyzed cache (store_optimize after every refresh that brings
 * something), SQLite 3.40 may put a Bloom filter on a join's inner table,
 * built by reading all of it: a statement the writer runs per digest then
 * costs time in proportion to the cache, not to the digest (item_counts'
 * statements took 23 ms a digest at 10^5 items, 256 ms a feed).  Every
 * statement the writer runs while re-importing changed and new digests
 * into such a cache is planned here without one. */
static void test_writer_plans(void)
{
	char *path = tmp_path("plans.db");
	struct store *s;
	char *error = NULL;
	if (store_open(path, STORE_READ_WRITE, &s, &error) < 0)
		exit(1);
	int64_t src, other;
	store_source_ensure(s, "src", NULL, &src, &error);
	store_source_ensure(s, "other", NULL, &other, &error);
	struct digest d;
	struct store_import_result r;
	char location[64];
	store_batch_begin(s, &error);
	for (int i = 0; i < 40; i++) {
		snprintf(location, sizeof location, "d%d.md", i);
		tagged_digest(&d, location, i * 15, 20, "firstword");
		import(s, i % 3 ? src : other, location, location, &d, &r);
		free_digest(&d);
	}
	tagged_digest(&d, "feed", 500, 20, "feedword");
	store_import_digest_prepared(s, src, "feed.xml", "feed v1", 7, &d, NULL, STORE_IMPORT_WINDOW,
	                             &r, &error);
	free_digest(&d);
	ok(store_batch_end(s, &error) == 0, "a cache of 40 digests and a feed is imported: %s",
	   msg(error));
	store_optimize(s);
	ok(sql_int(path, "SELECT count(*) FROM sqlite_stat1") > 0, "and analyzed");

	struct traced traced = { 0 };
	sqlite3_trace_v2(s->db, SQLITE_TRACE_STMT, trace_statement, &traced);
	store_batch_begin(s, &error);
	for (int i = 0; i < 40; i += 4) {
		snprintf(location, sizeof location, "d%d.md", i);
		tagged_digest(&d, location, i * 15 + 3, 20, "secondword");
		import(s, i % 3 ? src : other, location, "changed", &d, &r);
		free_digest(&d);
	}
	tagged_digest(&d, "new", 100, 30, "thirdword");
	import(s, src, "new.md", "new", &d, &r);
	free_digest(&d);
	/* the feed a day later: its window moved by 5 entries */
	tagged_digest(&d, "feed", 505, 20, "feedword");
	store_import_digest_prepared(s, src, "feed.xml", "feed v2", 7, &d, NULL, STORE_IMPORT_WINDOW,
	                             &r, &error);
	free_digest(&d);
	ok(store_batch_end(s, &error) == 0, "changed and new digests and the moved feed are imported: %s",
	   msg(error));
	store_optimize(s);
	sqlite3_trace_v2(s->db, 0, NULL, NULL);
	ok(traced.count > 40, "the writer's statements are seen (%zu)", traced.count);

	size_t with_filter = 0, dates_read = 0, dates_from_row = 0;
	for (size_t i = 0; i < traced.count; i++) {
		char *explain = xasprintf("EXPLAIN QUERY PLAN %s", traced.sql[i]);
		/* a digest's sort_date lies past its text in the row */
		bool reads_dates = strstr(traced.sql[i], "digests d") && strstr(traced.sql[i], "d.sort_date");
		bool from_index = false;
		sqlite3_stmt *stmt;
		if (sqlite3_prepare_v2(s->db, explain, -1, &stmt, NULL) == SQLITE_OK) {
			while (sqlite3_step(stmt) == SQLITE_ROW) {
				const char *detail = (const char *)sqlite3_column_text(stmt, 3);
				if (detail && strstr(detail, "COVERING INDEX digests_dates"))
					from_index = true;
				if (detail && strstr(detail, "BLOOM FILTER") && !with_filter++)
					tap_diag("%s: %.300s", detail, traced.sql[i]);
			}
			sqlite3_finalize(stmt);
		}
		if (reads_dates) {
			dates_read++;
			if (!from_index && !dates_from_row++)
				tap_diag("reads the digest's row: %.300s", traced.sql[i]);
		}
		free(explain);
		free(traced.sql[i]);
	}
	free(traced.sql);
	is_int((int64_t)with_filter, 0, "no statement of the writer's reads a whole table into a Bloom filter");
	ok(dates_read >= 2, "the writer reads digests' dates (%zu statements)", dates_read);
	is_int((int64_t)dates_from_row, 0,
	       "each reads them from digests_dates, never from the row past the digest's text");
	store_close(s);
	free(path);
}

/* ------------------------------------------------------------------ scale */

/* 100k items: timings, not a test (tools/bench.sh runs `test-store --bench`). */

static void test_scale(void)
{
	char *path = tmp_path("scale.db");
	struct store *s;
	char *error = NULL;
	if (store_open(path, STORE_READ_WRITE, &s, &error) < 0)
		exit(1);
	int64_t src;
	store_source_ensure(s, "bulk", NULL, &src, &error);
	double t0 = now_ms();
	fill(s, src, 100000, 1000);
	double t1 = now_ms();
	store_optimize(s);
	double t2 = now_ms();
	store_close(s);
	tap_diag("import of 100000 items in 100 digests of 1000: %.0f ms (%.1f us/item); optimize %.0f ms",
	         t1 - t0, (t1 - t0) * 1000 / 100000, t2 - t1);

	double t3 = now_ms();
	ok(store_open(path, STORE_READ_ONLY, &s, &error) == 0, "open the 100k cache");
	struct item_filter f;
	item_filter_init(&f);
	struct item_row *rows;
	size_t n;
	store_list_items_from(s, &f, NULL, true, 60, &rows, &n, &error);
	double t4 = now_ms();
	int64_t total = count(s, &f);
	double t5 = now_ms();
	is_int(total, 100000, "100000 items");
	tap_diag("open + first page of 60: %.1f ms; count: %.1f ms", t4 - t3, t5 - t4);

	/* Holding j: page after page from an anchor. */
	double t6 = now_ms();
	for (int k = 0; k < 200 && n; k++) {
		struct item_row *more;
		size_t mn;
		store_list_items_from(s, &f, &rows[n - 1], true, 60, &more, &mn, &error);
		item_rows_free(rows, n);
		rows = more;
		n = mn;
	}
	double t7 = now_ms();
	item_rows_free(rows, n);
	tap_diag("200 keyset pages of 60: %.1f ms (%.2f ms/page)", t7 - t6, (t7 - t6) / 200);

	static const struct { const char *what; int kind; bool unread; enum item_sort sort; const char *search; } views[] = {
		{ "papers", KIND_PAPER, false, SORT_NEWEST, NULL },
		{ "unread", -1, true, SORT_NEWEST, NULL },
		{ "by mentions", -1, false, SORT_MENTIONS, NULL },
		{ "by title", -1, false, SORT_TITLE, NULL },
		{ "search 'models'", -1, false, SORT_NEWEST, "models" },
		{ "search '模型'", -1, false, SORT_NEWEST, "模型" },
	};
	for (size_t v = 0; v < sizeof views / sizeof views[0]; v++) {
		item_filter_init(&f);
		f.kind = views[v].kind;
		f.unread_only = views[v].unread;
		f.sort = views[v].sort;
		f.search = views[v].search;
		double a = now_ms();
		store_list_items_from(s, &f, NULL, true, 60, &rows, &n, &error);
		double b = now_ms();
		int64_t c = count(s, &f);
		double e = now_ms();
		item_rows_free(rows, n);
		tap_diag("%s: first page %.1f ms, count %lld in %.1f ms", views[v].what, b - a,
		         (long long)c, e - b);
	}
	store_close(s);
	free(path);
}

/* Schema 9: a summary found verbatim in its digest's text is stored as a
 * range into it, and becomes text again before that text changes. */
static void test_summary_ranges(void)
{
	char *path = tmp_path("summaries.db");
	struct store *s = NULL;
	char *error = NULL;
	int64_t src = 0;
	ok(store_open(path, STORE_READ_WRITE, &s, &error) == 0 &&
	   store_source_ensure(s, "sums", NULL, &src, &error) == 0, "open a cache for summaries");
	const char *summary = "稀疏记忆槽让小模型记住一整本书, verbatim in the digest.";
	struct digest d;
	struct store_import_result r;
	/* an older digest mentions the paper without a summary, so the item
	 * stays when the daily no longer mentions it */
	new_digest(&d, "Weekly", "2026-03-01");
	add_item(&d, "arxiv:2611.00001", KIND_PAPER, "Sparse slots", "https://arxiv.org/abs/2611.00001",
	         "- [Sparse slots](https://arxiv.org/abs/2611.00001)");
	ok(import(s, src, "w/1.md", "- [Sparse slots](https://arxiv.org/abs/2611.00001)\n", &d, &r) == 0,
	   "import the weekly");
	free_digest(&d);
	char *raw = xasprintf("# Daily\n\n- [Sparse slots](https://arxiv.org/abs/2611.00001): %s\n", summary);
	new_digest(&d, "Daily", "2026-03-02");
	size_t i = add_item(&d, "arxiv:2611.00001", KIND_PAPER, "Sparse slots",
	                    "https://arxiv.org/abs/2611.00001", raw + strlen("# Daily\n\n"));
	set_field(&d.items[i].summary, summary);
	ok(import(s, src, "d/1.md", raw, &d, &r) == 0, "import the daily");
	free_digest(&d);
	free(raw);
	is_int(sql_int(path, "SELECT count(*) FROM items WHERE summary_digest IS NOT NULL AND summary = ''"),
	       1, "the summary is a range into the daily's text");
	int64_t paper = id_of(s, "arxiv:2611.00001");
	struct item_detail det;
	ok(store_get_item(s, paper, &det, &error) == 0, "get the paper");
	is_str(det.summary, summary, "the summary reads from its range");
	item_detail_clear(&det);

	/* The daily changes and no longer mentions the paper: the summary
	 * was cut out of the old text before it went. */
	new_digest(&d, "Daily", "2026-03-02");
	add_item(&d, "url:https://example.com/other", KIND_ARTICLE, "Other", "https://example.com/other",
	         "- [Other](https://example.com/other): a different text now, longer than the old one was.");
	ok(import(s, src, "d/1.md", "# Daily\n\n- [Other](https://example.com/other): a different text now,"
	          " longer than the old one was.\n", &d, &r) == 0, "import the changed daily");
	free_digest(&d);
	ok(store_get_item(s, paper, &det, &error) == 0, "get the paper again");
	is_str(det.summary, summary, "the summary survives its digest's change");
	item_detail_clear(&det);
	is_int(sql_int(path, "SELECT count(*) FROM items WHERE key = 'arxiv:2611.00001'"
	                     " AND summary_digest IS NULL"), 1, "... as text now");
	store_close(s);
	free(path);
}

/* A digest's excerpts and summaries are looked for within a budget of a few
 * passes over its text: a digest of many items that are not verbatim in it
 * was searched whole once per item (a 64 MB digest took 45 minutes). */
static void test_excerpt_budget(void)
{
	char raw[1001];
	memset(raw, 'x', 1000);
	memcpy(raw + 900, "needle", 6);
	raw[1000] = '\0';
	size_t hint = 500, budget = 3000;
	int64_t start = -1;
	ok(excerpt_locate(raw, 1000, "needle", 6, &hint, &budget, &start) && start == 900 &&
	   hint == 906, "a needle after the hint is found there");
	is_int((long long)budget, 3000 - 406, "... and costs the bytes looked at");
	hint = 0;
	budget = 2500;
	ok(!excerpt_locate(raw, 1000, "absent", 6, &hint, &budget, &start), "an absent needle");
	is_int((long long)budget, 1500, "... costs one pass from the start");
	hint = 500;
	ok(!excerpt_locate(raw, 1000, "absent", 6, &hint, &budget, &start), "again from the middle");
	is_int((long long)budget, 0, "... costs the rest of the pass and what the budget had left");
	hint = 0;
	ok(!excerpt_locate(raw, 1000, "needle", 6, &hint, &budget, &start),
	   "with the budget spent, nothing more is searched (a copy is stored instead)");
	budget = 903;
	ok(!excerpt_locate(raw, 1000, "needle", 6, &hint, &budget, &start),
	   "a search stops where the budget ends, short of the needle");
	ok(excerpt_budget(1 << 20) == EXCERPT_SCAN_FACTOR * ((size_t)1 << 20) + EXCERPT_SCAN_SLACK,
	   "a digest's budget is a few passes over its text");
}

static void remove_tree(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		tap_diag("could not remove %s", dir);
	free(cmd);
}

/* How many times the full-text index is written to: each row inserted or
 * deleted is one statement run. */
struct fts_writes {
	int inserts, deletes;
};

static int count_fts_write(unsigned type, void *data, void *stmt, void *x)
{
	(void)type;
	(void)x;
	struct fts_writes *w = data;
	const char *sql = sqlite3_sql(stmt);
	if (sql && strstr(sql, "INSERT INTO items_fts (items_fts, rowid, text) VALUES ('delete'"))
		w->deletes++;
	else if (sql && strstr(sql, "INSERT INTO items_fts (rowid, text)"))
		w->inserts++;
	return 0;
}

static int64_t mention_id(const char *path, const char *key, const char *location)
{
	char *sql = xasprintf("SELECT m.id FROM mentions m JOIN items i ON i.id = m.item_id"
	                      " JOIN digests d ON d.id = m.digest_id"
	                      " WHERE i.key = '%s' AND d.location = '%s'", key, location);
	int64_t id = sql_int(path, sql);
	free(sql);
	return id;
}

/* A feed entry with a paper link and a tag. */
static void feed_entry(struct digest *d, const char *letter, const char *text, const char *tag)
{
	char key[96], url[64], paper[64];
	snprintf(url, sizeof url, "https://example.com/%s", letter);
	snprintf(key, sizeof key, "url:%s", url);
	snprintf(paper, sizeof paper, "arxiv:2601.0000%c", letter[0]);
	size_t k = add_item(d, key, KIND_ARTICLE, letter, url, text);
	add_link(&d->items[k], "https://arxiv.org/abs/2601.00001", KIND_PAPER, paper);
	add_tag(&d->items[k].tags, &d->items[k].tag_count, tag, "field");
}

/* The rowid of KEY's tag row (TAGS) or link row. */
static int64_t row_of(const char *path, bool tags, const char *key)
{
	char *sql = tags
		? xasprintf("SELECT t.rowid FROM tag_rows t JOIN items i ON i.id = t.item_id"
		            " WHERE i.key = '%s'", key)
		: xasprintf("SELECT l.id FROM links l JOIN items i ON i.id = l.item_id"
		            " WHERE i.key = '%s'", key);
	int64_t value = sql_int(path, sql);
	free(sql);
	return value;
}

/* The tag pane's kept counts as one string, the zero rows left out (a
 * recount drops them). */
static char *kept_counts(sqlite3 *db)
{
	sqlite3_stmt *stmt;
	char *out = NULL;
	if (sqlite3_prepare_v2(db,
		"SELECT (SELECT group_concat(tag || ':' || items || ':' || unread || ':' || user, ' ')"
		"  FROM (SELECT * FROM tag_counts WHERE items <> 0 OR unread <> 0 OR user <> 0 ORDER BY tag))"
		" || ' | ' || (SELECT group_concat(key || ':' || items || ':' || unread || ':' || shown"
		"  || ':' || shown_unread || ':' || starred, ' ') FROM (SELECT * FROM item_counts"
		"  WHERE items <> 0 OR unread <> 0 OR shown <> 0 OR shown_unread <> 0 OR starred <> 0"
		"  ORDER BY key))", -1, &stmt, NULL) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
		out = xstrdup(sqlite3_column_text(stmt, 0) ? (const char *)sqlite3_column_text(stmt, 0) : "");
	sqlite3_finalize(stmt);
	return out ? out : xstrdup("(unreadable)");
}

/* A digest's item listed again keeps its mention (the row is rewritten
 * in place) and so its full-text row, which is not written at all when its
 * text is the same, even where the excerpt moved in the digest's text:
 * a re-published digest and a feed whose window moved rewrite the index
 * rows of what changed, not of everything they list. */
static void republish_case(bool in_batch)
{
	const char *how = in_batch ? "in a batch" : "alone";
	char *path = tmp_path(in_batch ? "republish-batch.db" : "republish.db");
	struct store *s;
	char *error = NULL;
	if (store_open(path, STORE_READ_WRITE, &s, &error) < 0)
		exit(1);
	int64_t src;
	store_source_ensure(s, "src", NULL, &src, &error);
	struct digest d;
	struct store_import_result r;
	const char *v1 = "# d\n\nA keptword excerpt.\n\nB oldword excerpt.\n\nC gonewword excerpt.\n";
	new_digest(&d, "d", "2026-03-01");
	add_item(&d, "url:https://example.com/a", KIND_ARTICLE, "A", "https://example.com/a",
	         "A keptword excerpt.");
	add_link(&d.items[d.item_count - 1], "https://arxiv.org/abs/2601.00009", KIND_PAPER, "arxiv:2601.00009");
	add_tag(&d.items[d.item_count - 1].tags, &d.items[d.item_count - 1].tag_count, "atag", "field");
	add_item(&d, "url:https://example.com/b", KIND_ARTICLE, "B", "https://example.com/b",
	         "B oldword excerpt.");
	add_tag(&d.items[d.item_count - 1].tags, &d.items[d.item_count - 1].tag_count, "btag1", "field");
	add_item(&d, "url:https://example.com/c", KIND_ARTICLE, "C", "https://example.com/c",
	         "C gonewword excerpt.");
	import(s, src, "d.md", v1, &d, &r);
	free_digest(&d);
	/* a feed of three entries */
	new_digest(&d, "feed", NULL);
	feed_entry(&d, "e", "E leftword entry.", "etag");
	feed_entry(&d, "f", "F stayword entry.", "ftag");
	feed_entry(&d, "h", "H retagged entry.", "oldtag");
	store_import_digest_prepared(s, src, "feed.xml", "feed v1", 7, &d, NULL, STORE_IMPORT_WINDOW,
	                             &r, &error);
	free_digest(&d);
	int64_t a = mention_id(path, "url:https://example.com/a", "d.md");
	int64_t b = mention_id(path, "url:https://example.com/b", "d.md");
	int64_t f = mention_id(path, "url:https://example.com/f", "feed.xml");
	ok(a > 0 && b > 0 && f > 0, "%s: the digest and the feed are in", how);
	int64_t a_tag = row_of(path, true, "url:https://example.com/a");
	int64_t a_link = row_of(path, false, "url:https://example.com/a");
	int64_t f_tag = row_of(path, true, "url:https://example.com/f");
	int64_t f_link = row_of(path, false, "url:https://example.com/f");
	int64_t h_link = row_of(path, false, "url:https://example.com/h");
	ok(f_tag > 0 && f_link > 0 && h_link > 0, "%s: the feed's entries have tag and link rows", how);

	/* The items rows written with merged values or a title (outside a
	 * batch, whose connection runs no triggers). */
	if (!in_batch)
		ok(sqlite3_exec(s->db, "CREATE TEMP TABLE rewritten (key TEXT);"
		                "CREATE TEMP TRIGGER rewrites AFTER UPDATE OF title, summary, url, date,"
		                " sort_date ON main.items BEGIN INSERT INTO rewritten VALUES (NEW.key); END",
		                NULL, NULL, NULL) == SQLITE_OK, "%s: items rows written are noted", how);
	struct fts_writes writes = { 0 };
	sqlite3_trace_v2(s->db, SQLITE_TRACE_STMT, count_fts_write, &writes);
	if (in_batch)
		store_batch_begin(s, &error);
	/* D new on top, A the same further down, B changed (and dated), C gone */
	const char *v2 = "# d\n\nD addedword excerpt.\n\nA keptword excerpt.\n\nB newword excerpt.\n";
	new_digest(&d, "d", "2026-03-01");
	add_item(&d, "url:https://example.com/d", KIND_ARTICLE, "D", "https://example.com/d",
	         "D addedword excerpt.");
	add_item(&d, "url:https://example.com/a", KIND_ARTICLE, "A", "https://example.com/a",
	         "A keptword excerpt.");
	add_link(&d.items[d.item_count - 1], "https://arxiv.org/abs/2601.00009", KIND_PAPER, "arxiv:2601.00009");
	add_tag(&d.items[d.item_count - 1].tags, &d.items[d.item_count - 1].tag_count, "atag", "field");
	size_t k = add_item(&d, "url:https://example.com/b", KIND_ARTICLE, "B", "https://example.com/b",
	                    "B newword excerpt.");
	set_field(&d.items[k].date, "2026-03-05");
	add_tag(&d.items[k].tags, &d.items[k].tag_count, "btag2", "field");
	ok(import(s, src, "d.md", v2, &d, &r) == 0, "%s: the digest is re-published", how);
	free_digest(&d);
	if (!in_batch) {
		sqlite3_stmt *rewritten;
		sqlite3_prepare_v2(s->db, "SELECT group_concat(key, ' ') FROM"
		                   " (SELECT DISTINCT key FROM temp.rewritten ORDER BY key)", -1, &rewritten,
		                   NULL);
		sqlite3_step(rewritten);
		const char *keys = (const char *)sqlite3_column_text(rewritten, 0);
		is_str(keys ? keys : "", "url:https://example.com/b",
		       "%s: of the items listed again only the one whose date changed is rewritten", how);
		sqlite3_finalize(rewritten);
		sqlite3_exec(s->db, "DROP TRIGGER temp.rewrites", NULL, NULL, NULL);
	}
	struct fts_writes digest_writes = writes;
	/* the feed a day later: E dropped out, G new, F the same, H with
	 * another tag */
	new_digest(&d, "feed", NULL);
	feed_entry(&d, "g", "G freshword entry.", "gtag");
	feed_entry(&d, "f", "F stayword entry.", "ftag");
	feed_entry(&d, "h", "H retagged entry.", "newtag");
	ok(store_import_digest_prepared(s, src, "feed.xml", "feed v2", 7, &d, NULL,
	                                STORE_IMPORT_WINDOW, &r, &error) == 0,
	   "%s: the feed's window moves: %s", how, msg(error));
	free_digest(&d);
	if (in_batch)
		ok(store_batch_end(s, &error) == 0, "%s: the batch ends: %s", how, msg(error));
	sqlite3_trace_v2(s->db, 0, NULL, NULL);

	is_int(mention_id(path, "url:https://example.com/a", "d.md"), a,
	       "%s: the item listed again keeps its mention", how);
	is_int(mention_id(path, "url:https://example.com/b", "d.md"), b,
	       "%s: so does the one whose excerpt changed", how);
	ok(a_tag > 0 && row_of(path, true, "url:https://example.com/a") == a_tag,
	   "%s: the digest's item listed again as it was keeps its tag row", how);
	ok(a_link > 0 && row_of(path, false, "url:https://example.com/a") == a_link,
	   "%s: and its link row", how);
	is_int(sql_int(path, "SELECT count(*) FROM tags t JOIN items i ON i.id = t.item_id"
	                     " WHERE i.key = 'url:https://example.com/b' AND t.tag = 'btag2'"), 1,
	       "%s: the retagged item of the digest has its new tag", how);
	is_int(sql_int(path, "SELECT count(*) FROM tags WHERE tag = 'btag1'"), 0,
	       "%s: and not its old one", how);
	is_int(mention_id(path, "url:https://example.com/f", "feed.xml"), f,
	       "%s: and the feed's entry still listed", how);
	is_int(sql_int(path, "SELECT count(*) FROM mentions m JOIN items i ON i.id = m.item_id"
	                     " WHERE i.key = 'url:https://example.com/c'"), 0,
	       "%s: the item the digest dropped has no mention left", how);
	is_int(digest_writes.deletes, 2, "%s: the digest's index: the changed and the dropped rows deleted", how);
	is_int(digest_writes.inserts, 2, "%s: the changed and the new rows inserted, the same one untouched", how);
	is_int(writes.deletes - digest_writes.deletes, 1, "%s: the feed's index: the retagged row deleted", how);
	is_int(writes.inserts - digest_writes.inserts, 2, "%s: it and the new entry's row inserted alone", how);
	is_int(row_of(path, true, "url:https://example.com/f"), f_tag,
	       "%s: the entry listed again with the same tags keeps its tag row", how);
	is_int(row_of(path, false, "url:https://example.com/f"), f_link,
	       "%s: and its link row", how);
	ok(row_of(path, false, "url:https://example.com/h") != h_link,
	   "%s: the retagged entry's rows are written again", how);
	is_int(sql_int(path, "SELECT count(*) FROM tags t JOIN items i ON i.id = t.item_id"
	                     " WHERE i.key = 'url:https://example.com/h' AND t.tag = 'newtag'"), 1,
	       "%s: it has its new tag", how);
	is_int(sql_int(path, "SELECT count(*) FROM tags WHERE tag = 'oldtag'"), 0,
	       "%s: and not its old one", how);
	is_int(sql_int(path, "SELECT coalesce(sum(items), 0) FROM tag_counts WHERE tag = 'oldtag'"), 0,
	       "%s: the tag pane counts no item for the old tag", how);
	is_int(sql_int(path, "SELECT items FROM tag_counts WHERE tag = 'newtag'"), 1,
	       "%s: one for the new", how);
	is_int(sql_int(path, "SELECT items FROM tag_counts WHERE tag = 'ftag'"), 1,
	       "%s: and one still for the kept entry's tag", how);
	static const struct { const char *word; int64_t hits; } found[] = {
		{ "keptword", 1 }, { "oldword", 0 }, { "newword", 1 }, { "gonewword", 0 },
		{ "addedword", 1 }, { "leftword", 1 }, { "stayword", 1 }, { "freshword", 1 },
		{ "newtag", 1 }, { "oldtag", 0 }, { "ftag", 1 },
	};
	for (size_t i = 0; i < sizeof found / sizeof found[0]; i++)
		is_int(search_count(s, found[i].word), found[i].hits, "%s: a search for %s finds %lld", how,
		       found[i].word, (long long)found[i].hits);
	is_int(sql_int(path, "SELECT count(*) FROM items_fts_docsize"),
	       sql_int(path, "SELECT count(*) FROM mentions"), "%s: one index row per mention", how);
	ok(sqlite3_exec(s->db, "INSERT INTO items_fts (items_fts, rank) VALUES ('integrity-check', 1)",
	                NULL, NULL, NULL) == SQLITE_OK, "%s: the index passes FTS5's integrity check", how);
	char *kept = kept_counts(s->db);
	ok(store_recount_tags(s, &error) == 0, "%s: the counts are recounted: %s", how, msg(error));
	char *recounted = kept_counts(s->db);
	is_str(kept, recounted, "%s: the counts kept through it all are the recount's", how);
	free(kept);
	free(recounted);
	store_close(s);
	free(path);
}

static void test_rows_kept(void)
{
	republish_case(false);
	republish_case(true);
}

int main(int argc, char **argv)
{
	bool bench = argc > 1 && strcmp(argv[1], "--bench") == 0;
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof tmpdir, "%s/radar-store-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	if (bench) {
		test_scale();
	} else {
		test_open();
		test_excerpt_budget();
		test_import();
		test_filters();
		test_paging();
		test_boilerplate_counts();
		test_kill_mid_import();
		test_second_writer_waits();
		test_batch_big_digest();
		test_index_tidy();
		test_writer_plans();
		test_rows_kept();
		test_summary_ranges();
	}
	remove_tree(tmpdir);
	return tap_done();
}
