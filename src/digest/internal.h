/* The digest engine's private header: Markdown in, items out.
 *
 * Files (src/digest/):
 *   internal.h     this header: the engine's shared types and functions
 *   plain.c        string helpers; plain text of an AST subtree
 *   linklist.c     links found in a piece of the document
 *   linkmemo.c     each URL classified once per parse
 *   fields.c       "**Label**: value" fields and tag lists
 *   sections.c     the heading tree, TOCs, templates, paragraph entries
 *   builder.c      an item under construction; steps shared by all shapes
 *   shape-heading.c  heading items
 *   shape-bullet.c   link bullets
 *   shape-table.c    table rows
 *   shape-entry.c    paragraph entries and tweet excerpts
 *   credits.c      closing credit quotes to the items they name
 *   merge.c        one item per key
 *   parse.c        digest_parse: the passes, front matter, title and date
 *   tablefix.c     tables with blank lines between rows, "|" in wiki links
 *   explain.c      why each block became an item or not (parse --explain)
 *   selfsite.c     the digest's own site: links back to it are navigation
 *   vocabulary.c   the engine's words: field labels, TOC titles, column
 *                  names, sentence stops (and, next, link labels)
 *
 * A new digest shape is a shape-*.c file with a build function called from
 * scan_blocks (parse.c), using the builder (new_item, apply_fields,
 * finish_item).
 *
 * A digest is parsed with cmark-gfm, then segmented in passes over the
 * top-level blocks of the document:
 *
 *  1. Headings become a section tree.  Tables of contents are skipped;
 *     sub-headings that repeat under several parents (核心技术, 相关资源, ...)
 *     are templates: they belong to the item above them.
 *  2. Heading items: numbered headings ("### 3. Title", "### [3] Title"),
 *     time slots ("## 00:00-01:00") and headings that carry a link, when
 *     their own content is not just a list or table of links; plus leaf
 *     headings with links at the deepest such level of the document
 *     (weekly lists: ## part > ### category > #### item).
 *  3. Outside heading items, link bullets (a list item whose first
 *     paragraph holds a link) and table rows with links are items; nested
 *     bullets under them are their details.
 *
 * Each item's main link decides its kind and identity key (links.h), so the
 * same paper or repository from several places is one item. */
#ifndef RADAR_DIGEST_INTERNAL_H
#define RADAR_DIGEST_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmark-gfm.h>

#include "digest.h"
#include "hashset.h"
#include "links.h"

struct strbuf;

/* Nested lists deeper than this are details, never searched for items. */
#define MAX_LIST_DEPTH 8
/* Summaries are a sentence or two, not the whole excerpt. */
#define SUMMARY_MAX_BYTES 600
#define TITLE_MAX_BYTES 400
/* A title made of an item's own sentence is cut at a clause boundary when
 * wider than this (32 CJK characters: what a list row shows at 80 columns
 * beside its marks and date), at no fewer columns than the minimum ... */
#define TITLE_SENTENCE_COLUMNS 64
#define TITLE_CLAUSE_MIN_COLUMNS 16
/* ... and only where the rest, the summary, is a clause too. */
#define TITLE_REST_MIN_COLUMNS 24

enum field_kind {
	FIELD_NONE,
	FIELD_DATE,
	FIELD_TAGS,
	FIELD_KEYWORDS,
	FIELD_LINK,
	FIELD_SUMMARY,
	FIELD_AUTHORS,
	FIELD_TITLE,
	FIELD_CATEGORY,
	FIELD_SOURCE,       /* who published it: neither summary nor tag */
};

/* vocabulary.c: the engine's words, one table. */
enum word_use {
	WORD_FIELD,          /* a field label; .field says which field */
	WORD_TOC_TITLE,      /* a table of contents heading */
	WORD_COLUMN_TITLE,   /* table columns holding the title, authors, summary */
	WORD_COLUMN_AUTHORS,
	WORD_COLUMN_SUMMARY,
	WORD_COLUMN_LINK,    /* a column holding the item's own URL (引用元, Source) */
	WORD_SENTENCE_STOP,  /* ends a prose slot's lead subject */
	WORD_LINK_LABEL,     /* a link's generic label: never an item's title */
	WORD_FORUM,          /* a source field naming a discussion forum */
	WORD_NAV,            /* navigation: back, next, 返回, 目次へ */
	WORD_PROMO,          /* promotion: subscribe, sponsor, 订阅, 广告 */
	WORD_PLACEHOLDER,    /* a template's text: "title here", ここにタイトルを書く */
	WORD_TEST,           /* a test entry's title starts so: test, テスト, 测试 */
	WORD_TEST_SUMMARY,   /* a test entry's summary says so: テスト用, for testing */
	WORD_SEE_ALSO,       /* a cross-reference: see also, related, 相关, 参见 */
};

struct word {
	enum word_use use;
	enum field_kind field;
	const char *text;
};

extern const struct word digest_words[];
extern const size_t digest_word_count;
/* The row for TEXT with USE, or NULL. */
const struct word *word_find(const char *text, enum word_use use);
/* Whether TEXT is a generic link label or credit rather than a name: a
 * WORD_LINK_LABEL word (or one followed by a short source name), a URL, a
 * bare domain, or only punctuation and emoji. */
bool is_link_label(const char *text);
/* Whether TEXT is a file's name (a slug with a site, an extension or a
 * long id) rather than a title. */
bool is_file_slug(const char *text);
bool is_nav_label(const char *text);
bool has_promo_words(const char *text);
bool is_placeholder_item(const char *title, const char *summary);
bool is_see_also(const char *text);

struct found_link {
	char *url;          /* as written (explicit) or constructed (derived) */
	char *text;
	bool derived;       /* from text: an arXiv id or a backticked owner/repo */
	/* The URL's classification, made once: a bullet of 40,000 links would
	 * otherwise classify each URL three or four times on its way to the
	 * item.  0 not yet classified, 1 a content link, -1 not one.  ID is
	 * the parse's memo's; outside a parse it is OWN (OWNED set). */
	signed char classified;
	bool owned;
	const struct link_identity *id;
	struct link_identity own;
};

struct link_list {
	struct found_link *links;
	size_t count, capacity;
};

struct field {
	enum field_kind kind;
	char *value;            /* plain text of the value */
	struct link_list links; /* links inside the value */
};

struct field_list {
	struct field *fields;
	size_t count, capacity;
};

/* Indexes (plus one; 0 is empty) into an item's tags or links, by name. */
struct index_set {
	size_t *slots;
	size_t count, capacity;  /* capacity a power of two */
};

struct item_builder {
	struct digest_item item;
	size_t tag_capacity;
	size_t link_capacity;
	size_t position;        /* first source line, for document order */
	bool from_heading;      /* a heading item: the document's own unit */
	bool forum;             /* its source field names a discussion forum */
	bool summary_from_prose; /* the summary is a first paragraph, not a field */
	bool shared_url;        /* its URL is shared by other items: keyed by title */
	bool references_only;   /* its links are cross-references: keyed by title */
	/* Its main link is its name, so a closing credit naming it is one
	 * more link, not its URL: the link's text leads its title (the whole
	 * heading, the first thing of its line), a link field, or the arXiv
	 * id its heading cites (finish_item; credits.c). */
	bool name_link;
	/* For --explain, N_() strings: the shape, where the title and URL came from. */
	const char *rule, *title_from, *url_from;
	char *fallback_summary; /* the first unnamed field ("**问题：** ..."), if nothing better */
	struct index_set tag_set, link_set;
	/* While merging: item.markdown's length and allocation, so each further
	 * mention is an append, not a copy of everything merged so far. */
	size_t markdown_len, markdown_capacity;
};

struct engine {
	const char *body;       /* sanitised Markdown body */
	size_t body_len;
	size_t *line_offsets;   /* byte offset of each line start (1-based lines) */
	size_t line_count;
	const struct digest *digest;
	struct item_builder *items;
	size_t item_count, item_capacity;
	struct explain *explain;  /* NULL unless explaining */
	int line_base;            /* lines of front matter above the body */
};

struct heading {
	size_t block;           /* index of the heading block */
	int level;
	char *text;             /* clean text of the heading */
	char *norm;
	size_t own_end;         /* first block after its own content */
	size_t end;             /* first block after its section */
	int parent;             /* heading index or -1 */
	bool toc;
	bool is_template;
	bool numbered;
	bool timeslot;
	bool has_link;          /* the heading itself carries a link or an arXiv id */
	bool has_real_children; /* non-template sub-headings */
	bool container;         /* own content is mostly a list/table of links */
	bool own_links;         /* own content has links (or wiki links) */
	bool own_derived;       /* own content cites an arXiv id or a repo in text */
	bool is_item;
};

struct document {
	cmark_node **blocks;
	size_t block_count;
	struct heading *headings;
	size_t heading_count;
	int *block_heading;     /* innermost heading whose section holds each block, or -1 */
	size_t *entry_end;      /* a paragraph entry starting at a block ends here, else 0 */
};

/* plain.c */
bool starts_with(const char *s, const char *prefix);
unsigned int utf8_at(const char *s, size_t *length);
void trim_decoration(char *s);
void trim_spaces(char *s);
void collapse_spaces(char *s);
void strip_colon(char *s);
void cut_text(char *s, size_t max);
char *clean_copy(const char *s);
char *normalize_heading(const char *s);
bool is_table(cmark_node *node);
bool is_table_header(cmark_node *node);
char *node_text(cmark_node *node);
char *text_without_labels(cmark_node *from);
char *sentence_title(const char *text);
/* SENTENCE, or its head up to a clause mark (，。；：！？ , . ; : ! ? outside
 * brackets and quotes; a sentence's end before a semicolon before a comma
 * or colon, the last of equals) within TITLE_SENTENCE_COLUMNS when it is
 * wider; *REST gets what follows (a new string) or NULL. */
char *clause_title(const char *sentence, char **rest);
char *heading_text(cmark_node *heading);

/* linkmemo.c: what each URL classified as, for the parse running on this
 * thread (link_memo_begin .. link_memo_end).  link_classify_memo is
 * link_classify_target, remembered; outside a parse it just classifies. */
void link_memo_begin(void);
void link_memo_end(void);
bool link_classify_memo(const char *url, struct link_identity *out);
/* URL's identity, NULL when it is no content link: the memo's (valid until
 * link_memo_end), or outside a parse classified into OWN, which the caller
 * clears (OWNED set). */
const struct link_identity *link_identify(const char *url, struct link_identity *own, bool *owned);

/* linklist.c */
void link_list_add(struct link_list *list, const char *url, const char *text, bool derived);
void link_list_clear(struct link_list *list);
/* Append a copy of F, its classification included. */
void link_list_add_copy(struct link_list *list, const struct found_link *f);
/* F's identity, classifying it on first use; NULL when F is not a content
 * link.  Owned by F. */
const struct link_identity *found_link_identity(struct found_link *f);
/* A site's or person's page rather than a post: a home page, a profile
 * ("x.com/@someone", "[GitHub](https://github.com/someone)"), a site's
 * archive or feed, the digest's own site.  LABEL is the link's text. */
bool is_site_url(const char *url, const char *label);
void collect_links(cmark_node *root, struct link_list *out);
size_t count_explicit(const struct link_list *list);
char *find_wikilink(const char *text);
bool is_chat_url(const char *url);
bool is_promo_url(const char *url);
bool is_promo(const char *text, const struct link_list *links);

/* builder.c */
void builder_add_tag(struct item_builder *b, const char *name, const char *origin);
bool builder_add_link(struct item_builder *b, const char *url, const char *text);
/* As builder_add_link, with F's classification (made once per link). */
bool builder_add_found_link(struct item_builder *b, struct found_link *f);
/* Make the link keyed KEY the main one (first), if B has it. */
void builder_promote_key(struct item_builder *b, const char *key);
/* After B's links were removed or moved in place. */
void builder_reindex_links(struct item_builder *b);
char *excerpt(const struct engine *e, int start_line, int end_line);
/* B's excerpt: the lines, and where they start in the body. */
void set_excerpt(const struct engine *e, struct item_builder *b, int start_line, int end_line);
struct item_builder *new_item(struct engine *e, size_t position);
void free_item(struct digest_item *item);
/* Free what the builder holds besides its item. */
void builder_clear(struct item_builder *b);
void set_summary(struct item_builder *b, const char *text);
bool is_home_page(const char *url);
char *section_path(const struct document *doc, int heading, const char *extra);
char *title_from_heading(const char *text);
char *lead_subject(const char *paragraph);
bool paragraph_is_fields(cmark_node *paragraph);
void apply_fields(struct item_builder *b, cmark_node *paragraph, struct link_list *field_main);
bool apply_hashtags(struct item_builder *b, const char *text);
void read_item_blocks(struct document *doc, struct item_builder *b,
                             size_t from, size_t to, struct link_list *links,
                             struct link_list *field_main, char **wikilink);
void finish_item(struct engine *e, struct item_builder *b, struct link_list *heading_links,
                        struct link_list *field_main, struct link_list *links, const char *wikilink);
void add_section_tag(const struct document *doc, struct item_builder *b, int heading);

/* fields.c */
enum field_kind field_kind_of(const char *label);
void field_list_clear(struct field_list *list);
void read_fields(cmark_node *paragraph, struct field_list *out);
void add_tag_list(struct item_builder *b, const char *value, const char *origin);
bool bullet_is_field(cmark_node *paragraph);

/* sections.c */
bool parse_number_prefix(const char *s, size_t *skip);
bool parse_timeslot(const char *s, size_t *skip);
void build_sections(struct document *doc);
bool inside_toc(const struct document *doc, int heading);
void classify_headings(struct document *doc);

/* shape-heading.c */
void build_heading_item(struct engine *e, struct document *doc, int index);

/* shape-bullet.c */
char *bullet_summary(const char *text, const char *title);
void scan_list(struct engine *e, const struct document *doc, int heading,
                      const char *pseudo_section, cmark_node *list, int depth);

/* shape-table.c */
cmark_node *table_cell(cmark_node *row, int index);
void scan_table(struct engine *e, const struct document *doc, int heading, cmark_node *table);

/* shape-entry.c */
char *pseudo_heading(cmark_node *paragraph);
void build_entry_item(struct engine *e, const struct document *doc, size_t from, size_t to,
                             const char *pseudo_section);
bool tweet_excerpt(struct engine *e, const struct document *doc, size_t index,
                          const char *pseudo_section);

/* tablefix.c: TEXT with loose table rows joined; a new string. */
char *tables_joined(const char *text, size_t len);

/* explain.c: notes for `parse --explain`; all do nothing unless explaining.
 * REASON is an N_() string. */
struct explain;
void explain_begin(struct engine *e);
void explain_skip(struct engine *e, int line, const char *reason, const char *what);
void explain_merged(struct engine *e, int line, int into_line, const char *key);
char *explain_finish(struct engine *e);

/* selfsite.c: the digest's own site for the parse running on this thread.
 * NAME is where the digest came from (a URL or a file), FRONTMATTER_URL its
 * url/permalink; either may be NULL. */
struct self_note {
	int line;               /* the block holding the link */
	char *text;             /* the link's text */
};
void self_site_begin(const char *name, const char *frontmatter_url);
/* Find the site from a link ending in the digest's own file name. */
void self_site_learn(cmark_node *root);
/* Whether URL is the digest's page, its site's home/archive/tag/feed pages
 * or another issue of the same series. */
bool is_self_url(const char *url);
bool has_self_link(cmark_node *root);
/* Whether SEGMENT is a site's own page: tags, archive, feed, about... */
bool is_site_page(const char *segment);
/* Remember LINK (a self link) for --explain; the notes so far. */
void self_site_note(cmark_node *link);
const struct self_note *self_site_notes(size_t *count);
void self_site_end(void);

/* credits.c: closing credits ("> **Site** (URL): …") to the items they
 * name; after the shapes, before merge_duplicates. */
void assign_credits(struct engine *e, const struct document *doc);

/* merge.c */
void merge_duplicates(struct engine *e);

#endif
