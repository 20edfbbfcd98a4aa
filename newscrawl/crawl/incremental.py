"""``UnchangedListingFilter`` (spider middleware): an article a feed or sitemap dates
(``pubDate`` / ``lastmod``) no later than the date the state store holds for it is not fetched;
nor is a known copy of an article (``newscrawl.output.state.Copy``) unless its listing gives it
a later date than the copy had (an undated listing says nothing changed).  Each URL counts once
(``not_fetched_unchanged``, ``not_fetched_copy``), however many listings name it.

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
        self.skipped: dict[str, set[str]] = {"unchanged": set(), "copy": set()}  # URLs not fetched, by reason

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
                reason = self.skip_reason(output.url, when)
                if reason:
                    self.skipped[reason].add(output.url)
                    self.stats.set_value(f"newscrawl/incremental/not_fetched_{reason}", len(self.skipped[reason]))
                    logger.debug("%s: %s (listed %s); not fetched", output.url, "unchanged since the last run"
                                 if reason == "unchanged" else "a known copy of an exported article", when)
                    continue
            yield output

    def skip_reason(self, url: str, listed: str | None) -> str | None:
        """``"unchanged"``, ``"copy"`` or None (fetch it)."""
        if self.unchanged(url, listed):
            return "unchanged"
        copy = self.store.get_copy(url)
        if copy and not is_newer(listed, copy.modified_at):
            return "copy"
        return None

    def unchanged(self, url: str, listed: str | None) -> bool:
        if not listed:
            return False
        entry = self.store.get(url)
        return bool(entry and entry.modified_at and not is_newer(listed, entry.modified_at))
