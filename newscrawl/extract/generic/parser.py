"""``GenericParser``: one parse, one walk, every field chosen from what the walk found (see the package)."""
from __future__ import annotations

import html
import re

import py3langid.langid
from lxml import etree
from parsel import Selector

from newscrawl.extract.generic.body import (
    block_text,
    body_blocks,
    find_container,
    is_inside,
    position,
    spaced_text,
    walk_page,
    with_declared_body,
)
from newscrawl.extract.generic.boilerplate import in_teaser_link
from newscrawl.extract.generic.bylines import (
    clean_authors,
    has_by_word,
    is_role_element,
    is_role_text,
    is_site_name,
    looks_like_name,
)
from newscrawl.extract.generic.captions import credit_boxes, figure_captions
from newscrawl.extract.generic.dates import (
    agreed_with_url,
    dateline_date,
    declared_modified,
    declared_published,
    library_date,
    page_text_date,
    visible_date,
)
from newscrawl.extract.generic.headlines import choose_headline, headline_part
from newscrawl.extract.generic.lead import deck_after_headline, find_lead
from newscrawl.extract.loaders import ArticleLoader
from newscrawl.extract.metadata import PageMetadata
from newscrawl.extract.parser import ArticleParser
from newscrawl.extract.text import comparison_key, normalize_space
from newscrawl.extract.urls import site_of

MAX_TAG_CHARS = 60
MIN_DETECT_CHARS = 20
MIN_OVERRIDE_CHARS = 400
MAX_DETECT_CHARS = 1200
OVERRIDE_CONFIDENCE = 0.99
#: Declared languages a CMS template sets whatever the page's language: checked against the text.
OVERRIDABLE_LANGUAGES = frozenset({"en"})
NORWEGIAN = frozenset({"nb", "nn", "no"})
MAX_BYLINES = 6
MAX_BYLINE_CHARS = 150
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
        if paragraphs:
            loader.add_value("body", paragraphs)
        loader.add_value("captions", captions)
        loader.add_value("published_at", self.published_at(selector, meta))
        loader.add_value("modified_at", self.modified_at(selector, meta))
        loader.add_value("section", self.section(selector, meta))
        loader.add_value("tags", self.tags(selector, meta, found, headline_element, url))
        loader.add_value("language", self.language(selector, meta))
        article = loader.load_item()
        article.published_at = self.checked_published(article.published_at, html, url, found, headline_element,
                                                       selector.root)
        article.language = self.checked_language(article.language, " ".join([article.headline or ""]
                                                                            + paragraphs[:10])[:MAX_DETECT_CHARS])
        article.site = site_of(article.canonical_url or url)
        return article

    @staticmethod
    def with_declared_body(paragraphs: list[str], meta) -> list[str]:
        """The markup paragraphs, or JSON-LD ``articleBody`` (see ``body.with_declared_body``)."""
        return with_declared_body(paragraphs, meta)

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
        """The standfirst shown between headline and body, else the declared description (see ``lead.py``)."""
        return find_lead(meta, found, blocks, headline, headline_element, caption_keys, self.deck_after_headline)

    @staticmethod
    def deck_after_headline(found, start, first_body, titles):
        """An unclassed standfirst between headline and body (see ``lead.deck_after_headline``)."""
        return deck_after_headline(found, start, first_body, titles)

    @staticmethod
    def _position(element, found):
        return position(element, found)

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
        return declared_published(selector, meta)

    def visible_date(self, found, headline_element):
        """The first date printed near the headline (no machine-readable date on the page)."""
        return visible_date(found, headline_element, self._position)

    def checked_published(self, declared, html, url, found, headline_element, root=None):
        """The declared date checked against the URL's; else the visible one; else htmldate's; else a
        dateline's; else the first in the page's text."""
        moment = declared or self.visible_date(found, headline_element)
        if moment:
            return agreed_with_url(moment, url)
        return library_date(html, url) or dateline_date(headline_element) or page_text_date(root)

    def modified_at(self, selector, meta):
        return declared_modified(selector, meta)

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
