"""The generic parser's vocabulary as data: words, phrases and class/id tokens, one table each,
grouped by the field that reads them.  Every entry says why it is there (which kind of page shows
it; never "page X needed it"): a word that only one publisher uses belongs in that publisher's site
parser, not here.  Numbers (thresholds) stay beside the code that reads them, named and explained.
"""
from __future__ import annotations

# --- headline ------------------------------------------------------------------------------------

# --- authors -------------------------------------------------------------------------------------

# --- lead ----------------------------------------------------------------------------------------

# --- body ----------------------------------------------------------------------------------------

# --- captions ------------------------------------------------------------------------------------

# --- dates ---------------------------------------------------------------------------------------

#: Class/id words (split at "-", "_" and spaces) around a marked date that make it another text's date.
OTHER_DATE_CLASSES = frozenset({
    "comment", "comments", "commentlist", "kommentar", "kommentare",  # blog and forum replies under a post
    "reply", "replies", "antwort",  # threaded replies
    "teaser",  # cards of other articles beside or below the text ("teaser__subline-pubdate")
})

# --- tags ----------------------------------------------------------------------------------------

# --- language ------------------------------------------------------------------------------------
