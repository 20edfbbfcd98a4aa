"""Downloader middlewares."""
from __future__ import annotations

import ipaddress
import logging
import time
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit, urlunsplit

from scrapy import signals
from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.task import deferLater

logger = logging.getLogger(__name__)


class OriginOverrideMiddleware:
    """Fetch a site's URLs from another origin (``-a base_url=``): a test server, a mirror.

    The spider's ``origin_overrides`` maps a site's host to the origin that serves it; requests
    to that host are re-issued to the origin with the same path and query, and their responses
    are handed back under the site's URL, so spiders, parsers and records see the real site.
    """

    meta_key = "origin_override_of"

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request):
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
        return request.replace(url=url, meta={**request.meta, self.meta_key: request.url})

    @classmethod
    def site_url(cls, request) -> str:
        """The URL a request stands for: the site's, even when another origin serves it."""
        return request.meta.get(cls.meta_key, request.url)

    def process_response(self, request, response):
        site_url = request.meta.get(self.meta_key)
        if site_url and response.url == request.url:
            return response.replace(url=site_url)
        return response


def _ip_address(host: str):
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


class AddressPolicyMiddleware:
    """Refuse requests a public news crawl has no business making (SSRF guard).

    Only ``http``/``https``; no private, loopback, link-local or reserved address and no
    ``localhost``-style name, unless its origin is listed in ``NEWSCRAWL_TRUSTED_ORIGINS`` (tests
    and mirrors name theirs explicitly).  Redirects pass through here too, so a public page
    cannot redirect the crawler into the local network.
    """

    schemes = ("http", "https")
    local_suffixes = (".localhost", ".local", ".internal", ".localdomain", ".home.arpa")

    def __init__(self, trusted_origins, stats):
        self.trusted = {origin.rstrip("/").lower() for origin in trusted_origins}
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        policy = cls(crawler.settings.getlist("NEWSCRAWL_TRUSTED_ORIGINS"), crawler.stats)
        # Checked when a request is scheduled too: the offsite filter drops requests silently there.
        crawler.signals.connect(policy.process_request, signal=signals.request_scheduled)
        return policy

    def refusal(self, url: str) -> str | None:
        """Why ``url`` is refused, or ``None`` when it may be fetched."""
        parts = urlsplit(url)
        if parts.scheme not in self.schemes:
            return f"scheme {parts.scheme or 'none'!r} refused"
        if f"{parts.scheme}://{parts.netloc}".lower() in self.trusted:
            return None
        host = (parts.hostname or "").lower().rstrip(".")  # "localhost." is localhost
        address = _ip_address(host)
        if address is not None and not address.is_global:
            return f"non-public address {address}"
        if host == "localhost" or host.endswith(self.local_suffixes) or (address is None and "." not in host):
            return f"local host name {host!r}"
        return None

    def process_request(self, request, spider=None):
        reason = self.refusal(request.url)
        if reason:
            logger.warning("%s: refused: %s", request.url, reason)
            self.stats.inc_value("newscrawl/refused/" + reason.split()[0])
            raise IgnoreRequest(f"{reason}: {request.url}")
        return None


class LoggedOffsiteMiddleware(OffsiteMiddleware):
    """Scrapy's offsite filter, saying which URL it kept the crawl from and why."""

    def process_request(self, request, spider=None):
        try:
            return super().process_request(request)
        except IgnoreRequest as refusal:
            logger.warning("%s: not followed: %s", OriginOverrideMiddleware.site_url(request), refusal)
            raise


class RedirectLoopMiddleware:
    """Stop a redirect chain that comes back to a URL it already went through, and say so.

    Without it the loop ends silently in the duplicate filter.  Sits after RedirectMiddleware
    (600) in the response chain, so it sees the 3xx first.
    """

    def process_response(self, request, response):
        location = response.headers.get("Location")
        if not (300 <= response.status < 400 and location):
            return response
        target = urljoin(request.url, location.decode("latin-1"))
        if target == request.url or target in request.meta.get("redirect_urls", ()):
            raise IgnoreRequest(f"redirect loop back to {target}")
        return response


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
