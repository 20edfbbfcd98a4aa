"""The three wings: imports point one way, the top of the package stays small, old paths still load.

Layers, lowest first: the shared bottom (``items``, ``sites``, ``settings``), ``extract``, ``output``,
``crawl``, ``ops``.  A module may import its own layer and the layers below it, never one above.
"""
from __future__ import annotations

import ast
import json
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from newscrawl import MOVED_MODULES

PACKAGE = Path(__file__).resolve().parents[1] / "newscrawl"
LAYERS = {"items": 0, "sites": 0, "settings": 0, "extract": 1, "output": 2, "crawl": 3, "ops": 4,
          "__main__": 4, "__init__": 4}
TOP_LEVEL = {"__init__.py", "__main__.py", "settings.py", "items.py", "sites.py"}


def modules():
    return sorted(path for path in PACKAGE.rglob("*.py"))


def layer_of(dotted: str) -> int | None:
    """The layer of ``newscrawl.<part>...``; ``None`` for anything outside newscrawl."""
    parts = dotted.split(".")
    if parts[0] != "newscrawl":
        return None
    return LAYERS[parts[1]] if len(parts) > 1 else LAYERS["__init__"]


def imported(path: Path) -> list[tuple[int, str]]:
    """(line, dotted module) of every newscrawl import in a file, lazy ones inside functions included."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return [(line, name) for line, name in found if name.split(".")[0] == "newscrawl"]


def test_layer_of():
    assert layer_of("newscrawl.extract.text") < layer_of("newscrawl.output.state") < layer_of("newscrawl.crawl.fetch")
    assert layer_of("newscrawl.sites") == 0 and layer_of("scrapy.http") is None


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down(path):
    relative = path.relative_to(PACKAGE)
    own = LAYERS[relative.parts[0].removesuffix(".py")]
    upward = [f"line {line}: {name}" for line, name in imported(path) if layer_of(name) > own]
    assert not upward, f"{relative} (layer {own}) imports from a higher layer: {upward}"


def test_extract_imports_no_other_wing():
    """The pure wing: extract_article must run with nothing of the engine-side wings imported."""
    script = ("import sys, newscrawl.extract as e; e.extract_article('<h1>T</h1><p>x</p>', 'https://e.com/a');"
              "print(sorted({m.split('.')[1] for m in sys.modules if m.startswith('newscrawl.')}))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                          cwd=PACKAGE.parent)
    assert done.stdout.strip() == "['extract', 'items', 'sites']"


def test_top_level_holds_only_the_faces():
    assert {p.name for p in PACKAGE.glob("*.py")} == TOP_LEVEL
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"} == \
        {"crawl", "extract", "output", "ops"}


OLD_PATHS = [
    "newscrawl.middlewares.AddressPolicyMiddleware",
    "newscrawl.pipelines.DuplicateArticlePipeline",
    "newscrawl.revisions.IncrementalPipeline",
    "newscrawl.revisions.UnchangedListingFilter",
    "newscrawl.schema.SchemaValidationPipeline",
    "newscrawl.coverage.CoveragePipeline",
    "newscrawl.outputs.AtomicFileFeedStorage",
    "newscrawl.outputs.uri_params",
    "newscrawl.resolver.PublicAddressResolver",
    "newscrawl.distributed.SharedScheduler",
    "newscrawl.distributed.RedisSeenSet",
    "newscrawl.state.SqliteStore",
    "newscrawl.state.RedisStore",
    "newscrawl.extensions.JobDirGuard",
    "newscrawl.manifest.RunManifest",
    "newscrawl.monitors.RunMonitorSuite",
    "newscrawl.logformatter.NewscrawlLogFormatter",
    "newscrawl.spiders.sputnik.SputnikSpider",
    "newscrawl.parsers.parser_for",
    "newscrawl.parsers.sputnik.SputnikParser",
]
# One fresh interpreter loads every old path and says, for each, the warning its old module gave when
# first imported and the module the object it got was defined in.
LOAD_OLD_PATHS = """
import json, sys, warnings
from scrapy.utils.misc import load_object
out, warned = {}, {}
for path in sys.argv[1:]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DeprecationWarning)
        obj = load_object(path)
    old_module = path.rpartition(".")[0]
    warned.setdefault(old_module, [str(w.message) for w in caught if w.category is DeprecationWarning])
    out[path] = [" ".join(warned[old_module]), obj.__module__]
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def old_paths_loaded():
    done = subprocess.run([sys.executable, "-c", LOAD_OLD_PATHS, *OLD_PATHS], capture_output=True, text=True,
                          check=True, cwd=PACKAGE.parent)
    return json.loads(done.stdout)


@pytest.mark.parametrize("path", OLD_PATHS)
def test_old_paths_load_the_moved_object(old_paths_loaded, path):
    """A user's settings naming a class by its path before the move get the class at its new home, with a
    warning that says where."""
    warning, module = old_paths_loaded[path]
    assert warning and " moved to newscrawl." in warning, warning
    old_module = path.rpartition(".")[0]
    assert module != old_module and not any(module == old or module.startswith(old + ".") for old in MOVED_MODULES)


def test_moved_package_modules_are_not_loaded_twice():
    """An old path into a moved package gives the very class the new path gives, not a second copy."""
    from scrapy.utils.misc import load_object

    from newscrawl.crawl.spiders.sputnik import SputnikSpider

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        assert load_object("newscrawl.spiders.sputnik.SputnikSpider") is SputnikSpider
