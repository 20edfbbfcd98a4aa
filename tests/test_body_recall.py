"""Body recall: the article's text where the chosen container holds only part of it (issue 12).

Small synthetic pages, one per way a body came out short on unseen pages: an article split over
sibling containers, a first paragraph set before the box holding the rest (a paywall or "read more"
box), a page whose container holds none of the text.  Each test also runs the page with the rule
switched off (``rules.switched_off``) and checks the text is then missing: the rule is what finds it
(the guard against a one-line continuation sets its threshold to zero instead).
"""
from __future__ import annotations

from newscrawl.extract import extract_article
from newscrawl.extract.generic import body
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


def test_a_single_line_outside_the_container_stays_out(monkeypatch):
    # An author's note after the text continues the run but is no part of the article: a continuation
    # must hold several sentences (CONTINUED_MIN_CHARS); without that minimum the note comes in.
    html = page(f"""<div class="text">{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}</div>
<div class="note"><p>Jane Doe covers the town hall and the regional authority for this paper.</p></div>""")
    assert "Jane Doe" not in extract_article(html, URL)["body"]
    monkeypatch.setattr(body, "CONTINUED_MIN_CHARS", 0)
    assert "Jane Doe" in extract_article(html, URL)["body"]


def test_body_never_empty_where_the_page_holds_text():
    # A photo series set as captioned paragraphs (no <figure>) is the best-scored element: its captions
    # all end in a credit and are dropped, the body would be empty.  The article's paragraphs each sit
    # in a box of their own (a block editor's markup), so no single element scores them together.
    captions = "".join(f"<p>The council chamber on the day of the vote, seen from the gallery, picture {n}. "
                       f"(Foto: Jane Doe)</p>" for n in range(1, 7))
    html = page(f"""<div class="slides">{captions}</div>
<div class="share-bar"><p>Share this story with your friends and family</p></div>
<div class="entry">{"".join(f'<div class="block-{n}"><p>{s}</p></div>' for n, s in enumerate(SENTENCES[:4]))}</div>""")
    body, without = body_with_and_without(html, "body.with_densest_region")
    assert body.split("\n\n") == SENTENCES[:4]
    assert without == ""


def test_text_in_boxes_named_like_furniture_when_nothing_else_is_text():
    # CSS-module class names can hold a furniture word ("tag-style_..."): every paragraph of the page is
    # then furniture to the walk and the body came out empty.  Named for something that may hold text
    # (not related links, comments, ads or consent), they are the page's text when nothing else is.
    html = page("".join(f'<p class="tag-style_z4kqwb">{p}</p>' for p in PARAGRAPHS[:4]))
    body, without = body_with_and_without(html, "body.with_densest_region")
    assert body.split("\n\n") == PARAGRAPHS[:4]
    assert without == ""
    assert "newsletter" not in body


def test_a_declared_recipe_completes_the_body():
    # A recipe page: the container holds the introduction, the ingredient table sits in a box of its own
    # and the steps are rendered by script; the page's JSON-LD recipe gives both.
    recipe = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Recipe",'
              '"name": "Plum cake", "recipeIngredient": ["500 g plums, halved", "250 g flour"],'
              '"recipeInstructions": [{"@type": "HowToSection", "name": "Dough", "itemListElement": ['
              '{"@type": "HowToStep", "text": "Knead flour, butter and sugar into a smooth dough."}]}]}</script>')
    html = page(recipe + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3]))
    body, without = body_with_and_without(html, "body.with_declared_recipe")
    assert body.split("\n\n") == PARAGRAPHS[:3] + ["500 g plums, halved", "250 g flour", "Dough",
                                                   "Knead flour, butter and sugar into a smooth dough."]
    assert without.split("\n\n") == PARAGRAPHS[:3]


def test_a_subheading_in_a_cms_headline_element_stays():
    # Block-editor CMSs wrap each section heading in a content element named for it ("element-headline",
    # "neos-nodetypes-headline"): furniture by its name, but it holds nothing else than the heading.
    html = page(f"""<div class="text">{"".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])}
<div class="element-headline"><h2>What the opposition wants</h2></div>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS[3:6])}
<div class="related-headline"><h2>More stories</h2></div></div>""")
    body, without = body_with_and_without(html, "body.is_headline_element")
    assert body.split("\n\n") == PARAGRAPHS[:3] + ["What the opposition wants"] + PARAGRAPHS[3:6]
    assert "What the opposition wants" not in without
