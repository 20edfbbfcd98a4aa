"""What earlier runs exported: the store behind incremental runs.

One entry per article, keyed by canonical URL (and also findable by the URL it was fetched
from, since feeds and sitemaps list that one): body hash, modified date, revision, first and
last seen.  ``IncrementalPipeline`` reads it to decide new / changed / unchanged and writes it
only after the run's feed file is committed; the spider reads it to skip unchanged pages
before fetching them.

Two backends behind one small interface (``get``, ``put``, ``expire``, ``count``, ``close``):
SQLite (one file, no server; the default) and Redis (shared by the processes of a distributed
crawl).  ``open_store(uri)`` picks one from ``sqlite:///path`` or ``redis://host:port/db``.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from newscrawl.extract.dates import format_datetime


@dataclass
class Entry:
    canonical_url: str
    url: str
    content_hash: str
    modified_at: str | None
    """The article's own date (its ``modified_at``, else ``published_at``), ISO 8601."""
    revision: int
    first_seen_at: str
    last_seen_at: str


class SqliteStore:
    """A single SQLite file; WAL mode so a reader never waits for a writer."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS articles (canonical_url TEXT PRIMARY KEY, url TEXT, content_hash TEXT,"
            " modified_at TEXT, revision INTEGER, first_seen_at TEXT, last_seen_at TEXT)")
        self.db.execute("CREATE INDEX IF NOT EXISTS articles_url ON articles (url)")
        self.db.commit()

    def get(self, url: str) -> Entry | None:
        row = self.db.execute(
            "SELECT canonical_url, url, content_hash, modified_at, revision, first_seen_at, last_seen_at"
            " FROM articles WHERE canonical_url = ? OR url = ? LIMIT 1", (url, url)).fetchone()
        return Entry(*row) if row else None

    def put(self, entries: list[Entry]) -> None:
        # One transaction: a run's entries land together or not at all.
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO articles VALUES (:canonical_url, :url, :content_hash, :modified_at,"
                " :revision, :first_seen_at, :last_seen_at)", [asdict(e) for e in entries])

    def expire(self, max_age: timedelta) -> int:
        cutoff = format_datetime(datetime.now(UTC) - max_age)
        with self.db:
            return self.db.execute("DELETE FROM articles WHERE last_seen_at < ?", (cutoff,)).rowcount

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def close(self) -> None:
        self.db.close()


class RedisStore:
    """One JSON value per article under ``<prefix>:article:<canonical url>``, plus an alias key
    per fetched URL; Redis' own key expiry does ``expire``."""

    def __init__(self, client, prefix: str = "newscrawl:state", max_age: timedelta | None = None):
        self.client = client
        self.prefix = prefix
        self.max_age = max_age

    def _key(self, url: str) -> str:
        return f"{self.prefix}:article:{url}"

    def get(self, url: str) -> Entry | None:
        raw = self.client.get(self._key(url))
        if raw is None:
            canonical = self.client.get(f"{self.prefix}:alias:{url}")
            raw = self.client.get(self._key(canonical.decode())) if canonical else None
        return Entry(**json.loads(raw)) if raw else None

    def put(self, entries: list[Entry]) -> None:
        ttl = int(self.max_age.total_seconds()) if self.max_age else None
        with self.client.pipeline() as pipe:  # MULTI/EXEC: all of a run's entries or none
            for entry in entries:
                pipe.set(self._key(entry.canonical_url), json.dumps(asdict(entry)), ex=ttl)
                if entry.url != entry.canonical_url:
                    pipe.set(f"{self.prefix}:alias:{entry.url}", entry.canonical_url, ex=ttl)
            pipe.execute()

    def expire(self, max_age: timedelta) -> int:
        return 0  # keys carry their own TTL, refreshed whenever an article is seen again

    def count(self) -> int:
        return sum(1 for _ in self.client.scan_iter(match=self._key("*"), count=500))

    def close(self) -> None:
        self.client.close()


def store_settings(settings) -> tuple[str, timedelta]:
    """The state URI (the Redis URL of a distributed crawl unless set) and the entry age limit."""
    uri = settings.get("NEWSCRAWL_STATE_URI") or settings.get("NEWSCRAWL_REDIS_URL") \
        or "sqlite:///.newscrawl/state.db"
    return uri, timedelta(days=settings.getfloat("NEWSCRAWL_STATE_MAX_AGE_DAYS", 90))


def sqlite_path(uri: str) -> Path:
    """``sqlite:///relative/state.db`` and ``sqlite:////abs/state.db`` (SQLAlchemy's spelling).

    >>> sqlite_path("sqlite:///.newscrawl/state.db"), sqlite_path("sqlite:////tmp/s.db")
    (PosixPath('.newscrawl/state.db'), PosixPath('/tmp/s.db'))
    """
    return Path(uri[len("sqlite:///"):])


def open_store(uri: str, max_age: timedelta | None = None):
    """The store a ``NEWSCRAWL_STATE_URI`` names."""
    scheme = urlsplit(uri).scheme
    if scheme == "sqlite":
        return SqliteStore(sqlite_path(uri))
    if scheme in ("redis", "rediss", "unix"):
        import redis  # only distributed set-ups need the client

        return RedisStore(redis.Redis.from_url(uri), max_age=max_age)
    raise ValueError(f"NEWSCRAWL_STATE_URI={uri!r}: expected sqlite:///path or redis://host:port/db")


def lock_name(uri: str, spider: str) -> str:
    """The lock file of a spider on a store: beside the SQLite file, else under ``.newscrawl/``.

    >>> lock_name("sqlite:////tmp/x/state.db", "sputnik")
    '/tmp/x/state.db.sputnik.lock'
    """
    if urlsplit(uri).scheme == "sqlite":
        return f"{sqlite_path(uri)}.{spider}.lock"
    safe = "".join(c if c.isalnum() else "_" for c in uri)
    return f".newscrawl/{safe}.{spider}.lock"
