#!/usr/bin/env python3
"""A tiny OTLP/HTTP sink that keeps what real clients send, for fixtures.

Usage: python3 Tests/Tools/otlp-capture-server.py OUTPUT_DIR [PORT]

Listens on 127.0.0.1:PORT (0, the default, picks a free port; the port is
printed on stdout as "PORT <n>" once listening). Every POST, on any path, is
answered 200 with an empty ExportTraceServiceResponse (no body bytes, which is
the protobuf encoding of the empty message) and kept as two files in
OUTPUT_DIR: NNN.body (the body exactly as received, gzip or not) and NNN.json
(path, headers, body length). Authorization headers are written with their
value replaced by "<redacted>". Stops on SIGTERM / Ctrl-C.
"""

import http.server
import json
import os
import sys
import threading


def main():
    out = sys.argv[1]
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    os.makedirs(out, exist_ok=True)
    lock = threading.Lock()
    counter = [0]

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            with lock:
                counter[0] += 1
                n = counter[0]
            headers = {
                k: ("<redacted>" if k.lower() == "authorization" else v)
                for k, v in self.headers.items()
            }
            with open(os.path.join(out, f"{n:03d}.body"), "wb") as f:
                f.write(body)
            with open(os.path.join(out, f"{n:03d}.json"), "w") as f:
                json.dump({"path": self.path, "headers": headers, "length": len(body)}, f, indent=1)
            self.send_response(200)
            self.send_header("Content-Type", self.headers.get("Content-Type", "application/x-protobuf"))
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(f"PORT {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
