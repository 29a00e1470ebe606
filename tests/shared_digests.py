"""TAP checks of radar's extraction on the real digests in ../shared/digests."""
import json
import re
import subprocess
import sys

radar, digests, work = sys.argv[1], sys.argv[2], sys.argv[3]
count = 0
failures = 0


def ok(cond, name, diag=None):
    global count, failures
    count += 1
    if not cond:
        failures += 1
    print(("ok" if cond else "not ok") + " %d - %s" % (count, name))
    if not cond and diag is not None:
        for line in str(diag).splitlines()[:20]:
            print("#   " + line)
    sys.stdout.flush()


def parse(name):
    proc = subprocess.run([radar, "parse", "%s/%s" % (digests, name)],
                          capture_output=True, timeout=120)
    items = []
    for line in proc.stdout.decode("utf-8").splitlines():
        items.append(json.loads(line))
    return proc.returncode, items, proc.stderr.decode("utf-8", "replace")


def keys(items):
    return [i["key"] for i in items]


def titles(items):
    return [i["title"] for i in items]


def clean(items):
    """No control characters, no raw HTML in any text field."""
    for i in items:
        for field in ("title", "summary", "section"):
            v = i.get(field) or ""
            if re.search(r"[\x00-\x08\x0b-\x1f\x7f\u0080-\u009f\u202a-\u202e\u2066-\u2069]", v):
                return False
            if re.search(r"<(div|details|summary|/div|/details|script|iframe)\b", v):
                return False
    return True


# Every file: valid JSON Lines with the required fields, exit 0.
required = {"key", "kind", "title", "url", "links", "tags", "section", "date", "summary"}
kinds = {"paper", "project", "tweet", "discussion", "article", "video", "podcast", "note"}
all_items = {}
import os
for name in sorted(os.listdir(digests)):
    if not name.endswith(".md") or name == "README.md":
        continue
    rc, items, err = parse(name)
    all_items[name] = items
    ok(rc == 0, "%s: parse exits 0" % name, err)
    ok(all(required <= set(i) for i in items), "%s: every item has the required fields" % name)
    ok(all(i["kind"] in kinds for i in items), "%s: kinds are known" % name)
    ok(all(i["title"].strip() for i in items), "%s: every item has a title" % name,
       [i["key"] for i in items if not i["title"].strip()])
    ok(clean(items), "%s: titles and summaries are clean text" % name)
    ok(all(i["date"] is None or re.match(r"^\d{4}-\d{2}-\d{2}", i["date"]) for i in items),
       "%s: dates are ISO 8601 or null" % name)
    print("# %s: %d items" % (name, len(items)))

# daily-intel
items = all_items["daily-intel-2026-02-14.md"]
ok(len(items) == 16, "daily-intel: exactly 16 items", len(items))
ok(not any(re.search(r"核心技术|实验数据|相关资源|独家洞察", t) for t in titles(items)),
   "daily-intel: #### sub-sections are not items", titles(items))
first = items[0] if items else {"tags": [], "links": [], "date": None, "title": ""}
ok("开源" in first["tags"] and "大模型" in first["tags"], "daily-intel: tags from **标签**", first["tags"])
ok((first["date"] or "").startswith("2026-02-14T09:15"), "daily-intel: item time from **时间**", first["date"])
ok(any("github.com/inclusionAI/Ring-V2.5" in l for l in first["links"]) and
   any("huggingface.co/inclusionAI/Ring-2.5-1T" in l for l in first["links"]) and
   any("modelscope.cn" in l for l in first["links"]),
   "daily-intel: bare URLs under 相关资源 are links of the item", first["links"])
ok(first["title"].startswith("[蚂蚁集团] Ring-2.5-1T"), "daily-intel: title without numbering", first["title"])


def heading_chunks(name, pattern):
    """The document's text cut at each heading matching pattern, in order."""
    with open("%s/%s" % (digests, name), encoding="utf-8") as f:
        text = f.read()
    starts = [m.start() for m in re.finditer(pattern, text, re.M)]
    return [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)])]


# Every bare URL under each item's 相关资源 sub-section, not only the first item's.
def bare(url):
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/")


missing = []
found = 0
chunks = heading_chunks("daily-intel-2026-02-14.md", r"^### \d+\. ")
for chunk, item in zip(chunks, items):
    m = re.search(r"^#### [^\n]*相关资源[^\n]*\n(.*?)(?=^#{1,4} |\Z)", chunk, re.M | re.S)
    # Bare or inside a Markdown link: every URL there; compared without
    # scheme, www. or a closing slash (links are canonicalised).
    for url in re.findall(r"https?://[^\s)>\]]+", m.group(1) if m else ""):
        url = bare(url.rstrip(".,;，。"))
        if not any(url in bare(l) for l in item["links"]):
            missing.append((item["title"][:30], url))
        found += 1
ok(len(chunks) == 16 and found >= 16 and not missing,
   "daily-intel: every URL under 相关资源 is a link of its item", missing or (len(chunks), found))

# ai-daily
items = all_items["ai-daily-2026-02-20.md"]
ok(len(items) == 45, "ai-daily: exactly 45 items", len(items))
ok(not any(t in ("多模态", "大语言模型", "AI 安全", "开源") for t in titles(items)),
   "ai-daily: category headings are not items")
ok(sum(1 for i in items if i["kind"] == "tweet") == 8, "ai-daily: 8 tweets",
   [i["key"] for i in items if i["kind"] == "tweet"])
ok(any("多模态" in i["tags"] for i in items), "ai-daily: category headings are tags")
focus = [i for i in items if "›" not in i["section"] and i["section"] != "快讯速览"]
ok(len(focus) == 3 and len(items) - len(focus) == 42, "ai-daily: 3 focus items and 42 bullets",
   [(i["section"], i["title"][:20]) for i in focus])

# research-scan-2026-02-18
items = all_items["research-scan-2026-02-18.md"]
ok(all((i["date"] or "").startswith("2026-02-18") for i in items) and items,
   "research-scan-02-18: date from front matter")
ok(all("Karpathy" in i["tags"] for i in items) and items, "research-scan-02-18: tags from front matter")
papers = {i["key"] for i in items if i["kind"] == "paper"}
for arxiv_id in ("2602.15776", "2602.15816", "2602.15758", "2602.15814"):
    ok("arxiv:" + arxiv_id in papers, "research-scan-02-18: paper %s" % arxiv_id, sorted(papers))
projects = {i["key"] for i in items if i["kind"] == "project"}
for key in ("github:karpathy/nanochat", "github:davideast/stitch-mcp", "github:avifenesh/agentsys",
            "github:taylorwilsdon/google_workspace_mcp", "github:maxritter/claude-pilot"):
    ok(key in projects, "research-scan-02-18: table row %s is a project" % key, sorted(projects))
ok(any(k.startswith("gist:") for k in projects), "research-scan-02-18: the gist row is a project", sorted(projects))
ok(len(papers) == 4, "research-scan-02-18: exactly 4 papers", sorted(papers))
rows = [i for i in items if i["section"].endswith("本周热门项目")]
ok(len(rows) == 6 and all(i["kind"] == "project" for i in rows) and len({i["key"] for i in rows}) == 6,
   "research-scan-02-18: the 6 table rows are 6 projects", [(i["kind"], i["key"]) for i in rows])

# research-scan-2026-02-19
items = all_items["research-scan-2026-02-19.en.md"]
by_key = {i["key"]: i for i in items}
for arxiv_id, start in (("2602.14849", "Atomix"), ("2602.15294", "EAA"), ("2602.15513", "Human-Inspired"),
                        ("2602.15382", "Latent-Space"), ("2602.15724", "VLN")):
    item = by_key.get("arxiv:" + arxiv_id)
    ok(item is not None and item["kind"] == "paper" and item["title"].startswith(start),
       "research-scan-02-19: heading with arXiv:%s is a paper titled %s..." % (arxiv_id, start),
       item and item["title"])
ok(not any(re.search(r"Forecast|Recommendations|Bottom Line|For ML Engineers", t) for t in titles(items)),
   "research-scan-02-19: commentary sections are not items", titles(items))

# research-scan-2026-03-16-hourly
items = all_items["research-scan-2026-03-16-hourly.md"]
slots = [i for i in items if re.match(r"^\d\d:00-\d\d:00", i["title"])]
ok(len(slots) == 7, "hourly: one item per time slot", titles(items))
ok(all(len(i["title"]) > len("00:00-01:00") + 2 for i in slots), "hourly: titles carry the lead subject",
   titles(slots))
ok(slots and any("github.com/karpathy/nanochat" in l for l in slots[0]["links"]) and
   any("github.com/karpathy/autoresearch" in l for l in slots[0]["links"]),
   "hourly: backticked repo names and inline links are links of the slot", slots and slots[0]["links"])
ok(all((i["date"] or "").startswith("2026-03-16") for i in slots) and slots, "hourly: date from front matter")

# weekly-reading-2025W12.zh-CN
items = all_items["weekly-reading-2025W12.zh-CN.md"]
ok(len(items) == 77, "W12: exactly 77 items", len(items))
ok(not any(i["url"] and i["url"].startswith("#") for i in items), "W12: the table of contents yields nothing")
ok(not any(i["section"].startswith("目录") or i["title"] == "目录" for i in items),
   "W12: no item comes from the 目录 section")
notes = [i for i in items if i["kind"] == "note"]
ok(notes and all(i["url"] is None for i in notes), "W12: [[wikilink]] items are notes without URL", len(notes))
ok(any(i["title"] == "Git 仓库迁移" for i in items), "W12: item titles are the #### headings")

# weekly-reading-2025W10.en
items = all_items["weekly-reading-2025W10.en.md"]
ok(len(items) > 100, "W10: well over 100 link bullets are items", len(items))
ok(all(i["kind"] == "tweet" for i in items if re.search(r"(x|twitter)\.com/[^/]+/status/", i["url"] or "")),
   "W10: x.com status links are tweets")
ok(all(i["kind"] == "project" for i in items if re.match(r"https://github\.com/[^/]+/[^/]+$", i["url"] or "")),
   "W10: github.com repositories are projects")
ok(any("Mac Studio (M4 Max or M3 Ultra)" in i["tags"] for i in items), "W10: topic headings are tags")

# stub and front-matter-only
ok(all_items["weekly-reading-2025W20-stub.en.md"] == [], "W20 stub: no items")
ok(all_items["ainews-25-07-15-frontmatter-only.md"] == [], "ainews front matter only: no items")

# ainews-26-06-25
items = all_items["ainews-26-06-25.md"]
# Front-matter entity lists name the digest's subjects: each is a tag of the
# items that mention it, not of every item.
ok(any("glm-5.2" in i["tags"] for i in items) and
   all(("glm-5.2" in i["tags"]) == ("glm-5.2" in (i["title"] + " " + (i["summary"] or "")).lower() or
                                    "glm-5.2" in i["tags"]) for i in items),
   "ainews: tags from the front-matter lists")
ok(items and max(len(i["tags"]) for i in items) <= 10,
   "ainews: front-matter entity lists are not 30 tags on every item",
   items and max(len(i["tags"]) for i in items))
ok(sum(1 for i in items if i["kind"] == "tweet") >= 10, "ainews: Twitter recap bullets are tweets")
reddit = [i for i in items if i["kind"] == "discussion"]
ok(len(reddit) >= 8, "ainews: Reddit recap bullets are discussions", len(reddit))
ok(not any(t.startswith(("A commenter", "One commenter", "Another")) for t in titles(items)),
   "ainews: nested comment bullets belong to their parent")

# arxiv-digest
items = all_items["arxiv-digest-2025-06-20.md"]
ok(len(items) == 19, "arxiv digest: exactly 19 items", len(items))
ok(all(i["kind"] == "paper" and re.match(r"^arxiv:\d{4}\.\d{4,5}$", i["key"]) for i in items),
   "arxiv digest: all papers keyed by arXiv id", keys(items))
ok(items and items[0].get("authors", "").startswith("Shuliang Liu"), "arxiv digest: authors from the italic line",
   items and items[0].get("authors"))
ok(items and "contrastive learning" in items[0]["tags"], "arxiv digest: keywords are tags", items and items[0]["tags"])
ok(items and items[0]["summary"] and items[0]["summary"].startswith("This paper introduces HiURE"),
   "arxiv digest: the TL;DR is the summary", items and items[0]["summary"])

# Cross-file: import everything; the same thing in two digests is one item.
db = work + "/cross.db"
proc = subprocess.run([radar, "--db", db, "import", digests], capture_output=True, timeout=300)
ok(proc.returncode == 0, "import of all shared digests exits 0", proc.stderr.decode("utf-8", "replace"))
proc = subprocess.run([radar, "--db", db, "ls", "--json"], capture_output=True, timeout=120)
rows = [json.loads(l) for l in proc.stdout.decode("utf-8").splitlines()]
by_key = {r["key"]: r for r in rows}
ok("github:karpathy/nanochat" in by_key and by_key["github:karpathy/nanochat"]["mentions"] >= 2,
   "karpathy/nanochat from several digests is one item with several mentions",
   by_key.get("github:karpathy/nanochat"))
ok(len(rows) == len(by_key), "every key is listed once")
proc = subprocess.run([radar, "--db", db, "import", digests], capture_output=True, timeout=300)
proc2 = subprocess.run([radar, "--db", db, "ls", "--json"], capture_output=True, timeout=120)
ok([json.loads(l) for l in proc2.stdout.decode("utf-8").splitlines()] == rows,
   "importing the shared digests twice changes nothing")

# What only the cache shows: the digest's own text and listing.
proc = subprocess.run([radar, "--db", db, "digests", "--json"], capture_output=True, timeout=120)
listed = {os.path.basename(d["location"]): d for d in
          (json.loads(l) for l in proc.stdout.decode("utf-8").splitlines())}


def digest_text(name):
    d = listed.get(name)
    if d is None:
        return ""
    proc = subprocess.run([radar, "--db", db, "show", "--digest", str(d["id"])], capture_output=True,
                          timeout=120)
    return proc.stdout.decode("utf-8", "replace")


# daily-intel's #### sub-sections are read as part of their item: its article shows them.
listing = subprocess.run([radar, "--db", db, "ls", "--json", "--all"], capture_output=True,
                         timeout=120).stdout.decode("utf-8").splitlines()
first = all_items["daily-intel-2026-02-14.md"][:1]
row = next((json.loads(l) for l in listing
            if first and json.loads(l)["key"] == first[0]["key"]), None)
article = ""
if row:
    article = subprocess.run([radar, "--db", db, "show", str(row["id"]), "--width", "200"],
                             capture_output=True, timeout=120).stdout.decode("utf-8", "replace")
ok(all(w in article for w in ("核心技术", "实验数据", "独家洞察", "相关资源")),
   "daily-intel: the #### sub-sections belong to their item (its article holds them)", article[:300])

# ainews: a recap bullet's nested comment bullets are read with it (its
# article shows them), found in the file rather than copied here.
with open("%s/ainews-26-06-25.md" % digests, encoding="utf-8") as f:
    m = re.search(r"^  - \*\*\[[^\n]*?\]\((https://www\.reddit\.com/[^)\s]+)\)[^\n]*\n\s*\n((?:    - [^\n]*\n)+)",
                  f.read(), re.M)
comments = [re.sub(r"[\W_]", "", re.sub(r"[*`]", "", c))[:40] for c in re.findall(r"^    - (.+)$", m.group(2), re.M)] if m else []
by_url = {}
for l in listing:
    r = json.loads(l)
    by_url.setdefault(r["url"], r)
row = by_url.get(m.group(1)) if m else None
article = ""
if row:
    article = subprocess.run([radar, "--db", db, "show", str(row["id"]), "--width", "1000"],
                             capture_output=True, timeout=120).stdout.decode("utf-8", "replace")
flat = re.sub(r"[\W_]", "", article)
ok(comments and all(c in flat for c in comments),
   "ainews: nested comment bullets belong to their parent item (its article holds them)",
   (m and m.group(1), len(comments), article[:200]))

d = listed.get("ainews-25-07-15-frontmatter-only.md")
ok(d is not None and d["items"] == 0 and d["title"].startswith("Voxtral") and
   (d.get("description") or "").startswith("**Mistral**"),
   "ainews front matter only: the digest is listed with its title and description", d)
lines = digest_text("research-scan-2026-02-18.md").splitlines()
code = [l for l in lines if l.strip().startswith(("class CodeExecution:", "def execute(self, code: str):"))]
ok(len(code) == 2 and code[1].index("def") > code[0].index("class"),
   "research-scan-02-18: the code block under 执行能力的泛化 stays a code block (its lines and indents kept)",
   code)
text = digest_text("research-scan-2026-02-19.en.md")
ok(all(re.search(w, text) for w in ("Forecast", "Recommendations", "Bottom Line")),
   "research-scan-02-19: the commentary sections stay readable in the digest")

print("1..%d" % count)
sys.exit(1 if failures else 0)
