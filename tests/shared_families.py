"""TAP checks of the facts ../shared/families/README.md states, one family
folder at a time, with a per-family scoreboard at the end.  Also the
cross-digest check that `radar ls --sort mentions` over every shared digest
ranks real items first."""
import collections
import json
import os
import re
import subprocess
import sys

radar, shared, work = sys.argv[1], sys.argv[2], sys.argv[3]
families = shared + "/families"
count = 0
failures = 0
board = collections.OrderedDict()

# Labels no person would write down as an item's name (any language).
GENERIC = re.compile(r"^\s*(🔗\s*)?(消息来源|来源|原文链接|原文|链接|link|source|read more|"
                     r"원문 기사 보러가기|원문|記事ページへ↗?|記事|\[?link\]?)\s*$", re.I)


def ok(family, cond, name, diag=None):
    global count, failures
    count += 1
    passed, total = board.get(family, (0, 0))
    board[family] = (passed + bool(cond), total + 1)
    if not cond:
        failures += 1
    print(("ok" if cond else "not ok") + " %d - %s: %s" % (count, family, name))
    if not cond and diag is not None:
        for line in str(diag).splitlines()[:12]:
            print("#   " + line)
    sys.stdout.flush()


def parse(path):
    proc = subprocess.run([radar, "parse", path], capture_output=True, timeout=120)
    items = [json.loads(l) for l in proc.stdout.decode("utf-8").splitlines()]
    return proc.returncode, items


def titles(items):
    return [i["title"] for i in items]


def has_title(items, title):
    return any(i["title"] == title for i in items)


def kinds(items):
    return collections.Counter(i["kind"] for i in items)


# The digests' dates come from the cache: import each family once.
db = work + "/families.db"
proc = subprocess.run([radar, "--db", db, "import", families], capture_output=True, timeout=300)
digest_dates = {}
digest_counts = {}
proc = subprocess.run([radar, "--db", db, "digests", "--json"], capture_output=True, timeout=120)
for line in proc.stdout.decode("utf-8").splitlines():
    d = json.loads(line)
    digest_dates[os.path.basename(d["location"])] = d["date"] or ""
    digest_counts[os.path.basename(d["location"])] = d["items"]

items_of = {}
for family in sorted(os.listdir(families)):
    folder = families + "/" + family
    if not os.path.isdir(folder):
        continue
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".md"):
            continue
        rc, items = parse(folder + "/" + name)
        items_of[name] = items
        short = name[:24]
        ok(family, rc == 0, "%s: parse exits 0" % short)
        bad = [t for t in titles(items) if GENERIC.match(t) or not t.strip()]
        ok(family, not bad, "%s: no title is a link label or empty" % short, bad[:5])
        bad = [t for t in titles(items) if re.search(r"\(Score: *\d+\)\s*$", t) or
               re.match(r"^\s*(\d{1,3}[.)、]|\[\d+\])\s", t)]
        ok(family, not bad, "%s: no title keeps numbering or a score" % short, bad[:5])
        bad = [i["summary"] for i in items if i["summary"] and
               re.match(r"^\s*(\S{1,12})\s*[:：]?\s*$", i["summary"])]
        ok(family, not bad, "%s: no summary is a lone label" % short, bad[:5])
        ok(family, digest_counts.get(name) == len(items), "%s: the cache keeps every item apart" % short,
           (digest_counts.get(name), len(items)))


def one(prefix):
    for name, items in items_of.items():
        if name.startswith(prefix):
            return name, items
    return prefix, []


def text_of(prefix):
    """The text of the family file whose name starts with prefix."""
    for family in os.listdir(families):
        folder = families + "/" + family
        if os.path.isdir(folder):
            for name in os.listdir(folder):
                if name.startswith(prefix):
                    with open(folder + "/" + name, encoding="utf-8") as f:
                        return f.read()
    return ""


def heading_titles(prefix, level):
    """The file's numbered headings of a level, numbering cut: the titles
    a person reads there."""
    return [m.group(1).strip() for m in
            re.finditer(r"^%s \d+\.\s*(.+)$" % ("#" * level), text_of(prefix), re.M)]


def titled_by_headings(family, prefix, level, extra=()):
    name, items = one(prefix)
    heads = heading_titles(prefix, level)
    bad = [i["title"] for i in items if i["title"] not in heads and i["title"] not in extra]
    ok(family, items and len(heads) == len(items) and not bad,
       "%s: every title is its numbered heading without the number" % prefix[:24], bad[:5] or len(heads))


def date_is(family, prefix, date):
    name, _ = one(prefix)
    got = digest_dates.get(name, "")
    ok(family, got.startswith(date), "%s: digest date %s" % (prefix[:24], date), got)


# reddit-ai-pulse
f = "reddit-ai-pulse"
name, items = one("2025-11-18_llm_localllama")
ok(f, len(items) == 16, "11-18: exactly 16 items", len(items))
ok(f, items and all(i["kind"] == "discussion" for i in items), "11-18: all discussions", kinds(items))
ok(f, len({i["key"] for i in items}) == len(items) and
   len({i["title"].lower() for i in items}) == len(items), "11-18: each post once")
ok(f, has_title(items, "Gemma 4!!!"), "11-18: the image-only post is an item", titles(items))
ok(f, has_title(items, "DR Tulu: An open, end-to-end training recipe for long-form deep research"),
   "11-18: DR Tulu titled by its post", titles(items))
ok(f, not any(re.match(r"^(Summary|Emotion|Top 3 Points of View)", t) for t in titles(items)),
   "11-18: labels are not items", titles(items))
text = text_of("2025-11-18_llm_localllama")
h1 = [m.group(1).strip() for m in re.finditer(r"^# (.+)$", text, re.M)]
ok(f, h1 and not any(i["title"] in h1 for i in items), "11-18: the H1 headings are not items", h1)
# Links inside a post's "Points of View" bullets are the commenters' references, not posts.
pov = set()
for block in re.findall(r"Points of View:?\**\s*\n((?:[ \t]+[*-][^\n]*\n?)+)", text):
    pov.update(re.findall(r"\]\((https?://[^)\s]+)\)", block))
posts = set(re.findall(r"^\s*\d+\.\s+\[[^\n]*?\]\((https?://[^)\s]+)\)", text, re.M))
ok(f, not any(i["url"] in pov - posts for i in items), "11-18: links inside the points of view are not items",
   sorted(pov - posts)[:5])
date_is(f, "2025-11-18_llm_localllama", "2025-11-18")
name, items = one("2025-07-20_llm_localllama")
ok(f, len(items) == 18, "07-20: exactly 18 posts", len(items))
ok(f, len({i["key"] for i in items}) == len(items) and
   len({i["title"].lower() for i in items}) == len(items), "07-20: each post once (the Detailed Analysis merges)")
date_is(f, "2025-07-20_llm_localllama", "2025-07-20")

# trendspire
f = "trendspire"
for prefix, date in (("trending_2025-07-10", "2025-07-10"), ("trending_2026-08-22", "2026-08-22")):
    name, items = one(prefix)
    ok(f, len(items) == 10 and all(i["kind"] == "project" for i in items),
       "%s: exactly 10 projects" % prefix, kinds(items))
    ok(f, items and all(re.match(r"^[\w.-]+/[\w.-]+$", i["title"]) for i in items),
       "%s: titled owner/repo" % prefix, titles(items))
    ok(f, items and all(re.match(r"^https://github\.com/[\w.-]+/[\w.-]+$", i["url"] or "")
                        for i in items), "%s: main URL is the repository" % prefix,
       [i["url"] for i in items])
    date_is(f, prefix, date)

# ko-ai-news-automation
f = "ko-ai-news-automation"
for prefix in ("2026-02-19_1406_AI_News", "2026-02-19_AI_News"):
    name, items = one(prefix)
    ok(f, len(items) == 20 and all(i["kind"] == "article" for i in items),
       "%s: exactly 20 articles" % prefix, kinds(items))
    ok(f, items and all("news.google.com" in (i["url"] or "") for i in items),
       "%s: the credit link is the main URL" % prefix)
    ok(f, not any(re.match(r"^\s*(분류|요약)", i["summary"] or "") for i in items),
       "%s: field labels are not summaries" % prefix, [i["summary"] for i in items][:3])
    date_is(f, prefix, "2026-02-19")
name, items = one("2026-02-19_AI_News")
ok(f, has_title(items, "생성형 AI, 팬덤의 미래인가?"), "the heading without its number is the title",
   titles(items))
for prefix in ("2026-02-19_1406_AI_News", "2026-02-19_AI_News"):
    titled_by_headings(f, prefix, 2)

# ja-ainews-tldr
f = "ja-ainews-tldr"
name, items = one("2025-07-05_2314")
ok(f, len(items) == 6, "07-05: exactly 6 items", len(items))
ok(f, has_title(items, "ChatGPTによるWebポータル検証で限界判明、バックエンド構築の必要性を実証"),
   "07-05: heading titles", titles(items))
ok(f, len({i["title"] for i in items}) == 6, "07-05: the 目次 entries are not items (each title once)",
   titles(items))
ok(f, not any(re.search(r"insights|目次", i["title"] + " " + i["section"], re.I) for i in items),
   "07-05: the closing placeholder section is not an item", [(i["title"], i["section"]) for i in items])
titled_by_headings(f, "2025-07-05_2314", 2)
date_is(f, "2025-07-05_2314", "2025-07-05")
name, items = one("2025-06-27_2329")
ok(f, len(items) == 6, "06-27: 6 items", len(items))
titled_by_headings(f, "2025-06-27_2329", 2)
date_is(f, "2025-06-27_2329", "2025-06-27")

# ja-myapp-mojibake
f = "ja-myapp-mojibake"
name, items = one("2025-11-16--AI-news")
ok(f, len(items) == 16, "11-16: exactly 16 rows", len(items))
ok(f, has_title(items, "AIが日本企業に与える影響：『創る』『組み込む』『使う』の3つの軸"),
   "11-16: title from the タイトル cell", titles(items))
ok(f, not any("記事ページへ" in t for t in titles(items)), "11-16: never 記事ページへ↗")
item = next((i for i in items if i["title"].startswith("AIが日本企業に与える影響")), None)
ok(f, item is not None and "itmedia.co.jp/news/articles/" in (item["url"] or ""),
   "11-16: main URL from the 引用元 cell", item and item["url"])
name, items = one("2025-W46--AI-news")
ok(f, 20 <= len(items) <= 30, "W46: about 25 items", len(items))
ok(f, has_title(items, "Claude開発のAnthropic、アジア初のオフィスを東京に開設"), "W46: article titles",
   titles(items))
date_is(f, "2025-11-16--AI-news", "2025-11-16")
ok(f, not any(re.match(r"^\d{4}-\d{2}-\d{2}$", t) for t in titles(items)),
   "W46: the 日別ページ rows are navigation", titles(items))
ok(f, not any("ここにタイトル" in t or t.startswith("テスト") for t in titles(items)),
   "W46: the obvious placeholder and test rows are dropped", titles(items))

# zh-aiheadline
f = "zh-aiheadline"
for prefix, n, date in (("2025-08-25_twitter", 19, "2025-08-25"), ("2025-09-19_twitter", 16, "2025-09-19")):
    name, items = one(prefix)
    tweets = [i for i in items if i["kind"] == "tweet"]
    ok(f, abs(len(tweets) - n) <= 1 and len(items) - len(tweets) <= 1,
       "%s: %d tweets (+-1)" % (prefix, n), kinds(items))
    ok(f, not any(i["title"] == "消息来源" for i in items), "%s: no title 消息来源" % prefix)
    ok(f, not any(re.match(r"^\d+\.", i["title"]) or i["kind"] != "tweet" and
                  not i["url"] for i in items), "%s: cluster headings are not items" % prefix)
    ok(f, items and all(re.match(r"^https://(x|twitter)\.com/\w+/status/\d+$", i["url"] or "")
                        for i in items if i["kind"] == "tweet"),
       "%s: the trailing credit is the main URL (the tweet)" % prefix, [i["url"] for i in items][:3])
    clusters = [re.sub(r"^\d+\.\s*", "", h) for h in
                re.findall(r"^## (\d+\..+)$", text_of(prefix), re.M)]
    ok(f, clusters and all(any(c in i["tags"] for c in clusters) for i in items),
       "%s: the cluster headings are the tweets' tags" % prefix, clusters[:3])
    date_is(f, prefix, date)
    # Each tweet is titled by its own sentence: the bullet's text before its
    # credit is the title, or the title and then the summary when a long
    # sentence was cut; no summary means the title is the whole text.
    bullets = {u: t.strip() for t, u in
               re.findall(r"^- (.+?)\s*\[[^\]]*\]\((https?://[^)\s]+)\)\s*$", text_of(prefix), re.M)}
    bad = [(i["title"], i["summary"]) for i in items
           if re.sub(r"\W", "", bullets.get(i["url"], "")) !=
           re.sub(r"\W", "", i["title"] + (i["summary"] or ""))]
    ok(f, bullets and not bad, "%s: each tweet's title (and summary) is its own sentence, whole" % prefix,
       bad[:3])
name, items = one("2025-08-25_twitter")
ok(f, has_title(items, "Hugging Face推出免费AI课程，涵盖LLM和扩散模型，并提供认证。"),
   "a tweet is titled by its own sentence", titles(items)[:4])

# zh-ai-news-daily-bilingual
f = "zh-ai-news-daily-bilingual"
name, items = one("ai_news_daily_20260325")
k = kinds(items)
ok(f, len(items) == 50, "0325: exactly 50 items", len(items))
ok(f, k["paper"] == 25, "0325: 25 arXiv papers", k)
rd = sum(1 for i in items if "reddit.com" in (i["url"] or "") and i["kind"] == "discussion")
ok(f, k["discussion"] == 6 and rd == 2, "0325: 4 Hacker News and 2 Reddit discussions", (k, rd))
ok(f, has_title(items, "Claude 决定亲手「杀死」OpenClaw"), "0325: the ### N. heading is the title",
   titles(items)[:5])
ok(f, not any("原文链接" in t for t in titles(items)), "0325: never 原文链接")
titled_by_headings(f, "ai_news_daily_20260325", 3,
                   [m.strip() for m in re.findall(r"^原文[:：]\s*(.+)$", text_of("ai_news_daily_20260325"), re.M)])
date_is(f, "ai_news_daily_20260325", "2026-03-24")
name, items = one("ai_news_daily_20260131")
ok(f, len(items) == 16, "0131: exactly 16 items", len(items))
ok(f, sum(1 for i in items if "bing.com/news/search" in (i["url"] or "")) > len(items) // 2,
   "0131: search-query URLs are kept as main URLs (most items)")
titled_by_headings(f, "ai_news_daily_20260131", 3)
date_is(f, "ai_news_daily_20260131", "2026-01-30")

# zh-arxiv-daily
f = "zh-arxiv-daily"
name, items = one("2026-08-21_index")
ok(f, items == [], "index: a TOC-only file has no items", titles(items))
name, items = one("2026-08-21_01")
ok(f, len(items) == 3 and all(i["kind"] == "paper" for i in items), "part-01: exactly 3 papers", kinds(items))
name, items = one("2026-08-21_02")
ok(f, len(items) == 16 and all(i["kind"] == "paper" for i in items), "part-04: exactly 16 papers",
   kinds(items))
ok(f, not any(re.search(r"返回|上一页|下一页|arXiv", t) and not i["key"].startswith("arxiv:")
              for t, i in zip(titles(items), items)), "part-04: navigation is not an item")
heads = re.findall(r"^### (\d+)\. \[(.+)\]\((https?://arxiv\.org/abs/[^)]+)\)", text_of("2026-08-21_02"), re.M)
ok(f, [int(n) for n, _, _ in heads] == list(range(151, 167)) and
   [i["title"] for i in items] == [t for _, t, _ in heads] and
   [i["key"] for i in items] == ["arxiv:" + u.rsplit("/", 1)[1].split("v")[0] for _, _, u in heads],
   "part-04: papers 151-166 titled and keyed by their heading links", [t for _, t, _ in heads][:3])
for prefix in ("2026-08-21_index", "2026-08-21_01", "2026-08-21_02"):
    date_is(f, prefix, "2026-08-21")

# Across everything: the most mentioned items are real items.
f = "mentions"
db = work + "/all.db"
subprocess.run([radar, "--db", db, "import", shared + "/digests", families], capture_output=True,
               timeout=600)
proc = subprocess.run([radar, "--db", db, "ls", "--json", "--sort", "mentions", "--limit", "20"],
                      capture_output=True, timeout=120)
top = [json.loads(l) for l in proc.stdout.decode("utf-8").splitlines()]
spurious = [r["title"] for r in top if GENERIC.match(r["title"]) or
            re.search(r"subscribe|podcast|订阅|返回|back to top|discord|#[a-z-]+$", r["title"], re.I)]
ok(f, len(top) == 20 and not spurious, "top 20 by mentions holds no promo, navigation or channel",
   spurious or len(top))

print("1..%d" % count)
for family, (passed, total) in board.items():
    print("# scoreboard %-28s %3d/%d" % (family, passed, total))
print("# scoreboard %-28s %3d/%d" % ("TOTAL", count - failures, count))
sys.exit(1 if failures else 0)
