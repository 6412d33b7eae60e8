"""The grid on a phone: every level a full-width choice with its whole descriptor; the live profile."""

from __future__ import annotations

import isgrille
from isgrille.content.model import plain_text
from isgrille.widgets.phone_grid import NOT_RATED_VALUE, PhoneAssessment, PhoneRating, RatingCards, level_options

from ..grids import make_grid
from .reading import images_of, shown_text, table_rows


def test_each_level_shows_its_whole_descriptor(grid):
    criterion = grid.criteria[0]
    options = level_options(grid, criterion)
    assert len(options) == len(grid.levels) + 1
    for (text, _value), level, descriptor in zip(options[:-1], grid.levels, criterion.descriptors, strict=True):
        assert text == f"{level}\u00a0: {plain_text(descriptor).strip()}"  # whole, never cut
    assert options[-1] == ("Non renseigné", NOT_RATED_VALUE)


def test_rating_saves_and_redraws_the_profile(grid, store):
    phone = PhoneAssessment(grid, store)
    before = phone.profile.png
    first, second = grid.criteria[0].id, grid.criteria[1].id
    phone.cards.pickers[first].value = 2
    phone.cards.pickers[second].value = NOT_RATED_VALUE
    assert store.load().assessment().ratings == {first: 2, second: None}
    assert phone.profile.png != before
    rows = table_rows(phone.profile.table.value)
    assert rows[0] == ["Critère", "Mon projet"]
    assert rows[1] == [grid.criteria[0].label, grid.levels[2]]
    assert images_of(phone.profile.chart.value)[0][0]  # the radar has its text alternative


def test_any_grid_size(tmp_path):
    for shape, levels in (([3, 1], 5), ([1], 2), ([2, 2, 2, 1], 7)):
        grid = make_grid(shape, levels)
        store = isgrille.ResultsStore(grid, tmp_path / f"{levels}.json")
        phone = PhoneAssessment(grid, store)
        assert len(phone.cards.pickers) == sum(shape)
        last = grid.criteria[-1]
        assert [v for _, v in phone.cards.pickers[last.id].options] == [*range(levels), NOT_RATED_VALUE]
        phone.cards.pickers[last.id].value = levels - 1
        assert store.load().assessment().ratings == {last.id: levels - 1}
        assert f"{last.id} au niveau {levels - 1}" in phone.cards.pickers[last.id].options[-2][0]


def test_reload_shows_saved_ratings_without_saving(grid, store, path):
    PhoneAssessment(grid, store).cards.pickers[grid.criteria[3].id].value = 1
    again = PhoneAssessment(grid, isgrille.ResultsStore(grid, path))
    assert again.cards.pickers[grid.criteria[3].id].value == 1
    assert again.cards.pickers[grid.criteria[0].id].value is None


def test_rating_cards_call_back_only_for_choices(small_grid):
    heard = []
    cards = RatingCards(small_grid, {}, lambda cid, level: heard.append((cid, level)))
    cards.set_ratings({"c0_0": 1, "c0_1": None})
    assert heard == []
    assert cards.ratings() == {"c0_0": 1, "c0_1": None}
    cards.pickers["c1_0"].value = NOT_RATED_VALUE
    assert heard == [("c1_0", None)]


def test_rating_another_project(small_grid):
    saved = []
    phone = PhoneRating(small_grid)
    phone.wait("En attente du projet qui pitche.")
    assert "En attente" in shown_text(phone) and phone.cards.layout.display == "none"
    phone.rate("<img src=x onerror=alert(1)>", {"c0_0": 2}, saved.append)
    assert "<img" not in phone.title.value and "&lt;img src=x" in phone.title.value
    assert phone.cards.layout.display is None
    phone.cards.pickers["c0_1"].value = 0
    assert saved == [{"c0_0": 2, "c0_1": 0}]


def test_rating_failure_is_said_in_french(small_grid):
    def broken(_ratings):
        raise OSError("disque plein")

    phone = PhoneRating(small_grid)
    phone.rate("Projet", {}, broken)
    phone.cards.pickers["c0_0"].value = 1
    assert "n'a pas pu être enregistrée" in shown_text(phone) and "disque plein" in shown_text(phone)


def test_shared_radar_draws_like_a_radar_of_ones_own_even_from_many_threads(grid):
    from concurrent.futures import ThreadPoolExecutor

    from isgrille.content.model import Assessment
    from isgrille.plots.live_radar import LiveRadar
    from isgrille.widgets.phone_grid import shared_radar

    assert shared_radar(grid) is shared_radar(grid)  # the frame is drawn once per grid
    assessments = [
        Assessment("P", {c.id: (k + n) % len(grid.levels) for k, c in enumerate(grid.criteria)}) for n in range(4)
    ]
    expected = [LiveRadar(grid).png([a], ["Mon projet"]) for a in assessments]
    with ThreadPoolExecutor(8) as pool:
        drawn = list(pool.map(lambda k: shared_radar(grid).png([assessments[k % 4]], ["Mon projet"]), range(40)))
    assert all(png == expected[k % 4] for k, png in enumerate(drawn))
