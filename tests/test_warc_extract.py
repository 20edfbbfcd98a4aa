"""``python -m newscrawl extract FILE.warc.gz`` as a user runs it, over WARC files written here
with warcio (one gzip member a record, as crawlers write them), sound and damaged."""
from __future__ import annotations

import gzip
import json
import zlib
from io import BytesIO

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newscrawl.extract import extract_article
from newscrawl.output.schema import schema_errors, validator
from tests.test_main import NEWS, run_extract

PAGES = sorted(NEWS.glob("*.html.gz"))
EXTRACT_PROFILE = validator(profile="extract")
CRAWL_ONLY = ("crawled_at", "revision", "first_seen_at")


def news_page(index: int) -> tuple[str, bytes]:
    """(URL, HTML bytes) of the index-th fixture page."""
    page = PAGES[index % len(PAGES)]
    url = json.loads(page.with_name(page.name.removesuffix(".html.gz") + ".json").read_text(encoding="utf-8"))["url"]
    return url, gzip.decompress(page.read_bytes())


def warc_record(url: str, body: bytes, *, status: str = "200 OK", content_type: str | None = "text/html; charset=utf-8",
                encoding: str | None = None, when: str = "2025-03-04T05:06:07Z", kind: str = "response",
                record_id: str | None = None, extra: tuple[tuple[str, str], ...] = ()) -> bytes:
    """One uncompressed WARC record (warcio writes it)."""
    headers = [("Content-Type", content_type)] if content_type else []
    headers += extra
    if encoding:
        headers.append(("Content-Encoding", encoding))
    headers.append(("Content-Length", str(len(body))))
    out = BytesIO()
    writer = WARCWriter(out, gzip=False, warc_version="1.1")
    warc_headers = {"WARC-Date": when, **({"WARC-Record-ID": record_id} if record_id else {})}
    http = StatusAndHeaders(status, headers, protocol="HTTP/1.1") if kind == "response" else None
    writer.write_record(writer.create_warc_record(url, kind, payload=BytesIO(body), length=len(body),
                                                  http_headers=http, warc_headers_dict=warc_headers))
    return out.getvalue()


def members(*records: bytes) -> bytes:
    """The records as a .warc.gz: one gzip member each."""
    return b"".join(gzip.compress(record) for record in records)


def record_ids(n: int) -> list[str]:
    return [f"<urn:uuid:00000000-0000-4000-8000-{i:012d}>" for i in range(n)]


def pages_warc(n: int = 5) -> list[bytes]:
    """n response records of the fixture pages, with known record ids."""
    return [warc_record(*news_page(i), record_id=rid) for i, rid in enumerate(record_ids(n))]


def extracted(done) -> list[dict]:
    return [json.loads(line) for line in done.stdout.splitlines()]


def problem_lines(done) -> list[str]:
    return [line for line in done.stderr.splitlines() if not line.startswith("newscrawl extract: WARC: ")]


def expected_record(index: int, file: str, record_id: str) -> dict:
    url, html = news_page(index)
    return {**extract_article(html.decode("utf-8"), url), "warc_record": {"file": file, "record_id": record_id}}


def test_every_html_response_gives_the_record_extract_article_gives(tmp_path):
    url, html = news_page(0)
    records = pages_warc(4) + [
        warc_record(url + "?gz", gzip.compress(html), encoding="gzip", record_id="<urn:uuid:gz>"),  # decoded
        warc_record(url + "?sniffed", html, content_type=None, record_id="<urn:uuid:sniffed>"),  # no type: sniffed
        warc_record("https://x.example/a.pdf", b"%PDF-1.7", content_type="application/pdf"),
        warc_record("https://x.example/gone", html, status="404 Not Found"),
        warc_record(url, b"GET / HTTP/1.1\r\n\r\n", kind="request"),
    ]
    path = tmp_path / "pages.warc.gz"
    path.write_bytes(members(*records))
    done = run_extract(path, "--workers", "2")
    assert done.returncode == 0, done.stderr
    assert problem_lines(done) == []
    got = extracted(done)
    # the ?gz and ?sniffed copies are page 0 again (its canonical URL): dropped as copies, as a crawl drops them
    assert [r["warc_record"]["record_id"] for r in got] == record_ids(4)
    for index, record in enumerate(got):
        assert not schema_errors(record, EXTRACT_PROFILE), schema_errors(record, EXTRACT_PROFILE)
        expected = expected_record(index, path.name, record_ids(4)[index])
        for field in expected:
            assert record[field] == expected[field], (index, field)
    assert "dedup/duplicate_canonical_url 2" in done.stderr and "dropped/not_html 1" in done.stderr


def test_gzip_payload_and_sniffed_page_are_read(tmp_path):
    url, html = news_page(1)
    path = tmp_path / "encoded.warc.gz"
    path.write_bytes(members(warc_record(url, zlib.compress(html), encoding="deflate", record_id="<urn:uuid:a>"),
                             warc_record(news_page(2)[0], news_page(2)[1], content_type=None,
                                         record_id="<urn:uuid:b>")))
    done = run_extract(path, "--workers", "1")
    assert done.returncode == 0, done.stderr
    got = extracted(done)
    assert [(r["url"], r["body"]) for r in got] == [
        (e["url"], e["body"]) for e in (expected_record(1, path.name, "<urn:uuid:a>"),
                                        expected_record(2, path.name, "<urn:uuid:b>"))]


def test_since_until_and_site_select_records(tmp_path):
    days = ["2025-03-01T10:00:00Z", "2025-03-02T10:00:00Z", "2025-03-03T23:59:59Z", "2025-03-04T00:00:00Z"]
    path = tmp_path / "days.warc.gz"
    path.write_bytes(members(*(warc_record(*news_page(i), when=day, record_id=rid)
                               for i, (day, rid) in enumerate(zip(days, record_ids(4), strict=True)))))
    window = extracted(run_extract(path, "--since", "2025-03-02", "--until", "2025-03-03"))
    assert [r["warc_record"]["record_id"] for r in window] == record_ids(4)[1:3]
    host = news_page(3)[0].split("/")[2].removeprefix("www.")
    site = extracted(run_extract(path, "--site", host))
    assert [r["warc_record"]["record_id"] for r in site] == record_ids(4)[3:]
    bad = run_extract(path, "--since", "March")
    assert bad.returncode == 2 and "'March' is not a day as YYYY-MM-DD" in bad.stderr


def test_truncated_file_keeps_the_records_before_the_cut(tmp_path):
    whole = members(*pages_warc(5))
    cut = len(members(*pages_warc(5)[:3])) + 2000  # inside the fourth record
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(whole[:cut])
    done = run_extract(path)
    assert done.returncode == 1
    assert [r["warc_record"]["record_id"] for r in extracted(done)] == record_ids(5)[:3]
    [line] = problem_lines(done)
    assert line.startswith(f"newscrawl extract: {path}: offset {len(members(*pages_warc(5)[:3]))}: ")
    assert "truncated" in line or "unreadable" in line


def test_broken_gzip_member_costs_that_record_only(tmp_path):
    parts = [gzip.compress(record) for record in pages_warc(5)]
    broken = bytearray(parts[2])
    broken[60:260] = bytes(200)  # the deflate stream of the third record, zeroed
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(b"".join([parts[0], parts[1], bytes(broken), parts[3], parts[4]]))
    done = run_extract(path)
    assert done.returncode == 1
    assert [r["warc_record"]["record_id"] for r in extracted(done)] == [record_ids(5)[i] for i in (0, 1, 3, 4)]
    [line] = problem_lines(done)
    assert "unreadable record" in line and "skipped to the next readable one" in line


def test_a_file_that_is_no_warc_is_one_line_and_other_files_still_come_out(tmp_path):
    text = tmp_path / "notes.warc.gz"
    text.write_bytes(gzip.compress(b"not a web archive\n" * 50))
    plain = tmp_path / "notes.warc"
    plain.write_bytes(b"<html><body>not a web archive</body></html>\n")
    good = tmp_path / "good.warc.gz"
    good.write_bytes(members(*pages_warc(2)))
    folder = tmp_path / "folder.warc"
    folder.mkdir()
    empty = tmp_path / "empty.warc.gz"
    empty.write_bytes(b"")
    done = run_extract(text, plain, good, folder, empty)
    assert done.returncode == 1
    assert [r["warc_record"]["record_id"] for r in extracted(done)] == record_ids(2)
    lines = problem_lines(done)
    assert lines[:2] == [f"newscrawl extract: {text}: offset 0: not a WARC file",
                         f"newscrawl extract: {plain}: offset 0: not a WARC file"]
    assert lines[2].startswith(f"newscrawl extract: {folder}: offset 0: cannot read: not a regular file")
    assert lines[3:] == [f"newscrawl extract: {empty}: offset 0: no WARC record in the file (empty)"]


def test_gzip_bomb_payload_stops_at_max_bytes(tmp_path):
    bomb = gzip.compress(b"<html><body>" + b" " * (64 * 1024 * 1024), compresslevel=9)  # 64 MiB in ~64 KiB
    url = news_page(0)[0]
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(members(warc_record(url + "?bomb", bomb, encoding="gzip"), *pages_warc(2)))
    done = run_extract(path, "--max-bytes", str(4 * 1024 * 1024))
    assert done.returncode == 1
    assert [r["warc_record"]["record_id"] for r in extracted(done)] == record_ids(2)
    [line] = problem_lines(done)
    assert line.startswith(f"newscrawl extract: {path}: offset 0: payload larger than 4194304 bytes decoded")
    # a whole record over the limit is not even read
    big = tmp_path / "big.warc.gz"
    big.write_bytes(members(warc_record(url + "?big", b"<p>" + b"x" * 3_000_000), *pages_warc(1)))
    done = run_extract(big, "--max-bytes", "2000000")
    assert [r["warc_record"]["record_id"] for r in extracted(done)] == record_ids(1)
    assert "larger than 2000000; not read" in problem_lines(done)[0] and done.returncode == 1


@pytest.mark.parametrize("delta", [+5000, -5000], ids=["longer", "shorter"])
def test_a_record_whose_content_length_lies_is_named_and_the_rest_extracted(tmp_path, delta):
    records = pages_warc(4)
    liar = records[1]
    header_end = liar.index(b"\r\n\r\n")
    length = int(liar[:header_end].split(b"Content-Length: ")[1].split(b"\r\n")[0])
    records[1] = liar.replace(f"Content-Length: {length}\r\n".encode(),
                              f"Content-Length: {length + delta}\r\n".encode(), 1)
    path = tmp_path / "liar.warc.gz"
    path.write_bytes(members(*records))
    done = run_extract(path)
    assert done.returncode == 1
    ids = [r["warc_record"]["record_id"] for r in extracted(done)]
    assert record_ids(4)[1] not in ids  # the liar's record is never taken for a page
    assert ids[0] == record_ids(4)[0] and ids[-1] == record_ids(4)[3]
    [line] = problem_lines(done)
    assert "record length does not fit its HTTP message" in line


def test_records_name_their_file_and_validate_against_the_extract_profile(tmp_path):
    path = tmp_path / "x.warc.gz"
    path.write_bytes(members(*pages_warc(1)))
    [record] = extracted(run_extract(path))
    assert record["warc_record"] == {"file": "x.warc.gz", "record_id": record_ids(1)[0]}
    assert all(record[name] is None for name in CRAWL_ONLY)
    assert not schema_errors(record, EXTRACT_PROFILE)


def test_schema_v2_refuses_a_malformed_warc_record():
    path_record = {"file": "", "record_id": "urn:x"}
    errors = schema_errors({"warc_record": path_record}, EXTRACT_PROFILE)
    assert any(error.startswith("warc_record") for error in errors)
