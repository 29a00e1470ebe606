#!/bin/sh
# The query language in the reader (tmux, see tests/tmux.sh): saved views
# (`view NAME QUERY` in the config) under Views in the tag pane with their
# unread counts, :view NAME (completed by Tab, and a did-you-mean), a bad view reported as
# FILE:LINE, / inside a view (the view's filter AND the query; q goes
# back), a phrase search, the query highlighted in the article, and
# :search agreeing with `radar ls QUERY` on
# several queries (one code path).
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"
LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC TERM=dumb
export LANG LC_ALL TZ TERM
screen_setup radar-query "${1:-}"
run "$RADAR" --db "$DB" import "$top_srcdir/tests/fixtures/query"
is "$RUN_STATUS" 0 "the query fixture imports too" || bail_out "$RUN_STDERR"
mkdir -p "$XDG_CONFIG_HOME/radar"
cat >"$XDG_CONFIG_HOME/radar/config" <<'CONFIG'
view agents tag:Agent -kind:project
view claude tag:"Claude Code"
view 论文 kind:paper 模型
view broken knd:paper
CONFIG
# One of the agents view's two items is read: its count is 1.
"$RADAR" --db "$DB" read "$("$RADAR" --db "$DB" ls tag:Agent -kind:project | awk 'NR == 1 { print $1 }')" >/dev/null

start 160 48 "$DB"
capture >"$TEST_TMP/first.txt"
like "$(grep -o '^  agents *[0-9]*' "$TEST_TMP/first.txt" | head -1)" '^  agents +1$' "the agents view: 1 unread"
like "$(grep -o '^  claude *[0-9]*' "$TEST_TMP/first.txt" | head -1)" '^  claude +2$' "the claude view: 2 unread"
unlike "$(cut -c1-24 "$TEST_TMP/first.txt" | head -n 46)" 'broken' "a view with a bad query is not listed"
like "$(cat "$TEST_TMP/stderr") $(tail -n 1 "$TEST_TMP/first.txt")" "config:4|problem" \
	"the bad view is reported"
keys j
keys k
screen 160x48-views "saved views under Views, with their unread counts"

literal ':view agnets'
keys Enter
like "$(status_line 48)" '^ All ' "an unknown view leaves the view alone"
like "$(capture | tail -n 1)" "no view 'agnets' \\(did you mean 'agents'\\?\\)" ":view with a typo: did you mean"
literal ':vie'
keys Tab
like "$(capture | tail -n 1)" '^:view$' "Tab completes a command's name (and a space after it)"
literal 'ag'
keys Tab
like "$(capture | tail -n 1)" '^:view agents$' "Tab completes a view's name"
keys Enter
like "$(status_line 48)" '^ All > agents  1/2 ' ":view agents opens it"
literal '/plan'
keys Enter
like "$(status_line 48)" '^ All > agents > /plan  1/1 ' "/ inside a view: the view's filter AND the query"
like "$(capture)" 'Agents that plan with tools' "... its one item"
literal '/survey'
keys Enter
like "$(status_line 48)" '^ All > agents > /survey  1/1 ' "a second / replaces the first, still inside the view"
keys q
like "$(status_line 48)" '^ All > agents  ' "q leaves the search for the view"
keys q
like "$(status_line 48)" '^ All  ' "q again: All"

literal ':messages'
keys Enter
like "$(capture)" "config:4: view broken: unknown field 'knd:' in 'knd:paper'" \
	":messages has the bad view as FILE:LINE: message"
keys q

# Phrase search, and :search against radar ls: the same rows.
agree() { # QUERY
	want=$("$RADAR" --db "$DB" ls "$1" | wc -l | tr -d ' ')
	literal ":search $1"
	keys Enter
	got=$(status_line 48 | sed -n 's/.*  [0-9]*\/\([0-9]*\)  .*/\1/p')
	[ "$want" = 0 ] && got=$(status_line 48 | sed -n 's/.*  \(0\)\/0  .*/\1/p')
	is "$got" "$want" ":search $1: as many rows as radar ls"
	missing=
	for title in $("$RADAR" --db "$DB" ls "$1" | awk '{ print $NF }'); do
		capture | grep -qF -- "$title" || missing="$missing $title"
	done
	is "$missing" "" ":search $1: the rows radar ls lists"
}
agree '"Claude Code"'
like "$(status_line 48)" 'search: "Claude Code"  1/3 ' "a phrase search: the phrase, not the two words"
agree 'kind:paper -tag:Agent'
agree 'plan -kind:paper'
agree 'is:unread 模型'
agree 'since:2026-03-05 -source:nobody'
screen 160x48-phrase "the phrase search's screen"

# Highlight: the query's words in the article, in search-match (the default
# theme: black on colour 179), and nothing else in that colour.
literal ':search "call tools" harness'
keys Enter
capture_colours >"$TEST_TMP/colours.txt"
matched=$(grep -o '48;5;179m[^[]*' "$TEST_TMP/colours.txt" | sed 's/^48;5;179m//' | tr -d '\033' | tr '\n' '|')
is "$matched" 'call tools|harness|' \
	"the phrase and the word are highlighted in the article ($matched)"
literal ':search 模型'
keys Enter
keys j
capture_colours >"$TEST_TMP/colours.txt"
like "$(grep -o '48;5;179m[^[]*' "$TEST_TMP/colours.txt" | head -1)" '48;5;179m模型' \
	"a Chinese word is highlighted"
literal ':all'
keys Enter
capture_colours >"$TEST_TMP/colours.txt"
is "$(grep -c '48;5;179m' "$TEST_TMP/colours.txt")" 0 "a view without a query highlights nothing"

tm send-keys -t radar q
done_testing
