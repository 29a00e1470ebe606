/* The :messages page and the log behind it: every problem found in the
 * config, in full, then the errors this session showed on the message
 * line (which cuts a long one to the screen's width). */
#include <config.h>

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "ui/internal.h"
#include "xalloc.h"

/* The oldest errors go first when the log is full. */
#define ERROR_LOG_MAX 200

void ui_log_error(struct ui *ui, const char *clean)
{
	if (ui->error_log_count == ERROR_LOG_MAX) {
		free(ui->error_log[0]);
		memmove(ui->error_log, ui->error_log + 1, (ERROR_LOG_MAX - 1) * sizeof *ui->error_log);
		ui->error_log_count--;
	}
	if (!ui->error_log)
		ui->error_log = xcalloc(ERROR_LOG_MAX, sizeof *ui->error_log);
	ui->error_log[ui->error_log_count++] = xstrdup(clean);
}

/* TEXT wrapped to WIDTH columns, each line indented by two spaces. */
static void add_wrapped(struct ui *ui, const char *text, int width)
{
	char *clean = text_clean(text, strlen(text));
	struct text_lines lines;
	text_lines_init(&lines);
	text_wrap(clean, width > 12 ? width - 2 : 10, 0, &lines);
	for (size_t i = 0; i < lines.count; i++) {
		char *line = text_line_string(&lines.lines[i]);
		text_view_add(&ui->messages, xasprintf("  %s", line));
		free(line);
	}
	text_lines_clear(&lines);
	free(clean);
}

static void load_messages(struct ui *ui, int width)
{
	text_view_clear(&ui->messages);
	ui->messages_width = width;
	size_t problems = ui->config_loaded ? ui->config.error_count : 0;
	if (problems > 0) {
		text_view_add(&ui->messages,
		              xasprintf(ngettext("%zu problem in the config:", "%zu problems in the config:",
		                                 problems), problems));
		for (size_t i = 0; i < problems; i++)
			add_wrapped(ui, ui->config.errors[i], width);
	}
	if (ui->error_log_count > 0) {
		if (problems > 0)
			text_view_add(&ui->messages, xstrdup(""));
		text_view_add(&ui->messages, xstrdup(_("Errors shown since radar started, oldest first:")));
		for (size_t i = 0; i < ui->error_log_count; i++)
			add_wrapped(ui, ui->error_log[i], width);
	}
	if (ui->messages.count == 0)
		text_view_add(&ui->messages, xstrdup(_("No problems in the config and no errors so far.")));
}

void ui_open_messages(struct ui *ui)
{
	load_messages(ui, COLS);
	ui->messages_view = true;
	ui->messages.scroll = 0;
}

void ui_draw_messages(struct ui *ui, int height)
{
	if (ui->messages_width != COLS) {
		int scroll = ui->messages.scroll;
		load_messages(ui, COLS);
		ui->messages.scroll = scroll;
	}
	text_view_draw(&ui->messages, _("Messages (q to close)"), height);
}

void ui_close_messages(struct ui *ui)
{
	ui->messages_view = false;
	text_view_clear(&ui->messages);
}

void ui_free_messages(struct ui *ui)
{
	ui_close_messages(ui);
	for (size_t i = 0; i < ui->error_log_count; i++)
		free(ui->error_log[i]);
	free(ui->error_log);
	ui->error_log = NULL;
	ui->error_log_count = 0;
}
