/* Unit tests of src/feed/: sniffing, declared charsets, RSS 2.0 / RDF /
 * Atom entries, item or digest, HTML → Markdown, the safety refusals and
 * caps, OPML. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "strbuf.h"
#include "tap.h"
#include "xalloc.h"

static char *slurp(const char *name, size_t *len)
{
	const char *dir = getenv("top_srcdir");
	char *path = xasprintf("%s/tests/fixtures/feeds/%s", dir ? dir : ".", name);
	FILE *f = fopen(path, "rb");
	free(path);
	if (!f) {
		*len = 0;
		return xstrdup("");
	}
	struct strbuf sb;
	strbuf_init(&sb);
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_append(&sb, buf, n);
	fclose(f);
	*len = sb.len;
	return strbuf_detach(&sb);
}

static const struct digest_item *find(const struct digest *d, const char *key)
{
	for (size_t i = 0; i < d->item_count; i++)
		if (strcmp(d->items[i].key, key) == 0)
			return &d->items[i];
	return NULL;
}

static void test_sniff(void)
{
	static const struct {
		const char *text;
		enum feed_body body;
		const char *what;
	} cases[] = {
		{ "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">", FEED_BODY_FEED, "RSS 2.0" },
		{ "\xEF\xBB\xBF<?xml version='1.0'?><!-- c --><rdf:RDF xmlns:rdf=\"x\">", FEED_BODY_FEED, "RDF after a BOM and a comment" },
		{ "<feed xmlns=\"http://www.w3.org/2005/Atom\">", FEED_BODY_FEED, "Atom without a declaration" },
		{ "<?xml version=\"1.0\"?><!DOCTYPE rss [ <!ENTITY a \"b\"> ]><rss>", FEED_BODY_FEED, "a DOCTYPE with a subset" },
		{ "<!DOCTYPE html><html><body>", FEED_BODY_HTML, "an HTML page" },
		{ "  <html lang=en>", FEED_BODY_HTML, "<html> without a doctype" },
		{ "<?xml version=\"1.0\"?><opml version=\"2.0\">", FEED_BODY_OPML, "OPML" },
		{ "<?xml version=\"1.0\"?><svg>", FEED_BODY_XML, "other XML" },
		{ "# A digest\n\n- [x](https://x.example)\n", FEED_BODY_MARKDOWN, "Markdown" },
		{ "<div align=center>\n\n# Digest\n", FEED_BODY_MARKDOWN, "Markdown opening with an HTML block" },
		{ "\x89PNG\r\n\x1a\n", FEED_BODY_BINARY, "a PNG" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		is_int(feed_sniff(cases[i].text, strlen(cases[i].text)), cases[i].body, "sniff: %s",
		       cases[i].what);
	char bin[512];
	for (size_t i = 0; i < sizeof bin; i++)
		bin[i] = (char)(i * 7 % 32);
	is_int(feed_sniff(bin, sizeof bin), FEED_BODY_BINARY, "sniff: control bytes are binary");
	const char *nul = "# Digest\n\n- a\0b\n";
	is_int(feed_sniff(nul, 16), FEED_BODY_MARKDOWN, "sniff: one NUL in a digest is not binary");
}

static void test_charset(void)
{
	char *cs = feed_declared_charset("<?xml version=\"1.0\" encoding=\"GB18030\"?><rss/>", 44);
	is_str(cs, "gb18030", "charset: the XML declaration's encoding");
	free(cs);
	const char *html = "<html><head><meta http-equiv='Content-Type' content='text/html; charset=Big5'>";
	cs = feed_declared_charset(html, strlen(html));
	is_str(cs, "big5", "charset: an HTML meta http-equiv");
	free(cs);
	cs = feed_declared_charset("<rss version=\"2.0\">", 19);
	ok(cs == NULL, "charset: none declared");
	free(cs);
	ok(feed_content_type_is_feed("application/rss+xml; charset=utf-8"), "content type: RSS");
	ok(!feed_content_type_is_feed("text/html"), "content type: HTML is no feed");
}

static void test_rss(void)
{
	size_t len;
	char *text = slurp("arxiv.rss", &len);
	struct feed_result r;
	char *error = NULL;
	ok(feed_parse(text, len, "http://t.example/arxiv.rss", FEED_AS_AUTO, &r, &error) == 0,
	   "rss: parses");
	is_int(r.items.item_count, 2, "rss: two entries, two items");
	is_int(r.digest_count, 0, "rss: papers are no digests");
	is_str(r.items.title, "cs.CL updates on a test archive", "rss: the channel's title");
	const struct digest_item *p = find(&r.items, "arxiv:2602.01234");
	ok(p != NULL, "rss: an arXiv link keys the paper by id (version dropped)");
	if (p) {
		is_int(p->kind, KIND_PAPER, "rss: a paper");
		is_str(p->date, "2026-02-03T00:00:00-05:00", "rss: RFC 822 date");
		is_str(p->authors, "Ada Lovelace, Alan Turing", "rss: dc:creator");
		is_int(p->tag_count, 2, "rss: categories are tags");
		ok(p->summary && strstr(p->summary, "We route tokens to sparse attention"),
		   "rss: the description as clean text (HTML flattened)");
		ok(p->markdown && strstr(p->markdown, "**sparse**"), "rss: the excerpt keeps emphasis");
	}
	feed_result_clear(&r);
	free(text);

	text = slurp("hn.rss", &len);
	ok(feed_parse(text, len, "http://t.example/hn.rss", FEED_AS_AUTO, &r, &error) == 0, "hn: parses");
	p = find(&r.items, "github:example/tiny-infer");
	ok(p && p->link_count == 2 && strcmp(p->links[1].key, "hn:46000001") == 0,
	   "hn: the thread's comments page is the item's second link");
	p = find(&r.items, "hn:46000003");
	ok(p && p->kind == KIND_DISCUSSION, "hn: Ask HN is a discussion");
	feed_result_clear(&r);
	free(text);
}

static void test_rdf_atom(void)
{
	size_t len;
	char *text = slurp("papers.rdf", &len);
	struct feed_result r;
	char *error = NULL;
	ok(feed_parse(text, len, "http://t.example/p.rdf", FEED_AS_AUTO, &r, &error) == 0, "rdf: parses");
	const struct digest_item *p = find(&r.items, "arxiv:2602.07777");
	ok(p && strcmp(p->date, "2026-02-04T12:00:00+01:00") == 0, "rdf: dc:date");
	ok(p && p->tag_count == 1 && strcmp(p->tags[0].name, "cs.LG") == 0, "rdf: dc:subject is a tag");
	feed_result_clear(&r);
	free(text);

	text = slurp("releases.atom", &len);
	ok(feed_parse(text, len, "http://t.example/r.atom", FEED_AS_AUTO, &r, &error) == 0, "atom: parses");
	is_int(r.digest_count, 0, "atom: release notes linking one repo are no digest");
	is_int(r.items.item_count, 2, "atom: two releases of one repository are two items");
	p = find(&r.items, "github:example/tiny-infer@v0.3.0");
	ok(p && p->kind == KIND_PROJECT && strcmp(p->date, "2026-02-01T10:00:00+00:00") == 0,
	   "atom: a release is keyed by repository and tag, a project with its updated date");
	ok(p && p->link_count >= 1 && strcmp(p->links[0].key, "github:example/tiny-infer") == 0,
	   "atom: the release links its project (the repository's key)");
	ok(p && strcmp(p->title, "tiny-infer v0.3.0") == 0,
	   "atom: a release titled by its tag alone gets the repository's name");
	p = find(&r.items, "github:example/tiny-infer@v0.2.0");
	ok(p && strcmp(p->title, "tiny-infer v0.2.0 beta") == 0, "atom: the other release is its own item");
	ok(find(&r.items, "github:example/tiny-infer") == NULL, "atom: no release is the project itself");
	feed_result_clear(&r);
	const char *atom = "<feed xmlns='http://www.w3.org/2005/Atom'><entry><title type='html'>"
	                   "v2 &lt;em&gt;beta&lt;/em&gt;</title><link href='/rel/2'/>"
	                   "<author><name>a</name></author><author><name>b</name></author></entry></feed>";
	ok(feed_parse(atom, strlen(atom), "https://h.example/feed.atom", FEED_AS_AUTO, &r, &error) == 0,
	   "atom: inline feed parses");
	ok(r.items.item_count == 1 && strcmp(r.items.items[0].title, "v2 beta") == 0,
	   "atom: an HTML title is flattened");
	ok(r.items.item_count == 1 && strcmp(r.items.items[0].url, "https://h.example/rel/2") == 0,
	   "atom: a relative link is resolved against the feed");
	ok(r.items.item_count == 1 && strcmp(r.items.items[0].authors, "a, b") == 0, "atom: authors");
	feed_result_clear(&r);
	free(text);
}

static void test_digest_entries(void)
{
	size_t len;
	char *text = slurp("newsletter.rss", &len);
	struct feed_result r;
	char *error = NULL;
	ok(feed_parse(text, len, "http://t.example/n.rss", FEED_AS_AUTO, &r, &error) == 0, "letter: parses");
	is_int(r.digest_count, 1, "letter: the issue is a digest");
	is_int(r.items.item_count, 1, "letter: the short note is an item");
	if (r.digest_count == 1) {
		const struct feed_digest *d = &r.digests[0];
		is_str(d->location, "http://t.example/n.rss#https://letter.example/p/issue-42",
		       "letter: the digest's location is the feed's plus the entry's id");
		is_str(d->digest.title, "Issue 42: routers, tokenizers and tiny servers",
		       "letter: the entry's title is the digest's");
		ok(d->digest.date && strncmp(d->digest.date, "2026-02-01", 10) == 0,
		   "letter: the entry's date is the digest's");
		ok(find(&d->digest, "arxiv:2602.09999") && find(&d->digest, "github:example/evalkit"),
		   "letter: the engine extracts the issue's items");
		ok(!strstr(d->markdown, "alert"), "letter: scripts are dropped");
	}
	feed_result_clear(&r);
	ok(feed_parse(text, len, "http://t.example/n.rss", FEED_AS_ITEMS, &r, &error) == 0 &&
	   r.digest_count == 0 && r.items.item_count == 2, "letter: as=items reads every entry as an item");
	feed_result_clear(&r);
	ok(feed_parse(text, len, "http://t.example/n.rss", FEED_AS_DIGESTS, &r, &error) == 0 &&
	   r.digest_count == 2, "letter: as=digests reads every entry as a digest");
	feed_result_clear(&r);
	free(text);
}

static void test_html(void)
{
	size_t len;
	char *html = slurp("page.html", &len);
	char *error = NULL;
	char *md = feed_html_to_markdown(html, len, "https://page.example/daily/", &error);
	ok(md && strstr(md, "# Daily AI page 2026-02-05\n"), "html: h1 → #");
	ok(md && strstr(md, "## Papers\n"), "html: h2 → ##");
	ok(md && strstr(md, "- [Long Context Recall](https://arxiv.org/abs/2602.05555)"),
	   "html: list items with links");
	ok(md && strstr(md, "1. [local-tool](https://page.example/r/local-tool)"),
	   "html: ordered lists, a root-relative link resolved");
	ok(md && strstr(md, "**care**"), "html: strong → **");
	ok(md && !strstr(md, "navonly") && !strstr(md, "footeronly") && !strstr(md, "script/only") &&
	   !strstr(md, "color:red"), "html: nav, footer, script and style are skipped");
	free(md);
	free(html);
	const char *nomain = "<html><body><nav><a href='https://github.com/n/nav'>nav</a></nav>"
	                     "<div role='navigation'><a href='https://github.com/n/role'>r</a></div>"
	                     "<h2>Body</h2><ul><li><a href='https://github.com/b/item'>item</a></li></ul>"
	                     "<aside>side</aside><footer>foot</footer></body></html>";
	md = feed_html_to_markdown(nomain, strlen(nomain), NULL, &error);
	ok(md && strstr(md, "github.com/b/item") && !strstr(md, "n/nav") && !strstr(md, "n/role") &&
	   !strstr(md, "side") && !strstr(md, "foot"),
	   "html: a page without <main>: its body without nav, role=navigation, aside, footer");
	free(md);
	const char *frag = "<table><tr><th>Name</th><th>Link</th></tr><tr><td>a|b</td>"
	                   "<td><a href='https://x.example/a'>x</a></td></tr></table>"
	                   "<blockquote><p>quoted</p><p>twice</p></blockquote><pre><code>a *b*\n  c</code></pre>"
	                   "<p>1 &lt; 2 *not emphasis*</p><p>2026. A year</p><p># not a heading</p>";
	md = feed_html_to_markdown(frag, strlen(frag), NULL, &error);
	ok(md && strstr(md, "| Name | Link |\n| --- | --- |\n| a\\|b | [x](https://x.example/a) |"),
	   "html: tables, '|' escaped in cells");
	ok(md && strstr(md, "> quoted\n>\n> twice"), "html: block quotes");
	ok(md && strstr(md, "```\na *b*\n  c\n```"), "html: pre as a fenced code block, verbatim");
	ok(md && strstr(md, "1 \\< 2 \\*not emphasis\\*"), "html: Markdown characters in text escaped");
	ok(md && strstr(md, "\n2026\\. A year\n") && strstr(md, "\n\\# not a heading\n"),
	   "html: a paragraph that looks like a list item or heading stays a paragraph");
	free(md);
	/* Deeper than any page: no recursion without bound. */
	struct strbuf deep;
	strbuf_init(&deep);
	for (int i = 0; i < 20000; i++)
		strbuf_puts(&deep, "<div><blockquote>");
	strbuf_puts(&deep, "<a href='https://deep.example/x'>bottom</a>");
	md = feed_html_to_markdown(deep.data, deep.len, NULL, &error);
	ok(md != NULL, "html: 40,000 nested elements convert without a crash");
	free(md);
	strbuf_clear(&deep);
}

static void test_refusals(void)
{
	static const struct {
		const char *file;
		const char *error;
		const char *what;
	} cases[] = {
		{ "malformed.rss", "not well-formed XML (line 3:38: Opening and ending tag mismatch: b line 3 and title)",
		  "malformed XML, with its first error's line and column" },
		{ "laughs.rss", "declares XML entities", "a billion-laughs document" },
		{ "xxe.rss", "declares XML entities", "an external entity" },
		{ "sources.opml", "no RSS or Atom feed", "OPML is no feed" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len;
		char *text = slurp(cases[i].file, &len);
		struct feed_result r;
		char *error = NULL;
		int rc = feed_parse(text, len, "x", FEED_AS_AUTO, &r, &error);
		ok(rc == -1 && error && strstr(error, cases[i].error), "refused: %s (%s)", cases[i].what,
		   error ? error : "no error");
		free(error);
		free(text);
	}
	size_t len;
	char *text = slurp("arxiv.rss", &len);
	struct feed_result r;
	char *error = NULL;
	ok(feed_parse(text, len / 2, "x", FEED_AS_AUTO, &r, &error) == -1 && error,
	   "refused: a truncated feed");
	free(error);
	free(text);
	/* Entities declared after a comment holding markup are found too. */
	const char *sneaky = "<?xml version='1.0'?><!-- <b> --><!DOCTYPE rss [<!ENTITY a 'b'>]><rss/>";
	error = NULL;
	ok(feed_parse(sneaky, strlen(sneaky), "x", FEED_AS_AUTO, &r, &error) == -1 && error,
	   "refused: entities after a comment");
	free(error);
	/* A deep document stops at libxml2's depth limit, not the stack's end. */
	struct strbuf deep;
	strbuf_init(&deep);
	strbuf_puts(&deep, "<rss><channel>");
	for (int i = 0; i < 100000; i++)
		strbuf_puts(&deep, "<x>");
	error = NULL;
	ok(feed_parse(deep.data, deep.len, "x", FEED_AS_AUTO, &r, &error) == -1 && error,
	   "refused: 100,000 nested elements");
	free(error);
	strbuf_clear(&deep);
	const char *empty = "<rss version='2.0'><channel><title>Empty</title></channel></rss>";
	ok(feed_parse(empty, strlen(empty), "x", FEED_AS_AUTO, &r, &error) == 0 && r.items.warning &&
	   r.items.item_count == 0, "an empty feed parses, with a warning");
	feed_result_clear(&r);
}

static void test_dates(void)
{
	size_t len;
	char *text = slurp("undated.rss", &len);
	struct feed_result r;
	char *error = NULL, *why = NULL;
	ok(feed_parse_explained(text, len, "https://undated.example/feed", FEED_AS_AUTO, &r, &error,
	                        &why) == 0 && r.items.item_count == 2,
	   "undated: parses");
	if (r.items.item_count == 2) {
		ok(r.items.items[0].date && strncmp(r.items.items[0].date, "2026-03-02", 10) == 0,
		   "undated: a dated entry keeps its own date");
		ok(r.items.items[1].date && strncmp(r.items.items[1].date, "2026-03-03", 10) == 0,
		   "undated: an undated entry gets the channel's lastBuildDate");
	}
	ok(why && strstr(why, "entry 2: item url:https://undated.example/undated; date: the feed's <lastBuildDate>"),
	   "undated: --explain says the date is the feed's <lastBuildDate>");
	ok(why && strstr(why, "entry 1: item url:https://undated.example/dated; date: the entry's"),
	   "undated: --explain says a dated entry's date is its own");
	free(why);
	feed_result_clear(&r);
	free(text);

	text = slurp("undated.atom", &len);
	why = NULL;
	ok(feed_parse_explained(text, len, "x", FEED_AS_AUTO, &r, &error, &why) == 0 &&
	   r.items.item_count == 1 && r.items.items[0].date == NULL,
	   "undated: no date in the entry or the feed leaves the item undated (the cache dates it by its first fetch)");
	ok(why && strstr(why, "no date: the day radar first fetches it"),
	   "undated: --explain says so");
	free(why);
	feed_result_clear(&r);
	free(text);
	/* Atom's feed-level <updated> is a fallback too. */
	const char *atom = "<feed xmlns='http://www.w3.org/2005/Atom'><updated>2026-04-05T06:07:08Z</updated>"
	                   "<entry><title>t</title><link href='https://a.example/x'/></entry></feed>";
	ok(feed_parse(atom, strlen(atom), "x", FEED_AS_AUTO, &r, &error) == 0 && r.items.item_count == 1 &&
	   r.items.items[0].date && strncmp(r.items.items[0].date, "2026-04-05", 10) == 0,
	   "undated: an Atom entry without a date gets the feed's <updated>");
	feed_result_clear(&r);
}

static void test_opml(void)
{
	size_t len;
	char *text = slurp("sources.opml", &len);
	struct opml_list l;
	char *error = NULL;
	ok(opml_parse(text, len, &l, &error) == 0, "opml: parses");
	is_int(l.count, 4, "opml: four http(s) feeds");
	is_int(l.skipped, 1, "opml: a javascript: URL is skipped");
	if (l.count == 4) {
		ok(l.feeds[0].tag_count == 2 && strcmp(l.feeds[0].tags[0], "AI") == 0 &&
		   strcmp(l.feeds[0].tags[1], "Papers") == 0, "opml: nested outlines are tags");
		char *taken[] = { "the-weekly-gradient" };
		char *name = opml_source_name(&l.feeds[2], taken, 1);
		is_str(name, "the-weekly-gradient-2", "opml: a name already taken gets -2");
		free(name);
		struct opml_feed untitled = { .url = "https://Feeds.Example.com/x.xml" };
		name = opml_source_name(&untitled, NULL, 0);
		is_str(name, "feeds-example-com", "opml: without a title, the host");
		free(name);
	}
	opml_list_clear(&l);
	free(text);
	const char *broken = "<opml><body><outline text='a'><outline xmlUrl='http://x/'></body></opml>";
	ok(opml_parse(broken, strlen(broken), &l, &error) == -1 && error, "opml: broken nesting is an error");
	free(error);
	const char *opts = "<opml xmlns:radar='" OPML_RADAR_NS "'><body>"
	                   "<outline xmlUrl='https://o.example/' radar:days='30' radar:every='2h'"
	                   " radar:charset='utf-8\" include x' as='items'/></body></opml>";
	ok(opml_parse(opts, strlen(opts), &l, &error) == 0 && l.count == 1, "opml: radar: options read");
	if (l.count == 1) {
		/* Kept in OPML_RADAR_OPTIONS order; a value with a space or a
		 * quote never reaches a source line; as= without the namespace
		 * is another program's attribute. */
		ok(l.feeds[0].option_count == 2 && strcmp(l.feeds[0].options[0], "every=2h") == 0 &&
		   strcmp(l.feeds[0].options[1], "days=30") == 0, "opml: every= and days= kept in order");
		is_int((int)l.feeds[0].options_unsafe, 1, "opml: a charset with a space and a quote is dropped");
	}
	opml_list_clear(&l);
	const char *const radar[] = { "every", "2h", "charset", "a\"b", NULL };
	char *with = opml_outline("n", "https://o.example/", radar);
	is_str(with, "    <outline type=\"rss\" text=\"n\" title=\"n\" xmlUrl=\"https://o.example/\""
	       " radar:every=\"2h\" radar:charset=\"a&quot;b\"/>\n", "opml: radar: attributes written, escaped");
	free(with);
	char *line = opml_outline("a&b", "https://x.example/?a=1&b=\"2\"", NULL);
	ok(strstr(line, "text=\"a&amp;b\"") && strstr(line, "xmlUrl=\"https://x.example/?a=1&amp;b=&quot;2&quot;\""),
	   "opml: outlines are escaped");
	free(line);
}

int main(void)
{
	test_sniff();
	test_charset();
	test_rss();
	test_rdf_atom();
	test_digest_entries();
	test_html();
	test_refusals();
	test_dates();
	test_opml();
	return tap_done();
}
