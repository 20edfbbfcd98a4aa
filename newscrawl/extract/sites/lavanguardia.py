"""La Vanguardia (lavanguardia.com): a standfirst set as several sibling elements, all joined.

La Vanguardia sets its standfirst as a few bullet-like sentences, each its own element of the
same tag and class (``<h2 class="subtitle dot">`` three times, one after the other); the generic
lead takes the first standfirst-like element only.  The rule joining such twin siblings fired on
La Vanguardia only across both corpora, so it lives here.
"""
from __future__ import annotations

from newscrawl.extract.generic import GenericParser
from newscrawl.extract.generic.lead import lead_text
from newscrawl.extract.generic.walk import position

#: A standfirst has at most this many sibling lines; more are a list of something else.
MAX_TWIN_LEADS = 5


def twin_leads(element, before_body=lambda e: True) -> list[str]:
    """Texts of the siblings right after a standfirst element that share its tag and class.  Not a
    sibling that ``before_body`` says is body text already, nor a link (a related article).

    >>> from lxml import html
    >>> box = html.fromstring('<div><h2 class="subtitle">One point.</h2><h2 class="subtitle">Two points.</h2>'
    ...                       '<h2 class="other">Not this.</h2><h2 class="subtitle">Nor this.</h2></div>')
    >>> twin_leads(box[0])
    ['Two points.']
    >>> box = html.fromstring('<div><p class="x">Lead.</p><p class="x"><a href="/y">Related story</a></p></div>')
    >>> twin_leads(box[0]), twin_leads(box[0], lambda e: False)
    ([], [])
    """
    texts = []
    for sibling in element.itersiblings():
        if sibling.tag != element.tag or sibling.attrib.get("class") != element.attrib.get("class") \
                or len(texts) >= MAX_TWIN_LEADS or not before_body(sibling):
            break
        text, link_chars = lead_text(sibling)
        if not text or link_chars > len(text) / 2:
            break
        texts.append(text)
    return texts


class LaVanguardiaParser(GenericParser):
    def find_lead(self, selector, meta, found, blocks, headline, headline_element, caption_keys=frozenset()):
        """The generic lead and, when it is a standfirst element, its twin siblings after it."""
        lead = super().find_lead(selector, meta, found, blocks, headline, headline_element, caption_keys)
        first_body = found.order.get(blocks[0].element) if blocks else None
        element = next((e for e in found.leads if lead and lead_text(e)[0] == lead), None)
        if element is None:
            return lead
        twins = twin_leads(element, lambda e: first_body is None or (position(e, found) or 0) < first_body)
        return "\n\n".join([lead] + twins)
