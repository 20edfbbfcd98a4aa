"""Interrupted runs: SIGTERM and ``kill -9`` mid-crawl, then a resumed run; a full output disk.

Each run is the real ``scrapy crawl news`` with its default dated outputs, one state store and one
``JOBDIR`` shared by the runs, against a loopback site whose articles answer slowly enough to be
interrupted.  Across the runs every article must be exported exactly once, in committed files only.
"""
from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.faults.site import HOST, FaultSite, article_html, serve, slow, tmpfs
from tests.test_operations import wait_for

ARTICLES = {f"/news/story-{n}.html": f"Story number {n} of the fault site" for n in range(1, 9)}


def long_article(n: int) -> str:
    paragraphs = [f"Paragraph {i} of story {n} tells the council's budget debate at great length, with numbers, "
                  f"quotes and the reactions of residents, so that each record weighs a few kilobytes. " * 6
                  for i in range(8)]
    return article_html(n, ARTICLES[f"/news/story-{n}.html"], paragraphs=paragraphs)


class Runs:
    """Consecutive crawls of the fault site sharing output folder, state store and JOBDIR."""

    def __init__(self, folder: Path, site: FaultSite, output: Path | None = None):
        self.output = output or folder / "output"
        self.settings = ["-s", f"NEWSCRAWL_OUTPUT_DIR={self.output}", "-s", f"NEWSCRAWL_STATE_URI=sqlite:///{folder}/state.db",
                         "-s", f"JOBDIR={folder}/job", "-s", f"NEWSCRAWL_TRUSTED_ORIGINS={site.url}",
                         "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0", "-s", "CONCURRENT_REQUESTS=1",
                         "-s", "MEMUSAGE_CHECK_INTERVAL_SECONDS=0.2"]
        self.site = site
        self.folder = folder
        self.runs = 0

    def start(self, *extra: str) -> subprocess.Popen:
        self.runs += 1
        stats = self.folder / f"stats-{self.runs}.json"
        command = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"site=http://{HOST}",
                   "-a", f"base_url={self.site.url}", *self.settings, "-s", f"NEWSCRAWL_STATS_FILE={stats}", *extra]
        env = dict(os.environ, PYTHONPATH=str(ROOT), SCRAPY_SETTINGS_MODULE="newscrawl.settings")
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                text=True)

    def run(self, *extra: str) -> tuple[int, str]:
        process = self.start(*extra)
        _, log = process.communicate(timeout=120)
        return process.returncode, log

    def feeds(self) -> list[Path]:
        return sorted(p for p in self.output.rglob("*.jsonl*") if not p.name.startswith("."))

    def exported(self) -> list[str]:
        paths = []
        for feed in self.feeds():
            opener = gzip.open if feed.suffix == ".gz" else open
            with opener(feed, "rt", encoding="utf-8") as lines:
                paths += [json.loads(line)["url"].removeprefix(f"http://{HOST}") for line in lines if line.strip()]
        return paths

    def peak_mb(self) -> float:
        stats = [json.loads(p.read_text()) for p in self.folder.glob("stats-*.json")]
        return max((s.get("memusage/max", 0) for s in stats), default=0) / 2**20


def article_requests(site: FaultSite) -> int:
    return sum(1 for path in site.paths() if path.startswith("/news/"))


@pytest.fixture
def slow_site():
    with FaultSite() as site:
        for n, path in enumerate(ARTICLES, start=1):
            site.routes[path] = slow(0.6, serve(long_article(n)))
        site.add_feed(list(ARTICLES))
        yield site


def record(figures, case, runs, exported, crashed=False, passed=True):
    figures.append({"case": case, "expected": len(ARTICLES), "exported": len(set(exported) & set(ARTICLES)),
                    "duplicates": len(exported) - len(set(exported)), "crashes": int(crashed),
                    "peak_mb": runs.peak_mb(), "passed": passed})


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "kill-9"])
def test_interrupted_run_resumes_and_exports_each_article_once(stop, tmp_path, slow_site, fault_figures):
    runs = Runs(tmp_path, slow_site)
    first = runs.start()
    wait_for(lambda: article_requests(slow_site) >= 3)
    first.send_signal(stop)
    _, first_log = first.communicate(timeout=60)
    assert article_requests(slow_site) < len(ARTICLES)  # stopped mid-crawl
    if stop == signal.SIGTERM:  # a graceful stop commits its file: nothing hidden is left
        assert not [p for p in runs.output.rglob("*") if p.is_file() and p.name.startswith(".")]

    status, log = runs.run()
    exported = runs.exported()
    record(fault_figures, f"{signal.Signals(stop).name.lower()}_then_resume", runs, exported,
           passed=False)
    assert status == 0, log
    if stop == signal.SIGKILL:
        assert "the previous run did not stop cleanly" in log and "starting the job over" in log
    else:
        assert "did not stop cleanly" not in log
    assert sorted(exported) == sorted(ARTICLES)  # every article once across both runs
    assert not list(runs.output.rglob(".*.part"))  # no partial file left anywhere
    fault_figures[-1]["passed"] = True


@pytest.fixture
def small_disk(tmp_path):
    """A 16 KiB file system for the output folder (needs root, as CI has)."""
    with tmpfs(tmp_path / "small-disk", "size=16k") as mount:
        yield mount


def test_full_output_disk_fails_the_run_and_loses_no_state(tmp_path, slow_site, small_disk, fault_figures):
    full = Runs(tmp_path, slow_site, output=small_disk / "output")
    status, log = full.run()
    assert status != 0
    assert "No space left on device" in log
    assert "run failed:" in log  # the verdict says why
    assert full.feeds() == [] or full.exported() == []  # nothing usable under a final name

    # the store recorded nothing: with room again, the next run exports every article
    roomy = Runs(tmp_path, slow_site, output=tmp_path / "output")
    status, log = roomy.run()
    exported = roomy.exported()
    record(fault_figures, "disk_full_then_rerun", roomy, exported, passed=False)
    assert status == 0, log
    assert sorted(exported) == sorted(ARTICLES)
    fault_figures[-1]["passed"] = True
