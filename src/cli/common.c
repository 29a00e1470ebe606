/* Shared by the sub-commands: the one-line error messages, terminal width, cleaned JSON members, reading a digest file as a local source does, the display settings of ls and show. */
#include <config.h>

#include "commands.h"
#include "cli/internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "i18n.h"
#include "options.h"
#include "feedlist.h"
#include "json.h"
#include "refresh.h"
#include "text.h"
#include "xalloc.h"

/* ---------------------------------------------------------------- messages */

char *cli_clean_or_null(const char *s)
{
	return s ? text_clean(s, strlen(s)) : NULL;
}

/* Clean text on one line: newlines and tabs become spaces. */
char *cli_clean_line(const char *s)
{
	char *clean = text_clean(s, strlen(s));
	for (char *p = clean; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	return clean;
}

static void verror(const char *format, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, format, copy);
	va_end(copy);
	if (n < 0)
		n = 0;
	char *message = xmalloc((size_t)n + 1);
	vsnprintf(message, (size_t)n + 1, format, ap);
	char *clean = cli_clean_line(message);
	fflush(stdout);     /* keep the order of output and errors when both go to one place */
	fprintf(stderr, "radar: %s\n", clean);
	free(clean);
	free(message);
}

void command_error(const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	verror(format, ap);
	va_end(ap);
}

int command_usage_error(const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	verror(format, ap);
	va_end(ap);
	fprintf(stderr, "%s\n", _("Try 'radar --help'."));
	return 2;
}

/* After getopt_long returned ':' or '?'. */
int command_option_error(int c, char **argv)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "?";
	if (c == ':')
		return command_usage_error(_("option '%s' needs a value"), arg);
	if (optopt > 0 && optopt < 128)
		return command_usage_error(_("unknown option '-%c'"), optopt);
	/* getopt_long sets optopt to a known long option's value when it was
	 * given a value it does not take ("--json=1"). */
	if (optopt >= 256) {
		const char *equals = strchr(arg, '=');
		int name_len = equals ? (int)(equals - arg) : (int)strlen(arg);
		return command_usage_error(_("option '%.*s' takes no value"), name_len, arg);
	}
	return command_usage_error(_("unknown option '%s'"), arg);
}

/* ---------------------------------------------------------------- helpers */

/* A whole decimal number in [MIN, MAX]; no sign tricks, no trailing junk. */
bool cli_parse_number(const char *s, long long min, long long max, long long *out)
{
	if (!s || !*s || !(*s == '-' || (*s >= '0' && *s <= '9')))
		return false;
	char *end;
	errno = 0;
	long long value = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || value < min || value > max)
		return false;
	*out = value;
	return true;
}

int cli_columns_from_environment(void)
{
	long long columns;
	if (cli_parse_number(getenv("COLUMNS"), 1, MAX_WIDTH, &columns))
		return (int)columns;
	return 0;
}

int command_terminal_width(void)
{
	if (!isatty(STDOUT_FILENO))
		return 0;
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	int columns = cli_columns_from_environment();
	return columns > 0 ? columns : 80;
}

void cli_write_out(const struct strbuf *sb)
{
	fwrite(sb->data, 1, sb->len, stdout);
}

int cli_need_store(const struct command_context *ctx)
{
	if (ctx->store)
		return 0;
	command_error(_("no cache is open"));
	return 1;
}

void cli_json_clean_member(struct strbuf *sb, bool *first, const char *name, const char *value)
{
	char *clean = cli_clean_or_null(value);
	json_member_string(sb, first, name, clean);
	free(clean);
}

void cli_json_clean_array(struct strbuf *sb, bool *first, const char *name,
                          const char *const *values, size_t count)
{
	char **clean = xcalloc(count ? count : 1, sizeof *clean);
	for (size_t i = 0; i < count; i++)
		clean[i] = cli_clean_or_null(values[i]);
	json_member_string_array(sb, first, name, clean, count);
	for (size_t i = 0; i < count; i++)
		free(clean[i]);
	free(clean);
}

/* ---------------------------------------------------------------- reading files */

/* Read a whole file (PATH "-" is stdin) the way a refresh reads a local
 * source.  Returns 0, or -1 with *ERROR set (caller frees). */
int cli_read_digest_file(const char *path, char **data, size_t *len, char **error)
{
	struct fetch_options options;
	fetch_options_init(&options);
	struct fetch_result result;
	fetch_read_file(path, options.max_bytes, &result);
	if (result.status != FETCH_OK) {
		*error = result.error;
		result.error = NULL;
		fetch_result_clear(&result);
		return -1;
	}
	*data = result.body;
	*len = result.len;
	result.body = NULL;
	fetch_result_clear(&result);
	return 0;
}

/* ---------------------------------------------------------------- shared by ls, show, digests, mark */

/* The YYYY-MM-DD part of an ISO date, or blanks. */
void cli_day_of(const char *iso, char out[11])
{
	if (iso && strlen(iso) >= 10 && iso[4] == '-' && iso[7] == '-') {
		memcpy(out, iso, 10);
		out[10] = '\0';
	} else {
		memcpy(out, "          ", 11);
	}
}

/* The config's display settings (ambiguous-wide) apply to printed text as
 * they do to the reader; its problems are reported and the rest is used.
 * -1 when the file --config names cannot be read at all: the user asked for
 * that file, so going on without it would hide the mistake. */
int cli_apply_display_settings(const struct command_context *ctx)
{
	struct config config;
	config_load(ctx->config_path, &config);
	for (size_t i = 0; i < config.error_count; i++)
		command_error("%s", config.errors[i]);
	bool unreadable = config.unreadable;
	config_clear(&config);
	text_set_ambiguous_wide(option_bool(OPTION_AMBIGUOUS_WIDE));
	return unreadable ? -1 : 0;
}

bool cli_parse_id(const char *s, int64_t *id)
{
	long long value;
	if (!cli_parse_number(s, 1, INT64_MAX, &value))
		return false;
	*id = value;
	return true;
}
