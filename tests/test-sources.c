#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "configfile.h"
#include "configline.h"
#include "sources.h"
#include "tap.h"

static const char *error_at(const struct config *c, size_t i)
{
	return i < c->error_count ? c->errors[i] : NULL;
}

static void test_words(void)
{
	char **w, *error;
	int n = config_split_line("  source  a \"b c\" tags=\"x y\",z # comment \"", &w, &error);
	is_int(n, 4, "words: count");
	if (n == 4) {
		is_str(w[0], "source", "words: first");
		is_str(w[2], "b c", "words: quoted word keeps its blank");
		is_str(w[3], "tags=x y,z", "words: quotes inside a word");
	}
	config_words_free(w, n);
	n = config_split_line("a \"q\\\"uote\\\\\"", &w, &error);
	ok(n == 2 && strcmp(w[1], "q\"uote\\") == 0, "words: \\\" and \\\\ inside quotes");
	config_words_free(w, n);
	n = config_split_line("# only a comment", &w, &error);
	is_int(n, 0, "words: comment line is empty");
	config_words_free(w, n);
	n = config_split_line("a \"open", &w, &error);
	ok(n < 0 && error && strstr(error, "quote"), "words: unterminated quote is an error");
	free(error);
}

static void test_config(void)
{
	struct config c;
	const char *text =
		"# radar config\n"
		"source daily https://example.org/daily/%Y-%m-%d.md days=3 tags=ai,\"daily news\" every=2h\n"
		"source gb https://example.org/gb.md charset=gbk\n"
		"sauce x https://example.org/x.md\n"
		"frobnicate\n"
		"source bad ftp://example.org/x.md\n"
		"source daily https://example.org/again.md\n"
		"source opt https://example.org/o.md days=0\n"
		"source cs https://example.org/o.md charset=klingon\n"
		"source ev https://example.org/o.md every=5x\n"
		"source un https://example.org/o.md colour=red\n"
		"source rel relative/path\n"
		"source q \"unterminated\n"
		"source short\n"
		"source local /tmp days=2\n";
	int rc = config_load_string(text, "/etc/radar-test/config", &c);
	is_int(rc, -1, "a config with errors returns -1");
	is_int((int64_t)c.sources.count, 3, "the good sources are kept");
	is_int((int64_t)c.error_count, 11, "one error per bad line");
	is_str(error_at(&c, 0), "/etc/radar-test/config:4: unknown command 'sauce' (did you mean 'source'?)",
	       "misspelt directive: file:line and a suggestion");
	is_str(error_at(&c, 1), "/etc/radar-test/config:5: unknown command 'frobnicate'",
	       "unknown directive: file:line: unknown command");
	ok(error_at(&c, 2) && strstr(error_at(&c, 2), ":6: ") && strstr(error_at(&c, 2), "http, https and file"),
	   "ftp location refused");
	ok(error_at(&c, 3) && strstr(error_at(&c, 3), ":7: source 'daily' is defined twice"),
	   "duplicate name refused");
	ok(error_at(&c, 4) && strstr(error_at(&c, 4), ":8: days=0"), "days=0 refused");
	ok(error_at(&c, 5) && strstr(error_at(&c, 5), ":9: charset=klingon"), "unknown charset refused");
	ok(error_at(&c, 6) && strstr(error_at(&c, 6), ":10: every=5x"), "bad interval refused");
	ok(error_at(&c, 7) && strstr(error_at(&c, 7), ":11: unknown option 'colour'"), "unknown option refused");
	ok(error_at(&c, 8) && strstr(error_at(&c, 8), ":12: ") && strstr(error_at(&c, 8), "absolute path"),
	   "relative path refused");
	ok(error_at(&c, 9) && strstr(error_at(&c, 9), ":13: unterminated quote"), "unterminated quote");
	ok(error_at(&c, 10) && strstr(error_at(&c, 10), ":14: usage: source"), "too few words");

	const struct source *daily = source_list_find(&c.sources, "daily");
	ok(daily != NULL, "source 'daily' read");
	if (daily) {
		is_int(daily->type, SOURCE_DATED, "a URL with %%Y-%%m-%%d is dated");
		ok(daily->remote, "an https URL is remote");
		is_int(daily->days, 3, "days=3");
		is_int(daily->every, 7200, "every=2h is 7200 s");
		ok(daily->tag_count == 2 && strcmp(daily->tags[0], "ai") == 0 &&
		   strcmp(daily->tags[1], "daily news") == 0, "tags=ai,\"daily news\"");
		ok(daily->charset == NULL, "no charset override");
	}
	const struct source *gb = source_list_find(&c.sources, "gb");
	ok(gb && gb->type == SOURCE_URL && gb->charset && strcmp(gb->charset, "gbk") == 0 &&
	   gb->days == SOURCE_DEFAULT_DAYS, "charset=gbk kept, default days");
	const struct source *local = source_list_find(&c.sources, "local");
	ok(local && local->type == SOURCE_DIRECTORY && !local->remote, "an existing directory path");
	config_clear(&c);

	rc = config_load_string("", "empty", &c);
	ok(rc == 0 && c.sources.count == 0 && c.error_count == 0, "an empty config is fine");
	config_clear(&c);
}

static void test_targets(void)
{
	struct source s;
	char *error = NULL;
	char *argv[] = { "source", "d", "https://example.org/%Y/%m-%d%20x.md", "days=3" };
	ok(source_parse(4, argv, &s, &error) == 0, "dated source parses");
	struct source_target *t = NULL;
	size_t n = 0;
	/* 2024-03-01 12:00 UTC; the tests run with TZ=UTC. */
	time_t now = 1709294400;
	ok(source_targets(&s, now, &t, &n, &error) == 0, "dated targets");
	is_int((int64_t)n, 3, "one target per day");
	if (n == 3) {
		is_str(t[0].location, "https://example.org/2024/03-01%20x.md", "today first, %%20 kept");
		is_str(t[1].location, "https://example.org/2024/02-29%20x.md", "yesterday (leap day)");
		is_str(t[2].location, "https://example.org/2024/02-28%20x.md", "the day before");
		ok(t[0].optional && t[2].optional, "dated targets may be missing");
	}
	source_targets_free(t, n);
	source_clear(&s);

	char *weekly[] = { "source", "w", "https://example.org/%G-W%V.md", "days=7" };
	ok(source_parse(4, weekly, &s, &error) == 0, "weekly source parses");
	ok(source_targets(&s, now, &t, &n, &error) == 0 && n == 2,
	   "seven days of a weekly pattern are two distinct documents");
	source_targets_free(t, n);
	source_clear(&s);

	char *enc[] = { "source", "e", "https://example.org/%E4%BD%A0.md" };
	ok(source_parse(3, enc, &s, &error) == 0 && s.type == SOURCE_URL,
	   "percent-encoding alone is not a date pattern");
	source_clear(&s);

	/* A directory of digests. */
	char dir[] = "/tmp/radar-test-sources-XXXXXX";
	ok(mkdtemp(dir) != NULL, "temporary directory");
	char path[256];
	const char *files[] = { "b.md", "a.markdown", "notes.txt", ".hidden.md", "sub/c.md" };
	snprintf(path, sizeof path, "%s/sub", dir);
	mkdir(path, 0700);
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		FILE *f = fopen(path, "w");
		if (f) {
			fputs("# x\n", f);
			fclose(f);
		}
	}
	char url[300];
	snprintf(url, sizeof url, "file://%s", dir);
	char *dirargv[] = { "source", "dir", url };
	ok(source_parse(3, dirargv, &s, &error) == 0 && s.type == SOURCE_DIRECTORY &&
	   strcmp(s.location, dir) == 0, "a file:// URL of a directory");
	ok(source_targets(&s, now, &t, &n, &error) == 0, "directory targets");
	is_int((int64_t)n, 3, "the digest files, hidden and non-Markdown ones left out");
	if (n == 3) {
		snprintf(path, sizeof path, "%s/a.markdown", dir);
		is_str(t[0].location, path, "sorted by path");
		snprintf(path, sizeof path, "%s/sub/c.md", dir);
		is_str(t[2].location, path, "subdirectories included");
		ok(!t[0].optional, "directory files are not optional");
	}
	source_targets_free(t, n);
	source_clear(&s);
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		unlink(path);
	}
	snprintf(path, sizeof path, "%s/sub", dir);
	rmdir(path);
	rmdir(dir);

	char *nofile[] = { "source", "f", "file://relative/x.md" };
	ok(source_parse(3, nofile, &s, &error) < 0 && error && strstr(error, "absolute"),
	   "file://relative is refused");
	free(error);
}

static void test_include(void)
{
	char dir[] = "/tmp/radar-test-config-XXXXXX";
	if (!mkdtemp(dir)) {
		tap_skip("no temporary directory", "include");
		return;
	}
	char top[300], inc[300];
	snprintf(top, sizeof top, "%s/config", dir);
	snprintf(inc, sizeof inc, "%s/more.conf", dir);
	FILE *f = fopen(top, "w");
	fprintf(f, "include more.conf\ninclude missing.conf\ninclude config\n");
	fclose(f);
	f = fopen(inc, "w");
	fprintf(f, "source one https://example.org/one.md\nbogus\n");
	fclose(f);
	struct config c;
	int rc = config_load(top, &c);
	is_int(rc, -1, "include: errors reported");
	ok(source_list_find(&c.sources, "one") != NULL, "include: a source from an included file");
	char expected[400];
	snprintf(expected, sizeof expected, "%s:2: unknown command 'bogus'", inc);
	is_str(error_at(&c, 0), expected, "include: errors name the included file and its line");
	ok(error_at(&c, 1) && strstr(error_at(&c, 1), "config:2: ") && strstr(error_at(&c, 1), "missing.conf"),
	   "include: a missing file is reported at the include line");
	ok(c.error_count >= 3 && strstr(c.errors[c.error_count - 1], "nested too deeply"),
	   "include: a loop is stopped");
	config_clear(&c);

	rc = config_load(inc, &c);
	ok(rc == -1 && c.sources.count == 1, "--config PATH reads that file");
	config_clear(&c);
	char missing[400];
	snprintf(missing, sizeof missing, "%s/nope", dir);
	rc = config_load(missing, &c);
	ok(rc == -1 && c.error_count == 1 && strstr(c.errors[0], "nope: "), "a missing --config file is an error");
	config_clear(&c);
	setenv("XDG_CONFIG_HOME", dir, 1);
	rc = config_load(NULL, &c);
	ok(rc == 0 && c.sources.count == 0, "a missing default config is an empty config");
	config_clear(&c);

	/* A file that includes itself five times: without a fan-out limit
	 * that is 5^8 files read and 5^9 errors. */
	f = fopen(top, "w");
	fprintf(f, "include config\ninclude config\ninclude config\ninclude config\ninclude config\nbogus\n");
	fclose(f);
	rc = config_load(top, &c);
	ok(rc == -1 && c.error_count <= 201, "include fan-out: a self-including file stops early (%zu errors)",
	   c.error_count);
	ok(c.error_count > 0 && strstr(c.errors[c.error_count - 1], "too many problems"),
	   "include fan-out: the last message says the rest are not shown");
	config_clear(&c);

	/* A FIFO would block the read forever: refused, not opened for reading. */
	char fifo[400];
	snprintf(fifo, sizeof fifo, "%s/fifo", dir);
	f = fopen(top, "w");
	fprintf(f, "include fifo\n");
	fclose(f);
	if (mkfifo(fifo, 0600) == 0) {
		rc = config_load(top, &c);
		ok(rc == -1 && c.error_count == 1 && strstr(c.errors[0], "not a regular file"),
		   "an included FIFO is refused");
		config_clear(&c);
		rc = config_load(fifo, &c);
		ok(rc == -1 && c.unreadable, "--config naming a FIFO is refused");
		config_clear(&c);
		unlink(fifo);
	} else {
		tap_skip("mkfifo failed", "an included FIFO is refused");
		tap_skip("mkfifo failed", "--config naming a FIFO is refused");
	}
	unlink(top);
	unlink(inc);
	rmdir(dir);
}

int main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	test_words();
	test_config();
	test_targets();
	test_include();
	return tap_done();
}
