"""The site registry: every site newscrawl has its own parser and spider for, one entry each.

Both wings read it: the spiders (``newscrawl.crawl``) for where a site publishes its listings,
the parser registry (``newscrawl.extract.registry``) for which parser reads a domain.  Adding a
site is one ``Site`` here plus its parser module; adding an edition is one ``Edition`` line.
Any other domain is read by the generic parser and crawled by the ``news`` spider.

The parser is named by its dotted path, not imported, so this table sits below both wings and
imports neither.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Edition:
    """One language edition of a site: its own domain, same platform and parser."""

    domain: str
    language: str
    """ISO 639-1 code of the edition's articles."""
    name: str
    """The edition's own name, as its pages give it (``og:site_name``)."""


@dataclass(frozen=True)
class Site:
    name: str
    """The site's key, and the name of its spider (``scrapy crawl <name>``)."""
    parser: str
    """Dotted path of its ``ArticleParser`` subclass."""
    editions: dict[str, Edition] = field(default_factory=dict)
    """Edition code (``-a edition=``) -> edition; the first is the default."""
    feeds: tuple[str, ...] = ()
    """Paths of its RSS/Atom feeds, the same on every edition's domain."""
    sitemaps: tuple[str, ...] = ()
    """Paths of its sitemap indexes, the same on every edition's domain."""

    @property
    def domains(self) -> tuple[str, ...]:
        """Every edition's domain; their subdomains belong to the site too."""
        return tuple(edition.domain for edition in self.editions.values())


#: The RIA/Sputnik publishing platform: every Sputnik edition and ria.ru share markup and paths.
SPUTNIK = Site(
    name="sputnik",
    parser="newscrawl.extract.sites.sputnik.SputnikParser",
    editions={
        "en": Edition("sputnikglobe.com", "en", "Sputnik International"),
        "es": Edition("sputniknews.lat", "es", "Sputnik Mundo"),
        "fr": Edition("fr.sputniknews.africa", "fr", "Sputnik Afrique"),
        "ar": Edition("sarabic.ae", "ar", "Sputnik Arabic"),
        "zh": Edition("sputniknews.cn", "zh", "Sputnik China"),
        "ja": Edition("sputniknews.jp", "ja", "Sputnik Japan"),
        "pt": Edition("noticiabrasil.net.br", "pt", "Sputnik Brasil"),
        "sr": Edition("sputnikportal.rs", "sr", "Sputnik Srbija"),
        "ru": Edition("ria.ru", "ru", "РИА Новости"),
    },
    feeds=("/export/rss2/archive/index.xml",),
    sitemaps=("/sitemap_article_index.xml",),
)

#: name -> site.
SITES: dict[str, Site] = {site.name: site for site in (SPUTNIK,)}
