/* Closing credits: a quote after an item's text whose lines each name a
 * source, "> **Site** (https://…): what it said", belong to the item whose
 * words they repeat — a digest generated item by item often prints the
 * credits of the next story under the previous one.  This pass gives each
 * credit to the item it matches best among the CREDIT_WINDOW items either
 * side of it (words shared with the item's title and text, words rare
 * among those items counting most), or else to the item it sits under,
 * and makes the credit's link that item's main link.  It runs before the
 * shared-URL rule (merge.c), which would otherwise take a credit printed
 * under two items for a placeholder and key both by title. */
#include <config.h>

#include "digest.h"

#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>

#include "digest/internal.h"
#include "hashset.h"
#include "i18n.h"
#include "links.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

/* A credit names an item at most this many items before or after the
 * one it is printed under. */
#define CREDIT_WINDOW 8

struct credit {
	int line;
	char *url;
	char *site;
	char *said;         /* the credit's text after the colon, may be "" */
	size_t owner;       /* the item it is printed under (its rank by position) */
	size_t target;      /* the item it names (rank) */
	double score;       /* how well it matches the target */
};

struct credit_list {
	struct credit *credits;
	size_t count, capacity;
};

static const char *skip_blank(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* A URL at P ending at STOP (')' or '>'): its end, or NULL.  Balanced
 * parentheses belong to the URL, as in a Markdown link's destination: an
 * encyclopedia's "wiki/Transformer_(machine_learning)" is one URL. */
static const char *url_until(const char *p, char stop)
{
	if (strncmp(p, "https://", 8) != 0 && strncmp(p, "http://", 7) != 0)
		return NULL;
	const char *end = p;
	int depth = 0;
	while (*end && *end != ' ' && *end != '\n') {
		if (*end == stop && (stop != ')' || depth == 0))
			break;
		if (stop == ')' && *end == '(')
			depth++;
		else if (stop == ')' && *end == ')')
			depth--;
		end++;
	}
	return *end == stop ? end : NULL;
}

/* One line of a quote: "**Site** (URL): text", "Site (<URL>) — text",
 * "**[Site](URL)**: text" or "[Site](URL): text".  Fills SITE, URL and
 * SAID (new strings) and returns true when LINE is a credit. */
static bool parse_credit_line(const char *line, char **site, char **url, char **said)
{
	const char *p = skip_blank(line);
	bool bold = strncmp(p, "**", 2) == 0;
	if (bold)
		p += 2;
	const char *name = p, *name_end, *u, *u_end;
	if (*p == '[') {
		/* [Site](URL) */
		name = ++p;
		while (*p && *p != ']' && *p != '\n')
			p++;
		if (*p != ']' || p[1] != '(')
			return false;
		name_end = p;
		u = p + 2;
		if (!(u_end = url_until(u, ')')))
			return false;
		p = u_end + 1;
		if (bold) {
			if (strncmp(p, "**", 2) != 0)
				return false;
			p += 2;
		}
	} else {
		/* Site (URL) */
		const char *stop = bold ? strstr(p, "**") : strchr(p, '(');
		if (!stop)
			return false;
		name_end = stop;
		p = bold ? skip_blank(stop + 2) : stop;
		if (*p != '(')
			return false;
		p++;
		char close = ')';
		if (*p == '<') {
			p++;
			close = '>';
		}
		u = p;
		if (!(u_end = url_until(u, close)))
			return false;
		p = u_end + 1;
		if (close == '>') {
			if (*p != ')')
				return false;
			p++;
		}
	}
	size_t name_len = (size_t)(name_end - name);
	if (name_len == 0 || name_len > 80 || memchr(name, '\n', name_len) || memchr(name, '[', name_len))
		return false;
	p = skip_blank(p);
	/* then nothing, or a colon or dash and what the source said */
	if (*p == ':')
		p++;
	else if (strncmp(p, "\xef\xbc\x9a", 3) == 0 || strncmp(p, "\xe2\x80\x94", 3) == 0 ||
	         strncmp(p, "\xe2\x80\x93", 3) == 0)
		p += 3;
	else if (*p == '-' && p[1] == ' ')
		p++;
	else if (*p)
		return false;
	char *n = xstrndup(name, name_len);
	*site = clean_copy(n);
	free(n);
	trim_spaces(*site);
	if (!**site) {
		free(*site);
		return false;
	}
	*url = xstrndup(u, (size_t)(u_end - u));
	*said = clean_copy(skip_blank(p));
	trim_spaces(*said);
	return true;
}

/* LINE with its quote marks taken off: a pointer into LINE. */
static const char *unquoted(const char *line)
{
	const char *p = skip_blank(line);
	while (*p == '>')
		p = skip_blank(p + 1);
	return p;
}

static bool is_credit_line(const char *line)
{
	char *site, *url, *said;
	if (!parse_credit_line(unquoted(line), &site, &url, &said))
		return false;
	free(site);
	free(url);
	free(said);
	return true;
}

/* The item printed above LINE: the last one starting at or before it.
 * ORDER holds the items' indexes by position. */
static bool owner_of(const struct engine *e, const size_t *order, int line, size_t *rank)
{
	size_t lo = 0, hi = e->item_count;     /* first rank starting after LINE */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (e->items[order[mid]].position <= (size_t)line)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return false;
	*rank = lo - 1;
	return true;
}

/* Every credit of a quote all of whose lines are credits. */
static void collect_quote(const struct engine *e, const size_t *order, cmark_node *quote,
                          struct credit_list *out)
{
	int first = cmark_node_get_start_line(quote), last = cmark_node_get_end_line(quote);
	if (first < 1 || last < first || (size_t)last > e->line_count)
		return;
	size_t before = out->count;
	for (int line = first; line <= last; line++) {
		size_t from = e->line_offsets[line - 1];
		size_t to = (size_t)line < e->line_count ? e->line_offsets[line] : e->body_len;
		char *text = xstrndup(e->body + from, to - from);
		char *nl = strchr(text, '\n');
		if (nl)
			*nl = '\0';
		const char *p = unquoted(text);
		struct credit c = { .line = line };
		bool blank = *p == '\0';
		bool credit = !blank && parse_credit_line(p, &c.site, &c.url, &c.said);
		free(text);
		if (blank)
			continue;
		if (!credit || !owner_of(e, order, line, &c.owner)) {
			/* a quote that says more than credits is the item's own text */
			free(c.site);
			free(c.url);
			free(c.said);
			while (out->count > before) {
				struct credit *drop = &out->credits[--out->count];
				free(drop->site);
				free(drop->url);
				free(drop->said);
			}
			return;
		}
		c.target = c.owner;
		out->credits = xgrow(out->credits, &out->capacity, out->count + 1, sizeof *out->credits);
		out->credits[out->count++] = c;
	}
}

/* ------------------------------------------------------------------ */
/* Words: ASCII words of three letters or more, and pairs of neighbouring
 * CJK, kana or Hangul characters (they are not spaced into words). */

static bool is_script_char(unsigned int c)
{
	if (c >= 0xac00 && c <= 0xd7af)
		return true;                    /* Hangul syllables */
	if (!text_is_cjk(c))
		return false;
	return !(c >= 0x3000 && c <= 0x303f && c != 0x3005) &&   /* CJK punctuation */
	       !(c >= 0xff00 && c <= 0xff20) && !(c >= 0xff3b && c <= 0xff40) &&
	       !(c >= 0xff5b && c <= 0xff65) && c != 0x30fb;     /* fullwidth marks, ・ */
}

static void add_words(struct strset *set, const char *text)
{
	struct strbuf word;
	strbuf_init(&word);
	const char *p = text;
	size_t prev_len = 0;
	const char *prev = NULL;
	while (*p) {
		size_t n;
		unsigned int c = utf8_at(p, &n);
		if (n == 0)
			break;
		if (c < 0x80 && isalnum((int)c)) {
			strbuf_putc(&word, (char)tolower((int)c));
		} else {
			if (word.len >= 3)
				strset_add(set, word.data);
			strbuf_reset(&word);
		}
		if (is_script_char(c)) {
			if (prev) {
				char pair[9];
				memcpy(pair, prev, prev_len);
				memcpy(pair + prev_len, p, n);
				pair[prev_len + n] = '\0';
				strset_add(set, pair);
			}
			prev = p;
			prev_len = n;
		} else {
			prev = NULL;
		}
		p += n;
	}
	if (word.len >= 3)
		strset_add(set, word.data);
	strbuf_clear(&word);
}

/* An item's words: its title and its excerpt without credit lines. */
static void item_words(const struct item_builder *b, struct strset *set)
{
	add_words(set, b->item.title ? b->item.title : "");
	const char *md = b->item.markdown ? b->item.markdown : "";
	while (*md) {
		const char *nl = strchr(md, '\n');
		size_t len = nl ? (size_t)(nl - md) : strlen(md);
		char *line = xstrndup(md, len);
		if (!is_credit_line(line))
			add_words(set, line);
		free(line);
		md += len + (nl != NULL);
	}
}

/* How well the words MINE match the item of rank RANK: each shared word
 * weighed by how few of the items in [FROM, TO) (ranks) have it. */
static double match_score(const struct strset *mine, const struct strset *words, size_t rank,
                          size_t from, size_t to)
{
	double score = 0;
	for (size_t s = 0; s < mine->capacity; s++) {
		const char *w = mine->slots[s];
		if (!w || !strset_contains(&words[rank], w))
			continue;
		size_t df = 0;
		for (size_t r = from; r < to; r++)
			df += strset_contains(&words[r], w);
		score += log((double)(to - from + 1) / (double)df);
	}
	return score;
}

/* ------------------------------------------------------------------ */

/* Remove the link keyed KEY from B, keeping the others' order. */
static void drop_link(struct item_builder *b, const char *key)
{
	for (size_t i = 0; i < b->item.link_count; i++) {
		if (strcmp(b->item.links[i].key, key) != 0)
			continue;
		struct digest_link *l = &b->item.links[i];
		free(l->url);
		free(l->text);
		free(l->key);
		memmove(l, l + 1, (b->item.link_count - i - 1) * sizeof *l);
		b->item.link_count--;
		builder_reindex_links(b);
		return;
	}
}

struct ranked {
	size_t position, index;
};

static int compare_ranked(const void *a, const void *b)
{
	const struct ranked *ra = a, *rb = b;
	if (ra->position != rb->position)
		return ra->position < rb->position ? -1 : 1;
	return ra->index < rb->index ? -1 : ra->index > rb->index;
}

static void credit_list_clear(struct credit_list *list)
{
	for (size_t i = 0; i < list->count; i++) {
		free(list->credits[i].site);
		free(list->credits[i].url);
		free(list->credits[i].said);
	}
	free(list->credits);
	memset(list, 0, sizeof *list);
}

/* "RANK KEY": a credit naming the item of that rank. */
static char *target_entry(size_t rank, const char *key)
{
	return xasprintf("%zu %s", rank, key);
}

void assign_credits(struct engine *e, const struct document *doc)
{
	if (e->item_count < 2)
		return;
	/* Items by position: a credit's owner and its neighbours are ranks. */
	struct ranked *ranked = xmalloc(e->item_count * sizeof *ranked);
	for (size_t i = 0; i < e->item_count; i++)
		ranked[i] = (struct ranked){ e->items[i].position, i };
	qsort(ranked, e->item_count, sizeof *ranked, compare_ranked);
	size_t *order = xmalloc(e->item_count * sizeof *order);
	for (size_t r = 0; r < e->item_count; r++)
		order[r] = ranked[r].index;
	free(ranked);

	struct credit_list list = { 0 };
	for (size_t i = 0; i < doc->block_count; i++)
		if (cmark_node_get_type(doc->blocks[i]) == CMARK_NODE_BLOCK_QUOTE)
			collect_quote(e, order, doc->blocks[i], &list);
	if (!list.count) {
		credit_list_clear(&list);
		free(order);
		return;
	}

	/* owner and target are ranks from here on */
	struct strset *words = xcalloc(e->item_count, sizeof *words);
	for (size_t r = 0; r < e->item_count; r++) {
		strset_init(&words[r]);
		item_words(&e->items[order[r]], &words[r]);
	}
	char **keys = xcalloc(list.count, sizeof *keys);
	struct strset targets, credit_keys;
	strset_init(&targets);
	strset_init(&credit_keys);
	for (size_t c = 0; c < list.count; c++) {
		struct credit *cr = &list.credits[c];
		struct link_identity id;
		if (link_classify_target(cr->url, &id)) {
			keys[c] = id.key;
			id.key = NULL;
			link_identity_clear(&id);
			strset_add(&credit_keys, keys[c]);
		}
		struct strset mine;
		strset_init(&mine);
		char *text = xasprintf("%s %s", cr->site, cr->said);
		add_words(&mine, text);
		free(text);
		/* A misplaced credit is printed a few items away from the one it
		 * names: only neighbours are candidates, which keeps a digest
		 * of thousands of credits linear. */
		size_t from = cr->owner > CREDIT_WINDOW ? cr->owner - CREDIT_WINDOW : 0;
		size_t to = cr->owner + CREDIT_WINDOW + 1 < e->item_count ? cr->owner + CREDIT_WINDOW + 1
		            : e->item_count;
		double own = match_score(&mine, words, cr->owner, from, to);
		cr->score = own;
		/* Another item takes the credit only when it is clearly the one
		 * named: more than the item above it, by a margin. */
		for (size_t r = from; r < to; r++) {
			if (r == cr->owner)
				continue;
			double score = match_score(&mine, words, r, from, to);
			if (score > cr->score && score > own * 1.5 + 1.0) {
				cr->score = score;
				cr->target = r;
			}
		}
		strset_clear(&mine);
		if (keys[c]) {
			char *entry = target_entry(cr->target, keys[c]);
			strset_add(&targets, entry);
			free(entry);
		}
	}

	/* Each item's best credit. */
	const struct credit **best = xcalloc(e->item_count, sizeof *best);
	size_t *best_index = xcalloc(e->item_count, sizeof *best_index);
	for (size_t c = 0; c < list.count; c++) {
		const struct credit *cr = &list.credits[c];
		if (keys[c] && (!best[cr->target] || cr->score > best[cr->target]->score)) {
			best[cr->target] = cr;
			best_index[cr->target] = c;
		}
	}
	/* Credits printed under an item that name another leave it, unless
	 * another credit of the same link names it. */
	for (size_t c = 0; c < list.count; c++) {
		const struct credit *cr = &list.credits[c];
		if (cr->target == cr->owner || !keys[c])
			continue;
		char *entry = target_entry(cr->owner, keys[c]);
		bool also_mine = strset_contains(&targets, entry);
		free(entry);
		if (!also_mine) {
			explain_skip(e, cr->line, N_("a credit naming another item, given to it"), cr->site);
			drop_link(&e->items[order[cr->owner]], keys[c]);
		}
	}

	for (size_t r = 0; r < e->item_count; r++) {
		struct item_builder *b = &e->items[order[r]];
		const struct credit *mine = best[r];
		/* keyed by a credit: it may have left; else its own link stands */
		bool had = b->item.key && strset_contains(&credit_keys, b->item.key);
		if (b->references_only || (!mine && !had))
			continue;
		/* The credit naming an item is always one of its links; it is the
		 * main one unless the item's own main link is its name (the whole
		 * heading, its line's first thing, a link field): a link in the
		 * middle of its sentence is a reference, the credit where the
		 * story comes from. */
		bool main_is_credit = !b->item.link_count || strset_contains(&credit_keys, b->item.links[0].key);
		if (mine) {
			builder_add_link(b, mine->url, mine->site);
			if (main_is_credit || had || !b->name_link)
				builder_promote_key(b, keys[best_index[r]]);
		}
		if (b->item.link_count && b->item.key && strcmp(b->item.key, b->item.links[0].key) == 0)
			continue;       /* its main link stands */
		free(b->item.key);
		free(b->item.url);
		b->item.url = NULL;
		if (b->item.link_count) {
			b->item.kind = b->forum ? KIND_DISCUSSION : b->item.links[0].kind;
			b->item.key = xstrdup(b->item.links[0].key);
			b->item.url = xstrdup(b->item.links[0].url);
			b->url_from = mine && mine->owner != r ? N_("URL from a credit printed under another item that names it")
			              : N_("URL from its closing credit");
		} else {
			b->item.kind = KIND_NOTE;
			char *lower = xstrdup(b->item.title ? b->item.title : "");
			for (char *p = lower; *p; p++)
				*p = (char)tolower((unsigned char)*p);
			b->item.key = xasprintf("note:%s", lower);
			free(lower);
			b->url_from = N_("no link: its credits name other items");
		}
	}

	free(best);
	free(best_index);
	strset_clear(&targets);
	strset_clear(&credit_keys);
	for (size_t r = 0; r < e->item_count; r++)
		strset_clear(&words[r]);
	free(words);
	for (size_t c = 0; c < list.count; c++)
		free(keys[c]);
	free(keys);
	credit_list_clear(&list);
	free(order);
}
