/* The search and command prompt. */
#include <config.h>

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "strbuf.h"
#include "text.h"
#include "ui/prompt.h"
#include "ui/draw.h"
#include "xalloc.h"

void prompt_init(struct prompt *prompt)
{
	memset(prompt, 0, sizeof *prompt);
	prompt->history_index = -1;
}

static void clear_completions(struct prompt *prompt)
{
	for (size_t i = 0; i < prompt->completion_count; i++)
		free(prompt->completions[i]);
	free(prompt->completions);
	free(prompt->complete_prefix);
	prompt->completions = NULL;
	prompt->completion_count = 0;
	prompt->complete_prefix = NULL;
}

void prompt_set_completions(struct prompt *prompt, char **names, size_t count)
{
	clear_completions(prompt);
	prompt->completions = names;
	prompt->completion_count = count;
}

void prompt_clear(struct prompt *prompt)
{
	clear_completions(prompt);
	free(prompt->text);
	for (size_t i = 0; i < prompt->history_count; i++)
		free(prompt->history[i]);
	memset(prompt, 0, sizeof *prompt);
}

static void put_utf8(struct strbuf *sb, unsigned cp)
{
	char b[4];
	strbuf_append(sb, b, text_utf8_put(cp, b));
}

static char *range_text(const struct prompt *prompt, size_t from, size_t to)
{
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = from; i < to; i++)
		put_utf8(&sb, prompt->text[i]);
	return strbuf_detach(&sb);
}

char *prompt_text(const struct prompt *prompt)
{
	return range_text(prompt, 0, prompt->length);
}

/* Replace the line with UTF-8 TEXT (cleaned: no controls get in). */
static void set_text(struct prompt *prompt, const char *text)
{
	prompt->length = 0;
	char *clean = text_clean(text, strlen(text));
	const char *p = clean, *end = clean + strlen(clean);
	while (p < end) {
		unsigned cp;
		p += text_utf8_next(p, (size_t)(end - p), &cp);
		if (cp == '\n' || cp == '\t')
			cp = ' ';
		prompt->text = xgrow(prompt->text, &prompt->capacity, prompt->length + 1, sizeof *prompt->text);
		prompt->text[prompt->length++] = cp;
	}
	free(clean);
	prompt->cursor = prompt->length;
}

void prompt_start(struct prompt *prompt, char leader, const char *initial)
{
	clear_completions(prompt);
	prompt->active = true;
	prompt->leader = leader;
	prompt->history_index = -1;
	set_text(prompt, initial ? initial : "");
}

static void remember(struct prompt *prompt)
{
	if (prompt->length == 0)
		return;
	char *line = prompt_text(prompt);
	if (prompt->history_count > 0 && strcmp(prompt->history[0], line) == 0) {
		free(line);
		return;
	}
	if (prompt->history_count == PROMPT_HISTORY)
		free(prompt->history[--prompt->history_count]);
	memmove(prompt->history + 1, prompt->history, prompt->history_count * sizeof *prompt->history);
	prompt->history[0] = line;
	prompt->history_count++;
}

static void delete_range(struct prompt *prompt, size_t from, size_t to)
{
	memmove(prompt->text + from, prompt->text + to, (prompt->length - to) * sizeof *prompt->text);
	prompt->length -= to - from;
	prompt->cursor = from;
}

static bool is_space(unsigned cp)
{
	return cp == ' ' || cp == 0x3000;
}

/* Whether CP may be typed in: printable, no bidi or other controls. */
static bool insertable(unsigned cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return false;
	if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E
	    || cp == 0x200F || cp == 0x061C || cp == 0xFEFF)
		return false;
	return cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
}

/* Replace text FROM..cursor by UTF-8 WORD. */
static void replace_word(struct prompt *prompt, size_t from, const char *word)
{
	delete_range(prompt, from, prompt->cursor);
	const char *p = word, *end = word + strlen(word);
	while (p < end) {
		unsigned cp;
		p += text_utf8_next(p, (size_t)(end - p), &cp);
		if (!insertable(cp))
			continue;
		prompt->text = xgrow(prompt->text, &prompt->capacity, prompt->length + 1, sizeof *prompt->text);
		memmove(prompt->text + prompt->cursor + 1, prompt->text + prompt->cursor,
		        (prompt->length - prompt->cursor) * sizeof *prompt->text);
		prompt->text[prompt->cursor++] = cp;
		prompt->length++;
	}
}

/* Tab (STEP 1) and Shift-Tab (-1): the next completion of the word. */
static void complete(struct prompt *prompt, int step)
{
	if (prompt->completion_count == 0)
		return;
	if (!prompt->complete_prefix) {
		size_t start = prompt->cursor;
		while (start > 0 && !is_space(prompt->text[start - 1]))
			start--;
		if (start < prompt->cursor && prompt->text[start] == '-')
			start++;
		prompt->complete_start = start;
		prompt->complete_prefix = range_text(prompt, start, prompt->cursor);
		prompt->complete_index = -1;
	}
	size_t len = strlen(prompt->complete_prefix);
	int n = (int)prompt->completion_count;
	int i = prompt->complete_index;
	for (int tries = 0; tries <= n; tries++) {
		i += step;
		if (i >= n)
			i = -1;
		else if (i < -1)
			i = n - 1;
		if (i == -1 || strncmp(prompt->completions[i], prompt->complete_prefix, len) == 0)
			break;
	}
	prompt->complete_index = i;
	replace_word(prompt, prompt->complete_start,
	             i < 0 ? prompt->complete_prefix : prompt->completions[i]);
}

enum prompt_result prompt_feed(struct prompt *prompt, int key)
{
	/* Without completions of its own, Tab is the caller's (PROMPT_COMPLETE). */
	if (prompt->completion_count > 0 && (key == '\t' || key == (KEY_FUNCTION_BIT | KEY_BTAB))) {
		complete(prompt, key == '\t' ? 1 : -1);
		return PROMPT_EDITING;
	}
	/* Any other key takes the completion shown as typed. */
	free(prompt->complete_prefix);
	prompt->complete_prefix = NULL;
	switch (key) {
	case '\n':
		remember(prompt);
		prompt->active = false;
		return PROMPT_DONE;
	case 27:
	case 7:     /* Ctrl-g */
		prompt->active = false;
		return PROMPT_CANCELLED;
	case '\t':
		return PROMPT_COMPLETE;
	case KEY_FUNCTION_BIT | KEY_BACKSPACE:
		if (prompt->cursor > 0)
			delete_range(prompt, prompt->cursor - 1, prompt->cursor);
		else if (prompt->length == 0) {
			/* Backspace on an empty line leaves it, as in vim and less. */
			prompt->active = false;
			return PROMPT_CANCELLED;
		}
		break;
	case KEY_FUNCTION_BIT | KEY_DC:
	case 4:     /* Ctrl-d */
		if (prompt->cursor < prompt->length)
			delete_range(prompt, prompt->cursor, prompt->cursor + 1);
		break;
	case KEY_FUNCTION_BIT | KEY_LEFT:
	case 2:     /* Ctrl-b */
		if (prompt->cursor > 0)
			prompt->cursor--;
		break;
	case KEY_FUNCTION_BIT | KEY_RIGHT:
	case 6:     /* Ctrl-f */
		if (prompt->cursor < prompt->length)
			prompt->cursor++;
		break;
	case KEY_FUNCTION_BIT | KEY_HOME:
	case 1:     /* Ctrl-a */
		prompt->cursor = 0;
		break;
	case KEY_FUNCTION_BIT | KEY_END:
	case 5:     /* Ctrl-e */
		prompt->cursor = prompt->length;
		break;
	case 21:    /* Ctrl-u */
		delete_range(prompt, 0, prompt->cursor);
		break;
	case 11:    /* Ctrl-k */
		prompt->length = prompt->cursor;
		break;
	case 23: {  /* Ctrl-w */
		size_t i = prompt->cursor;
		while (i > 0 && is_space(prompt->text[i - 1]))
			i--;
		while (i > 0 && !is_space(prompt->text[i - 1]))
			i--;
		delete_range(prompt, i, prompt->cursor);
		break;
	}
	case KEY_FUNCTION_BIT | KEY_UP:
	case 16:    /* Ctrl-p */
		if (prompt->history_index + 1 < (int)prompt->history_count) {
			prompt->history_index++;
			set_text(prompt, prompt->history[prompt->history_index]);
		}
		break;
	case KEY_FUNCTION_BIT | KEY_DOWN:
	case 14:    /* Ctrl-n */
		if (prompt->history_index > 0) {
			prompt->history_index--;
			set_text(prompt, prompt->history[prompt->history_index]);
		} else if (prompt->history_index == 0) {
			prompt->history_index = -1;
			set_text(prompt, "");
		}
		break;
	default:
		if ((key & (KEY_FUNCTION_BIT | KEY_ALT_BIT)) == 0 && insertable((unsigned)key)
		    && text_codepoint_width((unsigned)key) > 0) {
			prompt->text = xgrow(prompt->text, &prompt->capacity, prompt->length + 1,
			                     sizeof *prompt->text);
			memmove(prompt->text + prompt->cursor + 1, prompt->text + prompt->cursor,
			        (prompt->length - prompt->cursor) * sizeof *prompt->text);
			prompt->text[prompt->cursor++] = (unsigned)key;
			prompt->length++;
		}
		break;
	}
	return PROMPT_EDITING;
}

void prompt_draw(const struct prompt *prompt, int y, int x, int width)
{
	int attr = ui_area_attr(AREA_PROMPT);
	char leader[2] = { prompt->leader, 0 };
	ui_draw_text(y, x, 1, leader, attr);
	int room = width - 2;   /* the leader, and a column for the cursor at the end */
	if (room < 1) {
		move(y, x);
		return;
	}
	/* Scroll horizontally so the cursor stays in view, with a little of
	 * the text before it when the line is long. */
	size_t start = 0;
	int before = 0;
	for (size_t i = prompt->cursor; i > 0; i--) {
		int w = text_codepoint_width(prompt->text[i - 1]);
		if (before + w > room - room / 4 && before > 0) {
			start = i;
			break;
		}
		before += w;
	}
	char *visible = range_text(prompt, start, prompt->length);
	char *clean = text_clean(visible, strlen(visible));
	ui_draw_text(y, x + 1, width - 1, clean, attr);
	free(clean);
	free(visible);
	move(y, x + 1 + before);
}
