"""What earlier runs exported: the store behind incremental runs.

One entry per article, keyed by canonical URL (and also findable by the URL it was fetched
from, since feeds and sitemaps list that one): body fingerprint, modified date, revision, first
and last seen.  One entry per dropped copy, keyed by the URL it was fetched from: its body
fingerprint, its own date and the canonical URL of the article it copies (the first exported
with that body, in this run or an earlier one).  ``IncrementalPipeline`` reads it to decide
new / changed / unchanged and writes it only after the run's feed file is committed;
``DuplicateArticlePipeline`` finds the article a body belongs to (``original_of``, indexed);
the spider reads it to skip unchanged pages and known copies before fetching them.

Two backends behind one small interface (``get``, ``get_copy``, ``original_of``, ``put``,
``expire``, ``count``, ``close``): SQLite (one file, no server; the default) and Redis (shared by
the processes of a distributed crawl).  ``open_store(uri)`` picks one from ``sqlite:///path``,
``redis://host:port/db`` or ``NO_STORE`` (empty, kept in memory for one run).

A store the run cannot use (a corrupt or truncated SQLite file, a Redis nobody answers at) is a
``StoreError`` whose message is one line: the store, ``NEWSCRAWL_STATE_URI`` and what to do;
``check_store`` looks for one before a run fetches anything.

Stores written before copies were recorded keep working: the SQLite schema is migrated in
place, and articles stored with the old hash (``legacy_hash``) still compare equal to their
unchanged body, then are rewritten with the fingerprint, so the upgrade re-exports nothing.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from newscrawl.extract.dates import format_datetime
from newscrawl.extract.text import comparison_key

#: ``NEWSCRAWL_STATE_URI`` of a run that must neither read nor write the real store (a run with
#: its own ``-o``/``-O`` feed): an empty SQLite database in memory, gone when the run ends.
NO_STORE = "memory:"


def body_fingerprint(body: str | None) -> str:
    """The one fingerprint of an article body (40 hex digits): the SHA-1 of its comparison key,
    so the same text modulo spaces, case and punctuation has the same fingerprint.

    Used for both questions: is this body a copy of another article (within a run and across
    runs), and has this article changed since it was exported.
    """
    return hashlib.sha1(comparison_key(body or "").encode("utf-8")).hexdigest()


def legacy_hash(body: str | None) -> str:
    """The hash stores written before ``body_fingerprint`` hold (SHA-256 of the raw body, 64 hex
    digits): read only to recognise an unchanged article in such a store."""
    return hashlib.sha256((body or "").encode("utf-8")).hexdigest()


def body_hashes(body: str | None) -> tuple[str, str]:
    """What a stored article with this body may hold: the fingerprint, or the legacy hash."""
    return body_fingerprint(body), legacy_hash(body)


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


@dataclass
class Copy:
    """A page dropped because its body is that of an exported article (``original_url``)."""

    url: str
    content_hash: str
    original_url: str
    modified_at: str | None
    """The copy page's own date, compared with the date its listing gives."""
    last_seen_at: str


class SqliteStore:
    """A single SQLite file; WAL mode so a reader never waits for a writer."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS articles (canonical_url TEXT PRIMARY KEY, url TEXT, content_hash TEXT,"
            " modified_at TEXT, revision INTEGER, first_seen_at TEXT, last_seen_at TEXT)")
        self.db.execute("CREATE INDEX IF NOT EXISTS articles_url ON articles (url)")
        # Added in place to stores from before copies were recorded (schema migration).
        self.db.execute("CREATE INDEX IF NOT EXISTS articles_content_hash ON articles (content_hash)")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS copies (url TEXT PRIMARY KEY, content_hash TEXT, original_url TEXT,"
            " modified_at TEXT, last_seen_at TEXT)")
        self.db.commit()

    def get(self, url: str) -> Entry | None:
        row = self.db.execute(
            "SELECT canonical_url, url, content_hash, modified_at, revision, first_seen_at, last_seen_at"
            " FROM articles WHERE canonical_url = ? OR url = ? LIMIT 1", (url, url)).fetchone()
        return Entry(*row) if row else None

    def get_copy(self, url: str) -> Copy | None:
        row = self.db.execute("SELECT url, content_hash, original_url, modified_at, last_seen_at FROM copies"
                              " WHERE url = ?", (url,)).fetchone()
        return Copy(*row) if row else None

    def original_of(self, hashes: tuple[str, ...]) -> str | None:
        """The canonical URL of the stored article whose body has one of these hashes."""
        marks = ",".join("?" * len(hashes))
        row = self.db.execute(f"SELECT canonical_url FROM articles WHERE content_hash IN ({marks})"
                              " ORDER BY first_seen_at LIMIT 1", hashes).fetchone()
        return row[0] if row else None

    def put(self, entries: list[Entry], copies: list[Copy] = ()) -> None:
        # One transaction: a run's entries land together or not at all.
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO articles VALUES (:canonical_url, :url, :content_hash, :modified_at,"
                " :revision, :first_seen_at, :last_seen_at)", (asdict(e) for e in entries))  # streamed
            self.db.executemany(
                "INSERT OR REPLACE INTO copies VALUES (:url, :content_hash, :original_url, :modified_at,"
                " :last_seen_at)", [asdict(c) for c in copies])

    def expire(self, max_age: timedelta) -> int:
        cutoff = format_datetime(datetime.now(UTC) - max_age)
        with self.db:
            self.db.execute("DELETE FROM copies WHERE last_seen_at < ?", (cutoff,))
            return self.db.execute("DELETE FROM articles WHERE last_seen_at < ?", (cutoff,)).rowcount

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def close(self) -> None:
        self.db.close()


class RedisStore:
    """One JSON value per article under ``<prefix>:article:<canonical url>``, plus an alias key
    per fetched URL and a ``<prefix>:body:<hash>`` key naming the article of a body; one JSON
    value per copy under ``<prefix>:copy:<url>``.  Redis' own key expiry does ``expire``."""

    def __init__(self, client, prefix: str = "newscrawl:state", max_age: timedelta | None = None):
        self.client = client
        self.prefix = prefix
        self.max_age = max_age
        self._index_bodies()

    def _index_bodies(self) -> None:
        """Once per store: body keys for the articles of a store written before they existed
        (one pass over the articles, with their remaining lifetime)."""
        if not self.client.set(f"{self.prefix}:bodies_indexed", "1", nx=True):
            return
        for key in self.client.scan_iter(match=self._key("*"), count=500):
            raw, ttl = self.client.get(key), self.client.ttl(key)
            if raw:
                entry = json.loads(raw)
                self.client.set(f"{self.prefix}:body:{entry['content_hash']}", entry["canonical_url"],
                                ex=ttl if ttl > 0 else None, nx=True)

    def _key(self, url: str) -> str:
        return f"{self.prefix}:article:{url}"

    def get(self, url: str) -> Entry | None:
        raw = self.client.get(self._key(url))
        if raw is None:
            canonical = self.client.get(f"{self.prefix}:alias:{url}")
            raw = self.client.get(self._key(canonical.decode())) if canonical else None
        return Entry(**json.loads(raw)) if raw else None

    def get_copy(self, url: str) -> Copy | None:
        raw = self.client.get(f"{self.prefix}:copy:{url}")
        return Copy(**json.loads(raw)) if raw else None

    def original_of(self, hashes: tuple[str, ...]) -> str | None:
        """The canonical URL of the stored article whose body has one of these hashes."""
        found = [v for v in self.client.mget([f"{self.prefix}:body:{h}" for h in hashes]) if v]
        return found[0].decode() if found else None

    def put(self, entries: list[Entry], copies: list[Copy] = ()) -> None:
        ttl = int(self.max_age.total_seconds()) if self.max_age else None
        with self.client.pipeline() as pipe:  # MULTI/EXEC: all of a run's entries or none
            for entry in entries:
                pipe.set(self._key(entry.canonical_url), json.dumps(asdict(entry)), ex=ttl)
                pipe.set(f"{self.prefix}:body:{entry.content_hash}", entry.canonical_url, ex=ttl)
                if entry.url != entry.canonical_url:
                    pipe.set(f"{self.prefix}:alias:{entry.url}", entry.canonical_url, ex=ttl)
            for copy in copies:
                pipe.set(f"{self.prefix}:copy:{copy.url}", json.dumps(asdict(copy)), ex=ttl)
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


class StoreError(Exception):
    """The state store cannot be used; the message says which, why and what to do, in one line."""


def store_error(uri: str, error: Exception) -> StoreError:
    reason = f"{type(error).__name__}: {error}".replace("\n", " ")
    if urlsplit(uri).scheme == "sqlite":
        return StoreError(f"state store {sqlite_path(uri)} (NEWSCRAWL_STATE_URI={uri}) is unusable: {reason}; "
                          "if it is damaged, move it aside (the next run starts a new store and exports every "
                          "article it finds again) or restore a copy; if it is read-only, make it and its folder "
                          "writable; or point NEWSCRAWL_STATE_URI at a good one")
    return StoreError(f"state store {uri} (NEWSCRAWL_STATE_URI) is unreachable: {reason}; start Redis there "
                      "or point NEWSCRAWL_STATE_URI at a running one")


def _open(uri: str, max_age: timedelta | None):
    if uri == NO_STORE:
        return SqliteStore(":memory:")
    scheme = urlsplit(uri).scheme
    if scheme == "sqlite":
        return SqliteStore(sqlite_path(uri))
    if scheme in ("redis", "rediss", "unix"):
        import redis  # only distributed set-ups need the client

        return RedisStore(redis.Redis.from_url(uri, socket_connect_timeout=10), max_age=max_age)
    raise ValueError(f"NEWSCRAWL_STATE_URI={uri!r}: expected sqlite:///path or redis://host:port/db")


def open_store(uri: str, max_age: timedelta | None = None):
    """The store a ``NEWSCRAWL_STATE_URI`` names; ``StoreError`` if it cannot be opened."""
    try:
        return _open(uri, max_age)
    except ValueError:
        raise
    except Exception as error:  # sqlite3.DatabaseError, OSError, redis.ConnectionError...
        raise store_error(uri, error) from error


def check_store(uri: str) -> None:
    """Raise ``StoreError`` unless the store can be read: an existing SQLite file passes SQLite's
    ``quick_check`` (read only: a broken file is left as found), a Redis server answers."""
    if uri == NO_STORE:
        return
    scheme = urlsplit(uri).scheme
    try:
        if scheme == "sqlite":
            path = sqlite_path(uri)
            if not path.exists():
                return  # a first run: the store is created (its folder was checked by the run lock)
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
            try:
                problems = [row[0] for row in db.execute("PRAGMA quick_check")]
            finally:
                db.close()
            if problems != ["ok"]:
                raise sqlite3.DatabaseError("; ".join(problems[:3]))
            store = SqliteStore(path)  # the run writes it: a read-only file or folder fails here, not at the end
            try:
                store.db.execute("BEGIN IMMEDIATE")
                store.db.rollback()
            finally:
                store.close()
        elif scheme in ("redis", "rediss", "unix"):
            import redis

            client = redis.Redis.from_url(uri, socket_connect_timeout=10)
            try:
                client.ping()
            finally:
                client.close()
    except Exception as error:  # sqlite3.DatabaseError, OSError, redis.ConnectionError...
        raise store_error(uri, error) from error


def lock_name(uri: str, spider: str) -> str:
    """The lock file of a spider on a store: beside the SQLite file, else under ``.newscrawl/``.

    >>> lock_name("sqlite:////tmp/x/state.db", "sputnik")
    '/tmp/x/state.db.sputnik.lock'
    """
    if urlsplit(uri).scheme == "sqlite":
        return f"{sqlite_path(uri)}.{spider}.lock"
    safe = "".join(c if c.isalnum() else "_" for c in uri)
    return f".newscrawl/{safe}.{spider}.lock"
