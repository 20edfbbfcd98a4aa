"""``ArticleSpider``: what every newscrawl spider shares.

Discovery comes from feeds (RSS/Atom, read by feedparser) and sitemaps (Scrapy's
``SitemapSpider``); a spider subclass only says where those are and which entries to keep.
Pages go through the one extraction path, ``newscrawl.extract.parse_article``.

Every link a listing gives (feed entry, sitemap ``loc``, robots.txt ``Sitemap:`` line, home-page
link) goes through ``listed_url``: canonicalised by the one shared function
(``newscrawl.crawl.url_shapes.clean_url``), or skipped and counted under
``newscrawl/listing/unfetchable/<reason>`` when it is no fetchable URL, so one bad entry costs one
entry.  Sitemaps are read here too (Scrapy's ``SitemapSpider`` parses them, but would build a
request per ``loc`` and stop at the first bad one), bounded in depth and number per site
(``NEWSCRAWL_SITEMAP_MAX_DEPTH``, ``NEWSCRAWL_SITEMAP_MAX_FILES``) against sitemap traps.
"""
from __future__ import annotations

import asyncio
import logging
import secrets
from collections import Counter
from functools import cached_property
from urllib.parse import urljoin, urlsplit

import feedparser
from scrapy import Request
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.spiders import SitemapSpider
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from newscrawl.crawl.fetch import site_url
from newscrawl.crawl.incremental import NotModified
from newscrawl.crawl.listings import DateWindow, date_argument, entry_day
from newscrawl.crawl.middlewares.outcomes import GUESS
from newscrawl.crawl.middlewares.warc_archive import WARC_RECORD
from newscrawl.crawl.parsing import PageReader
from newscrawl.crawl.soft404 import NotFoundPage, soft_404_reason
from newscrawl.crawl.url_shapes import MAX_URL_LENGTH, UnfetchableURLError, clean_url, url_date
from newscrawl.extract.dates import utc_now

logger = logging.getLogger(__name__)

#: ``request.meta`` key: how many sitemap indexes lie between this sitemap and the site's first one.
SITEMAP_DEPTH_KEY = "newscrawl_sitemap_depth"


class ListedEntries:
    """A sitemap's entries with every ``loc`` canonical and fetchable (``spider.listed_url``);
    ``type`` as Scrapy's ``Sitemap`` has it, for ``sitemap_filter``."""

    def __init__(self, sitemap: Sitemap, spider: ArticleSpider, base: str):
        self.sitemap, self.spider, self.base, self.type = sitemap, spider, base, sitemap.type

    def __iter__(self):
        for entry in self.sitemap:
            url = self.spider.listed_url(entry.get("loc", ""), self.base, "sitemap")
            if url:
                entry["loc"] = url
                yield entry


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
        self.sitemaps_per_site: Counter[str] = Counter()  # child sitemaps requested, by site
        self.not_found_pages: dict[str, NotFoundPage] = {}  # site host -> its answer to a path that cannot exist
        self.not_found_probes: dict[str, asyncio.Future] = {}  # site host -> done when its probe is read or failed

    def serve_from_base_url(self, hosts) -> None:
        """With ``-a base_url=``, fetch these hosts' URLs from that origin, and allow the origin."""
        if self.base_url:
            self.origin_overrides = dict.fromkeys(hosts, self.base_url)
            self.allowed_domains = [*self.allowed_domains, urlsplit(self.base_url).hostname]

    def feed_request(self, url: str) -> Request:
        return Request(url, callback=self.parse_feed, errback=self.on_error)

    def sitemap_request(self, url: str, depth: int = 0) -> Request:
        return Request(url, callback=self._parse_sitemap, errback=self.on_error, meta={SITEMAP_DEPTH_KEY: depth})

    def listed_url(self, url: str | None, base: str, where: str) -> str | None:
        """The canonical URL of a link a listing (``where``: feed, sitemap, robots, home) gives,
        resolved against ``base``; ``None``, logged and counted, when it is no fetchable URL."""
        try:
            url = (url or "").strip()
            if not url:
                raise UnfetchableURLError(url, "malformed", "no link")
            return clean_url(urljoin(base, url) if url and "://" not in url[:12] else url,
                             self.settings.getint("URLLENGTH_LIMIT", MAX_URL_LENGTH) or MAX_URL_LENGTH)
        except UnfetchableURLError as error:
            problem = error
        except ValueError as error:  # urljoin on a malformed link
            problem = UnfetchableURLError(url, "malformed", str(error))
        logger.warning("%s: %s link %s; skipped", base, where, problem)
        self.crawler.stats.inc_value(f"newscrawl/listing/unfetchable/{problem.reason}")
        return None

    def _parse_sitemap(self, response):
        """Requests for a sitemap's entries (``sitemap_filter`` chooses them, ``sitemap_rules`` gives
        their callback) or for the child sitemaps of a sitemap index, within the trap limits."""
        depth = response.meta.get(SITEMAP_DEPTH_KEY, 0)
        if response.url.endswith("/robots.txt"):  # SitemapSpider's convention for sitemap_urls
            urls = filter(None, (self.listed_url(u, response.url, "robots")
                                 for u in sitemap_urls_from_robots(response.body, base_url=response.url)))
            yield from self.child_sitemaps(response, urls, depth - 1)
            return
        body = self._get_sitemap_body(response)
        sitemap = Sitemap(body) if body else None
        if sitemap is None or sitemap.type not in ("sitemapindex", "urlset"):
            logger.warning("%s: not a readable sitemap; skipped", response.url)
            self.crawler.stats.inc_value("newscrawl/sitemap/unreadable")
            return
        entries = self.sitemap_filter(ListedEntries(sitemap, self, response.url))
        if sitemap.type == "sitemapindex":
            urls = (e["loc"] for e in entries if any(x.search(e["loc"]) for x in self._follow))
            yield from self.child_sitemaps(response, urls, depth)
            return
        for entry in entries:
            callback = next((c for rule, c in self._cbs if rule.search(entry["loc"])), None)
            if callback:
                yield Request(entry["loc"], callback=callback, errback=self.on_error)

    def child_sitemaps(self, response, urls, depth: int):
        """Requests for the sitemaps an index (at ``depth``) names, until the site's limits: sitemap
        indexes that nest without end, or name new sitemaps without end, are traps."""
        max_depth = self.settings.getint("NEWSCRAWL_SITEMAP_MAX_DEPTH", 3)
        max_files = self.settings.getint("NEWSCRAWL_SITEMAP_MAX_FILES", 500)
        site = urlsplit(site_url(response.request) if response.request else response.url).netloc
        read = self.sitemaps_per_site
        for url in urls:
            if depth + 1 > max_depth:
                limit = f"NEWSCRAWL_SITEMAP_MAX_DEPTH={max_depth} (sitemap indexes nested deeper)"
            elif read[site] >= max_files:
                limit = f"NEWSCRAWL_SITEMAP_MAX_FILES={max_files} (sitemaps read from this site)"
            else:
                read[site] += 1
                yield self.sitemap_request(url, depth + 1)
                continue
            name = "depth" if limit.startswith("NEWSCRAWL_SITEMAP_MAX_DEPTH") else "files"
            if not self.crawler.stats.get_value(f"newscrawl/sitemap/limit_{name}"):
                logger.warning("%s: sitemap %s not read: limit %s reached, a sitemap trap or a huge site; "
                               "raise the setting to read further", response.url, url, limit)
            self.crawler.stats.inc_value(f"newscrawl/sitemap/limit_{name}")

    def parse_feed(self, response):
        """Article requests for the entries of an RSS or Atom feed, newest first as listed."""
        feed = feedparser.parse(response.body, response_headers={"content-location": response.url})
        if feed.bozo and not feed.entries:
            logger.warning("%s: not a readable feed (%s); skipped", response.url, feed.get("bozo_exception"))
            self.crawler.stats.inc_value("newscrawl/feed/unreadable")
            return
        for entry in feed.entries:
            url = self.listed_url(entry.get("link"), response.url, "feed")
            if not url or not self.keep_feed_entry(entry):
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

    @cached_property
    def page_reader(self) -> PageReader:
        """Reads article pages, in worker processes unless ``NEWSCRAWL_PARSE_WORKERS=0``."""
        return PageReader.from_crawler(self.crawler)

    async def parse_article(self, response):
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        # decoding and extraction run in a worker process (newscrawl.crawl.parsing): the reactor
        # goes on downloading meanwhile; the decisions stay here
        page = await self.page_reader.read(response.body, content_type, response.url)
        if page is None:  # no worker could read it: logged and counted by the reader
            return None
        if page.problem in ("not_html", "undecodable"):
            return self.skip(response, page.problem, page.message)
        if page.problem == "extraction_failed":  # one broken page must not stop the crawl
            logger.error("%s: extraction failed: %s; skipped", response.url, page.message)
            self.crawler.stats.inc_value("newscrawl/article/extraction_failed")
            return None
        article = page.article
        if page.block:
            self.crawler.stats.inc_value(f"newscrawl/blocked/{page.block}")
            return self.skip(response, "blocked", f"a {page.block.replace('_', ' ')}, not the article")
        # no article text found: the page's own words tell an error page from a short item
        await self.not_found_page_known(response)
        reason = soft_404_reason(page.title, page.heading, page.text,
                                 self.not_found_pages.get(self.site_host(response)), article.headline)
        if reason:
            self.crawler.stats.inc_value(f"newscrawl/blocked/soft_404_{reason}")
            return self.skip(response, "blocked", f"a soft 404 ({reason.replace('_', ' ')}: {page.title!r}), "
                                                  f"not the article")
        article.crawled_at = utc_now()
        article.warc_record = response.meta.get(WARC_RECORD)  # set when NEWSCRAWL_WARC_DIR archives
        return [article]

    def not_found_probe(self, site: str) -> Request | None:
        """A request for a random path of ``site`` (``scheme://host``): what the site answers for a
        page that cannot exist, to know its soft 404s (``NEWSCRAWL_NOT_FOUND_PROBE``)."""
        if not self.settings.getbool("NEWSCRAWL_NOT_FOUND_PROBE", True):
            return None
        request = Request(f"{site}/{secrets.token_hex(6)}-newscrawl-no-such-page", callback=self.parse_not_found,
                          errback=self.on_not_found_error, priority=100, dont_filter=True,
                          meta={"handle_httpstatus_all": True, "dont_retry": True, GUESS: True})
        self.not_found_probes[urlsplit(site_url(request)).netloc] = asyncio.get_running_loop().create_future()
        return request

    async def not_found_page_known(self, response) -> None:
        """Wait until the site's not-found probe is read (or failed): its response comes before the
        articles', but pages come back from the parse pool in no fixed order.  Bounded by the probe's
        download and parse timeouts, so a probe lost on the way cannot hold the site's articles."""
        probe = self.not_found_probes.get(self.site_host(response))
        if probe is None or probe.done():
            return
        limit = self.settings.getfloat("DOWNLOAD_TIMEOUT", 180) + self.settings.getfloat("NEWSCRAWL_PARSE_TIMEOUT", 60)
        try:
            await asyncio.wait_for(asyncio.shield(probe), limit)
        except TimeoutError:
            logger.debug("%s: the site's not-found probe is not back after %g s; judged without it",
                         response.url, limit)

    def not_found_probe_done(self, host: str) -> None:
        probe = self.not_found_probes.get(host)
        if probe is not None and not probe.done():
            probe.set_result(None)

    async def parse_not_found(self, response):
        try:
            content_type = response.headers.get("Content-Type", b"").decode("latin-1")
            page = await self.page_reader.read(response.body, content_type, response.url)
            if page is None or page.problem:  # no comparison then, the crawl goes on
                logger.debug("%s: not-found page unreadable: %s", response.url,
                             page.message if page else "no reader")
                return
            page = NotFoundPage.of(page.article.headline, page.article.body)
            if page:
                self.not_found_pages[self.site_host(response)] = page
                self.crawler.stats.inc_value("newscrawl/soft_404/site_page_known")
        finally:
            self.not_found_probe_done(self.site_host(response))

    def on_not_found_error(self, failure):
        logger.debug("%s: not-found probe failed: %s", failure.request.url, failure.getErrorMessage())
        self.not_found_probe_done(urlsplit(site_url(failure.request)).netloc)

    @staticmethod
    def site_host(response) -> str:
        return urlsplit(site_url(response.request) if response.request else response.url).netloc

    def skip(self, response, reason: str, message: str):
        """Log and count a fetched page that yields no article."""
        logger.warning("%s: %s; skipped", response.url, message)
        self.crawler.stats.inc_value(f"newscrawl/article/{reason}")

    def on_error(self, failure):
        """Log a failed request with its URL and reason; the crawl goes on."""
        if failure.check(NotModified):
            return  # a 304 to a conditional request: no failure (counted by the incremental filter)
        url = site_url(failure.request)
        if failure.check(HttpError):
            status = failure.value.response.status
            logger.warning("%s: HTTP %d; skipped", url, status)
            self.crawler.stats.inc_value(f"newscrawl/fetch_failed/http_{status}")
        else:
            logger.warning("%s: %s: %s; skipped", url, failure.type.__name__, failure.getErrorMessage())
            self.crawler.stats.inc_value(f"newscrawl/fetch_failed/{failure.type.__name__}")

