"""``DiskQueueScheduler``: Scrapy's scheduler with its pending requests on disk, also without ``JOBDIR``.

A sitemap lists thousands of articles at once, and the spider asks for all of them as soon as it
reads it: with Scrapy's memory queues every pending ``Request`` (some 2 KB with its headers and
meta) waits in memory, so a 50,000-page backfill starts by holding 50,000 of them.  Scrapy's disk
queues (the ones ``JOBDIR`` uses) keep them in files instead, serialised, in the same LIFO order.
Without ``JOBDIR`` this scheduler gives them a temporary folder (``NEWSCRAWL_REQUESTS_ON_DISK``;
under ``NEWSCRAWL_REQUESTS_DIR``, else the system's temporary folder), removed when the spider
closes: nothing is resumed from it.  With ``JOBDIR`` it is Scrapy's own scheduler (and the job's
queue is kept for a resume).  A request that cannot be serialised (a callback that is not a
spider method) waits in memory as before (``scheduler/unserializable``).  The request dedup
(``DUPEFILTER_CLASS``) is unchanged.
"""
from __future__ import annotations

import logging
import shutil
import tempfile

from scrapy.core.scheduler import Scheduler

logger = logging.getLogger(__name__)


class DiskQueueScheduler(Scheduler):
    spill_dir: str | None = None

    @classmethod
    def from_crawler(cls, crawler):
        scheduler = super().from_crawler(crawler)
        if scheduler.dqdir is None and crawler.settings.getbool("NEWSCRAWL_REQUESTS_ON_DISK", True):
            parent = crawler.settings.get("NEWSCRAWL_REQUESTS_DIR") or None
            try:
                scheduler.spill_dir = tempfile.mkdtemp(prefix="newscrawl-requests-", dir=parent)
            except OSError as error:  # a missing or read-only folder: the crawl still runs, in memory
                logger.warning("pending requests kept in memory: no folder for them under %s: %s",
                               parent or tempfile.gettempdir(), error)
                crawler.stats.inc_value("newscrawl/scheduler/requests_in_memory")
                return scheduler
            scheduler.dqdir = scheduler._dqdir(scheduler.spill_dir)
        return scheduler

    def close(self, reason: str):
        try:
            return super().close(reason)
        finally:
            if self.spill_dir:
                # Pending requests of a stopped run are not resumed (JOBDIR does that): drop them.
                shutil.rmtree(self.spill_dir, ignore_errors=True)
