"""rbb24 (rbb24.de, Rundfunk Berlin-Brandenburg): the lead without the byline its description ends with.

rbb24 prints no standfirst element the walk finds, so the lead is the declared description, and
rbb24 appends the byline to it ("... wurde das Hotel wieder lebendig. Von Eva Kirchner-Rätsch").
The rule cutting such a trailing byline fired on rbb24 only across both corpora, so it lives here.
"""
from __future__ import annotations

import re

from newscrawl.extract.generic import GenericParser

#: "Von" + up to seven capitalised name words (or name particles) ending the text, after a
#: sentence's end: "Von Berlin aus gesehen ..." goes on after the name, so it is no byline.
_TRAILING_BYLINE = re.compile(r"(?<=[.!?…\"“”»])\s+Von\s+"
                              r"[A-ZÀ-Þ][\w.'’-]*(?:\s+(?:[A-ZÀ-Þ][\w.'’-]*|von|van|de|der|und)){0,6}\s*$")


def without_trailing_byline(text: str | None) -> str | None:
    """The text without the byline rbb24 appends to its description.

    >>> without_trailing_byline("Bei der Premiere wurde das Hotel wieder lebendig. Von Eva Kirchner-Rätsch")
    'Bei der Premiere wurde das Hotel wieder lebendig.'
    >>> without_trailing_byline("Das Gesetz kommt. Von Berlin aus gesehen ist das wenig.")
    'Das Gesetz kommt. Von Berlin aus gesehen ist das wenig.'
    >>> without_trailing_byline(None) is None
    True
    """
    return _TRAILING_BYLINE.sub("", text) if text else text


class RBB24Parser(GenericParser):
    def find_lead(self, selector, meta, found, blocks, headline, headline_element, caption_keys=frozenset()):
        """The generic lead without the trailing byline."""
        return without_trailing_byline(super().find_lead(selector, meta, found, blocks, headline, headline_element,
                                                         caption_keys))
