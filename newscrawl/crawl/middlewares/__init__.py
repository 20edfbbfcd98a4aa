"""Downloader middlewares (and the spider half of the origin override), one a file as Scrapy keeps its
own; ``DOWNLOADER_MIDDLEWARES`` and ``SPIDER_MIDDLEWARES`` name them here."""
from newscrawl.crawl.middlewares.address_policy import AddressPolicyMiddleware
from newscrawl.crawl.middlewares.offsite import LoggedOffsiteMiddleware
from newscrawl.crawl.middlewares.origin_override import OriginOverrideMiddleware, OriginOverrideSpiderMiddleware
from newscrawl.crawl.middlewares.outcomes import RequestOutcomeMiddleware
from newscrawl.crawl.middlewares.redirect_loop import RedirectLoopMiddleware
from newscrawl.crawl.middlewares.retry_after import RetryAfterMiddleware
from newscrawl.crawl.middlewares.warc_archive import WarcArchiveMiddleware

__all__ = ["AddressPolicyMiddleware", "LoggedOffsiteMiddleware", "OriginOverrideMiddleware",
           "OriginOverrideSpiderMiddleware", "RedirectLoopMiddleware", "RequestOutcomeMiddleware",
           "RetryAfterMiddleware", "WarcArchiveMiddleware"]
