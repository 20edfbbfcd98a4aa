"""``RequestOutcomeMiddleware``: what became of each URL the spider asked for, per site and kind.

Scrapy's own counters (``downloader/request_count``, ``retry/...``) count attempts, not URLs, and
miss requests refused before they reach the downloader.  This middleware counts each URL once,
after its retries and redirects, under ``newscrawl/site/<site host>/<kind>/<outcome>``:

- kind: ``article`` (the request's callback is ``parse_article``), ``robots`` (the robots.txt
  middleware's own request) or ``listing`` (feeds, sitemaps, home pages: everything else);
- outcome: ``tried`` (asked for), ``fetched`` (a response below 400), ``failed`` (a network
  error, an HTTP error status, or a refusal by the address policy, offsite filter or robots.txt),
  ``missing`` (a guessed path, ``meta["newscrawl_guess"]``, answered 4xx: normal).

The first failure of each site and kind is kept in words (``.../<kind>/first_failure``) for
the verdict: "DNS lookup failed for sputnikglobe.com".  ``newscrawl.output.manifest.site_outcomes``
reads these numbers back; the monitors judge them.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http.request import NO_CALLBACK
from twisted.internet.error import ConnectionRefusedError, DNSLookupError, TimeoutError

from newscrawl.crawl.fetch import site_url
from newscrawl.output.manifest import ELSEWHERE, SITE_PREFIX

#: request.meta keys: counted once (redirects, retries and origin overrides copy meta), why refused
#: at scheduling (set by the address policy and offsite filter), and a guessed listing path.
COUNTED = "newscrawl_counted"
REFUSED = "newscrawl_refused"
GUESS = "newscrawl_guess"


def request_kind(request) -> str:
    if request.callback is NO_CALLBACK and request.meta.get("dont_obey_robotstxt"):
        return "robots"
    return "article" if getattr(request.callback, "__name__", "") == "parse_article" else "listing"


def failure_words(exception, url: str) -> str:
    """An exception as the operator reads it: ``DNS lookup failed for news.example``."""
    netloc = urlsplit(url).netloc
    host = urlsplit(url).hostname or netloc
    if isinstance(exception, (DNSLookupError, CannotResolveHostError)):
        return f"DNS lookup failed for {host}"
    if isinstance(exception, (ConnectionRefusedError, DownloadConnectionRefusedError)):
        return f"connection refused by {netloc}"
    if isinstance(exception, (TimeoutError, DownloadTimeoutError)):
        return f"{netloc} did not answer in time"
    if isinstance(exception, ResponseDataLossError):
        return f"{netloc} broke off its answer"
    if isinstance(exception, IgnoreRequest):
        return f"{url} refused: {exception}"
    return f"{type(exception).__name__} from {netloc}: {exception}".rstrip(": ")


class RequestOutcomeMiddleware:
    """Counts URLs, not attempts: sits closest to the engine, so it sees only final outcomes."""

    def __init__(self, stats, crawler=None):
        self.stats = stats
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        tracker = cls(crawler.stats, crawler)

        def connect_last():
            # After the address policy and offsite filter have had their say on each request.
            crawler.signals.connect(tracker.request_scheduled, signal=signals.request_scheduled)
            crawler.signals.connect(tracker.request_dropped, signal=signals.request_dropped)
        crawler.signals.connect(connect_last, signal=signals.spider_opened, weak=False)
        return tracker

    def site(self, request) -> str:
        """The spider's site (allowed domain) a request is for, or ``ELSEWHERE`` (a link off the sites).

        The robots.txt of an ``-a base_url=`` origin is the site's."""
        spider = getattr(self.crawler, "spider", None)
        parts = urlsplit(site_url(request))
        overrides = getattr(spider, "origin_overrides", None) or {}
        origin = f"{parts.scheme}://{parts.netloc}"
        host = next((h for h, served_from in overrides.items() if served_from == origin), None) or parts.hostname
        host = (host or "").lower()
        # The -a base_url= origin serves the sites; it is not one (its host's other ports are elsewhere).
        mirrors = {urlsplit(served_from).hostname for served_from in overrides.values()}
        domains = [d.lower() for d in getattr(spider, "allowed_domains", None) or [] if d not in mirrors]
        if not domains:
            return host
        return next((d for d in domains if host == d or host.endswith("." + d)), ELSEWHERE)

    def count(self, request, outcome: str, kind: str | None = None) -> None:
        self.stats.inc_value(f"{SITE_PREFIX}{self.site(request)}/{kind or request_kind(request)}/{outcome}")

    def fail(self, request, reason: str, kind: str | None = None) -> None:
        kind = kind or request_kind(request)
        self.count(request, "failed", kind)
        key = f"{SITE_PREFIX}{self.site(request)}/{kind}/first_failure"
        if not self.stats.get_value(key):
            self.stats.set_value(key, reason)

    def request_scheduled(self, request, spider=None):
        if not request.meta.get(COUNTED):
            request.meta[COUNTED] = True
            self.count(request, "tried")
        if request.meta.get(REFUSED):  # dropped at scheduling: no errback, no download
            self.fail(request, f"{site_url(request)} refused: {request.meta[REFUSED]}")

    def request_dropped(self, request, spider=None):
        """A duplicate the scheduler filtered: its other copy has the outcome."""
        if request.meta.get(COUNTED) and not request.meta.get(REFUSED):
            self.stats.inc_value(f"{SITE_PREFIX}{self.site(request)}/{request_kind(request)}/tried", -1)

    def process_response(self, request, response, spider=None):
        kind = request_kind(request)
        if kind == "robots":
            self.count(request, "tried", kind)
        if response.status < 400:
            self.count(request, "fetched", kind)
        elif response.status < 500 and (request.meta.get(GUESS) or kind == "robots"):
            self.count(request, "missing", kind)  # no robots.txt, no feed at a guessed path: normal
        else:
            self.fail(request, f"HTTP {response.status} from {urlsplit(request.url).netloc} "
                               f"for {site_url(request)}", kind)
        return response

    def process_exception(self, request, exception, spider=None):
        kind = request_kind(request)
        if kind == "robots":
            self.count(request, "tried", kind)
        if not (isinstance(exception, IgnoreRequest) and kind == "robots"):
            self.fail(request, failure_words(exception, request.url), kind)
        return None
