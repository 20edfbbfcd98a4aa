"""The generic parser's vocabulary as data: words, phrases and class/id tokens, one table each,
grouped by the field that reads them.  Every entry says why it is there (which kind of page shows
it; never "page X needed it"): a word that only one publisher uses belongs in that publisher's site
parser, not here.  Numbers (thresholds) stay beside the code that reads them, named and explained.
"""
from __future__ import annotations

# --- headline ------------------------------------------------------------------------------------

#: Class words of a topic label (kicker) set inside or above the headline element: a headline's
#: own text is the h1 without it.
KICKER_CLASS_WORDS = (
    "kicker",      # English-language CMSs (WordPress themes, Arc, news templates): "<span class=kicker>"
    "overline",    # German and Scandinavian news templates: "article-title__overline"
    "topline",     # German publishers' templates ("headline__topline")
    "dachzeile",   # German name of the kicker line ("Dachzeile") in German CMSs
    "eyebrow",     # US publishers' and design systems' name for the label over a title
    "roofline",    # the literal English calque of "Dachzeile" used by German-built templates
    "supertitle",  # Spanish/Portuguese templates ("supertítulo" sites written in English class names)
    "superline",   # variant of supertitle in German and Dutch templates
    "spitzmarke",  # German name of a short topic label glued before the title
    "pretitle",    # French and Italian templates ("surtitre"/"occhiello" classed in English)
    "overtitle",   # Italian and Polish templates
    "uptitle",     # French templates ("surtitre")
)

#: Title parts between a site's name and the post's title that say where the post is filed, not
#: what it is: the WordPress default theme's "<site> » Blog Archive » <post>" (German: "Blog Archiv"),
#: kept by many older blogs.  The post's title follows them.
TITLE_CRUMBS = frozenset({"blog archive", "blog archiv"})

# --- authors -------------------------------------------------------------------------------------

# --- lead ----------------------------------------------------------------------------------------

# --- body ----------------------------------------------------------------------------------------

# --- captions ------------------------------------------------------------------------------------

# --- dates ---------------------------------------------------------------------------------------

# --- tags ----------------------------------------------------------------------------------------

#: Keywords that name the medium, not a topic ("News", "Nachrichten", "ニュース"): news sites put them
#: in every page's keyword list.
GENERIC_KEYWORDS = frozenset({
    "news", "breaking news", "latest news", "top news",   # English-language news sites
    "nachrichten", "aktuelle nachrichten",                # German news sites
    "noticias", "notizie", "nieuws", "nyheter", "nyheder", "uutiset", "wiadomości",  # es/it/nl/sv+no/da/fi/pl
    "actualités", "actualites", "haberler",               # French, Turkish
    "ニュース", "速報", "新聞", "뉴스", "新闻", "속보",       # Japanese, Korean, Chinese news sites
})
#: Words of tag-list links that work the page rather than name a topic: a link to the home page
#: ("Zur Startseite"), a button to edit or follow one's topics ("Themen bearbeiten", "Subscribe"),
#: or a "show more" link closing a tag box; any word here, alone or in a phrase, makes the link UI.
UI_TAG_WORDS = (
    "startseite", "homepage", "home page",   # breadcrumb-like "back to the home page" links in tag boxes
    "bearbeiten", "verwalten",               # German "edit/manage my topics" buttons next to followed tags
    "abonnieren", "subscribe",               # "follow this topic" buttons inside tag boxes
    "mehr anzeigen", "show more", "see all",  # expanders at the end of long tag lists
    "alle themen", "all topics", "weitere themen",  # links to the site's topic index
)
#: Tag-list links that are UI only when they are the whole link text ("+ Follow"; "Follow the money" is a topic).
UI_TAG_LINKS = ("follow", "folgen", "edit", "manage")

# --- language ------------------------------------------------------------------------------------

#: Declared languages a CMS template sets whatever the page's language (English is the default of
#: WordPress and most themes): checked against the text and overridden when clearly wrong.
OVERRIDABLE_LANGUAGES = frozenset({"en"})
#: Codes of Norwegian Bokmål and Nynorsk, which the corpora's annotators write as one language "no".
NORWEGIAN = frozenset({"nb", "nn", "no"})
