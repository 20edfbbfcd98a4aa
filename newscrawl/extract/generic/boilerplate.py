"""Boilerplate detection: which page elements and strings are not article text.

Used by ``newscrawl.extract.generic.body`` while it walks the page once.  Every rule here is a
widespread web convention (HTML5 sectioning tags, class/id words such as ``share`` or
``newsletter``, ARIA roles), never one publisher's markup.
"""
from __future__ import annotations

import re

from newscrawl.extract.generic.rules import rule
from newscrawl.extract.generic.vocabulary import (
    CONTENT_TOKEN_WORDS,
    CONTENT_WORDS,
    FURNITURE_WORDS,
    HIDDEN_CLASSES,
    POST_WRAPPER_TOKENS,
    SKIP_ROLES,
    TAXONOMY_TOKEN_PREFIXES,
    UI_PARAGRAPHS,
    UI_PREFIXES,
)

#: Elements whose content is never article text (their subtree is skipped).
SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "nav", "footer", "aside", "form", "select",
    "svg", "iframe", "object", "embed", "video", "audio", "canvas", "figure", "figcaption", "picture",
    "img", "input", "textarea", "label", "dialog", "menu", "head", "title", "meta", "link",
})

_FURNITURE_WORDS = "|".join(FURNITURE_WORDS)
_FURNITURE = re.compile(rf"(?:^|[-_])(?:{_FURNITURE_WORDS})(?:$|[-_]|\d)")
# The same over all of an element's words at once: a quick "no furniture word at all".
_FURNITURE_ANYWHERE = re.compile(rf"(?:^|[-_ ])(?:{_FURNITURE_WORDS})(?:$|[-_ ]|\d)")
_CONTENT_TOKEN = re.compile(rf"(?:^|[-_])(?:{'|'.join(CONTENT_TOKEN_WORDS)})(?:$|[-_]|\d)")
_POST_WRAPPER = re.compile(rf"^(?:{'|'.join(POST_WRAPPER_TOKENS)})$")
_TAXONOMY_TOKEN = re.compile(rf"^(?:{'|'.join(TAXONOMY_TOKEN_PREFIXES)})-\S")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")

# A token naming a text container ("lead-text", "story-body") is content even with a furniture word.
_CONTENT_WORDS = re.compile(rf"(?:^|[-_])(?:{'|'.join(CONTENT_WORDS)})(?:$|[-_]|\d)")


def class_words(element) -> str:
    """The element's class and id tokens, lower-cased and camelCase split, one space apart.

    >>> from lxml import html
    >>> class_words(html.fromstring('<div class="shareBar x" id="top">a</div>'))
    'share-bar x top'
    """
    attrib = element.attrib
    classes, ident = attrib.get("class"), attrib.get("id")
    if not classes and not ident:
        return ""
    text = f"{classes or ''} {ident or ''}"
    if text.islower() or not any(c.isupper() for c in text):
        return " ".join(text.split())
    return " ".join(_CAMEL.sub("-", token).lower() for token in text.split())


def is_furniture_token(token: str) -> bool:
    """Whether one class/id token names page furniture (share bar, related links, ads, ...).

    >>> [is_furniture_token(t) for t in ("share-bar", "article-body", "head", "ad-slot", "related_links")]
    [True, False, False, True, True]
    """
    return bool(_FURNITURE.search(token)) and not _CONTENT_WORDS.search(token)


def is_furniture(element, words: str | None = None) -> bool:
    """Whether the element (by role, hidden state or class/id ``words``) is not article text."""
    attrib = element.attrib
    if attrib.get("role") in SKIP_ROLES or "hidden" in attrib or attrib.get("aria-hidden") == "true":
        return True
    style = attrib.get("style")
    if style and "display:none" in style.replace(" ", ""):
        return True
    if words is None:
        words = class_words(element)
    if not words:
        return False
    tokens = words.split()
    if HIDDEN_CLASSES.intersection(tokens):
        return True
    if not _FURNITURE_ANYWHERE.search(words):
        return False
    tokens = without_taxonomy(tokens)
    # "sidebar-grid__content article__content": one token naming the article's text wins.
    return (any(is_furniture_token(token) for token in tokens)
            and not any(_CONTENT_TOKEN.search(token) and not _FURNITURE.search(token) for token in tokens))


@rule(off=lambda tokens: tokens)
def without_taxonomy(tokens: list[str]) -> list[str]:
    """A post wrapper's class tokens without those naming its taxonomy: blog and CMS templates
    (WordPress's ``post_class()`` and its imitators) mark the article's wrapper with one token per
    tag, category and author ("tag-social-media", "category-newsletter", "author-jane"), which read
    like furniture words but describe the article.  Only on an element that is such a post wrapper.

    >>> without_taxonomy(["post-310144", "post", "type-post", "tag-share", "category-related", "entry"])
    ['post-310144', 'post', 'entry']
    >>> without_taxonomy(["widget", "tag-cloud"])
    ['widget', 'tag-cloud']
    """
    if not any(_POST_WRAPPER.match(token) for token in tokens):
        return tokens
    return [token for token in tokens if not _TAXONOMY_TOKEN.match(token)]


# Paragraph-level strings that are interface text, not article text (checked on whole paragraphs).
_UI_PARAGRAPH = re.compile(rf"^(?:{'|'.join(UI_PARAGRAPHS)})$", re.IGNORECASE)


# Paragraph starts that introduce a link or a video, not article text ("WATCH | ...", "READ MORE: ...").
_UI_PREFIX = re.compile(rf"^(?:{'|'.join(UI_PREFIXES)})\s*[|:]", re.IGNORECASE)


def is_ui_paragraph(text: str) -> bool:
    """Whether a whole paragraph is interface text (ad labels, read-more prompts, photo credits).

    >>> [is_ui_paragraph(t) for t in ("Advertisement", "Lesen Sie auch:", "Foto: dpa", "The minister said so.",
    ...                               "WATCH | Leaders meet in Paris: the summit in two minutes")]
    [True, True, True, False, True]
    """
    return bool(_UI_PARAGRAPH.match(text.strip(" :.…»>|-–—()")) or _UI_PREFIX.match(text))


def in_teaser_link(element) -> bool:
    """Whether an element is, or sits inside, a link that also holds a heading: another article's
    teaser card, whose photo, caption and byline are not this article's.

    >>> from lxml import html
    >>> page = html.fromstring('<div><a href="/other.html"><figure><img src="a.jpg"><figcaption>A caption'
    ...                        '</figcaption></figure><h2>Other story</h2><span class="author">Jane Doe</span></a>'
    ...                        '<a href="big.jpg"><figure></figure></a>'
    ...                        '<span class="author"><a href="/autor/john">John Roe</a></span></div>')
    >>> [in_teaser_link(e) for e in page.iter("figure", "span")] + [in_teaser_link(page.find("a"))]
    [True, True, False, False, True]
    """
    node = element
    while node is not None:
        if node.tag == "a":
            return next(node.iter("h2", "h3", "h4", "h5", "h6"), None) is not None
        node = node.getparent()
    return False

