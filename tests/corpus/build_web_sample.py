"""Rebuild ``tests/corpus/web``: a fixed sample of the web set's working part, copied byte for byte.

The web set (trafilatura's evaluation pages, ``<id>.html.gz`` + ``<id>.json``, Apache-2.0) is split
in two by the last hex digit of ``sha1(stem)``: ``c``-``f`` is the check part, kept unseen while
developing; only working-part pages (any other digit) are taken.  Of those, the first ``COUNT`` in
the order of their ``sha1(stem)`` hex digest: a rule that depends on nothing but the names, so the
same folder always gives the same sample.  The licence and a NOTICE go beside the pages.

    python tests/corpus/build_web_sample.py WEB_SET_DIR [OUT_DIR] [--count N]

(``OUT_DIR`` defaults to ``tests/corpus/web`` beside this script; the pages there are replaced.)
Standard library only.
"""
from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
from pathlib import Path

#: Pages taken: enough for every field to be scored on well over 100 pages, small enough (about
#: 4.4 MB) to keep in the repository.
COUNT = 150
#: Last hex digits of sha1(stem) that put a page in the check part (the scorer's ``--part check``).
CHECK_DIGITS = "cdef"
LICENCE = "LICENSE-trafilatura"
SOURCE_COMMIT = "e90b0ef51ab026fdb905fb6c5b3c84dd3d784fd5"

NOTICE = """\
The pages and annotations in this folder come from Trafilatura
(https://github.com/adbar/trafilatura, by Adrien Barbaresi and contributors),
files tests/evaldata.json, tests/eval/ and tests/cache/ at commit
{commit}, licensed under the Apache License,
Version 2.0; the full text is in {licence}.

Trafilatura credits the annotated documents to the BBAW collection (Adrien
Barbaresi, Lukas Kozmus, Lena Klink) and to tsolewski (Polish news,
https://github.com/tsolewski/Text_extraction_comparison_PL), and additional
German news pages to diskursmonitor.de (Jan Oliver Rüdiger).

Changes made there (the team's web set, built from that commit): each HTML file
is stored byte for byte but gzip-compressed and renamed to <id>.html.gz; the
entry of tests/evaldata.json for each page is rewritten as <id>.json (fields
renamed, author strings split at ";", tags and categories merged, a URL taken
from the page itself for the few entries whose key is not a URL); the entries
from some publishers are left out.

Selected here (by tests/corpus/build_web_sample.py, files copied byte for byte
from that set): {count} of its {work} working-part pages (the last hex digit of
sha1(id) not in c, d, e, f; the other quarter is the check part and none of it
is here), the first {count} in the order of sha1(id).
"""


def is_check_part(stem: str) -> bool:
    """Whether a page is in the check part (never copied).

    >>> [(stem, hashlib.sha1(stem.encode()).hexdigest()[-1], is_check_part(stem)) for stem in ("a", "e")]
    [('a', '8', False), ('e', 'f', True)]
    """
    return hashlib.sha1(stem.encode("utf-8")).hexdigest()[-1] in CHECK_DIGITS


def select(stems: list[str], count: int = COUNT) -> list[str]:
    """The sample: working-part stems, the first ``count`` by their sha1 hex digest.

    >>> [hashlib.sha1(s.encode()).hexdigest()[:2] + ".." + hashlib.sha1(s.encode()).hexdigest()[-1] for s in "abcde"]
    ['86..8', 'e9..8', '84..4', '3c..4', '58..f']
    >>> select(["a", "b", "c", "d", "e"], 3)  # "e" is in the check part
    ['d', 'c', 'a']
    """
    work = [stem for stem in stems if not is_check_part(stem)]
    return sorted(work, key=lambda stem: hashlib.sha1(stem.encode("utf-8")).hexdigest())[:count]


def build(source: Path, out: Path, count: int = COUNT) -> list[str]:
    """Copy the sample's pages, the licence and a NOTICE from ``source`` into ``out``; the stems copied."""
    stems = sorted(meta.name.removesuffix(".json") for meta in source.glob("*.json")
                   if (source / (meta.name.removesuffix(".json") + ".html.gz")).is_file())
    chosen = select(stems, count)
    if not chosen:
        raise SystemExit(f"no pages (<id>.json with <id>.html.gz) in {source}")
    out.mkdir(parents=True, exist_ok=True)
    for old in [*out.glob("*.json"), *out.glob("*.html.gz")]:
        old.unlink()
    for stem in chosen:
        for name in (f"{stem}.json", f"{stem}.html.gz"):
            shutil.copyfile(source / name, out / name)
    shutil.copyfile(source / LICENCE, out / LICENCE)
    work = sum(1 for stem in stems if not is_check_part(stem))
    (out / "NOTICE").write_text(NOTICE.format(commit=SOURCE_COMMIT, licence=LICENCE, count=len(chosen), work=work),
                                encoding="utf-8")
    return chosen


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path, help="the web set folder (<id>.json + <id>.html.gz)")
    parser.add_argument("out", type=Path, nargs="?", default=Path(__file__).resolve().parent / "web")
    parser.add_argument("--count", type=int, default=COUNT)
    args = parser.parse_args(argv)
    chosen = build(args.source, args.out, args.count)
    print(f"{len(chosen)} pages copied to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
