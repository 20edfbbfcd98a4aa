"""Pure text helpers (``str -> str``) that the item loaders compose into processors.

No Scrapy here: parsers, pipelines and the engine-free ``extract_article`` all use these,
so every rule is written once and tested by its doctest.
"""
from __future__ import annotations

import re
import unicodedata

# Characters that are invisible in a rendered page but break comparisons and search.  ZWNJ and
# ZWJ are not among them: Persian, Indic scripts and emoji sequences need them (``keep_joiners``).
# A regex, not a str.translate table: translate with a dict took 20x longer over a non-ASCII body.
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
# Text no reader should receive, from hostile or broken pages and JSON-LD escapes: terminal escape
# sequences (whole, so no "[31m" is left to show), C0/C1 controls and DEL (tab, line breaks and NEL
# stay for the white-space rules), lone surrogates (an unpaired "\ud800" escape: no UTF-8 encoder
# takes one, so one would cost the whole feed line), U+FFFD (a byte already lost: nothing to show),
# non-characters, and the bidi embeddings, overrides and isolates that reorder what is shown around
# them (U+202A-202E, U+2066-2069; the LRM/RLM/ALM marks RTL text uses stay).
_TERMINAL_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[ -/]*[0-~])?"
                              r"|\x9b[0-?]*[ -/]*[@-~]")
_UNSHOWABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffd\ufffe\uffff"
                         "\u202a-\u202e\u2066-\u2069]")
_JOINERS = re.compile("[\u200c\u200d]")
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
_WORD = re.compile(r"\w+")


def remove_unshowable(text: str) -> str:
    """``text`` without terminal escapes, control characters, lone surrogates, U+FFFD and bidi
    overrides/isolates; white space and every script's letters and marks untouched.

    >>> remove_unshowable("Bad\\x00 \\x1b[31mred\\x1b[0m \\x1b]0;title\\x07news\\x85\\ud800 \\u202egnp.exe")
    'Bad red news\\x85 gnp.exe'
    >>> remove_unshowable("שלום \\u200fעולם\\n\\tإلى اللقاء")
    'שלום \\u200fעולם\\n\\tإلى اللقاء'
    """
    return _UNSHOWABLE.sub("", _TERMINAL_ESCAPE.sub("", text))


def _needs_joiner(char: str) -> bool:
    """Whether ``char`` is a letter, mark or symbol of a script (or emoji) that ZWJ/ZWNJ shape."""
    return bool(char) and ord(char) > 0x24F and unicodedata.category(char)[0] in "LMS"


def keep_joiners(text: str) -> str:
    """ZWNJ/ZWJ kept between two characters that need them (Persian and Indic words, emoji
    sequences); elsewhere (inside Latin words, at the edges) they only break search, and go.

    >>> keep_joiners("می\\u200cخواهم") == "می\\u200cخواهم"  # Persian "I want": ZWNJ keeps the letters apart
    True
    >>> keep_joiners("क्\\u200dष") == "क्\\u200dष"  # Hindi: ZWJ after the virama asks for the half form
    True
    >>> keep_joiners("👨\\u200d👩\\u200d👧") == "👨\\u200d👩\\u200d👧"  # one family emoji, not three people
    True
    >>> keep_joiners("Ca\\u200crde\\u200dnas\\u200d")
    'Cardenas'
    """
    def keep(match: re.Match) -> str:
        at = match.start()
        before, after = text[at - 1:at] if at else "", text[at + 1:at + 2]
        return match.group() if _needs_joiner(before) and _needs_joiner(after) else ""

    return _JOINERS.sub(keep, text)


def normalize_space(text) -> str:
    """NFC, nothing unshowable (``remove_unshowable``), no invisible characters (joiners only where a
    script needs them), every run of white space (NBSP included) one space.

    >>> normalize_space("  Julia\u0301n\u00a0 Ca\u200brdenas \\n")
    'Julián Cardenas'
    >>> normalize_space("Council\\x00\\x1b[2J approves\\u202e the\\ud83d budget\\x07")
    'Council approves the budget'
    >>> normalize_space("Вітаю,\\x9b1m 世界 — नमस्ते\\x0b")
    'Вітаю, 世界 — नमस्ते'
    >>> normalize_space(None)
    ''
    """
    if not text or not isinstance(text, str):
        return ""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", remove_unshowable(text)))
    # str.split() splits on exactly what the regex \s matches (str.isspace), at twice its speed
    return " ".join(keep_joiners(text).split())


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


def lower_words(text: str) -> list[str]:
    """The lower-case words of a text (runs of letters, digits and underscores).

    >>> lower_words("The cat, the HAT.")
    ['the', 'cat', 'the', 'hat']
    """
    return _WORD.findall(text.lower())


def comparison_key(text: str | None) -> str:
    """What two copies of the same text share: case-folded words without spaces or punctuation.

    >>> comparison_key("Its newest\u00a0telescope, said on Monday. ")
    'itsnewesttelescopesaidonmonday'
    """
    if not text or not isinstance(text, str):
        return ""
    # normalize_space's steps that can change a word (joiners and spaces are dropped with the
    # punctuation): the same keys as through normalize_space, at two thirds of the time
    return _KEY_DROP.sub("", _INVISIBLE.sub("", unicodedata.normalize("NFC", remove_unshowable(text))).casefold())
