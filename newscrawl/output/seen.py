"""Seen-sets: what ``DuplicateArticlePipeline`` has kept this crawl, in one process or shared.

``add(value) -> True`` when the value is new; ``claim(value, owner)`` records ``owner`` for a new
value and returns the owner on record (the first claimant).  A distributed crawl
(``NEWSCRAWL_REDIS_URL``) keeps them as Redis sets and hashes under the crawl's keys, so an
article reached by two workers is exported once (``SADD`` and ``HSETNX`` check and add in one
atomic step); a single process keeps them on disk.  The shared scheduler
(``newscrawl.crawl.distributed``) clears them with the rest of the crawl's keys.
"""
from __future__ import annotations

from newscrawl.output.spill import DiskMap, DiskSet


def crawl_prefix(spider: str) -> str:
    """The prefix of every Redis key of one spider's shared crawl."""
    return f"newscrawl:{spider}"


def seen_set_keys(spider: str) -> dict[str, str]:
    """The Redis keys of one spider's seen-sets.

    >>> seen_set_keys("sputnik")["seen_urls"]
    'newscrawl:sputnik:seen_urls'
    """
    prefix = crawl_prefix(spider)
    # body -> first article: a hash under a new key name, so a set left by an older crawl cannot clash
    return {"seen_urls": f"{prefix}:seen_urls", "seen_bodies": f"{prefix}:body_owners"}


class RedisSeenSet:
    """``add(value) -> True`` when the value is new to every worker of the crawl."""

    def __init__(self, client, key: str):
        self.client, self.key = client, key

    def add(self, value: str) -> bool:
        return bool(self.client.sadd(self.key, value))

    def claim(self, value: str, owner: str) -> str:
        if self.client.hsetnx(self.key, value, owner):
            return owner
        return self.client.hget(self.key, value).decode()


class LocalSeenSet:
    """The same for a single process, kept on disk (``newscrawl.output.spill``): a value a page,
    so memory stays flat however long the crawl."""

    def __init__(self):
        self.values = DiskSet()
        self.owners = DiskMap(encode=str, decode=str)

    def add(self, value: str) -> bool:
        return self.values.add(value)

    def claim(self, value: str, owner: str) -> str:
        return self.owners.setdefault(value, owner)

    def close(self) -> None:
        self.values.close()
        self.owners.close()
