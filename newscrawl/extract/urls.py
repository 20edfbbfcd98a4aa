"""URL facts every wing asks the same way: a URL's site, whether a host is on a domain, and the
canonical URL a page declares."""
from __future__ import annotations

from urllib.parse import urljoin, urlsplit


def site_of(url: str | None) -> str | None:
    """The publishing domain of a URL, without ``www.``.

    >>> site_of("https://www.example.com/a.html")
    'example.com'
    """
    host = urlsplit(url or "").hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def on_domain(host: str | None, domains) -> bool:
    """Whether ``host`` is one of ``domains`` or a subdomain of one.

    >>> on_domain("fr.sputniknews.africa", ["sputniknews.africa"]), on_domain("notexample.com", ["example.com"])
    (True, False)
    """
    host = host or ""
    return any(host == domain or host.endswith("." + domain) for domain in domains)


def canonical_link(selector, meta, url: str) -> str | None:
    """The page's declared canonical URL, absolute: ``link[rel=canonical]``, else ``og:url``
    (``meta`` is the page's ``PageMetadata``).

    >>> from parsel import Selector
    >>> from newscrawl.extract.metadata import PageMetadata
    >>> page = Selector(text='<meta property="og:url" content=" /a.html ">')
    >>> canonical_link(page, PageMetadata(page), "https://e.com/x?y")
    'https://e.com/a.html'
    >>> page = Selector(text="<p>no link</p>")
    >>> canonical_link(page, PageMetadata(page), "https://e.com/x") is None
    True
    """
    href = selector.xpath("//link[@rel='canonical']/@href").get() or meta.meta("og:url")
    return urljoin(url, href.strip()) if href else None
