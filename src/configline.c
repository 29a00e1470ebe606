/* Config syntax below the directives: lines to words (configline.h). */
#include <config.h>

#include "configline.h"

#include <stdio.h>
#include <stdnoreturn.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "strbuf.h"
#include "xalloc.h"

#define MAX_LINE_BYTES (64 * 1024)

void config_words_free(char **words, int count)
{
	for (int i = 0; i < count; i++)
		free(words[i]);
	free(words);
}

int config_split_line(const char *line, char ***words, char **error)
{
	*words = NULL;
	*error = NULL;
	char **list = NULL;
	size_t count = 0, capacity = 0;
	const char *p = line;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (!*p || *p == '#')
			break;
		struct strbuf word;
		strbuf_init(&word);
		while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') {
			if (*p != '"') {
				strbuf_putc(&word, *p++);
				continue;
			}
			p++;
			while (*p && *p != '"') {
				if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
					p++;
				strbuf_putc(&word, *p++);
			}
			if (*p != '"') {
				strbuf_clear(&word);
				config_words_free(list, (int)count);
				*error = xstrdup(_("unterminated quote"));
				return -1;
			}
			p++;
		}
		list = xgrow(list, &capacity, count + 1, sizeof *list);
		list[count++] = strbuf_detach(&word);
	}
	*words = list;
	return (int)count;
}

void config_read_lines(const char *text, size_t len, config_words_fn *on_words,
                       config_line_error_fn *on_error, void *data)
{
	const char *p = text, *end = text + len;
	int line = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		line++;
		if (n > MAX_LINE_BYTES) {
			char *message = xasprintf(_("line longer than %d bytes; skipped"), MAX_LINE_BYTES);
			on_error(line, message, data);
			free(message);
		} else if (memchr(p, '\0', n)) {
			on_error(line, _("line holds a NUL byte; skipped"), data);
		} else {
			char *text_line = xstrndup(p, n);
			char **words;
			char *error = NULL;
			int count = config_split_line(text_line, &words, &error);
			if (count < 0) {
				on_error(line, error, data);
				free(error);
			} else if (count > 0) {
				on_words(line, count, words, data);
			}
			if (count >= 0)
				config_words_free(words, count);
			free(text_line);
		}
		p += n + (nl ? 1 : 0);
	}
}

struct builtin_reader {
	const char *name;
	const char *directive;
	config_directive_fn *apply;
	void *target;
};

static noreturn void builtin_failed(const char *name, int line, const char *message)
{
	fprintf(stderr, "radar: %s:%d: %s\n", name, line, message);
	abort();
}

static void builtin_error(int line, const char *message, void *data)
{
	builtin_failed(((struct builtin_reader *)data)->name, line, message);
}

static void builtin_words(int line, int count, char **words, void *data)
{
	struct builtin_reader *reader = data;
	char *error = NULL;
	if (strcmp(words[0], reader->directive) != 0 ||
	    reader->apply(reader->target, count, words, &error) != 0)
		builtin_failed(reader->name, line, error ? error : words[0]);
}

void config_read_builtin(const char *name, const char *text, size_t len, const char *directive,
                         config_directive_fn *apply, void *target)
{
	struct builtin_reader reader = { name, directive, apply, target };
	config_read_lines(text, len, builtin_words, builtin_error, &reader);
}
