/* What a link means: the kind of thing a URL points to and the identity key
 * that makes the same paper, repository or tweet one item across digests. */
#ifndef RADAR_LINKS_H
#define RADAR_LINKS_H

#include <stdbool.h>
#include <stddef.h>

#include "i18n.h"

/* X(ID, NAME, PLURAL, LETTER).  The order is the order the tag pane lists
 * kinds in.  NAME is the one word for a kind everywhere: --kind, `:kind`,
 * the `ls` column and JSON.  LETTER marks the kind in the reader's list; no
 * two are alike, and none is N or * (the list's unread and star marks). */
/* TRANSLATORS: a kind's name, as the article's header shows it
 * ("paper | arxiv.org"); the command line keeps the English word. */
#define ITEM_KINDS(X) \
	X(PAPER, N_("paper"), N_("papers"), 'P') \
	X(PROJECT, N_("project"), N_("projects"), 'R') \
	X(TWEET, N_("tweet"), N_("tweets"), 'T') \
	X(DISCUSSION, N_("discussion"), N_("discussions"), 'D') \
	X(ARTICLE, N_("article"), N_("articles"), 'A') \
	X(VIDEO, N_("video"), N_("videos"), 'V') \
	X(PODCAST, N_("podcast"), N_("podcasts"), 'C') \
	X(NOTE, N_("note"), N_("notes"), 'O')

enum item_kind {
#define KIND_ENUM(id, name, plural, letter) KIND_##id,
	ITEM_KINDS(KIND_ENUM)
#undef KIND_ENUM
	KIND_COUNT
};

/* "paper", "project", ... */
const char *kind_name(enum item_kind kind);
/* Untranslated plural label ("papers"); pass through gettext to show it. */
const char *kind_plural(enum item_kind kind);
/* -1 when NAME is no kind; accepts singular and plural ("papers"). */
int kind_from_name(const char *name);

struct link_identity {
	enum item_kind kind;
	/* Identity key, "<namespace>:<id>", e.g. "arxiv:2602.15776",
	 * "github:owner/repo", "x:2024898716365455459", "reddit:1abcde",
	 * "hn:4242", "youtube:dQw4w9WgXcQ", "url:https://example.com/post". */
	char *key;
	/* The URL without tracking parameters or fragment. */
	char *canonical_url;
};

/* Classify an absolute http(s) URL. Returns false (and leaves OUT untouched)
 * for URLs that do not identify content: relative links, anchors, mailto:,
 * javascript:, images and badges. On true, free OUT with link_identity_clear. */
bool link_classify(const char *url, struct link_identity *out);
void link_identity_clear(struct link_identity *id);
/* As link_classify, but a link whose target is an image ("[Post title](
 * https://i.redd.it/x.png)") is accepted: the picture is what the item
 * links.  Badges stay refused.  For links, never for embedded images. */
bool link_classify_target(const char *url, struct link_identity *out);

/* Canonical form of an http(s) URL: scheme and host lowercased, default
 * port, credentials, fragment and tracking parameters (utm_*, fbclid, gclid,
 * spm, ref, ...) removed, a lone "/" path dropped. A single-page app's
 * route fragment ("#/post/7") is kept. NULL when URL is not an absolute
 * http(s) URL. Caller frees. */
char *link_canonical_url(const char *url);

/* Find arXiv identifiers written as text ("arXiv:2602.14849", "arXiv 2602.14849v2",
 * "arXiv：2602.14849", "arXiv ID: 2602.14849", "arXiv:hep-th/9901001"); URLs
 * (arxiv.org/abs/...) are links, not text, and are skipped. Calls FOUND once
 * per distinct id (without version), in order; returns how many. */
size_t link_find_arxiv_ids(const char *text, void (*found)(const char *id, void *data), void *data);

/* Find GitHub "owner/repo" names written as code or text where they are
 * unambiguous (`karpathy/nanochat`). Counted: a TEXT that is nothing but the
 * name (pass a code span's content), `backticked` names inside longer text,
 * and "github.com/owner/repo" written without a scheme. Bare names in prose
 * are not ("input/output", "robotics/e-commerce" look the same). Rejected:
 * paths (src/main.c, a/b/c, ~/bin), dates and fractions, units (km/h, tok/s),
 * all-caps pairs (TCP/IP), one-letter parts (w/o, r/sub). Names are
 * lowercased; same calling convention, each distinct name once. */
size_t link_find_repo_names(const char *text, void (*found)(const char *owner_repo, void *data), void *data);

#endif
