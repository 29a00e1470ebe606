/* Copying text (a URL) to the clipboard from a terminal that may be a tmux
 * pane, a GNU screen window or an SSH session: tmux's own buffer (tmux
 * load-buffer -w, which also passes it on to the outer terminal), OSC 52
 * written to the terminal (plain, or wrapped for screen), and a local
 * clipboard tool when a display is really there.  The text is data only:
 * a pipe to a program started without a shell, or base64 in OSC 52.
 *
 * What happened is reported as it is: radar can know that tmux took the
 * buffer or that xclip exited 0, but not whether the terminal honoured an
 * OSC 52 sequence, so that is "sent", never "copied". */
#ifndef RADAR_CLIPBOARD_H
#define RADAR_CLIPBOARD_H

#include <stdbool.h>

enum osc52_wrap {
	OSC52_PLAIN,            /* ESC ] 52 ; c ; base64 BEL */
	OSC52_SCREEN,           /* in DCS pieces GNU screen passes through */
};

/* The OSC 52 sequence that sets the clipboard to TEXT.  Caller frees. */
char *clipboard_osc52(const char *text, enum osc52_wrap wrap);

struct clipboard_report {
	bool tmux;              /* tmux load-buffer took it (exit 0) */
	bool tmux_clipboard;    /* ... with -w: tmux passes it to the terminal */
	bool osc52;             /* the sequence was written to the terminal */
	bool screen;            /* ... wrapped for GNU screen */
	const char *tool;       /* a clipboard tool that exited 0, or NULL */
};

/* Copy TEXT every way this session allows: inside tmux ($TMUX) tmux
 * load-buffer, and OSC 52 to FD when it is a terminal (screen's wrap
 * inside $STY); wl-copy, xclip, xsel or pbcopy when a display is there.
 * 0 with *REPORT filled, or -1 with *ERROR when nothing could be done. */
int clipboard_copy(const char *text, int fd, struct clipboard_report *report, char **error);

/* The status line's words for REPORT and TEXT ("Sent to the terminal via
 * OSC 52: URL").  Translated; caller frees. */
char *clipboard_message(const struct clipboard_report *report, const char *text);

#endif
