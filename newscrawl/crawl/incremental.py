"""``UnchangedListingFilter`` (spider middleware): an article a feed or sitemap dates
(``pubDate`` / ``lastmod``) no later than the date the state store holds for it is not fetched.

The crawl-side half of incremental runs; the output side (``newscrawl.output.revisions``) decides
new / changed / unchanged for what is fetched, and alone writes the store.  Listing dates are read
here from any spider's feed or sitemap response (``newscrawl.crawl.listings.listing_dates``), so
every spider gets the check.
"""
from __future__ import annotations

import logging

from scrapy import Request, signals

from newscrawl.crawl.listings import listing_dates
from newscrawl.extract.dates import is_newer
from newscrawl.output.state import open_store, store_settings

logger = logging.getLogger(__name__)


class UnchangedListingFilter:
    def __init__(self, store, stats, full: bool = False):
        self.store, self.stats, self.full = store, stats, full

    @classmethod
    def from_crawler(cls, crawler):
        uri, max_age = store_settings(crawler.settings)
        component = cls(open_store(uri, max_age), crawler.stats, crawler.settings.getbool("NEWSCRAWL_FULL"))
        crawler.signals.connect(component.store_closed, signal=signals.engine_stopped)
        return component

    def store_closed(self):
        self.store.close()

    async def process_spider_output(self, response, result):
        listed = None  # the response's feed or sitemap dates, read at the first request it yields
        async for output in result:
            if isinstance(output, Request) and not self.full:
                if listed is None:
                    listed = listing_dates(response)
                when = listed.get(output.url)
                if self.unchanged(output.url, when):
                    self.stats.inc_value("newscrawl/incremental/not_fetched_unchanged")
                    logger.debug("%s: unchanged since the last run (listed %s); not fetched", output.url, when)
                    continue
            yield output

    def unchanged(self, url: str, listed: str | None) -> bool:
        if not listed:
            return False
        entry = self.store.get(url)
        return bool(entry and entry.modified_at and not is_newer(listed, entry.modified_at))
