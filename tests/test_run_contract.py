"""What a run promises before and around the crawl: the operator's ``-a base_url=`` is trusted and
checked, argument errors are one line, no open doors (DNS guard, telnet), no deprecation warnings,
the user agent follows ``NEWSCRAWL_CONTACT``, the manifest names formats one way.  Real ``scrapy
crawl`` runs against loopback sites."""
from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SPUTNIK, run_crawl
from tests.faults.site import HOST, FaultSite, article_html, respond, serve
from tests.siteserver import SiteServer
from tests.test_run_verdict import ARTICLES, crawl_news, fault_site

ENV = dict(os.environ, PYTHONPATH=str(ROOT), SCRAPY_SETTINGS_MODULE="newscrawl.settings")


def scrapy(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrapy", *args], cwd=cwd, env=ENV, capture_output=True, text=True,
                          timeout=120)


def readme_command(marker: str) -> list[str]:
    """The README's command line containing ``marker``, as a user would paste it (comment cut)."""
    [line] = [line for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
              if marker in line and line.startswith("scrapy crawl")]
    return shlex.split(line.split("#", 1)[0])


def test_readme_base_url_example_works_as_written(tmp_path):
    command = readme_command("-a base_url=")
    origin = next(arg.split("=", 1)[1] for arg in command if arg.startswith("base_url="))
    host, port = origin.removeprefix("http://").split(":")
    try:  # the README's own port, not a free one
        server = SiteServer(SPUTNIK, "sputnikglobe.com", address=host, port=int(port))
    except OSError:
        pytest.skip(f"{origin} is in use on this machine; the README example needs it free")
    with server:
        # in an empty folder, as a user with newscrawl installed: outputs and store land there
        done = subprocess.run([sys.executable, "-m", *command], cwd=tmp_path, env=ENV, capture_output=True,
                              text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    [feed] = (tmp_path / "output" / "sputnik").rglob("*.jsonl")
    records = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 2 and all(r["url"].startswith("https://sputnikglobe.com/") for r in records)
    assert "refused" not in done.stderr


@pytest.mark.parametrize(("argument", "words"), [
    ("base_url=127.0.0.1:8000", "(no scheme)"),
    ("base_url=ftp://127.0.0.1:8000", "scheme 'ftp' is not http or https"),
    ("base_url=file:///etc", "scheme 'file' is not http or https"),
    ("base_url=http://127.0.0.1:8000/mirror/", "path '/mirror/'"),
    ("since=yesterday", "-a since='yesterday': expected a date as YYYY-MM-DD"),
    ("edition=xx", "unknown edition 'xx'; known editions: en (sputnikglobe.com)"),
])
def test_bad_arguments_stop_the_run_in_one_line_before_anything_is_fetched(tmp_path, argument, words):
    with FaultSite() as site:
        extra = () if argument.startswith("base_url") else ("-a", f"base_url={site.url}")
        done = scrapy("crawl", "sputnik", "-a", argument, *extra, "-s", f"NEWSCRAWL_OUTPUT_DIR={tmp_path}/out",
                      "-s", f"NEWSCRAWL_STATE_URI=sqlite:///{tmp_path}/state.db")
        assert site.paths() == []
    assert done.returncode == 1, done.stderr
    errors = [line for line in done.stderr.splitlines() if "ERROR" in line]
    assert len(errors) == 1 and "cannot start: " in errors[0] and words in errors[0], done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()  # no feed, no manifest: nothing ran


def test_unknown_spider_is_one_line():
    done = scrapy("crawl", "nosuchspider")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert "cannot start: no spider named 'nosuchspider' (spiders: news, sputnik)" in last


def test_base_url_origin_is_trusted_but_other_local_origins_are_not(tmp_path):
    with FaultSite("127.0.0.2") as canary, fault_site() as site:
        site.vars["canary"] = canary.url
        site.routes["/news/moved.html"] = lambda handler, s: respond(
            handler, 302, b"", headers={"Location": f"{canary.url}/news/inside-story-number-nine.html"})
        site.add_feed([*ARTICLES, "/news/moved.html"], [f"{canary.url}/news/internal-story-number-one.html"])
        # no NEWSCRAWL_TRUSTED_ORIGINS: -a base_url= alone reaches the loopback site
        result = crawl_news(site.url, tmp_path / "out.jsonl")
        assert canary.paths() == []
    assert result.returncode == 0, result.log
    assert len(result.records) == 2
    assert f"{canary.url}/news/inside-story-number-nine.html: refused: non-public address 127.0.0.2" in result.log


def test_a_name_resolving_to_loopback_is_refused_by_the_dns_guard_in_a_real_crawl(tmp_path):
    # "127.1" is no IP literal to the address policy (a dotted name, not local-looking), yet the system
    # resolver answers 127.0.0.1: only the resolver's check of the answer stands between it and the site.
    with fault_site() as site:
        port = site.url.rsplit(":", 1)[1]
        result = run_crawl("news", tmp_path / "out.jsonl", "-a", f"site=http://127.1:{port}", "-s", "RETRY_TIMES=0")
        refused_paths = site.paths()
        trusted = run_crawl("news", tmp_path / "trusted.jsonl", "-a", f"site=http://127.1:{port}",
                            "-s", f"NEWSCRAWL_TRUSTED_ORIGINS=http://127.1:{port}")
        trusted_paths = site.paths()
    assert refused_paths == []
    assert result.returncode == 3
    assert "127.1 resolves to non-public address 127.0.0.1; refused (DNS rebinding guard)" in result.log
    assert "nothing reachable: DNS lookup failed for 127.1" in "\n".join(result.log.strip().splitlines()[-3:])
    # the same crawl with the origin trusted reaches the site: the refusal above was the guard's
    # the site lists no article (a failed run for that reason), but it was reached: no DNS refusal
    assert "nothing reachable" not in trusted.log and "DNS rebinding guard" not in trusted.log, trusted.log
    assert "/robots.txt" in trusted_paths and "/" in trusted_paths


def test_a_normal_run_has_no_deprecation_warning_no_telnet_and_the_contact_in_its_user_agent(tmp_path):
    agents = []

    def home(handler, site):
        agents.append(handler.headers.get("User-Agent"))
        respond(handler, 200, (b'<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
                               b'</head><body></body></html>'))

    with fault_site() as site:
        site.routes["/"] = home
        result = crawl_news(site.url, tmp_path / "out.jsonl", "-s", "NEWSCRAWL_CONTACT=mailto:data@example.org")
    assert result.returncode == 0, result.log
    assert len(result.records) == 2
    assert agents == ["newscrawl/0.1 (+mailto:data@example.org)"]
    # none from newscrawl or feedparser; spidermon's own Spider.log() warning is spidermon's to fix
    deprecations = [line for line in result.log.splitlines() if "Deprecat" in line]
    assert not [line for line in deprecations if "spidermon/" not in line], deprecations
    assert "Telnet" not in result.log and "RemoteControl" not in result.log  # neither enabled nor listening


def test_user_agent_set_itself_wins_over_the_contact(tmp_path):
    agents = []

    def feed_page(handler, site):
        agents.append(handler.headers.get("User-Agent"))
        serve(article_html(1, "Story number 1 of the site"))(handler, site)

    with fault_site() as site:
        site.routes[ARTICLES[0]] = feed_page
        result = crawl_news(site.url, tmp_path / "out.jsonl", "-s", "USER_AGENT=acme-bot/2",
                            "-s", "NEWSCRAWL_CONTACT=mailto:data@example.org")
    assert result.returncode == 0, result.log
    assert agents == ["acme-bot/2"]


@pytest.mark.parametrize("target", ["out.jsonl", "out.jsonl:jsonl", "out.jl", "out.jsonl:jsonlines"])
def test_manifest_format_is_one_word_however_the_feed_is_named(tmp_path, target):
    with fault_site() as site:
        done = scrapy("crawl", "news", "-a", f"site=http://{HOST}", "-a", f"base_url={site.url}",
                      "-O", str(tmp_path / target), "-s", f"NEWSCRAWL_OUTPUT_DIR={tmp_path}/out",
                      "-s", f"NEWSCRAWL_STATE_URI=sqlite:///{tmp_path}/state.db")
    assert done.returncode == 0, done.stderr
    [path] = tmp_path.glob("*.manifest.json")  # beside the -O feed
    [file] = json.loads(path.read_text())["files"]
    assert file["format"] == "jsonlines" and file["items"] == 2



def test_a_sputnik_fixture_run_has_no_deprecation_warning_from_project_code(tmp_path, sputnik_site):
    # The fixture RSS dates items by pubDate only: feedparser's updated_parsed -> published_parsed
    # mapping warned on every entry when asked for updated_parsed the usual way.
    result = run_crawl("sputnik", tmp_path / "out.jsonl", "-a", f"base_url={sputnik_site().url}")
    assert result.returncode == 0, result.log
    assert len(result.records) == 2
    deprecations = [line for line in result.log.splitlines() if "Deprecat" in line]
    assert not [line for line in deprecations if "spidermon/" not in line], deprecations
