#!/bin/sh
# Feeds and web pages as sources, refreshed from a loopback server
# (tests/feedserver.py): arXiv-, HN-, GitHub-release-, newsletter-shaped
# RSS/Atom/RDF feeds and an HTML page; items, kinds, keys and dates; a paper
# from a feed and from a Markdown digest is one item with several mentions;
# as=; conditional GET; bodies that are no feed are clear errors with the
# cache intact; OPML import and export.
. "${top_srcdir:-.}/tests/lib.sh"
need_python3
LC_ALL=C.UTF-8 LANG=C.UTF-8 TZ=UTC TERM=xterm
export LC_ALL LANG TZ TERM
HOME=$TEST_TMP/home XDG_CONFIG_HOME=$TEST_TMP/home/.config XDG_DATA_HOME=$TEST_TMP/home/.local/share
export HOME XDG_CONFIG_HOME XDG_DATA_HOME
FIX=$top_srcdir/tests/fixtures/feeds
ROOT=$TEST_TMP/www
mkdir -p "$ROOT" "$HOME"
cp "$FIX"/arxiv.rss "$FIX"/hn.rss "$FIX"/releases.atom "$FIX"/newsletter.rss "$FIX"/papers.rdf \
	"$FIX"/page.html "$FIX"/error.html "$FIX"/digest.md "$ROOT"/
cp "$FIX"/error.html "$ROOT"/error-as-rss.html
cp "$FIX"/malformed.rss "$FIX"/laughs.rss "$FIX"/xxe.rss "$ROOT"/
head -c 700 "$FIX"/arxiv.rss > "$ROOT"/truncated.rss
"$PYTHON3" - "$ROOT" <<'PY'
import sys
root = sys.argv[1]
rss = ('<?xml version="1.0" encoding="%s"?>\n<rss version="2.0"><channel><title>中文论文</title>'
       '<item><title>长上下文检索的新方法</title><link>https://arxiv.org/abs/2602.03333</link>'
       '<description>一种新的检索方法。</description></item></channel></rss>\n')
open(root + "/gb.rss", "wb").write((rss % "GB18030").encode("gb18030"))
# The declaration lies: the bytes are GB18030.
open(root + "/gbwrong.rss", "wb").write((rss % "UTF-8").replace("2602.03333", "2602.03334").encode("gb18030"))
# Declared charsets the GB18030 guess for undeclared bytes would misread.
sj = rss.replace("中文论文", "日本語の論文").replace("长上下文检索的新方法", "長い文脈の検索手法").replace("一种新的检索方法。", "新しい検索手法。")
open(root + "/sjis.rss", "wb").write((sj % "Shift_JIS").replace("2602.03333", "2602.03335").encode("cp932"))
b5 = rss.replace("中文论文", "中文論文").replace("长上下文检索的新方法", "長上下文檢索的新方法").replace("一种新的检索方法。", "一種新的檢索方法。")
open(root + "/big5.rss", "wb").write((b5 % "Big5").replace("2602.03333", "2602.03336").encode("big5"))
# A feed far over the fetch cap.
with open(root + "/huge.rss", "w") as f:
    f.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>')
    for i in range(20000):
        f.write('<item><title>Entry %d</title><link>https://huge.example/%d</link>'
                '<description>%s</description></item>' % (i, i, "x" * 100))
    f.write('</channel></rss>')
# 100 MB feeds: one as it is, one stored gzip-compressed (about 100 KB, sent
# with Content-Encoding: gzip, so only the decoded body is over the cap).
import gzip
def huge_feed(f):
    f.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>')
    item = (b'<item><title>Entry</title><link>https://huge.example/e</link><description>'
            + b"x" * 4000 + b'</description></item>') * 256
    for _ in range(100 * 1024 * 1024 // len(item) + 1):
        f.write(item)
    f.write(b'</channel></rss>')
with open(root + "/huge100.rss", "wb") as f:
    huge_feed(f)
with gzip.open(root + "/gzip100.rss", "wb", compresslevel=6) as f:
    huge_feed(f)
PY
printf '\211PNG\r\n\032\n\0\0\0\rIHDR' > "$ROOT"/image.bin

SERVER_LOG=$TEST_TMP/requests.log
start_http_server "$top_srcdir/tests/feedserver.py" --root "$ROOT" --log "$SERVER_LOG" \
	--lifetime 300 --type /error-as-rss.html=application/rss+xml --gzip /gzip100.rss
DB=$TEST_TMP/radar.db
export RADAR_FETCH_TIMEOUT=5 RADAR_FETCH_MAX_BYTES=1000000

sql() {
	"$PYTHON3" -c 'import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
for row in con.execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))
con.commit()' "$DB" "$1"
}

cat > "$TEST_TMP/good.conf" <<CONF
source arxiv $BASE/arxiv.rss tags=feed
source hn $BASE/hn.rss
source gh $BASE/releases.atom
source letter $BASE/newsletter.rss
source rdf $BASE/papers.rdf
source page $BASE/page.html
source md $BASE/digest.md
source gb $BASE/gb.rss
source gbwrong $BASE/gbwrong.rss
CONF
run "$RADAR" --db "$DB" --config "$TEST_TMP/good.conf" refresh
is "$RUN_STATUS" 0 "refresh of feed sources exits 0"
is "$RUN_STDERR" "" "... with nothing on stderr"
like "$RUN_STDOUT" '^refreshed 9 sources: [0-9]+ new items, 0 errors' "... one summary line"

is "$(sql "SELECT kind, title, date FROM items WHERE key = 'arxiv:2602.04321'")" \
	"paper|Tokenizers Without Vocabulary|2026-02-03T00:00:00-05:00" \
	"an arXiv RSS entry is a paper keyed by its arXiv id, its RFC 822 date kept"
is "$(sql "SELECT group_concat(tag, ',') FROM (SELECT tag FROM tags t JOIN items i ON i.id = t.item_id WHERE i.key = 'arxiv:2602.04321' ORDER BY tag)")" \
	"cs.CL,feed" "categories and the source's tags= are tags"
is "$(sql "SELECT count(*) FROM mentions m JOIN items i ON i.id = m.item_id WHERE i.key = 'arxiv:2602.01234'")" 4 \
	"the paper from the arXiv feed, the HN feed, the newsletter and the Markdown digest is one item with 4 mentions"
is "$(sql "SELECT kind FROM items WHERE key = 'hn:46000003'")" discussion "an Ask HN thread is a discussion"
is "$(sql "SELECT kind, count(*) FROM items i JOIN mentions m ON m.item_id = i.id WHERE key = 'github:example/tiny-infer'")" "project|2" \
	"a Show HN entry and a newsletter's mention of the repository are one project item"
is "$(sql "SELECT group_concat(key, ' ') FROM (SELECT key FROM items WHERE key LIKE 'github:example/tiny-infer@%' ORDER BY key)")" \
	"github:example/tiny-infer@v0.2.0 github:example/tiny-infer@v0.3.0" \
	"two releases in a GitHub release feed are two items, keyed by repository and tag"
is "$(sql "SELECT count(DISTINCT l.item_id) FROM links l WHERE l.key = 'github:example/tiny-infer'")" 3 \
	"... both linking the project, as the Show HN entry does"
is "$(sql "SELECT title, date FROM items WHERE key = 'arxiv:2602.07777'")" \
	"Mixture of Tiny Experts|2026-02-04T12:00:00+01:00" "an RDF 1.0 item with its dc:date"
is "$(sql "SELECT count(*) FROM digests WHERE location LIKE '%newsletter.rss#%'")" 1 \
	"the newsletter issue (many links in lists) is a digest of its own"
is "$(sql "SELECT title FROM digests WHERE location LIKE '%newsletter.rss#%'")" \
	"Issue 42: routers, tokenizers and tiny servers" "... titled by its entry"
is "$(sql "SELECT count(*) FROM items WHERE key = 'github:example/evalkit'")" 1 "... whose items are extracted"
# the issue's text is stored as its own (prepared on a parse worker apart
# from the feed's): the article's excerpt is a range into it
run "$RADAR" --db "$DB" show "$(sql "SELECT id FROM items WHERE key = 'github:example/evalkit'")" --width 80
like "$RUN_STDOUT" 'evaluation in one file' "... and an item's article reads from the issue's stored text"
unlike "$RUN_STDOUT" 'CDATA|<item>' "... not from the feed's"
is "$(sql "SELECT count(*) FROM items WHERE title = 'A short note between issues'")" 1 \
	"the newsletter's link-less entry is an item"
is "$(sql "SELECT count(*) FROM items WHERE key = 'arxiv:2602.05555'")" 1 "an HTML page's list items are items"
is "$(sql "SELECT count(*) FROM items WHERE key LIKE 'github:navonly/%' OR key LIKE 'github:footeronly/%' OR key LIKE 'github:script/%'")" 0 \
	"... its navigation, footer and scripts are not"
is "$(sql "SELECT count(*) FROM items WHERE key = 'url:$BASE/r/local-tool'")" 1 "... relative links resolved"

is "$(sql "SELECT title FROM items WHERE key = 'arxiv:2602.03333'")" "长上下文检索的新方法" \
	"a GB18030 feed declared in its XML header"
is "$(sql "SELECT title FROM items WHERE key = 'arxiv:2602.03334'")" "长上下文检索的新方法" \
	"a GB18030 feed whose XML header wrongly says UTF-8"
DB2=$DB; DB=$TEST_TMP/gb-import.db
run "$RADAR" --db "$DB" import "$ROOT/gb.rss" "$ROOT/gbwrong.rss"
is "$(sql "SELECT group_concat(title, '|') FROM (SELECT title FROM items WHERE key IN ('arxiv:2602.03333', 'arxiv:2602.03334') ORDER BY key)")" \
	"长上下文检索的新方法|长上下文检索的新方法" "radar import reads both GB18030 feeds as refresh does"
run "$RADAR" --db "$DB" import "$ROOT/sjis.rss" "$ROOT/big5.rss"
is "$(sql "SELECT group_concat(title, '|') FROM (SELECT title FROM items WHERE key IN ('arxiv:2602.03335', 'arxiv:2602.03336') ORDER BY key)")" \
	"長い文脈の検索手法|長上下文檢索的新方法" "Shift_JIS and Big5 feeds decoded by their XML declaration"
DB=$DB2

feed_digest=$(sql "SELECT id FROM digests WHERE location = '$BASE/hn.rss'")
run "$RADAR" --db "$DB" show --digest "$feed_digest" --width 80
like "$RUN_STDOUT" '^Ask HN: What do you read every morning\?' "show --digest of a feed shows its entries"
unlike "$RUN_STDOUT" '<item>' "... not its XML"

# ---------------------------------------------------------------- conditional GET
before=$(sql "SELECT count(*) FROM items")
run "$RADAR" --db "$DB" --config "$TEST_TMP/good.conf" refresh
like "$RUN_STDOUT" '0 new items, 0 errors \(9 documents unchanged\)' "a second refresh changes nothing"
like "$(grep '"/arxiv.rss"' "$SERVER_LOG" | tail -1)" '"if_none_match": "\\"[0-9a-f]+\\""' \
	"... and asks for the feed with If-None-Match"
is "$(sql "SELECT count(*) FROM items")" "$before" "... items unchanged"

# ---------------------------------------------------------------- as=
cat > "$TEST_TMP/as.conf" <<CONF
source letter2 $BASE/newsletter.rss as=items
CONF
DB2=$DB; DB=$TEST_TMP/as.db
"$RADAR" --db "$DB" --config "$TEST_TMP/as.conf" refresh >/dev/null 2>&1
is "$(sql "SELECT count(*) FROM digests WHERE location LIKE '%#%'")" 0 "as=items: no entry becomes a digest"
is "$(sql "SELECT count(*) FROM items")" 2 "... each entry is one item"
DB=$DB2

# ---------------------------------------------------------------- a feed's window
# A feed lists only its latest entries: an entry that drops out of it keeps
# its mention (and the item its fields and marks); entries still listed are
# updated, new ones added.  A Markdown digest is authoritative instead: a
# re-published one replaces its items whole.
window_feed() { # VERSION: 1 = A B C D G; 2 = E A' B (C, D, G dropped out, A retitled); 3 = C' E A' B
	"$PYTHON3" - "$ROOT/window.rss" "$1" <<'PY'
import sys
path, version = sys.argv[1], int(sys.argv[2])
def entry(title, link, text, category=None, date="Mon, 02 Mar 2026 08:00:00 GMT"):
    cat = "<category>%s</category>" % category if category else ""
    return ("<item><title>%s</title><link>%s</link><description>%s</description>"
            "<pubDate>%s</pubDate>%s</item>" % (title, link, text, date, cat))
a = entry("Window Paper One", "https://arxiv.org/abs/2603.00001", "A paper about sliding windows.")
a2 = entry("Window Paper One, revised", "https://arxiv.org/abs/2603.00001", "A paper about sliding windows, revised.")
b = entry("Window project", "https://github.com/windowed/project", "A project that stays in the feed.")
c = entry("Dropped post C", "https://window.example/post-c",
          "A cormorant dives out of the window and keeps its mention.", "dropcat")
c3 = entry("Dropped post C", "https://window.example/post-c",
           "The cormorant came back into the window.", "dropcat")
d = entry("Dropped post D", "https://window.example/post-d", "Another entry that ages out.", "dropcat")
# No link, no text: its excerpt is its title, which occurs verbatim in the
# XML (the title on a line of its own), so the cache keeps it as a byte
# range into the stored feed.
g = "<item><title>\nLinkless note G\n</title><pubDate>Mon, 02 Mar 2026 08:00:00 GMT</pubDate></item>"
e = entry("Fresh post E", "https://window.example/post-e", "The newest entry of the feed.",
          date="Wed, 04 Mar 2026 08:00:00 GMT")
entries = {1: [a, b, c, d, g], 2: [e, a2, b], 3: [c3, e, a2, b]}[version]
open(path, "w").write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
                      "<title>Window feed</title><link>https://window.example/</link>"
                      + "".join(entries) + "</channel></rss>\n")
PY
}
window_digest() { # VERSION: 1 = X Y; 2 = X
	{
		printf '# Window digest\n\n## Links\n\n'
		printf -- '- [Digest item X](https://md.example/x): stays in the digest\n'
		[ "$1" = 1 ] && printf -- '- [Digest item Y](https://md.example/y): withdrawn from the digest\n'
	} > "$ROOT/window.md"
	return 0
}
DB2=$DB; DB=$TEST_TMP/window.db
printf 'source win %s/window.rss\nsource wmd %s/window.md\n' "$BASE" "$BASE" > "$TEST_TMP/window.conf"
window_feed 1; window_digest 1
run "$RADAR" --db "$DB" --config "$TEST_TMP/window.conf" refresh
is "$RUN_STATUS" 0 "window: the first refresh exits 0"
id_of() { sql "SELECT id FROM items WHERE key = '$1'"; }
A=$(id_of arxiv:2603.00001) B=$(id_of github:windowed/project)
C=$(id_of url:https://window.example/post-c) D=$(id_of url:https://window.example/post-d)
Y=$(id_of url:https://md.example/y)
G=$(sql "SELECT id FROM items WHERE title = 'Linkless note G'")
# A mention's excerpt as the cache reads it: a copy, or a byte range into
# the digest's stored text (zlib behind a 4-byte length).
excerpt_of() { # ITEM-ID
	"$PYTHON3" -c 'import sqlite3, sys, zlib
con = sqlite3.connect(sys.argv[1])
for raw, start, length, copy in con.execute(
        "SELECT d.raw, m.excerpt_start, m.excerpt_len, m.markdown FROM mentions m"
        " JOIN digests d ON d.id = m.digest_id WHERE m.item_id = ?", (int(sys.argv[2]),)):
    if start is None:
        print(copy, end="")
    else:
        text = zlib.decompress(raw[4:]) if isinstance(raw, bytes) else raw.encode()
        print(text[start:start + length].decode(errors="replace"), end="")' "$DB" "$1"
}
like "$(sql "SELECT excerpt_start FROM mentions WHERE item_id = $G")" '^[0-9]+$' \
	"window: the link-less entry's excerpt is a byte range into the stored feed"
"$RADAR" --db "$DB" star "$A" "$C" >/dev/null
"$RADAR" --db "$DB" read "$B" "$D" >/dev/null
"$RADAR" --db "$DB" tag "$B" keepme >/dev/null
"$RADAR" --db "$DB" read "$Y" >/dev/null
window_feed 2; window_digest 2
run "$RADAR" --db "$DB" --config "$TEST_TMP/window.conf" refresh
is "$RUN_STATUS" 0 "window: the second refresh (three entries dropped, one added) exits 0"
is "$RUN_STDERR" "" "... with nothing on stderr"
like "$RUN_STDOUT" '^refreshed 2 sources: 1 new item, ' "... one new item"
run "$RADAR" --db "$DB" ls --limit 20
like "$RUN_STDOUT" 'Dropped post C' "the entries that dropped out of the feed are still listed (C)"
like "$RUN_STDOUT" 'Dropped post D' "... (D)"
like "$RUN_STDOUT" 'Fresh post E' "the new entry is there"
like "$RUN_STDOUT" 'Window Paper One, revised' "an entry still in the feed is updated"
unlike "$RUN_STDOUT" 'Digest item Y' "an item withdrawn from a Markdown digest is gone (the digest replaces its items whole)"
like "$RUN_STDOUT" 'Digest item X' "... the one it still lists is there"
feed_mentions() { # ITEM-ID
	sql "SELECT count(*) FROM mentions m JOIN digests d ON d.id = m.digest_id
	     WHERE m.item_id = $1 AND d.location = '$BASE/window.rss'"
}
is "$(feed_mentions "$C")|$(feed_mentions "$D")" "1|1" "... C and D keep their mention from the feed"
is "$(sql "SELECT summary FROM items WHERE id = $C")" \
	"A cormorant dives out of the window and keeps its mention." "... and their fields"
is "$(sql "SELECT group_concat(tag, ',') FROM (SELECT tag FROM tags WHERE item_id = $D ORDER BY tag)")" \
	"dropcat" "... and their tags (D, with a read mark only, would be gone were it not kept)"
is "$(sql "SELECT count(*) FROM links WHERE item_id = $C")" 1 "... and their links"
is "$(excerpt_of "$G")" "Linkless note G" \
	"... and their excerpts, a byte range into the old feed's text copied out before the text was replaced"
run "$RADAR" --db "$DB" show "$C" --width 80
like "$RUN_STDOUT" 'cormorant dives out of the window' "show: a dropped entry's excerpt reads as before"
like "$RUN_STDOUT" 'Window feed' "... and it is mentioned in the feed"
run "$RADAR" --db "$DB" ls cormorant
like "$RUN_STDOUT" 'Dropped post C' "full-text search still finds a dropped entry"
is "$(sql "SELECT starred FROM items WHERE id IN ($A, $C) ORDER BY id")" "1
1" "marks survive: the stars of a listed and a dropped entry"
is "$(sql "SELECT read FROM items WHERE id IN ($B, $D) ORDER BY id")" "1
1" "... the read marks of a listed and a dropped entry"
is "$(sql "SELECT tag FROM tags WHERE item_id = $B AND origin = 'user'")" keepme "... the user's tag"
is "$(sql "SELECT item_count FROM digests WHERE location = '$BASE/window.rss'")" 6 \
	"the feed's digest holds its 3 entries and the 3 that dropped out"
is "$(sql "SELECT count(*) FROM mentions m JOIN digests d ON d.id = m.digest_id WHERE d.location = '$BASE/window.rss'")" 6 \
	"... one mention each"
window_feed 3
run "$RADAR" --db "$DB" --config "$TEST_TMP/window.conf" refresh
is "$RUN_STATUS" 0 "window: an entry that comes back into the feed refreshes"
is "$(feed_mentions "$C")" 1 "... it has one mention, not two"
run "$RADAR" --db "$DB" show "$C" --width 80
like "$RUN_STDOUT" 'came back into the window' "... the new version's"
unlike "$RUN_STDOUT" 'dives out of the window' "... not the old one"
is "$(feed_mentions "$D")" 1 "... D, still out, keeps its own"
is "$(sql "SELECT read FROM items WHERE id = $D")|$(sql "SELECT starred FROM items WHERE id = $C")" "1|1" \
	"... and the marks are still there"
is "$(sql 'PRAGMA integrity_check')" ok "the cache is intact"
DB=$DB2

# ---------------------------------------------------------------- bad bodies
sql "UPDATE items SET starred = 1 WHERE key = 'arxiv:2602.04321'" >/dev/null
ITEMS_BEFORE=$(sql "SELECT count(*) FROM items")
bad() { # NAME FILE EXPECTED-ERROR-REGEX DESC
	printf 'source %s %s/%s\n' "$1" "$BASE" "$2" > "$TEST_TMP/bad.conf"
	printf 'source md %s/digest.md\n' "$BASE" >> "$TEST_TMP/bad.conf"
	run "$RADAR" --db "$DB" --config "$TEST_TMP/bad.conf" refresh
	like "$RUN_STDERR" "$3" "$4: a clear error"
	ok "$( crashed "$RUN_STATUS" && echo 1 || echo 0 )" "$4: no crash"
	like "$RUN_STDOUT" '1 error' "$4: counted as an error, the other source fine"
	is "$(sql 'PRAGMA integrity_check')" ok "$4: the cache is intact"
	is "$(sql 'SELECT count(*) FROM items')" "$ITEMS_BEFORE" "$4: no item lost or added"
	is "$(sql "SELECT starred FROM items WHERE key = 'arxiv:2602.04321'")" 1 "$4: marks kept"
}
bad malformed malformed.rss 'not well-formed XML \(line [0-9]+' "malformed XML"
bad truncated truncated.rss 'not well-formed XML' "a truncated feed"
bad errpage error-as-rss.html 'served as a feed \(application/rss\+xml\) but the body is an HTML page' \
	"an HTML error page served as application/rss+xml"
bad errhtml error.html 'a web page without links radar reads as items' "an HTML error page"
bad laughs laughs.rss 'declares XML entities' "a billion-laughs document"
bad xxe xxe.rss 'declares XML entities' "an external-entity reference"
# The same behind a DOCTYPE whose system literal holds a '<' (a scan that
# stops at the first '<' found no declaration), and entities that would
# fetch from the loopback server: nothing is fetched, by the parser or any
# other way (XML_PARSE_NONET, no DTD loading).
"$PYTHON3" - "$ROOT" "$BASE" <<'PY'
import sys
root, base = sys.argv[1:]
lol = "".join('<!ENTITY lol%d "%s">\n' % (i, ("&lol%d;" % (i - 1)) * 10) for i in range(2, 10))
body = '<rss version="2.0"><channel><title>T</title><item><title>%s</title><link>https://example.com/%s</link></item></channel></rss>\n'
def write(name, doctype, title):
    open(root + "/" + name, "w").write('<?xml version="1.0"?>\n' + doctype + "\n" + body % (title, name))
write("sneaky-laughs.rss", '<!DOCTYPE rss SYSTEM "x<y" [\n<!ENTITY lol1 "lol">\n' + lol + "]>", "&lol9;")
write("sneaky-xxe.rss", '<!DOCTYPE rss SYSTEM "a>b<c" [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>', "&secret;")
write("net-entity.rss", '<!DOCTYPE rss SYSTEM \'x"<\' [ <!ENTITY %% pe SYSTEM "%s/evil.dtd"> %%pe; '
      '<!ENTITY remote SYSTEM "%s/evil.txt"> ]>' % (base, base), "&remote;")
write("ext-dtd.rss", '<!DOCTYPE rss SYSTEM "%s/evil.dtd">' % base, "Plain &undeclared; title")
open(root + "/evil.dtd", "w").write('<!ENTITY undeclared "EVIL">\n')
open(root + "/evil.txt", "w").write("EVIL\n")
PY
bad sneakylaughs sneaky-laughs.rss 'declares XML entities' "billion laughs behind a '<' in the DOCTYPE"
bad sneakyxxe sneaky-xxe.rss 'declares XML entities' "an external entity behind '>' and '<' in the DOCTYPE"
bad netentity net-entity.rss 'declares XML entities' "entities naming URLs of the loopback server"
run "$RADAR" --db "$DB" parse "$ROOT/ext-dtd.rss"
is "$RUN_STATUS" 0 "a feed naming an external DTD is read"
unlike "$RUN_STDOUT" 'EVIL' "... without the DTD's entities"
unlike "$(cat "$SERVER_LOG")" 'evil' "no DTD or entity was ever fetched from the server"
bad image image.bin 'binary data' "a binary body"
bad huge huge.rss 'larger than the limit|too large' "a feed over the size cap"
# 100 MB at the default cap (64 MB): refused from its Content-Length before
# its body is read; gzip-compressed (the Content-Length a few hundred KB),
# stopped as the decoded body passes the cap; as a file, from its size.
ok "the 100 MB feed is 100 MB" test "$(wc -c < "$ROOT/huge100.rss")" -ge 104857600
ok "... and so is the gzip one decoded, a few hundred KB on the wire" \
	test "$(gzip -dc < "$ROOT/gzip100.rss" | wc -c)" -ge 104857600 -a "$(wc -c < "$ROOT/gzip100.rss")" -lt 1048576
unset RADAR_FETCH_MAX_BYTES
bad huge100 huge100.rss 'huge100.rss: larger than the limit of 67108864 bytes' "a 100 MB feed"
bad gzip100 gzip100.rss 'gzip100.rss: larger than the limit of 67108864 bytes' "a 100 MB feed sent gzip-compressed"
run "$RADAR" --db "$DB" import "$ROOT/huge100.rss"
is "$RUN_STATUS" 1 "import of a 100 MB feed file exits 1"
like "$RUN_STDERR" 'huge100.rss: too large \(10[0-9] MB, limit 64 MB\)' "... saying it is too large"
is "$(sql 'SELECT count(*) FROM items')" "$ITEMS_BEFORE" "... nothing imported, nothing lost"
export RADAR_FETCH_MAX_BYTES=1000000

# ---------------------------------------------------------------- directories
# A directory holds feeds and pages as well as Markdown; what each file is
# comes from its bytes; one that is none of these is skipped with a note.
DIR=$TEST_TMP/folder
mkdir -p "$DIR/sub"
cp "$FIX"/digest.md "$DIR"/
cp "$FIX"/arxiv.rss "$DIR"/sub/papers.rss
cp "$FIX"/releases.atom "$DIR"/releases.atom
cp "$FIX"/papers.rdf "$DIR"/papers.xml
cp "$FIX"/page.html "$DIR"/page.htm
cp "$FIX"/sources.opml "$DIR"/subscriptions.xml
printf '\211PNG\r\n\032\n\0\0\0\rIHDR' > "$DIR"/picture.html
printf '# Index\n\nNothing to read here.\n' > "$DIR"/README.md
printf 'not a digest\n' > "$DIR"/notes.txt
DIRDB=$TEST_TMP/folder.db
dirsql() { DB=$DIRDB sql "$1"; }
run "$RADAR" --db "$DIRDB" import "$DIR"
is "$RUN_STATUS" 0 "import DIR with feeds, pages and unreadable files exits 0"
like "$RUN_STDOUT" '^imported 6 digests \(0 unchanged\)' \
	"... imports the Markdown, RSS, Atom, RDF-as-.xml and HTML files"
like "$RUN_STDERR" 'folder/subscriptions.xml: skipped: neither a digest, a feed nor a web page' \
	"... an OPML file named .xml is skipped with a note"
like "$RUN_STDERR" 'folder/picture.html: skipped' "... so is a picture named .html"
unlike "$RUN_STDERR" 'notes.txt' "... other names are not looked at"
is "$(dirsql "SELECT count(*) FROM items WHERE key IN ('arxiv:2602.04321', 'github:example/tiny-infer@v0.3.0', 'arxiv:2602.07777', 'arxiv:2602.05555')")" 4 \
	"... the items of the feeds and the page are there"
like "$RUN_STDOUT" '1 digest held no item: .*folder/README.md' "... and the digest without items is named"

DIRDB=$TEST_TMP/folder-source.db
printf 'source folder %s\n' "$DIR" > "$TEST_TMP/folder.conf"
run "$RADAR" --db "$DIRDB" --config "$TEST_TMP/folder.conf" refresh
is "$RUN_STATUS" 0 "refresh of a directory source with feeds in it exits 0"
like "$RUN_STDOUT" '^refreshed 1 source: [0-9]+ new items, 0 errors' "... no error for the skipped files"
like "$RUN_STDERR" 'subscriptions.xml: skipped: neither a digest, a feed nor a web page' "... each named in a note"
is "$(dirsql "SELECT count(*) FROM items WHERE key IN ('arxiv:2602.04321', 'github:example/tiny-infer@v0.3.0', 'arxiv:2602.07777', 'arxiv:2602.05555')")" 4 \
	"... the items of its feeds and page are there"
like "$RUN_STDOUT" '1 digest held no item: .*folder/README.md' "refresh names the digests that yielded no item"

# ---------------------------------------------------------------- OPML
run "$RADAR" --db "$DB" import "$FIX/sources.opml"
is "$RUN_STATUS" 0 "radar import FILE.opml exits 0"
like "$RUN_STDOUT" 'added 4 feeds as sources to .*/feeds.conf \(0 already configured, 1 skipped\)' \
	"... says how many feeds went where"
like "$(cat "$XDG_CONFIG_HOME/radar/config")" '^include feeds.conf$' "... the config includes feeds.conf"
like "$(cat "$XDG_CONFIG_HOME/radar/feeds.conf")" '^source arxiv-cs-cl http://127.0.0.1:1/arxiv.rss tags="AI,Papers"$' \
	"... nested outlines are tags="
like "$(cat "$XDG_CONFIG_HOME/radar/feeds.conf")" '^source the-weekly-gradient-2 ' "... names kept unique"
run "$RADAR" --db "$DB" import "$FIX/sources.opml"
like "$RUN_STDOUT" 'added 0 feeds .*\(4 already configured' "importing again adds nothing"
run "$RADAR" --db "$DB" sources --opml
like "$RUN_STDOUT" '<outline type="rss" text="hacker-news" title="hacker-news" xmlUrl="https://news.example/rss"/>' \
	"radar sources --opml writes the sources as OPML"
printf '<opml version="1.0"><body><outline text="a"><outline xmlUrl="http://x.example/"></body></opml>\n' \
	> "$TEST_TMP/broken.opml"
FEEDS_CONF=$XDG_CONFIG_HOME/radar/feeds.conf
cp "$FEEDS_CONF" "$TEST_TMP/feeds.conf.before"
cp "$XDG_CONFIG_HOME/radar/config" "$TEST_TMP/config.before"
ITEMS_BEFORE=$(sql "SELECT count(*) FROM items")
opml_refused() { # DESC: the OPML import just run failed and changed nothing
	is "$RUN_STATUS" 1 "$1: exits 1"
	is "$(printf '%s\n' "$RUN_STDERR" | wc -l)" 1 "$1: one line"
	ok "$1: feeds.conf untouched, the sources already there kept" cmp -s "$FEEDS_CONF" "$TEST_TMP/feeds.conf.before"
	ok "$1: the config untouched" cmp -s "$XDG_CONFIG_HOME/radar/config" "$TEST_TMP/config.before"
	is "$(sql 'PRAGMA integrity_check')|$(sql 'SELECT count(*) FROM items')" "ok|$ITEMS_BEFORE" "$1: the cache intact"
}
run "$RADAR" --db "$DB" import "$TEST_TMP/broken.opml"
like "$RUN_STDERR" 'broken.opml: not well-formed XML \(line 1:[0-9]+' "an OPML file with broken nesting is a clear error"
opml_refused "broken nesting"
# Nesting deeper than libxml2 allows (256 levels without XML_PARSE_HUGE).
"$PYTHON3" -c 'print("<opml version=\"2.0\"><body>" + "<outline text=\"f\">" * 1000
      + "<outline type=\"rss\" text=\"deep\" xmlUrl=\"https://deep.example/rss\"/>"
      + "</outline>" * 1000 + "</body></opml>")' > "$TEST_TMP/toodeep.opml"
run "$RADAR" --db "$DB" import "$TEST_TMP/toodeep.opml"
like "$RUN_STDERR" 'toodeep.opml: not well-formed XML .*[Ee]xcessive depth' "an OPML file nested 1,000 deep is a clear error"
opml_refused "1,000 levels"
# Deep but well-formed: the feed at the bottom is kept, tagged by its first
# 16 folders.
"$PYTHON3" -c 'print("<opml version=\"2.0\"><body>" + "".join("<outline text=\"d%d\">" % i for i in range(40))
      + "<outline type=\"rss\" text=\"deep\" xmlUrl=\"https://deep.example/rss\"/>"
      + "</outline>" * 40 + "</body></opml>")' > "$TEST_TMP/deep.opml"
run "$RADAR" --db "$DB" import "$TEST_TMP/deep.opml"
like "$RUN_STDOUT" 'added 1 feed as a source' "a feed nested 40 folders deep is imported"
like "$(grep deep.example "$FEEDS_CONF")" '^source deep https://deep.example/rss tags="d0,d1,d2,.*,d15"$' \
	"... tagged by its first 16 folders"
"$PYTHON3" -c 'import sys
print("<opml version=\"2.0\"><body>")
for g in range(10):
    print("<outline text=\"group %d\">" % g)
    for i in range(100):
        print("<outline type=\"rss\" text=\"feed %d-%d\" xmlUrl=\"https://f.example/%d/%d.xml\"/>" % (g, i, g, i))
    print("</outline>")
print("</body></opml>")' > "$TEST_TMP/big.opml"
CONFIG=$TEST_TMP/big.conf
: > "$CONFIG"
run "$RADAR" --db "$DB" --config "$CONFIG" import "$TEST_TMP/big.opml"
like "$RUN_STDOUT" 'added 1000 feeds' "an OPML file with 1,000 outlines"
is "$(grep -c '^source ' "$TEST_TMP/feeds.conf")" 1000 "... 1,000 source lines"
run "$RADAR" --db "$DB" --config "$CONFIG" sources --opml
is "$RUN_STATUS" 0 "... which the config reads back"
is "$(printf '%s\n' "$RUN_STDOUT" | grep -c '<outline .*xmlUrl=')" 1000 "... all of them"
is "$(printf '%s\n' "$RUN_STDOUT" | grep -c '<outline text="group [0-9]"')" 10 "... in their 10 groups"


# Export → import round trip: tags= become nested outlines and come back.
RT=$TEST_TMP/roundtrip
mkdir -p "$RT/a" "$RT/b"
cat > "$RT/a/config" <<'CONF'
source plain https://plain.example/feed.xml
source papers https://papers.example/rss tags="AI,Papers" every=2h as=items
source more-papers https://more.example/rss tags="AI,Papers"
source ai-news https://news.example/atom tags="AI" as=digests charset=GB18030 days=30
source other https://other.example/rss tags="Misc" every=90s
source timed https://timed.example/rss every=1d days=3
CONF
printf 'source local-dir %s\n' "$RT/b" >> "$RT/a/config"
run "$RADAR" --db "$DB" --config "$RT/a/config" sources --opml
is "$RUN_STATUS" 0 "sources --opml with tags and a directory source"
printf '%s\n' "$RUN_STDOUT" > "$RT/export.opml"
like "$RUN_STDOUT" '<outline text="AI" title="AI">' "... tags are written as group outlines"
like "$RUN_STDOUT" '<opml version="2.0" xmlns:radar="https://github.com/radar-reader/radar/ns/opml">' \
	"... the radar: namespace is declared on the root"
like "$RUN_STDOUT" 'xmlUrl="https://papers.example/rss" radar:every="2h" radar:as="items"/>' \
	"... every= and as= are radar: attributes"
like "$RUN_STDOUT" 'xmlUrl="https://news.example/atom" radar:as="digests" radar:charset="GB18030" radar:days="30"/>' \
	"... so are charset= and days="
like "$RUN_STDOUT" 'xmlUrl="https://plain.example/feed.xml"/>' "... a source with no options has none"
is "$(grep -c '<outline text="AI"' "$RT/export.opml")" 1 "... sources next to each other share their groups"
like "$RUN_STDOUT" '<!-- radar source local-dir .*/roundtrip/b \(not a feed URL other readers can fetch\) -->' \
	"... a directory source is kept as a comment"
: > "$RT/b.conf"
run "$RADAR" --db "$DB" --config "$RT/b.conf" import "$RT/export.opml"
is "$RUN_STATUS" 0 "... which imports again"
is "$(grep '^source ' "$RT/feeds.conf")" "$(grep '^source ' "$RT/a/config" | grep -v local-dir)" \
	"import → export → import gives the same source lines (names, URLs, tags=, every=, as=, charset=, days=)"
run "$RADAR" --db "$DB" --config "$RT/b.conf" sources --opml
is "$RUN_STDOUT" "$(grep -v '<!-- radar source local-dir' "$RT/export.opml")" \
	"... and exporting those gives the same OPML (less the directory source)"

# radar: options another program wrote: bad ones are left out, the feed kept.
cat > "$RT/hostile.opml" <<'OPML'
<opml version="2.0" xmlns:radar="https://github.com/radar-reader/radar/ns/opml"><body>
<outline text="ok" xmlUrl="https://ok.example/rss" radar:every="30m"/>
<outline text="bad" xmlUrl="https://bad.example/rss" radar:every="soon" radar:as="both" radar:days="9999"/>
<outline text="sneaky" xmlUrl="https://sneaky.example/rss" radar:charset="utf-8 tags=x&#10;include /etc/passwd"/>
<outline text="nons" xmlUrl="https://nons.example/rss" every="2h"/>
</body></opml>
OPML
mkdir -p "$RT/c"
: > "$RT/c/config"
run "$RADAR" --db "$DB" --config "$RT/c/config" import "$RT/hostile.opml"
is "$RUN_STATUS" 0 "an OPML file with invalid radar: options imports"
like "$RUN_STDOUT" 'added 4 feeds' "... every feed"
like "$RUN_STDERR" 'hostile.opml: 4 radar: options left out' "... the invalid options left out with a note"
is "$(grep '^source ' "$RT/c/feeds.conf")" 'source ok https://ok.example/rss every=30m
source bad https://bad.example/rss
source sneaky https://sneaky.example/rss
source nons https://nons.example/rss' "... the source lines keep only the valid ones (and no un-namespaced ones)"
done_testing
