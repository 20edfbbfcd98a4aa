"""Structured metadata readers shared by every parser: JSON-LD, Open Graph and ``<meta>``.

Parsers ask ``PageMetadata`` for a value when the page markup lacks one; JSON-LD loading is
extruct's, a broken JSON-LD block is skipped without losing the others.
"""
from __future__ import annotations

import json
import logging

from extruct.jsonld import JsonLdExtractor
from parsel import Selector

logger = logging.getLogger(__name__)

ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting",
                 "OpinionNewsArticle", "LiveBlogPosting", "ReviewNewsArticle", "BackgroundNewsArticle",
                 "TechArticle", "Report", "SatiricalArticle", "ScholarlyArticle", "SocialMediaPosting"}
_JSONLD = JsonLdExtractor()


def as_list(value) -> list:
    """A JSON-LD value that may be one item or a list, as a list (``None``: empty).

    >>> as_list(None), as_list("a"), as_list(["a", "b"])
    ([], ['a'], ['a', 'b'])
    """
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _types(node: dict) -> set[str]:
    kind = node.get("@type")
    return set(kind) if isinstance(kind, list) else {kind}


def _flatten(nodes):
    """Every JSON-LD object, ``@graph`` members included."""
    for node in nodes:
        if isinstance(node, list):
            yield from _flatten(node)
        elif isinstance(node, dict):
            yield node
            if isinstance(node.get("@graph"), list):
                yield from _flatten(node["@graph"])


class PageMetadata:
    """The page's declared metadata, read once and looked up by the parsers."""

    def __init__(self, selector: Selector):
        self.selector = selector
        self._meta = {}
        for node in selector.xpath("//meta[@content]"):
            key = node.attrib.get("property") or node.attrib.get("name") or node.attrib.get("itemprop")
            if key:
                self._meta.setdefault(key.strip().lower(), []).append(node.attrib["content"])
        self.jsonld = list(_flatten(self._read_jsonld()))
        self.article = next((n for n in self.jsonld if _types(n) & ARTICLE_TYPES), {})

    def _read_jsonld(self):
        for script in self.selector.xpath('//script[@type="application/ld+json"]'):
            try:
                yield _JSONLD.extract_items(script.root)
            except (ValueError, json.JSONDecodeError, RecursionError) as error:
                logger.debug("skipping unreadable JSON-LD block: %s", error)

    def meta(self, *keys: str) -> str | None:
        """The first non-empty ``<meta content>`` among ``keys`` (property, name or itemprop)."""
        for key in keys:
            for value in self._meta.get(key.lower(), ()):
                if value.strip():
                    return value.strip()
        return None

    def meta_all(self, key: str) -> list[str]:
        return [v.strip() for v in self._meta.get(key.lower(), ()) if v.strip()]

    def article_value(self, key: str):
        """A field of the page's JSON-LD article object (``None`` when absent)."""
        return self.article.get(key)

    def article_names(self, key: str) -> list[str]:
        """Names of the article's ``author``/``creator``-like values: strings or objects with ``name``."""
        value = self.article.get(key)
        values = as_list(value)
        names = []
        for entry in values:
            if isinstance(entry, str):
                names.append(entry)
            elif isinstance(entry, dict) and isinstance(entry.get("name"), str):
                names.append(entry["name"])
        return names

    def article_persons(self, key: str = "author") -> list[str]:
        """Names of the article's ``author`` entries that are people, not organisations."""
        value = self.article.get(key)
        values = as_list(value)
        return [e["name"] for e in values if isinstance(e, dict) and isinstance(e.get("name"), str)
                and "Organization" not in _types(e) and "NewsMediaOrganization" not in _types(e)] + \
               [e for e in values if isinstance(e, str)]
