"""Item pipelines: item -> clean, valid, unique item.  One concern each, in this order:

1. ``RepeatedTextPipeline`` removes text an article repeats (lead, captions, paragraphs).
2. ``ValidationPipeline`` drops articles without headline or body.
3. ``DuplicateArticlePipeline`` exports an article reached under several URLs once (the first).

Every removal is counted in the crawl stats under ``newscrawl/...``.
"""
from __future__ import annotations

import hashlib
import logging

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from newscrawl.extract.repeats import remove_repeated_text
from newscrawl.extract.text import comparison_key
from newscrawl.output.seen import LocalSeenSet, RedisSeenSet, seen_set_keys

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


def body_fingerprint(body: str) -> str:
    """Same text modulo spaces, case and punctuation -> same fingerprint."""
    return hashlib.sha1(comparison_key(body).encode("utf-8")).hexdigest()


class DuplicateArticlePipeline(StatsPipeline):
    """Keeps the first copy in crawl order of each article: same canonical URL, or same body.

    The seen-sets are this process's own, or Redis sets shared by every process of a
    distributed crawl (``NEWSCRAWL_REDIS_URL``; ``newscrawl.output.seen``).
    """

    def __init__(self, stats, seen_urls=None, seen_bodies=None):
        super().__init__(stats)
        self.seen_urls = seen_urls or LocalSeenSet()
        self.seen_bodies = seen_bodies or LocalSeenSet()

    @classmethod
    def from_crawler(cls, crawler):
        redis_url = crawler.settings.get("NEWSCRAWL_REDIS_URL")
        if not redis_url:
            return cls(crawler.stats)
        import redis  # only distributed set-ups need the client

        client, keys = redis.Redis.from_url(redis_url), seen_set_keys(crawler.spidercls.name)
        return cls(crawler.stats, RedisSeenSet(client, keys["seen_urls"]), RedisSeenSet(client, keys["seen_bodies"]))

    def process_item(self, item):
        adapter = ItemAdapter(item)
        canonical = adapter.get("canonical_url") or adapter.get("url")
        fingerprint = body_fingerprint(adapter.get("body") or "")
        # add() checks and records in one step, so two processes cannot both keep the same article.
        if not self.seen_urls.add(canonical):
            reason = "duplicate_canonical_url"
        elif not self.seen_bodies.add(fingerprint):
            reason = "duplicate_body"
        else:
            return item
        self.stats.inc_value(f"newscrawl/dedup/{reason}")
        raise DropItem(f"{adapter.get('url')}: {reason.replace('_', ' ')} of {canonical}")
