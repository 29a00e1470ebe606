#!/bin/sh
# Hostile digest text (tmux, see tests/tmux.sh): escape sequences, OSC 8 and
# 52, an eight-bit CSI and a right-to-left override in titles and bodies are
# drawn as inert text, and none of them reaches the terminal.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"
screen_setup radar-hostile "${1:-}"

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
tm send-keys -t radar q

done_testing
