/* The config file reader: words, quoting, include, and the table of
 * directives (source, set, keymap, bind, theme, color, view, include). */
#include <config.h>

#include "configfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "configline.h"
#include "i18n.h"
#include "options.h"
#include "query.h"
#include "strbuf.h"
#include "suggest.h"
#include "text.h"
#include "xalloc.h"

#define MAX_INCLUDE_DEPTH 8
#define MAX_CONFIG_BYTES (4 * 1024 * 1024)
/* Depth alone does not bound the work: a file including itself N times
 * reads N^8 files.  So one file may include at most MAX_INCLUDES_PER_FILE
 * others, and one config reads at most MAX_CONFIG_FILES files in all. */
#define MAX_INCLUDES_PER_FILE 32
#define MAX_CONFIG_FILES 128
/* Past this many problems the rest are counted in one last message. */
#define MAX_CONFIG_ERRORS 200

struct reader {
	struct config *config;
	const char *file;       /* for messages */
	const char *dir;        /* includes are relative to it */
	int line;
	int depth;
	int includes;           /* include lines this file has run */
	int *files;             /* files read so far, shared by the whole config */
};

static void add_error(struct reader *r, const char *format, ...) __attribute__((format(printf, 2, 3)));

static void add_error(struct reader *r, const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	struct strbuf sb;
	strbuf_init(&sb);
	if (r->line > 0)
		strbuf_printf(&sb, "%s:%d: ", r->file, r->line);
	else
		strbuf_printf(&sb, "%s: ", r->file);
	int n = vsnprintf(NULL, 0, format, ap);
	va_end(ap);
	if (n > 0) {
		char *message = xmalloc((size_t)n + 1);
		va_start(ap, format);
		vsnprintf(message, (size_t)n + 1, format, ap);
		va_end(ap);
		strbuf_puts(&sb, message);
		free(message);
	}
	/* The message quotes the file's words, which may be any bytes: what
	 * is printed or drawn must be clean text. */
	char *clean = text_clean(sb.data, sb.len);
	strbuf_reset(&sb);
	strbuf_puts(&sb, clean);
	free(clean);
	struct config *c = r->config;
	if (c->error_count > MAX_CONFIG_ERRORS) {
		free(strbuf_detach(&sb));
		return;
	}
	if (c->error_count == MAX_CONFIG_ERRORS) {
		strbuf_clear(&sb);
		strbuf_init(&sb);
		strbuf_printf(&sb, "%s: %s", r->file, _("too many problems; the rest are not shown"));
	}
	c->errors = xrealloc(c->errors, (c->error_count + 1) * sizeof *c->errors);
	c->errors[c->error_count++] = strbuf_detach(&sb);
}

/* ---------------------------------------------------------------- directives */
/* The name among COUNT names (NAME_AT(i)) nearest to WORD, or NULL when
 * none is close enough to be a likely typo. */
static const char *suggest(const char *word, const char *(*name_at)(int), int count)
{
	const char *best = NULL;
	size_t best_distance = 3;
	for (int i = 0; i < count; i++) {
		size_t d = suggest_distance(word, name_at(i));
		if (d < best_distance) {
			best_distance = d;
			best = name_at(i);
		}
	}
	return best;
}

/* "unknown X 'WORD'", with "(did you mean ...?)" when a name is close.
 * A macro so both messages stay literal formats for gettext and -Wformat. */
#define REPORT_UNKNOWN(r, word, name_at, count, plain, suggested) \
	do { \
		const char *suggestion_ = suggest((word), (name_at), (count)); \
		if (suggestion_) \
			add_error((r), (suggested), (word), suggestion_); \
		else \
			add_error((r), (plain), (word)); \
	} while (0)

static const char *option_name_at(int i) { return option_name((enum option_id)i); }
static const char *action_name_at(int i) { return action_name((enum action)(i + 1)); }
static const char *area_name_at(int i) { return color_area_name((enum color_area)i); }
static const char *context_name_at(int i) { return key_context_name((enum key_context)i); }

static int read_file(struct reader *parent, const char *path, bool must_exist);

static void directive_source(struct reader *r, int argc, char **argv)
{
	struct source source;
	char *error = NULL;
	if (source_parse(argc, argv, &source, &error) != 0 ||
	    source_list_add(&r->config->sources, &source, &error) != 0) {
		add_error(r, "%s", error ? error : "?");
		free(error);
	}
}

static void directive_include(struct reader *r, int argc, char **argv)
{
	if (argc != 2) {
		add_error(r, "%s", _("usage: include FILE"));
		return;
	}
	const char *name = argv[1];
	char *path;
	if (name[0] == '~' && name[1] == '/') {
		const char *home = getenv("HOME");
		if (!home || home[0] != '/') {
			add_error(r, _("'%s': $HOME is not set"), name);
			return;
		}
		path = xasprintf("%s%s", home, name + 1);
	} else if (name[0] == '/') {
		path = xstrdup(name);
	} else {
		path = xasprintf("%s/%s", r->dir, name);
	}
	if (r->depth >= MAX_INCLUDE_DEPTH)
		add_error(r, _("'%s': includes nested too deeply (an include loop?)"), name);
	else if (++r->includes > MAX_INCLUDES_PER_FILE)
		add_error(r, _("'%s': more than %d includes in one file; not read"), name,
		          MAX_INCLUDES_PER_FILE);
	else if (r->files && *r->files >= MAX_CONFIG_FILES)
		add_error(r, _("'%s': more than %d files in the config; not read"), name,
		          MAX_CONFIG_FILES);
	else
		read_file(r, path, true);
	free(path);
}

static void directive_set(struct reader *r, int argc, char **argv)
{
	if (argc != 3) {
		add_error(r, "%s", _("usage: set OPTION VALUE"));
		return;
	}
	int id = option_from_name(argv[1]);
	if (id < 0) {
		REPORT_UNKNOWN(r, argv[1], option_name_at, OPTION_COUNT, _("unknown option '%s'"),
		             _("unknown option '%s' (did you mean '%s'?)"));
		return;
	}
	char *error = NULL;
	if (option_set((enum option_id)id, argv[2], &error) != 0) {
		add_error(r, "%s", error);
		free(error);
	}
}

static void directive_keymap(struct reader *r, int argc, char **argv)
{
	if (argc != 2) {
		add_error(r, "%s", _("usage: keymap NAME"));
		return;
	}
	char *error = NULL;
	if (keymap_load_builtin(&r->config->keymap, argv[1], &error) != 0) {
		add_error(r, "%s", error);
		free(error);
	}
}

static void directive_bind(struct reader *r, int argc, char **argv)
{
	char *error = NULL;
	if (keymap_bind_words(&r->config->keymap, argc, argv, &error) == 0)
		return;
	/* A misspelt name gets a suggestion: the action, or the context. */
	if (argc == 3 || argc == 4) {
		const char *action = argv[argc - 1];
		if (strcmp(action, "none") != 0 && action_from_name(action) == ACTION_NONE) {
			REPORT_UNKNOWN(r, action, action_name_at, ACTION_COUNT - 1, _("unknown action '%s'"),
			             _("unknown action '%s' (did you mean '%s'?)"));
			free(error);
			return;
		}
		if (argc == 4 && key_context_from_name(argv[1]) < 0) {
			REPORT_UNKNOWN(r, argv[1], context_name_at, KEY_CONTEXT_COUNT,
			             _("unknown context '%s' (all, list, article or tags)"),
			             _("unknown context '%s' (did you mean '%s'?)"));
			free(error);
			return;
		}
	}
	add_error(r, "%s", error);
	free(error);
}

static void directive_theme(struct reader *r, int argc, char **argv)
{
	if (argc != 2) {
		add_error(r, "%s", _("usage: theme NAME"));
		return;
	}
	char *error = NULL;
	if (theme_load_builtin(&r->config->theme, argv[1], &error) != 0) {
		add_error(r, "%s", error);
		free(error);
	}
}

static void directive_color(struct reader *r, int argc, char **argv)
{
	if (argc >= 2 && color_area_from_name(argv[1]) < 0) {
		REPORT_UNKNOWN(r, argv[1], area_name_at, AREA_COUNT, _("unknown colour area '%s'"),
		             _("unknown colour area '%s' (did you mean '%s'?)"));
		return;
	}
	char *error = NULL;
	if (theme_color_words(&r->config->theme, argc, argv, &error) != 0) {
		add_error(r, "%s", error);
		free(error);
	}
}

/* A last word notify=yes|no is the view's option, not a query word (the
 * query language has no '=' terms, and a search for "notify=yes" is not a
 * view anyone saves). */
static int view_notify_option(struct reader *r, int *argc, char **argv, bool *notify)
{
	const char *last = argv[*argc - 1];
	if (strncmp(last, "notify=", 7) != 0)
		return 0;
	const char *value = last + 7;
	if (strcmp(value, "yes") == 0 || strcmp(value, "on") == 0 || strcmp(value, "true") == 0) {
		*notify = true;
	} else if (strcmp(value, "no") == 0 || strcmp(value, "off") == 0 || strcmp(value, "false") == 0) {
		*notify = false;
	} else {
		add_error(r, _("view %s: notify= takes yes or no, not '%s'"), argv[1], value);
		return -1;
	}
	(*argc)--;
	return 0;
}

static void directive_view(struct reader *r, int argc, char **argv)
{
	bool notify = false;
	if (argc >= 3 && view_notify_option(r, &argc, argv, &notify) != 0)
		return;
	if (argc < 3) {
		add_error(r, "%s", _("usage: view NAME QUERY [notify=yes]"));
		return;
	}
	char *text = query_join_words(argc - 2, argv + 2);
	struct query query;
	char *error = NULL;
	if (query_parse(text, &query, &error) != 0) {
		add_error(r, _("view %s: %s"), argv[1], error);
		free(error);
		free(text);
		return;
	}
	query_clear(&query);
	struct config *c = r->config;
	for (size_t i = 0; i < c->view_count; i++) {
		if (strcmp(c->views[i].name, argv[1]) == 0) {
			free(c->views[i].query);
			c->views[i].query = text;
			c->views[i].notify = notify;
			return;
		}
	}
	c->views = xrealloc(c->views, (c->view_count + 1) * sizeof *c->views);
	c->views[c->view_count++] = (struct config_view){ xstrdup(argv[1]), text, notify };
}

struct config_view *config_views_copy(const struct config_view *views, size_t count)
{
	struct config_view *copy = count ? xcalloc(count, sizeof *copy) : NULL;
	for (size_t i = 0; i < count; i++)
		copy[i] = (struct config_view){ xstrdup(views[i].name), xstrdup(views[i].query),
		                                views[i].notify };
	return copy;
}

void config_views_free(struct config_view *views, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		free(views[i].name);
		free(views[i].query);
	}
	free(views);
}

struct directive {
	const char *name;
	void (*run)(struct reader *r, int argc, char **argv);
};

static const struct directive directives[] = {
	{ "source", directive_source },
	{ "set", directive_set },
	{ "keymap", directive_keymap },
	{ "bind", directive_bind },
	{ "theme", directive_theme },
	{ "color", directive_color },
	{ "view", directive_view },
	{ "include", directive_include },
};
#define DIRECTIVE_COUNT (sizeof directives / sizeof directives[0])

static const char *directive_name_at(int i) { return directives[i].name; }

static void run_words(int line, int count, char **words, void *data)
{
	struct reader *r = data;
	r->line = line;
	const struct directive *found = NULL;
	for (size_t i = 0; i < DIRECTIVE_COUNT; i++)
		if (strcmp(words[0], directives[i].name) == 0)
			found = &directives[i];
	if (found) {
		found->run(r, count, words);
	} else {
		REPORT_UNKNOWN(r, words[0], directive_name_at, (int)DIRECTIVE_COUNT,
		             _("unknown command '%s'"), _("unknown command '%s' (did you mean '%s'?)"));
	}
}

static void line_error(int line, const char *message, void *data)
{
	struct reader *r = data;
	r->line = line;
	add_error(r, "%s", message);
}

static void read_text(struct reader *r, const char *text, size_t len)
{
	config_read_lines(text, len, run_words, line_error, r);
	r->line = 0;
}

static char *directory_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* The top file's problems are "FILE: message"; an include's are reported
 * at the include line, naming the file. */
static void report_file_error(struct reader *parent, const char *path, const char *message)
{
	if (parent->depth < 0)
		add_error(parent, "%s", message);
	else
		add_error(parent, "%s: %s", path, message);
}

/* Read PATH into the config; errors go to PARENT's position (or to PATH
 * itself for the top file). */
static int read_file(struct reader *parent, const char *path, bool must_exist)
{
	/* O_NONBLOCK so that a FIFO does not block the open; anything but a
	 * regular file is refused (a FIFO or a device would never end). */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT && !must_exist)
			return 0;
		report_file_error(parent, path, strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
		close(fd);
		report_file_error(parent, path,
		                  S_ISDIR(st.st_mode) ? strerror(EISDIR) : _("not a regular file; not read"));
		return -1;
	}
	int flags = fcntl(fd, F_GETFL);
	if (flags >= 0)
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	FILE *f = fdopen(fd, "rb");
	if (!f) {
		close(fd);
		report_file_error(parent, path, strerror(errno));
		return -1;
	}
	if (parent->files)
		++*parent->files;
	struct strbuf text;
	strbuf_init(&text);
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		strbuf_append(&text, chunk, n);
		if (text.len > MAX_CONFIG_BYTES)
			break;
	}
	bool failed = ferror(f);
	fclose(f);
	if (failed || text.len > MAX_CONFIG_BYTES) {
		report_file_error(parent, path, failed ? strerror(EIO) : _("larger than 4 MiB; not read"));
		strbuf_clear(&text);
		return -1;
	}
	char *dir = directory_of(path);
	struct reader r = {
		.config = parent->config, .file = path, .dir = dir, .depth = parent->depth + 1,
		.files = parent->files,
	};
	read_text(&r, text.data, text.len);
	free(dir);
	strbuf_clear(&text);
	return 0;
}

char *config_default_path(void)
{
	const char *config_home = getenv("XDG_CONFIG_HOME");
	if (config_home && config_home[0] == '/')
		return xasprintf("%s/radar/config", config_home);
	const char *home = getenv("HOME");
	if (home && home[0] == '/')
		return xasprintf("%s/.config/radar/config", home);
	return NULL;
}

/* An empty config: the built-in keymap and theme, the options' defaults. */
static void config_init(struct config *out)
{
	memset(out, 0, sizeof *out);
	keymap_init_defaults(&out->keymap);
	theme_init_default(&out->theme);
	options_reset();
}

int config_load(const char *path, struct config *out)
{
	config_init(out);
	bool explicit = path != NULL;
	char *chosen = explicit ? xstrdup(path) : config_default_path();
	if (!chosen)
		return 0;
	out->path = chosen;
	/* The top file reports its own open errors without a line number. */
	int files = 0;
	struct reader top = { .config = out, .file = chosen, .dir = ".", .depth = -1, .files = &files };
	if (read_file(&top, chosen, explicit) < 0 && explicit)
		out->unreadable = true;
	return out->error_count ? -1 : 0;
}

int config_load_string(const char *text, const char *name, struct config *out)
{
	config_init(out);
	out->path = xstrdup(name);
	char *dir = directory_of(name);
	int files = 1;
	struct reader r = { .config = out, .file = name, .dir = dir, .depth = 0, .files = &files };
	read_text(&r, text, strlen(text));
	free(dir);
	return out->error_count ? -1 : 0;
}

void config_clear(struct config *config)
{
	free(config->path);
	source_list_clear(&config->sources);
	config_views_free(config->views, config->view_count);
	keymap_clear(&config->keymap);
	for (size_t i = 0; i < config->error_count; i++)
		free(config->errors[i]);
	free(config->errors);
	memset(config, 0, sizeof *config);
}
