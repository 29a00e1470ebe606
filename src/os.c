/* The operating-system helpers of os.h: parent directories and self-pipes. */
#include <config.h>

#include "os.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"

char *os_parent_dir(const char *path)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (!slash)
		strcpy(dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	return dir;
}

int os_make_parent_dirs(const char *path, char **failed)
{
	if (failed)
		*failed = NULL;
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (!slash || slash == dir) {
		free(dir);
		return 0;
	}
	*slash = '\0';
	for (char *p = dir + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char saved = *p;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			goto failed;
		*p = saved;
		if (saved == '\0')
			break;
	}
	struct stat st;
	if (stat(dir, &st) != 0)
		goto failed;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		goto failed;
	}
	free(dir);
	return 0;
failed:;
	int saved_errno = errno;
	if (failed)
		*failed = dir;
	else
		free(dir);
	errno = saved_errno;
	return -1;
}

int os_pipe(int fds[2])
{
	int p[2];
	if (pipe(p) != 0)
		return -1;
	for (int i = 0; i < 2; i++) {
		fcntl(p[i], F_SETFD, FD_CLOEXEC);
		fcntl(p[i], F_SETFL, fcntl(p[i], F_GETFL) | O_NONBLOCK);
		fds[i] = p[i];
	}
	return 0;
}

void os_pipe_close(int fds[2])
{
	for (int i = 0; i < 2; i++) {
		if (fds[i] >= 0)
			close(fds[i]);
		fds[i] = -1;
	}
}

void os_drain(int fd)
{
	char buf[256];
	while (read(fd, buf, sizeof buf) > 0)
		;
}
