/* The one-line prompt for `/` search and `:` commands: UTF-8 editing by
 * character (a CJK character or an emoji is one step), with the usual
 * readline keys: Left/Right, Home/End, Ctrl-a/e, Backspace, Delete,
 * Ctrl-w (word), Ctrl-u (to start), Ctrl-k (to end), Up/Down (history),
 * Enter, Esc/Ctrl-g (cancel).  With completions set (the tag prompts),
 * Tab replaces the word before the cursor by the next name it begins (a
 * leading '-' is kept: "-tag" removes a tag) and cycles; past the last it
 * gives the typed word back; Shift-Tab cycles backwards.  Without them Tab
 * is the caller's (PROMPT_COMPLETE). */
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
	char **completions;     /* owned; NULL: Tab inserts nothing */
	size_t completion_count;
	char *complete_prefix;  /* the word typed before the first Tab, NULL when not cycling */
	size_t complete_start;  /* where that word starts */
	int complete_index;     /* the completion shown, -1 for the typed word */
};

enum prompt_result {
	PROMPT_EDITING,
	PROMPT_DONE,            /* Enter: take prompt_text() */
	PROMPT_CANCELLED,
	PROMPT_COMPLETE,        /* Tab: the caller may complete the line (prompt_start) */
};

void prompt_init(struct prompt *prompt);
void prompt_clear(struct prompt *prompt);
void prompt_start(struct prompt *prompt, char leader, const char *initial);
/* Names Tab completes from (taken over, freed with the prompt or the
 * next prompt_start); call after prompt_start. */
void prompt_set_completions(struct prompt *prompt, char **names, size_t count);
/* KEY in keys.h form. */
enum prompt_result prompt_feed(struct prompt *prompt, int key);
/* The line as UTF-8 (caller frees). */
char *prompt_text(const struct prompt *prompt);
/* Draw at (Y, X) across WIDTH columns and place the terminal cursor. */
void prompt_draw(const struct prompt *prompt, int y, int x, int width);

#endif
