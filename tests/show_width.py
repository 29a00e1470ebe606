"""TAP: every rendered line of `radar show` fits, breaks well and is inert."""
import ctypes
import ctypes.util
import json
import os
import re
import subprocess
import sys

radar, demo, shared, work = sys.argv[1:5]
libc = ctypes.CDLL(ctypes.util.find_library("c"))
libc.setlocale.restype = ctypes.c_char_p
libc.setlocale(6, b"C.UTF-8")  # LC_ALL
libc.wcwidth.argtypes = [ctypes.c_wchar]


def width(line):
    total = 0
    for ch in line:
        w = libc.wcwidth(ch)
        if w < 0:
            return None  # unprintable: never acceptable
        total += w
    return total


CLOSING = tuple("，。、！？）」』》】〕〉；：,.!?)]}…")
# What the renderer draws before a line's text: indentation, quote bars,
# table borders, list and task markers, link and footnote numbers.
PREFIX = re.compile(r"^(?: |> ?|\| ?|[-*] |\d+[.)] |\[[ x]\] |\[\^?\d+\] )*")
BAD = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u0080-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
count = 0
failures = 0
LINK_LINE = re.compile(r"^\[[0-9]+\] +[^ ]+$")
CODE = set()  # lines of the digests' code blocks, which are cut, never wrapped
FENCE = re.compile(r"^(?:\s*>)*\s*(```|~~~)")


def read_code(directory):
    for root, _, files in os.walk(directory):
        for name in files:
            if not name.endswith(".md"):
                continue
            fence = None
            with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                for raw in f:
                    m = FENCE.match(raw)
                    if m and (fence is None or m.group(1) == fence):
                        fence = None if fence else m.group(1)
                    elif fence:
                        CODE.add(re.sub(r"^(?:\s*>)*\s*", "", raw.rstrip("\n")).expandtabs(4))


def is_code(text):
    text = text.rstrip("\u22ef").strip()
    return any(line.startswith(text) for line in CODE)


def ok(cond, name, diag=None):
    global count, failures
    count += 1
    failures += not cond
    print(("ok" if cond else "not ok") + " %d - %s" % (count, name))
    if not cond and diag:
        for line in str(diag).splitlines()[:10]:
            print("#   " + line)
    sys.stdout.flush()


def check(args, label, cols):
    proc = subprocess.run([radar] + args, capture_output=True, timeout=60)
    if proc.returncode != 0:
        return "exit %d: %s" % (proc.returncode, proc.stderr.decode("utf-8", "replace")[:200])
    raw = proc.stdout
    if b"\x1b" in raw:
        return "ESC byte in output"
    text = raw.decode("utf-8")
    if BAD.search(text):
        return "control or bidi character: %r" % BAD.search(text).group(0)
    for n, line in enumerate(text.split("\n"), 1):
        w = width(line)
        # The Links section keeps each URL whole on its line (the terminal
        # wraps it, so copying it stays one link): "[N] URL", no blank.
        if w is not None and w > cols and LINK_LINE.match(line):
            continue
        if w is None or w > cols:
            return "line %d is %s columns: %r" % (n, w, line)
        text = PREFIX.sub("", line)
        if text.startswith(CLOSING) and not is_code(text):
            return "line %d starts with closing punctuation: %r" % (n, line)
    return None


sets = [("demo", demo)]
if os.path.isdir(shared):
    sets.append(("shared", shared))
for label, directory in sets:
    read_code(directory)
    db = os.path.join(work, label + ".db")
    proc = subprocess.run([radar, "--db", db, "import", directory], capture_output=True, timeout=300)
    ok(proc.returncode == 0, "%s: import" % label, proc.stderr.decode("utf-8", "replace"))
    rows = subprocess.run([radar, "--db", db, "ls", "--json"], capture_output=True, timeout=60)
    ids = [json.loads(l)["id"] for l in rows.stdout.decode("utf-8").splitlines()]
    ok(len(ids) > 0, "%s: items to show" % label, len(ids))
    digests = subprocess.run([radar, "--db", db, "digests", "--json"], capture_output=True, timeout=60)
    digest_ids = [json.loads(l)["id"] for l in digests.stdout.decode("utf-8").splitlines()]
    for cols in (20, 40, 80):
        problems = []
        for item_id in ids:
            p = check(["--db", db, "show", str(item_id), "--width", str(cols)], label, cols)
            if p:
                problems.append("item %s: %s" % (item_id, p))
        ok(not problems, "%s: every item at width %d" % (label, cols), "\n".join(problems))
        problems = []
        for digest_id in digest_ids:
            p = check(["--db", db, "show", "--digest", str(digest_id), "--width", str(cols)], label, cols)
            if p:
                problems.append("digest %s: %s" % (digest_id, p))
        ok(not problems, "%s: every whole digest at width %d" % (label, cols), "\n".join(problems))
print("1..%d" % count)
sys.exit(1 if failures else 0)
