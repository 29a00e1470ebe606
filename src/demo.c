/* The bundled demo digests, imported into a cache on request (`radar --demo`). */
#include <config.h>

#include "demo.h"

#include <stdint.h>
#include <stdlib.h>

#include "digest.h"
#include "i18n.h"
#include "store.h"
#include "xalloc.h"

int demo_import(struct store *store, char **error)
{
	int64_t source_id;
	if (store_source_ensure(store, "demo", "demo:", &source_id, error) != 0)
		return -1;
	for (const struct embedded_file *file = demo_files; file->name; file++) {
		struct digest digest;
		char *why = NULL;
		if (digest_parse(file->data, file->size, file->name, &digest, &why) != 0) {
			*error = xasprintf("%s: %s", file->name, why ? why : _("cannot parse"));
			free(why);
			return -1;
		}
		char *location = xasprintf("demo:%s", file->name);
		struct store_import_result result;
		int rc = store_import_digest(store, source_id, location, file->data, file->size,
		                             &digest, &result, &why);
		free(location);
		digest_free(&digest);
		if (rc != 0) {
			*error = xasprintf("%s: %s", file->name, why ? why : _("cannot store"));
			free(why);
			return -1;
		}
	}
	store_optimize(store);
	return 0;
}
