/* Unit tests of src/os.c. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "os.h"
#include "tap.h"
#include "xalloc.h"

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int main(void)
{
	char template[] = "/tmp/radar-test-os.XXXXXX";
	char *root = mkdtemp(template);
	if (!root) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 1;
	}

	char *file = xasprintf("%s/a/b/c/radar.db", root);
	char *failed = NULL;
	is_int(os_make_parent_dirs(file, &failed), 0, "parents of a new path are made");
	char *deepest = xasprintf("%s/a/b/c", root);
	ok(is_dir(deepest), "... down to the file's own directory");
	ok(failed == NULL, "... and nothing is reported as failed");
	is_int(os_make_parent_dirs(file, NULL), 0, "existing parents are fine");

	char *blocker = xasprintf("%s/plain", root);
	FILE *f = fopen(blocker, "w");
	if (f)
		fclose(f);
	char *under = xasprintf("%s/plain/x/radar.db", root);
	errno = 0;
	is_int(os_make_parent_dirs(under, &failed), -1, "a file in the way fails");
	is_int(errno, ENOTDIR, "... with ENOTDIR");
	char *not_made = xasprintf("%s/plain/x", root);
	is_str(failed, not_made, "... naming the directory not made");
	free(not_made);
	free(failed);
	char *blocked_dir = xasprintf("%s/plain/radar.db", root);
	is_int(os_make_parent_dirs(blocked_dir, &failed), -1, "a file as the parent itself fails");
	is_int(errno, ENOTDIR, "... with ENOTDIR");
	is_str(failed, blocker, "... naming it");
	free(failed);
	is_int(os_make_parent_dirs("radar.db", NULL), 0, "a bare name needs no directory");

	int fds[2] = { -1, -1 };
	is_int(os_pipe(fds), 0, "a pipe");
	ok((fcntl(fds[0], F_GETFL) & O_NONBLOCK) && (fcntl(fds[1], F_GETFL) & O_NONBLOCK),
	   "... non-blocking at both ends");
	ok((fcntl(fds[0], F_GETFD) & FD_CLOEXEC) && (fcntl(fds[1], F_GETFD) & FD_CLOEXEC),
	   "... close-on-exec at both ends");
	char bytes[3] = { 1, 2, 3 };
	is_int(write(fds[1], bytes, sizeof bytes), 3, "... takes bytes");
	os_drain(fds[0]);
	char c;
	errno = 0;
	ok(read(fds[0], &c, 1) < 0 && errno == EAGAIN, "os_drain empties it without blocking");
	os_pipe_close(fds);
	ok(fds[0] == -1 && fds[1] == -1, "os_pipe_close sets both ends to -1");
	os_pipe_close(fds);     /* twice is harmless */

	char *cmd = xasprintf("rm -rf '%s'", root);
	if (system(cmd) != 0)
		tap_diag("could not remove %s", root);
	free(cmd);
	free(file);
	free(deepest);
	free(blocker);
	free(under);
	free(blocked_dir);
	return tap_done();
}
