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

#: Words that open a byline before the names ("By Jane Doe", "Von Max Muster", "责任编辑：孔德明"),
#: lower case; a colon or dash may follow.  Longer phrases are tried first.
BYLINE_PREFIXES = (
    # English news and blogs: "By", "From" (agency copy), credits lines and blog post footers.
    "by", "from", "written by", "reporting by", "words by", "posted by", "author", "authors",
    # German: "Von", "Text:", the Blogger footer "Eingestellt von", magazine credit lines.
    "von", "vom", "text", "texte", "text von", "geschrieben von", "verfasst von", "artikel von",
    "ein beitrag von", "beitrag von", "ein artikel von", "eingestellt von", "erstellt von", "gespeichert von",
    "veröffentlicht von", "autor", "autorin", "autoren", "redaktion", "interview",
    # The gender-inclusive forms of "Autor" German pages label their bylines with ("Autor*in", "Autor:innen").
    "autor*in", "autor:in", "autor_in", "autor/in", "autor*innen", "autor:innen", "autor_innen",
    # Forum threads and CMS post footers: the thread's or post's author ("Thread starter", Drupal's
    # "Submitted by", the German forum "Themenstarter").
    "thread starter", "started by", "submitted by", "themenstarter",
    # Romance languages: Spanish/Portuguese "Por", "Texto", French "Par", Italian "A cura di".
    "por", "texto", "escrito por", "publicado por", "autora", "autores", "par", "publié par", "écrit par",
    "auteur", "autore", "a cura di", "scritto da",
    # Dutch and the Nordic languages ("Door", "Av", "Af", "Ved"), Polish "Przez".
    "door", "geplaatst door", "av", "af", "ved", "przez",
    # Italian "di" ("di Viviana Mazza"), Spanish "Escribe" (writes), and the column and guest-post
    # credits of German pages ("Ein Kommentar von", "Eine Kolumne von", "Gastbeitrag von").
    "di", "escribe", "kommentar von", "ein kommentar von", "eine kolumne von", "kolumne von",
    "gastbeitrag von", "ein gastbeitrag von",
    # Chinese news pages credit the responsible editor and the author before a full-width colon.
    "责任编辑", "编辑", "作者", "记者",
)

#: ``<meta>`` names/properties that declare the author, best first: the HTML standard's "author",
#: Open Graph's article:author, Dublin Core, and the analytics/paywall tags news CMSs fill with the
#: byline (Sailthru, Parse.ly, cXense), and "citation_author" of scholarly and institute pages.
AUTHOR_META_KEYS = ("author", "article:author", "dc.creator", "dcterms.creator", "sailthru.author",
                    "parsely-author", "cxenseparse:author", "citation_author", "byl")

#: Words of a newsroom byline ("Von Redaktion", "Redaktion Polizeiticker"): pages with no person
#: named credit the editorial team, an organisation the authors field takes as a last resort.
NEWSROOM_WORDS = ("redaktion", "redacción", "redaccion", "rédaction", "redazione", "redactie", "redakcja",
                  "newsroom", "editorial team")

#: Words that are page furniture, never part of a person's name: a byline candidate holding one
#: is cut there ("Johanna Kropfitsch Alle Artikel" -> "Johanna Kropfitsch"; "Zur Artikelübersicht"
#: -> nothing).  Lower case.
BYLINE_UI_WORDS = frozenset({
    # Links beside an author's name on magazine and news pages: "all articles", "more", "follow".
    "alle", "artikel", "artikelübersicht", "mehr", "weitere", "zur", "zum", "profil", "folgen",
    "follow", "more", "articles", "posts", "view", "profile", "see", "read",
    # Contact boxes and blog footers: "Kontakt +49 ...", "Posted", "Nachricht" (send a message).
    "kontakt", "contact", "posted", "nachricht", "informationen", "e-mail", "email", "mail",
    # Labels that stand alone when a byline is split at its colon ("Text: Jane Doe").
    "text", "foto", "fotos", "photo", "photos", "bild", "bilder",
    # Relative times printed after the name ("vor 3 Stunden", "hace 2 horas", "il y a").
    "vor", "hace", "ago",
    # Credit labels for other contributors ("Illustration: ...") and a meta line's date label.
    "illustration", "illustrationen", "grafik", "datum", "date",
    # The "published" label of a meta line that puts the date before the name ("Publiziert am").
    "publiziert", "veröffentlicht", "erschienen", "published", "updated", "publicado", "publié",
    # A meta line's topic list after the byline ("Tags: ...", "Schlagworte ...").
    "tags", "schlagworte", "schlagwörter",
    # Comment headers marked up like bylines ("Jane sagt:", "Jane says:").
    "sagt", "says", "said",
    # Social profile links printed after the name ("Jane Doe Twitter", "Jane Doe LinkedIn").
    "twitter", "facebook", "linkedin", "instagram",
    # An author box's "About Jane" heading and a meta line's reading time and update label
    # ("Über Steffi", "Lesezeit 3 Min.", "Jane Doe Actualizado").
    "über", "lesezeit", "actualizado", "atualizado",
    # The German update label of a meta line ("Letzte Aktualisierung: 28.01.2022", "zuletzt aktualisiert").
    "letzte", "zuletzt", "aktualisierung", "aktualisiert",
    # A translator's credit after the author's ("Übersetzung: Jane Doe", "Translated by ...").
    "übersetzung", "übersetzt", "translated", "translation", "traducción", "traduction",
})

#: Little words that join a name to the date after it ("Posted by Jane Doe at 18:52", "Von R. R. am
#: 07.08.2013", "par Jane Doe le 7 mai"): left at the end once the date is cut off, or alone.
BYLINE_DATE_JOINERS = frozenset({"am", "at", "on", "um", "le", "el", "il", "den", "vom", "the"})

#: Placeholders some CMSs print (or declare) where no author was set.
NO_AUTHOR = frozenset({"no author", "unknown", "anonymous", "anonym", "admin", "administrator",
                       "wordpressadmin", "none", "null", "n/a",
                       # the same in Spanish, Italian, French and German CMSs, and template defaults
                       # left in the author field ("default", "publisher", "Unbenannt" = untitled)
                       "anónimo", "anonimo", "anonyme", "unbenannt", "default", "publisher",
                       # the wire-copy credit after a byline's name ("By Euronews with Agencies", "Agencias"):
                       # news agencies in general, no author
                       "agencies", "agencias", "agenturen", "agences", "agenzie"})

#: Weekday abbreviations and month names a byline line runs into when the date follows the name
#: without a separator ("Tomas Spahn Fr, 12.03.", "Heiko Sauer Do 7 Mai", "John Walk - January 5").
BYLINE_DATE_WORDS = frozenset({
    "mo", "di", "mi", "do", "fr", "sa", "so", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "januar", "jänner", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember",
    "january", "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december",
    # Month abbreviations of English and German date lines ("Kayla Greaves Oct 12, 2023"); not "Jan",
    # "Mar", "Jun", which are also given names.
    "feb", "apr", "jul", "aug", "sep", "sept", "oct", "okt", "nov", "dec", "dez",
    # French and Spanish weekdays ("Marie Merlet lundi 3 mai").
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo",
})

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

#: English regions (``<html lang="en-XX">``, lower case) that write a slashed date month first
#: ("5/3/2022" = 5 March): the United States and the territories that follow its usage; every other
#: English region and language writes the day first.
MONTH_FIRST_ENGLISH_REGIONS = frozenset({"us", "pr", "gu", "as", "vi", "um", "ph"})

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
