/* A small TAP producer for radar's unit tests (run by automake's tap-driver). */
#ifndef RADAR_TAP_H
#define RADAR_TAP_H

#include <stdbool.h>
#include <stdint.h>

void tap_plan(int count);
/* Each returns CONDITION / whether the values matched, and prints ok/not ok. */
bool tap_ok(bool condition, const char *format, ...) __attribute__((format(printf, 2, 3)));
bool tap_is_int(int64_t got, int64_t expected, const char *format, ...) __attribute__((format(printf, 3, 4)));
bool tap_is_str(const char *got, const char *expected, const char *format, ...) __attribute__((format(printf, 3, 4)));
void tap_skip(const char *reason, const char *format, ...) __attribute__((format(printf, 2, 3)));
void tap_diag(const char *format, ...) __attribute__((format(printf, 1, 2)));
/* Print the plan if none was given ("1..N") and return the exit status. */
int tap_done(void);

#define ok(cond, ...) tap_ok((cond), __VA_ARGS__)
#define is_int(got, expected, ...) tap_is_int((got), (expected), __VA_ARGS__)
#define is_str(got, expected, ...) tap_is_str((got), (expected), __VA_ARGS__)

#endif
