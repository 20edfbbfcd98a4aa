"""Where a run's files go, and how they appear there: complete or not at all.

- ``uri_params`` (``FEED_URI_PARAMS``) adds ``%(output_dir)s``, ``%(date)s`` and ``%(run)s`` to
  the feed URI template, so the default feed is ``<output_dir>/<spider>/<YYYY-MM-DD>/<run>.jsonl``.
- ``AtomicFileFeedStorage`` (``FEED_STORAGES`` for local files) writes a hidden ``.<name>.part``
  file in the same folder and renames it to its final name once the exporter is done, so a reader
  (or a crash) never sees a half-written file under the final name.
- ``default_feeds`` is the default ``FEEDS`` value, gzipped through Scrapy's feed post-processing
  when ``NEWSCRAWL_OUTPUT_GZIP`` is on.
"""
from __future__ import annotations

import os
import socket
from datetime import UTC, datetime
from pathlib import Path

from scrapy.extensions.feedexport import FileFeedStorage

FEED_TEMPLATE = "%(output_dir)s/%(name)s/%(date)s/%(run)s.jsonl"


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

    def __init__(self, uri: str, *, feed_options: dict | None = None):
        super().__init__(uri, feed_options=feed_options)
        final = Path(self.path)
        self.atomic = self.write_mode == "wb" or not final.exists()
        self.partial = final.with_name(f".{final.name}.part")

    def open(self, spider):
        if not self.atomic:
            return super().open(spider)
        self.partial.parent.mkdir(parents=True, exist_ok=True)
        return self.partial.open("wb")

    def store(self, file):
        file.close()
        if self.atomic:
            os.replace(self.partial, self.path)
