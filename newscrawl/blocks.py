"""Soft blocks: a 200 page that is a bot challenge or a consent wall instead of the article.

A page counts as blocked only when it carries no article (no body worth the name) *and* one
of the named markers below: article pages routinely embed consent-manager and captcha
scripts, so a marker alone proves nothing.
"""
from __future__ import annotations

#: kind -> markers (lower-case substrings of the HTML); each kind is reported in the stats.
BLOCK_MARKERS = {
    "bot_challenge": ("cf-browser-verification", "challenge-platform", "cf-challenge", "just a moment...",
                      "checking your browser", "captcha-delivery.com", "px-captcha", "g-recaptcha", "h-captcha",
                      "are you a robot", "verify you are human", "bot detection", "access denied"),
    "consent_wall": ("consent.", "cookie consent", "cookie-consent", "before you continue",
                     "accept all cookies", "zustimmen und weiter", "tout accepter", "consent-wall", "pur-abo",
                     "consentwall"),
}
#: An article with at least this much body text is not a block page, whatever scripts it carries.
MIN_ARTICLE_CHARS = 400


def block_kind(html: str, body: str | None) -> str | None:
    """The kind of soft block the page is, or ``None`` when it is not one.

    >>> block_kind("<title>Just a moment...</title><div id='cf-challenge'></div>", None)
    'bot_challenge'
    >>> block_kind("<p>Accept all cookies to continue</p>", "")
    'consent_wall'
    >>> block_kind("<script src='https://consent.example/cmp.js'></script>", "Long article text. " * 40)
    """
    if body and len(body) >= MIN_ARTICLE_CHARS:
        return None
    page = html[:200_000].lower()
    for kind, markers in BLOCK_MARKERS.items():
        if any(marker in page for marker in markers):
            return kind
    return None
