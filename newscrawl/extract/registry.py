"""The parser registry: ``parser_for(url)`` picks the site parser the site registry
(``newscrawl.sites``) names for the URL's domain, the generic parser for any other site."""
from __future__ import annotations

from functools import cache
from importlib import import_module

from newscrawl.extract.generic import GenericParser
from newscrawl.extract.parser import ArticleParser
from newscrawl.extract.urls import on_domain, site_of
from newscrawl.sites import SITES


@cache
def load_parser(path: str) -> ArticleParser:
    """One instance of the parser class at a dotted path (parsers are stateless: one is enough)."""
    module, _, name = path.rpartition(".")
    return getattr(import_module(module), name)()


@cache
def generic_parser() -> GenericParser:
    return GenericParser()


def parser_for(url: str) -> ArticleParser:
    """The parser for the page's domain (subdomains included); ``GenericParser`` for any other site.

    >>> type(parser_for("https://sputnikglobe.com/20120204/x-1.html")).__name__
    'SputnikParser'
    >>> type(parser_for("https://www.example.com/news/x")).__name__
    'GenericParser'
    """
    host = site_of(url)
    for site in SITES.values():
        if on_domain(host, site.domains):
            return load_parser(site.parser)
    return generic_parser()
