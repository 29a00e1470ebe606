#!/bin/sh
# Bulk marks in the reader (tmux, see tests/tmux.sh): a count before s stars
# that many items, one u undoes all of them; a visual selection (v, motions)
# is drawn, s stars it and leaves it, Esc leaves it without acting, u undoes
# it as one step; 3r, and r and + over a selection, likewise; M marks read
# from the top of the view down to the cursor.
# Each checked with radar ls from the command line.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"
LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC TERM=xterm
export LANG LC_ALL TZ TERM
screen_setup radar-bulk "${1:-}"
starred() { "$RADAR" --db "$DB" ls --starred | wc -l | tr -d ' '; }
unread() { "$RADAR" --db "$DB" ls --unread | wc -l | tr -d ' '; }

start 80 24 "$DB"
keys 3 s
is "$(starred)" 3 "3s stars three items"
like "$(capture | tail -n 1)" 'Starred 3 items' "... and says so"
keys u
is "$(starred)" 0 "one u undoes all three"

keys v
like "$(capture | tail -n 1)" 'VISUAL' "v starts a visual selection"
keys j j
screen 80x24-visual "the selection is drawn (a > beside each selected row)"
keys s
is "$(starred)" 3 "s stars the selection"
unlike "$(capture)" '^[0-9-]{10}>' "and leaves the visual mode"
keys u
is "$(starred)" 0 "u undoes the selection's stars in one step"

keys v j Escape
unlike "$(capture)" '^[0-9-]{10}>' "Esc leaves the selection"
keys s
is "$(starred)" 1 "... and s then stars only the cursor's item"
keys u

# Counts and the selection work for r and the tag prompt as for s.
keys gg
keys 3 r
is "$(unread)" 6 "3r marks three items read"
keys u
is "$(unread)" 9 "one u puts all three back"
keys v j
keys r
is "$(unread)" 7 "r marks the selection read"
keys u
is "$(unread)" 9 "... and u undoes it in one step"
keys v j
keys +
literal "picked"
keys Enter
is "$("$RADAR" --db "$DB" ls --tag picked | wc -l | tr -d ' ')" 2 "+ tags the selection"
keys u
is "$("$RADAR" --db "$DB" ls --tag picked | wc -l | tr -d ' ')" 0 "... and u takes the tag off both"

keys G
keys M
is "$(unread)" 0 "M at the last row marks the whole view read"
keys u
is "$(unread)" 9 "u puts every one back"
keys gg j j M
is "$(unread)" 6 "M on the third row marks three read"
done_testing
