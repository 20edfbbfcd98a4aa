"""The authors field: who wrote the article, as person names (an organisation only when no person
is named).

Sources, best first: JSON-LD persons (also ``@id`` references into a ``@graph``), the byline markup
between headline and text (class/id tokens, ``rel``/``itemprop=author``, links to author pages),
``<meta name=author>`` when it is not the site, a signature
under the text, and last the JSON-LD organisation.  Cleaning raw byline strings into names is
``bylines.py``'s job.
"""
from __future__ import annotations

import re

from newscrawl.extract.generic.boilerplate import class_words, in_teaser_link
from newscrawl.extract.generic.bylines import (
    clean_authors,
    has_by_word,
    is_role_element,
    is_role_text,
    is_site_name,
    looks_like_name,
    opens_with_by_word,
    strip_byline_prefix,
)
from newscrawl.extract.generic.rules import rule
from newscrawl.extract.generic.vocabulary import AUTHOR_META_KEYS, NEWSROOM_WORDS
from newscrawl.extract.generic.walk import BYLINE_CLASS, INLINE_TAGS, PHOTO_BOX, position, spaced_text
from newscrawl.extract.metadata import as_list
from newscrawl.extract.text import normalize_space

#: Byline elements read per page: a page lists a handful of authors at most; more byline-marked
#: elements are teaser cards or comment authors.
MAX_BYLINES = 6
#: A byline element with more text than this is an author box (bio, links), not a byline.
MAX_BYLINE_CHARS = 150
#: A text line longer than this that starts with "Von"/"By" is a sentence ("Von Berlin aus ..."),
#: not a byline: a byline line holds a few names and maybe a date.
MAX_BYLINE_LINE_CHARS = 100
#: Walked elements after the text's last paragraph still searched for a byline line: the credit
#: many pages print under the text ("Von: Götz Warnke", "责任编辑：焦鹏", a blog's "Posted by") sits
#: within a couple of dozen (share buttons, tag lists and a signature box may come first).
AFTER_BODY_ELEMENTS = 25
#: A newsroom credit is short ("Redaktion Polizeiticker Schweiz"); longer text is a sentence.
MAX_NEWSROOM_WORDS = 4


@rule(off=lambda element, text: [text])
def byline_parts(element, text: str) -> list[str]:
    """A byline element's names: one per child element when it lists them in separate elements
    (``<span>Jane Doe</span><span>John Roe</span>``), else its whole text."""
    roles = [node for node in element.iter() if node is not element and isinstance(node.tag, str)
             and is_role_element(node)]
    if roles:
        # "By Jane Doe <span class=job-title>Travel News Reporter</span> [Bookmark]": the title ends the
        # names (as a ", Reporter" tail does in ``split_byline``).
        role_text = spaced_text(roles[0], skip_hidden=True)
        at = text.find(role_text) if role_text else -1
        if at > 0:
            text = normalize_space(text[:at])
    if has_by_word(text):
        return [text]
    leaves = [spaced_text(node, skip_hidden=True) for node in element.iter("a", "span", "li", "strong", "b")
              if node is not element and not len(node) and not is_role_element(node)]
    leaves = [leaf for leaf in leaves if len(leaf.split()) >= 2 and not is_role_text(leaf)]
    if len(leaves) >= 2 or (roles and leaves):
        return leaves
    return [text]


def after_body(found, blocks) -> list:
    """The article's last paragraph and the text block right after it (a short line the body leaves out)."""
    if not blocks:
        return []
    last = blocks[-1].element
    for index, block in enumerate(found.blocks):
        if block.element is last:
            return found.blocks[index:index + 2]
    return blocks[-1:]


def _text_follows(element) -> bool:
    """Whether text follows ``element`` in its parent: a bold line with text after it is a
    sub-heading ("<p><b>Weitere Informationen</b></p><ul>..."), not a signature."""
    return any(isinstance(sibling.tag, str) and "".join(sibling.itertext()).strip()
               for sibling in element.itersiblings())


@rule(off=lambda blocks: None)
def signature_line(blocks) -> str | None:
    """The first of ``blocks`` that is a name set in bold on its own line: an author's signature
    under the text ("<p><strong>Lê Phương</strong></p>").

    >>> from lxml import html
    >>> from newscrawl.extract.generic.walk import Block
    >>> p = html.fromstring('<p style="text-align:right"><strong>Lê Phương</strong></p>')
    >>> signature_line([Block(p, "p", "Lê Phương")])
    'Lê Phương'
    >>> h = html.fromstring('<div><p><b>Weltweite Strahlkraft</b></p><p>Der Start ...</p></div>')[0]
    >>> signature_line([Block(h, "p", "Weltweite Strahlkraft")]) is None
    True
    >>> q = html.fromstring('<p><strong>Read more</strong></p>')
    >>> signature_line([Block(q, "p", "Read more")]) is None
    True
    """
    for block in blocks:
        if block.tag != "p":
            continue
        element, text = block.element, block.text
        children = [child for child in element if isinstance(child.tag, str)]
        if (len(children) == 1 and children[0].tag in ("strong", "b") and not (element.text or "").strip()
                and not (children[0].tail or "").strip() and 2 <= len(text.split()) <= 4 and looks_like_name(text)
                and not any(c in text for c in ".:!?") and not _text_follows(element)):
            return text
    return None


def site_names(meta) -> set[str]:
    """The names the page gives its site (og:site_name, application-name, the copyright holder,
    the JSON-LD publisher), case-folded: an author given as one of them is the site, not a person."""
    names = {normalize_space(n).casefold() for n in (
        meta.meta("og:site_name"), meta.meta("application-name"), meta.meta("copyright"),
        *meta.article_names("publisher")) if isinstance(n, str)}
    return names | {n.lstrip("©").strip() for n in names}


def is_site_named(name: str, names: set[str]) -> bool:
    """Whether ``name`` is one of the ``site_names``."""
    return normalize_space(name).casefold() in names


@rule(off=lambda persons, meta: persons)
def not_site_named(persons: list[str], meta) -> list[str]:
    """The JSON-LD persons that are not the site itself: a CMS that fills the article's author with
    a ``Person`` named as the site ("L'Opinion", the og:site_name) names no one; the byline may."""
    names = site_names(meta)
    return [person for person in persons if not is_site_named(person, names)]


def declared_author(meta) -> str | None:
    """The first ``<meta>`` author that names a person: a page may declare the site as one
    ``<meta name=author>`` and the reporter as another; the site name (og:site_name, the JSON-LD
    publisher, the copyright holder) is no author."""
    names = site_names(meta)
    for key in AUTHOR_META_KEYS:
        for value in meta.meta_all(key):
            if not is_site_named(value, names) and not value.startswith("http"):
                return value
    return None


@rule(off=lambda meta: [])
def referenced_persons(meta) -> list[str]:
    """Names of the article's authors given as JSON-LD references (``{"@id": ...}``) to Person
    nodes elsewhere on the page (a ``@graph`` or another script)."""
    value = meta.article_value("author")
    ids = [e["@id"] for e in as_list(value) if isinstance(e, dict) and isinstance(e.get("@id"), str)
           and not isinstance(e.get("name"), str)]
    if not ids:
        return []
    by_id = {n.get("@id"): n for n in meta.jsonld if isinstance(n, dict) and isinstance(n.get("name"), str)}
    names = []
    for ident in ids:
        node = by_id.get(ident)
        if node is not None and "Organization" not in str(node.get("@type", "")):
            names.append(node["name"])
    return names


#: JSON-LD types whose ``author`` is not the page's author: a comment's or an answer's writer.
REPLY_TYPES = ("Comment", "Answer")


@rule(off=lambda meta: [])
def work_persons(meta) -> list[str]:
    """The persons the page declares as author of another creative work than an article (a
    ``Recipe``, a ``HowTo``, a ``WebPage``, a forum post), read when it declares no article author:
    the first such node's ``author`` names, ``@id`` references resolved.

    >>> from parsel import Selector
    >>> from newscrawl.extract.metadata import PageMetadata
    >>> page = ('<script type="application/ld+json">{"@type": "Recipe", "name": "Kuchen",'
    ...         '"author": {"@type": "Person", "name": "Jane Doe"}}</script>')
    >>> work_persons(PageMetadata(Selector(text=page)))
    ['Jane Doe']
    """
    if meta.article_value("author"):
        return []
    by_id = None
    for node in meta.jsonld:
        if not isinstance(node, dict) or not node.get("author") or any(t in str(node.get("@type", ""))
                                                                         for t in REPLY_TYPES):
            continue
        names = []
        for entry in as_list(node["author"]):
            if isinstance(entry, dict) and not isinstance(entry.get("name"), str) and isinstance(entry.get("@id"), str):
                if by_id is None:
                    by_id = {n.get("@id"): n for n in meta.jsonld if isinstance(n, dict)}
                entry = by_id.get(entry["@id"], entry)
            if isinstance(entry, dict) and isinstance(entry.get("name"), str) \
                    and "Organization" not in str(entry.get("@type", "")):
                names.append(entry["name"])
        if names:
            return names
    return []


def _walked_between(found, first: int, last: int):
    """(element, its text block's text or ``None``) of the walked elements at positions ``first`` to
    ``last``, in page order: the lines a byline may be printed on."""
    block_texts = {block.element: block.text for block in found.blocks}
    for element, at in found.order.items():
        if at > last:
            break
        if at >= first:
            yield element, block_texts.get(element)


@rule(off=lambda element, text: text)
def text_after_label(element, text: str) -> str:
    """A bare "by" label's line: the label with the inline text that follows it up to the next block
    (``<b>Von:</b><br><br> Götz Warnke``, ``<strong>Autor:</strong> Jane Doe``), where the label is
    an element of its own and the name the text after it.

    >>> from lxml import html
    >>> label = html.fromstring('<p><b>Von:</b><br> <br> Götz Warnke</p>')[0]
    >>> text_after_label(label, "Von:"), text_after_label(label, "Von Jane Doe")
    ('Von: Götz Warnke', 'Von Jane Doe')
    """
    if strip_byline_prefix(text + " ").strip():
        return text  # the names are in the element itself
    parts = [text, element.tail or ""]
    for sibling in element.itersiblings():
        if not isinstance(sibling.tag, str) or sibling.tag not in INLINE_TAGS:
            break
        parts += [spaced_text(sibling, skip_hidden=True), sibling.tail or ""]
        if sum(map(len, parts)) > MAX_BYLINE_LINE_CHARS:
            break
    return normalize_space(" ".join(parts))


@rule(off=lambda found, first, last: [])
def byline_line(found, first: int, last: int) -> list[str]:
    """Names from the first short line between ``first`` and ``last`` (walk positions) that opens
    with a "by" word: "Von Lisa Petrich Mi, 18. Oktober 2023", "Autorin: Uta Staschewski",
    "Ein Artikel von <a>Jane Doe</a> | 27.01.2022" (bylines written as plain text, without byline
    markup).  A line is a text block, or a walked element whose own first text (or its first
    child's) opens so.

    >>> from lxml import html
    >>> from newscrawl.extract.generic.walk import walk_page
    >>> page = html.fromstring('<div><h1>T</h1><div class="x"><i>Von</i> <a href="/p">Jane Doe</a> | 3.5.2024</div>'
    ...                        '<p>Von Berlin aus regiert die Partei seit 1990, und zwar ohne Unterbrechung, wie '
    ...                        'alle wissen.</p></div>')
    >>> byline_line(walk_page(page), 0, 100)
    ['Jane Doe']
    """
    for element, block_text in _walked_between(found, first, last):
        opening = block_text or (element.text or "").strip()
        if not opening and len(element) and isinstance(element[0].tag, str):
            opening = (element[0].text or "").strip()
        if not opening or not opens_with_by_word(opening):
            continue
        text = text_after_label(element, block_text or spaced_text(element, skip_hidden=True))
        if len(text) > MAX_BYLINE_LINE_CHARS:
            # "Autorin: Uta Staschewski, Projektleiterin der ...": a long line's names end at its first comma.
            text = re.split(r"[,|]", text, maxsplit=1)[0]
        if len(text) <= MAX_BYLINE_LINE_CHARS:
            names = clean_authors([text])
            if names:
                return names
    return []


#: Walked elements before the headline still searched for a dated byline: the date line a template
#: prints just above the headline ("04.02.2022 | 13:10 Uhr | Jane Doe") sits within a few.
BEFORE_HEADLINE_ELEMENTS = 12

# A line's opening date ("04.02.2022", "2022-02-04", "4. Februar 2022", "Feb 4, 2022") or time
# ("13:10 Uhr"), with the separator after it.
_OPENING_DATE = re.compile(r"^(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d{1,2}-\d{1,2}|"
                           r"\d{1,2}\.?\s+[^\W\d]+\.?,?\s+\d{4}|[^\W\d]+\.?\s+\d{1,2},?\s+\d{4}|"
                           r"\d{1,2}:\d{2}(?:\s*(?:uhr|h|am|pm))?)\s*[|\-–—·•,/]?\s*", re.IGNORECASE)


@rule(off=lambda found, first, last: [])
def dated_byline(found, first: int, last: int) -> list[str]:
    """Names from a dated meta line: the first short line between ``first`` and ``last`` (walk
    positions) that opens with a date and then names the author: "04.02.2022 | 13:10 Uhr | Uta
    Helkenberg", "25.10.2022 - Reiner Nagel", "05.02.2020 - Redaktion: Jane Doe (Pressesprecherin)"
    (a template's meta line that puts the date first).  Without a "by" word the rest must be a full
    name (two words or more).

    >>> from lxml import html
    >>> from newscrawl.extract.generic.walk import walk_page
    >>> page = html.fromstring('<div><p><small>Berlin</small></p>'
    ...                        '<p><small>04.02.2022 | 13:10 Uhr | Uta Helkenberg</small></p><h1>T</h1></div>')
    >>> dated_byline(walk_page(page), 0, 100)
    ['Uta Helkenberg']
    >>> dated_byline(walk_page(html.fromstring('<div><p><span>12.03.2022 | Politik</span></p></div>')), 0, 100)
    []
    """
    for element, block_text in _walked_between(found, first, last):
        text = block_text or (element.text or "").strip()
        if not text or len(text) > MAX_BYLINE_LINE_CHARS or not _OPENING_DATE.match(text):
            continue
        rest, dated = text, False
        while (opening := _OPENING_DATE.match(rest)) and opening.end():
            rest, dated = rest[opening.end():], True
        if not dated or not rest:
            continue
        by_word = opens_with_by_word(rest)
        names = clean_authors([rest])
        if names and (by_word or all(len(name.split()) >= 2 for name in names)):
            return names
    return []


@rule(off=lambda element: False)
def is_photo_credit(element) -> bool:
    """Whether a byline-classed element names a picture's author: a class token in which a photo
    word comes before the author word ("article-header-image-author", "foto-autor",
    "photo-byline") reads "the image's author", a photo credit; "author-image" is the author's
    portrait and stays a byline.

    >>> from lxml import html
    >>> [is_photo_credit(html.fromstring(f'<div class="{c}">x</div>'))
    ...  for c in ("article-header-image-author", "fotoAutor", "author-image", "byline")]
    [True, True, False, False]
    """
    for token in class_words(element).split():
        author = BYLINE_CLASS.search(token)
        if author and author.start() and PHOTO_BOX.search(token[:author.start()]):
            return True
    return False


def _in_comments(element) -> bool:
    """Whether an element sits in a comment thread (its authors are the commenters)."""
    node = element
    while node is not None:
        if "comment" in class_words(node):
            return True
        node = node.getparent()
    return False


@rule(off=lambda elements: elements)
def outside_comments(elements) -> list:
    """The byline elements that are not another reader's comment: a blog marks each comment with
    its writer ("<div class='comment comment-author-gerda11'>"), and a comment is no article byline,
    unless the blog marks the comment as the post author's own (WordPress's "bypostauthor"), which
    names the article's author where no byline does.

    >>> from lxml import html
    >>> page = html.fromstring('<div><p class="author">Jane Doe</p><ol class="comment-list">'
    ...                        '<li class="comment"><p class="comment-author">Jim</p></li>'
    ...                        '<li class="comment bypostauthor"><p class="comment-author">Jane</p></li></ol></div>')
    >>> [e.text for e in outside_comments(page.find_class("author") + page.find_class("comment-author"))]
    ['Jane Doe', 'Jane']
    """
    return [element for element in elements if not _in_comments(element) or _by_post_author(element)]


#: The class a blog gives the comments written by the post's author (WordPress).
POST_AUTHOR_CLASS = "bypostauthor"
POST_AUTHOR_COMMENT = f"//*[contains(@class, '{POST_AUTHOR_CLASS}')]"  # the class token itself is checked after


def _class_tokens(element) -> list[str]:
    return (element.attrib.get("class") or "").split()


@rule(off=lambda elements: [])
def post_author_login(elements) -> list[str]:
    """The login a blog gives the post's author, read from the post author's own comment when the
    page names no author otherwise: WordPress classes that comment "bypostauthor" and
    "comment-author-<login>" (the name the blog is written under, as in "jancak @ 00:11").

    >>> from lxml import html
    >>> page = html.fromstring('<ol><li class="comment comment-author-jim">Jim</li>'
    ...                        '<li class="comment byuser comment-author-jancak bypostauthor">Danke!</li></ol>')
    >>> post_author_login(list(page))
    ['jancak']
    """
    for element in elements:
        classes = _class_tokens(element)
        if POST_AUTHOR_CLASS not in classes:
            continue
        logins = [c[len("comment-author-"):] for c in classes if c.startswith("comment-author-")]
        if logins and not is_user_handle(logins[0]):
            return clean_authors(logins[:1])
    return []


def _by_post_author(element) -> bool:
    """Whether an element sits in a comment the blog marks as the post author's ("bypostauthor")."""
    return any(POST_AUTHOR_CLASS in _class_tokens(node)
               for node in (element, *element.iterancestors()))


#: Page parts the text walk does not enter that may hold the article's byline: an aside beside the
#: text ("<aside class=meta>") and a post footer ("Posted by ...").
SKIPPED_PARTS = ("aside", "footer")


@rule(off=lambda root, found: [])
def skipped_bylines(root, found) -> list:
    """Byline markup in parts of the page the text walk does not enter (``<aside class=meta>``,
    a post footer: "Posted by <a rel=author>"), outside comment threads and teaser cards.

    >>> from lxml import html
    >>> from newscrawl.extract.generic.walk import walk_page
    >>> page = html.fromstring('<div><aside class="meta"><p class="authors"><a href="/x">Jane Doe</a></p></aside>'
    ...                        '<aside class="comments"><span class="comment-author">Jim</span></aside></div>')
    >>> [e.text_content() for e in skipped_bylines(page, walk_page(page))]
    ['Jane Doe']
    """
    elements = []
    for part in root.iter(*SKIPPED_PARTS):
        for element in part.iter():
            if len(elements) >= MAX_BYLINES:
                return elements
            if not isinstance(element.tag, str) or element is part:
                continue
            attrib = element.attrib
            marked = (attrib.get("rel") == "author" or attrib.get("itemprop") == "author"
                      or ((attrib.get("class") or attrib.get("id")) and BYLINE_CLASS.search(class_words(element))))
            if marked and not _in_comments(element) and not in_teaser_link(element):
                elements.append(element)
    return elements


@rule(off=lambda texts: [])
def newsroom_byline(texts) -> list[str]:
    """The editorial team a byline credits when it names no person ("Von Redaktion", "Redaktion
    Gelbe Liste"): the first byline text that, without its "by" word and date, opens with a newsroom
    word.

    >>> newsroom_byline(["Teilen", "von Redaktion - 31. Januar 2022"]), newsroom_byline(["Jane Doe"])
    (['Redaktion'], [])
    >>> newsroom_byline(["Von Redaktion -"])
    ['Redaktion']
    """
    for text in texts:
        text = strip_byline_prefix(normalize_space(text))
        text = re.split(r"\s[-–—|·•](?:\s|$)|\s\d|,", text, maxsplit=1)[0].strip()
        if text.casefold().startswith(NEWSROOM_WORDS) and len(text.split()) <= MAX_NEWSROOM_WORDS:
            return [text]
    return []


@rule(off=lambda name: False)
def is_user_handle(name: str) -> bool:
    """Whether a declared author is a CMS login ("edilson.la.rosa", "sarah-indra"), not the name the
    page prints: one lower-case token joined by dots, hyphens or underscores.

    >>> [is_user_handle(n) for n in ("edilson.la.rosa", "sarah-indra", "Jane Doe", "jancak")]
    [True, True, False, False]
    """
    return " " not in name and name == name.lower() and any(c in name for c in "._-")


#: Words a name may have between the ones a handle gives ("christian.stadtfeld": "Christian P. Stadtfeld").
MAX_MIDDLE_NAMES = 2


@rule(off=lambda handle, text: handle)
def name_of_handle(handle: str, text: str) -> str:
    """The name a "first.last" CMS login stands for, as the page writes it anywhere (a caption, the
    author's profile data): capitalised words that open with the handle's first part and end with
    its last, middle names or initials allowed; the handle itself when the page writes no such name.

    >>> name_of_handle("christian.stadtfeld", "Chefredakteur Christian P. Stadtfeld bewertet")
    'Christian P. Stadtfeld'
    >>> name_of_handle("robert.stitz", '"display_name":"Robert Stitz"'), name_of_handle("jane-doe", "no name")
    ('Robert Stitz', 'jane-doe')
    """
    parts = [part for part in re.split(r"[._-]", handle) if part]
    if len(parts) < 2 or not parts[0].isalpha() or not parts[-1].isalpha():
        return handle
    pattern = (rf"\b{re.escape(parts[0])}(?:\s+[^\W\d_][\w.]*){{0,{MAX_MIDDLE_NAMES}}}?\s+{re.escape(parts[-1])}\b")
    for match in re.finditer(pattern, text, re.IGNORECASE):
        if all(word[:1].isupper() for word in match.group().split()):
            return normalize_space(match.group())
    return handle


def byline_texts(elements) -> tuple[list[str], list[str]]:
    """(names or name lists read from the first ``MAX_BYLINES`` byline elements, their texts)."""
    markup, texts = [], []
    for element in elements[:MAX_BYLINES]:
        text = spaced_text(element, skip_hidden=True)
        if text and len(text) < MAX_BYLINE_CHARS:
            texts.append(text)
            markup += byline_parts(element, text)
    return markup, texts


def find_authors(selector, meta, found, headline_element=None, blocks=()) -> list[str]:
    """JSON-LD persons, else the byline markup near the headline, else ``<meta name=author>``, else
    JSON-LD organisations; a CMS user handle among them as the name the page writes for it."""
    names = _found_authors(selector, meta, found, headline_element, blocks)
    if not any(is_user_handle(name) for name in names):
        return names
    text = selector.get()  # the whole page: the name may be in an attribute (profile data), not in text
    return [name_of_handle(name, text) if is_user_handle(name) else name for name in names]


def _found_authors(selector, meta, found, headline_element=None, blocks=()) -> list[str]:
    """The authors as the sources give them (see ``find_authors``)."""
    persons = not_site_named([n for n in clean_authors(meta.article_persons("author") + referenced_persons(meta))
                              if not is_site_name(n)], meta)
    if persons and not all(is_user_handle(n) for n in persons):
        return persons
    # Bylines between headline and text first, then down to the text's end, then anywhere.
    first = found.order.get(headline_element, 0) if headline_element is not None else 0
    body_start = found.order.get(blocks[0].element, 0) if blocks else 0
    body_end = found.order.get(blocks[-1].element, 0) if blocks else 0

    def near(elements):
        positions = [(e, position(e, found) or 0) for e in elements]
        return ([e for e, at in positions if first <= at <= (body_start or float("inf"))]
                or [e for e, at in positions if first <= at <= (body_end or float("inf"))])

    links = [spaced_text(a, skip_hidden=True) for a in near(found.author_links) if not in_teaser_link(a)]
    markup_names = clean_authors([t for t in links if looks_like_name(t)])
    bylines = [e for e in found.bylines if not in_teaser_link(e) and not is_photo_credit(e)]
    close = near(bylines)
    markup, texts = byline_texts(close)
    declared = declared_author(meta)
    names = (clean_authors(markup) or markup_names
             or byline_line(found, first, (body_end + AFTER_BODY_ELEMENTS) if body_end else float("inf")))
    if not names and not close:
        # Byline markup away from the text (before the headline, after its end) comes after a byline
        # line printed at the text: there it is as often a teaser's, a comment's or a photo credit.
        markup, texts = byline_texts(outside_comments(bylines))
        names = clean_authors(markup)
    names = names or clean_authors([declared or ""]) or dated_byline(
        found, max(first - BEFORE_HEADLINE_ELEMENTS, 0), body_start or first + AFTER_BODY_ELEMENTS
    ) or clean_authors(work_persons(meta))
    names = [n for n in names if not n.startswith("http")] or persons  # a CMS user handle, when no name is printed
    # An organisation only when no person is named; before it, a signature under the text.
    return (names or clean_authors([signature_line(after_body(found, blocks))])
            or clean_authors(meta.article_names("author"))
            # Last, markup outside the walked text: an aside may hold other articles' bylines too.
            or clean_authors(sum((byline_parts(e, t) for e in skipped_bylines(selector.root, found)
                                  if (t := spaced_text(e, skip_hidden=True)) and len(t) < MAX_BYLINE_CHARS), []))
            or newsroom_byline(texts)
            # Last, on a page that names no author at all: one query for the post author's comment.
            or post_author_login(selector.root.xpath(POST_AUTHOR_COMMENT)))
