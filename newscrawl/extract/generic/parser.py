"""``GenericParser``: one parse, one walk, every field chosen from what the walk found (see the package)."""
from __future__ import annotations

import html
import re

from lxml import etree
from parsel import Selector

from newscrawl.extract.generic.body import block_text, body_blocks, find_container, is_inside, spaced_text, walk_page
from newscrawl.extract.generic.boilerplate import class_words, in_teaser_link
from newscrawl.extract.generic.bylines import (
    clean_authors,
    has_by_word,
    is_role_element,
    is_role_text,
    is_site_name,
    looks_like_name,
)
from newscrawl.extract.generic.captions import find_captions, split_inline_credit
from newscrawl.extract.generic.headlines import clean_title, page_headline
from newscrawl.extract.generic.language import checked_language, declared_languages, detection_text, language_identifier
from newscrawl.extract.generic.tags import after_headline, declared_section, page_tags, section_tag
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
MAX_DATE_CANDIDATES = 10
MAX_BYLINES = 6
MAX_BYLINE_CHARS = 150


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def byline_parts(element, text: str) -> list[str]:
    """A byline element's names: one per child element when it lists them in separate elements
    (``<span>Jane Doe</span><span>John Roe</span>``), else its whole text."""
    roles = [node for node in element.iter() if node is not element and isinstance(node.tag, str)
             and is_role_element(node)]
    if roles:
        # "By Jane Doe <span class=job-title>Travel News Reporter</span> [Bookmark]": the title ends the
        # names (as a ", Reporter" tail does in ``split_byline``).
        role_text = spaced_text(roles[0], skip_hidden=True)
        at = text.find(role_text) if role_text else -1
        if at > 0:
            text = normalize_space(text[:at])
    if has_by_word(text):
        return [text]
    leaves = [spaced_text(node, skip_hidden=True) for node in element.iter("a", "span", "li", "strong", "b")
              if node is not element and not len(node) and not is_role_element(node)]
    leaves = [leaf for leaf in leaves if len(leaf.split()) >= 2 and not is_role_text(leaf)]
    if len(leaves) >= 2 or (roles and leaves):
        return leaves
    return [text]


_AUTHOR_LABEL = re.compile(r"^(?:autor(?:in)?(?:\s*/\s*autor(?:in)?)?|autorin/autor|autoren|author|authors|"
                           r"written by|verfasser(?:in)?|auteur|autore|autor\(in\)|reporter)\s*:?$", re.IGNORECASE)
MAX_LABELS = 200


def labelled_authors(root) -> list[str]:
    """Names written after an author label in a fact list or table: ``<strong>Author</strong> Jane Doe``,
    ``<dt>Autorin/Autor</dt><dd>Jane Doe</dd>``, ``<th>Author:</th><td>Jane Doe</td>``.

    >>> from lxml import html
    >>> labelled_authors(html.fromstring('<ul><li><strong>Datum</strong> 28.04.2023</li>'
    ...                                  '<li><strong>Autorin/Autor</strong> Roman Goncharenko</li></ul>'))
    ['Roman Goncharenko']
    >>> labelled_authors(html.fromstring('<dl><dt>Author:</dt><dd>Jane Doe</dd></dl>'))
    ['Jane Doe']
    >>> labelled_authors(html.fromstring('<p><b>Author</b> of three books, she lives in Rome.</p>'))
    []
    """
    for count, label in enumerate(root.iter("strong", "b", "dt", "th")):
        if count >= MAX_LABELS:
            break
        if not _AUTHOR_LABEL.match(normalize_space("".join(label.itertext()))):
            continue
        value = normalize_space(label.tail)
        if not value:
            following = label.getnext()
            value = spaced_text(following) if following is not None else ""
        if value and len(value) <= MAX_BYLINE_CHARS and looks_like_name(value.split(",")[0].strip()):
            return [value]
    return []


def after_body(found, blocks) -> list:
    """The article's last paragraph and the text block right after it (a short line the body leaves out)."""
    if not blocks:
        return []
    last = blocks[-1].element
    for index, block in enumerate(found.blocks):
        if block.element is last:
            return found.blocks[index:index + 2]
    return blocks[-1:]


def signature_line(blocks) -> str | None:
    """The first of ``blocks`` that is a name set in bold on its own line: an author's signature
    under the text ("<p><strong>Lê Phương</strong></p>").

    >>> from lxml import html
    >>> from newscrawl.extract.generic.body import Block
    >>> p = html.fromstring('<p style="text-align:right"><strong>Lê Phương</strong></p>')
    >>> signature_line([Block(p, "p", "Lê Phương")])
    'Lê Phương'
    >>> q = html.fromstring('<p><strong>Read more</strong></p>')
    >>> signature_line([Block(q, "p", "Read more")]) is None
    True
    """
    for block in blocks:
        if block.tag != "p":
            continue
        element, text = block.element, block.text
        children = [child for child in element if isinstance(child.tag, str)]
        if (len(children) == 1 and children[0].tag in ("strong", "b") and not (element.text or "").strip()
                and not (children[0].tail or "").strip() and 2 <= len(text.split()) <= 4 and looks_like_name(text)
                and not any(c in text for c in ".:!?")):
            return text
    return None


def declared_author(meta) -> str | None:
    """The first ``<meta>`` author that names a person: a page may declare the site as one
    ``<meta name=author>`` and the reporter as another; the site name (og:site_name, the JSON-LD
    publisher, the copyright holder) is no author."""
    site_names = {normalize_space(n).casefold() for n in (
        meta.meta("og:site_name"), meta.meta("application-name"), meta.meta("copyright"),
        *meta.article_names("publisher")) if isinstance(n, str)}
    site_names |= {n.lstrip("©").strip() for n in site_names}
    for key in ("author", "article:author", "dc.creator", "sailthru.author", "parsely-author"):
        for value in meta.meta_all(key):
            if normalize_space(value).casefold() not in site_names and not value.startswith("http"):
                return value
    return None


def referenced_persons(meta) -> list[str]:
    """Names of the article's authors given as JSON-LD references (``{"@id": ...}``) to Person
    nodes elsewhere on the page (a ``@graph`` or another script)."""
    value = meta.article_value("author")
    ids = [e["@id"] for e in _as_list(value) if isinstance(e, dict) and isinstance(e.get("@id"), str)
           and not isinstance(e.get("name"), str)]
    if not ids:
        return []
    by_id = {n.get("@id"): n for n in meta.jsonld if isinstance(n, dict) and isinstance(n.get("name"), str)}
    names = []
    for ident in ids:
        node = by_id.get(ident)
        if node is not None and "Organization" not in str(node.get("@type", "")):
            names.append(node["name"])
    return names


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


class GenericParser(ArticleParser):
    def __init__(self):
        # Plain lxml elements: parsel's lxml.html tree builds a Python class per element visited.
        self._html_parser = etree.HTMLParser(recover=True, encoding="utf-8")
        # The language model loads with the parser (its first use would otherwise cost a page ~1 s).
        self._language_identifier = language_identifier()

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
        headline, headline_element = self.choose_headline(found, selector, meta, url)
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
        article.language = self.checked_language(article.language, detection_text(article.headline, paragraphs))
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

    def choose_headline(self, found, selector, meta, url=None):
        """(headline, the h1 element showing it or ``None``): see ``headlines.page_headline``."""
        return page_headline(found, selector, meta, url)

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
        """JSON-LD persons, else the byline markup near the headline, else ``<meta name=author>``, else
        JSON-LD organisations."""
        persons = [n for n in clean_authors(meta.article_persons("author") + referenced_persons(meta))
                   if not is_site_name(n)]
        if persons:
            return persons
        # Bylines between headline and text first, then down to the text's end, then anywhere.
        first = found.order.get(headline_element, 0) if headline_element is not None else 0
        body_start = found.order.get(blocks[0].element, 0) if blocks else 0
        body_end = found.order.get(blocks[-1].element, 0) if blocks else 0
        def near(elements):
            positions = [(e, self._position(e, found) or 0) for e in elements]
            return ([e for e, at in positions if first <= at <= (body_start or float("inf"))]
                    or [e for e, at in positions if first <= at <= (body_end or float("inf"))])

        links = [spaced_text(a, skip_hidden=True) for a in near(found.author_links) if not in_teaser_link(a)]
        markup_names = clean_authors([t for t in links if looks_like_name(t)])
        markup = []
        bylines = [e for e in found.bylines if not in_teaser_link(e)]
        for element in (near(bylines) or bylines)[:MAX_BYLINES]:
            text = spaced_text(element, skip_hidden=True)
            if text and len(text) < MAX_BYLINE_CHARS:
                markup += byline_parts(element, text)
        declared = declared_author(meta)
        names = (clean_authors(markup) or markup_names or clean_authors(labelled_authors(selector.root))
                 or clean_authors([declared or ""]))
        names = [n for n in names if not n.startswith("http")]
        # An organisation only when no person is named; before it, a signature under the text.
        return (names or clean_authors([signature_line(after_body(found, blocks))])
                or clean_authors(meta.article_names("author")))

    def find_captions(self, found, meta, url, container, blocks, headline_element):
        """Captions of the article's photos: see ``captions.find_captions``."""
        return find_captions(found, meta, url, container, blocks, headline_element)

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
        return declared_section(meta)

    def after_headline(self, elements, found, headline_element):
        return after_headline(elements, found, headline_element, self._position)

    def tags(self, selector, meta, found, headline_element=None, url=None):
        """Declared keywords, else the page's tag lists, else the section: see ``tags.page_tags``."""
        return page_tags(meta, found, headline_element, url, self._position)

    @staticmethod
    def section_tag(meta) -> list[str]:
        """The JSON-LD ``articleSection`` as the one topic of a page that lists no keywords."""
        return section_tag(meta)

    def language(self, selector, meta):
        return declared_languages(selector, meta)

    def checked_language(self, declared: str | None, text: str) -> str | None:
        """The declared language checked against the text, else the detected one: see
        ``language.checked_language``."""
        return checked_language(declared, text, self._language_identifier)
