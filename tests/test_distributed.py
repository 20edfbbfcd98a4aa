"""Several crawler processes sharing one crawl through a real Redis (``NEWSCRAWL_REDIS_URL``),
and the state store on Redis.  The Redis server is the Debian ``redis-server``, started per test
on a free loopback port in a temporary folder (``.ci/run`` installs it)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from datetime import timedelta

import pytest

from newscrawl.output.state import Entry, open_store
from tests.test_operations import LAVROV, OBSERVATORY, Cron

#: Why the tests are skipped on a machine without the binary (never in CI: .ci/run installs it).
MISSING_REDIS = ("redis-server is not installed (no redis-server on PATH): these tests start their own; "
                 "install it with `apt-get install redis-server` (Debian/Ubuntu) or `brew install redis` (macOS)")
pytestmark = pytest.mark.skipif(not shutil.which("redis-server") and not os.environ.get("CI"), reason=MISSING_REDIS)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path):
    """A throw-away ``redis-server`` on loopback, without persistence; its URL."""
    import redis

    port = free_port()
    server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--dir", str(tmp_path),
                               "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            assert time.monotonic() < deadline and server.poll() is None, "redis-server did not start"
            time.sleep(0.05)
    yield url
    client.close()
    server.terminate()
    server.wait(timeout=10)


def test_two_processes_share_one_crawl_and_export_each_article_once(tmp_path, sputnik_site, redis_url):
    site = sputnik_site()
    site.delays[LAVROV] = 2  # a slow page: the second worker joins while the first is busy
    cron = Cron(tmp_path, site, "-s", f"NEWSCRAWL_REDIS_URL={redis_url}")
    workers = [cron.start(), cron.start()]  # no lock between the workers of a shared crawl
    logs = [worker.communicate(timeout=60)[1] for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0], logs
    feeds = cron.feeds()
    assert len(feeds) == 2  # one file per worker: <time>-<host>-<pid>.jsonl
    exported = [record["url"] for feed in feeds for record in cron.records(feed)]
    assert sorted(exported) == sorted("https://sputnikglobe.com" + p for p in (LAVROV, OBSERVATORY))
    assert site.requests.count(LAVROV) == 1 and site.requests.count(OBSERVATORY) == 1  # shared request dedup
    assert sum("joins the shared crawl" in log for log in logs) == 1
    assert sum("is the last to leave" in log for log in logs) == 1

    # the state went to the same Redis: the next shared crawl exports nothing and fetches no article
    time.sleep(1)
    site.requests.clear()
    status, log = cron.run()
    assert status == 0, log
    assert cron.latest_records() == []
    assert LAVROV not in site.requests and OBSERVATORY not in site.requests


@pytest.mark.parametrize("backend", ["sqlite", "redis"])
def test_store_round_trip_and_expiry(tmp_path, request, backend):
    uri = request.getfixturevalue("redis_url") if backend == "redis" else f"sqlite:///{tmp_path}/state.db"
    store = open_store(uri, max_age=timedelta(days=30))
    old = Entry("https://a.example/1", "https://a.example/1?utm=x", "h1", "2024-01-01T00:00:00Z", 1,
                "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z")
    store.put([old])
    assert store.get("https://a.example/1") == old
    assert store.get("https://a.example/1?utm=x") == old  # found by the URL a feed lists, too
    assert store.count() == 1
    if backend == "sqlite":
        assert store.expire(timedelta(days=30)) == 1  # last seen long ago
        assert store.get("https://a.example/1") is None
    store.close()
