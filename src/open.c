/* Opening URLs in a browser, without a shell: choosing the program, and
 * starting it detached or in the foreground with the terminal. */
#include <config.h>

#include "open.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "configline.h"
#include "i18n.h"
#include "options.h"
#include "process.h"
#include "strbuf.h"
#include "xalloc.h"

bool open_is_terminal_browser(const char *program)
{
	static const char *const names[] = {
		"w3m", "lynx", "elinks", "links", "links2", "browsh", "carbonyl", "www-browser",
	};
	const char *base = strrchr(program, '/');
	base = base ? base + 1 : program;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(base, names[i]) == 0)
			return true;
	return false;
}

static char *replace_placeholder(const char *word, const char *placeholder, const char *url,
                                 bool *used)
{
	struct strbuf sb;
	strbuf_init(&sb);
	for (const char *p = word; *p; p++) {
		if (p[0] == '%' && p[1] == '%') {
			strbuf_putc(&sb, '%');
			p++;
		} else if (p[0] == '%' && p[1] == placeholder[1]) {
			strbuf_puts(&sb, url);
			*used = true;
			p++;
		} else {
			strbuf_putc(&sb, *p);
		}
	}
	return strbuf_detach(&sb);
}

char **open_expand_template(const char *template, const char *placeholder, const char *url)
{
	char **words = NULL;
	char *error = NULL;
	int count = config_split_line(template, &words, &error);
	if (count <= 0) {
		free(error);
		if (count == 0)
			config_words_free(words, count);
		return NULL;
	}
	char **argv = xcalloc((size_t)count + 2, sizeof *argv);
	bool used = false;
	for (int i = 0; i < count; i++)
		argv[i] = replace_placeholder(words[i], placeholder, url, &used);
	if (!used)
		argv[count] = xstrdup(url);
	config_words_free(words, count);
	return argv;
}

void open_plan_clear(struct open_plan *plan)
{
	for (size_t i = 0; plan->argv && plan->argv[i]; i++)
		free(plan->argv[i]);
	free(plan->argv);
	plan->argv = NULL;
}

enum open_result open_plan_url(const char *url, struct open_plan *plan, char **error)
{
	memset(plan, 0, sizeof *plan);
	const char *setting = option_string(OPTION_BROWSER);
	const char *env = getenv("BROWSER");
	if (setting && *setting) {
		plan->argv = open_expand_template(setting, "%u", url);
		if (!plan->argv) {
			*error = xasprintf(_("the browser setting '%s' names no program"), setting);
			return OPEN_FAILED;
		}
	} else if (env && *env) {
		char *first = xstrndup(env, strcspn(env, ":"));
		plan->argv = open_expand_template(first, "%s", url);
		free(first);
	}
	if (!plan->argv) {
		if (!process_display_reachable())
			return OPEN_NO_DISPLAY;
		plan->argv = xcalloc(3, sizeof *plan->argv);
		plan->argv[0] = xstrdup("xdg-open");
		plan->argv[1] = xstrdup(url);
	}
	switch (option_enum_index(OPTION_BROWSER_IN_TERMINAL)) {
	case 1: plan->in_terminal = true; break;           /* yes */
	case 2: plan->in_terminal = false; break;          /* no */
	default: plan->in_terminal = open_is_terminal_browser(plan->argv[0]); break;
	}
	return OPEN_READY;
}

/* What the user calls the program: its file name without the folder. */
static const char *program_name(const char *program)
{
	const char *slash = strrchr(program, '/');
	return slash ? slash + 1 : program;
}

int open_start(const struct open_plan *plan, const char *url, char **error)
{
	pid_t pid;
	if (process_start(plan->argv, PROCESS_DETACHED, -1, &pid, error) != 0)
		return -1;
	/* A quick failure (xdg-open without a usable display exits 4 at once)
	 * is reported now; a browser that keeps running is reaped later. */
	int status = 0;
	if (process_wait(pid, 200, &status) == 0) {
		process_adopt(pid, program_name(plan->argv[0]), url, true);
		return 0;
	}
	char *text = process_status_text(program_name(plan->argv[0]), status);
	if (text) {
		*error = text;
		return -1;
	}
	return 0;
}

int open_hand_over(const struct open_plan *plan, const char *url, char **error)
{
	pid_t pid;
	if (process_start(plan->argv, PROCESS_DETACHED, -1, &pid, error) != 0)
		return -1;
	process_adopt(pid, program_name(plan->argv[0]), url, true);
	return 0;
}

int open_run(const struct open_plan *plan, char **error)
{
	/* As system() does: the terminal's Ctrl-C and Ctrl-\ are the child's. */
	struct sigaction ignore = { .sa_handler = SIG_IGN }, old_int, old_quit;
	sigemptyset(&ignore.sa_mask);
	sigaction(SIGINT, &ignore, &old_int);
	sigaction(SIGQUIT, &ignore, &old_quit);
	pid_t pid;
	int rc = process_start(plan->argv, PROCESS_TERMINAL, -1, &pid, error);
	if (rc == 0) {
		int status = 0;
		process_wait(pid, -1, &status);
		char *text = process_status_text(program_name(plan->argv[0]), status);
		if (text) {
			*error = text;
			rc = -1;
		}
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	return rc;
}
