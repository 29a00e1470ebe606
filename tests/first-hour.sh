#!/bin/sh
# What a new user sees in the first hour on the command line (issue 16):
# import summaries whose counters each count one thing, with plurals;
# digests that gave no item, named by `import` and marked by `digests`;
# `sources` wording; `show` keeping link lines whole, with OSC 8 hyperlinks
# only when asked for or on a terminal.
. "${top_srcdir:-.}/tests/lib.sh"
LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC TERM=xterm-256color
export LANG LC_ALL TZ TERM

R() { "$RADAR" --db "$TEST_TMP/c.db" "$@"; }

d=$TEST_TMP/d
mkdir -p "$d"
cat >"$d/a.md" <<'EOS'
# Daily A

- [Sparse Memory Slots](https://arxiv.org/abs/2603.01234): memory units for small models.
- [tiny-agent](https://github.com/example-lab/tiny-agent): a small agent loop.
EOS
cat >"$d/b.md" <<'EOS'
# Daily B

- [Sparse Memory Slots](https://arxiv.org/abs/2603.01234): seen again.
- [evalkit](https://github.com/example-lab/evalkit): runs the suite.
EOS
printf '# Index\n\nThe digests of this folder, one a day.\n' >"$d/README.md"

# ---------------------------------------------------------------- counters
run R import "$d"
is "$RUN_STDOUT" "imported 3 digests (0 unchanged): 3 new items, 0 updated, 0 errors
1 digest held no item: $d/README.md" \
	"two new files sharing a paper, into an empty cache: every item new, none updated; the README named"

echo '- [zed](https://github.com/example-lab/zed): another one.' >>"$d/a.md"
run R import "$d"
like "$RUN_STDOUT" "^imported 3 digests \(2 unchanged\): 1 new item, 0 updated, 0 errors$" \
	"one line appended to a digest: 1 new item, the others not updated"

sed 's/a small agent loop/a smaller agent loop/' "$d/a.md" >"$TEST_TMP/a.md" && cp "$TEST_TMP/a.md" "$d/a.md"
run R import "$d"
like "$RUN_STDOUT" "^imported 3 digests \(2 unchanged\): 0 new items, 1 updated, 0 errors$" \
	"a changed excerpt: that one item updated"

printf '# C\n\n- [Sparse](https://arxiv.org/abs/2603.01234): third.\n' >"$TEST_TMP/c.md"
run R import "$TEST_TMP/c.md"
like "$RUN_STDOUT" "^imported 1 digest \(0 unchanged\): 0 new items, 1 updated, 0 errors$" \
	"a new digest mentioning a known paper: 1 updated, singular digest"

run R digests
like "$RUN_STDOUT" "^ +[0-9]+ +0  d +\[no items\] Index$" "digests marks the digest with no item"
unlike "$RUN_STDOUT" "[1-9] +d +\[no items\]" "... and only that one"

run R sources
like "$RUN_STDOUT" "^  from 'radar import'; 1 item \(1 unread\) in 1 digest$" \
	"sources: singular item and digest, and no 'last success: never' for imports"
like "$RUN_STDOUT" "^  from 'radar import'; 4 items \(4 unread\) in 3 digests$" "... plural forms"

run R reindex
like "$RUN_STDOUT" "^re-extracted 0 digests \(4 already current\): 0 new items, 0 updated, 0 errors$" \
	"reindex's summary uses the same counters"

# ---------------------------------------------------------------- show: links whole, OSC 8
url='https://example.com/a/very/long/path/that/goes/on/and/on/forever/and/ever/index.html?x=1&y=2'
printf '# Long\n\n- [A long link](%s): kept whole.\n- [模型 link](https://example.com/模型/页): percent-encoded in the escape.\n' "$url" \
	>"$TEST_TMP/long.md"
run "$RADAR" --db "$TEST_TMP/l.db" import "$TEST_TMP/long.md"
run "$RADAR" --db "$TEST_TMP/l.db" show 1 --width 40
like "$RUN_STDOUT" "^\[1\] $(printf '%s' "$url" | sed 's/[.?&]/\\&/g')\$" \
	"show keeps a URL wider than --width on one line in its Links section"
unlike "$RUN_STDOUT" "$(printf '\033')" "... and writes no escape to a pipe (hyperlinks auto)"
printf 'set hyperlinks yes\n' >"$TEST_TMP/yes.conf"
run "$RADAR" --db "$TEST_TMP/l.db" --config "$TEST_TMP/yes.conf" show 1 --width 40
esc=$(printf '\033')
case $RUN_STDOUT in
*"[1] $esc]8;;$url$esc\\$url$esc]8;;$esc\\"*) pass "set hyperlinks yes: the link is an OSC 8 hyperlink, its URL printed too" ;;
*) not_ok "set hyperlinks yes: the link is an OSC 8 hyperlink, its URL printed too" "$(printf '%s' "$RUN_STDOUT" | grep '^\[1\]' | od -c | head -5)" ;;
esac
run "$RADAR" --db "$TEST_TMP/l.db" --config "$TEST_TMP/yes.conf" show --digest 1 --width 40
case $RUN_STDOUT in
*"$esc]8;;https://example.com/%E6%A8%A1%E5%9E%8B/%E9%A1%B5$esc\\https://example.com/模型/页$esc]8;;$esc\\"*)
	pass "... the URL inside the escape is percent-encoded, the one shown is not" ;;
*) not_ok "... the URL inside the escape is percent-encoded, the one shown is not" ;;
esac
printf 'set hyperlinks no\n' >"$TEST_TMP/no.conf"
run "$RADAR" --db "$TEST_TMP/l.db" --config "$TEST_TMP/no.conf" show 1
unlike "$RUN_STDOUT" "$esc" "set hyperlinks no: none"
printf 'set hyperlinks sometimes\n' >"$TEST_TMP/bad.conf"
run "$RADAR" --db "$TEST_TMP/l.db" --config "$TEST_TMP/bad.conf" show 1
like "$RUN_STDERR" "bad.conf:1: .*sometimes" "a bad hyperlinks value is a config error"

# The plurals in Chinese, from the catalogue as it would be installed.
if locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\{0,1\}8$' && command -v msgfmt >/dev/null 2>&1; then
	mkdir -p "$TEST_TMP/locale/zh_CN/LC_MESSAGES"
	msgfmt -o "$TEST_TMP/locale/zh_CN/LC_MESSAGES/radar.mo" "$top_srcdir/po/zh_CN.po"
	zh() { RADAR_LOCALEDIR=$TEST_TMP/locale LANGUAGE=zh_CN LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 R "$@"; }
	run zh import "$TEST_TMP/c.md"
	is "$RUN_STDOUT" "已导入 1 份简报（1 份未变）：0 个新条目，0 个已更新，0 个错误" "zh_CN: the import summary"
	run zh sources
	like "$RUN_STDOUT" "^  来自“radar import”；4 个条目（4 个未读），见于 3 份简报$" "zh_CN: sources"
	run zh digests
	like "$RUN_STDOUT" "\[无条目\] Index$" "zh_CN: the digest with no item"
else
	skip "no zh_CN.UTF-8 locale or msgfmt" 3
fi

done_testing
