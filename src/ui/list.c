/* The list pane: a window of rows around the cursor, fetched by keyset. */
#include <config.h>

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "strbuf.h"
#include "text.h"
#include "ui/list.h"
#include "ui/draw.h"
#include "xalloc.h"

/* Rows fetched at a time, and the most the window holds (plus a screen). */
#define FETCH_CHUNK 128
#define WINDOW_CAP 512

void list_init(struct list_pane *list, struct store *store)
{
	memset(list, 0, sizeof *list);
	list->store = store;
	item_filter_init(&list->filter);
	list->height = 1;
}

static void drop_window(struct list_pane *list)
{
	item_rows_free(list->rows, list->row_count);
	list->rows = NULL;
	list->row_count = 0;
	list->window_start = 0;
}

void list_clear(struct list_pane *list)
{
	drop_window(list);
	item_filter_clear(&list->filter);
	memset(list, 0, sizeof *list);
}

void list_set_filter(struct list_pane *list, const struct item_filter *filter)
{
	list->selecting = false;
	/* FILTER may point into LIST's own strings: copy before freeing. */
	struct item_filter copy;
	item_filter_copy(&copy, filter);
	item_filter_clear(&list->filter);
	list->filter = copy;
	list->filter.with_boilerplate = list->show_boilerplate;
	drop_window(list);
	list->cursor = 0;
	list->top = 0;
	list->total = 0;
	list->total_known = false;
	list->generation++;
}

static int64_t capacity(const struct list_pane *list)
{
	return WINDOW_CAP + 2 * (int64_t)list->height;
}

/* Free the strings of COUNT rows inside the window (item_rows_free frees
 * an array it owns; these rows are part of ours). */
static void clear_rows(struct item_row *rows, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		struct item_row *one = xmalloc(sizeof *one);
		*one = rows[i];
		item_rows_free(one, 1);
	}
}

/* Keep at most capacity() rows; trim the end away from [FROM, TO). */
static void trim_window(struct list_pane *list, int64_t from, int64_t to)
{
	int64_t cap = capacity(list);
	if ((int64_t)list->row_count <= cap)
		return;
	int64_t excess = (int64_t)list->row_count - cap;
	int64_t end = list->window_start + (int64_t)list->row_count;
	int64_t front_spare = from - list->window_start;
	int64_t back_spare = end - to;
	if (back_spare >= front_spare) {
		int64_t drop = excess < back_spare ? excess : back_spare;
		clear_rows(list->rows + list->row_count - drop, (size_t)drop);
		list->row_count -= (size_t)drop;
	} else {
		int64_t drop = excess < front_spare ? excess : front_spare;
		clear_rows(list->rows, (size_t)drop);
		memmove(list->rows, list->rows + drop, (list->row_count - (size_t)drop) * sizeof *list->rows);
		list->row_count -= (size_t)drop;
		list->window_start += drop;
	}
}

static void append_rows(struct list_pane *list, struct item_row *rows, size_t count, bool at_end)
{
	list->rows = xrealloc(list->rows, (list->row_count + count + 1) * sizeof *list->rows);
	if (at_end) {
		memcpy(list->rows + list->row_count, rows, count * sizeof *rows);
	} else {
		memmove(list->rows + count, list->rows, list->row_count * sizeof *list->rows);
		memcpy(list->rows, rows, count * sizeof *rows);
		list->window_start -= (int64_t)count;
	}
	list->row_count += count;
	free(rows);     /* the strings now belong to the window */
}

/* Make positions [FROM, TO) present in the window (as far as they exist). */
static int ensure_rows(struct list_pane *list, int64_t from, int64_t to, char **error)
{
	if (from < 0)
		from = 0;
	if (to > list->total)
		to = list->total;
	if (from >= to)
		return 0;
	int64_t start = list->window_start;
	int64_t end = start + (int64_t)list->row_count;
	if (list->row_count > 0 && from >= start && to <= end)
		return 0;
	struct item_row *rows = NULL;
	size_t count = 0;
	if (list->row_count > 0 && from >= start && from <= end && to > end) {
		int64_t want = to - end < FETCH_CHUNK ? FETCH_CHUNK : to - end;
		if (store_list_items_from(list->store, &list->filter, &list->rows[list->row_count - 1],
		                          true, (int)want, &rows, &count, error) != 0)
			return -1;
		append_rows(list, rows, count, true);
	} else if (list->row_count > 0 && to <= end && to >= start && from < start) {
		int64_t want = start - from < FETCH_CHUNK ? FETCH_CHUNK : start - from;
		if (store_list_items_from(list->store, &list->filter, &list->rows[0], false, (int)want,
		                          &rows, &count, error) != 0)
			return -1;
		append_rows(list, rows, count, false);
		if (list->window_start < 0)     /* the view grew above us: start over */
			list->window_start = 0;
	} else {
		/* A jump: start a new window where it is needed. */
		drop_window(list);
		int64_t span = to - from + FETCH_CHUNK;
		if (list->total_known && list->total - from <= span) {
			if (store_list_items_from(list->store, &list->filter, NULL, false, (int)span,
			                          &rows, &count, error) != 0)
				return -1;
			list->rows = rows;
			list->row_count = count;
			list->window_start = list->total - (int64_t)count;
			if (list->window_start < 0)
				list->window_start = 0;
		} else if (from <= FETCH_CHUNK) {
			if (store_list_items_from(list->store, &list->filter, NULL, true, (int)(to + FETCH_CHUNK),
			                          &rows, &count, error) != 0)
				return -1;
			list->rows = rows;
			list->row_count = count;
			list->window_start = 0;
		} else {
			int64_t offset = from - FETCH_CHUNK / 2;
			if (store_list_items(list->store, &list->filter, offset, (int)(to - offset + FETCH_CHUNK / 2),
			                     &rows, &count, error) != 0)
				return -1;
			list->rows = rows;
			list->row_count = count;
			list->window_start = offset;
		}
	}
	trim_window(list, from, to);
	return 0;
}

static void clamp(struct list_pane *list)
{
	if (list->cursor >= list->total)
		list->cursor = list->total - 1;
	if (list->cursor < 0)
		list->cursor = 0;
	if (list->top > list->cursor)
		list->top = list->cursor;
	if (list->cursor >= list->top + list->height)
		list->top = list->cursor - list->height + 1;
	if (list->top > list->total - list->height)
		list->top = list->total - list->height;
	if (list->top < 0)
		list->top = 0;
}

static int fill(struct list_pane *list, char **error)
{
	clamp(list);
	return ensure_rows(list, list->top, list->top + list->height, error);
}

/* Count up to CAP (at least a couple of screens past the cursor). */
static int count_upto(struct list_pane *list, int64_t cap, char **error)
{
	int64_t least = list->cursor + 2 * (int64_t)list->height + 1;
	if (cap < least)
		cap = least;
	int64_t count = 0;
	if (store_count_items_upto(list->store, &list->filter, cap, &count, error) != 0)
		return -1;
	list->total = count;
	list->total_known = count < cap;
	return 0;
}

int list_reach(struct list_pane *list, int64_t position, char **error)
{
	if (list->total_known || position + 2 * (int64_t)list->height < list->total)
		return 0;
	/* Doubling: holding j through a huge view counts it once over, not
	 * once a screen. */
	int64_t cap = position + 2 * (int64_t)list->height + 1;
	if (cap < 2 * list->total)
		cap = 2 * list->total;
	return count_upto(list, cap, error);
}

int list_count_all(struct list_pane *list, char **error)
{
	if (list->total_known)
		return 0;
	int64_t count = 0;
	if (store_count_items(list->store, &list->filter, &count, error) != 0)
		return -1;
	list->total = count;
	list->total_known = true;
	return 0;
}

bool list_count_arrived(struct list_pane *list, unsigned generation, int64_t total)
{
	if (generation != list->generation || list->total_known)
		return false;
	list->total = total;
	list->total_known = true;
	clamp(list);
	return true;
}

/* The window from the top, which counts too: the rows asked for and not
 * found mean the list ends (one query where a count and a page were two:
 * a search's first screen runs its match once). */
static int first_window(struct list_pane *list, char **error)
{
	int64_t want = list->cursor + 2 * (int64_t)list->height + FETCH_CHUNK;
	struct item_row *rows = NULL;
	size_t count = 0;
	if (store_list_items_from(list->store, &list->filter, NULL, true, (int)want, &rows, &count,
	                          error) != 0)
		return -1;
	list->rows = rows;
	list->row_count = count;
	list->window_start = 0;
	list->total = (int64_t)count;
	list->total_known = (int64_t)count < want;
	return fill(list, error);
}

int list_reload(struct list_pane *list, char **error)
{
	struct item_row *current = list_current(list);
	int64_t id = current ? current->id : -1;
	int64_t screen_row = list->cursor - list->top;
	list->generation++;
	drop_window(list);
	if (id >= 0) {
		int64_t position = -1;
		if (store_item_position(list->store, &list->filter, id, &position, error) != 0)
			return -1;
		if (position >= 0) {
			list->cursor = position;
			list->top = position - screen_row;
		}
	}
	if (list->cursor <= FETCH_CHUNK)
		return first_window(list, error);
	if (count_upto(list, 0, error) != 0)
		return -1;
	return fill(list, error);
}

int list_set_height(struct list_pane *list, int height, char **error)
{
	list->height = height > 0 ? height : 1;
	if (list_reach(list, list->cursor, error) != 0)
		return -1;
	return fill(list, error);
}

int list_move_to(struct list_pane *list, int64_t position, char **error)
{
	if (list_reach(list, position, error) != 0)
		return -1;
	list->cursor = position;
	return fill(list, error);
}

int list_scroll(struct list_pane *list, int64_t delta, char **error)
{
	if (list_reach(list, list->cursor + delta + list->height, error) != 0)
		return -1;
	int64_t top = list->top + delta;
	if (top > list->total - list->height)
		top = list->total - list->height;
	if (top < 0)
		top = 0;
	int64_t moved = top - list->top;
	/* At an end the view cannot scroll further; the cursor still goes. */
	list->cursor += moved != 0 ? moved : delta;
	list->top = top;
	return fill(list, error);
}

struct item_row *list_row_at(const struct list_pane *list, int64_t position)
{
	if (position < list->window_start || position >= list->window_start + (int64_t)list->row_count)
		return NULL;
	return &list->rows[position - list->window_start];
}

struct item_row *list_current(const struct list_pane *list)
{
	if (list->total == 0)
		return NULL;
	return list_row_at(list, list->cursor);
}

void list_selection(const struct list_pane *list, int64_t *first, int64_t *last)
{
	int64_t a = list->select_anchor, c = list->cursor;
	if (a >= list->total)
		a = list->total - 1;
	*first = a < c ? a : c;
	*last = a < c ? c : a;
}

bool list_selected(const struct list_pane *list, int64_t position)
{
	if (!list->selecting)
		return false;
	int64_t first, last;
	list_selection(list, &first, &last);
	return position >= first && position <= last;
}

char list_kind_letter(enum item_kind kind)
{
	static const char letters[KIND_COUNT] = {
#define KIND_LETTER(id, name, plural, letter) letter,
		ITEM_KINDS(KIND_LETTER)
#undef KIND_LETTER
	};
	return (unsigned)kind < KIND_COUNT ? letters[kind] : '?';
}

/* Draw clean-or-not TEXT (cleaned again: it came from the cache). */
static void draw_field(int y, int x, int width, const char *text, int attr)
{
	char *clean = text_clean(text ? text : "", text ? strlen(text) : 0);
	ui_draw_text(y, x, width, clean, attr);
	free(clean);
}

/* Columns: date (10, or MM-DD when narrow; > when selected), kind (+ when
 * it came during this session), flags (N unread, * star), "xN" seen in N
 * digests (sorted by Hot: in N digests of the window), source, title. */
void list_draw(const struct list_pane *list, int y, int x, int width, bool focused)
{
	int date_width = width >= 70 ? 10 : 5;
	int source_width = width >= 100 ? 14 : width >= 60 ? 10 : 0;
	int fixed = date_width + 1 + 1 + 1 + 2 + 1 + 3 + 1 + (source_width ? source_width + 1 : 0);
	int title_width = width - fixed;
	for (int i = 0; i < list->height; i++) {
		int64_t position = list->top + i;
		const struct item_row *row = position < list->total ? list_row_at(list, position) : NULL;
		if (!row) {
			ui_draw_text(y + i, x, width, "", ui_area_attr(AREA_DEFAULT));
			continue;
		}
		bool is_cursor = position == list->cursor;
		bool selected = list_selected(list, position);
		int base = ui_area_attr(row->read ? AREA_READ : AREA_UNREAD);
		/* The selection is drawn as the cursor of an inactive pane, with
		 * a mark, so it shows without colours too. */
		if (selected && !is_cursor)
			base = ui_area_attr(AREA_CURSOR_INACTIVE);
		int cursor_attr = ui_area_attr(focused ? AREA_CURSOR : AREA_CURSOR_INACTIVE);
#define A(area) (is_cursor ? cursor_attr : selected ? base : ui_area_attr(area))
		int cx = x;
		const char *date = row->date ? row->date : row->first_seen;
		char datebuf[16] = "";
		if (date && strlen(date) >= 10)
			snprintf(datebuf, sizeof datebuf, "%.*s", date_width, date + (date_width == 5 ? 5 : 0));
		ui_draw_text(y + i, cx, date_width, datebuf, A(AREA_DATE));
		cx += date_width;
		ui_draw_text(y + i, cx, 1, selected ? LIST_SELECTED_MARK : "", is_cursor ? cursor_attr : base);
		cx += 1;
		char mark[2] = { list_kind_letter(row->kind), 0 };
		ui_draw_text(y + i, cx, 1, mark, A(AREA_KIND));
		cx += 1;
		bool arrived = list->session_start && row->first_seen
		               && strcmp(row->first_seen, list->session_start) > 0;
		ui_draw_text(y + i, cx, 1, arrived ? LIST_NEW_MARK : "", is_cursor ? cursor_attr : base);
		cx += 1;
		ui_draw_text(y + i, cx, 1, row->read ? "" : LIST_UNREAD_MARK, is_cursor ? cursor_attr : base);
		cx += 1;
		ui_draw_text(y + i, cx, 1, row->starred ? LIST_STAR_MARK : "", A(AREA_STAR));
		cx += 1;
		ui_draw_text(y + i, cx, 1, "", is_cursor ? cursor_attr : base);
		cx += 1;
		char seen[8] = "";
		/* Sorted by Hot, the count is the window's digests (store/hot.c). */
		bool hot = list->filter.sort == SORT_HOT;
		int count = hot ? row->hot : row->mentions;
		if (count > (hot ? 0 : 1))
			snprintf(seen, sizeof seen, "x%d", count > 99 ? 99 : count);
		ui_draw_text(y + i, cx, 3, seen, A(AREA_MENTIONS));
		cx += 3;
		ui_draw_text(y + i, cx, 1, "", is_cursor ? cursor_attr : base);
		cx += 1;
		if (source_width) {
			draw_field(y + i, cx, source_width, row->source, A(AREA_SOURCE));
			cx += source_width;
			ui_draw_text(y + i, cx, 1, "", is_cursor ? cursor_attr : base);
			cx += 1;
		}
		if (title_width > 0)
			draw_field(y + i, cx, title_width, row->title, is_cursor ? cursor_attr : base);
#undef A
	}
}

/* ---------------------------------------------------------------- pane hooks */

static int list_step(void *pane, long delta, char **error)
{
	struct list_pane *list = pane;
	return list_move_to(list, list->cursor + delta, error);
}

static int list_scroll_by(void *pane, long delta, char **error)
{
	return list_scroll(pane, delta, error);
}

static int list_go(void *pane, long index, char **error)
{
	struct list_pane *list = pane;
	if (index < 0 && list_count_all(list, error) != 0)
		return -1;
	return list_move_to(list, index < 0 ? list->total - 1 : index, error);
}

static void list_page(const void *pane, int *half, int *full)
{
	const struct list_pane *list = pane;
	int page = list->height > 1 ? list->height : 1;
	*half = page / 2;
	*full = page;
}

const struct pane_ops list_pane_ops = {
	.name = "list",
	.step = list_step,
	.scroll = list_scroll_by,
	.go = list_go,
	.page = list_page,
};
