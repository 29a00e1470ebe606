/* Small operating-system helpers that several modules need once: creating
 * a file's parent directory, and the self-pipes that wake a poll() loop. */
#ifndef RADAR_OS_H
#define RADAR_OS_H

/* mkdir -p (mode 0700) of the directory holding PATH.  Returns 0 when that
 * directory exists afterwards, or -1 with errno set (ENOTDIR when something
 * that is not a directory is in the way) and, when FAILED is not NULL,
 * *FAILED set to the directory that could not be made (caller frees). */
int os_make_parent_dirs(const char *path, char **failed);
/* The directory holding PATH ("." for a bare name, "/" at the root); the
 * caller frees. */
char *os_parent_dir(const char *path);

/* A pipe whose ends are non-blocking and close-on-exec.  Returns 0, or -1
 * with errno set (FDS untouched then). */
int os_pipe(int fds[2]);
/* Close both ends that are open and set them to -1. */
void os_pipe_close(int fds[2]);
/* Read FD (non-blocking) until it is empty. */
void os_drain(int fd);

#endif
