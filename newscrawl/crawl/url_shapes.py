"""URL shapes: what a URL says before it is fetched.

Named patterns tell article pages from the other pages of a news site (the ``news`` spider
fetches only links shaped like articles; each pattern has a name, shown in stats and tests, and
a table test); the publication date many sites put in article URLs; and the one cleaned form of
a listed URL (no tracking parameters or session ids), so one article is one request, and the
refusal of a listed link that is no fetchable URL (``UnfetchableURLError``), so one bad entry costs one
entry.
"""
from __future__ import annotations

import re
from datetime import date
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from w3lib.url import safe_url_string, url_query_cleaner

URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|[^/\d]*-?\d*\.html?$)")
#: Query parameters that say who sent the reader or which session it is, never which article
#: (lower-case; a name ending in ``*`` is a prefix).  Listing URLs lose them before dedup.
TRACKING_PARAMETERS = (
    "utm_*",  # Google Analytics campaign tags (utm_source, utm_medium, ...)
    "fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "twclid",  # ad-network click ids
    "mc_cid", "mc_eid",  # Mailchimp campaign and recipient
    "_ga", "_gl",  # Google cross-domain linker
    "ocid", "cmpid", "at_medium", "at_campaign", "ns_*",  # publishers' own campaign tags (MSN, BBC, Sky)
    "jsessionid", "phpsessid", "aspsessionid*", "sessionid", "session_id", "sessid", "sid",  # session ids
    "cfid", "cftoken",  # ColdFusion session
)
#: ``;jsessionid=...`` path parameters (Java servlets put the session in the path).
SESSION_PATH_PARAMETER = re.compile(r";(jsessionid|phpsessid|sessionid|sid)=[^/?#]*", re.I)
#: Schemes a listed link may have: anything else (javascript:, mailto:, data:, file:) is no page.
FETCHABLE_SCHEMES = ("http", "https")
#: Longest listed URL fetched (Scrapy's ``URLLENGTH_LIMIT`` default, Internet Explorer's old limit).
MAX_URL_LENGTH = 2083

# Paths of pages that list articles or describe the site, not articles.
NON_ARTICLE_PATTERNS = {
    "listing": re.compile(r"/(tags?|topics?|themen|category|categories|kategorie|section|sections|rubri[ck]\w*|"
                          r"dossiers?|archives?|archiv|search|suche|recherche|buscar|page|seite)(/|$)", re.I),
    "author": re.compile(r"/(authors?|autor(en|es)?|auteurs?|journalists?|people|profiles?|staff|team|by)(/|$)",
                         re.I),
    "service": re.compile(r"/(about|impressum|imprint|contact|kontakt|privacy|datenschutz|terms|agb|"
                          r"newsletters?|subscribe|abo|login|register|account|jobs|karriere|careers|help|faq|"
                          r"cookies?|advertis\w*|werbung)(/|\.html?$|$)", re.I),
    "feed": re.compile(r"(/feeds?/?$|/rss|\.rss$|\.xml$|/atom/?$)", re.I),
    "media": re.compile(r"/(videos?|galler(y|ies)|photos?|fotos?|bilder|podcasts?|live-?tv|audio)(/|$)", re.I),
    "file": re.compile(r"\.(jpe?g|png|gif|webp|svg|pdf|mp[34]|zip|css|js|ico)$", re.I),
}
# What article URLs usually carry: a date, a numeric or opaque id, or a long slug.
ARTICLE_PATTERNS = {
    "dated_path": re.compile(r"/(19|20)\d{2}[/-]?(0[1-9]|1[0-2])([/-]?(0[1-9]|[12]\d|3[01]))?[/-]"),
    "numeric_id": re.compile(r"[/\-_.!][a-z]?\d{5,}[a-z]?(?=[/\-_.]|$)", re.I),
    "opaque_id": re.compile(r"[/.](?=[a-z0-9]*\d)(?=[a-z0-9]*[a-z])[a-z0-9]{7,}(\.html?)?/?$", re.I),
    "long_slug": re.compile(r"/[^/]*\w+-\w+-\w+-\w+[^/]*", re.I),
}
# A date or an id in the path outweighs a listing word ("/archives/2024/10/16/2003825372").
STRONG_ARTICLE_PATTERNS = {"dated_path", "numeric_id"}


def non_article_pattern(url: str) -> str | None:
    """The name of the first non-article pattern the URL's path matches, else ``None``."""
    path = urlsplit(url).path
    for name, pattern in NON_ARTICLE_PATTERNS.items():
        if pattern.search(path):
            return name
    return None


def article_pattern(url: str) -> str | None:
    """The name of the first article pattern the URL's path matches, else ``None``."""
    path = urlsplit(url).path
    for name, pattern in ARTICLE_PATTERNS.items():
        if pattern.search(path):
            return name
    return None


def looks_like_article(url: str) -> bool:
    """True for URLs shaped like article pages and not like listings, author pages or services.

    >>> looks_like_article("https://example.com/2024/05/03/council-approves-budget/")
    True
    >>> looks_like_article("https://example.com/tag/politics/")
    False
    """
    path = urlsplit(url).path
    if path in ("", "/"):
        return False
    article, non_article = article_pattern(url), non_article_pattern(url)
    if non_article == "listing" and article in STRONG_ARTICLE_PATTERNS:
        return True
    return non_article is None and article is not None


def url_date(url: str) -> date | None:
    """The publication date many news sites put in their article URLs.

    >>> url_date("https://sputnikglobe.com/20120204/lavrov-1012345678.html")
    datetime.date(2012, 2, 4)
    >>> url_date("https://example.com/2024/05/03/story/"), url_date("https://example.com/about/")
    (datetime.date(2024, 5, 3), None)
    """
    match = URL_DATE.search(url)
    if not match:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None


class UnfetchableURLError(ValueError):
    """A listed link that is no fetchable web URL; ``reason`` names why (``scheme``, ``malformed``,
    ``too_long``), for the stats."""

    def __init__(self, url: str, reason: str, detail: str):
        super().__init__(f"{url[:120]!r}{'...' if len(url) > 120 else ''}: {detail}")
        self.reason = reason


def is_tracking_parameter(name: str) -> bool:
    name = name.lower()
    return any(name.startswith(p[:-1]) if p.endswith("*") else name == p for p in TRACKING_PARAMETERS)


def clean_url(url: str, max_length: int = MAX_URL_LENGTH) -> str:
    """The one canonical form of a listed URL (feed, sitemap, robots.txt or home-page link), so one
    article is one request: scheme and host lower-cased, no fragment, no tracking parameters or
    session ids (query or ``;jsessionid=`` path parameter), percent-encoding made safe; the order of
    the other parameters is kept (servers may care).  ``UnfetchableURLError`` for anything not an
    absolute http(s) URL of at most ``max_length`` characters.

    >>> clean_url("https://Example.com/a-b-c-d;jsessionid=0AF3?utm_source=rss&id=3&sid=9f#top")
    'https://example.com/a-b-c-d?id=3'
    >>> try:
    ...     clean_url("javascript:alert(1)")
    ... except UnfetchableURLError as error:
    ...     print(error.reason, error)
    scheme 'javascript:alert(1)': scheme 'javascript' is not http or https
    """
    url = url.strip()
    if len(url) > max_length:
        raise UnfetchableURLError(url, "too_long", f"{len(url)} characters, more than {max_length}")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises on a bad port)
    except ValueError as error:
        raise UnfetchableURLError(url, "malformed", str(error)) from None
    if parts.scheme.lower() not in FETCHABLE_SCHEMES:
        raise UnfetchableURLError(url, "scheme", f"scheme {parts.scheme!r} is not http or https")
    if not parts.hostname:
        raise UnfetchableURLError(url, "malformed", "no host")
    path = SESSION_PATH_PARAMETER.sub("", parts.path)
    url = safe_url_string(urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, "")))
    tracking = {name for name, _ in parse_qsl(parts.query, keep_blank_values=True) if is_tracking_parameter(name)}
    return url_query_cleaner(url, tracking, remove=True) if tracking else url
