"""Headline choice: the title most of the page's sources agree on.

Sources: the page's ``<h1>`` (the one matching a declared title), JSON-LD ``headline``,
``og:title``, ``twitter:title`` and ``<title>``.  Declared titles often carry the site name
("... - Site", "Site | ...") or a date; a title that is another source plus such a suffix is
reduced to that source.  A site's name is known by ``og:site_name`` or by its host, also where the
host writes its umlauts out ("Mäscot" on maescot.de: ``host_spelled_name``).  Ties go to
``og:title``: it is the title written for readers, where the JSON-LD headline is sometimes the SEO
variant.  On a page that declares no JSON-LD headline,
``og:title`` and ``<title>`` are SEO titles (often a plugin's): where they only add a topic label
to the h1 or shorten it, the h1 is the headline (``seo_topic_dropped``, ``fuller_h1_shown``); where
``og:title`` carries the site's name (an SEO plugin's copy of ``<title>``) and gives another title of
the page than the h1, the h1 is the headline too (``h1_over_seo_titles``).
A declared title of one word names a section or service, not the article an h1 of a few words shows
(``one_word_titles_dropped``).
A page without an h1 (or with only a logo's) may set its title as an ``<h2>``: the first h2 that
shows a declared title takes the h1's place (``h2_heading``).
"""
from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from itertools import islice
from urllib.parse import urlsplit

from newscrawl.extract.generic.boilerplate import HIDDEN_CLASSES, class_words
from newscrawl.extract.generic.rules import rule
from newscrawl.extract.generic.vocabulary import KICKER_CLASS_WORDS, TITLE_CRUMBS
from newscrawl.extract.generic.walk import block_text
from newscrawl.extract.text import comparison_key, lower_words, normalize_space

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


@rule(off=lambda title, site_name: title)
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


@rule(off=lambda title, others: title)
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


#: A separator between the parts of a declared title: a separator character with spaces around it
#: ("Title | Site", "Site - Title", "Site » Blog » Title"), or a colon after a word ("BDZV: Title").
_TITLE_SEGMENT = re.compile(r"\s+(?:[|\-–—›»·•/:]{1,2}|::)\s+|(?<=\w):\s+")
#: The most words a site's name in a title has ("Bundeskanzleramt Österreich", "brand eins online").
MAX_SITE_NAME_WORDS = 4
#: The shortest host label taken for a site's name ("bmas" in bmas.de); shorter ones are too common.
MIN_HOST_LABEL_CHARS = 4
#: The fewest words a title keeps after its site name is cut off.
MIN_REST_WORDS = 2
_ARCHIVED = re.compile(r"^https?://web\.archive\.org/web/[^/]*/", re.IGNORECASE)
_NOT_ALNUM = re.compile(r"\W+")


def host_labels(url: str | None) -> list[str]:
    """The names in a page's host that may stand for its site (not ``www``, the top-level domain or
    short labels such as ``gv``); the archived page's host for a Wayback Machine capture.

    >>> host_labels("https://www.bundeskanzleramt.gv.at/x"), host_labels("http://archiv.krimiblog.de/?p=1")
    (['bundeskanzleramt'], ['archiv', 'krimiblog'])
    >>> host_labels("https://web.archive.org/web/2008/http://www.dimido.de/a")
    ['dimido']
    """
    url = _ARCHIVED.sub("", url or "")
    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    labels = host.split(".")[:-1]
    return [_NOT_ALNUM.sub("", label) for label in labels
            if label != "www" and len(_NOT_ALNUM.sub("", label)) >= MIN_HOST_LABEL_CHARS]


#: How an ASCII host writes the German letters of a name (most sites kept the host they registered
#: before internationalised domain names): "Mäscot" is maescot.de, "Ökologisch Bauen" oekologisch-bauen.info.
_HOST_LETTERS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


@rule(off=lambda compact, labels: False)
def host_spelled_name(compact: str, labels: list[str]) -> bool:
    """Whether a name (case-folded, letters and digits only) starts with a host label once written as
    an ASCII host spells it: German umlauts and ß written out, other accents dropped.

    >>> host_spelled_name("mäscotdasschafwebcomic", ["maescot"]), host_spelled_name("lépicerie", ["lepicerie"])
    (True, True)
    >>> host_spelled_name("mäscot", ["mascotte"])
    False
    """
    written_out = unicodedata.normalize("NFKD", compact.translate(_HOST_LETTERS))
    ascii_name = "".join(c for c in written_out if not unicodedata.combining(c))
    return ascii_name != compact and any(ascii_name.startswith(label) for label in labels)


def is_host_name(text: str, labels: list[str]) -> bool:
    """Whether a short text names the site by its host ("Chefkoch" on chefkoch.de, "brand eins online"
    on brandeins.de, "evang.at"): compared in letters and digits only, it starts with a whole host label
    ("Skibergsteigen" is no name of bergsteigen.com).

    >>> is_host_name("brand eins online", ["brandeins"]), is_host_name("BMAS", ["bmas"])
    (True, True)
    >>> is_host_name("Unser wahres Ich", ["brandeins"]), is_host_name("Bahn", ["deutschebahn"])
    (False, False)
    """
    if not labels or not text or len(text.split()) > MAX_SITE_NAME_WORDS:
        return False
    compact = _NOT_ALNUM.sub("", text.casefold())
    if len(compact) < MIN_HOST_LABEL_CHARS:
        return False
    return any(compact.startswith(label) for label in labels) or host_spelled_name(compact, labels)


@rule(off=lambda title, labels: title)
def strip_host_name(title: str, labels: list[str]) -> str:
    """A declared title without a first or last part that is the site's name as its host spells it
    ("Mandarinen-Schmand-Kuchen | Chefkoch" on chefkoch.de, "BMAS - Änderung ..." on bmas.de).

    >>> strip_host_name("Rutger Bregman: Unser wahres Ich - brand eins online", ["brandeins"])
    'Rutger Bregman: Unser wahres Ich'
    >>> strip_host_name("BMAS - Änderung der Anforderungen", ["bmas"])
    'Änderung der Anforderungen'
    >>> strip_host_name("Chefkoch", ["chefkoch"])
    'Chefkoch'
    >>> strip_host_name("Das Musikvideo der Welt :  Krimiblog-Archiv | Gegründet 2005 | 6. Jahrgang", ["krimiblog"])
    'Das Musikvideo der Welt'
    """
    separators = list(_TITLE_SEGMENT.finditer(title))
    if not separators:
        return title
    last, first = separators[-1], separators[0]
    if is_host_name(title[last.end():], labels) and len(title[:last.start()].split()) >= MIN_REST_WORDS:
        title = title[:last.start()].strip()
    separators = list(_TITLE_SEGMENT.finditer(title))
    if separators:
        first = separators[0]
        if is_host_name(title[:first.start()], labels) and len(title[first.end():].split()) >= MIN_REST_WORDS:
            return title[first.end():].strip()
    # "Headline : Site | Motto | Founded 2005": the site's name inside; the headline before it
    for before, after in zip(separators, separators[1:], strict=False):
        if is_host_name(title[before.end():after.start()], labels) \
                and len(title[:before.start()].split()) >= MIN_REST_WORDS:
            return title[:before.start()].strip()
    return title


#: A separator left at either end of a declared title once a site's name is cut off ("» Jens Weber"
#: from "site.de //  » Jens Weber", "Title -"): followed (or preceded) by a space, so a quote such as
#: "»frag.jetzt«" stays.
_DANGLING_SEPARATOR = re.compile(r"^[|\-–—›»·•/:]+\s+|\s+[|\-–—›»·•/:]+$")


@rule(off=lambda title: title)
def dangling_separator_dropped(title: str) -> str:
    """A declared title without a separator left dangling at its start or end.

    >>> dangling_separator_dropped("» Jens Weber"), dangling_separator_dropped("National Rail Enquiries -")
    ('Jens Weber', 'National Rail Enquiries')
    >>> dangling_separator_dropped("»frag.jetzt«")
    '»frag.jetzt«'
    """
    return _DANGLING_SEPARATOR.sub("", title) or title


@rule(off=lambda title: title)
def after_title_crumb(title: str) -> str:
    """The part of a declared title after a filing crumb (``TITLE_CRUMBS``): "Site » Blog Archive » Post".

    >>> after_title_crumb("Four Years Remaining  » Blog Archive   » Interning of Small Integers")
    'Interning of Small Integers'
    >>> after_title_crumb("Blog Archive of a family")
    'Blog Archive of a family'
    """
    separators = list(_TITLE_SEGMENT.finditer(title))
    for before, after in zip(separators, separators[1:], strict=False):
        if title[before.end():after.start()].strip().casefold() in TITLE_CRUMBS:
            rest = title[after.end():].strip()
            return rest or title
    return title


#: Letters of Chinese, Japanese and Korean, whose titles join a site's or section's name with an
#: unspaced hyphen ("...英雄的城！-新华网", "... 부담 커졌다-정치").
_CJK = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff"
#: The most letters such a name has ("新华网", "정치"): a longer tail is a part of the headline.
MAX_CJK_SUFFIX_CHARS = 6
_CJK_SUFFIX = re.compile(rf"(?<=[^\s-])-[{_CJK}]{{1,{MAX_CJK_SUFFIX_CHARS}}}$")
_CJK_LETTER = re.compile(f"[{_CJK}]")


@rule(off=lambda title: title)
def cjk_suffix_dropped(title: str) -> str:
    """A Chinese, Japanese or Korean title without the short name its last unspaced hyphen joins on.

    >>> cjk_suffix_dropped("武汉的声音：有英勇的你，才有英雄的城！-新华网")
    '武汉的声音：有英勇的你，才有英雄的城！'
    >>> cjk_suffix_dropped("Rot-Grün"), cjk_suffix_dropped("北京-上海")
    ('Rot-Grün', '北京-上海')
    >>> cjk_suffix_dropped("北京-上海高速铁路的建设和运营")
    '北京-上海高速铁路的建设和运营'
    """
    match = _CJK_SUFFIX.search(title)
    if match and match.start() > MAX_CJK_SUFFIX_CHARS and _CJK_LETTER.search(title[:match.start()]):
        return title[:match.start()].rstrip()
    return title


def is_site_heading(text: str, site_name: str | None, labels: list[str]) -> bool:
    """Whether an h1 shows the site's name (a logo set as h1), not an article's title.

    >>> is_site_heading("Disfunctions.de", None, ["disfunctions"]), is_site_heading("Blog", "Blog", [])
    (True, True)
    >>> is_site_heading("Podcasts in Plex einbinden", "Disfunctions", ["disfunctions"])
    False
    """
    return bool(site_name) and text.casefold() == normalize_space(site_name).casefold() or is_host_name(text, labels)


@rule(off=lambda h1s, site_name, labels: h1s)
def site_headings_dropped(h1s: list[str], site_name: str | None, labels: list[str]) -> list[str]:
    """The page's h1 texts without those that show the site's name (``is_site_heading``).

    >>> site_headings_dropped(["DimidoBlog", "Was ist Virales Marketing?"], None, ["dimido"])
    ['Was ist Virales Marketing?']
    """
    return [h for h in h1s if not is_site_heading(h, site_name, labels)]

#: The fewest words a title found inside a longer one has for the longer one to count as it plus
#: decoration (a single word inside a title is a topic, not the headline).
MIN_CONTAINED_WORDS = 2


@rule(off=lambda title, others, labels=(): title)
def shortest_inside(title: str, others, labels=()) -> str:
    """``title`` reduced to the shortest other title written inside it (at word boundaries): the longer
    one is the same headline with a label, a site name or an SEO phrase added ("Receita de Sequilho com
    Chocolate Amargo" around "Sequilho com Chocolate Amargo").  Not to another title that is the
    site's name.

    >>> shortest_inside("Receita de Sequilho com Chocolate Amargo", ["Sequilho com Chocolate Amargo", "Chocolate"])
    'Sequilho com Chocolate Amargo'
    >>> shortest_inside("Nationaler Veteranentag: Orden fürs Morden", ["Orden fürs Morden"])
    'Nationaler Veteranentag: Orden fürs Morden'
    >>> shortest_inside("Chelsea win at Cobham in battling win over Spurs", ["Chelsea win at Cobham"])
    'Chelsea win at Cobham'
    >>> shortest_inside("Echte Demokratie Jetzt! Occupy Blog", ["Echte Demokratie Jetzt!"], ["echtedemokratiejetzt"])
    'Echte Demokratie Jetzt! Occupy Blog'
    """
    best = title
    folded = title.casefold()
    for other in others:
        if not other or len(other) >= len(best) or len(other.split()) < MIN_CONTAINED_WORDS \
                or is_host_name(other, list(labels)):
            continue
        at = folded.find(other.casefold())
        end = at + len(other)
        if at < 0 or (at > 0 and folded[at - 1].isalnum()) or (end < len(folded) and folded[end].isalnum()):
            continue
        if title[:at].endswith(": ") and end == len(title):
            continue  # "Topic: Headline": news pages show the topic label apart, above the h1

        best = other
    return best


#: How many of a page's ``<h2>`` headings are read when it has no ``<h1>`` (the title's heading comes
#: first, after at most a few navigation headings).
MAX_H2_HEADINGS = 8


@rule(off=lambda h2s, declared: None)
def h2_heading(h2s: list[str], declared) -> str | None:
    """On a page without an ``<h1>`` (or only a logo's), the ``<h2>`` that shows a declared title: the
    same title, or the title without a separated suffix ("Der Genossenschaftsverband Bayern im
    Porträt | Genossenschaftsverband Bayern (GVB)" over the h2 "Der Genossenschaftsverband ...").
    Older templates set the post's title as h2 under a site-name header; it then takes the h1's
    place among the sources.  Of at least ``MIN_CONTAINED_WORDS`` words (a one-word h2 is a section).

    >>> h2_heading(["Hauptnavigation", "Villa Galaxy"], ["Villa Galaxy - Ferienvilla in Florida"])
    'Villa Galaxy'
    >>> h2_heading(["Menue", "Aktuelles"], ["Aktuelles - Mein Verein"]) is None
    True
    >>> h2_heading(["Neue Kommentare"], ["Neue Kommentare zu Rezepten"]) is None
    True
    """
    keys = {vote_key(title) for title in declared}
    for h2 in h2s[:MAX_H2_HEADINGS]:
        if len(h2.split()) < MIN_CONTAINED_WORDS:
            continue
        if vote_key(h2) in keys or any(strip_known_suffix(title, [h2]) == h2 for title in declared):
            return h2
    return None


def _inside(text: str, title: str) -> bool:
    """Whether ``text`` is written in ``title`` at word boundaries (case aside)."""
    folded = title.casefold()
    at = folded.find(text.casefold())
    end = at + len(text)
    return at >= 0 and not (at > 0 and folded[at - 1].isalnum()) and not (end < len(folded) and folded[end].isalnum())


@rule(off=lambda h1s, titles: None)
def longest_inside(h1s: list[str], titles: list[str]) -> str | None:
    """The longest h1 that a declared title holds among other parts ("Zoll online - Fachmeldungen -
    Verkündung des ...": the article's h1, not the section's), of at least ``MIN_CONTAINED_WORDS`` words.

    >>> longest_inside(["Zoll", "Fachmeldungen", "Verkündung des Gesetzes"],
    ...                ["Zoll online - Fachmeldungen - Verkündung des Gesetzes"])
    'Verkündung des Gesetzes'
    >>> longest_inside(["Quicklinks"], ["Synchronschwimmen - Aktuelles"]) is None
    True
    """
    inside = [h for h in h1s if len(h.split()) >= MIN_CONTAINED_WORDS and any(_inside(h, t) for t in titles)]
    return max(inside, key=len) if inside else None


#: Dashes and bars that set a topic label apart from the headline after it ("Minderheit in Syrien - ...").
LABEL_DASHES = "-–—|"


@rule(off=lambda h1, part: h1)
def dashed_label_dropped(h1: str, part: str) -> str:
    """An h1 without the topic label it marks up (``headline_part``) when a dash or bar sets the label
    apart ("Corona-Pandemie - „Es kommt darauf an“"); a label joined by a colon is part of the
    headline ("Akkutechnik: Hat Quantumscape ...").

    >>> dashed_label_dropped("Minderheit in Syrien - Drusen fordern Teilhabe", "Drusen fordern Teilhabe")
    'Drusen fordern Teilhabe'
    >>> dashed_label_dropped("Akkutechnik: Hat Quantumscape genug Akkus", "Hat Quantumscape genug Akkus")
    'Akkutechnik: Hat Quantumscape genug Akkus'
    """
    if not h1.endswith(part) or h1 == part:
        return h1
    label = h1[: -len(part)].rstrip()
    return part if label[-1:] in LABEL_DASHES and label[:-1].strip() else h1

#: The most words a topic label before a headline ("Neue Leipziger Schule: ...") has.
MAX_KICKER_WORDS = 8
#: The fewest words a headline left without its label has (a site name or section is no headline).
MIN_HEADLINE_WORDS = 3


@rule(off=lambda title, others: title)
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


#: Elements whose text readers do not see as part of a headline: ruby readings (Japanese furigana
#: over kanji) and code.
_UNSHOWN_TAGS = ("script", "style", "template", "rt", "rp")


@rule(off=lambda element: None)
def headline_part(element) -> str | None:
    """The text of a headline element without the topic label it marks up inside itself and without
    text hidden from readers (screen-reader labels such as "Headline:", hidden separators, ruby
    readings); ``None`` when it has neither.

    >>> from lxml import html as lxml_html
    >>> headline_part(lxml_html.fromstring('<h1><span class="article-title__overline">Nahost</span>'
    ...     '<span class="h-offscreen" aria-hidden="true"> - </span><span>Die Lage</span></h1>'))
    'Die Lage'
    >>> headline_part(lxml_html.fromstring('<h1><span>Nahost</span> <span>Die Lage</span></h1>')) is None
    True
    >>> headline_part(lxml_html.fromstring('<h1><span class="visuallyhidden">Headline:</span> Energiewende</h1>'))
    'Energiewende'
    """
    parts: list[str] = []
    labelled = False

    def visit(node):
        nonlocal labelled
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                words = class_words(child)
                if child.tag in _UNSHOWN_TAGS:
                    labelled = labelled or (child.tag in ("rt", "rp") and bool((child.text or "").strip()))
                elif KICKER_CLASS.search(words) or _is_hidden(child, words):
                    labelled = True
                else:
                    visit(child)
            if child.tail:
                parts.append(child.tail)

    visit(element)
    text = clean_title("".join(parts))
    return text if labelled and text else None


@rule(off=lambda candidates: None)
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


_TYPOGRAPHY = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "„": '"', "“": '"', "”": '"', "«": '"',
                             "»": '"', "‘": "'", "’": "'", "‚": "'", "…": "...", "\u00ad": None})


def vote_key(title: str) -> str:
    """A title as the votes compare it: case, dash and quote styles aside ("–" and "-" are one vote).

    >>> vote_key("Energy Rising – 33 Tage „Yoga“") == vote_key("energy rising - 33 tage “yoga”")
    True
    """
    return normalize_space(title.translate(_TYPOGRAPHY)).casefold()


#: The fewest letters a word shared by an h1 and a declared title has to tie the two to one article
#: (shorter words are articles and prepositions any two titles share).
MIN_SHARED_WORD_CHARS = 4
def _long_words(text: str) -> set[str]:
    return {word for word in lower_words(text) if len(word) >= MIN_SHARED_WORD_CHARS}


@rule(off=lambda candidates, decorated: None)
def h1_over_seo_titles(candidates: dict, decorated: bool) -> str | None:
    """The h1 when the page declares no JSON-LD headline, its ``og:title`` was written as a document
    title (``decorated``: it carried the site's name, "The Future of AI in Healthcare | Appen") and
    the declared titles give another title about the same thing (sharing a word of
    ``MIN_SHARED_WORD_CHARS`` letters) than the h1 ("AI Industry News: ...").  Such an ``og:title``
    is an SEO plugin's copy of ``<title>``, written for search engines, and the h1 is the headline
    readers see.  (A newsroom's ``og:title`` that differs from the h1 carries no site name: it is
    the editors' social headline, and the votes decide.)  ``None`` when the page has a JSON-LD
    headline, no h1, or an h1 that shares no word with them (a section's or a widget's heading).

    >>> h1_over_seo_titles({"og": "Christmas Gift Guide", "title": "Christmas Gift Guide",
    ...                     "h1": "Mein cosy Home Gift Guide bei Westwing"}, True)
    'Mein cosy Home Gift Guide bei Westwing'
    >>> h1_over_seo_titles({"og": "Christmas Gift Guide", "h1": "Mein cosy Home Gift Guide"}, False) is None
    True
    >>> h1_over_seo_titles({"og": "Lavrov at Munich", "h1": "Quicklinks"}, True) is None
    True
    >>> h1_over_seo_titles({"og": "Gift Guide", "jsonld": "Gift Guide", "h1": "Home Gift Guide"}, True) is None
    True
    """
    h1 = candidates.get("h1")
    if not h1 or not decorated or "jsonld" in candidates:
        return None
    declared = [value for key, value in candidates.items() if key != "h1"]
    if not declared or any(vote_key(value) == vote_key(h1) for value in declared):
        return None
    words = _long_words(h1)
    if any(words & _long_words(value) for value in declared):
        return h1
    return None


@rule(off=lambda chosen, h1: chosen)
def shown_typography(chosen: str, h1: str | None) -> str:
    """The chosen title as the page's h1 writes it when the two differ only in dashes, quotes or case
    (metadata often flattens "–" to "-"; the h1 is what readers see).

    >>> shown_typography("Energy Rising - 33 Tage Yoga Challenge", "Energy Rising – 33 Tage Yoga Challenge")
    'Energy Rising – 33 Tage Yoga Challenge'
    >>> shown_typography("A title", "Another")
    'A title'
    """
    return h1 if h1 and h1 != chosen and vote_key(h1) == vote_key(chosen) else chosen


#: A date glued after a headline in its h1 ("... der Region 02.02.2022 • Presse"); other words after a
#: declared title are more often the words a length-limited ``og:title`` cut off.
_GLUED_DATE = re.compile(r"\s+\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b")


@rule(off=lambda h1, declared: None)
def glued_kicker_part(h1: str, declared) -> str | None:
    """The h1 without a topic label glued before it when a declared title sets that label apart with
    a separator ("100. Geburtstag Holocaust-Überlebende ..." and the ``og:title`` "100. Geburtstag:
    Holocaust-Überlebende ..."): the label is a kicker line of its own on the page.  ``None`` when no
    declared title starts with such a label.

    >>> glued_kicker_part("Olympia in Paris Getränke per Schiff ins Zentrum",
    ...                   ["Olympia in Paris - Getränke per Schiff ins Zentrum"])
    'Getränke per Schiff ins Zentrum'
    >>> glued_kicker_part("Olympia in Paris: Getränke per Schiff", ["Olympia in Paris: Getränke per Schiff"]) is None
    True
    """
    for title in declared:
        separator = _TITLE_SEGMENT.search(title or "")
        if not separator:
            continue
        label = title[:separator.start()].strip()
        if not label or len(label.split()) > MAX_KICKER_WORDS or not h1.startswith(label + " "):
            continue
        rest = h1[len(label):].strip()
        if len(rest.split()) >= MIN_HEADLINE_WORDS and rest[:1].isalnum():
            return rest
    return None


@rule(off=lambda h1, declared: h1)
def glued_label_dropped(h1: str, declared) -> str:
    """A declared title that the h1 holds with only a space between it and the rest: the h1's text
    glues a label set in its own element before the headline ("Tunesien Große Aufgaben ...") or a
    dateline after it ("Zuschauerrückkehr ... 02.02.2022 • Presse").  A label joined by a colon or
    dash is the headline's own ("„Pure Leere“: Marita Kramer ...").

    >>> glued_label_dropped("Tunesien Große Aufgaben für die neue Regierung", ["Große Aufgaben für die neue Regierung"])
    'Große Aufgaben für die neue Regierung'
    >>> glued_label_dropped("Pure Leere: Kramer verpasst Spiele in Peking", ["Kramer verpasst Spiele in Peking"])
    'Pure Leere: Kramer verpasst Spiele in Peking'
    >>> glued_label_dropped("Die Rückkehr der Fans 02.02.2022 • Presse", ["Die Rückkehr der Fans"])
    'Die Rückkehr der Fans'
    >>> glued_label_dropped("Juicio entra en la recta final; sentencia podría", ["Juicio entra en la recta final;"])
    'Juicio entra en la recta final; sentencia podría'
    """
    for title in declared:
        if not title or len(title) >= len(h1) or len(title.split()) < MIN_HEADLINE_WORDS:
            continue
        at = h1.find(title)
        if at < 0:
            continue
        before, after = h1[:at], h1[at + len(title):]
        if (not before or (before.endswith(" ") and before.rstrip()[-1:].isalnum())) \
                and (not after or _GLUED_DATE.match(after)):
            return title
    return h1


@rule(off=lambda title, h1: title)
def seo_topic_dropped(title: str, h1: str) -> str:
    """The h1 for a declared title that is the h1 behind a topic label ("Pressemitteilung: <h1>"),
    on a page that declares no JSON-LD headline: there ``og:title`` and ``<title>`` are SEO titles
    that put the page's topic or type first, and the h1 is the headline.  (A news page's JSON-LD
    headline and ``og:title`` that add a label are written by its editors: "Kenia: Nairobi von
    unten" over the h1 "Nairobi von unten"; that case keeps the label.)

    >>> seo_topic_dropped("Pressemitteilung: Endlich mehr Beschleunigung wagen!", "Endlich mehr Beschleunigung wagen!")
    'Endlich mehr Beschleunigung wagen!'
    >>> seo_topic_dropped("Pressemitteilung: Endlich mehr", "Mehr")
    'Pressemitteilung: Endlich mehr'
    """
    if title != h1 and title.endswith(": " + h1) and len(title[: -len(h1)].split()) <= MAX_KICKER_WORDS:
        return h1
    return title


@rule(off=lambda chosen, candidates: chosen)
def fuller_h1_shown(chosen: str, candidates: dict) -> str:
    """The h1 when it holds the chosen title and more ("Zitronenkuchen vom Blech: einfach köstlich!"
    over the ``og:title`` "Zitronenkuchen vom Blech") on a page that declares no JSON-LD headline:
    its SEO titles shorten the headline the page shows.  Not when a dash sets the rest apart (a topic
    label: ``dashed_label_dropped``).

    >>> fuller_h1_shown("Zitronenkuchen vom Blech", {"og": "Zitronenkuchen vom Blech",
    ...                 "h1": "Zitronenkuchen vom Blech: einfach köstlich!"})
    'Zitronenkuchen vom Blech: einfach köstlich!'
    >>> fuller_h1_shown("Drusen fordern Teilhabe", {"og": "Drusen fordern Teilhabe",
    ...                 "h1": "Minderheit in Syrien - Drusen fordern Teilhabe"})
    'Drusen fordern Teilhabe'
    """
    h1 = candidates.get("h1")
    if not h1 or "jsonld" in candidates or len(h1) <= len(chosen) or not _inside(chosen, h1):
        return chosen
    at = h1.casefold().find(chosen.casefold())
    before, after = h1[:at].rstrip(), h1[at + len(chosen):].lstrip()
    if (before and before[-1] in LABEL_DASHES) or (after and after[0] in LABEL_DASHES):
        return chosen
    return h1


#: Quotation marks that end a meta tag's ``content="..."`` early when the page writes them unescaped.
_CUTTING_QUOTES = '"'


@rule(off=lambda title, others: title)
def quote_cut_completed(title: str, others) -> str:
    """A declared title that another one continues with a quotation mark: a ``content="..."``
    attribute cut at an unescaped quote ("... califica a Biden de" for the ``<title>`` "... califica a
    Biden de "incapacitado"").

    >>> quote_cut_completed("Biden ist", ['Biden ist "incapacitado"', "Biden ist"])
    'Biden ist "incapacitado"'
    >>> quote_cut_completed("Biden ist", ["Biden ist alt"])
    'Biden ist'
    """
    for other in others:
        if other and len(other) > len(title) and other.startswith(title) \
                and other[len(title):].lstrip()[:1] in _CUTTING_QUOTES and other[len(title):].strip():
            return other
    return title


@rule(off=lambda title, site_name: False)
def is_site_title(title: str, site_name: str | None) -> bool:
    """Whether a declared title is just the site's name (``og:site_name``): a template's title left unfilled.

    >>> is_site_title("IBU", "IBU"), is_site_title("Olafur Eliasson gestaltet", "BDZV")
    (True, False)
    """
    return bool(site_name) and title.casefold() == normalize_space(site_name).casefold()


@rule(off=lambda candidates: candidates)
def one_word_titles_dropped(candidates: dict) -> dict:
    """The candidates without the declared titles of a single word when the h1 is a headline of
    ``MIN_HEADLINE_WORDS`` words or more: a one-word ``og:title`` or ``<title>`` names the page's
    section or service ("Pressemitteilungen", "Gefahrstoff-Service"), which a CMS writes on every page
    under it, not the article's title.

    >>> one_word_titles_dropped({"og": "Pressemitteilungen", "title": "Olafur Eliasson gestaltet Titelseite",
    ...                          "h1": "Olafur Eliasson gestaltet Titelseite"})
    {'title': 'Olafur Eliasson gestaltet Titelseite', 'h1': 'Olafur Eliasson gestaltet Titelseite'}
    >>> one_word_titles_dropped({"og": "Impressum", "h1": "Impressum"})
    {'og': 'Impressum', 'h1': 'Impressum'}
    """
    if len(candidates.get("h1", "").split()) < MIN_HEADLINE_WORDS:
        return candidates
    return {key: value for key, value in candidates.items() if key == "h1" or len(value.split()) > 1}


def choose_headline(h1_texts: list[str], jsonld: str | None, og: str | None, twitter: str | None,
                    title: str | None, site_name: str | None, h1_parts: list | None = None,
                    url: str | None = None, h2_texts: Iterable[str] | None = None) -> str | None:
    """The headline most sources agree on (see the module docstring).

    >>> choose_headline(["Big news"], "Big news", "Big news - Site", None, "Big news | Site", "Site")
    'Big news'
    >>> choose_headline(["Rubrik", "Big news"], None, "Big news", None, None, None)
    'Big news'

    ``h1_parts`` are the h1s' texts without a topic label they mark up (``headline_part``): when no
    whole h1 is a declared title but such a part is one, or is one behind another label
    ("Label: Part"), the part is the headline.
    ``h2_texts`` (read only when no h1 is left): the page's first h2s, for ``h2_heading``.
    >>> choose_headline([], None, "Villa Galaxy - Ferienvilla in Florida", None, None, None, None, None,
    ...                 ["Details", "Villa Galaxy"])
    'Villa Galaxy'
    >>> choose_headline(["Nahost - Die Lage am Morgen"], None, "Krieg: Die Lage am Morgen",
    ...                 "Krieg: Die Lage am Morgen", None, None, ["Die Lage am Morgen"])
    'Die Lage am Morgen'
    """
    labels = host_labels(url)
    declared = {key: dangling_separator_dropped(strip_host_name(after_title_crumb(cjk_suffix_dropped(
                     strip_site_name(clean_title(value), site_name))), labels))
                for key, value in (("og", og), ("twitter", twitter), ("jsonld", jsonld), ("title", title))
                if clean_title(value)}
    declared = {key: value for key, value in declared.items() if not is_site_title(value, site_name)}
    # og:title written as a document title, with the site's name (an SEO plugin's copy of <title>)
    decorated = "og" in declared and declared["og"] != clean_title(og)
    declared = {key: quote_cut_completed(value, list(declared.values())) for key, value in declared.items()}
    h1s = [clean_title(h) for h in h1_texts[:5] if clean_title(h)]
    h1s = site_headings_dropped(h1s, site_name, labels)
    if not h1s and h2_texts:  # no h1 but the title's h2
        h2 = h2_heading([clean_title(h) for h in h2_texts], list(declared.values()))
        h1s = [h2] if h2 else []
    keys = {vote_key(value) for value in declared.values()}
    h1 = next((h for h in h1s if vote_key(h) in keys), None)
    if h1 is None:  # a declared title holds the h1 among other parts ("Section - Headline - Site")
        h1 = longest_inside(h1s, list(declared.values()))
    if h1 is None:  # a declared title is a short h1 plus a suffix ("Headline - Site")
        h1 = next((h for h in h1s if any(v.startswith(h) for v in declared.values())), None)
    anchors = []
    if h1 is None:  # the h1 marks up a label the declared titles lack or replace
        parts = [clean_title(p) for p in (h1_parts or [])[:5] if p and clean_title(p)]
        parts += [p for p in (glued_kicker_part(h, list(declared.values())) for h in h1s) if p]
        h1 = next((p for p in parts if any(v.casefold() == p.casefold() or strip_kicker(v, [p]) == p
                                           or dashed_label_dropped(v, p) == p for v in declared.values())), None)
        anchors = [h1] if h1 else []
    if h1 is None:
        h1 = h1s[0] if h1s else None
    elif not anchors:
        part = next((clean_title(p) for h, p in zip(h1_texts[:5], h1_parts or [], strict=False)
                     if p and clean_title(h) == h1), None)
        if part and dashed_label_dropped(h1, part) == part:
            h1 = part
            anchors = [h1]
    candidates = dict(declared)
    if h1:
        candidates["h1"] = h1
        candidates = one_word_titles_dropped(candidates)
    values = list(candidates.values())
    candidates = {key: strip_known_suffix(value, values) for key, value in candidates.items()}
    # A page's h1 may show the topic label apart (a kicker line above it): only declared titles
    # lose theirs to another declared title.
    declared_values = [value for key, value in candidates.items() if key != "h1"] + anchors
    candidates = {key: value if key == "h1" else strip_kicker(value, declared_values)
                  for key, value in candidates.items()}
    if "h1" in candidates:  # declared titles that are the page's h1 plus decoration
        candidates = {key: shortest_inside(value, [candidates["h1"]], labels) for key, value in candidates.items()}
    if "h1" in candidates and "jsonld" not in candidates:  # SEO titles: "Topic: <the h1>"
        candidates = {key: seo_topic_dropped(value, candidates["h1"]) for key, value in candidates.items()}
    if "h1" in candidates:  # an h1 that shows a declared title behind or before a glued-on label
        candidates["h1"] = glued_label_dropped(candidates["h1"],
                                               [value for key, value in candidates.items() if key != "h1"])
    shown = shown_over_seo(candidates)
    if shown:
        return shown
    votes = Counter(vote_key(value) for key, value in candidates.items() if key != "title")
    ranked = [key for key in SOURCE_PRIORITY if key in candidates]
    if not ranked:
        return candidates.get("title")
    best = max(ranked, key=lambda key: (votes[vote_key(candidates[key])], -ranked.index(key)))
    chosen = fuller_h1_shown(candidates[best], candidates)
    if chosen != candidates.get("h1"):  # an SEO plugin's og:title, and the h1 another title of the page
        chosen = h1_over_seo_titles(candidates, decorated) or chosen
    return shown_typography(chosen, candidates.get("h1"))


def page_headline(found, selector, meta, url: str | None = None):
    """(headline, the h1 element showing it or ``None``) of a walked page (``body.walk_page``)."""
    h1_texts = [block_text(h1)[0] for h1 in found.h1s]
    h1_parts = [headline_part(h1) for h1 in found.h1s]
    # read only when no h1 is left (a generator: nothing is done on the other pages)
    h2_texts = (block_text(h2)[0] for h2 in islice(selector.root.iter("h2"), MAX_H2_HEADINGS))
    headline = choose_headline(h1_texts, meta.article_value("headline"), meta.meta("og:title"),
                               meta.meta("twitter:title"), selector.xpath("//title/text()").get(),
                               meta.meta("og:site_name"), h1_parts, url, h2_texts)
    key = comparison_key(headline)
    element = next((h1 for h1, text, part in zip(found.h1s, h1_texts, h1_parts, strict=True)
                    if key == comparison_key(text) or (part and key == comparison_key(part))), None)
    if element is None and found.h1s:
        element = found.h1s[0]
    return headline, element
