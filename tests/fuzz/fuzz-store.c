/* Fuzz target: the cache (store.h) under a sequence of operations chosen
 * by the input, checked against a model after each one.  Operations:
 * import a small digest (items drawn from a pool of 12 links, dates from a
 * pool of 3 so that many dates are equal) at one of 3 locations, star,
 * unstar, mark read, mark unread, and query.  Checked after every step:
 * every item the model has starred is in the cache and starred (a star is
 * never lost), an item the model has read and that is listed is read, and
 * a query with a random filter and sort pages (keyset, forwards and
 * backwards, any page size; offset paging too) through exactly the rows of
 * one unpaged query and its count. */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "fuzz.h"
#include "store.h"
#include "strbuf.h"

#define POOL 12

struct model {
	bool starred[POOL];
	bool read[POOL];
};

struct input {
	const uint8_t *data;
	size_t size, pos;
};

static unsigned next(struct input *in)
{
	return in->pos < in->size ? in->data[in->pos++] : 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_setup();
	return 0;
}

static int pool_index(const char *key)
{
	unsigned n;
	if (key && sscanf(key, "arxiv:2601.%05u", &n) == 1 && n < POOL)
		return (int)n;
	return -1;
}

static void die_on(int rc, char *error, const char *what)
{
	if (rc < 0) {
		fprintf(stderr, "fuzz-store: %s: %s\n", what, error ? error : "?");
		abort();
	}
}

static void import_one(struct store *s, int64_t source, struct input *in)
{
	static const char *const dates[] = { "2026-03-01", "2026-03-02", "2026-03-02" };
	unsigned where = next(in) % 3, count = next(in) % 6;
	struct strbuf md;
	strbuf_init(&md);
	strbuf_printf(&md, "# Digest %s\n\n", dates[where]);
	for (unsigned i = 0; i < count; i++) {
		unsigned pick = next(in);
		unsigned n = pick % POOL;
		/* Item titles collide on purpose, for the title sort's ties. */
		strbuf_printf(&md, "- [Paper %c](https://arxiv.org/abs/2601.%05u) date: %s #tag%u\n",
		              'A' + (int)(pick / POOL % 3), n, dates[pick / 36 % 3], pick % 2);
	}
	struct digest d;
	char *error = NULL;
	char location[64];
	snprintf(location, sizeof location, "/fuzz/digest-%u-%s.md", where, dates[where]);
	die_on(digest_parse(md.data, md.len, location, &d, &error), error, "parse");
	struct store_import_result result;
	die_on(store_import_digest(s, source, location, md.data, md.len, &d, &result, &error), error,
	       "import");
	digest_clear(&d);
	strbuf_clear(&md);
}

static void random_filter(struct input *in, struct item_filter *f)
{
	item_filter_init(f);
	unsigned a = next(in);
	f->sort = (enum item_sort)(a % SORT_COUNT);
	f->unread_only = a & 0x10;
	f->starred_only = a & 0x20;
	if (a & 0x40)
		f->tag = "tag1";
	if (a & 0x80)
		f->source = "fuzz";
	unsigned b = next(in);
	if (b & 1)
		f->since = "2026-03-02";
	if (b & 2)
		f->search = "paper";
	if (b & 4)
		f->kind = KIND_PAPER;
}

static void check_paging(struct store *s, struct input *in)
{
	struct item_filter f;
	random_filter(in, &f);
	char *error = NULL;
	struct item_row *all = NULL;
	size_t total = 0;
	die_on(store_list_items(s, &f, 0, 1000, &all, &total, &error), error, "list");
	int64_t count = -1;
	die_on(store_count_items(s, &f, &count, &error), error, "count");
	if (count != (int64_t)total)
		fuzz_fail("store_count_items disagrees with the list", NULL, 0);
	int limit = 1 + (int)(next(in) % 4);

	/* Forwards from the start, keyset. */
	size_t seen = 0;
	struct item_row *page = NULL, anchor_copy;
	size_t n = 0;
	die_on(store_list_items_from(s, &f, NULL, true, limit, &page, &n, &error), error, "page");
	while (n > 0) {
		for (size_t i = 0; i < n; i++, seen++)
			if (seen >= total || page[i].id != all[seen].id)
				fuzz_fail("keyset paging forwards differs from the unpaged list", NULL, 0);
		anchor_copy = page[n - 1];
		struct item_row *more = NULL;
		size_t m = 0;
		die_on(store_list_items_from(s, &f, &anchor_copy, true, limit, &more, &m, &error), error,
		       "page");
		item_rows_free(page, n);
		page = more;
		n = m;
	}
	item_rows_free(page, n);
	if (seen != total)
		fuzz_fail("keyset paging forwards missed rows", NULL, 0);

	/* Backwards from the end. */
	size_t left = total;
	die_on(store_list_items_from(s, &f, NULL, false, limit, &page, &n, &error), error, "page");
	while (n > 0) {
		if (n > left)
			fuzz_fail("keyset paging backwards gives too many rows", NULL, 0);
		for (size_t i = 0; i < n; i++)
			if (page[i].id != all[left - n + i].id)
				fuzz_fail("keyset paging backwards differs from the unpaged list", NULL, 0);
		left -= n;
		anchor_copy = page[0];
		struct item_row *more = NULL;
		size_t m = 0;
		die_on(store_list_items_from(s, &f, &anchor_copy, false, limit, &more, &m, &error), error,
		       "page");
		item_rows_free(page, n);
		page = more;
		n = m;
	}
	item_rows_free(page, n);
	if (left != 0)
		fuzz_fail("keyset paging backwards missed rows", NULL, 0);

	/* Offset paging and positions. */
	for (size_t off = 0; off < total; off += (size_t)limit) {
		die_on(store_list_items(s, &f, (int64_t)off, limit, &page, &n, &error), error, "offset");
		for (size_t i = 0; i < n; i++)
			if (off + i >= total || page[i].id != all[off + i].id)
				fuzz_fail("offset paging differs from the unpaged list", NULL, 0);
		item_rows_free(page, n);
	}
	if (total > 0) {
		size_t k = next(in) % total;
		int64_t position = -2;
		die_on(store_item_position(s, &f, all[k].id, &position, &error), error, "position");
		if (position != (int64_t)k)
			fuzz_fail("store_item_position is not the row's place in the list", NULL, 0);
	}
	item_rows_free(all, total);
}

static void check_model(struct store *s, const struct model *m)
{
	struct item_filter f;
	item_filter_init(&f);
	struct item_row *rows = NULL;
	size_t count = 0;
	char *error = NULL;
	die_on(store_list_items(s, &f, 0, 1000, &rows, &count, &error), error, "list");
	bool listed[POOL] = { false };
	for (size_t i = 0; i < count; i++) {
		int k = pool_index(rows[i].key);
		if (k < 0)
			continue;
		listed[k] = true;
		if (rows[i].starred != m->starred[k])
			fuzz_fail("a star differs from the model", rows[i].key, strlen(rows[i].key));
		if (rows[i].read != m->read[k])
			fuzz_fail("a read mark differs from the model", rows[i].key, strlen(rows[i].key));
	}
	for (int k = 0; k < POOL; k++)
		if (m->starred[k] && !listed[k])
			fuzz_fail("a starred item was lost", NULL, 0);
	item_rows_free(rows, count);
}

/* Mark the listed item the input picks; returns its pool index or -1. */
static int pick_item(struct store *s, struct input *in, int64_t *id)
{
	struct item_filter f;
	item_filter_init(&f);
	struct item_row *rows = NULL;
	size_t count = 0;
	char *error = NULL;
	die_on(store_list_items(s, &f, 0, 1000, &rows, &count, &error), error, "list");
	int k = -1;
	unsigned choice = next(in);
	if (count > 0) {
		size_t i = choice % count;
		*id = rows[i].id;
		k = pool_index(rows[i].key);
	}
	item_rows_free(rows, count);
	return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 256)
		return 0;       /* long sequences only slow the search down */
	struct input in = { data, size, 0 };
	struct store *s = NULL;
	char *error = NULL;
	die_on(store_open(":memory:", STORE_READ_WRITE, &s, &error), error, "open");
	int64_t source = 0;
	die_on(store_source_ensure(s, "fuzz", NULL, &source, &error), error, "source");
	struct model m;
	memset(&m, 0, sizeof m);
	while (in.pos < in.size) {
		unsigned op = next(&in) % 6;
		int64_t id = 0;
		int k;
		switch (op) {
		case 0:
			import_one(s, source, &in);
			break;
		case 1:
		case 2:
			k = pick_item(s, &in, &id);
			if (id) {
				die_on(store_set_starred(s, id, op == 1, &error), error, "star");
				if (k >= 0)
					m.starred[k] = op == 1;
			}
			break;
		case 3:
		case 4:
			k = pick_item(s, &in, &id);
			if (id) {
				die_on(store_set_read(s, id, op == 3, &error), error, "read");
				if (k >= 0)
					m.read[k] = op == 3;
			}
			break;
		default:
			check_paging(s, &in);
			break;
		}
		check_model(s, &m);
	}
	store_close(s);
	return 0;
}
