/* radar's FTS5 tokenizer ("radar"), registered on every connection, and the
 * MATCH phrase a search word becomes.
 *
 * The approach of Lucene's CJK analyzer: a run of Han/kana characters gives
 * its overlapping bigrams (a run of one character gives that character),
 * and the last character of every run is also given as a unigram at the
 * position of the run's last bigram (FTS5_TOKEN_COLOCATED).  So a
 * one-character query is the prefix query `"c"*` (every occurrence of c
 * starts a bigram or ends a run), a longer Chinese query is a phrase of
 * bigrams, and both are index lookups.  Other letters and digits form words,
 * case-folded (ASCII directly, the rest through libunistring's NFKC case
 * fold, so fullwidth ＧＰＴ is gpt).  A symbol (emoji) is a token of its
 * own.  Everything else (punctuation, spaces) separates tokens and is not
 * indexed.
 *
 * In query mode a run of two or more CJK characters gives only its bigrams:
 * the query's own run end is not the document's. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>
#include <unicase.h>
#include <uninorm.h>
#include <unictype.h>

#include "store/internal.h"
#include "strbuf.h"
#include "text.h"

/* Longer words are cut: nobody searches for a 200-letter token, and the
 * index should not hold one. */
#define MAX_WORD_BYTES 64

enum char_class { SEPARATOR, WORD, CJK, SYMBOL };

static enum char_class classify(unsigned int c)
{
	if (c < 0x80) {
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
			return WORD;
		return SEPARATOR;
	}
	if (c >= 0xff01 && c <= 0xff5e)         /* fullwidth ASCII: as ASCII */
		return classify(c - 0xfee0);
	if (!uc_is_general_category(c, UC_CATEGORY_L) && !uc_is_general_category(c, UC_CATEGORY_N))
		return uc_is_general_category(c, UC_CATEGORY_So) ? SYMBOL : SEPARATOR;
	/* Hangul is written with spaces between words: words, like Latin. */
	if (text_is_cjk(c))
		return CJK;
	return WORD;
}

struct scan {
	const char *text;
	size_t len;
};

/* Decodes the character at *AT; returns its class and byte length. */
static enum char_class next_char(const struct scan *s, size_t at, size_t *width)
{
	unsigned int c;
	*width = text_utf8_next(s->text + at, s->len - at, &c);
	if (*width == 0)
		*width = 1;
	return classify(c);
}

typedef int (*token_fn)(void *, int, const char *, int, int, int);

static int emit_word(void *ctx, token_fn token, const char *text, size_t from, size_t to)
{
	char small[MAX_WORD_BYTES + 8];
	size_t n = 0;
	bool ascii = true;
	for (size_t i = from; i < to; i++)
		if ((unsigned char)text[i] >= 0x80)
			ascii = false;
	if (ascii) {
		for (size_t i = from; i < to && n < MAX_WORD_BYTES; i++) {
			char c = text[i];
			small[n++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
		}
		return token(ctx, 0, small, (int)n, (int)from, (int)to);
	}
	size_t folded_len = 0;
	uint8_t *folded = u8_casefold((const uint8_t *)text + from, to - from, NULL, UNINORM_NFKC,
	                              NULL, &folded_len);
	if (!folded)
		return token(ctx, 0, text + from, (int)(to - from), (int)from, (int)to);
	if (folded_len > MAX_WORD_BYTES) {
		folded_len = MAX_WORD_BYTES;
		while (folded_len > 0 && (folded[folded_len] & 0xc0) == 0x80)
			folded_len--;
	}
	int rc = token(ctx, 0, (const char *)folded, (int)folded_len, (int)from, (int)to);
	free(folded);
	return rc;
}

/* A CJK run [FROM, TO) of N characters whose starts are in STARTS. */
static int emit_run(void *ctx, token_fn token, const char *text, const size_t *starts, size_t n,
                    size_t to, bool query)
{
	if (n == 1)
		return token(ctx, 0, text + starts[0], (int)(to - starts[0]), (int)starts[0], (int)to);
	for (size_t i = 0; i + 1 < n; i++) {
		size_t end = i + 2 < n ? starts[i + 2] : to;
		int rc = token(ctx, 0, text + starts[i], (int)(end - starts[i]), (int)starts[i], (int)end);
		if (rc != SQLITE_OK)
			return rc;
	}
	if (query)
		return SQLITE_OK;
	size_t last = starts[n - 1];
	return token(ctx, FTS5_TOKEN_COLOCATED, text + last, (int)(to - last), (int)last, (int)to);
}

static int tokenize(const char *text, size_t len, bool query, void *ctx, token_fn token)
{
	struct scan s = { text, len };
	size_t starts_cap = 64;
	size_t *starts = malloc(starts_cap * sizeof *starts);
	if (!starts)
		return SQLITE_NOMEM;
	int rc = SQLITE_OK;
	size_t at = 0;
	while (at < len && rc == SQLITE_OK) {
		size_t width;
		enum char_class cls = next_char(&s, at, &width);
		if (cls == SEPARATOR) {
			at += width;
			continue;
		}
		size_t from = at, n = 0;
		while (at < len) {
			size_t w;
			if (next_char(&s, at, &w) != cls || (cls == SYMBOL && n == 1))
				break;
			if (cls == CJK) {
				if (n == starts_cap) {
					size_t *bigger = realloc(starts, 2 * starts_cap * sizeof *starts);
					if (!bigger) {
						free(starts);
						return SQLITE_NOMEM;
					}
					starts = bigger;
					starts_cap *= 2;
				}
				starts[n] = at;
			}
			n++;
			at += w;
		}
		if (cls == WORD)
			rc = emit_word(ctx, token, text, from, at);
		else if (cls == SYMBOL)
			rc = token(ctx, 0, text + from, (int)(at - from), (int)from, (int)at);
		else
			rc = emit_run(ctx, token, text, starts, n, at, query);
	}
	free(starts);
	return rc;
}

/* ------------------------------------------------------------------ FTS5 glue */

static int radar_create(void *context, const char **args, int arg_count, Fts5Tokenizer **out)
{
	(void)context;
	(void)args;
	(void)arg_count;
	static int instance;
	*out = (Fts5Tokenizer *)&instance;      /* stateless */
	return SQLITE_OK;
}

static void radar_delete(Fts5Tokenizer *tokenizer)
{
	(void)tokenizer;
}

static int radar_tokenize(Fts5Tokenizer *tokenizer, void *ctx, int flags, const char *text,
                          int len, token_fn token)
{
	(void)tokenizer;
	if (!text || len <= 0)
		return SQLITE_OK;
	return tokenize(text, (size_t)len, (flags & FTS5_TOKENIZE_QUERY) != 0, ctx, token);
}

int fts_register_tokenizer(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *stmt = NULL;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_pointer(stmt, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (!api || api->iVersion < 2)
		return -1;
	static fts5_tokenizer radar_tokenizer = { radar_create, radar_delete, radar_tokenize };
	return api->xCreateTokenizer(api, "radar", NULL, &radar_tokenizer, NULL) == SQLITE_OK ? 0 : -1;
}

/* ------------------------------------------------------------------ queries */

struct last_token {
	size_t count;
	bool last_is_single_cjk, last_is_word;
	const char *text;
};

static int note_token(void *ctx, int flags, const char *token, int len, int start, int end)
{
	(void)flags;
	(void)token;
	(void)len;
	struct last_token *t = ctx;
	unsigned int c = 0;
	size_t width = text_utf8_next(t->text + start, (size_t)(end - start), &c);
	t->count++;
	t->last_is_single_cjk = classify(c) == CJK && width == (size_t)(end - start);
	t->last_is_word = classify(c) == WORD;
	return SQLITE_OK;
}

bool fts_match_word(const char *word, size_t len, bool exact, struct strbuf *out)
{
	struct last_token t = { .text = word };
	tokenize(word, len, true, &t, note_token);
	if (t.count == 0)
		return false;
	/* A quoted FTS5 string: quotes, parentheses, AND/OR/NOT, '*', '-'
	 * inside it mean nothing. */
	strbuf_putc(out, '"');
	for (size_t i = 0; i < len; i++) {
		if (word[i] == '"')
			strbuf_putc(out, '"');
		strbuf_putc(out, word[i]);
	}
	strbuf_putc(out, '"');
	/* A word's end is a prefix (agent finds agents) unless EXACT (a
	 * quoted phrase), and one Chinese character is every bigram it starts
	 * (the index has no other way to find it inside a longer run). */
	if (t.last_is_single_cjk || (t.last_is_word && !exact))
		strbuf_puts(out, " *");
	return true;
}
