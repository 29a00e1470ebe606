/* markdown.c owns the cmark-gfm parser configuration shared by extraction
 * (src/digest/) and display (src/render/). */
#include <config.h>

#include "markdown.h"

#include <cmark-gfm-core-extensions.h>

cmark_node *markdown_parse(const char *text, size_t len)
{
	static const char *const extensions[] = { "table", "autolink", "strikethrough", "tasklist" };

	cmark_gfm_core_extensions_ensure_registered();
	cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES |
	                                        CMARK_OPT_VALIDATE_UTF8);
	for (size_t i = 0; i < sizeof extensions / sizeof *extensions; i++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(extensions[i]);
		if (ext)
			cmark_parser_attach_syntax_extension(parser, ext);
	}
	cmark_parser_feed(parser, text, len);
	cmark_node *doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	return doc;
}
