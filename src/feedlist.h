/* Lists of feeds in and out of the config: `radar import FILE.opml` adds an
 * OPML file's feeds as `source` lines to feeds.conf beside the config file
 * (and an `include feeds.conf` to the config when it has none), as
 * newsboat's `-i` adds them to its urls file; `radar sources --opml`
 * writes the configured http(s) sources as OPML, as newsboat's `-e`. */
#ifndef RADAR_FEEDLIST_H
#define RADAR_FEEDLIST_H

#include <stddef.h>
#include <stdio.h>

#include "configfile.h"

struct feedlist_report {
	size_t added;
	size_t known;           /* already configured (same URL) */
	size_t skipped;         /* outlines without an http(s) feed URL */
	size_t options_dropped; /* radar: attributes that were no valid option */
	char *file;             /* the file the sources went to (caller frees) */
};

/* Add the feeds of the OPML document DATA to the config at CONFIG_PATH
 * (NULL: the default config file).  Returns 0 with *REPORT filled, or -1
 * with *ERROR set (translated, caller frees); nothing is written then. */
int feedlist_import(const char *data, size_t len, const char *config_path,
                    struct feedlist_report *report, char **error);

/* CONFIG's http(s) sources as an OPML 2.0 document on OUT. */
void feedlist_export(const struct config *config, FILE *out);

#endif
