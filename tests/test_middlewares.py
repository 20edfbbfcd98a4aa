"""Table tests of the downloader middlewares' decisions (the crawls in tests/faults exercise them live)."""
from __future__ import annotations

import pytest

from newscrawl.crawl.middlewares import AddressPolicyMiddleware, RetryAfterMiddleware

POLICY = [
    ("https://www.example.com/2024/05/03/story.html", None),
    ("http://93.184.216.34/news/1.html", None),
    ("file:///etc/passwd", "scheme 'file' refused"),
    ("ftp://example.com/x", "scheme 'ftp' refused"),
    ("http://127.0.0.1:8080/admin", "non-public address 127.0.0.1"),
    ("http://10.1.2.3/internal", "non-public address 10.1.2.3"),
    ("http://192.168.0.1/", "non-public address 192.168.0.1"),
    ("http://172.16.5.4/", "non-public address 172.16.5.4"),
    ("http://169.254.169.254/latest/meta-data/", "non-public address 169.254.169.254"),
    ("http://[::1]:9000/", "non-public address ::1"),
    ("http://[fe80::1]/", "non-public address fe80::1"),
    ("http://0.0.0.0/", "non-public address 0.0.0.0"),
    ("http://localhost:6379/", "local host name 'localhost'"),
    ("http://localhost.:6379/", "local host name 'localhost'"),
    ("http://printer.local/", "local host name 'printer.local'"),
    ("http://intranet/", "local host name 'intranet'"),
    ("http://127.0.0.1:8000/news/1.html", None),  # the trusted origin below
]


@pytest.mark.parametrize(("url", "reason"), POLICY)
def test_address_policy(url, reason):
    policy = AddressPolicyMiddleware(["http://127.0.0.1:8000"], stats=None)
    assert policy.refusal(url) == reason


@pytest.mark.parametrize(("value", "now", "seconds"), [
    ("120", 0.0, 120.0),
    (" 3 ", 0.0, 3.0),
    ("Wed, 21 Oct 2015 07:28:00 GMT", 1445412470.0, 10.0),
    ("Wed, 21 Oct 2015 07:28:00 GMT", 1445412490.0, 0.0),  # already past: no wait
    ("tomorrow", 0.0, None),
])
def test_retry_after_values(value, now, seconds):
    assert RetryAfterMiddleware.retry_after_seconds(value, now) == seconds
