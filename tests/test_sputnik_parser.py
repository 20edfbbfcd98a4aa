"""Golden test of the Sputnik-platform parser: every fixture page against its expected record."""
from __future__ import annotations

import json

import pytest

from newscrawl.extract import extract_article
from tests.conftest import SPUTNIK

PAGES = sorted(p.name.removesuffix(".expected.json") for p in SPUTNIK.glob("*.expected.json"))


def expected_record(name: str) -> dict:
    return json.loads((SPUTNIK / f"{name}.expected.json").read_text(encoding="utf-8"))


def golden_cases():
    for name in PAGES:
        for field in expected_record(name):
            yield pytest.param(name, field, id=f"{name}-{field}")


@pytest.mark.parametrize(("name", "field"), list(golden_cases()))
def test_field_equals_expected(name, field):
    expected = expected_record(name)
    html = (SPUTNIK / f"{name}.html").read_text(encoding="utf-8")
    assert extract_article(html, expected["url"])[field] == expected[field]


@pytest.mark.parametrize("name", PAGES)
def test_no_page_chrome_in_any_text_field(name):
    record = extract_article((SPUTNIK / f"{name}.html").read_text(encoding="utf-8"),
                             expected_record(name)["url"])
    text = json.dumps({k: record[k] for k in ("headline", "lead", "body", "authors", "tags", "section")},
                      ensure_ascii=False)
    for chrome in ("Subscribe", "Suscribirse", "Newsfeed", "To participate in the discussion", "loader",
                   "Chats", "Заголовок открываемого материала", "Read also", "mediabank", "©", "@solar_obs_demo"):
        assert chrome not in text


def test_site_is_the_edition_domain():
    expected = expected_record("es-tren-biblioteca-altiplano")
    html = (SPUTNIK / "es-tren-biblioteca-altiplano.html").read_text(encoding="utf-8")
    assert extract_article(html, expected["url"])["site"] == "sputniknews.lat"
