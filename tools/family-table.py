#!/usr/bin/env python3
"""Per family of ../shared/families: items expected (the counts its
README.md states) against items `radar parse` extracts, with the signs of
what is still wrong that a script can see: titles that are labels, slugs,
URLs or domains; items without a summary; titles given twice.

usage: tools/family-table.py [RADAR] [SHARED]   (defaults: src/radar ../shared)
Prints a Markdown table; nothing is written."""
import collections
import json
import os
import re
import subprocess
import sys

radar = sys.argv[1] if len(sys.argv) > 1 else "src/radar"
shared = sys.argv[2] if len(sys.argv) > 2 else "../shared"
families = os.path.join(shared, "families")
if not os.path.isdir(families):
    sys.exit("no %s" % families)

# The README's figures, by the start of the file's name; None where it
# gives none ("about 25": a range).
EXPECTED = {
    "2025-11-18_llm_localllama": (16, 16), "2025-07-20_llm_localllama": (18, 18),
    "trending_": (10, 10),
    "2026-02-19": (20, 20),
    "2025-07-05_2314": (6, 6), "2025-06-27_2329": (6, 6),
    "2025-11-16--AI-news": (16, 16), "2025-W46": (22, 28),
    "2025-08-25_twitter": (18, 20), "2025-09-19_twitter": (15, 17),
    "ai_news_daily_20260325": (50, 50), "ai_news_daily_20260131": (16, 16),
    "2026-08-21_index": (0, 0), "2026-08-21_01": (3, 3), "2026-08-21_02": (16, 16),
}
LABEL = re.compile(r"^\s*(🔗\s*)?(消息来源|来源|原文链接|原文|链接|link|source|read more|"
                   r"원문 기사 보러가기|원문|記事ページへ↗?|記事|\[?link\]?)\s*$", re.I)
SLUG = re.compile(r"^\[[^\]]+\]\s*\S+-\S+$|^[a-z0-9]+(-[a-z0-9]+){2,}$|status-\d+")
URLISH = re.compile(r"^(https?://\S+|[\w.-]+\.[a-z]{2,})$", re.I)


def expected(name):
    for prefix, span in EXPECTED.items():
        if name.startswith(prefix):
            return span
    return None


print("| family | file | expected | extracted | label titles | slug/URL titles | no summary | same title twice |")
print("|---|---|---|---|---|---|---|---|")
totals = collections.Counter()
for family in sorted(os.listdir(families)):
    folder = os.path.join(families, family)
    if not os.path.isdir(folder):
        continue
    for name in sorted(os.listdir(folder)):
        proc = subprocess.run([radar, "parse", os.path.join(folder, name)], capture_output=True,
                              timeout=120)
        items = [json.loads(l) for l in proc.stdout.decode("utf-8").splitlines() if l.strip()]
        span = expected(name)
        titles = [i.get("title") or "" for i in items]
        labels = sum(bool(LABEL.match(t)) for t in titles)
        slugs = sum(bool(SLUG.search(t) or URLISH.match(t)) for t in titles)
        bare = sum(not (i.get("summary") or "").strip() for i in items)
        twice = sum(n - 1 for n in collections.Counter(titles).values() if n > 1)
        if span is None:
            shown, good = "?", None
        else:
            shown = str(span[0]) if span[0] == span[1] else "%d-%d" % span
            good = span[0] <= len(items) <= span[1]
        totals["files"] += 1
        totals["count ok"] += bool(good)
        print("| %s | %s | %s | %d%s | %d | %d | %d | %d |" % (
            family, name[:40], shown, len(items), "" if good else " ✗", labels, slugs, bare, twice))
print()
print("%d of %d files have the expected number of items." % (totals["count ok"], totals["files"]))
