/* Opening URLs in a browser and copying them, without a shell. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "i18n.h"
#include "open.h"
#include "strbuf.h"
#include "xalloc.h"

extern char **environ;

static bool has_display(void)
{
	const char *x = getenv("DISPLAY");
	const char *wayland = getenv("WAYLAND_DISPLAY");
	return (x && *x) || (wayland && *wayland);
}

/* Whether PROGRAM can be found in $PATH (or is a path itself). */
static bool program_exists(const char *program)
{
	if (strchr(program, '/'))
		return access(program, X_OK) == 0;
	const char *path = getenv("PATH");
	if (!path)
		path = "/usr/bin:/bin";
	char *copy = xstrdup(path);
	bool found = false;
	char *save = NULL;
	for (char *dir = strtok_r(copy, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
		char *full = xasprintf("%s/%s", *dir ? dir : ".", program);
		struct stat st;
		found = stat(full, &st) == 0 && S_ISREG(st.st_mode) && access(full, X_OK) == 0;
		free(full);
	}
	free(copy);
	return found;
}

/* Spawn ARGV with stdin from STDIN_FD (-1: /dev/null) and stdout/stderr to
 * /dev/null, in its own process group so the terminal's Ctrl-C stays ours. */
static int spawn_detached(char *const argv[], int stdin_fd, char **error)
{
	posix_spawn_file_actions_t actions;
	posix_spawnattr_t attr;
	posix_spawn_file_actions_init(&actions);
	posix_spawnattr_init(&attr);
	if (stdin_fd >= 0)
		posix_spawn_file_actions_adddup2(&actions, stdin_fd, STDIN_FILENO);
	else
		posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
	posix_spawnattr_setpgroup(&attr, 0);
	sigset_t defaults;
	sigemptyset(&defaults);
	sigaddset(&defaults, SIGINT);
	sigaddset(&defaults, SIGPIPE);
	sigaddset(&defaults, SIGTERM);
	posix_spawnattr_setsigdefault(&attr, &defaults);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF);
	pid_t pid;
	int rc = posix_spawnp(&pid, argv[0], &actions, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&actions);
	posix_spawnattr_destroy(&attr);
	if (rc != 0) {
		*error = xasprintf(_("cannot start %s: %s"), argv[0], strerror(rc));
		return -1;
	}
	return 0;
}

void open_reap_children(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

/* $BROWSER's first entry split into words, then URL: NULL-terminated. */
static char **browser_argv(const char *browser, const char *url)
{
	char *first = xstrndup(browser, strcspn(browser, ":"));
	size_t count = 0;
	size_t capacity = 0;
	char **argv = NULL;
	char *save = NULL;
	for (char *word = strtok_r(first, " \t", &save); word; word = strtok_r(NULL, " \t", &save)) {
		argv = xgrow(argv, &capacity, count + 3, sizeof *argv);
		argv[count++] = xstrdup(word);
	}
	free(first);
	if (count == 0)
		return NULL;
	argv[count++] = xstrdup(url);
	argv[count] = NULL;
	return argv;
}

static void free_argv(char **argv)
{
	for (size_t i = 0; argv && argv[i]; i++)
		free(argv[i]);
	free(argv);
}

enum open_result open_url(const char *url, char **error)
{
	const char *browser = getenv("BROWSER");
	char **argv = NULL;
	if (browser && *browser)
		argv = browser_argv(browser, url);
	if (!argv) {
		if (!has_display())
			return OPEN_NO_DISPLAY;
		argv = xcalloc(3, sizeof *argv);
		argv[0] = xstrdup("xdg-open");
		argv[1] = xstrdup(url);
	}
	int rc = spawn_detached(argv, -1, error);
	free_argv(argv);
	return rc == 0 ? OPEN_STARTED : OPEN_FAILED;
}

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

char *open_osc52_sequence(const char *text, bool in_tmux)
{
	struct strbuf sb;
	strbuf_init(&sb);
	/* tmux passes a DCS "tmux;" body through to the outer terminal, with
	 * every ESC inside doubled. */
	const char *esc = in_tmux ? "\033\033" : "\033";
	if (in_tmux)
		strbuf_puts(&sb, "\033Ptmux;");
	strbuf_puts(&sb, esc);
	strbuf_puts(&sb, "]52;c;");
	base64(&sb, (const unsigned char *)text, strlen(text));
	strbuf_putc(&sb, '\a');
	if (in_tmux)
		strbuf_puts(&sb, "\033\\");
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

/* Feed TEXT to a clipboard tool that suits this session; true if one ran. */
static bool copy_with_tool(const char *text, const char **via)
{
	static const struct {
		const char *needs;      /* environment variable that must be set, or NULL */
		const char *argv[4];
	} tools[] = {
		{ "WAYLAND_DISPLAY", { "wl-copy", NULL, NULL, NULL } },
		{ "DISPLAY", { "xclip", "-selection", "clipboard", NULL } },
		{ "DISPLAY", { "xsel", "--clipboard", "--input", NULL } },
		{ NULL, { "pbcopy", NULL, NULL, NULL } },
	};
	for (size_t i = 0; i < sizeof tools / sizeof tools[0]; i++) {
		if (tools[i].needs) {
			const char *value = getenv(tools[i].needs);
			if (!value || !*value)
				continue;
		}
		if (!program_exists(tools[i].argv[0]))
			continue;
		int pipe_fds[2];
		if (pipe(pipe_fds) != 0)
			return false;
		fcntl(pipe_fds[1], F_SETFD, FD_CLOEXEC);
		char *error = NULL;
		int rc = spawn_detached((char *const *)tools[i].argv, pipe_fds[0], &error);
		close(pipe_fds[0]);
		free(error);
		if (rc == 0) {
			/* The tool may be gone already; a broken pipe must not kill us. */
			struct sigaction ignore = { .sa_handler = SIG_IGN }, old;
			sigemptyset(&ignore.sa_mask);
			sigaction(SIGPIPE, &ignore, &old);
			write_all(pipe_fds[1], text, strlen(text));
			sigaction(SIGPIPE, &old, NULL);
		}
		close(pipe_fds[1]);
		if (rc == 0) {
			*via = tools[i].argv[0];
			return true;
		}
	}
	return false;
}

int open_copy(const char *text, int fd, const char **via, char **error)
{
	*via = NULL;
	bool osc_ok = false;
	if (fd >= 0 && isatty(fd)) {
		const char *tmux = getenv("TMUX");
		char *seq = open_osc52_sequence(text, tmux && *tmux);
		osc_ok = write_all(fd, seq, strlen(seq)) == 0;
		free(seq);
		if (osc_ok)
			*via = "OSC 52";
	}
	const char *tool = NULL;
	if (copy_with_tool(text, &tool))
		*via = tool;
	if (!osc_ok && !tool) {
		*error = xstrdup(_("cannot copy: no terminal and no clipboard tool"));
		return -1;
	}
	return 0;
}
