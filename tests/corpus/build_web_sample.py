"""Rebuild ``tests/corpus/web``: a fixed sample of the web set's working part, copied byte for byte.

The web set (trafilatura's evaluation pages, ``<id>.html.gz`` + ``<id>.json``, Apache-2.0) is split
in two by the last hex digit of ``sha1(stem)``: ``c``-``f`` is the check part, kept unseen while
developing; only working-part pages (any other digit) are taken.  Of those, the first ``COUNT`` in
the order of their ``sha1(stem)`` hex digest: a rule that depends on nothing but the names, so the
same folder always gives the same sample.  The licence and a NOTICE go beside the pages.

With ``--cover-rules``, working-part pages are added (again in sha1 order) until every extraction
rule that fires on fewer than 2 publishers of the in-repo corpora (``tests/corpus/dev`` + the sample)
fires on 2, where the working part allows: ``tests/test_rule_reach.py`` checks the rules' reach on
the in-repo corpora, and a rule whose second publisher is not in the repository would fail there
while being general.  Which page was added for which rule is written to ``SAMPLE.txt``.

    python tests/corpus/build_web_sample.py WEB_SET_DIR [OUT_DIR] [--count N] [--cover-rules]

(``OUT_DIR`` defaults to ``tests/corpus/web`` beside this script; the pages there are replaced.)
Standard library only, except ``--cover-rules``, which runs the extractor (``bench/rule_reach.py``).
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import runpy
import shutil
import sys
from pathlib import Path

#: Pages taken: enough for every field to be scored on well over 100 pages, small enough (about
#: 4.4 MB) to keep in the repository.
COUNT = 150
#: Last hex digits of sha1(stem) that put a page in the check part (the scorer's ``--part check``).
CHECK_DIGITS = "cdef"
LICENCE = "LICENSE-trafilatura"
#: The list of the sample's pages, each with why it is there.
LISTING = "SAMPLE.txt"
REPO = Path(__file__).resolve().parents[2]
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
is here), the first {count} in the order of sha1(id){cover}.
"""
COVER_NOTE = """, and {extra} more
working-part pages, each the next one in that order on which an extraction
rule that had fired on fewer than 2 publishers here fires (SAMPLE.txt names
the rule)"""


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


def rule_cover(source: Path, chosen: list[str], candidates: list[str]) -> tuple[dict[str, list[str]], list[str]]:
    """Pages of ``candidates`` (in their order) that bring each rule firing on fewer than 2 publishers
    of the dev corpus + ``chosen`` to 2: ``({stem: [rules]}, [rules still short])``."""
    bench = runpy.run_path(str(REPO / "bench" / "rule_reach.py"))
    minimum = bench["MIN_PUBLISHERS"]

    def load(stem: str) -> dict:
        expected = json.loads((source / f"{stem}.json").read_text(encoding="utf-8"))
        html = gzip.decompress((source / f"{stem}.html.gz").read_bytes()).decode("utf-8", errors="replace")
        return {"corpus": source.name, "stem": stem, "expected": expected, "html": html,
                "publisher": bench["publisher_of"](expected), "check": False}

    dev = bench["load_corpus"](REPO / "tests" / "corpus" / "dev")
    pages = dev + [load(stem) for stem in chosen]
    bench["merge_publishers"](pages)
    bench["run_pages"](pages, bench["extract_article"])
    short = {name: set(entry["publishers"]) for name, entry in bench["reach"](pages).items()
             if bench["is_short"](name, entry)}
    added: dict[str, list[str]] = {}
    for stem in candidates:
        if not short:
            break
        page = load(stem)
        bench["merge_publishers"](dev + [page])
        bench["run_pages"]([page], bench["extract_article"])
        covers = sorted(name for name in page["firings"] if name in short and page["publisher"] not in short[name])
        if covers:
            added[stem] = covers
            for name in covers:
                short[name].add(page["publisher"])
                if len(short[name]) >= minimum:
                    del short[name]
    return added, sorted(short)


def build(source: Path, out: Path, count: int = COUNT, cover_rules: bool = False) -> list[str]:
    """Copy the sample's pages, the licence, a NOTICE and the listing from ``source`` into ``out``;
    the stems copied."""
    stems = sorted(meta.name.removesuffix(".json") for meta in source.glob("*.json")
                   if (source / (meta.name.removesuffix(".json") + ".html.gz")).is_file())
    chosen = select(stems, count)
    if not chosen:
        raise SystemExit(f"no pages (<id>.json with <id>.html.gz) in {source}")
    reasons = dict.fromkeys(chosen, f"one of the first {count} by sha1(id)")
    if cover_rules:
        added, short = rule_cover(source, chosen, select(stems, len(stems))[count:])
        for stem, names in added.items():
            reasons[stem] = "fires " + ", ".join(names)
        chosen = chosen + list(added)
        for name in short:
            print(f"{name}: fires on fewer than 2 publishers even with every working-part page", file=sys.stderr)
    out.mkdir(parents=True, exist_ok=True)
    for old in [*out.glob("*.json"), *out.glob("*.html.gz")]:
        old.unlink()
    for stem in chosen:
        for name in (f"{stem}.json", f"{stem}.html.gz"):
            shutil.copyfile(source / name, out / name)
    shutil.copyfile(source / LICENCE, out / LICENCE)
    work = sum(1 for stem in stems if not is_check_part(stem))
    extra = len(chosen) - min(count, len(chosen))
    cover = COVER_NOTE.format(extra=extra) if extra else ""
    (out / "NOTICE").write_text(NOTICE.format(commit=SOURCE_COMMIT, licence=LICENCE, count=min(count, len(chosen)),
                                              work=work, cover=cover), encoding="utf-8")
    (out / LISTING).write_text("".join(f"{stem}\t{reasons[stem]}\n" for stem in chosen), encoding="utf-8")
    return chosen


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path, help="the web set folder (<id>.json + <id>.html.gz)")
    parser.add_argument("out", type=Path, nargs="?", default=Path(__file__).resolve().parent / "web")
    parser.add_argument("--count", type=int, default=COUNT)
    parser.add_argument("--cover-rules", action="store_true",
                        help="add working-part pages until every rule fires on 2 publishers of the in-repo corpora")
    args = parser.parse_args(argv)
    chosen = build(args.source, args.out, args.count, args.cover_rules)
    print(f"{len(chosen)} pages copied to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
