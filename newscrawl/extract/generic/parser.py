"""``GenericParser``: one parse, one walk, every field chosen from what the walk found (see the package)."""
from __future__ import annotations

from lxml import etree
from parsel import Selector

from newscrawl.extract.generic.authors import (  # noqa: F401 (the moved names stay importable from here)
    byline_parts,
    declared_author,
    find_authors,
    referenced_persons,
    signature_line,
)
from newscrawl.extract.generic.body import body_blocks, find_container, with_declared_body, with_declared_recipe
from newscrawl.extract.generic.captions import find_captions
from newscrawl.extract.generic.dates import (
    agreed_with_url,
    dateline_over_bare_day,
    declared_modified,
    declared_published,
    fallback_published,
    printed_over_declared,
    visible_date,
    with_printed_offset,
)
from newscrawl.extract.generic.headlines import page_headline
from newscrawl.extract.generic.language import checked_language, declared_languages, detection_text, language_identifier
from newscrawl.extract.generic.lead import deck_after_headline, find_lead
from newscrawl.extract.generic.tags import after_headline, declared_section, page_tags, section_tag
from newscrawl.extract.generic.walk import position, walk_page
from newscrawl.extract.loaders import ArticleLoader
from newscrawl.extract.metadata import PageMetadata
from newscrawl.extract.parser import ArticleParser
from newscrawl.extract.text import comparison_key
from newscrawl.extract.urls import site_of


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
        """The markup paragraphs, or JSON-LD ``articleBody``, completed with a declared recipe's ingredients and
        steps (see ``body.with_declared_body``, ``body.with_declared_recipe``)."""
        return with_declared_recipe(with_declared_body(paragraphs, meta), meta)

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
        """The article's authors (see ``authors.find_authors``); a site parser overrides this one field."""
        return find_authors(selector, meta, found, headline_element, blocks)

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
        if declared:
            moment = with_printed_offset(declared, printed, headline_element)
            moment = printed_over_declared(moment, printed, headline_element, modified)
            moment = dateline_over_bare_day(moment, headline_element, modified)
        else:
            moment = printed
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
