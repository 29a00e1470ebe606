#!/bin/sh
# Notifications in the reader (tmux, see tests/tmux.sh; issue 12): a local
# digest source refreshed by the reader brings new items into saved views
# marked notify=yes, and notify-command runs once per such view with the
# view's name and the count (%v and %n, or as the last two words), never for
# a view without notify=yes nor for items the cache had before; R after the
# digest grew tells only of the view that got new items.  notify-bell rings
# the terminal's bell (tmux's window bell flag), and not when it is off.  A
# command that exits non-zero or cannot be started is an error on the
# status line and radar goes on.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"
LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC TERM=xterm-256color
export LANG LC_ALL TZ TERM
screen_setup radar-notify "${1:-}"

# The notify-command: each run appends its arguments, joined by '|', as a line.
NOTIFY_LOG=$TEST_TMP/notify.log
cat >"$TEST_TMP/notify" <<STUB
#!/bin/sh
line=
for arg in "\$@"; do line="\$line|\$arg"; done
printf '%s\n' "\${line#|}" >>"$NOTIFY_LOG"
STUB
chmod +x "$TEST_TMP/notify"
printf '#!/bin/sh\nexit 3\n' >"$TEST_TMP/failing"
chmod +x "$TEST_TMP/failing"

SRC=$TEST_TMP/src
mkdir -p "$SRC"
write_notes() {
	cat >"$SRC/notes.md" <<'MD'
# Notify test notes 2026-03-05

## Papers

- [Watching the watchers](https://arxiv.org/abs/2603.11111) - a paper about alerts

## Projects

- [bellringer](https://github.com/radar-notify/bellringer) - rings a bell
- [pagerlite](https://github.com/radar-notify/pagerlite) - pages someone
MD
}
write_notes

CONFIG=$XDG_CONFIG_HOME/radar/config
mkdir -p "$XDG_CONFIG_HOME/radar"
write_config() {
	cat >"$CONFIG" <<CONF
source local $SRC/notes.md
set notify-command $1
set notify-bell $2
view papers kind:paper notify=yes
view projects kind:project notify=yes
view quiet kind:project
CONF
}

# wait_lines FILE N: at most 10 s for FILE to have N lines.
wait_lines() {
	_n=0
	while [ "$(cat "$1" 2>/dev/null | wc -l)" -lt "$2" ] && [ $_n -lt 200 ]; do
		sleep 0.05
		_n=$((_n + 1))
	done
	[ "$(cat "$1" 2>/dev/null | wc -l)" -ge "$2" ]
}
# q, and no waiting for a screen that radar no longer draws: until its
# process is gone (a sanitizer build checks for leaks at exit).
quit() {
	_shell=$(tm display -p -t radar '#{pane_pid}')
	tm send-keys -t radar q
	_n=0
	while pgrep -P "$_shell" -x radar >/dev/null && [ $_n -lt 100 ]; do sleep 0.05; _n=$((_n + 1)); done
}
clean_exit() {
	unlike "$(cat "$TEST_TMP/stderr")" 'radar: |Sanitizer|runtime error' "$1"
}
bell_flag() { tm display -p -t radar '#{window_bell_flag}'; }

# ---------------------------------------------------------------- the first refresh
# Quotes inside the setting's value make words with blanks.
write_config "\"$TEST_TMP/notify \\\"view: %v\\\" \\\"%n new\\\"\"" yes
start 80 24 "$DB"
ok "the start-up refresh runs the command for the notifying views" wait_lines "$NOTIFY_LOG" 2
sleep 0.3
is "$(sort "$NOTIFY_LOG")" "view: papers|1 new
view: projects|2 new" "... once per view with new items, %v and %n replaced inside quoted words; not for 'quiet' (no notify=yes), not for the imported items"
is "$(bell_flag)" 1 "notify-bell yes rings the terminal's bell"
# The pane runs sh -c '... radar ...; sleep 30': radar is the shell's child.
RADAR_PID=$(pgrep -P "$(tm display -p -t radar '#{pane_pid}')" -x radar)
[ -n "$RADAR_PID" ] || bail_out "radar's process was not found"
zombies() { ps -o stat= --ppid "$RADAR_PID" | grep -c Z; }
_n=0
while [ "$(zombies)" -gt 0 ] && [ $_n -lt 40 ]; do sleep 0.05; _n=$((_n + 1)); done
is "$(zombies)" 0 "the finished commands are reaped while the reader waits for keys (no zombies)"
unlike "$(capture | tail -n 1)" 'exited|cannot' "no error on the status line"

# The digest grows by one project: R tells of it, and only 'projects'.
cat >>"$SRC/notes.md" <<'MD'
- [sirenkit](https://github.com/radar-notify/sirenkit) - a third project
MD
keys R
ok "R brings the new project and runs the command again" wait_lines "$NOTIFY_LOG" 3
sleep 0.3
is "$(sed -n 3,99p "$NOTIFY_LOG")" "view: projects|1 new" "... for projects only, counting only the new item"
quit
clean_exit "no error (nor sanitizer report) printed at exit"

# ---------------------------------------------------------------- no placeholders, no bell
rm -f "$NOTIFY_LOG" "$DB"
write_notes
run "$RADAR" --db "$DB" import "$top_srcdir/tests/fixtures/tui"
write_config "\"$TEST_TMP/notify --from radar\"" no
start 80 24 "$DB"
ok "without %v and %n ..." wait_lines "$NOTIFY_LOG" 2
sleep 0.3
is "$(sort "$NOTIFY_LOG")" "--from|radar|papers|1
--from|radar|projects|2" "... the view and the count are the last two arguments"
is "$(bell_flag)" 0 "notify-bell no: no bell"
quit
clean_exit "... nor after the second run"

# ---------------------------------------------------------------- failures
rm -f "$DB"
run "$RADAR" --db "$DB" import "$top_srcdir/tests/fixtures/tui"
write_config "$TEST_TMP/failing" no
start 80 24 "$DB"
wait_for_message() {
	_n=0
	while ! capture | tail -n 1 | grep -q -- "$1" && [ $_n -lt 200 ]; do sleep 0.05; _n=$((_n + 1)); done
	capture | tail -n 1 | grep -q -- "$1"
}
ok "a command that exits 3 is an error on the status line" \
	wait_for_message 'failing exited with status 3: notify-command for view'
keys j
like "$(status_line 24)" ' All  [0-9]+/12 ' "... and the reader goes on"
quit

rm -f "$DB"
run "$RADAR" --db "$DB" import "$top_srcdir/tests/fixtures/tui"
write_config "$TEST_TMP/no-such-program" no
start 80 24 "$DB"
ok "a command that cannot be started is an error naming it" \
	wait_for_message 'notify-command for view [a-z]*: cannot start'
keys j
like "$(status_line 24)" ' All  [0-9]+/12 ' "... and the reader goes on"
quit
done_testing
