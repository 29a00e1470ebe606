#!/bin/sh
# The reader on a real terminal: radar runs in a private tmux server, keys go
# in with send-keys, and whole screens come back with capture-pane and are
# compared exactly (trailing spaces included) with tests/screens/*.txt.
#
#   sh tests/screen.sh --regenerate    rewrite the expected screens (then
#                                      review them by eye: they are the spec)
. "${top_srcdir:-.}/tests/lib.sh"

REGENERATE=
[ "${1:-}" = "--regenerate" ] && REGENERATE=1

: "${TMUX_BIN:=$(command -v tmux 2>/dev/null)}"
if [ -z "$TMUX_BIN" ] || ! [ -x "$TMUX_BIN" ]; then
	echo "1..0 # SKIP tmux not found"
	exit 0
fi
command -v base64 >/dev/null 2>&1 || { echo "1..0 # SKIP base64 not found"; exit 0; }

SCREENS=$top_srcdir/tests/screens
. "$top_srcdir/tests/tmux.sh"
tmux_setup radar-test

DB=$TEST_TMP/radar.db
run "$RADAR" --db "$DB" import "$top_srcdir/tests/fixtures/tui"
is "$RUN_STATUS" 0 "the fixture digests import" || bail_out "$RUN_STDERR"

# A stub browser that records its argv, one argument per line.
BROWSER_LOG=$TEST_TMP/browser.log
cat >"$TEST_TMP/browser" <<STUB
#!/bin/sh
for arg in "\$@"; do printf '%s\n' "\$arg"; done >"$BROWSER_LOG.tmp"
mv "$BROWSER_LOG.tmp" "$BROWSER_LOG"
STUB
chmod +x "$TEST_TMP/browser"

# start WIDTH HEIGHT DB: radar in a new session, with a pinned environment.
start() {
	tmux_new_server
	tm new-session -d -x "$1" -y "$2" -s radar \
		"env -u LINES -u COLUMNS TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC \
		HOME='$HOME' XDG_DATA_HOME='$XDG_DATA_HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' \
		BROWSER='${BROWSER_STUB-$TEST_TMP/browser}' DISPLAY= WAYLAND_DISPLAY= NO_COLOR= PATH='$PATH' \
		'$RADAR' --db '$3' 2>'$TEST_TMP/stderr'; sleep 30"
	LAST_SCREEN=
	settle
}

# resize WIDTH HEIGHT: tmux sends SIGWINCH after a delay of its own, so wait
# (at most 5 s) for radar's status line to end at the new right edge first.
resize() {
	tm resize-window -t radar -x "$1" -y "$2"
	_n=0
	while [ $_n -lt 100 ]; do
		_status=$(capture | sed -n "$(($2 - 1))p")
		case $_status in
		*'?:help') [ "$(printf '%s' "$_status" | wc -m)" -eq "$1" ] && break ;;
		esac
		sleep 0.05
		_n=$((_n + 1))
	done
	settle
}


# screen NAME DESC: the whole screen must match tests/screens/NAME.txt.
screen() {
	capture >"$TEST_TMP/$1.txt"
	if [ -n "$REGENERATE" ]; then
		mkdir -p "$SCREENS"
		cp "$TEST_TMP/$1.txt" "$SCREENS/$1.txt"
		pass "$2 (regenerated $1.txt)"
		return
	fi
	if cmp -s "$TEST_TMP/$1.txt" "$SCREENS/$1.txt"; then
		pass "$2"
	else
		not_ok "$2" "screen $1 differs (< expected, > got):"
		diff "$SCREENS/$1.txt" "$TEST_TMP/$1.txt" | sed 's/^/# /'
	fi
}

status_line() { capture | sed -n "$(($1 - 1))p"; }

# wait_file FILE: at most 5 s for FILE to exist.
wait_file() {
	_n=0
	while [ ! -s "$1" ] && [ $_n -lt 100 ]; do sleep 0.05; _n=$((_n + 1)); done
	[ -s "$1" ]
}

# ---------------------------------------------------------------- 80x24
start 80 24 "$DB"
screen 80x24-first "80x24 first screen: CJK, emoji and full-width titles aligned"
like "$(status_line 24)" ' All  1/9  ' "the status line shows the view and position"

keys j j j
like "$(status_line 24)" ' All  4/9  ' "j moves down"
keys k
like "$(status_line 24)" ' All  3/9  ' "k moves up"
keys G
like "$(status_line 24)" ' All  9/9  ' "G goes to the last item"
keys g g
like "$(status_line 24)" ' All  1/9  ' "gg goes to the first item"
keys 5 j
like "$(status_line 24)" ' All  6/9  ' "5j moves five down"
keys g g

keys Enter
screen 80x24-article "Enter opens the article, which takes the screen at 80 columns"
keys J
like "$(capture | head -n 1)" 'lantern/ｆｕｌｌ－ｗｉｄｔｈ「标点」测试' "J in the article opens the next item"
like "$(status_line 24)" ' All  2/9 ' "... and moves the list cursor with it"
keys K
like "$(capture | head -n 1)" '本地跑 70B 模型' "K goes back to the previous one"
keys q
run "$RADAR" --db "$DB" ls --unread
unlike "$RUN_STDOUT" 'lantern' "an item opened with J is marked read"
keys g g k j
keys J
like "$(status_line 24)" ' All  3/9 ' "in the list, J moves without opening"
keys k r
keys g g
screen 80x24-after-open "q goes back; the opened item is read (no N flag)"

literal "/模型"
keys Enter
screen 80x24-search-cjk "a two-character Chinese search lists its matches"
keys n
like "$(status_line 24)" 'search: 模型 *2/2' "n goes to the next match"
keys N
like "$(status_line 24)" 'search: 模型 *1/2' "N goes back"
# Editing: a wide character is one step for Backspace and the arrows.
literal "/型x"
keys BSpace Left
literal "模"
keys Enter
like "$(status_line 24)" 'search: 模型 *1/2' "prompt editing: Backspace and Left over CJK, insert before"
literal "/agents"
keys Enter
screen 80x24-search-en "an English search"

literal ":all"
keys Enter
keys 3 j
keys s
like "$(capture | tail -n 1)" 'Starred' "s says it starred the item"
run "$RADAR" --db "$DB" ls --starred
like "$RUN_STDOUT" '小模型的记忆槽位' "s stars the item: radar ls --starred shows it"
screen 80x24-starred "the star shows in the list"
keys u
run "$RADAR" --db "$DB" ls --starred
is "$RUN_STDOUT" "" "u undoes the star"
like "$(capture | tail -n 1)" 'Undone' "undo says so"

keys r
run "$RADAR" --db "$DB" ls --unread
unlike "$RUN_STDOUT" '小模型的记忆槽位' "r marks the item read"
keys r
run "$RADAR" --db "$DB" ls --unread
like "$RUN_STDOUT" '小模型的记忆槽位' "r again marks it unread"

keys A
run "$RADAR" --db "$DB" ls --unread
is "$RUN_STDOUT" "" "A marks every item in the view read"
keys u
run "$RADAR" --db "$DB" ls --unread
like "$RUN_STDOUT" 'Tiny recurrent critics' "u undoes mark-all"

keys S
like "$(status_line 24)" '\[most mentioned\]' "S cycles the sort to most mentioned"
like "$(capture | head -n 1)" 'x2 .*稀疏注意力的长上下文推理' "... and the item seen in two digests comes first"
keys S
like "$(status_line 24)" '\[title\]' "S again: by title"
literal ":sort newest"
keys Enter
like "$(status_line 24)" '\[newest\]' ":sort newest"
literal ":kind paper"
keys Enter
like "$(status_line 24)" ' papers  1/3 ' ":kind paper shows the three papers"
literal ":tag 论文"
keys Enter
like "$(status_line 24)" ' #论文  1/2 ' ":tag shows the items with that tag"
literal ":nonsense"
keys Enter
like "$(capture | tail -n 1)" "unknown command ':nonsense'" "an unknown command is an error in the status line"
literal ":all"
keys Enter

keys t
screen 80x24-tags "t shows the views and tags as an overlay"
keys j j j Enter
like "$(status_line 24)" 'Today|Starred|Unread' "Enter in the tags opens a view"
literal ":all"
keys Enter

keys '?'
screen 80x24-help "? shows the help generated from the action table"
keys G
like "$(capture | sed -n 22p)" ':search QUERY' "G scrolls the help to its last line"
keys s q
like "$(status_line 24)" ' All  1/9 ' "other keys do nothing on the help screen; q closes it"
run "$RADAR" --db "$DB" ls --starred
is "$RUN_STDOUT" "" "... s on the help screen starred nothing"

resize 160 48
screen 160x48-resized "resizing to 160x48 redraws with three panes"
resize 80 24
screen 80x24-resized-back "and back to 80x24"

# ---------------------------------------------------------------- open and copy
literal "/Quoting"
keys Enter
keys o
if wait_file "$BROWSER_LOG"; then
	is "$(wc -l <"$BROWSER_LOG" | tr -d ' ')" 1 "o starts \$BROWSER with the URL as one argument"
	is "$(cat "$BROWSER_LOG")" "https://example.org/a%20b?q=%22x%22;y=1&z='w'" "the argument is the URL, quotes and ; intact"
else
	not_ok "o starts \$BROWSER" "no argv recorded"
	skip "no argv" 1
fi

tm pipe-pane -t radar -o "cat >>'$TEST_TMP/copy.out'"
sleep 0.2
keys y
sleep 0.2
tm pipe-pane -t radar
url="https://example.org/a%20b?q=%22x%22;y=1&z='w'"
b64=$(printf '%s' "$url" | base64 | tr -d '\n')
if grep -qF "]52;c;$b64" "$TEST_TMP/copy.out" 2>/dev/null; then
	pass "y writes the URL to the terminal as OSC 52"
else
	not_ok "y writes the URL to the terminal as OSC 52" "$(od -c "$TEST_TMP/copy.out" 2>/dev/null | head -5)"
fi
like "$(capture | tail -n 1)" 'Copied' "y says what it copied"

tm send-keys -t radar q
sleep 0.3
is "$(cat "$TEST_TMP/stderr")" "radar: unknown command ':nonsense' (see ?)" "at exit, radar prints the last error it showed"

# With no display and no $BROWSER (over SSH), o says so and offers copy.
BROWSER_STUB= start 80 24 "$DB"
keys o
like "$(capture | tail -n 1)" 'No display and no \$BROWSER: press y to copy https://' "o without a display offers copy"
tm send-keys -t radar q

# ---------------------------------------------------------------- 160x48
start 160 48 "$DB"
screen 160x48-first "160x48 first screen: tags, list and article side by side"
keys j
like "$(capture | head -n 1)" 'x lantern/ｆｕｌｌ－ｗｉｄｔｈ「标点」测试' "in three panes the article follows the list cursor"
keys h j j Enter
like "$(status_line 48)" ' Starred  0/0 ' "h goes to the tags; Enter there opens a view"
keys Tab
literal ":all"
keys Enter
keys Tab Tab
like "$(status_line 48)" ' All  1/9 ' "Tab moves between panes"

# ---------------------------------------------------------------- hostile text
HOSTILE=$TEST_TMP/hostile
mkdir -p "$HOSTILE"
{
	printf '# Hostile 2026-03-03\n\n## Posts\n\n'
	printf -- '- [EVIL\033[2Jclear title](https://example.com/clear): body \033]52;c;SGFjaw==\007pasted\n'
	printf -- '- [Link \033]8;;https://evil.example/\007hidden\033]8;;\007 text](https://example.com/osc8): osc eight\n'
	printf -- '- [C1 \302\23331mred title](https://example.com/c1): eight-bit CSI\n'
	printf -- '- [Bidi \342\200\256reversed\342\200\254 title](https://example.com/rlo): right-to-left override\n'
} >"$HOSTILE/hostile.md"
HDB=$TEST_TMP/hostile.db
run "$RADAR" --db "$HDB" import "$HOSTILE"
is "$RUN_STATUS" 0 "the hostile digest imports"
start 80 24 "$HDB"
tm pipe-pane -t radar -o "cat >>'$TEST_TMP/hostile.out'"
sleep 0.2
keys Enter
keys q j Enter
keys q j Enter
keys q j Enter
keys q
sleep 0.2
tm pipe-pane -t radar
screen 80x24-hostile "escape sequences in digest text show as inert text"
out=$TEST_TMP/hostile.out
bad=
grep -qF "$(printf '\033[2Jclear')" "$out" && bad="$bad ESC[2J"
grep -qF "$(printf '\033]52;c;SGFjaw')" "$out" && bad="$bad OSC52"
grep -qF "$(printf '\033]8;;https://evil')" "$out" && bad="$bad OSC8"
LC_ALL=C grep -q "$(printf '\302\233')" "$out" && bad="$bad C1-CSI"
LC_ALL=C grep -q "$(printf '\342\200\256')" "$out" && bad="$bad RLO"
[ -s "$out" ] || bad="$bad (nothing captured)"
is "$bad" "" "no escape sequence from the digest reaches the terminal"
like "$(cat "$out")" 'SGFjaw' "the OSC 52 payload was drawn (as inert text)"

# ---------------------------------------------------------------- a long list
# More rows than the list keeps in memory: the window slides by keyset and
# jumps by offset; the item under the cursor must be the one at that place.
LONG=$TEST_TMP/long
mkdir -p "$LONG"
awk 'BEGIN {
	printf("# Long 2026-01-01\n\n## Papers\n\n")
	for (i = 1; i <= 1500; i++)
		printf("- [Long item %04d](https://arxiv.org/abs/2601.%05d): text.\n", i, i)
}' >"$LONG/long.md"
LDB=$TEST_TMP/long.db
run "$RADAR" --db "$LDB" import "$LONG"
is "$RUN_STATUS" 0 "a 1500-item digest imports"
# title_at POSITION (1-based) in the default order, from the command line
title_at() { "$RADAR" --db "$LDB" ls --offset "$(($1 - 1))" --limit 1 | sed 's/.*\(Long item [0-9]*\).*/\1/'; }
# article_title: the first line of the article opened with Enter
article_title() { keys Enter; capture | sed -n '1s/^ *\(Long item [0-9]*\).*/\1/p'; keys q; }
start 80 24 "$LDB"
for step in "700 j:701" "G:1500" "300 k:1200" "g g:1" "C-f C-f C-f:67" "C-d:78" "1000 j:1078" "C-u:1067" "C-b:1045" "1 2 3 4 G:1234"; do
	set -- $(echo "${step%%:*}")
	keys "$@"
	want=${step##*:}
	like "$(status_line 24)" " All  $want/1500 " "${step%%:*} puts the cursor on $want"
	is "$(article_title)" "$(title_at "$want")" "... and the item there is the one the cache has at $want"
done
tm send-keys -t radar q

# ---------------------------------------------------------------- empty cache
start 80 24 "$TEST_TMP/none.db"
screen 80x24-empty "an empty cache says how to add digests"
tm send-keys -t radar q

done_testing
