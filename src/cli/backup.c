/* `radar backup [--force] FILE`: a consistent copy of the cache, written to
 * FILE.tmp and renamed over FILE only when whole, so an interrupted backup
 * never leaves a half file under the name a person will restore from. */
#include <config.h>

#include "commands.h"
#include "cli/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "store.h"
#include "xalloc.h"
#include "os.h"

static void remove_temporary(const char *tmp)
{
	unlink(tmp);
	char *journal = xasprintf("%s-journal", tmp);
	unlink(journal);
	free(journal);
}

/* The rename survives a power cut only once the directory is synced. */
static void sync_parent(const char *path)
{
	char *dir = os_parent_dir(path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

int command_backup(const struct command_context *ctx, int argc, char **argv)
{
	enum { OPT_FORCE = 256 };
	static const struct option options[] = {
		{ "force", no_argument, NULL, OPT_FORCE },
		{ NULL, 0, NULL, 0 },
	};
	bool force = false;
	optind = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		if (c == OPT_FORCE)
			force = true;
		else
			return command_option_error(c, argv);
	}
	if (optind != argc - 1 || !*argv[optind])
		return command_usage_error(_("'backup' needs one FILE to write"));
	const char *path = argv[optind];
	struct stat st;
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			command_error(_("%s is a directory; name the backup file"), path);
			return 1;
		}
		if (!force) {
			command_error(_("%s exists; use --force to replace it"), path);
			return 1;
		}
	}
	if (cli_need_store(ctx))
		return 1;
	char *tmp = xasprintf("%s.tmp", path);
	remove_temporary(tmp);
	char *error = NULL;
	int status = 0;
	if (store_backup(ctx->store, tmp, &error) != 0) {
		command_error("%s", error ? error : "?");
		status = 1;
	} else if (rename(tmp, path) != 0) {
		command_error(_("cannot rename %s to %s: %s"), tmp, path, strerror(errno));
		status = 1;
	} else {
		sync_parent(path);
		printf(_("Backup written to %s\n"), path);
	}
	if (status != 0)
		remove_temporary(tmp);
	free(error);
	free(tmp);
	return status;
}
