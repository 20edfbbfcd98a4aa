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

#: Class tokens (regular expressions over one whole token) that mark an element as a blog/CMS post
#: wrapper: WordPress's ``post_class()`` writes "post-<id>", "type-<post type>", "status-publish" and
#: the hAtom "hentry" on every post's ``<article>`` or ``<div>``; many themes and other CMSs copy it.
POST_WRAPPER_TOKENS = (
    r"post-\d+",        # "post-310144": the post's id
    r"type-[a-z_]+",    # "type-post", "type-podcast": the post type
    r"status-publish",  # the post's state
    r"hentry",          # the hAtom microformat's entry class
)
#: Prefixes of the taxonomy tokens such a post wrapper carries, one per term ("tag-social-media",
#: "category-newsletter", "author-jane", "format-video"): they describe the article, not furniture.
TAXONOMY_TOKEN_PREFIXES = (
    "tag",          # WordPress tags
    "post_tag",     # the same from some themes' term loops
    "category",     # WordPress categories
    "author",       # the post's author slug (themes add it)
    "format",       # the post format ("format-video", "format-gallery")
    "topics",       # custom taxonomies named "topics"
    "custom_tags",  # custom tag taxonomies
    "type",         # the post type itself ("type-podcast")
)

# --- captions ------------------------------------------------------------------------------------

# --- dates ---------------------------------------------------------------------------------------

# --- tags ----------------------------------------------------------------------------------------

# --- language ------------------------------------------------------------------------------------
