"""Tests of isgrille/widgets/profile.py: a profile as a radar image and as a table.

The view is fed profiles (core :class:`~isgrille.scoring.Profile` objects);
the tests check the PNG it shows changes with them — and only with them —
and that the table, its text alternative, holds the same values.
"""

from __future__ import annotations

import pytest

from isgrille import Assessment, score_assessment
from isgrille.widgets.profile import ProfileView, profile_view, summary_view

from ..grids import make_grid
from .reading import table_rows, text_of

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def profiles(grid):
    low = score_assessment(grid, Assessment("P", {"caractere_collectif": 0, "rupture_existant": 1}))
    high = score_assessment(grid, Assessment("P", {c.id: 3 for c in grid.criteria}, "formateur"))
    return low, high


def test_profile_view_shows_a_png_and_the_values(grid, profiles):
    low, high = profiles
    view = profile_view(grid, [low, high], ["moi", "formateur"])
    assert bytes(view.image.value).startswith(PNG)
    rows = table_rows(view.table.value)
    assert rows[0] == ["Critère", "moi", "formateur"]
    assert ["Caractère collectif du projet", "Inexistant", "Fort"] in rows
    assert ["Rupture avec l'existant", "Faible", "Fort"] in rows
    assert rows[-1] == ["Ensemble (médiane, %)", "Faible, 17 % (10 non renseignés)", "Fort, 100 %"]


def test_image_changes_with_the_profiles_and_forgets_earlier_series(grid, profiles):
    low, high = profiles
    view = ProfileView(grid)
    view.show([low], ["moi"])
    one = view.image.value
    view.show([low, high], ["moi", "formateur"])
    two = view.image.value
    assert two != one
    view.show([low], ["moi"])  # the second series is gone again
    assert view.image.value == one
    fresh = ProfileView(grid)
    fresh.show([low], ["moi"])
    assert fresh.image.value == one  # same values, same picture
    assert table_rows(view.table.value) == table_rows(fresh.table.value)


def test_works_on_a_small_grid():
    grid = make_grid([1, 1], 2)
    view = profile_view(grid, [score_assessment(grid, Assessment("P", {"c0_0": 1}))], ["moi"])
    assert bytes(view.image.value).startswith(PNG)
    assert table_rows(view.table.value)[1:3] == [["Critère 0.0", "N1"], ["Critère 1.0", "non renseigné"]]


def test_radar_text_alternative_reaches_the_browser(grid, profiles):
    view = profile_view(grid, [profiles[0]], ["moi"])
    caption, image, table = view.children
    assert "Radar du profil : ses valeurs sont dans le tableau sous le graphique." in text_of(caption.value)
    assert "tooltip" not in image.get_state() or not image.tooltip  # a tooltip stops the Image rendering in JupyterLab
    assert "<caption>Valeurs du profil</caption>" in table.value


def test_summary_view_shows_the_bars_and_the_values_by_dimension(grid, profiles):
    low, high = profiles
    view = summary_view(grid, [low, high], ["moi", "formateur"])
    image, table = view.children
    assert bytes(image.value).startswith(PNG)
    assert "<caption>Valeurs par dimension</caption>" in table.value
    rows = table_rows(table.value)
    assert rows[0] == ["Critère", "moi", "formateur"]
    assert ["Portage (médiane, %)", "Inexistant, 0 % (3 non renseignés)", "Fort, 100 %"] in rows
    alone = summary_view(grid, [low], ["moi"])
    assert bytes(alone.children[0].value) != bytes(image.value)
