"""Dates in, ISO 8601 out: every date a parser finds goes through ``to_iso``.

Parsing is dateutil's (ISO 8601 in all its forms, RFC 822, compact ``YYYYMMDDTHHMM±hhmm``);
newscrawl only decides the output form: seconds, and the page's own offset (``Z`` for UTC).
"""
from __future__ import annotations

import re
from datetime import UTC, datetime

from dateutil import parser as dateutil_parser

# A numeric date with the year last, written with dots or dashes ("01-11-2023 10:29", "6.1.2026"):
# day first, as Europe and Latin America write it; the US month-first form uses slashes.
_DAY_FIRST = re.compile(r"^\d{1,2}[-.]\d{1,2}[-.]\d{2,4}\b")


def parse_datetime(value) -> datetime | None:
    """A ``datetime`` from an ISO/RFC string, a Unix timestamp or a ``datetime``; ``None`` if unreadable.

    >>> parse_datetime("20120204T1532+0000").isoformat()
    '2012-02-04T15:32:00+00:00'
    >>> parse_datetime("1328369520").isoformat()
    '2012-02-04T15:32:00+00:00'
    >>> parse_datetime("Sat, 04 Feb 2012 15:32:00 +0000").isoformat()
    '2012-02-04T15:32:00+00:00'
    >>> parse_datetime("01-11-2023 10:29").isoformat(), parse_datetime("11/01/2023").isoformat()
    ('2023-11-01T10:29:00', '2023-11-01T00:00:00')
    >>> parse_datetime("soon") is None
    True
    """
    if isinstance(value, datetime):
        return value
    if isinstance(value, (int, float)) or (isinstance(value, str) and value.strip().isdigit()
                                            and len(value.strip()) in (10, 13)):
        seconds = int(value) / (1000 if len(str(value).strip()) == 13 else 1)
        return datetime.fromtimestamp(seconds, UTC)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return dateutil_parser.isoparse(text)
    except (ValueError, OverflowError):
        pass
    try:
        return dateutil_parser.parse(text, dayfirst=bool(_DAY_FIRST.match(text)))
    except (ValueError, OverflowError, TypeError):
        return None


def format_datetime(moment: datetime) -> str:
    """ISO 8601 to the second; ``Z`` for UTC, the page's own offset otherwise, none when it gave none.

    >>> format_datetime(parse_datetime("2012-03-12T16:20:00+03:00"))
    '2012-03-12T16:20:00+03:00'
    >>> format_datetime(parse_datetime("2012-03-12T13:20:00.123Z"))
    '2012-03-12T13:20:00Z'
    """
    text = moment.replace(microsecond=0).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def to_iso(value) -> str | None:
    """``format_datetime(parse_datetime(value))``, or ``None``: the loaders' date processor."""
    moment = parse_datetime(value)
    return format_datetime(moment) if moment else None


def utc_now() -> str:
    """Now, as every record and store entry writes it: UTC, to the second, ``Z``."""
    return format_datetime(datetime.now(UTC))


def parse_when(value: str | None) -> datetime | None:
    """ISO 8601 (``Z`` or an offset) -> aware datetime; naive values are taken as UTC.

    >>> parse_when("2012-03-05T14:45:00Z") == parse_when("2012-03-05T16:45:00+02:00")
    True
    """
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def is_newer(candidate: str | None, stored: str | None) -> bool:
    """Whether ``candidate`` is a later date than ``stored``; an unknown date is never newer."""
    new, old = parse_when(candidate), parse_when(stored)
    return bool(new and old and new > old) or bool(new and not old)

