"""Stories: which exported articles carry the same story (a wire story on several sites, a copy with
a changed headline or a sentence added), across URLs, sites and runs.

Every exported record gets ``story_id``, and ``near_duplicate_of``: ``None`` for the first article
of its story, else the canonical URL of the article its body was matched to.  A story's id is
``short_id`` of its first article's canonical URL, so it is stable and the same in every run.
An article keeps its story (id and match) across revisions.

Matching (``newscrawl.output.similarity``): a body's MinHash signature; its band keys find the
candidate articles, first in the state store, then among this run's; the candidate whose
signature is most similar (earliest on a tie), at or above ``NEWSCRAWL_STORY_THRESHOLD``, gives
the story.  Band collisions alone never decide.

Storage beside the state store's articles (``newscrawl.output.state``), on the same SQLite file
or Redis server: per article its story, match, signature (4 bytes a value) and band keys; per
band key the articles having it.  This run's articles are kept pending in a temporary file (found
by later pages of the run, so two near-copies of one run share a story) and are written only when
the feed file holding them is committed, as ``IncrementalPipeline`` writes its entries; articles only seen
again get their age renewed.  Entries expire with the store's (``NEWSCRAWL_STATE_MAX_AGE_DAYS``).
A stored value that is not what this module writes (a damaged signature row, a Redis key of
another type) is logged, counted (``newscrawl/story/bad_store_value``) and ignored.

Limits: workers of a distributed crawl share stored stories, not the ones pending in another
process, so two near-copies first fetched by two workers in one crawl may start two stories.
Changing ``NEWSCRAWL_STORY_NUM_PERM`` or the threshold changes signatures or band keys: stories
stored before are no longer found (their entries are ignored, then expire).
"""
from __future__ import annotations

import logging
import struct
from collections.abc import Container, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from itertools import islice

import numpy as np
from itemadapter import ItemAdapter
from scrapy import signals

from newscrawl.extract.dates import format_datetime, utc_now
from newscrawl.output.feeds import note_output_error, record_unwritten
from newscrawl.output.pipelines import DuplicateBody
from newscrawl.output.similarity import EMPTY, Banding, from_bytes, short_id, signature, similarity, to_bytes
from newscrawl.output.spill import DiskSet, temporary_database
from newscrawl.output.state import body_fingerprint, open_store, store_settings

logger = logging.getLogger(__name__)

BAD_STORE_VALUE = "newscrawl/story/bad_store_value"
#: Entries written to the store a transaction (SQLite) or MULTI/EXEC (Redis) at a time at the commit,
#: so the commit of a long run holds a batch in memory, not the run.
COMMIT_BATCH = 1000


@dataclass
class StoryEntry:
    canonical_url: str
    story_id: str
    near_duplicate_of: str | None
    signature: np.ndarray
    band_keys: list[int]
    last_seen_at: str


def pack_keys(keys: list[int]) -> bytes:
    """Band keys as stored: 8 bytes each.

    >>> unpack_keys(pack_keys([-1, 2])) == [-1, 2]
    True
    """
    return struct.pack(f"<{len(keys)}q", *keys)


def unpack_keys(raw: bytes) -> list[int]:
    if not isinstance(raw, bytes | bytearray) or len(raw) % 8:
        raise ValueError("stored band keys are not 8-byte integers")
    return list(struct.unpack(f"<{len(raw) // 8}q", raw))


class PendingStories:
    """This run's articles, not yet in the store: searchable like it.  Kept in a temporary SQLite
    database (``newscrawl.output.spill``): in Python objects an entry with its signature and band
    index takes some 4.4 KB, which grew a 50,000-page crawl by 200 MB."""

    def __init__(self):
        self.db = temporary_database()
        self.db.execute("CREATE TABLE entries (id INTEGER PRIMARY KEY, url TEXT UNIQUE NOT NULL, story TEXT NOT NULL,"
                        " match TEXT, signature BLOB NOT NULL, bands BLOB NOT NULL, seen TEXT NOT NULL)")
        self.db.execute("CREATE TABLE bands (band INTEGER NOT NULL, entry INTEGER NOT NULL,"
                        " PRIMARY KEY (band, entry)) WITHOUT ROWID")
        self.num_perm: int | None = None

    _COLUMNS = "url, story, match, signature, bands, seen"

    def _entry(self, row) -> StoryEntry:
        return StoryEntry(row[0], row[1], row[2], from_bytes(row[3], self.num_perm), unpack_keys(row[4]), row[5])

    def get(self, canonical_url: str) -> StoryEntry | None:
        row = self.db.execute(f"SELECT {self._COLUMNS} FROM entries WHERE url = ?", (canonical_url,)).fetchone()
        return self._entry(row) if row else None

    def candidates(self, keys: list[int]) -> list[StoryEntry]:
        """The entries sharing a band key with ``keys``, earliest first."""
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        rows = self.db.execute(f"SELECT {self._COLUMNS} FROM entries WHERE id IN (SELECT entry FROM bands"
                               f" WHERE band IN ({marks})) ORDER BY id", keys).fetchall()
        return [self._entry(row) for row in rows]

    def add(self, entry: StoryEntry) -> None:
        self.discard(entry.canonical_url)
        self.num_perm = len(entry.signature)
        row = self.db.execute(f"INSERT INTO entries ({self._COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
                              (entry.canonical_url, entry.story_id, entry.near_duplicate_of,
                               to_bytes(entry.signature), pack_keys(entry.band_keys), entry.last_seen_at)).lastrowid
        self.db.executemany("INSERT OR IGNORE INTO bands VALUES (?, ?)", [(key, row) for key in entry.band_keys])

    def discard(self, canonical_url: str) -> None:
        found = self.db.execute("SELECT id, bands FROM entries WHERE url = ?", (canonical_url,)).fetchone()
        if found:
            row, keys = found
            self.db.executemany("DELETE FROM bands WHERE band = ? AND entry = ?",
                                [(key, row) for key in unpack_keys(keys)])
            self.db.execute("DELETE FROM entries WHERE id = ?", (row,))

    def __iter__(self) -> Iterator[StoryEntry]:
        """The entries in the order they were added, read in batches (never all held at once)."""
        cursor = self.db.execute(f"SELECT {self._COLUMNS} FROM entries ORDER BY id")
        while rows := cursor.fetchmany(500):
            yield from map(self._entry, rows)

    def close(self) -> None:
        self.db.close()


class SqliteStories:
    """Two tables in the state store's SQLite file, created in place in a store without them."""

    def __init__(self, db, num_perm: int, report):
        self.db, self.num_perm, self.report = db, num_perm, report
        with self.db:
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS stories (id INTEGER PRIMARY KEY, canonical_url TEXT UNIQUE NOT NULL,"
                " story_id TEXT NOT NULL, near_duplicate_of TEXT, signature BLOB NOT NULL, band_keys BLOB NOT NULL,"
                " last_seen_at TEXT NOT NULL)")
            self.db.execute("CREATE INDEX IF NOT EXISTS stories_last_seen ON stories (last_seen_at)")
            # band key -> article: clustered by band key, so a lookup reads only its own rows
            self.db.execute("CREATE TABLE IF NOT EXISTS story_bands (band INTEGER NOT NULL, article INTEGER NOT NULL,"
                            " PRIMARY KEY (band, article)) WITHOUT ROWID")

    _COLUMNS = "id, canonical_url, story_id, near_duplicate_of, signature, band_keys, last_seen_at"

    def _entry(self, row) -> StoryEntry | None:
        try:
            if not (isinstance(row[2], str) and isinstance(row[6], str) and isinstance(row[3], str | None)):
                raise ValueError("a text column holds another type")
            return StoryEntry(row[1], row[2], row[3], from_bytes(row[4], self.num_perm), unpack_keys(row[5]), row[6])
        except ValueError as error:
            self.report(f"stories row {row[0]} ({row[1]})", error)
            return None

    def get(self, canonical_url: str) -> StoryEntry | None:
        row = self.db.execute(f"SELECT {self._COLUMNS} FROM stories WHERE canonical_url = ?",
                              (canonical_url,)).fetchone()
        return self._entry(row) if row else None

    def candidates(self, keys: list[int]) -> list[StoryEntry]:
        marks = ",".join("?" * len(keys))
        rows = self.db.execute(f"SELECT {self._COLUMNS} FROM stories WHERE id IN (SELECT article FROM story_bands"
                               f" WHERE band IN ({marks})) ORDER BY id", keys).fetchall()
        return [entry for entry in map(self._entry, rows) if entry]

    def _remove(self, rows) -> None:
        for article, raw_keys in rows:
            try:
                keys = unpack_keys(raw_keys)
                self.db.executemany("DELETE FROM story_bands WHERE band = ? AND article = ?",
                                    [(key, article) for key in keys])
            except ValueError:  # damaged row: find its bands the slow way
                self.db.execute("DELETE FROM story_bands WHERE article = ?", (article,))
            self.db.execute("DELETE FROM stories WHERE id = ?", (article,))

    def put(self, entries: list[StoryEntry]) -> None:
        with self.db:  # one transaction, as the articles
            for entry in entries:
                self._remove(self.db.execute("SELECT id, band_keys FROM stories WHERE canonical_url = ?",
                                             (entry.canonical_url,)).fetchall())
                article = self.db.execute(
                    "INSERT INTO stories (canonical_url, story_id, near_duplicate_of, signature, band_keys,"
                    " last_seen_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (entry.canonical_url, entry.story_id, entry.near_duplicate_of, to_bytes(entry.signature),
                     pack_keys(entry.band_keys), entry.last_seen_at)).lastrowid
                self.db.executemany("INSERT OR IGNORE INTO story_bands VALUES (?, ?)",
                                    [(key, article) for key in entry.band_keys])

    def renew(self, canonical_urls: list[str], now: str) -> None:
        with self.db:
            self.db.executemany("UPDATE stories SET last_seen_at = ? WHERE canonical_url = ?",
                                [(now, url) for url in canonical_urls])

    def expire(self, max_age: timedelta) -> int:
        """Removes the articles not seen for ``max_age``, reading only them (indexed by age)."""
        cutoff = format_datetime(datetime.now(UTC) - max_age)
        with self.db:
            rows = self.db.execute("SELECT id, band_keys FROM stories WHERE last_seen_at < ?", (cutoff,)).fetchall()
            self._remove(rows)
        return len(rows)


class RedisStories:
    """Per article a hash ``<prefix>:story:<short_id(url)>`` (``url``, ``story``, ``match``, ``sig``,
    ``bands``); per band key a set ``<prefix>:storyband:<key>`` of article ids.  Every key carries
    the store's TTL, renewed when the article is seen again."""

    def __init__(self, client, prefix: str, num_perm: int, ttl: int | None, report):
        self.client, self.prefix, self.num_perm, self.ttl, self.report = client, prefix, num_perm, ttl, report

    def _article_key(self, canonical_url: str) -> str:
        return f"{self.prefix}:story:{short_id(canonical_url)}"

    def _band_key(self, key: int) -> str:
        return f"{self.prefix}:storyband:{key & 0xFFFFFFFFFFFFFFFF:016x}"

    def _entry(self, where: str, fields, canonical_url: str | None = None) -> StoryEntry | None:
        if isinstance(fields, Exception):
            self.report(where, fields)
            return None
        if not fields:
            return None
        try:
            url, story = fields[b"url"].decode(), fields[b"story"].decode()
            if canonical_url is not None and url != canonical_url:
                return None  # another article under the same 64-bit id: not this one
            match = fields.get(b"match", b"").decode() or None
            return StoryEntry(url, story, match, from_bytes(fields[b"sig"], self.num_perm),
                              unpack_keys(fields[b"bands"]), fields.get(b"seen", b"").decode())
        except (KeyError, ValueError, UnicodeDecodeError) as error:
            self.report(where, error)
            return None

    def get(self, canonical_url: str) -> StoryEntry | None:
        key = self._article_key(canonical_url)
        with self.client.pipeline(transaction=False) as pipe:
            [fields] = pipe.hgetall(key).execute(raise_on_error=False)
        return self._entry(key, fields, canonical_url)

    def candidates(self, keys: list[int]) -> list[StoryEntry]:
        band_keys = [self._band_key(key) for key in keys]
        with self.client.pipeline(transaction=False) as pipe:
            for key in band_keys:
                pipe.smembers(key)
            members = pipe.execute(raise_on_error=False)
        ids = {}
        for key, found in zip(band_keys, members, strict=True):
            if isinstance(found, Exception):
                self.report(key, found)
                continue
            ids.update(dict.fromkeys(sorted(found)))
        article_keys = [f"{self.prefix}:story:{article.decode(errors='replace')}" for article in ids]
        with self.client.pipeline(transaction=False) as pipe:
            for key in article_keys:
                pipe.hgetall(key)
            found = pipe.execute(raise_on_error=False)
        return [entry for key, fields in zip(article_keys, found, strict=True) if (entry := self._entry(key, fields))]

    def put(self, entries: list[StoryEntry]) -> None:
        with self.client.pipeline() as pipe:  # MULTI/EXEC with the articles' entries
            for entry in entries:
                key = self._article_key(entry.canonical_url)
                pipe.delete(key)  # whatever was there, of whatever type
                pipe.hset(key, mapping={"url": entry.canonical_url, "story": entry.story_id,
                                        "match": entry.near_duplicate_of or "", "sig": to_bytes(entry.signature),
                                        "bands": pack_keys(entry.band_keys), "seen": entry.last_seen_at})
                if self.ttl:
                    pipe.expire(key, self.ttl)
                for band in map(self._band_key, entry.band_keys):
                    pipe.sadd(band, short_id(entry.canonical_url))
                    if self.ttl:
                        pipe.expire(band, self.ttl)
            results = pipe.execute(raise_on_error=False)
        for result in results:
            if isinstance(result, Exception):  # a band key of another type: that band is not indexed
                self.report("story store write", result)

    def renew(self, canonical_urls: list[str], now: str) -> None:
        entries = [entry for url in canonical_urls if (entry := self.get(url))]
        self.put([replace(entry, last_seen_at=now) for entry in entries])

    def expire(self, max_age: timedelta) -> int:
        return 0  # keys carry their own TTL


def story_backend(store, num_perm: int, report):
    """The story tables of a state store (``newscrawl.output.state``): its SQLite file or Redis."""
    if hasattr(store, "db"):
        return SqliteStories(store.db, num_perm, report)
    ttl = int(store.max_age.total_seconds()) if store.max_age else None
    return RedisStories(store.client, store.prefix, num_perm, ttl, report)


class Stories:
    """Assigns stories: the stored ones (``backend``) and this run's (``pending``)."""

    def __init__(self, backend, threshold: float, num_perm: int):
        self.backend, self.threshold, self.num_perm = backend, threshold, num_perm
        self.banding = Banding.for_threshold(threshold, num_perm)
        self.pending = PendingStories()
        self.known = DiskSet()  # stored articles seen again this run: renewed at the commit

    def assign(self, canonical_url: str, body: str | None) -> StoryEntry:
        """The story of this article: its own when stored or seen earlier in the run, else that of
        its most similar candidate passing the threshold, else a new one.  Kept pending."""
        values = signature(body, self.num_perm)
        # a body without a word (all punctuation) has the empty set's signature: like no other body
        keys = self.banding.keys(values) if (values != EMPTY).any() else []
        known = self.pending.get(canonical_url) or self.backend.get(canonical_url)
        if known:
            self.known.add(canonical_url)
            story, match = known.story_id, known.near_duplicate_of
        else:
            best, score = None, self.threshold
            for candidate in self.backend.candidates(keys) + self.pending.candidates(keys):
                similar = similarity(values, candidate.signature)
                if candidate.canonical_url != canonical_url and similar >= score and (best is None or similar > score):
                    best, score = candidate, similar
            story, match = (best.story_id, best.canonical_url) if best else (short_id(canonical_url), None)
        entry = StoryEntry(canonical_url, story, match, values, keys, utc_now())
        self.pending.add(entry)
        return entry

    def forget(self, canonical_url: str) -> None:
        """This article will not be exported: not a story member for the rest of the run."""
        self.pending.discard(canonical_url)

    def commit(self, exported: Container[str]) -> int:
        """Stores this run's exported articles and renews the stored ones seen again; returns how
        many were stored."""
        entries = (entry for entry in self.pending if entry.canonical_url in exported)
        recorded = 0
        for batch in iter(lambda: list(islice(entries, COMMIT_BATCH)), []):
            self.backend.put(batch)
            recorded += len(batch)
        renewed = sorted(url for url in self.known if url not in exported)
        if renewed:
            self.backend.renew(renewed, utc_now())
        self.close()
        self.pending, self.known = PendingStories(), DiskSet()
        return recorded

    def close(self) -> None:
        self.pending.close()
        self.known.close()


def bad_value_counter(stats):
    """What a story backend calls with a stored value it cannot read: logged, counted, ignored."""

    def report(where: str, error: Exception) -> None:
        stats.inc_value(BAD_STORE_VALUE)
        logger.warning("story store: %s: %s: %s; ignored", where, type(error).__name__, error)

    return report


class NearDuplicate(DuplicateBody):
    """An item dropped (``NEWSCRAWL_DROP_NEAR_DUPLICATES``) because its body is a near-copy of the
    article at ``original``; ``IncrementalPipeline`` records it in the state store as that article's
    copy, so later runs do not fetch it again while its listing date stays."""

    def __init__(self, url: str, fingerprint: str, original: str, dated: str | None, story_id: str):
        super().__init__(url, fingerprint, original, dated)
        self.args = (f"{url}: near-duplicate of {original} (story {story_id})",)


class StoryPipeline:
    """Stamps ``story_id`` and ``near_duplicate_of`` on each article (see the module docstring),
    or drops a near-duplicate when ``NEWSCRAWL_DROP_NEAR_DUPLICATES`` is on.  Runs after the exact
    copies are dropped and before ``IncrementalPipeline``; writes the store after the feed commit."""

    def __init__(self, stories: Stories, stats, drop_near_duplicates: bool = False, max_age: timedelta | None = None):
        self.stories, self.stats, self.drop, self.max_age = stories, stats, drop_near_duplicates, max_age
        self.exported = DiskSet()  # a URL a page: on disk, as the pending stories
        self.unwritten: set[str] = set()  # records a feed failed to write: rare

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        uri, max_age = store_settings(settings)
        store = open_store(uri, max_age)
        threshold = settings.getfloat("NEWSCRAWL_STORY_THRESHOLD")
        num_perm = settings.getint("NEWSCRAWL_STORY_NUM_PERM")
        if not 0 < threshold <= 1 or num_perm < 16:
            raise ValueError(f"NEWSCRAWL_STORY_THRESHOLD={threshold} must be in (0, 1] and "
                             f"NEWSCRAWL_STORY_NUM_PERM={num_perm} at least 16")
        stories = Stories(story_backend(store, num_perm, bad_value_counter(crawler.stats)), threshold, num_perm)
        pipeline = cls(stories, crawler.stats, settings.getbool("NEWSCRAWL_DROP_NEAR_DUPLICATES"), max_age)
        crawler.signals.connect(pipeline.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(pipeline.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(pipeline.record_unwritten, signal=record_unwritten)
        crawler.signals.connect(pipeline.feed_committed, signal=signals.feed_exporter_closed)
        crawler.signals.connect(pipeline.close, signal=signals.engine_stopped)
        crawler.signals.connect(store.close, signal=signals.engine_stopped)
        return pipeline

    @staticmethod
    def canonical(item) -> str:
        adapter = ItemAdapter(item)
        return adapter.get("canonical_url") or adapter.get("url")

    def process_item(self, item):
        adapter = ItemAdapter(item)
        canonical = self.canonical(item)
        entry = self.stories.assign(canonical, adapter.get("body"))
        adapter["story_id"], adapter["near_duplicate_of"] = entry.story_id, entry.near_duplicate_of
        if entry.near_duplicate_of is None:
            self.stats.inc_value("newscrawl/story/first")
        elif self.drop:
            self.stories.forget(canonical)
            self.stats.inc_value("newscrawl/dedup/near_duplicate")
            raise NearDuplicate(adapter.get("url"), body_fingerprint(adapter.get("body")), entry.near_duplicate_of,
                                adapter.get("modified_at") or adapter.get("published_at"), entry.story_id)
        else:
            self.stats.inc_value("newscrawl/story/near_duplicate")
        return item

    def item_scraped(self, item):
        self.exported.add(self.canonical(item))

    def item_dropped(self, item, exception):
        # Stamped, so it passed here, then a later pipeline dropped it (invalid, or unchanged since
        # the last run): not exported, not a story member this run (a stored one is still renewed).
        canonical = self.canonical(item)
        if ItemAdapter(item).get("story_id") and not isinstance(exception, NearDuplicate) \
                and canonical not in self.stories.known:
            self.stories.forget(canonical)

    def record_unwritten(self, item, error):
        self.unwritten.add(self.canonical(item))

    def feed_committed(self):
        """Record the stories of the committed records (none if a feed failed, as ``IncrementalPipeline``)."""
        if any(k.startswith("feedexport/failed_count/") for k in self.stats.get_stats()):
            return
        try:
            for url in self.unwritten:
                self.exported.discard(url)
            recorded = self.stories.commit(self.exported)
            expired = self.stories.backend.expire(self.max_age) if self.max_age else 0
        except Exception as error:  # sqlite3 or redis: a full disk, a lost server
            message = f"state store not updated with this run's stories: {type(error).__name__}: {error}"
            logger.error(message)
            note_output_error(self.stats, message)
            return
        self.stats.set_value("newscrawl/story/recorded", recorded)
        self.stats.set_value("newscrawl/story/expired", expired)
        self.exported.close()
        self.exported, self.unwritten = DiskSet(), set()

    def close(self):
        self.stories.close()
        self.exported.close()
