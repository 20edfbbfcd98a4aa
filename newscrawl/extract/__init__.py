"""The extract wing: page -> fields, a pure function of (HTML, URL), without the Scrapy engine.

``extract_article(html, url)`` is the one code path that spiders, ``python -m newscrawl extract``
and the benchmarks run: the parser registry (``registry.parser_for``) picks the site parser or the
generic one (``generic/``), which reads structured data (``metadata``) and markup into an
``Article`` through the item loader (``loaders``; text and date processors in ``text`` and
``dates``); ``extract_article`` then applies the same in-article repeated-text removal
(``repeats``) as the pipelines, so its record equals what a crawl exports.

Nothing here imports the crawl, output or ops wings.  The parsers (and the libraries they read
pages with: extruct, htmldate, the language model) load on first use, not with the package: a
crawl's own process imports the text and date helpers here for its pipelines while its pages are
parsed in worker processes (``newscrawl.crawl.parsing``), and importing the parsers there too cost
it some 50 MB (``bench/crawl_speed.py``).
"""
from __future__ import annotations

from dataclasses import asdict

from newscrawl.extract.repeats import remove_repeated_text
from newscrawl.items import SCHEMA_VERSION, Article

__all__ = ["extract_article", "parse_article", "parser_for"]


def __getattr__(name: str):
    if name == "parser_for":
        from newscrawl.extract.registry import parser_for

        return parser_for
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def parse_article(html: str, url: str) -> Article:
    """The page's fields as the parser reads them, before pipeline post-processing."""
    from newscrawl.extract.registry import parser_for  # loaded on first use (see above)

    return parser_for(url).parse(html, url)


def extract_article(html: str, url: str) -> dict:
    """The record a crawl would export for one page, in the schema's *extract profile*
    (``newscrawl/output/schema/article-v2-extract.json``): ``schema_version`` is set; the fields only
    a crawl stamps (``crawled_at``, ``revision``, ``first_seen_at``, ``warc_record``, and ``story_id`` and
    ``near_duplicate_of``, which compare the article with the others a crawl exports) are ``None``.  A page without an
    article is returned too, with ``headline`` or ``body`` ``None``: a crawl (and
    ``python -m newscrawl extract``) drops such a record; the caller decides."""
    record = asdict(parse_article(html, url))
    remove_repeated_text(record)
    record["schema_version"] = SCHEMA_VERSION
    return record
