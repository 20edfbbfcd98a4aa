"""Several crawler processes sharing one crawl through Redis (``NEWSCRAWL_REDIS_URL``).

scrapy-redis provides the shared request queue and request dedup; this module adds what a
repeated, cron-started crawl needs on top of it:

- ``SharedScheduler``: scrapy-redis' scheduler with a registry of live workers.  The first
  worker of a crawl clears what a previous crawl left (queue, request fingerprints, exported
  article keys); the last one to leave clears it again.  Without this, scrapy-redis either
  forgets the shared dedup as soon as *one* worker finishes (``SCHEDULER_PERSIST=False``) or
  keeps it forever, so the next cron run would filter out the feed it must re-read
  (``SCHEDULER_PERSIST=True``).
- ``distributed_settings``: what ``scrapy crawl`` sets when ``NEWSCRAWL_REDIS_URL`` is given.

The seen-sets of ``DuplicateArticlePipeline`` follow the same Redis (``newscrawl.output.seen``),
so an article reached by two workers is exported once; the scheduler clears them with the rest
of a crawl's keys.  The incremental store follows the same URL (``newscrawl.output.state.RedisStore``).
"""
from __future__ import annotations

import logging
import os
import socket
import time

from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.scheduler import Scheduler
from twisted.internet.task import LoopingCall

from newscrawl.output.seen import crawl_prefix, seen_set_keys

logger = logging.getLogger(__name__)

#: A worker that has not refreshed its registration for this long is taken as dead.
WORKER_TIMEOUT = 60.0
HEARTBEAT = 10.0


def run_keys(spider: str) -> dict[str, str]:
    """The Redis keys of one spider's shared crawl: the scheduler's and the pipelines' seen-sets."""
    prefix = crawl_prefix(spider)
    return {"queue": f"{prefix}:requests", "dupefilter": f"{prefix}:dupefilter", "workers": f"{prefix}:workers",
            "busy": f"{prefix}:busy", **seen_set_keys(spider)}


def distributed_settings(redis_url: str, spider: str) -> dict:
    """The Scrapy settings that turn on the shared crawl."""
    keys = run_keys(spider)
    return {
        "SCHEDULER": "newscrawl.crawl.distributed.SharedScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "REDIS_URL": redis_url,
        "SCHEDULER_QUEUE_KEY": keys["queue"],
        "SCHEDULER_DUPEFILTER_KEY": keys["dupefilter"],
        # Cleared by SharedScheduler when the last worker leaves, not by each worker.
        "SCHEDULER_PERSIST": True,
    }


# Join or leave the crawl atomically: drop workers that stopped refreshing, then (on join, with
# nobody left) clear the previous crawl's keys before registering, or (on leave) clear them when
# the leaver was the last.  One script, so two workers starting together cannot both clear.
JOIN = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
redis.call('ZREM', KEYS[1], ARGV[3])
local others = redis.call('ZCARD', KEYS[1])
if others == 0 then redis.call('DEL', unpack(KEYS, 2)) end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
return others
"""
LEAVE = """
redis.call('ZREM', KEYS[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
local left = redis.call('ZCARD', KEYS[1])
if left == 0 then redis.call('DEL', unpack(KEYS, 2)) end
return left
"""


class SharedScheduler(Scheduler):
    """scrapy-redis' scheduler, joined to and left from the crawl atomically; an idle worker
    stays while another worker is still busy (its pages may yield more requests), polling the
    shared queue at the engine's heartbeat."""

    @classmethod
    def from_crawler(cls, crawler):
        scheduler = super().from_crawler(crawler)
        crawler.signals.connect(scheduler.spider_idle, signal=signals.spider_idle)
        return scheduler

    def open(self, spider):
        self.worker = f"{socket.gethostname()}:{os.getpid()}"
        keys = run_keys(spider.name)
        self.busy_key = keys["busy"]
        self.script_keys = [keys.pop("workers"), *keys.values()]
        now = time.time()
        others = self.server.eval(JOIN, len(self.script_keys), *self.script_keys, now - WORKER_TIMEOUT, now,
                                  self.worker)
        logger.info("worker %s %s the shared crawl of %s", self.worker, "joins" if others else "starts",
                    spider.name)
        self.heartbeat = LoopingCall(self.register)
        self.heartbeat.start(HEARTBEAT, now=False)
        return super().open(spider)

    def register(self):
        self.server.zadd(self.script_keys[0], {self.worker: time.time()})

    # enqueue_request / next_request as scrapy-redis' own, without the ``spider`` argument that
    # Scrapy 2.19 deprecates in StatsCollector.inc_value; next_request also marks this worker busy.
    def enqueue_request(self, request):
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        self.queue.push(request)
        return True

    def next_request(self):
        request = self.queue.pop(self.idle_before_close)
        if request:
            self.stats.inc_value("scheduler/dequeued/redis")
            self.server.zadd(self.busy_key, {self.worker: time.time()})
        return request

    def spider_idle(self, spider):
        """Keep an idle worker while the queue has requests or another worker is busy."""
        self.server.zrem(self.busy_key, self.worker)
        busy = self.server.zcount(self.busy_key, time.time() - WORKER_TIMEOUT, "+inf")
        if len(self.queue) or busy:
            raise DontCloseSpider

    def close(self, reason):
        if self.heartbeat.running:
            self.heartbeat.stop()
        self.server.zrem(self.busy_key, self.worker)
        left = self.server.eval(LEAVE, len(self.script_keys), *self.script_keys, time.time() - WORKER_TIMEOUT,
                                self.worker)
        if not left:
            logger.info("worker %s is the last to leave; shared crawl keys cleared", self.worker)
        return super().close(reason)
