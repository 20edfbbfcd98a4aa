"""The article body: the text container among the walk's blocks (``newscrawl.extract.generic.walk``)
and the paragraphs kept from it.

Each paragraph credits its text length to its parent (and half to its grandparent); the best-scored
element is the article's text container, widened to an ancestor while it holds much more good text
(bodies split over sibling sections, or between a wrapper and a box in it: ``split_text``).  The
page's blocks also form runs of text in page order (``text_runs``: paragraphs with the short blocks
between them, cut at link lists, furniture text, footers and h1s): the container's blocks take the
parts of their runs that lie outside it when those hold several sentences (``with_continued_text``:
an article split over sibling boxes, a first paragraph before a paywall box), and where the body
keeps clearly less than the page's densest run, that run is merged in (``with_densest_region``: the
body never comes out empty where the page holds a run of text).  The body's blocks end at a
related-articles heading in the text's second half (``before_related_tail``)
and lose link lists, teaser titles, UI labels, consent banners, captions set as text and date lines
(``keep_block``), the lines framing the text (``trim_edges``) and a closing run of calls to action
(``without_promo_tail``).  A subheading in a furniture-named box stays when only its own name or its
headline box's calls it a title (``is_titled_subheading``, ``is_headline_element``).  JSON-LD
``articleBody`` (plain or escaped HTML, ``declared_paragraphs``) completes markup that shows only a
fragment of it with the sentences it lacks, or replaces markup that shows nearly nothing
(``with_declared_body``); a JSON-LD recipe adds the ingredient lines and steps the body lacks
(``with_declared_recipe``).
"""
from __future__ import annotations

import bisect
import html
import re

from newscrawl.extract.generic.boilerplate import class_words, is_furniture, is_ui_paragraph
from newscrawl.extract.generic.bylines import strip_byline_prefix
from newscrawl.extract.generic.rules import rule
from newscrawl.extract.generic.vocabulary import (
    COMMENT_COUNT_WORDS,
    CONSENT_NOTICE_PHRASES,
    CREDIT_MARKERS,
    DATE_LINE_LABELS,
    DISCLOSURE_PHRASES,
    FIGURE_LABELS,
    PROMO_TAIL_PHRASES,
    RELATED_TAIL_HEADINGS,
)
from newscrawl.extract.generic.walk import MIN_PARAGRAPH_CHARS, STRONG_FURNITURE, Block, PageWalk
from newscrawl.extract.text import lower_words, normalize_space

HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
#: A paragraph inside a furniture-named box counts this share of its length when containers are
#: scored: such a box may hold the text (a site names its wrapper "sidebar-1"), but rarely does.
FURNITURE_WEIGHT = 0.2
#: A line shorter than this before the first or after the last paragraph is a kicker, dateline or credit
#: (a closing line such as "Euer Hans" or "Thanks for all the fish" is longer than most of those).
EDGE_LINE_CHARS = 30
#: A last line ending in ":" shorter than this announces something not there ("More in our live blog:").
MAX_ANNOUNCE_CHARS = 150
#: A closing call to action ("Follow us on ...") is one or two sentences: longer paragraphs are text.
MAX_PROMO_CHARS = 250
#: A line starting with a "By"-word and shorter than this is a byline set as a paragraph, not text.
BYLINE_LINE_CHARS = 80
#: A block with this share of its characters in links is a link list (related articles, tags), not text.
MAX_LINK_DENSITY = 0.5
#: The container widens to an ancestor holding this share more text in paragraphs shaped like its own,
#: looking up to this many levels (forum threads and live blogs nest each post eight or more deep).
WIDEN_SHARE = 0.2
WIDEN_LEVELS = 10

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
#: A paragraph of this many words or more, with its own text before any link, is a sentence that
#: happens to contain links, not a teaser link list.
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


@rule(off=lambda block: False)
def is_headline_element(block: Block) -> bool:
    """Whether a subheading is furniture only because the box holding it, and nothing else, is named a
    headline: a CMS's headline content element around a section heading of the text (``<div
    class="neos-nodetypes-headline"><h4>``, ``<div class="element-headline"><h2>``), not page furniture.

    >>> from lxml import html
    >>> box = html.fromstring('<div class="element-headline"><h2>The vote</h2></div>')
    >>> is_headline_element(Block(box[0], "h2", "The vote", furniture=box))
    True
    >>> box = html.fromstring('<div class="related-headline"><h2>More stories</h2></div>')
    >>> is_headline_element(Block(box[0], "h2", "More stories", furniture=box))
    False
    >>> box = html.fromstring('<div class="headline"><h2>The vote</h2><p>Share</p></div>')
    >>> is_headline_element(Block(box[0], "h2", "The vote", furniture=box))
    False
    """
    box = block.furniture
    if block.tag not in HEADING_TAGS or box is None or box is block.element:
        return False
    words = class_words(box)
    if not words or is_furniture(box, _TITLE_WORD.sub("x", words)):
        return False
    return normalize_space("".join(box.itertext())) == block.text


def body_blocks(found: PageWalk, headline_element=None, container=None) -> list[Block]:
    """The article's paragraphs and subheadings, in page order: the container's, with the text runs
    they continue outside it (``with_continued_text``) or the page's densest run where the container
    holds clearly less (``with_densest_region``)."""
    inside = []
    headline_at = found.order.get(headline_element, 0) if headline_element is not None else 0
    if container is not None:
        # Blocks before the headline (kickers, breadcrumbs) are not body, when the headline is in the container.
        start = headline_at if headline_at and is_inside(headline_element, container) else 0
        inside = [b for b in found.blocks if found.order.get(b.element, 0) > start and is_inside(b.element, container)
                  and (b.furniture is None or is_inside(container, b.furniture) or is_titled_subheading(b)
                       or is_headline_element(b))]
    runs = text_runs(found)
    inside = with_continued_text(inside, runs, found, container, headline_at)
    return with_densest_region(_kept(inside), inside, runs, found, headline_at)


def _kept(blocks: list[Block]) -> list[Block]:
    """The blocks that are article text: the related tail cut, link lists, UI lines, framing lines and
    closing calls to action dropped."""
    kept = [b for b in before_related_tail(blocks) if keep_block(b)]
    return without_disclosure(without_promo_tail(trim_edges(kept)))


#: A continuation of the text outside the container (a run's part before or after it) holds at least
#: this much running text: a part of the article, several sentences long; a closing
#: note, an author's bio, a standfirst or a box's line are shorter.
CONTINUED_MIN_CHARS = 400
#: Consecutive paragraphs continue one run of text when they meet (their nearest common ancestor) at
#: most this many levels above either one's parent: an article split over sibling sections, or over a
#: wrapper and a paywall box in it (``<section><div class=row><div class=col><p>``), meets within three;
#: a sidebar column or a teaser strip beside the article meets it further up, at the page's layout.
RUN_LEVELS = 3
#: Characters of in-between blocks (subheadings, short lines, list items: neither paragraphs nor link
#: lists) a run crosses between two paragraphs: a few subheadings or a short list, not a comment thread.
RUN_GAP_CHARS = 300
#: Characters of link text a run crosses between two paragraphs: one link line ("Back to contents",
#: "Read also: <title>"), not a list of links (a related-articles box, a table of contents).
RUN_LINK_CHARS = 100


def _is_running(block: Block) -> bool:
    """A paragraph of running text: paragraph-shaped, long enough, mostly not links, outside furniture."""
    return block.furniture is None and _is_good(block)


def _meet_near(first, second) -> bool:
    """Whether two elements have a common ancestor at most ``RUN_LEVELS`` levels above each one's parent.

    >>> from lxml import html
    >>> deep = "<div><div><div><div><p>c</p></div></div></div></div>"
    >>> page = html.fromstring(f"<div><div><div><p>a</p></div></div><section><p>b</p></section>{deep}</div>")
    >>> a, b, c = page.iter("p")
    >>> _meet_near(a, b), _meet_near(a, c)
    (True, False)
    """
    above: set = set()
    node = first.getparent()
    for _ in range(RUN_LEVELS + 1):
        if node is None:
            break
        above.add(node)
        node = node.getparent()
    node = second.getparent()
    for _ in range(RUN_LEVELS + 1):
        if node is None:
            return False
        if node in above:
            return True
        node = node.getparent()
    return False


def _in_weak_furniture(block: Block) -> bool:
    """Whether a block's furniture box is named for something that may hold text (a gallery, a media or
    banner slot, a header), not for a box of other content (related links, comments, ads, consent)."""
    return block.furniture is not None and not STRONG_FURNITURE.search(class_words(block.furniture)) \
        and _is_good(block)


def text_runs(found: PageWalk, trust_weak_furniture: bool = False) -> list[list[Block]]:
    """The page's runs of text: paragraphs following one another in page order, with the subheadings and
    short lines between them, in the manner of jusText's context rule (short blocks between paragraphs
    go with them).  A run ends at a furniture box's text, at more than ``RUN_LINK_CHARS`` of link text or
    ``RUN_GAP_CHARS`` of other blocks between two paragraphs, at a footer or an h1 (``found.breaks``), and
    where a paragraph does not meet the previous one within ``RUN_LEVELS`` levels.  With
    ``trust_weak_furniture`` paragraphs in boxes named for something that may hold text (a gallery, a
    banner slot: ``_in_weak_furniture``) count as running text too.

    >>> from lxml import html
    >>> from newscrawl.extract.generic.walk import walk_page
    >>> text = "The council approved the budget after a long debate on Monday. "
    >>> page = html.fromstring(f"<body><div><p>{text}</p></div><div class=ad></div><div><h2>Then</h2><p>{text}</p>"
    ...                        f"</div><footer>x</footer><div><p>{text}</p></div></body>")
    >>> [len(run) for run in text_runs(walk_page(page))]
    [3, 1]
    """
    runs: list[list[Block]] = []
    run: list[Block] = []
    between: list[Block] = []
    gap = links = 0
    last_at = 0
    breaks = found.breaks
    order = found.order
    for block in found.blocks:
        if _is_running(block) or (trust_weak_furniture and _in_weak_furniture(block)):
            at = order.get(block.element, 0)
            if run and (gap > RUN_GAP_CHARS or links > RUN_LINK_CHARS
                        or bisect.bisect_left(breaks, at) != bisect.bisect_left(breaks, last_at)
                        or not _meet_near(run[-1].element, block.element)):
                runs.append(run)
                run = []
            else:
                run.extend(between)
            run.append(block)
            between, gap, links, last_at = [], 0, 0, at
        elif block.furniture is not None and len(block.text) >= MIN_PARAGRAPH_CHARS:
            if run:
                runs.append(run)
            run, between, gap, links = [], [], 0, 0
        elif run:
            between.append(block)
            if block.link_density >= MAX_LINK_DENSITY:
                links += block.link_chars
            else:
                gap += len(block.text)
    if run:
        runs.append(run)
    return runs


def _running_chars(blocks: list[Block], trust_weak_furniture: bool = False) -> int:
    """Characters of running text (outside links) in the blocks."""
    return sum(len(b.text) - b.link_chars for b in blocks
               if _is_running(b) or (trust_weak_furniture and _in_weak_furniture(b)))


def _after(blocks, found: PageWalk, start: int) -> list[Block]:
    return [b for b in blocks if found.order.get(b.element, 0) > start]


@rule(off=lambda inside, runs, found, container, start: inside)
def with_continued_text(inside: list[Block], runs: list[list[Block]], found: PageWalk, container, start: int):
    """The container's blocks and the blocks outside it (after the headline, at ``start``) of the runs of
    text they sit in: an article split over sibling containers (text, ad slot, text), a first paragraph
    set before a paywall box that holds the rest, sections of a long page kept in boxes of their own.

    >>> from lxml import html
    >>> from newscrawl.extract.generic.walk import walk_page
    >>> text = "The council approved the budget after a long debate on Monday. "
    >>> page = html.fromstring(f"<body><h1>T</h1><div><p>{text * 4}</p><p>{text * 4}</p><div class=rest>"
    ...                        f"<p>{text * 4}</p><p>{text * 4}</p><p>{text * 4}</p></div></div></body>")
    >>> found = walk_page(page)
    >>> container = page.find(".//div[@class='rest']")
    >>> inside = [b for b in found.blocks if is_inside(b.element, container)]
    >>> len(with_continued_text(inside, text_runs(found), found, container, 0))
    5
    """
    if not inside:
        return inside
    own = {id(b) for b in inside}
    first, last = found.order.get(inside[0].element, 0), found.order.get(inside[-1].element, 0)
    extra = []
    for run in runs:
        if any(id(b) in own for b in run):
            outside = [b for b in _after(run, found, start) if id(b) not in own and not is_inside(b.element, container)]
            before = [b for b in outside if found.order.get(b.element, 0) < first]
            after = [b for b in outside if found.order.get(b.element, 0) > last]
            # Each side must be a part of the text, not one line, a standfirst, a bio or a box's note.
            extra += [b for side in (before, after) if _running_chars(side) >= CONTINUED_MIN_CHARS for b in side]
    if not extra:
        return inside
    return sorted(inside + extra, key=lambda b: found.order.get(b.element, 0))


#: The container holds clearly less of the article than the page's densest run of text when its running
#: text is below this share of the run's: a teaser box or a caption chosen over the text, or nothing.
REGION_SHARE = 0.5
#: A run with less running text than this is no article (a form's help text, a product box).
REGION_MIN_CHARS = 200


@rule(off=lambda kept, inside, runs, found, start: kept)
def with_densest_region(kept: list[Block], inside: list[Block], runs: list[list[Block]], found: PageWalk, start: int):
    """The body (``kept``, filtered from the container's blocks ``inside``), or, when its text is less
    than ``REGION_SHARE`` of the running text of the page's densest run after the headline (``start``),
    the container's blocks merged with that run's (page order, no duplicates) and filtered again: the body
    never comes out empty, nor a fragment, where the page holds a run of article text.

    >>> from lxml import html
    >>> from newscrawl.extract.generic.walk import walk_page
    >>> text = "The council approved the budget after a long debate on Monday. "
    >>> page = html.fromstring(f"<body><h1>T</h1><p>Advertisement</p><p>{text}</p><p>{text}</p>"
    ...                        f"<p>{text}</p><p>{text}</p></body>")
    >>> found = walk_page(page)
    >>> len(with_densest_region([], found.blocks[:1], text_runs(found), found, 0))
    4
    """
    body_chars = sum(len(b.text) - b.link_chars for b in kept if _is_good(b))
    # An empty body also looks into boxes whose name does not exclude text (a text set in a gallery or
    # banner slot, the only text of the page).
    relaxed = not body_chars
    if relaxed:
        runs = text_runs(found, trust_weak_furniture=True)
    runs = [run for run in (_after(run, found, start) for run in runs)
            if _running_chars(run, relaxed) > max(REGION_MIN_CHARS, body_chars / REGION_SHARE)]
    if not runs:
        return kept  # (the quick test: no run holds enough text even before its blocks are filtered)
    # The runs' text as the body would keep it (a run of captions set as text or of notices is none).
    best, best_chars = None, max(REGION_MIN_CHARS, body_chars / REGION_SHARE)
    for run in runs:
        chars = _running_chars([b for b in run if keep_block(b)], relaxed)
        if chars > best_chars:
            best, best_chars = run, chars
    if best is None:
        return kept
    own = {id(b) for b in inside}
    extra = [b for b in best if id(b) not in own]
    return _kept(sorted(inside + extra, key=lambda b: found.order.get(b.element, 0)))


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


#: Markup showing less than this share of the declared articleBody's words is a fragment of it: the
#: declared sentences it lacks are added.
DECLARED_BODY_COVER = 0.7
#: Share of a declared paragraph's words already in the markup for it to count as shown.
DECLARED_PARAGRAPH_SHOWN = 0.5
#: Declared text shorter than this (characters) is a summary, not a body.
DECLARED_BODY_MIN = 200
#: Markup shorter than 1/this of the declared text shows nearly nothing of it (a script-rendered
#: body): the declared paragraphs are taken whole, in their order.
DECLARED_BODY_ONLY = 10



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
            if _shown_share(lower_words(sentence), shown) < DECLARED_PARAGRAPH_SHOWN:
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
    shown = set(lower_words(" ".join(paragraphs)))
    if _shown_share(lower_words(" ".join(declared)), shown) >= DECLARED_BODY_COVER:
        return paragraphs
    return paragraphs + _missing_pieces(declared, shown)


#: JSON-LD types of a recipe (``HowTo`` declares its steps as a recipe declares its instructions).
RECIPE_TYPES = frozenset({"Recipe", "HowTo"})


def _declared_texts(value) -> list[str]:
    """The lines of a declared recipe list: strings, ``HowToStep``'s ``text``, ``HowToSection``'s
    ``name`` and steps (``itemListElement``), in their order, each as its paragraphs.

    >>> _declared_texts(["200 g Mehl", {"@type": "HowToSection", "name": "Teig",
    ...                  "itemListElement": [{"@type": "HowToStep", "text": "<p>Mehl sieben.</p>"}]}])
    ['200 g Mehl', 'Teig', 'Mehl sieben.']
    """
    if isinstance(value, str):
        return declared_paragraphs(value)
    if isinstance(value, list):
        return [text for item in value for text in _declared_texts(item)]
    if not isinstance(value, dict):
        return []
    if "itemListElement" in value:
        return _declared_texts(value.get("name")) + _declared_texts(value["itemListElement"])
    return _declared_texts(value.get("text", value.get("name")))


def declared_recipe(meta) -> list[str]:
    """The lines of the first recipe the page declares in JSON-LD: its ingredients, then its steps."""
    for node in meta.jsonld:
        kinds = node.get("@type")
        if RECIPE_TYPES.intersection(kinds if isinstance(kinds, list) else [kinds]):
            return _declared_texts(node.get("recipeIngredient") or node.get("ingredients") or node.get("supply")) \
                + _declared_texts(node.get("recipeInstructions") or node.get("step"))
    return []


@rule(off=lambda paragraphs, meta: paragraphs)
def with_declared_recipe(paragraphs: list[str], meta) -> list[str]:
    """The body paragraphs, completed with the ingredient lines and steps of the recipe the page
    declares in JSON-LD (``Recipe``, ``HowTo``) that they lack: a recipe page sets its ingredient
    list in a table or box of its own, apart from the text the container holds, or renders its
    steps by script; they are the page's main content all the same.

    >>> from parsel import Selector
    >>> from newscrawl.extract.metadata import PageMetadata
    >>> page = ('<script type="application/ld+json">{"@type": "Recipe", "recipeIngredient": ["200 g Mehl",'
    ...         '"1 Prise Salz"], "recipeInstructions": [{"@type": "HowToStep", "text": "Mehl und Salz mischen."}]}'
    ...         '</script>')
    >>> with_declared_recipe(["Mehl und Salz mischen, dann ruhen lassen."], PageMetadata(Selector(text=page)))
    ['Mehl und Salz mischen, dann ruhen lassen.', '200 g Mehl', '1 Prise Salz']
    """
    declared = declared_recipe(meta)
    if not declared:
        return paragraphs
    missing = _missing_pieces(declared, set(lower_words(" ".join(paragraphs))))
    return paragraphs + missing if missing else paragraphs
