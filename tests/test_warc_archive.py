"""The real ``scrapy crawl news`` with ``NEWSCRAWL_WARC_DIR``: what it archives, and the round trip
through ``python -m newscrawl extract`` over its WARC files.

The loopback site is test_spider_news's, with what an archive must keep besides plain pages: an
article sent gzip-encoded, one that answers 503 before 200 (retried), and a feed link that
redirects (301) to another article.
"""
from __future__ import annotations

import gzip
import json
import os
import resource
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from types import SimpleNamespace

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.checker import Checker

from newscrawl.output.manifest import RUN_FAILED
from newscrawl.output.schema import SCHEMA_VERSION
from tests.conftest import ROOT, run_crawl
from tests.siteserver import LoopbackServer
from tests.test_main import run_extract
from tests.test_spider_news import HOST, PAGES, article_path, build_site

GZIPPED, FLAKY, TARGET = (article_path(PAGES[i]) for i in (0, 2, 6))  # A (home), C (feed), G (redirect target)
MOVED = "/news/moved.html"
CRAWL_ONLY = ("crawled_at", "revision", "first_seen_at", "story_id", "near_duplicate_of")


class ArchivedSite(LoopbackServer):
    """The news test site, answering as described in the module docstring."""

    def __init__(self, folder: Path):
        table = json.loads((folder / "routes.json").read_text(encoding="utf-8"))
        routes = {r["request"]: r for r in table["routes"]}
        fallback, asked, lock = table["fallback"], [], threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming)
                with lock:
                    asked.append(self.path)
                    first_time = asked.count(self.path) == 1
                if self.path == MOVED:
                    self.answer(301, b"", {"Location": f"http://{HOST}{TARGET}"})
                elif self.path == FLAKY and first_time:
                    self.answer(503, b"busy", {"Content-Type": "text/plain"})
                else:
                    route = routes.get(self.path, fallback)
                    body = (folder / route["file"]).read_bytes()
                    headers = {"Content-Type": route["content_type"]}
                    if self.path == GZIPPED and "gzip" in self.headers.get("Accept-Encoding", ""):
                        body, headers["Content-Encoding"] = gzip.compress(body), "gzip"
                    self.answer(route["status"], body, headers)

            def answer(self, status: int, body: bytes, headers: dict):
                self.send_response(status)
                for name, value in {**headers, "Content-Length": str(len(body))}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        super().__init__(Handler)
        self.asked = asked


@pytest.fixture
def archived_site(tmp_path):
    build_site(tmp_path / "site", PAGES)
    feed = tmp_path / "site" / "feed.xml"
    feed.write_text(feed.read_text(encoding="utf-8").replace(
        "</channel>", f"<item><title>M</title><link>http://{HOST}{MOVED}</link></item></channel>"), encoding="utf-8")
    with ArchivedSite(tmp_path / "site") as server:
        yield server


def warc_records(path: Path) -> list[dict]:
    """Every record of a WARC file: type, id, target, HTTP status and headers, raw payload."""
    records = []
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            http = record.http_headers
            records.append({"type": record.rec_type, "id": record.rec_headers.get_header("WARC-Record-ID"),
                            "uri": record.rec_headers.get_header("WARC-Target-URI"),
                            "concurrent_to": record.rec_headers.get_header("WARC-Concurrent-To"),
                            "status": http.get_statuscode() if http and record.rec_type == "response" else None,
                            "headers": dict(http.headers) if http else {}, "raw": record.raw_stream.read()})
    return records


def test_crawl_archives_every_response_and_extract_gives_back_its_records(archived_site, tmp_path):
    warc_dir = tmp_path / "warc"
    result = run_crawl("news", tmp_path / "out.jsonl", "-a", f"site=http://{HOST}",
                       "-a", f"base_url={archived_site.url}", "-s", f"NEWSCRAWL_WARC_DIR={warc_dir}",
                       "-s", "NEWSCRAWL_WARC_MAX_SIZE=60000")
    assert result.returncode == 0, result.log
    assert len(result.records) == 7  # A-F and G, reached through the redirect

    # Files: complete ones only, named by spider, run and serial, rotated by size, in the manifest.
    [day] = (warc_dir / "news").iterdir()
    files = sorted(day.iterdir())
    assert len(files) >= 2 and all(f.name.endswith(".warc.gz") and not f.name.startswith(".") for f in files)
    assert all(f.stat().st_size >= 60000 for f in files[:-1])  # each closed by size, the last by the run's end
    run = files[0].name.removeprefix("news-").rsplit("-", 1)[0]
    assert [f.name for f in files] == [f"news-{run}-{i:05d}.warc.gz" for i in range(len(files))]
    assert run.startswith(day.name)
    manifest = json.loads((tmp_path / "out.manifest.json").read_text(encoding="utf-8"))
    assert [Path(f["file"]) for f in manifest["warc_files"]] == files
    assert [f["bytes"] for f in manifest["warc_files"]] == [f.stat().st_size for f in files]
    checker = Checker(SimpleNamespace(inputs=[str(f) for f in files], verbose=False))
    assert checker.process_all() == 0  # warcio's checker: every record parses, every digest matches

    records = {f.name: warc_records(f) for f in files}
    for name, in_file in records.items():
        assert in_file[0]["type"] == "warcinfo", name
        assert sum(r["type"] == "warcinfo" for r in in_file) == 1
        assert [f["records"] for f in manifest["warc_files"] if f["file"].endswith(name)] == [len(in_file)]
    every = [r for in_file in records.values() for r in in_file]
    responses = {r["id"]: r for r in every if r["type"] == "response"}
    requests = [r for r in every if r["type"] == "request"]
    assert sorted(r["concurrent_to"] for r in requests) == sorted(responses)  # one request per response
    assert len(responses) == archived_site_requests(archived_site)  # every answer, retries and redirects too
    by_uri = {}
    for response in responses.values():
        by_uri.setdefault(response["uri"].split("//", 1)[1].split("/", 1)[1], []).append(response)
    assert [r["status"] for r in by_uri["robots.txt"]] == ["200"]
    assert [r["status"] for r in by_uri[MOVED.lstrip("/")]] == ["301"]
    assert by_uri[MOVED.lstrip("/")][0]["headers"]["Location"] == f"http://{HOST}{TARGET}"
    assert sorted(r["status"] for r in by_uri[FLAKY.lstrip("/")]) == ["200", "503"]
    [gzipped] = by_uri[GZIPPED.lstrip("/")]
    assert gzipped["headers"]["Content-Encoding"] == "gzip" and gzipped["raw"][:2] == b"\x1f\x8b"  # as received
    assert int(gzipped["headers"]["Content-Length"]) == len(gzipped["raw"])

    # Each record names the response record it was extracted from.
    for record in result.records:
        named = record["warc_record"]
        assert named["file"] in records and responses[named["record_id"]]["uri"] == record["url"]
        assert responses[named["record_id"]]["status"] == "200"

    # The round trip: extract over the WARC files gives the crawl's records, field by field.
    done = run_extract(*files)
    assert done.returncode == 0, done.stderr
    again = [json.loads(line) for line in done.stdout.splitlines()]
    assert sorted(r["url"] for r in again) == sorted(r["url"] for r in result.records)
    crawled = {r["url"]: r for r in result.records}
    for record in again:
        original = crawled[record["url"]]
        assert record["schema_version"] == original["schema_version"] == SCHEMA_VERSION
        for field in original:
            if field not in CRAWL_ONLY:
                assert record[field] == original[field], (record["url"], field)


def test_responses_replayed_from_the_http_cache_are_not_archived_again(archived_site, tmp_path):
    def crawl(run: str):
        result = run_crawl("news", tmp_path / f"{run}.jsonl", "-a", f"site=http://{HOST}",
                           "-a", f"base_url={archived_site.url}", "-s", f"NEWSCRAWL_WARC_DIR={tmp_path / run}",
                           "-s", "HTTPCACHE_ENABLED=1", "-s", f"HTTPCACHE_DIR={tmp_path / 'cache'}")
        assert result.returncode == 0, result.log
        responses = [r for f in (tmp_path / run).rglob("*.warc.gz") for r in warc_records(f)
                     if r["type"] == "response"]
        return result, responses

    first, archived_first = crawl("first")
    fetched_first = archived_site_requests(archived_site)
    assert len(archived_first) == fetched_first and all(r["warc_record"] for r in first.records)
    second, archived_second = crawl("second")
    fetched_second = archived_site_requests(archived_site) - fetched_first
    # Only what came over the network this run (the not-found probe's random path, the 503 the
    # cache does not keep...): each once; the cache's replays are counted, not archived again.
    assert len(archived_second) == fetched_second < fetched_first
    assert sorted(r["url"] for r in second.records) == sorted(r["url"] for r in first.records)
    assert all(r["warc_record"] is None for r in second.records)
    assert second.stats["newscrawl/warc/cached_not_archived"] >= len(second.records)


def archived_site_requests(site: ArchivedSite) -> int:
    return len(site.asked)


def crawl_with_file_size_limit(tmp_path: Path, site_url: str, limit: int) -> subprocess.CompletedProcess:
    """``scrapy crawl news`` where no file may grow past ``limit`` bytes (RLIMIT_FSIZE: a write past
    it fails with EFBIG, as one on a full disk fails with ENOSPC; Python ignores SIGXFSZ)."""
    command = [sys.executable, "-m", "scrapy", "crawl", "news", "-O", f"{tmp_path / 'out.jsonl'}:jsonlines",
               "-a", f"site=http://{HOST}", "-a", f"base_url={site_url}", "-s", "AUTOTHROTTLE_ENABLED=0",
               "-s", "DOWNLOAD_DELAY=0", "-s", f"NEWSCRAWL_STATE_URI=sqlite:///{tmp_path / 'state.db'}",
               "-s", f"NEWSCRAWL_WARC_DIR={tmp_path / 'warc'}"]
    env = dict(os.environ, PYTHONPATH=str(ROOT), SCRAPY_SETTINGS_MODULE="newscrawl.settings")
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
                          preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)))


def test_a_warc_that_cannot_be_written_fails_the_run_and_leaves_no_file(archived_site, tmp_path):
    # The WARC needs ~130 kB.  As on a full disk, other writers fail too (py3langid unpacks its
    # model to a temporary file: the pages fail to parse); what is checked here is the WARC's part.
    done = crawl_with_file_size_limit(tmp_path, archived_site.url, 60_000)
    assert done.returncode == RUN_FAILED, done.stderr
    assert "not written: File too large; the crawl stops" in done.stderr
    assert [p for p in (tmp_path / "warc").rglob("*") if p.is_file()] == []  # no partial, no final name
    manifest = json.loads((tmp_path / "out.manifest.json").read_text(encoding="utf-8"))
    assert manifest["verdict"] == "failed" and manifest["warc_files"] == []
    assert any("WARC file" in reason and "File too large" in reason for reason in manifest["failure_reasons"])


def test_a_warc_folder_that_cannot_be_made_stops_the_run_before_fetching(archived_site, tmp_path):
    (tmp_path / "warc").write_text("a file where the folder should be", encoding="utf-8")
    result = run_crawl("news", tmp_path / "out.jsonl", "-a", f"site=http://{HOST}",
                       "-a", f"base_url={archived_site.url}", "-s", f"NEWSCRAWL_WARC_DIR={tmp_path / 'warc'}")
    assert result.returncode == RUN_FAILED
    assert f"output folder {tmp_path / 'warc'} not writable" in result.log
    assert archived_site.asked == []
