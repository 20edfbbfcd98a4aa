"""Per-run sets and maps kept on disk, so a crawl's memory stays flat however many pages it reads.

What a run remembers page by page (the canonical URLs and bodies it kept, the entries it will
record in the state store after the feed commit) grows with the crawl: some 1.5 KB a page in
Python objects, 75 MB at 50,000 pages.  ``DiskSet`` and ``DiskMap`` hold them in a private SQLite
database in a temporary file (SQLite's own: an empty file name; deleted when closed or when the
process ends) with a small page cache, at a few microseconds an operation.  Nothing in them
outlives the run: what must persist goes to the state store (``newscrawl.output.state``).
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator

#: Page cache of each temporary database, KiB (SQLite's negative cache_size): beyond it pages go to disk.
CACHE_KIB = 1024


def temporary_database() -> sqlite3.Connection:
    """A private on-disk SQLite database, gone when closed (or when the process dies)."""
    db = sqlite3.connect("", isolation_level=None)  # autocommit: nothing here needs a transaction
    db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    db.execute("PRAGMA journal_mode=OFF")  # a temporary table is never recovered
    db.execute("PRAGMA synchronous=OFF")
    return db


class DiskSet:
    """A set of strings on disk.

    >>> seen = DiskSet()
    >>> seen.add("a"), seen.add("a"), "a" in seen, "b" in seen, len(seen)
    (True, False, True, False, 1)
    >>> seen.add("b"); seen.discard("a"); list(seen)
    True
    ['b']
    """

    def __init__(self):
        self.db = temporary_database()
        self.db.execute("CREATE TABLE members (value TEXT PRIMARY KEY) WITHOUT ROWID")

    def add(self, value: str) -> bool:
        """Add ``value``; True when it was not there yet (check and add in one statement)."""
        return self.db.execute("INSERT OR IGNORE INTO members VALUES (?)", (value,)).rowcount == 1

    def __contains__(self, value: str) -> bool:
        return self.db.execute("SELECT 1 FROM members WHERE value = ?", (value,)).fetchone() is not None

    def discard(self, value: str) -> None:
        self.db.execute("DELETE FROM members WHERE value = ?", (value,))

    def __len__(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM members").fetchone()[0]

    def __iter__(self) -> Iterator[str]:
        """The members, read in batches as they are iterated."""
        cursor = self.db.execute("SELECT value FROM members")
        while rows := cursor.fetchmany(500):
            for (value,) in rows:
                yield value

    def close(self) -> None:
        self.db.close()


class DiskMap:
    """A mapping of strings to values on disk, in insertion order (a key set again keeps its
    place); values go through ``encode``/``decode`` (JSON by default).  A value read back is a
    copy: to change one, set it again.

    >>> owners = DiskMap()
    >>> owners.setdefault("body1", "a"), owners.setdefault("body1", "b"), owners.get("body1")
    ('a', 'a', 'a')
    >>> owners["body2"] = "c"; owners["body1"] = "d"
    >>> list(owners.values()), len(owners), owners.pop("body1"), owners.pop("body1", None), "body1" in owners
    (['d', 'c'], 2, 'd', None, False)
    """

    def __init__(self, encode: Callable[[object], str] = json.dumps, decode: Callable[[str], object] = json.loads):
        self.encode, self.decode = encode, decode
        self.db = temporary_database()
        self.db.execute("CREATE TABLE entries (key TEXT PRIMARY KEY, value TEXT)")

    def __setitem__(self, key: str, value) -> None:
        encoded = self.encode(value)
        if not self.db.execute("UPDATE entries SET value = ? WHERE key = ?", (encoded, key)).rowcount:
            self.db.execute("INSERT INTO entries VALUES (?, ?)", (key, encoded))

    def setdefault(self, key: str, value):
        """The value of ``key``, set to ``value`` first if it has none (check and set in one statement)."""
        if self.db.execute("INSERT OR IGNORE INTO entries VALUES (?, ?)", (key, self.encode(value))).rowcount:
            return value
        return self.get(key)

    def get(self, key: str, default=None):
        row = self.db.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
        return self.decode(row[0]) if row else default

    def pop(self, key: str, default=None):
        value = self.get(key, default)
        self.db.execute("DELETE FROM entries WHERE key = ?", (key,))
        return value

    def __contains__(self, key: str) -> bool:
        return self.db.execute("SELECT 1 FROM entries WHERE key = ?", (key,)).fetchone() is not None

    def __len__(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]

    def values(self) -> DiskValues:
        """The values in insertion order, read as they are iterated (never all held at once)."""
        return DiskValues(self)

    def clear(self) -> None:
        self.db.execute("DELETE FROM entries")

    def close(self) -> None:
        self.db.close()


class DiskValues:
    """The values of a ``DiskMap``: sized, and read in batches as they are iterated."""

    def __init__(self, mapping: DiskMap):
        self.mapping = mapping

    def __len__(self) -> int:
        return len(self.mapping)

    def __iter__(self) -> Iterator:
        cursor = self.mapping.db.execute("SELECT value FROM entries ORDER BY rowid")
        while rows := cursor.fetchmany(500):
            for (value,) in rows:
                yield self.mapping.decode(value)
