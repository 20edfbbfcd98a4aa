"""The site registry: every site newscrawl has its own parser (and maybe spider) for, one entry each.

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
    """The site's key, and the name of its spider (``scrapy crawl <name>``) when it has one of its own;
    a parser-only site is crawled by the generic ``news`` spider and may leave feeds and sitemaps empty."""
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

# Publishers read by a site parser of their own on the generic platform, crawled by the generic
# ``news`` spider (no spider of their own): each parser overrides one field of ``GenericParser``.

#: Deutsche Welle: every language edition under one domain (the parser reads the page's language).
DW = Site(
    name="dw",
    parser="newscrawl.extract.sites.dw.DWParser",
    editions={"de": Edition("dw.com", "de", "DW.COM")},
)

#: rbb24, the news site of Rundfunk Berlin-Brandenburg.
RBB24 = Site(
    name="rbb24",
    parser="newscrawl.extract.sites.rbb24.RBB24Parser",
    editions={"de": Edition("rbb24.de", "de", "rbb24")},
)

#: La Vanguardia (Barcelona); its Catalan articles are on the same domain.
LAVANGUARDIA = Site(
    name="lavanguardia",
    parser="newscrawl.extract.sites.lavanguardia.LaVanguardiaParser",
    editions={"es": Edition("lavanguardia.com", "es", "La Vanguardia")},
)

#: name -> site.
SITES: dict[str, Site] = {site.name: site for site in (SPUTNIK, DW, RBB24, LAVANGUARDIA)}
