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

``web_scores(pairs)`` scores the web set's sample (``tests/corpus/web``: trafilatura's benchmark pages,
annotated with snippets and some metadata, not full records) as the team's scorer
(``score.py``) scores the whole web set:

- ``snippet_f1``, ``snippet_precision``, ``snippet_recall``: the page's text is the record's ``lead``
  and ``body`` joined by a blank line (the annotated main text includes the standfirst); text and
  snippets are whitespace-normalised and each snippet looked up as a substring (case and punctuation
  kept): a ``with`` snippet found is a true positive, one missing a false negative, a ``without``
  snippet found a false positive; the counts are summed over all pages before P, R and F1 are taken;
- ``headline_exact`` as above, ``authors_f1`` and ``tags_f1`` as above but 0 whenever either side is
  empty; ``published_day``: the extracted ``published_at`` falls on the annotated calendar day (in the
  annotated date's offset when both carry one, else by the wall clock); an annotated date that does not
  parse (a few, e.g. ``2022-29-11``) is not scored.

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


# The web set's sample (tests/corpus/web): snippets and metadata, scored as the team's score.py does.

SPACES = re.compile(r"\s+")


def is_web_record(expected: dict) -> bool:
    """A web-set record (``with``/``without`` snippets) rather than a full expected record."""
    return "with" in expected and "without" in expected


def main_text(extracted: dict) -> str:
    """The text the snippets are looked up in: ``lead`` and ``body`` joined by a blank line."""
    parts = (extracted.get("lead"), extracted.get("body"))
    return "\n\n".join(part for part in parts if isinstance(part, str) and part)


def snippet_counts(expected: dict, text: str) -> tuple[int, int, int]:
    """``(true positives, false positives, false negatives)`` of one page's snippets in ``text``.

    >>> snippet_counts({"with": ["a  b", "z"], "without": ["Menu", "c d"]}, "a b\\n\\nc\\nd")
    (1, 1, 1)
    """
    found = SPACES.sub(" ", text).strip()
    hits = sum(SPACES.sub(" ", snippet).strip() in found for snippet in expected["with"])
    unwanted = sum(SPACES.sub(" ", snippet).strip() in found for snippet in expected["without"])
    return hits, unwanted, len(expected["with"]) - hits


def names_f1(expected, extracted) -> float:
    """Set F1 of names (case-insensitive, normalised); 0 when either side has none."""
    wanted, got = set(name_set(expected)), set(name_set(extracted))
    return f1(len(wanted & got), len(got), len(wanted)) if wanted and got else 0.0


def same_day(expected, extracted) -> bool | None:
    """Whether ``extracted`` falls on ``expected``'s calendar day; ``None`` when ``expected`` is no date.

    >>> same_day("2021-03-04", "2021-03-04T23:30:00-05:00"), same_day("2022-29-11", "2022-11-29")
    (True, None)
    """
    (day, _), (when, when_time) = instant(expected), instant(extracted)
    if day is None:
        return None
    if when is None:
        return False
    if day.tzinfo is not None and when.tzinfo is not None and when_time:
        when = when.astimezone(day.tzinfo)
    return day.date() == when.date()


#: web metric -> (the expected record's field, how a page scores given expected and extracted; None: unscored)
WEB_METRICS: dict[str, tuple[str, Callable[[dict, dict], float | None]]] = {
    "headline_exact": ("headline", lambda e, p: float(normalized(e["headline"]) == normalized(p.get("headline")))),
    "authors_f1": ("authors", lambda e, p: names_f1(e["authors"], p.get("authors"))),
    "published_day": ("published", lambda e, p: None if (day := same_day(e["published"], p.get("published_at")))
                      is None else float(day)),
    "tags_f1": ("tags", lambda e, p: names_f1(e["tags"], p.get("tags"))),
}


def web_scores(pairs: Iterable[tuple[dict, dict]]) -> dict[str, float]:
    """``metric -> score`` over ``(web record, extracted)`` pairs (see the module's docstring)."""
    pairs = list(pairs)
    tp = fp = fn = 0
    for expected, extracted in pairs:
        hits, unwanted, missed = snippet_counts(expected, main_text(extracted))
        tp, fp, fn = tp + hits, fp + unwanted, fn + missed
    scores = {"snippet_f1": 2 * tp / (2 * tp + fp + fn) if tp else 0.0,
              "snippet_precision": tp / (tp + fp) if tp else 0.0, "snippet_recall": tp / (tp + fn) if tp else 0.0}
    for name, (field, page_score) in WEB_METRICS.items():
        values = [value for expected, extracted in pairs if expected.get(field)
                  if (value := page_score(expected, extracted)) is not None]
        scores[name] = sum(values) / len(values) if values else 0.0
    return scores
