"""``python -m newscrawl``: command-line tools beside ``scrapy crawl``.

``python -m newscrawl extract FILE.warc.gz ... [--since DAY] [--until DAY] [--site HOST]`` re-extracts
the HTML responses archived in WARC files (``.warc`` or ``.warc.gz``; ``newscrawl.ops.warc_extract``).
``python -m newscrawl ccnews --since DAY --until DAY [--site HOST] [--redis URL]`` does the same over
Common Crawl's CC-NEWS files of those days, streamed (``newscrawl.ops.ccnews``).

``python -m newscrawl extract PATH... [--url URL]`` re-extracts stored pages (``.html`` or
``.html.gz``) with the same code a crawl runs and writes one JSON record per line to stdout, each
valid against the schema's extract profile (``newscrawl/output/schema/article-v2-extract.json``).
A page a crawl would drop (no headline or no body: ``ValidationPipeline``'s rule) is named on
stderr and not written.  Only regular files are opened (a FIFO or a device would block or never
end), and no page is read past ``--max-bytes`` (after gunzipping: a gzip bomb stops there).
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import stat
import sys
import zlib
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from parsel import Selector
from scrapy.exceptions import DropItem

from newscrawl.crawl.fetch import UndecodablePageError, decode_html, looks_like_html
from newscrawl.extract import extract_article
from newscrawl.extract.metadata import PageMetadata
from newscrawl.extract.urls import canonical_link
from newscrawl.ops.ccnews import CC_BASE_URL, ccnews_command
from newscrawl.ops.warc_extract import Selection, Tally, extract_warcs
from newscrawl.output.pipelines import ValidationPipeline
from newscrawl.settings import DOWNLOAD_MAXSIZE


class PageError(Exception):
    """A stored page that cannot be extracted; the message says why."""


def read_page(path: Path, max_bytes: int = DOWNLOAD_MAXSIZE) -> str:
    """The page's text: gunzipped if needed, decoded as ``newscrawl.crawl.fetch.decode_html`` decides.
    ``PageError`` for anything but a regular file, and for a page over ``max_bytes`` (gunzipped)."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise PageError("not a regular file (a FIFO, device or folder is never opened)")
        # O_NONBLOCK: should the path become a FIFO after the check, opening it still returns at once.
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                raise PageError("not a regular file (a FIFO, device or folder is never opened)")
            raw = bounded_read(file, max_bytes)
    except OSError as error:
        raise PageError(f"cannot read: {error.strerror or error}") from None
    if not looks_like_html(raw):
        raise PageError("not an HTML page")
    try:
        return decode_html(raw, source=str(path))[0]
    except UndecodablePageError as error:
        raise PageError(str(error)) from None


def bounded_read(file, max_bytes: int) -> bytes:
    """At most ``max_bytes`` of ``file``, gunzipped as it is read when it is gzip; ``PageError``
    when there is more (nothing past the limit is ever inflated or held)."""
    gzipped = file.read(2) == b"\x1f\x8b"
    file.seek(0)
    try:
        raw = (gzip.GzipFile(fileobj=file) if gzipped else file).read(max_bytes + 1)
    except (EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise PageError(f"broken gzip: {error}") from None
    if len(raw) > max_bytes:
        raise PageError(f"larger than {max_bytes} bytes{' gunzipped' if gzipped else ''}; not read "
                        f"(--max-bytes to raise the limit)")
    return raw


def is_absolute(url: str | None) -> bool:
    parts = urlsplit((url or "").strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def page_url(html: str) -> str | None:
    """The absolute URL a stored page declares for itself: its canonical link (the one a parser
    reads), resolved against its ``<base href>`` or ``og:url`` when it is relative; ``None`` when
    the page gives no absolute URL."""
    selector = Selector(text=html)
    meta = PageMetadata(selector)
    base = next((u.strip() for u in (selector.xpath("//base/@href").get(), meta.meta("og:url")) if is_absolute(u)), "")
    url = canonical_link(selector, meta, base)
    return url if is_absolute(url) else None


def is_warc(path: Path) -> bool:
    return path.name.endswith((".warc", ".warc.gz"))


def extract_command(args) -> int:
    """Writes each page's record to stdout; 1 when a page could not be read or extracted, else 0
    (a page without an article is not a failure, as in a crawl: it is named on stderr)."""
    failed = 0
    article_check = ValidationPipeline(Tally())
    warcs = [path for path in map(Path, args.paths) if is_warc(path)]
    if warcs:
        selection = Selection(args.since, args.until, args.site or ())
        failed += extract_warcs(warcs, selection, args.max_bytes, args.workers)
    for path in (path for path in map(Path, args.paths) if not is_warc(path)):
        try:
            html = read_page(path, args.max_bytes)
            url = args.url or page_url(html)
            if not url:
                raise PageError("no absolute canonical URL in the page; pass --url")
            record = article_check.process_item(extract_article(html, url.strip()))
        except DropItem as dropped:
            print(f"newscrawl extract: {path}: not written, no article: {dropped}", file=sys.stderr)
            continue
        except PageError as error:
            print(f"newscrawl extract: {path}: {error}", file=sys.stderr)
            failed += 1
            continue
        except Exception as error:  # report and go on with the next page
            print(f"newscrawl extract: {path}: extraction failed: {error!r}", file=sys.stderr)
            failed += 1
            continue
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 1 if failed else 0


def day(text: str) -> date:
    """``--since``/``--until``: a day as ``YYYY-MM-DD``."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day as YYYY-MM-DD") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newscrawl", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract", help="re-extract stored pages to JSON Lines on stdout")
    extract.add_argument("paths", nargs="+", metavar="PATH", help=".html, .html.gz, .warc or .warc.gz files")
    extract.add_argument("--url", help="the .html pages' URL (default: each page's canonical link)")
    extract.add_argument("--since", type=day, help="WARC: responses fetched on or after this day (YYYY-MM-DD, UTC)")
    extract.add_argument("--until", type=day, help="WARC: responses fetched on or before this day (YYYY-MM-DD, UTC)")
    extract.add_argument("--site", action="append", metavar="HOST",
                         help="WARC: only this site's responses (its subdomains too); repeatable")
    extract.add_argument("--workers", type=int, default=0,
                         help="WARC: processes parsing pages (default 0: one per core; 1: this process only)")
    extract.add_argument("--max-bytes", type=int, default=DOWNLOAD_MAXSIZE,
                         help="largest page read, gunzipped (default: DOWNLOAD_MAXSIZE, %(default)s)")
    extract.set_defaults(run=extract_command)
    ccnews = commands.add_parser("ccnews", help="extract Common Crawl's CC-NEWS WARC files of some days, streamed")
    ccnews.add_argument("--since", type=day, required=True, help="first day (YYYY-MM-DD, UTC) of files and records")
    ccnews.add_argument("--until", type=day, required=True, help="last day (YYYY-MM-DD, UTC) of files and records")
    ccnews.add_argument("--site", action="append", metavar="HOST", help="only this site's pages; repeatable")
    ccnews.add_argument("--base-url", default=CC_BASE_URL, help="where CC-NEWS is served (default %(default)s)")
    ccnews.add_argument("--redis", metavar="URL", help="share the file list with other processes through Redis")
    ccnews.add_argument("--workers", type=int, default=0, help="processes parsing pages (default 0: one per core)")
    ccnews.add_argument("--max-bytes", type=int, default=DOWNLOAD_MAXSIZE,
                        help="largest record or payload read (default: DOWNLOAD_MAXSIZE, %(default)s)")
    ccnews.set_defaults(run=ccnews_command)
    args = parser.parse_args(argv)
    return args.run(args)
