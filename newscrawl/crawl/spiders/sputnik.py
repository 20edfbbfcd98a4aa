"""``scrapy crawl sputnik``: a Sputnik edition (or ria.ru) by its RSS feed and article sitemaps.

Without ``since``/``until``: the edition's RSS feed and the newest period files of its article
sitemap.  With them: the sitemap archive only, the period files and their entries chosen by date
before anything is fetched.  Editions, feed and sitemap paths are the site registry's
(``newscrawl.sites.SPUTNIK``).
"""
from __future__ import annotations

from datetime import date

from newscrawl.crawl.listings import entry_day, sitemap_period
from newscrawl.crawl.spiders.base import ArticleSpider
from newscrawl.crawl.url_shapes import url_date
from newscrawl.sites import SPUTNIK


class SputnikSpider(ArticleSpider):
    name = SPUTNIK.name
    site = SPUTNIK
    #: Article pages are ``/YYYYMMDD/slug-<id>.html``; anything else in a sitemap is not an article.
    sitemap_rules = [(r"/\d{8}/[^/]*\d+\.html$", "parse_article")]
    #: RSS ``rian:type`` values that are not articles (videos, photo galleries, ...).
    skipped_feed_types = frozenset({"video", "photolenta", "infographics", "photo", "podcast", "radio"})

    def __init__(self, edition: str = "en", *args, **kwargs):
        super().__init__(*args, **kwargs)
        editions = self.site.editions
        if edition not in editions:
            known = ", ".join(f"{code} ({e.domain})" for code, e in editions.items())
            raise ValueError(f"unknown edition {edition!r}; known editions: {known}")
        self.edition = editions[edition]
        self.site_url = f"https://{self.edition.domain}"
        self.allowed_domains = [self.edition.domain]
        self.serve_from_base_url([self.edition.domain])
        self.recent_periods = None  # read from settings in start()

    async def start(self):
        self.recent_periods = self.settings.getint("NEWSCRAWL_SITEMAP_RECENT_PERIODS", 1)
        if not self.window:
            for path in self.site.feeds:
                yield self.feed_request(self.site_url + path)
        for path in self.site.sitemaps:
            yield self.sitemap_request(self.site_url + path)

    def feed_entry_type(self, entry):
        return entry.get("rian_type")

    def sitemap_filter(self, entries):
        if entries.type == "sitemapindex":
            yield from self.choose_periods(list(entries))
            return
        for entry in entries:
            day = url_date(entry["loc"]) or entry_day(entry.get("lastmod"))
            if self.window.contains(day):
                yield entry
            else:
                self.crawler.stats.inc_value("newscrawl/sitemap/outside_window")

    def choose_periods(self, entries: list[dict]) -> list[dict]:
        """Period files overlapping the date window; without one, the newest ``recent_periods``."""
        dated = [(sitemap_period(e["loc"]), e) for e in entries]
        if self.window:
            return [e for period, e in dated if period is None or self.window.overlaps(*period)]
        dated.sort(key=lambda pair: pair[0] or (date.max, date.max), reverse=True)
        return [e for _, e in dated[: self.recent_periods]]
