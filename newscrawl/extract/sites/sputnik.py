"""The RIA/Sputnik publishing platform: every Sputnik edition and ria.ru share this markup.

Its editions and their domains are in the site registry (``newscrawl.sites.SPUTNIK``).  The
article body is a sequence of typed blocks (``div.article__block[data-type]``): only text, quote
and heading blocks are article text.
"""
from __future__ import annotations

from newscrawl.extract.parser import ArticleParser
from newscrawl.extract.text import strip_suffix

TEXT_BLOCKS = {"text": ".article__text", "quote": ".article__quote-text"}
HEADING_BLOCKS = {f"h{level}" for level in range(1, 7)}


class SputnikParser(ArticleParser):
    headline_css = "h1.article__title"
    lead_css = ".article__announce-text"
    authors_css = ".article__author .article__author-name"
    section_css = ".article__supertag-header-title"
    tags_css = ".article__tags a"
    blocks_css = ".article__body > .article__block"
    photos_css = ".article .media"
    published_css = ".article__info-date > a::attr(data-unixtime)"
    update_stamp_css = ".article__info-date-modified"

    def paragraphs(self, selector):
        paragraphs = []
        for block in selector.css(self.blocks_css):
            kind = block.attrib.get("data-type", "")
            if kind in TEXT_BLOCKS:
                paragraphs += self.texts(block, TEXT_BLOCKS[kind])
            elif kind in HEADING_BLOCKS:
                paragraphs += self.texts(block, kind)
        return paragraphs

    def captions(self, selector, meta):
        site_name = meta.meta("og:site_name")
        captions = []
        for photo in selector.css(self.photos_css):
            image_url = photo.css("[data-photoview-src]::attr(data-photoview-src)").get()
            if not image_url:
                continue  # a thumbnail, not an article photo
            # The visible caption, else the image title, else the alt text without " - <site>".
            text = (self.texts(photo, ".photoview__desc-text, .media__description")
                    + photo.css("img::attr(title)").getall()
                    + [strip_suffix(alt, site_name) for alt in photo.css("img::attr(alt)").getall()])
            credit = self.texts(photo, ".photoview__copyright a, .m-copyright a")
            captions.append({"text": next((t for t in text if t.strip()), None),
                             "credit": credit[0] if credit else None,
                             "image_url": image_url})
        return captions

    def published_at(self, selector, meta):
        # data-unixtime is exact; the visible stamp is site-local time without an offset.
        return [selector.css(self.published_css).get()] + super().published_at(selector, meta)

    def modified_at(self, selector, meta):
        # The platform sets article:modified_time on every article; only a visible stamp
        # means the article was really updated.
        if not selector.css(self.update_stamp_css):
            return []
        return [meta.meta("article:modified_time"), meta.article_value("dateModified")]
