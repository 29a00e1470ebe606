/* The store's share of issue 15's latencies on an existing cache, without
 * a terminal: a search's first page as `radar ls` asks for it (50 rows from
 * the top) and as the reader does (its first window, 176 rows, keyset),
 * and each count the tag pane asks for (the smart views, saved views,
 * kinds, tags, sources), in the order tags.c asks.  Each figure is the
 * median of RUNS calls on one connection (warm: the first one opens the
 * cache's pages), wall and CPU milliseconds.  tools/bench.sh runs it on
 * the cache it built, or on BENCH_CACHE (a 10^6 cache takes an hour to
 * import).
 *   tools/bench-store CACHE [--new-since TIME] [--view QUERY]... [SEARCH]...
 * Without searches: 1, 2 and 4 Chinese characters, a Latin word, a Latin
 * prefix and exact word, a phrase (bench.sh's, and more).  Without views:
 * a tag, a kind and a word, a phrase.  New counts the unread items first
 * seen after TIME (default: a day before now, as a previous session). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "query.h"
#include "store.h"
#include "ui/tags.h"

#define RUNS 5

static double clock_ms(clockid_t clock)
{
	struct timespec t;
	clock_gettime(clock, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* What one measured call did: the rows or the count, or -1 on error. */
typedef long long (*measured_fn)(struct store *store, const void *arg);

static int measure(struct store *store, const char *label, measured_fn fn, const void *arg)
{
	double wall[RUNS], cpu[RUNS];
	long long result = 0;
	for (int i = 0; i < RUNS; i++) {
		double w = clock_ms(CLOCK_MONOTONIC), c = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
		result = fn(store, arg);
		wall[i] = clock_ms(CLOCK_MONOTONIC) - w;
		cpu[i] = clock_ms(CLOCK_PROCESS_CPUTIME_ID) - c;
		if (result < 0)
			return -1;
	}
	qsort(wall, RUNS, sizeof wall[0], compare_doubles);
	qsort(cpu, RUNS, sizeof cpu[0], compare_doubles);
	printf("%-36s %9lld %9.1f %9.1f\n", label, result, wall[RUNS / 2], cpu[RUNS / 2]);
	return 0;
}

static long long fail(char *error)
{
	fprintf(stderr, "bench-store: %s\n", error ? error : "failed");
	free(error);
	return -1;
}

static long long cli_page(struct store *store, const void *arg)
{
	struct item_row *rows;
	size_t count;
	char *error = NULL;
	if (store_list_items(store, arg, 0, 50, &rows, &count, &error) != 0)
		return fail(error);
	item_rows_free(rows, count);
	return (long long)count;
}

static long long reader_window(struct store *store, const void *arg)
{
	struct item_row *rows;
	size_t count;
	char *error = NULL;
	if (store_list_items_from(store, arg, NULL, true, 176, &rows, &count, &error) != 0)
		return fail(error);
	item_rows_free(rows, count);
	return (long long)count;
}

static long long count(struct store *store, const void *arg)
{
	int64_t n;
	char *error = NULL;
	if (store_count_items(store, arg, &n, &error) != 0)
		return fail(error);
	return (long long)n;
}

/* A saved view's count as the tag pane asks for it (tags.c). */
static long long count_view(struct store *store, const void *arg)
{
	int64_t n;
	char *error = NULL;
	if (store_count_items_upto(store, arg, TAGS_VIEW_COUNT_CAP, &n, &error) != 0)
		return fail(error);
	return (long long)n;
}

static long long kinds(struct store *store, const void *arg)
{
	(void)arg;
	int64_t items[KIND_COUNT], unread[KIND_COUNT];
	char *error = NULL;
	if (store_count_kinds(store, false, items, unread, &error) != 0)
		return fail(error);
	return KIND_COUNT;
}

static long long tags(struct store *store, const void *arg)
{
	(void)arg;
	struct tag_row *rows;
	size_t n;
	char *error = NULL;
	if (store_list_tags(store, 0, 200, &rows, &n, &error) != 0)
		return fail(error);
	tag_rows_free(rows, n);
	return (long long)n;
}

static long long sources(struct store *store, const void *arg)
{
	(void)arg;
	struct source_row *rows;
	size_t n;
	char *error = NULL;
	if (store_list_sources(store, false, &rows, &n, &error) != 0)
		return fail(error);
	source_rows_free(rows, n);
	return (long long)n;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bench-store CACHE [--new-since TIME] [--view QUERY]... [SEARCH]...\n");
		return 2;
	}
	const char *searches[64], *views[16];
	size_t search_count = 0, view_count = 0;
	char new_since[32], today[11];
	time_t now = time(NULL), yesterday = now - 86400;
	strftime(new_since, sizeof new_since, "%Y-%m-%dT%H:%M:%SZ", gmtime(&yesterday));
	strftime(today, sizeof today, "%Y-%m-%d", gmtime(&now));
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--new-since") && i + 1 < argc)
			snprintf(new_since, sizeof new_since, "%s", argv[++i]);
		else if (!strcmp(argv[i], "--view") && i + 1 < argc && view_count < 16)
			views[view_count++] = argv[++i];
		else if (search_count < 64)
			searches[search_count++] = argv[i];
	}
	static const char *const default_searches[] = { "蒸", "蒸馏", "数学推理", "tokenizer", "token",
	                                                "\"tokenizer\"", "\"context window\"" };
	static const char *const default_views[] = { "tag:agent", "kind:paper 模型", "\"context window\"" };
	if (!search_count)
		for (size_t i = 0; i < sizeof default_searches / sizeof *default_searches; i++)
			searches[search_count++] = default_searches[i];
	if (!view_count)
		for (size_t i = 0; i < sizeof default_views / sizeof *default_views; i++)
			views[view_count++] = default_views[i];

	struct store *store;
	char *error = NULL;
	if (store_open(argv[1], STORE_READ_ONLY, &store, &error) != 0)
		return (int)-fail(error);
	printf("%-36s %9s %9s %9s\n", "median of 5", "rows", "wall ms", "cpu ms");
	int rc = 0;
	char label[200];
	for (size_t i = 0; i < search_count && rc == 0; i++) {
		struct item_filter f;
		item_filter_init(&f);
		f.search = searches[i];
		snprintf(label, sizeof label, "ls --search %s", searches[i]);
		rc = measure(store, label, cli_page, &f);
		snprintf(label, sizeof label, "reader /%s", searches[i]);
		if (rc == 0)
			rc = measure(store, label, reader_window, &f);
	}
	/* The tag pane's counts, as tags_count asks for them. */
	struct item_filter f;
	item_filter_init(&f);
	f.unread_only = true;
	if (rc == 0)
		rc = measure(store, "count Unread", count, &f);
	item_filter_init(&f);
	f.starred_only = true;
	if (rc == 0)
		rc = measure(store, "count Starred", count, &f);
	item_filter_init(&f);
	f.unread_only = true;
	f.since = today;
	if (rc == 0)
		rc = measure(store, "count Today", count, &f);
	item_filter_init(&f);
	f.unread_only = true;
	f.hot_only = true;
	f.hot_days = HOT_DAYS_DEFAULT;
	if (rc == 0)
		rc = measure(store, "count Hot (7 days)", count, &f);
	item_filter_init(&f);
	f.unread_only = true;
	f.new_since = new_since;
	snprintf(label, sizeof label, "count New (since %s)", new_since);
	if (rc == 0)
		rc = measure(store, label, count, &f);
	for (size_t i = 0; i < view_count && rc == 0; i++) {
		struct query query;
		if (query_parse(views[i], &query, &error) != 0) {
			rc = (int)fail(error);
			break;
		}
		item_filter_init(&f);
		f.terms = query.terms;
		f.term_count = query.count;
		f.unread_only = true;
		snprintf(label, sizeof label, "count view %s", views[i]);
		rc = measure(store, label, count_view, &f);
		query_clear(&query);
	}
	if (rc == 0)
		rc = measure(store, "kinds", kinds, NULL);
	if (rc == 0)
		rc = measure(store, "tags (200)", tags, NULL);
	if (rc == 0)
		rc = measure(store, "sources", sources, NULL);
	store_close(store);
	return rc == 0 ? 0 : 1;
}
