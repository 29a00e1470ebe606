/* Cancelling long work from another thread: a thread that may be asked to
 * stop (the refresh thread, when the reader quits) names its flag with
 * cancel_watch; code deep inside the work (the Markdown parser's
 * allocator, the cache's SQLite progress handler, the importer between
 * items) asks cancel_requested() and gives up cleanly.  A thread that
 * watches no flag is never cancelled. */
#ifndef RADAR_CANCEL_H
#define RADAR_CANCEL_H

#include <stdatomic.h>
#include <stdbool.h>

/* FLAG (NULL to stop watching) is the calling thread's cancel flag; it must
 * outlive the watch. */
void cancel_watch(const atomic_bool *flag);
/* The calling thread's flag (NULL when it watches none), for threads that
 * work on its behalf. */
const atomic_bool *cancel_watched(void);
/* Whether the calling thread's flag is set. */
bool cancel_requested(void);

#endif
