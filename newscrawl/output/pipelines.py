"""Item pipelines: item -> clean, valid, unique item.  One concern each, in this order:

1. ``RepeatedTextPipeline`` removes text an article repeats (lead, captions, paragraphs).
2. ``ValidationPipeline`` drops articles without headline or body.
3. ``DuplicateArticlePipeline`` exports an article reached under several URLs once (the first
   exported, in this run or an earlier one); the others are dropped as copies of it.

Every removal is counted in the crawl stats under ``newscrawl/...``.
"""
from __future__ import annotations

import logging

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import DropItem

from newscrawl.extract.repeats import remove_repeated_text
from newscrawl.output.seen import LocalSeenSet, RedisSeenSet, seen_set_keys
from newscrawl.output.state import NO_STORE, body_fingerprint, body_hashes, open_store, store_settings

logger = logging.getLogger(__name__)


class StatsPipeline:
    """Base: holds the crawler's stats collector."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)


class RepeatedTextPipeline(StatsPipeline):
    def process_item(self, item):
        for reason, count in remove_repeated_text(ItemAdapter(item)).items():
            self.stats.inc_value(f"newscrawl/dedup/{reason}", count)
        return item


class ValidationPipeline(StatsPipeline):
    required = ("headline", "body")

    def process_item(self, item):
        adapter = ItemAdapter(item)
        missing = [name for name in self.required if not adapter.get(name)]
        if missing:
            reason = "no_" + "_no_".join(missing)
            self.stats.inc_value(f"newscrawl/dropped/{reason}")
            raise DropItem(f"{adapter.get('url')}: {reason.replace('_', ' ')}")
        return item


class DuplicateBody(DropItem):
    """An item dropped because its body is that of the article at ``original`` (a canonical URL);
    ``IncrementalPipeline`` records it in the state store as a copy."""

    def __init__(self, url: str, fingerprint: str, original: str, dated: str | None):
        super().__init__(f"{url}: duplicate body of {original}")
        self.url, self.fingerprint, self.original, self.dated = url, fingerprint, original, dated


class DuplicateArticlePipeline(StatsPipeline):
    """Keeps one article per canonical URL and per body: "the" article of a body is the first
    exported with it, in an earlier run (the state store) or else first in this run's crawl
    order; every other page with that body is dropped as its copy (``DuplicateBody``).  A page
    the store knows as a copy stays a copy of its original while the store keeps it, even when
    both change (a syndicated update), whichever of the two this run reaches first.

    The seen-sets are this process's own, or Redis sets shared by every process of a
    distributed crawl (``NEWSCRAWL_REDIS_URL``; ``newscrawl.output.seen``).  ``store`` is read
    only (``newscrawl.output.state``), never written here.
    """

    def __init__(self, stats, seen_urls=None, seen_bodies=None, store=None):
        super().__init__(stats)
        self.seen_urls = seen_urls or LocalSeenSet()
        self.seen_bodies = seen_bodies or LocalSeenSet()
        self.store = store or open_store(NO_STORE)

    @classmethod
    def from_crawler(cls, crawler):
        uri, max_age = store_settings(crawler.settings)
        store = open_store(uri, max_age)
        redis_url = crawler.settings.get("NEWSCRAWL_REDIS_URL")
        if not redis_url:
            pipeline = cls(crawler.stats, store=store)
        else:
            import redis  # only distributed set-ups need the client

            client, keys = redis.Redis.from_url(redis_url), seen_set_keys(crawler.spidercls.name)
            pipeline = cls(crawler.stats, RedisSeenSet(client, keys["seen_urls"]),
                           RedisSeenSet(client, keys["seen_bodies"]), store)
        crawler.signals.connect(pipeline.store.close, signal=signals.engine_stopped)
        return pipeline

    def process_item(self, item):
        adapter = ItemAdapter(item)
        url = adapter.get("url")
        canonical = adapter.get("canonical_url") or url
        # add() and claim() check and record in one step, so two processes cannot both keep an article.
        if not self.seen_urls.add(canonical):
            self.stats.inc_value("newscrawl/dedup/duplicate_canonical_url")
            raise DropItem(f"{url}: duplicate canonical url of {canonical}")
        fingerprint = body_fingerprint(adapter.get("body"))
        original = self.seen_bodies.claim(fingerprint, self.owner(url, canonical, adapter.get("body")))
        if original == canonical:
            return item
        self.stats.inc_value("newscrawl/dedup/duplicate_body")
        raise DuplicateBody(url, fingerprint, original, adapter.get("modified_at") or adapter.get("published_at"))

    def owner(self, url: str, canonical: str, body: str | None) -> str:
        """The article this body belongs to, as far as earlier runs know: the original of a known
        copy, else the stored article with this body, else this page."""
        known = self.store.get_copy(url)
        if known:
            return known.original_url
        return self.store.original_of(body_hashes(body)) or canonical
