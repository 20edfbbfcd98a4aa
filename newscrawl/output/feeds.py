"""Where a run's files go, and how they appear there: complete or not at all.

- ``uri_params`` (``FEED_URI_PARAMS``) adds ``%(output_dir)s``, ``%(date)s`` and ``%(run)s`` to
  the feed URI template, so the default feed is ``<output_dir>/<spider>/<YYYY-MM-DD>/<run>.jsonl``.
- ``AtomicFileFeedStorage`` (``FEED_STORAGES`` for local files) writes a hidden ``.<name>.part``
  file in the same folder and renames it to its final name once the exporter is done, so a reader
  (or a crash) never sees a half-written file under the final name.
- ``default_feeds`` is the default ``FEEDS`` value, gzipped through Scrapy's feed post-processing
  when ``NEWSCRAWL_OUTPUT_GZIP`` is on.
- ``FeedExporter`` (in place of Scrapy's) does not let a record vanish: Scrapy logs a record its
  exporter cannot write (an encoding error, a folder it cannot create) as a signal handler error
  and commits the rest.  Here it is logged with the record's URL, the feed and the reason, listed
  under ``OUTPUT_ERRORS`` in the stats (which fail the run, ``newscrawl.output.manifest``) and
  announced with the ``record_unwritten`` signal, so the state store does not record it.
  A feed that cannot be stored (full disk) is listed there too.
- ``folder_problem`` / ``feed_folders``: the start check that the output folders can be written.
"""
from __future__ import annotations

import logging
import os
import socket
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from itemadapter import ItemAdapter
from scrapy.extensions.feedexport import FeedExporter as ScrapyFeedExporter
from scrapy.extensions.feedexport import FileFeedStorage

logger = logging.getLogger(__name__)

FEED_TEMPLATE = "%(output_dir)s/%(name)s/%(date)s/%(run)s.jsonl"
#: Stats key: what could not be written, one line each (``<feed path>: <reason>``); any fails the run.
OUTPUT_ERRORS = "newscrawl/output/errors"
#: Stats key: records the feed exporter could not write.
UNWRITTEN = "newscrawl/output/unwritten_records"
#: Signal (``item``, ``error``): a record did not reach its feed file, so it must not be recorded.
record_unwritten = object()


def note_output_error(stats, message: str) -> None:
    """Add one line to ``OUTPUT_ERRORS`` (the first 20 are kept: the log has every one)."""
    errors = list(stats.get_value(OUTPUT_ERRORS) or [])
    if len(errors) < 20:
        stats.set_value(OUTPUT_ERRORS, [*errors, message])


def run_name(started: datetime, distributed: bool = False) -> str:
    """The file stem of a run: its UTC start time; plus host and PID when several processes
    of one crawl write side by side.

    >>> run_name(datetime(2026, 11, 29, 3, 4, 5, tzinfo=UTC))
    '2026-11-29T03-04-05'
    """
    stem = started.astimezone(UTC).strftime("%Y-%m-%dT%H-%M-%S")
    return f"{stem}-{socket.gethostname()}-{os.getpid()}" if distributed else stem


def run_paths(settings, spider_name: str, started: datetime) -> tuple[Path, str]:
    """The folder and file stem of a run's default outputs (feed and manifest)."""
    folder = Path(settings.get("NEWSCRAWL_OUTPUT_DIR") or "output") / spider_name / \
        started.astimezone(UTC).strftime("%Y-%m-%d")
    return folder, run_name(started, bool(settings.get("NEWSCRAWL_REDIS_URL")))


def started_at(stats) -> datetime:
    """The run's start, as Scrapy's core stats recorded it (so feed and manifest agree)."""
    value = stats.get_value("start_time")
    return value if isinstance(value, datetime) else datetime.now(UTC)


def uri_params(params: dict, spider) -> dict:
    folder, stem = run_paths(spider.settings, spider.name, started_at(spider.crawler.stats))
    return {**params, "output_dir": str(folder.parent.parent), "date": folder.name, "run": stem}


def default_feeds(gzip: bool) -> dict:
    """``FEEDS`` for ``NEWSCRAWL_OUTPUT_GZIP``: JSON Lines, optionally gzipped."""
    options = {"format": "jsonlines", "encoding": "utf-8", "overwrite": True}
    if gzip:
        return {FEED_TEMPLATE + ".gz": {**options, "postprocessing": [
            "scrapy.extensions.postprocessing.GzipPlugin"]}}
    return {FEED_TEMPLATE: options}


class AtomicFileFeedStorage(FileFeedStorage):
    """``FileFeedStorage`` that publishes the file by ``os.replace`` once it is complete.

    An appending feed (``-o`` onto an existing file) cannot be made atomic without copying it,
    so it keeps Scrapy's plain behaviour.
    """

    def __init__(self, uri: str, *, feed_options: dict | None = None, stats=None):
        super().__init__(uri, feed_options=feed_options)
        final = Path(self.path)
        self.atomic = self.write_mode == "wb" or not final.exists()
        self.partial = final.with_name(f".{final.name}.part")
        self.stats = stats
        #: a write into the file failed (full disk): what it holds may end mid-record, never publish it
        self.broken: OSError | None = None

    @classmethod
    def from_crawler(cls, crawler, uri: str, *, feed_options: dict | None = None):
        return cls(uri, feed_options=feed_options, stats=crawler.stats)

    def open(self, spider):
        if not self.atomic:
            return super().open(spider)
        self.partial.parent.mkdir(parents=True, exist_ok=True)
        return self.partial.open("wb")

    def store(self, file):
        try:
            file.close()
            if self.broken is not None:
                raise OSError(f"an earlier write failed ({self.broken}); the file may end mid-record")
            if self.atomic:
                os.replace(self.partial, self.path)
        except OSError as error:
            if self.stats is not None:
                note_output_error(self.stats, f"feed {self.path} not written: {error}")
            if self.atomic:
                self.partial.unlink(missing_ok=True)  # nothing half-written stays behind
            raise


class FeedExporter(ScrapyFeedExporter):
    """Scrapy's feed exporter, saying which record it could not write and why (see module doc)."""

    def item_scraped(self, item, spider):
        try:
            super().item_scraped(item, spider)
        except Exception as error:  # whatever the exporter or storage raised: this record is lost
            url = ItemAdapter(item).get("url")
            feeds = ", ".join(slot.uri for slot in self.slots)
            reason = f"{type(error).__name__}: {error}"
            logger.error("record %s not written to feed %s: %s", url, feeds, reason)
            if isinstance(error, OSError):  # a failed write may have left part of the record
                for slot in self.slots:
                    if isinstance(slot.storage, AtomicFileFeedStorage):
                        slot.storage.broken = slot.storage.broken or error
            self.crawler.stats.inc_value(UNWRITTEN)
            note_output_error(self.crawler.stats, f"feed {feeds}: record {url} not written: {reason}")
            self.crawler.signals.send_catch_log(record_unwritten, item=item, error=error)


def feed_folders(settings) -> list[Path]:
    """The local folders the feeds of ``FEEDS`` go to (up to the first URI parameter that is not
    ``%(output_dir)s``, which is ``NEWSCRAWL_OUTPUT_DIR``)."""
    folders = []
    for uri in settings.getdict("FEEDS"):
        parts = urlsplit(str(uri))
        if parts.scheme not in ("", "file") or parts.path in ("", "-"):
            continue  # stdout, s3://...: nothing to check here
        path = unquote(parts.path).replace("%(output_dir)s", str(settings.get("NEWSCRAWL_OUTPUT_DIR") or "output"))
        fixed = path.split("%(", 1)[0]
        folders.append(Path(fixed) if "%(" in path and fixed.endswith("/") else Path(fixed).parent)
    return folders


def folder_problem(folder: Path) -> str | None:
    """Why files cannot be written in ``folder`` (created if missing), or None: a real file is
    written and removed, so a read-only mount or a file in the folder's place is found."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".newscrawl-probe-"):
            pass
    except OSError as error:
        return f"output folder {folder} not writable: {error.strerror or error}"
    return None
