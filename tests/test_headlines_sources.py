"""Headline choice between the h1 and the declared titles (issue 12, second to fifth rounds)."""
from __future__ import annotations

import pytest

from newscrawl.extract.generic.headlines import choose_headline


@pytest.mark.parametrize("h1s, jsonld, og, title, url, headline", [
    # no JSON-LD headline: an SEO title that puts a topic label before the h1 gives the h1
    (["Unser wahres Ich"], None, "Rutger Bregman: Unser wahres Ich - brand eins online", None,
     "https://www.brandeins.de/magazine/x", "Unser wahres Ich"),
    # ... but a news page's JSON-LD headline and og:title with the label keep it
    (["Nairobi von unten"], "Kenia: Nairobi von unten", "Kenia: Nairobi von unten", None,
     "https://www.jungewelt.de/x", "Kenia: Nairobi von unten"),
    # no JSON-LD headline: an h1 that holds the SEO title and more is the headline
    (["Saftiger Zitronenkuchen vom Blech: einfach köstlich!"], None, "Saftiger Zitronenkuchen vom Blech | Backen",
     "Saftiger Zitronenkuchen vom Blech | Backen", "https://www.backen.de/x",
     "Saftiger Zitronenkuchen vom Blech: einfach köstlich!"),
    # an h1 that glues a label (its own element) before the declared title shows the declared title
    (["Tunesien Große Aufgaben für die neue Regierung"], None, "Große Aufgaben für die neue Regierung",
     "Große Aufgaben für die neue Regierung", "https://www.hss.de/x", "Große Aufgaben für die neue Regierung"),
    # ... and a label the declared title sets apart is dropped from the h1
    (["Olympische Spiele in Paris Getränke per Schiff ins Stadtzentrum"], None,
     "Olympische Spiele in Paris - Getränke per Schiff ins Stadtzentrum", None, "https://www.lmp.de/x",
     "Getränke per Schiff ins Stadtzentrum"),
    # an og:title cut at an unescaped quote is completed from the <title>
    ([], None, "Senador califica a Biden de", 'Senador califica a Biden de "incapacitado"', "https://www.eu.com/x",
     'Senador califica a Biden de "incapacitado"'),
    # no JSON-LD headline, an og:title that carries the site's name (an SEO plugin's copy of <title>) and
    # another title of the page than the h1: the h1 is the headline
    (["Mein cosy Home Gift Guide bei Westwing Collection"], None, "Christmas Gift Guide | Journelles",
     "Christmas Gift Guide | Journelles", "https://www.journelles.de/x",
     "Mein cosy Home Gift Guide bei Westwing Collection"),
    # ... but a newsroom's og:title without the site's name is its social headline, which the votes weigh
    (["I sell Walt Disney World holidays"], None, "I sell Disney World holidays",
     "I sell Disney World holidays", "https://www.dailystar.co.uk/x", "I sell Disney World holidays"),
    # ... and an h1 that shares no word with the declared titles is a section's heading
    (["Quicklinks"], None, "Levelpässe ab sofort bestellbar | Verband", "Levelpässe ab sofort bestellbar | Verband",
     "https://www.verband.de/x", "Levelpässe ab sofort bestellbar"),
    # a logo's h1 that names the site as its ASCII host spells it (umlauts written out) is no headline
    (["Mäscot das Schaf – Webcomic", "Kleine Schafskunde"], None, None,
     "Kleine Schafskunde | Mäscot das Schaf – Webcomic", "http://www.maescot.de/x", "Kleine Schafskunde"),
    # ... and a declared title's site-name part so spelled is cut off
    ([], None, None, "Ökologisch Bauen - Kostenloser Stromcheck", "https://www.oekologisch-bauen.info/x",
     "Kostenloser Stromcheck"),
    # a one-word og:title names the section ("Pressemitteilungen"), not the article the h1 shows
    (["Olafur Eliasson gestaltet Titelseite für die Zeitungen"], None, "Pressemitteilungen",
     "BDZV: Olafur Eliasson gestaltet Titelseite für die Zeitungen", "https://www.bdzv.de/x",
     "Olafur Eliasson gestaltet Titelseite für die Zeitungen"),
    (["Gefahrstoffmanagement für Hersteller und Importeure"], None, "Gefahrstoff-Service",
     "Gefahrstoff-Service - Qualisys", "http://www.qualisys.eu/x",
     "Gefahrstoffmanagement für Hersteller und Importeure"),
    # a CJK title's unspaced site suffix
    ([], None, None, "武汉的声音：有英勇的你，才有英雄的城！-新华网", "http://www.xinhuanet.com/x",
     "武汉的声音：有英勇的你，才有英雄的城！"),
])
def test_choose_headline_between_h1_and_declared(h1s, jsonld, og, title, url, headline):
    assert choose_headline(h1s, jsonld, og, None, title, None, None, url) == headline


@pytest.mark.parametrize("h1s, h2s, og, title, headline", [
    # no h1: the h2 that a declared title holds before a separated suffix is the headline
    ([], ["Hauptnavigation", "Der Verband im Porträt", "Meldungen"], None, "Der Verband im Porträt | Verband (GVB)",
     "Der Verband im Porträt"),
    # ... written as the h2 writes it (case and dashes), where the declared title differs only so
    ([], ["Vessel Returning to Puerto Rico With Cocaine"], "Vessel Returning To Puerto Rico With Cocaine",
     "Vessel Returning to Puerto Rico With Cocaine", "Vessel Returning to Puerto Rico With Cocaine"),
    # an h1 that shows only the site's name counts as none
    (["whiskyverkostung.com"], ["Termine Whisky Tastings Januar – Mai 2020"],
     "Termine Whisky Tastings Januar - Mai 2020", None, "Termine Whisky Tastings Januar – Mai 2020"),
    # a one-word h2 is a section, not the title; an h2 no declared title shows is not read
    ([], ["Aktuelles", "Neue Kommentare"], None, "Aktuelles - Mein Verein", "Aktuelles - Mein Verein"),
    # a page with an h1 ignores its h2s
    (["Big news today"], ["Big news"], "Big news - Site", None, "Big news - Site"),
])
def test_h2_heading_where_no_h1(h1s, h2s, og, title, headline):
    url = "https://www.whiskyverkostung.com/x"
    assert choose_headline(h1s, None, og, None, title, None, None, url, h2s) == headline
