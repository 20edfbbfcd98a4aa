"""Named extraction rules: each decision the generic parser makes beyond "take the declared value"
is a function registered here, so it can be measured.

``@rule(off=...)`` registers a function under ``<module>.<function>`` and says what the page would get
without it (``off`` is called with the same arguments: ``lambda text: text`` for a cleaning step,
``lambda *a, **k: None`` for a finder).  Nothing changes for a normal call.  ``bench/rule_reach.py``
(and ``tests/test_rule_reach.py``) use the two hooks below to ask, over whole corpora, on how many
publishers each rule *fires* (its result differs from its ``off`` result): a rule that fires on one
publisher only is fitted to that publisher and belongs in its site parser.

One kind of rule is exempt from that count, and says so: ``@rule(off=..., declared="why")`` marks a
rule that falls back on text the page itself declares (JSON-LD ``articleBody`` where the markup
shows a fragment of it).  It reads no markup pattern or vocabulary that could be fitted to a
publisher, and how often it fires measures how many pages render their text by script, not how
general it is.  The reach tools list such rules apart, with their reason.

The switches are context variables, not module state: a measurement in one thread or task never
changes another's extraction.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

#: Rule names switched off in the current context (the reach bench's ablations).
_SWITCHED_OFF: ContextVar[frozenset[str]] = ContextVar("switched_off", default=frozenset())
#: While set: rule name -> number of calls whose result differed from ``off``'s.
_FIRINGS: ContextVar[dict[str, int] | None] = ContextVar("firings", default=None)


@dataclass(frozen=True)
class Rule:
    name: str
    function: Callable
    off: Callable
    doc: str
    declared: str | None = None
    """Why the rule only reads what the page declares (exempt from the reach minimum); ``None``: a heuristic."""


#: name -> rule, filled as the generic modules are imported (a table, like a module's constants).
RULES: dict[str, Rule] = {}


def rule(off: Callable, name: str | None = None, declared: str | None = None):
    """Register the decorated function as a named rule whose absence gives ``off(*args, **kwargs)``;
    ``declared``: the reason it only falls back on the page's own declared data (see the module)."""

    def register(function: Callable) -> Callable:
        key = name or f"{function.__module__.rsplit('.', 1)[-1]}.{function.__name__}"

        @functools.wraps(function)
        def call(*args, **kwargs):
            if key in _SWITCHED_OFF.get():
                return off(*args, **kwargs)
            result = function(*args, **kwargs)
            firings = _FIRINGS.get()
            if firings is not None and result != off(*args, **kwargs):
                firings[key] = firings.get(key, 0) + 1
            return result

        RULES[key] = Rule(key, function, off, (function.__doc__ or "").strip().split("\n")[0], declared)
        return call

    return register


@contextmanager
def switched_off(*names: str) -> Iterator[None]:
    """Run the block with these rules giving their ``off`` result (for ablation measurements)."""
    unknown = set(names) - set(RULES)
    if unknown:
        raise KeyError(f"no such rule: {', '.join(sorted(unknown))}")
    token = _SWITCHED_OFF.set(_SWITCHED_OFF.get() | frozenset(names))
    try:
        yield
    finally:
        _SWITCHED_OFF.reset(token)


@contextmanager
def counting_firings() -> Iterator[dict[str, int]]:
    """Count, per rule, the calls in the block whose result differed from the rule's ``off`` result."""
    firings: dict[str, int] = {}
    token = _FIRINGS.set(firings)
    try:
        yield firings
    finally:
        _FIRINGS.reset(token)
