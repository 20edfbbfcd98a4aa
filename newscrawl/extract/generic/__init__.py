"""The generic parser, for any news page: structured metadata where it is reliable, the page's own
markup where it is better.

One parse, one walk over the tree (``walk.walk_page``) gives the text blocks, figures, h1s and the
standfirst, byline, date and tag elements; ``parser.GenericParser`` (the thin core) then asks one
module per field, and a site parser (``newscrawl/extract/sites/``) overrides single fields:

* ``headlines``: the title most sources agree on, without site-name parts and kickers;
* ``body``: the paragraphs of the best text container, framing and furniture left out
  (``boilerplate`` tells furniture by its class words);
* ``lead``: a standfirst shown between headline and body, else the declared description;
* ``authors``: JSON-LD persons, else the byline markup or line, else ``<meta name=author>``, cleaned
  by ``bylines``;
* ``captions``: ``<figure>`` markup and credit boxes, else JSON-LD images with a caption;
* ``dates``: declared dates checked against the URL and the printed date, then htmldate, then the
  dates printed near the headline (``visible_dates``);
* ``tags``: the declared keyword lists (section as the last resort), else the page's tag links;
* ``language``: declared, checked against the text where a template's default may be wrong.

Two tables sit beside them: ``vocabulary`` (every word list and class token, each with its reason)
and ``rules`` (every decision registered by name, so ``bench/rule_reach.py`` can show on how many
publishers it fires).
"""
from newscrawl.extract.generic.parser import GenericParser

__all__ = ["GenericParser"]
