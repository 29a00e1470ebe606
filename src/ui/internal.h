/* The reader's private header.  The public one is src/ui.h (ui_run).
 *
 * Files of src/ui/:
 *   internal.h   this map; struct ui, the reader's state, and what the
 *                files below share
 *   draw.c/.h    LEAF: colour areas as curses attributes, ui_draw_text
 *   pane.h       the pane interface (struct pane_ops) every pane plugs in
 *   motion.c     the one motion routine over that interface
 *   textview.c/.h  a titled, scrolling page of lines (help, :sources)
 *   list.c/.h    the list pane (a window of rows paged from the cache)
 *   article.c/.h the article pane (render_item lines, numbered links)
 *   tags.c/.h    the tag pane / overlay and its counts
 *   prompt.c/.h  the `/` and `:` line editor
 *   help.c       the help screen: actions, `:` commands, kind letters
 *   sources.c    the :sources page
 *   messages.c   the :messages page and the error log behind it
 *   commands.h   UI_COMMANDS, the `:` command table
 *   command.c    the `:` command line: parser and handlers, search
 *   sort.c       the list's sort: names, changing, cycling, `:sort`;
 *                boilerplate shown or hidden (B, :boilerplate)
 *   view.c       the current view: filter, label, reloads
 *   marks.c      star, read, mark-all and undo
 *   bulk.c       counts and the visual selection: star, read, tags at
 *                once; mark read up to here; the tag prompt
 *   refresh.c    background refresh: scheduling, events, status
 *   notify.c     a refresh's new items in views marked notify=yes: the
 *                notify-command (no shell, reaped later) and the bell
 *   status.c     messages and the status line
 *   layout.c     pane geometry and drawing the whole screen
 *   actions.c    keys to actions: focus, opening, links
 *   loop.c       ui_run: set-up, the poll() loop, resize, tag counting
 *
 * Panes (list.c, article.c, tags.c, textview.c, prompt.c) include only
 * draw.h and pane.h of the reader: they know nothing of struct ui. */
#ifndef RADAR_UI_INTERNAL_H
#define RADAR_UI_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "actions.h"
#include "configfile.h"
#include "keys.h"
#include "options.h"
#include "store.h"
#include "ui/article.h"
#include "ui/list.h"
#include "ui/pane.h"
#include "ui/prompt.h"
#include "ui/tags.h"
#include "ui/textview.h"

struct refresh;
struct strbuf;

/* Settings (options.h): opening an item (Enter) marks it read; three
 * panes from this many columns (below it list and article take turns and
 * the tags are an overlay); the tag pane's width. */
#define open_marks_read option_bool(OPTION_MARK_READ_ON_OPEN)
#define WIDE_COLUMNS ((int)option_int(OPTION_THREE_PANE_COLUMNS))
#define TAGS_WIDTH ((int)option_int(OPTION_TAGS_WIDTH))
#define UNDO_DEPTH 64

enum focus { FOCUS_TAGS, FOCUS_LIST, FOCUS_ARTICLE };

enum undo_type { UNDO_STAR, UNDO_READ, UNDO_MARK_ALL, UNDO_BULK };

/* One change of a bulk action (bulk.c): VALUE given to the items IDS that
 * really changed (a star, a read mark, or TAG added / removed). */
enum bulk_op { BULK_STAR, BULK_READ, BULK_TAG };
struct bulk_change {
	enum bulk_op op;
	bool value;
	char *tag;              /* BULK_TAG */
	int64_t *ids;
	size_t count;
};

struct undo_entry {
	enum undo_type type;
	int64_t id;             /* UNDO_STAR, UNDO_READ */
	bool old_value;
	int64_t *ids;           /* UNDO_MARK_ALL: the items it marked read */
	size_t id_count;
	struct bulk_change *changes;    /* UNDO_BULK: undone last to first, as one step */
	size_t change_count;
};

struct layout {
	int height;             /* rows of the panes */
	bool tags, list, article;
	int tags_x, tags_width;
	int list_x, list_width;
	int article_x, article_width;
};

/* The tag pane's counts are queried on a thread of their own (with its own
 * read-only connection): on a large cache they take long enough to stall
 * the keyboard. */
struct tags_job {
	pthread_t thread;
	const char *db_path;
	struct config_view *views;  /* a copy, the job's own */
	size_t view_count;
	bool with_boilerplate;      /* the lists show boilerplate (B) */
	struct tags_counts counts;  /* the UI's to read from the thread's "p" on */
	struct tags_rest rest;      /* New and the saved views, the UI's from "t" */
	bool quick_applied;         /* COUNTS shown before REST came */
	char *error;
	int status;
	struct timespec started;
};

/* The list's whole count, made on a thread of its own (ui/loop.c) while
 * the first screen shows what a count up to it found (ui/list.h). */
struct count_job {
	pthread_t thread;
	const char *db_path;
	struct item_filter filter;  /* a copy, the job's own */
	unsigned generation;        /* the list's when the job started */
	atomic_bool cancel;         /* the list moved on: stop (the store's progress handler) */
	int64_t count;
	char *error;
	int status;
};

struct ui {
	struct store *store;
	struct store *own_store;    /* our read-write connection, or NULL */
	bool read_only;
	bool demo;
	const char *db_path;
	bool empty;                 /* the cache holds no items at all */

	struct list_pane list;
	struct article_pane article;
	struct tags_pane tags;
	bool tags_dirty;            /* counts changed: count again */
	struct tags_job *tags_job;  /* the running count, or NULL */
	struct count_job *count_job;        /* the list's running count, or NULL */
	/* A search said "at least N matches": say how many when the count of
	 * this list generation comes. */
	bool announce_count;
	unsigned announce_generation;
	struct prompt prompt;
	struct keymap keymap;
	struct key_reader reader;

	enum focus focus;
	bool wide;
	bool article_open;          /* narrow: the article has the screen */
	bool tags_overlay;          /* narrow: the tags are shown */
	bool help;
	struct text_view help_view;

	char *view_label;
	char *view_query;           /* the current view's search (/ or :search), or NULL */
	bool view_within;           /* ... made with / inside the view below it */
	/* The Hot view sorts by hot; the user's sort from before it, put back
	 * when a view without Hot follows (view.c). */
	bool hot_sort_saved;
	enum item_sort sort_before_hot;
	char *last_search;
	char *message;
	bool message_is_error;
	char *last_error;
	bool store_failed;          /* the cache failed a read or write: exit 1 */
	bool quiet_log;             /* ui_error not logged nor kept for the exit (the
	                             * config summary: its problems are printed whole) */

	struct undo_entry undo[UNDO_DEPTH];
	int undo_count;

	/* The items a tag prompt (+, T) will apply to, taken when it opened
	 * (bulk.c). */
	int64_t *prompt_ids;
	size_t prompt_id_count;

	/* background refresh (issue 5) */
	struct config config;
	bool config_loaded;
	double *source_due;         /* per configured source: when to fetch it next (monotonic s) */
	struct refresh *refresh;    /* the running refresh, or NULL */
	int refresh_done, refresh_total;
	int refresh_imported;       /* digests stored so far by the running refresh */
	bool refresh_reload_pending;
	double refresh_last_reload;
	char **failed_sources;      /* names of the sources that failed in the last run */
	size_t failed_count;
	char *refresh_note;         /* e.g. another radar is refreshing */
	int64_t notify_after_id;    /* items above this id are new to notify.c */
	bool sources_view;          /* :sources */
	struct text_view sources;
	bool messages_view;         /* :messages */
	struct text_view messages;
	int messages_width;         /* the width its lines were wrapped to */
	char **error_log;           /* the errors shown so far (messages.c) */
	size_t error_log_count;

	/* The views left for another (q and Esc come back to them), oldest
	 * first; view.c. */
	struct saved_view *view_stack;
	size_t view_depth;

	/* A first start (an empty cache): while the first refresh fills it,
	 * the cursor stays on the newest item until a key moves it. */
	bool follow_newest;

	bool quit;

	/* RADAR_BENCH: timings printed to stderr at exit */
	bool bench;
	struct timespec started;
	double first_paint_ms;
	double slowest_frame_ms;
	double tags_ms;             /* the first load of the tag pane's counts */
	double tags_quick_ms;       /* ... of those the cache keeps (tags_count_quick) */
	long frames;
};

/* status.c */
void ui_message(struct ui *ui, const char *format, ...) __attribute__((format(printf, 2, 3)));
void ui_error(struct ui *ui, const char *format, ...) __attribute__((format(printf, 2, 3)));
/* Report a failed store call (ERROR may be NULL) and free it. */
void ui_store_failed(struct ui *ui, char *error);
void ui_draw_status(struct ui *ui, const struct layout *l);

/* view.c */
#define VIEW_STACK_MAX 16
struct saved_view {
	struct item_filter filter;              /* owned (item_filter_copy) */
	char *label;
	char *query;                            /* a search view's query, or NULL */
	bool within;                            /* ... made with / inside the view below */
	int64_t item_id;                        /* the cursor's item, -1 for none */
};
/* Back to the view before this one (true), or false when there is none. */
bool ui_pop_view(struct ui *ui);
void ui_free_views(struct ui *ui);
void ui_set_view_label(struct ui *ui, const char *label);
void ui_reload_list(struct ui *ui);
void ui_apply_filter(struct ui *ui, const struct item_filter *filter, const char *label);
/* A search view: QUERY's text; WITHIN: made with / inside the view below it
 * (which the stack then holds), else :search of everything.  A search
 * from a search replaces it. */
void ui_apply_search(struct ui *ui, const struct item_filter *filter, const char *label,
                     const char *query, bool within);
void ui_apply_tag_entry(struct ui *ui, const struct tag_entry *entry);
void ui_reload_everything(struct ui *ui);
/* Load the item under the cursor into the article pane. */
void ui_sync_article(struct ui *ui);

/* sort.c */
void set_sort(struct ui *ui, enum item_sort sort);
void ui_cycle_sort(struct ui *ui);
void ui_toggle_boilerplate(struct ui *ui);
void ui_sort_command(struct ui *ui, const char *argument);

/* refresh.c */
void ui_refresh_setup(struct ui *ui, const char *config_path);
void ui_start_refresh(struct ui *ui, bool all);
int ui_refresh_timeout(const struct ui *ui);
void ui_refresh_tick(struct ui *ui, bool readable);
void ui_refresh_status(const struct ui *ui, struct strbuf *line);
void ui_refresh_clear(struct ui *ui);

/* notify.c: take the mark of what is new (at start-up), and after a
 * refresh that stored digests tell of the new items of each view marked
 * notify=yes. */
void ui_notify_start(struct ui *ui);
void ui_notify_new_items(struct ui *ui);

/* sources.c */
void ui_open_sources(struct ui *ui);
void ui_load_sources(struct ui *ui);
void ui_close_sources(struct ui *ui);

/* messages.c */
void ui_log_error(struct ui *ui, const char *clean);
void ui_open_messages(struct ui *ui);
void ui_draw_messages(struct ui *ui, int height);
void ui_close_messages(struct ui *ui);
void ui_free_messages(struct ui *ui);

/* help.c */
void ui_open_help(struct ui *ui);
void ui_close_help(struct ui *ui);
void ui_draw_help(struct ui *ui, int height);

/* marks.c */
struct item_row *ui_need_item(struct ui *ui);
void ui_set_read(struct ui *ui, struct item_row *row, bool read, bool undoable);
void ui_toggle_star(struct ui *ui);
void ui_toggle_read(struct ui *ui);
void ui_mark_all_read(struct ui *ui);
void ui_undo(struct ui *ui);
void ui_undo_clear(struct ui *ui);
void ui_push_undo(struct ui *ui, struct undo_entry entry);
bool ui_writable(struct ui *ui);

/* bulk.c: the items an action applies to (the visual selection, else a
 * count of rows from the cursor, else the cursor's), and what is done to
 * them at once: star, read, the user's tags, read up to the cursor. */
void ui_visual_toggle(struct ui *ui);
/* The rows an action applies to, in list order: the selection, else COUNT
 * rows from the cursor (at least one).  Leaves the visual mode.  0, or -1
 * after saying why (caller frees the rows with item_rows_free). */
int ui_bulk_targets(struct ui *ui, long count, struct item_row **rows, size_t *n);
void ui_visual_leave(struct ui *ui);
void ui_bulk_star(struct ui *ui, long count);
void ui_bulk_read(struct ui *ui, long count);
void ui_mark_read_to_here(struct ui *ui);
/* Open the tag prompt: LEADER '+' adds its words ("-word" removes),
 * '-' removes them; Tab completes tag names. */
void ui_tag_prompt(struct ui *ui, char leader, long count);
void ui_tag_prompt_done(struct ui *ui, char leader, const char *line);
int ui_bulk_undo(struct ui *ui, const struct undo_entry *entry, char **error);
void ui_bulk_changes_free(struct bulk_change *changes, size_t count);

/* command.c */
/* QUERY (query.h) within the current view (WITHIN: the / key) or over
 * everything (:search); a bad query is an error and the view stays. */
void ui_run_search(struct ui *ui, const char *query, bool within);
void ui_run_command(struct ui *ui, const char *line);
/* Tab on the : line: a command's name, or :view's view name. */
void ui_complete_command(struct ui *ui);

/* layout.c */
struct layout ui_relayout(struct ui *ui);
void ui_draw(struct ui *ui);

/* actions.c */
void ui_handle_key(struct ui *ui, int key);

#endif
