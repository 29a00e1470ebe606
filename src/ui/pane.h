/* The pane interface: how a pane plugs into the reader's one motion routine
 * (ui/motion.c), in the manner of tig's `struct view_ops`.  A pane is its
 * own state plus a table of these hooks; j/k, Ctrl-d/u/f/b, gg and G are
 * the same keys in every pane (list, article, tags, help, :sources) because
 * they are turned into these calls in one place.
 *
 * Hooks return 0, or -1 with *ERROR set (the list pages from the cache). */
#ifndef RADAR_UI_PANE_H
#define RADAR_UI_PANE_H

#include <stdbool.h>

#include "actions.h"

struct pane_ops {
	const char *name;       /* for diagnostics */
	/* j/k: move the cursor (or the view, for a pane without a cursor) by DELTA. */
	int (*step)(void *pane, long delta, char **error);
	/* Ctrl-d/u/f/b: scroll by DELTA rows (the list moves its cursor along). */
	int (*scroll)(void *pane, long delta, char **error);
	/* gg/G: go to line INDEX (0-based; -1: the last). */
	int (*go)(void *pane, long index, char **error);
	/* How far half a page and a page scroll. */
	void (*page)(const void *pane, int *half, int *full);
};

struct pane {
	const struct pane_ops *ops;
	void *data;
};

/* Whether ACTION is one of the motions pane_motion serves. */
bool pane_is_motion(enum action action);
/* Apply motion ACTION with COUNT (0: none typed) to PANE. */
int pane_motion(const struct pane *pane, enum action action, long count, char **error);

#endif
