/* The query language (query.h): text → filter terms, with an error naming
 * the bad term; the words a query highlights and finding them in text. */
#include <config.h>

#include "query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "date.h"
#include "strbuf.h"
#include "suggest.h"
#include "text.h"
#include "xalloc.h"

static const char *const field_names[QUERY_FIELD_COUNT] = {
#define QUERY_FIELD_NAME(id, name, value, help) [QUERY_##id] = name,
	QUERY_FIELDS(QUERY_FIELD_NAME)
#undef QUERY_FIELD_NAME
};

/* ---------------------------------------------------------------- lexing */

/* The separators and marks a Chinese keyboard gives, as well as ASCII's. */
static size_t space_at(const char *s)
{
	unsigned char c = (unsigned char)*s;
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
		return 1;
	return strncmp(s, "\xe3\x80\x80", 3) == 0 ? 3 : 0;   /* U+3000 */
}

static size_t colon_at(const char *s)
{
	if (*s == ':')
		return 1;
	return strncmp(s, "\xef\xbc\x9a", 3) == 0 ? 3 : 0;   /* U+FF1A ： */
}

static size_t minus_at(const char *s)
{
	if (*s == '-')
		return 1;
	return strncmp(s, "\xef\xbc\x8d", 3) == 0 ? 3 : 0;   /* U+FF0D － */
}

/* An opening quote at S: its width, and the closing quote it wants. */
static size_t quote_at(const char *s, const char **close)
{
	static const struct { const char *open, *close; } quotes[] = {
		{ "\"", "\"" },
		{ "\xe2\x80\x9c", "\xe2\x80\x9d" },     /* “ ” */
		{ "\xe3\x80\x8c", "\xe3\x80\x8d" },     /* 「 」 */
		{ "\xef\xbc\x82", "\xef\xbc\x82" },     /* ＂ */
	};
	for (size_t i = 0; i < sizeof quotes / sizeof quotes[0]; i++) {
		size_t n = strlen(quotes[i].open);
		if (strncmp(s, quotes[i].open, n) == 0) {
			*close = quotes[i].close;
			return n;
		}
	}
	return 0;
}

/* From P (after an opening quote wanting CLOSE): the text up to the
 * closing quote, or to the end when it is missing.  *NEXT is past it. */
static char *quoted_text(const char *p, const char *close, const char **next)
{
	const char *end = strstr(p, close);
	if (!end) {
		*next = p + strlen(p);
		return xstrdup(p);
	}
	*next = end + strlen(close);
	return xstrndup(p, (size_t)(end - p));
}

static const char *word_end(const char *p)
{
	while (*p && !space_at(p))
		p++;
	return p;
}

static bool is_ascii_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_ascii_alnum(char c)
{
	return is_ascii_alpha(c) || (c >= '0' && c <= '9');
}

/* ---------------------------------------------------------------- values */

static void add_term(struct query *q, size_t *capacity, struct filter_term term)
{
	q->terms = xgrow(q->terms, capacity, q->count + 1, sizeof *q->terms);
	q->terms[q->count++] = term;
}

/* "7d", "2w", "today", "yesterday" or a date → YYYY-MM-DD in OUT. */
static bool parse_day(const char *value, char out[DATE_ISO_MAX])
{
	long days = -1;
	char unit = 0;
	int used = 0;
	if (strcasecmp(value, "today") == 0)
		days = 0;
	else if (strcasecmp(value, "yesterday") == 0)
		days = 1;
	else if (sscanf(value, "%ld%c%n", &days, &unit, &used) == 2 && value[used] == '\0'
	         && days >= 0 && days <= 100000) {
		if (unit == 'd' || unit == 'D')
			;
		else if (unit == 'w' || unit == 'W')
			days *= 7;
		else
			return false;
	} else {
		days = -1;
	}
	if (days >= 0) {
		/* Local days, as the reader's Today view counts them; noon
		 * keeps a DST change from moving the day. */
		time_t now = time(NULL);
		struct tm tm;
		localtime_r(&now, &tm);
		tm.tm_mday -= (int)days;
		tm.tm_hour = 12;
		tm.tm_min = tm.tm_sec = 0;
		tm.tm_isdst = -1;
		mktime(&tm);
		snprintf(out, DATE_ISO_MAX, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
		         tm.tm_mday);
		return true;
	}
	char iso[DATE_ISO_MAX];
	if (!date_parse(value, iso))
		return false;
	iso[10] = '\0';     /* the day: dates are compared as days */
	memcpy(out, iso, 11);
	return true;
}

static char *kind_list(void)
{
	struct strbuf kinds;
	strbuf_init(&kinds);
	for (int k = 0; k < KIND_COUNT; k++)
		strbuf_printf(&kinds, "%s%s", k ? ", " : "", kind_name((enum item_kind)k));
	return strbuf_detach(&kinds);
}

static char *unknown_kind(const char *value, const char *term)
{
	struct suggestion near;
	suggestion_init(&near, value);
	for (int k = 0; k < KIND_COUNT; k++)
		suggestion_offer(&near, kind_name((enum item_kind)k));
	char *message;
	if (near.best) {
		message = xasprintf(_("unknown kind '%s' in '%s' (did you mean kind:%s?)"), value, term,
		                    near.best);
	} else {
		char *kinds = kind_list();
		message = xasprintf(_("unknown kind '%s' in '%s' (kinds: %s)"), value, term, kinds);
		free(kinds);
	}
	suggestion_clear(&near);
	return message;
}

static char *unknown_field(const char *name, const char *term)
{
	struct suggestion near;
	suggestion_init(&near, name);
	for (int f = 0; f < QUERY_FIELD_COUNT; f++)
		suggestion_offer(&near, field_names[f]);
	char *message;
	if (near.best) {
		message = xasprintf(_("unknown field '%s:' in '%s' — did you mean %s:?"), name, term,
		                    near.best);
	} else {
		struct strbuf fields;
		strbuf_init(&fields);
		for (int f = 0; f < QUERY_FIELD_COUNT; f++)
			strbuf_printf(&fields, "%s%s:", f ? " " : "", field_names[f]);
		message = xasprintf(_("unknown field '%s:' in '%s' (fields: %s; quote the term to search "
		                      "for its text)"), name, term, fields.data);
		strbuf_clear(&fields);
	}
	suggestion_clear(&near);
	return message;
}

/* FIELD:VALUE (TERM as written, for messages) → a term; NULL or the error. */
static char *field_term(int field, const char *value, const char *term, struct filter_term *out)
{
	out->text = NULL;
	if (!*value)
		return xasprintf(_("'%s' needs a value after the colon"), term);
	switch ((enum query_field)field) {
	case QUERY_KIND:
		out->field = FILTER_KIND;
		out->kind = kind_from_name(value);
		if (out->kind < 0)
			return unknown_kind(value, term);
		return NULL;
	case QUERY_TAG:
		out->field = FILTER_TAG;
		out->text = xstrdup(value);
		return NULL;
	case QUERY_SOURCE:
		out->field = FILTER_SOURCE;
		out->text = xstrdup(value);
		return NULL;
	case QUERY_IS:
		if (strcasecmp(value, "unread") == 0) {
			out->field = FILTER_READ;
			out->negated = !out->negated;
		} else if (strcasecmp(value, "read") == 0) {
			out->field = FILTER_READ;
		} else if (strcasecmp(value, "starred") == 0) {
			out->field = FILTER_STARRED;
		} else {
			return xasprintf(_("is: wants unread, read or starred, not '%s'"), value);
		}
		return NULL;
	case QUERY_SINCE:
	case QUERY_BEFORE: {
		char day[DATE_ISO_MAX];
		out->field = field == QUERY_SINCE ? FILTER_SINCE : FILTER_BEFORE;
		if (!parse_day(value, day))
			return xasprintf(_("%s: wants 7d or YYYY-MM-DD, not '%s'"), field_names[field],
			                 value);
		out->text = xstrdup(day);
		return NULL;
	}
	case QUERY_FIELD_COUNT:
		break;
	}
	return xstrdup("?");
}

/* ---------------------------------------------------------------- parsing */

void query_clear(struct query *query)
{
	for (size_t i = 0; i < query->count; i++)
		free((void *)query->terms[i].text);
	free(query->terms);
	query->terms = NULL;
	query->count = 0;
}

int query_parse(const char *text, struct query *out, char **error)
{
	out->terms = NULL;
	out->count = 0;
	size_t capacity = 0;
	const char *p = text ? text : "";
	char *message = NULL;
	while (!message) {
		size_t w;
		while ((w = space_at(p)))
			p += w;
		if (!*p)
			break;
		const char *start = p;
		struct filter_term term = { .field = FILTER_TEXT, .kind = -1 };
		if ((w = minus_at(p))) {
			term.negated = true;
			p += w;
			if (!*p || space_at(p)) {
				message = xstrdup(_("'-' needs a term right after it (-word, -tag:X)"));
				break;
			}
		}
		const char *close;
		if ((w = quote_at(p, &close))) {
			char *phrase = quoted_text(p + w, close, &p);
			if (!*phrase) {
				free(phrase);
				continue;   /* "" is nothing to look for */
			}
			term.text = phrase;
			term.phrase = true;
			add_term(out, &capacity, term);
			continue;
		}
		/* A field is letters and a colon; "https://…" is a word. */
		const char *name_end = p;
		while (is_ascii_alpha(*name_end))
			name_end++;
		size_t colon = name_end > p ? colon_at(name_end) : 0;
		if (colon && strncmp(name_end + colon, "//", 2) != 0) {
			char *name = xstrndup(p, (size_t)(name_end - p));
			const char *v = name_end + colon;
			char *value;
			if ((w = quote_at(v, &close)))
				value = quoted_text(v + w, close, &p);
			else {
				p = word_end(v);
				value = xstrndup(v, (size_t)(p - v));
			}
			char *as_written = xstrndup(start, (size_t)(p - start));
			int field = -1;
			for (int f = 0; f < QUERY_FIELD_COUNT && field < 0; f++)
				if (strcasecmp(name, field_names[f]) == 0)
					field = f;
			if (field < 0)
				message = unknown_field(name, as_written);
			else
				message = field_term(field, value, as_written, &term);
			if (!message)
				add_term(out, &capacity, term);
			free(name);
			free(value);
			free(as_written);
			continue;
		}
		p = word_end(p);
		/* agent* says what a word already does: it finds agents too. */
		const char *end = p;
		while (end > start && end[-1] == '*')
			end--;
		const char *word = start + (term.negated ? minus_at(start) : 0);
		if (end <= word)
			continue;   /* a lone '*' */
		term.text = xstrndup(word, (size_t)(end - word));
		add_term(out, &capacity, term);
	}
	if (message) {
		query_clear(out);
		*error = message;
		return -1;
	}
	return 0;
}

/* Whether VALUE, after a space, goes on with more terms (a field, a
 * negation, a quote) rather than with the words of one name. */
static bool more_terms(const char *value)
{
	for (const char *p = value; *p; p++) {
		if (*p == ':' || *p == '"' || colon_at(p))
			return true;
		if ((p == value || p[-1] == ' ' || p[-1] == '\t') && minus_at(p))
			return true;
	}
	return false;
}

/* One word as query text.  The shell (or the config's quoting) has eaten
 * the quotes of tag:"Claude Code": a tag or source name with a space gets
 * them back, so it stays one term; a word holding a whole query
 * ('kind:paper -tag:X') is left as it is. */
static void put_query_word(struct strbuf *text, const char *word)
{
	size_t start = minus_at(word), name = start;
	while (is_ascii_alpha(word[name]))
		name++;
	size_t colon = name > start ? colon_at(word + name) : 0;
	const char *value = word + name + colon;
	bool named = (name - start == 3 && strncasecmp(word + start, "tag", 3) == 0)
	             || (name - start == 6 && strncasecmp(word + start, "source", 6) == 0);
	if (colon && named && strpbrk(value, " \t") && !more_terms(value))
		strbuf_printf(text, "%.*s\"%s\"", (int)(name + colon), word, value);
	else
		strbuf_puts(text, word);
}

char *query_join_words(int count, char *const *words)
{
	struct strbuf text;
	strbuf_init(&text);
	strbuf_puts(&text, "");
	for (int i = 0; i < count; i++) {
		if (i)
			strbuf_putc(&text, ' ');
		put_query_word(&text, words[i]);
	}
	return strbuf_detach(&text);
}

/* ---------------------------------------------------------------- highlights */

static void add_word(char ***words, size_t *count, size_t *capacity, const char *word, size_t len)
{
	if (!len)
		return;
	*words = xgrow(*words, capacity, *count + 1, sizeof **words);
	(*words)[(*count)++] = xstrndup(word, len);
}

char **query_words(const struct item_filter *filter, size_t *count)
{
	char **words = NULL;
	size_t capacity = 0;
	*count = 0;
	for (size_t i = 0; i < filter->term_count; i++) {
		const struct filter_term *t = &filter->terms[i];
		if (t->field == FILTER_TEXT && !t->negated && t->text)
			add_word(&words, count, &capacity, t->text, strlen(t->text));
	}
	/* The old --search string: words and "phrases". */
	const char *p = filter->search ? filter->search : "";
	for (;;) {
		size_t w;
		while ((w = space_at(p)))
			p += w;
		if (!*p)
			break;
		const char *close = *p == '"' ? strchr(p + 1, '"') : NULL;
		if (close) {
			add_word(&words, count, &capacity, p + 1, (size_t)(close - p - 1));
			p = close + 1;
		} else {
			const char *end = word_end(p);
			const char *stop = end;
			while (stop > p && stop[-1] == '*')
				stop--;
			add_word(&words, count, &capacity, p, (size_t)(stop - p));
			p = end;
		}
	}
	return words;
}

void query_words_free(char **words, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(words[i]);
	free(words);
}

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool matches_at(const char *text, size_t len, size_t at, const char *word, size_t wlen)
{
	if (at + wlen > len)
		return false;
	for (size_t i = 0; i < wlen; i++)
		if (ascii_lower(text[at + i]) != ascii_lower(word[i]))
			return false;
	return true;
}

bool query_find_match(const char *text, size_t len, size_t from, char *const *words,
                      size_t count, size_t *start, size_t *end)
{
	bool found = false;
	for (size_t i = 0; i < count; i++) {
		const char *word = words[i];
		size_t wlen = strlen(word);
		if (!wlen)
			continue;
		bool latin = is_ascii_alnum(word[0]);
		for (size_t at = from; at + wlen <= len && (!found || at < *start); at++) {
			if (latin && at > 0 && is_ascii_alnum(text[at - 1]))
				continue;
			if (matches_at(text, len, at, word, wlen)) {
				if (!found || at < *start || (at == *start && at + wlen > *end)) {
					*start = at;
					*end = at + wlen;
				}
				found = true;
				break;
			}
		}
	}
	return found;
}

/* Bytes LEAD.. of line L's text (its prefix left out) to SB. */
static size_t put_content(struct strbuf *sb, const struct text_line *l)
{
	size_t before = sb->len, skip = l->lead;
	for (size_t s = 0; s < l->span_count; s++) {
		const char *text = l->spans[s].text;
		size_t len = strlen(text);
		if (skip >= len) {
			skip -= len;
			continue;
		}
		strbuf_append(sb, text + skip, len - skip);
		skip = 0;
	}
	return sb->len - before;
}

static size_t line_length(const struct text_line *l)
{
	size_t len = 0;
	for (size_t s = 0; s < l->span_count; s++)
		len += strlen(l->spans[s].text);
	return len;
}

size_t query_line_matches(const struct text_lines *lines, size_t index, char *const *words,
                          size_t count, struct query_range **ranges)
{
	*ranges = NULL;
	if (!count || index >= lines->count)
		return 0;
	size_t longest = 0;
	for (size_t i = 0; i < count; i++)
		if (strlen(words[i]) > longest)
			longest = strlen(words[i]);
	const struct text_line *line = &lines->lines[index];

	/* The lines before that the paragraph continues from, as far back as
	 * a match reaching into this line can start. */
	size_t first = index, reach = 0;
	while (first > 0 && lines->lines[first].joint != TEXT_JOINT_NONE && reach < longest) {
		const struct text_line *prev = &lines->lines[first - 1];
		size_t len = line_length(prev);
		reach += (len > prev->lead ? len - prev->lead : 0) + 1;
		first--;
	}
	struct strbuf whole;
	strbuf_init(&whole);
	strbuf_puts(&whole, "");
	for (size_t j = first; j < index; j++) {
		put_content(&whole, &lines->lines[j]);
		if (lines->lines[j + 1].joint == TEXT_JOINT_SPACE)
			strbuf_puts(&whole, " ");
	}
	size_t base = whole.len;
	size_t own = put_content(&whole, line);
	reach = 0;
	for (size_t j = index + 1; j < lines->count && lines->lines[j].joint != TEXT_JOINT_NONE
	     && reach < longest; j++) {
		if (lines->lines[j].joint == TEXT_JOINT_SPACE)
			strbuf_puts(&whole, " ");
		reach += put_content(&whole, &lines->lines[j]) + 1;
	}

	size_t lead = line->lead < line_length(line) ? line->lead : line_length(line);
	size_t n = 0, capacity = 0, at = 0, start, end;
	while (at < base + own && query_find_match(whole.data, whole.len, at, words, count, &start, &end)) {
		if (start >= base + own)
			break;
		if (end > base) {
			*ranges = xgrow(*ranges, &capacity, n + 1, sizeof **ranges);
			(*ranges)[n].start = lead + (start > base ? start - base : 0);
			(*ranges)[n].end = lead + (end < base + own ? end - base : own);
			n++;
		}
		at = end;
	}
	strbuf_clear(&whole);
	return n;
}
