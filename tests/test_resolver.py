"""The DNS rebinding guard with a real Twisted reactor and the system resolver (in a subprocess)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from newscrawl.crawl.resolver import local_answer
from tests.conftest import ROOT

RESOLVE = """
from twisted.internet import asyncioreactor
asyncioreactor.install()
from twisted.internet import defer, reactor
from newscrawl.crawl.resolver import PublicAddressResolver

@defer.inlineCallbacks
def main():
    try:
        address = yield PublicAddressResolver(reactor, 0, 5.0, {trusted!r}).getHostByName("localhost")
        print("resolved", address)
    except Exception as error:
        print("refused", type(error).__name__, error)
    reactor.stop()

reactor.callWhenRunning(main)
reactor.run()
"""


def resolve_localhost(trusted) -> str:
    done = subprocess.run([sys.executable, "-c", RESOLVE.format(trusted=trusted)], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    return done.stdout.strip() or done.stderr


def test_a_name_resolving_to_a_local_address_is_refused():
    assert resolve_localhost(()) == ("refused DNSLookupError DNS lookup failed: localhost resolves to non-public "
                                     "address 127.0.0.1; refused.")


def test_a_trusted_host_may_resolve_locally():
    assert resolve_localhost(("localhost",)) == "resolved 127.0.0.1"


@pytest.mark.parametrize(("address", "refused"), [("93.184.216.34", False), ("2606:2800:220:1::1", False),
                                                   ("10.1.2.3", True), ("169.254.169.254", True), ("::1", True),
                                                   ("fd00::1", True), ("100.64.0.1", True), ("nonsense", True)])
def test_local_answers(address, refused):
    assert (local_answer("news.example", address) is not None) is refused
