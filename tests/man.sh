#!/bin/sh
# man/radar.1 renders without warnings and says what radar says: every
# command of `radar --help` with every option of `radar COMMAND --help`, the
# global options, and every action of src/actions.h with its default keys
# (keymaps/vi.keys).
. "${top_srcdir:-.}/tests/lib.sh"

page=$top_srcdir/man/radar.1
if ! command -v man >/dev/null 2>&1 || ! command -v groff >/dev/null 2>&1; then
	echo "1..0 # SKIP man or groff not found"
	exit 0
fi
[ -f "$page" ] || bail_out "no man page: $page"

run env MANWIDTH=80 man --warnings -E UTF-8 -l "$page"
is "$RUN_STATUS" 0 "man -l man/radar.1 exits 0"
is "$RUN_STDERR" "" "man --warnings at 80 columns: no warning"
like "$RUN_STDOUT" '^RADAR\(1\)' "the page renders"

# The text to check, wide so that lines rarely break; plain (man strips the
# formatting when its output is not a terminal).
text=$TEST_TMP/radar.1.txt
MANWIDTH=200 man -E UTF-8 -l "$page" 2>/dev/null | sed 's/.\x08//g' >"$text"

# section NAME: the lines of one section of the rendered page.
section() {
	awk -v name="$1" '
		/^[A-Z][A-Z ]*$/ { inside = ($0 == name); next }
		inside' "$text"
}

for name in NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS "THE READER" FILES ENVIRONMENT \
	"EXIT STATUS" EXAMPLES "SEE ALSO"; do
	if grep -qx "$name" "$text"; then pass "section $name"; else not_ok "section $name"; fi
done

# ---------------------------------------------------------------- commands

run "$RADAR" --help
is "$RUN_STATUS" 0 "radar --help"
commands=$(printf '%s\n' "$RUN_STDOUT" |
	awk '/^Commands:$/ { on = 1; next } on && /^$/ { exit } on { print $1 }')
isnt "$commands" "" "radar --help lists commands"
global_options=$(printf '%s\n' "$RUN_STDOUT" |
	awk '/^Options:$/ { on = 1; next } on && /^$/ { exit } on' |
	grep -Eo '(^|[ ,])--?[A-Za-z][a-z-]*' | sed 's/^[ ,]*//' | sort -u)
isnt "$global_options" "" "radar --help lists options"

section OPTIONS >"$TEST_TMP/options.txt"
for option in $global_options; do
	if grep -Eq -- "(^|[ ,])$option([ ,]|\$)" "$TEST_TMP/options.txt"; then
		pass "OPTIONS describes $option"
	else
		not_ok "OPTIONS describes $option"
	fi
done

# The COMMANDS section split into entries: an entry starts at a tag line
# (7 spaces, then the command name) and runs to the next one.
section COMMANDS >"$TEST_TMP/commands.txt"
entry() {
	awk -v name="$1" '
		/^       [a-z]/ { split($0, w, " "); inside = (w[1] == name) }
		inside' "$TEST_TMP/commands.txt"
}

for command in $commands; do
	entry "$command" >"$TEST_TMP/entry.txt"
	if [ ! -s "$TEST_TMP/entry.txt" ]; then
		not_ok "COMMANDS has an entry for '$command'"
		continue
	fi
	pass "COMMANDS has an entry for '$command'"
	run "$RADAR" "$command" --help
	options=$(printf '%s\n' "$RUN_STDOUT" | grep -Eo -- '--[a-z][a-z-]*' | sort -u)
	for option in $options; do
		if grep -q -- "$option" "$TEST_TMP/entry.txt"; then
			pass "'$command' entry has $option"
		else
			not_ok "'$command' entry has $option" "radar $command --help lists it"
		fi
	done
done

# ---------------------------------------------------------------- keys

# Every action of src/actions.h with its help line and the keys
# keymaps/vi.keys (the default keymap) binds to it.
actions=$top_srcdir/src/actions.h
keymap=$top_srcdir/keymaps/vi.keys
if [ -f "$actions" ] && [ -f "$keymap" ]; then
	# The Keys subsection, one line, blanks collapsed (help text may wrap).
	keys_text=$(section "THE READER" |
		awk '/^   Keys$/ { on = 1; next } /^   [A-Z]/ { on = 0 } on' | tr -s ' \n' '  ')
	table=$TEST_TMP/actions.txt
	sed -n 's/^[[:space:]]*X([A-Z_]*, *"\([^"]*\)", *N_("\(.*\)")) *\\\{0,1\}$/\1	\2/p' \
		"$actions" >"$table"
	isnt "$(wc -l <"$table" | tr -d ' ')" 0 "src/actions.h has actions"
	while IFS='	' read -r action help; do
		# bind [CONTEXT] KEYS ACTION: the bindings that hold everywhere.
		keys=$(awk -v action="$action" '$1 == "bind" && NF == 3 && $3 == action { print $2 }' "$keymap")
		missing=
		[ -n "$keys" ] || missing=" (no key in vi.keys)"
		for key in $keys; do
			case " $keys_text " in
			*" $key "* | *" $key, "*) ;;
			*) missing="$missing $key" ;;
			esac
		done
		case "$keys_text" in
		*"$help"*) ;;
		*) missing="$missing (help text)" ;;
		esac
		is "$missing" "" "Keys: $action ($(echo $keys)) -- $help"
	done <"$table"
else
	skip "src/actions.h or keymaps/vi.keys absent"
fi

# ---------------------------------------------------------------- environment

section ENVIRONMENT >"$TEST_TMP/environment.txt"
for variable in RADAR_DB XDG_DATA_HOME XDG_CONFIG_HOME BROWSER NO_COLOR RADAR_LOCALEDIR; do
	if grep -Eq "^       ([A-Z_]+, )*$variable(,|\$)" "$TEST_TMP/environment.txt"; then
		pass "ENVIRONMENT describes $variable"
	else
		not_ok "ENVIRONMENT describes $variable"
	fi
done

done_testing
