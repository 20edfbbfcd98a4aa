"""``python -m newscrawl``: command-line tools beside ``scrapy crawl``.

``python -m newscrawl extract PATH... [--url URL]`` re-extracts stored pages (``.html`` or
``.html.gz``) with the same code a crawl runs and writes one JSON record per line to stdout.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

from parsel import Selector

from newscrawl.crawl.fetch import UndecodablePageError, decode_html, looks_like_html
from newscrawl.extract import extract_article
from newscrawl.extract.metadata import PageMetadata
from newscrawl.extract.urls import canonical_link


class PageError(Exception):
    """A stored page that cannot be extracted; the message says why."""


def read_page(path: Path) -> str:
    """The page's text: gunzipped if needed, decoded as ``newscrawl.crawl.fetch.decode_html`` decides."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise PageError(f"cannot read: {error.strerror or error}") from None
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as error:
            raise PageError(f"broken gzip: {error}") from None
    if not looks_like_html(raw):
        raise PageError("not an HTML page")
    try:
        return decode_html(raw)[0]
    except UndecodablePageError as error:
        raise PageError(str(error)) from None


def page_url(html: str) -> str | None:
    """The URL a stored page declares for itself (its canonical link), the same one a parser reads."""
    selector = Selector(text=html)
    return canonical_link(selector, PageMetadata(selector), "")


def extract_command(args) -> int:
    failed = 0
    for path in map(Path, args.paths):
        try:
            html = read_page(path)
            url = args.url or page_url(html)
            if not url:
                raise PageError("no canonical URL in the page; pass --url")
            record = extract_article(html, url.strip())
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newscrawl", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract", help="re-extract stored pages to JSON Lines on stdout")
    extract.add_argument("paths", nargs="+", metavar="PATH", help=".html or .html.gz files")
    extract.add_argument("--url", help="the pages' URL (default: each page's canonical link)")
    extract.set_defaults(run=extract_command)
    args = parser.parse_args(argv)
    return args.run(args)
