"""The live room's figures: the words of « mon projet en 2 mots », the room's ratings of a pitch summed up."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from isgrille.analysis.room_live import (
    MAX_TEXT,
    MAX_TEXTS,
    ROOM_ASSESSOR,
    raters,
    rating_summary,
    room_assessment,
    word_counts,
)

from ..grids import grids, make_grid


def test_words_are_counted_case_folded_and_shown_as_typed_most_often():
    counts = word_counts(
        [
            "Recyclerie solidaire",
            "RECYCLERIE, solidaire\u202f!",
            "recyclerie — Solidaire",
            "Solidaire\u202f; Recyclerie",
        ]
    )
    assert counts == [("Recyclerie", 4), ("solidaire", 4)]


def test_stop_words_elisions_punctuation_and_numbers_are_left_out():
    counts = dict(
        word_counts(
            [
                "L'insertion par l’emploi",
                "Le projet\u00a0: de l'emploi, pour tous\u202f!",
                "2024 — 3 x",
                "«\u00a0Épicerie\u00a0» (solidaire)...",
                "jusqu'au bout",
            ]
        )
    )
    assert counts == {"insertion": 1, "emploi": 2, "Épicerie": 1, "solidaire": 1, "bout": 1}


def test_accents_and_hyphens_stay_in_a_word():
    assert word_counts(["Tiers-lieu écologique", "tiers-lieu ECOLOGIQUE"]) == [
        ("Tiers-lieu", 2),
        ("écologique", 1),
        ("ECOLOGIQUE", 1),
    ]


def test_most_frequent_first_then_in_the_order_typed_and_limited():
    assert word_counts(["bb aa-aa cc", "cc dd", "cc bb"], limit=3) == [("cc", 3), ("bb", 2), ("aa-aa", 1)]
    assert word_counts(["un mot"], limit=0) == []


def test_input_is_bounded():
    many = ["alpha"] * (MAX_TEXTS + 50)
    assert word_counts(many) == [("alpha", MAX_TEXTS)]
    assert word_counts(["x" * MAX_TEXT + " caché"]) == [("x" * 40, 1)]  # past MAX_TEXT unread, a word cut at 40
    assert word_counts([None, 3, "vrai"]) == [("vrai", 1)]  # type: ignore[list-item]


def test_hostile_text_is_only_words():
    assert word_counts(["<img src=x onerror=alert(1)>"]) == [("img", 1), ("src", 1), ("onerror", 1), ("alert", 1)]


def test_the_median_is_a_level_the_lower_of_two_middles():
    grid = make_grid([1], 4)
    cid = grid.criteria[0].id
    summary = rating_summary(grid, {"a": {cid: 0}, "b": {cid: 3}})
    assert (summary[0].rated, summary[0].median, summary[0].low, summary[0].high) == (2, 0, 0, 3)
    summary = rating_summary(grid, {"a": {cid: 1}, "b": {cid: 3}, "c": {cid: 2}})
    assert summary[0].median == 2 and summary[0].counts == (0, 1, 1, 1)


def test_unrated_unknown_and_bad_levels_are_left_out():
    grid = make_grid([2], 3)
    first, second = (c.id for c in grid.criteria)
    summary = rating_summary(
        grid,
        {
            "a": {first: None, "inconnu": 1},
            "b": {first: 7, second: True},
            "c": {first: -1, second: "Fort"},
            "d": "pas des notes",
        },
    )  # type: ignore[dict-item]
    assert [(s.criterion, s.rated, s.median, s.low, s.high) for s in summary] == [
        (first, 0, None, None, None),
        (second, 0, None, None, None),
    ]
    assert room_assessment(summary) == {first: None, second: None}


def test_the_rooms_assessment_is_the_medians_in_grid_order():
    grid = make_grid([1, 1], 3)
    first, second = (c.id for c in grid.criteria)
    summary = rating_summary(grid, {"a": {second: 2, first: 1}, "b": {second: 0}})
    assert list(room_assessment(summary).items()) == [(first, 1), (second, 0)]
    assert ROOM_ASSESSOR == "la salle"
    assert raters({"a": {first: None}, "b": {first: 1}, "c": {}}) == 1


@given(grids(), st.data())
def test_the_median_lies_within_the_spread(grid, data):
    level = st.one_of(st.none(), st.integers(0, grid.top_index))
    ratings = {f"r{i}": {c.id: data.draw(level) for c in grid.criteria} for i in range(data.draw(st.integers(0, 7)))}
    for item in rating_summary(grid, ratings):
        given_levels = sorted(r[item.criterion] for r in ratings.values() if r[item.criterion] is not None)
        assert item.rated == len(given_levels) == sum(item.counts)
        if given_levels:
            assert item.low <= item.median <= item.high
            assert sum(n for n in item.counts[: item.median + 1]) >= item.rated / 2  # at least half at or below
        else:
            assert item.median is None


@pytest.mark.parametrize("texts", [[], [""], ["   "], ["le la les de"]])
def test_nothing_to_count(texts):
    assert word_counts(texts) == []
