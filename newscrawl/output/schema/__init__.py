"""The JSON Schema of the exported record (``article-v<N>.json``, N = ``SCHEMA_VERSION``;
older versions kept) and ``SchemaValidationPipeline``.

``article-v<N>-extract.json`` is its *extract profile*: the records of ``extract_article`` and
``python -m newscrawl extract``, whose crawl-only fields (``crawled_at``, ``revision``,
``first_seen_at``, ``story_id``, ``near_duplicate_of``) are null; its other properties are
``$ref``s to the crawl schema's.  Version 1 (``article-v1.json``, ``article-v1-extract.json``:
the same without the two story fields) stays for readers of older files: ``validator("1")``.

The pipeline is off by default (``NEWSCRAWL_VALIDATE_SCHEMA``): the tests validate every record
they export; a run that turns it on drops (and counts, ``newscrawl/dropped/schema_invalid``) a
record that does not match, naming the field.
"""
from __future__ import annotations

import json
from importlib.resources import files

from itemadapter import ItemAdapter
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from scrapy.exceptions import DropItem, NotConfigured

from newscrawl.items import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "SchemaValidationPipeline", "load_schema", "schema_errors", "validator"]


def load_schema(version: str = SCHEMA_VERSION, profile: str | None = None) -> dict:
    """The schema ``article-v<version>.json``, or its profile ``article-v<version>-<profile>.json``."""
    name = f"article-v{version}{'-' + profile if profile else ''}.json"
    return json.loads(files(__package__).joinpath(name).read_text(encoding="utf-8"))


def validator(version: str = SCHEMA_VERSION, profile: str | None = None) -> Draft202012Validator:
    """A validator of the record schema (``profile="extract"``: of its extract profile), formats checked."""
    base = load_schema(version)
    registry = Registry().with_resource(base["$id"], Resource.from_contents(base))
    return Draft202012Validator(load_schema(version, profile), registry=registry,
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_errors(record: dict, checker: Draft202012Validator | None = None) -> list[str]:
    """``"<field>: <message>"`` for each way the record breaks the schema; ``[]`` when it is valid."""
    checker = checker or validator()
    return [f"{'/'.join(map(str, e.absolute_path)) or '(record)'}: {e.message}"
            for e in checker.iter_errors(record)]


class SchemaValidationPipeline:
    def __init__(self, stats, checker: Draft202012Validator):
        self.stats, self.checker = stats, checker

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("NEWSCRAWL_VALIDATE_SCHEMA"):
            raise NotConfigured
        return cls(crawler.stats, validator())

    def process_item(self, item):
        errors = schema_errors(ItemAdapter(item).asdict(), self.checker)
        if errors:
            self.stats.inc_value("newscrawl/dropped/schema_invalid")
            raise DropItem(f"{ItemAdapter(item).get('url')}: not valid against the schema: {'; '.join(errors)}")
        return item
