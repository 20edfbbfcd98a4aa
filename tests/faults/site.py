"""A small news site on a real loopback socket whose pages misbehave on demand.

``FaultSite`` serves a home page, an RSS feed, robots.txt, sitemaps and articles.  Each path maps
to a ``Behaviour``: a function that writes the HTTP exchange itself, so it can be slow, reset
the connection, lie about its length, send the wrong charset, redirect in circles...
The server records every request (path, time) so tests can check what the crawler did.
"""
from __future__ import annotations

import json
import socket
import struct
import subprocess
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.utils import formatdate
from html import escape
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from tests.siteserver import LoopbackServer

HOST = "fault.test"

Behaviour = Callable[[BaseHTTPRequestHandler, "FaultSite"], None]


def article_html(number: int, title: str, charset: str | None = "utf-8", lang: str = "en",
                 paragraphs: list[str] | None = None) -> str:
    """A plain, well-formed article page (headline, byline, date, four paragraphs)."""
    paragraphs = paragraphs or [
        f"Story {number} begins with a council decision that surprised the residents of the town on Monday.",
        f"The second paragraph of story {number} explains the budget numbers and the reasons behind them.",
        f"Opponents of the plan said that story {number} was only the first step of a longer dispute.",
        f"The final paragraph of story {number} says that a vote is expected before the end of the month.",
    ]
    meta = f'<meta charset="{charset}">' if charset else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="{lang}"><head>{meta}<title>{title} | Fault News</title>'
            f'<link rel="canonical" href="http://{HOST}/news/story-{number}.html">'
            f'<meta property="og:type" content="article">'
            f'<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle", '
            f'"headline": {json.dumps(title)}, "datePublished": "2024-05-03T10:{number % 60:02d}:00+02:00"}}'
            f'</script></head><body><header><nav><a href="/">Home</a> <a href="/tag/town/">Town</a></nav></header>'
            f'<main><article><h1>{title}</h1><p class="byline">By Jane Doe</p>{body}</article></main>'
            f'<footer><a href="/about">About us</a> Subscribe to our newsletter</footer></body></html>')


def respond(handler, status: int = 200, body: bytes = b"", content_type: str = "text/html; charset=utf-8",
            headers: dict | None = None) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)


# Behaviours -------------------------------------------------------------------------------------

def serve(body: bytes | str, content_type: str = "text/html; charset=utf-8", status: int = 200,
          headers: dict | None = None) -> Behaviour:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return lambda handler, site: respond(handler, status, data, content_type, headers)


def slow(seconds: float, then: Behaviour) -> Behaviour:
    def behaviour(handler, site):
        time.sleep(seconds)
        then(handler, site)
    return behaviour


def reset_mid_body(body: str) -> Behaviour:
    def behaviour(handler, site):
        data = body.encode("utf-8")
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data[: len(data) // 3])
        handler.wfile.flush()
        # SO_LINGER 0: close() sends a TCP RST, as a crashing server would
        handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        handler.connection.close()
        handler.close_connection = True
    return behaviour


def truncated(body: str) -> Behaviour:
    def behaviour(handler, site):
        data = body.encode("utf-8")
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(data) * 2))
        handler.end_headers()
        handler.wfile.write(data)
        handler.close_connection = True
    return behaviour


def fail_first(times: int, status: int, then: Behaviour, headers: Callable[[], dict] | None = None) -> Behaviour:
    """``status`` for the first ``times`` requests of the path, then ``then``."""
    def behaviour(handler, site):
        if site.count(handler.path) <= times:
            respond(handler, status, b"<html><body>Try again later</body></html>",
                    headers=headers() if headers else None)
        else:
            then(handler, site)
    return behaviour


def retry_after_date(seconds: int) -> Callable[[], dict]:
    return lambda: {"Retry-After": formatdate(time.time() + seconds, usegmt=True)}


def redirect(location: str, status: int = 302) -> Behaviour:
    """A redirect; ``{name}`` in ``location`` is filled from ``site.vars`` when served."""
    return lambda handler, site: respond(handler, status, b"", headers={"Location": location.format(**site.vars)})


def gzip_bomb(inflated_size: int) -> bytes:
    """A gzip stream of ``inflated_size`` spaces: about a thousandth of that on the wire."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b" " * (1 << 20)
    parts = [compressor.compress(b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')]
    for _ in range(inflated_size >> 20):
        parts.append(compressor.compress(chunk))
    parts.append(compressor.compress(b"</urlset>") + compressor.flush())
    return b"".join(parts)


# The site -------------------------------------------------------------------------------------------

class FaultSite(LoopbackServer):
    """Routes: path (with query) -> behaviour; else the longest of ``prefixes`` the path starts
    with (endless or session-id variants of a page); anything else: 404."""

    def __init__(self, host: str = "127.0.0.1"):
        self.routes: dict[str, Behaviour] = {}
        self.prefixes: dict[str, Behaviour] = {}
        self.vars: dict[str, str] = {}
        self.log: list[tuple[float, str]] = []
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 (http.server's naming)
                with site._lock:
                    site.log.append((time.time(), self.path))
                behaviour = site.routes.get(self.path) or next(
                    (site.prefixes[p] for p in sorted(site.prefixes, key=len, reverse=True) if self.path.startswith(p)),
                    None)
                try:
                    if behaviour is None:
                        respond(self, 404, b"<html><body>Not found</body></html>")
                    else:
                        behaviour(self, site)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the crawler gave up on a slow or huge answer

            def log_message(self, *args):
                pass

        super().__init__(Handler, host)

    def count(self, path: str) -> int:
        with self._lock:
            return sum(1 for _, p in self.log if p == path)

    def paths(self) -> list[str]:
        with self._lock:
            return [p for _, p in self.log]

    def times(self, path: str) -> list[float]:
        with self._lock:
            return [t for t, p in self.log if p == path]

    def add_feed(self, article_paths: list[str], extra_links: list[str] = (), first_links: list[str] = (),
                 home_extra: str = "") -> None:
        """Home page (``home_extra`` in its body), RSS feed listing ``first_links``, then
        the articles, then ``extra_links``, and robots.txt."""
        items = "".join(f"<item><title>{escape(u)}</title><link>{escape(u)}</link></item>" for u in first_links)
        items += "".join(f"<item><title>{p}</title><link>http://{HOST}{p}</link></item>" for p in article_paths)
        items += "".join(f"<item><title>{u}</title><link>{u}</link></item>" for u in extra_links)
        home = ('<html><head><title>Fault News</title><link rel="alternate" type="application/rss+xml" '
                f'href="/feed.xml"></head><body><h1>Fault News</h1>{home_extra}</body></html>')
        self.routes["/"] = serve(home)
        self.routes["/feed.xml"] = serve(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Fault News'
                                         f'</title><link>http://{HOST}/</link>{items}</channel></rss>',
                                         "application/rss+xml")
        self.routes.setdefault("/robots.txt", serve("User-agent: *\nDisallow: /private/\n", "text/plain"))


@contextmanager
def tmpfs(folder: Path, options: str) -> Iterator[Path]:
    """A small tmpfs mounted on ``folder`` (made here) for the block: a full disk (``size=16k``), a
    read-only file system (``ro``).  Needs root, as CI has."""
    folder.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)

