"""El Mundo (elmundo.es): keywords without the CMS section path written before the first one.

El Mundo's ``keywords``/``news_keywords`` start with the article's section path, as the CMS
stores it ("deportes/formula-1,deportes,fórmula 1,..."): the topic is the last part of the path.
The rule cutting such a path fired on El Mundo only across both corpora, so it lives here.
"""
from __future__ import annotations

import re

from newscrawl.extract.generic import GenericParser

#: A lower-case path segment and a slash before a keyword ("deportes/"); "AC/DC" is a name.
_KEYWORD_PATH = re.compile(r"^[a-z_-]+/(?=\S)")


def without_section_path(keyword: str) -> str:
    """A keyword without the section path the CMS writes before it.

    >>> without_section_path("deportes/formula-1"), without_section_path("AC/DC")
    ('formula-1', 'AC/DC')
    """
    return _KEYWORD_PATH.sub("", keyword)


class ElMundoParser(GenericParser):
    def tags(self, selector, meta, found, headline_element=None, url=None):
        """The generic tags, each without a section path (a tag the list already has is not repeated)."""
        tags = [without_section_path(t) for t in super().tags(selector, meta, found, headline_element, url)]
        return list(dict.fromkeys(tags))
