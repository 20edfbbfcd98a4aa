"""The run's verdict for cron: spidermon monitors run when the spider closes.

``RunMonitorSuite`` (``SPIDERMON_SPIDER_CLOSE_MONITORS``) holds spidermon's own
``FinishReasonMonitor`` (the spider closed for another reason than ``finished``) and four
newscrawl monitors that need numbers spidermon's built-ins cannot see: reachability per site (no
listing fetched, robots.txt unreachable, every article URL failed or refused), articles found
including the ones the incremental store skipped, error ratio over URLs (after retries, per
``newscrawl.crawl.middlewares.RequestOutcomeMiddleware``), and field coverage of *parsed*
articles (spidermon's ``FieldCoverageMonitor`` counts exported items only, so a page that lost
its body and was dropped would not lower it).  ``RecordVerdict`` writes the outcome to the stats
(``newscrawl/verdict``, ``newscrawl/verdict/reasons``), logs each reason, and the ``crawl``
command turns a failed verdict into exit status ``RUN_FAILED`` (``newscrawl.output.manifest.exit_status``).
"""
from __future__ import annotations

import logging

from spidermon import MonitorSuite, monitors
from spidermon.contrib.scrapy.monitors import FinishReasonMonitor
from spidermon.contrib.scrapy.monitors.base import BaseScrapyMonitor
from spidermon.core.actions import Action

from newscrawl.output.coverage import coverage
from newscrawl.output.manifest import failed_urls, reachability_failures, unread_pages

logger = logging.getLogger(__name__)

def articles_found(stats: dict) -> int:
    """Article URLs this run's listings gave it: pages parsed, plus those the store let it skip
    unfetched (unchanged since the last run, or known copies) or the site said were not modified (304).

    >>> articles_found({"newscrawl/incremental/not_fetched_copy": 2, "newscrawl/incremental/not_modified": 1})
    3
    """
    return stats.get("newscrawl/parsed", 0) + stats.get("newscrawl/incremental/not_fetched_unchanged", 0) + \
        stats.get("newscrawl/incremental/not_fetched_copy", 0) + stats.get("newscrawl/incremental/not_modified", 0)


@monitors.name("Articles")
class ArticlesFoundMonitor(BaseScrapyMonitor):
    # Judged on this run alone, whatever the store holds: a fresh install or a new site whose listings
    # name no article is as broken as an old one (an unchanged article still counts as found).
    @monitors.name("the listings named some articles")
    def test_found_articles(self):
        if reachability_failures(self.stats):
            return  # nothing reached: the Reachability monitor says why, and its reason stays last
        if self.crawler.settings.get("NEWSCRAWL_REDIS_URL"):
            return  # a worker of a shared crawl may find every listed article taken by another worker
        self.assertTrue(articles_found(self.stats) > 0,
                        msg="no articles found: the listings reached named no article (in the date window)")


@monitors.name("Reachability")
class ReachabilityMonitor(BaseScrapyMonitor):
    @monitors.name("each site's listings, robots.txt and articles could be fetched")
    def test_reachable(self):
        reasons = reachability_failures(self.stats)
        self.assertFalse(reasons, msg="; ".join(reasons))


@monitors.name("Errors")
class ErrorRatioMonitor(BaseScrapyMonitor):
    @monitors.name("error ratio under NEWSCRAWL_MAX_ERROR_RATIO")
    def test_error_ratio(self):
        limit = self.crawler.settings.getfloat("NEWSCRAWL_MAX_ERROR_RATIO")
        failed, urls = failed_urls(self.stats)
        # URLs after their retries, not attempts: a URL retried three times is one failure of one.
        errors = failed + unread_pages(self.stats) + self.stats.get("spider_exceptions/count", 0)
        urls = max(1, urls)
        self.assertTrue(errors / urls <= limit,
                        msg=f"error ratio {errors}/{urls} URLs = {errors / urls:.2f} above {limit}")


@monitors.name("Field coverage")
class FieldCoverageMonitor(BaseScrapyMonitor):
    @monitors.name("parsed articles have their required fields (NEWSCRAWL_MIN_FIELD_COVERAGE)")
    def test_field_coverage(self):
        shares = coverage(self.stats)
        if not shares:
            return  # nothing parsed: ArticlesFoundMonitor's concern
        low = [f"{name} coverage {shares[name]:.2f} below {minimum}"
               for name, minimum in self.crawler.settings.getdict("NEWSCRAWL_MIN_FIELD_COVERAGE").items()
               if shares.get(name, 0) < float(minimum)]
        self.assertFalse(low, msg="; ".join(low))


def failure_message(result) -> str:
    """The assertion message of a failed monitor (the last line of unittest's traceback)."""
    last = (result.error or "").strip().splitlines()[-1:] or ["failed"]
    return last[0].removeprefix("AssertionError: ")


class RecordVerdict(Action):
    """Puts the verdict and its reasons in the stats and the log."""

    def __init__(self, stats=None):
        super().__init__()
        self.stats = stats

    @classmethod
    def from_crawler_kwargs(cls, crawler):
        return {"stats": crawler.stats}

    def run_action(self):
        reasons = [f"{r.monitor.name}: {failure_message(r)}" for r in self.result.monitors_failed_results]
        self.stats.set_value("newscrawl/verdict", "failed" if reasons else "passed")
        self.stats.set_value("newscrawl/verdict/reasons", reasons)
        for reason in reasons:
            logger.error("run failed: %s", reason)


class RunMonitorSuite(MonitorSuite):
    monitors = [FinishReasonMonitor, ReachabilityMonitor, ArticlesFoundMonitor, ErrorRatioMonitor,
                FieldCoverageMonitor]
    monitors_finished_actions = [RecordVerdict]
