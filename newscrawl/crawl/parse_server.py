"""Imported by the forkserver the parse pool's workers start from (``newscrawl.crawl.parsing``): the
parsers are built here, once, so every worker forked from the server starts ready.  Building them
in each worker would cost each new worker (and each replacement of a killed one) a second on its
first page, mostly the language model's load.

A worker reads pages into plain dataclasses: it needs no Scrapy.  itemadapter (under the item
loaders) imports Scrapy when it can, to know Scrapy's item classes.  Where the server has not
loaded Scrapy already, Scrapy is hidden while itemadapter loads, so the server and its workers go
without Scrapy, Twisted and OpenSSL (some 20 MB, ``bench/crawl_speed.py``): a ``python -m scrapy``
crawl.  A crawl started by the ``scrapy`` script has the server load that script (its main module)
first, Scrapy with it.  Hidden only for that import: anything may import Scrapy later.
"""
import sys

if "scrapy" not in sys.modules:
    sys.modules["scrapy"] = None  # None in sys.modules: ``import scrapy`` raises ImportError
    try:
        import itemadapter  # noqa: F401 (loaded now, without Scrapy's item classes)
    finally:
        del sys.modules["scrapy"]

from newscrawl.crawl.parsing import ready_parsers  # noqa: E402 (after itemadapter, above)

ready_parsers()

import gc  # noqa: E402

gc.freeze()
