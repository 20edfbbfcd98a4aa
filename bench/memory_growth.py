"""What grows per page in a crawl's main process: ``scrapy crawl news`` on the benchmark site
(``bench/newssite.py``) with tracemalloc on, snapshots taken after ``--at`` article pages (default
5,000 and 20,000) and diffed: the allocation sites that grew most between the first and the last,
the object types that grew most in number (``gc``), and RSS at each snapshot.

    python bench/memory_growth.py [--light] [--pages 25000] [--at 5000,20000] [--frames 6] [--report growth.txt]

The crawl runs with the ``MemorySnapshots`` extension below added to the project's
``EXTENSIONS`` for this run only; tracemalloc slows the crawl, so its pages/s mean nothing.
"""
from __future__ import annotations

import argparse
import collections
import gc
import json
import os
import subprocess
import sys
import tempfile
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout, installed or not

from bench.crawl_speed import start_site, vm_rss  # noqa: E402
from bench.newssite import SITE  # noqa: E402


class MemorySnapshots:
    """Scrapy extension: tracemalloc snapshots after ``MEMORY_SNAPSHOT_PAGES`` article pages; the
    diff of the first and last written to ``MEMORY_SNAPSHOT_REPORT``."""

    def __init__(self, at: list[int], report: Path, frames: int):
        self.at, self.report, self.frames = sorted(at), report, frames
        self.pages, self.snapshots = 0, []
        tracemalloc.start(frames)

    @classmethod
    def from_crawler(cls, crawler):
        from scrapy import signals

        settings = crawler.settings
        extension = cls([int(n) for n in settings.get("MEMORY_SNAPSHOT_PAGES").split(",")],
                        Path(settings.get("MEMORY_SNAPSHOT_REPORT")), settings.getint("MEMORY_SNAPSHOT_FRAMES", 6))
        crawler.signals.connect(extension.response_received, signal=signals.response_received)
        return extension

    def response_received(self, response, request, spider):
        if getattr(request.callback, "__name__", "") != "parse_article":
            return
        self.pages += 1
        if self.pages in self.at:
            gc.collect()
            types = collections.Counter(type(o).__name__ for o in gc.get_objects())
            self.snapshots.append((self.pages, vm_rss(os.getpid()), tracemalloc.take_snapshot(), types))
            if self.pages == self.at[-1]:
                self.write()

    def write(self):
        (first, rss0, snap0, types0), (last, rss1, snap1, types1) = self.snapshots[0], self.snapshots[-1]
        lines = [f"RSS {rss0 / 2**20:.1f} MB at {first} pages, {rss1 / 2**20:.1f} MB at {last} pages: "
                 f"{(rss1 - rss0) / (last - first):.0f} bytes a page",
                 f"traced {sum(s.size for s in snap0.statistics('filename')) / 2**20:.1f} MB -> "
                 f"{sum(s.size for s in snap1.statistics('filename')) / 2**20:.1f} MB", "",
                 "Allocation sites that grew most (bytes a page, count):"]
        for stat in snap1.compare_to(snap0, "lineno")[:30]:
            lines.append(f"  {stat.size_diff / (last - first):8.0f} B/page {stat.count_diff:+8d}  {stat.traceback[0]}")
        lines += ["", "Object types that grew most in number:"]
        for name, count in (types1 - types0).most_common(20):
            lines.append(f"  {count:+8d}  {name}")
        lines += ["", "Top growing tracebacks:"]
        for stat in snap1.compare_to(snap0, "traceback")[:12]:
            lines.append(f"  {stat.size_diff / (last - first):8.0f} B/page {stat.count_diff:+8d}")
            lines += [f"      {frame}" for frame in stat.traceback.format()[-2 * self.frames:]]
        self.report.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=25000)
    parser.add_argument("--at", default="5000,20000")
    parser.add_argument("--frames", type=int, default=6)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--light", action="store_true", help="small pages (newssite.light_page)")
    parser.add_argument("--report", type=Path, default=Path("memory-growth.txt"))
    parser.add_argument("--setting", "-s", action="append", default=[], help="more -s NAME=VALUE for the crawl")
    args = parser.parse_args(argv)
    from newscrawl import settings

    extensions = {**settings.EXTENSIONS, "bench.memory_growth.MemorySnapshots": 900}
    with tempfile.TemporaryDirectory(prefix="memory_growth-") as temporary:
        work = Path(temporary)
        server, origin = start_site(args.pages, work, args.light)
        try:
            command = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"site={SITE}", "-a",
                       f"base_url={origin}", "-a", "since=2000-01-01",
                       "-s", f"CONCURRENT_REQUESTS={args.concurrency}",
                       "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={args.concurrency}",
                       "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0",
                       "-s", f"NEWSCRAWL_STATE_URI=sqlite:///{work / 'state.db'}",
                       "-s", f"NEWSCRAWL_OUTPUT_DIR={work / 'output'}", "-s", f"EXTENSIONS={json.dumps(extensions)}",
                       "-s", f"MEMORY_SNAPSHOT_PAGES={args.at}", "-s", f"MEMORY_SNAPSHOT_FRAMES={args.frames}",
                       "-s", f"MEMORY_SNAPSHOT_REPORT={args.report.resolve()}", "-s", "LOG_LEVEL=WARNING",
                       *[part for setting in args.setting for part in ("-s", setting)]]
            env = dict(os.environ, PYTHONPATH=str(ROOT), SCRAPY_SETTINGS_MODULE="newscrawl.settings")
            done = subprocess.run(command, cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  text=True)
        finally:
            server.terminate()
            server.wait()
    if not args.report.exists():
        print(f"no report: the crawl (exit status {done.returncode}) fetched fewer pages than {args.at}\n"
              f"{done.stderr[-2000:]}")
        return 1
    print(args.report.read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
