"""Dates as pages print them ("Do 25.04.24 | 14:07 Uhr", "01. April 2025, 15:25", "May 3, 2024"):
the generic parser's last resort when a page declares no machine-readable date.
"""
from __future__ import annotations

import re
from datetime import datetime

from newscrawl.extract.generic.vocabulary import MONTH_FIRST_ENGLISH_REGIONS

# Month names as pages print them (English, German, French, Spanish, Italian, Dutch; Portuguese, and
# Polish and Russian in the genitive a date takes: "15 августа 2016"), for visible dates.
_MONTHS = {
    name: number
    for number, names in enumerate([
        "january jan januar janvier janv enero gennaio januari jänner janeiro stycznia января",
        "february feb februar février fevrier févr fevr febrero febbraio februari fevereiro lutego февраля",
        "march mar märz maerz mars marzo maart março marco marca марта",
        "april apr avril avr abril aprile kwietnia апреля",
        "may mai mayo maggio mei maio maja мая",
        "june jun juni juin junio giugno junho czerwca июня",
        "july jul juli juillet juil julio luglio julho lipca июля",
        "august aug août aout agosto augustus sierpnia августа",
        "september sep sept septembre septiembre settembre setembro września wrzesnia сентября",
        "october oct oktober octobre octubre ottobre outubro października pazdziernika октября",
        "november nov novembre noviembre novembro listopada ноября",
        "december dec dezember décembre decembre déc diciembre dicembre dezembro grudnia декабря",
    ], start=1)
    for name in names.split()
}
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})\b(?:\D{0,12}?(\d{1,2})[:.](\d{2})\b)?")
# "3. Mai 2024", "18 juil. 2024", "3 de mayo de 2022" (Spanish and Portuguese join with "de").
_WORD_DATE = re.compile(r"\b(\d{1,2})\.?\s+(?:de\s+)?([^\W\d_]{3,12})\.?,?\s+(?:de\s+)?(\d{4})\b"
                        r"(?:\D{0,12}?(\d{1,2})[:.](\d{2})\b)?")
# "2023-11-07 15:03", "2019/06/24": year first, as databases and East Asian sites print it.
_ISO_DATE = re.compile(r"\b((?:19|20)\d{2})([-/])(\d{1,2})\2(\d{1,2})\b(?:[T ]\s?(\d{1,2}):(\d{2})\b)?")
# "3/5/2022 22:41", "03/05/2022, 9:15 pm": day first in most of the world, month first in the US.
_SLASH_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})\b"
                         r"(?:\D{0,12}?(\d{1,2}):(\d{2})\s*([ap]\.?\s?m\.?)?)?", re.IGNORECASE)
_ENGLISH_DATE = re.compile(r"\b([^\W\d_]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b"
                           r"(?:\D{0,12}?(\d{1,2}):(\d{2})\s*([ap]\.?m\.?)?)?", re.IGNORECASE)


def _visible(year: int, month: int, day: int, hour, minute, meridiem=None) -> str | None:
    hour, minute = int(hour or 0), int(minute or 0)
    if meridiem and meridiem.lower().startswith("p") and hour < 12:
        hour += 12
    elif meridiem and meridiem.lower().startswith("a") and hour == 12:
        hour = 0
    try:
        return datetime(year, month, day, hour, minute).isoformat()
    except ValueError:
        return None


def parse_visible_date(text: str | None, day_first: bool | None = None) -> str | None:
    """A date (and time) as a page prints it, as naive ISO 8601 (the page gives no offset).

    Numeric day-first dates ("25.04.24 | 14:07 Uhr"), year-first ones ("2023-11-07 15:03"),
    day-month-name dates ("01. April 2025, 15:25") and English month-first dates ("May 3, 2024
    10:15 pm"); ``None`` when there is none.  A slashed date ("3/5/2022") is read day first or
    month first as ``day_first`` says (the page's language, ``slash_day_first``); where that is
    unknown, only when one of its numbers cannot be a month.

    >>> parse_visible_date("Do 25.04.24 | 14:07 Uhr")
    '2024-04-25T14:07:00'
    >>> parse_visible_date("erstellt: 01. April 2025, 15:25")
    '2025-04-01T15:25:00'
    >>> parse_visible_date("Published May 3, 2024 10:15 pm")
    '2024-05-03T22:15:00'
    >>> parse_visible_date("Publié le 18 juil. 2024 à 08:01")
    '2024-07-18T08:01:00'
    >>> parse_visible_date("3 de mayo de 2022"), parse_visible_date("15 августа 2016, 13:43")
    ('2022-05-03T00:00:00', '2016-08-15T13:43:00')
    >>> parse_visible_date("28.04.2023")
    '2023-04-28T00:00:00'
    >>> parse_visible_date("Written: 2023-11-07 15:03:30"), parse_visible_date("2019/06/24")
    ('2023-11-07T15:03:00', '2019-06-24T00:00:00')
    >>> parse_visible_date("3/5/2022 22:41", True), parse_visible_date("3/5/2022 10:41 pm", False)
    ('2022-05-03T22:41:00', '2022-03-05T22:41:00')
    >>> parse_visible_date("3/5/2022") is None, parse_visible_date("25/12/2021")
    (True, '2021-12-25T00:00:00')
    >>> parse_visible_date("5 minutes ago") is None
    True
    """
    if not text:
        return None
    match = _NUMERIC_DATE.search(text)
    if match:
        day, month, year, hour, minute = match.groups()
        year = int(year) + (2000 if len(year) == 2 else 0)
        return _visible(year, int(month), int(day), hour, minute)
    match = _ISO_DATE.search(text)
    if match:
        year, _, month, day, hour, minute = match.groups()
        return _visible(int(year), int(month), int(day), hour, minute)
    match = _SLASH_DATE.search(text)
    if match:
        first, second, year, hour, minute, meridiem = match.groups()
        first, second = int(first), int(second)
        order = day_first if first <= 12 and second <= 12 else first > 12
        if order is not None:
            day, month = (first, second) if order else (second, first)
            return _visible(int(year), month, day, hour, minute, meridiem)
    match = _WORD_DATE.search(text)
    if match and match.group(2).lower() in _MONTHS:
        day, month, year, hour, minute = match.groups()
        return _visible(int(year), _MONTHS[month.lower()], int(day), hour, minute)
    match = _ENGLISH_DATE.search(text)
    if match and match.group(1).lower() in _MONTHS:
        month, day, year, hour, minute, meridiem = match.groups()
        return _visible(int(year), _MONTHS[month.lower()], int(day), hour, minute, meridiem)
    return None


def slash_day_first(element) -> bool | None:
    """Whether the page of ``element`` writes a slashed date day first ("3/5/2022" = 3 May), by its
    ``<html lang>``: month first in US English (a bare "en" too), day first in every other language
    and English region; ``None`` when the page names no language.

    >>> from lxml import html
    >>> [slash_day_first(html.fromstring(f'<html lang="{lang}"><p>x</p></html>')) for lang in ("es", "en-US", "en-GB")]
    [True, False, True]
    >>> slash_day_first(html.fromstring("<html><p>x</p></html>")) is None
    True
    """
    if element is None:
        return None
    lang = (element.getroottree().getroot().get("lang") or "").strip().lower().replace("_", "-")
    if not lang:
        return None
    if lang == "en":
        return False
    return not (lang.startswith("en-") and lang[3:] in MONTH_FIRST_ENGLISH_REGIONS)
