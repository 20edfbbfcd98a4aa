"""newscrawl: news sites to clean, deduplicated JSON Lines (see README.md).

Three wings, imports pointing one way (``tests/test_layout.py`` checks it):

- ``newscrawl.extract``: page -> fields, a pure function of (HTML, URL); imports no other wing;
- ``newscrawl.output``: item -> clean, unique, exported item (pipelines, state store, feeds,
  manifest, schema); may use extract;
- ``newscrawl.crawl``: which URLs, in what order (spiders, listings, fetch, middlewares); may use
  extract, and output's state store;
- ``newscrawl.ops``: the commands and the run's verdict; may use every wing.

Below them all: ``settings``, ``items`` (the record) and ``sites`` (the site registry).

A regular package, not a namespace one: scrapyd imports the project from a zipped egg, and
zipimport does not find namespace packages.
"""
from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
import warnings

#: Modules of the flat layout before the three wings -> where their names live now.  Users name
#: these paths in their own settings (``-s ITEM_PIPELINES=...``, ``DOWNLOADER_MIDDLEWARES``,
#: ``NEWSCRAWL_STATE_URI`` stores in scripts), so the old paths keep working, with a warning.
MOVED_MODULES = {
    "newscrawl.middlewares": ("newscrawl.crawl.middlewares",),
    "newscrawl.resolver": ("newscrawl.crawl.resolver",),
    "newscrawl.distributed": ("newscrawl.crawl.distributed", "newscrawl.output.seen"),
    "newscrawl.heuristics": ("newscrawl.crawl.url_shapes",),
    "newscrawl.encoding": ("newscrawl.crawl.fetch",),
    "newscrawl.blocks": ("newscrawl.crawl.fetch",),
    "newscrawl.spiders": ("newscrawl.crawl.spiders",),
    "newscrawl.pipelines": ("newscrawl.output.pipelines",),
    "newscrawl.coverage": ("newscrawl.output.coverage",),
    "newscrawl.revisions": ("newscrawl.output.revisions", "newscrawl.crawl.incremental"),
    "newscrawl.state": ("newscrawl.output.state",),
    "newscrawl.outputs": ("newscrawl.output.feeds",),
    "newscrawl.manifest": ("newscrawl.output.manifest",),
    "newscrawl.schema": ("newscrawl.output.schema",),
    "newscrawl.monitors": ("newscrawl.ops.monitors", "newscrawl.output.manifest", "newscrawl.ops.lock"),
    "newscrawl.extensions": ("newscrawl.ops.extensions",),
    "newscrawl.logformatter": ("newscrawl.ops.logformatter",),
    "newscrawl.lock": ("newscrawl.ops.lock",),
    "newscrawl.commands": ("newscrawl.ops.commands",),
    "newscrawl.parsers": ("newscrawl.extract.registry", "newscrawl.extract.parser"),
    "newscrawl.parsers.base": ("newscrawl.extract.parser", "newscrawl.extract.urls"),
    "newscrawl.parsers.generic": ("newscrawl.extract.generic.parser",),
    "newscrawl.parsers.sputnik": ("newscrawl.extract.sites.sputnik",),
    **{f"newscrawl.parsers.{name}": (f"newscrawl.extract.generic.{name}",)
       for name in ("body", "boilerplate", "bylines", "captions", "headlines", "visible_dates")},
}
#: Old package paths whose submodules moved with them (``newscrawl.spiders.sputnik``).
MOVED_PACKAGES = {"newscrawl.spiders.": "newscrawl.crawl.spiders.", "newscrawl.commands.": "newscrawl.ops.commands."}


def _new_paths(name: str) -> tuple[str, ...]:
    if name in MOVED_MODULES:
        return MOVED_MODULES[name]
    for old, new in MOVED_PACKAGES.items():
        if name.startswith(old):
            return (new + name[len(old):],)
    return ()


class _MovedModule(importlib.abc.Loader):
    """Serves an old module path: the new module itself, or a stand-in that looks a name up in
    each of the modules its contents were split into."""

    def __init__(self, targets: tuple[str, ...]):
        self.targets = targets

    def create_module(self, spec):
        warnings.warn(f"{spec.name} moved to {' and '.join(self.targets)}; import it from there",
                      DeprecationWarning, stacklevel=3)
        if len(self.targets) == 1:
            return importlib.import_module(self.targets[0])
        module = type(sys)(spec.name)
        modules = [importlib.import_module(target) for target in self.targets]

        def lookup(name):
            for target in modules:
                if hasattr(target, name):
                    return getattr(target, name)
            raise AttributeError(f"module {spec.name!r} has no attribute {name!r}")

        module.__getattr__ = lookup
        module.__path__ = []  # a package, so that its old submodule paths resolve through this finder
        return module

    def exec_module(self, module):
        pass  # the new modules were executed on import


class _MovedModuleFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        targets = _new_paths(name)
        if not targets:
            return None
        return importlib.util.spec_from_loader(name, _MovedModule(targets))


# First in line: an old package path's submodules would otherwise be found again on disk through the
# moved package's __path__ and imported a second time under the old name (two copies of each class).
if not any(isinstance(finder, _MovedModuleFinder) for finder in sys.meta_path):
    sys.meta_path.insert(0, _MovedModuleFinder())
