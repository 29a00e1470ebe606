/* Boilerplate by recurrence: a block of a digest whose own text (digits,
 * month and weekday names — English, Chinese, Japanese and Korean, with the
 * calendar units of numbers: 5月3日, 2026年, 5월 — and URLs' query
 * strings set aside) recurs in
 * BOILERPLATE_DIGESTS or more digests of one source (on as many days) is the source's
 * furniture — a podcast plug, an invitation, a subscribe box, an ad — not
 * news.  Each item's fingerprint is computed beside the parse
 * (boilerplate_fingerprints, through store_prepare: on ingest's workers),
 * the writer records it per digest
 * (boilerplate_record, table `fingerprints`, schema 7) and keeps
 * items.boilerplate: how many digests of its source repeat its text, 0
 * below the threshold.  The default lists leave such items out (query.c);
 * their marks stay, and `ls --all` or a query still finds them.
 *
 * Why the text and not the URL: a paper or project that is really in the
 * news every day comes with that day's words about it, so its fingerprint
 * changes; a promo is pasted.  URL paths are kept (digits too), so items
 * that share a template but link their own pages stay apart.  A paper (an arXiv or DOI identity) is never
 * boilerplate even when a daily table repeats its row word for word. */
#include <config.h>

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store.h"
#include "store/internal.h"
#include "strbuf.h"
#include "xalloc.h"

/* Below this many bytes of normalised text a block says too little to be
 * told apart from a heading that merely recurs ("Other news"). */
#define FINGERPRINT_MIN_BYTES 12

/* A word and its length, known when compiling: the tables below are
 * matched at every word and every non-ASCII character of every item, so
 * neither strlen() nor a strncmp() per entry (a third of `radar import`'s
 * CPU once) is spent on a word whose first bytes differ. */
struct calendar_word {
	const char *text;
	unsigned char len;
};
#define W(s) { s, sizeof s - 1 }

static const struct calendar_word calendar_words[] = {
	W("january"), W("february"), W("march"), W("april"), W("may"), W("june"), W("july"),
	W("august"), W("september"), W("october"), W("november"), W("december"),
	W("jan"), W("feb"), W("mar"), W("apr"), W("jun"), W("jul"), W("aug"), W("sep"),
	W("sept"), W("oct"), W("nov"), W("dec"),
	W("monday"), W("tuesday"), W("wednesday"), W("thursday"), W("friday"), W("saturday"),
	W("sunday"),
	W("mon"), W("tue"), W("tues"), W("wed"), W("thu"), W("thur"), W("thurs"), W("fri"),
	W("sat"), W("sun"),
	W("today"), W("yesterday"), W("tonight"), W("week"), W("weekly"), W("daily"),
};

static bool is_calendar_word(const char *word, size_t len)
{
	for (size_t i = 0; i < sizeof calendar_words / sizeof calendar_words[0]; i++)
		if (calendar_words[i].len == len && calendar_words[i].text[0] == word[0] &&
		    memcmp(calendar_words[i].text, word, len) == 0)
			return true;
	return false;
}

/* The same in the CJK scripts, matched as written: weekdays (星期五, 周五,
 * 金曜日, (金), 금요일), the day relative to the digest (今天, 本周, 오늘) and
 * the words of a daily or weekly edition.  A number's calendar unit
 * (5月, 三月, 15日, 2026年, ５月, 5월, 3일) is dropped with the number, in
 * calendar_unit below. */
static const struct calendar_word cjk_calendar_words[] = {
	/* Chinese weekdays */
	W("星期一"), W("星期二"), W("星期三"), W("星期四"), W("星期五"), W("星期六"), W("星期日"), W("星期天"),
	W("礼拜一"), W("礼拜二"), W("礼拜三"), W("礼拜四"), W("礼拜五"), W("礼拜六"), W("礼拜日"), W("礼拜天"),
	W("禮拜一"), W("禮拜二"), W("禮拜三"), W("禮拜四"), W("禮拜五"), W("禮拜六"), W("禮拜日"), W("禮拜天"),
	W("周一"), W("周二"), W("周三"), W("周四"), W("周五"), W("周六"), W("周日"), W("周天"),
	W("週一"), W("週二"), W("週三"), W("週四"), W("週五"), W("週六"), W("週日"),
	/* Japanese weekdays, and their one-character forms in brackets */
	W("月曜日"), W("火曜日"), W("水曜日"), W("木曜日"), W("金曜日"), W("土曜日"), W("日曜日"),
	W("月曜"), W("火曜"), W("水曜"), W("木曜"), W("金曜"), W("土曜"), W("日曜"),
	W("（月）"), W("（火）"), W("（水）"), W("（木）"), W("（金）"), W("（土）"), W("（日）"),
	W("(月)"), W("(火)"), W("(水)"), W("(木)"), W("(金)"), W("(土)"), W("(日)"),
	/* Korean weekdays, and their one-syllable forms in brackets */
	W("월요일"), W("화요일"), W("수요일"), W("목요일"), W("금요일"), W("토요일"), W("일요일"),
	W("(월)"), W("(화)"), W("(수)"), W("(목)"), W("(금)"), W("(토)"), W("(일)"),
	/* the day, week, month or year relative to the digest */
	W("今天"), W("昨天"), W("明天"), W("今晚"), W("今日"), W("昨日"), W("明日"), W("本日"), W("当日"), W("當日"),
	W("本周"), W("上周"), W("下周"), W("本週"), W("上週"), W("下週"), W("今週"), W("先週"), W("来週"),
	W("本月"), W("上月"), W("下月"), W("今月"), W("先月"), W("来月"), W("今年"), W("去年"), W("明年"), W("昨年"), W("来年"),
	W("오늘"), W("어제"), W("내일"), W("이번 주"), W("지난주"), W("다음 주"), W("이번주"), W("다음주"),
	/* a daily or weekly edition */
	W("每日"), W("每天"), W("每周"), W("每週"), W("毎日"), W("毎週"), W("日报"), W("日報"), W("周报"), W("週報"),
	W("周刊"), W("週刊"), W("매일"), W("매주"), W("주간"),
};
#undef W

/* The code point at P (valid UTF-8: the text is clean) and its length. */
static unsigned int utf8_decode(const unsigned char *p, size_t *len)
{
	if (p[0] < 0xe0 || !p[1] || !p[2]) {
		*len = p[0] < 0xc0 || !p[1] ? 1 : 2;
		return *len == 2 ? ((p[0] & 0x1fu) << 6) | (p[1] & 0x3fu) : p[0];
	}
	if (p[0] < 0xf0 || !p[3]) {
		*len = 3;
		return ((p[0] & 0x0fu) << 12) | ((p[1] & 0x3fu) << 6) | (p[2] & 0x3fu);
	}
	*len = 4;
	return ((p[0] & 0x07u) << 18) | ((p[1] & 0x3fu) << 12) | ((p[2] & 0x3fu) << 6) | (p[3] & 0x3fu);
}

/* Full-width digits and the Han numerals a date is written with. */
static bool is_cjk_numeral(unsigned int c)
{
	static const unsigned int numerals[] = {
		0x3007, 0x96f6, 0x4e00, 0x4e8c, 0x4e09, 0x56db, 0x4e94, 0x516d, 0x4e03, 0x516b,
		0x4e5d, 0x5341, 0x5eff, 0x5345, 0x4e24,  /* 〇零一二三四五六七八九十廿卅两 */
	};
	if (c >= 0xff10 && c <= 0xff19)
		return true;
	for (size_t i = 0; i < sizeof numerals / sizeof numerals[0]; i++)
		if (numerals[i] == c)
			return true;
	return false;
}

/* A unit a number of the calendar or the clock is written with:
 * 年月日号號時时点點分秒 and Hangul 년월일시분. */
static bool calendar_unit(unsigned int c)
{
	static const unsigned int units[] = {
		0x5e74, 0x6708, 0x65e5, 0x53f7, 0x865f, 0x6642, 0x65f6, 0x70b9, 0x9ede, 0x5206, 0x79d2,
		0xb144, 0xc6d4, 0xc77c, 0xc2dc, 0xbd84,
	};
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (units[i] == c)
			return true;
	return false;
}

#define CJK_WORD_COUNT (sizeof cjk_calendar_words / sizeof cjk_calendar_words[0])
_Static_assert(CJK_WORD_COUNT < 256, "word indexes are bytes");

/* The words by the hash of their first two bytes, each bucket in table
 * order (so the first word that matches is still the table's first):
 * this is tried at every non-ASCII character of every item, and trying
 * all ~150 words there was most of the fingerprints' time. */
#define CJK_BUCKETS 256
static unsigned char bucket_start[CJK_BUCKETS + 1];
static unsigned char bucket_words[CJK_WORD_COUNT];
static pthread_once_t buckets_once = PTHREAD_ONCE_INIT;

static unsigned bucket_of(const unsigned char *p)
{
	return (p[0] * 31u + p[1]) & (CJK_BUCKETS - 1);
}

static void buckets_build(void)
{
	unsigned counts[CJK_BUCKETS] = { 0 };
	for (size_t i = 0; i < CJK_WORD_COUNT; i++)
		counts[bucket_of((const unsigned char *)cjk_calendar_words[i].text)]++;
	unsigned at = 0;
	for (unsigned b = 0; b < CJK_BUCKETS; b++) {
		bucket_start[b] = (unsigned char)at;
		at += counts[b];
		counts[b] = bucket_start[b];
	}
	bucket_start[CJK_BUCKETS] = (unsigned char)at;
	for (size_t i = 0; i < CJK_WORD_COUNT; i++)
		bucket_words[counts[bucket_of((const unsigned char *)cjk_calendar_words[i].text)]++] =
			(unsigned char)i;
}

/* The length of the CJK calendar word at P, or 0.  P[0] is not NUL and
 * every word is at least two bytes, so P[1] may be read; strncmp() stops
 * at the text's end for the rest. */
static size_t cjk_calendar_word(const unsigned char *p)
{
	pthread_once(&buckets_once, buckets_build);
	unsigned b = bucket_of(p);
	for (unsigned k = bucket_start[b]; k < bucket_start[b + 1]; k++) {
		const struct calendar_word *word = &cjk_calendar_words[bucket_words[k]];
		const unsigned char *w = (const unsigned char *)word->text;
		if (w[0] == p[0] && w[1] == p[1] &&
		    strncmp((const char *)p + 2, (const char *)w + 2, word->len - 2) == 0)
			return word->len;
	}
	return 0;
}

static bool url_char(unsigned char c)
{
	return c > ' ' && c != ')' && c != '>' && c != ']' && c != '"' && c != '\'';
}

/* TEXT reduced to what stays the same when a promo is pasted again: the
 * letters (case-folded) and non-ASCII characters, without digits, dates
 * (CJK ones too), punctuation (CJK and full-width too) or markup; URLs
 * without their queries/fragments.  Callers free. */
char *boilerplate_normalise(const char *text)
{
	struct strbuf out;
	strbuf_init(&out);
	const unsigned char *p = (const unsigned char *)(text ? text : "");
	bool in_url = false, in_query = false;
	bool after_number = false;  /* a digit (or Han numeral) just went by */
	while (*p) {
		if (!in_url && strncmp((const char *)p, "://", 3) == 0) {
			in_url = true;
			in_query = false;
			p += 3;
			continue;
		}
		if (in_url) {
			if (!url_char(*p)) {
				in_url = false;
				continue;
			}
			if (*p == '?' || *p == '#')
				in_query = true;
			/* The path is kept whole, digits too: release notes
			 * of v1 and v2 say the same words about two pages. */
			if (!in_query && *p != '/')
				strbuf_putc(&out, (char)tolower(*p));
			p++;
			continue;
		}
		size_t skip = *p >= 0x80 || *p == '(' ? cjk_calendar_word(p) : 0;
		if (skip) {
			p += skip;
			after_number = false;
			continue;
		}
		if (isalpha(*p)) {
			after_number = false;
			const unsigned char *start = p;
			char word[16];
			size_t len = 0;
			while (isalpha(*p)) {
				if (len < sizeof word)
					word[len] = (char)tolower(*p);
				len++;
				p++;
			}
			if (len <= sizeof word && is_calendar_word(word, len))
				continue;
			for (const unsigned char *q = start; q < p; q++)
				strbuf_putc(&out, (char)tolower(*q));
			continue;
		}
		if (*p >= 0x80) {
			size_t n;
			unsigned int c = utf8_decode(p, &n);
			if (is_cjk_numeral(c)) {
				/* a number: dropped when a calendar unit follows it
				 * (三月, 十五日, ５月), kept as words otherwise (一个) */
				const unsigned char *q = p;
				size_t m = n;
				while (*q >= 0x80 && is_cjk_numeral(utf8_decode(q, &m)))
					q += m;
				bool unit = *q >= 0x80 && calendar_unit(utf8_decode(q, &m));
				bool wide_digits = c >= 0xff10 && c <= 0xff19;
				if (unit || wide_digits) {
					p = unit && !wide_digits ? q : p + n;
					after_number = true;
					continue;
				}
				strbuf_append(&out, (const char *)p, (size_t)(q - p));
				p = q;
				after_number = false;
				continue;
			}
			if (after_number && calendar_unit(c)) {
				p += n;     /* 5月, 15日, 2026年, 5월 */
				continue;
			}
			/* CJK and full-width punctuation is punctuation too:
			 * "5月1日（周五）" and "5月9日 星期六" are one promo */
			if ((c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xff0f) ||
			    (c >= 0xff1a && c <= 0xff20) || (c >= 0xff3b && c <= 0xff40) ||
			    (c >= 0xff5b && c <= 0xff65) || (c >= 0x2010 && c <= 0x206f)) {
				p += n;
				after_number = false;
				continue;
			}
			strbuf_append(&out, (const char *)p, n);
			p += n;
			after_number = false;
			continue;
		}
		/* digits are dropped; a calendar unit after them goes too */
		if (isdigit(*p))
			after_number = true;
		else if (*p != ' ')
			after_number = false;
		p++;
	}
	return strbuf_detach(&out);
}

/* 64-bit FNV-1a of the normalised text; 0 when there is too little of it. */
static int64_t fingerprint_of(const struct digest_item *it)
{
	char *norm = boilerplate_normalise(it->markdown && *it->markdown ? it->markdown : it->title);
	size_t len = strlen(norm);
	uint64_t hash = 0;
	if (len >= FINGERPRINT_MIN_BYTES) {
		hash = 0xcbf29ce484222325ULL;
		for (size_t i = 0; i < len; i++) {
			hash ^= (unsigned char)norm[i];
			hash *= 0x100000001b3ULL;
		}
		if (hash == 0)
			hash = 1;
	}
	free(norm);
	return (int64_t)hash;
}

struct fingerprint_rows {
	int64_t *fingerprints;
	int64_t *items;
	size_t count, capacity;
};

static void rows_add(struct fingerprint_rows *rows, int64_t fingerprint, int64_t item_id)
{
	if (rows->count == rows->capacity) {
		rows->capacity = rows->capacity ? rows->capacity * 2 : 32;
		rows->fingerprints = xrealloc(rows->fingerprints, rows->capacity * sizeof *rows->fingerprints);
		rows->items = xrealloc(rows->items, rows->capacity * sizeof *rows->items);
	}
	rows->fingerprints[rows->count] = fingerprint;
	rows->items[rows->count] = item_id;
	rows->count++;
}

static void rows_clear(struct fingerprint_rows *rows)
{
	free(rows->fingerprints);
	free(rows->items);
}

/* items.boilerplate of one item: the most digests of its source any of its
 * fingerprints occurs in, when that reaches the threshold. */
/* Digests are counted by their day: a source that re-runs a day's digest
 * (an hourly update, a corrected copy) repeats all of it, which is one
 * edition, not a block recurring across editions. */
#define EDITION "coalesce(substr(d.date, 1, 10), 'digest ' || d.id)"
#define BOILERPLATE_EXPR \
	"CASE WHEN items.kind = ?3 THEN 0 ELSE coalesce((SELECT max(n) FROM" \
	" (SELECT count(DISTINCT " EDITION ") AS n FROM fingerprints f" \
	"  JOIN fingerprints g ON g.source_id = f.source_id AND g.fingerprint = f.fingerprint" \
	"  JOIN digests d ON d.id = g.digest_id" \
	"  WHERE f.item_id = items.id GROUP BY f.source_id, f.fingerprint) WHERE n >= ?2), 0) END"

static int update_items_of(struct store *store, int64_t source_id, int64_t fingerprint,
                           int64_t item_id, char **error)
{
	/* A fingerprint's items may include some the digest does not touch,
	 * whose item_counts the writer does not recount itself. */
	if (!item_id && store->counting &&
	    item_counts_note_flips(store, source_id, fingerprint, error) < 0)
		return -1;
	sqlite3_stmt *stmt = db_prepare(store, item_id
		? "UPDATE items SET boilerplate = " BOILERPLATE_EXPR " WHERE id = ?1"
		: "UPDATE items SET boilerplate = " BOILERPLATE_EXPR
		  " WHERE id IN (SELECT item_id FROM fingerprints WHERE source_id = ?4 AND fingerprint = ?1)");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, item_id ? item_id : fingerprint);
	sqlite3_bind_int(stmt, 2, BOILERPLATE_DIGESTS);
	db_bind_text(stmt, 3, kind_to_text(KIND_PAPER));
	if (!item_id)
		sqlite3_bind_int64(stmt, 4, source_id);
	return db_run(store, stmt, error);
}

void boilerplate_fingerprints(const struct digest *digest, int64_t *fingerprints)
{
	for (size_t i = 0; i < digest->item_count; i++) {
		const struct digest_item *it = &digest->items[i];
		fingerprints[i] = it->key && *it->key ? fingerprint_of(it) : 0;
	}
}

struct fingerprint_pair {
	int64_t fingerprint, item;
};

static int compare_pairs(const void *x, const void *y)
{
	const struct fingerprint_pair *a = x, *b = y;
	if (a->fingerprint != b->fingerprint)
		return a->fingerprint < b->fingerprint ? -1 : 1;
	return (a->item > b->item) - (a->item < b->item);
}

/* The pairs of FINGERPRINTS and ITEMS (0s left out), sorted, each once. */
static struct fingerprint_pair *sorted_pairs(const int64_t *fingerprints, const int64_t *items,
                                             size_t count, size_t *out_count)
{
	struct fingerprint_pair *pairs = xcalloc(count + 1, sizeof *pairs);
	size_t n = 0;
	for (size_t i = 0; i < count; i++)
		if (fingerprints[i] && items[i])
			pairs[n++] = (struct fingerprint_pair){ fingerprints[i], items[i] };
	qsort(pairs, n, sizeof *pairs, compare_pairs);
	size_t kept = 0;
	for (size_t i = 0; i < n; i++)
		if (!kept || compare_pairs(&pairs[kept - 1], &pairs[i]) != 0)
			pairs[kept++] = pairs[i];
	*out_count = kept;
	return pairs;
}

static int write_pair(struct store *store, bool delete, int64_t source_id, int64_t digest_id,
                      const struct fingerprint_pair *pair, char **error)
{
	sqlite3_stmt *stmt = db_prepare(store, delete
		? "DELETE FROM fingerprints WHERE source_id = ?1 AND fingerprint = ?2"
		  " AND digest_id = ?3 AND item_id = ?4"
		: "INSERT OR IGNORE INTO fingerprints (source_id, fingerprint, digest_id, item_id)"
		  " VALUES (?1, ?2, ?3, ?4)");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, source_id);
	sqlite3_bind_int64(stmt, 2, pair->fingerprint);
	sqlite3_bind_int64(stmt, 3, digest_id);
	sqlite3_bind_int64(stmt, 4, pair->item);
	return db_run(store, stmt, error);
}

/* Whether FINGERPRINT, recorded for one more item, now recurs in enough
 * editions of SOURCE_ID to make its items boilerplate. */
static int recurs(struct store *store, int64_t source_id, int64_t fingerprint, bool *yes,
                  char **error)
{
	sqlite3_stmt *stmt = db_prepare(store,
		"SELECT (SELECT count(DISTINCT " EDITION ") FROM fingerprints g"
		"  JOIN digests d ON d.id = g.digest_id"
		"  WHERE g.source_id = ?1 AND g.fingerprint = ?2) >= ?3");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, source_id);
	sqlite3_bind_int64(stmt, 2, fingerprint);
	sqlite3_bind_int(stmt, 3, BOILERPLATE_DIGESTS);
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW)
		return db_step_error(store, stmt, rc, error);
	*yes = sqlite3_column_int(stmt, 0) != 0;
	db_finish(stmt);
	return 0;
}

char *boilerplate_edition(struct store *store, int64_t digest_id)
{
	sqlite3_stmt *stmt = db_prepare(store, "SELECT " EDITION " FROM digests d WHERE d.id = ?1");
	if (!stmt)
		return NULL;
	sqlite3_bind_int64(stmt, 1, digest_id);
	char *edition = sqlite3_step(stmt) == SQLITE_ROW ? db_column_text(stmt, 0) : NULL;
	db_finish(stmt);
	return edition;
}

/* A re-imported digest that is the same edition of the same source: only
 * the pairs that changed are written, and only the fingerprints and items
 * they touch recounted.  A pair kept is in as many editions as before, so
 * no item's count moves through it; a listed-again feed entry or a digest
 * corrected in one place rewrites nothing else (a moved window's 500 old
 * pairs were deleted, inserted and recounted twice: a tenth of the
 * writer's time). */
static int record_difference(struct store *store, int64_t source_id, int64_t digest_id,
                             const struct fingerprint_rows *old, const int64_t *fingerprints,
                             const int64_t *item_ids, size_t count, char **error)
{
	size_t old_n = 0, new_n = 0;
	struct fingerprint_pair *was = sorted_pairs(old->fingerprints, old->items, old->count, &old_n);
	struct fingerprint_pair *now = sorted_pairs(fingerprints, item_ids, count, &new_n);
	int result = 0;
	size_t i = 0, j = 0;
	while (result == 0 && (i < old_n || j < new_n)) {
		int order = i == old_n ? 1 : j == new_n ? -1 : compare_pairs(&was[i], &now[j]);
		if (order == 0) {
			i++, j++;
		} else if (order < 0) {
			const struct fingerprint_pair *gone = &was[i++];
			if (write_pair(store, true, source_id, digest_id, gone, error) < 0 ||
			    update_items_of(store, source_id, 0, gone->item, error) < 0 ||
			    update_items_of(store, source_id, gone->fingerprint, 0, error) < 0)
				result = -1;
		} else {
			const struct fingerprint_pair *added = &now[j++];
			bool yes = false;
			if (write_pair(store, false, source_id, digest_id, added, error) < 0 ||
			    recurs(store, source_id, added->fingerprint, &yes, error) < 0 ||
			    (yes && update_items_of(store, source_id, added->fingerprint, 0, error) < 0))
				result = -1;
		}
	}
	free(was);
	free(now);
	return result;
}

int boilerplate_record(struct store *store, int64_t source_id, int64_t digest_id,
                       const char *old_edition, const int64_t *fingerprints,
                       const int64_t *item_ids, size_t count, char **error)
{
	/* What this digest said before (a re-import): those items and their
	 * fellows are recounted too, so a promo dropped from a digest can
	 * stop being one. */
	struct fingerprint_rows old = { 0 };
	int result = -1;
	int rc;
	bool one_source = true;
	sqlite3_stmt *stmt = db_prepare(store,
		"SELECT fingerprint, item_id, source_id FROM fingerprints WHERE digest_id = ?1");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, digest_id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		rows_add(&old, sqlite3_column_int64(stmt, 0), sqlite3_column_int64(stmt, 1));
		if (sqlite3_column_int64(stmt, 2) != source_id)
			one_source = false;
	}
	if (rc != SQLITE_DONE) {
		db_step_error(store, stmt, rc, error);
		goto done;
	}
	db_finish(stmt);
	if (old.count > 0 && one_source && old_edition) {
		char *edition = boilerplate_edition(store, digest_id);
		bool same = edition && strcmp(edition, old_edition) == 0;
		free(edition);
		if (same) {
			result = record_difference(store, source_id, digest_id, &old, fingerprints,
			                           item_ids, count, error);
			goto done;
		}
	}
	if (old.count > 0) {
		stmt = db_prepare(store, "DELETE FROM fingerprints WHERE digest_id = ?1");
		if (!stmt) {
			db_fail(store, error);
			goto done;
		}
		sqlite3_bind_int64(stmt, 1, digest_id);
		if (db_run(store, stmt, error) < 0)
			goto done;
	}

	/* The writer knows each item's id: no lookup by key. */
	bool inserted = false;
	for (size_t i = 0; i < count; i++) {
		if (!fingerprints[i] || !item_ids[i])
			continue;
		stmt = db_prepare(store,
			"INSERT OR IGNORE INTO fingerprints (source_id, fingerprint, digest_id, item_id)"
			" VALUES (?1, ?2, ?3, ?4)");
		if (!stmt) {
			db_fail(store, error);
			goto done;
		}
		sqlite3_bind_int64(stmt, 1, source_id);
		sqlite3_bind_int64(stmt, 2, fingerprints[i]);
		sqlite3_bind_int64(stmt, 3, digest_id);
		sqlite3_bind_int64(stmt, 4, item_ids[i]);
		if (db_run(store, stmt, error) < 0)
			goto done;
		inserted = true;
	}

	for (size_t i = 0; i < old.count; i++)
		if (update_items_of(store, source_id, 0, old.items[i], error) < 0 ||
		    update_items_of(store, source_id, old.fingerprints[i], 0, error) < 0)
			goto done;
	/* An item's count moves only with its fingerprints': a fingerprint
	 * still below the threshold changes no item (the common case), so one
	 * query finds the digest's fingerprints that reach it, and only their
	 * items are updated. */
	if (inserted) {
		struct fingerprint_rows recurring = { 0 };
		stmt = db_prepare(store,
			"SELECT f.fingerprint FROM (SELECT DISTINCT fingerprint FROM fingerprints"
			"  WHERE digest_id = ?2) f"
			" WHERE (SELECT count(DISTINCT " EDITION ") FROM fingerprints g"
			"  JOIN digests d ON d.id = g.digest_id"
			"  WHERE g.source_id = ?1 AND g.fingerprint = f.fingerprint) >= ?3");
		if (!stmt) {
			db_fail(store, error);
			goto done;
		}
		sqlite3_bind_int64(stmt, 1, source_id);
		sqlite3_bind_int64(stmt, 2, digest_id);
		sqlite3_bind_int(stmt, 3, BOILERPLATE_DIGESTS);
		while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
			rows_add(&recurring, sqlite3_column_int64(stmt, 0), 0);
		if (rc != SQLITE_DONE) {
			db_step_error(store, stmt, rc, error);
			rows_clear(&recurring);
			goto done;
		}
		db_finish(stmt);
		for (size_t i = 0; i < recurring.count; i++)
			if (update_items_of(store, source_id, recurring.fingerprints[i], 0, error) < 0) {
				rows_clear(&recurring);
				goto done;
			}
		rows_clear(&recurring);
	}
	result = 0;
done:
	rows_clear(&old);
	return result;
}

int store_item_recurrence(struct store *store, int64_t item_id, int *digests, char **error)
{
	*digests = 0;
	sqlite3_stmt *stmt = db_prepare(store, "SELECT boilerplate FROM items WHERE id = ?1");
	if (!stmt)
		return db_fail(store, error);
	sqlite3_bind_int64(stmt, 1, item_id);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*digests = sqlite3_column_int(stmt, 0);
	else if (rc != SQLITE_DONE)
		return db_step_error(store, stmt, rc, error);
	db_finish(stmt);
	return 0;
}

/* For `parse --explain`: how many digests of the source that holds
 * LOCATION (any source when the cache has no such digest) repeat each
 * item's text, this one included; 0 for a paper or too little text. */
int store_digest_recurrence(struct store *store, const char *location, const struct digest *digest,
                            int *counts, char **error)
{
	int64_t source_id = -1, digest_id = 0;
	char *day = NULL;
	sqlite3_stmt *stmt = db_prepare(store,
		"SELECT d.id, coalesce(d.source_id, 0), " EDITION " FROM digests d WHERE d.location = ?1");
	if (!stmt)
		return db_fail(store, error);
	db_bind_text(stmt, 1, location);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		digest_id = sqlite3_column_int64(stmt, 0);
		source_id = sqlite3_column_int64(stmt, 1);
		day = db_column_text(stmt, 2);
	} else if (rc != SQLITE_DONE) {
		return db_step_error(store, stmt, rc, error);
	}
	db_finish(stmt);
	if (!day && digest->date)
		day = xstrndup(digest->date, 10);
	int result = 0;
	for (size_t i = 0; i < digest->item_count && result == 0; i++) {
		counts[i] = 0;
		const struct digest_item *it = &digest->items[i];
		int64_t fingerprint = it->kind == KIND_PAPER ? 0 : fingerprint_of(it);
		if (!fingerprint)
			continue;
		stmt = db_prepare(store,
			"SELECT count(DISTINCT " EDITION ") AS n FROM fingerprints f"
			" JOIN digests d ON d.id = f.digest_id"
			" WHERE f.fingerprint = ?1 AND (?2 < 0 OR f.source_id = ?2) AND f.digest_id <> ?3"
			" AND " EDITION " IS NOT ?4"
			" GROUP BY f.source_id ORDER BY n DESC LIMIT 1");
		if (!stmt) {
			result = db_fail(store, error);
			break;
		}
		sqlite3_bind_int64(stmt, 1, fingerprint);
		sqlite3_bind_int64(stmt, 2, source_id);
		sqlite3_bind_int64(stmt, 3, digest_id);
		db_bind_text(stmt, 4, day);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW)
			counts[i] = sqlite3_column_int(stmt, 0) + 1;
		else if (rc != SQLITE_DONE)
			result = db_step_error(store, stmt, rc, error);
		db_finish(stmt);
	}
	free(day);
	return result;
}
