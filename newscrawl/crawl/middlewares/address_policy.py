"""``AddressPolicyMiddleware``: no request into the local network or to a non-web scheme (SSRF guard)."""
from __future__ import annotations

import ipaddress
import logging
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import IgnoreRequest

from newscrawl.crawl.middlewares.outcomes import REFUSED

logger = logging.getLogger(__name__)


def _ip_address(host: str):
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


class AddressPolicyMiddleware:
    """Refuse requests a public news crawl has no business making (SSRF guard).

    Only ``http``/``https``; no private, loopback, link-local or reserved address and no
    ``localhost``-style name, unless its origin is listed in ``NEWSCRAWL_TRUSTED_ORIGINS`` or is
    the spider's ``-a base_url=`` (the operator named it on the command line).  Redirects pass
    through here too, so a public page cannot redirect the crawler into the local network.
    """

    schemes = ("http", "https")
    local_suffixes = (".localhost", ".local", ".internal", ".localdomain", ".home.arpa")

    def __init__(self, trusted_origins, stats):
        self.trusted = {origin.rstrip("/").lower() for origin in trusted_origins}
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        policy = cls(crawler.settings.getlist("NEWSCRAWL_TRUSTED_ORIGINS"), crawler.stats)
        # Checked when a request is scheduled too: the offsite filter drops requests silently there.
        crawler.signals.connect(policy.process_request, signal=signals.request_scheduled)
        crawler.signals.connect(policy.spider_opened, signal=signals.spider_opened)
        return policy

    def spider_opened(self, spider):
        """The operator's own ``-a base_url=`` origin is trusted for this run (only that origin)."""
        base_url = getattr(spider, "base_url", None)
        if base_url:
            self.trust(base_url)

    def trust(self, url: str) -> None:
        parts = urlsplit(url)
        self.trusted.add(f"{parts.scheme}://{parts.netloc}".lower())

    def refusal(self, url: str) -> str | None:
        """Why ``url`` is refused, or ``None`` when it may be fetched."""
        parts = urlsplit(url)
        if parts.scheme not in self.schemes:
            return f"scheme {parts.scheme or 'none'!r} refused"
        if f"{parts.scheme}://{parts.netloc}".lower() in self.trusted:
            return None
        host = (parts.hostname or "").lower().rstrip(".")  # "localhost." is localhost
        address = _ip_address(host)
        if address is not None and not address.is_global:
            return f"non-public address {address}"
        if host == "localhost" or host.endswith(self.local_suffixes) or (address is None and "." not in host):
            return f"local host name {host!r}"
        return None

    def process_request(self, request, spider=None):
        reason = self.refusal(request.url)
        if reason:
            logger.warning("%s: refused: %s", request.url, reason)
            self.stats.inc_value("newscrawl/refused/" + reason.split()[0])
            request.meta[REFUSED] = reason  # for the per-site outcome, when dropped at scheduling
            raise IgnoreRequest(f"{reason}: {request.url}")
        return None
