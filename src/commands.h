/* The sub-commands of the radar command line (parse, import, ls, show,
 * star/unstar/read/unread, digests).  Each takes the arguments after its
 * name and returns the process exit status: 0 ok, 1 error, 2 usage. */
#ifndef RADAR_COMMANDS_H
#define RADAR_COMMANDS_H

struct command_context {
	const char *db_path;    /* resolved cache path */
};

int command_parse(const struct command_context *ctx, int argc, char **argv);
int command_import(const struct command_context *ctx, int argc, char **argv);
int command_ls(const struct command_context *ctx, int argc, char **argv);
int command_show(const struct command_context *ctx, int argc, char **argv);
int command_mark(const struct command_context *ctx, int argc, char **argv); /* argv[0] names the mark */
int command_digests(const struct command_context *ctx, int argc, char **argv);

#endif
