"""Output and state-store faults: where the run writes, and what it remembers.

Each case is two or more real ``scrapy crawl news`` runs (default dated outputs, one state store)
against a loopback site: the first meets the fault, the next has it repaired.  Across a case's runs
every good article must be in exactly one committed feed file; a run that could not write or keep
what it found exits non-zero and says why (log and manifest); a store the run cannot read stops it
before anything is fetched, in one line naming the store and ``NEWSCRAWL_STATE_URI``.
"""
from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.faults.site import FaultSite, article_html, serve, tmpfs
from tests.faults.test_interruption import Runs
from tests.test_distributed import free_port, redis_url  # noqa: F401 (a fixture)

ARTICLES = {f"/news/story-{n}.html": f"Story number {n} of the output fault site" for n in range(1, 4)}
#: A headline no latin-1 feed can hold.
POLISH = {"/news/story-4.html": "Łódź council approves the budget"}
TRACEBACK = "Traceback (most recent call last)"


@pytest.fixture
def site():
    with FaultSite() as server:
        for path, title in {**ARTICLES, **POLISH}.items():
            server.routes[path] = serve(article_html(int(path[-6]), title))
        server.add_feed(list(ARTICLES) + list(POLISH))
        yield server


@pytest.fixture
def read_only_folder(tmp_path):
    """A read-only file system (root writes anywhere a mode bit forbids, not on a read-only mount)."""
    with tmpfs(tmp_path / "read-only", "ro,size=64k") as mount:
        yield mount


def manifests(folder: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(folder.rglob("*.manifest.json"))]


def figure(figures, case, runs: list[Runs], exported, started) -> dict:
    """The case's row of the fault table (replaced as the case goes on; passed once it is through)."""
    expected = {**ARTICLES, **POLISH}
    row = {"case": case, "expected": len(expected), "exported": len(set(exported) & set(expected)),
           "duplicates": len(exported) - len(set(exported)), "crashes": 0,
           "peak_mb": max(r.peak_mb() for r in runs), "seconds": time.monotonic() - started, "passed": False}
    if figures and figures[-1]["case"] == case:
        figures[-1] = row
    else:
        figures.append(row)
    return row


def all_exported(*runs: Runs) -> list[str]:
    """Every record of the runs' committed feed files (each output folder read once)."""
    folders = {r.output: r for r in runs}
    return [path for r in folders.values() for path in r.exported()]


def assert_repaired_run_exports_all(figures, case, runs: list[Runs], status, log, started) -> None:
    """The last run of a case, its fault repaired: it succeeds, and across the case's runs every good
    article is in exactly one committed feed file."""
    exported = all_exported(*runs)
    figure(figures, case, runs, exported, started)
    assert status == 0, log
    assert sorted(exported) == sorted({**ARTICLES, **POLISH})
    figures[-1]["passed"] = True


def assert_failed_at_start(status, log, site, *names):
    assert status != 0, log
    assert TRACEBACK not in log, log
    assert site.paths() == [], site.paths()  # stopped before anything was fetched
    for name in names:
        assert name in log, (name, log)


@pytest.mark.parametrize("unusable", ["file_in_its_place", "read_only_folder"])
def test_unusable_output_folder_fails_before_fetching(unusable, tmp_path, site, fault_figures, request):
    started = time.monotonic()
    if unusable == "file_in_its_place":
        output = tmp_path / "output"
        output.write_text("not a folder\n")
    else:
        output = request.getfixturevalue("read_only_folder") / "output"
    broken = Runs(tmp_path, site, output=output)
    status, log = broken.run()
    figure(fault_figures, f"output_{unusable}", [broken], [], started)
    assert_failed_at_start(status, log, site, str(output), "exit status 3")
    assert "run failed: output folder" in log
    # The manifest cannot go beside the feed: it goes beside the state store, and the log names it.
    [written] = manifests(tmp_path / "manifests")
    assert written["verdict"] == "failed" and written["exit_status"] == 3
    assert str(output) in written["failure_reasons"][0]
    assert "manifest written to" in log

    repaired = Runs(tmp_path, site, output=tmp_path / "repaired")
    status, log = repaired.run()
    assert_repaired_run_exports_all(fault_figures, f"output_{unusable}", [broken, repaired], status, log, started)


def test_record_the_exporter_cannot_encode_is_not_recorded_and_fails_the_run(tmp_path, site, fault_figures):
    started = time.monotonic()
    latin1 = json.dumps({"%(output_dir)s/%(name)s/%(date)s/%(run)s.jsonl": {
        "format": "jsonlines", "encoding": "latin-1", "overwrite": True}})
    first = Runs(tmp_path, site, output=tmp_path / "latin1")
    status, log = first.run("-s", f"FEEDS={latin1}")
    figure(fault_figures, "record_not_encodable", [first], first.exported(), started)
    assert status == 3, log
    assert "Error caught on signal handler" not in log  # said in our words, with the record and the file
    assert "/news/story-4.html" in log and "UnicodeEncodeError" in log and str(first.output) in log
    assert sorted(first.exported()) == sorted(ARTICLES)  # the rest of the feed is committed
    [manifest] = manifests(first.output)
    assert manifest["verdict"] == "failed" and manifest["exit_status"] == 3
    assert any("/news/story-4.html" in reason for reason in manifest["failure_reasons"])
    # The store holds exactly what the committed file holds.
    with sqlite3.connect(tmp_path / "state.db") as db:
        stored = {row[0].split("/", 3)[3] for row in db.execute("SELECT canonical_url FROM articles")}
    assert {"/" + path for path in stored} == set(ARTICLES)

    second = Runs(tmp_path, site, output=tmp_path / "utf8")
    status, log = second.run()  # same JOBDIR: the failed run's job is started over, not resumed
    exported = all_exported(first, second)
    figure(fault_figures, "record_not_encodable", [first, second], exported, started)
    assert status == 0, log
    assert sorted(exported) == sorted({**ARTICLES, **POLISH})  # each article once across both runs
    fault_figures[-1]["passed"] = True


def corrupt(path: Path):
    path.write_bytes(b"this is not a database, whatever its name says\n" * 100)


def truncated(path: Path):
    size = path.stat().st_size
    with path.open("r+b") as db:
        db.truncate(size // 2 + 100)  # cut mid-page: SQLite's own header still says the full size


@pytest.mark.parametrize("damage", [corrupt, truncated], ids=["corrupt", "truncated"])
def test_broken_sqlite_store_stops_the_run_at_start(damage, tmp_path, site, fault_figures):
    started = time.monotonic()
    store = tmp_path / "state.db"
    if damage is truncated:  # a real store of a real run, then cut
        seed = Runs(tmp_path / "seed", site)
        (tmp_path / "seed").mkdir()
        assert seed.run()[0] == 0
        with sqlite3.connect(tmp_path / "seed" / "state.db") as db:  # fold the WAL in, as a closed store has
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.executemany("INSERT INTO articles (canonical_url, url) VALUES (?, ?)",
                           [(f"http://x/{i}", f"http://x/{i}") for i in range(2000)])
        shutil.copy(tmp_path / "seed" / "state.db", store)
        site.log.clear()
    damage(store)
    before = store.read_bytes()
    broken = Runs(tmp_path, site)
    status, log = broken.run()
    figure(fault_figures, f"sqlite_store_{damage.__name__}", [broken], [], started)
    assert_failed_at_start(status, log, site, str(store), "NEWSCRAWL_STATE_URI")
    problem = [line for line in log.splitlines() if "NEWSCRAWL_STATE_URI" in line]
    assert len(problem) == 1 and "move it aside" in problem[0], log
    assert store.read_bytes() == before  # left as found, for the operator to look at

    store.rename(tmp_path / "state.db.broken")  # what the line says to do
    for wal in tmp_path.glob("state.db-*"):
        wal.unlink()
    repaired = Runs(tmp_path, site)
    status, log = repaired.run()
    assert_repaired_run_exports_all(fault_figures, f"sqlite_store_{damage.__name__}", [broken, repaired], status, log,
                                    started)


def test_unreachable_redis_store_stops_the_run_at_start(tmp_path, site, fault_figures, request):
    started = time.monotonic()
    uri = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    runs = Runs(tmp_path, site)
    status, log = runs.run("-s", f"NEWSCRAWL_STATE_URI={uri}")
    figure(fault_figures, "redis_store_unreachable", [runs], [], started)
    assert_failed_at_start(status, log, site, uri, "NEWSCRAWL_STATE_URI")
    assert len([line for line in log.splitlines() if "NEWSCRAWL_STATE_URI" in line]) == 1, log

    running = request.getfixturevalue("redis_url")  # Redis up again: the next run exports everything
    repaired = Runs(tmp_path, site)
    status, log = repaired.run("-s", f"NEWSCRAWL_STATE_URI={running}")
    assert_repaired_run_exports_all(fault_figures, "redis_store_unreachable", [runs, repaired], status, log, started)


def test_read_only_store_stops_the_run_at_start(tmp_path, site, fault_figures):
    started = time.monotonic()
    with tmpfs(tmp_path / "store", "size=256k") as mount:
        sqlite3.connect(mount / "state.db").close()  # a good (empty) store...
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)  # ...on a read-only mount
        uri = f"sqlite:///{mount}/state.db"
        broken = Runs(tmp_path, site)
        status, log = broken.run("-s", f"NEWSCRAWL_STATE_URI={uri}")
        figure(fault_figures, "sqlite_store_read_only", [broken], [], started)
        assert_failed_at_start(status, log, site, str(mount), "NEWSCRAWL_STATE_URI", "Read-only file system")
        assert len([line for line in log.splitlines() if "NEWSCRAWL_STATE_URI" in line]) == 1, log

        subprocess.run(["mount", "-o", "remount,rw", str(mount)], check=True)
        repaired = Runs(tmp_path, site)
        status, log = repaired.run("-s", f"NEWSCRAWL_STATE_URI={uri}")
        assert_repaired_run_exports_all(fault_figures, "sqlite_store_read_only", [broken, repaired], status, log,
                                        started)
