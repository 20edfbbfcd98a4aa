"""In-article repeated-text removal: one rule set for the pipeline and ``extract_article``.

Pages repeat themselves: the lead again as the first paragraph, a caption again in the body,
a paragraph twice.  Copies are compared by ``comparison_key`` (case, spaces and punctuation
ignored), so a copy that differs only by an NBSP or a link still counts.  The first copy in
reading order is kept.
"""
from __future__ import annotations

from collections import Counter

from newscrawl.extract.text import comparison_key

PARAGRAPH_BREAK = "\n\n"


def remove_repeated_text(article) -> Counter:
    """Drop repeated paragraphs from ``article["body"]`` in place; return removals by reason.

    ``article`` is any mapping with ``lead``, ``body`` and ``captions`` (an ``ItemAdapter`` or a dict).

    >>> record = {"lead": "Lead text.", "captions": [{"text": "A photo"}],
    ...           "body": "Lead\\u00a0text\\n\\nOne.\\n\\nA photo\\n\\nTwo.\\n\\nOne."}
    >>> sorted(remove_repeated_text(record).items())
    [('caption_in_body', 1), ('lead_in_body', 1), ('repeated_paragraph', 1)]
    >>> record["body"]
    'One.\\n\\nTwo.'
    """
    removed: Counter = Counter()
    body = article.get("body")
    if not body:
        return removed
    lead_key = comparison_key(article.get("lead"))
    caption_keys = {comparison_key(c.get("text")) for c in article.get("captions") or []} - {""}
    seen: set[str] = set()
    kept = []
    for paragraph in body.split(PARAGRAPH_BREAK):
        key = comparison_key(paragraph)
        if not key:
            continue
        if key == lead_key:
            removed["lead_in_body"] += 1
        elif key in caption_keys:
            removed["caption_in_body"] += 1
        elif key in seen:
            removed["repeated_paragraph"] += 1
        else:
            seen.add(key)
            kept.append(paragraph)
    article["body"] = PARAGRAPH_BREAK.join(kept) or None
    return removed
