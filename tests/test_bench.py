"""``bench/extract_speed.py`` runs from a plain clone: its default pages are the in-repo corpus."""
from __future__ import annotations

import runpy
import shutil
import subprocess
import sys

from tests.conftest import ROOT

BENCH = ROOT / "bench" / "extract_speed.py"


def test_the_default_corpus_is_the_one_in_the_repository():
    bench = runpy.run_path(str(BENCH))
    assert bench["DEFAULT_CORPUS"] == ROOT / "tests" / "corpus" / "dev"
    assert len(bench["load_pages"](bench["DEFAULT_CORPUS"])) == 134


def test_it_measures_a_folder_of_pages_and_refuses_an_empty_one(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    for meta in sorted((ROOT / "tests" / "corpus" / "dev").glob("*.json"))[:4]:
        shutil.copy(meta, pages)
        shutil.copy(meta.with_name(meta.name.removesuffix(".json") + ".html.gz"), pages)
    done = subprocess.run([sys.executable, str(BENCH), str(pages)], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("newscrawl") and lines[0].endswith("pages/s  (4 pages)"), done.stdout
    assert [line.split()[0] for line in lines[1:]] == ["trafilatura", "ratio"], done.stdout  # requirements-dev
    empty = subprocess.run([sys.executable, str(BENCH), str(tmp_path / "none")], capture_output=True, text=True,
                           timeout=120)
    assert (empty.returncode, empty.stdout.strip()) == (2, f"no pages in {tmp_path / 'none'}")
