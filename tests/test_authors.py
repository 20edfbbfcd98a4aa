"""The authors field (``newscrawl/extract/generic/authors.py`` and ``bylines.py``): names, not
organisations, roles or page furniture, in the bylines of the corpora's languages."""
from __future__ import annotations

import pytest

from newscrawl.extract import extract_article
from newscrawl.extract.generic.bylines import clean_authors


@pytest.mark.parametrize("byline, names", [
    ("Fiona Bornhöft und Mariam Hofbeck", ["Fiona Bornhöft", "Mariam Hofbeck"]),
    ("Anna Lee, Bo Chen and Cy Dow", ["Anna Lee", "Bo Chen", "Cy Dow"]),
    ("Por María López y Juan Pérez", ["María López", "Juan Pérez"]),
    ("Par Jean Dupont et Marie Curie", ["Jean Dupont", "Marie Curie"]),
    ("Door Jan de Vries en Piet Jansen", ["Jan de Vries", "Piet Jansen"]),
    ("Przez Jan Kowalski", ["Jan Kowalski"]),
    ("Autor: Max Muster", ["Max Muster"]),
    ("Eingestellt von der Michel", ["der Michel"]),
    ("责任编辑：孔德明", ["孔德明"]),
    ("Text: Harald Willenbrock", ["Harald Willenbrock"]),
    ("MORITZ GATHMANN Zur Artikelübersicht", ["MORITZ GATHMANN"]),
    ("Johanna Kropfitsch Alle Artikel", ["Johanna Kropfitsch"]),
    ("Zur Artikelübersicht", []),
    ("Posted by Günter W. Kienitz at 18:52", ["Günter W. Kienitz"]),
    ("Heiko Sauer Do 9 Apr 2020", ["Heiko Sauer"]),
    ("Walter von Aachen", ["Walter von Aachen"]),
    ("Ein Artikel von Pamela Sladky | 27.01.2022 - 12:45", ["Pamela Sladky"]),
    ("Text von Christian Seiler Illustration von Markus Roost", ["Christian Seiler"]),
    ("Redacci&oacute;n Diario Pagina Siete", ["Redacción Diario Pagina Siete"]),
    ("No Author", []),
    ("Ist der Artikel hilfreich?", []),
    ("Von Isabella.DiBiase am Samstag, 19. Oktober 2019 um 11:14 Uhr", ["Isabella.DiBiase"]),
    ("di Viviana Mazza", ["Viviana Mazza"]),
    ("Eine Kolumne von Nils Pickert", ["Nils Pickert"]),
    ("Kayla Greaves Oct 12, 2023", ["Kayla Greaves"]),
    ("Nuño Domínguez Twitter", ["Nuño Domínguez"]),
    ("Mark Newton, Übersetzung", ["Mark Newton"]),
    ("Por", []),
    ("Corresponsal", []),
    ("anónimo", []),
    ("Autor*in Letzte Aktualisierung: 28.01.2022", []),
    ("Autor:in: Jane Doe", ["Jane Doe"]),
])
def test_clean_authors_across_languages(byline, names):
    assert clean_authors([byline]) == names


def _authors(body: str, head: str = "", before: str = "") -> list[str]:
    page = (f"<html><head>{head}</head><body><article>{before}<h1>Ein Titel für den Test</h1>{body}"
            + "<p>" + "Ein Satz des Artikels, der lang genug ist, um als Text zu zählen. " * 4 + "</p>"
            + "<p>" + "Noch ein Absatz mit genug Wörtern, damit der Text erkannt wird. " * 4 + "</p>"
            + "</article></body></html>")
    return extract_article(page, "https://example.org/artikel/test").get("authors") or []


def test_a_plain_text_byline_line_under_the_headline():
    assert _authors('<div class="meta"><i>Von</i> <a href="/p/1">Lisa Petrich</a> | 18.10.2023</div>') == \
        ["Lisa Petrich"]


def test_byline_markup_in_an_aside_the_walk_skips():
    aside = '<aside class="meta"><p class="authors"><i><a href="/x">Jane Doe</a></i></p></aside>'
    assert _authors("", before=aside) == ["Jane Doe"]
    comments = '<aside class="comments"><p class="comment-author"><i><a href="/x">Jane Doe</a></i></p></aside>'
    assert _authors("", before=comments) == []


def test_a_newsroom_credit_only_when_no_person_is_named():
    assert _authors('<span class="byline">von Redaktion</span>') == ["Redaktion"]
    assert _authors('<span class="byline">von Jane Doe</span>') == ["Jane Doe"]


def test_a_site_name_in_meta_author_is_no_person_but_a_meta_person_is():
    head = '<meta property="og:site_name" content="Example News"><meta name="author" content="Example News">'
    assert _authors("", head) == []
    assert _authors("", '<meta name="cXenseParse:author" content="Lisa Petrich">') == ["Lisa Petrich"]


def test_a_dated_meta_line_names_the_author_when_nothing_else_does():
    assert _authors("", before="<p><small>04.02.2022 | 13:10 Uhr | Uta Helkenberg</small></p>") == ["Uta Helkenberg"]
    assert _authors("<p><span>25.10.2022 - Reiner Nagel</span></p>") == ["Reiner Nagel"]
    # a date line with a section, not a name
    assert _authors("<p><span>25.10.2022 | Politik</span></p>") == []


def test_the_author_of_a_declared_recipe_when_no_article_is_declared():
    recipe = ('<script type="application/ld+json">{"@type": "Recipe", "name": "Kuchen", '
              '"author": {"@type": "Person", "name": "jesusfreak"}}</script>')
    assert _authors("", recipe) == ["jesusfreak"]
    comment = ('<script type="application/ld+json">{"@type": "Comment", '
               '"author": {"@type": "Person", "name": "Jim Reader"}}</script>')
    assert _authors("", comment) == []


def test_a_byline_line_at_the_text_over_byline_markup_far_from_it():
    teaser = "".join(f'<div class="teaser"><span class="author">Von Jim Roe {n}</span></div>' for n in range(3))
    page = ("<html><body><article><h1>Ein Titel für den Test</h1><p>Von Lisa Petrich</p>"
            + "<p>" + "Ein Satz des Artikels, der lang genug ist, um als Text zu zählen. " * 4 + "</p>"
            + "</article>" + "<div>" + "<p>Weiteres</p>" * 30 + "</div>" + teaser + "</body></html>")
    assert extract_article(page, "https://example.org/artikel/test")["authors"] == ["Lisa Petrich"]


def test_a_bare_by_label_reads_the_name_after_it():
    # the label and the name inside a link, after an element that keeps the link from being a text block
    line = '<div class="info"><a href="mailto:x"><div class="line"></div><b>Von:</b><br> <br> Götz Warnke</a></div>'
    assert _authors(line) == ["Götz Warnke"]


def test_a_declared_person_named_as_the_site_gives_way_to_the_byline():
    head = ('<meta property="og:site_name" content="Example News"><script type="application/ld+json">'
            '{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Example News"}}</script>')
    assert _authors('<span class="article-author"><a href="/x">Jane Doe</a></span>', head) == ["Jane Doe"]


def test_a_photo_credit_marked_as_an_author_is_no_byline():
    credit = '<div class="article-image-author">© Getty Images</div>'
    assert _authors(credit + '<span class="byline">von Jane Doe</span>') == ["Jane Doe"]
    assert _authors('<span class="byline">By Jane Doe with Agencies</span>') == ["Jane Doe"]


def test_a_cms_login_as_the_name_the_page_writes_for_it():
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", '
            '"author": {"@type": "Person", "name": "christian.stadtfeld"}}</script>')
    caption = '<p>Chefredakteur Christian P. Stadtfeld bewertet den Wahlausgang.</p>'
    assert _authors(caption, head) == ["Christian P. Stadtfeld"]
    assert _authors("", head) == ["christian.stadtfeld"]


def test_a_comment_names_the_author_only_when_the_blog_marks_it_as_the_post_authors():
    comments = ('<ol class="comment-list"><li class="comment comment-author-jim">'
                '<p class="comment-author">Jim Reader</p>'
                '<p>Schöner Beitrag, danke für die vielen Hinweise.</p></li>'
                '<li class="comment bypostauthor comment-author-jane"><p class="comment-author">Jane Doe</p>'
                '<p>Danke dir, freut mich sehr.</p></li></ol>')
    page = ("<html><body><article><h1>Ein Titel für den Test</h1>"
            + "<p>" + "Ein Satz des Artikels, der lang genug ist, um als Text zu zählen. " * 4 + "</p>"
            + "</article>" + comments + "</body></html>")
    assert extract_article(page, "https://example.org/artikel/test")["authors"] == ["Jane Doe"]


def test_the_post_authors_login_when_the_page_names_no_author():
    comments = ('<ol class="comment-list"><li class="comment byuser comment-author-jancak bypostauthor">'
                '<p>Danke dir, freut mich sehr, dass dir der Beitrag gefällt.</p></li></ol>')
    page = ("<html><body><article><h1>Ein Titel für den Test</h1>"
            + "<p>" + "Ein Satz des Artikels, der lang genug ist, um als Text zu zählen. " * 4 + "</p>"
            + "</article>" + comments + "</body></html>")
    assert extract_article(page, "https://example.org/artikel/test")["authors"] == ["jancak"]
