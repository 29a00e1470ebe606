/* radar's entry point: start-up as an ordered list of steps (each undone in
 * reverse order on exit or failure), global options, and the table of
 * sub-commands that `--help` is generated from. */
#include <config.h>

#include <errno.h>
#include <ftw.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <pwd.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"
#include "export.h"
#include "demo.h"
#include "i18n.h"
#include "store.h"
#include "ui.h"
#include "xalloc.h"
#include "os.h"

struct command {
	const char *name;
	int (*run)(const struct command_context *ctx, int argc, char **argv);
	bool needs_store;
	const char *synopsis;   /* syntax, not translated */
	const char *summary;    /* N_(): one line for the command list */
	const char *details;    /* N_(): options and notes for `radar CMD --help`, or NULL */
};

static const struct command commands[] = {
	{ "parse", command_parse, false, "parse [--explain] FILE...",
	  N_("print the items found in digest files as JSON Lines (no cache)"),
	  N_("FILE may be '-' for standard input.  Each line is one item, in document order.\n"
	     "  --explain          instead, say per item which rule made it and where its\n"
	     "                     title and URL came from, and per skipped block why it\n"
	     "                     is not an item (FILE:LINE: ...)\n") },
	{ "import", command_import, true, "import FILE|DIR...",
	  N_("add digests to the cache (a directory: every *.md file below it)"),
	  N_("Re-importing a digest is safe: unchanged digests are skipped and read and\n"
	     "starred marks are kept.  A FILE may be a feed (RSS, Atom) or a web page.\n"
	     "An OPML FILE adds its feeds as sources to feeds.conf beside the config\n"
	     "file (included from it); 'radar refresh' then fetches them.\n") },
	{ "ls", command_ls, true, "ls [OPTION...] [QUERY...]",
	  N_("list items, newest first"),
	  N_("  QUERY              kind:paper tag:Agent is:unread is:starred source:NAME\n"
	     "                     since:7d before:2026-03-01 word agent* \"a phrase\"\n"
	     "                     -word -tag:X (every term must hold; see radar(5), QUERY)\n"
	     "  --kind KIND        only items of this kind (paper, project, tweet, ...)\n"
	     "  --tag TAG          only items with this tag\n"
	     "  --source NAME      only items a digest of this source mentions\n"
	     "  --unread           only unread items\n"
	     "  --starred          only starred items\n"
	     "  --all              also the blocks a source repeats in 3+ digests (promos)\n"
	     "  --search QUERY     QUERY as the reader's / reads it (fields, phrases, -NOT)\n"
	     "  --since DATE       only items dated on or after DATE\n"
	     "  --sort ORDER       newest (default), mentions, title or hot\n"
	     "  --limit N          at most N items\n"
	     "  --offset N         skip the first N items\n"
	     "  --json             JSON Lines instead of aligned text\n") },
	{ "show", command_show, true, "show ID | show --digest ID",
	  N_("print an item (or a whole digest) as text"),
	  N_("  --width N          wrap to N columns (default: the terminal's width, or\n"
	     "                     $COLUMNS, or 80)\n"
	     "  --digest           ID is a digest (see 'radar digests'), shown whole\n"
	     "  --highlight QUERY  the words and phrases of QUERY in reverse video\n"
	     "  --color WHEN       auto (on a terminal: the default), always or never\n") },
	{ "export", command_export, true, "export [OPTION...] [QUERY...] --format FORMAT [-o FILE]",
	  N_("write the items (ls's filters) as Markdown, BibTeX, JSON or CSV"),
	  N_("  --format FORMAT    markdown (a reading list by kind), bibtex (@misc for arXiv\n"
	     "                     papers, @online otherwise), json (every field) or csv\n"
	     "  --group kind|tag   markdown: sections by kind (the default) or by your tags\n"
	     "  -o, --output FILE  write to FILE instead of standard output\n"
	     "  QUERY, --kind, --tag, --source, --unread, --starred, --all, --search,\n"
	     "  --since, --sort    as for ls\n") },
	{ "digests", command_digests, true, "digests [--json]",
	  N_("list the digests in the cache"), NULL },
	{ "reindex", command_reindex, true, "reindex",
	  N_("extract items again from the digests kept in the cache"),
	  N_("Only digests extracted by an older radar are redone; marks are kept.\n") },
	{ "refresh", command_refresh, false, "refresh [--all] [--wait SECONDS]",
	  N_("fetch every source of the config file once (for cron)"),
	  N_("  --all              request every day of the dated sources, also the\n"
	     "                     fresh ones (older than yesterday, stored, and\n"
	     "                     answered less than a day ago), which are\n"
	     "                     otherwise re-checked at most once a day\n"
	     "  --wait SECONDS     wait this long for another radar's refresh to end\n"
	     "                     (default 30)\n"
	     "Prints one summary line; exits 1 when any source failed (named last).\n") },
	{ "sources", command_sources, true, "sources [--opml]",
	  N_("list the sources with their last success, last error and items"),
	  N_("  --opml             print the http(s) sources as an OPML file instead\n") },
	{ "backup", command_backup, true, "backup [--force] FILE",
	  N_("write a consistent copy of the cache to FILE (safe while radar runs)"),
	  N_("  --force            replace FILE if it exists\n"
	     "The copy is written to FILE.tmp and renamed when complete.  To restore,\n"
	     "quit radar and copy FILE over the cache file.\n") },
	{ "marks", command_marks, true, "marks export [-o FILE] | marks import FILE",
	  N_("save or restore stars, read marks and user tags (JSON Lines)"),
	  N_("  -o, --output FILE  export to FILE instead of standard output\n"
	     "Each line is one item, keyed by its identity key (arXiv id, repository,\n"
	     "URL...).  Import applies the marks of items in the cache and keeps the\n"
	     "others until an import or refresh brings their item; a bad line is\n"
	     "reported as FILE:LINE and skipped.\n") },
	{ "star", command_mark, true, "star ID...", N_("star items"), NULL },
	{ "unstar", command_mark, true, "unstar ID...", N_("remove the star from items"), NULL },
	{ "read", command_mark, true, "read ID...", N_("mark items as read"), NULL },
	{ "unread", command_mark, true, "unread ID...", N_("mark items as unread"), NULL },
	{ "tag", command_tag, true, "tag ID TAG...", N_("give an item tags of your own"),
	  N_("Your tags are kept through imports and reindex, shown and filtered like others.\n") },
	{ "untag", command_tag, true, "untag ID TAG...", N_("remove your own tags from an item"), NULL },
};
#define COMMAND_COUNT (sizeof commands / sizeof commands[0])

struct runtime {
	int argc;
	char **argv;
	/* options */
	const char *db_option;
	const char *config_option;
	bool demo;
	const struct command *command;  /* NULL: no command given */
	int command_argc;
	char **command_argv;
	bool finished;                  /* --help or --version did all there was to do */
	/* resources */
	char *demo_dir;
	char *db_path;
	struct store *store;
};

/* ---------------------------------------------------------------- help */

static void print_usage(FILE *out)
{
	fprintf(out, _("Usage: radar [OPTION...] [COMMAND [ARGUMENT...]]\n"));
	fprintf(out, _("A terminal reader for AI research digests.\n"));
	fprintf(out, "\n%s\n", _("Commands:"));
	int column = 0;
	for (size_t i = 0; i < COMMAND_COUNT; i++) {
		int len = (int)strlen(commands[i].synopsis);
		if (len > column)
			column = len;
	}
	for (size_t i = 0; i < COMMAND_COUNT; i++)
		fprintf(out, "  %-*s  %s\n", column, commands[i].synopsis, _(commands[i].summary));
	fprintf(out, "\n%s\n", _("Options:"));
	fprintf(out, "%s", _("  --db PATH       the cache file (also $RADAR_DB; default:\n"
	                     "                  $XDG_DATA_HOME/radar/radar.db)\n"
	                     "  --config PATH   the config file (default: $XDG_CONFIG_HOME/radar/config)\n"
	                     "  --demo          use a temporary cache holding the bundled demo digests\n"
	                     "  -h, --help      show this help ('radar COMMAND --help' for one command)\n"
	                     "  -V, --version   show the version\n"));
	fprintf(out, "\n%s\n", _("Without a command, radar opens the reader (press ? there for the keys)."));
}

static void print_command_help(const struct command *command)
{
	printf(_("Usage: radar %s\n"), command->synopsis);
	printf("%s\n", _(command->summary));
	if (command->details)
		printf("\n%s", _(command->details));
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < COMMAND_COUNT; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* ---------------------------------------------------------------- steps */

static int init_locale(struct runtime *rt)
{
	(void)rt;
	setlocale(LC_ALL, "");
	/* Widths come from libc wcwidth(), which only knows multibyte text in a
	 * UTF-8 LC_CTYPE; radar reads and writes UTF-8 whatever the locale. */
	const char *codeset = nl_langinfo(CODESET);
	if (!codeset || (strcasecmp(codeset, "UTF-8") != 0 && strcasecmp(codeset, "utf8") != 0)) {
		if (!setlocale(LC_CTYPE, "C.UTF-8"))
			setlocale(LC_CTYPE, "en_US.UTF-8");
	}
	/* Tests (and uninstalled builds) point this at a freshly built catalogue. */
	const char *localedir = getenv("RADAR_LOCALEDIR");
	bindtextdomain(PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
	textdomain(PACKAGE);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	return 0;
}

static bool has_help_option(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return false;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	}
	return false;
}

static int parse_options(struct runtime *rt)
{
	enum { OPT_DB = 256, OPT_DEMO, OPT_CONFIG };
	static const struct option options[] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "demo", no_argument, NULL, OPT_DEMO },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	opterr = 0;
	optind = 0;
	int c;
	/* '+': the first non-option is the command; its options are its own. */
	while ((c = getopt_long(rt->argc, rt->argv, "+:hV", options, NULL)) != -1) {
		switch (c) {
		case OPT_DB:
			if (!*optarg)
				return command_usage_error(_("--db needs a file name"));
			rt->db_option = optarg;
			break;
		case OPT_CONFIG:
			if (!*optarg)
				return command_usage_error(_("--config needs a file name"));
			rt->config_option = optarg;
			break;
		case OPT_DEMO:
			rt->demo = true;
			break;
		case 'h':
			print_usage(stdout);
			rt->finished = true;
			return 0;
		case 'V':
			printf("radar %s\n", VERSION);
			rt->finished = true;
			return 0;
		default:
			return command_option_error(c, rt->argv);
		}
	}
	if (rt->demo && rt->db_option)
		return command_usage_error(_("--demo and --db cannot be used together"));
	if (optind < rt->argc) {
		const char *name = rt->argv[optind];
		rt->command = find_command(name);
		if (!rt->command)
			return command_usage_error(_("unknown command '%s'"), name);
		rt->command_argc = rt->argc - optind;
		rt->command_argv = rt->argv + optind;
		if (has_help_option(rt->command_argc, rt->command_argv)) {
			print_command_help(rt->command);
			rt->finished = true;
		}
	}
	return 0;
}

/* The demo cache lives in a fresh temporary directory.  These paths are
 * kept ready so a signal handler can remove it with async-signal-safe calls. */
#define DEMO_FILE_COUNT 4
static char *demo_cleanup_files[DEMO_FILE_COUNT];
static char *demo_cleanup_dir;

static void remove_demo_files_now(void)
{
	for (int i = 0; i < DEMO_FILE_COUNT; i++)
		if (demo_cleanup_files[i])
			unlink(demo_cleanup_files[i]);
	if (demo_cleanup_dir)
		rmdir(demo_cleanup_dir);
}

static void demo_signal_handler(int sig)
{
	remove_demo_files_now();
	signal(sig, SIG_DFL);
	raise(sig);
}

static int make_demo_dir(struct runtime *rt)
{
	if (!rt->demo || rt->finished)
		return 0;
	const char *tmp = getenv("TMPDIR");
	if (!tmp || tmp[0] != '/')
		tmp = "/tmp";
	char *dir = xasprintf("%s/radar-demo-XXXXXX", tmp);
	if (!mkdtemp(dir)) {
		command_error(_("cannot create a temporary directory in %s: %s"), tmp, strerror(errno));
		free(dir);
		return 1;
	}
	rt->demo_dir = dir;
	rt->db_path = xasprintf("%s/radar.db", dir);
	static const char *const suffixes[DEMO_FILE_COUNT] = { "", "-wal", "-shm", "-journal" };
	for (int i = 0; i < DEMO_FILE_COUNT; i++)
		demo_cleanup_files[i] = xasprintf("%s%s", rt->db_path, suffixes[i]);
	demo_cleanup_dir = dir;
	struct sigaction action;
	memset(&action, 0, sizeof action);
	action.sa_handler = demo_signal_handler;
	sigemptyset(&action.sa_mask);
	static const int signals[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT };
	for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++)
		sigaction(signals[i], &action, NULL);
	return 0;
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	remove(path);
	return 0;
}

static void remove_demo_dir(struct runtime *rt)
{
	if (!rt->demo_dir)
		return;
	/* Signals first: the handler must not touch paths being freed. */
	static const int signals[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT };
	for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++)
		signal(signals[i], SIG_DFL);
	nftw(rt->demo_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	for (int i = 0; i < DEMO_FILE_COUNT; i++) {
		free(demo_cleanup_files[i]);
		demo_cleanup_files[i] = NULL;
	}
	demo_cleanup_dir = NULL;
	free(rt->demo_dir);
	rt->demo_dir = NULL;
}

static char *home_directory(void)
{
	const char *home = getenv("HOME");
	if (home && home[0] == '/')
		return xstrdup(home);
	struct passwd *pw = getpwuid(getuid());
	if (pw && pw->pw_dir && pw->pw_dir[0] == '/')
		return xstrdup(pw->pw_dir);
	return NULL;
}

static int resolve_cache_path(struct runtime *rt)
{
	if (rt->finished || rt->db_path)   /* --demo already chose one */
		return 0;
	if (rt->db_option) {
		rt->db_path = xstrdup(rt->db_option);
		return 0;
	}
	const char *env = getenv("RADAR_DB");
	if (env && *env) {
		rt->db_path = xstrdup(env);
		return 0;
	}
	/* XDG: a relative XDG_DATA_HOME is invalid and must be ignored. */
	const char *data_home = getenv("XDG_DATA_HOME");
	if (data_home && data_home[0] == '/') {
		rt->db_path = xasprintf("%s/radar/radar.db", data_home);
		return 0;
	}
	char *home = home_directory();
	if (!home) {
		command_error(_("cannot find the home directory; use --db PATH"));
		return 1;
	}
	rt->db_path = xasprintf("%s/.local/share/radar/radar.db", home);
	free(home);
	return 0;
}

static void free_cache_path(struct runtime *rt)
{
	free(rt->db_path);
	rt->db_path = NULL;
}

/* Commands that only read the cache: they never create it. */
static bool only_reads(const struct runtime *rt)
{
	static const char *const readers[] = { "ls", "show", "digests", "sources", "backup", NULL };
	const char *name = rt->command->name;
	if (strcmp(name, "marks") == 0)
		return rt->command_argc > 1 && strcmp(rt->command_argv[1], "export") == 0;
	for (const char *const *reader = readers; *reader; reader++)
		if (strcmp(name, *reader) == 0)
			return true;
	return false;
}

/* The file and the directory its -wal and -shm go in may both be written. */
static bool cache_writable(const char *path)
{
	if (access(path, W_OK) != 0)
		return false;
	char *dir = os_parent_dir(path);
	bool writable = access(dir, W_OK) == 0;
	free(dir);
	return writable;
}

static int open_store(struct runtime *rt)
{
	if (rt->finished)
		return 0;
	enum store_mode mode = STORE_READ_WRITE;
	if (!rt->command) {
		/* Only looking: do not create a cache just to say it is empty. */
		struct stat st;
		if (!rt->demo) {
			if (stat(rt->db_path, &st) != 0)
				return 0;
			mode = STORE_READ_ONLY;
		}
	} else if (!rt->command->needs_store) {
		return 0;
	} else if (!rt->demo && only_reads(rt)) {
		/* A mistyped --db must not leave a new empty cache behind. */
		struct stat st;
		if (stat(rt->db_path, &st) != 0 && errno == ENOENT) {
			command_error(_("no cache at %s; run radar import or radar refresh"), rt->db_path);
			return 1;
		}
		/* A cache radar may not write (chmod a-w, a read-only mount) is
		 * still read. */
		if (!cache_writable(rt->db_path))
			mode = STORE_READ_ONLY;
	}
	char *error = NULL;
	if (store_open(rt->db_path, mode, &rt->store, &error) != 0) {
		command_error("%s", error ? error : _("cannot open the cache"));
		free(error);
		rt->store = NULL;
		return 1;
	}
	return 0;
}

static void close_store(struct runtime *rt)
{
	if (rt->store)
		store_close(rt->store);
	rt->store = NULL;
}

static int import_demo(struct runtime *rt)
{
	if (!rt->demo || !rt->store)
		return 0;
	char *error = NULL;
	if (demo_import(rt->store, &error) != 0) {
		command_error(_("cannot load the demo digests: %s"), error ? error : "?");
		free(error);
		return 1;
	}
	return 0;
}

/* A write past `ulimit -f` must be an error naming the file (EFBIG), not
 * a death by SIGXFSZ that leaves no message. */
static int ignore_file_size_signal(struct runtime *rt)
{
	(void)rt;
	signal(SIGXFSZ, SIG_IGN);
	return 0;
}

struct startup_step {
	const char *name;
	int (*init)(struct runtime *rt);        /* 0, or the exit status */
	void (*teardown)(struct runtime *rt);   /* may be NULL */
};

/* In order; each step's teardown runs in reverse order once it has run. */
static int init_sqlite(struct runtime *rt)
{
	(void)rt;
	store_library_init();
	return 0;
}

static const struct startup_step startup_steps[] = {
	{ "sqlite", init_sqlite, NULL },
	{ "locale", init_locale, NULL },
	{ "file size signal", ignore_file_size_signal, NULL },
	{ "options", parse_options, NULL },
	{ "demo directory", make_demo_dir, remove_demo_dir },
	{ "cache path", resolve_cache_path, free_cache_path },
	{ "store", open_store, close_store },
	{ "demo digests", import_demo, NULL },
};
#define STEP_COUNT (sizeof startup_steps / sizeof startup_steps[0])

/* ---------------------------------------------------------------- run */

static int explain_without_command(struct runtime *rt)
{
	const char *radar = rt->demo ? "radar --demo" : "radar";
	int64_t count = 0;
	if (rt->store) {
		struct item_filter filter;
		item_filter_init(&filter);
		char *error = NULL;
		if (store_count_items(rt->store, &filter, &count, &error) != 0) {
			command_error("%s", error ? error : _("cannot read the cache"));
			free(error);
			return 1;
		}
	}
	if (count == 0) {
		printf(_("The cache (%s) is empty.\n"), rt->db_path);
		printf("%s\n", _("Add digests with:"));
		printf("  radar import DIR|FILE...\n");
		printf("%s\n", _("or look at the bundled demo digests:"));
		printf("  radar --demo ls\n");
	} else {
		printf(ngettext("The cache holds %lld item.\n", "The cache holds %lld items.\n",
		                (unsigned long)count), (long long)count);
		printf("%s\n", _("Run radar in a terminal to read them, or use the command line:"));
		printf("  %s ls            %s\n", radar, _("list items, newest first"));
		printf("  %s show ID       %s\n", radar, _("read one item"));
		printf("  %s --help        %s\n", radar, _("every command"));
	}
	return 0;
}

static int run(struct runtime *rt)
{
	if (!rt->command) {
		/* The reader needs a terminal; piped or scripted, explain instead. */
		if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
			return ui_run(rt->db_path, rt->store, rt->demo, rt->config_option);
		return explain_without_command(rt);
	}
	struct command_context ctx = { .db_path = rt->db_path, .store = rt->store,
	                               .config_path = rt->config_option };
	return rt->command->run(&ctx, rt->command_argc, rt->command_argv);
}

int main(int argc, char **argv)
{
	struct runtime rt = { .argc = argc, .argv = argv };
	size_t done = 0;
	int status = 0;
	for (; done < STEP_COUNT; done++) {
		status = startup_steps[done].init(&rt);
		if (status != 0) {
			done++;     /* a failed step may hold something to undo */
			break;
		}
	}
	if (status == 0 && !rt.finished)
		status = run(&rt);
	while (done > 0) {
		done--;
		if (startup_steps[done].teardown)
			startup_steps[done].teardown(&rt);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		command_error(_("cannot write the output: %s"), strerror(errno));
		if (status == 0)
			status = 1;
	}
	return status;
}
