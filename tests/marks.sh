#!/bin/sh
# `radar marks export|import`: stars, read marks and user tags by identity
# key survive deleting the cache (export, rm, re-import the digests, import
# marks: 'ls --starred' and 'ls --unread' as before); marks of items not in
# the cache wait for an import that creates them; a bad line is FILE:LINE,
# the rest applied.
LC_ALL=C.UTF-8 LANG=C.UTF-8 TZ=UTC TERM=dumb
export LC_ALL LANG TZ TERM
. "${top_srcdir:-.}/tests/lib.sh"

db=$TEST_TMP/radar.db
demo=$top_srcdir/demo
run "$RADAR" --db "$db" import "$demo"
is "$RUN_STATUS" 0 "the demo digests are imported"
count=$("$RADAR" --db "$db" ls | wc -l)
run "$RADAR" --db "$db" star 1 3 5 7 11 13
run "$RADAR" --db "$db" read 2 3 4 8 16 "$count"
"$RADAR" --db "$db" ls --starred >"$TEST_TMP/starred.before"
"$RADAR" --db "$db" ls --unread >"$TEST_TMP/unread.before"

run "$RADAR" --db "$db" marks export -o "$TEST_TMP/marks.jsonl"
is "$RUN_STATUS" 0 "marks export -o FILE exits 0"
is "$(wc -l <"$TEST_TMP/marks.jsonl" | tr -d ' ')" 11 "one line per marked item (6 stars, 6 reads, 1 both)"
like "$(head -n 1 "$TEST_TMP/marks.jsonl")" '^\{"key":"[^"]+","kind":"[a-z]+","title":".*"url":.*"starred":(true|false).*"read":(true|false).*"tags":\[' \
	"each line is an object with key, kind, title, url, starred, read and tags"
run "$RADAR" --db "$db" marks export
is "$RUN_STDOUT" "$(cat "$TEST_TMP/marks.jsonl")" "marks export to standard output writes the same lines"

rm -f "$db" "$db-wal" "$db-shm"
run "$RADAR" --db "$db" import "$demo"
run "$RADAR" --db "$db" ls --starred
is "$RUN_STDOUT" "" "a rebuilt cache has no star"
run "$RADAR" --db "$db" marks import "$TEST_TMP/marks.jsonl"
is "$RUN_STATUS" 0 "marks import exits 0"
is "$RUN_STDOUT" "11 marks applied, 0 kept for items not in the cache yet" "and says what it applied"
"$RADAR" --db "$db" ls --starred >"$TEST_TMP/starred.after"
"$RADAR" --db "$db" ls --unread >"$TEST_TMP/unread.after"
diff "$TEST_TMP/starred.before" "$TEST_TMP/starred.after" >&2 || true
ok "ls --starred is the same after rebuilding the cache" cmp -s "$TEST_TMP/starred.before" "$TEST_TMP/starred.after"
ok "ls --unread is the same after rebuilding the cache" cmp -s "$TEST_TMP/unread.before" "$TEST_TMP/unread.after"
run "$RADAR" --db "$db" marks import "$TEST_TMP/marks.jsonl"
"$RADAR" --db "$db" ls --starred >"$TEST_TMP/starred.again"
ok "importing the same marks twice changes nothing" cmp -s "$TEST_TMP/starred.before" "$TEST_TMP/starred.again"

# Marks first, digests later: pending until the import creates the items.
db2=$TEST_TMP/second.db
run "$RADAR" --db "$db2" marks import "$TEST_TMP/marks.jsonl"
is "$RUN_STDOUT" "0 marks applied, 11 kept for items not in the cache yet" "marks of items not in the cache are kept"
run "$RADAR" --db "$db2" marks export
is "$(printf '%s\n' "$RUN_STDOUT" | grep -c '"pending":true')" 11 "and exported as pending"
run "$RADAR" --db "$db2" import "$demo"
"$RADAR" --db "$db2" ls --starred >"$TEST_TMP/starred.pending"
"$RADAR" --db "$db2" ls --unread >"$TEST_TMP/unread.pending"
ok "an import that creates the items applies the pending stars" cmp -s "$TEST_TMP/starred.before" "$TEST_TMP/starred.pending"
ok "and the pending read marks" cmp -s "$TEST_TMP/unread.before" "$TEST_TMP/unread.pending"
run "$RADAR" --db "$db2" marks export
is "$(printf '%s\n' "$RUN_STDOUT" | grep -c '"pending":true')" 0 "nothing is pending any more"

# User tags (origin "user") go both ways.
key=$(head -n 1 "$TEST_TMP/marks.jsonl" | sed 's/^{"key":"\([^"]*\)".*/\1/')
printf '{"key":"%s","tags":["to-read","ümlaut"]}\n{"key":"future:item","starred":true,"tags":["later"]}\n' "$key" >"$TEST_TMP/tags.jsonl"
run "$RADAR" --db "$db2" marks import "$TEST_TMP/tags.jsonl"
is "$RUN_STDOUT" "1 mark applied, 1 kept for an item not in the cache yet" "a tag line is applied, an unknown key kept"
run "$RADAR" --db "$db2" ls --tag to-read
is "$(printf '%s\n' "$RUN_STDOUT" | grep -c .)" 1 "the imported user tag filters the list"
run "$RADAR" --db "$db2" marks export
like "$RUN_STDOUT" "\"key\":\"$key\".*\"tags\":\\[\"to-read\",\"ümlaut\"\\]" "and is exported again"
like "$RUN_STDOUT" '"key":"future:item".*"tags":\["later"\],"pending":true' "a pending mark keeps its tags"

# Bad lines: FILE:LINE: message, the others applied, exit 1.
{
	printf '{"key":"future:a","starred":true}\n'
	printf 'not json\n'
	printf '[1,2]\n'
	printf '{"starred":true}\n'
	printf '{"key":"future:b","read":"yes"}\n'
	printf '{"key":"future:c","tags":"x"}\n'
	printf '\n'
	printf '{"key":"future:d","read":true}\n'
} >"$TEST_TMP/bad.jsonl"
run "$RADAR" --db "$db2" marks import "$TEST_TMP/bad.jsonl"
is "$RUN_STATUS" 1 "a file with bad lines exits 1"
like "$RUN_STDERR" "bad.jsonl:2: not JSON" "line 2: not JSON"
like "$RUN_STDERR" "bad.jsonl:3: not a JSON object" "line 3: not an object"
like "$RUN_STDERR" "bad.jsonl:4: no \"key\"" "line 4: no key"
like "$RUN_STDERR" "bad.jsonl:5: \"starred\" and \"read\" must be true or false" "line 5: a mark that is not a boolean"
like "$RUN_STDERR" "bad.jsonl:6: \"tags\" must be an array of strings" "line 6: tags that are not an array"
is "$RUN_STDOUT" "0 marks applied, 2 kept for items not in the cache yet, 5 lines skipped" "the good lines are still applied"

run "$RADAR" --db "$db2" marks import "$TEST_TMP/none.jsonl"
is "$RUN_STATUS" 1 "a missing marks file exits 1"
like "$RUN_STDERR" "cannot read .*none.jsonl" "and names it"
run "$RADAR" --db "$db2" marks import "$TEST_TMP"
like "$RUN_STDERR" "not a regular file" "a directory is refused"
run "$RADAR" --db "$TEST_TMP/nothing.db" marks export
is "$RUN_STATUS" 1 "marks export of a missing cache exits 1"
[ ! -e "$TEST_TMP/nothing.db" ]
ok $? "and creates no cache"
run "$RADAR" --db "$db2" marks frobnicate
is "$RUN_STATUS" 2 "an unknown marks sub-command is a usage error"
done_testing
