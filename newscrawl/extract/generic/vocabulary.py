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

#: Phrases of the calls to action and notices that close an article page after its text (follow us,
#: subscribe, get our app, log in to comment, copyright), matched as words in a short last paragraph
#: of the body.  Per language, as news sites and blogs write them.
PROMO_TAIL_PHRASES = (
    # English: social links, newsletter and app promotion, reprint notices under the text.
    r"follow (?:us|the \w+)", r"subscribe (?:now|to)", r"sign up for our", r"newsletter", r"download the \w+ apps?",
    r"copyright(?:ed)?", r"all rights reserved", r"not logged in", r"we want to hear what you think",
    r"if you enjoyed reading",
    # German: the same calls in German blogs and news sites.
    r"folgen sie uns", r"folgt uns", r"folge uns", r"abonnieren sie", r"nicht eingeloggt", r"lust auf mehr\?",
    r"alle rechte vorbehalten",
    # Spanish and Portuguese: "síguenos en ...", "suscríbete", "siga-nos no ...".
    r"s[ií]guenos", r"suscr[ií]bete", r"siga-nos", r"todos los derechos reservados",
    # French, Italian, Polish.
    r"suivez-nous", r"abonnez-vous", r"seguici", r"zapraszamy (?:też )?do subskrypcji",
)
#: A comment counter closing the text ("3 Kommentare", "No comments", "Keine Kommentare").
COMMENT_COUNT_WORDS = ("comments?", "kommentare?", "comentarios?", "commentaires?", "commenti", "komentarz[ey]?")


# --- captions ------------------------------------------------------------------------------------

# --- dates ---------------------------------------------------------------------------------------

# --- tags ----------------------------------------------------------------------------------------

# --- language ------------------------------------------------------------------------------------
