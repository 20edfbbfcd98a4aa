"""The real ``scrapy crawl news`` against a loopback site built from dev-corpus pages.

The site has a home page (feed link, article links, tag and author links, an off-site link), an
RSS feed, robots.txt naming a sitemap index, a recent news sitemap and an old monthly sitemap.
"""
from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newscrawl.extract import extract_article
from tests.conftest import run_crawl
from tests.siteserver import SiteServer

CORPUS = Path(__file__).resolve().parent / "fixtures" / "news"
HOST = "news.test"
PAGES = sorted(p.name.removesuffix(".html.gz") for p in CORPUS.glob("*.html.gz"))


def article_path(stem: str) -> str:
    return "/news/" + stem.lower().replace("_", "-") + ".html"


def build_site(folder: Path, stems: list[str]) -> dict[str, str]:
    """Write the site's files and routes.json; return path -> HTML of each article."""
    folder.mkdir(parents=True, exist_ok=True)
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    a, b, c, d, e, f, g = (article_path(s) for s in stems)
    files = {
        "/": ("home.html", "text/html; charset=utf-8", 200, f"""<html><head><title>News</title>
<link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>
<a href="{a}">A</a> <a href="{b}?utm_source=home">B</a> <a href="/tag/politics/">Politics</a>
<a href="/author/jane-doe-smith-jones/">Jane</a> <a href="https://elsewhere.example/2024/05/03/a-b-c-d/">x</a>
</body></html>"""),
        "/feed.xml": ("feed.xml", "application/rss+xml; charset=utf-8", 200, f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>News</title><link>http://{HOST}/</link>
<item><title>B</title><link>http://{HOST}{b}</link></item>
<item><title>C</title><link>http://{HOST}{c}</link></item>
<item><title>D</title><link>http://{HOST}{d}</link></item></channel></rss>"""),
        "/robots.txt": ("robots.txt", "text/plain", 200, "User-agent: *\nDisallow: /private/\n"
                                                         "Sitemap: /sitemap_index.xml\n"),
        "/sitemap_index.xml": ("sitemap_index.xml", "application/xml", 200, f"""<?xml version="1.0"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>http://{HOST}/sitemap-news.xml</loc><lastmod>{today}</lastmod></sitemap>
<sitemap><loc>http://{HOST}/sitemap-2001-01.xml</loc></sitemap></sitemapindex>"""),
        "/sitemap-news.xml": ("sitemap-news.xml", "application/xml", 200, f"""<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>http://{HOST}{e}</loc><lastmod>{today}T08:00:00+00:00</lastmod></url>
<url><loc>http://{HOST}{f}</loc><lastmod>{today}</lastmod></url>
<url><loc>http://{HOST}{g}</loc><lastmod>2001-01-01</lastmod></url>
<url><loc>http://{HOST}/tag/politics/</loc><lastmod>{today}</lastmod></url></urlset>"""),
        "/sitemap-2001-01.xml": ("old.xml", "application/xml", 200, "<urlset/>"),
    }
    articles = {}
    for stem in stems:
        html = gzip.decompress((CORPUS / f"{stem}.html.gz").read_bytes()).decode("utf-8")
        path = article_path(stem)
        files[path] = (stem + ".html", "text/html; charset=utf-8", 200, html)
        articles[path] = html
    (folder / "not_found.html").write_text("<html><body>Not found</body></html>", encoding="utf-8")
    routes = []
    for request, (name, content_type, status, text) in files.items():
        (folder / name).write_text(text, encoding="utf-8")
        routes.append({"host": HOST, "request": request, "file": name, "content_type": content_type,
                       "status": status})
    fallback = {"file": "not_found.html", "content_type": "text/html", "status": 404}
    (folder / "routes.json").write_text(json.dumps({"fallback": fallback, "routes": routes}), encoding="utf-8")
    return articles


@pytest.fixture
def news_site(tmp_path):
    assert len(PAGES) == 7, f"expected seven pages in {CORPUS}"
    articles = build_site(tmp_path / "site", PAGES)
    with SiteServer(tmp_path / "site", HOST) as server:
        server.articles = articles
        yield server


def test_news_spider_discovers_feeds_sitemaps_and_home_links(news_site, tmp_path):
    result = run_crawl("news", tmp_path / "out.jsonl", "-a", f"site=http://{HOST}",
                       "-a", f"base_url={news_site.url}")
    assert result.returncode == 0, result.log
    paths = list(news_site.articles)
    fetched = [r.split("?")[0] for r in news_site.requests]
    # A, B (home), C, D (feed), E, F (recent sitemap entries); G is too old for the default window
    assert sorted(p for p in fetched if p.startswith("/news/")) == sorted(paths[:6])
    assert all(fetched.count(p) == 1 for p in paths[:6])
    assert "/sitemap-2001-01.xml" not in fetched
    assert not any(p.startswith(("/tag/", "/author/")) for p in fetched)
    # every exported record is what extract_article gives for that page
    exported = {r["url"].removeprefix(f"http://{HOST}"): r for r in result.records}
    assert sorted(exported) == sorted(paths[:6])
    for path, record in exported.items():
        expected = extract_article(news_site.articles[path], f"http://{HOST}{path}")
        # set by the crawl, not the page
        stamped = ("crawled_at", "schema_version", "revision", "first_seen_at", "story_id", "near_duplicate_of")
        assert {k: v for k, v in record.items() if k not in stamped} == {
            k: v for k, v in expected.items() if k not in stamped}, path


def test_since_bounds_sitemap_entries_before_fetching(news_site, tmp_path):
    result = run_crawl("news", tmp_path / "out.jsonl", "-a", f"site=http://{HOST}",
                       "-a", f"base_url={news_site.url}", "-a", "since=2000-06-01", "-a", "until=2001-02-01")
    assert result.returncode == 0, result.log
    fetched = [r.split("?")[0] for r in news_site.requests]
    paths = list(news_site.articles)
    assert paths[6] in fetched  # lastmod 2001-01-01: inside this window
    assert paths[4] not in fetched and paths[5] not in fetched  # lastmod today: outside
    assert "/sitemap-2001-01.xml" in fetched


def test_sites_file_and_bad_site_argument(news_site, tmp_path):
    sites = tmp_path / "sites.txt"
    sites.write_text(f"# our sites\nhttp://{HOST}\n\n", encoding="utf-8")
    result = run_crawl("news", tmp_path / "out.jsonl", "-a", f"sites={sites}", "-a", f"base_url={news_site.url}")
    assert result.returncode == 0, result.log
    assert len(result.records) == 6
    bad = run_crawl("news", tmp_path / "bad.jsonl", "-a", "site=ftp://example.com")
    assert bad.returncode != 0 and "not a site URL: 'ftp://example.com'" in bad.log
