"""The standfirst (lead): the text between headline and body, else the page's declared description.

Moved out of ``parser.py``: ``find_lead`` looks at the elements the page walk marked as standfirst-like
(``LEAD_CLASS``), then at an unclassed deck between headline and text, then at a bold first paragraph,
then at the declared description.  The helpers below decide what is no standfirst (the title again, a
photo's description, a dateline, a byline line).
"""
from __future__ import annotations

import re

from newscrawl.extract.generic.body import DISCLOSURE, is_inside
from newscrawl.extract.generic.boilerplate import class_words
from newscrawl.extract.generic.bylines import clean_authors, has_by_word
from newscrawl.extract.generic.captions import split_inline_credit
from newscrawl.extract.generic.headlines import clean_title
from newscrawl.extract.generic.rules import rule
from newscrawl.extract.generic.visible_dates import parse_visible_date
from newscrawl.extract.generic.vocabulary import PHOTO_TEXT_CLASS_WORDS
from newscrawl.extract.generic.walk import block_text, position
from newscrawl.extract.text import comparison_key

#: A standfirst shorter than this is a label or a kicker; longer than the maximum, the text itself.
MIN_LEAD_CHARS = 40
MAX_LEAD_CHARS = 1500
#: An unclassed deck (or a bold first paragraph) shorter than this is a kicker, a dateline or a label.
MIN_DECK_CHARS = 60
#: A byline line ("Von Jane Doe, Berlin") is no longer than this.
MAX_BYLINE_LINE_CHARS = 80
#: Tags an unclassed standfirst between headline and text is set in.
DECK_TAGS = frozenset({"p", "h2", "h3", "h4"})
#: A text sharing this share of its words with a title is that title again (with a kicker, say).
TITLE_VARIANT_SHARE = 0.6
#: A deck with more of its text in links than this is a link list (related articles), not a standfirst.
MAX_DECK_LINK_DENSITY = 0.3


def is_title_variant(text: str, title) -> bool:
    """Whether ``text`` is mostly the words of ``title`` (a kicker + title line, a social title).

    >>> is_title_variant("USA stoppen Schattentanker: Acht Namen, vier Flaggen", "Acht Namen, vier Flaggen")
    True
    >>> is_title_variant("The vote was close, and the debate ran late into the night.", "Council approves budget")
    False
    """
    if not isinstance(title, str) or not title:
        return False
    words = set(re.findall(r"\w+", text.casefold()))
    title_words = set(re.findall(r"\w+", title.casefold()))
    return bool(words) and len(words & title_words) >= TITLE_VARIANT_SHARE * min(len(words), len(title_words))


@rule(off=lambda text, titles: False)
def is_title_line(text: str, titles) -> bool:
    """Whether a standfirst-like text is one of the titles again (with a kicker, or the social title):
    mostly the title's words and not much longer than it.

    >>> is_title_line("USA stoppen Schattentanker: Acht Namen, vier Flaggen", ["Acht Namen, vier Flaggen"])
    True
    >>> is_title_line("Mit EPI wollen Europas Banken unabhängiger von Paypal werden. Um mitzuhalten, muss es in "
    ...               "drei Punkten besser sein als die Konkurrenz.", ["Europas Banken wollen unabhängiger werden"])
    False
    """
    words = len(re.findall(r"\w+", text))
    return any(isinstance(t, str) and words <= 2 * len(re.findall(r"\w+", t)) + 3 and is_title_variant(text, t)
               for t in titles)


@rule(off=lambda blocks: None)
def bold_intro(blocks) -> str | None:
    """The first body paragraph when it is set in bold as a whole: the page's standfirst."""
    if not blocks or blocks[0].tag != "p" or len(blocks[0].text) < MIN_DECK_CHARS:
        return None
    element = blocks[0].element
    children = [child for child in element if isinstance(child.tag, str)]
    if len(children) == 1 and children[0].tag in ("strong", "b") and not (element.text or "").strip() \
            and not (children[0].tail or "").strip():
        return blocks[0].text
    return None


def lead_text(element) -> tuple[str, int]:
    """(text, characters in links) of a standfirst element; its paragraphs or bullet points one per line,
    a byline line among them ("Von Jane Doe") left out."""
    parts = [block_text(node) for node in element.iter("p", "li") if node is not element]
    parts = [(text, links) for text, links in parts if text and not is_byline_line(text)]
    if not parts:
        return block_text(element)
    return "\n\n".join(text for text, _ in parts), sum(links for _, links in parts)


@rule(off=lambda descriptions: next((d for d in descriptions if isinstance(d, str) and d), None))
def fullest_description(descriptions: list) -> str | None:
    """The first declared description, or a longer one that continues it: a copy cut short for
    social cards ("... dėl..." or just the first sentence) is the same text, incomplete.

    >>> fullest_description(["Judas betrayed him for money...", None, "Judas betrayed him for money. Or not?"])
    'Judas betrayed him for money. Or not?'
    >>> fullest_description(["Students attacked others.", "Students attacked others. Five are charged."])
    'Students attacked others. Five are charged.'
    >>> fullest_description(["The vote was close.", "A photo of the council."])
    'The vote was close.'
    """
    texts = [d for d in descriptions if isinstance(d, str) and d]
    if not texts:
        return None
    first = texts[0]
    stem = comparison_key(first.rstrip(" .…"))
    longer = [t for t in texts[1:] if len(t) > len(first) and stem and comparison_key(t).startswith(stem)]
    return max(longer, key=len) if longer else first


@rule(off=lambda text: text)
def without_disclosure_description(text: str | None) -> str | None:
    """No declared description when it is the advertising disclosure that opens a sponsored post
    ("*Werbung. Dieser Beitrag enthält ...", "This post contains references to products from our
    advertisers"): blog and review themes take the post's first lines as its description.

    >>> without_disclosure_description("This post contains affiliate links. We may earn a commission.") is None
    True
    >>> without_disclosure_description("The council approved the budget.")
    'The council approved the budget.'
    """
    return None if text and DISCLOSURE.search(text) else text


@rule(off=lambda element, leads: False)
def wraps_other_lead(element, leads) -> bool:
    """Whether a standfirst-like element wraps another one (``slideshow-intro`` around ``summary-list``):
    the inner one is the standfirst proper, the wrapper holds the text after it too.

    >>> from lxml import html
    >>> page = html.fromstring('<section class="intro"><ul class="summary-list"><li>A</li></ul><p>Body</p></section>')
    >>> inner = page.find("ul")
    >>> wraps_other_lead(page, [page, inner]), wraps_other_lead(inner, [page, inner])
    (True, False)
    """
    return any(other is not element and is_inside(other, element) for other in leads)


def is_byline_line(text: str) -> bool:
    """Whether a short line is a byline ("Von Eva Kirchner", "By Jane Doe"), not standfirst text.

    >>> is_byline_line("Von Eva Kirchner-Rätsch"), is_byline_line("Von Berlin aus regiert die Partei seit 1990.")
    (True, False)
    """
    return len(text) <= MAX_BYLINE_LINE_CHARS and has_by_word(text) and bool(clean_authors([text]))


#: Class words of a description that belongs to a photo or gallery ("lightbox__description").
_PHOTO_TEXT_CLASS = re.compile(rf"(?:^|[-_ ])(?:{'|'.join(PHOTO_TEXT_CLASS_WORDS)})(?:$|[-_ ])")


@rule(off=lambda element, text: False)
def is_photo_text(element, text: str) -> bool:
    """Whether a standfirst-like element is a photo's or gallery's description: its class says so,
    or its text ends with a photo credit ("... Bild: dpa").

    >>> from lxml import html
    >>> is_photo_text(html.fromstring('<div class="lightbox__description">x</div>'), "Lindner spricht.")
    True
    >>> is_photo_text(html.fromstring('<p class="intro">x</p>'), "Der Minister in Berlin. Foto: dpa")
    True
    >>> is_photo_text(html.fromstring('<p class="article-intro">x</p>'), "Die Partei hat entschieden.")
    False
    """
    return bool(_PHOTO_TEXT_CLASS.search(class_words(element))) or bool(split_inline_credit(text)[1])


def find_lead(meta, found, blocks, headline, headline_element, caption_keys=frozenset(), deck=None) -> str | None:
    """The standfirst shown between headline and body, else the declared description.  ``deck`` finds an
    unclassed standfirst (``deck_after_headline``, or a site parser's override of it)."""
    deck = deck or deck_after_headline
    # og:description first: some JSON-LD descriptions describe the lead photo, not the article.
    declared = meta.article_value("description")
    descriptions = [clean_title(meta.meta(key)) for key in ("og:description", "description", "twitter:description")]
    descriptions.append(clean_title(declared if isinstance(declared, str) else None))
    description = without_disclosure_description(fullest_description(descriptions))
    first_body = found.order.get(blocks[0].element) if blocks else None
    start = found.order.get(headline_element, 0) if headline_element is not None else 0
    headline_key = comparison_key(headline)
    titles = [headline] + [meta.meta(k) for k in ("og:title", "twitter:title")] + [meta.article_value("headline")]
    for element in found.leads:
        at = position(element, found)
        if first_body is not None and at is not None and at > first_body:
            break
        if at is not None and at < start:
            continue
        if blocks and is_inside(blocks[0].element, element):
            continue  # the body's own wrapper, named "description" or "intro"
        if wraps_other_lead(element, found.leads):
            continue
        text, link_chars = lead_text(element)
        if not MIN_LEAD_CHARS <= len(text) <= MAX_LEAD_CHARS or link_chars > len(text) / 2:
            continue
        if comparison_key(text) == headline_key or comparison_key(text) in caption_keys:
            continue
        if is_photo_text(element, text) or (len(text) < MIN_DECK_CHARS * 2 and parse_visible_date(text)) \
                or is_title_line(text, titles):
            continue  # a gallery's photo description, a dateline, the headline with its kicker
        return text
    return deck(found, start, first_body, titles) or bold_intro(blocks) or description


@rule(off=lambda found, start, first_body, titles: None)
def deck_after_headline(found, start, first_body, titles) -> str | None:
    """A subheading or paragraph shown between the headline and the body (an unclassed standfirst):
    not another version of the title, not a dateline, byline or photo credit."""
    if not start or first_body is None:
        return None
    for block in found.blocks:
        at = found.order.get(block.element, 0)
        if at <= start:
            continue
        if at >= first_body:
            break
        text = block.text
        if block.tag not in DECK_TAGS or not MIN_DECK_CHARS <= len(text) <= MAX_LEAD_CHARS:
            continue
        if block.link_density > MAX_DECK_LINK_DENSITY or has_by_word(text) or parse_visible_date(text) \
                or split_inline_credit(text)[1] or any(is_title_variant(text, t) for t in titles):
            continue
        return text
    return None
