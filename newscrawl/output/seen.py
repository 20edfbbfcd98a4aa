"""Seen-sets: what ``DuplicateArticlePipeline`` has kept this crawl, in one process or shared.

``add(value) -> True`` when the value is new.  A distributed crawl (``NEWSCRAWL_REDIS_URL``)
keeps them as Redis sets under the crawl's keys, so an article reached by two workers is exported
once (``SADD`` checks and adds in one atomic step); the shared scheduler
(``newscrawl.crawl.distributed``) clears them with the rest of the crawl's keys.
"""
from __future__ import annotations


def crawl_prefix(spider: str) -> str:
    """The prefix of every Redis key of one spider's shared crawl."""
    return f"newscrawl:{spider}"


def seen_set_keys(spider: str) -> dict[str, str]:
    """The Redis keys of one spider's seen-sets.

    >>> seen_set_keys("sputnik")["seen_urls"]
    'newscrawl:sputnik:seen_urls'
    """
    prefix = crawl_prefix(spider)
    return {"seen_urls": f"{prefix}:seen_urls", "seen_bodies": f"{prefix}:seen_bodies"}


class RedisSeenSet:
    """``add(value) -> True`` when the value is new to every worker of the crawl."""

    def __init__(self, client, key: str):
        self.client, self.key = client, key

    def add(self, value: str) -> bool:
        return bool(self.client.sadd(self.key, value))


class LocalSeenSet:
    """The same for a single process."""

    def __init__(self):
        self.values: set[str] = set()

    def add(self, value: str) -> bool:
        if value in self.values:
            return False
        self.values.add(value)
        return True
