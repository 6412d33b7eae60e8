"""The card as a web page: self-contained, in French, accessible, every learner's text escaped and bounded."""

from __future__ import annotations

import re

import pytest

from isgrille import load_grid
from isgrille.analysis.card import card_data
from isgrille.content.model import Assessment
from isgrille.delivery.card_html import MAX_TEXT, card_html

HOSTILE = "<img src=x onerror=alert(1)>"
DEED = "https://creativecommons.org/licenses/by-nc-sa/4.0/deed.fr"


@pytest.fixture(scope="module")
def grid():
    return load_grid()


def test_html_is_self_contained_and_escaped(grid):
    card = card_data(
        grid,
        HOSTILE,
        [Assessment(HOSTILE, {"caractere_collectif": 1}, HOSTILE)],
        learner=HOSTILE,
        axes={"caractere_collectif": HOSTILE},
        pitch={"a": HOSTILE},
    )
    page = card_html(card, grid)
    resources = re.findall(r'(?:src="|url\(|@import)\s*(?!data:)[^"]*', page)  # nothing fetched from elsewhere
    assert resources == [] and re.findall("<link[^>]*>", page) == [f'<link rel="license" href="{DEED}">']
    assert "<script" not in page
    assert HOSTILE not in page and page.count("&lt;img src=x onerror=alert(1)&gt;") >= 4
    assert '<html lang="fr">' in page and "@page { size: A4" in page
    alt = re.search(r'<img class="isg-chart" alt="([^"]+)" src="data:image/png;base64,', page)
    assert alt and alt.group(1).startswith("Radar du profil du projet")
    assert '<th scope="col">' in page and '<th scope="row">' in page


def test_long_texts_are_bounded_and_empty_sections_said(grid):
    page = card_html(card_data(grid, "P", [], pitch={"a": "x" * 100_000}), grid)
    assert "x" * MAX_TEXT not in page and "x" * (MAX_TEXT - 1) + "…" in page
    assert "Aucune évaluation" in page and "Aucun axe" in page


def test_descriptors_keep_their_emphasis(grid):
    card = card_data(grid, "P", [Assessment("P", {"potentiel_transformation": 2})])
    assert "<em>scaling up</em>" in card_html(card, grid)


def test_the_page_says_whose_work_it_is_and_links_its_licence(grid):
    from isgrille.content.attribution import licence_page_url

    page = card_html(card_data(grid, "P", [], learner="Camille"), grid)
    head, footer = page.split("</head>")[0], page.split("<footer>")[1].split("</footer>")[0]
    assert f'<link rel="license" href="{DEED}">' in head
    assert f'<a rel="license" href="{DEED}" hreflang="fr">CC BY-NC-SA 4.0</a>' in footer
    for said in ("Établi – Innovation sociale", "ATIS", "adapté", "Grille\u00a0: «\u00a0Grille de caractérisation"):
        assert said in footer
    assert f'<a href="{licence_page_url()}">' in footer and "Porteur·euse\u00a0: Camille" in page
    assert page.index("</main>") < page.index("<footer>")  # the page's contentinfo landmark
    served = card_html(card_data(grid, "P", []), grid, licence_page="/LICENSE-CONTENT")
    assert '<a href="/LICENSE-CONTENT">LICENSE-CONTENT</a>' in served


def test_a_grid_and_workshop_from_elsewhere_never_say_atis():
    import dataclasses

    from isgrille.content.attribution import attribution_of
    from isgrille.content.loading import load_workshop
    from tests.grids import make_grid

    grid = dataclasses.replace(make_grid([2, 2], 3), title="Grille de X", source="Grille maison de X")
    workshop = load_workshop().model_copy(
        update={"title": "Atelier de X", "organisation": "Collectif X", "license": "Licence maison", "adaptation": ""}
    )
    card = card_data(grid, "P", [Assessment("P", {"c0_0": 1})], learner="Camille")
    page = card_html(card, grid, attribution=attribution_of(workshop, grid))
    assert "ATIS" not in page and "Grille maison de X" in page and "Collectif X" in page
    assert 'rel="license"' not in page  # a licence the kit does not know: named, not linked
    assert "Licence maison" in page and "adapté" not in page
