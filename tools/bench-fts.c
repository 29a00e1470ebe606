/* The floor under issue 15's import figure: the full-text index alone,
 * built as the writer builds it, on one thread, with nothing else written.
 * A contentless FTS5 table with radar's tokenizer (store/tokenizer.c), the
 * settings of a bulk import's batch (store/batch.c: hashsize 16 MB,
 * automerge 16, a commit every second, the index merged into one segment
 * at the end), WAL and synchronous = NORMAL as the cache has them; one row
 * per block of each Markdown file that a heading (a line starting with '#')
 * opens, which for tools/gen-corpus.py's digests is one row per item.
 * Whatever else an import does (items, mentions, links, tags, counts) has
 * to fit in the time this leaves.
 *   tools/bench-fts DB FILE|DIR...  DB is created (and replaced); a DIR
 *                                   gives its *.md files, in name order
 * Prints one line: rows, MB of Markdown, seconds to insert and to merge,
 * MB/s, and the index's bytes per row. */
#include <config.h>

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "store/internal.h"
#include "xalloc.h"

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0, got;
	char *buf = xmalloc(cap);
	while ((got = fread(buf + n, 1, cap - n, f)) > 0)
		if ((n += got) == cap)
			buf = xrealloc(buf, cap *= 2);
	fclose(f);
	*len = n;
	return buf;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* PATH's *.md files in name order, or PATH itself when it is no directory. */
static char **files_of(const char *path, size_t *count)
{
	char **names = NULL;
	size_t n = 0, cap = 0;
	DIR *dir = opendir(path);
	if (!dir) {
		names = xmalloc(sizeof *names);
		names[0] = xstrdup(path);
		*count = 1;
		return names;
	}
	struct dirent *entry;
	while ((entry = readdir(dir))) {
		size_t len = strlen(entry->d_name);
		if (len < 4 || strcmp(entry->d_name + len - 3, ".md") != 0)
			continue;
		names = xgrow(names, &cap, n + 1, sizeof *names);
		names[n++] = xasprintf("%s/%s", path, entry->d_name);
	}
	closedir(dir);
	if (n)
		qsort(names, n, sizeof *names, compare_names);
	*count = n;
	return names;
}

static int run(sqlite3 *db, const char *sql)
{
	char *message = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &message) != SQLITE_OK) {
		fprintf(stderr, "bench-fts: %s: %s\n", sql, message ? message : "?");
		sqlite3_free(message);
		return -1;
	}
	return 0;
}

/* One row per heading block of PATH. */
static int index_file(sqlite3 *db, sqlite3_stmt *insert, const char *path, int64_t *rows,
                      size_t *bytes)
{
	size_t len;
	char *text = read_file(path, &len);
	if (!text) {
		fprintf(stderr, "bench-fts: cannot read %s\n", path);
		return -1;
	}
	*bytes += len;
	for (size_t from = 0, to; from < len; from = to) {
		to = from + 1;
		while (to < len && !(text[to - 1] == '\n' && text[to] == '#'))
			to++;
		sqlite3_bind_int64(insert, 1, ++*rows);
		sqlite3_bind_text(insert, 2, text + from, (int)(to - from), SQLITE_STATIC);
		if (sqlite3_step(insert) != SQLITE_DONE) {
			fprintf(stderr, "bench-fts: %s\n", sqlite3_errmsg(db));
			free(text);
			return -1;
		}
		sqlite3_reset(insert);
	}
	free(text);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: bench-fts DB FILE|DIR...\n");
		return 2;
	}
	char wal[4096];
	snprintf(wal, sizeof wal, "%s-wal", argv[1]);
	remove(argv[1]);
	remove(wal);
	sqlite3 *db;
	if (sqlite3_open(argv[1], &db) != SQLITE_OK || fts_register_tokenizer(db) != SQLITE_OK) {
		fprintf(stderr, "bench-fts: cannot open %s\n", argv[1]);
		return 1;
	}
	if (run(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
	            "PRAGMA cache_size = -16384; PRAGMA wal_autocheckpoint = 16000;"
	            "CREATE VIRTUAL TABLE f USING fts5(text, content = '', tokenize = 'radar');"
	            "INSERT INTO f (f, rank) VALUES ('hashsize', 16777216);"
	            "INSERT INTO f (f, rank) VALUES ('automerge', 16);") < 0)
		return 1;
	sqlite3_stmt *insert;
	if (sqlite3_prepare_v2(db, "INSERT INTO f (rowid, text) VALUES (?1, ?2)", -1, &insert,
	                       NULL) != SQLITE_OK)
		return 1;
	int64_t rows = 0;
	size_t bytes = 0;
	double start = now_s(), committed = start;
	if (run(db, "BEGIN") < 0)
		return 1;
	for (int i = 2; i < argc; i++) {
		size_t file_count;
		char **files = files_of(argv[i], &file_count);
		for (size_t k = 0; k < file_count; k++) {
			if (index_file(db, insert, files[k], &rows, &bytes) < 0)
				return 1;
			free(files[k]);
			if (now_s() - committed >= 1.0) {
				if (run(db, "COMMIT; BEGIN") < 0)
					return 1;
				committed = now_s();
			}
		}
		free(files);
	}
	if (run(db, "COMMIT") < 0)
		return 1;
	double inserted = now_s();
	if (run(db, "INSERT INTO f (f) VALUES ('optimize')") < 0)
		return 1;
	double merged = now_s();
	sqlite3_finalize(insert);
	sqlite3_int64 index_bytes = 0;
	sqlite3_stmt *size;
	if (sqlite3_prepare_v2(db, "SELECT sum(pgsize) FROM dbstat WHERE name GLOB 'f_*'", -1, &size,
	                       NULL) == SQLITE_OK && sqlite3_step(size) == SQLITE_ROW)
		index_bytes = sqlite3_column_int64(size, 0);
	sqlite3_finalize(size);
	sqlite3_close(db);
	double mb = (double)bytes / 1048576.0;
	printf("the full-text index alone: %lld rows of %.1f MB, inserted in %.2f s, merged in %.2f s:"
	       " %.2f s = %.1f MB/s, %lld bytes/row\n", (long long)rows, mb, inserted - start,
	       merged - inserted, merged - start, mb / (merged - start),
	       rows ? (long long)(index_bytes / rows) : 0LL);
	return 0;
}
