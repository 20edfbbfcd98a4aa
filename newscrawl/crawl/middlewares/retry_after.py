"""``RetryAfterMiddleware``: ``Retry-After`` honoured per site, and a slower pace after 429/503."""
from __future__ import annotations

import logging
import time
from email.utils import parsedate_to_datetime

from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.task import deferLater

logger = logging.getLogger(__name__)


class RetryAfterMiddleware:
    """Honour ``Retry-After`` on 429/503 and back off from a site that keeps refusing.

    Scrapy's RetryMiddleware retries at once; this one makes every request to that site wait
    until the time the server asked for (seconds or an HTTP date, capped by
    ``NEWSCRAWL_MAX_RETRY_AFTER``), and doubles the site's download delay on each 429/503 (up to
    ``AUTOTHROTTLE_MAX_DELAY``) so the pace stays slower afterwards.  Sits after RetryMiddleware
    in the response chain, before it in the request chain.
    """

    statuses = (429, 503)

    def __init__(self, crawler, max_wait: float, max_delay: float):
        self.crawler = crawler
        self.max_wait = max_wait
        self.max_delay = max_delay
        self.not_before: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler, crawler.settings.getfloat("NEWSCRAWL_MAX_RETRY_AFTER"),
                   crawler.settings.getfloat("AUTOTHROTTLE_MAX_DELAY"))

    @staticmethod
    def retry_after_seconds(value: str, now: float) -> float | None:
        """Seconds to wait from a ``Retry-After`` value (delta seconds or HTTP date).

        >>> RetryAfterMiddleware.retry_after_seconds("7", 0.0)
        7.0
        >>> RetryAfterMiddleware.retry_after_seconds("Thu, 01 Jan 1970 00:00:30 GMT", 10.0)
        20.0
        >>> RetryAfterMiddleware.retry_after_seconds("soon", 0.0) is None
        True
        """
        value = value.strip()
        if value.isdigit():
            return float(value)
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - now)
        except (TypeError, ValueError, IndexError):
            return None

    def slot_key(self, request) -> str:
        return self.crawler.engine.downloader.get_slot_key(request)

    async def process_request(self, request):
        wait = self.not_before.get(self.slot_key(request), 0.0) - time.time()
        if wait > 0:
            from twisted.internet import reactor  # the running one; importing it earlier would install one

            await maybe_deferred_to_future(deferLater(reactor, wait))
        return None

    def process_response(self, request, response):
        if response.status not in self.statuses:
            return response
        key = self.slot_key(request)
        header = response.headers.get("Retry-After")
        wait = self.retry_after_seconds(header.decode("latin-1"), time.time()) if header else None
        if wait is not None:
            wait = min(wait, self.max_wait)
            self.not_before[key] = max(self.not_before.get(key, 0.0), time.time() + wait)
            self.crawler.stats.inc_value("newscrawl/throttle/retry_after")
            logger.info("%s: HTTP %d, Retry-After %.0f s: pausing %s", request.url, response.status, wait, key)
        slot = self.crawler.engine.downloader.slots.get(key)
        if slot is not None:
            slot.delay = min(max(slot.delay * 2, 1.0), self.max_delay)
            self.crawler.stats.max_value("newscrawl/throttle/max_delay", slot.delay)
        return response
