"""Table test of the named URL patterns in ``newscrawl.crawl.url_shapes``."""
from __future__ import annotations

import pytest

from newscrawl.crawl.url_shapes import article_pattern, looks_like_article, non_article_pattern

CASES = [
    # url, article pattern, non-article pattern, looks like an article
    ("https://www.example.com/2024/05/03/council-approves-budget/", "dated_path", None, True),
    ("https://sputnikglobe.com/20120204/lavrov-defends-arms-1012345678.html", "dated_path", None, True),
    ("https://www.derstandard.at/story/3000000218234/wien-neues-gesetz", "numeric_id", None, True),
    ("https://www.example.de/politik/deutschland/regierung-plant-neue-steuer-a-1234567.html", "numeric_id", None,
     True),
    ("https://www.example.com/news/world-leaders-meet-for-climate-summit", "long_slug", None, True),
    ("https://www.example.com/tag/politics/", None, "listing", False),
    ("https://www.example.com/category/world/", None, "listing", False),
    ("https://www.example.com/author/jane-doe-smith-jones/", "long_slug", "author", False),
    ("https://www.example.com/autoren/max-mustermann/", None, "author", False),
    ("https://www.example.com/impressum", None, "service", False),
    ("https://www.example.com/feed/", None, "feed", False),
    ("https://www.example.com/sitemap-news.xml", None, "feed", False),
    ("https://www.example.com/video/2024/05/03/clip-of-the-day/", "dated_path", "media", False),
    ("https://www.example.com/images/2024/05/03/photo-of-the-day.jpg", "dated_path", "file", False),
    ("https://www.example.com/", None, None, False),
    ("https://www.example.com/world/", None, None, False),
    ("https://www.example.com/page/2/", None, "listing", False),
    ("https://www.example.com/archives/2024/10/16/2003825372", "dated_path", "listing", True),
    ("https://www.example.com/news/articles/clymn8zyrp9o", "opaque_id", None, True),
    ("https://www.example.jp/article/DGXZQOUB148MY0U5A110C2000000/", "opaque_id", None, True),
    ("https://example.de/Entwurf-des-Gesetzes/!5928990/", "numeric_id", None, True),
    ("https://www.example.com/sports/football", None, None, False),
    ("https://www.example.com/world/europe/", None, None, False),
]


@pytest.mark.parametrize(("url", "article", "non_article", "verdict"), CASES)
def test_url_patterns(url, article, non_article, verdict):
    assert article_pattern(url) == article
    assert non_article_pattern(url) == non_article
    assert looks_like_article(url) is verdict
