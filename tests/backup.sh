#!/bin/sh
# `radar backup FILE`: a consistent copy (SQLite's online backup API) taken
# while another process stars items, passing integrity_check and holding
# every mark made before it; FILE is never overwritten without --force; a
# copy that cannot be written is a clear error and leaves no FILE behind.
LC_ALL=C.UTF-8 LANG=C.UTF-8 TZ=UTC TERM=dumb
export LC_ALL LANG TZ TERM
. "${top_srcdir:-.}/tests/lib.sh"
need_python3

db=$TEST_TMP/radar.db
# A cache big enough that a backup takes a while: 3 digests of 1,000 items.
for d in 1 2 3; do
	{
		printf '# Digest %s\n\n' "$d"
		i=1
		while [ $i -le 1000 ]; do
			printf -- '- [Item %s of %s](https://example.com/%s/%s) some words about it\n' "$i" "$d" "$d" "$i"
			i=$((i + 1))
		done
	} >"$TEST_TMP/d$d.md"
done
run "$RADAR" --db "$db" import "$TEST_TMP/d1.md" "$TEST_TMP/d2.md" "$TEST_TMP/d3.md"
is "$RUN_STATUS" 0 "a cache of 3,000 items is imported"
run "$RADAR" --db "$db" star 1 2 3 4 5
run "$RADAR" --db "$db" read 6 7 8

check_copy() { # FILE: integrity_check, then the marks made before the copy
	"$PYTHON3" - "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
ok = c.execute("PRAGMA integrity_check").fetchone()[0]
stars = [r[0] for r in c.execute("SELECT id FROM items WHERE starred = 1 AND id <= 5 ORDER BY id")]
reads = [r[0] for r in c.execute("SELECT id FROM items WHERE read = 1 AND id BETWEEN 6 AND 8 ORDER BY id")]
mode = c.execute("PRAGMA journal_mode").fetchone()[0]
print(ok, stars, reads, mode)
PY
}

# Another process stars and unstars items while backups are taken.
(
	n=0
	while [ ! -e "$TEST_TMP/stop" ] && [ $n -lt 400 ]; do
		"$RADAR" --db "$db" star 100 101 102 >/dev/null 2>&1
		"$RADAR" --db "$db" unstar 100 101 102 >/dev/null 2>&1
		n=$((n + 1))
	done
) &
writer=$!
all_ok=0
i=1
while [ $i -le 5 ]; do
	run "$RADAR" --db "$db" backup "$TEST_TMP/copy$i.db"
	if [ "$RUN_STATUS" -ne 0 ]; then
		all_ok=1
		diag "backup $i: $RUN_STDERR"
	else
		got=$(check_copy "$TEST_TMP/copy$i.db")
		if [ "$got" != "ok [1, 2, 3, 4, 5] [6, 7, 8] delete" ]; then
			all_ok=1
			diag "copy $i: $got"
		fi
	fi
	i=$((i + 1))
done
touch "$TEST_TMP/stop"
wait "$writer"
ok "$all_ok" "5 backups taken while another process stars items each pass integrity_check and hold the earlier marks, with no -wal"
[ ! -e "$TEST_TMP/copy1.db-wal" ] && [ ! -e "$TEST_TMP/copy1.db.tmp" ]
ok $? "no -wal and no .tmp file is left beside a backup"
# The copies above may hold the writer's 100-102 starred or not; one taken
# now that it has stopped (it ends on unstar) holds exactly the 5 stars.
run "$RADAR" --db "$db" backup "$TEST_TMP/final.db"
run "$RADAR" --db "$TEST_TMP/final.db" ls --starred
is "$(printf '%s\n' "$RUN_STDOUT" | grep -c 'Item')" 5 "radar reads the copy: 'ls --starred' lists the 5 stars"

# Never overwritten without --force.
before=$(cksum <"$TEST_TMP/copy1.db")
run "$RADAR" --db "$db" star 9
run "$RADAR" --db "$db" backup "$TEST_TMP/copy1.db"
is "$RUN_STATUS" 1 "backup onto an existing file exits 1"
like "$RUN_STDERR" "copy1.db exists; use --force to replace it" "and says to use --force"
is "$(cksum <"$TEST_TMP/copy1.db")" "$before" "the existing file is untouched"
run "$RADAR" --db "$db" backup --force "$TEST_TMP/copy1.db"
is "$RUN_STATUS" 0 "backup --force replaces it"
like "$(check_copy "$TEST_TMP/copy1.db")" "^ok " "the replaced copy passes integrity_check"
run "$RADAR" --db "$TEST_TMP/copy1.db" ls --starred
is "$(printf '%s\n' "$RUN_STDOUT" | grep -c 'Item')" 6 "and holds the newer star"

# Unwritable places: a missing directory, a directory named as FILE.
run "$RADAR" --db "$db" backup "$TEST_TMP/no/such/dir/copy.db"
is "$RUN_STATUS" 1 "backup into a missing directory exits 1"
like "$RUN_STDERR" "^radar: cannot write the backup .*no/such/dir/copy.db.tmp: " "with one line naming the file"
run "$RADAR" --db "$db" backup "$TEST_TMP"
is "$RUN_STATUS" 1 "backup onto a directory exits 1"
like "$RUN_STDERR" "is a directory; name the backup file" "and says so"

# A full disk, as `ulimit -f` makes it (SIGXFSZ ignored: EFBIG).
run sh -c 'ulimit -f 64 && exec "$0" --db "$1" backup "$2"' "$RADAR" "$db" "$TEST_TMP/big.db"
if crashed "$RUN_STATUS"; then
	not_ok "backup past the file size limit does not die by a signal" "status $RUN_STATUS: $RUN_STDERR"
else
	is "$RUN_STATUS" 1 "backup past the file size limit exits 1"
fi
like "$RUN_STDERR" "file size limit exceeded writing .*big.db.tmp" "and says the file size limit was exceeded"
[ ! -e "$TEST_TMP/big.db" ] && [ ! -e "$TEST_TMP/big.db.tmp" ]
ok $? "a failed backup leaves neither FILE nor FILE.tmp"

run "$RADAR" --db "$TEST_TMP/missing.db" backup "$TEST_TMP/x.db"
is "$RUN_STATUS" 1 "backup of a missing cache exits 1"
[ ! -e "$TEST_TMP/missing.db" ]
ok $? "and creates no cache"
done_testing
