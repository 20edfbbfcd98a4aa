"""``python -m newscrawl extract FILE.warc.gz ...``: the records a crawl would have exported from
the HTML responses archived in WARC files (``newscrawl.ops.warc_input`` reads them).

Each response with status 200 whose payload can be an HTML page (``looks_like_html``: an HTML
content type, or none and HTML markup) goes through what the spider and the pipelines do to a
fetched page, in the same order: ``decode_html``, ``parse_article``, the soft-block and soft-404
checks (without the site's not-found page, which only a crawl asks for), then
``RepeatedTextPipeline``, ``ValidationPipeline``, ``DuplicateArticlePipeline`` (within the
files given: the first copy in file order is kept, as the first exported in a crawl is) and the
schema's extract profile.  Each record names the WARC record it came from (``warc_record``).

Pages are parsed in a process pool (``--workers``, default: the machine's cores), a bounded
number of chunks in flight so memory stays flat on any file size; the records come out in file
order, so dedup keeps the same copy whatever the pool does.  The pipelines run in this process.
"""
from __future__ import annotations

import json
import os
import sys
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from datetime import date
from itertools import islice
from pathlib import Path
from urllib.parse import urlsplit

from scrapy.exceptions import DropItem
from tqdm import tqdm

from newscrawl.crawl.fetch import UndecodablePageError, block_kind, decode_html, looks_like_html
from newscrawl.crawl.soft404 import page_text, page_titles, soft_404_reason
from newscrawl.extract import parse_article
from newscrawl.items import SCHEMA_VERSION
from newscrawl.ops.warc_input import WarcPage, WarcProblem, read_warc
from newscrawl.output.pipelines import DuplicateArticlePipeline, RepeatedTextPipeline, ValidationPipeline
from newscrawl.output.schema import schema_errors, validator

#: Pages a worker parses per task: enough to make the hand-over cheap, few enough to keep order cheap.
CHUNK = 8


def page_record(page: WarcPage) -> tuple[dict | None, str]:
    """``(record, "")`` for a page with an article, else ``(None, reason)``; the spider's checks
    (``ArticleSpider.parse_article``) in its order.  Runs in a worker process."""
    if not looks_like_html(page.payload, page.content_type):
        return None, "not_html"
    try:
        html, _ = decode_html(page.payload, page.content_type, source=page.url)
    except UndecodablePageError:
        return None, "undecodable"
    try:
        article = parse_article(html, page.url)
    except Exception as error:  # one broken page must not stop the run; named by the caller
        return None, f"extraction_failed: {page.url}: {error!r}"
    kind = block_kind(html, article.body)
    if kind:
        return None, f"blocked_{kind}"
    title, heading = page_titles(html)
    reason = soft_404_reason(title, heading, article.body or page_text(html), None, article.headline)
    if reason:
        return None, f"blocked_soft_404_{reason}"
    record = asdict(article)
    record["warc_record"] = {"file": page.file, "record_id": page.record_id}
    return record, ""


def page_records(pages: list[WarcPage]) -> list[tuple[dict | None, str]]:
    return [page_record(page) for page in pages]


def ordered_map(function: Callable, chunks: Iterable, workers: int) -> Iterator:
    """``function(chunk)`` for each chunk, in order, over ``workers`` processes (this one when 1),
    at most two chunks a worker in flight (``Executor.map`` would read the whole input first)."""
    if workers <= 1:
        yield from map(function, chunks)
        return
    with ProcessPoolExecutor(workers) as pool:
        pending = deque()
        for chunk in chunks:
            pending.append(pool.submit(function, chunk))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def chunked(items: Iterator, size: int) -> Iterator[list]:
    while batch := list(islice(items, size)):
        yield batch


class Selection:
    """Which responses to extract: status 200, fetched within ``since``..``until`` (days, inclusive,
    UTC, by WARC-Date), on one of ``sites`` (a host or its subdomains; all when empty)."""

    def __init__(self, since: date | None = None, until: date | None = None, sites: Iterable[str] = ()):
        self.since, self.until = since, until
        self.sites = tuple(site.lower().removeprefix("www.") for site in sites)

    def __call__(self, page: WarcPage) -> bool:
        day = page.fetched_at.date()
        if page.status != 200 or (self.since and day < self.since) or (self.until and day > self.until):
            return False
        host = (urlsplit(page.url).hostname or "").removeprefix("www.")
        return not self.sites or any(host == site or host.endswith("." + site) for site in self.sites)


class Tally(Counter):
    """The stats collector a pipeline counts into, outside a crawl: ``reason -> count``."""

    def inc_value(self, key: str, count: int = 1) -> None:
        self[key] += count


class RecordPipelines:
    """The crawl's item pipelines, in their order, for records extracted outside a crawl."""

    def __init__(self, stats: Tally):
        self.steps = [RepeatedTextPipeline(stats), ValidationPipeline(stats), DuplicateArticlePipeline(stats)]
        self.checker = validator(profile="extract")

    def process(self, record: dict) -> dict:
        """The record as exported; ``DropItem`` when a pipeline drops it."""
        for step in self.steps:
            record = step.process_item(record)
        record["schema_version"] = SCHEMA_VERSION
        errors = schema_errors(record, self.checker)
        if errors:
            raise DropItem(f"{record.get('url')}: not valid against the schema: {'; '.join(errors)}")
        return record


def extract_warcs(paths: list[Path], selection: Selection, max_bytes: int, workers: int, out=sys.stdout,
                  err=sys.stderr) -> int:
    """Write the records of every selected HTML response of ``paths`` to ``out``; 1 when a part
    of a file could not be read or a page failed to extract (each named on ``err``), else 0."""
    return extract_sources(((str(path), read_warc(path, max_bytes)) for path in paths), selection, workers,
                           out, err)


def extract_sources(sources: Iterable[tuple[str, Iterator[WarcPage | WarcProblem]]], selection: Selection,
                    workers: int, out=sys.stdout, err=sys.stderr) -> int:
    """``extract_warcs`` over ``(name, records)`` pairs: files, or streams (``newscrawl.ops.ccnews``)."""
    stats = Tally()
    pipelines = RecordPipelines(stats)
    failed = 0
    progress = tqdm(unit=" pages", file=err, disable=not err.isatty())

    def selected_pages() -> Iterator[WarcPage]:
        nonlocal failed
        for source, items in sources:
            stats.inc_value("newscrawl/warc/files")
            for item in items:
                if isinstance(item, WarcProblem):
                    print(f"newscrawl extract: {source}: offset {item.offset}: {item.reason}", file=err)
                    stats.inc_value("newscrawl/warc/unreadable")
                    failed += 1
                elif selection(item):
                    yield item
                else:
                    stats.inc_value("newscrawl/warc/not_selected")

    pages = selected_pages()
    for results in ordered_map(page_records, chunked(pages, CHUNK), workers or os.cpu_count() or 1):
        progress.update(len(results))
        for record, reason in results:
            if record is None:
                stats.inc_value(f"newscrawl/dropped/{reason.split(':')[0]}")
                if reason.startswith("extraction_failed"):
                    print(f"newscrawl extract: {reason}", file=err)
                    failed += 1
                continue
            try:
                record = pipelines.process(record)
            except DropItem:
                continue
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            stats.inc_value("newscrawl/written")
    progress.close()
    summary = ", ".join(f"{key.removeprefix('newscrawl/')} {value}" for key, value in sorted(stats.items()))
    print(f"newscrawl extract: WARC: {summary}", file=err)
    return 1 if failed else 0
