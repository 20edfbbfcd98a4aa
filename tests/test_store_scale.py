"""The state store at scale: batched lookups agree with single ones, expiry reads only what is due
(SQLite's plan; Redis' index), ``count`` needs no scan, old stores are migrated in place, and
``bench/store_speed.py`` runs.  Real SQLite files and a real ``redis-server``."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta

import pytest

from newscrawl.output.state import Copy, Entry, open_store
from tests.conftest import ROOT
from tests.test_copies import needs_redis
from tests.test_distributed import redis_url  # noqa: F401 (the fixture)

NOW = "2099-01-01T00:00:00Z"  # never due within a test's age limit
LONG_AGO = "2000-01-01T00:00:00Z"


def article(n: int, last_seen: str = NOW, **validators) -> Entry:
    url = f"https://a.example/{n}"
    return Entry(url, url + "?from=rss" if n % 2 else url, f"hash{n}", None, 1, last_seen, last_seen, **validators)


def open_backend(request, tmp_path, backend: str, max_age=timedelta(days=30)):
    uri = request.getfixturevalue("redis_url") if backend == "redis" else f"sqlite:///{tmp_path}/state.db"
    return open_store(uri, max_age=max_age)


BACKENDS = ["sqlite", pytest.param("redis", marks=needs_redis)]


@pytest.mark.parametrize("backend", BACKENDS)
def test_batched_lookups_find_what_single_lookups_find(tmp_path, request, backend):
    store = open_backend(request, tmp_path, backend)
    entries = [article(n, etag=f'"v{n}"' if n % 3 else None) for n in range(1200)]  # more than one chunk
    copies = [Copy(f"https://b.example/{n}", f"hash{n}", entries[n].canonical_url, None, NOW)
              for n in range(0, 1200, 7)]
    store.put(entries, copies)
    asked = ([e.url for e in entries[::5]] + [e.canonical_url for e in entries[1::5]]
             + [f"https://nowhere.example/{n}" for n in range(300)])
    expected = {url: store.get(url) for url in asked}
    assert store.get_many(asked) == {url: entry for url, entry in expected.items() if entry}
    assert len(store.get_many(asked)) == 480
    copy_urls = [f"https://b.example/{n}" for n in range(1200)]
    assert store.get_copies(copy_urls) == {c.url: c for c in copies}
    assert store.get_many([]) == {} and store.get_copies([]) == {}
    store.close()


@pytest.mark.parametrize("backend", BACKENDS)
def test_validators_round_trip(tmp_path, request, backend):
    store = open_backend(request, tmp_path, backend)
    entry = article(1, etag='W/"5f-abc"', last_modified="Tue, 01 Dec 2026 10:00:00 GMT")
    store.put([entry, article(2)])
    assert store.get(entry.url) == entry and store.get(entry.canonical_url).etag == 'W/"5f-abc"'
    assert store.get(article(2).url).etag is None and store.get(article(2).url).last_modified is None
    store.close()


def test_sqlite_expiry_reads_only_expired_rows_through_an_index(tmp_path):
    store = open_store(f"sqlite:///{tmp_path}/state.db")
    store.put([article(n, LONG_AGO if n % 10 == 0 else NOW) for n in range(500)],
              [Copy("https://b.example/old", "h", "https://a.example/1", None, LONG_AGO)])
    for table in ("articles", "copies"):
        plan = " ".join(row[-1] for row in store.db.execute(
            f"EXPLAIN QUERY PLAN DELETE FROM {table} WHERE last_seen_at < ?", (NOW,)))
        assert f"SEARCH {table} USING INDEX {table}_last_seen (last_seen_at<?)" in plan, plan
    plan = " ".join(row[-1] for row in store.db.execute(
        "EXPLAIN QUERY PLAN SELECT * FROM articles WHERE canonical_url = ? OR url = ?", ("x", "x")))
    assert "SCAN" not in plan, plan  # both URL columns are searched by index
    assert store.expire(timedelta(days=30)) == 50
    assert store.count() == 450 and store.get_copy("https://b.example/old") is None
    assert store.expire(timedelta(days=30)) == 0
    store.close()


@needs_redis
def test_redis_count_and_expiry_follow_the_keys_ttl(request, tmp_path):
    store = open_backend(request, tmp_path, "redis", max_age=timedelta(days=30))
    short = open_backend(request, tmp_path, "redis", max_age=timedelta(seconds=1))
    store.put([article(n) for n in range(40)])
    short.put([article(n) for n in range(40, 50)])
    assert store.count() == 50
    time.sleep(2.2)
    assert store.get(article(45).url) is None and store.get(article(5).url)
    assert store.count() == 40  # the index knows when each key expires: no scan
    assert store.expire(timedelta(days=30)) == 10 and store.expire(timedelta(days=30)) == 0
    assert store.client.zcard("newscrawl:state:expiry") == 40
    store.close()
    short.close()


@needs_redis
def test_a_redis_store_from_before_the_expiry_index_is_indexed_once(redis_url):  # noqa: F811
    import redis

    client = redis.Redis.from_url(redis_url)
    old = {"canonical_url": "https://a.example/1", "url": "https://a.example/1", "content_hash": "h",
           "modified_at": None, "revision": 1, "first_seen_at": "x", "last_seen_at": "x"}
    client.set("newscrawl:state:article:https://a.example/1", json.dumps(old), ex=1000)
    client.set("newscrawl:state:bodies_indexed", "1")  # a store from after body keys, before the index
    store = open_store(redis_url)
    assert store.count() == 1
    assert store.get("https://a.example/1") == Entry(**old)  # no validators: still readable
    assert 990 < client.zscore("newscrawl:state:expiry", "https://a.example/1") - time.time() <= 1000
    client.delete("newscrawl:state:article:https://a.example/1")
    open_store(redis_url).close()  # indexed once: the next open does not scan again
    assert client.zcard("newscrawl:state:expiry") == 1
    store.close()


def test_a_sqlite_store_from_before_validators_is_migrated_in_place(tmp_path):
    path = tmp_path / "state.db"
    with sqlite3.connect(path) as db:  # the schema as the previous version wrote it
        db.execute("CREATE TABLE articles (canonical_url TEXT PRIMARY KEY, url TEXT, content_hash TEXT,"
                   " modified_at TEXT, revision INTEGER, first_seen_at TEXT, last_seen_at TEXT)")
        db.execute("CREATE INDEX articles_url ON articles (url)")
        db.execute("INSERT INTO articles VALUES ('https://a.example/1', 'https://a.example/1', 'h', NULL, 2, ?, ?)",
                   (LONG_AGO, NOW))
    db.close()
    store = open_store(f"sqlite:///{path}")
    assert store.get("https://a.example/1") == Entry("https://a.example/1", "https://a.example/1", "h", None, 2,
                                                     LONG_AGO, NOW)
    store.put([article(2, etag='"x"')])
    assert store.get(article(2).url).etag == '"x"'
    store.close()
    with sqlite3.connect(path) as db:
        indexes = {row[1] for row in db.execute("PRAGMA index_list(articles)")}
    db.close()
    assert {"articles_url", "articles_content_hash", "articles_last_seen"} <= indexes


def test_the_bench_fills_and_measures_both_backends(tmp_path):
    backends = "sqlite,redis" if not needs_redis.args[0] else "sqlite"
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "store_speed.py"), "--entries", "3000",
                           "--lookups", "200", "--batch", "500", "--backends", backends],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    for backend in backends.split(","):
        section = done.stdout.split(f"\n{backend} ", 1)[1]
        assert "(200 of 200 found)" in section and "(0 of 200 found)" in section, done.stdout
        assert "30 " in section.split("expire", 1)[1].split("\n")[0], done.stdout  # 1% of 3,000 expired


@needs_redis
def test_an_old_redis_store_of_many_articles_is_indexed_in_one_pass(redis_url):  # noqa: F811
    import redis

    client = redis.Redis.from_url(redis_url)
    with client.pipeline() as pipe:  # 1,200 articles as the first Redis store wrote them: no index keys
        for n in range(1200):
            old = {"canonical_url": f"https://a.example/{n}", "url": f"https://a.example/{n}",
                   "content_hash": f"h{n}", "modified_at": None, "revision": 1, "first_seen_at": "x",
                   "last_seen_at": "x"}
            pipe.set(f"newscrawl:state:article:https://a.example/{n}", json.dumps(old), ex=1000)
        pipe.execute()
    store = open_store(redis_url)
    assert store.count() == 1200
    assert [store.original_of((f"h{n}",)) for n in (0, 599, 1199)] == [f"https://a.example/{n}" for n in (0, 599, 1199)]
    assert 0 < client.ttl("newscrawl:state:body:h1199") <= 1000
    store.close()
