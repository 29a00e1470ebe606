/* keys.c: notation, the default keymap from actions.h, counts and sequences. */
#include <config.h>

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "strbuf.h"
#include "tap.h"

static void parse_is(const char *spec, int expected_count, const int *expected, const char *what)
{
	int keys[KEYS_MAX_SEQUENCE];
	int n = keys_parse(spec, keys, KEYS_MAX_SEQUENCE);
	bool same = n == expected_count;
	for (int i = 0; same && i < n; i++)
		same = keys[i] == expected[i];
	ok(same, "parse %s: %s", spec, what);
	if (n > 0) {
		char *back = keys_format(keys, n);
		int again[KEYS_MAX_SEQUENCE];
		int m = keys_parse(back, again, KEYS_MAX_SEQUENCE);
		ok(m == n && memcmp(again, keys, sizeof(int) * (size_t)n) == 0, "%s formats as %s and back", spec, back);
		free(back);
	}
}

/* Feed SPEC's keys; the result of the last one, with the action and count. */
static enum key_result feed(struct key_reader *r, const struct keymap *map, const char *keys,
                            enum action *action, long *count)
{
	enum key_result result = KEY_UNBOUND;
	for (const char *p = keys; *p; p++)
		result = key_reader_feed(r, map, (unsigned char)*p, action, count);
	return result;
}

int main(void)
{
	int keys0[KEYS_MAX_SEQUENCE];
	parse_is("j", 1, (int[]){ 'j' }, "a letter");
	parse_is("gg", 2, (int[]){ 'g', 'g' }, "a sequence");
	parse_is("<C-d>", 1, (int[]){ 4 }, "Ctrl-d is its control code");
	parse_is("<c-D>", 1, (int[]){ 4 }, "Ctrl is case-blind");
	parse_is("<M-x>", 1, (int[]){ KEY_ALT_BIT | 'x' }, "Alt");
	parse_is("<F5>", 1, (int[]){ KEY_FUNCTION_BIT | KEY_F(5) }, "a function key");
	parse_is("<Tab>", 1, (int[]){ '\t' }, "Tab");
	parse_is("<Enter>", 1, (int[]){ '\n' }, "Enter");
	parse_is("<PageDown>", 1, (int[]){ KEY_FUNCTION_BIT | KEY_NPAGE }, "PageDown");
	parse_is("<C-w>j", 2, (int[]){ 23, 'j' }, "a named key then a letter");
	parse_is("<M-Tab>", 1, (int[]){ KEY_ALT_BIT | '\t' }, "Alt with a named key");
	parse_is("中", 1, (int[]){ 0x4E2D }, "a CJK character");
	parse_is("é", 1, (int[]){ 0xE9 }, "a two-byte character");
	parse_is("\xF0\x9F\x98\x80", 1, (int[]){ 0x1F600 }, "a four-byte character");
	parse_is("<M-é>", 1, (int[]){ KEY_ALT_BIT | 0xE9 }, "Alt with a non-ASCII character");
	is_int(keys_parse("\xFF", keys0, KEYS_MAX_SEQUENCE), -1, "a byte that is not UTF-8 is refused");
	is_int(keys_parse("\xE4\xB8", keys0, KEYS_MAX_SEQUENCE), -1, "a cut UTF-8 sequence is refused");
	char *formatted = keys_format((int[]){ 0x4E2D, 0x1F600 }, 2);
	is_str(formatted, "中\xF0\x9F\x98\x80", "non-ASCII keys format as their UTF-8");
	free(formatted);
	parse_is("<lt>", 1, (int[]){ '<' }, "a literal <");
	int keys[KEYS_MAX_SEQUENCE];
	is_int(keys_parse("", keys, KEYS_MAX_SEQUENCE), -1, "empty spec is refused");
	is_int(keys_parse("<Nope>", keys, KEYS_MAX_SEQUENCE), -1, "unknown name is refused");
	is_int(keys_parse("<F99>", keys, KEYS_MAX_SEQUENCE), -1, "F99 is refused");
	is_int(keys_parse("<C-1>", keys, KEYS_MAX_SEQUENCE), -1, "Ctrl-1 is refused");
	is_int(keys_parse("abcde", keys, KEYS_MAX_SEQUENCE), -1, "a sequence longer than the maximum is refused");
	is_int(keys_parse("\x01", keys, KEYS_MAX_SEQUENCE), -1, "a raw control byte is refused");

	is_int(key_from_curses(OK, '\r'), '\n', "CR is Enter");
	is_int(key_from_curses(KEY_CODE_YES, KEY_ENTER), '\n', "KEY_ENTER is Enter");
	is_int(key_from_curses(OK, 127), KEY_FUNCTION_BIT | KEY_BACKSPACE, "DEL is Backspace");
	is_int(key_from_curses(KEY_CODE_YES, KEY_UP), KEY_FUNCTION_BIT | KEY_UP, "cursor keys get the function bit");

	struct keymap map;
	keymap_init_defaults(&map);
	char *keys_text = keymap_keys_for(&map, ACTION_TOP);
	is_str(keys_text, "gg <Home>", "default keys of top, in notation");
	free(keys_text);
	is_str(action_name(ACTION_MARK_ALL_READ), "mark-all-read", "action names from the table");
	is_int(action_from_name("copy-url"), ACTION_COPY_URL, "action from its name");
	is_int(action_from_name("no-such"), ACTION_NONE, "unknown action name");
	struct strbuf missing;
	strbuf_init(&missing);
	for (int a = 1; a < ACTION_COUNT; a++) {
		char *k = keymap_keys_for(&map, (enum action)a);
		if (!*k)
			strbuf_printf(&missing, " %s", action_name((enum action)a));
		free(k);
	}
	is_str(missing.data ? missing.data : "", "", "every action has a default key (none missing)");
	strbuf_clear(&missing);

	struct key_reader r;
	key_reader_reset(&r);
	enum action action = ACTION_NONE;
	long count = -1;
	is_int(feed(&r, &map, "j", &action, &count), KEY_ACTION, "j is an action");
	is_int(action, ACTION_DOWN, "j moves down");
	is_int(count, 0, "without a count");
	is_int(feed(&r, &map, "12", &action, &count), KEY_PENDING, "digits wait for a key");
	ok(!key_reader_idle(&r), "the reader is not idle during a count");
	char *pending = key_reader_pending_text(&r);
	is_str(pending, "12", "the count typed so far");
	free(pending);
	is_int(feed(&r, &map, "j", &action, &count), KEY_ACTION, "12j is an action");
	is_int(count, 12, "with count 12");
	is_int(feed(&r, &map, "g", &action, &count), KEY_PENDING, "g waits for the second g");
	is_int(feed(&r, &map, "g", &action, &count), KEY_ACTION, "gg is an action");
	is_int(action, ACTION_TOP, "gg goes to the top");
	is_int(feed(&r, &map, "5gg", &action, &count), KEY_ACTION, "5gg");
	is_int(count, 5, "5gg has count 5");
	is_int(feed(&r, &map, "gx", &action, &count), KEY_UNBOUND, "gx is not bound");
	ok(key_reader_idle(&r), "an unbound sequence leaves the reader idle");
	is_int(feed(&r, &map, "0", &action, &count), KEY_UNBOUND, "0 alone is no count");
	is_int(feed(&r, &map, "3", &action, &count), KEY_PENDING, "3 starts a count");
	is_int(key_reader_feed(&r, &map, 27, &action, &count), KEY_UNBOUND, "Esc cancels a count");
	ok(key_reader_idle(&r), "and the reader is idle again");
	is_int(key_reader_feed(&r, &map, 4, &action, &count), KEY_ACTION, "Ctrl-d");
	is_int(action, ACTION_HALF_DOWN, "Ctrl-d is half a page down");
	is_int(key_reader_feed(&r, &map, KEY_FUNCTION_BIT | KEY_F(1), &action, &count), KEY_ACTION, "F1");
	is_int(action, ACTION_HELP, "F1 is help");

	is_int(keymap_bind(&map, "g", ACTION_QUIT), -1, "binding a prefix of gg is refused");
	is_int(keymap_bind(&map, "ggx", ACTION_QUIT), -1, "binding an extension of gg is refused");
	is_int(keymap_bind(&map, "5", ACTION_QUIT), -1, "binding a digit is refused");
	is_int(keymap_bind(&map, "<M-q>", ACTION_QUIT), 0, "binding Alt-q");
	is_int(key_reader_feed(&r, &map, KEY_ALT_BIT | 'q', &action, &count), KEY_ACTION, "Alt-q");
	is_int(action, ACTION_QUIT, "Alt-q quits");
	is_int(keymap_bind(&map, "j", ACTION_UP), 0, "rebinding j");
	feed(&r, &map, "j", &action, &count);
	is_int(action, ACTION_UP, "j now moves up");

	/* Contexts: a pane's binding wins there; elsewhere the global one holds. */
	is_int(keymap_bind_in(&map, KEY_CONTEXT_ARTICLE, "x", ACTION_OPEN_LINK), 0, "bind x in the article");
	is_int(keymap_bind_in(&map, KEY_CONTEXT_ALL, "x", ACTION_STAR), 0, "bind x everywhere");
	is_int(key_reader_feed_in(&r, &map, KEY_CONTEXT_ARTICLE, 'x', &action, &count), KEY_ACTION, "x in the article");
	is_int(action, ACTION_OPEN_LINK, "x opens a link in the article");
	key_reader_feed_in(&r, &map, KEY_CONTEXT_LIST, 'x', &action, &count);
	is_int(action, ACTION_STAR, "x stars in the list");
	is_int(keymap_bind_in(&map, KEY_CONTEXT_LIST, "gx", ACTION_HELP), 0,
	       "gx in the list does not clash with gg everywhere");
	is_int(feed(&r, &map, "gg", &action, &count), KEY_ACTION, "gg still works");

	/* bind lines as the config writes them */
	char *error = NULL;
	char *line1[] = { "bind", "<M-gt>", "bottom" };
	is_int(keymap_bind_words(&map, 3, line1, &error), 0, "bind <M-gt> bottom");
	is_int(key_reader_feed(&r, &map, KEY_ALT_BIT | '>', &action, &count), KEY_ACTION, "Alt->");
	is_int(action, ACTION_BOTTOM, "Alt-> is bottom");
	char *line2[] = { "bind", "tags", "<C-x>", "quit" };
	is_int(keymap_bind_words(&map, 4, line2, &error), 0, "bind tags <C-x> quit");
	char *line3[] = { "bind", "x", "no-such-action" };
	is_int(keymap_bind_words(&map, 3, line3, &error), -1, "an unknown action is refused");
	ok(error && strstr(error, "no-such-action"), "the error names it: %s", error ? error : "");
	free(error);
	char *line4[] = { "bind", "<Nope>", "quit" };
	is_int(keymap_bind_words(&map, 3, line4, &error), -1, "an unknown key name is refused");
	free(error);
	char *line5[] = { "bind", "pane", "x", "quit" };
	is_int(keymap_bind_words(&map, 4, line5, &error), -1, "an unknown context is refused");
	free(error);
	char *line6[] = { "bind", "x" };
	is_int(keymap_bind_words(&map, 2, line6, &error), -1, "a bind without an action is refused");
	free(error);
	char *line7[] = { "bind", "x", "none" };
	is_int(keymap_bind_words(&map, 3, line7, &error), 0, "bind x none unbinds");
	is_int(key_reader_feed(&r, &map, 'x', &action, &count), KEY_UNBOUND, "x is unbound everywhere");
	is_int(key_reader_feed_in(&r, &map, KEY_CONTEXT_ARTICLE, 'x', &action, &count), KEY_ACTION,
	       "but still bound in the article");

	/* The compiled-in keymaps load (a bad line in them would abort). */
	is_int(keymap_load_builtin(&map, "emacs", &error), 0, "keymap emacs");
	is_int(key_reader_feed(&r, &map, 14, &action, &count), KEY_ACTION, "Ctrl-n in emacs");
	is_int(action, ACTION_DOWN, "Ctrl-n moves down");
	is_int(feed(&r, &map, "j", &action, &count), KEY_UNBOUND, "j is not bound in emacs");
	is_int(key_reader_feed(&r, &map, 24, &action, &count), KEY_PENDING, "Ctrl-x waits");
	is_int(key_reader_feed(&r, &map, 3, &action, &count), KEY_ACTION, "Ctrl-x Ctrl-c");
	is_int(action, ACTION_QUIT, "Ctrl-x Ctrl-c quits");
	is_int(keymap_load_builtin(&map, "nano", &error), -1, "an unknown keymap is refused");
	ok(error && strstr(error, "vi") && strstr(error, "emacs"), "the error lists the keymaps: %s",
	   error ? error : "");
	free(error);
	keymap_clear(&map);
	return tap_done();
}
