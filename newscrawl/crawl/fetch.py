"""What a fetched response is, before any parser sees it: the site URL it stands for, its text
(bytes -> ``str``, right even when the server and the page disagree), and whether it is a soft
block (a bot challenge or consent wall served with 200 instead of the article).

Encodings: servers often declare a charset the page is not in (a cp1251 page sent as UTF-8, a
UTF-8 page sent as ISO-8859-1).  Valid UTF-8 with non-ASCII bytes is almost never anything else,
so it is tried first; then the HTTP header's charset, then the page's ``<meta>`` one.  A page that
decodes cleanly in none of them is decoded with the first and rejected if much of it is broken.

Soft blocks: a page counts as blocked only when it carries no article (no body worth the name)
*and* one of the named markers below: article pages routinely embed consent-manager and captcha
scripts, so a marker alone proves nothing.
"""
from __future__ import annotations

import re

from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom, resolve_encoding

HTML_MARKUP = re.compile(rb"<(!doctype html|html|head|body|meta|title|div|p|article)\b", re.I)
#: Content types that can carry an HTML page (servers label HTML loosely, PDFs and images not).
HTML_TYPES = ("html", "xml", "text/plain")

#: Share of undecodable characters above which a page is rejected rather than cleaned.
MAX_BROKEN_SHARE = 0.01


#: ``request.meta`` key: the site URL a request stands for when another origin serves it
#: (``-a base_url=``; ``newscrawl.crawl.middlewares.OriginOverrideMiddleware``).
SITE_URL_KEY = "origin_override_of"


def site_url(request) -> str:
    """The URL a request stands for: the site's, even when another origin serves it."""
    return request.meta.get(SITE_URL_KEY, request.url)


class UndecodablePageError(ValueError):
    """The page's bytes are not text in any encoding it declares."""


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """``(text, encoding)`` of a page; broken bytes in an otherwise good page are dropped.

    >>> try:
    ...     decode_html("Привет".encode("cp1251"), "text/html; charset=utf-8")
    ... except UndecodablePageError as error:
    ...     print(error)
    6 undecodable bytes as utf-8
    >>> page = '<meta charset="windows-1251"><p>Привет</p>'.encode("cp1251")
    >>> decode_html(page, "text/html; charset=utf-8")
    ('<meta charset="windows-1251"><p>Привет</p>', 'cp1251')
    >>> decode_html("\\ufeffCafé".encode("utf-8"), "text/html; charset=iso-8859-1")
    ('Café', 'utf-8')
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
    broken = text.count("\ufffd")
    if broken > MAX_BROKEN_SHARE * max(len(text), 1):
        raise UndecodablePageError(f"{broken} undecodable bytes as {encoding}")
    return text.replace("\ufffd", ""), encoding


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
