"""The site registry is the one table spiders and parsers read: every entry is whole and routed."""
from __future__ import annotations

import pytest

from newscrawl.crawl.spiders.news import NewsSpider
from newscrawl.crawl.spiders.sputnik import SputnikSpider
from newscrawl.extract.parser import ArticleParser
from newscrawl.extract.registry import load_parser, parser_for
from newscrawl.sites import SITES

#: Spider name -> spider class: a site with a spider of its own must say where it publishes.
SPIDERS = {spider.name: spider for spider in (SputnikSpider, NewsSpider)}


@pytest.mark.parametrize("site", SITES.values(), ids=lambda site: site.name)
def test_site_entry_is_whole(site):
    assert isinstance(load_parser(site.parser), ArticleParser)
    assert site.editions
    if site.name in SPIDERS:  # a parser-only site is crawled by the generic ``news`` spider
        assert site.feeds or site.sitemaps
    assert all(path.startswith("/") for path in site.feeds + site.sitemaps)
    assert len(set(site.domains)) == len(site.domains)


@pytest.mark.parametrize("site, domain", [(site, domain) for site in SITES.values() for domain in site.domains],
                         ids=lambda value: getattr(value, "name", value))
def test_every_edition_domain_routes_to_its_parser(site, domain):
    parser = load_parser(site.parser)
    assert parser_for(f"https://{domain}/20240101/a-1.html") is parser
    assert parser_for(f"https://www.{domain}/20240101/a-1.html") is parser
    assert parser_for(f"https://not{domain}/20240101/a-1.html") is not parser


def test_spider_reads_its_editions_from_the_registry():
    site = SITES["sputnik"]
    assert SputnikSpider.name == site.name
    for code, edition in site.editions.items():
        spider = SputnikSpider(edition=code)
        assert spider.edition == edition and spider.allowed_domains == [edition.domain]
    with pytest.raises(ValueError, match="known editions: en"):
        SputnikSpider(edition="xx")
