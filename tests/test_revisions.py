"""The pieces of an incremental run, without the engine: listing dates, date comparison, run lock."""
from __future__ import annotations

import pytest
from scrapy.http import TextResponse, XmlResponse

from newscrawl.crawl.listings import listing_dates
from newscrawl.extract.dates import is_newer
from newscrawl.ops.lock import RunLock
from tests.conftest import SPUTNIK

OBSERVATORY = "https://sputnikglobe.com/20120305/siberian-observatory-opens-solar-telescope-to-students-1012398765.html"


def fixture_response(name: str, cls=XmlResponse):
    return cls(url=f"https://sputnikglobe.com/{name}", body=(SPUTNIK / name).read_bytes())


@pytest.mark.parametrize(("name", "expected"), [
    ("sitemap_article_20120301_20120331.xml", "2012-03-05T14:45:00+00:00"),  # lastmod
    ("rss.xml", "2012-03-05T09:10:00Z"),  # pubDate, as UTC
])
def test_listing_dates_of_sitemaps_and_feeds(name, expected):
    assert listing_dates(fixture_response(name))[OBSERVATORY] == expected


def test_other_pages_list_nothing():
    assert listing_dates(fixture_response("lavrov-arms-syria.html", TextResponse)) == {}
    assert listing_dates(fixture_response("sitemap_article_index.xml")) == {}  # an index lists sitemaps


@pytest.mark.parametrize(("candidate", "stored", "newer"), [
    ("2012-03-06T08:00:00Z", "2012-03-05T14:45:00Z", True),
    ("2012-03-05T14:45:00+00:00", "2012-03-05T14:45:00Z", False),  # same moment, other spelling
    ("2012-03-05T16:45:00+02:00", "2012-03-05T14:45:00Z", False),
    ("2012-03-05T09:10:00Z", "2012-03-05T14:45:00Z", False),  # RSS pubDate older than the update
    (None, "2012-03-05T14:45:00Z", False),  # an unknown date is never newer
    ("2012-03-05T14:45:00Z", None, True),  # a date where there was none
])
def test_is_newer(candidate, stored, newer):
    assert is_newer(candidate, stored) is newer


def test_run_lock_is_exclusive_and_says_who_holds_it(tmp_path):
    first, second = RunLock(tmp_path / "x.lock"), RunLock(tmp_path / "x.lock")
    assert first.acquire()
    assert not second.acquire()
    assert second.holder().startswith("pid ")
    first.release()
    assert second.acquire()
    second.release()
