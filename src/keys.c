/* Key notation, keymaps (vi.keys and emacs.keys compiled in), and the key
 * reader. */
#include <config.h>

#include <curses.h>
#include <stdint.h>
#include <stdnoreturn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "configline.h"
#include "i18n.h"
#include "keys.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

struct action_info {
	const char *name;
	const char *help;
};

static const struct action_info action_table[ACTION_COUNT] = {
	[ACTION_NONE] = { "none", "" },
#define ACTION_INFO(id, name, help) [ACTION_##id] = { name, help },
	ACTIONS(ACTION_INFO)
#undef ACTION_INFO
};

const char *action_name(enum action action)
{
	return (unsigned)action < ACTION_COUNT ? action_table[action].name : "none";
}

const char *action_help(enum action action)
{
	return (unsigned)action < ACTION_COUNT ? action_table[action].help : "";
}

enum action action_from_name(const char *name)
{
	for (int i = 1; i < ACTION_COUNT; i++)
		if (strcmp(action_table[i].name, name) == 0)
			return (enum action)i;
	return ACTION_NONE;
}

static const char *const context_names[KEY_CONTEXT_COUNT] = {
#define KEY_CONTEXT_NAME(id, name) [KEY_CONTEXT_##id] = name,
	KEY_CONTEXTS(KEY_CONTEXT_NAME)
#undef KEY_CONTEXT_NAME
};

int key_context_from_name(const char *name)
{
	for (int i = 0; i < KEY_CONTEXT_COUNT; i++)
		if (strcmp(context_names[i], name) == 0)
			return i;
	return -1;
}

const char *key_context_name(enum key_context context)
{
	return (unsigned)context < KEY_CONTEXT_COUNT ? context_names[context] : "all";
}

/* ---------------------------------------------------------------- notation */

struct named_key {
	const char *name;
	int key;
};

/* The first name of a key is the one keys_format writes. */
static const struct named_key named_keys[] = {
	{ "Tab", '\t' },
	{ "Enter", '\n' },
	{ "CR", '\n' },
	{ "Return", '\n' },
	{ "Space", ' ' },
	{ "Esc", 27 },
	{ "lt", '<' },
	{ "gt", '>' },
	{ "BS", KEY_FUNCTION_BIT | KEY_BACKSPACE },
	{ "Backspace", KEY_FUNCTION_BIT | KEY_BACKSPACE },
	{ "Up", KEY_FUNCTION_BIT | KEY_UP },
	{ "Down", KEY_FUNCTION_BIT | KEY_DOWN },
	{ "Left", KEY_FUNCTION_BIT | KEY_LEFT },
	{ "Right", KEY_FUNCTION_BIT | KEY_RIGHT },
	{ "Home", KEY_FUNCTION_BIT | KEY_HOME },
	{ "End", KEY_FUNCTION_BIT | KEY_END },
	{ "PageUp", KEY_FUNCTION_BIT | KEY_PPAGE },
	{ "PageDown", KEY_FUNCTION_BIT | KEY_NPAGE },
	{ "Insert", KEY_FUNCTION_BIT | KEY_IC },
	{ "Del", KEY_FUNCTION_BIT | KEY_DC },
	{ "Delete", KEY_FUNCTION_BIT | KEY_DC },
	{ "BackTab", KEY_FUNCTION_BIT | KEY_BTAB },
	{ "S-Tab", KEY_FUNCTION_BIT | KEY_BTAB },
};
#define NAMED_KEY_COUNT (sizeof named_keys / sizeof named_keys[0])

int key_from_curses(int result, unsigned int ch)
{
	if (result == KEY_CODE_YES) {
		if (ch == KEY_ENTER)
			return '\n';
		return KEY_FUNCTION_BIT | (int)ch;
	}
	if (ch == '\r')
		return '\n';
	if (ch == 127 || ch == 8)
		return KEY_FUNCTION_BIT | KEY_BACKSPACE;
	return (int)ch;
}

/* One UTF-8 character from the AVAIL bytes at S; its length in *LEN, or -1
 * when the bytes are not UTF-8 (a key name must be exact, not repaired). */
static int decode_utf8(const char *s, size_t avail, int *len)
{
	unsigned int cp;
	size_t n = text_utf8_next(s, avail, &cp);
	if (cp == 0xFFFD && !(n == 3 && memcmp(s, "\xEF\xBF\xBD", 3) == 0))
		return -1;
	*len = (int)n;
	return (int)cp;
}

/* The key named inside <...> (NAME, LEN bytes), or -1. */
static int parse_bracketed(const char *name, size_t len)
{
	if (len > 2 && name[1] == '-' && strchr("CcMmAa", name[0])) {
		int clen;
		int inner;
		if (len == 3) {
			inner = (unsigned char)name[2];
			clen = 1;
		} else {
			inner = parse_bracketed(name + 2, len - 2);
			clen = (int)len - 2;
			if (inner < 0) {
				inner = decode_utf8(name + 2, len - 2, &clen);
				if (inner < 0 || (size_t)clen != len - 2)
					return -1;
			}
		}
		if (name[0] == 'C' || name[0] == 'c') {
			if (inner >= 'a' && inner <= 'z')
				return inner - 'a' + 1;
			if (inner >= '@' && inner <= '_')
				return inner - '@';
			return -1;
		}
		if (inner & KEY_ALT_BIT)
			return -1;
		return KEY_ALT_BIT | inner;
	}
	if ((name[0] == 'F' || name[0] == 'f') && len >= 2 && len <= 3) {
		int n = 0;
		for (size_t i = 1; i < len; i++) {
			if (name[i] < '0' || name[i] > '9')
				return -1;
			n = n * 10 + (name[i] - '0');
		}
		if (n < 1 || n > 24)
			return -1;
		return KEY_FUNCTION_BIT | KEY_F(n);
	}
	for (size_t i = 0; i < NAMED_KEY_COUNT; i++)
		if (strlen(named_keys[i].name) == len && strncasecmp(named_keys[i].name, name, len) == 0)
			return named_keys[i].key;
	return -1;
}

int keys_parse(const char *spec, int *keys, int max)
{
	int count = 0;
	const char *p = spec;
	if (!*p)
		return -1;
	while (*p) {
		int key;
		if (*p == '<' && p[1] && strchr(p + 1, '>')) {
			const char *end = strchr(p + 1, '>');
			/* "<>" or a lone '<' followed later by '>' is not a name */
			key = end > p + 1 ? parse_bracketed(p + 1, (size_t)(end - p - 1)) : -1;
			if (key < 0)
				return -1;
			p = end + 1;
		} else {
			int len;
			key = decode_utf8(p, strlen(p), &len);
			if (key < 0x20 || key == 0x7F)
				return -1;
			p += len;
		}
		if (count == max)
			return -1;
		keys[count++] = key;
	}
	return count;
}

static void format_key(struct strbuf *sb, int key)
{
	if (key & KEY_ALT_BIT) {
		strbuf_puts(sb, "<M-");
		struct strbuf inner;
		strbuf_init(&inner);
		format_key(&inner, key & ~KEY_ALT_BIT);
		/* "<M-<Tab>>" reads badly: strip the inner brackets */
		if (inner.data[0] == '<' && inner.len > 2)
			strbuf_append(sb, inner.data + 1, inner.len - 2);
		else
			strbuf_puts(sb, inner.data);
		strbuf_clear(&inner);
		strbuf_putc(sb, '>');
		return;
	}
	for (size_t i = 0; i < NAMED_KEY_COUNT; i++) {
		if (named_keys[i].key == key) {
			strbuf_printf(sb, "<%s>", named_keys[i].name);
			return;
		}
	}
	if (key & KEY_FUNCTION_BIT) {
		int code = key & ~KEY_FUNCTION_BIT;
		if (code >= KEY_F(1) && code <= KEY_F(24))
			strbuf_printf(sb, "<F%d>", code - KEY_F0);
		else
			strbuf_printf(sb, "<key%d>", code);
		return;
	}
	if (key >= 1 && key <= 26) {
		strbuf_printf(sb, "<C-%c>", 'a' + key - 1);
		return;
	}
	if (key < 0x20) {
		strbuf_printf(sb, "<C-%c>", '@' + key);
		return;
	}
	char utf8[4];
	size_t n = text_utf8_put((unsigned int)key, utf8);
	strbuf_append(sb, utf8, n);
}

char *keys_format(const int *keys, int count)
{
	struct strbuf sb;
	strbuf_init(&sb);
	for (int i = 0; i < count; i++)
		format_key(&sb, keys[i]);
	return strbuf_detach(&sb);
}

/* ---------------------------------------------------------------- keymap */

static bool is_prefix(const int *a, int alen, const int *b, int blen)
{
	if (alen > blen)
		return false;
	for (int i = 0; i < alen; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

int keymap_bind(struct keymap *map, const char *spec, enum action action)
{
	return keymap_bind_in(map, KEY_CONTEXT_ALL, spec, action);
}

/* Remove the binding of exactly KEYS in CONTEXT, if there is one. */
static void unbind(struct keymap *map, enum key_context context, const int *keys, int length)
{
	for (size_t i = 0; i < map->count; i++) {
		struct key_binding *b = &map->bindings[i];
		if (b->context == context && b->length == length && is_prefix(keys, length, b->keys, length)) {
			memmove(b, b + 1, (map->count - i - 1) * sizeof *b);
			map->count--;
			return;
		}
	}
}

int keymap_bind_in(struct keymap *map, enum key_context context, const char *spec,
                   enum action action)
{
	int keys[KEYS_MAX_SEQUENCE];
	int length = keys_parse(spec, keys, KEYS_MAX_SEQUENCE);
	if (length <= 0 || (unsigned)context >= KEY_CONTEXT_COUNT)
		return -1;
	/* A digit starts a count, so it cannot begin a binding. */
	if (keys[0] >= '0' && keys[0] <= '9')
		return -1;
	if (action == ACTION_NONE) {
		unbind(map, context, keys, length);
		return 0;
	}
	for (size_t i = 0; i < map->count; i++) {
		struct key_binding *b = &map->bindings[i];
		if (b->context != context)
			continue;
		if (b->length == length && is_prefix(keys, length, b->keys, b->length)) {
			b->action = action;
			return 0;
		}
		if (is_prefix(keys, length, b->keys, b->length)
		    || is_prefix(b->keys, b->length, keys, length))
			return -1;
	}
	map->bindings = xgrow(map->bindings, &map->capacity, map->count + 1, sizeof *map->bindings);
	struct key_binding *b = &map->bindings[map->count++];
	memcpy(b->keys, keys, sizeof keys);
	b->length = length;
	b->context = context;
	b->action = action;
	return 0;
}

int keymap_bind_words(struct keymap *map, int count, char **words, char **error)
{
	*error = NULL;
	int context = KEY_CONTEXT_ALL;
	if (count == 4) {
		context = key_context_from_name(words[1]);
		if (context < 0) {
			*error = xasprintf(_("unknown context '%s' (all, list, article or tags)"), words[1]);
			return -1;
		}
	} else if (count != 3) {
		*error = xstrdup(_("usage: bind [CONTEXT] KEYS ACTION"));
		return -1;
	}
	const char *spec = words[count - 2];
	const char *name = words[count - 1];
	enum action action = action_from_name(name);
	if (action == ACTION_NONE && strcmp(name, "none") != 0) {
		*error = xasprintf(_("unknown action '%s'"), name);
		return -1;
	}
	int keys[KEYS_MAX_SEQUENCE];
	int length = keys_parse(spec, keys, KEYS_MAX_SEQUENCE);
	if (length <= 0) {
		*error = xasprintf(_("'%s' is not a key (write <C-x>, <M-x>, <F5>, <Enter>, <lt>...; "
		                     "at most %d keys)"), spec, KEYS_MAX_SEQUENCE);
		return -1;
	}
	if (keys[0] >= '0' && keys[0] <= '9') {
		*error = xasprintf(_("'%s' starts with a digit, which starts a count"), spec);
		return -1;
	}
	if (keymap_bind_in(map, (enum key_context)context, spec, action) != 0) {
		*error = xasprintf(_("'%s' clashes with a longer or shorter binding; unbind that one "
		                     "first (bind KEYS none)"), spec);
		return -1;
	}
	return 0;
}

void keymap_reset(struct keymap *map)
{
	map->count = 0;
}

/* The compiled-in keymaps are read like the user's file (configline.c). */
static int apply_builtin_line(void *target, int count, char **words, char **error)
{
	return keymap_bind_words(target, count, words, error);
}

int keymap_load_builtin(struct keymap *map, const char *name, char **error)
{
	*error = NULL;
	const struct embedded_file *file = embedded_find(keymap_files, name, ".keys");
	if (!file) {
		char *names = embedded_names(keymap_files, ".keys");
		*error = xasprintf(_("unknown keymap '%s' (%s)"), name, names);
		free(names);
		return -1;
	}
	keymap_reset(map);
	config_read_builtin(file->name, file->data, file->size, "bind", apply_builtin_line, map);
	return 0;
}

void keymap_init_defaults(struct keymap *map)
{
	memset(map, 0, sizeof *map);
	char *error = NULL;
	if (keymap_load_builtin(map, "vi", &error) != 0)
		abort();
}

void keymap_clear(struct keymap *map)
{
	free(map->bindings);
	memset(map, 0, sizeof *map);
}

char *keymap_keys_for(const struct keymap *map, enum action action)
{
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; i < map->count; i++) {
		if (map->bindings[i].action != action)
			continue;
		char *name = keys_format(map->bindings[i].keys, map->bindings[i].length);
		if (sb.len)
			strbuf_putc(&sb, ' ');
		strbuf_puts(&sb, name);
		free(name);
	}
	return strbuf_detach(&sb);
}

/* ---------------------------------------------------------------- reader */

void key_reader_reset(struct key_reader *reader)
{
	memset(reader, 0, sizeof *reader);
}

bool key_reader_idle(const struct key_reader *reader)
{
	return reader->pending_count == 0 && reader->count == 0;
}

enum key_result key_reader_feed(struct key_reader *reader, const struct keymap *map, int key,
                                enum action *action, long *count)
{
	return key_reader_feed_in(reader, map, KEY_CONTEXT_ALL, key, action, count);
}

enum key_result key_reader_feed_in(struct key_reader *reader, const struct keymap *map,
                                   enum key_context context, int key, enum action *action,
                                   long *count)
{
	if (reader->pending_count == 0 && key >= '0' && key <= '9'
	    && (key != '0' || reader->count > 0)) {
		if (reader->count < 1000000)
			reader->count = reader->count * 10 + (key - '0');
		return KEY_PENDING;
	}
	if (key == 27 && !key_reader_idle(reader)) {
		/* Esc cancels a half-typed count or sequence */
		key_reader_reset(reader);
		return KEY_UNBOUND;
	}
	reader->pending[reader->pending_count++] = key;
	bool longer = false;
	/* The focused pane's bindings first, then those that hold everywhere. */
	enum key_context order[2] = { context, KEY_CONTEXT_ALL };
	for (int pass = context == KEY_CONTEXT_ALL ? 1 : 0; pass < 2 && !longer; pass++) {
		for (size_t i = 0; i < map->count; i++) {
			const struct key_binding *b = &map->bindings[i];
			if (b->context != order[pass]
			    || !is_prefix(reader->pending, reader->pending_count, b->keys, b->length))
				continue;
			if (b->length == reader->pending_count) {
				*action = b->action;
				*count = reader->count;
				key_reader_reset(reader);
				return KEY_ACTION;
			}
			longer = true;
		}
	}
	if (longer && reader->pending_count < KEYS_MAX_SEQUENCE)
		return KEY_PENDING;
	key_reader_reset(reader);
	return KEY_UNBOUND;
}

char *key_reader_pending_text(const struct key_reader *reader)
{
	struct strbuf sb;
	strbuf_init(&sb);
	if (reader->count)
		strbuf_printf(&sb, "%ld", reader->count);
	char *keys = keys_format(reader->pending, reader->pending_count);
	strbuf_puts(&sb, keys);
	free(keys);
	return strbuf_detach(&sb);
}
