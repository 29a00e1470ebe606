/* Turning a fetched document's bytes into UTF-8.
 *
 * The encoding is chosen in this order: the source's own charset= override,
 * a byte-order mark, the charset the server declared, then the bytes
 * themselves (valid UTF-8 is UTF-8; bytes that decode cleanly as GB18030 are
 * GB18030; anything else is repaired as UTF-8).  Legacy labels are decoded
 * as the superset that servers really mean (gbk → GB18030, shift_jis →
 * CP932, euc-kr → CP949, big5 → BIG5-HKSCS).  Undecodable bytes become
 * U+FFFD: decoding never fails. */
#ifndef RADAR_CHARSET_H
#define RADAR_CHARSET_H

#include <stdbool.h>
#include <stddef.h>

#define CHARSET_NAME_MAX 48

/* The iconv name radar decodes LABEL (a charset label, any case) with, into
 * NAME: the superset for legacy labels, "UTF-8" for utf-8/utf8, else the
 * label upper-cased.  Returns false (NAME "") when iconv cannot decode it. */
bool charset_resolve(const char *label, char name[CHARSET_NAME_MAX]);

/* Whether iconv on this system can decode LABEL (for validating charset=). */
bool charset_supported(const char *label);

/* The charset parameter of a Content-Type header value, lower case, or NULL
 * when there is none (caller frees). */
char *charset_from_content_type(const char *content_type);

/* Decode LEN bytes to UTF-8.  OVERRIDE and DECLARED (the HTTP charset) may
 * be NULL or unsupported, in which case they are ignored.  Returns a
 * NUL-terminated string (caller frees) of *OUT_LEN bytes and, when USED is
 * not NULL, writes the name of the decoding applied ("UTF-8", "GB18030",
 * "UTF-16LE", ...) into it. */
char *charset_decode(const char *bytes, size_t len, const char *override, const char *declared,
                     size_t *out_len, char used[CHARSET_NAME_MAX]);

#endif
