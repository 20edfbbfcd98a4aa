"""Quality regression test: ``extract_article`` on the two corpora kept in the repository.

The 134 dev pages and their expected records are in ``tests/corpus/dev`` (from Fundus's parser test
fixtures, MIT licence: ``tests/corpus/NOTICE.md``), scored by the test scorer beside them
(``tests/corpus/scoring.py``; its numbers differ a little from the team's benchmark scorer's).
The web pages in ``tests/corpus/web`` (listed in its ``SAMPLE.txt``) are a sample of the web set's
working part (trafilatura's benchmark, Apache-2.0: ``tests/corpus/web/NOTICE``), annotated with
snippets and some metadata and
scored as the team's scorer scores the web set.  Holding both keeps a change fitted to the news
pages of one from passing unnoticed when it costs the other.
Each floor sits just below the score measured when it was set: a drop names the set and the field.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.extract import extract_article
from tests.corpus.scoring import field_scores, load_pages, snippet_counts, web_scores

DEV = Path(__file__).resolve().parent / "corpus" / "dev"
WEB = Path(__file__).resolve().parent / "corpus" / "web"

#: field -> minimum score (0-1), each just below the score measured when it was set (the comments
#: give the measurement where issue 12 moved it; captions 0.875, tags 0.839, language 0.985).
FLOORS = {
    "headline_exact": 0.9,  # 0.903 after issue 12's third headline round (0.888 after two; was 0.875)
    "authors_f1": 0.935,  # raised with issue 12 (authors): measured 0.937
    "body_f1": 0.955,  # 0.958 after issue 12's body rounds (was 0.952)
    "lead_f1": 0.935,  # 0.938 (was 0.93)
    "captions_f1": 0.87,
    "published_minute": 0.98,  # 0.985 after the second round of dates (was 0.965)
    "tags_f1": 0.83,
    "language_acc": 0.98,
}


#: web metric -> minimum score (0-1), each just below the score measured on the sample (SAMPLE.txt)
#: with issue 12's rules (before them: snippet F1 0.900, headline 0.744, authors 0.537, day 0.766).
WEB_FLOORS = {
    "snippet_f1": 0.935,  # 0.939 with body.with_declared_recipe (0.938 without it; was 0.935)
    "snippet_precision": 0.94,  # 0.947 on 187 pages (0.957 on 184: 3 pages added for rule reach)
    "snippet_recall": 0.92,  # 0.924 on 193 pages (0.928 on 189, before the authors round added rule pages)
    "headline_exact": 0.82,  # 0.825 on 195 pages (0.830 on 193: of the 2 pages added for
    #                          dates.dateline_over_library_day's reach, one has a missed headline)
    "authors_f1": 0.72,  # 0.727 on 193 pages after the fourth authors round (0.668 before)
    "published_day": 0.915,  # 0.921 on 195 pages with dates.dateline_over_library_day (0.920 on 193)
    "tags_f1": 0.37,  # 0.372 on 193 pages (0.380 on 189 before the authors round's rule pages)
}


@pytest.fixture(scope="module")
def pages():
    pages = load_pages(DEV)
    assert len(pages) == 134, f"{DEV} should hold the 134 dev-corpus pages, has {len(pages)}"
    return pages


@pytest.fixture(scope="module")
def scores(pages):
    return field_scores((expected, extract_article(html, expected["url"])) for _, html, expected in pages)


@pytest.fixture(scope="module")
def web_pages():
    pages = load_pages(WEB)
    listed = [line.split("\t")[0] for line in (WEB / "SAMPLE.txt").read_text(encoding="utf-8").splitlines()]
    assert sorted(stem for stem, _, _ in pages) == sorted(listed), f"{WEB} should hold the pages SAMPLE.txt lists"
    return pages


@pytest.fixture(scope="module")
def web(web_pages):
    return web_scores((expected, extract_article(html, expected["url"])) for _, html, expected in web_pages)


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_field_score_stays_above_floor(scores, field):
    assert scores[field] >= FLOORS[field], f"{field} fell to {scores[field]:.3f} (floor {FLOORS[field]})"


@pytest.mark.parametrize("metric", sorted(WEB_FLOORS))
def test_web_score_stays_above_floor(web, metric):
    assert web[metric] >= WEB_FLOORS[metric], f"web {metric} fell to {web[metric]:.3f} (floor {WEB_FLOORS[metric]})"


def test_web_scorer_gives_a_record_of_the_annotations_full_marks_and_an_empty_record_none(web_pages):
    expected = [record for _, _, record in web_pages]
    perfect = [{"headline": e["headline"], "authors": e["authors"], "published_at": e["published"],
                "tags": e["tags"], "lead": None, "body": "\n\n".join(e["with"])} for e in expected]
    assert web_scores(zip(expected, perfect, strict=True)) == dict.fromkeys(WEB_FLOORS, 1.0)
    assert web_scores((e, {}) for e in expected) == dict.fromkeys(WEB_FLOORS, 0.0)
    # the annotations do not contradict themselves: no page's wanted text holds one of its unwanted snippets
    assert [e["id"] for e, p in zip(expected, perfect, strict=True) if snippet_counts(e, p["body"])[1]] == []


def test_web_scorer_sums_snippet_counts_over_pages_and_reads_the_metadata_as_score_py_does():
    first = {"with": ["Alpha beta.", "Gamma  delta"], "without": ["Menu"], "headline": "“A” title",
             "authors": ["Ann Lee", "Bo Chen"], "published": "2021-03-04", "tags": ["News"]}
    second = {"with": ["Only this"], "without": ["Footer", "Share"], "headline": "", "authors": [],
              "published": "2022-29-11", "tags": []}  # empty and invalid annotations are not scored
    got_first = {"lead": "Alpha beta.", "body": "Gamma\ndelta Menu", "headline": '"A"  title',
                 "authors": ["ann lee"], "published_at": "2021-03-04T23:30:00-05:00", "tags": []}
    got_second = {"lead": None, "body": "Footer Share", "headline": "x"}
    scores = web_scores([(first, got_first), (second, got_second)])
    # tp 2, fp 1 + 2, fn 0 + 1
    assert scores == pytest.approx({"snippet_f1": 4 / 8, "snippet_precision": 2 / 5, "snippet_recall": 2 / 3,
                                    "headline_exact": 1.0, "authors_f1": 2 / 3, "published_day": 1.0,
                                    "tags_f1": 0.0})
    next_day = dict(got_first, published_at="2021-03-05T00:30:00+01:00")  # no offset annotated: wall-clock day
    assert web_scores([(first, next_day)])["published_day"] == 0.0


def test_scorer_gives_the_expected_records_full_marks_and_empty_records_none(pages):
    expected = [record for _, _, record in pages]
    assert field_scores((record, record) for record in expected) == dict.fromkeys(FLOORS, 1.0)
    assert field_scores((record, {}) for record in expected) == dict.fromkeys(FLOORS, 0.0)


def test_scorer_reads_each_field_the_way_its_docstring_says():
    expected = {"headline": "“Quoted” headline", "authors": ["Ann Lee", "Bo Chen"], "lead": "one two three four",
                "body": "a b c d e f", "captions": [{"text": "a photo of the river"}, {"text": "the mayor"}],
                "published_at": "2024-05-03T10:15:00+02:00", "tags": ["Politics"], "language": "de"}
    extracted = {"headline": "\"Quoted\"  headline", "authors": ["ann lee"], "lead": "one two",
                 "body": "a b c d e f g", "captions": [{"text": "A photo of the river."}],
                 "published_at": "2024-05-03T08:15:59Z", "tags": ["politics", "Europe"], "language": "de-AT"}
    scores = field_scores([(expected, extracted)])
    assert scores == pytest.approx({"headline_exact": 1.0, "authors_f1": 2 / 3, "body_f1": 2 * 3 / (3 + 4),
                                    "lead_f1": 2 / 3, "captions_f1": 2 / 3, "published_minute": 1.0,
                                    "tags_f1": 2 / 3, "language_acc": 1.0})
    late = dict(extracted, published_at="2024-05-03T10:16:00+02:00", language="fr", headline="Quoted")
    assert field_scores([(expected, late)]) == pytest.approx(
        scores | {"published_minute": 0.0, "language_acc": 0.0, "headline_exact": 0.0})
