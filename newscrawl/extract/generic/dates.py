"""Published and modified dates for the generic parser.

The published date is chosen in this order, each step only when the ones before found nothing:

1. the dates the page *declares* for publication (JSON-LD ``datePublished``,
   ``article:published_time`` and its cousins, ``<time datetime>``); where they name different days
   the latest goes first (``latest_published``);
2. a date printed near the headline (``visible_date``, ``visible_dates.parse_visible_date``).
   A declared UTC time first takes the offset of the local time printed for the same moment
   (``with_printed_offset``); the printed date replaces a declared date on another day where
   the dateline agrees with it (``printed_over_declared``), and the dateline replaces a declared
   day without a time of day (``dateline_over_bare_day``); the date of step 1 or 2 is checked
   against a date in the URL (``agreed_with_url``);
3. htmldate's original-date search (``library_date``), the maintained library trafilatura uses: it
   reads the URL, the header, JSON, ``<abbr>``/``<time>`` elements and the text;
4. a date in the plain text around the headline (``dateline_date``), else anywhere in the page's
   text (``page_text_date``).

htmldate's extensive search is not used: it found the date of 3 more pages of the corpora's 1090,
but its first call loads dateparser's locales (~2 s of CPU per process) and it costs several times
the fast mode on the undated pages that reach it (web set: +35% extraction time).

Steps 3 and 4 are ``fallback_published``; a bare day from htmldate gives way to the date a paragraph
after the headline opens with (``dateline_over_library_day``) and takes the time of day the page
prints on that day (``with_printed_time``).

Published and modified stay apart: the modified date is only the declared modification date,
and a declared modification date is never taken as the published one.  Only step 3 may end on
it, when htmldate finds nothing older on a page that declares nothing else.

A declared date keeps the page's own offset (``to_iso``); a visible or htmldate date without one
stays naive.
"""
from __future__ import annotations

import logging
import re
from datetime import UTC, date, datetime, timedelta, timezone

from htmldate import find_date

from newscrawl.extract.dates import format_datetime, parse_datetime, to_iso
from newscrawl.extract.generic.boilerplate import class_words
from newscrawl.extract.generic.rules import rule
from newscrawl.extract.generic.visible_dates import parse_visible_date, slash_day_first
from newscrawl.extract.generic.vocabulary import OTHER_DATE_CLASSES
from newscrawl.extract.generic.walk import spaced_text

#: Marked date elements (``found.dates``) read for a visible date, nearest the headline first.
MAX_DATE_CANDIDATES = 10
#: Reading-order steps a date may stand before the headline and still be the article's: a dateline
#: or kicker printed just above the headline ("02. November 2021" / headline).
MAX_DATE_LEAD = 3
#: Characters of a marked date element's text: a longer one is a container (a blog's day section
#: holding the whole post), whose first date is any date its text mentions.
MAX_DATE_TEXT_CHARS = 100
#: Ancestors searched for a comment or teaser class around a date element.
MAX_DATE_ANCESTORS = 8
#: Characters of text read before and after the headline for a dateline ("Pressemitteilung vom
#: 25. Januar 2022", "Hamburg, 2. November 2021"): a kicker line above it, the first paragraphs below.
DATELINE_BEFORE_CHARS = 100
DATELINE_AFTER_CHARS = 1500
#: Characters at the start of a paragraph that hold a dateline: a place, the date and its dash.
DATELINE_OPENING_CHARS = 40
#: Days a declared date may stray from the date in its URL and still be taken: a URL date is set
#: once, at publication; a declared date a month or more away is a re-import or template date.
URL_DATE_TOLERANCE_DAYS = 30
#: The largest offset from UTC a publisher's clock has (UTC-12 to UTC+14): a printed time further
#: from the declared UTC time is another moment, not the same one on a local clock.
MAX_UTC_OFFSET = timedelta(hours=14)
#: UTC offsets are whole or half hours (India +05:30, Newfoundland -03:30; Nepal's +05:45 is left
#: out): a printed time off by another amount is another moment.
OFFSET_STEP = timedelta(minutes=30)
#: Two declared values this close are the same moment (one may drop the seconds).
SAME_MOMENT = timedelta(minutes=1)
#: The latest date htmldate may return (its default is "today", which would make extraction
#: depend on the clock); late enough for any page it will read.
LATEST_DATE = "2099-12-31"
#: htmldate's output: to the second, with the offset when the page gives one.
LIBRARY_FORMAT = "%Y-%m-%dT%H:%M:%S%z"

# Keys of <meta> that declare the publication date, in order of trust.
PUBLISHED_META = ("article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
                  "publish-date", "dc.date.issued", "dc.date", "date", "sailthru.date", "parsely-pub-date")
MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "last-modified")

# A Wayback Machine capture's address: the archived page's own URL follows the capture time.
_WAYBACK = re.compile(r"^https?://web\.archive\.org/web/\d+[a-z_]*/(?=https?:)")
# Elements whose text is no page text.
_NOT_TEXT = frozenset({"script", "style", "noscript", "template"})
# A date in a URL path: /2019/10/31/, /2017/7/12/, /2020-01-13-title.
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?=/|$|[-_.])")
# The dash that closes a dateline ("29.11.2022 – Text", "Berlin, 3. Mai 2022 - Text").
_DATELINE_DASH = re.compile(r"\d\s*\)?\s*[–—-]\s")
# A UTC value: "...Z", "...+00:00".
_UTC = re.compile(r"(?:Z|[+-]00:?00)$", re.IGNORECASE)
# A time of day in a date value ("T10:25", " 14:36").
_TIME_OF_DAY = re.compile(r"\d:\d\d")
# A local (non-UTC) offset ending an ISO value: "+02:00", "-0500"; a UTC or naive value has none.
_LOCAL_OFFSET = re.compile(r"[+-](?!00:?00)\d{2}:?\d{2}$")

logging.getLogger("htmldate").setLevel(logging.WARNING)


def declared_published(selector, meta) -> list:
    """The page's declared publication dates, most trusted first (the loader takes the first
    readable one); where the publication dates disagree the latest goes first (``latest_published``)."""
    article, header = meta.article_value("datePublished"), meta.meta(*PUBLISHED_META)
    # A page typed otherwise (ClaimReview, WebPage, ...) still dates itself.
    other = next((n["datePublished"] for n in meta.jsonld if isinstance(n.get("datePublished"), str)), None)
    values = [article, header, meta.article_value("dateCreated"), other, selector.xpath("//time/@datetime").get()]
    return [with_local_offset(latest_published([article, header, other]), values)] + values


@rule(off=lambda value, others: value)
def with_local_offset(value, others: list):
    """A UTC value as the page writes the same moment elsewhere with its local offset (a
    ``<time datetime>`` or another tag): the offset is the page's own, and its calendar day is the
    publisher's ("23:37 -04:00" on the 3rd is "03:37 Z" on the 4th).

    >>> with_local_offset("2022-05-04T03:37:37+00:00", [None, "2022-05-03T23:37:37-04:00"])
    '2022-05-03T23:37:37-04:00'
    >>> with_local_offset("2022-05-04T03:37:37Z", ["2022-05-04T09:00:00+02:00"])
    '2022-05-04T03:37:37Z'
    >>> with_local_offset("2022-05-04T05:37:37+02:00", ["2022-05-04T03:37:37Z"])
    '2022-05-04T05:37:37+02:00'
    """
    if not isinstance(value, str) or not _UTC.search(value.strip()):
        return value
    moment = parse_datetime(value)
    if moment is None or moment.tzinfo is None:
        return value
    for other in others:
        if isinstance(other, str) and _LOCAL_OFFSET.search(other.strip()):
            local = parse_datetime(other)
            if local is not None and local.tzinfo is not None and abs(local - moment) < SAME_MOMENT:
                return other
    return value


@rule(off=lambda values: next((v for v in values if parse_datetime(v)), None))
def latest_published(values: list):
    """Of the publication dates a page declares in several places (JSON-LD, ``<meta>``), the
    latest that has a time of day: a page that was re-published or moved keeps its first date in
    one place and states the current one in another; a bare day loses to a timed value
    (it is the same date, shortened).  The first readable value when all name the same day (a
    CMS may write the same local time once with its offset and once as UTC).

    >>> latest_published(["2023-11-03T10:25:56+00:00", "2023-11-06T14:25:00+00:00"])
    '2023-11-06T14:25:00+00:00'
    >>> latest_published(["2024-04-25T19:30:04+02:00", "2024-04-26"])
    '2024-04-25T19:30:04+02:00'
    >>> latest_published(["2022-05-05T21:00:00-05:00", "2022-05-06T02:00:00Z"])
    '2022-05-05T21:00:00-05:00'
    >>> latest_published(["2026-07-08T03:00:07.152Z", "2026-07-08T05:00:07"])
    '2026-07-08T03:00:07.152Z'
    >>> latest_published([]) is None
    True
    """
    readable = [(value, moment) for value in values if (moment := parse_datetime(value)) is not None]
    if len({moment.date() for _, moment in readable}) < 2:
        return readable[0][0] if readable else None  # same day as written: the most trusted value
    timed = [(value, moment) for value, moment in readable if _has_time(value)] or readable
    best, best_moment = timed[0]
    for value, moment in timed[1:]:
        if _instant(moment) > _instant(best_moment):
            best, best_moment = value, moment
    return best


def _has_time(value) -> bool:
    """Whether a declared value gives a time of day (a Unix timestamp does)."""
    return not isinstance(value, str) or value.strip().isdigit() or bool(_TIME_OF_DAY.search(value))


def _instant(moment: datetime) -> datetime:
    """An aware datetime (naive ones read as UTC), for comparing dates from different sources."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def declared_modified(selector, meta) -> list:
    """The page's declared modification dates, most trusted first."""
    return [meta.article_value("dateModified"), meta.meta(*MODIFIED_META)]


def url_date(url: str | None) -> date | None:
    """The day a URL's path names (``/2019/10/31/``), or ``None``.

    >>> url_date("https://example.org/2017/7/12/unter-uns")
    datetime.date(2017, 7, 12)
    >>> url_date("https://example.org/news/2019/13/45/x") is None
    True
    >>> url_date("https://example.org/artikel/1136087.html") is None
    True
    """
    match = _URL_DATE.search(original_url(url) or "")
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


@rule(off=lambda moment, url: moment)
def agreed_with_url(moment: str | None, url: str | None) -> str | None:
    """The declared date, or the URL's day where the two disagree and the URL is the better witness.

    A URL's date is the publisher's own calendar day at publication.  It wins over a declared
    date on another day when that date is more than ``URL_DATE_TOLERANCE_DAYS`` away (a
    re-import or template date), or when the declared date carries no local offset (UTC or
    none): a UTC time late in the evening or early in the morning falls on the neighbouring day.

    >>> agreed_with_url("2020-02-25T02:25:54Z", "https://x.com/2020/02/24/a-story/")
    '2020-02-24T00:00:00'
    >>> agreed_with_url("2019-06-17T18:28:00+02:00", "https://x.de/home/2017/7/12/montauk")
    '2017-07-12T00:00:00'
    >>> agreed_with_url("2020-02-19T18:37:32+01:00", "https://x.com/2020/02/18/story.html")
    '2020-02-19T18:37:32+01:00'
    >>> agreed_with_url("2020-02-24T10:00:00Z", "https://x.com/2020/02/24/story")
    '2020-02-24T10:00:00Z'
    """
    day = url_date(url)
    declared = parse_datetime(moment) if moment else None
    if day is None or declared is None or declared.date() == day:
        return moment
    far = abs((declared.date() - day).days) > URL_DATE_TOLERANCE_DAYS
    if far or not _LOCAL_OFFSET.search(moment):
        return day.isoformat() + "T00:00:00"
    return moment


def original_url(url: str | None) -> str | None:
    """The archived page's URL for a Wayback Machine capture (whose own date is the capture's, not
    the page's), else the URL itself.

    >>> original_url("https://web.archive.org/web/20160218174457/http://x.de/2010/05/a/")
    'http://x.de/2010/05/a/'
    >>> original_url("https://x.de/a")
    'https://x.de/a'
    """
    return _WAYBACK.sub("", url) if url else url


@rule(off=lambda element: False)
def is_other_date(element) -> bool:
    """Whether a marked date element belongs to a comment or another article's teaser (its own or
    an ancestor's class says so): the date of a reply or of a related story, not this article's.

    >>> from lxml import html
    >>> page = html.fromstring('<div><ol class="comment-list"><li><span class="date">1.2.2020</span></li>'
    ...                        '</ol><span class="date">3.1.2020</span></div>')
    >>> [is_other_date(e) for e in page.iter("span")]
    [True, False]
    """
    node = element
    for _ in range(MAX_DATE_ANCESTORS):
        if node is None:
            break
        if any(word in OTHER_DATE_CLASSES for word in re.split(r"[-_ ]", class_words(node))):
            return True
        node = node.getparent()
    return False


@rule(off=lambda found, headline_element, position: None)
def visible_date(found, headline_element, position) -> str | None:
    """The date printed nearest the headline: just above it (a dateline, ``MAX_DATE_LEAD``) or
    after it, else the first on the page (no machine-readable date on the page).

    ``position(element, found)`` is the element's place in reading order (``None`` outside it).
    """
    first = found.order.get(headline_element, 0) if headline_element is not None else 0
    ordered = sorted(found.dates, key=lambda e: position(e, found) or 0)
    near = [e for e in ordered if (position(e, found) or 0) >= first - MAX_DATE_LEAD] + ordered
    day_first = slash_day_first(near[0]) if near else None
    for element in near[:MAX_DATE_CANDIDATES]:
        text = spaced_text(element)
        if len(text) > MAX_DATE_TEXT_CHARS or is_other_date(element):
            continue
        moment = parse_visible_date(text, day_first)
        if moment:
            return moment
    return None


def _on_modified_day(day: date, modified: list) -> bool:
    """Whether ``day`` is a declared modification day (a printed date there is the "updated" line)."""
    return any((moment := parse_datetime(value)) is not None and moment.date() == day for value in modified)


@rule(off=lambda declared, printed, headline_element, modified: declared)
def printed_over_declared(declared: str, printed: str | None, headline_element, modified: list) -> str:
    """The date printed at the headline where it and the dateline agree on another day than the
    declared one: a template or import date in the markup, or a UTC value the page prints on its
    local day.  Not when the printed day is the declared modification day (the "updated" line),
    nor when a bare printed day stands one day from a timed declared value (a print edition's day).

    >>> from lxml import html
    >>> page = html.fromstring("<div><h1>Title</h1><p>29.04.2020, 12:01 Uhr</p></div>")
    >>> printed_over_declared("2020-04-30", "2020-04-29T12:01:00", page.find("h1"), [])
    '2020-04-29T12:01:00'
    >>> printed_over_declared("2020-04-30", "2020-04-29T12:01:00", page.find("h1"), ["2020-04-29T12:01:00Z"])
    '2020-04-30'
    """
    declared_moment, printed_moment = parse_datetime(declared), parse_datetime(printed) if printed else None
    if declared_moment is None or printed_moment is None or declared_moment.date() == printed_moment.date():
        return declared
    if _on_modified_day(printed_moment.date(), modified):
        return declared
    if printed.endswith("T00:00:00") and _has_time(declared) \
            and abs((printed_moment.date() - declared_moment.date()).days) <= 1:
        return declared
    dateline = dateline_date(headline_element)
    return printed if dateline and dateline[:10] == printed[:10] else declared


@rule(off=lambda declared, headline_element, modified: declared)
def dateline_over_bare_day(declared: str, headline_element, modified: list) -> str:
    """The date in the dateline around the headline over a declared day without a time of day on
    another day: a bare ``<meta name="date">`` (or a bare year) is often the day the page was
    generated or moved, while the dateline is the day the text gives itself ("Hamburg, 5. Februar
    2020").  Not when the dateline's day is the declared modification day (an "updated" line).

    >>> from lxml import html
    >>> page = html.fromstring("<div><h1>Title</h1><p>05.02.2020 - Redaktion</p></div>")
    >>> dateline_over_bare_day("2020-02-12T00:00:00", page.find("h1"), [])
    '2020-02-05T00:00:00'
    >>> dateline_over_bare_day("2020-02-12T09:30:00+01:00", page.find("h1"), [])
    '2020-02-12T09:30:00+01:00'
    >>> dateline_over_bare_day("2020-02-12T00:00:00", page.find("h1"), ["2020-02-05"])
    '2020-02-12T00:00:00'
    """
    if not declared.endswith("T00:00:00"):
        return declared
    dateline = dateline_date(headline_element)
    if not dateline or dateline[:10] == declared[:10]:
        return declared
    if _on_modified_day(date.fromisoformat(dateline[:10]), modified):
        return declared
    return dateline


@rule(off=lambda declared, printed, headline_element: declared)
def with_printed_offset(declared: str, printed: str | None, headline_element) -> str:
    """A UTC publication time in the local time the page prints for the same moment: where the
    printed time of day (the marked date element's, else the dateline's) differs from the declared
    UTC time by a whole offset (whole or half hours, at most ``MAX_UTC_OFFSET``), the page shows its own
    clock, and the calendar day is the publisher's ("21:44" on the 3rd in Brazil is "00:44 Z" on the 4th).

    >>> from lxml import html
    >>> page = html.fromstring('<html lang="pt-BR"><h1>Title</h1><p>Brasília 03/05/2022 21:44</p></html>')
    >>> with_printed_offset("2022-05-04T00:44:52Z", "2022-05-03T21:44:00", page.find(".//h1"))
    '2022-05-03T21:44:52-03:00'
    >>> with_printed_offset("2022-05-04T00:44:52Z", None, page.find(".//h1"))
    '2022-05-03T21:44:52-03:00'
    >>> with_printed_offset("2022-05-04T00:44:52Z", "2022-05-04T00:44:00", None)
    '2022-05-04T00:44:52Z'
    >>> with_printed_offset("2022-05-04T00:44:52+02:00", "2022-05-03T21:44:00", None)
    '2022-05-04T00:44:52+02:00'
    """
    if not _UTC.search(declared.strip()):
        return declared
    moment = parse_datetime(declared)
    if moment is None or moment.tzinfo is None:
        return declared
    utc = moment.astimezone(UTC).replace(tzinfo=None, second=0, microsecond=0)

    def printed_times():
        yield printed
        yield dateline_date(headline_element)  # read only when the printed time gives no offset

    for candidate in printed_times():
        local = parse_datetime(candidate) if candidate and not candidate.endswith("T00:00:00") else None
        if local is None or local.tzinfo is not None:
            continue
        offset = local - utc
        if timedelta(0) < abs(offset) <= MAX_UTC_OFFSET and offset % OFFSET_STEP == timedelta(0):
            return format_datetime(moment.astimezone(timezone(offset)))
    return declared


def fallback_published(html: str | None, url: str | None, headline_element, root) -> str | None:
    """The published date of a page that neither declares nor marks one: htmldate's (with the time
    the page prints, ``with_printed_time``), else a dateline's, else the first in the page's text.

    >>> from lxml import html as lxml_html
    >>> markup = "<html><body><h1>Title</h1><p>Posted 2021-03-04 by admin.</p></body></html>"
    >>> page = lxml_html.fromstring(markup)
    >>> fallback_published(markup, None, page.find(".//h1"), page)
    '2021-03-04T00:00:00'
    """
    moment = library_date(html, url)
    if moment:
        moment = dateline_over_library_day(moment, url, headline_element)
        return with_printed_time(moment, headline_element, root)
    return dateline_date(headline_element) or page_text_date(root)


@rule(off=lambda moment, url, headline_element: moment)
def dateline_over_library_day(moment: str, url: str | None, headline_element) -> str:
    """The day a paragraph after the headline opens with (``opening_dateline``) over htmldate's bare
    day on another day, unless the URL names htmldate's day: on a page that declares and marks no
    date, htmldate's fast search takes the first date-like element it meets, often a comment's or a
    sidebar item's ("comment-date", a news list), while the date a paragraph at the headline opens
    with ("29.11.2022 – Mehrfach hatte ...") is the one the article gives itself.

    >>> from lxml import html
    >>> page = html.fromstring("<div><h1>Title</h1><p>29.11.2022 – Mehrfach hatte die Branche gewarnt.</p></div>")
    >>> dateline_over_library_day("2022-12-02T00:00:00", "https://x.eu/a", page.find("h1"))
    '2022-11-29T00:00:00'
    >>> dateline_over_library_day("2022-12-02T00:00:00", "https://x.eu/2022/12/02/a", page.find("h1"))
    '2022-12-02T00:00:00'
    >>> dateline_over_library_day("2022-12-02T10:00:00+01:00", "https://x.eu/a", page.find("h1"))
    '2022-12-02T10:00:00+01:00'
    """
    if not moment.endswith("T00:00:00"):
        return moment
    day = url_date(url)
    if day is not None and day.isoformat() == moment[:10]:
        return moment
    dateline = opening_dateline(headline_element)
    return dateline if dateline and dateline[:10] != moment[:10] else moment


def opening_dateline(headline_element) -> str | None:
    """The date a paragraph after the headline opens with ("29.11.2022 – Mehrfach ...", "Berlin,
    3. Mai 2022 - ..."): a press dateline, unlike a date the text mentions in passing.  Only a text
    longer than ``DATELINE_OPENING_CHARS`` (a paragraph, not a date label) whose opening holds a
    digit and a dash.

    >>> from lxml import html
    >>> page = html.fromstring("<div><h1>T</h1><p>Die am 28.01.2022 in Kraft getretene Verordnung.</p>"
    ...                        "<p>Berlin, 29.11.2022 – Mehrfach hatte die Branche gewarnt.</p></div>")
    >>> opening_dateline(page.find("h1"))
    '2022-11-29T00:00:00'
    """
    if headline_element is None:
        return None
    day_first = slash_day_first(headline_element)
    for text in _texts_after(headline_element, DATELINE_AFTER_CHARS):
        opening = text.strip()
        if len(opening) > DATELINE_OPENING_CHARS and _DATELINE_DASH.search(opening[:DATELINE_OPENING_CHARS]):
            moment = parse_visible_date(opening[:DATELINE_OPENING_CHARS], day_first)
            if moment:
                return moment
    return None


@rule(off=lambda moment, headline_element, root: moment)
def with_printed_time(moment: str, headline_element, root) -> str:
    """htmldate's bare day (midnight, no offset) with the time of day the page prints for the same day
    in its dateline or, else, its first dated text ("Do 25.04.24 | 14:07 Uhr"): htmldate reads the
    date from the URL or a meta tag and drops the time a broadcaster or forum prints next to it.

    >>> from lxml import html
    >>> page = html.fromstring("<div><h1>Title</h1><p>Stand: 25.04.2024, 14:07 Uhr</p></div>")
    >>> with_printed_time("2024-04-25T00:00:00", page.find("h1"), page)
    '2024-04-25T14:07:00'
    >>> with_printed_time("2024-04-26T00:00:00", page.find("h1"), page)
    '2024-04-26T00:00:00'
    """
    if not moment.endswith("T00:00:00"):
        return moment
    for printed in (dateline_date(headline_element), page_text_date(root)):
        if printed and printed[:10] == moment[:10] and not printed.endswith("T00:00:00"):
            return printed
    return moment


def _texts_after(element, limit: int):
    """The page's text nodes after ``element`` (not inside it), in reading order, up to ``limit`` characters."""
    size, node = 0, element
    while node is not None and size < limit:
        if node is not element and node.tail and node.tail.strip():
            yield node.tail
            size += len(node.tail)
        for sibling in node.itersiblings():
            if isinstance(sibling.tag, str) and sibling.tag not in _NOT_TEXT:
                for text in sibling.itertext():
                    if text.strip():
                        yield text
                        size += len(text)
                        if size >= limit:
                            return
            if sibling.tail and sibling.tail.strip():
                yield sibling.tail
                size += len(sibling.tail)
        node = node.getparent()


def _texts_before(element, limit: int):
    """The page's text nodes before ``element``, nearest first, up to ``limit`` characters."""
    size, node = 0, element
    while node is not None and size < limit:
        for sibling in node.itersiblings(preceding=True):
            if sibling.tail and sibling.tail.strip():
                yield sibling.tail
                size += len(sibling.tail)
            if isinstance(sibling.tag, str) and sibling.tag not in _NOT_TEXT:
                for text in reversed(list(sibling.itertext())):
                    if text.strip():
                        yield text
                        size += len(text)
                        if size >= limit:
                            return
        node = node.getparent()
        if node is not None and node.text and node.text.strip():
            yield node.text
            size += len(node.text)


@rule(off=lambda headline_element: None)
def dateline_date(headline_element) -> str | None:
    """A date in the plain text around the headline, for a page that marks none: a kicker line just
    above it ("Politik 14. Februar 2012"), else the first date in the text below it (a dateline,
    "Pressemitteilung vom 25. Januar 2022", "Hamburg, 2. November 2021").

    >>> from lxml import html
    >>> page = html.fromstring("<div><p>Menu</p><h1>Title</h1><p>Hamburg, 2. November 2021 – Text.</p>"
    ...                        "<p>On 3 May 2022 more.</p></div>")
    >>> dateline_date(page.find("h1"))
    '2021-11-02T00:00:00'
    >>> dateline_date(None) is None
    True
    """
    if headline_element is None:
        return None
    day_first = slash_day_first(headline_element)
    for texts in (_texts_before(headline_element, DATELINE_BEFORE_CHARS),
                  _texts_after(headline_element, DATELINE_AFTER_CHARS)):
        for text in texts:
            moment = parse_visible_date(text, day_first)
            if moment:
                return moment
    return None


@rule(off=lambda root: None)
def page_text_date(root) -> str | None:
    """The first date in the page's text, the last resort for a page that declares, marks and
    prints none near its headline (a press release or forum post dated in a side box or footer line).

    >>> from lxml import html
    >>> page_text_date(html.fromstring("<div><script>var d = '1.2.2020';</script><p>Posted</p>"
    ...                                "<aside>Stand: 28.09.2019</aside></div>"))
    '2019-09-28T00:00:00'
    >>> page_text_date(None) is None
    True
    """
    if root is None:
        return None
    day_first = slash_day_first(root)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag not in _NOT_TEXT and element.text \
                and (moment := parse_visible_date(element.text, day_first)):
            return moment
        if element.tail and (moment := parse_visible_date(element.tail, day_first)):
            return moment
    return None


@rule(off=lambda html, url: None)
def library_date(html: str | None, url: str | None) -> str | None:
    """htmldate's original (published) date of the page, for a page that neither declares nor
    marks one; to the second with its offset when htmldate finds a time.

    htmldate's fast mode: URL, header, JSON, ``<abbr>``/``<time>`` and date-classed elements,
    then a bare date in the text; its extensive mode (a free-text search with dateparser) finds
    some more but costs several times as much on pages without any date.  Called on the HTML
    text, not the parsed tree: htmldate reads only ``lxml.html`` trees (and deep-copies them),
    and this step runs on few pages.

    >>> library_date('<html><body><p>Posted on 2021-03-04 by admin.</p></body></html>', None)
    '2021-03-04T00:00:00'
    >>> library_date('<html><body><p>Nothing here.</p></body></html>', "https://x.org/a") is None
    True
    """
    # A text that looks like a URL would be downloaded by htmldate: never for a page.
    if not html or not html.lstrip().startswith("<"):
        return None
    try:
        return to_iso(find_date(html, url=original_url(url), original_date=True, extensive_search=False,
                                outputformat=LIBRARY_FORMAT, max_date=LATEST_DATE))
    except Exception:  # noqa: BLE001 - a library failure must not fail the page
        return None
