"""The generic parser, for any news page: structured metadata where it is reliable, the page's own
markup where it is better.

One parse, one walk over the tree (``newscrawl.extract.generic.body.walk_page``) gives the text blocks,
figures and h1s; every field is then chosen from them and from ``PageMetadata``:

* headline: the title most sources agree on (``headlines.choose_headline``);
* body: the paragraphs of the best text container (``body.body_blocks``);
* lead: a standfirst element shown between headline and body, else the declared description;
* authors: JSON-LD persons, else the byline markup, else ``<meta name=author>``, cleaned by ``bylines``;
* captions: ``<figure>`` markup (``captions``), else JSON-LD images with a caption;
* dates, section, tags: JSON-LD first, then ``article:*``/``<meta>``, then ``<time>`` markup;
* language: declared (``<html lang>``, JSON-LD, og:locale, Content-Language), else detected.
"""
from newscrawl.extract.generic.parser import GenericParser

__all__ = ["GenericParser"]
