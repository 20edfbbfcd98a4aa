"""Incremental runs: export only what is new or changed since the runs before.

Two components share the store of ``newscrawl.state``:

- ``UnchangedListingFilter`` (spider middleware) drops an article request before it is fetched
  when the feed or sitemap listing it dates it (``pubDate`` / ``lastmod``) no later than the
  article's date the store holds.
- ``IncrementalPipeline`` (last pipeline) drops an article whose body hash and date match the
  store, stamps the others with ``revision`` and ``first_seen_at``, and writes them to the store
  only once the feed file holding them is committed (``feed_exporter_closed`` without a failed
  storage), so a run that dies re-exports its articles next time.

``NEWSCRAWL_FULL`` (``-a full=1``) turns both filters off for one run; what it exports is still
recorded, so the next incremental run continues from it.
"""
from __future__ import annotations

import hashlib
import logging
import time
from datetime import UTC, datetime, timedelta

import feedparser
from itemadapter import ItemAdapter
from scrapy import Request, signals
from scrapy.exceptions import DropItem
from scrapy.http import TextResponse
from scrapy.utils.sitemap import Sitemap

from newscrawl.schema import SCHEMA_VERSION
from newscrawl.state import Entry, iso_now, open_store

logger = logging.getLogger(__name__)

#: ``request.meta`` key: the date a feed or sitemap lists for the article (ISO 8601).
LISTED_AT = "newscrawl_listed_at"


def parse_when(value: str | None) -> datetime | None:
    """ISO 8601 (``Z`` or an offset) -> aware datetime; naive values are taken as UTC.

    >>> parse_when("2012-03-05T14:45:00Z") == parse_when("2012-03-05T16:45:00+02:00")
    True
    """
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def is_newer(candidate: str | None, stored: str | None) -> bool:
    """Whether ``candidate`` is a later date than ``stored``; an unknown date is never newer."""
    new, old = parse_when(candidate), parse_when(stored)
    return bool(new and old and new > old) or bool(new and not old)


def content_hash(body: str | None) -> str:
    return hashlib.sha256((body or "").encode("utf-8")).hexdigest()


def store_settings(settings) -> tuple[str, timedelta]:
    """The state URI (the Redis URL of a distributed crawl unless set) and the entry age limit."""
    uri = settings.get("NEWSCRAWL_STATE_URI") or settings.get("NEWSCRAWL_REDIS_URL") \
        or "sqlite:///.newscrawl/state.db"
    return uri, timedelta(days=settings.getfloat("NEWSCRAWL_STATE_MAX_AGE_DAYS", 90))


class UnchangedListingFilter:
    def __init__(self, store, stats, full: bool = False):
        self.store, self.stats, self.full = store, stats, full

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
                when = output.meta.get(LISTED_AT) or listed.get(output.url)
                if self.unchanged(output.url, when):
                    self.stats.inc_value("newscrawl/incremental/not_fetched_unchanged")
                    logger.debug("%s: unchanged since the last run (listed %s); not fetched", output.url, when)
                    continue
            yield output

    def unchanged(self, url: str, listed: str | None) -> bool:
        if not listed:
            return False
        entry = self.store.get(url)
        return bool(entry and entry.modified_at and not is_newer(listed, entry.modified_at))


def listing_dates(response) -> dict[str, str]:
    """``{article URL: date}`` of a sitemap (``lastmod``) or an RSS/Atom feed (updated, else
    published); ``{}`` for anything else.  Read here rather than in each spider so that every
    spider's feeds and sitemaps get the check."""
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


class IncrementalPipeline:
    def __init__(self, store, stats, full: bool = False, max_age: timedelta | None = None):
        self.store, self.stats, self.full, self.max_age = store, stats, full, max_age
        self.pending: list[Entry] = []  # exported (or seen again) this run, written after the feed commit

    @classmethod
    def from_crawler(cls, crawler):
        uri, max_age = store_settings(crawler.settings)
        pipeline = cls(open_store(uri, max_age), crawler.stats, crawler.settings.getbool("NEWSCRAWL_FULL"), max_age)
        crawler.signals.connect(pipeline.feed_committed, signal=signals.feed_exporter_closed)
        crawler.signals.connect(pipeline.store_closed, signal=signals.engine_stopped)
        # For the monitors: a run that finds nothing fails only if earlier runs found something.
        crawler.stats.set_value("newscrawl/incremental/known_before_run", pipeline.store.count())
        return pipeline

    def process_item(self, item):
        adapter = ItemAdapter(item)
        canonical = adapter.get("canonical_url") or adapter.get("url")
        digest = content_hash(adapter.get("body"))
        dated = adapter.get("modified_at") or adapter.get("published_at")
        entry = self.store.get(canonical)
        changed = entry is None or entry.content_hash != digest or is_newer(dated, entry.modified_at)
        now = iso_now()
        if entry and not changed:
            # Seen again: renew its age so it does not expire while the site still lists it.
            self.pending.append(Entry(**{**entry.__dict__, "last_seen_at": now}))
            if not self.full:
                self.stats.inc_value("newscrawl/dedup/unchanged_since_last_run")
                raise DropItem(f"{adapter.get('url')}: unchanged since the last run")
        revision = (entry.revision if entry else 0) + (1 if changed else 0)
        self.stats.inc_value("newscrawl/incremental/" + ("new" if entry is None else
                                                         "changed" if changed else "unchanged_exported"))
        adapter["schema_version"] = SCHEMA_VERSION
        adapter["revision"] = revision
        adapter["first_seen_at"] = entry.first_seen_at if entry else now
        if changed:
            self.pending.append(Entry(canonical, adapter.get("url") or canonical, digest, dated, revision,
                                      adapter["first_seen_at"], now))
        return item

    def feed_committed(self):
        """Record this run's articles, unless a feed failed to store (they are exported again next run)."""
        failed = {k: v for k, v in self.stats.get_stats().items() if k.startswith("feedexport/failed_count/")}
        if failed:
            logger.error("a feed was not stored (%s); the state store is left unchanged", failed)
            return
        self.store.put(self.pending)
        self.stats.set_value("newscrawl/incremental/recorded", len(self.pending))
        if self.max_age:
            self.stats.set_value("newscrawl/incremental/expired", self.store.expire(self.max_age))
        self.pending = []

    def store_closed(self):
        self.store.close()
