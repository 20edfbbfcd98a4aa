"""``WarcArchiveMiddleware``: every fetched response archived with its request (``NEWSCRAWL_WARC_DIR``).

Placed at 800 in ``DOWNLOADER_MIDDLEWARES``: responses travel from the downloader down the
orders, so it sees each one before HttpCompressionMiddleware (590) decodes the payload,
RedirectMiddleware (600) follows a 3xx and RetryMiddleware (550) retries a 5xx: redirects,
retried and failed answers, robots.txt, feeds, sitemaps and articles are all archived, each
attempt once.  Requests it sees carry the headers the middlewares below 800 added (cookies,
Accept-Encoding, User-Agent).

It puts ``{"file": ..., "record_id": ...}`` of the response record in ``request.meta[WARC_RECORD]``,
where the spider reads it into the record's ``warc_record`` field (a redirect's target overwrites
it: the record names the response it was extracted from).  A WARC that cannot be written (full
disk) is logged, listed under the run's output errors (the run fails: exit status 3) and stops the
crawl; the partial file is removed (``newscrawl.output.warc.WarcArchive``).  The files go to the
stats (``newscrawl/warc/files``), which the manifest lists.

A response Scrapy's HTTP cache (``HTTPCACHE_ENABLED``) replays did not come over the network in
this run: it is not archived again under a new date (it was when first fetched), only counted
(``newscrawl/warc/cached_not_archived``), and its record's ``warc_record`` is ``null``.
"""
from __future__ import annotations

import logging
from pathlib import Path

from scrapy import __version__ as scrapy_version
from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import _schedule_coro  # how Scrapy's CloseSpider extension stops a crawl

from newscrawl.crawl.fetch import site_url
from newscrawl.output.feeds import note_output_error, run_paths, started_at
from newscrawl.output.warc import WarcArchive, WarcWriteError, run_info

logger = logging.getLogger(__name__)

#: ``request.meta`` key: the WARC record the response was archived as.
WARC_RECORD = "newscrawl_warc_record"
#: Stats keys: the published WARC files (file, records, bytes) and the responses archived.
WARC_FILES = "newscrawl/warc/files"
WARC_RESPONSES = "newscrawl/warc/responses"
WARC_CACHED = "newscrawl/warc/cached_not_archived"


class WarcArchiveMiddleware:
    def __init__(self, crawler, folder: Path, max_size: int):
        self.crawler, self.folder, self.max_size = crawler, folder, max_size
        self.archive: WarcArchive | None = None

    @classmethod
    def from_crawler(cls, crawler):
        folder = crawler.settings.get("NEWSCRAWL_WARC_DIR")
        if not folder:
            raise NotConfigured("NEWSCRAWL_WARC_DIR not set")
        middleware = cls(crawler, Path(folder), crawler.settings.getint("NEWSCRAWL_WARC_MAX_SIZE"))
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def spider_opened(self, spider):
        started = started_at(self.crawler.stats)
        day_folder, run = run_paths(self.crawler.settings, spider.name, started)
        info = run_info(f"newscrawl (Scrapy {scrapy_version})", spider.name, started,
                        {"http-header-user-agent": self.crawler.settings.get("USER_AGENT") or ""})
        self.archive = WarcArchive(self.folder / spider.name / day_folder.name, spider.name, run,
                                   self.max_size, info)

    def process_response(self, request, response):
        if self.archive is None or self.archive.failed:
            return response
        if "cached" in response.flags:  # HttpCacheMiddleware's mark on a replayed response
            self.crawler.stats.inc_value(WARC_CACHED)
            return response
        try:
            request.meta[WARC_RECORD] = self.archive.write(request, response, site_url(request))
        except WarcWriteError as error:
            self.fail(error)
            return response
        self.crawler.stats.inc_value(WARC_RESPONSES)
        return response

    def fail(self, error: WarcWriteError) -> None:
        logger.error("%s; the crawl stops (its output would lack the archive)", error)
        note_output_error(self.crawler.stats, str(error))
        if self.crawler.engine is not None and self.crawler.engine.spider is not None:
            _schedule_coro(self.crawler.engine.close_spider_async(reason="warc_not_written"))

    def spider_closed(self, spider):
        if self.archive is None:
            return
        if not self.archive.failed:
            try:
                self.archive.close()
            except WarcWriteError as error:
                logger.error("%s", error)
                note_output_error(self.crawler.stats, str(error))
        self.crawler.stats.set_value(WARC_FILES, self.archive.files)
