#!/bin/sh
# Hostile and broken input for `radar parse` and `radar import`: each file
# either yields items (or none) or a one-line "radar: ..." error, never a
# crash, and nothing printed carries escape sequences, C1 or bidi controls.
# Then all of it goes into a cache that already has a starred item, which
# must stay intact.
. "${top_srcdir:-.}/tests/lib.sh"
need_python3

bad=$TEST_TMP/bad
mkdir -p "$bad"

# ---------------------------------------------------------------- fixtures
"$PYTHON3" - "$bad" <<'EOF'
import os, random, sys
d = sys.argv[1]
def write(name, data):
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)

rng = random.Random(20260301)
write('random.md', bytes(rng.getrandbits(8) for _ in range(1 << 20)))

write('invalid-utf8.md', b'# Broken \xff\xfe bytes \xc3\x28 digest\n\n## Papers\n\n'
      b'- [Overlong \xc0\xaf slash and surrogate \xed\xa0\x80](https://arxiv.org/abs/2601.00001): '
      b'truncated \xe4\xb8\n- [Lone continuation \x80\x81 bytes](https://github.com/a/b): ok \xf4\x90\x80\x80 too big\n'
      b'- [Cut at the end](https://example.com/cut) \xe4')

write('escapes.md', '# Escapes \x1b[2J\x1b]0;pwned\x07 digest\n\n## Papers\n\n'
      '- [Title with \x1b[31mred\x1b[0m and \u009b31m C1 CSI](https://arxiv.org/abs/2601.00002): '
      'summary with \u202eevil bidi\u202c and \u2066isolate\u2069 and a bell\x07 and \x1bP DCS \x1b\\ end\n'
      '- [\u200fRight-to-left mark\u200e title](https://github.com/esc/apes): \u0085next line C1\n'
      .encode('utf-8'))

write('unterminated-frontmatter.md', b'---\ntitle: "never closed\ndate: 2026-03-01\ntags: [a, b\n\n'
      b'# A digest after a broken header\n\n- [An item](https://example.com/after-header): still here\n')

write('heading-only.md', b'# Just a heading\n')

write('nested-lists.md', b'- ' * 10000 + b'[deep](https://example.com/deep-list)\n')
write('nested-lists-indented.md',
      b''.join(b'  ' * min(i, 200) + b'- level %d [l](https://example.com/l%d)\n' % (i, i) for i in range(10000)))
write('nested-quotes.md', b'>' * 10000 + b' [deep quote](https://example.com/deep-quote)\n')
write('nested-brackets.md', b'[' * 10000 + b'x' + b']' * 10000 + b'(https://example.com/b)\n' + b'*' * 20000 + b'\n')

write('empty.md', b'')
write('nul-bytes.md', b'# Title\x00 with NUL\n\n- [a\x00b](https://example.com/nul): text\x00more\n\x00\x00\x00')
write('crlf-bom.md', b'\xef\xbb\xbf# CRLF digest\r\n\r\n- [Windows line ends](https://example.com/crlf): ok\r\n')
write('long-line.md', b'# Long\n\n- [' + b'A' * 2000000 + b'](https://example.com/long)\n')
EOF
ok "fixtures were generated" test -s "$bad/random.md"

# A 50 MB digest made of repeated valid sections, each with its own links
# and a few kilobytes of prose, the way long digests read.
"$PYTHON3" - "$bad/big.md" <<'EOF'
import sys
out = open(sys.argv[1], 'w', encoding='utf-8')
out.write('---\ntitle: Big digest\ndate: 2026-03-01\n---\n\n# Big digest\n\n')
prose = ('This paragraph stands in for the prose of a long digest: what was released, '
         'why it matters and what is still unclear. 这一段是长篇日报里的正文，介绍发布内容、'
         '意义以及仍不清楚的地方。') * 12
size, n = 0, 0
while size < 50 * 1024 * 1024:
    s = ('## Section %d 分节\n\n%s\n\n'
         '- [Paper number %d about long documents](https://arxiv.org/abs/2603.%05d): '
         'A summary sentence that is long enough to look like a real one, with 中文 text as well. '
         '**标签**: [大模型] [长文本]\n'
         '- [owner%d/repo%d](https://github.com/owner%d/repo%d): A project line. 一个项目。\n'
         '- [A thread](https://x.com/someone/status/%d): quoted words here.\n\n'
         '> %s\n\n'
         '| Name | Link |\n|---|---|\n| Row %d | [r](https://example.com/r/%d) |\n\n'
         % (n, prose, n, n % 100000, n, n, n, n, 2059310027465881602 + n, prose, n, n))
    out.write(s)
    size += len(s.encode('utf-8'))
    n += 1
out.close()
EOF
ok "a 50 MB digest was generated" test "$(wc -c <"$bad/big.md")" -ge 52428800

truncate -s 65M "$bad/oversize.md"
mkdir -p "$bad/a-directory.md"

# no_bad_bytes FILE: the bytes are UTF-8 without ESC, C1 or bidi controls.
no_bad_bytes() {
	"$PYTHON3" - "$1" <<'EOF'
import sys
data = open(sys.argv[1], 'rb').read()
try:
    text = data.decode('utf-8')
except UnicodeDecodeError as e:
    print('# not UTF-8: %s' % e)
    sys.exit(1)
bad = [c for c in text if c == '\x1b' or '\x80' <= c <= '\x9f' or c in
       '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c' or
       (c < ' ' and c not in '\n\t')]
if bad:
    print('# forbidden characters: %r' % sorted(set(bad))[:10])
    sys.exit(1)
EOF
}

# valid_jsonl FILE: every line a JSON object.
valid_jsonl() {
	"$PYTHON3" - "$1" <<'EOF'
import json, sys
for n, line in enumerate(open(sys.argv[1], encoding='utf-8').read().split('\n')):
    if line:
        try:
            assert isinstance(json.loads(line), dict)
        except Exception as e:
            print('# line %d: %s' % (n + 1, e))
            sys.exit(1)
EOF
}

# verdict WHAT: judge the last run: exit 0, or exit 1 with one "radar: " line.
verdict() {
	if crashed "$RUN_STATUS"; then
		not_ok "$1: no crash" "exit status $RUN_STATUS" "$(head -c 2000 "$RUN_ERR")"
		return
	fi
	case $RUN_STATUS in
	0) pass "$1: exits 0" ;;
	1)
		lines=$(grep -c . "$RUN_ERR")
		if [ "$lines" -ge 1 ] && ! grep -qv '^radar: ' "$RUN_ERR"; then
			pass "$1: exits 1 with a 'radar: ' message ($(head -n 1 "$RUN_ERR" | cut -c1-100))"
		else
			not_ok "$1: exits 1 with a 'radar: ' message" "$(head -c 2000 "$RUN_ERR")"
		fi
		;;
	*) not_ok "$1: exits 0 or 1" "exit status $RUN_STATUS" "$(head -c 2000 "$RUN_ERR")" ;;
	esac
	ok "$1: stdout is clean UTF-8" no_bad_bytes "$RUN_OUT"
	ok "$1: stderr is clean UTF-8" no_bad_bytes "$RUN_ERR"
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# ---------------------------------------------------------------- parse
for name in random.md invalid-utf8.md escapes.md unterminated-frontmatter.md heading-only.md \
	nested-lists.md nested-lists-indented.md nested-quotes.md nested-brackets.md empty.md \
	nul-bytes.md crlf-bom.md long-line.md big.md oversize.md a-directory.md missing.md; do
	start=$(now)
	run "$RADAR" parse "$bad/$name"
	case $name in big.md | long-line.md | random.md) diag "parse $name took $(elapsed "$start" "$(now)") s" ;; esac
	verdict "parse $name"
	if [ "$RUN_STATUS" = 0 ]; then
		ok "parse $name: JSON Lines" valid_jsonl "$RUN_OUT"
	fi
	case $name in
	oversize.md)
		is "$RUN_STATUS:$(cat "$RUN_ERR")" "1:radar: $bad/oversize.md: too large (65 MB, limit 64 MB)" \
			"parse of a file over the cap says it is too large" ;;
	a-directory.md | missing.md)
		is "$RUN_STATUS" 1 "parse $name fails" ;;
	empty.md | heading-only.md)
		is "$RUN_STATUS:$RUN_STDOUT" "0:" "parse $name: no items" ;;
	escapes.md)
		is "$(grep -c . "$RUN_OUT")" 2 "parse escapes.md: both items survive" ;;
	unterminated-frontmatter.md)
		like "$RUN_STDOUT" "https://example.com/after-header" "an unterminated front matter leaves the body readable" ;;
	esac
done

run "$RADAR" parse - <"$bad/random.md"
verdict "parse - (random bytes on stdin)"

# ---------------------------------------------------------------- import
db=$TEST_TMP/cache.db
cat >"$TEST_TMP/good.md" <<'EOF'
# A good digest 2026-03-01

- [A paper worth keeping](https://arxiv.org/abs/2603.09999): starred before the storm.
EOF
run "$RADAR" --db "$db" import "$TEST_TMP/good.md"
is "$RUN_STATUS" 0 "a good digest imports"
run "$RADAR" --db "$db" ls --json
starred=$("$PYTHON3" -c 'import json, sys
print([r["id"] for r in map(json.loads, open(sys.argv[1])) if r["key"] == "arxiv:2603.09999"][0])' "$RUN_OUT")
run "$RADAR" --db "$db" star "$starred"
is "$RUN_STATUS" 0 "... and its item is starred"

for name in random.md invalid-utf8.md escapes.md unterminated-frontmatter.md heading-only.md \
	nested-lists.md nested-quotes.md empty.md nul-bytes.md big.md oversize.md missing.md; do
	start=$(now)
	run "$RADAR" --db "$db" import "$bad/$name"
	case $name in big.md) diag "import $name took $(elapsed "$start" "$(now)") s" ;; esac
	verdict "import $name"
done

# Everything at once, the directory included (it holds a directory named *.md).
run "$RADAR" --db "$db" import "$bad" "$TEST_TMP/good.md"
verdict "import of the whole directory"
like "$RUN_STDOUT" "^imported [0-9]+ digests? \([0-9]+ unchanged\): " "the import still prints its summary"

for command in "ls" "ls --json" "digests" "ls --search 标签" "ls --search red"; do
	# shellcheck disable=SC2086
	run "$RADAR" --db "$db" $command
	verdict "$command after the bad imports"
done
# "Escapes" is only in that digest's title, which is not an item's text:
# the search finds nothing, and says nothing.
run "$RADAR" --db "$db" ls --json --search Escapes
is "$RUN_STATUS:$RUN_STDOUT" "0:" "ls --search for a word only in a hostile digest's title finds nothing"
# A word of the hostile item's title finds that item, its escapes removed.
run "$RADAR" --db "$db" ls --json --search CSI
is "$RUN_STATUS:$("$PYTHON3" -c 'import json, sys
print([r["key"] for r in map(json.loads, open(sys.argv[1]))])' "$RUN_OUT")" "0:['arxiv:2601.00002']" \
	"ls --search finds the item whose title was full of escapes"
ok "... and prints no control character" "$PYTHON3" -c 'import sys
data = open(sys.argv[1], encoding="utf-8").read()
sys.exit(any(ord(c) < 0x20 and c != "\n" or 0x7f <= ord(c) < 0xa0 for c in data))' "$RUN_OUT"
run "$RADAR" --db "$db" ls --json
ids=$("$PYTHON3" -c 'import json, sys
print(" ".join(str(r["id"]) for r in map(json.loads, open(sys.argv[1]))
      if r["key"] in ("arxiv:2601.00002", "github:esc/apes", "arxiv:2601.00001", "url:https://example.com/nul")))' "$RUN_OUT")
for id in $ids; do
	run "$RADAR" --db "$db" show "$id" --width 50
	verdict "show $id (from a hostile digest)"
done
[ -n "$ids" ] || skip "no item of the hostile digests was found to show"

integrity=$("$PYTHON3" -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])' "$db")
is "$integrity" "ok" "the cache passes PRAGMA integrity_check"
run "$RADAR" --db "$db" ls --starred --json
is "$("$PYTHON3" -c 'import json, sys
print([r["key"] for r in map(json.loads, open(sys.argv[1]))])' "$RUN_OUT")" "['arxiv:2603.09999']" \
	"the starred item is still starred"

done_testing
