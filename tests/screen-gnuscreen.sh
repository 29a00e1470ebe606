#!/bin/sh
# radar inside GNU screen inside tmux (set-clipboard on), as on a server
# reached over SSH (tmux, see tests/tmux.sh): y sends OSC 52 in screen's
# DCS passthrough, in pieces screen passes whole, and the URL lands in
# tmux's buffer; radar says it sent it through screen.  Skipped without
# screen (tools/install-deps installs it).
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"
command -v screen >/dev/null 2>&1 || { echo "1..0 # SKIP GNU screen not found"; exit 0; }
screen_setup radar-gnuscreen "${1:-}"

# A long URL: screen keeps only a few hundred bytes of one DCS string.
long="https://example.org/$(printf 'segment%03d/' $(seq 1 120))end"
cat >"$TEST_TMP/long.md" <<MD
# Long links 2026-03-03

## Papers

- [A long link]($long): one link longer than screen's DCS buffer.
MD
run "$RADAR" --db "$TEST_TMP/long.db" import "$TEST_TMP/long.md"
is "$RUN_STATUS" 0 "a digest with a ${#long}-byte URL imports"

SCREENDIR=$TEST_TMP/screens
mkdir -p "$SCREENDIR"
chmod 700 "$SCREENDIR"
printf 'startup_message off\n' >"$TEST_TMP/screenrc"
tmux_new_server
tm new-session -d -x 80 -y 24 -s radar \
	"env -u TMUX SCREENDIR='$SCREENDIR' TERM=xterm-256color screen -c '$TEST_TMP/screenrc' \
	env LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC HOME='$HOME' XDG_DATA_HOME='$XDG_DATA_HOME' \
	XDG_CONFIG_HOME='$XDG_CONFIG_HOME' DISPLAY= WAYLAND_DISPLAY= '$RADAR' --db '$TEST_TMP/long.db'; sleep 30"
tm set-option -s set-clipboard on
_n=0
until capture | grep -q '?:help' || [ $_n -ge 200 ]; do sleep 0.05; _n=$((_n + 1)); done
LAST_SCREEN=
settle
like "$(capture | head -n 1)" 'A long link' "radar runs inside screen"
tm delete-buffer >/dev/null 2>&1
keys y
_n=0
until [ "$(tm show-buffer 2>/dev/null)" = "$long" ] || [ $_n -ge 60 ]; do sleep 0.05; _n=$((_n + 1)); done
is "$(tm show-buffer 2>/dev/null)" "$long" "y inside screen lands in the outer tmux's buffer, the long URL whole"
like "$(capture | tail -n 1)" 'Sent to the terminal via OSC 52 \(through screen\)' "and radar says it went through screen"
tm send-keys -t radar q
sleep 0.2

done_testing
