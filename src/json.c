/* Writing JSON for export and marks: escaped strings and members appended to a strbuf.
 * Reading JSON (marks import) is left to SQLite's JSON functions, so there is no parser here. */

#include <config.h>

#include "json.h"

#include <inttypes.h>
#include <string.h>

void json_string(struct strbuf *sb, const char *s)
{
	if (!s) {
		strbuf_puts(sb, "null");
		return;
	}
	strbuf_putc(sb, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': strbuf_puts(sb, "\\\""); break;
		case '\\': strbuf_puts(sb, "\\\\"); break;
		case '\n': strbuf_puts(sb, "\\n"); break;
		case '\t': strbuf_puts(sb, "\\t"); break;
		case '\r': strbuf_puts(sb, "\\r"); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				strbuf_printf(sb, "\\u%04x", *p);
			else
				strbuf_putc(sb, (char)*p);
		}
	}
	strbuf_putc(sb, '"');
}

void json_key(struct strbuf *sb, bool *first, const char *name)
{
	if (!*first)
		strbuf_putc(sb, ',');
	*first = false;
	json_string(sb, name);
	strbuf_putc(sb, ':');
}

void json_member_string(struct strbuf *sb, bool *first, const char *name, const char *value)
{
	json_key(sb, first, name);
	json_string(sb, value);
}

void json_member_int(struct strbuf *sb, bool *first, const char *name, int64_t value)
{
	json_key(sb, first, name);
	strbuf_printf(sb, "%" PRId64, value);
}

void json_member_bool(struct strbuf *sb, bool *first, const char *name, bool value)
{
	json_key(sb, first, name);
	strbuf_puts(sb, value ? "true" : "false");
}

void json_member_string_array(struct strbuf *sb, bool *first, const char *name,
                              char *const *values, size_t count)
{
	json_key(sb, first, name);
	strbuf_putc(sb, '[');
	for (size_t i = 0; i < count; i++) {
		if (i)
			strbuf_putc(sb, ',');
		json_string(sb, values[i]);
	}
	strbuf_putc(sb, ']');
}
