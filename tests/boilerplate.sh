#!/bin/sh
# Promos by recurrence (issue 10): a block whose own text recurs in three
# digests of one source is boilerplate, kept out of the lists (and so out
# of `ls --sort mentions`) with its marks kept; `ls --all`, a query and
# `show` still reach it.  A real project in the news every day, with that
# day's words about it, is not boilerplate, nor is a paper whose row a
# daily table repeats word for word.
. "${top_srcdir:-.}/tests/lib.sh"
need_python3
LC_ALL=C.UTF-8 LANG=C.UTF-8 TZ=UTC TERM=xterm
export LC_ALL LANG TZ TERM

db=$TEST_TMP/bp.db
R() { "$RADAR" --db "$db" "$@"; }
keys() { R ls --json "$@" | "$PYTHON3" -c '
import json, sys
for line in sys.stdin:
    print(json.loads(line)["key"])'; }
field() { # KEY FIELD [LS OPTIONS]
	k=$1 f=$2; shift 2
	R ls --json "$@" | "$PYTHON3" -c '
import json, sys
for line in sys.stdin:
    row = json.loads(line)
    if row["key"] == sys.argv[1]:
        print(row[sys.argv[2]])' "$k" "$f"
}

src=$TEST_TMP/owl-weekly
mkdir -p "$src"
day() { # N DAY COMMENT
	cat >"$src/owl-2026-05-0$1.md" <<EOF
# Owl Weekly, May $2

## News

1. [Lantern agents trace tool](https://github.com/owl/lantern): $3
2. [Quiet Transformers](https://arxiv.org/abs/2605.01234) - a sparse attention study, 41 upvotes
3. [Heron $1.0 ships](https://heron.example.com/blog/heron-$1): day $1 of the heron release notes, with a changelog of its own.

## Elsewhere

- Meet the owls at the Lantern Summit on May $2: two days of talks, workshops and office hours, [seats here](https://events.example.org/summit?ref=issue$1).
- [The Owl Hour with Ada and Bo, episode $1$1](https://owlhour.example.net/episodes): every week, the people behind the papers talk shop for forty minutes.
EOF
}
day 1 1 "first look at a tracer for agent runs."
day 2 8 "version 0.2 adds span filters and a web viewer."
day 3 15 "the maintainers explain the replay format."

R import "$src/owl-2026-05-01.md" "$src/owl-2026-05-02.md" >/dev/null
keys --sort mentions >"$TEST_TMP/two"
like "$(cat "$TEST_TMP/two")" "owlhour" "in two digests the podcast plug is still listed"
hour=$(field url:https://owlhour.example.net/episodes id)
ok "the podcast plug is one item" [ -n "$hour" ]
R read "$hour" >/dev/null
summit=$(field url:https://events.example.org/summit id)
R star "$summit" >/dev/null

R import "$src/owl-2026-05-03.md" >/dev/null
keys --sort mentions >"$TEST_TMP/three"
unlike "$(cat "$TEST_TMP/three")" "owlhour" "after the third digest the podcast plug is gone from ls --sort mentions"
like "$(cat "$TEST_TMP/three")" "events.example.org" "a promo the user starred stays listed"
R unstar "$summit" >/dev/null
unlike "$(keys --sort mentions)" "events.example.org" "unstarred, the summit invitation (its date and URL query differ each time) is gone too"
is "$(R show --width 100 "$summit" | grep -c 'recurs in 3 digests')" 1 "show says it recurs"
like "$(keys --all)" "events.example.org" "ls --all lists it"
keys --sort mentions >"$TEST_TMP/three"
like "$(head -n 2 "$TEST_TMP/three")" "github:owl/lantern" "the project in every digest, with that day's words, ranks first"
like "$(head -n 2 "$TEST_TMP/three")" "arxiv:2605.01234" "a paper a daily table repeats word for word is still listed"
is "$(grep -c heron "$TEST_TMP/three")" 3 "three releases with the same words but their own pages are listed"
keys --sort mentions --all >"$TEST_TMP/all"
like "$(cat "$TEST_TMP/all")" "owlhour" "ls --all lists the podcast plug"
is "$(field url:https://owlhour.example.net/episodes read --all)" True "its read mark is kept"
like "$(keys owl hour)" "owlhour" "a query finds it"
like "$(R show --width 100 "$hour")" "recurs in 3 digests of this source" "show says why it is hidden"
unlike "$(R show --width 100 "$(field github:owl/lantern id)")" "recurs in" "show says nothing of a real item"
R parse --explain "$src/owl-2026-05-02.md" >"$TEST_TMP/explain"
like "$(cat "$TEST_TMP/explain")" 'item 5 "The Owl Hour with Ada and Bo, episode 22" recurs in 3 digests of this source' \
	"parse --explain says the podcast plug recurs"
unlike "$(cat "$TEST_TMP/explain")" 'item [123] .*recurs' "and not that the real items do"
"$RADAR" --db "$TEST_TMP/none.db" parse --explain "$src/owl-2026-05-01.md" >/dev/null 2>&1
is "$?" 0 "parse --explain without a cache still works"

# The same promo in another source's digest counts for that source only.
other=$TEST_TMP/heron-news
mkdir -p "$other"
cp "$src/owl-2026-05-01.md" "$other/heron-2026-05-01.md"
R import "$other" >/dev/null
like "$(keys --all)" "owlhour" "still there with --all"

# A source that re-runs one day's digest (hourly updates) repeats all of
# it: one edition, nothing in it is boilerplate.
rerun=$TEST_TMP/hourly
mkdir -p "$rerun"
for h in 06 12 18; do
	sed -e 's/Owl Weekly/Owl Hourly/' -e "s/episode 11/episode 11 ($h:00)/" \
		-e 's|owlhour.example.net/episodes|owlhour.example.net/hourly|' \
		-e 's|github.com/owl/lantern|github.com/owl/lantern-hourly|' \
		"$src/owl-2026-05-01.md" >"$rerun/hourly-2026-05-01_${h}00.md"
done
R import "$rerun" >/dev/null
like "$(keys)" "lantern-hourly" "three runs of one day: its project is listed"
like "$(keys)" "owlhour.example.net/hourly" "and so is its podcast plug (one day is one edition)"

# A promo that differs only in its date written the CJK way (5月1日（周五）,
# 星期六, ５月８日（金）, 5월 15일 금요일) recurs as well.
cjk=$TEST_TMP/lantern-daily
mkdir -p "$cjk"
cjk_day() { # DAY ZH_DATE JA_DATE KO_DATE NEWS
	cat >"$cjk/lantern-2026-05-$1.md" <<EOF
# 灯笼日报 2026-05-$1

## 新闻

1. [灯笼追踪器发布新版本](https://lantern.example.cn/blog/release-$1): $5

## 活动

- $2 灯笼线下沙龙，欢迎报名参加，[报名链接](https://meet.example.cn/salon?date=$1)：现场分享与交流。
- $3 ランタン勉強会を開催します。[申し込み](https://meet.example.jp/benkyo?d=$1)：どなたでも参加できます。
- $4 랜턴 밋업에 초대합니다. [신청하기](https://meet.example.kr/meetup?d=$1): 누구나 참여할 수 있습니다.
EOF
}
cjk_day 01 "5月1日（周五）19:00" "５月１日（金）" "5월 1일 금요일" "第一版加入了跨度过滤。"
cjk_day 09 "5月9日 星期六 14:00" "５月９日（土）" "5월 9일 토요일" "第二版带来网页查看器。"
cjk_day 17 "十二月十七日 礼拜天" "5月17日 日曜日" "2026년 5월 17일 (일)" "维护者解释了回放格式。"
R import "$cjk" >/dev/null
cjk_keys=$(keys)
unlike "$cjk_keys" "meet.example.cn" "a Chinese promo that differs only in its date and weekday is boilerplate"
unlike "$cjk_keys" "meet.example.jp" "so is a Japanese one (５月１日（金）, 日曜日)"
unlike "$cjk_keys" "meet.example.kr" "and a Korean one (5월 1일 금요일, (일))"
is "$(printf '%s\n' "$cjk_keys" | grep -c lantern.example.cn)" 3 "the day's news, with its own words, is listed"
like "$(keys --all)" "meet.example.kr" "ls --all lists the promos"

# A changed digest that drops the promo: two digests repeat it, it is back.
"$PYTHON3" - "$src/owl-2026-05-03.md" <<'EOF'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
open(path, "w", encoding="utf-8").write(text.split("## Elsewhere")[0])
EOF
R import "$src/owl-2026-05-03.md" >/dev/null
like "$(keys)" "owlhour.example.net/episodes" "once only two digests repeat it, it is listed again"
unlike "$(R show --width 100 "$hour")" "recurs in" "and show no longer calls it boilerplate"

# The same day re-published with the promo back (the same edition, so
# only the blocks it adds are recounted): three digests repeat it again.
day 3 15 "the maintainers explain the replay format."
R import "$src/owl-2026-05-03.md" >/dev/null
unlike "$(keys)" "owlhour.example.net/episodes" "a re-published digest that brings the promo back hides it again"
like "$(R show --width 100 "$hour")" "recurs in" "and show calls it boilerplate again"
done_testing
