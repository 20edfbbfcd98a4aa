"""Log lines for dropped items that name the URL and the reason, without dumping the whole item."""
from __future__ import annotations

import logging

from scrapy.logformatter import LogFormatter


class NewscrawlLogFormatter(LogFormatter):
    def dropped(self, item, exception, response, spider=None):
        return {"level": logging.WARNING, "msg": "Dropped: %(exception)s", "args": {"exception": exception}}
