"""``LoggedOffsiteMiddleware``: Scrapy's offsite filter, saying what it refused."""
from __future__ import annotations

import logging

from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware
from scrapy.exceptions import IgnoreRequest

from newscrawl.crawl.fetch import site_url
from newscrawl.crawl.middlewares.outcomes import REFUSED

logger = logging.getLogger(__name__)


class LoggedOffsiteMiddleware(OffsiteMiddleware):
    """Scrapy's offsite filter, saying which URL it kept the crawl from and why."""

    def process_request(self, request, spider=None):
        try:
            return super().process_request(request)
        except IgnoreRequest as refusal:
            logger.warning("%s: not followed: %s", site_url(request), refusal)
            request.meta[REFUSED] = f"not followed: {refusal}"
            raise
