/* The ingest path shared by refresh, import, reindex and the demo: decoding,
 * parsing, source tags and the store write for one digest. */
#include <config.h>

#include "ingest.h"

#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "digest.h"
#include "i18n.h"
#include "xalloc.h"

static void add_source_tags(struct digest *digest, char *const *tags, size_t tag_count)
{
	if (tag_count == 0)
		return;
	for (size_t i = 0; i < digest->item_count; i++) {
		struct digest_item *item = &digest->items[i];
		item->tags = xrealloc(item->tags, (item->tag_count + tag_count) * sizeof *item->tags);
		for (size_t k = 0; k < tag_count; k++) {
			item->tags[item->tag_count].name = xstrdup(tags[k]);
			item->tags[item->tag_count].origin = xstrdup("source");
			item->tag_count++;
		}
	}
}

void ingest_result_clear(struct ingest_result *result)
{
	free(result->warning);
	memset(result, 0, sizeof *result);
}

int ingest_digest(struct store *store, int64_t source_id, const struct ingest_origin *origin,
                  const char *bytes, size_t len, struct ingest_result *result, char **error)
{
	memset(result, 0, sizeof *result);
	*error = NULL;
	const char *name = origin->name ? origin->name : origin->location;
	char *declared = charset_from_content_type(origin->content_type);
	size_t text_len = 0;
	char *text = charset_decode(bytes, len, origin->charset, declared, &text_len, NULL);
	free(declared);
	int rc = -1;
	if (origin->skip_unchanged) {
		bool unchanged = false;
		if (store_digest_unchanged(store, origin->location, text, text_len, &unchanged, error) != 0)
			goto done;
		if (unchanged) {
			result->unchanged = true;
			rc = 0;
			goto done;
		}
	}
	struct digest digest;
	if (digest_parse(text, text_len, name, &digest, error) != 0) {
		if (!*error)
			*error = xstrdup(_("cannot parse"));
		goto done;
	}
	if (digest.warning)
		result->warning = xstrdup(digest.warning);
	add_source_tags(&digest, origin->tags, origin->tag_count);
	struct store_import_result imported;
	memset(&imported, 0, sizeof imported);
	rc = store_import_digest(store, source_id, origin->location, text, text_len, &digest,
	                         &imported, error);
	digest_free(&digest);
	if (rc != 0) {
		if (!*error)
			*error = xstrdup(_("cannot store the digest"));
		ingest_result_clear(result);
		rc = -1;
		goto done;
	}
	result->unchanged = imported.unchanged;
	result->items_new = imported.items_new;
	result->items_updated = imported.items_updated;
	result->items = imported.mentions;
done:
	free(text);
	return rc;
}
