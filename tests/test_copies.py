"""Syndicated copies across runs: the real ``scrapy crawl news`` over a generated loopback site of a
few hundred articles, some of them published again at other URLs with the same body, listed in a
sitemap (``lastmod``) and partly in an RSS feed (``pubDate``).  Fetches are counted at the server.

"The" article of a body is the first exported with it; every other page with that body is a copy,
recorded in the state store, not fetched again while its listing date stays, and never exported.
"""
from __future__ import annotations

import json
import random
import shutil
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from newscrawl.output.state import Copy, Entry, body_fingerprint, legacy_hash, open_store
from tests.conftest import run_crawl
from tests.siteserver import SiteServer, write_site
from tests.test_distributed import redis_url  # noqa: F401 (the fixture)

HOST = "news.test"
WORDS = ("council budget river harbour station school winter market bridge festival library museum report "
         "minister vote road tram energy water forest farmers price rain storm trial court hospital nurses "
         "teachers workers strike plan city region village airport port factory wind solar grid").split()
needs_redis = pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server is not installed")


def paragraphs(seed: int) -> list[str]:
    """Five paragraphs of text that no other seed gives."""
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(30)).capitalize() + "." for _ in range(5)]


@dataclass
class Page:
    headline: str
    seed: int  # the body
    modified: str  # the page's date, and its listing date unless ``listed`` says otherwise
    listed: str | None = None


class SyndicatedSite:
    """``originals`` articles; every ``copy_every``-th one also published under /partners/ with its
    body.  Files and routes are written to ``folder``; ``write()`` again after changing ``pages``."""

    def __init__(self, folder: Path, originals: int, copy_every: int = 10):
        self.folder = folder
        day = (datetime.now(UTC) - timedelta(days=1)).strftime("%Y-%m-%d")
        self.morning = f"{day}T08:00:00Z"
        self.pages: dict[str, Page] = {}
        self.groups: list[list[str]] = []  # the paths sharing one body
        for i in range(originals):
            path = f"/{day.replace('-', '/')}/story-{i:04d}-{WORDS[i % len(WORDS)]}-news.html"
            self.pages[path] = Page(f"Story {i} about the {WORDS[i % len(WORDS)]}", i, self.morning)
            if i % copy_every == 3:
                copy = f"/partners/{day.replace('-', '/')}/partner-{i:04d}-{WORDS[i % len(WORDS)]}-story.html"
                self.pages[copy] = Page(f"Partner: story {i}", i, self.morning)
                self.groups.append([path, copy])
        self.feed = list(self.pages)[:40]  # also in the RSS feed: these URLs are listed twice
        self.write()

    def url(self, path: str) -> str:
        return f"http://{HOST}{path}"

    def html(self, path: str, page: Page) -> str:
        body = "".join(f"<p>{p}</p>" for p in paragraphs(page.seed))
        return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{page.headline}</title>'
                f'<link rel="canonical" href="{self.url(path)}">'
                f'<meta property="article:published_time" content="{self.morning}">'
                f'<meta property="article:modified_time" content="{page.modified}"></head><body><article>'
                f'<h1>{page.headline}</h1><time datetime="{page.modified}">{page.modified}</time>{body}'
                "</article></body></html>")

    def pub_date(self, page: Page) -> str:
        return format_datetime(datetime.fromisoformat(page.listed or page.modified))

    def write(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        files = {
            "/": ("text/html", '<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
                               "</head><body>Home</body></html>"),
            "/robots.txt": ("text/plain", "User-agent: *\nSitemap: /sitemap.xml\n"),
            "/sitemap.xml": ("application/xml", '<?xml version="1.0"?><urlset '
                             'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + "".join(
                                 f"<url><loc>{self.url(p)}</loc><lastmod>{page.listed or page.modified}</lastmod>"
                                 "</url>" for p, page in self.pages.items()) + "</urlset>"),
            "/feed.xml": ("application/rss+xml", f'<?xml version="1.0"?><rss version="2.0"><channel><title>N</title>'
                          f"<link>{self.url('/')}</link>" + "".join(
                              f"<item><title>{self.pages[p].headline}</title><link>{self.url(p)}</link><pubDate>"
                              f"{self.pub_date(self.pages[p])}</pubDate></item>" for p in self.feed)
                          + "</channel></rss>"),
        }
        files.update({path: ("text/html; charset=utf-8", self.html(path, page)) for path, page in self.pages.items()})
        write_site(self.folder, HOST, files)


class Runs:
    """Consecutive ``scrapy crawl news`` runs on one state store."""

    def __init__(self, tmp_path: Path, site: SyndicatedSite, server: SiteServer, state: str):
        self.tmp_path, self.site, self.server, self.state, self.count = tmp_path, site, server, state, 0

    def __call__(self):
        self.count += 1
        self.server.requests.clear()
        output = self.tmp_path / f"run{self.count}.jsonl"
        result = run_crawl("news", output, "-a", f"site=http://{HOST}", "-a", f"base_url={self.server.url}",
                           "-s", f"NEWSCRAWL_STATE_URI={self.state}", timeout=300)
        assert result.returncode == 0, result.log[-3000:]
        result.manifest = json.loads(output.with_name(f"run{self.count}.manifest.json").read_text())
        return result

    def fetched_articles(self) -> list[str]:
        return sorted(path for path in self.server.requests if path in self.site.pages)


def serve(tmp_path: Path, originals: int) -> tuple[SyndicatedSite, SiteServer]:
    site = SyndicatedSite(tmp_path / "site", originals)
    return site, SiteServer(site.folder, HOST)


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("redis", marks=needs_redis)])
def test_copies_are_not_fetched_or_exported_again_and_a_changed_original_is_revision_2(tmp_path, request, backend):
    state = request.getfixturevalue("redis_url") if backend == "redis" else f"sqlite:///{tmp_path}/state.db"
    site, server = serve(tmp_path, originals=300)
    with server:
        run = Runs(tmp_path, site, server, state)

        first = run()
        assert len(run.fetched_articles()) == len(site.pages) == 330
        bodies = [record["body"] for record in first.records]
        assert len(first.records) == 300 and len(set(bodies)) == 300  # one record per body
        exported = {record["url"] for record in first.records}
        originals = {}  # the exported page of each group, and its copy
        for group in site.groups:
            [kept] = [p for p in group if site.url(p) in exported]
            [copy] = [p for p in group if p != kept]
            originals[kept] = copy
            assert f"Dropped: {site.url(copy)}: duplicate body of {site.url(kept)}" in first.log
        assert first.manifest["deduplicated"]["duplicate_body"] == 30

        second = run()
        assert second.records == [] and run.fetched_articles() == []
        # each URL counts once, though the first 40 are in the feed and the sitemap
        assert second.manifest["items"]["not_fetched_unchanged"] == 300
        assert second.manifest["items"]["not_fetched_copies"] == 30

        # one original changes (text and dates): only it is fetched and exported, as revision 2
        kept, copy = next(iter(originals.items()))
        site.pages[kept] = Page(site.pages[kept].headline, 10_000, site.morning.replace("T08", "T09"))
        site.write()
        third = run()
        assert run.fetched_articles() == [kept]
        [record] = third.records
        assert record["url"] == site.url(kept) and record["revision"] == 2
        assert paragraphs(10_000)[0] in record["body"]

        # its copy follows (syndicated update): fetched because its listing changed, still a copy
        site.pages[copy] = Page(site.pages[copy].headline, 10_000, site.morning.replace("T08", "T09"))
        site.write()
        fourth = run()
        assert run.fetched_articles() == [copy] and fourth.records == []
        assert f"Dropped: {site.url(copy)}: duplicate body of {site.url(kept)}" in fourth.log

        fifth = run()
        assert run.fetched_articles() == [] and fifth.records == []


def test_a_store_from_before_copies_were_recorded_is_migrated_without_exporting_again(tmp_path):
    site, server = serve(tmp_path, originals=30)
    state = tmp_path / "state.db"
    with server:
        run = Runs(tmp_path, site, server, f"sqlite:///{state}")
        first = run()
        assert len(first.records) == 30
        # Make it the store of the version before: the old hash (SHA-256 of the raw body), no copies table
        with sqlite3.connect(state) as db:
            db.executemany("UPDATE articles SET content_hash = ? WHERE canonical_url = ?",
                           [(legacy_hash(r["body"]), r["canonical_url"]) for r in first.records])
            db.execute("DROP TABLE copies")
            db.execute("DROP INDEX articles_content_hash")
        # every listing says "changed", so every page is fetched and compared with the old hashes
        for page in site.pages.values():
            page.listed = site.morning.replace("T08:00", "T08:30")
        site.write()
        second = run()
        assert len(run.fetched_articles()) == 33
        assert second.records == []  # nothing exported again because the hash changed
        assert second.manifest["deduplicated"]["duplicate_body"] == 3
        with sqlite3.connect(state) as db:
            assert {len(h) for (h,) in db.execute("SELECT content_hash FROM articles")} == {40}  # fingerprints now
            assert db.execute("SELECT COUNT(*) FROM copies").fetchone()[0] == 3

        for page in site.pages.values():
            page.listed = None
        site.write()
        third = run()
        assert run.fetched_articles() == [] and third.records == []


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("redis", marks=needs_redis)])
def test_store_finds_articles_by_body_and_copies_by_url(tmp_path, request, backend):
    uri = request.getfixturevalue("redis_url") if backend == "redis" else f"sqlite:///{tmp_path}/state.db"
    store = open_store(uri, max_age=timedelta(days=30))
    old, now = "2024-01-01T00:00:00Z", datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    article = Entry("https://a.example/1", "https://a.example/1", body_fingerprint("Some text."), None, 1, now, now)
    copies = [Copy("https://b.example/x", article.content_hash, article.canonical_url, None, now),
              Copy("https://b.example/old", article.content_hash, article.canonical_url, None, old)]
    store.put([article], copies)
    assert store.original_of((body_fingerprint("some   TEXT"), "unused")) == article.canonical_url
    assert store.original_of((body_fingerprint("Other text."),)) is None
    assert store.get_copy("https://b.example/x") == copies[0]
    assert store.get_copy("https://a.example/1") is None
    assert store.count() == 1  # copies are not articles
    if backend == "sqlite":
        store.expire(timedelta(days=30))
        assert store.get_copy("https://b.example/old") is None and store.get_copy("https://b.example/x")
    store.close()


@needs_redis
def test_a_redis_store_from_before_indexes_its_bodies_once(redis_url):  # noqa: F811
    import redis

    client = redis.Redis.from_url(redis_url)
    entry = {"canonical_url": "https://a.example/1", "url": "https://a.example/1", "content_hash": legacy_hash("T."),
             "modified_at": None, "revision": 1, "first_seen_at": "x", "last_seen_at": "x"}
    client.set("newscrawl:state:article:https://a.example/1", json.dumps(entry), ex=1000)
    store = open_store(redis_url)
    assert store.original_of((body_fingerprint("T."), legacy_hash("T."))) == "https://a.example/1"
    assert 0 < client.ttl(f"newscrawl:state:body:{legacy_hash('T.')}") <= 1000
    store.close()


@needs_redis
def test_workers_of_a_shared_crawl_agree_on_the_article_of_a_body(tmp_path, redis_url):  # noqa: F811
    site, server = serve(tmp_path, originals=100)
    with server:
        server.delays.update({path: 0.5 for group in site.groups for path in group})  # the workers overlap

        def worker(name: str):
            return run_crawl("news", tmp_path / f"{name}.jsonl", "-a", f"site=http://{HOST}",
                             "-a", f"base_url={server.url}", "-s", f"NEWSCRAWL_REDIS_URL={redis_url}",
                             "-s", f"NEWSCRAWL_STATE_URI={redis_url}", timeout=300)

        with ThreadPoolExecutor(2) as pool:
            results = list(pool.map(worker, ["a", "b"]))
        assert [r.returncode for r in results] == [0, 0], [r.log[-2000:] for r in results]
        records = [record for result in results for record in result.records]
        assert len(records) == 100 and len({r["body"] for r in records}) == 100
        exported = {record["url"] for record in records}
        for group in site.groups:  # one of each group exported, the other dropped as its copy by either worker
            [kept] = [p for p in group if site.url(p) in exported]
            [copy] = [p for p in group if p != kept]
            assert sum(f"Dropped: {site.url(copy)}: duplicate body of {site.url(kept)}" in r.log for r in results) == 1

        # A worker records a copy only once its article is stored: a copy of an article the other
        # worker committed later is fetched once more by the next run, recognised, and recorded.
        copies = {path for group in site.groups for path in group} - {p for p in site.pages if site.url(p) in exported}
        server.requests.clear()
        server.delays.clear()
        for name in ("c", "d"):
            again = worker(name)
            assert again.returncode == 0 and again.records == [], again.log[-2000:]
            fetched = {path for path in server.requests if path in site.pages}
            assert fetched <= copies
            server.requests.clear()
        assert fetched == set()
