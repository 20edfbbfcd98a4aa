"""``GenericParser``: one parse, one walk, every field chosen from what the walk found (see the package)."""
from __future__ import annotations

import html
import re

import py3langid.langid
from lxml import etree
from parsel import Selector

from newscrawl.extract.generic.authors import (  # noqa: F401 (the moved names stay importable from here)
    byline_parts,
    declared_author,
    find_authors,
    labelled_authors,
    referenced_persons,
    signature_line,
)
from newscrawl.extract.generic.body import block_text, body_blocks, find_container, is_inside, spaced_text, walk_page
from newscrawl.extract.generic.boilerplate import class_words
from newscrawl.extract.generic.bylines import clean_authors, has_by_word
from newscrawl.extract.generic.captions import credit_boxes, figure_captions, split_inline_credit
from newscrawl.extract.generic.headlines import choose_headline, clean_title, headline_part
from newscrawl.extract.generic.visible_dates import parse_visible_date
from newscrawl.extract.loaders import ArticleLoader
from newscrawl.extract.metadata import PageMetadata
from newscrawl.extract.parser import ArticleParser
from newscrawl.extract.text import comparison_key, normalize_space
from newscrawl.extract.urls import site_of

MIN_LEAD_CHARS = 40
MAX_LEAD_CHARS = 1500
MIN_DECK_CHARS = 60
MAX_BYLINE_LINE_CHARS = 80
MAX_TWIN_LEADS = 5
REPEAT_PROBE_CHARS = 60
REPEAT_SHARE = 0.8
DECK_TAGS = frozenset({"p", "h2", "h3", "h4"})
TITLE_VARIANT_SHARE = 0.6
DECLARED_BODY_SHARE = 2  # markup shorter than half of articleBody: take articleBody
MAX_TAG_CHARS = 60
MAX_DATE_CANDIDATES = 10
MIN_DETECT_CHARS = 20
MIN_OVERRIDE_CHARS = 400
MAX_DETECT_CHARS = 1200
OVERRIDE_CONFIDENCE = 0.99
#: Declared languages a CMS template sets whatever the page's language: checked against the text.
OVERRIDABLE_LANGUAGES = frozenset({"en"})
NORWEGIAN = frozenset({"nb", "nn", "no"})
MAX_TAG_WORDS = 5
SLUG_KEYWORD_SHARE = 0.7
PADDED_SHARE = 0.85
MIN_PADDING = 3


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def keyword_list(value) -> list[str]:
    """JSON-LD/meta keywords (a list, or one comma-separated string) as a list.

    >>> keyword_list("Politik, Berlin,  Wahl")
    ['Politik', 'Berlin', 'Wahl']
    >>> keyword_list(["A", "B, C", "sections/sverige"])
    ['A', 'B, C', 'sverige']
    """
    if isinstance(value, str):
        values = value.split(",")
    else:
        values = [v for v in _as_list(value) if isinstance(v, str)]
    # "topic/misshandel & överfall": a CMS path prefix, not part of the keyword.
    return [_KEYWORD_PATH.sub("", normalize_space(v)) for v in values if normalize_space(v)]


_KEYWORD_PATH = re.compile(r"^[a-z_-]+/(?=\S)")
_NOT_TOPIC = re.compile(r"^(?:[\w ]+:\s|[0-9a-f]{8}-[0-9a-f-]{27,}$|\d+$|[\w-]+\.(?:com|de|net|org|co\.\w+)$)",
                        re.IGNORECASE)


#: Keywords that name the medium, not a topic ("News", "Nachrichten", "ニュース").
GENERIC_KEYWORDS = frozenset({"news", "breaking news", "latest news", "top news", "nachrichten", "aktuelle nachrichten",
                              "noticias", "notizie", "nieuws", "nyheter", "nyheder", "uutiset", "wiadomości",
                              "actualités", "actualites", "haberler", "ニュース", "速報", "新聞", "뉴스", "新闻",
                              "속보"})
#: Links in a tag list that work the page, not name a topic ("Zur Startseite", "Themen bearbeiten").
_UI_TAG = re.compile(r"(?:^|\s)(?:startseite|homepage|home page|bearbeiten|verwalten|abonnieren|subscribe|"
                     r"mehr anzeigen|show more|see all|alle themen|all topics|weitere themen)(?:$|\s)|"
                     r"^\W*(?:follow|folgen|edit|manage)\W*$", re.IGNORECASE)


def is_ui_tag(text: str) -> bool:
    """Whether a tag-list link is an interface action rather than a topic.

    >>> [is_ui_tag(t) for t in ("Zur Startseite", "Themen bearbeiten", "+ Follow", "Coronavirus", "Editorial",
    ...                         "Follow the money")]
    [True, True, True, False, False, False]
    """
    return bool(_UI_TAG.search(text))


def is_generic_keyword(keyword: str) -> bool:
    """Whether a keyword names the medium ("News", "ニュース") instead of a topic.

    >>> [is_generic_keyword(k) for k in ("News", "ニュース", "Breaking News", "Newsroom daily", "Israel")]
    [True, True, True, False, False]
    """
    return keyword.casefold().strip() in GENERIC_KEYWORDS


def padded_list(lists: list[list[str]]) -> list[str]:
    """The fullest keyword list, unless a shorter one holds at least half as many entries, nearly all
    of them recur in it and it adds several more: then the extra entries are site-wide padding
    ("Bhopal news, Bhopal latest news, ..." before the article's own keywords) and the shorter list
    is the article's.  One extra entry is usually the section, which the article's tags include.

    >>> padded_list([["A", "B", "C"], [], ["News 1", "News 2", "News 3", "A", "B", "C"]])
    ['A', 'B', 'C']
    >>> padded_list([["Weight Loss"], [], ["Health", "Weight Loss"]])
    ['Health', 'Weight Loss']
    >>> padded_list([["A", "B"], ["A", "B", "C", "D", "E"]])
    ['A', 'B', 'C', 'D', 'E']
    >>> padded_list([["A", "B", "C"], ["X", "Y", "Z", "W"]])
    ['X', 'Y', 'Z', 'W']
    """
    fullest = max(lists, key=len)
    keys = {k.casefold() for k in fullest}
    for candidate in sorted((lst for lst in lists if lst and len(lst) < len(fullest)), key=len, reverse=True):
        shared = sum(k.casefold() in keys for k in candidate)
        if 2 * len(candidate) >= len(fullest) and shared >= PADDED_SHARE * len(candidate) \
                and len(fullest) - shared >= MIN_PADDING:
            return candidate
    return fullest


def agreed_list(lists: list[list[str]]) -> list[str]:
    """The keyword list two sources agree on (the same set), else ``padded_list``'s choice: a longer
    list that no other source repeats carries SEO keywords or site-wide ones.

    >>> agreed_list([["a", "b"], ["B", "a"], ["a", "b", "seo phrase", "more seo", "c"]])
    ['a', 'b']
    >>> agreed_list([["a"], [], ["a", "b", "c"]])
    ['a', 'b', 'c']
    """
    keys = [frozenset(k.casefold() for k in lst) for lst in lists]
    for i, lst in enumerate(lists):
        if lst and any(keys[i] == keys[j] for j in range(len(lists)) if j != i):
            return lst
    return padded_list(lists)


def is_topic(keyword: str) -> bool:
    """Whether a declared keyword is a topic, not a CMS-internal token (ids, "Category: ...", domains).

    >>> [is_topic(k) for k in ("Economy", "NLP Category: Business", "98be933f-38cf-4fba-b6c6-ad438e82010a",
    ...                        "100312362", "nationalpost.com", "Covid-19")]
    [True, False, False, False, False, True]
    """
    return not _NOT_TOPIC.match(keyword)


def is_title_variant(text: str, title) -> bool:
    """Whether ``text`` is mostly the words of ``title`` (a kicker + title line, a social title).

    >>> is_title_variant("USA stoppen Schattentanker: Acht Namen, vier Flaggen", "Acht Namen, vier Flaggen")
    True
    >>> is_title_variant("The vote was close, and the debate ran late into the night.", "Council approves budget")
    False
    """
    if not isinstance(title, str) or not title:
        return False
    words = set(re.findall(r"\w+", text.casefold()))
    title_words = set(re.findall(r"\w+", title.casefold()))
    return bool(words) and len(words & title_words) >= TITLE_VARIANT_SHARE * min(len(words), len(title_words))


def is_title_line(text: str, titles) -> bool:
    """Whether a standfirst-like text is one of the titles again (with a kicker, or the social title):
    mostly the title's words and not much longer than it.

    >>> is_title_line("USA stoppen Schattentanker: Acht Namen, vier Flaggen", ["Acht Namen, vier Flaggen"])
    True
    >>> is_title_line("Mit EPI wollen Europas Banken unabhängiger von Paypal werden. Um mitzuhalten, muss es in "
    ...               "drei Punkten besser sein als die Konkurrenz.", ["Europas Banken wollen unabhängiger werden"])
    False
    """
    words = len(re.findall(r"\w+", text))
    return any(isinstance(t, str) and words <= 2 * len(re.findall(r"\w+", t)) + 3 and is_title_variant(text, t)
               for t in titles)


def bold_intro(blocks) -> str | None:
    """The first body paragraph when it is set in bold as a whole: the page's standfirst."""
    if not blocks or blocks[0].tag != "p" or len(blocks[0].text) < MIN_DECK_CHARS:
        return None
    element = blocks[0].element
    children = [child for child in element if isinstance(child.tag, str)]
    if len(children) == 1 and children[0].tag in ("strong", "b") and not (element.text or "").strip() \
            and not (children[0].tail or "").strip():
        return blocks[0].text
    return None


def lead_text(element) -> tuple[str, int]:
    """(text, characters in links) of a standfirst element; its paragraphs or bullet points one per line,
    a byline line among them ("Von Jane Doe") left out."""
    parts = [block_text(node) for node in element.iter("p", "li") if node is not element]
    parts = [(text, links) for text, links in parts if text and not is_byline_line(text)]
    if not parts:
        return block_text(element)
    return "\n\n".join(text for text, _ in parts), sum(links for _, links in parts)


_TRAILING_BYLINE = re.compile(r"(?<=[.!?…\"“”»])\s+(?:Von|By|Par|Por|Door|Av|Af)\s+"
                              r"[A-ZÀ-Þ][\w.'’-]*(?:\s+(?:[A-ZÀ-Þ][\w.'’-]*|von|van|de|der|da|di|und|and|et|y))"
                              r"{0,6}\s*$")


def fullest_description(descriptions: list) -> str | None:
    """The first declared description, or a longer one that continues it: a copy cut short for
    social cards ("... dėl..." or just the first sentence) is the same text, incomplete.

    >>> fullest_description(["Judas betrayed him for money...", None, "Judas betrayed him for money. Or not?"])
    'Judas betrayed him for money. Or not?'
    >>> fullest_description(["Students attacked others.", "Students attacked others. Five are charged."])
    'Students attacked others. Five are charged.'
    >>> fullest_description(["The vote was close.", "A photo of the council."])
    'The vote was close.'
    """
    texts = [d for d in descriptions if isinstance(d, str) and d]
    if not texts:
        return None
    first = texts[0]
    stem = comparison_key(first.rstrip(" .…"))
    longer = [t for t in texts[1:] if len(t) > len(first) and stem and comparison_key(t).startswith(stem)]
    return max(longer, key=len) if longer else first


def strip_trailing_byline(text: str | None) -> str | None:
    """A description without the byline some sites append to it ("... wieder lebendig. Von Eva Muster").

    >>> strip_trailing_byline("Bei der Premiere wurde das Hotel wieder lebendig. Von Eva Kirchner-Rätsch")
    'Bei der Premiere wurde das Hotel wieder lebendig.'
    >>> strip_trailing_byline("Das Gesetz kommt. Von Berlin aus gesehen ist das wenig.")
    'Das Gesetz kommt. Von Berlin aus gesehen ist das wenig.'
    """
    return _TRAILING_BYLINE.sub("", text) if text else text


def without_repeated_lead(paragraphs: list[str], lead: str | None) -> list[str]:
    """The body without a first paragraph that is the standfirst with a byline after it (the
    description the lead was taken from, printed once more with its author).

    >>> without_repeated_lead(["Das Hotel lebt. Von Eva Muster", "Der Text."], "Das Hotel lebt.")
    ['Der Text.']
    >>> without_repeated_lead(["Das Hotel lebt wieder auf.", "Der Text."], "Das Hotel")
    ['Das Hotel lebt wieder auf.', 'Der Text.']
    >>> without_repeated_lead(["Das Hotel lebt.", "Der Text."], "Das Hotel lebt.")
    ['Das Hotel lebt.', 'Der Text.']
    """
    if not paragraphs or not lead:
        return paragraphs
    first, lead = normalize_space(paragraphs[0]), normalize_space(lead)
    if first.startswith(lead) and is_byline_line(first[len(lead):].strip()):
        return paragraphs[1:]
    return paragraphs


def twin_leads(element, before_body=lambda e: True) -> list[str]:
    """Texts of the siblings right after a standfirst element that share its tag and class: a
    standfirst set as several lines (``<h2 class="subtitle">`` three times).  Not a sibling that
    ``before_body`` says is body text already, nor a link (a related article).

    >>> from lxml import html
    >>> box = html.fromstring('<div><h2 class="subtitle">One point.</h2><h2 class="subtitle">Two points.</h2>'
    ...                       '<h2 class="other">Not this.</h2><h2 class="subtitle">Nor this.</h2></div>')
    >>> twin_leads(box[0])
    ['Two points.']
    """
    texts = []
    for sibling in element.itersiblings():
        if sibling.tag != element.tag or sibling.attrib.get("class") != element.attrib.get("class") \
                or len(texts) >= MAX_TWIN_LEADS or not before_body(sibling):
            break
        text, link_chars = lead_text(sibling)
        if not text or link_chars > len(text) / 2:
            break
        texts.append(text)
    return texts


def wraps_other_lead(element, leads) -> bool:
    """Whether a standfirst-like element wraps another one (``slideshow-intro`` around ``summary-list``):
    the inner one is the standfirst proper, the wrapper holds the text after it too.

    >>> from lxml import html
    >>> page = html.fromstring('<section class="intro"><ul class="summary-list"><li>A</li></ul><p>Body</p></section>')
    >>> inner = page.find("ul")
    >>> wraps_other_lead(page, [page, inner]), wraps_other_lead(inner, [page, inner])
    (True, False)
    """
    return any(other is not element and is_inside(other, element) for other in leads)


def unrepeated(text: str) -> str:
    """A declared text without a second copy of itself appended (a CMS writing ``articleBody`` twice).

    >>> story = "The council met on Monday evening to vote on the budget. It passed narrowly."
    >>> unrepeated(story + " " + story) == story
    True
    >>> unrepeated("No repeat at all in this one.")
    'No repeat at all in this one.'
    """
    stripped = text.strip()
    head = stripped[:REPEAT_PROBE_CHARS]
    if len(head) < REPEAT_PROBE_CHARS // 2:
        return stripped
    again = stripped.find(head, len(head))
    if again > 0 and len(stripped) - again >= again * REPEAT_SHARE:
        return stripped[:again].strip()
    return stripped


def is_byline_line(text: str) -> bool:
    """Whether a short line is a byline ("Von Eva Kirchner", "By Jane Doe"), not standfirst text.

    >>> is_byline_line("Von Eva Kirchner-Rätsch"), is_byline_line("Von Berlin aus regiert die Partei seit 1990.")
    (True, False)
    """
    return len(text) <= MAX_BYLINE_LINE_CHARS and has_by_word(text) and bool(clean_authors([text]))


#: Class words of a description that belongs to a photo or gallery ("lightbox__description").
_PHOTO_TEXT_CLASS = re.compile(r"(?:^|[-_ ])(?:lightbox|caption|figcaption|photo|image|img|picture)(?:$|[-_ ])")


def is_photo_text(element, text: str) -> bool:
    """Whether a standfirst-like element is a photo's or gallery's description: its class says so,
    or its text ends with a photo credit ("... Bild: dpa").

    >>> from lxml import html
    >>> is_photo_text(html.fromstring('<div class="lightbox__description">x</div>'), "Lindner spricht.")
    True
    >>> is_photo_text(html.fromstring('<p class="intro">x</p>'), "Der Minister in Berlin. Foto: dpa")
    True
    >>> is_photo_text(html.fromstring('<p class="article-intro">x</p>'), "Die Partei hat entschieden.")
    False
    """
    return bool(_PHOTO_TEXT_CLASS.search(class_words(element))) or bool(split_inline_credit(text)[1])


def is_url_slug(keywords: list[str], url: str) -> bool:
    """Whether keywords are just the words of the page's URL (an SEO plugin's default).

    >>> is_url_slug(["mueren", "seis", "personas"], "https://x.es/sucesos/mueren-seis-personas-incendio.html")
    True
    >>> is_url_slug(["Juanma Moreno", "Almería"], "https://x.es/sucesos/mueren-seis-personas.html")
    False
    """
    if not keywords:
        return False
    path = url.casefold()
    slug_like = [k for k in keywords if " " not in k and k.islower() and k.casefold() in path]
    return len(slug_like) >= SLUG_KEYWORD_SHARE * len(keywords)


def markup_tags(elements) -> list[str]:
    """Link texts of the page's tag lists (and ``rel=tag`` links), page order."""
    tags = []
    for element in elements:
        links = [element] if element.tag == "a" else list(element.iter("a"))
        for link in links:
            text, _ = block_text(link)
            if link.attrib.get("href", "").strip() in ("/", "#", ""):
                continue  # "Back to the home page", "Show more"
            if text and len(text) <= MAX_TAG_CHARS and len(text.split()) <= MAX_TAG_WORDS and not is_ui_tag(text):
                tags.append(text)
    return tags


def declared_captions(meta) -> list[dict]:
    """Captions of the JSON-LD images (the article's ``image`` and any ``ImageObject``) that have one."""
    captions, seen = [], set()
    nodes = _as_list(meta.article_value("image")) + [n for n in meta.jsonld if n.get("@type") == "ImageObject"]
    for image in nodes:
        if not isinstance(image, dict) or not isinstance(image.get("caption"), str) or not image["caption"].strip():
            continue
        url = image.get("url") or image.get("contentUrl")
        url = url if isinstance(url, str) else None
        key = url or image["caption"]
        if key in seen:
            continue
        seen.add(key)
        credit = image.get("creditText") or image.get("copyrightHolder") or image.get("author")
        credit = credit.get("name") if isinstance(credit, dict) else credit
        captions.append({"text": image["caption"], "credit": credit if isinstance(credit, str) else None,
                         "image_url": url})
    return captions


class GenericParser(ArticleParser):
    def __init__(self):
        # Plain lxml elements: parsel's lxml.html tree builds a Python class per element visited.
        self._html_parser = etree.HTMLParser(recover=True, encoding="utf-8")
        # The language model loads once per parser (its first use would otherwise cost a page ~1 s).
        self._language_identifier = py3langid.langid.LanguageIdentifier.from_model_file(
            py3langid.langid.MODEL_FILE, norm_probs=True)

    def selector(self, html: str, url: str) -> Selector:
        """The page parsed once; parsel's own parser when lxml gives no tree (an empty page)."""
        root = etree.fromstring(html.encode("utf-8", "replace"), parser=self._html_parser) if html else None
        if root is None:
            return Selector(text=html or "<html></html>", base_url=url)
        return Selector(root=root, type="html", base_url=url)

    def parse(self, html: str, url: str):
        selector = self.selector(html, url)
        meta = PageMetadata(selector)
        found = walk_page(selector.root)
        headline, headline_element = self.choose_headline(found, selector, meta)
        container = find_container(found.blocks)
        blocks = body_blocks(found, headline_element, container)
        paragraphs = self.with_declared_body([b.text for b in blocks], meta)
        loader = ArticleLoader(selector=selector)
        loader.add_value("url", url)
        loader.add_value("canonical_url", self.canonical_url(selector, meta, url))
        loader.add_value("headline", headline)
        captions = self.find_captions(found, meta, url, container, blocks, headline_element)
        caption_keys = {comparison_key(c.get("text")) for c in captions}
        lead = self.find_lead(selector, meta, found, blocks, headline, headline_element, caption_keys)
        loader.add_value("lead", lead)
        loader.add_value("authors", self.authors(selector, meta, found, headline_element, blocks))
        paragraphs = without_repeated_lead(paragraphs, lead)
        if paragraphs:
            loader.add_value("body", paragraphs)
        loader.add_value("captions", captions)
        loader.add_value("published_at", self.published_at(selector, meta))
        loader.add_value("modified_at", self.modified_at(selector, meta))
        loader.add_value("section", self.section(selector, meta))
        loader.add_value("tags", self.tags(selector, meta, found, headline_element, url))
        loader.add_value("language", self.language(selector, meta))
        article = loader.load_item()
        if not article.published_at:
            article.published_at = self.visible_date(found, headline_element)
        article.language = self.checked_language(article.language, " ".join([article.headline or ""]
                                                                            + paragraphs[:10])[:MAX_DETECT_CHARS])
        article.site = site_of(article.canonical_url or url)
        return article

    @staticmethod
    def with_declared_body(paragraphs: list[str], meta) -> list[str]:
        """The markup paragraphs, or JSON-LD ``articleBody`` when the markup shows far less text
        (bodies rendered by scripts, or kept in a data island)."""
        declared = meta.article_value("articleBody")
        if not isinstance(declared, str):
            return paragraphs
        declared = unrepeated(html.unescape(declared))
        if DECLARED_BODY_SHARE * sum(map(len, paragraphs)) >= len(declared):
            return paragraphs
        return [p for p in (normalize_space(p) for p in declared.split("\n")) if p]

    # --- headline -------------------------------------------------------------------------

    def choose_headline(self, found, selector, meta):
        """(headline, the h1 element showing it or ``None``)."""
        h1_texts = [block_text(h1)[0] for h1 in found.h1s]
        h1_parts = [headline_part(h1) for h1 in found.h1s]
        headline = choose_headline(h1_texts, meta.article_value("headline"), meta.meta("og:title"),
                                   meta.meta("twitter:title"), selector.xpath("//title/text()").get(),
                                   meta.meta("og:site_name"), h1_parts)
        key = comparison_key(headline)
        element = next((h1 for h1, text, part in zip(found.h1s, h1_texts, h1_parts, strict=True)
                        if key == comparison_key(text) or (part and key == comparison_key(part))), None)
        if element is None and found.h1s:
            element = found.h1s[0]
        return headline, element

    # --- lead -----------------------------------------------------------------------------

    def find_lead(self, selector, meta, found, blocks, headline, headline_element, caption_keys=frozenset()):
        """The standfirst shown between headline and body, else the declared description."""
        # og:description first: some JSON-LD descriptions describe the lead photo, not the article.
        declared = meta.article_value("description")
        descriptions = [clean_title(meta.meta(key)) for key in ("og:description", "description", "twitter:description")]
        descriptions.append(clean_title(declared if isinstance(declared, str) else None))
        description = strip_trailing_byline(fullest_description(descriptions))
        first_body = found.order.get(blocks[0].element) if blocks else None
        start = found.order.get(headline_element, 0) if headline_element is not None else 0
        headline_key = comparison_key(headline)
        titles = [headline] + [meta.meta(k) for k in ("og:title", "twitter:title")] + [meta.article_value("headline")]
        for element in found.leads:
            position = self._position(element, found)
            if first_body is not None and position is not None and position > first_body:
                break
            if position is not None and position < start:
                continue
            if blocks and is_inside(blocks[0].element, element):
                continue  # the body's own wrapper, named "description" or "intro"
            if wraps_other_lead(element, found.leads):
                continue
            text, link_chars = lead_text(element)
            if not MIN_LEAD_CHARS <= len(text) <= MAX_LEAD_CHARS or link_chars > len(text) / 2:
                continue
            if comparison_key(text) == headline_key or comparison_key(text) in caption_keys:
                continue
            if is_photo_text(element, text) or (len(text) < MIN_DECK_CHARS * 2 and parse_visible_date(text)) \
                    or is_title_line(text, titles):
                continue  # a gallery's photo description, a dateline, the headline with its kicker
            twins = twin_leads(element, lambda e: first_body is None or (self._position(e, found) or 0) < first_body)
            return "\n\n".join([text] + twins)
        return (self.deck_after_headline(found, start, first_body, titles) or bold_intro(blocks) or description)

    @staticmethod
    def deck_after_headline(found, start, first_body, titles):
        """A subheading or paragraph shown between the headline and the body (an unclassed standfirst):
        not another version of the title, not a dateline, byline or photo credit."""
        if not start or first_body is None:
            return None
        for block in found.blocks:
            position = found.order.get(block.element, 0)
            if position <= start:
                continue
            if position >= first_body:
                break
            text = block.text
            if block.tag not in DECK_TAGS or not MIN_DECK_CHARS <= len(text) <= MAX_LEAD_CHARS:
                continue
            if block.link_density > 0.3 or has_by_word(text) or parse_visible_date(text) \
                    or split_inline_credit(text)[1] or any(is_title_variant(text, t) for t in titles):
                continue
            return text
        return None

    @staticmethod
    def _position(element, found):
        node = element
        while node is not None:
            if node in found.order:
                return found.order[node]
            node = node.getparent()
        return None

    # --- authors, captions ----------------------------------------------------------------

    def authors(self, selector, meta, found, headline_element=None, blocks=()):
        """The article's authors (see ``authors.find_authors``); a site parser overrides this one field."""
        return find_authors(selector, meta, found, headline_element, blocks)

    def find_captions(self, found, meta, url, container, blocks, headline_element):
        """Captions of the article's photos: in the text container, in its <article> after the headline,
        or between headline and the body's end."""
        first = found.order.get(headline_element, 0) if headline_element is not None else 0
        last = found.order.get(blocks[-1].element, 0) if blocks else 0
        article = container
        while article is not None and article.tag != "article":
            article = article.getparent()

        def in_article(figure) -> bool:
            position = found.order.get(figure, 0)
            if container is not None and is_inside(figure, container):
                return True
            if article is not None and is_inside(figure, article) and position >= first:
                return True
            return not last or first <= position <= last

        figures = [f.element for f in found.figures
                   if (f.furniture is None or (container is not None and is_inside(container, f.furniture)))
                   and in_article(f.element)]
        # Photo boxes known only by their "© ..." credit, in the text container or between headline and text end.
        # (Searched in the article element or the text container only: the rest of the page holds no caption.)
        region = article if article is not None else container
        extra = [box for box in (credit_boxes(region, [f.element for f in found.figures]) if region is not None else [])
                 if box in found.order and ((container is not None and is_inside(box, container))
                                            or (last and first <= found.order[box] <= last))]
        if extra:
            figures = sorted(figures + extra, key=lambda e: found.order.get(e, 0))
        captions = figure_captions(figures, url)
        if captions:
            return captions
        return declared_captions(meta)

    # --- dates, section, tags, language ---------------------------------------------------

    def published_at(self, selector, meta):
        return [meta.article_value("datePublished"), meta.meta("article:published_time", "og:published_time",
                                                              "datepublished", "pubdate", "publishdate",
                                                              "publish-date", "dc.date.issued", "dc.date",
                                                              "date", "sailthru.date", "parsely-pub-date"),
                meta.article_value("dateCreated"),
                # A page typed otherwise (ClaimReview, WebPage, ...) still dates itself.
                next((n["datePublished"] for n in meta.jsonld if isinstance(n.get("datePublished"), str)), None),
                selector.xpath("//time/@datetime").get()]

    def visible_date(self, found, headline_element):
        """The first date printed near the headline (no machine-readable date on the page)."""
        first = found.order.get(headline_element, 0) if headline_element is not None else 0
        ordered = sorted(found.dates, key=lambda e: self._position(e, found) or 0)
        near = [e for e in ordered if (self._position(e, found) or 0) >= first] + ordered
        for element in near[:MAX_DATE_CANDIDATES]:
            moment = parse_visible_date(spaced_text(element))
            if moment:
                return moment
        return None

    def modified_at(self, selector, meta):
        return [meta.article_value("dateModified"), meta.meta("article:modified_time", "og:updated_time",
                                                             "datemodified", "last-modified")]

    def section(self, selector, meta):
        section = meta.article_value("articleSection")
        section = section[0] if isinstance(section, list) and section else section
        return [section if isinstance(section, str) else None, meta.meta("article:section", "section")]

    def after_headline(self, elements, found, headline_element):
        first = found.order.get(headline_element, 0) if headline_element is not None else 0
        return [e for e in elements if (self._position(e, found) or 0) >= first]

    def tags(self, selector, meta, found, headline_element=None, url=None):
        # The fullest declared list (sites fill one of them and leave the others a stub; see padded_list),
        # else the markup, else the article's section.  The site's own name ("Example News", "News") is
        # no topic.
        site_name = (meta.meta("og:site_name") or "").casefold()

        def topics(keywords):
            keywords = [html.unescape(k) for k in keywords]
            return [t for t in keywords if is_topic(t) and not is_generic_keyword(t)
                    and not (len(t) > 2 and t.casefold() in site_name)]

        declared = agreed_list([topics(keywords) for keywords in (
            keyword_list(meta.article_value("keywords")), meta.meta_all("article:tag"),
            keyword_list(meta.meta("news_keywords", "keywords")))])
        markup = markup_tags(self.after_headline(found.tag_lists, found, headline_element))
        if markup and is_url_slug(declared, url or ""):
            return markup  # keywords made from the URL's words: the page's own tag list says more
        return declared or markup or self.section_tag(meta)

    @staticmethod
    def section_tag(meta) -> list[str]:
        """The JSON-LD ``articleSection`` as the one topic of a page that lists no keywords."""
        section = meta.article_value("articleSection")
        section = section[0] if isinstance(section, list) and section else section
        return [normalize_space(section)] if isinstance(section, str) and normalize_space(section) else []

    def language(self, selector, meta):
        in_language = meta.article_value("inLanguage")
        return [selector.xpath("/html/@lang").get(), in_language if isinstance(in_language, str) else None,
                meta.meta("og:locale", "content-language", "language", "dc.language"),
                selector.xpath("//meta[@http-equiv='content-language' or @http-equiv='Content-Language']"
                               "/@content").get()]

    def checked_language(self, declared: str | None, text: str) -> str | None:
        """The declared language, unless it is a template's default English and the text is long and
        clearly in another language; detected when undeclared.  Norwegian Bokmål/Nynorsk is ``no``."""
        primary = (declared or "").split("-")[0].lower()
        if primary in NORWEGIAN:
            return "no"
        if len(text) < MIN_DETECT_CHARS or (declared and primary not in OVERRIDABLE_LANGUAGES):
            return declared
        detected, confidence = self._language_identifier.classify(text)
        if not declared:
            return detected
        if detected != declared.split("-")[0].lower() and confidence >= OVERRIDE_CONFIDENCE \
                and len(text) >= MIN_OVERRIDE_CHARS:
            return detected
        return declared
