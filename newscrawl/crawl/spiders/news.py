"""``scrapy crawl news -a site=URL``: any news site by its feeds, sitemaps and home page.

Discovery, per site: the feeds the home page links (``<link rel="alternate">`` RSS/Atom), else the
common feed paths; the sitemaps robots.txt names (read from the robots.txt Scrapy's middleware
fetched, once a site), else the common sitemap paths; the article links of the home page.
Sitemap entries and links are kept when their URL looks like an article
(``newscrawl.crawl.url_shapes``) and their date falls in the window: ``-a since=``/``until=``, or the
last ``NEWSCRAWL_RECENT_DAYS`` days by default.  Entries without any date are kept.
"""
from __future__ import annotations

import logging
import os
import stat
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.sitemap import sitemap_urls_from_robots

from newscrawl.crawl.fetch import site_url
from newscrawl.crawl.listings import DateWindow, entry_day, sitemap_month
from newscrawl.crawl.middlewares.outcomes import GUESS
from newscrawl.crawl.spiders.base import ArticleSpider
from newscrawl.crawl.url_shapes import looks_like_article, url_date
from newscrawl.extract.urls import on_domain, site_of

logger = logging.getLogger(__name__)

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/xml",
              "text/xml")


#: Largest sites file read (``-a sites=``): a list of site URLs is a few kilobytes.
MAX_SITES_FILE_BYTES = 1 << 20


def read_sites(value: str | None, path: str | None) -> list[str]:
    """Site URLs from ``-a site=`` and/or a sites file (one URL per line, ``#`` comments).
    ``ValueError`` with one line naming the file or the value when either is not what is expected."""
    urls = [value] if value else []
    if path:
        urls += [line.split("#", 1)[0].strip() for line in read_sites_file(path).splitlines()]
    sites = []
    for url in filter(None, urls):
        try:
            parts = urlsplit(url if "://" in url else "https://" + url)
            hostname = parts.hostname
        except ValueError:  # e.g. an unbalanced "[" in the host
            hostname = None
        if not hostname or parts.scheme not in ("http", "https") or not url.isprintable():
            where = f" in {path}" if path and url != value else ""
            raise ValueError(f"not a site URL{where}: {url[:100]!r} (expected https://host)")
        sites.append(f"{parts.scheme}://{parts.netloc}")
    if not sites:
        raise ValueError("give a site: -a site=https://www.example.com or -a sites=sites.txt")
    return list(dict.fromkeys(sites))


def read_sites_file(path: str) -> str:
    """The text of a sites file: a regular file (a FIFO or device is never opened: it could block or
    never end) of at most ``MAX_SITES_FILE_BYTES`` of UTF-8 text; ``ValueError`` naming it otherwise."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise ValueError(f"sites file {path}: not a regular file")
        # O_NONBLOCK: should the path become a FIFO after the check, opening it still returns at once.
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                raise ValueError(f"sites file {path}: not a regular file")
            data = file.read(MAX_SITES_FILE_BYTES + 1)
    except OSError as error:
        raise ValueError(f"sites file {path}: cannot read: {error.strerror or error}") from None
    if len(data) > MAX_SITES_FILE_BYTES:
        raise ValueError(f"sites file {path}: larger than {MAX_SITES_FILE_BYTES} bytes; one site URL a line expected")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"sites file {path}: not UTF-8 text (byte {error.start}); one site URL a line "
                         f"expected") from None
    if "\0" in text:
        raise ValueError(f"sites file {path}: binary (NUL bytes), not text; one site URL a line expected")
    return text


class NewsSpider(ArticleSpider):
    name = "news"
    feed_paths = ("/feed", "/rss", "/rss.xml", "/feed.xml", "/atom.xml", "/index.xml")
    sitemap_paths = ("/news-sitemap.xml", "/sitemap-news.xml", "/sitemap_index.xml", "/sitemap.xml")

    def __init__(self, site: str | None = None, sites: str | None = None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sites = read_sites(site, sites)
        self.allowed_domains = sorted({site_of(s) for s in self.sites})
        self.serve_from_base_url({urlsplit(s).hostname for s in self.sites})
        self.sitemap_window = self.window
        self.robots_sitemaps: dict[str, list[str]] = {}  # site root -> sitemaps its robots.txt names
        self.sitemaps_requested: set[str] = set()

    async def start(self):
        if not self.window:
            days = self.settings.getint("NEWSCRAWL_RECENT_DAYS", 3)
            self.sitemap_window = DateWindow(since=datetime.now(UTC).date() - timedelta(days=days))
        obey = self.settings.getbool("ROBOTSTXT_OBEY")
        if obey:
            # Scrapy's robots.txt middleware fetches it once a site; its parser names the sitemaps.
            self.crawler.signals.connect(self.robots_parsed, signal=signals.robots_parsed)
        for site in self.sites:
            probe = self.not_found_probe(site)
            if probe:
                yield probe
            yield Request(site + "/", callback=self.parse_home, errback=self.on_home_error)
            if not obey:
                yield Request(site + "/robots.txt", callback=self.parse_robots, errback=self.on_probe_error,
                              meta={GUESS: True})

    # Discovery

    def robots_parsed(self, robotparser, request):
        """Keep the sitemaps robots.txt names (Protego's parser lists them), by site."""
        root = self.site_root(site_url(request))
        sitemaps = getattr(getattr(robotparser, "rp", None), "sitemaps", ())
        self.robots_sitemaps[root] = list(filter(None, (self.listed_url(url, root + "/robots.txt", "robots")
                                                       for url in sitemaps)))

    def sitemaps_of(self, url: str):
        """Sitemap requests of a site once its robots.txt was read (the home page waits for it)."""
        root = self.site_root(url)
        if root in self.sitemaps_requested:
            return
        self.sitemaps_requested.add(root)
        yield from self.sitemap_requests(root, self.robots_sitemaps.get(root, []))

    def on_home_error(self, failure):
        self.on_error(failure)
        if self.settings.getbool("ROBOTSTXT_OBEY"):
            yield from self.sitemaps_of(site_url(failure.request))

    def parse_home(self, response):
        feeds = list(filter(None, (self.listed_url(href, response.url, "home feed") for href in response.xpath(
            "//link[@rel='alternate' and (" + " or ".join(f"@type='{t}'" for t in FEED_TYPES) + ")]/@href").getall())))
        if feeds:
            self.crawler.stats.inc_value("newscrawl/discovery/feed_linked", len(feeds))
        for url in feeds or [self.site_root(response.url) + path for path in self.feed_paths]:
            yield Request(url, callback=self.parse_feed, errback=self.on_error if feeds else self.on_probe_error,
                          meta={} if feeds else {GUESS: True})
        if self.settings.getbool("ROBOTSTXT_OBEY"):
            yield from self.sitemaps_of(response.url)
        for href in response.css("a::attr(href)").getall():
            url = self.listed_url(href, response.url, "home")
            if url and self.is_on_site(url) and looks_like_article(url) and self.window.contains(url_date(url)):
                self.crawler.stats.inc_value("newscrawl/discovery/home_link")
                yield Request(url, callback=self.parse_article, errback=self.on_error)

    def parse_robots(self, response):
        """robots.txt fetched by the spider itself: only with ``ROBOTSTXT_OBEY`` off."""
        sitemaps = list(filter(None, (self.listed_url(url, response.url, "robots")
                                      for url in sitemap_urls_from_robots(response.body, base_url=response.url))))
        yield from self.sitemap_requests(self.site_root(response.url), sitemaps)

    def sitemap_requests(self, root: str, sitemaps: list[str]):
        """The sitemaps robots.txt names, else the common sitemap paths."""
        if sitemaps:
            self.crawler.stats.inc_value("newscrawl/discovery/sitemap_in_robots", len(sitemaps))
        for url in sitemaps or [root + path for path in self.sitemap_paths]:
            request = self.sitemap_request(url)
            yield request.replace(errback=self.on_error if sitemaps else self.on_probe_error,
                                  meta={**request.meta, **({} if sitemaps else {GUESS: True})})

    def on_probe_error(self, failure):
        """A guessed feed or sitemap path that does not exist is normal: noted, not warned."""
        if failure.check(HttpError):
            logger.debug("%s: HTTP %d (guessed path)", failure.request.url, failure.value.response.status)
            self.crawler.stats.inc_value("newscrawl/discovery/guess_missing")
        else:
            self.on_error(failure)

    # Selection

    def sitemap_filter(self, entries):
        for entry in entries:
            if entries.type == "sitemapindex":
                keep = self.keep_sitemap(entry)
            else:
                keep = looks_like_article(entry["loc"]) and self.sitemap_window.contains(
                    url_date(entry["loc"]) or entry_day(entry.get("lastmod")))
            if keep:
                yield entry
            else:
                self.crawler.stats.inc_value(f"newscrawl/sitemap/skipped_{entries.type}_entry")

    def keep_sitemap(self, entry) -> bool:
        """A child sitemap last changed before the window, or covering a month outside it, has nothing for us."""
        window = self.sitemap_window
        changed = entry_day(entry.get("lastmod"))
        if window.since and changed and changed < window.since:
            return False
        month = sitemap_month(entry["loc"])
        if month is None:
            return True
        month_end = (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return window.overlaps(month, month_end)

    def is_on_site(self, url: str) -> bool:
        return on_domain(site_of(url), self.allowed_domains)

    @staticmethod
    def site_root(url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}"
