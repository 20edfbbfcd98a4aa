"""Deutsche Welle (dw.com, every language edition under one domain): the authors from the fact list.

DW prints no byline between headline and text: its article pages end with a fact list
(``<li><strong>Datum</strong> 28.04.2023</li><li><strong>Autorin/Autor</strong> Roman Goncharenko</li>``)
whose author row names the authors, and the JSON-LD often credits the broadcaster only.  The rule
that reads such a labelled row fired on DW pages only across both corpora, so it lives here: this
parser tries it first and falls back to the generic authors chain.
"""
from __future__ import annotations

from newscrawl.extract.generic import GenericParser
from newscrawl.extract.generic.bylines import clean_authors
from newscrawl.extract.generic.walk import spaced_text
from newscrawl.extract.text import normalize_space

#: The author row's label in DW's fact list, lower case: German ("Autorin/Autor"), English
#: ("Author"), and the French, Spanish and Portuguese editions' words.
AUTHOR_LABELS = frozenset({"autorin/autor", "autor", "author", "auteur", "autora"})
#: A row value longer than this is text, not a list of names (the generic byline limit).
MAX_NAMES_CHARS = 150
#: Bold labels looked at: the fact list is well within the first few hundred.
MAX_LABELS = 200


def fact_list_authors(root) -> list[str]:
    """The names in the fact list's author row: the text after the bold label, or the next element's.

    >>> from lxml import html
    >>> fact_list_authors(html.fromstring('<ul><li><strong>Datum</strong> 28.04.2023</li>'
    ...                                   '<li><strong>Autorin/Autor</strong> Roman Goncharenko</li></ul>'))
    ['Roman Goncharenko']
    >>> fact_list_authors(html.fromstring('<p><strong>Author</strong> of three books, she lives in Rome.</p>'))
    []
    """
    for count, label in enumerate(root.iter("strong")):
        if count >= MAX_LABELS:
            break
        if normalize_space("".join(label.itertext())).casefold().rstrip(" :") not in AUTHOR_LABELS:
            continue
        value = normalize_space(label.tail)
        if not value:
            following = label.getnext()
            value = spaced_text(following) if following is not None else ""
        if value and len(value) <= MAX_NAMES_CHARS and clean_authors([value]):
            return clean_authors([value])
    return []


class DWParser(GenericParser):
    def authors(self, selector, meta, found, headline_element=None, blocks=()):
        """The fact list's author row, else the generic chain."""
        return fact_list_authors(selector.root) or super().authors(selector, meta, found, headline_element, blocks)
