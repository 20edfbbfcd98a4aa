"""On how many publishers does each extraction rule fire?  A rule fitted to one publisher shows here.

Every decision of the generic parser beyond "take the declared value" is a rule registered with
``newscrawl.extract.generic.rules`` (``@rule(off=...)``); a rule *fires* on a page when one of its
calls returns something else than its ``off`` (the page without the rule) would.  This runs
``extract_article`` once on every page of the corpus folders given, counting the firings page by
page, and prints one row per registered rule: the distinct publishers it fired on, the pages, and the
first line of its docstring.  A rule that fires on fewer than 2 publishers is flagged: it is fitted to
one publisher and belongs in that publisher's site parser (``newscrawl/extract/sites/``), or nowhere.

    python bench/rule_reach.py [CORPUS_DIR ...] [--ablate] [--rule NAME ...] [--part work|check] [--json OUT]

A corpus folder holds ``<stem>.json`` + ``<stem>.html.gz`` pages whose record has ``url``: the
development corpus (full expected records; the publisher is ``source.publisher``) or the web set
(``with``/``without`` snippets; the publisher is the host of the URL without ``www.``, or the named
publisher whose pages are on that host), e.g.
``tests/corpus/dev tests/corpus/web`` (the in-repo corpora, the default) or the team's whole sets.

``--ablate``: for each rule, the pages whose record changes when the rule is switched off
(``rules.switched_off``; only the pages it fired on can change, so only those are run again), and the
score each corpus loses without it (``tests/corpus/scoring.py``: ``field_scores`` for full records,
``web_scores`` for snippet records): delta = score with the rule - score without, per part.

The pages of a corpus's check part (the last hex digit of ``sha1(stem)`` in c-f, kept unseen while
developing) count like any other page but are never named: only their number is printed, and
ablation deltas are given for the working part and the check part separately.  ``--json OUT`` writes
the same numbers (publishers by name for the working part only).

Rules registered as reading only the page's declared data (``@rule(..., declared="why")``: JSON-LD
``articleBody`` for a body the markup shows a fragment of) are listed apart and exempt from the
minimum: how often they fire counts script-rendered pages, not a fit to one publisher's markup.

Exit status: 0 when every registered rule fires on at least 2 publishers, 1 when one does not, 2
when there is nothing to measure (no pages).  Numbers only otherwise: no assertion on scores.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

# the checkout measured: the current directory when it holds the package (as score.py does), else this one's
ROOT = Path.cwd() if (Path.cwd() / "newscrawl").is_dir() else Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newscrawl.extract import extract_article  # noqa: E402
from newscrawl.extract.generic import rules  # noqa: E402

try:
    from tests.corpus.scoring import field_scores, is_web_record, web_scores
except ImportError:  # a copy of this script run in a checkout whose test scorer has no web scoring yet:
    from scoring import field_scores, is_web_record, web_scores  # the copy of the scorer beside it

#: The corpora in the repository: the dev corpus and the web-set sample.
DEFAULT_CORPORA = [Path(__file__).resolve().parents[1] / "tests" / "corpus" / name for name in ("dev", "web")]
#: A rule must fire on at least this many distinct publishers to count as general (the lead's check).
MIN_PUBLISHERS = 2
#: Last hex digits of sha1(stem) that put a page in a corpus's check part (as score.py's ``--part``).
CHECK_DIGITS = "cdef"
#: Publishers named per rule in the details (the rest are counted).
NAMED = 8


def in_check_part(stem: str) -> bool:
    """Whether a page is in its corpus's check part (counted, never named).

    >>> in_check_part("a"), in_check_part("e")  # sha1 ends in 8, f
    (False, True)
    """
    return hashlib.sha1(stem.encode("utf-8")).hexdigest()[-1] in CHECK_DIGITS


def publisher_of(record: dict) -> str:
    """The page's publisher: ``source.publisher`` (dev corpus), else the URL's host without ``www.``.

    >>> publisher_of({"url": "https://www.Example.com/a", "source": {"publisher": "DerStandard"}})
    'DerStandard'
    >>> publisher_of({"url": "https://www.Example.com/a"})
    'example.com'
    """
    publisher = (record.get("source") or {}).get("publisher")
    if publisher:
        return publisher
    return host_of(record.get("url")) or "?"


def host_of(url: str) -> str:
    return (urlsplit(url or "").hostname or "").lower().removeprefix("www.")


def merge_publishers(pages: list[dict]) -> None:
    """One publisher, one name across corpora: a page on a host where a named publisher's page is
    (``DW``'s page on ``dw.com``) is that publisher's, so a rule firing on both is not counted twice.

    >>> pages = [{"publisher": "DW", "expected": {"url": "https://www.dw.com/a", "source": {"publisher": "DW"}}},
    ...          {"publisher": "dw.com", "expected": {"url": "https://dw.com/b"}},
    ...          {"publisher": "example.org", "expected": {"url": "https://example.org/c"}}]
    >>> merge_publishers(pages); [page["publisher"] for page in pages]
    ['DW', 'DW', 'example.org']
    """
    named_hosts = {host_of(page["expected"].get("url")): page["publisher"] for page in pages
                   if (page["expected"].get("source") or {}).get("publisher")}
    for page in pages:
        if not (page["expected"].get("source") or {}).get("publisher"):
            page["publisher"] = named_hosts.get(host_of(page["expected"].get("url")), page["publisher"])


def load_corpus(folder: Path) -> list[dict]:
    """Every page of a folder: ``{"corpus", "stem", "html", "expected", "publisher", "check"}``, name order."""
    pages = []
    for meta in sorted(folder.glob("*.json")):
        stem = meta.name.removesuffix(".json")
        html_path = folder / f"{stem}.html.gz"
        if not html_path.is_file():
            continue
        expected = json.loads(meta.read_text(encoding="utf-8"))
        if not expected.get("url"):
            continue
        pages.append({"corpus": folder.name, "stem": stem, "expected": expected,
                      "html": gzip.decompress(html_path.read_bytes()).decode("utf-8", errors="replace"),
                      "publisher": publisher_of(expected), "check": in_check_part(stem)})
    return pages


def run_pages(pages: list[dict], extract: Callable[[str, str], dict]) -> None:
    """Extract every page inside its own ``counting_firings()``: sets ``record`` and ``firings`` per page."""
    for page in pages:
        with rules.counting_firings() as firings:
            try:
                page["record"], page["error"] = extract(page["html"], page["expected"]["url"]), None
            except Exception as exc:  # noqa: BLE001 - a failed page is reported, the others still count
                page["record"], page["error"] = {}, f"{type(exc).__name__}: {exc}"
        page["firings"] = dict(firings)


def reach(pages: list[dict]) -> dict[str, dict]:
    """rule name -> ``{"publishers": set, "pages": [page, ...]}`` for every registered rule (fired or not)."""
    table = {name: {"publishers": set(), "pages": []} for name in rules.RULES}
    for page in pages:
        for name in page["firings"]:
            entry = table.setdefault(name, {"publishers": set(), "pages": []})
            entry["publishers"].add(page["publisher"])
            entry["pages"].append(page)
    return table


def named(pages: list[dict], key: str = "publisher") -> str:
    """Working-part publishers by name (the first ``NAMED``), check-part pages only counted."""
    open_names = sorted({page[key] for page in pages if not page["check"]})
    hidden = sum(1 for page in pages if page["check"])
    text = ", ".join(open_names[:NAMED]) + (f" (+{len(open_names) - NAMED} more)" if len(open_names) > NAMED else "")
    if hidden:
        text += ("; " if text else "") + f"{hidden} check-part page{'s' * (hidden != 1)} (not named)"
    return text or "-"


def corpus_scores(pages: list[dict], records: dict[int, dict] | None = None) -> dict[tuple[str, str], dict]:
    """``(corpus, part) -> scores`` of the pages' records (``records``: replacements by page index)."""
    groups: dict[tuple[str, str], list[tuple[dict, dict]]] = {}
    for index, page in enumerate(pages):
        record = (records or {}).get(index, page["record"])
        groups.setdefault((page["corpus"], "check" if page["check"] else "work"), []).append(
            (page["expected"], record))
    return {key: (web_scores(pairs) if is_web_record(pairs[0][0]) else field_scores(pairs))
            for key, pairs in sorted(groups.items())}


def ablate(pages: list[dict], name: str, extract: Callable[[str, str], dict]) -> tuple[list[dict], dict]:
    """(pages whose record changes with rule ``name`` off, score deltas ``(corpus, part) -> metric -> on - off``)."""
    changed, records = [], {}
    with rules.switched_off(name):
        for index, page in enumerate(pages):
            if name not in page["firings"]:
                continue  # never fired here: every call gave its off result already, so the record is the same
            try:
                record = extract(page["html"], page["expected"]["url"])
            except Exception:  # noqa: BLE001 - without the rule the page fails: an empty record, as scored
                record = {}
            if record != page["record"]:
                changed.append(page)
                records[index] = record
    if not records:
        return changed, {}
    with_rule, without = corpus_scores(pages), corpus_scores(pages, records)
    deltas = {}
    for key, scores in with_rule.items():
        moved = {metric: value - without[key][metric] for metric, value in scores.items()
                 if abs(value - without[key][metric]) > 1e-12}
        if moved:
            deltas[key] = moved
    return changed, deltas


def is_short(name: str, entry: dict) -> bool:
    """Whether a rule fires on too few publishers to count as general.  A rule registered as reading the
    page's own declared data (``rules.Rule.declared``) is exempt: listed apart, with its reason."""
    rule = rules.RULES.get(name)
    return len(entry["publishers"]) < MIN_PUBLISHERS and not (rule is not None and rule.declared)


def report(pages: list[dict], table: dict[str, dict]) -> list[str]:
    corpora = sorted({page["corpus"] for page in pages})
    sizes = ", ".join(f"{corpus}: {sum(page['corpus'] == corpus for page in pages)}" for corpus in corpora)
    lines = [f"{len(pages)} pages, {len({page['publisher'] for page in pages})} publishers ({sizes}); "
             f"{len(rules.RULES)} registered rules"]
    failed = [page for page in pages if page["error"]]
    if failed:
        lines.append(f"{len(failed)} pages failed: " + "; ".join(
            f"{p['corpus']}/{p['stem']}: {p['error'][:120]}" for p in failed if not p["check"])[:600]
            + (f" (+{sum(p['check'] for p in failed)} in the check part)" if any(p["check"] for p in failed) else ""))
    if not table:
        return lines + ["no rules registered"]
    width = max(len(name) for name in table)
    lines.append(f"{'rule':<{width}}  publishers  pages  {'by corpus':<18}  doc")
    for name, entry in sorted(table.items(), key=lambda item: (-len(item[1]["publishers"]), item[0])):
        by_corpus = " ".join(f"{c}:{len({p['publisher'] for p in entry['pages'] if p['corpus'] == c})}"
                             for c in corpora)
        flag = "  << fewer than 2 publishers" if is_short(name, entry) else ""
        if not flag and len(entry["publishers"]) < MIN_PUBLISHERS:
            flag = "  (declared data: exempt)"
        doc = rules.RULES[name].doc if name in rules.RULES else "(fired but not registered)"
        lines.append(f"{name:<{width}}  {len(entry['publishers']):>10}  {len(entry['pages']):>5}  "
                     f"{by_corpus:<18}  {doc[:70]}{flag}")
    declared = sorted(name for name in table if name in rules.RULES and rules.RULES[name].declared)
    if declared:
        lines.append("")
        lines.append("rules that only fall back on the page's declared data (exempt from the minimum):")
        lines += [f"  {name}: {rules.RULES[name].declared}" for name in declared]
    few = [name for name, entry in table.items() if is_short(name, entry)]
    if few:
        lines.append("")
        lines.append(f"{len(few)} rules fire on fewer than {MIN_PUBLISHERS} publishers: move each to its publisher's "
                     "site parser or delete it")
        for name in sorted(few):
            lines.append(f"  {name}: {named(table[name]['pages'])}")
    return lines


def report_ablation(pages: list[dict], names: list[str], table: dict[str, dict],
                    extract: Callable[[str, str], dict], summary: dict | None = None) -> list[str]:
    """The ablation lines; each rule's numbers also go to ``summary[name]`` when given (for ``--json``)."""
    lines = ["", "ablation: each rule switched off; delta = score with the rule - score without it"]

    def pages_of(items: list[dict]) -> str:
        return f"{len(items)} page{'s' * (len(items) != 1)}"

    for name in names:
        changed, deltas = ablate(pages, name, extract)
        lines.append(f"{name}: fired on {pages_of(table[name]['pages'])}; records changed on {pages_of(changed)} "
                     f"of {len({page['publisher'] for page in changed})} publishers: {named(changed)}")
        for (corpus, part), moved in deltas.items():
            lines.append(f"    {corpus} {part}: " + ", ".join(f"{metric} {value:+.4f}"
                                                          for metric, value in sorted(moved.items())))
        if changed and not deltas:
            lines.append("    no score moved")
        if summary is not None:
            summary[name] = {"pages_changed": len(changed),
                             "publishers_changed": len({page["publisher"] for page in changed}),
                             "deltas": {f"{corpus} {part}": moved for (corpus, part), moved in deltas.items()}}
    return lines


def summary_of(pages: list[dict], table: dict[str, dict]) -> dict:
    """The reach table as data (``--json``): check-part publishers counted, never named."""
    corpora = sorted({page["corpus"] for page in pages})
    return {"pages": len(pages), "publishers": len({page["publisher"] for page in pages}),
            "failed_pages": sum(1 for page in pages if page["error"]), "min_publishers": MIN_PUBLISHERS,
            "rules": {name: {"publishers": len(entry["publishers"]), "pages": len(entry["pages"]),
                             "by_corpus": {c: len({p["publisher"] for p in entry["pages"] if p["corpus"] == c})
                                           for c in corpora},
                             "working_part_publishers": sorted({p["publisher"] for p in entry["pages"]
                                                                if not p["check"]}),
                             "doc": rules.RULES[name].doc if name in rules.RULES else None,
                             "general": not is_short(name, entry),
                             "declared": rules.RULES[name].declared if name in rules.RULES else None}
                      for name, entry in sorted(table.items())}}


def main(argv: list[str], extract: Callable[[str, str], dict] = extract_article) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpora", nargs="*", type=Path, default=DEFAULT_CORPORA,
                        help="corpus folders (<stem>.json + <stem>.html.gz); default: tests/corpus/dev and web")
    parser.add_argument("--ablate", action="store_true", help="switch each rule off in turn: records changed, "
                        "score deltas")
    parser.add_argument("--rule", action="append", default=None, metavar="NAME",
                        help="ablate only these rules (default: all)")
    parser.add_argument("--part", choices=("work", "check"), default=None,
                        help="only the working part or only the check part of each corpus (default: both)")
    parser.add_argument("--json", type=Path, metavar="OUT.json", help="also write the numbers here")
    args = parser.parse_args(argv)
    pages = [page for folder in args.corpora for page in load_corpus(folder)
             if args.part is None or page["check"] == (args.part == "check")]
    if not pages:
        print(f"no pages in {', '.join(map(str, args.corpora))}")
        return 2
    merge_publishers(pages)
    run_pages(pages, extract)
    table = reach(pages)
    lines, summary = report(pages, table), summary_of(pages, table)
    if args.ablate and table:
        unknown = sorted(set(args.rule or []) - set(rules.RULES))
        if unknown:
            print(f"no such rule: {', '.join(unknown)}")
            return 2
        summary["ablation"] = {}
        lines += report_ablation(pages, args.rule or sorted(rules.RULES), table, extract, summary["ablation"])
    print("\n".join(lines))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if any(is_short(name, entry) for name, entry in table.items()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
