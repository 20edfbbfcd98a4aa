"""The output contract: one ``Article`` per exported JSON line.

Parsers fill it through ``newscrawl.extract.loaders.ArticleLoader``; pipelines clean and
deduplicate it; the feed exporter writes it.  Every field is present in every
record: ``None`` or ``[]`` when the page has no value.
"""
from __future__ import annotations

from dataclasses import dataclass, field

SCHEMA_VERSION = "2"
"""The version of the record's JSON Schema (``newscrawl/output/schema/article-v<N>.json``) records follow."""


@dataclass
class Article:
    url: str | None = None
    """The URL the page was fetched from."""
    canonical_url: str | None = None
    """``link[rel=canonical]`` (else og:url, else ``url``)."""
    site: str | None = None
    """The publishing domain, e.g. ``sputnikglobe.com``."""
    language: str | None = None
    """BCP 47 tag as the page declares it (``en``, ``en-US``), else identified from the text (``en``)."""
    headline: str | None = None
    lead: str | None = None
    """The standfirst shown under the headline; never repeated in ``body``."""
    authors: list[str] = field(default_factory=list)
    """The byline, one person per entry, page order."""
    body: str | None = None
    """Article text: paragraphs (subheadings included) joined by a blank line."""
    captions: list[dict] = field(default_factory=list)
    """One per article photo, page order: ``text`` (the visible caption, else the image title, else
    its alt text), ``credit`` (normalised ``"Agency / Photographer"``, no ``©``) and ``image_url``
    (the largest rendition the page links to)."""
    published_at: str | None = None
    """ISO 8601 with offset (``Z`` for UTC), to the second."""
    modified_at: str | None = None
    """Same format: the page's last-modified time (its metadata for the generic parser; a visible
    update stamp for the Sputnik parser); ``None`` when the page gives none."""
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    crawled_at: str | None = None
    """When newscrawl fetched the page (UTC, ISO 8601)."""
    schema_version: str | None = None
    """The record's JSON Schema version (``newscrawl/output/schema/article-v<N>.json``)."""
    revision: int | None = None
    """1 the first time an article is exported, +1 each time it is exported again changed."""
    first_seen_at: str | None = None
    """When a run first exported this article (UTC, ISO 8601); kept across revisions."""
    story_id: str | None = None
    """The story this article carries (16 hex digits), shared by near-duplicate bodies across URLs,
    sites and runs: derived from the canonical URL of the story's first exported article
    (``newscrawl.output.stories``); kept across revisions."""
    near_duplicate_of: str | None = None
    """``None`` for the first article of its story, else the canonical URL of the earlier article
    whose body this one nearly repeats."""
    warc_record: dict | None = None
    """The WARC record the page was read from: ``{"file": <WARC file name>, "record_id": <its
    WARC-Record-ID>}`` when the crawl archived it (``NEWSCRAWL_WARC_DIR``) or the record was
    re-extracted from a WARC file; ``None`` otherwise."""


ARTICLE_FIELDS = tuple(Article.__dataclass_fields__)
