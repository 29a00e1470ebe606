/* Messages (the bottom line) and the status line above it. */
#include <config.h>

#include <curses.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "strbuf.h"
#include "text.h"
#include "ui/draw.h"
#include "ui/internal.h"
#include "xalloc.h"

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
	if (error && !ui->quiet_log) {
		free(ui->last_error);
		ui->last_error = xstrdup(ui->message);
		ui_log_error(ui, ui->message);
	}
}

void ui_message(struct ui *ui, const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	set_message(ui, false, format, ap);
	va_end(ap);
}

void ui_error(struct ui *ui, const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	set_message(ui, true, format, ap);
	va_end(ap);
}


void ui_store_failed(struct ui *ui, char *error)
{
	ui_error(ui, "%s", error ? error : _("cannot read the cache"));
	free(error);
	/* Damage found (or a mark not saved) after start-up is as much a
	 * failure as damage found at start: the exit status says so. */
	ui->store_failed = true;
}

void ui_draw_status(struct ui *ui, const struct layout *l)
{
	struct strbuf left;
	strbuf_init(&left);
	/* The views q goes back through, the last two by name: "All > #agents > papers". */
	strbuf_putc(&left, ' ');
	if (ui->view_depth > 2)
		strbuf_puts(&left, "\u22ef > ");
	for (size_t i = ui->view_depth > 2 ? ui->view_depth - 2 : 0; i < ui->view_depth; i++)
		strbuf_printf(&left, "%s > ", ui->view_stack[i].label);
	strbuf_puts(&left, ui->view_label ? ui->view_label : "");
	if (ui->list.filter.search && !strstr(ui->view_label ? ui->view_label : "", ui->list.filter.search))
		strbuf_printf(&left, " /%s", ui->list.filter.search);
	if (ui->list.total > 0)
		strbuf_printf(&left, "  %lld/%lld%s", (long long)ui->list.cursor + 1, (long long)ui->list.total,
		              ui->list.total_known ? "" : "+");     /* still being counted */
	else
		strbuf_printf(&left, "  0/0");
	strbuf_printf(&left, "  [%s]", sort_label(ui->list.filter.sort));
	if (ui->article_open && l->article && ui->article.item_id >= 0 && !ui->wide) {
		int total = (int)ui->article.out.lines.count;
		int shown = ui->article.scroll + ui->article.height;
		strbuf_printf(&left, "  %d%%", total > 0 ? (shown >= total ? 100 : shown * 100 / total) : 100);
	}
	ui_refresh_status(ui, &left);
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
	strbuf_clear(&left);

	if (ui->prompt.active) {
		prompt_draw(&ui->prompt, LINES - 1, 0, COLS);
		return;
	}
	ui_draw_text(LINES - 1, 0, COLS, ui->message ? ui->message : "",
	             ui->message && ui->message_is_error ? ui_area_attr(AREA_STATUS_ERROR)
	                                                 : ui_area_attr(AREA_DEFAULT));
}
