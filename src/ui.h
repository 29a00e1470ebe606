/* The reader: screen layout (tag, list and article panes), the main loop,
 * the status line, and resize.
 *
 * Threads: the UI thread owns ncurses and its own cache connection.  Other
 * threads never touch the screen; they wake the loop through ui_wakeup_fd(). */
#ifndef RADAR_UI_H
#define RADAR_UI_H

#include <stdbool.h>

#include "colors.h"

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

/* The write end of the reader's self-pipe, or -1 when the reader is not
 * running.  A background thread (issue 5: refresh) writes one byte to it,
 * with write(2), after it has committed new items or changed the progress
 * it wants shown: the loop, which poll()s this pipe together with the
 * keyboard, wakes up, drains the pipe, re-counts the views, re-queries the
 * visible rows (keeping the cursor on the same item) and redraws.  Writing
 * never blocks (the pipe is non-blocking; a full pipe already means "wake
 * up").  Safe to call from any thread and from signal handlers. */
int ui_wakeup_fd(void);

/* For the panes: the curses attributes (colour pair included) of AREA. */
int ui_area_attr(enum color_area area);
/* Draw clean text at (Y, X) fitted to exactly WIDTH columns (text_fit). */
void ui_draw_text(int y, int x, int width, const char *clean, int attr);

#endif
