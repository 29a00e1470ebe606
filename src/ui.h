/* The reader: screen layout (tag, list and article panes), the main loop,
 * the status line, and resize.
 *
 * Threads: the UI thread owns ncurses and its own cache connection.  Other
 * threads never touch the screen; they wake the loop through pipes of their
 * own (the refresh's events, the tag counts).  The code is in src/ui/. */
#ifndef RADAR_UI_H
#define RADAR_UI_H

#include <stdbool.h>

struct store;

/* Run the reader on the cache at DB_PATH until the user quits.  STORE is
 * the connection main opened (read-only when just looking, NULL when the
 * file does not exist yet); the reader opens its own read-write connection
 * for marks when it can.  DEMO only changes what the empty screen says
 * (and keeps the demo cache from being refreshed).  CONFIG_PATH is --config
 * (NULL: the default file); its sources are fetched in the background on
 * start, every source's `every=` and on R.
 * Returns the exit status; the last error shown, if any, is printed to
 * stderr after the screen is restored. */
int ui_run(const char *db_path, struct store *store, bool demo, const char *config_path);

#endif
