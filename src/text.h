/* Text that looks right in a terminal: every string radar draws or prints
 * passes through here.
 *
 * Forms of text:
 *   raw      bytes from outside (a digest, a server, a file name): untrusted.
 *   clean    the output of text_clean(): valid UTF-8 with no control
 *            characters (except '\n' and '\t'), no escape sequences, no bidi
 *            controls, no BOM; emoji normalised so that libc wcwidth(), ncursesw
 *            and terminals agree on every width.  Soft hyphens and zero-width
 *            spaces survive only as U+200B, a zero-width break hint.
 *   display  a clean string with break hints removed, tabs expanded: what is
 *            handed to ncurses or printed.  text_fit() and text_wrap*() produce it.
 *
 * Widths are libc wcwidth() (the function ncursesw uses), with East Asian
 * ambiguous characters counted 1 unless text_set_ambiguous_wide(true).  When
 * the calling thread's locale is not UTF-8 (setlocale not called yet), the
 * functions below measure in C.UTF-8 rather than treat all text as unknown. */
#ifndef RADAR_TEXT_H
#define RADAR_TEXT_H

#include <stdbool.h>
#include <stddef.h>

void text_set_ambiguous_wide(bool wide);
bool text_ambiguous_wide(void);
/* Whether CODEPOINT is East Asian Width "ambiguous" (drawn wide by terminals
 * set that way); radar's own chrome should avoid such characters. */
bool text_is_ambiguous(unsigned int codepoint);
/* The mark text_truncate() ends a cut string with: one column, not ambiguous. */
const char *text_ellipsis(void);

/* UTF-8 steps, one implementation for the whole program (libunistring
 * underneath).  text_utf8_next decodes the code point at S (LEN bytes
 * available, LEN > 0) into *CP and returns the bytes it takes (>= 1); an
 * ill-formed or truncated sequence reads as U+FFFD and takes the bytes
 * u8_mbtouc says it spans.  text_utf8_prev decodes the last code point of
 * the LEN bytes at S and returns its length (0 when LEN is 0).
 * text_utf8_put writes CP (U+FFFD for a surrogate, NUL or out of range) to
 * OUT, at least 4 bytes, and returns the bytes written. */
size_t text_utf8_next(const char *s, size_t len, unsigned int *cp);
size_t text_utf8_prev(const char *s, size_t len, unsigned int *cp);
size_t text_utf8_put(unsigned int cp, char *out);

/* Whether CP belongs to a script written without spaces between words
 * (Han, kana, bopomofo, CJK punctuation and full-width forms), so a line
 * break in the source is not a word break.  Hangul is NOT included: Korean
 * separates words with spaces. */
bool text_is_cjk(unsigned int cp);

/* raw -> valid UTF-8: invalid or truncated sequences become U+FFFD; C0
 * controls except '\t' and '\n' dropped ("\r\n" becomes "\n"), DEL, C1
 * (U+0080-U+009F), bidi controls (U+202A-U+202E, U+2066-U+2069, U+200E,
 * U+200F, U+061C), U+FEFF dropped; U+00AD and U+200B become U+200B;
 * U+2028 and U+2029 become '\n'.
 * An ESC is dropped on its own, so "ESC[2J" leaves the inert text "[2J". */
char *text_sanitize(const char *bytes, size_t len);

/* sanitised -> clean: drop U+FE0F/U+FE0E and U+200D, drop skin-tone
 * modifiers after a wide base, regional-indicator pairs as "[CN]", a
 * printable character wcwidth() does not know as U+3013 (wide) or '?'. */
char *text_normalize(const char *sanitized);

/* text_sanitize + text_normalize. */
char *text_clean(const char *bytes, size_t len);

/* Columns a clean string takes ('\t' counts as 1, break hints 0, '\n' 0). */
int text_width(const char *clean);
/* Columns of one code point, following the rules above (never negative). */
int text_codepoint_width(unsigned int codepoint);

/* Fit a clean string into at most COLS columns; when it is wider, cut it
 * and end it with an ellipsis (a narrow, non-ambiguous mark), never
 * splitting a grapheme or a wide character.  *WIDTH gets the columns used.
 * Newlines and tabs become spaces.  Returns display text. */
char *text_truncate(const char *clean, int cols, int *width);
/* text_truncate, then padded with spaces to exactly COLS columns. */
char *text_fit(const char *clean, int cols);

/* A run of text drawn with one style; STYLE is the caller's, passed through. */
struct text_span {
	char *text;
	int style;
};

/* How a line follows the one before it: after a '\n' or in another block
 * (NONE), or as the same paragraph wrapped there, where the wrap dropped a
 * space (SPACE) or broke between two characters (DIRECT: CJK, a long word).
 * Lets a search match a phrase the wrap split (query_line_matches). */
enum text_joint { TEXT_JOINT_NONE, TEXT_JOINT_DIRECT, TEXT_JOINT_SPACE };

struct text_line {
	struct text_span *spans;
	size_t span_count;
	int width;              /* columns, always <= the wrap width */
	enum text_joint joint;  /* set by text_wrap_spans (and the renderer) */
	size_t lead;            /* bytes of decoration before the text (a
	                         * renderer's list or quote prefix), 0 if none */
};

struct text_lines {
	struct text_line *lines;
	size_t count;
	size_t capacity;
};

/* Break styled clean text into lines of at most WIDTH columns (WIDTH >= 1),
 * appending them to OUT.  Break opportunities come from libunistring
 * (u8_possible_linebreaks) with CJK kinsoku fixes: no line starts with
 * closing punctuation (，。、！？）」』》… and friends), none ends with an
 * opening bracket; Chinese quotes “ ” open and close; words, numbers like
 * v1.2.3, $100, 50% and URLs stay whole; a piece wider than WIDTH is broken
 * at a grapheme boundary; a wide character that would straddle the edge
 * moves to the next line.  '\n' forces a break.  Spaces where a line breaks
 * are dropped; a paragraph's leading spaces (indentation) stay.  Every
 * paragraph (text between '\n's, even empty) gives at least one line; an
 * empty line has no spans.  A tab is shown as one space (as text_width counts
 * it).  Output spans hold display text. */
void text_wrap_spans(const struct text_span *spans, size_t span_count, int width,
                     struct text_lines *out);
/* One-style convenience. */
void text_wrap(const char *clean, int width, int style, struct text_lines *out);
/* The break opportunities text_wrap uses: CAN_BREAK[i] (LEN bytes) is 1
 * when a line may start at byte i of CLEAN, else 0. */
void text_break_opportunities(const char *clean, size_t len, char *can_break);

void text_lines_init(struct text_lines *lines);
void text_lines_clear(struct text_lines *lines);
/* Append a line made of a copy of SPANS (no wrapping; caller ensures width). */
void text_lines_add(struct text_lines *lines, const struct text_span *spans, size_t span_count);
/* The text of line I with styles dropped (caller frees). */
char *text_line_string(const struct text_line *line);

#endif
