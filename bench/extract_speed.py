"""Pages per second of ``extract_article`` against ``trafilatura.extract`` on the development corpus
(by default the one in the repository, ``tests/corpus/dev``; any folder of ``<stem>.html.gz`` pages
with their ``<stem>.json`` records holding ``url``).

Both run in this process on the same pages (3 untimed warm-up pages each); the ratio is
newscrawl's pages/s over trafilatura's.  Prints numbers only; no assertion on time.

    python bench/extract_speed.py [CORPUS_DIR]
"""
from __future__ import annotations

import gzip
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, installed or not

from newscrawl.extract import extract_article  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "dev"
WARMUP = 3


def load_pages(corpus: Path) -> list[tuple[str, str]]:
    pages = []
    for meta in sorted(corpus.glob("*.json")):
        html_path = meta.with_name(meta.name[: -len(".json")] + ".html.gz")
        if html_path.exists():
            url = json.loads(meta.read_text(encoding="utf-8"))["url"]
            pages.append((gzip.decompress(html_path.read_bytes()).decode("utf-8", errors="replace"), url))
    return pages


def pages_per_second(extract, pages) -> float:
    for html, url in pages[:WARMUP]:
        extract(html, url)
    start = time.perf_counter()
    for html, url in pages:
        extract(html, url)
    return len(pages) / (time.perf_counter() - start)


def main(argv: list[str]) -> int:
    corpus = Path(argv[0]) if argv else DEFAULT_CORPUS
    pages = load_pages(corpus)
    if not pages:
        print(f"no pages in {corpus}")
        return 2
    ours = pages_per_second(extract_article, pages)
    print(f"newscrawl    {ours:8.1f} pages/s  ({len(pages)} pages)")
    try:
        import trafilatura
    except ImportError:
        print("trafilatura not installed: no baseline")
        return 0

    def baseline(html, url):
        return trafilatura.extract(html, url=url, with_metadata=True, output_format="json")

    theirs = pages_per_second(baseline, pages)
    print(f"trafilatura  {theirs:8.1f} pages/s")
    print(f"ratio        {ours / theirs:8.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
