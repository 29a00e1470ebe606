/* The config file: $XDG_CONFIG_HOME/radar/config (~/.config/radar/config),
 * or the file given with --config.  (Named configfile, not config: <config.h>
 * is autoconf's.)
 *
 * One directive per line, words separated by blanks, "..." quoting a word
 * with blanks (\" and \\ inside), '#' starting a comment outside quotes,
 * `include FILE` reading another file (relative to the including one).
 * Directives come from one table in config.c; today `source` (sources.h)
 * and `include`.  A bad line is reported as "FILE:LINE: message" and
 * reading goes on with the rest, so radar starts with what it understood. */
#ifndef RADAR_CONFIGFILE_H
#define RADAR_CONFIGFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "sources.h"

struct config {
	char *path;                 /* the top file, NULL when there was none */
	struct source_list sources;
	char **errors;              /* "FILE:LINE: message", translated */
	size_t error_count;
};

/* The default config path (caller frees), or NULL without a home. */
char *config_default_path(void);

/* Read PATH, or the default file when PATH is NULL.  A missing default
 * file is an empty config; a missing --config file is an error.  Returns
 * 0 when everything was understood, -1 when OUT->errors holds problems
 * (OUT always holds what could be read; free it with config_free). */
int config_load(const char *path, struct config *out);
/* Read config TEXT as if it were file NAME (tests, --demo). */
int config_load_string(const char *text, const char *name, struct config *out);
void config_free(struct config *config);

/* Split one line into words (the reader's own rules).  Returns the word
 * count, or -1 with *ERROR set (an unterminated quote). */
int config_split_line(const char *line, char ***words, char **error);
void config_words_free(char **words, int count);

#endif
