"""The card as a web page: self-contained, in French, accessible, every learner's text escaped and bounded."""

from __future__ import annotations

import re

import pytest

from isgrille import load_grid
from isgrille.analysis.card import card_data
from isgrille.content.model import Assessment
from isgrille.delivery.card_html import MAX_TEXT, card_html

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def grid():
    return load_grid()


def test_html_is_self_contained_and_escaped(grid):
    card = card_data(grid, HOSTILE, [Assessment(HOSTILE, {"caractere_collectif": 1}, HOSTILE)], learner=HOSTILE,
                     axes={"caractere_collectif": HOSTILE}, pitch={"a": HOSTILE})
    page = card_html(card, grid)
    outside_images = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", page)
    assert "http" not in outside_images and "<link" not in page and "<script" not in page
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
