"""The room's ratings of the pitching project on the projector: count, median, spread, over its self-assessment."""

from __future__ import annotations

from isgrille.analysis.room_live import rating_summary
from isgrille.widgets.room_live_ratings import RoomLiveRatings, gap_text, live_ratings_html

from .reading import table_rows, text_of

HOSTILE = "<img src=x onerror=alert(1)>"


def test_each_criterion_shows_own_level_median_spread_count_and_gap(grid):
    first, second, _ = (c.id for c in grid.criteria[:3])
    ratings = {"r1": {first: 0, second: 2}, "r2": {first: 3, second: 2}, "r3": {first: 2}}
    page = live_ratings_html(grid, rating_summary(grid, ratings), {first: 1, second: 2}, 3, "Recyclerie")
    rows = table_rows(page)
    assert rows[0] == [
        "Critère",
        "Autoévaluation",
        "Médiane de la salle",
        "Étendue (du plus bas au plus haut)",
        "Notes",
        "Écart",
    ]
    assert rows[1] == [
        grid.criteria[0].label,
        "Faible (2)",
        "Intermédiaire (3)",
        "Inexistant (1) – Fort (4)",
        "3",
        "salle +1 ▲",
    ]
    assert rows[2] == [
        grid.criteria[1].label,
        "Intermédiaire (3)",
        "Intermédiaire (3)",
        "Intermédiaire (3)",
        "2",
        "= même niveau",
    ]
    assert rows[3] == [grid.criteria[2].label, "—", "—", "—", "0", "—"]
    assert len(rows) == len(grid.criteria) + 1
    assert "3 participants ont noté le projet «\u00a0Recyclerie\u00a0»" in text_of(page)
    assert 'role="status"' in page and 'scope="row"' in page


def test_the_gap_is_said_in_words_and_arrows_not_colour():
    assert gap_text(3, 0) == "salle −3 ▼" and gap_text(0, 3) == "salle +3 ▲"
    assert gap_text(None, None) == "—"


def test_the_project_name_is_escaped_and_a_status_follows(grid):
    page = live_ratings_html(grid, rating_summary(grid, {}), None, 0, HOSTILE, status="En attente <b>")
    assert "<img" not in page and "&lt;img src=x" in page and "En attente &lt;b&gt;" in page
    assert "0 participant a noté" in text_of(page)


def test_an_own_level_out_of_the_grid_is_not_shown(grid):
    first = grid.criteria[0].id
    page = live_ratings_html(grid, rating_summary(grid, {"r": {first: 1}}), {first: 99}, 1)
    assert table_rows(page)[1][1] == "—"


def test_the_screen_shows_what_it_is_given(grid):
    screen = RoomLiveRatings(grid)
    assert "Aucun projet ne pitche" in text_of(screen.table.value)
    first = grid.criteria[0].id
    screen.show(rating_summary(grid, {"a": {first: 1}, "b": {first: 3}}), {first: 3}, 2, "Épicerie")
    assert table_rows(screen.table.value)[1][1:] == [
        "Fort (4)",
        "Faible (2)",
        "Faible (2) – Fort (4)",
        "2",
        "salle −2 ▼",
    ]
