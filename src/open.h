/* Opening a URL in a browser.  URLs come from digests and are untrusted, so
 * a URL is only ever one argv element of a program started with
 * posix_spawnp, never text for a shell.
 *
 * Which browser: the `browser` setting (an argv template, %u the URL),
 * else $BROWSER (its first ':'-separated entry, %s the URL), else
 * xdg-open when a graphical display is really there.  A terminal browser
 * (w3m, lynx, elinks, links, browsh ..., or `set browser-in-terminal yes`)
 * needs the terminal: the reader gives it the screen and waits.  Others
 * are started detached; their exit status is collected later (process.h). */
#ifndef RADAR_OPEN_H
#define RADAR_OPEN_H

#include <stdbool.h>

enum open_result {
	OPEN_READY,             /* *PLAN is filled */
	OPEN_NO_DISPLAY,        /* no browser set and no graphical display (SSH): offer copy */
	OPEN_FAILED,            /* *ERROR says why */
};

struct open_plan {
	char **argv;            /* NULL-terminated */
	bool in_terminal;       /* run in the foreground with the terminal */
};

/* The command that would open URL. */
enum open_result open_plan_url(const char *url, struct open_plan *plan, char **error);
void open_plan_clear(struct open_plan *plan);

/* Start PLAN detached (standard streams on /dev/null); its exit status is
 * reported by process_reap() with URL.  0, or -1 with *ERROR. */
int open_start(const struct open_plan *plan, const char *url, char **error);
/* Start PLAN detached without waiting at all, for many links at once: its
 * exit status, a quick failure too, is reported later by process_reap()
 * with URL.  0 when it started, or -1 with *ERROR. */
int open_hand_over(const struct open_plan *plan, const char *url, char **error);
/* Run PLAN with the terminal and wait for it (the caller has given up the
 * screen).  0 when it exited 0; -1 with *ERROR ("w3m exited with status
 * 1") otherwise. */
int open_run(const struct open_plan *plan, char **error);

/* Whether PROGRAM (a path or a name) is a browser that draws in the
 * terminal. */
bool open_is_terminal_browser(const char *program);

/* Split TEMPLATE into words (quotes as in the config file) with every %u
 * replaced by URL (%% is a %), URL added as a last word when there is no
 * %u.  NULL when TEMPLATE has no words or cannot be split. */
char **open_expand_template(const char *template, const char *placeholder, const char *url);

#endif
