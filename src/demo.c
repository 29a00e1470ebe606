/* The bundled demo digests, imported into a cache on request (`radar --demo`). */
#include <config.h>

#include "demo.h"

#include <stdint.h>
#include <stdlib.h>

#include "ingest.h"
#include "xalloc.h"

int demo_import(struct store *store, char **error)
{
	int64_t source_id;
	if (store_source_ensure(store, "demo", "demo:", &source_id, error) != 0)
		return -1;
	for (const struct embedded_file *file = demo_files; file->name; file++) {
		char *location = xasprintf("demo:%s", file->name);
		struct ingest_origin origin = { .location = location, .name = file->name };
		struct ingest_result result;
		char *why = NULL;
		int rc = ingest_digest(store, source_id, &origin, file->data, file->size, &result, &why);
		free(location);
		ingest_result_clear(&result);
		if (rc != 0) {
			*error = xasprintf("%s: %s", file->name, why);
			free(why);
			return -1;
		}
	}
	store_optimize(store);
	return 0;
}
