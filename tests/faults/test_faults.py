"""Fault injection: a real ``scrapy crawl news`` against a loopback site that misbehaves on demand.

Every case serves two good articles plus the case's faults.  Each run must: not crash, export each
good article exactly once, keep every faulty page out (or export it right, where the case says
so), and log the URL of each fault with its reason.  The figures of each run feed the table
printed at the end of the session (tests/faults/conftest.py).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import pytest

from tests.conftest import run_crawl
from tests.faults.site import (
    HOST,
    FaultSite,
    article_html,
    fail_first,
    gzip_bomb,
    redirect,
    reset_mid_body,
    respond,
    retry_after_date,
    serve,
    slow,
    truncated,
)

GOOD = {"/news/story-1.html": "Council approves the town budget", "/news/story-2.html": "Bridge reopens after repairs"}
# What Scrapy logs when a callback, a pipeline, a signal handler or the engine itself raised.
CRASH_MARKERS = ("Spider error processing", "Error processing {", "Unhandled error", "Error caught on signal handler",
                 "Error while obtaining start requests")


@dataclass
class Case:
    name: str
    #: feed path -> behaviour of each faulty article page
    pages: dict = field(default_factory=dict)
    #: other routes (sitemaps, redirect targets)
    routes: dict = field(default_factory=dict)
    #: faulty pages that must come out right: path -> expected headline
    exported: dict = field(default_factory=dict)
    #: substrings the log must contain
    log: tuple = ()
    settings: tuple = ()
    robots: str | None = None
    feed_links: tuple = ()
    #: feed links listed before the good articles
    feed_first: tuple = ()
    #: markup added to the home page's body
    home: str = ""
    #: path prefix -> behaviour, for paths no route names (session-id variants, endless sitemaps)
    prefixes: dict = field(default_factory=dict)


def stories(n):
    return article_html(n, f"Story number {n} of the fault site")


def cp1251_page():
    html = article_html(20, "Городской совет утвердил бюджет", charset="windows-1251", lang="ru", paragraphs=[
        "Городской совет в понедельник утвердил бюджет на следующий год после долгого обсуждения.",
        "Депутаты обсуждали расходы на дороги, школы и больницы почти шесть часов подряд.",
        "Оппозиция заявила, что будет добиваться пересмотра решения в следующем месяце."])
    return html.encode("cp1251")


GERMAN = ["Der Stadtrat von Zürich hat am Montag über die Größe des Haushalts abgestimmt, sagte Müller.",
          "Die Gebühren für Straßen, Schulen und Bäder steigen im nächsten Jahr um drei Prozent.",
          "Die Opposition kündigte an, gegen den Beschluss vor das Verwaltungsgericht zu ziehen."]


ENGLISH = ["The city council of Zürich approved the budget on Monday after a long debate in the town hall.",
           "The second paragraph explains the budget numbers and the reasons behind them for the residents.",
           "Opponents of the plan said that this was only the first step of a longer dispute in the city."]


def german_page(number, charset):
    return article_html(number, "Zürich: Stadtrat beschließt Budget", charset=charset, lang="de", paragraphs=GERMAN)


# What a hostile page or a broken CMS puts into text: NUL, C0/C1 controls, DEL, terminal escapes
# (colour, clear screen, window title), bidi overrides and isolates.
JUNK = "\x00\x01\x07\x1b[31m\x1b[2J\x1b]0;owned\x07\x7f\x9b1m\u202e\u2066\u2069\u202a"
# The same as JSON escapes, with unpaired surrogates: json.loads gives lone surrogates, no UTF-8 encoder takes them.
JSON_JUNK = "\\ud800\\u0000\\u001b[2J\\udfff\\u202e"
PERSIAN = "شهردار گفت: می\u200cخواهیم بودجه را تصویب کنیم"  # ZWNJ: part of the word, must stay


def hostile_text_page():
    html = article_html(27, "Council approves the town budget again", paragraphs=[
        f"First{JUNK} paragraph of the story, long enough to count as a real paragraph of the article.",
        f"The mayor said in Persian: {PERSIAN}. The family emoji 👨\u200d👩\u200d👧 stays one sign.",
        f"Opponents{JUNK} of the plan said that this was only the first step of a longer dispute.",
        "The final paragraph says that a vote is expected before the end of the month."])
    html = html.replace("<h1>Council approves", f"<h1>Council{JUNK} approves")
    html = html.replace("By Jane Doe", f"By Jane{JUNK} Doe")
    html = html.replace('"headline": "Council approves', f'"headline": "Council{JSON_JUNK} approves')
    html = html.replace('"datePublished"', f'"author": {{"@type": "Person", "name": "Jane{JSON_JUNK} Doe"}}, '
                                           f'"keywords": "Town{JSON_JUNK}, Budget", "datePublished"')
    return html.replace("</article>", f"<figure><img src='/photo.jpg'><figcaption>The town hall{JUNK} at night"
                                      f"</figcaption></figure></article>")


def deep_page(depth=5000):
    html = stories(17)
    start = html.index("<main>")
    return html[:start] + "<div>" * depth + html[start:html.index("</main>")] + "</div>" * depth + "</main>" \
        + html[html.index("</main>") + 7:]


def boilerplate_page():
    links = " ".join(f'<li><a href="/section/{i}/">Section {i}</a></li>' for i in range(40))
    return (f'<html lang="en"><head><title>Fault News</title></head><body><header><nav><ul>{links}</ul></nav>'
            f'</header><footer><p>© Fault News. All rights reserved.</p><a href="/privacy">Privacy</a></footer>'
            f'</body></html>')


def sitemap(entries):
    urls = "".join(f"<url><loc>http://{HOST}{path}</loc><lastmod>{day}</lastmod></url>" for path, day in entries)
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


def big_sitemap(n=100_000):
    old = [(f"/news/archive-story-{i:06d}-old-town-report.html", "2001-01-01") for i in range(n - 2)]
    return sitemap(old + [(p, "2099-01-01") for p in GOOD])


LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % ("" if i == 1 else i - 1)) * 10}">' for i in range(1, 10))
          + f']><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://{HOST}/news/&lol9;.html'
          '</loc></url></urlset>')
XXE = ('<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY secret SYSTEM "file:///etc/hostname">]>'
       f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://{HOST}/news/&secret;.html'
       '</loc></url></urlset>')
SELF_INDEX = (f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
              f'<sitemap><loc>http://{HOST}/sitemap-self.xml</loc></sitemap>'
              f'<sitemap><loc>http://{HOST}/sitemap-news.xml</loc></sitemap></sitemapindex>')
CHALLENGE = ('<html><head><title>Just a moment...</title></head><body><div id="cf-challenge-running">'
             'Checking your browser before accessing fault.test.</div></body></html>')
CONSENT = ('<html><head><title>Fault News</title><script src="https://consent.example/cmp.js"></script></head>'
           '<body><div class="consent-wall"><h2>We value your privacy</h2><p>Accept all cookies to continue reading,'
           ' or subscribe.</p><button>Accept all</button></div></body></html>')


def sitemap_robots(path):
    return f"User-agent: *\nDisallow: /private/\nSitemap: http://{HOST}{path}\n"


def raw_sitemap(locs, index=False):
    """A urlset (or sitemap index) of these ``loc`` texts as given, undated."""
    kind, item = ("sitemapindex", "sitemap") if index else ("urlset", "url")
    entries = "".join(f"<{item}><loc>{escape(loc)}</loc></{item}>" for loc in locs)
    return f'<?xml version="1.0"?><{kind} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</{kind}>'


#: Links no listing should make the crawler fetch, nor stop at: each costs its own entry only.
UNFETCHABLE = ("javascript:alert(1)", "data:text/html;base64,PGgxPng8L2gxPg==", "mailto:desk@fault.test",
               "http://[::1", f"http://{HOST}:99999/news/bad-port-story-here.html",
               f"http://{HOST}/news/" + "very-long-" * 300 + "story.html")


def nested_index(number):
    """Sitemap index n names index n+1, without end; the first also names a real urlset."""
    children = [f"http://{HOST}/sitemap-nest-{number + 1}.xml"]
    if number == 0:
        children.append(f"http://{HOST}/sitemap-leaf.xml")
    return serve(raw_sitemap(children, index=True), "application/xml")


def session_index(other):
    """A sitemap index naming ``other`` with a new session id and tracking tags at each request."""
    def behaviour(handler, site):
        n = len(site.paths())
        locs = [f"http://{HOST}/{other}?sid={n}&utm_source=map", f"http://{HOST}/{other};jsessionid={n}A",
                f"http://{HOST}/{other}?PHPSESSID={n}", f"http://{HOST}/sitemap-leaf.xml#{n}"]
        respond(handler, 200, raw_sitemap(locs, index=True).encode(), "application/xml")
    return behaviour


def page_with_text(title, heading, *paragraphs):
    """A page in the site's template, with these title, heading and paragraphs."""
    text = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f'<header><nav><a href="/">Home</a> <a href="/tag/town/">Town</a></nav></header><main><article>'
            f'<h1>{heading}</h1>{text}</article></main><footer><a href="/about">About us</a></footer></body></html>')


RECENT = ("Recent stories: the council approved the town budget on Monday after a long debate about roads.",
          "The bridge over the river reopened after two years of repairs, to the relief of the commuters.",
          "The school board met on Thursday to discuss the new timetable and the cost of the buses.")
SOFT_404 = {
    "/news/gone-en.html": page_with_text("Page not found | Fault News", "Sorry, we lost that one", *RECENT),
    "/news/gone-de.html": page_with_text("Seite nicht gefunden - Fault News", "Hoppla", *RECENT),
    "/news/gone-fr.html": page_with_text("Page introuvable - Fault News", "Désolé", *RECENT),
    "/news/gone-es.html": page_with_text("Página no encontrada | Fault News", "Lo sentimos", *RECENT),
    "/news/search-for-budget-story.html": page_with_text("Search results for “budget” – Fault News",
                                                          "Search results", *RECENT),
    "/news/oops-short-story.html": page_with_text("Fault News", "Fault News",
                                                  "Sorry, the page you requested could not be found."),
}
#: The site's answer, with 200, to any path it does not know: no error word in it.
GONE_FISHING = page_with_text("Fault News", "Gone fishing",
                              "We looked everywhere for the page you asked for, but it has gone fishing today.",
                              *RECENT)


CASES = [
    # 1. network
    Case("slow_beyond_timeout", {"/news/slow.html": slow(4, serve(stories(3)))},
         log=("/news/slow.html: DownloadTimeoutError",)),
    Case("reset_mid_body", {"/news/reset.html": reset_mid_body(stories(4))}, log=("/news/reset.html: ",)),
    Case("truncated_body", {"/news/short.html": truncated(stories(5))}, log=("/news/short.html: ",)),
    *[Case(f"recovers_after_{status}", {f"/news/flaky-{status}.html": fail_first(2, status, serve(stories(6)))},
           exported={f"/news/flaky-{status}.html": "Story number 6 of the fault site"}) for status in (500, 502, 503)],
    Case("503_forever", {"/news/down.html": serve("<h1>down</h1>", status=503)}, log=("/news/down.html: HTTP 503",)),
    Case("nothing_listening", feed_links=("{dead}/news/gone-story-number-seven.html",),
         log=("/news/gone-story-number-seven.html: DownloadConnectionRefusedError",)),
    # 2. rate limiting
    Case("429_retry_after_seconds", {"/news/busy.html": fail_first(1, 429, serve(stories(8)),
                                                                    lambda: {"Retry-After": "2"})},
         exported={"/news/busy.html": "Story number 8 of the fault site"}, log=("Retry-After 2 s",)),
    Case("429_retry_after_date", {"/news/busy-date.html": fail_first(1, 429, serve(stories(9)), retry_after_date(3))},
         exported={"/news/busy-date.html": "Story number 9 of the fault site"}, log=("Retry-After",)),
    Case("repeated_503_backoff", {f"/news/strained-{i}.html": fail_first(1, 503, serve(stories(30 + i)))
                                  for i in range(3)},
         exported={f"/news/strained-{i}.html": f"Story number {30 + i} of the fault site" for i in range(3)}),
    # 3. soft blocks
    Case("bot_challenge", {"/news/challenged.html": serve(CHALLENGE)}, log=("a bot challenge, not the article",)),
    Case("consent_wall", {"/news/consent.html": serve(CONSENT)}, log=("a consent wall, not the article",)),
    # 4. encodings
    Case("cp1251_declared_utf8", {"/news/cp1251.html": serve(cp1251_page(), "text/html; charset=utf-8")},
         exported={"/news/cp1251.html": "Городской совет утвердил бюджет"}),
    Case("no_charset", {"/news/plain.html": serve(article_html(21, "Café owners welcome the new square",
                                                                charset=None), "text/html")},
         exported={"/news/plain.html": "Café owners welcome the new square"}),
    Case("utf8_bom", {"/news/bom.html": serve(b"\xef\xbb\xbf" + article_html(22, "Naïve résumé of the week",
                                                                          charset=None).encode("utf-8"),
                                           "text/html; charset=iso-8859-1")},
         exported={"/news/bom.html": "Naïve résumé of the week"}),
    Case("invalid_utf8_bytes", {"/news/bytes.html": serve(stories(23).encode("utf-8").replace(
        b"the budget numbers", b"the budget \xff\xfe numbers"))},
         exported={"/news/bytes.html": "Story number 23 of the fault site"}),
    Case("cp1252_declared_utf8", {"/news/zurich.html": serve(german_page(28, "utf-8").encode("cp1252"))},
         exported={"/news/zurich.html": "Zürich: Stadtrat beschließt Budget"}, log=("written in cp1252",)),
    # one letter in an English page: the share of broken bytes is too small to reject the page
    Case("one_cp1252_letter_as_utf8", {"/news/zurich-one.html": serve(article_html(
        47, "Zürich council approves the budget", paragraphs=ENGLISH).encode("cp1252"))},
         exported={"/news/zurich-one.html": "Zürich council approves the budget"}, log=("written in cp1252",)),
    Case("utf8_declared_cp1252", {"/news/zurich-utf8.html": serve(german_page(29, "windows-1252"),
                                                                   "text/html; charset=windows-1252")},
         exported={"/news/zurich-utf8.html": "Zürich: Stadtrat beschließt Budget"}),
    # 5. bad markup and content
    Case("hostile_text", {"/news/hostile.html": serve(hostile_text_page())},
         exported={"/news/hostile.html": "Council approves the town budget again"}),
    Case("unclosed_tags", {"/news/unclosed.html": serve(stories(24).replace("</p>", "").replace("</article>", ""))},
         exported={"/news/unclosed.html": "Story number 24 of the fault site"}),
    Case("deep_nesting_5000", {"/news/deep.html": serve(deep_page())}, log=("/news/deep.html",)),
    Case("empty_200", {"/news/empty.html": serve(b"")}, log=("/news/empty.html",)),
    Case("pdf_at_article_url", {"/news/paper.html": serve(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "application/pdf")},
         log=("/news/paper.html: not an HTML page",)),
    Case("image_at_article_url", {"/news/photo.html": serve(b"\xff\xd8\xff\xe0" + b"\0" * 64, "image/jpeg")},
         log=("/news/photo.html: not an HTML page",)),
    Case("page_30mb", {"/news/huge.html": serve(stories(25).replace("</article>", "<p>" + "x" * (30 << 20)
                                                                      + "</p></article>"))},
         log=("/news/huge.html: ",)),
    Case("boilerplate_only", {"/news/boilerplate.html": serve(boilerplate_page())}, log=("/news/boilerplate.html",)),
    # 6. hostile sitemaps
    Case("sitemap_billion_laughs", routes={"/sitemap-laughs.xml": serve(LAUGHS, "application/xml")},
         robots=sitemap_robots("/sitemap-laughs.xml")),
    Case("sitemap_external_entity", routes={"/sitemap-xxe.xml": serve(XXE, "application/xml")},
         robots=sitemap_robots("/sitemap-xxe.xml")),
    Case("sitemap_gzip_bomb", routes={"/sitemap-bomb.xml.gz": serve(gzip_bomb(64 << 20), "application/x-gzip")},
         robots=sitemap_robots("/sitemap-bomb.xml.gz"), log=("sitemap-bomb.xml.gz",)),
    Case("sitemap_index_includes_itself",
         routes={"/sitemap-self.xml": serve(SELF_INDEX, "application/xml"),
                 "/sitemap-news.xml": serve(sitemap([(p, "2099-01-01") for p in GOOD]), "application/xml")},
         robots=sitemap_robots("/sitemap-self.xml")),
    Case("sitemap_100k_urls", routes={"/sitemap-big.xml": serve(big_sitemap(), "application/xml")},
         robots=sitemap_robots("/sitemap-big.xml")),
    # 7. where the crawler may go
    Case("redirect_loop", {"/news/loop-a.html": redirect("/news/loop-b.html")},
         routes={"/news/loop-b.html": redirect("/news/loop-a.html")},
         log=("/news/loop-a.html: IgnoreRequest: redirect loop back to",)),
    Case("redirect_offsite", {"/news/moved.html": redirect("https://elsewhere.example/2024/05/03/a-b-c-d.html")},
         log=("elsewhere.example",)),
    Case("redirect_to_local_address", {"/news/sneaky.html": redirect("{canary}/latest/meta-data/")},
         log=("non-public address 127.0.0.2",)),
    Case("links_to_local_and_file", feed_links=("{canary}/news/internal-story-number-one.html", "file:///etc/passwd",
                                                "http://[::1]/news/x-y-z-w.html"),
         log=("scheme 'file' is not http or https", "non-public address 127.0.0.2", "non-public address ::1")),
    Case("robots_disallow", {"/private/secret-story.html": serve(stories(26))}, log=("Forbidden by robots.txt",)),
    # 8. one bad listing entry costs that entry only
    Case("feed_unfetchable_links_first", feed_first=UNFETCHABLE,
         log=("feed link 'javascript:alert(1)': scheme 'javascript' is not http or https; skipped",
              "Port out of range", "no link", "characters, more than 2083")),
    Case("sitemap_robots_home_unfetchable", robots="User-agent: *\nSitemap: http://[::1\nSitemap: javascript:x\n"
         f"Sitemap: http://{HOST}/sitemap-bad.xml\n",
         routes={"/sitemap-bad.xml": serve(raw_sitemap([*UNFETCHABLE, f"http://{HOST}/news/sitemap-only-story-40.html"]),
                                           "application/xml"),
                 "/news/sitemap-only-story-40.html": serve(stories(40)),
                 "/news/home-only-story-number-41.html": serve(stories(41))},
         home="".join(f'<a href="{escape(u)}">x</a>' for u in UNFETCHABLE)
         + '<link rel="alternate" type="application/rss+xml" href="http://[::1">'
         + '<a href="/news/home-only-story-number-41.html">Story 41</a>',
         exported={"/news/sitemap-only-story-40.html": "Story number 40 of the fault site",
                   "/news/home-only-story-number-41.html": "Story number 41 of the fault site"},
         log=("robots link", "sitemap link", "home link")),
    # 9. crawler traps
    Case("sitemap_index_nests_forever", routes={**{f"/sitemap-nest-{i}.xml": nested_index(i) for i in range(200)},
                                                "/sitemap-leaf.xml": serve(raw_sitemap(
                                                    [f"http://{HOST}/news/nested-story-number-42.html"]),
                                                    "application/xml"),
                                                "/news/nested-story-number-42.html": serve(stories(42))},
         robots=sitemap_robots("/sitemap-nest-0.xml"),
         exported={"/news/nested-story-number-42.html": "Story number 42 of the fault site"},
         log=("limit NEWSCRAWL_SITEMAP_MAX_DEPTH=3",)),
    Case("sitemap_indexes_cycle_session_ids", prefixes={"/sitemap-a.xml": session_index("sitemap-b.xml"),
                                                        "/sitemap-b.xml": session_index("sitemap-a.xml")},
         routes={"/sitemap-leaf.xml": serve(raw_sitemap([f"http://{HOST}/news/cycled-story-number-43.html"]),
                                            "application/xml"),
                 "/news/cycled-story-number-43.html": serve(stories(43))},
         robots=sitemap_robots("/sitemap-a.xml"),
         exported={"/news/cycled-story-number-43.html": "Story number 43 of the fault site"}),
    Case("sitemap_endless_undated_children",
         routes={"/sitemap-stream.xml": serve(raw_sitemap([f"http://{HOST}/sitemap-child-{i}.xml" for i in range(5000)],
                                                          index=True), "application/xml")},
         prefixes={"/sitemap-child-": serve(raw_sitemap([]), "application/xml")},
         robots=sitemap_robots("/sitemap-stream.xml"), settings=("-s", "NEWSCRAWL_SITEMAP_MAX_FILES=50"),
         log=("limit NEWSCRAWL_SITEMAP_MAX_FILES=50",)),
    Case("feed_session_and_tracking_variants",
         feed_first=tuple(f"http://{HOST}{path}{variant.format(i)}" for i in range(150) for path in GOOD
                          for variant in ("?utm_source=rss&utm_medium={}", ";jsessionid={}ABC", "?sid={}",
                                          "?fbclid={}&PHPSESSID=x", "#comment-{}")),
         prefixes={path: serve(article_html(int(path[-6]), title)) for path, title in GOOD.items()}),
    # 10. not every 200 is an article
    Case("soft_404_pages", {path: serve(html) for path, html in SOFT_404.items()},
         log=("a soft 404 (title: 'Page not found | Fault News')", "a soft 404 (error text")),
    Case("soft_404_like_site_not_found", feed_links=(f"http://{HOST}/news/vanished-story-number-44.html",),
         prefixes={"/": serve(GONE_FISHING)}, log=("a soft 404 (site page",)),
]


@pytest.fixture
def canary():
    """A server on another loopback address: any request reaching it is a policy failure."""
    with FaultSite("127.0.0.2") as server:
        yield server


@pytest.fixture
def dead_origin():
    with FaultSite() as server:
        origin = server.url
    return origin  # closed: nothing listens there any more


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fault(case: Case, tmp_path: Path, canary, dead_origin, fault_figures):
    with FaultSite() as site:
        for path, title in GOOD.items():
            site.routes[path] = serve(article_html(int(path[-6]), title))
        site.routes.update(case.pages)
        site.routes.update(case.routes)
        site.vars.update(canary=canary.url, dead=dead_origin)
        links = [link.format(**site.vars) for link in case.feed_links]
        site.prefixes.update(case.prefixes)
        site.add_feed(list(GOOD) + list(case.pages), links, case.feed_first, case.home)
        if case.robots:
            site.routes["/robots.txt"] = serve(case.robots, "text/plain")
        result = run_crawl("news", tmp_path / "out.jsonl", "-a", f"site=http://{HOST}", "-a", f"base_url={site.url}",
                           "-s", "DOWNLOAD_TIMEOUT=2", "-s", "RETRY_TIMES=2", "-s", "NEWSCRAWL_MAX_RETRY_AFTER=5",
                           "-s", f"NEWSCRAWL_TRUSTED_ORIGINS={dead_origin}",
                           # one bad page of three is the point here, not a failed run
                           "-s", 'NEWSCRAWL_MIN_FIELD_COVERAGE={"headline": 0.5, "body": 0.5}',
                           "-s", "MEMUSAGE_CHECK_INTERVAL_SECONDS=0.2",  # peak memory, sampled often
                           *case.settings, timeout=240)
        requests = site.paths()
    by_path = {}
    for record in result.records:
        by_path.setdefault(record["url"].removeprefix(f"http://{HOST}"), []).append(record)
    duplicates = sum(len(v) - 1 for v in by_path.values())
    crashed = any(marker in result.log for marker in CRASH_MARKERS)
    expected = {**GOOD, **case.exported}
    fault_figures.append({"case": case.name, "expected": len(expected),
                          "exported": len(set(by_path) & set(expected)), "duplicates": duplicates,
                          "crashes": int(crashed), "peak_mb": result.stats.get("memusage/max", 0) / 2**20,
                          "passed": False})

    assert not crashed, result.log
    assert result.returncode == 0, result.log
    assert duplicates == 0
    assert {path: records[0]["headline"] for path, records in by_path.items()} == expected, result.log
    for text in case.log:
        assert text.format(canary=canary.url) in result.log, text
    assert canary.paths() == []  # nothing ever reached the local address
    check = CHECKS.get(case.name)
    if check:
        manifests = [json.loads(p.read_text()) for p in tmp_path.rglob("*.manifest.json")]
        check(site, result, requests, manifests)
    fault_figures[-1]["passed"] = True


def check_retry_after_seconds(site, result, requests, manifests):
    first, second = site.times("/news/busy.html")[:2]
    assert second - first >= 2.0  # waited at least what the server asked
    assert result.stats["newscrawl/throttle/retry_after"] == 1


def check_retry_after_date(site, result, requests, manifests):
    first, second = site.times("/news/busy-date.html")[:2]
    assert second - first >= 2.0  # the date was 3 s ahead, to the second


def check_backoff(site, result, requests, manifests):
    assert result.stats["newscrawl/throttle/max_delay"] >= 2.0  # doubled at least once more than the start


def check_blocked(kind):
    def check(site, result, requests, manifests):
        assert result.stats[f"newscrawl/blocked/{kind}"] == 1
        assert [m["blocked"] for m in manifests] == [{kind: 1}]  # reported to the data team
    return check


def check_encoding_text(site, result, requests, manifests):
    for record in result.records:
        assert "\ufffd" not in json.dumps(record, ensure_ascii=False)
        assert "Ð" not in record["body"] and "Ã" not in record["body"]  # no mojibake


def check_german_text(site, result, requests, manifests):
    check_encoding_text(site, result, requests, manifests)
    body = next(r["body"] for r in result.records if "zurich" in r["url"])
    assert body == "\n\n".join(GERMAN)  # every letter kept


def check_english_text(site, result, requests, manifests):
    check_encoding_text(site, result, requests, manifests)
    body = next(r["body"] for r in result.records if "zurich" in r["url"])
    assert body == "\n\n".join(ENGLISH)  # not "Zrich"


# No control, escape, lone surrogate, U+FFFD or bidi override in any text a record carries.
UNSHOWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffd\u202a-\u202e\u2066-\u2069]")


def check_clean_text(site, result, requests, manifests):
    for record in result.records:
        assert not UNSHOWABLE.search(json.dumps(record, ensure_ascii=False).replace("\\n", "")), record
    record = next(r for r in result.records if "hostile" in r["url"])
    assert record["authors"] == ["Jane Doe"]
    assert record["body"].count("\n\n") == 3  # paragraph breaks kept
    assert PERSIAN in record["body"] and "👨\u200d👩\u200d👧" in record["body"]
    assert "[31m" not in record["body"] and "owned" not in record["body"]
    assert [c["text"] for c in record["captions"]] == ["The town hall at night"]
    assert "Town" in record["tags"] and record["published_at"]


def check_sitemap_entries_filtered(site, result, requests, manifests):
    assert not any("archive-story" in path for path in requests)
    assert result.stats["memusage/max"] < 1 << 30


def check_self_index(site, result, requests, manifests):
    assert requests.count("/sitemap-self.xml") == 1 and requests.count("/sitemap-news.xml") == 1


def check_xxe(site, result, requests, manifests):
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else "\0"
    assert not any(hostname in path for path in requests if hostname)


def check_robots(site, result, requests, manifests):
    assert "/private/secret-story.html" not in requests


def check_unfetchable(counts):
    def check(site, result, requests, manifests):
        for reason, count in counts.items():
            assert result.stats.get(f"newscrawl/listing/unfetchable/{reason}", 0) >= count, (reason, result.stats)
        assert not any("very-long" in path or "bad-port" in path for path in requests)
    return check


def check_nesting(site, result, requests, manifests):
    nested = [p for p in requests if p.startswith("/sitemap-nest-")]
    assert len(nested) == 4  # the first index and three levels below it
    assert result.stats["newscrawl/sitemap/limit_depth"] == 1


def check_cycle(site, result, requests, manifests):
    assert sorted(p for p in requests if p.startswith("/sitemap-")) == [
        "/sitemap-a.xml", "/sitemap-b.xml", "/sitemap-leaf.xml"]  # session ids and tags are one URL


def check_endless_children(site, result, requests, manifests):
    assert len([p for p in requests if p.startswith("/sitemap-child-")]) == 50
    assert result.stats["newscrawl/sitemap/limit_files"] == 5000 - 50


def check_variants(site, result, requests, manifests):
    assert sorted(p for p in requests if p.startswith("/news/")) == sorted(GOOD)  # one fetch an article


def check_soft_404(counts):
    def check(site, result, requests, manifests):
        for reason, count in counts.items():
            assert result.stats.get(f"newscrawl/blocked/soft_404_{reason}") == count, result.stats
        assert [m["blocked"] for m in manifests] == [{f"soft_404_{r}": c for r, c in counts.items()}]
    return check


CHECKS = {
    "feed_unfetchable_links_first": check_unfetchable({"scheme": 3, "malformed": 2, "too_long": 1}),
    "sitemap_robots_home_unfetchable": check_unfetchable({"scheme": 7, "malformed": 6, "too_long": 2}),
    "sitemap_index_nests_forever": check_nesting,
    "sitemap_indexes_cycle_session_ids": check_cycle,
    "sitemap_endless_undated_children": check_endless_children,
    "feed_session_and_tracking_variants": check_variants,
    "soft_404_pages": check_soft_404({"title": 5, "error_text": 1}),
    "soft_404_like_site_not_found": check_soft_404({"site_page": 1}),
    "429_retry_after_seconds": check_retry_after_seconds,
    "429_retry_after_date": check_retry_after_date,
    "repeated_503_backoff": check_backoff,
    "bot_challenge": check_blocked("bot_challenge"),
    "consent_wall": check_blocked("consent_wall"),
    "cp1251_declared_utf8": check_encoding_text,
    "no_charset": check_encoding_text,
    "utf8_bom": check_encoding_text,
    "invalid_utf8_bytes": check_encoding_text,
    "cp1252_declared_utf8": check_german_text,
    "utf8_declared_cp1252": check_german_text,
    "one_cp1252_letter_as_utf8": check_english_text,
    "hostile_text": check_clean_text,
    "sitemap_100k_urls": check_sitemap_entries_filtered,
    "sitemap_index_includes_itself": check_self_index,
    "sitemap_external_entity": check_xxe,
    "robots_disallow": check_robots,
}
