/* The `:` command line (parsed through UI_COMMANDS, Tab completing), `/`
 * search within the view and :search over everything. */
#include <config.h>

#include <curses.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export.h"
#include "i18n.h"
#include "query.h"
#include "strbuf.h"
#include "suggest.h"
#include "text.h"
#include "ui/commands.h"
#include "ui/internal.h"
#include "xalloc.h"

void ui_run_search(struct ui *ui, const char *text, bool within)
{
	struct query query;
	char *error = NULL;
	if (query_parse(text, &query, &error) != 0) {
		ui_error(ui, "%s", error);
		free(error);
		return;
	}
	if (query.count == 0) {
		/* Nothing to look for: / leaves the search, :search shows all. */
		if (within && ui->view_query && ui->view_within)
			ui_pop_view(ui);
		else if (!within) {
			struct item_filter all;
			item_filter_init(&all);
			all.sort = ui->list.filter.sort;
			ui_apply_filter(ui, &all, _("All"));
		}
		query_clear(&query);
		return;
	}
	/* Within: the view's own filter AND the query; a search view is
	 * refined from the view it was made in, which the stack holds. */
	struct item_filter base;
	item_filter_init(&base);
	if (within && !ui->view_query)
		base = ui->list.filter;
	else if (within && ui->view_within && ui->view_depth > 0)
		base = ui->view_stack[ui->view_depth - 1].filter;
	struct item_filter filter;
	item_filter_copy(&filter, &base);
	filter.sort = ui->list.filter.sort;
	item_filter_add_terms(&filter, query.terms, query.count);
	query_clear(&query);
	char *label = within && (base.term_count || base.kind >= 0 || base.tag || base.source
	                         || base.search || base.since || base.unread_only || base.starred_only)
	              ? xasprintf("/%s", text) : xasprintf(_("search: %s"), text);
	ui_apply_search(ui, &filter, label, text, within && strncmp(label, "/", 1) == 0);
	item_filter_clear(&filter);
	free(label);
	free(ui->last_search);
	ui->last_search = xstrdup(text);
	if (ui->list.total == 0) {
		ui_message(ui, _("No match for %s"), text);
	} else if (ui->list.total_known) {
		ui_message(ui, ngettext("%lld match", "%lld matches", (unsigned long)ui->list.total),
		        (long long)ui->list.total);
	} else {
		/* The whole count comes from a thread (ui/loop.c), which says it. */
		ui_message(ui, _("At least %lld matches; counting the rest"), (long long)ui->list.total);
		ui->announce_count = true;
		ui->announce_generation = ui->list.generation;
	}
}

static void open_view(struct ui *ui, enum tag_entry_type type, int kind, const char *name)
{
	struct tag_entry entry = { .type = type, .kind = kind, .name = (char *)name };
	ui_apply_tag_entry(ui, &entry);
}

/* ---------------------------------------------------------------- handlers */

/* :tag NAME for a tag no item has: say so, with the nearest tag, and stay
 * in the view (an empty "#NAME 0/0" said nothing). */
static void no_such_tag(struct ui *ui, const char *tag)
{
	struct suggestion near;
	suggestion_init(&near, tag);
	enum { PAGE = 500 };
	for (int64_t offset = 0;; offset += PAGE) {
		struct tag_row *rows = NULL;
		size_t count = 0;
		char *error = NULL;
		if (store_list_tags(ui->store, offset, PAGE, &rows, &count, &error) != 0) {
			ui_store_failed(ui, error);
			suggestion_clear(&near);
			return;
		}
		for (size_t i = 0; i < count; i++)
			suggestion_offer(&near, rows[i].tag);
		tag_rows_free(rows, count);
		if (count < PAGE)
			break;
	}
	if (near.best)
		ui_error(ui, _("no tag '%s' (did you mean '%s'?)"), tag, near.best);
	else
		ui_error(ui, _("no tag '%s' (t shows the tags)"), tag);
	suggestion_clear(&near);
}

static void command_tag(struct ui *ui, const char *name, const char *argument)
{
	if (!*argument) {
		ui_error(ui, _(":%s needs a name"), name);
		return;
	}
	struct item_filter filter;
	item_filter_init(&filter);
	filter.tag = argument;
	int64_t count = 0;
	char *error = NULL;
	if (ui->store && store_count_items(ui->store, &filter, &count, &error) != 0) {
		ui_store_failed(ui, error);
		return;
	}
	if (ui->store && count == 0)
		no_such_tag(ui, argument);
	else
		open_view(ui, TAG_ENTRY_TAG, -1, argument);
}

static void command_source(struct ui *ui, const char *name, const char *argument)
{
	if (!*argument)
		ui_error(ui, _(":%s needs a name"), name);
	else
		open_view(ui, TAG_ENTRY_SOURCE, -1, argument);
}

static void command_kind(struct ui *ui, const char *name, const char *argument)
{
	(void)name;
	int kind = kind_from_name(argument);
	if (kind < 0)
		ui_error(ui, _("unknown kind '%s' (paper, project, tweet, ...)"), argument);
	else
		open_view(ui, TAG_ENTRY_KIND, kind, _(kind_plural((enum item_kind)kind)));
}

/* :view NAME: a saved view of the config, as the tag pane opens it. */
static void command_view(struct ui *ui, const char *name, const char *argument)
{
	const struct config_view *views = ui->config.views;
	size_t count = ui->config.view_count;
	if (!*argument) {
		struct strbuf names;
		strbuf_init(&names);
		for (size_t i = 0; i < count; i++)
			strbuf_printf(&names, "%s%s", i ? ", " : "", views[i].name);
		if (count)
			ui_error(ui, _(":%s needs a name (%s)"), name, names.data);
		else
			ui_error(ui, _("no saved views: add 'view NAME QUERY' lines to the config"));
		strbuf_clear(&names);
		return;
	}
	for (size_t i = 0; i < count; i++) {
		if (strcmp(views[i].name, argument) != 0)
			continue;
		struct query query;
		char *error = NULL;
		if (query_parse(views[i].query, &query, &error) != 0) {
			ui_error(ui, "%s", error);
			free(error);
			return;
		}
		struct item_filter filter;
		item_filter_init(&filter);
		filter.sort = ui->list.filter.sort;
		filter.terms = query.terms;
		filter.term_count = query.count;
		ui_apply_filter(ui, &filter, views[i].name);
		query_clear(&query);
		return;
	}
	struct suggestion near;
	suggestion_init(&near, argument);
	for (size_t i = 0; i < count; i++)
		suggestion_offer(&near, views[i].name);
	if (near.best)
		ui_error(ui, _("no view '%s' (did you mean '%s'?)"), argument, near.best);
	else
		ui_error(ui, _("no view '%s' (views are 'view NAME QUERY' lines in the config)"), argument);
	suggestion_clear(&near);
}

static void command_sort(struct ui *ui, const char *name, const char *argument)
{
	(void)name;
	ui_sort_command(ui, argument);
}

static void command_boilerplate(struct ui *ui, const char *name, const char *argument)
{
	(void)name, (void)argument;
	ui_toggle_boilerplate(ui);
}

static void command_search(struct ui *ui, const char *name, const char *argument)
{
	(void)name;
	ui_run_search(ui, argument, false);
}

static void command_all(struct ui *ui, const char *name, const char *argument)
{
	(void)name, (void)argument;
	open_view(ui, TAG_ENTRY_ALL, -1, _("All"));
}

static void command_unread(struct ui *ui, const char *name, const char *argument)
{
	(void)name, (void)argument;
	open_view(ui, TAG_ENTRY_UNREAD, -1, _("Unread"));
}

static void command_starred(struct ui *ui, const char *name, const char *argument)
{
	(void)name, (void)argument;
	open_view(ui, TAG_ENTRY_STARRED, -1, _("Starred"));
}

static void command_today(struct ui *ui, const char *name, const char *argument)
{
	(void)name, (void)argument;
	open_view(ui, TAG_ENTRY_TODAY, -1, _("Today"));
}

static void command_new(struct ui *ui, const char *name, const char *argument)
{
	(void)name, (void)argument;
	open_view(ui, TAG_ENTRY_NEW, -1, _("New"));
}

static void command_hot(struct ui *ui, const char *name, const char *argument)
{
	(void)name, (void)argument;
	open_view(ui, TAG_ENTRY_HOT, -1, _("Hot"));
}

static void command_refresh(struct ui *ui, const char *name, const char *argument)
{
	(void)name, (void)argument;
	ui_start_refresh(ui, true);
}

static void command_sources(struct ui *ui, const char *name, const char *argument)
{
	(void)name, (void)argument;
	ui_open_sources(ui);
}

static void command_messages(struct ui *ui, const char *name, const char *argument)
{
	(void)name, (void)argument;
	ui_open_messages(ui);
}

/* :export FORMAT FILE: the visual selection when there is one (typing
 * the : line keeps it), else the current view, as `radar export` writes
 * it. */
static void command_export_view(struct ui *ui, const char *name, const char *argument)
{
	size_t len = strcspn(argument, " ");
	char *format_name = xstrndup(argument, len);
	const char *file = argument + len;
	while (*file == ' ')
		file++;
	int format = export_format_from_name(format_name);
	if (format < 0 || !*file) {
		ui_error(ui, _(":%s needs a format (markdown, bibtex, json, csv) and a file"), name);
		free(format_name);
		return;     /* the selection stays, for the command typed again */
	}
	free(format_name);
	struct item_row *rows = NULL;
	size_t selected = 0;
	bool selection = ui->list.selecting && ui->store;
	if (selection && ui_bulk_targets(ui, 0, &rows, &selected) != 0)
		return;
	const char *home = getenv("HOME");
	char *path = file[0] == '~' && file[1] == '/' && home ? xasprintf("%s%s", home, file + 1)
	                                                      : xstrdup(file);
	FILE *out = ui->store ? fopen(path, "w") : NULL;
	if (!out) {
		ui_error(ui, "%s: %s", path, ui->store ? strerror(errno) : _("cannot read the cache"));
		item_rows_free(rows, selected);
		free(path);
		return;
	}
	long count = 0;
	char *error = NULL;
	int rc = selection
	         ? export_rows(ui->store, rows, selected, (enum export_format)format, out, &count, &error)
	         : export_items(ui->store, &ui->list.filter, (enum export_format)format, out, &count,
	                        &error);
	item_rows_free(rows, selected);
	if (fclose(out) != 0 && rc == 0) {
		error = xstrdup(strerror(errno));
		rc = -1;
	}
	if (rc != 0)
		ui_error(ui, "%s: %s", path, error ? error : "?");
	else if (selection)
		ui_message(ui, ngettext("exported the %ld selected item to %s",
		                        "exported the %ld selected items to %s", (unsigned long)count),
		           count, path);
	else
		ui_message(ui, ngettext("exported %ld item to %s", "exported %ld items to %s",
		                        (unsigned long)count), count, path);
	free(error);
	free(path);
}

static void command_help(struct ui *ui, const char *name, const char *argument)
{
	(void)name, (void)argument;
	ui_open_help(ui);
}

static void command_quit(struct ui *ui, const char *name, const char *argument)
{
	(void)name, (void)argument;
	ui->quit = true;
}

static const struct {
	const char *name;
	void (*handler)(struct ui *ui, const char *name, const char *argument);
} commands[] = {
#define COMMAND_ENTRY(name, argument, help, handler) { name, handler },
	UI_COMMANDS(COMMAND_ENTRY)
#undef COMMAND_ENTRY
};

/* ---------------------------------------------------------------- the line */

void ui_run_command(struct ui *ui, const char *line)
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
		ui_close_sources(ui);
	}
	if (strcmp(name, "messages") != 0 && *name)
		ui_close_messages(ui);
	if (*name) {
		size_t i = 0;
		while (i < sizeof commands / sizeof commands[0] && strcmp(commands[i].name, name) != 0)
			i++;
		if (i < sizeof commands / sizeof commands[0])
			commands[i].handler(ui, name, argument);
		else
			ui_error(ui, _("unknown command ':%s' (see ?)"), name);
	}
	free(name);
	free(argument);
}

/* ---------------------------------------------------------------- completion */

/* The longest common start of the names NAME_AT(i) (COUNT of them) that
 * begin with PREFIX; *MATCHES how many do, *ALL them comma-separated. */
static char *complete_among(const char *prefix, const char *(*name_at)(const struct ui *, size_t),
                            const struct ui *ui, size_t count, size_t *matches, struct strbuf *all)
{
	char *common = NULL;
	size_t plen = strlen(prefix);
	*matches = 0;
	for (size_t i = 0; i < count; i++) {
		const char *name = name_at(ui, i);
		if (!name || strncmp(name, prefix, plen) != 0)
			continue;
		strbuf_printf(all, "%s%s", (*matches)++ ? ", " : "", name);
		if (!common) {
			common = xstrdup(name);
			continue;
		}
		size_t n = 0;
		while (common[n] && common[n] == name[n])
			n++;
		while (n > 0 && ((unsigned char)common[n] & 0xC0) == 0x80)
			n--;    /* not inside a UTF-8 character */
		common[n] = '\0';
	}
	return common;
}

static const char *command_name_at(const struct ui *ui, size_t i)
{
	(void)ui;
	return commands[i].name;
}

static const char *view_name_at(const struct ui *ui, size_t i)
{
	return ui->config.views[i].name;
}

void ui_complete_command(struct ui *ui)
{
	char *line = prompt_text(&ui->prompt);
	const char *space = strchr(line, ' ');
	bool view = space && strncmp(line, "view ", 5) == 0;
	if (space && !view) {
		free(line);
		return;
	}
	const char *prefix = view ? line + 5 : line;
	while (*prefix == ' ')
		prefix++;
	size_t matches;
	struct strbuf all;
	strbuf_init(&all);
	char *common = view ? complete_among(prefix, view_name_at, ui, ui->config.view_count, &matches, &all)
	                    : complete_among(prefix, command_name_at, ui, sizeof commands / sizeof commands[0],
	                                     &matches, &all);
	if (common) {
		char *completed = xasprintf("%s%s%s", view ? "view " : "", common, matches == 1 ? " " : "");
		if (matches == 1 && view)
			completed[strlen(completed) - 1] = '\0';
		prompt_start(&ui->prompt, ':', completed);
		free(completed);
		if (matches > 1)
			ui_message(ui, "%s", all.data);
	}
	free(common);
	strbuf_clear(&all);
	free(line);
}
