"""``python -m newscrawl ccnews --since DAY --until DAY [--site HOST] [--redis URL]``: re-extraction
from Common Crawl's CC-NEWS archive, streamed.

CC-NEWS publishes one path list a month, ``<base>/crawl-data/CC-NEWS/YYYY/MM/warc.paths.gz``, one
WARC path a line, each file named by when it was written
(``crawl-data/CC-NEWS/2024/01/CC-NEWS-20240101003415-00000.warc.gz``).  The files of the days asked
for are streamed over HTTP(S) one after the other (never stored on disk: ``read_warc_stream``) and
extracted as ``python -m newscrawl extract`` does (``newscrawl.ops.warc_extract``).  With
``--redis URL`` several processes, on one machine or several, share the list: each file is
claimed in a Redis set before it is read (``SADD`` claims atomically), so every file is read once.
"""
from __future__ import annotations

import gzip
import re
import sys
from collections.abc import Iterator
from datetime import date
from urllib.request import Request, urlopen

from newscrawl.ops.warc_extract import Selection, extract_sources
from newscrawl.ops.warc_input import WarcProblem, read_warc_stream

#: Where Common Crawl serves its files over HTTPS (``--base-url`` points elsewhere: a mirror, a test server).
CC_BASE_URL = "https://data.commoncrawl.org"
FILE_DAY = re.compile(r"CC-NEWS-(\d{4})(\d{2})(\d{2})\d{6}-\d+\.warc\.gz$")
USER_AGENT = "newscrawl ccnews (+https://github.com/newscrawl/newscrawl)"


def months(since: date, until: date) -> list[tuple[int, int]]:
    """The (year, month) pairs from ``since`` to ``until``.

    >>> months(date(2024, 11, 30), date(2025, 1, 2))
    [(2024, 11), (2024, 12), (2025, 1)]
    """
    first, last = since.year * 12 + since.month - 1, until.year * 12 + until.month - 1
    return [(n // 12, n % 12 + 1) for n in range(first, last + 1)]


def file_day(path: str) -> date | None:
    """The day a CC-NEWS file was written, from its name; None for another name.

    >>> file_day("crawl-data/CC-NEWS/2024/01/CC-NEWS-20240102003415-00007.warc.gz")
    datetime.date(2024, 1, 2)
    """
    found = FILE_DAY.search(path)
    return date(*map(int, found.groups())) if found else None


def fetch(url: str, timeout: float = 60):
    return urlopen(Request(url, headers={"User-Agent": USER_AGENT}), timeout=timeout)  # noqa: S310 (http(s) only)


def warc_paths(base_url: str, since: date, until: date) -> list[str]:
    """The CC-NEWS WARC paths written from ``since`` to ``until`` (inclusive), in list order."""
    paths = []
    for year, month in months(since, until):
        with fetch(f"{base_url}/crawl-data/CC-NEWS/{year}/{month:02d}/warc.paths.gz") as answer:
            listing = gzip.decompress(answer.read()).decode("utf-8")
        paths += [line.strip() for line in listing.splitlines()
                  if line.strip() and since <= (file_day(line.strip()) or date.min) <= until]
    return paths


def claimed(paths: list[str], redis_url: str | None, since: date, until: date) -> Iterator[str]:
    """The paths this process reads: all of them, or with Redis those no other process claimed first."""
    if not redis_url:
        yield from paths
        return
    import redis  # only shared runs need the client

    client, key = redis.Redis.from_url(redis_url), f"newscrawl:ccnews:{since}:{until}:claimed"
    for path in paths:
        if client.sadd(key, path):
            yield path


def streamed(base_url: str, path: str, max_bytes: int):
    """The records of one CC-NEWS file, read as it arrives."""
    url = f"{base_url}/{path}"
    try:
        answer = fetch(url)
    except OSError as error:
        yield WarcProblem(url, 0, f"cannot fetch: {error}")
        return
    with answer:
        yield from read_warc_stream(answer, path.rsplit("/", 1)[-1], max_bytes)


def ccnews_command(args) -> int:
    """Extract the CC-NEWS files of ``--since``..``--until`` to stdout; 1 when a file or record
    could not be read (each named on stderr), 2 when the path lists cannot be had."""
    base = args.base_url.rstrip("/")
    if args.since > args.until:
        print(f"newscrawl ccnews: --since {args.since} is after --until {args.until}", file=sys.stderr)
        return 2
    try:
        paths = warc_paths(base, args.since, args.until)
    except OSError as error:
        print(f"newscrawl ccnews: cannot read the CC-NEWS path lists at {base}: {error}",
              file=sys.stderr)
        return 2
    selection = Selection(args.since, args.until, args.site or ())
    sources = ((f"{base}/{path}", streamed(base, path, args.max_bytes))
               for path in claimed(paths, args.redis, args.since, args.until))
    return extract_sources(sources, selection, args.workers)
