/* The `set` options: parsing and checking values against the table. */
#include <config.h>

#include "options.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "strbuf.h"
#include "xalloc.h"

struct option_info {
	const char *name;
	enum option_type type;
	const char *default_value;
	const char *values;
	const char *help;
};

static const struct option_info option_table[OPTION_COUNT] = {
#define OPTION_INFO(id, name, type, def, values, help) [OPTION_##id] = { name, type, def, values, help },
	OPTIONS(OPTION_INFO)
#undef OPTION_INFO
};

struct option_value {
	bool set;           /* parsed at least once (the defaults lazily) */
	bool b;
	long i;
	int index;
	char *s;
};

static struct option_value values[OPTION_COUNT];

static bool parse_bool(const char *text, bool *out)
{
	static const char *const yes[] = { "yes", "on", "true", "1" };
	static const char *const no[] = { "no", "off", "false", "0" };
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (strcasecmp(text, yes[i]) == 0) {
			*out = true;
			return true;
		}
		if (strcasecmp(text, no[i]) == 0) {
			*out = false;
			return true;
		}
	}
	return false;
}

static bool parse_long(const char *text, long *out)
{
	if (!*text)
		return false;
	char *end;
	errno = 0;
	long n = strtol(text, &end, 10);
	if (errno || *end)
		return false;
	*out = n;
	return true;
}

/* The index of WORD in "a|b|c", or -1. */
static int enum_index(const char *list, const char *word)
{
	size_t len = strlen(word);
	int index = 0;
	for (const char *p = list; *p; index++) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		if (n == len && strncmp(p, word, n) == 0)
			return index;
		if (!bar)
			break;
		p = bar + 1;
	}
	return -1;
}

static int parse_value(enum option_id id, const char *text, struct option_value *out, char **error)
{
	const struct option_info *info = &option_table[id];
	memset(out, 0, sizeof *out);
	switch (info->type) {
	case OPTION_BOOL:
		if (!parse_bool(text, &out->b)) {
			*error = xasprintf(_("'%s' takes yes or no, not '%s'"), info->name, text);
			return -1;
		}
		break;
	case OPTION_INT: {
		long min = LONG_MIN, max = LONG_MAX;
		const char *dots = strstr(info->values, "..");
		if (dots) {
			min = strtol(info->values, NULL, 10);
			max = strtol(dots + 2, NULL, 10);
		}
		if (!parse_long(text, &out->i) || out->i < min || out->i > max) {
			*error = xasprintf(_("'%s' takes a number from %ld to %ld, not '%s'"), info->name, min,
			                   max, text);
			return -1;
		}
		break;
	}
	case OPTION_ENUM: {
		out->index = enum_index(info->values, text);
		if (out->index < 0) {
			struct strbuf choices;
			strbuf_init(&choices);
			for (const char *p = info->values; *p; p++) {
				if (*p == '|')
					strbuf_puts(&choices, ", ");
				else
					strbuf_putc(&choices, *p);
			}
			/* TRANSLATORS: the second %s lists the values, separated by commas */
			*error = xasprintf(_("'%s' takes one of %s, not '%s'"), info->name, choices.data, text);
			strbuf_clear(&choices);
			return -1;
		}
		break;
	}
	case OPTION_STRING:
		break;
	}
	out->s = xstrdup(text);
	out->set = true;
	return 0;
}

static const struct option_value *value_of(enum option_id id)
{
	if (!values[id].set) {
		char *error = NULL;
		if (parse_value(id, option_table[id].default_value, &values[id], &error) != 0)
			abort();    /* a bad default is a programming error (test-options) */
	}
	return &values[id];
}

void options_reset(void)
{
	for (int i = 0; i < OPTION_COUNT; i++) {
		free(values[i].s);
		memset(&values[i], 0, sizeof values[i]);
	}
}

int option_from_name(const char *name)
{
	for (int i = 0; i < OPTION_COUNT; i++)
		if (strcmp(option_table[i].name, name) == 0)
			return i;
	return -1;
}

int option_set(enum option_id id, const char *value, char **error)
{
	*error = NULL;
	if ((unsigned)id >= OPTION_COUNT) {
		*error = xstrdup(_("no such option"));
		return -1;
	}
	struct option_value parsed;
	if (parse_value(id, value, &parsed, error) != 0)
		return -1;
	free(values[id].s);
	values[id] = parsed;
	return 0;
}

bool option_bool(enum option_id id)
{
	return value_of(id)->b;
}

long option_int(enum option_id id)
{
	return value_of(id)->i;
}

const char *option_string(enum option_id id)
{
	return value_of(id)->s;
}

int option_enum_index(enum option_id id)
{
	return value_of(id)->index;
}

const char *option_name(enum option_id id)
{
	return option_table[id].name;
}

enum option_type option_type(enum option_id id)
{
	return option_table[id].type;
}

const char *option_default(enum option_id id)
{
	return option_table[id].default_value;
}

const char *option_values(enum option_id id)
{
	return option_table[id].values;
}

const char *option_help(enum option_id id)
{
	return option_table[id].help;
}
