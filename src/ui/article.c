/* The article pane. */
#include <config.h>

#include <curses.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "item-article.h"
#include "colors.h"
#include "i18n.h"
#include "query.h"
#include "strbuf.h"
#include "text.h"
#include "ui/article.h"
#include "ui/draw.h"
#include "xalloc.h"

void article_init(struct article_pane *article)
{
	memset(article, 0, sizeof *article);
	article->item_id = -1;
	render_output_init(&article->out);
}

void article_reset(struct article_pane *article)
{
	if (article->item_id >= 0)
		item_detail_clear(&article->detail);
	render_output_clear(&article->out);
	render_output_init(&article->out);
	memset(&article->detail, 0, sizeof article->detail);
	article->item_id = -1;
	article->scroll = 0;
	article->width = 0;
}

void article_clear(struct article_pane *article)
{
	article_reset(article);
	article_set_highlight(article, NULL, 0);
}

void article_set_highlight(struct article_pane *article, char **words, size_t count)
{
	query_words_free(article->highlight, article->highlight_count);
	article->highlight = words;
	article->highlight_count = count;
}

static void render(struct article_pane *article)
{
	render_output_clear(&article->out);
	render_output_init(&article->out);
	if (article->item_id >= 0 && article->width > 0)
		render_item(&article->detail, article->width, &article->out);
}

int article_load(struct article_pane *article, struct store *store, int64_t item_id, bool force,
                 char **error)
{
	if (item_id == article->item_id && !force)
		return 0;
	int scroll = item_id == article->item_id ? article->scroll : 0;
	int width = article->width;
	article_reset(article);
	struct item_detail detail;
	int rc = store_get_item(store, item_id, &detail, error);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	article->detail = detail;
	article->item_id = item_id;
	article->width = width;
	render(article);
	article_scroll_to(article, scroll);
	return 0;
}

void article_layout(struct article_pane *article, int width, int height)
{
	/* A margin of one column on each side reads better next to a border. */
	int text_width = width - 2 > 10 ? width - 2 : width;
	article->height = height;
	if (text_width != article->width) {
		article->width = text_width;
		render(article);
	}
	article_scroll_to(article, article->scroll);
}

void article_scroll_to(struct article_pane *article, int line)
{
	int max = (int)article->out.lines.count - article->height;
	if (line > max)
		line = max;
	if (line < 0)
		line = 0;
	article->scroll = line;
}

void article_scroll(struct article_pane *article, int delta)
{
	article_scroll_to(article, article->scroll + delta);
}

const char *article_link(const struct article_pane *article, int n)
{
	if (article->item_id < 0)
		return NULL;
	if (n == 0)
		return article->detail.row.url;
	if (n < 0 || (size_t)n > article->out.link_count)
		return NULL;
	return article->out.links[n - 1].url;
}

static enum color_area style_area(int style)
{
	static const enum color_area areas[RENDER_STYLE_COUNT] = {
		[RENDER_TEXT] = AREA_TEXT, [RENDER_TITLE] = AREA_ARTICLE_TITLE,
		[RENDER_HEADING] = AREA_HEADING, [RENDER_STRONG] = AREA_STRONG,
		[RENDER_EMPHASIS] = AREA_EMPHASIS, [RENDER_STRIKE] = AREA_STRIKE,
		[RENDER_CODE] = AREA_CODE, [RENDER_CODE_BLOCK] = AREA_CODE_BLOCK,
		[RENDER_LINK] = AREA_LINK, [RENDER_LINK_NUMBER] = AREA_LINK_NUMBER,
		[RENDER_QUOTE] = AREA_QUOTE, [RENDER_LIST_MARKER] = AREA_LIST_MARKER,
		[RENDER_RULE] = AREA_RULE, [RENDER_TABLE_BORDER] = AREA_TABLE_BORDER,
		[RENDER_TABLE_HEADER] = AREA_TABLE_HEADER, [RENDER_META] = AREA_META,
		[RENDER_TAG] = AREA_TAG,
	};
	return style >= 0 && style < RENDER_STYLE_COUNT ? areas[style] : AREA_TEXT;
}

/* Bytes FROM..TO of a span's display text at *COLUMN in ATTR. */
static void draw_piece(const struct article_pane *article, const char *text, size_t from,
                       size_t to, int attr, int y, int x, int *column)
{
	if (to <= from || *column >= article->width)
		return;
	char *part = xstrndup(text + from, to - from);
	int used = 0;
	char *piece = text_truncate(part, article->width - *column, &used);
	attrset(attr);
	mvaddstr(y, x + *column, piece);
	free(piece);
	free(part);
	*column += used;
}

/* Line INDEX: its spans in their styles, the query's matches in
 * search-match.  They are found in the line's whole text, so a phrase may
 * cross spans, and with the lines it wraps on from or to, so a phrase the
 * wrap split is drawn on both (query_line_matches).  Spans are display
 * text already; text_truncate keeps the line within the pane even if a
 * span were wider than promised. */
static void draw_line(const struct article_pane *article, size_t index, int y, int x)
{
	const struct text_line *line = &article->out.lines.lines[index];
	struct query_range *ranges = NULL;
	size_t range_count = query_line_matches(&article->out.lines, index, article->highlight,
	                                        article->highlight_count, &ranges);
	size_t r = 0;
	int column = 0, match_attr = ui_area_attr(AREA_SEARCH_MATCH);
	size_t offset = 0;      /* of the span in the line's text */
	for (size_t s = 0; s < line->span_count && column < article->width; s++) {
		const char *text = line->spans[s].text;
		size_t len = strlen(text), at = 0;
		int attr = ui_area_attr(style_area(line->spans[s].style));
		while (at < len) {
			size_t here = offset + at;
			while (r < range_count && ranges[r].end <= here)
				r++;
			bool in = r < range_count && ranges[r].start <= here;
			size_t stop = r < range_count ? (in ? ranges[r].end : ranges[r].start) : SIZE_MAX;
			size_t to = stop - offset < len ? stop - offset : len;
			draw_piece(article, text, at, to, in ? match_attr : attr, y, x, &column);
			at = to;
		}
		offset += len;
	}
	free(ranges);
}

void article_draw(const struct article_pane *article, int y, int x)
{
	int full = article->width + (article->width > 10 ? 2 : 0);
	int margin = full - article->width == 2 ? 1 : 0;
	int text_attr = ui_area_attr(AREA_TEXT);
	for (int i = 0; i < article->height; i++) {
		ui_draw_text(y + i, x, full, "", text_attr);
		size_t index = (size_t)article->scroll + (size_t)i;
		if (index >= article->out.lines.count)
			continue;
		draw_line(article, index, y + i, x + margin);
	}
	attrset(A_NORMAL);
}

/* ---------------------------------------------------------------- pane hooks */

static int article_step(void *pane, long delta, char **error)
{
	(void)error;
	article_scroll(pane, (int)delta);
	return 0;
}

static int article_go(void *pane, long index, char **error)
{
	(void)error;
	article_scroll_to(pane, index < 0 ? 1 << 30 : (int)index);
	return 0;
}

/* A page keeps one line of the last for context. */
static void article_page(const void *pane, int *half, int *full)
{
	const struct article_pane *article = pane;
	int h = article->height > 1 ? article->height : 1;
	*half = h / 2;
	*full = h - 1;
}

const struct pane_ops article_pane_ops = {
	.name = "article",
	.step = article_step,
	.scroll = article_step,
	.go = article_go,
	.page = article_page,
};
