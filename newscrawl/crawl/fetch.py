"""What a fetched response is, before any parser sees it: the site URL it stands for, its text
(bytes -> ``str``, right even when the server and the page disagree), and whether it is a soft
block (a bot challenge or consent wall served with 200 instead of the article).

Encodings: servers often declare a charset the page is not in (a cp1251 page sent as UTF-8, a
UTF-8 page sent as ISO-8859-1).  Valid UTF-8 with non-ASCII bytes is almost never anything else,
so it is tried first; then the HTTP header's charset, then the page's ``<meta>`` one.  A page that
decodes cleanly in none of them is a mislabelled legacy page when none of its non-ASCII bytes
forms UTF-8 (cp1252 "Zürich" sent as UTF-8): charset-normalizer reads it among
``LEGACY_ENCODINGS``.  Otherwise (real UTF-8 with stray bytes, or a page no encoding reads as
language) the broken bytes are dropped, with a logged count, and the page is rejected if many are.

Soft blocks: a page counts as blocked only when it carries no article (no body worth the name)
*and* one of the named markers below: article pages routinely embed consent-manager and captcha
scripts, so a marker alone proves nothing.
"""
from __future__ import annotations

import logging
import re

from charset_normalizer import from_bytes
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom, resolve_encoding

HTML_MARKUP = re.compile(rb"<(!doctype html|html|head|body|meta|title|div|p|article)\b", re.I)
#: Content types that can carry an HTML page (servers label HTML loosely, PDFs and images not).
HTML_TYPES = ("html", "xml", "text/plain")

#: Share of undecodable characters above which a page is rejected rather than cleaned.
MAX_BROKEN_SHARE = 0.01
#: What a page whose declared charset does not read it may really be in: the Windows code pages of
#: Western, Central European, Cyrillic, Greek, Turkish and Baltic sites, KOI8-R, and the main East
#: Asian ones.  Where several read the bytes the same, cp1252 (the web's default) is named.
LEGACY_ENCODINGS = ("cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257", "koi8_r", "shift_jis", "gbk",
                    "euc_kr", "big5")

logger = logging.getLogger(__name__)


#: ``request.meta`` key: the site URL a request stands for when another origin serves it
#: (``-a base_url=``; ``newscrawl.crawl.middlewares.OriginOverrideMiddleware``).
SITE_URL_KEY = "origin_override_of"


def site_url(request) -> str:
    """The URL a request stands for: the site's, even when another origin serves it."""
    return request.meta.get(SITE_URL_KEY, request.url)


class UndecodablePageError(ValueError):
    """The page's bytes are not text in any encoding it declares."""


def decode_html(body: bytes, content_type: str | None = None, source: str | None = None) -> tuple[str, str]:
    """``(text, encoding)`` of a page; a page mislabelled as UTF-8 is read in the encoding it is
    written in; broken bytes in an otherwise good page are dropped and counted in a warning
    naming ``source`` (the page's URL or path).  Raises ``UndecodablePageError`` when many are.

    >>> decode_html("<p>Die Größe des Haushalts in Zürich.</p>".encode("cp1252"), "text/html; charset=utf-8")
    ('<p>Die Größe des Haushalts in Zürich.</p>', 'cp1252')
    >>> short = "<p>Привет</p>".encode("cp1251")  # too little text to tell which encoding: not guessed
    >>> try:
    ...     decode_html(short, "text/html; charset=utf-8")
    ... except UndecodablePageError as error:
    ...     print(error)
    6 undecodable bytes as utf-8
    >>> page = '<meta charset="windows-1251"><p>Привет</p>'.encode("cp1251")
    >>> decode_html(page, "text/html; charset=utf-8")
    ('<meta charset="windows-1251"><p>Привет</p>', 'cp1251')
    >>> decode_html("\\ufeffCafé".encode("utf-8"), "text/html; charset=iso-8859-1")
    ('Café', 'utf-8')
    >>> decode_html("<p>Zürich</p>".encode("utf-8"), "text/html; charset=windows-1252")
    ('<p>Zürich</p>', 'utf-8')
    """
    bom_encoding, bom = read_bom(body)
    if bom_encoding:
        return body[len(bom):].decode(bom_encoding, "replace"), resolve_encoding(bom_encoding) or bom_encoding
    declared = [resolve_encoding(e) for e in (http_content_type_encoding(content_type or ""),
                                               html_body_declared_encoding(body)) if e]
    candidates = list(dict.fromkeys(["utf-8", *filter(None, declared)]))
    for encoding in candidates:
        try:
            return body.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    encoding = next((e for e in declared if e), "utf-8")
    text = body.decode(encoding, "replace")
    if encoding == "utf-8" and not _has_utf8_sequence(text):
        legacy = legacy_encoding(body)
        if legacy:
            logger.info("%s: declared utf-8 but written in %s; read as %s", source or "page", legacy, legacy)
            return body.decode(legacy), legacy
    broken = text.count("\ufffd")
    if broken > MAX_BROKEN_SHARE * max(len(text), 1):
        raise UndecodablePageError(f"{broken} undecodable bytes as {encoding}")
    if broken:
        logger.warning("%s: %d undecodable bytes as %s dropped", source or "page", broken, encoding)
    return text.replace("\ufffd", ""), encoding


def _has_utf8_sequence(text: str) -> bool:
    """Whether a ``replace``-decoded UTF-8 text holds any non-ASCII character its bytes really encoded."""
    return any(ord(char) > 0x7F and char != "\ufffd" for char in text)


def legacy_encoding(body: bytes) -> str | None:
    """The one of ``LEGACY_ENCODINGS`` charset-normalizer reads ``body`` in best, or ``None`` when
    none reads it cleanly as some language (too little text, or binary junk) or another reads it
    as well.

    >>> legacy_encoding("<p>Die Größe des Haushalts in Zürich.</p>".encode("cp1252"))
    'cp1252'
    >>> legacy_encoding("<p>Городской совет утвердил бюджет на год.</p>".encode("cp1251"))
    'cp1251'
    >>> legacy_encoding("<p>Привет</p>".encode("cp1251")), legacy_encoding(b"<p>Z\\xfcrich</p>")  # too short to tell
    (None, None)
    """
    matches = from_bytes(body, cp_isolation=list(LEGACY_ENCODINGS))
    match = matches.best()
    # No language recognised and another reading as clean: a guess, which would corrupt as quietly.
    if match is None or not match.coherence and sum(m.chaos <= match.chaos for m in matches) > 1:
        return None
    try:
        body.decode(match.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return "cp1252" if "cp1252" in match.could_be_from_charset else match.encoding


def looks_like_html(body: bytes, content_type: str | None = None) -> bool:
    """Whether a fetched body can be an HTML page: no PDF or image type, some HTML markup.

    >>> looks_like_html(b"<!DOCTYPE html><html><p>Hi</p>", "text/html")
    True
    >>> looks_like_html(b"%PDF-1.7 <p>", "application/pdf"), looks_like_html(b"GIF89a", None)
    (False, False)
    """
    content_type = (content_type or "").lower()
    if content_type and not any(kind in content_type for kind in HTML_TYPES):
        return False
    return bool(HTML_MARKUP.search(body[:65536]))


#: kind -> markers (lower-case substrings of the HTML); each kind is reported in the stats.
BLOCK_MARKERS = {
    "bot_challenge": ("cf-browser-verification", "challenge-platform", "cf-challenge", "just a moment...",
                      "checking your browser", "captcha-delivery.com", "px-captcha", "g-recaptcha", "h-captcha",
                      "are you a robot", "verify you are human", "bot detection", "access denied"),
    "consent_wall": ("consent.", "cookie consent", "cookie-consent", "before you continue",
                     "accept all cookies", "zustimmen und weiter", "tout accepter", "consent-wall", "pur-abo",
                     "consentwall"),
}
#: An article with at least this much body text is not a block page, whatever scripts it carries.
MIN_ARTICLE_CHARS = 400


def block_kind(html: str, body: str | None) -> str | None:
    """The kind of soft block the page is, or ``None`` when it is not one.

    >>> block_kind("<title>Just a moment...</title><div id='cf-challenge'></div>", None)
    'bot_challenge'
    >>> block_kind("<p>Accept all cookies to continue</p>", "")
    'consent_wall'
    >>> block_kind("<script src='https://consent.example/cmp.js'></script>", "Long article text. " * 40)
    """
    if body and len(body) >= MIN_ARTICLE_CHARS:
        return None
    page = html[:200_000].lower()
    for kind, markers in BLOCK_MARKERS.items():
        if any(marker in page for marker in markers):
            return kind
    return None
