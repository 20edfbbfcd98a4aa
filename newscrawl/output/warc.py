"""WARC archives of what a crawl fetched (``NEWSCRAWL_WARC_DIR``): ``WarcArchive`` writes them.

Each fetched response is kept with its request as a pair of WARC 1.1 records (``response`` first,
then ``request`` naming it in ``WARC-Concurrent-To``), one gzip member a record, in
``<dir>/<spider>/<YYYY-MM-DD>/<spider>-<run>-<NNNNN>.warc.gz`` (the date and run of the run's
feed, ``newscrawl.output.feeds.run_paths``).  A file is written as ``.<name>.part`` and renamed to
its final name when it is closed: at ``max_size`` bytes (the next file, ``NNNNN + 1``, goes on)
or when the crawl ends, so a file under a final name is always whole.  Every file begins with a
``warcinfo`` record.

What is stored is the HTTP message as received, as the WARC standard has it: the status line,
the response headers and the payload *before* Scrapy's HttpCompressionMiddleware decodes it, so a
``Content-Encoding: gzip`` page is stored gzipped, its header kept (readers decode it, as
``warcio``'s ``content_stream()`` does).  Two things are not as on the wire, because Scrapy no
longer has them: a chunked body arrives de-chunked, so ``Transfer-Encoding`` is stored as
``X-Crawler-Transfer-Encoding`` (Common Crawl's convention) and readers do not de-chunk it again;
header names come as Scrapy normalises them (``Content-Type``), in its order.
"""
from __future__ import annotations

import logging
import os
from datetime import UTC, datetime
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

logger = logging.getLogger(__name__)

#: Headers that describe the wire, not the stored payload: renamed so no reader applies them twice.
WIRE_ONLY_HEADERS = {"transfer-encoding": "X-Crawler-Transfer-Encoding"}


class WarcWriteError(OSError):
    """A WARC file could not be written or closed; the message names the file."""


def warc_file_name(spider: str, run: str, serial: int) -> str:
    """The name of a run's ``serial``-th WARC file.

    >>> warc_file_name("sputnik", "2026-11-29T03-04-05", 0)
    'sputnik-2026-11-29T03-04-05-00000.warc.gz'
    """
    return f"{spider}-{run}-{serial:05d}.warc.gz"


def status_line(status: int) -> str:
    """The HTTP status line after the protocol: Scrapy keeps the code, not the reason phrase.

    >>> status_line(404), status_line(299)
    ('404 Not Found', '299')
    """
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def header_pairs(headers) -> list[tuple[str, str]]:
    """Scrapy ``Headers`` as ``(name, value)`` text pairs, one per value, wire-only headers renamed."""
    pairs = []
    for name, values in headers.items():
        text = name.decode("latin-1")
        text = WIRE_ONLY_HEADERS.get(text.lower(), text)
        pairs += [(text, value.decode("latin-1")) for value in values]
    return pairs


class WarcArchive:
    """The WARC files of one run: ``write(request, response)`` appends a response/request pair and
    returns where it went (``{"file": <final file name>, "record_id": <response record id>}``);
    ``close()`` publishes the file being written.  ``files`` lists every published file
    (``file``, ``records``, ``bytes``) for the manifest.  Any ``OSError`` comes out as
    ``WarcWriteError`` after the partial file is removed: nothing half-written keeps a final name,
    and the archive writes nothing more."""

    def __init__(self, folder: Path, spider: str, run: str, max_size: int, info: dict[str, str]):
        self.folder, self.spider, self.run, self.max_size, self.info = Path(folder), spider, run, max_size, info
        self.serial = 0
        self.handle = self.writer = None
        self.records = 0
        self.files: list[dict] = []
        self.failed: WarcWriteError | None = None

    @property
    def name(self) -> str:
        return warc_file_name(self.spider, self.run, self.serial)

    @property
    def partial(self) -> Path:
        return self.folder / f".{self.name}.part"

    def _guarded(self, action):
        if self.failed:
            raise self.failed
        try:
            return action()
        except OSError as error:
            self.failed = WarcWriteError(f"WARC file {self.folder / self.name} not written: "
                                         f"{error.strerror or error}")
            self._discard()
            raise self.failed from error

    def _discard(self) -> None:
        try:
            if self.handle is not None:
                self.handle.close()
        except OSError:
            pass  # the disk is the problem; the file goes anyway
        self.handle = self.writer = None
        try:
            self.partial.unlink(missing_ok=True)
        except OSError:
            pass

    def _open(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.handle = self.partial.open("wb")
        self.writer = WARCWriter(self.handle, gzip=True, warc_version="1.1")
        self.writer.write_record(self.writer.create_warcinfo_record(self.name, self.info))
        self.records = 1

    def write(self, request, response, target_uri: str | None = None) -> dict:
        """Archive one response and the request that fetched it; ``target_uri`` is the URL the
        response stands for (the site's, when another origin served it), ``response.url`` if None."""
        return self._guarded(lambda: self._write(request, response, target_uri or response.url))

    def _write(self, request, response, target_uri: str) -> dict:
        if self.handle is None:
            self._open()
        extra = {}
        if target_uri != response.url:
            extra["Newscrawl-Served-From"] = response.url  # a mirror or test origin served it
        if getattr(response, "ip_address", None) is not None:
            extra["WARC-IP-Address"] = str(response.ip_address)
        http = StatusAndHeaders(status_line(response.status), header_pairs(response.headers),
                                protocol=getattr(response, "protocol", None) or "HTTP/1.1")
        answer = self.writer.create_warc_record(target_uri, "response", payload=BytesIO(response.body),
                                                length=len(response.body), http_headers=http,
                                                warc_headers_dict=extra)
        parts = urlsplit(request.url)
        request_headers = header_pairs(request.headers)
        if not any(name.lower() == "host" for name, _ in request_headers):
            request_headers.insert(0, ("Host", parts.netloc))  # the HTTP client adds it on the wire
        asked = StatusAndHeaders(f"{request.method} {parts.path or '/'}{'?' + parts.query if parts.query else ''}",
                                 request_headers, protocol="HTTP/1.1", is_http_request=True)
        question = self.writer.create_warc_record(target_uri, "request", payload=BytesIO(request.body),
                                                  length=len(request.body), http_headers=asked)
        self.writer.write_request_response_pair(question, answer)
        self.records += 2
        written = {"file": self.name, "record_id": answer.rec_headers.get_header("WARC-Record-ID")}
        if self.handle.tell() >= self.max_size:
            self._publish()
            self.serial += 1
        return written

    def _publish(self) -> None:
        self.handle.flush()
        os.fsync(self.handle.fileno())  # the rename must not publish data still in the page cache
        size = self.handle.tell()
        self.handle.close()
        self.handle = self.writer = None
        os.replace(self.partial, self.folder / self.name)
        self.files.append({"file": str(self.folder / self.name), "records": self.records, "bytes": size})

    def close(self) -> None:
        """Publish the file being written (none when nothing was fetched since the last one)."""
        if self.handle is not None:
            self._guarded(self._publish)


def run_info(software: str, spider: str, started: datetime, settings_summary: dict[str, str]) -> dict[str, str]:
    """The ``warcinfo`` record's fields (ISO 28500 annex: ``software``, ``format``, ``isPartOf``...)."""
    return {"software": software, "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
            "isPartOf": f"{spider} run started {started.astimezone(UTC).isoformat()}", **settings_summary}
