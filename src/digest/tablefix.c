/* Tables as people write them, before cmark-gfm reads them: rows
 * separated by blank lines (strict GFM ends the table at the first blank
 * line and reads the rest as loose "| … |" paragraphs), and wiki links
 * whose "|" alias would split a cell ("[[page|alias]]" inside a row). */
#include <config.h>

#include <stdbool.h>
#include <string.h>

#include "digest/internal.h"
#include "strbuf.h"
#include "xalloc.h"

static bool is_blank(const char *line, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
			return false;
	return true;
}

static bool is_row(const char *line, size_t len)
{
	size_t i = 0;
	while (i < len && i < 3 && line[i] == ' ')
		i++;
	return i < len && line[i] == '|';
}

/* "|---|:--:|" */
static bool is_delimiter_row(const char *line, size_t len)
{
	bool dash = false;
	for (size_t i = 0; i < len; i++) {
		char c = line[i];
		if (c == '-')
			dash = true;
		else if (c != '|' && c != ':' && c != ' ' && c != '\t' && c != '\r')
			return false;
	}
	return dash;
}

static bool is_fence(const char *line, size_t len)
{
	size_t i = 0;
	while (i < len && i < 3 && line[i] == ' ')
		i++;
	return len - i >= 3 && (strncmp(line + i, "```", 3) == 0 || strncmp(line + i, "~~~", 3) == 0);
}

/* A row with "|" inside "[[…]]" escaped, so the alias stays in its cell. */
static void put_row(struct strbuf *out, const char *line, size_t len)
{
	int depth = 0;
	for (size_t i = 0; i < len; i++) {
		if (i + 1 < len && line[i] == '[' && line[i + 1] == '[') {
			depth++;
			strbuf_append(out, line + i, 2);
			i++;
			continue;
		}
		if (depth && i + 1 < len && line[i] == ']' && line[i + 1] == ']') {
			depth--;
			strbuf_append(out, line + i, 2);
			i++;
			continue;
		}
		if (depth && line[i] == '|' && (i == 0 || line[i - 1] != '\\'))
			strbuf_putc(out, '\\');
		strbuf_putc(out, line[i]);
	}
}

char *tables_joined(const char *text, size_t len)
{
	struct strbuf out;
	strbuf_init(&out);
	bool fenced = false, table = false;
	size_t pending_blank = 0;   /* blank lines held back inside a table */
	const char *pending = NULL;
	const char *prev = NULL;
	size_t prev_len = 0;
	for (size_t at = 0; at < len;) {
		const char *line = text + at;
		const char *nl = memchr(line, '\n', len - at);
		size_t line_len = nl ? (size_t)(nl - line) : len - at;
		size_t next = at + line_len + (nl ? 1 : 0);
		if (is_fence(line, line_len))
			fenced = !fenced;
		if (!fenced && table && is_blank(line, line_len)) {
			if (!pending)
				pending = line;
			pending_blank = next - (size_t)(pending - text);
			at = next;
			continue;
		}
		if (pending) {
			/* Blank lines between two rows vanish; before anything else
			 * they end the table as written. */
			if (!is_row(line, line_len)) {
				strbuf_append(&out, pending, pending_blank);
				table = false;
			}
			pending = NULL;
			pending_blank = 0;
		}
		if (!fenced && is_row(line, line_len)) {
			if (!table && prev && is_row(prev, prev_len) && is_delimiter_row(line, line_len))
				table = true;
			put_row(&out, line, line_len);
		} else {
			if (!fenced && !is_blank(line, line_len))
				table = false;
			strbuf_append(&out, line, line_len);
		}
		if (nl)
			strbuf_putc(&out, '\n');
		prev = line;
		prev_len = line_len;
		at = next;
	}
	if (pending)
		strbuf_append(&out, pending, pending_blank);
	return strbuf_detach(&out);
}
