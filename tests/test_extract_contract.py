"""Records of ``extract_article`` and ``python -m newscrawl extract`` meet the published contract:
the record schema's extract profile (``article-v<N>-extract.json``), over the 134 real pages of the
dev corpus and over hostile ones (non-ASCII URLs, pages without an article)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawl.extract import extract_article
from newscrawl.output.schema import SCHEMA_VERSION, load_schema, schema_errors, validator
from tests.conftest import run_crawl
from tests.corpus.scoring import load_pages
from tests.siteserver import SiteServer
from tests.test_main import run_extract

DEV = Path(__file__).resolve().parent / "corpus" / "dev"
CRAWL_ONLY = {"crawled_at", "revision", "first_seen_at", "story_id", "near_duplicate_of"}
EXTRACT = validator(profile="extract")
CRAWL = validator()


def test_the_uri_format_is_really_checked():
    """Else a non-ASCII URL would pass unnoticed (jsonschema checks `uri` only with a validator installed)."""
    record = {"url": "https://www.jungewelt.de/artikel/orden-fürs-morden.html"}
    assert any(error.startswith("url: ") and "is not a 'uri'" in error for error in schema_errors(record, EXTRACT))


def test_the_profile_is_the_crawl_schema_with_crawl_only_fields_null():
    crawl, profile = load_schema(), load_schema(profile="extract")
    assert profile["required"] == crawl["required"] and profile["properties"].keys() == crawl["properties"].keys()
    assert profile["additionalProperties"] is False
    for name, rule in profile["properties"].items():
        if name in CRAWL_ONLY:
            assert rule["type"] == "null", name
            assert "only a crawl fills it" in crawl["properties"][name]["description"].lower(), name
        else:
            assert rule == {"$ref": f"article-v{SCHEMA_VERSION}.json#/properties/{name}"}, name


def test_every_record_extract_writes_over_the_dev_corpus_validates(tmp_path):
    pages = sorted(DEV.glob("*.html.gz"))
    assert len(pages) == 134
    done = run_extract(*pages)  # one run, each page under the URL it declares (its canonical link)
    records = [json.loads(line) for line in done.stdout.splitlines()]
    problems = done.stderr.strip().splitlines()
    assert len(records) + len(problems) == len(pages), done.stderr
    assert len(records) >= 120, done.stderr  # most pages are articles with a canonical link
    for record in records:
        assert not schema_errors(record, EXTRACT), (record["url"], schema_errors(record, EXTRACT))
        # ...and only the crawl-only fields keep it from the crawl schema (near_duplicate_of null is
        # also a crawl's value, for the first article of a story)
        assert {error.split(":")[0] for error in schema_errors(record, CRAWL)} == CRAWL_ONLY - {"near_duplicate_of"}
    assert done.returncode == (1 if any("not written" not in line for line in problems) else 0), done.stderr
    encoded = [r["canonical_url"] for r in records if "jungewelt.de/artikel/474126" in r["canonical_url"]]
    assert encoded == ["https://www.jungewelt.de/artikel/474126.nationaler-veteranentag-orden-f%C3%BCrs-morden.html"]


def test_extract_article_gives_each_corpus_page_with_an_article_a_valid_record():
    kept = 0
    for stem, html, expected in load_pages(DEV):
        record = extract_article(html, expected["url"])
        if record["headline"] and record["body"]:
            kept += 1
            assert not schema_errors(record, EXTRACT), (stem, schema_errors(record, EXTRACT))
        assert record["schema_version"] == SCHEMA_VERSION and {record[name] for name in CRAWL_ONLY} == {None}
    assert kept >= 130


ARTICLE = """<html lang="de"><head><title>t</title><link rel="canonical" href="{canonical}">
<meta property="article:published_time" content="2024-05-03T08:00:00+02:00"></head><body><article>
<h1>Orden fürs Morden</h1><figure><img src="{image}"><figcaption>Ein Bild vom Fluss</figcaption></figure>
<p>Der erste Absatz des Artikels erzählt, was am Morgen in der Stadt geschah und wer dabei war.</p>
<p>Der zweite Absatz sagt, was die Beteiligten danach erklärt haben und was nun geplant ist.</p>
<p>Der dritte Absatz schließt den Artikel mit einem Ausblick auf die kommende Woche ab.</p>
</article></body></html>"""


@pytest.mark.parametrize(("canonical", "image", "want_canonical", "want_image"), [
    ("https://www.jungewelt.de/artikel/orden-fürs-morden.html", "/img/fluss ä.jpg",
     "https://www.jungewelt.de/artikel/orden-f%C3%BCrs-morden.html", "https://www.jungewelt.de/img/fluss%20%C3%A4.jpg"),
    # already encoded: kept as it is, not encoded twice
    ("https://www.jungewelt.de/artikel/orden-f%C3%BCrs-morden.html", "https://cdn.example/a%20b.jpg",
     "https://www.jungewelt.de/artikel/orden-f%C3%BCrs-morden.html", "https://cdn.example/a%20b.jpg"),
    # an internationalised host: IDNA, as Scrapy sends it
    ("https://zeitung.bücher.de/2024/orden.html?q=ä", "https://bücher.de/b.jpg",
     "https://zeitung.xn--bcher-kva.de/2024/orden.html?q=%C3%A4", "https://xn--bcher-kva.de/b.jpg"),
])
def test_urls_are_percent_encoded_uris(tmp_path, canonical, image, want_canonical, want_image):
    page = tmp_path / "page.html"
    page.write_text(ARTICLE.format(canonical=canonical, image=image), encoding="utf-8")
    done = run_extract(page)
    assert done.returncode == 0 and not done.stderr, done.stderr
    (record,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert (record["url"], record["canonical_url"]) == (want_canonical, want_canonical)
    assert [caption["image_url"] for caption in record["captions"]] == [want_image]
    assert not schema_errors(record, EXTRACT), schema_errors(record, EXTRACT)
    given = run_extract(page, "--url", "https://www.jungewelt.de/artikel/ö ö.html")
    assert json.loads(given.stdout)["url"] == "https://www.jungewelt.de/artikel/%C3%B6%20%C3%B6.html"


def test_a_page_without_an_article_is_named_on_stderr_and_not_written(tmp_path):
    canonical = '<link rel="canonical" href="https://example.com/{}.html">'
    empty = tmp_path / "empty.html"  # neither headline nor body: a section front, a consent page
    empty.write_text(f"<html><head>{canonical.format('front')}</head><body><nav>Home</nav></body></html>")
    headline_only = tmp_path / "headline-only.html"
    headline_only.write_text(f"<html><head>{canonical.format('h')}</head><body><h1>Only a headline</h1></body></html>")
    good = tmp_path / "good.html"
    good.write_text(ARTICLE.format(canonical="https://example.com/good.html", image="/a.jpg"), encoding="utf-8")
    done = run_extract(empty, good, headline_only)
    assert done.returncode == 0, done.stderr  # as in a crawl, a page without an article is not a failure
    assert [json.loads(line)["url"] for line in done.stdout.splitlines()] == ["https://example.com/good.html"]
    assert done.stderr.strip().splitlines() == [
        f"newscrawl extract: {empty}: not written, no article: https://example.com/front.html: no headline no body",
        f"newscrawl extract: {headline_only}: not written, no article: https://example.com/h.html: no body"]


def test_a_relative_canonical_link_is_resolved_against_the_page_or_refused(tmp_path):
    with_og = tmp_path / "og.html"
    with_og.write_text(ARTICLE.format(canonical="/news/orden.html", image="/a.jpg").replace(
        "<title>", '<meta property="og:url" content="https://e.de/x"><title>'), encoding="utf-8")
    alone = tmp_path / "alone.html"
    alone.write_text(ARTICLE.format(canonical="/news/orden.html", image="/a.jpg"), encoding="utf-8")
    done = run_extract(with_og, alone)
    assert [json.loads(line)["url"] for line in done.stdout.splitlines()] == ["https://e.de/news/orden.html"]
    assert done.stderr.strip().splitlines() == [
        f"newscrawl extract: {alone}: no absolute canonical URL in the page; pass --url"]
    assert done.returncode == 1


def test_a_crawl_exports_the_same_encoded_urls(tmp_path):
    """The loader encodes for a crawl too: a page whose links and canonical URL are non-ASCII."""
    host, path = "zeitung.test", "/2024/05/03/orden-fürs-morden.html"
    encoded = "/2024/05/03/orden-f%C3%BCrs-morden.html"
    site = tmp_path / "site"
    site.mkdir()
    (site / "home.html").write_text(f'<html><body><a href="{path}">Orden</a></body></html>', encoding="utf-8")
    (site / "article.html").write_text(ARTICLE.format(canonical=f"http://{host}{path}", image="/bilder/fluss ä.jpg"),
                                       encoding="utf-8")
    (site / "none.html").write_text("<html><body>Not found</body></html>")
    routes = [{"host": host, "request": "/", "file": "home.html", "content_type": "text/html; charset=utf-8",
               "status": 200},
              {"host": host, "request": encoded, "file": "article.html", "content_type": "text/html; charset=utf-8",
               "status": 200}]
    (site / "routes.json").write_text(json.dumps({"routes": routes, "fallback": {
        "file": "none.html", "content_type": "text/html", "status": 404}}))
    with SiteServer(site, host) as server:
        result = run_crawl("news", tmp_path / "out.jsonl", "-a", f"site=http://{host}", "-a", f"base_url={server.url}")
    assert result.returncode == 0, result.log
    (record,) = result.records  # run_crawl has validated it against the crawl schema, format: uri included
    assert record["url"] == record["canonical_url"] == f"http://{host}{encoded}"
    assert [c["image_url"] for c in record["captions"]] == [f"http://{host}/bilder/fluss%20%C3%A4.jpg"]
