"""``OriginOverrideMiddleware``: a site's URLs fetched from another origin (``-a base_url=``).

Two halves of one rule.  The spider middleware sends the spider's requests to the origin before
they reach the scheduler, so each is scheduled once; the downloader middleware catches the rest
(a redirect to the site's host) and hands every response back under the site's URL.  Re-issuing
every request from the downloader instead schedules each article twice (its site URL, then its
origin URL): twice the scheduler's serialising and dupefilter work on every loopback crawl.
"""
from __future__ import annotations

import logging
from urllib.parse import urlsplit, urlunsplit

from scrapy import Request

from newscrawl.crawl.fetch import SITE_URL_KEY

logger = logging.getLogger(__name__)


class OriginOverrideMiddleware:
    """Fetch a site's URLs from another origin (``-a base_url=``): a test server, a mirror.

    The spider's ``origin_overrides`` maps a site's host to the origin that serves it; requests
    to that host are re-issued to the origin with the same path and query, and their responses
    are handed back under the site's URL, so spiders, parsers and records see the real site.
    """

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def overridden(self, request: Request) -> Request | None:
        """The request sent to the origin serving its host; ``None`` when no origin does."""
        overrides = getattr(self.crawler.spider, "origin_overrides", None)
        if not overrides:
            return None
        parts = urlsplit(request.url)
        origin = overrides.get(parts.hostname or "")
        if not origin:
            return None
        target = urlsplit(origin)
        url = urlunsplit((target.scheme, target.netloc, parts.path, parts.query, parts.fragment))
        logger.debug("fetching %s from %s", request.url, url)
        return request.replace(url=url, meta={**request.meta, SITE_URL_KEY: request.url})

    def process_request(self, request):
        return self.overridden(request)

    def process_response(self, request, response):
        site_url = request.meta.get(SITE_URL_KEY)
        if site_url and response.url == request.url:
            return response.replace(url=site_url)
        return response


class OriginOverrideSpiderMiddleware(OriginOverrideMiddleware):
    """The spider's requests (start ones included) sent to their origin before they are scheduled."""

    def outgoing(self, output):
        if isinstance(output, Request):
            return self.overridden(output) or output
        return output

    async def process_start(self, start):
        async for output in start:
            yield self.outgoing(output)

    async def process_spider_output(self, response, result):
        async for output in result:
            yield self.outgoing(output)
