"""Article pages parsed in worker processes (newscrawl/crawl/parsing.py), against the real
``scrapy crawl news`` and a loopback site: the same records as parsing in the reactor thread, and
a worker killed (kill -9) or hung mid-page costs that page only.
"""
from __future__ import annotations

import gzip
import json
import os
import signal
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from newscrawl.crawl.parsing import POOLS, default_workers, parse_workers
from tests.conftest import SCRAPY_SCRIPT, run_crawl
from tests.siteserver import SiteServer

NEWS = Path(__file__).resolve().parent / "fixtures" / "news"
HOST = "news.test"
STAMPED = ("crawled_at", "first_seen_at")  # set by the crawl, not by the page
#: A page that takes seconds to parse (lxml and the body walk on some 3 MB of paragraphs), not to fetch.
LONG_READ = "/news/a-very-long-read-indeed.html"


def long_read() -> str:
    paragraphs = "".join(f"<p>Paragraph {n} of a very long read, which goes on and on about the "
                         f"same thing in other words, number {n}.</p>\n" for n in range(24000))
    return (f"<html><head><title>A very long read</title></head><body><article><h1>A very long read</h1>"
            f"{paragraphs}</article></body></html>")


def build_site(folder: Path, long_reads: int = 0) -> dict[str, str]:
    """The news fixtures (and ``long_reads`` copies of a page slow to parse) listed by a sitemap, plus
    hostile article pages: broken bytes, a PDF, a soft 404.  Returns path -> page of each."""
    folder.mkdir(parents=True)
    pages: dict[str, tuple[str, bytes]] = {}
    for source in sorted(NEWS.glob("*.html.gz")):
        stem = source.name.removesuffix(".html.gz").lower().replace("_", "-")
        pages[f"/news/{stem}.html"] = ("text/html; charset=utf-8", gzip.decompress(source.read_bytes()))
    # Real UTF-8 with a few stray bytes: read, the bytes dropped, a warning naming the URL.
    paragraphs = "".join(f"<p>Zürich, paragraph {n}: the city council met on Tuesday to discuss the budget "
                         f"for the coming year, and the debate went on late.</p>" for n in range(12))
    pages["/news/broken-bytes-in-a-page.html"] = (
        "text/html; charset=utf-8", f"<html><head><title>Stray bytes</title></head><body><article>"
        f"<h1>Stray bytes in a page</h1>{paragraphs}</article></body></html>".encode().replace(b"</p>", b"\xff</p>", 6))
    pages["/news/a-pdf-where-a-page-was.html"] = ("application/pdf", b"%PDF-1.4 not a page")
    pages["/news/a-page-gone-missing.html"] = ("text/html; charset=utf-8", b"<html><head><title>Page not found"
                                               b"</title></head><body><h1>Sorry, this page does not exist</h1>"
                                               b"</body></html>")
    slow = {LONG_READ.replace(".html", f"-{n}.html"): ("text/html; charset=utf-8", long_read().encode())
            for n in range(long_reads)}
    pages = {**slow, **pages}  # listed first, fetched first unless the server delays them
    locs = "".join(f"<url><loc>http://{HOST}{path}</loc></url>" for path in pages)
    files = {"/": ("text/html", b"<html><body>News</body></html>"),
             "/robots.txt": ("text/plain", b"User-agent: *\nSitemap: /sitemap.xml\n"),
             "/sitemap.xml": ("application/xml", f'<?xml version="1.0"?><urlset '
                                                 f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                                 f'{locs}</urlset>'.encode()), **pages}
    routes = []
    for n, (request, (content_type, body)) in enumerate(files.items()):
        (folder / f"{n}.file").write_bytes(body)
        routes.append({"host": HOST, "request": request, "file": f"{n}.file", "content_type": content_type,
                       "status": 200})
    (folder / "404.html").write_text("<html><body>Not found</body></html>", encoding="utf-8")
    (folder / "routes.json").write_text(json.dumps({"fallback": {"file": "404.html", "content_type": "text/html",
                                                                 "status": 404}, "routes": routes}))
    return {path: body for path, (_, body) in pages.items()}


def serve(tmp_path: Path, long_reads: int = 0) -> SiteServer:
    pages = build_site(tmp_path / "site", long_reads)
    server = SiteServer(tmp_path / "site", HOST).__enter__()
    server.pages = pages
    return server


def crawl_args(server: SiteServer) -> list[str]:
    return ["-a", f"site=http://{HOST}", "-a", f"base_url={server.url}", "-s", "NEWSCRAWL_PARSE_TIMEOUT=120"]


def by_url(records: list[dict]) -> dict[str, dict]:
    return {r["url"]: {k: v for k, v in r.items() if k not in STAMPED} for r in records}


def test_pool_gives_the_records_and_warnings_of_the_reactor_thread(tmp_path):
    server = serve(tmp_path)
    try:
        inline = run_crawl("news", tmp_path / "inline.jsonl", *crawl_args(server), "-s", "NEWSCRAWL_PARSE_WORKERS=0")
        pooled = run_crawl("news", tmp_path / "pooled.jsonl", *crawl_args(server))
    finally:
        server.__exit__(None, None, None)
    assert inline.returncode == 0, inline.log
    assert pooled.returncode == 0, pooled.log
    expected, got = by_url(inline.records), by_url(pooled.records)
    assert len(expected) == 8  # the seven news pages and the one with broken bytes
    assert sorted(got) == sorted(expected)
    for url, record in expected.items():
        for name, value in record.items():
            assert got[url][name] == value, (url, name)
    outcomes = {k: v for k, v in inline.stats.items() if k.startswith(("newscrawl/article/", "newscrawl/blocked/"))}
    assert outcomes == {k: v for k, v in pooled.stats.items()
                        if k.startswith(("newscrawl/article/", "newscrawl/blocked/"))}
    assert outcomes["newscrawl/article/not_html"] == 1
    assert any(k.startswith("newscrawl/blocked/soft_404_") for k in outcomes), outcomes
    # what the worker logged reaches the crawl's log, naming the page
    broken = f"http://{HOST}/news/broken-bytes-in-a-page.html: 6 undecodable bytes as utf-8 dropped"
    assert broken in inline.log and broken in pooled.log
    assert "newscrawl.crawl.parsing" not in inline.log  # no pool, no retries, when parsing in the reactor
    assert (inline.stats["newscrawl/parse/workers"], pooled.stats["newscrawl/parse/workers"]) == (0, default_workers())


def descendants(pid: int) -> list[int]:
    """Every process below ``pid``, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def cpu_ticks(pid: int) -> int | None:
    """User + system clock ticks ``pid`` has used; ``None`` once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[11]) + int(fields[12])


def parent_of(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except OSError:
        return None


def pool_workers(crawl_pid: int) -> list[int]:
    """The parse workers of a crawl: the children of its forkserver (a child of the crawl)."""
    return [pid for pid in descendants(crawl_pid) if parent_of(pid) not in (None, crawl_pid)]


def crawl_process(output: Path) -> int | None:
    """The pid of the ``scrapy crawl`` this test process started writing ``output``."""
    for pid in descendants(os.getpid()):
        try:
            if str(output).encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
                return pid
        except OSError:
            continue
    return None


def kill_busy_workers(output: Path, crawl: Future, kills: int, busy_for: float = 1.5) -> list[int]:
    """While the crawl writing ``output`` runs, kill -9 (up to ``kills`` times) a parse worker that has
    been using the CPU for ``busy_for`` seconds on end: one in the middle of a long page."""
    killed: list[int] = []
    busy_since: dict[int, float] = {}
    ticks: dict[int, int] = {}
    while not crawl.done():
        time.sleep(0.2)
        crawl_pid = crawl_process(output)
        if crawl_pid is None or len(killed) >= kills:
            continue
        now = time.monotonic()
        for pid in pool_workers(crawl_pid):
            used = cpu_ticks(pid)
            if used is None:
                continue
            if used > ticks.get(pid, used):
                busy_since.setdefault(pid, now)
            else:
                busy_since.pop(pid, None)
            ticks[pid] = used
            if now - busy_since.get(pid, now) >= busy_for:
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
                busy_since.clear()
                break
    return killed


@pytest.mark.parametrize("kills", [1, 99])
def test_a_worker_killed_mid_page_costs_that_page_only(tmp_path, kills):
    server = serve(tmp_path, long_reads=1)
    long_read_url = f"http://{HOST}{LONG_READ.replace('.html', '-0.html')}"
    # fetched last, once the short pages are parsed: the worker busy for long is the long read's
    server.delays[LONG_READ.replace(".html", "-0.html")] = 3
    output = tmp_path / "out.jsonl"
    try:
        with ThreadPoolExecutor(1) as threads:
            crawl = threads.submit(run_crawl, "news", output, *crawl_args(server), "-s", "NEWSCRAWL_PARSE_WORKERS=2")
            killed = kill_busy_workers(output, crawl, kills)
            result = crawl.result()
    finally:
        server.__exit__(None, None, None)
    assert killed, "no worker was seen parsing the long page"
    assert result.returncode == 0, result.log
    exported = {r["url"] for r in result.records}
    short_pages = {f"http://{HOST}{path}" for path in server.pages if "long-read" not in path}
    assert exported - {long_read_url} == short_pages - {f"http://{HOST}/news/{name}.html" for name in
                                                        ("a-pdf-where-a-page-was", "a-page-gone-missing")}
    assert f"{long_read_url}: parse worker died (signal 9)" in result.log
    assert result.stats.get("newscrawl/article/parse_retried") == 1
    if len(killed) == 1:  # read again in a fresh worker
        assert long_read_url in exported
        assert "newscrawl/article/parse_worker_died" not in result.stats
    else:  # killed again: given up, named and counted
        assert len(killed) == 2 and long_read_url not in exported
        assert result.stats.get("newscrawl/article/parse_worker_died") == 1
        assert f"{long_read_url}: parse worker died (signal 9), twice; skipped" in result.log


def test_a_page_that_hangs_the_parser_is_given_up_and_the_run_goes_on(tmp_path):
    server = serve(tmp_path, long_reads=1)
    long_read_url = f"http://{HOST}{LONG_READ.replace('.html', '-0.html')}"
    try:
        result = run_crawl("news", tmp_path / "out.jsonl", "-a", f"site=http://{HOST}", "-a", f"base_url={server.url}",
                           "-s", "NEWSCRAWL_PARSE_TIMEOUT=2", "-s", "NEWSCRAWL_PARSE_WORKERS=2")
    finally:
        server.__exit__(None, None, None)
    assert result.returncode == 0, result.log
    assert result.stats.get("newscrawl/article/parse_timeout") == 1
    assert result.stats.get("newscrawl/article/parse_retried") == 1
    assert f"{long_read_url}: parse took over NEWSCRAWL_PARSE_TIMEOUT=2 s, twice; skipped" in result.log
    assert len(result.records) == 8 and long_read_url not in {r["url"] for r in result.records}


def test_the_scrapy_command_parses_in_workers_as_python_m_scrapy_does(tmp_path):
    """Users run the ``scrapy`` script, whose every new process imports the script again (multiprocessing
    loads the main module of a script in each child), Scrapy with it; ``python -m scrapy`` does not.
    Workers must start either way (they once died on the script's import: BrokenProcessPool)."""
    server = serve(tmp_path)
    try:
        by_module = run_crawl("news", tmp_path / "module.jsonl", *crawl_args(server), "-s", "NEWSCRAWL_PARSE_WORKERS=2")
        by_script = run_crawl("news", tmp_path / "script.jsonl", *crawl_args(server), "-s", "NEWSCRAWL_PARSE_WORKERS=2",
                              launcher=[str(SCRAPY_SCRIPT)])
    finally:
        server.__exit__(None, None, None)
    assert by_script.returncode == 0 and "BrokenProcessPool" not in by_script.log, by_script.log[-3000:]
    assert by_module.returncode == 0, by_module.log[-3000:]
    assert len(by_script.records) == 8 and by_url(by_script.records) == by_url(by_module.records)


def test_parse_workers_setting_and_one_pool_per_process():
    assert parse_workers(None) == default_workers() == (os.cpu_count() or 1)
    with pytest.raises(ValueError, match="NEWSCRAWL_PARSE_WORKERS='two'"):
        parse_workers("two")
    assert POOLS.get(1) is POOLS.get(1)  # crawls of one process share the pool


@pytest.mark.parametrize("slot_bytes", [1, 5_000_000])
def test_pages_waiting_for_a_worker_are_bounded_by_the_scraper_slot(tmp_path, slot_bytes):
    """One worker busy on a long page while the short ones download: they wait in Scrapy's scraper
    slot, and a full slot stops the downloader, so no more than the requests in flight pile up."""
    server = serve(tmp_path, long_reads=1)
    for path in server.pages:
        if "long-read" not in path:
            server.delays[path] = 1  # the long read arrives first and keeps the one worker busy
    # first in the sitemap, so first fetched in the scheduler's FIFO order (its default LIFO order
    # depends on how many requests the spider yields before the downloader asks for one)
    fifo = ["-s", "SCHEDULER_DISK_QUEUE=scrapy.squeues.PickleFifoDiskQueue",
            "-s", "SCHEDULER_MEMORY_QUEUE=scrapy.squeues.FifoMemoryQueue"]
    try:
        result = run_crawl("news", tmp_path / "out.jsonl", *crawl_args(server), "-s", "NEWSCRAWL_PARSE_WORKERS=1",
                           "-s", "CONCURRENT_REQUESTS=4", "-s", f"SCRAPER_SLOT_MAX_ACTIVE_SIZE={slot_bytes}", *fifo)
    finally:
        server.__exit__(None, None, None)
    assert result.returncode == 0, result.log
    assert len(result.records) == 9
    waiting = result.stats["newscrawl/parse/max_waiting"]
    if slot_bytes == 1:  # full at once: only the requests already in flight arrive
        assert waiting <= 4 + 1, waiting
    else:  # room in the slot: every short page came in while the long one was parsed
        assert waiting >= 8, waiting
