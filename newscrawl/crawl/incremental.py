"""``UnchangedListingFilter`` (spider middleware): an article a feed or sitemap dates
(``pubDate`` / ``lastmod``) no later than the date the state store holds for it is not fetched;
nor is a known copy of an article (``newscrawl.output.state.Copy``) unless its listing gives it
a later date than the copy had (an undated listing says nothing changed).  Each URL counts once
(``not_fetched_unchanged``, ``not_fetched_copy``), however many listings name it.  A listing's
URLs are looked up together (``get_many``, ``get_copies``: a round trip or query per
``LOOKUP_BATCH`` URLs, not one per URL).

Cheap revalidation: an article the store has that is fetched all the same (its listing says it
changed, or gives no date) is asked for with its stored validators (``If-None-Match`` /
``If-Modified-Since``, ``newscrawl.output.revalidation``; ``NEWSCRAWL_REVALIDATE``).  A ``304 Not
Modified`` answer goes to no parser: it is counted (``newscrawl/incremental/not_modified``),
announced to ``IncrementalPipeline`` (which renews the entry at the feed commit) and ends as a
quiet ``NotModified``.  A 304 to a request that sent no validators is an HTTP error as before.

The crawl-side half of incremental runs; the output side (``newscrawl.output.revisions``) decides
new / changed / unchanged for what is fetched, and alone writes the store.  Listing dates are read
here from any spider's feed or sitemap response (``newscrawl.crawl.listings.listing_dates``), so
every spider gets the check.
"""
from __future__ import annotations

import logging

from scrapy import Request, signals
from scrapy.exceptions import IgnoreRequest

from newscrawl.crawl.fetch import site_url
from newscrawl.crawl.listings import listing_dates
from newscrawl.extract.dates import is_newer
from newscrawl.output.revalidation import (
    article_not_modified,
    clean_etag,
    clean_last_modified,
    conditional_headers,
    response_validators,
)
from newscrawl.output.state import Copy, Entry, open_store, store_settings

logger = logging.getLogger(__name__)

#: Requests of one listing looked up in the store together.
LOOKUP_BATCH = 500
#: ``request.meta`` key: the canonical URL of the stored article a conditional request revalidates.
REVALIDATES = "newscrawl_revalidates"


class NotModified(IgnoreRequest):
    """The site answered ``304 Not Modified`` to a conditional request: the stored article is current."""


class UnchangedListingFilter:
    def __init__(self, store, stats, full: bool = False, revalidate: bool = True, signals=None):
        self.store, self.stats, self.full, self.revalidate, self.signals = store, stats, full, revalidate, signals
        self.skipped: dict[str, set[str]] = {"unchanged": set(), "copy": set()}  # URLs not fetched, by reason

    @classmethod
    def from_crawler(cls, crawler):
        uri, max_age = store_settings(crawler.settings)
        component = cls(open_store(uri, max_age), crawler.stats, crawler.settings.getbool("NEWSCRAWL_FULL"),
                        crawler.settings.getbool("NEWSCRAWL_REVALIDATE", True), crawler.signals)
        crawler.signals.connect(component.store_closed, signal=signals.engine_stopped)
        return component

    def store_closed(self):
        self.store.close()

    def process_spider_input(self, response):
        """A 304 to a conditional request: counted, announced, and kept from the parser."""
        canonical = response.meta.get(REVALIDATES) if response.request is not None else None
        if response.status != 304 or not canonical:
            return
        etag, last_modified = response_validators(response)
        self.stats.inc_value("newscrawl/incremental/not_modified")
        if self.signals is not None:
            self.signals.send_catch_log(article_not_modified, canonical_url=canonical, etag=etag,
                                        last_modified=last_modified)
        logger.debug("%s: not modified since the last run (304)", site_url(response.request))
        raise NotModified(f"{site_url(response.request)}: not modified")

    async def process_spider_output(self, response, result):
        listed = None  # the response's feed or sitemap dates, read at the first request it yields
        waiting: list[Request] = []
        async for output in result:
            if not isinstance(output, Request) or self.full:
                yield output
                continue
            if listed is None:
                listed = listing_dates(response)
            waiting.append(output)
            if len(waiting) >= LOOKUP_BATCH:
                for request in self.screen(waiting, listed):
                    yield request
                waiting = []
        for request in self.screen(waiting, listed or {}):
            yield request

    def screen(self, requests: list[Request], listed: dict[str, str]):
        """The requests worth sending (conditional where the store has validators), the others counted."""
        if not requests:
            return
        urls = [request.url for request in requests]
        entries, copies = self.store.get_many(urls), self.store.get_copies(urls)
        for request in requests:
            when = listed.get(request.url)
            entry = entries.get(request.url)
            reason = self.skip_reason(when, entry, copies.get(request.url))
            if reason:
                self.skipped[reason].add(request.url)
                self.stats.set_value(f"newscrawl/incremental/not_fetched_{reason}", len(self.skipped[reason]))
                logger.debug("%s: %s (listed %s); not fetched", request.url, "unchanged since the last run"
                             if reason == "unchanged" else "a known copy of an exported article", when)
                continue
            yield self.conditional(request, entry) if self.revalidate and entry else request

    @staticmethod
    def skip_reason(listed: str | None, entry: Entry | None, copy: Copy | None) -> str | None:
        """``"unchanged"`` (the listing dates it no later than the stored article), ``"copy"`` (a
        known copy its listing does not date later), or None (fetch it)."""
        if listed and entry and entry.modified_at and not is_newer(listed, entry.modified_at):
            return "unchanged"
        if copy and not is_newer(listed, copy.modified_at):
            return "copy"
        return None

    @staticmethod
    def conditional(request: Request, entry: Entry) -> Request:
        """The request asking for the article only if it changed since ``entry`` was fetched."""
        headers = conditional_headers(clean_etag(entry.etag), clean_last_modified(entry.last_modified))
        if not headers:
            return request
        statuses = [*request.meta.get("handle_httpstatus_list", ()), 304]  # to process_spider_input, not an error
        request = request.replace(meta={**request.meta, REVALIDATES: entry.canonical_url,
                                        "handle_httpstatus_list": statuses})
        request.headers.update(headers)
        return request
