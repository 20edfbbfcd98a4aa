"""Pipelines in a real crawl: validation drops what is not an article and keeps everything else."""
from __future__ import annotations

import re
import shutil

from tests.conftest import SPUTNIK, run_crawl


def test_article_without_body_is_dropped_logged_and_counted(sputnik_site, tmp_path):
    folder = tmp_path / "site"
    shutil.copytree(SPUTNIK, folder)
    page = folder / "lavrov-arms-syria.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r'<div class="article__body.*?</div></div></div>', "", html, flags=re.S),
                    encoding="utf-8")
    site = sputnik_site("sputnikglobe.com", folder)
    result = run_crawl("sputnik", tmp_path / "out.jsonl", "-a", f"base_url={site.url}")
    assert [r["headline"] for r in result.records] == [
        "Siberian Observatory Opens New Solar Telescope to Visiting Students"]
    assert result.stats["newscrawl/dropped/no_body"] == 1
    assert ("Dropped: https://sputnikglobe.com/20120204/lavrov-defends-russian-arms-supplies-to-syria-1012345678.html:"
            " no body") in result.log


def test_caption_and_paragraph_repeated_in_the_body_are_removed(sputnik_site, tmp_path):
    folder = tmp_path / "site"
    shutil.copytree(SPUTNIK, folder)
    page = folder / "observatory-solar-telescope.html"
    html = page.read_text(encoding="utf-8")
    block = '<div class="article__block" data-type="text"><div class="article__text">{}</div></div>'
    caption = "The dome of the solar observatory in the Siberian foothills"
    repeated = "Registration for the April sessions will open next week through the observatory’s website, " \
               "according to the announcement."
    heading = '<div class="article__block" data-type="h2">'
    html = html.replace(heading, block.format(caption) + block.format(repeated.upper()) + heading)
    page.write_text(html, encoding="utf-8")
    site = sputnik_site("sputnikglobe.com", folder)
    result = run_crawl("sputnik", tmp_path / "out.jsonl", "-a", f"base_url={site.url}")
    observatory = next(r for r in result.records if "Observatory" in r["headline"])
    paragraphs = observatory["body"].split("\n\n")
    assert caption not in paragraphs
    assert paragraphs.count(repeated) == 0 and paragraphs.count(repeated.upper()) == 1  # first copy kept
    assert result.stats["newscrawl/dedup/caption_in_body"] == 1
    assert result.stats["newscrawl/dedup/repeated_paragraph"] == 1


def test_comparison_keys_are_those_of_the_normalised_text():
    """The dedup keys skip ``normalize_space``'s spacing steps for speed: keys stored by earlier runs
    (body fingerprints) must stay the same, hostile characters included."""
    from newscrawl.extract.text import _KEY_DROP, comparison_key, normalize_space

    texts = ["Julia\u0301n\u00a0 Ca\u200brdenas", "e\u200b\u0301 e\u00ad\u0301",
             "می\u200cخواهم  क्\u200dष 👨\u200d👩\u200d👧",
             "Council\x00\x1b[2J approves\u202e the\ud83d budget\x07", "Вітаю,\x9b1m 世界 — नमस्ते\x0b",
             "STRASSE Straße İstanbul ǅ", "\ufeffBOM\u2060 text_with_underscores", "", "   \n\t ", None]
    for text in texts:
        slow = _KEY_DROP.sub("", "".join(normalize_space(text).casefold().split()))
        assert comparison_key(text) == slow, repr(text)
