"""Photo captions from ``<figure>`` markup: caption text, photo credit and the largest image URL.

A figure's ``<figcaption>`` (else an element whose class says caption) is the caption; an
element whose class says credit/copyright/source inside it, or a trailing "© ..."/"Foto: ..."
part, is the credit.  The image URL is the widest ``srcset`` entry, else a lazy-loading
``data-*`` source, else ``src``.
"""
from __future__ import annotations

import re
from urllib.parse import urljoin

from newscrawl.extract.generic.body import is_inside
from newscrawl.extract.generic.boilerplate import class_words, in_teaser_link
from newscrawl.extract.generic.bylines import strip_byline_prefix
from newscrawl.extract.generic.walk import MAX_PHOTO_BOX_CHARS, block_text, visible_size
from newscrawl.extract.text import normalize_space

_CREDIT_CLASS = re.compile(r"(?:^|[-_ ])(?:credit|credits|copyright|source|photographer|author|rights|byline|"
                           r"attribution|courtesy)(?:$|[-_ ])")
_CAPTION_CLASS = re.compile(r"(?:^|[-_ ])(?:caption|figcaption|description|desc|legend|legende|subtitle|text|info|"
                            r"bildunterschrift|didascalia|pie)(?:$|[-_ ])")
# A credit written into the caption text: "... (Foto: dpa)", "... © Reuters", "... Photo: AP".
_INLINE_CREDIT = re.compile(r"\s*[(\[]?\s*(?:©|\(c\)|copyright\b|(?:photo|photograph|picture|image|foto) by\b|"
                            r"(?:fotos?|photos?|bild|image|quelle|bildquelle|fotoquelle|source|credits?|"
                            r"photo credits?|fotocredits?|"
                            r"image credits?|ảnh|фото|isithombe|zdjęcie|kuva|foto/video)\s*:|foto\s*/)"
                            r"\s*([^()\[\]]{2,120}?)\s*[)\]]?\s*$", re.IGNORECASE)
#: A caption shorter than this is a label ("Foto", a number), not a description.
MIN_CAPTION_CHARS = 12
#: A part after " | " this short ends a caption as its credit ("The mayor | Photo: dpa").
MAX_PIPED_CREDIT_CHARS = 80
#: An image whose largest declared side is below this is a thumbnail or icon: no article photo.
THUMBNAIL_PIXELS = 150
#: A caption-like line this short that starts with a "By"-word is the article's byline, not a caption.
MAX_BYLINE_CAPTION_CHARS = 100
#: A "Foto: ..." line longer than this is a sentence that mentions a photo, not a credit.
MAX_LABELLED_CREDIT_CHARS = 120
_DURATION = re.compile(r"^\(?\d{1,2}(?::\d{2}){1,2}\s*(?:min\.?|minutes?|minuten|sek\.?|s)?\)?$", re.IGNORECASE)
_DESCRIBED_ITEM = re.compile(r"(?:^|,)\s*(\S+?)\s+(\d+(?:\.\d+)?)[wx]\s*(?=,|$)")
_SRCSET_ITEM = re.compile(r"(\S+)(?:\s+(\d+(?:\.\d+)?)([wx]))?")
_LAZY_ATTRIBUTES = ("data-src", "data-lazy-src", "data-original", "data-srcset", "data-lazy-srcset",
                    "data-full-src", "data-hi-res-src", "data-fallback-src")


def split_inline_credit(text: str) -> tuple[str, str | None]:
    """(caption, credit) from a caption that ends with its credit.

    >>> split_inline_credit("Der Minister in Berlin. Foto: dpa")
    ('Der Minister in Berlin.', 'dpa')
    >>> split_inline_credit("Kiew am Morgen (© Reuters)")
    ('Kiew am Morgen', 'Reuters')
    >>> split_inline_credit("Kotli after the strikes. Photo by GHULAM RASOOL /AFP via Getty Images")
    ('Kotli after the strikes.', 'GHULAM RASOOL /AFP via Getty Images')
    >>> split_inline_credit("Image Credits: Strava")
    ('', 'Strava')
    >>> split_inline_credit("No credit here")
    ('No credit here', None)
    """
    match = _INLINE_CREDIT.search(text)
    if not match:
        return text, None
    if match.start() == 0:
        return "", normalize_space(match.group(1)) or None
    return text[: match.start()].rstrip(" -–—|,"), normalize_space(match.group(1)) or None


_CREDIT_LABEL = re.compile(r"^(?:©|\(c\)|copyright|(?:photo|photograph|picture|image|foto) by|photo credits?|"
                           r"fotocredits?|bildquelle|fotoquelle|fotos?|photos?|bild|"
                           r"image credits?|images?|quelle|source|"
                           r"credits?|ảnh|фото)\s*:?\s*", re.IGNORECASE)


def clean_credit(credit: str | None) -> str | None:
    """A photo credit without its brackets and "Photo:"-like label.

    >>> clean_credit("(Foto: Pool via REUTERS)"), clean_credit("© dpa"), clean_credit("(Bild: )")
    ('Pool via REUTERS', 'dpa', None)
    >>> clean_credit("Bildquelle: EU-Kommission"), clean_credit("2:43 min"), clean_credit("1:24:10")
    ('EU-Kommission', None, None)
    """
    text = normalize_space(credit)
    if text.startswith(("(", "[")) and text.endswith((")", "]")):
        text = text[1:-1].strip()
    text = _CREDIT_LABEL.sub("", text).strip()
    if _DURATION.match(text):
        return None  # a video's running time ("2:43 min"), not a credit
    return text or None


def is_thumbnail(photo) -> bool:
    """Whether the photo's image declares itself small (``width``/``height`` under 150 px): a teaser icon.

    >>> from lxml import html
    >>> is_thumbnail(html.fromstring('<div><img src="a.jpg" width="90" height="90"></div>'))
    True
    >>> is_thumbnail(html.fromstring('<div><img src="a.jpg" width="1000"></div>'))
    False
    """
    image = next(photo.iter("img"), None)
    if image is None:
        return False
    sizes = [image.attrib.get("width", ""), image.attrib.get("height", "")]
    numbers = [int(size) for size in sizes if size.strip().isdigit()]
    return bool(numbers) and max(numbers) < THUMBNAIL_PIXELS


def split_piped_credit(text: str) -> tuple[str, str | None]:
    """(caption, credit) from "caption | credit", the credit being the short last part.

    >>> split_piped_credit("Connolly will succeed Higgins. | Niall Carson/PA Images via Getty Images")
    ('Connolly will succeed Higgins.', 'Niall Carson/PA Images via Getty Images')
    >>> split_piped_credit("Left | right")
    ('Left | right', None)
    """
    head, separator, tail = text.rpartition(" | ")
    if separator and len(tail) <= MAX_PIPED_CREDIT_CHARS and len(head) >= MIN_CAPTION_CHARS:
        return head.strip(), tail.strip() or None
    return text, None


def largest_from_srcset(srcset: str) -> str | None:
    """The widest candidate of a ``srcset`` (the last one when no widths are given).

    >>> largest_from_srcset("a.jpg 320w, b.jpg 1024w, c.jpg 640w")
    'b.jpg'
    >>> largest_from_srcset("a.jpg, b.jpg 2x")
    'b.jpg'
    >>> largest_from_srcset("https://x/c_crop,w_400/a.jpg 400w, https://x/c_crop,w_800/a.jpg 800w")
    'https://x/c_crop,w_800/a.jpg'
    """
    # URLs may hold commas ("w_800,q_auto"): a candidate ends at a width/density descriptor.
    described = _DESCRIBED_ITEM.findall(srcset)
    if described:
        return max(reversed(described), key=lambda item: float(item[1]))[0]
    best = None
    for item in srcset.split(","):
        match = _SRCSET_ITEM.match(item.strip())
        if match:
            best = match.group(1)
    return best


def image_url(figure, base_url: str) -> str | None:
    """The largest rendition a figure's images and picture sources point to."""
    candidates = []
    for node in figure.iter("img", "source"):
        attrib = node.attrib
        # Lazy-loading pages keep the real set in data-srcset and a placeholder ("data:,1w") in srcset.
        for key in ("data-srcset", "data-lazy-srcset", "srcset"):
            if attrib.get(key) and not attrib[key].lstrip().startswith("data:"):
                candidates.append(largest_from_srcset(attrib[key]))
        for key in _LAZY_ATTRIBUTES + ("src",):
            value = attrib.get(key)
            if value and not value.startswith("data:") and "srcset" not in key:
                candidates.append(value)
    for url in candidates:
        if url and not url.startswith("data:"):
            return urljoin(base_url, url.strip())
    return None


def _caption_element(figure):
    for node in figure.iter("figcaption"):
        return node
    for node in figure.iter():
        if (isinstance(node.tag, str) and node is not figure and _CAPTION_CLASS.search(class_words(node))
                and len(block_text(node)[0]) >= MIN_CAPTION_CHARS and not is_labelled_credit(block_text(node)[0])):
            return node
    # A photo box's own paragraph that is not its credit ("<p class=media-lead>Friedrich Merz</p>").
    for node in figure.iter("p"):
        text = block_text(node)[0]
        if not _CREDIT_CLASS.search(class_words(node)) and len(text) >= MIN_CAPTION_CHARS \
                and split_inline_credit(text)[0]:
            return node  # (not a paragraph holding only "Foto: ...")
    # A <figcaption> right after the <figure> it describes.
    following = figure.getnext()
    if following is not None and following.tag == "figcaption":
        return following
    # A photo box whose caption is its sibling inside a wrapper holding this one image only.
    parent = figure.getparent()
    if parent is not None and sum(1 for _ in parent.iter("img")) == 1:
        for sibling in parent:
            if (sibling is not figure and isinstance(sibling.tag, str) and _CAPTION_CLASS.search(class_words(sibling))
                    and len(block_text(sibling)[0]) >= MIN_CAPTION_CHARS):
                return sibling
    return None


_MEDIA_TAGS = ("img", "picture", "source", "video", "iframe", "amp-img", "svg", "noscript", "object", "embed")


#: A credit's photo box is looked for this many levels up from the credit (credit, caption, box).
MAX_CREDIT_BOX_LEVELS = 3


def credit_boxes(root, known=()) -> list:
    """Photo boxes found by their credit: the nearest ancestor (up to three levels) of a "© ..."/"Foto: ..."
    element that holds an image and little text, built without ``<figure>`` or a photo class.
    Boxes inside or around a ``known`` figure are left out.

    >>> from lxml import html
    >>> page = html.fromstring('<div><div><img src="a.jpg"><div><small class="t-info">Das Heim in Debant</small>'
    ...                        '<small>© Gemeinde</small></div></div><p>Text</p></div>')
    >>> [box.tag for box in credit_boxes(page)]
    ['div']
    """
    boxes = []
    for node in root.iter("small", "span", "div", "p"):
        text = node.text
        if not text or len(node) or not is_labelled_credit(text.strip()):
            continue
        box = node.getparent()
        for _ in range(MAX_CREDIT_BOX_LEVELS):
            if box is None or box.tag in ("body", "html"):
                break
            if next(box.iter("img"), None) is not None:
                if (next(box.iter("h1"), None) is None and visible_size(box) < MAX_PHOTO_BOX_CHARS
                        and box not in boxes and not any(is_inside(box, k) or is_inside(k, box)
                                                         for k in known)):
                    boxes.append(box)
                break
            box = box.getparent()
    return boxes


def is_text_figure(figure) -> bool:
    """Whether a ``<figure>`` shows no image: no media element and no attribute pointing to one
    (``data-src``, ``data-image``, a ``background-image: url(...)`` style).  A pull quote with its
    speaker, a code listing, a notice ("Please enable JavaScript"): its ``<figcaption>`` is no photo caption.

    >>> from lxml import html
    >>> is_text_figure(html.fromstring('<figure><blockquote>Words.</blockquote><figcaption>Jane Doe, expert'
    ...                                '</figcaption></figure>'))
    True
    >>> is_text_figure(html.fromstring('<figure><img src="a.jpg"><figcaption>The minister</figcaption></figure>'))
    False
    >>> is_text_figure(html.fromstring('<figure><div data-src="a.jpg"></div><figcaption>x</figcaption></figure>'))
    False
    """
    if next(figure.iter(*_MEDIA_TAGS), None) is not None:
        return False
    return not any(any("src" in key or "image" in key or "url(" in value for key, value in node.attrib.items())
                   for node in figure.iter() if isinstance(node.tag, str))


_LABELLED_CREDIT = re.compile(r"^\s*(?:©|\(c\)\s|copyright\b|(?:fotos?|photos?|bild|image|credits?|quelle|bildquelle|"
                              r"fotoquelle)\s*:)", re.IGNORECASE)


def is_labelled_credit(text: str) -> bool:
    """Whether a short text is a photo credit by its label ("© VS Tristach", "Foto: dpa").

    >>> [is_labelled_credit(t) for t in ("© VS Tristach", "Foto: dpa", "Photo: AFP", "Fotos der Woche", "Kiew")]
    [True, True, True, False, False]
    """
    return len(text) <= MAX_LABELLED_CREDIT_CHARS and bool(_LABELLED_CREDIT.match(text))


def figure_caption(figure, base_url: str) -> dict | None:
    """``{text, credit, image_url}`` of one figure (or of a ``<figcaption>`` standing after its image
    outside any ``<figure>``); ``None`` when it shows no caption."""
    if figure.tag == "figcaption":
        caption, photo = figure, figure.getprevious()
        if photo is None or next(photo.iter("img", "source"), None) is None:
            return None
    else:
        if is_text_figure(figure):
            return None
        caption, photo = _caption_element(figure), figure
    if caption is None:
        return None
    credit = None
    credit_texts = []
    labelled = None
    for node in _credit_candidates(photo, caption):
        if _CREDIT_CLASS.search(class_words(node)):
            text, _ = block_text(node)
            if text:
                credit_texts.append(text)
                break
        elif labelled is None and node is not caption and not len(node) and is_labelled_credit(node.text or ""):
            labelled = normalize_space(node.text)
    if not credit_texts and labelled:
        credit_texts.append(labelled)  # "<small>© VS Tristach</small>": a credit by its label, not its class
    text, _ = block_text(caption)
    if in_teaser_link(photo):
        return None
    if credit_texts:
        credit = credit_texts[0]
        if credit in text:  # the credit printed before or after the caption text
            text = text.replace(credit, " ", 1)
            text = normalize_space(text).strip(" -–—|,/(:")
            text = re.sub(r"^(?:bild|foto|photo|image)\s*:?\s*", "", text, flags=re.IGNORECASE)
    else:
        text, credit = split_inline_credit(text)
        if not credit:
            text, credit = split_piped_credit(text)
    credit = clean_credit(credit)
    if len(text) < MIN_CAPTION_CHARS or is_thumbnail(photo) or (
            len(text) < MAX_BYLINE_CAPTION_CHARS and strip_byline_prefix(text) != text):
        return None  # too short, an author box ("By Jane Doe, Reporter"), or a teaser thumbnail
    return {"text": text, "credit": credit, "image_url": image_url(photo, base_url)}


def _credit_candidates(photo, caption):
    """Elements that may hold the credit: inside the photo box, and inside a caption standing apart."""
    for root in (photo, caption) if not is_inside(caption, photo) else (photo,):
        for node in root.iter():
            if isinstance(node.tag, str) and node is not root:
                yield node


def figure_captions(figures, base_url: str) -> list[dict]:
    """Captions of the figures that show one, page order, one per image URL."""
    captions, seen = [], set()
    for figure in figures:
        caption = figure_caption(figure, base_url)
        if caption is None:
            continue
        key = (caption["image_url"], caption["text"])
        if key in seen:
            continue
        seen.add(key)
        captions.append(caption)
    return captions


def declared_captions(meta) -> list[dict]:
    """Captions of the JSON-LD images (the article's ``image`` and any ``ImageObject``) that have one."""
    captions, seen = [], set()
    images = meta.article_value("image")
    images = images if isinstance(images, list) else [] if images is None else [images]
    nodes = images + [n for n in meta.jsonld if n.get("@type") == "ImageObject"]
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


def find_captions(found, meta, url, container, blocks, headline_element) -> list[dict]:
    """Captions of the article's photos: in the text container, in its <article> after the headline,
    or between headline and the body's end; else the JSON-LD images' captions."""
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
