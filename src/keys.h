/* Keys and key bindings: the notation ("j", "gg", "<C-d>", "<M-x>", "<F5>",
 * "<Tab>"), keymaps (the default is keymaps/vi.keys, compiled in), and a
 * reader that turns key presses into actions with counts ("5j") and
 * multi-key sequences ("gg").
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
#include "embedded.h"

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

/* Where a binding holds: everywhere, or only while a pane has the focus.
 * A binding of the focused pane wins over one that holds everywhere. */
#define KEY_CONTEXTS(X) \
	X(ALL, "all") X(LIST, "list") X(ARTICLE, "article") X(TAGS, "tags")

enum key_context {
#define KEY_CONTEXT_ENUM(id, name) KEY_CONTEXT_##id,
	KEY_CONTEXTS(KEY_CONTEXT_ENUM)
#undef KEY_CONTEXT_ENUM
	KEY_CONTEXT_COUNT
};

/* -1 when NAME is no context. */
int key_context_from_name(const char *name);
const char *key_context_name(enum key_context context);

struct key_binding {
	int keys[KEYS_MAX_SEQUENCE];
	int length;
	enum key_context context;
	enum action action;
};

struct keymap {
	struct key_binding *bindings;
	size_t count;
	size_t capacity;
};

/* The keymap files compiled in (keymaps/NAME.keys), NULL-terminated. */
extern const struct embedded_file keymap_files[];

/* The defaults: keymaps/vi.keys. */
void keymap_init_defaults(struct keymap *map);
void keymap_clear(struct keymap *map);
/* Drop every binding. */
void keymap_reset(struct keymap *map);
/* Replace MAP's bindings with the compiled-in keymap NAME ("vi", "emacs").
 * -1 with *ERROR when there is no such keymap. */
int keymap_load_builtin(struct keymap *map, const char *name, char **error);
/* Bind SPEC to ACTION everywhere, replacing a binding of the same keys.  -1
 * when SPEC is not valid, or is a prefix of another binding or has one as
 * prefix (the reader could never tell them apart). */
int keymap_bind(struct keymap *map, const char *spec, enum action action);
int keymap_bind_in(struct keymap *map, enum key_context context, const char *spec,
                   enum action action);
/* One `bind [CONTEXT] KEYS ACTION` line as words (WORDS[0] is "bind");
 * ACTION "none" removes the binding.  -1 with *ERROR (translated) when the
 * line is not valid. */
int keymap_bind_words(struct keymap *map, int count, char **words, char **error);
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
/* The same, with the bindings of CONTEXT first. */
enum key_result key_reader_feed_in(struct key_reader *reader, const struct keymap *map,
                                   enum key_context context, int key, enum action *action,
                                   long *count);
/* What has been typed so far ("5g"), for the status line (caller frees). */
char *key_reader_pending_text(const struct key_reader *reader);

#endif
