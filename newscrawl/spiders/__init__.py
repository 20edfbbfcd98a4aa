"""Spiders decide which URLs to fetch and in what order; parsers (``newscrawl.parsers``) read the pages."""
