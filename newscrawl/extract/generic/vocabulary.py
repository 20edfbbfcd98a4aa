"""The generic parser's vocabulary as data: words, phrases and class/id tokens, one table each,
grouped by the field that reads them.  Every entry says why it is there (which kind of page shows
it; never "page X needed it"): a word that only one publisher uses belongs in that publisher's site
parser, not here.  Numbers (thresholds) stay beside the code that reads them, named and explained.
"""
from __future__ import annotations

# --- headline ------------------------------------------------------------------------------------

# --- authors -------------------------------------------------------------------------------------

# --- lead ----------------------------------------------------------------------------------------

#: Class/id words of a standfirst element (one word of a token split at "-", "_" or " "), per
#: language as CMS templates name them.
LEAD_CLASS_WORDS = (
    "lead", "standfirst", "intro", "summary", "teaser", "excerpt", "abstract",  # English CMSs, WordPress
    "dek", "deck", "strapline", "epigraph",                                       # US/UK newsroom terms
    "subtitle", "subheadline", "sub-headline", "subheader", "sub-header",         # a subtitle under the h1
    "description",                                                                # schema-like naming
    "entradilla", "bajada",                                                       # Spanish news sites
    "chapo", "chapeau",                                                           # French news sites
    "sottotitolo",                                                                # Italian news sites
    "ingress",                                                                    # Scandinavian news sites
)
#: Class words of a standfirst-like element that describes a photo or a gallery, not the article
#: ("lightbox__description", "image-summary").
PHOTO_TEXT_CLASS_WORDS = ("lightbox", "caption", "figcaption", "photo", "image", "img", "picture")

# --- body ----------------------------------------------------------------------------------------

#: ARIA roles of page furniture: navigation, header/footer landmarks, sidebars, menus, dialogs.
SKIP_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "dialog",
                        "alert", "search", "toolbar", "tablist", "button"})
#: Utility classes that hide an element (Bootstrap, Tailwind, WordPress, Drupal, ...).
HIDDEN_CLASSES = frozenset({"hidden", "d-none", "is-hidden", "hide", "visually-hidden", "sr-only", "invisible",
                            "screen-reader-text", "visuallyhidden", "u-hidden", "element-invisible"})
#: Words of class/id tokens that name page furniture (one word of a token split at "-" and "_";
#: words, not substrings: "ad" must not match "head").  Grouped by the kind of box that shows them.
FURNITURE_WORDS = (
    "share", "sharing", "shares", "sharebar", "social", "socials",            # share bars, social links
    "related", "recommended", "recommendations", "recommendation",            # related-article lists
    "newsletter", "newsletters", "subscribe", "subscription", "subscriptions", "signup",  # sign-up boxes
    "promo", "promotion", "advert", "advertisement", "advertising", "ad", "ads", "adslot", "adunit",  # ads
    "sponsor", "sponsored", "banner",                                          # sponsored boxes, banners
    "comment", "comments", "commenting", "disqus",                             # comment sections
    "footer", "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs",  # site navigation
    "sidebar", "aside", "outbrain", "taboola",                                 # sidebars, recommendation widgets
    "popup", "modal", "cookie", "cookies", "consent", "gdpr", "toolbar", "print",  # overlays, consent banners
    "caption", "captions", "credit", "credits", "copyright", "gallery", "slideshow", "carousel",  # photo furniture
    "trending", "popular", "mostread", "recirculation", "recirc", "readmore", "teaser",  # "most read", teasers
    "more", "also",                                                            # "more from", "read also"
    "tags", "tag", "taglist", "keywords", "topics",                            # tag lists (a field of their own)
    "byline", "author", "authors", "bio", "avatar",                            # author boxes (a field of their own)
    "donate", "donation", "login", "register", "rating", "poll",               # calls to action, widgets
    "jump", "toc", "skip", "visually", "sr", "screenreader", "tooltip", "overlay",  # UI and accessibility helpers
    "meta", "metadata", "dateline", "timestamp", "date", "time",               # date/meta lines (fields of their own)
    "video", "audio", "player", "podcast", "embed",                            # media players
    "infobox", "pagination", "pager", "teaserlist", "teasers", "feedback", "correction", "corrections",
    "masthead", "header", "headline", "kicker",                                # page and article headers
    "lead", "standfirst", "intro", "summary", "subtitle", "dek", "title",      # the standfirst (field of its own)
    "flag", "badge",                                                           # labels on teasers
)
#: Words of class/id tokens that name the article's text: a token with one of them (and no furniture
#: word) outweighs furniture words on the same element ("sidebar-grid__content article__content").
CONTENT_TOKEN_WORDS = ("body", "text", "richtext", "paragraph", "paragraphs", "content", "article", "story")
#: Words that make a token a text container even beside a furniture word ("lead-text", "story-body").
CONTENT_WORDS = ("body", "text", "richtext", "paragraph", "paragraphs")
#: Furniture words of boxes whose photos and standfirst-like texts are not the article's (headers,
#: hero and media wrappers are furniture to the body but hold the article's photo and lead).
STRONG_FURNITURE_WORDS = (
    "related", "recommended", "recommendations?", "teasers?", "teaserlist", "promo", "newsletter",
    "comments?", "sidebar", "footer", "nav", "navigation", "menu", "ad", "ads", "advert", "advertisement",
    "sponsored", "social", "share", "outbrain", "taboola", "more", "popular", "trending", "mostread",
    "recirc", "recirculation", "author", "authors", "byline", "avatar", "bio", "profile", "cookie",
    "cookies", "consent", "gdpr", "privacy", "modal", "popup", "overlay", "dialog",
)
#: Class words of photo boxes built without <figure> (WordPress "wp-caption", "attachment",
#: "post-thumbnail"; German "foto", "bild"; compounds such as "heroimage").
PHOTO_BOX_WORDS = ("image", "img", "photo", "picture", "media", "figure", "wp-caption", "attachment", "foto", "bild",
                   "thumbnail", "post-thumbnail", "[a-z]{3,}(?:image|photo|picture)")
#: Whole paragraphs that are interface text, not article text (regular expressions, matched on the
#: whole paragraph, case-insensitive).
UI_PARAGRAPHS = (
    # ad labels, in the languages of the corpora
    "advertisement", "anzeige", "werbung", "publicité", "publicidad", "pubblicità", "reklame", "annonse", "mainos",
    # read-more prompts left without their link
    "read more", "read also", "see also", "related", "lesen sie auch", "lesen sie mehr", "mehr zum thema",
    "auch interessant", "weiterlesen", "leer más", "lee también", "lire aussi", "leggi anche", "les også", "se også",
    "läs också",
    # share and subscribe buttons' labels
    "share", "teilen", "share this article", "subscribe", "abonnieren", "sign up", "newsletter",
    r"(?:click|tap) here.*",
    # comment forms' login prompts and page-tool links left as lines ("Sie sind aktuell nicht eingeloggt.",
    # "You must be logged in to post a comment.", "Kontakt", "Nach oben")
    r"(?:sie sind|du bist) (?:aktuell |derzeit |noch )?nicht (?:eingeloggt|angemeldet)",
    r"you must be logged in to (?:post a )?comment", r"(?:du musst|sie müssen) angemeldet sein.{0,40}",
    "kontakt", "contact", "contact us", "nach oben", "zum seitenanfang", "back to top", "top",
    # copyright lines
    r".*\b(?:all rights reserved|alle rechte vorbehalten)\b.*",
    # a photo or source credit on its own line
    r"(?:photo|foto|bild|image|video|quelle|source|credit)\s*:.{0,80}",
    # the same for the post's header photo, as German blogs and magazines label it ("Titelbild: dpa")
    r"(?:titel|beitrags|header|aufmacher|vorschau)(?:bild|foto)\s*:.{0,80}",
)
#: Paragraph starts that introduce a link or a video, not article text ("WATCH | ...", "READ MORE: ...").
UI_PREFIXES = ("watch", "listen", "read more", "read also", "also read", "related", "more", "see also", "video",
               "audio", "podcast", "lesen sie auch", "mehr zum thema", "auch interessant", "zum thema", "lire aussi",
               "leer más", "lee también", "leggi anche")

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
    # Appeals for support closing reader-funded news sites and blogs ("would you consider supporting our
    # work?", "Unterstützen Sie unsere Arbeit", "Apoya el periodismo ...", "Hazte miembro").
    r"support(?:ing)? (?:our|us)", r"consider supporting", r"donate", r"unterstützen sie (?:uns|unsere)",
    r"unterstütze (?:uns|unsere)", r"jetzt spenden", r"ap[oó]ya(?:nos| el periodismo)", r"hazte (?:miembro|socio)",
    # Licence notes of blogs and wikis under the text ("Unless otherwise stated, the content of this page
    # is licensed under ...", "Sofern nicht anders ausgewiesen, stehen Inhalte ... unter CC-BY").
    r"licensed under", r"unless otherwise (?:stated|noted)", r"sofern nicht anders (?:ausgewiesen|angegeben|vermerkt)",
    r"lizenziert unter",
    # The post's filing line of WordPress and other blog themes ("This entry was posted in ...", "Der Beitrag
    # wurde am ... veröffentlicht und wurde unter ... abgelegt", "Kommentare geschlossen").
    r"this entry was posted", r"(?:der|dieser) (?:beitrag|eintrag) wurde am", r"kommentare (?:sind )?geschlossen",
    r"comments are closed",
)
#: Phrases of the advertising disclosures that open a sponsored blog post or review before its text
#: ("*Werbung", "Anzeige, enthält Affiliate Links", "This post contains affiliate links"): German law
#: and US FTC rules make bloggers print them first.  Matched in a short first paragraph.
DISCLOSURE_PHRASES = (
    r"\*?werbung\b", r"anzeige\b", r"enthält (?:werbung|affiliate)", r"affiliate[- ]links?",
    r"(?:this|the) (?:post|article) (?:contains|may contain)", r"sponsored (?:post|content)",
    r"in freundlicher kooperation mit", r"unbezahlte werbung",
)
#: Headings of a list of other articles set after the text, inside the article's container ("Related
#: articles", "Das könnte Dich auch interessieren:", "Notas relacionadas"): plural, list-announcing
#: phrases only (a single "Lesen Sie auch:" link sits mid-text on many news sites).  Per language, as
#: news sites and blog themes label such boxes.  Regular expressions, matched at a block's start.
RELATED_TAIL_HEADINGS = (
    # English: blog themes' and news sites' related-posts boxes.
    r"related (?:articles|stories|posts|news|content|reading)", r"you (?:may|might) also (?:like|enjoy)",
    r"more (?:stories|articles) (?:from|like|on)", r"further reading",
    # German: "Das könnte Sie auch interessieren", "Ähnliche Beiträge", "Zum Weiterlesen".
    r"das könnte (?:dich|sie|euch) auch interessieren", r"(?:ähnliche|verwandte|weitere) (?:beiträge|artikel)",
    r"zum weiterlesen", r"passend zum thema",
    # Spanish and Portuguese: "Notas relacionadas", "Te puede interesar", "Artigos relacionados".
    r"(?:notas|noticias|art[ií]culos|artigos|not[ií]cias) relacionad[ao]s", r"(?:también )?te puede interesar",
    # French, Italian, Polish.
    r"articles similaires", r"articoli correlati", r"potrebbe interessarti",
    r"polecane artykuły", r"zobacz (?:też|także)",
)
#: Phrases of cookie and consent banners and outdated-browser warnings, which page templates often set
#: inside the article's wrapper (so they land in the text): "Wir verwenden Cookies ...", "This site uses
#: cookies", "Dein Browser ist leider veraltet".  Per language, as the banners word them.
CONSENT_NOTICE_PHRASES = (
    # English
    r"(?:we|site|website) uses? cookies", r"(?:we|our partners) use cookies", r"by (?:continuing|using) (?:to use )?"
    r"(?:this|our) (?:site|website)", r"your browser is (?:out of date|outdated|not supported)",
    # German
    r"(?:verwenden|nutzen|setzen|benutzen) wir cookies", r"wir (?:verwenden|nutzen|setzen|benutzen) cookies",
    r"(?:website|webseite|seite) (?:verwendet|nutzt|benutzt) cookies", r"cookies erleichtern",
    r"(?:mit|der) (?:der )?verwendung von cookies", r"(?:dein|ihr) browser ist (?:leider )?veraltet",
    # Spanish, French, Italian, Polish
    r"utilizamos cookies", r"(?:este|nuestro) sitio (?:web )?utiliza cookies", r"nous utilisons des cookies",
    r"ce site utilise des cookies", r"utilizziamo (?:i )?cookie", r"questo sito utilizza (?:i )?cookie",
    r"(?:ta )?strona (?:korzysta z|używa) (?:plików )?cookies",
    # The placeholders of two-click embeds (a tweet, video or map loaded only on consent; Borlabs, Embed
    # Privacy and similar plugins, news sites' own): "Externer Inhalt ... ohne Ihre Zustimmung",
    # "Click to load this content from Twitter".
    r"ohne (?:dein|deine|ihr|ihre) (?:einverständnis|zustimmung|einwilligung)",
    r"externe[rn]? inhalte? (?:laden|anzeigen|aktivieren|zulassen|akzeptieren)",
    r"einverstanden, dass (?:mir )?externe inhalte", r"mit dem laden des (?:inhalts|videos|tweets|beitrags)",
    r"(?:click|tap) (?:here )?to (?:load|show|view|enable) (?:this|the|external) (?:content|embed|tweet|video|post)",
    r"by loading (?:the|this) (?:content|video|tweet|post)",
)
#: Photo-credit markers that close a photo caption set as a paragraph of the text ("Lee Elder beim
#: Masters 1975. | © Getty Images", "... (Foto: picture alliance/Kyodo)", "Crédit photo : KB"): CMSs and
#: blogs without <figure> put the caption with its credit under the photo.  Regular expressions.
CREDIT_MARKERS = (
    r"©", r"\(c\)",                                    # the copyright sign, or its ASCII form
    r"\bfotos?\s*:", r"\bbild(?:er)?\s*:",              # German captions' "Foto: dpa", "Bild: ..."
    r"\bphotos?\s*:", r"\bimage\s*:", r"\bcredit\s*:",  # English captions
    r"\bcr[ée]dit photo\s*:", r"\bfotograf[ií]a\s*:",    # French and Spanish captions
)
#: Labels of numbered figure captions ("Abbildung 4: ...", "Figure 2. ...", "Abb. 3:") that guides, tutorials
#: and scientific blogs set as a line under each illustration.  Per language; regular expressions.
FIGURE_LABELS = (
    r"abbildung", r"abb\.", r"grafik", r"schaubild",   # German
    r"figure", r"fig\.", r"chart", r"exhibit",          # English
    r"imagen", r"gráfico", r"ilustración",             # Spanish
    r"illustration", r"rysunek", r"ryc\.",             # French, Polish
)
#: Labels of a date line inside the text's wrapper ("Aktualisiert am 17.01.2021.", "Stand: 05. Februar 2020",
#: "Updated: 28 Apr 2020", "News date : 04/21/2022"): the page's date (a field of its own), not text.
#: Per language, as CMS templates label the line; regular expressions, matched at a short line's start.
DATE_LINE_LABELS = (
    r"(?:zuletzt )?aktualisiert(?: am)?", r"stand", r"veröffentlicht(?: am)?", r"datum",   # German
    r"(?:last )?updated(?: on)?", r"published(?: on)?", r"posted(?: on)?", r"(?:news )?date",  # English
    r"actualizado(?: el)?", r"publicado(?: el)?",                                        # Spanish
    r"mis à jour(?: le)?", r"publié(?: le)?",                                            # French
)
#: A comment counter closing the text ("3 Kommentare", "No comments", "Keine Kommentare").
COMMENT_COUNT_WORDS = ("comments?", "kommentare?", "comentarios?", "commentaires?", "commenti", "komentarz[ey]?")


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
