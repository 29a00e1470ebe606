/* Unit tests of src/strbuf.c and src/xalloc.c. */
#include <config.h>

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "strbuf.h"
#include "tap.h"
#include "xalloc.h"

/* True when SB's invariants hold: data is NUL-terminated at len, and the
 * capacity leaves room for that NUL. */
static bool well_formed(const struct strbuf *sb)
{
	return sb->data != NULL && sb->capacity > sb->len && sb->data[sb->len] == '\0';
}

static void test_init_and_append(void)
{
	struct strbuf sb;
	strbuf_init(&sb);
	ok(well_formed(&sb), "init: buffer is allocated and terminated");
	is_int((int64_t)sb.len, 0, "init: empty");
	is_str(sb.data, "", "init: empty string");

	strbuf_puts(&sb, "中文");
	strbuf_putc(&sb, ',');
	strbuf_append(&sb, "emoji 🔥 and more", 10);
	is_str(sb.data, "中文,emoji 🔥", "puts + putc + append of a prefix");
	is_int((int64_t)sb.len, 6 + 1 + 10, "length counts bytes, not characters");
	ok(well_formed(&sb), "still terminated after appends");

	strbuf_append(&sb, "", 0);
	is_int((int64_t)sb.len, 17, "appending nothing changes nothing");

	static const char binary[] = { 'a', '\0', 'b' };
	strbuf_reset(&sb);
	strbuf_append(&sb, binary, sizeof binary);
	is_int((int64_t)sb.len, 3, "an embedded NUL is kept as data");
	ok(memcmp(sb.data, binary, 3) == 0 && sb.data[3] == '\0', "binary bytes copied exactly");
	strbuf_clear(&sb);
	ok(sb.data == NULL && sb.len == 0 && sb.capacity == 0, "free leaves the struct empty");
	strbuf_clear(&sb);
	ok(sb.data == NULL && sb.len == 0 && sb.capacity == 0, "freeing twice leaves it empty");
	strbuf_puts(&sb, "again");
	is_str(sb.data, "again", "... and usable again");
	strbuf_clear(&sb);
}

static void test_printf(void)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_printf(&sb, "%d items in %s", 45, "日报");
	is_str(sb.data, "45 items in 日报", "printf formats");
	strbuf_printf(&sb, " (%05.1f%%)", 3.5);
	is_str(sb.data, "45 items in 日报 (003.5%)", "printf appends to what is there");
	size_t before = sb.len;
	strbuf_printf(&sb, "%s", "");
	is_int((int64_t)sb.len, (int64_t)before, "printf of an empty result appends nothing");
	ok(well_formed(&sb), "still terminated");

	/* Longer than the initial capacity, so printf must grow the buffer. */
	strbuf_reset(&sb);
	strbuf_printf(&sb, "[%0*d]", 1000, 7);
	is_int((int64_t)sb.len, 1002, "printf result longer than the initial capacity");
	ok(sb.data[0] == '[' && sb.data[1] == '0' && sb.data[1000] == '7' && sb.data[1001] == ']',
	   "long printf result is complete");
	ok(well_formed(&sb), "terminated after growing");
	strbuf_clear(&sb);
}

static void test_large_append(void)
{
	struct strbuf sb;
	strbuf_init(&sb);
	char chunk[4099];
	for (size_t i = 0; i < sizeof chunk; i++)
		chunk[i] = (char)('a' + i % 26);
	const size_t rounds = 2000;   /* a little over 8 MB in odd-sized pieces */
	for (size_t r = 0; r < rounds; r++)
		strbuf_append(&sb, chunk, sizeof chunk);
	is_int((int64_t)sb.len, (int64_t)(rounds * sizeof chunk), "8 MB appended in 4099-byte pieces");
	ok(well_formed(&sb), "large buffer terminated, capacity above length");
	bool intact = true;
	for (size_t i = 0; i < sb.len && intact; i += 997)
		intact = sb.data[i] == (char)('a' + (i % sizeof chunk) % 26);
	ok(intact, "large buffer content survives every reallocation");
	ok(sb.capacity < 2 * (sb.len + 1) + 64, "capacity grows geometrically, without waste");

	size_t capacity = sb.capacity;
	strbuf_reset(&sb);
	ok(sb.len == 0 && sb.data[0] == '\0', "reset empties the buffer");
	is_int((int64_t)sb.capacity, (int64_t)capacity, "reset keeps the allocation for reuse");
	strbuf_puts(&sb, "again");
	is_str(sb.data, "again", "usable after reset");
	strbuf_clear(&sb);
}

static void test_rtrim(void)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, "  title with  inner  space \t\r\n\f\v ");
	strbuf_rtrim(&sb);
	is_str(sb.data, "  title with  inner  space", "rtrim drops trailing ASCII space only");
	is_int((int64_t)sb.len, 26, "rtrim updates the length");

	strbuf_reset(&sb);
	strbuf_puts(&sb, " \n\t ");
	strbuf_rtrim(&sb);
	ok(sb.len == 0 && sb.data[0] == '\0', "rtrim of blanks only leaves an empty string");
	strbuf_rtrim(&sb);
	ok(sb.len == 0 && sb.data[0] == '\0', "rtrim of an empty buffer is harmless");

	/* U+3000 IDEOGRAPHIC SPACE is not ASCII white space: its bytes must stay whole. */
	strbuf_reset(&sb);
	strbuf_puts(&sb, "标题\xe3\x80\x80");
	strbuf_rtrim(&sb);
	is_str(sb.data, "标题\xe3\x80\x80", "rtrim never cuts into a multi-byte character");

	strbuf_reset(&sb);
	strbuf_append(&sb, "x\0 ", 3);
	strbuf_rtrim(&sb);
	is_int((int64_t)sb.len, 2, "rtrim stops at a NUL byte (not white space)");
	strbuf_clear(&sb);
}

static void test_detach(void)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, "🌟 starred");
	char *s = strbuf_detach(&sb);
	is_str(s, "🌟 starred", "detach hands over the string");
	ok(sb.data == NULL && sb.len == 0 && sb.capacity == 0, "detach leaves the buffer empty");
	strbuf_puts(&sb, "new");
	is_str(sb.data, "new", "an emptied buffer accepts appends again");
	ok(s != sb.data, "the detached string is not shared with the buffer");
	is_str(s, "🌟 starred", "the detached string is unchanged by later appends");
	free(s);
	strbuf_clear(&sb);

	strbuf_init(&sb);
	s = strbuf_detach(&sb);
	is_str(s, "", "detaching an empty buffer gives an empty string, not NULL");
	free(s);
}

static void test_xgrow(void)
{
	size_t capacity = 0;
	int *numbers = xgrow(NULL, &capacity, 1, sizeof *numbers);
	ok(numbers != NULL && capacity >= 1, "xgrow from nothing allocates");
	is_int((int64_t)capacity, 8, "first growth starts at 8 elements");

	int *same = xgrow(numbers, &capacity, 8, sizeof *numbers);
	ok(same == numbers && capacity == 8, "no growth when the capacity suffices");

	for (int i = 0; i < 8; i++)
		numbers[i] = i * i;
	numbers = xgrow(numbers, &capacity, 9, sizeof *numbers);
	is_int((int64_t)capacity, 16, "growing by one doubles");
	numbers = xgrow(numbers, &capacity, 100, sizeof *numbers);
	is_int((int64_t)capacity, 128, "growing far doubles until it fits");
	bool kept = true;
	for (int i = 0; i < 8; i++)
		kept = kept && numbers[i] == i * i;
	ok(kept, "xgrow keeps the elements");
	for (int i = 0; i < 128; i++)
		numbers[i] = -i;   /* the whole capacity is writable (ASan checks) */
	is_int(numbers[127], -127, "the last element of the new capacity is usable");
	free(numbers);
}

/* Run xgrow with a size that cannot be allocated in a child process; it must
 * say "out of memory" and abort, not wrap around and return a small block. */
static void test_xgrow_overflow(void)
{
	int err[2];
	if (pipe(err) != 0) {
		tap_skip("pipe failed", "xgrow refuses an overflowing size");
		tap_skip("pipe failed", "xgrow says why");
		return;
	}
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		tap_skip("fork failed", "xgrow refuses an overflowing size");
		tap_skip("fork failed", "xgrow says why");
		close(err[0]);
		close(err[1]);
		return;
	}
	if (pid == 0) {
		struct rlimit no_core = { 0, 0 };
		setrlimit(RLIMIT_CORE, &no_core);
		dup2(err[1], STDERR_FILENO);
		close(err[0]);
		close(err[1]);
		size_t capacity = 0;
		void *p = xgrow(NULL, &capacity, SIZE_MAX / 2, 4);
		free(p);
		_exit(0);   /* reaching this is the failure */
	}
	close(err[1]);
	char message[256];
	size_t got = 0;
	ssize_t n;
	while (got < sizeof message - 1 && (n = read(err[0], message + got, sizeof message - 1 - got)) > 0)
		got += (size_t)n;
	message[got] = '\0';
	close(err[0]);
	int status = 0;
	waitpid(pid, &status, 0);
	ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT,
	   "xgrow refuses an overflowing size (child aborted)");
	ok(strstr(message, "out of memory") != NULL, "xgrow says why: '%s'", message);
}

static void test_xalloc_helpers(void)
{
	char *s = xasprintf("%s-%03d-%c", "arXiv", 7, 'x');
	is_str(s, "arXiv-007-x", "xasprintf formats");
	free(s);
	s = xasprintf("%s", "");
	ok(s != NULL && s[0] == '\0', "xasprintf of an empty result gives an empty string");
	free(s);
	s = xasprintf("%s%*s", "《报告》", 5000, "");
	is_int((int64_t)strlen(s), 12 + 5000, "xasprintf of a long result is complete");
	ok(strncmp(s, "《报告》", 12) == 0 && s[12 + 4999] == ' ', "long xasprintf content");
	free(s);

	s = xstrndup("github.com/example-lab/tiny-agent", 10);
	is_str(s, "github.com", "xstrndup copies N bytes and terminates");
	free(s);
	s = xstrdup("中文 🔥");
	is_str(s, "中文 🔥", "xstrdup copies");
	free(s);

	unsigned char *zeros = xcalloc(64, 16);
	bool all_zero = true;
	for (size_t i = 0; i < 64 * 16; i++)
		all_zero = all_zero && zeros[i] == 0;
	ok(all_zero, "xcalloc zeroes");
	free(zeros);

	void *empty = xmalloc(0);
	ok(empty != NULL, "xmalloc(0) returns a block that can be freed");
	free(empty);

	char *grown = xmalloc(4);
	memcpy(grown, "abc", 4);
	grown = xrealloc(grown, 1 << 20);
	is_str(grown, "abc", "xrealloc keeps the content");
	free(grown);
}

int main(void)
{
	test_init_and_append();
	test_printf();
	test_large_append();
	test_rtrim();
	test_detach();
	test_xgrow();
	test_xgrow_overflow();
	test_xalloc_helpers();
	return tap_done();
}
