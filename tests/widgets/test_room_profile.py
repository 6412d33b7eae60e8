"""The room's profile: the map projects × criteria (escaped), the levels chart, self vs the trainer."""

from __future__ import annotations

from isgrille.analysis.room import RoomReader
from isgrille.widgets.room_profile import RoomProfile, level_colours, matrix_html

from ..rooms import HOSTILE, visitor
from .reading import images_of, table_rows, text_of
from .room_fixtures import room, snapshot  # noqa: F401


def test_the_map_has_a_row_per_project_with_level_numbers(snapshot, grid):  # noqa: F811
    profile = RoomProfile(grid)
    profile.show(snapshot)
    rows = table_rows(profile.matrix.value)
    assert rows[0][1:] == [c.label for c in grid.criteria]
    assert rows[1][:5] == ["Recyclerie", "2", "2", "2", "—"]
    assert rows[2][1:] == ["1"] * len(grid.criteria) and HOSTILE not in profile.matrix.value
    assert images_of(profile.levels.value)[0][0]  # the levels chart has its alt text


def test_the_comparison_shows_where_self_and_trainer_differ_most(snapshot, grid):  # noqa: F811
    profile = RoomProfile(grid)
    profile.show(snapshot)
    assert profile.project.value == (str(snapshot.cohort.projects[0].source), "Recyclerie")
    assert profile.second.value == "formateur"
    rows = table_rows(profile.comparison.value)
    top = len(grid.levels) - 1
    assert rows[1] == [grid.criteria[0].label, grid.levels[1], grid.levels[top], f"+{top - 1}"]
    assert len(rows) == 2  # the second criterion is the same on both sides
    assert profile.radar.png


def test_without_two_assessments_there_is_nothing_to_compare(tmp_path, grid, quiz):
    visitor(tmp_path, "aaaaaaaa1", grid, "Seul", rated=2)
    profile = RoomProfile(grid)
    profile.show(RoomReader([tmp_path], grid, quiz, room=True).read())
    assert "Aucun projet n'a encore deux évaluations" in text_of(profile.comparison.value)
    assert "Aucun projet" in matrix_html([], grid)


def test_level_colours_always_contrast():
    for levels in range(2, 8):
        colours = level_colours(levels)
        assert len(colours) == levels and colours[0][1] == "#000" and colours[-1][1] == "#fff"
