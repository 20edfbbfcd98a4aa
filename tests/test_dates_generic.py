"""Published and modified dates of the generic parser (``newscrawl.extract.generic.dates``): the
order of the sources, the URL check, the fallbacks, and modified kept apart from published."""
from __future__ import annotations

import json

import pytest
from lxml import html as lxml_html

from newscrawl.extract.dates import parse_datetime
from newscrawl.extract.generic.dates import (
    agreed_with_url,
    dateline_date,
    is_other_date,
    latest_published,
    library_date,
    original_url,
    page_text_date,
    url_date,
)
from newscrawl.extract.generic.parser import GenericParser
from newscrawl.extract.generic.rules import switched_off


def page(head: str = "", body: str = "") -> str:
    return f"<html><head><title>T</title>{head}</head><body>{body}</body></html>"


def jsonld(**fields) -> str:
    return f'<script type="application/ld+json">{json.dumps({"@type": "NewsArticle", **fields})}</script>'


ARTICLE = "<article><h1>A headline long enough</h1><p>" + "Some article text here. " * 20 + "</p></article>"


def published(html: str, url: str = "https://example.org/news/story") -> tuple:
    article = GenericParser().parse(html, url)
    return article.published_at, article.modified_at


@pytest.mark.parametrize("moment, url, expected", [
    # A UTC time just after midnight: the URL names the publisher's own (previous) day.
    ("2020-02-25T02:25:54Z", "https://x.com/2020/02/24/story/", "2020-02-24T00:00:00"),
    # A naive declared date years away from the URL's: a re-import date.
    ("2009-04-11T18:06:36", "https://x.de/2019/10/22/story/", "2019-10-22T00:00:00"),
    # A local time a day off, within the tolerance: the page's own offset is trusted.
    ("2020-02-19T18:37:32+01:00", "https://x.com/2020/02/18/story.html", "2020-02-19T18:37:32+01:00"),
    # A local time more than a month off: the URL wins.
    ("2019-06-17T18:28:00+02:00", "https://x.de/home/2017/7/12/montauk", "2017-07-12T00:00:00"),
    # Same day, or no date in the URL: unchanged.
    ("2020-02-24T10:00:00Z", "https://x.com/2020/02/24/story", "2020-02-24T10:00:00Z"),
    ("2020-02-25T02:25:54Z", "https://x.com/news/story-1234", "2020-02-25T02:25:54Z"),
    (None, "https://x.com/2020/02/24/story", None),
])
def test_agreed_with_url(moment, url, expected):
    assert agreed_with_url(moment, url) == expected


@pytest.mark.parametrize("url, day", [
    ("https://example.org/2019/10/31/a-story/", "2019-10-31"),
    ("https://example.org/2020-01-13-title", "2020-01-13"),
    ("https://web.archive.org/web/20160218174457/http://x.de/2010/05/19/a/", "2010-05-19"),
    ("https://example.org/2019/02/30/x", None),
    ("https://example.org/artikel/20190101.html", None),
])
def test_url_date(url, day):
    found = url_date(url)
    assert (found.isoformat() if found else None) == day


def test_original_url_of_wayback_capture():
    assert original_url("https://web.archive.org/web/2012id_/https://x.it/a") == "https://x.it/a"
    assert original_url(None) is None


@pytest.mark.parametrize("values, chosen", [
    (["2022-01-04T07:29:00.000Z", "2022-01-06T08:29:34"], "2022-01-06T08:29:34"),
    (["2021-12-06 14:36", "2022-12-15T09:13:00", "2021-12-06 14:36"], "2022-12-15T09:13:00"),
    (["2024-04-25T19:30:04+02:00", "2024-04-26"], "2024-04-25T19:30:04+02:00"),  # a bare day loses
    (["2025-06-30T15:59:30+02:00", "2025-06-30T15:59:00+00:00"], "2025-06-30T15:59:30+02:00"),  # same day
    ([None, "2020-01-01T10:00:00Z"], "2020-01-01T10:00:00Z"),
    (["soon", None], None),
])
def test_latest_published(values, chosen):
    assert latest_published(values) == chosen


@pytest.mark.parametrize("markup, other", [
    ('<div class="comment-list"><p><span class="date">x</span></p></div>', True),
    ('<div id="comments"><span class="date">x</span></div>', True),
    ('<a class="teaser__link"><em class="teaser__subline-pubdate">x</em></a>', True),
    ('<header class="article-head"><span class="date">x</span></header>', False),
    ('<div class="commentary"><span class="date">x</span></div>', False),  # a word, not a token
])
def test_is_other_date(markup, other):
    element = next(lxml_html.fromstring(f"<div>{markup}</div>").iter("span", "em"))
    assert is_other_date(element) is other


@pytest.mark.parametrize("body, moment", [
    ("<p>Politik 14. Februar 2012</p><h1>Title</h1><p>Text without a date.</p>", "2012-02-14T00:00:00"),
    ("<nav>Menu</nav><h1>Title</h1><p>Pressemitteilung vom 25. Januar 2022 | Berlin</p>", "2022-01-25T00:00:00"),
    ("<h1>Title</h1><div><p>Text.</p></div><p>Mise en ligne 23 mai 2019</p>", "2019-05-23T00:00:00"),
    ("<h1>Title</h1><script>var d = '01.02.2020';</script><p>No date.</p>", None),
])
def test_dateline_date(body, moment):
    root = lxml_html.fromstring(f"<html><body><div>{body}</div></body></html>")
    assert dateline_date(root.find(".//h1")) == moment


def test_page_text_date_reads_text_not_scripts():
    root = lxml_html.fromstring("<html><body><script>x = '3.4.2020'</script><div><p>Hello</p>"
                                "<footer>Stand: 28.09.2019</footer></div></body></html>")
    assert page_text_date(root) == "2019-09-28T00:00:00"


def test_library_date_never_downloads_and_survives_junk():
    assert library_date("https://example.org/2020/01/01/story", None) is None
    assert library_date("", "https://example.org/") is None
    assert library_date("<html><body><p>Posted 2021-03-04</p></body></html>", None) == "2021-03-04T00:00:00"


def test_declared_published_and_modified_stay_apart():
    html = page(jsonld(headline="H", datePublished="2024-05-03T10:15:00+02:00",
                       dateModified="2024-05-04T08:00:00+02:00"), ARTICLE)
    assert published(html) == ("2024-05-03T10:15:00+02:00", "2024-05-04T08:00:00+02:00")


def test_modified_only_page_is_not_given_its_modified_date_by_the_parser():
    """A page declaring only a modification date: published comes from htmldate (which may read the
    same date as a last resort), never from the declared modified value directly."""
    html = page('<meta property="article:modified_time" content="2024-05-04T08:00:00+02:00">',
                ARTICLE + "<p>Veröffentlicht am 2. Mai 2024</p>")
    with switched_off("dates.library_date"):
        moment, modified = published(html)
    assert modified == "2024-05-04T08:00:00+02:00"
    assert moment == "2024-05-02T00:00:00"


def test_order_declared_then_visible_then_library():
    visible = '<article><h1>A headline long enough</h1><span class="date">1. Mai 2024</span><p>Text</p></article>'
    declared = page('<meta property="article:published_time" content="2024-05-01T09:00:00Z">', visible)
    assert published(declared)[0] == "2024-05-01T09:00:00Z"
    assert published(page("", visible))[0] == "2024-05-01T00:00:00"
    undated = page("", ARTICLE)
    assert published(undated, "https://example.org/2019/10/31/story/")[0] == "2019-10-31T00:00:00"
    with switched_off("dates.library_date"):
        assert published(undated, "https://example.org/2019/10/31/story/")[0] is None


def test_declared_dates_disagreeing_take_the_latest_timed_one():
    html = page(jsonld(headline="H", datePublished="2023-11-03T10:25:56+00:00")
                + '<meta property="article:published_time" content="2023-11-06T14:25:00+00:00">', ARTICLE)
    assert published(html)[0] == "2023-11-06T14:25:00Z"
    with switched_off("dates.latest_published"):
        assert published(html)[0] == "2023-11-03T10:25:56Z"


@pytest.mark.parametrize("text, moment", [
    ("01-11-2023 10:29", "2023-11-01T10:29:00"),  # dashes, year last: day first
    ("6.1.2026", "2026-01-06T00:00:00"),
    ("11/01/2023", "2023-11-01T00:00:00"),  # slashes: the US month-first form
    ("2023-01-11T10:29:00", "2023-01-11T10:29:00"),
])
def test_parse_datetime_day_first_forms(text, moment):
    assert parse_datetime(text).isoformat() == moment


def test_utc_value_takes_the_local_offset_the_page_writes_elsewhere():
    html = page('<meta property="article:published_time" content="2022-05-04T03:37:37+00:00">',
                ARTICLE.replace("</h1>", '</h1><time datetime="2022-05-03T23:37:37-04:00">May 3</time>'))
    assert published(html)[0] == "2022-05-03T23:37:37-04:00"
    with switched_off("dates.with_local_offset"):
        assert published(html)[0] == "2022-05-04T03:37:37Z"


def test_library_bare_day_takes_the_time_printed_on_that_day():
    """htmldate reads the day from the URL; the page prints the time beside the headline."""
    body = "<article><h1>A headline long enough</h1><p>Do 25.04.24 | 14:07 Uhr</p><p>Text.</p></article>"
    url = "https://example.org/2024/04/25/story/"
    assert published(page("", body), url)[0] == "2024-04-25T14:07:00"
    with switched_off("dates.with_printed_time"):
        assert published(page("", body), url)[0] == "2024-04-25T00:00:00"
    # A time printed on another day is another event's: the bare day stays.
    other = body.replace("25.04.24", "26.04.24")
    assert published(page("", other), url)[0] == "2024-04-25T00:00:00"


def test_printed_date_at_the_headline_over_a_declared_date_on_another_day():
    """A printed date and the dateline agree on a day the markup does not declare: the printed one;
    not when the printed day is the declared modification day."""
    body = ('<article><h1>A headline long enough</h1><span class="date">29.04.2020, 12:01 Uhr</span>'
            '<p>Text.</p></article>')
    declared = '<meta property="article:published_time" content="2020-04-30">'
    assert published(page(declared, body))[0] == "2020-04-29T12:01:00"
    with switched_off("dates.printed_over_declared", "dates.dateline_over_bare_day"):
        assert published(page(declared, body))[0] == "2020-04-30T00:00:00"
    updated = declared + '<meta property="article:modified_time" content="2020-04-29T12:01:00+02:00">'
    assert published(page(updated, body))[0] == "2020-04-30T00:00:00"


def test_dateline_over_a_declared_bare_day():
    """A declared day without a time of day gives way to the dateline on another day; a timed one,
    or a dateline on the declared modification day, does not."""
    body = ('<article><h1>A headline long enough</h1><div class="meta">05.02.2020 - Redaktion</div>'
            '<p>' + 'Some article text here. ' * 20 + '</p></article>')
    bare = '<meta name="date" content="2020-02-12">'
    assert published(page(bare, body))[0] == "2020-02-05T00:00:00"
    with switched_off("dates.dateline_over_bare_day"):
        assert published(page(bare, body))[0] == "2020-02-12T00:00:00"
    timed = '<meta property="article:published_time" content="2020-02-12T09:30:00+01:00">'
    assert published(page(timed, body))[0] == "2020-02-12T09:30:00+01:00"
    updated = bare + '<meta property="article:modified_time" content="2020-02-05T10:00:00+01:00">'
    assert published(page(updated, body))[0] == "2020-02-12T00:00:00"


def test_utc_publication_time_on_the_clock_the_page_prints():
    """A declared UTC time the page prints on its local clock (a slashed day-first date on a
    Portuguese page) takes that offset and so the local day; without the rule it stays UTC."""
    body = ('<article><h1>A headline long enough</h1><ul class="date"><li>03/05/2022 21:44</li></ul>'
            '<p>' + 'Some article text here. ' * 20 + '</p></article>')
    declared = '<meta property="article:published_time" content="2022-05-04T00:44:52Z">'
    html = page(declared, body).replace("<html>", '<html lang="pt-BR">')
    assert published(html)[0] == "2022-05-03T21:44:52-03:00"
    with switched_off("dates.printed_over_declared"):
        assert published(html)[0] == "2022-05-03T21:44:52-03:00"
        other_moment = html.replace("21:44", "21:40")
        assert published(other_moment)[0] == "2022-05-04T00:44:52Z"
        with switched_off("dates.with_printed_offset"):
            assert published(html)[0] == "2022-05-04T00:44:52Z"
