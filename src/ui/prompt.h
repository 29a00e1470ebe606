/* The one-line prompt for `/` search and `:` commands: UTF-8 editing by
 * character (a CJK character or an emoji is one step), with the usual
 * readline keys: Left/Right, Home/End, Ctrl-a/e, Backspace, Delete,
 * Ctrl-w (word), Ctrl-u (to start), Ctrl-k (to end), Up/Down (history),
 * Enter, Esc/Ctrl-g (cancel), Tab (completion, the caller's). */
#ifndef RADAR_UI_PROMPT_LINE_H
#define RADAR_UI_PROMPT_LINE_H

#include <stdbool.h>
#include <stddef.h>

#define PROMPT_HISTORY 50

struct prompt {
	bool active;
	char leader;            /* '/' or ':' */
	unsigned int *text;     /* code points */
	size_t length;
	size_t capacity;
	size_t cursor;          /* 0..length */
	char *history[PROMPT_HISTORY];  /* newest first, shared by both leaders */
	size_t history_count;
	int history_index;      /* -1: editing a new line */
};

enum prompt_result {
	PROMPT_EDITING,
	PROMPT_DONE,            /* Enter: take prompt_text() */
	PROMPT_CANCELLED,
	PROMPT_COMPLETE,        /* Tab: the caller may complete the line (prompt_start) */
};

void prompt_init(struct prompt *prompt);
void prompt_free(struct prompt *prompt);
void prompt_start(struct prompt *prompt, char leader, const char *initial);
/* KEY in keys.h form. */
enum prompt_result prompt_feed(struct prompt *prompt, int key);
/* The line as UTF-8 (caller frees). */
char *prompt_text(const struct prompt *prompt);
/* Draw at (Y, X) across WIDTH columns and place the terminal cursor. */
void prompt_draw(const struct prompt *prompt, int y, int x, int width);

#endif
