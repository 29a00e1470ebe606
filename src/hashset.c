/* hashset.c owns radar's string hash sets (hashset.h): open addressing,
 * linear probing, FNV-1a hashes, tables at most 3/4 full. */
#include <config.h>

#include "hashset.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

uint64_t hashset_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* ------------------------------------------------------------ strset */

void strset_init(struct strset *set)
{
	memset(set, 0, sizeof *set);
}

void strset_clear(struct strset *set)
{
	for (size_t i = 0; i < set->capacity; i++)
		free(set->slots[i]);
	free(set->slots);
	memset(set, 0, sizeof *set);
}

static size_t strset_slot(const struct strset *set, const char *key)
{
	size_t mask = set->capacity - 1;
	size_t i = (size_t)hashset_hash(key) & mask;
	while (set->slots[i] && strcmp(set->slots[i], key) != 0)
		i = (i + 1) & mask;
	return i;
}

bool strset_contains(const struct strset *set, const char *key)
{
	return set->capacity && set->slots[strset_slot(set, key)];
}

static void strset_grow(struct strset *set)
{
	struct strset bigger = { NULL, set->capacity ? set->capacity * 2 : 16, set->count };
	bigger.slots = xcalloc(bigger.capacity, sizeof *bigger.slots);
	for (size_t i = 0; i < set->capacity; i++)
		if (set->slots[i])
			bigger.slots[strset_slot(&bigger, set->slots[i])] = set->slots[i];
	free(set->slots);
	*set = bigger;
}

bool strset_add(struct strset *set, const char *key)
{
	if ((set->count + 1) * 4 > set->capacity * 3)
		strset_grow(set);
	size_t i = strset_slot(set, key);
	if (set->slots[i])
		return false;
	set->slots[i] = xstrdup(key);
	set->count++;
	return true;
}

/* ------------------------------------------------------------ strindex */

void strindex_init(struct strindex *index)
{
	memset(index, 0, sizeof *index);
}

void strindex_clear(struct strindex *index)
{
	free(index->slots);
	memset(index, 0, sizeof *index);
}

void strindex_forget(struct strindex *index)
{
	index->array = NULL;
	index->count = 0;
}

static void put(struct strindex *index, const void *array, strindex_key_fn *key_at, size_t position)
{
	size_t mask = index->capacity - 1;
	size_t i = (size_t)hashset_hash(key_at(array, position)) & mask;
	while (index->slots[i])
		i = (i + 1) & mask;
	index->slots[i] = position + 1;
}

static void rebuild(struct strindex *index, const void *array, size_t count, strindex_key_fn *key_at)
{
	size_t capacity = 16;
	while (capacity * 3 < (count + 1) * 4)
		capacity *= 2;
	if (capacity != index->capacity) {
		free(index->slots);
		index->slots = xcalloc(capacity, sizeof *index->slots);
		index->capacity = capacity;
	} else {
		memset(index->slots, 0, capacity * sizeof *index->slots);
	}
	for (size_t k = 0; k < count; k++)
		put(index, array, key_at, k);
	index->array = array;
	index->count = count;
}

long strindex_find(struct strindex *index, const void *array, size_t count, strindex_key_fn *key_at,
                   const char *key)
{
	if (count == 0)
		return -1;
	if (index->array != array || index->count != count)
		rebuild(index, array, count, key_at);
	size_t mask = index->capacity - 1;
	for (size_t i = (size_t)hashset_hash(key) & mask; index->slots[i]; i = (i + 1) & mask) {
		size_t position = index->slots[i] - 1;
		if (strcmp(key_at(array, position), key) == 0)
			return (long)position;
	}
	return -1;
}

void strindex_appended(struct strindex *index, const void *before, const void *array, size_t count,
                       strindex_key_fn *key_at)
{
	/* Indexed up to the one before: add the last; otherwise start over. */
	if (count > 0 && index->array && index->array == before && index->count == count - 1 &&
	    (count + 1) * 4 <= index->capacity * 3) {
		index->array = array;
		index->count = count;
		put(index, array, key_at, count - 1);
		return;
	}
	rebuild(index, array, count, key_at);
}
