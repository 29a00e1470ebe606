/* options.c and the config directives of issue 6: set, keymap, bind,
 * theme, color; file:line errors with suggestions; the compiled-in themes. */
#include <config.h>

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "configfile.h"
#include "options.h"
#include "tap.h"
#include "theme.h"
#include "xalloc.h"

static void set_is(enum option_id id, const char *value, int expected, const char *what)
{
	char *error = NULL;
	int r = option_set(id, value, &error);
	is_int(r, expected, "set %s %s: %s", option_name(id), value, what);
	if (expected < 0)
		ok(error && strstr(error, option_name(id)), "the error names the option: %s", error ? error : "");
	free(error);
}

int main(void)
{
	/* every default parses (value_of aborts otherwise) and matches its type */
	options_reset();
	for (int i = 0; i < OPTION_COUNT; i++) {
		char *error = NULL;
		is_int(option_set((enum option_id)i, option_default((enum option_id)i), &error), 0,
		       "the default of %s is valid", option_name((enum option_id)i));
		free(error);
		ok(*option_help((enum option_id)i), "%s has help", option_name((enum option_id)i));
	}
	options_reset();
	ok(option_bool(OPTION_MARK_READ_ON_OPEN), "mark-read-on-open defaults to yes");
	is_int(option_int(OPTION_TAGS_WIDTH), 24, "tags-width defaults to 24");
	is_str(option_string(OPTION_SORT), "newest", "sort defaults to newest");

	set_is(OPTION_MARK_READ_ON_OPEN, "off", 0, "off");
	ok(!option_bool(OPTION_MARK_READ_ON_OPEN), "now false");
	set_is(OPTION_MARK_READ_ON_OPEN, "TRUE", 0, "case-blind");
	ok(option_bool(OPTION_MARK_READ_ON_OPEN), "now true");
	set_is(OPTION_MARK_READ_ON_OPEN, "maybe", -1, "not a boolean");
	ok(option_bool(OPTION_MARK_READ_ON_OPEN), "a bad value keeps the old one");
	set_is(OPTION_TAGS_WIDTH, "30", 0, "in range");
	is_int(option_int(OPTION_TAGS_WIDTH), 30, "tags-width is 30");
	set_is(OPTION_TAGS_WIDTH, "5", -1, "below the range");
	set_is(OPTION_TAGS_WIDTH, "61", -1, "above the range");
	set_is(OPTION_TAGS_WIDTH, "3x", -1, "not a number");
	set_is(OPTION_TAGS_WIDTH, "", -1, "empty");
	set_is(OPTION_TAGS_WIDTH, "99999999999999999999999", -1, "overflow");
	is_int(option_int(OPTION_TAGS_WIDTH), 30, "still 30");
	set_is(OPTION_SORT, "title", 0, "an enum value");
	is_int(option_enum_index(OPTION_SORT), 2, "title is the third value");
	set_is(OPTION_SORT, "oldest", -1, "not one of the values");
	is_int(option_from_name("sort"), OPTION_SORT, "option by name");
	is_int(option_from_name("sorts"), -1, "no such option");

	/* the config reader */
	struct config c;
	int r = config_load_string(
		"set mark-read-on-open no\n"
		"set sort mentions\n"
		"keymap emacs\n"
		"bind x quit\n"
		"bind article <M-j> down\n"
		"theme light\n"
		"color status bright-white color52 bold underline\n",
		"good.conf", &c);
	is_int(r, 0, "a good config has no errors");
	ok(!option_bool(OPTION_MARK_READ_ON_OPEN), "set took effect");
	is_int(option_enum_index(OPTION_SORT), 1, "sort is mentions");
	char *keys = keymap_keys_for(&c.keymap, ACTION_QUIT);
	is_str(keys, "<C-x><C-c> <C-c> x", "keymap emacs then bind x quit");
	free(keys);
	keys = keymap_keys_for(&c.keymap, ACTION_DOWN);
	ok(strstr(keys, "<M-j>") != NULL, "bind in a context: %s", keys);
	free(keys);
	is_int(c.theme.areas[AREA_STATUS].fg, 15, "color: bright-white is 15");
	is_int(c.theme.areas[AREA_STATUS].bg, 52, "color: color52");
	is_int(c.theme.areas[AREA_STATUS].attrs, A_BOLD | A_UNDERLINE, "color: attributes");
	struct theme light;
	char *error = NULL;
	theme_load_builtin(&light, "light", &error);
	is_int(c.theme.areas[AREA_LINK].fg, light.areas[AREA_LINK].fg, "theme light took effect");
	config_clear(&c);

	/* saved views: a last word notify=yes|no is the view's option */
	r = config_load_string(
		"view quiet kind:paper\n"
		"view loud kind:paper tag:Agent notify=yes\n"
		"view off kind:project notify=no\n"
		"view bad kind:paper notify=maybe\n"
		"view alone notify=yes\n"
		"set notify-command \"notify-send radar\"\n"
		"set notify-bell yes\n",
		"views.conf", &c);
	is_int(r, -1, "views: the bad lines are problems");
	is_int((int)c.view_count, 3, "views: the good ones are kept");
	if (c.view_count == 3) {
		ok(!c.views[0].notify, "a view does not notify unless it says so");
		ok(c.views[1].notify, "notify=yes marks it");
		is_str(c.views[1].query, "kind:paper tag:Agent", "... and is no word of its query");
		ok(!c.views[2].notify, "notify=no");
		struct config_view *copy = config_views_copy(c.views, c.view_count);
		ok(copy[1].notify && !copy[0].notify, "a copy keeps notify");
		config_views_free(copy, c.view_count);
	}
	is_int((int)c.error_count, 2, "views: two problems");
	if (c.error_count == 2) {
		is_str(c.errors[0], "views.conf:4: view bad: notify= takes yes or no, not 'maybe'",
		       "a bad notify= value is named");
		is_str(c.errors[1], "views.conf:5: usage: view NAME QUERY [notify=yes]",
		       "notify=yes is no query");
	}
	is_str(option_string(OPTION_NOTIFY_COMMAND), "notify-send radar", "set notify-command");
	ok(option_bool(OPTION_NOTIFY_BELL), "set notify-bell");
	config_clear(&c);

	/* a fresh config starts from the defaults again */
	config_load_string("", "empty.conf", &c);
	ok(option_bool(OPTION_MARK_READ_ON_OPEN), "options back to their defaults");
	ok(!option_bool(OPTION_NOTIFY_BELL) && !*option_string(OPTION_NOTIFY_COMMAND),
	   "notify-bell no and no notify-command by default");
	keys = keymap_keys_for(&c.keymap, ACTION_TOP);
	is_str(keys, "gg <Home>", "the keymap is vi.keys");
	free(keys);
	struct theme def;
	theme_init_default(&def);
	ok(memcmp(&def, &c.theme, sizeof def) == 0, "the theme is default.theme");
	config_clear(&c);

	r = config_load_string(
		"set mark-raed-on-open no\n"        /* 1 */
		"set sort oldest\n"                 /* 2 */
		"bind j go-dwon\n"                  /* 3 */
		"bind <Nope> quit\n"                /* 4 */
		"bind lsit j down\n"                /* 5 */
		"color statsu red default\n"        /* 6 */
		"color status rde default\n"        /* 7 */
		"color status red default blod\n"   /* 8 */
		"theme solarized\n"                 /* 9 */
		"keymap nano\n"                     /* 10 */
		"stet sort title\n"                 /* 11 */
		"set tags-width\n"                  /* 12 */
		"bind g quit\n"                     /* 13 */
		"set sort title\n",                 /* 14: still read */
		"bad.conf", &c);
	is_int(r, -1, "a bad config reports errors");
	is_int((int)c.error_count, 13, "one error per bad line");
	/* Whole messages, so a lost or wrong suggestion fails. */
	static const struct {
		const char *message, *what;
	} expected_errors[] = {
		{ "bad.conf:1: unknown option 'mark-raed-on-open' (did you mean 'mark-read-on-open'?)",
		  "a misspelt option gets a suggestion" },
		{ "bad.conf:2: 'sort' takes one of newest, mentions, title, hot, not 'oldest'",
		  "an enum lists its values" },
		{ "bad.conf:3: unknown action 'go-dwon'", "an unknown action too far from any for a suggestion" },
		{ "bad.conf:4: '<Nope>' is not a key (write <C-x>, <M-x>, <F5>, <Enter>, <lt>...; at most 4 keys)",
		  "an unknown key" },
		{ "bad.conf:5: unknown context 'lsit' (did you mean 'list'?)", "a misspelt context" },
		{ "bad.conf:6: unknown colour area 'statsu' (did you mean 'status'?)", "a misspelt area" },
		{ "bad.conf:7: 'rde' is not a colour (default, red, bright-red, color0...color255)",
		  "a misspelt colour" },
		{ "bad.conf:8: 'blod' is not an attribute (bold, dim, underline, reverse, italic, blink, normal)",
		  "a misspelt attribute" },
		{ "bad.conf:9: unknown theme 'solarized' (default, light, 16color, mono)", "an unknown theme" },
		{ "bad.conf:10: unknown keymap 'nano' (vi, emacs)", "an unknown keymap" },
		{ "bad.conf:11: unknown command 'stet' (did you mean 'set'?)", "a misspelt directive" },
		{ "bad.conf:12: usage: set OPTION VALUE", "set without a value" },
		{ "bad.conf:13: 'g' clashes with a longer or shorter binding; unbind that one first (bind KEYS none)",
		  "a binding that clashes with gg" },
	};
	for (size_t i = 0; i < sizeof expected_errors / sizeof expected_errors[0]; i++)
		is_str(i < c.error_count ? c.errors[i] : NULL, expected_errors[i].message, "%s",
		       expected_errors[i].what);
	is_int(option_enum_index(OPTION_SORT), 2, "the good line after the bad ones took effect");
	keys = keymap_keys_for(&c.keymap, ACTION_DOWN);
	is_str(keys, "j <Down>", "bad bind lines left the keymap alone");
	free(keys);
	for (size_t i = 0; i < c.error_count; i++)
		tap_diag("%s", c.errors[i]);
	config_clear(&c);

	/* every compiled-in theme names every area, each once */
	const char *names[] = { "default", "light", "16color", "mono" };
	for (size_t t = 0; t < sizeof names / sizeof names[0]; t++) {
		struct theme theme;
		is_int(theme_load_builtin(&theme, names[t], &error), 0, "theme %s loads", names[t]);
		const struct embedded_file *f = theme_files;
		while (f->name && strncmp(f->name, names[t], strlen(names[t])) != 0)
			f++;
		int missing = 0;
		for (int a = 0; a < AREA_COUNT; a++) {
			char *needle = xasprintf("\ncolor %s ", color_area_name((enum color_area)a));
			if (!strstr(f->data, needle))
				missing++;
			free(needle);
		}
		is_int(missing, 0, "theme %s names every area", names[t]);
		if (strcmp(names[t], "mono") == 0) {
			int coloured = 0;
			for (int a = 0; a < AREA_COUNT; a++)
				coloured += theme.areas[a].fg != -1 || theme.areas[a].bg != -1;
			is_int(coloured, 0, "mono has no colours");
		}
	}

	/* fitting colours to the terminal */
	is_int(color_fit(-1, 8), -1, "default stays default");
	is_int(color_fit(3, 8), 3, "a basic colour stays");
	is_int(color_fit(9, 8), 1, "bright red on 8 colours is red");
	is_int(color_fit(196, 16), 9, "color196 on 16 colours is bright red");
	is_int(color_fit(196, 8), 1, "color196 on 8 colours is red");
	is_int(color_fit(232, 16), 0, "the darkest grey is black");
	is_int(color_fit(231, 16), 15, "the cube's white is bright white");
	is_int(color_fit(250, 16), 7, "a light grey is white");
	is_int(color_fit(75, 256), 75, "fits as it is on 256 colours");
	return tap_done();
}
