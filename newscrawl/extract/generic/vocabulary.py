"""The generic parser's vocabulary as data: words, phrases and class/id tokens, one table each,
grouped by the field that reads them.  Every entry says why it is there (which kind of page shows
it; never "page X needed it"): a word that only one publisher uses belongs in that publisher's site
parser, not here.  Numbers (thresholds) stay beside the code that reads them, named and explained.
"""
from __future__ import annotations

# --- headline ------------------------------------------------------------------------------------

#: Class words of a topic label (kicker) set inside or above the headline element: a headline's
#: own text is the h1 without it.  The names are the ones CMS templates give that line; measured over
#: both corpora, "kicker", "overline", "roofline" and "topline" mark it on 3-5 publishers each
#: (news sites and German ministries' and magazines' templates), "dachzeile" on 2; the others are
#: the same line's other usual names in templates (no page of the corpora shows them).
KICKER_CLASS_WORDS = (
    "kicker",      # the newsroom term: "<span class=kicker>" (news CMSs, German and English)
    "overline",    # "article-title__overline" (design-system naming of the line over a title)
    "topline",     # "headline__topline" (German publishers' and agencies' templates)
    "dachzeile",   # German newsroom term for the kicker line
    "eyebrow",     # design-system name of a small label over a title
    "roofline",    # English calque of "Dachzeile" in German-built templates (4 publishers)
    "supertitle",  # "supertitle"/"superline": label over a title in some templates
    "superline",
    "spitzmarke",  # German newsroom term for a short topic label before the title
    "pretitle",    # "pretitle"/"overtitle"/"uptitle": template names of the line before a title
    "overtitle",
    "uptitle",
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
#: Measured over both corpora: "bearbeiten" ("Themen bearbeiten") removes a link on 2 publishers,
#: "startseite" on 1; the others are the same links' usual wording (no page of the corpora shows them).
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
