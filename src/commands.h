/* The sub-commands of the radar command line (parse, import, ls, show,
 * star/unstar/read/unread, digests).  Each takes the arguments after its
 * name (ARGV[0] is the command name) and returns the process exit status:
 * 0 ok, 1 error, 2 usage. */
#ifndef RADAR_COMMANDS_H
#define RADAR_COMMANDS_H

struct store;

struct command_context {
	const char *db_path;    /* resolved cache path */
	/* The open cache when the command needs one (main opens it as a
	 * start-up step, so --demo can fill it first); NULL for `parse`. */
	struct store *store;
	/* --config PATH, or NULL for the default config file (configfile.h) */
	const char *config_path;
};

int command_parse(const struct command_context *ctx, int argc, char **argv);
int command_import(const struct command_context *ctx, int argc, char **argv);
int command_ls(const struct command_context *ctx, int argc, char **argv);
int command_show(const struct command_context *ctx, int argc, char **argv);
int command_mark(const struct command_context *ctx, int argc, char **argv); /* argv[0] names the mark */
/* `tag`/`untag` (argv[0]): the user's own tags */
int command_tag(const struct command_context *ctx, int argc, char **argv);
int command_digests(const struct command_context *ctx, int argc, char **argv);
int command_reindex(const struct command_context *ctx, int argc, char **argv);
/* Fetch every configured source once; `sources` lists them with their state. */
int command_refresh(const struct command_context *ctx, int argc, char **argv);
int command_sources(const struct command_context *ctx, int argc, char **argv);
/* A consistent copy of the cache (cli/backup.c). */
int command_backup(const struct command_context *ctx, int argc, char **argv);
/* `marks export|import`: marks by identity key as JSON Lines (cli/marks-io.c). */
int command_marks(const struct command_context *ctx, int argc, char **argv);

/* One line "radar: MESSAGE" on stderr.  The message is cleaned (text.h) and
 * kept on one line, since it may quote file names or digest text. */
void command_error(const char *format, ...) __attribute__((format(printf, 1, 2)));
/* command_error, then "Try 'radar --help'."; returns 2, the usage status. */
int command_usage_error(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* Report what getopt_long's ':' (missing value) or '?' (unknown option,
 * or a value given to an option that takes none) means; returns 2. */
int command_option_error(int c, char **argv);

/* The item filters `ls` and `export` share, as getopt_long options (and
 * the QUERY words after them, command_filter_query):
 * --kind --tag --source --unread --starred --search --since --sort --all. */
enum {
	FILTER_OPT_KIND = 256, FILTER_OPT_TAG, FILTER_OPT_SOURCE, FILTER_OPT_UNREAD,
	FILTER_OPT_STARRED, FILTER_OPT_SEARCH, FILTER_OPT_SINCE, FILTER_OPT_SORT,
	FILTER_OPT_ALL,
	FILTER_OPT_END              /* a command's own options start here */
};
#define COMMAND_FILTER_OPTIONS \
	{ "kind", required_argument, NULL, FILTER_OPT_KIND }, \
	{ "tag", required_argument, NULL, FILTER_OPT_TAG }, \
	{ "source", required_argument, NULL, FILTER_OPT_SOURCE }, \
	{ "unread", no_argument, NULL, FILTER_OPT_UNREAD }, \
	{ "starred", no_argument, NULL, FILTER_OPT_STARRED }, \
	{ "search", required_argument, NULL, FILTER_OPT_SEARCH }, \
	{ "since", required_argument, NULL, FILTER_OPT_SINCE }, \
	{ "sort", required_argument, NULL, FILTER_OPT_SORT }, \
	{ "all", no_argument, NULL, FILTER_OPT_ALL }
struct item_filter;
/* Apply getopt_long's option C (value ARG) to FILTER; SINCE (DATE_ISO_MAX
 * bytes, date.h) holds the parsed date.  0: done; 1: C is no filter option; 2: a usage error,
 * reported. */
int command_filter_option(int c, const char *arg, struct item_filter *filter, char *since);
struct query;
/* The words left after the options (ARGC of them at ARGV) as one query
 * (query.h) into *QUERY, whose terms FILTER then points at (free with
 * query_clear).  0, or 2: a bad query, reported as a usage error. */
int command_filter_query(int argc, char **argv, struct item_filter *filter, struct query *query);
struct option;
/* ARGV with the negated query terms (-word, -kind:X) moved after a "--",
 * so getopt_long does not take them for options; OPTIONS and SHORT_OPTIONS
 * (getopt's letters) are the command's.  *OUT_ARGC its length; free the
 * array (not its strings). */
char **command_query_argv(int argc, char **argv, const struct option *options,
                          const char *short_options, int *out_argc);

/* Columns of the terminal on stdout, or 0 when stdout is not a terminal. */
int command_terminal_width(void);

#endif
