"""The state store at scale: fills a SQLite store and a Redis store (a ``redis-server`` of its own,
on a free loopback port in a temporary folder) with N articles, in batches as runs write them
(one ``put`` a batch, a copy every 20 articles), then prints per backend:

- inserts/s (articles written, batch by batch);
- lookups/s by canonical URL, by fetched URL (a quarter of the articles were fetched from another
  URL) and of URLs the store has not, and ``original_of`` lookups/s (a body's fingerprint and
  legacy hash, as ``DuplicateArticlePipeline`` asks), each over random keys, with the hits found;
- size: the SQLite file and its WAL; Redis ``used_memory`` and the RDB file after a ``BGSAVE``;
- expiry: ``--expire-share`` of the articles were last seen long ago (SQLite: ``last_seen_at``
  older than the age limit; Redis: written with a TTL of 2 s).  ``expire`` is timed and its rows
  counted, then timed again with nothing left to expire; the full scan it avoids is timed beside it.

Prints numbers only; no assertion on time.

    python bench/store_speed.py [--entries 1000000] [--batch 10000] [--lookups 20000] [--backends sqlite,redis]
"""
from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, installed or not

from newscrawl.extract.dates import format_datetime  # noqa: E402
from newscrawl.output.state import Copy, Entry, RedisStore, SqliteStore, legacy_hash  # noqa: E402

MAX_AGE = timedelta(days=90)
#: URLs a listing (a sitemap file) gives at once.
LISTING = 1000
NOW = datetime.now(UTC)
LONG_AGO = format_datetime(NOW - MAX_AGE - timedelta(days=10))
RECENT = format_datetime(NOW)


def canonical_url(i: int) -> str:
    return f"https://site{i % 50}.example/news/2026/01/{i % 28 + 1:02d}/article-{i}.html"


def fetched_url(i: int) -> str:
    """A quarter of the articles were fetched from a URL other than their canonical one."""
    return canonical_url(i) + "?utm_source=rss" if i % 4 == 0 else canonical_url(i)


def fingerprint(i: int) -> str:
    return hashlib.sha1(str(i).encode()).hexdigest()


def entry(i: int, expiring: bool) -> Entry:
    stamp = LONG_AGO if expiring else RECENT
    return Entry(canonical_url(i), fetched_url(i), fingerprint(i), "2026-01-05T10:00:00Z", 1, stamp, stamp,
                 f'"{fingerprint(i)[:16]}"' if i % 2 else None,
                 "Mon, 05 Jan 2026 10:00:00 GMT" if i % 3 else None)


def copy_of(i: int, expiring: bool) -> Copy:
    return Copy(f"https://partner{i % 7}.example/copy/{i}.html", fingerprint(i), canonical_url(i),
                "2026-01-05T10:00:00Z", LONG_AGO if expiring else RECENT)


def is_expiring(i: int, every: int) -> bool:
    return i % every == every - 1


def fill(put, entries: int, batch: int, every: int) -> float:
    """Articles written per second; ``put(articles, copies, expiring)`` writes one batch."""
    spent = 0.0
    for start in range(0, entries, batch):
        rows = range(start, min(start + batch, entries))
        for expiring in (False, True):
            articles = [entry(i, expiring) for i in rows if is_expiring(i, every) == expiring]
            copies = [copy_of(i, expiring) for i in rows if i % 20 == 0 and is_expiring(i, every) == expiring]
            began = time.perf_counter()
            put(articles, copies, expiring)
            spent += time.perf_counter() - began
    return entries / spent


def rate(lookup, keys) -> tuple[float, int]:
    """Lookups per second over ``keys``, and how many found something."""
    began = time.perf_counter()
    found = sum(1 for key in keys if lookup(key) is not None)
    return len(keys) / (time.perf_counter() - began), found


def lookups(store, entries: int, count: int, every: int) -> None:
    rng = random.Random(13)
    kept = [i for i in (rng.randrange(entries) for _ in range(count * 2)) if not is_expiring(i, every)][:count]
    aliased = [i for i in (rng.randrange(entries // 4) * 4 for _ in range(count * 2)) if not is_expiring(i, every)]
    cases = {
        "get by canonical URL (hits)": (store.get, [canonical_url(i) for i in kept]),
        "get by fetched URL (hits)": (store.get, [fetched_url(i) for i in aliased[:count]]),
        "get of unknown URLs (misses)": (store.get, [f"https://elsewhere.example/{rng.random()}" for _ in kept]),
        "original_of (hits)": (store.original_of, [(fingerprint(i), legacy_hash(str(i))) for i in kept]),
        "original_of (misses)": (store.original_of, [(fingerprint(-i - 1), legacy_hash(str(-i))) for i in kept]),
    }
    for name, (lookup, keys) in cases.items():
        per_second, found = rate(lookup, keys)
        print(f"  {name:32} {per_second:>10,.0f} /s   ({found:,} of {len(keys):,} found)")
    # A listing's URLs are looked up together (newscrawl.crawl.incremental): get_many and get_copies.
    mixed = [fetched_url(i) for i in kept[:count // 2]] + [f"https://elsewhere.example/{i}" for i in kept[count // 2:]]
    copies = [f"https://partner{i % 7}.example/copy/{i}.html" for i in kept]
    for name, lookup, keys in (("get_many, half hits", store.get_many, mixed),
                               ("get_copies, 1 in 20 a copy", store.get_copies, copies)):
        began = time.perf_counter()
        found = sum(len(lookup(keys[start:start + LISTING])) for start in range(0, len(keys), LISTING))
        per_second = len(keys) / (time.perf_counter() - began)
        print(f"  {name:32} {per_second:>10,.0f} /s   ({found:,} of {len(keys):,} found, {LISTING:,} URLs a call)")


def megabytes(size: int) -> str:
    return f"{size / 1e6:,.1f} MB"


def bench_sqlite(folder: Path, args) -> None:
    path = folder / "state.db"
    store = SqliteStore(path)
    if args.synchronous:
        store.db.execute(f"PRAGMA synchronous={args.synchronous}")
    sync = store.db.execute("PRAGMA synchronous").fetchone()[0]
    print(f"sqlite {store.db.execute('SELECT sqlite_version()').fetchone()[0]}, {args.entries:,} articles "
          f"(synchronous={ {0: 'OFF', 1: 'NORMAL', 2: 'FULL', 3: 'EXTRA'}[sync]})")
    inserts = fill(lambda articles, copies, _: store.put(articles, copies), args.entries, args.batch, args.every)
    print(f"  {'inserts':32} {inserts:>10,.0f} /s   (batches of {args.batch:,}, one transaction each)")
    lookups(store, args.entries, args.lookups, args.every)
    wal = path.with_name(path.name + "-wal")
    print(f"  {'size on disk':32} {megabytes(path.stat().st_size + (wal.stat().st_size if wal.exists() else 0))} "
          f"(file {megabytes(path.stat().st_size)}, WAL {megabytes(wal.stat().st_size if wal.exists() else 0)})")
    before = store.count()
    began = time.perf_counter()
    expired = store.expire(MAX_AGE)
    took = time.perf_counter() - began
    began = time.perf_counter()
    again = store.expire(MAX_AGE)
    idle = time.perf_counter() - began
    began = time.perf_counter()
    store.db.execute("SELECT COUNT(*) FROM articles WHERE revision < 0").fetchone()  # no index: reads every row
    scan = time.perf_counter() - began
    plan = store.db.execute("EXPLAIN QUERY PLAN DELETE FROM articles WHERE last_seen_at < ?", ("x",)).fetchall()
    print(f"  {'expire':32} {expired:,} of {before:,} articles in {took * 1000:,.0f} ms; again (nothing due) "
          f"{again} in {idle * 1000:,.1f} ms; a full scan takes {scan * 1000:,.0f} ms")
    print(f"  {'':32} plan: {'; '.join(row[-1] for row in plan)}; {store.count():,} articles left")
    store.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_redis(folder: Path):
    import redis

    port = free_port()
    server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--dir", str(folder),
                               "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL)
    client = redis.Redis(port=port)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            return server, client
        except redis.ConnectionError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("redis-server did not start") from None
            time.sleep(0.05)


def save(client) -> None:
    """``BGSAVE`` and wait for it: a foreground ``SAVE`` of a big store outlasts the client's patience."""
    client.bgsave()
    while client.info("persistence")["rdb_bgsave_in_progress"]:
        time.sleep(0.2)
    if client.info("persistence")["rdb_last_bgsave_status"] != "ok":
        raise SystemExit("redis-server could not write its RDB file")


def bench_redis(folder: Path, args) -> None:
    from redis.utils import HIREDIS_AVAILABLE

    server, client = start_redis(folder)
    try:
        store = RedisStore(client, max_age=MAX_AGE)
        # The share that expires is written with a 2 s lifetime: Redis forgets it while the rest is written.
        short = RedisStore(client, max_age=timedelta(seconds=2))
        began = time.perf_counter()
        for _ in range(args.lookups):
            client.ping()
        ping = args.lookups / (time.perf_counter() - began)
        print(f"redis {client.info('server')['redis_version']}, {args.entries:,} articles (TTLs do the expiry); "
              f"the client's PING round trip: {ping:,.0f} /s (hiredis {'on' if HIREDIS_AVAILABLE else 'off'}), "
              "the ceiling of one lookup a call")
        inserts = fill(lambda articles, copies, expiring: (short if expiring else store).put(articles, copies),
                       args.entries, args.batch, args.every)
        print(f"  {'inserts':32} {inserts:>10,.0f} /s   (batches of {args.batch:,}, one atomic script each)")
        time.sleep(2.5)
        lookups(store, args.entries, args.lookups, args.every)
        memory = client.info("memory")["used_memory"]
        save(client)
        print(f"  {'size':32} used_memory {megabytes(memory)}, RDB after BGSAVE "
              f"{megabytes((folder / 'dump.rdb').stat().st_size)} ({client.dbsize():,} keys)")
        gone = sum(store.get(canonical_url(i)) is None for i in range(args.every - 1, args.entries, args.every))
        before = store.count()
        began = time.perf_counter()
        expired = store.expire(MAX_AGE)
        took = time.perf_counter() - began
        began = time.perf_counter()
        again = store.expire(MAX_AGE)
        idle = time.perf_counter() - began
        began = time.perf_counter()
        scanned = sum(1 for _ in client.scan_iter(match="newscrawl:state:article:*", count=1000))
        scan = time.perf_counter() - began
        print(f"  {'expire':32} {gone:,} expired articles gone by TTL; index: {expired:,} members dropped in "
              f"{took * 1000:,.0f} ms, again {again} in {idle * 1000:,.1f} ms; count() {before:,} "
              f"(a SCAN of the {scanned:,} article keys takes {scan * 1000:,.0f} ms)")
        store.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=10_000, help="articles a put() writes (one run's commit)")
    parser.add_argument("--lookups", type=int, default=20_000, help="random keys per kind of lookup")
    parser.add_argument("--expire-share", type=float, default=0.01, help="share of articles last seen long ago")
    parser.add_argument("--backends", default="sqlite,redis")
    parser.add_argument("--synchronous", choices=("OFF", "NORMAL", "FULL"), help="SQLite: try another synchronous")
    args = parser.parse_args(argv)
    args.every = max(1, round(1 / args.expire_share))
    with open("/proc/cpuinfo") if Path("/proc/cpuinfo").exists() else open(__file__) as info:
        model = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), "?")
    import os

    print(f"machine: {os.cpu_count()} CPUs ({model})")
    with tempfile.TemporaryDirectory(prefix="store-bench-") as folder:
        for backend in args.backends.split(","):
            if backend == "redis" and not shutil.which("redis-server"):
                print("redis: skipped (no redis-server on PATH)")
                continue
            work = Path(folder) / backend
            work.mkdir()
            {"sqlite": bench_sqlite, "redis": bench_redis}[backend](work, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
