"""Shared test fixtures: the loopback site server and a real ``scrapy crawl`` subprocess."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from newscrawl.output.schema import schema_errors, validator
from tests.siteserver import SiteServer

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SPUTNIK = FIXTURES / "sputnik"
ARTICLE_SCHEMA = validator()


@dataclass
class CrawlResult:
    returncode: int
    records: list[dict]
    log: str
    stats: dict


#: The ``scrapy`` command of this environment, as users start a crawl (``run_crawl(launcher=...)``).
SCRAPY_SCRIPT = Path(sys.executable).with_name("scrapy")


def run_crawl(spider: str, output: Path, *args: str, cwd: Path = ROOT, timeout: int = 120,
              launcher: list[str] | None = None) -> CrawlResult:
    """``scrapy crawl SPIDER -O output ARGS...`` as a user runs it; stats dumped as JSON beside the feed.
    ``launcher``: the command before ``crawl`` (default ``python -m scrapy``; ``[SCRAPY_SCRIPT]``: the script)."""
    stats_file = output.with_suffix(".stats.json")
    # Each call gets its own state store and output folder unless the test shares one on purpose:
    # no test sees what another exported.  -O alone would leave the store out of the run
    # (NEWSCRAWL_USER_FEED_USES_STATE): these runs opt in, so tests of incremental runs keep testing them.
    isolated = [arg for name, value in (("NEWSCRAWL_STATE_URI", f"sqlite:///{output}.state.db"),
                                        ("NEWSCRAWL_OUTPUT_DIR", f"{output}.out"))
                if not any(a.startswith(name + "=") for a in args) for arg in ("-s", f"{name}={value}")]
    command = [*(launcher or [sys.executable, "-m", "scrapy"]), "crawl", spider, "-O", f"{output}:jsonlines",
               "-s", f"NEWSCRAWL_STATS_FILE={stats_file}", "-s", "AUTOTHROTTLE_ENABLED=0",
               "-s", "DOWNLOAD_DELAY=0", "-s", "NEWSCRAWL_USER_FEED_USES_STATE=1", *isolated, *args]
    env = dict(os.environ, PYTHONPATH=str(ROOT), SCRAPY_SETTINGS_MODULE="newscrawl.settings")
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    records = []
    if output.exists():
        records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines() if line]
    for record in records:  # every exported record follows the published schema
        assert not schema_errors(record, ARTICLE_SCHEMA), (record.get("url"), schema_errors(record, ARTICLE_SCHEMA))
    stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
    return CrawlResult(done.returncode, records, done.stderr, stats)


@pytest.fixture
def sputnik_site():
    """Factory: a loopback server for one host of the Sputnik fixtures."""
    servers = []

    def start(host: str = "sputnikglobe.com", folder: Path = SPUTNIK) -> SiteServer:
        server = SiteServer(folder, host).__enter__()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.__exit__(None, None, None)
