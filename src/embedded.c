/* Lookup in the tables of compiled-in files (keymaps/, themes/) that tools/embed.sh
 * generates, so built-in defaults are read by the same loader as the user's files. */

#include <config.h>

#include "embedded.h"

#include <string.h>

#include "strbuf.h"

const struct embedded_file *embedded_find(const struct embedded_file *files, const char *name,
                                          const char *extension)
{
	size_t n = strlen(name);
	for (const struct embedded_file *f = files; f->name; f++)
		if (strncmp(f->name, name, n) == 0 && strcmp(f->name + n, extension) == 0)
			return f;
	return NULL;
}

char *embedded_names(const struct embedded_file *files, const char *extension)
{
	struct strbuf names;
	strbuf_init(&names);
	size_t cut = strlen(extension);
	for (const struct embedded_file *f = files; f->name; f++) {
		size_t len = strlen(f->name);
		if (names.len)
			strbuf_puts(&names, ", ");
		strbuf_append(&names, f->name, len >= cut ? len - cut : len);
	}
	return strbuf_detach(&names);
}
