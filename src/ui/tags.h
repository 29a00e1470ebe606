/* The tag pane: smart views (All, Unread, Starred, Today) and the saved
 * views of the config (`view NAME QUERY`), then kinds,
 * tags and sources, each with its unread count.  Choosing an entry sets the
 * list's filter.  At 120+ columns it is a pane; narrower, an overlay. */
#ifndef RADAR_UI_TAGS_PANE_H
#define RADAR_UI_TAGS_PANE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"
#include "ui/pane.h"

enum tag_entry_type {
	TAG_ENTRY_HEADING,      /* a group title, not selectable */
	TAG_ENTRY_ALL,
	TAG_ENTRY_UNREAD,
	TAG_ENTRY_STARRED,
	TAG_ENTRY_TODAY,
	TAG_ENTRY_HOT,          /* mentioned in the last hot-days days, by score */
	TAG_ENTRY_NEW,          /* first seen since the reader was opened before */
	TAG_ENTRY_KIND,
	TAG_ENTRY_TAG,
	TAG_ENTRY_SOURCE,
	TAG_ENTRY_VIEW,         /* a saved view: NAME, and its filter in VIEW */
};

struct tag_entry {
	enum tag_entry_type type;
	int kind;               /* TAG_ENTRY_KIND */
	char *name;             /* clean display label (a tag or source: its name) */
	int64_t unread;         /* -1: not shown */
	bool unread_at_least;   /* UNREAD is a lower bound (drawn "N+") */
	struct item_filter *view;   /* TAG_ENTRY_VIEW: owned (item_filter_copy) */
	bool user;              /* TAG_ENTRY_TAG: one of the user's own (drawn with +) */
};

struct tags_pane {
	struct tag_entry *entries;
	size_t count;
	size_t cursor;
	size_t top;
	int height;
	bool loaded;
};

/* What the pane shows, as queried from the cache.  Counting can take a
 * while on a large cache, so it may run on another thread, with its own
 * connection; building the entries (gettext, text_clean) is the UI's. */
struct tags_counts {
	int64_t unread, starred, today_unread;
	int64_t hot_unread, new_unread;
	int64_t kind_items[KIND_COUNT], kind_unread[KIND_COUNT];
	struct tag_row *tags;
	size_t tag_count;
	struct source_row *sources;
	size_t source_count;
	struct view_count {
		char *name, *query;
		/* counted up to TAGS_VIEW_COUNT_CAP: a saved search over half a
		 * cache of 10^6 took 1.4 s to count whole, on every refresh
		 * and mark; its list counts it whole when opened */
		int64_t unread;
		bool unread_at_least;
	} *views;
	size_t view_count;
};

#define TAGS_VIEW_COUNT_CAP 1000
/* A count of struct tags_counts not made yet: tags_apply keeps what the
 * entry showed. */
#define TAGS_COUNT_PENDING (-2)

/* The counts that come last: New and the saved views are counted from
 * the items (up to 50 ms each at 10^6), the others read rows the cache
 * keeps (a few ms in all), so the pane shows those first. */
struct tags_rest {
	int64_t new_unread;
	struct {
		int64_t unread;
		bool unread_at_least;
	} *views;
	size_t view_count;
};

struct config_view;
/* Any thread, with a connection of its own; VIEWS (COUNT of them) are the
 * saved views to count; WITH_BOILERPLATE when the lists show it (B).  0, or
 * -1 with *ERROR set.  tags_count is tags_count_quick (all but New and
 * the saved views' counts, TAGS_COUNT_PENDING), then tags_count_rest
 * merged in (tags_rest_merge). */
int tags_count(struct store *store, const struct config_view *views, size_t view_count,
               bool with_boilerplate, struct tags_counts *out, char **error);
int tags_count_quick(struct store *store, const struct config_view *views, size_t view_count,
                     bool with_boilerplate, struct tags_counts *out, char **error);
int tags_count_rest(struct store *store, const struct config_view *views, size_t view_count,
                    bool with_boilerplate, struct tags_rest *out, char **error);
void tags_rest_merge(struct tags_counts *counts, const struct tags_rest *rest);
void tags_rest_clear(struct tags_rest *rest);
void tags_counts_clear(struct tags_counts *counts);
/* Rebuild the entries from COUNTS, keeping the cursor on the same entry. */
void tags_apply(struct tags_pane *tags, const struct tags_counts *counts);

void tags_init(struct tags_pane *tags);
void tags_clear(struct tags_pane *tags);
/* tags_count then tags_apply, on the calling thread. */
int tags_load(struct tags_pane *tags, struct store *store, const struct config_view *views,
              size_t view_count, bool with_boilerplate, char **error);
void tags_layout(struct tags_pane *tags, int height);
/* Move by DELTA selectable entries (headings are skipped). */
void tags_move(struct tags_pane *tags, long delta);
void tags_move_to(struct tags_pane *tags, size_t index);
const struct tag_entry *tags_current(const struct tags_pane *tags);
/* The filter for ENTRY (strings point into ENTRY); SORT is kept. */
void tags_entry_filter(const struct tag_entry *entry, enum item_sort sort, struct item_filter *filter);
/* The view's name for the status line (caller frees). */
char *tags_entry_label(const struct tag_entry *entry);
/* The reader's session (set once at start-up, before any counting): when
 * it was opened before (NULL: never) and now, ISO UTC; the New view and
 * the rows' new-this-session mark come from them. */
void tags_set_session(const char *previous_open, const char *this_open);
const char *tags_session_start(void);
/* Today's date, ISO 8601, local time (the Today view's "since"). */
void tags_today(char buf[11]);
void tags_draw(const struct tags_pane *tags, int y, int x, int width, bool focused);

/* Its hooks for the motion routine (ui/pane.h). */
extern const struct pane_ops tags_pane_ops;

#endif
