/* The query language of `radar ls QUERY`, `radar export QUERY`, the
 * reader's `/` and `:search`, and saved views (`view NAME QUERY`):
 *
 *   kind:paper tag:Agent tag:"Claude Code" is:unread is:read is:starred
 *   source:NAME since:7d since:2026-03-01 before:2026-03-01
 *   word agent* "exact phrase" -word -tag:X -kind:Y
 *
 * Every term must hold; '-' negates any term.  Field names ignore case; a
 * full-width colon (：), ideographic space and Chinese quotes (“…” 「…」)
 * are accepted as Chinese keyboards type them.  A bad term is an error
 * naming it, never a query that silently matches nothing.
 *
 * query_parse compiles the text into filter terms (store.h), which
 * store/query.c turns into SQL with bound values only. */
#ifndef RADAR_QUERY_H
#define RADAR_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "i18n.h"
#include "store.h"

/* The fields, as one table: the parser, its "did you mean", the errors'
 * list of fields and radar(5)'s QUERY section come from it.
 * X(ID, NAME, VALUE, HELP) */
#define QUERY_FIELDS(X) \
	X(KIND, "kind", "KIND", N_("items of that kind, or linking one (paper, project, ...)")) \
	X(TAG, "tag", "TAG", N_("items with that tag, ASCII letter case ignored (repeated: every one of them)")) \
	X(SOURCE, "source", "NAME", N_("items mentioned by that source's digests")) \
	X(IS, "is", "unread|read|starred", N_("items with that mark")) \
	X(SINCE, "since", "7d|YYYY-MM-DD", N_("items dated on or after that day (7d: seven days ago)")) \
	X(BEFORE, "before", "7d|YYYY-MM-DD", N_("items dated before that day"))

enum query_field {
#define QUERY_FIELD_ID(id, name, value, help) QUERY_##id,
	QUERY_FIELDS(QUERY_FIELD_ID)
#undef QUERY_FIELD_ID
	QUERY_FIELD_COUNT
};

struct query {
	struct filter_term *terms;  /* their strings are owned */
	size_t count;
};

/* Compile TEXT into *OUT (cleared first).  0, or -1 with *ERROR one line
 * naming the bad term (caller frees); *OUT is then empty.  An empty query
 * has no terms (it matches everything). */
int query_parse(const char *text, struct query *out, char **error);
void query_clear(struct query *query);
/* COUNT words (the command line's, a config line's) as one query text
 * (caller frees): a field's value with a space, whose quotes the shell ate
 * (tag:Claude Code as one word), is quoted again. */
char *query_join_words(int count, char *const *words);

/* FILTER's words and phrases to highlight (its positive text terms and the
 * words of its search string), without '*' or quotes; caller frees with
 * query_words_free.  *COUNT is 0 when there are none. */
char **query_words(const struct item_filter *filter, size_t *count);
void query_words_free(char **words, size_t count);

/* Where the first highlight of WORDS in TEXT (LEN bytes) starts at or
 * after byte FROM: *START and *END bytes, ASCII letters compared without
 * case, a Latin word matched only at a word start.  False when none. */
bool query_find_match(const char *text, size_t len, size_t from, char *const *words,
                      size_t count, size_t *start, size_t *end);

/* The highlights of WORDS on line INDEX of LINES, as byte ranges of that
 * line's text (its spans one after another), in order.  A line that
 * continues a wrapped paragraph (text_line.joint) is read with its
 * neighbours, joined as the paragraph was and without their prefixes
 * (text_line.lead), so a phrase the wrap split is found on both lines;
 * only as many bytes of the neighbours as the longest word are read.  The
 * prefix itself is never highlighted.  Returns the number of ranges
 * (*RANGES, caller frees; NULL when 0). */
struct query_range {
	size_t start, end;
};
struct text_lines;
size_t query_line_matches(const struct text_lines *lines, size_t index, char *const *words,
                          size_t count, struct query_range **ranges);

#endif
