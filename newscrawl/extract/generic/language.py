"""Language: declared by the page (``<html lang>``, JSON-LD ``inLanguage``, ``og:locale``,
Content-Language), checked against the text where templates declare a default; detected with
py3langid when nothing is declared.
"""
from __future__ import annotations

import functools

import py3langid.langid

from newscrawl.extract.generic.rules import rule
from newscrawl.extract.generic.vocabulary import NORWEGIAN, OVERRIDABLE_LANGUAGES

#: The least text worth detecting a language from (a headline alone is often too short to tell).
MIN_DETECT_CHARS = 20
#: The least text that may override a declared language: a few paragraphs, so that a quotation or a
#: headline in another language does not flip a page.
MIN_OVERRIDE_CHARS = 400
#: Text passed to the detector: the headline and first paragraphs; more costs time and adds nothing.
MAX_DETECT_CHARS = 1200
#: The detector's least (normalised) probability to override a declared language.
OVERRIDE_CONFIDENCE = 0.99


@functools.cache
def language_identifier() -> py3langid.langid.LanguageIdentifier:
    """The language model, loaded once per process (loading costs about a second)."""
    return py3langid.langid.LanguageIdentifier.from_model_file(py3langid.langid.MODEL_FILE, norm_probs=True)


def declared_languages(selector, meta) -> list:
    """The page's declared languages, most reliable first."""
    in_language = meta.article_value("inLanguage")
    return [selector.xpath("/html/@lang").get(), in_language if isinstance(in_language, str) else None,
            meta.meta("og:locale", "content-language", "language", "dc.language"),
            selector.xpath("//meta[@http-equiv='content-language' or @http-equiv='Content-Language']"
                           "/@content").get()]


def detection_text(headline: str | None, paragraphs: list[str]) -> str:
    """The text the language is detected from: the headline and the first paragraphs, cut short.

    >>> detection_text("Title", ["One.", "Two."])
    'Title One. Two.'
    """
    return " ".join([headline or ""] + paragraphs[:10])[:MAX_DETECT_CHARS]


def norwegian_as_no(declared: str | None) -> str | None:
    """Norwegian Bokmål or Nynorsk (``nb``, ``nn-NO``) as ``no``, the ISO 639-1 macrolanguage code the
    corpora give Norwegian.  A code mapping, not a page heuristic, so not a registered rule.

    >>> norwegian_as_no("nb-NO"), norwegian_as_no("de-DE")
    ('no', 'de-DE')
    """
    return "no" if (declared or "").split("-")[0].lower() in NORWEGIAN else declared


@rule(off=lambda declared, text, identifier=None: declared)
def overridden_default(declared: str, text: str, identifier=None) -> str:
    """A declared template default (English) replaced by the detected language when the text is long
    and clearly in another one (a CMS theme's ``lang="en-US"`` on a German blog).

    >>> overridden_default("en-US", "Die Bundesregierung hat am Mittwoch beschlossen, die Steuern zu senken. " * 8)
    'de'
    >>> overridden_default("de", "The government decided on Wednesday to cut taxes for everyone. " * 8)
    'de'
    """
    primary = declared.split("-")[0].lower()
    if primary not in OVERRIDABLE_LANGUAGES or len(text) < MIN_OVERRIDE_CHARS:
        return declared
    detected, confidence = (identifier or language_identifier()).classify(text)
    return detected if detected != primary and confidence >= OVERRIDE_CONFIDENCE else declared


def checked_language(declared: str | None, text: str, identifier=None) -> str | None:
    """The declared language (Norwegian as ``no``, a template's default English checked against the
    text); detected when undeclared and the text is long enough to tell.

    >>> checked_language("nb-NO", "Hva skjer i dag"), checked_language("de", "short")
    ('no', 'de')
    >>> checked_language(None, "Die Bundesregierung hat am Mittwoch beschlossen, die Steuern zu senken.")
    'de'
    """
    declared = norwegian_as_no(declared)
    if len(text) < MIN_DETECT_CHARS:
        return declared
    if not declared:
        return (identifier or language_identifier()).classify(text)[0]
    return overridden_default(declared, text, identifier)
