/* Leaving radar for a URL without a shell: OSC 52 (plain and through GNU
 * screen), the browser's argv template, terminal browsers, children's exit
 * statuses (reported, reaped), a $DISPLAY without a server, and the
 * clipboard inside tmux (a stub tmux records what it was given). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "clipboard.h"
#include "open.h"
#include "options.h"
#include "process.h"
#include "tap.h"
#include "xalloc.h"

static char tmp[] = "/tmp/radar-test-open-XXXXXX";

static void test_osc52(void)
{
	char *s = clipboard_osc52("hi", OSC52_PLAIN);
	is_str(s, "\033]52;c;aGk=\a", "OSC 52 with base64 padding");
	free(s);
	s = clipboard_osc52("abc", OSC52_PLAIN);
	is_str(s, "\033]52;c;YWJj\a", "OSC 52 without padding");
	free(s);
	s = clipboard_osc52("https://例子.cn/a b", OSC52_PLAIN);
	is_str(s, "\033]52;c;aHR0cHM6Ly/kvovlrZAuY24vYSBi\a", "UTF-8 text is encoded as bytes");
	free(s);
	s = clipboard_osc52("a", OSC52_SCREEN);
	is_str(s, "\033P\033]52;c;YQ==\a\033\\", "inside screen: one DCS piece for a short text");
	free(s);
	/* A long URL: pieces of at most 76 bytes, joined they are the plain sequence. */
	char url[400];
	memset(url, 'u', sizeof url - 1);
	url[sizeof url - 1] = '\0';
	char *plain = clipboard_osc52(url, OSC52_PLAIN);
	s = clipboard_osc52(url, OSC52_SCREEN);
	char *joined = xcalloc(strlen(s) + 1, 1);
	size_t pieces = 0, longest = 0;
	for (const char *p = s; *p;) {
		if (strncmp(p, "\033P", 2) != 0)
			break;
		const char *end = strstr(p + 2, "\033\\");
		if (!end)
			break;
		size_t n = (size_t)(end - p - 2);
		strncat(joined, p + 2, n);
		longest = n > longest ? n : longest;
		pieces++;
		p = end + 2;
	}
	is_str(joined, plain, "screen's pieces join to the plain sequence");
	ok(pieces > 5 && longest <= 76, "in %zu pieces of at most 76 bytes (longest %zu)", pieces, longest);
	free(joined);
	free(plain);
	free(s);
}

static void argv_is(char **argv, const char *const *expected, const char *what)
{
	size_t i = 0;
	bool same = argv != NULL;
	for (; same && expected[i]; i++)
		same = argv[i] && strcmp(argv[i], expected[i]) == 0;
	same = same && argv[i] == NULL;
	ok(same, "%s", what);
	for (size_t k = 0; argv && argv[k]; k++) {
		if (!same)
			tap_diag("argv[%zu] = '%s'", k, argv[k]);
		free(argv[k]);
	}
	free(argv);
}

static void test_template(void)
{
	const char *url = "https://e.org/a b?x=1;rm -rf /&y='z'";
	argv_is(open_expand_template("firefox --new-tab %u", "%u", url),
	        (const char *const[]){ "firefox", "--new-tab", url, NULL }, "%u becomes one argument");
	argv_is(open_expand_template("w3m", "%u", url), (const char *const[]){ "w3m", url, NULL },
	        "without %u the URL is the last argument");
	argv_is(open_expand_template("\"/opt/my browser/run\" --url=%u 100%%", "%u", url),
	        (const char *const[]){ "/opt/my browser/run", "--url=https://e.org/a b?x=1;rm -rf /&y='z'",
	                               "100%", NULL },
	        "quotes group words, %u inside a word, %% is a percent sign");
	argv_is(open_expand_template("lynx %s", "%s", url), (const char *const[]){ "lynx", url, NULL },
	        "$BROWSER's %s");
	ok(open_expand_template("   ", "%u", url) == NULL, "a blank template names no program");

	ok(open_is_terminal_browser("w3m") && open_is_terminal_browser("/usr/bin/lynx")
	   && open_is_terminal_browser("elinks") && open_is_terminal_browser("links")
	   && open_is_terminal_browser("browsh"), "w3m, lynx, elinks, links, browsh are terminal browsers");
	ok(!open_is_terminal_browser("firefox") && !open_is_terminal_browser("xdg-open"),
	   "firefox and xdg-open are not");
}

static char *write_script(const char *name, const char *body)
{
	char *path = xasprintf("%s/%s", tmp, name);
	FILE *f = fopen(path, "w");
	fprintf(f, "#!/bin/sh\n%s\n", body);
	fclose(f);
	chmod(path, 0755);
	return path;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return xstrdup("");
	char buffer[4096];
	size_t n = fread(buffer, 1, sizeof buffer - 1, f);
	fclose(f);
	buffer[n] = '\0';
	return xstrdup(buffer);
}

static bool has_zombie_child(void)
{
	/* waitid with WNOWAIT looks without reaping. */
	siginfo_t info;
	memset(&info, 0, sizeof info);
	return waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid != 0;
}

static void test_browser_status(void)
{
	char *error = NULL;
	char *fails = write_script("xdg-open", "exit 4");
	options_reset();
	char *setting = xasprintf("%s %%u", fails);
	option_set(OPTION_BROWSER, setting, &error);
	free(setting);
	struct open_plan plan;
	is_int(open_plan_url("https://e.org/", &plan, &error), OPEN_READY, "the browser setting is used");
	ok(!plan.in_terminal, "a GUI opener is not run in the terminal");
	error = NULL;
	ok(open_start(&plan, "https://e.org/", &error) != 0, "an opener that exits 4 at once is a failure");
	ok(error && strstr(error, "exited with status 4") && !strchr(error, '/'), "saying its exit status: %s", error ? error : "(none)");
	free(error);
	open_plan_clear(&plan);
	ok(!has_zombie_child(), "and it is reaped");

	char *slow = write_script("slow-browser", "sleep 0.4; exit 3");
	setting = xasprintf("%s %%u", slow);
	option_set(OPTION_BROWSER, setting, &error);
	free(setting);
	open_plan_url("https://e.org/slow", &plan, &error);
	error = NULL;
	is_int(open_start(&plan, "https://e.org/slow", &error), 0, "a browser still running is adopted");
	open_plan_clear(&plan);
	ok(process_pending(), "and waits to be reaped");
	char *message = NULL;
	for (int i = 0; i < 300 && !message; i++) {
		message = process_reap();
		if (!message)
			usleep(10000);
	}
	ok(message && strstr(message, "slow-browser exited with status 3: https://e.org/slow"),
	   "its failure is reported when it ends: %s", message ? message : "(none)");
	free(message);
	ok(!process_pending() && !has_zombie_child(), "no child is left, none a zombie");

	option_set(OPTION_BROWSER_IN_TERMINAL, "yes", &error);
	open_plan_url("https://e.org/", &plan, &error);
	ok(plan.in_terminal, "browser-in-terminal yes runs any browser in the terminal");
	open_plan_clear(&plan);
	option_set(OPTION_BROWSER, "w3m", &error);
	option_set(OPTION_BROWSER_IN_TERMINAL, "auto", &error);
	open_plan_url("https://e.org/", &plan, &error);
	ok(plan.in_terminal, "w3m runs in the terminal");
	open_plan_clear(&plan);

	char *bad = write_script("tbrowser", "exit 2");
	option_set(OPTION_BROWSER, bad, &error);
	option_set(OPTION_BROWSER_IN_TERMINAL, "yes", &error);
	open_plan_url("https://e.org/", &plan, &error);
	error = NULL;
	int run = open_run(&plan, &error);
	ok(run != 0 && error && strstr(error, "tbrowser exited with status 2"),
	   "a terminal browser's non-zero exit is reported: %s", error ? error : "(none)");
	free(error);
	open_plan_clear(&plan);
	options_reset();
	free(fails);
	free(slow);
	free(bad);
}

static void test_display(void)
{
	char *error = NULL;
	options_reset();
	unsetenv("BROWSER");
	unsetenv("WAYLAND_DISPLAY");
	setenv("DISPLAY", ":97", 1);   /* no X server listens there */
	ok(!process_display_reachable(), "a DISPLAY without a server is no display");
	struct open_plan plan;
	is_int(open_plan_url("https://e.org/", &plan, &error), OPEN_NO_DISPLAY,
	       "so xdg-open is not tried: the reader offers copy");
	setenv("DISPLAY", "localhost:97.0", 1);
	ok(!process_display_reachable(), "nor does a forwarded display nobody listens on");
	unsetenv("DISPLAY");
}

static void test_clipboard_tmux(void)
{
	char *log = xasprintf("%s/tmux.log", tmp);
	char *body = xasprintf("for a in \"$@\"; do printf '%%s\\n' \"$a\"; done >'%s'\n"
	                       "printf -- '--\\n' >>'%s'; cat >>'%s'", log, log, log);
	free(write_script("tmux", body));
	free(body);
	char *path = xasprintf("%s:%s", tmp, getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
	setenv("PATH", path, 1);
	setenv("TMUX", "/tmp/fake,1,0", 1);
	unsetenv("STY");
	unsetenv("DISPLAY");
	unsetenv("WAYLAND_DISPLAY");
	struct clipboard_report report;
	char *error = NULL;
	const char *url = "https://e.org/a b;$(x)";
	is_int(clipboard_copy(url, -1, &report, &error), 0, "inside tmux the copy works without a terminal");
	char *got = slurp(log);
	char *expected = xasprintf("load-buffer\n-w\n-\n--\n%s", url);
	is_str(got, expected, "tmux load-buffer -w - gets the URL on stdin, not in argv");
	free(got);
	free(expected);
	ok(report.tmux && report.tmux_clipboard && !report.osc52, "reported as tmux's buffer");
	char *message = clipboard_message(&report, url);
	ok(strstr(message, "tmux's buffer") != NULL, "the message says so: %s", message);
	free(message);

	/* A tmux that refuses: nothing is claimed. */
	free(write_script("tmux", "cat >/dev/null; exit 1"));
	error = NULL;
	int copied = clipboard_copy(url, -1, &report, &error);
	ok(copied != 0 && error, "a failing tmux with no terminal is an error: %s",
	   error ? error : "(none)");
	free(error);

	unsetenv("TMUX");
	report = (struct clipboard_report){ .osc52 = true };
	message = clipboard_message(&report, url);
	ok(strstr(message, "Sent to the terminal via OSC 52") && !strstr(message, "Copied"),
	   "plain OSC 52 is 'sent', never 'copied': %s", message);
	free(message);
	free(log);
	free(path);
}

int main(void)
{
	if (!mkdtemp(tmp)) {
		perror("mkdtemp");
		return 1;
	}
	test_osc52();
	test_template();
	test_browser_status();
	test_display();
	test_clipboard_tmux();
	char *command = xasprintf("rm -rf '%s'", tmp);
	if (system(command) != 0)
		tap_diag("could not remove %s", tmp);
	free(command);
	return tap_done();
}
