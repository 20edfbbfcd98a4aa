"""``RunLock``: one run at a time per spider and state store.

An ``flock`` on a file beside the store: the kernel releases it when its process dies, however
it dies (``kill -9`` included), so a killed run never leaves a lock behind that needs clearing
by hand.  The file holds the holder's PID and start time for the message a second run prints.
"""
from __future__ import annotations

import fcntl
import os
from pathlib import Path

from newscrawl.extract.dates import utc_now

#: Exit status of ``scrapy crawl`` while another run holds the lock (EX_TEMPFAIL: "try again later").
LOCKED = 75


class RunLock:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.handle = None

    def acquire(self) -> bool:
        """Take the lock without waiting; ``False`` when a live process holds it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()} {utc_now()}\n")
        handle.flush()
        self.handle = handle
        return True

    def holder(self) -> str:
        """``"pid <n> since <time>"`` of the process holding the lock, as it wrote it."""
        try:
            pid, since = self.path.read_text().split()
        except (OSError, ValueError):
            return "unknown process"
        return f"pid {pid} since {since}"

    def release(self) -> None:
        if self.handle:
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None
