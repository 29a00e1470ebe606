#!/bin/sh
# Views in the reader (tmux, see tests/tmux.sh; issue 12): q and Esc leave a
# view opened from another back to that one before they quit, the status
# line shows the views they go back through, and :export writes the view;
# ] and [ go to the next and previous unread item.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"
LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC TERM=xterm-256color
export LANG LC_ALL TZ TERM
screen_setup radar-views "${1:-}"

# The three newest items read: the first unread one is fourth.
"$RADAR" --db "$DB" read 5 4 3 >/dev/null
start 80 24 "$DB"
like "$(status_line 24)" '^ All  1/9 ' "the reader starts in All"
keys ']'
like "$(status_line 24)" '^ All  4/9 ' "] goes to the next unread item of the view"
keys '['
like "$(capture | tail -n 1)" 'No unread item above' "[ with none above says so"
like "$(status_line 24)" '^ All  4/9 ' "... and stays"
keys g g
literal ':kind paper'
keys Enter
like "$(status_line 24)" '^ All > papers  1/3 ' "a kind view opened from All: the status line shows both"
keys j
literal ':tag Papers'
keys Enter
like "$(status_line 24)" '^ All > papers > #Papers  1/2 ' "a tag view opened from it: three"
literal '/agents'
keys Enter
like "$(status_line 24)" '^ ⋯ > papers > #Papers > /agents ' "deeper: the last two and an ellipsis; / searches within the view"
literal '/critics'
keys Enter
like "$(status_line 24)" '^ ⋯ > papers > #Papers > /critics ' "a search from a search replaces it"

literal ':export bibtex '"$TEST_TMP"'/view.bib'
keys Enter
like "$(capture | tail -n 1)" "exported 1 item to $TEST_TMP/view.bib" ":export writes the view's items and says how many"
like "$(cat "$TEST_TMP/view.bib" 2>/dev/null)" '^@misc\{arXiv:' "... as BibTeX"

keys q
like "$(status_line 24)" '^ All > papers > #Papers  1/2 ' "q leaves the search for the tag view"
keys Escape
like "$(status_line 24)" '^ All > papers  2/3 ' "Esc leaves the tag view for the kind view, on the item the cursor was on"
keys q
like "$(status_line 24)" '^ All  1/9 ' "q again: back in All"
tm send-keys -t radar q
sleep 0.5
unlike "$(capture)" 'All  1/9' "q in the first view quits"

done_testing
