"""``ArticleParser``: the page -> ``Article`` flow every parser shares.

A parser is a pure function of (HTML, URL).  Site parsers set CSS selectors as class
attributes; a sister site overrides selectors only.  Each field method tries the page
markup first and the page's structured metadata (``PageMetadata``) second.
"""
from __future__ import annotations

from parsel import Selector

from newscrawl.extract.loaders import ArticleLoader
from newscrawl.extract.metadata import PageMetadata
from newscrawl.extract.urls import canonical_link, site_of
from newscrawl.items import Article


class ArticleParser:
    """Selectors for the fields; ``None`` means "no markup for it, use metadata only".

    Which domains a parser reads is the site registry's to say (``newscrawl.sites``), not the parser's.
    """

    headline_css: str | None = "h1"
    lead_css: str | None = None
    authors_css: str | None = None
    section_css: str | None = None
    tags_css: str | None = None

    def parse(self, html: str, url: str) -> Article:
        selector = Selector(text=html, base_url=url)
        meta = PageMetadata(selector)
        loader = ArticleLoader(selector=selector)
        loader.add_value("url", url)
        loader.add_value("canonical_url", self.canonical_url(selector, meta, url))
        loader.add_value("headline", self.headline(selector, meta))
        loader.add_value("lead", self.lead(selector, meta))
        loader.add_value("authors", self.authors(selector, meta))
        loader.add_value("body", self.paragraphs(selector))
        loader.add_value("captions", self.captions(selector, meta))
        loader.add_value("published_at", self.published_at(selector, meta))
        loader.add_value("modified_at", self.modified_at(selector, meta))
        loader.add_value("section", self.section(selector, meta))
        loader.add_value("tags", self.tags(selector, meta))
        loader.add_value("language", self.language(selector, meta))
        article = loader.load_item()
        article.site = site_of(article.canonical_url or url)
        return article

    # Each method returns raw values in priority order; the loader cleans and picks.

    def texts(self, selector: Selector, css: str | None) -> list[str]:
        """The text of each element matching ``css`` (its descendants' text flattened)."""
        if not css:
            return []
        return [" ".join(node.xpath(".//text()").getall()) for node in selector.css(css)]

    def canonical_url(self, selector, meta, url):
        link = canonical_link(selector, meta, url)
        return [link, url] if link else [url]

    def headline(self, selector, meta):
        return self.texts(selector, self.headline_css) + [meta.article_value("headline"), meta.meta("og:title")]

    def lead(self, selector, meta):
        return self.texts(selector, self.lead_css)

    def authors(self, selector, meta):
        return self.texts(selector, self.authors_css) or meta.article_persons("author")

    def paragraphs(self, selector) -> list[str]:
        raise NotImplementedError

    def captions(self, selector, meta) -> list[dict]:
        return []

    def published_at(self, selector, meta):
        return [meta.article_value("datePublished"), meta.meta("article:published_time")]

    def modified_at(self, selector, meta):
        return [meta.article_value("dateModified"), meta.meta("article:modified_time")]

    def section(self, selector, meta):
        return self.texts(selector, self.section_css) + [meta.meta("article:section"),
                                                          meta.article_value("articleSection")]

    def tags(self, selector, meta):
        return self.texts(selector, self.tags_css) or meta.meta_all("article:tag")

    def language(self, selector, meta):
        return [selector.xpath("/html/@lang").get(), meta.article_value("inLanguage"), meta.meta("og:locale")]
