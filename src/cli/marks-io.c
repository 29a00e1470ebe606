/* `radar marks export [-o FILE]` and `radar marks import FILE`: stars, read
 * marks and user tags as JSON Lines keyed by the item's identity key, so
 * they outlive the cache (rebuilt from the digests, or moved to another
 * machine).  A line that is no mark is reported as FILE:LINE and skipped;
 * the others are applied. */
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

/* A marks file larger than this is no marks file (1M marks are ~300 MB). */
#define MARKS_LINE_MAX (1 << 20)

struct export_out {
	FILE *out;
	long long count;
};

static int emit_line(const char *json, void *data)
{
	struct export_out *eo = data;
	if (fputs(json, eo->out) == EOF || fputc('\n', eo->out) == EOF)
		return -1;
	eo->count++;
	return 0;
}

static int marks_export(const struct command_context *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	const char *output = NULL;
	optind = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":o:", options, NULL)) != -1) {
		if (c == 'o')
			output = optarg;
		else
			return command_option_error(c, argv);
	}
	if (optind != argc)
		return command_usage_error(_("'marks export' takes no argument besides -o FILE"));
	if (cli_need_store(ctx))
		return 1;
	struct export_out eo = { .out = stdout };
	char *tmp = NULL;
	if (output && strcmp(output, "-") != 0) {
		/* Written aside and renamed: a failed export keeps the old file. */
		tmp = xasprintf("%s.tmp", output);
		eo.out = fopen(tmp, "we");
		if (!eo.out) {
			command_error(_("cannot write %s: %s"), tmp, strerror(errno));
			free(tmp);
			return 1;
		}
	}
	char *error = NULL;
	int status = 0;
	if (store_export_marks(ctx->store, emit_line, &eo, &error) != 0) {
		if (error)
			command_error("%s", error);
		else
			command_error(_("cannot write %s: %s"), tmp ? tmp : _("the output"), strerror(errno));
		status = 1;
	}
	free(error);
	if (tmp) {
		if ((fflush(eo.out) != 0 || fsync(fileno(eo.out)) != 0) && status == 0) {
			command_error(_("cannot write %s: %s"), tmp, strerror(errno));
			status = 1;
		}
		if (fclose(eo.out) != 0 && status == 0) {
			command_error(_("cannot write %s: %s"), tmp, strerror(errno));
			status = 1;
		}
		if (status == 0 && rename(tmp, output) != 0) {
			command_error(_("cannot rename %s to %s: %s"), tmp, output, strerror(errno));
			status = 1;
		}
		if (status != 0)
			unlink(tmp);
		else
			fprintf(stderr, ngettext("%lld mark written to %s\n", "%lld marks written to %s\n",
			                         (unsigned long)eo.count), eo.count, output);
		free(tmp);
	}
	return status;
}

static int marks_import(const struct command_context *ctx, int argc, char **argv)
{
	static const struct option options[] = { { NULL, 0, NULL, 0 } };
	optind = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":", options, NULL)) != -1)
		return command_option_error(c, argv);
	if (optind != argc - 1)
		return command_usage_error(_("'marks import' needs one FILE (as 'radar marks export' writes it)"));
	const char *path = argv[optind];
	FILE *in = stdin;
	if (strcmp(path, "-") != 0) {
		int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
		struct stat st;
		if (fd < 0) {
			command_error(_("cannot read %s: %s"), path, strerror(errno));
			return 1;
		}
		if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
			command_error(_("cannot read %s: not a regular file"), path);
			close(fd);
			return 1;
		}
		in = fdopen(fd, "r");
		if (!in) {
			command_error(_("cannot read %s: %s"), path, strerror(errno));
			close(fd);
			return 1;
		}
	}
	if (cli_need_store(ctx)) {
		if (in != stdin)
			fclose(in);
		return 1;
	}
	char *error = NULL;
	if (store_marks_import_begin(ctx->store, &error) != 0) {
		command_error("%s", error ? error : "?");
		free(error);
		if (in != stdin)
			fclose(in);
		return 1;
	}
	char *line = NULL;
	size_t capacity = 0;
	ssize_t len;
	long long number = 0, applied = 0, pending = 0, bad = 0;
	int status = 0;
	while ((len = getline(&line, &capacity, in)) >= 0) {
		number++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0)
			continue;
		int rc;
		if (len > MARKS_LINE_MAX) {
			rc = 2;
			error = xstrdup(_("line too long"));
		} else {
			rc = store_import_mark(ctx->store, line, (size_t)len, &error);
		}
		if (rc == 0) {
			applied++;
		} else if (rc == 1) {
			pending++;
		} else if (rc == 2) {
			command_error("%s:%lld: %s", path, number, error ? error : "?");
			bad++;
		} else {
			command_error("%s", error ? error : "?");
			status = 1;
		}
		free(error);
		error = NULL;
		if (status != 0)
			break;
	}
	if (status == 0 && ferror(in)) {
		command_error(_("cannot read %s: %s"), path, strerror(errno));
		status = 1;
	}
	free(line);
	if (in != stdin)
		fclose(in);
	if (store_marks_import_end(ctx->store, status == 0, &error) != 0) {
		command_error("%s", error ? error : "?");
		free(error);
		status = 1;
	}
	if (status != 0)
		return 1;
	printf(ngettext("%lld mark applied", "%lld marks applied", (unsigned long)applied), applied);
	printf(ngettext(", %lld kept for an item not in the cache yet",
	                ", %lld kept for items not in the cache yet", (unsigned long)pending), pending);
	if (bad)
		printf(ngettext(", %lld line skipped", ", %lld lines skipped", (unsigned long)bad), bad);
	printf("\n");
	return bad ? 1 : 0;
}

int command_marks(const struct command_context *ctx, int argc, char **argv)
{
	if (argc < 2)
		return command_usage_error(_("'marks' needs 'export' or 'import'"));
	if (strcmp(argv[1], "export") == 0)
		return marks_export(ctx, argc - 1, argv + 1);
	if (strcmp(argv[1], "import") == 0)
		return marks_import(ctx, argc - 1, argv + 1);
	return command_usage_error(_("'marks' needs 'export' or 'import', not '%s'"), argv[1]);
}
