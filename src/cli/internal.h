/* Private to src/cli/, the sub-commands of the radar command line.
 *
 * Map of the folder (commands.h is the public side: one command_NAME per
 * sub-command, the exit-status convention, the shared filter options):
 *   common.c   one-line errors, terminal width, cleaned JSON members, reading a
 *              digest file as a local source reads it, display settings, ids
 *   parse.c    `parse`: a file's items printed, nothing stored
 *   import.c   `import` (files, directories, stdin) and `reindex`
 *   ls.c       `ls` and the filter options it shares with `export`
 *   show.c     `show` of an item or a digest
 *   digests.c  `digests`
 *   mark.c     `star`, `unstar`, `read`, `unread`
 *   tag.c      `tag`, `untag`: the user's own tags
 *   refresh.c  `refresh` and `sources`
 *   backup.c   `backup`: a consistent copy of the cache, written aside and renamed
 *   marks-io.c `marks export|import`: marks by identity key as JSON Lines
 * export.c (src/) holds `export`, which reuses ls's filter options.
 *
 * Everything printed that came from a digest, a file name or the cache
 * goes through text.h first, so nothing untrusted reaches the terminal raw. */
#ifndef RADAR_CLI_INTERNAL_H
#define RADAR_CLI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct command_context;
struct strbuf;

/* Rows fetched per query: lists are read page by page, never whole. */
#define PAGE_ROWS 200
#define MAX_WIDTH 10000

/* S cleaned (text.h), or NULL for NULL; the caller frees. */
char *cli_clean_or_null(const char *s);
/* Clean text on one line: newlines and tabs become spaces. */
char *cli_clean_line(const char *s);
/* A whole decimal number in [MIN, MAX]; no sign tricks, no trailing junk. */
bool cli_parse_number(const char *s, long long min, long long max, long long *out);
/* $COLUMNS when it is a sane width, else 0. */
int cli_columns_from_environment(void);
void cli_write_out(const struct strbuf *sb);
/* 0 when CTX has an open cache; else the error is reported and 1 returned. */
int cli_need_store(const struct command_context *ctx);
void cli_json_clean_member(struct strbuf *sb, bool *first, const char *name, const char *value);
void cli_json_clean_array(struct strbuf *sb, bool *first, const char *name,
                          const char *const *values, size_t count);
/* Read a whole file (PATH "-" is stdin) the way a refresh reads a local
 * source.  Returns 0, or -1 with *ERROR set (caller frees). */
int cli_read_digest_file(const char *path, char **data, size_t *len, char **error);
/* The YYYY-MM-DD part of an ISO date, or blanks. */
void cli_day_of(const char *iso, char out[11]);
/* The config's display settings applied to printed text; -1 when the file
 * --config names cannot be read at all. */
int cli_apply_display_settings(const struct command_context *ctx);
/* An item or digest id: a positive decimal number. */
bool cli_parse_id(const char *s, int64_t *id);

#endif
