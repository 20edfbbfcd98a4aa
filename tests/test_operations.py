"""Unattended runs, as cron starts them: the real ``scrapy crawl sputnik`` with its default outputs,
one state store shared by consecutive runs, against the loopback fixture site."""
from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newscrawl.ops.lock import LOCKED
from newscrawl.output.manifest import RUN_FAILED
from newscrawl.output.schema import SCHEMA_VERSION, schema_errors, validator
from tests.conftest import ROOT, SPUTNIK

LAVROV = "/20120204/lavrov-defends-russian-arms-supplies-to-syria-1012345678.html"
OBSERVATORY = "/20120305/siberian-observatory-opens-solar-telescope-to-students-1012398765.html"
SCHEMA = validator()


class Cron:
    """Consecutive ``scrapy crawl sputnik`` runs sharing one output folder and one state store."""

    def __init__(self, folder: Path, site, *extra: str):
        self.output = folder / "output"
        self.state = f"sqlite:///{folder}/state.db"
        self.site = site
        self.extra = extra

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "scrapy", "crawl", "sputnik", "-a", f"base_url={self.site.url}",
                "-s", f"NEWSCRAWL_OUTPUT_DIR={self.output}", "-s", f"NEWSCRAWL_STATE_URI={self.state}",
                "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0", *self.extra, *args]

    def start(self, *args: str) -> subprocess.Popen:
        env = dict(os.environ, PYTHONPATH=str(ROOT), SCRAPY_SETTINGS_MODULE="newscrawl.settings")
        return subprocess.Popen(self.command(*args), cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)

    def run(self, *args: str) -> tuple[int, str]:
        process = self.start(*args)
        _, log = process.communicate(timeout=60)
        return process.returncode, log

    def feeds(self) -> list[Path]:
        return sorted(p for p in self.output.rglob("*.jsonl*") if not p.name.startswith("."))

    def manifests(self) -> list[dict]:
        return [json.loads(p.read_text()) for p in sorted(self.output.rglob("*.manifest.json"))]

    def records(self, feed: Path) -> list[dict]:
        opener = gzip.open if feed.suffix == ".gz" else open
        with opener(feed, "rt", encoding="utf-8") as lines:
            records = [json.loads(line) for line in lines if line.strip()]
        for record in records:
            assert not schema_errors(record, SCHEMA), schema_errors(record, SCHEMA)
        return records

    def latest_records(self) -> list[dict]:
        return self.records(self.feeds()[-1])


def wait_for(condition, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.fixture
def site_copy(tmp_path, sputnik_site):
    """The English fixture site served from a copy the test may edit."""
    folder = tmp_path / "site"
    shutil.copytree(SPUTNIK, folder)
    return folder, sputnik_site("sputnikglobe.com", folder)


def update_observatory(folder: Path):
    """The site updates one article: new modified date (page and sitemap) and new text."""
    page = folder / "observatory-solar-telescope.html"
    page.write_text(page.read_text(encoding="utf-8").replace("2012-03-05T14:45:00+00:00", "2012-03-06T08:00:00+00:00")
                    .replace("updated: 14:45 05.03.2012", "updated: 08:00 06.03.2012")
                    .replace("20120305T1445+0000", "20120306T0800+0000")
                    .replace("60-centimeter solar telescope", "70-centimeter solar telescope"), encoding="utf-8")
    sitemap = folder / "sitemap_article_20120301_20120331.xml"
    sitemap.write_text(sitemap.read_text().replace("2012-03-05T14:45:00", "2012-03-06T08:00:00"))


def test_second_run_exports_nothing_and_a_changed_article_comes_back_as_revision_2(tmp_path, site_copy):
    folder, site = site_copy
    cron = Cron(tmp_path, site)
    status, log = cron.run()
    assert status == 0, log
    first = cron.latest_records()
    assert sorted(r["url"] for r in first) == sorted("https://sputnikglobe.com" + p for p in (LAVROV, OBSERVATORY))
    assert {(r["revision"], r["schema_version"]) for r in first} == {(1, SCHEMA_VERSION)}
    assert cron.feeds()[0].relative_to(cron.output).parts[:2] == ("sputnik", time.strftime("%Y-%m-%d", time.gmtime()))

    # second run: nothing new; the feed and sitemap dates say unchanged, so no article is fetched
    time.sleep(1)  # a new run name (its start second)
    site.requests.clear()
    status, log = cron.run()
    assert status == 0, log
    assert cron.latest_records() == []
    assert LAVROV not in site.requests and OBSERVATORY not in site.requests
    # URLs, not listings: the RSS feed lists both articles, the sitemap one of them again
    assert cron.manifests()[-1]["items"]["not_fetched_unchanged"] == 2

    update_observatory(folder)
    time.sleep(1)
    site.requests.clear()
    status, log = cron.run()
    assert status == 0, log
    [record] = cron.latest_records()
    assert record["url"].endswith(OBSERVATORY)
    assert record["revision"] == 2 and record["modified_at"] == "2012-03-06T08:00:00Z"
    assert record["first_seen_at"] == next(r["first_seen_at"] for r in first if r["url"] == record["url"])
    assert "70-centimeter" in record["body"]
    assert LAVROV not in site.requests


def test_full_run_exports_everything_again(tmp_path, sputnik_site):
    cron = Cron(tmp_path, sputnik_site())
    assert cron.run()[0] == 0
    time.sleep(1)
    status, log = cron.run("-a", "full=1")
    assert status == 0, log
    assert sorted(r["revision"] for r in cron.latest_records()) == [1, 1]


def test_killed_run_leaves_no_partial_file_and_the_next_run_exports_each_article_once(tmp_path, site_copy):
    _, site = site_copy
    cron = Cron(tmp_path, site)
    site.delays[OBSERVATORY] = 30
    run = cron.start()
    wait_for(lambda: OBSERVATORY in site.requests and LAVROV in site.requests)
    # Lavrov parsed (in a parse worker, slow to start under load) and exported: the run's file is opened
    # at its first item and stays hidden while incomplete.
    wait_for(lambda: list(cron.output.rglob(".*.jsonl.part")), timeout=60)
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=10)
    assert cron.feeds() == [] and cron.manifests() == []  # nothing under a final name

    site.delays.clear()
    status, log = cron.run()
    assert status == 0, log
    assert not list(cron.output.rglob("*.part"))  # the dead run's hidden file is cleaned up
    exported = [r["url"] for feed in cron.feeds() for r in cron.records(feed)]
    assert sorted(exported) == sorted("https://sputnikglobe.com" + p for p in (LAVROV, OBSERVATORY))


def test_second_concurrent_run_exits_at_once_and_the_first_is_unaffected(tmp_path, site_copy):
    _, site = site_copy
    cron = Cron(tmp_path, site)
    site.delays[OBSERVATORY] = 10  # long enough that the second run, started under load, meets the first
    first = cron.start()
    wait_for(lambda: OBSERVATORY in site.requests)
    began = time.monotonic()
    status, log = cron.run()
    assert status == LOCKED
    assert time.monotonic() - began < 5
    assert re.search(r"another sputnik run holds .*state\.db\.sputnik\.lock \(pid \d+ since .*\); exiting with "
                     r"status 75", log)
    _, first_log = first.communicate(timeout=30)
    assert first.returncode == 0, first_log
    assert len(cron.latest_records()) == 2


def test_a_stale_lock_of_a_killed_run_is_recovered(tmp_path, site_copy):
    _, site = site_copy
    cron = Cron(tmp_path, site)
    site.delays[LAVROV] = 30
    run = cron.start()
    wait_for(lambda: LAVROV in site.requests)
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=10)
    assert (tmp_path / "state.db.sputnik.lock").read_text().startswith(str(run.pid))
    site.delays.clear()
    status, log = cron.run()
    assert status == 0, log


def test_pages_that_lost_their_body_fail_the_run_and_say_why(tmp_path, site_copy):
    folder, site = site_copy
    body = re.compile(r'<div class="article__body[\s\S]*?</div></div></div>')
    for name in ("lavrov-arms-syria.html", "observatory-solar-telescope.html"):
        page = folder / name
        page.write_text(body.sub('<div class="article__body"></div>', page.read_text(encoding="utf-8"), count=1),
                        encoding="utf-8")
    cron = Cron(tmp_path, site)
    status, log = cron.run()
    assert status == RUN_FAILED, log
    assert "run failed: Field coverage/" in log and "body coverage 0.00 below 0.9" in log
    [manifest] = cron.manifests()
    assert manifest["exit_status"] == RUN_FAILED and manifest["verdict"] == "failed"
    assert any("body coverage 0.00" in reason for reason in manifest["failure_reasons"])
    assert manifest["dropped"] == {"no_body": 2}


def test_a_run_that_finds_nothing_after_runs_that_did_fails(tmp_path, site_copy):
    folder, site = site_copy
    cron = Cron(tmp_path, site)
    assert cron.run()[0] == 0
    for name in ("rss.xml", "sitemap_article_index.xml"):  # the site stops listing anything
        (folder / name).write_text("<html><body>maintenance</body></html>")
    time.sleep(1)
    status, log = cron.run()
    assert status == RUN_FAILED, log
    assert "no articles found: the listings reached named no article" in log


def test_manifest_and_gzip_output(tmp_path, sputnik_site):
    cron = Cron(tmp_path, sputnik_site(), "-s", "NEWSCRAWL_OUTPUT_GZIP=1")
    status, log = cron.run("-a", "edition=en")
    assert status == 0, log
    [feed] = cron.feeds()
    assert feed.name.endswith(".jsonl.gz")
    assert len(cron.records(feed)) == 2
    [manifest] = cron.manifests()
    assert feed.parent / feed.name.replace(".jsonl.gz", ".manifest.json") in set(cron.output.rglob("*.json"))
    assert manifest["spider"] == "sputnik" and manifest["arguments"]["edition"] == "en"
    assert manifest["files"] == [{"uri": str(feed), "format": "jsonlines", "items": 2}]
    assert manifest["items"]["exported"] == 2 and manifest["items"]["new"] == 2
    assert manifest["deduplicated"] == {"lead_in_body": 2}
    assert manifest["field_coverage"]["body"] == 1.0 and manifest["field_coverage"]["authors"] == 0.5
    assert manifest["exit_status"] == 0 and manifest["verdict"] == "passed"
    assert manifest["started_at"] <= manifest["finished_at"]


def store_rows(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return [row for table in ("articles", "copies") for row in db.execute(f"SELECT * FROM {table} ORDER BY 1")]


def test_an_ad_hoc_export_leaves_the_cron_runs_alone_and_keeps_its_manifest_beside_its_feed(tmp_path, site_copy):
    folder, site = site_copy
    cron = Cron(tmp_path, site)
    everything = sorted("https://sputnikglobe.com" + p for p in (LAVROV, OBSERVATORY))
    # before any cron run
    status, log = cron.run("-O", f"{tmp_path}/mine.jsonl")
    assert status == 0, log
    assert sorted(r["url"] for r in cron.records(tmp_path / "mine.jsonl")) == everything
    assert "neither reads nor writes the state store" in log
    assert cron.feeds() == [] and cron.manifests() == [] and not (tmp_path / "state.db").exists()
    manifest = json.loads((tmp_path / "mine.manifest.json").read_text())
    assert [(f["uri"], f["items"]) for f in manifest["files"]] == [(f"{tmp_path}/mine.jsonl", 2)]
    assert manifest["items"]["new"] == 2 and manifest["verdict"] == "passed"

    time.sleep(1)
    status, log = cron.run()
    assert status == 0, log
    assert sorted(r["url"] for r in cron.latest_records()) == everything  # the -O run took nothing
    stored = store_rows(tmp_path / "state.db")

    # between two cron runs: an article changes, and an ad-hoc export (file, then stdout) has it first
    update_observatory(folder)
    time.sleep(1)
    status, log = cron.run("-O", f"{tmp_path}/again.v2.jsonl")
    assert status == 0, log
    assert {r["revision"] for r in cron.records(tmp_path / "again.v2.jsonl")} == {1}  # its own, empty store
    assert json.loads((tmp_path / "again.v2.manifest.json").read_text())["items"]["exported"] == 2
    status, log = cron.run("-o", "-:jsonlines")
    assert status == 0, log
    assert "no manifest written: no feed of this run is a local file" in log
    assert store_rows(tmp_path / "state.db") == stored
    assert len(cron.manifests()) == 1 and len(cron.feeds()) == 1
    assert sorted(p.name for p in tmp_path.glob("*.manifest.json")) == ["again.v2.manifest.json", "mine.manifest.json"]

    time.sleep(1)
    status, log = cron.run()
    assert status == 0, log
    [record] = cron.latest_records()
    assert record["url"].endswith(OBSERVATORY) and record["revision"] == 2


def test_an_ad_hoc_export_may_use_the_store_when_asked(tmp_path, sputnik_site):
    cron = Cron(tmp_path, sputnik_site())
    assert cron.run()[0] == 0
    time.sleep(1)
    status, log = cron.run("-O", f"{tmp_path}/mine.jsonl", "-s", "NEWSCRAWL_USER_FEED_USES_STATE=1")
    assert status == 0, log
    assert (tmp_path / "mine.jsonl").read_text() == ""  # nothing new since the cron run
    assert json.loads((tmp_path / "mine.manifest.json").read_text())["items"]["not_fetched_unchanged"] == 2
