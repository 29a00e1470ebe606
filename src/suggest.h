/* "Did you mean": the known name nearest to a mistyped one, for config
 * directives (configfile.c) and the reader's `:tag` (ui/command.c). */
#ifndef RADAR_SUGGEST_H
#define RADAR_SUGGEST_H

#include <stddef.h>

/* Edit distance between A and B in code points, ASCII letters compared
 * without case; names longer than 32 code points are never close. */
size_t suggest_distance(const char *a, const char *b);

/* The best of the names offered one by one (NULL when none is close
 * enough to be a likely typo).  BEST is a copy the struct owns. */
struct suggestion {
	const char *word;
	char *best;
	size_t distance;
};
void suggestion_init(struct suggestion *s, const char *word);
void suggestion_offer(struct suggestion *s, const char *name);
void suggestion_clear(struct suggestion *s);

#endif
