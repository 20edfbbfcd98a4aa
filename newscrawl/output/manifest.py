"""``RunManifest``: a JSON summary of each run beside its output, for the data team's loader.

Written when the engine stops (after the feeds are committed and the monitors have given their
verdict) beside the run's first local feed file, with its stem, atomically (a hidden temporary
file renamed into place): ``<output_dir>/<spider>/<YYYY-MM-DD>/<run>.manifest.json`` for the
default feed, ``out.manifest.json`` for ``-O out.jsonl``.  A run whose feeds are no local file
(``-o -``, ``s3://...``) writes none; the log holds the same facts.  When that folder cannot be
written (a file in its place, a read-only or full disk) the manifest goes to ``manifests/`` in
the folder of the run lock (beside the SQLite state store; ``.newscrawl/`` otherwise), and the log
names it: the verdict of a run that could not write its output is never lost with it.
"""
from __future__ import annotations

import json
import logging
import os
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from scrapy import signals

from newscrawl.output.coverage import coverage
from newscrawl.output.feeds import FEED_TEMPLATE, OUTPUT_ERRORS, UNWRITTEN, run_paths, started_at
from newscrawl.output.schema import SCHEMA_VERSION
from newscrawl.output.state import lock_name, store_settings

logger = logging.getLogger(__name__)

#: Exit status of ``scrapy crawl`` for a run that failed its checks or could not write its output
#: (0: success; 1 and 2 are Scrapy's own: the crawl could not start, bad command line).
RUN_FAILED = 3


#: Per-site URL outcomes, counted by ``newscrawl.crawl.middlewares.RequestOutcomeMiddleware``:
#: ``<prefix><host>/<listing|article|robots>/<tried|fetched|failed|missing|first_failure>``.
SITE_PREFIX = "newscrawl/site/"
#: The "site" of URLs off the spider's sites (links elsewhere): counted, but not a site to reach.
ELSEWHERE = "(elsewhere)"


def site_outcomes(stats: dict) -> dict[str, dict]:
    """``{host: {"listing": {"tried": 3, "fetched": 1, "failed": 2, "first_failure": "..."}, ...}}``.

    >>> site_outcomes({"newscrawl/site/a.example/listing/tried": 2,
    ...                "newscrawl/site/a.example/listing/first_failure": "x"})
    {'a.example': {'listing': {'first_failure': 'x', 'tried': 2}}}
    """
    sites: dict[str, dict] = {}
    for key, value in by_prefix(stats, SITE_PREFIX).items():
        host, kind, outcome = key.rsplit("/", 2)  # a host has no "/"
        sites.setdefault(host, {}).setdefault(kind, {})[outcome] = value
    return sites


def reachability_failures(stats: dict) -> list[str]:
    """Why the run reached nothing it needed, one reason a site (empty when it did).

    A site fails when none of its listings (feed, sitemap, home page) could be fetched, when its
    robots.txt could not be (so its rules are unknown), or when it had article URLs to fetch and
    every one failed or was refused.  No article URL at all (nothing new since the last run) is fine.

    >>> reachability_failures({"newscrawl/site/a.example/listing/failed": 2,
    ...                        "newscrawl/site/a.example/listing/first_failure": "DNS lookup failed for a.example"})
    ['nothing reachable: DNS lookup failed for a.example (2 listing URLs of a.example failed)']
    """
    reasons = []
    for host, site in site_outcomes(stats).items():
        if host == ELSEWHERE:
            continue
        listing, article, robots = (site.get(kind, {}) for kind in ("listing", "article", "robots"))
        # "failed", not "tried": in a shared Redis crawl another worker may fetch what this one listed.
        if listing.get("failed", 0) and not listing.get("fetched", 0):
            first = listing.get("first_failure", "no answer")
            reasons.append(f"nothing reachable: {first} ({listing['failed']} listing URLs of {host} failed)")
        elif robots.get("failed", 0):
            reasons.append(f"robots.txt of {host} unreachable, its rules unknown: {robots.get('first_failure')}")
        elif article.get("failed", 0) and not article.get("fetched", 0):
            first = article.get("first_failure", "no answer")
            reasons.append(f"every article request failed or was refused: {first} "
                           f"({article['failed']} article URLs of {host})")
    return reasons


def failed_urls(stats: dict) -> tuple[int, int]:
    """(URLs that failed after their retries, URLs asked for), over all sites."""
    sites = site_outcomes(stats).values()
    return (sum(s.get(k, {}).get("failed", 0) for s in sites for k in ("listing", "article", "robots")),
            sum(s.get(k, {}).get("tried", 0) for s in sites for k in ("listing", "article", "robots")))


#: Article pages fetched but never read: extraction raised, or the parse worker died or hung twice.
UNREAD_PAGES = ("extraction_failed", "parse_worker_died", "parse_timeout")


def unread_pages(stats: dict) -> int:
    return sum(stats.get(f"newscrawl/article/{outcome}", 0) for outcome in UNREAD_PAGES)


def error_count(stats: dict) -> int:
    return sum(v for k, v in stats.items() if k.startswith("newscrawl/fetch_failed/")) + \
        unread_pages(stats) + stats.get("spider_exceptions/count", 0)


def unstored_feeds(stats: dict) -> int:
    """Feeds Scrapy could not store (full disk, lost storage): their items reached no one."""
    return sum(v for k, v in stats.items() if k.startswith("feedexport/failed_count/"))


def output_failures(stats: dict) -> list[str]:
    """Why the run's output is incomplete (a record or a feed not written), one line each.

    >>> output_failures({"feedexport/failed_count/S3FeedStorage": 1})
    ['1 feed(s) could not be stored']
    """
    reasons = list(stats.get(OUTPUT_ERRORS) or [])
    if unstored_feeds(stats) and not any(reason.startswith("feed ") and " not written: " in reason
                                         and " record " not in reason for reason in reasons):
        reasons.append(f"{unstored_feeds(stats)} feed(s) could not be stored")  # a storage that is not ours
    if stats.get(UNWRITTEN, 0) > 1:
        reasons.append(f"{stats[UNWRITTEN]} records in all not written to the feed")
    return reasons


def verdict(stats: dict) -> str:
    """The monitors' verdict, ``failed`` whatever they said when the output is incomplete."""
    return "failed" if output_failures(stats) else stats.get("newscrawl/verdict", "not run")


def exit_status(stats: dict) -> int:
    """0 unless the monitors failed the run (or never ran: a crawl that stopped before closing),
    or a record or an output file could not be written."""
    return 0 if verdict(stats) == "passed" else RUN_FAILED


def by_prefix(stats: dict, prefix: str) -> dict[str, int]:
    """``{"a": 1}`` for ``{"<prefix>a": 1}``.

    >>> by_prefix({"newscrawl/dropped/no_body": 2, "x": 1}, "newscrawl/dropped/")
    {'no_body': 2}
    """
    return {k[len(prefix):]: v for k, v in sorted(stats.items()) if k.startswith(prefix)}


def iso(value) -> str | None:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z") if isinstance(value, datetime) else value


def manifest(stats: dict, spider: str, arguments: dict, files: list[dict]) -> dict:
    """The manifest of a run from its final stats."""
    return {
        "spider": spider,
        "arguments": arguments,
        "schema_version": SCHEMA_VERSION,
        "started_at": iso(stats.get("start_time")),
        "finished_at": iso(stats.get("finish_time")),
        "finish_reason": stats.get("finish_reason"),
        "files": files,
        # NEWSCRAWL_WARC_DIR: the run's WARC files ({"file", "records", "bytes"}), as published
        "warc_files": stats.get("newscrawl/warc/files", []),
        "items": {
            "exported": stats.get("item_scraped_count", 0),
            "parsed": stats.get("newscrawl/parsed", 0),
            "dropped": stats.get("item_dropped_count", 0),
            "new": stats.get("newscrawl/incremental/new", 0),
            "changed": stats.get("newscrawl/incremental/changed", 0),
            "not_fetched_unchanged": stats.get("newscrawl/incremental/not_fetched_unchanged", 0),
            "not_fetched_copies": stats.get("newscrawl/incremental/not_fetched_copy", 0),
            "not_modified": stats.get("newscrawl/incremental/not_modified", 0),
        },
        "dropped": by_prefix(stats, "newscrawl/dropped/"),
        "deduplicated": by_prefix(stats, "newscrawl/dedup/"),
        "blocked": by_prefix(stats, "newscrawl/blocked/"),
        "field_coverage": coverage(stats),
        "sites": site_outcomes(stats),
        "errors": {"total": error_count(stats), **by_prefix(stats, "newscrawl/fetch_failed/"),
                   **{outcome: stats.get(f"newscrawl/article/{outcome}", 0) for outcome in UNREAD_PAGES},
                   "log_errors": stats.get("log_count/ERROR", 0)},
        "verdict": verdict(stats),
        "failure_reasons": [*stats.get("newscrawl/verdict/reasons", []), *output_failures(stats)],
        "exit_status": exit_status(stats),
    }


def manifest_path(files: list[dict], settings, spider: str, started: datetime) -> Path | None:
    """Beside the first local feed file (``out.jsonl[.gz]`` -> ``out.manifest.json``); where the
    default feed goes if no feed was closed and the default is in use; else None.

    >>> manifest_path([{"uri": "-"}, {"uri": "/d/out.jsonl.gz"}], {}, "x", datetime.now(UTC))
    PosixPath('/d/out.manifest.json')
    """
    for file in files:
        parts = urlsplit(str(file["uri"]))
        if parts.scheme in ("", "file") and parts.path not in ("", "-"):
            feed = Path(unquote(parts.path))
            name = feed.name
            for packed in (".gz", ".bz2", ".xz", ".lzma"):
                name = name.removesuffix(packed)
            return feed.with_name(f"{Path(name).stem}.manifest.json")
    if not files and any(FEED_TEMPLATE in str(uri) for uri in settings.getdict("FEEDS")):
        folder, stem = run_paths(settings, spider, started)
        return folder / f"{stem}.manifest.json"
    return None


class RunManifest:
    def __init__(self, crawler, arguments: dict):
        self.crawler = crawler
        self.arguments = arguments
        self.files: list[dict] = []

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler, crawler.settings.getdict("NEWSCRAWL_RUN_ARGUMENTS"))
        crawler.signals.connect(extension.feed_slot_closed, signal=signals.feed_slot_closed)
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def feed_slot_closed(self, slot):
        self.files.append({"uri": slot.uri, "format": self.format_name(slot.format), "items": slot.itemcount})

    def format_name(self, name: str) -> str:
        """One word per exporter: ``-O x.jsonl`` gives Scrapy's alias ``jsonl``, the default feed ``jsonlines``."""
        exporters = self.crawler.settings.getwithbase("FEED_EXPORTERS")
        return next((alias for alias, path in exporters.items() if path == exporters.get(name)), name)

    def engine_stopped(self):
        stats = self.crawler.stats.get_stats()
        if "start_time" not in stats:
            return  # the spider never opened: nothing ran
        path = manifest_path(self.files, self.crawler.settings, self.crawler.spidercls.name,
                             started_at(self.crawler.stats))
        if path is None:
            logger.info("no manifest written: no feed of this run is a local file")
            return
        write_manifest(manifest(stats, self.crawler.spidercls.name, self.arguments, self.files), path,
                       fallback_folder(self.crawler.settings, self.crawler.spidercls.name))


def fallback_folder(settings, spider: str) -> Path:
    """Where a manifest goes when the output folder cannot take it: ``manifests/`` beside the run lock."""
    return Path(lock_name(store_settings(settings)[0], spider)).parent / "manifests"


def write_manifest(data: dict, path: Path, fallback: Path) -> Path | None:
    """Write ``data`` at ``path`` atomically, else in ``fallback``; the path written, or None."""
    for target in (path, fallback / path.name):
        partial = target.parent / f".{target.name}.part"
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            partial.write_text(json.dumps(data, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
            os.replace(partial, target)
        except OSError as error:  # a full disk must not hide the run's verdict: try the fallback
            logger.error("manifest %s not written: %s", target, error)
            try:
                partial.unlink(missing_ok=True)
            except OSError:
                pass  # the folder itself is the problem
            continue
        if target != path:
            logger.error("manifest written to %s instead", target)
        return target
    return None
