#!/bin/sh
# Marks from the list (tmux, see tests/tmux.sh): s stars, u undoes, r toggles
# read, A marks the whole view read and u undoes that; each checked with
# radar ls from the command line.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"
screen_setup radar-marks "${1:-}"
# The saved screen shows the first item read (as after opening it).
"$RADAR" --db "$DB" read 5 >/dev/null

start 80 24 "$DB"
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

# After the reader quits, radar.db alone holds the marks: the WAL was
# checkpointed into it and emptied (a copy of the file is a backup).
keys s
tm send-keys -t radar q
_n=0
while tm has-session -t radar 2>/dev/null && [ $_n -lt 100 ]; do sleep 0.05; _n=$((_n + 1)); done
ok "the WAL is empty once the reader has quit" test ! -s "$DB-wal"
cp "$DB" "$TEST_TMP/copy.db"
run "$RADAR" --db "$TEST_TMP/copy.db" ls --starred
like "$RUN_STDOUT" '小模型的记忆槽位' "a copy of radar.db alone keeps the star made in the reader"

done_testing
