"""Any news page: structured metadata first, then the page's own article markup."""
from __future__ import annotations

from newscrawl.parsers.base import ArticleParser


class GenericParser(ArticleParser):
    headline_css = "article h1, h1"
    body_css = "article p, article h2, article h3"

    def paragraphs(self, selector):
        return self.texts(selector, self.body_css) or self.texts(selector, "p")
