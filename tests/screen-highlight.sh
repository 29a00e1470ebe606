#!/bin/sh
# A phrase the article pane wraps across two lines is highlighted on both
# (tmux, see tests/tmux.sh): on a narrow terminal the excerpt breaks
# "Claude Code" after "Claude", and both words are drawn in search-match
# (the default theme: background colour 179, read with capture-pane -e);
# a Chinese phrase broken between two characters likewise.  A phrase
# does not match across two blocks (a paragraph and the nested list after
# it), and the list indent of a continued line is not highlighted.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"
LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC TERM=dumb
export LANG LC_ALL TZ TERM
screen_setup radar-highlight "${1:-}"
db=$TEST_TMP/highlight.db
mkdir -p "$TEST_TMP/d" "$XDG_CONFIG_HOME/radar"
cat >"$TEST_TMP/d/wrap-2026-03-02.md" <<'DIGEST'
---
date: 2026-03-02
---
# Wrap test

- [A harness for agents](https://github.com/o/harness): this small harness lets Claude Code call tools from the terminal and keeps a log of every call it made.
DIGEST
cat >"$TEST_TMP/d/zh-2026-03-03.md" <<'DIGEST'
---
date: 2026-03-03
---
# 换行测试

- [中文换行](https://github.com/o/zh)：这个小工具让大语言模型直接调用终端里的工具，并记录每一次调用的结果。
- [Terminal notes](https://github.com/o/tn): the first line of this note ends with terminal
  - tools start the nested list, which says terminal tools once.
DIGEST
run "$RADAR" --db "$db" import "$TEST_TMP/d"
is "$RUN_STATUS" 0 "the wrap fixture imports" || bail_out "$RUN_STDERR"
printf 'set refresh-on-start no\n' >"$XDG_CONFIG_HOME/radar/config"

# The highlighted runs of the screen: the text after each background-179
# code, up to the next escape.
highlighted() { capture_colours | grep -o '48;5;179m[^[]*' | sed 's/^48;5;179m//' | tr -d '\033' | tr '\n' '|'; }

article() { # QUERY: the article of the one item :search QUERY finds
	start 33 20 "$db"
	literal ":search $1"
	keys Enter
	keys Enter
	capture >"$TEST_TMP/article.txt"
}

article '"Claude Code"'
like "$(cat "$TEST_TMP/article.txt")" 'lets Claude *
 *Code call' "the article wraps the phrase after Claude (the layout this test needs)"
is "$(highlighted)" 'Claude|Code|' "both parts of the wrapped phrase are in search-match, the list indent between them not"

article '大语言模型'
like "$(cat "$TEST_TMP/article.txt")" '让大语 *
 *言模型' "the article breaks 大语言模型 between two characters (the layout this test needs)"
is "$(highlighted)" '大语|言模型|' "both parts of the broken Chinese word are in search-match"

article '"terminal tools"'
like "$(cat "$TEST_TMP/article.txt")" 'ends with *
 *terminal *
 *\* tools start' "a paragraph ends with terminal and the nested list below starts with tools"
like "$(cat "$TEST_TMP/article.txt")" 'says terminal *
 *tools once' "... and the nested list's own terminal tools wraps too"
is "$(highlighted)" 'terminal|tools|' "the phrase is found where the wrap split it, not across the two blocks"
tm send-keys -t radar Q
done_testing
