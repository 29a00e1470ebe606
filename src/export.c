/* `radar export` and export_items: the four formats over the filtered,
 * sorted items of the cache, each item read whole (store_get_item). */
#include <config.h>

#include "export.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "date.h"
#include "i18n.h"
#include "json.h"
#include "links.h"
#include "options.h"
#include "query.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

enum { PAGE = 500 };

static const char *const format_names[] = {
#define EXPORT_NAME(id, name) name,
	EXPORT_FORMATS(EXPORT_NAME)
#undef EXPORT_NAME
};

int export_format_from_name(const char *name)
{
	for (int i = 0; i < EXPORT_FORMAT_COUNT; i++)
		if (strcmp(format_names[i], name) == 0)
			return i;
	return -1;
}

/* Digest text is untrusted: every string written is clean, on one line
 * where the format needs that. */
static char *clean(const char *s)
{
	return s ? text_clean(s, strlen(s)) : xstrdup("");
}

static char *clean_line(const char *s)
{
	char *c = clean(s);
	for (char *p = c; *p; p++)
		if (*p == '\n' || *p == '\t' || *p == '\r')
			*p = ' ';
	return c;
}

/* ---------------------------------------------------------------- markdown */

/* Markdown link text: brackets and backslashes escaped. */
static void md_text(struct strbuf *sb, const char *s)
{
	char *c = clean_line(s);
	for (const char *p = c; *p; p++) {
		if (strchr("[]\\*_`<>", *p))
			strbuf_putc(sb, '\\');
		strbuf_putc(sb, *p);
	}
	free(c);
}

static void md_item(struct strbuf *sb, const struct item_detail *d)
{
	strbuf_puts(sb, "- ");
	if (d->row.url) {
		strbuf_putc(sb, '[');
		md_text(sb, d->row.title);
		strbuf_puts(sb, "](<");
		char *url = clean_line(d->row.url);
		for (const char *p = url; *p; p++)
			if (*p != '<' && *p != '>' && *p != ' ')
				strbuf_putc(sb, *p);
		free(url);
		strbuf_puts(sb, ">)");
	} else {
		md_text(sb, d->row.title);
	}
	if (d->row.date)
		strbuf_printf(sb, " (%.10s)", d->row.date);
	if (d->row.starred)
		strbuf_puts(sb, " ★");
	strbuf_putc(sb, '\n');
	if (d->summary && *d->summary) {
		strbuf_puts(sb, "  ");
		md_text(sb, d->summary);
		strbuf_putc(sb, '\n');
	}
	if (d->tag_count > 0) {
		strbuf_printf(sb, "  %s ", _("Tags:"));
		for (size_t i = 0; i < d->tag_count; i++) {
			if (i)
				strbuf_puts(sb, ", ");
			md_text(sb, d->tags[i]);
		}
		strbuf_putc(sb, '\n');
	}
	if (d->user_tag_count > 0) {
		strbuf_printf(sb, "  %s ", _("Your tags:"));
		for (size_t i = 0; i < d->user_tag_count; i++) {
			if (i)
				strbuf_puts(sb, ", ");
			md_text(sb, d->user_tags[i]);
		}
		strbuf_putc(sb, '\n');
	}
	if (d->mention_count > 0) {
		strbuf_printf(sb, "  %s ", _("Mentioned in:"));
		for (size_t i = 0; i < d->mention_count; i++) {
			if (i)
				strbuf_puts(sb, "; ");
			md_text(sb, d->mentions[i].digest_title);
			if (d->mentions[i].digest_date)
				strbuf_printf(sb, " (%.10s)", d->mentions[i].digest_date);
		}
		strbuf_putc(sb, '\n');
	}
}

/* ---------------------------------------------------------------- bibtex */

/* A field value inside braces: TeX's special characters escaped, so the
 * braces balance and bibtex/biber read the text as written.  A brace is
 * \textbraceleft{} / \textbraceright{}, not \{ \}: bibtex counts every
 * brace of a value, a backslash before it or not, so a title with one
 * lone } ended its entry there (the fields after it lost) and one with a
 * lone { swallowed the rest of the entry. */
static void bib_text(struct strbuf *sb, const char *s)
{
	char *c = clean_line(s);
	for (const char *p = c; *p; p++) {
		switch (*p) {
		case '&': case '%': case '$': case '#': case '_':
			strbuf_putc(sb, '\\');
			strbuf_putc(sb, *p);
			break;
		case '{': strbuf_puts(sb, "\\textbraceleft{}"); break;
		case '}': strbuf_puts(sb, "\\textbraceright{}"); break;
		case '~': strbuf_puts(sb, "\\textasciitilde{}"); break;
		case '^': strbuf_puts(sb, "\\textasciicircum{}"); break;
		case '\\': strbuf_puts(sb, "\\textbackslash{}"); break;
		default: strbuf_putc(sb, *p);
		}
	}
	free(c);
}

/* A URL: verbatim for biber's url field, braces and blanks percent-encoded
 * so they cannot end the value. */
static void bib_url(struct strbuf *sb, const char *s)
{
	char *c = clean_line(s);
	for (const unsigned char *p = (const unsigned char *)c; *p; p++) {
		if (*p == '{' || *p == '}' || *p == ' ' || *p == '\\' || *p == '"')
			strbuf_printf(sb, "%%%02X", *p);
		else
			strbuf_putc(sb, (char)*p);
	}
	free(c);
}

/* The citation key: the arXiv id for a paper (arXiv:2603.01234), else the
 * item's identity key with every character outside [A-Za-z0-9:._-] as '-'. */
static void bib_key(struct strbuf *sb, const char *key)
{
	if (strncmp(key, "arxiv:", 6) == 0) {
		strbuf_puts(sb, "arXiv:");
		key += 6;
	}
	for (const char *p = key; *p; p++) {
		char ch = *p;
		bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
		          || ch == ':' || ch == '.' || ch == '_' || ch == '-';
		strbuf_putc(sb, ok ? ch : '-');
	}
}

static void bib_field(struct strbuf *sb, const char *name, const char *value,
                      void (*put)(struct strbuf *, const char *))
{
	strbuf_printf(sb, "  %-13s = {", name);
	put(sb, value);
	strbuf_puts(sb, "},\n");
}

/* "A. One, B. Two" (as digests write them, with ASCII or full-width
 * commas and semicolons) → "A. One and B. Two". */
static void bib_authors(struct strbuf *sb, const char *authors)
{
	static const char *const separators[] = { ",", ";", "\xEF\xBC\x8C", "\xEF\xBC\x9B", "\xE3\x80\x81" };
	char *c = clean_line(authors);
	bool first = true;
	for (char *part = c; part && *part; ) {
		char *end = NULL;
		size_t sep_len = 0;
		for (size_t i = 0; i < sizeof separators / sizeof separators[0]; i++) {
			char *hit = strstr(part, separators[i]);
			if (hit && (!end || hit < end)) {
				end = hit;
				sep_len = strlen(separators[i]);
			}
		}
		char *next = end ? end + sep_len : NULL;
		if (end)
			*end = '\0';
		while (*part == ' ')
			part++;
		size_t len = strlen(part);
		while (len > 0 && part[len - 1] == ' ')
			part[--len] = '\0';
		if (*part) {
			if (!first)
				strbuf_puts(sb, " and ");
			bib_text(sb, part);
			first = false;
		}
		part = next;
	}
	free(c);
}

/* arXiv's archives: a subject class of two capitals (cs.CL, stat.ML,
 * astro-ph.GA), of lower-case words for physics and cond-mat
 * (physics.optics, cond-mat.mes-hall), or (ALONE) none: hep-th. */
static const struct {
	const char *name;
	bool alone, lower;
} arxiv_archives[] = {
	{ "cs", false, false }, { "stat", false, false }, { "math", false, false },
	{ "eess", false, false }, { "econ", false, false }, { "q-bio", false, false },
	{ "q-fin", false, false }, { "nlin", false, false }, { "astro-ph", true, false },
	{ "physics", false, true }, { "cond-mat", true, true }, { "quant-ph", true, false },
	{ "hep-th", true, false }, { "hep-ph", true, false }, { "hep-ex", true, false },
	{ "hep-lat", true, false }, { "gr-qc", true, false }, { "nucl-th", true, false },
	{ "nucl-ex", true, false }, { "math-ph", true, false },
};

static bool is_word_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* The length of an arXiv category at TEXT + AT (a word of its own), 0
 * when there is none. */
static size_t category_at(const char *text, size_t at)
{
	if (at > 0 && (is_word_byte(text[at - 1]) || text[at - 1] == '.' || text[at - 1] == '/'))
		return 0;
	const char *p = text + at;
	for (size_t i = 0; i < sizeof arxiv_archives / sizeof arxiv_archives[0]; i++) {
		size_t n = strlen(arxiv_archives[i].name);
		if (strncmp(p, arxiv_archives[i].name, n) != 0)
			continue;
		size_t end = n;
		bool lower = arxiv_archives[i].lower;
		if (p[end] == '.') {
			size_t k = end + 1;
			if (lower)
				while ((p[k] >= 'a' && p[k] <= 'z') || (p[k] == '-' && k > end + 1))
					k++;
			else if (p[k] >= 'A' && p[k] <= 'Z' && p[k + 1] >= 'A' && p[k + 1] <= 'Z')
				k += 2;
			if (k > end + 2)
				end = k;
		}
		/* "cs" or "math" alone is a word, not a category. */
		if (end == n && !arxiv_archives[i].alone)
			continue;
		if (is_word_byte(p[end]) || (p[end] == '.' && is_word_byte(p[end + 1])))
			continue;
		return end;
	}
	return 0;
}

/* The first arXiv category written in S into OUT (cs.CL); false if none. */
static bool find_category(const char *s, char out[32])
{
	if (!s)
		return false;
	for (size_t at = 0; s[at]; at++) {
		size_t n = category_at(s, at);
		if (n > 0 && n < 32) {
			memcpy(out, s + at, n);
			out[n] = '\0';
			return true;
		}
	}
	return false;
}

/* A paper's primary class when a digest says it: the first category in
 * its own text ("Main category: cs.CL", "[cs.CL]"; arXiv lists the
 * primary first), else in the heading of the section it was listed under
 * ("## cs.CL").  Unknown is left out rather than guessed. */
static bool primary_class(const struct item_detail *d, char out[32])
{
	for (size_t i = 0; i < d->mention_count; i++)
		if (find_category(d->mentions[i].markdown, out))
			return true;
	for (size_t i = 0; i < d->mention_count; i++)
		if (find_category(d->mentions[i].section, out))
			return true;
	return false;
}

static void bib_item(struct strbuf *sb, const struct item_detail *d)
{
	const struct item_row *row = &d->row;
	bool arxiv = strncmp(row->key, "arxiv:", 6) == 0;
	strbuf_puts(sb, arxiv ? "@misc{" : "@online{");
	bib_key(sb, row->key);
	strbuf_puts(sb, ",\n");
	/* Double braces keep the title's capitals as written. */
	strbuf_puts(sb, "  title         = {{");
	bib_text(sb, row->title && *row->title ? row->title : row->key);
	strbuf_puts(sb, "}},\n");
	if (d->authors && *d->authors) {
		strbuf_puts(sb, "  author        = {");
		bib_authors(sb, d->authors);
		strbuf_puts(sb, "},\n");
	}
	if (row->date && strlen(row->date) >= 4) {
		char year[5];
		memcpy(year, row->date, 4);
		year[4] = '\0';
		bib_field(sb, "year", year, bib_text);
	}
	if (arxiv) {
		bib_field(sb, "eprint", row->key + 6, bib_text);
		bib_field(sb, "archivePrefix", "arXiv", bib_text);
		char class[32];
		if (primary_class(d, class))
			bib_field(sb, "primaryClass", class, bib_text);
	}
	if (row->url)
		bib_field(sb, "url", row->url, bib_url);
	/* The user's own tags: what they filed the paper under. */
	if (d->user_tag_count > 0) {
		strbuf_printf(sb, "  %-13s = {", "keywords");
		for (size_t i = 0; i < d->user_tag_count; i++) {
			if (i)
				strbuf_puts(sb, ", ");
			bib_text(sb, d->user_tags[i]);
		}
		strbuf_puts(sb, "},\n");
	}
	strbuf_puts(sb, "}\n\n");
}

/* ---------------------------------------------------------------- json */

static void json_clean(struct strbuf *sb, bool *first, const char *name, const char *value)
{
	char *c = value ? clean(value) : NULL;
	json_member_string(sb, first, name, c);
	free(c);
}

static void json_item(struct strbuf *sb, const struct item_detail *d, bool first_item)
{
	const struct item_row *row = &d->row;
	bool first = true;
	strbuf_puts(sb, first_item ? "  {" : ",\n  {");
	json_member_int(sb, &first, "id", row->id);
	json_clean(sb, &first, "key", row->key);
	json_member_string(sb, &first, "kind", kind_name(row->kind));
	json_clean(sb, &first, "title", row->title);
	json_clean(sb, &first, "url", row->url);
	json_clean(sb, &first, "date", row->date);
	json_clean(sb, &first, "first_seen", row->first_seen);
	json_clean(sb, &first, "source", row->source);
	json_member_bool(sb, &first, "read", row->read);
	json_member_bool(sb, &first, "starred", row->starred);
	json_clean(sb, &first, "summary", d->summary);
	json_clean(sb, &first, "authors", d->authors);
	json_key(sb, &first, "tags");
	strbuf_putc(sb, '[');
	for (size_t i = 0; i < d->tag_count; i++) {
		char *c = clean(d->tags[i]);
		if (i)
			strbuf_putc(sb, ',');
		json_string(sb, c);
		free(c);
	}
	strbuf_putc(sb, ']');
	json_key(sb, &first, "user_tags");
	strbuf_putc(sb, '[');
	for (size_t i = 0; i < d->user_tag_count; i++) {
		char *c = clean(d->user_tags[i]);
		if (i)
			strbuf_putc(sb, ',');
		json_string(sb, c);
		free(c);
	}
	strbuf_putc(sb, ']');
	json_key(sb, &first, "links");
	strbuf_putc(sb, '[');
	for (size_t i = 0; i < d->link_count; i++) {
		bool f = true;
		strbuf_puts(sb, i ? ",{" : "{");
		json_clean(sb, &f, "url", d->links[i].url);
		json_clean(sb, &f, "text", d->links[i].text);
		json_member_string(sb, &f, "kind", kind_name(d->links[i].kind));
		json_clean(sb, &f, "key", d->links[i].key);
		strbuf_putc(sb, '}');
	}
	strbuf_putc(sb, ']');
	json_key(sb, &first, "mentions");
	strbuf_putc(sb, '[');
	for (size_t i = 0; i < d->mention_count; i++) {
		const struct item_mention *m = &d->mentions[i];
		bool f = true;
		strbuf_puts(sb, i ? ",{" : "{");
		json_member_int(sb, &f, "digest_id", m->digest_id);
		json_clean(sb, &f, "digest_title", m->digest_title);
		json_clean(sb, &f, "digest_location", m->digest_location);
		json_clean(sb, &f, "digest_date", m->digest_date);
		json_clean(sb, &f, "source", m->source);
		json_clean(sb, &f, "section", m->section);
		json_clean(sb, &f, "excerpt", m->markdown);
		strbuf_putc(sb, '}');
	}
	strbuf_puts(sb, "]}");
}

/* ---------------------------------------------------------------- csv */

/* RFC 4180: a field with a comma, quote or line break is quoted, quotes
 * doubled.  A leading = + - @ is prefixed with ' so a spreadsheet never
 * runs digest text as a formula. */
static void csv_field(struct strbuf *sb, const char *s, bool last)
{
	char *c = clean(s);
	bool quote = strpbrk(c, ",\"\n\r") != NULL;
	bool formula = strchr("=+-@", c[0]) && c[0];
	if (quote)
		strbuf_putc(sb, '"');
	if (formula)
		strbuf_putc(sb, '\'');
	for (const char *p = c; *p; p++) {
		if (*p == '"')
			strbuf_putc(sb, '"');
		strbuf_putc(sb, *p);
	}
	if (quote)
		strbuf_putc(sb, '"');
	strbuf_puts(sb, last ? "\r\n" : ",");
	free(c);
}

static void csv_item(struct strbuf *sb, const struct item_detail *d)
{
	const struct item_row *row = &d->row;
	char id[24], mentions[24];
	snprintf(id, sizeof id, "%lld", (long long)row->id);
	snprintf(mentions, sizeof mentions, "%zu", d->mention_count);
	struct strbuf tags;
	strbuf_init(&tags);
	for (size_t i = 0; i < d->tag_count; i++)
		strbuf_printf(&tags, "%s%s", i ? "; " : "", d->tags[i]);
	struct strbuf user_tags;
	strbuf_init(&user_tags);
	for (size_t i = 0; i < d->user_tag_count; i++)
		strbuf_printf(&user_tags, "%s%s", i ? "; " : "", d->user_tags[i]);
	csv_field(sb, id, false);
	csv_field(sb, row->key, false);
	csv_field(sb, kind_name(row->kind), false);
	csv_field(sb, row->title, false);
	csv_field(sb, row->url, false);
	csv_field(sb, row->date, false);
	csv_field(sb, d->authors, false);
	csv_field(sb, tags.data ? tags.data : "", false);
	csv_field(sb, user_tags.data ? user_tags.data : "", false);
	csv_field(sb, mentions, false);
	csv_field(sb, row->read ? "yes" : "no", false);
	csv_field(sb, row->starred ? "yes" : "no", true);
	strbuf_clear(&tags);
	strbuf_clear(&user_tags);
}

/* ---------------------------------------------------------------- the walk */

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every id the filter selects, in list order (keyset paging). */
static int collect_rows(struct store *store, const struct item_filter *filter,
                        struct item_row **all, size_t *total, char **error)
{
	*all = NULL;
	*total = 0;
	struct item_row *rows = NULL;
	size_t count = 0;
	if (store_list_items(store, filter, 0, PAGE, &rows, &count, error) != 0)
		return -1;
	for (;;) {
		*all = xrealloc(*all, (*total + count + 1) * sizeof **all);
		memcpy(*all + *total, rows, count * sizeof *rows);
		*total += count;
		free(rows);
		if (count < PAGE)
			return 0;
		rows = NULL;
		size_t n = 0;
		if (store_list_items_from(store, filter, &(*all)[*total - 1], true, PAGE, &rows, &n,
		                          error) != 0)
			return -1;
		count = n;
	}
}

static int write_out(FILE *out, struct strbuf *sb, char **error)
{
	if (sb->len && fwrite(sb->data, 1, sb->len, out) != sb->len) {
		*error = xasprintf(_("cannot write the export: %s"), strerror(errno));
		return -1;
	}
	strbuf_reset(sb);
	return 0;
}

/* The names of the user's tags the ROWS carry, sorted, once each. */
static int user_tag_groups(struct store *store, const struct item_row *rows, size_t total,
                           char ***names, size_t *count, char **error)
{
	*names = NULL;
	*count = 0;
	size_t capacity = 0;
	for (size_t i = 0; i < total; i++) {
		char **tags = NULL;
		size_t n = 0;
		if (store_item_user_tags(store, rows[i].id, &tags, &n, error) != 0)
			return -1;
		for (size_t t = 0; t < n; t++) {
			bool seen = false;
			for (size_t k = 0; k < *count && !seen; k++)
				seen = strcmp((*names)[k], tags[t]) == 0;
			if (!seen) {
				*names = xgrow(*names, &capacity, *count + 1, sizeof **names);
				(*names)[(*count)++] = xstrdup(tags[t]);
			}
		}
		store_names_free(tags, n);
	}
	qsort(*names, *count, sizeof **names, compare_names);
	return 0;
}

/* Whether item D belongs under group GROUP: one of the user's tags by
 * name, or (NULL) the items with none. */
static bool in_tag_group(const struct item_detail *d, const char *group)
{
	if (!group)
		return d->user_tag_count == 0;
	for (size_t i = 0; i < d->user_tag_count; i++)
		if (strcmp(d->user_tags[i], group) == 0)
			return true;
	return false;
}

int export_items(struct store *store, const struct item_filter *filter, enum export_format format,
                 FILE *out, long *exported, char **error)
{
	return export_items_grouped(store, filter, format, EXPORT_GROUP_KIND, out, exported, error);
}

/* Write ROWS (TOTAL of them, in that order) to OUT. */
static int write_rows(struct store *store, const struct item_row *rows, size_t total,
                      enum export_format format, enum export_group group, FILE *out,
                      long *exported, char **error)
{
	struct strbuf sb;
	strbuf_init(&sb);
	int rc = 0;
	if (format == EXPORT_MARKDOWN)
		strbuf_printf(&sb, "# %s\n", _("Reading list"));
	else if (format == EXPORT_JSON)
		strbuf_puts(&sb, "[\n");
	else if (format == EXPORT_CSV)
		strbuf_puts(&sb, "id,key,kind,title,url,date,authors,tags,user_tags,mentions,read,starred\r\n");
	/* Markdown groups by kind, in the kinds' order, or by the user's tags
	 * by name (an item under each of its tags, the untagged last); the
	 * others follow the list order. */
	bool by_tag = format == EXPORT_MARKDOWN && group == EXPORT_GROUP_TAG;
	char **groups = NULL;
	size_t group_count = 0;
	if (by_tag && user_tag_groups(store, rows, total, &groups, &group_count, error) != 0)
		rc = -1;
	int passes = by_tag ? (int)group_count + 1 : format == EXPORT_MARKDOWN ? KIND_COUNT : 1;
	size_t written = 0;
	for (int kind = 0; kind < passes && rc == 0; kind++) {
		bool heading = false;
		const char *tag_group = by_tag && kind < (int)group_count ? groups[kind] : NULL;
		for (size_t i = 0; i < total && rc == 0; i++) {
			if (format == EXPORT_MARKDOWN && !by_tag && (int)rows[i].kind != kind)
				continue;
			struct item_detail d;
			int got = store_get_item(store, rows[i].id, &d, error);
			if (got == 1)
				continue;       /* removed meanwhile */
			if (got != 0) {
				rc = -1;
				break;
			}
			if (by_tag && !in_tag_group(&d, tag_group)) {
				item_detail_clear(&d);
				continue;
			}
			switch (format) {
			case EXPORT_MARKDOWN:
				if (!heading) {
					if (by_tag && tag_group) {
						strbuf_puts(&sb, "\n## ");
						md_text(&sb, tag_group);
						strbuf_puts(&sb, "\n\n");
					} else {
						const char *title = by_tag ? _("Without your tags")
						                           : _(kind_plural((enum item_kind)kind));
						strbuf_printf(&sb, "\n## %s\n\n", title);
					}
					heading = true;
				}
				md_item(&sb, &d);
				break;
			case EXPORT_BIBTEX: bib_item(&sb, &d); break;
			case EXPORT_JSON: json_item(&sb, &d, written == 0); break;
			case EXPORT_CSV: csv_item(&sb, &d); break;
			default: break;
			}
			written++;
			item_detail_clear(&d);
			if (sb.len > 65536)
				rc = write_out(out, &sb, error);
		}
	}
	if (rc == 0 && format == EXPORT_JSON)
		strbuf_puts(&sb, written ? "\n]\n" : "]\n");
	if (rc == 0)
		rc = write_out(out, &sb, error);
	if (rc == 0 && fflush(out) != 0) {
		*error = xasprintf(_("cannot write the export: %s"), strerror(errno));
		rc = -1;
	}
	strbuf_clear(&sb);
	store_names_free(groups, group_count);
	if (exported)
		*exported = (long)written;
	return rc;
}

int export_items_grouped(struct store *store, const struct item_filter *filter,
                         enum export_format format, enum export_group group, FILE *out,
                         long *exported, char **error)
{
	*error = NULL;
	if (exported)
		*exported = 0;
	struct item_row *rows = NULL;
	size_t total = 0;
	if (collect_rows(store, filter, &rows, &total, error) != 0) {
		item_rows_free(rows, total);
		return -1;
	}
	int rc = write_rows(store, rows, total, format, group, out, exported, error);
	item_rows_free(rows, total);
	return rc;
}

int export_rows(struct store *store, const struct item_row *rows, size_t count,
                enum export_format format, FILE *out, long *exported, char **error)
{
	*error = NULL;
	return write_rows(store, rows, count, format, EXPORT_GROUP_KIND, out, exported, error);
}

enum { OPT_FORMAT = FILTER_OPT_END, OPT_OUTPUT, OPT_GROUP };
static const struct option export_options[] = {
	COMMAND_FILTER_OPTIONS,
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "group", required_argument, NULL, OPT_GROUP },
	{ "output", required_argument, NULL, OPT_OUTPUT },
	{ NULL, 0, NULL, 0 },
};

static int export_args(const struct command_context *ctx, int argc, char **argv);
static int export_to(const struct command_context *ctx, const struct item_filter *filter,
                     int format, enum export_group group, const char *output);

int command_export(const struct command_context *ctx, int argc, char **argv)
{
	char **args = command_query_argv(argc, argv, export_options, "o", &argc);
	int status = export_args(ctx, argc, args);
	free(args);
	return status;
}

static int export_args(const struct command_context *ctx, int argc, char **argv)
{
	const struct option *options = export_options;
	struct item_filter filter;
	item_filter_init(&filter);
	char since[DATE_ISO_MAX];
	int format = -1;
	enum export_group group = EXPORT_GROUP_KIND;
	const char *output = NULL;
	optind = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":o:", options, NULL)) != -1) {
		int filtered = command_filter_option(c, optarg, &filter, since);
		if (filtered == 2)
			return 2;
		if (filtered == 0)
			continue;
		if (c == OPT_FORMAT) {
			format = export_format_from_name(optarg);
			if (format < 0)
				return command_usage_error(_("--format: '%s' is not markdown, bibtex, json or csv"),
				                           optarg);
		} else if (c == OPT_GROUP) {
			if (strcmp(optarg, "kind") == 0)
				group = EXPORT_GROUP_KIND;
			else if (strcmp(optarg, "tag") == 0)
				group = EXPORT_GROUP_TAG;
			else
				return command_usage_error(_("--group: '%s' is not kind or tag"), optarg);
		} else if (c == OPT_OUTPUT || c == 'o') {
			output = optarg;
		} else {
			return command_option_error(c, argv);
		}
	}
	if (format < 0)
		return command_usage_error(_("'export' needs --format markdown, bibtex, json or csv"));
	filter.hot_days = (int)option_int(OPTION_HOT_DAYS);
	struct query query;
	if (command_filter_query(argc - optind, argv + optind, &filter, &query) != 0)
		return 2;
	int status = export_to(ctx, &filter, format, group, output);
	query_clear(&query);
	return status;
}

static int export_to(const struct command_context *ctx, const struct item_filter *filter,
                     int format, enum export_group group, const char *output)
{
	if (!ctx->store) {
		command_error("%s", _("cannot read the cache"));
		return 1;
	}
	FILE *out = stdout;
	if (output && strcmp(output, "-") != 0) {
		out = fopen(output, "w");
		if (!out) {
			command_error("%s: %s", output, strerror(errno));
			return 1;
		}
	}
	char *error = NULL;
	int rc = export_items_grouped(ctx->store, filter, (enum export_format)format, group, out,
	                              NULL, &error);
	if (out != stdout && fclose(out) != 0 && rc == 0) {
		error = xasprintf(_("cannot write the export: %s"), strerror(errno));
		rc = -1;
	}
	if (rc != 0) {
		command_error("%s: %s", output ? output : "-", error ? error : "?");
		free(error);
		return 1;
	}
	return 0;
}
