"""The generic parser's vocabulary as data: words, phrases and class/id tokens, one table each,
grouped by the field that reads them.  Every entry says why it is there (which kind of page shows
it; never "page X needed it"): a word that only one publisher uses belongs in that publisher's site
parser, not here.  Numbers (thresholds) stay beside the code that reads them, named and explained.
"""
from __future__ import annotations

# --- headline ------------------------------------------------------------------------------------

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
    # Forum threads and CMS post footers: the thread's or post's author ("Thread starter", Drupal's
    # "Submitted by", the German forum "Themenstarter").
    "thread starter", "started by", "submitted by", "themenstarter",
    # Romance languages: Spanish/Portuguese "Por", "Texto", French "Par", Italian "A cura di".
    "por", "texto", "escrito por", "publicado por", "autora", "autores", "par", "publié par", "écrit par",
    "auteur", "autore", "a cura di", "scritto da",
    # Dutch and the Nordic languages ("Door", "Av", "Af", "Ved"), Polish "Przez".
    "door", "geplaatst door", "av", "af", "ved", "przez",
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

#: Labels of an author field in a fact list, table or heading ("<dt>Autorin/Autor</dt><dd>...",
#: "<h3>Autoren</h3><p>...</p>"), lower case, a colon allowed after them: German, English, French,
#: Italian, Spanish and Polish.
AUTHOR_LABELS = ("autor", "autorin", "autorin/autor", "autor/autorin", "autor(in)", "autoren", "verfasser",
                 "verfasserin", "author", "authors", "written by", "reporter", "auteur", "auteurs", "autore",
                 "autori", "autora", "autores")

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
})

#: Little words that join a name to the date after it ("Posted by Jane Doe at 18:52", "Von R. R. am
#: 07.08.2013", "par Jane Doe le 7 mai"): left at the end once the date is cut off, or alone.
BYLINE_DATE_JOINERS = frozenset({"am", "at", "on", "um", "le", "el", "il", "den", "vom", "the"})

#: Placeholders some CMSs print (or declare) where no author was set.
NO_AUTHOR = frozenset({"no author", "unknown", "anonymous", "anonym", "admin", "administrator",
                       "wordpressadmin", "none", "null", "n/a"})

#: Weekday abbreviations and month names a byline line runs into when the date follows the name
#: without a separator ("Tomas Spahn Fr, 12.03.", "Heiko Sauer Do 7 Mai", "John Walk - January 5").
BYLINE_DATE_WORDS = frozenset({
    "mo", "di", "mi", "do", "fr", "sa", "so", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "januar", "jänner", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember",
    "january", "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december",
})

# --- lead ----------------------------------------------------------------------------------------

# --- body ----------------------------------------------------------------------------------------

# --- captions ------------------------------------------------------------------------------------

# --- dates ---------------------------------------------------------------------------------------

# --- tags ----------------------------------------------------------------------------------------

# --- language ------------------------------------------------------------------------------------
