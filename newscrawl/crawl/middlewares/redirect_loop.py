"""``RedirectLoopMiddleware``: a redirect chain that comes back on itself is cut, and said so."""
from __future__ import annotations

from urllib.parse import urljoin

from scrapy.exceptions import IgnoreRequest


class RedirectLoopMiddleware:
    """Stop a redirect chain that comes back to a URL it already went through, and say so.

    Without it the loop ends silently in the duplicate filter.  Sits after RedirectMiddleware
    (600) in the response chain, so it sees the 3xx first.
    """

    def process_response(self, request, response):
        location = response.headers.get("Location")
        if not (300 <= response.status < 400 and location):
            return response
        target = urljoin(request.url, location.decode("latin-1"))
        if target == request.url or target in request.meta.get("redirect_urls", ()):
            raise IgnoreRequest(f"redirect loop back to {target}")
        return response
