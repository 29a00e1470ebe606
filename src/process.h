/* Child processes without a shell: finding a program in $PATH, starting
 * one with the argv as given (posix_spawnp), waiting for it with a time
 * limit, and keeping the ones that outlive a wait so they are reaped and
 * their exit status reported, never left as zombies.  Also whether a
 * graphical display is really there (a $DISPLAY naming a server that does
 * not run is common over SSH). */
#ifndef RADAR_PROCESS_H
#define RADAR_PROCESS_H

#include <stdbool.h>
#include <sys/types.h>

/* Whether PROGRAM can be found in $PATH (or is an executable path). */
bool process_program_exists(const char *program);

/* Where the child's standard streams go. */
enum process_mode {
	PROCESS_DETACHED,         /* stdout/stderr to /dev/null, own process group */
	PROCESS_TERMINAL,         /* the terminal's, in the foreground process group */
};

/* Start ARGV (NULL-terminated).  STDIN_FD >= 0 becomes its stdin (a pipe
 * to feed it); -1 gives it /dev/null when detached, the terminal when not.
 * 0 with *PID, or -1 with *ERROR set (translated). */
int process_start(char *const argv[], enum process_mode mode, int stdin_fd, pid_t *pid, char **error);

/* Wait at most TIMEOUT_MS (-1: for ever) for PID.  1 when it exited (its
 * waitpid status in *STATUS), 0 when it still runs. */
int process_wait(pid_t pid, int timeout_ms, int *status);

/* Hand over a child that still runs: process_reap collects it.  NAME (what
 * the user knows it by) and NOTE (e.g. the URL) are copied; a non-zero
 * exit of a REPORT child is turned into a message. */
void process_adopt(pid_t pid, const char *name, const char *note, bool report);
/* Reap every adopted child that has finished.  Returns a translated
 * message for one that failed ("xdg-open exited with status 4: URL"), or
 * NULL; the caller frees it. */
char *process_reap(void);
/* Whether an adopted child still runs (then call process_reap again soon). */
bool process_pending(void);

/* "NAME exited with status N" / "NAME was killed by signal N" for a
 * waitpid STATUS, or NULL for a clean exit.  Caller frees. */
char *process_status_text(const char *name, int status);

/* Whether a graphical display is reachable: $WAYLAND_DISPLAY's socket, or
 * $DISPLAY's X server socket (a local or loopback TCP one is tried; a
 * remote host is trusted). */
bool process_display_reachable(void);

#endif
