"""``ArticleLoader``: how raw values a parser finds become ``Article`` fields.

Each field's processors are composed from the pure helpers of ``newscrawl.extract.text`` and
``newscrawl.extract.dates``.  Parsers add values in priority order (page markup first, structured
metadata after): single-valued fields keep the first non-empty one.
"""
from __future__ import annotations

from itemloaders import ItemLoader
from itemloaders.processors import Compose, Identity, Join, MapCompose, TakeFirst
from w3lib.url import safe_url_string

from newscrawl.extract.dates import to_iso
from newscrawl.extract.text import normalize_credit, normalize_space, remove_unshowable, repair_homoglyphs
from newscrawl.items import Article


def non_empty(text: str) -> str | None:
    """Drop values that normalise to nothing (``MapCompose`` discards ``None``)."""
    return text or None


def unique(values: list) -> list:
    """Keep the first of each value, compared case-insensitively.

    >>> unique(["Science", "Russia", "science"])
    ['Science', 'Russia']
    """
    seen, kept = set(), []
    for value in values:
        key = value.casefold() if isinstance(value, str) else value
        if key not in seen:
            seen.add(key)
            kept.append(value)
    return kept


def clean_caption(caption: dict) -> dict | None:
    """Normalise a ``{text, credit, image_url}`` caption; ``None`` when it has neither text nor image."""
    text = normalize_space(caption.get("text")) or None
    credit = normalize_credit(caption.get("credit")) or None
    image_url = web_url(caption.get("image_url") or "")
    if not text and not image_url:
        return None
    return {"text": text, "credit": credit, "image_url": image_url}


def web_url(value: str) -> str | None:
    """A URL as the web sends it: non-ASCII path and query percent-encoded as UTF-8, the host in IDNA
    (what Scrapy does to the URLs it fetches, so ``url``, ``canonical_url`` and image URLs agree and are
    RFC 3986 URIs); already-encoded URLs are kept as they are.  ``None`` for an empty value.

    >>> web_url(" https://www.jungewelt.de/artikel/orden-fürs-morden.html ")
    'https://www.jungewelt.de/artikel/orden-f%C3%BCrs-morden.html'
    >>> web_url("https://bücher.de/a%20b c"), web_url("")
    ('https://xn--bcher-kva.de/a%20b%20c', None)
    >>> web_url("https://x.example/a\\ud800b\\x00.jpg\\u202e")  # a hostile value loses its junk, not the record
    'https://x.example/ab.jpg'
    """
    value = remove_unshowable(value).strip()
    return safe_url_string(value) if value else None


def clean_date(value):
    """A date string without unshowable characters (``remove_unshowable``); other values as given.

    >>> clean_date("2024-05-03T10:00:00+02:00\\ud800\\x00")
    '2024-05-03T10:00:00+02:00'
    """
    return remove_unshowable(value).strip() if isinstance(value, str) else value


def language_tag(value: str) -> str | None:
    """``en_US`` -> ``en-US``; ``EN`` -> ``en``.

    >>> language_tag("en_us"), language_tag("ES")
    ('en-US', 'es')
    """
    parts = value.replace("_", "-").split("-")
    if not parts[0].isalpha() or not 2 <= len(parts[0]) <= 3:
        return None
    return "-".join([parts[0].lower()] + [p.upper() if len(p) == 2 else p for p in parts[1:]])


_clean = MapCompose(normalize_space, non_empty)


class ArticleLoader(ItemLoader):
    default_item_class = Article
    default_input_processor = _clean
    default_output_processor = TakeFirst()

    authors_in = MapCompose(normalize_space, repair_homoglyphs, non_empty)
    authors_out = Compose(unique)
    tags_in = _clean
    tags_out = Compose(unique)
    body_out = Join("\n\n")
    captions_in = MapCompose(clean_caption)
    captions_out = Identity()
    published_at_in = MapCompose(clean_date, to_iso)
    modified_at_in = MapCompose(clean_date, to_iso)
    language_in = MapCompose(normalize_space, language_tag)
    url_in = canonical_url_in = MapCompose(web_url)
