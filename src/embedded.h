/* Files compiled into the binary by tools/embed.sh: the demo digests, the
 * keymaps of keymaps/ and the themes of themes/. */
#ifndef RADAR_EMBEDDED_H
#define RADAR_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char *name;   /* the file's base name, "vi.keys" */
	const char *data;   /* NUL-terminated */
	size_t size;
};

/* FILES ends with an entry whose name is NULL.  The file named NAME plus
 * EXTENSION ("vi" + ".keys"), or NULL. */
const struct embedded_file *embedded_find(const struct embedded_file *files, const char *name,
                                          const char *extension);
/* "default, light, mono": the names without EXTENSION (caller frees). */
char *embedded_names(const struct embedded_file *files, const char *extension);

#endif
