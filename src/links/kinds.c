/* links/kinds.c: the names of item kinds (the ITEM_KINDS X-macro) and their lookup by name. */
#include <config.h>

#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include "hashset.h"
#include "strbuf.h"
#include "xalloc.h"

/* ------------------------------------------------------------ kinds */

static const char *const kind_names[] = {
#define KIND_NAME(id, name, plural, letter) name,
	ITEM_KINDS(KIND_NAME)
#undef KIND_NAME
};

static const char *const kind_plurals[] = {
#define KIND_PLURAL(id, name, plural, letter) plural,
	ITEM_KINDS(KIND_PLURAL)
#undef KIND_PLURAL
};

const char *kind_name(enum item_kind kind)
{
	if ((unsigned)kind >= KIND_COUNT)
		return "?";
	return kind_names[kind];
}

const char *kind_plural(enum item_kind kind)
{
	if ((unsigned)kind >= KIND_COUNT)
		return "?";
	return kind_plurals[kind];
}

bool ascii_eq_n(const char *a, size_t alen, const char *b)
{
	size_t blen = strlen(b);
	if (alen != blen)
		return false;
	for (size_t i = 0; i < alen; i++)
		if (ascii_tolower((unsigned char)a[i]) != ascii_tolower((unsigned char)b[i]))
			return false;
	return true;
}

int kind_from_name(const char *name)
{
	if (!name)
		return -1;
	size_t len = strlen(name);
	for (int k = 0; k < KIND_COUNT; k++)
		if (ascii_eq_n(name, len, kind_names[k]) || ascii_eq_n(name, len, kind_plurals[k]))
			return k;
	return -1;
}
