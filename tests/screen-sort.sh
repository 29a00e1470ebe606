#!/bin/sh
# Sorting and the : commands (tmux, see tests/tmux.sh): S cycles the sort,
# :sort, :kind, :tag, an unknown command, and the last error printed at exit.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"
screen_setup radar-sort "${1:-}"

start 80 24 "$DB"
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
like "$(status_line 24)" ' All  1/9 ' ":all goes back to every item"

tm send-keys -t radar Q
sleep 0.3
is "$(cat "$TEST_TMP/stderr")" "radar: unknown command ':nonsense' (see ?)" "at exit, radar prints the last error it showed"

done_testing
