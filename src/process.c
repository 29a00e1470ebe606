/* Child processes without a shell: starting, waiting with a time limit,
 * adopting and reaping the ones that outlive the wait, and whether a
 * graphical display is really there. */
#include <config.h>

#include "process.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "xalloc.h"

extern char **environ;

bool process_program_exists(const char *program)
{
	if (!program || !*program)
		return false;
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

int process_start(char *const argv[], enum process_mode mode, int stdin_fd, pid_t *pid, char **error)
{
	posix_spawn_file_actions_t actions;
	posix_spawnattr_t attr;
	posix_spawn_file_actions_init(&actions);
	posix_spawnattr_init(&attr);
	if (stdin_fd >= 0)
		posix_spawn_file_actions_adddup2(&actions, stdin_fd, STDIN_FILENO);
	else if (mode == PROCESS_DETACHED)
		posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	short flags = POSIX_SPAWN_SETSIGDEF;
	if (mode == PROCESS_DETACHED) {
		posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
		posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
		/* Its own process group: the terminal's Ctrl-C stays ours. */
		posix_spawnattr_setpgroup(&attr, 0);
		flags |= POSIX_SPAWN_SETPGROUP;
	}
	sigset_t defaults;
	sigemptyset(&defaults);
	sigaddset(&defaults, SIGINT);
	sigaddset(&defaults, SIGQUIT);
	sigaddset(&defaults, SIGPIPE);
	sigaddset(&defaults, SIGTERM);
	sigaddset(&defaults, SIGTSTP);
	posix_spawnattr_setsigdefault(&attr, &defaults);
	sigset_t none;
	sigemptyset(&none);
	posix_spawnattr_setsigmask(&attr, &none);
	flags |= POSIX_SPAWN_SETSIGMASK;
	posix_spawnattr_setflags(&attr, flags);
	int rc = posix_spawnp(pid, argv[0], &actions, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&actions);
	posix_spawnattr_destroy(&attr);
	if (rc != 0) {
		*error = xasprintf(_("cannot start %s: %s"), argv[0], strerror(rc));
		return -1;
	}
	return 0;
}

int process_wait(pid_t pid, int timeout_ms, int *status)
{
	struct timespec step = { 0, 10 * 1000 * 1000 };
	for (int waited = 0;; waited += 10) {
		pid_t r = waitpid(pid, status, timeout_ms < 0 ? 0 : WNOHANG);
		if (r == pid)
			return 1;
		if (r < 0 && errno != EINTR) {
			*status = 0;    /* someone else reaped it: nothing to report */
			return 1;
		}
		if (r == 0) {
			if (waited >= timeout_ms)
				return 0;
			nanosleep(&step, NULL);
		}
	}
}

char *process_status_text(const char *name, int status)
{
	if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		return xasprintf(_("%s exited with status %d"), name, WEXITSTATUS(status));
	if (WIFSIGNALED(status))
		return xasprintf(_("%s was killed by signal %d"), name, WTERMSIG(status));
	return NULL;
}

/* ------------------------------------------------------------ adopted children */

struct adopted {
	pid_t pid;
	char *name;
	char *note;
	bool report;
};

/* The UI thread's only: few children outlive a short wait at once. */
static struct adopted *children;
static size_t child_count, child_capacity;

void process_adopt(pid_t pid, const char *name, const char *note, bool report)
{
	children = xgrow(children, &child_capacity, child_count + 1, sizeof *children);
	children[child_count++] = (struct adopted){
		.pid = pid, .name = xstrdup(name), .note = xstrdup(note ? note : ""), .report = report,
	};
}

bool process_pending(void)
{
	return child_count > 0;
}

char *process_reap(void)
{
	char *message = NULL;
	for (size_t i = 0; i < child_count;) {
		int status = 0;
		pid_t r = waitpid(children[i].pid, &status, WNOHANG);
		if (r == 0 || (r < 0 && errno == EINTR)) {
			i++;
			continue;
		}
		if (r == children[i].pid && children[i].report && !message) {
			char *text = process_status_text(children[i].name, status);
			if (text) {
				message = *children[i].note ? xasprintf("%s: %s", text, children[i].note) : xstrdup(text);
				free(text);
			}
		}
		free(children[i].name);
		free(children[i].note);
		children[i] = children[--child_count];
	}
	if (child_count == 0) {
		free(children);
		children = NULL;
		child_capacity = 0;
	}
	return message;
}

/* ------------------------------------------------------------------ displays */

static bool socket_connects(const struct sockaddr *address, socklen_t length, int family)
{
	int fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return false;
	bool ok = connect(fd, address, length) == 0;
	close(fd);
	return ok;
}

static bool unix_socket_connects(const char *path)
{
	struct sockaddr_un address = { .sun_family = AF_UNIX };
	if (strlen(path) >= sizeof address.sun_path)
		return false;
	strcpy(address.sun_path, path);
	return socket_connects((const struct sockaddr *)&address, sizeof address, AF_UNIX);
}

static bool wayland_reachable(void)
{
	const char *name = getenv("WAYLAND_DISPLAY");
	if (!name || !*name)
		return false;
	if (name[0] == '/')
		return unix_socket_connects(name);
	const char *runtime = getenv("XDG_RUNTIME_DIR");
	if (!runtime || !*runtime)
		return false;
	char *path = xasprintf("%s/%s", runtime, name);
	bool ok = unix_socket_connects(path);
	free(path);
	return ok;
}

static bool x_reachable(void)
{
	const char *display = getenv("DISPLAY");
	if (!display || !*display)
		return false;
	const char *colon = strrchr(display, ':');
	if (!colon || colon[1] < '0' || colon[1] > '9')
		return true;        /* a form we do not know: let the program judge */
	int number = atoi(colon + 1);
	size_t host_len = (size_t)(colon - display);
	if (host_len == 0 || (host_len == 4 && strncmp(display, "unix", 4) == 0)) {
		char path[64];
		snprintf(path, sizeof path, "/tmp/.X11-unix/X%d", number);
		return unix_socket_connects(path);
	}
	if ((host_len == 9 && strncmp(display, "localhost", 9) == 0)
	    || (host_len == 9 && strncmp(display, "127.0.0.1", 9) == 0)) {
		/* SSH's X forwarding listens here: a refused connection is instant. */
		struct sockaddr_in address = { .sin_family = AF_INET };
		address.sin_port = htons((unsigned short)(6000 + number));
		address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		return socket_connects((const struct sockaddr *)&address, sizeof address, AF_INET);
	}
	return true;
}

bool process_display_reachable(void)
{
	return wayland_reachable() || x_reachable();
}
