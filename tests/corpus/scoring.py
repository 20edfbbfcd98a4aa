"""A small field scorer for ``extract_article`` on the in-repo corpus (``tests/corpus/dev``).

``load_pages(folder)`` reads each ``<stem>.html.gz`` with its expected record ``<stem>.json``;
``field_scores(pairs)`` takes ``(expected, extracted)`` record pairs and returns ``field -> score``
(0-1, the mean over the pages whose expected record has a value for the field; ``null`` or empty
expected values are not scored, since the corpus uses them for "not known"):

- ``headline_exact``: headline equal after NFKC, whitespace and quote normalisation;
- ``authors_f1``, ``tags_f1``: F1 of the sets of names (case-insensitive);
- ``body_f1``: F1 of the multisets of 4-word shingles (words: ``\\w+``);
- ``lead_f1``: F1 of the bags of words (case-insensitive); no lead scores 0;
- ``captions_f1``: captions paired one to one when their texts' word-bag F1 is at least 0.8, then
  F1 of the number of pairs against both counts;
- ``published_minute``: the same minute (instants when both carry an offset, else wall-clock
  times; a date without a time never matches);
- ``language_acc``: the same primary language subtag (``de`` of ``de-AT``).

Test code: written for the fields ``test_corpus_quality.py`` checks, not a copy of the team's
benchmark scorer, so its numbers are close to but not the same as that scorer's.
"""
from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

WORD = re.compile(r"\w+")
QUOTES = str.maketrans("\u2018\u2019\u201a\u201b\u00b4`\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a",
                       "''''''\"\"\"\"\"\"''", "\u00ad\u200b\u200c\u200d\ufeff")


def load_pages(folder: Path) -> list[tuple[str, str, dict]]:
    """``(stem, html, expected record)`` of every page, in name order; HTML decoded as UTF-8."""
    pages = []
    for meta in sorted(folder.glob("*.json")):
        stem = meta.name.removesuffix(".json")
        html = gzip.decompress((folder / f"{stem}.html.gz").read_bytes()).decode("utf-8", errors="replace")
        pages.append((stem, html, json.loads(meta.read_text(encoding="utf-8"))))
    return pages


def normalized(text) -> str:
    return " ".join(unicodedata.normalize("NFKC", str(text or "")).translate(QUOTES).split())


def f1(common: float, predicted: float, expected: float) -> float:
    return 2 * common / (predicted + expected) if common else 0.0


def multiset_f1(expected: Counter, predicted: Counter) -> float:
    if not expected and not predicted:
        return 1.0
    return f1(sum((expected & predicted).values()), sum(predicted.values()), sum(expected.values()))


def name_set(values) -> Counter:
    return Counter({normalized(v).casefold() for v in values or [] if normalized(v)})


def word_bag(text) -> Counter:
    return Counter(w.casefold() for w in WORD.findall(normalized(text)))


def shingles(text, size: int = 4) -> Counter:
    words = WORD.findall(text or "")
    return Counter(tuple(words[i:i + size]) for i in range(max(1, len(words) - size + 1)) if words)


def caption_pairs_f1(expected: list, predicted: list) -> float:
    candidates = sorted(((multiset_f1(word_bag(e.get("text")), word_bag(p.get("text"))), i, j)
                         for i, e in enumerate(expected) for j, p in enumerate(predicted)), reverse=True)
    used_e, used_p = set(), set()
    for score, i, j in candidates:
        if score >= 0.8 and i not in used_e and j not in used_p:
            used_e.add(i)
            used_p.add(j)
    return f1(len(used_e), len(predicted), len(expected))


def instant(value) -> tuple[datetime | None, bool]:
    """(datetime, has a time of day) of an ISO 8601 value; ``(None, False)`` when it is not one."""
    text = str(value or "").strip().replace("Z", "+00:00")
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None, False
    return when, "T" in text or " " in text


def same_minute(expected, predicted) -> bool:
    (e, e_time), (p, p_time) = instant(expected), instant(predicted)
    if not (e and p and e_time and p_time):
        return False
    if (e.tzinfo is None) != (p.tzinfo is None):  # one without an offset: only wall clocks compare
        e, p = e.replace(tzinfo=None), p.replace(tzinfo=None)
    elif e.tzinfo is not None:
        p = p.astimezone(e.tzinfo)
    return e.replace(second=0, microsecond=0) == p.replace(second=0, microsecond=0)


def primary_language(tag) -> str:
    return re.split(r"[-_]", str(tag or "").strip().casefold())[0]


#: field -> (the expected record's field it scores, how a page scores given expected and extracted)
METRICS: dict[str, tuple[str, Callable[[dict, dict], float]]] = {
    "headline_exact": ("headline", lambda e, p: float(normalized(e["headline"]) == normalized(p.get("headline")))),
    "authors_f1": ("authors", lambda e, p: multiset_f1(name_set(e["authors"]), name_set(p.get("authors")))),
    "body_f1": ("body", lambda e, p: multiset_f1(shingles(e["body"]), shingles(p.get("body")))),
    "lead_f1": ("lead", lambda e, p: multiset_f1(word_bag(e["lead"]), word_bag(p.get("lead"))) if p.get("lead")
                else 0.0),
    "captions_f1": ("captions", lambda e, p: caption_pairs_f1(e["captions"], p.get("captions") or [])),
    "published_minute": ("published_at", lambda e, p: float(same_minute(e["published_at"], p.get("published_at")))),
    "tags_f1": ("tags", lambda e, p: multiset_f1(name_set(e["tags"]), name_set(p.get("tags")))),
    "language_acc": ("language", lambda e, p: float(primary_language(e["language"]) ==
                                                    primary_language(p.get("language")))),
}


def field_scores(pairs: Iterable[tuple[dict, dict]]) -> dict[str, float]:
    """``field -> mean page score`` over ``(expected, extracted)`` pairs (see the module's docstring)."""
    pairs = list(pairs)
    scores = {}
    for name, (field, page_score) in METRICS.items():
        values = [page_score(expected, extracted) for expected, extracted in pairs if expected.get(field)]
        scores[name] = sum(values) / len(values) if values else 0.0
    return scores
