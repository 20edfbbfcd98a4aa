"""Article pages parsed off the reactor thread: a pool of worker processes (pebble) runs the
CPU-heavy part of ``ArticleSpider.parse_article`` while the reactor keeps downloading.

``read_page(body, content_type, url)`` is that part, a pure function of the response: the HTML
check, bytes -> text, ``newscrawl.extract.parse_article``, the soft-block and soft-404 facts.  It
returns a small picklable ``PageReading``; the spider keeps every decision (skip, count, log).

``PageReader`` runs it: in the reactor thread (``NEWSCRAWL_PARSE_WORKERS=0``, for debugging) or in
the process pool (default: one worker a core).  A worker that dies (kill -9, a segfault in lxml)
or outlives ``NEWSCRAWL_PARSE_TIMEOUT`` costs its page only: the page is read once more in a
fresh worker (the pool replaces the dead one), then given up, logged with its URL and counted
(``newscrawl/article/parse_worker_died``, ``newscrawl/article/parse_timeout``).

Workers start from a ``forkserver`` (never ``fork``: the crawl process has threads and a running
asyncio loop) that has the extract modules imported, so a replacement worker is ready at once.
There is one pool a process, started by the first page and shared by every crawl of the process
(a test session runs many), stopped at exit.
"""
from __future__ import annotations

import asyncio
import atexit
import logging
import multiprocessing
import os
import signal
import threading
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field

from pebble import ProcessExpired, ProcessPool

from newscrawl.crawl.fetch import UndecodablePageError, block_kind, decode_html, looks_like_html
from newscrawl.crawl.soft404 import page_text, page_titles
from newscrawl.extract import parse_article
from newscrawl.items import Article
from newscrawl.sites import SITES

logger = logging.getLogger(__name__)


@dataclass
class PageReading:
    """What the page is, for the spider to decide on; ``problem`` names why there is no article.

    ``problem``: ``not_html``, ``undecodable`` or ``extraction_failed`` (``message`` says more);
    ``None`` with an ``article``.  ``text``: the article body, else the page's visible text (what
    the soft-404 check reads).  ``log``: records a worker logged (logger name, level, message),
    for the crawl's log.
    """
    problem: str | None = None
    message: str = ""
    article: Article | None = None
    block: str | None = None
    title: str | None = None
    heading: str | None = None
    text: str | None = None
    log: list[tuple[str, int, str]] = field(default_factory=list)


def read_page(body: bytes, content_type: str, url: str) -> PageReading:
    """Everything CPU-heavy about an article response: a pure function of its bytes.

    >>> page = b"<html><head><title>Not found</title></head><body><h1>Page not found</h1></body></html>"
    >>> reading = read_page(page, "text/html", "http://example.com/a")
    >>> reading.problem, reading.title, reading.heading
    (None, 'Not found', 'Page not found')
    >>> read_page(b"%PDF-1.4", "application/pdf", "http://example.com/a.pdf").message
    'not an HTML page (Content-Type application/pdf, 8 bytes)'
    """
    if not looks_like_html(body, content_type):
        return PageReading("not_html", f"not an HTML page (Content-Type {content_type or 'none'}, {len(body)} bytes)")
    try:
        html, _ = decode_html(body, content_type, source=url)
    except UndecodablePageError as error:
        return PageReading("undecodable", str(error))
    try:
        article = parse_article(html, url)
    except Exception as error:  # noqa: BLE001 (one broken page must not stop the crawl)
        return PageReading("extraction_failed", repr(error))
    title, heading = page_titles(html)
    return PageReading(article=article, block=block_kind(html, article.body), title=title, heading=heading,
                       text=article.body or page_text(html))


def ready_parsers() -> None:
    """Build every parser (they are cached): the generic one loads a language model."""
    from newscrawl.extract.registry import generic_parser, load_parser  # workers' imports, not the crawl's

    generic_parser()
    for site in SITES.values():
        load_parser(site.parser)


class LogRecords(logging.Handler):
    """Keeps the records logged while it is attached, as (logger name, level, message)."""

    def __init__(self, level: int):
        super().__init__(level)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def read_page_in_worker(body: bytes, content_type: str, url: str, log_level: int) -> PageReading:
    """``read_page`` in a worker process, with what it logged at ``log_level`` and above returned in
    the reading: the worker's log goes nowhere, the crawl's log is where people look."""
    root = logging.getLogger()
    records = LogRecords(log_level)
    root.addHandler(records)
    level = root.level
    root.setLevel(min(level, log_level))
    try:
        reading = read_page(body, content_type, url)
    finally:
        root.removeHandler(records)
        root.setLevel(level)
    reading.log = records.records
    return reading


def ignore_interrupts() -> None:
    """A worker's start: Ctrl-C reaches the whole process group, but stopping is the crawl's to decide
    (Scrapy finishes the pages in hand on the first one), so workers let it pass."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def default_workers() -> int:
    """One worker a core.  The crawl process itself (downloads, pipelines, feeds) keeps a part of a
    core busy too, but once its own cost a page fell (about 16 ms against 28 ms of parsing, CPU
    time), two workers on 2 cores crawled 43.5 pages/s against 32.2 for one
    (``bench/crawl_speed.py --pages 3000``, back to back), at some 55 MB more memory."""
    return os.cpu_count() or 1


def parse_workers(value) -> int:
    """``NEWSCRAWL_PARSE_WORKERS`` as a number of worker processes (``None``: ``default_workers()``).

    >>> parse_workers("0"), parse_workers(3), parse_workers(None) == default_workers()
    (0, 3, True)
    >>> parse_workers("-1")
    Traceback (most recent call last):
    ValueError: NEWSCRAWL_PARSE_WORKERS='-1': expected a number of processes >= 0 (0: parse in the reactor thread)
    """
    if value is None or value == "":
        return default_workers()
    try:
        workers = int(value)
    except (TypeError, ValueError):
        workers = -1
    if workers < 0:
        raise ValueError(f"NEWSCRAWL_PARSE_WORKERS={value!r}: expected a number of processes >= 0 "
                         f"(0: parse in the reactor thread)")
    return workers


class SharedPools:
    """The process pools of this process, one per size, started on first use, stopped at exit."""

    def __init__(self):
        self.pools: dict[int, ProcessPool] = {}
        self.lock = threading.Lock()
        atexit.register(self.stop)

    def get(self, workers: int) -> ProcessPool:
        with self.lock:
            pool = self.pools.get(workers)
            if pool is None or not pool.active:  # a pool that failed is replaced, not reused
                context = multiprocessing.get_context("forkserver")
                # Workers come from a server process that has the parsers imported and built: a
                # fresh worker (one per dead one) is ready in milliseconds, not after two seconds.
                # "__main__" first: a crawl started by a script (the ``scrapy`` command) has every
                # new process import that script; the server imports it once for all its workers.
                context.set_forkserver_preload(["__main__", "newscrawl.crawl.parse_server"])
                pool = self.pools[workers] = ProcessPool(max_workers=workers, initializer=ignore_interrupts,
                                                          context=context)
                pool.schedule(int)  # starts the server and the workers now, in the caller's thread
            return pool

    def running(self, workers: int) -> ProcessPool | None:
        """The pool of this size if it is up, without starting one."""
        pool = self.pools.get(workers)
        return pool if pool is not None and pool.active else None

    def stop(self) -> None:
        with self.lock:
            pools, self.pools = list(self.pools.values()), {}
        for pool in pools:
            pool.stop()
            pool.join(timeout=10)


#: One set of pools a process, by design: crawls of a process share it (module state, against the
#: project's habit, because a pool per crawl would cost a process start per crawl).
POOLS = SharedPools()


class PageReader:
    """Reads article responses (``read_page``) in the reactor thread or in the process pool."""

    def __init__(self, stats, workers: int, timeout: float | None, log_level: int = logging.INFO):
        self.stats, self.workers, self.timeout, self.log_level = stats, workers, timeout, log_level
        self.waiting = 0  # pages sent to the pool and not back yet

    @classmethod
    def from_crawler(cls, crawler) -> PageReader:
        settings = crawler.settings
        level = settings.get("LOG_LEVEL", "INFO")
        workers = parse_workers(settings.get("NEWSCRAWL_PARSE_WORKERS"))
        crawler.stats.set_value("newscrawl/parse/workers", workers)
        return cls(crawler.stats, workers,
                   settings.getfloat("NEWSCRAWL_PARSE_TIMEOUT", 60) or None,
                   level if isinstance(level, int) else logging.getLevelName(str(level).upper()))

    async def read(self, body: bytes, content_type: str, url: str) -> PageReading | None:
        """The page's reading; ``None`` (logged with the URL, counted) when no worker could read it."""
        if not self.workers:
            return read_page(body, content_type, url)
        # Scrapy's scraper slot holds these responses and stops the downloader past
        # SCRAPER_SLOT_MAX_ACTIVE_SIZE; the most ever waiting is kept to show the bound holds.
        self.waiting += 1
        self.stats.max_value("newscrawl/parse/max_waiting", self.waiting)
        try:
            return await self.read_in_pool(body, content_type, url)
        finally:
            self.waiting -= 1

    async def read_in_pool(self, body: bytes, content_type: str, url: str) -> PageReading | None:
        for attempt in (1, 2):
            try:
                # starting the pool waits seconds for the server to import and build the
                # parsers: in a thread, so the reactor keeps downloading meanwhile
                pool = POOLS.running(self.workers) or await asyncio.to_thread(POOLS.get, self.workers)
                task = pool.schedule(read_page_in_worker, (body, content_type, url, self.log_level),
                                     timeout=self.timeout)
                reading = await asyncio.wrap_future(task)
            except ProcessExpired as error:
                code = error.exitcode
                reason = f"parse worker died ({f'signal {-code}' if code and code < 0 else f'exit code {code}'})"
                outcome = "parse_worker_died"
            except FutureTimeout:
                reason, outcome = f"parse took over NEWSCRAWL_PARSE_TIMEOUT={self.timeout:g} s", "parse_timeout"
            else:
                for name, level, message in reading.log:
                    logging.getLogger(name).log(level, "%s", message)
                return reading
            if attempt == 1:
                logger.info("%s: %s; reading it once more", url, reason)
                self.stats.inc_value("newscrawl/article/parse_retried")
        logger.error("%s: %s, twice; skipped", url, reason)
        self.stats.inc_value(f"newscrawl/article/{outcome}")
        return None
