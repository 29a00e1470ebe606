/* Allocation that never returns NULL: radar cannot do anything useful after
 * running out of memory, so it says so and exits. */
#ifndef RADAR_XALLOC_H
#define RADAR_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grow an array to hold at least NEEDED elements of SIZE bytes, doubling. */
void *xgrow(void *ptr, size_t *capacity, size_t needed, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif
