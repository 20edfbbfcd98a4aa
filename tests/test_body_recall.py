"""Body recall: the article's text where the chosen container holds only part of it (issue 12).

Small synthetic pages, one per way a body came out short on unseen pages: an article split over
sibling containers, a first paragraph set before the box holding the rest (a paywall or "read more"
box), a page whose container holds none of the text.  Each test also runs the page with the rule
switched off (``rules.switched_off``) and checks the text is then missing: the rule is what finds it.
"""
from __future__ import annotations

from newscrawl.extract import extract_article
from newscrawl.extract.generic.rules import switched_off

URL = "https://www.example.org/2024/05/03/council-budget"
SENTENCES = [
    "The council approved the budget after a long debate on Monday evening in the town hall.",
    "Opposition members said the spending on roads came at the cost of the schools in the north.",
    "The mayor answered that the roads had waited for repairs for more than a decade already.",
    "A final vote on the school plan is expected in the autumn, after the summer break is over.",
    "Residents who followed the debate online wrote hundreds of comments during the session.",
    "The budget now goes to the regional authority, which has six weeks to raise objections.",
    "Last year the authority sent the budget back twice before it finally accepted the plan.",
    "Council members hope that this time the plan passes without changes to the school funds.",
]
#: Ten different paragraphs of two sentences each (a continuation outside the container must be a part
#: of the text several sentences long, not one closing line).
PARAGRAPHS = [f"{SENTENCES[i % 8]} {SENTENCES[(i + (3 if i < 8 else 5)) % 8]}" for i in range(10)]


def page(article: str) -> str:
    return f"""<html lang="en"><head><title>Council approves budget</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article><h1>Council approves budget</h1>
{article}
</article>
<aside class="sidebar"><p>{"Our newsletter brings the week's best stories to your inbox every Friday."}</p></aside>
<footer><p>Contact us at the newsroom any time you have a tip about the town.</p></footer>
</body></html>"""


def body_with_and_without(html: str, rule: str) -> tuple[str, str]:
    with_rule = extract_article(html, URL)["body"] or ""
    with switched_off(rule):
        without_rule = extract_article(html, URL)["body"] or ""
    return with_rule, without_rule


def test_article_split_over_sibling_containers():
    # Two text boxes of different classes with an (empty) ad slot between: the first box alone is
    # the better-scored container, the second continues the same run of text.
    html = page(f"""<div class="text-block">{"".join(f"<p>{p}</p>" for p in PARAGRAPHS[:5])}</div>
<div class="ad-slot"></div>
<div class="content-block">{"".join(f"<p>{p}</p>" for p in PARAGRAPHS[5:8])}</div>""")
    body, without = body_with_and_without(html, "body.with_continued_text")
    assert body.split("\n\n") == PARAGRAPHS[:8]
    assert PARAGRAPHS[5] not in without
    assert "newsletter" not in body and "Contact us" not in body


def test_opening_paragraphs_before_the_box_holding_the_rest():
    # The opening paragraphs sit in the wrapper, the rest in a paywall box inside it (too little text
    # outside the box for the container to widen to the wrapper).
    rest = [f"Part {n}. {p}" for n in (1, 2, 3) for p in PARAGRAPHS[3:]]
    html = page(f"""<div class="article-area">{"".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])}
<div class="paywall">{"".join(f"<p>{p}</p>" for p in rest)}</div></div>""")
    body, without = body_with_and_without(html, "body.with_continued_text")
    assert body.split("\n\n") == PARAGRAPHS[:3] + rest
    assert without.split("\n\n") == rest


def test_a_single_line_outside_the_container_stays_out():
    # An author's note after the text continues the run but is no part of the article.
    html = page(f"""<div class="text">{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}</div>
<div class="note"><p>Jane Doe covers the town hall and the regional authority for this paper.</p></div>""")
    assert "Jane Doe" not in extract_article(html, URL)["body"]
