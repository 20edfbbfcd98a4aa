"""Scrapy extensions for unattended runs: the user agent from the contact, the final stats as a file,
and safe ``JOBDIR`` resumes."""
from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.settings import SETTINGS_PRIORITIES

from newscrawl.output.manifest import output_failures

logger = logging.getLogger(__name__)


class ContactUserAgent:
    """Add-on: ``USER_AGENT`` from ``NEWSCRAWL_CONTACT`` as the crawler starts, so ``-s NEWSCRAWL_CONTACT=``
    changes it; a ``USER_AGENT`` the project or the command line sets itself wins."""

    def update_settings(self, settings):
        if settings.getpriority("USER_AGENT") <= SETTINGS_PRIORITIES["default"]:
            settings.set("USER_AGENT", f"newscrawl/0.1 (+{settings['NEWSCRAWL_CONTACT']})", priority="addon")


class StatsFile:
    """Write the final crawl stats as JSON to ``NEWSCRAWL_STATS_FILE`` (for scripts and tests)."""

    def __init__(self, path: str, stats):
        self.path = Path(path)
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        path = crawler.settings.get("NEWSCRAWL_STATS_FILE")
        if not path:
            raise NotConfigured
        extension = cls(path, crawler.stats)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, spider, reason):
        stats = dict(self.stats.get_stats(), finish_reason=reason)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".part")
        partial.write_text(json.dumps(stats, default=str, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(partial, self.path)


class JobDirGuard:
    """Make ``JOBDIR`` resumes safe after a crash, not only after a graceful stop.

    Scrapy keeps a job's pending requests and seen-request fingerprints in ``JOBDIR``; a graceful
    stop (SIGTERM, Ctrl-C) leaves them consistent, but a killed run has already marked requests
    as seen whose pages it never exported, so a resume would skip them for good.  A marker file
    says a run is using the folder; if a run finds the marker of a dead run, it starts the job
    over (the state store still skips what earlier runs committed) and says so.  A run whose
    output could not be written (full disk, a record the exporter could not encode) leaves its
    marker too: its pages must be fetched again.
    """

    marker = ".newscrawl-running"
    job_files = ("requests.seen", "requests.queue", "spider.state")

    def __init__(self, jobdir: str, stats):
        self.jobdir = Path(jobdir)
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        jobdir = crawler.settings.get("JOBDIR")
        if not jobdir:
            raise NotConfigured
        guard = cls(jobdir, crawler.stats)
        # Extensions exist before the scheduler opens JOBDIR: this runs in time.
        guard.claim()
        # engine_stopped: after the feeds were stored (or failed to be) on spider_closed.
        crawler.signals.connect(guard.engine_stopped, signal=signals.engine_stopped)
        return guard

    def claim(self) -> None:
        marker = self.jobdir / self.marker
        if marker.exists():
            logger.warning("JOBDIR %s: the previous run did not stop cleanly (pid %s); starting the job over",
                           self.jobdir, marker.read_text().strip() or "?")
            for name in self.job_files:
                path = self.jobdir / name
                if path.is_dir():
                    shutil.rmtree(path)
                elif path.exists():
                    path.unlink()
        self.jobdir.mkdir(parents=True, exist_ok=True)
        marker.write_text(str(os.getpid()))

    def engine_stopped(self):
        if output_failures(self.stats.get_stats()):
            logger.warning("JOBDIR %s: this run's output was not written; the next run starts the job over",
                           self.jobdir)
            return
        (self.jobdir / self.marker).unlink(missing_ok=True)
