#!/usr/bin/env python3
"""A loopback HTTP server for radar's feed tests: serves the files of --root
with the Content-Type their extension maps to (overridable with
--type PATH=TYPE), an ETag and Last-Modified per file, 304 on a matching
If-None-Match, the files named by --gzip PATH (stored gzip-compressed) sent
as they are with Content-Encoding: gzip, logs requests as JSON lines to --log, and exits after
--lifetime seconds."""
import argparse
import hashlib
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TYPES = {".rss": "application/rss+xml", ".atom": "application/atom+xml",
         ".rdf": "application/rdf+xml", ".html": "text/html; charset=utf-8",
         ".md": "text/markdown; charset=utf-8", ".xml": "application/xml",
         ".bin": "application/octet-stream"}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        args = self.server.args
        path = self.path.split("?")[0]
        with open(args.log, "a") as log:
            log.write(json.dumps({"path": path,
                                  "if_none_match": self.headers.get("If-None-Match")}) + "\n")
        file = os.path.join(args.root, path.lstrip("/"))
        if ".." in path or not os.path.isfile(file):
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        with open(file, "rb") as f:
            body = f.read()
        etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        ctype = self.server.types.get(path) or TYPES.get(os.path.splitext(path)[1], "text/plain")
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        if path in args.gzip:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", "Mon, 02 Feb 2026 00:00:00 GMT")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--root", required=True)
    p.add_argument("--log", required=True)
    p.add_argument("--port-file", required=True)
    p.add_argument("--lifetime", type=float, default=300)
    p.add_argument("--type", action="append", default=[])
    p.add_argument("--gzip", action="append", default=[])
    args = p.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.args = args
    server.types = dict(t.split("=", 1) for t in args.type)
    threading.Timer(args.lifetime, server.shutdown).start()
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(tmp, args.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
