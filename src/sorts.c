/* Names and labels of the list's sort orders (the table is sorts.h). */
#include <config.h>

#include "sorts.h"

#include <string.h>

static const char *const names[] = {
#define SORT_NAME(id, name, label, order, reverse, after, before) name,
	ITEM_SORTS(SORT_NAME)
#undef SORT_NAME
};

static const char *const labels[] = {
#define SORT_LABEL(id, name, label, order, reverse, after, before) label,
	ITEM_SORTS(SORT_LABEL)
#undef SORT_LABEL
};

static enum item_sort valid(enum item_sort sort)
{
	return (unsigned)sort < SORT_COUNT ? sort : SORT_NEWEST;
}

const char *sort_name(enum item_sort sort)
{
	return names[valid(sort)];
}

const char *sort_label(enum item_sort sort)
{
	return _(labels[valid(sort)]);
}

int sort_from_name(const char *name)
{
	for (int i = 0; name && i < SORT_COUNT; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}
