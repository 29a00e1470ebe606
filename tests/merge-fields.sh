#!/bin/sh
# An item's fields across digests (issue 10): the title, summary and URL of
# the most recent mention that says something win, the date is the most
# recent one, a passing reference only fills gaps, re-importing a changed
# digest updates them, and marks never change.
. "${top_srcdir:-.}/tests/lib.sh"
need_python3
LC_ALL=C.UTF-8 LANG=C.UTF-8 TZ=UTC TERM=xterm
export LC_ALL LANG TZ TERM

db=$TEST_TMP/merge.db
R() { "$RADAR" --db "$db" "$@"; }
field() { # KEY FIELD
	R ls --json | "$PYTHON3" -c '
import json, sys
for line in sys.stdin:
    row = json.loads(line)
    if row["key"] == sys.argv[1]:
        print(row[sys.argv[2]])' "$1" "$2"
}

mkdir -p "$TEST_TMP/a" "$TEST_TMP/b" "$TEST_TMP/c"
cat >"$TEST_TMP/a/day-2026-04-01.md" <<'EOF'
# Day 2026-04-01

- [Early name of the tool](https://github.com/owl/lantern): first look at a lantern tool for tracing.
EOF
cat >"$TEST_TMP/b/day-2026-04-03.md" <<'EOF'
# Day 2026-04-03

- [Lantern 1.0: tracing for agents](https://github.com/owl/lantern): the first stable release, with a new trace viewer.
EOF
cat >"$TEST_TMP/c/day-2026-04-05.md" <<'EOF'
# Day 2026-04-05

## See also

- [this repo](https://github.com/owl/lantern)
EOF
R import "$TEST_TMP/a" >/dev/null
is "$(field github:owl/lantern title)" "Early name of the tool" "one mention: its title"
id=$(field github:owl/lantern id)
R star "$id" >/dev/null
R import "$TEST_TMP/b" >/dev/null
is "$(field github:owl/lantern title)" "Lantern 1.0: tracing for agents" "a later, fuller mention gives the title"
is "$(field github:owl/lantern date)" "2026-04-03" "the date is the most recent mention's"
R import "$TEST_TMP/c" >/dev/null
is "$(field github:owl/lantern title)" "Lantern 1.0: tracing for agents" "a passing reference does not rename it"
is "$(field github:owl/lantern date)" "2026-04-05" "but it is still the most recent date"
sed 's/Lantern 1.0: tracing for agents/Lantern 1.0: tracing and replay for agents/' \
	"$TEST_TMP/b/day-2026-04-03.md" >"$TEST_TMP/b/new" && mv "$TEST_TMP/b/new" "$TEST_TMP/b/day-2026-04-03.md"
R import "$TEST_TMP/b" >/dev/null
is "$(field github:owl/lantern title)" "Lantern 1.0: tracing and replay for agents" \
	"re-importing a changed digest updates the title"
is "$(field github:owl/lantern starred)" "True" "the star is kept"
is "$(field github:owl/lantern mentions)" "3" "one item, three mentions"
done_testing
