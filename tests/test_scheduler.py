"""``DiskQueueScheduler``: pending requests wait on disk in a temporary folder, removed at the end;
the crawl is the same as with memory queues; a folder that cannot be made leaves them in memory."""
from __future__ import annotations

from tests.conftest import run_crawl
from tests.test_spider_news import HOST, news_site  # noqa: F401 (the fixture)


def crawl(site, tmp_path, name, *settings):
    return run_crawl("news", tmp_path / f"{name}.jsonl", "-a", f"site=http://{HOST}", "-a", f"base_url={site.url}",
                     *settings)


def test_requests_wait_on_disk_and_the_folder_goes_away(news_site, tmp_path):  # noqa: F811
    folder = tmp_path / "queues"
    folder.mkdir()
    on_disk = crawl(news_site, tmp_path, "disk", "-s", f"NEWSCRAWL_REQUESTS_DIR={folder}")
    assert on_disk.returncode == 0, on_disk.log
    assert on_disk.stats["scheduler/enqueued/disk"] == on_disk.stats["scheduler/enqueued"] > 6
    assert "scheduler/enqueued/memory" not in on_disk.stats
    assert list(folder.iterdir()) == []  # removed when the spider closed
    in_memory = crawl(news_site, tmp_path, "memory", "-s", "NEWSCRAWL_REQUESTS_ON_DISK=0")
    assert in_memory.returncode == 0, in_memory.log
    assert in_memory.stats["scheduler/enqueued/memory"] == in_memory.stats["scheduler/enqueued"]
    assert sorted(r["url"] for r in on_disk.records) == sorted(r["url"] for r in in_memory.records)
    assert len(on_disk.records) == 6


def test_a_folder_that_cannot_be_made_keeps_them_in_memory(news_site, tmp_path):  # noqa: F811
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = crawl(news_site, tmp_path, "fallback", "-s", f"NEWSCRAWL_REQUESTS_DIR={blocker}")
    assert result.returncode == 0, result.log
    assert f"pending requests kept in memory: no folder for them under {blocker}" in result.log
    assert result.stats["newscrawl/scheduler/requests_in_memory"] == 1
    assert result.stats["scheduler/enqueued/memory"] == result.stats["scheduler/enqueued"]
    assert len(result.records) == 6
