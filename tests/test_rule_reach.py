"""Every registered extraction rule fires on at least two publishers of the in-repo corpora.

A rule (``newscrawl.extract.generic.rules``) *fires* on a page when one of its calls returns something
else than its ``off`` would.  A rule that fires on one publisher only is fitted to that publisher: it
belongs in the publisher's site parser.  The corpora are the 134 dev pages (``tests/corpus/dev``) and
the sample of the web set (``tests/corpus/web``), extracted once each; ``bench/rule_reach.py``
(loaded here as the bench tests load their scripts) does the counting, and prints the same table for
any corpus folders, with ablations.  The rules module and the tool are tested with rules registered
here for the test.
"""
from __future__ import annotations

import contextvars
import doctest
import gzip
import hashlib
import importlib.util
import json
import runpy
import shutil
import subprocess
import sys

import pytest

from newscrawl.extract import extract_article
from newscrawl.extract.generic import rules
from tests.conftest import ROOT
from tests.corpus.scoring import field_scores

BENCH = ROOT / "bench" / "rule_reach.py"
DEV = ROOT / "tests" / "corpus" / "dev"
WEB = ROOT / "tests" / "corpus" / "web"


@pytest.fixture(scope="module")
def bench():
    return runpy.run_path(str(BENCH))


@pytest.fixture(scope="module")
def corpora_reach(bench):
    """rule -> publishers it fired on, over both in-repo corpora (one extraction per page)."""
    pages = bench["load_corpus"](DEV) + bench["load_corpus"](WEB)
    listed = (WEB / "SAMPLE.txt").read_text(encoding="utf-8").splitlines()
    assert len(pages) == 134 + len(listed)
    bench["merge_publishers"](pages)
    bench["run_pages"](pages, extract_article)
    assert [page["stem"] for page in pages if page["error"]] == []
    return {name: entry["publishers"] for name, entry in bench["reach"](pages).items()}


def test_a_rule_on_declared_data_is_exempt_but_still_fires_here(corpora_reach):
    declared = [name for name, rule in rules.RULES.items() if rule.declared]
    assert declared == ["body.with_declared_body"]  # one, and only one, falls back on declared text
    assert all(corpora_reach[name] for name in declared), "an exempt rule must still be exercised by a page here"


def test_only_a_rule_registered_as_reading_declared_data_is_exempt_from_the_minimum(local_rules, bench):
    local_rules("test_rules.heuristic", lambda text: text, lambda text: text.strip())
    rules.rule(off=lambda text: text, name="test_rules.declared", declared="reads a declared value")(str.strip)
    one = {"publishers": {"OnlyPublisher"}}
    assert bench["is_short"]("test_rules.heuristic", one) is True
    assert bench["is_short"]("test_rules.declared", one) is False
    assert bench["is_short"]("test_rules.heuristic", {"publishers": {"A", "B"}}) is False
    rules.RULES.pop("test_rules.declared")


def test_every_registered_rule_fires_on_at_least_two_publishers(corpora_reach, bench):
    assert set(corpora_reach) >= set(rules.RULES)  # rules registered lazily are registered by now
    few = {name: sorted(publishers) for name, publishers in corpora_reach.items()
           if bench["is_short"](name, {"publishers": publishers})}
    assert few == {}, f"rules fitted to one publisher (move them to its site parser): {few}"


@pytest.fixture
def local_rules():
    """Register rules for one test; unregister them afterwards (the registry is the package's)."""
    added = []

    def register(name, off, function):
        added.append(name)
        return rules.rule(off=off, name=name)(function)

    yield register
    for name in added:
        rules.RULES.pop(name, None)


def test_a_rule_counts_only_calls_that_differ_from_off_and_gives_off_when_switched_off(local_rules):
    def shout(text):
        """Upper-cases a text (a test rule)."""
        return text.upper()

    shouted = local_rules("test_rules.shout", lambda text: text, shout)
    assert rules.RULES["test_rules.shout"].doc == "Upper-cases a text (a test rule)."
    assert shouted("a") == "A"  # outside any measurement it is the function
    with rules.counting_firings() as firings:
        assert [shouted("a"), shouted("B"), shouted("c")] == ["A", "B", "C"]
    assert firings == {"test_rules.shout": 2}  # "B" is its own off result: no firing
    with rules.switched_off("test_rules.shout"), rules.counting_firings() as off_firings:
        assert shouted("a") == "a"
    assert off_firings == {} and shouted("a") == "A"  # the switch ends with its block
    with pytest.raises(KeyError, match="no such rule: test_rules.nothing"):
        with rules.switched_off("test_rules.shout", "test_rules.nothing"):
            pass
    assert shouted("a") == "A"


def test_the_default_name_is_module_and_function(local_rules):
    def finder(text):
        return None

    local_rules(None, lambda text: None, finder)
    name = f"{__name__.rsplit('.', 1)[-1]}.finder"
    assert rules.RULES.pop(name).function is finder


def table_rows(out: str) -> dict[str, list[str]]:
    """The tool's table rows of the test rules: name -> [publishers, pages, by corpus]."""
    return {line.split()[0]: line.split()[1:4] for line in out.splitlines()
            if line.startswith("test_reach.") and not line.split()[0].endswith(":")}


def make_corpora(tmp_path):
    """A small dev folder (3 publishers' pages + 1 made-up check-part page) and a web folder (2 pages)."""
    dev, web = tmp_path / "dev", tmp_path / "web"
    dev.mkdir()
    web.mkdir()
    publishers = {}
    for meta in sorted(DEV.glob("*.json")):
        stem = meta.name.removesuffix(".json")
        publisher = json.loads(meta.read_text(encoding="utf-8"))["source"]["publisher"]
        if hashlib.sha1(stem.encode()).hexdigest()[-1] not in "cdef" and publisher not in publishers:
            publishers[publisher] = stem
            for name in (meta.name, f"{stem}.html.gz"):
                shutil.copy(DEV / name, dev / name)
        if len(publishers) == 3:
            break
    hidden = next(stem for stem in (f"zz_Hidden_{n}" for n in range(100))
                  if hashlib.sha1(stem.encode()).hexdigest()[-1] in "cdef")
    (dev / f"{hidden}.json").write_text(json.dumps(
        {"id": hidden, "url": "https://hidden.example/a", "headline": "A made-up page", "authors": None,
         "lead": None, "body": "Its text.", "captions": None, "published_at": None, "tags": None,
         "language": "en", "source": {"publisher": "HiddenPublisher"}}), encoding="utf-8")
    (dev / f"{hidden}.html.gz").write_bytes(gzip.compress(
        b"<html lang=en><body><article><h1>A made-up page</h1><p>Its text.</p></article></body></html>"))
    for meta in sorted(WEB.glob("*.json"))[:2]:
        for name in (meta.name, meta.name.removesuffix(".json") + ".html.gz"):
            shutil.copy(WEB / name, web / name)
    return dev, web, sorted(publishers), hidden


def unmeasured_extract(html, url):
    """``extract_article`` with the package's own rules uncounted (their firings are not this test's)."""
    context = contextvars.copy_context()
    context.run(rules._FIRINGS.set, None)
    return context.run(extract_article, html, url)


def test_the_tool_counts_publishers_flags_a_one_publisher_rule_and_never_names_a_check_part_page(
        tmp_path, bench, local_rules, capsys, monkeypatch):
    monkeypatch.setattr(rules, "RULES", {})  # only the test's rules are measured (the package's stay registered)
    dev, web, publishers, hidden = make_corpora(tmp_path)
    urls = {meta.name.removesuffix(".json"): json.loads(meta.read_text(encoding="utf-8"))["url"]
            for meta in [*dev.glob("*.json"), *web.glob("*.json")]}
    marked = {urls[meta.name.removesuffix(".json")] for meta in dev.glob("*.json")}  # 3 publishers + the hidden one

    def wide(record, url):
        """Marks the headline of the dev pages (a test rule that generalises)."""
        return dict(record, headline=f"{record.get('headline')}!") if url in marked else record

    def narrow(record, url):
        """Tags one made-up page (a test rule fitted to one publisher)."""
        return dict(record, tags=["narrow"]) if url == urls[hidden] else record

    wide = local_rules("test_reach.wide", lambda record, url: record, wide)
    narrow = local_rules("test_reach.narrow", lambda record, url: record, narrow)

    def extract(html, url):
        return narrow(wide(unmeasured_extract(html, url), url), url)

    status = bench["main"]([str(dev), str(web), "--ablate", "--json", str(tmp_path / "reach.json")], extract=extract)
    out = capsys.readouterr().out
    assert status == 1, out  # one rule fires on fewer than 2 publishers
    rows = table_rows(out)
    assert rows == {"test_reach.wide": ["4", "4", "dev:4"], "test_reach.narrow": ["1", "1", "dev:1"]}, out
    assert "  test_reach.narrow: 1 check-part page (not named)" in out
    assert ("test_reach.wide: fired on 4 pages; records changed on 4 pages of 4 publishers: " + ", ".join(publishers)
            + "; 1 check-part page (not named)") in out
    # without the rule the 3 work pages keep the headlines they had: as many right as extract_article gets
    right = field_scores((json.loads((dev / f"{stem}.json").read_text(encoding="utf-8")),
                          extract_article(gzip.decompress((dev / f"{stem}.html.gz").read_bytes()).decode(), url))
                         for stem, url in urls.items() if (dev / f"{stem}.json").exists() and stem != hidden)
    assert right["headline_exact"] > 0, "the test needs a dev page whose headline is found"
    assert f"dev work: headline_exact {-right['headline_exact']:+.4f}" in out, out
    assert "test_reach.narrow: fired on 1 page; records changed on 1 page of 1 publishers: 1 check-part page" in out
    assert hidden not in out and "HiddenPublisher" not in out and "hidden.example" not in out
    saved = (tmp_path / "reach.json").read_text(encoding="utf-8")
    assert "Hidden" not in saved and "hidden" not in saved
    summary = json.loads(saved)
    assert summary["rules"]["test_reach.wide"] == {
        "publishers": 4, "pages": 4, "by_corpus": {"dev": 4, "web": 0}, "working_part_publishers": publishers,
        "doc": "Marks the headline of the dev pages (a test rule that generalises).", "general": True,
        "declared": None}
    assert summary["rules"]["test_reach.narrow"]["general"] is False
    assert summary["ablation"]["test_reach.wide"]["deltas"]["dev work"] == pytest.approx(
        {"headline_exact": -right["headline_exact"]})

    rules.RULES.pop("test_reach.narrow")
    marked.add(urls[sorted(web.glob("*.json"))[0].name.removesuffix(".json")])
    assert bench["main"]([str(dev), str(web), "--part", "work"], extract=lambda html, url: wide(
        unmeasured_extract(html, url), url)) == 0  # 3 dev publishers and 1 web site, the made-up page left out
    out = capsys.readouterr().out
    rows = table_rows(out)
    assert rows == {"test_reach.wide": ["4", "4", "dev:3"]} and "fewer than 2" not in out, out


def test_the_scripts_doctests_hold():  # bench/ is outside the doctest collection (testpaths)
    spec = importlib.util.spec_from_file_location("rule_reach", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    failed, tried = doctest.testmod(module)
    assert (failed, tried >= 3) == (0, True)


def test_the_default_corpora_are_the_ones_in_the_repository(bench):
    assert bench["DEFAULT_CORPORA"] == [DEV, WEB]


def test_the_script_runs_on_its_own_and_says_when_there_is_nothing_to_measure(tmp_path):
    (tmp_path / "none").mkdir()
    done = subprocess.run([sys.executable, str(BENCH), str(tmp_path / "none")], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert (done.returncode, done.stdout.strip()) == (2, f"no pages in {tmp_path / 'none'}")
