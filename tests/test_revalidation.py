"""Cheap revalidation: the real ``scrapy crawl news`` against a loopback site that sends ``ETag`` /
``Last-Modified`` and honours ``If-None-Match`` / ``If-Modified-Since`` as a real server does, on a
real state store.  What the server was asked and what it sent a body for are counted there.
"""
from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from newscrawl.output.state import open_store
from tests.siteserver import SiteServer, write_site
from tests.test_copies import HOST, WORDS, Page, Runs, needs_redis, paragraphs
from tests.test_distributed import redis_url  # noqa: F401 (the fixture)

WEEK_AGO = (datetime.now(UTC) - timedelta(days=7)).strftime("%Y-%m-%dT%H:%M:%SZ")


class ValidatingSite:
    """``count`` articles in a sitemap (dated with ``lastmod`` unless ``dated`` is off); every article
    page is served with an ETag (a hash of its bytes, as nginx and most CDNs do) and its modified
    time as Last-Modified, unless ``validators`` says otherwise for its path."""

    def __init__(self, folder: Path, count: int):
        self.folder = folder
        day = (datetime.now(UTC) - timedelta(days=1)).strftime("%Y-%m-%d")
        self.morning = f"{day}T08:00:00Z"
        self.pages = {f"/{day.replace('-', '/')}/story-{i:04d}-{WORDS[i % len(WORDS)]}-news.html":
                      Page(f"Story {i} about the {WORDS[i % len(WORDS)]}", i, self.morning) for i in range(count)}
        self.dated = True
        self.validators: dict[str, dict] = {}  # path -> route fields replacing etag / last_modified / headers
        self.status: dict[str, int] = {}
        self.write()

    def url(self, path: str) -> str:
        return f"http://{HOST}{path}"

    def html(self, path: str, page: Page) -> str:
        body = "".join(f"<p>{p}</p>" for p in paragraphs(page.seed))
        return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{page.headline}</title>'
                f'<link rel="canonical" href="{self.url(path)}">'
                f'<meta property="article:published_time" content="{self.morning}">'
                f'<meta property="article:modified_time" content="{page.modified}"></head><body><article>'
                f'<h1>{page.headline}</h1>{body}</article></body></html>')

    def etag(self, path: str) -> str:
        return '"' + hashlib.sha1(self.html(path, self.pages[path]).encode()).hexdigest()[:20] + '"'

    def last_modified(self, path: str) -> str:
        return format_datetime(datetime.fromisoformat(self.pages[path].modified), usegmt=True)

    def write(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        sitemap = "".join(f"<url><loc>{self.url(p)}</loc>" + (f"<lastmod>{page.modified}</lastmod>" if self.dated
                                                                else "") + "</url>" for p, page in self.pages.items())
        files = {"/robots.txt": ("text/plain", "User-agent: *\nSitemap: /sitemap.xml\n"),
                 "/sitemap.xml": ("application/xml", '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/'
                                                     f'schemas/sitemap/0.9">{sitemap}</urlset>'),
                 "/": ("text/html", "<html><body>Home</body></html>")}
        files.update({path: ("text/html; charset=utf-8", self.html(path, page)) for path, page in self.pages.items()})
        route_fields = {path: {"status": self.status.get(path, 200), "etag": self.etag(path),
                               "last_modified": self.last_modified(path), **self.validators.get(path, {})}
                        for path in self.pages}
        write_site(self.folder, HOST, files, route_fields)


def article_requests(server: SiteServer, site: ValidatingSite, record) -> dict[str, dict]:
    return {path: record[path] for path in site.pages if path in record}


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("redis", marks=needs_redis)])
def test_unchanged_articles_answered_304_cost_no_body_and_a_changed_one_is_revision_2(tmp_path, request, backend):
    state = request.getfixturevalue("redis_url") if backend == "redis" else f"sqlite:///{tmp_path}/state.db"
    site = ValidatingSite(tmp_path / "site", 12)
    with SiteServer(site.folder, HOST) as server:
        run = Runs(tmp_path, site, server, state)
        first = run()
        assert len(first.records) == 12
        assert article_requests(server, site, server.conditional) == dict.fromkeys(site.pages, {})  # none stored yet
        store = open_store(state, timedelta(days=90))
        stored = store.get_many([site.url(p) for p in site.pages])
        assert {url: (e.etag, e.last_modified) for url, e in stored.items()} == {
            site.url(p): (site.etag(p), site.last_modified(p)) for p in site.pages}
        store.put([replace(entry, last_seen_at=WEEK_AGO) for entry in stored.values()])  # to see the renewal
        store.close()

        # The sitemap gives no dates now: every article is asked for with its validators; all are 304
        site.dated = False
        site.write()
        server.bodies_sent.clear()
        second = run()
        assert second.records == [] and run.fetched_articles() == sorted(site.pages)
        assert article_requests(server, site, server.conditional) == {
            p: {"If-None-Match": site.etag(p), "If-Modified-Since": site.last_modified(p)} for p in site.pages}
        assert [p for p in server.bodies_sent if p in site.pages] == []  # no article body crossed the wire
        assert second.stats["newscrawl/incremental/not_modified"] == 12
        assert second.manifest["items"]["not_modified"] == 12
        assert "newscrawl/parsed" not in second.stats and "HTTP 304" not in second.log
        store = open_store(state, timedelta(days=90))
        renewed = store.get_many([site.url(p) for p in site.pages])
        assert all(e.last_seen_at > WEEK_AGO and e.etag == site.etag(p.removeprefix(f"http://{HOST}"))
                   for p, e in renewed.items()) and len(renewed) == 12
        store.close()

        # One page changes (a new body: a new ETag): sent in full and exported as revision 2; the rest 304
        changed = next(iter(site.pages))
        site.pages[changed] = Page(site.pages[changed].headline, 10_000, site.morning.replace("T08", "T09"))
        site.write()
        server.load_routes()
        server.bodies_sent.clear()
        third = run()
        assert [p for p in server.bodies_sent if p in site.pages] == [changed]
        [record] = third.records
        assert (record["url"], record["revision"]) == (site.url(changed), 2)
        assert paragraphs(10_000)[0] in record["body"]
        assert third.stats["newscrawl/incremental/not_modified"] == 11
        assert set(record) == set(first.records[0])  # the validators are not exported: same fields
        store = open_store(state, timedelta(days=90))
        assert store.get(site.url(changed)).etag == site.etag(changed)
        store.close()

        # A server that ignores validators answers 200 as usual: fetched in full, nothing exported again
        server.honour_validators = False
        server.bodies_sent.clear()
        fourth = run()
        assert sorted(p for p in server.bodies_sent if p in site.pages) == sorted(site.pages)
        assert fourth.records == [] and "newscrawl/incremental/not_modified" not in fourth.stats
        assert fourth.stats["newscrawl/dedup/unchanged_since_last_run"] == 12


def test_garbage_validators_are_not_kept_and_a_valid_date_alone_revalidates(tmp_path):
    site = ValidatingSite(tmp_path / "site", 6)
    paths = list(site.pages)
    hostile = [  # sent as raw headers; the server has no validator of its own for these pages
        {"ETag": '"' + "a" * 3000 + '"'},  # far too long to keep
        {"ETag": "unquoted tag"},  # not an entity tag
        {"ETag": '"\x7fcontrol"'},
        {"Last-Modified": "sometime last week"},  # not a date
        {"Last-Modified": "Fri, 01 Dec 2102 10:00:00 GMT"},  # in the future
    ]
    for path, headers in zip(paths, hostile, strict=False):
        site.validators[path] = {"etag": None, "last_modified": None, "headers": headers}
    date_only = paths[5]
    site.validators[date_only] = {"etag": None}  # a valid Last-Modified, no ETag
    site.write()
    state = f"sqlite:///{tmp_path}/state.db"
    with SiteServer(site.folder, HOST) as server:
        run = Runs(tmp_path, site, server, state)
        assert len(run().records) == 6
        store = open_store(state)
        assert [(store.get(site.url(p)).etag, store.get(site.url(p)).last_modified) for p in paths] == [
            (None, None)] * 5 + [(None, site.last_modified(date_only))]
        store.close()

        site.dated = False
        site.write()
        server.bodies_sent.clear()
        second = run()
        assert second.records == []
        assert article_requests(server, site, server.conditional) == {
            **dict.fromkeys(paths[:5], {}), date_only: {"If-Modified-Since": site.last_modified(date_only)}}
        assert sorted(p for p in server.bodies_sent if p in site.pages) == sorted(paths[:5])
        assert second.stats["newscrawl/incremental/not_modified"] == 1


def test_a_304_to_a_request_without_validators_is_a_failed_fetch(tmp_path):
    site = ValidatingSite(tmp_path / "site", 4)
    broken = list(site.pages)[1]
    site.status[broken] = 304
    site.write()
    with SiteServer(site.folder, HOST) as server:
        result = Runs(tmp_path, site, server, f"sqlite:///{tmp_path}/state.db")()
    assert sorted(r["url"] for r in result.records) == sorted(site.url(p) for p in site.pages if p != broken)
    assert f"{site.url(broken)}: HTTP 304; skipped" in result.log
    assert result.stats["newscrawl/fetch_failed/http_304"] == 1
    assert "newscrawl/incremental/not_modified" not in result.stats
