#!/bin/sh
# Hot (issue 12): `ls --sort hot` ranks items by the sources (series of
# digests) of the last hot-days days that mention them, each adding
# N + (N - D) for its latest mention D days old (radar(5)); the count
# shown is those sources; older mentions count nothing; `set hot-days`
# widens the window; one daily repeating an item for five days does not
# outrank three publications that mentioned it once.  Digests are dated
# relative to today, so the test holds whatever day it runs.
. "${top_srcdir:-.}/tests/lib.sh"
LC_ALL=C.UTF-8 LANG=C.UTF-8 TZ=UTC TERM=dumb
export LC_ALL LANG TZ TERM
command -v date >/dev/null 2>&1 && date -d yesterday +%F >/dev/null 2>&1 || { echo "1..0 # SKIP no GNU date"; exit 0; }

db=$TEST_TMP/hot.db
R() { "$RADAR" --db "$db" "$@"; }
mkdir -p "$TEST_TMP/d"
digest() { # NAME DAYS-AGO URL...
	_name=$1 _day=$(date -d "$2 days ago" +%F)
	shift 2
	{
		printf -- '---\ndate: %s\n---\n# %s\n\n' "$_day" "$_name"
		for _u in "$@"; do printf -- '- [%s tool](https://github.com/o/%s): about %s.\n' "$_u" "$_u" "$_u"; done
	} >"$TEST_TMP/d/$_name.md"
}
digest today 0 alpha beta
digest yesterday 1 beta gamma
digest old 10 gamma delta alpha
digest older 12 delta
R import "$TEST_TMP/d" >/dev/null
order() { R "$@" ls --sort hot | awk '{ print $(NF - 1) }' | tr '\n' ' '; }
counts() { R "$@" ls --sort hot --json | sed 's/.*"title":"\([a-z]*\) tool".*"hot":\([0-9]*\).*/\1=\2/' | tr '\n' ' '; }

is "$(order)" "beta alpha gamma delta " "7 days: beta (14+13) before alpha (14) before gamma (13); delta, only older, last"
is "$(counts)" "beta=2 alpha=1 gamma=1 delta=0 " "the count is the window's sources: a mention 10 days ago counts nothing"
like "$(R ls --sort hot | head -n 1)" ' x2 +beta' "plain ls shows that count"
printf 'set hot-days 30\n' >"$TEST_TMP/config"
is "$(order --config "$TEST_TMP/config")" "beta alpha gamma delta " "30 days: beta 60+59, alpha 60+50, gamma 59+50, delta 50+48"
is "$(counts --config "$TEST_TMP/config")" "beta=2 alpha=2 gamma=2 delta=2 " "... and every older mention now counts"
printf 'set hot-days 1\n' >"$TEST_TMP/config1"
is "$(counts --config "$TEST_TMP/config1")" "beta=1 alpha=1 gamma=0 delta=0 " "1 day: today only (ties: newest, then the later item)"
printf 'set hot-days 0\n' >"$TEST_TMP/config0"
run R --config "$TEST_TMP/config0" ls --sort hot
like "$RUN_STDERR" 'hot-days' "hot-days 0 is refused, naming the option"

# Sources, not digests.  "daily" is one folder of one publication: five
# dailies (names differing only in their dates) repeat echo, today to four
# days ago, each with that day's words (so it is news, not boilerplate).
# Three other publications mentioned foxtrot once, four days ago.  By
# digests echo led (7+6+5+4+3 = 25 against 3 x 3); by sources foxtrot
# does (3 x (7+3) = 30 against 14).  Two more mentioned india six days
# ago: two sources outrank one, however recent (2 x (7+1) = 16 > 14).
db=$TEST_TMP/sources.db
mkdir -p "$TEST_TMP/daily" "$TEST_TMP/pubs"
words="rain snow wind fog sun"
for ago in 0 1 2 3 4; do
	_day=$(date -d "$ago days ago" +%F)
	_word=$(echo $words | cut -d' ' -f$((ago + 1)))
	printf -- '---\ndate: %s\n---\n# Daily %s\n\n- [echo tool](https://github.com/o/echo): %s brings echo a %s release.\n' \
		"$_day" "$_day" "$_word" "$_word" >"$TEST_TMP/daily/daily-$_day.md"
done
for pub in ant bee cat; do
	printf -- '---\ndate: %s\n---\n# %s weekly\n\n- [foxtrot tool](https://github.com/o/foxtrot): %s likes foxtrot.\n' \
		"$(date -d '4 days ago' +%F)" "$pub" "$pub" >"$TEST_TMP/pubs/$pub-weekly.md"
done
for pub in dog elk; do
	printf -- '---\ndate: %s\n---\n# %s weekly\n\n- [india tool](https://github.com/o/india): %s likes india.\n' \
		"$(date -d '6 days ago' +%F)" "$pub" "$pub" >"$TEST_TMP/pubs/$pub-weekly.md"
done
R import "$TEST_TMP/daily" >/dev/null
for pub in ant bee cat dog elk; do R import "$TEST_TMP/pubs/$pub-weekly.md" >/dev/null; done
is "$(R ls --json | grep -c 'echo tool')" 1 "the five dailies' echo is one item, listed (not boilerplate)"
is "$(order)" "foxtrot india echo " "three sources 4 days ago and two 6 days ago outrank one source's five dailies, the last today"
is "$(counts)" "foxtrot=3 india=2 echo=1 " "the count is sources: five digests of one series are one"
like "$(R ls --sort hot | head -n 1)" ' x3 +foxtrot' "plain ls shows foxtrot's three sources"
# The series of the imported files ("local") is the file name without its
# digits: two dailies imported one by one are one source as well.
mkdir -p "$TEST_TMP/loose"
for ago in 0 1; do
	_day=$(date -d "$ago days ago" +%F)
	printf -- '---\ndate: %s\n---\n# Loose %s\n\n- [golf tool](https://github.com/o/golf): golf on day %s.\n' \
		"$_day" "$_day" "$(echo $words | cut -d' ' -f$((ago + 1)))" >"$TEST_TMP/loose/loose-$_day.md"
	R import "$TEST_TMP/loose/loose-$_day.md" >/dev/null
done
is "$(counts | tr ' ' '\n' | grep golf)" "golf=1" "two dailies of one name imported one by one are one source"

# The Hot entry's count finds an item by its latest mention's date
# (items.last_mentioned, schema 14), which the writer keeps as digests come,
# change their dates and go: the first cache's "today" re-published as 20
# days old leaves beta only yesterday's mention and alpha none in the window.
db=$TEST_TMP/hot.db
digest today 20 alpha beta
R import "$TEST_TMP/d/today.md" >/dev/null
is "$(counts)" "beta=1 gamma=1 alpha=0 delta=0 " "a digest re-dated 20 days back leaves the window"
like "$("$PYTHON3" "${top_srcdir:-.}/tests/item_counts.py" "$db")" "^same [1-9]" \
	"... and every item's latest mention date is its digests' newest (a recount)"
done_testing
