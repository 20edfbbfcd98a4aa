"""newscrawl: news sites to clean, deduplicated JSON Lines (see README.md).

A regular package, not a namespace one: scrapyd imports the project from a zipped egg, and
zipimport does not find namespace packages.
"""
