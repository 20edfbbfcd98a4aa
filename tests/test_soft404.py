"""Table test of the soft-404 rule (``newscrawl.crawl.soft404``), and the rule over the in-repo
development corpus: none of its 134 real articles may be classed as a soft 404."""
from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.crawl.soft404 import NotFoundPage, page_text, page_titles, soft_404_reason
from newscrawl.extract import parse_article
from tests.corpus.scoring import load_pages

DEV = Path(__file__).resolve().parent / "corpus" / "dev"
ARTICLE = ("The council approved the budget on Monday after a long debate about roads, schools and "
           "hospitals. ") * 6
NOT_FOUND = NotFoundPage.of("Oh no", "We looked everywhere but this page has gone fishing. Try the home page.")

# title, first h1, body the parser found, expected reason
TABLE = [
    ("Page not found | Fault News", None, "", "title"),
    ("Seite nicht gefunden - Der Standard", None, None, "title"),
    ("Page introuvable - Le Monde", None, "Retour à l'accueil", "title"),
    ("Página no encontrada | El País", None, ARTICLE, "title"),  # the template lists recent stories
    ("Pagina non trovata", None, "", "title"),
    ("Страница не найдена", None, "", "title"),
    ("Fault News", "Oops! That page can’t be found.", "", "title"),
    ("404 Not Found", "Not Found", "The requested URL was not found on this server.", "title"),
    ("Search Results for “budget” – Fault News", None, ARTICLE, "title"),
    ("Suchergebnisse | Die Zeit", None, ARTICLE, "title"),
    ("Internal Server Error", None, "", "title"),
    ("Fault News", None, "Sorry, the page you requested could not be found.", "error_text"),
    ("Fault News", None, "Die angeforderte Seite existiert nicht mehr.", "error_text"),
    ("Le Figaro", None, "Cette page n'existe pas ou a été déplacée.", "error_text"),
    ("El País", None, "La página que buscas no existe.", "error_text"),
    ("Fault News", None, "We looked everywhere but this page has gone fishing. Try the home page.", "site_page"),
    # articles: headlines that use the words, long texts that mention them
    ("Missing hiker still not found after three days | Fault News", None, ARTICLE, None),
    ("Vermisster Wanderer nicht gefunden", None, ARTICLE, None),
    ("Election results for Ohio | Fault News", None, ARTICLE, None),
    ("Flight 404 lands safely", None, ARTICLE + " error 404 ", None),
    ("Council approves the budget | Fault News", "Council approves the budget", ARTICLE, None),
    ("Short note", None, "The mayor resigned on Monday.", None),
]


@pytest.mark.parametrize(("title", "heading", "body", "reason"), TABLE, ids=[row[0][:40] for row in TABLE])
def test_soft_404_reason(title, heading, body, reason):
    assert soft_404_reason(title, heading, body, NOT_FOUND) == reason


def test_site_page_needs_the_site_page():
    assert soft_404_reason("Fault News", None, NOT_FOUND.body) is None
    assert soft_404_reason("Fault News", None, NOT_FOUND.body + " Page 2.", NOT_FOUND) == "site_page"


def test_no_dev_corpus_article_is_a_soft_404():
    pages = load_pages(DEV)
    assert len(pages) == 134
    classed = {}
    for name, html, expected in pages:
        article = parse_article(html, expected["url"])
        title, heading = page_titles(html)
        reason = soft_404_reason(title, heading, article.body or page_text(html), None, article.headline)
        if reason:
            classed[name] = (reason, title, heading)
    assert classed == {}
