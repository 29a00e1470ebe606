#!/bin/sh
# The user's own tags (issue 12): `radar tag`/`untag`, kept through
# reindex and through re-importing a changed digest (even one that drops
# the item), found by --tag, shown by `show` with + and exported (JSON,
# CSV, BibTeX keywords, Markdown --group tag); bad tags and ids refused.
. "${top_srcdir:-.}/tests/lib.sh"
LC_ALL=C.UTF-8 LANG=C.UTF-8 TZ=UTC TERM=dumb
export LC_ALL LANG TZ TERM

db=$TEST_TMP/tags.db
R() { "$RADAR" --db "$db" "$@"; }
mkdir -p "$TEST_TMP/d"
cat >"$TEST_TMP/d/day.md" <<'EOF2'
# Day 2026-05-01

- [Owl: tracing for agents](https://github.com/owl/tracer): a tracer. #Agents
- [Paper on memory](https://arxiv.org/abs/2605.00001): long memory for models.
EOF2
R import "$TEST_TMP/d" >/dev/null
id() { R ls --json | grep "\"$1\"" | sed 's/.*"id":\([0-9]*\).*/\1/'; }
owl=$(id github:owl/tracer)
paper=$(id arxiv:2605.00001)

run R tag "$owl" to-read mine
is "$RUN_STATUS" 0 "tag ID TAG TAG exits 0"
run R tag "$owl" mine
is "$RUN_STATUS" 0 "tagging twice with the same tag is fine"
R tag "$paper" mine
is "$(R ls --tag to-read | wc -l | tr -d ' ')" 1 "--tag finds a user tag"
is "$(R ls --tag mine | wc -l | tr -d ' ')" 2 "... on every item that has it"
like "$(R show "$owl")" '\+mine \+to-read' "show marks the user's tags with +"

R reindex >/dev/null
is "$(R ls --tag to-read | wc -l | tr -d ' ')" 1 "the tag survives reindex"

# A changed digest that no longer mentions the tagged item.
cat >"$TEST_TMP/d/day.md" <<'EOF2'
# Day 2026-05-01

- [Paper on memory, revised](https://arxiv.org/abs/2605.00001): long memory for models, v2.
EOF2
R import "$TEST_TMP/d" >/dev/null
is "$(R ls --tag mine | wc -l | tr -d ' ')" 2 "re-importing a changed digest keeps the tags (and the item it dropped)"
like "$(R show "$paper")" '\+mine' "the re-imported item still has its tag"

run R untag "$owl" to-read
is "$RUN_STATUS" 0 "untag exits 0"
is "$(R ls --tag to-read | wc -l | tr -d ' ')" 0 "untag removes it"
run R untag "$owl" never-had
is "$RUN_STATUS" 0 "removing a tag the item does not have changes nothing"

run R tag 999 x
is "$RUN_STATUS" 1 "an unknown item is an error"
like "$RUN_STDERR" "no item 999" "... naming it"
run R tag "$owl" "two words"
is "$RUN_STATUS" 2 "a tag with a blank is a usage error"
run R tag "$owl"
is "$RUN_STATUS" 2 "tag without a tag is a usage error"

# Exports
like "$(R export --format json)" '"user_tags":\["mine"\]' "JSON has user_tags"
like "$(R export --format csv | head -1)" 'tags,user_tags,' "CSV has a user_tags column"
like "$(R export --format bibtex)" 'keywords += \{mine\}' "BibTeX keywords are the user's tags"
md=$(R export --format markdown --group tag)
like "$md" '^## mine$' "Markdown --group tag: a section per user tag"
like "$md" 'Your tags: mine' "... listing the item's tags"
run R export --format markdown --group colour
is "$RUN_STATUS" 2 "--group takes kind or tag only"
done_testing
