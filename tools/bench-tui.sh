#!/bin/sh
# Benchmark the reader on a large cache (not part of `make check`):
#   tools/bench-tui.sh [BUILDDIR] [ITEMS]
# builds a cache of ITEMS (default 100000) generated items once (kept in
# $BENCH_DIR, default /tmp/radar-bench), then in a private tmux server:
#   - first paint: RADAR_BENCH=1 makes radar print the time from entering
#     the reader to the first screen on the terminal, at 80x24 and 160x48;
#   - holding j: 1000 j's sent at once, time until the status line shows
#     position 1001, and radar's slowest frame while working through them;
#   - G then gg on the whole list.
set -eu
BUILD=${1:-.}
ITEMS=${2:-100000}
RADAR=$BUILD/src/radar
TMUX_BIN=${TMUX_BIN:-tmux}
BENCH_DIR=${BENCH_DIR:-/tmp/radar-bench}
[ -x "$RADAR" ] || { echo "no radar binary at $RADAR" >&2; exit 1; }
mkdir -p "$BENCH_DIR"
DB=$BENCH_DIR/radar-$ITEMS.db

if [ ! -s "$DB" ]; then
	echo "building a cache of $ITEMS items in $DB ..."
	rm -rf "$BENCH_DIR/digests"
	mkdir -p "$BENCH_DIR/digests"
	per=1000
	awk -v items="$ITEMS" -v per="$per" -v dir="$BENCH_DIR/digests" 'BEGIN {
		srand(42)
		for (d = 0; d * per < items; d++) {
			day = sprintf("2025-%02d-%02d", 1 + int(d / 28) % 12, 1 + d % 28)
			file = sprintf("%s/bench-%04d.md", dir, d)
			printf("---\ntitle: Bench %d\ndate: %s\n---\n\n# Bench digest %d\n\n## Papers\n\n", d, day, d) > file
			for (i = 0; i < per && d * per + i < items; i++) {
				n = d * per + i
				printf("- [Paper %d: 稀疏注意力 %d for long context 🚀](https://arxiv.org/abs/%02d%02d.%05d): summary %d.\n",
				       n, n, 10 + int(n / 99999) % 90, 1 + int(n / 99999 / 90) % 12, n % 99999 + 1, n) > file
			}
			close(file)
		}
	}'
	start=$(date +%s)
	"$RADAR" --db "$DB" import "$BENCH_DIR/digests"
	echo "import took $(($(date +%s) - start)) s"
fi
"$RADAR" --db "$DB" ls --limit 1 >/dev/null

RUNS=0
SOCKET=radar-bench-$$-0
tm() { "$TMUX_BIN" -L "$SOCKET" -f /dev/null "$@"; }
trap 'tm kill-server >/dev/null 2>&1' EXIT

now_ms() { date +%s%3N; }

# run_radar WIDTH HEIGHT: start radar with RADAR_BENCH=1, wait for the status line.
run_radar() {
	tm kill-server >/dev/null 2>&1 || true
	RUNS=$((RUNS + 1))
	SOCKET=radar-bench-$$-$RUNS
	rm -f "$BENCH_DIR/stderr"
	tm new-session -d -x "$1" -y "$2" -s bench \
		"env -u LINES -u COLUMNS RADAR_BENCH=1 TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 '$RADAR' --db '$DB' 2>'$BENCH_DIR/stderr'; sleep 60"
	wait_for "/$ITEMS "
}

# wait_for TEXT: until the status line contains TEXT (at most 60 s).
wait_for() {
	n=0
	while ! tm capture-pane -p -t bench | grep -qF "$1"; do
		n=$((n + 1))
		[ $n -lt 6000 ] || { echo "timed out waiting for '$1'" >&2; return 1; }
		sleep 0.01
	done
}

quit_radar() {
	tm send-keys -t bench q
	n=0
	while ! grep -q radar-bench "$BENCH_DIR/stderr" 2>/dev/null && [ $n -lt 500 ]; do
		sleep 0.01
		n=$((n + 1))
	done
	sed -n 's/^radar-bench: //p' "$BENCH_DIR/stderr"
}

for size in "80 24" "160 48"; do
	set -- $size
	run_radar "$1" "$2"
	printf '%sx%s: ' "$1" "$2"
	quit_radar
done

run_radar 80 24
t0=$(now_ms)
tm send-keys -t bench -N 1000 j
wait_for " 1001/$ITEMS "
t1=$(now_ms)
tm send-keys -t bench G
wait_for " $ITEMS/$ITEMS "
t2=$(now_ms)
tm send-keys -t bench g g
wait_for " 1/$ITEMS "
t3=$(now_ms)
echo "1000 j: $((t1 - t0)) ms until the cursor is on 1001 (as tmux delivers them)"
echo "G: $((t2 - t1)) ms, gg: $((t3 - t2)) ms (including tmux round trips)"
printf 'frames: '
quit_radar

# Key repeat: one j per write, as a held key arrives, at 160x48 where every
# frame also loads and renders the article of the item under the cursor.
run_radar 160 48
t0=$(now_ms)
i=0
while [ $i -lt 300 ]; do
	tm send-keys -t bench j
	i=$((i + 1))
done
wait_for " 301/$ITEMS "
t1=$(now_ms)
echo "300 j one by one at 160x48: $((t1 - t0)) ms (mostly tmux client start-up per key)"
printf 'frames: '
quit_radar
