/* Hash sets of strings, for de-duplication that stays linear (an item with
 * 40,000 links, a paragraph with 20,000 arXiv ids).
 *
 * struct strset owns copies of its strings: for a set that lives inside
 * one function (the ids found in a text).
 *
 * struct strindex owns nothing: it indexes an array the caller keeps (an
 * item's links, a rendering's link list), storing positions, and reads the
 * strings from the array passed to each call.  It follows the array: when
 * the array pointer or its length is not what it last indexed, it indexes
 * it again (a linear pass), so it is never stale about which strings there
 * are; a caller that reorders the array in place calls strindex_forget. */
#ifndef RADAR_HASHSET_H
#define RADAR_HASHSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

uint64_t hashset_hash(const char *s);

struct strset {
	char **slots;
	size_t capacity;        /* a power of two, or 0 */
	size_t count;
};

void strset_init(struct strset *set);
void strset_clear(struct strset *set);
/* Adds a copy of KEY; returns false (nothing added) when it was there. */
bool strset_add(struct strset *set, const char *key);
bool strset_contains(const struct strset *set, const char *key);

/* The string at position I of ARRAY. */
typedef const char *strindex_key_fn(const void *array, size_t i);

struct strindex {
	const void *array;      /* what is indexed */
	size_t count;
	size_t *slots;          /* position + 1; 0 is an empty slot */
	size_t capacity;
};

void strindex_init(struct strindex *index);
void strindex_clear(struct strindex *index);
/* The position of KEY among the COUNT strings of ARRAY, or -1. */
long strindex_find(struct strindex *index, const void *array, size_t count, strindex_key_fn *key_at,
                   const char *key);
/* The array that was BEFORE (its pointer before the append's realloc) is
 * ARRAY now, with COUNT strings, its last one just appended. */
void strindex_appended(struct strindex *index, const void *before, const void *array, size_t count,
                       strindex_key_fn *key_at);
/* The array was changed in a way its pointer and length do not show. */
void strindex_forget(struct strindex *index);

#endif
