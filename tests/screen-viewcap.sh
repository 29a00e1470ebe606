#!/bin/sh
# A saved view's count in the tag pane stops at TAGS_VIEW_COUNT_CAP (1000)
# and says so ("1000+"): a saved search over half of a 10^6 cache took
# 1.4 s to count whole, on every refresh and mark.  A view under the cap
# keeps its exact count, and the view's own list still counts it whole.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"
LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC TERM=dumb
export LANG LC_ALL TZ TERM
screen_setup radar-viewcap "${1:-}"
mkdir -p "$TEST_TMP/many" "$XDG_CONFIG_HOME/radar"
# 1005 items saying zebra, 999 of them also quokka: one view over the
# cap, one just under it.
"$PYTHON3" - "$TEST_TMP/many/2026-03-01.md" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("# Many 2026-03-01\n\n")
    for i in range(1005):
        f.write("- [Item %d](https://example.com/many/%d) zebra%s\n" % (i, i, " quokka" if i < 999 else ""))
PY
run "$RADAR" --db "$DB" import "$TEST_TMP/many"
is "$RUN_STATUS" 0 "1005 items import: $RUN_STDERR"
cat >"$XDG_CONFIG_HOME/radar/config" <<'CONFIG'
view lots zebra
view under quokka
CONFIG
start 160 48 "$DB"
# the tag pane's counts come from a thread: wait for them
_n=0
while [ $_n -lt 50 ] && ! capture | grep -q '^  under *[0-9]'; do sleep 0.1; _n=$((_n + 1)); done
capture >"$TEST_TMP/first.txt"
like "$(grep -o '^  lots *[0-9+]*' "$TEST_TMP/first.txt" | head -1)" '^  lots +1000\+$' \
	"a view of 1005 unread items shows 1000+"
like "$(grep -o '^  under *[0-9+]*' "$TEST_TMP/first.txt" | head -1)" '^  under +999$' \
	"a view of 999 shows its exact count"
literal ':view lots'
keys Enter
_n=0
while [ $_n -lt 50 ] && ! status_line 48 | grep -q '/1005 '; do sleep 0.1; _n=$((_n + 1)); done
like "$(status_line 48)" '^ All > lots  1/1005 ' "the view's own list counts all 1005"
done_testing
