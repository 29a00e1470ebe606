/* Notifications: when a refresh in the reader brings new items into a
 * saved view marked notify=yes, the notify-command runs (once per such
 * view, its argv from the setting's words, never a shell) and/or the
 * terminal's bell rings (notify-bell).
 *
 * "New" is by item id: the largest id is taken when the reader starts and
 * again after each check, and a view's new items are its items above it.
 * The command is started detached and handed to process.c at once, so the
 * UI never waits for it; the main loop reaps it with a non-blocking
 * waitpid and a failure (a non-zero exit, a signal) becomes a status-line
 * error, as a program that cannot be started does at once. */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "configline.h"
#include "i18n.h"
#include "options.h"
#include "process.h"
#include "query.h"
#include "strbuf.h"
#include "ui/internal.h"
#include "xalloc.h"

/* WORD with %v (the view's name), %n (the count) and %% replaced; *USED
 * set when a placeholder was there. */
static char *expand_word(const char *word, const char *view, const char *count, bool *used)
{
	struct strbuf sb;
	strbuf_init(&sb);
	for (const char *p = word; *p; p++) {
		if (p[0] == '%' && (p[1] == 'v' || p[1] == 'n' || p[1] == '%')) {
			if (p[1] == '%') {
				strbuf_putc(&sb, '%');
			} else {
				strbuf_puts(&sb, p[1] == 'v' ? view : count);
				*used = true;
			}
			p++;
		} else {
			strbuf_putc(&sb, *p);
		}
	}
	return strbuf_detach(&sb);
}

/* The argv of the notify-command for VIEW with COUNT new items: its words
 * (quoted as in the config file) expanded, VIEW and COUNT added as the
 * last two words when no word has a placeholder.  NULL when the setting
 * has no words or cannot be split (*ERROR then says why). */
static char **notify_argv(const char *template, const char *view, int64_t count, char **error)
{
	char **words = NULL;
	int n = config_split_line(template, &words, error);
	if (n <= 0) {
		if (n == 0) {
			config_words_free(words, n);
			*error = xasprintf(_("the notify-command setting '%s' names no program"), template);
		}
		return NULL;
	}
	char number[32];
	snprintf(number, sizeof number, "%lld", (long long)count);
	char **argv = xcalloc((size_t)n + 3, sizeof *argv);
	bool used = false;
	for (int i = 0; i < n; i++)
		argv[i] = expand_word(words[i], view, number, &used);
	if (!used) {
		argv[n] = xstrdup(view);
		argv[n + 1] = xstrdup(number);
	}
	config_words_free(words, n);
	return argv;
}

static void argv_free(char **argv)
{
	for (size_t i = 0; argv && argv[i]; i++)
		free(argv[i]);
	free(argv);
}

static const char *program_name(const char *program)
{
	const char *slash = strrchr(program, '/');
	return slash ? slash + 1 : program;
}

/* Start the command for VIEW and hand it over to be reaped. */
static void run_command(struct ui *ui, const char *template, const char *view, int64_t count)
{
	char *error = NULL;
	char **argv = notify_argv(template, view, count, &error);
	if (!argv) {
		ui_error(ui, "%s", error);
		free(error);
		return;
	}
	pid_t pid;
	if (process_start(argv, PROCESS_DETACHED, -1, &pid, &error) != 0) {
		ui_error(ui, _("notify-command for view %s: %s"), view, error);
		free(error);
	} else {
		char *note = xasprintf(_("notify-command for view %s"), view);
		process_adopt(pid, program_name(argv[0]), note, true);
		free(note);
	}
	argv_free(argv);
}

void ui_notify_start(struct ui *ui)
{
	ui->notify_after_id = 0;
	if (!ui->store)
		return;     /* no cache yet: everything the first refresh brings is new */
	char *error = NULL;
	if (store_max_item_id(ui->store, &ui->notify_after_id, &error) != 0)
		ui_store_failed(ui, error);
}

void ui_notify_new_items(struct ui *ui)
{
	if (!ui->store)
		return;
	bool any_view = false;
	for (size_t i = 0; i < ui->config.view_count; i++)
		any_view = any_view || ui->config.views[i].notify;
	int64_t after = ui->notify_after_id;
	char *error = NULL;
	/* The mark moves first: a view that fails to count is not counted
	 * again, with everything since, at the next refresh. */
	if (store_max_item_id(ui->store, &ui->notify_after_id, &error) != 0) {
		ui_store_failed(ui, error);
		return;
	}
	if (!any_view || ui->notify_after_id <= after)
		return;
	const char *command = option_string(OPTION_NOTIFY_COMMAND);
	bool rang = false;
	for (size_t i = 0; i < ui->config.view_count; i++) {
		const struct config_view *view = &ui->config.views[i];
		if (!view->notify)
			continue;
		struct query query;
		if (query_parse(view->query, &query, &error) != 0) {
			ui_error(ui, "%s", error);
			free(error);
			error = NULL;
			continue;
		}
		struct item_filter filter;
		item_filter_init(&filter);
		filter.terms = query.terms;
		filter.term_count = query.count;
		filter.hot_days = ui->list.filter.hot_days;
		filter.after_id = after;
		int64_t count = 0;
		int rc = store_count_items(ui->store, &filter, &count, &error);
		query_clear(&query);
		if (rc != 0) {
			ui_store_failed(ui, error);
			error = NULL;
			continue;
		}
		if (count == 0)
			continue;
		if (option_bool(OPTION_NOTIFY_BELL) && !rang) {
			beep();     /* once, however many views */
			rang = true;
		}
		if (command && *command)
			run_command(ui, command, view->name, count);
	}
}
