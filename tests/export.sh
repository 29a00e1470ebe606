#!/bin/sh
# radar export: golden files for markdown, bibtex, json and csv over
# tests/fixtures/export (special characters & % { } $ # _ ~ ^ \, Chinese
# titles and authors, a formula-like title), the same output twice, ls's
# filters, -o FILE, bad formats; the BibTeX read back by two real parsers,
# python3-bibtexparser and bibtex itself (texlive-binaries, with the
# test's own style tests/fixtures/bibtex/fields.bst), also over titles
# with a lone } or { (unescaped, they would end or swallow the entry).
# --regenerate rewrites the golden files.
. "${top_srcdir:-.}/tests/lib.sh"
LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC TERM=dumb
export LANG LC_ALL TZ TERM
REGENERATE=
[ "${1:-}" = "--regenerate" ] && REGENERATE=1

fixtures=$top_srcdir/tests/fixtures/export
R() { "$RADAR" --db "$TEST_TMP/e.db" "$@"; }
cp -r "$fixtures" "$TEST_TMP/digests"
rm -f "$TEST_TMP/digests"/expected.*
run R import "$TEST_TMP/digests"
is "$RUN_STATUS" 0 "the fixture imports" || bail_out "$RUN_STDERR"
R star 1 >/dev/null
R tag 1 reading-list >/dev/null

# golden FORMAT EXT: export, with what depends on the run (first_seen, the
# temporary path) replaced, against tests/fixtures/export/expected.EXT.
golden() {
	run R export --format "$1"
	is "$RUN_STATUS" 0 "export --format $1 exits 0"
	printf '%s\n' "$RUN_STDOUT" | sed -e 's/"first_seen":"[^"]*"/"first_seen":"T"/g' \
		-e "s|$TEST_TMP|TMP|g" >"$TEST_TMP/got.$2"
	if [ -n "$REGENERATE" ]; then
		cp "$TEST_TMP/got.$2" "$fixtures/expected.$2"
		pass "export --format $1 (regenerated expected.$2)"
	elif cmp -s "$TEST_TMP/got.$2" "$fixtures/expected.$2"; then
		pass "export --format $1 matches expected.$2"
	else
		not_ok "export --format $1 matches expected.$2" "$(diff "$fixtures/expected.$2" "$TEST_TMP/got.$2" | head -20)"
	fi
	cp "$RUN_OUT" "$TEST_TMP/first.$2"
	run R export --format "$1"
	ok "export --format $1 twice gives the same bytes" cmp -s "$RUN_OUT" "$TEST_TMP/first.$2"
}
golden markdown md
golden bibtex bib
golden json json
golden csv csv

run R export --format bibtex -o "$TEST_TMP/out.bib"
is "$RUN_STATUS$RUN_STDOUT" 0 "-o FILE writes the file and nothing on stdout"
ok "... the same as standard output" cmp -s "$TEST_TMP/out.bib" "$TEST_TMP/first.bib"

run R export --format csv --kind paper
is "$(printf '%s\n' "$RUN_STDOUT" | tr -d '\r' | cut -d, -f3 | sort -u | tr '\n' ' ')" "kind paper " "ls's --kind filters the export"
run R export --format csv --starred
is "$(printf '%s\n' "$RUN_STDOUT" | tr -d '\r' | sed 1d | cut -d, -f2)" "arxiv:2603.11111" "... and --starred"
run R export --format yaml
is "$RUN_STATUS" 2 "an unknown format is a usage error"
like "$RUN_STDERR" "yaml" "... naming it"
run R export
is "$RUN_STATUS" 2 "--format is required"
run R export --format json -o "$TEST_TMP/no/such/dir/x.json"
is "$RUN_STATUS" 1 "an output file that cannot be written is an error"

# The JSON parses and holds every stored field.
if command -v "$PYTHON3" >/dev/null 2>&1; then
	is "$("$PYTHON3" -c 'import json,sys; d=json.load(open(sys.argv[1])); r=[x for x in d if x["key"]=="arxiv:2603.11111"][0]; print(len(d), r["starred"], r["authors"], r["tags"][:2], r["mentions"][0]["digest_title"], r["links"][0]["kind"])' "$TEST_TMP/first.json")" \
		"4 True Ada Lovelace, Alan Turing ['Efficiency', 'Attention'] Export Weekly 2026-03-08 paper" \
		"the JSON is valid and holds authors, tags, mentions and links"
else
	skip "python3 not found"
fi

# The BibTeX, read by a real parser.
parser=
for py in "$PYTHON3" /usr/bin/python3; do
	if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import bibtexparser' 2>/dev/null; then
		parser=$py
		break
	fi
done
if [ -n "$parser" ]; then
	run "$parser" - "$TEST_TMP/first.bib" <<'PY'
import re, sys
import bibtexparser
from bibtexparser.bparser import BibTexParser
text = open(sys.argv[1], encoding="utf-8").read()
parser = BibTexParser(common_strings=False, ignore_nonstandard_types=False)
db = bibtexparser.loads(text, parser)
def plain(v):
    v = re.sub(r"\\textasciitilde\{\}", "~", v)
    v = re.sub(r"\\textasciicircum\{\}", "^", v)
    v = re.sub(r"\\textbackslash\{\}", "\\\\", v)
    v = re.sub(r"\\textbraceleft\{\}", "{", v)
    v = re.sub(r"\\textbraceright\{\}", "}", v)
    v = re.sub(r"\\([&%$#_{}])", r"\1", v)
    return v.strip("{}") if v.startswith("{") and v.endswith("}") else v
for e in sorted(db.entries, key=lambda e: e["ID"]):
    print(e["ENTRYTYPE"], e["ID"], plain(e["title"]), e.get("author", "-"), e.get("eprint", "-"),
          e.get("archiveprefix", "-"), e.get("year", "-"))
print(len(db.entries), "entries;", "braces balanced" if text.count("{") - text.count("\\{") == text.count("}") - text.count("\\}") else "UNBALANCED")
PY
	is "$RUN_STATUS" 0 "bibtexparser reads the export" || diag "$RUN_STDERR"
	like "$RUN_STDOUT" '^misc arXiv:2603.11111 Tokens & Costs: 50% Cheaper \{Sparse\} Attention Ada Lovelace and Alan Turing 2603.11111 arXiv 2026$' \
		"an arXiv paper is @misc with eprint, archivePrefix, authors joined by 'and'; & % { } survive"
	like "$RUN_STDOUT" '^misc arXiv:2603.22222 大模型的长上下文记忆 张三 and 李四 2603.22222 arXiv 2026$' \
		"a Chinese title and Chinese authors survive"
	like "$RUN_STDOUT" '^online github:example-lab-tiny-agent tiny-agent - - - 2026$' "a project is @online"
	like "$RUN_STDOUT" '^4 entries; braces balanced$' "every item is an entry"
else
	skip "python3-bibtexparser not installed (tools/install-deps installs it)" 5
fi

# Titles with one brace alone, in a cache of their own (the golden files
# stay as they are): escaped, each entry is read whole.  Their primary
# classes: the first category of the paper's own text (cs.CL, not cs.AI),
# else its section's heading (stat.ML); "cs", "math" and a listing URL's
# cs.LG are no category.
mkdir -p "$TEST_TMP/lone"
cat >"$TEST_TMP/lone/braces.md" <<'DIGEST'
---
title: Brace Weekly 2026-03-09
date: 2026-03-09
---

# Brace Weekly 2026-03-09

## Language

### [Closing } alone](https://arxiv.org/abs/2603.44444)

*Grace Hopper*

**Main category:** cs.CL (also cs.AI); a cs course in math.

## stat.ML

### [Opening { alone](https://arxiv.org/abs/2603.55555)

*Edsger Dijkstra*

A math and cs paper, see arxiv.org/list/cs.LG.
DIGEST
"$RADAR" --db "$TEST_TMP/lone.db" import "$TEST_TMP/lone" >/dev/null
"$RADAR" --db "$TEST_TMP/lone.db" export --format bibtex -o "$TEST_TMP/lone.bib"
like "$(cat "$TEST_TMP/lone.bib")" 'Closing \\textbraceright\{\} alone' "a lone } is written \\textbraceright{}"

if [ -n "$parser" ]; then
	is "$("$parser" - "$TEST_TMP/lone.bib" <<'PY'
import sys
import bibtexparser
from bibtexparser.bparser import BibTexParser
db = bibtexparser.loads(open(sys.argv[1], encoding="utf-8").read(),
                        BibTexParser(common_strings=False, ignore_nonstandard_types=False))
for e in sorted(db.entries, key=lambda e: e["ID"]):
    print(e["ID"], e["title"], e.get("author", "-"), e.get("year", "-"), e.get("eprint", "-"), end=";")
PY
)" 'arXiv:2603.44444 {Closing \textbraceright{} alone} Grace Hopper 2026 2603.44444;arXiv:2603.55555 {Opening \textbraceleft{} alone} Edsger Dijkstra 2026 2603.55555;' \
		"bibtexparser reads each lone-brace entry whole (year and eprint after the title)"
else
	skip "python3-bibtexparser not installed (tools/install-deps installs it)"
fi

# bibtex_read BIB: what bibtex read of it (fields.bst), an entry a line,
# into $BIBTEX_READ; $BIBTEX_STATUS is bibtex's exit status (0: no
# warning, no error) and $TEST_TMP/bibtex/out.txt what it said.
bibtex_read() {
	rm -rf "$TEST_TMP/bibtex"
	mkdir -p "$TEST_TMP/bibtex"
	cp "$1" "$TEST_TMP/bibtex/in.bib"
	cp "$top_srcdir/tests/fixtures/bibtex/fields.bst" "$TEST_TMP/bibtex/"
	printf '\\citation{*}\n\\bibstyle{fields}\n\\bibdata{in}\n' >"$TEST_TMP/bibtex/t.aux"
	(cd "$TEST_TMP/bibtex" && BSTINPUTS=. BIBINPUTS=. bibtex -terse t >out.txt 2>&1)
	BIBTEX_STATUS=$?
	# write$ breaks lines over 79 columns at a space, as newline + 2 spaces.
	BIBTEX_READ=$(sed -e ':a' -e 'N' -e '$!ba' -e 's/\n  / /g' "$TEST_TMP/bibtex/t.bbl" | sed '/^$/d')
}
if command -v bibtex >/dev/null 2>&1; then
	bibtex_read "$TEST_TMP/first.bib"
	is "$BIBTEX_STATUS" 0 "bibtex reads the export without a warning or an error" ||
		diag "$(cat "$TEST_TMP/bibtex/out.txt")"
	is "$BIBTEX_READ" 'online url:https:--example.com-formula|{=SUM(A1)}|-|2026|-|-|-|https://example.com/formula|-
online github:example-lab-tiny-agent|{tiny-agent}|-|2026|-|-|-|https://github.com/example-lab/tiny-agent|-
misc arXiv:2603.22222|{大模型的长上下文记忆}|张三 and 李四|2026|2603.22222|arXiv|-|https://arxiv.org/abs/2603.22222|-
misc arXiv:2603.11111|{Tokens \& Costs: 50\% Cheaper \textbraceleft{}Sparse\textbraceright{} Attention}|Ada Lovelace and Alan Turing|2026|2603.11111|arXiv|-|https://arxiv.org/abs/2603.11111|reading-list' \
		"bibtex reads every entry and field: & % { } escaped, Chinese title and authors, keywords"
	bibtex_read "$TEST_TMP/lone.bib"
	is "$BIBTEX_STATUS" 0 "bibtex reads the lone-brace export without a warning or an error" ||
		diag "$(cat "$TEST_TMP/bibtex/out.txt")"
	is "$BIBTEX_READ" 'misc arXiv:2603.55555|{Opening \textbraceleft{} alone}|Edsger Dijkstra|2026|2603.55555|arXiv|stat.ML|https://arxiv.org/abs/2603.55555|-
misc arXiv:2603.44444|{Closing \textbraceright{} alone}|Grace Hopper|2026|2603.44444|arXiv|cs.CL|https://arxiv.org/abs/2603.44444|-' \
		"bibtex reads each lone-brace entry whole, primaryClass from the text or else the section"
else
	skip "bibtex not installed (texlive-binaries; tools/install-deps installs it)" 4
fi

# Real digests: the whole export of ../shared/digests is read by bibtex
# without a warning or an error, an entry for every item; the arXiv
# digest's papers (each "Main category: cs.CL") are primaryClass cs.CL.
if command -v bibtex >/dev/null 2>&1 && [ -d "$SHARED_DIR/digests" ]; then
	"$RADAR" --db "$TEST_TMP/shared.db" import "$SHARED_DIR/digests" >/dev/null 2>&1
	"$RADAR" --db "$TEST_TMP/shared.db" export --format bibtex -o "$TEST_TMP/shared.bib"
	bibtex_read "$TEST_TMP/shared.bib"
	is "$BIBTEX_STATUS" 0 "bibtex reads the shared digests' export without a warning or an error" ||
		diag "$(head -n 20 "$TEST_TMP/bibtex/out.txt")"
	is "$(printf '%s\n' "$BIBTEX_READ" | wc -l | tr -d ' ')" \
		"$("$RADAR" --db "$TEST_TMP/shared.db" ls | wc -l | tr -d ' ')" "... an entry for every item ls lists"
	is "$(grep -o 'primaryClass *= {[^}]*}' "$TEST_TMP/shared.bib" | sort | uniq -c | tr -s ' ')" " 19 primaryClass = {cs.CL}" \
		"the arXiv digest's 19 papers are primaryClass cs.CL, and nothing else has one"
else
	skip "bibtex or ../shared/digests missing" 3
fi

done_testing
