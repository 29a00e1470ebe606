/* Keys and key bindings: the notation ("j", "gg", "<C-d>", "<M-x>", "<F5>",
 * "<Tab>"), the default keymap built from actions.h, and a reader that turns
 * key presses into actions with counts ("5j") and multi-key sequences ("gg").
 *
 * A key is an int: a Unicode code point (Ctrl-letter is its control code,
 * 1-26, as terminals send it; Enter is '\n'), KEY_FUNCTION_BIT | an ncurses
 * KEY_* code for function and cursor keys, and KEY_ALT_BIT | key for Alt
 * (ESC followed by the key). */
#ifndef RADAR_KEYS_H
#define RADAR_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "actions.h"

#define KEY_FUNCTION_BIT 0x1000000
#define KEY_ALT_BIT 0x2000000
#define KEYS_MAX_SEQUENCE 4

/* The key from ncurses get_wch(): RESULT is its return value (OK or
 * KEY_CODE_YES), CH what it stored.  Folds '\r' and KEY_ENTER into '\n'. */
int key_from_curses(int result, unsigned int ch);

/* Parse key notation, one key or a sequence ("gg", "<C-w>j").  Returns the
 * number of keys stored in KEYS (at most MAX), or -1 when SPEC is not valid. */
int keys_parse(const char *spec, int *keys, int max);
/* Notation for a sequence (caller frees); parses back to the same keys. */
char *keys_format(const int *keys, int count);

struct key_binding {
	int keys[KEYS_MAX_SEQUENCE];
	int length;
	enum action action;
};

struct keymap {
	struct key_binding *bindings;
	size_t count;
	size_t capacity;
};

/* The defaults from ACTIONS(). */
void keymap_init_defaults(struct keymap *map);
void keymap_free(struct keymap *map);
/* Bind SPEC to ACTION, replacing a binding of the same keys.  -1 when SPEC
 * is not valid, or is a prefix of another binding or has one as prefix
 * (the reader could never tell them apart). */
int keymap_bind(struct keymap *map, const char *spec, enum action action);
/* The keys bound to ACTION in notation, space-separated (caller frees). */
char *keymap_keys_for(const struct keymap *map, enum action action);

const char *action_name(enum action action);
const char *action_help(enum action action);   /* untranslated: pass through _() */
/* ACTION_NONE when NAME is no action. */
enum action action_from_name(const char *name);

/* Turns key presses into actions. */
struct key_reader {
	int pending[KEYS_MAX_SEQUENCE];
	int pending_count;
	long count;             /* 0: no count typed */
};

enum key_result {
	KEY_PENDING,            /* part of a count or a sequence: wait for more */
	KEY_ACTION,             /* *ACTION and *COUNT (0 when none was typed) are set */
	KEY_UNBOUND,            /* no binding: the keys so far are dropped */
};

void key_reader_reset(struct key_reader *reader);
/* Nothing typed yet: no count, no partial sequence. */
bool key_reader_idle(const struct key_reader *reader);
enum key_result key_reader_feed(struct key_reader *reader, const struct keymap *map, int key,
                                enum action *action, long *count);
/* What has been typed so far ("5g"), for the status line (caller frees). */
char *key_reader_pending_text(const struct key_reader *reader);

#endif
