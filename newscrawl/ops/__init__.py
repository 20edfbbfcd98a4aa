"""Operations: running newscrawl unattended.

The ``scrapy crawl`` command (``commands/``: run lock, exit status), ``python -m newscrawl``
(``cli``), the run lock (``lock``), the run's verdict (``monitors``), extensions and the log
formatter.  The top layer: may import every wing.
"""
