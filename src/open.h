/* Handing a URL to the world outside the terminal: the browser, and the
 * clipboard.  URLs come from digests and are untrusted, so they are only
 * ever passed as one argv element (posix_spawnp, never a shell) or as data
 * (OSC 52 base64, a pipe to a clipboard tool). */
#ifndef RADAR_OPEN_H
#define RADAR_OPEN_H

#include <stdbool.h>

enum open_result {
	OPEN_STARTED,           /* the browser was started */
	OPEN_NO_DISPLAY,        /* no $BROWSER and no graphical display (SSH): offer copy */
	OPEN_FAILED,            /* *ERROR says why */
};

/* Start $BROWSER (its first ':'-separated entry, split into words on
 * blanks, no shell) or, with a display, xdg-open, with URL as the last
 * argument.  Its standard streams go to /dev/null so it cannot draw over
 * the screen; it is not waited for (call open_reap_children now and then). */
enum open_result open_url(const char *url, char **error);

/* Collect finished children started by open_url and open_copy. */
void open_reap_children(void);

/* The OSC 52 sequence that sets the clipboard to TEXT ("ESC ] 52 ; c ;
 * base64 BEL"), wrapped for tmux's passthrough (ESC P tmux; ... ESC \)
 * when IN_TMUX.  Caller frees. */
char *open_osc52_sequence(const char *text, bool in_tmux);

/* Copy TEXT: the OSC 52 sequence written to FD (the terminal), and a
 * clipboard tool (wl-copy, xclip, xsel, pbcopy) fed through a pipe when
 * one is found for this session.  Returns 0, or -1 with *ERROR set when
 * nothing could be done; *VIA names what was used (static string). */
int open_copy(const char *text, int fd, const char **via, char **error);

#endif
