"""Crawl speed and memory on a loopback news site (``bench/newssite.py``): pages/s and peak RSS of

- ``noop``: a plain Scrapy spider that parses nothing (the site's and the downloader's ceiling);
- ``extract``: ``extract_article`` alone over the same pages, one process;
- ``crawl``: ``scrapy crawl news`` as a user runs it (``-a site= -a base_url= -a since=``), with a
  fresh state store in a temporary folder;
- ``trafilatura``: the plain spider calling trafilatura (left out when it is not installed);
- ``rerun``: ``crawl`` again on the same store: what it fetched and exported (nothing, when every
  sitemap ``lastmod`` is unchanged);

then crawl / extract alone and crawl / no-op.  Every row runs in its own process; peak RSS is
sampled every ``SAMPLE_SECONDS`` over the row's process and all its descendants (``tree``: the
crawl may parse in worker processes) and over its main process alone.  CPU time a page, for the
row's main process and for its descendants (the parse workers), is what a noisy machine changes
least: with it, the crawl's pages/s on N free cores is at most N / (its CPU time a page).  No
delays, AutoThrottle off, robots.txt served and obeyed by the crawl, ``--concurrency`` requests at
a time.  Prints numbers only; nothing is asserted.

    python bench/crawl_speed.py [--pages 3000] [--concurrency 32] [--only crawl,rerun] [--json]
                                [--light] [--marks 2000,5000] [--keep FOLDER]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))  # run from a checkout, installed or not

from bench.newssite import HOST, SITE  # noqa: E402

ROWS = ("noop", "extract", "crawl", "trafilatura", "rerun")
SAMPLE_SECONDS = 0.2


def vm_rss(pid: int) -> int:
    """Resident memory of one process in bytes (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


def proportional_set_size(pid: int) -> int:
    """A process's share of the memory it maps, in bytes (``Pss`` of ``/proc/<pid>/smaps_rollup``):
    a page shared by N processes counts 1/N in each, so summed over a tree every page counts once.
    Worker processes forked from a preloaded server share most of their pages: summed RSS would
    count those pages once per worker."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return 0


def descendants(pid: int) -> list[int]:
    """``pid`` and every process below it, from ``/proc/<pid>/task/*/children``."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as children:
                    todo += [int(child) for child in children.read().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return found


def cpu_seconds(pid: int) -> float:
    """User + system CPU time one process has used so far (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()  # after the command name, which may hold spaces
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime (fields 14, 15)


class PeakMemory:
    """Samples a process tree's memory in a thread until stopped, peaks in bytes: ``tree`` (its
    processes' PSS summed: what the tree costs the machine), ``tree_rss`` (their RSS summed, shared
    pages counted in every process) and ``main`` (the main process's RSS); ``at_marks[n]``: the
    tree's peak by the time the site had served ``n`` article pages
    (``served()``, read every ``MARK_EVERY`` samples)."""

    MARK_EVERY = 5

    def __init__(self, pid: int, marks: list[int] = (), served=None):
        self.pid, self.tree, self.tree_rss, self.main = pid, 0, 0, 0
        self.cpu: dict[int, float] = {}  # CPU seconds of every process of the tree, as last seen
        self.marks, self.served, self.at_marks = sorted(marks), served, {}
        self.done = threading.Event()
        self.thread = threading.Thread(target=self.sample, daemon=True)
        self.thread.start()

    def sample(self):
        count = 0
        while not self.done.is_set():
            main = vm_rss(self.pid)
            self.main = max(self.main, main)
            tree = descendants(self.pid)
            for pid in tree:
                self.cpu[pid] = max(self.cpu.get(pid, 0.0), cpu_seconds(pid))
            self.tree_rss = max(self.tree_rss, main + sum(vm_rss(pid) for pid in tree[1:]))
            self.tree = max(self.tree, sum(proportional_set_size(pid) for pid in tree))
            count += 1
            if self.marks and count % self.MARK_EVERY == 0:
                served = self.served()
                while self.marks and self.marks[0] <= served:
                    self.at_marks[self.marks.pop(0)] = self.tree
            self.done.wait(SAMPLE_SECONDS)

    def stop(self):
        self.done.set()
        self.thread.join()


def measured(command: list[str], log: Path, cwd: Path, env: dict | None = None, marks=(), served=None) -> dict:
    """Run ``command`` to its end; its exit status, wall seconds, peak RSS (tree, main; and the
    tree's by ``marks`` article pages served, if given) and CPU seconds, the main process's and
    the whole tree's: each process's last sample (up to ``SAMPLE_SECONDS`` of a process's time
    may be missed), or the kernel's count for the process and the children it waited for when
    that is more (parse workers are a forkserver's children, which the crawl never waits for)."""
    start = time.perf_counter()
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=cwd, env=env)
        peak = PeakMemory(process.pid, marks, served)
        _, wait_status, usage = os.wait4(process.pid, 0)
        status = process.returncode = os.waitstatus_to_exitcode(wait_status)
        peak.stop()
    tree_cpu = max(usage.ru_utime + usage.ru_stime, sum(peak.cpu.values()))
    run = {"status": status, "wall_seconds": round(time.perf_counter() - start, 1),
           "cpu_seconds": round(tree_cpu, 1), "main_cpu_seconds": round(min(peak.cpu.get(process.pid, 0), tree_cpu), 1),
           "peak_tree_pss_mb": round(peak.tree / 2 ** 20, 1), "tree_rss_sum_mb": round(peak.tree_rss / 2 ** 20, 1),
           "main_rss_mb": round(peak.main / 2 ** 20, 1)}
    if marks:
        run["peak_tree_pss_mb_by_pages"] = {n: round(rss / 2 ** 20, 1) for n, rss in peak.at_marks.items()}
    return run


def served_counter(origin: str):
    """A function reading how many article pages the site has served (its ``/__served``)."""
    def served() -> int:
        with urllib.request.urlopen(origin + "/__served", timeout=10) as answer:
            return int(answer.read())
    return served


def baseline_row(row: str, origin: str, work: Path, concurrency: int, pages: int) -> dict:
    result_file = work / f"{row}.result.json"
    run = measured([sys.executable, str(BENCH / "baseline_rows.py"), row, "--origin", origin, "--result",
                    str(result_file), "--concurrency", str(concurrency), "--pages", str(pages)],
                   work / f"{row}.log", work)
    if run["status"] == 0:
        run.update(json.loads(result_file.read_text()))
    return run


def scrapy_command() -> list[str]:
    """The ``scrapy`` script beside this Python, as users run a crawl (its processes differ from
    ``python -m scrapy``'s: each new one imports the script); ``python -m scrapy`` without one."""
    script = Path(sys.executable).with_name("scrapy")
    return [str(script)] if script.exists() else [sys.executable, "-m", "scrapy"]


def crawl_row(row: str, origin: str, work: Path, concurrency: int, marks=(), settings=()) -> dict:
    """``scrapy crawl news`` on the site; ``rerun`` uses the store the ``crawl`` row left."""
    stats_file = work / f"{row}.stats.json"
    command = [*scrapy_command(), "crawl", "news", "-a", f"site={SITE}", "-a", f"base_url={origin}",
               "-a", "since=2000-01-01",
               "-s", f"CONCURRENT_REQUESTS={concurrency}", "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={concurrency}",
               "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0",
               "-s", f"NEWSCRAWL_STATE_URI=sqlite:///{work / 'state.db'}",
               "-s", f"NEWSCRAWL_OUTPUT_DIR={work / 'output'}", "-s", f"NEWSCRAWL_STATS_FILE={stats_file}",
               *[part for setting in settings for part in ("-s", setting)]]
    env = dict(os.environ, PYTHONPATH=str(ROOT), SCRAPY_SETTINGS_MODULE="newscrawl.settings")
    served = served_counter(origin)
    before = served()  # the rerun's marks count from its own start
    run = measured(command, work / f"{row}.log", work, env, [before + n for n in marks], served)
    if marks:
        run["peak_tree_pss_mb_by_pages"] = {n - before: rss for n, rss in run["peak_tree_pss_mb_by_pages"].items()}
    stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
    run.update(pages=stats.get(f"newscrawl/site/{HOST}/article/fetched", 0),
               seconds=stats.get("elapsed_time_seconds"), exported=stats.get("item_scraped_count", 0),
               copies_dropped=stats.get("newscrawl/dedup/duplicate_body", 0),
               not_fetched_unchanged=stats.get("newscrawl/incremental/not_fetched_unchanged", 0),
               not_fetched_copies=stats.get("newscrawl/incremental/not_fetched_copy", 0))
    return run


def start_site(pages: int, work: Path, light: bool = False) -> tuple[subprocess.Popen, str]:
    plan = work / "plan.json"
    subprocess.run([sys.executable, str(BENCH / "newssite.py"), "plan", "--plan", str(plan),
                    *(["--light"] if light else [])], check=True)
    server = subprocess.Popen([sys.executable, str(BENCH / "newssite.py"), "serve", "--pages", str(pages),
                               "--plan", str(plan)], stdout=subprocess.PIPE, text=True)
    return server, server.stdout.readline().strip()


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "?")
    memory = next((int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal:")), 0)
    return f"{os.cpu_count()} CPUs ({model}), {memory / 1024:.1f} GB RAM, Python {platform.python_version()}"


def rate(run: dict | None) -> float | None:
    if not run or run.get("status") != 0 or not run.get("seconds"):
        return None
    return run["pages"] / run["seconds"]


def cpu_cell(run: dict) -> str:
    """CPU milliseconds a page: the tree's, then (main process + its descendants) when it has any."""
    if not run.get("pages") or run.get("cpu_seconds") is None:
        return "-"
    whole, main = (1000 * run[key] / run["pages"] for key in ("cpu_seconds", "main_cpu_seconds"))
    return f"{whole:.1f}" + (f" ({main:.1f} + {whole - main:.1f})" if whole - main >= 0.05 * whole else "")


def table(results: dict, pages: int) -> str:
    names = {"noop": "plain Scrapy spider, parses nothing", "extract": "extract_article alone, one process",
             "crawl": "scrapy crawl news", "trafilatura": "plain Scrapy + trafilatura",
             "rerun": "scrapy crawl news, rerun on the same store"}
    lines = [f"{pages} article pages ({results['site']}), concurrency {results['concurrency']}; {results['machine']}",
             "", "| run | pages | seconds | pages/s | CPU ms a page: all (main process + workers) "
                 "| peak memory: tree PSS (tree RSS summed; main RSS) |",
             "|---|---|---|---|---|---|"]
    for row in ROWS:
        run = results["rows"].get(row)
        if run is None:
            continue
        if run.get("skipped"):
            lines.append(f"| {names[row]} | skipped: {run['skipped']} | | | | |")
            continue
        speed = rate(run)
        failed = "" if run["status"] == 0 else f" (exit status {run['status']})"
        seconds = f"{run['seconds']:.1f}" if run.get("seconds") else "-"
        speed = f"{speed:.1f}" if speed else "-"
        lines.append(f"| {names[row]}{failed} | {run.get('pages', '-')} | {seconds} | {speed} | {cpu_cell(run)} | "
                     f"{run['peak_tree_pss_mb']:.0f} MB ({run.get('tree_rss_sum_mb', 0):.0f} MB; "
                     f"{run['main_rss_mb']:.0f} MB) |")
    crawl = rate(results["rows"].get("crawl"))
    for row, label in (("extract", "crawl / extract alone"), ("noop", "crawl / no-op")):
        other = rate(results["rows"].get(row))
        if crawl and other:
            lines.append(f"\n{label}: {crawl / other:.2f}x")
    crawl_run = results["rows"].get("crawl")
    if crawl and crawl_run.get("cpu_seconds"):
        cores = os.cpu_count() or 1
        ceiling = cores * crawl_run["pages"] / crawl_run["cpu_seconds"]
        lines.append(f"\ncrawl ceiling on {cores} free cores (cores / CPU time a page): {ceiling:.1f} pages/s")
    for row in ("crawl", "rerun"):
        run = results["rows"].get(row)
        if run and not run.get("skipped"):
            lines.append(f"\n{row}: fetched {run['pages']} articles, exported {run['exported']}, dropped "
                         f"{run['copies_dropped']} copies; not fetched: {run['not_fetched_unchanged']} unchanged, "
                         f"{run['not_fetched_copies']} known copies")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--only", default=",".join(ROWS), help=f"rows to run, comma-separated: {', '.join(ROWS)}")
    parser.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    parser.add_argument("--marks", default="", help="crawl rows: also the peak RSS by these numbers of article "
                                                         "pages served, comma-separated (e.g. 2000,5000)")
    parser.add_argument("--setting", "-s", action="append", default=[],
                        help="crawl rows: one more -s NAME=VALUE for scrapy crawl (e.g. CLOSESPIDER_PAGECOUNT=3000)")
    parser.add_argument("--light", action="store_true",
                        help="small pages made from the corpus records (newssite.light_page): for memory at scale")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (logs, store, feeds)")
    args = parser.parse_args(argv)
    rows = [row.strip() for row in args.only.split(",") if row.strip()]
    unknown = sorted(set(rows) - set(ROWS))
    if unknown or args.pages < 1:
        parser.error(f"unknown rows {unknown}: choose from {', '.join(ROWS)}" if unknown else "--pages must be >= 1")
    if "rerun" in rows and "crawl" not in rows:
        parser.error("rerun needs the crawl row (it reruns on the crawl's store)")
    with tempfile.TemporaryDirectory(prefix="crawl_speed-") as temporary:
        work = args.keep or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        server, origin = start_site(args.pages, work, args.light)
        try:
            from bench.newssite import site_from_plan

            site = site_from_plan(work / "plan.json", args.pages)
            kinds = site.kinds()
            results = {"pages": args.pages, "concurrency": args.concurrency, "machine": machine(),
                       "site": f"{len(site.templates)} {'light ' if args.light else ''}templates; "
                               f"{kinds['unique']} unique, "
                               f"{kinds['exact_copy']} exact copies, {kinds['near_copy']} near copies",
                       "rows": {}}
            del site
            for row in ROWS:
                if row not in rows:
                    continue
                if row == "trafilatura" and importlib.util.find_spec("trafilatura") is None:
                    results["rows"][row] = {"skipped": "trafilatura not installed"}
                elif row in ("crawl", "rerun"):
                    marks = [int(n) for n in args.marks.split(",") if n.strip()]
                    results["rows"][row] = crawl_row(row, origin, work, args.concurrency, marks, args.setting)
                else:
                    results["rows"][row] = baseline_row(row, origin, work, args.concurrency, args.pages)
                print(f"{row}: {results['rows'][row]}", file=sys.stderr, flush=True)
        finally:
            server.terminate()
            server.wait()
    print(json.dumps(results, indent=1) if args.json else table(results, args.pages))
    return 0 if all(run.get("skipped") or run["status"] == 0 for run in results["rows"].values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
