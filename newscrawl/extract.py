"""``extract_article(html, url)``: the engine-free entry point.

Spiders, ``python -m newscrawl extract`` and the benchmarks all run this code path: the site
parser (``parser_for``) turns the page into an ``Article``; ``extract_article`` then applies the
same in-article cleaning as the pipelines, so its record equals what a crawl exports.
"""
from __future__ import annotations

from dataclasses import asdict

from newscrawl.items import Article
from newscrawl.parsers import parser_for
from newscrawl.repeats import remove_repeated_text


def parse_article(html: str, url: str) -> Article:
    """The page's fields as the parser reads them, before pipeline post-processing."""
    return parser_for(url).parse(html, url)


def extract_article(html: str, url: str) -> dict:
    """The exported record of one page (``crawled_at`` is ``None``: nothing was crawled)."""
    record = asdict(parse_article(html, url))
    remove_repeated_text(record)
    return record
