"""The crawl benchmark's parts: the loopback news site (``bench/newssite.py``), the process-tree RSS
sampler and ``bench/crawl_speed.py`` end to end (a small site; numbers are printed, never asserted)."""
from __future__ import annotations

import json
import subprocess
import sys
from urllib.request import urlopen

import pytest

from bench.crawl_speed import measured
from bench.newssite import ADDED_SENTENCE, HOST, SITE, NewsSite, check_templates, load_templates, serve
from newscrawl.extract import extract_article
from newscrawl.output.state import body_fingerprint
from tests.conftest import ROOT

STEMS = ["at_DerStandard_2024_05_03", "de_DieWelt_2023_04_28", "uk_BBC_2024_08_01"]


@pytest.fixture(scope="module")
def site():
    plan = check_templates(stems=STEMS)
    assert sorted(plan) == STEMS, plan  # all three are usable pages with a date
    return NewsSite(load_templates(stems=STEMS), plan, 2500)


def record(site, number):
    return extract_article(site.article(number).decode("utf-8"), site.url(number))


def test_every_page_has_a_body_of_its_own_and_names_itself_canonical(site):
    same_template = [0, 3, 6]  # three templates: pages 0, 3, 6 share the first
    records = [record(site, n) for n in same_template]
    assert len({body_fingerprint(r["body"]) for r in records}) == 3
    assert [r["canonical_url"] for r in records] == [site.url(n) for n in same_template]
    assert len({r["headline"] for r in records}) == 1  # only paragraph text differs
    assert {r["published_at"] for r in records} == {records[0]["published_at"]}


def test_exact_and_near_copies(site):
    assert site.source(7) == (6, False) and site.source(13) == (12, True) and site.source(8) == (8, False)
    original, exact = record(site, 6), record(site, 7)
    assert exact["canonical_url"] != original["canonical_url"]
    assert body_fingerprint(exact["body"]) == body_fingerprint(original["body"])
    near_original, near = record(site, 12), record(site, 13)
    assert body_fingerprint(near["body"]) != body_fingerprint(near_original["body"])
    assert ADDED_SENTENCE.format(number=13).strip() in near["body"]
    assert near["body"].replace(ADDED_SENTENCE.format(number=13), "") == near_original["body"]
    assert site.kinds() == {"unique": 2250, "exact_copy": 125, "near_copy": 125}


def test_sitemaps_list_every_page_with_its_date(site):
    status, _, index = site.answer("/sitemap_index.xml")
    assert status == 200 and index.count("<sitemap>") == 3  # 1000 URLs a sitemap
    entries = []
    for k in range(3):
        entries += site.sitemap(k).split("<url>")[1:]
    assert len(entries) == 2500
    assert entries[7].startswith(f"<loc>{site.url(7)}</loc><lastmod>{site.plan[site.template(7).stem]['lastmod']}")
    assert f"Sitemap: {SITE}/sitemap_index.xml" in site.answer("/robots.txt")[2]


@pytest.mark.parametrize("path", ["/news/002500-at-derstandard-2024-05-03.html",  # past the last page
                                  "/news/000000-not-the-template.html", "/news/x.html", "/sitemaps/articles-3.xml",
                                  "/../etc/passwd", "/news/000000-at-derstandard-2024-05-03.html?x=1"])
def test_anything_else_is_a_404(site, path):
    assert site.answer(path)[0] == 404


def test_the_server_serves_pages_and_counts_them(site):
    server = serve(site)
    import threading

    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        origin = f"http://127.0.0.1:{server.server_address[1]}"
        with urlopen(origin + site.path(5)) as page:
            assert page.read() == site.article(5)
        with urlopen(origin + "/__served") as count:
            assert int(count.read()) == 1
    finally:
        server.shutdown()
        server.server_close()


def test_peak_memory_counts_the_whole_process_tree(tmp_path):
    child = "import time; block = bytearray(150 * 2**20); block[::4096] = b'x' * len(block[::4096]); time.sleep(2)"
    parent = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {child!r}])"
    run = measured([sys.executable, "-c", parent], tmp_path / "log", tmp_path)
    assert run["status"] == 0
    assert run["peak_tree_pss_mb"] >= run["main_rss_mb"] + 140, run


def test_cpu_time_is_split_between_the_main_process_and_its_children(tmp_path):
    child = "import time\nend = time.process_time() + 1.5\nwhile time.process_time() < end: pass"
    parent = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {child!r}])"
    run = measured([sys.executable, "-c", parent], tmp_path / "log", tmp_path)
    assert run["status"] == 0
    assert run["cpu_seconds"] >= 1.4 and run["main_cpu_seconds"] < 0.5 * run["cpu_seconds"], run


def test_crawl_speed_end_to_end(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "crawl_speed.py"), "--pages", "60", "--only",
                           "noop,crawl,rerun", "--json", "--keep", str(tmp_path)],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(done.stdout)
    noop, crawl, rerun = (results["rows"][row] for row in ("noop", "crawl", "rerun"))
    assert noop["pages"] == 60 and crawl["pages"] == 60
    assert crawl["exported"] + crawl["copies_dropped"] == 60 and crawl["copies_dropped"] >= 3  # pages 7, 27, 47
    assert rerun["pages"] == 0 and rerun["exported"] == 0
    assert rerun["not_fetched_unchanged"] + rerun["not_fetched_copies"] == 60
    assert crawl["peak_tree_pss_mb"] >= crawl["main_rss_mb"] > 50
    stats = json.loads((tmp_path / "crawl.stats.json").read_text())
    assert stats["scheduler/enqueued/disk"] == stats["scheduler/enqueued"] > 60  # requests waited on disk
    # each request scheduled once: sent to the loopback origin before the scheduler, not re-issued after it
    assert stats["scheduler/enqueued"] <= stats["downloader/request_count"]
    assert crawl["cpu_seconds"] > crawl["main_cpu_seconds"] > 0  # the workers parsed: their time counts
    assert stats[f"newscrawl/site/{HOST}/article/fetched"] == 60


def test_crawl_speed_refuses_unknown_rows():
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "crawl_speed.py"), "--only", "crawl,bogus"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "unknown rows ['bogus']" in done.stderr
