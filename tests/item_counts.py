"""Checks item_counts (schema 10: the list's counts per source, per kind
and in all, kept by the cache's triggers or by the writer during a bulk
import) against a recount made here in Python from items, mentions and
digests, independent of the SQL the cache recounts with; and
items.last_mentioned the same way.  Prints
"same N" (N keys) or what differs; exits 1 when they differ."""
import sqlite3
import sys

c = sqlite3.connect(sys.argv[1])
want = {}
sources = {}
for item, source in c.execute("SELECT DISTINCT m.item_id, d.source_id FROM mentions m"
                              " JOIN digests d ON d.id = m.digest_id WHERE d.source_id IS NOT NULL"):
    sources.setdefault(item, set()).add(source)
for item, read, starred, boilerplate, kinds in c.execute(
        "SELECT id, read, starred, boilerplate, kinds FROM items"):
    shown = boilerplate == 0 or starred == 1
    counts = (1, int(read == 0), int(shown), int(read == 0 and shown), int(starred == 1))
    keys = [""] + ["k" + k for k in kinds.split(",") if k] + ["s%d" % s for s in sources.get(item, ())]
    for key in keys:
        row = want.setdefault(key, [0, 0, 0, 0, 0])
        for i, n in enumerate(counts):
            row[i] += n
want = {k: tuple(v) for k, v in want.items()}
kept = {}
bad = []
for key, *counts in c.execute("SELECT key, items, unread, shown, shown_unread, starred FROM item_counts"):
    items, unread, shown, shown_unread, starred = counts
    if (min(counts) < 0 or unread > items or shown > items or shown_unread > min(unread, shown)
            or starred > shown):
        bad.append((key, counts))
    if items:
        kept[key] = tuple(counts)
    elif any(counts):
        bad.append((key, counts))
# items.last_mentioned (schema 14, the Hot entry's count): the newest
# sort_date of the item's digests, None when nothing mentions it.
newest = {}
for item, date in c.execute("SELECT m.item_id, d.sort_date FROM mentions m"
                            " JOIN digests d ON d.id = m.digest_id"):
    if item not in newest or date > newest[item]:
        newest[item] = date
if any(row[1] == "last_mentioned" for row in c.execute("PRAGMA table_info(items)")):
    for item, date in c.execute("SELECT id, last_mentioned FROM items"):
        if date != newest.get(item):
            bad.append(("last_mentioned of item %d" % item, date, "recounted", newest.get(item)))
if kept == want and not bad:
    print("same", len(want))
else:
    print("differ: kept", sorted((k, v) for k, v in kept.items() if want.get(k) != v),
          "recounted", sorted((k, v) for k, v in want.items() if kept.get(k) != v),
          "impossible rows", bad)
    sys.exit(1)
