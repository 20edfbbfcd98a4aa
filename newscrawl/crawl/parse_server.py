"""Imported by the forkserver the parse pool's workers start from (``newscrawl.crawl.parsing``): the
parsers are built here, once, so every worker forked from the server starts ready.  Building them
in each worker would cost each new worker (and each replacement of a killed one) a second on its
first page, mostly the language model's load.
"""
from newscrawl.crawl.parsing import ready_parsers

ready_parsers()
