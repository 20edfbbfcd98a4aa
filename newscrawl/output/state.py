"""What earlier runs exported: the store behind incremental runs.

One entry per article, keyed by canonical URL (and also findable by the URL it was fetched
from, since feeds and sitemaps list that one): body fingerprint, modified date, revision, first
and last seen, and the page's HTTP validators (``ETag``, ``Last-Modified``) to ask the server
whether it changed (``newscrawl.output.revalidation``).  One entry per dropped copy, keyed by
the URL it was fetched from: its body fingerprint, its own date and the canonical URL of the
article it copies (the first exported with that body, in this run or an earlier one).
``IncrementalPipeline`` reads it to decide new / changed / unchanged and writes it only after the
run's feed file is committed; ``DuplicateArticlePipeline`` finds the article a body belongs to
(``original_of``, indexed); the spider reads it to skip unchanged pages and known copies before
fetching them, and to revalidate the others.

Two backends behind one small interface (``get``, ``get_copy``, their batched forms ``get_many``
and ``get_copies`` for a listing's URLs, ``original_of``, ``put``, ``expire``, ``count``,
``close``): SQLite (one file, no server; the default) and Redis (shared by the processes of a
distributed crawl).  ``open_store(uri)`` picks one from ``sqlite:///path``,
``redis://host:port/db`` or ``NO_STORE`` (empty, kept in memory for one run).

A store the run cannot use (a corrupt or truncated SQLite file, a Redis nobody answers at) is a
``StoreError`` whose message is one line: the store, ``NEWSCRAWL_STATE_URI`` and what to do;
``check_store`` looks for one before a run fetches anything.

Stores written before copies or validators were recorded keep working: the SQLite schema is
migrated in place (new columns and indexes; a Redis store indexes its old entries once), and
articles stored with the old hash (``legacy_hash``) still compare equal to their unchanged body,
then are rewritten with the fingerprint, so the upgrade re-exports nothing.
"""
from __future__ import annotations

import hashlib
import json
import math
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from itertools import islice
from pathlib import Path
from urllib.parse import urlsplit

from newscrawl.extract.dates import format_datetime
from newscrawl.extract.text import comparison_key

#: ``NEWSCRAWL_STATE_URI`` of a run that must neither read nor write the real store (a run with
#: its own ``-o``/``-O`` feed): an empty SQLite database in memory, gone when the run ends.
NO_STORE = "memory:"


@lru_cache(maxsize=64)  # each pipeline asks for the item's body: computed once an item
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
    etag: str | None = None
    """The page's ``ETag`` when it was last fetched (sent back as ``If-None-Match``)."""
    last_modified: str | None = None
    """The page's ``Last-Modified`` (an HTTP date, sent back as ``If-Modified-Since``)."""


#: URLs a batched lookup (``get_many``, ``get_copies``) asks for in one query or round trip.
LOOKUP_CHUNK = 500

#: SQLite page cache (KiB) while a put writes, instead of the default 2 MB; only for the commit.
WRITE_CACHE_KIB = 64 * 1024

#: The articles table's columns, in ``Entry``'s order.  Entries and copies hold only strings and
#: numbers, so ``vars()`` serialises them (``asdict``'s deep copy was a third of a put's time).
ENTRY_COLUMNS = tuple(Entry.__dataclass_fields__)


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
    """A single SQLite file; WAL mode so a reader never waits for a writer.

    Every lookup is one index search (``EXPLAIN QUERY PLAN``: the canonical-or-fetched URL
    lookup is a MULTI-INDEX OR over the primary key and ``articles_url``), and so is ``expire``
    (``articles_last_seen``): nothing scans the table, so a million entries cost what a thousand do.
    ``synchronous`` stays FULL: a run writes its entries in one transaction, so the one fsync per
    commit costs nothing measurable (``bench/store_speed.py``).
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS articles (canonical_url TEXT PRIMARY KEY, url TEXT, content_hash TEXT,"
            " modified_at TEXT, revision INTEGER, first_seen_at TEXT, last_seen_at TEXT, etag TEXT,"
            " last_modified TEXT)")
        # Schema migration in place: columns and indexes added to stores from before they existed.
        columns = {row[1] for row in self.db.execute("PRAGMA table_info(articles)")}
        for column in ("etag", "last_modified"):
            if column not in columns:
                self.db.execute(f"ALTER TABLE articles ADD COLUMN {column} TEXT")
        self.db.execute("CREATE INDEX IF NOT EXISTS articles_url ON articles (url)")
        self.db.execute("CREATE INDEX IF NOT EXISTS articles_content_hash ON articles (content_hash)")
        # expire() deletes by age: with this index it reads only the expired rows, not the table.
        self.db.execute("CREATE INDEX IF NOT EXISTS articles_last_seen ON articles (last_seen_at)")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS copies (url TEXT PRIMARY KEY, content_hash TEXT, original_url TEXT,"
            " modified_at TEXT, last_seen_at TEXT)")
        self.db.execute("CREATE INDEX IF NOT EXISTS copies_last_seen ON copies (last_seen_at)")
        self.db.commit()

    def get(self, url: str) -> Entry | None:
        row = self.db.execute(f"SELECT {', '.join(ENTRY_COLUMNS)} FROM articles WHERE canonical_url = ? OR url = ?"
                              " LIMIT 1", (url, url)).fetchone()
        return Entry(*row) if row else None

    def get_many(self, urls) -> dict[str, Entry]:
        """``get`` of many URLs at once (a listing's): ``{url: entry}`` of those the store has."""
        found: dict[str, Entry] = {}
        urls = list(dict.fromkeys(urls))
        for start in range(0, len(urls), LOOKUP_CHUNK):
            chunk = urls[start:start + LOOKUP_CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = [Entry(*row) for row in self.db.execute(
                f"SELECT {', '.join(ENTRY_COLUMNS)} FROM articles WHERE canonical_url IN ({marks})"
                f" OR url IN ({marks})", chunk + chunk)]
            wanted = set(chunk)
            # A URL that is one article's canonical URL finds that one, as get() does.
            found.update((row.canonical_url, row) for row in rows if row.canonical_url in wanted)
            for row in rows:
                if row.url in wanted:
                    found.setdefault(row.url, row)
        return found

    def get_copies(self, urls) -> dict[str, Copy]:
        """``get_copy`` of many URLs at once: ``{url: copy}`` of those the store has."""
        found: dict[str, Copy] = {}
        urls = list(dict.fromkeys(urls))
        for start in range(0, len(urls), LOOKUP_CHUNK):
            chunk = urls[start:start + LOOKUP_CHUNK]
            found.update((row[0], Copy(*row)) for row in self.db.execute(
                "SELECT url, content_hash, original_url, modified_at, last_seen_at FROM copies"
                f" WHERE url IN ({','.join('?' * len(chunk))})", chunk))
        return found

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
        # A run's entries go to four indexes at random places: a page cache that holds their paths
        # while they are written (1.4x the inserts/s at 400,000 entries), given back after the commit.
        reading_cache = self.db.execute("PRAGMA cache_size").fetchone()[0]
        self.db.execute(f"PRAGMA cache_size=-{WRITE_CACHE_KIB}")
        try:
            # One transaction: a run's entries land together or not at all.
            with self.db:
                self.db.executemany(
                    f"INSERT OR REPLACE INTO articles ({', '.join(ENTRY_COLUMNS)})"
                    f" VALUES ({', '.join(':' + c for c in ENTRY_COLUMNS)})", (vars(e) for e in entries))  # streamed
                self.db.executemany(
                    "INSERT OR REPLACE INTO copies VALUES (:url, :content_hash, :original_url, :modified_at,"
                    " :last_seen_at)", [vars(c) for c in copies])
        finally:
            self.db.execute(f"PRAGMA cache_size={reading_cache}")
            self.db.execute("PRAGMA shrink_memory")

    def expire(self, max_age: timedelta) -> int:
        cutoff = format_datetime(datetime.now(UTC) - max_age)
        with self.db:
            self.db.execute("DELETE FROM copies WHERE last_seen_at < ?", (cutoff,))
            return self.db.execute("DELETE FROM articles WHERE last_seen_at < ?", (cutoff,)).rowcount

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def close(self) -> None:
        self.db.close()


#: ``RedisStore.put``: ARGV = TTL in seconds (0: none), the expiry score, the key prefix, the number
#: of entries, then canonical URL, JSON, body hash and fetched URL of each entry, then URL and JSON
#: of each copy.
PUT_SCRIPT = """
local ttl, score, prefix, count = tonumber(ARGV[1]), ARGV[2], ARGV[3], tonumber(ARGV[4])
local function put(key, value)
  if ttl > 0 then redis.call('SET', key, value, 'EX', ttl) else redis.call('SET', key, value) end
end
local i = 5
for _ = 1, count do
  local canonical, url = ARGV[i], ARGV[i + 3]
  put(prefix .. ':article:' .. canonical, ARGV[i + 1])
  put(prefix .. ':body:' .. ARGV[i + 2], canonical)
  if url ~= canonical then put(prefix .. ':alias:' .. url, canonical) end
  redis.call('ZADD', prefix .. ':expiry', score, canonical)
  i = i + 4
end
while i <= #ARGV do
  put(prefix .. ':copy:' .. ARGV[i], ARGV[i + 1])
  i = i + 2
end
return count
"""


class RedisStore:
    """One JSON value per article under ``<prefix>:article:<canonical url>``, plus an alias key
    per fetched URL and a ``<prefix>:body:<hash>`` key naming the article of a body; one JSON
    value per copy under ``<prefix>:copy:<url>``.  Redis' own key expiry does the forgetting:
    every key lives ``max_age`` from the run that last wrote it.

    ``<prefix>:expiry`` (a sorted set: canonical URL -> when its key expires) makes ``count`` one
    ``ZCOUNT`` instead of a scan of every key, and lets ``expire`` drop exactly the members whose
    keys Redis has expired (``ZREMRANGEBYSCORE``), however large the store.
    """

    def __init__(self, client, prefix: str = "newscrawl:state", max_age: timedelta | None = None):
        self.client = client
        self.prefix = prefix
        self.max_age = max_age
        self.expiry = f"{prefix}:expiry"
        # The article under a URL, or under the canonical URL its alias names, in one round trip
        # (a lookup costs the client's round trip, not Redis' work: two round trips were twice one).
        self._get_script = client.register_script(
            "local found = redis.call('GET', KEYS[1]) if found then return found end "
            "local canonical = redis.call('GET', KEYS[2]) "
            "if canonical then return redis.call('GET', ARGV[1] .. canonical) end return false")
        self._put_script = client.register_script(PUT_SCRIPT)
        self._index_old_entries()

    def _index_old_entries(self) -> None:
        """Once per store: the body keys and expiry index of a store written before they existed
        (one pass over the articles, with their remaining lifetime; a round trip per
        ``LOOKUP_CHUNK`` articles, not per article)."""
        bodies = self.client.set(f"{self.prefix}:bodies_indexed", "1", nx=True)
        expiry = self.client.set(f"{self.prefix}:expiry_indexed", "1", nx=True)
        if not (bodies or expiry):
            return
        keys = self.client.scan_iter(match=self._key("*"), count=LOOKUP_CHUNK)
        while chunk := list(islice(keys, LOOKUP_CHUNK)):
            with self.client.pipeline(transaction=False) as read:
                for key in chunk:
                    read.get(key)
                    read.ttl(key)
                found = read.execute()
            with self.client.pipeline(transaction=False) as write:
                for raw, ttl in zip(found[::2], found[1::2], strict=True):
                    if not raw:
                        continue
                    entry = json.loads(raw)
                    if bodies:
                        write.set(f"{self.prefix}:body:{entry['content_hash']}", entry["canonical_url"],
                                  ex=ttl if ttl > 0 else None, nx=True)
                    if expiry:
                        write.zadd(self.expiry, {entry["canonical_url"]: time.time() + ttl if ttl > 0 else math.inf})
                write.execute()

    def _key(self, url: str) -> str:
        return f"{self.prefix}:article:{url}"

    def get(self, url: str) -> Entry | None:
        raw = self._get_script(keys=[self._key(url), f"{self.prefix}:alias:{url}"], args=[self._key("")])
        return Entry(**json.loads(raw)) if raw else None

    def get_many(self, urls) -> dict[str, Entry]:
        """``get`` of many URLs at once: two round trips (articles and aliases, then the articles
        the aliases name) however many URLs, where ``get`` takes one or two per URL."""
        found: dict[str, Entry] = {}
        urls = list(dict.fromkeys(urls))
        for start in range(0, len(urls), LOOKUP_CHUNK):
            chunk = urls[start:start + LOOKUP_CHUNK]
            values = self.client.mget([self._key(u) for u in chunk] + [f"{self.prefix}:alias:{u}" for u in chunk])
            aliased = {}
            for url, raw, canonical in zip(chunk, values[:len(chunk)], values[len(chunk):], strict=True):
                if raw:
                    found[url] = Entry(**json.loads(raw))
                elif canonical:
                    aliased[url] = canonical.decode()
            if aliased:
                targets = self.client.mget([self._key(c) for c in aliased.values()])
                found.update((url, Entry(**json.loads(raw))) for url, raw in zip(aliased, targets, strict=True) if raw)
        return found

    def get_copies(self, urls) -> dict[str, Copy]:
        """``get_copy`` of many URLs at once, in one round trip."""
        found: dict[str, Copy] = {}
        urls = list(dict.fromkeys(urls))
        for start in range(0, len(urls), LOOKUP_CHUNK):
            chunk = urls[start:start + LOOKUP_CHUNK]
            values = self.client.mget([f"{self.prefix}:copy:{u}" for u in chunk])
            found.update((url, Copy(**json.loads(raw))) for url, raw in zip(chunk, values, strict=True) if raw)
        return found

    def get_copy(self, url: str) -> Copy | None:
        raw = self.client.get(f"{self.prefix}:copy:{url}")
        return Copy(**json.loads(raw)) if raw else None

    def original_of(self, hashes: tuple[str, ...]) -> str | None:
        """The canonical URL of the stored article whose body has one of these hashes."""
        found = [v for v in self.client.mget([f"{self.prefix}:body:{h}" for h in hashes]) if v]
        return found[0].decode() if found else None

    def put(self, entries: list[Entry], copies: list[Copy] = ()) -> None:
        ttl = int(self.max_age.total_seconds()) if self.max_age else 0
        expires = time.time() + ttl if ttl else math.inf
        args = [ttl, expires, self.prefix, len(entries)]
        for entry in entries:
            args += (entry.canonical_url, json.dumps(vars(entry)), entry.content_hash, entry.url)
        for copy in copies:
            args += (copy.url, json.dumps(vars(copy)))
        # One script, atomic as MULTI/EXEC is (all of a run's entries or none), sent as one command
        # with one reply: packing and parsing a command a key was most of a put's time.
        self._put_script(args=args)

    def expire(self, max_age: timedelta) -> int:
        """Keys carry their own TTL (``max_age`` from their last write); this drops the index
        members of the articles Redis has expired, and says how many there were."""
        return self.client.zremrangebyscore(self.expiry, "-inf", time.time())

    def count(self) -> int:
        return self.client.zcount(self.expiry, time.time(), "+inf")

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
