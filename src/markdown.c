/* markdown.c owns the cmark-gfm parser configuration shared by extraction
 * (src/digest/) and display (src/render/), and the work budget of a parse:
 * an allocator that knows every block one parse holds, so that the parse
 * can be abandoned from inside cmark (a longjmp out of the allocator) and
 * all of it freed.  Nested parses on one thread do not happen (cmark never
 * calls back into radar while parsing).
 *
 * One parse at a time in the process: Debian's cmark-gfm keeps the table of
 * special inline characters in a global that every parse changes (the
 * extensions' characters are added before inlines are processed and removed
 * after, github/cmark-gfm#176), so two parses on two threads (the ingest
 * workers, or the reader drawing an article while a refresh parses) make
 * each other miss links and emphasis.  What radar does with the tree after
 * the parse runs in parallel. */
#include <config.h>

#include "markdown.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmark-gfm-core-extensions.h>

#include "cancel.h"

/* The blocks of the running parse, pointer -> size, in an open-addressing
 * table (linear probing, backward-shift deletion).  Blocks are plain
 * malloc blocks, so a tree (and any string cmark renders from it) is freed
 * with free() like everything else; only while a parse runs are its
 * blocks known here, to be freed all at once if it is stopped. */
struct slot {
	void *ptr;
	size_t size;
};

struct parse {
	struct slot *slots;
	size_t capacity;        /* a power of two */
	size_t count;
	size_t used, limit;
	unsigned long calls;
	enum markdown_status stop;
	jmp_buf escape;
};

static pthread_mutex_t parse_lock = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local struct parse *current;
static _Thread_local size_t budget_override;

void markdown_set_budget(size_t bytes)
{
	budget_override = bytes;
}

static size_t slot_of(const struct parse *p, const void *ptr)
{
	uintptr_t h = (uintptr_t)ptr;
	h ^= h >> 17;
	h *= (uintptr_t)0x9e3779b97f4a7c15ull;
	h ^= h >> 29;
	return (size_t)h & (p->capacity - 1);
}

static _Noreturn void stop(struct parse *p, enum markdown_status why)
{
	p->stop = why;
	longjmp(p->escape, 1);
}

static void table_put(struct parse *p, void *ptr, size_t size);

static void table_grow(struct parse *p)
{
	struct slot *old = p->slots;
	size_t old_capacity = p->capacity;
	size_t capacity = old_capacity ? old_capacity * 2 : 1024;
	struct slot *slots = calloc(capacity, sizeof *slots);
	if (!slots)
		stop(p, MARKDOWN_TOO_COMPLEX);
	p->slots = slots;
	p->capacity = capacity;
	p->count = 0;
	for (size_t i = 0; i < old_capacity; i++)
		if (old[i].ptr)
			table_put(p, old[i].ptr, old[i].size);
	free(old);
}

static void table_put(struct parse *p, void *ptr, size_t size)
{
	if ((p->count + 1) * 4 > p->capacity * 3)
		table_grow(p);
	size_t i = slot_of(p, ptr);
	while (p->slots[i].ptr)
		i = (i + 1) & (p->capacity - 1);
	p->slots[i].ptr = ptr;
	p->slots[i].size = size;
	p->count++;
}

/* Removes PTR; returns whether it was there (with its size in *SIZE). */
static bool table_take(struct parse *p, void *ptr, size_t *size)
{
	if (!p->capacity)
		return false;
	size_t mask = p->capacity - 1;
	size_t i = slot_of(p, ptr);
	while (p->slots[i].ptr != ptr) {
		if (!p->slots[i].ptr)
			return false;
		i = (i + 1) & mask;
	}
	*size = p->slots[i].size;
	p->slots[i].ptr = NULL;
	p->count--;
	/* Backward shift: later entries of the run move into the hole. */
	size_t hole = i;
	for (size_t j = (i + 1) & mask; p->slots[j].ptr; j = (j + 1) & mask) {
		size_t home = slot_of(p, p->slots[j].ptr);
		if (((j - home) & mask) >= ((j - hole) & mask)) {
			p->slots[hole] = p->slots[j];
			p->slots[j].ptr = NULL;
			hole = j;
		}
	}
	return true;
}

/* Called before each allocation of a parse: the budget, and now and then
 * the cancel flag. */
static void check(struct parse *p, size_t more)
{
	if (more > p->limit || p->used > p->limit - more)
		stop(p, MARKDOWN_TOO_COMPLEX);
	if ((++p->calls & 255) == 0 && cancel_requested())
		stop(p, MARKDOWN_CANCELLED);
}

static _Noreturn void out_of_memory(void)
{
	fputs("radar: out of memory\n", stderr);
	abort();
}

static void *tracked_calloc(size_t count, size_t size)
{
	struct parse *p = current;
	if (!p) {
		void *block = calloc(count, size);
		if (!block)
			out_of_memory();
		return block;
	}
	if (size && count > SIZE_MAX / size)
		stop(p, MARKDOWN_TOO_COMPLEX);
	size_t bytes = count * size;
	check(p, bytes);
	void *block = calloc(1, bytes ? bytes : 1);
	if (!block)
		stop(p, MARKDOWN_TOO_COMPLEX);
	table_put(p, block, bytes);
	p->used += bytes;
	return block;
}

static void *tracked_realloc(void *ptr, size_t size)
{
	struct parse *p = current;
	if (!p) {
		void *block = realloc(ptr, size ? size : 1);
		if (!block)
			out_of_memory();
		return block;
	}
	if (!ptr)
		return tracked_calloc(1, size);
	size_t old = 0;
	bool tracked = table_take(p, ptr, &old);
	if (tracked)
		p->used -= old;
	if (size > p->limit || p->used > p->limit - size) {
		if (tracked) {
			table_put(p, ptr, old);
			p->used += old;
		}
		stop(p, MARKDOWN_TOO_COMPLEX);
	}
	void *block = realloc(ptr, size ? size : 1);
	if (!block) {
		if (tracked) {
			table_put(p, ptr, old);
			p->used += old;
		}
		stop(p, MARKDOWN_TOO_COMPLEX);
	}
	/* A block from before the parse (never seen: cmark reallocates only
	 * its parser's blocks) stays its owner's. */
	if (tracked) {
		table_put(p, block, size);
		p->used += size;
	}
	return block;
}

static void tracked_free(void *ptr)
{
	struct parse *p = current;
	size_t size;
	if (p && ptr && table_take(p, ptr, &size))
		p->used -= size;
	free(ptr);
}

/* cmark keeps this pointer in every node, so it is static and shared by all
 * threads; the per-parse state is in `current`, which is thread-local. */
static cmark_mem tracked_mem = { tracked_calloc, tracked_realloc, tracked_free };

static cmark_parser *new_parser(void)
{
	static const char *const extensions[] = { "table", "autolink", "strikethrough", "tasklist" };
	cmark_parser *parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES |
	                                                 CMARK_OPT_VALIDATE_UTF8, &tracked_mem);
	for (size_t i = 0; i < sizeof extensions / sizeof *extensions; i++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(extensions[i]);
		if (ext)
			cmark_parser_attach_syntax_extension(parser, ext);
	}
	return parser;
}

/* The parse proper, apart so that nothing it keeps in registers is needed
 * after a longjmp back into markdown_parse. */
static cmark_node *run_parse(const char *text, size_t len)
{
	cmark_parser *parser = new_parser();
	/* Fed in slices so the cancel flag is seen between them too (the
	 * allocator sees it only when something is allocated). */
	size_t slice = 64 * 1024;
	for (size_t done = 0; done < len; done += slice) {
		if (cancel_requested())
			stop(current, MARKDOWN_CANCELLED);
		cmark_parser_feed(parser, text + done, len - done < slice ? len - done : slice);
	}
	cmark_node *doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	return doc;
}

cmark_node *markdown_parse(const char *text, size_t len, enum markdown_status *status)
{
	/* On the heap, and only its fields change after setjmp: nothing
	 * markdown_parse needs lives in a local the longjmp could lose. */
	struct parse *const p = calloc(1, sizeof *p);
	if (!p)
		out_of_memory();
	p->limit = budget_override ? budget_override : MARKDOWN_MAX_ALLOC;
	p->stop = MARKDOWN_OK;
	cmark_node *volatile doc = NULL;
	/* Taken before setjmp and released after it returns either way, so a
	 * parse stopped from inside cmark releases it too. */
	pthread_mutex_lock(&parse_lock);
	cmark_gfm_core_extensions_ensure_registered();
	if (setjmp(p->escape) == 0) {
		current = p;
		doc = run_parse(text, len);
	}
	current = NULL;
	pthread_mutex_unlock(&parse_lock);
	enum markdown_status why = p->stop;
	if (why != MARKDOWN_OK) {
		/* Everything the stopped parse allocated, the parser included. */
		for (size_t i = 0; i < p->capacity; i++)
			free(p->slots[i].ptr);
		doc = NULL;
	}
	free(p->slots);
	free(p);
	if (status)
		*status = why;
	return doc;
}
