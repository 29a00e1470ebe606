/* Parses on several threads at once give what one parse alone gives: the
 * ingest workers and the reader parse while a refresh does, and Debian's
 * cmark-gfm changes a global table of special characters during every
 * parse (markdown.c serialises the parse for that). */
#include <config.h>

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <cmark-gfm.h>

#include "markdown.h"
#include "strbuf.h"
#include "tap.h"

#define THREADS 4
#define ROUNDS 300

struct shape {
	int links, struck, tables;
};

static const char *text;
static size_t text_len;
static struct shape alone;

static struct shape shape_of(cmark_node *doc)
{
	struct shape s = { 0, 0, 0 };
	cmark_iter *iter = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node *node = cmark_iter_get_node(iter);
		const char *type = cmark_node_get_type_string(node);
		if (cmark_node_get_type(node) == CMARK_NODE_LINK)
			s.links++;
		else if (strcmp(type, "strikethrough") == 0)
			s.struck++;
		else if (strcmp(type, "table") == 0)
			s.tables++;
	}
	cmark_iter_free(iter);
	return s;
}

static void *parse_rounds(void *arg)
{
	int *wrong = arg;
	for (int i = 0; i < ROUNDS; i++) {
		cmark_node *doc = markdown_parse(text, text_len, NULL);
		if (!doc) {
			(*wrong)++;
			continue;
		}
		struct shape s = shape_of(doc);
		if (s.links != alone.links || s.struck != alone.struck || s.tables != alone.tables)
			(*wrong)++;
		cmark_node_free(doc);
	}
	return NULL;
}

int main(void)
{
	struct strbuf sb;
	strbuf_init(&sb);
	for (int i = 0; i < 40; i++)
		strbuf_printf(&sb, "- ~~old %d~~ see www.example.com/%d and https://example.org/p%d\n"
		               "  `code` *em* **strong** [link](https://example.net/%d)\n\n"
		               "| a | b |\n|---|---|\n| ~~x~~ | www.example.com/t%d |\n\n", i, i, i, i, i);
	text = sb.data;
	text_len = sb.len;
	cmark_node *doc = markdown_parse(text, text_len, NULL);
	ok(doc != NULL, "the document parses");
	alone = shape_of(doc);
	cmark_node_free(doc);
	ok(alone.links == 160 && alone.struck == 80 && alone.tables == 40,
	   "one parse alone: 160 links (autolinks too), 80 struck, 40 tables (%d, %d, %d)",
	   alone.links, alone.struck, alone.tables);

	pthread_t threads[THREADS];
	int wrong[THREADS] = { 0 };
	for (int t = 0; t < THREADS; t++)
		pthread_create(&threads[t], NULL, parse_rounds, &wrong[t]);
	int total = 0;
	for (int t = 0; t < THREADS; t++) {
		pthread_join(threads[t], NULL);
		total += wrong[t];
	}
	ok(total == 0, "%d parses on %d threads at once all give the same tree (%d differed)",
	   THREADS * ROUNDS, THREADS, total);
	strbuf_clear(&sb);
	return tap_done();
}
