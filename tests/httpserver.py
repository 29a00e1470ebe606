#!/usr/bin/env python3
"""A loopback HTTP server for radar's refresh tests.

Serves generated digests and misbehaving endpoints on 127.0.0.1 with an
ephemeral port (written to --port-file), logs every request's method, path
and conditional headers as JSON lines to --log, and exits by itself after
--lifetime seconds so a test that dies cannot leave it running."""
import argparse
import datetime
import gzip
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ETAG = '"v1"'
LAST_MODIFIED = "Mon, 01 Jan 2024 00:00:00 GMT"


def english_digest(tag, count=3):
    lines = [f"# Test digest {tag}", "", "## Projects", ""]
    for i in range(1, count + 1):
        lines.append(f"- [Project {tag} {i}](https://github.com/radar-test/{tag}-{i}) "
                     f"- a tool for testing number {i}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def chinese_digest(tag):
    text = (f"# 测试日报 {tag}\n\n## 开源项目\n\n"
            f"- [大模型推理框架 {tag}](https://github.com/radar-test/zh-{tag}-1) - 长上下文的中文摘要\n"
            f"- [多模态评测工具 {tag}](https://github.com/radar-test/zh-{tag}-2) - 支持中文数据集\n")
    return text.encode("gb18030")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def record(self):
        entry = {
            "method": self.command,
            "path": self.path,
            "if_none_match": self.headers.get("If-None-Match"),
            "if_modified_since": self.headers.get("If-Modified-Since"),
            "user_agent": self.headers.get("User-Agent"),
        }
        with self.server.log_lock:
            with open(self.server.log_path, "a") as f:
                f.write(json.dumps(entry) + "\n")

    def send(self, status, body=b"", content_type="text/markdown; charset=utf-8", headers=()):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):
        self.record()
        path = self.path
        if path == "/digest.md":
            if self.headers.get("If-None-Match") == ETAG or \
                    self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                self.send(304, content_type=None, headers=[("ETag", ETAG)])
                return
            self.send(200, english_digest("web"),
                      headers=[("ETag", ETAG), ("Last-Modified", LAST_MODIFIED)])
        elif path == "/gzip.md":
            body = gzip.compress(english_digest("gzip"))
            if "gzip" not in (self.headers.get("Accept-Encoding") or ""):
                self.send(406, b"gzip only\n")
                return
            self.send(200, body, headers=[("Content-Encoding", "gzip")])
        elif path == "/gbk.md":
            self.send(200, chinese_digest("gbk"), "text/markdown; charset=gbk")
        elif path == "/nocharset.md":
            self.send(200, chinese_digest("nocs"), "text/markdown")
        elif path == "/override.md":
            self.send(200, chinese_digest("ovr"), "text/markdown; charset=iso-8859-1")
        elif path.startswith("/daily/"):
            today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
            if path == f"/daily/{today}.md":
                self.send(200, english_digest("daily"))
            else:
                self.send(404, b"no digest that day\n", "text/plain")
        elif path.startswith("/recheck/"):
            # Dated days for the re-check policy (tests/recheck.sh): four days
            # with a digest (304 to their ETag), the rest missing; a day named
            # in the --flaky file answers 500 while the file names it.
            day = path[len("/recheck/"):].removesuffix(".md")
            flaky = self.server.flaky_path
            if flaky and os.path.exists(flaky) and open(flaky).read().strip() == day:
                self.send(500, b"internal error\n", "text/plain")
            elif day in ("2026-03-10", "2026-03-09", "2026-03-08", "2026-03-07",
                         "2026-03-11"):
                etag = '"%s"' % day
                if self.headers.get("If-None-Match") == etag:
                    self.send(304, content_type=None, headers=[("ETag", etag)])
                else:
                    self.send(200, english_digest("recheck" + day.replace("-", "")),
                              headers=[("ETag", etag)])
            else:
                self.send(404, b"no digest that day\n", "text/plain")
        elif path == "/error.md":
            self.send(500, b"internal error\n", "text/plain")
        elif path == "/hang.md":
            time.sleep(self.server.hang_seconds)   # past the client's timeout
            self.send(200, english_digest("late"))
        elif path == "/loop":
            self.send(302, b"", None, headers=[("Location", "/loop")])
        elif path == "/tofile":
            self.send(302, b"", None, headers=[("Location", "file:///etc/passwd")])
        elif path == "/toftp":
            self.send(302, b"", None, headers=[("Location", "ftp://127.0.0.1/digest.md")])
        elif path == "/truncated.md":
            body = english_digest("truncated")
            self.send_response(200)
            self.send_header("Content-Type", "text/markdown")
            self.send_header("Content-Length", str(len(body) + 5000))
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
            self.close_connection = True
        elif path == "/big.md":
            line = b"- [Filler](https://github.com/radar-test/filler) - " + b"x" * 200 + b"\n"
            self.send(200, b"# Big\n\n" + line * 2000)
        elif path.startswith("/slow/"):
            # Drip-fed so a test can kill radar in the middle of transfers.
            tag = "slow" + "".join(c for c in path if c.isalnum())
            body = english_digest(tag, 20)
            self.send_response(200)
            self.send_header("Content-Type", "text/markdown")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            step = max(1, len(body) // 5)
            for i in range(0, len(body), step):
                self.wfile.write(body[i:i + step])
                self.wfile.flush()
                time.sleep(self.server.drip_seconds)
        else:
            self.send(404, b"not found\n", "text/plain")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--lifetime", type=float, default=120)
    parser.add_argument("--hang", type=float, default=10)
    parser.add_argument("--drip", type=float, default=0.05)
    parser.add_argument("--flaky", default=None)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.log_path = args.log
    server.log_lock = threading.Lock()
    server.hang_seconds = args.hang
    server.drip_seconds = args.drip
    server.flaky_path = args.flaky
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(tmp, args.port_file)
    timer = threading.Timer(args.lifetime, lambda: os._exit(0))
    timer.daemon = True
    timer.start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    sys.exit(0)


if __name__ == "__main__":
    main()
