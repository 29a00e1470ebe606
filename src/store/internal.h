/* The cache's private header.  Nothing outside src/store/ includes it; the
 * public API is store.h.
 *
 * Files:
 *   db.c      plumbing: error messages, the prepared-statement cache,
 *             binding and reading columns, transactions, kinds by name
 *   schema.c  the schema and its migrations (PRAGMA user_version), opening
 *             and closing the cache
 *   writer.c  THE WRITER: importing a digest (merge of items, mentions,
 *             links, tags, full text, the counts it changes); nothing
 *             else in the tree writes items
 *   batch.c   the writer's transactions: a bulk import's batches, each
 *             digest's savepoint, full-text rows held to the commit
 *   fetchlog.c  sources' rows and fetch records, HTTP validators, when
 *             each location last answered (the re-check policy)
 *   marks.c   read and starred marks, one item or many
 *   query.c   filters, sort orders (sorts.h), counting, listing, paging
 *   reads.c   an item's detail, digests, sources, tags, per-kind counts
 *   fulltext.c  the contentless full-text index: one row per mention,
 *             excerpts as byte ranges into the digest's raw text
 *   usertags.c  the user's own tags (origin 'user'), tag names
 *   hot.c     the Hot ranking: scores of the last N days in temp.hot
 *   state.c   the reader's state in the cache (when it was opened)
 *   tokenizer.c  the "radar" FTS5 tokenizer (CJK bigrams, case-folded
 *             words) and the MATCH phrase a search word becomes
 *   backup.c  `radar backup`: a consistent copy through SQLite's backup API
 *   marks-io.c  marks by identity key (`radar marks export|import`), and
 *             the pending marks of items not in the cache yet
 *   raw.c     the digests' stored text, zlib-compressed: packing,
 *             unpacking (cached), the SQL function radar_raw()
 *   boilerplate.c  blocks a source repeats digest after digest (promos):
 *             fingerprints per digest, items.boilerplate
 *   window.c  a feed's window: the mentions of entries that dropped out
 *             of a feed are kept, their excerpts copied out of the old text
 *   kept.c    the link and tag rows an item gives, and whether a changed
 *             digest's stored rows for an item it lists again are those
 *   tagcount.c  the tag pane's counts kept by the writer during a batch,
 *             a digest at a time, with the schema's triggers off
 */
#ifndef RADAR_STORE_INTERNAL_H
#define RADAR_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "store.h"
#include "strbuf.h"

/* Prepared statements are cached by SQL text; the list queries are built
 * from a handful of fixed fragments, so a small cache covers them. */
#define STMT_CACHE_SIZE 48

/* Pages of WAL between automatic checkpoints (16 MB): fewer checkpoints,
 * each one syncs, during imports.  A batch raises it (writer.c). */
#define STORE_AUTOCHECKPOINT "4000"

struct cached_stmt {
	char *sql;
	sqlite3_stmt *stmt;
	uint64_t last_use;
};

/* The last digest text unpacked (raw.c), by its stored value. */
struct raw_cache {
	void *packed;
	size_t packed_len;
	bool was_packed;
	char *text;
	size_t len;
};

struct store {
	sqlite3 *db;
	char *path;
	bool read_only;
	struct cached_stmt cache[STMT_CACHE_SIZE];
	uint64_t use_clock;
	/* Items with an id >= this were created by the current import run
	 * (store_import_run_begin); 0: each digest counts on its own. */
	int64_t run_floor;
	bool batch;             /* between store_batch_begin and _end */
	bool batch_open;        /* its transaction is open */
	/* The digest being imported has a transaction of its own, outside the
	 * batch (writer.c: digest_begin says why). */
	bool solo;
	int64_t batch_started_ms;
	int batch_ms;           /* how long a batch stays open at most */
	/* The open batch transaction runs without the main schema's triggers
	 * and the writer keeps tag_counts itself (tagcount.c). */
	bool counting;
	/* Digests of the open batch whose index rows are still to be
	 * written (at its commit, outside every savepoint: FTS5 flushes its
	 * pending data at each one). */
	int64_t *unindexed;
	size_t unindexed_count, unindexed_capacity;
	size_t unindexed_mark;  /* the count when the current digest began */
	int64_t batch_index_rows;       /* index rows the batch has written */
	bool batch_reshaped;            /* bulk_end: the batch wrote >= 1/4 of the index */
	struct raw_cache raw_cache;     /* raw_column's */
	struct raw_cache sql_raw_cache; /* radar_raw()'s, apart: its result may be in use */
	/* What temp.hot was computed for (hot.c). */
	bool hot_valid;
	int hot_days;
	char hot_today[11];
	int64_t hot_data_version, hot_changes;
};
/* Kinds are stored by name so that reordering enum item_kind never
 * reinterprets an existing cache. */
extern const char *const kind_names[KIND_COUNT];

/* The columns item_row_read reads, in its order.  The source name is a
 * scalar subquery, not a LEFT JOIN: with a join the planner (given ANALYZE
 * statistics) chose to sort the whole table instead of walking the index
 * that already has the list order. */
#define ROW_COLUMNS \
	"i.id, i.key, i.kind, i.title, i.url, i.date, i.first_seen," \
	" (SELECT name FROM sources WHERE id = i.first_source_id)," \
	" i.read, i.starred, i.mention_count," \
	" coalesce((SELECT n FROM temp.hot WHERE item_id = i.id), 0)"
#define ROW_FROM " FROM items i"
/* An item's summary (schema 9): a byte range into the raw text of a digest
 * mentioning it (summary_digest, _start, _len; summary is '' then) when it
 * occurs there verbatim, else the text in summary.  The writer turns a range
 * into text before that digest's raw text changes (writer.c, keep_summaries). */
#define SUMMARY_COLUMN \
	"CASE WHEN i.summary_digest IS NULL THEN i.summary" \
	" ELSE (SELECT CAST(substr(radar_raw(sd.raw), i.summary_start + 1, i.summary_len) AS TEXT)" \
	"  FROM digests sd WHERE sd.id = i.summary_digest) END"
/* A summary shorter than this stays text: a range costs a few bytes too. */
#define SUMMARY_MIN_RANGE 16
/* The columns after ROW_COLUMNS start here. */
#define ROW_COLUMN_COUNT 12

/* A link's identity key as links.key stores it (schema 4): NULL for the
 * commonest key, 'url:' and the URL itself, '' for none. */
#define LINK_KEY "CASE WHEN l.key IS NULL THEN 'url:' || l.url WHEN l.key = '' THEN NULL ELSE l.key END"

/* db.c */
const char *kind_to_text(enum item_kind kind);
enum item_kind kind_from_text(const char *text);
int db_error(char **error, char *message);
char *db_message(struct store *store);
/* A cache SQLite finds corrupt or not a database: what to do about it. */
char *db_damaged_message(const char *path, const char *why);
/* Whether PATH (or its -wal, -journal) has reached `ulimit -f`. */
bool db_file_limit_reached(const char *path);
int db_fail(struct store *store, char **error);
int db_refuse_read_only(struct store *store, char **error);
/* SQL run once per item of ITEM_IDS in one durable transaction (synchronous
 * FULL), binding ?1 the item, ?2 NUMBER and ?3 TEXT; CHANGED[i] (when
 * given) says whether item i's run changed a row (marks.c). */
int db_run_for_items(struct store *store, const char *sql, const int64_t *item_ids, size_t count,
                     int number, const char *text, bool *changed, char **error);
sqlite3_stmt *db_prepare(struct store *store, const char *sql);
void db_finish(sqlite3_stmt *stmt);
void db_bind_text(sqlite3_stmt *stmt, int index, const char *text);
void db_bind_optional(sqlite3_stmt *stmt, int index, const char *text);
char *db_column_text(sqlite3_stmt *stmt, int column);
char *db_column_text_or_empty(sqlite3_stmt *stmt, int column);
int db_run(struct store *store, sqlite3_stmt *stmt, char **error);
int db_step_error(struct store *store, sqlite3_stmt *stmt, int rc, char **error);
int db_exec(struct store *store, const char *sql, char **error);
void db_now_iso(char out[32]);
struct strbuf;
/* COUNT ids as a JSON array in OUT (initialised): one statement binds a
 * digest's items and reads them back with json_each(). */
void db_ids_json(struct strbuf *out, const int64_t *ids, size_t count);
void db_rollback(struct store *store);

/* tokenizer.c */
struct strbuf;
int fts_register_tokenizer(sqlite3 *db);
/* Appends WORD (LEN bytes) to OUT as an FTS5 MATCH phrase for items_fts;
 * false (nothing appended) when WORD holds nothing the index knows. */
bool fts_match_word(const char *word, size_t len, bool exact, struct strbuf *out);

/* fulltext.c */
/* Where EXCERPT occurs in RAW, searching from *HINT first (then updated);
 * false when it does not occur verbatim, or when *BUDGET (bytes of RAW
 * still to be looked at for this digest, decreased by each search) runs
 * out: a digest of many items whose excerpts or summaries are not verbatim
 * would otherwise be searched whole once per item (a 64 MB digest: 45
 * minutes).  What is not found is stored as a copy instead of a range. */
bool excerpt_locate(const char *raw, size_t raw_len, const char *excerpt, size_t excerpt_len,
                    size_t *hint, size_t *budget, int64_t *start);
/* The budget of one digest's searches: a few passes over its text. */
#define EXCERPT_SCAN_FACTOR 8
#define EXCERPT_SCAN_SLACK ((size_t)1 << 20)
size_t excerpt_budget(size_t raw_len);
/* The index rows of every mention of a digest, from its stored raw text.
 * fts_index_digest writes them all (a digest not indexed yet).  A digest
 * about to change has them remembered first, texts and rowids, while its
 * old text and mentions are there, and once it has changed
 * fts_reindex_digest writes only the difference: the rows of mentions
 * kept with the same text (writer.c keeps a mention's id when the item is
 * listed again) stay as they are. */
struct fts_rows {
	size_t count, capacity;
	struct fts_row {
		int64_t id;     /* ascending */
		size_t end;     /* its text ends at TEXT.data[END] */
	} *rows;
	struct strbuf text;
};
void fts_rows_init(struct fts_rows *rows);
void fts_rows_clear(struct fts_rows *rows);
int fts_index_digest(struct store *store, int64_t digest_id, char **error);
int fts_remember_digest(struct store *store, int64_t digest_id, struct fts_rows *rows,
                        char **error);
int fts_reindex_digest(struct store *store, int64_t digest_id, const struct fts_rows *old,
                       char **error);

/* batch.c: one digest's transaction, in a batch a savepoint (undone alone
 * by batch_digest_abandon) with its index rows held to the batch's
 * commit; ITEM_COUNT decides whether a big digest gets a transaction of
 * its own. */
int batch_digest_begin(struct store *store, size_t item_count, char **error);
int batch_digest_commit(struct store *store, char **error);
void batch_digest_abandon(struct store *store);
/* A digest's index rows written now, or at the batch's commit.  Before a
 * digest changes: its rows as indexed into ROWS, *REMEMBERED false when
 * they were never written (it waits for the batch's commit); after, with
 * *REMEMBERED, fts_reindex_digest instead of batch_index_digest. */
int batch_index_digest(struct store *store, int64_t digest_id, char **error);
int batch_remember_digest(struct store *store, int64_t digest_id, struct fts_rows *rows,
                          bool *remembered, char **error);

/* raw.c */
/* TEXT packed as digests.raw stores it; NULL if zlib fails (caller frees). */
void *raw_pack(const char *text, size_t len, size_t *packed_len);

/* boilerplate.c: an item whose block's text recurs in this many digests
 * of its source is boilerplate (a promo), kept out of the default lists. */
#define BOILERPLATE_DIGESTS STORE_BOILERPLATE_DIGESTS
struct digest;
/* The fingerprint of each of DIGEST's items into FINGERPRINTS (0: none):
 * pure, on any thread (store_prepare). */
void boilerplate_fingerprints(const struct digest *digest, int64_t *fingerprints);
/* Record FINGERPRINTS (boilerplate_fingerprints) of the items of a digest
 * of SOURCE_ID (0: none) imported as DIGEST_ID, which the writer stored as
 * ITEM_IDS (0: skipped), COUNT of them, and recount items.boilerplate of
 * every item sharing one; the writer calls it once per digest, after the
 * items and before they are settled. */
int boilerplate_record(struct store *store, int64_t source_id, int64_t digest_id,
                       const char *old_edition, const int64_t *fingerprints,
                       const int64_t *item_ids, size_t count, char **error);
/* The edition (its day) of DIGEST_ID its fingerprints are counted by,
 * NULL if unknown (caller frees): read before a re-import changes the
 * digest's date, passed to boilerplate_record as OLD_EDITION, which then
 * writes only the difference when the digest is still that edition of
 * the same source. */
char *boilerplate_edition(struct store *store, int64_t digest_id);
/* TEXT as fingerprinted (letters and non-ASCII, no digits, dates or URL
 * queries); callers free. */
char *boilerplate_normalise(const char *text);
/* window.c: a new version of a feed (STORE_IMPORT_WINDOW) over DIGEST_ID,
 * before its new mentions go in: every excerpt range into OLD_RAW (the
 * version being replaced) becomes a copy, so the mentions of entries no
 * longer listed stay readable. */
int window_copy_out_excerpts(struct store *store, int64_t digest_id, const char *old_raw,
                             size_t old_len, char **error);
/* kept.c: which link and tag rows the writer writes for a parsed item, and
 * whether a digest's stored rows for an item are those (a changed digest
 * listing the item again as it was keeps them).
 * link_stored_key: links.key as stored ("" for none, NULL for the url: key
 * of the link's own URL).  tag_is_stored: whether an item's tag gets a
 * tags row (the digest's front-matter tags are kept once, in
 * digest_tags).  tag_row_of: whether TAGS[I] gives a row, the first of its
 * name and origin (*ORIGIN, DEFAULT_ORIGIN when it has none).
 * digest_tag_origin: a digest_tags row's origin.  The kept_*_same
 * functions set *SAME: the rows, in the order written, are exactly these. */
const char *link_stored_key(const struct digest_link *link);
bool tag_is_stored(const struct digest_tag *tag);
bool tag_row_of(const struct digest_tag *tags, size_t i, const char *default_origin,
                const char **origin);
const char *digest_tag_origin(const struct digest_tag *tag);
int kept_links_same(struct store *store, int64_t digest_id, int64_t item_id,
                    const struct digest_item *it, bool *same, char **error);
int kept_tags_same(struct store *store, int64_t digest_id, int64_t item_id,
                   const struct digest_tag *tags, size_t count, const char *default_origin,
                   bool *same, char **error);
int kept_digest_tags_same(struct store *store, int64_t digest_id, const struct digest *digest,
                          bool *same, char **error);
/* A stored value back to text (NUL-terminated, *LEN bytes; caller frees):
 * PACKED when the value is a BLOB.  NULL for a damaged value. */
char *raw_unpack(const void *value, size_t value_len, bool packed, size_t *len);
/* COLUMN of STMT (a digests.raw) as text, through the store's one-entry
 * cache: valid until the next call.  NULL for a damaged value. */
const char *raw_column(struct store *store, sqlite3_stmt *stmt, int column, size_t *len);
const char *raw_cached(struct raw_cache *cache, const void *value, size_t value_len, bool packed,
                       size_t *len);
void raw_cache_clear(struct raw_cache *cache);
int raw_register_function(struct store *store);
/* rowset.c: a MATCH's index rows in memory for one query (a prefix
 * search's walk, query.c): collected in rowid order, bound to a statement
 * as a pointer that radar_rowset_has(?, id) reads; registered on every
 * connection. */
struct rowset;
int rowset_collect(struct store *store, const char *match, struct rowset **out, char **error);
size_t rowset_count(const struct rowset *set);
void rowset_free(struct rowset *set);
void rowset_bind(sqlite3_stmt *stmt, int index, struct rowset *set);
int rowset_register_function(struct store *store);
/* hot.c: temp.hot (item_id, n, score), created on every connection;
 * filled for FILTER's window when it sorts by Hot (a Hot filter in another
 * order asks for the window's items only: query.c). */
int hot_create(struct store *store);
/* TODAY and the FIRST_DAY of FILTER's Hot window (YYYY-MM-DD). */
int hot_window(struct store *store, const struct item_filter *filter, char today[11],
               char first_day[11], char **error);
int hot_prepare(struct store *store, const struct item_filter *filter, char **error);

/* query.c */
void item_row_read(sqlite3_stmt *stmt, struct item_row *row);
void item_row_clear(struct item_row *row);

/* tagcount.c: (item, tag) pairs, the tags items have (TAG_COUNTS_HAS in
 * schema.c), with whether the item's tags rows include the user's and
 * whether it is unread. */
struct tag_pair {
	int64_t item;
	char *tag;
	bool user, unread;
};
struct tag_sets {
	struct tag_pair *pairs;
	size_t count, capacity;
};
/* Adds the pairs of the COUNT items IDS to OUT, leaving out what digest
 * EXCLUDE_DIGEST (0: none) gives them. */
int tag_sets_read(struct store *store, const int64_t *ids, size_t count, int64_t exclude_digest,
                  struct tag_sets *out, char **error);
/* Adds to tag_counts the difference from BEFORE to AFTER (both sorted
 * here), and a row for each of DIGEST's own tags as its trigger would. */
int tag_counts_apply(struct store *store, struct tag_sets *before, struct tag_sets *after,
                     const struct digest *digest, char **error);
void tag_sets_clear(struct tag_sets *sets);

/* tagnames.c: tags by number (schema 11).  The migration to it, and the
 * tag_names row of NAME made if it is not there yet (a writer's first
 * step before a tag_rows row naming it). */
int migrate_tag_names(struct store *store, char **error);
int tag_name_ensure(struct store *store, const char *name, char **error);
/* NAME's id in tag_names, the row made if there is none. */
int tag_name_id(struct store *store, const char *name, int64_t *id, char **error);

/* itemcount.c and schema.c: item_counts (schema 10), the list's counts
 * per source, per kind and in all.  An item counts under the key '' (every
 * item), 'k' || each name of its kinds (a comma list, ",paper,tweet,"),
 * and 's' || each source one of whose digests mentions it; each row holds
 * items, unread, shown (ITEM_SHOWN: what a list without boilerplate
 * shows, query.c's condition), shown and unread, and starred. */
#define ITEM_SHOWN(i) "(" i ".boilerplate = 0 OR " i ".starred = 1)"
/* The names of a kinds list, one json_each row each. */
#define ITEM_KINDS_EACH(kinds) \
	"json_each('[\"' || replace(substr(" kinds ", 2, length(" kinds ") - 2), ',', '\",\"') || '\"]')"
/* The five counts of item I (a table alias or OLD/NEW), times SIGN. */
#define ITEM_COUNTS_OF(i, sign) \
	sign ", " sign " * (" i ".read = 0), " sign " * " ITEM_SHOWN(i) ", " \
	sign " * (" i ".read = 0 AND " ITEM_SHOWN(i) "), " sign " * (" i ".starred = 1)"
/* Added to existing rows (an INSERT ... SELECT key, ITEM_COUNTS_OF(...)). */
#define ITEM_COUNTS_UPSERT \
	" ON CONFLICT (key) DO UPDATE SET items = items + excluded.items," \
	" unread = unread + excluded.unread, shown = shown + excluded.shown," \
	" shown_unread = shown_unread + excluded.shown_unread, starred = starred + excluded.starred"

/* store->counting: the item_counts contributions of the items whose ids
 * IDS_JSON (a JSON array) lists added (SIGN 1) or taken off (-1), their
 * sources leaving out digest EXCLUDE_DIGEST's mentions (0: none). */
int item_counts_add(struct store *store, const char *ids_json, int64_t exclude_digest, int sign,
                    char **error);
/* store->counting, before boilerplate.c recounts items.boilerplate of the
 * items of fingerprint FINGERPRINT of source SOURCE_ID (items the digest
 * may not touch): whether each is shown noted in temp.count_flips, the
 * first time in a digest. */
int item_counts_note_flips(struct store *store, int64_t source_id, int64_t fingerprint,
                           char **error);
/* The noted items not in IDS_JSON (whose contributions the writer took off
 * and adds again itself) moved by the change of their shown state; the
 * notes cleared. */
int item_counts_apply_flips(struct store *store, const char *ids_json, char **error);

#endif
