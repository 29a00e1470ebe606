/* Copying to the clipboard: tmux's buffer, OSC 52 (plain or through GNU
 * screen), local clipboard tools, and saying truthfully which was done. */
#include <config.h>

#include "clipboard.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "i18n.h"
#include "process.h"
#include "strbuf.h"
#include "xalloc.h"

static void base64(struct strbuf *sb, const unsigned char *data, size_t len)
{
	static const char digits[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned)data[i] << 16;
		if (i + 1 < len)
			v |= (unsigned)data[i + 1] << 8;
		if (i + 2 < len)
			v |= data[i + 2];
		strbuf_putc(sb, digits[(v >> 18) & 63]);
		strbuf_putc(sb, digits[(v >> 12) & 63]);
		strbuf_putc(sb, i + 1 < len ? digits[(v >> 6) & 63] : '=');
		strbuf_putc(sb, i + 2 < len ? digits[v & 63] : '=');
	}
}

/* screen passes a DCS string through to its terminal, but keeps only a
 * few hundred bytes of one: the sequence goes out in pieces of this size,
 * each its own DCS, which the outer terminal sees joined. */
#define SCREEN_PIECE 76

char *clipboard_osc52(const char *text, enum osc52_wrap wrap)
{
	struct strbuf plain;
	strbuf_init(&plain);
	strbuf_puts(&plain, "\033]52;c;");
	base64(&plain, (const unsigned char *)text, strlen(text));
	strbuf_putc(&plain, '\a');
	if (wrap == OSC52_PLAIN)
		return strbuf_detach(&plain);
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; i < plain.len; i += SCREEN_PIECE) {
		size_t n = plain.len - i < SCREEN_PIECE ? plain.len - i : SCREEN_PIECE;
		strbuf_puts(&sb, "\033P");
		strbuf_append(&sb, plain.data + i, n);
		strbuf_puts(&sb, "\033\\");
	}
	strbuf_clear(&plain);
	return strbuf_detach(&sb);
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Run ARGV with TEXT on its stdin and wait (briefly) for it: true when it
 * exited 0.  One still running after the wait is adopted (process.h). */
static bool feed_program(char *const argv[], const char *text)
{
	int pipe_fds[2];
	if (pipe(pipe_fds) != 0)
		return false;
	fcntl(pipe_fds[1], F_SETFD, FD_CLOEXEC);
	char *error = NULL;
	pid_t pid;
	int rc = process_start(argv, PROCESS_DETACHED, pipe_fds[0], &pid, &error);
	close(pipe_fds[0]);
	free(error);
	if (rc == 0) {
		/* The program may be gone already; a broken pipe must not kill us. */
		struct sigaction ignore = { .sa_handler = SIG_IGN }, old;
		sigemptyset(&ignore.sa_mask);
		sigaction(SIGPIPE, &ignore, &old);
		write_all(pipe_fds[1], text, strlen(text));
		sigaction(SIGPIPE, &old, NULL);
	}
	close(pipe_fds[1]);
	if (rc != 0)
		return false;
	/* xclip, xsel and wl-copy fork a keeper of the selection and exit. */
	int status = 0;
	if (process_wait(pid, 2000, &status) == 0) {
		process_adopt(pid, argv[0], NULL, false);
		return false;
	}
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* tmux load-buffer -w sets the buffer and sends it on to the terminal
 * (tmux 3.2 and later); an older tmux without -w still takes the buffer. */
static void copy_tmux(const char *text, struct clipboard_report *report)
{
	if (!process_program_exists("tmux"))
		return;
	char *with_w[] = { "tmux", "load-buffer", "-w", "-", NULL };
	if (feed_program(with_w, text)) {
		report->tmux = report->tmux_clipboard = true;
		return;
	}
	char *plain[] = { "tmux", "load-buffer", "-", NULL };
	report->tmux = feed_program(plain, text);
}

static const char *copy_with_tool(const char *text)
{
	static const struct {
		bool display;           /* needs a graphical display */
		const char *argv[4];
	} tools[] = {
		{ true, { "wl-copy", NULL, NULL, NULL } },
		{ true, { "xclip", "-selection", "clipboard", NULL } },
		{ true, { "xsel", "--clipboard", "--input", NULL } },
		{ false, { "pbcopy", NULL, NULL, NULL } },
	};
	int display = -1;
	for (size_t i = 0; i < sizeof tools / sizeof tools[0]; i++) {
		if (!process_program_exists(tools[i].argv[0]))
			continue;
		if (tools[i].display) {
			if (display < 0)
				display = process_display_reachable();
			if (!display)
				continue;
			/* wl-copy needs Wayland, xclip and xsel an X server. */
			const char *need = i == 0 ? getenv("WAYLAND_DISPLAY") : getenv("DISPLAY");
			if (!need || !*need)
				continue;
		}
		if (feed_program((char *const *)tools[i].argv, text))
			return tools[i].argv[0];
	}
	return NULL;
}

static bool env_set(const char *name)
{
	const char *value = getenv(name);
	return value && *value;
}

int clipboard_copy(const char *text, int fd, struct clipboard_report *report, char **error)
{
	memset(report, 0, sizeof *report);
	bool in_tmux = env_set("TMUX");
	if (in_tmux)
		copy_tmux(text, report);
	if (fd >= 0 && isatty(fd)) {
		/* Inside tmux plain OSC 52 reaches tmux's clipboard handling
		 * (set-clipboard on); tmux's DCS passthrough is off by default. */
		report->screen = !in_tmux && env_set("STY");
		char *seq = clipboard_osc52(text, report->screen ? OSC52_SCREEN : OSC52_PLAIN);
		report->osc52 = write_all(fd, seq, strlen(seq)) == 0;
		free(seq);
	}
	report->tool = copy_with_tool(text);
	if (!report->tmux && !report->osc52 && !report->tool) {
		*error = xstrdup(_("cannot copy: no terminal, no tmux and no clipboard tool"));
		return -1;
	}
	return 0;
}

char *clipboard_message(const struct clipboard_report *r, const char *text)
{
	char *head;
	if (r->tmux && r->tool)
		head = xasprintf(_("Copied to tmux's buffer and with %s"), r->tool);
	else if (r->tmux && r->tmux_clipboard)
		head = xstrdup(_("Copied to tmux's buffer (tmux sends it on to the terminal)"));
	else if (r->tmux)
		head = xstrdup(_("Copied to tmux's buffer"));
	else if (r->tool && r->osc52)
		head = xasprintf(_("Copied with %s and sent to the terminal via OSC 52"), r->tool);
	else if (r->tool)
		head = xasprintf(_("Copied with %s"), r->tool);
	else if (r->screen)
		head = xstrdup(_("Sent to the terminal via OSC 52 (through screen)"));
	else
		head = xstrdup(_("Sent to the terminal via OSC 52"));
	char *message = xasprintf("%s: %s", head, text);
	free(head);
	return message;
}
