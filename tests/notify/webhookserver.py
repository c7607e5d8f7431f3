#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A real HTTP server for the webhook tests (Python's http.server).

Every POST is written to DIR/NNNN.json: path, headers, body text and, with --secret, whether
X-NetLens-Signature is the HMAC-SHA256 of the body under that secret (checked here, on the
server side). The answers follow --responses (e.g. "503,503,200"; the last one repeats).
Listens on a free port chosen by the kernel and prints "READY <port>".
"""
import argparse
import hashlib
import hmac
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--secret", default="")
    p.add_argument("--responses", default="200")
    a = p.parse_args()
    responses = [int(x) for x in a.responses.split(",")]
    state = {"count": 0}
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            with lock:
                n = state["count"]
                state["count"] += 1
            signature_ok = None
            if a.secret:
                expected = "sha256=" + hmac.new(a.secret.encode(), body,
                                                hashlib.sha256).hexdigest()
                signature_ok = hmac.compare_digest(
                    expected, self.headers.get("X-NetLens-Signature", ""))
            status = responses[min(n, len(responses) - 1)]
            record = {"path": self.path, "headers": dict(self.headers.items()),
                      "body": body.decode("utf-8"), "signature_ok": signature_ok,
                      "status": status}
            path = os.path.join(a.dir, "%04d.json" % (n + 1))
            with open(path + ".tmp", "w") as f:
                json.dump(record, f)
            os.rename(path + ".tmp", path)
            payload = b'{"ok":%s}' % (b"true" if status < 300 else b"false")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print("READY %d" % server.server_address[1], flush=True)
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
