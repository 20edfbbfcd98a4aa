"""Table tests of the generic parser's named heuristics, and one small page end to end."""
from __future__ import annotations

import pytest
from lxml import html as lxml_html

from newscrawl.extract import extract_article
from newscrawl.extract.generic.body import body_blocks, find_container, is_linked_sentence, is_titled_subheading
from newscrawl.extract.generic.boilerplate import in_teaser_link, is_furniture, is_furniture_token, is_ui_paragraph
from newscrawl.extract.generic.bylines import (
    clean_authors,
    is_role_element,
    is_role_text,
    looks_like_name,
    split_byline,
    strip_east_asian_role,
    strip_role_words,
)
from newscrawl.extract.generic.captions import (
    clean_credit,
    credit_boxes,
    figure_caption,
    is_labelled_credit,
    is_text_figure,
    is_thumbnail,
    largest_from_srcset,
    split_inline_credit,
    split_piped_credit,
)
from newscrawl.extract.generic.headlines import (
    choose_headline,
    headline_part,
    strip_kicker,
    strip_known_suffix,
    strip_site_name,
)
from newscrawl.extract.generic.lead import (
    bold_intro,
    fullest_description,
    is_byline_line,
    is_photo_text,
    is_title_line,
    is_title_variant,
    wraps_other_lead,
)
from newscrawl.extract.generic.parser import (
    GenericParser,
    byline_parts,
    declared_author,
    referenced_persons,
    signature_line,
)
from newscrawl.extract.generic.tags import (
    agreed_list,
    is_generic_keyword,
    is_topic,
    is_ui_tag,
    is_url_slug,
    keyword_list,
    padded_list,
)
from newscrawl.extract.generic.visible_dates import parse_visible_date
from newscrawl.extract.generic.walk import (
    Block,
    block_text,
    is_layout_box,
    is_screen_reader_only,
    spaced_text,
    walk_page,
)


@pytest.mark.parametrize("byline, names", [
    ("By Jane Doe", ["Jane Doe"]),
    ("Von Max Mustermann und Erika Musterfrau", ["Max Mustermann", "Erika Musterfrau"]),
    ("By Jane Doe and John Roe, Reporter", ["Jane Doe", "John Roe"]),
    ("Jane Doe | 03.05.2024, 10:15", ["Jane Doe"]),
    ("Jane Doe @janedoe", ["Jane Doe"]),
    ("Par Marie Dupont et Jean Martin", ["Marie Dupont", "Jean Martin"]),
    ("Bart De Wever", ["Bart De Wever"]),
    ("Redaktion", []),
    ("https://example.com/authors/jane", []),
])
def test_split_byline(byline, names):
    assert split_byline(byline) == names


@pytest.mark.parametrize("values, names", [
    (["Jane Doe", "jane doe", "John Roe"], ["Jane Doe", "John Roe"]),
    (["By Jane Doe, John Roe"], ["Jane Doe", "John Roe"]),
    ([None, "", "Jane Doe"], ["Jane Doe"]),
])
def test_clean_authors(values, names):
    assert clean_authors(values) == names


@pytest.mark.parametrize("title, site, stripped", [
    ("Lavrov at Munich - Sputnik International", "Sputnik International", "Lavrov at Munich"),
    ("Budget approved | The Daily", "The Daily", "Budget approved"),
    ("WELT | BIP: Die Grafiken", "WELT", "BIP: Die Grafiken"),
    ("Kinder: Spiel und Spaß", "Spaß", "Kinder: Spiel und Spaß"),
    ("Budget approved", None, "Budget approved"),
])
def test_strip_site_name(title, site, stripped):
    assert strip_site_name(title, site) == stripped


@pytest.mark.parametrize("title, others, reduced", [
    ("Wahl: Ende der Ära – DW – 30.01.2024", ["Wahl: Ende der Ära"], "Wahl: Ende der Ära"),
    ("Budget approved - National | Globalnews.ca", ["Budget approved"], "Budget approved"),
    ("Budget approved for schools", ["Budget approved"], "Budget approved for schools"),
])
def test_strip_known_suffix(title, others, reduced):
    assert strip_known_suffix(title, others) == reduced


@pytest.mark.parametrize("title, others, reduced", [
    ("Neue Leipziger Schule: Judy Lybke, eigenartig", ["Judy Lybke, eigenartig"], "Judy Lybke, eigenartig"),
    ("Topic Words: Newborns left in bins | Bhopal News", ["Newborns left in bins"], "Newborns left in bins"),
    ("Die Grafiken: ein Jahr danach", ["ein Jahr"], "Die Grafiken: ein Jahr danach"),
    ("Wahl - Ende der Ära", ["Ende der Ära"], "Wahl - Ende der Ära"),
    ("Budget approved", ["Budget approved"], "Budget approved"),
    ("Politik: Example", ["Example"], "Politik: Example"),
])
def test_strip_kicker(title, others, reduced):
    assert strip_kicker(title, others) == reduced


@pytest.mark.parametrize("h1s, jsonld, og, twitter, title, site, headline", [
    (["Big news"], "Big news", "Big news - Site", None, "Big news | Site", "Site", "Big news"),
    (["Rubrik", "Big news"], None, "Big news", None, None, None, "Big news"),
    (["Long h1 headline"], "Long h1 headline", "Short social title", "Short social title", None, None,
     "Short social title"),
    ([], None, None, None, "Only the title | Site", "Site", "Only the title"),
    (["Caf&eacute; opens"], None, None, None, None, None, "Café opens"),
    # a declared title behind a topic label loses it to another declared title without
    (["Topic: Big news today"], "Topic: Big news today", "Big news today", "Topic: Big news today", None, None,
     "Big news today"),
    # the h1 alone without the label: the page shows the label apart, the declared titles keep it
    (["Big news today"], "Topic: Big news today", "Topic: Big news today", None, None, None,
     "Topic: Big news today"),
    # a label before a stub (a site or section name) is kept
    (["Politik: Example"], "Politik: Example", "Example", "Politik: Example", None, None, "Politik: Example"),
    # og and JSON-LD disagree, <title> repeats og (the SEO title), the h1 shows the JSON-LD headline
    (["Shown headline"], "Shown headline", "SEO words", "SEO words", "SEO words | Site", "Site", "Shown headline"),
    # ... and the other way round
    (["Shown headline"], "SEO words", "Shown headline", None, "SEO words", None, "Shown headline"),
    # the h1 agrees with <title>: the votes decide, ties to og
    (["Long h1 headline"], "Long h1 headline", "Short social title", "Short social title", "Long h1 headline",
     None, "Short social title"),
])
def test_choose_headline(h1s, jsonld, og, twitter, title, site, headline):
    assert choose_headline(h1s, jsonld, og, twitter, title, site) == headline


@pytest.mark.parametrize("markup, part", [
    ('<h1><span class="article-title__overline">Nahost</span><span class="h-offscreen" aria-hidden="true"> - '
     '</span><span class="article-title__text">Die Lage</span></h1>', "Die Lage"),
    ('<h1><span class="kicker">Wahl<span class="sr-only">:</span></span> <span>Ende der Ära</span></h1>',
     "Ende der Ära"),
    ('<h1><span class="headline">Wahl</span><span>Ende der Ära</span></h1>', None),
    ("<h1>Plain headline</h1>", None),
])
def test_headline_part(markup, part):
    assert headline_part(lxml_html.fromstring(markup)) == part


@pytest.mark.parametrize("h1s, parts, og, title, headline", [
    # the h1's own text is a declared title: the label stays
    (["Wahl: Ende der Ära"], ["Ende der Ära"], "Wahl: Ende der Ära", None, "Wahl: Ende der Ära"),
    (["Wahl: Ende der Ära"], ["Ende der Ära"], None, "Wahl: Ende der Ära - Site.de", "Wahl: Ende der Ära"),
    # the h1 with its label is no declared title, its headline part is one behind another label
    (["Nahost - Die Lage am Morgen"], ["Die Lage am Morgen"], "Krieg in Nahost: Die Lage am Morgen", None,
     "Die Lage am Morgen"),
    # no agreement: the declared title
    (["Nahost - Die Lage am Morgen"], ["Die Lage am Morgen"], "Something else", None, "Something else"),
])
def test_choose_headline_with_labelled_h1(h1s, parts, og, title, headline):
    assert choose_headline(h1s, None, og, None, title, None, parts) == headline


@pytest.mark.parametrize("h1s, parts, og, title, site, url, headline", [
    # the site's name as its host spells it, before or after the title
    ([], None, "Rutger Bregman: Unser wahres Ich - brand eins online", None, None,
     "https://www.brandeins.de/magazine/x", "Rutger Bregman: Unser wahres Ich"),
    ([], None, "BMAS - Änderung der Anforderungen an Nachweise", None, "www.bmas.de", "https://www.bmas.de/DE/x",
     "Änderung der Anforderungen an Nachweise"),
    # ... but not a word that merely holds the host's name
    ([], None, "Skibergsteigen: Schnell und leicht", None, None, "https://www.bergsteigen.com/x",
     "Skibergsteigen: Schnell und leicht"),
    # a declared title that is the h1 plus an SEO phrase gives the h1
    (["Sequilho com Chocolate Amargo"], None, "Receita de Sequilho com Chocolate Amargo | CyberCook", None,
     "CyberCook", "https://cybercook.com.br/receitas/x", "Sequilho com Chocolate Amargo"),
    # a logo set as h1 is no headline; WordPress' "Site » Blog Archive » Post" title gives the post
    (["Disfunctions.de"], None, None, "Disfunctions.de » Blog Archiv » Podcasts in Plex einbinden", None,
     "https://disfunctions.de/tutorials/podcasts/", "Podcasts in Plex einbinden"),
    # of several h1s, the longest that the title holds among its parts
    (["Zoll", "Fachmeldungen", "Verkündung des Gesetzes"], None, None,
     "Zoll online - Fachmeldungen - Verkündung des Gesetzes", None, "https://www.zoll.de/x", "Verkündung des Gesetzes"),
    # a topic label the h1 marks up and sets apart by a dash is dropped; one joined by a colon is kept
    (["Corona-Pandemie - Es kommt darauf an"], ["Es kommt darauf an"], "Corona-Pandemie - Es kommt darauf an",
     None, None, "https://www.cicero.de/x", "Es kommt darauf an"),
    (["Akkutechnik: Hat Quantumscape genug Akkus?"], ["Hat Quantumscape genug Akkus?"],
     "Akkutechnik: Hat Quantumscape genug Akkus? - Golem.de", None, "Golem.de", "https://www.golem.de/news/x",
     "Akkutechnik: Hat Quantumscape genug Akkus?"),
    # metadata that flattens the h1's dash: the h1's spelling
    (["Energy Rising – 33 Tage Yoga Challenge"], None, "Energy Rising - 33 Tage Yoga Challenge - Mady Morrison",
     None, "Mady Morrison", "https://madymorrison.com/x", "Energy Rising – 33 Tage Yoga Challenge"),
    # an og:title that is the site's name is no candidate
    (["Peking 2022 – Eine große Chance"], None, "International Biathlon Union - IBU", None,
     "International Biathlon Union - IBU", "https://www.biathlonworld.com/de/news", "Peking 2022 – Eine große Chance"),
])
def test_choose_headline_with_site(h1s, parts, og, title, site, url, headline):
    assert choose_headline(h1s, None, og, None, title, site, parts, url) == headline


@pytest.mark.parametrize("token, furniture", [
    ("share-bar", True), ("social_links", True), ("related-articles", True), ("ad-slot", True),
    ("newsletter", True), ("comments", True), ("article-body", False), ("head", False), ("shadow", False),
    ("lead-text", False), ("story-body", False), ("main", False),
])
def test_is_furniture_token(token, furniture):
    assert is_furniture_token(token) is furniture


@pytest.mark.parametrize("markup, furniture", [
    ('<div class="shareBar">x</div>', True),
    ('<div role="navigation">x</div>', True),
    ('<div aria-hidden="true">x</div>', True),
    ('<div style="display: none">x</div>', True),
    ('<div class="box do-display-embed m-b-05">x</div>', True),
    ('<div class="intro-body__premium hidden">x</div>', True),
    ('<div class="sidebar-grid__content article__content">x</div>', False),
    ('<div class="article-body">x</div>', False),
])
def test_is_furniture(markup, furniture):
    assert is_furniture(lxml_html.fromstring(markup)) is furniture


@pytest.mark.parametrize("text, ui", [
    ("Advertisement", True), ("Anzeige", True), ("Lesen Sie auch:", True), ("Read more »", True),
    ("Foto: dpa", True), ("The minister said so.", False), ("Teilen ist wichtig, sagte sie.", False),
])
def test_is_ui_paragraph(text, ui):
    assert is_ui_paragraph(text) is ui


@pytest.mark.parametrize("caption, split", [
    ("Der Minister in Berlin. Foto: dpa", ("Der Minister in Berlin.", "dpa")),
    ("Kiew am Morgen (© Reuters)", ("Kiew am Morgen", "Reuters")),
    ("No credit here", ("No credit here", None)),
])
def test_split_inline_credit(caption, split):
    assert split_inline_credit(caption) == split


@pytest.mark.parametrize("srcset, url", [
    ("a.jpg 320w, b.jpg 1024w, c.jpg 640w", "b.jpg"),
    ("a.jpg 1x, b.jpg 2x", "b.jpg"),
    ("only.jpg", "only.jpg"),
])
def test_largest_from_srcset(srcset, url):
    assert largest_from_srcset(srcset) == url


@pytest.mark.parametrize("value, tags", [
    ("Politik, Berlin,  Wahl", ["Politik", "Berlin", "Wahl"]),
    (["A", " B "], ["A", "B"]),
    (None, []),
])
def test_keyword_list(value, tags):
    assert keyword_list(value) == tags


PARAGRAPH = "The council met on Monday and approved the budget for the coming year, officials said. "

PAGE = f"""<html lang="en"><head><title>Council approves budget | Example News</title>
<meta property="og:title" content="Council approves budget">
<meta property="og:site_name" content="Example News">
<meta name="description" content="The vote was close.">
<meta property="article:published_time" content="2024-05-03T10:15:00+02:00">
</head><body>
<nav><p>{PARAGRAPH}Home News Sport</p></nav>
<article>
  <h1>Council approves budget</h1>
  <p class="lead">The vote was close, and the debate long.</p>
  <div class="byline">By Jane Doe and John Roe</div>
  <div class="article-body">
    <p>{PARAGRAPH}</p>
    <h2>What comes next</h2>
    <p>{PARAGRAPH.replace("Monday", "Tuesday")}</p>
    <figure><img srcset="s.jpg 300w, l.jpg 1200w" src="s.jpg">
      <figcaption>The council chamber. <span class="credit">Photo: Jane Doe</span></figcaption></figure>
    <div class="share-bar"><p>{PARAGRAPH.replace("Monday", "Friday")}</p></div>
    <p>Advertisement</p>
  </div>
  <div class="related"><p>{PARAGRAPH.replace("Monday", "Sunday")}</p></div>
</article>
<footer><p>{PARAGRAPH}</p></footer>
</body></html>"""


def test_block_text_joins_inline_markup():
    assert block_text(lxml_html.fromstring('<p>One <b>two</b><br>three<script>x()</script></p>')) == \
        ("One two three", 0)


def test_body_container_and_blocks():
    found = walk_page(lxml_html.fromstring(PAGE))
    container = find_container(found.blocks)
    assert container.attrib.get("class") == "article-body"
    texts = [b.text for b in body_blocks(found, found.h1s[0], container)]
    assert texts == [PARAGRAPH.strip(), "What comes next", PARAGRAPH.replace("Monday", "Tuesday").strip()]


def test_generic_page_end_to_end():
    record = extract_article(PAGE, "https://www.example.com/news/2024/05/03/council-approves-budget")
    assert record["headline"] == "Council approves budget"
    assert record["lead"] == "The vote was close, and the debate long."
    assert record["authors"] == ["Jane Doe", "John Roe"]
    assert record["body"].split("\n\n") == [PARAGRAPH.strip(), "What comes next",
                                            PARAGRAPH.replace("Monday", "Tuesday").strip()]
    assert record["captions"] == [{"text": "The council chamber.", "credit": "Jane Doe",
                                   "image_url": "https://www.example.com/news/2024/05/03/l.jpg"}]
    assert record["published_at"] == "2024-05-03T10:15:00+02:00"
    assert record["language"] == "en"
    assert record["site"] == "example.com"


@pytest.mark.parametrize("text, moment", [
    ("Do 25.04.24 | 14:07 Uhr", "2024-04-25T14:07:00"),
    ("erstellt: 01. April 2025, 15:25", "2025-04-01T15:25:00"),
    ("Published May 3, 2024 10:15 pm", "2024-05-03T22:15:00"),
    ("3 mars 2024", "2024-03-03T00:00:00"),
    ("Publié le 18 juil. 2024 à 08:01", "2024-07-18T08:01:00"),
    ("28.04.2023", "2023-04-28T00:00:00"),
    ("31.02.2024", None),
    ("5 minutes ago", None),
    (None, None),
])
def test_parse_visible_date(text, moment):
    assert parse_visible_date(text) == moment


@pytest.mark.parametrize("keyword, topic", [
    ("Economy", True), ("Covid-19", True), ("NLP Category: Business", False),
    ("98be933f-38cf-4fba-b6c6-ad438e82010a", False), ("100312362", False), ("nationalpost.com", False),
])
def test_is_topic(keyword, topic):
    assert is_topic(keyword) is topic


@pytest.mark.parametrize("name, role_free", [
    ("Sophie Foster Travel News Reporter", "Sophie Foster"),
    ("Nicole Opitz Redakteurin", "Nicole Opitz"),
    ("Jane Doe", "Jane Doe"),
])
def test_strip_role_words(name, role_free):
    assert strip_role_words(name) == role_free


@pytest.mark.parametrize("credit, cleaned", [
    ("(Foto: Pool via REUTERS)", "Pool via REUTERS"), ("© dpa", "dpa"), ("Image Credits: Strava", "Strava"),
    ("(Bild: )", None), ("Bildquelle: EU-Kommission", "EU-Kommission"), ("Photo credit: AP", "AP"),
    ("2:43 min", None), ("(1:24:10)", None),
])
def test_clean_credit(credit, cleaned):
    assert clean_credit(credit) == cleaned


@pytest.mark.parametrize("keywords, url, slug", [
    (["mueren", "seis", "personas"], "https://x.es/sucesos/mueren-seis-personas-incendio.html", True),
    (["Juanma Moreno", "Almería"], "https://x.es/sucesos/mueren-seis-personas.html", False),
    ([], "https://x.es/a-b", False),
])
def test_is_url_slug(keywords, url, slug):
    assert is_url_slug(keywords, url) is slug


@pytest.mark.parametrize("text, title, variant", [
    ("USA stoppen Schattentanker: Acht Namen, vier Flaggen", "Acht Namen, vier Flaggen", True),
    ("The vote was close, and the debate ran late into the night.", "Council approves budget", False),
    ("Anything", None, False),
])
def test_is_title_variant(text, title, variant):
    assert is_title_variant(text, title) is variant


@pytest.mark.parametrize("text, name", [
    ("Dr. Max Kolter", True), ("Ludwig van Beethoven", True), ("Themen bearbeiten", False), ("박준석 기자", True),
])
def test_looks_like_name(text, name):
    assert looks_like_name(text) is name


@pytest.mark.parametrize("caption, split", [
    ("Connolly will succeed Higgins. | Niall Carson/PA Images via Getty Images",
     ("Connolly will succeed Higgins.", "Niall Carson/PA Images via Getty Images")),
    ("Left | right", ("Left | right", None)),
])
def test_split_piped_credit(caption, split):
    assert split_piped_credit(caption) == split


@pytest.mark.parametrize("markup, thumbnail", [
    ('<div><img src="a.jpg" width="90" height="90"></div>', True),
    ('<div><img src="a.jpg" width="1000"></div>', False),
    ('<div><img src="a.jpg"></div>', False),
])
def test_is_thumbnail(markup, thumbnail):
    assert is_thumbnail(lxml_html.fromstring(markup)) is thumbnail


@pytest.mark.parametrize("markup, intro", [
    ("<p><strong>" + "A bold standfirst that opens the article text. " * 2 + "</strong></p>", True),
    ("<p>Plain text with <strong>one bold phrase</strong> inside it, long enough to count here.</p>", False),
])
def test_bold_intro(markup, intro):
    element = lxml_html.fromstring(markup)
    block = Block(element, "p", block_text(element)[0])
    assert (bold_intro([block]) is not None) is intro


@pytest.mark.parametrize("text, ui", [
    ("Zur Startseite", True), ("Themen bearbeiten", True), ("Follow", True), ("Show more", True),
    ("Coronavirus", False), ("Editorial", False), ("Long COVID", False), ("Follow the money", False),
])
def test_is_ui_tag(text, ui):
    assert is_ui_tag(text) is ui


@pytest.mark.parametrize("keyword, generic", [
    ("News", True), ("Breaking News", True), ("ニュース", True), ("速報", True), ("Nachrichten", True),
    ("Newsroom daily", False), ("Israel", False), ("Fake News", False),
])
def test_is_generic_keyword(keyword, generic):
    assert is_generic_keyword(keyword) is generic


@pytest.mark.parametrize("lists, chosen", [
    # several site-wide entries before the article's own keywords: the article's list
    ([["a", "b", "c", "d"], [], ["X news", "X latest news", "X news live", "a", "b", "c", "d"]], ["a", "b", "c", "d"]),
    # one extra entry (the section) is part of the tags
    ([["Weight Loss"], [], ["Health", "Weight Loss"]], ["Health", "Weight Loss"]),
    # a stub beside the full list
    ([["a"], ["a", "b", "c", "d", "e"], []], ["a", "b", "c", "d", "e"]),
    # unrelated lists: the fullest
    ([["a", "b", "c"], ["x", "y", "z", "w"]], ["x", "y", "z", "w"]),
])
def test_padded_list(lists, chosen):
    assert padded_list(lists) == chosen


@pytest.mark.parametrize("lists, chosen", [
    # two sources agree: their list, not the longer SEO keyword string
    ([["a", "b"], ["B", "a"], ["a", "b", "seo phrase", "more seo", "c"]], ["a", "b"]),
    ([["a", "b", "x", "y", "z"], ["a", "b", "w"], ["b", "w", "a"]], ["a", "b", "w"]),
    # no agreement: padded_list's choice
    ([["a"], [], ["a", "b", "c"]], ["a", "b", "c"]),
    ([[], [], []], []),
])
def test_agreed_list(lists, chosen):
    assert agreed_list(lists) == chosen


@pytest.mark.parametrize("head, tags", [
    ('<script type="application/ld+json">{"@type": "NewsArticle", "articleSection": "Esteri"}</script>', ["Esteri"]),
    ('<script type="application/ld+json">{"@type": "NewsArticle", "articleSection": ["Politik", "Inland"],'
     ' "keywords": "Wahl"}</script>', ["Wahl"]),
    ('<meta name="keywords" content="News, Wahl, Gesetz &amp; Recht">', ["Wahl", "Gesetz & Recht"]),
    ("", []),
])
def test_tags_fall_back_to_section(head, tags):
    page = f"<html><head>{head}</head><body><h1>Title</h1><p>{PARAGRAPH}</p></body></html>"
    article = GenericParser().parse(page, "https://example.com/a")
    assert (article.tags or []) == tags


@pytest.mark.parametrize("markup, hidden", [
    ('<span class="u-visually-hidden">capital</span>', True),
    ('<span class="sr-only">Author:</span>', True),
    ('<span hidden>x</span>', True),
    ('<span class="author-name">Jane Doe</span>', False),
])
def test_is_screen_reader_only(markup, hidden):
    assert is_screen_reader_only(lxml_html.fromstring(markup)) is hidden


@pytest.mark.parametrize("markup, text", [
    ('<div><span class="visually-hidden">brand</span><span>von</span> <b>Jemima Kelly</b></div>', "von Jemima Kelly"),
    ('<div><span class="sr-only">By <i>x</i></span> Jane Doe</div>', "Jane Doe"),
])
def test_spaced_text_skips_hidden(markup, text):
    assert spaced_text(lxml_html.fromstring(markup), skip_hidden=True) == text


@pytest.mark.parametrize("text, role", [
    ("Travel News Reporter", True), ("Redakteurin", True), ("Senior Editor", True), ("Jane Doe", False),
    ("Editor at large of the magazine since 1999", False),
])
def test_is_role_text(text, role):
    assert is_role_text(text) is role


@pytest.mark.parametrize("markup, role", [
    ('<span class="job-title">Reporter</span>', True), ('<span itemprop="jobTitle">Reporter</span>', True),
    ('<span class="author-role">Reporter</span>', True), ('<span class="author-name">Jane</span>', False),
])
def test_is_role_element(markup, role):
    assert is_role_element(lxml_html.fromstring(markup)) is role


@pytest.mark.parametrize("name, stripped", [
    ("신현주 기자", "신현주"), ("山田太郎記者", "山田太郎"), ("기자", "기자"), ("Jane Doe", "Jane Doe"),
])
def test_strip_east_asian_role(name, stripped):
    assert strip_east_asian_role(name) == stripped


@pytest.mark.parametrize("markup, parts", [
    ('<div class="author"><span>By</span> <a>Sophie Foster</a><span class="job-title">Travel News Reporter</span>'
     '<span>Bookmark</span></div>', ["By Sophie Foster"]),
    ('<div class="authors"><span>Jane Doe</span><span>John Roe</span></div>', ["Jane Doe", "John Roe"]),
    ('<div class="authors"><a>Jane Doe</a><span>Senior Reporter</span></div>', ["Jane Doe Senior Reporter"]),
])
def test_byline_parts(markup, parts):
    element = lxml_html.fromstring(markup)
    assert byline_parts(element, spaced_text(element, skip_hidden=True)) == parts


@pytest.mark.parametrize("markup, teaser", [
    ('<div><a href="/x"><h3>Other story</h3><p><span class="author">Jane Doe</span></p></a></div>', True),
    ('<div><a href="/autor/jane"><span class="author">Jane Doe</span></a></div>', False),
    ('<div><span class="author">Jane Doe</span></div>', False),
])
def test_in_teaser_card(markup, teaser):
    element = next(e for e in lxml_html.fromstring(markup).iter("span"))
    assert in_teaser_link(element) is teaser


def _meta(head: str):
    from parsel import Selector

    from newscrawl.extract.metadata import PageMetadata
    return PageMetadata(Selector(text=f"<html><head>{head}</head><body></body></html>"))


@pytest.mark.parametrize("head, author", [
    ('<meta name="author" content="한국일보"><meta name="author" content="신현주 기자">'
     '<meta property="og:site_name" content="한국일보">', "신현주 기자"),
    ('<meta name="author" content="Jane Doe">', "Jane Doe"),
    ('<meta name="author" content="Example News"><meta property="og:site_name" content="Example News">', None),
    ('<meta name="copyright" content="© Example Media"><meta name="author" content="Example Media">', None),
    ('<meta property="article:author" content="https://facebook.com/jane">', None),
])
def test_declared_author(head, author):
    assert declared_author(_meta(head)) == author


@pytest.mark.parametrize("jsonld, names", [
    ('{"@context": "https://schema.org", "@graph": [{"@type": "NewsArticle", "headline": "H",'
     ' "author": [{"@id": "#p1"}]}, {"@type": "Person", "@id": "#p1", "name": "Jane Doe"}]}', ["Jane Doe"]),
    ('{"@context": "https://schema.org", "@graph": [{"@type": "NewsArticle", "headline": "H",'
     ' "author": {"@id": "#o"}}, {"@type": "Organization", "@id": "#o", "name": "Example"}]}', []),
    ('{"@context": "https://schema.org", "@type": "NewsArticle", "author": {"@type": "Person", "name": "J"}}', []),
])
def test_referenced_persons(jsonld, names):
    assert referenced_persons(_meta(f'<script type="application/ld+json">{jsonld}</script>')) == names


@pytest.mark.parametrize("text, byline", [
    ("Von Eva Kirchner-Rätsch", True), ("By Jane Doe and John Roe", True),
    ("Von Berlin aus regiert die Partei das Land seit 1990 ohne Unterbrechung.", False),
    ("Die Partei hat entschieden.", False),
])
def test_is_byline_line(text, byline):
    assert is_byline_line(text) is byline


@pytest.mark.parametrize("markup, text, photo", [
    ('<div class="lightbox-gallery__description">x</div>', "Lindner spricht in Berlin.", True),
    ('<div class="image-caption">x</div>', "Lindner spricht in Berlin.", True),
    ('<p class="intro">x</p>', "Der Minister in Berlin. Bild: Christoph Soeder/dpa", True),
    ('<section class="slideshow-intro-content">x</section>', "Zendaya is a fashion superstar.", False),
    ('<p class="article-intro">x</p>', "Die Partei hat entschieden.", False),
])
def test_is_photo_text(markup, text, photo):
    assert is_photo_text(lxml_html.fromstring(markup), text) is photo


@pytest.mark.parametrize("text, titles, title_line", [
    ("USA stoppen Schattentanker Acht Namen, vier Flaggen", ["Acht Namen, vier Flaggen"], True),
    ("Acht Namen, vier Flaggen", [None, "Acht Namen, vier Flaggen"], True),
    ("Europas Banken wollen beim Zahlungsverkehr unabhängiger von US-Firmen werden. Mit EPI bringen sie bald ein "
     "neues Bezahlsystem an den Markt.", ["Europas Banken wollen unabhängiger werden"], False),
])
def test_is_title_line(text, titles, title_line):
    assert is_title_line(text, titles) is title_line


@pytest.mark.parametrize("markup, teaser", [
    ('<a href="/other.html"><figure><img src="a.jpg"><figcaption>A caption here</figcaption></figure>'
     '<h2>Other story</h2></a>', True),
    ('<a class="link--with-thumbnail" href="/other.html"><img src="a.jpg"><div><h2>Les også Other</h2></div></a>',
     True),
    ('<a href="big.jpg"><figure><img src="a.jpg"><figcaption>A caption here</figcaption></figure></a>', False),
    ('<div><figure><img src="a.jpg"><figcaption>A caption here</figcaption></figure></div>', False),
])
def test_in_teaser_link(markup, teaser):
    root = lxml_html.fromstring(markup)
    photo = next(root.iter("figure"), None)
    assert in_teaser_link(photo if photo is not None else root) is teaser


@pytest.mark.parametrize("markup, found", [
    # Photo boxes without <figure>: WordPress "post-thumbnail", compound class words ("contentimage").
    ('<div><div class="post-thumbnail"><img src="a.jpg"><p class="wp-caption-text">Kallas und Jaishankar in '
     'Neu-Delhi | Bildquelle: EU</p></div><p>' + "Text. " * 30 + '</p></div>', True),
    ('<div><div class="contentimage"><img src="a.jpg"><span class="caption">Die Technik auf dem Dach der Bahn'
     '</span></div><p>' + "Text. " * 30 + '</p></div>', True),
    ('<div><div class="backgroundcolor"><img src="a.jpg"><span class="caption">Die Technik auf dem Dach der Bahn'
     '</span></div><p>' + "Text. " * 30 + '</p></div>', False),
])
def test_photo_box_classes(markup, found):
    walk = walk_page(lxml_html.fromstring(markup))
    captions = [figure_caption(f.element, "https://example.com/") for f in walk.figures]
    assert any(captions) is found


@pytest.mark.parametrize("markup, text_figure", [
    ('<figure><blockquote><p>Words.</p></blockquote><figcaption>Jane Doe, expert</figcaption></figure>', True),
    ('<figure><pre>code</pre><figcaption>Listing 1</figcaption></figure>', True),
    ('<figure><blockquote>Tweet</blockquote><img src="a.jpg"><figcaption>x</figcaption></figure>', False),
    ('<figure><figcaption>Bitte aktivieren Sie Javascript.</figcaption></figure>', True),
    ('<figure><img src="a.jpg"><figcaption>The minister</figcaption></figure>', False),
    ('<figure><span class="lazy" data-src="a.jpg"></span><figcaption>The minister</figcaption></figure>', False),
    ('<figure><div style="background-image: url(a.jpg)"></div><figcaption>The minister</figcaption></figure>', False),
])
def test_is_text_figure(markup, text_figure):
    assert is_text_figure(lxml_html.fromstring(markup)) is text_figure


@pytest.mark.parametrize("markup, name", [
    ('<p style="text-align:right;"><strong>Lê Phương</strong></p>', "Lê Phương"),
    ('<p><b>Jane Doe</b></p>', "Jane Doe"),
    ('<p><strong>Read more</strong></p>', None),
    ('<p><strong>Update:</strong></p>', None),
    ('<p>Jane Doe</p>', None),
    ('<p><strong>The council voted on Monday to close the old bridge.</strong></p>', None),
])
def test_signature_line(markup, name):
    element = lxml_html.fromstring(markup)
    assert signature_line([Block(element, "p", block_text(element)[0])]) == name


@pytest.mark.parametrize("markup, layout", [
    ("<li><h1>Title</h1><h2>Deck line</h2><p>Text.</p></li>", True),
    ("<li><h1>Title</h1></li>", False),
    ("<li><p>Item text</p></li>", False),
])
def test_is_layout_box(markup, layout):
    assert is_layout_box(lxml_html.fromstring(markup)) is layout


@pytest.mark.parametrize("markup, titled", [
    ('<h3 class="voc-d-c__s-title">Retirada de la custodia</h3>', True),
    ('<h2 class="article-subheadline">Die Folgen</h2>', True),
    ('<h3 class="related-title">More stories</h3>', False),
    ('<h3 class="newsletter-heading">Sign up</h3>', False),
])
def test_is_titled_subheading(markup, titled):
    element = lxml_html.fromstring(markup)
    text = block_text(element)[0]
    assert is_titled_subheading(Block(element, element.tag, text, furniture=element)) is titled


@pytest.mark.parametrize("markup, caption", [
    ('<div class="blog--image"><picture><img src="a.jpg"></picture><p class="article--media--lead">Friedrich Merz</p>'
     '<p class="image--author">Foto: REUTERS/Nadja Wohlleben</p></div>',
     {"text": "Friedrich Merz", "credit": "REUTERS/Nadja Wohlleben", "image_url": "https://example.com/a.jpg"}),
    ('<div class="photo"><img src="a.jpg"><p>Foto: dpa</p></div>', None),
])
def test_photo_box_paragraph_caption(markup, caption):
    assert figure_caption(lxml_html.fromstring(markup), "https://example.com/") == caption


@pytest.mark.parametrize("text, credit", [
    ("© VS Tristach", True), ("Foto: dpa", True), ("Bildquelle: EU", True), ("(c) Reuters", True),
    ("Fotos der Woche aus aller Welt", False), ("Kiew am Morgen", False),
])
def test_is_labelled_credit(text, credit):
    assert is_labelled_credit(text) is credit


def test_labelled_credit_element_in_photo_box():
    box = lxml_html.fromstring('<figure><img src="a.jpg"><figcaption><small>Norbert Salcher empfing 14 Kinder</small>'
                               '<small>© VS Tristach</small></figcaption></figure>')
    assert figure_caption(box, "https://example.com/") == {
        "text": "Norbert Salcher empfing 14 Kinder", "credit": "VS Tristach", "image_url": "https://example.com/a.jpg"}


@pytest.mark.parametrize("descriptions, chosen", [
    (["Judas betrayed him for money...", None, "Judas betrayed him for money. Or not?"],
     "Judas betrayed him for money. Or not?"),
    (["Students attacked others.", None, None, "Students attacked others. Five are charged."],
     "Students attacked others. Five are charged."),
    (["The vote was close.", "A photo of the council at the vote."], "The vote was close."),
    ([None, None], None),
])
def test_fullest_description(descriptions, chosen):
    assert fullest_description(descriptions) == chosen


@pytest.mark.parametrize("markup, wraps", [
    ('<section class="slideshow-intro"><ul class="summary-list"><li>A</li></ul><p>Body</p></section>', [True, False]),
    ('<div><p class="intro">A</p><p class="teaser">B</p></div>', [False, False]),
])
def test_wraps_other_lead(markup, wraps):
    root = lxml_html.fromstring(markup)
    leads = [e for e in root.iter() if e.get("class")]
    assert [wraps_other_lead(e, leads) for e in leads] == wraps


@pytest.mark.parametrize("markup, boxes", [
    ('<div><div id="b"><img src="a.jpg"><div><small class="t-info">Das Heim in Debant</small>'
     '<small>© Gemeinde</small></div></div><p>Text</p></div>', ["b"]),
    ('<div><div id="b"><span>Foto: Deja Gaston</span><img src="a.jpg"><div>Protest in Nairobi</div></div></div>',
     ["b"]),
    ('<div><p>© 2024 Example Media. All rights reserved.</p></div>', []),  # no image near: a footer
    ('<div><figure id="f"><img src="a.jpg"><figcaption>x <small>© dpa</small></figcaption></figure></div>', []),
])
def test_credit_boxes(markup, boxes):
    root = lxml_html.fromstring(markup)
    known = list(root.iter("figure"))
    assert [box.get("id") for box in credit_boxes(root, known)] == boxes


@pytest.mark.parametrize("markup, sentence", [
    ('<p>It also <a href="/x">co-ordinates military plans and carries out exercises</a>.</p>', True),
    ('<p>Read more: <a href="/x">Nato members meet in Brussels today</a></p>', False),
    ('<p><a href="/x">Nato members meet in Brussels today for talks.</a></p>', False),
    ('<p>See <a href="/x">this</a>.</p>', False),
])
def test_is_linked_sentence(markup, sentence):
    element = lxml_html.fromstring(markup)
    text, links = block_text(element)
    assert is_linked_sentence(Block(element, "p", text, links)) is sentence
