"""The real ``scrapy crawl sputnik`` against a loopback server standing in for the site."""
from __future__ import annotations

import json
import shutil

import pytest

from newscrawl.output.manifest import RUN_FAILED
from tests.conftest import SPUTNIK, run_crawl

CONTRACT = ("url", "canonical_url", "site", "language", "headline", "lead", "authors", "body", "captions",
            "published_at", "modified_at", "section", "tags", "crawled_at", "schema_version", "revision",
            "first_seen_at", "story_id", "near_duplicate_of", "warc_record")


def expected_records(*names):
    return {e["canonical_url"]: e for e in
            (json.loads((SPUTNIK / f"{n}.expected.json").read_text(encoding="utf-8")) for n in names)}


def assert_records_match(records, expected):
    assert sorted(r["canonical_url"] for r in records) == sorted(expected)
    for record in records:
        assert tuple(record) == CONTRACT
        assert record["crawled_at"]
        for field, value in expected[record["canonical_url"]].items():
            assert record[field] == value, f"{record['canonical_url']}: {field}"


def test_english_edition_exports_its_two_articles(sputnik_site, tmp_path):
    site = sputnik_site("sputnikglobe.com")
    result = run_crawl("sputnik", tmp_path / "en.jsonl", "-a", f"base_url={site.url}")
    assert result.returncode == 0, result.log
    assert_records_match(result.records, expected_records("lavrov-arms-syria", "observatory-solar-telescope"))
    assert result.stats["newscrawl/dedup/lead_in_body"] == 2
    # the feed and the sitemap both list the observatory article: fetched once
    article = "/20120305/siberian-observatory-opens-solar-telescope-to-students-1012398765.html"
    assert site.requests.count(article) == 1
    # video and gallery items of the feed are skipped before fetching, and said so
    assert result.stats["newscrawl/feed/skipped_type/video"] == 1
    assert result.stats["newscrawl/feed/skipped_type/photolenta"] == 1
    assert not any("video-spring-thaw" in r or "in-photos" in r for r in site.requests)
    assert "type 'video' is not an article; skipped" in result.log
    # without since/until: the feed and the newest sitemap period only
    assert "/sitemap_article.xml?date_start=20120301&date_end=20120331" in site.requests
    assert "/sitemap_article.xml?date_start=20120201&date_end=20120229" not in site.requests


def test_json_lines_are_utf8_text(sputnik_site, tmp_path):
    site = sputnik_site("sputniknews.lat")
    run_crawl("sputnik", tmp_path / "es.jsonl", "-a", "edition=es", "-a", f"base_url={site.url}")
    raw = (tmp_path / "es.jsonl").read_text(encoding="utf-8")
    assert "Cárdenas" in raw and "\\u" not in raw
    assert len(raw.splitlines()) == 1


def test_spanish_edition_survives_its_missing_sitemap(sputnik_site, tmp_path):
    site = sputnik_site("sputniknews.lat")
    result = run_crawl("sputnik", tmp_path / "es.jsonl", "-a", "edition=es", "-a", f"base_url={site.url}")
    assert result.returncode == 0, result.log
    assert_records_match(result.records, expected_records("es-tren-biblioteca-altiplano"))
    assert "https://sputniknews.lat/sitemap_article_index.xml: HTTP 404; skipped" in result.log
    assert result.stats["newscrawl/fetch_failed/http_404"] == 1


def test_backfill_fetches_only_the_period_file_of_its_dates(sputnik_site, tmp_path):
    site = sputnik_site("sputnikglobe.com")
    result = run_crawl("sputnik", tmp_path / "feb.jsonl", "-a", f"base_url={site.url}",
                       "-a", "since=2012-02-01", "-a", "until=2012-02-29")
    assert result.returncode == 0, result.log
    assert [r for r in site.requests if r.startswith("/sitemap_article.xml")] == [
        "/sitemap_article.xml?date_start=20120201&date_end=20120229"]
    assert "/export/rss2/archive/index.xml" not in site.requests
    assert_records_match(result.records, expected_records("lavrov-arms-syria"))
    # the removed article listed in the sitemap: logged, the crawl goes on
    assert "arctic-shipping-season-planning-talks-1012378901.html: HTTP 404; skipped" in result.log


def test_backfill_entries_are_filtered_by_date_before_fetching(sputnik_site, tmp_path):
    site = sputnik_site("sputnikglobe.com")
    result = run_crawl("sputnik", tmp_path / "early.jsonl", "-a", f"base_url={site.url}",
                       "-a", "since=2012-02-10", "-a", "until=2012-02-20")
    # the window's only article is gone (404): every article request failed, so the run says so
    assert result.returncode == RUN_FAILED, result.log
    assert "every article request failed or was refused: HTTP 404" in result.log.strip().splitlines()[-2]
    assert result.records == []
    assert not any("lavrov" in r for r in site.requests)
    assert any("arctic-shipping" in r for r in site.requests)  # dated 2012-02-15: inside


def test_same_article_under_two_urls_is_exported_once(sputnik_site, tmp_path):
    folder = tmp_path / "site"
    shutil.copytree(SPUTNIK, folder)
    routes = json.loads((folder / "routes.json").read_text(encoding="utf-8"))
    copy = "/20120204/lavrov-copy-1012345679.html"
    routes["routes"].append({**next(r for r in routes["routes"] if r["file"] == "lavrov-arms-syria.html"),
                             "request": copy, "url": "https://sputnikglobe.com" + copy})
    (folder / "routes.json").write_text(json.dumps(routes), encoding="utf-8")
    rss = (folder / "rss.xml").read_text(encoding="utf-8")
    item = rss[rss.index("<item>", rss.index("Lavrov") - 400):rss.index("</item>", rss.index("Lavrov")) + 7]
    (folder / "rss.xml").write_text(rss.replace(item, item + item.replace(
        "/20120204/lavrov-defends-russian-arms-supplies-to-syria-1012345678.html", copy)), encoding="utf-8")
    site = sputnik_site("sputnikglobe.com", folder)
    result = run_crawl("sputnik", tmp_path / "out.jsonl", "-a", f"base_url={site.url}")
    assert copy in site.requests
    assert len(result.records) == 2
    assert result.stats["newscrawl/dedup/duplicate_canonical_url"] == 1


def test_unknown_edition_is_a_clear_error(tmp_path):
    result = run_crawl("sputnik", tmp_path / "x.jsonl", "-a", "edition=xx")
    assert result.returncode != 0
    assert "unknown edition 'xx'; known editions: en (sputnikglobe.com), es (sputniknews.lat)" in result.log


@pytest.mark.parametrize("argument", ["since=yesterday", "until=2024-13-01"])
def test_bad_date_argument_is_a_clear_error(tmp_path, argument):
    result = run_crawl("sputnik", tmp_path / "x.jsonl", "-a", argument)
    assert result.returncode != 0
    assert "expected a date as YYYY-MM-DD" in result.log
