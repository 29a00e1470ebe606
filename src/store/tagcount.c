/* The tag pane's counts (tag_counts, schema 8) kept by the writer itself
 * during a bulk import, a digest at a time, instead of by the schema's
 * triggers a row at a time.
 *
 * Why: the triggers ask, for every tags and mentions row an import writes,
 * whether it is the first to give its item the tag, and make each such
 * statement a multi-row write with a statement journal; together a fifth
 * of the writer's time in `radar import`.  So inside a batch (writer.c)
 * the writer's connection runs with the main schema's triggers off
 * (SQLITE_DBCONFIG_ENABLE_TRIGGER; foreign-key cascades still run) and
 * counts here: the tag sets of the items a digest touches before and after
 * it is stored, their difference added to tag_counts.  Every other writer
 * (marks, user tags, marks import, a refresh, another process) keeps the
 * triggers, and a batch transaction that finds pending marks (whose
 * trigger must run) keeps them too.
 *
 * An item has tag T when a tags row says so (its own, or the user's) or a
 * digest mentioning it has T in digest_tags, as the triggers' TAG_COUNTS_HAS
 * (schema.c) says; tags.origin 'user' rows are counted apart. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store/internal.h"
#include "strbuf.h"
#include "xalloc.h"

void tag_sets_clear(struct tag_sets *sets)
{
	for (size_t i = 0; i < sets->count; i++)
		free(sets->pairs[i].tag);
	free(sets->pairs);
	memset(sets, 0, sizeof *sets);
}

static int compare_pairs(const void *a, const void *b)
{
	const struct tag_pair *x = a, *y = b;
	if (x->item != y->item)
		return x->item < y->item ? -1 : 1;
	return strcmp(x->tag, y->tag);
}

int tag_sets_read(struct store *store, const int64_t *ids, size_t count, int64_t exclude_digest,
                  struct tag_sets *out, char **error)
{
	if (count == 0)
		return 0;
	/* The ids as a JSON array: one statement for the whole digest. */
	struct strbuf json;
	strbuf_init(&json);
	db_ids_json(&json, ids, count);
	sqlite3_stmt *stmt = db_prepare(store,
		"SELECT x.item_id, x.tag, max(x.user), i.read = 0 FROM ("
		"  SELECT item_id, tag, origin = 'user' AS user FROM tags"
		"  WHERE item_id IN (SELECT value FROM json_each(?1)) AND digest_id IS NOT ?2"
		"  UNION ALL"
		"  SELECT m.item_id, dt.tag, 0 FROM mentions m CROSS JOIN digest_tags dt"
		"   ON dt.digest_id = m.digest_id"
		"  WHERE m.item_id IN (SELECT value FROM json_each(?1)) AND m.digest_id IS NOT ?2) x"
		" JOIN items i ON i.id = x.item_id GROUP BY x.item_id, x.tag");
	if (!stmt) {
		strbuf_clear(&json);
		return db_fail(store, error);
	}
	sqlite3_bind_text(stmt, 1, json.data, (int)json.len, SQLITE_STATIC);
	if (exclude_digest)
		sqlite3_bind_int64(stmt, 2, exclude_digest);
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		out->pairs = xgrow(out->pairs, &out->capacity, out->count + 1, sizeof *out->pairs);
		struct tag_pair *p = &out->pairs[out->count++];
		p->item = sqlite3_column_int64(stmt, 0);
		p->tag = db_column_text_or_empty(stmt, 1);
		p->user = sqlite3_column_int(stmt, 2) != 0;
		p->unread = sqlite3_column_int(stmt, 3) != 0;
	}
	int result = db_step_error(store, stmt, rc, error);  /* resets it */
	strbuf_clear(&json);
	return result;
}

/* Sorted, each pair once (the writer's own list of an item's tags may name
 * one twice: the same key twice in a digest, a tag twice in a field). */
static void sort_unique(struct tag_sets *sets)
{
	if (sets->count == 0)
		return;         /* pairs may be NULL, which qsort must not be given */
	qsort(sets->pairs, sets->count, sizeof *sets->pairs, compare_pairs);
	size_t kept = 0;
	for (size_t i = 0; i < sets->count; i++) {
		if (kept > 0 && compare_pairs(&sets->pairs[kept - 1], &sets->pairs[i]) == 0) {
			free(sets->pairs[i].tag);
			continue;
		}
		sets->pairs[kept++] = sets->pairs[i];
	}
	sets->count = kept;
}

/* One tag's change. */
struct tag_delta {
	const char *tag;
	int64_t items, unread, user;
};

static int compare_deltas(const void *a, const void *b)
{
	return strcmp(((const struct tag_delta *)a)->tag, ((const struct tag_delta *)b)->tag);
}

static void delta_add(struct tag_delta **deltas, size_t *count, size_t *capacity,
                      const struct tag_pair *p, int sign)
{
	*deltas = xgrow(*deltas, capacity, *count + 1, sizeof **deltas);
	struct tag_delta *d = &(*deltas)[(*count)++];
	d->tag = p->tag;
	d->items = sign;
	d->unread = p->unread ? sign : 0;
	d->user = p->user ? sign : 0;
}

int tag_counts_apply(struct store *store, struct tag_sets *before, struct tag_sets *after,
                     const struct digest *digest, char **error)
{
	sort_unique(before);
	sort_unique(after);
	struct tag_delta *deltas = NULL;
	size_t count = 0, capacity = 0;
	/* Merge the two sorted sets: a pair in one only is a tag gained or
	 * lost; in both, its user row or (never during an import, but
	 * exactly) its read mark may differ. */
	size_t i = 0, j = 0;
	while (i < before->count || j < after->count) {
		int c = i == before->count ? 1 : j == after->count ? -1
		      : compare_pairs(&before->pairs[i], &after->pairs[j]);
		if (c < 0) {
			delta_add(&deltas, &count, &capacity, &before->pairs[i++], -1);
		} else if (c > 0) {
			delta_add(&deltas, &count, &capacity, &after->pairs[j++], 1);
		} else {
			const struct tag_pair *b = &before->pairs[i++], *a = &after->pairs[j++];
			if (a->user != b->user || a->unread != b->unread) {
				delta_add(&deltas, &count, &capacity, a, 1);
				deltas[count - 1].items = 0;
				deltas[count - 1].unread = (int64_t)a->unread - (int64_t)b->unread;
				deltas[count - 1].user = (int64_t)a->user - (int64_t)b->user;
			}
		}
	}
	/* The digest's own tags have a row even when they gave no item the
	 * tag, as the digest_tags trigger leaves one. */
	for (size_t k = 0; k < digest->tag_count; k++) {
		const char *name = digest->tags[k].name;
		if (!name || !*name)
			continue;
		deltas = xgrow(deltas, &capacity, count + 1, sizeof *deltas);
		deltas[count++] = (struct tag_delta){ .tag = name };
	}
	if (count)
		qsort(deltas, count, sizeof *deltas, compare_deltas);       /* deltas may be NULL */
	int result = 0;
	for (size_t k = 0; k < count && result == 0;) {
		struct tag_delta sum = deltas[k];
		bool ensure = sum.items == 0 && sum.unread == 0 && sum.user == 0;
		for (k++; k < count && strcmp(deltas[k].tag, sum.tag) == 0; k++) {
			sum.items += deltas[k].items;
			sum.unread += deltas[k].unread;
			sum.user += deltas[k].user;
			ensure = ensure || (deltas[k].items == 0 && deltas[k].unread == 0 && deltas[k].user == 0);
		}
		if (sum.items == 0 && sum.unread == 0 && sum.user == 0 && !ensure)
			continue;
		sqlite3_stmt *stmt = db_prepare(store,
			"INSERT INTO tag_counts (tag, items, unread, user) VALUES (?1, ?2, ?3, ?4)"
			" ON CONFLICT (tag) DO UPDATE SET items = items + excluded.items,"
			" unread = unread + excluded.unread, user = user + excluded.user");
		if (!stmt) {
			result = db_fail(store, error);
			break;
		}
		db_bind_text(stmt, 1, sum.tag);
		sqlite3_bind_int64(stmt, 2, sum.items);
		sqlite3_bind_int64(stmt, 3, sum.unread);
		sqlite3_bind_int64(stmt, 4, sum.user);
		result = db_run(store, stmt, error);
	}
	free(deltas);
	return result;
}
