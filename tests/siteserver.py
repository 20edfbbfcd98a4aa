"""A loopback HTTP server that stands in for a site: it serves fixture files by a routes table.

``routes.json`` (see tests/fixtures/sputnik/README.md) maps host + request (path and query) to a
file, content type and status; anything unlisted gets the fallback (404).  One server serves
one host, as the real site would.

A route may also give ``etag`` and ``last_modified`` (sent as ``ETag`` / ``Last-Modified``, and
honoured as a real server does: ``If-None-Match``, else ``If-Modified-Since``, answered ``304``
without a body unless ``honour_validators`` is off) and ``headers`` (sent as given: hostile ones).
"""
from __future__ import annotations

import json
import threading
import time
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def write_site(folder: Path, host: str, files: dict[str, tuple[str, str]],
               route_fields: dict[str, dict] | None = None) -> None:
    """A site for ``SiteServer`` in ``folder``: each ``request -> (content_type, text)`` of
    ``files`` as a file and a route (status 200 unless ``route_fields[request]`` says otherwise,
    with any other route fields it gives), anything else the 404 fallback."""
    folder.mkdir(parents=True, exist_ok=True)
    routes = []
    for n, (request, (content_type, text)) in enumerate(files.items()):
        (folder / f"{n}.txt").write_text(text, encoding="utf-8")
        routes.append({"host": host, "request": request, "file": f"{n}.txt", "content_type": content_type,
                       "status": 200, **(route_fields or {}).get(request, {})})
    (folder / "404.txt").write_text("not found")
    fallback = {"file": "404.txt", "content_type": "text/plain", "status": 404}
    (folder / "routes.json").write_text(json.dumps({"fallback": fallback, "routes": routes}))


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
        self.routes_file, self.host = routes_file, host
        self.load_routes()
        self.requests: list[str] = []  # every request path+query, in arrival order
        self.delays: dict[str, float] = {}  # request path+query -> seconds to wait before answering
        self.conditional: dict[str, dict[str, str]] = {}  # path+query -> the validators its last request sent
        self.bodies_sent: list[str] = []  # path+query of every answer that carried a body (not a 304)
        self.honour_validators = True  # False: a server that ignores If-None-Match / If-Modified-Since
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming)
                with server._lock:
                    server.requests.append(self.path)
                time.sleep(server.delays.get(self.path, 0))  # a slow page: time to kill or overlap a run
                route = server.routes.get(self.path, server.fallback)
                asked = {name: self.headers[name] for name in ("If-None-Match", "If-Modified-Since")
                         if self.headers.get(name)}
                with server._lock:
                    server.conditional[self.path] = asked
                validators = {name: route[key] for name, key in (("ETag", "etag"), ("Last-Modified", "last_modified"))
                              if route.get(key)}
                if server.honour_validators and not_modified(asked, route.get("etag"), route.get("last_modified")):
                    self.send_response(304)
                    for name, value in validators.items():
                        self.send_header(name, value)
                    self.end_headers()
                    return
                if route["status"] == 304:  # one the client never asked for: no body, as the status says
                    self.send_response(304)
                    self.end_headers()
                    return
                body = (server.folder / route["file"]).read_bytes()
                with server._lock:
                    server.bodies_sent.append(self.path)
                self.send_response(route["status"])
                self.send_header("Content-Type", route["content_type"])
                self.send_header("Content-Length", str(len(body)))
                for name, value in {**validators, **route.get("headers", {})}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        super().__init__(Handler, address, port)

    def load_routes(self) -> None:
        """Read the routes table (again: after a test rewrote it with new validators or statuses)."""
        table = json.loads((self.folder / self.routes_file).read_text(encoding="utf-8"))
        self.fallback = table["fallback"]
        self.routes = {r["request"]: r for r in table["routes"] if r["host"] == self.host}


def not_modified(asked: dict[str, str], etag: str | None, last_modified: str | None) -> bool:
    """RFC 9110 section 13.1: If-None-Match (weak comparison) decides when sent, else If-Modified-Since."""
    if "If-None-Match" in asked:
        tags = {tag.strip().removeprefix("W/") for tag in asked["If-None-Match"].split(",")}
        return bool(etag) and etag.removeprefix("W/") in tags
    if "If-Modified-Since" in asked and last_modified:
        try:
            return parsedate_to_datetime(last_modified) <= parsedate_to_datetime(asked["If-Modified-Since"])
        except (TypeError, ValueError):
            return False
    return False
