#!/usr/bin/env python3
"""radar's synthetic benchmark corpus: S sources x I items of Chinese AI-news
digests in Markdown (~1.5 KB per item, CJK with Latin terms and emoji), 10% of
the stories repeated across sources, as a loopback server would serve them.

    tools/gen-corpus.py DIR --sources S --items I [--per-digest N] [--seed K]

writes DIR/sSSS/YYYY-MM-DD.md (one directory per source, one digest per day
ending today, newest first, N items each) and DIR/config (one dated `source`
line per source, URLs on http://127.0.0.1:PORT/, PORT substituted by the
benchmark).  The same items as RSS 2.0, one feed per source, for the feed
variant and for other readers: DIR/feeds/sSSS.xml, DIR/feeds.config (radar's
`source` lines) and DIR/feeds.urls (one URL a line: newsboat's urls file,
sfeed's feeds).  DIR/feeds-moved/sSSS.xml is each feed a day later: its
window moved by --moved (default 10%) of its entries, the oldest dropped and
as many new stories on top (for the benchmark's "window moved" refresh, which
keeps the dropped entries and adds the new).  Deterministic for a given seed.
Not part of `make check`."""
import argparse
import datetime
import email.utils
import html
import os
import random
import zlib

ZH_TERMS = ["大语言模型", "多模态", "智能体", "强化学习", "蒸馏", "推理", "长上下文", "稀疏注意力",
            "混合专家", "对齐", "微调", "检索增强生成", "向量数据库", "开源", "评测", "基准",
            "算力", "芯片", "训练数据", "合成数据", "提示词", "思维链", "幻觉", "安全", "量化",
            "端侧部署", "视频生成", "语音识别", "机器人", "具身智能", "代码生成", "数学推理",
            "上下文窗口", "知识图谱", "搜索引擎", "编程助手", "自动驾驶", "医疗影像", "蛋白质结构"]
ZH_WORDS = ["研究团队", "提出", "一种", "新的", "方法", "显著", "提升", "了", "模型", "在", "多个",
            "任务", "上", "的", "表现", "同时", "降低", "成本", "实验", "结果", "表明", "该", "框架",
            "能够", "有效", "解决", "问题", "并且", "支持", "中文", "场景", "社区", "发布", "最新",
            "版本", "性能", "超过", "此前", "公开", "论文", "代码", "数据集", "用户", "开发者",
            "可以", "通过", "接口", "调用", "系统", "效率", "准确率", "显存", "占用", "速度"]
EN_TERMS = ["LLM", "Transformer", "GPT-4o", "Llama", "Qwen", "DeepSeek", "RAG", "MoE", "LoRA",
            "benchmark", "agent", "inference", "tokenizer", "CUDA", "PyTorch", "vLLM", "RLHF",
            "diffusion", "embedding", "context window", "open source", "fine-tuning"]
EMOJI = ["🚀", "🔥", "✨", "📈", "🤖", "🧠", "💡", "⚡", "🎯", "📚"]
ORGS = ["OpenAI", "Anthropic", "Google", "Meta", "阿里巴巴", "百度", "腾讯", "字节跳动", "智谱",
        "月之暗面", "清华大学", "北京大学", "上海人工智能实验室", "微软", "英伟达"]


def sentence(rng, n):
    words = []
    for _ in range(n):
        r = rng.random()
        if r < 0.25:
            words.append(rng.choice(ZH_TERMS))
        elif r < 0.33:
            words.append(" " + rng.choice(EN_TERMS) + " ")
        else:
            words.append(rng.choice(ZH_WORDS))
    text = "".join(words).strip()
    return text + rng.choice(["。", "。", "，并且" + rng.choice(ZH_TERMS) + "。", "！"])


def story(rng, n):
    """One story: title, main URL, tags and body paragraphs."""
    kind = n % 4
    if kind == 0:
        url = "https://arxiv.org/abs/%02d%02d.%05d" % (20 + n // 10**6 % 8, 1 + n // 99999 % 12, n % 99999)
    elif kind == 1:
        url = "https://github.com/%s/%s-%d" % (rng.choice(["ai-lab", "open-llm", "agents", "zh-nlp"]),
                                              rng.choice(["infer", "train", "eval", "tools"]), n)
    elif kind == 2:
        url = "https://x.com/user%d/status/%d" % (n % 997, 10**18 + n)
    else:
        url = "https://news.example.com/ai/%d.html" % n
    title = "%s %s%s：%s" % (rng.choice(EMOJI), rng.choice(ORGS), rng.choice(["发布", "开源", "提出", "推出"]),
                           rng.choice(ZH_TERMS) + rng.choice(["新方法", "框架", "模型", "基准", "工具"]))
    if rng.random() < 0.5:
        title += " " + rng.choice(EN_TERMS)
    tags = rng.sample(ZH_TERMS, 3) + rng.sample(EN_TERMS, 1)
    paragraphs = [" ".join(sentence(rng, rng.randint(12, 17)) for _ in range(rng.randint(2, 3)))
                  for _ in range(3)]
    return title, url, tags, paragraphs


def item_markdown(number, st, date):
    title, url, tags, paragraphs = st
    lines = ["### %d. [%s](%s)" % (number, title, url), "",
             "**时间**: %s 09:%02d **标签**: %s" % (date, number % 60, " ".join("[%s]" % t for t in tags)), "",
             "**一句话摘要**: " + paragraphs[0], ""]
    for p in paragraphs[1:]:
        lines += [p, ""]
    lines += ["- 相关链接：[论文](%s) · [讨论](https://news.example.com/thread/%d) %s" %
              (url, zlib.crc32(url.encode()) % 10**7, EMOJI[number % len(EMOJI)]), ""]
    return "\n".join(lines) + "\n"


def item_rss(number, st, date):
    title, url, tags, paragraphs = st
    when = datetime.datetime.fromisoformat(date).replace(hour=9, minute=number % 60,
                                                          tzinfo=datetime.timezone.utc)
    body = "".join("<p>%s</p>" % html.escape(p) for p in paragraphs)
    return ("<item><title>%s</title><link>%s</link><guid>%s</guid><pubDate>%s</pubDate>%s"
            "<description>%s</description></item>\n" %
            (html.escape(title), html.escape(url), html.escape(url), email.utils.format_datetime(when),
             "".join("<category>%s</category>" % html.escape(t) for t in tags), html.escape(body)))


def write_feed(path, source, items):
    with open(path, "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
                "<title>合成 AI 日报 %s</title><link>https://news.example.com/%s</link>"
                "<description>synthetic</description>\n" % (source, source))
        f.writelines(items)
        f.write("</channel></rss>\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--sources", type=int, default=200)
    ap.add_argument("--items", type=int, default=500, help="items per source")
    ap.add_argument("--per-digest", type=int, default=25)
    ap.add_argument("--repeat", type=float, default=0.10)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--moved", type=float, default=0.10,
                    help="share of each feed's entries replaced in feeds-moved/")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    today = datetime.date.today()
    days = (a.items + a.per_digest - 1) // a.per_digest
    if days > 366:
        raise SystemExit("gen-corpus: at most 366 digests per source (radar's days=); raise --per-digest")
    # Stories shared by several sources: 10% of all items come from this pool.
    shared = [story(random.Random(a.seed * 7919 + k), 10**7 + k) for k in range(max(1, a.sources * a.items // 40))]
    total = 0
    os.makedirs(os.path.join(a.dir, "feeds"), exist_ok=True)
    os.makedirs(os.path.join(a.dir, "feeds-moved"), exist_ok=True)
    tomorrow = (today + datetime.timedelta(days=1)).isoformat()
    with open(os.path.join(a.dir, "config"), "w") as cfg, \
            open(os.path.join(a.dir, "feeds.config"), "w") as fcfg, \
            open(os.path.join(a.dir, "feeds.urls"), "w") as urls:
        for s in range(a.sources):
            rss = []
            sdir = os.path.join(a.dir, "s%03d" % s)
            os.makedirs(sdir, exist_ok=True)
            cfg.write("source s%03d http://127.0.0.1:PORT/s%03d/%%Y-%%m-%%d.md days=%d\n" % (s, s, days))
            left = a.items
            for d in range(days):
                date = (today - datetime.timedelta(days=d)).isoformat()
                count = min(a.per_digest, left)
                left -= count
                out = ["---", "title: 合成 AI 日报 s%03d" % s, "date: %s" % date,
                       "tags: [%s]" % ", ".join(rng.sample(ORGS, 4) + rng.sample(EN_TERMS, 2)), "---", "",
                       "# 🤖 AI 日报 s%03d · %s" % (s, date), "", "## 今日要闻", ""]
                for i in range(count):
                    n = (s * a.items + d * a.per_digest + i)
                    st = rng.choice(shared) if rng.random() < a.repeat else story(rng, n)
                    out.append(item_markdown(i + 1, st, date))
                    rss.append(item_rss(i + 1, st, date))
                    total += 1
                with open(os.path.join(sdir, date + ".md"), "w") as f:
                    f.write("\n".join(out))
            write_feed(os.path.join(a.dir, "feeds", "s%03d.xml" % s), "s%03d" % s, rss)
            # Its own generator, so the corpus above is the same with or
            # without this; story numbers past every other story's.
            moved = int(len(rss) * a.moved)
            mrng = random.Random(a.seed * 104729 + s)
            fresh = [item_rss(i + 1, story(mrng, 2 * 10**7 + s * a.items + i), tomorrow)
                     for i in range(moved)]
            write_feed(os.path.join(a.dir, "feeds-moved", "s%03d.xml" % s), "s%03d" % s,
                       fresh + rss[:len(rss) - moved])
            fcfg.write("source f%03d http://127.0.0.1:PORT/feeds/s%03d.xml\n" % (s, s))
            urls.write("http://127.0.0.1:PORT/feeds/s%03d.xml\n" % s)
    print(total)


if __name__ == "__main__":
    main()
