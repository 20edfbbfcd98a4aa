"""Article body and photos from the page markup, found in one walk over the parsed tree.

The walk skips furniture (``newscrawl.extract.generic.boilerplate``) and collects text blocks
(paragraphs, subheadings, quotes, list items, table rows of data) and figures in document order; a
skipped structural tag that wraps the whole page (``is_page_wrapper``) is walked into.  Each
paragraph credits its text length to its parent (and half to its grandparent); the best-scored
element is the article's text container, widened to an ancestor while it holds much more good text
(bodies split over sibling sections, or between a wrapper and a box in it: ``split_text``).  The
container's blocks end at a related-articles heading in the text's second half (``before_related_tail``)
and lose link lists, teaser titles, UI labels, consent banners, captions set as text and date lines
(``keep_block``), the lines framing
the text (``trim_edges``) and a closing run of calls to action (``without_promo_tail``).  JSON-LD
``articleBody`` (plain or escaped HTML, ``declared_paragraphs``) completes markup that shows only a
fragment of it with the sentences it lacks, or replaces markup that shows nearly nothing
(``with_declared_body``).  Cost is linear
in the page size.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from lxml import etree

from newscrawl.extract.generic.boilerplate import HIDDEN_CLASSES, SKIP_TAGS, class_words, is_furniture, is_ui_paragraph
from newscrawl.extract.generic.bylines import strip_byline_prefix
from newscrawl.extract.generic.rules import rule
from newscrawl.extract.generic.vocabulary import (
    COMMENT_COUNT_WORDS,
    CONSENT_NOTICE_PHRASES,
    CREDIT_MARKERS,
    DATE_LINE_LABELS,
    DISCLOSURE_PHRASES,
    FIGURE_LABELS,
    LEAD_CLASS_WORDS,
    PHOTO_BOX_WORDS,
    PROMO_TAIL_PHRASES,
    RELATED_TAIL_HEADINGS,
    STRONG_FURNITURE_WORDS,
)
from newscrawl.extract.text import normalize_space

PARAGRAPH_TAGS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "blockquote", "li", "pre", "dd", "dt"})
#: Paragraph-like tags that some pages use as layout boxes around the whole article.
LAYOUT_BLOCK_TAGS = frozenset({"li", "dd", "blockquote"})
HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
#: Containers whose own loose text (not wrapped in <p>) counts as a paragraph.
TEXT_CONTAINER_TAGS = frozenset({"div", "section", "article", "main", "td", "font", "center"})
#: Never furniture, whatever their class says.
ROOT_TAGS = frozenset({"html", "body", "main"})
#: Inside a text block, these add nothing to the text.
_INLINE_SKIP = frozenset({"script", "style", "noscript", "template", "button", "svg", "figure", "figcaption",
                          "iframe", "select", "input", "textarea", "aside", "nav"})

MIN_PARAGRAPH_CHARS = 25
#: A line shorter than this before the first or after the last paragraph is a kicker, dateline or credit
#: (a closing line such as "Euer Hans" or "Thanks for all the fish" is longer than most of those).
EDGE_LINE_CHARS = 30
#: A last line ending in ":" shorter than this announces something not there ("More in our live blog:").
MAX_ANNOUNCE_CHARS = 150
#: A closing call to action ("Follow us on ...") is one or two sentences: longer paragraphs are text.
MAX_PROMO_CHARS = 250
BYLINE_LINE_CHARS = 80
MAX_LINK_DENSITY = 0.5
#: The container widens to an ancestor holding this share more text in paragraphs shaped like its own,
#: looking up to this many levels (forum threads and live blogs nest each post eight or more deep).
WIDEN_SHARE = 0.2
WIDEN_LEVELS = 10
#: A table row of data has at least this many cells (one cell alone frames text, as layout tables do).
MIN_DATA_CELLS = 2
INLINE_TAGS = frozenset({"span", "a", "b", "strong", "i", "em", "u", "br", "small", "sup", "sub", "mark", "abbr",
                         "cite", "q", "time", "font", "s", "del", "ins", "code", "wbr"})
LOOSE_TEXT_CHARS = 60
FURNITURE_MAX_SHARE = 0.5
FURNITURE_WEIGHT = 0.2
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


def _is_good(block: Block) -> bool:
    return (block.tag in ("p", "blockquote", "pre")
            and len(block.text) >= MIN_PARAGRAPH_CHARS and block.link_density < MAX_LINK_DENSITY)


def find_container(blocks: list[Block]):
    """The element holding most of the article's paragraphs (``None`` when no paragraph is good)."""
    scores: dict = {}
    for block in blocks:
        if not _is_good(block):
            continue
        # Text inside furniture counts a little: enough when the whole article sits in a
        # wrapper with a misleading class, too little to beat the article elsewhere.
        length = len(block.text) * (FURNITURE_WEIGHT if block.furniture is not None else 1)
        parent = block.element.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0) + length
        grandparent = parent.getparent()
        if grandparent is not None:
            scores[grandparent] = scores.get(grandparent, 0) + length / 2
    if not scores:
        return None
    best = max(scores, key=scores.get)
    # Widen to an ancestor (up to a few levels) when it holds much more good text in paragraphs
    # shaped like the container's own (same parent tag and class): bodies split over sibling
    # sections, not the teaser list next to the article.
    good = [b for b in blocks if _is_good(b) and (b.furniture is None or is_inside(best, b.furniture))]
    shapes = {_shape(b) for b in good if is_inside(b.element, best)}
    similar = [b for b in good if _shape(b) in shapes]
    best_text = sum(len(b.text) for b in similar if is_inside(b.element, best))
    ancestor = best.getparent()
    path = [best]
    for _ in range(WIDEN_LEVELS):
        if ancestor is None or ancestor.tag in ("body", "html"):
            break
        path.append(ancestor)
        text = sum(len(b.text) for b in similar if is_inside(b.element, ancestor)) + split_text(good, path, shapes)
        if text >= (1 + WIDEN_SHARE) * best_text:
            best, best_text = ancestor, text
        ancestor = ancestor.getparent()
    return best


@rule(off=lambda good, path, shapes: 0)
def split_text(good: list[Block], path: list, shapes: set) -> int:
    """Characters of good paragraphs set directly in the container's ancestors (``path``), shaped
    otherwise than the container's own: the article's text split between a wrapper and a box in it
    (the paragraphs before a paywall or "read more" box, the box holding the rest).

    >>> from lxml import html
    >>> page = html.fromstring('<div><p>' + 'a' * 40 + '</p><div class="rest"><p>' + 'b' * 30 + '</p></div></div>')
    >>> good = [Block(p, "p", p.text) for p in page.iter("p")]
    >>> split_text(good, [page[1], page], {_shape(good[1])})
    40
    """
    on_path = set(path)
    return sum(len(b.text) for b in good if b.element.getparent() in on_path and _shape(b) not in shapes)


def _shape(block: Block) -> tuple:
    """The paragraph's parent by tag and first class: what repeated body sections share."""
    parent = block.element.getparent()
    if parent is None:
        return ()
    classes = parent.attrib.get("class", "").split()
    return (block.tag, parent.tag, classes[0] if classes else "")


def is_inside(element, container) -> bool:
    node = element
    while node is not None:
        if node is container:
            return True
        node = node.getparent()
    return False


_SENTENCE_END = re.compile(r"[.!?…\"“”»)]$")
MIN_SENTENCE_WORDS = 6


def is_linked_sentence(block: Block) -> bool:
    """Whether a link-dense paragraph is a sentence of the text with a link in it ("It also <a>co-ordinates
    military plans</a>."): it opens with plain words and ends like a sentence; a link list does neither.

    >>> from lxml import html
    >>> p = html.fromstring('<p>It also <a href="/x">co-ordinates military plans and exercises</a>.</p>')
    >>> is_linked_sentence(Block(p, "p", "It also co-ordinates military plans and exercises.", 41))
    True
    >>> p = html.fromstring('<p><a href="/x">Read: Nato members meet in Brussels today</a></p>')
    >>> is_linked_sentence(Block(p, "p", "Read: Nato members meet in Brussels today", 41))
    False
    """
    element = block.element
    return (block.tag == "p" and bool((element.text or "").strip()) and len(block.text.split()) >= MIN_SENTENCE_WORDS
            and bool(_SENTENCE_END.search(block.text)))


def keep_block(block: Block) -> bool:
    """Whether a block inside the article container is article text (not a link list or UI label)."""
    if block.link_density >= MAX_LINK_DENSITY and (block.tag != "p" or len(block.text) < 200) \
            and not is_linked_sentence(block):
        return False
    if block.tag == "li" and len(block.text) < MIN_PARAGRAPH_CHARS and block.link_chars:
        return False
    if len(block.text) < BYLINE_LINE_CHARS and strip_byline_prefix(block.text) != block.text:
        return False  # "By Jane Doe, Reporter" inside the text container
    if is_teaser_title(block) or is_consent_notice(block) or is_credited_caption(block) or is_numbered_caption(block) \
            or is_date_line(block):
        return False
    return not is_ui_paragraph(block.text)


#: A caption with its credit is a line or two; a longer paragraph ending in a credit is text quoting a source.
MAX_CAPTION_CHARS = 200
_CREDITED = re.compile(rf"(?:{'|'.join(CREDIT_MARKERS)})\s*[^.!?©]{{2,60}}\)?$", re.IGNORECASE)


@rule(off=lambda block: False)
def is_credited_caption(block: Block) -> bool:
    """Whether a short paragraph is a photo caption closed by its credit ("Lee Elder at the 1975
    Masters. | © Getty Images", "Die Schule in Tristach (Foto: VS Tristach)"), set as text under a
    photo by pages without ``<figure>``: not article text (captions are a field of their own).

    >>> from lxml import html
    >>> p = html.fromstring("<p>x</p>")
    >>> is_credited_caption(Block(p, "p", "Lee Elder at the 1975 Masters. | © Augusta National/Getty Images"))
    True
    >>> is_credited_caption(Block(p, "p", "The photo was taken by Jane Doe in 1975."))
    False
    """
    return len(block.text) < MAX_CAPTION_CHARS and bool(_CREDITED.search(block.text))


_NUMBERED_CAPTION = re.compile(rf"^(?:{'|'.join(FIGURE_LABELS)})\s*\d+[a-z]?\s*[:.]\s", re.IGNORECASE)


@rule(off=lambda block: False)
def is_numbered_caption(block: Block) -> bool:
    """Whether a short paragraph is a numbered figure caption ("Abbildung 4: Klassische Schwachschicht.",
    "Figure 2: Changing the font size"): the line under an illustration, not a paragraph of the text.

    >>> from lxml import html
    >>> p = html.fromstring("<p>x</p>")
    >>> [is_numbered_caption(Block(p, "p", t)) for t in ("Figure 2: Changing Font Size of All Text Elements.",
    ...                                                  "Figure skating returns to the city in 2025.")]
    [True, False]
    """
    return len(block.text) < MAX_CAPTION_CHARS and bool(_NUMBERED_CAPTION.match(block.text))


#: A date line is a label and a date (with a time or a category at most); longer lines are text.
MAX_DATE_LINE_CHARS = 60
_DATE_LINE = re.compile(rf"^\W*(?:{'|'.join(DATE_LINE_LABELS)})\s*:?\s*\S*\d", re.IGNORECASE)


@rule(off=lambda block: False)
def is_date_line(block: Block) -> bool:
    """Whether a short line inside the text is the page's date line ("Aktualisiert am 17.01.2021.",
    "Stand: 05. Februar 2020", "Updated: 28 Apr 2020"): metadata, not a paragraph of the text.

    >>> from lxml import html
    >>> p = html.fromstring("<p>x</p>")
    >>> [is_date_line(Block(p, "p", t)) for t in ("Stand: 05. Februar 2020", "Stand der Dinge: 3 Klagen laufen",
    ...                                           "Published on 3 May 2021 by the council")]
    [True, False, True]
    """
    return len(block.text) < MAX_DATE_LINE_CHARS and bool(_DATE_LINE.match(block.text))


_CONSENT_NOTICE = re.compile(rf"\b(?:{'|'.join(CONSENT_NOTICE_PHRASES)})", re.IGNORECASE)
#: A cookie banner's or browser warning's text is a few sentences: longer paragraphs are article text
#: (an article about cookies or browsers).
MAX_NOTICE_CHARS = 400


@rule(off=lambda block: False)
def is_consent_notice(block: Block) -> bool:
    """Whether a block is a cookie/consent banner or an outdated-browser warning set inside the
    article's wrapper ("Wir verwenden Cookies, um ...", "This site uses cookies", "Dein Browser ist
    leider veraltet"): a short paragraph with one of the banners' phrases.

    >>> from lxml import html
    >>> p = html.fromstring("<p>x</p>")
    >>> is_consent_notice(Block(p, "p", "Wir verwenden Cookies, um die Website zu verbessern. OK"))
    True
    >>> is_consent_notice(Block(p, "p", "The court ruled that sites must ask before they set cookies."))
    False
    """
    return len(block.text) < MAX_NOTICE_CHARS and bool(_CONSENT_NOTICE.search(block.text))


@rule(off=lambda block: False)
def is_teaser_title(block: Block) -> bool:
    """Whether a heading sits inside a link: the title of another article's teaser card
    (``<a href=...><h2>Other story</h2></a>``) in a related-articles box within the text.

    >>> from lxml import html
    >>> card = html.fromstring('<div><a href="/other"><h2>Hackers offer a discount</h2></a><h2>Reactions</h2></div>')
    >>> [is_teaser_title(Block(h, "h2", h.text_content())) for h in card.iter("h2")]
    [True, False]
    """
    if block.tag not in HEADING_TAGS:
        return False
    node = block.element.getparent()
    while node is not None:
        if node.tag == "a":
            return True
        node = node.getparent()
    return False


@rule(off=lambda paragraphs: paragraphs)
def trim_edges(paragraphs: list[Block]) -> list[Block]:
    """Drop what frames the text rather than belongs to it: subheadings and short lines (kickers,
    datelines, "Topic of the programme:", "Photos: ...") before the first and after the last
    real paragraph.  A paragraph of text that ends in a colon (a photo's data sheet, a call to sign
    a petition) stays.

    >>> from lxml import html
    >>> p = html.fromstring("<p>x</p>")
    >>> text = "The comet was seen over the hills for three nights in a row. " * 3
    >>> kept = trim_edges([Block(p, "h2", "Kicker"), Block(p, "p", text), Block(p, "p", "More here:")])
    >>> [b.text for b in kept] == [text]
    True
    >>> [b.text for b in trim_edges([Block(p, "p", text + "Details:")])] == [text + "Details:"]
    True
    """
    def is_frame(block: Block) -> bool:
        return block.tag in HEADING_TAGS or len(block.text) < EDGE_LINE_CHARS

    start, end = 0, len(paragraphs)
    while start < end and is_frame(paragraphs[start]):
        start += 1
    # At the end also a line announcing something that is not there ("More in our live blog:").
    while end > start and (is_frame(paragraphs[end - 1]) or (paragraphs[end - 1].text.endswith(":")
                                                             and len(paragraphs[end - 1].text) < MAX_ANNOUNCE_CHARS)):
        end -= 1
    return paragraphs[start:end]


_TITLE_WORD = re.compile(r"(?:^|(?<=[-_]))(?:title|headline|subtitle|heading)(?=$|[-_]|\d)")


def is_titled_subheading(block: Block) -> bool:
    """Whether a subheading is furniture only because its own class calls it a title
    (``<h3 class="section__title">``): a section heading of the text, not page furniture.

    >>> from lxml import html
    >>> h3 = html.fromstring('<h3 class="voc-d-c__s-title">Retirada de la custodia</h3>')
    >>> is_titled_subheading(Block(h3, "h3", "Retirada de la custodia", furniture=h3))
    True
    >>> h3 = html.fromstring('<h3 class="related-title">More stories</h3>')
    >>> is_titled_subheading(Block(h3, "h3", "More stories", furniture=h3))
    False
    """
    if block.tag not in HEADING_TAGS or block.furniture is not block.element:
        return False
    words = class_words(block.element)
    if not words or is_furniture(block.element, _TITLE_WORD.sub("x", words)):
        return False
    return True


def body_blocks(found: PageWalk, headline_element=None, container=None) -> list[Block]:
    """The article's paragraphs and subheadings, in page order."""
    if container is None:
        return []
    # Blocks before the headline (kickers, breadcrumbs) are not body, when the headline is in the container.
    start = 0
    if headline_element is not None and is_inside(headline_element, container):
        start = found.order.get(headline_element, 0)
    inside = [b for b in found.blocks if found.order.get(b.element, 0) > start and is_inside(b.element, container)
              and (b.furniture is None or is_inside(container, b.furniture) or is_titled_subheading(b))]
    kept = [b for b in before_related_tail(inside) if keep_block(b)]
    return without_disclosure(without_promo_tail(trim_edges(kept)))


_RELATED_TAIL = re.compile(rf"^\W*(?:{'|'.join(RELATED_TAIL_HEADINGS)})\b\s*(?::|$)", re.IGNORECASE)
#: A related-articles heading ends the text only when this share of the text's characters comes before
#: it: the closing part of the article, not a box of links set early in it.
RELATED_TAIL_SHARE = 0.5


@rule(off=lambda blocks: blocks)
def before_related_tail(blocks: list[Block]) -> list[Block]:
    """The container's blocks before a heading that announces a list of other articles ("Related
    articles", "Das könnte Dich auch interessieren: ...", "Notas relacionadas") in the text's second
    half: what follows it is other articles' titles and teasers, not this article.

    >>> from lxml import html
    >>> p = html.fromstring("<p>x</p>")
    >>> text = "The council approved the budget after a long debate on Monday evening."
    >>> blocks = [Block(p, "p", text), Block(p, "p", text), Block(p, "h3", "Related articles"),
    ...           Block(p, "p", "Budget: what the council decided last year and why it matters")]
    >>> len(before_related_tail(blocks)), len(before_related_tail(blocks[2:] + blocks[:2]))
    (2, 4)
    """
    total = sum(len(b.text) for b in blocks)
    seen = 0
    for index, block in enumerate(blocks):
        if index and seen >= RELATED_TAIL_SHARE * total and _RELATED_TAIL.match(block.text):
            return blocks[:index]
        seen += len(block.text)
    return blocks


DISCLOSURE = re.compile(rf"^\W*(?:{'|'.join(DISCLOSURE_PHRASES)})", re.IGNORECASE)


@rule(off=lambda blocks: blocks)
def without_disclosure(blocks: list[Block]) -> list[Block]:
    """The body without a short first paragraph that discloses advertising ("*Werbung. Dieser
    Beitrag enthält Werbung für ...", "Anzeige, enthält Affiliate Links"): a label, not the text.

    >>> from lxml import html
    >>> p = html.fromstring("<p>x</p>")
    >>> text = "The council approved the budget after a long debate on Monday evening."
    >>> [b.text for b in without_disclosure([Block(p, "p", "Anzeige, enthält Affiliate Links"), Block(p, "p", text)])]
    ['The council approved the budget after a long debate on Monday evening.']
    >>> len(without_disclosure([Block(p, "p", "Werbung im Netz wächst: " + text)]))
    1
    """
    if len(blocks) > 1 and len(blocks[0].text) < MAX_PROMO_CHARS / 2 and DISCLOSURE.search(blocks[0].text):
        return blocks[1:]
    return blocks


_PROMO_TAIL = re.compile(rf"\b(?:{'|'.join(PROMO_TAIL_PHRASES)})\b"
                         rf"|^(?:\d+|no|keine|sin|aucun|nessun)\s+(?:{'|'.join(COMMENT_COUNT_WORDS)})\b", re.IGNORECASE)


@rule(off=lambda blocks: blocks)
def without_promo_tail(blocks: list[Block]) -> list[Block]:
    """The body without the short paragraphs closing it that promote or notify rather than tell
    ("Follow us on Twitter", "Subscribe now to our e-edition", "3 Kommentare", a copyright line):
    only a run at the very end is dropped, and never the whole body.

    >>> from lxml import html
    >>> p = html.fromstring("<p>x</p>")
    >>> text = "The council approved the budget after a long debate on Monday evening."
    >>> blocks = [Block(p, "p", text), Block(p, "p", "Follow us on Twitter and Instagram @example."),
    ...           Block(p, "p", "3 Kommentare")]
    >>> [b.text for b in without_promo_tail(blocks)] == [text]
    True
    >>> len(without_promo_tail([Block(p, "p", "Subscribe to our newsletter: the best stories every week.")]))
    1
    """
    end = len(blocks)
    while end > 1 and len(blocks[end - 1].text) < MAX_PROMO_CHARS and _PROMO_TAIL.search(blocks[end - 1].text):
        end -= 1
    return blocks[:end]


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
DECLARED_BODY_COVER = 0.7
#: Share of a declared paragraph's words already in the markup for it to count as shown.
DECLARED_PARAGRAPH_SHOWN = 0.5
#: Declared text shorter than this (characters) is a summary, not a body.
DECLARED_BODY_MIN = 200
#: Markup shorter than 1/this of the declared text shows nearly nothing of it (a script-rendered
#: body): the declared paragraphs are taken whole, in their order.
DECLARED_BODY_ONLY = 10

_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    """Lower-case words of a text.

    >>> _words("The cat, the HAT.")
    ['the', 'cat', 'the', 'hat']
    """
    return _WORD.findall(text.lower())


def _shown_share(words: list[str], shown: set) -> float:
    """Share of ``words`` found in the set ``shown`` (1.0 for no words).

    >>> _shown_share(["a", "b", "c", "d"], {"a", "b"})
    0.5
    """
    return sum(w in shown for w in words) / len(words) if words else 1.0


_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+(?=[\"“„«(\[]?[A-ZÀ-ÖØ-Þ0-9])")
_DECLARED_BREAK = re.compile(r"<\s*(?:/p|br\s*/?|/h[1-6]|/li|/div|/blockquote)\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]{0,300}>")


def declared_paragraphs(declared: str) -> list[str]:
    """The paragraphs of a declared ``articleBody``: plain text split at line breaks, or (escaped)
    HTML split at its paragraph ends, its tags dropped.

    >>> declared_paragraphs("&lt;p&gt;One &amp;amp; two.&lt;/p&gt;&lt;p&gt;Three.&lt;/p&gt;")
    ['One & two.', 'Three.']
    >>> declared_paragraphs("First line.\\nSecond line.")
    ['First line.', 'Second line.']
    """
    for _ in range(2):
        if "&" not in declared:
            break
        declared = html.unescape(declared)
    declared = declared.replace("\\n", "\n")
    if _TAG.search(declared):
        declared = _TAG.sub(" ", _DECLARED_BREAK.sub("\n", declared))
    return [p for p in (normalize_space(p) for p in declared.split("\n")) if p]


def _missing_pieces(declared: list[str], shown: set) -> list[str]:
    """The declared paragraphs' runs of sentences the markup does not show, as paragraphs.

    >>> _missing_pieces(["Seen here. Not there at all. Seen here too."], {"seen", "here", "too"})
    ['Not there at all.']
    """
    missing = []
    for paragraph in declared:
        run = []
        for sentence in _SENTENCE_BREAK.split(paragraph):
            if _shown_share(_words(sentence), shown) < DECLARED_PARAGRAPH_SHOWN:
                run.append(sentence)
            elif run:
                missing.append(" ".join(run))
                run = []
        if run:
            missing.append(" ".join(run))
    return missing


@rule(off=lambda paragraphs, meta: paragraphs,
      declared="falls back on the page's own JSON-LD articleBody where the markup shows a fragment of it")
def with_declared_body(paragraphs: list[str], meta) -> list[str]:
    """The markup paragraphs, completed from JSON-LD ``articleBody`` when they show only a fragment
    of it (bodies split over containers, rendered by scripts, or kept in a data island).

    The declared sentences the markup lacks are added after the markup's paragraphs (the declared
    paragraphs replace the markup when it shows nearly nothing).
    """
    declared = meta.article_value("articleBody")
    if not isinstance(declared, str):
        return paragraphs
    declared = declared_paragraphs(declared)
    size = sum(map(len, declared))
    if size < DECLARED_BODY_MIN or sum(map(len, paragraphs)) >= size:
        return paragraphs
    if DECLARED_BODY_ONLY * sum(map(len, paragraphs)) < size:
        return declared
    shown = set(_words(" ".join(paragraphs)))
    if _shown_share(_words(" ".join(declared)), shown) >= DECLARED_BODY_COVER:
        return paragraphs
    return paragraphs + _missing_pieces(declared, shown)
