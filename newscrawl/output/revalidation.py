"""HTTP validators: what of a page's ``ETag`` / ``Last-Modified`` the state store keeps, and the
conditional request headers that ask the site whether a stored article changed.

The crawl side (``newscrawl.crawl.incremental``) sends ``If-None-Match`` / ``If-Modified-Since``
for an article the store has with validators when its listing says it changed or gives no
date; a ``304 Not Modified`` is announced with the ``article_not_modified`` signal, and
``IncrementalPipeline`` renews the entry (its last_seen) at the feed commit, as for an unchanged
article.  The validators of a fetched page reach its entry from the response the item came from
(``item_scraped`` / ``item_dropped``), so the exported record keeps its schema.

A header is kept only when it is what RFC 9110 says it is and short: anything else (a huge
value, control characters, an unquoted tag, a date that is no date or lies in the future) is
dropped, and the page is simply fetched in full next time.
"""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime

#: Signal (Scrapy's ``send_catch_log``): a conditional request got ``304 Not Modified``.
#: Arguments: ``canonical_url`` (the stored entry's), ``etag``, ``last_modified`` (the 304's own
#: validators, if it sent valid ones).
article_not_modified = object()

#: Longest validator kept.  Real ETags are hashes or version stamps (tens of characters); an
#: HTTP date is 29.  Anything longer is not worth storing a million times.
MAX_VALIDATOR_LENGTH = 200

#: RFC 9110 entity-tag: optional weakness prefix, then a quoted string of visible ASCII but ``"``.
ENTITY_TAG = re.compile(r'(W/)?"[\x21\x23-\x7e]*"')

#: A Last-Modified later than now by more than this is a clock gone wrong, not a date.
CLOCK_SKEW = timedelta(days=1)


def _text(value) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    value = (value or "").strip()
    return value if value and len(value) <= MAX_VALIDATOR_LENGTH else None


def clean_etag(value) -> str | None:
    """A response's ``ETag`` as it is sent back, or ``None`` when it is no valid entity tag.

    >>> clean_etag(b'W/"5f3a-17c"'), clean_etag('"abc"')
    ('W/"5f3a-17c"', '"abc"')
    >>> clean_etag("abc"), clean_etag('"a b"'), clean_etag('"' + "x" * 300 + '"'), clean_etag(None)
    (None, None, None, None)
    """
    text = _text(value)
    return text if text and ENTITY_TAG.fullmatch(text) else None


def clean_last_modified(value, now: datetime | None = None) -> str | None:
    """A response's ``Last-Modified`` as an HTTP date (IMF-fixdate), or ``None`` when it is no
    date, has no zone, or lies in the future.

    >>> clean_last_modified(b"Tue, 01 Dec 2026 10:00:00 GMT")
    'Tue, 01 Dec 2026 10:00:00 GMT'
    >>> clean_last_modified("Tuesday, 01-Dec-26 10:00:00 GMT")  # the obsolete RFC 850 form, rewritten
    'Tue, 01 Dec 2026 10:00:00 GMT'
    >>> clean_last_modified("yesterday"), clean_last_modified("Tue, 01 Dec 2026 10:00:00")
    (None, None)
    >>> clean_last_modified("Fri, 01 Dec 2102 10:00:00 GMT")  # the future
    """
    text = _text(value)
    if not text:
        return None
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None or moment > (now or datetime.now(UTC)) + CLOCK_SKEW:
        return None
    return format_datetime(moment.astimezone(UTC), usegmt=True)


def response_validators(response) -> tuple[str | None, str | None]:
    """``(etag, last_modified)`` of a response, each ``None`` unless valid."""
    if response is None:
        return None, None
    return clean_etag(response.headers.get("ETag")), clean_last_modified(response.headers.get("Last-Modified"))


def conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    """The request headers that revalidate a page with these validators (none without any).

    >>> conditional_headers('"abc"', "Tue, 01 Dec 2026 10:00:00 GMT")
    {'If-None-Match': '"abc"', 'If-Modified-Since': 'Tue, 01 Dec 2026 10:00:00 GMT'}
    >>> conditional_headers(None, None)
    {}
    """
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers
