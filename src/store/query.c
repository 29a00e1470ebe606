/* Queries: filters (kind, tag, source, search, since, unread, starred, and
 * a compiled query's terms, query.h) as SQL with bound values only, the
 * sort orders, counting, listing and keyset paging. */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#include <sqlite3.h>

#include "store.h"
#include "store/internal.h"
#include "i18n.h"
#include "strbuf.h"
#include "xalloc.h"

/* ------------------------------------------------------------------ reading */

void item_filter_init(struct item_filter *filter)
{
	memset(filter, 0, sizeof *filter);
	filter->kind = -1;
	filter->sort = SORT_NEWEST;
}

static char *copy_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void item_filter_add_terms(struct item_filter *owned, const struct filter_term *terms,
                           size_t count)
{
	if (!count)
		return;
	struct filter_term *all = xmalloc((owned->term_count + count) * sizeof *all);
	if (owned->term_count)
		memcpy(all, owned->terms, owned->term_count * sizeof *all);
	for (size_t i = 0; i < count; i++) {
		all[owned->term_count + i] = terms[i];
		all[owned->term_count + i].text = copy_or_null(terms[i].text);
	}
	free((void *)owned->terms);
	owned->terms = all;
	owned->term_count += count;
}

void item_filter_copy(struct item_filter *out, const struct item_filter *in)
{
	struct item_filter copy = *in;
	copy.tag = copy_or_null(in->tag);
	copy.source = copy_or_null(in->source);
	copy.search = copy_or_null(in->search);
	copy.since = copy_or_null(in->since);
	copy.terms = NULL;
	copy.term_count = 0;
	item_filter_add_terms(&copy, in->terms, in->term_count);
	*out = copy;
}

void item_filter_clear(struct item_filter *owned)
{
	free((void *)owned->tag);
	free((void *)owned->source);
	free((void *)owned->search);
	free((void *)owned->since);
	for (size_t i = 0; i < owned->term_count; i++)
		free((void *)owned->terms[i].text);
	free((void *)owned->terms);
	enum item_sort sort = owned->sort;
	item_filter_init(owned);
	owned->sort = sort;
}

/* Values for the "?" of a query built from fixed fragments, in order.
 * User text only ever travels here, never into the SQL text. */
struct sql_args {
	struct sql_arg {
		bool is_text;
		int64_t number;
		char *text;
		struct rowset *rows;    /* a MATCH's rows (rowset.c), else NULL */
	} *items;
	size_t count, capacity;
};

static void arg_text(struct sql_args *args, char *owned_text)
{
	args->items = xgrow(args->items, &args->capacity, args->count + 1, sizeof *args->items);
	args->items[args->count++] = (struct sql_arg){ .is_text = true, .text = owned_text };
}

static void arg_int(struct sql_args *args, int64_t number)
{
	args->items = xgrow(args->items, &args->capacity, args->count + 1, sizeof *args->items);
	args->items[args->count++] = (struct sql_arg){ .number = number };
}

static void arg_rowset(struct sql_args *args, struct rowset *owned_rows)
{
	args->items = xgrow(args->items, &args->capacity, args->count + 1, sizeof *args->items);
	args->items[args->count++] = (struct sql_arg){ .rows = owned_rows };
}

static void args_free(struct sql_args *args)
{
	for (size_t i = 0; i < args->count; i++) {
		free(args->items[i].text);
		rowset_free(args->items[i].rows);
	}
	free(args->items);
}

static void bind_args(sqlite3_stmt *stmt, const struct sql_args *args)
{
	for (size_t i = 0; i < args->count; i++) {
		if (args->items[i].is_text)
			db_bind_text(stmt, (int)i + 1, args->items[i].text);
		else if (args->items[i].rows)
			rowset_bind(stmt, (int)i + 1, args->items[i].rows);
		else
			sqlite3_bind_int64(stmt, (int)i + 1, args->items[i].number);
	}
}

/* The one number a count(*) query gives. */
static int count_query(struct store *store, const char *sql, const struct sql_args *args,
                       int64_t *out, char **error)
{
	sqlite3_stmt *stmt = db_prepare(store, sql);
	if (!stmt)
		return db_fail(store, error);
	bind_args(stmt, args);
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		db_step_error(store, stmt, rc, error);  /* count(*) always has a row */
		return -1;
	}
	*out = sqlite3_column_int64(stmt, 0);
	db_finish(stmt);
	return 0;
}

static void add_condition(struct strbuf *where, const char *condition)
{
	strbuf_puts(where, where->len ? " AND " : " WHERE ");
	strbuf_puts(where, condition);
}

static bool is_space_at(const char *s, size_t *width)
{
	unsigned char c = (unsigned char)*s;
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
		*width = 1;
		return true;
	}
	/* U+3000 IDEOGRAPHIC SPACE, common between words of a Chinese query */
	if (c == 0xe3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80) {
		*width = 3;
		return true;
	}
	return false;
}

/* Full text.  Each word or "quoted phrase" becomes a quoted FTS5 string
 * for the radar tokenizer (so quotes, parentheses, AND/OR/NOT, '*', '-'
 * mean nothing to FTS5), a prefix when it ends in a word (not in a quoted
 * phrase) or in a single Chinese character (tokenizer.c).  An index row is
 * a mention, so the words of one MATCH must occur in one digest's account
 * of the item. */
struct text_match {
	struct strbuf match;        /* the positive words, ANDed */
	bool empty_word;            /* one had nothing the index knows */
	bool prefix;                /* one is a prefix ("word" *) */
};

static void match_add(struct text_match *m, const char *word, size_t len, bool exact)
{
	size_t before = m->match.len;
	if (m->match.len)
		strbuf_putc(&m->match, ' ');
	if (!fts_match_word(word, len, exact, &m->match)) {
		m->match.len = before;
		if (m->match.data)
			m->match.data[before] = '\0';
		m->empty_word = true;
	} else if (m->match.len >= 2 && !strcmp(m->match.data + m->match.len - 2, " *")) {
		m->prefix = true;
	}
}

/* The old --search string: whitespace-separated words and "phrases". */
static void search_words(const char *query, struct text_match *m)
{
	const char *p = query;
	for (;;) {
		size_t width;
		while (*p && is_space_at(p, &width))
			p += width;
		if (!*p)
			break;
		const char *start = p, *end;
		const char *close = *p == '"' ? strchr(p + 1, '"') : NULL;
		bool quoted = close != NULL;
		if (close) {
			start = p + 1;
			end = close;
			p = close + 1;
		} else {
			while (*p && !is_space_at(p, &width))
				p++;
			end = p;
		}
		match_add(m, start, (size_t)(end - start), quoted);
	}
}

#define MATCHING_ROWS "(SELECT rowid FROM items_fts WHERE items_fts MATCH ?)"
#define MATCHING_ITEMS "(SELECT m.item_id FROM mentions m WHERE m.id IN " MATCHING_ROWS ")"
/* The same set asked item by item, for walking a list in its order: the
 * index rows are gathered once (an uncorrelated subquery: FTS5 alone, no
 * mention read), each item's mention ids come from the (item_id,
 * digest_id) index; the unary + keeps SQLite from driving the subquery
 * by m.id instead. */
#define ITEM_MATCHES "EXISTS (SELECT 1 FROM mentions m WHERE m.item_id = i.id" \
	" AND +m.id IN " MATCHING_ROWS ")"
/* A page's walk asks FTS5 about each mention instead (rowid = m.id: a
 * seek into each word's list), so nothing is gathered and the page costs
 * only the items it passes over: at 10^6 items a dense two-character
 * query's first page in 12-30 ms where gathering its 570k rows first took
 * 60-100.  Not for a prefix, which FTS5 answers by merging the whole list
 * of every term it starts, per probe: its walk asks a set of the rows read
 * once (ITEM_IN_ROWSET, rowset.c). */
#define ITEM_PROBES "EXISTS (SELECT 1 FROM mentions m WHERE m.item_id = i.id" \
	" AND EXISTS (SELECT 1 FROM items_fts WHERE items_fts MATCH ? AND rowid = m.id))"
#define ITEM_IN_ROWSET "EXISTS (SELECT 1 FROM mentions m WHERE m.item_id = i.id" \
	" AND radar_rowset_has(?, m.id))"

/* Index rows (mentions) matching from which a list walks its own order
 * instead of gathering every matching item.  Gathering costs a mention and
 * an item read per matching row, then a sort of them all (~1.2 us a row
 * here: 140 ms for 114k rows at 10^5 items); walking costs an index probe
 * per item passed over (~0.45 us) and stops when the page is full, after
 * about page x items / matching items.  Below this many rows gathering is
 * at most a few ms; above it, matches are dense enough that a page is
 * reached early (2000 of 10^6 mentions: ~25k items passed for 50 rows). */
#define MATCH_WALK_ROWS 2000

/* How SQL uses a filter: counting (or finding one item) needs every match;
 * a page of a list needs the first rows in order. */
enum filter_use { FILTER_FOR_COUNT, FILTER_FOR_PAGE };

/* A count (or a position) walks the whole list either way, so it walks
 * only when gathering would cost more: matches on at least this share of
 * the items (0.45 us an item walked against 1.2 us a row gathered). */
#define MATCH_WALK_COUNT_PERCENT 40

/* From how many index rows USE walks: MATCH_WALK_ROWS for a page, the
 * share above of the items for a count; RADAR_SEARCH_WALK_ROWS when set
 * (tests/test-paging compares both plans on a small cache: 1 always
 * walks, 1000000000 never does). */
static int match_walk_rows(struct store *store, enum filter_use use, int64_t *rows, char **error)
{
	const char *env = getenv("RADAR_SEARCH_WALK_ROWS");
	long n = env && *env ? strtol(env, NULL, 10) : 0;
	if (n > 0 && n <= 1000000000) {
		*rows = n;
		return 0;
	}
	*rows = MATCH_WALK_ROWS;
	if (use == FILTER_FOR_PAGE)
		return 0;
	int64_t last = 0;
	if (store_max_item_id(store, &last, error) < 0)
		return -1;
	if (last / 100 * MATCH_WALK_COUNT_PERCENT > *rows)
		*rows = last / 100 * MATCH_WALK_COUNT_PERCENT;
	return 0;
}

/* Whether MATCH has at least match_walk_rows() index rows (counted no further). */
static int match_is_dense(struct store *store, enum filter_use use, const char *match, bool *dense,
                          char **error)
{
	int64_t walk_rows;
	if (match_walk_rows(store, use, &walk_rows, error) < 0)
		return -1;
	sqlite3_stmt *stmt = db_prepare(store, "SELECT count(*) FROM (SELECT rowid FROM items_fts"
	                                " WHERE items_fts MATCH ?1 LIMIT ?2)");
	if (!stmt)
		return db_fail(store, error);
	db_bind_text(stmt, 1, match);
	sqlite3_bind_int64(stmt, 2, walk_rows);
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		db_step_error(store, stmt, rc, error);  /* count(*) always has a row */
		return -1;
	}
	*dense = sqlite3_column_int64(stmt, 0) >= walk_rows;
	db_finish(stmt);
	return 0;
}

/* A page of a prefix search: its rows read once (which says whether it is
 * dense too: FTS5 merges a prefix's lists whole even to count 2000 rows),
 * walked through ITEM_IN_ROWSET when dense, else gathered. */
static int prefix_page_condition(struct store *store, struct text_match *m, struct strbuf *where,
                                 struct sql_args *args, char **error)
{
	int64_t walk_rows;
	struct rowset *rows = NULL;
	if (match_walk_rows(store, FILTER_FOR_PAGE, &walk_rows, error) < 0 ||
	    rowset_collect(store, m->match.data, &rows, error) < 0)
		return -1;
	if ((int64_t)rowset_count(rows) >= walk_rows) {
		add_condition(where, ITEM_IN_ROWSET);
		arg_rowset(args, rows);
	} else {
		rowset_free(rows);
		add_condition(where, "i.id IN " MATCHING_ITEMS);
		arg_text(args, strbuf_detach(&m->match));
	}
	return 0;
}

/* The positive words' condition.  A query with nothing indexable (only
 * punctuation or emoji) matches nothing.  A dense match walks the list's
 * order (a page: ITEM_PROBES, or ITEM_IN_ROWSET for a prefix; a count:
 * ITEM_MATCHES); otherwise the matching items are gathered
 * (MATCHING_ITEMS).  All name the same items. */
static int match_condition(struct store *store, enum filter_use use, struct text_match *m,
                           struct strbuf *where, struct sql_args *args, char **error)
{
	int result = 0;
	if (m->empty_word && !m->match.len) {
		add_condition(where, "0");
	} else if (m->match.len && use == FILTER_FOR_PAGE && m->prefix) {
		result = prefix_page_condition(store, m, where, args, error);
	} else if (m->match.len) {
		bool dense = false;
		result = match_is_dense(store, use, m->match.data, &dense, error);
		add_condition(where, !dense ? "i.id IN " MATCHING_ITEMS
		                     : use == FILTER_FOR_PAGE ? ITEM_PROBES : ITEM_MATCHES);
		arg_text(args, strbuf_detach(&m->match));
	}
	strbuf_clear(&m->match);
	return result;
}

/* -word: no mention has it (a word with nothing indexable excludes nothing). */
static void excluded_text(const struct filter_term *term, struct strbuf *where, struct sql_args *args)
{
	struct strbuf match;
	strbuf_init(&match);
	if (fts_match_word(term->text, strlen(term->text), term->phrase, &match)) {
		add_condition(where, "i.id NOT IN " MATCHING_ITEMS);
		arg_text(args, strbuf_detach(&match));
	}
	strbuf_clear(&match);
}

/* tag:Agent finds agent and AGENT too: digests spell a tag as they like.
 * NOCASE folds ASCII only, so CJK tags compare as they are. */
#define TAGGED_ITEMS "(SELECT item_id FROM tags WHERE tag = ? COLLATE NOCASE" \
	" UNION SELECT m.item_id FROM digest_tags dt" \
	" JOIN mentions m ON m.digest_id = dt.digest_id WHERE dt.tag = ? COLLATE NOCASE)"
/* The same items, asked about one by one while walking the list's order. */
#define TAG_PROBES "(EXISTS (SELECT 1 FROM tags WHERE item_id = i.id AND tag = ? COLLATE NOCASE)" \
	" OR EXISTS (SELECT 1 FROM mentions m JOIN digest_tags dt ON dt.digest_id = m.digest_id" \
	" WHERE m.item_id = i.id AND dt.tag = ? COLLATE NOCASE))"
/* A page walks for a tag of M items out of N when M * M >= this * N: the
 * walk passes about a window (560 rows) x N / M items at ~2.5 us each
 * where gathering costs ~1 us per tagged item.  At 10^6 items that is
 * from 37k tagged items (a tag on 13% of them: a page 110 ms gathered,
 * 3 ms walked). */
#define TAG_WALK_FACTOR 1400
#define SOURCE_ITEMS "(SELECT m.item_id FROM mentions m" \
	" JOIN digests d ON d.id = m.digest_id" \
	" WHERE d.source_id = (SELECT id FROM sources WHERE name = ?))"

/* Whether USE should walk for TAG rather than gather its items, from the
 * tag pane's count of them (tag_counts; any spelling, as tag: compares).
 * RADAR_SEARCH_WALK_ROWS, when set, decides for tags as for words: from
 * that many tagged items. */
static int tag_is_dense(struct store *store, enum filter_use use, const char *tag, bool *dense,
                        char **error)
{
	sqlite3_stmt *stmt = db_prepare(store,
		"SELECT coalesce(sum(items), 0) FROM tag_counts WHERE tag = ?1 COLLATE NOCASE");
	if (!stmt)
		return db_fail(store, error);
	db_bind_text(stmt, 1, tag);
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		db_step_error(store, stmt, rc, error);  /* sum() always has a row */
		return -1;
	}
	int64_t tagged = sqlite3_column_int64(stmt, 0);
	db_finish(stmt);
	const char *env = getenv("RADAR_SEARCH_WALK_ROWS");
	long n = env && *env ? strtol(env, NULL, 10) : 0;
	if (n > 0 && n <= 1000000000) {
		*dense = tagged >= n;
		return 0;
	}
	int64_t items = 0;
	if (store_max_item_id(store, &items, error) < 0)
		return -1;
	*dense = use == FILTER_FOR_PAGE ? tagged * tagged >= TAG_WALK_FACTOR * items
	                                : tagged * 100 >= items * MATCH_WALK_COUNT_PERCENT;
	return 0;
}

/* tag:TAG (or the tag pane's tag): walked when dense, else gathered, as a
 * match is; NOT IN either way (a walk would pass every item). */
static int tag_condition(struct store *store, enum filter_use use, const char *tag, bool negated,
                         struct strbuf *where, struct sql_args *args, char **error)
{
	bool dense = false;
	if (!negated && tag_is_dense(store, use, tag, &dense, error) < 0)
		return -1;
	add_condition(where, negated ? "i.id NOT IN " TAGGED_ITEMS
	                             : dense ? TAG_PROBES : "i.id IN " TAGGED_ITEMS);
	arg_text(args, xstrdup(tag));
	arg_text(args, xstrdup(tag));
	return 0;
}

/* One term of a query; positive words join M's one MATCH. */
static void term_condition(const struct filter_term *term, struct text_match *m,
                           struct strbuf *where, struct sql_args *args)
{
	bool no = term->negated;
	switch (term->field) {
	case FILTER_TEXT:
		if (no)
			excluded_text(term, where, args);
		else
			match_add(m, term->text, strlen(term->text), term->phrase);
		break;
	case FILTER_KIND:
		if (term->kind < 0 || term->kind >= KIND_COUNT) {
			add_condition(where, no ? "1" : "0");
			break;
		}
		add_condition(where, no ? "instr(i.kinds, ?) = 0" : "instr(i.kinds, ?) > 0");
		arg_text(args, xasprintf(",%s,", kind_names[term->kind]));
		break;
	case FILTER_TAG:            /* filter_sql: tag_condition */
		break;
	case FILTER_SOURCE:
		add_condition(where, no ? "i.id NOT IN " SOURCE_ITEMS : "i.id IN " SOURCE_ITEMS);
		arg_text(args, xstrdup(term->text));
		break;
	case FILTER_SINCE:
	case FILTER_BEFORE:
		add_condition(where, (term->field == FILTER_SINCE) != no ? "i.sort_date >= ?"
		                                                         : "i.sort_date < ?");
		arg_text(args, xstrdup(term->text));
		break;
	/* Literal constants, so the partial indexes apply. */
	case FILTER_READ:
		add_condition(where, no ? "i.read = 0" : "i.read = 1");
		break;
	case FILTER_STARRED:
		add_condition(where, no ? "i.starred = 0" : "i.starred = 1");
		break;
	}
}

static int filter_sql(struct store *store, const struct item_filter *filter, enum filter_use use,
                      struct strbuf *where, struct sql_args *args, char **error)
{
	if (filter->kind >= KIND_COUNT || filter->kind < -1)
		return db_error(error, xasprintf(_("cache %s: unknown item kind %d"), store->path, filter->kind));
	if (hot_prepare(store, filter, error) < 0)
		return -1;
	if (filter->hot_only && filter->sort == SORT_HOT) {
		add_condition(where, "i.id IN (SELECT item_id FROM temp.hot)");
	} else if (filter->hot_only) {
		/* The same items without their scores, which only the Hot sort
		 * reads: a count of the Hot view (the tag pane) at 10^5 hot items
		 * took 1.7 s to score them all.  An item is in the window when
		 * its latest mention is (items_hot, schema 14). */
		char today[11], first_day[11];
		if (hot_window(store, filter, today, first_day, error) < 0)
			return -1;
		add_condition(where, "i.last_mentioned >= ?");
		arg_text(args, xstrdup(first_day));
	}
	if (filter->new_since) {
		add_condition(where, "i.first_seen > ?");
		arg_text(args, xstrdup(filter->new_since));
	}
	if (filter->after_id > 0) {
		add_condition(where, "i.id > ?");
		arg_int(args, filter->after_id);
	}
	if (filter->kind >= 0) {
		/* Its own kind, or the kind of anything it links: an article
		 * that links a paper is found among papers too. */
		add_condition(where, "instr(i.kinds, ?) > 0");
		arg_text(args, xasprintf(",%s,", kind_names[filter->kind]));
	}
	/* An item's own tags, or its digests' (front matter). */
	if (filter->tag && tag_condition(store, use, filter->tag, false, where, args, error) < 0)
		return -1;
	if (filter->source) {
		add_condition(where, "i.id IN " SOURCE_ITEMS);
		arg_text(args, xstrdup(filter->source));
	}
	struct text_match m = { .empty_word = false };
	strbuf_init(&m.match);
	if (filter->search)
		search_words(filter->search, &m);
	for (size_t i = 0; i < filter->term_count; i++)
		if (filter->terms[i].field == FILTER_TEXT && !filter->terms[i].negated)
			term_condition(&filter->terms[i], &m, where, args);
	if (match_condition(store, use, &m, where, args, error) < 0)
		return -1;
	for (size_t i = 0; i < filter->term_count; i++) {
		const struct filter_term *term = &filter->terms[i];
		if (term->field == FILTER_TAG) {
			if (tag_condition(store, use, term->text, term->negated, where, args, error) < 0)
				return -1;
		} else if (term->field != FILTER_TEXT || term->negated) {
			term_condition(term, &m, where, args);
		}
	}
	if (filter->since && *filter->since) {
		add_condition(where, "i.sort_date >= ?");
		arg_text(args, xstrdup(filter->since));
	}
	/* Literal constants, so the partial indexes apply. */
	if (filter->unread_only)
		add_condition(where, "i.read = 0");
	if (filter->starred_only)
		add_condition(where, "i.starred = 1");
	/* A source's recurring promo (boilerplate.c) is not listed unless
	 * asked for: --all, a query, or the user's own star. */
	if (!filter->with_boilerplate && !filter->search && filter->term_count == 0 &&
	    !filter->starred_only)
		add_condition(where, "(i.boilerplate = 0 OR i.starred = 1)");
	return 0;
}

struct sort_sql {
	const char *order;          /* list order */
	const char *reverse;        /* the opposite */
	const char *after;          /* rows after the anchor in list order */
	const char *before;
};

static const struct sort_sql sorts[] = {
#define SORT_SQL(id, name, label, order, reverse, after, before) \
	[SORT_##id] = { order, reverse, after, before },
	ITEM_SORTS(SORT_SQL)
#undef SORT_SQL
};

static const struct sort_sql *sort_of(const struct item_filter *filter)
{
	unsigned sort = (unsigned)filter->sort;
	return sort < sizeof sorts / sizeof sorts[0] ? &sorts[sort] : &sorts[SORT_NEWEST];
}

/* Where an item sits in each sort order. */
struct sort_key {
	char *sort_date;
	int64_t mentions;
	int64_t hot;                /* its score in temp.hot */
	char *title;
	int64_t id;
};

static void sort_key_free(struct sort_key *key)
{
	free(key->sort_date);
	free(key->title);
}

static void anchor_args(const struct item_filter *filter, const struct sort_key *key,
                        struct sql_args *args)
{
	switch (filter->sort) {
	case SORT_MENTIONS:
		arg_int(args, key->mentions);
		arg_text(args, xstrdup(key->sort_date));
		break;
	case SORT_TITLE:
		arg_text(args, xstrdup(key->title));
		break;
	case SORT_HOT:
		arg_int(args, key->hot);
		arg_text(args, xstrdup(key->sort_date));
		break;
	case SORT_NEWEST:
	default:
		arg_text(args, xstrdup(key->sort_date));
		break;
	}
	arg_int(args, key->id);
}

/* The current sort key of item ID; FOUND false when it is gone. */
static int load_sort_key(struct store *store, int64_t id, struct sort_key *key, bool *found,
                         char **error)
{
	sqlite3_stmt *stmt = db_prepare(store,
		"SELECT sort_date, mention_count, title,"
		" coalesce((SELECT score FROM temp.hot WHERE item_id = ?1), 0) FROM items WHERE id = ?1");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, id);
	int rc = sqlite3_step(stmt);
	*found = rc == SQLITE_ROW;
	if (*found) {
		key->sort_date = db_column_text_or_empty(stmt, 0);
		key->mentions = sqlite3_column_int64(stmt, 1);
		key->title = db_column_text_or_empty(stmt, 2);
		key->hot = sqlite3_column_int64(stmt, 3);
		key->id = id;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		char *message = db_message(store);
		db_finish(stmt);
		return db_error(error, message);
	}
	db_finish(stmt);
	return 0;
}

void item_row_read(sqlite3_stmt *stmt, struct item_row *row)
{
	row->id = sqlite3_column_int64(stmt, 0);
	row->key = db_column_text_or_empty(stmt, 1);
	row->kind = kind_from_text((const char *)sqlite3_column_text(stmt, 2));
	row->title = db_column_text_or_empty(stmt, 3);
	row->url = db_column_text(stmt, 4);
	row->date = db_column_text(stmt, 5);
	row->first_seen = db_column_text_or_empty(stmt, 6);
	row->source = db_column_text(stmt, 7);
	row->read = sqlite3_column_int(stmt, 8) != 0;
	row->starred = sqlite3_column_int(stmt, 9) != 0;
	row->mentions = sqlite3_column_int(stmt, 10);
	row->hot = sqlite3_column_int(stmt, 11);
}

void item_row_clear(struct item_row *row)
{
	free(row->key);
	free(row->title);
	free(row->url);
	free(row->date);
	free(row->first_seen);
	free(row->source);
}

void item_rows_free(struct item_row *rows, size_t count)
{
	if (!rows)
		return;
	for (size_t i = 0; i < count; i++)
		item_row_clear(&rows[i]);
	free(rows);
}

/* Run a built row query and collect up to LIMIT rows. */
static int collect_rows(struct store *store, const char *sql, const struct sql_args *args,
                        int limit, struct item_row **rows, size_t *row_count, char **error)
{
	sqlite3_stmt *stmt = db_prepare(store, sql);
	if (!stmt)
		return db_fail(store, error);
	bind_args(stmt, args);
	size_t capacity = 0, count = 0;
	struct item_row *out = NULL;
	int rc;
	while (count < (size_t)limit && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		out = xgrow(out, &capacity, count + 1, sizeof *out);
		item_row_read(stmt, &out[count++]);
	}
	if (count < (size_t)limit && rc != SQLITE_DONE) {
		char *message = db_message(store);
		db_finish(stmt);
		item_rows_free(out, count);
		return db_error(error, message);
	}
	db_finish(stmt);
	*rows = out;
	*row_count = count;
	return 0;
}

/* A count item_counts holds (schema 10: every item, or a kind's; unread,
 * starred or all; with or without boilerplate, as filter_sql leaves it
 * out): the query reading it, or NULL when the filter asks for more. */
#define KEPT_COUNT(column) "SELECT coalesce((SELECT " column " FROM item_counts WHERE key = ?), 0)"
static const char *kept_count(const struct item_filter *f)
{
	if (f->tag || f->source || f->search || f->term_count || (f->since && *f->since) ||
	    f->hot_only || f->new_since || f->after_id > 0 || (f->unread_only && f->starred_only) ||
	    f->kind >= KIND_COUNT || f->kind < -1)
		return NULL;
	if (f->starred_only)
		return KEPT_COUNT("starred");   /* a star shows boilerplate too */
	if (f->unread_only)
		return f->with_boilerplate ? KEPT_COUNT("unread") : KEPT_COUNT("shown_unread");
	return f->with_boilerplate ? KEPT_COUNT("items") : KEPT_COUNT("shown");
}

/* The count of FILTER's items: all of them (CAP <= 0, the count's plan), or
 * up to CAP (the page's plan, which stops there). */
static int count_items(struct store *store, const struct item_filter *filter, int64_t cap,
                       int64_t *count, char **error)
{
	struct strbuf sql, where;
	struct sql_args args = { 0 };
	strbuf_init(&sql);
	strbuf_init(&where);
	int result = -1;
	if (filter_sql(store, filter, cap > 0 ? FILTER_FOR_PAGE : FILTER_FOR_COUNT, &where, &args,
	               error) < 0)
		goto out;
	if (cap > 0) {
		strbuf_printf(&sql, "SELECT count(*) FROM (SELECT 1 FROM items i%s LIMIT ?)", where.data);
		arg_int(&args, cap);
	} else {
		strbuf_printf(&sql, "SELECT count(*) FROM items i%s", where.data);
	}
	result = count_query(store, sql.data, &args, count, error);
out:
	strbuf_clear(&where);
	strbuf_clear(&sql);
	args_free(&args);
	return result;
}

int store_count_items(struct store *store, const struct item_filter *filter,
                      int64_t *count, char **error)
{
	const char *kept_sql = kept_count(filter);
	if (kept_sql) {
		struct sql_args kept = { 0 };
		arg_text(&kept, filter->kind >= 0 ? xasprintf("k%s", kind_names[filter->kind]) : xstrdup(""));
		int result = count_query(store, kept_sql, &kept, count, error);
		args_free(&kept);
		return result;
	}
	return count_items(store, filter, 0, count, error);
}

int store_count_items_upto(struct store *store, const struct item_filter *filter, int64_t cap,
                           int64_t *count, char **error)
{
	if (cap <= 0) {
		*count = 0;
		return 0;
	}
	return count_items(store, filter, cap, count, error);
}

int store_max_item_id(struct store *store, int64_t *id, char **error)
{
	struct sql_args args = { 0 };
	return count_query(store, "SELECT coalesce(max(id), 0) FROM items", &args, id, error);
}

int store_list_items(struct store *store, const struct item_filter *filter,
                     int64_t offset, int limit, struct item_row **rows, size_t *row_count,
                     char **error)
{
	*rows = NULL;
	*row_count = 0;
	if (limit <= 0)
		return 0;
	if (offset < 0)
		offset = 0;
	struct strbuf sql, where;
	struct sql_args args = { 0 };
	strbuf_init(&sql);
	strbuf_init(&where);
	int result = -1;
	if (filter_sql(store, filter, FILTER_FOR_PAGE, &where, &args, error) < 0)
		goto out;
	strbuf_printf(&sql, "SELECT " ROW_COLUMNS ROW_FROM "%s ORDER BY %s LIMIT ? OFFSET ?",
	              where.data, sort_of(filter)->order);
	arg_int(&args, limit);
	arg_int(&args, offset);
	result = collect_rows(store, sql.data, &args, limit, rows, row_count, error);
out:
	strbuf_clear(&where);
	strbuf_clear(&sql);
	args_free(&args);
	return result;
}

/* Keyset paging in tiers.  A row-value comparison such as
 * (sort_date, id) < (?, ?) lets SQLite seek on sort_date only, so every page
 * inside a long run of equal dates (one big digest) rescans the run.  Each
 * tier below is a plain equality-prefix + one inequality, which the index
 * serves with a single seek: first the rows that share the anchor's leading
 * key, then the rows past it. */
struct sort_tiers {
	int key_count;                  /* values in the sort key, id last */
	const char *after[3];           /* tier conditions, longest prefix first */
	const char *before[3];
};

/* Paging a sort key one prefix at a time (see store_list_items_from): per
 * sort, as sorts.h orders them. */
static const struct sort_tiers tiers[] = {
	[SORT_NEWEST] = { 2,
		{ "i.sort_date = ? AND i.id < ?", "i.sort_date < ?" },
		{ "i.sort_date = ? AND i.id > ?", "i.sort_date > ?" } },
	[SORT_MENTIONS] = { 3,
		{ "i.mention_count = ? AND i.sort_date = ? AND i.id < ?",
		  "i.mention_count = ? AND i.sort_date < ?", "i.mention_count < ?" },
		{ "i.mention_count = ? AND i.sort_date = ? AND i.id > ?",
		  "i.mention_count = ? AND i.sort_date > ?", "i.mention_count > ?" } },
	[SORT_TITLE] = { 2,
		{ "i.title = ? COLLATE NOCASE AND i.id > ?", "i.title > ? COLLATE NOCASE" },
		{ "i.title = ? COLLATE NOCASE AND i.id < ?", "i.title < ? COLLATE NOCASE" } },
	[SORT_HOT] = { 3,
		{ HOT_SCORE " = ? AND i.sort_date = ? AND i.id < ?",
		  HOT_SCORE " = ? AND i.sort_date < ?", HOT_SCORE " < ?" },
		{ HOT_SCORE " = ? AND i.sort_date = ? AND i.id > ?",
		  HOT_SCORE " = ? AND i.sort_date > ?", HOT_SCORE " > ?" } },
};
_Static_assert(sizeof tiers / sizeof tiers[0] == SORT_COUNT, "one tiers entry per sort");

/* The first COUNT values of the anchor's sort key, in sort order. */
static void key_prefix_args(const struct item_filter *filter, const struct sort_key *key,
                            int count, struct sql_args *args)
{
	struct sql_args all = { 0 };
	anchor_args(filter, key, &all);
	for (int i = 0; i < count && (size_t)i < all.count; i++) {
		if (all.items[i].is_text)
			arg_text(args, all.items[i].text);
		else
			arg_int(args, all.items[i].number);
		all.items[i].text = NULL;
	}
	args_free(&all);
}

/* A tier's condition for FILTER.  When the filter holds "i.id IN (...)"
 * (search, source, tag), SQLite 3.40 seeks the (sort_date, id) index with
 * id = each IN value AND rowid < ? and gets it wrong: the range is dropped,
 * and an equal-date page repeats rows of the one before (`ls --search`
 * printed 290 rows, 225 distinct).  A unary + keeps the id range out of
 * the index seek there; the IN list bounds the rows scanned anyway. */
static char *keyset_condition(const struct item_filter *filter, const char *condition)
{
	bool in_list = filter->search || filter->source || filter->tag
	               || filter->hot_only;
	for (size_t i = 0; i < filter->term_count; i++)
		if (filter->terms[i].field == FILTER_TEXT || filter->terms[i].field == FILTER_TAG
		    || filter->terms[i].field == FILTER_SOURCE)
			in_list = true;
	const char *id = strstr(condition, "i.id ");
	if (!in_list || !id)
		return xstrdup(condition);
	return xasprintf("%.*s+%s", (int)(id - condition), condition, id);
}

int store_list_items_from(struct store *store, const struct item_filter *filter,
                          const struct item_row *anchor, bool forward, int limit,
                          struct item_row **rows, size_t *row_count, char **error)
{
	*rows = NULL;
	*row_count = 0;
	if (limit <= 0)
		return 0;
	const struct sort_sql *sort = sort_of(filter);
	unsigned sort_index = (unsigned)filter->sort < sizeof tiers / sizeof tiers[0]
	                      ? (unsigned)filter->sort : SORT_NEWEST;
	const struct sort_tiers *tier = &tiers[sort_index];
	struct sort_key key = { 0 };
	int result = -1;
	int tier_count = 1;
	if (anchor) {
		/* Page from where the anchor is now; if it was removed, from
		 * where it was. */
		bool found;
		if (load_sort_key(store, anchor->id, &key, &found, error) < 0)
			goto out;
		if (!found) {
			key.sort_date = xstrdup(anchor->date ? anchor->date
			                        : anchor->first_seen ? anchor->first_seen : "");
			key.mentions = anchor->mentions;
			key.title = xstrdup(anchor->title ? anchor->title : "");
			key.id = anchor->id;
		}
		tier_count = tier->key_count;
	}
	for (int t = 0; t < tier_count && (int)*row_count < limit; t++) {
		struct strbuf sql, where;
		struct sql_args args = { 0 };
		strbuf_init(&sql);
		strbuf_init(&where);
		int status = filter_sql(store, filter, FILTER_FOR_PAGE, &where, &args, error);
		if (status >= 0) {
			if (anchor) {
				char *condition = keyset_condition(filter, forward ? tier->after[t]
				                                                  : tier->before[t]);
				add_condition(&where, condition);
				free(condition);
				key_prefix_args(filter, &key, tier->key_count - t, &args);
			}
			strbuf_printf(&sql, "SELECT " ROW_COLUMNS ROW_FROM "%s ORDER BY %s LIMIT ?",
			              where.data, forward ? sort->order : sort->reverse);
			arg_int(&args, limit - (int)*row_count);
			struct item_row *page = NULL;
			size_t page_count = 0;
			status = collect_rows(store, sql.data, &args, limit - (int)*row_count, &page,
			                      &page_count, error);
			if (status >= 0 && page_count) {
				*rows = xrealloc(*rows, (*row_count + page_count) * sizeof **rows);
				memcpy(*rows + *row_count, page, page_count * sizeof *page);
				*row_count += page_count;
			}
			free(page);
		}
		strbuf_clear(&where);
		strbuf_clear(&sql);
		args_free(&args);
		if (status < 0) {
			item_rows_free(*rows, *row_count);
			*rows = NULL;
			*row_count = 0;
			goto out;
		}
	}
	if (!forward) {
		for (size_t i = 0, j = *row_count; i + 1 < j; i++, j--) {
			struct item_row tmp = (*rows)[i];
			(*rows)[i] = (*rows)[j - 1];
			(*rows)[j - 1] = tmp;
		}
	}
	result = 0;
out:
	sort_key_free(&key);
	return result;
}

int store_item_position(struct store *store, const struct item_filter *filter,
                        int64_t item_id, int64_t *position, char **error)
{
	*position = -1;
	struct strbuf sql, where;
	struct sql_args args = { 0 };
	struct sort_key key = { 0 };
	strbuf_init(&sql);
	strbuf_init(&where);
	int result = -1;
	if (filter_sql(store, filter, FILTER_FOR_COUNT, &where, &args, error) < 0)
		goto out;

	/* Is it in the list at all? */
	strbuf_printf(&sql, "SELECT 1 FROM items i%s%s i.id = ?", where.data,
	              where.len ? " AND" : " WHERE");
	arg_int(&args, item_id);
	sqlite3_stmt *stmt = db_prepare(store, sql.data);
	if (!stmt) {
		db_fail(store, error);
		goto out;
	}
	bind_args(stmt, &args);
	int rc = sqlite3_step(stmt);
	db_finish(stmt);
	if (rc == SQLITE_DONE) {
		result = 0;
		goto out;
	}
	if (rc != SQLITE_ROW) {
		db_fail(store, error);
		goto out;
	}
	bool found;
	if (load_sort_key(store, item_id, &key, &found, error) < 0)
		goto out;
	if (!found) {
		result = 0;
		goto out;
	}

	/* Count what comes before it. */
	args.count--;
	add_condition(&where, sort_of(filter)->before);
	anchor_args(filter, &key, &args);
	strbuf_reset(&sql);
	strbuf_printf(&sql, "SELECT count(*) FROM items i%s", where.data);
	result = count_query(store, sql.data, &args, position, error);
out:
	sort_key_free(&key);
	strbuf_clear(&where);
	strbuf_clear(&sql);
	args_free(&args);
	return result;
}

