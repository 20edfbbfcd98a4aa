"""``PublicAddressResolver`` (``TWISTED_DNS_RESOLVER``): Scrapy's caching resolver, refusing local answers.

``AddressPolicyMiddleware`` refuses local IP literals and local host names before a request is
made; a public-looking name can still resolve to a private, loopback or link-local address (DNS
rebinding, a hostile DNS record).  This resolver checks every answer, so such a name fails like
an unknown one.  Hosts of ``NEWSCRAWL_TRUSTED_ORIGINS`` may resolve anywhere.
"""
from __future__ import annotations

import ipaddress
import logging
from urllib.parse import urlsplit

from scrapy.resolver import CachingThreadedResolver
from twisted.internet.error import DNSLookupError

logger = logging.getLogger(__name__)


def local_answer(name: str, address: str) -> str | None:
    """Why ``address`` is no answer for public ``name``, or ``None`` when it is fine.

    >>> local_answer("news.example", "10.0.0.7")
    'news.example resolves to non-public address 10.0.0.7'
    >>> local_answer("news.example", "93.184.216.34") is None
    True
    """
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return f"{name} resolves to {address!r}, not an address"
    return None if ip.is_global else f"{name} resolves to non-public address {ip}"


class PublicAddressResolver(CachingThreadedResolver):
    def __init__(self, reactor, cache_size: int, timeout: float, trusted_hosts=()):
        super().__init__(reactor, cache_size, timeout)
        self.trusted_hosts = {host.lower() for host in trusted_hosts}

    @classmethod
    def from_crawler(cls, crawler, reactor):
        resolver = super().from_crawler(crawler, reactor)
        origins = crawler.settings.getlist("NEWSCRAWL_TRUSTED_ORIGINS")
        resolver.trusted_hosts = {urlsplit(origin).hostname for origin in origins} - {None}
        return resolver

    def getHostByName(self, name, timeout=()):  # noqa: N802 (Twisted's interface)
        answer = super().getHostByName(name, timeout)
        if name.lower() not in self.trusted_hosts:
            answer.addCallback(self._public_only, name)
        return answer

    @staticmethod
    def _public_only(address: str, name: str) -> str:
        reason = local_answer(name, address)
        if reason:
            # Said here: Twisted reports any failed lookup as "no results for hostname lookup".
            logger.warning("%s; refused (DNS rebinding guard)", reason)
            raise DNSLookupError(f"{reason}; refused")
        return address
