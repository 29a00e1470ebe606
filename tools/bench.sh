#!/bin/sh
# radar's benchmark: the figures the issues ask for, measured on this machine.
# Not part of `make check` (timings do not belong in tests).
#   tools/bench.sh [RADAR]        RADAR defaults to src/radar (of a build directory)
# Uses a temporary directory; needs python3 to generate synthetic digests.
set -eu
radar=${1:-src/radar}
case $radar in /*) ;; *) radar=$(pwd)/$radar ;; esac
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
export LC_ALL=C.UTF-8 TZ=UTC HOME="$work/home" XDG_DATA_HOME="$work/data"
mkdir -p "$HOME"

now_ms() { echo $(($(date +%s%N) / 1000000)); }
measure() { # label command...
	label=$1; shift
	start=$(now_ms)
	"$@" >/dev/null 2>"$work/err" || { echo "$label: failed: $(cat "$work/err")"; return 0; }
	end=$(now_ms)
	printf '%-48s %7d ms\n' "$label" $((end - start))
}

shared="$here/../shared/digests"
if [ -d "$shared" ]; then
	measure "import ../shared/digests (empty cache)" "$radar" --db "$work/shared.db" import "$shared"
	measure "import ../shared/digests again (unchanged)" "$radar" --db "$work/shared.db" import "$shared"
fi
measure "import the demo digests" "$radar" --db "$work/demo.db" import "$here/demo"

python3 - "$work" <<'PY'
import os, sys
work = sys.argv[1]
os.makedirs(work + "/synthetic", exist_ok=True)
# 100 digests x 1000 items = 100k items, CJK titles, links of several kinds.
for d in range(100):
    lines = ["# 合成日报 %03d — 2026-10-%02d\n" % (d, d % 28 + 1)]
    for i in range(1000):
        n = d * 1000 + i
        url = ["https://arxiv.org/abs/2610.%05d" % n, "https://github.com/o%d/r%d" % (n % 97, n),
               "https://x.com/u/status/%d" % (10**18 + n), "https://example.com/p/%d" % n][n % 4]
        lines.append("- **条目 %d：模型与智能体 🚀 item %d** — 说明文字，包含中文与 English。[来源](%s)\n" % (n, n, url))
    with open("%s/synthetic/d%03d.md" % (work, d), "w") as f:
        f.write("".join(lines))
# The same corpus as RSS feeds (one feed per digest, one entry per item).
os.makedirs(work + "/synthetic-rss", exist_ok=True)
for d in range(100):
    entries = []
    for i in range(1000):
        n = d * 1000 + i
        url = ["https://arxiv.org/abs/2610.%05d" % n, "https://github.com/o%d/r%d" % (n % 97, n),
               "https://x.com/u/status/%d" % (10**18 + n), "https://example.com/p/%d" % n][n % 4]
        entries.append("<item><title>条目 %d：模型与智能体 item %d</title><link>%s</link>"
                       "<description>说明文字，包含中文与 &lt;b&gt;English&lt;/b&gt;。</description>"
                       "<category>c%d</category><pubDate>Mon, %02d Oct 2026 09:00:00 +0800</pubDate></item>\n"
                       % (n, n, url, n % 7, d % 28 + 1))
    with open("%s/synthetic-rss/f%03d.rss" % (work, d), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
                "<title>合成订阅 %03d</title><link>https://feed.example/%d</link>\n%s</channel></rss>\n"
                % (d, d, "".join(entries)))
# One 50 MB digest of numbered items.
with open(work + "/big.md", "w") as f:
    size, i = 0, 0
    while size < 50 * 1024 * 1024:
        i += 1
        s = ("### %d. 标题 Title %d\n\n**时间**: 2026-02-14 09:15 **标签**: [a] [b]\n\n"
             "一段文字 some text [link](https://example.com/p/%d).\n\n" % (i % 999 + 1, i, i))
        f.write(s)
        size += len(s.encode())
PY
measure "parse a 50 MB digest" "$radar" parse "$work/big.md"
measure "import 100 digests x 1000 items (100k)" "$radar" --db "$work/big.db" import "$work/synthetic"
measure "import the same as 100 RSS feeds (100k entries)" "$radar" --db "$work/rss.db" import "$work"/synthetic-rss/*.rss
measure "import the 100 RSS feeds again (unchanged)" "$radar" --db "$work/rss.db" import "$work"/synthetic-rss/*.rss
measure "ls --limit 50 on 100k items" "$radar" --db "$work/big.db" ls --limit 50
measure "ls --json of all 100k items (paged)" "$radar" --db "$work/big.db" ls --json
measure "ls --search 模型 --limit 50 (2 chars)" "$radar" --db "$work/big.db" ls --search 模型 --limit 50
measure "ls --search agent --limit 50" "$radar" --db "$work/big.db" ls --search "item 9999" --limit 50
measure "show one item" "$radar" --db "$work/big.db" show 50000 --width 80
# The cache alone (no parsing): 100k items imported, paged, filtered.
builddir=$(dirname "$(dirname "$radar")")
if make -C "$builddir" tests/test-store >/dev/null 2>&1; then
	"$builddir/tests/test-store" --bench | sed -n 's/^# //p'
fi
if [ -x "$here/tools/bench-tui.sh" ]; then
	# The reader's first paint and scrolling, on its own 100k-item cache.
	"$here/tools/bench-tui.sh" "$(dirname "$(dirname "$radar")")" || true
fi
