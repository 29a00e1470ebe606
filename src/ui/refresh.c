/* Background refresh: which sources are due, the refresh thread's events, and
 * what the status line says about them. */
#include <config.h>

#include <curses.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "refresh.h"
#include "i18n.h"
#include "strbuf.h"
#include "text.h"
#include "ui/draw.h"
#include "ui/internal.h"
#include "xalloc.h"


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
void ui_refresh_setup(struct ui *ui, const char *config_path)
{
	if (!ui->config_loaded) {      /* load_config() normally read it */
		config_load(config_path, &ui->config);
		ui->config_loaded = true;
		if (ui->config.error_count > 0)
			ui_error(ui, "%s", ui->config.errors[0]);
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
void ui_start_refresh(struct ui *ui, bool all)
{
	if (ui->refresh) {
		if (all)
			ui_message(ui, "%s", _("A refresh is already running."));
		return;
	}
	const struct source_list *configured = &ui->config.sources;
	if (configured->count == 0) {
		if (all) {
			char *path = ui->config.path ? xstrdup(ui->config.path) : config_default_path();
			ui_error(ui, _("no sources to refresh; add lines such as 'source NAME URL' to %s"),
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
		ui_error(ui, "%s", error ? error : _("the refresh failed"));
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
				ui_store_failed(ui, error);
				return;
			}
			ui->read_only = true;
		}
		ui->store = ui->own_store;
		ui->list.store = ui->store;
	}
	char *error = NULL;
	int64_t all = 0;        /* whether the cache has an item: one is enough */
	struct item_filter any;
	item_filter_init(&any);
	if (store_count_items_upto(ui->store, &any, 1, &all, &error) != 0) {
		ui_store_failed(ui, error);
		return;
	}
	ui->empty = all == 0;
	ui_reload_list(ui);
	if (ui->follow_newest && ui->list.cursor != 0) {
		if (list_move_to(&ui->list, 0, &error) != 0)
			ui_store_failed(ui, error);
		article_reset(&ui->article);
	}
	ui->tags_dirty = true;
	if (ui->sources_view)
		ui_load_sources(ui);
}

static void refresh_finished_run(struct ui *ui, const struct refresh_event *event)
{
	refresh_stop(ui->refresh);
	ui->refresh = NULL;
	if (event->outcome != REFRESH_OK) {
		const char *message = event->message ? event->message : "?";
		char *clean = text_clean(message, strlen(message));
		if (event->outcome == REFRESH_LOCKED) {
			/* Not an error: a cron refresh is doing the work.  Try again soon. */
			free(ui->refresh_note);
			ui->refresh_note = clean;
			double soon = now_seconds() + REFRESH_LOCKED_RETRY;
			for (size_t i = 0; i < ui->config.sources.count; i++)
				if (ui->source_due[i] > soon)
					ui->source_due[i] = soon;
			return;
		}
		ui_error(ui, "%s", clean);
		free(clean);
		return;
	}
	const struct refresh_totals *t = &event->totals;
	char *summary = refresh_summary(t);
	/* An error shown meanwhile stays (it is also kept for the exit). */
	if (!ui->message || !ui->message_is_error)
		ui_message(ui, "%s", summary);
	free(summary);
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
		if (ui->refresh_imported > 0) {
			show_landed_items(ui);      /* the last ones, now */
			ui_notify_new_items(ui);
		} else if (ui->sources_view)
			ui_load_sources(ui);
		if (!ui->empty)
			ui->follow_newest = false;  /* the first refresh is over */
	} else if (ui->refresh_reload_pending
	           && (now_seconds() - ui->refresh_last_reload) * 1000 >= REFRESH_RELOAD_MS) {
		show_landed_items(ui);
	}
	refresh_events_free(events, count);
}

/* How long the main loop may sleep (ms, -1: until a key): until the next
 * source is due, or a held-back re-query of the list. */
int ui_refresh_timeout(const struct ui *ui)
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
void ui_refresh_tick(struct ui *ui, bool readable)
{
	if (ui->refresh && readable)
		refresh_events(ui);
	if (ui->refresh_reload_pending
	    && (now_seconds() - ui->refresh_last_reload) * 1000 >= REFRESH_RELOAD_MS)
		show_landed_items(ui);
	if (!ui->refresh)
		ui_start_refresh(ui, false);
}

/* For the status line: progress, failed sources, a lock held elsewhere. */
void ui_refresh_status(const struct ui *ui, struct strbuf *line)
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

void ui_refresh_clear(struct ui *ui)
{
	refresh_stop(ui->refresh);
	ui->refresh = NULL;
	forget_failed_sources(ui);
	free(ui->refresh_note);
	ui->refresh_note = NULL;
	free(ui->source_due);
	ui->source_due = NULL;
}
