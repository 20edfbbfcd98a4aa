"""newscrawl settings: the one place for configuration.  Override any of them with ``-s NAME=VALUE``."""

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["newscrawl.crawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.crawl.spiders"
# `scrapy crawl` is newscrawl's own (newscrawl/ops/commands/crawl.py): run lock, exit status, -a full=1.
COMMANDS_MODULE = "newscrawl.ops.commands"

# Who we are: sites see this and can reach the operator.  Set NEWSCRAWL_CONTACT to your own
# address or page before crawling (here or with -s); USER_AGENT is derived from it when the crawler
# starts (newscrawl.ops.extensions.ContactUserAgent), unless USER_AGENT is set itself.
NEWSCRAWL_CONTACT = "https://github.com/newscrawl/newscrawl"
ADDONS = {"newscrawl.ops.extensions.ContactUserAgent": 0}
# No telnet console and no remote-control server (Scrapy's RemoteControl, an HTTP endpoint that runs
# code) in unattended runs; -s TELNETCONSOLE_ENABLED=1 or -s REMOTE_CONTROL_ENABLED=1 to ask for one.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

# Politeness: robots.txt, a few parallel requests per site, AutoThrottle adapting the pace to
# the site's latency, retries for transient errors and rate limits (429).
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.5
DOWNLOAD_TIMEOUT = 30
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
# Pages above this size are not news articles; refuse them rather than fill memory.
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024

# Pending requests wait on disk (Scrapy's disk queues, in a temporary folder removed at the end;
# JOBDIR's own when set), not in memory: a sitemap of 50,000 articles would hold 50,000 requests
# (newscrawl/crawl/scheduler.py).  NEWSCRAWL_REQUESTS_ON_DISK=0 keeps them in memory; the folder is
# made under NEWSCRAWL_REQUESTS_DIR, else the system's temporary folder.
SCHEDULER = "newscrawl.crawl.scheduler.DiskQueueScheduler"
NEWSCRAWL_REQUESTS_ON_DISK = True
NEWSCRAWL_REQUESTS_DIR = None

# Development: -s HTTPCACHE_ENABLED=1 replays pages from .scrapy/httpcache instead of refetching.
HTTPCACHE_ENABLED = False
HTTPCACHE_DIR = "httpcache"
HTTPCACHE_EXPIRATION_SECS = 0

DOWNLOADER_MIDDLEWARES = {
    # Closest to the engine: sees each URL's final outcome (after retries, redirects), per site.
    "newscrawl.crawl.middlewares.RequestOutcomeMiddleware": 10,
    # First: refuse local addresses and non-web schemes, before anything is fetched.
    "newscrawl.crawl.middlewares.AddressPolicyMiddleware": 30,
    # Before robots.txt and the offsite check, so both see the origin really fetched.
    "newscrawl.crawl.middlewares.OriginOverrideMiddleware": 40,
    # Scrapy's offsite filter, logging what it refuses.
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "newscrawl.crawl.middlewares.LoggedOffsiteMiddleware": 50,
    # Around RetryMiddleware (550): holds retries and later requests until Retry-After has passed.
    "newscrawl.crawl.middlewares.RetryAfterMiddleware": 560,
    # Sees redirects before RedirectMiddleware (600) follows them.
    "newscrawl.crawl.middlewares.RedirectLoopMiddleware": 650,
    # With NEWSCRAWL_WARC_DIR: archives each response as received, before HttpCompression (590),
    # Redirect (600) and Retry (550) act on it (newscrawl/crawl/middlewares/warc_archive.py).
    "newscrawl.crawl.middlewares.WarcArchiveMiddleware": 800,
}
# Only web pages: no file://, ftp://, s3:// or data: fetches from URLs found in feeds and pages.
DOWNLOAD_HANDLERS = {"file": None, "ftp": None, "s3": None, "data": None}
REDIRECT_MAX_TIMES = 10
# Origins (scheme://host:port) allowed although local: test servers and mirrors.  Empty for a
# public crawl, so no page, feed or redirect can point the crawler into the local network.
NEWSCRAWL_TRUSTED_ORIGINS = []
# Names that resolve to local addresses fail like unknown ones (DNS rebinding guard).
TWISTED_DNS_RESOLVER = "newscrawl.crawl.resolver.PublicAddressResolver"
# The longest Retry-After honoured (seconds); a longer one is cut to this.
NEWSCRAWL_MAX_RETRY_AFTER = 300

ITEM_PIPELINES = {
    "newscrawl.output.coverage.CoveragePipeline": 100,
    "newscrawl.output.pipelines.RepeatedTextPipeline": 200,
    "newscrawl.output.pipelines.ValidationPipeline": 300,
    "newscrawl.output.pipelines.DuplicateArticlePipeline": 400,
    "newscrawl.output.stories.StoryPipeline": 600,
    "newscrawl.output.revisions.IncrementalPipeline": 800,
    "newscrawl.output.schema.SchemaValidationPipeline": 900,
}
SPIDER_MIDDLEWARES = {
    # Closest to the engine: with -a base_url=, requests go to the origin serving the site before
    # they are scheduled (the downloader half above catches redirects).
    "newscrawl.crawl.middlewares.OriginOverrideSpiderMiddleware": 20,
    "newscrawl.crawl.incremental.UnchangedListingFilter": 950,
}

# JSON Lines, UTF-8 as text, under NEWSCRAWL_OUTPUT_DIR/<spider>/<YYYY-MM-DD>/<run>.jsonl
# (newscrawl/output/feeds.py).  -o/-O on the command line replace this default feed.
FEED_EXPORT_ENCODING = "utf-8"
FEEDS = {
    "%(output_dir)s/%(name)s/%(date)s/%(run)s.jsonl": {"format": "jsonlines", "encoding": "utf-8",
                                                       "overwrite": True},
}
FEED_URI_PARAMS = "newscrawl.output.feeds.uri_params"
# Local feed files appear under their final name only once complete.
FEED_STORAGES = {"": "newscrawl.output.feeds.AtomicFileFeedStorage",
                 "file": "newscrawl.output.feeds.AtomicFileFeedStorage"}
NEWSCRAWL_OUTPUT_DIR = "output"
# Gzip the default feed (<run>.jsonl.gz) through Scrapy's feed post-processing.
NEWSCRAWL_OUTPUT_GZIP = False

# Incremental runs (newscrawl/output/state.py, newscrawl/output/revisions.py): what earlier runs exported.
# sqlite:///path/state.db, or redis://host:port/db (the default when NEWSCRAWL_REDIS_URL is set).
NEWSCRAWL_STATE_URI = None  # None: sqlite:///.newscrawl/state.db, or NEWSCRAWL_REDIS_URL
# Store entries not seen for this many days are forgotten (the article counts as new again).
NEWSCRAWL_STATE_MAX_AGE_DAYS = 90
# Stories (newscrawl/output/stories.py): records whose bodies' estimated Jaccard similarity (5-word
# shingles, MinHash) is at least this share one story_id.  Measured on tests/corpus/dev
# (bench/story_threshold.py): copies with one sentence replaced score 0.71-0.99 (median 0.93), with
# one added 0.86-1.00; unrelated articles 0.00 (one pair 0.81: the same taz article saved twice).
# 0.6 keeps every such copy, with a margin over the estimate's noise (about 0.04 at 128 values),
# and is far above unrelated articles; lower costs more band keys a body (18 at 0.6, 25 at 0.5).
NEWSCRAWL_STORY_THRESHOLD = 0.6
# MinHash values a body's signature (4 bytes each in the store); more: a finer estimate, more bytes.
NEWSCRAWL_STORY_NUM_PERM = 128
# True: a near-duplicate of an earlier article is dropped (newscrawl/dedup/near_duplicate) instead
# of exported with its story's id, and recorded as that article's copy.
NEWSCRAWL_DROP_NEAR_DUPLICATES = False
# Ignore the store for a run (export everything it finds); `-a full=1` sets it for one run.
NEWSCRAWL_FULL = False
# Ask for a stored article the listing says changed (or does not date) with its ETag / Last-Modified:
# a 304 Not Modified costs no body and no extraction (newscrawl/output/revalidation.py).
NEWSCRAWL_REVALIDATE = True
# A run given its own feed (-o/-O) neither reads nor writes the store (an ad-hoc export must not
# take articles from the cron feed), and writes its manifest beside that feed; True: it uses the store.
NEWSCRAWL_USER_FEED_USES_STATE = False
# Keep what was fetched: every response and its request in gzipped WARC 1.1 files under
# <dir>/<spider>/<YYYY-MM-DD>/<spider>-<run>-<NNNNN>.warc.gz (newscrawl/output/warc.py).  None: off.
NEWSCRAWL_WARC_DIR = None
# A WARC file is closed (and the next begun) once it reaches this many bytes, gzipped.
NEWSCRAWL_WARC_MAX_SIZE = 1024 ** 3
# Several processes share one crawl through Redis (newscrawl/crawl/distributed.py, scrapy-redis).
NEWSCRAWL_REDIS_URL = None
# Validate every record against newscrawl/output/schema/article-v<N>.json while crawling (drops invalid ones).
NEWSCRAWL_VALIDATE_SCHEMA = False

# The run's verdict (newscrawl/ops/monitors.py, spidermon): `scrapy crawl` exits 3 when it fails.
SPIDERMON_ENABLED = True
SPIDERMON_SPIDER_CLOSE_MONITORS = ["newscrawl.ops.monitors.RunMonitorSuite"]
SPIDERMON_EXPECTED_FINISH_REASONS = ["finished"]
# Failed URLs (after retries, refusals included) and broken pages over all URLs, above which the run fails.
NEWSCRAWL_MAX_ERROR_RATIO = 0.5
# Share of parsed articles that must have each field, below which the run fails.
NEWSCRAWL_MIN_FIELD_COVERAGE = {"headline": 0.9, "body": 0.9, "published_at": 0.5}

LOG_LEVEL = "INFO"
LOG_FORMATTER = "newscrawl.ops.logformatter.NewscrawlLogFormatter"

# Sputnik spider: without since/until, how many of the newest sitemap period files to read
# besides the RSS feed.
NEWSCRAWL_SITEMAP_RECENT_PERIODS = 1
# news spider: without since/until, sitemap entries dated within this many days are fetched.
NEWSCRAWL_RECENT_DAYS = 3
# Sitemap traps (indexes nesting without end, or naming new sitemaps without end): at most this
# many levels of sitemap indexes below a site's first sitemap, and this many child sitemaps a site
# and run; beyond them sitemaps are not read, with a warning and newscrawl/sitemap/limit_* stats.
NEWSCRAWL_SITEMAP_MAX_DEPTH = 3
NEWSCRAWL_SITEMAP_MAX_FILES = 500
# news spider: fetch one random path per site first, to know the site's not-found page when it
# is served with 200 (soft 404s; newscrawl/crawl/soft404.py).
NEWSCRAWL_NOT_FOUND_PROBE = True

# Article pages are decoded and extracted in this many worker processes (newscrawl/crawl/parsing.py),
# so the reactor keeps downloading meanwhile; None: one a core (newscrawl.crawl.parsing.default_workers);
# 0: in the reactor thread, as one process (debugging, profiling).
NEWSCRAWL_PARSE_WORKERS = None
# Seconds a worker may spend on one page; past it the worker is killed and replaced, the page read
# once more, then skipped and counted (newscrawl/article/parse_timeout).  0: no limit.
NEWSCRAWL_PARSE_TIMEOUT = 60

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"

EXTENSIONS = {
    # Scrapy's feed exporter, but a record it cannot write is named and fails the run (newscrawl/output/feeds.py).
    "scrapy.extensions.feedexport.FeedExporter": None,
    "newscrawl.output.feeds.FeedExporter": 0,
    "newscrawl.ops.extensions.StatsFile": 500,
    "newscrawl.ops.extensions.JobDirGuard": 0,
    "spidermon.contrib.scrapy.extensions.Spidermon": 510,
    "newscrawl.output.manifest.RunManifest": 520,
}
# Where StatsFile writes the final crawl stats as JSON; unset: not written.
NEWSCRAWL_STATS_FILE = None
