"""The baseline rows of ``bench/crawl_speed.py``, each run alone in its own process:

- ``noop``: a plain Scrapy ``SitemapSpider`` (Scrapy's defaults, no newscrawl component) fetching
  every article the site's sitemaps list and parsing nothing: the ceiling of the site and the
  downloader on this machine;
- ``trafilatura``: the same spider calling ``trafilatura.extract`` on every page;
- ``extract``: ``newscrawl.extract.extract_article`` over the same pages in one process, each page
  read from the site first (only the extraction is timed).

Each writes ``{"pages": N, "seconds": S}`` as JSON to ``--result``.

    python bench/baseline_rows.py noop|trafilatura|extract --origin http://127.0.0.1:PORT --result out.json
"""
from __future__ import annotations

import argparse
import http.client
import json
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, installed or not

from bench.newssite import SITE  # noqa: E402


def plain_spider_class(origin: str, extract=None):
    """A ``SitemapSpider`` reading the site's sitemaps from ``origin`` (a mirror of ``SITE``):
    every ``loc`` is fetched from ``origin``; ``extract(html, url)`` runs on each page if given."""
    from scrapy.spiders import SitemapSpider

    class PlainSpider(SitemapSpider):
        name = "plain"
        sitemap_urls = [origin + "/sitemap_index.xml"]
        pages = 0

        def sitemap_filter(self, entries):
            for entry in entries:
                entry["loc"] = entry["loc"].replace(SITE, origin, 1)
                yield entry

        def parse(self, response):
            type(self).pages += 1
            if extract is not None:
                record = extract(response.text, response.url.replace(origin, SITE, 1))
                if record:
                    yield json.loads(record)

    return PlainSpider


def run_plain(origin: str, concurrency: int, extract=None) -> dict:
    from scrapy.crawler import CrawlerProcess

    settings = {"CONCURRENT_REQUESTS": concurrency, "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
                "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "ROBOTSTXT_OBEY": False,
                "TELNETCONSOLE_ENABLED": False, "LOG_LEVEL": "INFO"}
    process = CrawlerProcess(settings)
    spider = plain_spider_class(origin, extract)
    crawler = process.create_crawler(spider)
    process.crawl(crawler)
    process.start()
    return {"pages": spider.pages, "seconds": crawler.stats.get_value("elapsed_time_seconds")}


def run_extract(origin: str, pages: int) -> dict:
    from newscrawl.extract import extract_article

    sitemap_index = fetch(origin, "/sitemap_index.xml").decode()
    urls = []
    for sitemap in sitemap_locs(sitemap_index):
        urls += sitemap_locs(fetch(origin, urlsplit(sitemap).path).decode())
    spent = 0.0
    for url in urls[:pages]:
        html = fetch(origin, urlsplit(url).path).decode("utf-8")
        start = time.perf_counter()
        extract_article(html, url)
        spent += time.perf_counter() - start
    return {"pages": len(urls[:pages]), "seconds": spent}


CONNECTIONS: dict[str, http.client.HTTPConnection] = {}


def fetch(origin: str, path: str) -> bytes:
    """GET ``path`` from ``origin`` on one kept-alive connection."""
    parts = urlsplit(origin)
    connection = CONNECTIONS.setdefault(origin, http.client.HTTPConnection(parts.hostname, parts.port, timeout=60))
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        raise RuntimeError(f"{origin}{path}: HTTP {response.status}")
    return body


def sitemap_locs(xml: str) -> list[str]:
    from scrapy.utils.sitemap import Sitemap

    return [entry["loc"] for entry in Sitemap(xml.encode())]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("row", choices=["noop", "trafilatura", "extract"])
    parser.add_argument("--origin", required=True)
    parser.add_argument("--result", type=Path, required=True)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--pages", type=int, default=10 ** 9, help="extract: at most this many pages")
    args = parser.parse_args(argv)
    if args.row == "extract":
        result = run_extract(args.origin, args.pages)
    elif args.row == "trafilatura":
        import trafilatura

        def extract(html, url):
            return trafilatura.extract(html, url=url, with_metadata=True, output_format="json")

        result = run_plain(args.origin, args.concurrency, extract)
    else:
        result = run_plain(args.origin, args.concurrency)
    args.result.write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
