"""``CoveragePipeline``: how many parsed articles have each field, before anything is dropped.

It runs first, so a page that lost its body still counts as parsed without a body; the
monitors (``newscrawl.ops.monitors``) and the run manifest (``newscrawl.output.manifest``) read the
counts: ``newscrawl/parsed`` and ``newscrawl/coverage/<field>``.
"""
from __future__ import annotations

from itemadapter import ItemAdapter

from newscrawl.items import ARTICLE_FIELDS
from newscrawl.output.pipelines import StatsPipeline

#: Fields the crawl and pipelines add after parsing (the WARC record too): not a parser's coverage.
STAMPED = frozenset({"schema_version", "revision", "first_seen_at", "crawled_at", "story_id", "near_duplicate_of",
                     "warc_record"})
COVERED_FIELDS = tuple(name for name in ARTICLE_FIELDS if name not in STAMPED)


class CoveragePipeline(StatsPipeline):
    def process_item(self, item):
        adapter = ItemAdapter(item)
        self.stats.inc_value("newscrawl/parsed")
        for name in COVERED_FIELDS:
            if adapter.get(name) not in (None, "", [], {}):
                self.stats.inc_value(f"newscrawl/coverage/{name}")
        return item


def coverage(stats: dict) -> dict[str, float]:
    """Share of parsed articles having each field (``{}`` when nothing was parsed).

    >>> coverage({"newscrawl/parsed": 4, "newscrawl/coverage/body": 3})["body"]
    0.75
    """
    parsed = stats.get("newscrawl/parsed", 0)
    if not parsed:
        return {}
    return {name: round(stats.get(f"newscrawl/coverage/{name}", 0) / parsed, 4) for name in COVERED_FIELDS}
