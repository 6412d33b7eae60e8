"""Tests of isgrille.plots.live_radar: LiveRadar's PNGs, compared pixel by pixel with plot_profile's.

LiveRadar lays the frame out once, without series, and then only blits the
series over it. So its empty picture is exactly ``plot_profile(grid, [])``
at the same dpi, and a rating changed changes only series pixels. A full
``plot_profile`` with series lays the figure out again to make room for the
legend: its picture is LiveRadar's moved up by a few pixels, otherwise the
same (checked below with a small tolerance for anti-aliasing).
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from isgrille.content.model import Assessment
from isgrille.plots.live_radar import LiveRadar
from isgrille.plots.radar import plot_profile

from .drawing import MATH_LIKE, PNG, unparsed_texts


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def drawn(ax, dpi: int) -> np.ndarray:
    """What plot_profile's figure looks like when drawn whole at ``dpi``."""
    figure = ax.figure
    figure.set_dpi(dpi)
    figure.canvas.draw()
    return np.asarray(figure.canvas.buffer_rgba())[..., :3].astype(int)


def changed(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Mask of the pixels that differ."""
    return np.abs(first - second).max(axis=2) > 0


def rerated(assessment: Assessment, criterion_id: str, level: int | None) -> Assessment:
    return Assessment(assessment.project, {**assessment.ratings, criterion_id: level}, assessment.assessor)


@pytest.fixture(scope="module")
def live(grid):
    return LiveRadar(grid, dpi=50)


def test_png_bytes_of_the_figure_size(grid, pair):
    for dpi in (40, 50):
        data = LiveRadar(grid, dpi=dpi).png(pair, ["a", "b"])
        assert isinstance(data, bytes) and data.startswith(PNG)
        assert Image.open(io.BytesIO(data)).size == (8 * dpi, 8 * dpi)  # plot_profile's 8 × 8 inches


def test_empty_picture_is_exactly_plot_profile_without_series(grid, live):
    assert np.array_equal(pixels(live.png([], [])), drawn(plot_profile(grid, []), 50))


def test_pixels_change_when_a_rating_changes(live, pair):
    mine = pair[0]
    assert mine.ratings["caractere_collectif"] == 2
    before = pixels(live.png([mine], ["moi"]))
    after = pixels(live.png([rerated(mine, "caractere_collectif", 0)], ["moi"]))
    assert changed(before, after).sum() > 50
    not_rated = pixels(live.png([rerated(mine, "caractere_collectif", None)], ["moi"]))
    assert changed(before, not_rated).sum() > 50 and changed(after, not_rated).sum() > 50


def test_only_series_pixels_change_between_two_assessments(live, pair):
    frame = pixels(live.png([], []))
    first = pixels(live.png([pair[0]], ["moi"]))
    second = pixels(live.png([pair[1]], ["moi"]))
    differ = changed(first, second)
    assert differ.sum() > 500
    on_a_series = changed(first, frame) | changed(second, frame)
    assert not (differ & ~on_a_series).any()  # the frame is left as it was
    assert on_a_series.mean() < 0.1


def test_a_redraw_leaves_nothing_behind(live, pair):
    once = live.png([pair[0]], ["moi"])
    live.png(pair, ["moi", "formateur"])
    live.png([], [])
    assert live.png([pair[0]], ["moi"]) == once
    assert len(live.ax.get_legend().get_texts()) == 1


def test_close_to_a_full_plot_profile_moved_by_the_layout(grid, live, pair):
    """Same picture as plot_profile's, moved up by the room its own layout makes for the legend."""
    mine = pixels(live.png(pair, ["moi", "formateur"]))
    full = drawn(plot_profile(grid, pair, labels=["moi", "formateur"]), 50)
    assert full.shape == mine.shape
    height = mine.shape[0]

    def far_apart(dy: int) -> float:
        """Share of pixels clearly different (not mere anti-aliasing) once ``mine`` is moved up by ``dy``."""
        return (np.abs(full[: height - dy] - mine[dy:]).max(axis=2) > 128).mean()

    share, shift = min((far_apart(dy), dy) for dy in range(height // 20))  # at most 5 % of the height
    assert share < 0.005, (share, shift)
    assert far_apart(0) > 10 * share  # the match does come from the shift


def test_labels_are_the_legend(live, pair):
    live.png(pair, ["Équipe", "Formatrice"])
    assert [t.get_text() for t in live.ax.get_legend().get_texts()] == ["Équipe", "Formatrice"]


def test_labels_typed_by_learners_are_drawn_as_they_are(live, pair):
    assert live.png(pair, MATH_LIKE).startswith(PNG)
    assert [t.get_text() for t in live.ax.get_legend().get_texts()] == MATH_LIKE
    assert unparsed_texts(live.ax.figure) == []


# --- the legend: as many rows as the series need, whole, inside the picture ----------------


def legend_boxes(live: LiveRadar) -> list:
    """The window extent of every legend entry (its text and its line), in pixels."""
    renderer = live.ax.figure.canvas.get_renderer()
    legend = live.ax.get_legend()
    return [artist.get_window_extent(renderer) for artist in [*legend.get_texts(), *legend.legend_handles]]


def inside(box, figure) -> bool:
    outer = figure.bbox
    return (
        box.x0 >= outer.x0 - 0.5 and box.y0 >= outer.y0 - 0.5 and box.x1 <= outer.x1 + 0.5 and box.y1 <= outer.y1 + 0.5
    )


@pytest.mark.parametrize("which", ["ami", "questions_cles", "generated"])
@pytest.mark.parametrize("dpi", [50, 80])
def test_every_legend_entry_is_inside_the_picture_for_one_to_eight_series(which, dpi):
    from isgrille.content.loading import grid_source, load_grid

    from ..grids import make_grid

    grid = make_grid([5, 4, 6], 5) if which == "generated" else load_grid(grid_source(which))
    live = LiveRadar(grid, dpi=dpi)
    size = None
    for count in [*range(1, 9), 2, 7, 1]:  # more series, then fewer again: each drawing stands on its own
        assessment = Assessment("P", {c.id: i % len(grid.levels) for i, c in enumerate(grid.criteria)})
        labels = [f"Évaluatrice n°{i + 1}" for i in range(count)]
        png = live.png([assessment] * count, labels)
        assert [t.get_text() for t in live.ax.get_legend().get_texts()] == labels
        boxes = legend_boxes(live)
        assert len(boxes) == 2 * count
        assert all(inside(box, live.ax.figure) for box in boxes), (count, [tuple(b.extents) for b in boxes])
        rows = {round(box.y0) for box in boxes[:count]}
        assert len(rows) == -(-count // 3)  # three a row: 4 series are two rows, 7 are three
        assert size in (None, Image.open(io.BytesIO(png)).size)
        size = Image.open(io.BytesIO(png)).size


def test_without_series_again_the_frame_is_exactly_the_first_one(grid, pair):
    live = LiveRadar(grid, dpi=50)
    empty = pixels(live.png([], []))
    after = pixels(live.png(pair * 4, [str(i) for i in range(8)]))  # three rows: laid out again
    assert not np.array_equal(after, empty)
    assert np.array_equal(pixels(live.png([], [])), empty)  # back to the frame alone, exactly
