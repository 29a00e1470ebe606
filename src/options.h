/* The settings of `set OPTION VALUE` in the config file, as one X-macro
 * table: the parser, the checks, radar(5) and the defaults all come from it.
 *
 * X(ID, NAME, TYPE, DEFAULT, VALUES, HELP):
 *   ID       the enum suffix (OPTION_ID)
 *   NAME     as the config file writes it
 *   TYPE     OPTION_BOOL (yes/no, on/off, true/false, 1/0), OPTION_INT,
 *            OPTION_STRING or OPTION_ENUM
 *   DEFAULT  the value as a config file would spell it (parsed like one)
 *   VALUES   OPTION_INT: "MIN..MAX"; OPTION_ENUM: "a|b|c"; otherwise ""
 *   HELP     one line, N_() so it can be translated
 *
 * The values are process-wide: the config sets them at start-up, the
 * reader and the commands read them.  Only the thread that loads the config
 * may set them. */
#ifndef RADAR_OPTIONS_H
#define RADAR_OPTIONS_H

#include <stdbool.h>

#include "i18n.h"

enum option_type { OPTION_BOOL, OPTION_INT, OPTION_STRING, OPTION_ENUM };

#define OPTIONS(X) \
	X(MARK_READ_ON_OPEN, "mark-read-on-open", OPTION_BOOL, "yes", "", \
	  N_("opening an item marks it read")) \
	X(REFRESH_ON_START, "refresh-on-start", OPTION_BOOL, "yes", "", \
	  N_("the reader fetches the sources in the background when it starts")) \
	X(AMBIGUOUS_WIDE, "ambiguous-wide", OPTION_BOOL, "no", "", \
	  N_("count East Asian ambiguous characters as two columns (as CJK terminals draw them)")) \
	X(SORT, "sort", OPTION_ENUM, "newest", "newest|mentions|title|hot", \
	  N_("the list's order when the reader starts")) \
	X(HOT_DAYS, "hot-days", OPTION_INT, "7", "1..365", \
	  N_("the Hot view and sort count the sources of this many days (today included)")) \
	X(TAGS_WIDTH, "tags-width", OPTION_INT, "24", "12..60", \
	  N_("columns of the tag pane")) \
	X(THREE_PANE_COLUMNS, "three-pane-columns", OPTION_INT, "120", "60..1000", \
	  N_("from this many columns the tag, list and article panes are shown side by side")) \
	X(BROWSER, "browser", OPTION_STRING, "", "", \
	  N_("the program that opens links, as words with %u for the URL (no shell); empty: $BROWSER, else xdg-open")) \
	X(BROWSER_IN_TERMINAL, "browser-in-terminal", OPTION_ENUM, "auto", "auto|yes|no", \
	  N_("run the browser in the terminal, radar waiting for it (auto: for w3m, lynx, elinks, links, browsh)")) \
	X(HYPERLINKS, "hyperlinks", OPTION_ENUM, "auto", "auto|yes|no", \
	  N_("radar show makes its Links clickable (OSC 8); auto: when printing to a terminal")) \
	X(NOTIFY_COMMAND, "notify-command", OPTION_STRING, "", "", \
	  N_("the program run when a refresh in the reader brings new items into a view marked notify=yes, as words (no shell): %v the view's name, %n how many; without either both are added as the last two words")) \
	X(NOTIFY_BELL, "notify-bell", OPTION_BOOL, "no", "", \
	  N_("ring the terminal's bell when a refresh in the reader brings new items into a view marked notify=yes"))

enum option_id {
#define OPTION_ENUM_ID(id, name, type, def, values, help) OPTION_##id,
	OPTIONS(OPTION_ENUM_ID)
#undef OPTION_ENUM_ID
	OPTION_COUNT
};

/* Back to the table's defaults. */
void options_reset(void);
/* -1 when NAME is no option. */
int option_from_name(const char *name);
/* Set option ID from its config spelling.  -1 with *ERROR (translated, no
 * file:line) when VALUE is not valid; the old value stays. */
int option_set(enum option_id id, const char *value, char **error);

bool option_bool(enum option_id id);
long option_int(enum option_id id);
const char *option_string(enum option_id id);   /* also OPTION_ENUM's value */
/* OPTION_ENUM: the value's index in VALUES. */
int option_enum_index(enum option_id id);

/* The table, for docs and checks (untranslated HELP: pass through _()). */
const char *option_name(enum option_id id);
enum option_type option_type(enum option_id id);
const char *option_default(enum option_id id);
const char *option_values(enum option_id id);
const char *option_help(enum option_id id);

#endif
