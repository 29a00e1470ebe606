#!/bin/sh
# The query language on the command line: `radar ls QUERY...` and
# `radar export QUERY...` over tests/fixtures/query (fields, negations as
# words after the options, the shell's eaten quotes of tag:"Claude Code",
# phrases, Chinese, the old options combined with a query), --search
# QUERY read as the query language too, bad queries
# (exit 2, a message naming the term, in Chinese under zh_CN), and
# `radar show --highlight QUERY`.
. "${top_srcdir:-.}/tests/lib.sh"
LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC TERM=dumb
export LANG LC_ALL TZ TERM

R() { "$RADAR" --db "$TEST_TMP/q.db" "$@"; }
run R import "$top_srcdir/tests/fixtures/query"
is "$RUN_STATUS" 0 "the fixture imports" || bail_out "$RUN_STDERR"
R read 2 >/dev/null
R star 3 >/dev/null

# ids QUERY...: the ids `radar ls` prints, one line.
ids() {
	run R ls "$@"
	[ "$RUN_STATUS" = 0 ] || { echo "status $RUN_STATUS: $RUN_STDERR"; return; }
	printf '%s\n' "$RUN_STDOUT" | awk '{ print $1 }' | sort -n | tr '\n' ' ' | sed 's/ $//'
}
check() { # EXPECTED QUERY...
	expected=$1
	shift
	is "$(ids "$@")" "$expected" "ls $*"
}

check "1 2 3 4 5"
check "1 2 4" kind:paper
check "3 5" -kind:paper
check "3 5" --limit 10 -kind:paper
check "" tag:Agent tag:"Claude Code"
check "1 2 3" tag:Agent -tag:"Claude Code"
check "4 5" tag:"Claude Code" tag:"Claude Code"
check "4 5" 'tag:Claude Code'
check "4 5" 'tag:"Claude Code"'
check "1 2 3" -'tag:Claude Code'
check "1 2 3" tag:Agent
check "2" is:read
check "1 3 4 5" is:unread
check "3" is:starred
check "1 2 4 5" -is:starred
check "4 5" since:2026-03-05
check "1 2 3" before:2026-03-05
check "1 4 5" '"Claude Code"'
check "1 3 4 5" Claude code
check "1 5" plan
check "1" '"plan"'
check "5" plan -kind:paper --unread
check "5" --kind discussion plan
check "4" 模型
check "4" '大模型　推理'
check "1 2 3 5" -模型
check "2" survey retrieval
check "1 2 4" --search agent kind:paper
check "3" kind:project --starred
check "1 2 3 4 5" source:query
check "" source:nobody


# Bad queries: usage errors naming the term, nothing on stdout.
run R ls knd:paper
is "$RUN_STATUS" 2 "ls knd:paper exits 2"
like "$RUN_STDERR" "unknown field 'knd:' in 'knd:paper' — did you mean kind:\\?" "it names the term and the field meant"
is "$RUN_STDOUT" "" "and lists nothing"
run R ls since:soon
is "$RUN_STATUS" 2 "ls since:soon exits 2"
like "$RUN_STDERR" "since: wants 7d or YYYY-MM-DD, not 'soon'" "since: says what it wants"
run R ls kind:papr
like "$RUN_STDERR" "did you mean kind:paper\\?" "a mistyped kind gets a suggestion"
if locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\{0,1\}8$' && command -v msgfmt >/dev/null 2>&1; then
	mkdir -p "$TEST_TMP/locale/zh_CN/LC_MESSAGES"
	msgfmt -o "$TEST_TMP/locale/zh_CN/LC_MESSAGES/radar.mo" "$top_srcdir/po/zh_CN.po"
	run env RADAR_LOCALEDIR="$TEST_TMP/locale" LANGUAGE=zh_CN LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 \
		"$RADAR" --db "$TEST_TMP/q.db" ls knd:paper
	like "$RUN_STDERR" "“knd:paper”中的字段“knd:”未知" "the message is translated under zh_CN"
else
	skip "no zh_CN.UTF-8 locale or msgfmt"
fi
run R ls --bogus
is "$RUN_STATUS" 2 "an unknown --option is still an option error"
like "$RUN_STDERR" "bogus" "naming it"

# export takes the same query.
run R export --format csv kind:paper -is:read
is "$RUN_STATUS" 0 "export QUERY exits 0"
is "$(printf '%s\n' "$RUN_STDOUT" | tail -n +2 | cut -d, -f1 | sort -n | tr '\n' ' ')" "1 4 " \
	"export kind:paper -is:read exports what ls lists"
run R export -o "$TEST_TMP/x.csv" --format csv -kind:paper
is "$RUN_STATUS" 0 "export -o FILE with a negated term"
is "$(tail -n +2 "$TEST_TMP/x.csv" | cut -d, -f1 | sort -n | tr '\n' ' ')" "3 5 " "-o's value is no query term"
run R export --format csv knd:x
is "$RUN_STATUS" 2 "a bad query in export exits 2"

# --search QUERY is the query language, as the reader's / and :search
# read it: the same rows as the query given as words, fields and
# negations included; a bad one is the same usage error.
for q in 'kind:paper' '"Claude Code"' 'plan -kind:paper' 'tag:agent is:unread' '模型' \
	'since:2026-03-05 -source:nobody' 'agent* -survey'; do
	is "$(ids --search "$q")" "$(ids "$q")" "ls --search '$q' lists what ls '$q' does"
done
is "$(ids --search plan --kind discussion)" "5" "--search with the other options"
run R ls --search knd:x
is "$RUN_STATUS" 2 "a bad --search query is a usage error"
like "$RUN_STDERR" "unknown field 'knd:'" "... naming the term"

# show --highlight: the query's words in reverse video, only when asked
# for (--color always) or on a terminal, never into a pipe.
run R show 1 --width 70 --highlight '"call tools" plan -survey' --color always
is "$RUN_STATUS" 0 "show --highlight --color always"
like "$RUN_STDOUT" "$(printf '\033')\\[7mcall tools$(printf '\033')\\[27m" "the phrase in reverse video"
like "$RUN_STDOUT" "$(printf '\033')\\[7mplan$(printf '\033')\\[27mning" "a word where words begin with it"
unlike "$RUN_STDOUT" "$(printf '\033')\\[7msurvey" "a negated word is not highlighted"
# At 32 columns the excerpt wraps after "call": both parts are marked,
# not the list indent before "tools".
run R show 1 --width 32 --highlight '"call tools"' --color always
like "$RUN_STDOUT" "agents $(printf '\033')\\[7mcall$(printf '\033')\\[27m
  $(printf '\033')\\[7mtools$(printf '\033')\\[27m; Claude" "a phrase the wrap split: both lines in reverse video"
run R show 1 --width 70 --highlight plan
is "$RUN_STATUS" 0 "show --highlight into a pipe"
unlike "$RUN_STDOUT" "$(printf '\033')" "no escape code into a pipe"
like "$RUN_STDOUT" "Agents that plan with tools" "the text as without it"
run R show 1 --highlight knd:x
is "$RUN_STATUS" 2 "a bad --highlight query is a usage error"
like "$RUN_STDERR" "unknown field 'knd:'" "naming the term"
run R show 1 --highlight plan --color sometimes
is "$RUN_STATUS" 2 "--color takes auto, always or never"

# tag: folds ASCII case, over the digests' tags (Agent in the front
# matter) and the user's own; Chinese tags compare as they are.
R tag 4 agent 模型 >/dev/null
R tag 5 AGENT >/dev/null
check "1 2 3 4 5" tag:agent
check "1 2 3 4 5" tag:AGENT
check "4" tag:Agent tag:"claude CODE" kind:paper --unread
check "" -tag:aGeNt
check "4" tag:模型
check "" tag:模
run R export --format csv tag:agent
is "$(printf '%s\n' "$RUN_STDOUT" | tail -n +2 | cut -d, -f1 | sort -n | tr '\n' ' ')" "1 2 3 4 5 " \
	"export tag:agent exports what ls lists"

done_testing
