"""URL shapes: what a URL says before it is fetched.

Named patterns tell article pages from the other pages of a news site (the ``news`` spider
fetches only links shaped like articles; each pattern has a name, shown in stats and tests, and
a table test); the publication date many sites put in article URLs; and the one cleaned form of
a listed URL (no tracking parameters), so one article is one request.
"""
from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from w3lib.url import url_query_cleaner

URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|[^/\d]*-?\d*\.html?$)")
TRACKING_PARAMETERS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "fbclid",
                       "gclid", "ocid", "ns_mchannel", "ns_source", "ns_campaign", "cmpid", "at_medium",
                       "at_campaign")

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


def clean_url(url: str) -> str:
    """Without tracking parameters and fragment, so one article is one request.

    >>> clean_url("https://example.com/a-b-c-d?utm_source=rss&id=3#top")
    'https://example.com/a-b-c-d?id=3'
    """
    return url_query_cleaner(url, TRACKING_PARAMETERS, remove=True)
