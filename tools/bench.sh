#!/bin/sh
# radar's benchmark: the figures issue 15 asks for, measured on this machine,
# printed as one table.  Not part of `make check` (timings are not tests).
#   tools/bench.sh [RADAR]           RADAR defaults to src/radar (`make bench`)
# Sizes: BENCH_SIZES (default "10000 100000"; add 1000000 for the slow one,
# ~1.4 GB of Markdown and tens of minutes).  The corpus (tools/gen-corpus.py:
# S sources x I items of Chinese AI-news digests, ~1.4 KB per item, emoji,
# 10% of the stories repeated across sources) is generated once per size
# and kept in BENCH_DIR (default /tmp/radar-bench-corpus).
#
# Columns: import of the corpus's Markdown sources (s*/) into an empty cache (MB/s of
# Markdown); a cold refresh of the same corpus from a loopback HTTP server
# (one dated source per generated source) and a warm one (everything 304 or
# unchanged); first paint (RADAR_BENCH: entering the reader to the first
# screen drawn, 160x48 so the tag pane shows, needs tmux) and the tag pane's counts (all of
# them; in brackets those the cache keeps, shown before New and the saved views); holding j
# (300 sent at once through tmux, until the status line shows the 301st item; in brackets
# radar's slowest frame after the first); `ls --search`
# wall time (a whole process, first page of 50) for a 1-, 2- and 4-character
# Chinese query, a Latin word and a phrase; cache bytes per item (after a
# checkpoint; a line per size under the table breaks it down by table, each
# with its indexes, from SQLite's dbstat); peak RSS of the import and of the
# refresh.
# The feed variant: the same items as RSS (one feed per source, from
# gen-corpus.py) refreshed cold and warm by radar and, when installed, by
# newsboat (-x reload) and sfeed (sfeed_update), from the same loopback
# server, in a second table with each reader's cache bytes per item and
# peak RSS; then each feed a day later (gen-corpus.py's feeds-moved: 10% of
# its entries dropped off the end, as many new on top) is refreshed once
# more ("window moved"), and radar's item count is checked to grow by the
# new entries only (the dropped ones keep their items).
# BENCH_EXTRAS=1 adds the older figures (test-store --bench, bench-tui.sh).
# Under the first table, per size, tools/bench-fts's line: the import's
# full-text index built alone on one thread, with the writer's settings,
# from the same Markdown (the floor under the import column's time).
# Under the tables, per size, tools/bench-store's figures (`make bench`
# builds it): each search's first page as `ls` and as the reader ask for it,
# each of the tag pane's counts (smart views, saved views), median of 5 on
# one connection, wall and CPU ms.
# BENCH_CACHE=FILE measures an existing cache instead (a 10^6 one takes an
# hour to build): its first paint and tag-pane time, and tools/bench-store's
# figures; nothing is imported (the reader records its session times there).
set -eu
radar=${1:-src/radar}
case $radar in /*) ;; *) radar=$(pwd)/$radar ;; esac
here=$(cd "$(dirname "$0")/.." && pwd)
sizes=${BENCH_SIZES:-"10000 100000"}
corpus_root=${BENCH_DIR:-/tmp/radar-bench-corpus}
work=$(mktemp -d)
server_pid=
cleanup() {
	[ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true
	[ -z "${tmux_socket:-}" ] || tmux -L "$tmux_socket" kill-server >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT INT TERM
export LC_ALL=C.UTF-8 LANG=C.UTF-8 TZ=UTC HOME="$work/home" XDG_DATA_HOME="$work/data" \
	XDG_CONFIG_HOME="$work/config"
mkdir -p "$HOME" "$XDG_CONFIG_HOME/radar"

# run OUT COMMAND...: runs COMMAND, writes "wall_ms peak_rss_kb" to OUT.
run() {
	out=$1; shift
	python3 - "$out" "$@" <<'PY'
import resource, subprocess, sys, time
t = time.monotonic()
r = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
ms = (time.monotonic() - t) * 1000
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
if r.returncode != 0:
    sys.stderr.write("bench: %s failed: %s\n" % (" ".join(sys.argv[2:4]), r.stderr.decode()[-500:]))
open(sys.argv[1], "w").write("%d %d\n" % (ms, rss))
PY
}
ms_of() { cut -d' ' -f1 "$1"; }
rss_mb_of() { echo $(($(cut -d' ' -f2 "$1") / 1024)); }
# median of three runs of `ls --search`, in ms
search_ms() {
	for i in 1 2 3; do
		run "$work/t$i" "$radar" --db "$db" ls --search "$1" --limit 50
		ms_of "$work/t$i"
	done | sort -n | sed -n 2p
}

first_paint() { # prints "FIRST_PAINT_MS TAGS_MS KEPT_MS J_MS SLOWEST_FRAME_MS" or "- - - - -"
	if ! command -v tmux >/dev/null 2>&1; then echo "- - - - -"; return; fi
	tmux_socket=radar-bench-$$
	rm -f "$work/ui.err"
	tmux -L "$tmux_socket" -f /dev/null new-session -d -x 160 -y 48 -s bench \
		"env RADAR_BENCH=1 TERM=xterm-256color '$radar' --db '$db' 2>'$work/ui.err'; sleep 30"
	n=0
	# the tag pane's counts arrive from a thread: give them a moment
	while ! tmux -L "$tmux_socket" capture-pane -p -t bench | grep -q "/$count "; do
		n=$((n + 1)); [ $n -lt 3000 ] || break; sleep 0.01
	done
	sleep 1
	# holding j: 300 of them at once, until the status line is on the
	# 301st item (tmux's delivery included); radar's slowest frame after
	# the first, which is the one a j costs at most
	j_start=$(date +%s%3N)
	tmux -L "$tmux_socket" send-keys -t bench -N 300 j
	n=0
	while ! tmux -L "$tmux_socket" capture-pane -p -t bench | grep -q " 301/$count "; do
		n=$((n + 1)); [ $n -lt 3000 ] || break; sleep 0.01
	done
	j_ms=$(($(date +%s%3N) - j_start))
	[ $n -lt 3000 ] || j_ms=-
	tmux -L "$tmux_socket" send-keys -t bench q
	n=0
	while ! grep -q radar-bench "$work/ui.err" 2>/dev/null; do
		n=$((n + 1)); [ $n -lt 500 ] || break; sleep 0.01
	done
	tmux -L "$tmux_socket" kill-server >/dev/null 2>&1 || true
	tmux_socket=
	sed -n "s/^radar-bench: first paint \([0-9.]*\) ms, [0-9]* frames, slowest later frame \([0-9.]*\) ms, tag pane counts \([0-9.]*\) ms, kept counts \([0-9.]*\) ms.*/\1 \3 \4 $j_ms \2/p" \
		"$work/ui.err" | grep . || echo "- - - - -"
}

start_server() { # DIR: serves DIR on 127.0.0.1, sets $port
	rm -f "$work/port"
	python3 - "$1" "$work/port" <<'PY' &
import functools, http.server, sys
class H(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a): pass
h = functools.partial(H, directory=sys.argv[1])
s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), h)
open(sys.argv[2] + ".tmp", "w").write(str(s.server_address[1]))
import os; os.rename(sys.argv[2] + ".tmp", sys.argv[2])
s.serve_forever()
PY
	server_pid=$!
	while [ ! -s "$work/port" ]; do sleep 0.05; done
	port=$(cat "$work/port")
}

printf '%s\n' "radar $("$radar" --version 2>/dev/null | head -1), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
header="| items | import MB/s (s) | cold refresh s | warm refresh s | first paint ms | tag counts ms (kept ones) | 300 j ms (slowest frame) | search 1字/2字/4字/latin/phrase ms | bytes/item | peak RSS import/refresh MB |"
rows=
breakdowns=
feed_rows=
moved_notes=
# feed_row ITEMS READER COLD WARM MOVED CACHE_BYTES COUNT: one row of the feed table
feed_row() {
	awk -v n="$1" -v r="$2" -v c="$(ms_of "$3")" -v w="$(ms_of "$4")" -v v="$(ms_of "$5")" \
		-v b="$6" -v k="$7" -v m="$(rss_mb_of "$3")" \
		'BEGIN { printf "| %s | %s | %.1f | %.2f | %.2f | %d | %s |", n, r, c / 1000, w / 1000, v / 1000, b / (k > 0 ? k : 1), m }'
}
# feeds_window current|moved: which version of the feeds the server serves;
# touched, so a Last-Modified from the same second as the other version's
# does not answer 304
feeds_window() {
	if [ "$1" = moved ]; then ln -sfn "$corpus/feeds-moved" "$work/www/feeds"
	else ln -sfn "$corpus/feeds" "$work/www/feeds"
	fi
	touch "$work/www/feeds/"*.xml
}
bench_store=$(dirname "$radar")/../tools/bench-store
bench_fts=$(dirname "$radar")/../tools/bench-fts
store_figures() { # DB: tools/bench-store's lines, if it is built
	if [ -x "$bench_store" ]; then "$bench_store" "$1"
	else echo "(tools/bench-store not built: make tools/bench-store)"
	fi
}
items_in() { python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA wal_checkpoint(TRUNCATE)'); print(c.execute('SELECT count(*) FROM items').fetchone()[0])" "$1"; }
if [ -n "${BENCH_CACHE:-}" ]; then
	db=$BENCH_CACHE
	count=$(items_in "$db")
	echo "first paint ..." >&2
	set -- $(first_paint)
	echo "$BENCH_CACHE: $count items, first paint $1 ms, tag pane counts $2 ms (those the cache keeps: $3 ms), 300 j $4 ms (slowest frame $5 ms)"
	store_figures "$db"
	exit 0
fi
store_notes=
floor_notes=
for items in $sizes; do
	if [ "$items" -ge 1000000 ]; then sources=200 per=5000 per_digest=25
	elif [ "$items" -ge 100000 ]; then sources=200 per=$((items / 200)) per_digest=25
	else sources=20 per=$((items / 20)) per_digest=25
	fi
	corpus=$corpus_root/$items
	if [ ! -s "$corpus/config" ] || [ ! -s "$corpus/feeds.urls" ] || [ ! -d "$corpus/feeds-moved" ]; then
		echo "generating $items items in $corpus ..." >&2
		rm -rf "$corpus"; mkdir -p "$corpus"
		python3 "$here/tools/gen-corpus.py" "$corpus" --sources $sources --items $per \
			--per-digest $per_digest >/dev/null
	fi
	bytes=$(cat "$corpus"/s*/*.md | wc -c)

	db=$work/import-$items.db
	echo "import $items ..." >&2
	# the Markdown sources only: the corpus folder also holds the same
	# items as RSS (feeds/, feeds-moved/) for the feed table, and importing
	# them too would give every item three mentions (and count their bytes
	# in bytes/item but not in MB/s)
	run "$work/import" "$radar" --db "$db" import "$corpus"/s[0-9]*
	import_ms=$(ms_of "$work/import")
	import_rss=$(rss_mb_of "$work/import")
	mbs=$(awk -v b="$bytes" -v ms="$import_ms" 'BEGIN { printf "%.1f", b / 1048576 / (ms / 1000) }')
	count=$(python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA wal_checkpoint(TRUNCATE)'); print(c.execute('SELECT count(*) FROM items').fetchone()[0])" "$db")
	per_item=$(($(wc -c <"$db") / (count > 0 ? count : 1)))
	# where the bytes go: each table with its indexes (SQLite's dbstat)
	breakdowns="${breakdowns}bytes/item at $count: $(python3 - "$db" "$count" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
owner = dict(c.execute("SELECT name, tbl_name FROM sqlite_schema"))
sizes = {}
for name, size in c.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"):
    t = owner.get(name, name)
    for shadow in ("_data", "_idx", "_docsize", "_config", "_content"):
        if t.endswith(shadow) and t[:-len(shadow)] + "_data" in owner:
            t = t[:-len(shadow)]
    sizes[t] = sizes.get(t, 0) + size
n = max(int(sys.argv[2]), 1)
print(", ".join("%s %d" % (t, s / n) for t, s in sorted(sizes.items(), key=lambda x: -x[1]) if s / n >= 1))
PY
)
"

	echo "search ..." >&2
	s1=$(search_ms 蒸); s2=$(search_ms 蒸馏); s4=$(search_ms 数学推理)
	sl=$(search_ms tokenizer); sp=$(search_ms '"context window"')
	echo "first paint ..." >&2
	set -- $(first_paint); paint=$1 tagms="$2 ($3)" jms="$4 ($5)"
	# the floor under the import column: its full-text index alone
	if [ -x "$bench_fts" ]; then
		echo "the full-text index alone $items ..." >&2
		floor_notes="${floor_notes}at $count items, $("$bench_fts" "$work/fts-$items.db" "$corpus"/s[0-9]*)
"
		rm -f "$work/fts-$items.db"*
	else
		floor_notes="(tools/bench-fts not built: make tools/bench-fts)
"
	fi
	store_notes="${store_notes}tools/bench-store at $count items:
$(store_figures "$db")
"

	echo "refresh $items ..." >&2
	start_server "$corpus"
	sed "s/PORT/$port/" "$corpus/config" >"$XDG_CONFIG_HOME/radar/config"
	db2=$work/refresh-$items.db
	run "$work/cold" "$radar" --db "$db2" refresh
	run "$work/warm" "$radar" --db "$db2" refresh
	kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=
	cold=$(awk -v ms="$(ms_of "$work/cold")" 'BEGIN { printf "%.1f", ms / 1000 }')
	warm=$(awk -v ms="$(ms_of "$work/warm")" 'BEGIN { printf "%.2f", ms / 1000 }')
	rss_refresh=$(rss_mb_of "$work/cold")
	rm -f "$db"* "$db2"*

	echo "feeds $items ..." >&2
	mkdir -p "$work/www"
	feeds_window current
	start_server "$work/www"
	sed "s/PORT/$port/" "$corpus/feeds.config" >"$XDG_CONFIG_HOME/radar/config"
	sed "s/PORT/$port/" "$corpus/feeds.urls" >"$work/feeds.urls"
	db3=$work/feeds-$items.db
	run "$work/fcold" "$radar" --db "$db3" refresh
	run "$work/fwarm" "$radar" --db "$db3" refresh
	fcount=$(items_in "$db3")
	fbytes=$(wc -c <"$db3")
	feeds_window moved
	run "$work/fmoved" "$radar" --db "$db3" refresh
	feeds_window current
	fadded=$(python3 - "$corpus" <<'PY'
import glob, re, sys
def guids(d):
    return {g for f in glob.glob(sys.argv[1] + "/" + d + "/*.xml")
            for g in re.findall(r"<guid>([^<]*)</guid>", open(f, encoding="utf-8").read())}
print(len(guids("feeds-moved") - guids("feeds")))
PY
)
	moved_notes="${moved_notes}window moved at $items: radar had $fcount items, then $(items_in "$db3") ($fadded entries new in the feeds; the dropped ones kept)
"
	feed_rows="$feed_rows$(feed_row "$items" radar "$work/fcold" "$work/fwarm" "$work/fmoved" "$fbytes" "$fcount")
"
	rm -f "$db3"*
	if command -v newsboat >/dev/null 2>&1; then
		: >"$work/newsboat.conf"
		rm -f "$work/newsboat.db"*
		run "$work/ncold" newsboat -u "$work/feeds.urls" -c "$work/newsboat.db" -C "$work/newsboat.conf" -x reload
		run "$work/nwarm" newsboat -u "$work/feeds.urls" -c "$work/newsboat.db" -C "$work/newsboat.conf" -x reload
		nbytes=$(wc -c <"$work/newsboat.db")
		feeds_window moved
		run "$work/nmoved" newsboat -u "$work/feeds.urls" -c "$work/newsboat.db" -C "$work/newsboat.conf" -x reload
		feeds_window current
		feed_rows="$feed_rows$(feed_row "$items" "$(newsboat --version | head -1 | cut -d' ' -f1-2)" \
			"$work/ncold" "$work/nwarm" "$work/nmoved" "$nbytes" "$fcount")
"
		rm -f "$work/newsboat.db"*
	fi
	if command -v sfeed_update >/dev/null 2>&1; then
		rm -rf "$work/sfeed"
		{
			echo "sfeedpath=\"$work/sfeed\""
			echo "feeds() {"
			n=0
			while read -r url; do echo "feed s$n \"$url\""; n=$((n + 1)); done <"$work/feeds.urls"
			echo "}"
		} >"$work/sfeedrc"
		run "$work/scold" sfeed_update "$work/sfeedrc"
		run "$work/swarm" sfeed_update "$work/sfeedrc"
		sbytes=$(cat "$work/sfeed"/* | wc -c)
		feeds_window moved
		run "$work/smoved" sfeed_update "$work/sfeedrc"
		feeds_window current
		feed_rows="$feed_rows$(feed_row "$items" sfeed "$work/scold" "$work/swarm" "$work/smoved" \
			"$sbytes" "$fcount")
"
		rm -rf "$work/sfeed"
	fi
	kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=

	rows="$rows| $count | $mbs ($(awk -v ms="$import_ms" 'BEGIN { printf "%.1f", ms / 1000 }')) | $cold | $warm | $paint | $tagms | $jms | $s1 / $s2 / $s4 / $sl / $sp | $per_item | $import_rss / $rss_refresh |
"
done
echo
echo "$header"
echo "|---|---|---|---|---|---|---|---|---|---|"
printf '%s' "$rows"
printf '%s' "$breakdowns"
printf '%s' "$floor_notes"
printf '%s' "$store_notes"
echo
echo "The same items as RSS (one feed per source; bytes/item over radar's item count):"
echo "| items | reader | cold refresh s | warm refresh s | window moved s | cache bytes/item | peak RSS MB |"
echo "|---|---|---|---|---|---|---|"
printf '%s' "$feed_rows"
printf '%s' "$moved_notes"

if [ -n "${BENCH_EXTRAS:-}" ]; then
	builddir=$(dirname "$(dirname "$radar")")
	if make -C "$builddir" tests/test-store >/dev/null 2>&1; then
		"$builddir/tests/test-store" --bench | sed -n 's/^# //p'
	fi
	"$here/tools/bench-tui.sh" "$builddir" || true
fi
