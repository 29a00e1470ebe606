#!/bin/sh
# One ingest path: `radar import`, `radar refresh` and `radar reindex` give
# the same items for the same bytes (legacy charsets decoded the same way),
# and a stored digest is read back whole, NUL bytes and all.
. "${top_srcdir:-.}/tests/lib.sh"
need_python3

# Small digests of our own, written in UTF-8 here and converted below.
src=$TEST_TMP/utf8
mkdir -p "$src"
cat >"$src/gb18030.md" <<'EOF2'
# 每周精选 2026-03-01

## 论文

- [稀疏注意力的长文本新进展](https://example.org/gb/1)：用稀疏注意力处理长文本。
- [小模型的记忆单元](https://example.org/gb/2)：让小模型回答关于长书的问题。
EOF2
cat >"$src/big5.md" <<'EOF2'
# 每週精選 2026-03-01

## 論文

- [稀疏注意力的長文本新進展](https://example.org/b5/1)：用稀疏注意力處理長文本。
- [小模型的記憶單元](https://example.org/b5/2)：讓小模型回答關於長書的問題。
EOF2
cat >"$src/shift_jis.md" <<'EOF2'
# 週刊まとめ 2026-03-01

## 論文

- [長い文書のための疎な注意機構](https://example.org/sj/1)：長い文書を少ないメモリで読む。
- [小さなモデルの記憶装置](https://example.org/sj/2)：長い本について答える。
EOF2
legacy=$TEST_TMP/legacy
mkdir -p "$legacy"
for cs in gb18030 big5 shift_jis; do
	"$PYTHON3" -c 'import sys; sys.stdout.buffer.write(open(sys.argv[1], encoding="utf-8").read().encode(sys.argv[2]))' \
		"$src/$cs.md" "$cs" >"$legacy/$cs.md" || bail_out "cannot write the $cs fixture"
done

# titles DB: every item's title, sorted, one a line.
titles() {
	"$RADAR" --db "$1" ls --json 2>/dev/null | "$PYTHON3" -c '
import json, sys
print("\n".join(sorted(json.loads(l)["title"] for l in sys.stdin if l.strip())))'
}

cat >"$TEST_TMP/legacy.conf" <<EOF2
source gb $legacy/gb18030.md charset=gb18030
source b5 $legacy/big5.md charset=big5
source sj $legacy/shift_jis.md charset=shift_jis
EOF2
run "$RADAR" --db "$TEST_TMP/refresh.db" --config "$TEST_TMP/legacy.conf" refresh
is "$RUN_STATUS" 0 "refresh of GB18030, Big5 and Shift_JIS sources exits 0"
titles "$TEST_TMP/refresh.db" >"$TEST_TMP/refresh.titles"
titles "$TEST_TMP/utf8.db" >/dev/null
run "$RADAR" --db "$TEST_TMP/utf8.db" import "$src"
titles "$TEST_TMP/utf8.db" >"$TEST_TMP/utf8.titles"
is "$(wc -l <"$TEST_TMP/utf8.titles" | tr -d ' ')" 6 "the UTF-8 originals give six items"
ok "refresh of the legacy files gives the UTF-8 originals' items" \
	cmp -s "$TEST_TMP/refresh.titles" "$TEST_TMP/utf8.titles"

# import has no charset= to go on: the files must decode by what the bytes
# say, as refresh does for a source without charset=.
cat >"$TEST_TMP/plain.conf" <<EOF2
source gb $legacy/gb18030.md
EOF2
run "$RADAR" --db "$TEST_TMP/plain-refresh.db" --config "$TEST_TMP/plain.conf" refresh
run "$RADAR" --db "$TEST_TMP/plain-import.db" import "$legacy/gb18030.md"
is "$RUN_STATUS" 0 "import of a GB18030 file exits 0"
titles "$TEST_TMP/plain-refresh.db" >"$TEST_TMP/plain-refresh.titles"
titles "$TEST_TMP/plain-import.db" >"$TEST_TMP/plain-import.titles"
like "$(cat "$TEST_TMP/plain-import.titles")" "稀疏注意力的长文本新进展" "import decodes a GB18030 file"
ok "import and refresh of the same GB18030 file give the same items" \
	cmp -s "$TEST_TMP/plain-refresh.titles" "$TEST_TMP/plain-import.titles"

# Every legacy file through import with the charset the source would use:
# import of the directory, refresh of the directory as a source.
cat >"$TEST_TMP/dir.conf" <<EOF2
source legacy $legacy
EOF2
run "$RADAR" --db "$TEST_TMP/dir-refresh.db" --config "$TEST_TMP/dir.conf" refresh
run "$RADAR" --db "$TEST_TMP/dir-import.db" import "$legacy"
titles "$TEST_TMP/dir-refresh.db" >"$TEST_TMP/dir-refresh.titles"
titles "$TEST_TMP/dir-import.db" >"$TEST_TMP/dir-import.titles"
ok "import and refresh of a directory of GB18030/Big5/Shift_JIS files give the same items" \
	cmp -s "$TEST_TMP/dir-refresh.titles" "$TEST_TMP/dir-import.titles"

# ---------------------------------------------------------------- NUL bytes
nul=$TEST_TMP/nul.md
printf '# Weekly 2026-03-01\n\n## Papers\n\n- [First paper](https://example.org/n/1): before the NUL.\n- [Second paper](https://example.org/n/2): has a \000 byte inside.\n- [Third paper](https://example.org/n/3): after the NUL.\n- [Fourth paper](https://example.org/n/4): the end.\n' >"$nul"
DB=$TEST_TMP/nul.db
run "$RADAR" --db "$DB" import "$nul"
is "$RUN_STATUS" 0 "import of a digest with a NUL byte exits 0"
before=$(titles "$DB" | wc -l | tr -d ' ')
is "$before" 4 "... and lists its four items"
# Force re-extraction: reindex skips digests whose hash is current, so
# forget the hashes first.
"$PYTHON3" -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("UPDATE digests SET content_hash = ?", ("stale",)); c.commit()' "$DB" ||
	bail_out "cannot mark the digest stale"
run "$RADAR" --db "$DB" reindex
is "$RUN_STATUS" 0 "reindex exits 0"
is "$(titles "$DB" | wc -l | tr -d ' ')" "$before" "a digest with a NUL byte keeps every item through reindex"
run "$RADAR" --db "$DB" show --digest 1
like "$RUN_STDOUT" "Fourth paper" "show --digest shows the digest past its NUL byte"

done_testing
