/* The digests' stored text, compressed: digests.raw holds a BLOB of the
 * text's length (4 bytes, little-endian) and its zlib (deflate) stream; a
 * TEXT value is a digest stored before compression (or by a migration
 * still to run) and is read as it is.  Unpacking is done by the writer,
 * the full-text index, the readers and, in SQL, radar_raw(raw), with the
 * last digest unpacked kept per connection: the mentions of an item's
 * article, or a digest's index rows, ask for the same digest in turn.
 *
 * Why zlib: the digests' Markdown (CJK with URLs) packs 2.5-3.5 times at
 * level 1, it unpacks at hundreds of MB/s, and it is already linked
 * (through libcurl); Debian's zlib1g-dev. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>
#include <zlib.h>

#include "store/internal.h"
#include "xalloc.h"

/* Digests above this are refused by the fetch cap long before; a length
 * field claiming more is a damaged value. */
#define RAW_MAX ((size_t)1 << 31)

void *raw_pack(const char *text, size_t len, size_t *packed_len)
{
	uLong bound = compressBound((uLong)len);
	unsigned char *out = xmalloc(4 + bound);
	out[0] = (unsigned char)(len & 0xff);
	out[1] = (unsigned char)((len >> 8) & 0xff);
	out[2] = (unsigned char)((len >> 16) & 0xff);
	out[3] = (unsigned char)((len >> 24) & 0xff);
	uLongf written = bound;
	/* Level 1: most of the gain of level 6 at several times the speed. */
	if (compress2(out + 4, &written, (const Bytef *)(text ? text : ""), (uLong)len, 1) != Z_OK) {
		free(out);
		*packed_len = 0;
		return NULL;
	}
	*packed_len = 4 + written;
	return out;
}

char *raw_unpack(const void *value, size_t value_len, bool packed, size_t *len)
{
	*len = 0;
	if (!packed) {
		char *copy = xmalloc(value_len + 1);
		if (value_len)
			memcpy(copy, value, value_len);
		copy[value_len] = '\0';
		*len = value_len;
		return copy;
	}
	const unsigned char *in = value;
	if (value_len < 4)
		return NULL;
	size_t want = (size_t)in[0] | (size_t)in[1] << 8 | (size_t)in[2] << 16 | (size_t)in[3] << 24;
	if (want >= RAW_MAX)
		return NULL;
	char *out = xmalloc(want + 1);
	uLongf got = (uLongf)want;
	if (uncompress((Bytef *)out, &got, in + 4, (uLong)(value_len - 4)) != Z_OK || got != want) {
		free(out);
		return NULL;
	}
	out[want] = '\0';
	*len = want;
	return out;
}

const char *raw_column(struct store *store, sqlite3_stmt *stmt, int column, size_t *len)
{
	const void *value = sqlite3_column_blob(stmt, column);
	size_t value_len = (size_t)sqlite3_column_bytes(stmt, column);
	bool packed = sqlite3_column_type(stmt, column) == SQLITE_BLOB;
	return raw_cached(&store->raw_cache, value, value_len, packed, len);
}

const char *raw_cached(struct raw_cache *cache, const void *value, size_t value_len, bool packed,
                       size_t *len)
{
	if (cache->text && cache->packed_len == value_len && cache->was_packed == packed &&
	    (value_len == 0 || memcmp(cache->packed, value, value_len) == 0)) {
		*len = cache->len;
		return cache->text;
	}
	char *text = raw_unpack(value, value_len, packed, len);
	if (!text)
		return NULL;
	raw_cache_clear(cache);
	cache->packed = xmalloc(value_len ? value_len : 1);
	if (value_len)
		memcpy(cache->packed, value, value_len);
	cache->packed_len = value_len;
	cache->was_packed = packed;
	cache->text = text;
	cache->len = *len;
	return text;
}

void raw_cache_clear(struct raw_cache *cache)
{
	free(cache->packed);
	free(cache->text);
	memset(cache, 0, sizeof *cache);
}

/* radar_raw(raw): the digest's text (NULL for a damaged value). */
static void sql_radar_raw(sqlite3_context *context, int argc, sqlite3_value **argv)
{
	(void)argc;
	struct raw_cache *cache = sqlite3_user_data(context);
	int type = sqlite3_value_type(argv[0]);
	if (type == SQLITE_NULL)
		return;
	const void *value = sqlite3_value_blob(argv[0]);
	size_t value_len = (size_t)sqlite3_value_bytes(argv[0]);
	size_t len = 0;
	const char *text = raw_cached(cache, value, value_len, type == SQLITE_BLOB, &len);
	if (!text)
		return;
	/* A BLOB: substr() on it counts bytes, as excerpt ranges do. */
	sqlite3_result_blob64(context, text, len, SQLITE_TRANSIENT);
}

int raw_register_function(struct store *store)
{
	return sqlite3_create_function_v2(store->db, "radar_raw", 1,
	                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
	                                  &store->sql_raw_cache, sql_radar_raw, NULL, NULL,
	                                  NULL) == SQLITE_OK ? 0 : -1;
}
