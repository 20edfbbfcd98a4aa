"""Hostile files where the command line takes them: ``python -m newscrawl extract PATH...`` and
``scrapy crawl news -a sites=FILE``.

A FIFO or a device must never be opened (it blocks, or never ends), a gzip bomb or a huge page must
be refused before it is held in memory, and a sites file that is not UTF-8 text must stop the run at
start with one line naming it.  The good page given beside the hostile one still comes out, once.
Each extract case runs the real command in a child that reports its own peak memory; the figures
join the fault table (tests/faults/conftest.py).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_crawl
from tests.faults.site import article_html

HEADLINE = "Council approves the town budget"
AFTER = "Bridge reopens after repairs"
#: Peak memory of one extract run, far below what reading any of these inputs whole would take.
MAX_PEAK_MB = 300
# The real command, in a child that prints its own peak RSS (kB) to stderr on the last line.  VmHWM,
# not ru_maxrss: Linux keeps ru_maxrss across exec, so a child forked from a grown pytest would report
# pytest's size.
RUN_AND_MEASURE = ("import re, sys\nfrom newscrawl.ops.cli import main\ncode = main(sys.argv[1:])\n"
                   "status = open('/proc/self/status').read()\n"
                   "print(re.search(r'VmHWM:\\s+(\\d+) kB', status).group(1), file=sys.stderr)\nsys.exit(code)")


def extract(*args):
    done = subprocess.run([sys.executable, "-c", RUN_AND_MEASURE, "extract", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    *errors, peak_kb = done.stderr.strip().splitlines()
    return done.returncode, done.stdout, errors, int(peak_kb) / 1024


def gzip_bomb(path: Path, inflated: int) -> None:
    """A gzip member that inflates to ``inflated`` bytes of HTML spaces; written a MiB at a time."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    with path.open("wb") as file:
        file.write(compressor.compress(b"<html><body><p>"))
        chunk = b" " * (1 << 20)
        for _ in range(inflated >> 20):
            file.write(compressor.compress(chunk))
        file.write(compressor.compress(b"</p></body></html>") + compressor.flush())


def huge_page(path: Path, size: int) -> None:
    html = article_html(50, "A page of sixty megabytes")
    with path.open("w", encoding="utf-8") as file:
        file.write(html.replace("</article>", "<p>"))
        for _ in range(size >> 20):
            file.write("x" * (1 << 20))
        file.write("</p></article></body></html>")


def fifo(path: Path) -> None:
    os.mkfifo(path)


def device(path: Path) -> None:
    path.symlink_to("/dev/zero")  # a device by another name: only the file type tells


HOSTILE = {
    "extract_fifo": ("pipe.html", fifo, "not a regular file"),
    "extract_dev_zero": ("zero.html", device, "not a regular file"),
    "extract_gzip_bomb": ("bomb.html.gz", lambda p: gzip_bomb(p, 1 << 30), "larger than 16777216 bytes gunzipped"),
    "extract_page_60mb": ("huge.html", lambda p: huge_page(p, 60 << 20), "larger than 16777216 bytes"),
    "extract_folder": ("folder.html", lambda p: p.mkdir(), "not a regular file"),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_extract_refuses_hostile_input_and_keeps_the_good_page(case, tmp_path, fault_figures):
    name, make, reason = HOSTILE[case]
    before, after = tmp_path / "before.html", tmp_path / "after.html"
    before.write_text(article_html(1, HEADLINE), encoding="utf-8")
    after.write_text(article_html(2, AFTER), encoding="utf-8")
    hostile = tmp_path / name
    make(hostile)
    code, out, errors, peak_mb = extract(before, hostile, after)
    headlines = [json.loads(line)["headline"] for line in out.splitlines()]
    fault_figures.append({"case": case, "expected": 2, "exported": len({HEADLINE, AFTER} & set(headlines)),
                          "duplicates": len(headlines) - len(set(headlines)), "crashes": 0, "peak_mb": peak_mb,
                          "passed": False})
    assert headlines == [HEADLINE, AFTER]  # the page after the hostile one is still read
    assert code == 1  # something given could not be read: cron sees it
    assert errors[0].startswith(f"newscrawl extract: {hostile}: {reason}"), errors
    assert len(errors) == 1
    assert peak_mb < MAX_PEAK_MB
    fault_figures[-1]["passed"] = True


def test_extract_limit_is_an_option(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(article_html(2, HEADLINE), encoding="utf-8")
    code, out, errors, _ = extract(page, "--max-bytes", "1000")
    assert code == 1 and out == ""
    assert errors == [f"newscrawl extract: {page}: larger than 1000 bytes; not read (--max-bytes to raise the limit)"]
    code, out, errors, _ = extract(page, "--max-bytes", str(page.stat().st_size))
    assert code == 0 and json.loads(out)["headline"] == HEADLINE


SITES_FILES = {
    "binary": (lambda p: p.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4), "not UTF-8 text"),
    "latin1": (lambda p: p.write_bytes("https://www.zürich.ch\n".encode("latin-1")), "not UTF-8 text (byte 13)"),
    "nul_bytes": (lambda p: p.write_bytes(b"https://www.example.com\n\0\0\0\n"), "binary (NUL bytes)"),
    "fifo": (fifo, "not a regular file"),
    "dev_zero": (device, "not a regular file"),
    "missing": (lambda p: None, "cannot read: No such file or directory"),
    "control_line": (lambda p: p.write_text("https://www.exa\x1b[2Jmple.com\n"), "not a site URL in"),
}


@pytest.mark.parametrize("kind", list(SITES_FILES))
def test_bad_sites_file_stops_the_run_with_one_line_naming_it(kind, tmp_path):
    make, reason = SITES_FILES[kind]
    sites = tmp_path / "sites.txt"
    make(sites)
    result = run_crawl("news", tmp_path / "out.jsonl", "-a", f"sites={sites}", timeout=60)
    assert result.returncode == 1
    line = next(line for line in result.log.splitlines() if "cannot start:" in line)
    assert str(sites) in line and reason in line, line
    assert "Traceback" not in result.log
    assert result.records == []
