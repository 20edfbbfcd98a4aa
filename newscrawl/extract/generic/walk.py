"""The page walk: one pass over the parsed tree that collects, in document order, the text blocks
(paragraphs, subheadings, quotes, list items, table rows of data), figures, h1s and the elements that
look like a standfirst, byline, date or tag list, skipping furniture
(``newscrawl.extract.generic.boilerplate``); a skipped structural tag that wraps the whole page
(``is_page_wrapper``) is walked into; the positions of skipped footers and of h1s are kept as the
places where a run of text ends (``PageWalk.breaks``).  Every field module reads what it found (``PageWalk``); the body
(``newscrawl.extract.generic.body``) chooses the article's text among its blocks.  Cost is linear in
the page size.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from newscrawl.extract.generic.boilerplate import HIDDEN_CLASSES, SKIP_TAGS, class_words, is_furniture
from newscrawl.extract.generic.rules import rule
from newscrawl.extract.generic.vocabulary import (
    LEAD_CLASS_WORDS,
    PHOTO_BOX_WORDS,
    STRONG_FURNITURE_WORDS,
)
from newscrawl.extract.text import normalize_space

PARAGRAPH_TAGS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "blockquote", "li", "pre", "dd", "dt"})
#: Paragraph-like tags that some pages use as layout boxes around the whole article.
LAYOUT_BLOCK_TAGS = frozenset({"li", "dd", "blockquote"})
#: Containers whose own loose text (not wrapped in <p>) counts as a paragraph.
TEXT_CONTAINER_TAGS = frozenset({"div", "section", "article", "main", "td", "font", "center"})
#: Never furniture, whatever their class says.
ROOT_TAGS = frozenset({"html", "body", "main"})
#: Inside a text block, these add nothing to the text.
_INLINE_SKIP = frozenset({"script", "style", "noscript", "template", "button", "svg", "figure", "figcaption",
                          "iframe", "select", "input", "textarea", "aside", "nav"})

#: A block shorter than this is a label, kicker or button, not a paragraph that scores its container.
MIN_PARAGRAPH_CHARS = 25
#: A table row of data has at least this many cells (one cell alone frames text, as layout tables do).
MIN_DATA_CELLS = 2
INLINE_TAGS = frozenset({"span", "a", "b", "strong", "i", "em", "u", "br", "small", "sup", "sub", "mark", "abbr",
                         "cite", "q", "time", "font", "s", "del", "ins", "code", "wbr"})
#: Text written straight into a <div> (no <p>) this long is a paragraph of its own.
LOOSE_TEXT_CHARS = 60
#: A furniture-named element holding more than this share of the page's text is a layout wrapper:
#: its name is not trusted.
FURNITURE_MAX_SHARE = 0.5
#: At most this many byline, date and standfirst candidates are kept, each: a cap on the work on long
#: index-like pages (the article's own come first in page order).
MAX_MARKED = 60
#: Bylines and datelines sit in short lines; longer blocks are not searched for them.
MAX_MARKED_BLOCK_CHARS = 300
LEAD_CLASS = re.compile(rf"(?:^|[-_ ])(?:{'|'.join(LEAD_CLASS_WORDS)})(?:$|[-_ ])")
#: Class words of photo boxes built without <figure>, and the most text such a box holds.
PHOTO_BOX = re.compile(rf"(?:^|[-_ ])(?:{'|'.join(PHOTO_BOX_WORDS)})(?:$|[-_ ])")
MAX_PHOTO_BOX_CHARS = 1500
#: A photo-classed box holding this many paragraphs of text is a text section with a photo in it.
MIN_TEXT_BOX_PARAGRAPHS = 2
#: Skipped tags that can wrap a whole page (see ``is_page_wrapper``).
WRAPPER_TAGS = frozenset({"form", "nav", "aside", "footer", "menu", "label", "dialog"})
#: Skipped tags that close the page's content (the page's or the article's footer): the text before and
#: after one is not one run, even when it holds no text block.  (``<aside>``, ``<form>`` and ``<nav>``
#: are set between an article's paragraphs too: pull quotes, ad slots, inline sign-up forms.)
RUN_BREAK_TAGS = frozenset({"footer"})
#: Furniture whose photos and standfirst-like texts are not the article's (headers, hero and
#: media wrappers are furniture to the body but hold the article's photo and lead).
STRONG_FURNITURE = re.compile(rf"(?:^|[-_ ])(?:{'|'.join(STRONG_FURNITURE_WORDS)})(?:$|[-_ \d])")
TAGS_CLASS = re.compile(r"(?:^|[-_ ])(?:tags|tag-list|taglist|tag-links|keywords|topics|themen|schlagworte|"
                        r"schlagwoerter|etiquetas|mots-cles|tematiche|emneknagger)(?:$|[-_ ])")
#: Links to an author's page ("/autor/jane-doe", "/authors/jane-doe/", "/people/jane-doe").
AUTHOR_HREF = re.compile(r"/(?:authors?|autor(?:en|in)?|autore|auteurs?|autores?|people|journalists?|profile|"
                         r"redakteur(?:e|in)?|staff)/(?:[^/?#]+/)?[^/?#]+/?(?:[?#]|$)", re.IGNORECASE)
#: Links to a site's topic pages ("/topics/...", "/tag/...", "/thema/...").
TAG_HREF = re.compile(r"/(?:tags?|topics?|themen?|schlagw(?:ö|oe|o)rt(?:e)?|stichw(?:ö|oe|o)rt(?:e)?|keywords?|"
                      r"temas?|etiquetas?|argomenti|emne|tema)/[^/?#]+/?(?:[?#]|$)", re.IGNORECASE)
DATE_CLASS = re.compile(r"(?:^|[-_ ])(?:date|datetime|time|timestamp|published|pubdate|dateline|datum|fecha|"
                        r"data|publish-date|post-date|entry-date)(?:$|[-_ ])")
BYLINE_CLASS = re.compile(r"(?:^|[-_ ])(?:byline|author|authors|authorname|autor|autoren|writer)(?:$|[-_ ])")
#: Any of the marker patterns: one scan tells most elements apart from the few worth a closer look.
MARKER_ANY = re.compile("|".join(f"(?:{p.pattern})" for p in (PHOTO_BOX, LEAD_CLASS, BYLINE_CLASS, TAGS_CLASS,
                                                              DATE_CLASS)))


@dataclass
class Block:
    """One paragraph-like element: its text, tag and the share of its text inside links."""

    element: object
    tag: str
    text: str
    link_chars: int = 0
    #: The nearest ancestor whose class/id reads like furniture (``None``: none).
    furniture: object = None

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0


@dataclass
class PageWalk:
    """What one walk over the page found, in document order."""

    blocks: list[Block] = field(default_factory=list)
    figures: list = field(default_factory=list)
    h1s: list = field(default_factory=list)
    #: Elements whose class/id says standfirst or byline (furniture to the body, fields of their own).
    leads: list = field(default_factory=list)
    bylines: list = field(default_factory=list)
    tag_lists: list = field(default_factory=list)
    #: Links to author pages (bylines without a byline class).
    author_links: list = field(default_factory=list)
    dates: list = field(default_factory=list)
    order: dict = field(default_factory=dict)
    #: Walk positions, ascending, of the skipped footers (``RUN_BREAK_TAGS``) and the h1s:
    #: where one run of text ends even when no text block shows it (``body.text_runs``).
    breaks: list = field(default_factory=list)


def block_text(element) -> tuple[str, int]:
    """(text, characters inside links) of a block; scripts, buttons and figures inside it left out.

    >>> from lxml import html
    >>> block_text(html.fromstring('<p>One <a href="#">two</a><br>three<script>x()</script></p>'))
    ('One two three', 3)
    """
    parts: list[str] = []
    link_chars = 0

    def visit(node, in_link: bool):
        nonlocal link_chars
        if node.text:
            parts.append(node.text)
            if in_link:
                link_chars += len(node.text.strip())
        for child in node:
            tag = child.tag
            if isinstance(tag, str):
                if tag == "br":
                    parts.append(" ")
                elif tag not in _INLINE_SKIP:
                    visit(child, in_link or tag == "a")
            if child.tail:
                parts.append(child.tail)
                if in_link:
                    link_chars += len(child.tail.strip())

    visit(element, element.tag == "a")
    return normalize_space("".join(parts)), link_chars


def is_screen_reader_only(node) -> bool:
    """Whether an element is hidden from view by a utility class ("sr-only", "visually-hidden") or
    the ``hidden`` attribute: text for screen readers (a brand label, "Author:"), not shown.

    >>> from lxml import html
    >>> [is_screen_reader_only(html.fromstring(m)) for m in ('<span class="u-visually-hidden">x</span>',
    ...  '<span class="sr-only">x</span>', '<span hidden>x</span>', '<span class="name">x</span>')]
    [True, True, True, False]
    """
    attrib = node.attrib
    if "hidden" in attrib:
        return True
    classes = attrib.get("class")
    if not classes:
        return False
    return any(token.lower() in HIDDEN_CLASSES or token.lower().endswith(("-visually-hidden", "-sr-only"))
               for token in classes.split())


def spaced_text(element, skip_hidden: bool = False) -> str:
    """Text of an element with a space at every element boundary (for bylines and labels, where
    ``<span>Travel</span><span>By Jane Doe</span>`` are separate words); ``skip_hidden`` leaves out
    screen-reader-only elements.

    >>> from lxml import html
    >>> spaced_text(html.fromstring("<div><span>Travel</span><span>By Jane Doe</span><script>x</script></div>"))
    'Travel By Jane Doe'
    >>> spaced_text(html.fromstring('<div><span class="sr-only">brand</span> von Jane Doe</div>'), True)
    'von Jane Doe'
    """
    parts = []
    hidden: set = set()
    for node in element.iter():
        parent = node.getparent()
        if hidden and parent in hidden:
            hidden.add(node)
            continue
        if not isinstance(node.tag, str) or node.tag in _INLINE_SKIP or (
                skip_hidden and node is not element and is_screen_reader_only(node)):
            if isinstance(node.tag, str) and node.tag not in _INLINE_SKIP:
                hidden.add(node)
            if node.tail and node is not element:
                parts.append(node.tail)
            continue
        parts.append(node.text or "")
        if node is not element and node.tail:
            parts.append(node.tail)
    return normalize_space(" ".join(parts))


def _loose_text(element) -> str:
    """Text directly inside an element (its own text and its children's tails)."""
    parts = [element.text or ""]
    parts += [child.tail or "" for child in element]
    return "".join(parts).strip()


def visible_size(element) -> int:
    """Characters of text under an element, scripts and styles not counted.

    >>> from lxml import html
    >>> visible_size(html.fromstring("<div>abc<script>var x = 1;</script><p>de</p></div>"))
    5
    """
    hidden = sum(len(node.text or "") for node in element.iter("script", "style", "noscript", "template"))
    return int(_STRING_LENGTH(element)) - hidden


#: The length of an element's text, counted in C (no Python string built); compiled once, and
#: lxml serialises its use across threads.
_STRING_LENGTH = etree.XPath("string-length(.)")


def _is_inline_paragraph(element) -> bool:
    """A ``<div>`` holding only inline markup and a paragraph's worth of text (a paragraph without ``<p>``)."""
    if not len(element):
        return False
    for child in element:
        if isinstance(child.tag, str) and child.tag not in INLINE_TAGS:
            return False
    if next(element.iter("figure"), None) is not None:
        return False  # a linked photo (<a><figure>), not a paragraph
    return len("".join(element.itertext())) >= LOOSE_TEXT_CHARS


def _mark_inline_bylines(block, found: PageWalk) -> None:
    """Byline and date elements inside a text block the walk does not descend into
    ("Von <span class=author>")."""
    for node in block.iter():
        if node is block or not isinstance(node.tag, str) or len(found.bylines) >= MAX_MARKED:
            continue
        if node.attrib.get("rel") == "author" or node.attrib.get("itemprop") == "author":
            found.bylines.append(node)
        elif node.tag == "a" and AUTHOR_HREF.search(node.attrib.get("href", "")):
            found.author_links.append(node)
        elif node.attrib.get("class") or node.attrib.get("id"):
            words = class_words(node)
            if BYLINE_CLASS.search(words):
                found.bylines.append(node)
            elif DATE_CLASS.search(words) and len(found.dates) < MAX_MARKED:
                found.dates.append(node)


def walk_page(root) -> PageWalk:
    """Walk the tree once: text blocks, figures and h1s, furniture subtrees skipped.

    A class/id that reads like furniture is not trusted on an element holding most of the
    page's text: layout wrappers are named "sidebar-1", "comments-enabled", "ad-container" too.
    """
    found = PageWalk()
    furniture_limit = FURNITURE_MAX_SHARE * visible_size(root)
    # Each level: (children iterator, nearest furniture ancestor or None).
    stack = [(iter([root]), None, None)]
    position = 0
    while stack:
        children, furniture, strong_furniture = stack[-1]
        node = next(children, None)
        if node is None:
            stack.pop()
            continue
        tag = node.tag
        if not isinstance(tag, str):
            continue
        position += 1
        found.order[node] = position
        if tag == "figure" or (tag == "figcaption" and node.getparent() is not None
                               and node.getparent().tag != "figure"):
            found.figures.append(Block(node, tag, "", furniture=strong_furniture))
            continue
        if tag in SKIP_TAGS and not (tag in WRAPPER_TAGS and is_page_wrapper(node, furniture_limit)):
            if tag in RUN_BREAK_TAGS:
                found.breaks.append(position)
            continue
        words = class_words(node)
        marked = bool(words) and MARKER_ANY.search(words) is not None
        if marked and PHOTO_BOX.search(words) and is_photo_box(node):
            # A photo with its caption in <div>/<span> markup instead of <figure>.
            found.figures.append(Block(node, "figure", "", furniture=strong_furniture))
            continue
        if marked:
            if len(found.leads) < MAX_MARKED and LEAD_CLASS.search(words) and strong_furniture is None:
                found.leads.append(node)
            elif len(found.bylines) < MAX_MARKED and BYLINE_CLASS.search(words):
                found.bylines.append(node)
            elif len(found.tag_lists) < MAX_MARKED and TAGS_CLASS.search(words):
                found.tag_lists.append(node)
            elif len(found.dates) < MAX_MARKED and DATE_CLASS.search(words):
                found.dates.append(node)
        rel = node.attrib.get("rel")
        if rel == "author" or node.attrib.get("itemprop") == "author":
            found.bylines.append(node)
        elif tag == "a" and len(found.author_links) < MAX_MARKED and AUTHOR_HREF.search(node.attrib.get("href", "")):
            found.author_links.append(node)
        elif len(found.tag_lists) < MAX_MARKED and (rel == "tag" or (
                tag == "a" and TAG_HREF.search(node.attrib.get("href", "")))):
            found.tag_lists.append(node)
        if tag == "h1":
            found.h1s.append(node)
            found.breaks.append(position)
            continue
        if (furniture is None and tag not in ROOT_TAGS and is_furniture(node, words)
                and visible_size(node) < furniture_limit):
            furniture = node
            if strong_furniture is None and STRONG_FURNITURE.search(words):
                strong_furniture = node
        if tag == "tr" and is_data_row(node):
            cells = [block_text(cell) for cell in node if isinstance(cell.tag, str)]
            text = " ".join(cell_text for cell_text, _ in cells if cell_text)
            if text:
                found.blocks.append(Block(node, "tr", text, sum(links for _, links in cells), furniture))
            continue
        if tag in PARAGRAPH_TAGS and not (tag in LAYOUT_BLOCK_TAGS and is_layout_box(node)):
            text, link_chars = block_text(node)
            if text:
                found.blocks.append(Block(node, tag, text, link_chars, furniture))
            if len(text) < MAX_MARKED_BLOCK_CHARS:
                _mark_inline_bylines(node, found)
            continue
        if tag in TEXT_CONTAINER_TAGS and (len(_loose_text(node)) >= LOOSE_TEXT_CHARS or _is_inline_paragraph(node)):
            text, link_chars = block_text(node)
            found.blocks.append(Block(node, "p", text, link_chars, furniture))
            if len(text) < MAX_MARKED_BLOCK_CHARS:
                _mark_inline_bylines(node, found)
            continue
        stack.append((iter(node), furniture, strong_furniture))
    return found


@rule(off=lambda element, limit: False)
def is_page_wrapper(element, limit: float) -> bool:
    """Whether a skipped structural element (``<form>``, ``<nav>``, ``<aside>``, ...) wraps the page:
    it holds the headline and most of the text.  ASP.NET and shop systems put the whole page in one
    ``<form>``, and an unclosed ``<nav>`` or ``<aside>`` swallows the article after it.  Such a wrapper
    is walked into, not skipped (a comment form holding many comments has no ``<h1>``).

    >>> from lxml import html
    >>> page = html.fromstring("<div><form><h1>Title</h1><p>" + "Text. " * 50 + "</p></form><p>Footer</p></div>")
    >>> is_page_wrapper(page.find("form"), FURNITURE_MAX_SHARE * visible_size(page))
    True
    >>> page = html.fromstring("<div><form><input> Search</form><p>" + "Text. " * 50 + "</p></div>")
    >>> is_page_wrapper(page.find("form"), FURNITURE_MAX_SHARE * visible_size(page))
    False
    """
    return next(element.iter("h1"), None) is not None and visible_size(element) >= limit


@rule(off=lambda element: next(element.iter("img"), None) is not None and next(element.iter("h1"), None) is None
      and visible_size(element) < MAX_PHOTO_BOX_CHARS)
def is_photo_box(element) -> bool:
    """Whether an element whose class names a photo ("image", "has-post-thumbnail") is a photo with its
    caption rather than a text section: it holds an image, no ``<h1>``, little text, and not two
    paragraphs of text, more than it has photos (a "text-and-image" section, an article marked as
    having a thumbnail; a gallery has a caption paragraph per photo).

    >>> from lxml import html
    >>> is_photo_box(html.fromstring('<div class="image"><img src="a.jpg"><p>The minister in Berlin.</p></div>'))
    True
    >>> is_photo_box(html.fromstring('<section class="text-and-image"><img src="a.jpg"><p>' + "A sentence here. " * 3
    ...                              + '</p><p>' + "Another sentence. " * 3 + '</p></section>'))
    False
    """
    if next(element.iter("img"), None) is None or next(element.iter("h1"), None) is not None \
            or visible_size(element) >= MAX_PHOTO_BOX_CHARS:
        return False
    # A gallery holds a captioned paragraph per photo: more paragraphs than photos make a text section.
    photos = sum(1 for _ in element.iter("img"))
    paragraphs = sum(len("".join(p.itertext()).strip()) >= MIN_PARAGRAPH_CHARS for p in element.iter("p")
                     if not _in_figure(p, element))
    return paragraphs < max(MIN_TEXT_BOX_PARAGRAPHS, photos + 1)


def _in_figure(node, box) -> bool:
    """Whether ``node`` sits in a ``<figure>``/``<figcaption>`` inside ``box`` (a caption's paragraph)."""
    node = node.getparent()
    while node is not None and node is not box:
        if node.tag in ("figure", "figcaption"):
            return True
        node = node.getparent()
    return False


@rule(off=lambda row: False)
def is_data_row(row) -> bool:
    """Whether a table row holds data (cells of words and numbers), read as one line of text, rather
    than page layout (cells holding paragraphs, lists or further tables, or a single cell framing
    text: walked into as before).

    >>> from lxml import html
    >>> table = html.fromstring("<table><tr><td>CO2 per km</td><td>120 g</td></tr>"
    ...                         "<tr><td><p>A paragraph.</p><p>Another.</p></td></tr></table>")
    >>> [is_data_row(row) for row in table.iter("tr")]
    [True, False]
    """
    cells = 0
    for node in row.iterdescendants():
        tag = node.tag
        if not isinstance(tag, str):
            continue
        if tag in ("td", "th"):
            cells += 1
        elif tag not in INLINE_TAGS:
            return False
    return cells >= MIN_DATA_CELLS


@rule(off=lambda element: False)
def is_layout_box(element) -> bool:
    """Whether a list item (or ``dd``/``blockquote``) frames the article: it holds the ``<h1>`` and
    paragraphs of text, so it is walked into rather than read as one paragraph.  A breadcrumb item
    holding just the ``<h1>`` stays one block.

    >>> from lxml import html
    >>> is_layout_box(html.fromstring("<li><h1>Title</h1><h2>Deck</h2><p>Text.</p></li>"))
    True
    >>> is_layout_box(html.fromstring("<li><h1>Title</h1></li>"))
    False
    """
    return next(element.iter("h1"), None) is not None and next(element.iter("p"), None) is not None



def position(element, found: PageWalk):
    """The walk's position of an element, or of its nearest walked ancestor (``None``: not on the walk)."""
    node = element
    while node is not None:
        if node in found.order:
            return found.order[node]
        node = node.getparent()
    return None


#: Share of the declared ``articleBody``'s words the markup paragraphs must show for the markup to
#: stand alone (markup as long as the declared text always stands: the declared text is then a
#: summary or another text).  Below it the markup is a fragment (a body split over containers, a paywall teaser,
#: a body rendered by script): the declared paragraphs it lacks are added.
