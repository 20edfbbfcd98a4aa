"""A run that reaches nothing fails: real ``scrapy crawl`` runs against loopback sites that cannot be
reached, refuse everything, fail every article or lose robots.txt.  Each exits ``RUN_FAILED`` with
the cause in the log's last lines and in the manifest; a run with nothing new still passes."""
from __future__ import annotations

import json
import time
from pathlib import Path

from newscrawl.output.manifest import RUN_FAILED
from tests.conftest import run_crawl
from tests.faults.site import HOST, FaultSite, article_html, reset_mid_body, serve

ARTICLES = ["/news/story-1.html", "/news/story-2.html"]


def manifest_of(output: Path) -> dict:
    path = output.with_suffix(".manifest.json")  # an -O run's manifest sits beside its feed
    return json.loads(path.read_text(encoding="utf-8"))


def last_lines(log: str, n: int = 8) -> str:
    return "\n".join(log.strip().splitlines()[-n:])


def assert_failed(result, output: Path, *words: str) -> dict:
    assert result.returncode == RUN_FAILED, result.log
    manifest = manifest_of(output)
    assert manifest["verdict"] == "failed" and manifest["exit_status"] == RUN_FAILED
    reasons = " ".join(manifest["failure_reasons"])
    tail = last_lines(result.log)
    for word in words:
        assert word in reasons, manifest["failure_reasons"]
        assert word in tail, tail
    return manifest


def fault_site(article_behaviour=None) -> FaultSite:
    site = FaultSite()
    for n, path in enumerate(ARTICLES, 1):
        site.routes[path] = article_behaviour or serve(article_html(n, f"Story number {n} of the site"))
    site.add_feed(ARTICLES)
    return site


def crawl_news(site_url: str, output: Path, *args: str):
    return run_crawl("news", output, "-a", f"site=http://{HOST}", "-a", f"base_url={site_url}",
                     "-s", "DOWNLOAD_TIMEOUT=3", "-s", "RETRY_TIMES=1", *args)


def test_unreachable_host_fails_the_run(tmp_path):
    with FaultSite() as closed:
        dead = closed.url
    # nothing listens on that port any more: every listing is refused by the operating system
    result = run_crawl("sputnik", tmp_path / "out.jsonl", "-a", f"base_url={dead}", "-s", "RETRY_TIMES=1")
    netloc = dead.removeprefix("http://")
    manifest = assert_failed(result, tmp_path / "out.jsonl", "nothing reachable", f"connection refused by {netloc}",
                             "sputnikglobe.com")
    assert result.records == []
    site = manifest["sites"]["sputnikglobe.com"]
    # counted per URL, after retries: the two listings (feed, sitemap index), not their attempts
    assert site["listing"] == {"tried": 2, "failed": 2, "first_failure": f"connection refused by {netloc}"}
    assert result.stats["retry/count"] >= 2


def test_every_request_refused_fails_the_run(tmp_path):
    with fault_site() as site:
        # no -a base_url: the site's own address is local, so the address policy refuses every URL
        result = run_crawl("news", tmp_path / "out.jsonl", "-a", f"site={site.url}")
        assert site.paths() == []
    host = site.url.removeprefix("http://").split(":")[0]
    manifest = assert_failed(result, tmp_path / "out.jsonl", "nothing reachable", "refused: non-public address")
    assert manifest["sites"][host]["listing"]["tried"] == manifest["sites"][host]["listing"]["failed"] >= 1


def test_every_article_failing_fails_the_run_and_a_rerun_with_nothing_new_passes(tmp_path):
    output = tmp_path / "out.jsonl"
    state = f"NEWSCRAWL_STATE_URI=sqlite:///{tmp_path}/state.db"
    with fault_site(serve("<h1>down</h1>", status=503)) as site:
        result = crawl_news(site.url, output, "-s", state)
        manifest = assert_failed(result, output, "every article request failed or was refused",
                                 f"HTTP 503 from {site.url.removeprefix('http://')}")
        assert {k: manifest["sites"][HOST]["article"][k] for k in ("tried", "failed")} == {"tried": 2, "failed": 2}
        assert "fetched" not in manifest["sites"][HOST]["article"]
        assert site.count(ARTICLES[0]) == 2  # retried once, counted once

        # the site recovers: the articles are exported
        for n, path in enumerate(ARTICLES, 1):
            site.routes[path] = serve(article_html(n, f"Story number {n} of the site"))
        time.sleep(1)  # a new run name (its start second)
        result = crawl_news(site.url, tmp_path / "second.jsonl", "-s", state)
        assert result.returncode == 0, result.log
        assert len(result.records) == 2

        # nothing new since: listings reached, no article to fetch; that is a success
        time.sleep(1)
        result = crawl_news(site.url, tmp_path / "third.jsonl", "-s", state)
        assert result.returncode == 0, result.log
        assert result.records == []
        assert manifest_of(tmp_path / "third.jsonl")["verdict"] == "passed"


def test_unreachable_robots_txt_fails_the_run(tmp_path):
    output = tmp_path / "out.jsonl"
    with fault_site() as site:
        site.routes["/robots.txt"] = reset_mid_body("User-agent: *\nDisallow: /private/\n" * 20)
        result = crawl_news(site.url, output)
        assert site.count("/robots.txt") == 2  # Scrapy's middleware only (and its one retry), not the spider too
    manifest = assert_failed(result, output, f"robots.txt of {HOST} unreachable",
                             f"{site.url.removeprefix('http://')} broke off its answer")
    assert manifest["sites"][HOST]["robots"]["failed"] == 1


def test_robots_txt_is_fetched_once_and_its_sitemaps_are_read(tmp_path):
    sitemap = (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>'
               f'http://{HOST}/news/town-hall-reopens-after-repairs-3.html</loc></url></urlset>')
    with fault_site() as site:
        site.routes["/robots.txt"] = serve("User-agent: *\nSitemap: /sitemap-named.xml\n", "text/plain")
        site.routes["/sitemap-named.xml"] = serve(sitemap, "application/xml")
        third = "/news/town-hall-reopens-after-repairs-3.html"
        site.routes[third] = serve(article_html(3, "Story number 3 of the site"))
        result = crawl_news(site.url, tmp_path / "out.jsonl")
        requests = site.paths()
    assert result.returncode == 0, result.log
    assert requests.count("/robots.txt") == 1
    assert requests.count("/sitemap-named.xml") == 1
    assert not any(path in requests for path in ("/sitemap.xml", "/news-sitemap.xml"))  # no guessing needed
    assert sorted(r["headline"] for r in result.records) == [f"Story number {n} of the site" for n in (1, 2, 3)]


def test_listings_naming_no_article_fail_a_fresh_run(tmp_path):
    """A new site (fresh store) whose feed is reached but lists nothing is not a quiet success."""
    output = tmp_path / "out.jsonl"
    with FaultSite() as site:
        site.add_feed([])
        result = crawl_news(site.url, output)
        assert site.count("/feed.xml") == 1
    manifest = assert_failed(result, output, "no articles found")
    assert manifest["sites"][HOST]["listing"]["fetched"] >= 1
