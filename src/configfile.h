/* The config file: $XDG_CONFIG_HOME/radar/config (~/.config/radar/config),
 * or the file given with --config.  (Named configfile, not config: <config.h>
 * is autoconf's.)
 *
 * One directive per line, words separated by blanks, "..." quoting a word
 * with blanks (\" and \\ inside), '#' starting a comment outside quotes,
 * `include FILE` reading another file (relative to the including one).
 * Directives come from one table in configfile.c: `source` (sources.h),
 * `set` (options.h), `keymap` and `bind` (keys.h), `theme` and `color`
 * (theme.h), `view` (a saved query, query.h), `include`.  A bad line is reported as "FILE:LINE: message"
 * (with "did you mean" for a misspelt name) and reading goes on with the
 * rest, so radar starts with what it understood.  radar(5) describes it. */
#ifndef RADAR_CONFIGFILE_H
#define RADAR_CONFIGFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "keys.h"
#include "sources.h"
#include "theme.h"

/* `view NAME QUERY... [notify=yes]`: a saved query, shown under Views in
 * the tag pane and opened by `:view NAME`.  Only views whose query parses
 * are kept.  NOTIFY: a refresh in the reader that brings items into it runs
 * notify-command and/or rings the bell (ui/notify.c). */
struct config_view {
	char *name;
	char *query;
	bool notify;
};

struct config {
	char *path;                 /* the top file, NULL when there was none */
	struct source_list sources;
	struct config_view *views;  /* in the order written; a name again replaces it */
	size_t view_count;
	struct keymap keymap;       /* keymaps/vi.keys, then keymap and bind lines */
	struct theme theme;         /* themes/default.theme, then theme and color lines */
	char **errors;              /* "FILE:LINE: message", translated */
	size_t error_count;
	bool unreadable;            /* the file named by --config could not be read at all */
};

/* The default config path (caller frees), or NULL without a home. */
char *config_default_path(void);

/* Read PATH, or the default file when PATH is NULL.  `set` lines change the
 * process-wide options (options.h), from their defaults.  A missing default
 * file is an empty config; a missing --config file is an error.  Returns
 * 0 when everything was understood, -1 when OUT->errors holds problems
 * (OUT always holds what could be read; free it with config_clear). */
int config_load(const char *path, struct config *out);
/* Read config TEXT as if it were file NAME (tests, --demo). */
int config_load_string(const char *text, const char *name, struct config *out);
void config_clear(struct config *config);
/* A copy of COUNT views (for another thread); free with config_views_free. */
struct config_view *config_views_copy(const struct config_view *views, size_t count);
void config_views_free(struct config_view *views, size_t count);

#endif
