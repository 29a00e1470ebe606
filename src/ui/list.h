/* The list pane: the items of the current view, paged from the cache.
 *
 * Only a window of rows around the cursor is held (at most a few screens):
 * moving near its edge fetches the next rows by keyset (store_list_items_from),
 * a far jump fetches at an offset or from the end.  The total is counted only
 * as far as the screen needs (a few screens past the cursor) when a view is
 * set or reloaded; until the reader's counting thread (ui/loop.c) brings the
 * whole count it is a lower bound, raised as the cursor goes further, and G
 * counts to the end.  So a view of a million items, or a search matching
 * half of them, shows its first screen as fast as one of a hundred. */
#ifndef RADAR_UI_LIST_PANE_H
#define RADAR_UI_LIST_PANE_H

#include <stdbool.h>
#include <stdint.h>

#include "store.h"
#include "ui/pane.h"

struct list_pane {
	struct store *store;
	struct item_filter filter;  /* owned (item_filter_copy) */
	int64_t total;              /* the view's items; a lower bound until total_known */
	bool total_known;
	unsigned generation;        /* changes with the filter and on reload: a count
	                             * made for another generation is stale */
	int64_t cursor;             /* position in the view, 0-based */
	int64_t top;                /* first position shown */
	int height;                 /* rows shown, as last laid out */
	struct item_row *rows;      /* the window: positions window_start.. */
	size_t row_count;
	int64_t window_start;
	/* The visual selection (v): from SELECT_ANCHOR to the cursor. */
	bool selecting;
	int64_t select_anchor;
	/* Rows first seen from this time on (ISO UTC) came during this
	 * session (a background refresh) and are marked; NULL: none. */
	const char *session_start;
	/* Boilerplate (a source's recurring promo, store/boilerplate.c) is
	 * listed: every filter set gets with_boilerplate from it (B). */
	bool show_boilerplate;
};

void list_init(struct list_pane *list, struct store *store);
void list_clear(struct list_pane *list);

/* Change the view; the caller reloads.  Strings are copied; NULL clears.
 * The copy lists boilerplate as show_boilerplate says. */
void list_set_filter(struct list_pane *list, const struct item_filter *filter);

/* Count the view again and fetch the rows around the cursor, keeping the
 * cursor on the item it was on when that item is still in the view.  Drops
 * the window, so new marks and new items show. */
int list_reload(struct list_pane *list, char **error);

/* Count the view on as far as POSITION and a couple of screens past it,
 * when the total is not known yet (a motion that goes beyond). */
int list_reach(struct list_pane *list, int64_t position, char **error);
/* Count the whole view now (G, a bulk mark of everything). */
int list_count_all(struct list_pane *list, char **error);
/* TOTAL counted by a thread for GENERATION: taken when still current. */
bool list_count_arrived(struct list_pane *list, unsigned generation, int64_t total);

/* Lay out for HEIGHT rows (a resize), keeping the cursor visible. */
int list_set_height(struct list_pane *list, int height, char **error);
/* Put the cursor on POSITION (clamped to the view) and scroll just enough. */
int list_move_to(struct list_pane *list, int64_t position, char **error);
/* Scroll the view by DELTA rows, moving the cursor by the same (Ctrl-d/u). */
int list_scroll(struct list_pane *list, int64_t delta, char **error);

/* The row at POSITION when it is in the window, else NULL. */
struct item_row *list_row_at(const struct list_pane *list, int64_t position);
/* The row under the cursor, or NULL for an empty view. */
struct item_row *list_current(const struct list_pane *list);

/* Whether POSITION is in the visual selection; its first and last. */
bool list_selected(const struct list_pane *list, int64_t position);
void list_selection(const struct list_pane *list, int64_t *first, int64_t *last);

/* The marks of a row's flag columns, and the one-letter kind column
 * (ITEM_KINDS' letters: none of them is one of these marks). */
#define LIST_UNREAD_MARK "N"
#define LIST_STAR_MARK "*"
#define LIST_SELECTED_MARK ">"
#define LIST_NEW_MARK "+"
char list_kind_letter(enum item_kind kind);

/* Draw rows TOP..TOP+HEIGHT-1 into the rectangle (Y, X, HEIGHT, WIDTH) of
 * stdscr; the cursor row highlighted (FOCUSED: the active pane). */
void list_draw(const struct list_pane *list, int y, int x, int width, bool focused);

/* Its hooks for the motion routine (ui/pane.h). */
extern const struct pane_ops list_pane_ops;

#endif
