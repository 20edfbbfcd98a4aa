"""``python -m newscrawl ccnews`` against a loopback stand-in for Common Crawl's bucket: path lists
and WARC files written here in CC-NEWS's shape (payloads stored decoded, the original encoding in
``X-Crawler-Content-Encoding``), one process alone, then two sharing the file list through Redis."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.siteserver import LoopbackServer
from tests.test_distributed import MISSING_REDIS, redis_url  # noqa: F401 (the fixture)
from tests.test_warc_extract import expected_record, members, news_page, warc_record

MONTH = "crawl-data/CC-NEWS/2025/03"
#: file name -> (day of its records, fixture page indexes)
FILES = {"CC-NEWS-20250302101010-00000.warc.gz": ("2025-03-02", (0, 1)),
         "CC-NEWS-20250303101010-00001.warc.gz": ("2025-03-03", (2, 3)),
         "CC-NEWS-20250304101010-00002.warc.gz": ("2025-03-04", (4, 5)),
         "CC-NEWS-20250310101010-00003.warc.gz": ("2025-03-10", (6,))}


def record_id(index: int) -> str:
    return f"<urn:uuid:00000000-0000-4000-8000-{index:012d}>"


class Bucket(LoopbackServer):
    """Serves a folder like the bucket's HTTPS front; ``asked`` lists the paths requested."""

    def __init__(self, folder: Path):
        asked, lock = [], threading.Lock()

        class Handler(SimpleHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming)
                with lock:
                    asked.append(self.path)
                super().do_GET()

            def log_message(self, *args):
                pass

        super().__init__(partial(Handler, directory=str(folder)))
        self.asked = asked


@pytest.fixture
def bucket(tmp_path):
    month = tmp_path / MONTH
    month.mkdir(parents=True)
    for name, (day, pages) in FILES.items():
        records = [warc_record(news_page(i)[0], news_page(i)[1], when=f"{day}T10:20:30Z", record_id=record_id(i),
                               content_type="text/html; charset=UTF-8",
                               extra=(("X-Crawler-Content-Encoding", "gzip"),)) for i in pages]
        (month / name).write_bytes(members(*records))
    cut = month / "CC-NEWS-20250304101010-00002.warc.gz"
    cut.write_bytes(cut.read_bytes()[:-3000])  # the stand-in's third file ends mid-record
    (month / "warc.paths.gz").write_bytes(gzip.compress("".join(f"{MONTH}/{name}\n" for name in FILES).encode()))
    with Bucket(tmp_path) as server:
        yield server


def ccnews(bucket, *args: str, redis: str | None = None) -> subprocess.Popen:
    command = [sys.executable, "-m", "newscrawl", "ccnews", "--since", "2025-03-02", "--until", "2025-03-05",
               "--base-url", bucket.url, "--workers", "1", *args, *(["--redis", redis] if redis else [])]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finished(process: subprocess.Popen) -> tuple[int, list[dict], str]:
    out, err = process.communicate(timeout=180)
    return process.returncode, [json.loads(line) for line in out.splitlines()], err


def test_the_days_files_are_streamed_and_extracted(bucket):
    status, records, err = finished(ccnews(bucket))
    assert status == 1  # the cut file
    assert [r["warc_record"]["record_id"] for r in records] == [record_id(i) for i in (0, 1, 2, 3, 4)]
    for record in records:
        index = int(record["warc_record"]["record_id"][-13:-1])
        name = next(n for n, (_, pages) in FILES.items() if index in pages)
        expected = expected_record(index, name, record_id(index))
        assert {k: record[k] for k in expected} == expected
    [problem] = [line for line in err.splitlines() if not line.startswith("newscrawl extract: WARC: ")]
    assert problem.startswith(f"newscrawl extract: {bucket.url}/{MONTH}/CC-NEWS-20250304101010-00002.warc.gz: ")
    assert "truncated record" in problem
    assert f"/{MONTH}/CC-NEWS-20250310101010-00003.warc.gz" not in bucket.asked  # outside the days: not fetched
    assert bucket.asked[0] == f"/{MONTH}/warc.paths.gz"


def test_site_filter_and_a_missing_path_list(bucket, tmp_path):
    host = news_page(2)[0].split("/")[2].removeprefix("www.")
    _, records, _ = finished(ccnews(bucket, "--site", host))
    assert [r["warc_record"]["record_id"] for r in records] == [record_id(2)]
    gone = subprocess.run([sys.executable, "-m", "newscrawl", "ccnews", "--since", "2025-04-01", "--until",
                           "2025-04-02", "--base-url", bucket.url], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert gone.returncode == 2 and "cannot read the CC-NEWS path lists at" in gone.stderr


@pytest.mark.skipif(not __import__("shutil").which("redis-server"), reason=MISSING_REDIS)
def test_two_processes_sharing_redis_read_every_file_once(bucket, redis_url):  # noqa: F811 (the fixture)
    first, second = ccnews(bucket, redis=redis_url), ccnews(bucket, redis=redis_url)
    (_, one, _), (_, two, _) = finished(first), finished(second)
    ids = sorted(r["warc_record"]["record_id"] for r in one + two)
    assert ids == [record_id(i) for i in (0, 1, 2, 3, 4)]  # every record once, from one process or the other
    fetched = [path for path in bucket.asked if path.endswith(".warc.gz")]
    assert sorted(fetched) == [f"/{MONTH}/{name}" for name in list(FILES)[:3]]  # each file once
