"""Tags and section: the page's declared keywords (JSON-LD ``keywords``, ``article:tag``,
``<meta name=keywords>``), else the links of its tag lists, else its JSON-LD ``articleSection``.

Declared lists are cleaned of CMS tokens (ids, "Category: ..." labels, domains) and of words that
name the medium ("News"); of several lists, the one two sources agree on wins, else the fullest
unless it is a shorter list padded with site-wide keywords (``padded_list``).
"""
from __future__ import annotations

import html
import re

from newscrawl.extract.generic.rules import rule
from newscrawl.extract.generic.vocabulary import GENERIC_KEYWORDS, UI_TAG_LINKS, UI_TAG_WORDS
from newscrawl.extract.generic.walk import block_text
from newscrawl.extract.metadata import as_list
from newscrawl.extract.text import normalize_space

#: The longest tag-list link text kept as a tag: longer links are teasers ("Read: how the vote went").
MAX_TAG_CHARS = 60
#: The most words a tag-list link has to be a tag (topics are names and short phrases).
MAX_TAG_WORDS = 5
#: Share of declared keywords that must be single lower-case words of the URL for the list to be the
#: URL slug cut into words (an SEO plugin's default) rather than chosen topics.
SLUG_KEYWORD_SHARE = 0.7
#: Share of a shorter list's entries that must recur in the fullest list for the fullest to count as
#: that list padded with site-wide keywords.
PADDED_SHARE = 0.85
#: The fewest extra entries that make the fullest list "padded" (one or two extra are the section).
MIN_PADDING = 3

_NOT_TOPIC = re.compile(r"^(?:[\w ]+:\s|[0-9a-f]{8}-[0-9a-f-]{27,}$|\d+$|[\w-]+\.(?:com|de|net|org|co\.\w+)$)",
                        re.IGNORECASE)
_UI_TAG = re.compile(r"(?:^|\s)(?:" + "|".join(map(re.escape, UI_TAG_WORDS)) + r")(?:$|\s)|"
                     r"^\W*(?:" + "|".join(map(re.escape, UI_TAG_LINKS)) + r")\W*$", re.IGNORECASE)


def keyword_list(value) -> list[str]:
    """JSON-LD/meta keywords (a list, or one comma-separated string) as a list.

    >>> keyword_list("Politik, Berlin,  Wahl")
    ['Politik', 'Berlin', 'Wahl']
    >>> keyword_list(["A", "B, C"])
    ['A', 'B, C']
    """
    if isinstance(value, str):
        values = value.split(",")
    else:
        values = [v for v in as_list(value) if isinstance(v, str)]
    return [without_keyword_path(normalize_space(v)) for v in values if normalize_space(v)]


_KEYWORD_PATH = re.compile(r"^[a-z_-]+/(?=\S)")


@rule(off=lambda keyword: keyword)
def without_keyword_path(keyword: str) -> str:
    """A keyword without the CMS path a tag system writes before it ("topic/misshandel & överfall").

    >>> without_keyword_path("sections/sverige"), without_keyword_path("AC/DC")
    ('sverige', 'AC/DC')
    """
    return _KEYWORD_PATH.sub("", keyword)


def is_ui_tag(text: str) -> bool:
    """Whether a tag-list link is an interface action rather than a topic.

    >>> [is_ui_tag(t) for t in ("Zur Startseite", "Themen bearbeiten", "+ Follow", "Coronavirus", "Editorial",
    ...                         "Follow the money")]
    [True, True, True, False, False, False]
    """
    return bool(_UI_TAG.search(text))


def is_generic_keyword(keyword: str) -> bool:
    """Whether a keyword names the medium ("News", "ニュース") instead of a topic.

    >>> [is_generic_keyword(k) for k in ("News", "ニュース", "Breaking News", "Newsroom daily", "Israel")]
    [True, True, True, False, False]
    """
    return keyword.casefold().strip() in GENERIC_KEYWORDS


@rule(off=lambda lists: max(lists, key=len))
def padded_list(lists: list[list[str]]) -> list[str]:
    """The fullest keyword list, unless a shorter one holds at least half as many entries, nearly all
    of them recur in it and it adds several more: then the extra entries are site-wide padding
    ("Bhopal news, Bhopal latest news, ..." before the article's own keywords) and the shorter list
    is the article's.  One extra entry is usually the section, which the article's tags include.

    >>> padded_list([["A", "B", "C"], [], ["News 1", "News 2", "News 3", "A", "B", "C"]])
    ['A', 'B', 'C']
    >>> padded_list([["Weight Loss"], [], ["Health", "Weight Loss"]])
    ['Health', 'Weight Loss']
    >>> padded_list([["A", "B"], ["A", "B", "C", "D", "E"]])
    ['A', 'B', 'C', 'D', 'E']
    >>> padded_list([["A", "B", "C"], ["X", "Y", "Z", "W"]])
    ['X', 'Y', 'Z', 'W']
    """
    fullest = max(lists, key=len)
    keys = {k.casefold() for k in fullest}
    for candidate in sorted((lst for lst in lists if lst and len(lst) < len(fullest)), key=len, reverse=True):
        shared = sum(k.casefold() in keys for k in candidate)
        if 2 * len(candidate) >= len(fullest) and shared >= PADDED_SHARE * len(candidate) \
                and len(fullest) - shared >= MIN_PADDING:
            return candidate
    return fullest


@rule(off=lambda lists: padded_list(lists))
def agreed_list(lists: list[list[str]]) -> list[str]:
    """The keyword list two sources agree on (the same set), else ``padded_list``'s choice: a longer
    list that no other source repeats carries SEO keywords or site-wide ones.

    >>> agreed_list([["a", "b"], ["B", "a"], ["a", "b", "seo phrase", "more seo", "c"]])
    ['a', 'b']
    >>> agreed_list([["a"], [], ["a", "b", "c"]])
    ['a', 'b', 'c']
    """
    keys = [frozenset(k.casefold() for k in lst) for lst in lists]
    for i, lst in enumerate(lists):
        if lst and any(keys[i] == keys[j] for j in range(len(lists)) if j != i):
            return lst
    return padded_list(lists)


def is_topic(keyword: str) -> bool:
    """Whether a declared keyword is a topic, not a CMS-internal token (ids, "Category: ...", domains).

    >>> [is_topic(k) for k in ("Economy", "NLP Category: Business", "98be933f-38cf-4fba-b6c6-ad438e82010a",
    ...                        "100312362", "nationalpost.com", "Covid-19")]
    [True, False, False, False, False, True]
    """
    return not _NOT_TOPIC.match(keyword)


def is_url_slug(keywords: list[str], url: str) -> bool:
    """Whether keywords are just the words of the page's URL (an SEO plugin's default).

    >>> is_url_slug(["mueren", "seis", "personas"], "https://x.es/sucesos/mueren-seis-personas-incendio.html")
    True
    >>> is_url_slug(["Juanma Moreno", "Almería"], "https://x.es/sucesos/mueren-seis-personas.html")
    False
    """
    if not keywords:
        return False
    path = url.casefold()
    slug_like = [k for k in keywords if " " not in k and k.islower() and k.casefold() in path]
    return len(slug_like) >= SLUG_KEYWORD_SHARE * len(keywords)


@rule(off=lambda declared, markup, url: declared)
def over_url_slug(declared: list[str], markup: list[str], url: str) -> list[str]:
    """The page's own tag list instead of declared keywords that are the URL's words (``is_url_slug``).

    >>> over_url_slug(["mueren", "seis"], ["Sucesos", "Almería"], "https://x.es/mueren-seis.html")
    ['Sucesos', 'Almería']
    >>> over_url_slug(["Almería"], ["Sucesos"], "https://x.es/mueren-seis.html")
    ['Almería']
    """
    return markup if markup and is_url_slug(declared, url or "") else declared


def markup_tags(elements) -> list[str]:
    """Link texts of the page's tag lists (and ``rel=tag`` links), page order."""
    tags = []
    for element in elements:
        links = [element] if element.tag == "a" else list(element.iter("a"))
        for link in links:
            text, _ = block_text(link)
            if link.attrib.get("href", "").strip() in ("/", "#", ""):
                continue  # "Back to the home page", "Show more"
            if text and len(text) <= MAX_TAG_CHARS and len(text.split()) <= MAX_TAG_WORDS and not is_ui_tag(text):
                tags.append(text)
    return tags


def declared_section(meta) -> list:
    """The JSON-LD ``articleSection`` (its first entry), then ``article:section``/``section`` meta."""
    section = meta.article_value("articleSection")
    section = section[0] if isinstance(section, list) and section else section
    return [section if isinstance(section, str) else None, meta.meta("article:section", "section")]


def section_tag(meta) -> list[str]:
    """The JSON-LD ``articleSection`` as the one topic of a page that lists no keywords."""
    section = meta.article_value("articleSection")
    section = section[0] if isinstance(section, list) and section else section
    return [normalize_space(section)] if isinstance(section, str) and normalize_space(section) else []


def after_headline(elements, found, headline_element, position) -> list:
    """The elements shown at or after the headline (``position(element, found)`` gives page order)."""
    first = found.order.get(headline_element, 0) if headline_element is not None else 0
    return [e for e in elements if (position(e, found) or 0) >= first]


def page_tags(meta, found, headline_element, url, position) -> list[str]:
    """The fullest declared list (sites fill one of them and leave the others a stub; see
    ``padded_list``), else the markup, else the article's section.  The site's own name
    ("Example News", "News") is no topic."""
    site_name = (meta.meta("og:site_name") or "").casefold()

    def topics(keywords):
        keywords = [html.unescape(k) for k in keywords]
        return [t for t in keywords if is_topic(t) and not is_generic_keyword(t)
                and not (len(t) > 2 and t.casefold() in site_name)]

    declared = agreed_list([topics(keywords) for keywords in (
        keyword_list(meta.article_value("keywords")), meta.meta_all("article:tag"),
        keyword_list(meta.meta("news_keywords", "keywords")))])
    markup = markup_tags(after_headline(found.tag_lists, found, headline_element, position))
    return over_url_slug(declared, markup, url) or markup or section_tag(meta)
