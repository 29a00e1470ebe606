/* Each URL classified once per parse.  The shapes look at a block's links
 * several times (is it a link bullet, a heading with its own link, an
 * item's fields, its links), each through collect_links; a bullet of
 * 40,000 links was classified four times over, a third of a parse's time.
 * The memo remembers, for the parse running on this thread, what each URL
 * classified as.  Outside a parse there is no memo and every call
 * classifies. */
#include <config.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "digest/internal.h"
#include "hashset.h"
#include "links.h"
#include "xalloc.h"

struct memo_entry {
	bool content;
	struct link_identity id;
	char url[];
};

/* Entries are allocated one by one, so the identities handed out stay
 * where they are when the table grows. */
struct link_memo {
	struct memo_entry **slots;
	size_t capacity;    /* a power of two */
	size_t count;
};

static _Thread_local struct link_memo *current;

void link_memo_begin(void)
{
	link_memo_end();
	current = xcalloc(1, sizeof *current);
}

void link_memo_end(void)
{
	if (!current)
		return;
	for (size_t i = 0; i < current->capacity; i++) {
		struct memo_entry *e = current->slots[i];
		if (!e)
			continue;
		if (e->content)
			link_identity_clear(&e->id);
		free(e);
	}
	free(current->slots);
	free(current);
	current = NULL;
}

static struct memo_entry **memo_slot(struct memo_entry **slots, size_t capacity, const char *url)
{
	size_t mask = capacity - 1;
	size_t i = (size_t)hashset_hash(url) & mask;
	while (slots[i] && strcmp(slots[i]->url, url) != 0)
		i = (i + 1) & mask;
	return &slots[i];
}

static void memo_grow(struct link_memo *m)
{
	size_t capacity = m->capacity ? m->capacity * 2 : 64;
	struct memo_entry **slots = xcalloc(capacity, sizeof *slots);
	for (size_t i = 0; i < m->capacity; i++)
		if (m->slots[i])
			*memo_slot(slots, capacity, m->slots[i]->url) = m->slots[i];
	free(m->slots);
	m->slots = slots;
	m->capacity = capacity;
}

static const struct memo_entry *memo_lookup(const char *url)
{
	if ((current->count + 1) * 2 > current->capacity)
		memo_grow(current);
	struct memo_entry **slot = memo_slot(current->slots, current->capacity, url);
	if (!*slot) {
		size_t len = strlen(url);
		struct memo_entry *e = xmalloc(sizeof *e + len + 1);
		memcpy(e->url, url, len + 1);
		e->content = link_classify_target(url, &e->id);
		*slot = e;
		current->count++;
	}
	return *slot;
}

const struct link_identity *link_identify(const char *url, struct link_identity *own, bool *owned)
{
	*owned = false;
	if (!current) {
		if (!link_classify_target(url, own))
			return NULL;
		*owned = true;
		return own;
	}
	const struct memo_entry *e = memo_lookup(url);
	return e->content ? &e->id : NULL;
}

bool link_classify_memo(const char *url, struct link_identity *out)
{
	if (!current)
		return link_classify_target(url, out);
	const struct memo_entry *e = memo_lookup(url);
	if (e->content) {
		out->kind = e->id.kind;
		out->key = xstrdup(e->id.key);
		out->canonical_url = xstrdup(e->id.canonical_url);
	}
	return e->content;
}
