/* The ingest path shared by refresh, import, reindex and the demo: decoding,
 * what the body is, parsing, source tags and the store write for one
 * document (a feed: its items, and its entries read as digests). */
#include <config.h>

#include "ingest.h"

#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "digest.h"
#include "feed.h"
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

static int store_one(struct store *store, int64_t source_id, const char *location,
                     const char *text, size_t len, const struct digest *digest,
                     struct ingest_result *result, char **error)
{
	struct store_import_result imported;
	memset(&imported, 0, sizeof imported);
	if (store_import_digest(store, source_id, location, text, len, digest, &imported, error) != 0) {
		if (!*error)
			*error = xstrdup(_("cannot store the digest"));
		return -1;
	}
	result->items_new += imported.items_new;
	result->items_updated += imported.items_updated;
	result->items += imported.mentions;
	return 0;
}

/* The entries read as digests go in first and the feed itself last: a
 * refresh killed half-way finds the feed changed and does it all again. */
static int ingest_feed(struct store *store, int64_t source_id, const struct ingest_origin *origin,
                       const char *text, size_t len, struct ingest_result *result, char **error)
{
	struct feed_result feed;
	if (feed_parse(text, len, origin->location, origin->as, &feed, error) != 0)
		return -1;
	int rc = 0;
	for (size_t i = 0; i < feed.digest_count && rc == 0; i++) {
		struct feed_digest *d = &feed.digests[i];
		add_source_tags(&d->digest, origin->tags, origin->tag_count);
		rc = store_one(store, source_id, d->location, d->markdown, strlen(d->markdown),
		               &d->digest, result, error);
	}
	add_source_tags(&feed.items, origin->tags, origin->tag_count);
	if (rc == 0)
		rc = store_one(store, source_id, origin->location, text, len, &feed.items, result, error);
	if (rc == 0 && feed.items.warning)
		result->warning = xstrdup(feed.items.warning);
	feed_result_free(&feed);
	return rc;
}

/* Bodies that are no digest, or an HTML page turned into one (TEXT is
 * replaced by its Markdown).  Returns -1 with *ERROR for the rest. */
static int check_body(enum feed_body body, const struct ingest_origin *origin, char **text,
                      size_t *text_len, char **error)
{
	switch (body) {
	case FEED_BODY_MARKDOWN:
	case FEED_BODY_FEED:
		return 0;
	case FEED_BODY_HTML:
		if (feed_content_type_is_feed(origin->content_type)) {
			*error = xasprintf(_("served as a feed (%s) but the body is an HTML page"),
			                   origin->content_type);
			return -1;
		}
		char *markdown = feed_html_to_markdown(*text, *text_len, origin->location, error);
		if (!markdown)
			return -1;
		free(*text);
		*text = markdown;
		*text_len = strlen(markdown);
		return 0;
	case FEED_BODY_OPML:
		*error = xstrdup(_("an OPML list of feeds, not a digest: add its feeds with 'radar import FILE.opml'"));
		return -1;
	case FEED_BODY_XML:
		*error = xstrdup(_("an XML document that is no RSS or Atom feed"));
		return -1;
	case FEED_BODY_BINARY:
		*error = xstrdup(_("binary data, not a digest, a feed or a web page"));
		return -1;
	}
	return 0;
}

char *ingest_decode(const struct ingest_origin *origin, const char *bytes, size_t len,
                    size_t *text_len, enum feed_body *body, char **error)
{
	*error = NULL;
	/* The raw bytes tell binary data and the charset an XML declaration or
	 * <meta> names; the decoded text (a UTF-16 feed too) what it is. */
	*body = feed_sniff(bytes, len);
	char *declared = charset_from_content_type(origin->content_type);
	if (!declared && *body != FEED_BODY_MARKDOWN && *body != FEED_BODY_BINARY) {
		declared = feed_declared_charset(bytes, len);
		/* A document claiming UTF-8 is checked like an undeclared one:
		 * GB18030 bytes under a copied "UTF-8" header are common. */
		char resolved[CHARSET_NAME_MAX];
		if (declared && charset_resolve(declared, resolved) && strcmp(resolved, "UTF-8") == 0) {
			free(declared);
			declared = NULL;
		}
	}
	char *text = charset_decode(bytes, len, origin->charset, declared, text_len, NULL);
	free(declared);
	if (*body != FEED_BODY_BINARY)
		*body = feed_sniff(text, *text_len);
	if (check_body(*body, origin, &text, text_len, error) != 0) {
		free(text);
		return NULL;
	}
	return text;
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
	size_t text_len = 0;
	enum feed_body body;
	int rc = -1;
	char *text = ingest_decode(origin, bytes, len, &text_len, &body, error);
	if (!text)
		return -1;
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
	if (body == FEED_BODY_FEED) {
		rc = ingest_feed(store, source_id, origin, text, text_len, result, error);
		if (rc != 0)
			ingest_result_clear(result);
		goto done;
	}
	struct digest digest;
	if (digest_parse(text, text_len, name, &digest, error) != 0) {
		if (!*error)
			*error = xstrdup(_("cannot parse"));
		goto done;
	}
	if (body == FEED_BODY_HTML && digest.item_count == 0) {
		digest_free(&digest);
		*error = xstrdup(_("a web page without links radar reads as items (an error page?)"));
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
