"""Soft 404s: pages served with 200 that are not articles but a "page not found", an error or a
search-result template.

Three general rules, none per site, each a reason in the stats (``newscrawl/blocked/soft_404_<reason>``):

- ``title``: the page's ``<h1>`` or the first part of its ``<title>`` (before the site name) is
  short and says "not found" / "error" / "search results" in one of the languages below;
- ``error_text``: the article text found is short (under ``MIN_ARTICLE_CHARS``) and uses the
  vocabulary of error pages;
- ``site_page``: the page says what the site's own answer to a path that cannot exist says
  (``NotFoundPage``: the spider fetches one random path per site and keeps its headline and text).

The vocabulary is data: add a language by adding entries.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from w3lib.html import remove_tags, replace_entities, replace_tags

from newscrawl.crawl.fetch import MIN_ARTICLE_CHARS

#: Phrases that make a short title or heading an error page's, lower-case, accents kept.
NOT_FOUND_PHRASES = (
    "page not found",  # en, the usual 404 title
    "404 not found", "file not found",  # en, servers' and frameworks' defaults
    "article not found", "story not found", "content not found",  # en, CMS templates
    "page cannot be found", "page can't be found", "page can’t be found",  # en, WordPress themes
    "page does not exist", "page doesn't exist", "page no longer exists",  # en
    "nothing found", "nothing was found",  # en, WordPress search/404 templates
    "error 404", "404 error",  # any language
    "seite nicht gefunden", "seite wurde nicht gefunden", "artikel nicht gefunden",  # de
    "seite existiert nicht", "fehlerseite",  # de
    "page introuvable", "page non trouvée", "page inexistante", "erreur 404",  # fr
    "página no encontrada", "pagina no encontrada", "página no existe", "no se encontró la página",  # es
    "pagina non trovata", "pagina non esistente",  # it
    "página não encontrada", "página não existe",  # pt
    "pagina niet gevonden",  # nl
    "strona nie została znaleziona", "nie znaleziono strony",  # pl
    "sayfa bulunamadı",  # tr
    "страница не найдена", "ошибка 404",  # ru
    "сторінку не знайдено", "сторінка не знайдена",  # uk
    "الصفحة غير موجودة",  # ar
    "页面不存在", "找不到页面",  # zh
    "ページが見つかりません",  # ja
)
#: Titles of search-result and error templates (not articles, whatever they list).
TEMPLATE_PHRASES = (
    "search results", "search result for",  # en
    "suchergebnisse", "suchergebnis",  # de
    "résultats de recherche", "résultats de la recherche", "recherche :",  # fr
    "resultados de búsqueda", "resultados de la búsqueda",  # es
    "risultati della ricerca",  # it
    "результаты поиска",  # ru
    "internal server error", "service unavailable", "bad gateway",  # en, server errors sent as 200
    "an error occurred", "error occurred",  # en, application error templates
    "ein fehler ist aufgetreten", "une erreur est survenue", "se ha producido un error",  # de, fr, es
)
#: Words of an error page's text; counted only in a page with little text (``error_text``).
ERROR_VOCABULARY = NOT_FOUND_PHRASES + TEMPLATE_PHRASES + (
    "404",  # the status, in the text
    "the page you requested", "the page you are looking for", "the page you were looking for",  # en
    "could not be found", "cannot be found", "no longer available", "has been removed",  # en
    "die angeforderte seite", "die gesuchte seite", "existiert nicht mehr",  # de
    "la page que vous", "n'existe pas", "n’existe pas", "introuvable",  # fr
    "la página que", "no existe", "no está disponible",  # es
    "something went wrong", "nicht gefunden", "not found",  # short texts only: headlines use them too
    "no results", "keine ergebnisse", "aucun résultat", "sin resultados",  # empty search results
)
#: A title part or heading longer than this (in words) is a headline, not an error template's title.
MAX_TITLE_WORDS = 8
#: Title separators between the page's own title and the site name.
TITLE_SEPARATOR = re.compile(r"\s+[|–—·•:-]\s+|\s+[-|]\s*$")
TITLE = re.compile(r"<title\b[^>]*>(.*?)</title>", re.S | re.I)
H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S | re.I)
SCRIPTS = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>", re.S | re.I)
#: How close (0-1) a page's text must be to the site's not-found page's to be that page.
SAME_TEXT_RATIO = 0.9


def normal(text: str | None) -> str:
    """Lower-case, NFC, one space between words."""
    return " ".join(unicodedata.normalize("NFC", text or "").lower().split())


def masked(text: str | None) -> str:
    """``normal`` with digits masked: ids and paths differ between two answers of one template."""
    return re.sub(r"\d+", "0", normal(text))


def page_titles(html: str) -> tuple[str | None, str | None]:
    """The text of the page's ``<title>`` and first ``<h1>`` (each ``None`` when absent).

    >>> page_titles("<html><title>Page not found &amp; gone</title><h1>Oops, <b>404</b></h1>")
    ('Page not found & gone', 'Oops, 404')
    """
    found = (pattern.search(html, 0, 200_000) for pattern in (TITLE, H1))
    return tuple(" ".join(replace_entities(remove_tags(m.group(1))).split()) if m else None for m in found)


def page_text(html: str) -> str:
    """The visible text of a page's top (scripts and styles left out), for pages the parser found
    no article text in.

    >>> page_text("<title>x</title><script>var a;</script><p>Sorry,<br>gone.</p>")
    'x Sorry, gone.'
    """
    html = SCRIPTS.sub(" ", html[:200_000])
    return " ".join(replace_entities(replace_tags(html, " ")).split())[:5000]


def phrase_in(text: str, phrases) -> str | None:
    return next((p for p in phrases if p in text), None)


def title_parts(title: str | None, heading: str | None) -> list[str]:
    """The page's own title (before the site name) and its first heading, normalised."""
    parts = [normal(TITLE_SEPARATOR.split(title or "")[0]), normal(heading)]
    return [p for p in parts if p and len(p.split()) <= MAX_TITLE_WORDS]


@dataclass
class NotFoundPage:
    """What a site answers for a path that cannot exist: its headline and text, normalised."""

    headline: str
    body: str

    @classmethod
    def of(cls, headline: str | None, body: str | None) -> NotFoundPage | None:
        page = cls(masked(headline), masked(body))
        return page if page.headline or page.body else None

    def matches(self, headline: str | None, body: str | None) -> bool:
        """The same headline with little text, or nearly the same text.

        >>> gone = NotFoundPage.of("Page not found", "Sorry, page 4711 is gone. Try the search.")
        >>> gone.matches("Page not found", "Sorry, page 12 is gone. Try the search!"), gone.matches(None, "x " * 900)
        (True, False)
        """
        text = masked(body)
        if self.headline and len(text) < MIN_ARTICLE_CHARS and masked(headline) == self.headline:
            return True
        if not (self.body and text):
            return False
        # difflib's upper bounds first (lengths, then shared characters): an article's text is
        # rejected by them without the full comparison, quadratic in the worst case
        matcher = SequenceMatcher(None, self.body[:5000], text[:5000])
        return (matcher.real_quick_ratio() >= SAME_TEXT_RATIO and matcher.quick_ratio() >= SAME_TEXT_RATIO
                and matcher.ratio() >= SAME_TEXT_RATIO)


def soft_404_reason(title: str | None, heading: str | None, body: str | None,
                    not_found: NotFoundPage | None = None, headline: str | None = None) -> str | None:
    """``"title"``, ``"error_text"``, ``"site_page"`` or ``None`` (an article, as far as we can tell).

    ``title`` and ``heading`` are the page's ``<title>`` and first ``<h1>``; ``headline`` and
    ``body`` what the parser found; ``not_found`` the site's not-found page, when known.

    >>> soft_404_reason("Seite nicht gefunden - Der Standard", None, "")
    'title'
    >>> soft_404_reason("Fault News", None, "Sorry, the page you requested could not be found.")
    'error_text'
    >>> soft_404_reason("Council approves the budget | Fault News", "Council approves the budget", "x" * 500)
    """
    for part in title_parts(title, heading):
        if phrase_in(part, NOT_FOUND_PHRASES) or phrase_in(part, TEMPLATE_PHRASES):
            return "title"
    text = normal(body)
    if len(text) < MIN_ARTICLE_CHARS and phrase_in(f"{text} {normal(headline)}", ERROR_VOCABULARY):
        return "error_text"
    if not_found and not_found.matches(headline, body):
        return "site_page"
    return None
