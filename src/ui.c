/* The reader: layout, main loop, status line, actions. */
#include <config.h>

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "colors.h"
#include "configfile.h"
#include "i18n.h"
#include "keys.h"
#include "open.h"
#include "options.h"
#include "refresh.h"
#include "store.h"
#include "strbuf.h"
#include "text.h"
#include "theme.h"
#include "ui-article.h"
#include "ui-list.h"
#include "ui-prompt.h"
#include "ui-tags.h"
#include "ui.h"
#include "xalloc.h"

/* Settings (options.h): opening an item (Enter) marks it read; three
 * panes from this many columns (below it list and article take turns and
 * the tags are an overlay); the tag pane's width. */
#define open_marks_read option_bool(OPTION_MARK_READ_ON_OPEN)
#define WIDE_COLUMNS ((int)option_int(OPTION_THREE_PANE_COLUMNS))
#define TAGS_WIDTH ((int)option_int(OPTION_TAGS_WIDTH))
#define UNDO_DEPTH 64

enum focus { FOCUS_TAGS, FOCUS_LIST, FOCUS_ARTICLE };

enum undo_type { UNDO_STAR, UNDO_READ, UNDO_MARK_ALL };

struct undo_entry {
	enum undo_type type;
	int64_t id;             /* UNDO_STAR, UNDO_READ */
	bool old_value;
	int64_t *ids;           /* UNDO_MARK_ALL: the items it marked read */
	size_t id_count;
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
	struct tags_counts counts;
	char *error;
	int status;
	struct timespec started;
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
	struct prompt prompt;
	struct keymap keymap;
	struct key_reader reader;

	enum focus focus;
	bool wide;
	bool article_open;          /* narrow: the article has the screen */
	bool tags_overlay;          /* narrow: the tags are shown */
	bool help;
	int help_scroll;
	int help_lines;

	char *view_label;
	char *last_search;
	char *message;
	bool message_is_error;
	char *last_error;

	struct undo_entry undo[UNDO_DEPTH];
	int undo_count;

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
	bool sources_view;          /* :sources */
	char **sources_lines;
	size_t sources_line_count;
	int sources_scroll;

	bool quit;
	int colors_on;
	int area_attr[AREA_COUNT];

	/* RADAR_BENCH: timings printed to stderr at exit */
	bool bench;
	struct timespec started;
	double first_paint_ms;
	double slowest_frame_ms;
	double tags_ms;             /* the first load of the tag pane's counts */
	long frames;
};

static struct ui *the_ui;
static int wake_pipe[2] = { -1, -1 };
/* SIGWINCH writes here: ncurses' own handler only sets a flag, which a
 * poll() that started before the signal would never see. */
static int resize_pipe[2] = { -1, -1 };
/* The tag-count thread writes here when it is done. */
static int tags_pipe[2] = { -1, -1 };
static struct sigaction curses_winch;

static void winch_handler(int sig)
{
	int saved = errno;
	if (curses_winch.sa_handler != SIG_DFL && curses_winch.sa_handler != SIG_IGN
	    && !(curses_winch.sa_flags & SA_SIGINFO))
		curses_winch.sa_handler(sig);
	if (resize_pipe[1] >= 0) {
		ssize_t ignored = write(resize_pipe[1], "w", 1);
		(void)ignored;
	}
	errno = saved;
}

int ui_wakeup_fd(void)
{
	return wake_pipe[1];
}

/* ---------------------------------------------------------------- drawing helpers */

int ui_area_attr(enum color_area area)
{
	if (!the_ui || (unsigned)area >= AREA_COUNT)
		return A_NORMAL;
	return the_ui->area_attr[area];
}

void ui_draw_text(int y, int x, int width, const char *clean, int attr)
{
	if (width <= 0)
		return;
	char *fitted = text_fit(clean ? clean : "", width);
	attrset(attr);
	mvaddstr(y, x, fitted);
	attrset(A_NORMAL);
	free(fitted);
}

/* The config's theme; themes/mono.theme without colours (NO_COLOR, or a
 * terminal without them).  Colours the terminal lacks are fitted to the
 * nearest it has; italics only where the terminal has them (sitm). */
static void init_colors(struct ui *ui)
{
	const char *no_color = getenv("NO_COLOR");
	ui->colors_on = has_colors() && !(no_color && *no_color);
	struct theme mono;
	const struct theme *theme = &ui->config.theme;
	if (!ui->colors_on) {
		char *error = NULL;
		if (theme_load_builtin(&mono, "mono", &error) != 0)
			abort();    /* compiled in and checked by test-theme */
		theme = &mono;
	}
	if (ui->colors_on) {
		start_color();
		if (use_default_colors() != OK)
			assume_default_colors(COLOR_WHITE, COLOR_BLACK);
	}
	char italic_cap[] = "sitm";
	const char *italic = tigetstr(italic_cap);
	bool has_italic = italic && italic != (char *)-1 && *italic;
	for (int i = 0; i < AREA_COUNT; i++) {
		const struct color_spec *spec = &theme->areas[i];
		int attrs = spec->attrs;
		if ((attrs & A_ITALIC) && !has_italic)
			attrs = (attrs & ~A_ITALIC) | A_UNDERLINE;
		ui->area_attr[i] = attrs;
		if (ui->colors_on && i + 1 < COLOR_PAIRS) {
			init_pair((short)(i + 1), color_fit(spec->fg, COLORS), color_fit(spec->bg, COLORS));
			ui->area_attr[i] |= (int)COLOR_PAIR(i + 1);
		}
	}
}

/* ---------------------------------------------------------------- messages */

static void set_message(struct ui *ui, bool error, const char *format, va_list ap)
{
	char *text = NULL;
	if (vasprintf(&text, format, ap) < 0)
		text = NULL;
	if (!text)
		return;
	free(ui->message);
	ui->message = text_clean(text, strlen(text));
	free(text);
	ui->message_is_error = error;
	if (error) {
		free(ui->last_error);
		ui->last_error = xstrdup(ui->message);
	}
}

static void message(struct ui *ui, const char *format, ...) __attribute__((format(printf, 2, 3)));
static void message(struct ui *ui, const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	set_message(ui, false, format, ap);
	va_end(ap);
}

static void error_message(struct ui *ui, const char *format, ...) __attribute__((format(printf, 2, 3)));
static void error_message(struct ui *ui, const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	set_message(ui, true, format, ap);
	va_end(ap);
}

/* The config (--config or the default file): options, keymap, theme.  Its
 * problems go to the status line; radar starts with the rest. */
static void load_config(struct ui *ui, const char *config_path)
{
	config_load(config_path, &ui->config);
	ui->config_loaded = true;
	/* The keymap moves to the reader (ui_free frees it). */
	ui->keymap = ui->config.keymap;
	memset(&ui->config.keymap, 0, sizeof ui->config.keymap);
	text_set_ambiguous_wide(option_bool(OPTION_AMBIGUOUS_WIDE));
	ui->list.filter.sort = (enum item_sort)option_enum_index(OPTION_SORT);
	size_t n = ui->config.error_count;
	if (n == 1)
		error_message(ui, "%s", ui->config.errors[0]);
	else if (n > 1)
		error_message(ui, ngettext("%s (and %zu more problem in the config)",
		                           "%s (and %zu more problems in the config)", n - 1),
		              ui->config.errors[0], n - 1);
}

/* Report a failed store call (ERROR may be NULL) and free it. */
static void store_failed(struct ui *ui, char *error)
{
	error_message(ui, "%s", error ? error : _("cannot read the cache"));
	free(error);
}

/* ---------------------------------------------------------------- views */

static void set_view_label(struct ui *ui, const char *label)
{
	free(ui->view_label);
	ui->view_label = text_clean(label, strlen(label));
}

static void sync_article(struct ui *ui);

static void reload_list(struct ui *ui)
{
	if (!ui->store)
		return;
	char *error = NULL;
	if (list_reload(&ui->list, &error) != 0)
		store_failed(ui, error);
}

static void apply_filter(struct ui *ui, const struct item_filter *filter, const char *label)
{
	list_set_filter(&ui->list, filter);
	set_view_label(ui, label);
	reload_list(ui);
	article_clear(&ui->article);
	ui->article_open = ui->article_open && ui->wide;
}

static void apply_tag_entry(struct ui *ui, const struct tag_entry *entry)
{
	struct item_filter filter;
	tags_entry_filter(entry, ui->list.filter.sort, &filter);
	char *label = tags_entry_label(entry);
	apply_filter(ui, &filter, label);
	free(label);
}

static void set_sort(struct ui *ui, enum item_sort sort)
{
	struct item_filter filter = ui->list.filter;
	filter.sort = sort;
	/* Stay on the same item in its new place. */
	struct item_row *row = list_current(&ui->list);
	int64_t id = row ? row->id : -1;
	int64_t screen_row = ui->list.cursor - ui->list.top;
	list_set_filter(&ui->list, &filter);
	char *error = NULL;
	int64_t position = -1;
	if (id >= 0 && store_item_position(ui->store, &ui->list.filter, id, &position, &error) != 0) {
		store_failed(ui, error);
		error = NULL;
	}
	if (position >= 0) {
		ui->list.cursor = position;
		ui->list.top = position - screen_row;
	}
	reload_list(ui);
	message(ui, _("Sorted by %s"), sort_label(sort));
}

static void reload_everything(struct ui *ui)
{
	char *error = NULL;
	int64_t all = 0;
	struct item_filter any;
	item_filter_init(&any);
	if (ui->store && store_count_items(ui->store, &any, &all, &error) != 0) {
		store_failed(ui, error);
		return;
	}
	ui->empty = all == 0;
	reload_list(ui);
	ui->tags_dirty = true;
	struct item_row *row = list_current(&ui->list);
	if (row) {
		if (article_load(&ui->article, ui->store, row->id, true, &error) != 0)
			store_failed(ui, error);
	}
}

/* ---------------------------------------------------------------- background refresh */

/* Fetch the sources when the reader starts: the refresh-on-start setting. */
#define refresh_on_start option_bool(OPTION_REFRESH_ON_START)
/* How often a source without every= is fetched, and how soon to try again
 * when another radar (a cron `radar refresh`) holds the lock, in seconds. */
#define REFRESH_DEFAULT_EVERY (30 * 60)
#define REFRESH_LOCKED_RETRY 60
/* While items land, the list is re-queried at most this often (ms): a
 * refresh of hundreds of small documents must not turn into as many
 * queries. */
#define REFRESH_RELOAD_MS 250

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int source_every(const struct source *source)
{
	return source->every > 0 ? source->every : REFRESH_DEFAULT_EVERY;
}

/* Read the config (as `radar refresh` does) and plan each source's first
 * fetch.  A bad line is shown and the rest is used. */
static void refresh_setup(struct ui *ui, const char *config_path)
{
	if (!ui->config_loaded) {      /* load_config() normally read it */
		config_load(config_path, &ui->config);
		ui->config_loaded = true;
		if (ui->config.error_count > 0)
			error_message(ui, "%s", ui->config.errors[0]);
	}
	size_t n = ui->config.sources.count;
	ui->source_due = xcalloc(n ? n : 1, sizeof *ui->source_due);
	double now = now_seconds();
	for (size_t i = 0; i < n; i++)
		ui->source_due[i] = refresh_on_start ? now : now + source_every(&ui->config.sources.sources[i]);
}

static void forget_failed_sources(struct ui *ui)
{
	for (size_t i = 0; i < ui->failed_count; i++)
		free(ui->failed_sources[i]);
	free(ui->failed_sources);
	ui->failed_sources = NULL;
	ui->failed_count = 0;
}

/* A source can report several errors (a dated source, many days): count it once. */
static void note_failed_source(struct ui *ui, const char *name)
{
	if (!name)
		name = "";
	for (size_t i = 0; i < ui->failed_count; i++)
		if (strcmp(ui->failed_sources[i], name) == 0)
			return;
	ui->failed_sources = xrealloc(ui->failed_sources, (ui->failed_count + 1) * sizeof *ui->failed_sources);
	ui->failed_sources[ui->failed_count++] = xstrdup(name);
}

/* SOURCE is being fetched again: its old failure no longer counts. */
static void clear_failed_source(struct ui *ui, const char *name)
{
	for (size_t i = 0; i < ui->failed_count; i++) {
		if (strcmp(ui->failed_sources[i], name) == 0) {
			free(ui->failed_sources[i]);
			ui->failed_sources[i] = ui->failed_sources[--ui->failed_count];
			return;
		}
	}
}

/* Start fetching the sources that are due (ALL: every source, for R). */
static void start_refresh(struct ui *ui, bool all)
{
	if (ui->refresh) {
		if (all)
			message(ui, "%s", _("A refresh is already running."));
		return;
	}
	const struct source_list *configured = &ui->config.sources;
	if (configured->count == 0) {
		if (all) {
			char *path = ui->config.path ? xstrdup(ui->config.path) : config_default_path();
			error_message(ui, _("no sources to refresh; add lines such as 'source NAME URL' to %s"),
			              path ? path : "~/.config/radar/config");
			free(path);
		}
		return;
	}
	double now = now_seconds();
	/* Shallow copies: refresh_start copies what it keeps. */
	struct source_list due = { .sources = xcalloc(configured->count, sizeof *due.sources) };
	for (size_t i = 0; i < configured->count; i++) {
		if (!all && ui->source_due[i] > now)
			continue;
		due.sources[due.count++] = configured->sources[i];
		ui->source_due[i] = now + source_every(&configured->sources[i]);
	}
	if (due.count == 0) {
		free(due.sources);
		return;
	}
	struct refresh_options options;
	refresh_options_init(&options, ui->db_path, &due);
	char *error = NULL;
	ui->refresh = refresh_start(&options, &error);
	if (!ui->refresh) {
		free(due.sources);
		error_message(ui, "%s", error ? error : _("the refresh failed"));
		free(error);
		return;
	}
	ui->refresh_done = 0;
	ui->refresh_total = 0;
	ui->refresh_imported = 0;
	/* Sources not due this time keep their failure in the count. */
	for (size_t i = 0; i < due.count; i++)
		clear_failed_source(ui, due.sources[i].name);
	free(due.sources);
	free(ui->refresh_note);
	ui->refresh_note = NULL;
}

static void load_sources_view(struct ui *ui);

/* New digests are in the cache: count again and re-query the rows around
 * the item under the cursor, which keeps its id and its screen row. */
static void show_landed_items(struct ui *ui)
{
	ui->refresh_reload_pending = false;
	ui->refresh_last_reload = now_seconds();
	if (!ui->store) {
		/* The refresh created the cache the reader started without. */
		char *error = NULL;
		if (store_open(ui->db_path, STORE_READ_WRITE, &ui->own_store, &error) != 0) {
			free(error);
			error = NULL;
			if (store_open(ui->db_path, STORE_READ_ONLY, &ui->own_store, &error) != 0) {
				store_failed(ui, error);
				return;
			}
			ui->read_only = true;
		}
		ui->store = ui->own_store;
		ui->list.store = ui->store;
	}
	char *error = NULL;
	int64_t all = 0;
	struct item_filter any;
	item_filter_init(&any);
	if (store_count_items(ui->store, &any, &all, &error) != 0) {
		store_failed(ui, error);
		return;
	}
	ui->empty = all == 0;
	reload_list(ui);
	ui->tags_dirty = true;
	if (ui->sources_view)
		load_sources_view(ui);
}

static void refresh_finished_run(struct ui *ui, const struct refresh_event *event)
{
	refresh_stop(ui->refresh);
	ui->refresh = NULL;
	if (event->message) {
		char *clean = text_clean(event->message, strlen(event->message));
		if (strcmp(event->message, _("another radar is refreshing")) == 0) {
			/* Not an error: a cron refresh is doing the work.  Try again soon. */
			free(ui->refresh_note);
			ui->refresh_note = clean;
			double soon = now_seconds() + REFRESH_LOCKED_RETRY;
			for (size_t i = 0; i < ui->config.sources.count; i++)
				if (ui->source_due[i] > soon)
					ui->source_due[i] = soon;
			return;
		}
		error_message(ui, "%s", clean);
		free(clean);
		return;
	}
	const struct refresh_totals *t = &event->totals;
	char *sources = xasprintf(ngettext("%d source", "%d sources", (unsigned long)t->sources), t->sources);
	char *items = xasprintf(ngettext("%d new item", "%d new items", (unsigned long)t->items_new),
	                        t->items_new);
	char *errors = xasprintf(ngettext("%d error", "%d errors", (unsigned long)t->errors), t->errors);
	char *summary = xasprintf(_("refreshed %s: %s, %s (%d unchanged)\n"), sources, items, errors,
	                          t->not_modified + t->unchanged);
	summary[strcspn(summary, "\n")] = '\0';
	/* An error shown meanwhile stays (it is also kept for the exit). */
	if (!ui->message || !ui->message_is_error)
		message(ui, "%s", summary);
	free(summary);
	free(sources);
	free(items);
	free(errors);
}

/* The refresh pipe is readable: take its events. */
static void refresh_events(struct ui *ui)
{
	struct refresh_event *events = NULL;
	size_t count = refresh_poll_events(ui->refresh, &events);
	const struct refresh_event *finished = NULL;
	for (size_t i = 0; i < count; i++) {
		const struct refresh_event *e = &events[i];
		ui->refresh_done = e->done;
		ui->refresh_total = e->total;
		if (e->kind == REFRESH_EVENT_ERROR)
			note_failed_source(ui, e->source);
		if (e->totals.imported > ui->refresh_imported) {
			ui->refresh_imported = e->totals.imported;
			ui->refresh_reload_pending = true;
		}
		if (e->kind == REFRESH_EVENT_FINISHED)
			finished = e;
	}
	if (finished) {
		refresh_finished_run(ui, finished);
		if (ui->refresh_imported > 0)
			show_landed_items(ui);      /* the last ones, now */
		else if (ui->sources_view)
			load_sources_view(ui);
	} else if (ui->refresh_reload_pending
	           && (now_seconds() - ui->refresh_last_reload) * 1000 >= REFRESH_RELOAD_MS) {
		show_landed_items(ui);
	}
	refresh_events_free(events, count);
}

/* How long the main loop may sleep (ms, -1: until a key): until the next
 * source is due, or a held-back re-query of the list. */
static int refresh_timeout(const struct ui *ui)
{
	double now = now_seconds();
	double wait = -1;
	if (ui->refresh_reload_pending)
		wait = REFRESH_RELOAD_MS / 1000.0 - (now - ui->refresh_last_reload);
	if (!ui->refresh) {
		for (size_t i = 0; i < ui->config.sources.count; i++) {
			double until = ui->source_due[i] - now;
			if (wait < 0 || until < wait)
				wait = until;
		}
	}
	if (wait < 0 && (ui->refresh_reload_pending || (!ui->refresh && ui->config.sources.count > 0)))
		return 0;
	if (wait < 0)
		return -1;
	return wait * 1000 > 24 * 3600 * 1000.0 ? 24 * 3600 * 1000 : (int)(wait * 1000) + 1;
}

/* After every wake-up: events, due sources, a held-back re-query. */
static void refresh_tick(struct ui *ui, bool readable)
{
	if (ui->refresh && readable)
		refresh_events(ui);
	if (ui->refresh_reload_pending
	    && (now_seconds() - ui->refresh_last_reload) * 1000 >= REFRESH_RELOAD_MS)
		show_landed_items(ui);
	if (!ui->refresh)
		start_refresh(ui, false);
}

/* For the status line: progress, failed sources, a lock held elsewhere. */
static void append_refresh_status(const struct ui *ui, struct strbuf *line)
{
	if (ui->refresh) {
		char *progress = xasprintf(_("refreshing %d/%d"), ui->refresh_done, ui->refresh_total);
		strbuf_printf(line, "  %s", progress);
		free(progress);
	}
	if (ui->failed_count > 0) {
		char *failed = xasprintf(ngettext("%zu source failed", "%zu sources failed",
		                                  (unsigned long)ui->failed_count), ui->failed_count);
		strbuf_printf(line, "  %s", failed);
		free(failed);
	}
	if (ui->refresh_note)
		strbuf_printf(line, "  %s", ui->refresh_note);
}

/* ---------------------------------------------------------------- sources view */

static void free_sources_view(struct ui *ui)
{
	for (size_t i = 0; i < ui->sources_line_count; i++)
		free(ui->sources_lines[i]);
	free(ui->sources_lines);
	ui->sources_lines = NULL;
	ui->sources_line_count = 0;
}

static void add_sources_line(struct ui *ui, size_t *capacity, char *line)
{
	ui->sources_lines = xgrow(ui->sources_lines, capacity, ui->sources_line_count + 1,
	                          sizeof *ui->sources_lines);
	line[strcspn(line, "\n")] = '\0';
	/* Names, locations and errors come from outside. */
	ui->sources_lines[ui->sources_line_count++] = text_clean(line, strlen(line));
	free(line);
}

/* The configured sources in config order, then the cache's others (as
 * `radar sources` lists them), each with its last success, error and items. */
static void load_sources_view(struct ui *ui)
{
	free_sources_view(ui);
	struct source_row *rows = NULL;
	size_t count = 0;
	char *error = NULL;
	if (ui->store && store_list_sources(ui->store, &rows, &count, &error) != 0) {
		store_failed(ui, error);
		rows = NULL;
		count = 0;
	}
	size_t capacity = 0;
	const struct source_list *configured = &ui->config.sources;
	bool *listed = xcalloc(count ? count : 1, sizeof *listed);
	for (size_t i = 0; i < configured->count + count; i++) {
		const struct source *source = NULL;
		const struct source_row *row = NULL;
		if (i < configured->count) {
			source = &configured->sources[i];
			for (size_t k = 0; k < count; k++)
				if (strcmp(rows[k].name, source->name) == 0) {
					row = &rows[k];
					listed[k] = true;
				}
		} else {
			size_t k = i - configured->count;
			if (listed[k])
				continue;
			row = &rows[k];
		}
		const char *location = source ? source->location : row->location;
		add_sources_line(ui, &capacity, xasprintf("%s  %s", source ? source->name : row->name,
		                                          location ? location : "-"));
		if (row) {
			add_sources_line(ui, &capacity,
			                 xasprintf(_("  last success: %s; %lld items (%lld unread) in %lld digests\n"),
			                           row->last_ok ? row->last_ok : _("never"), (long long)row->items,
			                           (long long)row->unread, (long long)row->digests));
			if (row->last_error)
				add_sources_line(ui, &capacity, xasprintf(_("  last error: %s\n"), row->last_error));
		} else {
			add_sources_line(ui, &capacity, xstrdup(_("  not refreshed yet")));
		}
		if (!source)
			add_sources_line(ui, &capacity, xstrdup(_("  not in the config file")));
	}
	free(listed);
	source_rows_free(rows, count);
	if (ui->sources_line_count == 0)
		add_sources_line(ui, &capacity, xstrdup(_("  not refreshed yet")));
}

static void open_sources_view(struct ui *ui)
{
	load_sources_view(ui);
	ui->sources_view = true;
	ui->sources_scroll = 0;
}

static void draw_sources(struct ui *ui, int height)
{
	int max = (int)ui->sources_line_count - (height - 1);
	if (ui->sources_scroll > max)
		ui->sources_scroll = max;
	if (ui->sources_scroll < 0)
		ui->sources_scroll = 0;
	ui_draw_text(0, 0, COLS, _("Sources"), ui_area_attr(AREA_TITLE_BAR));
	for (int i = 0; i < height - 1; i++) {
		size_t index = (size_t)ui->sources_scroll + (size_t)i;
		const char *line = index < ui->sources_line_count ? ui->sources_lines[index] : "";
		ui_draw_text(i + 1, 0, COLS, line, ui_area_attr(AREA_DEFAULT));
	}
}

/* Keys on the sources view: motions scroll it, q closes it; R, :, Q and
 * Ctrl-L go on as everywhere (returns false for those). */
static bool sources_view_action(struct ui *ui, enum action action, long count)
{
	long n = count > 0 ? count : 1;
	int page = LINES - 3 > 1 ? LINES - 3 : 1;
	switch (action) {
	case ACTION_BACK: ui->sources_view = false; free_sources_view(ui); return true;
	case ACTION_DOWN: ui->sources_scroll += (int)n; return true;
	case ACTION_UP: ui->sources_scroll -= (int)n; return true;
	case ACTION_HALF_DOWN: ui->sources_scroll += page / 2; return true;
	case ACTION_HALF_UP: ui->sources_scroll -= page / 2; return true;
	case ACTION_PAGE_DOWN: ui->sources_scroll += page; return true;
	case ACTION_PAGE_UP: ui->sources_scroll -= page; return true;
	case ACTION_TOP: ui->sources_scroll = 0; return true;
	case ACTION_BOTTOM: ui->sources_scroll = (int)ui->sources_line_count; return true;
	case ACTION_REFRESH: case ACTION_COMMAND: case ACTION_QUIT: case ACTION_REDRAW: case ACTION_HELP:
		return false;
	default:
		return true;        /* inert here, as on the help screen */
	}
}

/* ---------------------------------------------------------------- layout */

static struct layout compute_layout(const struct ui *ui)
{
	struct layout l = { .height = LINES - 2 };
	if (l.height < 1)
		l.height = 1;
	if (ui->wide) {
		l.tags = l.list = l.article = true;
		l.tags_x = 0;
		l.tags_width = TAGS_WIDTH;
		/* A blank column after each border keeps the list off the line. */
		l.list_x = TAGS_WIDTH + 2;
		int rest = COLS - l.list_x - 1;
		l.list_width = rest * 45 / 100;
		l.article_x = l.list_x + l.list_width + 1;
		l.article_width = COLS - l.article_x;
		return l;
	}
	if (ui->article_open) {
		l.article = true;
		l.article_width = COLS;
		return l;
	}
	l.list = true;
	l.list_width = COLS;
	if (ui->tags_overlay) {
		l.tags = true;
		l.tags_width = COLS / 2 < TAGS_WIDTH + 6 ? COLS / 2 : TAGS_WIDTH + 6;
		l.list_x = l.tags_width + 2;
		l.list_width = COLS - l.list_x;
	}
	return l;
}

/* Apply sizes to the panes (fetching rows the taller list needs). */
static struct layout relayout(struct ui *ui)
{
	ui->wide = COLS >= WIDE_COLUMNS;
	if (ui->wide)
		ui->tags_overlay = false;
	if (!ui->wide && ui->focus == FOCUS_ARTICLE && !ui->article_open)
		ui->focus = FOCUS_LIST;
	if (!ui->wide && ui->focus == FOCUS_TAGS && !ui->tags_overlay)
		ui->focus = FOCUS_LIST;
	struct layout l = compute_layout(ui);
	char *error = NULL;
	if (ui->store && list_set_height(&ui->list, l.height, &error) != 0)
		store_failed(ui, error);
	tags_layout(&ui->tags, l.height);
	if (l.article)
		article_layout(&ui->article, l.article_width, l.height);
	return l;
}

/* ---------------------------------------------------------------- help */

static char **help_text(const struct ui *ui, size_t *count)
{
	char **lines = NULL;
	size_t capacity = 0;
	*count = 0;
	for (int a = 1; a < ACTION_COUNT; a++) {
		char *keys = keymap_keys_for(&ui->keymap, (enum action)a);
		lines = xgrow(lines, &capacity, *count + 1, sizeof *lines);
		lines[(*count)++] = xasprintf("%-24s %s", keys, _(action_help((enum action)a)));
		free(keys);
	}
	static const char *const notes[] = {
		N_("A count before a key repeats or aims it: 5j, 3o opens link 3, 10G."),
		N_("In the article, 1-9 open link N."),
		N_("Commands: :tag NAME, :kind KIND, :source NAME, :sort newest|mentions|title,"),
		N_("  :search QUERY, :all, :unread, :starred, :today, :refresh, :help, :q"),
	};
	lines = xgrow(lines, &capacity, *count + 1 + sizeof notes / sizeof notes[0], sizeof *lines);
	lines[(*count)++] = xstrdup("");
	for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++)
		lines[(*count)++] = xstrdup(_(notes[i]));
	return lines;
}

static void draw_help(struct ui *ui, int height)
{
	size_t count;
	char **lines = help_text(ui, &count);
	ui->help_lines = (int)count;
	int max = (int)count - (height - 1);
	if (ui->help_scroll > max)
		ui->help_scroll = max;
	if (ui->help_scroll < 0)
		ui->help_scroll = 0;
	char *title = xasprintf(_("radar %s - keys (q to close)"), VERSION);
	ui_draw_text(0, 0, COLS, title, ui_area_attr(AREA_TITLE_BAR));
	free(title);
	for (int i = 0; i < height - 1; i++) {
		size_t index = (size_t)ui->help_scroll + (size_t)i;
		const char *line = index < count ? lines[index] : "";
		char *clean = text_clean(line, strlen(line));
		ui_draw_text(i + 1, 0, COLS, clean, ui_area_attr(AREA_DEFAULT));
		free(clean);
	}
	for (size_t i = 0; i < count; i++)
		free(lines[i]);
	free(lines);
}

/* ---------------------------------------------------------------- status */

static void draw_status(struct ui *ui, const struct layout *l)
{
	struct strbuf left;
	strbuf_init(&left);
	strbuf_printf(&left, " %s", ui->view_label ? ui->view_label : "");
	if (ui->list.filter.search && !strstr(ui->view_label ? ui->view_label : "", ui->list.filter.search))
		strbuf_printf(&left, " /%s", ui->list.filter.search);
	if (ui->list.total > 0)
		strbuf_printf(&left, "  %lld/%lld", (long long)ui->list.cursor + 1, (long long)ui->list.total);
	else
		strbuf_printf(&left, "  0/0");
	strbuf_printf(&left, "  [%s]", sort_label(ui->list.filter.sort));
	if (ui->article_open && l->article && ui->article.item_id >= 0 && !ui->wide) {
		int total = (int)ui->article.out.lines.count;
		int shown = ui->article.scroll + ui->article.height;
		strbuf_printf(&left, "  %d%%", total > 0 ? (shown >= total ? 100 : shown * 100 / total) : 100);
	}
	append_refresh_status(ui, &left);
	if (ui->read_only)
		strbuf_printf(&left, "  %s", _("read-only"));
	char *pending = key_reader_pending_text(&ui->reader);
	char *right = xasprintf("%s  %s ", pending, _("?:help"));
	free(pending);
	int right_width = text_width(right);
	char *clean_left = text_clean(left.data, left.len);
	ui_draw_text(LINES - 2, 0, COLS - right_width, clean_left, ui_area_attr(AREA_STATUS));
	ui_draw_text(LINES - 2, COLS - right_width, right_width, right, ui_area_attr(AREA_STATUS));
	free(clean_left);
	free(right);
	strbuf_free(&left);

	if (ui->prompt.active) {
		prompt_draw(&ui->prompt, LINES - 1, 0, COLS);
		return;
	}
	ui_draw_text(LINES - 1, 0, COLS, ui->message ? ui->message : "",
	             ui->message && ui->message_is_error ? ui_area_attr(AREA_STATUS_ERROR)
	                                                 : ui_area_attr(AREA_DEFAULT));
}

static void draw_empty(struct ui *ui, const struct layout *l, int x, int width)
{
	const char *lines[6];
	int n = 0;
	if (ui->empty) {
		lines[n++] = _("The cache is empty.");
		lines[n++] = "";
		lines[n++] = _("Add digests with:   radar import DIR|FILE...");
		lines[n++] = _("or try the demo:    radar --demo");
	} else {
		lines[n++] = _("Nothing in this view.");
		lines[n++] = "";
		lines[n++] = _("Press h or t for the views, :all for everything.");
	}
	int top = (l->height - n) / 2;
	if (top < 0)
		top = 0;
	for (int i = 0; i < l->height; i++)
		ui_draw_text(i, x, width, "", ui_area_attr(AREA_DEFAULT));
	for (int i = 0; i < n && top + i < l->height; i++) {
		int w = text_width(lines[i]);
		int pad = (width - w) / 2 > 0 ? (width - w) / 2 : 0;
		ui_draw_text(top + i, x + pad, width - pad, lines[i], ui_area_attr(AREA_DEFAULT));
	}
}

static void sync_article(struct ui *ui)
{
	struct item_row *row = list_current(&ui->list);
	if (!row) {
		if (ui->article.item_id >= 0)
			article_clear(&ui->article);
		return;
	}
	char *error = NULL;
	if (article_load(&ui->article, ui->store, row->id, false, &error) != 0)
		store_failed(ui, error);
}

static void draw(struct ui *ui)
{
	erase();
	if (LINES < 4 || COLS < 20) {
		ui_draw_text(0, 0, COLS, _("terminal too small"), A_BOLD);
		return;
	}
	struct layout l = relayout(ui);
	if (ui->help) {
		draw_help(ui, l.height);
		draw_status(ui, &l);
		return;
	}
	if (ui->sources_view) {
		draw_sources(ui, l.height);
		draw_status(ui, &l);
		return;
	}
	if (l.article && ui->store) {
		sync_article(ui);
		article_layout(&ui->article, l.article_width, l.height);
	}
	int border = ui_area_attr(AREA_BORDER);
	if (l.tags) {
		tags_draw(&ui->tags, 0, l.tags_x, l.tags_width, ui->focus == FOCUS_TAGS);
		attrset(border);
		mvvline(0, l.tags_x + l.tags_width, ACS_VLINE, l.height);
		attrset(A_NORMAL);
	}
	if (l.list) {
		if (ui->list.total == 0 || !ui->store)
			draw_empty(ui, &l, l.list_x, l.list_width);
		else
			list_draw(&ui->list, 0, l.list_x, l.list_width, ui->focus == FOCUS_LIST);
	}
	if (l.article) {
		if (l.list) {
			attrset(border);
			mvvline(0, l.article_x - 1, ACS_VLINE, l.height);
			attrset(A_NORMAL);
		}
		article_draw(&ui->article, 0, l.article_x);
	}
	draw_status(ui, &l);
}

/* ---------------------------------------------------------------- triage */

static void push_undo(struct ui *ui, struct undo_entry entry)
{
	if (ui->undo_count == UNDO_DEPTH) {
		free(ui->undo[0].ids);
		memmove(ui->undo, ui->undo + 1, (UNDO_DEPTH - 1) * sizeof *ui->undo);
		ui->undo_count--;
	}
	ui->undo[ui->undo_count++] = entry;
}

static struct item_row *need_item(struct ui *ui)
{
	struct item_row *row = list_current(&ui->list);
	if (!row)
		message(ui, "%s", _("No item here."));
	return row;
}

static bool writable(struct ui *ui)
{
	if (ui->read_only)
		error_message(ui, "%s", _("The cache is read-only: marks cannot be saved."));
	return !ui->read_only;
}

static void set_read(struct ui *ui, struct item_row *row, bool read, bool undoable)
{
	if (row->read == read)
		return;
	char *error = NULL;
	if (store_set_read(ui->store, row->id, read, &error) != 0) {
		store_failed(ui, error);
		return;
	}
	if (undoable)
		push_undo(ui, (struct undo_entry){ .type = UNDO_READ, .id = row->id, .old_value = row->read });
	row->read = read;
	ui->tags_dirty = true;
}

static void toggle_star(struct ui *ui)
{
	struct item_row *row = need_item(ui);
	if (!row || !writable(ui))
		return;
	char *error = NULL;
	if (store_set_starred(ui->store, row->id, !row->starred, &error) != 0) {
		store_failed(ui, error);
		return;
	}
	push_undo(ui, (struct undo_entry){ .type = UNDO_STAR, .id = row->id, .old_value = row->starred });
	row->starred = !row->starred;
	ui->tags_dirty = true;
	message(ui, "%s", row->starred ? _("Starred.") : _("Star removed."));
}

static void toggle_read(struct ui *ui)
{
	struct item_row *row = need_item(ui);
	if (!row || !writable(ui))
		return;
	set_read(ui, row, !row->read, true);
	message(ui, "%s", row->read ? _("Marked read.") : _("Marked unread."));
}

static void mark_all_read(struct ui *ui)
{
	if (!ui->store || !writable(ui))
		return;
	struct item_filter filter = ui->list.filter;
	filter.unread_only = true;
	int64_t *ids = NULL;
	size_t count = 0, capacity = 0;
	/* Page through the view by keyset; the previous page holds the anchor. */
	struct item_row *previous = NULL;
	size_t previous_count = 0;
	char *error = NULL;
	for (;;) {
		struct item_row *rows = NULL;
		size_t n = 0;
		if (store_list_items_from(ui->store, &filter,
		                          previous ? &previous[previous_count - 1] : NULL, true, 1000,
		                          &rows, &n, &error) != 0) {
			store_failed(ui, error);
			item_rows_free(previous, previous_count);
			free(ids);
			return;
		}
		item_rows_free(previous, previous_count);
		previous = rows;
		previous_count = n;
		if (n == 0)
			break;
		ids = xgrow(ids, &capacity, count + n, sizeof *ids);
		for (size_t i = 0; i < n; i++)
			ids[count++] = rows[i].id;
		if (n < 1000)
			break;
	}
	item_rows_free(previous, previous_count);
	if (count == 0) {
		free(ids);
		message(ui, "%s", _("Nothing unread in this view."));
		return;
	}
	if (store_set_read_many(ui->store, ids, count, true, &error) != 0) {
		store_failed(ui, error);
		free(ids);
		return;
	}
	push_undo(ui, (struct undo_entry){ .type = UNDO_MARK_ALL, .ids = ids, .id_count = count });
	reload_list(ui);
	ui->tags_dirty = true;
	message(ui, ngettext("Marked %zu item read (u to undo).", "Marked %zu items read (u to undo).",
	                     count), count);
}

static void undo(struct ui *ui)
{
	if (ui->undo_count == 0) {
		message(ui, "%s", _("Nothing to undo."));
		return;
	}
	if (!writable(ui))
		return;
	struct undo_entry *e = &ui->undo[ui->undo_count - 1];
	char *error = NULL;
	int rc = 0;
	const char *what = "";
	switch (e->type) {
	case UNDO_STAR:
		rc = store_set_starred(ui->store, e->id, e->old_value, &error);
		what = e->old_value ? _("star restored") : _("star removed");
		break;
	case UNDO_READ:
		rc = store_set_read(ui->store, e->id, e->old_value, &error);
		what = e->old_value ? _("marked read again") : _("marked unread again");
		break;
	case UNDO_MARK_ALL:
		rc = store_set_read_many(ui->store, e->ids, e->id_count, false, &error);
		what = _("marked unread again");
		break;
	}
	if (rc != 0) {
		store_failed(ui, error);
		return;
	}
	/* Go back to the item the action was about, when it is in the view. */
	int64_t position = -1;
	if (e->type != UNDO_MARK_ALL
	    && store_item_position(ui->store, &ui->list.filter, e->id, &position, &error) != 0) {
		free(error);
		position = -1;
	}
	free(e->ids);
	ui->undo_count--;
	reload_list(ui);
	if (position >= 0) {
		if (list_move_to(&ui->list, position, &error) != 0)
			store_failed(ui, error);
	}
	ui->tags_dirty = true;
	message(ui, _("Undone: %s."), what);
}

/* ---------------------------------------------------------------- open and copy */

static const char *item_url(struct ui *ui, long n)
{
	struct item_row *row = list_current(&ui->list);
	if (!row)
		return NULL;
	if (n == 0)
		return row->url;
	/* Link numbers come from the rendered article: render it if needed. */
	if (ui->article.width <= 0)
		article_layout(&ui->article, ui->wide ? COLS / 2 : COLS, LINES - 2);
	char *error = NULL;
	if (article_load(&ui->article, ui->store, row->id, false, &error) != 0) {
		store_failed(ui, error);
		return NULL;
	}
	return article_link(&ui->article, (int)n);
}

static void copy_url(struct ui *ui, long n)
{
	const char *url = item_url(ui, n);
	if (!url) {
		message(ui, n ? _("There is no link %ld.") : _("This item has no link."), n);
		return;
	}
	/* curses keeps its output buffered; the sequence goes out on its own. */
	refresh();
	const char *via = NULL;
	char *error = NULL;
	if (open_copy(url, STDOUT_FILENO, &via, &error) != 0) {
		error_message(ui, "%s", error);
		free(error);
		return;
	}
	message(ui, _("Copied (%s): %s"), via, url);
}

static void open_link(struct ui *ui, long n)
{
	const char *url = item_url(ui, n);
	if (!url) {
		message(ui, n ? _("There is no link %ld.") : _("This item has no link."), n);
		return;
	}
	char *error = NULL;
	switch (open_url(url, &error)) {
	case OPEN_STARTED:
		message(ui, _("Opened %s"), url);
		break;
	case OPEN_NO_DISPLAY:
		message(ui, _("No display and no $BROWSER: press y to copy %s"), url);
		break;
	case OPEN_FAILED:
		error_message(ui, "%s", error);
		free(error);
		break;
	}
}

/* ---------------------------------------------------------------- commands */

static void run_search(struct ui *ui, const char *query)
{
	struct item_filter filter;
	item_filter_init(&filter);
	filter.sort = ui->list.filter.sort;
	if (!*query) {
		apply_filter(ui, &filter, _("All"));
		return;
	}
	filter.search = query;
	char *label = xasprintf(_("search: %s"), query);
	apply_filter(ui, &filter, label);
	free(label);
	free(ui->last_search);
	ui->last_search = xstrdup(query);
	if (ui->list.total == 0)
		message(ui, _("No match for %s"), query);
	else
		message(ui, ngettext("%lld match", "%lld matches", (unsigned long)ui->list.total),
		        (long long)ui->list.total);
}

static void open_view(struct ui *ui, enum tag_entry_type type, int kind, const char *name)
{
	struct tag_entry entry = { .type = type, .kind = kind, .name = (char *)name };
	apply_tag_entry(ui, &entry);
}

static void run_command(struct ui *ui, const char *line)
{
	while (*line == ' ')
		line++;
	size_t name_len = strcspn(line, " ");
	char *name = xstrndup(line, name_len);
	const char *arg = line + name_len;
	while (*arg == ' ')
		arg++;
	char *argument = xstrdup(arg);
	size_t len = strlen(argument);
	while (len > 0 && argument[len - 1] == ' ')
		argument[--len] = '\0';

	if (strcmp(name, "sources") != 0 && *name) {
		ui->sources_view = false;   /* a command shows its own view */
		free_sources_view(ui);
	}
	if (!*name) {
		/* nothing */
	} else if (!strcmp(name, "q") || !strcmp(name, "quit") || !strcmp(name, "qa")) {
		ui->quit = true;
	} else if (!strcmp(name, "tag") || !strcmp(name, "source")) {
		if (!*argument)
			error_message(ui, _(":%s needs a name"), name);
		else
			open_view(ui, name[0] == 't' ? TAG_ENTRY_TAG : TAG_ENTRY_SOURCE, -1, argument);
	} else if (!strcmp(name, "kind")) {
		int kind = kind_from_name(argument);
		if (kind < 0)
			error_message(ui, _("unknown kind '%s' (paper, project, tweet, ...)"), argument);
		else
			open_view(ui, TAG_ENTRY_KIND, kind, _(kind_plural((enum item_kind)kind)));
	} else if (!strcmp(name, "sort")) {
		if (sort_from_name(argument) >= 0)
			set_sort(ui, (enum item_sort)sort_from_name(argument));
		else
			error_message(ui, "%s", _(":sort takes newest, mentions or title"));
	} else if (!strcmp(name, "search")) {
		run_search(ui, argument);
	} else if (!strcmp(name, "all")) {
		open_view(ui, TAG_ENTRY_ALL, -1, _("All"));
	} else if (!strcmp(name, "unread")) {
		open_view(ui, TAG_ENTRY_UNREAD, -1, _("Unread"));
	} else if (!strcmp(name, "starred")) {
		open_view(ui, TAG_ENTRY_STARRED, -1, _("Starred"));
	} else if (!strcmp(name, "today")) {
		open_view(ui, TAG_ENTRY_TODAY, -1, _("Today"));
	} else if (!strcmp(name, "refresh")) {
		start_refresh(ui, true);
	} else if (!strcmp(name, "sources")) {
		open_sources_view(ui);
	} else if (!strcmp(name, "help")) {
		ui->help = true;
	} else {
		error_message(ui, _("unknown command ':%s' (see ?)"), name);
	}
	free(name);
	free(argument);
}

/* ---------------------------------------------------------------- actions */

static void open_item(struct ui *ui)
{
	struct item_row *row = need_item(ui);
	if (!row)
		return;
	if (open_marks_read && !row->read && !ui->read_only)
		set_read(ui, row, true, false);
	char *error = NULL;
	if (article_load(&ui->article, ui->store, row->id, false, &error) != 0) {
		store_failed(ui, error);
		return;
	}
	article_scroll_to(&ui->article, 0);
	if (!ui->wide)
		ui->article_open = true;
	ui->focus = FOCUS_ARTICLE;
}

static void go_back(struct ui *ui)
{
	switch (ui->focus) {
	case FOCUS_ARTICLE:
		ui->article_open = false;
		ui->focus = FOCUS_LIST;
		break;
	case FOCUS_TAGS:
		ui->tags_overlay = false;
		ui->focus = FOCUS_LIST;
		break;
	case FOCUS_LIST:
		ui->quit = true;
		break;
	}
}

static void show_tags(struct ui *ui)
{
	if (!ui->wide)
		ui->tags_overlay = true;
	ui->article_open = false;
	ui->focus = FOCUS_TAGS;
	if (!ui->tags.loaded)
		ui->tags_dirty = true;
}

static void move_list(struct ui *ui, int64_t position)
{
	char *error = NULL;
	if (list_move_to(&ui->list, position, &error) != 0)
		store_failed(ui, error);
}

static void scroll_list(struct ui *ui, int64_t delta)
{
	char *error = NULL;
	if (list_scroll(&ui->list, delta, &error) != 0)
		store_failed(ui, error);
}

/* Motion in the focused pane; N is the count (at least 1). */
static void motion(struct ui *ui, enum action action, long count)
{
	long n = count > 0 ? count : 1;
	int page = ui->list.height > 1 ? ui->list.height : 1;
	if (ui->help) {
		switch (action) {
		case ACTION_DOWN: ui->help_scroll += (int)n; break;
		case ACTION_UP: ui->help_scroll -= (int)n; break;
		case ACTION_HALF_DOWN: ui->help_scroll += page / 2; break;
		case ACTION_HALF_UP: ui->help_scroll -= page / 2; break;
		case ACTION_PAGE_DOWN: ui->help_scroll += page; break;
		case ACTION_PAGE_UP: ui->help_scroll -= page; break;
		case ACTION_TOP: ui->help_scroll = 0; break;
		case ACTION_BOTTOM: ui->help_scroll = ui->help_lines; break;
		default: break;     /* other keys do nothing on the help screen */
		}
		return;
	}
	if (ui->focus == FOCUS_TAGS) {
		switch (action) {
		case ACTION_DOWN: tags_move(&ui->tags, n); break;
		case ACTION_UP: tags_move(&ui->tags, -n); break;
		case ACTION_HALF_DOWN: tags_move(&ui->tags, page / 2); break;
		case ACTION_HALF_UP: tags_move(&ui->tags, -page / 2); break;
		case ACTION_PAGE_DOWN: tags_move(&ui->tags, page); break;
		case ACTION_PAGE_UP: tags_move(&ui->tags, -page); break;
		case ACTION_TOP: tags_move_to(&ui->tags, count > 0 ? (size_t)count - 1 : 0); break;
		case ACTION_BOTTOM: tags_move_to(&ui->tags, count > 0 ? (size_t)count - 1 : (size_t)-1); break;
		default: break;
		}
		return;
	}
	if (ui->focus == FOCUS_ARTICLE) {
		struct article_pane *a = &ui->article;
		int h = a->height > 1 ? a->height : 1;
		switch (action) {
		case ACTION_DOWN: article_scroll(a, (int)n); break;
		case ACTION_UP: article_scroll(a, (int)-n); break;
		case ACTION_HALF_DOWN: article_scroll(a, h / 2); break;
		case ACTION_HALF_UP: article_scroll(a, -h / 2); break;
		case ACTION_PAGE_DOWN: article_scroll(a, h - 1); break;
		case ACTION_PAGE_UP: article_scroll(a, -(h - 1)); break;
		case ACTION_TOP: article_scroll_to(a, count > 0 ? (int)count - 1 : 0); break;
		case ACTION_BOTTOM: article_scroll_to(a, count > 0 ? (int)count - 1 : 1 << 30); break;
		default: break;
		}
		return;
	}
	struct list_pane *list = &ui->list;
	switch (action) {
	case ACTION_DOWN: move_list(ui, list->cursor + n); break;
	case ACTION_UP: move_list(ui, list->cursor - n); break;
	case ACTION_HALF_DOWN: scroll_list(ui, page / 2); break;
	case ACTION_HALF_UP: scroll_list(ui, -(page / 2)); break;
	case ACTION_PAGE_DOWN: scroll_list(ui, page); break;
	case ACTION_PAGE_UP: scroll_list(ui, -page); break;
	case ACTION_TOP: move_list(ui, count > 0 ? count - 1 : 0); break;
	case ACTION_BOTTOM: move_list(ui, count > 0 ? count - 1 : list->total - 1); break;
	default: break;
	}
}

static void pane_step(struct ui *ui, int direction)
{
	if (ui->help)
		return;
	if (direction < 0) {
		if (ui->focus == FOCUS_ARTICLE) {
			ui->article_open = false;
			ui->focus = FOCUS_LIST;
		} else if (ui->focus == FOCUS_LIST) {
			show_tags(ui);
		}
	} else {
		if (ui->focus == FOCUS_TAGS) {
			ui->tags_overlay = false;
			ui->focus = FOCUS_LIST;
		} else if (ui->focus == FOCUS_LIST) {
			open_item(ui);
		}
	}
}

static void do_action(struct ui *ui, enum action action, long count)
{
	if (ui->help) {
		switch (action) {
		case ACTION_BACK:
		case ACTION_HELP:
			ui->help = false;
			return;
		case ACTION_QUIT:
			ui->quit = true;
			return;
		default:
			motion(ui, action, count);
			return;
		}
	}
	if (ui->sources_view && sources_view_action(ui, action, count))
		return;
	if (!ui->store && action != ACTION_QUIT && action != ACTION_BACK && action != ACTION_HELP
	    && action != ACTION_REDRAW && action != ACTION_COMMAND && action != ACTION_REFRESH)
		return;
	switch (action) {
	case ACTION_DOWN: case ACTION_UP: case ACTION_TOP: case ACTION_BOTTOM:
	case ACTION_HALF_DOWN: case ACTION_HALF_UP: case ACTION_PAGE_DOWN: case ACTION_PAGE_UP:
		motion(ui, action, count);
		break;
	case ACTION_PANE_LEFT:
		pane_step(ui, -1);
		break;
	case ACTION_PANE_RIGHT:
		pane_step(ui, 1);
		break;
	case ACTION_PANE_NEXT:
		if (ui->focus == FOCUS_TAGS) {
			ui->tags_overlay = false;
			ui->focus = FOCUS_LIST;
		} else if (ui->focus == FOCUS_LIST && (ui->wide || ui->article.item_id >= 0)) {
			if (!ui->wide)
				ui->article_open = true;
			ui->focus = FOCUS_ARTICLE;
		} else if (ui->focus == FOCUS_ARTICLE) {
			ui->article_open = false;
			if (ui->wide)
				ui->focus = FOCUS_TAGS;
			else
				ui->focus = FOCUS_LIST;
		}
		break;
	case ACTION_NEXT_ITEM:
	case ACTION_PREV_ITEM: {
		/* Step through items while reading: the article follows. */
		long n = count > 0 ? count : 1;
		move_list(ui, ui->list.cursor + (action == ACTION_NEXT_ITEM ? n : -n));
		if (ui->focus == FOCUS_ARTICLE)
			open_item(ui);
		break;
	}
	case ACTION_OPEN:
		if (ui->focus == FOCUS_TAGS) {
			const struct tag_entry *entry = tags_current(&ui->tags);
			if (entry) {
				apply_tag_entry(ui, entry);
				ui->tags_overlay = false;
				ui->focus = FOCUS_LIST;
			}
		} else {
			open_item(ui);
		}
		break;
	case ACTION_BACK:
		go_back(ui);
		break;
	case ACTION_QUIT:
		ui->quit = true;
		break;
	case ACTION_TAGS:
		if (ui->focus == FOCUS_TAGS) {
			ui->tags_overlay = false;
			ui->focus = FOCUS_LIST;
		} else {
			show_tags(ui);
		}
		break;
	case ACTION_SEARCH:
		prompt_start(&ui->prompt, '/', NULL);
		break;
	case ACTION_COMMAND:
		prompt_start(&ui->prompt, ':', NULL);
		break;
	case ACTION_SEARCH_NEXT:
	case ACTION_SEARCH_PREV:
		if (ui->list.filter.search) {
			long n = count > 0 ? count : 1;
			int64_t target = ui->list.cursor + (action == ACTION_SEARCH_NEXT ? n : -n);
			if (target >= ui->list.total || target < 0)
				message(ui, "%s", action == ACTION_SEARCH_NEXT ? _("Last match.") : _("First match."));
			move_list(ui, target);
			if (ui->focus == FOCUS_TAGS)
				ui->focus = FOCUS_LIST;
		} else if (ui->last_search) {
			char *query = xstrdup(ui->last_search);
			run_search(ui, query);
			free(query);
		} else {
			message(ui, "%s", _("No search yet: press / to search."));
		}
		break;
	case ACTION_STAR:
		toggle_star(ui);
		break;
	case ACTION_TOGGLE_READ:
		toggle_read(ui);
		break;
	case ACTION_MARK_ALL_READ:
		mark_all_read(ui);
		break;
	case ACTION_UNDO:
		undo(ui);
		break;
	case ACTION_OPEN_LINK:
		open_link(ui, count);
		break;
	case ACTION_COPY_URL:
		copy_url(ui, count);
		break;
	case ACTION_CYCLE_SORT:
		set_sort(ui, (enum item_sort)((ui->list.filter.sort + 1) % SORT_COUNT));
		break;
	case ACTION_REFRESH:
		start_refresh(ui, true);
		break;
	case ACTION_REDRAW:
		clearok(curscr, TRUE);
		break;
	case ACTION_HELP:
		ui->help = true;
		ui->help_scroll = 0;
		break;
	case ACTION_NONE:
	case ACTION_COUNT:
		break;
	}
}

static void handle_key(struct ui *ui, int key)
{
	if (ui->prompt.active) {
		enum prompt_result r = prompt_feed(&ui->prompt, key);
		if (r == PROMPT_DONE) {
			char *line = prompt_text(&ui->prompt);
			free(ui->message);
			ui->message = NULL;
			if (ui->prompt.leader == '/')
				run_search(ui, line);
			else
				run_command(ui, line);
			free(line);
		}
		return;
	}
	/* A new key press clears the last message, as in vim. */
	if (key_reader_idle(&ui->reader)) {
		free(ui->message);
		ui->message = NULL;
	}
	if (ui->focus == FOCUS_ARTICLE && !ui->help && key_reader_idle(&ui->reader) && key >= '1'
	    && key <= '9') {
		open_link(ui, key - '0');
		return;
	}
	enum action action;
	long count;
	enum key_context context = ui->focus == FOCUS_TAGS ? KEY_CONTEXT_TAGS
	                         : ui->focus == FOCUS_ARTICLE ? KEY_CONTEXT_ARTICLE : KEY_CONTEXT_LIST;
	if (key_reader_feed_in(&ui->reader, &ui->keymap, context, key, &action, &count) == KEY_ACTION)
		do_action(ui, action, count);
}

/* ---------------------------------------------------------------- main loop */

static double ms_since(const struct timespec *start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) * 1e3 + (double)(now.tv_nsec - start->tv_nsec) / 1e6;
}

static int make_pipe(int fds[2])
{
	if (pipe(fds) != 0)
		return -1;
	for (int i = 0; i < 2; i++) {
		fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
		fcntl(fds[i], F_SETFD, FD_CLOEXEC);
	}
	return 0;
}

static void close_pipe(int fds[2])
{
	for (int i = 0; i < 2; i++) {
		if (fds[i] >= 0)
			close(fds[i]);
		fds[i] = -1;
	}
}

static void drain(int fd)
{
	char buf[64];
	while (read(fd, buf, sizeof buf) > 0)
		;
}

/* After initscr(), which installs ncurses' handler: ours runs it first. */
static void catch_resize(void)
{
	struct sigaction action;
	memset(&action, 0, sizeof action);
	action.sa_handler = winch_handler;
	sigemptyset(&action.sa_mask);
	action.sa_flags = SA_RESTART;
	sigaction(SIGWINCH, &action, &curses_winch);
}

/* Read every key already typed, then return (one redraw per batch, so a
 * held key never queues up frames). */
static void read_keys(struct ui *ui)
{
	nodelay(stdscr, TRUE);
	for (;;) {
		wint_t ch;
		int result = get_wch(&ch);
		if (result == ERR)
			break;
		int key = key_from_curses(result, (unsigned)ch);
		if (key == (KEY_FUNCTION_BIT | KEY_RESIZE))
			continue;   /* the next draw lays out for the new size */
		if (key == 27 && !ui->prompt.active) {
			/* ESC then a key at once: Alt+key */
			wint_t next;
			int r2 = get_wch(&next);
			if (r2 != ERR) {
				int k2 = key_from_curses(r2, (unsigned)next);
				key = (k2 & KEY_FUNCTION_BIT) ? k2 : (KEY_ALT_BIT | k2);
			}
		}
		handle_key(ui, key);
		if (ui->quit)
			break;
	}
}

static bool tags_visible(const struct ui *ui)
{
	return ui->wide || ui->tags_overlay;
}

static void *tags_thread(void *arg)
{
	struct tags_job *job = arg;
	struct store *store = NULL;
	job->status = store_open(job->db_path, STORE_READ_ONLY, &store, &job->error);
	if (job->status == 0) {
		job->status = tags_count(store, &job->counts, &job->error);
		store_close(store);
	}
	ssize_t ignored = write(tags_pipe[1], "t", 1);
	(void)ignored;
	return NULL;
}

static void start_tags_job(struct ui *ui)
{
	struct tags_job *job = xcalloc(1, sizeof *job);
	job->db_path = ui->db_path;
	clock_gettime(CLOCK_MONOTONIC, &job->started);
	ui->tags_dirty = false;
	if (pthread_create(&job->thread, NULL, tags_thread, job) != 0) {
		/* No thread: count here, slower to come back but still right. */
		free(job);
		char *error = NULL;
		if (tags_load(&ui->tags, ui->store, &error) != 0)
			store_failed(ui, error);
		return;
	}
	ui->tags_job = job;
}

static void finish_tags_job(struct ui *ui)
{
	struct tags_job *job = ui->tags_job;
	if (!job)
		return;
	pthread_join(job->thread, NULL);
	if (job->status == 0)
		tags_apply(&ui->tags, &job->counts);
	else
		store_failed(ui, job->error);
	tags_counts_free(&job->counts);
	if (ui->bench && ui->tags_ms == 0)
		ui->tags_ms = ms_since(&job->started);
	free(job);
	ui->tags_job = NULL;
}

static void main_loop(struct ui *ui)
{
	struct timespec frame_start;
	clock_gettime(CLOCK_MONOTONIC, &frame_start);
	while (!ui->quit) {
		draw(ui);
		curs_set(ui->prompt.active ? 1 : 0);
		refresh();
		if (ui->bench) {
			double ms = ms_since(&frame_start);
			if (ui->frames == 0)
				ui->first_paint_ms = ms_since(&ui->started);
			else if (ms > ui->slowest_frame_ms)
				ui->slowest_frame_ms = ms;
			ui->frames++;
		}
		open_reap_children();
		if (ui->tags_dirty && ui->store && tags_visible(ui) && !ui->tags_job)
			start_tags_job(ui);
		struct pollfd fds[5] = {
			{ .fd = STDIN_FILENO, .events = POLLIN },
			{ .fd = resize_pipe[0], .events = POLLIN },
			{ .fd = wake_pipe[0], .events = POLLIN },
			{ .fd = tags_pipe[0], .events = POLLIN },
			{ .fd = ui->refresh ? refresh_fd(ui->refresh) : -1, .events = POLLIN },
		};
		int n = poll(fds, 5, refresh_timeout(ui));
		clock_gettime(CLOCK_MONOTONIC, &frame_start);
		if (n < 0) {
			if (errno == EINTR) {
				read_keys(ui);  /* SIGWINCH: ncurses queues KEY_RESIZE */
				continue;
			}
			error_message(ui, _("cannot wait for input: %s"), strerror(errno));
			break;
		}
		if (fds[1].revents & POLLIN) {
			drain(resize_pipe[0]);
			read_keys(ui);      /* ncurses turns the resize into KEY_RESIZE */
		}
		if (fds[2].revents & POLLIN) {
			drain(wake_pipe[0]);
			reload_everything(ui);
		}
		if (fds[3].revents & POLLIN) {
			drain(tags_pipe[0]);
			finish_tags_job(ui);
		}
		refresh_tick(ui, fds[4].revents & POLLIN);
		if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL) && !(fds[0].revents & POLLIN))
			break;      /* the terminal is gone */
		if (fds[0].revents & POLLIN)
			read_keys(ui);
	}
}

static void ui_free(struct ui *ui)
{
	list_free(&ui->list);
	article_free(&ui->article);
	tags_free(&ui->tags);
	prompt_free(&ui->prompt);
	keymap_free(&ui->keymap);
	for (int i = 0; i < ui->undo_count; i++)
		free(ui->undo[i].ids);
	free(ui->view_label);
	free(ui->last_search);
	free(ui->message);
	free(ui->last_error);
	refresh_stop(ui->refresh);
	forget_failed_sources(ui);
	free(ui->refresh_note);
	free(ui->source_due);
	free_sources_view(ui);
	if (ui->config_loaded)
		config_free(&ui->config);
	if (ui->own_store)
		store_close(ui->own_store);
}

int ui_run(const char *db_path, struct store *store, bool demo, const char *config_path)
{
	struct ui ui_state;
	struct ui *ui = &ui_state;
	memset(ui, 0, sizeof *ui);
	const char *bench = getenv("RADAR_BENCH");
	ui->bench = bench && *bench;
	clock_gettime(CLOCK_MONOTONIC, &ui->started);
	ui->db_path = db_path;
	ui->demo = demo;
	ui->store = store;
	if (store) {
		/* main opened the cache read-only to look; marks need writing. */
		char *error = NULL;
		if (store_open(db_path, STORE_READ_WRITE, &ui->own_store, &error) == 0) {
			ui->store = ui->own_store;
		} else {
			ui->read_only = true;
			free(error);
		}
	}
	list_init(&ui->list, ui->store);
	article_init(&ui->article);
	tags_init(&ui->tags);
	prompt_init(&ui->prompt);
	ui->focus = FOCUS_LIST;
	ui->tags_dirty = true;
	set_view_label(ui, _("All"));
	the_ui = ui;
	load_config(ui, config_path);

	if (make_pipe(wake_pipe) != 0 || make_pipe(resize_pipe) != 0 || make_pipe(tags_pipe) != 0) {
		fprintf(stderr, "radar: %s\n", strerror(errno));
		close_pipe(wake_pipe);
		close_pipe(resize_pipe);
		ui_free(ui);
		return 1;
	}
	set_escdelay(25);
	/* newterm, not initscr: an unknown $TERM is an error to report, where
	 * initscr would exit on its own. */
	SCREEN *screen = newterm(NULL, stdout, stdin);
	if (!screen) {
		const char *term = getenv("TERM");
		fprintf(stderr, _("radar: cannot use the terminal '%s'; set TERM, or use the command line (radar --help)\n"),
		        term ? term : "");
		close_pipe(wake_pipe);
		close_pipe(resize_pipe);
		close_pipe(tags_pipe);
		the_ui = NULL;
		ui_free(ui);
		return 1;
	}
	catch_resize();
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	init_colors(ui);
	if (ui->store)
		reload_everything(ui);
	else
		ui->empty = true;
	if (ui->read_only && !ui->message)
		message(ui, "%s", _("The cache is read-only here: marks will not be saved."));
	/* The demo cache is a throw-away: the config's sources stay out of it. */
	if (!demo)
		refresh_setup(ui, config_path);
	main_loop(ui);
	/* A count still running may take seconds on a huge cache: quitting does
	 * not wait for it.  The thread keeps its job and the pipe it writes to
	 * (left open) until the process exits. */
	bool counting = ui->tags_job != NULL;
	if (counting)
		pthread_detach(ui->tags_job->thread);
	sigaction(SIGWINCH, &curses_winch, NULL);
	endwin();
	delscreen(screen);
	close_pipe(wake_pipe);
	close_pipe(resize_pipe);
	if (!counting)
		close_pipe(tags_pipe);
	the_ui = NULL;
	int status = 0;
	if (ui->last_error)
		fprintf(stderr, "radar: %s\n", ui->last_error);
	if (ui->bench)
		fprintf(stderr, "radar-bench: first paint %.1f ms, %ld frames, slowest later frame %.1f ms, "
		        "tag pane counts %.1f ms\n",
		        ui->first_paint_ms, ui->frames, ui->slowest_frame_ms, ui->tags_ms);
	ui_free(ui);
	return status;
}
