"""A loopback HTTP server that stands in for a site: it serves fixture files by a routes table.

``routes.json`` (see tests/fixtures/sputnik/README.md) maps host + request (path and query) to a
file, content type and status; anything unlisted gets the fallback (404).  One server serves
one host, as the real site would.
"""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class LoopbackServer:
    """A threaded HTTP server on a loopback port (a free one unless given), serving ``handler_class``;
    a context manager."""

    def __init__(self, handler_class, address: str = "127.0.0.1", port: int = 0):
        self.httpd = ThreadingHTTPServer((address, port), handler_class)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        address, port = self.httpd.server_address[:2]
        return f"http://{address}:{port}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


class SiteServer(LoopbackServer):
    def __init__(self, folder: Path, host: str, routes_file: str = "routes.json", address: str = "127.0.0.1",
                 port: int = 0):
        self.folder = Path(folder)
        table = json.loads((self.folder / routes_file).read_text(encoding="utf-8"))
        self.fallback = table["fallback"]
        self.routes = {r["request"]: r for r in table["routes"] if r["host"] == host}
        self.host = host
        self.requests: list[str] = []  # every request path+query, in arrival order
        self.delays: dict[str, float] = {}  # request path+query -> seconds to wait before answering
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming)
                with server._lock:
                    server.requests.append(self.path)
                time.sleep(server.delays.get(self.path, 0))  # a slow page: time to kill or overlap a run
                route = server.routes.get(self.path, server.fallback)
                body = (server.folder / route["file"]).read_bytes()
                self.send_response(route["status"])
                self.send_header("Content-Type", route["content_type"])
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        super().__init__(Handler, address, port)
