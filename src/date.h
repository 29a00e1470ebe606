/* Dates as digests write them, normalised to ISO 8601. */
#ifndef RADAR_DATE_H
#define RADAR_DATE_H

#include <stdbool.h>
#include <stddef.h>

/* Long enough for "2026-02-18T13:00:00+08:00". */
#define DATE_ISO_MAX 32

/* Parse a date written on its own (a front-matter value or an item field):
 * "2026-02-18T13:00:00+08:00", "2026-03-16 00:00:00 +0800",
 * "2026-06-25T05:44:39.731046Z", "2026-02-20", "2026-02-14 09:15",
 * "2026/2/14", "2026年2月14日", "Feb 20, 2026", "20 February 2026".
 * Writes "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SS" or "YYYY-MM-DDTHH:MM:SS+HH:MM"
 * (Z becomes +00:00) into OUT. Returns false when S is not such a date. */
bool date_parse(const char *s, char out[DATE_ISO_MAX]);

/* Find the first date inside running text such as a title or a file name:
 * all of the above, plus "ainews-26-06-25" (YY-MM-DD after a separator),
 * "2025W10" / "2025-W10" (ISO week: its Monday), "20260214".
 * Writes "YYYY-MM-DD" (or a date-time when one is written). */
bool date_find(const char *text, char out[DATE_ISO_MAX]);

/* Days since 1970-01-01 for a normalised date, for comparisons; -1 if invalid. */
long date_days(const char *iso);

#endif
