"""Pages per second of ``python -m newscrawl extract`` over a WARC file against ``extract_article``
alone in this process, on the same pages.

The WARC is built here from the development corpus (``tests/corpus/dev``, 134 real pages), one
response record a gzip member, ``--records`` of them (the pages in turn, each copy under its own
URL; a third sent gzip-encoded).  The baseline parses each corpus page once with
``extract_article`` in this process (3 untimed warm-up pages); the WARC run is the
command as a user runs it (``--workers``), output to /dev/null, timed from start to exit, with
its peak resident memory (the largest of its processes).  Prints numbers and the ratio; no
assertion on time.

    python bench/warc_extract.py [--records 5000] [--workers 2]
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout, installed or not

from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from newscrawl.extract import extract_article  # noqa: E402

CORPUS = ROOT / "tests" / "corpus" / "dev"
WARMUP = 3


def corpus_pages() -> list[tuple[str, bytes]]:
    pages = []
    for meta in sorted(CORPUS.glob("*.json")):
        html = meta.with_name(meta.name[: -len(".json")] + ".html.gz")
        if html.exists():
            pages.append((json.loads(meta.read_text(encoding="utf-8"))["url"], gzip.decompress(html.read_bytes())))
    return pages


def bench_pages(pages: list[tuple[str, bytes]], count: int) -> list[tuple[str, bytes]]:
    """``count`` (URL, HTML) pairs: the corpus in turn, each copy under its own URL."""
    copies = []
    for i in range(count):
        url, html = pages[i % len(pages)]
        copies.append((f"{url}{'&' if '?' in url else '?'}copy={i}", html))
    return copies


def write_warc(path: Path, pages: list[tuple[str, bytes]]) -> None:
    with path.open("wb") as out:
        for i, (url, html) in enumerate(pages):
            body, headers = html, [("Content-Type", "text/html; charset=utf-8")]
            if i % 3 == 0:
                body = gzip.compress(html, compresslevel=1)
                headers.append(("Content-Encoding", "gzip"))
            headers.append(("Content-Length", str(len(body))))
            record = BytesIO()
            writer = WARCWriter(record, gzip=False, warc_version="1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=BytesIO(body), length=len(body),
                http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")))
            out.write(gzip.compress(record.getvalue(), compresslevel=1))


def baseline(pages: list[tuple[str, bytes]]) -> tuple[float, float]:
    """(pages per second, pages per CPU second) of ``extract_article`` in this process."""
    texts = [(url, html.decode("utf-8", "replace")) for url, html in pages]
    for url, html in texts[:WARMUP]:
        extract_article(html, url)
    start, cpu = time.perf_counter(), time.process_time()
    for url, html in texts:
        extract_article(html, url)
    return len(texts) / (time.perf_counter() - start), len(texts) / (time.process_time() - cpu)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    corpus = corpus_pages()
    pages = bench_pages(corpus, args.records)
    with tempfile.TemporaryDirectory() as folder:
        warc = Path(folder) / "bench.warc.gz"
        write_warc(warc, pages)
        alone, alone_cpu = baseline(corpus)
        start, cpu = time.perf_counter(), children_cpu()
        done = subprocess.run([sys.executable, "-m", "newscrawl", "extract", str(warc), "--workers", str(args.workers)],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        elapsed, used = time.perf_counter() - start, children_cpu() - cpu
        size = warc.stat().st_size
    if done.returncode:
        print(done.stderr)
        return done.returncode
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"WARC: {args.records} response records, {size / 2**20:.0f} MiB gzipped")
    print(f"extract_article alone, 1 process:  {alone:7.1f} pages/s, {alone_cpu:5.1f} pages/CPU-s "
          f"({len(corpus)} pages)")
    print(f"extract FILE.warc.gz, {args.workers} workers: {args.records / elapsed:7.1f} pages/s, "
          f"{args.records / used:5.1f} pages/CPU-s ({elapsed:.1f} s, peak RSS {peak_mib:.0f} MiB)")
    # Wall time is what a user waits; CPU time shows the cost per page whatever else runs here
    # (on a machine busy with other work the pool gets no more cores than one process would).
    print(f"ratio: {args.records / elapsed / alone:.2f}x pages/s, {args.records / used / alone_cpu:.2f}x pages/CPU-s; "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print(done.stderr.strip().splitlines()[-1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
