"""The crawl wing: which URLs, in what order.

Spiders (``spiders/``) start from the listings the site registry names (feeds, sitemaps, a home
page), keep the entries that look like articles and fall in the date window (``url_shapes``,
``listings``), skip what the store says is unchanged (``incremental``), and hand each fetched page
to ``newscrawl.extract`` after ``fetch`` has turned its bytes into text.  Downloader middlewares
(``middlewares/``) and the DNS guard (``resolver``) keep the crawler polite and on the open web;
``distributed`` shares one crawl between processes through Redis.

May import ``newscrawl.extract`` and the state store of ``newscrawl.output``; never ``newscrawl.ops``.
"""
