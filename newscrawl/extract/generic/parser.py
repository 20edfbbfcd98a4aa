"""``GenericParser``: one parse, one walk, every field chosen from what the walk found (see the package)."""
from __future__ import annotations

import re

from lxml import etree
from parsel import Selector

from newscrawl.extract.generic.body import (
    body_blocks,
    find_container,
    position,
    spaced_text,
    walk_page,
    with_declared_body,
)
from newscrawl.extract.generic.boilerplate import in_teaser_link
from newscrawl.extract.generic.bylines import (
    clean_authors,
    has_by_word,
    is_role_element,
    is_role_text,
    is_site_name,
    looks_like_name,
)
from newscrawl.extract.generic.captions import find_captions
from newscrawl.extract.generic.dates import (
    agreed_with_url,
    declared_modified,
    declared_published,
    fallback_published,
    printed_over_declared,
    visible_date,
)
from newscrawl.extract.generic.headlines import page_headline
from newscrawl.extract.generic.language import checked_language, declared_languages, detection_text, language_identifier
from newscrawl.extract.generic.lead import deck_after_headline, find_lead
from newscrawl.extract.generic.tags import after_headline, declared_section, page_tags, section_tag
from newscrawl.extract.loaders import ArticleLoader
from newscrawl.extract.metadata import PageMetadata
from newscrawl.extract.parser import ArticleParser
from newscrawl.extract.text import comparison_key, normalize_space
from newscrawl.extract.urls import site_of

MAX_BYLINES = 6
MAX_BYLINE_CHARS = 150


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


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


_AUTHOR_LABEL = re.compile(r"^(?:autor(?:in)?(?:\s*/\s*autor(?:in)?)?|autorin/autor|autoren|author|authors|"
                           r"written by|verfasser(?:in)?|auteur|autore|autor\(in\)|reporter)\s*:?$", re.IGNORECASE)
MAX_LABELS = 200


def labelled_authors(root) -> list[str]:
    """Names written after an author label in a fact list or table: ``<strong>Author</strong> Jane Doe``,
    ``<dt>Autorin/Autor</dt><dd>Jane Doe</dd>``, ``<th>Author:</th><td>Jane Doe</td>``.

    >>> from lxml import html
    >>> labelled_authors(html.fromstring('<ul><li><strong>Datum</strong> 28.04.2023</li>'
    ...                                  '<li><strong>Autorin/Autor</strong> Roman Goncharenko</li></ul>'))
    ['Roman Goncharenko']
    >>> labelled_authors(html.fromstring('<dl><dt>Author:</dt><dd>Jane Doe</dd></dl>'))
    ['Jane Doe']
    >>> labelled_authors(html.fromstring('<p><b>Author</b> of three books, she lives in Rome.</p>'))
    []
    """
    for count, label in enumerate(root.iter("strong", "b", "dt", "th")):
        if count >= MAX_LABELS:
            break
        if not _AUTHOR_LABEL.match(normalize_space("".join(label.itertext()))):
            continue
        value = normalize_space(label.tail)
        if not value:
            following = label.getnext()
            value = spaced_text(following) if following is not None else ""
        if value and len(value) <= MAX_BYLINE_CHARS and looks_like_name(value.split(",")[0].strip()):
            return [value]
    return []


def after_body(found, blocks) -> list:
    """The article's last paragraph and the text block right after it (a short line the body leaves out)."""
    if not blocks:
        return []
    last = blocks[-1].element
    for index, block in enumerate(found.blocks):
        if block.element is last:
            return found.blocks[index:index + 2]
    return blocks[-1:]


def signature_line(blocks) -> str | None:
    """The first of ``blocks`` that is a name set in bold on its own line: an author's signature
    under the text ("<p><strong>Lê Phương</strong></p>").

    >>> from lxml import html
    >>> from newscrawl.extract.generic.body import Block
    >>> p = html.fromstring('<p style="text-align:right"><strong>Lê Phương</strong></p>')
    >>> signature_line([Block(p, "p", "Lê Phương")])
    'Lê Phương'
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
                and not any(c in text for c in ".:!?")):
            return text
    return None


def declared_author(meta) -> str | None:
    """The first ``<meta>`` author that names a person: a page may declare the site as one
    ``<meta name=author>`` and the reporter as another; the site name (og:site_name, the JSON-LD
    publisher, the copyright holder) is no author."""
    site_names = {normalize_space(n).casefold() for n in (
        meta.meta("og:site_name"), meta.meta("application-name"), meta.meta("copyright"),
        *meta.article_names("publisher")) if isinstance(n, str)}
    site_names |= {n.lstrip("©").strip() for n in site_names}
    for key in ("author", "article:author", "dc.creator", "sailthru.author", "parsely-author"):
        for value in meta.meta_all(key):
            if normalize_space(value).casefold() not in site_names and not value.startswith("http"):
                return value
    return None


def referenced_persons(meta) -> list[str]:
    """Names of the article's authors given as JSON-LD references (``{"@id": ...}``) to Person
    nodes elsewhere on the page (a ``@graph`` or another script)."""
    value = meta.article_value("author")
    ids = [e["@id"] for e in _as_list(value) if isinstance(e, dict) and isinstance(e.get("@id"), str)
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




class GenericParser(ArticleParser):
    def __init__(self):
        # Plain lxml elements: parsel's lxml.html tree builds a Python class per element visited.
        self._html_parser = etree.HTMLParser(recover=True, encoding="utf-8")
        # The language model loads with the parser (its first use would otherwise cost a page ~1 s).
        self._language_identifier = language_identifier()

    def selector(self, html: str, url: str) -> Selector:
        """The page parsed once; parsel's own parser when lxml gives no tree (an empty page)."""
        root = etree.fromstring(html.encode("utf-8", "replace"), parser=self._html_parser) if html else None
        if root is None:
            return Selector(text=html or "<html></html>", base_url=url)
        return Selector(root=root, type="html", base_url=url)

    def parse(self, html: str, url: str):
        selector = self.selector(html, url)
        meta = PageMetadata(selector)
        found = walk_page(selector.root)
        headline, headline_element = self.choose_headline(found, selector, meta, url)
        container = find_container(found.blocks)
        blocks = body_blocks(found, headline_element, container)
        paragraphs = self.with_declared_body([b.text for b in blocks], meta)
        loader = ArticleLoader(selector=selector)
        loader.add_value("url", url)
        loader.add_value("canonical_url", self.canonical_url(selector, meta, url))
        loader.add_value("headline", headline)
        captions = self.find_captions(found, meta, url, container, blocks, headline_element)
        caption_keys = {comparison_key(c.get("text")) for c in captions}
        lead = self.find_lead(selector, meta, found, blocks, headline, headline_element, caption_keys)
        loader.add_value("lead", lead)
        loader.add_value("authors", self.authors(selector, meta, found, headline_element, blocks))
        if paragraphs:
            loader.add_value("body", paragraphs)
        loader.add_value("captions", captions)
        loader.add_value("published_at", self.published_at(selector, meta))
        loader.add_value("modified_at", self.modified_at(selector, meta))
        loader.add_value("section", self.section(selector, meta))
        loader.add_value("tags", self.tags(selector, meta, found, headline_element, url))
        loader.add_value("language", self.language(selector, meta))
        article = loader.load_item()
        article.published_at = self.checked_published(article.published_at, html, url, found, headline_element,
                                                       selector.root, declared_modified(selector, meta))
        article.language = self.checked_language(article.language, detection_text(article.headline, paragraphs))
        article.site = site_of(article.canonical_url or url)
        return article

    @staticmethod
    def with_declared_body(paragraphs: list[str], meta) -> list[str]:
        """The markup paragraphs, or JSON-LD ``articleBody`` (see ``body.with_declared_body``)."""
        return with_declared_body(paragraphs, meta)

    def choose_headline(self, found, selector, meta, url=None):
        """(headline, the h1 element showing it or ``None``): see ``headlines.page_headline``."""
        return page_headline(found, selector, meta, url)

    # --- lead -----------------------------------------------------------------------------

    def find_lead(self, selector, meta, found, blocks, headline, headline_element, caption_keys=frozenset()):
        """The standfirst shown between headline and body, else the declared description (see ``lead.py``)."""
        return find_lead(meta, found, blocks, headline, headline_element, caption_keys, self.deck_after_headline)

    @staticmethod
    def deck_after_headline(found, start, first_body, titles):
        """An unclassed standfirst between headline and body (see ``lead.deck_after_headline``)."""
        return deck_after_headline(found, start, first_body, titles)

    @staticmethod
    def _position(element, found):
        return position(element, found)

    # --- authors, captions ----------------------------------------------------------------

    def authors(self, selector, meta, found, headline_element=None, blocks=()):
        """JSON-LD persons, else the byline markup near the headline, else ``<meta name=author>``, else
        JSON-LD organisations."""
        persons = [n for n in clean_authors(meta.article_persons("author") + referenced_persons(meta))
                   if not is_site_name(n)]
        if persons:
            return persons
        # Bylines between headline and text first, then down to the text's end, then anywhere.
        first = found.order.get(headline_element, 0) if headline_element is not None else 0
        body_start = found.order.get(blocks[0].element, 0) if blocks else 0
        body_end = found.order.get(blocks[-1].element, 0) if blocks else 0
        def near(elements):
            positions = [(e, self._position(e, found) or 0) for e in elements]
            return ([e for e, at in positions if first <= at <= (body_start or float("inf"))]
                    or [e for e, at in positions if first <= at <= (body_end or float("inf"))])

        links = [spaced_text(a, skip_hidden=True) for a in near(found.author_links) if not in_teaser_link(a)]
        markup_names = clean_authors([t for t in links if looks_like_name(t)])
        markup = []
        bylines = [e for e in found.bylines if not in_teaser_link(e)]
        for element in (near(bylines) or bylines)[:MAX_BYLINES]:
            text = spaced_text(element, skip_hidden=True)
            if text and len(text) < MAX_BYLINE_CHARS:
                markup += byline_parts(element, text)
        declared = declared_author(meta)
        names = (clean_authors(markup) or markup_names or clean_authors(labelled_authors(selector.root))
                 or clean_authors([declared or ""]))
        names = [n for n in names if not n.startswith("http")]
        # An organisation only when no person is named; before it, a signature under the text.
        return (names or clean_authors([signature_line(after_body(found, blocks))])
                or clean_authors(meta.article_names("author")))

    def find_captions(self, found, meta, url, container, blocks, headline_element):
        """Captions of the article's photos: see ``captions.find_captions``."""
        return find_captions(found, meta, url, container, blocks, headline_element)

    # --- dates, section, tags, language ---------------------------------------------------

    def published_at(self, selector, meta):
        return declared_published(selector, meta)

    def visible_date(self, found, headline_element):
        """The first date printed near the headline (no machine-readable date on the page)."""
        return visible_date(found, headline_element, self._position)

    def checked_published(self, declared, html, url, found, headline_element, root=None, modified=()):
        """The declared date checked against the printed one and the URL's; else the visible one; else
        htmldate's; else a dateline's; else the first in the page's text."""
        printed = self.visible_date(found, headline_element)
        moment = printed_over_declared(declared, printed, headline_element, modified) if declared else printed
        if moment:
            return agreed_with_url(moment, url)
        return fallback_published(html, url, headline_element, root)

    def modified_at(self, selector, meta):
        return declared_modified(selector, meta)

    def section(self, selector, meta):
        return declared_section(meta)

    def after_headline(self, elements, found, headline_element):
        return after_headline(elements, found, headline_element, self._position)

    def tags(self, selector, meta, found, headline_element=None, url=None):
        """Declared keywords, else the page's tag lists, else the section: see ``tags.page_tags``."""
        return page_tags(meta, found, headline_element, url, self._position)

    @staticmethod
    def section_tag(meta) -> list[str]:
        """The JSON-LD ``articleSection`` as the one topic of a page that lists no keywords."""
        return section_tag(meta)

    def language(self, selector, meta):
        return declared_languages(selector, meta)

    def checked_language(self, declared: str | None, text: str) -> str | None:
        """The declared language checked against the text, else the detected one: see
        ``language.checked_language``."""
        return checked_language(declared, text, self._language_identifier)
