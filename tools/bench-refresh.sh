#!/bin/sh
# The refresh columns of tools/bench.sh alone, faster to repeat: a cold
# refresh of the dated corpus (tools/gen-corpus.py: one dated source per
# generated source) from the same loopback server bench.sh starts, then
# two warm ones (everything unchanged).  Not part of `make check`.
#   tools/bench-refresh.sh [RADAR]     RADAR defaults to src/radar
# BENCH_SIZE picks the corpus (default 100000: 200 sources x 20 days) in
# BENCH_DIR (default /tmp/radar-bench-corpus), which must exist already
# (tools/bench.sh generates it).  Each line: the wall time and radar's
# summary line, so the warm runs show what they requested and left fresh.
set -eu
radar=${1:-src/radar}
case $radar in /*) ;; *) radar=$(pwd)/$radar ;; esac
corpus=${BENCH_DIR:-/tmp/radar-bench-corpus}/${BENCH_SIZE:-100000}
[ -s "$corpus/config" ] || { echo "bench-refresh: no corpus in $corpus (run tools/bench.sh)" >&2; exit 1; }
work=$(mktemp -d)
server_pid=
cleanup() {
	[ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT INT TERM
export LC_ALL=C.UTF-8 LANG=C.UTF-8 TZ=UTC HOME="$work/home" XDG_DATA_HOME="$work/data" \
	XDG_CONFIG_HOME="$work/config"
mkdir -p "$HOME" "$XDG_CONFIG_HOME/radar"

# the server of tools/bench.sh (start_server), serving the corpus
python3 - "$corpus" "$work/port" <<'PY' &
import functools, http.server, os, sys
class H(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a): pass
h = functools.partial(H, directory=sys.argv[1])
s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), h)
open(sys.argv[2] + ".tmp", "w").write(str(s.server_address[1]))
os.rename(sys.argv[2] + ".tmp", sys.argv[2])
s.serve_forever()
PY
server_pid=$!
while [ ! -s "$work/port" ]; do sleep 0.05; done
sed "s/PORT/$(cat "$work/port")/" "$corpus/config" >"$XDG_CONFIG_HOME/radar/config"

refresh() { # LABEL
	python3 - "$work/out" "$radar" --db "$work/cache.db" refresh <<'PY'
import subprocess, sys, time
t = time.monotonic()
r = subprocess.run(sys.argv[2:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
open(sys.argv[1], "w").write("%.2f s: %s\n" % (time.monotonic() - t,
                             (r.stdout.decode(errors="replace").strip().splitlines() or [""])[-1]))
PY
	printf '%s %s' "$1" "$(cat "$work/out")"
	echo
}
echo "radar $("$radar" --version 2>/dev/null | head -1), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), $corpus"
refresh cold
refresh warm
refresh warm
