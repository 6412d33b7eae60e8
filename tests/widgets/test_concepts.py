"""Tests of isgrille/widgets/concepts.py: sequence 1's dimensions, definitions, key points.

The checklist is driven by ticking its boxes; the static screens are read
as text. Content goes through escaping, with ``**gras**`` rendered.
"""

from __future__ import annotations

import re

import pytest

from isgrille import LearnerResults, ResultsStore, read_results
from isgrille.content.concepts_file import Concepts
from isgrille.widgets.concepts import (
    DimensionsChecklist,
    definitions_html,
    dimensions_checklist,
    dimensions_html,
    key_points_html,
    key_questions_html,
)

from .reading import count_class, text_of

ORDER = [
    "produit_service_usage",
    "procede_organisation",
    "marketing_commerciale",
    "sociale",
    "technologique",
    "modeles_affaires",
]


def summary(widget: DimensionsChecklist) -> str:
    return text_of(widget.summary.value)


def test_checklist_starts_unticked(concepts, store, path):
    widget = dimensions_checklist(concepts, store)
    assert list(widget.boxes) == ORDER
    assert not any(box.value for box in widget.boxes.values())
    assert widget.boxes["sociale"].description == "Innovation sociale"
    assert summary(widget) == "0 dimension cochée"
    assert not path.exists()


def test_ticked_dimensions_are_saved_in_the_dimensions_order(concepts, store, path, grid):
    widget = DimensionsChecklist(concepts, store)
    widget.boxes["technologique"].value = True
    assert summary(widget) == "1 dimension cochée"
    widget.boxes["sociale"].value = True
    widget.boxes["produit_service_usage"].value = True
    assert read_results(path, grid).innovation_dimensions == ["produit_service_usage", "sociale", "technologique"]
    assert summary(widget) == "3 dimensions cochées"
    widget.boxes["sociale"].value = False
    assert read_results(path, grid).innovation_dimensions == ["produit_service_usage", "technologique"]
    assert summary(widget) == "2 dimensions cochées"


def test_all_six_then_none(concepts, store, path, grid):
    widget = DimensionsChecklist(concepts, store)
    for box in widget.boxes.values():
        box.value = True
    assert read_results(path, grid).innovation_dimensions == ORDER
    assert summary(widget) == "6 dimensions cochées"
    for box in widget.boxes.values():
        box.value = False
    assert read_results(path, grid).innovation_dimensions == []
    assert summary(widget) == "0 dimension cochée"


def test_ticks_saved_earlier_are_shown_again(concepts, grid, path):
    ResultsStore(grid, path).replace(LearnerResults(innovation_dimensions=["sociale", "ancienne_dimension"]))
    widget = DimensionsChecklist(concepts, ResultsStore(grid, path))
    assert [i for i, box in widget.boxes.items() if box.value] == ["sociale"]
    assert summary(widget) == "1 dimension cochée"  # an id the content no longer has is not counted


def test_checklist_shows_each_definition(concepts, store):
    widget = DimensionsChecklist(concepts, store)
    shown = " ".join(text_of(v) for v in (c.children[1].value for c in widget.children[1:7]))
    assert "réorganise la structure des revenus et des coûts." in shown
    assert "crée ou intègre une ou plusieurs nouvelle(s) technologie(s)." in shown


def test_dimensions_html_shows_six_cards_and_the_source(concepts):
    html = dimensions_html(concepts)
    assert count_class(html, "isg-example") == 6
    text = text_of(html)
    assert text.startswith("Les dimensions de l'innovation")
    assert "Innovation de modèles d'affaires" in text
    assert text.endswith("Source\u00a0: Guide «\u00a0Innovation nouvelle génération\u00a0», Bpifrance, 2015")


def test_definitions_html_shows_the_four_definitions(concepts):
    html = definitions_html(concepts)
    text = text_of(html)
    assert count_class(html, "isg-example") == 4
    for title in (
        "Une définition de l'innovation dans le manuel d'Oslo",
        "Une définition retenue par le Conseil supérieur de l'économie sociale et solidaire (CSESS)",
        "Loi ESS – Juillet 2014",
        "Région Nouvelle-Aquitaine",
    ):
        assert title in text
    assert "Manuel d'Oslo, édition 2005" in text
    assert "<strong>nouveau</strong>" in html and "**" not in html
    # the law's three paragraphs stay three paragraphs
    law = html.split("Loi ESS – Juillet 2014</h4>")[1].split("</div>")[0]
    assert law.count("<p>") == 4  # 3 paragraphs + the source
    assert "<p>1° Soit répondre" in law


def test_key_points_lists_five_items(concepts):
    html = key_points_html(concepts)
    assert len(re.findall(r"<li>", html)) == 5
    assert text_of(html).startswith("Les éléments clés à retenir L'innovation sociale se définit par sa finalité")


def test_key_questions_lists_seven_items_and_the_conclusion(concepts):
    html = key_questions_html(concepts)
    assert len(re.findall(r"<li>", html)) == 7
    text = text_of(html)
    assert "Ancrage territorial" in text
    assert text.endswith("➔ L'innovation sociale est une approche multi-factorielle")


@pytest.fixture(scope="module")
def tricky(concepts) -> Concepts:
    """The concepts with markup and Markdown put in every text a trainer edits."""
    data = concepts.model_dump()
    data["definitions"][0]["title"] = "<b>Titre</b>"
    data["definitions"][0]["text"] = "<b>brut</b> et **gras**\n\n*second* <script>x</script>"
    data["key_points"] = ["<b>point</b> **fort**"]
    data["key_questions"] = ["<i>question</i> *douce*"]
    data["key_questions_conclusion"] = "<u>fin</u>"
    data["innovation_dimensions"]["items"][0]["definition"] = "<img src=x onerror=alert(1)>"
    return Concepts.model_validate(data)


@pytest.mark.parametrize(
    ("render", "expected", "raw"),
    [
        (
            definitions_html,
            [
                "&lt;b&gt;Titre&lt;/b&gt;",
                "&lt;b&gt;brut&lt;/b&gt; et <strong>gras</strong>",
                "<p><em>second</em> &lt;script&gt;x&lt;/script&gt;</p>",
            ],
            ["<b>", "<script>"],
        ),
        (key_points_html, ["<li>&lt;b&gt;point&lt;/b&gt; <strong>fort</strong></li>"], ["<b>"]),
        (
            key_questions_html,
            ["<li>&lt;i&gt;question&lt;/i&gt; <em>douce</em></li>", "&lt;u&gt;fin&lt;/u&gt;"],
            ["<i>", "<u>"],
        ),
        (dimensions_html, ["&lt;img src=x onerror=alert(1)&gt;"], ["<img"]),
    ],
    ids=["definitions", "key_points", "key_questions", "dimensions"],
)
def test_content_markup_is_escaped_and_markdown_rendered(tricky, render, expected, raw):
    html = render(tricky)
    for fragment in expected:
        assert fragment in html
    for tag in raw:
        assert tag not in html


def test_checklist_escapes_the_definitions(tricky, grid):
    widget = DimensionsChecklist(tricky, ResultsStore(grid))
    html = widget.children[1].children[1].value
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
