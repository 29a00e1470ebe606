/* The tag pane. */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "configfile.h"
#include "i18n.h"
#include "options.h"
#include "query.h"
#include "text.h"
#include "ui/tags.h"
#include "ui/draw.h"
#include "xalloc.h"

/* The tag pane lists the most used tags; the rest are reachable by :tag. */
#define TAGS_SHOWN 200

void tags_init(struct tags_pane *tags)
{
	memset(tags, 0, sizeof *tags);
	tags->height = 1;
}

static void clear_entries(struct tags_pane *tags)
{
	for (size_t i = 0; i < tags->count; i++) {
		free(tags->entries[i].name);
		if (tags->entries[i].view) {
			item_filter_clear(tags->entries[i].view);
			free(tags->entries[i].view);
		}
	}
	free(tags->entries);
	tags->entries = NULL;
	tags->count = 0;
}

void tags_clear(struct tags_pane *tags)
{
	clear_entries(tags);
	memset(tags, 0, sizeof *tags);
}

static void add(struct tags_pane *tags, size_t *capacity, enum tag_entry_type type, int kind,
                const char *raw_name, int64_t unread)
{
	tags->entries = xgrow(tags->entries, capacity, tags->count + 1, sizeof *tags->entries);
	struct tag_entry *e = &tags->entries[tags->count++];
	e->type = type;
	e->kind = kind;
	e->name = text_clean(raw_name, strlen(raw_name));
	e->unread = unread;
	e->unread_at_least = false;
	e->view = NULL;
	e->user = false;
}

static char *session_previous, *session_start;

void tags_set_session(const char *previous_open, const char *this_open)
{
	free(session_previous);
	free(session_start);
	/* Never opened before: everything is new. */
	session_previous = xstrdup(previous_open ? previous_open : "");
	session_start = this_open ? xstrdup(this_open) : NULL;
}

const char *tags_session_start(void)
{
	return session_start;
}

void tags_today(char buf[11])
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(buf, 11, "%Y-%m-%d", &tm);
}

static bool same_entry(const struct tag_entry *a, const struct tag_entry *b)
{
	return a->type == b->type && a->kind == b->kind
	       && (a->type != TAG_ENTRY_TAG && a->type != TAG_ENTRY_SOURCE
	           && a->type != TAG_ENTRY_VIEW ? true
	                                                                    : strcmp(a->name, b->name) == 0);
}

/* What the pane shows now for the entry like WANT (its type; a view's
 * name), into WANT's unread and unread_at_least; untouched if none. */
static void previous_count(const struct tags_pane *tags, struct tag_entry *want)
{
	for (size_t i = 0; i < tags->count; i++) {
		const struct tag_entry *e = &tags->entries[i];
		if (e->type == want->type &&
		    (want->type != TAG_ENTRY_VIEW || strcmp(e->name, want->name) == 0)) {
			want->unread = e->unread;
			want->unread_at_least = e->unread_at_least;
			return;
		}
	}
}

/* A saved view's filter (owned: item_filter_clear), false when its query
 * no longer parses. */
static bool view_filter(const char *text, struct item_filter *out)
{
	struct query query;
	char *error = NULL;
	item_filter_init(out);
	if (query_parse(text, &query, &error) != 0) {
		free(error);
		return false;
	}
	struct item_filter borrowed;
	item_filter_init(&borrowed);
	borrowed.terms = query.terms;
	borrowed.term_count = query.count;
	item_filter_copy(out, &borrowed);
	query_clear(&query);
	return true;
}

/* The saved views as the pane lists them, their counts still to come. */
static void list_views(const struct config_view *views, size_t count, struct tags_counts *out)
{
	out->views = count ? xcalloc(count, sizeof *out->views) : NULL;
	out->view_count = count;
	for (size_t i = 0; i < count; i++) {
		out->views[i].name = xstrdup(views[i].name);
		out->views[i].query = xstrdup(views[i].query);
		out->views[i].unread = TAGS_COUNT_PENDING;
	}
}

int tags_count_quick(struct store *store, const struct config_view *views, size_t view_count,
                     bool with_boilerplate, struct tags_counts *out, char **error)
{
	memset(out, 0, sizeof *out);
	out->new_unread = TAGS_COUNT_PENDING;
	list_views(views, view_count, out);
	struct item_filter filter;
	char today[11];
	tags_today(today);
	item_filter_init(&filter);
	filter.with_boilerplate = with_boilerplate;
	filter.unread_only = true;
	int rc = store_count_items(store, &filter, &out->unread, error);
	if (rc == 0) {
		item_filter_init(&filter);
		filter.with_boilerplate = with_boilerplate;
		filter.starred_only = true;
		rc = store_count_items(store, &filter, &out->starred, error);
	}
	if (rc == 0) {
		item_filter_init(&filter);
		filter.with_boilerplate = with_boilerplate;
		filter.unread_only = true;
		filter.since = today;
		rc = store_count_items(store, &filter, &out->today_unread, error);
	}
	if (rc == 0) {
		item_filter_init(&filter);
		filter.with_boilerplate = with_boilerplate;
		filter.unread_only = true;
		filter.hot_only = true;
		filter.hot_days = (int)option_int(OPTION_HOT_DAYS);
		rc = store_count_items(store, &filter, &out->hot_unread, error);
	}
	if (rc == 0)
		rc = store_count_kinds(store, with_boilerplate, out->kind_items, out->kind_unread, error);
	if (rc == 0)
		rc = store_list_tags(store, 0, TAGS_SHOWN, &out->tags, &out->tag_count, error);
	if (rc == 0)
		rc = store_list_sources(store, with_boilerplate, &out->sources, &out->source_count, error);
	if (rc != 0) {
		tags_counts_clear(out);
		return -1;
	}
	return 0;
}

int tags_count_rest(struct store *store, const struct config_view *views, size_t view_count,
                    bool with_boilerplate, struct tags_rest *out, char **error)
{
	memset(out, 0, sizeof *out);
	out->views = view_count ? xcalloc(view_count, sizeof *out->views) : NULL;
	out->view_count = view_count;
	struct item_filter filter;
	int rc = 0;
	if (session_previous) {
		item_filter_init(&filter);
		filter.with_boilerplate = with_boilerplate;
		filter.unread_only = true;
		filter.new_since = session_previous;
		rc = store_count_items(store, &filter, &out->new_unread, error);
	}
	for (size_t i = 0; i < view_count && rc == 0; i++) {
		out->views[i].unread = -1;
		if (!view_filter(views[i].query, &filter))
			continue;
		filter.unread_only = true;
		rc = store_count_items_upto(store, &filter, TAGS_VIEW_COUNT_CAP, &out->views[i].unread,
		                            error);
		out->views[i].unread_at_least = rc == 0 && out->views[i].unread >= TAGS_VIEW_COUNT_CAP;
		item_filter_clear(&filter);
	}
	if (rc != 0) {
		tags_rest_clear(out);
		return -1;
	}
	return 0;
}

void tags_rest_merge(struct tags_counts *counts, const struct tags_rest *rest)
{
	counts->new_unread = rest->new_unread;
	for (size_t i = 0; i < counts->view_count && i < rest->view_count; i++) {
		counts->views[i].unread = rest->views[i].unread;
		counts->views[i].unread_at_least = rest->views[i].unread_at_least;
	}
}

void tags_rest_clear(struct tags_rest *rest)
{
	free(rest->views);
	memset(rest, 0, sizeof *rest);
}

int tags_count(struct store *store, const struct config_view *views, size_t view_count,
               bool with_boilerplate, struct tags_counts *out, char **error)
{
	if (tags_count_quick(store, views, view_count, with_boilerplate, out, error) != 0)
		return -1;
	struct tags_rest rest;
	if (tags_count_rest(store, views, view_count, with_boilerplate, &rest, error) != 0) {
		tags_counts_clear(out);
		return -1;
	}
	tags_rest_merge(out, &rest);
	tags_rest_clear(&rest);
	return 0;
}

void tags_counts_clear(struct tags_counts *counts)
{
	tag_rows_free(counts->tags, counts->tag_count);
	source_rows_free(counts->sources, counts->source_count);
	for (size_t i = 0; i < counts->view_count; i++) {
		free(counts->views[i].name);
		free(counts->views[i].query);
	}
	free(counts->views);
	memset(counts, 0, sizeof *counts);
}

void tags_apply(struct tags_pane *tags, const struct tags_counts *c)
{
	struct tag_entry keep = { .type = TAG_ENTRY_ALL };
	const struct tag_entry *current = tags_current(tags);
	char *keep_name = NULL;
	if (current) {
		keep = *current;
		keep.name = keep_name = xstrdup(current->name);
	}
	/* A count still to come (TAGS_COUNT_PENDING) shows what the entry
	 * showed before, so a recount does not blank it meanwhile. */
	struct tag_entry new_entry = { .type = TAG_ENTRY_NEW, .unread = -1 };
	previous_count(tags, &new_entry);
	int64_t new_unread = c->new_unread == TAGS_COUNT_PENDING ? new_entry.unread : c->new_unread;
	struct tag_entry *views = c->view_count ? xcalloc(c->view_count, sizeof *views) : NULL;
	for (size_t i = 0; i < c->view_count; i++) {
		views[i] = (struct tag_entry){ .type = TAG_ENTRY_VIEW, .unread = c->views[i].unread,
		                               .unread_at_least = c->views[i].unread_at_least };
		if (c->views[i].unread == TAGS_COUNT_PENDING) {
			views[i].unread = -1;
			views[i].name = text_clean(c->views[i].name, strlen(c->views[i].name));
			previous_count(tags, &views[i]);
			free(views[i].name);
		}
	}
	clear_entries(tags);
	size_t capacity = 0;
	add(tags, &capacity, TAG_ENTRY_HEADING, -1, _("Views"), -1);
	add(tags, &capacity, TAG_ENTRY_ALL, -1, _("All"), c->unread);
	add(tags, &capacity, TAG_ENTRY_UNREAD, -1, _("Unread"), c->unread);
	/* Starred shows how many there are: unread is not what matters there. */
	add(tags, &capacity, TAG_ENTRY_STARRED, -1, _("Starred"), c->starred);
	add(tags, &capacity, TAG_ENTRY_TODAY, -1, _("Today"), c->today_unread);
	add(tags, &capacity, TAG_ENTRY_NEW, -1, _("New"), new_unread);
	add(tags, &capacity, TAG_ENTRY_HOT, -1, _("Hot"), c->hot_unread);
	/* The config's own views after the built-in ones. */
	for (size_t i = 0; i < c->view_count; i++) {
		struct item_filter filter;
		if (!view_filter(c->views[i].query, &filter))
			continue;
		add(tags, &capacity, TAG_ENTRY_VIEW, -1, c->views[i].name, views[i].unread);
		tags->entries[tags->count - 1].unread_at_least = views[i].unread_at_least;
		tags->entries[tags->count - 1].view = xmalloc(sizeof filter);
		*tags->entries[tags->count - 1].view = filter;
	}
	free(views);
	add(tags, &capacity, TAG_ENTRY_HEADING, -1, _("Kinds"), -1);
	for (int k = 0; k < KIND_COUNT; k++)
		if (c->kind_items[k] > 0)
			add(tags, &capacity, TAG_ENTRY_KIND, k, _(kind_plural((enum item_kind)k)), c->kind_unread[k]);
	if (c->tag_count > 0)
		add(tags, &capacity, TAG_ENTRY_HEADING, -1, _("Tags"), -1);
	for (size_t i = 0; i < c->tag_count; i++) {
		add(tags, &capacity, TAG_ENTRY_TAG, -1, c->tags[i].tag, c->tags[i].unread);
		tags->entries[tags->count - 1].user = c->tags[i].user;
	}
	if (c->source_count > 0)
		add(tags, &capacity, TAG_ENTRY_HEADING, -1, _("Sources"), -1);
	for (size_t i = 0; i < c->source_count; i++)
		add(tags, &capacity, TAG_ENTRY_SOURCE, -1, c->sources[i].name, c->sources[i].unread);

	tags->cursor = 1;
	for (size_t i = 0; i < tags->count; i++) {
		if (keep_name && same_entry(&tags->entries[i], &keep)) {
			tags->cursor = i;
			break;
		}
	}
	free(keep_name);
	tags->loaded = true;
	tags_layout(tags, tags->height);
}

int tags_load(struct tags_pane *tags, struct store *store, const struct config_view *views,
              size_t view_count, bool with_boilerplate, char **error)
{
	struct tags_counts counts;
	if (tags_count(store, views, view_count, with_boilerplate, &counts, error) != 0)
		return -1;
	tags_apply(tags, &counts);
	tags_counts_clear(&counts);
	return 0;
}

void tags_layout(struct tags_pane *tags, int height)
{
	tags->height = height > 0 ? height : 1;
	if (tags->cursor < tags->top)
		tags->top = tags->cursor;
	if (tags->cursor >= tags->top + (size_t)tags->height)
		tags->top = tags->cursor - (size_t)tags->height + 1;
	/* Show the heading above the first entry. */
	if (tags->top == 1)
		tags->top = 0;
}

void tags_move(struct tags_pane *tags, long delta)
{
	size_t i = tags->cursor;
	long step = delta < 0 ? -1 : 1;
	long remaining = delta < 0 ? -delta : delta;
	while (remaining > 0) {
		size_t j = i;
		do {
			if ((step < 0 && j == 0) || (step > 0 && j + 1 >= tags->count)) {
				j = i;
				remaining = 0;
				break;
			}
			j = (size_t)((long)j + step);
		} while (tags->entries[j].type == TAG_ENTRY_HEADING);
		i = j;
		if (remaining > 0)
			remaining--;
	}
	tags->cursor = i;
	tags_layout(tags, tags->height);
}

void tags_move_to(struct tags_pane *tags, size_t index)
{
	if (tags->count == 0)
		return;
	if (index >= tags->count)
		index = tags->count - 1;
	tags->cursor = index;
	if (tags->entries[index].type == TAG_ENTRY_HEADING)
		tags_move(tags, index == 0 ? 1 : -1);
	if (tags->entries[tags->cursor].type == TAG_ENTRY_HEADING)
		tags_move(tags, 1);
	tags_layout(tags, tags->height);
}

const struct tag_entry *tags_current(const struct tags_pane *tags)
{
	if (tags->cursor >= tags->count)
		return NULL;
	return &tags->entries[tags->cursor];
}

void tags_entry_filter(const struct tag_entry *entry, enum item_sort sort, struct item_filter *filter)
{
	static char today[11];
	item_filter_init(filter);
	filter->sort = sort;
	filter->hot_days = (int)option_int(OPTION_HOT_DAYS);
	switch (entry->type) {
	case TAG_ENTRY_UNREAD:
		filter->unread_only = true;
		break;
	case TAG_ENTRY_STARRED:
		filter->starred_only = true;
		break;
	case TAG_ENTRY_TODAY:
		tags_today(today);
		filter->since = today;
		break;
	case TAG_ENTRY_HOT:
		filter->hot_only = true;
		filter->sort = SORT_HOT;
		break;
	case TAG_ENTRY_NEW:
		filter->new_since = session_previous ? session_previous : "";
		break;
	case TAG_ENTRY_KIND:
		filter->kind = entry->kind;
		break;
	case TAG_ENTRY_TAG:
		filter->tag = entry->name;
		break;
	case TAG_ENTRY_SOURCE:
		filter->source = entry->name;
		break;
	case TAG_ENTRY_VIEW:
		if (entry->view) {
			*filter = *entry->view;
			filter->sort = sort;
		}
		break;
	case TAG_ENTRY_ALL:
	case TAG_ENTRY_HEADING:
		break;
	}
}

char *tags_entry_label(const struct tag_entry *entry)
{
	switch (entry->type) {
	case TAG_ENTRY_TAG:
		return xasprintf("#%s", entry->name);
	case TAG_ENTRY_SOURCE:
		return xasprintf("@%s", entry->name);
	default:
		return xstrdup(entry->name);
	}
}

void tags_draw(const struct tags_pane *tags, int y, int x, int width, bool focused)
{
	for (int i = 0; i < tags->height; i++) {
		size_t index = tags->top + (size_t)i;
		if (index >= tags->count) {
			ui_draw_text(y + i, x, width, "", ui_area_attr(AREA_DEFAULT));
			continue;
		}
		const struct tag_entry *e = &tags->entries[index];
		if (e->type == TAG_ENTRY_HEADING) {
			ui_draw_text(y + i, x, width, e->name, ui_area_attr(AREA_TAGS_HEADING));
			continue;
		}
		int attr = index == tags->cursor ? ui_area_attr(focused ? AREA_CURSOR : AREA_CURSOR_INACTIVE)
		                                 : ui_area_attr(AREA_DEFAULT);
		char count[24] = "";
		if (e->unread > 0)
			snprintf(count, sizeof count, e->unread_at_least ? "%lld+" : "%lld",
			         (long long)e->unread);
		int count_width = (int)strlen(count);
		int name_width = width - 3 - (count_width ? count_width + 1 : 0);
		/* the user's own tags are marked as theirs, as in the article */
		ui_draw_text(y + i, x, 2, e->user ? "+" : "", attr);
		if (name_width > 0)
			ui_draw_text(y + i, x + 2, name_width, e->name, attr);
		if (count_width && name_width > 0) {
			ui_draw_text(y + i, x + 2 + name_width, 1, "", attr);
			ui_draw_text(y + i, x + 3 + name_width, count_width, count,
			             index == tags->cursor ? attr : ui_area_attr(AREA_TAGS_COUNT));
		}
	}
}

/* ---------------------------------------------------------------- pane hooks */

static int tags_step(void *pane, long delta, char **error)
{
	(void)error;
	tags_move(pane, delta);
	return 0;
}

static int tags_go(void *pane, long index, char **error)
{
	(void)error;
	tags_move_to(pane, index < 0 ? (size_t)-1 : (size_t)index);
	return 0;
}

static void tags_page(const void *pane, int *half, int *full)
{
	const struct tags_pane *tags = pane;
	int page = tags->height > 1 ? tags->height : 1;
	*half = page / 2;
	*full = page;
}

const struct pane_ops tags_pane_ops = {
	.name = "tags",
	.step = tags_step,
	.scroll = tags_step,
	.go = tags_go,
	.page = tags_page,
};
