#!/bin/sh
# Hostile-shape benchmark for issue 14: time and peak RSS of `radar parse`,
# `radar import` and `radar show` (of the first item listed) for inputs
# built to be slow or large.  Not part of `make check` (timings are not
# tests).  Prints one row per input and phase: wall s, user s, peak RSS MB,
# exit status.
#   tools/bench-stress.sh [RADAR]     RADAR defaults to src/radar
# STRESS_BIG=0 leaves out the 64 MB inputs (they take minutes).
set -eu
radar=${1:-src/radar}
case $radar in /*) ;; *) radar=$(pwd)/$radar ;; esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
export LC_ALL=C.UTF-8 LANG=C.UTF-8 TZ=UTC HOME="$work/home" XDG_DATA_HOME="$work/data" \
	XDG_CONFIG_HOME="$work/config"
mkdir -p "$HOME"

python3 - "$work" "${STRESS_BIG:-1}" <<'PY'
import os, sys
out, big = sys.argv[1], sys.argv[2] == "1"
def write(name, text):
    with open(os.path.join(out, name), "w") as f:
        f.write(text)
head = "# Digest 2026-03-01\n\n"
write("links-40k.md", head + "- [Big item](https://example.com/big) "
      + " ".join("[l%d](https://example.com/p/%d)" % (i, i) for i in range(40000)) + "\n")
write("ids-20k.md", head + "- [Paper](https://example.com/x) "
      + " ".join("arXiv:%04d.%05d" % (2401 + i // 90000, i % 90000) for i in range(20000)) + "\n")
write("tags-40k.md", head + "- [Tagged](https://example.com/t) summary "
      + " ".join("#tag%d" % i for i in range(40000)) + "\n")
n = 17000  # ~70 KB declaring n columns over n rows: n*n cells once filled
write("table-nxn.md", head + "|" + "a|" * n + "\n|" + "-|" * n + "\n" + "|\n" * n)
# The same link in every bullet: one item whose mentions are merged.
write("same-link-4m.md", head + ("- [same](https://example.com/same) " + "text " * 200 + "\n") * 4000)
# Headings each closed by a quote of credits, some naming a neighbour
# (digest/credits.c matches every credit against the items around it).
write("credits-3k.md", head + "".join(
    "## %d. Item %d about topic%d\n\n- Detail topic%d alpha%d\n\n" % (i + 1, i, i, i, i % 7)
    + "".join("> **Site%d** (https://site.example.com/p/%d): words topic%d alpha%d\n"
              % (k, k, k, k % 7) for k in (i - 1, i, i + 1)) + "\n" for i in range(3000)))
if big:
    size = 64 * 1024 * 1024 - 4096
    line = "- [item](https://example.com/x) short line\n"
    write("short-lines-64m.md", head + line * (size // len(line)))
    write("paragraph-64m.md", head + "word " * (size // 5) + "\n")
    table = "|" + "a|" * n + "\n|" + "-|" * n + "\n" + "|\n" * n
    pads, i, total = [], 0, len(table)
    while total < size:
        pads.append("- [filler %d](https://example.com/f/%d) " % (i, i) + "text " * 200 + "\n")
        total += len(pads[-1])
        i += 1
    write("table-nxn-64m.md", head + table + "\n" + "".join(pads))
PY

printf '%-22s %-7s %8s %8s %8s %s\n' input phase wall_s user_s rss_mb status
measure() {
	name=$1 phase=$2; shift 2
	status=0
	/usr/bin/time -f '%e %U %M' -o "$work/time" "$@" >/dev/null 2>"$work/err" || status=$?
	set -- $(tail -n 1 "$work/time")
	printf '%-22s %-7s %8s %8s %8d %s %s\n' "$name" "$phase" "$1" "$2" $(($3 / 1024)) "$status" \
		"$(head -c 100 "$work/err" | head -n 1)"
}
for file in "$work"/*.md; do
	name=$(basename "$file" .md)
	db=$work/$name.db
	measure "$name" parse "$radar" parse "$file"
	measure "$name" import "$radar" --db "$db" import "$file"
	id=$("$radar" --db "$db" ls --json 2>/dev/null | head -n 1 | sed -n 's/.*"id": *\([0-9]*\).*/\1/p')
	if [ -n "$id" ]; then
		measure "$name" show "$radar" --db "$db" show "$id"
	fi
	rm -f "$db" "$db-wal" "$db-shm" "$file"
done
