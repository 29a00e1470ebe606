/* The one motion routine: keys to pane hooks, for every pane alike. */
#include <config.h>

#include <stddef.h>

#include "ui/pane.h"

bool pane_is_motion(enum action action)
{
	switch (action) {
	case ACTION_DOWN: case ACTION_UP: case ACTION_TOP: case ACTION_BOTTOM:
	case ACTION_HALF_DOWN: case ACTION_HALF_UP: case ACTION_PAGE_DOWN: case ACTION_PAGE_UP:
		return true;
	default:
		return false;
	}
}

int pane_motion(const struct pane *pane, enum action action, long count, char **error)
{
	const struct pane_ops *ops = pane->ops;
	long n = count > 0 ? count : 1;
	int half = 1, full = 1;
	ops->page(pane->data, &half, &full);
	switch (action) {
	case ACTION_DOWN: return ops->step(pane->data, n, error);
	case ACTION_UP: return ops->step(pane->data, -n, error);
	case ACTION_HALF_DOWN: return ops->scroll(pane->data, half, error);
	case ACTION_HALF_UP: return ops->scroll(pane->data, -half, error);
	case ACTION_PAGE_DOWN: return ops->scroll(pane->data, full, error);
	case ACTION_PAGE_UP: return ops->scroll(pane->data, -full, error);
	/* A count aims gg and G at that line, in every pane. */
	case ACTION_TOP: return ops->go(pane->data, count > 0 ? count - 1 : 0, error);
	case ACTION_BOTTOM: return ops->go(pane->data, count > 0 ? count - 1 : -1, error);
	default: return 0;
	}
}
