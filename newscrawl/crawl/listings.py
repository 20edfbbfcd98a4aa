"""Listings: what feeds and sitemaps say about their entries, and the date window that picks them.

Entries are chosen before anything is fetched: by the dates a listing gives (``lastmod``, a
feed's updated/published time), by the date in the URL, and by the period or month a dated
sitemap file covers.  ``listing_dates`` reads those dates for any spider's feed or sitemap
response (the incremental filter, ``newscrawl.crawl.incremental``, compares them with the store).
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import parse_qs, urlsplit

import feedparser
from scrapy.http import TextResponse
from scrapy.utils.sitemap import Sitemap

from newscrawl.crawl.url_shapes import UnfetchableURLError, clean_url

SITEMAP_MONTH = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_/]?(0[1-9]|1[0-2])(?!\d)")


def date_argument(value: str | None, name: str) -> date | None:
    """A ``-a since=``/``until=`` value as a date; a clear error for anything but ``YYYY-MM-DD``."""
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"-a {name}={value!r}: expected a date as YYYY-MM-DD") from None


@dataclass
class DateWindow:
    """The ``since``/``until`` bounds of a run (inclusive); either may be open."""

    since: date | None = None
    until: date | None = None

    def __bool__(self) -> bool:
        return bool(self.since or self.until)

    def contains(self, day: date | None) -> bool:
        """Unknown dates are kept: only a known date outside the window excludes an entry."""
        if day is None:
            return True
        return (not self.since or day >= self.since) and (not self.until or day <= self.until)

    def overlaps(self, start: date, end: date) -> bool:
        return (not self.since or end >= self.since) and (not self.until or start <= self.until)


def entry_day(value) -> date | None:
    """The day of a sitemap ``lastmod`` or a feed's parsed time, else ``None``."""
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
        except ValueError:
            return None
    if value:  # feedparser's struct_time, in UTC
        return date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def sitemap_period(url: str) -> tuple[date, date] | None:
    """The ``date_start``/``date_end`` of a period file's URL.

    >>> sitemap_period("https://sputnikglobe.com/sitemap_article.xml?date_start=20120201&date_end=20120229")
    (datetime.date(2012, 2, 1), datetime.date(2012, 2, 29))
    """
    query = parse_qs(urlsplit(url).query)
    try:
        start, end = (query[key][0] for key in ("date_start", "date_end"))
        return (date(int(start[:4]), int(start[4:6]), int(start[6:8])),
                date(int(end[:4]), int(end[4:6]), int(end[6:8])))
    except (KeyError, ValueError, IndexError):
        return None


def sitemap_month(url: str) -> date | None:
    """The month a dated sitemap file covers (``sitemap-2024-05.xml``, ``/2024/05/``), as its first day."""
    match = SITEMAP_MONTH.search(urlsplit(url).path + "?" + urlsplit(url).query)
    return date(int(match.group(1)), int(match.group(2)), 1) if match else None


def listing_dates(response) -> dict[str, str]:
    """``{article URL: date}`` of a sitemap (``lastmod``) or an RSS/Atom feed (updated, else
    published); ``{}`` for anything else.  Read here rather than in each spider so that every
    spider's feeds and sitemaps get the check.  Keys are canonical (``clean_url``), as the
    spiders' requests are; links that are no fetchable URL are left out."""
    return {key: day for url, day in raw_listing_dates(response).items() if (key := canonical_or_none(url))}


def canonical_or_none(url: str) -> str | None:
    try:
        return clean_url(url)
    except UnfetchableURLError:
        return None


def raw_listing_dates(response) -> dict[str, str]:
    if not isinstance(response, TextResponse):
        return {}
    head = response.body[:2000]
    if b"<urlset" in head:
        try:
            return {e["loc"]: e["lastmod"] for e in Sitemap(response.body) if e.get("loc") and e.get("lastmod")}
        except Exception:  # a broken sitemap is the spider's to report, not ours
            return {}
    if b"<rss" in head or b"<feed" in head or b"<rdf" in head:
        # dict.get: the stored keys only, without feedparser's deprecated updated -> published alias
        stamps = {e.get("link"): dict.get(e, "updated_parsed") or dict.get(e, "published_parsed")
                  for e in feedparser.parse(response.body).entries}
        return {link: time.strftime("%Y-%m-%dT%H:%M:%SZ", stamp) for link, stamp in stamps.items() if link and stamp}
    return {}
