"""Pure text helpers (``str -> str``) that the item loaders compose into processors.

No Scrapy here: parsers, pipelines and the engine-free ``extract_article`` all use these,
so every rule is written once and tested by its doctest.
"""
from __future__ import annotations

import re
import unicodedata

# Characters that are invisible in a rendered page but break comparisons and search.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"\s+")
_LINE_SPACES = re.compile(r"[^\S\n]+")

# Cyrillic and Greek letters drawn like Latin ones.  Pages (and their credits) sometimes mix
# them into Latin words: "Аnton" with a Cyrillic "А" looks right and matches nothing.
CONFUSABLES = str.maketrans({
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "Х": "X", "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x",
    "і": "i", "І": "I", "ј": "j", "Ј": "J", "ѕ": "s", "Ѕ": "S", "Α": "A", "Β": "B", "Ε": "E",
    "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T",
    "Υ": "Y", "Χ": "X", "ο": "o",
})
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_CREDIT_MARK = re.compile(r"^(?:©|\(c\)|copyright\b|foto:|photo:)\s*", re.IGNORECASE)
_CREDIT_SEPARATOR = re.compile(r" [./:] ")
_KEY_DROP = re.compile(r"[\W_]+")


def normalize_space(text) -> str:
    """NFC, no invisible characters, every run of white space (NBSP included) one space.

    >>> normalize_space("  Julia\u0301n\u00a0 Ca\u200brdenas \\n")
    'Julián Cardenas'
    >>> normalize_space(None)
    ''
    """
    if not text or not isinstance(text, str):
        return ""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return _SPACES.sub(" ", text).strip()


def normalize_paragraphs(text: str | None) -> str:
    """Like ``normalize_space`` but keeps paragraph breaks (``"\\n\\n"``) between non-empty paragraphs.

    >>> normalize_paragraphs("One\u00a0 two\\n\\n \\n\\nThree ")
    'One two\\n\\nThree'
    """
    paragraphs = (normalize_space(p) for p in re.split(r"\n\s*\n", text or ""))
    return "\n\n".join(p for p in paragraphs if p)


def _is_latin(char: str) -> bool:
    return char.isalpha() and "LATIN" in unicodedata.name(char, "")


def repair_homoglyphs(text: str) -> str:
    """Write Latin words carrying Cyrillic/Greek look-alike letters in Latin only.

    Words without any Latin letter are left alone, so Russian stays Russian; diacritics stay.

    >>> repair_homoglyphs("RIA Novosti / Аnton Denisov")
    'RIA Novosti / Anton Denisov'
    >>> repair_homoglyphs("Јulián Cárdеnas")
    'Julián Cárdenas'
    >>> repair_homoglyphs("РИА Новости")
    'РИА Новости'
    """
    def repair(match: re.Match) -> str:
        word = match.group(0)
        if any(map(_is_latin, word)):
            return word.translate(CONFUSABLES)
        return word

    return _LETTER_RUN.sub(repair, text)


def normalize_credit(text: str | None) -> str:
    """A photo credit as ``"Agency / Photographer"``: no ``©``, one separator style, repaired letters.

    >>> normalize_credit("© RIA Novosti . Аnton Denisov")
    'RIA Novosti / Anton Denisov'
    >>> normalize_credit("© Photo : Solar observatory press service")
    'Photo / Solar observatory press service'
    >>> normalize_credit("©\u00a0Sputnik / Јulián Cárdеnas")
    'Sputnik / Julián Cárdenas'
    """
    text = _CREDIT_MARK.sub("", normalize_space(text))
    text = _CREDIT_SEPARATOR.sub(" / ", text, count=1)
    return repair_homoglyphs(text).strip()


def strip_suffix(text: str, suffix: str | None, separators: str = " -|–—:·•") -> str:
    """Remove a trailing ``suffix`` (e.g. the site name) and the separator before it.

    >>> strip_suffix("Lavrov at Munich - Sputnik International", "Sputnik International")
    'Lavrov at Munich'
    >>> strip_suffix("Lavrov at Munich", "Sputnik International")
    'Lavrov at Munich'
    """
    if suffix and text.endswith(suffix) and len(text) > len(suffix):
        return text[: -len(suffix)].rstrip(separators)
    return text


def comparison_key(text: str | None) -> str:
    """What two copies of the same text share: case-folded words without spaces or punctuation.

    >>> comparison_key("Its newest\u00a0telescope, said on Monday. ")
    'itsnewesttelescopesaidonmonday'
    """
    return _KEY_DROP.sub("", normalize_space(text).casefold())
