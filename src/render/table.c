/* GFM tables: cells collected as spans, column widths that fit the line
 * (wide columns narrowed and wrapped), or one "header: value" record per
 * row when even that does not fit. */
#include <config.h>

#include <cmark-gfm-core-extensions.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "render/internal.h"
#include "xalloc.h"


void table_enter(struct renderer *r, cmark_node *node)
{
	struct table *t = &r->table;
	uint8_t *align;

	table_clear(t);
	r->in_table = true;
	t->columns = cmark_gfm_extensions_get_table_columns(node);
	t->align = xcalloc(t->columns + 1, 1);
	align = cmark_gfm_extensions_get_table_alignments(node);
	for (size_t i = 0; align && i < t->columns; i++)
		t->align[i] = (char)align[i];
}

void table_row_enter(struct renderer *r, cmark_node *node)
{
	struct table *t = &r->table;
	struct table_row *row;

	t->rows = xgrow(t->rows, &t->capacity, t->count + 1, sizeof *t->rows);
	row = &t->rows[t->count++];
	memset(row, 0, sizeof *row);
	row->header = node && cmark_gfm_extensions_get_table_row_is_header(node);
}

void table_cell_exit(struct renderer *r)
{
	struct table *t = &r->table;
	struct table_row *row;
	struct cell *cell;

	if (t->count == 0)
		table_row_enter(r, NULL);
	row = &t->rows[t->count - 1];
	row->cells = xgrow(row->cells, &row->capacity, row->count + 1, sizeof *row->cells);
	cell = &row->cells[row->count++];
	cell->count = inline_take(r, &cell->spans);
}

/* Widest line of a cell (lines end at '\n'). */
static int cell_width(const struct cell *cell)
{
	int widest = 0, current = 0;

	for (size_t i = 0; i < cell->count; i++) {
		const char *p = cell->spans[i].text;
		for (;;) {
			const char *nl = strchr(p, '\n');
			if (!nl) {
				current += text_width(p);
				break;
			}
			char *piece = xstrndup(p, (size_t)(nl - p));
			current += text_width(piece);
			free(piece);
			if (current > widest)
				widest = current;
			current = 0;
			p = nl + 1;
		}
	}
	return current > widest ? current : widest;
}

static const struct cell *row_cell(const struct table_row *row, size_t c)
{
	return c < row->count ? &row->cells[c] : NULL;
}

/* Too many columns for the width: each row as "header: value" lines. */
static void table_records(struct renderer *r, size_t columns)
{
	const struct table *t = &r->table;
	const struct table_row *header = NULL;
	bool first = true;

	for (size_t i = 0; i < t->count; i++) {
		const struct table_row *row = &t->rows[i];
		if (row->header) {
			header = row;
			continue;
		}
		if (!first) {
			r->pending_blank = true;
			r->blank_depth = r->depth;
		}
		first = false;
		for (size_t c = 0; c < columns; c++) {
			const struct cell *h = header ? row_cell(header, c) : NULL;
			const struct cell *v = row_cell(row, c);
			size_t n = 0, cap = (h ? h->count : 0) + (v ? v->count : 0) + 1;
			struct text_span *spans = xmalloc(cap * sizeof *spans);
			struct text_span sep = {(char *)": ", RENDER_TEXT};

			for (size_t k = 0; h && k < h->count; k++) {
				spans[n].text = h->spans[k].text;
				spans[n++].style = RENDER_TABLE_HEADER;
			}
			if (n > 0)
				spans[n++] = sep;
			for (size_t k = 0; v && k < v->count; k++)
				spans[n++] = v->spans[k];
			emit_wrapped(r, spans, n);
			free(spans);
		}
	}
}

static void table_separator(struct renderer *r, const int *widths, size_t columns)
{
	runs_reset(&r->inl);
	runs_puts(&r->inl, "|", RENDER_TABLE_BORDER);
	for (size_t c = 0; c < columns; c++) {
		runs_repeat(&r->inl, '-', widths[c] + 2, RENDER_TABLE_BORDER);
		runs_puts(&r->inl, "|", RENDER_TABLE_BORDER);
	}
	emit_runs(r, &r->inl);
	runs_reset(&r->inl);
}

static void table_row_emit(struct renderer *r, const struct table_row *row, const int *widths,
                           size_t columns)
{
	struct text_lines *cells = xcalloc(columns, sizeof *cells);
	size_t height = 1;

	for (size_t c = 0; c < columns; c++) {
		const struct cell *cell = row_cell(row, c);
		text_lines_init(&cells[c]);
		if (cell && cell->count > 0)
			text_wrap_spans(cell->spans, cell->count, widths[c], &cells[c]);
		if (cells[c].count > height)
			height = cells[c].count;
	}
	for (size_t i = 0; i < height; i++) {
		runs_reset(&r->inl);
		runs_puts(&r->inl, "|", RENDER_TABLE_BORDER);
		for (size_t c = 0; c < columns; c++) {
			const struct text_line *line = i < cells[c].count ? &cells[c].lines[i] : NULL;
			int pad = widths[c] - (line ? line->width : 0), left = 0;
			char align = c < r->table.columns ? r->table.align[c] : 0;
			if (pad < 0)
				pad = 0;
			if (align == 'r')
				left = pad;
			else if (align == 'c')
				left = pad / 2;
			runs_repeat(&r->inl, ' ', 1 + left, RENDER_TEXT);
			for (size_t k = 0; line && k < line->span_count; k++)
				runs_puts(&r->inl, line->spans[k].text, line->spans[k].style);
			runs_repeat(&r->inl, ' ', pad - left + 1, RENDER_TEXT);
			runs_puts(&r->inl, "|", RENDER_TABLE_BORDER);
		}
		emit_runs(r, &r->inl);
		runs_reset(&r->inl);
	}
	for (size_t c = 0; c < columns; c++)
		text_lines_clear(&cells[c]);
	free(cells);
}

/* Column widths: natural when the table fits, else the widest columns are
 * narrowed to a common cap (water-filling) and their cells wrap.  A column
 * keeps at least MIN_COLUMN columns (or its natural width): a character and
 * the closing punctuation that must stay with it ("字，") always fit. */
#define MIN_COLUMN 4

static bool table_widths(const int *natural, size_t columns, int budget, int *widths)
{
	long sum = 0, floor_sum = 0, left = budget;
	int lo = MIN_COLUMN, hi = MIN_COLUMN;

	for (size_t c = 0; c < columns; c++) {
		int n = natural[c] < 1 ? 1 : natural[c];
		sum += n;
		floor_sum += n < MIN_COLUMN ? n : MIN_COLUMN;
		if (n > hi)
			hi = n;
	}
	if (floor_sum > budget)
		return false;
	if (sum <= budget) {
		for (size_t c = 0; c < columns; c++)
			widths[c] = natural[c] < 1 ? 1 : natural[c];
		return true;
	}
	while (lo < hi) {
		int mid = lo + (hi - lo + 1) / 2;
		long s = 0;
		for (size_t c = 0; c < columns; c++) {
			int n = natural[c] < 1 ? 1 : natural[c];
			s += n < mid ? n : mid;
		}
		if (s <= budget)
			lo = mid;
		else
			hi = mid - 1;
	}
	for (size_t c = 0; c < columns; c++) {
		int n = natural[c] < 1 ? 1 : natural[c];
		widths[c] = n < lo ? n : lo;
		left -= widths[c];
	}
	for (size_t c = 0; c < columns && left > 0; c++) {
		if (natural[c] > widths[c]) {
			widths[c]++;
			left--;
		}
	}
	return true;
}

void table_exit(struct renderer *r, cmark_node *node)
{
	struct table *t = &r->table;
	size_t columns = t->columns;
	int *natural, *widths;
	long budget;

	r->in_table = false;
	for (size_t i = 0; i < t->count; i++)
		if (t->rows[i].count > columns)
			columns = t->rows[i].count;
	if (columns == 0 || t->count == 0) {
		table_clear(t);
		return;
	}
	natural = xcalloc(columns, sizeof *natural);
	widths = xcalloc(columns, sizeof *widths);
	for (size_t i = 0; i < t->count; i++)
		for (size_t c = 0; c < t->rows[i].count; c++) {
			int w = cell_width(&t->rows[i].cells[c]);
			if (w > natural[c])
				natural[c] = w;
		}
	budget = (long)content_width(r) - (3 * (long)columns + 1);
	if (budget > 0 && table_widths(natural, columns, (int)budget, widths)) {
		for (size_t i = 0; i < t->count; i++) {
			table_row_emit(r, &t->rows[i], widths, columns);
			if (t->rows[i].header && (i + 1 == t->count || !t->rows[i + 1].header))
				table_separator(r, widths, columns);
		}
	} else {
		table_records(r, columns);
	}
	free(natural);
	free(widths);
	table_clear(t);
	block_done(r, node);
}

