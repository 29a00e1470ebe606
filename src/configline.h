/* The words of radar's config syntax, shared by the user's config file and
 * the compiled-in keymaps and themes: lines, blanks, "quotes", # comments.
 * A leaf: it knows no directive, so keys.c and theme.c read their files
 * with it without depending on the config reader (configfile.c). */
#ifndef RADAR_CONFIGLINE_H
#define RADAR_CONFIGLINE_H

#include <stddef.h>

/* Split one line into words.  A word runs to the next blank outside
 * quotes (key="a b" is one word; \" and \\ inside quotes); # outside a word
 * starts a comment.  Returns the word count, or -1 with *ERROR set (an
 * unterminated quote; translated, caller frees). */
int config_split_line(const char *line, char ***words, char **error);
void config_words_free(char **words, int count);

/* Called for each line of a text: its number (from 1) and its words
 * (COUNT > 0; blank and comment lines are skipped).  The words are freed
 * after the call. */
typedef void config_words_fn(int line, int count, char **words, void *data);
/* Called instead for a line that cannot be read: over-long, holding a NUL
 * byte, or an unterminated quote (MESSAGE translated). */
typedef void config_line_error_fn(int line, const char *message, void *data);

/* Read LEN bytes of config TEXT line by line (LF or CRLF). */
void config_read_lines(const char *text, size_t len, config_words_fn *on_words,
                       config_line_error_fn *on_error, void *data);

/* Read a compiled-in file (a built-in keymap or theme, NAME for messages)
 * whose every line is DIRECTIVE: APPLY gets each line's words and returns 0,
 * or -1 with *ERROR set.  The built-in files are checked by make check, so
 * a bad line in one is a programming error: it is printed as NAME:LINE and
 * radar aborts. */
typedef int config_directive_fn(void *target, int count, char **words, char **error);
void config_read_builtin(const char *name, const char *text, size_t len, const char *directive,
                         config_directive_fn *apply, void *target);

#endif
