"""A loopback news site of N article pages for the crawl benchmarks (``bench/crawl_speed.py``).

The pages are built from the development corpus (``tests/corpus/dev``: ``<stem>.html.gz`` pages with
``<stem>.json`` records).  Page ``i`` is template ``i mod T`` with its paragraph text put through a
letter permutation seeded by ``i`` (long text runs inside ``<p>`` only, so dates, bylines and the
markup stay as they are), so every page has a body of its own: the crawl's dedup would otherwise
drop all but one page of each template as copies.  Every page names itself as canonical.
Some pages repeat the page before them on purpose:

- an **exact copy** (every ``COPY_EVERY``-th page, offset ``EXACT_COPY_AT``): the same body under
  another URL, which the crawl drops as a copy;
- a **near copy** (offset ``NEAR_COPY_AT``): that body with one sentence added to a paragraph of
  the article text, which the crawl exports (story-level dedup would mark it).

The site: ``/robots.txt`` naming ``/sitemap_index.xml``, an index of sitemaps of
``SITEMAP_SIZE`` URLs each, every entry with the article's own date as ``lastmod`` (so a rerun
knows what is unchanged), a home page without links, the articles under
``/news/<number>-<template>.html``, and a 404 for anything else.  Pages are rendered on request
from templates split once (``Template.pieces``), so serving stays cheap.

    python bench/newssite.py plan --plan plan.json [--light]                # choose the templates, once
    python bench/newssite.py serve --pages N --plan plan.json [--port 0]   # prints the port, serves until killed

``plan.json`` lists the templates to use, their dates and where a near copy adds its sentence
(``check_templates``, run once by the benchmark: ``newssite.py plan --plan plan.json``; a template
whose page has no headline, body or date, or whose variants do not differ, is left out).
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from dataclasses import dataclass
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "dev"
HOST = "news.test"
SITE = f"http://{HOST}"
#: Of every COPY_EVERY pages, the one at EXACT_COPY_AT is an exact copy of the page before it and
#: the one at NEAR_COPY_AT a near copy (5% each).
COPY_EVERY, EXACT_COPY_AT, NEAR_COPY_AT = 20, 7, 13
SITEMAP_SIZE = 1000
#: Only text runs at least this long are permuted: paragraphs of article text, not the short ones
#: that hold a date, a byline or a label (the record's metadata stays the template's).
MIN_PERMUTED_RUN = 60
ADDED_SENTENCE = " This sentence was added to the copy on page {number}."

PARAGRAPH = re.compile(r"<p\b[^>]*>((?:(?!</?(?:p|div|script|style|section|article|template)\b).){1,20000}?)</p>",
                       re.S | re.I)
MARKUP = re.compile(r"(<[^>]*>|&#?\w+;)")
CANONICAL = re.compile(r"<link\b[^>]*\brel=[\"']?canonical\b[^>]*>|<meta\b[^>]*\bproperty=[\"']?og:url\b[^>]*>", re.I)
HEAD = re.compile(r"<head\b[^>]*>", re.I)
NOT_FOUND = "<html><head><title>Not found</title></head><body>Not found</body></html>"
PAGE_PATH = re.compile(r"^/news/(\d+)-[\w-]+\.html$")


@dataclass
class Template:
    """A corpus page split at the points a page differs: ``pieces`` joined give the page, with the
    pieces at ``permuted`` translated and the page's own URL at ``url_at``."""

    stem: str
    pieces: list[str]
    permuted: list[int]
    url_at: int
    alphabets: list[str]  # the letters of the permuted text, one string per case class

    def __post_init__(self):
        # Served as bytes: encoding a whole non-ASCII page on every request would cost more than
        # rendering it; only the pieces that change are encoded per page.
        self.encoded = [piece.encode("utf-8") for piece in self.pieces]

    @classmethod
    def of(cls, stem: str, html: str) -> Template:
        html = CANONICAL.sub("", html)
        head = HEAD.search(html)
        if head is None:
            raise ValueError(f"{stem}: no <head>")
        pieces = [html[:head.end()] + '<link rel="canonical" href="', "", '">']
        url_at, permuted, rest, at = 1, [], html[head.end():], 0
        for match in PARAGRAPH.finditer(rest):
            pieces.append(rest[at:match.start(1)])
            for part in MARKUP.split(match.group(1)):
                if len(part) >= MIN_PERMUTED_RUN and not part.startswith("<"):
                    permuted.append(len(pieces))
                pieces.append(part)
            at = match.end(1)
        pieces.append(rest[at:])
        letters = sorted({c for i in permuted for c in pieces[i] if c.isalpha()})
        alphabets = ["".join(c for c in letters if c.islower()), "".join(c for c in letters if c.isupper()),
                     "".join(c for c in letters if not c.islower() and not c.isupper())]
        return cls(stem, pieces, permuted, url_at, alphabets)

    def table(self, seed: int) -> dict[int, str]:
        """The letter permutation of ``seed``: each case class of the template's letters shuffled."""
        rng = random.Random(seed)
        table = {}
        for alphabet in self.alphabets:
            shuffled = list(alphabet)
            rng.shuffle(shuffled)
            table.update(zip(map(ord, alphabet), shuffled, strict=True))
        return table

    def piece(self, i: int, seed: int) -> str:
        return self.pieces[i].translate(self.table(seed))

    def render(self, url: str, seed: int, added: str = "", added_at: int = -1) -> bytes:
        """The page for ``url`` (UTF-8): paragraph letters permuted by ``seed``; ``added`` after
        the permuted run ``added_at`` (a near copy)."""
        table = self.table(seed)
        pieces = list(self.encoded)
        pieces[self.url_at] = escape(url).encode("utf-8")
        for i in self.permuted:
            pieces[i] = self.pieces[i].translate(table).encode("utf-8")
        if added and self.permuted:
            pieces[self.permuted[added_at]] += added.encode("utf-8")
        return b"".join(pieces)


def light_page(record: dict) -> str:
    """A small page holding a corpus page's expected record (headline, byline, date, lead, body):
    the site's pages in ``--light`` mode, some 20 times cheaper to extract than the real ones, for
    runs that measure what the crawl keeps per page rather than what a page costs."""
    paragraphs = "".join(f"<p>{escape(text)}</p>\n" for text in [record.get("lead") or "",
                                                                *(record.get("body") or "").split("\n\n")] if text)
    authors = ", ".join(record.get("authors") or [])
    return (f'<html lang="{escape(record.get("language") or "en")}"><head><meta charset="utf-8">'
            f'<title>{escape(record["headline"] or "")}</title>'
            f'<meta property="article:published_time" content="{escape(record.get("published_at") or "")}">'
            f'</head><body><article><h1>{escape(record["headline"] or "")}</h1>'
            f'<p class="byline">By {escape(authors)}</p>\n{paragraphs}</article></body></html>')


def load_templates(corpus: Path = DEFAULT_CORPUS, stems: list[str] | None = None, light: bool = False
                   ) -> list[Template]:
    """The corpus pages as templates (``light``: ``light_page`` of each page's record instead)."""
    names = stems if stems is not None else sorted(p.name.removesuffix(".json") for p in corpus.glob("*.json"))
    templates = []
    for stem in names:
        page = corpus / f"{stem}.html.gz"
        if not page.exists():
            continue
        if light:
            record = json.loads((corpus / f"{stem}.json").read_text(encoding="utf-8"))
            if not record.get("headline") or not record.get("body"):
                continue
            html = light_page(record)
        else:
            html = gzip.decompress(page.read_bytes()).decode("utf-8", "replace")
        templates.append(Template.of(stem, html))
    return templates


class NewsSite:
    """``pages`` article pages over ``templates``; ``plan[stem]`` as ``check_templates`` gives it."""

    def __init__(self, templates: list[Template], plan: dict[str, dict], pages: int):
        if not templates:
            raise ValueError("no templates: the corpus has no usable page")
        self.templates, self.plan, self.pages = templates, plan, pages
        self.served = 0  # article pages answered (``/__served``: the benchmark follows the crawl with it)

    def source(self, number: int) -> tuple[int, bool]:
        """(the page whose body page ``number`` shows, whether one sentence is added)."""
        offset = number % COPY_EVERY
        if offset == EXACT_COPY_AT:
            return number - 1, False
        if offset == NEAR_COPY_AT:
            return number - 1, True
        return number, False

    def template(self, number: int) -> Template:
        return self.templates[self.source(number)[0] % len(self.templates)]

    def path(self, number: int) -> str:
        return f"/news/{number:06d}-{self.template(number).stem.lower().replace('_', '-')}.html"

    def url(self, number: int) -> str:
        return SITE + self.path(number)

    def article(self, number: int) -> bytes:
        origin, near = self.source(number)
        added = ADDED_SENTENCE.format(number=number) if near else ""
        template = self.template(number)
        return template.render(self.url(number), origin, added, self.plan[template.stem]["added_at"])

    def kinds(self) -> dict[str, int]:
        """How many pages are unique, exact copies, near copies."""
        counts = {"unique": 0, "exact_copy": 0, "near_copy": 0}
        for number in range(self.pages):
            origin, near = self.source(number)
            counts["unique" if origin == number else "near_copy" if near else "exact_copy"] += 1
        return counts

    def robots(self) -> str:
        return f"User-agent: *\nDisallow: /private/\nSitemap: {SITE}/sitemap_index.xml\n"

    def sitemap_index(self) -> str:
        entries = "".join(f"<sitemap><loc>{SITE}/sitemaps/articles-{k}.xml</loc></sitemap>\n"
                          for k in range((self.pages + SITEMAP_SIZE - 1) // SITEMAP_SIZE))
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{entries}</sitemapindex>\n')

    def sitemap(self, k: int) -> str | None:
        numbers = range(k * SITEMAP_SIZE, min(self.pages, (k + 1) * SITEMAP_SIZE))
        if not numbers:
            return None
        entries = "".join(f"<url><loc>{self.url(n)}</loc>"
                          f"<lastmod>{self.plan[self.template(n).stem]['lastmod']}</lastmod></url>\n"
                          for n in numbers)
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{entries}</urlset>\n')

    def answer(self, path: str) -> tuple[int, str, bytes | str]:
        """(status, content type, body) for a request path: text, or an article's UTF-8 bytes."""
        if path == "/":
            return 200, "text/html; charset=utf-8", "<html><head><title>News</title></head><body>News</body></html>"
        if path == "/robots.txt":
            return 200, "text/plain", self.robots()
        if path == "/sitemap_index.xml":
            return 200, "application/xml", self.sitemap_index()
        match = re.fullmatch(r"/sitemaps/articles-(\d+)\.xml", path)
        if match and (body := self.sitemap(int(match.group(1)))):
            return 200, "application/xml", body
        match = PAGE_PATH.match(path)
        if match and int(match.group(1)) < self.pages and self.path(int(match.group(1))) == path:
            self.served += 1  # under the GIL; a count off by one under a race does not matter here
            return 200, "text/html; charset=utf-8", self.article(int(match.group(1)))
        if path == "/__served":
            return 200, "text/plain", str(self.served)
        return 404, "text/html; charset=utf-8", NOT_FOUND


def check_templates(corpus: Path = DEFAULT_CORPUS, light: bool = False, stems: list[str] | None = None
                    ) -> dict[str, dict]:
    """``{stem: {"lastmod": date, "added_at": i}}`` of the corpus pages a benchmark site can use:
    two variants of the page both have a headline and a body, bodies that differ, and the same
    date (``modified_at``, else ``published_at``: a rerun compares the sitemap's ``lastmod`` with
    it); ``added_at`` is the permuted run a near copy adds its sentence to, one the body holds."""
    from newscrawl.extract import extract_article
    from newscrawl.output.state import body_fingerprint

    usable = {}
    for template in load_templates(corpus, stems, light):
        url = f"{SITE}/news/000000-{template.stem.lower().replace('_', '-')}.html"
        records = [extract_article(template.render(url, seed).decode("utf-8"), url) for seed in (1, 2)]
        dates = {r["modified_at"] or r["published_at"] for r in records}
        bodies = {body_fingerprint(r["body"]) for r in records}
        if not (all(r["headline"] and r["body"] for r in records) and len(bodies) == 2 and len(dates) == 1
                and None not in dates):
            continue
        page = template.render(url, 1).decode("utf-8")
        in_body = [k for k, i in enumerate(template.permuted)
                   if template.pieces[i].strip() and template.piece(i, 1).strip() in records[0]["body"]
                   and template.piece(i, 1) in page]
        for added_at in in_body[len(in_body) // 2:] + in_body[:len(in_body) // 2]:
            near = extract_article(template.render(url, 1, ADDED_SENTENCE.format(number=1), added_at).decode(), url)
            if body_fingerprint(near["body"]) != body_fingerprint(records[0]["body"]):
                usable[template.stem] = {"lastmod": dates.pop(), "added_at": added_at}
                break
    return usable


def site_from_plan(plan: Path, pages: int, corpus: Path = DEFAULT_CORPUS) -> NewsSite:
    usable = json.loads(plan.read_text(encoding="utf-8"))
    light = usable.pop("(light)", False)
    return NewsSite(load_templates(corpus, sorted(usable), light), usable, pages)


def serve(site: NewsSite, port: int = 0) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive: the crawler reuses its connections

        def do_GET(self):  # noqa: N802 (http.server's naming)
            status, content_type, body = site.answer(self.path)
            body = body.encode("utf-8") if isinstance(body, str) else body
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    return server


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["serve", "plan"])
    parser.add_argument("--pages", type=int, default=3000)
    parser.add_argument("--plan", type=Path, required=True, help="templates and dates (written by `plan`)")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--light", action="store_true", help="plan: small pages from the records (light_page)")
    args = parser.parse_args(argv)
    if args.command == "plan":
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        plan = check_templates(args.corpus, args.light)
        args.plan.write_text(json.dumps({**plan, "(light)": args.light}, indent=1), encoding="utf-8")
        return 0
    server = serve(site_from_plan(args.plan, args.pages, args.corpus), args.port)
    print(f"http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
