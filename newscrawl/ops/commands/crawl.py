"""``scrapy crawl``, as Scrapy's, plus what an unattended (cron, scrapyd) run needs.

- turns ``-a full=1`` into ``NEWSCRAWL_FULL``, ``NEWSCRAWL_OUTPUT_GZIP`` into the default feed,
  and ``NEWSCRAWL_REDIS_URL`` into the shared-crawl settings (``newscrawl.crawl.distributed``);
- gives a run with its own ``-o``/``-O`` feed an empty store of its own (``NO_STORE``) unless
  ``NEWSCRAWL_USER_FEED_USES_STATE`` is set, so an ad-hoc export leaves the cron runs' store alone;
- takes the run lock of the spider and state store (``newscrawl.ops.lock``) and exits at once with
  status ``LOCKED`` (75) while another run holds it;
- refuses an unknown spider or bad ``-a`` arguments (``since``, ``edition``, ``base_url``...) in one
  line with status 1, before anything is fetched; trusts the ``-a base_url=`` origin for the run;
- checks, before anything is fetched, that every local feed folder can be written and that the
  state store can be read (``check_store``); a run that fails either stops with one line, a
  manifest (``start_failed``) and status ``RUN_FAILED``;
- exits with the monitors' verdict: ``RUN_FAILED`` (3) when the run failed its checks or a record
  or a feed could not be written
  (``newscrawl.ops.monitors``); Scrapy's own 1 and 2 stay for a crawl that could not start and for
  a bad command line.
"""
from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError
from scrapy.settings import SETTINGS_PRIORITIES
from scrapy.utils.conf import feed_process_params_from_cli

from newscrawl.crawl.distributed import distributed_settings
from newscrawl.crawl.spiders.base import origin_argument
from newscrawl.ops.lock import LOCKED, RunLock
from newscrawl.output.feeds import default_feeds, feed_folders, folder_problem
from newscrawl.output.manifest import (
    RUN_FAILED,
    exit_status,
    fallback_folder,
    manifest,
    manifest_path,
    output_failures,
    verdict,
    write_manifest,
)
from newscrawl.output.state import NO_STORE, StoreError, check_store, lock_name, store_settings

logger = logging.getLogger(__name__)

TRUE = {"1", "true", "yes", "on"}


class Command(ScrapyCrawl):
    def process_options(self, args, opts):
        super().process_options(args, opts)
        settings = self.settings
        if opts.output or opts.overwrite_output:
            # Scrapy merges -o/-O into the project's FEEDS; a user naming a feed wants that one only.
            bare = settings.copy()
            bare.set("FEEDS", {}, priority="cmdline")
            feeds = feed_process_params_from_cli(bare, opts.output, overwrite_output=opts.overwrite_output)
            settings.set("FEEDS", feeds, priority="cmdline")
            if not settings.getbool("NEWSCRAWL_USER_FEED_USES_STATE"):
                settings.set("NEWSCRAWL_STATE_URI", NO_STORE, priority="cmdline")
        settings.set("NEWSCRAWL_RUN_ARGUMENTS", dict(opts.spargs), priority="cmdline")
        base_url = opts.spargs.get("base_url")
        if base_url:
            try:
                origin = origin_argument(base_url)
            except ValueError:
                pass  # refused with the other argument errors in run(), before anything starts
            else:
                # The operator named this origin: trusted for the run, by the DNS guard too.
                trusted = settings.getlist("NEWSCRAWL_TRUSTED_ORIGINS")
                settings.set("NEWSCRAWL_TRUSTED_ORIGINS", [*trusted, origin], priority="cmdline")
        if str(opts.spargs.get("full", "")).lower() in TRUE:
            settings.set("NEWSCRAWL_FULL", True, priority="cmdline")
        # -o/-O (or -s FEEDS=...) set FEEDS at command-line priority: the user's feed wins.
        if settings.getbool("NEWSCRAWL_OUTPUT_GZIP") and settings.getpriority("FEEDS") < SETTINGS_PRIORITIES["cmdline"]:
            settings.set("FEEDS", default_feeds(gzip=True), priority="cmdline")
        if settings.get("NEWSCRAWL_REDIS_URL") and args:
            for name, value in distributed_settings(settings["NEWSCRAWL_REDIS_URL"], args[0]).items():
                settings.set(name, value, priority="cmdline")

    def run(self, args, opts):
        if len(args) != 1:
            raise UsageError("scrapy crawl takes one spider name")
        problem = self.argument_problem(args[0], opts.spargs)
        if problem:
            logger.error("cannot start: %s", problem)
            self.exitcode = 1
            return
        lock = None
        if store_settings(self.settings)[0] == NO_STORE:
            # No shared store to protect, and the cron runs' partial files are not this run's to remove.
            logger.info("a run with its own feed (-o/-O) neither reads nor writes the state store "
                        "(NEWSCRAWL_USER_FEED_USES_STATE=1 to use it)")
        elif not self.settings.get("NEWSCRAWL_REDIS_URL"):  # the workers of a shared crawl run together
            lock = RunLock(lock_name(store_settings(self.settings)[0], args[0]))
            try:
                taken = lock.acquire()
            except OSError as error:  # the store's folder is read-only, or a file stands in its place
                uri = store_settings(self.settings)[0]
                self.start_failed(args[0], dict(opts.spargs),
                                  f"state store {uri} (NEWSCRAWL_STATE_URI): its run lock {lock.path} cannot be "
                                  f"taken: {error}; make the store's folder writable or point "
                                  "NEWSCRAWL_STATE_URI elsewhere")
                return
            if not taken:
                logger.error("another %s run holds %s (%s); exiting with status %d", args[0], lock.path,
                             lock.holder(), LOCKED)
                self.exitcode = LOCKED
                return
            self.remove_partial_files(args[0])
        try:
            problem = self.start_problem()
            if problem:
                self.start_failed(args[0], dict(opts.spargs), problem)
                return
            crawler = self._create_crawler(args[0])
            self.crawler_process.crawl(crawler, **opts.spargs)
            self.crawler_process.start()
            if self.crawler_process.bootstrap_failed:
                self.exitcode = 1
            else:
                stats = crawler.stats.get_stats()
                self.exitcode = exit_status(stats)
                # Last in the log, after Scrapy's stats dump: what cron's mail shows first.
                for reason in [*(stats.get("newscrawl/verdict/reasons") or []), *output_failures(stats)]:
                    logger.error("run failed: %s", reason)
                if output_failures(stats):
                    logger.error("run failed: the state store records only what the committed feed files hold; "
                                 "the next run exports the rest again")
                if self.exitcode:
                    logger.error("exit status %d (verdict: %s)", self.exitcode, verdict(stats))
        finally:
            if lock:
                lock.release()

    def argument_problem(self, name: str, arguments: dict) -> str | None:
        """Why the spider cannot start with these ``-a`` arguments (one line), before any lock or fetch."""
        try:
            spidercls = self.crawler_process.spider_loader.load(name)
        except KeyError:
            known = ", ".join(self.crawler_process.spider_loader.list())
            return f"no spider named {name!r} (spiders: {known})"
        try:
            spidercls(**arguments)  # arguments are checked where the spider reads them
        except (ValueError, TypeError, OSError) as error:
            return str(error)
        return None

    def start_problem(self) -> str | None:
        """Why the run cannot start with its output folders and state store (one line), or None."""
        warc_dir = self.settings.get("NEWSCRAWL_WARC_DIR")
        for folder in [*feed_folders(self.settings), *([Path(warc_dir)] if warc_dir else [])]:
            problem = folder_problem(folder)
            if problem:
                return problem
        try:
            check_store(store_settings(self.settings)[0])
        except StoreError as error:
            return str(error)
        return None

    def start_failed(self, spider: str, arguments: dict, problem: str) -> None:
        """A run that could not start: its reason logged last, a manifest, status ``RUN_FAILED``."""
        now = datetime.now(UTC)
        stats = {"start_time": now, "finish_time": now, "finish_reason": "cannot start",
                 "newscrawl/verdict": "failed", "newscrawl/verdict/reasons": [problem]}
        # Where the manifest of the run would have gone: beside its (default or -O) feed.
        files = [{"uri": uri} for uri in self.settings.getdict("FEEDS") if "%(" not in str(uri)]
        path = manifest_path(files, self.settings, spider, now)
        if path is not None:
            write_manifest(manifest(stats, spider, arguments, []), path, fallback_folder(self.settings, spider))
        logger.error("run failed: %s", problem)
        logger.error("exit status %d (verdict: failed)", RUN_FAILED)
        self.exitcode = RUN_FAILED

    def remove_partial_files(self, spider: str):
        """Hidden ``.part`` files of a killed run: safe to delete while this run holds the lock."""
        folder = Path(self.settings.get("NEWSCRAWL_OUTPUT_DIR") or "output") / spider
        for partial in folder.glob("*/.*.part"):
            logger.warning("removing %s, left by a run that did not finish", partial)
            partial.unlink(missing_ok=True)
