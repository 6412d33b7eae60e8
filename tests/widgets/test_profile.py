"""Tests of isgrille/widgets/profile.py: a profile as a radar with its text alternative, and as a table.

The view is fed profiles (core :class:`~isgrille.scoring.Profile` objects);
the tests read the ``<img>`` it shows — its PNG changes with them, and only
with them, and its ``alt`` text says each dimension's median and counts —
and check that the table holds the same values. :func:`comparison_html`
is read as a sentence.
"""

from __future__ import annotations

import pytest

from isgrille import Assessment, compare_assessments, score_assessment
from isgrille.analysis.scoring import figure_rule
from isgrille.widgets.profile import ProfileView, comparison_html, profile_view, summary_view

from ..grids import make_grid
from .reading import images_of, table_rows, text_of

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def profiles(grid):
    low = score_assessment(grid, Assessment("P", {"caractere_collectif": 0, "rupture_existant": 1}))
    high = score_assessment(grid, Assessment("P", {c.id: 3 for c in grid.criteria}, "formateur"))
    return low, high


def test_profile_view_shows_a_png_with_its_alt_text_and_the_values(grid, profiles):
    low, high = profiles
    view = profile_view(grid, [low, high], ["moi", "formateur"])
    [(alt, png)] = images_of(view.chart.value)
    assert png.startswith(PNG) and png == view.png
    assert alt == view.alt
    assert alt.startswith(
        "Radar du profil. moi — Portage\u00a0: médiane Inexistant (1 Inexistant, 3 non renseignés)\u202f;"
    )
    assert (
        "Contenu\u00a0: médiane Faible (1 Faible, 2 non renseignés)\u202f; Contexte\u00a0: non renseigné\u202f;" in alt
    )
    assert "ensemble\u00a0: médiane Faible (1 Faible, 1 Inexistant, 10 non renseignés)." in alt
    assert "formateur — Portage\u00a0: médiane Fort (4 Fort)\u202f;" in alt
    assert alt.endswith("Le détail de chaque critère est dans le tableau des valeurs.")
    rows = table_rows(view.table.value)
    assert rows[0] == ["Critère", "moi", "formateur"]
    assert ["Caractère collectif du projet", "Inexistant", "Fort"] in rows
    assert ["Rupture avec l'existant", "Faible", "Fort"] in rows
    assert rows[-1] == [
        "Ensemble (médiane, %)",
        "Faible, 0\u00a0% au moins «\u00a0Intermédiaire\u00a0» (0 sur 2, 10 non renseignés)",
        "Fort, 100\u00a0% au moins «\u00a0Intermédiaire\u00a0» (12 sur 12)",
    ]


def test_image_changes_with_the_profiles_and_forgets_earlier_series(grid, profiles):
    low, high = profiles
    view = ProfileView(grid)
    view.show([low], ["moi"])
    one, one_alt = view.png, view.alt
    view.show([low, high], ["moi", "formateur"])
    assert view.png != one and view.alt != one_alt
    view.show([low], ["moi"])  # the second series is gone again
    assert view.png == one and view.alt == one_alt
    fresh = ProfileView(grid)
    fresh.show([low], ["moi"])
    assert fresh.png == one  # same values, same picture
    assert table_rows(view.table.value) == table_rows(fresh.table.value)


def test_nothing_rated_says_so_in_the_alt_text():
    grid = make_grid([1, 1], 2)
    view = profile_view(grid, [score_assessment(grid, Assessment("P", {"c0_0": 1}))], ["moi"])
    [(alt, png)] = images_of(view.chart.value)
    assert png.startswith(PNG)
    assert "Dimension 0\u00a0: médiane N1 (1 N1)\u202f; Dimension 1\u00a0: non renseigné\u202f;" in alt
    assert table_rows(view.table.value)[1:3] == [["Critère 0.0", "N1"], ["Critère 1.0", "non renseigné"]]


def test_a_learners_name_in_the_alt_text_is_escaped(grid, profiles):
    view = profile_view(grid, [profiles[0]], ['"><script>x</script>'])
    assert "<script>" not in view.chart.value and "&quot;&gt;&lt;script&gt;" in view.chart.value
    [(alt, _)] = images_of(view.chart.value)
    assert '"><script>x</script> — Portage' in alt  # read as text


def test_radar_caption_and_table_reach_the_browser(grid, profiles):
    view = profile_view(grid, [profiles[0]], ["moi"])
    caption, chart, table = view.children
    assert "Radar du profil\u00a0: ses valeurs sont aussi dans le tableau sous le graphique." in text_of(caption.value)
    assert chart is view.chart and 'class="isg-chart" alt="Radar du profil.' in chart.value
    assert "<caption>Valeurs du profil</caption>" in table.value


def test_summary_view_shows_the_bars_with_their_alt_text_and_the_values(grid, profiles):
    low, high = profiles
    view = summary_view(grid, [low, high], ["moi", "formateur"])
    chart, rule, table = view.children
    assert text_of(rule.value) == figure_rule(grid.levels)  # the one sentence that says what the figures are
    [(alt, png)] = images_of(chart.value)
    assert png.startswith(PNG)
    assert alt.startswith("Barres par dimension. moi — Portage\u00a0: médiane Inexistant")
    assert "formateur — Portage\u00a0: médiane Fort (4 Fort)" in alt
    assert "<caption>Valeurs par dimension</caption>" in table.value
    rows = table_rows(table.value)
    assert rows[0] == ["Critère", "moi", "formateur"]
    assert [
        "Portage (médiane, %)",
        "Inexistant, 0\u00a0% au moins «\u00a0Intermédiaire\u00a0» (0 sur 1, 3 non renseignés)",
        "Fort, 100\u00a0% au moins «\u00a0Intermédiaire\u00a0» (4 sur 4)",
    ] in rows
    alone = summary_view(grid, [low], ["moi"])
    assert images_of(alone.children[0].value)[0][1] != png


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (
            {},
            {},
            (
                "Même niveau pour 0 critère, niveau plus haut selon «\u00a0Léa\u00a0» que selon «\u00a0moi\u00a0» pour 0 critère "
                "et plus bas pour 0 critère\u202f; 2 critères non comparables (non renseignés d'un côté ou de l'autre)."
            ),
        ),
        (
            {"c0_0": 1},
            {"c0_0": 1},
            (
                "Même niveau pour 1 critère, niveau plus haut selon «\u00a0Léa\u00a0» que selon «\u00a0moi\u00a0» pour "
                "0 critère et plus bas pour 0 critère\u202f; 1 critère non comparable (non renseigné "
                "d'un côté ou de l'autre)."
            ),
        ),
        (
            {"c0_0": 1, "c1_0": 0},
            {"c0_0": 1, "c1_0": 1},
            (
                "Même niveau pour 1 critère, niveau plus haut selon «\u00a0Léa\u00a0» "
                "que selon «\u00a0moi\u00a0» pour 1 critère et plus bas pour 0 critère."
            ),
        ),
        (
            {"c0_0": 1, "c1_0": 1},
            {"c0_0": 0, "c1_0": 0},
            (
                "Même niveau pour 0 critère, niveau plus haut selon «\u00a0Léa\u00a0» "
                "que selon «\u00a0moi\u00a0» pour 0 critère et plus bas pour 2 critères."
            ),
        ),
    ],
)
def test_comparison_says_how_two_assessments_differ(first, second, expected):
    grid = make_grid([1, 1], 2)
    gap = compare_assessments(grid, Assessment("P", first), Assessment("P", second, "Léa"))
    assert text_of(comparison_html(gap, "moi", "Léa")) == expected


def test_comparison_escapes_the_assessors_names(grid):
    gap = compare_assessments(grid, Assessment("P", {}), Assessment("P", {}, "x"))
    html = comparison_html(gap, "moi", "<b>Léa</b>")
    assert "<b>" not in html and "«\u00a0&lt;b&gt;Léa&lt;/b&gt;\u00a0»" in html


def test_the_profile_of_an_adapted_grid_names_it_and_says_it_is_an_adaptation(grid):
    view = ProfileView(grid)
    assert 'role="note"' not in view.children[0].value  # the AMI grid is the source's own
    adapted = grid.__class__(grid.levels, grid.dimensions, title="Questions <clés>", adaptation="Descripteurs du kit.")
    caption = ProfileView(adapted).children[0].value
    assert '<p role="note">' in caption and "Questions &lt;clés&gt;" in caption
    assert text_of(caption).endswith("Grille «\u00a0Questions <clés>\u00a0»\u00a0: Descripteurs du kit.")
