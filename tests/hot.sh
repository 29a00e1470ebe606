#!/bin/sh
# Hot (issue 12): `ls --sort hot` ranks items by the digests of the last
# hot-days days that mention them, a mention D days old weighing N - D
# (radar(5)); the count shown is those digests; older mentions count
# nothing; `set hot-days` widens the window.  Digests are dated relative
# to today, so the test holds whatever day it runs.
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

is "$(order)" "beta alpha gamma delta " "7 days: beta (7+6) before alpha (7) before gamma (6); delta, only older, last"
is "$(counts)" "beta=2 alpha=1 gamma=1 delta=0 " "the count is the window's digests: a mention 10 days ago counts nothing"
like "$(R ls --sort hot | head -n 1)" ' x2 +beta' "plain ls shows that count"
printf 'set hot-days 30\n' >"$TEST_TMP/config"
is "$(order --config "$TEST_TMP/config")" "beta alpha gamma delta " "30 days: beta 30+29, alpha 30+20, gamma 29+20, delta 20+18"
is "$(counts --config "$TEST_TMP/config")" "beta=2 alpha=2 gamma=2 delta=2 " "... and every older mention now counts"
printf 'set hot-days 1\n' >"$TEST_TMP/config1"
is "$(counts --config "$TEST_TMP/config1")" "beta=1 alpha=1 gamma=0 delta=0 " "1 day: today only (ties: newest, then the later item)"
printf 'set hot-days 0\n' >"$TEST_TMP/config0"
run R --config "$TEST_TMP/config0" ls --sort hot
like "$RUN_STDERR" 'hot-days' "hot-days 0 is refused, naming the option"
done_testing
