"""The output wing: item -> clean, unique, exported item.

Pipelines (``pipelines``, ``coverage``) remove repeated text, drop invalid records and copies
(``seen``), revisions (``revisions``) export only what is new or changed against the state store
(``state``); Scrapy's FEEDS write JSON Lines through atomic storage (``feeds``); ``manifest``
summarises each run beside its feed; ``schema`` is the record's published JSON Schema.

May import ``newscrawl.extract``; never ``newscrawl.crawl`` or ``newscrawl.ops``.
"""
