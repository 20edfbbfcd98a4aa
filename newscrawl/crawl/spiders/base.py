"""``ArticleSpider``: what every newscrawl spider shares.

Discovery comes from feeds (RSS/Atom, read by feedparser) and sitemaps (Scrapy's
``SitemapSpider``); a spider subclass only says where those are and which entries to keep.
Pages go through the one extraction path, ``newscrawl.extract.parse_article``.
"""
from __future__ import annotations

import logging
from urllib.parse import urlsplit

import feedparser
from scrapy import Request
from scrapy.exceptions import CloseSpider
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.spiders import SitemapSpider

from newscrawl.crawl.fetch import UndecodablePageError, block_kind, decode_html, looks_like_html, site_url
from newscrawl.crawl.listings import DateWindow, date_argument, entry_day
from newscrawl.crawl.url_shapes import url_date
from newscrawl.extract import parse_article
from newscrawl.extract.dates import utc_now

logger = logging.getLogger(__name__)


def origin_argument(value: str) -> str:
    """``-a base_url=`` as an origin ``scheme://host[:port]``; ``ValueError`` (one line) for anything else.

    >>> origin_argument("http://127.0.0.1:8000/")
    'http://127.0.0.1:8000'
    >>> origin_argument("127.0.0.1:8000")
    Traceback (most recent call last):
    ValueError: -a base_url='127.0.0.1:8000': expected an origin such as http://127.0.0.1:8000 (no scheme)
    """
    parts = urlsplit(value)
    problem = ("no scheme" if "://" not in value else
               f"scheme {parts.scheme!r} is not http or https" if parts.scheme not in ("http", "https") else
               "no host" if not parts.hostname else
               f"path {parts.path!r}: the site's paths are kept, give the origin only" if parts.path.strip("/") else
               "query or fragment" if parts.query or parts.fragment else None)
    if problem is None:
        try:
            parts.port  # noqa: B018 (raises on a bad port)
        except ValueError:
            problem = "bad port"
    if problem:
        raise ValueError(f"-a base_url={value!r}: expected an origin such as http://127.0.0.1:8000 ({problem})")
    return f"{parts.scheme}://{parts.netloc}"


class ArticleSpider(SitemapSpider):
    """Crawl rules as class attributes; ``keep_feed_entry`` and ``sitemap_filter`` are the hooks."""

    sitemap_rules = [("", "parse_article")]
    #: Feed entry types (a feed's own ``type`` element, when it has one) that are not articles.
    skipped_feed_types: frozenset[str] = frozenset()

    def __init__(self, since: str | None = None, until: str | None = None, base_url: str | None = None,
                 *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.window = DateWindow(date_argument(since, "since"), date_argument(until, "until"))
        if self.window.since and self.window.until and self.window.since > self.window.until:
            raise ValueError(f"-a since={since} is after -a until={until}")
        #: ``-a base_url=`` serves every URL of the crawled site from another origin (tests, mirrors);
        #: see ``newscrawl.crawl.middlewares.OriginOverrideMiddleware``.
        self.base_url = origin_argument(base_url) if base_url else None
        self.origin_overrides: dict[str, str] = {}

    def serve_from_base_url(self, hosts) -> None:
        """With ``-a base_url=``, fetch these hosts' URLs from that origin, and allow the origin."""
        if self.base_url:
            self.origin_overrides = dict.fromkeys(hosts, self.base_url)
            self.allowed_domains = [*self.allowed_domains, urlsplit(self.base_url).hostname]

    def feed_request(self, url: str) -> Request:
        return Request(url, callback=self.parse_feed, errback=self.on_error)

    def sitemap_request(self, url: str) -> Request:
        return Request(url, callback=self._parse_sitemap, errback=self.on_error)

    def _parse_sitemap(self, response):
        # SitemapSpider builds the requests; every one of them gets our failure logging.
        for request in super()._parse_sitemap(response):
            yield request.replace(errback=self.on_error)

    def parse_feed(self, response):
        """Article requests for the entries of an RSS or Atom feed, newest first as listed."""
        feed = feedparser.parse(response.body, response_headers={"content-location": response.url})
        if feed.bozo and not feed.entries:
            logger.warning("%s: not a readable feed (%s); skipped", response.url, feed.get("bozo_exception"))
            self.crawler.stats.inc_value("newscrawl/feed/unreadable")
            return
        for entry in feed.entries:
            url = entry.get("link")
            if not url:
                continue
            if not self.keep_feed_entry(entry):
                continue
            yield Request(url, callback=self.parse_article, errback=self.on_error)

    def keep_feed_entry(self, entry) -> bool:
        """Drop non-article items and items outside the date window; log and count each."""
        kind = self.feed_entry_type(entry)
        if kind in self.skipped_feed_types:
            logger.info("%s: feed item of type %r is not an article; skipped", entry.get("link"), kind)
            self.crawler.stats.inc_value(f"newscrawl/feed/skipped_type/{kind}")
            return False
        # dict.get: feedparser's own get maps a missing updated_parsed to published_parsed with a
        # DeprecationWarning in every run's log.
        stamp = dict.get(entry, "updated_parsed") or dict.get(entry, "published_parsed")
        day = entry_day(stamp) or url_date(entry.link)
        if not self.window.contains(day):
            self.crawler.stats.inc_value("newscrawl/feed/outside_window")
            return False
        return True

    def feed_entry_type(self, entry) -> str | None:
        return None

    def parse_article(self, response):
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        if not looks_like_html(response.body, content_type):
            return self.skip(response, "not_html", f"not an HTML page (Content-Type {content_type or 'none'}, "
                                                   f"{len(response.body)} bytes)")
        try:
            html, _ = decode_html(response.body, content_type, source=response.url)
        except UndecodablePageError as error:
            return self.skip(response, "undecodable", str(error))
        try:
            article = parse_article(html, response.url)
        except (CloseSpider, KeyboardInterrupt):
            raise
        except Exception as error:  # one broken page must not stop the crawl
            logger.error("%s: extraction failed: %r; skipped", response.url, error)
            self.crawler.stats.inc_value("newscrawl/article/extraction_failed")
            return None
        kind = block_kind(html, article.body)
        if kind:
            self.crawler.stats.inc_value(f"newscrawl/blocked/{kind}")
            return self.skip(response, "blocked", f"a {kind.replace('_', ' ')}, not the article")
        article.crawled_at = utc_now()
        return [article]

    def skip(self, response, reason: str, message: str):
        """Log and count a fetched page that yields no article."""
        logger.warning("%s: %s; skipped", response.url, message)
        self.crawler.stats.inc_value(f"newscrawl/article/{reason}")

    def on_error(self, failure):
        """Log a failed request with its URL and reason; the crawl goes on."""
        url = site_url(failure.request)
        if failure.check(HttpError):
            status = failure.value.response.status
            logger.warning("%s: HTTP %d; skipped", url, status)
            self.crawler.stats.inc_value(f"newscrawl/fetch_failed/http_{status}")
        else:
            logger.warning("%s: %s: %s; skipped", url, failure.type.__name__, failure.getErrorMessage())
            self.crawler.stats.inc_value(f"newscrawl/fetch_failed/{failure.type.__name__}")
