/* A main() for the fuzz targets without libFuzzer: feed the target every
 * regular file of each directory (or file) named on the command line, in
 * name order, so `make check` replays the corpora with any compiler.
 * Prints how many inputs ran; a broken invariant aborts with the file's
 * name on stderr. */
#include <config.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static size_t inputs;

static void run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(2);
	}
	size_t cap = 4096, len = 0;
	unsigned char *data = malloc(cap);
	size_t n;
	while (data && (n = fread(data + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len == cap)
			data = realloc(data, cap *= 2);
	}
	fclose(f);
	if (!data)
		abort();
	fprintf(stderr, "replay: %s\n", path);
	/* An exact-size copy so ASan sees reads past the end. */
	unsigned char *exact = malloc(len ? len : 1);
	memcpy(exact, data, len);
	free(data);
	LLVMFuzzerTestOneInput(exact, len);
	free(exact);
	inputs++;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_path(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		perror(path);
		exit(2);
	}
	if (!S_ISDIR(st.st_mode)) {
		run_file(path);
		return;
	}
	DIR *dir = opendir(path);
	if (!dir) {
		perror(path);
		exit(2);
	}
	char **names = NULL;
	size_t count = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(dir))) {
		if (e->d_name[0] == '.')
			continue;
		if (count == cap)
			names = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *names);
		names[count++] = strdup(e->d_name);
	}
	closedir(dir);
	if (count)         /* an empty folder: names is NULL */
		qsort(names, count, sizeof *names, by_name);
	for (size_t i = 0; i < count; i++) {
		size_t n = strlen(path) + strlen(names[i]) + 2;
		char *full = malloc(n);
		snprintf(full, n, "%s/%s", path, names[i]);
		if (stat(full, &st) == 0 && S_ISREG(st.st_mode))
			run_file(full);
		free(full);
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++)
		run_path(argv[i]);
	printf("replay: %zu inputs\n", inputs);
	return 0;
}
