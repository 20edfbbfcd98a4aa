"""``scrapyd-deploy`` builds an egg scrapyd can run: the whole package, its record schema and the
``scrapy`` entry point naming the settings module."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile

from newscrawl.output.schema import SCHEMA_VERSION
from tests.conftest import ROOT


def test_scrapyd_deploy_builds_the_project_egg(tmp_path):
    project = tmp_path / "project"  # a copy: the build writes build/ and *.egg-info beside setup.py
    shutil.copytree(ROOT / "newscrawl", project / "newscrawl", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("setup.py", "pyproject.toml", "scrapy.cfg"):
        shutil.copy(ROOT / name, project / name)
    egg = tmp_path / "newscrawl.egg"
    scrapyd_deploy = shutil.which("scrapyd-deploy", path=os.path.dirname(sys.executable)) or "scrapyd-deploy"
    done = subprocess.run([scrapyd_deploy, f"--build-egg={egg}"], cwd=project, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(egg) as archive:
        names = set(archive.namelist())
        entry_points = archive.read("EGG-INFO/entry_points.txt").decode()
    sources = {path.relative_to(ROOT).as_posix() for path in (ROOT / "newscrawl").rglob("*.py")}
    assert sources <= names, sorted(sources - names)  # every module of every package
    schemas = {f"newscrawl/output/schema/article-v{v}{p}.json" for v in ("1", SCHEMA_VERSION) for p in ("", "-extract")}
    assert schemas <= names
    assert "settings = newscrawl.settings" in entry_points
    # scrapyd imports the project from the zipped egg (zipimport finds regular packages only); the
    # extract profile's $refs to article-v<N>.json resolve there (else is_valid raises)
    script = (f"import sys; sys.path.insert(0, {str(egg)!r}); import newscrawl.settings, newscrawl.output.schema as s; "
              "print(s.__file__, s.load_schema()['title'], s.validator(profile='extract').is_valid({'url': 'x'}))")
    load = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                          env={"PATH": os.environ["PATH"]})
    assert load.returncode == 0, load.stderr
    assert str(egg) in load.stdout and f"schema version {SCHEMA_VERSION}" in load.stdout
    assert load.stdout.endswith("False\n")
