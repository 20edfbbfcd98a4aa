"""Byline cleaning: raw author strings in, person names out.

A byline reads "By Jane Doe and John Roe, Reporter | 3 May 2024" or "Von Jane Doe": the
leading "by" word, roles, dates, e-mail addresses and social handles are dropped and the
names split.  An entry that is only a URL or a role is no name.
"""
from __future__ import annotations

import html
import re

from newscrawl.extract.generic.rules import rule
from newscrawl.extract.generic.vocabulary import (
    BYLINE_DATE_JOINERS,
    BYLINE_DATE_WORDS,
    BYLINE_PREFIXES,
    BYLINE_UI_WORDS,
    NO_AUTHOR,
)
from newscrawl.extract.text import normalize_space

# "By", in the corpus languages and their neighbours, at the start of a byline (then ":", a dash,
# or a space; a full-width colon needs none: "责任编辑：孔德明").
_BY = re.compile(r"^(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in
                                    sorted(BYLINE_PREFIXES, key=len, reverse=True))
                 + r")(?:\s*[:\-–]\s*|\s*：\s*|\s+)", re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:,|;|\||/|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bog\b|\boch\b|\ben\b|\bi\b|"
                    r"\bdan\b|\bve\b|\bja\b|\boraz\b|\bmit\b|\bwith\b)\s+", re.IGNORECASE)
_HANDLE = re.compile(r"(?:^|\s)@\w+|\S+@\S+\.\w+|https?://\S+")
_DATE_TAIL = re.compile(r"\s*(?:[-–—|,]\s*)?(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}:\d{2}|updated|published|"
                        r"aktualisiert|veröffentlicht|stand).*$", re.IGNORECASE)
_ROLE_TAIL = re.compile(r"\s*[-–—|,(]\s*(?:senior |chief |staff |political |foreign |deputy )?"
                        r"(?:reporter|correspondent|editor|writer|journalist|redakteur(?:in)?|korrespondent(?:in)?|"
                        r"autor(?:in)?|contributor|columnist|producer|photographer|fotograf(?:in)?)\b.*$",
                        re.IGNORECASE)
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$", re.IGNORECASE)
_NOT_NAME = re.compile(r"^(?:by|von|and|und|staff|admin|redaktion|editor|author|autor|none|null|unknown)$",
                       re.IGNORECASE)


@rule(off=lambda text: text)
def strip_byline_prefix(text: str) -> str:
    """Drop a leading "By"-word.

    >>> strip_byline_prefix("By Jane Doe"), strip_byline_prefix("Von: Max Muster"), strip_byline_prefix("Byron Smith")
    ('Jane Doe', 'Max Muster', 'Byron Smith')
    """
    return _BY.sub("", text, count=1)


def opens_with_by_word(text: str) -> bool:
    """Whether a line opens with a "by" word (a bare "Von:" label too); a cheap test, no rule.

    >>> opens_with_by_word("Von:"), opens_with_by_word("Autorin: Uta Muster"), opens_with_by_word("Byron")
    (True, True, False)
    """
    return _BY.match(text + " ") is not None


# "Travel By Jane Doe": the "by" word inside a byline starts the names.
_INNER_BY = re.compile(r"(?:^|\s)(?:By|by|Von|von|Par|par|Por|por):?\s+(?=[A-ZÀ-Þ])")
_ROLE_WORD = re.compile(r"^(?:reporter|correspondent|editor|writer|journalist|redakteur(?:in)?|korrespondent(?:in)?|"
                        r"autor(?:in)?|contributor|columnist|producer|photographer|fotograf(?:in)?|"
                        r"redaktorka|redaktor|journalistin|reporterin|editora?|periodista|giornalista|"
                        r"journaliste|rédactrice|rédacteur|verslaggever|redacteur|toimittaja|"
                        r"kolumnist(?:in)?|gastautor(?:in)?|corresponsal|corrispondente|correspondant(?:e)?)$",
                        re.IGNORECASE)
#: At most this many capitalised role words are cut from a name's end ("Jane Doe Senior Travel Editor").
MAX_ROLE_WORDS = 3


@rule(off=lambda text: text)
def strip_role_words(text: str) -> str:
    """Drop a role written after the name without a separator ("Jane Doe Travel News Reporter", and
    the East Asian reporter titles: "신현주 기자").

    >>> strip_role_words("Sophie Foster Travel News Reporter"), strip_role_words("Nicole Opitz Redakteurin")
    ('Sophie Foster', 'Nicole Opitz')
    >>> strip_role_words("신현주 기자")
    '신현주'
    """
    words = strip_east_asian_role(text).split()
    if len(words) > 2 and _ROLE_WORD.match(words[-1]):
        words.pop()
        dropped = 1
        while len(words) > 2 and dropped < MAX_ROLE_WORDS and words[-1][:1].isupper():
            words.pop()
            dropped += 1
    return " ".join(words)


# "신현주 기자", "山田太郎記者": the reporter title East Asian bylines put after the name.
_EAST_ASIAN_ROLE = re.compile(r"\s*(?:기자|특파원|논설위원|記者|特派員|编辑|編集委員|记者)$")


def strip_east_asian_role(text: str) -> str:
    """Drop a trailing East Asian reporter title ("기자", "記者", "特派員").

    >>> strip_east_asian_role("신현주 기자"), strip_east_asian_role("山田太郎記者"), strip_east_asian_role("Jane Doe")
    ('신현주', '山田太郎', 'Jane Doe')
    """
    stripped = _EAST_ASIAN_ROLE.sub("", text)
    return stripped if stripped.strip() else text


_ROLE_CLASS = re.compile(r"(?:^|[-_ ])(?:job|jobtitle|job-title|role|position|designation|function|"
                         r"author-title)(?:$|[-_ ])")


def is_role_text(text: str) -> bool:
    """Whether a byline part is the author's job title ("Travel News Reporter", "Redakteurin"), not a name.

    >>> [is_role_text(t) for t in ("Travel News Reporter", "Redakteurin", "Senior Editor", "Jane Doe")]
    [True, True, True, False]
    """
    words = normalize_space(text).split()
    return bool(words) and len(words) <= 5 and bool(_ROLE_WORD.match(words[-1]))


def is_role_element(element) -> bool:
    """Whether a byline child holds the author's job title by its markup (``itemprop=jobTitle``, a
    class such as "job-title" or "author-role").

    >>> from lxml import html
    >>> [is_role_element(html.fromstring(m)) for m in ('<span class="job-title">x</span>',
    ...  '<span itemprop="jobTitle">x</span>', '<span class="author-name">x</span>')]
    [True, True, False]
    """
    if element.attrib.get("itemprop", "").lower() in ("jobtitle", "roletitle"):
        return True
    classes = element.attrib.get("class", "").lower()
    return bool(classes) and bool(_ROLE_CLASS.search(classes))


def split_byline(text: str) -> list[str]:
    """Cut a byline into names (separators: commas, "and"-words in several languages, "&", "|").

    >>> split_byline("By Jane Doe and John Roe, Reporter")
    ['Jane Doe', 'John Roe']
    >>> split_byline("Anna Martel und Lea Wagner, Nairobi")
    ['Anna Martel', 'Lea Wagner', 'Nairobi']
    >>> split_byline("@janedoe")
    []
    """
    text = normalize_space(text)
    inner = _INNER_BY.search(text)
    if inner and inner.start() > 0 and not is_name_particle(text, inner):
        text = text[inner.end():]
    text = _HANDLE.sub(" ", text)
    text = _ROLE_TAIL.sub("", text)
    text = _DATE_TAIL.sub("", text)
    names = []
    for part in _SPLIT.split(text):
        name = clean_name(part)
        if name:
            names.append(name)
    return names


@rule(off=lambda text, inner: False)
def is_name_particle(text: str, inner) -> bool:
    """Whether the inner "von" found by ``_INNER_BY`` belongs to a name ("Walter von Aachen"), not
    a byline ("Ein Artikel von Pamela Sladky"): it follows a capitalised word that is no label.

    >>> [is_name_particle(t, _INNER_BY.search(t)) for t in ("Walter von Aachen", "Ein Artikel von Jane Doe",
    ...                                                      "Travel By Jane Doe", "Erstellt von Andri Bryner")]
    [True, False, False, False]
    """
    if inner.group().strip().rstrip(":") != "von":
        return False
    before = text[:inner.start()].split()
    after = re.split(r"[,;|]", text[inner.end():], maxsplit=1)[0].split()
    word = before[-1].casefold() if before else ""
    # A surname follows the particle: one word, or "der Leyen"; "Erstellt von Andri Bryner" is a byline.
    surname = len(after) == 1 or (len(after) == 2 and after[0] in _NAME_PARTICLES)
    return bool(before) and surname and before[-1][:1].isupper() and word not in BYLINE_UI_WORDS and not any(
        prefix.split()[0] == word for prefix in BYLINE_PREFIXES)


def clean_name(text: str) -> str | None:
    """One name without the "by" word, roles or stray punctuation; ``None`` when nothing name-like is left.

    >>> clean_name("  By Jane Doe, "), clean_name("Redaktion"), clean_name("12.05.2024")
    ('Jane Doe', None, None)
    >>> clean_name("Johanna Kropfitsch Alle Artikel"), clean_name("Zur Artikelübersicht"), clean_name("~ Cem Basman")
    ('Johanna Kropfitsch', None, 'Cem Basman')
    >>> clean_name("Tomas Spahn Fr"), clean_name("© Kathrin Führes Kathrin Führes"), clean_name("No Author")
    ('Tomas Spahn', 'Kathrin Führes', None)
    >>> clean_name("Posted by Günter W. Kienitz at 18:52"), clean_name("Ilustrator: Adriaan Prent")
    ('Günter W. Kienitz', None)
    """
    text = normalize_space(strip_byline_prefix(normalize_space(html.unescape(text)).lstrip("©~*·•–—-: ")))
    # Stop at a date or count ("Kyle Wiggers 7 hours") or an initials bracket ("Jane Doe (jd)").
    text = re.split(r"\s*\(|\s\d|^\d", text, maxsplit=1)[0]
    text = strip_role_words(_ROLE_TAIL.sub("", text)).strip(" ,;:|-–—·•()[]")
    words = before_dated_joiner(text).split()
    while words and words[-1].casefold() in BYLINE_DATE_JOINERS:
        words.pop()  # "Günter W. Kienitz at" once "18:52" is cut off
    text = " ".join(words)
    if ": " in text:
        return None  # "Illustration: Jane Doe": a credit for someone else's work, not a byline
    if len(text.split()) > 1 and any(w[:1].islower() and w not in _NAME_PARTICLES for w in text.split()):
        return None  # "Ist der Artikel hilfreich?": a sentence, not a name with a link label after it
    text = without_furniture_words(text)
    if not text or is_label_only(text) or _NOT_NAME.match(text) or text.casefold() in NO_AUTHOR \
            or not any(c.isalpha() for c in text) or len(text) > 60:
        return None
    if len(text.split()) > 6 or (len(text.split()) > 1 and not looks_like_name(text)):
        return None  # "Themen bearbeiten": a link label, not a name
    return text


@rule(off=lambda text: text)
def before_dated_joiner(text: str) -> str:
    """A byline candidate cut where a date joiner introduces a weekday or month ("Jane Doe am
    Samstag", "Jane Doe on Monday", "Jane Doe le mardi"): the date line the name runs into.

    >>> before_dated_joiner("Isabella.DiBiase am Samstag"), before_dated_joiner("Jane Doe on March")
    ('Isabella.DiBiase', 'Jane Doe')
    >>> before_dated_joiner("Walter von Aachen")
    'Walter von Aachen'
    """
    words = text.split()
    for index in range(1, len(words) - 1):
        if words[index].casefold() in BYLINE_DATE_JOINERS and \
                words[index + 1].casefold().strip(".,:;") in BYLINE_DATE_WORDS:
            return " ".join(words[:index])
    return text


@rule(off=lambda text: False)
def is_label_only(text: str) -> bool:
    """Whether a byline candidate is only a label left over from the byline: its "by" word ("Por",
    "Text") or a job title ("Journalist", "Corresponsal") printed beside the name.

    >>> [is_label_only(t) for t in ("Por", "Redakteur", "Corresponsal", "Jane Doe", "Jancak")]
    [True, True, True, False, False]
    """
    return text.casefold() in BYLINE_PREFIXES or (" " not in text and bool(_ROLE_WORD.match(text)))


@rule(off=lambda text: text)
def without_furniture_words(text: str) -> str:
    """A byline candidate cut at its first UI word ("Alle Artikel", "Follow"), without a weekday or
    month the date line runs into, and a name printed twice ("Jane Doe Jane Doe") once.

    >>> without_furniture_words("Heiko Sauer Do"), without_furniture_words("Jane Doe Jane Doe")
    ('Heiko Sauer', 'Jane Doe')
    >>> without_furniture_words("Mehr von Jane Doe"), without_furniture_words("August Wilson")
    ('', 'August Wilson')
    """
    words = text.split()
    for index, word in enumerate(words):
        if word.casefold().strip(".,:;|-–—") in BYLINE_UI_WORDS:
            words = words[:index]
            break
    if (len(words) > 2 or len(words) == 1) and words[-1].casefold().strip(".,:;|-–—") in BYLINE_DATE_WORDS:
        words.pop()  # "Heiko Sauer Do", or a lone "Do" the date line left
    half = len(words) // 2
    if len(words) >= 2 and len(words) % 2 == 0 and words[:half] == words[half:]:
        words = words[:half]
    return " ".join(words).strip(" ,;:|-–—·•")


_NAME_PARTICLES = frozenset({"de", "da", "del", "della", "di", "van", "von", "der", "den", "le", "la", "du", "dos",
                             "das", "e", "y", "zu", "ten", "ter", "bin", "al", "el"})


def looks_like_name(text: str) -> bool:
    """Whether a link text reads like a person's name (capitalised words, name particles allowed).

    >>> [looks_like_name(t) for t in ("Dr. Max Kolter", "Ludwig van Beethoven", "Themen bearbeiten", "박준석 기자")]
    [True, True, False, True]
    """
    words = text.split()
    if not 1 <= len(words) <= 5:
        return False
    return all(not w[:1].islower() or w in _NAME_PARTICLES for w in words)


def is_site_name(name: str) -> bool:
    """Whether a byline name is a web address ("mdr.de"): an organisation, not a person.

    >>> is_site_name("mdr.de"), is_site_name("Jane Doe")
    (True, False)
    """
    return bool(_DOMAIN.match(name))


def has_by_word(text: str) -> bool:
    """Whether a byline says "By"/"Von"/... before its names.

    >>> has_by_word("Travel By Sophie Foster"), has_by_word("Birgit Baumann")
    (True, False)
    """
    return bool(_BY.match(text) or _INNER_BY.search(text))


def clean_authors(values) -> list[str]:
    """Every raw author value (possibly several names each) as clean, unique names in order.

    >>> clean_authors(["By Jane Doe", "jane doe", "John Roe | 3.5.2024", "janedoe"])
    ['Jane Doe', 'John Roe']
    """
    names, seen = [], set()
    for value in values:
        if not isinstance(value, str):
            continue
        for name in split_byline(value):
            key = "".join(c for c in name.casefold() if c.isalnum())
            if key not in seen:
                seen.add(key)
                names.append(name)
    return names
