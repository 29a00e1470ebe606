#!/bin/sh
# The radar command line end to end: parse, import, ls and its filters,
# show, marks, digests, cache location, help and usage errors.
. "${top_srcdir:-.}/tests/lib.sh"
need_python3

# jsonl FILE EXPR: EXPR evaluated in Python with ROWS = the JSON Lines in
# FILE (every line must be a JSON object); prints the value (booleans as
# yes/no), or "error: ..." when a line is not JSON.
jsonl() {
	"$PYTHON3" - "$1" "$2" <<'EOF'
import json, sys
try:
    with open(sys.argv[1], encoding='utf-8') as f:
        rows = [json.loads(line) for line in f.read().split('\n') if line != '']
except Exception as e:
    print('error: %s' % e)
    sys.exit(0)
value = eval(sys.argv[2])
if isinstance(value, bool):
    value = 'yes' if value else 'no'
print(value)
EOF
}

R() { "$RADAR" "$@"; }

digests=$TEST_TMP/digests
mkdir -p "$digests"
cat >"$digests/week-2026-03-01.md" <<'EOF'
---
title: Fixture Weekly
date: 2026-03-01
---

# Fixture Weekly 2026-03-01

## Papers

- [Sparse Memory Slots for Small Language Models](https://arxiv.org/abs/2603.01234v2): Retrieval-style memory units let a small model answer questions about long books.
- [稀疏注意力的长文本新进展](https://arxiv.org/abs/2603.05678)：用稀疏注意力处理十万字的长文本，显存只增加一点。

## Projects

- [example-lab/tiny-agent](https://github.com/example-lab/tiny-agent): A readable agent framework in five hundred lines.
- [quiet-owl/promptlint](https://github.com/quiet-owl/promptlint): Static checks for prompts that fit in a CI job.

## Discussions

- [Dual GPUs or unified memory for a local 70B model?](https://www.reddit.com/r/LocalLLaMA/comments/1abcde/dual_gpus/): A long thread comparing speed, noise and power bills.
EOF
cat >"$digests/week-2026-03-08.md" <<'EOF'
---
title: Fixture Weekly
date: 2026-03-08
---

# Fixture Weekly 2026-03-08

## Papers

- [Sparse Memory Slots for Small Language Models](https://arxiv.org/abs/2603.01234): The code is out now; the memory build step is offline.

## Posts

- [A thread on tiny agents](https://x.com/someone_ml/status/2059310027465881602): Deleting the plugin system made the framework easier to trust.
EOF

# ---------------------------------------------------------------- parse
run R parse "$top_srcdir"/demo/*.md
is "$RUN_STATUS" 0 "parse of the demo digests exits 0"
is "$RUN_STDERR" "" "parse of the demo digests prints nothing on stderr"
cp "$RUN_OUT" "$TEST_TMP/demo.jsonl"
is "$(jsonl "$TEST_TMP/demo.jsonl" 'len(rows) >= 20')" yes "the demo digests yield items ($(grep -c . "$TEST_TMP/demo.jsonl"))"
is "$(jsonl "$TEST_TMP/demo.jsonl" '[r for r in rows if not (
        isinstance(r.get("key"), str) and r["key"] and
        r.get("kind") in ("paper","project","tweet","discussion","article","video","podcast","note") and
        isinstance(r.get("title"), str) and r["title"] and
        (r.get("url") is None or isinstance(r["url"], str)) and
        isinstance(r.get("links"), list) and all(isinstance(u, str) for u in r["links"]) and
        isinstance(r.get("tags"), list) and all(isinstance(t, str) for t in r["tags"]) and
        isinstance(r.get("section"), str) and
        "date" in r and (r["date"] is None or (isinstance(r["date"], str) and r["date"][:4].isdigit() and r["date"][4] == "-")) and
        "summary" in r and "authors" in r and isinstance(r.get("file"), str))][:1]')" "[]" \
	"every parsed item has key, kind, title, url, links, tags, section, date, summary, authors, file"
is "$(jsonl "$TEST_TMP/demo.jsonl" 'sorted(set(r["file"].rsplit("/",1)[-1] for r in rows))')" \
	"['ai-daily-demo.md', 'research-scan-demo.md', 'weekly-reading-demo.en.md']" "file names each item's digest"

run R parse "$digests/week-2026-03-01.md"
cp "$RUN_OUT" "$TEST_TMP/a.jsonl"
is "$(jsonl "$TEST_TMP/a.jsonl" '[r["key"] for r in rows]')" \
	"['arxiv:2603.01234', 'arxiv:2603.05678', 'github:example-lab/tiny-agent', 'github:quiet-owl/promptlint', 'reddit:1abcde']" \
	"parse lists the fixture's items in document order, keyed by identity"
run R parse "$digests/week-2026-03-01.md"
ok "parse is deterministic" cmp -s "$RUN_OUT" "$TEST_TMP/a.jsonl"
run R parse - <"$digests/week-2026-03-01.md"
is "$(jsonl "$RUN_OUT" 'len(rows)')" 5 "parse - reads standard input"
run R parse --explain "$digests/week-2026-03-01.md"
is "$(grep -c ': item [0-9]* (' "$RUN_OUT")" 5 "parse --explain says why each of the 5 items is one"
like "$(head -n 1 "$RUN_OUT")" "^$digests/week-2026-03-01.md:[0-9]*: " "parse --explain lines are FILE:LINE:"

run R parse "$TEST_TMP/missing.md" "$digests/week-2026-03-01.md"
is "$RUN_STATUS" 1 "parse with a missing file exits 1"
like "$RUN_STDERR" "^radar: .*missing\.md: " "... naming the file on stderr"
is "$(jsonl "$RUN_OUT" 'len(rows)')" 5 "... and still prints the other file's items"
run R parse
is "$RUN_STATUS" 2 "parse without files is a usage error"

# ---------------------------------------------------------------- import
run R import "$digests"
is "$RUN_STATUS" 0 "import of a directory exits 0"
like "$RUN_STDOUT" "^imported 2 digests \(0 unchanged\): 6 new items, 0 updated, 0 errors$" "import prints one summary line"
ok "the default cache is under XDG_DATA_HOME" test -f "$XDG_DATA_HOME/radar/radar.db"
run R ls --json
cp "$RUN_OUT" "$TEST_TMP/ls1.jsonl"
is "$(jsonl "$TEST_TMP/ls1.jsonl" 'len(rows)')" 6 "ls --json lists every item once"
is "$(jsonl "$TEST_TMP/ls1.jsonl" 'all(set(r) >= {"id","key","kind","title","url","date","read","starred","mentions","source","first_seen"} for r in rows)')" \
	yes "ls --json rows have id, key, kind, title, url, date, read, starred, mentions, source, first_seen"
is "$(jsonl "$TEST_TMP/ls1.jsonl" '[r["mentions"] for r in rows if r["key"] == "arxiv:2603.01234"]')" "[2]" \
	"a paper in two digests is one item with two mentions"
is "$(jsonl "$TEST_TMP/ls1.jsonl" 'sorted(set(r["source"] for r in rows))')" "['digests']" \
	"a directory's digests come under a source named after it"

run R import "$digests"
is "$RUN_STATUS" 0 "importing again exits 0"
like "$RUN_STDOUT" "^imported 2 digests \(2 unchanged\): 0 new items, 0 updated, 0 errors$" "importing again changes nothing"
run R ls --json
ok "ls --json is byte-identical after importing again" cmp -s "$RUN_OUT" "$TEST_TMP/ls1.jsonl"

id_of() { jsonl "$TEST_TMP/ls1.jsonl" "[r['id'] for r in rows if r['key'] == '$1'][0]"; }
paper=$(id_of arxiv:2603.01234)
cjk_paper=$(id_of arxiv:2603.05678)
agent=$(id_of github:example-lab/tiny-agent)
thread=$(id_of reddit:1abcde)

# ---------------------------------------------------------------- marks
run R star "$paper"
is "$RUN_STATUS" 0 "star ID exits 0"
run R ls --starred --json
is "$(jsonl "$RUN_OUT" '[r["key"] for r in rows]')" "['arxiv:2603.01234']" "ls --starred lists the starred item"

sed -e 's/answer questions about long books/answer questions about whole novels/' \
    -e 's|^## Discussions|- [A new evaluation kit](https://github.com/example-lab/evalkit): Runs the whole suite in a minute.\n\n## Discussions|' \
    "$digests/week-2026-03-01.md" >"$TEST_TMP/modified.md"
cp "$TEST_TMP/modified.md" "$digests/week-2026-03-01.md"
run R import "$digests"
is "$RUN_STATUS" 0 "importing a modified digest exits 0"
like "$RUN_STDOUT" "^imported 2 digests \(1 unchanged\): 1 new item, 1 updated, 0 errors$" \
	"the modified digest counts as changed"
run R ls --starred --json
is "$(jsonl "$RUN_OUT" '[r["key"] for r in rows]')" "['arxiv:2603.01234']" "the star survives re-importing a modified digest"
run R ls --json
cp "$RUN_OUT" "$TEST_TMP/ls2.jsonl"
is "$(jsonl "$TEST_TMP/ls2.jsonl" 'len(rows)')" 7 "the modified digest's new item is listed"

run R read "$agent" "$thread"
is "$RUN_STATUS" 0 "read ID ID exits 0"
run R ls --unread --json
is "$(jsonl "$RUN_OUT" 'sorted(r["id"] for r in rows if not r["read"]) == sorted(r["id"] for r in rows) and len(rows)')" 5 \
	"ls --unread leaves out the items marked read"
run R unread "$thread"
run R ls --unread --json
is "$(jsonl "$RUN_OUT" 'len(rows)')" 6 "unread ID brings an item back"

# ---------------------------------------------------------------- display settings
mkdir -p "$TEST_TMP/amb"
printf '# Amb\n\n- [①②③④⑤⑥⑦⑧⑨⑩①②③④⑤⑥⑦⑧⑨⑩](https://example.com/circled): circled\n' >"$TEST_TMP/amb/amb.md"
run R --db "$TEST_TMP/amb.db" import "$TEST_TMP/amb"
printf 'set ambiguous-wide yes\nset no-such-option 1\n' >"$TEST_TMP/amb.conf"
run R --db "$TEST_TMP/amb.db" show 1 --width 30
is "$(printf '%s\n' "$RUN_STDOUT" | head -n 1)" "①②③④⑤⑥⑦⑧⑨⑩①②③④⑤⑥⑦⑧⑨⑩" "ambiguous characters count one column by default"
run R --db "$TEST_TMP/amb.db" --config "$TEST_TMP/amb.conf" show 1 --width 30
is "$(printf '%s\n' "$RUN_STDOUT" | head -n 1)" "①②③④⑤⑥⑦⑧⑨⑩①②③④⑤" "set ambiguous-wide yes makes show count them two"
is "$RUN_STATUS" 0 "show still works with a config that has an error"
like "$RUN_STDERR" "amb.conf:2: " "... and reports it as file:line"

# ---------------------------------------------------------------- reindex
run R ls --json
cp "$RUN_OUT" "$TEST_TMP/before-reindex.jsonl"
run R reindex
is "$RUN_STATUS" 0 "reindex exits 0"
like "$RUN_STDOUT" "^re-extracted 0 digests \(2 already current\)" "digests extracted by this radar are left alone"
# An older extractor's digests: their stored hash no longer matches.
"$PYTHON3" -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("UPDATE digests SET content_hash = ?", ("0",)); c.commit()' "$XDG_DATA_HOME/radar/radar.db"
run R reindex
like "$RUN_STDOUT" "^re-extracted 2 digests \(0 already current\): 0 new items" "digests from an older extractor are extracted again"
run R ls --json
is "$(cat "$RUN_OUT")" "$(cat "$TEST_TMP/before-reindex.jsonl")" "reindex keeps every item, star and read mark"
run R star "$cjk_paper" 999999
is "$RUN_STATUS" 1 "star with an unknown ID exits 1"
like "$RUN_STDERR" "^radar: no item 999999$" "... and names the unknown ID"
run R ls --starred --json
is "$(jsonl "$RUN_OUT" 'len(rows)')" 2 "... after starring the known ones"
run R unstar "$cjk_paper"
run R ls --starred --json
is "$(jsonl "$RUN_OUT" 'len(rows)')" 1 "unstar ID removes the star"
run R star abc
is "$RUN_STATUS" 2 "star with a non-numeric ID is a usage error"

# ---------------------------------------------------------------- ls filters
run R ls --kind paper --json
is "$(jsonl "$RUN_OUT" 'sorted(r["key"] for r in rows)')" "['arxiv:2603.01234', 'arxiv:2603.05678']" "ls --kind paper"
run R ls --kind projects --json
is "$(jsonl "$RUN_OUT" 'len(rows) == 3 and all(r["kind"] == "project" for r in rows)')" yes "ls --kind accepts plurals"
run R ls --kind bogus
is "$RUN_STATUS" 2 "ls --kind with an unknown kind is a usage error"
like "$RUN_STDERR" "unknown kind" "... saying so"

# One vocabulary for kinds: the column ls prints is the word --kind takes.
run R ls --json
json_kinds=$(jsonl "$RUN_OUT" 'sorted(set(r["kind"] for r in rows))')
run R ls
ls_kinds=$(sed -e 's/^ *[0-9]* .......... //' -e 's/ .*//' "$RUN_OUT" | sort -u | tr '\n' ' ')
is "$("$PYTHON3" -c "import sys; print(sorted(sys.argv[1].split()))" "$ls_kinds")" "$json_kinds" \
	"the ls kind column shows the kind names (those --kind accepts)"

# The tags parse reports must be the tags ls filters on.
run R parse "$digests"/*.md
cp "$RUN_OUT" "$TEST_TMP/parsed.jsonl"
tag=$(jsonl "$TEST_TMP/parsed.jsonl" '[t for r in rows if r["key"] == "github:example-lab/tiny-agent" for t in r["tags"]][0]')
expected=$(jsonl "$TEST_TMP/parsed.jsonl" "sorted(set(r['key'] for r in rows if '$tag' in r['tags']))")
run R ls --tag "$tag" --json
is "$(jsonl "$RUN_OUT" 'sorted(r["key"] for r in rows)')" "$expected" "ls --tag '$tag' lists the items parse tagged so"
run R ls --tag "no such tag" --json
is "$RUN_STDOUT" "" "ls --tag with an unknown tag lists nothing"

run R ls --search Sparse --json
is "$(jsonl "$RUN_OUT" '[r["key"] for r in rows]')" "['arxiv:2603.01234']" "ls --search with an English word"
run R ls --search 注意 --json
is "$(jsonl "$RUN_OUT" '[r["key"] for r in rows]')" "['arxiv:2603.05678']" "ls --search with a 2-character Chinese query"
run R ls --search 稀疏注意力 --json
is "$(jsonl "$RUN_OUT" '[r["key"] for r in rows]')" "['arxiv:2603.05678']" "ls --search with a longer Chinese query"
run R ls --search zzyzzx --json
is "$RUN_STATUS:$RUN_STDOUT" "0:" "ls --search with no match lists nothing"
run R ls --source digests --json
is "$(jsonl "$RUN_OUT" 'len(rows)')" 7 "ls --source"

run R ls --limit 2 --json
is "$(jsonl "$RUN_OUT" '[r["id"] for r in rows]')" "$(jsonl "$TEST_TMP/ls2.jsonl" '[r["id"] for r in rows][:2]')" "ls --limit 2"
run R ls --offset 3 --limit 2 --json
is "$(jsonl "$RUN_OUT" '[r["id"] for r in rows]')" "$(jsonl "$TEST_TMP/ls2.jsonl" '[r["id"] for r in rows][3:5]')" "ls --offset 3 --limit 2"
for bad in "--limit 0" "--limit -1" "--limit abc" "--limit 5x" "--offset -1" "--sort random" "--since yesterday" "--search="; do
	# shellcheck disable=SC2086
	run R ls $bad
	is "$RUN_STATUS" 2 "ls $bad is a usage error"
	like "$RUN_STDERR" "^radar: .*
Try 'radar --help'\.$" "... with a message and a hint"
done
run R ls --since 2026-03-05 --json
is "$(jsonl "$RUN_OUT" 'all((r["date"] or "") >= "2026-03-05" for r in rows) and len(rows) > 0')" yes "ls --since"
run R ls --sort title --json
is "$(jsonl "$RUN_OUT" '[r["title"].lower() for r in rows] == sorted(r["title"].lower() for r in rows)')" yes "ls --sort title"
run R ls --sort mentions --json
is "$(jsonl "$RUN_OUT" 'rows[0]["key"] == "arxiv:2603.01234" and all(a["mentions"] >= b["mentions"] for a, b in zip(rows, rows[1:]))')" yes "ls --sort mentions"
run R ls --json --sort newest
is "$(jsonl "$RUN_OUT" '[(r["date"] or "") for r in rows] == sorted([(r["date"] or "") for r in rows], reverse=True)')" yes "ls is newest first"

run R ls
is "$RUN_STATUS" 0 "plain ls exits 0"
is "$(printf '%s\n' "$RUN_STDOUT" | wc -l | tr -d ' ')" 7 "plain ls prints one line per item"
like "$(printf '%s\n' "$RUN_STDOUT" | grep "Sparse Memory")" "^ *$paper 2026-03-0[18] paper +\* x2 +Sparse Memory Slots" \
	"a plain line holds id, date, kind, star, mentions and title"
like "$(printf '%s\n' "$RUN_STDOUT" | grep "稀疏")" "^ *$cjk_paper 2026-03-01 paper +稀疏注意力的长文本新进展$" "CJK titles print whole"
run env COLUMNS=30 "$RADAR" ls
is "$(printf '%s\n' "$RUN_STDOUT" | awk 'length($0) > 200' | wc -l | tr -d ' ')" 0 "output to a pipe is not truncated (nor garbled) by COLUMNS"
run R ls knd:extra
is "$RUN_STATUS" 2 "ls with a bad query is a usage error"

# ---------------------------------------------------------------- show
run R show "$agent" --width 60
is "$RUN_STATUS" 0 "show ID exits 0"
like "$RUN_STDOUT" "example-lab/tiny-agent" "show prints the title"
like "$RUN_STDOUT" "\[1\].*https://github\.com/example-lab/tiny-agent" "show numbers the links"
is "$(printf '%s\n' "$RUN_STDOUT" | "$PYTHON3" -c 'import sys, unicodedata
print(max(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l.rstrip("\n")) for l in sys.stdin))' | awk '{ print ($1 <= 60) ? "yes" : "no" }')" \
	yes "show --width 60 keeps lines within 60 columns"
run R show "$paper"
like "$RUN_STDOUT" "Sparse Memory Slots" "show works without --width (80 columns)"
run R show 999999
is "$RUN_STATUS" 1 "show with an unknown ID exits 1"
is "$RUN_STDERR" "radar: no item 999999" "... with one line on stderr"
for bad in "" "abc" "0" "1 2" "$agent --width 0" "$agent --width x"; do
	# shellcheck disable=SC2086
	run R show $bad
	is "$RUN_STATUS" 2 "show $bad is a usage error"
done

# A headline bullet that is one short sentence and a credit: the sentence
# is the title whole, so the summary stays empty (it would only repeat it),
# and the article shows the text, with the credit among the links.
cat >"$TEST_TMP/headline.md" <<'EOF'
# 快讯 2026-03-02

## 1. 模型与工具

- 一家芯片公司推出面向边缘设备的推理加速卡，功耗只有十瓦。 [消息来源](https://x.com/chipco/status/3001)
EOF
run R --db "$TEST_TMP/headline.db" import "$TEST_TMP/headline.md"
run R --db "$TEST_TMP/headline.db" ls --json
cp "$RUN_OUT" "$TEST_TMP/headline.jsonl"
is "$(jsonl "$TEST_TMP/headline.jsonl" '[(r["kind"], r["title"]) for r in rows]')" \
	"[('tweet', '一家芯片公司推出面向边缘设备的推理加速卡，功耗只有十瓦。')]" "a one-sentence headline is a tweet titled by its sentence"
run R parse "$TEST_TMP/headline.md"
cp "$RUN_OUT" "$TEST_TMP/headline-parse.jsonl"
is "$(jsonl "$TEST_TMP/headline-parse.jsonl" '[r["summary"] for r in rows]')" "[None]" \
	"... with no summary to repeat it"
run R --db "$TEST_TMP/headline.db" show "$(jsonl "$TEST_TMP/headline.jsonl" 'rows[0]["id"]')" --width 80
is "$(printf '%s\n' "$RUN_STDOUT" | sed 1d | grep -c '一家芯片公司推出面向边缘设备的推理加速卡')" 1 \
	"show (the article) prints its text below the title"
like "$RUN_STDOUT" "https://x\.com/chipco/status/3001" "... and the credit among its links"

# ---------------------------------------------------------------- digests
run R digests --json
cp "$RUN_OUT" "$TEST_TMP/digests.jsonl"
is "$(jsonl "$TEST_TMP/digests.jsonl" 'sorted((r["date"][:10], r["items"], r["source"]) for r in rows)')" \
	"[('2026-03-01', 6, 'digests'), ('2026-03-08', 2, 'digests')]" "digests --json lists each digest with its item count"
run R digests
is "$(printf '%s\n' "$RUN_STDOUT" | grep -c 'Fixture Weekly')" 2 "plain digests shows the titles"
digest_id=$(jsonl "$TEST_TMP/digests.jsonl" '[r["id"] for r in rows if r["date"].startswith("2026-03-08")][0]')
run R show --digest "$digest_id" --width 70
is "$RUN_STATUS" 0 "show --digest ID exits 0"
like "$RUN_STDOUT" "A thread on tiny agents" "show --digest renders the whole digest"
like "$RUN_STDOUT" "https://x\.com/someone_ml/status/2059310027465881602" "... with its links"
run R show --digest 999999
is "$RUN_STATUS" 1 "show --digest with an unknown ID exits 1"

# ---------------------------------------------------------------- cache location
run R --db "$TEST_TMP/other.db" import "$digests/week-2026-03-08.md"
is "$RUN_STATUS" 0 "--db PATH: import exits 0"
ok "--db PATH creates that cache" test -f "$TEST_TMP/other.db"
run R --db "$TEST_TMP/other.db" ls --json
is "$(jsonl "$RUN_OUT" 'sorted((r["key"], r["source"]) for r in rows)')" \
	"[('arxiv:2603.01234', 'local'), ('x:2059310027465881602', 'local')]" "--db PATH: ls reads that cache; a file given directly is under 'local'"
run env RADAR_DB="$TEST_TMP/other.db" "$RADAR" ls --json
is "$(jsonl "$RUN_OUT" 'len(rows)')" 2 "RADAR_DB is honoured"
run env RADAR_DB="$TEST_TMP/other.db" "$RADAR" --db "$XDG_DATA_HOME/radar/radar.db" ls --json
is "$(jsonl "$RUN_OUT" 'len(rows)')" 7 "--db wins over RADAR_DB"
run env XDG_DATA_HOME="$TEST_TMP/xdg" "$RADAR" import "$digests/week-2026-03-08.md"
ok "XDG_DATA_HOME decides the default cache" test -f "$TEST_TMP/xdg/radar/radar.db"
run env -u XDG_DATA_HOME "$RADAR" ls --json
is "$(jsonl "$RUN_OUT" 'len(rows)')" 7 "without XDG_DATA_HOME the cache is ~/.local/share/radar/radar.db"

# ---------------------------------------------------------------- help, errors, no command
run R --help
is "$RUN_STATUS" 0 "--help exits 0"
missing=
for command in parse import ls show digests star unstar read unread; do
	printf '%s\n' "$RUN_STDOUT" | grep -Eq "^  $command( |$)" || missing="$missing $command"
done
is "$missing" "" "--help lists every sub-command"
run R ls --help
is "$RUN_STATUS:$(printf '%s\n' "$RUN_STDOUT" | grep -c -- '--limit')" "0:1" "ls --help describes ls's options"
run R --version
like "$RUN_STATUS:$RUN_STDOUT" "^0:radar [0-9]+\.[0-9]+" "--version"
run R frobnicate
is "$RUN_STATUS" 2 "an unknown command exits 2"
is "$RUN_STDERR" "radar: unknown command 'frobnicate'
Try 'radar --help'." "... with a message and a hint"
run R --frobnicate
is "$RUN_STATUS" 2 "an unknown option exits 2"
like "$RUN_STDERR" "Try 'radar --help'" "... with a hint"
run R ls --frobnicate
is "$RUN_STATUS" 2 "an unknown ls option exits 2"
run R --db
is "$RUN_STATUS" 2 "--db without a value exits 2"
run R
is "$RUN_STATUS" 0 "no command exits 0"
like "$RUN_STDOUT" "radar show ID" "... and explains the command line"
run R --db "$TEST_TMP/empty.db"
is "$RUN_STATUS" 0 "no command on an empty cache exits 0"
like "$RUN_STDOUT" "radar --demo ls" "... and suggests the demo"
ok "... without creating a cache" test ! -e "$TEST_TMP/empty.db"
run R --db "$TEST_TMP/no-dir/sub/x.db" ls
is "$RUN_STATUS" 1 "ls on a missing cache path is an error (tests/cache-file.sh has the rest)"
ok "... that creates nothing" test ! -e "$TEST_TMP/no-dir"
run R --db "$TEST_TMP" ls
is "$RUN_STATUS" 1 "a cache path that is a directory is an error"
like "$RUN_STDERR" "^radar: " "... with a one-line message"

# ---------------------------------------------------------------- demo
mkdir -p "$TEST_TMP/tmp"
run env TMPDIR="$TEST_TMP/tmp" "$RADAR" --demo ls --json
is "$RUN_STATUS" 0 "--demo ls exits 0"
is "$(jsonl "$RUN_OUT" 'len(rows) >= 20 and {r["source"] for r in rows} == {"demo"}')" yes "--demo ls lists the demo digests' items"
is "$(ls -A "$TEST_TMP/tmp")" "" "--demo removes its temporary cache at exit"
run env TMPDIR="$TEST_TMP/tmp" "$RADAR" --demo digests --json
is "$(jsonl "$RUN_OUT" 'len(rows)')" 3 "--demo digests lists the three demo digests"
run R --demo --db "$TEST_TMP/x.db" ls
is "$RUN_STATUS" 2 "--demo with --db is a usage error"

# A --config that cannot be read is the user's mistake: an error, not a
# silent run without it (a missing DEFAULT config is an empty one).
for command in ls "show 1" sources refresh; do
	# shellcheck disable=SC2086
	run R --config "$TEST_TMP/no-such.conf" $command
	is "$RUN_STATUS" 1 "--config naming a missing file: $command exits 1"
	like "$RUN_STDERR" 'no-such\.conf: No such file or directory' "... naming the file ($command)"
done

done_testing
