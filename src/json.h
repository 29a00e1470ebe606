/* Writing JSON Lines. */
#ifndef RADAR_JSON_H
#define RADAR_JSON_H

#include <stdbool.h>
#include <stdint.h>

#include "strbuf.h"

/* Append S as a JSON string literal (quotes included); NULL becomes null. */
void json_string(struct strbuf *sb, const char *s);
/* Helpers for writing an object one member at a time: json_key writes the
 * separating comma when needed, then "name":. FIRST tracks the comma. */
void json_key(struct strbuf *sb, bool *first, const char *name);
void json_member_string(struct strbuf *sb, bool *first, const char *name, const char *value);
void json_member_int(struct strbuf *sb, bool *first, const char *name, int64_t value);
void json_member_bool(struct strbuf *sb, bool *first, const char *name, bool value);
void json_member_string_array(struct strbuf *sb, bool *first, const char *name,
                              char *const *values, size_t count);

#endif
