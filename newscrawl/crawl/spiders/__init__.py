"""Spiders decide which URLs to fetch and in what order; parsers (``newscrawl.extract``) read the pages."""
