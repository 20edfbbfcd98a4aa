"""Revisions: export only what is new or changed since the runs before.

``IncrementalPipeline`` (the last pipeline but schema validation) drops an article whose body
fingerprint (``newscrawl.output.state.body_fingerprint``) and date match the state store
(``newscrawl.output.state``), stamps the others with ``revision`` and ``first_seen_at``, and
writes them to the store only once the feed file holding them is committed
(``feed_exporter_closed`` without a failed storage), so a run that dies re-exports its articles
next time; a record the feed exporter could not write (``newscrawl.output.feeds.record_unwritten``)
is never recorded.  The copies ``DuplicateArticlePipeline`` dropped are recorded with them, each only if
the article it copies is in the store or in this commit.  Its crawl-side twin,
``newscrawl.crawl.incremental``, skips unchanged articles and known copies before they are fetched.

Each entry keeps the validators (``ETag``, ``Last-Modified``) of the response its item came from
(read at ``item_scraped`` / ``item_dropped``, so records keep their schema); an article the site
answered ``304 Not Modified`` (``newscrawl.output.revalidation.article_not_modified``) is renewed
like an unchanged one, at the same commit.

The entries waiting for the commit are kept on disk (``newscrawl.output.spill.DiskMap``, by
canonical URL), not in memory: a run of 50,000 articles would hold 50,000 of them.

``NEWSCRAWL_FULL`` (``-a full=1``) turns both filters off for one run; what it exports is still
recorded, so the next incremental run continues from it.
"""
from __future__ import annotations

import json
import logging
from dataclasses import replace
from datetime import timedelta

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import DropItem

from newscrawl.extract.dates import is_newer, utc_now
from newscrawl.output.feeds import note_output_error, record_unwritten
from newscrawl.output.pipelines import DuplicateBody
from newscrawl.output.revalidation import article_not_modified, response_validators
from newscrawl.output.schema import SCHEMA_VERSION
from newscrawl.output.spill import DiskMap
from newscrawl.output.state import Copy, Entry, body_fingerprint, legacy_hash, open_store, store_settings

logger = logging.getLogger(__name__)


class UnchangedArticle(DropItem):
    """An item dropped because the store has it with the same body and date."""


def entry_json(entry: Entry) -> str:
    return json.dumps(vars(entry), ensure_ascii=False)


def entry_from_json(text: str) -> Entry:
    return Entry(**json.loads(text))


class IncrementalPipeline:
    def __init__(self, store, stats, full: bool = False, max_age: timedelta | None = None):
        self.store, self.stats, self.full, self.max_age = store, stats, full, max_age
        # By canonical URL: exported (or seen again) this run, written after the feed commit.
        self.pending = DiskMap(encode=entry_json, decode=entry_from_json)
        self.copies: list[Copy] = []  # dropped as copies this run, written with them

    @classmethod
    def from_crawler(cls, crawler):
        uri, max_age = store_settings(crawler.settings)
        pipeline = cls(open_store(uri, max_age), crawler.stats, crawler.settings.getbool("NEWSCRAWL_FULL"), max_age)
        crawler.signals.connect(pipeline.feed_committed, signal=signals.feed_exporter_closed)
        crawler.signals.connect(pipeline.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(pipeline.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(pipeline.not_modified, signal=article_not_modified)
        crawler.signals.connect(pipeline.record_unwritten, signal=record_unwritten)
        crawler.signals.connect(pipeline.store_closed, signal=signals.engine_stopped)
        return pipeline

    def process_item(self, item):
        adapter = ItemAdapter(item)
        canonical = adapter.get("canonical_url") or adapter.get("url")
        digest = body_fingerprint(adapter.get("body"))
        dated = adapter.get("modified_at") or adapter.get("published_at")
        entry = self.store.get(canonical)
        same_body = entry is not None and entry.content_hash in (digest, legacy_hash(adapter.get("body")))
        changed = not same_body or is_newer(dated, entry.modified_at)
        now = utc_now()
        if entry and not changed:
            # Seen again: renew its age so it does not expire while the site still lists it (and
            # replace a legacy hash by the fingerprint).
            self.pending[canonical] = replace(entry, content_hash=digest, last_seen_at=now)
            if not self.full:
                self.stats.inc_value("newscrawl/dedup/unchanged_since_last_run")
                raise UnchangedArticle(f"{adapter.get('url')}: unchanged since the last run")
        revision = (entry.revision if entry else 0) + (1 if changed else 0)
        self.stats.inc_value("newscrawl/incremental/" + ("new" if entry is None else
                                                         "changed" if changed else "unchanged_exported"))
        adapter["schema_version"] = SCHEMA_VERSION
        adapter["revision"] = revision
        adapter["first_seen_at"] = entry.first_seen_at if entry else now
        if changed:
            self.pending[canonical] = Entry(canonical, adapter.get("url") or canonical, digest, dated, revision,
                                            adapter["first_seen_at"], now)
        return item

    def item_dropped(self, item, response, exception):
        if isinstance(exception, DuplicateBody):
            self.copies.append(Copy(exception.url, exception.fingerprint, exception.original, exception.dated,
                                    utc_now()))
        elif isinstance(exception, UnchangedArticle):
            self.keep_validators(item, response)

    def item_scraped(self, item, response):
        self.keep_validators(item, response)

    def keep_validators(self, item, response):
        """The pending entry of ``item`` takes the validators its page was served with."""
        adapter = ItemAdapter(item)
        canonical = adapter.get("canonical_url") or adapter.get("url")
        entry = self.pending.get(canonical)
        if entry is not None:  # written back: the pending entries live on disk, not as shared objects
            etag, last_modified = response_validators(response)
            self.pending[canonical] = replace(entry, etag=etag, last_modified=last_modified)

    def not_modified(self, canonical_url, etag=None, last_modified=None):
        """A 304 for a stored article: seen again unchanged, so its age is renewed (at the commit),
        with the validators the 304 gave, if any."""
        if canonical_url in self.pending:
            return  # also fetched under another URL this run: that entry is newer
        entry = self.store.get(canonical_url)
        if entry is None:
            return  # expired since the request was sent: the next run fetches it in full
        self.pending[canonical_url] = replace(entry, last_seen_at=utc_now(), etag=etag or entry.etag,
                                              last_modified=last_modified or entry.last_modified)

    def record_unwritten(self, item, error):
        """The feed has not this record: forget it, so the next run exports it again."""
        canonical = ItemAdapter(item).get("canonical_url") or ItemAdapter(item).get("url")
        self.pending.pop(canonical, None)

    def feed_committed(self):
        """Record this run's articles, unless a feed failed to store (they are exported again next run)."""
        failed = {k: v for k, v in self.stats.get_stats().items() if k.startswith("feedexport/failed_count/")}
        if failed:
            logger.error("a feed was not stored (%s); the state store is left unchanged", failed)
            return
        exported = self.pending
        # A copy points at a committed article, never at one a later pipeline dropped.
        stored = self.store.get_many([c.original_url for c in self.copies if c.original_url not in exported])
        copies = [c for c in self.copies if c.original_url in exported or c.original_url in stored]
        try:
            self.store.put(self.pending.values(), copies)  # read from disk as the store writes them
        except Exception as error:  # sqlite3 or redis: a full disk, a lost server
            # The feed holds them, the store does not: the next run exports them again (and the run fails).
            message = f"state store not updated with {len(self.pending)} articles: {type(error).__name__}: {error}"
            logger.error(message)
            note_output_error(self.stats, message)
            return
        self.stats.set_value("newscrawl/incremental/recorded", len(self.pending))
        self.stats.set_value("newscrawl/incremental/recorded_copies", len(copies))
        if self.max_age:
            self.stats.set_value("newscrawl/incremental/expired", self.store.expire(self.max_age))
        self.pending.clear()
        self.copies = []

    def store_closed(self):
        self.store.close()
        self.pending.close()
