"""Headline choice: the title most of the page's sources agree on.

Sources: the page's ``<h1>`` (the one matching a declared title), JSON-LD ``headline``,
``og:title``, ``twitter:title`` and ``<title>``.  Declared titles often carry the site name
("... - Site", "Site | ...") or a date; a title that is another source plus such a suffix is
reduced to that source.  Ties go to ``og:title``: it is the title written for readers, where
the JSON-LD headline is sometimes the SEO variant.
"""
from __future__ import annotations

import html
import re
from collections import Counter

from newscrawl.extract.generic.body import block_text
from newscrawl.extract.generic.boilerplate import HIDDEN_CLASSES, class_words
from newscrawl.extract.generic.vocabulary import KICKER_CLASS_WORDS
from newscrawl.extract.text import comparison_key, normalize_space

#: Characters that join a title and a site name ("Title - Site", "Title | Site").
TITLE_SEPARATORS = "-|–—:·•ㅣ/»：｜"

#: Source order for ties.
SOURCE_PRIORITY = ("og", "twitter", "jsonld", "h1")


def clean_title(text: str | None) -> str:
    """Unescape leftover entities and normalise spaces.

    >>> clean_title("Türkiye&#039;de  orman")
    "Türkiye'de orman"
    """
    return normalize_space(html.unescape(text or ""))


def strip_site_name(title: str, site_name: str | None) -> str:
    """Remove the site name and its separator from either end of a declared title.

    >>> strip_site_name("Lavrov at Munich - Sputnik International", "Sputnik International")
    'Lavrov at Munich'
    >>> strip_site_name("WELT | BIP: Die Grafiken", "WELT")
    'BIP: Die Grafiken'
    >>> strip_site_name("A - B", None)
    'A - B'
    """
    name = normalize_space(site_name)
    if not name or len(title) <= len(name) + 3:
        return title
    folded, folded_name = title.casefold(), name.casefold()
    if folded.endswith(folded_name):
        rest = title[: -len(name)].rstrip()
        if rest and rest[-1] in TITLE_SEPARATORS:
            return rest.rstrip(TITLE_SEPARATORS + " ")
    if folded.startswith(folded_name):
        rest = title[len(name):].lstrip()
        if rest and rest[0] in TITLE_SEPARATORS:
            return rest.lstrip(TITLE_SEPARATORS + " ")
    return title


def strip_known_suffix(title: str, others) -> str:
    """``title`` reduced to another source's title when it is that title plus a separated suffix.

    >>> strip_known_suffix("Wahl: Ende der Ära – DW – 30.01.2024", ["Wahl: Ende der Ära"])
    'Wahl: Ende der Ära'
    >>> strip_known_suffix("Wahl: Ende der Ära", ["Wahl"])
    'Wahl: Ende der Ära'
    """
    for other in others:
        if other and len(other) < len(title) and title.startswith(other):
            rest = title[len(other):]
            if rest[:1] == " " and rest.lstrip()[:1] in TITLE_SEPARATORS and len(rest.split()) <= 8:
                return other
            if rest[:1] in "|ㅣ-：｜":
                return other
    return title


#: The most words a topic label before a headline ("Neue Leipziger Schule: ...") has.
MAX_KICKER_WORDS = 8
#: The fewest words a headline left without its label has (a site name or section is no headline).
MIN_HEADLINE_WORDS = 3


def strip_kicker(title: str, others) -> str:
    """``title`` reduced to another declared title when it is that title behind a topic label
    ("Topic: Headline"), and perhaps a separated suffix as well ("Topic: Headline | Section"): SEO and
    social titles add the label, the headline proper is the same without it.

    >>> strip_kicker("Neue Leipziger Schule: Judy Lybke, eigenartig", ["Judy Lybke, eigenartig"])
    'Judy Lybke, eigenartig'
    >>> strip_kicker("Infant Cases In India: Newborns left in bins | Bhopal News", ["Newborns left in bins"])
    'Newborns left in bins'
    >>> strip_kicker("Die Grafiken: ein Jahr danach", ["ein Jahr"])
    'Die Grafiken: ein Jahr danach'
    >>> strip_kicker("Politik: Example", ["Example"])
    'Politik: Example'
    """
    for other in others:
        if not other or len(other) >= len(title) or len(other.split()) < MIN_HEADLINE_WORDS:
            continue
        at = title.find(other)
        if at <= 0:
            continue
        kicker, rest = title[:at], title[at + len(other):]
        if not kicker.endswith(": ") or len(kicker.split()) > MAX_KICKER_WORDS:
            continue
        if not rest or (rest[:1] == " " and rest.lstrip()[:1] in TITLE_SEPARATORS and len(rest.split()) <= 8):
            return other
    return title


#: Class words of a topic label set inside the headline element ("<span class=kicker>").
KICKER_CLASS = re.compile(r"(?:^|[-_ ])(?:" + "|".join(KICKER_CLASS_WORDS) + r")(?:$|[-_ ]|\d)")


def _is_hidden(element, words: str) -> bool:
    attrib = element.attrib
    return ("hidden" in attrib or attrib.get("aria-hidden") == "true" or "offscreen" in words
            or bool(HIDDEN_CLASSES.intersection(words.split())))


def headline_part(element) -> str | None:
    """The text of a headline element without the topic label it marks up inside itself (and without
    hidden separators); ``None`` when it marks up no label.

    >>> from lxml import html as lxml_html
    >>> headline_part(lxml_html.fromstring('<h1><span class="article-title__overline">Nahost</span>'
    ...     '<span class="h-offscreen" aria-hidden="true"> - </span><span>Die Lage</span></h1>'))
    'Die Lage'
    >>> headline_part(lxml_html.fromstring('<h1><span>Nahost</span> <span>Die Lage</span></h1>')) is None
    True
    """
    parts: list[str] = []
    labelled = False

    def visit(node):
        nonlocal labelled
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and child.tag not in ("script", "style", "template"):
                words = class_words(child)
                if KICKER_CLASS.search(words):
                    labelled = True
                elif not _is_hidden(child, words):
                    visit(child)
            if child.tail:
                parts.append(child.tail)

    visit(element)
    text = clean_title("".join(parts))
    return text if labelled and text else None


def shown_over_seo(candidates: dict) -> str | None:
    """The h1 when ``og:title`` and the JSON-LD headline disagree, ``<title>`` (the SEO title) repeats
    one of them and the page's h1 shows the other: the headline the page shows, not its SEO variant.

    >>> shown_over_seo({"og": "SEO words", "title": "SEO words", "jsonld": "The headline", "h1": "The headline"})
    'The headline'
    >>> shown_over_seo({"og": "SEO words", "title": "SEO words", "jsonld": "The headline"}) is None
    True
    """
    og, jsonld, title, h1 = (candidates.get(key, "").casefold() for key in ("og", "jsonld", "title", "h1"))
    if not (og and jsonld and title and h1) or og == jsonld:
        return None
    if (title == og and h1 == jsonld) or (title == jsonld and h1 == og):
        return candidates["h1"]
    return None


def choose_headline(h1_texts: list[str], jsonld: str | None, og: str | None, twitter: str | None,
                    title: str | None, site_name: str | None, h1_parts: list | None = None) -> str | None:
    """The headline most sources agree on (see the module docstring).

    >>> choose_headline(["Big news"], "Big news", "Big news - Site", None, "Big news | Site", "Site")
    'Big news'
    >>> choose_headline(["Rubrik", "Big news"], None, "Big news", None, None, None)
    'Big news'

    ``h1_parts`` are the h1s' texts without a topic label they mark up (``headline_part``): when no
    whole h1 is a declared title but such a part is one, or is one behind another label
    ("Label: Part"), the part is the headline.
    >>> choose_headline(["Nahost - Die Lage am Morgen"], None, "Krieg: Die Lage am Morgen",
    ...                 "Krieg: Die Lage am Morgen", None, None, ["Die Lage am Morgen"])
    'Die Lage am Morgen'
    """
    declared = {key: strip_site_name(clean_title(value), site_name)
                for key, value in (("og", og), ("twitter", twitter), ("jsonld", jsonld), ("title", title))
                if clean_title(value)}
    h1s = [clean_title(h) for h in h1_texts[:5] if clean_title(h)]
    keys = {value.casefold() for value in declared.values()}
    h1 = next((h for h in h1s if h.casefold() in keys), None)
    if h1 is None:  # a declared title is the h1 plus a suffix ("Headline - Site")
        h1 = next((h for h in h1s if any(v.startswith(h) for v in declared.values())), None)
    anchors = []
    if h1 is None:  # the h1 marks up a label the declared titles lack or replace
        parts = [clean_title(p) for p in (h1_parts or [])[:5] if p and clean_title(p)]
        h1 = next((p for p in parts if any(v.casefold() == p.casefold() or strip_kicker(v, [p]) == p
                                           for v in declared.values())), None)
        anchors = [h1] if h1 else []
    if h1 is None:
        h1 = h1s[0] if h1s else None
    candidates = dict(declared)
    if h1:
        candidates["h1"] = h1
    values = list(candidates.values())
    candidates = {key: strip_known_suffix(value, values) for key, value in candidates.items()}
    # A page's h1 may show the topic label apart (a kicker line above it): only declared titles
    # lose theirs to another declared title.
    declared_values = [value for key, value in candidates.items() if key != "h1"] + anchors
    candidates = {key: value if key == "h1" else strip_kicker(value, declared_values)
                  for key, value in candidates.items()}
    shown = shown_over_seo(candidates)
    if shown:
        return shown
    votes = Counter(value.casefold() for key, value in candidates.items() if key != "title")
    ranked = [key for key in SOURCE_PRIORITY if key in candidates]
    if not ranked:
        return candidates.get("title")
    best = max(ranked, key=lambda key: (votes[candidates[key].casefold()], -ranked.index(key)))
    return candidates[best]


def page_headline(found, selector, meta):
    """(headline, the h1 element showing it or ``None``) of a walked page (``body.walk_page``)."""
    h1_texts = [block_text(h1)[0] for h1 in found.h1s]
    h1_parts = [headline_part(h1) for h1 in found.h1s]
    headline = choose_headline(h1_texts, meta.article_value("headline"), meta.meta("og:title"),
                               meta.meta("twitter:title"), selector.xpath("//title/text()").get(),
                               meta.meta("og:site_name"), h1_parts)
    key = comparison_key(headline)
    element = next((h1 for h1, text, part in zip(found.h1s, h1_texts, h1_parts, strict=True)
                    if key == comparison_key(text) or (part and key == comparison_key(part))), None)
    if element is None and found.h1s:
        element = found.h1s[0]
    return headline, element
