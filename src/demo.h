/* The demo digests compiled into the binary (see tools/embed.sh). */
#ifndef RADAR_DEMO_H
#define RADAR_DEMO_H

#include "embedded.h"

/* Terminated by an entry whose name is NULL. */
extern const struct embedded_file demo_files[];

struct store;
/* Import every demo digest into STORE under the source "demo".
 * Returns 0, or -1 with *ERROR set. */
int demo_import(struct store *store, char **error);

#endif
