"""Bytes of a fetched page -> its text, right even when the server and the page disagree.

Servers often declare a charset the page is not in (a cp1251 page sent as UTF-8, a UTF-8 page
sent as ISO-8859-1).  Valid UTF-8 with non-ASCII bytes is almost never anything else, so it is
tried first; then the HTTP header's charset, then the page's ``<meta>`` one.  A page that decodes
cleanly in none of them is decoded with the first and rejected if much of it is broken.
"""
from __future__ import annotations

import re

from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom, resolve_encoding

HTML_MARKUP = re.compile(rb"<(!doctype html|html|head|body|meta|title|div|p|article)\b", re.I)
#: Content types that can carry an HTML page (servers label HTML loosely, PDFs and images not).
HTML_TYPES = ("html", "xml", "text/plain")

#: Share of undecodable characters above which a page is rejected rather than cleaned.
MAX_BROKEN_SHARE = 0.01


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
