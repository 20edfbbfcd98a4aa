"""Imported by the forkserver the parse pool's workers start from (``newscrawl.crawl.parsing``): the
parsers are built here, once, so every worker forked from the server starts ready.  Building them
in each worker would cost each new worker (and each replacement of a killed one) a second on its
first page, mostly the language model's load.

A worker reads pages and returns plain dataclasses: it never needs Scrapy.  itemadapter (through
the item loaders) imports Scrapy when it can, to know Scrapy's item classes, which would load
Scrapy, Twisted and OpenSSL into the server and every worker (some 20 MB of the crawl's memory,
``bench/crawl_speed.py``); marking it missing makes itemadapter go without, as on a machine
without Scrapy.
"""
import sys

sys.modules.setdefault("scrapy", None)  # None in sys.modules: ``import scrapy`` raises ImportError

from newscrawl.crawl.parsing import ready_parsers  # noqa: E402 (after the mark above)

ready_parsers()
