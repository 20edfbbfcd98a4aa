"""Site parsers: one module a site, mostly selectors; the site registry (``newscrawl.sites``) names them."""
