/* Why each block became an item or not (`radar parse --explain`): notes
 * collected while the passes run, then one line per item and per skipped
 * block in document order. */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest/internal.h"
#include "i18n.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

struct explain_note {
	int line;
	size_t order;           /* notes of one line keep their order */
	char *text;
};

struct explain {
	struct explain_note *notes;
	size_t count, capacity;
};

void explain_skip(struct engine *e, int line, const char *reason, const char *what)
{
	if (!e->explain)
		return;
	struct explain *x = e->explain;
	x->notes = xgrow(x->notes, &x->capacity, x->count + 1, sizeof *x->notes);
	char *clean = clean_copy(what ? what : "");
	cut_text(clean, 60);
	/* TRANSLATORS: why a block of a digest is not an item: "not an item: REASON: TEXT" */
	x->notes[x->count].text = xasprintf(_("not an item: %s: %s"), _(reason), clean);
	free(clean);
	x->notes[x->count].line = line;
	x->notes[x->count].order = x->count;
	x->count++;
}

static void add_note(struct explain *x, int line, char *text)
{
	x->notes = xgrow(x->notes, &x->capacity, x->count + 1, sizeof *x->notes);
	x->notes[x->count].line = line;
	x->notes[x->count].order = x->count;
	x->notes[x->count].text = text;
	x->count++;
}

void explain_merged(struct engine *e, int line, int into_line, const char *key)
{
	if (!e->explain)
		return;
	add_note(e->explain, line, xasprintf(_("merged into the item of line %d: the same key %s"),
	                                    into_line + e->line_base, key));
}

static int compare_notes(const void *a, const void *b)
{
	const struct explain_note *na = a, *nb = b;
	if (na->line != nb->line)
		return na->line < nb->line ? -1 : 1;
	return na->order < nb->order ? -1 : na->order > nb->order;
}

void explain_begin(struct engine *e)
{
	e->explain = xcalloc(1, sizeof *e->explain);
}

char *explain_finish(struct engine *e)
{
	struct explain *x = e->explain;
	if (!x)
		return NULL;
	for (size_t i = 0; i < e->item_count; i++) {
		const struct item_builder *b = &e->items[i];
		const char *url = b->url_from ? _(b->url_from) : _("no link: a note");
		char *text = xasprintf(_("item %zu (%s): \"%s\"; title from %s; %s; key %s%s"), i + 1,
		                       _(b->rule ? b->rule : N_("item")), b->item.title,
		                       _(b->title_from ? b->title_from : N_("its text")), url, b->item.key,
		                       b->shared_url ? _(" (its URL is shared by other items)") : "");
		add_note(x, (int)b->position, text);
	}
	size_t self_count;
	const struct self_note *self = self_site_notes(&self_count);
	for (size_t i = 0; i < self_count; i++) {
		bool item = false;
		for (size_t j = 0; j < e->item_count && !item; j++)
			item = (int)e->items[j].position == self[i].line;
		for (size_t j = 0; j < x->count && !item; j++)
			item = x->notes[j].line == self[i].line;
		if (!item)
			explain_skip(e, self[i].line, N_("a link back to the digest's own site"), self[i].text);
	}
	if (x->count)
		qsort(x->notes, x->count, sizeof *x->notes, compare_notes);
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; i < x->count; i++) {
		/* Notes quote titles, keys and the text itself, and go to a
		 * terminal: cleaned here, once, whatever they quote. */
		char *clean = text_clean(x->notes[i].text, strlen(x->notes[i].text));
		strbuf_printf(&sb, "%d: %s\n", x->notes[i].line + e->line_base, clean);
		free(clean);
		free(x->notes[i].text);
	}
	free(x->notes);
	free(x);
	e->explain = NULL;
	return strbuf_detach(&sb);
}
