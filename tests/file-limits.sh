#!/bin/sh
# Honest failures at the edges of the file system: a write past `ulimit -f`
# (by import or by the refresh of a file source)
# is "file size limit exceeded writing PATH" and exit 1 (SIGXFSZ ignored,
# EFBIG handled), never a death by signal, with the cache intact; a FIFO or
# a device named to import or parse is refused as "not a regular file"
# instead of blocking forever; front matter is capped like the title.
LC_ALL=C.UTF-8 LANG=C.UTF-8 TZ=UTC TERM=dumb
export LC_ALL LANG TZ TERM
. "${top_srcdir:-.}/tests/lib.sh"

db=$TEST_TMP/radar.db
run "$RADAR" --db "$db" import "$top_srcdir/demo/ai-daily-demo.md"
is "$RUN_STATUS" 0 "a first digest is imported"
run "$RADAR" --db "$db" star 1
# A big digest, so the cache must grow well past the limit to take it.
{
	printf '# Big\n\n'
	i=1
	while [ $i -le 4000 ]; do
		printf -- '- [Entry %s with a longer title](https://example.org/big/%s) and a few words of text\n' "$i" "$i"
		i=$((i + 1))
	done
} >"$TEST_TMP/big.md"
size=$(wc -c <"$db")
limit=$(( (size / 512) + 64 ))     # 512-byte blocks: 32 KB more than the cache
run sh -c 'ulimit -f "$1" && exec "$2" --db "$3" import "$4"' sh "$limit" "$RADAR" "$db" "$TEST_TMP/big.md"
if crashed "$RUN_STATUS"; then
	not_ok "import past ulimit -f is not killed by SIGXFSZ" "status $RUN_STATUS: $RUN_STDERR"
else
	is "$RUN_STATUS" 1 "import past ulimit -f exits 1"
fi
like "$RUN_STDERR" "file size limit exceeded writing .*radar.db" "and says the file size limit was exceeded, naming the cache"
run "$RADAR" --db "$db" ls --starred
is "$(printf '%s\n' "$RUN_STDOUT" | grep -c .)" 1 "the cache still opens and keeps its star"
run "$RADAR" --db "$db" import "$TEST_TMP/big.md"
is "$RUN_STATUS" 0 "without the limit the same import completes"

# The same through `radar refresh` of a local file source: the refresh
# worker's write fails, and the one line names the cache.
rdb=$TEST_TMP/refresh.db
printf 'source big %s\n' "$TEST_TMP/big.md" >"$TEST_TMP/refresh.conf"
run "$RADAR" --db "$rdb" import "$top_srcdir/demo/ai-daily-demo.md"
run "$RADAR" --db "$rdb" star 1
is "$RUN_STATUS" 0 "a star is set before the refresh"
size=$(wc -c <"$rdb")
limit=$(( (size / 512) + 64 ))
run sh -c 'ulimit -f "$1" && exec "$2" --db "$3" --config "$4" refresh' sh "$limit" "$RADAR" "$rdb" \
	"$TEST_TMP/refresh.conf"
if crashed "$RUN_STATUS"; then
	not_ok "refresh past ulimit -f is not killed by SIGXFSZ" "status $RUN_STATUS: $RUN_STDERR"
else
	is "$RUN_STATUS" 1 "refresh past ulimit -f exits 1"
fi
like "$RUN_STDERR" "big: .*/big.md: file size limit exceeded writing .*/refresh.db" \
	"... says the file size limit was exceeded, naming the source, its file and the cache"
is "$(printf '%s\n' "$RUN_STDERR" | grep -c 'file size limit exceeded')" 1 "... once"
run "$RADAR" --db "$rdb" ls --starred
is "$RUN_STATUS" 0 "after it the cache opens"
is "$(printf '%s\n' "$RUN_STDOUT" | grep -c .)" 1 "... and keeps the star set before the refresh"
run "$RADAR" --db "$rdb" --config "$TEST_TMP/refresh.conf" refresh
is "$RUN_STATUS" 0 "without the limit the same refresh completes"

if command -v mkfifo >/dev/null 2>&1 && mkfifo "$TEST_TMP/fifo"; then
	for command in parse import; do
		# `timeout` would hide a hang as a failure with status 124; say so.
		run timeout 20 "$RADAR" --db "$db" $command "$TEST_TMP/fifo"
		isnt "$RUN_STATUS" 124 "$command of a FIFO does not block"
		is "$RUN_STATUS" 1 "$command of a FIFO exits 1"
		like "$RUN_STDERR" "fifo: not a regular file" "$command of a FIFO says it is not a regular file"
	done
else
	skip "mkfifo unavailable" 6
fi
# Front matter is capped like the title: a 2 MB description is stored as a
# few hundred bytes, not printed whole wherever the digest is listed.
{
	printf -- '---\ntitle: "'
	head -c 300000 /dev/zero | tr '\0' 'T'
	printf '"\ndescription: "'
	i=0
	while [ $i -lt 40000 ]; do printf 'lorem ipsum dolor sit amet, consectetur '; i=$((i + 1)); done
	printf '"\n---\n\n# Huge front matter\n\n- [An item](https://example.org/fm/1)\n'
} >"$TEST_TMP/frontmatter.md"
run "$RADAR" --db "$db" import "$TEST_TMP/frontmatter.md"
is "$RUN_STATUS" 0 "a digest with a 2 MB front-matter description is imported"
run "$RADAR" --db "$db" digests --json
line=$(printf '%s\n' "$RUN_STDOUT" | grep 'frontmatter.md')
length=$(printf '%s' "$line" | wc -c)
ok "$([ "$length" -gt 100 ] && [ "$length" -lt 3000 ] && echo 0 || echo 1)" \
	"its digests --json line holds a capped title and description ($length bytes)"
like "$line" '"description":"lorem ipsum' "and the description is there, cut"

run timeout 20 "$RADAR" parse /dev/zero
is "$RUN_STATUS" 1 "parse of a device exits 1"
like "$RUN_STDERR" "/dev/zero: not a regular file" "and says it is not a regular file"
done_testing
