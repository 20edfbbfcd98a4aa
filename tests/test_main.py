"""``python -m newscrawl extract`` as a user runs it: a subprocess over stored pages."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys

from newscrawl.extract import extract_article
from tests.conftest import ROOT, SPUTNIK

NEWS = SPUTNIK.parent / "news"


def run_extract(*args):
    return subprocess.run([sys.executable, "-m", "newscrawl", "extract", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_extracts_html_and_gzipped_pages_by_their_canonical_url():
    pages = sorted(NEWS.glob("*.html.gz"))
    done = run_extract(SPUTNIK / "lavrov-arms-syria.html", *pages)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(records) == 1 + len(pages)
    expected = json.loads((SPUTNIK / "lavrov-arms-syria.expected.json").read_text(encoding="utf-8"))
    assert {k: records[0][k] for k in expected} == expected
    for page, record in zip(pages, records[1:], strict=True):
        html = gzip.decompress(page.read_bytes()).decode("utf-8")
        assert record == extract_article(html, record["url"])
    assert "Аnton" not in done.stdout and "Anton Denisov" in done.stdout  # UTF-8 text, not \\u escapes


def test_url_option_names_the_page(tmp_path):
    done = run_extract(SPUTNIK / "lavrov-arms-syria.html", "--url", "https://sputnikglobe.com/x-1.html")
    assert json.loads(done.stdout)["url"] == "https://sputnikglobe.com/x-1.html"


def test_bad_files_get_one_error_line_each_and_the_rest_still_comes_out(tmp_path):
    pdf = tmp_path / "paper.html"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    missing = tmp_path / "missing.html"
    broken = tmp_path / "broken.html.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00garbage")
    done = run_extract(pdf, SPUTNIK / "observatory-solar-telescope.html", missing, broken)
    assert done.returncode == 1
    assert [json.loads(line)["headline"] for line in done.stdout.splitlines()] == [
        "Siberian Observatory Opens New Solar Telescope to Visiting Students"]
    errors = done.stderr.strip().splitlines()
    assert errors == [f"newscrawl extract: {pdf}: not an HTML page",
                      f"newscrawl extract: {missing}: cannot read: No such file or directory",
                      errors[2]]
    assert errors[2].startswith(f"newscrawl extract: {broken}: broken gzip")


def test_cp1251_page_declared_in_meta_is_decoded(tmp_path):
    page = tmp_path / "ru.html"
    page.write_bytes('<html lang="ru"><head><meta charset="windows-1251"><title>Новости</title>'
                     '<link rel="canonical" href="https://example.ru/news/2024/05/03/story-1.html"></head>'
                     '<body><article><h1>Заголовок статьи</h1><p>Первый абзац текста статьи о событиях дня.</p>'
                     '<p>Второй абзац рассказывает, что было дальше, и кто об этом сказал на встрече.</p>'
                     '<p>Третий абзац завершает статью и говорит, что будет завтра в городе.</p>'
                     '</article></body></html>'.encode("cp1251"))  # a body: a one-line page is dropped
    done = run_extract(page)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["headline"] == "Заголовок статьи"
