"""Quality regression test: ``extract_article`` on the development corpus, scored by the corpus's own scorer.

The corpus lives beside the clone (``../shared/corpus/dev``); the test fails when it is absent (no
skipped tests: a missing corpus must not pass unnoticed).
Each floor sits just below the score reached when it was set: a drop names the field.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from newscrawl.extract import extract_article

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
DEV = CORPUS / "dev"

#: field -> minimum score, all 0-1 (the scorer's field_scores units).
FLOORS = {
    "headline_exact": 0.875,
    "authors_f1": 0.925,
    "body_f1": 0.963,
    "lead_f1": 0.935,
    "captions_f1": 0.87,
    "published_minute": 0.965,
    "tags_f1": 0.83,
    "language_acc": 0.98,
}


def _load_scorer():
    spec = importlib.util.spec_from_file_location("newscrawl_corpus_score", CORPUS / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scores():
    assert (CORPUS / "score.py").exists() and DEV.is_dir(), (
        f"development corpus not found at {CORPUS}: the corpus (score.py and dev/) must be beside the clone, "
        "at ../shared/corpus relative to the repository")
    scorer = _load_scorer()
    pages = scorer.load_pages(DEV)
    expected = [record for _, _, record in pages]
    predicted = [extract_article(html, record["url"]) for _, html, record in pages]
    return scorer.field_scores(expected, predicted, n_boot=0)


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_field_score_stays_above_floor(scores, field):
    assert scores[field] >= FLOORS[field], f"{field} fell to {scores[field]:.3f} (floor {FLOORS[field]})"
