/* The orders the item list can be sorted in: one table for the store's SQL,
 * `radar ls --sort`, the reader's :sort, its cycling key and its status
 * line.  A new sort is one X() line here (plus its paging tiers in
 * src/store/query.c, its option value in options.h and radar(1)).
 *
 * X(id, name, label, order, reverse, after, before):
 *   name     what --sort, :sort and the config's "sort" take
 *   label    shown in the reader's status line (translated)
 *   order    the SQL ORDER BY of the list (every tie broken by i.id)
 *   reverse  the opposite order, for paging backwards
 *   after    the keyset condition for rows after an anchor in list order,
 *            bound to the anchor's key values (then its id)
 *   before   the same, for rows before it
 * The COLLATE on the right-hand value of TITLE's conditions is what lets the
 * NOCASE index serve the row-value comparison. */
#ifndef RADAR_SORTS_H
#define RADAR_SORTS_H

#include "i18n.h"

/* An item's Hot score (src/store/hot.c), 0 outside the window. */
#define HOT_SCORE "coalesce((SELECT score FROM temp.hot WHERE item_id = i.id), 0)"

#define ITEM_SORTS(X) \
	X(NEWEST, "newest", N_("newest"), \
	  "i.sort_date DESC, i.id DESC", \
	  "i.sort_date ASC, i.id ASC", \
	  "(i.sort_date, i.id) < (?, ?)", \
	  "(i.sort_date, i.id) > (?, ?)") \
	X(MENTIONS, "mentions", N_("most mentioned"), \
	  "i.mention_count DESC, i.sort_date DESC, i.id DESC", \
	  "i.mention_count ASC, i.sort_date ASC, i.id ASC", \
	  "(i.mention_count, i.sort_date, i.id) < (?, ?, ?)", \
	  "(i.mention_count, i.sort_date, i.id) > (?, ?, ?)") \
	X(TITLE, "title", N_("title"), \
	  "i.title COLLATE NOCASE ASC, i.id ASC", \
	  "i.title COLLATE NOCASE DESC, i.id DESC", \
	  "(i.title, i.id) > (? COLLATE NOCASE, ?)", \
	  "(i.title, i.id) < (? COLLATE NOCASE, ?)") \
	X(HOT, "hot", N_("hot"), \
	  HOT_SCORE " DESC, i.sort_date DESC, i.id DESC", \
	  HOT_SCORE " ASC, i.sort_date ASC, i.id ASC", \
	  "(" HOT_SCORE ", i.sort_date, i.id) < (?, ?, ?)", \
	  "(" HOT_SCORE ", i.sort_date, i.id) > (?, ?, ?)")

enum item_sort {
#define SORT_ENUM(id, name, label, order, reverse, after, before) SORT_##id,
	ITEM_SORTS(SORT_ENUM)
#undef SORT_ENUM
	SORT_COUNT
};

/* The sort's name ("newest"); SORT_NEWEST's for an unknown value. */
const char *sort_name(enum item_sort sort);
/* Its translated label ("most mentioned"). */
const char *sort_label(enum item_sort sort);
/* The sort called NAME, or -1. */
int sort_from_name(const char *name);

#endif
