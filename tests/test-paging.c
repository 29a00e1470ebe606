/* Keyset paging, as a property: for random filters and sorts over a random
 * cache where many items share a date (one digest is one date), paging
 * through the list forwards and backwards, with page sizes from 1 to 250,
 * gives exactly the rows of one unpaged query: no duplicate, no gap.  The
 * sorts include Hot (its scores from a window over those dates) and the
 * Hot view's filter.  The cache is shaped so that SQLite 3.40 picks the
 * plan that once repeated rows (import_cache); without the unary + of
 * keyset_condition (store/query.c) 12-51 of the 360 pagings differ.
 * `radar ls` pages the same way (store_list_items_from, 200 rows a page).
 * A search's page is found by one of three plans (store/query.c: gathering
 * the matching items, or walking the list's order for a dense match, which
 * asks FTS5 about each mention for exact words and a set of the rows read
 * once for a prefix); the cache is small, so RADAR_SEARCH_WALK_ROWS forces
 * gathering or walking in turn, the searches are prefixes (a word) and
 * exact ("quoted"), and every plan must give the same rows, unpaged and
 * paged, and the same count.  A tag is walked (asked about item by item)
 * or gathered too, forced by the same variable; the cache's items have
 * tags of their digests (front matter) and of the user. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "digest.h"
#include "store.h"
#include "strbuf.h"
#include "tap.h"
#include "xalloc.h"

static unsigned long rng = 14;

static unsigned next_random(unsigned n)
{
	rng = rng * 6364136223846793005ul + 1442695040888963407ul;
	return (unsigned)((rng >> 33) % n);
}

/* One digest dated DATE with ITEMS random items (drawn from a pool of 900
 * papers, so items recur across digests). */
static void import_random(struct store *s, int64_t source, int digest_number, const char *date, int items)
{
	static const char *const words[] = { "common", "compiler", "model", "agent", "vision", "audio" };
	struct strbuf md;
	strbuf_init(&md);
	/* a third of the digests tag all their items (front matter) */
	if (digest_number % 3 == 0)
		strbuf_printf(&md, "---\ntags: [%s]\n---\n\n", digest_number % 2 ? "audio" : "model");
	strbuf_printf(&md, "# Digest %s\n\n", date);
	for (int i = 0; i < items; i++) {
		unsigned n = next_random(900);
		strbuf_printf(&md, "- [%s %s %u](https://arxiv.org/abs/2601.%05u) #%s\n", words[next_random(6)],
		              words[next_random(6)], n % 50, n, words[next_random(6)]);
	}
	char location[64];
	snprintf(location, sizeof location, "/d/%d/digest-%s.md", digest_number, date);
	struct digest d;
	char *error = NULL;
	if (digest_parse(md.data, md.len, location, &d, &error) == 0) {
		struct store_import_result result;
		if (store_import_digest(s, source, location, md.data, md.len, &d, &result, &error) != 0)
			tap_diag("import: %s", error ? error : "?");
		digest_clear(&d);
	}
	free(error);
	strbuf_clear(&md);
}

/* The cache's shape decides SQLite's plan, so it has both:
 * - 20 short digests on 20 dates (~20 items a date).  After ANALYZE the
 *   date index looks selective, and SQLite 3.40 seeks it with
 *   "sort_date = ? AND id IN (...) AND id < ?" for a search, source or tag
 *   filter, the plan that repeated rows of the page before (the shape of
 *   the shared digests; a cache of a few dates never gets that plan);
 * - 4 long digests on the two dates the Hot window covers: long runs of
 *   equal dates and equal Hot scores. */
static void import_cache(struct store *s, const int64_t sources[2])
{
	int number = 0;
	for (int day = 1; day <= 20; day++, number++) {
		char date[16];
		snprintf(date, sizeof date, "2026-02-%02d", day);
		import_random(s, sources[number % 2], number, date, 15 + (int)next_random(11));
	}
	static const char *const hot_dates[] = { "2026-03-01", "2026-03-02", "2026-03-02", "2026-03-01" };
	for (int i = 0; i < 4; i++, number++)
		import_random(s, sources[number % 2], number, hot_dates[i], 60 + (int)next_random(41));
}

static bool same_ids(const struct item_row *a, size_t an, const struct item_row *b, size_t bn)
{
	if (an != bn)
		return false;
	for (size_t i = 0; i < an; i++)
		if (a[i].id != b[i].id)
			return false;
	return true;
}

static int compare_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* The same items, in whatever order. */
static bool same_id_sets(const struct item_row *a, size_t an, const struct item_row *b, size_t bn)
{
	if (an != bn)
		return false;
	int64_t *x = xcalloc(an + 1, sizeof *x), *y = xcalloc(bn + 1, sizeof *y);
	for (size_t i = 0; i < an; i++) {
		x[i] = a[i].id;
		y[i] = b[i].id;
	}
	qsort(x, an, sizeof *x, compare_id);
	qsort(y, bn, sizeof *y, compare_id);
	bool same = an == 0 || memcmp(x, y, an * sizeof *x) == 0;
	free(x);
	free(y);
	return same;
}

/* Pages through FILTER with pages of LIMIT; appends to *ALL.  Stops once
 * it holds more than EXPECTED rows: a plan that repeats rows would page
 * forever. */
static int page_through(struct store *s, const struct item_filter *f, bool forward, int limit,
                        size_t expected, struct item_row **all, size_t *count)
{
	char *error = NULL;
	struct item_row *page = NULL;
	size_t n = 0;
	*all = NULL;
	*count = 0;
	if (store_list_items_from(s, f, NULL, forward, limit, &page, &n, &error) != 0)
		return -1;
	while (n > 0) {
		*all = realloc(*all, (*count + n) * sizeof **all);
		if (forward) {
			memcpy(*all + *count, page, n * sizeof *page);
		} else {
			memmove(*all + n, *all, *count * sizeof **all);
			memcpy(*all, page, n * sizeof *page);
		}
		*count += n;
		if (*count > expected)
			break;
		struct item_row anchor = forward ? (*all)[*count - 1] : (*all)[0];
		free(page);
		page = NULL;
		if (store_list_items_from(s, f, &anchor, forward, limit, &page, &n, &error) != 0)
			return -1;
	}
	free(page);
	return 0;
}

int main(void)
{
	char dir[] = "/tmp/radar-paging-XXXXXX";
	if (!mkdtemp(dir)) {
		tap_skip("no temporary directory", "paging");
		return tap_done();
	}
	char path[256];
	snprintf(path, sizeof path, "%s/radar.db", dir);
	struct store *s = NULL;
	char *error = NULL;
	if (store_open(path, STORE_READ_WRITE, &s, &error) != 0) {
		tap_ok(false, "open: %s", error);
		return tap_done();
	}
	int64_t sources[2];
	store_source_ensure(s, "one", NULL, &sources[0], &error);
	store_source_ensure(s, "two", NULL, &sources[1], &error);
	import_cache(s, sources);
	/* and the user tags every seventh item: items tagged both ways */
	int64_t last = 0;
	store_max_item_id(s, &last, &error);
	for (int64_t id = 1; id <= last; id += 7) {
		bool changed = false;
		if (store_user_tag_many(s, &id, 1, id % 2 ? "model" : "audio", true, &changed, &error) != 0) {
			tap_diag("user tag: %s", error ? error : "?");
			free(error);
			error = NULL;
		}
	}
	store_optimize(s);      /* ANALYZE: the plans `radar ls` gets after an import */

	static const char *const searches[] = { NULL, "com", "model", "agent vision", "co",
	                                        "\"agent vision\"", "\"model\"" };
	const unsigned search_count = sizeof searches / sizeof searches[0];
	static const char *const tags[] = { NULL, "audio", "model" };
	static const char *const source_names[] = { NULL, "one", "two" };
	int failures = 0, checked = 0, longest = 0, hot_rounds = 0;
	int plan_failures = 0, plans_compared = 0, hot_failures = 0, hot_compared = 0;
	int exact_compared = 0, tag_compared = 0;
	for (int round = 0; round < 60; round++) {
		struct item_filter f;
		item_filter_init(&f);
		f.sort = (enum item_sort)next_random(SORT_COUNT);
		f.search = searches[next_random(search_count)];
		f.tag = tags[next_random(3)];
		f.source = source_names[next_random(3)];
		if (next_random(4) == 0)
			f.since = "2026-03-02";
		if (next_random(4) == 0)
			f.kind = KIND_PAPER;
		/* The Hot window over the three dates: each source's digests
		 * are one series (their locations differ in digits only), adding
		 * N+1..2N, so long runs of equal scores too. */
		f.hot_today = "2026-03-03";
		f.hot_days = 1 + (int)next_random(3);
		if (f.sort == SORT_HOT && next_random(2) == 0)
			f.hot_only = true;
		/* Walking for a search in even rounds, gathering in odd ones. */
		setenv("RADAR_SEARCH_WALK_ROWS", round % 2 ? "1000000000" : "1", 1);
		struct item_row *all = NULL;
		size_t total = 0;
		if (store_list_items(s, &f, 0, 100000, &all, &total, &error) != 0) {
			tap_ok(false, "unpaged list: %s", error);
			failures++;
			break;
		}
		if (f.search || f.tag) {
			/* The other plan's unpaged list (a tag's walk or gathering
			 * is forced by the same variable). */
			setenv("RADAR_SEARCH_WALK_ROWS", round % 2 ? "1" : "1000000000", 1);
			struct item_row *other = NULL;
			size_t other_count = 0;
			int64_t counted = -1;
			if (store_list_items(s, &f, 0, 100000, &other, &other_count, &error) != 0 ||
			    !same_ids(all, total, other, other_count) ||
			    store_count_items(s, &f, &counted, &error) != 0 || counted != (int64_t)total) {
				plan_failures++;
				tap_diag("round %d: search %s tag %s sort %s: %zu rows walking, %zu gathering, %lld counted",
				         round, f.search ? f.search : "-", f.tag ? f.tag : "-", sort_name(f.sort), round % 2 ? other_count : total,
				         round % 2 ? total : other_count, (long long)counted);
			}
			if (total > 0) {
				plans_compared += f.search != NULL;
				exact_compared += f.search && f.search[0] == '"';
				tag_compared += f.tag != NULL;
			}
			item_rows_free(other, other_count);
			setenv("RADAR_SEARCH_WALK_ROWS", round % 2 ? "1000000000" : "1", 1);
		}
		if (f.hot_only) {
			/* The Hot view in another order (the tag pane counts it so)
			 * asks for the window's items without scoring them: the
			 * same items, and as many counted. */
			struct item_filter g = f;
			g.sort = SORT_NEWEST;
			struct item_row *other = NULL;
			size_t other_count = 0;
			int64_t counted = -1;
			if (store_list_items(s, &g, 0, 100000, &other, &other_count, &error) != 0 ||
			    !same_id_sets(all, total, other, other_count) ||
			    store_count_items(s, &g, &counted, &error) != 0 || counted != (int64_t)total) {
				hot_failures++;
				tap_diag("round %d: Hot items: %zu by score, %zu newest first, %lld counted", round,
				         total, other_count, (long long)counted);
			}
			if (total > 0)
				hot_compared++;
			item_rows_free(other, other_count);
		}
		int limits[] = { 1 + (int)next_random(7), 50, 200 };
		for (size_t k = 0; k < 3; k++) {
			for (int forward = 1; forward >= 0; forward--) {
				struct item_row *paged = NULL;
				size_t count = 0;
				int rc = page_through(s, &f, forward, limits[k], total, &paged, &count);
				checked++;
				if (rc != 0 || !same_ids(all, total, paged, count)) {
					failures++;
					tap_diag("round %d: sort %s search %s tag %s source %s since %s kind %d, pages of %d %s: "
					         "%zu rows paged, %zu unpaged", round, sort_name(f.sort),
					         f.search ? f.search : "-", f.tag ? f.tag : "-", f.source ? f.source : "-",
					         f.since ? f.since : "-", f.kind, limits[k], forward ? "forwards" : "backwards",
					         count, total);
				}
				item_rows_free(paged, count);
			}
		}
		if ((int)total > longest)
			longest = (int)total;
		if (f.sort == SORT_HOT && total > 50 && all[0].hot > 0)
			hot_rounds++;
		item_rows_free(all, total);
	}
	tap_ok(longest > 200, "the random cache has lists longer than one page of radar ls (%d rows)", longest);
	tap_ok(hot_rounds >= 3, "the Hot sort was paged over long lists with scores (%d rounds)", hot_rounds);
	tap_ok(failures == 0, "keyset paging gives exactly the unpaged rows (%d of %d pagings differ)", failures,
	       checked);
	tap_ok(plans_compared - exact_compared >= 5 && exact_compared >= 5 && plan_failures == 0,
	       "a search walking the list's order lists and counts what gathering its matches does"
	       " (%d of %d differ, %d of them exact)",
	       plan_failures, plans_compared, exact_compared);
	tap_ok(tag_compared >= 5 && plan_failures == 0,
	       "a tag walking the list's order lists and counts what gathering its items does"
	       " (%d compared; %d plans differ, searches' and tags')", tag_compared, plan_failures);
	tap_ok(hot_compared >= 3 && hot_failures == 0,
	       "the Hot view in another order lists and counts the items it does by score (%d of %d differ)",
	       hot_failures, hot_compared);
	store_close(s);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		tap_diag("could not remove %s", dir);
	return tap_done();
}
