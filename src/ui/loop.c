/* ui_run: set-up and tear-down, the poll() loop over the keyboard and the
 * threads' pipes, resize, and the counting threads: the tag pane's counts
 * and the list's whole count. */
#include <config.h>

#include <curses.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <time.h>

#include "cancel.h"
#include "process.h"
#include "os.h"
#include "refresh.h"
#include "theme.h"
#include "ui.h"
#include "i18n.h"
#include "strbuf.h"
#include "text.h"
#include "ui/draw.h"
#include "ui/internal.h"
#include "xalloc.h"


/* SIGWINCH writes here: ncurses' own handler only sets a flag, which a
 * poll() that started before the signal would never see. */
static int resize_pipe[2] = { -1, -1 };
/* The tag-count thread writes here when it is done. */
static int tags_pipe[2] = { -1, -1 };
/* And the list-count thread here. */
static int count_pipe[2] = { -1, -1 };
static struct sigaction curses_winch;
/* SIGINT, SIGTERM or SIGHUP arrived: quit as `Q` does, restoring the
 * terminal (raw mode turns Ctrl-C into a key, bound to quit; this is for
 * `kill` and a closed terminal). */
static volatile sig_atomic_t quit_signal;

static void quit_handler(int sig)
{
	int saved = errno;
	quit_signal = sig;
	if (resize_pipe[1] >= 0) {
		ssize_t ignored = write(resize_pipe[1], "q", 1);
		(void)ignored;
	}
	errno = saved;
}

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
	ui->list.filter.hot_days = (int)option_int(OPTION_HOT_DAYS);
	/* The count and where to read them come first, so a narrow message
	 * line never cuts them off; :messages has every one in full. */
	size_t n = ui->config.error_count;
	ui->quiet_log = true;
	if (n > 0)
		ui_error(ui, ngettext("%zu problem in the config (:messages): %s",
		                      "%zu problems in the config (:messages): %s", n),
		         n, ui->config.errors[0]);
	ui->quiet_log = false;
}


static double ms_since(const struct timespec *start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) * 1e3 + (double)(now.tv_nsec - start->tv_nsec) / 1e6;
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
	struct sigaction quit;
	memset(&quit, 0, sizeof quit);
	quit.sa_handler = quit_handler;
	sigemptyset(&quit.sa_mask);
	sigaction(SIGINT, &quit, NULL);
	sigaction(SIGTERM, &quit, NULL);
	sigaction(SIGHUP, &quit, NULL);
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
		ui_handle_key(ui, key);
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
		job->status = tags_count_quick(store, job->views, job->view_count, job->with_boilerplate,
		                               &job->counts, &job->error);
		/* "p": job->counts is the UI's to read (this thread no longer
		 * touches it); the rest follows in job->rest, then "t". */
		if (job->status == 0) {
			ssize_t ignored = write(tags_pipe[1], "p", 1);
			(void)ignored;
			job->status = tags_count_rest(store, job->views, job->view_count,
			                              job->with_boilerplate, &job->rest, &job->error);
		}
		store_close(store);
	}
	ssize_t ignored = write(tags_pipe[1], "t", 1);
	(void)ignored;
	return NULL;
}

/* The tag thread's news: the quick counts ("p"), all of them ("t"). */
static void read_tags_pipe(bool *quick, bool *done)
{
	char got[64];
	ssize_t n;
	*quick = *done = false;
	while ((n = read(tags_pipe[0], got, sizeof got)) > 0)
		for (ssize_t i = 0; i < n; i++) {
			*quick |= got[i] == 'p';
			*done |= got[i] == 't';
		}
}

/* The counts that are kept by the cache, while New and the saved views are
 * still being counted: the pane shows them at once. */
static void apply_quick_tags(struct ui *ui)
{
	struct tags_job *job = ui->tags_job;
	if (!job || job->quick_applied)
		return;
	job->quick_applied = true;
	tags_apply(&ui->tags, &job->counts);
	if (ui->bench && ui->tags_quick_ms == 0)
		ui->tags_quick_ms = ms_since(&job->started);
}

static void start_tags_job(struct ui *ui)
{
	struct tags_job *job = xcalloc(1, sizeof *job);
	job->db_path = ui->db_path;
	job->views = config_views_copy(ui->config.views, ui->config.view_count);
	job->view_count = ui->config.view_count;
	job->with_boilerplate = ui->list.show_boilerplate;
	clock_gettime(CLOCK_MONOTONIC, &job->started);
	ui->tags_dirty = false;
	if (pthread_create(&job->thread, NULL, tags_thread, job) != 0) {
		/* No thread: count here, slower to come back but still right. */
		config_views_free(job->views, job->view_count);
		free(job);
		char *error = NULL;
		if (tags_load(&ui->tags, ui->store, ui->config.views, ui->config.view_count,
		              ui->list.show_boilerplate, &error) != 0)
			ui_store_failed(ui, error);
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
	if (job->status == 0) {
		tags_rest_merge(&job->counts, &job->rest);
		tags_apply(&ui->tags, &job->counts);
	} else {
		ui_store_failed(ui, job->error);
	}
	tags_counts_clear(&job->counts);
	tags_rest_clear(&job->rest);
	config_views_free(job->views, job->view_count);
	if (ui->bench && ui->tags_ms == 0)
		ui->tags_ms = ms_since(&job->started);
	/* Both steps came back in one read: the kept counts were shown no
	 * sooner than the rest. */
	if (ui->bench && ui->tags_quick_ms == 0)
		ui->tags_quick_ms = ui->tags_ms;
	free(job);
	ui->tags_job = NULL;
}

static void *count_thread(void *arg)
{
	struct count_job *job = arg;
	cancel_watch(&job->cancel);
	struct store *store = NULL;
	job->status = store_open(job->db_path, STORE_READ_ONLY, &store, &job->error);
	if (job->status == 0) {
		job->status = store_count_items(store, &job->filter, &job->count, &job->error);
		store_close(store);
	}
	cancel_watch(NULL);
	ssize_t ignored = write(count_pipe[1], "c", 1);
	(void)ignored;
	return NULL;
}

static void count_job_free(struct count_job *job)
{
	item_filter_clear(&job->filter);
	free(job->error);
	free(job);
}

/* The list's total is a lower bound (ui/list.h): count it all on a thread,
 * or here when no thread can be made. */
static void start_count_job(struct ui *ui)
{
	struct count_job *job = xcalloc(1, sizeof *job);
	job->db_path = ui->db_path;
	item_filter_copy(&job->filter, &ui->list.filter);
	job->generation = ui->list.generation;
	atomic_init(&job->cancel, false);
	if (pthread_create(&job->thread, NULL, count_thread, job) != 0) {
		count_job_free(job);
		char *error = NULL;
		if (list_count_all(&ui->list, &error) != 0)
			ui_store_failed(ui, error);
		return;
	}
	ui->count_job = job;
}

static void finish_count_job(struct ui *ui)
{
	struct count_job *job = ui->count_job;
	if (!job)
		return;
	pthread_join(job->thread, NULL);
	ui->count_job = NULL;
	bool stale = atomic_load(&job->cancel) || job->generation != ui->list.generation;
	if (!stale && job->status != 0) {
		ui_store_failed(ui, job->error);
		job->error = NULL;
	} else if (!stale && list_count_arrived(&ui->list, job->generation, job->count)
	           && ui->announce_count && ui->announce_generation == job->generation) {
		ui_message(ui, ngettext("%lld match", "%lld matches", (unsigned long)job->count),
		           (long long)job->count);
	}
	if (!stale)
		ui->announce_count = false;
	count_job_free(job);
}

/* Browsers and clipboard tools that outlived their first wait: a failed
 * one is reported, none is left a zombie. */
static void reap_children(struct ui *ui)
{
	char *failed = process_reap();
	if (failed) {
		ui_error(ui, "%s", failed);
		free(failed);
	}
}

static void main_loop(struct ui *ui)
{
	struct timespec frame_start;
	clock_gettime(CLOCK_MONOTONIC, &frame_start);
	while (!ui->quit) {
		reap_children(ui);
		ui_draw(ui);
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
		if (ui->tags_dirty && ui->store && tags_visible(ui) && !ui->tags_job)
			start_tags_job(ui);
		if (ui->count_job && ui->count_job->generation != ui->list.generation)
			atomic_store(&ui->count_job->cancel, true);     /* its list is gone */
		else if (!ui->count_job && ui->store && !ui->list.total_known)
			start_count_job(ui);
		struct pollfd fds[5] = {
			{ .fd = STDIN_FILENO, .events = POLLIN },
			{ .fd = resize_pipe[0], .events = POLLIN },
			{ .fd = tags_pipe[0], .events = POLLIN },
			{ .fd = ui->refresh ? refresh_fd(ui->refresh) : -1, .events = POLLIN },
			{ .fd = count_pipe[0], .events = POLLIN },
		};
		int timeout = ui_refresh_timeout(ui);
		if (process_pending() && (timeout < 0 || timeout > 200))
			timeout = 200;      /* look for finished children again soon */
		int n = poll(fds, 5, timeout);
		clock_gettime(CLOCK_MONOTONIC, &frame_start);
		if (quit_signal)
			break;
		if (n < 0) {
			if (errno == EINTR) {
				read_keys(ui);  /* SIGWINCH: ncurses queues KEY_RESIZE */
				continue;
			}
			ui_error(ui, _("cannot wait for input: %s"), strerror(errno));
			break;
		}
		if (fds[1].revents & POLLIN) {
			os_drain(resize_pipe[0]);
			read_keys(ui);      /* ncurses turns the resize into KEY_RESIZE */
		}
		if (fds[2].revents & POLLIN) {
			bool quick, done;
			read_tags_pipe(&quick, &done);
			if (done)
				finish_tags_job(ui);
			else if (quick)
				apply_quick_tags(ui);
		}
		if (fds[4].revents & POLLIN) {
			os_drain(count_pipe[0]);
			finish_count_job(ui);
		}
		ui_refresh_tick(ui, fds[3].revents & POLLIN);
		if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL) && !(fds[0].revents & POLLIN))
			break;      /* the terminal is gone */
		if (fds[0].revents & POLLIN)
			read_keys(ui);
	}
}

static void ui_free(struct ui *ui)
{
	list_clear(&ui->list);
	article_clear(&ui->article);
	tags_clear(&ui->tags);
	prompt_clear(&ui->prompt);
	keymap_clear(&ui->keymap);
	ui_undo_clear(ui);
	free(ui->view_label);
	free(ui->last_search);
	free(ui->message);
	free(ui->last_error);
	ui_refresh_clear(ui);
	ui_close_sources(ui);
	ui_free_messages(ui);
	ui_free_views(ui);
	ui_close_help(ui);
	if (ui->config_loaded)
		config_clear(&ui->config);
	if (ui->own_store)
		store_close(ui->own_store);
}

/* newterm, not initscr: a terminal radar cannot draw on is an error to
 * explain, where initscr would exit on its own or draw the reader onto one
 * line (TERM=dumb).  NULL after telling the user on stderr. */
static SCREEN *open_terminal(void)
{
	const char *term = getenv("TERM");
	const char *hint = _("try TERM=xterm-256color radar, or use the command line (radar --help)");
	if (!term || !*term) {
		fprintf(stderr, _("radar: TERM is not set, so the reader does not know how to draw; %s\n"), hint);
		return NULL;
	}
	if (strcmp(term, "dumb") == 0) {
		fprintf(stderr, _("radar: TERM=dumb cannot show the reader (it cannot move the cursor); %s\n"), hint);
		return NULL;
	}
	SCREEN *screen = newterm(NULL, stdout, stdin);
	if (!screen) {
		fprintf(stderr, _("radar: no terminfo entry for TERM=%s; install it (Debian: ncurses-term), or %s\n"),
		        term, hint);
		return NULL;
	}
	char cup[] = "cup";
	const char *move = tigetstr(cup);
	if (!move || move == (char *)-1 || !*move) {
		endwin();
		delscreen(screen);
		fprintf(stderr, _("radar: the terminal '%s' cannot move the cursor; %s\n"), term, hint);
		return NULL;
	}
	return screen;
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
	if (ui->store) {
		/* The New view: what arrived since the reader was opened before;
		 * rows first seen from now on are marked as new this session. */
		char *previous = NULL, *now = NULL, *error = NULL;
		if (store_reader_opened(ui->store, &previous, &now, &error) != 0)
			free(error);
		tags_set_session(previous, now);
		free(previous);
		free(now);
	}
	list_init(&ui->list, ui->store);
	ui->list.session_start = tags_session_start();
	article_init(&ui->article);
	tags_init(&ui->tags);
	prompt_init(&ui->prompt);
	ui->focus = FOCUS_LIST;
	ui->tags_dirty = true;
	ui_set_view_label(ui, _("All"));
	load_config(ui, config_path);

	if (os_pipe(resize_pipe) != 0 || os_pipe(tags_pipe) != 0 || os_pipe(count_pipe) != 0) {
		fprintf(stderr, "radar: %s\n", strerror(errno));
		os_pipe_close(resize_pipe);
		os_pipe_close(tags_pipe);
		ui_free(ui);
		return 1;
	}
	set_escdelay(25);
	SCREEN *screen = open_terminal();
	if (!screen) {
		os_pipe_close(resize_pipe);
		os_pipe_close(tags_pipe);
		os_pipe_close(count_pipe);
		ui_free(ui);
		return 1;
	}
	catch_resize();
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	ui_draw_init(&ui->config.theme);
	if (ui->store)
		ui_reload_everything(ui);
	else
		ui->empty = true;
	ui->follow_newest = ui->empty;
	ui_notify_start(ui);
	if (ui->read_only && !ui->message)
		ui_message(ui, "%s", _("The cache is read-only here: marks will not be saved."));
	/* The demo cache is a throw-away: the config's sources stay out of it. */
	if (!demo)
		ui_refresh_setup(ui, config_path);
	main_loop(ui);
	/* A count still running may take seconds on a huge cache: quitting does
	 * not wait for it.  The thread keeps its job and the pipe it writes to
	 * (left open) until the process exits. */
	bool counting = ui->tags_job != NULL;
	if (counting)
		pthread_detach(ui->tags_job->thread);
	/* The list's count is told to stop; it may still be on its way out. */
	bool counting_list = ui->count_job != NULL;
	if (counting_list) {
		atomic_store(&ui->count_job->cancel, true);
		pthread_detach(ui->count_job->thread);
	}
	sigaction(SIGWINCH, &curses_winch, NULL);
	endwin();
	delscreen(screen);
	os_pipe_close(resize_pipe);
	if (!counting)
		os_pipe_close(tags_pipe);
	if (!counting_list)
		os_pipe_close(count_pipe);
	/* Killed by a signal: say so by the status a shell expects. */
	int status = quit_signal ? 128 + quit_signal : ui->store_failed ? 1 : 0;
	/* As the command line reports them. */
	for (size_t i = 0; i < ui->config.error_count; i++)
		fprintf(stderr, "radar: %s\n", ui->config.errors[i]);
	if (ui->last_error)
		fprintf(stderr, "radar: %s\n", ui->last_error);
	if (ui->bench)
		fprintf(stderr, "radar-bench: first paint %.1f ms, %ld frames, slowest later frame %.1f ms, "
		        "tag pane counts %.1f ms, kept counts %.1f ms\n",
		        ui->first_paint_ms, ui->frames, ui->slowest_frame_ms, ui->tags_ms,
		        ui->tags_quick_ms);
	ui_free(ui);
	return status;
}
