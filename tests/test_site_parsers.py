"""Site parsers on the generic platform: each overrides one field of ``GenericParser`` for one
publisher.  One row a parser: the site's name in the registry, a development-corpus page of it
(``tests/corpus/dev/``, licence in ``tests/corpus/NOTICE.md``) and the fields the parser is
responsible for.  The page's expected record (Fundus's) is the reference, corrected where noted."""
from __future__ import annotations

import gzip
import json
from dataclasses import asdict
from pathlib import Path

import pytest

from newscrawl.extract import extract_article
from newscrawl.extract.registry import generic_parser, load_parser, parser_for
from newscrawl.sites import SITES

DEV = Path(__file__).resolve().parent / "corpus" / "dev"


def lavanguardia_lead(expected: str) -> str:
    """Fundus's lead of the page keeps a third subtitle line, a link to the live-coverage page (a
    related article, which the lead leaves out, like any link line), and separates the lines with
    blank lines, where our lead is one line of text: its first two lines, joined by a space."""
    return " ".join(expected.split("\n\n")[:2])


#: (site, page stem, field, correction of the expected value or None).
ROWS = [
    ("dw", "de_DW_2023_04_28", "authors", None),
    ("rbb24", "de_RBB24_2024_04_25", "lead", None),
    ("lavanguardia", "es_LaVanguardia_2026_07_11", "lead", lavanguardia_lead),
]


def page(stem: str) -> tuple[str, dict]:
    html = gzip.decompress((DEV / f"{stem}.html.gz").read_bytes()).decode("utf-8", errors="replace")
    return html, json.loads((DEV / f"{stem}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("site", "stem", "field", "correct"), ROWS, ids=[row[0] for row in ROWS])
def test_site_parser_reads_its_field(site, stem, field, correct):
    html, expected = page(stem)
    assert parser_for(expected["url"]) is load_parser(SITES[site].parser)
    value = correct(expected[field]) if correct else expected[field]
    assert extract_article(html, expected["url"])[field] == value


@pytest.mark.parametrize(("site", "stem", "field", "correct"), ROWS, ids=[row[0] for row in ROWS])
def test_generic_parser_alone_reads_it_otherwise(site, stem, field, correct):
    """The row tests the site parser's own rule: the generic parser gives another value."""
    html, expected = page(stem)
    value = correct(expected[field]) if correct else expected[field]
    assert asdict(generic_parser().parse(html, expected["url"]))[field] != value
