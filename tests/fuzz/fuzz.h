/* What every fuzz target shares (tests/fuzz/).
 *
 * Each fuzz-NAME.c defines LLVMFuzzerTestOneInput; it is linked either with
 * libFuzzer (clang, `make fuzz`, tools/fuzz) or with replay.c, a plain main()
 * that feeds it every file of the directories it is given (built by any
 * compiler, run by `make check` over the checked-in corpora).  A broken
 * invariant calls fuzz_fail, which aborts: libFuzzer keeps the input as a
 * crash, replay reports the file. */
#ifndef RADAR_FUZZ_H
#define RADAR_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Print WHAT (and the offending text, escaped) and abort. */
void fuzz_fail(const char *what, const char *text, size_t len) __attribute__((noreturn));

/* The UTF-8 locale every target measures in (wcwidth needs it). */
void fuzz_setup(void);

/* Display text as radar prints it: valid UTF-8, no C0 (not even '\t' or
 * '\n' unless NEWLINES), no DEL, no C1, no bidi control, no BOM, nothing
 * wcwidth() calls unprintable.  Aborts otherwise. */
void fuzz_check_display(const char *s, size_t len, int newlines);
/* Columns of display text by libc wcwidth(), what a terminal uses. */
int fuzz_wcwidth(const char *s, size_t len);
/* Every line of LINES is display text no wider than WIDTH (by wcwidth and
 * by the line's own width field). */
void fuzz_check_lines(const struct text_lines *lines, int width);

#endif
