"""The domain registry: ``parser_for(url)`` picks the site parser, the generic one otherwise."""
from __future__ import annotations

from functools import cache

from newscrawl.parsers.base import ArticleParser, site_of
from newscrawl.parsers.generic import GenericParser
from newscrawl.parsers.sputnik import SputnikParser

SITE_PARSERS: tuple[type[ArticleParser], ...] = (SputnikParser,)


@cache
def _parser(parser_class: type[ArticleParser]) -> ArticleParser:
    return parser_class()  # parsers are stateless: one instance each is enough


def parser_for(url: str) -> ArticleParser:
    """The parser for the page's domain (subdomains included); ``GenericParser`` for any other site.

    >>> type(parser_for("https://sputnikglobe.com/20120204/x-1.html")).__name__
    'SputnikParser'
    >>> type(parser_for("https://www.example.com/news/x")).__name__
    'GenericParser'
    """
    host = site_of(url) or ""
    for parser_class in SITE_PARSERS:
        if any(host == d or host.endswith("." + d) for d in parser_class.domains):
            return _parser(parser_class)
    return _parser(GenericParser)
